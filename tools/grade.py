"""Autograde a class's exercise notebooks: ``python -m tools.grade SUBMISSIONS [--output DIR]``.

``make grade SUBMISSIONS=folder`` runs this. It accepts two layouts, and both
may be mixed in one folder::

    folder/<student-id>/<NN-slug>/<NN-slug>.ipynb    one folder per student and chapter
    folder/<student-id>_<NN-slug>.ipynb              flat, as a learning platform's download gives them

(``folder/<student-id>/<NN-slug>.ipynb`` is accepted too, and a chapter
folder holding a single notebook under another name, e.g. ``Untitled.ipynb``,
is graded and flagged.) It writes, into the output folder (``grades/`` by
default):

* ``gradebook.csv``: one row per student, chapter and task with the columns
  ``student, chapter, task, status, points, max_points, total, max_total,
  flags``. ``status`` is ``autograded``; ``needs manual grading`` for a
  written answer (``points`` empty, ``max_points`` given); ``not answered``
  for a written answer left as the stub (0 points, as nbgrader scores it); or
  ``not graded`` for a submission that could not be graded, the reason in
  ``flags``. ``total`` is the student's points for the chapter so far
  (manual grades still to add); ``flags`` says what an instructor should look
  at: a read-only cell the student edited or deleted (graded with the
  original), a deleted answer cell, a cell stopped by the timeout, a renamed
  notebook.
* ``feedback/<student-id>/<NN-slug>.html``: nbgrader's feedback, one page per
  student and chapter, with the hidden tests' code removed (their failure
  messages stay), a note on written answers still to be graded by hand, and
  no CDN script (the page works offline).

A progress bar runs on stderr; a summary table and the list of problems are
printed at the end. The exit status is 0 once grading ran, even when some
submissions were reported as problems (they are in the table and the CSV);
it is 1 when grading could not start or the folder holds no submission.

How it works: the chapters' sources are copied from ``solutions/`` into a
temporary nbgrader course, configured by the repository's
``nbgrader_config.py`` re-rooted there (the helpers of tools/exercises.py),
and ``generate_assignment`` fills that course's gradebook with the release
cells, their checksums and the hidden tests. Each submission is checked
first (is it a notebook, is it this chapter's exercise, which read-only cells
did the student change or delete), cells the student deleted are put back as
handed out, and the result is written into the course (the submissions folder
is only ever read) and run through nbgrader's ``autograde``, which restores
locked cells, adds the hidden tests and executes the notebook with a per-cell
timeout, and ``generate_feedback``. Grading runs in ``--workers`` processes
(2 by default), each with its own copy of the course and gradebook; inside
the course, students have neutral ids (``s0001``), so any folder name works.

Student code runs with your permissions, as with any autograder: grade
submissions from people you do not trust inside a container or a throwaway
account.
"""

from __future__ import annotations

import argparse
import contextlib
import csv
import json
import logging
import multiprocessing
import os
import re
import shutil
import sys
import tempfile
import time
from collections.abc import Iterable
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass, field
from pathlib import Path
from typing import TextIO

import nbformat

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # spawned workers and `python tools/grade.py` need the repo root
    sys.path.insert(0, str(ROOT))

from tools.exercises import CHAPTER, IGNORE, _Collect, _config, _quiet_nbgrader_import, chapters  # noqa: E402

TIMEOUT = 30  # seconds a cell may run before nbgrader interrupts it
WORKERS = 2
OUTPUT = "grades"
COLUMNS = ("student", "chapter", "task", "status", "points", "max_points", "total", "max_total", "flags")
FLAT = re.compile(r"^(?P<student>.+)_(?P<chapter>\d{2}-[a-z0-9-]+)\.ipynb$")
SKIPPED = {".ipynb_checkpoints", "__MACOSX", "__pycache__", ".DS_Store"}
CDN_SCRIPT = re.compile(r'<script src="https?://[^"]*"[^>]*>\s*</script>')


class GradingError(RuntimeError):
    """Grading cannot start (bad folder, no chapter); the message says what to do."""


# -- what was submitted --------------------------------------------------------


@dataclass(frozen=True)
class Submission:
    """One notebook to grade: a student's work for a chapter, at ``path`` (never written)."""

    student: str
    chapter: str
    path: Path
    flags: tuple[str, ...] = ()


