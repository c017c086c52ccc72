"""Comparing vocabularies: keyness against NLTK and the papers' formulas, the sign of the log ratio, symmetry,
similarity, bad input."""

from __future__ import annotations

import math
import random
import warnings
from collections import Counter
from fractions import Fraction

import numpy as np
import pandas as pd
import pytest
from nltk.metrics import BigramAssocMeasures
from nltk.text import TextCollection

from framelab.compare import (
    KEYNESS_COLUMNS,
    SMOOTHING,
    CompareError,
    EmptyArticleError,
    TooFewArticlesError,
    UnknownTermError,
    document_term_matrix,
    jaccard,
    keyness,
    one_vs_rest,
    relative_frequency,
    similarity_matrix,
    tfidf_matrix,
)
from framelab.corpus import load_corpus
from framelab.errors import FramelabError
from framelab.text import words


@pytest.fixture(scope="module")
def counts() -> dict[str, Counter]:
    return {article.id: Counter(words(article.body, lower=True)) for article in load_corpus()}


def two_by_two(a: int, b: int, n_target: int, n_reference: int) -> tuple[dict, dict]:
    """Target and reference whose 2x2 table for 'w' is a, b / n_target - a, n_reference - b."""
    target = {"w": a, "other": n_target - a}
    reference = {"w": b, "other": n_reference - b}
    return target, reference


def row(table: pd.DataFrame, term: str) -> pd.Series:
    selected = table[table.term == term]
    assert len(selected) == 1, f"{term!r} should appear once, found {len(selected)} rows"
    return selected.iloc[0]


# --- G² against NLTK -----------------------------------------------------------


@pytest.mark.parametrize(
    "a, b, n_target, n_reference",
    [(30, 10, 100, 100), (5, 25, 100, 100), (3, 0, 410, 814), (0, 7, 509, 454), (1, 1, 50, 5000), (12, 40, 454, 2191)],
)
def test_g2_equals_nltk_likelihood_ratio(a: int, b: int, n_target: int, n_reference: int) -> None:
    target, reference = two_by_two(a, b, n_target, n_reference)
    g2 = row(keyness(target, reference), "w").g2
    # NLTK's bigram table: "w1" = the token is the term, "w2" = the token is in the target.
    # n_ii = term in target (a); n_ix = the term anywhere (a + b); n_xi = target tokens; n_xx = all tokens.
    # NLTK then derives n_oi = n_xi - n_ii (other tokens in target, c), n_io = n_ix - n_ii (b), n_oo (d).
    nltk_value = BigramAssocMeasures.likelihood_ratio(a, (a + b, n_target), n_target + n_reference)
    assert abs(g2) == pytest.approx(nltk_value, rel=1e-9, abs=1e-9)


def test_g2_equals_nltk_on_real_articles(counts) -> None:
    target, reference = counts["004"], counts["000"]
    n_target, n_reference = sum(target.values()), sum(reference.values())
    table = keyness(target, reference)
    for term in ["troops", "soldiers", "nato", "the", "kirby", "sending", "us"]:
        a, b = target.get(term, 0), reference.get(term, 0)
        expected = BigramAssocMeasures.likelihood_ratio(a, (a + b, n_target), n_target + n_reference)
        assert abs(row(table, term).g2) == pytest.approx(expected, rel=1e-9, abs=1e-9), term


def test_g2_sign_and_p_value() -> None:
    over = row(keyness(*two_by_two(30, 10, 100, 100)), "w")
    under = row(keyness(*two_by_two(10, 30, 100, 100)), "w")
    assert over.g2 > 0 > under.g2
    # p from the chi-squared distribution with 1 df: P(X > g2) = erfc(sqrt(g2 / 2)).
    assert over.p_value == pytest.approx(math.erfc(math.sqrt(over.g2 / 2)))
    assert over.p_value == pytest.approx(0.000317, rel=0.01)  # G² = 12.97, beyond the 0.001 critical value 10.83
    equal = row(keyness(*two_by_two(10, 20, 100, 200)), "w")
    assert (equal.g2, equal.p_value) == (0.0, 1.0)
    assert equal.log_odds_z == pytest.approx(0.0, abs=1e-12)  # ln(40/360) - ln(50/450) = 0
    # Equal rates (100 per 1,000 on both sides) in texts of different sizes: the log ratio is exactly 0.
    # (Adding 0.5 to the counts, as before issue 11, gave log2(10.5/100 / (20.5/200)) = +0.035 here.)
    assert equal.log_ratio == 0.0


