"""framelab.voices: quotations, speakers, ledgers; and the extraction measured against
the hand annotation in tests/fixtures/quotations.json (precision and recall per article)."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest

from framelab import FramelabError
from framelab.lexicons import DATA, load_lexicon
from framelab.voices import (
    LEDGER_COLUMNS,
    NUMBER_COLUMNS,
    Quotation,
    VoicesError,
    attribution_ledger,
    find_quotations,
    numbers_ledger,
    reporting_verbs,
    side_of,
    speakers,
)

FIXTURE = Path(__file__).parent / "fixtures" / "quotations.json"
SIDES = {"US", "Russia", "Ukraine", "NATO/Europe", "other"}


@pytest.fixture(scope="module")
def gold():
    return json.loads(FIXTURE.read_text(encoding="utf-8"))


# --- unit tests on small texts -------------------------------------------------------


def test_curly_and_straight_quotes_with_offsets():
    text = 'Kirby said “curly one”. Austin said "straight one".'
    quotes, unmatched = find_quotations(text, "t")
    assert [(q.start, q.end, q.text) for q in quotes] == [(11, 22, "curly one"), (36, 50, "straight one")]
    assert all(text[q.start] in "“\"" and text[q.end - 1] in "”\"" for q in quotes)
    assert unmatched == []
    assert all(isinstance(q, Quotation) and q.article == "t" for q in quotes)


def test_split_quote_gets_the_same_speaker_twice():
    text = '“These are not permanent moves,” Kirby said, “and they are not going to fight.”'
    quotes, _ = find_quotations(text)
    assert [q.text for q in quotes] == ["These are not permanent moves,", "and they are not going to fight."]
    assert [q.speaker for q in quotes] == ["John Kirby", "John Kirby"]
    assert [q.side for q in quotes] == ["US", "US"]


def test_split_quote_over_a_sentence_boundary():
    text = '“We did not make it public,” said Kirby. “There is no daylight.”'
    quotes, _ = find_quotations(text)
    assert [q.speaker for q in quotes] == ["John Kirby", "John Kirby"]
    assert [q.verb for q in quotes] == ["said", "said"]


def test_quote_running_over_paragraphs_is_one_quotation():
    text = (
        "Kuleba said:\n\n“Russia has both troops and missiles there.\n\n"
        "“If this is accepted, Russia has to withdraw.”\n\nNext paragraph."
    )
    quotes, unmatched = find_quotations(text)
    assert len(quotes) == 1 and unmatched == []
    quote = quotes[0]
    assert quote.start == text.index("“") and quote.end == text.index("”") + 1
    assert quote.text == "Russia has both troops and missiles there.\nIf this is accepted, Russia has to withdraw."
    assert quote.speaker == "Dmytro Kuleba"


def test_straight_quote_running_over_paragraphs():
    text = 'Kirby said: "One paragraph.\n"Second paragraph."\nEnd.'
    quotes, unmatched = find_quotations(text)
    assert [q.text for q in quotes] == ["One paragraph.\nSecond paragraph."] and unmatched == []


def test_unmatched_marks_are_reported_and_the_rest_is_found():
    text = "He said “never closed.\nKirby said “closed” here. A stray ” mark.\nKirby said \"open"
    quotes, unmatched = find_quotations(text)
    assert [q.text for q in quotes] == ["closed"]
    assert unmatched == [text.index("“"), text.index("” mark"), text.index('"')]


def test_nested_quotes_stay_inside():
    text = 'Kirby said: “they keep the “open door” policy and the ‘soon’ part.”'
    quotes, unmatched = find_quotations(text)
    assert len(quotes) == 1 and unmatched == []
    assert quotes[0].text == "they keep the “open door” policy and the ‘soon’ part."


def test_pronoun_points_back_to_the_last_named_person():
    text = "Alexander Grushko spoke to Interfax. “They increase tension,” he told reporters."
    quote = find_quotations(text)[0][0]
    assert (quote.speaker, quote.verb, quote.side) == ("Alexander Grushko", "told", "Russia")


def test_it_points_back_to_a_body_not_a_person():
    text = "Kirby spoke. The US said it agreed. It added that it wants “reciprocal commitments”."
    assert find_quotations(text)[0][0].speaker == "US"


def test_title_and_name_pattern_finds_unknown_people():
    text = "Polish Defense Minister Mariusz Nowak said “this is unity”."
    quote = find_quotations(text)[0][0]
    assert (quote.speaker, quote.verb, quote.side) == ("Mariusz Nowak", "said", "")


def test_unattributed_quote_is_not_guessed():
    quotes, _ = find_quotations("Kirby spoke on Monday.\n\n“We know he is irritated.”\n\nThe end.")
    assert [(q.speaker, q.verb, q.side) for q in quotes] == [("", "", "")]


def test_verb_without_a_nameable_subject_stays_unattributed():
    text = "Johnson told Putin it was a “tragic error,” and the two promised a “dialogue spirit.”"
    quotes, _ = find_quotations(text)
    assert [q.speaker for q in quotes] == ["Boris Johnson", ""]


def test_bad_input_raises_voices_error():
    with pytest.raises(VoicesError, match="text must be a string"):
        find_quotations(b"bytes")
    with pytest.raises(VoicesError, match="article must be a string"):
        find_quotations("text", 3)
    with pytest.raises(VoicesError, match="list of articles"):
        attribution_ledger("not a corpus")
    with pytest.raises(VoicesError, match="Article records"):
        numbers_ledger(["a string"])
    assert issubclass(VoicesError, FramelabError)


def test_empty_text_has_no_quotations():
    assert find_quotations("") == ([], [])


# --- data files ----------------------------------------------------------------------


def test_data_files_load_with_load_lexicon():
    verbs = load_lexicon(DATA / "reporting_verbs.tsv")
    assert set(verbs.values()) == {"neutral", "assertive", "doubt", "other"}
    assert verbs["said"] == "neutral" and verbs["insisted"] == "assertive" and verbs["alleged"] == "doubt"
    assert reporting_verbs() == verbs
    people = load_lexicon(DATA / "speakers.tsv")
    assert set(people.values()) <= SIDES and people == speakers()
    assert side_of("Jens Stoltenberg") == "NATO/Europe" and side_of("Washington") == "US"


# --- ledgers on the five articles ------------------------------------------------------


def test_attribution_ledger(corpus):
    ledger = attribution_ledger(corpus)
    assert list(ledger.columns) == LEDGER_COLUMNS
    assert ledger["quotations"].sum() == sum(len(find_quotations(a.body, a.id)[0]) for a in corpus)
    first = ledger[ledger.article == "001"].iloc[0]
    assert (first.speaker, first.side, first.quotations) == ("John Kirby", "US", 6)
    unattributed = ledger[ledger.speaker == "(unattributed)"]
    assert (unattributed.side == "").all()
    key = list(zip(ledger.article, -ledger.quotations, ledger.speaker))
    assert key == sorted(key)


def test_numbers_ledger(corpus):
    ledger = numbers_ledger(corpus)
    assert list(ledger.columns) == NUMBER_COLUMNS
    troops = ledger[ledger.counts == "troops"]
    assert {"3,000", "about 1,000", "roughly 2,000", "another 1,700"} <= set(troops.text)
    assert set(troops[troops.article == "003"].number) == {3000, 2000, 1000, 8500}
    years = ledger[ledger.counts == "year"]
    assert set(years.number) == {2014, 2021, 1997}
    for row in ledger.itertuples():
        body = corpus[int(row.article)].body
        assert body[row.start : row.start + len(row.text)] == row.text


# --- precision and recall against the hand annotation ------------------------------------


def overlap(a_start: int, a_end: int, b_start: int, b_end: int) -> float:
    """Shared characters over the length of the longer span."""
    shared = min(a_end, b_end) - max(a_start, b_start)
    return max(0, shared) / max(a_end - a_start, b_end - b_start)


def match(predicted: list, annotated: list[dict], with_speaker: bool) -> int:
    """Number of one-to-one matches: ≥ 50 % overlap (and, with_speaker, the same speaker)."""
    used: set[int] = set()
    count = 0
    for quote in predicted:
        for index, gold_quote in enumerate(annotated):
            if index in used or overlap(quote.start, quote.end, gold_quote["start"], gold_quote["end"]) < 0.5:
                continue
            if with_speaker and quote.speaker != gold_quote["speaker"]:
                continue
            used.add(index)
            count += 1
            break
    return count


def scores(corpus, gold) -> pd.DataFrame:
    rows = []
    for article in corpus:
        predicted = find_quotations(article.body, article.id)[0]
        annotated = [q for q in gold["quotations"] if q["article"] == article.id]
        spans = match(predicted, annotated, with_speaker=False)
        named = match(predicted, annotated, with_speaker=True)
        rows.append({
            "article": article.id,
            "span_precision": spans / len(predicted),
            "span_recall": spans / len(annotated),
            "speaker_precision": named / len(predicted),
            "speaker_recall": named / len(annotated),
        })
    return pd.DataFrame(rows).set_index("article")


def test_fixture_matches_the_bodies(corpus, gold):
    bodies = {article.id: article.body for article in corpus}
    for quote in gold["quotations"]:
        body = bodies[quote["article"]]
        assert body[quote["start"]] in "“\"" and body[quote["end"] - 1] in "”\""
        assert body[quote["start"] + 1 : quote["end"] - 1] == quote["text"]


@pytest.mark.parametrize("article", ["000", "001", "002", "003", "004"])
def test_precision_and_recall_per_article(corpus, gold, article):
    row = scores(corpus, gold).loc[article]
    assert row.span_precision >= 0.9 and row.span_recall >= 0.9, row.to_dict()
    assert row.speaker_precision >= 0.9 and row.speaker_recall >= 0.9, row.to_dict()


def test_unmatched_marks_in_the_articles(corpus, gold):
    found = {a.id: find_quotations(a.body, a.id)[1] for a in corpus}
    expected = {a.id: gold["unmatched_marks"].get(a.id, []) for a in corpus}
    assert found == expected
