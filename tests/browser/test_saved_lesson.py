"""A lesson saved from JupyterLab is its committed file, and reopens without "model not found".

``make lab`` itself (JupyterLab plus the pre-save hook of tools/lab_save.py,
loaded from jupyter-config/) serves a throwaway copy of the repository, made a
git repository of its own so ``git status`` can judge what a save did. The
lessons with widgets (02, 09) and two whose other outputs could change (00's
environment report, 08's figures) are opened, cleared, run with Run All Cells
and saved with File → Save; then the file must be byte-for-byte the committed
one. Reopened in a new workspace with a new kernel, no output may read "Error
displaying widget: model not found", and lesson 09 must show the explorer's
static description.
"""

from __future__ import annotations

import shutil
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from .browser_support import ROOT, require_browser, start_server

require_browser()  # skips (or fails under CI=true) before Playwright is imported

from playwright.sync_api import Page, expect  # noqa: E402

from .browser_support import Server  # noqa: E402
from .conftest import serving  # noqa: E402
from .lab_driver import PANEL, api, menu, notebook_page, run_all_cells  # noqa: E402
from .test_lab_chapters import code_cells  # noqa: E402

# The Makefile's stamps of the (linked, shared) venv: make must not rebuild or reconfigure it.
VENV_STAMPS = (".venv/.installed-stamp", ".venv/.student-lab-stamp")
SAVE_TIMEOUT = 20  # seconds for File → Save to reach the disk
NOT_COPIED = {".git", ".venv", "test-output", "__pycache__", ".pytest_cache", ".ipynb_checkpoints", "grades", "build"}
# The lessons with widgets, and the static description a reopened one must show (None: no
# one-line description to look for, checked for errors only) ...
WIDGET_LESSONS = {
    "notebooks/09-framing-explorer.ipynb": "FramingExplorer: 5 articles;",
    "notebooks/02-tokenizing.ipynb": None,
}
# ... and lessons whose other outputs could differ between JupyterLab and `make notebooks`:
# chapter 00's environment report, chapter 08's PNG figures.
LESSONS = [*WIDGET_LESSONS, "notebooks/00-welcome.ipynb", "notebooks/08-visualizing.ipynb"]
# [text, is a live widget] of every output scrolled past on the page (JupyterLab renders
# only the cells near the viewport, so the notebook is walked from top to bottom).
WALK = """async () => {
  const outer = document.querySelector('.jp-NotebookPanel:not(.lm-mod-hidden) .jp-WindowedPanel-outer');
  const seen = new Set();
  for (let top = 0; ; top += outer.clientHeight / 2) {
    outer.scrollTop = top;
    await new Promise(r => setTimeout(r, 150));
    for (const o of outer.querySelectorAll('.jp-OutputArea-output'))
      seen.add(JSON.stringify([o.innerText, o.querySelector('.jupyter-widgets') !== null]));
    if (outer.scrollTop + outer.clientHeight >= outer.scrollHeight - 2) break;
  }
  return [...seen].map(s => JSON.parse(s));
}"""


def git(repo: Path, *args: str) -> str:
    """Run git in ``repo`` with a fixed identity; its stdout."""
    command = ["git", "-c", "user.name=Framing Lab tests", "-c", "user.email=tests@framelab.invalid", *args]
    return subprocess.run(command, cwd=repo, check=True, capture_output=True, text=True).stdout


@pytest.fixture(scope="module")
def repo_copy(tmp_path_factory) -> Path:
    """The working tree as it is now, copied and committed as a fresh git repository.

    The venv is linked, not copied; ``make`` is told not to rebuild it (VENV_STAMPS).
    """
    if shutil.which("git") is None or shutil.which("make") is None:
        pytest.fail("git and make are needed: this test runs `make lab` on a git repository")
    copy = tmp_path_factory.mktemp("saved-lesson") / "framelab"
    shutil.copytree(ROOT, copy, ignore=lambda folder, names: [n for n in names if n in NOT_COPIED])
    (copy / ".venv").symlink_to(ROOT / ".venv", target_is_directory=True)
    git(copy, "init", "-q")
    git(copy, "add", "-A")
    git(copy, "commit", "-q", "-m", "lessons as committed")
    return copy


@pytest.fixture(scope="module")
def saving_lab(repo_copy, tmp_path_factory) -> Iterator[Server]:
    """``make lab`` in the copy, headless through LAB_ARGS, with autosave off (the tests save)."""
    workdir = tmp_path_factory.mktemp("saving-lab")

    def command(port: int, token: str) -> list[str]:
        lab_args = (
            f"--no-browser --allow-root --ServerApp.ip=127.0.0.1 --ServerApp.port={port} "
            f"--ServerApp.port_retries=0 --IdentityProvider.token={token} "
            f"--FileCheckpoints.checkpoint_dir={workdir / 'checkpoints'}"
        )
        keep = [arg for stamp in VENV_STAMPS for arg in ("-o", stamp)]
        return ["make", "--no-print-directory", "-C", str(repo_copy), *keep, "lab", f"LAB_ARGS={lab_args}"]

    yield from serving(start_server("saving-lab", command, workdir, "api/status"))


def kernel_id(server: Server, notebook: str) -> str:
    return next(s["kernel"]["id"] for s in api(server, "GET", "api/sessions") if s["path"] == notebook)


def save(page: Page, path: Path) -> None:
    """File → Save, then wait until the file on disk changed and the tab is no longer dirty."""
    before = path.stat().st_mtime_ns
    menu(page, "File", "docmanager:save")
    deadline = time.monotonic() + SAVE_TIMEOUT
    while path.stat().st_mtime_ns == before:
        assert time.monotonic() < deadline, f"File → Save did not write {path} within {SAVE_TIMEOUT} s"
        time.sleep(0.2)
    expect(page.locator(".lm-TabBar-tab.jp-mod-current.jp-mod-dirty")).to_have_count(0, timeout=SAVE_TIMEOUT * 1000)


@pytest.mark.parametrize("notebook", LESSONS)
def test_a_saved_lesson_is_its_committed_file_and_reopens(saving_lab, repo_copy, page, notebook) -> None:
    path = repo_copy / notebook
    committed = path.read_bytes()
    with notebook_page(page, saving_lab, notebook):
        run_all_cells(page, saving_lab, notebook, code_cells(notebook))
        if notebook in WIDGET_LESSONS:
            assert any(live for _, live in page.evaluate(WALK)), f"{notebook} showed no live widget after Run All"
        first_kernel = kernel_id(saving_lab, notebook)
        save(page, path)
    changed = git(repo_copy, "status", "--porcelain", "--", notebook)
    assert changed == "" and path.read_bytes() == committed, (
        f"after Run All and File → Save, git sees {notebook} changed ({changed.strip()!r}); the diff begins:\n"
        + git(repo_copy, "diff", "--", notebook)[:3000]
    )

    with notebook_page(page, saving_lab, notebook):
        assert kernel_id(saving_lab, notebook) != first_kernel, "the lesson was reopened with the old kernel"
        expect(page.locator(f"{PANEL} .jp-OutputArea-output").first).to_be_attached()
        outputs = [text for text, _ in page.evaluate(WALK)]
    broken = [text for text in outputs if "model not found" in text or "Error displaying widget" in text]
    assert not broken, f"reopened {notebook} shows {broken[:3]}"
    description = WIDGET_LESSONS.get(notebook)
    if description is not None:
        assert any(text.startswith(description) for text in outputs), (
            f"reopened {notebook} does not show the explorer's description {description!r}; outputs seen: "
            f"{[text[:60] for text in outputs][:20]}"
        )
