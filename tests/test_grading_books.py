"""The grader's bookkeeping, without running a notebook: finding submissions, the gradebook, manual
grades, publishing results atomically, the output folder check and the feedback pages.

Every test builds its files in ``tmp_path`` and runs in milliseconds
(the SIGTERM test starts one Python process).
"""

from __future__ import annotations

import csv
import fcntl
import hashlib
import importlib
import os
import signal
import subprocess
import sys
import time
import unicodedata
from pathlib import Path

import nbformat
import pytest

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

# The modules themselves (the package may re-export a function under a module's name, e.g. publish).
feedback, gradebook, manual, publishing = (
    importlib.import_module(f"tools.grading.{name}") for name in ("feedback", "gradebook", "manual", "publish")
)
from tools.grading.feedback import MANUAL_NOTE, render  # noqa: E402
from tools.grading.gradebook import COLUMNS, check_output, problem_row, rows, summary, write_gradebook  # noqa: E402
from tools.grading.manual import MANUAL, apply_manual_grades  # noqa: E402
from tools.grading.publish import publish  # noqa: E402
from tools.grading.results import GradingError, NotebookResult, Problem, TaskResult  # noqa: E402
from tools.grading.submissions import collect, read_submission  # noqa: E402

KNOWN = ["01-meet-the-corpus", "02-tokenizing", "03-counting"]
FIRST = KNOWN[0]


def _touch(folder: Path, *names: str, mtime: float | None = None) -> list[Path]:
    paths = []
    for name in names:
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("{}", encoding="utf-8")
        if mtime is not None:
            os.utime(path, (mtime, mtime))
        paths.append(path)
    return paths


def _found(folder: Path, found) -> list[tuple[str, str, str, tuple[str, ...]]]:
    return [(s.student, s.chapter, s.path.relative_to(folder).as_posix(), s.flags) for s in found]


def _snapshot(folder: Path) -> dict[str, str]:
    """Every file and folder under ``folder``: a content hash for files, "dir" for folders."""
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest() if p.is_file() else "dir"
        for p in sorted(folder.rglob("*"))
    }


# -- collect ----------------------------------------------------------------------------------


def test_collect_reads_every_layout_and_reports_the_rest(tmp_path: Path) -> None:
    _touch(tmp_path, f"ana/{FIRST}/{FIRST}.ipynb", "ana/02-tokenizing/Untitled.ipynb", "bo/03-counting.ipynb",
           f"cy_{FIRST}.ipynb", "di/99-unknown/99-unknown.ipynb", "di/02-tokenizing/answers.docx",
           "ed_homework.ipynb", "notes.txt")
    found, problems = collect(tmp_path, KNOWN)
    assert _found(tmp_path, found) == [
        ("ana", FIRST, f"ana/{FIRST}/{FIRST}.ipynb", ()),
        ("ana", "02-tokenizing", "ana/02-tokenizing/Untitled.ipynb", ("submitted as Untitled.ipynb",)),
        ("bo", "03-counting", "bo/03-counting.ipynb", ()),
        ("cy", FIRST, f"cy_{FIRST}.ipynb", ()),
    ]
    messages = {(p.student, p.path): p.message for p in problems}
    assert messages == {
        ("", "ed_homework.ipynb"): messages[("", "ed_homework.ipynb")],
        ("", "notes.txt"): messages[("", "notes.txt")],
        ("di", "di/02-tokenizing"): "no notebook 02-tokenizing.ipynb in this folder (found: answers.docx).",
        ("di", "di/99-unknown/99-unknown.ipynb"): (
            f"unknown chapter '99-unknown': the chapters are {', '.join(KNOWN)}."
        ),
    }
    assert messages[("", "notes.txt")].startswith("not a submission: expected <student-id>/<NN-slug>/<NN-slug>.ipynb")


def test_submitted_at_is_the_file_mtime(tmp_path: Path) -> None:
    _touch(tmp_path, f"ana_{FIRST}.ipynb", mtime=1_700_000_000.5)
    (submission,), _ = collect(tmp_path, KNOWN)
    assert submission.submitted_at == 1_700_000_000.5