@dataclass(frozen=True)
class Problem:
    """A submission that cannot be graded, named by its path inside the submissions folder."""

    student: str
    chapter: str
    path: str
    message: str


def _visible(path: Path) -> bool:
    return not path.name.startswith(".") and path.name not in SKIPPED


def collect(folder: Path, known: Iterable[str]) -> tuple[list[Submission], list[Problem]]:
    """List the notebooks in ``folder`` to grade, and what cannot be graded, sorted.

    ``known`` are the chapter names (``NN-slug``) that exist in solutions/.
    Nothing is read but names: whether a file really is a notebook of that
    chapter is checked later (:func:`check`).
    """
    folder = Path(folder)
    known = set(known)
    found: list[Submission] = []
    problems: list[Problem] = []

    def where(path: Path) -> str:
        return str(path.relative_to(folder))

    def add(student: str, chapter: str, path: Path, flags: tuple[str, ...] = ()) -> None:
        if chapter not in known:
            problems.append(Problem(student, chapter, where(path), (
                f"unknown chapter {chapter!r}: the chapters are {', '.join(sorted(known))}."
            )))
        else:
            found.append(Submission(student, chapter, path, flags))

    layout = (
        "expected <student-id>/<NN-slug>/<NN-slug>.ipynb or <student-id>_<NN-slug>.ipynb"
    )
    for entry in sorted(filter(_visible, folder.iterdir())):
        if entry.is_file():
            match = FLAT.match(entry.name)
            if match:
                add(match["student"], match["chapter"], entry)
            else:
                problems.append(Problem("", "", where(entry), f"not a submission: {layout}."))
            continue
        student = entry.name
        for item in sorted(filter(_visible, entry.iterdir())):
            if item.is_file() and CHAPTER.match(item.stem) and item.suffix == ".ipynb":
                add(student, item.stem, item)  # folder/<student>/<NN-slug>.ipynb
            elif item.is_dir() and CHAPTER.match(item.name):
                notebooks = sorted(p for p in item.iterdir() if p.is_file() and p.suffix == ".ipynb" and _visible(p))
                expected = item / f"{item.name}.ipynb"
                if expected in notebooks:
                    add(student, item.name, expected)
                elif len(notebooks) == 1:
                    add(student, item.name, notebooks[0], (f"submitted as {notebooks[0].name}",))
                else:
                    others = sorted(p.name for p in item.iterdir() if _visible(p))
                    problems.append(Problem(student, item.name, where(item), (
                        f"no notebook {item.name}.ipynb in this folder (found: {', '.join(others) or 'nothing'})."
                    )))
            else:
                problems.append(Problem(student, "", where(item), f"not a submission: {layout}."))
    # The same student and chapter twice (e.g. both layouts): grade the first, report the rest.
    seen: dict[tuple[str, str], Submission] = {}
    unique = []
    for submission in found:
        key = (submission.student, submission.chapter)
        if key in seen:
            problems.append(Problem(*key, where(submission.path), (
                f"a second submission for {key[1]}; graded {where(seen[key].path)} instead."
            )))
        else:
            seen[key] = submission
            unique.append(submission)
    problems.sort(key=lambda p: (p.student, p.chapter, p.path))
    return unique, problems


# -- checking a notebook against the release -----------------------------------


def _locked_checksums(nb) -> dict[str, str]:
    """grade_id -> checksum of every read-only (locked) nbgrader cell of ``nb``.

    The release's cells carry the checksum nbgrader computed; a submitted
    cell's is computed the same way, so an edit to its source, type or points
    changes it.
    """
    _quiet_nbgrader_import()
    from nbgrader.utils import compute_checksum

    sums = {}
    for cell in nb.cells:
        meta = cell.get("metadata", {}).get("nbgrader", {})
        if not (meta.get("locked") and meta.get("grade_id")):
            continue
        try:
            sums[meta["grade_id"]] = compute_checksum(cell)
        except Exception:  # malformed metadata: it cannot match anything
            sums[meta["grade_id"]] = "?"
    return sums


@dataclass(frozen=True)
class Release:
    """What students were given for one chapter: the notebook and its read-only cells."""

    chapter: str
    notebook: str  # file name stem inside the chapter folder
    grade_ids: tuple[str, ...]  # graded cells in notebook order
    locked: dict[str, str]  # grade_id -> checksum
    cells: tuple = ()  # the student version's cells, to put back what a student deleted


