"""Each sentence's single closest sentence in any other article, without scanning every pair in Python.

:func:`framelab.reuse.align_sentences` with ``best_only=True`` asks, for every sentence, which
sentence of *another* article scores highest with difflib's ratio ``2 × M / T`` (``M`` content
words matched in order, ``T`` content words in both), the earliest one winning a tie. At 1,000
articles that is 28,000 sentences against 28,000: 800 million pairs, too many for difflib,
and even for the per-article search of :func:`framelab.candidates.best_counterparts`.

Every pair is still looked at once, but by numpy, to bound it; few are scored. One fact and
two fast computations (all checked in ``tests/test_reuse_best.py``):

1. ``M ≤ LCS ≤ m``: difflib's matching blocks never cross, so they form a common
   subsequence, at most the longest one (``LCS``); that is at most ``m``, the multiset
   overlap (fact 2 of :mod:`framelab.candidates`). ``m ≤ 1`` gives ``M = m`` exactly, and so
   does ``LCS = 1`` (``M ≥ 1`` when a word is shared).
2. ``m`` for a block of sentences against all sentences at once: the popcount of an AND of
   bit sets over the 64 most frequent words, plus an inverted index of the others
   (``np.bincount``); a word's second occurrence counts as its own item, so the two count
   the multiset overlap. (Not a BLAS matrix product: OpenBLAS threads spin between calls and
   slowed the Python work beside them on a two-core machine.)
3. ``LCS`` for many pairs at once: the bit-parallel algorithm of Allison & Dix (1986,
   "A bit-string longest-common-subsequence algorithm", Information Processing Letters
   23(5), 305-310), one machine word per pair, for sentences of up to 63 content words
   (longer ones keep the bound ``m``).

Per sentence: the pair with the highest ``2m / T`` in each of :data:`CHUNKS` slices of the
corpus is scored (best bound first, exactly by :func:`framelab.sequences.matched_items` where
``LCS > 1``), which gives a floor; then every pair whose ``2m / T`` reaches the floor has its
``LCS`` computed, and only those whose ``2 × LCS / T`` can still win are scored exactly,
highest first, until no bound can beat the best score.

>>> nearest_sentences([[["troops", "poland"]], [["talks"], ["troops", "to", "poland"]]])
[(1, 1, 0.8), (0, 0, 0.0), (0, 0, 0.8)]
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence

import numpy as np

from framelab.sequences import matched_items, positions, ratio_of

#: Sentences compared with the whole corpus at once: rows of the overlap matrix held in memory
#: (128 rows x 28,000 sentences x 4 bytes is about 15 MB an array at 1,000 articles).
BLOCK = 128
#: 64-bit words of bits for the most frequent words (a word's k-th occurrence counts as its own
#: item): m over them is a popcount; rarer ones are counted through their lists of holders.
DENSE_WORDS = 1
#: Slices of the corpus whose highest bound, per sentence, is scored first to find a floor.
CHUNKS = 32
#: Longest sentence, in content words, whose LCS is computed bit-parallel (one 64-bit word).
BITS = 63


def nearest_sentences(
    words: Sequence[Sequence[Sequence[str]]],
    *,
    step: Callable[[int], object] | None = None,
    counter: Counter | None = None,
) -> list[tuple[int, int, float]]:
    """``(other article, its sentence, ratio)`` of the closest sentence in any other article, per sentence.

    ``words[a][s]`` is the word list of sentence ``s`` of article ``a``; the answer lists the
    sentences in that order (article by article). The ratio is difflib's
    (``SequenceMatcher(None, words[a][s], other, autojunk=False).ratio()``, float for float);
    the highest wins, then the earliest article, then its earliest sentence. A sentence that
    shares no word with any other article gets ``(first other article, 0, 0.0)``. At least
    two articles, each with at least one sentence.

    ``step(n)`` is called after every ``n`` sentences (for a progress bar); ``counter``, when
    given, counts the ``"exact"`` ratios computed and the ``"lcs"`` bounds (for tests).

    >>> nearest_sentences([[["a", "b"]], [["b", "a"], ["a", "x", "b"]]])
    [(1, 1, 0.8), (0, 0, 0.5), (0, 0, 0.8)]
    """
    ids: dict[str, int] = {}
    flat = [[ids.setdefault(word, len(ids)) for word in sentence] for article in words for sentence in article]
    sizes = [len(article) for article in words]
    search = _Search(flat, len(ids), sizes, Counter() if counter is None else counter)
    starts, article_of = search.starts, search.article_of
    found: list[tuple[int, int, float]] = []
    for start in range(0, len(flat), BLOCK):
        stop = min(len(flat), start + BLOCK)
        shared = search.overlap.rows(start, stop)  # int16, columns padded to a multiple of CHUNKS
        for row, q in enumerate(range(start, stop)):
            own = article_of[q]
            shared[row, starts[own] : starts[own + 1]] = 0  # the article's own sentences are no counterparts
        # m / T (half the bound) in float32 only chooses and filters; every comparison that
        # decides is redone in float64 on the pairs chosen.
        key = shared / (search.lengths32[start:stop, None] + search.padded_lengths32[None, :])
        # A floor first: the best of the highest bound in each of CHUNKS slices of the corpus.
        # Then every pair whose bound reaches the floor: in news, a few dozen of the thousands
        # of sentences sharing a word.
        width = key.shape[1] // CHUNKS
        tops = key.reshape(stop - start, CHUNKS, width).argmax(axis=2) + np.arange(CHUNKS) * width
        rows = np.repeat(np.arange(stop - start), CHUNKS)
        cands = tops.ravel()
        positive = key[rows, cands] > 0
        first = search.best(start, stop, shared, rows[positive], cands[positive], np.zeros(stop - start))
        floors = np.array([score for _, score in first])
        # Float32 may round a bound just below the floor: a margin keeps it, and best() decides in float64.
        rows, cands = np.nonzero(key >= (floors * (0.5 - 1e-5)).astype(np.float32)[:, None])
        positive = key[rows, cands] > 0
        for row, (g, score) in enumerate(search.best(start, stop, shared, rows[positive], cands[positive], floors)):
            if g < 0:  # no shared word with any other article: the first other article's first sentence
                found.append((1 if article_of[start + row] == 0 else 0, 0, 0.0))
            else:
                other = int(np.searchsorted(starts, g, side="right") - 1)
                found.append((other, g - int(starts[other]), score))
        if step is not None:
            step(stop - start)
    return found


class _Search:
    """The sentences as word ids, their bounds, and the exact ratio of a pair (kept positions, a count)."""

    def __init__(self, flat: list[list[int]], vocabulary: int, sizes: list[int], counter: Counter) -> None:
        self.flat = flat
        self.starts = np.concatenate([[0], np.cumsum(sizes)]).astype(np.int64)
        self.article_of = np.repeat(np.arange(len(sizes)), sizes)
        self.lengths = np.array([len(sentence) for sentence in flat], dtype=np.int64)
        self.overlap = _Overlap(flat)
        self.lengths32 = self.lengths.astype(np.float32)
        # At least 1, so that T > 0: a sentence without words, or a padding column, shares nothing (m = 0).
        self.padded_lengths32 = np.ones(self.overlap.width, dtype=np.float32)
        self.padded_lengths32[: len(flat)] = np.maximum(self.lengths32, 1)
        self.lcs = _Lcs(flat, vocabulary)
        self.where: list[dict | None] = [None] * len(flat)
        self.counter = counter

    def exact(self, q: int, g: int) -> float:
        """difflib's ratio of sentences q and g (q first), by :func:`framelab.sequences.matched_items`."""
        where = self.where
        if where[g] is None:
            where[g] = positions(self.flat[g])
        if where[q] is None:
            where[q] = positions(self.flat[q])
        self.counter["exact"] += 1
        return ratio_of(matched_items(self.flat[q], self.flat[g], where[q], where[g]), int(self.lengths[q] + self.lengths[g]))

    def best(self, start: int, stop: int, shared: np.ndarray, rows: np.ndarray, cands: np.ndarray,
             floors: np.ndarray) -> list[tuple[int, float]]:
        """Per sentence ``start .. stop - 1``: (best candidate, its score) among the pairs (row, cand)
        whose bound reaches the row's floor; (-1, -1.0) when there is none. ``shared``: m of the block."""
        queries = rows + start
        totals = self.lengths[queries] + self.lengths[cands]
        # The same expression as ratio_of (2.0 * m / T), so a bound equals a score float for float.
        keep = 2.0 * shared[rows, cands].astype(np.int64) / totals >= floors[rows]
        rows, cands, queries, totals = rows[keep], cands[keep], queries[keep], totals[keep]
        bound = self.lcs.bounds(queries, cands, shared[rows, cands].astype(np.int64), self.counter)
        bound_key = 2.0 * bound / totals
        keep = bound_key >= floors[rows]
        rows, cands, bound, bound_key = rows[keep], cands[keep], bound[keep], bound_key[keep]
        order = np.lexsort((cands, -bound_key, rows))
        rows, cands, bound, bound_key = rows[order], cands[order], bound[order], bound_key[order]
        heads = np.searchsorted(rows, np.arange(stop - start + 1)).tolist()
        return [_winner(q, cands[heads[row] : heads[row + 1]], bound[heads[row] : heads[row + 1]],
                        bound_key[heads[row] : heads[row + 1]], self.exact)
                for row, q in enumerate(range(start, stop))]


