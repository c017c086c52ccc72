"""Grading a class with ``python -m tools.grade`` (what ``make grade`` runs), end to end, in the sandbox.

One generated class is graded once for the whole module (``graded``): it
holds a submission for every robustness case of the grading issue, and the
tests read the gradebook, the feedback pages and the printed report. The
class is small on purpose (chapter 01 for the special cases, every chapter
once for the model answers), so the module runs in about a minute on two
cores. The pure parts (collecting submissions, recognising a chapter, the
notebook to grade, the gradebook rows) are tested directly, without a sandbox.
The attacks are in test_grading_attacks.py; the gradebook, manual grades and
publishing in test_grading_books.py.
"""

from __future__ import annotations

import csv
import hashlib
import os
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from tools import sample_class  # noqa: E402
from tools.grading.cli import main  # noqa: E402
from tools.grading.feedback import MANUAL_NOTE  # noqa: E402
from tools.grading.gradebook import COLUMNS, summary  # noqa: E402
from tools.grading.gradebook import rows as gradebook_rows  # noqa: E402
from tools.grading.release import fingerprints, identify, load_release, plan, tampered  # noqa: E402
from tools.grading.results import NotebookResult, TaskResult  # noqa: E402
from tools.grading.submissions import collect  # noqa: E402

CHAPTERS = sorted(p.parent.name for p in ROOT.glob("solutions/*/*.ipynb"))
FIRST = "01-meet-the-corpus"  # the quickest chapter: the special cases use it
TIMEOUT = 10  # seconds per cell: long enough for any real cell, short for the endless loop


