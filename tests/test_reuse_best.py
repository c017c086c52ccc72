"""align_sentences(best_only=True) (framelab.nearest) gives the best rows of the full alignment (issue 13).

The full table has a row per sentence and other article; the reader's tables (reuse_counts,
unique_sentences) read only each sentence's best row. Here the new path is compared with the
full alignment (itself checked against the all-pairs brute force in test_reuse_index.py) on
the five articles, on random corpora made to tie, and on the scale benchmark's synthetic
corpus; the bounds it prunes with are checked on random sequences; and the work it does is
counted, never timed.
"""

from __future__ import annotations

import difflib
import importlib.util
import random
from collections import Counter
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from test_reuse_index import random_corpus

import framelab
from framelab import nearest, progress
from framelab import quote_variants as quote_variants_module
from framelab.frames import frame_profiles
from framelab.nearest import _Lcs, _Overlap, nearest_sentences
from framelab.reuse import (
    ReuseError,
    _best_rows,
    align_sentences,
    content_words,
    quote_variants,
    reuse_counts,
    shingle_overlap,
    unique_sentences,
)
from framelab.sequences import difflib_matched

ROOT = Path(__file__).resolve().parent.parent


def synthetic_sentences(n: int, seed_offset: int = 0) -> dict[str, list[str]]:
    spec = importlib.util.spec_from_file_location("benchmarks_scale", ROOT / "benchmarks" / "scale.py")
    scale = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(scale)
    texts = scale.synthetic_texts(n, seed=scale.SEED + seed_offset)
    return {f"s{k:03d}": framelab.split_sentences(text.partition("\n\n")[2]) for k, text in enumerate(texts)}


@pytest.fixture(scope="module")
def synthetic() -> dict[str, list[str]]:
    return synthetic_sentences(40, seed_offset=7)


def assert_best_rows(sentences: dict[str, list[str]]) -> pd.DataFrame:
    full = align_sentences(sentences)
    best = align_sentences(sentences, best_only=True)
    pd.testing.assert_frame_equal(best, _best_rows(full), check_exact=True)
    pd.testing.assert_frame_equal(reuse_counts(best), reuse_counts(full), check_exact=True)
    pd.testing.assert_frame_equal(unique_sentences(best), unique_sentences(full), check_exact=True)
    return best


def test_best_rows_of_the_five_articles(corpus) -> None:
    best = assert_best_rows({article.id: framelab.split_sentences(article.body) for article in corpus})
    assert len(best) == sum(len(framelab.split_sentences(a.body)) for a in corpus)
    assert (best["kind"] == "verbatim").sum() >= 2  # 000/003's near copy, both ways


@pytest.mark.parametrize("seed", range(40))
def test_best_rows_of_random_corpora(seed) -> None:
    """Tiny vocabularies: many ties between articles and sentences, repeated and crossing words."""
    assert_best_rows(random_corpus(seed))


def test_best_rows_of_the_synthetic_corpus(synthetic) -> None:
    best = assert_best_rows(synthetic)
    assert set(best["kind"]) == {"verbatim", "paraphrase", "unique"}


def test_blocks_and_dense_columns_do_not_change_the_answer(synthetic, monkeypatch) -> None:
    """Small blocks (many of them, the last one short) and every word counted sparsely or densely."""
    words = [[content_words(s) for s in sentences] for sentences in synthetic.values()]
    expected = nearest_sentences(words)
    for block, dense in ((7, 0), (100, 1), (1000, 3)):
        monkeypatch.setattr(nearest, "BLOCK", block)
        monkeypatch.setattr(nearest, "DENSE_WORDS", dense)
        assert nearest_sentences(words) == expected, (block, dense)


