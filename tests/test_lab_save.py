"""The pre-save hook of `make lab` (tools/lab_save.py), without a browser.

A notebook as JupyterLab sends it after Run All (widget views, widget state,
the Python patch version, counts of a second run) goes through jupyter_server's
own FileContentsManager with the hook of jupyter-config/ installed, and must
land on disk as the committed bytes. tests/browser/test_saved_lesson.py does
the same through JupyterLab and Chromium.
"""

from __future__ import annotations

import copy
import json
import shutil
from pathlib import Path

import pytest

from tools.lab_save import pre_save_hook
from tools.notebooks import WIDGET_VIEW

ROOT = Path(__file__).resolve().parents[1]
LESSON = ROOT / "notebooks" / "09-framing-explorer.ipynb"
CONFIG = ROOT / "jupyter-config" / "jupyter_server_config.py"


def as_jupyterlab_saves_it(committed: dict) -> dict:
    """``committed`` with what a JupyterLab session adds to a lesson before saving it."""
    nb = copy.deepcopy(committed)
    nb["metadata"]["widgets"] = {"application/vnd.jupyter.widget-state+json": {"state": {}, "version_major": 2}}
    nb["metadata"]["language_info"]["version"] = "3.11.7"
    views = 0
    for cell in nb["cells"]:
        if cell["cell_type"] != "code" or cell["execution_count"] is None:
            continue
        cell["execution_count"] += 17  # Run All a second time without restarting
        cell["metadata"]["execution"] = {"iopub.status.busy": "2026-01-01T00:00:00.000Z"}
        for output in cell["outputs"]:
            if output["output_type"] == "execute_result":
                output["execution_count"] = cell["execution_count"]
            if "".join(output.get("data", {}).get("text/plain", "")).startswith(("FramingExplorer", "VBox(")):
                output["data"][WIDGET_VIEW] = {"model_id": f"{views:032x}", "version_major": 2, "version_minor": 0}
                views += 1
    assert views >= 3, "lesson 09 no longer shows the explorer and two VBox widgets: update this test"
    return nb


# traitlets sets a configured trait twice; jupyter_server then warns that the hook replaces itself.
pytestmark = pytest.mark.filterwarnings("ignore:Overriding existing pre_save_hook")


@pytest.fixture
def contents_manager(tmp_path):
    """jupyter_server's FileContentsManager over a folder holding lesson 09, configured by jupyter-config/."""
    from jupyter_server.services.contents.filemanager import FileContentsManager
    from traitlets.config.loader import PyFileConfigLoader

    config = PyFileConfigLoader(CONFIG.name, path=str(CONFIG.parent)).load_config()
    (tmp_path / "notebooks").mkdir()
    shutil.copy(LESSON, tmp_path / "notebooks" / LESSON.name)
    return FileContentsManager(root_dir=str(tmp_path), config=config)


def test_the_server_config_installs_the_hook(contents_manager) -> None:
    assert contents_manager.pre_save_hook is pre_save_hook


def test_a_lesson_saved_after_run_all_is_its_committed_file(contents_manager, tmp_path) -> None:
    committed = LESSON.read_bytes()
    content = as_jupyterlab_saves_it(json.loads(committed))
    contents_manager.save({"type": "notebook", "format": "json", "content": content}, f"notebooks/{LESSON.name}")
    saved = (tmp_path / "notebooks" / LESSON.name).read_bytes()
    assert saved == committed, "lesson 09 saved through the server differs from its committed bytes"
    assert WIDGET_VIEW.encode() not in saved


def test_without_the_hook_the_save_differs(tmp_path) -> None:
    # The control: the same save with no hook writes widget views and a changed file.
    from jupyter_server.services.contents.filemanager import FileContentsManager

    (tmp_path / "notebooks").mkdir()
    manager = FileContentsManager(root_dir=str(tmp_path))
    content = as_jupyterlab_saves_it(json.loads(LESSON.read_bytes()))
    manager.save({"type": "notebook", "format": "json", "content": content}, f"notebooks/{LESSON.name}")
    saved = (tmp_path / "notebooks" / LESSON.name).read_bytes()
    assert saved != LESSON.read_bytes() and WIDGET_VIEW.encode() in saved


def test_files_that_are_not_notebooks_are_saved_as_sent(contents_manager, tmp_path) -> None:
    contents_manager.save({"type": "file", "format": "text", "content": "count: 3\n"}, "notes.txt")
    assert (tmp_path / "notes.txt").read_text(encoding="utf-8") == "count: 3\n"
