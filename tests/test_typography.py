"""One typographic normalization, applied when an article is read (issue 11, item 2).

Each fault of the issue is tested with its own small input and more of the
same kind: what the tokenizer, the lexicons and VADER see, before and after.
"""

from __future__ import annotations

import random
import unicodedata
from pathlib import Path

import pytest
from nltk.tokenize import NLTKWordTokenizer
from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

import framelab.corpus
from framelab import frames, load_corpus, split_sentences, tokenize
from framelab.cleaning import clean
from framelab.typography import INVISIBLE, normalize

VADER = SentimentIntensityAnalyzer()
PUTIN = "On Tuesday, Putin stated, “It’s obviously clear… that basic Russian concerns were overlooked.”"


def compound(sentence: str) -> float:
    return VADER.polarity_scores(frames.plain_quotes(sentence))["compound"]


# --- the inputs ----------------------------------------------------------------


def test_ellipsis_no_longer_glues_to_its_word() -> None:
    assert "clear…" in NLTKWordTokenizer().tokenize(PUTIN)  # the fault, as NLTK has it
    tokens = tokenize(normalize(PUTIN))
    assert "clear" in tokens and "..." in tokens and not any("…" in token for token in tokens)
    assert -0.05 < compound(PUTIN) < 0.05  # neutral before
    assert compound(normalize(PUTIN)) >= 0.05  # positive after: VADER finds "clear"


def test_unspaced_em_dash_no_longer_hides_words_from_vader() -> None:
    sentence = "Officials were not happy—at all."
    assert compound(sentence) == 0.0
    assert normalize(sentence) == "Officials were not happy — at all."
    assert compound(normalize(sentence)) <= -0.05  # "not happy": negative


def test_soft_hyphen_no_longer_splits_a_word() -> None:
    assert tokenize("Ukr\u00adaine’s army") == ["Ukr\u00adaine", "'s", "army"]
    assert tokenize(normalize("Ukr\u00adaine’s army")) == ["Ukraine", "'s", "army"]


# --- more of the same kind ---------------------------------------------------------------


@pytest.mark.parametrize(
    "written, expected",
    [
        ("He was happy…", "He was happy..."),
        ("happy…at last", "happy... at last"),
        ("happy...at last", "happy... at last"),
        ("“…that was good”", "“...that was good”"),
        ("It ended….", "It ended...."),
        ("Troops—and tanks—moved.", "Troops — and tanks — moved."),
        ("Troops―and tanks", "Troops ― and tanks"),
        ("pleased–even glad", "pleased – even glad"),
        ("happy--at last", "happy -- at last"),
        ("“We will—” he said.", "“We will —” he said."),
        ("(—)", "(—)"),
        ("the 1990s–2000s", "the 1990s – 2000s"),
        ("good\u200bnews", "goodnews"),
        ("de\u2060escalation", "deescalation"),
        ("NATO\u200e’s allies", "NATO’s allies"),
        ("Kyiv\ufeff said", "Kyiv said"),
        ("build\u2010up", "build-up"),
        ("non\u2011expansion", "non-expansion"),
        ("Cafe\u0301", "Café"),
        ("e\u200b\u0301", "é"),
        ("a\r\nb\rc\u2028d\u2029e", "a\nb\nc\nd\n\ne"),
        ("a\r\r\nb", "a\n\nb"),
    ],
)
def test_each_kind_of_fault_is_normalized(written: str, expected: str) -> None:
    assert normalize(written) == expected


@pytest.mark.parametrize(
    "text",
    [
        "In 2022–2023 troops came.",  # a year range
        "for 2–3 weeks (10–12 days)",  # number ranges
        "temperatures of –3 degrees",  # an en dash as a minus sign
        "pages 10--12",  # a range typed with two hyphens
        "a build-up of 2-3 brigades",  # hyphens
        "a line --- of hyphens",
        "RU\u00a0\u00a0UA\u00a0\u00a0EN",  # no-break spaces stay
        "“Ukraine’s ‘open door’ policy,” he said.",  # curly marks stay
        "It ended... then — after a pause — resumed.",  # already normalized
        "Café, naïve, Zelenskyy",
    ],
)
def test_what_is_already_right_is_left_as_written(text: str) -> None:
    assert normalize(text) == text


def test_the_tokenizer_and_vader_see_the_words_after_normalization() -> None:
    cases = {
        "Officials were happy…": ("happy", 1),
        "Officials were happy…at last": ("happy", 1),
        "Officials were happy—at last": ("happy", 1),
        "Officials were happy–at last": ("happy", 1),
        "Officials were happy--at last": ("happy", 1),
        "Officials were not hap\u00adpy at all": ("happy", -1),
        "Officials were not hap\u200bpy at all": ("happy", -1),
    }
    for written, (word, sign) in cases.items():
        assert compound(written) == 0.0, written  # each one hides the word from VADER
        normalized = normalize(written)
        assert word in tokenize(normalized), written
        assert sign * compound(normalized) >= 0.05, (written, normalized)


