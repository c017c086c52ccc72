"""The gradebook in the CSV layouts Canvas and Moodle import: ``grades/canvas.csv`` and ``grades/moodle.csv``.

Every ``make grade`` writes both next to ``gradebook.csv``, from the same
rows (:func:`write_lms`, called by :mod:`tools.grading.cli`): one row per
student, one column per chapter holding the chapter's points. Both files are
always written, with no option to remember, so they can never lag behind
``gradebook.csv``; an instructor without a learning platform ignores them.

**Canvas** (``canvas.csv``, Grades > Import). Sources: Canvas Instructor
Guide, "How do I import grades in the Gradebook?"
(https://community.canvaslms.com/t5/Instructor-Guide/How-do-I-import-grades-in-the-Gradebook/ta-p/807)
and Canvas's importer, ``lib/gradebook_importer.rb`` in instructure/canvas-lms,
which reads a header ``Student, ID, SIS User ID, SIS Login ID, Section``
(Section last of the student columns), then one column per assignment,
matched to an assignment by its title or created; a row whose first cell
says ``Points Possible`` gives new assignments their maximum; a student is
found by ``ID`` (Canvas's user id), else ``SIS User ID``, else ``SIS Login
ID``, else by name in ``Student``; an empty cell changes nothing. Here the
student id goes into ``SIS Login ID`` and ``Student`` (``ID``, ``SIS User
ID`` and ``Section`` stay empty), and the assignment columns are named after
the chapters (``01-meet-the-corpus``).

**Moodle** (``moodle.csv``, Grades > Import > CSV file). Sources: MoodleDocs
"Grade import" (https://docs.moodle.org/en/Grade_import) and
``grade/import/csv/classes/load_data.php`` in moodle/moodle: the instructor
maps one column to the user ("Map from" a column, "Map to" userid,
username, useridnumber or useremail) and each other column to a grade item
(or a new one); an empty cell or ``-`` means *no grade* (it clears a grade
already there), and one row whose user is not found stops the whole import.
Here the columns are ``Username`` (the student id: map it to ``username``,
or to ``email address`` / ``ID number`` if your ids are those), then one per
chapter. Moodle has no points-possible row: set each grade item's maximum to
the chapter's (the ``Points Possible`` row of ``canvas.csv``).

A chapter's cell is left **empty**, in both files, when the student handed
in nothing for it, when the submission could not be graded, or when a
written answer still waits for you (``needs manual grading``): an
incomplete total would be posted as the grade. Students and chapters come
from graded notebooks only: a submission that could not be graded adds no
row or column (see ``gradebook.csv`` and the terminal report for those). Cells are written as in
``gradebook.csv``: UTF-8, CRLF, and a leading ``= + - @``, TAB or CR escaped
with an apostrophe so that no spreadsheet runs an id as a formula
(:func:`tools.grading.gradebook.escape_cell`).
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from tools.grading.gradebook import csv_text, number
from tools.grading.publish import lock

CANVAS, MOODLE = "canvas.csv", "moodle.csv"
CANVAS_STUDENT = ("Student", "ID", "SIS User ID", "SIS Login ID", "Section")
POINTS_POSSIBLE = "Points Possible"
MOODLE_USER = "Username"
COUNTED = ("autograded", "graded by hand", "not answered")  # statuses whose points are final
PENDING = "needs manual grading"


@dataclass(frozen=True)
class ChapterGrades:
    """Per student and chapter, the points (None: leave the cell empty), and each chapter's maximum.

    ``students`` and ``chapters`` are sorted; ``points[(student, chapter)]``
    is missing or None for an empty cell; ``pending`` counts the cells left
    empty because written answers wait to be graded.
    """

    students: tuple[str, ...]
    chapters: tuple[str, ...]
    maxima: dict[str, float]
    points: dict[tuple[str, str], float | None]
    pending: int


def chapter_grades(rows: Iterable[dict[str, str]]) -> ChapterGrades:
    """Sum the gradebook's task rows (``gradebook.COLUMNS``) into one grade per student and chapter.

    >>> grades = chapter_grades([
    ...     {"student": "ana", "chapter": "01-x", "status": "autograded", "points": "2", "max_total": "5"},
    ...     {"student": "ana", "chapter": "01-x", "status": "graded by hand", "points": "1.5", "max_total": "5"},
    ...     {"student": "bo", "chapter": "01-x", "status": "autograded", "points": "1", "max_total": "5"},
    ...     {"student": "bo", "chapter": "01-x", "status": "needs manual grading", "points": "", "max_total": "5"},
    ...     {"student": "cy", "chapter": "01-x", "status": "not graded", "points": "", "max_total": ""},
    ... ])
    >>> grades.points[("ana", "01-x")], grades.points[("bo", "01-x")], grades.students
    (3.5, None, ('ana', 'bo'))
    >>> grades.maxima, grades.pending
    ({'01-x': 5.0}, 1)
    """
    sums: dict[tuple[str, str], float] = {}
    waiting: set[tuple[str, str]] = set()
    maxima: dict[str, float] = {}
    for row in rows:
        key = (row["student"], row["chapter"])
        # Rows of submissions that could not be graded add nobody: a stray file's "student" or an
        # unknown chapter would be a user Moodle cannot find (which stops its whole import) or a
        # new Canvas assignment. A second copy of a graded chapter is such a row too.
        if row["status"] == "not graded" or not key[1]:
            continue
        if row.get("max_total"):
            maxima[key[1]] = max(maxima.get(key[1], 0.0), float(row["max_total"]))
        if row["status"] == PENDING:
            waiting.add(key)
        sums[key] = sums.get(key, 0.0) + (float(row["points"]) if row["status"] in COUNTED and row["points"] else 0.0)
    points: dict[tuple[str, str], float | None] = {k: (None if k in waiting else v) for k, v in sums.items()}
    students, chapters = sorted({s for s, _ in sums}), sorted({c for _, c in sums})
    return ChapterGrades(tuple(students), tuple(chapters), maxima, points, len(waiting))


def canvas_csv(grades: ChapterGrades) -> str:
    """The Canvas import file: student columns, one per chapter, the ``Points Possible`` row second.

    >>> grades = ChapterGrades(("ana", "=bo"), ("01-x",), {"01-x": 5.0}, {("ana", "01-x"): 3.5}, 0)
    >>> print(canvas_csv(grades).replace("\\r\\n", "\\n"), end="")
    Student,ID,SIS User ID,SIS Login ID,Section,01-x
    Points Possible,,,,,5
    ana,,,ana,,3.5
    '=bo,,,'=bo,,
    """
    columns = (*CANVAS_STUDENT, *grades.chapters)
    points_possible = {"Student": POINTS_POSSIBLE, **{c: number(grades.maxima.get(c)) for c in grades.chapters}}
    students = [
        {"Student": s, "SIS Login ID": s, **{c: number(grades.points.get((s, c))) for c in grades.chapters}}
        for s in grades.students
    ]
    return csv_text([points_possible, *students], columns)


def moodle_csv(grades: ChapterGrades) -> str:
    """The Moodle import file: ``Username``, then one column per chapter; no points-possible row.

    >>> grades = ChapterGrades(("ana", "bo"), ("01-x", "02-y"), {}, {("ana", "01-x"): 2.0, ("bo", "02-y"): 0.5}, 0)
    >>> print(moodle_csv(grades).replace("\\r\\n", "\\n"), end="")
    Username,01-x,02-y
    ana,2,
    bo,,0.5
    """
    columns = (MOODLE_USER, *grades.chapters)
    return csv_text(
        [{MOODLE_USER: s, **{c: number(grades.points.get((s, c))) for c in grades.chapters}} for s in grades.students],
        columns,
    )


def _replace(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` (UTF-8) in one step: a temporary file beside it, then a rename."""
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(handle, "wb") as file:
            file.write(text.encode("utf-8"))
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def write_lms(rows: list[dict[str, str]], output: Path) -> tuple[list[Path], str]:
    """Write ``canvas.csv`` and ``moodle.csv`` into ``output`` (an existing folder) from the gradebook's rows.

    Returns the files written and a note for the terminal ("" when every
    cell is filled). Holds the output folder's grading lock while it writes,
    so it never mixes with another run; raises GradingError if one holds it.
    """
    grades = chapter_grades(rows)
    written = [Path(output) / CANVAS, Path(output) / MOODLE]
    with lock(Path(output)):
        _replace(written[0], canvas_csv(grades))
        _replace(written[1], moodle_csv(grades))
    note = ""
    if grades.pending:
        note = (f"{grades.pending} chapter grade(s) are left empty in {CANVAS} and {MOODLE}: their written "
                "answers wait for you in manual-grades.csv (run make grade again after filling it in).")
    return written, note