def release_of(chapter: str, path: Path) -> Release:
    """Describe the generated release notebook ``path`` of ``chapter``."""
    nb = nbformat.read(path, as_version=4)
    locked = {
        c.metadata.nbgrader["grade_id"]: c.metadata.nbgrader["checksum"]
        for c in nb.cells
        if c.metadata.get("nbgrader", {}).get("locked") and "checksum" in c.metadata.nbgrader
    }
    graded = tuple(
        c.metadata.nbgrader["grade_id"] for c in nb.cells if c.metadata.get("nbgrader", {}).get("grade")
    )
    return Release(chapter, path.stem, graded, locked, tuple(nb.cells))


def fingerprints(root: Path, names: Iterable[str]) -> dict[str, dict[str, str]]:
    """chapter -> {grade_id: checksum} of its read-only cells, computed from ``solutions/``.

    Without generating anything: a read-only cell with no hidden tests (the
    introduction, the prompts, the setup) is the same in the solution and in
    the student version, so its checksum is too. That is enough to recognise
    which chapter a notebook belongs to.
    """
    return {
        name: _locked_checksums(nbformat.read(root / "solutions" / name / f"{name}.ipynb", as_version=4))
        for name in names
    }


def identify(nb, chapter: str, prints: dict[str, dict[str, str]]) -> str | None:
    """Is ``nb`` the exercise notebook of ``chapter``? None if so, else what is wrong.

    A notebook recognised (:func:`fingerprints`) as another chapter's was
    submitted for the wrong chapter; one that matches no chapter is not an
    exercise notebook at all.
    """
    submitted = _locked_checksums(nb)
    matches = {
        name: sum(submitted.get(grade_id) == checksum for grade_id, checksum in cells.items())
        for name, cells in prints.items()
    }
    best = max(matches, key=lambda name: (matches[name], name == chapter))
    if matches[best] == 0:
        return (
            f"not the {chapter} exercise notebook: none of its read-only cells comes from the exercises "
            "(did the student copy the work into a new notebook?)."
        )
    if best != chapter and matches[best] > matches.get(chapter, 0):
        return f"submitted for {chapter}, but it is the exercise notebook of {best}."
    return None


def tampered(nb, release: Release) -> list[str]:
    """Flags naming each read-only cell of ``release`` that ``nb`` edited or deleted.

    nbgrader grades with the original cells anyway (it restores locked cells
    and adds deleted grade cells back); the instructor may want to know.
    """
    submitted = _locked_checksums(nb)
    flags = []
    for grade_id, checksum in release.locked.items():
        if grade_id not in submitted:
            flags.append(f"read-only cell {grade_id} was deleted; graded with the original")
        elif submitted[grade_id] != checksum:
            flags.append(f"read-only cell {grade_id} was edited; graded with the original")
    present = {_grade_id(c) for c in nb.cells}
    for cell in release.cells:
        if cell.metadata.nbgrader.get("solution") and _grade_id(cell) not in present:
            flags.append(f"answer cell {_grade_id(cell)} was deleted; graded as unanswered")
    return flags


def _grade_id(cell) -> str | None:
    return cell.get("metadata", {}).get("nbgrader", {}).get("grade_id")


def restore_missing(nb, release: Release) -> list[str]:
    """Put back into ``nb`` (in place) every nbgrader cell of the release it lacks; return their ids.

    Each comes back as handed out (a stub answer, a read-only cell) right
    after the nearest cell above it that is still there. nbgrader could add a
    deleted test cell back by itself, but not when the answer cell above it
    was deleted too; after this, every cell it expects is in place, and
    autograding restores the original tests as usual.
    """
    import copy

    restored = []
    for index, cell in enumerate(release.cells):
        grade_id = _grade_id(cell)
        positions = {_grade_id(c): n for n, c in enumerate(nb.cells) if _grade_id(c)}
        if grade_id is None or grade_id in positions:
            continue
        above = [positions[_grade_id(c)] for c in release.cells[:index] if _grade_id(c) in positions]
        nb.cells.insert(max(above) + 1 if above else 0, copy.deepcopy(cell))
        restored.append(grade_id)
    return restored


# -- one notebook through nbgrader (runs in a worker) --------------------------


