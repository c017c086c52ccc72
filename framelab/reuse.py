"""Tracing shared text: shingles, shared passages, sentence alignment, quote variants.

Chapter 05 teaches these steps; later chapters call them from here. Every
function is pure and returns plain data (a set or a pandas DataFrame) in a
fixed order, so the same input always gives the same table. They live in three
modules, by what they hold, and are all importable from here:

* :mod:`framelab.shingles`: :func:`shingles`, :func:`jaccard`,
  :func:`shingle_overlap` (word n-grams and the Jaccard overlap of their sets,
  ``|A ∩ B| / |A ∪ B|``) and :func:`shared_passages` (runs of identical tokens,
  ``difflib.SequenceMatcher`` with ``autojunk=False``).
* :mod:`framelab.alignment`: :func:`align_sentences`, :func:`reuse_counts`,
  :func:`unique_sentences`: each sentence's closest counterpart in every other
  article (or, ``best_only=True``, in any other article), scored by
  :func:`sentence_similarity` and classified as ``"verbatim"``,
  ``"paraphrase"`` or ``"unique"`` (see :data:`VERBATIM`, :data:`PARAPHRASE`).
* :mod:`framelab.quote_variants`: :func:`quoted_spans`, :func:`quote_variants`,
  :func:`word_diff`: the same quoted statement in different articles, with the
  edit distance of ``nltk.edit_distance`` on words and on characters.

Nothing compares all pairs of sentences: an index of words picks those that can
match (:mod:`framelab.candidates`, :mod:`framelab.nearest`); :mod:`framelab.sequences`
computes difflib's count and the edit distance faster, to the same values.

>>> sorted(shingles(["these", "forces", "are", "not"], 3))
[('forces', 'are', 'not'), ('these', 'forces', 'are')]
"""

from __future__ import annotations

from framelab.alignment import (
    ALIGNMENT_COLUMNS,
    PARAPHRASE,
    PROGRESS_SENTENCES,
    VERBATIM,
    align_sentences,
    best_match,
    content_words,
    match_kind,
    reuse_counts,
    sentence_similarity,
    unique_sentences,
)

# Private, re-exported for the tests written against framelab.reuse before the split.
from framelab.alignment import _best_rows as _best_rows
from framelab.alignment import _ratio as _ratio
from framelab.quote_variants import (
    PROGRESS_ARTICLES,
    QUOTE_COLUMNS,
    QUOTE_THRESHOLD,
    quote_variants,
    quoted_spans,
    word_diff,
)
from framelab.reuse_checks import ReuseError
from framelab.shingles import PASSAGE_COLUMNS, jaccard, shared_passages, shingle_overlap, shingles

__all__ = [
    "ALIGNMENT_COLUMNS", "PARAPHRASE", "PASSAGE_COLUMNS", "PROGRESS_ARTICLES", "PROGRESS_SENTENCES",
    "QUOTE_COLUMNS", "QUOTE_THRESHOLD", "VERBATIM", "ReuseError", "align_sentences", "best_match",
    "content_words", "jaccard", "match_kind", "quote_variants", "quoted_spans", "reuse_counts",
    "sentence_similarity", "shared_passages", "shingle_overlap", "shingles", "unique_sentences", "word_diff",
]
