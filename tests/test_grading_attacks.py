"""Hostile submissions against ``python -m tools.grade`` (issue 10).

The catalogue (``tests/grading_attacks.py``) builds one notebook per attack
from the released student notebooks, plus a few honest and untouched
notebooks as controls. The whole class is graded ONCE for the module
(``graded``), with the command line an instructor uses::

    python -m tools.grade SUBMISSIONS --output OUT --timeout 10 --workers 2

Then each attack's gradebook rows are checked (``test_attack``: the attacked
task scores 0, the honest tasks around it keep their points, the flags say
what happened), and so is what no submission may achieve: change a file of
the submissions or of the repository, leak a hidden test or a model answer
into a feedback page or the gradebook, leak the grader's environment, reach
the network, leave a process running, or write anything after grading ends.

The attacks aim at this repository (``ROOT``) and at whatever
``framelab.__file__`` resolves to where they run. Should a grader under test
let a write through, the fixture puts back what the attacks changed (only
files holding the run's reversed marker, deleted files under seeds/,
solutions/, framelab/, and new files named after the marker) and kills the
processes the notebooks started, after recording it for the tests.
"""

from __future__ import annotations

import os
import random
import signal
import socket
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
for entry in (str(ROOT), str(HERE)):
    if entry not in sys.path:
        sys.path.insert(0, entry)

import grading_attacks as ga  # noqa: E402

TIMEOUT = 10  # --timeout: seconds per cell
BUDGET = 15 * 60  # the whole class must be graded within this
SETTLE = 5  # seconds after the command exits: no process of the notebooks may be alive then
LATE = 4  # further seconds to give a detached process the chance to write late


@dataclass
class Run:
    """What grading the catalogue produced, and the state around it."""

    context: ga.Context
    written: dict[str, Path]
    returncode: int | None
    seconds: float
    stdout: str
    stderr: str
    rows: list[dict[str, str]]
    submissions_before: dict[str, str]
    submissions_after: dict[str, str]
    repository_before: dict[str, bytes]
    repository_after: dict[str, bytes]
    status_before: str
    status_after: str
    alive: list[tuple[int, str]]
    gradebook_at_exit: bytes | None
    gradebook_later: bytes | None
    pages_at_exit: dict[str, str]
    pages_later: dict[str, str]
    traces: list[str]
    heard: list[bytes]
    canary: str
    restored: list[str] = field(default_factory=list)


class Listener:
    """A TCP listener on 127.0.0.1 that records whatever connects (no notebook may reach it)."""

    def __init__(self) -> None:
        self.server = socket.socket()
        self.server.bind(("127.0.0.1", 0))
        self.server.listen(64)
        self.server.settimeout(0.3)
        self.port = self.server.getsockname()[1]
        self.heard: list[bytes] = []
        self.stop = threading.Event()
        self.thread = threading.Thread(target=self._serve, daemon=True)
        self.thread.start()

    def _serve(self) -> None:
        while not self.stop.is_set():
            try:
                conn, _ = self.server.accept()
            except OSError:
                continue
            with conn:
                conn.settimeout(2)
                try:
                    self.heard.append(conn.recv(1000) or b"(connected)")
                except OSError:
                    self.heard.append(b"(connected)")

    def close(self) -> None:
        self.stop.set()
        self.thread.join(timeout=5)
        self.server.close()


def _pages(output: Path) -> dict[str, str]:
    feedback = output / "feedback"
    return ga.sha256_tree(feedback) if feedback.is_dir() else {}


@pytest.fixture(scope="module")
def graded(tmp_path_factory):
    base = tmp_path_factory.mktemp("attacks")
    submissions, output = base / "submissions", base / "out"
    rng = random.Random()
    marker = f"flatk{rng.randrange(10**10):010d}"
    sleep_arg = f"9{rng.randrange(100):02d}.{rng.randrange(10**6):06d}"  # about 15 minutes, unique
    listener = Listener()
    context = ga.Context(repo=ROOT, submissions=submissions, output=output, marker=marker,
                         sleep_arg=sleep_arg, port=listener.port)
    written = ga.write_class(submissions, context)

    submissions_before = ga.sha256_tree(submissions)
    repository_before = ga.snapshot_repository(ROOT)
    status_before = ga.git_status(ROOT)
    canary = f"canary-{rng.randrange(10**12):012d}-secret"  # in the grader's environment only
    env = dict(os.environ, FRAMELAB_TEST_CANARY=canary)

    start = time.monotonic()
    process = subprocess.Popen(
        [sys.executable, "-m", "tools.grade", str(submissions), "--output", str(output),
         "--timeout", str(TIMEOUT), "--workers", "2"],
        cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True,
    )
    try:
        stdout, stderr = process.communicate(timeout=BUDGET)
        returncode = process.returncode
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        stdout, stderr = process.communicate()
        returncode = None
    seconds = time.monotonic() - start

    gradebook = output / "gradebook.csv"
    gradebook_at_exit = gradebook.read_bytes() if gradebook.exists() else None
    pages_at_exit = _pages(output)
    time.sleep(SETTLE)
    alive = ga.marker_processes(marker, sleep_arg)
    time.sleep(LATE)
    gradebook_later = gradebook.read_bytes() if gradebook.exists() else None
    pages_later = _pages(output)
    traces = ga.written_traces(context, [output, submissions, base]) + ga.tmp_traces(context)
    run = Run(
        context=context, written=written, returncode=returncode, seconds=seconds, stdout=stdout, stderr=stderr,
        rows=ga.read_gradebook(output) if gradebook.exists() else [],
        submissions_before=submissions_before, submissions_after=ga.sha256_tree(submissions),
        repository_before=repository_before, repository_after=ga.snapshot_repository(ROOT),
        status_before=status_before, status_after=ga.git_status(ROOT),
        alive=alive, gradebook_at_exit=gradebook_at_exit, gradebook_later=gradebook_later,
        pages_at_exit=pages_at_exit, pages_later=pages_later, traces=sorted(set(traces)),
        heard=list(listener.heard), canary=canary,
    )
    # Clean up after a grader that let something through, before any assertion.
    ga.kill_processes(pid for pid, _ in ga.marker_processes(marker, sleep_arg))
    run.restored = ga.restore_repository(repository_before, context, ROOT)
    for trace in ga.tmp_traces(context):
        Path(trace).unlink(missing_ok=True)
    listener.close()
    yield run
    ga.kill_processes(pid for pid, _ in ga.marker_processes(marker, sleep_arg))


