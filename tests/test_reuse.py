"""framelab.reuse: shingles, shared passages, sentence alignment and quote variants,
on small hand-made examples and on the five articles (whose shared text is known:
000 and 003 rewrite the same CNN report, and Kirby's line about the forces not
fighting in Ukraine is quoted in 000, 001 and 003)."""

from __future__ import annotations

import difflib

import pandas as pd
import pytest

from framelab import FramelabError, split_sentences
from framelab.reuse import (
    ALIGNMENT_COLUMNS,
    PARAPHRASE,
    QUOTE_COLUMNS,
    VERBATIM,
    ReuseError,
    align_sentences,
    content_words,
    jaccard,
    quote_variants,
    quoted_spans,
    reuse_counts,
    sentence_similarity,
    shared_passages,
    shingle_overlap,
    shingles,
    unique_sentences,
    word_diff,
)
from framelab.voices import find_quotations, quotation_spans

KIRBY = "these forces are not going to fight in ukraine"


@pytest.fixture(scope="module")
def sentences(corpus):
    return {article.id: split_sentences(article.body) for article in corpus}


@pytest.fixture(scope="module")
def alignment(sentences):
    return align_sentences(sentences)


@pytest.fixture(scope="module")
def quotes(corpus):
    return quote_variants({article.id: article.body for article in corpus})


# -- shingles and Jaccard ---------------------------------------------------------


def test_shingles_for_several_n() -> None:
    tokens = "we want to make sure he knows we want".split()
    assert shingles(tokens, 1) == {("we",), ("want",), ("to",), ("make",), ("sure",), ("he",), ("knows",)}
    assert len(shingles(tokens, 2)) == 7  # 8 bigrams, ('we', 'want') twice
    assert ("we", "want") in shingles(tokens, 2)
    assert shingles(tokens, 3) == {
        ("we", "want", "to"), ("want", "to", "make"), ("to", "make", "sure"), ("make", "sure", "he"),
        ("sure", "he", "knows"), ("he", "knows", "we"), ("knows", "we", "want"),
    }
    assert shingles(tokens, 9) == {tuple(tokens)}
    assert shingles(tokens, 10) == set()  # shorter than n: no shingles


def test_jaccard_small_sets() -> None:
    assert jaccard({1, 2, 3}, {2, 3, 4}) == 0.5
    assert jaccard({1}, {2}) == 0.0


@pytest.mark.parametrize("n", [1, 2, 3, 5, 8])
def test_overlap_with_itself_is_one_and_symmetric(tokens, n) -> None:
    table = shingle_overlap(tokens, n)
    assert list(table.index) == list(table.columns) == ["000", "001", "002", "003", "004"]
    for article in tokens:
        assert table.loc[article, article] == 1.0
    assert (table.values == table.values.T).all()
    assert ((table.values >= 0) & (table.values <= 1)).all()


def test_overlap_values_match_the_formula(tokens) -> None:
    a, b = set(zip(tokens["000"], tokens["000"][1:])), set(zip(tokens["003"], tokens["003"][1:]))
    assert shingle_overlap(tokens, 2).loc["000", "003"] == pytest.approx(len(a & b) / len(a | b))


def test_000_and_003_are_the_closest_pair_for_long_shingles(tokens) -> None:
    for n in (2, 3, 5, 8):
        table = shingle_overlap(tokens, n)
        pairs = {(a, b): table.loc[a, b] for a in table.index for b in table.columns if a < b}
        assert max(pairs, key=pairs.get) == ("000", "003"), n
    assert shingle_overlap(tokens, 8).loc["001", "004"] == 0.0


# -- shared passages --------------------------------------------------------------------


def test_known_shared_passage_between_000_and_003(tokens) -> None:
    table = shared_passages(tokens["000"], tokens["003"], min_length=4)
    assert list(table.columns) == ["start_a", "start_b", "length", "text"]
    first = table.iloc[0]
    assert (first.start_a, first.start_b, first.length) == (5, 6, 14)
    assert first.text == "approved the deployment of 3,000 us troops to poland germany and romania the pentagon"
    kirby = table[table.text == KIRBY]
    assert len(kirby) == 1
    start_a, start_b = int(kirby.start_a.iloc[0]), int(kirby.start_b.iloc[0])
    assert tokens["000"][start_a : start_a + 9] == KIRBY.split()
    assert tokens["003"][start_b : start_b + 9] == KIRBY.split()


