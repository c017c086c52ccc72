"""Shingles and shared passages: how much text two articles share, word for word (chapter 05).

* :func:`shingles` and :func:`shingle_overlap`: word n-grams ("shingles") and
  the Jaccard overlap of their sets, ``|A ∩ B| / |A ∪ B|``, for every pair of
  articles (from an index of shingles, :func:`framelab.candidates.shared_counts`).
* :func:`shared_passages`: the runs of identical tokens that
  ``difflib.SequenceMatcher`` finds between two token lists, with
  ``autojunk=False`` (with ``autojunk=True``, any token making up more than
  1 % of a sequence of 200 or more tokens, such as "ukraine" or "nato" in our
  articles, could not start a match).

Lessons import these from :mod:`framelab.reuse`.

>>> sorted(shingles(["these", "forces", "are", "not"], 3))
[('forces', 'are', 'not'), ('these', 'forces', 'are')]
"""

from __future__ import annotations

import difflib
from collections.abc import Mapping, Sequence

import numpy as np
import pandas as pd
from nltk.util import ngrams

from framelab.candidates import shared_counts
from framelab.progress import progress
from framelab.reuse_checks import ReuseError, _check_articles, _check_n, _check_tokens

PASSAGE_COLUMNS = ["start_a", "start_b", "length", "text"]
#: From this many articles on, shingle_overlap may show a progress bar (framelab.progress):
#: never for the lessons' five articles.
PROGRESS_ARTICLES = 50


def shingles(tokens: Sequence[str], n: int) -> set[tuple[str, ...]]:
    """The set of word n-grams ("shingles") of ``tokens``, made with ``nltk.util.ngrams``.

    A token list shorter than ``n`` has no shingles (an empty set). Tokens are
    used as given: lower-case them first if "These" and "these" should match.

    >>> tokens = "these forces are not going to fight".split()
    >>> sorted(shingles(tokens, 6))
    [('forces', 'are', 'not', 'going', 'to', 'fight'), ('these', 'forces', 'are', 'not', 'going', 'to')]
    >>> len(shingles(tokens, 1)), len(shingles(tokens, 2)), len(shingles(tokens, 8))
    (7, 6, 0)
    >>> shingles([], 2)
    Traceback (most recent call last):
    ...
    framelab.reuse.ReuseError: tokens is empty: there is no text to work on. Check that the article has a body and that you passed its tokens.
    """
    _check_tokens(tokens, "tokens")
    _check_n(n)
    return set(ngrams(tokens, n))


def jaccard(a: set, b: set) -> float:
    """``|a ∩ b| / |a ∪ b|``: 1.0 for equal sets, 0.0 for disjoint ones.

    >>> jaccard({1, 2, 3}, {2, 3, 4})
    0.5
    >>> jaccard(set(), set())
    Traceback (most recent call last):
    ...
    framelab.reuse.ReuseError: a and b are both empty, so their Jaccard similarity is undefined (0 / 0).
    """
    union = a | b
    if not union:
        raise ReuseError("a and b are both empty, so their Jaccard similarity is undefined (0 / 0).")
    return len(a & b) / len(union)


def shingle_overlap(articles_tokens: Mapping[str, Sequence[str]], n: int) -> pd.DataFrame:
    """Jaccard similarity of the ``n``-shingle sets of every pair of articles.

    Returns a square table, rows and columns labelled with the article ids in
    the order given; the diagonal is 1.0.

    >>> from framelab import load_corpus, words
    >>> tokens = {a.id: words(a.body, lower=True) for a in load_corpus()}
    >>> shingle_overlap(tokens, 5).round(3).loc["000", ["001", "003", "004"]].tolist()
    [0.007, 0.032, 0.001]
    """
    _check_articles(articles_tokens, "articles_tokens")
    _check_n(n)
    sets = {}
    # One step per article shingled, and a last one for counting what they share (about half
    # the time at 1,000 articles).
    with progress(len(articles_tokens) + 1, "comparing shingles", at_least=PROGRESS_ARTICLES, unit="step") as bar:
        for article, tokens in articles_tokens.items():
            _check_tokens(tokens, f"articles_tokens[{article!r}]")
            if len(tokens) < n:
                raise ReuseError(
                    f"articles_tokens[{article!r}] has {len(tokens)} tokens, fewer than n={n}, "
                    "so it has no shingles to compare. Use a smaller n."
                )
            sets[article] = set(ngrams(tokens, n))
            bar.update(1)
        ids = list(sets)
        # |A ∩ B| for every pair from an index of shingles (framelab.candidates), not pair by pair;
        # the division is jaccard()'s, so the values are the same floats.
        common = shared_counts([sets[a] for a in ids])
        bar.update(1)
    sizes = np.diag(common)
    table = pd.DataFrame(
        common / (sizes[:, None] + sizes[None, :] - common),
        index=pd.Index(ids, name="article"),
        columns=pd.Index(ids, name="other"),
    )
    return table


# --- shared passages ------------------------------------------------------------


def shared_passages(a_tokens: Sequence[str], b_tokens: Sequence[str], min_length: int = 3) -> pd.DataFrame:
    """Runs of identical tokens shared by two token lists, longest first.

    Uses ``difflib.SequenceMatcher(None, a, b, autojunk=False).get_matching_blocks()``:
    the blocks never cross (each starts later in both lists than the one
    before), so a passage the two texts tell in a different order may be
    missed. Keeps blocks of at least ``min_length`` tokens; columns
    ``start_a``, ``start_b`` (token positions), ``length`` and ``text``;
    sorted by length (longest first), then by position.

    >>> a = "kirby said these forces are not going to fight in ukraine".split()
    >>> b = "moreover these forces are not going to fight in ukraine he said".split()
    >>> shared_passages(a, b).to_dict("records")
    [{'start_a': 2, 'start_b': 1, 'length': 9, 'text': 'these forces are not going to fight in ukraine'}]
    """
    _check_tokens(a_tokens, "a_tokens")
    _check_tokens(b_tokens, "b_tokens")
    _check_n(min_length, "min_length")
    matcher = difflib.SequenceMatcher(None, a_tokens, b_tokens, autojunk=False)
    rows = [
        (block.a, block.b, block.size, " ".join(a_tokens[block.a : block.a + block.size]))
        for block in matcher.get_matching_blocks()
        if block.size >= min_length
    ]
    rows.sort(key=lambda row: (-row[2], row[0], row[1]))
    return pd.DataFrame(rows, columns=PASSAGE_COLUMNS)
