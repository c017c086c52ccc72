"""Who speaks, and with which numbers: quotations, speakers, reporting verbs and numbers.

Chapter 06 teaches these steps; later chapters call them from here.

* :func:`quotation_spans`: the one definition of a direct quotation in framelab (``reuse`` uses it too).
* :func:`find_quotations`: the quotations of one text with a speaker, a reporting verb and a side.
* :func:`corpus_quotations`, :func:`attribution_ledger`: per article, who is quoted, how often, with how many
  words, for which side; the Explorer's Voices tab reads the same quotations.
* :func:`numbers_ledger` (from :mod:`framelab.numbers`): every number in context, with the value meant.

Speakers are found with rules, not a model, by one of two rule sets (``names=``):

* ``"table"``, chapter 06's rules (:mod:`framelab.table_mentions`, :mod:`framelab.table_speakers`): a
  **reporting verb** (``framelab/data/reporting_verbs.tsv``) next to the quotation, and its subject: a name from
  the five articles' **names table** (``framelab/data/speakers.tsv``, also matched by surname and by aliases such
  as "Washington" for the US), a title + name, a name + apposition, or a pronoun or description that refers back.
  Built on the five bundled articles: speaker F1 0.99 there, 0.61 and 0.57 on the held-out set's dev and test
  halves (``python -m tools.attribution_eval``).
* ``None``, the **general rules** of :mod:`framelab.attribution` (issue 13): no names list; speaker F1 1.00 on
  dev, 0.84 on test, 0.67 on the five articles.

``attribution_ledger(corpus)`` chooses by itself (``names="auto"``): the five bundled articles get the names table,
any other article the general rules. A speaker's side comes from the names table (for the five articles) or from
the ``sides.tsv`` of the folder the article was loaded from (:mod:`framelab.sides`, drafted by ``python -m framelab
catalog FOLDER``), and is
``"unknown"`` when neither lists the speaker: never guessed from a word inside a name. Nothing is guessed on
purpose; when the text does not decide, the speaker is ``""``.

>>> quotes, unmatched = find_quotations('“We are ready,” Kirby said. "Not permanent," he added.', names="table")
>>> [(q.text, q.speaker, q.verb, q.side) for q in quotes]
[('We are ready,', 'John Kirby', 'said', 'US'), ('Not permanent,', 'John Kirby', 'added', 'US')]
>>> [(q.speaker, q.verb, q.side) for q in find_quotations('“We are ready,” Mayor Ann Lee said.')[0]]
[('Ann Lee', 'said', 'unknown')]
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping, Sequence
from functools import lru_cache
from pathlib import Path

import pandas as pd
from nltk.tokenize.punkt import PunktSentenceTokenizer

from framelab.attribution import attribute

# Chapter 06 meets the numbers ledger beside the quotation ledger; it lives in framelab.numbers.
from framelab.numbers import NUMBER_COLUMNS, numbers_ledger  # noqa: F401
from framelab.progress import each

# Re-exported: notebooks, exercises and later chapters import these names from framelab.voices.
from framelab.quotation import (  # noqa: F401
    LEDGER_COLUMNS,
    UNATTRIBUTED,
    UNKNOWN,
    Quotation,
    VoicesError,
    quotation_spans,
)
from framelab.sides import SIDES_NAME, corpus_sides, read_sides, side_for, speaker_key  # noqa: F401
from framelab.table_mentions import (  # noqa: F401
    ALIASES,
    BODIES,
    DISPLAY,
    GENDERED,
    GIVEN,
    NAMING_VERBS,
    ROLES,
    display_name,
    reporting_verbs,
    side_of,
    speakers,
)
from framelab.table_speakers import find_table_quotations
from framelab.text import words
from framelab.validators import article_list

#: The values of ``names=``: chapter 06's names table, the general rules, or (ledgers only) each by article.
NAMES_CHOICES = ("table", None, "auto")
#: From this many articles on, ledgers may show a progress bar (framelab.progress): never on the five.
PROGRESS_ARTICLES = 50


def find_quotations(
    text: str,
    article: str = "",
    *,
    splitter: PunktSentenceTokenizer | None = None,
    names: str | None = None,
    sides: Mapping[str, str] | None = None,
) -> tuple[list[Quotation], list[int]]:
    """Every direct quotation of ``text`` with its speaker, in order, and the offsets of unmatched quotation marks.

    Quotations are those of :func:`quotation_spans` (top level; a quotation nested in another is part of it).
    ``names`` picks the speaker rules: ``None`` (the default) the general rules of
    :func:`framelab.attribution.attribute`, which need no list of names; ``"table"`` chapter 06's rules with the
    five articles' names table (:func:`framelab.table_speakers.find_table_quotations`, whose docstring states them;
    sentences are split with ``splitter``, a Punkt tokenizer trained on the corpus, or the default one). With the
    general rules, text between marks that is not speech (a title, a word quoted as a word, a "so-called" phrase)
    is still a quotation, with no speaker. ``speaker`` is the name as the text gives it in full (the general rules)
    or as the table writes it, ``""`` when the text does not decide; ``verb`` the reporting verb, lower case.

    ``side`` is ``""`` without a speaker; else the side ``sides`` (``speaker -> side``, e.g. :func:`read_sides` of a
    ``sides.tsv``; matched ignoring case, never by a word inside a name) gives, else with ``names="table"`` the
    table's side, else ``"unknown"``. Raises :class:`VoicesError` for a text or article that is not a string or an
    unknown ``names``; never on an unmatched mark.

    >>> text = 'Ann Lee, the mayor of Tarn, said: “Open the gates.” “No,” she said. "Soon.'
    >>> quotes, unmatched = find_quotations(text, "x", sides={"ann lee": "Tarn"})
    >>> [(q.start, q.end, q.text, q.speaker, q.verb, q.side) for q in quotes], unmatched
    ([(34, 51, 'Open the gates.', 'Ann Lee', 'said', 'Tarn'), (52, 57, 'No,', 'Ann Lee', 'said', 'Tarn')], [68])
    >>> find_quotations("“Talks went well,” said Washington Post editor Ann Lee.")[0][0].side
    'unknown'
    >>> find_quotations("“Hi,” Kirby said.", names="five")
    Traceback (most recent call last):
    ...
    framelab.voices.VoicesError: names must be "table" (chapter 06's names table of the five articles) or None (the general rules), not 'five'.
    """
    if not isinstance(text, str):
        raise VoicesError(f"text must be a string (an article body), not {type(text).__name__}.")
    if not isinstance(article, str):
        raise VoicesError(f"article must be a string (an article id such as '000'), not {type(article).__name__}.")
    if names not in ("table", None):
        raise VoicesError(
            'names must be "table" (chapter 06\'s names table of the five articles) or None (the general rules), '
            f"not {names!r}."
        )
    sides = {} if sides is None else {speaker_key(k): v for k, v in sides.items()}
    if names == "table":
        found, unmatched = find_table_quotations(text, article, splitter=splitter)
        return [_with_side(q, sides, q.side) for q in found], unmatched
    spans, unmatched = quotation_spans(text)
    said = {(a.start, a.end): a for a in attribute(text)}
    quotations = []
    for start, end, quoted in spans:
        found = said.get((start, end))
        speaker = (found.speaker or "") if found else ""
        verb = found.verb if found and speaker else ""
        quotations.append(_with_side(Quotation(article, start, end, quoted, speaker, verb), sides, ""))
    return quotations, unmatched


def _with_side(quote: Quotation, sides: Mapping[str, str], table_side: str) -> Quotation:
    """``quote`` with its side: ``sides`` first, then ``table_side``, then "unknown"; "" without a speaker."""
    side = side_for(quote.speaker, sides, table_side or UNKNOWN)
    return quote if side == quote.side else Quotation(quote.article, quote.start, quote.end, quote.text,
                                                      quote.speaker, quote.verb, side)


@lru_cache(maxsize=1)
def _seed_checksums() -> dict[tuple[str, str], str]:
    """(id, file) -> SHA-256 of the five bundled articles, from ``seeds/catalog.csv`` ({} when unreadable)."""
    from framelab.corpus import CATALOG_NAME, SEEDS, read_catalog

    try:
        return {(row["id"], row["file"]): row.get("sha256", "") for row in read_catalog(SEEDS / CATALOG_NAME)}
    except Exception:  # no readable seeds catalog: no article is one of the five, the general rules apply
        return {}


def is_seed_article(article: object) -> bool:
    """True when ``article`` is one of the five bundled articles: its id, file and text are the seeds catalog's.

    The text counts as the same when its SHA-256 (UTF-8, Windows line endings made ``\\n``) is the catalog's, as
    :func:`framelab.corpus_note.is_bundled` checks a whole corpus. A record without ``file`` or ``raw`` is not.

    >>> from framelab import load_corpus
    >>> corpus = load_corpus()
    >>> is_seed_article(corpus[0]), is_seed_article(corpus[0].__class__(**{**vars(corpus[0]), "raw": "Other."}))
    (True, False)
    """
    raw = getattr(article, "raw", None)
    key = (getattr(article, "id", None), getattr(article, "file", None))
    expected = _seed_checksums().get(key) if isinstance(raw, str) else None  # type: ignore[arg-type]
    return bool(expected) and hashlib.sha256(raw.replace("\r\n", "\n").encode("utf-8")).hexdigest() == expected


def names_for(article: object, names: str | None = "auto") -> str | None:
    """The rule set for one article: ``names`` itself, or for ``"auto"`` the names table (``"table"``) when the
    article is one of the five bundled ones (:func:`is_seed_article`) and the general rules (``None``) otherwise.

    >>> from types import SimpleNamespace
    >>> names_for(SimpleNamespace(id="1", body="Text."), "auto"), names_for(SimpleNamespace(id="1", body="."), "table")
    (None, 'table')
    """
    if names not in NAMES_CHOICES:
        raise VoicesError(
            'names must be "auto" (the names table for the five bundled articles, the general rules for any '
            f'other), "table" or None, not {names!r}.'
        )
    if names != "auto":
        return names
    return "table" if is_seed_article(article) else None


def sides_mapping(sides: Mapping[str, str] | str | Path | None = None) -> dict[str, str]:
    """``speaker_key(speaker) -> side`` from what ``sides=`` accepts: a mapping, a ``sides.tsv`` file, a corpus folder
    holding one (none there: ``{}``), or ``None`` for the ``sides.tsv`` of :func:`framelab.corpus.corpus_folder`.

    >>> sides_mapping({"Ann  Lee": "Tarn"}), sides_mapping("no/such/folder")
    ({'ann lee': 'Tarn'}, {})
    """
    if sides is None:
        return corpus_sides()
    if isinstance(sides, (str, Path)):
        path = Path(sides)
        return read_sides(path) if path.suffix.lower() == ".tsv" else corpus_sides(path)
    if isinstance(sides, Mapping):
        return {speaker_key(k): v for k, v in sides.items()}
    raise VoicesError(
        f"sides must be a mapping speaker -> side, a sides.tsv file or a corpus folder, not {type(sides).__name__}."
    )


def article_sides(article: object, cache: dict[str, dict[str, str]] | None = None) -> dict[str, str]:
    """``speaker_key(speaker) -> side`` for one article when ``sides=None``: the ``sides.tsv`` of the folder it was
    loaded from (``Article.folder``, set by :func:`framelab.load_corpus`; ``{}`` when that folder has none), else,
    for an article made by hand (no ``folder``), that of :func:`framelab.corpus.corpus_folder`.

    ``cache`` (folder -> sides) lets a corpus read each folder's file once. Raises :class:`VoicesError` for a bad
    ``sides.tsv`` (the message names the file and line).

    >>> from types import SimpleNamespace
    >>> article_sides(SimpleNamespace(id="1", body=".", folder="no/such/folder"))
    {}
    """
    folder = getattr(article, "folder", "")
    key = folder if isinstance(folder, str) and folder else ""
    cache = {} if cache is None else cache
    if key not in cache:
        # A folder from load_corpus reads its own file, never $FRAMELAB_CORPUS's: "" keeps the old default.
        cache[key] = corpus_sides(Path(key)) if key else corpus_sides()
    return cache[key]


def corpus_quotations(
    corpus: Sequence, *, names: str | None = "auto", sides: Mapping[str, str] | str | Path | None = None
) -> list[Quotation]:
    """Every quotation of every article (:func:`find_quotations`), in corpus order: what ledgers and the Explorer read.

    ``names`` is ``"auto"`` (:func:`names_for`: the five bundled articles get chapter 06's names table, every other
    article the general rules), ``"table"`` or ``None``. ``sides`` is a mapping ``speaker -> side``, a ``sides.tsv``
    path or a corpus folder holding one, for every article; ``None`` reads, per article, the ``sides.tsv`` of the
    folder :func:`framelab.load_corpus` loaded it from (:func:`article_sides`; an article made by hand: that of
    :func:`framelab.corpus.corpus_folder`), if there is one. The names table's sides come first for the five
    articles. Raises :class:`VoicesError` for a bad corpus, ``names`` or ``sides.tsv`` (the message names the file
    and line).

    >>> from framelab import load_corpus
    >>> [(q.article, q.speaker, q.side) for q in corpus_quotations(load_corpus())][:2]
    [('000', 'Russia', 'Russia'), ('000', 'John Kirby', 'US')]
    """
    items = article_list(corpus, error=VoicesError)
    chosen = [names_for(item, names) for item in items]
    given = None if sides is None else sides_mapping(sides)
    per_folder: dict[str, dict[str, str]] = {}
    found: list[Quotation] = []
    for item, rules in each(list(zip(items, chosen)), "finding quotations", at_least=PROGRESS_ARTICLES):
        mapping = article_sides(item, per_folder) if given is None else given
        quotes = find_quotations(item.body, item.id, splitter=getattr(item, "splitter", None), names=rules)[0]
        for quote in quotes:
            # The table's side first, for the five articles; sides.tsv for the speakers the table does not list.
            fallback = quote.side if rules == "table" and quote.side != UNKNOWN else ""
            found.append(_with_side(quote, {} if fallback else mapping, fallback))
    return found


def attribution_ledger(
    corpus: Sequence, *, names: str | None = "auto", sides: Mapping[str, str] | str | Path | None = None
) -> pd.DataFrame:
    """Per article and speaker: side, number of quotations and of quoted words (columns :data:`LEDGER_COLUMNS`).

    Quotations are :func:`corpus_quotations` (``names`` and ``sides`` as there: by default the names table for the
    five bundled articles, the general rules elsewhere, sides from the ``sides.tsv`` of the folder each article was
    loaded from, ``"unknown"`` for a speaker it does not list). Unattributed quotations are counted under ``"(unattributed)"`` with the side
    ``""``. Words are :func:`framelab.text.words`. Sorted by article, then quotations (most first), then speaker.

    >>> from framelab import load_corpus
    >>> ledger = attribution_ledger(load_corpus())
    >>> ledger[ledger.article == "003"].to_dict("records")
    [{'article': '003', 'speaker': 'John Kirby', 'side': 'US', 'quotations': 4, 'quoted_words': 71}]
    """
    rows: dict[tuple[str, str], list] = {}
    for quote in corpus_quotations(corpus, names=names, sides=sides):
        speaker = quote.speaker or UNATTRIBUTED
        row = rows.setdefault((quote.article, speaker), [quote.article, speaker, quote.side, 0, 0])
        row[3] += 1
        row[4] += len(words(quote.text))
    table = pd.DataFrame(list(rows.values()), columns=LEDGER_COLUMNS)
    table = table.sort_values(["article", "quotations", "speaker"], ascending=[True, False, True], kind="stable")
    return table.reset_index(drop=True)
