"""A class of 30 on one JupyterHub, on loopback: ``python -m benchmarks.hub``.

Issue 14's hub figures, behind the per-user limits in ``deploy/limits.toml``.
The class arrives at once: every student logs in through the hub's login form,
follows the nbgitpuller link (the hub spawns their server), gets the student
copy from a local git repository and runs chapter 02 cell by cell through the
REST and kernel APIs (the machinery is ``tests/hub/loopback.py``, which the
3-student test in ``make test`` uses too). Measured:

* spawn-to-ready: from the launch request until the hub says the server is ready;
* per-student memory: resident set (RSS) of the single-user server plus its
  kernel after chapter 02 has run, summed (RSS counts shared libraries in each
  process, so it overstates what two processes cost together: a safe side for
  a limit), and per-student CPU seconds (server + kernel) for the whole visit;
* hub response time: GET /hub/api/user (who-am-I) every 0.25 s while the class works.

Every output must equal the committed notebook's; the run fails otherwise.
At the end the hub stops its servers and proxy; anything left is killed and
reported. On the 2-core machine of CI this takes a few minutes.
"""

from __future__ import annotations

import argparse
import contextlib
import statistics
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import psutil

from tests.hub.deploy_limits import read_limits
from tests.hub.loopback import (
    CHAPTER,
    LANDING,
    TARGET,
    HubPoller,
    Student,
    build_source_repo,
    committed_outputs,
    pull_link,
    start_hub,
)

MIB = 1024 * 1024


@dataclass
class Visit:
    name: str
    spawn: float = 0.0
    pull: float = 0.0
    chapter: float = 0.0
    rss_mib: float = 0.0
    cpu_seconds: float = 0.0
    mismatched: tuple[str, ...] = ()


def _visit(student: Student, link: str, repo_url: str, branch: str, expected: dict[str, list[list[str]]]) -> Visit:
    visit = Visit(student.name)
    student.log_in()
    student.follow(link, spawn_within=600)
    visit.spawn = student.spawn_seconds
    started = time.monotonic()
    student.git_pull(repo_url, branch, within=300)
    visit.pull = time.monotonic() - started
    student.session.get(f"{student.server}/lab/tree/{TARGET}/{LANDING}", timeout=120).raise_for_status()
    student.make_token()
    started = time.monotonic()
    for chapter, want in expected.items():  # each in its own kernel, left running like open tabs
        _, got = student.run_notebook(f"{TARGET}/{chapter}", cell_timeout=300)
        if got != want:
            visit.mismatched += (chapter,)
    visit.chapter = time.monotonic() - started
    return visit


def _measure(hub, visits: dict[str, Visit]) -> None:
    """RSS and CPU time of each student's server + kernel, now (after chapter 02)."""
    for name, server in hub.server_processes().items():
        if name not in visits:
            continue
        rss = cpu = 0.0
        for proc in [server, *server.children(recursive=True)]:
            with contextlib.suppress(psutil.Error):
                rss += proc.memory_info().rss
                times = proc.cpu_times()
                cpu += times.user + times.system
        visits[name].rss_mib, visits[name].cpu_seconds = rss / MIB, cpu


def _row(label: str, values: list[float], unit: str, digits: int = 1) -> list[str]:
    if not values:
        return [label, "-", "-", "-", unit]
    ordered = sorted(values)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return [label, f"{statistics.median(values):.{digits}f}", f"{p95:.{digits}f}", f"{max(values):.{digits}f}", unit]


def _table(rows: list[list[str]]) -> str:
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    lines = ["  ".join(cell.ljust(w) if i == 0 else cell.rjust(w) for i, (cell, w) in enumerate(zip(row, widths))) for row in rows]
    lines.insert(1, "  ".join("-" * w for w in widths))
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--students", type=int, default=30)
    parser.add_argument("--copy", choices=("auto", "tool", "fallback"), default="auto",
                        help="how to make the nbgitpuller source: tools.student_copy, a plain copy, or the tool if present")
    parser.add_argument("--chapters", nargs="+", default=[CHAPTER], metavar="NOTEBOOK",
                        help=f"notebooks each student runs, each in its own kernel (default {CHAPTER})")
    args = parser.parse_args(argv)
    use_tool = {"auto": None, "tool": True, "fallback": False}[args.copy]

    with tempfile.TemporaryDirectory(prefix="framelab-hub-bench-") as tmp:
        source, branch, how = build_source_repo(Path(tmp) / "upstream", use_tool)
        repo_url, expected = source.as_uri(), {c: committed_outputs(source / c) for c in args.chapters}
        link = pull_link(repo_url, branch)
        started = time.monotonic()
        hub = start_hub(Path(tmp) / "hub", start_timeout=600)
        names = [f"student{n:02d}" for n in range(1, args.students + 1)]
        poller = HubPoller(hub)
        visits: dict[str, Visit] = {}
        errors: list[str] = []
        try:
            poller.start()
            students = [Student(hub, name) for name in names]
            with ThreadPoolExecutor(len(students)) as pool:
                futures = {s.name: pool.submit(_visit, s, link, repo_url, branch, expected) for s in students}
                for name, future in futures.items():
                    try:
                        visits[name] = future.result(timeout=1200)
                    except Exception as error:  # noqa: BLE001 - one student's failure is reported, the class goes on
                        errors.append(f"{name}: {type(error).__name__}: {error}")
            hub.track()
            _measure(hub, visits)
            hub_rss = psutil.Process(hub.process.pid).memory_info().rss / MIB
        finally:
            poller.done.set()
            poller.join(timeout=30)
            survivors = hub.stop()
        wall = time.monotonic() - started

    done = list(visits.values())
    ran = ", ".join(Path(c).stem for c in args.chapters)
    print(f"JupyterHub on loopback: {args.students} students at once, each running {ran} ({how}; {psutil.cpu_count()} cores)")
    print(_table([
        ["measure", "median", "p95", "max", "unit"],
        _row("spawn to ready", [v.spawn for v in done], "s"),
        _row("nbgitpuller clone", [v.pull for v in done], "s"),
        _row("running the chapter(s), all cells", [v.chapter for v in done], "s"),
        _row("memory: server + kernel(s) (RSS)", [v.rss_mib for v in done], "MiB", 0),
        _row("CPU: server + kernel(s), whole visit", [v.cpu_seconds for v in done], "s"),
        _row("hub GET /hub/api/user", [s * 1000 for s in poller.seconds], "ms"),
    ]))
    print(f"hub process RSS {hub_rss:.0f} MiB; {len(poller.seconds)} hub requests timed, {poller.failures} failed; "
          f"whole class {wall:.0f} s")
    limit = read_limits()["user"]
    worst = max((v.rss_mib for v in done), default=0.0)
    if worst:
        print(f"deploy/limits.toml: memory limit {limit['mem_limit_mib']} MiB = {limit['mem_limit_mib'] / worst:.1f} x the largest "
              f"student measured here; guarantee {limit['mem_guarantee_mib']} MiB; CPU limit {limit['cpu_limit']}, "
              f"guarantee {limit['cpu_guarantee']}")
    problems = errors + [f"{v.name}: outputs of {', '.join(v.mismatched)} differ from the committed notebook"
                         for v in done if v.mismatched]
    problems += [f"left running after the hub stopped: {s}" for s in survivors]
    for problem in problems:
        print("FAILED", problem, file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
