"""framelab.counting: frequencies, TTR and MATTR, hapaxes, Zipf tables, collocations.

Values are checked against NLTK (FreqDist, BigramCollocationFinder) or against
numbers worked out by hand; bad input must raise CountingError with a message
that names the argument.
"""

from __future__ import annotations

import math
from collections import Counter

import pandas as pd
import pytest
from nltk import FreqDist
from nltk.collocations import BigramAssocMeasures, BigramCollocationFinder

from framelab import split_sentences, words
from framelab.counting import (
    MEASURES,
    CountingError,
    collocations,
    frequencies,
    hapaxes,
    moving_average_ttr,
    pmi,
    top_words,
    type_token_ratio,
    zipf_table,
)
from framelab.errors import FramelabError
from framelab.lexicons import DATA, load_word_list, stop_words

# -- frequencies and top words ------------------------------------------------


def test_frequencies_match_freqdist(tokens) -> None:
    for article_tokens in tokens.values():
        assert frequencies(article_tokens) == Counter(FreqDist(article_tokens))


def test_frequencies_lower_and_stop_words() -> None:
    text = ["The", "US", "troops", "the", "us"]
    assert frequencies(text) == Counter({"the": 2, "us": 2, "troops": 1})
    assert frequencies(text, lower=False) == Counter({"The": 1, "US": 1, "troops": 1, "the": 1, "us": 1})
    # stop words are compared lower-cased, so "The" goes too when case is kept
    assert frequencies(text, stop_words={"the"}, lower=False) == Counter({"US": 1, "troops": 1, "us": 1})


def test_stop_word_lists_change_the_top_words(tokens) -> None:
    everything = [t for article_tokens in tokens.values() for t in article_tokens]
    short = load_word_list(DATA / "stopwords_short.txt")
    plain = [w for w, _ in top_words(everything, 10)]
    with_short = [w for w, _ in top_words(everything, 10, stop_words=short)]
    with_full = [w for w, _ in top_words(everything, 10, stop_words=stop_words())]
    assert plain[:2] == ["the", "to"]
    assert "the" not in with_short and "not" in with_short  # the short list keeps negation
    assert "not" not in with_full and with_full[0] == "ukraine"
    assert len(set(short)) == len(short) < 45 and set(short) < stop_words()


def test_top_words_ties_are_alphabetical_and_n_is_checked() -> None:
    assert top_words(["b", "a", "c", "a", "b"], 3) == [("a", 2), ("b", 2), ("c", 1)]
    assert top_words(["b", "a"], 0) == []
    assert top_words(["b", "a"], 5) == [("a", 1), ("b", 1)]
    with pytest.raises(CountingError, match=r"top_words\(n=\.\.\.\) must be a whole number of at least 0 \(words to list\), not -1"):
        top_words(["a"], -1)


def test_a_string_is_refused_not_counted_letter_by_letter() -> None:
    for function in (frequencies, type_token_ratio, hapaxes, zipf_table, collocations):
        with pytest.raises(CountingError, match=r"\(tokens=\.\.\.\) is a string .*must be a list of words.*framelab\.words"):
            function("US troops move")


# -- TTR and MATTR -----------------------------------------------------------


def test_type_token_ratio_values(tokens) -> None:
    assert type_token_ratio(["a", "b", "a", "c"]) == 0.75
    assert type_token_ratio(tokens["003"]) == len(set(tokens["003"])) / len(tokens["003"])
    assert round(type_token_ratio(tokens["003"]), 3) == 0.488


def test_empty_text_gives_a_clear_error_not_zero_division() -> None:
    for function in (type_token_ratio, moving_average_ttr):
        with pytest.raises(CountingError, match=r"tokens=\[\]\): the token list is empty") as caught:
            function([])
        assert isinstance(caught.value, FramelabError)
        assert not isinstance(caught.value, ZeroDivisionError)


