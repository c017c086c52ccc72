"""Execute notebooks in place and write them back normalized.

``python -m tools.notebooks PATH...`` (what ``make notebooks`` runs) executes
each notebook top to bottom with nbclient (kernel ``python3``, working
directory = the notebook's folder, at most 120 s a cell) and saves it so that
executing it again gives byte-identical files. :func:`execute` and
:func:`normalize` are reused by the tests (which never write back), and
:func:`normalize` by ``make lab``'s pre-save hook (tools/lab_save.py), so a
lesson JupyterLab saves after Run All is its committed file.

What normalization does, and why:

* cell metadata ``execution`` (nbclient's timestamps) and ``ExecuteTime``
  (the JupyterLab execute-time extension) are dropped: they change every run.
* notebook metadata ``widgets`` (the saved widget state) is dropped: it is
  full of random model ids, and a re-opened notebook cannot reconnect to
  those models anyway.
* ``application/vnd.jupyter.widget-view+json`` outputs are dropped, keeping
  their ``text/plain`` part. The view only holds a random ``model_id`` that
  points into the widget state dropped above, so it could only ever render
  as "model not found"; the text part is stable, is what nbval compares, and
  is what a printed or exported notebook shows (every widget chapter also
  shows a static result, see GUIDE.md section 5).
* ``language_info.version`` is dropped (the Python patch version would make
  a 3.10 and a 3.11 machine write different bytes); the rest is stable.
* consecutive outputs of one stream (stdout, stderr) are merged: where the
  kernel splits a print into messages depends on timing.
* execution counts are renumbered 1, 2, 3... over the executed code cells,
  so every committed notebook reads as one clean top-to-bottom run.
"""

from __future__ import annotations

import copy
import json
import sys
from pathlib import Path

import nbformat
from nbformat import NotebookNode

KERNEL = "python3"
CELL_TIMEOUT = 120  # seconds per cell
WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"
VOLATILE_CELL_METADATA = ("execution", "ExecuteTime")
VOLATILE_NOTEBOOK_METADATA = ("widgets",)


class NotebookError(RuntimeError):
    """A notebook could not be read or executed; the message names it (and the cell)."""


def read(path: Path) -> NotebookNode:
    """Read a notebook, refusing anything that is not a well-formed ``.ipynb`` file."""
    path = Path(path)
    if path.suffix != ".ipynb" or not path.is_file():
        raise NotebookError(f"{path}: not a notebook file (expected an existing .ipynb file).")
    try:
        return nbformat.read(path, as_version=4)
    except (json.JSONDecodeError, nbformat.reader.NotJSONError) as error:
        raise NotebookError(f"{path}: not valid notebook JSON ({error}).") from None
    except Exception as error:  # nbformat validation and version errors
        raise NotebookError(f"{path}: malformed notebook ({type(error).__name__}: {error}).") from None


def _first_error(nb: NotebookNode) -> tuple[int, NotebookNode, NotebookNode] | None:
    """Return (index, cell, error output) of the first code cell with an error output."""
    for index, cell in enumerate(nb.cells):
        for output in cell.get("outputs", []):
            if output.get("output_type") == "error":
                return index, cell, output
    return None


def execute(
    notebook: Path | str | NotebookNode,
    cwd: Path | str | None = None,
    *,
    allow_errors: bool = False,
    name: str | None = None,
) -> NotebookNode:
    """Execute a notebook (a path or an in-memory notebook) and return an executed copy.

    ``cwd`` defaults to the notebook's folder (required for an in-memory notebook).
    Unless ``allow_errors``, the first failing cell raises :class:`NotebookError`
    naming the notebook (``name`` or the path) and the cell.
    """
    from nbclient import NotebookClient
    from nbclient.exceptions import CellExecutionError

    if isinstance(notebook, NotebookNode):
        nb = copy.deepcopy(notebook)
        label = name or "<notebook>"
        if cwd is None:
            raise NotebookError(f"{label}: an in-memory notebook needs a working directory (cwd).")
    else:
        path = Path(notebook)
        nb = read(path)
        label = name or str(path)
        cwd = path.resolve().parent if cwd is None else cwd
    client = NotebookClient(
        nb,
        kernel_name=KERNEL,
        timeout=CELL_TIMEOUT,
        allow_errors=allow_errors,
        record_timing=False,
        resources={"metadata": {"path": str(cwd)}},
    )
    try:
        client.execute()
    except CellExecutionError:
        found = _first_error(nb)
        if found is None:
            raise
        index, cell, output = found
        first_line = (cell.source.strip().splitlines() or [""])[0]
        raise NotebookError(
            f"{label}: cell {index} ({first_line!r}) raised "
            f"{output.get('ename')}: {output.get('evalue')}"
        ) from None
    except Exception as error:  # timeouts, dead kernels: still say which notebook
        raise NotebookError(f"{label}: execution failed ({type(error).__name__}: {error}).") from None
    return nb


def _merge_streams(outputs: list) -> list:
    """Join consecutive outputs of the same stream, as a live notebook displays them.

    How a print is split into stream messages depends on timing (the kernel
    flushes "text" and "\\n" separately now and then), so unmerged streams
    would make re-executions differ.
    """
    merged: list = []
    for output in outputs:
        previous = merged[-1] if merged else None
        if (
            output.get("output_type") == "stream"
            and previous is not None
            and previous.get("output_type") == "stream"
            and previous.get("name") == output.get("name")
        ):
            previous.text += output.text
        else:
            merged.append(output)
    return merged


def normalize(nb: NotebookNode) -> NotebookNode:
    """Return a copy of ``nb`` without the volatile parts listed in the module docstring."""
    nb = copy.deepcopy(nb)
    for key in VOLATILE_NOTEBOOK_METADATA:
        nb.metadata.pop(key, None)
    nb.metadata.get("language_info", {}).pop("version", None)
    count = 0
    for cell in nb.cells:
        for key in VOLATILE_CELL_METADATA:
            cell.metadata.pop(key, None)
        if cell.cell_type != "code":
            continue
        if cell.execution_count is not None:
            count += 1
            cell.execution_count = count
        cell.outputs = _merge_streams(cell.outputs)
        for output in cell.outputs:
            data = output.get("data", {})
            if WIDGET_VIEW in data:
                del data[WIDGET_VIEW]
                output.get("metadata", {}).pop(WIDGET_VIEW, None)
            if output.get("output_type") == "execute_result":
                output.execution_count = cell.execution_count
    return nb


def dumps(nb: NotebookNode) -> str:
    """Serialize like Jupyter: indent 1, sorted keys, UTF-8 kept as is, trailing newline."""
    return nbformat.writes(nb, version=4) + "\n"


def run_in_place(path: Path) -> None:
    """Execute ``path`` and overwrite it with the normalized result."""
    path = Path(path)
    nb = normalize(execute(path))
    with open(path, "w", encoding="utf-8", newline="\n") as handle:
        handle.write(dumps(nb))


def main(argv: list[str] | None = None) -> int:
    """Command line: ``python -m tools.notebooks PATH...``."""
    paths = [Path(p) for p in (sys.argv[1:] if argv is None else argv)]
    if not paths:
        print("usage: python -m tools.notebooks NOTEBOOK.ipynb...", file=sys.stderr)
        return 2
    try:
        for path in paths:
            read(path)  # refuse bad paths before spending minutes executing the others
        for path in paths:
            print(f"executing {path}", flush=True)
            run_in_place(path)
    except NotebookError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
