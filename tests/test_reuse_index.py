"""Indexed text reuse gives the brute force's answers (issue 13, scale).

``align_sentences`` and ``quote_variants`` no longer compare all pairs of sentences
(framelab.candidates), and compute difflib's count and the edit distance their own way
(framelab.sequences). Here the old all-pairs code, kept verbatim below as the reference, and
the libraries themselves are compared with the new code: on the five articles, on random
corpora made to be hard (a tiny vocabulary, so many ties, repeated words and crossing
orders), and on the facts the filters rest on. Correctness only; timings are in
benchmarks/scale.py.
"""

from __future__ import annotations

import difflib
import itertools
import random
import time

import nltk
import pandas as pd
import pytest

from framelab import split_sentences
from framelab.candidates import best_counterparts, similar_pairs
from framelab.lexicons import stop_words
from framelab.progress import DELAY, progress
from framelab.reuse import (
    ALIGNMENT_COLUMNS,
    PARAPHRASE,
    QUOTE_COLUMNS,
    QUOTE_THRESHOLD,
    VERBATIM,
    _ratio,
    align_sentences,
    best_match,
    content_words,
    jaccard,
    match_kind,
    quote_variants,
    quoted_spans,
    shingle_overlap,
    shingles,
    word_diff,
)
from framelab.sequences import difflib_matched, edit_distance, matched_items, positions, ratio_of
from framelab.text import sentence_words

# --- the reference: framelab.reuse before issue 13, every pair compared ----------------------


def brute_align(sentences_by_article, verbatim=VERBATIM, paraphrase=PARAPHRASE) -> pd.DataFrame:
    words = {a: [content_words(s) for s in sentences] for a, sentences in sentences_by_article.items()}
    rows = []
    for article, sentences in sentences_by_article.items():
        for index, sentence in enumerate(sentences):
            for other, candidates in sentences_by_article.items():
                if other == article:
                    continue
                match, score = best_match(words[article][index], words[other])
                rows.append((article, index, sentence, other, match, candidates[match], score,
                             match_kind(score, verbatim, paraphrase)))
    return pd.DataFrame(rows, columns=ALIGNMENT_COLUMNS)


def brute_quote_variants(texts, threshold=QUOTE_THRESHOLD, min_words=3) -> pd.DataFrame:
    statements = []
    for article, text in texts.items():
        for span in quoted_spans(text):
            for paragraph in span.split("\n"):
                for sentence in split_sentences(paragraph):
                    found = sentence_words(sentence)
                    if len(found) >= min_words:
                        statements.append((article, sentence, found))
    parent = list(range(len(statements)))

    def root(i):
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    matcher = difflib.SequenceMatcher(None, autojunk=False)
    for j, (article_b, _, words_b) in enumerate(statements):
        matcher.set_seq2(words_b)
        for i in range(j):
            article_a, _, words_a = statements[i]
            if article_a == article_b:
                continue
            matcher.set_seq1(words_a)
            if matcher.real_quick_ratio() >= threshold and matcher.quick_ratio() >= threshold \
                    and matcher.ratio() >= threshold:
                parent[max(root(i), root(j))] = min(root(i), root(j))
    members = {}
    for i in range(len(statements)):
        members.setdefault(root(i), []).append(i)
    rows, group = [], 0
    for first in sorted(members):
        indices = members[first]
        if len({statements[i][0] for i in indices}) < 2:
            continue
        group += 1
        for i, j in itertools.combinations(indices, 2):
            (article_a, quote_a, words_a), (article_b, quote_b, words_b) = statements[i], statements[j]
            if article_a == article_b:
                continue
            rows.append((group, article_a, quote_a, article_b, quote_b, _ratio(words_a, words_b),
                         nltk.edit_distance(words_a, words_b),
                         nltk.edit_distance(" ".join(words_a), " ".join(words_b)), word_diff(words_a, words_b)))
    return pd.DataFrame(rows, columns=QUOTE_COLUMNS)


# --- random corpora, made to be hard -------------------------------------------------------

# Few content words (so most sentence pairs share one, scores tie, words repeat and cross)
# and a few stop words (so some sentences have no content word at all).
WORDS = ["troops", "poland", "kirby", "nato", "talks", "said", "the", "is", "it", "not"]


def random_sentence(rng: random.Random, longest: int = 9) -> str:
    words = [rng.choice(WORDS) for _ in range(rng.randint(1, longest))]
    return " ".join(words).capitalize() + "."


def random_corpus(seed: int) -> dict[str, list[str]]:
    rng = random.Random(seed)
    pool = [random_sentence(rng) for _ in range(6)]
    return {
        f"a{n}": [rng.choice(pool) if rng.random() < 0.3 else random_sentence(rng) for _ in range(rng.randint(1, 7))]
        for n in range(rng.randint(2, 5))
    }


def random_quoted_corpus(seed: int) -> dict[str, str]:
    rng = random.Random(seed)
    pool = [random_sentence(rng, 12) for _ in range(5)]
    texts = {}
    for n in range(rng.randint(2, 6)):
        paragraphs = []
        for _ in range(rng.randint(1, 6)):
            quote = rng.choice(pool) if rng.random() < 0.5 else random_sentence(rng, 12)
            paragraphs.append(f"“{quote}” Kirby said. {random_sentence(rng)}")
        texts[f"a{n}"] = "\n\n".join(paragraphs)
    return texts


