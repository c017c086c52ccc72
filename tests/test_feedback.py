"""Self-study feedback: every visible test explains a failure in plain words, and says when it passed.

The visible test cells of every student notebook in ``exercises/`` are run
in this process, after the chapter's setup cell, against answers built from
the model answer in ``solutions/``:

* the model answer itself: the cell must print ``✔ Task N: all visible checks passed.``
  (every task; the wrong answers below are made for tasks whose answer is a function);
* wrong type: an answer returning ``None`` (a forgotten ``return``) and one
  returning the right value as the wrong type (a ``str``; a ``list`` where a
  ``str`` is expected): the cell must fail with an :class:`AnswerError`,
  never a bare ``TypeError`` or ``KeyError`` from the test code, and give a hint;
* wrong length (one item fewer) and wrong value (the first item changed):
  when the visible checks catch them, they must fail the same friendly way
  (some wrong values are left to the hidden tests, which is fine).

A friendly message says what was expected ("should", "expected"); a few
cases below pin the whole wording of each kind of message (type, length,
value, hint), as a student sees it.
"""

from __future__ import annotations

import ast
import contextlib
import io
import re
import sys
from pathlib import Path

import nbformat
import pytest

from framelab.checks import AnswerError

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from tools.sample_class import model_answers  # noqa: E402

CHAPTERS = sorted(p.parent.name for p in ROOT.glob("solutions/*/*.ipynb"))


def _by_id(nb) -> dict[str, nbformat.NotebookNode]:
    return {c.metadata.get("nbgrader", {}).get("grade_id"): c for c in nb.cells}


def _tasks() -> list[tuple[str, str]]:
    """(chapter, grade_id) of every visible code test cell that has a code answer above it."""
    found = []
    for chapter in CHAPTERS:
        release = nbformat.read(ROOT / "exercises" / chapter / f"{chapter}.ipynb", as_version=4)
        cells = _by_id(release)
        for grade_id, cell in cells.items():
            meta = cell.metadata.get("nbgrader", {})
            answer = f"{grade_id.split('-')[0]}-answer" if grade_id else ""
            if cell.cell_type == "code" and meta.get("grade") and not meta.get("solution") and answer in cells:
                found.append((chapter, grade_id))
    return found


def _function_of(source: str) -> str | None:
    """The function an answer cell defines (its first top-level ``def``), or None (e.g. a class)."""
    first = next((node for node in ast.parse(source).body if isinstance(node, (ast.FunctionDef, ast.ClassDef))), None)
    return first.name if isinstance(first, ast.FunctionDef) else None


def _answers(chapter: str) -> dict[str, str]:
    return model_answers(nbformat.read(ROOT / "solutions" / chapter / f"{chapter}.ipynb", as_version=4))


TASKS = _tasks()
# Wrong answers are built by passing a function's return value through a change;
# a task whose answer is a class (a widget in chapter 09) is only run with the model answer.
FUNCTION_TASKS = [(c, g) for c, g in TASKS if _function_of(_answers(c)[f"{g.split('-')[0]}-answer"])]
_SETUPS: dict[str, dict] = {}


def _chapter(chapter: str, monkeypatch: pytest.MonkeyPatch) -> tuple[dict, dict, dict[str, str]]:
    """The chapter's setup namespace (run once), its release cells and model answers."""
    release = nbformat.read(ROOT / "exercises" / chapter / f"{chapter}.ipynb", as_version=4)
    answers = _answers(chapter)
    monkeypatch.chdir(ROOT / "exercises" / chapter)  # where a student's notebook runs
    if chapter not in _SETUPS:
        namespace: dict = {}
        with contextlib.redirect_stdout(io.StringIO()):
            exec(compile(_by_id(release)["setup"].source, f"{chapter} setup", "exec"), namespace)
        _SETUPS[chapter] = namespace
    return _SETUPS[chapter], _by_id(release), answers


def _run_test_cell(chapter: str, grade_id: str, change, monkeypatch: pytest.MonkeyPatch) -> tuple[str, BaseException | None]:
    """Run the visible test cell with the model answer passed through ``change``; return (stdout, error)."""
    setup, cells, answers = _chapter(chapter, monkeypatch)
    namespace = dict(setup)
    for answer_id, answer in answers.items():  # later tasks may call earlier tasks' functions
        if cells[answer_id].cell_type == "code":
            exec(compile(answer, f"{chapter} {answer_id} model answer", "exec"), namespace)
    if change is not None:
        name = _function_of(answers[f"{grade_id.split('-')[0]}-answer"])
        model = namespace[name]

        def changed(*args, **kwargs):
            value = model(*args, **kwargs)
            if value is None:  # an answer that works by side effect: nothing to change
                pytest.skip(f"{name}() returns None by design; its effect, not its value, is the answer")
            return change(value)

        namespace[name] = changed
    out = io.StringIO()
    try:
        with contextlib.redirect_stdout(out):
            exec(compile(cells[grade_id].source, f"{chapter} {grade_id}", "exec"), namespace)
    except Exception as error:  # the point of the test: which exception, with which message
        return out.getvalue(), error
    finally:
        if "matplotlib.pyplot" in sys.modules:
            sys.modules["matplotlib.pyplot"].close("all")
    return out.getvalue(), None


def wrong_type(value):
    """The same answer as another type: a str (or, for a str, a list holding it)."""
    return [value] if isinstance(value, str) else str(value)


