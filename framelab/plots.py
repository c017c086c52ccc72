"""Shared plot styling, so every chapter's figures look alike and read honestly.

Chapter 08 teaches the principles behind these functions; every chapter may
call them. Each function takes plain data (a ``DataFrame``, a dict, token
lists), draws one kind of figure and returns the matplotlib ``Axes`` (or, for
:func:`small_multiples`, the ``Figure``), so a notebook can add to it and must
end the cell itself, with ``plots.show(fig, alt)``: it shows the figure as a
double-density image whose ``<img>`` carries ``alt``, the sentence that says
what the figure shows. No drawing function shows a figure or changes
matplotlib's global settings (``rcParams``); :func:`use_style`, called once in
each lesson's setup cell, sets the one style of the course (:data:`STYLE`).

The conventions:

* **Colour-blind-safe colours**: the Okabe–Ito palette (:data:`OKABE_ITO`;
  :data:`CATEGORY_COLOURS` leaves out its yellow for marks on white) for
  categories, ``cividis`` (:data:`SEQUENTIAL`) for values, never
  rainbow/``jet``. Cividis is ordered in lightness, so it also prints in grey
  (:func:`grey_levels` measures that).
* **Honest axes**: bars start at zero; panels that are compared share one
  scale; positions along a text run from 0 (start) to 1 (end) for every
  article, whatever its length.
* **Labels**: every plot gets a title and labelled axes (:func:`style`).
* **Readable on a projector**: all text at least :data:`TEXT_PT` pt at the size the
  figure is shown (figures at most :data:`MAX_WIDTH` inches, so never shrunk),
  images at :data:`IMAGE_DPI` pixels per inch.
* **Alternative text**: every figure is shown with :func:`show`, which refuses
  an empty ``alt``.

Each function is tested for its *data* (bar heights, tick labels, title),
not its pixels:

>>> import matplotlib
>>> matplotlib.use("Agg")
>>> import matplotlib.pyplot as plt
>>> ax = bar_per_article({"000": 7, "001": 10}, "“troops” per article", "Uses")
>>> [float(p.get_height()) for p in ax.patches], [t.get_text() for t in ax.get_xticklabels()]
([7.0, 10.0], ['000', '001'])
>>> ax.get_title(), float(ax.get_ylim()[0])
('“troops” per article', 0.0)
>>> plt.close("all")
"""

from __future__ import annotations

import math
import textwrap
from collections.abc import Mapping, Sequence

import numpy as np
import pandas as pd
from matplotlib import pyplot as plt
from matplotlib.axes import Axes
from matplotlib.figure import Figure

from framelab.display import (  # noqa: F401  (lessons call plots.use_style() and plots.show(fig, alt))
    DISPLAY_DPI,
    IMAGE_DPI,
    MAX_WIDTH,
    STYLE,
    TEXT_PT,
    TITLE_PT,
    FigureImage,
    render,
    show,
    table_html,
    use_style,
)
from framelab.errors import PlotError  # noqa: F401  (raised here; importable from plots as before)
from framelab.validators import whole_number

#: The Okabe–Ito palette (Okabe & Ito 2008): eight colours that people with the
#: common forms of colour blindness can tell apart. Use them in this order.
OKABE_ITO: tuple[str, ...] = (
    "#E69F00",  # orange
    "#56B4E9",  # sky blue
    "#009E73",  # bluish green
    "#F0E442",  # yellow
    "#0072B2",  # blue
    "#D55E00",  # vermillion
    "#CC79A7",  # reddish purple
    "#000000",  # black
)
#: The same colours by name.
OKABE_ITO_NAMES: dict[str, str] = dict(
    zip(
        ("orange", "sky blue", "bluish green", "yellow", "blue", "vermillion", "reddish purple", "black"),
        OKABE_ITO,
    )
)
#: Colours for categories drawn as thin marks or bars on white (terms, frame dimensions): Okabe–Ito
#: without its yellow, which is too light to see as a tick on a white background.
CATEGORY_COLOURS: tuple[str, ...] = tuple(c for c in OKABE_ITO if c != OKABE_ITO_NAMES["yellow"])
#: Neutral grey for "no category" (unattributed quotations, thin evidence).
GREY = "#999999"
#: The colormap for values (heatmaps): perceptually uniform, colour-blind safe, readable in grey.
SEQUENTIAL = "cividis"
#: Bars of one series (a single category) are drawn in this colour.
BAR_COLOUR = OKABE_ITO_NAMES["blue"]
#: Diverging bars: a word used more (positive) / less (negative) in the article than in the rest.
MORE_COLOUR = OKABE_ITO_NAMES["blue"]
LESS_COLOUR = OKABE_ITO_NAMES["vermillion"]
#: The sides of :func:`framelab.voices.attribution_ledger`, in the order they are stacked, with colours.
SIDE_COLOURS: dict[str, str] = {
    "US": OKABE_ITO_NAMES["blue"],
    "NATO/Europe": OKABE_ITO_NAMES["sky blue"],
    "Ukraine": OKABE_ITO_NAMES["bluish green"],
    "Russia": OKABE_ITO_NAMES["vermillion"],
    "other": OKABE_ITO_NAMES["reddish purple"],
    "unattributed": GREY,
}
#: The default size of one plot, in inches: small enough to sit beside its text.
FIGSIZE = (7.0, 3.5)
#: Line width of the ticks in a dispersion plot, in points (2.5 pt = 3.5 px): visible on a projector.
TICK_WIDTH_PT = 2.5
#: Panel titles of :func:`small_multiples` wrap after this many characters (a panel of 1.5 in at 12 pt).
PANEL_TITLE_CHARS = 12
#: Columns of an attribution ledger that :func:`who_speaks` reads.
LEDGER_COLUMNS = ("article", "speaker", "side", "quotations", "quoted_words")


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


