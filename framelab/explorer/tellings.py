"""The Tellings view: a sentence and its closest counterpart in the other articles (chapter 05)."""

from __future__ import annotations

import difflib
import html
import re
from collections.abc import Sequence

import pandas as pd

from framelab.corpus import load_corpus  # noqa: F401  (the doctests load the seeds)
from framelab.explorer.markup import _attr, _empty, _label, _sr
from framelab.explorer.tables import MAX_TELLINGS, TELLING_COLUMNS, CorpusTables, ExplorerError
from framelab.reuse import PARAPHRASE, VERBATIM, best_match, match_kind
from framelab.text import tokenize_sentence
from framelab.validators import is_whole_number


def tellings(tables: CorpusTables, article: str, sentence: int) -> pd.DataFrame:
    """A sentence's closest counterpart in every other article, as in chapter 05.

    Scores and kinds are those of :func:`framelab.reuse.align_sentences`
    (the same content words, the same matcher, ties to the earliest
    sentence). ``added`` and ``dropped`` count the tokens the counterpart
    adds or drops, ``renamed`` the runs it replaces; ``changes`` holds
    :func:`word_changes` itself.
    Rows: other articles in corpus order. In a corpus of more than
    :data:`MAX_TELLINGS` + 1 articles, only the :data:`MAX_TELLINGS` articles
    most similar to ``article`` are searched (``tables.nearest``).

    >>> tables = CorpusTables.build(load_corpus())
    >>> table = tellings(tables, "003", 8)
    >>> table[["other", "match", "kind"]].values.tolist()
    [['000', 8, 'verbatim'], ['001', 29, 'unique'], ['002', 19, 'unique'], ['004', 5, 'unique']]
    """
    _check_sentence(tables, article, sentence)
    words = tables.content[article][sentence]
    rows = []
    mine = tables.sentences[article][sentence]
    candidates = set(tables.nearest[article]) if tables.nearest else set(tables.ids)
    for other in tables.ids:
        if other == article or other not in candidates or not tables.sentences[other]:
            continue
        match, score = best_match(words, tables.content[other])
        text = tables.sentences[other][match]
        changes = word_changes(mine, text)
        rows.append((other, match, text, score, match_kind(score, VERBATIM, PARAPHRASE),
                     sum(len(new) for op, old, new in changes if op == "insert"),
                     sum(len(old) for op, old, new in changes if op == "delete"),
                     sum(1 for op, old, new in changes if op == "replace"), changes))
    return pd.DataFrame(rows, columns=TELLING_COLUMNS)


def _check_sentence(tables: CorpusTables, article: str, sentence: int) -> None:
    if article not in tables.sentences:
        raise ExplorerError(f"article {article!r} is not in the corpus. Use one of: {', '.join(tables.ids[:10])}.")
    count = len(tables.sentences[article])
    if not is_whole_number(sentence) or not 0 <= sentence < count:
        raise ExplorerError(
            f"sentence {sentence!r} does not exist in article {article!r}: pick a number from 0 to {count - 1}."
            if count else f"article {article!r} has no sentences."
        )


def word_changes(a: str, b: str) -> list[tuple[str, list[str], list[str]]]:
    """How sentence ``b`` retells sentence ``a``, word token by token (case ignored).

    Returns ``(op, a_tokens, b_tokens)`` runs with ``op`` one of ``"equal"``,
    ``"replace"`` (renamed), ``"delete"`` (dropped from ``a``), ``"insert"``
    (added in ``b``), from ``difflib.SequenceMatcher`` as in
    :func:`framelab.reuse.word_diff`.

    >>> [(op, old, new) for op, old, new in word_changes("Troops will go.", "Troops will soon go to Poland.") if op != "equal"]
    [('insert', [], ['soon']), ('insert', [], ['to', 'Poland'])]
    """
    first, second = tokenize_sentence(a), tokenize_sentence(b)
    matcher = difflib.SequenceMatcher(
        None, [t.lower() for t in first], [t.lower() for t in second], autojunk=False
    )
    return [(op, first[a1:a2], second[b1:b2]) for op, a1, a2, b1, b2 in matcher.get_opcodes()]


_NO_SPACE_BEFORE = re.compile(r"^(?:[.,;:!?)\]}%]|'s|'re|'ve|'ll|'d|'m|n't|')$", re.IGNORECASE)


