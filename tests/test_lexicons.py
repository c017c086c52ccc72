"""Word lists load offline and refuse malformed lines by file and line."""

from __future__ import annotations

from pathlib import Path

import pytest

from framelab.errors import LexiconError
from framelab.lexicons import DATA, load_word_list, stop_words


def test_stop_words_are_function_words_only() -> None:
    words = stop_words()
    assert {"the", "and", "of", "'s", "n't"} <= words
    assert not words & {"said", "claimed", "may", "might", "troops", "russia", "nato"}
    assert all(word == word.lower() for word in words)


def test_every_data_file_states_where_it_came_from() -> None:
    for path in sorted(DATA.glob("*.txt")):
        assert path.read_text(encoding="utf-8").startswith("#"), path.name


def test_malformed_line_is_named(tmp_path: Path) -> None:
    path = tmp_path / "list.txt"
    path.write_text("# header\nfine\ntwo words\n", encoding="utf-8")
    with pytest.raises(LexiconError, match=r"list\.txt, line 3: 'two words' is not a single word"):
        load_word_list(path)


def test_missing_word_list_is_named(tmp_path: Path) -> None:
    with pytest.raises(LexiconError, match=r"nothing\.txt does not exist"):
        load_word_list(tmp_path / "nothing.txt")