def _colormap(cmap: str):
    """The matplotlib colormap called ``cmap``, or a PlotError that says how to list the names."""
    if not isinstance(cmap, str):
        raise PlotError(
            f"cmap should be the name of a matplotlib colormap such as 'cividis', not {type(cmap).__name__}."
        )
    try:
        return plt.get_cmap(cmap)
    except ValueError:
        raise PlotError(
            f"cmap {cmap!r} is not a matplotlib colormap; use 'cividis' (the default) or see "
            "matplotlib.colormaps for the names."
        ) from None


def _luminance(red: float, green: float, blue: float) -> float:
    """Relative luminance (ITU-R BT.709 weights) of an RGB colour with channels 0..1."""
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue


def grey_levels(cmap: str = SEQUENTIAL, n: int = 5) -> list[float]:
    """How light ``n`` evenly spaced colours of ``cmap`` are, from 0 (black) to 1 (white).

    This is roughly the grey a colour becomes when printed in black and white.
    A colormap fit for values gets lighter all the way (``cividis``); a
    rainbow such as ``jet`` goes light and then dark again, so in grey, or to
    a reader who cannot tell its hues apart, low and high values look alike.

    >>> [round(level, 2) for level in grey_levels("cividis")]
    [0.12, 0.31, 0.49, 0.67, 0.88]
    >>> [round(level, 2) for level in grey_levels("jet")]
    [0.04, 0.43, 0.85, 0.63, 0.11]
    """
    whole_number(n, "n", minimum=2, error=PlotError, meaning="colours from one end to the other")
    colormap = _colormap(cmap)
    return [float(_luminance(*colormap(k / (n - 1))[:3])) for k in range(n)]


def text_colour(value: float, vmin: float, vmax: float, cmap: str = SEQUENTIAL) -> str:
    """Black or white, whichever reads better on the colour ``cmap`` gives ``value``.

    >>> text_colour(0.0, 0.0, 1.0), text_colour(1.0, 0.0, 1.0)   # dark blue, bright yellow
    ('white', 'black')
    """
    share = 0.5 if vmax == vmin else min(max((value - vmin) / (vmax - vmin), 0.0), 1.0)
    return "black" if _luminance(*_colormap(cmap)(share)[:3]) > 0.45 else "white"


# --- bars ---------------------------------------------------------------------


