"""framelab.plots: every figure is checked for its data (bar heights, ticks, colours, titles), never
its pixels, and every bad input raises PlotError with a message naming the argument."""

from __future__ import annotations

import html
import json
import re
from collections import Counter
from pathlib import Path

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402
from matplotlib.colors import to_hex  # noqa: E402

from framelab.compare import keyness, one_vs_rest, similarity_matrix  # noqa: E402
from framelab.errors import FramelabError  # noqa: E402
from framelab.frames import FRAMES_FILE, frame_profiles  # noqa: E402
from framelab.lexicons import load_lexicon  # noqa: E402
from framelab.palette import LIGHT_GREY, side_colours  # noqa: E402
from framelab.plots import (  # noqa: E402
    CATEGORY_COLOURS,
    DISPLAY_DPI,
    GREY,
    LESS_COLOUR,
    MAX_WIDTH,
    MORE_COLOUR,
    OKABE_ITO,
    SIDE_COLOURS,
    STYLE,
    TEXT_PT,
    PlotError,
    bar_per_article,
    dispersion,
    grey_levels,
    heatmap,
    keyness_bars,
    render,
    show,
    small_multiples,
    style,
    table_html,
    term_positions,
    text_colour,
    use_style,
    who_speaks,
)
from framelab.voices import attribution_ledger  # noqa: E402


@pytest.fixture(autouse=True)
def close_figures():
    yield
    plt.close("all")


def heights(ax) -> list[float]:
    return [float(p.get_height()) for p in ax.patches]


def widths(ax) -> list[float]:
    return [float(p.get_width()) for p in ax.patches]


def ticks(labels) -> list[str]:
    return [t.get_text() for t in labels]


def colour(patch) -> str:
    return to_hex(patch.get_facecolor())


# --- palette and style ------------------------------------------------------------------


def test_okabe_ito_is_the_published_palette() -> None:
    assert OKABE_ITO == ("#E69F00", "#56B4E9", "#009E73", "#F0E442", "#0072B2", "#D55E00", "#CC79A7", "#000000")
    assert len(set(SIDE_COLOURS.values())) == len(SIDE_COLOURS)
    assert SIDE_COLOURS["unattributed"] == GREY
    assert "#F0E442" not in CATEGORY_COLOURS and set(CATEGORY_COLOURS) < set(OKABE_ITO)


def test_grey_levels_rise_for_cividis_but_not_for_jet() -> None:
    cividis, jet = grey_levels("cividis", 11), grey_levels("jet", 11)
    assert len(cividis) == 11 and all(0.0 <= level <= 1.0 for level in cividis + jet)
    assert all(a < b for a, b in zip(cividis, cividis[1:])), "cividis should get lighter all the way"
    assert not all(a < b for a, b in zip(jet, jet[1:])), "jet goes light and dark again"
    assert abs(jet[0] - jet[-1]) < 0.1, "jet's two ends are about as dark, so they look alike in grey"
    assert grey_levels("Greys", 2) == pytest.approx([1.0, 0.0], abs=1e-6)


def test_text_colour_contrasts_with_the_cell() -> None:
    assert text_colour(0.0, 0.0, 1.0) == "white"  # darkest cividis
    assert text_colour(1.0, 0.0, 1.0) == "black"  # brightest cividis
    assert text_colour(5.0, 0.0, 1.0) == "black"  # beyond vmax: vmax's colour
    assert text_colour(0.3, 0.3, 0.3) in {"black", "white"}  # a flat scale does not divide by zero


def test_style_sets_labels_and_drops_the_top_and_right_frame() -> None:
    _, ax = plt.subplots()
    assert style(ax, "Title", "x", "y") is ax
    assert (ax.get_title(), ax.get_xlabel(), ax.get_ylabel()) == ("Title", "x", "y")
    assert not ax.spines["top"].get_visible() and not ax.spines["right"].get_visible()
    assert ax.spines["left"].get_visible()


@pytest.mark.parametrize(
    "title, xlabel, ylabel, message",
    [("", "x", "y", "title is empty"), ("   ", "x", "y", "title is empty"), (3, "x", "y", "title should be a string"),
     ("T", None, "y", "xlabel should be a string"), ("T", "x", ["y"], "ylabel should be a string")],
)
def test_style_refuses_missing_labels(title, xlabel, ylabel, message) -> None:
    _, ax = plt.subplots()
    with pytest.raises(PlotError, match=message):
        style(ax, title, xlabel, ylabel)


def test_plot_error_is_a_framelab_error() -> None:
    assert issubclass(PlotError, FramelabError)


