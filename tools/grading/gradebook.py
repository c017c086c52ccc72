"""The gradebook: rows from graded notebooks, a CSV safe to open in a spreadsheet, the summary table.

``gradebook.csv`` has one row per student, chapter and task, with
:data:`COLUMNS`. Every run replaces it (:func:`publish`, atomically); the
points of written answers live in the instructor's ``manual-grades.csv``
(:mod:`tools.grading.manual`), merged in on every run. Student ids come from
file names: a cell starting with ``=`` would be a formula in a spreadsheet,
so such cells are written with a leading apostrophe (:func:`escape_cell`).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from tools.grading.results import GradingError, NotebookResult, Problem

GRADEBOOK = "gradebook.csv"
COLUMNS = (
    "student", "chapter", "task", "status", "points", "max_points", "total", "max_total", "flags",
    "manual_comment",  # the comment from manual-grades.csv
)
STATUSES = ("autograded", "needs manual grading", "not answered", "graded by hand", "not graded")
# Folders of the repository that must never receive grades (nor anything inside them).
PROTECTED = ("solutions", "exercises", "notebooks", "seeds", "framelab", "tools", "tests")
_FORMULA = ("=", "+", "-", "@", "\t", "\r")  # what makes a spreadsheet read a cell as a formula (OWASP)


def number(value: float | None) -> str:
    """Points as the gradebook writes them: ``''`` for none, no trailing ``.0``.

    >>> number(None), number(2.0), number(0.5)
    ('', '2', '0.5')
    """
    return "" if value is None else f"{value:g}"


def escape_cell(text: str) -> str:
    """``text`` made safe for a spreadsheet: an apostrophe before a leading ``= + - @``, TAB or CR.

    A leading apostrophe is doubled too, so that :func:`unescape_cell` gives
    back exactly what was written.

    >>> [escape_cell(t) for t in ("=1+1", "@SUM(A1)", "ana", "'=x", "")]
    ["'=1+1", "'@SUM(A1)", 'ana', "''=x", '']
    """
    return "'" + text if text.startswith((*_FORMULA, "'")) else text


def unescape_cell(text: str) -> str:
    """The inverse of :func:`escape_cell`, for CSV files the grader wrote and a person re-saved.

    >>> [unescape_cell(t) for t in ("'=1+1", "''=x", "'ana", "ana")]
    ['=1+1', "'=x", "'ana", 'ana']
    """
    return text[1:] if text.startswith("'") and text[1:].startswith((*_FORMULA, "'")) else text


def rows(result: NotebookResult) -> list[dict[str, str]]:
    """The gradebook rows of one graded notebook: one per task, in notebook order.

    ``total``/``max_total`` are the notebook's points so far (tasks graded by
    hand included, those still waiting for a grader not) and its maximum;
    ``flags`` are the task's flags, then the notebook's, joined with ``"; "``.

    >>> from tools.grading.results import TaskResult
    >>> result = NotebookResult("ana", "01-x", "ana_01-x.ipynb", (
    ...     TaskResult("task1-tests", "Task 1", "code", "autograded", 1.0, 1.0,
    ...                flags=("cell task1-tests was stopped after 30 s",)),
    ...     TaskResult("task2-written", "Task 2", "written", "needs manual grading", None, 2.0),
    ... ), flags=("submitted as Untitled.ipynb",))
    >>> [(r["task"], r["status"], r["points"], r["total"], r["max_total"]) for r in rows(result)]
    [('task1-tests', 'autograded', '1', '1', '3'), ('task2-written', 'needs manual grading', '', '1', '3')]
    >>> rows(result)[0]["flags"]
    'cell task1-tests was stopped after 30 s; submitted as Untitled.ipynb'
    """
    total, max_total = number(result.points), number(result.max_points)
    return [
        {
            "student": result.student,
            "chapter": result.chapter,
            "task": task.grade_id,
            "status": task.status,
            "points": number(task.points),
            "max_points": number(task.max_points),
            "total": total,
            "max_total": max_total,
            "flags": "; ".join((*task.flags, *result.flags)),
            "manual_comment": task.comment,
        }
        for task in result.tasks
    ]


def problem_row(problem: Problem) -> dict[str, str]:
    """The gradebook row of a submission that could not be graded: status ``not graded``, the reason in ``flags``.

    >>> problem_row(Problem("bo", "01-x", "bo_01-x.ipynb", "not a notebook."))["flags"]
    'bo_01-x.ipynb: not a notebook.'
    """
    row = dict.fromkeys(COLUMNS, "")
    row.update(student=problem.student, chapter=problem.chapter, status="not graded",
               flags=f"{problem.path}: {problem.message}")
    return row


def csv_text(rows: Iterable[dict[str, str]], columns: Iterable[str] = COLUMNS) -> str:
    """``rows`` as CSV text with a header (missing cells empty, every cell escaped), lines ending CRLF.

    >>> csv_text([{"student": "=1+1", "chapter": "01-x"}], ["student", "chapter"])
    "student,chapter\\r\\n'=1+1,01-x\\r\\n"
    """
    columns = tuple(columns)
    buffer = io.StringIO()
    writer = csv.writer(buffer)  # the csv module's default: quoted where needed, CRLF as RFC 4180 says
    writer.writerow(columns)
    for row in rows:
        writer.writerow([escape_cell(str(row.get(c, "") or "")) for c in columns])
    return buffer.getvalue()


def write_gradebook(rows: Iterable[dict[str, str]], path: Path) -> None:
    """Write ``rows`` (in the given order) to ``path`` as UTF-8 CSV with :data:`COLUMNS`."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(csv_text(rows).encode("utf-8"))


