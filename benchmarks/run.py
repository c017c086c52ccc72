"""Time the notebooks against their floor, and ``import framelab`` against its dependencies.

``python -m benchmarks.run [PATH...]`` (``make bench``) times each notebook
(default: ``notebooks/*.ipynb`` then ``solutions/*/*.ipynb``, each sorted):

* floor: start a python3 kernel and execute only the notebook's top-level
  import statements, the least any notebook with those imports can cost;
* run: start a kernel and execute the whole notebook (in memory; the file is
  never written back);
* the slowest cell of the run.

The floor and the run are measured alternately in the same process, so a
busy machine slows both alike. Every figure is the median of ``--repeat``
measurements (3 by default). Budgets (design guide, section 7): a notebook
runs within 1.5x its floor and no cell takes over 2 s; ``import framelab``
costs at most 0.3 s beyond its dependencies. Timings never make the run fail;
a notebook that raises an error does (exit status 1).
"""

from __future__ import annotations

import argparse
import ast
import json
import os
import statistics
import subprocess
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_GLOBS = ("notebooks/*.ipynb", "solutions/*/*.ipynb")
KERNEL = "python3"
REPEATS = 3
RATIO_TARGET = 1.5  # run time / floor
CELL_TARGET = 2.0  # seconds, any one cell
IMPORT_TARGET = 0.3  # seconds, `import framelab` beyond its dependencies
CELL_TIMEOUT = 300  # seconds; a hung cell fails the notebook instead of the bench


# --- which notebooks ---------------------------------------------------------


def find_notebooks(paths: Sequence[str]) -> list[Path]:
    """The notebooks named on the command line (folders expand to their ``*.ipynb``),
    or by default those of :data:`DEFAULT_GLOBS`, each glob sorted."""
    if not paths:
        return [path for pattern in DEFAULT_GLOBS for path in sorted(ROOT.glob(pattern))]
    found = []
    for name in paths:
        path = Path(name)
        if path.is_dir():
            found.extend(sorted(path.glob("*.ipynb")))
        elif path.is_file():
            found.append(path)
        else:
            raise FileNotFoundError(f"{name}: no such notebook or folder")
    return found


def display_name(path: Path) -> str:
    """A notebook's path relative to the project when it is inside it."""
    try:
        return str(path.resolve().relative_to(ROOT))
    except ValueError:
        return str(path)


# --- the floor: a notebook's imports -----------------------------------------


def _python_source(cell_source: str) -> str:
    """Cell source as plain Python: IPython turns ``%magic`` and ``!shell`` into calls."""
    from IPython.core.inputtransformer2 import TransformerManager

    return TransformerManager().transform_cell(cell_source)


def _is_matplotlib_magic(node: ast.stmt) -> bool:
    """``%matplotlib ...`` (as IPython rewrites it): it imports matplotlib and its
    backend, a set-up cost like an import, so the floor includes it."""
    call = node.value if isinstance(node, ast.Expr) else None
    return (
        isinstance(call, ast.Call)
        and isinstance(call.func, ast.Attribute)
        and call.func.attr == "run_line_magic"
        and bool(call.args)
        and isinstance(call.args[0], ast.Constant)
        and call.args[0].value == "matplotlib"
    )


def import_statements(notebook) -> list[str]:
    """The top-level ``import``/``from ... import`` statements (and ``%matplotlib``
    magics) of the code cells, in order, without duplicates. ``from __future__``
    lines are left out (they must open a cell and cost nothing); a cell that is
    not valid Python is skipped.

    >>> import nbformat
    >>> cells = [nbformat.v4.new_code_cell("%matplotlib inline\\nimport re\\nx = 1"),
    ...          nbformat.v4.new_markdown_cell("import os"),
    ...          nbformat.v4.new_code_cell("from collections import Counter\\nimport re")]
    >>> import_statements(nbformat.v4.new_notebook(cells=cells))
    ["get_ipython().run_line_magic('matplotlib', 'inline')", 'import re', 'from collections import Counter']
    """
    statements: list[str] = []
    for cell in notebook.cells:
        if cell.cell_type != "code":
            continue
        try:
            tree = ast.parse(_python_source(cell.source))
        except SyntaxError:
            continue
        for node in tree.body:
            if isinstance(node, ast.ImportFrom) and node.module == "__future__":
                continue
            if isinstance(node, (ast.Import, ast.ImportFrom)) or _is_matplotlib_magic(node):
                statement = ast.unparse(node)
                if statement not in statements:
                    statements.append(statement)
    return statements


# --- executing with a kernel ---------------------------------------------------


class NotebookFailed(Exception):
    """A cell raised, timed out or killed the kernel; the message names the cell."""