def _snapshot(folder: Path) -> dict[str, tuple[str, int]]:
    """Every file under ``folder``: content hash and modification time."""
    return {
        str(p.relative_to(folder)): (hashlib.sha256(p.read_bytes()).hexdigest(), p.stat().st_mtime_ns)
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def _write(nb, path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    nbformat.write(nb, path)
    return path


def _cell(nb, grade_id: str):
    return next(c for c in nb.cells if c.metadata.get("nbgrader", {}).get("grade_id") == grade_id)


def make_test_class(folder: Path) -> None:
    """The class: one student per robustness case (see the module docstring)."""
    release, answers = sample_class.load(FIRST)
    nested = lambda student, chapter=FIRST: sample_class.path_for(folder, student, chapter)  # noqa: E731

    for chapter in CHAPTERS:  # ada: the model answers of every chapter
        chapter_release, chapter_answers = sample_class.load(chapter)
        _write(sample_class.fill(chapter_release, chapter_answers), nested("ada", chapter))
    _write(release, nested("ben"))  # ben: untouched
    # cleo: tasks 1 and 2 only, in the flat layout of a learning platform's download
    _write(sample_class.fill(release, answers, ["task1-answer", "task2-answer"]),
           sample_class.path_for(folder, "cleo", FIRST, flat=True))
    # dan: no answer to task 2, and a test cell "fixed" so that it passes
    dan = sample_class.fill(release, answers, [a for a in answers if a != "task2-answer"])
    _cell(dan, "task2-tests").source = 'passed("Task 2")'
    _write(dan, nested("dan"))
    # eli: everything right, but the task 3 test cell deleted
    eli = sample_class.fill(release, answers)
    eli.cells.remove(_cell(eli, "task3-tests"))
    _write(eli, nested("eli"))
    # fay: task 1 never returns
    fay = sample_class.fill(release, answers)
    _cell(fay, "task1-answer").source = "def file_sizes(folder):\n    while True:\n        pass"
    _write(fay, nested("fay"))
    # gus: a notebook cut short (an interrupted upload)
    broken = nested("gus")
    broken.parent.mkdir(parents=True)
    broken.write_text(nbformat.writes(sample_class.fill(release, answers))[:300], encoding="utf-8")
    # hal: a PDF under a notebook's name
    (folder / f"hal_{FIRST}.ipynb").write_bytes(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\n")
    # ivy: chapter 01's notebook handed in as chapter 02
    _write(sample_class.fill(release, answers), nested("ivy", "02-tokenizing"))
    # a stray file a platform adds to its downloads
    (folder / "grading-instructions.txt").write_text("not a notebook\n", encoding="utf-8")


@pytest.fixture(scope="module")
def graded(tmp_path_factory):
    folder = tmp_path_factory.mktemp("submissions")
    make_test_class(folder)
    before = _snapshot(folder)
    output = tmp_path_factory.mktemp("grades")
    env = {**os.environ, "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}"}
    run = subprocess.run(
        [sys.executable, "-m", "tools.grade", str(folder), "--output", str(output),
         "--timeout", str(TIMEOUT), "--workers", "2"],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=600,
    )
    with (output / "gradebook.csv").open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        header, rows = reader.fieldnames, list(reader)
    return {
        "run": run, "folder": folder, "output": output, "header": header, "rows": rows,
        "before": before, "after": _snapshot(folder),
    }


def _rows(graded, student: str, chapter: str = FIRST) -> dict[str, dict[str, str]]:
    return {r["task"]: r for r in graded["rows"] if r["student"] == student and r["chapter"] == chapter}


def _not_graded(graded, student: str) -> list[dict[str, str]]:
    return [r for r in graded["rows"] if r["student"] == student and r["status"] == "not graded"]


# -- the run itself -------------------------------------------------------------


def test_grading_runs_and_writes_the_gradebook(graded) -> None:
    run = graded["run"]
    assert run.returncode == 0, f"exit {run.returncode}\nstdout:\n{run.stdout}\nstderr:\n{run.stderr}"
    assert graded["header"] == list(COLUMNS)
    graded_notebooks = len(CHAPTERS) + 5  # ada's chapters, ben, cleo, dan, eli, fay
    assert f"Graded {graded_notebooks} notebook(s)" in run.stdout
    assert f"grading [{'#' * 30}] {graded_notebooks}/{graded_notebooks}" in run.stderr  # the progress bar
    assert run.stdout.startswith("student  "), run.stdout  # the summary table comes first
    assert "Traceback" not in run.stderr and "Warning" not in run.stderr, run.stderr


def test_the_submissions_folder_is_not_modified(graded) -> None:
    assert graded["after"] == graded["before"]


@pytest.mark.parametrize("chapter", CHAPTERS)
def test_the_model_answers_score_full_marks(graded, chapter: str) -> None:
    rows = _rows(graded, "ada", chapter)
    assert rows, f"ada's {chapter} was not graded: {_not_graded(graded, 'ada')}"
    auto = {task: r for task, r in rows.items() if r["status"] == "autograded"}
    assert auto, f"{chapter} has no autograded task"
    short = {task: (r["points"], r["max_points"]) for task, r in auto.items() if r["points"] != r["max_points"]}
    assert not short, f"the model answers of {chapter} lose points: {short}"
    flags = {task: r["flags"] for task, r in rows.items() if r["flags"]}
    assert not flags, f"ada's {chapter} is flagged: {flags}"
    written = [r for r in rows.values() if r["status"] != "autograded"]
    assert written and all(r["status"] == "needs manual grading" and r["points"] == "" for r in written), written
    assert all(float(r["max_points"]) > 0 for r in written)
    points = sum(float(r["points"]) for r in auto.values())
    assert {r["total"] for r in rows.values()} == {f"{points:g}"}
    assert {r["max_total"] for r in rows.values()} == {f"{sum(float(r['max_points']) for r in rows.values()):g}"}


def test_the_untouched_exercise_scores_zero(graded) -> None:
    rows = _rows(graded, "ben")
    auto = [r for r in rows.values() if r["status"] == "autograded"]
    assert len(auto) == 5 and all(r["points"] == "0" for r in auto), rows
    assert rows["task6-written"]["status"] == "not answered" and rows["task6-written"]["points"] == "0"
    assert rows["task6-written"]["max_points"] == "2"
    assert {r["total"] for r in rows.values()} == {"0"}


def test_a_partly_solved_notebook_gets_partial_marks(graded) -> None:
    points = {task: r["points"] for task, r in _rows(graded, "cleo").items()}
    assert points == {
        "task1-tests": "1", "task2-tests": "1", "task3-tests": "0", "task4-tests": "0",
        "task5-tests": "0", "task6-written": "0",
    }


def test_an_edited_test_cell_is_graded_with_the_original_and_flagged(graded) -> None:
    rows = _rows(graded, "dan")
    # The edited cell only printed "passed"; the original tests fail on the stub.
    assert rows["task2-tests"]["points"] == "0"
    assert "read-only cell task2-tests was edited" in rows["task2-tests"]["flags"]
    assert all(rows[t]["points"] == rows[t]["max_points"] for t in ("task1-tests", "task3-tests", "task5-tests"))
    assert not rows["task1-tests"]["flags"], "the flag belongs on task 2's row only"


def test_a_deleted_test_cell_is_restored_and_flagged(graded) -> None:
    rows = _rows(graded, "eli")
    assert rows["task3-tests"]["points"] == "2", "the restored test cell should run and pass"
    assert "read-only cell task3-tests was deleted" in rows["task3-tests"]["flags"]


def test_an_endless_loop_is_stopped_and_the_rest_graded(graded) -> None:
    rows = _rows(graded, "fay")
    assert rows["task1-tests"]["points"] == "0"
    assert f"cell task1-tests was stopped after {TIMEOUT} s" in rows["task1-tests"]["flags"]
    assert all(rows[t]["points"] == rows[t]["max_points"] for t in ("task2-tests", "task3-tests", "task4-tests", "task5-tests"))


@pytest.mark.parametrize(
    "student, path, words",
    [
        ("gus", f"gus/{FIRST}/{FIRST}.ipynb", "not a notebook: not valid notebook JSON"),
        ("hal", f"hal_{FIRST}.ipynb", "not a notebook: a binary file (it starts with b'%PDF-1.4"),
        ("ivy", "ivy/02-tokenizing/02-tokenizing.ipynb", f"it is the exercise notebook of {FIRST}"),
        ("", "grading-instructions.txt", "not a submission"),
    ],
)
def test_broken_and_misplaced_submissions_are_reported_by_name(graded, student: str, path: str, words: str) -> None:
    rows = [r for r in graded["rows"] if r["student"] == student and r["status"] == "not graded"]
    assert len(rows) == 1, rows
    assert rows[0]["flags"].startswith(f"{path}: ") and words in rows[0]["flags"], rows[0]
    assert f"  {path}: " in graded["run"].stdout  # and in the printed report


def test_feedback_pages_hide_the_hidden_tests_and_work_offline(graded) -> None:
    feedback = graded["output"] / "feedback"
    pages = sorted(str(p.relative_to(feedback)) for p in feedback.rglob("*.html"))
    expected = sorted([f"ada/{c}.html" for c in CHAPTERS] + [f"{s}/{FIRST}.html" for s in ("ben", "cleo", "dan", "eli", "fay")])
    assert pages == expected
    solution = (ROOT / "solutions" / FIRST / f"{FIRST}.ipynb").read_text(encoding="utf-8")
    assert "accent.txt" in solution  # in task 1's hidden tests: looked for below
    ben = (feedback / "ben" / f"{FIRST}.html").read_text(encoding="utf-8")
    assert "accent.txt" not in ben and "HIDDEN TESTS" not in ben
    assert "NotImplementedError" in ben  # the failures are shown
    assert "cdnjs" not in ben and "<script src=\"http" not in ben
    ada = (feedback / "ada" / f"{FIRST}.html").read_text(encoding="utf-8")
    assert "✔ Task 1: all visible checks passed." in ada
    assert MANUAL_NOTE in ada and MANUAL_NOTE not in ben  # ada's written answer waits for a grader; ben wrote none


# -- the pure parts, without nbgrader ----------------------------------------------


def test_collect_reads_both_layouts_and_reports_the_rest(tmp_path: Path) -> None:
    for path in [
        "ana/01-meet-the-corpus/01-meet-the-corpus.ipynb",
        "ana/02-tokenizing/Untitled.ipynb",
        "bo/03-counting.ipynb",
        "cy_01-meet-the-corpus.ipynb",
        "cy/01-meet-the-corpus/01-meet-the-corpus.ipynb",  # cy's second copy of chapter 01, made older below
        "di/99-unknown/99-unknown.ipynb",
        "di/02-tokenizing/answers.docx",
        "ed_homework.ipynb",
        "ana/.ipynb_checkpoints/x.ipynb",
        ".DS_Store",
    ]:
        (tmp_path / path).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / path).write_text("{}", encoding="utf-8")
    os.utime(tmp_path / "cy/01-meet-the-corpus/01-meet-the-corpus.ipynb", (1_600_000_000, 1_600_000_000))
    found, problems = collect(tmp_path, ["01-meet-the-corpus", "02-tokenizing", "03-counting"])
    assert [(s.student, s.chapter, str(s.path.relative_to(tmp_path)), s.flags) for s in found] == [
        ("ana", "01-meet-the-corpus", "ana/01-meet-the-corpus/01-meet-the-corpus.ipynb", ()),
        ("ana", "02-tokenizing", "ana/02-tokenizing/Untitled.ipynb", ("submitted as Untitled.ipynb",)),
        ("bo", "03-counting", "bo/03-counting.ipynb", ()),
        ("cy", "01-meet-the-corpus", "cy_01-meet-the-corpus.ipynb", ()),  # the newer copy
    ]
    messages = {(p.student, p.path): p.message for p in problems}
    assert set(messages) == {
        ("cy", "cy/01-meet-the-corpus/01-meet-the-corpus.ipynb"),
        ("di", "di/99-unknown/99-unknown.ipynb"),
        ("di", "di/02-tokenizing"),
        ("", "ed_homework.ipynb"),
    }
    assert "an older copy of 01-meet-the-corpus" in messages[("cy", "cy/01-meet-the-corpus/01-meet-the-corpus.ipynb")]
    assert "unknown chapter '99-unknown'" in messages[("di", "di/99-unknown/99-unknown.ipynb")]
    assert "answers.docx" in messages[("di", "di/02-tokenizing")]


def test_a_notebook_is_recognised_by_its_read_only_cells() -> None:
    prints = fingerprints(ROOT, CHAPTERS)
    first, _ = sample_class.load(FIRST)
    second, _ = sample_class.load("02-tokenizing")
    assert identify(first, FIRST, prints) is None
    assert identify(second, FIRST, prints) == f"submitted for {FIRST}, but it is the exercise notebook of 02-tokenizing."
    blank = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("print('my work')")])
    assert "not the 01-meet-the-corpus exercise notebook" in identify(blank, FIRST, prints)