# --- the log ratio points the way the rates do (issue 11, item 1) -------------------


def rate_sign(a: int, b: int, n_target: int, n_reference: int) -> int:
    """sign(a / n_target - b / n_reference), computed exactly with fractions."""
    difference = Fraction(int(a), int(n_target)) - Fraction(int(b), int(n_reference))
    return (difference > 0) - (difference < 0)


def sign_disagreements(table: pd.DataFrame, sizes: dict[str, tuple[int, int]], column: str = "log_ratio") -> list:
    """Rows whose ``column`` has another sign than the exact rate difference (target minus reference).

    ``sizes`` maps each ``article`` (or "" for a keyness table) to (n_target, n_reference).
    """
    wrong = []
    articles = table["article"] if "article" in table else [""] * len(table)
    for article, term, a, b, value in zip(articles, table.term, table.count_target, table.count_reference, table[column]):
        expected = rate_sign(a, b, *sizes[article])
        if (value > 0) - (value < 0) != expected:
            wrong.append((article, term, int(a), int(b), float(value), expected))
    return wrong


def old_log_ratio(table: pd.DataFrame, sizes: dict[str, tuple[int, int]]) -> pd.Series:
    """The formula used before issue 11: 0.5 added to the raw counts. Kept to show the check can fail."""
    articles = table["article"] if "article" in table else pd.Series([""] * len(table), index=table.index)
    n_t = articles.map(lambda article: sizes[article][0])
    n_r = articles.map(lambda article: sizes[article][1])
    return np.log2((table.count_target + 0.5) / n_t) - np.log2((table.count_reference + 0.5) / n_r)


def test_the_issue_example_points_the_way_of_the_rates() -> None:
    # 0 uses in 100 tokens against 1 use in 500: the target's rate (0) is lower than the reference's (2 per 1,000).
    table = keyness({"other": 100}, {"w": 1, "other": 499}, terms=["w"])
    result = row(table, "w")
    assert result.log_ratio == pytest.approx(math.log2((0 + 1) / (2 + 1)), rel=1e-12)  # -1.585
    assert result.log_ratio < 0 and result.g2 < 0 and result.log_odds_z < 0
    assert sign_disagreements(table, {"": (100, 500)}) == []
    # The old formula (+0.5 on the counts) gave +0.737 here, and the checker catches it.
    assert old_log_ratio(table, {"": (100, 500)}).iloc[0] == pytest.approx(0.737, abs=1e-3)
    assert len(sign_disagreements(table.assign(log_ratio=old_log_ratio(table, {"": (100, 500)})), {"": (100, 500)})) == 1


def test_log_ratio_sign_on_one_vs_rest_over_the_five_articles(counts) -> None:
    table = one_vs_rest(counts)
    grand_total = sum(sum(c.values()) for c in counts.values())
    sizes = {label: (sum(c.values()), grand_total - sum(c.values())) for label, c in counts.items()}
    assert len(table) > 3000
    assert sign_disagreements(table, sizes) == []
    assert np.isfinite(table.log_ratio).all()
    # The same rows with the old formula disagreed on about 1,600 of them (mostly words absent from the target).
    old = sign_disagreements(table.assign(log_ratio=old_log_ratio(table, sizes)), sizes)
    assert len(old) > 1000
    # Both directions occur, and log ratio agrees in sign with the signed G² wherever G² is not 0.
    assert (table.log_ratio > 0).sum() > 500 and (table.log_ratio < 0).sum() > 500
    nonzero = table[table.g2 != 0]
    assert (np.sign(nonzero.log_ratio) == np.sign(nonzero.g2)).all()


