"""canvas.csv and moodle.csv (tools/grading/lms.py): the gradebook in the layouts learning platforms import.

The rows are the gradebook's own (tools.grading.gradebook.rows and
problem_row on hand-made results, as in tests/test_grading.py), so no class
is graded here: the grading itself is tested there. The layouts' rules come
from the platforms' importers (sources in the module docstring): Canvas
wants ``Student, ID, SIS User ID, SIS Login ID, Section`` then one column per
assignment and reads a ``Points Possible`` row; Moodle maps one column to the
user and stops its whole import at a row whose user it cannot find.
"""

from __future__ import annotations

import csv
import io
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from tools.grading import cli  # noqa: E402
from tools.grading.gradebook import problem_row  # noqa: E402
from tools.grading.gradebook import rows as gradebook_rows  # noqa: E402
from tools.grading.lms import (  # noqa: E402
    CANVAS,
    MOODLE,
    canvas_csv,
    chapter_grades,
    moodle_csv,
    write_lms,
)
from tools.grading.results import NotebookResult, Problem, Report, TaskResult  # noqa: E402

FIRST, SECOND = "01-meet-the-corpus", "02-tokenizing"


def _task(n: int, status: str, points: float | None, maximum: float) -> TaskResult:
    kind = "written" if status in ("needs manual grading", "graded by hand", "not answered") else "code"
    return TaskResult(f"task{n}-tests", f"Task {n}", kind, status, points, maximum)


def class_rows() -> list[dict[str, str]]:
    """A small graded class, as gradebook.csv's rows: every status, a broken and a stray submission."""
    results = [
        NotebookResult("ana.lima", FIRST, "ana.lima_01-meet-the-corpus.ipynb", (
            _task(1, "autograded", 2.0, 2.0), _task(2, "autograded", 3.0, 3.0), _task(3, "graded by hand", 1.5, 2.0))),
        NotebookResult("ana.lima", SECOND, "ana.lima_02-tokenizing.ipynb", (
            _task(1, "autograded", 0.5, 1.0), _task(2, "not answered", 0.0, 2.0))),
        NotebookResult("ben.okafor", FIRST, "ben.okafor_01-meet-the-corpus.ipynb", (
            _task(1, "autograded", 2.0, 2.0), _task(2, "autograded", 0.0, 3.0), _task(3, "needs manual grading", None, 2.0))),
        NotebookResult("=HYPERLINK(\"http://x\")", FIRST, "formula.ipynb", (
            _task(1, "autograded", 1.0, 2.0), _task(2, "autograded", 0.0, 3.0), _task(3, "not answered", 0.0, 2.0))),
    ]
    rows = [row for result in results for row in gradebook_rows(result)]
    rows.append(problem_row(Problem("ben.okafor", SECOND, "ben.okafor_02-tokenizing.ipynb", "not a notebook.")))
    rows.append(problem_row(Problem("ana.lima", FIRST, "ana.lima/01-meet-the-corpus/old.ipynb", "a second copy.")))
    rows.append(problem_row(Problem("notes", "99-unknown", "notes_99-unknown.ipynb", "unknown chapter.")))
    return rows


def _read(text: str) -> list[list[str]]:
    assert "\r\n" in text and text.endswith("\r\n"), "lines end CRLF, as gradebook.csv's"
    return list(csv.reader(io.StringIO(text, newline="")))


def test_chapter_grades_sum_final_points_and_leave_the_rest_empty() -> None:
    grades = chapter_grades(class_rows())
    assert grades.chapters == (FIRST, SECOND), "no column for a chapter no notebook was graded in"
    assert grades.students == ('=HYPERLINK("http://x")', "ana.lima", "ben.okafor"), "no row for a stray file"
    assert grades.maxima == {FIRST: 7.0, SECOND: 3.0}
    assert grades.points[("ana.lima", FIRST)] == 6.5  # autograded and graded by hand, the second copy ignored
    assert grades.points[("ana.lima", SECOND)] == 0.5  # an unanswered written task counts 0
    assert grades.points[("ben.okafor", FIRST)] is None  # a written answer waits: no incomplete total
    assert ("ben.okafor", SECOND) not in grades.points  # could not be graded
    assert grades.pending == 1


