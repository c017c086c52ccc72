"""What students get, without a browser (issue 12, items 6 and 8).

* An unanswered exercise task stops Run All with a NotImplementedError that
  says, in plain words, what to do (nbgrader's code stub, nbgrader_config.py).
* Lessons read their data from the package or seeds/, never from tests/, so a
  copy of the collection without tests/ runs; chapter 06's hand annotation is
  framelab/data/quotations_annotated.json, loaded by
  ``framelab.lexicons.annotated_quotations``.

The browser side of the same issue (where `make lab` lands, no nbgrader for
students) is tests/browser/test_students_lab.py.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import nbformat
import pytest
from traitlets.config.loader import PyFileConfigLoader

from framelab import load_corpus
from framelab.errors import LexiconError
from framelab.lexicons import DATA, QUOTATIONS_ANNOTATED, annotated_quotations

ROOT = Path(__file__).resolve().parent.parent
EXERCISES = sorted(ROOT.glob("exercises/*/*.ipynb"))
LESSONS = sorted(ROOT.glob("notebooks/*.ipynb")) + sorted(ROOT.glob("solutions/*/*.ipynb")) + EXERCISES
PLAIN_MESSAGE = re.compile(r"not answered yet: write your answer .* Run All stops at the first task not answered")


def code_stub() -> str:
    config = PyFileConfigLoader("nbgrader_config.py", path=str(ROOT)).load_config()
    return config.ClearSolutions.code_stub["python"]


def code_cells(path: Path) -> list:
    return [c for c in nbformat.read(path, as_version=4).cells if c.cell_type == "code"]


# -- item 6: the stub says what to do ------------------------------------------


def test_code_stub_is_a_not_implemented_error_with_a_plain_message() -> None:
    stub = code_stub()
    assert stub.startswith("# YOUR CODE HERE\n"), "nbgrader's marker line must stay first"
    with pytest.raises(NotImplementedError) as raised:
        exec(compile(stub, "<answer cell>", "exec"), {})  # noqa: S102 - our own config's stub
    assert PLAIN_MESSAGE.search(str(raised.value)), f"the stub's message is not the plain one: {raised.value}"


def test_code_stub_still_works_inside_a_function() -> None:
    # nbgrader indents the stub to the BEGIN SOLUTION line; the call raises it, not the definition.
    body = "\n".join("    " + line for line in code_stub().splitlines())
    namespace: dict = {}
    exec(compile(f"def answer():\n{body}\n", "<answer cell>", "exec"), namespace)  # noqa: S102
    with pytest.raises(NotImplementedError, match="not answered yet"):
        namespace["answer"]()


@pytest.mark.parametrize("exercise", EXERCISES, ids=lambda p: p.parent.name)
def test_every_code_answer_in_the_exercises_has_the_plain_stub(exercise: Path) -> None:
    answers = [c for c in code_cells(exercise) if c.metadata.get("nbgrader", {}).get("solution")]
    assert answers, f"{exercise.name} has no code answer cell"
    bare = [c.metadata["nbgrader"].get("grade_id") for c in answers if not PLAIN_MESSAGE.search(" ".join(
        part.strip().strip('"') for part in c.source.splitlines()))]
    assert not bare, f"{exercise.name}: answer cells {bare} lack the plain stub message; run make exercises"


def test_there_are_exercises() -> None:
    assert len(EXERCISES) >= 9, EXERCISES


# -- item 8: lesson data lives in the package ----------------------------------


@pytest.mark.parametrize("notebook", LESSONS, ids=lambda p: str(p.relative_to(ROOT)))
def test_no_notebook_code_reads_from_tests(notebook: Path) -> None:
    reads = [c.source for c in code_cells(notebook) if re.search(r"\btests[/\\]|[\"']tests[\"']", c.source)]
    assert not reads, f"{notebook.name} reads from tests/, which a copy of the lessons may not have: {reads[:1]}"


def test_lesson_06_reads_the_annotation_from_framelab_data() -> None:
    sources = "\n".join(c.source for c in code_cells(ROOT / "notebooks" / "06-voices.ipynb"))
    assert "quotations_annotated.json" in sources
    assert QUOTATIONS_ANNOTATED.parent == DATA and QUOTATIONS_ANNOTATED.is_file()
    assert not (ROOT / "tests" / "fixtures" / "quotations.json").exists(), "the old copy must go: one answer key"


def test_annotation_says_where_it_came_from_and_fits_the_articles() -> None:
    annotation = annotated_quotations()
    assert "by hand" in annotation["source"] and "seeds/" in annotation["source"]
    bodies = {article.id: article.body for article in load_corpus()}
    assert {q["article"] for q in annotation["quotations"]} == set(bodies)
    for quote in annotation["quotations"]:
        assert bodies[quote["article"]][quote["start"] + 1 : quote["end"] - 1] == quote["text"], quote


def test_annotation_errors_name_the_file_and_what_to_do(tmp_path: Path) -> None:
    with pytest.raises(LexiconError, match=r"missing\.json does not exist"):
        annotated_quotations(tmp_path / "missing.json")
    broken = tmp_path / "broken.json"
    broken.write_text('{\n "source": "x",\n', encoding="utf-8")
    with pytest.raises(LexiconError, match=r"broken\.json, line \d+: not valid JSON .* restore it from git"):
        annotated_quotations(broken)
    partial = tmp_path / "partial.json"
    partial.write_text(json.dumps({"source": "x", "quotations": []}), encoding="utf-8")
    with pytest.raises(LexiconError, match=r"partial\.json lacks 'description', 'unmatched_marks'"):
        annotated_quotations(partial)