ANSI = re.compile(r"\x1b\[[0-9;]*m")


MANUAL_NOTE = "Graded by hand: the 0 shown for this answer is not its score yet."


def _feedback_preprocessor_class():
    """The feedback preprocessor (a class built on demand: nbconvert is imported in the workers)."""
    from nbconvert.preprocessors import Preprocessor
    from nbgrader.utils import determine_grade

    class StudentFeedback(Preprocessor):
        """What the feedback page shows a student, after nbgrader's GetGrades.

        * Tracebacks of graded test cells lose the test cell's own frames:
          those quote the lines around the failing one, hidden tests included.
          An ``AnswerError`` keeps only its message (it says what is wrong);
          any other error keeps the frames in the student's own code, so the
          student sees where their function failed.
        * A written answer waiting for manual grading gets a comment saying
          so: nbgrader's page would show its empty score as 0.
        """

        enabled = True

        def preprocess_cell(self, cell, resources, index):
            meta = cell.metadata.get("nbgrader", {})
            # nbgrader's own rule: an answered solution cell that is graded needs a grader.
            if meta.get("grade") and meta.get("solution") and determine_grade(cell)[0] is None:
                meta["comment"] = MANUAL_NOTE
            if cell.cell_type == "code" and meta.get("grade") and not meta.get("solution"):
                own = f"In[{cell.get('execution_count')}]"
                for output in cell.get("outputs", []):
                    if output.get("output_type") != "error":
                        continue
                    last = f"{output.get('ename')}: {output.get('evalue')}"
                    if output.get("ename") == "AnswerError":
                        output["traceback"] = [last]
                    else:
                        frames = [t for t in output.get("traceback", []) if own not in ANSI.sub("", t)]
                        output["traceback"] = frames or [last]
            return cell, resources

    return StudentFeedback


def course_config(course: Path, root: Path, timeout: int):
    """The repository's nbgrader config re-rooted at ``course``, set up for grading."""
    from nbconvert.preprocessors import CSSHTMLHeaderPreprocessor
    from nbgrader.preprocessors import ClearHiddenTests, GetGrades

    config = _config(course, root, database=True)
    config.Execute.timeout = timeout
    config.Execute.interrupt_on_timeout = True
    config.OverwriteCells.add_missing_cells = True  # a deleted test cell comes back
    config.GenerateFeedback.preprocessors = [
        GetGrades,
        ClearHiddenTests,
        _feedback_preprocessor_class(),
        CSSHTMLHeaderPreprocessor,
    ]
    return config


def prepare_course(course: Path, names: Iterable[str], root: Path = ROOT) -> dict[str, Release]:
    """Create an nbgrader course at ``course`` for chapters ``names``: sources, gradebook, releases."""
    from tools.exercises import _generate_one

    releases = {}
    for name in sorted(names):
        shutil.copytree(root / "solutions" / name, course / "solutions" / name, ignore=IGNORE)
    for name in sorted(names):
        _generate_one(course / "solutions" / name, course, root, database=True)
        notebooks = sorted((course / "exercises" / name).glob("*.ipynb"))
        releases[name] = release_of(name, notebooks[0])
    return releases


@dataclass
class Job:
    """A checked submission on its way to a worker."""

    index: int
    internal_id: str  # the student's id inside the nbgrader course
    student: str
    chapter: str
    notebook: str
    source: Path  # the submitted file, for messages
    text: str  # the notebook to grade: the submission with any deleted cells put back
    feedback: Path  # where the feedback page goes


@dataclass
class Outcome:
    """What a worker returns for one job."""

    index: int
    grades: dict[str, tuple[float | None, float, bool, str]] = field(default_factory=dict)
    stopped: list[str] = field(default_factory=list)  # cells interrupted by the timeout
    error: str | None = None
    seconds: float = 0.0


def _run(converter_class, course: Path, root: Path, timeout: int, chapter: str, student: str, log) -> None:
    from nbgrader.coursedir import CourseDirectory

    config = course_config(course, root, timeout)
    coursedir = CourseDirectory(config=config)
    coursedir.assignment_id = chapter
    coursedir.student_id = student
    converter_class(coursedir=coursedir, config=config, log=log).start()


