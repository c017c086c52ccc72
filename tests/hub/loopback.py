"""A class on one machine: JupyterHub, its proxy and students, all on 127.0.0.1.

Used by ``tests/hub/test_hub_loopback.py`` (3 students, in ``make test``) and
``benchmarks/hub.py`` (30 students, in ``make bench``). A student here does
what a browser does: logs in through the hub's login form, follows the
nbgitpuller link (the hub spawns their server), lets nbgitpuller clone the
student copy, then runs chapter 02 through the Jupyter REST API and the kernel
websocket, one code cell at a time, as JupyterLab would.

Every request has a timeout, every wait a deadline, and :meth:`Hub.stop`
ends the hub, the proxy, the single-user servers and their kernels, and says
which of them (if any) outlived a graceful stop.
"""

from __future__ import annotations

import contextlib
import datetime
import importlib.util
import json
import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote, urlencode

import psutil
import requests
import websocket

ROOT = Path(__file__).resolve().parents[2]
# Not resolved: the venv's python is a symlink, and its bin/ is the folder we want.
BIN = Path(sys.executable).parent
# `make test` and `make bench` install it (Makefile, target $(CHP)): pinned, from the npm registry.
CHP = ROOT / ".venv" / "node-proxy" / "node_modules" / ".bin" / "configurable-http-proxy"
CHAPTER = "notebooks/02-tokenizing.ipynb"
LANDING = "notebooks/00-welcome.ipynb"
# nbgitpuller clones into the repository's last path part: the source repo gets this name.
TARGET = "framing-lab"
PASSWORD = "loopback-only-password"
REQUEST_TIMEOUT = 60
# nbval's sanitizer (tests/sanitize.cfg): the same outputs are compared here.
ADDRESS = re.compile(r"0x[0-9a-f]{8,}")
PNG = re.compile(r"data:image/png;base64,[A-Za-z0-9+/=]+")


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now.

    >>> 1024 <= free_port() <= 65535
    True
    """
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _git(repo: Path, *args: str) -> str:
    identity = ["-c", "user.name=Framing Lab", "-c", "user.email=framelab@localhost"]
    done = subprocess.run(["git", *identity, *args], cwd=repo, capture_output=True, text=True, timeout=60)
    if done.returncode:
        raise RuntimeError(f"git {' '.join(args)} failed in {repo}: {done.stderr.strip()}")
    return done.stdout.strip()


def build_source_repo(parent: Path, use_tool: bool | None = None) -> tuple[Path, str, str]:
    """The nbgitpuller source: a student copy as a git repository in ``parent/framing-lab``.

    Uses ``python -m tools.student_copy DEST`` (``make student-copy``) when
    ``use_tool`` is true, or when it is None and the tool exists; otherwise
    copies notebooks/, framelab/, seeds/, exercises/ and pyproject.toml into
    a fresh one-commit repository on branch main.

    Returns (repository folder, branch, "tools.student_copy" or "fallback copy").
    Raises RuntimeError when git or the tool fails.
    """
    dest = parent / TARGET
    if use_tool is None:
        use_tool = importlib.util.find_spec("tools.student_copy") is not None
    if use_tool:
        done = subprocess.run(
            [sys.executable, "-m", "tools.student_copy", str(dest)],
            cwd=ROOT, capture_output=True, text=True, timeout=300,
        )
        if done.returncode:
            raise RuntimeError(f"python -m tools.student_copy {dest} failed:\n{done.stdout}\n{done.stderr}")
        how = "tools.student_copy"
    else:
        ignore = shutil.ignore_patterns("__pycache__", ".ipynb_checkpoints", "*.pyc")
        dest.mkdir(parents=True)
        for folder in ("notebooks", "framelab", "seeds", "exercises"):
            shutil.copytree(ROOT / folder, dest / folder, ignore=ignore)
        shutil.copy2(ROOT / "pyproject.toml", dest / "pyproject.toml")
        _git(dest, "init", "-q", "-b", "main")
        _git(dest, "add", "-A")
        _git(dest, "commit", "-q", "-m", "Framing Lab student copy")
        how = "fallback copy"
    return dest, _git(dest, "rev-parse", "--abbrev-ref", "HEAD"), how


def pull_link(repo_url: str, branch: str, notebook: str = LANDING) -> str:
    """The hub-relative nbgitpuller link that opens ``notebook`` of the copy in JupyterLab.

    >>> pull_link("https://git.example.edu/framing-lab", "main")
    '/hub/user-redirect/git-pull?repo=https%3A%2F%2Fgit.example.edu%2Fframing-lab&branch=main&urlpath=lab%2Ftree%2Fframing-lab%2Fnotebooks%2F00-welcome.ipynb'
    """
    target = repo_url.rstrip("/").split("/")[-1]
    query = urlencode({"repo": repo_url, "branch": branch, "urlpath": f"lab/tree/{target}/{notebook}"}, quote_via=quote)
    return f"/hub/user-redirect/git-pull?{query}"


def _hub_config(hub_dir: Path, ports: dict[str, int], token: str, start_timeout: int) -> str:
    """jupyterhub_config.py for a loopback hub: dummy login, a local process per student."""
    settings = {
        "ip": "127.0.0.1", "port": ports["proxy"], "hub_port": ports["hub"], "api": ports["api"],
        "chp": str(CHP), "singleuser": str(BIN / "jupyterhub-singleuser"), "home": str(hub_dir / "home" / "{username}"),
        "db": f"sqlite:///{hub_dir / 'jupyterhub.sqlite'}", "secret": str(hub_dir / "cookie_secret"),
        "pid": str(hub_dir / "proxy.pid"), "token": token, "timeout": start_timeout,
        "path": f"{BIN}{os.pathsep}{os.environ.get('PATH', '/usr/bin:/bin')}",
        "mpl": os.environ.get("MPLCONFIGDIR", str(ROOT / ".venv" / "mplconfig")),
    }
    return f"""# Written by tests/hub/loopback.py for one run; loopback only.