def test_best_only_scores_few_pairs(synthetic) -> None:
    """The work count that stands for speed: exact ratios and LCS bounds against the pairs a scan would score."""
    words = [[content_words(s) for s in sentences] for sentences in synthetic.values()]
    count = Counter()
    nearest_sentences(words, counter=count)
    size = sum(len(article) for article in words)
    pairs = size * (size - size // len(words))  # about every sentence against every other article's
    assert size > 1000
    assert count["exact"] < 3 * size  # a full scan scores every pair sharing a word
    assert count["lcs"] < pairs / 20


def multiset_overlap(a, b) -> int:
    return sum(min(a.count(x), b.count(x)) for x in set(a))


def lcs_length(a, b) -> int:
    table = [[0] * (len(b) + 1) for _ in range(len(a) + 1)]
    for i, x in enumerate(a):
        for j, y in enumerate(b):
            table[i + 1][j + 1] = table[i][j] + 1 if x == y else max(table[i][j + 1], table[i + 1][j])
    return table[-1][-1]


def test_difflib_count_lcs_and_overlap_bound_each_other() -> None:
    """Bound 1 of framelab.nearest: M <= LCS <= m, and m <= 1 makes M exact."""
    rng = random.Random(11)
    for _ in range(4000):
        alphabet = rng.randint(1, 6)
        a = [rng.randrange(alphabet) for _ in range(rng.randint(0, 14))]
        b = [rng.randrange(alphabet) for _ in range(rng.randint(0, 14))]
        m, lcs, matched = multiset_overlap(a, b), lcs_length(a, b), difflib_matched(a, b)
        assert matched <= lcs <= m, (a, b)
        if m <= 1:
            assert matched == m


def test_the_overlap_matrix_and_the_lcs_bounds_are_exact(monkeypatch) -> None:
    rng = random.Random(12)
    for dense in (0, 1, 2):
        monkeypatch.setattr(nearest, "DENSE_WORDS", dense)
        flat = [[rng.randrange(6) for _ in range(rng.randint(64, 70) if k % 9 == 0 else rng.randint(0, 12))]
                for k in range(60)]
        shared = _Overlap(flat).rows(10, 40)
        expected = [[multiset_overlap(flat[q], flat[g]) for g in range(len(flat))] for q in range(10, 40)]
        assert shared[:, : len(flat)].astype(int).tolist() == expected
        queries, cands = np.nonzero(np.ones((len(flat), len(flat)), dtype=bool))
        m = np.array([multiset_overlap(flat[q], flat[g]) for q, g in zip(queries, cands)])
        bounds = _Lcs(flat, 6).bounds(queries, cands, m, Counter())
        for q, g, bound, overlap in zip(queries, cands, bounds.tolist(), m.tolist()):
            # Queries longer than one machine word keep the overlap bound.
            assert bound == (lcs_length(flat[q], flat[g]) if len(flat[q]) <= nearest.BITS else overlap)
    assert any(len(sentence) > nearest.BITS for sentence in flat)


def test_ratios_equal_difflibs_floats(synthetic) -> None:
    articles = list(synthetic)
    best = align_sentences(synthetic, best_only=True).sample(200, random_state=1)
    for row in best.itertuples():
        a, b = content_words(row.text), content_words(synthetic[row.other][row.match])
        expected = difflib.SequenceMatcher(None, a, b, autojunk=False).ratio() if a and b else 0.0
        assert row.score == expected and row.other != row.article and row.other in articles


def test_best_only_must_be_a_bool() -> None:
    with pytest.raises(ReuseError, match="best_only must be True or False"):
        align_sentences({"a": ["Troops move."], "b": ["Troops stay."]}, best_only="yes")


# --- progress: a bar on big corpora, never on the five articles ---------------------------------


def test_progress_shows_on_a_large_corpus_and_not_on_the_seeds(corpus, synthetic, monkeypatch, capfd) -> None:
    monkeypatch.delenv("TQDM_DISABLE", raising=False)
    monkeypatch.setattr(progress, "DELAY", 0)  # show at once, instead of after 2 s
    # 60 articles hold about 200 quoted statements: the bar's size is lowered to 100, above the seeds' 45.
    monkeypatch.setattr(quote_variants_module, "PROGRESS_STATEMENTS", 100)
    seeds = {article.id: framelab.split_sentences(article.body) for article in corpus}
    align_sentences(seeds, best_only=True)
    align_sentences(seeds)
    frame_profiles(corpus)
    shingle_overlap({article.id: framelab.words(article.body, lower=True) for article in corpus}, 5)
    quote_variants({article.id: article for article in corpus})
    out, err = capfd.readouterr()
    assert out == "" and err == ""
    align_sentences(synthetic, best_only=True)
    assert "aligning sentences" in capfd.readouterr().err
    many = [framelab.Article(f"s{k:03d}", "", "", "", "", body, body)
            for k, body in enumerate(" ".join(s) for s in synthetic_sentences(60).values())]
    frame_profiles(many)
    assert "matching terms" in capfd.readouterr().err
    shingle_overlap({article.id: framelab.words(article.body, lower=True) for article in many}, 5)
    assert "comparing shingles" in capfd.readouterr().err
    quote_variants({article.id: article for article in many})
    assert "comparing quotes" in capfd.readouterr().err


def test_ledgers_show_progress_on_a_large_corpus_and_not_on_the_seeds(corpus, monkeypatch, capfd) -> None:
    from framelab.numbers import numbers_ledger
    from framelab.voices import attribution_ledger

    monkeypatch.delenv("TQDM_DISABLE", raising=False)
    monkeypatch.setattr(progress, "DELAY", 0)
    attribution_ledger(corpus)
    numbers_ledger(corpus)
    assert capfd.readouterr().err == ""
    many = [framelab.Article(f"s{k:03d}", "", "", "", "", body, body)
            for k, body in enumerate(f"“We stay {k},” Ann Lee said. About {k} troops left." for k in range(60))]
    attribution_ledger(many, sides={})
    assert "finding quotations" in capfd.readouterr().err
    numbers_ledger(many)
    assert "reading numbers" in capfd.readouterr().err
