"""Offline sentence and word tokenization, one deliberate case at a time."""

from __future__ import annotations

import pytest

from framelab.corpus import load_corpus
from framelab.text import ABBREVIATIONS, is_word, split_sentences, tokenize, tokenize_sentence, words


@pytest.mark.parametrize(
    "text, expected",
    [
        ("U.S. President Joe Biden approved it. Troops left.",
         ["U.S. President Joe Biden approved it.", "Troops left."]),
        ("Joint Chiefs Chairman Gen. Mark Milley was there. He spoke.",
         ["Joint Chiefs Chairman Gen. Mark Milley was there.", "He spoke."]),
        ("Defense Sec. Lloyd Austin spoke. Then Kirby.", ["Defense Sec. Lloyd Austin spoke.", "Then Kirby."]),
        ("Headline without a stop\n\nFirst sentence.", ["Headline without a stop", "First sentence."]),
        ("", []),
    ],
    ids=["U.S.", "Gen.", "Sec.", "paragraph-break", "empty"],
)
def test_split_sentences(text: str, expected: list[str]) -> None:
    assert split_sentences(text) == expected


@pytest.mark.parametrize(
    "sentence, expected",
    [
        ("Ukraine’s borders", ["Ukraine", "'s", "borders"]),
        ("Ukraine's borders", ["Ukraine", "'s", "borders"]),
        ("3,000 troops and 100,000 more", ["3,000", "troops", "and", "100,000", "more"]),
        ("the military build-up", ["the", "military", "build-up"]),
        ("“These forces”", ['"', "These", "forces", '"']),
        ('"These forces"', ['"', "These", "forces", '"']),
        ("Washington will ‘soon’ send", ["Washington", "will", "'", "soon", "'", "send"]),
        ("don’t", ["do", "n't"]),
        ("The U.S. said.", ["The", "U.S.", "said", "."]),
    ],
    ids=["curly-possessive", "straight-possessive", "thousands", "hyphen", "curly-quotes",
         "straight-quotes", "single-curly-quotes", "curly-contraction", "abbreviation"],
)
def test_tokenize_sentence(sentence: str, expected: list[str]) -> None:
    assert tokenize_sentence(sentence) == expected


def test_tokenize_splits_sentences_first_so_no_full_stop_sticks_to_a_word() -> None:
    text = "The Pentagon announced. Troops will move. Kirby said so."
    assert tokenize(text) == ["The", "Pentagon", "announced", ".", "Troops", "will", "move", ".",
                              "Kirby", "said", "so", "."]


def test_curly_and_straight_typography_tokenize_alike() -> None:
    curly = "Kirby stressed “these forces are not going to fight in Ukraine’s war”."
    straight = 'Kirby stressed "these forces are not going to fight in Ukraine\'s war".'
    assert tokenize(curly) == tokenize(straight)


def test_no_article_token_keeps_a_glued_full_stop() -> None:
    for article in load_corpus():
        glued = [t for t in tokenize(article.body)
                 if len(t) > 2 and t.endswith(".") and t[:-1].lower() not in ABBREVIATIONS]
        assert glued == [], article.id


def test_words_drop_punctuation_and_can_fold_case() -> None:
    assert words("NATO’s allies, “Poland” and 3,000 troops.", lower=True) == [
        "nato", "'s", "allies", "poland", "and", "3,000", "troops"]
    assert [is_word(t) for t in ["-", "...", "x", "8,500"]] == [False, False, True, True]


def test_word_counts_of_the_bundled_articles() -> None:
    counts = {a.id: len(words(a.body)) for a in load_corpus()}
    assert all(300 < count < 900 for count in counts.values()), counts
    assert max(counts, key=counts.get) == "001"