@pytest.mark.parametrize("bad, message", [("jet", None), ("rainbowish", "is not a matplotlib colormap"),
                                          (3, "cmap should be the name")])
def test_grey_levels_bad_input(bad, message) -> None:
    if message is None:
        assert len(grey_levels(bad)) == 5
        return
    with pytest.raises(PlotError, match=message):
        grey_levels(bad)


@pytest.mark.parametrize("n", [1, 0, 2.5, True, "5"])
def test_grey_levels_needs_at_least_two_colours(n) -> None:
    with pytest.raises(PlotError, match="n must be a whole number of at least 2"):
        grey_levels("cividis", n)


# --- bar_per_article ----------------------------------------------------------------------


def test_bar_per_article_draws_the_values_in_order_from_zero(tokens) -> None:
    rates = pd.Series({i: 1000 * Counter(t)["troops"] / len(t) for i, t in tokens.items()})
    ax = bar_per_article(rates, "“troops” per 1,000 tokens", "Uses per 1,000 tokens", annotate=True)
    assert heights(ax) == pytest.approx(rates.tolist())
    assert ticks(ax.get_xticklabels()) == ["000", "001", "002", "003", "004"]
    assert ax.get_ylim()[0] == 0.0, "a bar chart's value axis must start at zero"
    assert [t.get_text() for t in ax.texts] == [f"{v:.1f}" for v in rates]
    assert (ax.get_title(), ax.get_xlabel(), ax.get_ylabel()) == (
        "“troops” per 1,000 tokens", "Article", "Uses per 1,000 tokens")
    assert {colour(p) for p in ax.patches} == {"#0072b2"}


def test_bar_per_article_accepts_a_dict_and_an_axes() -> None:
    fig, (left, right) = plt.subplots(1, 2)
    ax = bar_per_article({"b": 2, "a": 5}, "Counts", "Uses", ax=right, colour=OKABE_ITO[0], xlabel="Doc")
    assert ax is right and not left.patches
    assert ticks(ax.get_xticklabels()) == ["b", "a"], "bars keep the order given, not sorted"
    assert heights(ax) == [2.0, 5.0] and colour(ax.patches[0]) == "#e69f00"
    assert ax.get_xlabel() == "Doc" and ax.figure is fig


def test_bar_per_article_with_negative_values_keeps_zero_visible() -> None:
    ax = bar_per_article({"a": -2.0, "b": 3.0}, "Change", "Difference")
    low, high = ax.get_ylim()
    assert low < -2.0 < 0.0 < 3.0 < high
    assert heights(ax) == [-2.0, 3.0]


@pytest.mark.parametrize(
    "values, message",
    [
        ([1, 2], "values should map each article id to a number"),
        ("troops", "values should map each article id to a number"),
        ({}, "values is empty"),
        (pd.Series(dtype=float), "values is empty"),
        (pd.DataFrame({"a": [1]}), "not a whole DataFrame"),
        ({"a": "7"}, r"values contains '7' \(str\); only numbers"),
        ({"a": True}, "only numbers"),
        ({"a": float("nan")}, "fill or drop missing"),
        ({"a": float("inf")}, "fill or drop missing"),
    ],
)
def test_bar_per_article_bad_values(values, message) -> None:
    with pytest.raises(PlotError, match=message):
        bar_per_article(values, "Title", "Y")


def test_bar_per_article_bad_ax_and_title() -> None:
    with pytest.raises(PlotError, match="ax should be a matplotlib Axes"):
        bar_per_article({"a": 1}, "Title", "Y", ax="left")
    with pytest.raises(PlotError, match="title is empty"):
        bar_per_article({"a": 1}, "", "Y")


# --- keyness_bars ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def key_words(tokens) -> pd.DataFrame:
    return one_vs_rest({i: Counter(t) for i, t in tokens.items()}, min_freq=3)


def test_keyness_bars_shows_the_top_words_each_way(key_words) -> None:
    ax = keyness_bars(key_words, "004", top=5)
    rows = key_words[key_words["article"] == "004"].set_index("term")
    more = rows[rows["log_ratio"] > 0].sort_values("log_ratio", ascending=False, kind="stable").head(5)
    less = rows[rows["log_ratio"] < 0].sort_values("log_ratio", ascending=False, kind="stable").tail(5)
    expected = pd.concat([more, less])
    assert ticks(ax.get_yticklabels()) == expected.index.tolist()
    assert widths(ax) == pytest.approx(expected["log_ratio"].tolist())
    assert [colour(p) for p in ax.patches] == [MORE_COLOUR.lower()] * 5 + [LESS_COLOUR.lower()] * 5
    assert [bool(p.get_hatch()) for p in ax.patches] == expected["thin_evidence"].tolist()
    low, high = ax.get_xlim()
    assert low == pytest.approx(-high), "the value axis is symmetric around zero"
    assert ax.get_ylim()[0] > ax.get_ylim()[1], "the first (highest) word is at the top"
    assert ax.get_title() == "Key words of 004 (log ratio): top 5 each way"
    legend = ticks(ax.get_legend().get_texts())
    assert legend[:2] == ["more in the article", "less in the article"]
    assert ("thin evidence" in legend) == bool(expected["thin_evidence"].any())


