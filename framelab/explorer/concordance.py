"""The Concordance view: every use of the selection in context, one column per article (chapter 07)."""

from __future__ import annotations

import html
import re
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import pandas as pd

from framelab.corpus import load_corpus  # noqa: F401  (the doctests load the seeds)
from framelab.explorer.bars import category_matches, normalize_term, term_counts  # noqa: F401  (doctests)
from framelab.explorer.markup import _attr, _empty, _label
from framelab.explorer.tables import HITS_COLUMNS, MAX_COLUMNS, MAX_LINES, WIDTH, CorpusTables
from framelab.frames import concordance


@dataclass(frozen=True)
class _Body:
    id: str
    body: str


def term_hits(tables: CorpusTables, term: str, articles: Sequence[str] | None = None, width: int = WIDTH) -> pd.DataFrame:
    """Concordance lines of a typed word or phrase in ``articles`` (default: all), from :func:`framelab.frames.concordance`.

    Columns :data:`HITS_COLUMNS` (``sentence`` is -1: a phrase is found in
    the body, not sentence by sentence); rows in corpus and text order.

    >>> tables = CorpusTables.build(load_corpus())
    >>> term_hits(tables, "Russian threat")[["article", "match"]].values.tolist()
    [['002', 'Russian threat']]
    """
    term = normalize_term(term)
    chosen = tables.ids if articles is None else list(articles)
    if not term or not chosen:
        return pd.DataFrame(columns=HITS_COLUMNS)
    found = concordance([_Body(article_id, tables.bodies[article_id]) for article_id in chosen], term, width=width)
    found.insert(1, "sentence", -1)
    found["term"] = term.lower()
    return found[HITS_COLUMNS].reset_index(drop=True)


def category_hits(tables: CorpusTables, matches: pd.DataFrame, articles: Sequence[str] | None = None,
                  width: int = WIDTH) -> pd.DataFrame:
    """Concordance lines of lexicon ``matches`` (from :func:`category_matches`) in ``articles`` (default: all).

    Each match is found in its sentence as written, for ``width`` characters
    of context from the body either side; columns :data:`HITS_COLUMNS`.

    >>> tables = CorpusTables.build(load_corpus())
    >>> hits = category_hits(tables, category_matches(tables, "frame", "Economic"))
    >>> hits[["article", "term", "match"]].head(2).values.tolist()
    [['004', 'penalties', 'penalties'], ['004', 'sanctions', 'sanctions']]
    """
    if articles is not None:
        matches = matches[matches["article"].isin(list(articles))]
    rows = []
    seen: Counter = Counter()
    for article_id, index, position, term in matches[["article", "sentence", "position", "term"]].itertuples(index=False):
        sentence = tables.sentences[article_id][index]
        occurrence = seen[(article_id, index, term)]
        seen[(article_id, index, term)] += 1
        located = list(_phrase(term).finditer(sentence))
        body, base = tables.bodies[article_id], tables.offsets[article_id][index]
        if occurrence < len(located):
            match = located[occurrence]
            start, end = base + match.start(), base + match.end()
            rows.append((article_id, index, start, _flat(body[max(0, start - width) : start]),
                         _flat(body[start:end]), _flat(body[end : end + width]), term))
        else:  # the words are there, but not as written (e.g. split by odd punctuation): show the tokens
            words = tables.tokens[article_id][index]
            size = len(term.split())
            rows.append((article_id, index, base, " ".join(words[max(0, position - 6) : position]) + " ",
                         " ".join(words[position : position + size]),
                         " " + " ".join(words[position + size : position + size + 6]), term))
    return pd.DataFrame(rows, columns=HITS_COLUMNS)


def _phrase(term: str) -> re.Pattern[str]:
    parts = [re.escape(word).replace("'", "['’]") for word in term.split()]
    return re.compile(r"(?<!\w)" + r"\W+".join(parts) + r"(?!\w)", re.IGNORECASE)


def _flat(text: str) -> str:
    return re.sub(r"\s", " ", text)


def concordance_columns(tables: CorpusTables, counts: Mapping[str, int], max_columns: int = MAX_COLUMNS) -> list[str]:
    """The articles that get a concordance column: all of them, or beyond ``max_columns`` the first that have a hit.

    >>> tables = CorpusTables.build(load_corpus())
    >>> concordance_columns(tables, {"004": 1}), concordance_columns(tables, {"004": 1}, max_columns=2)
    (['000', '001', '002', '003', '004'], ['004'])
    """
    if len(tables.ids) <= max_columns:
        return list(tables.ids)
    return [article_id for article_id in tables.ids if counts.get(article_id, 0)][:max_columns]


def render_concordance(hits: pd.DataFrame, tables: CorpusTables, what: str, columns: Sequence[str],
                       counts: Mapping[str, int], max_lines: int = MAX_LINES) -> str:
    """The Concordance view: one ``fl-kwic-col`` per article of ``columns``, the match in ``<mark>``.

    >>> tables = CorpusTables.build(load_corpus())
    >>> counts = term_counts(tables, "Kirby")
    >>> view = render_concordance(term_hits(tables, "Kirby"), tables, "“Kirby”", tables.ids, counts)
    >>> view.count('class="fl-kwic-col"'), view.count('class="fl-kwic-line"'), view.count('class="fl-kwic-none"')
    (5, 15, 1)
    """
    total = sum(counts.values())
    if not total:
        return _empty(f"No article uses {what}.")
    by_article = {article_id: group for article_id, group in hits.groupby("article", sort=False)}
    parts = ['<div class="fl-kwic" style="display:flex;gap:0.8em;align-items:flex-start">']
    for article_id in columns:
        parts.append(f'<div class="fl-kwic-col" data-article="{_attr(article_id)}" style="flex:1;min-width:12em">')
        parts.append(f'<div class="fl-kwic-head"><b>{html.escape(_label(article_id, tables.labels[article_id]))}</b> '
                     f"({counts.get(article_id, 0)})</div>")
        group = by_article.get(article_id)
        if group is None or group.empty:
            parts.append('<div class="fl-kwic-none">no match</div>')
        else:
            for row in group.head(max_lines).itertuples(index=False):
                parts.append(f'<div class="fl-kwic-line">…{html.escape(row.left)}<mark>{html.escape(row.match)}</mark>'
                             f"{html.escape(row.right)}…</div>")
            more = counts.get(article_id, 0) - min(len(group), max_lines)
            if more > 0:
                parts.append(f'<div class="fl-kwic-more">and {more} more</div>')
        parts.append("</div>")
    parts.append("</div>")
    with_hits = sum(1 for value in counts.values() if value)
    shown = sum(1 for article_id in columns if counts.get(article_id, 0))
    if with_hits > shown:
        parts.append(f'<p class="fl-note">Columns for the first {shown} of the {with_hits:,} articles that use '
                     f"{html.escape(what)}.</p>")
    return "\n".join(parts)