def test_of_two_copies_the_newer_is_graded_whatever_the_layout(tmp_path: Path) -> None:
    _touch(tmp_path, f"cy/{FIRST}/{FIRST}.ipynb", mtime=1_000)  # first in sort order, but older
    _touch(tmp_path, f"cy_{FIRST}.ipynb", mtime=2_000)
    _touch(tmp_path, f"cy/{FIRST}.ipynb", mtime=1_500)
    found, problems = collect(tmp_path, KNOWN)
    assert _found(tmp_path, found) == [("cy", FIRST, f"cy_{FIRST}.ipynb", ())]
    assert sorted((p.student, p.chapter, p.path, p.message) for p in problems) == [
        ("cy", FIRST, path, f"an older copy of {FIRST} for this student; graded cy_{FIRST}.ipynb (newer) instead.")
        for path in (f"cy/{FIRST}.ipynb", f"cy/{FIRST}/{FIRST}.ipynb")
    ]


def test_two_copies_of_the_same_age_are_decided_by_the_path(tmp_path: Path) -> None:
    _touch(tmp_path, f"cy/{FIRST}/{FIRST}.ipynb", f"cy_{FIRST}.ipynb", mtime=1_000)
    found, problems = collect(tmp_path, KNOWN)
    assert _found(tmp_path, found) == [("cy", FIRST, f"cy_{FIRST}.ipynb", ())]  # "cy_..." sorts after "cy/..."
    assert [p.path for p in problems] == [f"cy/{FIRST}/{FIRST}.ipynb"]


def test_an_id_in_two_unicode_forms_is_one_student_and_flagged(tmp_path: Path) -> None:
    nfc, nfd = "Jos\u00e9", "Jose\u0301"
    assert unicodedata.normalize("NFC", nfd) == nfc and nfc != nfd
    _touch(tmp_path, f"{nfd}/{FIRST}/{FIRST}.ipynb", mtime=1_000)  # macOS
    _touch(tmp_path, f"{nfc}_{FIRST}.ipynb", mtime=2_000)  # the platform's download
    _touch(tmp_path, f"{nfc}_02-tokenizing.ipynb", mtime=2_000)
    found, problems = collect(tmp_path, KNOWN)
    assert [(s.student, s.chapter) for s in found] == [(nfc, FIRST), (nfc, "02-tokenizing")]
    flag = "student id 'José' written in two Unicode forms ('Jose\\u0301', 'Jos\\xe9'); graded as one student"
    assert all(flag in s.flags for s in found)
    assert [(p.student, p.path) for p in problems] == [(nfc, f"{nfd}/{FIRST}/{FIRST}.ipynb")]
    assert "an older copy" in problems[0].message


def test_a_single_decomposed_id_is_graded_under_its_nfc_form(tmp_path: Path) -> None:
    _touch(tmp_path, f"Jose\u0301_{FIRST}.ipynb")
    (submission,), problems = collect(tmp_path, KNOWN)
    assert submission.student == "Jos\u00e9" and submission.flags == () and problems == []


def test_dot_ids_are_students_but_system_droppings_are_not(tmp_path: Path) -> None:
    _touch(tmp_path, f".ana/{FIRST}/{FIRST}.ipynb", f".bo_{FIRST}.ipynb",
           # never submissions, at any level:
           f".ipynb_checkpoints/x_{FIRST}.ipynb", f"__MACOSX/cy/{FIRST}.ipynb", f"__pycache__/x_{FIRST}.ipynb",
           ".DS_Store", ".git/config", "Thumbs.db", f"._cy_{FIRST}.ipynb",
           f"cy/{FIRST}/{FIRST}.ipynb", "cy/.DS_Store", "cy/Thumbs.db", "cy/__MACOSX/x.ipynb",
           f"cy/.ipynb_checkpoints/{FIRST}-checkpoint.ipynb",
           f"dan/{FIRST}/Untitled.ipynb", f"dan/{FIRST}/.ipynb_checkpoints/Untitled-checkpoint.ipynb")
    found, problems = collect(tmp_path, KNOWN)
    hidden = "student id starts with '.', which hides the {} on Linux and macOS"
    assert _found(tmp_path, found) == [
        (".ana", FIRST, f".ana/{FIRST}/{FIRST}.ipynb", (hidden.format("folder"),)),
        (".bo", FIRST, f".bo_{FIRST}.ipynb", (hidden.format("file"),)),
        ("cy", FIRST, f"cy/{FIRST}/{FIRST}.ipynb", ()),
        ("dan", FIRST, f"dan/{FIRST}/Untitled.ipynb", ("submitted as Untitled.ipynb",)),  # the checkpoint is no rival
    ]
    assert problems == []