def test_tampering_is_found_by_checksum() -> None:
    release_nb, _ = sample_class.load(FIRST)
    release = load_release(ROOT, FIRST)
    assert tampered(release_nb, release) == []
    nb = nbformat.from_dict(nbformat.reads(nbformat.writes(release_nb), as_version=4))
    _cell(nb, "task4-tests").metadata.nbgrader["points"] = 20  # more points for oneself
    nb.cells.remove(_cell(nb, "setup"))
    assert tampered(nb, release) == [
        "read-only cell setup was deleted; graded with the original",
        "read-only cell task4-tests was edited; graded with the original",
    ]


def test_gradebook_rows_put_flags_on_their_task() -> None:
    result = NotebookResult("ana", "01-x", "ana/01-x/Untitled.ipynb", (
        TaskResult("task1-tests", "Task 1", "code", "autograded", 1.0, 1.0,
                   flags=("read-only cell task1-tests was edited; graded with the original",)),
        TaskResult("task2-written", "Task 2", "written", "needs manual grading", None, 2.0),
    ), flags=("submitted as Untitled.ipynb",))
    rows = gradebook_rows(result)
    assert [(r["task"], r["status"], r["points"], r["max_points"], r["total"], r["max_total"]) for r in rows] == [
        ("task1-tests", "autograded", "1", "1", "1", "3"),
        ("task2-written", "needs manual grading", "", "2", "1", "3"),
    ]
    assert rows[0]["flags"] == "read-only cell task1-tests was edited; graded with the original; submitted as Untitled.ipynb"
    assert rows[1]["flags"] == "submitted as Untitled.ipynb"
    table = summary(rows + [{"student": "bo", "chapter": "01-x", "task": "", "status": "not graded",
                             "points": "", "max_points": "", "flags": "bo_01-x.ipynb: broken"}])
    assert table.splitlines() == [
        "student  01-x        to grade by hand  flags",
        "ana      1/3         1                 2",
        "bo       not graded  0                 1",
    ]


