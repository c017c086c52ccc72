"""Bar charts: one bar per article, diverging keyness bars, small multiples, and who speaks.

:mod:`framelab.plots` re-exports everything public here. Every bar chart
starts its value axis at zero (or, for diverging bars, puts zero in the
middle of a symmetric scale), and panels that are compared share one scale.
Each function returns what it drew (``Axes``, or the ``Figure`` of
:func:`small_multiples`) and shows nothing: a lesson ends the cell with
``plots.show(fig, alt)``.

>>> import matplotlib.pyplot as plt
>>> ax = bar_per_article({"000": 7, "001": 10}, "Uses per article", "Uses")
>>> float(ax.get_ylim()[0]), ax.patches[0].get_facecolor()[:3] == plt.matplotlib.colors.to_rgb(BAR_COLOUR)
(0.0, True)
>>> plt.close("all")
"""

from __future__ import annotations

import textwrap
from collections.abc import Mapping

import numpy as np
import pandas as pd
from matplotlib import pyplot as plt
from matplotlib.axes import Axes
from matplotlib.figure import Figure

from framelab.chart_axes import FIGSIZE, _axes, _numbers, _table, style
from framelab.display import MAX_WIDTH, TEXT_PT, TITLE_PT
from framelab.errors import PlotError
from framelab.palette import BAR_COLOUR, CATEGORY_COLOURS, GREY, LESS_COLOUR, MORE_COLOUR, side_colours
from framelab.validators import whole_number

#: Panel titles of :func:`small_multiples` wrap after this many characters (a panel of 1.5 in at 12 pt).
PANEL_TITLE_CHARS = 12
#: Columns of an attribution ledger that :func:`who_speaks` reads.
LEDGER_COLUMNS = ("article", "speaker", "side", "quotations", "quoted_words")


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
    :func:`framelab.palette.side_colours` (the names table's sides, any other
    side such as ``"Osterland"`` alphabetically, then ``"unknown"`` and
    ``"unattributed"`` in grey); a side of ``""`` or a speaker
    ``"(unattributed)"`` counts as ``"unattributed"``. One bar segment
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
    colours = side_colours(present)
    sides = list(colours)
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