def test_keyness_bars_other_measures_and_a_single_keyness_table(tokens) -> None:
    table = keyness(Counter(tokens["003"]), Counter(tokens["000"]), min_freq=4)
    ax = keyness_bars(table, top=3, measure="g2", title="003 against 000")
    values = table["g2"].to_numpy()
    assert widths(ax)[:3] == pytest.approx(sorted(values[values > 0], reverse=True)[:3])
    assert all(w < 0 for w in widths(ax)[3:])
    assert ax.get_title() == "003 against 000" and ax.get_xlabel().startswith("G²")


def test_keyness_bars_draws_only_the_side_that_exists() -> None:
    table = pd.DataFrame({"term": ["a", "b", "c"], "log_ratio": [2.0, 1.0, 0.0]})
    ax = keyness_bars(table, top=5)
    assert ticks(ax.get_yticklabels()) == ["a", "b"] and widths(ax) == [2.0, 1.0]
    assert ax.get_legend() is not None and "thin evidence" not in ticks(ax.get_legend().get_texts())


@pytest.mark.parametrize(
    "kwargs, message",
    [
        ({"table": {"term": ["a"]}}, "table should be a keyness DataFrame"),
        ({"measure": "pmi"}, "measure should be 'log_ratio', 'g2' or 'log_odds_z'"),
        ({"table": pd.DataFrame({"word": ["a"], "log_ratio": [1.0]})}, r"table lacks the column\(s\) \['term'\]"),
        ({"top": 0}, "top must be a whole number of at least 1"),
        ({"top": 2.5}, "top must be a whole number"),
        ({"top": True}, "top must be a whole number"),
        ({"article": None}, "table holds 2 articles .*choose one with article="),
        ({"article": "009"}, "article '009' is not in the table; it holds A, B"),
        ({"table": pd.DataFrame({"term": [], "log_ratio": []})}, "table is empty"),
        ({"table": pd.DataFrame({"term": ["a", "b"], "log_ratio": [0.0, 0.0]})}, "every log_ratio in the table is 0"),
        ({"table": pd.DataFrame({"term": ["a"], "log_ratio": ["high"]})}, r"table\['log_ratio'\] contains 'high'"),
        ({"table": pd.DataFrame({"term": ["a"], "log_ratio": [np.nan]})}, "fill or drop missing"),
    ],
)
def test_keyness_bars_bad_input(kwargs, message) -> None:
    arguments = {
        "table": pd.DataFrame({"article": ["A", "A", "B"], "term": ["x", "y", "x"], "log_ratio": [1.0, -1.0, 0.5]}),
        "article": "A",
    }
    arguments.update(kwargs)
    with pytest.raises(PlotError, match=message):
        keyness_bars(**arguments)


# --- heatmap -------------------------------------------------------------------------------


def test_heatmap_of_the_similarity_matrix(tokens) -> None:
    table = similarity_matrix({i: Counter(t) for i, t in tokens.items()})
    off_diagonal = table.to_numpy()[~np.eye(5, dtype=bool)].max()
    ax = heatmap(table, "Cosine similarity", vmin=0, vmax=off_diagonal)
    image = ax.images[0]
    assert np.asarray(image.get_array()) == pytest.approx(table.to_numpy())
    assert image.get_clim() == pytest.approx((0.0, off_diagonal))
    assert image.get_cmap().name == "cividis"
    assert [t.get_text() for t in ax.texts] == [f"{v:.2f}" for v in table.to_numpy().ravel()]
    assert ticks(ax.get_xticklabels()) == ticks(ax.get_yticklabels()) == list(table.index)
    # text on the brightest cells (the diagonal, clipped to vmax) is black, on the darkest white
    assert ax.texts[0].get_color() == "black"
    darkest = int(np.argmin(table.to_numpy()))
    assert ax.texts[darkest].get_color() == "white"
    assert (ax.get_title(), ax.get_xlabel(), ax.get_ylabel()) == ("Cosine similarity", "Article", "Article")


