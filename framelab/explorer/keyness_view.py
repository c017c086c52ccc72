"""The Keyness view: the words key to an article against the rest or another article (chapter 04)."""

from __future__ import annotations

import html
import re  # noqa: F401  (the doctests)

import pandas as pd

from framelab.compare import keyness
from framelab.corpus import load_corpus  # noqa: F401  (the doctests load the seeds)
from framelab.explorer.markup import _attr, _empty
from framelab.explorer.tables import DEFAULT_MIN_FREQ, MEASURES, REST, TOP_KEYWORDS, CorpusTables, ExplorerError
from framelab.validators import whole_number


def keyness_table(tables: CorpusTables, article: str, other: str = REST) -> pd.DataFrame:
    """:func:`framelab.compare.keyness` of ``article`` against ``other`` (an article, or ``"rest"`` pooled).

    Every term is kept (``min_freq=1``); :func:`keyness_rows` filters and sorts.

    >>> tables = CorpusTables.build(load_corpus())
    >>> keyness_table(tables, "004").head(2)["term"].tolist()
    ['friday', 'american']
    """
    if article not in tables.counts or (other != REST and other not in tables.counts):
        wrong = article if article not in tables.counts else other
        raise ExplorerError(f"article {wrong!r} is not in the corpus. Use one of: {', '.join(tables.ids[:10])}.")
    if other == article:
        raise ExplorerError(f"article {article!r} compared with itself has no key words: pick another article or 'rest'.")
    reference = tables.total - tables.counts[article] if other == REST else tables.counts[other]
    return keyness(tables.counts[article], reference)


def keyness_rows(table: pd.DataFrame, measure: str = "g2", min_freq: int = DEFAULT_MIN_FREQ,
                 top: int = TOP_KEYWORDS) -> pd.DataFrame:
    """The ``top`` terms with the highest ``measure`` above 0, used at least ``min_freq`` times in all.

    Ties go alphabetically; the index is reset.

    >>> tables = CorpusTables.build(load_corpus())
    >>> keyness_rows(keyness_table(tables, "004"), "log_ratio", min_freq=5, top=3)["term"].tolist()
    ['attack', 'for', 'which']
    """
    if measure not in MEASURES:
        raise ExplorerError(f"measure {measure!r} is not one of {', '.join(repr(m) for m in MEASURES)}.")
    whole_number(min_freq, "min_freq", minimum=1, error=ExplorerError)
    kept = table[(table["count_target"] + table["count_reference"] >= min_freq) & (table[measure] > 0)]
    kept = kept.sort_values([measure, "term"], ascending=[False, True], kind="stable")
    return kept.head(top).reset_index(drop=True)


def render_keyness(rows: pd.DataFrame, measure: str, target: str, reference: str, min_freq: int) -> str:
    """The Keyness view: one ``fl-key-row`` per term, or an ``fl-empty`` sentence.

    >>> tables = CorpusTables.build(load_corpus())
    >>> view = render_keyness(keyness_rows(keyness_table(tables, "004"), top=2), "g2", "004", "the rest", 3)
    >>> re.findall(r'data-term="([^"]*)"', view)
    ['friday', 'american']
    """
    if rows.empty:
        return _empty(f"No word is used relatively more in {target} than in {reference} with at least "
                      f"{min_freq} uses: lower the minimum frequency.")
    parts = [f'<p class="fl-caption">Words key to {html.escape(target)} against {html.escape(reference)}, '
             f"by {html.escape(MEASURES[measure])} (at least {min_freq} uses; * thin evidence)</p>",
             '<table class="fl-key-table"><thead><tr><th>term</th><th>in target</th><th>in reference</th>'
             f"<th>per 1,000 target</th><th>per 1,000 reference</th><th>{html.escape(MEASURES[measure])}</th>"
             "</tr></thead><tbody>"]
    for row in rows.itertuples(index=False):
        thin = " *" if row.thin_evidence else ""
        value = getattr(row, measure)
        parts.append(f'<tr class="fl-key-row" data-term="{_attr(row.term)}" data-value="{value:.3f}">'
                     f"<td>{html.escape(row.term)}{thin}</td><td>{row.count_target}</td><td>{row.count_reference}</td>"
                     f"<td>{row.per_1000_target:.2f}</td><td>{row.per_1000_reference:.2f}</td><td>{value:.2f}</td></tr>")
    parts.append("</tbody></table>")
    return "\n".join(parts)


