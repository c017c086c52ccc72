"""framelab.quotemarks: the same answers as framelab.voices.quotation_spans on the old conventions (“…”, "…"),
and quotations in « … », „…“ and British ‘…’ (issue 13, item 3). Only the dev half of framelab/data/attribution_heldout is
read here; the test half is held out (tools/attribution_eval.py reports it)."""

from __future__ import annotations

import json
import random
from pathlib import Path

import pytest

from framelab import FramelabError, load_corpus
from framelab.quotemarks import QuoteMarksError, apostrophe, quotation_marks, quotation_spans
from framelab.voices import quotation_spans as old_spans

ROOT = Path(__file__).resolve().parents[1]
DEV = ROOT / "framelab" / "data" / "attribution_heldout" / "dev"
NEW_MARKS = "«»„‚‘"


def _bodies(folder: Path | None = None) -> list[str]:
    return [article.body for article in (load_corpus(folder) if folder else load_corpus())]


def _quoted(text: str) -> list[str]:
    return [words for _, _, words in quotation_spans(text)[0]]


# --- the same answers where only the old conventions occur ----------------------------


@pytest.mark.parametrize("folder", [None, ROOT / "tests" / "data" / "second_corpus", DEV])
def test_same_as_voices_on_corpora(folder):
    bodies = [body for body in _bodies(folder) if not any(mark in body for mark in "«»„‚")]
    compared = 0
    for body in bodies:
        spans = old_spans(body)[0]
        if any(not any(a < i < b for a, b, _ in spans) for i, mark in enumerate(body) if mark == "‘"):
            continue  # a ‘ outside every “…” and "…": British single marks (article 108), tested below
        assert quotation_spans(body) == old_spans(body)
        compared += 1
    assert compared >= len(bodies) - 1 and compared >= 4


def test_seed_articles_are_all_compared():
    bodies = _bodies()
    assert len(bodies) == 5 and all(quotation_spans(body) == old_spans(body) for body in bodies)


def test_same_as_voices_on_random_strings():
    rng = random.Random(13)
    pieces = ["word", "Kirby", "don’t", "farmers’", "’90s", "it's", "rock ’n’ roll", " ", " ", "\n", "\n\n",
              "“", "”", '"', "’", ",", ".", "(", "—", "s", "1", "\u00a0"]
    for _ in range(20000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 40)))
        assert quotation_spans(text) == old_spans(text), repr(text)


def _nested_text(rng: random.Random) -> str:
    """Paragraphs of words and “…” quotations (some over paragraphs) holding ‘…’ and apostrophes."""
    words = ["the", "farmers’", "Ministers’", "don’t", "’90s", "rock ’n’ roll", "sides’", "water", "it’s", "s’"]

    def inner() -> str:
        return "‘" + " ".join(rng.choices(words, k=rng.randint(1, 3))) + rng.choice(["’", "", "’,", "’ and"])

    paragraphs = []
    for _ in range(rng.randint(1, 5)):
        parts = rng.choices(words, k=rng.randint(0, 3))
        if rng.random() < 0.7:
            body = " ".join([*rng.choices(words, k=2), inner(), *rng.choices(words, k=2)])
            if rng.random() < 0.3:
                paragraphs.append(" ".join(parts) + " “" + body)
                parts, body = [], body + "\n\n“" + body  # continued in the next paragraph
            parts.append("“" + body + rng.choice(["”", ",” he said"]))  # closed: the ‘ stays nested
        paragraphs.append(" ".join(parts + rng.choices(words, k=rng.randint(0, 2))))
    return "\n\n".join(paragraphs)


def test_same_as_voices_with_single_marks_nested_in_double_ones():
    rng = random.Random(7)
    for _ in range(5000):
        text = _nested_text(rng)
        assert quotation_spans(text) == old_spans(text), repr(text)


# --- new conventions ------------------------------------------------------------------


def test_french_guillemets_with_no_break_spaces_and_inner_marks():
    text = "« Le Premier ministre a dit “patience”. Non\u00a0», a-t-elle dit. « Oui\u202f»"
    assert _quoted(text) == ["Le Premier ministre a dit “patience”. Non", "Oui"]
    assert quotation_spans("Un « mot ‹ dans › un » autre.")[0] == [(3, 22, "mot ‹ dans › un")]


def test_guillemets_over_paragraphs_repeat_either_mark():
    text = "« Un.\n\n« Deux.\n\n» Trois. » Fin."
    assert quotation_spans(text) == ([(0, 26, "Un.\nDeux.\nTrois.")], [])


def test_reversed_guillemets_when_the_text_opens_with_a_closing_one():
    assert _quoted("Er sagte »Nein«, dann »Ja«.") == ["Nein", "Ja"]
    assert quotation_spans("a » stray")[1] == [2]


