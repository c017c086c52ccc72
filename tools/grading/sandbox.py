"""Run a student's code where it can reach nothing but its own notebook: bubblewrap plus limits.

Why bubblewrap (Debian's ``bubblewrap``, the sandbox Flatpak uses): it
builds a private file system out of read-only bind mounts, in fresh mount,
PID, network, IPC and UTS namespaces, with no daemon and no container image,
as root or (where user namespaces are enabled) as an ordinary user. On top
of it:

* **a dedicated unprivileged user** (as root): the code runs as uid
  ``64000 + slot`` through util-linux's ``setpriv``, so it owns nothing
  outside its work folder and the process limit (``RLIMIT_NPROC``) counts
  its processes only. Run as an ordinary user, bubblewrap maps that user
  into a user namespace instead, and the process limit is counted over
  all of that user's processes;
* **setrlimit** limits set before bubblewrap starts and inherited by every
  process inside: address space (memory, 1 GiB by default), CPU seconds,
  size of a written file, open files, no core dumps;
* **a PID namespace**: every process the notebook starts, detached or not,
  lives in it, and all of them die when it ends; the ones still running at
  the end are listed (:attr:`Sandbox.leftovers`) before they are killed.

What the sandbox sees (all read-only but its work folder): the Python
installation and virtual environment the grader runs in, ``/usr``, a copy
of the ``framelab`` package and the articles (``/sandbox/lib``,
``/sandbox/lib/seeds``), the judge's scratch folder for test inputs, and its
own empty work folder (``/sandbox/work``, its home and current folder). No
``solutions/``, no other submission, no output folder, no repository, no
network, an empty environment.

>>> isinstance(available(), (str, type(None)))
True
"""

from __future__ import annotations

import contextlib
import os
import resource
import select
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from tools.grading import wire

GIB = 1024**3
MEMORY = GIB  # bytes of address space per process (the default: 1 GiB per kernel)
PROCESSES = 64  # processes and threads of the sandbox's user
FILE_SIZE = 64 * 1024**2  # largest file the code may write, bytes
OPEN_FILES = 256
REPLY_LIMIT = 64 * 1024**2  # bytes of one reply; more is not data a test compares
UID_BASE = 64000  # dedicated uids, one per concurrent sandbox (root only)
HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent


class SandboxError(RuntimeError):
    """The sandbox cannot be started on this machine; the message says why and what to do."""


class Stopped(Exception):
    """The sandbox did not answer in time, or ended; ``reason`` says which, in words."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


@dataclass(frozen=True)
class Limits:
    """What one sandbox may use. ``memory`` in bytes of address space per process, ``cpu`` in seconds per process."""

    memory: int = MEMORY
    cpu: int = 600
    processes: int = PROCESSES
    file_size: int = FILE_SIZE
    open_files: int = OPEN_FILES


def _bwrap() -> str | None:
    return shutil.which("bwrap")


def available() -> str | None:
    """None when this machine can sandbox; otherwise why not, and what to install or allow.

    Runs ``bwrap ... true`` for real: a kernel without user namespaces or a
    missing package shows up here, not in the middle of grading.
    """
    if not sys.platform.startswith("linux"):
        return f"the sandbox needs Linux (bubblewrap and namespaces); this is {sys.platform}."
    if _bwrap() is None:
        return "bubblewrap is not installed: install it (Debian/Ubuntu: sudo apt-get install bubblewrap)."
    if os.geteuid() == 0 and shutil.which("setpriv") is None:
        return "setpriv (util-linux) is missing: install util-linux."
    probe = [_bwrap(), *_namespaces(), "--ro-bind", "/usr", "/usr", *_usr_links(), "--proc", "/proc", "--dev", "/dev",
             "--", "/usr/bin/true"]
    try:
        done = subprocess.run(probe, capture_output=True, text=True, timeout=30)
    except (OSError, subprocess.TimeoutExpired) as error:
        return f"bubblewrap could not start ({error})."
    if done.returncode != 0:
        return (f"bubblewrap cannot create namespaces here ({done.stderr.strip() or done.returncode}); "
                "run the grader as root, or enable unprivileged user namespaces (sysctl kernel.unprivileged_userns_clone=1).")
    return None


def _namespaces() -> list[str]:
    spaces = ["--unshare-ipc", "--unshare-pid", "--unshare-net", "--unshare-uts", "--unshare-cgroup-try"]
    if os.geteuid() != 0:
        spaces.append("--unshare-user")
    return spaces + ["--die-with-parent", "--new-session"]


def _usr_links() -> list[str]:
    links = []
    for name in ("bin", "lib", "lib64", "sbin"):
        if os.path.islink(f"/{name}"):
            links += ["--symlink", os.readlink(f"/{name}").lstrip("/"), f"/{name}"]
        elif os.path.isdir(f"/{name}"):
            links += ["--ro-bind", f"/{name}", f"/{name}"]
    return links


def _dirs_for(path: str) -> list[str]:
    """``--dir`` every ancestor of ``path`` with mode 0755, so the sandbox's user can walk to it."""
    parts, args = Path(path).parts[1:-1], []
    for n in range(1, len(parts) + 1):
        args += ["--perms", "0755", "--dir", "/" + "/".join(parts[:n])]
    return args