def bar_per_article(
    values: Mapping[str, float] | pd.Series,
    title: str,
    ylabel: str,
    *,
    xlabel: str = "Article",
    colour: str = BAR_COLOUR,
    annotate: bool = False,
    fmt: str = ".1f",
    ax: Axes | None = None,
    figsize: tuple[float, float] | None = None,
) -> Axes:
    """One bar per article, in the order given, on a value axis that starts at zero.

    ``values`` maps article ids to numbers (a dict or a Series). With
    ``annotate=True`` each bar carries its value, formatted with ``fmt``.

    >>> import matplotlib.pyplot as plt
    >>> ax = bar_per_article(pd.Series({"003": 24.4, "004": 7.9}), "“troops” per 1,000 tokens",
    ...                      "Uses per 1,000 tokens", annotate=True)
    >>> [round(float(p.get_height()), 1) for p in ax.patches], [t.get_text() for t in ax.texts]
    ([24.4, 7.9], ['24.4', '7.9'])
    >>> plt.close("all")
    """
    if isinstance(values, pd.DataFrame):
        raise PlotError("values should be one column of numbers (a Series or dict), not a whole DataFrame.")
    if not isinstance(values, (Mapping, pd.Series)):
        raise PlotError(
            f"values should map each article id to a number (a dict or a pandas Series), not {type(values).__name__}."
        )
    if len(values) == 0:
        raise PlotError("values is empty: there is no article to draw a bar for.")
    labels = [str(label) for label in (values.index if isinstance(values, pd.Series) else values.keys())]
    heights = _numbers(list(values.values) if isinstance(values, pd.Series) else list(values.values()), "values")
    ax = _axes(ax, figsize)
    bars = ax.bar(labels, heights, color=colour)
    if annotate:
        ax.bar_label(bars, labels=[format(h, fmt) for h in heights], fontsize=TEXT_PT, padding=2)
    if heights.min() >= 0:
        ax.set_ylim(bottom=0)
    ax.axhline(0, color="black", linewidth=0.8)
    return style(ax, title, xlabel, ylabel)


def keyness_bars(
    table: pd.DataFrame,
    article: str | None = None,
    top: int = 10,
    *,
    measure: str = "log_ratio",
    title: str | None = None,
    ax: Axes | None = None,
    figsize: tuple[float, float] | None = None,
) -> Axes:
    """Diverging bars: the ``top`` words most over-used and the ``top`` most under-used by an article.

    ``table`` is :func:`framelab.compare.keyness` output, or
    :func:`framelab.compare.one_vs_rest` output with ``article`` naming the
    article to draw. Bars show ``measure`` (``"log_ratio"``, ``"g2"`` or
    ``"log_odds_z"``): to the right (blue) words used more in the article,
    to the left (vermillion) words used less, highest at the top; words whose
    ``thin_evidence`` flag is set are hatched and listed as such in the legend.

    >>> import matplotlib.pyplot as plt
    >>> table = pd.DataFrame({"article": "A", "term": ["troops", "us", "nato"],
    ...                       "log_ratio": [1.5, 0.2, -2.2], "thin_evidence": [False, True, False]})
    >>> ax = keyness_bars(table, "A", top=1)
    >>> [float(p.get_width()) for p in ax.patches], [t.get_text() for t in ax.get_yticklabels()]
    ([1.5, -2.2], ['troops', 'nato'])
    >>> ax.get_title()
    'Key words of A (log ratio): top 1 each way'
    >>> plt.close("all")
    """
    if not isinstance(table, pd.DataFrame):
        raise PlotError(f"table should be a keyness DataFrame from framelab.compare, not {type(table).__name__}.")
    if measure not in ("log_ratio", "g2", "log_odds_z"):
        raise PlotError(f"measure should be 'log_ratio', 'g2' or 'log_odds_z', not {measure!r}.")
    missing = [column for column in ("term", measure) if column not in table.columns]
    if missing:
        raise PlotError(
            f"table lacks the column(s) {missing}: pass the output of framelab.compare.keyness or one_vs_rest."
        )
    whole_number(top, "top", minimum=1, error=PlotError, meaning="words shown each way")
    rows = table
    if "article" in table.columns:
        articles = list(dict.fromkeys(table["article"].astype(str)))
        if article is None:
            if len(articles) != 1:
                raise PlotError(
                    f"table holds {len(articles)} articles ({', '.join(articles)}): choose one with article=..."
                )
            article = articles[0]
        if str(article) not in articles:
            raise PlotError(f"article {article!r} is not in the table; it holds {', '.join(articles) or 'none'}.")
        rows = table[table["article"].astype(str) == str(article)]
    if rows.empty:
        raise PlotError("table is empty: there are no words to draw.")
    values = _numbers(rows[measure].tolist(), f"table[{measure!r}]")
    order = np.argsort(-values, kind="stable")
    positive = [i for i in order if values[i] > 0][:top]
    negative = [i for i in order if values[i] < 0][-top:]
    chosen = positive + negative
    if not chosen:
        raise PlotError(f"every {measure} in the table is 0: no word is used more or less than in the reference.")
    terms = [str(rows["term"].iloc[i]) for i in chosen]
    widths = values[chosen]
    thin = (
        rows["thin_evidence"].to_numpy(dtype=bool)[chosen]
        if "thin_evidence" in rows.columns
        else np.zeros(len(chosen), dtype=bool)
    )
    ax = _axes(ax, figsize or (FIGSIZE[0], 0.9 + 0.22 * len(chosen)))
    positions = np.arange(len(chosen))
    colours = [MORE_COLOUR if width > 0 else LESS_COLOUR for width in widths]
    bars = ax.barh(positions, widths, color=colours, edgecolor="white", linewidth=0.5)
    for bar, is_thin in zip(bars, thin):
        if is_thin:
            bar.set_hatch("///")
    ax.set_yticks(positions, labels=terms)
    ax.set_ylim(len(chosen) - 0.5, -0.5)  # first row at the top
    ax.axvline(0, color="black", linewidth=0.8)
    limit = float(np.abs(widths).max()) * 1.05
    ax.set_xlim(-limit, limit)  # symmetric: zero in the middle, both directions on one scale
    names = {"log_ratio": "log ratio", "g2": "G²", "log_odds_z": "log-odds z"}
    handles = [
        plt.Rectangle((0, 0), 1, 1, color=MORE_COLOUR, label="more in the article"),
        plt.Rectangle((0, 0), 1, 1, color=LESS_COLOUR, label="less in the article"),
    ]
    if thin.any():
        handles.append(plt.Rectangle((0, 0), 1, 1, facecolor="white", edgecolor=GREY, hatch="///",
                                     label="thin evidence"))
    ax.legend(handles=handles, fontsize=TEXT_PT, loc="lower right", frameon=False)
    label = f" of {article}" if article is not None else ""
    return style(
        ax,
        title or f"Key words{label} ({names[measure]}): top {top} each way",
        f"{names[measure]} (article vs the rest; 0 = same rate)",
        "Word",
    )


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


