"""What every chart of the course draws on: its axes, its title and labels, and checked numbers.

:mod:`framelab.plots` re-exports :func:`style` and :data:`FIGSIZE`; the chart
modules (:mod:`framelab.bar_charts`, :mod:`framelab.heatmaps`,
:mod:`framelab.dispersion`) share the private helpers: a new figure of the
default size, and data refused with a :class:`~framelab.errors.PlotError` that
says what to fix (text, booleans, NaN, infinities, empty tables).

>>> import matplotlib.pyplot as plt
>>> ax = style(_axes(None, None), "Tokens per article", "Article", "Tokens")
>>> tuple(ax.figure.get_size_inches()) == FIGSIZE, _numbers([1, 2.5], "values").tolist()
(True, [1.0, 2.5])
>>> plt.close("all")
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
from matplotlib import pyplot as plt
from matplotlib.axes import Axes

from framelab.display import TITLE_PT
from framelab.errors import PlotError

#: The default size of one plot, in inches: small enough to sit beside its text.
FIGSIZE = (7.0, 3.5)


# --- helpers ------------------------------------------------------------------


def style(ax: Axes, title: str, xlabel: str, ylabel: str) -> Axes:
    """Give ``ax`` a title and axis labels, and drop the top and right frame lines.

    Every plot in the course goes through this, so they all look alike.

    >>> import matplotlib.pyplot as plt
    >>> fig, ax = plt.subplots()
    >>> ax = style(ax, "Tokens per article", "Article", "Tokens")
    >>> ax.get_title(), ax.get_xlabel(), ax.get_ylabel()
    ('Tokens per article', 'Article', 'Tokens')
    >>> ax.spines["top"].get_visible()
    False
    >>> plt.close(fig)
    """
    for name, value in (("title", title), ("xlabel", xlabel), ("ylabel", ylabel)):
        if not isinstance(value, str):
            raise PlotError(f"{name} should be a string (the text to show), not {type(value).__name__}.")
    if not title.strip():
        raise PlotError("title is empty: every figure needs a title that says what it shows.")
    ax.set_title(title, fontsize=TITLE_PT)
    ax.set_xlabel(xlabel)
    ax.set_ylabel(ylabel)
    ax.spines["top"].set_visible(False)
    ax.spines["right"].set_visible(False)
    return ax


def _axes(ax: Axes | None, figsize: tuple[float, float] | None) -> Axes:
    """The axes to draw on: the one given, or a new figure of ``figsize`` (default :data:`FIGSIZE`)."""
    if ax is not None:
        if not isinstance(ax, Axes):
            raise PlotError(f"ax should be a matplotlib Axes (e.g. from plt.subplots()), not {type(ax).__name__}.")
        return ax
    _, new = plt.subplots(figsize=figsize or FIGSIZE, layout="constrained")
    return new


def _numbers(values: object, name: str) -> np.ndarray:
    """Values as a float array, refusing text, booleans, NaN and infinities with a clear message."""
    array = np.asarray(values, dtype=object).ravel()
    for value in array:
        if isinstance(value, (bool, np.bool_)) or not isinstance(value, (int, float, np.integer, np.floating)):
            raise PlotError(
                f"{name} contains {value!r} ({type(value).__name__}); only numbers can be plotted. "
                "Convert the column first, or select the numeric columns."
            )
        if not math.isfinite(float(value)):
            raise PlotError(f"{name} contains {value!r}; fill or drop missing and infinite values before plotting.")
    return array.astype(float)


def _table(table: object, name: str, what: str) -> np.ndarray:
    """A non-empty DataFrame of numbers as a 2-D float array; PlotError naming ``name`` otherwise."""
    if not isinstance(table, pd.DataFrame):
        raise PlotError(f"{name} should be {what}, not {type(table).__name__}.")
    if table.empty:
        raise PlotError(f"{name} is empty (no rows or no columns): there is nothing to draw.")
    return _numbers(table.to_numpy(), name).reshape(table.shape)
