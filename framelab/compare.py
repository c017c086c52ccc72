"""Comparing the vocabularies of articles: relative frequency, overlap, keyness, similarity.

Chapter 04 teaches these measures step by step; later chapters call them from
here (``from framelab import compare``, then ``compare.keyness(...)``). This
module is the one place to import them from; the code lives in three modules
named for what they hold:

* :mod:`framelab.term_matrix`: documents as word counts and as one
  document x term matrix, :func:`document_term_matrix`,
  :func:`relative_frequency`, the type :data:`Document` and the errors
  (:class:`CompareError` and its kinds).
* :mod:`framelab.keyness`: the keyness of a target against a reference, G²,
  log ratio and log-odds z with their sources (:func:`keyness`,
  :func:`one_vs_rest`, :data:`SMOOTHING`, :data:`PER`, :data:`MIN_EXPECTED`,
  :data:`KEYNESS_COLUMNS`).
* :mod:`framelab.similarity`: Jaccard overlap, TF-IDF weights and the cosine
  or Jaccard similarity of every pair of articles (:func:`jaccard`,
  :func:`tfidf_matrix`, :func:`similarity_matrix`).

Every function takes *documents* as plain data: a mapping ``label -> counts``
(``{"troops": 12, ...}``, e.g. a ``Counter`` of ``framelab.words(body, lower=True)``)
or ``label -> tokens`` (a list of words). Internally the documents become one
document x term matrix of counts, and each formula is computed once, with
numpy, over the whole matrix: the same code serves five articles in a lesson
and a thousand in ``python -m benchmarks.keyness``.

>>> a = {"troops": 30, "nato": 5, "the": 65}
>>> b = {"troops": 10, "nato": 25, "the": 65}
>>> keyness(a, b)[["term", "log_ratio"]].round(2).values.tolist()
[['troops', 1.58], ['the', 0.0], ['nato', -2.3]]
>>> round(jaccard(a, b), 2), relative_frequency(a, per=100)["troops"]
(1.0, 30.0)
"""

from __future__ import annotations

# Re-exported: lessons, tests and the explorer import these from framelab.compare.
from framelab.keyness import (  # noqa: F401
    KEYNESS_COLUMNS,
    MIN_EXPECTED,
    PER,
    SMOOTHING,
    keyness,
    one_vs_rest,
)
from framelab.similarity import jaccard, similarity_matrix, tfidf_matrix  # noqa: F401
from framelab.term_matrix import (  # noqa: F401
    CompareError,
    Document,
    EmptyArticleError,
    TooFewArticlesError,
    UnknownTermError,
    document_term_matrix,
    relative_frequency,
)