# --- profiles -----------------------------------------------------------------


def small_multiples(
    profiles: pd.DataFrame,
    *,
    title: str = "Profiles per article",
    ylabel: str = "Value",
    xlabel: str = "",
    panel_titles: Mapping[str, str] | None = None,
    sharey: bool = True,
    figsize: tuple[float, float] | None = None,
) -> Figure:
    """One small bar chart per article (row of ``profiles``), side by side, on one shared y scale.

    The columns of ``profiles`` (e.g. frame dimensions) are the bars of each
    panel, in the same order and colour in every panel, so the eye compares
    like with like; the shared, zero-based y axis makes bar heights comparable
    across panels. ``panel_titles`` maps article ids to longer panel titles.
    ``sharey=False`` exists to show why it is the wrong choice.

    >>> import matplotlib.pyplot as plt
    >>> profiles = pd.DataFrame({"political": [3.0, 1.0], "security": [9.0, 4.0]}, index=["A", "B"])
    >>> fig = small_multiples(profiles, title="Frames", ylabel="per 1,000 tokens")
    >>> [ax.get_title() for ax in fig.axes], [ax.get_ylim() for ax in fig.axes][0] == fig.axes[1].get_ylim()
    (['A', 'B'], True)
    >>> [[float(p.get_height()) for p in ax.patches] for ax in fig.axes]
    [[3.0, 9.0], [1.0, 4.0]]
    >>> plt.close("all")
    """
    values = _table(profiles, "profiles", "a pandas DataFrame (one row per article)")
    if not isinstance(title, str) or not title.strip():
        raise PlotError("title is empty: every figure needs a title that says what it shows.")
    rows, columns = values.shape
    names = [str(c) for c in profiles.columns]
    colours = list(CATEGORY_COLOURS[: len(names)]) if len(names) <= len(CATEGORY_COLOURS) else [BAR_COLOUR] * len(names)
    long_names = max(len(name) for name in names) > 3
    fig, axes = plt.subplots(
        1,
        rows,
        sharey=sharey,
        squeeze=False,
        layout="constrained",
        figsize=figsize or (min(1.2 + 1.7 * rows, MAX_WIDTH), 3.6 if long_names else 2.6),
    )
    for k, (label, ax) in enumerate(zip(profiles.index, axes[0])):
        ax.bar(range(columns), values[k], color=colours)
        ax.set_xticks(range(columns), labels=names, rotation=90 if long_names else 0, fontsize=TEXT_PT)
        panel = (panel_titles or {}).get(label, str(label))
        # Narrow panels side by side: long titles wrap, or neighbouring titles run into each other.
        panel = "\n".join(textwrap.fill(line, PANEL_TITLE_CHARS) for line in panel.split("\n"))
        style(ax, panel, xlabel, ylabel if k == 0 else "")
        ax.title.set_fontsize(TEXT_PT)
        if values.min() >= 0:
            ax.set_ylim(bottom=0)
    if sharey and values.min() >= 0:
        axes[0][0].set_ylim(0, float(values.max()) * 1.08 or 1.0)
    fig.suptitle(title, fontsize=TITLE_PT)
    return fig