def test_an_empty_submissions_argument_is_refused(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as stopped:
        main([""])
    assert stopped.value.code == 2
    assert "make grade SUBMISSIONS=path/to/folder" in capsys.readouterr().err


def test_a_missing_folder_is_an_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main([str(tmp_path / "nowhere"), "--output", str(tmp_path / "out")]) == 1
    assert "is not a folder" in capsys.readouterr().err


def test_an_empty_folder_is_an_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "class").mkdir()
    assert main([str(tmp_path / "class"), "--output", str(tmp_path / "out")]) == 1
    assert "no submission found" in capsys.readouterr().err


def test_the_output_may_not_be_inside_the_submissions(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main([str(tmp_path), "--output", str(tmp_path / "grades")]) == 1
    assert "inside the submissions folder" in capsys.readouterr().err
    assert not (tmp_path / "grades").exists()


def test_feedback_shows_the_students_own_frame_and_no_test_code(graded) -> None:
    # The student's error keeps the frame of their own code; no line of a test cell, visible or hidden, is quoted.
    ben = (graded["output"] / "feedback" / "ben" / f"{FIRST}.html").read_text(encoding="utf-8")
    assert "raise NotImplementedError" in ben
    solution = nbformat.read(ROOT / "solutions" / FIRST / f"{FIRST}.ipynb", as_version=4)
    for cell in solution.cells:
        if cell.metadata.get("nbgrader", {}).get("grade") and cell.cell_type == "code":
            quoted = [line for line in cell.source.splitlines() if len(line.strip()) > 30 and line.strip() in ben]
            assert not quoted, quoted


def test_deleted_cells_are_put_back_where_they_were() -> None:
    release_nb, answers = sample_class.load(FIRST)
    release = load_release(ROOT, FIRST)
    nb = sample_class.fill(release_nb, answers)
    ids = [c.metadata.nbgrader["grade_id"] for c in nb.cells if c.cell_type == "code" or c.metadata.nbgrader.get("grade")]
    nb.cells = [c for c in nb.cells if c.metadata.nbgrader["grade_id"] not in ("intro", "task2-answer", "task2-tests")]
    assert tampered(nb, release) == [
        "read-only cell intro was deleted; graded with the original",
        "read-only cell task2-tests was deleted; graded with the original",
        "answer cell task2-answer was deleted; graded as unanswered",
    ]
    planned = plan(nb, release)
    assert [c.key for c in planned.cells] == ids  # every graded and code cell back in its place
    cells = {c.key: c for c in planned.cells}
    assert cells["task2-answer"].source == _cell(release_nb, "task2-answer").source  # the stub
    assert cells["task1-answer"].source == answers["task1-answer"]  # the rest untouched
    assert "BEGIN HIDDEN TESTS" in cells["task2-tests"].trusted_source  # the judge's copy holds the hidden tests


def test_ctrl_c_mid_run_keeps_the_previous_results_and_manual_grades(tmp_path: Path) -> None:
    release, answers = sample_class.load(FIRST)
    folder, output = tmp_path / "class", tmp_path / "grades"
    _write(sample_class.fill(release, answers), sample_class.path_for(folder, "ada", FIRST))
    env = {**os.environ, "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}"}
    command = [sys.executable, "-m", "tools.grade", str(folder), "--output", str(output), "--timeout", "20", "--workers", "1"]
    first = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=300)
    assert first.returncode == 0, first.stderr
    manual = output / "manual-grades.csv"
    manual.write_text(manual.read_text(encoding="utf-8").replace(f"ada,{FIRST},task6-written,", f"ada,{FIRST},task6-written,1.5"),
                      encoding="utf-8")
    before = _snapshot(output)
    # A second student whose task 1 never returns: the run is still busy when Ctrl-C arrives.
    slow = sample_class.fill(release, answers)
    _cell(slow, "task1-answer").source = "def file_sizes(folder):\n    while True:\n        pass"
    _write(slow, sample_class.path_for(folder, "bo", FIRST))
    process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    import signal
    import time

    time.sleep(8)
    process.send_signal(signal.SIGINT)
    _, err = process.communicate(timeout=120)
    assert process.returncode == 130, err
    assert "previous results are still there" in err
    after = {k: v for k, v in _snapshot(output).items() if not k.startswith(".grading")}
    assert after == {k: v for k, v in before.items() if not k.startswith(".grading")}  # gradebook, pages, manual grades
    third = subprocess.run(command[:-4] + ["--timeout", "5", "--workers", "1"], cwd=ROOT, env=env, capture_output=True,
                           text=True, timeout=300)
    assert third.returncode == 0, third.stderr
    with (output / "gradebook.csv").open(encoding="utf-8", newline="") as handle:
        rows = {(r["student"], r["task"]): r for r in csv.DictReader(handle)}
    assert rows[("ada", "task6-written")]["status"] == "graded by hand" and rows[("ada", "task6-written")]["points"] == "1.5"
    assert rows[("bo", "task1-tests")]["points"] == "0" and rows[("bo", "task2-tests")]["points"] == "1"