def test_german_low_high_marks_with_inner_single_marks():
    text = "„Pohl sagte: ‚Sie haben Wasser.‘ Mal sehen“, sagte Harlan. „Gut.“"
    assert _quoted(text) == ["Pohl sagte: ‚Sie haben Wasser.‘ Mal sehen", "Gut."]


def test_german_quotation_over_paragraphs():
    text = "Er schrieb: „Erstens.\n\n„Zweitens.“ Ende."
    assert quotation_spans(text) == ([(12, 34, "Erstens.\nZweitens.")], [])


def test_polish_low_high_marks_close_with_right_double_mark():
    assert _quoted("Powiedział: „Nie”. Potem „tak”.") == ["Nie", "tak"]


def test_english_text_opens_with_left_double_mark_even_beside_a_german_quotation():
    text = "She quoted „Wir schaffen das“ and said “we will” and “so will they.”"
    assert _quoted(text) == ["Wir schaffen das", "we will", "so will they."]


def test_british_single_marks_with_apostrophes():
    text = ("‘We were kids in the ’90s, and rock ’n’ roll was all we had,’ said Fenn. The Ministers’ talks "
            "ran on. ‘Thirty-five is what the farmers’ pumps needed,’ the union said. He called them ‘thieves’ "
            "and left, in the farmers’ view.")
    assert _quoted(text) == ["We were kids in the ’90s, and rock ’n’ roll was all we had,",
                             "Thirty-five is what the farmers’ pumps needed,", "thieves"]


def test_british_quotation_over_paragraphs_past_a_possessive():
    text = "‘The deal buys time.\n\n‘Until both sides’ engineers agree.\n\n‘That’s politics,’ she said."
    assert quotation_spans(text) == ([(0, 77, "The deal buys time.\nUntil both sides’ engineers agree.\nThat’s politics,")], [])


def test_british_double_marks_nested_in_single_ones():
    text = "‘He said, “We’ve built a dam,” and I agree,’ Peretz said. “Fine.”"
    assert _quoted(text) == ["He said, “We’ve built a dam,” and I agree,", "Fine."]


def test_possessive_closes_when_nothing_else_does():
    assert _quoted("He called it ‘a plan for the farmers’ today.") == ["a plan for the farmers"]
    assert _quoted("They were ‘thieves’ and ‘liars’ in the farmers’ eyes.") == ["thieves", "liars"]


def test_unpaired_single_marks_reported_only_where_single_marks_quote():
    assert quotation_spans("‘Yes,’ she said. Then ‘no.")[1] == [22]
    assert quotation_spans("Back in the ‘90s, rock ‘n’ roll ruled. ‘Yes,’ she said.")[1] == []
    assert quotation_spans("A stray ‘ in “an American” text.") == ([(13, 26, "an American")], [])
    assert quotation_spans("Er sagte ‚nein.")[1] == [9]


@pytest.mark.parametrize("text, offset, kind", [
    ("don’t", 3, "yes"), ("Tarnhof’s", 7, "yes"), ("the ’90s", 4, "yes"), ("rock ’n’ roll", 5, "yes"),
    ("rock ’n’ roll", 7, "yes"), ("the farmers’ pumps", 11, "maybe"), ("the 1990s’ boom", 9, "maybe"),
    ("‘thieves’ and", 8, "no"), ("a river,’ she", 8, "no"), ("truce’, which", 5, "no"),
])
def test_apostrophe_rule(text, offset, kind):
    assert apostrophe(text, offset) == kind


def test_errors_name_the_argument():
    with pytest.raises(QuoteMarksError, match="must be a string") as caught:
        quotation_spans(None)
    assert isinstance(caught.value, FramelabError)
    with pytest.raises(QuoteMarksError):
        quotation_marks(b"bytes")


def test_marks_and_spans_agree():
    text = "„Eins,\n\n„zwei.“ « trois »"
    top, unmatched = quotation_marks(text)
    assert [(m[0], m[-1] + 1) for m in top] == [(a, b) for a, b, _ in quotation_spans(text)[0]] and not unmatched


# --- the dev half of the evaluation set (tuned on; test is held out) --------------------------


def test_every_dev_quotation_is_found():
    annotation = json.loads((DEV.parent / "dev_annotations.json").read_text(encoding="utf-8"))
    found = {}
    for path in DEV.glob("*.txt"):
        body = path.read_text(encoding="utf-8")
        top = quotation_spans(body)[0]
        found[path.name] = [body[a + 1 : b - 1] for x, y, _ in top for a, b in [(x, y), *_inner(body, x, y)]]
    missing = [q["quote"] for q in annotation["quotations"]
               if not any(_same(q["quote"], words) for words in found[q["file"]])]
    assert not missing