s = {settings!r}
c.JupyterHub.ip = s["ip"]
c.JupyterHub.port = s["port"]
c.JupyterHub.hub_ip = s["ip"]
c.JupyterHub.hub_port = s["hub_port"]
c.JupyterHub.db_url = s["db"]
c.JupyterHub.cookie_secret_file = s["secret"]
c.ConfigurableHTTPProxy.command = [s["chp"]]
c.ConfigurableHTTPProxy.api_url = f"http://127.0.0.1:{{s['api']}}"
c.ConfigurableHTTPProxy.pid_file = s["pid"]
c.ConfigurableHTTPProxy.auth_token = s["token"] + "-proxy"
# Any name, one password: the login form is what is tested, not who may log in.
c.JupyterHub.authenticator_class = "dummy"
c.DummyAuthenticator.password = "{PASSWORD}"
c.Authenticator.allow_all = True
c.JupyterHub.spawner_class = "simple"
c.SimpleLocalProcessSpawner.home_dir_template = s["home"]
c.Spawner.cmd = [s["singleuser"]]
# CI runs as root; a single-user server refuses root without this.
c.Spawner.args = ["--allow-root"]
c.Spawner.default_url = "/lab"
c.Spawner.environment = {{"PATH": s["path"], "MPLCONFIGDIR": s["mpl"]}}
c.Spawner.start_timeout = s["timeout"]
c.Spawner.http_timeout = s["timeout"]
c.JupyterHub.concurrent_spawn_limit = 0
c.JupyterHub.cleanup_servers = True
c.JupyterHub.cleanup_proxy = True
c.JupyterHub.services = [{{"name": "instructor", "api_token": s["token"]}}]
c.JupyterHub.load_roles = [{{
    "name": "instructor",
    "scopes": ["admin:users", "admin:servers", "tokens", "list:users", "read:users"],
    "services": ["instructor"],
}}]
"""


@dataclass
class Hub:
    """A running loopback JupyterHub (see :func:`start_hub`)."""

    process: subprocess.Popen
    url: str
    token: str
    folder: Path
    log: Path
    seen: dict[int, psutil.Process] = field(default_factory=dict)

    def api(self, method: str, path: str, **kwargs) -> requests.Response:
        """A hub REST call as the instructor service; raises for a status >= 400."""
        kwargs.setdefault("timeout", REQUEST_TIMEOUT)
        response = requests.request(
            method, f"{self.url}/hub/api{path}", headers={"Authorization": f"token {self.token}"}, **kwargs
        )
        response.raise_for_status()
        return response

    def track(self) -> list[psutil.Process]:
        """Remember every process under the hub now (proxy, servers, kernels), for :meth:`stop`."""
        with contextlib.suppress(psutil.Error):
            for child in psutil.Process(self.process.pid).children(recursive=True):
                self.seen.setdefault(child.pid, child)
        return list(self.seen.values())

    def server_processes(self) -> dict[str, psutil.Process]:
        """{student name: their single-user server process}, from the hub's children."""
        servers = {}
        for child in psutil.Process(self.process.pid).children():
            with contextlib.suppress(psutil.Error):
                name = child.environ().get("JUPYTERHUB_USER")
                if name:
                    servers[name] = child
        return servers

    def stop(self, grace: float = 30) -> list[str]:
        """Stop the hub (it stops servers and proxy); kill what is left. Returns what outlived the grace."""
        self.track()
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=grace)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=10)
        deadline = time.monotonic() + 10
        left = [p for p in self.seen.values() if _alive(p)]
        while left and time.monotonic() < deadline:
            time.sleep(0.2)
            left = [p for p in left if _alive(p)]
        survivors = []
        for proc in left:
            with contextlib.suppress(psutil.Error):
                survivors.append(f"{proc.pid} {' '.join(proc.cmdline())[:120]}")
                proc.kill()
        return survivors