def test_heatmap_of_frame_profiles_with_a_colour_bar(corpus) -> None:
    profiles = frame_profiles(corpus)
    ax = heatmap(profiles, "Frames", xlabel="Dimension", fmt=".0f", colorbar=True, colorbar_label="per 1,000",
                 annotate=False)
    assert not ax.texts
    assert len(ax.figure.axes) == 2 and ax.figure.axes[1].get_ylabel() == "per 1,000"
    assert ax.images[0].get_clim() == pytest.approx((profiles.to_numpy().min(), profiles.to_numpy().max()))
    assert ticks(ax.get_xticklabels()) == list(profiles.columns)
    assert ticks(ax.get_yticklabels()) == list(profiles.index)


@pytest.mark.parametrize(
    "table, kwargs, message",
    [
        ([[1, 2]], {}, "table should be a pandas DataFrame"),
        (pd.DataFrame(), {}, "table is empty"),
        (pd.DataFrame({"a": ["x"]}), {}, r"table contains 'x' \(str\)"),
        (pd.DataFrame({"a": [np.nan]}), {}, "fill or drop missing"),
        (pd.DataFrame({"a": [1.0, 2.0]}), {"vmin": 2.0, "vmax": 1.0}, r"vmax \(1.0\) is below vmin \(2.0\)"),
        (pd.DataFrame({"a": [1.0, 2.0]}), {"vmax": "high"}, "vmax contains 'high'"),
        (pd.DataFrame({"a": [1.0, 2.0]}), {"vmin": np.inf}, "vmin contains inf"),
        (pd.DataFrame({"a": [1.0, 2.0]}), {"cmap": "no-such-map"}, "cmap 'no-such-map' is not a matplotlib colormap"),
    ],
)
def test_heatmap_bad_input(table, kwargs, message) -> None:
    with pytest.raises(PlotError, match=message):
        heatmap(table, "Title", **kwargs)


# --- term_positions and dispersion -------------------------------------------------------


def test_term_positions_run_from_zero_to_one(tokens) -> None:
    assert term_positions(["a", "b", "a"], "a") == [0.0, 1.0]
    assert term_positions(["NATO"], "nato") == [0.0]
    assert term_positions(["NATO"], "nato", lower=False) == []
    assert term_positions([], "nato") == []
    article = tokens["003"]
    found = term_positions(article, "troops")
    assert len(found) == Counter(article)["troops"] == 10
    assert found == sorted(found) and found[0] >= 0.0 and found[-1] <= 1.0
    assert found == [i / (len(article) - 1) for i, t in enumerate(article) if t == "troops"]


@pytest.mark.parametrize(
    "tokens_arg, term, message",
    [
        ("US troops", "troops", "tokens is one string"),
        (None, "troops", "tokens should be a list of words, not NoneType"),
        (["troops", 3], "troops", r"tokens contains 3 \(int\)"),
        (["troops"], "", "term should be a non-empty string"),
        (["troops"], None, "term should be a non-empty string"),
    ],
)
def test_term_positions_bad_input(tokens_arg, term, message) -> None:
    with pytest.raises(PlotError, match=message):
        term_positions(tokens_arg, term)


def test_dispersion_puts_every_use_on_a_shared_zero_to_one_axis(tokens) -> None:
    terms = ["troops", "nato", "invasion", "kirby"]
    ax = dispersion(tokens, terms)
    assert [line.get_label() for line in ax.lines] == terms
    for line, term in zip(ax.lines, terms):
        xs = np.asarray(line.get_xdata()).tolist()
        assert xs == [p for t in tokens.values() for p in term_positions(t, term)]
        assert len(xs) == sum(Counter(t)[term] for t in tokens.values())
    assert [to_hex(line.get_color()) for line in ax.lines] == [c.lower() for c in CATEGORY_COLOURS[:4]]
    assert ax.get_xlim() == (0.0, 1.0)
    assert ticks(ax.get_yticklabels()) == list(tokens)
    # each article's ticks stay inside its own band (row k spans k - 0.5 .. k + 0.5)
    kirby = ax.lines[3]
    bands = np.round(np.asarray(kirby.get_ydata())).astype(int).tolist()
    assert bands == [k for k, t in enumerate(tokens.values()) for _ in term_positions(t, "kirby")]
    assert 4 not in bands, "article 004 never names Kirby"
    assert ticks(ax.get_legend().get_texts()) == terms
    assert ax.get_xlabel().startswith("Position in the article")