# --- who speaks ---------------------------------------------------------------


def who_speaks(
    ledger: pd.DataFrame,
    *,
    value: str = "quotations",
    title: str | None = None,
    panel_labels: Mapping[str, str] | None = None,
    ax: Axes | None = None,
    figsize: tuple[float, float] | None = None,
) -> Axes:
    """Stacked horizontal bars: per article, its quotations (or quoted words) by the speaker's side.

    ``ledger`` has the columns of :func:`framelab.voices.attribution_ledger`
    (:data:`LEDGER_COLUMNS`). Sides are stacked in the order of
    :data:`SIDE_COLOURS` (other sides after them); a side of ``""`` or a
    speaker ``"(unattributed)"`` counts as ``"unattributed"``. One bar segment
    (``ax.patches``) per side and article, sides outermost, articles in the
    order they first appear; ``panel_labels`` maps article ids to tick labels.

    >>> import matplotlib.pyplot as plt
    >>> ledger = pd.DataFrame({"article": ["A", "A", "B"], "speaker": ["Kirby", "Peskov", "Kirby"],
    ...                        "side": ["US", "Russia", "US"], "quotations": [3, 1, 2],
    ...                        "quoted_words": [40, 9, 25]})
    >>> ax = who_speaks(ledger)
    >>> [float(p.get_width()) for p in ax.patches]   # US: A, B; then Russia: A, B
    [3.0, 2.0, 1.0, 0.0]
    >>> [t.get_text() for t in ax.get_legend().get_texts()]
    ['US', 'Russia']
    >>> plt.close("all")
    """
    if not isinstance(ledger, pd.DataFrame):
        raise PlotError(
            f"ledger should be a DataFrame from framelab.voices.attribution_ledger, not {type(ledger).__name__}."
        )
    missing = [column for column in ("article", "side", value) if column not in ledger.columns]
    if value not in ("quotations", "quoted_words"):
        raise PlotError(f"value should be 'quotations' or 'quoted_words', not {value!r}.")
    if missing:
        raise PlotError(
            f"ledger lacks the column(s) {missing}; expected {list(LEDGER_COLUMNS)} "
            "(the output of framelab.voices.attribution_ledger)."
        )
    if ledger.empty:
        raise PlotError("ledger is empty: no quotation to draw.")
    amounts = _numbers(ledger[value].tolist(), f"ledger[{value!r}]")
    if amounts.min() < 0:
        raise PlotError(f"ledger[{value!r}] has a negative count; counts of quotations cannot be below 0.")
    side = ledger["side"].fillna("").astype(str)
    if "speaker" in ledger.columns:
        side = side.mask(ledger["speaker"].astype(str) == "(unattributed)", "")
    side = side.replace("", "unattributed")
    data = pd.DataFrame({"article": ledger["article"].astype(str), "side": side, "amount": amounts})
    articles = list(dict.fromkeys(data["article"]))
    present = set(data["side"])
    sides = [s for s in SIDE_COLOURS if s in present] + sorted(present - set(SIDE_COLOURS))
    extra = [c for c in CATEGORY_COLOURS if c not in SIDE_COLOURS.values()] + [BAR_COLOUR] * len(sides)
    colours = {s: SIDE_COLOURS.get(s) or extra.pop(0) for s in sides}
    table = data.pivot_table(index="article", columns="side", values="amount", aggfunc="sum", fill_value=0.0)
    table = table.reindex(index=articles, columns=sides, fill_value=0.0)
    ax = _axes(ax, figsize or (FIGSIZE[0], 1.0 + 0.45 * len(articles)))
    ticks = [(panel_labels or {}).get(a, a) for a in articles]
    left = np.zeros(len(articles))
    for name in sides:
        widths = table[name].to_numpy(dtype=float)
        ax.barh(range(len(articles)), widths, left=left, color=colours[name], label=name,
                edgecolor="white", linewidth=0.5)
        left += widths
    ax.set_yticks(range(len(articles)), labels=ticks)
    ax.set_ylim(len(articles) - 0.5, -0.5)
    ax.set_xlim(0, float(left.max()) * 1.05 or 1.0)
    ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1.0), fontsize=TEXT_PT, frameon=False, title="Side",
              title_fontsize=TEXT_PT)
    what = "Quotations" if value == "quotations" else "Quoted words"
    return style(ax, title or f"Who speaks: {what.lower()} per article, by the speaker's side", what, "Article")