def execute(notebook, cwd: Path) -> tuple[float, dict[int, float]]:
    """Execute ``notebook`` (modified in memory only) in a fresh kernel started in ``cwd``.

    Returns the seconds from kernel start to the end of the last cell (the
    kernel's shutdown is not counted: the learner never waits for it), and
    the seconds each code cell took, by cell index.
    """
    from nbclient import NotebookClient
    from nbclient.exceptions import CellExecutionError

    client = NotebookClient(
        notebook, kernel_name=KERNEL, timeout=CELL_TIMEOUT, resources={"metadata": {"path": str(cwd)}}
    )
    cell_seconds: dict[int, float] = {}
    start = time.perf_counter()
    # The kernel's own stderr only carries start-up chatter (e.g. ipykernel's
    # "running over TCP without encryption" warning, once per start) that would
    # bury the table; cell errors still arrive as messages and fail the notebook.
    with client.setup_kernel(stderr=subprocess.DEVNULL):
        for index, cell in enumerate(notebook.cells):
            if cell.cell_type != "code" or not cell.source.strip():
                continue
            began = time.perf_counter()
            try:
                client.execute_cell(cell, index, execution_count=client.code_cells_executed + 1)
            except CellExecutionError as error:
                raise NotebookFailed(f"cell #{index + 1} raised {error.ename}: {error.evalue}") from None
            except Exception as error:  # timeout, dead kernel: still name the cell
                summary = str(error).strip().splitlines()[0] if str(error).strip() else ""
                raise NotebookFailed(f"cell #{index + 1}: {type(error).__name__} {summary}".strip()) from None
            cell_seconds[index] = time.perf_counter() - began
        total = time.perf_counter() - start
    return total, cell_seconds


def imports_only(statements: list[str]):
    """A one-cell notebook holding ``statements`` (no cell at all when there are none)."""
    import nbformat

    cells = [nbformat.v4.new_code_cell("\n".join(statements))] if statements else []
    return nbformat.v4.new_notebook(cells=cells)


# --- timing one notebook --------------------------------------------------------


@dataclass
class NotebookTiming:
    name: str
    floors: list[float] = field(default_factory=list)
    runs: list[float] = field(default_factory=list)
    cells: list[dict[int, float]] = field(default_factory=list)
    error: str = ""

    @property
    def floor(self) -> float:
        return statistics.median(self.floors)

    @property
    def run(self) -> float:
        return statistics.median(self.runs)

    def slowest_cell(self) -> tuple[int, float]:
        """(cell number from 1, median seconds) of the cell slowest in the median."""
        medians = {
            index: statistics.median(run.get(index, 0.0) for run in self.cells) for index in self.cells[0]
        }
        if not medians:
            return 0, 0.0
        index = max(medians, key=lambda i: (medians[i], -i))
        return index + 1, medians[index]

    def verdict(self) -> str:
        if self.error:
            return f"FAILED: {self.error}"
        over = []
        ratio = self.run / self.floor
        if ratio > RATIO_TARGET:
            over.append(f"run {ratio:.2f}x floor")
        number, seconds = self.slowest_cell()
        if seconds > CELL_TARGET:
            over.append(f"cell #{number} {seconds:.2f} s")
        return "over: " + "; ".join(over) if over else "ok"


def time_notebook(path: Path, repeats: int) -> NotebookTiming:
    """Floor and run, alternately, ``repeats`` times; stops at the first failure."""
    import nbformat

    timing = NotebookTiming(display_name(path))
    notebook = nbformat.read(path, as_version=4)
    floor_notebook = imports_only(import_statements(notebook))
    # The kernel starts in the notebook's own folder, as in JupyterLab and nbval,
    # so relative paths such as ../seeds resolve the same way.
    cwd = path.resolve().parent
    try:
        for _ in range(repeats):
            # Fresh in-memory copies: execution fills in outputs we must not reuse.
            floor, _cells = execute(nbformat.from_dict(floor_notebook), cwd)
            timing.floors.append(floor)
            run, cells = execute(nbformat.from_dict(notebook), cwd)
            timing.runs.append(run)
            timing.cells.append(cells)
    except NotebookFailed as error:
        timing.error = str(error)
    return timing


# --- import framelab --------------------------------------------------------


_LOADED = "import json, sys, framelab; print(json.dumps({n: getattr(m, '__file__', None) for n, m in sys.modules.items() if n.split('.')[0] == 'framelab'}))"

_TIMER = """\
import time
_t0 = time.perf_counter()
{dependencies}
_t1 = time.perf_counter()
import framelab
_t2 = time.perf_counter()
print(_t1 - _t0, _t2 - _t1)
"""


def _python(code: str) -> str:
    """Run ``code`` in a fresh interpreter (this one's), returning its stdout."""
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT, timeout=120
    )
    return result.stdout


def framelab_dependencies() -> list[str]:
    """Module-level import statements, outside framelab, of the modules ``import framelab`` loads."""
    files = json.loads(_python(_LOADED))
    statements: list[str] = []
    for name in sorted(files):
        if not files[name]:
            continue
        tree = ast.parse(Path(files[name]).read_text(encoding="utf-8"))
        for node in tree.body:
            if isinstance(node, ast.Import):
                modules = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module != "__future__":
                modules = [node.module or ""]
            else:
                continue
            if all(module.split(".")[0] != "framelab" for module in modules):
                statement = ast.unparse(node)
                if statement not in statements:
                    statements.append(statement)
    return statements


