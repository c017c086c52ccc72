"""Counting words: frequencies, vocabulary richness, Zipf tables and collocations.

Chapter 03 teaches these steps with NLTK's ``FreqDist`` and
``BigramCollocationFinder``; later chapters call them from here. Every
function takes a list of word tokens, usually ``framelab.words(text, lower=True)``,
and returns plain data: a ``Counter``, a number, a list or a ``DataFrame``.
Tables are sorted with ties broken alphabetically, so they are the same on
every machine.

>>> tokens = "the troops and the allies and the troops".split()
>>> top_words(tokens, 2)
[('the', 3), ('and', 2)]
>>> type_token_ratio(tokens)
0.5
>>> hapaxes(tokens)
['allies']

Ratios are undefined for an empty text, so they raise :class:`CountingError`
(a :class:`~framelab.errors.FramelabError`) with a message instead of a
``ZeroDivisionError``; functions that list things return an empty list or table.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Sequence

import pandas as pd
from nltk.collocations import BigramAssocMeasures, BigramCollocationFinder

from framelab.errors import FramelabError
from framelab.validators import token_list, whole_number

#: Association measures :func:`collocations` accepts, by name.
MEASURES = {
    "likelihood_ratio": BigramAssocMeasures.likelihood_ratio,
    "pmi": BigramAssocMeasures.pmi,
}


class CountingError(FramelabError):
    """Input a counting function cannot work with: an empty text, a bad window or measure."""


def _check_tokens(tokens: object, function: str) -> list[str]:
    """Refuse a string (it would be counted letter by letter) or a non-list; return a list."""
    return token_list(tokens, f"{function}(tokens=...)", error=CountingError)


def _require_words(tokens: list[str], function: str) -> None:
    if not tokens:
        raise CountingError(
            f"{function}(tokens=[]): the token list is empty, so the ratio is undefined "
            "(there is nothing to divide by). Check that the text was loaded and tokenized."
        )


def frequencies(
    tokens: Iterable[str], stop_words: Iterable[str] | None = None, lower: bool = True
) -> Counter:
    """Count each word, optionally lower-cased first and without ``stop_words``.

    Stop words are compared with the lower-cased token (stop lists are lower
    case), so ``lower=False`` keeps "The" and "the" apart in the counts but
    removes both when "the" is a stop word.

    >>> frequencies(["The", "troops", "the", "US"])
    Counter({'the': 2, 'troops': 1, 'us': 1})
    >>> frequencies(["The", "troops", "the", "US"], stop_words={"the"}, lower=False)
    Counter({'troops': 1, 'US': 1})
    """
    tokens = _check_tokens(tokens, "frequencies")
    stop = frozenset(stop_words or ())
    return Counter(
        token.lower() if lower else token for token in tokens if token.lower() not in stop
    )


def top_words(
    tokens: Iterable[str], n: int = 10, stop_words: Iterable[str] | None = None, lower: bool = True
) -> list[tuple[str, int]]:
    """The ``n`` most frequent words as ``(word, count)``, ties in alphabetical order.

    ``stop_words`` and ``lower`` work as in :func:`frequencies`. Fewer than
    ``n`` distinct words give them all.

    >>> top_words(["us", "nato", "troops", "nato", "us", "the"], 2, stop_words={"the"})
    [('nato', 2), ('us', 2)]
    """
    whole_number(n, "top_words(n=...)", minimum=0, error=CountingError, meaning="words to list")
    counts = frequencies(tokens, stop_words=stop_words, lower=lower)
    return sorted(counts.items(), key=lambda item: (-item[1], item[0]))[:n]


def type_token_ratio(tokens: Sequence[str]) -> float:
    """Distinct words (types) divided by words (tokens), as given (lower-case first if wanted).

    It falls as a text grows, because common words keep coming back: compare
    texts of different lengths with :func:`moving_average_ttr` instead.

    >>> type_token_ratio(["nato", "us", "nato", "troops"])
    0.75
    >>> type_token_ratio([])
    Traceback (most recent call last):
    ...
    framelab.counting.CountingError: type_token_ratio(tokens=[]): the token list is empty, so the ratio is undefined (there is nothing to divide by). Check that the text was loaded and tokenized.
    """
    tokens = _check_tokens(tokens, "type_token_ratio")
    _require_words(tokens, "type_token_ratio")
    return len(set(tokens)) / len(tokens)


def moving_average_ttr(tokens: Sequence[str], window: int = 100) -> float:
    """Moving-average type-token ratio (MATTR, Covington & McFall 2010).

    The mean TTR of every run of ``window`` consecutive tokens (windows start
    at token 0, 1, 2, ... and overlap), so the result does not fall just
    because a text is longer. A text of exactly ``window`` tokens has one
    window and its MATTR equals its TTR.

    A text **shorter than the window** has no full window: that raises
    :class:`CountingError` instead of quietly falling back to the plain TTR,
    which would make short texts look richer. Choose a window no longer than
    the shortest text you compare.

    >>> moving_average_ttr(["a", "b", "a", "c"], window=2)
    1.0
    >>> moving_average_ttr(["a", "a", "b", "b"], window=2)
    0.6666666666666666
    >>> moving_average_ttr(["a", "b"], window=3)
    Traceback (most recent call last):
    ...
    framelab.counting.CountingError: moving_average_ttr(window=3): the text has only 2 tokens, fewer than one window. Use a window of at most 2 tokens (the shortest text you compare).
    """
    tokens = _check_tokens(tokens, "moving_average_ttr")
    whole_number(window, "moving_average_ttr(window=...)", minimum=1, error=CountingError, meaning="tokens, e.g. 100")
    _require_words(tokens, "moving_average_ttr")
    if len(tokens) < window:
        raise CountingError(
            f"moving_average_ttr(window={window}): the text has only {len(tokens)} tokens, fewer "
            f"than one window. Use a window of at most {len(tokens)} tokens (the shortest text you compare)."
        )
    # Slide the window one token at a time, updating the counts in place: O(n), not O(n * window).
    counts = Counter(tokens[:window])
    type_totals = len(counts)
    for leaving, entering in zip(tokens, tokens[window:]):
        counts[leaving] -= 1
        if not counts[leaving]:
            del counts[leaving]
        counts[entering] += 1
        type_totals += len(counts)
    windows = len(tokens) - window + 1
    return type_totals / (windows * window)


def hapaxes(tokens: Iterable[str]) -> list[str]:
    """Words that occur exactly once (hapax legomena), sorted; an empty text has none.

    >>> hapaxes(["nato", "us", "nato", "troops"])
    ['troops', 'us']
    """
    counts = Counter(_check_tokens(tokens, "hapaxes"))
    return sorted(word for word, count in counts.items() if count == 1)


def zipf_table(tokens: Iterable[str]) -> pd.DataFrame:
    """Every distinct word with its ``count`` and its frequency ``rank`` (1 = most frequent).

    Rows go from the most to the least frequent word, ties alphabetically, and
    tied words get consecutive ranks (as on a Zipf plot).

    >>> zipf_table(["us", "nato", "us", "troops", "nato", "us"])
       rank    word  count
    0     1      us      3
    1     2    nato      2
    2     3  troops      1
    """
    counts = Counter(_check_tokens(tokens, "zipf_table"))
    rows = sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    return pd.DataFrame(
        {
            "rank": pd.Series(range(1, len(rows) + 1), dtype="int64"),
            "word": pd.Series([word for word, _ in rows], dtype="object"),
            "count": pd.Series([count for _, count in rows], dtype="int64"),
        }
    )


def _documents(tokens: object) -> list[list[str]]:
    """One document (a list of words) or several (a list of lists): always a list of lists."""
    items = _check_tokens(tokens, "collocations")
    if all(isinstance(item, str) for item in items):
        return [items]
    if all(isinstance(item, (list, tuple)) for item in items):
        return [_check_tokens(item, "collocations") for item in items]
    raise CountingError(
        "collocations(tokens=...) expects a list of words, or a list of lists of words "
        "(e.g. one list per sentence), not a mix of both."
    )


def collocations(
    tokens: Sequence[str] | Sequence[Sequence[str]],
    measure: str = "likelihood_ratio",
    min_freq: int = 2,
    top: int | None = 10,
    stop_words: Iterable[str] | None = None,
) -> pd.DataFrame:
    """Adjacent word pairs ranked by an association measure, with NLTK's bigram finder.

    ``tokens`` is a list of words, or a list of lists of words (for example
    one list per sentence or per article): no pair is counted across two
    lists. Pairs seen fewer than ``min_freq`` times are dropped first
    (``apply_freq_filter``), and pairs holding a word of ``stop_words``
    (compared as given) are dropped too. ``measure`` is ``"likelihood_ratio"``
    or ``"pmi"`` (:data:`MEASURES`); the scores are NLTK's
    ``BigramAssocMeasures``, computed from the counts of the whole text, so
    filtering does not change the score of a pair that is kept.

    Returns the ``top`` pairs (all of them for ``top=None``) with columns
    ``bigram`` (the two words joined by a space), ``count`` and ``score``,
    best first, ties in alphabetical order of the pair.

    >>> words = "the us army and the us navy and the us".split()
    >>> collocations(words, measure="pmi", min_freq=2)  # equal scores: alphabetical order
        bigram  count     score
    0  and the      2  1.736966
    1   the us      3  1.736966
    >>> collocations(words, measure="t-score")
    Traceback (most recent call last):
    ...
    framelab.counting.CountingError: collocations(measure='t-score') is not a measure framelab knows. Use one of: 'likelihood_ratio', 'pmi'.
    """
    if measure not in MEASURES:
        names = ", ".join(repr(name) for name in MEASURES)
        raise CountingError(
            f"collocations(measure={measure!r}) is not a measure framelab knows. Use one of: {names}."
        )
    whole_number(
        min_freq,
        "collocations(min_freq=...)",
        minimum=1,
        error=CountingError,
        meaning="1 keeps every pair; 2 or 3 drops pairs seen once, whose scores are unreliable",
    )
    if top is not None:
        whole_number(top, "collocations(top=...)", error=CountingError, meaning="pairs to list; None lists all")
    finder = BigramCollocationFinder.from_documents(_documents(tokens))
    finder.apply_freq_filter(min_freq)
    if stop_words is not None:
        stop = frozenset(stop_words)
        finder.apply_word_filter(lambda word: word in stop)
    scored = finder.score_ngrams(MEASURES[measure])
    # NLTK sorts by (-score, pair) already; round before comparing so that two pairs
    # with mathematically equal scores are ordered by the pair on every machine.
    scored.sort(key=lambda item: (-round(item[1], 9), item[0]))
    if top is not None:
        scored = scored[:top]
    return pd.DataFrame(
        {
            "bigram": pd.Series([" ".join(pair) for pair, _ in scored], dtype="object"),
            "count": pd.Series([finder.ngram_fd[pair] for pair, _ in scored], dtype="int64"),
            "score": pd.Series([score for _, score in scored], dtype="float64"),
        }
    )


def pmi(pair_count: int, first_count: int, second_count: int, total: int) -> float:
    """Pointwise mutual information of a word pair, in bits, from its counts.

    ``log2( P(x, y) / (P(x) P(y)) )`` with ``P(x, y) = pair_count / total``,
    ``P(x) = first_count / total`` and ``P(y) = second_count / total``, where
    ``total`` is the number of words: the formula behind NLTK's
    ``BigramAssocMeasures.pmi`` for adjacent pairs.

    >>> round(pmi(10, 10, 12, 2695), 3)  # 'united states' in the five articles
    7.811
    >>> round(pmi(1, 1, 1, 2695), 2) == round(math.log2(2695), 2)  # a pair of two words seen once
    True
    """
    if min(pair_count, first_count, second_count, total) <= 0:
        raise CountingError(
            f"pmi({pair_count}, {first_count}, {second_count}, {total}): every count must be at "
            "least 1; PMI is undefined for a pair or word that never occurs."
        )
    if pair_count > min(first_count, second_count) or max(first_count, second_count) > total:
        raise CountingError(
            f"pmi({pair_count}, {first_count}, {second_count}, {total}): a pair cannot occur more often "
            "than either of its words, nor a word more often than the total. Check the order of the counts."
        )
    return math.log2(pair_count * total / (first_count * second_count))