@dataclass(frozen=True)
class Table:
    """A CSV file as read back, maybe after a spreadsheet saved it (another separator, encoding, line end).

    ``rows`` are ``(line number, {column: cell})`` with lower-case column
    names and cells un-escaped; blank lines are left out.
    """

    path: Path
    header: tuple[str, ...]
    rows: tuple[tuple[int, dict[str, str]], ...]
    encoding: str
    delimiter: str
    newline: str
    ends_with_newline: bool


def read_table(path: Path) -> Table:
    """Read the CSV file ``path`` (UTF-8, UTF-8 with BOM, else Windows-1252; ``,`` ``;`` or TAB separated).

    Raises OSError if it cannot be read.
    """
    data = path.read_bytes()
    encoding = "utf-8-sig" if data.startswith(b"\xef\xbb\xbf") else "utf-8"
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError:  # Excel's "CSV (Comma delimited)" on Windows
        encoding = "cp1252"
        text = data.decode(encoding, errors="replace")
    first = text.split("\n", 1)[0]
    delimiter = next((d for d in (";", "\t") if "," not in first and d in first), ",")
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    header: tuple[str, ...] = ()
    found = []
    start = 1
    for cells in reader:
        if not header:
            header = tuple(c.strip().lower() for c in cells)
        elif any(c.strip() for c in cells):
            padded = [*cells, *[""] * (len(header) - len(cells))]
            found.append((start, {name: unescape_cell(cell) for name, cell in zip(header, padded)}))
        start = reader.line_num + 1  # a quoted cell may span lines: a row starts after the last one read
    return Table(path, header, tuple(found), encoding, delimiter, "\r\n" if "\r\n" in text else "\n",
                 text.endswith("\n") or not text)


def append_rows(table: Table, rows: Iterable[dict[str, str]]) -> None:
    """Append ``rows`` to ``table``'s file in its own separator, encoding and line end; earlier bytes stay.

    Raises GradingError when a cell cannot be written in the file's encoding.
    """
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=table.delimiter, lineterminator=table.newline)
    for row in rows:
        writer.writerow([escape_cell(row.get(c, "")) for c in table.header])
    text = ("" if table.ends_with_newline else table.newline) + buffer.getvalue()
    encoding = "utf-8" if table.encoding.startswith("utf-8") else table.encoding
    try:
        data = text.encode(encoding)
    except UnicodeEncodeError as error:
        raise GradingError(
            f"cannot add {error.object[error.start:error.end]!r} to {table.path}: the file is saved as "
            f"{encoding}; save it as 'CSV UTF-8' in your spreadsheet and run the grader again."
        ) from None
    with table.path.open("ab") as handle:
        handle.write(data)