@pytest.mark.parametrize(
    "tokens_arg, terms, message",
    [
        ([["troops"]], ["troops"], "tokens_by_article should be a dict"),
        ({}, ["troops"], "tokens_by_article is empty"),
        ({"A": ["troops"]}, "troops", r"terms should be a list of words, not one string: write terms=\['troops'\]"),
        ({"A": ["troops"]}, [], "terms is empty"),
        ({"A": ["troops"]}, [f"w{i}" for i in range(8)], "terms has 8 words; at most 7"),
        ({"A": "US troops"}, ["troops"], "article 'A' is one string"),
        ({"A": 42}, ["troops"], "article 'A' should be a list of words, not int"),
        ({"A": ["troops"], "B": []}, ["troops"], "article 'B' has no tokens"),
        ({"A": ["troops"]}, ["troops", "tanks"], "terms: 'tanks' occur"),
    ],
)
def test_dispersion_bad_input(tokens_arg, terms, message) -> None:
    with pytest.raises(PlotError, match=message):
        dispersion(tokens_arg, terms)


# --- small_multiples ------------------------------------------------------------------------


def test_small_multiples_share_one_zero_based_scale(corpus) -> None:
    profiles = frame_profiles(corpus, load_lexicon(FRAMES_FILE))  # chapter 07's 7 dimensions, as lesson 08 draws them
    fig = small_multiples(profiles, title="Frame profiles", ylabel="per 1,000 words",
                          panel_titles={"004": "004 · before"})
    assert len(fig.axes) == 5
    assert [ax.get_title() for ax in fig.axes] == ["000", "001", "002", "003", "004 · before"]
    for ax, (_, row) in zip(fig.axes, profiles.iterrows()):
        assert heights(ax) == pytest.approx(row.tolist())
        assert ticks(ax.get_xticklabels()) == list(profiles.columns)
        assert [colour(p) for p in ax.patches] == [c.lower() for c in CATEGORY_COLOURS[: len(profiles.columns)]]
    limits = {ax.get_ylim() for ax in fig.axes}
    assert len(limits) == 1, "panels compared side by side must share one y scale"
    low, high = limits.pop()
    assert low == 0.0 and high >= profiles.to_numpy().max()
    assert fig.axes[0].get_ylabel() == "per 1,000 words" and fig.axes[1].get_ylabel() == ""
    assert fig.get_suptitle() == "Frame profiles"


def test_small_multiples_without_a_shared_scale() -> None:
    profiles = pd.DataFrame({"a": [1.0, 10.0], "b": [2.0, 20.0]}, index=["X", "Y"])
    fig = small_multiples(profiles, sharey=False)
    assert fig.axes[0].get_ylim()[1] < fig.axes[1].get_ylim()[1]
    assert all(ax.get_ylim()[0] == 0.0 for ax in fig.axes)


def test_small_multiples_with_many_columns_use_one_colour() -> None:
    profiles = pd.DataFrame([list(range(1, 9))], columns=[f"c{i}" for i in range(8)], index=["X"])
    fig = small_multiples(profiles)
    assert {colour(p) for p in fig.axes[0].patches} == {"#0072b2"}


@pytest.mark.parametrize(
    "profiles, kwargs, message",
    [
        ({"a": [1]}, {}, "profiles should be a pandas DataFrame"),
        (pd.DataFrame(), {}, "profiles is empty"),
        (pd.DataFrame({"a": ["x"]}), {}, r"profiles contains 'x'"),
        (pd.DataFrame({"a": [None]}, dtype=float), {}, "fill or drop missing"),
        (pd.DataFrame({"a": [1.0]}), {"title": ""}, "title is empty"),
    ],
)
def test_small_multiples_bad_input(profiles, kwargs, message) -> None:
    with pytest.raises(PlotError, match=message):
        small_multiples(profiles, **kwargs)


# --- who_speaks ---------------------------------------------------------------------------


def test_who_speaks_stacks_the_attribution_ledger_by_side(corpus) -> None:
    ledger = attribution_ledger(corpus)
    ax = who_speaks(ledger)
    side = ledger["side"].where(ledger["speaker"] != "(unattributed)", "").replace("", "unattributed")
    table = ledger.assign(side=side).pivot_table(index="article", columns="side", values="quotations",
                                                 aggfunc="sum", fill_value=0)
    sides = [s for s in SIDE_COLOURS if s in table.columns] + sorted(set(table.columns) - set(SIDE_COLOURS))
    assert ticks(ax.get_legend().get_texts()) == sides
    expected = [float(table.loc[a, s]) for s in sides for a in table.index]
    assert widths(ax) == pytest.approx(expected)
    # each article's segments add up to its quotations, left to right without gaps
    totals = ledger.groupby("article")["quotations"].sum()
    for k, article in enumerate(table.index):
        row = [p for p in ax.patches if round(p.get_y() + p.get_height() / 2) == k]
        assert sum(p.get_width() for p in row) == totals[article]
    assert ticks(ax.get_yticklabels()) == list(table.index)
    colours = {text.get_text(): to_hex(handle.get_facecolor())
               for text, handle in zip(ax.get_legend().get_texts(), ax.get_legend().legend_handles)}
    for name, expected_colour in SIDE_COLOURS.items():
        if name in colours:
            assert colours[name] == expected_colour.lower()
    assert ax.get_xlim()[0] == 0.0 and ax.get_xlabel() == "Quotations"


