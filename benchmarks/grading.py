"""Grade a class of 30 students x 3 chapters: ``python -m benchmarks.grading``.

The workload of the grading issue ("Performance"): ``tools.sample_class``
writes, with a fixed seed, one submission per student and chapter (chapters
01-03), each drawn from solved / untouched / partly solved, into a temporary
folder; then ``python -m tools.grade`` (what ``make grade`` runs) grades them
with ``--workers`` processes (2 by default) and writes the gradebook and the
feedback pages: once with the sandbox and once with ``--unsafe-no-sandbox``,
side by side, with the ratio of the two. Budget: at most 3 minutes on 2 cores.

Measured:

* wall time of the whole command (interpreter start, course preparation,
  grading, feedback, gradebook), and per notebook;
* peak RSS of the process tree: the grading process, its workers and the
  kernels they start, sampled every 0.1 s with psutil (installed with
  ipykernel) and summed over the live processes of each sample; the largest
  single process is reported too.

Timings are informational: the exit status is 0 unless grading fails or a
notebook that should have been graded was not.
"""

from __future__ import annotations

import argparse
import collections
import contextlib
import csv
import os
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import psutil

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from tools.sample_class import make_class  # noqa: E402

SEED = 2022
STUDENTS = 30
CHAPTERS = ("01-meet-the-corpus", "02-tokenizing", "03-counting")
BUDGET = 180.0  # seconds for 30 x 3 notebooks on 2 cores
RATIO = 1.3  # the sandboxed run within 1.3x the unsandboxed one (the grading issue)
MIB = 1024 * 1024


class TreeMemory(threading.Thread):
    """Sample the summed RSS of a process and all its descendants until stopped."""

    def __init__(self, pid: int, interval: float = 0.1) -> None:
        super().__init__(daemon=True)
        self.root, self.interval = psutil.Process(pid), interval
        self.peak_total = self.peak_single = 0
        self.peak_processes = 0
        self.stopped = threading.Event()

    def run(self) -> None:
        while not self.stopped.is_set():
            try:
                processes = [self.root, *self.root.children(recursive=True)]
            except psutil.NoSuchProcess:
                return
            sizes = []
            for process in processes:
                with contextlib.suppress(psutil.Error):  # ended between listing and measuring
                    sizes.append(process.memory_info().rss)
            if sizes:
                self.peak_total = max(self.peak_total, sum(sizes))
                self.peak_single = max(self.peak_single, max(sizes))
                self.peak_processes = max(self.peak_processes, len(sizes))
            self.stopped.wait(self.interval)


def run(submissions: Path, output: Path, workers: int, extra: list[str]) -> dict:
    """Grade ``submissions`` once with ``extra`` arguments; wall time, memory of the tree, what was graded."""
    env = {**os.environ, "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}"}
    start = time.perf_counter()
    process = subprocess.Popen(
        [sys.executable, "-m", "tools.grade", str(submissions), "--output", str(output), "--workers", str(workers), *extra],
        cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )
    memory = TreeMemory(process.pid)
    memory.start()
    stdout, stderr = process.communicate()
    seconds = time.perf_counter() - start
    memory.stopped.set()
    memory.join()
    if process.returncode != 0:
        print(stdout, stderr, sep="\n", file=sys.stderr)
        return {"failed": process.returncode}
    with (output / "gradebook.csv").open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    graded = {(r["student"], r["chapter"]) for r in rows if r["status"] != "not graded"}
    points = {(r["student"], r["chapter"], r["task"]): r["points"] for r in rows}
    pages = len(list((output / "feedback").rglob("*.html")))
    return {"seconds": seconds, "memory": memory, "graded": len(graded), "pages": pages, "points": points}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.grading", description=__doc__.splitlines()[0])
    parser.add_argument("--students", type=int, default=STUDENTS)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--keep", metavar="DIR", help="write the class and the grades here instead of a temporary folder")
    args = parser.parse_args(argv)

    with tempfile.TemporaryDirectory(prefix="framelab-bench-grading-") as tmp:
        base = Path(args.keep) if args.keep else Path(tmp)
        submissions = base / "submissions"
        drawn = make_class(submissions, args.students, CHAPTERS, SEED)
        kinds = collections.Counter(kind for *_, kind in drawn)
        # Side by side in one run, the same class: with the sandbox, then without (the same judge, no bubblewrap).
        modes = [("sandbox", []), ("--unsafe-no-sandbox", ["--unsafe-no-sandbox"])]
        measured = {name: run(submissions, base / f"grades-{n}", args.workers, extra) for n, (name, extra) in enumerate(modes)}
    failed = [name for name, m in measured.items() if "failed" in m]
    if failed:
        print(f"grading failed in mode(s) {failed}", file=sys.stderr)
        return 1

    notebooks = len(drawn)
    print(
        f"Grading {args.students} students x {len(CHAPTERS)} chapters ({', '.join(CHAPTERS)}) = {notebooks} notebooks, "
        f"seed {SEED}: {kinds['solved']} solved, {kinds['partial']} partly solved, {kinds['untouched']} untouched; "
        f"{args.workers} workers, {os.cpu_count()} CPUs."
    )
    header = (f"{'mode':<20}  {'graded':>6}  {'feedback':>8}  {'wall time':>9}  {'per notebook':>12}  "
              f"{'peak RSS (tree)':>15}  {'largest process':>15}  {'processes':>9}")
    print(header)
    print("-" * len(header))
    for name, m in measured.items():
        memory = m["memory"]
        print(
            f"{name:<20}  {m['graded']:>6}  {m['pages']:>8}  {m['seconds']:>7.1f} s  {m['seconds'] / notebooks:>10.2f} s  "
            f"{memory.peak_total / MIB:>11,.0f} MiB  {memory.peak_single / MIB:>11,.0f} MiB  {memory.peak_processes:>9}"
        )
    ratio = measured["sandbox"]["seconds"] / measured["--unsafe-no-sandbox"]["seconds"]
    print(f"Sandbox / no sandbox: {ratio:.2f}x (target: at most {RATIO:.1f}x). "
          f"Same points in both modes: {measured['sandbox']['points'] == measured['--unsafe-no-sandbox']['points']}.")
    seconds = measured["sandbox"]["seconds"]
    verdict = "within" if seconds <= BUDGET else "OVER"
    print(f"Budget: {notebooks} notebooks in {seconds:.0f} s with the sandbox, {verdict} the {BUDGET:.0f} s budget.")
    if any(m["graded"] != notebooks or m["pages"] != notebooks for m in measured.values()):
        print("error: some notebook(s) were not graded", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
