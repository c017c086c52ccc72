"""What a student meets first: `make lab` lands on chapter 00 and shows no instructor tools.

Issue 12, items 2 and 3. The servers here are `make lab` and `make lab-instructor`
themselves, made headless through LAB_ARGS, each with a fresh workspace (the
Jupyter user folders live in a temporary directory, see browser_support), so
the page is what a newcomer sees after following the README:

* the URL `make lab` prints, and the server's bare address, open
  notebooks/00-welcome.ipynb, not the Launcher at the repository root;
* students' JupyterLab has no Nbgrader menu, Validate button, Create Assignment
  panel or formgrader page, while `make lab-instructor` has all of them (so the
  absence is a setting, not a selector that finds nothing anyway);
* `make present`'s Voilà page loads no nbgrader script and logs no nbgrader error.
"""

from __future__ import annotations

import re
import shutil
import urllib.error
import urllib.request
from collections.abc import Iterator

import pytest

from .browser_support import ROOT, Server, require_browser, save_screenshot, start_server

require_browser()  # skips (or fails under CI=true) before Playwright is imported

from playwright.sync_api import Page, expect  # noqa: E402

from .conftest import serving  # noqa: E402
from .lab_driver import KERNEL_TIMEOUT, PANEL, api, wait_for_idle_kernel  # noqa: E402

WELCOME = "notebooks/00-welcome.ipynb"
EXERCISE = "exercises/01-meet-the-corpus/01-meet-the-corpus.ipynb"
VOILA_TIMEOUT = 90_000  # ms, as in test_presentation: Voilà runs the notebook before it answers
# nbgrader's own DOM (nbgrader 0.9 labextension): its menu, its toolbar button, its sidebar panel.
NBGRADER_MENU = ".lm-MenuBar-item"
VALIDATE_BUTTON = ".validate-button"
CREATE_ASSIGNMENT = "#nbgrader-create_assignemnt"  # sic: nbgrader's id is misspelt
CREATE_ASSIGNMENT_TAB = '.lm-TabBar-tab[title="Nbgrader Create Assignment"]'


def make_lab(target: str, tmp_path_factory) -> Server:
    """Start ``make <target>`` headless on loopback, with the same LAB_ARGS an instructor on a server would pass."""
    if shutil.which("make") is None:
        pytest.fail("make is missing: these tests run `make lab` and `make lab-instructor`")
    workdir = tmp_path_factory.mktemp(target)

    def command(port: int, token: str) -> list[str]:
        lab_args = (
            f"--no-browser --allow-root --ServerApp.ip=127.0.0.1 --ServerApp.port={port} "
            f"--ServerApp.port_retries=0 --IdentityProvider.token={token} "
            f"--FileCheckpoints.checkpoint_dir={workdir / 'checkpoints'}"
        )
        return ["make", "--no-print-directory", target, f"LAB_ARGS={lab_args}"]

    return start_server(target, command, workdir, "api/status")


@pytest.fixture(scope="module")
def students_lab(tmp_path_factory) -> Iterator[Server]:
    require_browser()
    yield from serving(make_lab("lab", tmp_path_factory))


@pytest.fixture(scope="module")
def instructors_lab(tmp_path_factory) -> Iterator[Server]:
    require_browser()
    yield from serving(make_lab("lab-instructor", tmp_path_factory))


def printed_url(server: Server) -> str:
    """The URL the server printed for people to open, with its token filled in.

    A token given on the command line is printed as ``token=...``; a person
    pastes their own, as the test does.
    """
    found = re.findall(rf"{re.escape(server.url)}(\S*)\?token=\S+", server.log.read_text(encoding="utf-8"))
    assert found, f"the server printed no URL with a token; its log ends with:\n{server.log_tail()}"
    return server.address(found[-1])


def shut_kernels(server: Server) -> None:
    for session in api(server, "GET", "api/sessions"):
        api(server, "DELETE", f"api/sessions/{session['id']}")


def status_of(server: Server, path: str) -> int:
    try:
        with urllib.request.urlopen(server.address(path), timeout=10) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


def console_errors(page: Page) -> list[str]:
    """A list that fills with the page's console errors and uncaught exceptions from now on."""
    problems: list[str] = []
    page.on("console", lambda message: problems.append(message.text) if message.type == "error" else None)
    page.on("pageerror", lambda error: problems.append(str(error)))
    return problems


def expect_notebook_open(page: Page, notebook: str) -> None:
    """One notebook on show, and it is ``notebook``; no Launcher beside it."""
    expect(page.locator(PANEL)).to_have_count(1, timeout=KERNEL_TIMEOUT * 1000)
    name = notebook.rsplit("/", 1)[-1]
    expect(page.locator(".lm-DockPanel-tabBar .lm-TabBar-tab.lm-mod-current")).to_have_text(re.compile(re.escape(name)))
    expect(page.locator(".jp-Launcher")).to_have_count(0)


