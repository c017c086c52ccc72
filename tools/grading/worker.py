"""Grading one notebook in a worker process: plan in, :class:`NotebookResult` out.

Workers are spawned (not forked) by :mod:`tools.grading.grader`; each owns a
*slot* number, so the sandboxes running at the same time get different
unprivileged uids. A worker holds no student code: it is a judge.
"""

from __future__ import annotations

import os
import shutil
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from tools.grading.judge import Judge
from tools.grading.release import Plan
from tools.grading.results import NotebookResult
from tools.grading.sandbox import Limits, Sandbox


@dataclass(frozen=True)
class Job:
    """A planned submission on its way to a worker (plain data, so it pickles)."""

    index: int
    student: str
    chapter: str
    source: str  # the submission's path inside the submissions folder
    plan: Plan
    scan_flags: dict[str, list[str]]
    zeroed: dict[str, str]
    flags: tuple[str, ...]


@dataclass(frozen=True)
class Settings:
    """How every notebook of a run is graded. ``memory`` in bytes, ``timeout`` in seconds per cell."""

    base: str  # the folder prepared by sandbox.prepare_base
    timeout: float
    memory: int
    output_limit: int
    isolate: bool  # False only with --unsafe-no-sandbox


_SLOT: dict[str, int] = {}


def start_worker(slots) -> None:
    """Pool initializer: take a slot number for this worker's sandboxes."""
    _SLOT["slot"] = slots.get()
    os.environ.setdefault("MPLBACKEND", "Agg")


def grade_job(job: Job, settings: Settings) -> NotebookResult:
    """Judge ``job`` in a fresh sandbox; never raises for anything the student did."""
    start = time.perf_counter()
    scratch = Path(tempfile.mkdtemp(prefix="scratch-", dir=settings.base + "-jobs"))
    scratch.chmod(0o755)
    sandbox = Sandbox(Path(settings.base), scratch, slot=_SLOT.get("slot", 0),
                      limits=Limits(memory=settings.memory), output_limit=settings.output_limit, isolate=settings.isolate)
    try:
        judgement = Judge(job.plan, sandbox, settings.timeout, job.scan_flags, job.zeroed).judge()
    except Exception as error:  # the grader's own failure: reported, never a silent zero
        return NotebookResult(job.student, job.chapter, job.source, (), (), time.perf_counter() - start,
                              error=f"the grader failed on this notebook ({type(error).__name__}: {error}); grade it by hand")
    finally:
        sandbox.kill()
        shutil.rmtree(scratch, ignore_errors=True)
    return NotebookResult(
        job.student, job.chapter, job.source, tuple(judgement.tasks),
        tuple(dict.fromkeys([*job.flags, *judgement.flags])), time.perf_counter() - start, judgement.peak_memory,
    )