def test_passages_are_sorted_and_long_enough(tokens) -> None:
    table = shared_passages(tokens["001"], tokens["003"], min_length=3)
    assert (table.length >= 3).all()
    keys = list(zip(-table.length, table.start_a, table.start_b))
    assert keys == sorted(keys)
    assert table.iloc[0].text == KIRBY  # the Kirby line is also in 001


def test_no_shared_passage_gives_an_empty_table() -> None:
    table = shared_passages(["troops", "move"], ["talks", "fail"], min_length=1)
    assert table.empty and list(table.columns) == ["start_a", "start_b", "length", "text"]


def test_autojunk_is_off(tokens) -> None:
    """With autojunk=True, 'we want to make sure' (000 pos 242, 003 pos 258) is not found."""
    table = shared_passages(tokens["000"], tokens["003"], min_length=5)
    assert "we want to make sure" in set(table.text)
    junked = difflib.SequenceMatcher(None, tokens["000"], tokens["003"], autojunk=True)
    found = {" ".join(tokens["000"][b.a : b.a + b.size]) for b in junked.get_matching_blocks()}
    assert "we want to make sure" not in found  # so this test can tell the two settings apart


# -- sentence alignment -------------------------------------------------------------------


def test_similarity_ignores_stop_words_and_case() -> None:
    assert content_words("These forces are NOT going.") == ["forces", "going"]
    assert sentence_similarity("This is reported by CNN.", "It appears that this is not the case.") == 0.0
    assert sentence_similarity("Troops move to Poland.", "troops move TO poland") == 1.0
    assert sentence_similarity("It is.", "It is.") == 0.0  # no content words: nothing to compare


def test_alignment_table_shape(alignment, sentences) -> None:
    assert list(alignment.columns) == ALIGNMENT_COLUMNS
    assert len(alignment) == sum(len(s) for s in sentences.values()) * 4
    assert alignment.score.between(0, 1).all()
    assert set(alignment.kind) <= {"verbatim", "paraphrase", "unique"}
    assert (alignment.article != alignment.other).all()
    assert list(alignment.article.drop_duplicates()) == ["000", "001", "002", "003", "004"]


def test_alignment_finds_the_kirby_sentences(alignment, sentences) -> None:
    def sentence_with(article: str, text: str) -> int:
        return next(i for i, s in enumerate(sentences[article]) if text in s)

    kirby = {article: sentence_with(article, "forces are not going to fight") for article in ("000", "001", "003")}
    for article, index in kirby.items():
        for other, other_index in kirby.items():
            if other == article:
                continue
            row = alignment[(alignment.article == article) & (alignment.sentence == index) & (alignment.other == other)]
            assert int(row.match.iloc[0]) == other_index, (article, other)
            assert row.kind.iloc[0] != "unique"


def test_the_near_copy_in_000_and_003_is_verbatim(alignment) -> None:
    verbatim = alignment[alignment.kind == "verbatim"]
    assert set(zip(verbatim.article, verbatim.other)) == {("000", "003"), ("003", "000")}
    assert verbatim.text.str.contains("additional troop movements").all()
    assert (verbatim.score >= VERBATIM).all()


def test_counts_and_unique_sentences_agree(alignment, sentences) -> None:
    counts = reuse_counts(alignment)
    assert list(counts.columns) == ["verbatim", "paraphrase", "unique", "sentences"]
    assert list(counts.index) == ["000", "001", "002", "003", "004"]
    assert dict(counts.sentences) == {a: len(s) for a, s in sentences.items()}
    unique = unique_sentences(alignment)
    assert dict(unique.groupby("article").size()) == dict(counts.unique)
    assert (unique.best_score < PARAPHRASE).all()
    # Article 004 was written before the decision: nothing in it is reported elsewhere.
    assert counts.loc["004", "unique"] == counts.loc["004", "sentences"]
    assert counts.loc["003", "unique"] < counts.loc["003", "sentences"] / 2


