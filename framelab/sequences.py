"""difflib's matched count and the edit distance, exactly, but fast enough for thousands of articles.

:mod:`framelab.reuse` reports ``difflib.SequenceMatcher`` ratios and ``nltk.edit_distance``
values. Both libraries are pure Python written for any input; on the short word lists of
sentences and quotations the functions here return the same numbers several to hundreds of
times faster. ``tests/test_reuse_index.py`` checks each against its library on many random
sequences.

* :func:`matched_items`: ``M`` of difflib's ratio ``2 × M / T`` (:func:`ratio_of`).
* :func:`edit_distance`: the Levenshtein distance (insertions, deletions, substitutions all
  cost 1), the value of ``nltk.edit_distance(a, b)`` with its default arguments, by the
  bit-parallel method of Myers (1999, "A fast bit-vector algorithm for approximate string
  matching based on dynamic programming", J. ACM 46(3), 395-415) in the form of Hyyrö
  (2001, "Explaining and extending the bit-parallel approximate string matching algorithm
  of Myers", Technical report A-2001-10, University of Tampere, figure 3).

>>> matched_items("abxcd", "abcd"), difflib_matched("abxcd", "abcd")
(4, 4)
>>> edit_distance("kitten", "sitting")
3
"""

from __future__ import annotations

import difflib
from collections.abc import Hashable, Sequence


def difflib_matched(a: Sequence[Hashable], b: Sequence[Hashable]) -> int:
    """``M`` as ``difflib.SequenceMatcher(None, a, b, autojunk=False)`` counts it (the slow reference).

    >>> difflib_matched(["troops", "to", "poland"], ["troops", "in", "poland"])
    2
    """
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    return sum(block.size for block in matcher.get_matching_blocks())


def positions(items: Sequence[Hashable]) -> dict[Hashable, list[int]]:
    """Item → its positions in ``items``, increasing.

    >>> positions("abca")
    {'a': [0, 3], 'b': [1], 'c': [2]}
    """
    where: dict[Hashable, list[int]] = {}
    for j, item in enumerate(items):
        where.setdefault(item, []).append(j)
    return where


def matched_items(
    a: Sequence[Hashable],
    b: Sequence[Hashable],
    where_a: dict[Hashable, list[int]] | None = None,
    where_b: dict[Hashable, list[int]] | None = None,
) -> int:
    """``M``, the items of ``a`` and ``b`` that ``difflib`` matches in order, without ``difflib``.

    The algorithm of ``SequenceMatcher.get_matching_blocks`` with no junk and
    ``autojunk=False``: the longest block of equal items (when several are as long, the
    earliest in ``a``, then in ``b``), then the same on each side of it. It looks only at
    the pairs of positions holding equal items, which in two sentences are few.
    ``where_a`` and ``where_b`` are :func:`positions` of ``a`` and ``b``, when the caller
    keeps them.

    >>> matched_items("kirby said no".split(), "no said kirby".split())
    1
    >>> matched_items([], ["a"])
    0
    """
    where_a = positions(a) if where_a is None else where_a
    where_b = positions(b) if where_b is None else where_b
    points = sorted((i, j) for item in where_a.keys() & where_b.keys() for i in where_a[item] for j in where_b[item])
    if len(points) < 2:
        return len(points)
    if len(points) == 2:  # one point, or two crossing or sharing a row, or two in order
        (i1, j1), (i2, j2) = points
        return 2 if i1 < i2 and j1 < j2 else 1
    present = set(points)
    if not any((i + 1, j + 1) in present for i, j in points):
        # No two equal items side by side in both: every block is one item long, so difflib takes
        # the earliest point in a (then b), and goes on only to its right in both: a greedy chain.
        last_i = last_j = -1
        count = 0
        for i, j in points:
            if i > last_i and j > last_j:
                count += 1
                last_i, last_j = i, j
        return count
    total = 0
    stack = [points]
    while stack:
        inside = stack.pop()
        run: dict[tuple[int, int], int] = {}
        best_i = best_j = size = 0
        # (i, j) in increasing i, then j, as difflib visits them; only a strictly longer run
        # replaces the best, so among equally long blocks the earliest in a, then b, is kept.
        for i, j in inside:
            k = run[i, j] = run.get((i - 1, j - 1), 0) + 1
            if k > size:
                best_i, best_j, size = i - k + 1, j - k + 1, k
        total += size
        left = [(i, j) for i, j in inside if i < best_i and j < best_j]
        right = [(i, j) for i, j in inside if i >= best_i + size and j >= best_j + size]
        stack.extend(part for part in (left, right) if part)
    return total


def ratio_of(matched: int, total: int) -> float:
    """difflib's ratio from its two counts, computed as difflib computes it (the same float).

    >>> ratio_of(2, 6) == difflib.SequenceMatcher(None, "abc", "abd").ratio()
    True
    """
    return 2.0 * matched / total if total else 1.0


def edit_distance(a: Sequence[Hashable], b: Sequence[Hashable]) -> int:
    """Levenshtein distance between two strings or lists: ``nltk.edit_distance(a, b)``, faster.

    Each column of the dynamic-programming table is held as two bit vectors (where the
    value goes up, where it goes down, from one row to the next), so a column costs a few
    integer operations instead of ``len(a)`` Python steps (Myers 1999; Hyyrö 2001).

    >>> edit_distance("if he invades".split(), "if he does invade".split())
    2
    >>> edit_distance("", "abc"), edit_distance("abc", "abc")
    (3, 0)
    """
    if not a:
        return len(b)
    if not b:
        return len(a)
    match: dict[Hashable, int] = {}
    for i, item in enumerate(a):
        match[item] = match.get(item, 0) | (1 << i)
    full = (1 << len(a)) - 1
    top = 1 << (len(a) - 1)
    up, down, score = full, 0, len(a)  # column 0: the value grows by 1 down every row
    for item in b:
        equal = match.get(item, 0)
        vertical = equal | down
        horizontal = ((((equal & up) + up) & full) ^ up) | equal
        plus = (down | ~(horizontal | up)) & full
        minus = up & horizontal
        if plus & top:
            score += 1
        elif minus & top:
            score -= 1
        plus = ((plus << 1) | 1) & full  # row 0 grows by 1 along b: a carry of +1 enters
        minus = (minus << 1) & full
        up = (minus | ~(vertical | plus)) & full
        down = plus & vertical
    return score