def test_an_id_that_cannot_name_a_folder_is_a_problem(tmp_path: Path) -> None:
    _touch(tmp_path, f".._{FIRST}.ipynb")
    found, problems = collect(tmp_path, KNOWN)
    assert found == [] and [(p.student, p.path) for p in problems] == [("..", f".._{FIRST}.ipynb")]
    assert "cannot be used as a folder name" in problems[0].message


# -- read_submission --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("content", "words"),
    [
        (b"", "not a notebook: an empty file (0 bytes)"),
        (b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n", "not a notebook: a binary file (it starts with b'%PDF-1.4"),
        (b'{"cells": [', "not a notebook: not valid notebook JSON"),
        (b"[1, 2]", "not a notebook: malformed notebook JSON"),
        (b"{}", "not a notebook: malformed notebook JSON"),
    ],
)
def test_read_submission_says_why_a_file_is_not_a_notebook(tmp_path: Path, content: bytes, words: str) -> None:
    path = tmp_path / "a.ipynb"
    path.write_bytes(content)
    nb, message = read_submission(path)
    assert nb is None and message.startswith(words), message


def test_read_submission_reads_a_notebook(tmp_path: Path) -> None:
    path = tmp_path / "a.ipynb"
    nbformat.write(nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("1 + 1")]), path)
    nb, message = read_submission(path)
    assert message is None and nb.cells[0].source == "1 + 1"


# -- rows, the CSV and the summary ---------------------------------------------------------------


def _task(grade_id: str, status: str, points: float | None, max_points: float, **more) -> TaskResult:
    kind = "written" if "written" in grade_id else "code"
    return TaskResult(grade_id, grade_id.split("-")[0].replace("task", "Task "), kind, status, points, max_points, **more)


def _result(student: str = "ana", chapter: str = FIRST, **more) -> NotebookResult:
    return NotebookResult(student, chapter, f"{student}_{chapter}.ipynb", (
        _task("task1-tests", "autograded", 1.0, 1.0, flags=("cell task1-tests was stopped after 30 s",)),
        _task("task2-written", "needs manual grading", None, 2.0),
        _task("task3-written", "not answered", 0.0, 1.0),
    ), **more)


def test_rows_give_each_task_its_flags_and_the_notebook_totals() -> None:
    table = rows(_result(flags=("submitted as Untitled.ipynb",)))
    assert [tuple(r[c] for c in COLUMNS) for r in table] == [
        ("ana", FIRST, "task1-tests", "autograded", "1", "1", "1", "4",
         "cell task1-tests was stopped after 30 s; submitted as Untitled.ipynb", ""),
        ("ana", FIRST, "task2-written", "needs manual grading", "", "2", "1", "4", "submitted as Untitled.ipynb", ""),
        ("ana", FIRST, "task3-written", "not answered", "0", "1", "1", "4", "submitted as Untitled.ipynb", ""),
    ]
    assert problem_row(Problem("bo", FIRST, "bo.ipynb", "broken."))["status"] == "not graded"


@pytest.mark.parametrize("student", ["=1+1", "+cmd", "-x", "@SUM(A1)", "\tx", "\rx", "'=x"])
def test_formula_like_cells_are_written_with_an_apostrophe(tmp_path: Path, student: str) -> None:
    path = tmp_path / "gradebook.csv"
    write_gradebook([*rows(_result(student)), problem_row(Problem(student, FIRST, f"{student}_x.ipynb", "bad."))], path)
    with path.open(encoding="utf-8", newline="") as handle:
        cells = list(csv.reader(handle))
    assert cells[0] == list(COLUMNS)
    assert {row[0] for row in cells[1:]} == {"'" + student}
    assert cells[-1][COLUMNS.index("flags")].startswith("'" + student)
    assert [row[4] for row in cells[1:4]] == ["1", "", "0"]  # the points stay numbers
    assert {r["student"] for _, r in gradebook.read_table(path).rows} == {student}  # and read back as written


