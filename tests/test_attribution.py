"""framelab.attribution: speakers by general rules of news attribution (issue 13, item 3).

The sentences below are written for these tests (invented people and places), one or more per rule, with the
negatives the rules must refuse. The last tests run the scorer (tools/attribution_eval.py) on the evaluation set
in framelab/data/attribution_heldout and keep the figures reached: dev was tuned on, test was held out (run on test: see the
report of issue 13).
"""

from __future__ import annotations

import pytest

from framelab.attribution import Attribution, AttributionError, attribute, reporting_verbs
from framelab.mentions import Cast
from tools.attribution_eval import evaluate


def one(text: str) -> Attribution:
    found = attribute(text)
    assert len(found) == 1, f"expected one quotation in {text!r}, got {found}"
    return found[0]


def speakers(text: str) -> list[str | None]:
    return [a.speaker for a in attribute(text)]


# --- the clause after the quotation, either order --------------------------------------


def test_name_then_verb_after_the_quotation() -> None:
    found = one("“We will rebuild the bridge,” Carla Mendes said.")
    assert (found.speaker, found.verb, found.rule, found.via) == ("Carla Mendes", "said", "X_said", "name")
    assert found.quote == "We will rebuild the bridge,"


def test_verb_then_name_after_the_quotation() -> None:
    found = one("“The harbour is closed,” said Omar Haddad, a fisherman in Velo.")
    assert (found.speaker, found.rule) == ("Omar Haddad", "said_X")


def test_appositive_between_name_and_verb() -> None:
    assert one("“Nobody expected this,” Ruth Adler, the mayor of Dornfeld, said on Tuesday.").speaker == "Ruth Adler"
    # a relative clause naming an organization does not make the organization the speaker
    assert one("“We lost a week,” Ivo Marsh, who speaks for the Brenton Port Authority, said.").speaker == "Ivo Marsh"


def test_title_is_not_part_of_the_speaker() -> None:
    assert one("“The budget is balanced,” Finance Minister Aiko Tan told parliament.").speaker == "Aiko Tan"
    assert one("“It holds,” said Deputy Harbour Master Jon Ekdal.").speaker == "Jon Ekdal"


def test_told_names_the_speaker_not_the_listener() -> None:
    found = one("Grace Obi told reporters: “I will not resign.”")
    assert (found.speaker, found.verb, found.rule) == ("Grace Obi", "told", "lead_in")
    assert one("“I will stay,” Obi told The Herald.").speaker == "Obi"


# --- the reporter's words before the quotation -----------------------------------------


def test_lead_in_with_a_colon_and_an_appositive() -> None:
    assert one("Its director, Samir Okafor, said: “We need more beds.”").speaker == "Samir Okafor"
    assert one("Transport Minister Leo Brandt said: “Trains run again on Monday.”").speaker == "Leo Brandt"


def test_writing_and_posting_verbs() -> None:
    assert reporting_verbs()["posted"] == "posting" and reporting_verbs()["wrote"] == "writing"
    found = one("Hours later, Dev Patel tweeted: “See you in court.”")
    assert (found.speaker, found.verb) == ("Dev Patel", "tweeted")
    text = "Mona Reyes runs the shelter. In a long post, she wrote: “We are full tonight.”"
    assert (one(text).speaker, one(text).verb) == ("Mona Reyes", "wrote")


def test_according_to() -> None:
    text = "According to Lina Petrova, a spokeswoman for the port authority, “the cranes are safe.”"
    assert (one(text).speaker, one(text).rule) == ("Lina Petrova", "according_to")


def test_partial_quotation_after_a_naming_verb() -> None:
    found = one("Senator Paula Gray called the plan “a gift to polluters” and left the room.")
    assert (found.speaker, found.verb, found.rule) == ("Paula Gray", "called", "before")


# --- organizations -----------------------------------------------------------------------


def test_organization_as_speaker_and_as_antecedent() -> None:
    assert one("The Ministry of Health said: “Clinics stay open.”").speaker == "Ministry of Health"
    text = "The National Aviation Authority grounded all planes. “Flights remain suspended,” the authority said."
    assert (one(text).speaker, one(text).via) == ("National Aviation Authority", "description")


