"""The options of the explorer's dropdowns, as plain functions (tested without a browser).

A dropdown of 60 or 1,000 articles is a list nobody can scan: beyond :data:`MAX_LISTED` items,
the explorer shows a search box next to the dropdown, and :func:`search_options` keeps the
dropdown to the first items whose label holds every typed word.
"""

from __future__ import annotations

from collections.abc import Sequence

from framelab.explorer.markup import _label
from framelab.explorer.tables import ALL, REST, CorpusTables

#: A dropdown lists at most this many articles or speakers; a longer list gets a search box.
MAX_LISTED = 20

Option = tuple[str, object]


def article_options(tables: CorpusTables) -> list[Option]:
    """(label, id) for each article in corpus order, the label "id · catalog label".

    >>> from framelab import load_corpus
    >>> article_options(CorpusTables.build(load_corpus()))[0]
    ('000 · Summary citing CNN', '000')
    """
    return [(_label(article_id, tables.labels[article_id]), article_id) for article_id in tables.ids]


def other_options(tables: CorpusTables) -> list[Option]:
    """What Keyness compares against: the rest of the corpus pooled, then each article."""
    return [("rest (all others)", REST), *article_options(tables)]


def sentence_options(tables: CorpusTables, article: str) -> list[Option]:
    """(index and first 70 characters, index) for each sentence of ``article``."""
    options = []
    for index, sentence in enumerate(tables.sentences[article]):
        text = " ".join(sentence.split())
        options.append((f"{index}: {text[:70]}{'…' if len(text) > 70 else ''}", index))
    return options or [("(no sentences)", 0)]


def side_options(tables: CorpusTables) -> list[Option]:
    """All sides, each side of a quoted speaker, and "no speaker named" when a quotation has none."""
    sides = sorted(set(tables.quotes["side"]) - {""})
    options: list[Option] = [("all sides", ALL)] + [(side, side) for side in sides]
    if (tables.quotes["side"] == "").any():
        options.append(("no speaker named", ""))
    return options


def speaker_options(tables: CorpusTables, side: str) -> list[Option]:
    """All speakers, then each speaker of ``side`` (``"all"``: of every side), alphabetically."""
    quotes = tables.quotes
    if side != ALL:
        quotes = quotes[quotes["side"] == side]
    return [("all speakers", ALL)] + [(name, name) for name in sorted(set(quotes["speaker"]))]


def search_options(options: Sequence[Option], query: str, keep: object, fixed: int = 0,
                   limit: int = MAX_LISTED) -> list[Option]:
    """The options a search box leaves in a dropdown.

    The first ``fixed`` options ("rest", "all speakers") always stay; of the others, those whose
    label holds every word of ``query`` (case ignored), at most ``limit`` of them in their order,
    and always the option whose value is ``keep`` (the current choice, so that searching never
    changes what the views show).

    >>> options = [("all", "all")] + [(f"{i:03d} · outlet {i % 3}", f"{i:03d}") for i in range(60)]
    >>> [value for _, value in search_options(options, "outlet 2", keep="000", fixed=1, limit=3)]
    ['all', '000', '002', '005', '008']
    >>> len(search_options(options, "", keep="all", fixed=1))
    21
    """
    words = query.lower().split()
    head, rest = list(options[:fixed]), list(options[fixed:])
    found = [option for option in rest if all(word in option[0].lower() for word in words)][:limit]
    if all(value != keep for _, value in head + found):
        found = [option for option in rest if option[1] == keep or option in found]
    return head + found