def prepare_base(into: Path, root: Path = ROOT) -> Path:
    """Write what every sandbox reads into ``into``: the framelab package, the articles, the runner.

    A copy, not the repository: a sandbox given ``root/framelab`` could walk
    to ``root/solutions``. Returns ``into``.
    """
    lib = into / "lib"
    shutil.copytree(root / "framelab", lib / "framelab", ignore=shutil.ignore_patterns("__pycache__", "*.pyc", "*.egg-info"))
    shutil.copy2(HERE / "runner.py", lib / "runner.py")
    shutil.copy2(HERE / "wire.py", lib / "wire.py")
    shutil.copytree(root / "seeds", lib / "seeds")  # framelab finds the articles beside its package
    fonts = into / "mplconfig"
    fonts.mkdir()
    cache = Path(sys.prefix) / "mplconfig"
    for item in cache.glob("fontlist*.json") if cache.is_dir() else []:
        shutil.copy2(item, fonts / item.name)
    for path in [into, *into.rglob("*")]:
        path.chmod(0o755 if path.is_dir() else 0o644)
    return into


@dataclass
class Sandbox:
    """One running sandbox: a runner process answering requests over two pipes.

    ``base`` is :func:`prepare_base`'s folder, ``scratch`` the judge's folder
    for test inputs (visible read-only inside), ``slot`` a number unique
    among the sandboxes running at once.
    """

    base: Path
    scratch: Path
    slot: int = 0
    limits: Limits = field(default_factory=Limits)
    output_limit: int = 1_000_000
    isolate: bool = True  # False: the runner without bubblewrap (--unsafe-no-sandbox), same limits otherwise
    process: subprocess.Popen | None = None
    work: Path | None = None
    leftovers: list[str] = field(default_factory=list)
    peak_memory: int = 0

    def start(self) -> None:
        """Start bubblewrap and the runner; :class:`SandboxError` if it does not come up."""
        self.work = Path(tempfile.mkdtemp(prefix="work-", dir=self.scratch.parent))
        shutil.copytree(self.base / "mplconfig", self.work / ".matplotlib")
        dedicated = os.geteuid() == 0 and self.isolate
        uid = UID_BASE + self.slot if dedicated else os.geteuid()
        if dedicated:
            for path in [self.work, *self.work.rglob("*")]:
                os.chown(path, uid, uid)
        self.work.chmod(0o700)
        requests_read, self._requests = os.pipe()
        self._replies, replies_write = os.pipe()
        python = sys.executable
        mounts = []
        for path in sorted({sys.base_prefix, sys.prefix, os.path.dirname(os.path.realpath(python))}):
            if not path.startswith("/usr"):
                mounts += [*_dirs_for(path + "/x"), "--ro-bind", path, path]
        command = [
            _bwrap(), *_namespaces(),
            # /tmp first: the virtual environment, the scratch folder or the work folder may live below it.
            "--perms", "1777", "--tmpfs", "/tmp",
            "--ro-bind", "/usr", "/usr", *_usr_links(),
            *mounts,
            "--proc", "/proc", "--dev", "/dev",
            "--perms", "0755", "--dir", "/sandbox",
            "--ro-bind", str(self.base / "lib"), "/sandbox/lib",
            *_dirs_for(str(self.scratch) + "/x"), "--ro-bind", str(self.scratch), str(self.scratch),
            "--bind", str(self.work), "/sandbox/work", "--chdir", "/sandbox/work",
            "--clearenv",
            "--setenv", "HOME", "/sandbox/work", "--setenv", "PATH", "/usr/bin:/bin",
            "--setenv", "MPLBACKEND", "Agg", "--setenv", "MPLCONFIGDIR", "/sandbox/work/.matplotlib",
            "--setenv", "IPYTHONDIR", "/tmp/ipython", "--setenv", "OPENBLAS_NUM_THREADS", "1",
            "--setenv", "PYTHONHASHSEED", "0", "--setenv", "LANG", "C.UTF-8",
            "--",
        ]
        if dedicated:
            command += ["setpriv", f"--reuid={uid}", f"--regid={uid}", "--clear-groups",
                        "--inh-caps=-all", "--bounding-set=-all", "--no-new-privs"]
        command += [python, "-I", "-X", "utf8", "/sandbox/lib/runner.py", "/sandbox/lib"]
        environment = None
        if not self.isolate:  # same runner and limits, no namespaces: the --unsafe-no-sandbox comparison
            lib = str(self.base / "lib")
            command = [python, "-I", "-X", "utf8", f"{lib}/runner.py", lib]
            environment = {"HOME": str(self.work), "PATH": "/usr/bin:/bin", "MPLBACKEND": "Agg",
                           "MPLCONFIGDIR": str(self.work / ".matplotlib"), "OPENBLAS_NUM_THREADS": "1",
                           "PYTHONHASHSEED": "0", "LANG": "C.UTF-8", "IPYTHONDIR": str(self.work / ".ipython")}
        limits = self.limits

        def before_exec() -> None:  # in the child, before bwrap: every process inside inherits these
            resource.setrlimit(resource.RLIMIT_AS, (limits.memory, limits.memory))
            resource.setrlimit(resource.RLIMIT_CPU, (limits.cpu, limits.cpu + 5))
            resource.setrlimit(resource.RLIMIT_FSIZE, (limits.file_size, limits.file_size))
            resource.setrlimit(resource.RLIMIT_NOFILE, (limits.open_files, limits.open_files))
            resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
            if dedicated:  # counted for the dedicated uid once setpriv switches to it
                resource.setrlimit(resource.RLIMIT_NPROC, (limits.processes, limits.processes))
            import fcntl

            high_read = fcntl.fcntl(requests_read, fcntl.F_DUPFD, 10)  # never clobber one pipe with the other
            high_write = fcntl.fcntl(replies_write, fcntl.F_DUPFD, 10)
            os.dup2(high_read, 3)
            os.dup2(high_write, 4)

        try:
            self.process = subprocess.Popen(
                command, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                preexec_fn=before_exec, pass_fds=(3, 4), close_fds=True, env=environment,
                cwd=str(self.work) if not self.isolate else None,
            )
        except OSError as error:
            raise SandboxError(f"bubblewrap could not start: {error}") from None
        finally:
            os.close(requests_read)
            os.close(replies_write)
        self._buffer = b""
        self.request({"op": "start", "output_limit": self.output_limit}, timeout=60)

    def path_inside(self, path: str) -> str:
        """Where the judge's copy of the articles is found inside the sandbox (other paths unchanged)."""
        seeds = str(ROOT / "seeds")
        if path == seeds or path.startswith(seeds + "/"):
            inside = "/sandbox/lib/seeds" if self.isolate else str(self.base / "lib" / "seeds")
            return inside + path[len(seeds):]
        return path

    # -- talking to the runner ---------------------------------------------------------
    def request(self, message: dict, timeout: float) -> dict:
        """Send one request and wait up to ``timeout`` seconds for its reply (a dict, not yet decoded).

        Raises :class:`Stopped` when the time is up, the reply is too large,
        or the sandbox ended; the sandbox is then killed and must be started anew.
        """
        if self.process is None or self.process.poll() is not None:
            raise Stopped("the sandbox had already ended")
        try:
            os.write(self._requests, wire.dumps(message))
        except (BrokenPipeError, OSError):
            self.kill()
            raise Stopped("the notebook's code ended the sandbox (it closed the grader's channel or exited)") from None
        deadline = time.monotonic() + timeout
        while b"\n" not in self._buffer:
            left = deadline - time.monotonic()
            if left <= 0:
                self.kill()
                raise Stopped(f"stopped after {timeout:g} s")
            ready, _, _ = select.select([self._replies], [], [], min(left, 1.0))
            if not ready:
                if self.process.poll() is not None:
                    self.kill()
                    raise Stopped("the notebook's code ended the sandbox (os._exit, a crash, or a killed process)")
                continue
            chunk = os.read(self._replies, 1 << 20)
            if not chunk:
                self.kill()
                raise Stopped("the notebook's code ended the sandbox (os._exit, a crash, or a killed process)")
            self._buffer += chunk
            if len(self._buffer) > REPLY_LIMIT:
                self.kill()
                raise Stopped(f"a reply larger than {REPLY_LIMIT // 1024**2} MB: not data a test compares")
        line, _, self._buffer = self._buffer.partition(b"\n")
        try:
            return wire.loads(line)
        except wire.WireError as error:
            self.kill()
            raise Stopped(f"the sandbox sent something that is not a reply ({error})") from None

    # -- ending ---------------------------------------------------------------------------
    def _tree(self) -> list[int]:
        """Process ids of every descendant of bubblewrap (the namespace's init, the runner, the rest)."""
        if self.process is None:
            return []
        children: dict[int, list[int]] = {}
        for entry in os.scandir("/proc"):
            if not entry.name.isdigit():
                continue
            try:
                with open(f"/proc/{entry.name}/stat", "rb") as handle:
                    stat = handle.read().rsplit(b")", 1)[1].split()
                children.setdefault(int(stat[1]), []).append(int(entry.name))
            except (OSError, IndexError, ValueError):
                continue
        found, todo = [], [self.process.pid]
        while todo:
            for child in children.get(todo.pop(), []):
                found.append(child)
                todo.append(child)
        return found

    def _describe(self, pid: int) -> str:
        try:
            with open(f"/proc/{pid}/cmdline", "rb") as handle:
                words = handle.read().split(b"\0")
            return " ".join(w.decode("utf-8", "replace") for w in words if w)[:120] or f"pid {pid}"
        except OSError:
            return f"pid {pid}"

    def finish(self) -> None:
        """End the runner; list, then kill, every process the notebook left running."""
        if self.process is None:
            return
        tree = self._tree()
        runners = [pid for pid in tree if "runner.py" in self._describe(pid)]
        runner = runners[0] if runners else None  # the first in the tree; a student's copy would come later
        helpers = tree[:1] if self.isolate else []  # bubblewrap's init inside the namespace
        if runner:
            try:
                with open(f"/proc/{runner}/status") as handle:
                    for line in handle:
                        if line.startswith("VmHWM:"):
                            self.peak_memory = int(line.split()[1]) * 1024
            except OSError:
                pass
        self.leftovers = [self._describe(pid) for pid in tree if pid != runner and pid not in helpers and self._alive(pid)]
        with contextlib.suppress(OSError):
            os.write(self._requests, wire.dumps({"op": "exit"}))
        self.kill()

    @staticmethod
    def _alive(pid: int) -> bool:
        try:
            with open(f"/proc/{pid}/stat", "rb") as handle:
                return handle.read().rsplit(b")", 1)[1].split()[0] not in (b"Z", b"X")
        except OSError:
            return False

    def kill(self) -> None:
        """Kill bubblewrap and everything inside (idempotent); remove the work folder."""
        if self.process is None:
            return
        for pid in [self.process.pid, *self._tree()]:
            with contextlib.suppress(OSError):
                os.kill(pid, signal.SIGKILL)
        with contextlib.suppress(subprocess.TimeoutExpired):
            self.process.wait(timeout=10)
        for fd in (self._requests, self._replies):
            with contextlib.suppress(OSError):
                os.close(fd)
        self.process = None
        if self.work is not None:
            shutil.rmtree(self.work, ignore_errors=True)
            self.work = None