def test_the_summary_counts_answers_graded_by_hand_as_graded() -> None:
    graded = manual.merge_manual([_result()], [manual.ManualGrade(2, "ana", FIRST, "task2-written", "1.5")])[0]
    assert summary(rows(graded[0])).splitlines() == [
        "student  01-meet-the-corpus  to grade by hand  flags",
        "ana      2.5/4               0                 1",
    ]


# -- manual grades ------------------------------------------------------------------------------


def _statuses(results) -> dict[tuple[str, str], tuple[str, str]]:
    return {(r["student"], r["task"]): (r["status"], r["points"]) for res in results for r in rows(res)}


def test_the_manual_grades_file_is_created_with_the_answers_to_grade(tmp_path: Path) -> None:
    results, notes = apply_manual_grades(tmp_path, [_result("ana"), _result("=1+1")])
    assert (tmp_path / MANUAL).read_bytes() == (
        b"student,chapter,task,points,comment\r\n"
        b"ana,01-meet-the-corpus,task2-written,,\r\n"
        b"'=1+1,01-meet-the-corpus,task2-written,,\r\n"
    )
    assert len(notes) == 1 and notes[0].startswith(f"created {tmp_path / MANUAL}: type the points")
    assert _statuses(results)[("ana", "task2-written")] == ("needs manual grading", "")


def test_no_manual_grades_file_without_an_answer_to_grade(tmp_path: Path) -> None:
    result = NotebookResult("ana", FIRST, "a.ipynb", (_task("task1-tests", "autograded", 1.0, 1.0),))
    assert apply_manual_grades(tmp_path, [result]) == ([result], [])
    assert not (tmp_path / MANUAL).exists()


def test_manual_points_are_merged_and_the_file_is_never_rewritten(tmp_path: Path) -> None:
    text = (
        "\ufeffstudent;chapter;task;points;comment\r\n"  # as a spreadsheet in French saves it
        "'=1+1;01-meet-the-corpus;task2-written;1,5;Clear, \"well argued\"\r\n"
        "Jose\u0301;01-meet-the-corpus;task2-written;2;\r\n"
    )
    (tmp_path / MANUAL).write_bytes(text.encode("utf-8"))
    before = (tmp_path / MANUAL).read_bytes()
    results, notes = apply_manual_grades(tmp_path, [_result("=1+1"), _result("Jos\u00e9"), _result("bo")])
    assert (tmp_path / MANUAL).read_bytes() == before
    table = {(r["student"], r["task"]): r for res in results for r in rows(res)}
    assert [table[("=1+1", "task2-written")][c] for c in ("status", "points", "total", "manual_comment")] == [
        "graded by hand", "1.5", "2.5", 'Clear, "well argued"']
    assert table[("Jos\u00e9", "task2-written")]["status"] == "graded by hand"
    assert table[("bo", "task2-written")]["status"] == "needs manual grading"
    assert notes == [
        f"{MANUAL} has no line for 1 answer(s) to grade by hand: bo {FIRST} task2-written. "
        "Add a line student,chapter,task,points,comment for each."
    ]


@pytest.mark.parametrize(
    ("line", "words"),
    [
        ("ana,{c},task2-written,two,", "points 'two' is not a number: write a number from 0 to 2"),
        ("ana,{c},task2-written,nan,", "points 'nan' is not a number"),
        ("ana,{c},task2-written,-1,", "points -1 is negative: write a number from 0 to 2"),
        ("ana,{c},task2-written,3,", "points 3 is above the maximum of 2 for task2-written"),
        ("zed,{c},task2-written,1,", "no notebook of student 'zed' was graded in this run"),
        ("ana,02-tokenizing,task2-written,1,", "student 'ana' has no graded notebook for chapter '02-tokenizing'"),
        ("ana,{c},task9-written,1,", "has no task 'task9-written' (the tasks to grade by hand are: task2-written)"),
        ("ana,{c},task1-tests,1,", "task1-tests of ana (01-meet-the-corpus) is autograded, not waiting for a grader"),
    ],
)
def test_a_bad_manual_grade_is_reported_by_line_and_not_used(tmp_path: Path, line: str, words: str) -> None:
    (tmp_path / MANUAL).write_text(
        f"student,chapter,task,points,comment\nbo,{FIRST},task2-written,,\n{line.format(c=FIRST)}\n",
        encoding="utf-8",
    )
    results, notes = apply_manual_grades(tmp_path, [_result("ana"), _result("bo")])
    assert notes[0].startswith(f"{MANUAL} line 3: ") and words in notes[0], notes
    assert all(n.startswith(f"{MANUAL} has no line for 1 answer(s)") for n in notes[1:])  # when line 3 was ana's only
    assert _statuses(results)[("ana", "task2-written")] == ("needs manual grading", "")
    assert _statuses(results)[("ana", "task1-tests")] == ("autograded", "1")


