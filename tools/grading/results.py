"""What grading produces: plain records passed between the parts of :mod:`tools.grading`.

Every part reads and writes these, never each other's internals: finding
submissions yields :class:`Submission` and :class:`Problem`; judging one
notebook yields a :class:`NotebookResult` of :class:`TaskResult`; the
gradebook and the feedback pages are written from those.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path


class GradingError(RuntimeError):
    """Grading cannot start (bad folder, no chapter, no sandbox); the message says what to do."""


@dataclass(frozen=True)
class Submission:
    """One notebook to grade: a student's work for a chapter, at ``path`` (never written).

    ``student`` is the NFC-normalized id; ``flags`` say what an instructor
    should know about how it was found (a renamed notebook, an odd id).
    ``submitted_at`` is the file's modification time (seconds since the epoch).
    """

    student: str
    chapter: str
    path: Path
    flags: tuple[str, ...] = ()
    submitted_at: float = 0.0


@dataclass(frozen=True)
class Problem:
    """A submission that cannot be graded, named by its path inside the submissions folder."""

    student: str
    chapter: str
    path: str
    message: str


@dataclass(frozen=True)
class TaskResult:
    """The verdict on one graded cell (``grade_id``: ``task1-tests``, ``task6-written``).

    ``status``: ``autograded``, ``needs manual grading`` or ``not answered``
    (a written answer left as handed out, 0 points); ``points`` is None while
    a grader still has to decide. ``visible_message`` is what the visible test
    said (the ✔ line, or its failure in words); ``hidden_message`` the hidden
    tests' failure message ("" when they passed or did not run). ``output``
    is the student's own output and errors for this task, already capped.
    """

    grade_id: str
    task: str
    kind: str  # "code" or "written"
    status: str
    points: float | None
    max_points: float
    visible_message: str = ""
    hidden_message: str = ""
    flags: tuple[str, ...] = ()
    output: str = ""
    comment: str = ""  # the grader's comment from manual-grades.csv (a task graded by hand)


@dataclass(frozen=True)
class NotebookResult:
    """Everything graded in one submitted notebook, tasks in notebook order."""

    student: str
    chapter: str
    source: str  # the submission's path inside the submissions folder
    tasks: tuple[TaskResult, ...]
    flags: tuple[str, ...] = ()  # about the whole notebook
    seconds: float = 0.0
    peak_memory: int = 0  # bytes, largest resident size seen in its sandbox (0 when unknown)
    error: str = ""  # set when the grader itself failed on this notebook: it becomes a "not graded" problem

    @property
    def points(self) -> float:
        return sum(t.points or 0.0 for t in self.tasks)

    @property
    def max_points(self) -> float:
        return sum(t.max_points for t in self.tasks)


@dataclass
class Report:
    """One grading run, for the command line."""

    rows: list[dict[str, str]]
    problems: list[Problem]
    graded: int
    gradebook: Path
    feedback: Path
    seconds: float
    notes: list[str] = field(default_factory=list)  # manual-grade and publishing messages
