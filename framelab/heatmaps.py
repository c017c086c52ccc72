"""Heatmaps: a numeric table (a similarity matrix, profiles) as coloured, annotated cells.

:mod:`framelab.plots` re-exports :func:`heatmap`. Colours come from a
colormap ordered in lightness (``cividis``, :data:`framelab.palette.SEQUENTIAL`)
and each cell's text is black or white, whichever reads better on it
(:func:`framelab.palette.text_colour`).

>>> import matplotlib.pyplot as plt
>>> table = pd.DataFrame([[0.0, 2.0]], index=["A"], columns=["x", "y"])
>>> [t.get_color() for t in heatmap(table, "Two cells").texts]
['white', 'black']
>>> plt.close("all")
"""

from __future__ import annotations

import pandas as pd
from matplotlib.axes import Axes

from framelab.chart_axes import _axes, _numbers, _table, style
from framelab.display import MAX_WIDTH, TEXT_PT
from framelab.errors import PlotError
from framelab.palette import SEQUENTIAL, _colormap, text_colour

# --- heatmap ------------------------------------------------------------------


def heatmap(
    table: pd.DataFrame,
    title: str,
    *,
    xlabel: str = "Article",
    ylabel: str = "Article",
    annotate: bool = True,
    fmt: str = ".2f",
    vmin: float | None = None,
    vmax: float | None = None,
    cmap: str = SEQUENTIAL,
    colorbar: bool = False,
    colorbar_label: str = "",
    ax: Axes | None = None,
    figsize: tuple[float, float] | None = None,
) -> Axes:
    """An annotated heatmap of a numeric table: rows on the y axis, columns on the x axis.

    Colours run from ``vmin`` (darkest) to ``vmax`` (brightest), by default the
    table's smallest and largest values; values beyond ``vmax`` get its colour
    (give the largest off-diagonal value as ``vmax`` for a similarity matrix,
    so the diagonal of 1s does not wash out the rest). With ``annotate`` every
    cell carries its value formatted with ``fmt`` (then a colour bar is rarely needed).

    >>> import matplotlib.pyplot as plt
    >>> table = pd.DataFrame([[1.0, 0.25], [0.25, 1.0]], index=["A", "B"], columns=["A", "B"])
    >>> ax = heatmap(table, "Similarity")
    >>> [t.get_text() for t in ax.texts]
    ['1.00', '0.25', '0.25', '1.00']
    >>> [t.get_text() for t in ax.get_yticklabels()], ax.get_title()
    (['A', 'B'], 'Similarity')
    >>> plt.close("all")
    """
    values = _table(table, "table", "a pandas DataFrame")
    low = float(values.min()) if vmin is None else float(_numbers([vmin], "vmin")[0])
    high = float(values.max()) if vmax is None else float(_numbers([vmax], "vmax")[0])
    _colormap(cmap)
    if high < low:
        raise PlotError(f"vmax ({high}) is below vmin ({low}): the colour scale would run backwards.")
    rows, columns = values.shape
    ax = _axes(ax, figsize or (min(1.6 + 0.75 * columns, MAX_WIDTH), min(1.2 + 0.45 * rows, 6.0)))
    image = ax.imshow(values, cmap=cmap, vmin=low, vmax=high, aspect="auto", interpolation="nearest")
    ax.set_xticks(range(columns), labels=[str(c) for c in table.columns])
    ax.set_yticks(range(rows), labels=[str(r) for r in table.index])
    if any(len(str(c)) > 6 for c in table.columns):
        ax.tick_params(axis="x", labelrotation=30)
        for label in ax.get_xticklabels():
            label.set_horizontalalignment("right")
    if annotate:
        for row in range(rows):
            for column in range(columns):
                value = values[row, column]
                ax.text(column, row, format(value, fmt), ha="center", va="center", fontsize=TEXT_PT,
                        color=text_colour(value, low, high, cmap))
    if colorbar:
        ax.figure.colorbar(image, ax=ax, label=colorbar_label, shrink=0.8)
    style(ax, title, xlabel, ylabel)
    for spine in ax.spines.values():
        spine.set_visible(False)
    return ax
