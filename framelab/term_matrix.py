"""Documents as word counts and as one document x term matrix, the data every comparison reads.

:mod:`framelab.compare` re-exports everything public here. Every comparison
function takes *documents* as plain data: a mapping ``label -> counts``
(``{"troops": 12, ...}``, e.g. a ``Counter`` of ``framelab.words(body, lower=True)``)
or ``label -> tokens`` (a list of words). This module checks them (counts are
whole numbers of 0 or more, no article is empty) and turns them into one
document x term matrix of counts, so each formula of :mod:`framelab.keyness`
and :mod:`framelab.similarity` is computed once, with numpy, over the whole
matrix: the same code serves five articles in a lesson and a thousand in
``python -m benchmarks.keyness``. It also holds the errors of every comparison
and :func:`relative_frequency`, counts per 1,000 tokens.

>>> document_term_matrix({"A": {"troops": 2}, "B": ["nato"]}).to_dict("index")
{'A': {'nato': 0, 'troops': 2}, 'B': {'nato': 1, 'troops': 0}}
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from itertools import chain

import numpy as np
import pandas as pd

from framelab.errors import FramelabError
from framelab.validators import number

#: One document: word counts or the list of its word tokens.
Document = Mapping[str, int] | Sequence[str]


class CompareError(FramelabError):
    """Documents or arguments that the comparison functions cannot use."""


class EmptyArticleError(CompareError):
    """An article (or target/reference) has no tokens, so it has no frequencies."""


class TooFewArticlesError(CompareError):
    """A comparison needs at least two articles (something to compare with)."""


class UnknownTermError(CompareError):
    """A requested term occurs in none of the compared articles."""


# --- documents as counts and as a matrix ---------------------------------------


def _as_counts(document: object, name: str) -> Mapping[str, int]:
    """Word counts of one document: a mapping as it is, a token list counted (not yet checked)."""
    if isinstance(document, str):
        raise CompareError(
            f"{name} is one string, not a list of words or a table of counts. "
            "Tokenize it first, e.g. Counter(framelab.words(text, lower=True))."
        )
    if isinstance(document, Mapping):
        return document
    if isinstance(document, Iterable):
        return Counter(document)
    raise CompareError(
        f"{name} should be a dict of word counts or a list of words, not {type(document).__name__}."
    )


#: The largest count a float holds exactly (2**53); the sign of log ratio rests on exact counts.
_EXACT = 2.0**53


def _valid(values: np.ndarray) -> np.ndarray:
    """Which counts are usable: finite whole numbers of 0 or more."""
    return np.isfinite(values) & (values >= 0) & (values == np.floor(values))


def _check_counts(counts: Mapping[str, int], name: str) -> np.ndarray:
    """The values of ``counts`` as floats, refusing anything but whole numbers >= 0."""
    try:
        values = np.fromiter(counts.values(), dtype=float, count=len(counts))
    except (TypeError, ValueError):
        bad = next(word for word, value in counts.items() if not _is_number(value))
        raise CompareError(
            f"{name}: the count of {bad!r} is {counts[bad]!r}; every count should be a number "
            "(how often the word occurs)."
        ) from None
    if not np.all(_valid(values)):
        bad = list(counts)[int(np.argmin(_valid(values)))]
        raise CompareError(
            f"{name}: the count of {bad!r} is {counts[bad]!r}; counts must be whole numbers of 0 or more."
        )
    if values.size and values.max() > _EXACT:
        bad = list(counts)[int(np.argmax(values))]
        raise CompareError(
            f"{name}: the count of {bad!r} is {counts[bad]!r}, more than 2**53, beyond which counts "
            "are no longer exact and the signs of the measures could not be trusted."
        )
    # The one rule of framelab.validators: True is an int to Python, never a count to a person.
    if {bool, np.bool_} & set(map(type, counts.values())):
        bad = next(word for word, value in counts.items() if isinstance(value, (bool, np.bool_)))
        raise CompareError(
            f"{name}: the count of {bad!r} is {counts[bad]!r}; a count is how often the word occurs, "
            "a whole number, not True or False."
        )
    return values


def _is_number(value: object) -> bool:
    try:
        float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return False
    return True


@dataclass(frozen=True)
class _Matrix:
    labels: list[str]
    terms: np.ndarray  # object array of str, sorted
    counts: np.ndarray  # float64, documents x terms

    @property
    def totals(self) -> np.ndarray:
        return self.counts.sum(axis=1)


def _matrix(documents: Mapping[str, Document], what: str = "documents") -> _Matrix:
    """One documents x terms count matrix (terms sorted; terms counted 0 everywhere dropped).

    Built in a few vectorised steps, so a thousand documents take milliseconds.
    """
    if not isinstance(documents, Mapping):
        raise CompareError(
            f"{what} should be a dict that maps each article's label to its words or word counts, "
            "e.g. {a.id: Counter(framelab.words(a.body, lower=True)) for a in corpus}."
        )
    labels = [str(label) for label in documents]
    tables = [_as_counts(document, f"article {label!r}") for label, document in zip(labels, documents.values())]
    sizes = np.fromiter(map(len, tables), dtype=np.int64, count=len(tables))
    keys = list(chain.from_iterable(tables))
    try:
        values = np.fromiter(chain.from_iterable(t.values() for t in tables), dtype=float, count=len(keys))
        kinds = set(map(type, chain.from_iterable(t.values() for t in tables)))
        valid = bool(np.all(_valid(values))) and not (values.size and values.max() > _EXACT)
        valid = valid and bool not in kinds and np.bool_ not in kinds
    except (TypeError, ValueError):
        valid = False
    if not valid:  # find and name the culprit
        checked = [_check_counts(table, f"article {label!r}") for label, table in zip(labels, tables)]
        values = np.concatenate(checked) if checked else np.zeros(0)
    rows = np.repeat(np.arange(len(labels)), sizes)
    totals = np.bincount(rows, weights=values, minlength=len(labels))
    if np.any(totals == 0):
        label = labels[int(np.argmin(totals))]
        raise EmptyArticleError(
            f"Article {label!r} has no tokens (its counts add up to 0), so it has no frequencies "
            "to compare. Remove it, or check that its text was loaded and tokenized."
        )
    terms = sorted(set(keys))
    position = {term: index for index, term in enumerate(terms)}
    columns = np.fromiter(map(position.__getitem__, keys), dtype=np.int64, count=len(keys))
    counts_matrix = np.zeros((len(labels), len(terms)))
    counts_matrix[rows, columns] = values
    keep = counts_matrix.sum(axis=0) > 0
    return _Matrix(labels, np.asarray(terms, dtype=object)[keep], counts_matrix[:, keep])


def _need_two(matrix: _Matrix, what: str) -> None:
    if len(matrix.labels) < 2:
        got = f"only {matrix.labels[0]!r}" if matrix.labels else "none"
        raise TooFewArticlesError(
            f"{what} needs at least two articles, one to study and at least one to compare it with; "
            f"got {got}. Pass a dict with two or more articles."
        )


def document_term_matrix(documents: Mapping[str, Document]) -> pd.DataFrame:
    """Counts as a table: one row per article (in the order given), one column per term (sorted).

    >>> document_term_matrix({"A": ["us", "troops", "us"], "B": ["nato", "troops"]})  # doctest: +NORMALIZE_WHITESPACE
    term     nato  troops  us
    article
    A           0       1   2
    B           1       1   0
    """
    matrix = _matrix(documents)
    return pd.DataFrame(
        matrix.counts.astype(np.int64),
        index=pd.Index(matrix.labels, name="article"),
        columns=pd.Index(list(matrix.terms), name="term"),
    )


# --- frequencies --------------------------------------------------------------


def relative_frequency(counts: Document, per: float = 1000) -> dict[str, float]:
    """How often each word occurs per ``per`` tokens (default: per 1,000), in the given order.

    Use it to compare articles of different lengths: 5 uses in 500 words is
    twice as frequent as 5 uses in 1,000 words.

    >>> relative_frequency({"troops": 5, "the": 45}, per=100)
    {'troops': 10.0, 'the': 90.0}
    >>> relative_frequency(["us", "troops", "us", "nato"])
    {'us': 500.0, 'troops': 250.0, 'nato': 250.0}
    """
    number(per, "per", above=0, error=CompareError, meaning="tokens, e.g. 1000")
    checked = _as_counts(counts, "counts")
    values = _check_counts(checked, "counts")
    total = values.sum()
    if total == 0:
        raise EmptyArticleError("counts has no tokens (its counts add up to 0): there is nothing to divide by.")
    return {word: float(value * per / total) for word, value in zip(checked, values)}
