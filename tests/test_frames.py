"""Unit tests for framelab.frames: frame profiles, hedges, VADER sentiment, concordance."""

from __future__ import annotations

import pandas as pd
import pytest

from framelab import Article, FramelabError, load_corpus, words
from framelab.frames import (
    FRAMES_FILE,
    FramesError,
    article_sentiment,
    concordance,
    dimensions,
    frame_lexicon,
    frame_profiles,
    frame_sentences,
    hedge_lexicon,
    hedge_rates,
    match_terms,
    plain_quotes,
    sentence_sentiment,
    term_matches,
    vader_scores,
    word_counts,
)
from framelab.lexicons import load_lexicon

CODEBOOK = {  # the 15 dimensions of the Media Frames Corpus codebook (Card et al. 2015)
    "Economic", "Capacity and resources", "Morality", "Fairness and equality",
    "Legality, constitutionality and jurisprudence", "Policy prescription and evaluation",
    "Crime and punishment", "Security and defense", "Health and safety", "Quality of life",
    "Cultural identity", "Public opinion", "Political", "External regulation and reputation", "Other",
}


def article(body: str, id: str = "x") -> Article:
    return Article(id=id, file=f"{id}.txt", label="", headline="", date="", raw=body, body=body)


# --- lexicons ---------------------------------------------------------------------------


def test_frame_lexicon_uses_codebook_names() -> None:
    assert set(dimensions()) == CODEBOOK  # all 15 since issue 13 (the seed lexicon had 7)


def test_hedge_lexicon_has_two_categories() -> None:
    lexicon = hedge_lexicon()
    assert set(lexicon.values()) == {"hedge", "booster"}
    for term in ["may", "could", "possible", "reportedly", "allegedly", "according to"]:
        assert lexicon[term] == "hedge", term
    for term in ["clearly", "obviously", "will", "certainly", "definitely"]:
        assert lexicon[term] == "booster", term


def test_every_seed_lexicon_dimension_has_a_hit_in_the_articles(corpus: list[Article]) -> None:
    # The seed lexicon (frames.tsv) was read from the five articles, so each of its 7 dimensions is there;
    # the general lexicon's other dimensions need not be (tests/test_frames_lexicon.py measures them).
    seed = load_lexicon(FRAMES_FILE)
    matched = set(term_matches(corpus, seed)["category"])
    assert matched == set(seed.values()), f"dimensions without a hit: {set(seed.values()) - matched}"
    assert len(matched) == 7


def test_every_hedge_category_has_a_hit_in_the_articles(corpus: list[Article]) -> None:
    assert set(term_matches(corpus, hedge_lexicon())["category"]) == {"hedge", "booster"}


def test_lexicons_are_returned_as_copies() -> None:
    frame_lexicon()["troops"] = "changed"
    assert frame_lexicon()["troops"] == "Security and defense"


# --- matching ---------------------------------------------------------------------------


def test_multi_word_entries_match_consecutive_tokens() -> None:
    lexicon = {"nuclear weapons": "A", "weapons": "B", "according to": "hedge"}
    assert match_terms("nuclear weapons and weapons".split(), lexicon) == [
        (0, "nuclear weapons", "A"), (3, "weapons", "B"),
    ]
    assert match_terms("according to kirby".split(), lexicon) == [(0, "according to", "hedge")]
    assert match_terms("according kirby to".split(), lexicon) == []  # not consecutive


def test_longest_match_wins_in_the_real_lexicon() -> None:
    matches = term_matches([article("Poland's Defense Minister spoke of defense and the NATO Response Force.")])
    assert list(zip(matches["term"], matches["category"])) == [
        ("defense minister", "Political"),
        ("defense", "Security and defense"),
        ("response force", "Security and defense"),
    ]


def test_matches_ignore_case_and_do_not_cross_sentences() -> None:
    lexicon = {"nuclear weapons": "A"}
    assert len(term_matches([article("NUCLEAR Weapons exist.")], lexicon)) == 1
    assert len(term_matches([article("It was nuclear. Weapons followed.")], lexicon)) == 0


# --- profiles and rates -----------------------------------------------------------------------


