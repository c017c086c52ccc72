"""The Bars view: how often each article uses the selection, per 1,000 words (chapters 03, 07)."""

from __future__ import annotations

import html
import re
from collections.abc import Mapping

import pandas as pd

from framelab.corpus import load_corpus  # noqa: F401  (the doctests load the seeds)
from framelab.explorer.markup import BAR_COLOUR, _attr, _empty, _label
from framelab.explorer.tables import (
    BAR_COLUMNS,
    MAX_BARS,
    SOURCES,
    CorpusTables,
    ExplorerError,
    _a,
    _lexicon_categories,
)
from framelab.frames import PER, term_pattern


def normalize_term(term: object) -> str:
    """A typed term with its spaces tidied (what the views look for); refuses non-strings.

    >>> normalize_term("  Russian   threat ")
    'Russian threat'
    """
    if not isinstance(term, str):
        raise ExplorerError(f"term should be a word or phrase (a string), not {_a(type(term).__name__)}.")
    return " ".join(term.split())


def term_counts(tables: CorpusTables, term: str) -> dict[str, int]:
    """How often each article uses a typed word or phrase (0 included), in corpus order.

    Matching is that of :func:`framelab.frames.concordance` (same pattern:
    case ignored, whole words, any spaces inside a phrase, ``*`` ending a
    prefix), so the counts equal its number of lines per article. An empty
    term counts 0 everywhere.

    Fast on a large corpus: a plain word or prefix is looked up in ``tables.word_index``
    (a whole-word match of the pattern is exactly a maximal run of ``\\w``
    characters equal to the word, or starting with the prefix); for a phrase or a word with an
    apostrophe, the pattern only runs over the articles whose index holds the
    first run of letters of each of its words and whose case-folded text
    (``tables.folded``) holds the term.

    >>> tables = CorpusTables.build(load_corpus())
    >>> term_counts(tables, "Kirby")
    {'000': 4, '001': 4, '002': 1, '003': 6, '004': 0}
    >>> term_counts(tables, "Russian threat")["002"], term_counts(tables, "inva*")["004"]
    (1, 3)
    """
    term = normalize_term(term)
    if not term:
        return {article_id: 0 for article_id in tables.ids}
    words = term.lower().split()
    if len(words) == 1 and _RUN.fullmatch(words[0]):
        found = tables.word_index.get(words[0], {})
        return {article_id: found.get(article_id, 0) for article_id in tables.ids}
    if len(words) == 1 and len(words[0]) > 1 and words[0][-1] == "*" and _RUN.fullmatch(words[0][:-1]):
        counts = dict.fromkeys(tables.ids, 0)  # a prefix: every run that starts with it is a match
        for key, found in tables.word_index.items():
            if key.startswith(words[0][:-1]):
                for article_id, count in found.items():
                    counts[article_id] += count
        return counts
    candidates = set(tables.ids)
    for word in words:
        candidates &= _articles_with(tables, word)
    pattern = term_pattern(term)
    # A quick first look in the case-folded bodies: the same pattern, case-sensitive and without its
    # leading look-behind, so that the regex engine can jump to its first letters.
    if tables.folded:
        quick = re.compile(term_pattern(term.casefold()).pattern.removeprefix(r"(?<!\w)"))
        candidates = {article_id for article_id in candidates if quick.search(tables.folded[article_id])}
    return {article_id: len(pattern.findall(tables.bodies[article_id])) if article_id in candidates else 0
            for article_id in tables.ids}


_RUN = re.compile(r"\w+")


def _articles_with(tables: CorpusTables, word: str) -> set[str]:
    """The articles where ``word`` (lower case, as typed) can match: those whose index holds its first run of letters.

    The first run of ``\\w`` characters of a match is a whole run of the text, except at the end
    of a word with a final ``*``, where it is a prefix of one.
    """
    star = word.endswith("*") and len(word) > 1
    stem = word[:-1] if star else word
    first = _RUN.search(stem)
    if first is None:
        return set(tables.ids)
    if star and first.end() == len(stem):
        return {article_id for key, found in tables.word_index.items() if key.startswith(first.group())
                for article_id in found}
    return set(tables.word_index.get(first.group(), {}))