def _inner(body: str, start: int, end: int) -> list[tuple[int, int]]:
    from framelab.attribution import _inner_spans  # nested quotations, as attribute() finds them

    return _inner_spans(body, start, end)


def _same(gold: str, words: str) -> bool:
    from tools.attribution_eval import normalized

    return normalized(gold) == normalized(words)


# --- figures kept (regression guard): tools.attribution_eval --spans-from quotemarks ---------------
# Floors are the figures reached, rounded down to 0.05; test was run once, after tuning on dev had ended.
# Reached: span finder alone (nested spans included) P/R dev 0.88/1.00, test 0.92/1.00; attribute() on these
# spans speaker F1 dev 0.99, test 0.84 (the same as given the annotated spans).
FLOORS = {
    "dev": {"span_r": 0.95, "span_p": 0.85, "speaker_f1": 0.95},
    "test": {"span_r": 0.95, "span_p": 0.90, "speaker_f1": 0.80},
}


@pytest.mark.parametrize("half", sorted(FLOORS))
def test_evaluation_figures_are_kept(half):
    from tools.attribution_eval import evaluate

    spans = evaluate(half, "spans", finder="quotemarks")["all"]
    rules = evaluate(half, "rules", finder="quotemarks")["all"]
    figures = {"span_r": spans["span_r"], "span_p": spans["span_p"], "speaker_f1": rules["speaker_f1"]}
    for name, floor in FLOORS[half].items():
        assert figures[name] >= floor, f"{half}: {name} fell to {figures[name]:.2f} < {floor}"


# --- straight single marks '…' (issue 13, item 4) -----------------------------------------


@pytest.mark.parametrize(
    "text, quoted",
    [
        ("'We will rebuild it,' the mayor said.", ["We will rebuild it,"]),
        ("He called it 'a sham' and left.", ["a sham"]),
        ("'It's the farmers who pay,' she said.", ["It's the farmers who pay,"]),
        ("They called them 'the bosses' in a letter.", ["the bosses"]),
        ("'We stay,' said one of the tenants' leaders.", ["We stay,"]),
        ("Council to 'look again' at bus plan", ["look again"]),
        # apostrophes and elisions only: no quotation
        ("Shops stay open 'til midnight.", []),
        ("It brings rock 'n' roll back.", []),
        ("Prices last rose like this in the '90s.", []),
        ("The officials' cars were parked outside.", []),
        ("The coach said: let 'em run.", []),
        ("'Tis the season for road works.", []),
        ("O'Brien said the school's roof leaks.", []),
        ("The wall is 6' high.", []),
    ],
)
def test_straight_single_quotation_marks(text, quoted):
    assert _quoted(text) == quoted
    assert quotation_spans(text)[1] == []


def test_straight_single_marks_nest_inside_double_ones():
    assert _quoted("\"They said 'wait' and we waited,\" he said.") == ["They said 'wait' and we waited,"]


@pytest.mark.parametrize("half", ["dev", "test"])
def test_straight_single_quotes_held_out(half):
    # tests/data/single_quotes: dev tuned on, test held out (tools/single_quotes_eval.py). Before issue 13's
    # rule: recall 0.06 on both halves (1 of 18 and 1 of 16, the double-quoted one).
    from tools.single_quotes_eval import DATA, read_cases, score

    right, found, gold, _ = score(read_cases(DATA / f"{half}.txt"))
    assert right == found and right / gold >= 0.9


def test_straight_single_marks_on_random_strings_give_well_formed_spans():
    rng = random.Random(1313)
    pieces = ["word", "'", "'", "s'", " 'til", "'90s", "rock 'n' roll", "it's", " ", "\n\n", ",", ".", "“", "”", "—"]
    for _ in range(5000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 30)))
        spans, unmatched = quotation_spans(text)
        ends = [0]
        for start, end, _ in spans:
            assert ends[-1] <= start < end <= len(text), repr(text)
            assert text[start] in "'“" and text[end - 1] in "'”", repr(text)
            ends.append(end)
        assert all(0 <= o < len(text) for o in unmatched), repr(text)


@pytest.mark.parametrize("text, words", [
    ("'3,000 troops is not enough,' Kirby said.", "3,000 troops is not enough,"),
    ("'2022 was hard,' she said.", "2022 was hard,"),
    ("‘2022 was hard,’ she said.", "2022 was hard,"),
])
def test_a_quotation_opening_with_a_number_is_found(text, words) -> None:
    """Attack: a single-quoted quotation starting with a number was dropped silently (read as '90s)."""
    assert [found for _, _, found in quotation_spans(text)[0]] == [words]


@pytest.mark.parametrize("text", ["In the '90s we left.", "The ‘90s were odd.", "the '22 election"])
def test_a_decade_is_still_an_apostrophe(text) -> None:
    assert quotation_spans(text) == ([], [])