def one_fewer(value):
    """The answer with its last item left out (sized answers with two or more items)."""
    import pandas as pd

    if isinstance(value, (list, tuple, str)) and len(value) >= 2:
        return value[:-1]
    if isinstance(value, dict) and len(value) >= 2:
        return dict(list(value.items())[:-1])
    if isinstance(value, set) and len(value) >= 2:
        return set(sorted(value, key=repr)[:-1])
    if isinstance(value, pd.DataFrame) and len(value) >= 2:
        return value.iloc[:-1]
    return value


def first_changed(value):
    """The answer with its first item changed: a number + 1, a string with an extra letter."""
    import pandas as pd

    if isinstance(value, bool):
        return not value
    if isinstance(value, (int, float)):
        return value + 1
    if isinstance(value, str):
        return value + "x"
    if isinstance(value, list) and value:
        return [first_changed(value[0]), *value[1:]]
    if isinstance(value, tuple) and value:
        return (first_changed(value[0]), *value[1:])
    if isinstance(value, dict) and value:
        key = sorted(value, key=repr)[0]
        return {**value, key: first_changed(value[key])}
    if isinstance(value, pd.DataFrame) and len(value):
        changed = value.copy()
        changed.iloc[0, -1] = first_changed(changed.iloc[0, -1])
        return changed
    return value


def _friendly(error: BaseException | None, what: str) -> str:
    assert isinstance(error, AnswerError), (
        f"{what}: the test cell failed with {type(error).__name__}: {error} "
        "instead of an AnswerError explaining what is wrong (framelab.checks)"
    )
    message = str(error)
    assert re.search(r"should|expected", message), f"{what}: the message does not say what was expected: {message!r}"
    return message


@pytest.mark.parametrize("chapter, grade_id", TASKS, ids=[f"{c}-{g}" for c, g in TASKS])
def test_the_model_answer_is_told_it_passed(chapter: str, grade_id: str, monkeypatch: pytest.MonkeyPatch) -> None:
    out, error = _run_test_cell(chapter, grade_id, None, monkeypatch)
    assert error is None, f"{chapter} {grade_id}: the model answer fails its visible test: {error!r}"
    task = re.match(r"task(\d+)", grade_id).group(1)
    assert out.rstrip().endswith(f"✔ Task {task}: all visible checks passed."), out


@pytest.mark.parametrize("chapter, grade_id", FUNCTION_TASKS, ids=[f"{c}-{g}" for c, g in FUNCTION_TASKS])
def test_wrong_types_fail_with_a_plain_message(chapter: str, grade_id: str, monkeypatch: pytest.MonkeyPatch) -> None:
    for name, change in [("None (no return)", lambda value: None), ("wrong type", wrong_type)]:
        out, error = _run_test_cell(chapter, grade_id, change, monkeypatch)
        message = _friendly(error, f"{chapter} {grade_id} with {name}")
        assert "Hint: " in message, f"{chapter} {grade_id} with {name}: no hint in {message!r}"
        assert "✔" not in out


@pytest.mark.parametrize("chapter, grade_id", FUNCTION_TASKS, ids=[f"{c}-{g}" for c, g in FUNCTION_TASKS])
def test_wrong_lengths_and_values_fail_with_a_plain_message(chapter: str, grade_id: str, monkeypatch: pytest.MonkeyPatch) -> None:
    for name, change in [("one item fewer", one_fewer), ("the first item changed", first_changed)]:
        out, error = _run_test_cell(chapter, grade_id, change, monkeypatch)
        if error is not None:  # caught by the visible checks: then in plain words
            _friendly(error, f"{chapter} {grade_id} with {name}")
            assert "✔" not in out


def test_most_wrong_lengths_and_values_are_caught_by_the_visible_checks(monkeypatch: pytest.MonkeyPatch) -> None:
    """The visible checks are not a formality: they catch most of these mistakes before grading."""
    caught = total = 0
    for chapter, grade_id in FUNCTION_TASKS:
        for change in (one_fewer, first_changed):
            try:
                out, error = _run_test_cell(chapter, grade_id, change, monkeypatch)
            except pytest.skip.Exception:  # a function without a return value
                continue
            total += 1
            caught += error is not None
    assert total >= 20 and caught >= 0.6 * total, f"only {caught} of {total} wrong lengths and values are caught"


# -- what a student reads, word for word, for each kind of mistake -----------------


@pytest.mark.parametrize(
    "chapter, grade_id, change, expected",
    [
        (
            "01-meet-the-corpus", "task1-tests", lambda value: None,
            "should be a dict, but your answer is None. Does your function end with a `return` statement? Hint: ",
        ),
        (
            "01-meet-the-corpus", "task2-tests", wrong_type,
            "should be an int, but your answer is a str: '3'. Hint: ",
        ),
        (
            "01-meet-the-corpus", "task1-tests", one_fewer,
            "should have 5 items, but it has 4. Hint: ",
        ),
        (
            "01-meet-the-corpus", "task5-tests", first_changed,
            "differs from what was expected at position 0: expected '2022-02-02', received '2022-02-02x'. Hint: ",
        ),
        (
            "01-meet-the-corpus", "task2-tests", first_changed,
            "should be 3, but your answer is 4. Hint: ",
        ),
    ],
    ids=["none", "type", "length", "list-value", "number-value"],
)
def test_messages_say_expected_received_and_a_hint(chapter, grade_id, change, expected, monkeypatch) -> None:
    if chapter not in CHAPTERS:
        pytest.fail(f"{chapter} is gone: pick another chapter for these examples")
    out, error = _run_test_cell(chapter, grade_id, change, monkeypatch)
    message = _friendly(error, f"{chapter} {grade_id}")
    assert expected in message, message
    assert message.split("Hint: ", 1)[1].strip(), "the hint is empty"
