"""Every lesson on another folder of news (issue 13): the notebooks run on tests/data/second_corpus.

tests/data/second_corpus holds four short articles of our own writing (invented
outlets, one invented event: a footbridge in the invented town of Harwick) and
no catalog.csv, so ids, labels and headlines come from the file names and the
texts (framelab.folders, framelab.openings). Each notebook in READY is executed
in memory, with FRAMELAB_CORPUS set to that folder and a temporary working
folder, so nothing is written into notebooks/; it must run without an error and
show framelab.corpus_note's note. On the bundled articles the note must not
appear (the committed outputs, which nbval keeps equal to a fresh run, hold
none). PENDING lists the notebooks not converted yet: a test keeps the two
lists covering every lesson and solution, so none is forgotten.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

import framelab
from framelab.corpus_note import NOTE_HEADING, note_text
from tools.notebooks import execute, read

ROOT = Path(__file__).resolve().parent.parent
SECOND_CORPUS = ROOT / "tests" / "data" / "second_corpus"

#: Notebooks whose code cells choose articles from the loaded corpus and call corpus_note.
READY = [
    "notebooks/00-welcome.ipynb",
    "notebooks/01-meet-the-corpus.ipynb",
    "notebooks/02-tokenizing.ipynb",
    "notebooks/03-counting.ipynb",
    "notebooks/04-comparing.ipynb",
    "notebooks/05-shared-text.ipynb",
    "notebooks/06-voices.ipynb",
    "notebooks/07-framing.ipynb",
    "notebooks/08-visualizing.ipynb",
    "notebooks/09-framing-explorer.ipynb",
    "solutions/01-meet-the-corpus/01-meet-the-corpus.ipynb",
    "solutions/02-tokenizing/02-tokenizing.ipynb",
    "solutions/03-counting/03-counting.ipynb",
    "solutions/04-comparing/04-comparing.ipynb",
    "solutions/05-shared-text/05-shared-text.ipynb",
    "solutions/06-voices/06-voices.ipynb",
    "solutions/07-framing/07-framing.ipynb",
    "solutions/08-visualizing/08-visualizing.ipynb",
    "solutions/09-framing-explorer/09-framing-explorer.ipynb",
]
#: Not converted yet (issue 13, item 1): move each to READY once it runs on the second corpus.
PENDING: list[str] = []

# The bundled articles' ids, 000 to 004, standing alone: not inside a longer number ("3,000", "1.004", "10004").
# Variable names such as text_003 count too: they name one of the five articles.
BUNDLED_ID = re.compile(r"(?<![\d.,])00[0-4](?!\d)")

# An exercise's hidden tests (stripped from the student's copy, run only when grading, which always
# grades on the five bundled articles) may pin values on those articles, but only where they load
# them explicitly: a hidden-test block naming framelab.corpus.SEEDS is left out of the id scan.
HIDDEN_BLOCK = re.compile(r"^[^\S\n]*### BEGIN HIDDEN TESTS\n.*?^[^\S\n]*### END HIDDEN TESTS[^\S\n]*$", re.M | re.S)
NAMES_SEEDS = re.compile(r"\bSEEDS\b")


def _without_seed_pinned_hidden_tests(source: str) -> str:
    """``source`` with each hidden-test block that names SEEDS blanked out, keeping its line count."""
    return HIDDEN_BLOCK.sub(
        lambda block: "\n" * block.group(0).count("\n") if NAMES_SEEDS.search(block.group(0)) else block.group(0),
        source,
    )


def _code_sources(path: Path) -> list[tuple[int, str]]:
    return [(index, cell.source) for index, cell in enumerate(read(path).cells) if cell.cell_type == "code"]


def _output_texts(cell) -> list[str]:
    texts = []
    for output in cell.get("outputs", []):
        if "text" in output:
            texts.append(output["text"])
        for value in output.get("data", {}).values():
            texts.append(value if isinstance(value, str) else json.dumps(value))
    return texts


def test_ready_and_pending_cover_every_lesson_and_solution():
    every = {str(path.relative_to(ROOT)) for path in (ROOT / "notebooks").glob("*.ipynb")}
    every |= {str(path.relative_to(ROOT)) for path in (ROOT / "solutions").glob("*/*.ipynb")}
    both = set(READY) & set(PENDING)
    assert not both, f"{sorted(both)} are in READY and in PENDING: a notebook is one or the other."
    missing = every - set(READY) - set(PENDING)
    assert not missing, (
        f"{sorted(missing)} are in neither READY nor PENDING: add each to PENDING until it is converted."
    )
    gone = (set(READY) | set(PENDING)) - every
    assert not gone, f"{sorted(gone)} are listed but do not exist: remove them from READY or PENDING."


def test_second_corpus_is_a_catalog_less_folder_of_short_articles():
    assert not (SECOND_CORPUS / "catalog.csv").exists(), "the second corpus must exercise the catalog-less path"
    corpus = framelab.load_corpus(SECOND_CORPUS)
    assert [article.label for article in corpus] == [
        "northern-post",
        "valley-courier",
        "riverside-daily",
        "harwick-radio",
    ]
    lengths = [len(article.raw.split()) for article in corpus]
    assert all(250 <= length <= 450 for length in lengths), f"each article should have 250-450 words, not {lengths}"
    # Lesson 05 traces shared text: two outlets share sentences word for word.
    sentences = [set(framelab.split_sentences(article.body)) for article in corpus]
    assert len(sentences[0] & sentences[2]) >= 3


@pytest.mark.parametrize("notebook", READY)
def test_ready_notebook_chooses_articles_from_the_corpus(notebook):
    found = [
        f"cell {index}: {line.strip()}"
        for index, source in _code_sources(ROOT / notebook)
        for line in _without_seed_pinned_hidden_tests(source).splitlines()
        if BUNDLED_ID.search(line)
    ]
    assert not found, (
        f"{notebook} still names one of the five bundled articles in code (choose the article from the loaded "
        "corpus by a rule the text states, e.g. the shortest):\n" + "\n".join(found)
    )


def test_id_scan_skips_only_hidden_tests_that_load_the_bundled_articles():
    source = (
        "tokens = words(corpus[0].body)\n"
        '### BEGIN HIDDEN TESTS\nexpect_equal(count(corpus[3]), 15, "article 003")\n### END HIDDEN TESTS\n'
        "x = 1\n"
        '### BEGIN HIDDEN TESTS\nSEED = {a.id: a for a in load_corpus(SEEDS)}\ncheck(SEED["004"])\n### END HIDDEN TESTS\n'
        'print("001")\n'
    )
    kept = _without_seed_pinned_hidden_tests(source)
    assert [line for line in kept.splitlines() if BUNDLED_ID.search(line)] == [
        'expect_equal(count(corpus[3]), 15, "article 003")',
        'print("001")',
    ]
    assert kept.count("\n") == source.count("\n"), "blanking a block must keep the line count"


@pytest.mark.parametrize("notebook", READY)
def test_ready_notebook_shows_no_note_on_the_bundled_articles(notebook):
    nb = read(ROOT / notebook)
    noted = [index for index, cell in enumerate(nb.cells) if any(NOTE_HEADING in text for text in _output_texts(cell))]
    assert not noted, (
        f"{notebook}: the committed outputs of cells {noted} show the note, but they come from the five articles"
    )
    loads = [source for _, source in _code_sources(ROOT / notebook) if "load_corpus()" in source]
    assert loads and all("corpus_note(corpus)" in source for source in loads), (
        f"{notebook}: every cell that calls load_corpus() should call framelab.corpus_note(corpus) right after it"
    )


def test_note_is_empty_only_for_the_bundled_articles():
    assert note_text(framelab.load_corpus()) == ""
    note = note_text(framelab.load_corpus(SECOND_CORPUS), folder=SECOND_CORPUS)
    assert note.startswith(NOTE_HEADING) and "4 articles" in note and str(SECOND_CORPUS) in note


@pytest.mark.parametrize("notebook", READY)
def test_ready_notebook_runs_on_the_second_corpus(notebook, tmp_path, monkeypatch):
    monkeypatch.setenv("FRAMELAB_CORPUS", str(SECOND_CORPUS))
    # In memory, working in tmp_path: nothing is written into notebooks/.
    executed = execute(read(ROOT / notebook), cwd=tmp_path, name=notebook)
    errors = [
        f"cell {index}: {output.get('ename')}: {output.get('evalue')}"
        for index, cell in enumerate(executed.cells)
        for output in cell.get("outputs", [])
        if output.get("output_type") == "error"
    ]
    assert not errors, f"{notebook} on the second corpus:\n" + "\n".join(errors)
    noted = [index for index, cell in enumerate(executed.cells) if any(NOTE_HEADING in t for t in _output_texts(cell))]
    assert noted, f"{notebook} loaded the second corpus but showed no note that its text speaks of the five articles"
    assert "4 articles" in "".join(t for t in _output_texts(executed.cells[noted[0]]))