def test_who_speaks_quoted_words_labels_and_unknown_sides() -> None:
    ledger = pd.DataFrame({
        "article": ["B", "B", "A", "A"], "speaker": ["Kirby", "(unattributed)", "Pope", "Peskov"],
        "side": ["US", "US", "Vatican", None], "quotations": [1, 1, 1, 1], "quoted_words": [10, 5, 7, 3],
    })
    ax = who_speaks(ledger, value="quoted_words", panel_labels={"B": "B · blog"}, title="Words")
    assert ticks(ax.get_yticklabels()) == ["B · blog", "A"], "articles in the order they first appear"
    # issue 13: grey "no side" segments are stacked last (was US, unattributed, Vatican)
    assert ticks(ax.get_legend().get_texts()) == ["US", "Vatican", "unattributed"]
    assert widths(ax) == [10.0, 0.0, 0.0, 7.0, 5.0, 3.0]
    assert ax.get_title() == "Words" and ax.get_xlabel() == "Quoted words"


def test_who_speaks_gives_every_side_of_any_corpus_its_own_colour_and_no_side_grey() -> None:
    sides = ["Osterland", "Veldria", "Blue Shore Alliance", "International Kessel River Commission", "unknown"]
    ledger = pd.DataFrame({
        "article": ["A"] * 6, "speaker": ["Sobel", "Hadek", "Lund", "Osei", "Nobody Listed", "(unattributed)"],
        "side": [*sides, ""], "quotations": [1, 2, 3, 4, 5, 6], "quoted_words": [1] * 6,
    })
    ax = who_speaks(ledger)
    colours = {text.get_text(): to_hex(handle.get_facecolor())
               for text, handle in zip(ax.get_legend().get_texts(), ax.get_legend().legend_handles)}
    assert list(colours) == sorted(sides[:4]) + ["unknown", "unattributed"], "other sides alphabetically, grey last"
    coloured = [colours[side] for side in sides[:4]]
    assert len(set(coloured)) == 4, f"four sides, four colours: {colours}"
    assert all(colour in [c.lower() for c in CATEGORY_COLOURS] for colour in coloured)
    assert colours["unknown"] == LIGHT_GREY.lower() and colours["unattributed"] == GREY.lower()
    assert side_colours(["Veldria", "Osterland"]) == side_colours(["Osterland", "Veldria"]), "the same every time"
    eight = side_colours([f"side {k}" for k in range(8)])
    assert len(eight) == 8 and all(eight.values()), "more sides than colours: every side still gets one"


@pytest.mark.parametrize(
    "ledger, kwargs, message",
    [
        ([("A", "US", 1)], {}, "ledger should be a DataFrame"),
        (pd.DataFrame({"article": ["A"], "quotations": [1]}), {}, r"ledger lacks the column\(s\) \['side'\]"),
        (pd.DataFrame({"article": ["A"], "side": ["US"], "quotations": [1]}), {"value": "words"},
         "value should be 'quotations' or 'quoted_words'"),
        (pd.DataFrame({"article": [], "side": [], "quotations": []}), {}, "ledger is empty"),
        (pd.DataFrame({"article": ["A"], "side": ["US"], "quotations": [-1]}), {}, "negative count"),
        (pd.DataFrame({"article": ["A"], "side": ["US"], "quotations": ["two"]}), {},
         r"ledger\['quotations'\] contains 'two'"),
    ],
)
def test_who_speaks_bad_input(ledger, kwargs, message) -> None:
    with pytest.raises(PlotError, match=message):
        who_speaks(ledger, **kwargs)


# --- house rules ------------------------------------------------------------------------------


def test_no_plot_function_shows_or_changes_global_settings(tokens, monkeypatch) -> None:
    """Notebooks end each cell with plt.show(); the library must not, nor touch rcParams."""
    shown = []
    monkeypatch.setattr(plt, "show", lambda *a, **k: shown.append(1))
    before = dict(matplotlib.rcParams)
    bar_per_article({"a": 1}, "T", "Y")
    dispersion(tokens, ["troops"])
    heatmap(pd.DataFrame([[1.0]]), "T")
    small_multiples(pd.DataFrame({"a": [1.0]}))
    keyness_bars(pd.DataFrame({"term": ["a"], "log_ratio": [1.0]}))
    who_speaks(pd.DataFrame({"article": ["A"], "side": ["US"], "quotations": [1]}))
    assert not shown
    assert dict(matplotlib.rcParams) == before


