"""The Voices view: the attribution ledger and the quotations, by side and speaker (chapter 06).

The quotations are :func:`framelab.voices.corpus_quotations`, as :func:`framelab.voices.attribution_ledger` reads
them (:class:`framelab.explorer.tables.CorpusTables`): the names table for the five bundled articles, the general
rules for any other article, sides from the corpus folder's ``sides.tsv`` and ``"unknown"`` for a speaker it does
not list (shown as such; ``—`` marks a quotation without a speaker).
"""

from __future__ import annotations

import html

import pandas as pd

from framelab.corpus import load_corpus  # noqa: F401  (the doctests load the seeds)
from framelab.explorer.markup import _attr, _empty
from framelab.explorer.tables import ALL, CorpusTables


def voices_rows(tables: CorpusTables, side: str = ALL, speaker: str = ALL) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(ledger, quotations) for a side (``"all"``, ``""`` for no speaker named) and a speaker.

    The ledger has the columns of :func:`framelab.voices.attribution_ledger`
    and the same rows, filtered; the quotations, :data:`VOICE_COLUMNS`.

    >>> tables = CorpusTables.build(load_corpus())
    >>> ledger, quotes = voices_rows(tables, side="Ukraine")
    >>> ledger[["article", "speaker", "quotations"]].values.tolist()
    [['001', 'Dmytro Kuleba', 2], ['004', 'Volodymyr Zelensky', 6]]
    """
    quotes = tables.quotes
    if side != ALL:
        quotes = quotes[quotes["side"] == side]
    if speaker != ALL:
        quotes = quotes[quotes["speaker"] == speaker]
    quotes = quotes.reset_index(drop=True)
    ledger = (
        quotes.groupby(["article", "speaker", "side"], sort=False)
        .agg(quotations=("text", "size"), quoted_words=("words", "sum"))
        .reset_index()
        .sort_values(["article", "quotations", "speaker"], ascending=[True, False, True], kind="stable")
        .reset_index(drop=True)
    )
    return ledger, quotes


def render_voices(ledger: pd.DataFrame, quotes: pd.DataFrame, what: str) -> str:
    """The Voices view: the filtered ledger as a table, then the quotations.

    >>> tables = CorpusTables.build(load_corpus())
    >>> view = render_voices(*voices_rows(tables, speaker="Alexander Grushko"), "by Alexander Grushko")
    >>> view.count('class="fl-voice-row"'), view.count('class="fl-quote"')
    (1, 2)
    """
    if quotes.empty:
        return _empty(f"No quotation {what}.")
    parts = ['<table class="fl-ledger"><thead><tr><th>article</th><th>speaker</th><th>side</th>'
             "<th>quotations</th><th>quoted words</th></tr></thead><tbody>"]
    for row in ledger.itertuples(index=False):
        parts.append(f'<tr class="fl-voice-row" data-speaker="{_attr(row.speaker)}" data-side="{_attr(row.side)}">'
                     f"<td>{html.escape(row.article)}</td><td>{html.escape(row.speaker)}</td>"
                     f"<td>{html.escape(row.side or '—')}</td><td>{row.quotations}</td><td>{row.quoted_words}</td></tr>")
    parts.append("</tbody></table>")
    for row in quotes.itertuples(index=False):
        verb = f" ({html.escape(row.verb)})" if row.verb else ""
        parts.append(f'<div class="fl-quote" data-article="{_attr(row.article)}" data-speaker="{_attr(row.speaker)}" '
                     f'data-side="{_attr(row.side)}"><b>{html.escape(row.article)}</b> “{html.escape(row.text)}” — '
                     f"{html.escape(row.speaker)}{verb}</div>")
    return "\n".join(parts)