def random_tables(rng: np.random.Generator) -> tuple[dict[str, Counter], dict[str, Counter]]:
    """Target and reference with zero counts, very unequal sizes, and some terms at exactly equal rates.

    The reference is ``m`` times the target's size; the "tied" terms have b = m * a (equal rates), the
    others are drawn independently (many zeros), and the reference's filler makes its size exactly m x.
    """
    vocabulary = [f"w{i}" for i in range(int(rng.integers(2, 40)))]
    m = int(rng.choice([1, 2, 3, 7, 50, 1000, 100_000]))
    tied = rng.random(len(vocabulary)) < 0.3
    target, reference = Counter(), Counter()
    for word, is_tied in zip(vocabulary, tied):
        a = int(rng.choice([0, 0, 1, 2, 5, int(rng.integers(0, 200))]))
        target[word] = a
        if is_tied:
            reference[word] = m * a
    target["filler_t"] = int(rng.integers(1, 500))
    free = [word for word, is_tied in zip(vocabulary, tied) if not is_tied] + ["filler_r"]
    remaining = m * sum(target.values()) - sum(reference.values())
    shares = rng.dirichlet(np.full(len(free), 0.3))
    for word, count in zip(free, rng.multinomial(remaining, shares)):
        reference[word] += int(count)
    if rng.random() < 0.5:  # swap sides: a huge target against a small reference too
        target, reference = reference, target
    return +target, +reference  # + drops zero counts, like a Counter of tokens


def test_log_ratio_sign_on_many_random_tables() -> None:
    rng = np.random.default_rng(11)
    seen = Counter()
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        for trial in range(400):
            target, reference = random_tables(rng)
            if len(set(target) | set(reference)) < 2:
                continue
            smoothing = float(rng.choice([SMOOTHING, 0.001, 0.5, 100.0]))
            table = keyness(target, reference, smoothing=smoothing)
            sizes = {"": (sum(target.values()), sum(reference.values()))}
            assert np.isfinite(table.log_ratio).all(), trial
            assert sign_disagreements(table, sizes) == [], (trial, smoothing)
            seen.update(np.sign(table.log_ratio).astype(int).tolist())
            seen["old formula wrong"] += len(sign_disagreements(table.assign(log_ratio=old_log_ratio(table, sizes)), sizes))
            seen["unequal sizes"] += max(sizes[""]) >= 1000 * min(sizes[""])
    # The tables covered every case the property is about, and would have caught the old formula.
    assert seen[1] > 1000 and seen[-1] > 1000 and seen[0] > 300, seen
    assert seen["unequal sizes"] > 50 and seen["old formula wrong"] > 100, seen


def test_log_ratio_sign_on_random_one_vs_rest() -> None:
    rng = np.random.default_rng(2022)
    for trial in range(60):
        corpus = {}
        for k in range(int(rng.integers(2, 7))):
            scale = int(rng.choice([1, 10, 1000]))
            size = int(rng.integers(1, 300)) * scale
            weights = rng.dirichlet(np.full(25, 0.2))
            corpus[f"d{k}"] = +Counter({f"w{i}": int(c) for i, c in enumerate(rng.multinomial(size, weights))})
        if len(set().union(*corpus.values())) < 2:
            continue
        table = one_vs_rest(corpus)
        grand_total = sum(sum(c.values()) for c in corpus.values())
        sizes = {label: (sum(c.values()), grand_total - sum(c.values())) for label, c in corpus.items()}
        assert np.isfinite(table.log_ratio).all(), trial
        assert sign_disagreements(table, sizes) == [], trial