def test_a_task_given_points_twice_uses_the_first_line(tmp_path: Path) -> None:
    (tmp_path / MANUAL).write_text(
        f"student,chapter,task,points,comment\nana,{FIRST},task2-written,1,\nana,{FIRST},task2-written,2,\n",
        encoding="utf-8",
    )
    results, notes = apply_manual_grades(tmp_path, [_result("ana")])
    assert _statuses(results)[("ana", "task2-written")] == ("graded by hand", "1")
    assert notes == [f"{MANUAL} line 3: task2-written of ana ({FIRST}) has points on line 2 too; "
                     "line 2 is used: delete one of them."]


def test_a_manual_grades_file_without_its_columns_is_reported(tmp_path: Path) -> None:
    (tmp_path / MANUAL).write_text("name,mark\nana,2\n", encoding="utf-8")
    results, notes = apply_manual_grades(tmp_path, [_result("ana")])
    assert notes[0].startswith(f"{MANUAL} has no column student, chapter, task, points in its first line")
    assert _statuses(results)[("ana", "task2-written")] == ("needs manual grading", "")


def _old_gradebook(output: Path, points: dict[str, str]) -> None:
    """A gradebook.csv as the old grader wrote it, with ``points`` typed in by student (task2-written)."""
    old = []
    for student in ("ana", "bo", "=1+1"):
        for row in rows(_result(student)):
            if row["task"] == "task2-written":
                row["points"] = points.get(student, "")
            old.append(row)
    write_gradebook(old, output / "gradebook.csv")


def test_points_typed_into_the_old_gradebook_start_the_manual_grades_file(tmp_path: Path) -> None:
    _old_gradebook(tmp_path, {"ana": "2", "=1+1": "1"})
    results, notes = apply_manual_grades(tmp_path, [_result("ana"), _result("bo"), _result("=1+1")])
    assert (tmp_path / MANUAL).read_text(encoding="utf-8").splitlines() == [
        "student,chapter,task,points,comment",
        f"ana,{FIRST},task2-written,2,",
        f"bo,{FIRST},task2-written,,",
        f"'=1+1,{FIRST},task2-written,1,",
    ]
    assert f"carried 2 manual grade(s) typed into gradebook.csv over to {MANUAL}" in notes
    assert _statuses(results)[("ana", "task2-written")] == ("graded by hand", "2")
    assert _statuses(results)[("=1+1", "task2-written")] == ("graded by hand", "1")


def test_typed_points_are_appended_only_where_the_file_gives_none(tmp_path: Path) -> None:
    _old_gradebook(tmp_path, {"ana": "2", "bo": "1", "=1+1": "0.5"})
    existing = (
        "student,chapter,task,points,comment\r\n"
        f"ana,{FIRST},task2-written,1.5,kept\r\n"  # wins over the 2 typed into the gradebook
        f"=1+1,{FIRST},task2-written,,"  # no points yet, and no line end: the typed 0.5 is appended
    ).encode()
    (tmp_path / MANUAL).write_bytes(existing)
    results, notes = apply_manual_grades(tmp_path, [_result("ana"), _result("bo"), _result("=1+1")])
    after = (tmp_path / MANUAL).read_bytes()
    assert after.startswith(existing)
    assert after[len(existing):] == f"\r\nbo,{FIRST},task2-written,1,\r\n'=1+1,{FIRST},task2-written,0.5,\r\n".encode()
    assert notes == [
        f"carried 2 manual grade(s) typed into gradebook.csv over to {MANUAL}",
        f"gradebook.csv line 3 gives 2 point(s) to ana {FIRST} task2-written, {MANUAL} line 2 gives 1.5: "
        f"kept {MANUAL}'s.",
    ]
    assert [_statuses(results)[(s, "task2-written")] for s in ("ana", "bo", "=1+1")] == [
        ("graded by hand", "1.5"), ("graded by hand", "1"), ("graded by hand", "0.5")]
    apply_manual_grades(tmp_path, results)  # a second run: nothing new to carry
    assert (tmp_path / MANUAL).read_bytes() == after


