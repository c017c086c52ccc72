"""Replacing the previous results in one step, so that an interrupted run changes nothing.

A grading run builds its ``gradebook.csv`` and ``feedback/`` in a temporary
folder inside the output folder (``output/.grading-tmp-<random>/``, on the
same file system, so that moving them is a rename), then swaps them in:

1. the previous results are moved into ``output/.grading-old-<random>/``;
2. a marker file says the backup is complete;
3. the new results are moved into place;
4. the backup is renamed ``.grading-trash-<random>`` and deleted.

An exception, Ctrl-C or SIGTERM before step 3 ends leaves the previous
results where they were (a failed swap is rolled back). A run killed with
SIGKILL or by a power cut leaves its folders behind; the next run rolls a
half-done swap back (:func:`recover`) and deletes the rest. Only one run may
work on an output folder at a time: it holds an ``flock`` on
``output/.grading.lock`` (which names its pid); the kernel drops the lock
when the process dies, so a killed run never blocks the next one.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import shutil
import signal
import tempfile
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TypeVar

from tools.grading.results import GradingError

PUBLISHED = ("gradebook.csv", "feedback")  # what a run replaces; everything else in output stays
LOCK = ".grading.lock"
TMP_PREFIX = ".grading-tmp-"
OLD_PREFIX = ".grading-old-"
TRASH_PREFIX = ".grading-trash-"
COMPLETE = ".backup-complete"  # in a backup folder: every previous result is in it
T = TypeVar("T")

_HELD: set[Path] = set()  # output folders whose lock this process holds (so it can be re-entered)


class Terminated(KeyboardInterrupt):
    """SIGTERM arrived while grading: raised like Ctrl-C so the same clean-up runs."""


@contextlib.contextmanager
def lock(output: Path) -> Iterator[Path]:
    """Hold the grading lock of ``output`` (an existing folder) while the block runs; yields the lock file.

    Re-entrant within one process. Raises GradingError when another process
    holds it (another grading run on the same output).
    """
    output = Path(output).resolve()
    path = output / LOCK
    if output in _HELD:
        yield path
        return
    handle = open(path, "a+", encoding="utf-8")  # noqa: SIM115 (closed in finally below) never truncated before the lock is ours: it names the holder
    try:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            handle.seek(0)
            holder = handle.read().strip() or "unknown"
            raise GradingError(
                f"another grading run (pid {holder}) is writing to {output}: wait until it ends, "
                "or pass another --output."
            ) from None
        handle.seek(0)
        handle.truncate()
        handle.write(f"{os.getpid()}\n")
        handle.flush()
        _HELD.add(output)
        try:
            yield path
        finally:
            _HELD.discard(output)
            # The file stays: deleting a lock file others may have open lets two runs lock two files.
            handle.seek(0)
            handle.truncate()
            fcntl.flock(handle, fcntl.LOCK_UN)
    finally:
        handle.close()


@contextlib.contextmanager
def _sigterm_raises() -> Iterator[None]:
    """Turn SIGTERM into :class:`Terminated` while the block runs (main thread only: signals go there)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def stop(signum, frame):
        raise Terminated("grading was stopped (SIGTERM); the previous results are unchanged")

    previous = signal.signal(signal.SIGTERM, stop)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


@contextlib.contextmanager
def _signals_held() -> Iterator[None]:
    """Hold Ctrl-C and SIGTERM back during the swap: it takes milliseconds, and half a swap is worse."""
    if not hasattr(signal, "pthread_sigmask") or threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT, signal.SIGTERM})
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)


def _remove(path: Path) -> None:
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path)
    elif os.path.lexists(path):
        path.unlink()


def roll_back(output: Path, backup: Path) -> None:
    """Put the results saved in ``backup`` (a ``.grading-old-*`` folder) back into ``output``; delete it.

    Without the completion marker the swap never moved a new result in, so
    only backed-up items move back. With it, every previous result is in
    ``backup``: whatever stands in ``output`` under a published name is new
    and is removed first.
    """
    complete = (backup / COMPLETE).exists()
    for name in PUBLISHED:
        if complete:
            _remove(output / name)
        if os.path.lexists(backup / name):
            os.rename(backup / name, output / name)
    shutil.rmtree(backup)


def recover(output: Path) -> list[str]:
    """Undo what killed runs left in ``output``: roll back half-done swaps, delete temporary folders.

    Call with the lock held (a running run's folders look the same).
    Returns what was done, as notes for the terminal report.
    """
    notes = []
    for backup in sorted(output.glob(OLD_PREFIX + "*")):
        roll_back(output, backup)
        notes.append(f"a killed grading run had half replaced the results in {output}; the previous ones were put back")
    for stale in sorted([*output.glob(TMP_PREFIX + "*"), *output.glob(TRASH_PREFIX + "*")]):
        _remove(stale)
        notes.append(f"removed {stale.name}, left by a grading run that was killed")
    return notes


def swap(output: Path, new: Path) -> None:
    """Replace ``output``'s published results by those in ``new`` (a folder inside ``output``).

    A name missing from ``new`` is removed from ``output`` (a run without
    any graded notebook leaves no feedback/). On any error (raised again)
    the previous results are put back.
    """
    backup = output / (OLD_PREFIX + new.name.removeprefix(TMP_PREFIX))
    with _signals_held():
        backup.mkdir()
        try:
            for name in PUBLISHED:
                if os.path.lexists(output / name):
                    os.rename(output / name, backup / name)
            (backup / COMPLETE).touch()
            for name in PUBLISHED:
                if os.path.lexists(new / name):
                    os.rename(new / name, output / name)
        except BaseException:
            roll_back(output, backup)
            raise
        trash = output / (TRASH_PREFIX + backup.name.removeprefix(OLD_PREFIX))
        os.rename(backup, trash)  # from here on the swap is done, even if deleting is cut short
    shutil.rmtree(trash, ignore_errors=True)


def publish(output: Path, build: Callable[[Path], T], notes: list[str] | None = None) -> T:
    """Run ``build(folder)``, which writes ``gradebook.csv`` and ``feedback/`` into ``folder``; then publish them.

    ``folder`` is a fresh ``output/.grading-tmp-<random>/``; ``output`` is
    created if missing. Returns what ``build`` returns. While it runs, the
    lock on ``output`` is held (GradingError if another run holds it) and
    SIGTERM raises :class:`Terminated`. What :func:`recover` did is appended
    to ``notes`` (when given). If ``build`` raises (anything,
    KeyboardInterrupt included), the error is raised again and ``output``'s
    ``gradebook.csv`` and ``feedback/`` are untouched.

    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     publish(Path(tmp), lambda folder: (folder / "gradebook.csv").write_text("student\\n"))
    ...     sorted(p.name for p in Path(tmp).iterdir())
    8
    ['.grading.lock', 'gradebook.csv']
    """
    output = Path(output)
    output.mkdir(parents=True, exist_ok=True)
    with lock(output), _sigterm_raises():
        recovered = recover(output)
        if notes is not None:
            notes.extend(recovered)
        folder = Path(tempfile.mkdtemp(prefix=TMP_PREFIX, dir=output))
        try:
            value = build(folder)
            swap(output, folder)
        finally:
            shutil.rmtree(folder, ignore_errors=True)
        return value