def summary(rows: list[dict[str, str]]) -> str:
    """A table for the terminal: per student, points so far out of each chapter's maximum.

    "to grade by hand" counts the written answers waiting for a grader (their
    points are not in the chapter's figure yet; answers graded by hand are);
    "flags" counts gradebook rows with something to look at, including
    submissions that were not graded.

    >>> print(summary([
    ...     {"student": "ana", "chapter": "01-x", "task": "task1-tests", "status": "autograded",
    ...      "points": "1", "max_points": "1", "flags": ""},
    ...     {"student": "ana", "chapter": "01-x", "task": "task2-written", "status": "needs manual grading",
    ...      "points": "", "max_points": "2", "flags": ""},
    ... ]))
    student  01-x  to grade by hand  flags
    ana      1/3   1                 0
    >>> print(summary([
    ...     {"student": "ana", "chapter": "01-x", "task": "task2-written", "status": "graded by hand",
    ...      "points": "1.5", "max_points": "2", "flags": ""},
    ... ]))
    student  01-x   to grade by hand  flags
    ana      1.5/2  0                 0
    """
    chapters_seen = sorted({r["chapter"] for r in rows if r["chapter"]})
    table: dict[str, dict] = {}
    for row in rows:
        entry = table.setdefault(row["student"] or "?", {"manual": 0, "flags": 0})
        cell = entry.setdefault(row["chapter"], [0.0, 0.0])
        if row["status"] == "not graded":
            entry[row["chapter"]] = "not graded"
            entry["flags"] += 1
            continue
        if row["flags"]:
            entry["flags"] += 1
        if row["status"] == "needs manual grading":
            entry["manual"] += 1
        if isinstance(cell, list):
            cell[0] += float(row["points"] or 0)
            cell[1] += float(row["max_points"] or 0)
    header = ["student", *chapters_seen, "to grade by hand", "flags"]
    lines = [header]
    for student in sorted(table):
        entry = table[student]
        cells = []
        for chapter in chapters_seen:
            value = entry.get(chapter)
            cells.append("-" if value is None else value if isinstance(value, str) else f"{value[0]:g}/{value[1]:g}")
        lines.append([student, *cells, str(entry["manual"]), str(entry["flags"])])
    widths = [max(len(line[i]) for line in lines) for i in range(len(header))]
    return "\n".join("  ".join(c.ljust(w) for c, w in zip(line, widths)).rstrip() for line in lines)


def check_output(submissions: Path, output: Path, root: Path) -> None:
    """Refuse an output folder whose results would land among the submissions or the repository's own files.

    A run replaces ``gradebook.csv`` and ``feedback/`` in ``output``. Raises
    GradingError saying which folder to pass instead; returns None if
    ``output`` is fine. Nothing is created.

    >>> try:
    ...     check_output(Path("/class"), Path("/class/grades"), Path("/repo"))
    ... except GradingError as error:
    ...     print(error)
    the output folder /class/grades is inside the submissions folder /class: pass an --output outside it, e.g. grades/ in the repository.
    >>> check_output(Path("/class"), Path("/repo/grades"), Path("/repo"))
    """
    submissions, output, root = (Path(p).resolve() for p in (submissions, output, root))
    instead = "pass an --output outside it, e.g. grades/ in the repository."
    if output == submissions:
        raise GradingError(
            f"the output folder {output} is the submissions folder, which is only ever read: {instead}"
        )
    if submissions in output.parents:
        raise GradingError(f"the output folder {output} is inside the submissions folder {submissions}: {instead}")
    if output in submissions.parents:
        raise GradingError(
            f"the submissions folder {submissions} is inside the output folder {output}, where each run "
            "replaces the results: pass an --output that does not contain the submissions, e.g. grades/."
        )
    if output == root or output in root.parents:
        raise GradingError(
            f"refusing to write grades into {output}: it holds the repository {root}; "
            "pick a separate folder, e.g. grades/."
        )
    for name in PROTECTED:
        if output == root / name or root / name in output.parents:
            raise GradingError(
                f"refusing to write grades into {output}: {name}/ belongs to the repository; "
                "pick a separate folder, e.g. grades/."
            )