def test_typed_points_that_the_file_encoding_cannot_hold_stop_the_run(tmp_path: Path) -> None:
    write_gradebook([{**rows(_result("李"))[1], "points": "2"}], tmp_path / "gradebook.csv")
    (tmp_path / MANUAL).write_bytes("student,chapter,task,points,comment\r\nJosé,x,y,,\r\n".encode("cp1252"))
    before = (tmp_path / MANUAL).read_bytes()
    with pytest.raises(GradingError, match="save it as 'CSV UTF-8'"):
        apply_manual_grades(tmp_path, [_result("李")])
    assert (tmp_path / MANUAL).read_bytes() == before


# -- publishing ----------------------------------------------------------------------------------


def _previous_results(output: Path) -> dict[str, str]:
    (output / "feedback" / "ana").mkdir(parents=True)
    (output / "feedback" / "ana" / f"{FIRST}.html").write_text("<p>old</p>", encoding="utf-8")
    (output / "gradebook.csv").write_text("student\r\nold\r\n", encoding="utf-8")
    (output / MANUAL).write_text("student,chapter,task,points,comment\r\n", encoding="utf-8")
    return _snapshot(output)


def _build(folder: Path) -> str:
    (folder / "feedback" / "bo").mkdir(parents=True)
    (folder / "feedback" / "bo" / f"{FIRST}.html").write_text("<p>new</p>", encoding="utf-8")
    (folder / "gradebook.csv").write_text("student\r\nnew\r\n", encoding="utf-8")
    return "built"


def _without_lock(snapshot: dict[str, str]) -> dict[str, str]:
    return {k: v for k, v in snapshot.items() if k != publishing.LOCK}


def test_publish_replaces_the_results_and_leaves_the_rest(tmp_path: Path) -> None:
    before = _previous_results(tmp_path)
    assert publish(tmp_path, _build) == "built"
    after = _without_lock(_snapshot(tmp_path))
    assert sorted(after) == ["feedback", "feedback/bo", f"feedback/bo/{FIRST}.html", "gradebook.csv", MANUAL]
    assert (tmp_path / "gradebook.csv").read_bytes() == b"student\r\nnew\r\n"
    assert after[MANUAL] == before[MANUAL]


@pytest.mark.parametrize("error", [RuntimeError("grading failed"), KeyboardInterrupt()])
def test_an_interrupted_build_leaves_the_previous_results_byte_identical(tmp_path: Path, error) -> None:
    before = _previous_results(tmp_path)

    def build(folder: Path) -> None:
        _build(folder)
        raise error

    with pytest.raises(type(error)):
        publish(tmp_path, build)
    assert _without_lock(_snapshot(tmp_path)) == before


@pytest.mark.parametrize("failing_call", [1, 2, 3, 4])  # each rename of the swap: 2 old results out, 2 new in
def test_a_failure_midway_through_the_swap_is_rolled_back(tmp_path: Path, monkeypatch, failing_call: int) -> None:
    before = _previous_results(tmp_path)
    real_rename, calls = os.rename, []

    def rename(source, target):
        calls.append(source)
        if len(calls) == failing_call:
            raise OSError("disk trouble")
        real_rename(source, target)

    monkeypatch.setattr(publishing.os, "rename", rename)
    with pytest.raises(OSError, match="disk trouble"):
        publish(tmp_path, _build)
    monkeypatch.undo()
    assert _without_lock(_snapshot(tmp_path)) == before