def test_log_ratio_keeps_its_sign_where_the_rates_differ_by_less_than_rounding() -> None:
    # 1 use in 4,000,000,001 tokens against 1 in 4,000,000,000: the smoothed rates 1.00000000025 per 1,000
    # round to the same float, so log2 of their quotient is 0.0; the log ratio must still be negative.
    n = 4_000_000_001
    table = keyness({"w": 1, "other": n - 1}, {"w": 1, "other": n - 2}, terms=["w"])
    assert math.log2((1000 / n + 1) / (1000 / (n - 1) + 1)) == 0.0
    assert row(table, "w").log_ratio < 0
    assert sign_disagreements(table, {"": (n, n - 1)}) == []
    tiny = keyness({"w": 0, "x": 3}, {"w": 2, "x": 1}, smoothing=1e-12)  # a tiny N: zeros stay finite
    assert np.isfinite(tiny.log_ratio).all() and row(tiny, "w").log_ratio < -30


def test_log_ratio_ranking_on_equal_sizes_follows_the_counts() -> None:
    # Equal sizes, both counts non-zero: the rate difference has the sign of a - b, so sorting by log ratio
    # puts every a > b word above every a = b word above every a < b word; and a word with at least as many
    # uses in the target and at most as many in the reference never ranks lower.
    rng = np.random.default_rng(5)
    for trial in range(50):
        words_ = [f"w{i}" for i in range(30)]
        a = rng.integers(1, 30, size=30)
        b = np.where(rng.random(30) < 0.2, a, rng.integers(1, 30, size=30))
        size = max(int(a.sum()), int(b.sum())) + int(rng.integers(1, 5000))
        target = {w: int(x) for w, x in zip(words_, a)} | {"other_t": size - int(a.sum())}
        reference = {w: int(x) for w, x in zip(words_, b)} | {"other_r": size - int(b.sum())}
        table = keyness(target, reference, smoothing=float(rng.choice([0.01, 1.0, 50.0])), terms=words_)
        assert np.isfinite(table.log_ratio).all()
        ranked = table.sort_values(["log_ratio", "term"], ascending=[False, True], kind="stable")
        direction = np.sign(ranked.count_target - ranked.count_reference).to_numpy()
        assert (np.diff(direction) <= 0).all(), trial
        assert (ranked.log_ratio[direction == 0] == 0).all()
        # every pair (i, j): i dominates j when a_i >= a_j and b_i <= b_j
        x_a, x_b, x_lr = (table[c].to_numpy()[:, None] for c in ("count_target", "count_reference", "log_ratio"))
        y_a, y_b, y_lr = x_a.T, x_b.T, x_lr.T
        dominates = (x_a >= y_a) & (x_b <= y_b)
        strictly = dominates & ((x_a > y_a) | (x_b < y_b))
        assert dominates.sum() > len(table), trial  # the diagonal and more
        assert (x_lr >= y_lr)[dominates].all(), trial
        assert (x_lr > y_lr)[strictly].all(), trial


# --- log ratio and log-odds z by hand ------------------------------------------


def test_log_ratio_by_hand() -> None:
    # Kilgarriff (2009): N added to both relative frequencies. 3 in 100 = 30 per 1,000, 0 in 200 = 0 per 1,000:
    #   N = 1 per 1,000 (the default): log2((30 + 1) / (0 + 1)) = log2(31)
    #   N = 0.5 per 1,000:             log2((30 + 0.5) / (0 + 0.5)) = log2(61)
    result = row(keyness(*two_by_two(3, 0, 100, 200)), "w")
    assert SMOOTHING == 1.0
    assert result.per_1000_target == 30.0 and result.per_1000_reference == 0.0
    assert result.log_ratio == pytest.approx(math.log2(31), rel=1e-12)
    half = row(keyness(*two_by_two(3, 0, 100, 200), smoothing=0.5), "w")
    assert half.log_ratio == pytest.approx(math.log2(61), rel=1e-12)
    # 1 in 508 against 41 in 2,187 ("us" in 004 against the rest): (1.9685 + 1) / (18.7471 + 1)
    us = row(keyness({"us": 1, "other": 507}, {"us": 41, "other": 2146}), "us")
    assert us.log_ratio == pytest.approx(math.log2((1000 / 508 + 1) / (41000 / 2187 + 1)), rel=1e-12)
    assert us.log_ratio == pytest.approx(-2.7338, abs=1e-4)


