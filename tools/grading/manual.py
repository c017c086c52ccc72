"""Points given by hand: the instructor's ``manual-grades.csv``, merged into every run's results.

The file (columns ``student, chapter, task, points, comment``) belongs to the
instructor. The grader creates it once, listing the answers to grade by hand
with their points empty, and from then on never changes a line of it: it
only reads it, and appends the points an instructor typed straight into
``gradebook.csv`` (as the old instructions said), before that file is
replaced. Points it cannot use are reported with the file's line number.
"""

from __future__ import annotations

import math
import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from tools.grading.gradebook import GRADEBOOK, Table, append_rows, csv_text, number, read_table
from tools.grading.results import NotebookResult
from tools.grading.submissions import student_id

MANUAL = "manual-grades.csv"
MANUAL_COLUMNS = ("student", "chapter", "task", "points", "comment")
WAITING = "needs manual grading"
_SHOWN = 10  # tasks listed by name in a note; the rest are counted


@dataclass(frozen=True)
class ManualGrade:
    """One line of a CSV file giving points by hand; ``points`` as typed ("" while not graded yet)."""

    line: int
    student: str  # NFC
    chapter: str
    task: str
    points: str
    comment: str = ""

    @property
    def key(self) -> tuple[str, str, str]:
        return (self.student, self.chapter, self.task)


def parse_points(text: str) -> float | None:
    """The number in ``text`` (a decimal comma is accepted), or None when it is not a finite number.

    >>> [parse_points(t) for t in ("2", " 1.5 ", "1,5", "two", "nan", "")]
    [2.0, 1.5, 1.5, None, None, None]
    """
    text = text.strip()
    if "," in text and "." not in text:
        text = text.replace(",", ".")  # a spreadsheet in a language that writes 1,5
    try:
        value = float(text)
    except ValueError:
        return None
    return value if math.isfinite(value) else None


def _grade(line: int, row: dict[str, str]) -> ManualGrade:
    cell = lambda name: row.get(name, "").strip()  # noqa: E731
    return ManualGrade(
        line, student_id(cell("student")), cell("chapter"), cell("task"), cell("points"), cell("comment")
    )


def _grades(table: Table) -> list[ManualGrade]:
    return [_grade(line, row) for line, row in table.rows]


def read_manual(path: Path) -> tuple[list[ManualGrade], list[str]]:
    """The lines of the manual grades file ``path``, and notes on why it could not be used (if so).

    Returns ``([], [])`` when the file does not exist.
    """
    if not path.exists():
        return [], []
    try:
        table = read_table(path)
    except OSError as error:
        return [], [f"cannot read {path}: {error.strerror or error}; no grade given by hand was used."]
    missing = [c for c in MANUAL_COLUMNS[:4] if c not in table.header]
    if missing:
        return [], [
            f"{path.name} has no column {', '.join(missing)} in its first line: it must be "
            f"{','.join(MANUAL_COLUMNS)}; fix that line. No grade given by hand was used."
        ]
    return _grades(table), []


def typed_grades(gradebook: Path) -> list[ManualGrade]:
    """Points typed into a previous ``gradebook.csv``: rows still ``needs manual grading`` with points.

    ``line`` is the gradebook's line. Returns [] when there is no such file or
    it is not a gradebook.
    """
    try:
        table = read_table(gradebook)
    except OSError:
        return []
    typed = [_grade(line, row) for line, row in table.rows if row.get("status", "").strip() == WAITING]
    return [g for g in typed if g.points]


def _waiting(results: Iterable[NotebookResult]) -> list[tuple[str, str, str]]:
    return [(r.student, r.chapter, t.grade_id) for r in results for t in r.tasks if t.status == WAITING]


def _listed(keys: Sequence[tuple[str, str, str]]) -> str:
    shown = "; ".join(" ".join(k) for k in keys[:_SHOWN])
    return shown + (f"; and {len(keys) - _SHOWN} more" if len(keys) > _SHOWN else "")


def create_manual(path: Path, results: Sequence[NotebookResult], typed: Sequence[ManualGrade] = ()) -> list[str]:
    """Create the manual grades file: a line per answer to grade by hand, points empty unless ``typed``.

    Typed points for tasks not graded in this run get a line too (nothing an
    instructor typed is lost). Creates nothing when there is no line to
    write. Returns notes for the terminal report.
    """
    carried = {g.key: g for g in typed}
    keys = _waiting(results)
    keys += [k for k in carried if k not in set(_waiting(results))]
    if not keys:
        return []
    lines = [dict(zip(MANUAL_COLUMNS, (*k, carried[k].points if k in carried else "", ""))) for k in keys]
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    temporary.write_bytes(csv_text(lines, MANUAL_COLUMNS).encode("utf-8"))
    os.replace(temporary, path)  # whole or not at all
    notes = [
        f"created {path}: type the points of the {len(_waiting(results))} answer(s) to grade by hand there "
        f"(not in {GRADEBOOK}, which every run replaces); the grader never changes its lines."
    ]
    if typed:
        notes.append(f"carried {len(typed)} manual grade(s) typed into {GRADEBOOK} over to {path.name}")
    return notes