def test_a_killed_runs_temporary_folders_are_removed_by_the_next_run(tmp_path: Path) -> None:
    _previous_results(tmp_path)
    for stale in (".grading-tmp-k1ll3d", ".grading-trash-old1"):
        (tmp_path / stale / "feedback").mkdir(parents=True)
        (tmp_path / stale / "gradebook.csv").write_text("half\r\n", encoding="utf-8")
    notes: list[str] = []
    publish(tmp_path, _build, notes)
    assert not list(tmp_path.glob(".grading-*-*"))
    assert notes == [f"removed {name}, left by a grading run that was killed"
                     for name in (".grading-tmp-k1ll3d", ".grading-trash-old1")]


@pytest.mark.parametrize("complete", [False, True])
def test_a_swap_cut_short_by_a_kill_is_rolled_back_by_the_next_run(tmp_path: Path, complete: bool) -> None:
    before = _previous_results(tmp_path)
    # The killed run had moved the old results aside (and, with the marker, the new gradebook in).
    backup = tmp_path / ".grading-old-abc"
    backup.mkdir()
    os.rename(tmp_path / "gradebook.csv", backup / "gradebook.csv")
    os.rename(tmp_path / "feedback", backup / "feedback")
    (tmp_path / ".grading-tmp-abc").mkdir()
    if complete:
        (backup / publishing.COMPLETE).touch()
        (tmp_path / "gradebook.csv").write_text("new, half published\r\n", encoding="utf-8")
    notes = publishing.recover(tmp_path)
    assert _snapshot(tmp_path) == before
    assert notes[0].startswith("a killed grading run had half replaced the results")


def test_a_second_run_on_the_same_output_is_refused(tmp_path: Path) -> None:
    before = _previous_results(tmp_path)
    with (tmp_path / publishing.LOCK).open("a+") as other:  # another run holds the lock
        fcntl.flock(other, fcntl.LOCK_EX | fcntl.LOCK_NB)
        other.write("4242\n")
        other.flush()
        with pytest.raises(GradingError, match=r"another grading run \(pid 4242\) is writing to .*pass another --output"):
            publish(tmp_path, _build)
    assert _without_lock(_snapshot(tmp_path)) == before


def test_a_lock_file_left_by_a_killed_run_does_not_block(tmp_path: Path) -> None:
    (tmp_path / publishing.LOCK).write_text("999999\n", encoding="utf-8")  # nobody holds it any more
    assert publish(tmp_path, _build) == "built"


def test_sigterm_during_grading_leaves_the_previous_results(tmp_path: Path) -> None:
    before = _previous_results(tmp_path)
    started = tmp_path / "started"
    script = (
        "import sys, time; from pathlib import Path\n"
        "from tools.grading.publish import publish\n"
        "def build(folder):\n"
        "    (folder / 'gradebook.csv').write_text('new')\n"
        f"    Path({str(started)!r}).touch()\n"
        "    time.sleep(30)\n"
        f"publish(Path({str(tmp_path)!r}), build)\n"
    )
    run = subprocess.Popen([sys.executable, "-c", script], cwd=ROOT, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 20
    while not started.exists() and run.poll() is None and time.monotonic() < deadline:
        time.sleep(0.02)
    run.send_signal(signal.SIGTERM)
    _, err = run.communicate(timeout=20)
    assert "Terminated: grading was stopped (SIGTERM)" in err, err
    after = _without_lock(_snapshot(tmp_path))
    assert after.pop("started") and after == before  # no temporary folder left either


# -- the output folder -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("submissions", "output", "words"),
    [
        ("class", "class", "is the submissions folder, which is only ever read"),
        ("class", "class/grades", "is inside the submissions folder"),
        ("work/class", "work", "is inside the output folder"),
        ("class", "top/repo", "refusing to write grades into"),
        ("class", "top", "refusing to write grades into"),
        *[("class", f"top/repo/{name}", f"{name}/ belongs to the repository") for name in gradebook.PROTECTED],
        ("class", "top/repo/solutions/grades", "solutions/ belongs to the repository"),
    ],
)
def test_check_output_refuses_folders_that_hold_other_things(tmp_path: Path, submissions, output, words) -> None:
    with pytest.raises(GradingError) as refused:
        check_output(tmp_path / submissions, tmp_path / output, tmp_path / "top" / "repo")
    assert words in str(refused.value)
    assert "pass" in str(refused.value) or "pick" in str(refused.value)  # says what to do
    assert list(tmp_path.iterdir()) == []  # nothing was created