def _alive(proc: psutil.Process) -> bool:
    try:
        return proc.is_running() and proc.status() != psutil.STATUS_ZOMBIE
    except psutil.Error:
        return False


def start_hub(folder: Path, start_timeout: int = 120, ready_within: float = 60) -> Hub:
    """Start JupyterHub and its proxy on free 127.0.0.1 ports; wait for /hub/health.

    Raises FileNotFoundError when configurable-http-proxy is not installed,
    RuntimeError when the hub exits or is not healthy within ``ready_within`` s.
    """
    if not CHP.exists():
        raise FileNotFoundError(
            f"{CHP} is missing: `make test` installs configurable-http-proxy from the npm registry "
            "(needs npm: sudo apt-get install npm)."
        )
    folder.mkdir(parents=True, exist_ok=True)
    ports = {"proxy": free_port(), "hub": free_port(), "api": free_port()}
    token = secrets.token_hex(24)
    config = folder / "jupyterhub_config.py"
    config.write_text(_hub_config(folder, ports, token, start_timeout))
    log = folder / "jupyterhub.log"
    with open(log, "wb") as out:
        process = subprocess.Popen(
            [str(BIN / "jupyterhub"), "-f", str(config)], cwd=folder, stdout=out, stderr=subprocess.STDOUT,
            env={**os.environ, "PATH": f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}"},
        )
    hub = Hub(process, f"http://127.0.0.1:{ports['proxy']}", token, folder, log)
    deadline = time.monotonic() + ready_within
    while time.monotonic() < deadline:
        if process.poll() is not None:
            hub.stop()
            raise RuntimeError(f"JupyterHub exited with {process.returncode}; its log:\n{log.read_text()[-3000:]}")
        with contextlib.suppress(requests.RequestException):
            if requests.get(f"{hub.url}/hub/health", timeout=5).status_code == 200:
                hub.track()
                return hub
        time.sleep(0.3)
    hub.stop()
    raise RuntimeError(f"JupyterHub was not healthy within {ready_within} s; its log:\n{log.read_text()[-3000:]}")


def _sanitized(text: str) -> str:
    return PNG.sub("data:image/png;base64,PNG", ADDRESS.sub("0xADDRESS", text))


def cell_texts(outputs: list[dict]) -> list[str]:
    """What nbval would compare in one cell's outputs, as strings: streams, text/plain, errors.

    >>> cell_texts([{"output_type": "stream", "name": "stdout", "text": "a\\n"},
    ...             {"output_type": "execute_result", "data": {"text/plain": "3"}}])
    ['stdout:a\\n', 'text/plain:3']
    """
    texts: list[str] = []
    for out in outputs:
        kind = out["output_type"]
        if kind == "stream":
            texts.append(f"{out['name']}:{_sanitized(''.join(out['text']))}")
        elif kind == "error":
            texts.append(f"error:{out['ename']}: {out['evalue']}")
        elif "text/plain" in out.get("data", {}):
            texts.append(f"text/plain:{_sanitized(''.join(out['data']['text/plain']))}")
    # A stream written in several messages is one output in a saved notebook.
    merged: list[str] = []
    for text in texts:
        if merged and text.split(":", 1)[0] in ("stdout", "stderr") and merged[-1].startswith(text.split(":", 1)[0] + ":"):
            merged[-1] += text.split(":", 1)[1]
        else:
            merged.append(text)
    return merged