def test_profiles_are_per_1000_words() -> None:
    text = "Troops and missiles arrived. Talks failed."  # 6 words: 2 security, 1 political
    profile = frame_profiles([article(text)])
    assert profile.loc["x", "Security and defense"] == pytest.approx(2 * 1000 / 6)
    assert profile.loc["x", "Political"] == pytest.approx(1000 / 6)
    assert profile.loc["x", "Economic"] == 0.0


def test_doubling_an_article_keeps_its_profile(corpus: list[Article]) -> None:
    original = corpus[1]
    doubled = article(original.body + "\n\n" + original.body, id=original.id)
    assert word_counts([doubled]).iloc[0] == 2 * word_counts([original]).iloc[0]
    pd.testing.assert_frame_equal(frame_profiles([doubled]), frame_profiles([original]))
    pd.testing.assert_frame_equal(hedge_rates([doubled]), hedge_rates([original]))


def test_profile_shape_and_order(corpus: list[Article]) -> None:
    profiles = frame_profiles(corpus)
    assert list(profiles.index) == ["000", "001", "002", "003", "004"]
    assert profiles.index.name == "article"
    assert list(profiles.columns) == sorted(profiles.columns)
    assert all(dtype == "float64" for dtype in profiles.dtypes)
    assert profiles.loc["004", "Economic"] > 0 and profiles.loc["003", "Economic"] == 0


def test_word_counts_match_framelab_words(corpus: list[Article]) -> None:
    assert word_counts(corpus).tolist() == [len(words(a.body)) for a in corpus]


def test_hedge_and_booster_counts_on_small_texts() -> None:
    rates = hedge_rates([
        article("Troops may come, according to Kirby. They will clearly come.", id="a"),  # 10 words
        article("Troops came.", id="b"),
    ])
    assert list(rates.columns) == ["hedges", "boosters"]
    assert rates.loc["a", "hedges"] == pytest.approx(2 * 1000 / 10)
    assert rates.loc["a", "boosters"] == pytest.approx(2 * 1000 / 10)
    assert rates.loc["b"].tolist() == [0.0, 0.0]


def test_frame_sentences_lists_terms_in_text_order(corpus: list[Article]) -> None:
    table = frame_sentences(corpus, "Morality")
    assert list(table.columns) == ["article", "sentence", "text", "terms"]
    row = table[table["article"] == "001"].iloc[0]
    assert row["terms"] == "destructive, unjustified"
    assert "destructive steps" in row["text"]
    assert table[["article", "sentence"]].values.tolist() == sorted(table[["article", "sentence"]].values.tolist())


def test_frame_sentences_with_the_hedge_lexicon(corpus: list[Article]) -> None:
    table = frame_sentences(corpus, "hedge", lexicon=hedge_lexicon())
    assert (table["article"] == "002").sum() >= 5  # 002 says "according to" seven times
    assert all("according to" in t.lower() for t in table[table["terms"] == "according to"]["text"])


# --- sentiment ----------------------------------------------------------------------------------


def test_vader_compound_of_a_known_sentence() -> None:
    assert vader_scores("destructive steps that are unjustified by anyone")["compound"] == -0.6124
    assert vader_scores("These forces are not going to fight in Ukraine.")["compound"] == 0.2924


def test_sentence_sentiment_table(corpus: list[Article]) -> None:
    table = sentence_sentiment(corpus)
    assert list(table.columns) == ["article", "sentence", "text", "compound", "neg", "neu", "pos"]
    assert table["compound"].between(-1, 1).all()
    grushko = table[table["text"].str.contains("destructive steps")]
    assert grushko["compound"].tolist() == [-0.6124]


def test_article_sentiment_counts_add_up(corpus: list[Article]) -> None:
    table = article_sentiment(corpus)
    assert (table[["negative", "neutral", "positive"]].sum(axis=1) == table["sentences"]).all()
    per_sentence = sentence_sentiment(corpus).groupby("article")["compound"].mean()
    assert table["mean_compound"].tolist() == pytest.approx(per_sentence.tolist())


# --- concordance ----------------------------------------------------------------------------------


