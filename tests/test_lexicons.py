"""Word lists load offline and refuse malformed lines by file and line."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from framelab.errors import LexiconError
from framelab.lexicons import DATA, load_lexicon, load_word_list, stop_words


def test_stop_words_are_function_words_only() -> None:
    words = stop_words()
    assert {"the", "and", "of", "'s", "n't"} <= words
    assert not words & {"said", "claimed", "may", "might", "troops", "russia", "nato"}
    assert all(word == word.lower() for word in words)


def test_every_data_file_states_where_it_came_from() -> None:
    for path in sorted(DATA.iterdir()):
        if path.is_dir():  # a data set in a folder (the held-out attribution set): its README says where it came from
            assert path.name == "__pycache__" or (path / "README.md").read_text(encoding="utf-8").startswith("#"), path.name
        elif path.suffix == ".json":  # JSON has no comments: its "source" field says where it came from
            assert json.loads(path.read_text(encoding="utf-8"))["source"].strip(), path.name
        else:
            assert path.read_text(encoding="utf-8").startswith("#"), path.name


def test_malformed_line_is_named(tmp_path: Path) -> None:
    path = tmp_path / "list.txt"
    path.write_text("# header\nfine\ntwo words\n", encoding="utf-8")
    with pytest.raises(LexiconError, match=r"list\.txt, line 3: 'two words' is not a single word"):
        load_word_list(path)


def test_missing_word_list_is_named(tmp_path: Path) -> None:
    with pytest.raises(LexiconError, match=r"nothing\.txt does not exist"):
        load_word_list(tmp_path / "nothing.txt")


@pytest.mark.parametrize(
    "line, problem",
    [("said neutral", "is not 'entry<TAB>category'"), ("said\tneutral\textra", "is not 'entry<TAB>category'"),
     ("\tneutral", "is not 'entry<TAB>category'"), ("said\t", "is not 'entry<TAB>category'"),
     ("Said\tassertive", "'said' is listed twice")],
    ids=["no-tab", "two-tabs", "empty-entry", "empty-category", "duplicate"],
)
def test_malformed_lexicon_line_is_named(tmp_path: Path, line: str, problem: str) -> None:
    path = tmp_path / "verbs.tsv"
    path.write_text(f"# header\nsaid\tneutral\n{line}\n", encoding="utf-8")
    with pytest.raises(LexiconError) as caught:
        load_lexicon(path)
    assert str(caught.value).startswith(f"{path}, line 3: ") and problem in str(caught.value)


def test_lexicon_entries_are_lower_cased_and_may_hold_several_words(tmp_path: Path) -> None:
    path = tmp_path / "frames.tsv"
    path.write_text("# frames\nMilitary   build-up\tsecurity\n\ndeterrence\tsecurity\n", encoding="utf-8")
    assert load_lexicon(path) == {"military build-up": "security", "deterrence": "security"}


def test_missing_lexicon_is_named(tmp_path: Path) -> None:
    with pytest.raises(LexiconError, match=r"nothing\.tsv does not exist"):
        load_lexicon(tmp_path / "nothing.tsv")
