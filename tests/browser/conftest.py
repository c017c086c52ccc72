"""Fixtures for the real-browser tests: JupyterLab, `make present`'s Voilà, and Chromium.

Servers and browser are fixtures with teardown, so they are shut down even when
a test fails; a failed test also leaves a screenshot of its page in
test-output/browser/. The machinery is in browser_support.py.
"""

from __future__ import annotations

import contextlib
import shutil
from collections.abc import Iterator

import pytest

from .browser_support import (
    CHROMIUM,
    CHROMIUM_ARGS,
    ROOT,
    RUN_ALL_TIMES,
    SCREENSHOTS,
    Server,
    jupyter_executable,
    require_browser,
    start_server,
)

try:
    import playwright  # noqa: F401
except ImportError:  # --doctest-modules must not import the Playwright helpers; the tests skip
    collect_ignore = ["lab_driver.py", "explorer_ui.py"]


@pytest.fixture(scope="module")
def browser_context(tmp_path_factory) -> Iterator:
    """Debian's Chromium, headless, with a fresh profile.

    Module-scoped like the servers: all are shut down when their test module
    ends, so nothing stays running through the rest of `make test`.
    """
    require_browser()
    from playwright.sync_api import sync_playwright

    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    manager = sync_playwright().start()
    try:
        context = manager.chromium.launch_persistent_context(
            str(tmp_path_factory.mktemp("chromium-profile")),
            executable_path=str(CHROMIUM),
            headless=True,
            args=CHROMIUM_ARGS,
            viewport={"width": 1400, "height": 1000},
        )
        try:
            yield context
        finally:
            context.close()
    finally:
        manager.stop()


@pytest.fixture(scope="module")
def lab_server(tmp_path_factory) -> Iterator[Server]:
    """JupyterLab from the venv on a free loopback port with a random token, root = the repository."""
    require_browser()  # no point starting a server for tests that will skip
    jupyter = jupyter_executable("jupyter")
    workdir = tmp_path_factory.mktemp("jupyterlab")

    def command(port: int, token: str) -> list[str]:
        return [
            jupyter, "lab", "--no-browser", "--allow-root", f"--ServerApp.root_dir={ROOT}",
            "--ServerApp.ip=127.0.0.1", f"--ServerApp.port={port}", "--ServerApp.port_retries=0",
            f"--IdentityProvider.token={token}",
            # JupyterLab checkpoints a notebook when it opens it: not into notebooks/.
            f"--FileCheckpoints.checkpoint_dir={workdir / 'checkpoints'}",
        ]

    yield from serving(start_server("jupyterlab", command, workdir, "api/status"))


def make_present(tmp_path_factory, name: str, *make_args: str) -> Iterator[Server]:
    """``make present`` itself (with ``make_args``, e.g. ``CORPUS=…``), made headless through PRESENT_ARGS
    like an instructor on a server would; stopped and its log kept when the fixture ends."""
    require_browser()
    if shutil.which("make") is None:
        pytest.fail("make is missing: the presentation test runs `make present`")

    def command(port: int, token: str) -> list[str]:
        present_args = f"--no-browser --Voila.ip=127.0.0.1 --port={port} --Voila.port_retries=0 --token={token}"
        return ["make", "--no-print-directory", "present", *make_args, f"PRESENT_ARGS={present_args}"]

    yield from serving(start_server(name, command, tmp_path_factory.mktemp(name), "voila/static/voila.js"))


@pytest.fixture(scope="module")
def voila_server(tmp_path_factory) -> Iterator[Server]:
    """``make present`` on the bundled articles."""
    yield from make_present(tmp_path_factory, "voila")


def serving(server: Server) -> Iterator[Server]:
    """Yield a started server to a fixture's tests; stop it and keep its log when they end, passed or not."""
    try:
        yield server
    finally:
        server.stop()
        keep_log(server)


def keep_log(server: Server) -> None:
    """Copy the server's log beside the screenshots, for reading after a failure in CI."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(server.log, SCREENSHOTS / f"{server.name}.log")


@pytest.fixture
def page(browser_context, request) -> Iterator:
    """A new tab; ``tab.requests`` lists every URL the browser asked for meanwhile.

    Requests are recorded on the whole browser context (the tab, its frames and
    workers, service workers) plus the tab's websockets, so a test can check that
    nothing left this machine.
    """
    tab = browser_context.new_page()
    tab.set_default_timeout(30_000)
    tab.requests = []

    def record(req) -> None:
        tab.requests.append(req.url)

    browser_context.on("request", record)
    tab.on("websocket", lambda ws: tab.requests.append(ws.url))
    try:
        yield tab
    finally:
        browser_context.remove_listener("request", record)
        if getattr(request.node, "rep_call_failed", False):  # what the page showed when it failed
            with contextlib.suppress(Exception):
                tab.screenshot(path=str(SCREENSHOTS / f"FAILED-{request.node.name}.png"))
        tab.close()


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_makereport(item, call):
    report = yield
    if report.when == "call":
        item.rep_call_failed = report.failed
    return report


def pytest_terminal_summary(terminalreporter, exitstatus, config) -> None:
    """Run All time per lesson in JupyterLab, when test_accessibility measured any (never asserted)."""
    times = config.stash.get(RUN_ALL_TIMES, None)
    if times:
        terminalreporter.section("Run All time per lesson in JupyterLab")
        for lesson, seconds in sorted(times.items()):
            terminalreporter.write_line(f"{lesson}  {seconds:5.1f} s")
        terminalreporter.write_line(f"total  {sum(times.values()):5.1f} s")