@dataclass
class Student:
    """One student's browser: a cookie jar, plus an API token for the notebook front end's calls."""

    hub: Hub
    name: str
    session: requests.Session = field(default_factory=requests.Session)
    token: str = ""
    spawn_seconds: float = 0.0

    @property
    def server(self) -> str:
        return f"{self.hub.url}/user/{self.name}"

    def log_in(self) -> None:
        """Log in through the hub's login form (the _xsrf field and cookie as a browser sends them)."""
        page = self.session.get(f"{self.hub.url}/hub/login", timeout=REQUEST_TIMEOUT)
        page.raise_for_status()
        xsrf = self.session.cookies.get("_xsrf", "")
        done = self.session.post(
            f"{self.hub.url}/hub/login", data={"username": self.name, "password": PASSWORD, "_xsrf": xsrf},
            allow_redirects=False, timeout=REQUEST_TIMEOUT,
        )
        if done.status_code != 302:
            raise RuntimeError(f"login of {self.name} answered {done.status_code}: {done.text[:300]}")

    def follow(self, link: str, spawn_within: float) -> requests.Response:
        """Open a hub link; if the server is not running, launch it as the hub's Launch button does."""
        answer = self.session.get(self.hub.url + link, timeout=REQUEST_TIMEOUT)
        if answer.status_code == 424 or "/spawn-pending/" in answer.url or "/hub/spawn" in answer.url:
            started = time.monotonic()
            next_url = f"/hub/user/{self.name}{link.split('/hub/user-redirect', 1)[1]}"
            self.session.get(f"{self.hub.url}/hub/spawn/{self.name}?next={quote(next_url)}", timeout=REQUEST_TIMEOUT)
            self.wait_ready(spawn_within)
            self.spawn_seconds = time.monotonic() - started
            answer = self.session.get(self.hub.url + link, timeout=REQUEST_TIMEOUT)
        answer.raise_for_status()
        return answer

    def wait_ready(self, within: float) -> None:
        deadline = time.monotonic() + within
        while time.monotonic() < deadline:
            model = self.hub.api("GET", f"/users/{self.name}").json()
            server = model.get("servers", {}).get("")
            if server and server.get("ready"):
                return
            time.sleep(0.25)
        raise TimeoutError(f"{self.name}'s server was not ready within {within} s (hub log: {self.hub.log})")

    def git_pull(self, repo_url: str, branch: str, within: float = 120) -> list[str]:
        """What the nbgitpuller page's script does: read the sync event stream to its end."""
        events, deadline = [], time.monotonic() + within
        with self.session.get(
            f"{self.server}/git-pull/api", params={"repo": repo_url, "branch": branch, "targetpath": TARGET},
            stream=True, timeout=REQUEST_TIMEOUT,
        ) as stream:
            stream.raise_for_status()
            for line in stream.iter_lines(decode_unicode=True):
                if time.monotonic() > deadline:
                    raise TimeoutError(f"nbgitpuller for {self.name} took over {within} s: {events[-3:]}")
                if not line or not line.startswith("data: "):
                    continue
                event = json.loads(line[6:])
                events.append(event.get("output", "").rstrip() or event.get("phase", ""))
                if event.get("phase") == "error":
                    raise RuntimeError(f"nbgitpuller failed for {self.name}: {event.get('message')}\n{event.get('output')}")
                if event.get("phase") == "finished":
                    return events
        raise RuntimeError(f"nbgitpuller's stream for {self.name} ended without 'finished': {events[-5:]}")

    def make_token(self) -> None:
        self.token = self.hub.api("POST", f"/users/{self.name}/tokens", json={"note": "loopback", "expires_in": 3600}).json()["token"]

    def rest(self, method: str, path: str, **kwargs) -> requests.Response:
        kwargs.setdefault("timeout", REQUEST_TIMEOUT)
        answer = requests.request(method, f"{self.server}/api{path}", headers={"Authorization": f"token {self.token}"}, **kwargs)
        answer.raise_for_status()
        return answer

    def notebook(self, path: str) -> dict:
        return self.rest("GET", f"/contents/{quote(path)}", params={"content": 1}).json()["content"]

    def save_notebook(self, path: str, content: dict) -> None:
        self.rest("PUT", f"/contents/{quote(path)}", json={"type": "notebook", "format": "json", "content": content})

    def run_notebook(self, path: str, cell_timeout: float = 120) -> tuple[dict, list[list[str]]]:
        """Run every code cell of ``path`` in a new kernel session; returns (session, outputs per code cell)."""
        session = self.rest("POST", "/sessions", json={
            "path": path, "name": Path(path).name, "type": "notebook", "kernel": {"name": "python3"},
        }).json()
        kernel = session["kernel"]["id"]
        ws_url = self.server.replace("http://", "ws://") + f"/api/kernels/{kernel}/channels?session_id={uuid.uuid4().hex}"
        channel = websocket.create_connection(ws_url, header=[f"Authorization: token {self.token}"], timeout=cell_timeout)
        results = []
        try:
            for cell in self.notebook(path)["cells"]:
                if cell["cell_type"] == "code":
                    results.append(cell_texts(_execute(channel, "".join(cell["source"]), cell_timeout)))
        finally:
            channel.close()
        return session, results


