"""Which sentences could match: inverted indexes of words, so text reuse never compares all pairs.

:mod:`framelab.reuse` scores sentences with ``difflib.SequenceMatcher``'s ratio, ``2 × M / T``
(``M`` items matched in order, ``T`` items in both sequences). Comparing every sentence with
every other one costs ``S²`` ratios: 51 s for 60 articles. The functions here give the same
answers while scoring only pairs that can matter, by two facts about the ratio:

1. A pair sharing no item has ``M = 0``: ratio 0.0. A pair sharing an item has ``M ≥ 1``
   (the longest matching block has at least that item), so its ratio is above 0.
2. ``M`` is at most ``m``, the size of the multiset intersection (difflib's ``quick_ratio``
   uses the same bound): ``ratio ≤ 2m / T``. When ``m = 1``, ``M = 1`` exactly.
3. When no two equal items sit side by side in both sequences, every block difflib finds is
   one item long, and ``M`` is a greedy chain: the equal pair earliest in ``a`` (then ``b``),
   then the earliest right of it in both, and so on (:func:`framelab.sequences.matched_items`).

All three are checked on random sequences in ``tests/test_reuse_index.py``.
:func:`best_counterparts` walks an inverted index (word → sentences and positions) word by
word of a sentence, which gives every sentence sharing a word (1) and, for all of them at
once, ``M`` by 3; the few pairs with side-by-side matches are scored one by one, and only
while their bound (2) can still win. :func:`similar_pairs` offers only the pairs whose bound
reaches a threshold.

>>> similar_pairs([["troops", "move"], ["troops", "move", "east"]], ["a", "b"], 0.5, lambda i, j: True)
[(0, 1)]
"""

from __future__ import annotations

import itertools
from collections import Counter
from collections.abc import Callable, Hashable, Iterable, Sequence

import numpy as np

from framelab.sequences import matched_items, positions, ratio_of


def _encode(sentences: Iterable[Sequence[str]], ids: dict[str, int]) -> list[list[int]]:
    return [[ids.setdefault(word, len(ids)) for word in sentence] for sentence in sentences]