def grade_one(job: Job, course: Path, root: Path = ROOT, timeout: int = TIMEOUT) -> Outcome:
    """Autograde ``job`` inside ``course`` and write its feedback page; never raises."""
    from nbgrader.api import Gradebook
    from nbgrader.converters import Autograde, GenerateFeedback

    start = time.perf_counter()
    outcome = Outcome(job.index)
    target = course / "submitted" / job.internal_id / job.chapter
    target.mkdir(parents=True, exist_ok=True)
    (target / f"{job.notebook}.ipynb").write_text(job.text, encoding="utf-8")

    log = logging.getLogger(f"tools.grade.{job.internal_id}.{job.chapter}")
    log.propagate = False
    log.setLevel(logging.WARNING)
    handler = _Collect()
    log.addHandler(handler)
    try:
        _run(Autograde, course, root, timeout, job.chapter, job.internal_id, log)
        graded = course / "autograded" / job.internal_id / job.chapter / f"{job.notebook}.ipynb"
        nb = nbformat.read(graded, as_version=4)
        for index, cell in enumerate(nb.cells):
            if any(o.get("ename") == "CellTimeoutError" for o in cell.get("outputs", [])):
                outcome.stopped.append(cell.metadata.get("nbgrader", {}).get("grade_id", f"cell {index}"))
        with Gradebook(f"sqlite:///{course / 'gradebook.db'}") as gradebook:
            notebook = gradebook.find_submission_notebook(job.notebook, job.chapter, job.internal_id)
            for grade in notebook.grades:
                outcome.grades[grade.name] = (
                    grade.auto_score, float(grade.max_score), bool(grade.needs_manual_grade), grade.cell_type,
                )
        _run(GenerateFeedback, course, root, timeout, job.chapter, job.internal_id, log)
        page = course / "feedback" / job.internal_id / job.chapter / f"{job.notebook}.html"
        html = CDN_SCRIPT.sub(
            "<!-- MathJax's CDN script removed: this page works offline; formulas show as LaTeX. -->",
            page.read_text(encoding="utf-8"),
        )
        job.feedback.parent.mkdir(parents=True, exist_ok=True)
        job.feedback.write_text(html, encoding="utf-8")
    except Exception as error:  # nbgrader raises NbGraderException after logging the cause
        lines = [
            m.strip().splitlines()[-1]
            for m in handler.messages
            if m.strip() and not m.startswith(("There was an error", "Please see", "Removing failed"))
        ]
        details = "; ".join(lines[-2:]) or f"{type(error).__name__}: {error}"
        if "DeadKernelError" in details or "Kernel died" in details:
            outcome.error = (
                "the Python kernel died while running it (the student's code may exit Python or use "
                f"all the memory); grade it by hand. nbgrader said: {details}"
            )
        else:
            outcome.error = f"nbgrader could not grade it: {details}"
        outcome.grades.clear()
    finally:
        log.removeHandler(handler)
    outcome.seconds = time.perf_counter() - start
    return outcome


_WORKER: dict = {}