# --- the course's figure style and alt text (issue 12) ----------------------------------------

NOTEBOOKS = sorted((Path(__file__).resolve().parent.parent / "notebooks").glob("*.ipynb"))


def _figures_of_every_kind(tokens, corpus) -> list:
    """One figure from each drawing function, drawn with the course's style."""
    key = keyness(tokens["004"], [t for i, ts in tokens.items() if i != "004" for t in ts])
    return [
        bar_per_article({"000": 7, "001": 10}, "Uses", "Uses", annotate=True).figure,
        keyness_bars(key, top=4).figure,
        heatmap(pd.DataFrame([[1.0, 0.2], [0.2, 1.0]], index=["a", "b"], columns=["a", "b"]), "T").figure,
        dispersion(tokens, ["troops", "nato"]).figure,
        small_multiples(frame_profiles(corpus)),
        who_speaks(attribution_ledger(corpus)).figure,
    ]


def test_use_style_sets_the_one_style_and_no_text_is_below_12_points(tokens, corpus) -> None:
    with matplotlib.rc_context():
        use_style()
        assert {k: matplotlib.rcParams[k] for k in STYLE} == {
            k: matplotlib.rcParams.validate[k](v) for k, v in STYLE.items()
        }
        figures = _figures_of_every_kind(tokens, corpus)
        small = [
            (type(fig.axes[0]).__name__, text.get_text(), text.get_fontsize())
            for fig in figures
            for text in fig.findobj(matplotlib.text.Text)
            if text.get_text().strip() and text.get_visible() and text.get_fontsize() < TEXT_PT
        ]
        plt.close("all")
    assert TEXT_PT >= 12
    assert not small, f"text below {TEXT_PT} pt: {small}"


def test_dispersion_ticks_are_not_hairlines_and_heatmaps_do_not_blend_cells(tokens) -> None:
    ax = dispersion(tokens, ["troops"])
    assert all(line.get_markeredgewidth() >= 2 for line in ax.lines)
    image = heatmap(pd.DataFrame([[1.0, 0.0], [0.0, 1.0]]), "T").images[0]
    assert image.get_interpolation() == "nearest"
    plt.close("all")


def test_small_multiples_wrap_long_panel_titles() -> None:
    fig = small_multiples(pd.DataFrame({"a": [1.0, 2.0]}, index=["000", "001"]),
                          panel_titles={"000": "000\nSummary citing CNN", "001": "001"})
    assert [ax.get_title() for ax in fig.axes] == ["000\nSummary\nciting CNN", "001"]
    plt.close(fig)


def test_render_draws_a_double_density_png_with_its_alt_text_and_closes_the_figure() -> None:
    with matplotlib.rc_context():
        use_style()
        fig, ax = plt.subplots(figsize=(4, 2), layout="constrained")
        ax.plot([0, 1], [0, 1])
        image = render(fig, "  A line\n rising  from 0 to 1. ")
    assert not plt.fignum_exists(fig.number)
    assert (image.width, image.height) == (400, 200)  # screen px: 100 per inch
    assert image.png[:8] == b"\x89PNG\r\n\x1a\n"
    assert int.from_bytes(image.png[16:20], "big") == 2 * image.width  # image px: twice the screen px
    assert image.alt == "A line rising from 0 to 1."
    bundle = image._repr_mimebundle_()
    assert set(bundle) == {"text/html", "text/plain"} and bundle["text/plain"] == image.alt
    assert 'alt="A line rising from 0 to 1."' in bundle["text/html"] and 'width="400"' in bundle["text/html"]


def test_render_gives_the_same_bytes_twice() -> None:
    def draw() -> bytes:
        fig, ax = plt.subplots(figsize=(3, 2), layout="constrained")
        ax.bar(["a", "b"], [1, 2])
        return render(fig, "Two bars.").png

    assert draw() == draw()


@pytest.mark.parametrize(
    "fig, alt, message",
    [
        ("figure", "Alt.", "should be a matplotlib Figure"),
        (None, "", "alt is empty"),
        (None, "   ", "alt is empty"),
        (None, 3, "alt is empty"),
    ],
)
def test_render_bad_input(fig, alt, message) -> None:
    with pytest.raises(PlotError, match=message):
        render(plt.figure() if fig is None else fig, alt)
    plt.close("all")