def best_counterparts(
    words: Sequence[Sequence[Sequence[str]]],
    *,
    step: Callable[[int], object] | None = None,
) -> list[list[list[tuple[int, float]]]]:
    """For each sentence of each article, its best sentence in every other article: ``(index, ratio)``.

    ``words[a][s]`` is the word list of sentence ``s`` of article ``a``. The answer
    ``result[a][s][o]`` is for the ``o``-th *other* article (articles in order, ``a``
    skipped) and equals, float for float, a scan of all that article's sentences with
    difflib's ratio (``words[a][s]`` as the first sequence), the highest ratio winning and
    the earliest sentence winning a tie; ``(0, 0.0)`` when no sentence shares a word.

    How: see the module's facts. Per other article the candidates are visited by their key
    (the exact score, or the bound ``2m / T`` where ``M`` is not known yet), highest first,
    until a key cannot beat the best exact score found. ``step(n)`` is called after each
    article with its number of sentences (for a progress bar).

    >>> best_counterparts([[["troops", "poland"]], [["talks"], ["troops", "to", "poland"]]])
    [[[(1, 0.8)]], [[(0, 0.0)], [(0, 0.8)]]]
    """
    ids: dict[str, int] = {}
    encoded = [_encode(article, ids) for article in words]
    index = _SentenceIndex(encoded)
    # Sentences are matched against the index a batch at a time (numpy work per word position,
    # not per sentence and word); a batch's tables hold at most about 2 million cells.
    batch = max(1, 2_000_000 // max(len(index.flat), 1))
    result = []
    for a, article in enumerate(encoded):
        others = [o for o in range(len(encoded)) if o != a]
        slot = {o: k for k, o in enumerate(others)}
        rows = []
        for first in range(0, len(article), batch):
            sentences = article[first : first + batch]
            matched, crowded = index.greedy_matches(sentences)
            for k, sentence in enumerate(sentences):
                row = [(0, 0.0)] * len(others)
                if sentence:
                    for other, match, score in index.best(sentence, a, matched[k], crowded[k]):
                        row[slot[other]] = (match, score)
                rows.append(row)
        result.append(rows)
        if step is not None:
            step(len(article))
    return result


class _SentenceIndex:
    """Every sentence's words (as ids), and an inverted index: word → (sentence, position) of each occurrence."""

    def __init__(self, encoded: list[list[list[int]]]) -> None:
        sizes = [len(article) for article in encoded]
        self.starts = [0, *itertools.accumulate(sizes)]
        self.first = np.array(self.starts)  # the same, for numpy
        self.flat = [sentence for article in encoded for sentence in article]
        self.lengths = np.array([len(sentence) for sentence in self.flat], dtype=np.int64)
        self.article_of = np.repeat(np.arange(len(encoded)), sizes)
        counted: dict[int, tuple[list[int], list[int]]] = {}
        for g, sentence in enumerate(self.flat):
            for word, count in Counter(sentence).items():
                entry = counted.setdefault(word, ([], []))
                entry[0].append(g)
                entry[1].append(count)
        self.counts = {w: (np.array(gs), np.array(cs)) for w, (gs, cs) in counted.items()}
        occurrences: dict[int, tuple[list[int], list[int]]] = {}
        for g, sentence in enumerate(self.flat):
            for position, word in enumerate(sentence):
                entry = occurrences.setdefault(word, ([], []))
                entry[0].append(g)
                entry[1].append(position)
        # Sorted by sentence, then position: the order greedy_matches() needs.
        self.width = int(self.lengths.max(initial=0)) + 1
        self.occurrences = {}
        for w, (gs, ps) in occurrences.items():
            gs, ps = np.array(gs), np.array(ps)
            self.occurrences[w] = (gs, ps)
        self.padded = np.full((len(self.flat), self.width), -1, dtype=np.int64)  # -1: no word
        for g, sentence in enumerate(self.flat):
            self.padded[g, : len(sentence)] = sentence
        self.where: list[dict | None] = [None] * len(self.flat)  # positions of each sentence's words, once

    def best(self, sentence: list[int], a: int, matched: np.ndarray, crowded: np.ndarray) -> list[tuple[int, int, float]]:
        """(other article, index of its best sentence, score) for each article with a sentence sharing a word.

        ``matched`` and ``crowded``: the sentence's row of :meth:`greedy_matches` (``matched`` is changed)."""
        matched[self.starts[a] : self.starts[a + 1]] = 0  # the article's own sentences are not counterparts
        candidates = np.flatnonzero(matched)
        if not candidates.size:
            return []
        known = ~crowded[candidates]
        shared = matched[candidates]
        if not known.all():
            shared = np.where(known, shared, self._overlap(sentence)[candidates])
        totals = len(sentence) + self.lengths[candidates]
        # key: the exact score where M is known, else the bound 2m / T (fact 2);
        # floor: what the score is at least (M >= 1, fact 1).
        key = 2.0 * shared / totals
        floor = 2.0 * np.where(known, shared, 1) / totals
        groups = self.article_of[candidates]
        highest = np.zeros(len(self.starts), dtype=np.float64)
        np.maximum.at(highest, groups, floor)
        keep = key >= highest[groups]  # below another candidate's floor: cannot win
        candidates, known, key, groups = candidates[keep], known[keep], key[keep], groups[keep]
        order = np.lexsort((candidates, -key, groups))
        candidates, known, key, groups = candidates[order], known[order], key[order], groups[order]
        heads = np.flatnonzero(np.concatenate([[True], groups[1:] != groups[:-1]]))
        ends = np.append(heads[1:], len(groups))
        # Highest key first, then earliest sentence. A known score heading its article wins there.
        won = heads[known[heads]]
        found = list(zip(groups[won].tolist(), (candidates[won] - self.first[groups[won]]).tolist(), key[won].tolist()))
        open_heads = ~known[heads]
        if not open_heads.any():
            return found
        own = positions(sentence)
        # Python lists: indexing numpy arrays one item at a time is slow.
        candidates, known, key, groups = candidates.tolist(), known.tolist(), key.tolist(), groups.tolist()
        for head, end in zip(heads[open_heads].tolist(), ends[open_heads].tolist()):
            # Stop when a key cannot beat the best exact score (an equal key can only tie it,
            # and loses the tie when later).
            best_g, best_score = -1, -1.0
            for k in range(head, end):
                if key[k] < best_score:
                    break
                g = candidates[k]
                if key[k] == best_score and g > best_g:
                    continue
                if known[k]:
                    score = key[k]
                else:
                    if self.where[g] is None:
                        self.where[g] = positions(self.flat[g])
                    matched = matched_items(sentence, self.flat[g], own, self.where[g])
                    score = ratio_of(matched, len(sentence) + len(self.flat[g]))
                if score > best_score or (score == best_score and g < best_g):
                    best_g, best_score = g, score
            other = groups[head]
            found.append((other, best_g - self.starts[other], best_score))
        return found

    def greedy_matches(self, sentences: list[list[int]]) -> tuple[np.ndarray, np.ndarray]:
        """For each of ``sentences`` (rows) and every sentence g of the index (columns): difflib's M,
        where no two equal words sit side by side in both (else any number), and whether they do
        (``crowded``).

        With no such pair every matching block is one word long, so difflib takes the point
        (i, j) with ``sentence[i] == flat[g][j]`` earliest in ``sentence`` (then in g) and
        continues only right of it in both: a greedy chain, taken here for all rows and all g at
        once, word position by word position (:func:`framelab.sequences.matched_items` does the
        same for one pair; the general case is left to it).
        """
        shape = (len(sentences), len(self.flat))
        last = np.full(shape, -1, dtype=np.int64)
        matched = np.zeros(shape, dtype=np.int64)
        crowded = np.zeros(shape, dtype=bool)
        for i in range(max((len(sentence) for sentence in sentences), default=0)):
            active = [r for r, sentence in enumerate(sentences) if len(sentence) > i]
            found = [self.occurrences[sentences[r][i]] for r in active]
            counts = [len(gs) for gs, _ in found]
            rows = np.repeat(np.array(active, dtype=np.int64), counts)
            gs = np.concatenate([gs for gs, _ in found])
            ps = np.concatenate([ps for _, ps in found])
            if i:
                before = np.repeat(np.array([sentences[r][i - 1] for r in active]), counts)
                # (i - 1, j - 1) is a point too: the word before matches the word before.
                side = (ps > 0) & (self.padded[gs, ps - 1] == before)
                crowded[rows[side], gs[side]] = True
            later = ps > last[rows, gs]
            rows, gs, ps = rows[later], gs[later], ps[later]
            if not rows.size:
                continue
            # Occurrences come by row, then sentence, then position: each (row, g)'s earliest first.
            first = np.concatenate([[True], (rows[1:] != rows[:-1]) | (gs[1:] != gs[:-1])])
            rows, gs, ps = rows[first], gs[first], ps[first]
            last[rows, gs] = ps
            matched[rows, gs] += 1
        return matched, crowded

    def _overlap(self, sentence: list[int]) -> np.ndarray:
        """m, the multiset overlap of ``sentence`` with every sentence (difflib's quick_ratio count)."""
        overlap = np.zeros(len(self.flat), dtype=np.int64)
        for word, count in Counter(sentence).items():
            holders, counts = self.counts[word]
            overlap[holders] += np.minimum(counts, count)
        return overlap


def similar_pairs(
    words: Sequence[Sequence[str]],
    groups: Sequence[Hashable],
    threshold: float,
    accept: Callable[[int, int], bool],
    *,
    step: Callable[[int], object] | None = None,
) -> list[tuple[int, int]]:
    """Pairs ``(i, j)``, ``i < j``, of word lists from different groups that ``accept`` (i, j) keeps.

    ``accept`` is only asked about pairs whose difflib ratio can reach ``threshold``
    (``0 < threshold ≤ 1``): those whose bound ``2m / T`` does (fact 2 of the module; it is
    difflib's ``quick_ratio``, computed as difflib computes it). An inverted index of the
    words gives ``m`` for all pairs at once, a repeated word counting as a second item
    ("the", "the" #2) as in difflib's multiset overlap. Empty lists are never paired
    (difflib would call two of them equal). Pairs come in order of ``j``, then ``i``.
    ``step(1)`` is called after each ``j`` (for a progress bar).

    >>> lists = [["a", "b", "c"], ["a", "b", "d"], ["x", "y", "z"]]
    >>> similar_pairs(lists, ["p", "q", "r"], 0.5, lambda i, j: True)
    [(0, 1)]
    """
    ids: dict[tuple[str, int], int] = {}
    expanded = []
    for items in words:
        seen: Counter = Counter()
        tokens = []
        for item in items:
            seen[item] += 1
            tokens.append(ids.setdefault((item, seen[item]), len(ids)))
        expanded.append(tokens)
    holders: dict[int, list[int]] = {}
    for i, tokens in enumerate(expanded):
        for token in tokens:
            holders.setdefault(token, []).append(i)
    postings = {token: np.array(found) for token, found in holders.items()}
    lengths = np.array([len(tokens) for tokens in expanded], dtype=np.int64)
    labels: dict[Hashable, int] = {}
    group_ids = np.array([labels.setdefault(group, len(labels)) for group in groups], dtype=np.int64)
    pairs = []
    for j, tokens in enumerate(expanded):
        if tokens and j:
            overlap = np.zeros(j, dtype=np.int64)
            for token in tokens:
                earlier = postings[token]
                earlier = earlier[: np.searchsorted(earlier, j)]
                overlap[earlier] += 1
            bound = 2.0 * overlap / (len(tokens) + lengths[:j])
            found = np.flatnonzero((bound >= threshold) & (group_ids[:j] != group_ids[j]))
            pairs.extend((i, j) for i in found.tolist() if accept(i, j))
        if step is not None:
            step(1)
    return pairs


def linked_groups(count: int, pairs: Iterable[tuple[int, int]]) -> list[list[int]]:
    """The groups of items ``0 .. count - 1`` that ``pairs`` link, directly or through others.

    Each group lists its items in increasing order; groups come in order of their first
    item; an item linked to nothing is a group of its own. The answer depends only on which
    pairs are given, never on their order (union-find, the smaller root always kept).

    >>> linked_groups(5, [(3, 1), (0, 4)])
    [[0, 4], [1, 3], [2]]
    """
    parent = list(range(count))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i, j in pairs:
        a, b = root(i), root(j)
        parent[max(a, b)] = min(a, b)
    members: dict[int, list[int]] = {}
    for i in range(count):
        members.setdefault(root(i), []).append(i)
    return [members[first] for first in sorted(members)]


def shared_counts(sets: Sequence[set]) -> np.ndarray:
    """``|sets[a] ∩ sets[b]|`` for every pair, as an integer matrix (the diagonal holds each set's size).

    An inverted index (item → the sets holding it) visits only items held by two sets or
    more, so sets that share little cost little: shingles of news articles are mostly their own.

    >>> shared_counts([{1, 2, 3}, {2, 3, 4}, {9}]).tolist()
    [[3, 2, 0], [2, 3, 0], [0, 0, 1]]
    """
    holders: dict[Hashable, list[int]] = {}
    for k, items in enumerate(sets):
        for item in items:
            holders.setdefault(item, []).append(k)
    common = np.zeros((len(sets), len(sets)), dtype=np.int64)
    for found in holders.values():
        if len(found) > 1:
            common[np.ix_(found, found)] += 1
    np.fill_diagonal(common, [len(items) for items in sets])
    return common
