"""Execute notebooks for the offline check; run by tests/test_offline.py, possibly under ``unshare -n``.

Usage: ``python run.py RESULTS_JSON NOTEBOOK...``. Each notebook is executed
in memory with :func:`tools.notebooks.execute` (nothing is written back);
RESULTS_JSON maps each notebook path to ``null`` (ran) or its error message.
``FRAMELAB_OFFLINE_NOTEBOOK`` is set before each kernel starts so the audit
hook in ``sitecustomize.py`` can say which notebook touched the network.
"""

import json
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def main(argv: list[str]) -> int:
    """Execute ``argv[1:]`` and write the results to ``argv[0]``; exit 0 when all ran."""
    sys.path.insert(0, str(ROOT))  # tools/ is not installed; kernels do not need it
    from tools.notebooks import NotebookError, execute

    results: dict[str, str | None] = {}
    for notebook in argv[1:]:
        os.environ["FRAMELAB_OFFLINE_NOTEBOOK"] = notebook  # inherited by the kernel
        try:
            execute(Path(notebook), name=notebook)
            results[notebook] = None
        except NotebookError as error:
            results[notebook] = str(error)
    Path(argv[0]).write_text(json.dumps(results, indent=1), encoding="utf-8")
    return 0 if all(error is None for error in results.values()) else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
