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
  when the visible checks catch them, they must fail the same friendly way,
  with a hint; a wrong value's message must show the value received (two
  different wrong values give two different messages). Every wrong value is
  caught by the visible checks except those in :data:`LEFT_TO_HIDDEN_TESTS`;
* answers that are a class or work by side effect (chapter 09's widgets):
  typical mistakes, made by editing the model answer (:data:`MISTAKES`).

A friendly message says what was expected ("should", "expected"); a few
cases below pin the whole wording of each kind of message (type, length,
value, hint), as a student sees it. Every check written in a visible test
cell passes a hint (:func:`test_every_visible_check_gives_a_hint`), so the
checks these wrong answers do not reach are held to the same rule.
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


def _run_test_cell(
    chapter: str, grade_id: str, change, monkeypatch: pytest.MonkeyPatch, mistake: tuple[str, str] | None = None
) -> tuple[str, BaseException | None]:
    """Run the visible test cell with the model answer passed through ``change``; return (stdout, error).

    ``mistake`` is an (old, new) edit of the task's model answer source, for answers whose
    value cannot be changed from outside (a class, a function working by side effect).
    """
    setup, cells, answers = _chapter(chapter, monkeypatch)
    answers = dict(answers)
    task_answer = f"{grade_id.split('-')[0]}-answer"
    if mistake is not None:
        old, new = mistake
        assert old in answers[task_answer], f"{chapter} {task_answer}: the model answer no longer holds {old!r}"
        answers[task_answer] = answers[task_answer].replace(old, new)
    namespace = dict(setup)
    for answer_id, answer in answers.items():  # later tasks may call earlier tasks' functions
        if cells[answer_id].cell_type == "code":
            exec(compile(answer, f"{chapter} {answer_id} model answer", "exec"), namespace)
    if change is not None:
        name = _function_of(answers[task_answer])
        model = namespace[name]

        def changed(*args, **kwargs):
            value = model(*args, **kwargs)
            if value is None:  # an answer that works by side effect: nothing to change
                pytest.skip(f"{name}() returns None by design; its effect, not its value, is the answer")
            new = change(value)
            CHANGES.append(not _same(new, value))
            return new

        namespace[name] = changed
    CHANGES.clear()
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


CHANGES: list[bool] = []  # for each call of the changed answer in the last run: did the change change its value?


def _same(a, b) -> bool:
    import pandas as pd

    if isinstance(a, pd.DataFrame) or isinstance(b, pd.DataFrame):
        return isinstance(a, pd.DataFrame) and isinstance(b, pd.DataFrame) and a.equals(b)
    try:
        return type(a) is type(b) and bool(a == b)
    except (TypeError, ValueError):  # values with no single truth value of ==
        return False


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


def first_changed_twice(value):
    """Another wrong value: the first item changed twice (a number + 2, two extra letters)."""
    return first_changed(first_changed(value))


def _friendly(error: BaseException | None, what: str, hint: bool = False) -> str:
    assert isinstance(error, AnswerError), (
        f"{what}: the test cell failed with {type(error).__name__}: {error} "
        "instead of an AnswerError explaining what is wrong (framelab.checks)"
    )
    message = str(error)
    assert re.search(r"should|expected", message), f"{what}: the message does not say what was expected: {message!r}"
    if hint:
        assert re.search(r"Hint: \S", message), f"{what}: the message gives no hint: {message!r}"
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
        _friendly(error, f"{chapter} {grade_id} with {name}", hint=True)
        assert "✔" not in out


# Wrong values the visible checks do not catch, on purpose: the hidden tests do.
LEFT_TO_HIDDEN_TESTS = {
    # the visible checks test one file's size (003's); the first file's is checked by the hidden tests
    ("01-meet-the-corpus", "task1-tests", "the first item changed"),
}


@pytest.mark.parametrize("chapter, grade_id", FUNCTION_TASKS, ids=[f"{c}-{g}" for c, g in FUNCTION_TASKS])
def test_wrong_lengths_and_values_fail_with_a_plain_message(chapter: str, grade_id: str, monkeypatch: pytest.MonkeyPatch) -> None:
    for name, change in [("one item fewer", one_fewer), ("the first item changed", first_changed)]:
        out, error = _run_test_cell(chapter, grade_id, change, monkeypatch)
        what = f"{chapter} {grade_id} with {name}"
        if error is None:  # the change changed nothing (one item fewer of a number), or the hidden tests catch it
            if change is first_changed and any(CHANGES):
                assert (chapter, grade_id, name) in LEFT_TO_HIDDEN_TESTS, f"{what}: the visible checks pass a wrong value"
            continue
        message = _friendly(error, what, hint=True)
        assert "✔" not in out
        if change is first_changed:  # the message shows what was received: another wrong value, another message
            _, again = _run_test_cell(chapter, grade_id, first_changed_twice, monkeypatch)
            other = _friendly(again, f"{chapter} {grade_id} with the first item changed twice", hint=True)
            assert other != message, f"{what}: the message does not show the value received: {message!r}"


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


# -- answers that are a class or work by side effect: typical mistakes -------------

# (chapter, grade_id, mistake, (old, new) edit of the model answer, what the message must say)
MISTAKES = [
    (
        "09-framing-explorer", "task2-tests", "not shown before the first change",
        ('    box.observe(show, names="value")\n    show()', '    box.observe(show, names="value")'),
        "should be '2 words', but your answer is ''. Hint: ",
    ),
    (
        "09-framing-explorer", "task2-tests", "shown once, never updated",
        ('    box.observe(show, names="value")\n', ""),
        "should be '1 word', but your answer is '2 words'. Hint: ",
    ),
    (
        "09-framing-explorer", "task2-tests", "always plural",
        ("{'' if count == 1 else 's'}", "s"),
        "should be '1 word', but your answer is '1 words'. Hint: ",
    ),
    (
        "09-framing-explorer", "task4-tests", "the checkbox is not shown",
        ("row.children = (*row.children, self.hide_stop)", "pass"),
        "should be in the Keyness tab's row of controls, but the row holds ",
    ),
    (
        "09-framing-explorer", "task4-tests", "stop words hidden while the box is unticked",
        ("if table is not None and self.hide_stop.value:", "if table is not None:"),
        "should still hold 'for' and 'of', but they are [",
    ),
    (
        "09-framing-explorer", "task4-tests", "not redrawn when the box is ticked",
        ('self.hide_stop.observe(self.on_hide_stop, names="value")', "pass"),
        "should list no stop words, but it lists [",
    ),
    (
        "09-framing-explorer", "task5-tests", "not drawn at the start",
        ("        self.update_sentences()\n", ""),
        "should be 6, but your answer is 0. Hint: ",
    ),
    (
        "09-framing-explorer", "task5-tests", "not redrawn when the term changes",
        ('        self.term.observe(self.update_sentences, names="value")\n', ""),
        "should be 6, but your answer is ",
    ),
    (
        "09-framing-explorer", "task5-tests", "nothing said when no sentence uses the term",
        ("""f'<p class="fl-empty">No sentence of {article_id} uses “{html.escape(term)}”.</p>'""", '""'),
        "uses “zeppelin”.</p>', but your answer is ''. Hint: ",
    ),
]


@pytest.mark.parametrize(
    "chapter, grade_id, mistake, expected", [(c, g, m, e) for c, g, _, m, e in MISTAKES], ids=[f"{c[:2]}-{g}-{n}" for c, g, n, _, _ in MISTAKES]
)
def test_mistakes_in_classes_and_side_effects_fail_with_a_plain_message(chapter, grade_id, mistake, expected, monkeypatch) -> None:
    out, error = _run_test_cell(chapter, grade_id, None, monkeypatch, mistake=mistake)
    message = _friendly(error, f"{chapter} {grade_id} with {mistake}", hint=True)
    assert expected in message, message
    assert "✔" not in out


def test_the_mistakes_cover_every_task_whose_answer_is_not_a_returned_value(monkeypatch: pytest.MonkeyPatch) -> None:
    """Each task the wrong types and values cannot reach (a class, or a function returning None) has mistakes."""
    covered = {(c, g) for c, g, *_ in MISTAKES}
    returning_none = set()
    for chapter, grade_id in FUNCTION_TASKS:
        try:
            _run_test_cell(chapter, grade_id, lambda value: value, monkeypatch)
        except pytest.skip.Exception:
            returning_none.add((chapter, grade_id))
    unreached = (set(TASKS) - set(FUNCTION_TASKS)) | returning_none
    missing = unreached - covered
    assert not missing, f"no wrong answers are tried on {sorted(missing)}: add some to MISTAKES"


# -- every check in a visible test cell gives a hint --------------------------------

CHECKS = {"expect_type": 3, "expect_len": 3, "expect_equal": 3, "expect_true": 2}  # check -> position of its hint


def _checks_without_a_hint(source: str) -> list[str]:
    """The checks of a test cell that give no hint (none, or an empty one), as written."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Raise) and "AnswerError" in ast.unparse(node) and "Hint: " not in ast.unparse(node):
            found.append(ast.get_source_segment(source, node))
        if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in CHECKS):
            continue
        hint = next((k.value for k in node.keywords if k.arg == "hint"), None)
        if hint is None and len(node.args) > CHECKS[node.func.id]:
            hint = node.args[CHECKS[node.func.id]]
        if hint is None or (isinstance(hint, ast.Constant) and not str(hint.value).strip()):
            found.append(ast.get_source_segment(source, node))
    return found


@pytest.mark.parametrize("chapter", CHAPTERS)
def test_every_visible_check_gives_a_hint(chapter: str) -> None:
    """Including the checks no wrong answer above reaches (a later check, a class, a figure)."""
    release = nbformat.read(ROOT / "exercises" / chapter / f"{chapter}.ipynb", as_version=4)
    missing = []
    for grade_id, cell in _by_id(release).items():
        meta = cell.metadata.get("nbgrader", {})
        if cell.cell_type == "code" and meta.get("grade") and not meta.get("solution"):
            missing += [f"{grade_id}: {check}" for check in _checks_without_a_hint(cell.source)]
    assert not missing, "checks without a hint:\n" + "\n".join(missing)


def test_a_check_without_a_hint_is_found() -> None:
    found = _checks_without_a_hint(
        'expect_equal(x, 1, "x")\nexpect_equal(x, 1, "x", "one")\nexpect_true(x, "x?", hint="")\n'
        'expect_len(x, 2, "x", hint=h)\nraise AnswerError("x is wrong.")\nraise AnswerError("x is wrong. Hint: fix it")'
    )
    assert sorted(found) == ['expect_equal(x, 1, "x")', 'expect_true(x, "x?", hint="")', 'raise AnswerError("x is wrong.")'], found


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