def test_description_means_the_one_person_with_that_title() -> None:
    text = "Prime Minister Ola Dahl met Foreign Minister Ivo Lind. “We agreed,” the prime minister said."
    assert (one(text).speaker, one(text).via) == ("Ola Dahl", "description")
    text = "Minister Ola Dahl met Minister Ivo Lind. “We agreed,” the minister said."
    assert one(text).speaker is None  # two ministers: the text does not decide


def test_company_means_the_one_organization_just_named() -> None:
    text = "Bluefin Shipping owns the tanker. “We regret the spill,” the company said."
    assert one(text).speaker == "Bluefin Shipping"


def test_description_without_an_antecedent_stays_unattributed() -> None:
    assert one("“Flights remain suspended,” the authority said in a statement.").speaker is None


def test_they_refers_to_the_one_organization() -> None:
    text = "The Harbour Workers Union met on Friday. “We will strike,” they said."
    assert one(text).speaker == "Harbour Workers Union"


# --- pronouns ------------------------------------------------------------------------------


def test_pronoun_with_one_candidate() -> None:
    found = one("Amira Saleh has run the clinic since 2010. “We have no insulin left,” she said.")
    assert (found.speaker, found.via) == ("Amira Saleh", "pronoun")


def test_pronoun_with_two_candidates_and_no_evidence_is_unattributed() -> None:
    assert one("Tom Berg met Ana Lind in Oslo. “We agreed on nothing,” he said.").speaker is None


def test_gender_stated_in_the_text_picks_the_candidate() -> None:
    text = "Mr Berg met Ms Lind in Oslo. “We agreed on nothing,” he said."
    assert one(text).speaker == "Berg"
    text = "Nadia Fox, a mother of two, met Mr Berg. “We will sue,” she said."
    assert one(text).speaker == "Nadia Fox"
    text = "Ana Lind took her seat late, and Tom Berg met her. “We agreed on nothing,” he said."
    assert one(text).speaker == "Tom Berg"


def test_gender_is_learnt_from_the_text_not_from_a_names_list() -> None:
    cast = Cast.of("Irena Vasko has, to her credit, tried. Karol Zeman spoke.")
    assert cast.gender == {"Irena Vasko": "f"}


# --- several quotations, several paragraphs --------------------------------------------------


def test_quotation_over_paragraphs_is_one_attributed_quotation() -> None:
    found = one("“First, the water came.\n\n“Then it took the road,” said Eva Moss.")
    assert found.speaker == "Eva Moss" and found.quote == "First, the water came.\nThen it took the road,"


def test_second_part_of_a_split_quotation_inherits() -> None:
    found = attribute("“We are tired,” Paulo Reis told the Gazette. “But we will stay.”")
    assert [(a.speaker, a.rule) for a in found] == [("Paulo Reis", "X_said"), ("Paulo Reis", "continued")]


def test_paragraph_ending_in_a_colon_introduces_the_next() -> None:
    text = "Ines Moll, who farms near the dam, wrote to the council. Her letter ends:\n\n“Give us the water back.”"
    assert (one(text).speaker, one(text).rule) == ("Ines Moll", "lead_in_paragraph")


def test_name_particles_stay_in_the_name() -> None:
    text = "Environment Minister Luis de Souza visited. “This is a disaster,” de Souza said."
    assert one(text).speaker == "Luis de Souza"


def test_surname_later_maps_to_the_full_name() -> None:
    text = "Health Minister Ida Kerr visited the ward. “Hospitals are ready,” Kerr said."
    assert one(text).speaker == "Ida Kerr"


def test_nested_quotation_has_its_own_speaker() -> None:
    text = "“Mayor Lotte Wahl told us ‘wait until spring’. We waited,” said Aron Fisk."
    found = attribute(text)
    assert [(a.quote, a.speaker) for a in found] == [
        ("Mayor Lotte Wahl told us ‘wait until spring’. We waited,", "Aron Fisk"),
        ("wait until spring", "Lotte Wahl")]


# --- negatives ---------------------------------------------------------------------------------


def test_unnamed_sources_are_no_speaker() -> None:
    assert one("“It was chaos,” one witness said.").speaker is None
    assert one("“We will appeal,” a spokesperson for Brix Energy said.").speaker is None
    assert one("Officials in Tarn said: “Roads are closed.”").speaker is None
    assert one("A senior official said: “Talks are over.”").speaker is None
    assert one("“Nobody came,” residents said.").speaker is None