def test_alignment_ties_go_to_the_earliest_sentence() -> None:
    table = align_sentences({"a": ["Troops move."], "b": ["Talks fail.", "Troops move.", "Troops move."]})
    assert table.iloc[0].match == 1 and table.iloc[0].kind == "verbatim"


# -- quote variants -----------------------------------------------------------------------


def test_quoted_spans_curly_straight_and_unbalanced(corpus) -> None:
    assert quoted_spans('He said “soon”, then "not a lot".') == ["soon", "not a lot"]
    assert quoted_spans("a stray ” mark and “one quote”") == ["one quote"]
    assert quoted_spans("no quotes here") == []
    by_id = {article.id: quoted_spans(article.body) for article in corpus}
    assert "These forces are not going to fight in Ukraine." in by_id["003"]  # straight quotes
    assert "these forces are not going to fight in Ukraine" in by_id["000"]  # curly quotes


def test_quoted_spans_is_the_quotation_finder_of_voices(corpus) -> None:
    for article in corpus:
        found = [quote.text for quote in find_quotations(article.body, article.id)[0]]
        assert quoted_spans(article.body) == [text for _, _, text in quotation_spans(article.body)[0]] == found


@pytest.mark.parametrize(
    "text, expected",
    [
        # hard wraps (a single newline) stay inside the paragraph and the quotation
        ("Kirby said “these forces are not\ngoing to fight”.", ["these forces are not going to fight"]),
        ('Austin said "there is still\ntime" and left.', ["there is still time"]),
        # a quotation over paragraphs (no closing mark until the last one) is one quotation
        ("Kuleba said:\n\n“Russia has both.\n\n“Russia has to withdraw.”", ["Russia has both.\nRussia has to withdraw."]),
        # a nested quotation stays inside the outer one
        ("It reads: “we keep the “open door” policy”.", ["we keep the “open door” policy"]),
        # unmatched marks are skipped, the rest is found
        ("A stray ” mark.\n\n“Found.”\n\n“Never closed.", ["Found."]),
    ],
)
def test_quoted_spans_follow_paragraphs_not_lines(text, expected) -> None:
    assert quoted_spans(text) == expected


def test_a_quotation_over_paragraphs_is_found_as_a_shared_quote() -> None:
    texts = {
        "a": "Kirby said:\n\n“These forces are not going to fight in Ukraine.\n\n“They will come home soon.”",
        "b": 'Kirby said, "These forces are not going to fight in Ukraine."',
        "c": "Kirby said: “They will come home\nsoon.”",
    }
    table = quote_variants(texts)
    pairs = set(zip(table.article_a, table.quote_a, table.article_b, table.quote_b))
    assert ("a", "These forces are not going to fight in Ukraine.", "b",
            "These forces are not going to fight in Ukraine.") in pairs
    assert ("a", "They will come home soon.", "c", "They will come home soon.") in pairs
    assert (table.word_edits == 0).all() and table.group.nunique() == 2


def test_quote_variants_use_the_splitter_and_articles() -> None:
    from types import SimpleNamespace

    from nltk.tokenize.punkt import PunktSentenceTokenizer

    texts = {"a": "He said “The U.S. Army is ready to go today.”", "b": "She said “Army is ready to go today.”"}
    whole = quote_variants(texts, min_words=5)  # default splitter: "U.S." ends no sentence
    assert whole.quote_a.tolist() == ["The U.S. Army is ready to go today."]
    untrained = PunktSentenceTokenizer()  # no abbreviations: "U.S." ends a sentence
    cut = quote_variants(texts, min_words=5, splitter=untrained)
    assert cut.quote_a.tolist() == ["Army is ready to go today."]
    articles = {key: SimpleNamespace(id=key, body=text, splitter=untrained) for key, text in texts.items()}
    assert quote_variants(articles, min_words=5).equals(cut)


