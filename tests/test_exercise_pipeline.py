"""The exercise pipeline: solutions/ (nbgrader sources) -> exercises/ (what students get).

* the committed exercises/ equal a fresh ``nbgrader generate_assignment``, byte for byte;
* no solution code, hidden test or written answer leaks into exercises/;
* an untouched exercise runs: only answer and test cells fail, and only with
  NotImplementedError, and every autograded test does fail (a test that
  passes on an empty answer can never catch a wrong one);
* every solution notebook has the shape GUIDE.md section 5 asks for.

The tests are parametrized over the chapters that exist; ``test_there_is_at_least_one_chapter``
makes sure that "no chapter" cannot count as success.
"""

from __future__ import annotations

import filecmp
import sys
from pathlib import Path

import nbformat
import pytest

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # tools/ is not installed; `pytest` alone does not add the repo root
    sys.path.insert(0, str(ROOT))

from tools.exercises import CHAPTER, generate  # noqa: E402
from tools.notebooks import execute  # noqa: E402

SOLUTIONS = sorted(ROOT.glob("solutions/*/*.ipynb"))
EXERCISES = sorted(ROOT.glob("exercises/*/*.ipynb"))
MARKERS = ("BEGIN SOLUTION", "END SOLUTION", "BEGIN HIDDEN TESTS", "END HIDDEN TESTS")
DIFFICULTY = ("☼", "◑", "●")
# Local droppings that are gitignored and never generated.
IGNORED = {".ipynb_checkpoints", "__pycache__", ".gitkeep"}


def _label(path: Path) -> str:
    return str(path.relative_to(ROOT))


def _grading(cell) -> dict:
    return cell.metadata.get("nbgrader", {})


def _files(folder: Path) -> dict[str, Path]:
    """Files under ``folder`` by relative path, skipping gitignored droppings."""
    if not folder.is_dir():
        return {}
    return {
        str(p.relative_to(folder)): p
        for p in sorted(folder.rglob("*"))
        if p.is_file() and not IGNORED & set(p.relative_to(folder).parts)
    }


def _chapters(folder: str) -> set[str]:
    return {p.name for p in (ROOT / folder).glob("*") if p.is_dir() and CHAPTER.match(p.name)}


# -- presence ---------------------------------------------------------------


def test_there_is_at_least_one_chapter() -> None:
    """Guard against vacuous success: with no chapter, every parametrized test below has no case."""
    assert SOLUTIONS, (
        "no solutions/NN-slug/NN-slug.ipynb exists yet, so the exercise pipeline "
        "tests have nothing to check. This fails on purpose until a chapter exists."
    )


def test_exercises_and_solutions_have_the_same_chapters() -> None:
    missing = sorted(_chapters("solutions") - _chapters("exercises"))
    extra = sorted(_chapters("exercises") - _chapters("solutions"))
    assert not missing and not extra, (
        f"chapters in solutions/ without exercises/: {missing}; in exercises/ without "
        f"solutions/: {extra}. Run `make exercises` (and delete exercises of removed chapters)."
    )


# -- (a) committed exercises equal a fresh generation -----------------------


def test_exercises_are_up_to_date(tmp_path: Path) -> None:
    fresh_dir = tmp_path / "exercises"
    if SOLUTIONS:
        generate(fresh_dir)
    fresh, committed = _files(fresh_dir), _files(ROOT / "exercises")
    problems = [f"exercises/{name} is missing" for name in sorted(fresh.keys() - committed.keys())]
    problems += [f"exercises/{name} is not generated from solutions/" for name in sorted(committed.keys() - fresh.keys())]
    problems += [
        f"exercises/{name} differs from a fresh generation"
        for name in sorted(fresh.keys() & committed.keys())
        if not filecmp.cmp(fresh[name], committed[name], shallow=False)
    ]
    assert not problems, "\n".join(problems) + "\nRun `make exercises` and commit the result."


# -- (b) nothing secret leaks -------------------------------------------------


def _secret_lines(solution) -> set[str]:
    """Stripped lines (> 3 chars) inside solution / hidden-test blocks of code cells.

    Lines that also occur outside any block (a shared ``checks.passed(...)``,
    a visible assertion repeated in the hidden tests) are public, not secret.
    """
    secret, public = set(), set()
    for cell in solution.cells:
        if cell.cell_type != "code":
            continue
        inside = False
        for line in cell.source.splitlines():
            text = line.strip()
            if "BEGIN SOLUTION" in text or "BEGIN HIDDEN TESTS" in text:
                inside = True
            elif "END SOLUTION" in text or "END HIDDEN TESTS" in text:
                inside = False
            elif len(text) > 3:
                (secret if inside else public).add(text)
    return secret - public


def _exercise_for(solution_path: Path) -> Path:
    return ROOT / "exercises" / solution_path.parent.name / solution_path.name


