"""Grade a class: find the submissions, plan each notebook, judge them in workers, publish the results.

:func:`grade` is what ``make grade`` runs (through :mod:`tools.grading.cli`).
The submissions folder and the repository are only ever read; everything
is written into the output folder, and only by swapping in a finished
gradebook and feedback folder (:mod:`tools.grading.publish`).
"""

from __future__ import annotations

import multiprocessing
import shutil
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor, as_completed
from pathlib import Path
from typing import TextIO

from tools.exercises import chapters
from tools.grading import feedback, gradebook, scan, worker
from tools.grading.manual import apply_manual_grades
from tools.grading.progress import Progress
from tools.grading.publish import publish
from tools.grading.release import Release, fingerprints, identify, load_release, plan
from tools.grading.results import GradingError, NotebookResult, Problem, Report
from tools.grading.sandbox import MEMORY, available, prepare_base
from tools.grading.submissions import collect, read_submission

ROOT = Path(__file__).resolve().parent.parent.parent
TIMEOUT = 30  # seconds a cell or a test may run
WORKERS = 2
OUTPUT_LIMIT = 1_000_000  # characters of output per cell (the 1 MB)


def shortcuts(release: Release) -> dict[str, dict[str, str]]:
    """task -> {forbidden name: what to write instead}, from the answer cells' ``framelab`` metadata in solutions/."""
    found: dict[str, dict[str, str]] = {}
    for cell in release.source.cells:
        meta = cell.get("metadata", {}).get("framelab", {})
        gid = cell.get("metadata", {}).get("nbgrader", {}).get("grade_id", "")
        if isinstance(meta, dict) and meta.get("forbidden"):
            found[gid.split("-")[0]] = {name: str(meta.get("instead", "")) for name in meta["forbidden"]}
    return found


def _jobs(valid, releases: dict[str, Release]) -> list[worker.Job]:
    jobs = []
    for submission, nb, where in valid:
        release = releases[submission.chapter]
        planned = plan(nb, release)
        setup = [c.trusted_source for c in planned.cells if c.role in ("setup", "context")]
        names = scan.chapter_names(setup) | {"expect_equal", "expect_true", "expect_type", "expect_len", "passed", "AnswerError"}
        forbidden = shortcuts(release)
        scan_flags: dict[str, list[str]] = {}
        zeroed: dict[str, str] = {}
        for cell in planned.cells:
            if cell.role != "answer":
                continue
            flags, zero = scan.scan_answer(cell.key, cell.source, names - set(cell.names), forbidden.get(cell.task, {}))
            scan_flags.setdefault(cell.task, []).extend(flags)
            if zero:
                zeroed[cell.task] = zero
        jobs.append(worker.Job(len(jobs), submission.student, submission.chapter, where, planned, scan_flags, zeroed,
                               (*submission.flags, *planned.flags)))
    return jobs


def grade(
    submissions: Path,
    output: Path,
    *,
    root: Path = ROOT,
    timeout: int = TIMEOUT,
    workers: int = WORKERS,
    memory: int = MEMORY,
    sandbox: bool = True,
    progress: TextIO | None = None,
) -> Report:
    """Grade every notebook in ``submissions``; publish ``gradebook.csv`` and ``feedback/`` into ``output``.

    Raises :class:`GradingError` (before anything is written) when the
    folders are wrong, there is no chapter, or the machine cannot sandbox
    and ``sandbox`` is True.
    """
    start = time.perf_counter()
    submissions, output, root = Path(submissions).resolve(), Path(output).resolve(), Path(root).resolve()
    if not submissions.is_dir():
        raise GradingError(f"{submissions} is not a folder: pass the folder holding the submitted notebooks.")
    gradebook.check_output(submissions, output, root)
    if sandbox:
        why = available()
        if why:
            raise GradingError(f"cannot grade safely on this machine: {why} "
                               "(to grade anyway, with student code running as you, pass --unsafe-no-sandbox)")
    known = [c.name for c in chapters(root)]
    if not known:
        raise GradingError(f"no chapter found in {root / 'solutions'}: there is nothing to grade against.")
    found, problems = collect(submissions, known)
    prints = fingerprints(root, known)
    valid = []
    for submission in found:
        where = str(submission.path.relative_to(submissions))
        nb, unreadable = read_submission(submission.path)
        wrong = unreadable or identify(nb, submission.chapter, prints)
        if wrong:
            problems.append(Problem(submission.student, submission.chapter, where, wrong))
        else:
            valid.append((submission, nb, where))
    releases = {name: load_release(root, name) for name in sorted({s.chapter for s, _, _ in valid})}
    jobs = _jobs(valid, releases)
    notes: list[str] = []
    rows: list[dict[str, str]] = []

    def build(folder: Path) -> list[NotebookResult]:
        results = _run(jobs, root, timeout, workers, memory, sandbox, progress)
        problems.extend(Problem(r.student, r.chapter, r.source, r.error) for r in results if r.error)
        results = [r for r in results if not r.error]
        results, manual_notes = apply_manual_grades(output, results)
        notes.extend(manual_notes)
        rows.extend(row for result in results for row in gradebook.rows(result))
        rows.extend(gradebook.problem_row(p) for p in problems)
        order = {name: n for n, name in enumerate(known)}
        task_order = {(r.chapter, t.grade_id): n for r in results for n, t in enumerate(r.tasks)}
        rows.sort(key=lambda r: (r["student"], order.get(r["chapter"], len(order)), task_order.get((r["chapter"], r["task"]), -1)))
        gradebook.write_gradebook(rows, folder / gradebook.GRADEBOOK)
        for result in results:
            feedback.write(result, feedback.page_path(folder / "feedback", result.student, result.chapter))
        return results

    results = publish(output, build, notes)
    problems.sort(key=lambda p: (p.student, p.chapter, p.path))
    return Report(rows, problems, len(results), output / gradebook.GRADEBOOK, output / "feedback",
                  time.perf_counter() - start, notes)


def _run(jobs: list[worker.Job], root: Path, timeout: int, workers: int, memory: int, sandbox: bool,
         progress: TextIO | None) -> list[NotebookResult]:
    """Judge ``jobs`` in ``workers`` spawned processes; results in job order."""
    if not jobs:
        return []
    temporary = Path(tempfile.mkdtemp(prefix="framelab-grade-"))
    try:
        base = prepare_base(temporary / "base", root)
        (temporary / "base-jobs").mkdir()
        (temporary / "base-jobs").chmod(0o755)
        temporary.chmod(0o755)
        settings = worker.Settings(str(base), float(timeout), memory, OUTPUT_LIMIT, sandbox)
        context = multiprocessing.get_context("spawn")  # a fork would copy this process's threads and files
        slots = context.Queue()
        count = max(1, min(workers, len(jobs)))
        for slot in range(1, count + 1):
            slots.put(slot)
        bar = Progress(len(jobs), progress) if progress is not None else None
        results: dict[int, NotebookResult] = {}
        with ProcessPoolExecutor(max_workers=count, mp_context=context, initializer=worker.start_worker,
                                 initargs=(slots,)) as pool:
            futures = {pool.submit(worker.grade_job, job, settings): job for job in jobs}
            for future in as_completed(futures):
                job = futures[future]
                results[job.index] = future.result()
                if bar:
                    bar.step(f"{job.student} {job.chapter}")
        return [results[job.index] for job in jobs]
    finally:
        shutil.rmtree(temporary, ignore_errors=True)

