"""What the browser tests share: Debian's Chromium, servers on loopback, screenshots.

Every server runs from this venv on a free loopback port with a random token,
with the repository as its root and the same offline settings as ``make lab``
(the JupyterLab overrides that switch off news and update checks, the venv's
Matplotlib cache). Chromium is Debian's ``/usr/bin/chromium`` driven by
Playwright for Python: Playwright never downloads a browser here.

Without Chromium (or Playwright) the tests skip with a message saying how to
enable them, except under CI (``CI=true``), where a missing browser is a
failure: a browser test that silently skips in CI cannot fail.
"""

from __future__ import annotations

import contextlib
import json
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import pytest

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent  # the venv's bin: pytest runs as .venv/bin/python
CHROMIUM = Path(os.environ.get("FRAMELAB_CHROMIUM", "/usr/bin/chromium"))
SCREENSHOTS = ROOT / "test-output" / "browser"
HOW_TO_ENABLE = "install Debian's chromium (apt-get install chromium) to run the browser tests"
# The flags: no sandbox (CI runs as root), no GPU, and no traffic of the browser's own.
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
LOOPBACK_HOSTS = {"127.0.0.1", "localhost", "::1"}
SERVER_START_TIMEOUT = 60  # seconds; JupyterLab starts in ~3 s on 2 cores
# Test-only JupyterLab user settings: the notebooks are opened from the repository
# itself, so JupyterLab must never save the outputs the tests produce into them.
#: Run All wall time per lesson (seconds by notebook stem), filled by test_accessibility and
#: printed in pytest's terminal summary (conftest.py).
RUN_ALL_TIMES = pytest.StashKey[dict]()
LAB_USER_SETTINGS = {
    "@jupyterlab/docmanager-extension/plugin.jupyterlab-settings": {"autosave": False},
}


def browser_problem() -> str | None:
    """None when the browser tests can run here, else what is missing."""
    missing = []
    if not CHROMIUM.exists():
        missing.append(f"{CHROMIUM} is missing")
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        missing.append("the playwright package is missing (make install)")
    return "; ".join(missing) or None


def require_browser() -> None:
    """Skip (or, under CI=true, fail) when Chromium or Playwright is missing.

    Test modules call it before importing Playwright, so it skips them whole.
    """
    problem = browser_problem()
    if problem is None:
        return
    message = f"{problem}: {HOW_TO_ENABLE}"
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(f"CI needs the browser tests: {message}", pytrace=False)
    pytest.skip(message, allow_module_level=True)


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def non_loopback(urls: list[str]) -> list[str]:
    """The network URLs among ``urls`` whose host is not this machine.

    >>> non_loopback(["http://127.0.0.1:8888/lab", "ws://localhost:1/api", "data:,x",
    ...               "https://cdn.jsdelivr.net/npm/x.css"])
    ['https://cdn.jsdelivr.net/npm/x.css']
    """
    return [u for u in urls if urlsplit(u).scheme in {"http", "https", "ws", "wss"} and urlsplit(u).hostname not in LOOPBACK_HOSTS]


@dataclass
class Server:
    """A Jupyter server (JupyterLab or Voilà) started for the tests."""

    name: str
    url: str  # http://127.0.0.1:PORT
    token: str
    log: Path
    process: subprocess.Popen = field(repr=False)

    def address(self, path: str) -> str:
        """``path`` on this server, with the token (the first page sets the auth cookie)."""
        return f"{self.url}/{path.lstrip('/')}?token={self.token}"

    def log_tail(self, characters: int = 4000) -> str:
        text = self.log.read_text(encoding="utf-8", errors="replace") if self.log.exists() else ""
        return text[-characters:]

    def stop(self) -> None:
        """Stop the server and wait for it; SIGKILL its process group if it will not stop.

        The server gets SIGTERM, on which Jupyter servers shut their kernels down.
        When the group's leader is ``make`` (``make present``), the signal goes to
        the processes make started, so make reaps them and exits by itself.
        """
        leader = self.process.pid
        if self.process.poll() is None:
            members = process_group(leader)
            for pid in [p for p in members if p != leader] or [leader]:
                with contextlib.suppress(ProcessLookupError):
                    os.kill(pid, signal.SIGTERM)
            with contextlib.suppress(subprocess.TimeoutExpired):
                self.process.wait(timeout=20)
        with contextlib.suppress(ProcessLookupError):
            os.killpg(leader, signal.SIGKILL)  # anything left in the group
        self.process.wait(timeout=10)