def test_render_refuses_a_figure_wider_than_the_column() -> None:
    fig = plt.figure(figsize=(MAX_WIDTH + 0.5, 3))
    with pytest.raises(PlotError, match="wider than the notebook column"):
        render(fig, "Too wide.")
    assert not plt.fignum_exists(fig.number)


def test_show_displays_the_figure_image(monkeypatch) -> None:
    shown = []
    monkeypatch.setattr("IPython.display.display", lambda obj: shown.append(obj))
    show(plt.figure(figsize=(2, 1)), "Nothing yet.")
    assert [type(obj).__name__ for obj in shown] == ["FigureImage"] and shown[0].alt == "Nothing yet."


def _caption(cell: dict) -> str:
    """The first paragraph of a markdown cell as plain text: the sentence that says what a figure shows."""
    first = "".join(cell["source"]).split("\n\n")[0]
    return " ".join(first.replace("*", "").replace("`", "").split())


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_every_lesson_figure_has_alt_text_tied_to_the_sentence_under_it(path) -> None:
    """Every figure is an <img alt=...> (plots.show), the alt text is the sentence under the figure,
    and no figure is wider than the column; lessons with figures call plots.use_style() first."""
    cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
    figures = 0
    for index, cell in enumerate(cells):
        for output in cell.get("outputs", []):
            data = output.get("data", {})
            assert "image/png" not in data and "image/svg+xml" not in data, (
                f"{path.name} cell {index}: a figure without alt text; end the cell with plots.show(fig, alt)"
            )
            page = "".join(data.get("text/html", ""))
            if not page.startswith("<img "):
                continue
            figures += 1
            alt = html.unescape(re.search(r' alt="([^"]*)"', page).group(1))
            width = int(re.search(r' width="(\d+)"', page).group(1))
            assert alt == "".join(data["text/plain"])
            assert cells[index + 1]["cell_type"] == "markdown" and alt == _caption(cells[index + 1]), (
                f"{path.name} cell {index}: the alt text differs from the sentence under the figure:\n"
                f"alt:      {alt}\nsentence: {_caption(cells[index + 1])}"
            )
            assert width <= MAX_WIDTH * DISPLAY_DPI, f"{path.name} cell {index}: {width} px, wider than the column"
    sources = ["".join(cell["source"]) for cell in cells if cell["cell_type"] == "code"]
    if figures:
        first_figure = next(k for k, source in enumerate(sources) if "plots.show(" in source or "plt.show(" in source)
        assert any("plots.use_style()" in source for source in sources[:first_figure]), (
            f"{path.name}: call plots.use_style() in the setup cell, before the first figure"
        )
    assert not any("plt.show()" in source for source in sources), f"{path.name}: use plots.show(fig, alt)"


def test_table_html_has_no_empty_headers_and_left_aligns_only_text_columns() -> None:
    frame = pd.DataFrame(
        {"label": ["CNN rewrite", "Blog rewrite"], "tokens": [410, 454], "per_1000_tokens": [24.4, 4.4]},
        index=pd.Index(["003", "002"], name="article"),
    )
    page = table_html(frame)
    assert "<th></th>" not in page and page.count("<td></td>") == 4  # corner + the index-name row
    assert re.findall(r'<td style="text-align: left">([^<]*)</td>', page) == ["CNN rewrite", "Blog rewrite"]
    assert "<td>410</td>" in page and '<th style="text-align: left">label</th>' in page
    assert "<th>per_<wbr>1000_<wbr>tokens</th>" in page
    assert table_html(pd.DataFrame({"n": [1]})).count("text-align: left") == 0


def test_table_html_breaks_regular_expressions_and_camel_case_but_keeps_prose() -> None:
    page = table_html(pd.DataFrame({"pattern": ["^(?:Monday|Tuesday)$"], "tokenizer": ["TreebankWordTokenizer"],
                                    "text": ["a date shown by the page"]}))
    assert "(?:Monday|<wbr>Tuesday)$" in page and "Treebank<wbr>Word<wbr>Tokenizer" in page
    assert "a date shown by the page" in page
    with pytest.raises(PlotError, match="should be a pandas DataFrame"):
        table_html([1, 2])


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_lesson_tables_have_no_empty_header_cells(path) -> None:
    """axe-core's empty-table-header: no <th></th> in a lesson's outputs (plots.use_style shows tables without)."""
    cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
    empty = [k for k, cell in enumerate(cells) for output in cell.get("outputs", [])
             if "<th></th>" in "".join(output.get("data", {}).get("text/html", ""))]
    assert not empty, f"{path.name}: cells {empty} show tables with empty header cells; call plots.use_style()"