@pytest.mark.parametrize("solution_path", SOLUTIONS, ids=_label)
def test_no_solution_leaks_into_the_exercise(solution_path: Path) -> None:
    exercise_path = _exercise_for(solution_path)
    assert exercise_path.exists(), f"{_label(exercise_path)} is missing: run `make exercises`."
    raw = exercise_path.read_text(encoding="utf-8")
    found = [marker for marker in MARKERS if marker in raw]
    assert not found, f"{_label(exercise_path)} still contains {found}"

    solution = nbformat.read(solution_path, as_version=4)
    exercise = nbformat.read(exercise_path, as_version=4)
    secret = _secret_lines(solution)
    leaks = [
        f"cell {index}: {line.strip()!r}"
        for index, cell in enumerate(exercise.cells)
        if cell.cell_type == "code"
        for line in cell.source.splitlines()
        if line.strip() in secret
    ]
    assert not leaks, f"{_label(exercise_path)} contains solution or hidden-test code: " + "; ".join(leaks)

    # Written answers: the student's cell must be nbgrader's stub, and the
    # model answer must appear nowhere in the exercise.
    by_id = {_grading(c).get("grade_id"): c for c in exercise.cells if _grading(c)}
    everything = "\n".join(c.source for c in exercise.cells)
    for cell in solution.cells:
        meta = _grading(cell)
        if cell.cell_type == "markdown" and meta.get("solution"):
            student = by_id.get(meta.get("grade_id"))
            assert student is not None, f"{_label(exercise_path)} lacks the answer cell {meta.get('grade_id')!r}"
            assert student.source.strip() == "YOUR ANSWER HERE", (
                f"{_label(exercise_path)}: written answer {meta.get('grade_id')!r} is not the stub"
            )
            assert cell.source.strip() not in everything, (
                f"{_label(exercise_path)} contains the model answer {meta.get('grade_id')!r}"
            )


# -- (c) an untouched exercise fails only where the student must work --------


@pytest.mark.parametrize("exercise_path", EXERCISES, ids=_label)
def test_untouched_exercise_fails_only_in_answers_and_tests(exercise_path: Path) -> None:
    executed = execute(exercise_path, allow_errors=True)
    problems, graded = [], 0
    for index, cell in enumerate(executed.cells):
        if cell.cell_type != "code":
            continue
        meta = _grading(cell)
        errors = [o.get("ename") for o in cell.outputs if o.get("output_type") == "error"]
        where = f"cell {index} ({meta.get('grade_id', 'not graded')})"
        wrong = [e for e in errors if e != "NotImplementedError"]
        if meta.get("solution"):  # answer cell: at most the stub's NotImplementedError
            if wrong:
                problems.append(f"{where}: answer cell raised {wrong}, expected at most NotImplementedError")
        elif meta.get("grade"):  # autograded test cell: must fail on the stub
            graded += 1
            if not errors:
                problems.append(f"{where}: test cell passes on an untouched exercise, so it cannot catch a wrong answer")
            elif wrong:
                problems.append(f"{where}: test cell raised {wrong} instead of the stub's NotImplementedError")
        elif errors:
            problems.append(f"{where}: a cell students do not edit raised {errors}")
    assert graded, f"{_label(exercise_path)} has no autograded test cell"
    assert not problems, f"{_label(exercise_path)}:\n" + "\n".join(problems)


# -- the shape of a chapter's exercises ---------------------------------------


def _tasks(nb) -> list[int]:
    """Indexes of task cells: each code test cell (grade, not solution) and each markdown answer.

    One visible test cell per coding task and one markdown answer per written
    task is the layout GUIDE.md section 5 prescribes (prompt, answer, test),
    so counting these counts tasks without parsing prompt wording.
    """
    return [
        i
        for i, c in enumerate(nb.cells)
        if (c.cell_type == "code" and _grading(c).get("grade") and not _grading(c).get("solution"))
        or (c.cell_type == "markdown" and _grading(c).get("solution"))
    ]


def _prompt(nb, task: int) -> int | None:
    """The task's prompt: the nearest markdown cell above it that is not an answer cell."""
    for i in range(task - 1, -1, -1):
        cell = nb.cells[i]
        if cell.cell_type == "markdown" and not _grading(cell).get("solution"):
            return i
    return None


@pytest.mark.parametrize("solution_path", SOLUTIONS, ids=_label)
def test_solution_notebook_shape(solution_path: Path) -> None:
    nb = nbformat.read(solution_path, as_version=4)
    label, tasks = _label(solution_path), _tasks(nb)
    assert 4 <= len(tasks) <= 8, f"{label} has {len(tasks)} tasks (code test cells + written answers); GUIDE asks for 4-8"
    written = [i for i in tasks if nb.cells[i].cell_type == "markdown"]
    assert written, f"{label} has no written-answer task (markdown solution cell)"

    problems, prompts = [], []
    for i in tasks:
        cell, meta = nb.cells[i], _grading(nb.cells[i])
        name = meta.get("grade_id", f"cell {i}")
        if not meta.get("grade") or not meta.get("points", 0) > 0:
            problems.append(f"{name}: needs grade: true and points > 0")
        if cell.cell_type == "code" and not ("BEGIN HIDDEN TESTS" in cell.source and "END HIDDEN TESTS" in cell.source):
            problems.append(f"{name}: test cell has no ### BEGIN/END HIDDEN TESTS block")
        prompt = _prompt(nb, i)
        if prompt is None or not any(mark in nb.cells[prompt].source for mark in DIFFICULTY):
            problems.append(f"{name}: its prompt (cell {prompt}) does not mention ☼, ◑ or ●")
        elif cell.cell_type == "code" and not any(
            _grading(c).get("solution") and c.cell_type == "code" for c in nb.cells[prompt + 1 : i]
        ):
            problems.append(f"{name}: no answer cell between its prompt (cell {prompt}) and its test")
        prompts.append(prompt)
    shared = sorted({p for p in prompts if p is not None and prompts.count(p) > 1})
    if shared:
        problems.append(f"prompt cells {shared} serve more than one task: give each task its own prompt")
    assert not problems, f"{label}:\n" + "\n".join(problems)
