"""Shared names and the per-corpus tables every view reads, computed once (chapter 09).

:class:`CorpusTables` tokenizes each sentence once and finds every lexicon match and quotation
once; :func:`start_term` picks the word the explorer opens on, by a rule that works on any corpus.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from framelab.compare import CompareError, similarity_matrix
from framelab.corpus import load_corpus
from framelab.errors import FramelabError
from framelab.frames import dimensions, frame_lexicon, hedge_lexicon, match_terms
from framelab.lexicons import stop_words
from framelab.progress import progress
from framelab.text import sentence_spans, sentence_words
from framelab.text import words as text_words
from framelab.validators import article_list
from framelab.voices import UNATTRIBUTED, article_sides, corpus_quotations, reporting_verbs, sides_mapping

#: Views, in tab order, with their tab titles.
VIEWS = {"bars": "Bars", "concordance": "Concordance", "tellings": "Tellings", "voices": "Voices", "keyness": "Keyness"}
#: Sources of a selection: a typed word or phrase, a frame dimension, a lexicon category.
SOURCES = {"word": "word or phrase", "frame": "frame dimension", "lexicon": "lexicon category"}
#: Keyness measures (columns of :func:`framelab.compare.keyness`) and their names.
MEASURES = {"g2": "G² (log-likelihood)", "log_ratio": "log ratio", "log_odds_z": "log-odds z"}
#: Characters of context either side of a concordance match.
WIDTH = 40
#: At most this many bars; a larger corpus shows its highest values.
MAX_BARS = 30
#: At most this many concordance columns, and lines per column.
MAX_COLUMNS = 8
MAX_LINES = 25
#: At most this many counterparts in Tellings (the best-scoring ones).
MAX_TELLINGS = 8
#: Rows of the keyness table.
TOP_KEYWORDS = 20
DEFAULT_MIN_FREQ = 3
ALL = "all"
REST = "rest"
#: A corpus with at least this many articles builds its tables behind a progress bar (shown only
#: after framelab.progress.DELAY seconds); the five seeds never reach it.
PROGRESS_FROM = 50

HITS_COLUMNS = ["article", "sentence", "start", "left", "match", "right", "term"]
BAR_COLUMNS = ["article", "label", "count", "words", "per_1000"]
TELLING_COLUMNS = ["other", "match", "match_text", "score", "kind", "added", "dropped", "renamed", "changes"]
VOICE_COLUMNS = ["article", "speaker", "side", "verb", "text", "words"]


class ExplorerError(FramelabError):
    """A corpus or a selection the explorer cannot use; the message says what to do."""


ExplorerError.__module__ = "framelab.explorer"  # its public home, as tracebacks should name it


# --- the corpus, prepared once ------------------------------------------------------


def _lexicon_categories() -> dict[str, tuple[str, str | None]]:
    """Lexicon category label -> (lexicon name, category or None for every category)."""
    groups = sorted(set(reporting_verbs().values()))
    return {
        "hedges": ("hedges", "hedge"),
        "boosters": ("hedges", "booster"),
        "reporting verbs (all)": ("reporting", None),
        **{f"reporting verbs: {group}": ("reporting", group) for group in groups},
    }


def check_corpus(corpus: object) -> list:
    """The corpus as a list of articles, or an :class:`ExplorerError` saying what is wrong.

    ``None`` loads the five seed articles; a folder (``str`` or ``Path``) is
    loaded with :func:`framelab.load_corpus`.

    >>> len(check_corpus(None))
    5
    >>> check_corpus([])
    Traceback (most recent call last):
    ...
    framelab.explorer.ExplorerError: corpus is empty: pass at least one article, e.g. framelab.load_corpus().
    >>> check_corpus({"a": "text"})
    Traceback (most recent call last):
    ...
    framelab.explorer.ExplorerError: corpus must be a list of articles, e.g. framelab.load_corpus(), not dict.
    """
    if corpus is None:
        return load_corpus()
    if isinstance(corpus, (str, Path)):
        return load_corpus(corpus)
    return article_list(corpus, error=ExplorerError)


def _a(noun: str) -> str:
    return f"{'an' if noun[:1].lower() in 'aeiou' else 'a'} {noun}"


@dataclass
class CorpusTables:
    """Everything the views read, computed once per corpus (see :meth:`build`).

    ``sentences[id]``: the article's sentences; ``offsets[id]``: where each
    starts in the body; ``tokens[id]``: each sentence's lower-case word
    tokens; ``content[id]``: each sentence's content words (chapter 05);
    ``words``: word tokens per article; ``counts``: word counts per article
    (a ``Counter``), ``total``: all articles' counts added; ``matches``: every
    lexicon match (``lexicon``, ``article``, ``sentence``, ``position``,
    ``term``, ``category``); ``quotes``: every quotation (:data:`VOICE_COLUMNS`);
    ``nearest``: each article's most similar others (corpora of more than
    :data:`MAX_TELLINGS` + 1 articles); ``word_index``: :func:`word_index`;
    ``folded``: each body case-folded (``str.casefold``), to look for a phrase fast.
    """

    ids: list[str]
    labels: dict[str, str]
    bodies: dict[str, str]
    sentences: dict[str, list[str]]
    offsets: dict[str, list[int]]
    tokens: dict[str, list[list[str]]]
    content: dict[str, list[list[str]]]
    words: dict[str, int]
    counts: dict[str, Counter]
    total: Counter
    matches: pd.DataFrame
    quotes: pd.DataFrame
    categories: dict[str, list[str]] = field(default_factory=dict)
    nearest: dict[str, list[str]] = field(default_factory=dict)
    word_index: dict[str, dict[str, int]] = field(default_factory=dict)
    folded: dict[str, str] = field(default_factory=dict)

    @classmethod
    def build(cls, corpus: Sequence, sides: Mapping[str, str] | str | Path | None = None) -> CorpusTables:
        """Prepare a checked corpus (see :func:`check_corpus`).

        Quotations are those of :func:`framelab.voices.attribution_ledger` (the names table for the five bundled
        articles, the general rules for any other); ``sides`` as there (default: per article, the ``sides.tsv`` of
        the folder :func:`framelab.load_corpus` loaded it from; a speaker it does not list has the side ``"unknown"``).

        >>> tables = CorpusTables.build(load_corpus())
        >>> tables.words["003"], len(tables.sentences["003"]), tables.categories["lexicon"][:2]
        (410, 15, ['hedges', 'boosters'])
        """
        stop = stop_words()
        ids = [article.id for article in corpus]
        sentences, offsets, tokens, content, counts = {}, {}, {}, {}, {}
        bar = progress(len(ids), "preparing the explorer", at_least=PROGRESS_FROM, unit="article")
        with bar:
            # An explicit ``sides`` is read once, here; None stays None so each article reads its own folder's.
            total, rows, quotes = cls._read(corpus, ids, stop, sentences, offsets, tokens, content, counts, bar,
                                            None if sides is None else sides_mapping(sides))
        return cls(
            ids=ids,
            labels={article.id: (getattr(article, "label", "") or article.id) for article in corpus},
            bodies={article.id: article.body for article in corpus},
            sentences=sentences,
            offsets=offsets,
            tokens=tokens,
            content=content,
            words={article_id: sum(map(len, tokens[article_id])) for article_id in ids},
            counts=counts,
            total=total,
            matches=pd.DataFrame(rows, columns=["lexicon", "article", "sentence", "position", "term", "category"]),
            quotes=pd.DataFrame(quotes, columns=VOICE_COLUMNS),
            categories={"frame": dimensions(), "lexicon": list(_lexicon_categories())},
            nearest=nearest_articles(counts, MAX_TELLINGS) if len(ids) > MAX_TELLINGS + 1 else {},
            word_index=word_index(corpus),
            folded={article.id: article.body.casefold() for article in corpus},
        )

    @staticmethod
    def _read(corpus, ids, stop, sentences, offsets, tokens, content, counts, bar,
              sides: Mapping[str, str] | None) -> tuple[Counter, list, list]:
        """Fill the per-article dicts, one article at a time; return (total counts, lexicon match rows, quotations)."""
        lexicons = {"frames": frame_lexicon(), "hedges": hedge_lexicon(), "reporting": reporting_verbs()}
        rows, quotes = [], []
        per_folder: dict[str, dict[str, str]] = {}  # each folder's sides.tsv read once (sides=None)
        for article in corpus:
            spans = sentence_spans(article.body)
            found = [article.body[start:end] for start, end in spans]
            sentences[article.id] = found
            offsets[article.id] = [start for start, _ in spans]
            tokens[article.id] = [sentence_words(sentence) for sentence in found]
            content[article.id] = [[w for w in words if w not in stop] for words in tokens[article.id]]
            counts[article.id] = Counter(w for words in tokens[article.id] for w in words)
            # One match_terms call per lexicon: the sentences joined by "", a token no term holds,
            # so no match crosses a sentence end (the same matches as sentence by sentence).
            joined, where = [], []
            for index, words in enumerate(tokens[article.id]):
                joined.extend(words)
                joined.append("")
                where.extend((index, position) for position in range(len(words) + 1))
            for name, lexicon in lexicons.items():
                for position, term, category in match_terms(joined, lexicon):
                    rows.append((name, article.id, *where[position], term, category))
            quotes.extend((article.id, quote.speaker or UNATTRIBUTED, quote.side, quote.verb, quote.text,
                           len(text_words(quote.text)))  # as framelab.voices.attribution_ledger counts them
                          for quote in corpus_quotations(
                              [article], sides=article_sides(article, per_folder) if sides is None else sides))
            bar.update(1)
        total: Counter = Counter()
        for table in counts.values():
            total.update(table)
        return total, rows, quotes


_RUN = re.compile(r"\w+")


def word_index(corpus: Sequence) -> dict[str, dict[str, int]]:
    """Every run of word characters (``\\w+``, lower case) in the bodies -> {article id: how many times}.

    Not the word tokens of chapter 02: the runs are what a whole-word regular expression sees
    (``US-led`` holds ``us`` and ``led``), so :func:`framelab.explorer.term_counts` can count a word
    without scanning every body.

    >>> word_index([load_corpus()[0]])["kirby"]
    {'000': 4}
    """
    index: dict[str, dict[str, int]] = {}
    for article in corpus:
        for run, count in Counter(run.lower() for run in _RUN.findall(article.body)).items():
            index.setdefault(run, {})[article.id] = count
    return index


def nearest_articles(counts: Mapping[str, Counter], k: int) -> dict[str, list[str]]:
    """For each article, the ``k`` others most similar to it (TF-IDF cosine, chapter 04), most similar first.

    Articles without words have no neighbours. Ties go to corpus order.

    >>> nearest_articles({"a": Counter("xxy"), "b": Counter("xyz"), "c": Counter("zzw")}, 1)
    {'a': ['b'], 'b': ['a'], 'c': ['b']}
    """
    usable = {article_id: table for article_id, table in counts.items() if sum(table.values())}
    found: dict[str, list[str]] = {article_id: [] for article_id in counts}
    if len(usable) < 2:
        return found
    try:
        similarity = similarity_matrix(usable)
    except CompareError:  # a word-for-word repeated corpus: every TF-IDF weight is 0
        similarity = similarity_matrix(usable, weighting="counts")
    values = similarity.to_numpy(copy=True)
    np.fill_diagonal(values, -1.0)
    order = np.argsort(-values, axis=1, kind="stable")[:, :k]
    labels = list(usable)
    for row, article_id in enumerate(labels):
        found[article_id] = [labels[column] for column in order[row]]
    return found




#: How many of the most shared words :func:`start_term` checks for capitals before it gives up.
START_CANDIDATES = 40


def start_term(tables: CorpusTables) -> str:
    """The word the explorer opens on: the commonest word the articles share that is not a name.

    The rule, for any corpus: among the word tokens of ``tables`` (lower case, letters only) that
    are not stop words (chapter 03's list) nor reporting verbs (chapter 06's, "said"), take the one
    used by the most articles, then the most often in all, then the first alphabetically, leaving
    out names: a word written with a capital in more than half of its uses in the bodies (Ukraine,
    NATO, US). Bars then compare every article on a word they all use, in their own proportions.
    Of the :data:`START_CANDIDATES` most shared words, the first that is not a name wins; when all
    are names, the most shared one; ``""`` for a corpus without such words (the term box then
    shows its prompt).

    >>> start_term(CorpusTables.build(load_corpus()))
    'troops'
    """
    skip = stop_words() | set(reporting_verbs())
    spread: Counter = Counter()
    for table in tables.counts.values():
        spread.update(word for word in table if word.isalpha() and word not in skip)
    ranked = sorted(spread, key=lambda word: (-spread[word], -tables.total[word], word))[:START_CANDIDATES]
    if not ranked:
        return ""
    pattern = re.compile(r"(?<!\w)(" + "|".join(map(re.escape, ranked)) + r")(?!\w)", re.IGNORECASE)
    lower, capital = Counter(), Counter()
    for body in tables.bodies.values():
        for found in pattern.findall(body):
            (lower if found.islower() else capital)[found.lower()] += 1
    return next((word for word in ranked if lower[word] >= capital[word]), ranked[0])