def test_log_odds_z_matches_the_paper_by_hand() -> None:
    # Monroe, Colaresi & Quinn (2008), eqs. 16 and 18-20, informative Dirichlet prior:
    #   delta = ln[(y_i + a_w) / (n_i + a_0 - y_i - a_w)] - ln[(y_j + a_w) / (n_j + a_0 - y_j - a_w)]
    #   var   = 1 / (y_i + a_w) + 1 / (y_j + a_w);  z = delta / sqrt(var)
    # Target: 6 of 20 tokens are "troops"; reference: 2 of 30. Prior = pooled counts (scale 1):
    #   a_w = 6 + 2 = 8, a_0 = 20 + 30 = 50.
    #   target term:    (6 + 8) / (20 + 50 - 6 - 8) = 14 / 56 = 0.25
    #   reference term: (2 + 8) / (30 + 50 - 2 - 8) = 10 / 70 = 1/7
    #   delta = ln(0.25) - ln(1/7) = ln(7/4) = 0.559616
    #   var = 1/14 + 1/10 = 0.171429, sqrt = 0.414039, z = 0.559616 / 0.414039 = 1.351600
    expected = math.log(7 / 4) / math.sqrt(1 / 14 + 1 / 10)
    assert expected == pytest.approx(1.351600, abs=1e-6)
    target, reference = {"troops": 6, "other": 14}, {"troops": 2, "other": 28}
    assert row(keyness(target, reference), "troops").log_odds_z == pytest.approx(expected, rel=1e-12)
    # prior_scale 0.5 halves the priors: a_w = 4, a_0 = 25.
    #   (6 + 4) / (20 + 25 - 10) = 10/35, (2 + 4) / (30 + 25 - 6) = 6/49, var = 1/10 + 1/6
    half = (math.log(10 / 35) - math.log(6 / 49)) / math.sqrt(1 / 10 + 1 / 6)
    assert row(keyness(target, reference, prior_scale=0.5), "troops").log_odds_z == pytest.approx(half, rel=1e-12)


# --- symmetry --------------------------------------------------------------------


@pytest.mark.parametrize("first, second", [("000", "003"), ("004", "001"), ("002", "000")])
def test_keyness_is_antisymmetric(counts, first: str, second: str) -> None:
    forward = keyness(counts[first], counts[second]).set_index("term").sort_index()
    backward = keyness(counts[second], counts[first]).set_index("term").sort_index()
    assert list(forward.index) == list(backward.index)
    for column in ("g2", "log_ratio", "log_odds_z"):
        np.testing.assert_allclose(forward[column], -backward[column], rtol=1e-12, atol=1e-12, err_msg=column)
    np.testing.assert_allclose(forward.p_value, backward.p_value, rtol=1e-12)
    assert (forward.count_target == backward.count_reference).all()
    assert (forward.thin_evidence == backward.thin_evidence).all()


# --- similarity ------------------------------------------------------------------


def test_jaccard_of_an_article_with_itself_is_one(counts) -> None:
    for article_counts in counts.values():
        assert jaccard(article_counts, article_counts) == 1.0
        assert jaccard(list(article_counts.elements()), set(article_counts)) == 1.0


@pytest.mark.parametrize("method, weighting", [("cosine", "tfidf"), ("cosine", "counts"), ("jaccard", "tfidf")])
def test_similarity_matrix_is_symmetric_with_ones_on_the_diagonal(counts, method: str, weighting: str) -> None:
    matrix = similarity_matrix(counts, method, weighting)
    assert list(matrix.index) == list(matrix.columns) == ["000", "001", "002", "003", "004"]
    values = matrix.to_numpy()
    assert (values == values.T).all()
    assert (np.diag(values) == 1.0).all()
    assert ((values >= 0) & (values <= 1)).all() and not np.isnan(values).any()