def carry_over(path: Path, typed: Sequence[ManualGrade]) -> list[str]:
    """Append to the existing manual grades file ``path`` the ``typed`` points it does not give yet.

    A line giving points wins over a typed one (a different value is
    reported); a line with empty points does not count, else the typed
    points would be lost when gradebook.csv is replaced. Raises
    GradingError when a line cannot be written (see :func:`append_rows`).
    """
    if not typed:
        return []
    table = read_table(path)
    if any(c not in table.header for c in MANUAL_COLUMNS[:4]):
        return [f"{len(typed)} manual grade(s) typed into {GRADEBOOK} were not carried over: "
                f"{path.name} lacks the columns {','.join(MANUAL_COLUMNS)} (fix its first line)."]
    given = {g.key: g for g in reversed(_grades(table)) if g.points}  # reversed: the first line wins
    new, notes = [], []
    for grade in typed:
        old = given.get(grade.key)
        if old is None:
            new.append(grade)
        elif parse_points(old.points) != parse_points(grade.points):
            notes.append(
                f"{GRADEBOOK} line {grade.line} gives {grade.points} point(s) to {' '.join(grade.key)}, "
                f"{path.name} line {old.line} gives {old.points}: kept {path.name}'s."
            )
    append_rows(table, [dict(zip(MANUAL_COLUMNS, (*g.key, g.points, ""))) for g in new])
    if new:
        notes.insert(0, f"carried {len(new)} manual grade(s) typed into {GRADEBOOK} over to {path.name}")
    return notes


def _problem(grade: ManualGrade, by_notebook: dict[tuple[str, str], NotebookResult]) -> tuple[float | None, str]:
    """``(points, "")`` for a usable line, or ``(None, why not and what to do)``."""
    result = by_notebook.get((grade.student, grade.chapter))
    if result is None:
        if not any(s == grade.student for s, _ in by_notebook):
            return None, (f"no notebook of student {grade.student!r} was graded in this run: check the id "
                          f"against {GRADEBOOK}, or delete the line.")
        return None, (f"student {grade.student!r} has no graded notebook for chapter {grade.chapter!r}: "
                      f"check the chapter against {GRADEBOOK}, or delete the line.")
    task = next((t for t in result.tasks if t.grade_id == grade.task), None)
    if task is None:
        waiting = ", ".join(t.grade_id for t in result.tasks if t.status == WAITING) or "none"
        return None, (f"{grade.chapter} has no task {grade.task!r} (the tasks to grade by hand are: {waiting}); "
                      "correct the task.")
    if task.status != WAITING:
        return None, (f"{grade.task} of {grade.student} ({grade.chapter}) is {task.status}, not waiting for a "
                      "grader: delete this line or leave its points empty.")
    points = parse_points(grade.points)
    top = number(task.max_points)
    stays = f"(until then {grade.task} stays '{WAITING}')"
    if points is None:
        return None, f"points {grade.points!r} is not a number: write a number from 0 to {top} {stays}."
    if points < 0:
        return None, f"points {grade.points} is negative: write a number from 0 to {top} {stays}."
    if points > task.max_points:
        return None, (f"points {grade.points} is above the maximum of {top} for {grade.task}: "
                      f"write a number from 0 to {top} {stays}.")
    return points, ""


def merge_manual(
    results: Sequence[NotebookResult], grades: Iterable[ManualGrade], name: str = MANUAL
) -> tuple[list[NotebookResult], list[str]]:
    """``results`` with the points given by hand merged in, and a note per line that could not be used.

    A task waiting for a grader that a line gives valid points becomes
    ``graded by hand`` with those points and the line's comment; lines with
    empty points are not graded yet and say nothing. Notes read
    ``"{name} line {n}: {what is wrong and what to do}"``.
    """
    by_notebook = {(r.student, r.chapter): r for r in results}
    chosen: dict[tuple[str, str, str], tuple[ManualGrade, float]] = {}
    notes = []
    for grade in grades:
        if not grade.points:
            continue
        points, problem = _problem(grade, by_notebook)
        if grade.key in chosen and not problem:
            first = chosen[grade.key][0].line
            problem = (f"{grade.task} of {grade.student} ({grade.chapter}) has points on line {first} too; "
                       f"line {first} is used: delete one of them.")
        if problem:
            notes.append(f"{name} line {grade.line}: {problem}")
        else:
            chosen[grade.key] = (grade, points)
    merged = []
    for result in results:
        tasks = tuple(
            replace(t, status="graded by hand", points=chosen[k][1], comment=chosen[k][0].comment)
            if (k := (result.student, result.chapter, t.grade_id)) in chosen else t
            for t in result.tasks
        )
        merged.append(replace(result, tasks=tasks))
    return merged, notes


def apply_manual_grades(output: Path, results: Sequence[NotebookResult]) -> tuple[list[NotebookResult], list[str]]:
    """Merge ``output/manual-grades.csv`` into ``results``; create it, or carry typed points over, first.

    Call while holding the output's lock (inside :func:`publish`'s build) and
    before the new gradebook replaces ``output/gradebook.csv``: points typed
    into that one are carried over. Returns ``(results, notes)``; the notes
    also list the answers to grade by hand that the file has no line for.
    Raises GradingError when typed points cannot be carried over (they would
    be lost).
    """
    path = Path(output) / MANUAL
    typed = typed_grades(Path(output) / GRADEBOOK)
    notes = carry_over(path, typed) if path.exists() else create_manual(path, results, typed)
    grades, problems = read_manual(path)
    merged, bad = merge_manual(results, grades, path.name)
    listed = {g.key for g in grades}
    lacking = [k for k in _waiting(results) if k not in listed]
    if lacking:
        bad.append(
            f"{path.name} has no line for {len(lacking)} answer(s) to grade by hand: {_listed(lacking)}. "
            f"Add a line {','.join(MANUAL_COLUMNS)} for each."
        )
    return merged, notes + problems + bad