def _winner(q: int, cands: np.ndarray, bound: np.ndarray, bound_key: np.ndarray, exact) -> tuple[int, float]:
    """The best of one sentence's candidates, given in order of their bound (highest, then earliest)."""
    best_g, best = -1, -1.0
    for g, shared, key in zip(cands.tolist(), bound.tolist(), bound_key.tolist()):
        if key < best:
            break
        if key == best and g > best_g:
            continue  # could only tie, and a later sentence loses a tie
        score = key if shared <= 1 else exact(q, g)
        if score > best or (score == best and g < best_g):
            best_g, best = g, score
    return best_g, best


class _Overlap:
    """The multiset overlap ``m`` of a block of sentences with every sentence (bound 2)."""

    def __init__(self, flat: list[list[int]]) -> None:
        items: dict[tuple[int, int], int] = {}
        expanded = []
        for sentence in flat:
            seen: Counter = Counter()
            tokens = []
            for word in sentence:
                seen[word] += 1
                tokens.append(items.setdefault((word, seen[word]), len(items)))
            expanded.append(tokens)
        holders: list[list[int]] = [[] for _ in items]
        for g, tokens in enumerate(expanded):
            for token in tokens:
                holders[token].append(g)
        self.size = len(flat)
        self.width = -(-max(self.size, 1) // CHUNKS) * CHUNKS  # columns: sentences, then zeros
        # The most frequent items (most of the work in news: "said", "ukraine"...) as bits, 64 to a
        # machine word: m over them is the popcount of an AND. The rest through their holders.
        by_holders = sorted(range(len(holders)), key=lambda t: (-len(holders[t]), t))
        dense = [t for t in by_holders[: 64 * DENSE_WORDS] if len(holders[t]) > 1]
        self.bits = np.zeros((-(-len(dense) // 64), self.width), dtype=np.uint64)
        for column, t in enumerate(dense):
            self.bits[column // 64, holders[t]] |= np.uint64(1 << (column % 64))
        dense_set = set(dense)
        arrays = {t: np.array(found, dtype=np.int64) for t, found in enumerate(holders) if t not in dense_set}
        self.rare = [[arrays[t] for t in tokens if t in arrays] for tokens in expanded]

    def rows(self, start: int, stop: int) -> np.ndarray:
        """``m`` of sentences ``start .. stop - 1`` (rows) with every sentence (columns), as int16."""
        shared = np.zeros((stop - start, self.width), dtype=np.int16)
        for word in self.bits:
            shared += np.bitwise_count(word[start:stop, None] & word[None, :])
        parts = [holders + row * self.width for row, q in enumerate(range(start, stop)) for holders in self.rare[q]]
        if parts:
            shared += np.bincount(np.concatenate(parts), minlength=shared.size).reshape(shared.shape).astype(np.int16)
        return shared


class _Lcs:
    """Length of the longest common subsequence of many sentence pairs at once (bound 1, method 3)."""

    def __init__(self, flat: list[list[int]], vocabulary: int) -> None:
        self.flat = flat
        self.pad = vocabulary  # a word no sentence holds
        longest = max((len(sentence) for sentence in flat), default=0)
        self.padded = np.full((len(flat), max(longest, 1)), self.pad, dtype=np.int64)
        for g, sentence in enumerate(flat):
            self.padded[g, : len(sentence)] = sentence
        self.lengths = np.array([len(sentence) for sentence in flat], dtype=np.int64)
        self.vocabulary = vocabulary

    def bounds(self, queries: np.ndarray, cands: np.ndarray, shared: np.ndarray, counter: Counter) -> np.ndarray:
        """``LCS`` of each pair (``queries[k]``, ``cands[k]``); ``shared`` (= m) where the query is too long."""
        result = shared.astype(np.int64)
        short = self.lengths[queries] <= BITS
        if not short.any():
            return result
        queries, cands = queries[short], cands[short]
        counter["lcs"] += len(queries)
        local, first = np.unique(queries, return_inverse=True)
        # masks[i, w]: the positions of word w in query local[i], as bits.
        masks = np.zeros((len(local), self.vocabulary + 1), dtype=np.uint64)
        cells = [(i, word, 1 << position) for i, q in enumerate(local.tolist())
                 for position, word in enumerate(self.flat[q])]
        if cells:
            i, word, bit = zip(*cells)
            np.bitwise_or.at(masks, (np.array(i), np.array(word)), np.array(bit, dtype=np.uint64))
        # Longest candidates first, so that step j only touches the pairs still running.
        order = np.argsort(-self.lengths[cands], kind="stable")
        first, cands = first[order], cands[order]
        running = np.searchsorted(-self.lengths[cands], -np.arange(int(self.lengths[cands].max(initial=0))), "left")
        v = np.full(len(cands), np.iinfo(np.uint64).max, dtype=np.uint64)
        for j, count in enumerate(running.tolist()):
            u = v[:count] & masks[first[:count], self.padded[cands[:count], j]]
            v[:count] = (v[:count] + u) | (v[:count] - u)  # wraps above bit 63 on purpose: only low bits are read
        v[order] = v.copy()
        low = (np.uint64(1) << self.lengths[queries].astype(np.uint64)) - np.uint64(1)
        result[short] = self.lengths[queries] - np.bitwise_count(v & low).astype(np.int64)
        return result