def test_scare_quotes_titles_and_words_as_words() -> None:
    assert one("Critics call the plan a “green miracle” that will never work.").speaker is None
    assert attribute("The festival, known as “River Days”, opens in June.") == []
    assert attribute("The words “fair” and “final” appear twice in the deal.") == []
    assert attribute("The so-called “peace dividend” never came.") == []


def test_washington_post_is_not_the_us() -> None:
    assert one("The Washington Post reported: “The deal is off.”").speaker == "Washington Post"
    assert one("Washington said: “The deal is off.”").speaker == "Washington"


def test_negated_verb_gives_no_speaker() -> None:
    assert one("Lee did not say “never” at any point.").speaker is None


def test_no_verb_no_speaker() -> None:
    assert one("A banner over the road: “Give us back our river.”").speaker is None


def test_given_spans_are_used() -> None:
    text = "Anna Berg said: « We stay. »"
    found = attribute(text, spans=[(16, 27)])
    assert (found[0].quote, found[0].speaker) == ("We stay.", "Anna Berg")


def test_wrong_input_is_named() -> None:
    with pytest.raises(AttributionError, match="text must be a string"):
        attribute(None)  # type: ignore[arg-type]


# --- the evaluation set: figures kept (regression guard) ---------------------------------------
# Floors are the figures reached, rounded down to 0.05 (the issue 13 report has the tables). "Gold spans" gives the
# rules the annotated quotation spans, so it measures attribution alone; without them the spans are those of
# framelab.voices.quotation_spans, which reads « », „ “ and ‘ ’ through framelab.quotemarks.
# Reached: dev 0.99 / 0.99 speaker F1, test 0.84 / 0.84 (test scored once per span finder, after tuning on dev).
# The floors were re-based when quotemarks came in: end-to-end span recall rose from 0.68 to 1.00 on test, and with
# the French, German and British articles now in play test speaker precision is 0.93 (0.95 before, on fewer quotes),
# the same as with gold spans.

FLOORS = {
    ("dev", False): {"speaker_f1": 0.95, "speaker_p": 0.95, "span_p": 0.95, "span_r": 0.95},
    ("dev", True): {"speaker_f1": 0.95, "speaker_p": 0.95},
    ("test", False): {"speaker_f1": 0.80, "speaker_p": 0.90, "span_p": 0.90, "span_r": 0.95},
    ("test", True): {"speaker_f1": 0.80, "speaker_p": 0.90},
}


@pytest.mark.parametrize(("half", "gold_spans"), sorted(FLOORS))
def test_evaluation_figures_are_kept(half: str, gold_spans: bool) -> None:
    figures = evaluate(half, "rules", gold_spans=gold_spans)["all"]
    for name, floor in FLOORS[(half, gold_spans)].items():
        assert figures[name] >= floor, f"{half} (gold spans: {gold_spans}): {name} fell to {figures[name]:.2f} < {floor}"


def test_scorer_counts_a_wrong_speaker_against_precision_and_recall() -> None:
    from tools.attribution_eval import Gold, Predicted, score

    gold = [Gold("a", "we stay", "Ann Lee", frozenset({"ann lee", "lee"}), "X_said"),
            Gold("a", "go home", None, frozenset(), "unattributed")]
    table = score(gold, [Predicted("a", "we stay", "Bo Kim"), Predicted("a", "go home", "Ann Lee"),
                         Predicted("a", "green miracle", None)])["all"]
    assert (table["span_p"], table["span_r"]) == (2 / 3, 1.0)
    assert (table["speaker_p"], table["speaker_r"], table["speaker_f1"]) == (0.0, 0.0, 0.0)
    table = score(gold, [Predicted("a", "we stay", "LEE")])["all"]
    assert (table["speaker_p"], table["speaker_r"]) == (1.0, 1.0)


def test_an_apposition_of_spaces_only_is_no_crash() -> None:
    """Found by a random-text check: "Anna Lee, the   ." made Cast.of raise IndexError."""
    assert [a.speaker for a in attribute("Anna Lee, the   .  “Go,” she said.")] == ["Anna Lee"]