def _start_worker(base: str) -> None:
    """Prepare a worker process; its course is copied when its first job arrives.

    The worker's stderr goes to a log file in the temporary folder: kernels
    and nbgrader's database layer write warnings there that say nothing about
    the students' work (what does is collected from nbgrader's log and the
    graded notebooks), and they would break the progress bar. Workers start
    while the parent still prepares the course, so importing nbgrader here
    costs no time.
    """
    log = os.open(os.path.join(base, f"worker-{os.getpid()}.log"), os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    os.dup2(log, 2)
    os.close(log)
    _quiet_nbgrader_import()
    import nbgrader.api  # noqa: F401  (the slow imports, done before the first job)
    import nbconvert  # noqa: F401


def _grade_in_worker(job: Job, template: Path, root: Path, timeout: int) -> Outcome:
    """Grade ``job`` in this worker's own copy of ``template`` (and so its own gradebook)."""
    course = _WORKER.get(template)
    if course is None:
        course = Path(tempfile.mkdtemp(prefix="worker-", dir=template.parent))
        shutil.copytree(template, course, dirs_exist_ok=True)
        _WORKER[template] = course
    return grade_one(job, course, root, timeout)


# -- the gradebook --------------------------------------------------------------


def _number(value: float | None) -> str:
    return "" if value is None else f"{value:g}"


def _task_of(grade_id: str) -> str:
    """'task2-tests' -> 'task2': the task a cell belongs to (or the id itself)."""
    match = re.match(r"(task\d+)", grade_id)
    return match.group(1) if match else grade_id


def gradebook_rows(
    student: str,
    chapter: str,
    release: Release,
    grades: dict[str, tuple[float | None, float, bool, str]],
    flags: Iterable[str] = (),
) -> list[dict[str, str]]:
    """The gradebook rows of one graded notebook, in the release's task order.

    A flag naming a cell (``... cell task2-tests ...``) goes on that task's row;
    any other flag on every row of the notebook.
    """
    flags = list(flags)
    rows = []
    entries = []
    for grade_id in release.grade_ids:
        auto, max_points, needs_manual, cell_type = grades.get(grade_id, (0.0, 0.0, False, "code"))
        if cell_type == "markdown" and auto is None:
            status, points = "needs manual grading", None
        elif cell_type == "markdown":
            status, points = "not answered", auto
        elif auto is None or needs_manual:
            status, points = "needs manual grading", None
        else:
            status, points = "autograded", auto
        entries.append((grade_id, status, points, max_points))
    total = sum(points or 0.0 for _, _, points, _ in entries)
    max_total = sum(m for *_, m in entries)
    for grade_id, status, points, max_points in entries:
        mine = []
        for flag in flags:
            named = re.search(r"cell (\S+)", flag)
            if named is None or _task_of(named.group(1)) == _task_of(grade_id) or not named.group(1).startswith("task"):
                mine.append(flag)
        rows.append({
            "student": student,
            "chapter": chapter,
            "task": grade_id,
            "status": status,
            "points": _number(points),
            "max_points": _number(max_points),
            "total": _number(total),
            "max_total": _number(max_total),
            "flags": "; ".join(mine),
        })
    return rows


def problem_row(problem: Problem) -> dict[str, str]:
    """The gradebook row of a submission that could not be graded."""
    return {
        "student": problem.student,
        "chapter": problem.chapter,
        "task": "",
        "status": "not graded",
        "points": "",
        "max_points": "",
        "total": "",
        "max_total": "",
        "flags": f"{problem.path}: {problem.message}",
    }


def write_gradebook(rows: list[dict[str, str]], path: Path) -> None:
    """Write ``rows`` as CSV with :data:`COLUMNS`, sorted by student, chapter and task order."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=COLUMNS)
        writer.writeheader()
        writer.writerows(rows)


def summary(rows: list[dict[str, str]]) -> str:
    """A table for the terminal: per student, points so far out of each chapter's maximum.

    "to grade by hand" counts the written answers waiting for a grader (their
    points are not in the chapter's figure yet); "flags" counts gradebook rows
    with something to look at, including submissions that were not graded.

    >>> print(summary([
    ...     {"student": "ana", "chapter": "01-x", "task": "task1-tests", "status": "autograded",
    ...      "points": "1", "max_points": "1", "flags": ""},
    ...     {"student": "ana", "chapter": "01-x", "task": "task2-written", "status": "needs manual grading",
    ...      "points": "", "max_points": "2", "flags": ""},
    ... ]))
    student  01-x  to grade by hand  flags
    ana      1/3   1                 0
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


# -- progress ---------------------------------------------------------------------


class Progress:
    """A text progress bar on ``stream``: redrawn in place on a terminal, a line per 10 % otherwise."""

    def __init__(self, total: int, stream: TextIO, width: int = 30) -> None:
        self.total, self.stream, self.width = total, stream, width
        self.done, self.start = 0, time.perf_counter()
        self.tty = hasattr(stream, "isatty") and stream.isatty()
        self._printed_tenth = -1

    def step(self, label: str) -> None:
        self.done += 1
        filled = self.width * self.done // max(self.total, 1)
        bar = "#" * filled + "-" * (self.width - filled)
        line = f"grading [{bar}] {self.done}/{self.total} {time.perf_counter() - self.start:5.0f} s  {label}"
        if self.tty:
            self.stream.write("\r" + line[:120].ljust(120))
            if self.done == self.total:
                self.stream.write("\n")
        else:
            tenth = 10 * self.done // max(self.total, 1)
            if tenth != self._printed_tenth or self.done == self.total:
                self._printed_tenth = tenth
                self.stream.write(line + "\n")
        self.stream.flush()


# -- the whole class ------------------------------------------------------------


@dataclass
class Report:
    rows: list[dict[str, str]]
    problems: list[Problem]
    graded: int
    gradebook: Path
    feedback: Path
    seconds: float


def read_submission(path: Path):
    """Return (notebook, None), or (None, why it is not a notebook) in words an instructor can pass on."""
    data = path.read_bytes()
    head = data[:12]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return None, f"not a notebook: a binary file (it starts with {head!r}), not notebook JSON."
    try:
        json.loads(text)
    except json.JSONDecodeError as error:
        return None, (
            f"not a notebook: not valid notebook JSON ({error}); the file may be cut short, "
            "or be another kind of file renamed .ipynb."
        )
    try:
        return nbformat.reads(text, as_version=4), None
    except Exception as error:  # nbformat's validation and version errors
        return None, f"not a notebook: malformed notebook JSON ({type(error).__name__}: {error})."


def grade(
    submissions: Path,
    output: Path,
    *,
    root: Path = ROOT,
    timeout: int = TIMEOUT,
    workers: int = WORKERS,
    progress: TextIO | None = sys.stderr,
) -> Report:
    """Grade every notebook in ``submissions``; write the gradebook and feedback into ``output``."""
    start = time.perf_counter()
    submissions, output, root = Path(submissions).resolve(), Path(output).resolve(), Path(root).resolve()
    if not submissions.is_dir():
        raise GradingError(f"{submissions} is not a folder: pass the folder holding the submitted notebooks.")
    if output == submissions or submissions in output.parents:
        raise GradingError(f"the output folder {output} is inside the submissions folder: pick another one.")
    if output in (root, root / "solutions", root / "exercises", root / "notebooks"):
        raise GradingError(f"refusing to write grades into {output}: pick a separate folder, e.g. grades/.")
    known = [c.name for c in chapters(root)]
    if not known:
        raise GradingError(f"no chapter found in {root / 'solutions'}: there is nothing to grade against.")
    found, problems = collect(submissions, known)

    # Fresh results only: the previous run's gradebook and pages go.
    output.mkdir(parents=True, exist_ok=True)
    if (output / "feedback").exists():
        shutil.rmtree(output / "feedback")
    gradebook_path = output / "gradebook.csv"
    gradebook_path.unlink(missing_ok=True)

    # Read every notebook and make sure it is the chapter it claims to be.
    prints = fingerprints(root, known)
    valid = []
    for submission in found:
        where = str(submission.path.relative_to(submissions))
        nb, unreadable = read_submission(submission.path)
        wrong = unreadable or identify(nb, submission.chapter, prints)
        if wrong:
            problems.append(Problem(submission.student, submission.chapter, where, wrong))
        else:
            valid.append((submission, nb))

    rows: list[dict[str, str]] = []
    jobs: list[Job] = []
    flags_of: dict[int, list[str]] = {}
    outcomes: dict[int, Outcome] = {}
    releases: dict[str, Release] = {}
    with contextlib.ExitStack() as stack:
        base = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="framelab-grade-")))
        template = base / "course"
        pool = None
        if valid:
            # Spawned, not forked: a fork would copy whatever sockets and threads this process holds.
            pool = stack.enter_context(ProcessPoolExecutor(
                max_workers=max(1, min(workers, len(valid))),
                mp_context=multiprocessing.get_context("spawn"),
                initializer=_start_worker,
                initargs=(str(base),),
            ))
            for _ in range(max(1, min(workers, len(valid)))):
                pool.submit(int)  # start the workers now: they import nbgrader while the course is prepared
            _quiet_nbgrader_import()
            releases = prepare_course(template, sorted({s.chapter for s, _ in valid}), root)
        ids = {student: f"s{n:04d}" for n, student in enumerate(sorted({s.student for s, _ in valid}), 1)}
        for submission, nb in valid:
            release = releases[submission.chapter]
            flags = [*submission.flags, *tampered(nb, release)]
            restore_missing(nb, release)
            job = Job(
                len(jobs), ids[submission.student], submission.student, submission.chapter,
                release.notebook, submission.path, nbformat.writes(nb),
                output / "feedback" / submission.student / f"{submission.chapter}.html",
            )
            jobs.append(job)
            flags_of[job.index] = flags

        bar = Progress(len(jobs), progress) if progress is not None and jobs else None
        if pool is not None:
            futures = [pool.submit(_grade_in_worker, job, template, root, timeout) for job in jobs]
            for future in as_completed(futures):
                outcome = future.result()
                outcomes[outcome.index] = outcome
                if bar:
                    bar.step(f"{jobs[outcome.index].student} {jobs[outcome.index].chapter}")

    for job in jobs:
        outcome = outcomes[job.index]
        if outcome.error:
            problems.append(Problem(job.student, job.chapter, str(job.source.relative_to(submissions)), outcome.error))
            continue
        flags = flags_of[job.index] + [
            f"cell {cell} was stopped after {timeout} s (an endless loop?)" for cell in outcome.stopped
        ]
        rows.extend(gradebook_rows(job.student, job.chapter, releases[job.chapter], outcome.grades, flags))
    rows.extend(problem_row(p) for p in problems)
    order = {name: n for n, name in enumerate(known)}
    task_order = {(r.chapter, g): n for r in releases.values() for n, g in enumerate(r.grade_ids)}
    rows.sort(key=lambda r: (r["student"], order.get(r["chapter"], len(order)), task_order.get((r["chapter"], r["task"]), -1)))
    write_gradebook(rows, gradebook_path)
    problems.sort(key=lambda p: (p.student, p.chapter, p.path))
    graded = sum(1 for job in jobs if not outcomes[job.index].error)
    return Report(rows, problems, graded, gradebook_path, output / "feedback", time.perf_counter() - start)


