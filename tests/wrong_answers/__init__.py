"""A catalogue of plausible wrong answers to the exercises, and the harness that runs them.

Each module ``chNN.py`` names a solution notebook (``SLUG``) and holds, per task id (``"task1"``,
...), a list of ``(kind, source)`` pairs: ``kind`` says what kind of mistake it is (wrong rule,
missing edge case, off-by-one, wrong type, forbidden shortcut) and ``source`` replaces the task's
answer cell. The harness runs the notebook's setup and model answers once per chapter, then for each
wrong answer executes it in a copy of that namespace and runs the task's test cell twice: its
visible part (what a student sees) and the whole cell with hidden tests (what the grader runs). A
wrong answer is *caught* when the cell raises.
"""

from __future__ import annotations

import contextlib
import importlib
import io
import json
import os
import pkgutil
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
SOLUTIONS = ROOT / "solutions"
HIDDEN_BEGIN = "### BEGIN HIDDEN TESTS"
HIDDEN_END = "### END HIDDEN TESTS"


@dataclass
class Task:
    """One code task of a notebook: its model answer and its test cell, split in visible and hidden."""

    task_id: str
    answer: str
    tests: str

    @property
    def visible(self) -> str:
        """The test cell as the student sees it: everything outside the hidden block."""
        if HIDDEN_BEGIN not in self.tests:
            return self.tests
        before, rest = self.tests.split(HIDDEN_BEGIN, 1)
        after = rest.split(HIDDEN_END, 1)[1] if HIDDEN_END in rest else ""
        return before + after


@dataclass
class Chapter:
    """A solution notebook split into setup cells and code tasks, with its namespace run once."""

    slug: str
    setup: list[str] = field(default_factory=list)
    tasks: dict[str, Task] = field(default_factory=dict)
    _namespace: dict[str, Any] | None = None

    @property
    def folder(self) -> Path:
        return SOLUTIONS / self.slug

    def namespace(self) -> dict[str, Any]:
        """The namespace after the setup cells and every model answer, built once (cwd = the folder)."""
        if self._namespace is None:
            namespace: dict[str, Any] = {"__name__": "__main__"}
            with _in_folder(self.folder), _quiet():
                for source in self.setup:
                    exec(compile(source, f"<{self.slug} setup>", "exec"), namespace)
            self._namespace = namespace
        return self._namespace

    def run(self, task_id: str, answer: str, *, hidden: bool) -> BaseException | None:
        """Run `answer` in place of the task's answer cell, then its test cell; the exception, if any.

        Each run works in a shallow copy of the chapter namespace, so a wrong answer never leaks into
        the next one; model functions of other tasks keep calling the model versions.
        """
        task = self.tasks[task_id]
        namespace = dict(self.namespace())
        tests = task.tests if hidden else task.visible
        with _in_folder(self.folder), _quiet():
            try:
                exec(compile(answer, f"<{self.slug} {task_id} answer>", "exec"), namespace)
                exec(compile(tests, f"<{self.slug} {task_id} tests>", "exec"), namespace)
            except Exception as error:  # noqa: BLE001 - any failure is the test cell catching the answer
                return error
            finally:
                _close_figures()
        return None


def load_chapter(slug: str) -> Chapter:
    """Split solutions/<slug>/<slug>.ipynb into setup code and code tasks (written answers are skipped).

    Setup is every code cell that is neither an answer nor a test cell, plus the model answers, in
    notebook order, so later tasks can call earlier model functions.
    """
    notebook = json.loads((SOLUTIONS / slug / f"{slug}.ipynb").read_text(encoding="utf-8"))
    chapter = Chapter(slug)
    answers: dict[str, str] = {}
    for cell in notebook["cells"]:
        if cell["cell_type"] != "code":
            continue
        source = "".join(cell["source"])
        grade_id = cell.get("metadata", {}).get("nbgrader", {}).get("grade_id", "")
        if grade_id.endswith("-tests"):
            task_id = grade_id.removesuffix("-tests")
            chapter.tasks[task_id] = Task(task_id, answers[task_id], source)
            continue
        if grade_id.endswith("-answer"):
            answers[grade_id.removesuffix("-answer")] = source
        # Skip magics and shell escapes: the harness runs plain Python.
        chapter.setup.append("\n".join(line for line in source.splitlines() if not line.lstrip().startswith(("%", "!"))))
    return chapter


def catalogue() -> dict[str, Any]:
    """Every ``chNN`` module of this package, by module name."""
    return {
        info.name: importlib.import_module(f"{__name__}.{info.name}")
        for info in pkgutil.iter_modules(__path__)
        if info.name.startswith("ch")
    }


def _close_figures() -> None:
    # Plotting tasks open a figure per run; close them so hundreds of runs do not pile up.
    pyplot = sys.modules.get("matplotlib.pyplot")
    if pyplot is not None:
        pyplot.close("all")


@contextlib.contextmanager
def _in_folder(folder: Path):
    before = Path.cwd()
    os.chdir(folder)
    try:
        yield
    finally:
        os.chdir(before)


@contextlib.contextmanager
def _quiet():
    with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
        yield