def test_similarity_of_an_article_with_a_copy_of_itself_is_one(counts) -> None:
    docs = {"000": counts["000"], "copy": Counter(counts["000"]), "003": counts["003"]}
    assert similarity_matrix(docs).loc["000", "copy"] == pytest.approx(1.0)
    assert similarity_matrix(docs, "jaccard").loc["000", "copy"] == 1.0


def test_jaccard_matrix_agrees_with_pairwise_jaccard(counts) -> None:
    matrix = similarity_matrix(counts, "jaccard")
    for first in counts:
        for second in counts:
            if first != second:
                assert matrix.loc[first, second] == pytest.approx(jaccard(counts[first], counts[second]))


def test_cosine_by_hand_and_tfidf_like_nltk(counts) -> None:
    docs = {"A": ["us", "troops", "us"], "B": ["nato", "troops"], "C": ["us", "nato"]}
    # counts: A = (nato 0, troops 1, us 2), B = (1, 1, 0): cosine = 1 / (sqrt(5) * sqrt(2))
    assert similarity_matrix(docs, weighting="counts").loc["A", "B"] == pytest.approx(1 / math.sqrt(10))
    tokens = {article_id: list(c.elements()) for article_id, c in counts.items()}
    collection = TextCollection(list(tokens.values()))
    weights = tfidf_matrix(tokens)
    for article_id, article_tokens in tokens.items():
        for term in ["troops", "soldiers", "kirby", "the", "romania"]:
            assert weights.loc[article_id, term] == pytest.approx(collection.tf_idf(term, article_tokens), abs=1e-15)


# --- one-vs-rest, filters, order ---------------------------------------------------


def test_one_vs_rest_equals_keyness_against_the_other_articles(counts) -> None:
    table = one_vs_rest(counts)
    assert list(table.columns) == ["article", *KEYNESS_COLUMNS]
    assert list(dict.fromkeys(table.article)) == list(counts)
    for article_id in ["000", "004"]:
        rest = sum((c for other, c in counts.items() if other != article_id), Counter())
        expected = keyness(counts[article_id], rest).reset_index(drop=True)
        mine = table[table.article == article_id].drop(columns="article").reset_index(drop=True)
        pd.testing.assert_frame_equal(mine, expected, rtol=1e-12)


def test_rows_sorted_by_g2_then_term(counts) -> None:
    table = keyness(counts["004"], counts["003"])
    expected = table.sort_values(["g2", "term"], ascending=[False, True], kind="stable")
    assert list(table.term) == list(expected.term)
    assert table.index.equals(pd.RangeIndex(len(table)))


def test_min_freq_filters_and_terms_are_kept_but_flagged(counts) -> None:
    full = keyness(counts["004"], counts["000"])
    filtered = keyness(counts["004"], counts["000"], min_freq=5)
    assert (filtered.count_target + filtered.count_reference >= 5).all()
    assert set(filtered.term) == set(full.term[full.count_target + full.count_reference >= 5])
    chosen = keyness(counts["004"], counts["000"], min_freq=5, terms=["soldiers", "troops", "corn"])
    assert sorted(chosen.term) == ["corn", "soldiers", "troops"]
    assert row(chosen, "corn").thin_evidence  # 1 use, below min_freq
    assert not row(chosen, "troops").thin_evidence


def test_thin_evidence_follows_the_expected_count() -> None:
    # expected count of the term in the smaller side: (a + b) * n_target / n
    thick = row(keyness(*two_by_two(30, 10, 100, 100)), "w")  # expected 20 and 20
    thin = row(keyness(*two_by_two(4, 2, 100, 100)), "w")  # expected 3 and 3
    assert not thick.thin_evidence and thin.thin_evidence


def test_relative_frequency_and_document_term_matrix(counts) -> None:
    shares = relative_frequency(counts["001"])
    assert sum(shares.values()) == pytest.approx(1000)
    assert shares["troops"] == pytest.approx(counts["001"]["troops"] * 1000 / sum(counts["001"].values()))
    matrix = document_term_matrix(counts)
    assert matrix.loc["003", "troops"] == counts["003"]["troops"]
    assert list(matrix.columns) == sorted(matrix.columns)