def _mattr_by_hand(tokens: list[str], window: int) -> float:
    ratios = [len(set(tokens[i : i + window])) / window for i in range(len(tokens) - window + 1)]
    return sum(ratios) / len(ratios)


@pytest.mark.parametrize("window", [1, 2, 7, 50, 100, 410])
def test_mattr_matches_the_definition(tokens, window: int) -> None:
    for article_tokens in tokens.values():
        assert moving_average_ttr(article_tokens, window) == pytest.approx(
            _mattr_by_hand(article_tokens, window), abs=1e-12
        )


def test_mattr_edge_cases(tokens) -> None:
    text = tokens["003"]
    assert moving_average_ttr(text, 1) == 1.0  # every one-token window has one type
    assert moving_average_ttr(text, len(text)) == pytest.approx(type_token_ratio(text))  # one window
    assert moving_average_ttr(["a", "a", "b", "b"], 2) == pytest.approx(2 / 3)


def test_repeating_a_text_lowers_ttr_but_not_mattr(tokens) -> None:
    text = tokens["001"]
    twice = text + text
    assert type_token_ratio(twice) == pytest.approx(type_token_ratio(text) / 2)
    assert abs(moving_average_ttr(twice, 100) - moving_average_ttr(text, 100)) < 0.01


@pytest.mark.parametrize("window", [0, -5, 2.5, "100", True])
def test_mattr_bad_window(window) -> None:
    with pytest.raises(CountingError, match=r"moving_average_ttr\(window=\.\.\.\) must be a whole number of at least 1"):
        moving_average_ttr(["a", "b", "c"], window)


def test_mattr_text_shorter_than_window_is_refused() -> None:
    with pytest.raises(CountingError, match=r"only 3 tokens, fewer than one window\. Use a window of at most 3"):
        moving_average_ttr(["a", "b", "c"], 100)


# -- hapaxes and Zipf --------------------------------------------------------


def test_hapaxes_match_freqdist_sorted(tokens) -> None:
    for article_tokens in tokens.values():
        assert hapaxes(article_tokens) == sorted(FreqDist(article_tokens).hapaxes())
    assert hapaxes([]) == []
    assert "corn" in hapaxes(tokens["004"])


def test_zipf_table(tokens) -> None:
    table = zipf_table(tokens["000"])
    assert list(table.columns) == ["rank", "word", "count"]
    assert list(table["rank"]) == list(range(1, len(set(tokens["000"])) + 1))
    assert table["count"].sum() == len(tokens["000"])
    assert table.iloc[0].tolist() == [1, "the", 36]
    assert table["count"].is_monotonic_decreasing
    for _, group in table.groupby("count"):  # ties in alphabetical order
        assert list(group["word"]) == sorted(group["word"])
    empty = zipf_table([])
    assert list(empty.columns) == ["rank", "word", "count"] and len(empty) == 0


# -- collocations ------------------------------------------------------------


def _sentences(corpus) -> list[list[str]]:
    return [words(s, lower=True) for a in corpus for s in split_sentences(a.body)]


@pytest.mark.parametrize("measure", sorted(MEASURES))
def test_collocations_match_nltk(corpus, measure: str) -> None:
    documents = _sentences(corpus)
    finder = BigramCollocationFinder.from_documents(documents)
    finder.apply_freq_filter(3)
    expected = finder.score_ngrams(getattr(BigramAssocMeasures, measure))
    table = collocations(documents, measure=measure, min_freq=3, top=None)
    assert list(table.columns) == ["bigram", "count", "score"]
    assert len(table) == len(expected)
    assert dict(zip(table["bigram"], table["score"])) == pytest.approx(
        {" ".join(pair): score for pair, score in expected}
    )
    assert list(table["bigram"][:5]) == [" ".join(pair) for pair, _ in expected[:5]]
    assert all(table["count"] >= 3)