def time_import(repeats: int) -> tuple[list[str], float, float]:
    """(dependency statements, median seconds to import them, median seconds
    ``import framelab`` adds on top), each pair measured in a fresh interpreter."""
    dependencies = framelab_dependencies()
    code = _TIMER.format(dependencies="\n".join(dependencies))
    _python(code)  # warm-up, uncounted: writes any missing .pyc files
    pairs = [tuple(map(float, _python(code).split())) for _ in range(repeats)]
    return (
        dependencies,
        statistics.median(pair[0] for pair in pairs),
        statistics.median(pair[1] for pair in pairs),
    )


def third_party(statements: list[str]) -> list[str]:
    """Top-level non-standard-library packages named in ``statements``, sorted."""
    names = set()
    for statement in statements:
        node = ast.parse(statement).body[0]
        modules = [a.name for a in node.names] if isinstance(node, ast.Import) else [node.module]
        names.update(module.split(".")[0] for module in modules)
    return sorted(name for name in names if name not in sys.stdlib_module_names)


# --- the report -------------------------------------------------------------


def table(rows: list[list[str]]) -> str:
    """Left-aligned first and last columns, right-aligned numbers, two spaces apart."""
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    lines = []
    for row in rows:
        cells = [
            cell.ljust(width) if i in (0, len(row) - 1) else cell.rjust(width)
            for i, (cell, width) in enumerate(zip(row, widths))
        ]
        lines.append("  ".join(cells).rstrip())
    lines.insert(1, "  ".join("-" * width for width in widths))
    return "\n".join(lines)


def notebook_rows(timings: list[NotebookTiming]) -> list[list[str]]:
    header = ["notebook", "floor s", "run s", "ratio", "slowest cell s",
              f"target <= {RATIO_TARGET}x floor, no cell > {CELL_TARGET:g} s"]  # fmt: skip
    rows = [header]
    for timing in timings:
        if timing.error and not timing.runs:
            rows.append([timing.name, "-", "-", "-", "-", timing.verdict()])
            continue
        number, seconds = timing.slowest_cell()
        rows.append([
            timing.name, f"{timing.floor:.2f}", f"{timing.run:.2f}", f"{timing.run / timing.floor:.2f}x",
            f"{seconds:.2f} (#{number})", timing.verdict(),
        ])  # fmt: skip
    return rows


def progress(message: str) -> None:
    """Progress goes to stderr so the table on stdout stays clean."""
    print(message, file=sys.stderr, flush=True)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks.run",
        description="Time notebooks against their floor (kernel start + imports) and `import framelab`.",
    )
    parser.add_argument("paths", nargs="*", metavar="PATH",
                        help="notebooks or folders (default: notebooks/*.ipynb, solutions/*/*.ipynb)")  # fmt: skip
    parser.add_argument("--repeat", type=int, default=REPEATS, help="measurements per figure (median reported)")
    options = parser.parse_args(argv)
    if options.repeat < 1:
        parser.error("--repeat must be at least 1")
    try:
        notebooks = find_notebooks(options.paths)
    except FileNotFoundError as error:
        parser.error(str(error))

    started = time.perf_counter()
    print(
        f"Framing Lab benchmark: every figure is the median of {options.repeat} measurements; "
        f"{os.cpu_count()} CPUs, Python {sys.version.split()[0]}.\n"
        "floor = start a python3 kernel + run the notebook's import statements; "
        "run = start a kernel + run all cells. Cells are numbered from 1, markdown included.\n"
    )

    timings: list[NotebookTiming] = []
    if not notebooks:
        where = " ".join(options.paths) or " or ".join(DEFAULT_GLOBS)
        print(f"No notebooks found in {where}: nothing to time.\n")
    else:
        progress("warming up the kernel (not counted)")
        execute(imports_only([]), ROOT)  # first start pays one-off costs (.pyc files, caches)
        for number, path in enumerate(notebooks, start=1):
            progress(f"[{number}/{len(notebooks)}] {display_name(path)}")
            timings.append(time_notebook(path, options.repeat))
        print(table(notebook_rows(timings)) + "\n")

    progress("timing import framelab")
    dependencies, dependency_seconds, framelab_seconds = time_import(options.repeat)
    stdlib_count = sum(1 for statement in dependencies if not third_party([statement]))
    print(
        f"import framelab: {framelab_seconds:.3f} s beyond its dependencies "
        f"(target <= {IMPORT_TARGET} s): {'ok' if framelab_seconds <= IMPORT_TARGET else 'over'}\n"
        f"  dependencies first: {dependency_seconds:.3f} s for {', '.join(third_party(dependencies)) or 'nothing'}"
        f" + {stdlib_count} standard-library import statements"
    )

    failed = [timing for timing in timings if timing.error]
    print(f"\nDone in {time.perf_counter() - started:.0f} s. Timings are informational.", end=" ")
    if failed:
        print(f"{len(failed)} of {len(timings)} notebooks failed to execute.")
    else:
        print("Every notebook executed." if timings else "No notebook was timed.")
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
