"""Where words occur: positions from 0 (start) to 1 (end) of an article, and the dispersion plot.

:mod:`framelab.plots` re-exports :func:`term_positions`, :func:`dispersion`
and :data:`TICK_WIDTH_PT`. Positions are relative, so articles of any length
share one axis.

>>> import matplotlib.pyplot as plt
>>> ax = dispersion({"A": ["nato", "and", "troops"]}, ["troops"])
>>> np.asarray(ax.lines[0].get_xdata()).tolist(), [float(x) for x in ax.get_xlim()]
([1.0], [0.0, 1.0])
>>> plt.close("all")
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np
from matplotlib.axes import Axes

from framelab.chart_axes import FIGSIZE, _axes, style
from framelab.display import TEXT_PT
from framelab.errors import PlotError
from framelab.palette import CATEGORY_COLOURS

#: Line width of the ticks in a dispersion plot, in points (2.5 pt = 3.5 px): visible on a projector.
TICK_WIDTH_PT = 2.5


# --- where words occur ---------------------------------------------------------


def term_positions(tokens: Sequence[str], term: str, lower: bool = True) -> list[float]:
    """Where ``term`` occurs in ``tokens``, as positions from 0 (first token) to 1 (last token).

    Position = index / (number of tokens − 1), so articles of any length share
    one axis. With ``lower`` (default) tokens and term are compared in lower case.

    >>> term_positions(["US", "troops", "and", "more", "troops"], "troops")
    [0.25, 1.0]
    >>> term_positions(["NATO"], "nato")
    [0.0]
    """
    if isinstance(tokens, str):
        raise PlotError("tokens is one string; give a list of words, e.g. framelab.words(text, lower=True).")
    if not isinstance(term, str) or not term:
        raise PlotError(f"term should be a non-empty string, not {term!r}.")
    try:
        tokens = list(tokens)
    except TypeError:
        raise PlotError(f"tokens should be a list of words, not {type(tokens).__name__}.") from None
    strange = next((token for token in tokens if not isinstance(token, str)), None)
    if strange is not None:
        raise PlotError(f"tokens contains {strange!r} ({type(strange).__name__}); every token should be a string.")
    wanted = term.lower() if lower else term
    last = max(len(tokens) - 1, 1)
    return [index / last for index, token in enumerate(tokens) if (token.lower() if lower else token) == wanted]


def dispersion(
    tokens_by_article: Mapping[str, Sequence[str]],
    terms: Sequence[str],
    *,
    title: str = "Where the words occur in each article",
    lower: bool = True,
    ax: Axes | None = None,
    figsize: tuple[float, float] | None = None,
) -> Axes:
    """A dispersion plot: one band per article, one tick for every use of each term.

    The x axis is the position in the article from 0 (start) to 1 (end) — the
    same axis for every article whatever its length (:func:`term_positions`).
    Each term has its own colour and its own row inside each band, one line
    (``ax.lines``, labelled with the term) holding all its ticks.

    >>> import matplotlib.pyplot as plt
    >>> tokens = {"A": ["troops", "to", "poland", "troops"], "B": ["nato", "troops"]}
    >>> ax = dispersion(tokens, ["troops", "nato"])
    >>> [(line.get_label(), np.asarray(line.get_xdata()).tolist()) for line in ax.lines]
    [('troops', [0.0, 1.0, 1.0]), ('nato', [0.0])]
    >>> [t.get_text() for t in ax.get_yticklabels()]
    ['A', 'B']
    >>> plt.close("all")
    """
    if not isinstance(tokens_by_article, Mapping):
        raise PlotError(
            "tokens_by_article should be a dict {article id: list of words}, "
            f"not {type(tokens_by_article).__name__}."
        )
    if not tokens_by_article:
        raise PlotError("tokens_by_article is empty: give at least one article's words.")
    if isinstance(terms, str):
        raise PlotError(f"terms should be a list of words, not one string: write terms=[{terms!r}].")
    terms = list(dict.fromkeys(terms))
    if not terms:
        raise PlotError("terms is empty: say which words to look for, e.g. terms=['troops', 'nato'].")
    if len(terms) > len(CATEGORY_COLOURS):
        raise PlotError(
            f"terms has {len(terms)} words; at most {len(CATEGORY_COLOURS)} can get distinct colours. "
            "Draw the others in a second plot."
        )
    for label, tokens in tokens_by_article.items():
        if isinstance(tokens, str):
            raise PlotError(f"article {label!r} is one string; give its words, e.g. framelab.words(text, lower=True).")
        if not isinstance(tokens, Sequence):
            raise PlotError(f"article {label!r} should be a list of words, not {type(tokens).__name__}.")
        if len(tokens) == 0:
            raise PlotError(f"article {label!r} has no tokens, so positions in it are undefined. Remove it.")
    labels = [str(label) for label in tokens_by_article]
    found = {term: [term_positions(tokens, term, lower) for tokens in tokens_by_article.values()] for term in terms}
    unknown = [term for term, lists in found.items() if not any(lists)]
    if unknown:
        raise PlotError(
            f"terms: {', '.join(repr(t) for t in unknown)} occur(s) in none of the articles. "
            "Check the spelling (and the case, when lower=False)."
        )
    ax = _axes(ax, figsize or (FIGSIZE[0], 0.9 + 0.5 * len(labels)))
    height = 0.8 / len(terms)
    for j, (term, colour) in enumerate(zip(terms, CATEGORY_COLOURS)):
        xs, ys = [], []
        for k, positions in enumerate(found[term]):
            offset = k - 0.4 + height * (j + 0.5)
            xs.extend(positions)
            ys.extend([offset] * len(positions))
        ax.plot(xs, ys, linestyle="none", marker="|", markersize=max(8.0, 40 * height), markeredgewidth=TICK_WIDTH_PT,
                color=colour, label=term)
    ax.set_yticks(range(len(labels)), labels=labels)
    ax.set_ylim(len(labels) - 0.5, -0.5)  # first article at the top
    ax.set_xlim(0, 1)
    if len(labels) > 1:  # separators between the bands (a collection, so ax.lines holds only the terms)
        ax.hlines(np.arange(len(labels) - 1) + 0.5, 0, 1, color="#dddddd", linewidth=0.8)
    ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1.0), fontsize=TEXT_PT, frameon=False)
    return style(ax, title, "Position in the article (0 = first word, 1 = last word)", "Article")
