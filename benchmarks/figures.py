"""Lesson 08 with the old figure style against the new: ``python -m benchmarks.figures``.

The workload of issue 12 ("Performance"): lesson 08 (the chapter with the
most figures) executed whole in a fresh kernel, two ways, on the same code
cells:

* old: matplotlib's default settings and each figure shown as ``plt.show()``
  showed it before (the inline backend's 100-dpi PNG, no alt text): a first
  cell makes ``plots.use_style`` do nothing and ``plots.show(fig, alt)`` call
  ``plt.show()``;
* new: the lesson as it is, :func:`framelab.plots.use_style` (12-pt text) and
  :func:`framelab.plots.show` (200-dpi PNG inside an ``<img alt=...>``).

The time counted is from kernel start to the end of the last cell
(:func:`benchmarks.run.execute`), the median of ``--repeat`` runs (3 by
default), old and new alternating so a busy machine slows both alike.
Budget: new <= 1.2x old. Timings are informational: the exit status is 0
unless a cell raises.
"""

from __future__ import annotations

import argparse
import copy
import statistics
import sys
from collections.abc import Sequence

from benchmarks.run import ROOT, NotebookFailed, execute

LESSON = ROOT / "notebooks" / "08-visualizing.ipynb"
REPEATS = 3
BUDGET = 1.2  # new / old
# Run first in the "old" variant: the figures as they were drawn before issue 12.
OLD_STYLE = """\
import matplotlib.pyplot as plt

import framelab.plots

framelab.plots.use_style = lambda: None  # matplotlib's defaults: 10-pt text, 100 dpi
framelab.plots.show = lambda fig, alt: plt.show()  # the inline backend's PNG, no alt text
"""


def variants(path=LESSON) -> dict[str, object]:
    """The lesson as read from ``path`` ("new") and with the old style's first cell ("old")."""
    import nbformat

    new = nbformat.read(path, as_version=4)
    old = copy.deepcopy(new)
    old.cells.insert(0, nbformat.v4.new_code_cell(OLD_STYLE))
    return {"old": old, "new": new}


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=REPEATS, help=f"runs of each variant (default {REPEATS})")
    args = parser.parse_args(argv)
    notebooks = variants()
    seconds: dict[str, list[float]] = {"old": [], "new": []}
    try:
        for _ in range(max(1, args.repeat)):
            for name in ("old", "new"):
                total, _cells = execute(copy.deepcopy(notebooks[name]), LESSON.parent)
                seconds[name].append(total)
    except NotebookFailed as error:
        print(f"{LESSON.relative_to(ROOT)}: {error}", file=sys.stderr)
        return 1
    old, new = (statistics.median(seconds[name]) for name in ("old", "new"))
    print(f"lesson 08, kernel start to last cell, median of {len(seconds['old'])} runs each")
    print(f"  old figure style (matplotlib defaults, plt.show, 100 dpi): {old:6.2f} s")
    print(f"  new figure style (plots.use_style, plots.show, 200 dpi):   {new:6.2f} s")
    verdict = "within" if new <= BUDGET * old else "OVER"
    print(f"  new / old = {new / old:.2f} ({verdict} the budget of {BUDGET}x)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