def _tail(text: str, lines: int = 30) -> str:
    return "\n".join(text.splitlines()[-lines:])


# -- the catalogue itself (no grading) -------------------------------------------


def test_catalogue_covers_the_issue():
    attacks = ga.ATTACKS
    assert len(attacks) >= 30
    students = [a.student for a in ga.EVERYTHING]
    assert len(students) == len(set(students)), "student ids must be unique"
    assert len({a.name for a in ga.EVERYTHING}) == len(ga.EVERYTHING), "attack names must be unique"
    chapters = {a.chapter for a in attacks}
    assert {"01-meet-the-corpus", "07-framing", "08-visualizing", "09-framing-explorer"} <= chapters
    for attack in attacks:
        assert attack.zero or attack.keep, f"{attack.name}: say which rows must score 0 or keep their points"
        assert not set(attack.zero) & set(attack.keep), attack.name
        assert attack.row is not None, attack.name


# -- the run as a whole ------------------------------------------------------------


def test_grading_exits_0_within_15_minutes(graded):
    assert graded.returncode is not None, f"still running after {BUDGET} s; stderr:\n{_tail(graded.stderr)}"
    assert graded.returncode == 0, f"exit status {graded.returncode}; stderr:\n{_tail(graded.stderr)}"
    assert graded.seconds < BUDGET
    assert graded.rows, "no gradebook.csv"


def test_submissions_are_unchanged(graded):
    changed = sorted(
        name for name in set(graded.submissions_before) | set(graded.submissions_after)
        if graded.submissions_before.get(name) != graded.submissions_after.get(name)
    )
    assert changed == []


def test_repository_is_unchanged(graded):
    before, after = graded.repository_before, graded.repository_after
    changed = sorted(name for name in set(before) | set(after) if before.get(name) != after.get(name))
    assert changed == [], f"changed by grading (restored: {graded.restored})"
    assert graded.status_after == graded.status_before, "git status --porcelain differs after grading"


def test_no_hidden_test_or_model_answer_in_feedback_or_gradebook(graded):
    found = ga.leaks(graded.context.output, graded.written)
    assert found == [], "\n".join(found[:20])


def test_no_process_of_the_notebooks_survives(graded):
    assert graded.alive == [], f"alive {SETTLE} s after grading: {graded.alive[:5]}"


def test_nothing_is_written_by_the_notebooks_or_after_grading(graded):
    assert graded.traces == [], "files an attack wrote or a connection it made (they hold its marker)"
    assert graded.gradebook_later == graded.gradebook_at_exit, "gradebook.csv changed after grading ended"
    assert graded.pages_later == graded.pages_at_exit, "feedback pages changed after grading ended"
    assert not any(r["status"] == "graded by hand" for r in graded.rows), "a manual grade nobody wrote"


def test_no_notebook_reaches_the_network(graded):
    assert graded.heard == [], "the loopback listener was reached"


def test_grader_environment_does_not_leak(graded):
    output = graded.context.output
    leaked = [str(p) for p in output.rglob("*") if p.is_file() and graded.canary.encode() in p.read_bytes()]
    assert leaked == []
    assert graded.canary not in graded.stdout + graded.stderr


# -- one test per entry --------------------------------------------------------------


@pytest.mark.parametrize("attack", ga.EVERYTHING, ids=[a.student for a in ga.EVERYTHING])
def test_attack(graded, attack):
    problems = ga.check(attack, graded.rows)
    assert problems == [], f"{attack.name} ({attack.what}):\n" + "\n".join(problems)