def test_collocations_known_values(corpus) -> None:
    table = collocations(_sentences(corpus), measure="likelihood_ratio", min_freq=3, top=3)
    assert list(table["bigram"]) == ["united states", "joe biden", "kirby said"]
    assert list(table["count"]) == [10, 8, 9]
    assert round(table["score"][0], 2) == 121.08


def test_pmi_without_filter_prefers_pairs_seen_once(corpus) -> None:
    documents = _sentences(corpus)
    unfiltered = collocations(documents, measure="pmi", min_freq=1, top=20)
    assert set(unfiltered["count"]) == {1}
    filtered = collocations(documents, measure="pmi", min_freq=3, top=None)
    assert len(filtered) and filtered["count"].min() >= 3
    every_pair = collocations(documents, measure="pmi", min_freq=1, top=None)
    assert len(filtered) < len(every_pair)
    rare = set(every_pair.loc[every_pair["count"] < 3, "bigram"])
    assert rare and not rare & set(filtered["bigram"])  # the filter removed every rare pair


def test_filtering_does_not_change_the_score_of_a_kept_pair(corpus) -> None:
    documents = _sentences(corpus)
    before = collocations(documents, measure="pmi", min_freq=1, top=None).set_index("bigram")["score"]
    after = collocations(documents, measure="pmi", min_freq=3, top=None).set_index("bigram")["score"]
    assert after.to_dict() == pytest.approx(before[after.index].to_dict())


def test_hand_pmi_matches_nltk(corpus) -> None:
    documents = _sentences(corpus)
    every = [w for d in documents for w in d]
    counts = Counter(every)
    table = collocations(documents, measure="pmi", min_freq=3, top=None).set_index("bigram")
    assert table.loc["united states", "score"] == pytest.approx(
        pmi(10, counts["united"], counts["states"], len(every))
    )
    assert pmi(1, 1, 1, 8) == 3.0
    with pytest.raises(CountingError, match="at least 1"):
        pmi(0, 3, 3, 10)
    with pytest.raises(CountingError, match="cannot occur more often"):
        pmi(5, 3, 3, 10)


def test_collocations_are_deterministic_with_alphabetical_ties(corpus) -> None:
    documents = _sentences(corpus)
    first = collocations(documents, measure="pmi", min_freq=1, top=None)
    second = collocations(list(reversed(documents)), measure="pmi", min_freq=1, top=None)
    pd.testing.assert_frame_equal(first, second)  # input order does not matter
    for _, group in first.groupby(first["score"].round(9)):
        assert list(group["bigram"]) == sorted(group["bigram"])


def test_collocations_stop_words_and_documents() -> None:
    table = collocations([["the", "us", "army"], ["the", "us", "navy"]], measure="pmi", min_freq=2)
    assert list(table["bigram"]) == ["the us"]  # no pair spans the two lists
    assert collocations([["the", "us"], ["the", "us"]], min_freq=2, stop_words={"the"}).empty
    assert collocations([], top=None).empty


def test_collocations_bad_arguments() -> None:
    with pytest.raises(CountingError, match=r"measure='t-score'.*Use one of: 'likelihood_ratio', 'pmi'"):
        collocations(["a", "b"], measure="t-score")
    with pytest.raises(CountingError, match=r"min_freq=\.\.\.\) must be a whole number of at least 1.*not 0"):
        collocations(["a", "b"], min_freq=0)
    with pytest.raises(CountingError, match=r"top=\.\.\.\) must be a whole number of at least 0.*not -1"):
        collocations(["a", "b"], top=-1)
    with pytest.raises(CountingError, match="not a mix"):
        collocations(["a", ["b", "c"]])


def test_ttr_of_a_long_text_is_lower(tokens) -> None:
    # The lesson's claim: TTR falls with length, MATTR much less so.
    text = tokens["001"]
    assert type_token_ratio(text[:100]) > type_token_ratio(text[:400]) > type_token_ratio(text)
    assert math.isclose(moving_average_ttr(text[:400], 100), moving_average_ttr(text, 100), abs_tol=0.05)