def test_concordance_offsets_and_case() -> None:
    text = "Russia denies it. A Russian\ninvasion, the russian invasion."
    table = concordance([article(text)], "Russian invasion", width=5)
    assert table["start"].tolist() == [20, 42]
    assert table["match"].tolist() == ["Russian invasion", "russian invasion"]  # as written, one line
    for row in table.itertuples():
        assert text[row.start : row.start + len(row.match)].replace("\n", " ") == row.match
    assert table.loc[0, "left"] == "t. A "  # the 5 characters before the match
    assert table.loc[1, "right"] == "."


def test_concordance_whole_words_wildcard_and_apostrophes(corpus: list[Article]) -> None:
    assert concordance([article("Invasions and an invasion.")], "invasion")["match"].tolist() == ["invasion"]
    assert concordance([article("They invade; an invasion.")], "inva*")["match"].tolist() == ["invade", "invasion"]
    assert concordance([article("Ukraine’s border")], "Ukraine's")["match"].tolist() == ["Ukraine’s"]
    table = concordance(corpus, "perceives as a Russian threat")
    assert table["article"].tolist() == ["002"]
    assert concordance(corpus, "aggression").empty  # no article uses the word


def test_concordance_offsets_in_real_articles(corpus: list[Article]) -> None:
    bodies = {a.id: a.body for a in corpus}
    table = concordance(corpus, "invasion", width=30)
    assert len(table) == 8
    for row in table.itertuples():
        assert bodies[row.article][row.start : row.start + len("invasion")].lower() == "invasion"
        assert len(row.left) <= 30 and len(row.right) <= 30


# --- bad input ----------------------------------------------------------------------------------


def test_errors_are_framelab_errors() -> None:
    assert issubclass(FramesError, FramelabError)


def test_unknown_dimension_lists_the_valid_ones(corpus: list[Article]) -> None:
    with pytest.raises(FramesError, match="Use one of: 'Capacity and resources'.*'Economic'.*'Security and defense'"):
        frame_sentences(corpus, "security")


def test_empty_article_is_refused() -> None:
    with pytest.raises(FramesError, match="article 'empty' has no words"):
        frame_profiles([article("Troops came.", id="ok"), article("  \n ", id="empty")])
    with pytest.raises(FramesError, match="has no words"):
        hedge_rates([article("...", id="dots")])


@pytest.mark.parametrize("term", ["", "   ", None])
def test_empty_term_is_refused(corpus: list[Article], term: object) -> None:
    with pytest.raises(FramesError, match="term must be a word or phrase"):
        concordance(corpus, term)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    "call, message",
    [
        (lambda: frame_profiles([]), "corpus is empty"),
        (lambda: frame_profiles("000"), "corpus must be a list of articles"),
        (lambda: frame_profiles(["some text"]), "not an article"),
        (lambda: frame_profiles([article("Troops."), article("Talks.")]), "article id\\(s\\) 'x' more than once"),
        (lambda: frame_profiles(load_corpus(), lexicon={}), "non-empty dict"),
        (lambda: hedge_rates(load_corpus(), lexicon=frame_lexicon()), "needs only 'hedge' and 'booster'"),
        (lambda: concordance(load_corpus(), "troops", width=-1), "width must be"),
        (lambda: match_terms("troops came", {"troops": "S"}), "one string"),
    ],
)
def test_bad_input_messages(call, message: str) -> None:
    with pytest.raises(FramesError, match=message):
        call()


def test_curly_quotes_do_not_hide_words_from_vader() -> None:
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    sentence = "Grushko called them “destructive steps that are unjustified by anyone”."
    assert SentimentIntensityAnalyzer().polarity_scores(sentence)["compound"] == 0.0  # the pitfall
    assert vader_scores(sentence)["compound"] == -0.6124
    assert plain_quotes("“a” ‘b’ c’s") == "\"a\" 'b' c's"


def test_an_article_without_matches_has_a_zero_profile() -> None:
    profile = frame_profiles([article("Hello there, reader.")])
    assert list(profile.columns) == dimensions()
    assert profile.loc["x"].tolist() == [0.0] * len(dimensions())
    assert frame_sentences([article("Hello there.")], "Morality").empty