def test_no_warnings_and_no_nan_on_edge_cases() -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        table = keyness({"only": 3, "both": 2}, {"both": 5, "else": 1})  # zero cells on both sides
        assert not table.isna().any().any()
        same = keyness({"a": 1, "b": 2}, {"a": 1, "b": 2})
        assert (same.g2 == 0).all() and (same.log_odds_z == 0).all()


# --- vectorised vs a simple loop ----------------------------------------------------


def loop_keyness(target: dict, reference: dict, smoothing: float = 1.0, prior_scale: float = 1.0) -> dict:
    """The formulas one term at a time, with math only."""
    n_t, n_r = sum(target.values()), sum(reference.values())
    n = n_t + n_r
    result = {}
    for term in set(target) | set(reference):
        a, b = target.get(term, 0), reference.get(term, 0)
        if a + b == 0:
            continue
        cells = [(a, (a + b) * n_t / n), (b, (a + b) * n_r / n), (n_t - a, (n - a - b) * n_t / n), (n_r - b, (n - a - b) * n_r / n)]
        g2 = 2 * sum(o * math.log(o / e) for o, e in cells if o > 0)
        sign = (a / n_t > b / n_r) - (a / n_t < b / n_r)
        alpha, alpha_0 = prior_scale * (a + b), prior_scale * n
        delta = math.log((a + alpha) / (n_t + alpha_0 - a - alpha)) - math.log((b + alpha) / (n_r + alpha_0 - b - alpha))
        result[term] = {
            "g2": sign * g2,
            "log_ratio": math.log2((a * 1000 / n_t + smoothing) / (b * 1000 / n_r + smoothing)),
            "log_odds_z": delta / math.sqrt(1 / (a + alpha) + 1 / (b + alpha)),
            "p_value": math.erfc(math.sqrt(g2 / 2)),
        }
    return result


def test_vectorised_agrees_with_a_simple_loop() -> None:
    rng = random.Random(7)
    vocabulary = [f"w{i}" for i in range(60)]
    corpus = {
        f"d{k}": Counter(rng.choices(vocabulary, weights=[1 / (i + 1) for i in range(60)], k=rng.randint(30, 200)))
        for k in range(6)
    }
    table = one_vs_rest(corpus)
    for label, target in corpus.items():
        reference = sum((c for other, c in corpus.items() if other != label), Counter())
        expected = loop_keyness(dict(target), dict(reference))
        mine = table[table.article == label].set_index("term")
        assert sorted(mine.index) == sorted(expected)
        for term, values in expected.items():
            for column, value in values.items():
                assert mine.loc[term, column] == pytest.approx(value, rel=1e-9, abs=1e-12), (label, term, column)
    pair = keyness(corpus["d0"], corpus["d1"], smoothing=1.0, prior_scale=0.1).set_index("term")
    for term, values in loop_keyness(dict(corpus["d0"]), dict(corpus["d1"]), 1.0, 0.1).items():
        for column, value in values.items():
            assert pair.loc[term, column] == pytest.approx(value, rel=1e-9, abs=1e-12), (term, column)


# --- bad input ----------------------------------------------------------------------


def test_errors_are_framelab_errors() -> None:
    for error in (CompareError, EmptyArticleError, TooFewArticlesError, UnknownTermError):
        assert issubclass(error, FramelabError)