def process_group(pgid: int) -> list[int]:
    """The processes in process group ``pgid`` (Linux /proc), leader first."""
    members = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        with contextlib.suppress(OSError, ValueError, IndexError):
            fields = stat.read_text().rsplit(")", 1)[1].split()
            if int(fields[2]) == pgid:  # fields after "(comm)": state, ppid, pgrp, ...
                members.append(int(stat.parent.name))
    return sorted(members, key=lambda pid: pid != pgid)


def server_environment(workdir: Path) -> dict[str, str]:
    """``make lab``'s environment, with Jupyter's per-user state kept in ``workdir``."""
    env = dict(os.environ)
    env["PATH"] = os.pathsep.join([str(BIN), env.get("PATH", "")])
    env.setdefault("MPLCONFIGDIR", str(Path(sys.prefix) / "mplconfig"))
    # Jupyter's per-user folders in workdir: a tester's own ~/.jupyter config cannot change
    # the servers, and the tests leave no notebook-signing key or runtime files behind.
    env["JUPYTER_CONFIG_DIR"] = str(workdir / "config")
    env["JUPYTER_DATA_DIR"] = str(workdir / "data")
    env["JUPYTER_RUNTIME_DIR"] = str(workdir / "runtime")
    env["JUPYTERLAB_WORKSPACES_DIR"] = str(workdir / "workspaces")
    settings = workdir / "lab-user-settings"
    for name, values in LAB_USER_SETTINGS.items():
        target = settings / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(json.dumps(values), encoding="utf-8")
    env["JUPYTERLAB_SETTINGS_DIR"] = str(settings)
    return env


def start_server(name: str, command: Callable[[int, str], list[str]], workdir: Path, ready_path: str) -> Server:
    """Run ``command(port, token)`` and wait until ``ready_path`` answers 200."""
    port, token = free_port(), secrets.token_hex(24)
    log = workdir / f"{name}.log"
    env = server_environment(workdir)
    with log.open("w", encoding="utf-8") as out:
        process = subprocess.Popen(
            command(port, token),
            cwd=ROOT,
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # its own process group, stopped as one in Server.stop()
        )
    server = Server(name, f"http://127.0.0.1:{port}", token, log, process)
    deadline = time.monotonic() + SERVER_START_TIMEOUT
    try:
        while True:
            if process.poll() is not None:
                raise RuntimeError(f"{name} exited with code {process.returncode} before it was ready")
            try:
                with urllib.request.urlopen(server.address(ready_path), timeout=5) as response:
                    if response.status == 200:
                        return server
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                pass
            if time.monotonic() > deadline:
                raise RuntimeError(f"{name} did not answer {ready_path} within {SERVER_START_TIMEOUT} s")
            time.sleep(0.25)
    except Exception as error:
        server.stop()
        pytest.fail(f"{error}; its log ends with:\n{server.log_tail()}", pytrace=False)
    except BaseException:  # Ctrl-C while waiting: still leave no server behind
        server.stop()
        raise


def jupyter_executable(name: str) -> str:
    """The venv's console script ``name`` (jupyter, voila), or a clear failure."""
    path = BIN / name
    if not path.exists():
        found = shutil.which(name)
        pytest.fail(f"{path} is missing (found {found}); run the tests with the venv's python after make install")
    return str(path)


def save_screenshot(page, name: str, target=None) -> Path:
    """Save test-output/browser/<name>.png: the viewport, with ``target`` scrolled into view."""
    if target is not None:
        target.scroll_into_view_if_needed()
    path = SCREENSHOTS / f"{name}.png"
    page.screenshot(path=str(path))
    return path