def test_printed_url_lands_on_chapter_00(students_lab, page) -> None:
    before = (ROOT / WELCOME).read_bytes()
    url = printed_url(students_lab)
    assert "/lab/tree/notebooks/00-welcome.ipynb?" in url, f"make lab printed {url}, not chapter 00's address"
    try:
        page.goto(url)
        expect_notebook_open(page, WELCOME)
        # The file browser shows the lessons' folder, not solutions/, tests/ and framelab.egg-info.
        expect(page.locator(".jp-FileBrowser .jp-BreadCrumbs")).to_contain_text("notebooks")
        listing = page.locator(".jp-FileBrowser .jp-DirListing-itemText")
        expect(listing.filter(has_text="00-welcome.ipynb")).to_have_count(1)
        expect(listing.filter(has_text=re.compile(r"^(solutions|tests|framelab\.egg-info)$"))).to_have_count(0)
        expect(page.locator(f"{PANEL} .jp-RenderedMarkdown h1").first).to_contain_text("00 · Welcome")
        save_screenshot(page, "students-lab-start")

        # The server's bare address (what a person types, or a hub opens) lands there too.
        page.goto(students_lab.address("/"))
        expect(page).to_have_url(re.compile(r"/lab/tree/notebooks/00-welcome\.ipynb"))
        expect_notebook_open(page, WELCOME)
    finally:
        shut_kernels(students_lab)
    assert (ROOT / WELCOME).read_bytes() == before, f"the test changed {WELCOME}: JupyterLab saved it"


def test_students_lab_has_no_nbgrader(students_lab, page) -> None:
    problems = console_errors(page)
    try:
        page.goto(students_lab.address(f"lab/workspaces/students/tree/{EXERCISE}"))
        expect_notebook_open(page, EXERCISE)
        wait_for_idle_kernel(page, students_lab, EXERCISE)  # the page is set up, toolbar and all
        expect(page.locator(f"{PANEL} .jp-NotebookPanel-toolbar")).to_be_visible()
        expect(page.locator(NBGRADER_MENU).filter(has_text="Edit")).to_have_count(1)  # the menu bar is there
        expect(page.locator(NBGRADER_MENU).filter(has_text="Nbgrader")).to_have_count(0)
        expect(page.locator(VALIDATE_BUTTON)).to_have_count(0)
        expect(page.locator(f"{CREATE_ASSIGNMENT}, {CREATE_ASSIGNMENT_TAB}")).to_have_count(0)
        # JupyterLab still fetches a disabled extension's script (to read its plugin list) but
        # starts none of its plugins: nothing of it shows, and it logs no error.
        from_nbgrader = [p for p in problems if "nbgrader" in p.lower()]
        assert not from_nbgrader, f"nbgrader logged errors in the students' JupyterLab: {from_nbgrader}"
        save_screenshot(page, "students-lab-exercise")
    finally:
        shut_kernels(students_lab)
    # nbgrader's server side is off too: its pages and its validate endpoint do not exist.
    assert status_of(students_lab, "formgrader") == 404
    assert status_of(students_lab, "assignments") == 404


def test_instructors_lab_has_nbgrader(instructors_lab, page) -> None:
    try:
        page.goto(instructors_lab.address(f"lab/workspaces/instructors/tree/{EXERCISE}"))
        expect_notebook_open(page, EXERCISE)
        wait_for_idle_kernel(page, instructors_lab, EXERCISE)
        expect(page.locator(NBGRADER_MENU).filter(has_text="Nbgrader")).to_have_count(1)
        expect(page.locator(VALIDATE_BUTTON)).to_have_count(1)
        expect(page.locator(f"{CREATE_ASSIGNMENT}, {CREATE_ASSIGNMENT_TAB}").first).to_be_attached()
        save_screenshot(page, "instructors-lab-exercise")
    finally:
        shut_kernels(instructors_lab)
    assert status_of(instructors_lab, "formgrader") == 200


def test_voila_page_loads_no_nbgrader(voila_server, page) -> None:
    problems = console_errors(page)
    page.goto(voila_server.address("/"), timeout=VOILA_TIMEOUT)
    expect(page.locator(".fl-explorer")).to_be_visible(timeout=VOILA_TIMEOUT)
    page.wait_for_load_state("networkidle")
    assert any("labextensions" in u for u in page.requests), "Voilà loaded no JupyterLab extension at all"
    from_nbgrader = [p for p in problems if "nbgrader" in p.lower() or "formgrader" in p.lower()]
    assert not from_nbgrader, f"nbgrader raised errors in the Voilà page: {from_nbgrader}"
    nbgrader = [u for u in page.requests if "nbgrader" in u]
    assert not nbgrader, f"the Voilà page loaded nbgrader's scripts: {nbgrader}"


def exported_html(server: Server, notebook: str) -> str:
    """What File → Save and Export Notebook As → HTML downloads: the server's nbconvert endpoint."""
    with urllib.request.urlopen(server.address(f"nbconvert/html/{notebook}") + "&download=true", timeout=120) as response:
        return response.read().decode("utf-8")


def test_export_as_html_uses_the_collections_accessible_template(students_lab, instructors_lab) -> None:
    """Issue 12, item 5: JupyterLab exports with jupyter-config/nbconvert/templates/framelab (links
    underlined, AA contrast), like ``jupyter nbconvert --to html`` under the same JUPYTER_CONFIG_PATH."""
    for server in (students_lab, instructors_lab):
        page = exported_html(server, WELCOME)
        assert "00 · Welcome" in page, f"{server.name} exported no chapter 00: {page[:300]}"
        assert "Framing Lab: links and colours that pass WCAG 2 AA" in page, (
            f"{server.name}'s File → Export as HTML does not use the collection's nbconvert template"
        )