@pytest.mark.parametrize(
    "call, error, fragment",
    [
        (lambda c: one_vs_rest({**c, "005": Counter()}), EmptyArticleError, "'005' has no tokens"),
        (lambda c: one_vs_rest({**c, "005": []}), EmptyArticleError, "'005' has no tokens"),
        (lambda c: similarity_matrix({**c, "005": {"troops": 0}}), EmptyArticleError, "'005' has no tokens"),
        (lambda c: keyness({}, c["000"]), EmptyArticleError, "'target' has no tokens"),
        (lambda c: keyness(c["000"], []), EmptyArticleError, "'reference' has no tokens"),
        (lambda c: one_vs_rest({"000": c["000"]}), TooFewArticlesError, "only '000'"),
        (lambda c: similarity_matrix({"000": c["000"]}), TooFewArticlesError, "at least two articles"),
        (lambda c: tfidf_matrix({"000": c["000"]}), TooFewArticlesError, "at least two articles"),
        (lambda c: keyness(c["000"], c["003"], terms=["troops", "tanks"]), UnknownTermError, "'tanks'"),
        (lambda c: one_vs_rest(c, terms=["Troops"]), UnknownTermError, "'Troops'"),
        (lambda c: keyness(c["000"], c["003"], terms="troops"), CompareError, "terms=['troops']"),
        (lambda c: keyness(c["000"], c["003"], min_freq=0), CompareError, "min_freq"),
        (lambda c: keyness(c["000"], c["003"], min_freq=-2), CompareError, "min_freq"),
        (lambda c: one_vs_rest(c, min_freq=2.5), CompareError, "min_freq"),
        (lambda c: keyness(c["000"], c["003"], prior_scale=0), CompareError, "prior_scale"),
        (lambda c: keyness(c["000"], c["003"], smoothing=0), CompareError, "smoothing must be a number above 0"),
        (lambda c: one_vs_rest(c, smoothing=-1.0), CompareError, "per 1,000 tokens"),
        (lambda c: keyness(c["000"], c["003"], smoothing=math.inf), CompareError, "e.g. 1.0), not inf."),
        (lambda c: keyness(c["000"], c["003"], smoothing=True), CompareError, "smoothing"),
        (lambda c: keyness("US troops move", c["003"]), CompareError, "one string"),
        (lambda c: keyness({"troops": -1, "us": 3}, c["003"]), CompareError, "'troops' is -1"),
        (lambda c: keyness({"troops": 1.5, "us": 3}, c["003"]), CompareError, "whole numbers"),
        (lambda c: keyness({"troops": "many", "us": 3}, c["003"]), CompareError, "'troops' is 'many'"),
        (lambda c: similarity_matrix(list(c.values())), CompareError, "should be a dict"),
        (lambda c: similarity_matrix(c, method="euclid"), CompareError, "method"),
        (lambda c: similarity_matrix({"A": ["us"], "B": ["us", "us"]}), CompareError, "all zeros"),
        (lambda c: keyness({"us": 2}, {"us": 5}), CompareError, "two different words"),
        (lambda c: relative_frequency({}), EmptyArticleError, "no tokens"),
        (lambda c: relative_frequency(c["000"], per=0), CompareError, "per"),
        (lambda c: jaccard([], c["000"]), EmptyArticleError, "a has no words"),
        (lambda c: jaccard(c["000"], "troops"), CompareError, "b is one string"),
    ],
    ids=lambda value: value if isinstance(value, str) else "",
)
def test_bad_input_gives_a_clear_message(counts, call, error, fragment: str) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # no division-by-zero warnings on the way to the message
        with pytest.raises(error) as raised:
            call(counts)
    assert fragment in str(raised.value)


@pytest.mark.parametrize("count", [True, False, np.bool_(True)])
def test_true_or_false_is_never_a_word_count(count) -> None:
    for call in (
        lambda: keyness({"a": count, "b": 3}, {"a": 2, "b": 3}),
        lambda: relative_frequency({"a": count, "b": 3}),
        lambda: one_vs_rest({"x": {"a": count, "b": 1}, "y": {"a": 1, "b": 1}}),
    ):
        with pytest.raises(CompareError, match="not True or False"):
            call()


def test_counts_beyond_exact_floats_are_refused() -> None:
    with pytest.raises(CompareError, match="more than 2\\*\\*53"):
        keyness({"y": 2**53 + 2, "z": 1}, {"y": 2**53 - 2, "z": 1})
    with pytest.raises(CompareError, match="more than 2\\*\\*53"):
        keyness({"y": 1e300, "z": 1}, {"y": 3, "z": 1})