def join_tokens(tokens: Sequence[str]) -> str:
    """Tokens back into readable text: no space before punctuation or clitics.

    >>> join_tokens(["Ukraine", "'s", "border", ",", "he", "said", "."])
    "Ukraine's border, he said."
    """
    text = ""
    for token in tokens:
        if text and not _NO_SPACE_BEFORE.match(token) and not text.endswith(("(", "[")):
            text += " "
        text += token
    return text


_SR_ADDED, _SR_REMOVED = _sr("added: "), _sr("removed: ")


def render_changes(changes: list[tuple[str, list[str], list[str]]]) -> str:
    """A counterpart sentence with what it added (``<ins>``), dropped (``<del>``) and renamed.

    Underline and strikethrough are not read aloud, so each change also starts with
    visually hidden text (``fl-sr``) saying "added:", "removed:" or "renamed from: … to:".

    >>> render_changes(word_changes("Troops go.", "Soldiers go now."))  # doctest: +NORMALIZE_WHITESPACE
    '<span class="fl-renamed" title="renamed"><del><span class="fl-sr">renamed from: </span>Troops</del>
     <ins><span class="fl-sr">to: </span>Soldiers</ins></span> go
     <ins class="fl-added"><span class="fl-sr">added: </span>now</ins> .'
    """
    parts = []
    for op, old, new in changes:
        if op == "equal":
            parts.append(html.escape(join_tokens(new)))
        elif op == "insert":
            parts.append(f'<ins class="fl-added">{_SR_ADDED}{html.escape(join_tokens(new))}</ins>')
        elif op == "delete":
            parts.append(f'<del class="fl-dropped">{_SR_REMOVED}{html.escape(join_tokens(old))}</del>')
        else:
            parts.append(
                f'<span class="fl-renamed" title="renamed"><del>{_sr("renamed from: ")}{html.escape(join_tokens(old))}'
                f'</del> <ins>{_sr("to: ")}{html.escape(join_tokens(new))}</ins></span>'
            )
    return " ".join(parts)


def render_tellings(table: pd.DataFrame, tables: CorpusTables, article: str, sentence: int,
                    max_tellings: int = MAX_TELLINGS) -> str:
    """The Tellings view: the chosen sentence, then each other article's counterpart.

    >>> tables = CorpusTables.build(load_corpus())
    >>> view = render_tellings(tellings(tables, "003", 8), tables, "003", 8)
    >>> view.count('class="fl-telling"'), view.count('data-kind="verbatim"'), "<ins" in view
    (4, 1, True)
    """
    mine = tables.sentences[article][sentence]
    parts = [
        f'<div class="fl-telling-source" data-article="{_attr(article)}" data-sentence="{sentence}">'
        f"<b>{html.escape(_label(article, tables.labels[article]))}</b>, sentence {sentence}: "
        f"<q>{html.escape(mine)}</q></div>",
        '<p class="fl-legend"><ins>added</ins> · <del>dropped</del> · <del>old</del> <ins>new</ins> = renamed '
        f"(verbatim ≥ {VERBATIM}, paraphrase ≥ {PARAPHRASE}, below: no counterpart)</p>",
    ]
    if table.empty:
        return "\n".join(parts) + _empty("There is no other article to compare this sentence with.")
    shown = table.head(max_tellings)
    told = table[table["kind"] != "unique"]
    if told.empty:
        parts.append(_empty(f"No other article tells this sentence, even in other words "
                            f"(every closest sentence scores below {PARAPHRASE})."))
    for row in shown.itertuples(index=False):
        head = f"<b>{html.escape(_label(row.other, tables.labels[row.other]))}</b> — {row.kind} ({row.score:.2f})"
        if row.kind == "unique":
            body = (f'<p class="fl-none">{html.escape(row.other)} does not tell this sentence: its closest sentence '
                    f"({row.match}) scores {row.score:.2f}, below {PARAPHRASE}.</p>")
        else:
            body = (f'<div class="fl-telling-text">{render_changes(row.changes)}</div>'
                    f'<div class="fl-telling-summary">{row.added} added, {row.dropped} dropped, '
                    f"{row.renamed} renamed (sentence {row.match})</div>")
        parts.append(f'<div class="fl-telling" data-article="{_attr(row.other)}" data-kind="{row.kind}" '
                     f'data-score="{row.score:.2f}">{head}{body}</div>')
    if tables.nearest:
        parts.append(f'<p class="fl-note">Searched the {len(table)} articles most similar to {html.escape(article)} '
                     f"overall (TF-IDF cosine) of {len(tables.ids) - 1:,} others.</p>")
    return "\n".join(parts)