def test_vader_scores_every_sentence_of_the_five_articles_as_before_but_002s_ellipsis() -> None:
    changed = [
        sentence
        for article in load_corpus()
        for sentence in split_sentences(article.body)
        if compound(sentence) != compound(sentence.replace("...", "…"))
    ]
    assert changed == ["On Tuesday, Putin stated, “It’s obviously clear... that basic Russian concerns were overlooked.”"]


# --- properties ---------------------------------------------------------------------------


def test_normalize_is_idempotent_on_tricky_text() -> None:
    alphabet = [*"ab1 .-\n\r\t“”\"'()", "…", "–", "—", "―", "\u00ad", "\u200b", "\u0301", "\u2010", "\u2028",
                "\u2029", "\ufeff", "\u00a0", "e", "é"]  # fmt: skip
    rng = random.Random(11)
    for _ in range(20_000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 14)))
        once = normalize(text)
        assert normalize(once) == once, (text, once)


def test_normalized_text_has_no_invisible_characters_and_is_nfc() -> None:
    text = "".join(sorted(INVISIBLE)) + "Cafe\u0301 Ukr\u00adaine\r\n"
    result = normalize(text)
    assert not set(result) & INVISIBLE and "\r" not in result
    assert unicodedata.is_normalized("NFC", result)
    assert result == "Café Ukraine\n"


def test_normalize_refuses_what_is_not_text() -> None:
    with pytest.raises(TypeError, match="string, not bytes"):
        normalize(b"text")  # type: ignore[arg-type]


# --- applied once, where an article is read -----------------------------------------------


def test_a_loaded_article_is_normalized_and_keeps_its_raw_text(tmp_path: Path) -> None:
    raw = (
        "Troops arrive soon…\r\n\r\n"
        "It is obviously clear… that the plan is ready.\r\n"
        "Officials were not happy—at all.\r\n\r\n"
        "Ukr\u00adaine’s army welcomed them.\r\n"
    )
    (tmp_path / "001_test.txt").write_bytes(raw.encode("utf-8"))
    (article,) = load_corpus(tmp_path)
    assert article.raw == raw  # as decoded, for quoting the source
    assert article.headline == "Troops arrive soon..."
    assert article.body == (
        # A single line break inside a paragraph is a hard wrap (framelab.cleaning.clean).
        "It is obviously clear... that the plan is ready. "
        "Officials were not happy — at all.\n\n"
        "Ukraine’s army welcomed them."
    )
    tokens = tokenize(article.body)
    assert {"clear", "happy", "Ukraine"} <= set(tokens)
    first, second, third = split_sentences(article.body)
    assert compound(first) > compound(first.replace("...", "…")) >= 0.05  # "clear" counts now
    assert compound(second) <= -0.05
    assert third == "Ukraine’s army welcomed them."
    # Every module reads the body: the booster list and the concordance find the words.
    assert frames.term_matches([article], {"clear": "booster"})["term"].tolist() == ["clear"]
    assert frames.concordance([article], "Ukraine's")["match"].tolist() == ["Ukraine’s"]


def test_only_002s_ellipsis_changes_in_the_five_articles(monkeypatch: pytest.MonkeyPatch) -> None:
    normalized = {a.id: a for a in load_corpus()}
    monkeypatch.setattr(framelab.corpus, "normalize", lambda text: text)
    as_written = {a.id: a for a in load_corpus()}
    for article_id, article in normalized.items():
        before = as_written[article_id]
        assert article.headline == before.headline, article_id
        assert article.removed == before.removed, article_id  # cleaning removes the same lines
        assert article.removed == clean(article.raw).removed, article_id
        expected_body = before.body.replace("…", "...") if article_id == "002" else before.body
        assert article.body == expected_body, article_id
        # Sentence boundaries do not move: the same sentences, normalized.
        assert split_sentences(article.body) == [normalize(s) for s in split_sentences(before.body)], article_id
    assert as_written["002"].body.count("clear…") == 1 and "…" not in normalized["002"].body


def test_002s_booster_rate_counts_clear() -> None:
    corpus = load_corpus()
    rates = frames.hedge_rates(corpus)
    words_002 = frames.word_counts(corpus)["002"]
    assert words_002 == 454
    assert rates.loc["002", "boosters"] == pytest.approx(10 / 454 * 1000)  # 22.03, was 19.82 (9 boosters)
    assert round(rates.loc["002", "boosters"], 2) == 22.03
