"""Similarity of vocabularies: Jaccard overlap, TF-IDF weights, cosine, and the similarity matrix.

Chapter 04 teaches these measures step by step; :mod:`framelab.compare`
re-exports :func:`jaccard`, :func:`tfidf_matrix` and :func:`similarity_matrix`,
and later chapters call them from there. The documents become one matrix
(:mod:`framelab.term_matrix`), so a similarity matrix of a thousand articles
is a few numpy products.

>>> docs = {"A": ["us", "troops"], "B": ["troops", "nato"]}
>>> jaccard(docs["A"], docs["B"]), float(similarity_matrix(docs, "jaccard").loc["A", "B"])
(0.3333333333333333, 0.3333333333333333)
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

import numpy as np
import pandas as pd

from framelab.term_matrix import (
    CompareError,
    Document,
    EmptyArticleError,
    _check_counts,
    _Matrix,
    _matrix,
    _need_two,
)

# --- overlap -----------------------------------------------------------------


def _vocabulary(items: Iterable[str] | Mapping[str, int], name: str) -> set[str]:
    if isinstance(items, str):
        raise CompareError(f"{name} is one string; give its words (a list or set), e.g. framelab.words(text, lower=True).")
    if isinstance(items, Mapping):
        values = _check_counts(items, name)
        vocabulary = {word for word, value in zip(items, values) if value > 0}
    else:
        vocabulary = set(items)
    if not vocabulary:
        raise EmptyArticleError(f"{name} has no words, so its overlap with another vocabulary is undefined.")
    return vocabulary


def jaccard(a: Iterable[str] | Mapping[str, int], b: Iterable[str] | Mapping[str, int]) -> float:
    """Jaccard similarity of two vocabularies: shared words / words in either.

    ``a`` and ``b`` may be sets of words, token lists or count dicts; only
    *which* words occur matters, not how often. 1.0 means the same vocabulary,
    0.0 no word in common.

    >>> jaccard(["us", "troops", "us"], {"troops", "nato"})
    0.3333333333333333
    >>> jaccard({"us": 2, "troops": 1}, ["troops", "us"])
    1.0
    """
    first, second = _vocabulary(a, "a"), _vocabulary(b, "b")
    return len(first & second) / len(first | second)


# --- TF-IDF and similarity -----------------------------------------------------


def _tfidf(matrix: _Matrix) -> np.ndarray:
    """tf = count / article length, idf = ln(number of articles / articles containing the term)."""
    tf = matrix.counts / matrix.totals[:, None]
    document_frequency = np.count_nonzero(matrix.counts, axis=0)
    return tf * np.log(len(matrix.labels) / document_frequency)


def tfidf_matrix(documents: Mapping[str, Document]) -> pd.DataFrame:
    """TF-IDF weights, one row per article, one column per term (sorted).

    tf(t, d) = count of t in d / tokens in d, and idf(t) = ln(N / df(t)) for N
    articles, df(t) of which contain t: the definitions of NLTK's
    ``TextCollection.tf_idf``. A word found in every article weighs 0.

    >>> tfidf_matrix({"A": ["us", "troops", "us"], "B": ["nato", "troops"]}).round(3)  # doctest: +NORMALIZE_WHITESPACE
    term      nato  troops     us
    article
    A        0.000     0.0  0.462
    B        0.347     0.0  0.000
    """
    matrix = _matrix(documents)
    _need_two(matrix, "TF-IDF")
    return pd.DataFrame(
        _tfidf(matrix),
        index=pd.Index(matrix.labels, name="article"),
        columns=pd.Index(list(matrix.terms), name="term"),
    )


def similarity_matrix(
    documents: Mapping[str, Document], method: str = "cosine", weighting: str = "tfidf"
) -> pd.DataFrame:
    """Similarity of every pair of articles, labels on both axes (symmetric, 1 on the diagonal).

    * ``method="cosine"``: the cosine of the angle between the articles'
      vectors, ``u·v / (|u| |v|)``, with ``weighting="tfidf"`` (as in
      :func:`tfidf_matrix`) or ``"counts"`` (raw counts).
    * ``method="jaccard"``: shared words / words in either (:func:`jaccard`).

    >>> docs = {"A": ["us", "troops", "us"], "B": ["nato", "troops"], "C": ["us", "nato"]}
    >>> similarity_matrix(docs, "jaccard").round(3)  # doctest: +NORMALIZE_WHITESPACE
    article      A      B      C
    article
    A        1.000  0.333  0.333
    B        0.333  1.000  0.333
    C        0.333  0.333  1.000
    >>> similarity_matrix(docs, weighting="counts").round(3)  # doctest: +NORMALIZE_WHITESPACE
    article      A      B      C
    article
    A        1.000  0.316  0.632
    B        0.316  1.000  0.500
    C        0.632  0.500  1.000
    """
    if method not in ("cosine", "jaccard"):
        raise CompareError(f"method should be 'cosine' or 'jaccard', not {method!r}.")
    if weighting not in ("tfidf", "counts"):
        raise CompareError(f"weighting should be 'tfidf' or 'counts', not {weighting!r}.")
    matrix = _matrix(documents)
    _need_two(matrix, "A similarity matrix")
    if method == "jaccard":
        present = (matrix.counts > 0).astype(float)
        shared = present @ present.T
        sizes = present.sum(axis=1)
        similarity = shared / (sizes[:, None] + sizes[None, :] - shared)
    else:
        vectors = _tfidf(matrix) if weighting == "tfidf" else matrix.counts
        norms = np.sqrt(np.einsum("ij,ij->i", vectors, vectors))
        if np.any(norms == 0):
            zero = [label for label, norm in zip(matrix.labels, norms) if norm == 0]
            raise CompareError(
                f"Article(s) {', '.join(repr(label) for label in zero)}: every word occurs in every "
                "article, so the TF-IDF vector is all zeros and its cosine is undefined. "
                "Use weighting='counts' or compare more varied articles."
            )
        unit = vectors / norms[:, None]
        similarity = np.clip(unit @ unit.T, 0.0, 1.0)
    similarity = (similarity + similarity.T) / 2  # exactly symmetric despite rounding
    np.fill_diagonal(similarity, 1.0)
    return pd.DataFrame(
        similarity,
        index=pd.Index(matrix.labels, name="article"),
        columns=pd.Index(matrix.labels, name="article"),
    )