def test_quote_variants_group_the_kirby_quotes(quotes) -> None:
    assert list(quotes.columns) == QUOTE_COLUMNS
    first = quotes[quotes.group == 1]
    assert set(first.article_a) | set(first.article_b) == {"000", "001", "003"}
    assert len(first) == 3
    assert first.quote_a.str.lower().str.contains(KIRBY).all()
    assert first.quote_b.str.lower().str.contains(KIRBY).all()
    identical = first[(first.article_a == "000") & (first.article_b == "003")].iloc[0]
    assert (identical.word_edits, identical.char_edits, identical.similarity) == (0, 0, 1.0)
    moreover = first[(first.article_a == "000") & (first.article_b == "001")].iloc[0]
    assert (moreover.word_edits, moreover.char_edits) == (1, 9)  # "moreover " added


def test_quote_variants_find_the_other_kirby_quotes(quotes) -> None:
    assert quotes.group.nunique() == 3
    consequences = quotes[quotes.quote_a.str.contains("if he invades")].iloc[0]
    assert (consequences.article_a, consequences.article_b) == ("000", "003")
    assert consequences.word_edits == 7 and consequences.char_edits > consequences.word_edits
    assert "[invades → does invade]" in consequences.alignment
    assert quotes.quote_a.str.startswith("We want to make sure").any()
    assert (quotes.similarity >= 0.5).all()


def test_word_diff_marks_insertions_and_deletions() -> None:
    assert word_diff(["a", "b"], ["a", "b"]) == "a b"
    assert word_diff(["moreover", "these"], ["these"]) == "[-moreover] these"
    assert word_diff(["these"], ["moreover", "these"]) == "[+moreover] these"


# -- bad input ------------------------------------------------------------------------------


def test_bad_input_is_a_framelab_error() -> None:
    assert issubclass(ReuseError, FramelabError)


@pytest.mark.parametrize(
    "call, fragment",
    [
        (lambda: shingles([], 2), "tokens is empty"),
        (lambda: shingles(["a"], 0), "n must be a whole number of at least 1"),
        (lambda: shingles(["a"], 1.5), "n must be a whole number"),
        (lambda: shingles("troops move", 2), "tokens is a string"),
        (lambda: shingle_overlap({"000": ["a", "b"]}, 1), "articles_tokens holds 1 article"),
        (lambda: shingle_overlap({"000": ["a", "b"], "001": []}, 1), "articles_tokens['001'] is empty"),
        (lambda: shingle_overlap({"000": ["a", "b"], "001": ["a"]}, 2), "articles_tokens['001'] has 1 tokens"),
        (lambda: shingle_overlap({"000": ["a"], "001": ["a"]}, -1), "n must be a whole number of at least 1"),
        (lambda: shared_passages([], ["a"]), "a_tokens is empty"),
        (lambda: shared_passages(["a"], []), "b_tokens is empty"),
        (lambda: shared_passages(["a"], ["a"], min_length=0), "min_length must be a whole number of at least 1"),
        (lambda: align_sentences({"000": ["One."]}), "sentences_by_article holds 1 article"),
        (lambda: align_sentences({"000": ["One."], "001": []}), "sentences_by_article['001']"),
        (lambda: align_sentences({"000": ["One."], "001": "Two. Three."}), "is one string"),
        (lambda: align_sentences({"a": ["x."], "b": ["y."]}, paraphrase=0.9, verbatim=0.8), "paraphrase"),
        (lambda: reuse_counts(pd.DataFrame()), "alignment must be the table"),
        (lambda: unique_sentences(pd.DataFrame(columns=ALIGNMENT_COLUMNS)), "alignment is empty"),
        (lambda: quote_variants({"000": "“a b c”"}), "texts holds 1 article"),
        (lambda: quote_variants({"000": "“a b c”", "001": ""}), "texts['001'] is empty"),
        (lambda: quote_variants({"000": "x", "001": "y"}, threshold=0), "threshold"),
        (lambda: jaccard(set(), set()), "both empty"),
    ],
)
def test_bad_input_messages_name_the_argument(call, fragment) -> None:
    with pytest.raises(ReuseError, match=None) as error:
        call()
    assert fragment in str(error.value)


def test_no_quotes_anywhere_gives_an_empty_table() -> None:
    table = quote_variants({"a": "Troops move.", "b": "Talks fail."})
    assert table.empty and list(table.columns) == QUOTE_COLUMNS
