"""The quotation-and-speaker evaluation set (framelab/data/attribution_heldout): well-formed, and dev kept apart from test.

These tests check the hand annotations against the article text only. They
run no extractor: the set was written before any rule was tuned on it (see
framelab/data/attribution_heldout/README.md). The one framelab call is ``load_corpus``,
to prove each half is a valid corpus folder.
"""

from __future__ import annotations

import csv
import json
import re
import warnings
from collections import Counter
from pathlib import Path

import pytest

from framelab import load_corpus

ROOT = Path(__file__).parents[1] / "framelab" / "data" / "attribution_heldout"
HALVES = ("dev", "test")
STYLES = (
    "said_X", "X_said", "according_to", "appositive", "title", "pronoun", "pronoun_two_candidates",
    "organization", "told", "wrote_posted", "multi_paragraph", "nested", "partial", "unattributed",
)
MIN_QUOTATIONS = 60
MIN_PER_STYLE = 3
# Opening and closing marks of the conventions the set uses: English curly and
# straight double and single, German „…“ and ‚…‘, French «…».
OPENING = set("“\"‘'„‚«")
CLOSING = set("”\"’'“‘»")
NBSP = "\u00a0"  # French puts a no-break space inside « »; it is not part of the quote


def text_of(half: str, name: str) -> str:
    return (ROOT / half / name).read_text(encoding="utf-8")


def annotations(half: str) -> dict:
    return json.loads((ROOT / f"{half}_annotations.json").read_text(encoding="utf-8"))


def quotations(half: str) -> list[dict]:
    return annotations(half)["quotations"]


def article_names(half: str) -> list[str]:
    return sorted(path.name for path in (ROOT / half).glob("*.txt"))


def speakers_table(half: str) -> list[dict[str, str]]:
    with open(ROOT / half / "sides.tsv", encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle, delimiter="\t"))


def mark_before(text: str, start: int) -> str:
    before = text[start - 1] if start > 0 else ""
    return text[start - 2] if before == NBSP and start > 1 else before


def mark_after(text: str, end: int) -> str:
    after = text[end] if end < len(text) else ""
    return text[end + 1] if after == NBSP and end + 1 < len(text) else after


@pytest.mark.parametrize("half", HALVES)
def test_each_half_is_a_corpus_folder_that_loads(half: str) -> None:
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        articles = load_corpus(ROOT / half)
    assert len(articles) == len(article_names(half)) >= 8, f"{half}: expected every .txt to load as an article"
    with open(ROOT / half / "catalog.csv", encoding="utf-8", newline="") as handle:
        catalog = list(csv.DictReader(handle))
    assert [article.id for article in articles] == [row["id"] for row in catalog]
    assert [article.headline for article in articles] == [text_of(half, row["file"]).split("\n", 1)[0] for row in catalog]
    # The answer key sits beside the folder (issue 13), and sides.tsv is a corpus setting: no warning at all.
    unexpected = [str(w.message) for w in caught]
    assert not unexpected, f"{half}: unexpected warnings while loading: {unexpected}"


@pytest.mark.parametrize("half", HALVES)
def test_articles_have_headline_blank_line_and_news_length(half: str) -> None:
    for name in article_names(half):
        text = text_of(half, name)
        lines = text.split("\n")
        assert lines[0].strip() and lines[1] == "" and lines[2].strip(), f"{half}/{name}: headline, blank line, body"
        assert "\r" not in text and "\n\n\n" not in text, f"{half}/{name}: LF endings, one blank line between paragraphs"
        body_words = len(text.split("\n", 1)[1].split())
        assert 300 <= body_words <= 800, f"{half}/{name}: {body_words} words, outside 300-800"


@pytest.mark.parametrize("half", HALVES)
def test_every_quote_occurs_exactly_once_between_quotation_marks(half: str) -> None:
    for item in quotations(half):
        text = text_of(half, item["file"])
        quote = item["quote"]
        assert text.count(quote) == 1, f"{half}/{item['file']}: {quote[:50]!r} occurs {text.count(quote)} times"
        start = text.index(quote)
        end = start + len(quote)
        assert mark_before(text, start) in OPENING, f"{half}/{item['file']}: no opening mark before {quote[:40]!r}"
        assert mark_after(text, end) in CLOSING, f"{half}/{item['file']}: no closing mark after {quote[-40:]!r}"
        assert quote == quote.strip(" " + NBSP), f"{half}/{item['file']}: {quote[:40]!r} has spaces at its ends"


@pytest.mark.parametrize("half", HALVES)
def test_only_multi_paragraph_quotes_cross_paragraphs_and_reopen_each_one(half: str) -> None:
    for item in quotations(half):
        quote = item["quote"]
        if item["style"] == "multi_paragraph":
            paragraphs = quote.split("\n\n")
            assert len(paragraphs) >= 2, f"{half}/{item['file']}: multi_paragraph quote within one paragraph"
            for paragraph in paragraphs[1:]:
                assert paragraph[0] in OPENING, f"{half}/{item['file']}: paragraph {paragraph[:30]!r} not reopened"
        else:
            assert "\n" not in quote, f"{half}/{item['file']}: {quote[:40]!r} crosses a line but is {item['style']}"