def _execute(channel: websocket.WebSocket, code: str, timeout: float) -> list[dict]:
    """Send one execute_request (kernel protocol 5.3) and collect its iopub outputs until idle and replied."""
    msg_id = uuid.uuid4().hex
    channel.send(json.dumps({
        "header": {"msg_id": msg_id, "username": "student", "session": uuid.uuid4().hex, "msg_type": "execute_request",
                   "version": "5.3", "date": datetime.datetime.now(datetime.timezone.utc).isoformat()},
        "parent_header": {}, "metadata": {}, "channel": "shell", "buffers": [],
        "content": {"code": code, "silent": False, "store_history": True, "user_expressions": {},
                    "allow_stdin": False, "stop_on_error": True},
    }))
    outputs: list[dict] = []
    # ipywidgets' Output widgets that capture this cell's outputs now, as a front end routes them.
    capturing: set[str] = set()
    idle = replied = False
    deadline = time.monotonic() + timeout
    while not (idle and replied):
        if time.monotonic() > deadline:
            raise TimeoutError(f"a cell ran over {timeout} s: {code[:80]!r}")
        message = json.loads(channel.recv())
        if message.get("parent_header", {}).get("msg_id") != msg_id:
            continue
        kind, content = message["header"]["msg_type"], message["content"]
        if kind == "status" and content.get("execution_state") == "idle":
            idle = True
        elif kind == "execute_reply":
            replied = True
        elif kind == "comm_msg" and "msg_id" in content.get("data", {}).get("state", {}):
            if content["data"]["state"]["msg_id"] == msg_id:
                capturing.add(content["comm_id"])
            else:
                capturing.discard(content["comm_id"])
        elif kind == "error" or (kind in ("stream", "execute_result", "display_data") and not capturing):
            outputs.append({"output_type": kind, **content})
        elif kind == "clear_output":
            outputs.clear()
    return outputs


def committed_outputs(path: Path) -> list[list[str]]:
    """The outputs stored in a notebook file, per code cell, as :func:`cell_texts` gives them."""
    nb = json.loads(path.read_text(encoding="utf-8"))
    return [cell_texts(cell.get("outputs", [])) for cell in nb["cells"] if cell["cell_type"] == "code"]


class HubPoller(threading.Thread):
    """Times GET /hub/api/user (the who-am-I that servers and front ends ask) while the class works.

    One request every ``interval`` s, at most ``limit`` of them; stop it with ``done.set()``.
    """

    def __init__(self, hub: Hub, interval: float = 0.25, limit: int = 4000) -> None:
        super().__init__(daemon=True)
        self.hub, self.interval, self.limit = hub, interval, limit
        self.seconds: list[float] = []
        self.failures = 0
        self.done = threading.Event()

    def run(self) -> None:
        while not self.done.is_set() and len(self.seconds) < self.limit:
            started = time.monotonic()
            try:
                self.hub.api("GET", "/user", timeout=30)
                self.seconds.append(time.monotonic() - started)
            except requests.RequestException:
                self.failures += 1
            self.done.wait(self.interval)