# --- the same tables as the brute force --------------------------------------------------------


def test_alignment_of_the_five_articles_is_the_brute_force_one(corpus) -> None:
    sentences = {article.id: split_sentences(article.body) for article in corpus}
    pd.testing.assert_frame_equal(align_sentences(sentences), brute_align(sentences), check_exact=True)


@pytest.mark.parametrize("seed", range(40))
def test_alignment_of_random_corpora_is_the_brute_force_one(seed) -> None:
    sentences = random_corpus(seed)
    pd.testing.assert_frame_equal(align_sentences(sentences), brute_align(sentences), check_exact=True)


def test_quote_variants_of_the_five_articles_are_the_brute_force_ones(corpus) -> None:
    texts = {article.id: article.body for article in corpus}
    table = quote_variants(texts)
    assert len(table) > 0
    pd.testing.assert_frame_equal(table, brute_quote_variants(texts), check_exact=True)


@pytest.mark.parametrize("seed", range(25))
@pytest.mark.parametrize("threshold", [0.2, QUOTE_THRESHOLD, 0.8])
def test_quote_variants_of_random_corpora_are_the_brute_force_ones(seed, threshold) -> None:
    texts = random_quoted_corpus(seed)
    table = quote_variants(texts, threshold=threshold)
    pd.testing.assert_frame_equal(table, brute_quote_variants(texts, threshold), check_exact=True)


def test_random_corpora_do_exercise_ties_and_links() -> None:
    """The random tests above would prove little if nothing tied or linked in them."""
    tables, ties = [], 0
    for seed in range(40):
        corpus = random_corpus(seed)
        table = brute_align(corpus)
        tables.append(table)
        for row in table[table.score > 0].itertuples():
            words = content_words(row.text)
            scores = [_ratio(words, content_words(s)) for s in corpus[row.other]]
            ties += scores.count(row.score) > 1  # another sentence as good: the earliest must win
    assert sum((t.score > 0).sum() for t in tables) > 500
    assert sum((t.score == 0).sum() for t in tables) > 50
    assert ties > 100
    assert sum(len(brute_quote_variants(random_quoted_corpus(seed))) for seed in range(25)) > 100


def brute_overlap(articles_tokens, n) -> pd.DataFrame:
    sets = {a: shingles(tokens, n) for a, tokens in articles_tokens.items()}
    ids = list(sets)
    return pd.DataFrame([[jaccard(sets[a], sets[b]) for b in ids] for a in ids],
                        index=pd.Index(ids, name="article"), columns=pd.Index(ids, name="other"))


@pytest.mark.parametrize("n", [1, 2, 3, 5, 8])
def test_shingle_overlap_is_the_pairwise_jaccard(tokens, n) -> None:
    pd.testing.assert_frame_equal(shingle_overlap(tokens, n), brute_overlap(tokens, n), check_exact=True)
    rng = random.Random(n)
    for _ in range(30):
        articles = {f"a{k}": [rng.choice(WORDS[:4]) for _ in range(rng.randint(n, 30))] for k in range(rng.randint(2, 6))}
        pd.testing.assert_frame_equal(shingle_overlap(articles, n), brute_overlap(articles, n), check_exact=True)


# --- the facts the filters rest on (framelab.candidates, module docstring) ----------------------


def random_lists(seed: int, count: int = 3000):
    rng = random.Random(seed)
    for _ in range(count):
        alphabet = rng.randint(1, 6)
        yield ([rng.randrange(alphabet) for _ in range(rng.randint(0, 14))],
               [rng.randrange(alphabet) for _ in range(rng.randint(0, 14))])


def multiset_overlap(a, b) -> int:
    return sum(min(a.count(x), b.count(x)) for x in set(a))


def test_matched_items_is_difflibs_count() -> None:
    for a, b in random_lists(1, 20_000):
        assert matched_items(a, b) == difflib_matched(a, b), (a, b)
        assert matched_items(a, b, positions(a), positions(b)) == difflib_matched(a, b), (a, b)


def test_ratio_of_is_difflibs_float() -> None:
    for a, b in random_lists(2):
        if a or b:
            expected = difflib.SequenceMatcher(None, a, b, autojunk=False).ratio()
            assert ratio_of(matched_items(a, b), len(a) + len(b)) == expected


def test_a_positive_ratio_means_a_shared_word_and_one_shared_word_is_exact() -> None:
    """Facts 1 and 2: ratio > 0 exactly when the lists share an item; ratio <= 2m / T; m = 1 gives M = 1."""
    for a, b in random_lists(3):
        if not (a and b):
            continue
        m = multiset_overlap(a, b)
        ratio = difflib.SequenceMatcher(None, a, b, autojunk=False).ratio()
        assert (ratio > 0) == bool(set(a) & set(b))
        assert ratio <= ratio_of(m, len(a) + len(b))
        if m == 1:
            assert ratio == ratio_of(1, len(a) + len(b))