def _environment() -> None:
    """nbgrader runs alembic as a subprocess, and kernels inherit the environment."""
    bin_dir = str(Path(sys.executable).parent)
    if bin_dir not in os.environ.get("PATH", "").split(os.pathsep):
        os.environ["PATH"] = bin_dir + os.pathsep + os.environ.get("PATH", "")
    mplconfig = Path(sys.prefix) / "mplconfig"  # where `make install` built the font cache
    if mplconfig.is_dir():
        os.environ.setdefault("MPLCONFIGDIR", str(mplconfig))


def main(argv: list[str] | None = None) -> int:
    """Command line; see the module docstring."""
    parser = argparse.ArgumentParser(
        prog="python -m tools.grade",
        description="Autograde submitted exercise notebooks with nbgrader; write a gradebook CSV and feedback pages.",
    )
    parser.add_argument("submissions", help="folder of <student-id>/<NN-slug>/<NN-slug>.ipynb or <student-id>_<NN-slug>.ipynb")
    parser.add_argument("--output", default=OUTPUT, help=f"folder for gradebook.csv and feedback/ (default: {OUTPUT})")
    parser.add_argument("--timeout", type=int, default=TIMEOUT, help=f"seconds a cell may run (default: {TIMEOUT})")
    parser.add_argument("--workers", type=int, default=WORKERS, help=f"notebooks graded in parallel (default: {WORKERS})")
    args = parser.parse_args(argv)
    if not args.submissions.strip():
        parser.error("the submissions folder is empty: make grade SUBMISSIONS=path/to/folder")
    _environment()
    try:
        report = grade(Path(args.submissions), Path(args.output), timeout=args.timeout, workers=args.workers)
    except GradingError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    if not report.rows:
        print(
            f"error: no submission found in {args.submissions}: expected <student-id>/<NN-slug>/<NN-slug>.ipynb "
            "or <student-id>_<NN-slug>.ipynb files (see docs/instructors.md).",
            file=sys.stderr,
        )
        return 1
    print(summary(report.rows))
    if report.problems:
        print(f"\n{len(report.problems)} problem(s): these were not graded.")
        for problem in report.problems:
            print(f"  {problem.path}: {problem.message}")
    flagged = sum(1 for r in report.rows if r["flags"] and r["status"] != "not graded")
    if flagged:
        print(f"\n{flagged} gradebook row(s) carry flags to look at (column 'flags').")
    print(
        f"\nGraded {report.graded} notebook(s) in {report.seconds:.0f} s. "
        f"Gradebook: {_shown(report.gradebook)}; feedback pages: {_shown(report.feedback)}/"
    )
    return 0


def _shown(path: Path) -> str:
    return str(path.relative_to(Path.cwd())) if path.is_relative_to(Path.cwd()) else str(path)


if __name__ == "__main__":
    sys.exit(main())