def category_matches(tables: CorpusTables, source: str, category: str) -> pd.DataFrame:
    """The lexicon matches of a frame dimension (``source="frame"``) or lexicon category (``"lexicon"``).

    Rows of ``tables.matches``: those of :func:`framelab.frames.match_terms`
    (longest term wins, within a sentence), so per article they count what
    :func:`framelab.frames.frame_profiles` and ``hedge_rates`` count.

    >>> tables = CorpusTables.build(load_corpus())
    >>> category_matches(tables, "lexicon", "hedges")["article"].value_counts().sort_index().tolist()
    [6, 6, 11, 6, 7]
    """
    if source not in ("frame", "lexicon") or category not in tables.categories.get(source, []):
        options = ", ".join(repr(name) for name in tables.categories.get(source, []))
        raise ExplorerError(
            f"category {category!r} is not a {SOURCES.get(source, source)}. "
            + (f"Use one of: {options}." if options else "Use source 'frame' or 'lexicon'.")
        )
    matches = tables.matches
    if source == "frame":
        chosen = matches[(matches["lexicon"] == "frames") & (matches["category"] == category)]
    else:
        lexicon, group = _lexicon_categories()[category]
        chosen = matches[matches["lexicon"] == lexicon]
        if group is not None:
            chosen = chosen[chosen["category"] == group]
    return chosen.reset_index(drop=True)


def bar_values(tables: CorpusTables, counts: Mapping[str, int]) -> pd.DataFrame:
    """Hits per article and per 1,000 word tokens (:data:`BAR_COLUMNS`), one row per article in corpus order.

    ``counts`` maps article ids to hits (missing ids count 0). The word
    tokens are those of :func:`framelab.frames.word_counts`.

    >>> tables = CorpusTables.build(load_corpus())
    >>> bar_values(tables, {"000": 4, "003": 5})[["article", "count", "words", "per_1000"]].round(2).values.tolist()[:2]
    [['000', 4, 509, 7.86], ['001', 0, 814, 0.0]]
    """
    rows = []
    for article_id in tables.ids:
        n_words = tables.words[article_id]
        count = int(counts.get(article_id, 0))
        rows.append((article_id, tables.labels[article_id], count, n_words, count * PER / n_words if n_words else 0.0))
    return pd.DataFrame(rows, columns=BAR_COLUMNS)


def describe_selection(source: str, term: str, category: str) -> str:
    """How the views name the selection.

    >>> describe_selection("word", " Russian  threat", ""), describe_selection("frame", "", "Economic")
    ('“Russian threat”', 'the Economic frame')
    """
    if source == "word":
        return f"“{normalize_term(term)}”"
    if source == "frame":
        return f"the {category} frame"
    return category


def render_bars(values: pd.DataFrame, what: str, max_bars: int = MAX_BARS) -> str:
    """The Bars view: one ``fl-bar`` div per article, or an ``fl-empty`` sentence.

    >>> view = render_bars(pd.DataFrame([("000", "A", 2, 500, 4.0)], columns=BAR_COLUMNS), "“troops”")
    >>> '<div class="fl-bar" data-article="000" data-value="4.00" data-count="2">' in view
    True
    >>> render_bars(pd.DataFrame([("000", "A", 0, 500, 0.0)], columns=BAR_COLUMNS), "“zeppelin”")
    '<p class="fl-empty">No article uses “zeppelin”.</p>'
    """
    if values.empty or values["count"].sum() == 0:
        return _empty(f"No article uses {what}.")
    note = ""
    shown = values
    if len(values) > max_bars:
        shown = values.sort_values("per_1000", ascending=False, kind="stable").head(max_bars)
        note = f'\n<p class="fl-note">The {max_bars} highest of {len(values):,} articles.</p>'
    top = float(shown["per_1000"].max())
    lines = [f'<p class="fl-caption">{html.escape(what)}: uses per 1,000 words</p>']
    for row in shown.itertuples(index=False):
        width = 0.0 if row.per_1000 == 0 else max(0.5, 60 * row.per_1000 / top)
        lines.append(
            f'<div class="fl-bar" data-article="{_attr(row.article)}" data-value="{row.per_1000:.2f}" data-count="{row.count}">'
            f'<span class="fl-bar-label" style="display:inline-block;width:15em">{html.escape(_label(row.article, row.label))}</span>'
            f'<span class="fl-bar-fill" style="display:inline-block;height:0.9em;width:{width:.1f}%;'
            f'background:{BAR_COLOUR}"></span> '
            f'<span class="fl-bar-value">{row.per_1000:.2f}</span> '
            f'<span class="fl-bar-count">({row.count} in {row.words:,} words)</span></div>'
        )
    return "\n".join(lines) + note