def test_check_output_accepts_a_separate_folder(tmp_path: Path) -> None:
    check_output(tmp_path / "class", tmp_path / "top" / "repo" / "grades", tmp_path / "top" / "repo")
    check_output(tmp_path / "class", tmp_path / "grades", tmp_path / "top" / "repo")


# -- feedback pages ----------------------------------------------------------------------------------


def _page(**task) -> str:
    defaults = dict(grade_id="task1-tests", task="Task 1", kind="code", status="autograded", points=0.0, max_points=1.0)
    return render(NotebookResult("<b>ana</b>", FIRST, "ana.ipynb", (TaskResult(**{**defaults, **task}),)))


def test_the_feedback_page_escapes_what_students_wrote() -> None:
    page = _page(output="<script>alert('x')</script>\x1b[31mred\x1b[0m\x00",
                 visible_message="expected <div>", hidden_message="Task 1: wrong for 'é' & <ü>",
                 flags=("answer cell task1-answer uses <script>",))
    assert "<script" not in page.lower()
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;red" in page  # colour codes and NUL gone
    assert "<title>Feedback: 01-meet-the-corpus for &lt;b&gt;ana&lt;/b&gt;</title>" in page
    assert "<h1>Feedback: 01-meet-the-corpus for &lt;b&gt;ana&lt;/b&gt;</h1>" in page
    assert "<h3>Hidden tests</h3>\n<pre>Task 1: wrong for &#x27;é&#x27; &amp; &lt;ü&gt;</pre>" in page
    assert "<li>answer cell task1-answer uses &lt;script&gt;</li>" in page


def test_the_feedback_page_is_self_contained_and_accessible() -> None:
    page = _page(visible_message="✔ Task 1: all visible checks passed.", points=1.0)
    assert page.startswith("<!DOCTYPE html>\n<html lang=\"en\">")
    assert page.count("<h1>") == 1 and page.count("<section") == 1 and page.count("<h2") == 1
    assert '<span class="points full">1 / 1</span>' in page
    assert "font: 18px" in page
    for external in ("http:", "https:", "src=", "href=", "<link", "@import", "<script"):
        assert external not in page


def test_long_output_is_cut_with_a_note() -> None:
    page = _page(output="x" * 25_000)
    assert "x" * 20_000 in page and "x" * 20_001 not in page
    assert "Cut: the first 20,000 of 25,000 characters of your output are shown." in page
    assert "Cut:" not in _page(output="x" * 20_000)


def test_the_manual_note_is_on_answers_waiting_for_a_grader_only() -> None:
    waiting = _page(grade_id="task2-written", kind="written", status="needs manual grading", points=None, max_points=2.0)
    unanswered = _page(grade_id="task2-written", kind="written", status="not answered", points=0.0, max_points=2.0)
    graded = _page(grade_id="task2-written", kind="written", status="graded by hand", points=1.5, max_points=2.0,
                   comment="Good <em>point</em>")
    assert MANUAL_NOTE in waiting and "0 / 2, to be graded by hand" in waiting
    assert MANUAL_NOTE not in unanswered and "0 / 2, not answered" in unanswered
    assert MANUAL_NOTE not in graded and "1.5 / 2, graded by hand" in graded
    assert "<pre>Good &lt;em&gt;point&lt;/em&gt;</pre>" in graded


def test_write_saves_the_page_as_utf8(tmp_path: Path) -> None:
    result = NotebookResult("zoë", FIRST, "zoë.ipynb", (TaskResult("task1-tests", "Task 1", "code", "autograded", 1.0, 1.0),))
    path = feedback.page_path(tmp_path / "feedback", result.student, result.chapter)
    feedback.write(result, path)
    assert path == tmp_path / "feedback" / "zoë" / f"{FIRST}.html"
    assert path.read_bytes() == render(result).encode("utf-8")
    with pytest.raises(ValueError, match="cannot be a folder name"):
        feedback.page_path(tmp_path, "..", FIRST)
