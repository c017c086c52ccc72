"""Driving JupyterLab 4 the way a student does: open a notebook, wait for the kernel, Run All.

Helpers for tests/browser, kept apart from the tests so each test reads as the
steps a person takes. Selectors are JupyterLab 4's and ipywidgets 8's own DOM.
"""

from __future__ import annotations

import contextlib
import json
import re
import secrets
import time
import urllib.request
import warnings
from collections.abc import Iterator

from playwright.sync_api import Page, expect

from .browser_support import ROOT, Server, non_loopback

KERNEL_TIMEOUT = 60  # seconds for a kernel to start on a busy 2-core machine
RUN_ALL_TIMEOUT = 90  # seconds for a whole chapter; each runs in a few seconds
STALL = 10  # seconds with an idle kernel and no prompt changing: the page lost a reply
PANEL = ".jp-NotebookPanel:not(.lm-mod-hidden)"  # the notebook on show
PROMPTS = """() => [...document.querySelectorAll(
  '.jp-NotebookPanel:not(.lm-mod-hidden) .jp-CodeCell .jp-InputArea-prompt')].map(p => p.textContent.trim())"""


def api(server: Server, method: str, path: str) -> object:
    """Call the Jupyter server's REST API with the token; the decoded JSON (None if empty)."""
    request = urllib.request.Request(
        f"{server.url}/{path}", method=method, headers={"Authorization": f"token {server.token}"}
    )
    with urllib.request.urlopen(request, timeout=10) as response:
        body = response.read()
    return json.loads(body) if body else None


def kernel_state(server: Server, notebook: str) -> str | None:
    """The execution state of ``notebook``'s kernel, or None while it has no session."""
    for session in api(server, "GET", "api/sessions"):
        if session["path"] == notebook:
            return session["kernel"]["execution_state"]
    return None


def wait_for_idle_kernel(page: Page, server: Server, notebook: str) -> None:
    """Wait until the notebook's kernel is started and idle, on the server and on the page.

    The toolbar's indicator says "idle" for a moment before the kernel even exists,
    so the server's word that the session's kernel is idle comes first.
    """
    deadline = time.monotonic() + KERNEL_TIMEOUT
    while (state := kernel_state(server, notebook)) != "idle":
        assert time.monotonic() < deadline, (
            f"the kernel of {notebook} is still {state!r} after {KERNEL_TIMEOUT} s; server log:\n{server.log_tail()}"
        )
        time.sleep(0.2)
    indicator = page.locator(f"{PANEL} .jp-Notebook-ExecutionIndicator")
    try:
        expect(indicator).to_have_attribute("data-status", "idle", timeout=20_000)
        return
    except AssertionError:
        pass
    # Now and then (a few runs in a hundred here) JupyterLab misses the new kernel's first
    # status message and shows "Unknown" for a kernel the server reports idle. Kernel →
    # Reconnect to Kernel is what a person does then; the reconnection asks for the status.
    warnings.warn(f"{notebook}: the page showed the idle kernel as {indicator.get_attribute('data-status')!r}; "
                  "reconnected to it", stacklevel=2)
    menu(page, "Kernel", "kernelmenu:reconnect-to-kernel")
    try:
        expect(indicator).to_have_attribute("data-status", "idle", timeout=KERNEL_TIMEOUT * 1000)
    except AssertionError as error:
        raise AssertionError(f"{error}\nThe server's log ends with:\n{server.log_tail()}") from None


def menu(page: Page, title: str, command: str) -> None:
    """Click menu ``title`` in the menu bar, then the item that runs JupyterLab ``command``."""
    page.locator(".lm-MenuBar-item").filter(has_text=re.compile(rf"^{re.escape(title)}$")).click()
    page.locator(f'.lm-Menu-item[data-command="{command}"]').click()


def cell_problems(page: Page) -> str:
    """The text of every error or stderr output on the page, to explain a failed run."""
    outputs = page.locator(
        '.jp-OutputArea-output[data-mime-type="application/vnd.jupyter.stderr"],'
        ' .jp-OutputArea-output[data-mime-type="application/vnd.jupyter.error"]'
    )
    return "\n---\n".join(outputs.all_inner_texts())[-4000:] or "(no error output on the page)"


def unfinished_cells(prompts: list[str]) -> list[int]:
    """Which code cells have no execution count yet ("[ ]:" or "[*]:"); all of them if none is shown.

    >>> unfinished_cells(["[1]:", "[*]:", "[ ]:"]), unfinished_cells([])
    ([1, 2], [-1])
    """
    if not prompts:
        return [-1]
    return [i for i, prompt in enumerate(prompts) if not re.fullmatch(r"\[\d+\]:", prompt)]