@pytest.mark.parametrize("half", HALVES)
def test_fields_styles_and_speaker_forms(half: str) -> None:
    names = set(article_names(half))
    for item in quotations(half):
        assert set(item) == {"file", "quote", "speaker", "speaker_forms", "style"}, item
        assert item["file"] in names, f"{half}: {item['file']} is not an article of this half"
        assert item["style"] in STYLES, f"{half}/{item['file']}: unknown style {item['style']!r}"
        text = text_of(half, item["file"])
        if item["speaker"] is None:
            assert item["speaker_forms"] == [], f"{half}/{item['file']}: forms given for an unattributed quote"
            # Only an anonymous source or an unnamed speaker inside another quote has no speaker.
            assert item["style"] in {"unattributed", "nested"}, f"{half}/{item['file']}: {item['style']} with no speaker"
        else:
            assert item["style"] != "unattributed", f"{half}/{item['file']}: unattributed quote with a speaker"
            assert item["speaker_forms"], f"{half}/{item['file']}: {item['speaker']} has no surface form"
            for form in item["speaker_forms"]:
                assert form in text, f"{half}/{item['file']}: speaker form {form!r} is not in the text"


@pytest.mark.parametrize("half", HALVES)
def test_not_quotations_are_marked_text_and_not_also_annotated_as_speech(half: str) -> None:
    data = annotations(half)
    assert data["not_quotations"], f"{half}: no scare quotes or titles marked"
    spoken = {(item["file"], item["quote"]) for item in data["quotations"]}
    for item in data["not_quotations"]:
        text = text_of(half, item["file"])
        assert item["text"] in text, f"{half}/{item['file']}: {item['text']!r} is not in the text"
        marked = [m.start() for m in re.finditer(re.escape(item["text"]), text)
                  if mark_before(text, m.start()) in OPENING and mark_after(text, m.end()) in CLOSING]
        assert marked, f"{half}/{item['file']}: {item['text']!r} is not between quotation marks"
        assert (item["file"], item["text"]) not in spoken, f"{half}/{item['file']}: {item['text']!r} marked both ways"


@pytest.mark.parametrize("half", HALVES)
def test_enough_quotations_and_every_style_at_least_three_times(half: str) -> None:
    items = quotations(half)
    counts = Counter(item["style"] for item in items)
    assert len(items) >= MIN_QUOTATIONS, f"{half}: {len(items)} quotations, fewer than {MIN_QUOTATIONS}"
    thin = {style: counts[style] for style in STYLES if counts[style] < MIN_PER_STYLE}
    assert not thin, f"{half}: styles with fewer than {MIN_PER_STYLE} quotations: {thin}"
    assert len({item["file"] for item in items}) == len(article_names(half)), f"{half}: an article has no quotation"


@pytest.mark.parametrize("half", HALVES)
def test_speakers_table_lists_exactly_the_named_speakers_with_a_side(half: str) -> None:
    rows = speakers_table(half)
    assert rows and list(rows[0]) == ["speaker", "side", "role"]
    named = {item["speaker"] for item in quotations(half) if item["speaker"] is not None}
    listed = [row["speaker"] for row in rows]
    assert len(listed) == len(set(listed)), f"{half}: a speaker is listed twice in sides.tsv"
    assert set(listed) == named, f"{half}: sides.tsv differs from annotations: {set(listed) ^ named}"
    assert all(row["side"].strip() for row in rows), f"{half}: a speaker without a side"


def test_dev_and_test_share_no_file_and_no_speaker() -> None:
    assert not set(article_names("dev")) & set(article_names("test"))
    dev_speakers = {item["speaker"] for item in quotations("dev")} - {None}
    test_speakers = {item["speaker"] for item in quotations("test")} - {None}
    assert not dev_speakers & test_speakers, f"shared speakers: {dev_speakers & test_speakers}"
    # Nor does either half's text name a speaker of the other.
    for half, others in (("dev", test_speakers), ("test", dev_speakers)):
        text = "\n".join(text_of(half, name) for name in article_names(half))
        leaked = sorted(name for name in others if name in text)
        assert not leaked, f"{half} texts name speakers of the other half: {leaked}"


def test_test_half_is_not_a_paraphrase_of_dev() -> None:
    def shingles(half: str) -> set[tuple[str, ...]]:
        found: set[tuple[str, ...]] = set()
        for name in article_names(half):
            # The translator's note ("[Translated from the French. ...]") is shared boilerplate.
            prose = "\n".join(line for line in text_of(half, name).split("\n") if not line.startswith("["))
            tokens = re.findall(r"\w+", prose.lower())
            found |= {tuple(tokens[i:i + 7]) for i in range(len(tokens) - 6)}
        return found

    shared = shingles("dev") & shingles("test")
    assert not shared, f"dev and test share 7-word runs: {sorted(shared)[:5]}"