def test_canvas_layout() -> None:
    table = _read(canvas_csv(chapter_grades(class_rows())))
    header, points_possible, *students = table
    assert header == ["Student", "ID", "SIS User ID", "SIS Login ID", "Section", FIRST, SECOND]
    assert points_possible == ["Points Possible", "", "", "", "", "7", "3"]
    assert students == [
        ["'=HYPERLINK(\"http://x\")", "", "", "'=HYPERLINK(\"http://x\")", "", "1", ""],
        ["ana.lima", "", "", "ana.lima", "", "6.5", "0.5"],
        ["ben.okafor", "", "", "ben.okafor", "", "", ""],
    ]
    # What Canvas's importer checks before it reads a row (lib/gradebook_importer.rb: header?, update_column_count).
    assert "Student" in header[0] and "ID" in header[1]
    assert (header[2], header[3]) == ("SIS User ID", "SIS Login ID") and header[4] == "Section"


def test_moodle_layout() -> None:
    header, *students = _read(moodle_csv(chapter_grades(class_rows())))
    assert header == ["Username", FIRST, SECOND]
    assert students == [
        ["'=HYPERLINK(\"http://x\")", "1", ""],
        ["ana.lima", "6.5", "0.5"],
        ["ben.okafor", "", ""],
    ]
    # Moodle stops the whole import at a row without a known user: no points row, no empty user cell.
    assert all(row[0] and row[0] != "Points Possible" for row in students)


def test_every_cell_a_spreadsheet_could_run_is_escaped() -> None:
    for text in (canvas_csv(chapter_grades(class_rows())), moodle_csv(chapter_grades(class_rows()))):
        cells = [cell for row in _read(text) for cell in row]
        assert not [c for c in cells if c.startswith(("=", "+", "-", "@", "\t", "\r"))]


def test_write_lms_replaces_both_files_and_leaves_nothing_else(tmp_path: Path) -> None:
    (tmp_path / CANVAS).write_text("old", encoding="utf-8")
    files, note = write_lms(class_rows(), tmp_path)
    assert files == [tmp_path / CANVAS, tmp_path / MOODLE]
    assert (tmp_path / CANVAS).read_bytes().decode("utf-8") == canvas_csv(chapter_grades(class_rows()))
    assert (tmp_path / MOODLE).read_bytes().decode("utf-8") == moodle_csv(chapter_grades(class_rows()))
    assert "1 chapter grade(s) are left empty" in note and "manual-grades.csv" in note
    assert sorted(p.name for p in tmp_path.iterdir()) == [".grading.lock", CANVAS, MOODLE]
    complete = [r for r in class_rows() if r["status"] != "needs manual grading"]
    assert write_lms(complete, tmp_path)[1] == ""


def test_make_grade_writes_the_lms_files_beside_the_gradebook(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    output = tmp_path / "grades"
    output.mkdir()
    rows = class_rows()

    def graded(submissions, out, **options) -> Report:  # what tools.grading.grader.grade returns, without grading
        return Report(rows, [], 4, Path(out).resolve() / "gradebook.csv", Path(out).resolve() / "feedback", 1.0)

    monkeypatch.setattr(cli, "grade", graded)
    assert cli.main([str(tmp_path / "class"), "--output", str(output)]) == 0
    printed = capsys.readouterr().out
    assert (output / CANVAS).read_bytes().decode("utf-8") == canvas_csv(chapter_grades(rows))
    assert (output / MOODLE).read_bytes().decode("utf-8") == moodle_csv(chapter_grades(rows))
    assert "for Canvas and Moodle:" in printed and CANVAS in printed and MOODLE in printed
    assert "1 chapter grade(s) are left empty" in printed