def run_all_cells(page: Page, server: Server, notebook: str, code_cells: int) -> float:
    """Edit → Clear Outputs of All Cells, Run → Run All Cells, and wait for every cell to finish.

    Clearing first matters: the committed outputs carry execution counts already,
    so only a cleared notebook shows when each cell has really run again.
    Returns the Run All wall time in seconds: from the click on Run All Cells until
    every cell shows its count and the kernel is idle (polled every 0.25 s).
    """
    menu(page, "Edit", "editmenu:clear-all")
    prompts = page.locator(f"{PANEL} .jp-CodeCell .jp-InputArea-prompt")
    expect(prompts).to_have_count(code_cells)
    expect(prompts.first).to_have_text("[ ]:")
    menu(page, "Run", "runmenu:run-all")
    started = time.monotonic()
    # Now and then (a few runs in a hundred here) the page loses touch with the kernel:
    # cells keep "[*]" while the server reports the kernel idle -- every cell when the
    # requests never left the page, or one cell whose reply got lost while widgets were
    # being created (jupyterlab/jupyterlab#13383). What a person does then, in order;
    # each remedy is used once, with a warning, before the test gives up.
    remedies = [
        ("reconnected to the kernel", lambda: menu(page, "Kernel", "kernelmenu:reconnect-to-kernel")),
        ("ran all cells again", lambda: menu(page, "Run", "runmenu:run-all")),
    ]
    used = []
    deadline = time.monotonic() + RUN_ALL_TIMEOUT
    seen, since = None, time.monotonic()
    while unfinished := unfinished_cells(shown := page.evaluate(PROMPTS)):
        now = time.monotonic()
        if shown != seen:
            seen, since = shown, now
        stalled = now - since > STALL and kernel_state(server, notebook) == "idle"
        if stalled and remedies:
            what, remedy = remedies.pop(0)
            warnings.warn(f"{notebook}: code cells {unfinished} showed {sorted(set(shown[i] for i in unfinished))} "
                          f"with the kernel idle for {STALL} s; {what}", stacklevel=2)
            remedy()
            used.append(what)
            seen, since = None, now
        elif stalled or now > deadline:
            raise AssertionError(
                f"{notebook}: code cells {unfinished} did not finish after Run All Cells"
                f"{' (then ' + ', '.join(used) + ')' if used else ''}; prompts {shown}.\n"
                f"Error outputs on the page:\n{cell_problems(page)}\nThe server's log ends with:\n{server.log_tail()}"
            )
        time.sleep(0.25)
    # Every cell has its count; the kernel must have finished too (the toolbar's indicator
    # is not asked here: after a lost reply it keeps counting that cell as running).
    deadline = time.monotonic() + KERNEL_TIMEOUT
    while (state := kernel_state(server, notebook)) != "idle":
        assert time.monotonic() < deadline, f"the kernel of {notebook} is still {state!r} after Run All Cells"
        time.sleep(0.2)
    return time.monotonic() - started


@contextlib.contextmanager
def notebook_page(page: Page, server: Server, notebook: str) -> Iterator[Page]:
    """Open ``notebook`` (a path from the repository root) in JupyterLab with an idle kernel.

    Afterwards: checks the page asked nothing of any host but this machine, shuts
    the notebook's kernel down, and checks the notebook file was not rewritten.
    """
    before = (ROOT / notebook).read_bytes()
    folder = sorted(p.name for p in (ROOT / notebook).parent.iterdir())
    try:
        # A workspace of its own: JupyterLab must not reopen what an earlier test had open.
        workspace = f"test-{secrets.token_hex(4)}"
        page.goto(server.address(f"lab/workspaces/{workspace}/tree/{notebook}"))
        expect(page.locator(PANEL)).to_have_count(1, timeout=KERNEL_TIMEOUT * 1000)
        expect(page.locator(".jp-NotebookPanel")).to_have_count(1)
        wait_for_idle_kernel(page, server, notebook)
        yield page
        assert any(url.startswith(server.url) for url in page.requests), "no request was recorded"
        assert not non_loopback(page.requests), (
            f"the JupyterLab page made requests that leave this machine: {non_loopback(page.requests)}"
        )
    finally:  # shut the kernel down; a server that is gone already is no second error
        with contextlib.suppress(OSError):
            for session in api(server, "GET", "api/sessions"):
                if session["path"] == notebook:
                    api(server, "DELETE", f"api/sessions/{session['id']}")
    assert (ROOT / notebook).read_bytes() == before, f"the test changed {notebook}: JupyterLab saved it"
    left = sorted(set(p.name for p in (ROOT / notebook).parent.iterdir()) - set(folder))
    assert not left, f"the test left {left} beside {notebook}"