def test_without_side_by_side_matches_difflib_takes_a_greedy_chain() -> None:
    """Fact 3, which best_counterparts applies to all candidates at once."""
    checked = 0
    for a, b in random_lists(8, 20_000):
        points = [(i, j) for i, x in enumerate(a) for j, y in enumerate(b) if x == y]
        if any((i + 1, j + 1) in points for i, j in points):
            continue
        chain, last_i, last_j = 0, -1, -1
        for i, j in points:
            if i > last_i and j > last_j:
                chain, last_i, last_j = chain + 1, i, j
        assert chain == difflib_matched(a, b), (a, b)
        checked += chain > 1
    assert checked > 1000


@pytest.mark.parametrize("threshold", [0.05, 0.3, 0.5, 0.51, 2 / 3, 0.75, 0.9, 1.0])
def test_the_pair_filter_misses_no_pair_above_the_threshold(threshold) -> None:
    """Every pair whose ratio reaches the threshold is offered to ``accept`` (fact 2: ratio <= 2m / T)."""
    rng = random.Random(int(threshold * 100))
    for _ in range(60):
        lists = [[rng.randrange(rng.randint(2, 8)) for _ in range(rng.randint(1, 12))] for _ in range(12)]
        groups = [rng.randrange(4) for _ in lists]
        offered = set(similar_pairs(lists, groups, threshold, lambda i, j: True))
        for i, j in itertools.combinations(range(len(lists)), 2):
            ratio = difflib.SequenceMatcher(None, lists[i], lists[j], autojunk=False).ratio()
            if groups[i] != groups[j] and ratio >= threshold:
                assert (i, j) in offered, (lists[i], lists[j], threshold)
        assert all(groups[i] != groups[j] and i < j for i, j in offered)


def test_the_pair_filter_does_leave_pairs_out() -> None:
    """A filter that offered every pair would pass the test above and save nothing."""
    rng = random.Random(7)
    vocabulary = range(2000)
    weights = [1 / (rank + 1) for rank in vocabulary]  # Zipf's law, as in text
    lists = [rng.choices(vocabulary, weights, k=15) for _ in range(200)]
    offered = similar_pairs(lists, list(range(200)), QUOTE_THRESHOLD, lambda i, j: True)
    # At 0.5 two 15-word lists must share 8 words (2m / 30 >= 0.5): few pairs of Zipf-drawn lists do.
    assert len(offered) < 200 * 199 / 2 / 10


def test_best_counterparts_is_a_scan_of_every_sentence() -> None:
    rng = random.Random(4)
    for _ in range(300):
        words = [[[rng.randrange(5) for _ in range(rng.randint(0, 6))] for _ in range(rng.randint(1, 5))]
                 for _ in range(rng.randint(2, 4))]
        result = best_counterparts(words)
        for a, article in enumerate(words):
            others = [o for o in range(len(words)) if o != a]
            for s, sentence in enumerate(article):
                assert result[a][s] == [best_match(sentence, words[o]) for o in others]


def test_edit_distance_is_nltks() -> None:
    for a, b in random_lists(5, 5000):
        assert edit_distance(a, b) == nltk.edit_distance(a, b), (a, b)
    rng = random.Random(6)
    for _ in range(300):  # long strings: more than one 64-bit word of bits
        a = "".join(rng.choice("abc ") for _ in range(rng.randint(0, 150)))
        b = "".join(rng.choice("abc ") for _ in range(rng.randint(0, 150)))
        assert edit_distance(a, b) == nltk.edit_distance(a, b)


def test_content_words_still_leave_out_stop_words() -> None:
    """The index holds content words only: a shared stop word must not make a candidate."""
    assert not set(content_words("It is the one.")) & set(stop_words())


# --- progress bars never reach the lessons ----------------------------------------------------------


def test_no_progress_output_on_the_five_articles(corpus, capfd) -> None:
    sentences = {article.id: split_sentences(article.body) for article in corpus}
    align_sentences(sentences)
    quote_variants({article.id: article for article in corpus})
    out, err = capfd.readouterr()
    assert out == "" and err == ""


def test_small_jobs_get_no_bar_and_big_ones_a_delayed_one(monkeypatch) -> None:
    monkeypatch.delenv("TQDM_DISABLE", raising=False)
    silent = progress(10, "aligning", at_least=1_000)
    assert not hasattr(silent, "disable")
    with progress(2_000, "aligning", at_least=1_000) as bar:
        assert bar.delay >= 2.0 and bar.total == 2_000 and not bar.leave
        bar.update(2_000)


def test_a_big_job_running_past_the_delay_shows_its_bar(monkeypatch, capsys) -> None:
    monkeypatch.delenv("TQDM_DISABLE", raising=False)
    with progress(2_000, "aligning sentences", at_least=1_000, unit="sentence") as bar:
        bar.update(1_000)
        assert "aligning" not in capsys.readouterr().err  # not yet: the bar waits DELAY seconds
        time.sleep(DELAY + 0.2)
        bar.update(1_000)
        assert "aligning sentences" in capsys.readouterr().err
