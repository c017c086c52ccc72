"""framelab.voices: quotations, speakers, ledgers; and the extraction measured against
the hand annotation in framelab/data/quotations_annotated.json (precision and recall per article)."""

from __future__ import annotations

import json
from pathlib import Path
from types import SimpleNamespace

import pandas as pd
import pytest

from framelab import FramelabError, split_sentences
from framelab.lexicons import DATA, load_lexicon
from framelab.numbers import NumbersError
from framelab.voices import (
    LEDGER_COLUMNS,
    UNATTRIBUTED,
    Quotation,
    VoicesError,
    attribution_ledger,
    find_quotations,
    numbers_ledger,
    quotation_spans,
    reporting_verbs,
    side_of,
    speakers,
)

FIXTURE = Path(__file__).parents[1] / "framelab" / "data" / "quotations_annotated.json"
SIDES = {"US", "Russia", "Ukraine", "NATO/Europe", "other"}


@pytest.fixture(scope="module")
def gold():
    return json.loads(FIXTURE.read_text(encoding="utf-8"))


# --- unit tests on small texts -------------------------------------------------------


def test_curly_and_straight_quotes_with_offsets():
    text = 'Kirby said “curly one”. Austin said "straight one".'
    quotes, unmatched = find_quotations(text, "t", names="table")
    assert [(q.start, q.end, q.text) for q in quotes] == [(11, 22, "curly one"), (36, 50, "straight one")]
    assert all(text[q.start] in "“\"" and text[q.end - 1] in "”\"" for q in quotes)
    assert unmatched == []
    assert all(isinstance(q, Quotation) and q.article == "t" for q in quotes)


def test_split_quote_gets_the_same_speaker_twice():
    text = '“These are not permanent moves,” Kirby said, “and they are not going to fight.”'
    quotes, _ = find_quotations(text, names="table")
    assert [q.text for q in quotes] == ["These are not permanent moves,", "and they are not going to fight."]
    assert [q.speaker for q in quotes] == ["John Kirby", "John Kirby"]
    assert [q.side for q in quotes] == ["US", "US"]


def test_split_quote_over_a_sentence_boundary():
    text = '“We did not make it public,” said Kirby. “There is no daylight.”'
    quotes, _ = find_quotations(text, names="table")
    assert [q.speaker for q in quotes] == ["John Kirby", "John Kirby"]
    assert [q.verb for q in quotes] == ["said", "said"]


def test_quote_running_over_paragraphs_is_one_quotation():
    text = (
        "Kuleba said:\n\n“Russia has both troops and missiles there.\n\n"
        "“If this is accepted, Russia has to withdraw.”\n\nNext paragraph."
    )
    quotes, unmatched = find_quotations(text, names="table")
    assert len(quotes) == 1 and unmatched == []
    quote = quotes[0]
    assert quote.start == text.index("“") and quote.end == text.index("”") + 1
    assert quote.text == "Russia has both troops and missiles there.\nIf this is accepted, Russia has to withdraw."
    assert quote.speaker == "Dmytro Kuleba"


def test_straight_quote_running_over_paragraphs():
    # A paragraph ends at a blank line (framelab.text.paragraph_spans); this test used single
    # newlines before issue 11, when voices took every newline for a paragraph break.
    text = 'Kirby said: "One paragraph.\n\n"Second paragraph."\n\nEnd.'
    quotes, unmatched = find_quotations(text, names="table")
    assert [q.text for q in quotes] == ["One paragraph.\nSecond paragraph."] and unmatched == []


def test_unmatched_marks_are_reported_and_the_rest_is_found():
    # paragraphs separated by blank lines, as above (single newlines before issue 11)
    text = "He said “never closed.\n\nKirby said “closed” here. A stray ” mark.\n\nKirby said \"open"
    quotes, unmatched = find_quotations(text, names="table")
    assert [q.text for q in quotes] == ["closed"]
    assert unmatched == [text.index("“"), text.index("” mark"), text.index('"')]


def test_nested_quotes_stay_inside():
    text = 'Kirby said: “they keep the “open door” policy and the ‘soon’ part.”'
    quotes, unmatched = find_quotations(text, names="table")
    assert len(quotes) == 1 and unmatched == []
    assert quotes[0].text == "they keep the “open door” policy and the ‘soon’ part."


def test_pronoun_points_back_to_the_last_named_person():
    text = "Alexander Grushko spoke to Interfax. “They increase tension,” he told reporters."
    quote = find_quotations(text, names="table")[0][0]
    assert (quote.speaker, quote.verb, quote.side) == ("Alexander Grushko", "told", "Russia")


def test_it_points_back_to_a_body_not_a_person():
    text = "Kirby spoke. The US said it agreed. It added that it wants “reciprocal commitments”."
    assert find_quotations(text, names="table")[0][0].speaker == "US"


def test_title_and_name_pattern_finds_unknown_people():
    text = "Polish Defense Minister Mariusz Nowak said “this is unity”."
    quote = find_quotations(text, names="table")[0][0]
    assert (quote.speaker, quote.verb, quote.side) == ("Mariusz Nowak", "said", "unknown")  # issue 13: "unknown", was ""


def test_unattributed_quote_is_not_guessed():
    quotes, _ = find_quotations("Kirby spoke on Monday.\n\n“We know he is irritated.”\n\nThe end.", names="table")
    assert [(q.speaker, q.verb, q.side) for q in quotes] == [("", "", "")]


def test_verb_without_a_nameable_subject_stays_unattributed():
    text = "Johnson told Putin it was a “tragic error,” and the two promised a “dialogue spirit.”"
    quotes, _ = find_quotations(text, names="table")
    assert [q.speaker for q in quotes] == ["Boris Johnson", ""]


def test_bad_input_raises_voices_error():
    with pytest.raises(VoicesError, match="text must be a string"):
        find_quotations(b"bytes")
    with pytest.raises(VoicesError, match="article must be a string"):
        find_quotations("text", 3)
    with pytest.raises(VoicesError, match="list of articles"):
        attribution_ledger("not a corpus")
    with pytest.raises(NumbersError, match=r"corpus\[0\] is a str, not an article with a text .id and .body"):
        numbers_ledger(["a string"])
    twice = [SimpleNamespace(id="a", body="Troops."), SimpleNamespace(id="a", body="Tanks.")]
    for ledger, error in ((attribution_ledger, VoicesError), (numbers_ledger, NumbersError)):
        with pytest.raises(error, match="'a' more than once"):  # one rule for every corpus check
            ledger(twice)
    assert issubclass(VoicesError, FramelabError)


def test_empty_text_has_no_quotations():
    assert find_quotations("", names="table") == ([], [])


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
    assert ledger["quotations"].sum() == sum(len(find_quotations(a.body, a.id, names="table")[0]) for a in corpus)
    first = ledger[ledger.article == "001"].iloc[0]
    assert (first.speaker, first.side, first.quotations) == ("John Kirby", "US", 6)
    unattributed = ledger[ledger.speaker == "(unattributed)"]
    assert (unattributed.side == "").all()
    key = list(zip(ledger.article, -ledger.quotations, ledger.speaker))
    assert key == sorted(key)


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
        predicted = find_quotations(article.body, article.id, names="table")[0]
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
    found = {a.id: find_quotations(a.body, a.id, names="table")[1] for a in corpus}
    expected = {a.id: gold["unmatched_marks"].get(a.id, []) for a in corpus}
    assert found == expected


# --- issue 11, item 5: one definition of paragraph, sentence and quotation ---------------


@pytest.mark.parametrize(
    "text, speaker",
    [
        ("Kirby told the U.S. Senate, “The troops are ready.”", "John Kirby"),
        ("Lloyd Austin told U.S. lawmakers on Tuesday, “Diplomacy is not dead.”", "Lloyd Austin"),
        ("Kuleba said at 10 a.m. on Tuesday that “nothing has changed.”", "Dmytro Kuleba"),
        ("Stoltenberg, speaking to U.K. and U.S. envoys on Sept. 30, said: “Allies agree.”", "Jens Stoltenberg"),
        ('Gen. Mark Milley told reporters, "We are ready."', "Mark Milley"),
    ],
)
def test_an_abbreviation_does_not_cut_the_attribution_off(text, speaker):
    quotes, unmatched = find_quotations(text, names="table")
    assert [(q.speaker, bool(q.verb)) for q in quotes] == [(speaker, True)] and unmatched == []


def test_sentences_come_from_the_splitter_passed_in():
    from nltk.tokenize.punkt import PunktSentenceTokenizer

    text = "Kirby told the U.S. Senate, “The troops are ready.”"
    untrained = PunktSentenceTokenizer()  # knows no abbreviation: "U.S." ends a sentence
    assert [s for s in split_sentences(text, untrained)][0].endswith("U.S.")
    assert find_quotations(text, splitter=untrained, names="table")[0][0].speaker == ""
    assert find_quotations(text, names="table")[0][0].speaker == "John Kirby"


@pytest.mark.parametrize(
    "text, words",
    [
        ("Kirby said, “These forces are not\ngoing to fight in Ukraine.”", "These forces are not going to fight in Ukraine."),
        ('Austin said, "There is still\ntime and scope for diplomacy."', "There is still time and scope for diplomacy."),
        ("“We did not make\nthis public,” said\nKirby.", "We did not make this public,"),
        ("Kuleba added: “Russia has both\n  troops and missiles\nthere.”", "Russia has both troops and missiles there."),
    ],
)
def test_a_hard_wrapped_quotation_is_found_and_attributed(text, words):
    quotes, unmatched = find_quotations(text, names="table")
    assert [q.text for q in quotes] == [words] and unmatched == []
    assert quotes[0].speaker and quotes[0].speaker != UNATTRIBUTED
    assert text[quotes[0].start] in "“\"" and text[quotes[0].end - 1] in "”\""


def test_hard_wraps_inside_a_quotation_over_paragraphs():
    text = "Kuleba said:\n\n“Russia has both\ntroops and missiles.\n\n“If this is accepted,\nRussia withdraws.”\n\nEnd."
    quotes, unmatched = find_quotations(text, names="table")
    assert unmatched == [] and [q.text for q in quotes] == [
        "Russia has both troops and missiles.\nIf this is accepted, Russia withdraws."
    ]
    assert quotes[0].speaker == "Dmytro Kuleba"


def test_quotation_spans_is_what_find_quotations_finds(corpus):
    for article in corpus:
        spans, unmatched = quotation_spans(article.body)
        quotes, unmatched_too = find_quotations(article.body, article.id, names="table")
        assert [(q.start, q.end, q.text) for q in quotes] == spans and unmatched == unmatched_too


# --- issue 11, item 7: a pronoun is resolved only when the text decides it -----------------

# Written before the rules were tuned (own news-style sentences, not from the five articles).
# Each: a text and the speaker a careful reader gives its last quotation ("" = the text does not
# say). The rules were tuned on PRONOUN_DEV only; PRONOUN_TEST was scored once, afterwards.
PRONOUN_DEV = [
    ("Pentagon spokesman John Kirby spoke on Monday. “The brigade is ready,” he said.", "John Kirby"),
    ("Pentagon spokesman John Kirby announced the move.\n\nAnna Kowalska, the mayor of Rzeszow, welcomed the troops. "
     "“We feel safer,” she said.", "Anna Kowalska"),
    ("Sergei Lavrov met Antony Blinken in Geneva. “The talks were useful,” he said.", ""),
    ("Jens Stoltenberg spoke after Boris Johnson left. “Allies are united,” he told reporters.", ""),
    ("The Kremlin rejected the offer. “It is a provocation,” it said in a statement.", "Kremlin"),
    ("NATO and the Kremlin traded statements. “We will not back down,” it said.", ""),
    ("Dmytro Kuleba arrived in Brussels on Tuesday. He met allies. “We need more air defence,” he said.",
     "Dmytro Kuleba"),
    ("Russian President Vladimir Putin hosted Emmanuel Macron. The president said talks would go on. "
     "“We have found common ground,” he said.", ""),
    ("Lloyd Austin visited the base at Fort Bragg, North Carolina. “These soldiers are ready,” he said.", "Lloyd Austin"),
    ("Officials in Warsaw were cautious. “We are waiting for details,” she said.", ""),
    ("Defense Minister Mariusz Blaszczak said the first soldiers had landed. “They are welcome here,” he added.",
     "Mariusz Blaszczak"),
    ("The mayor met Pentagon spokesman John Kirby on Friday. “It was a good meeting,” she said.", ""),
    ("John Kirby, the Pentagon spokesperson, briefed reporters. Maria Nowak, a local councillor, listened. "
     "“Nobody asked us,” she said.", "Maria Nowak"),
    ("Vladimir Putin spoke by phone with Emmanuel Macron on Monday, the Kremlin said. "
     "“The conversation was frank,” it added.", "Kremlin"),
    ("Boris Johnson will travel to the region. “We stand with Ukraine,” he said on Sunday.", "Boris Johnson"),
    ("Sen. Bob Menendez backed the plan. “This is overdue,” he said.", "Bob Menendez"),
    ("Mark Milley told Congress the plan was sound. Antony Blinken agreed. “Diplomacy remains open,” he said.",
     "Antony Blinken"),
    ("Dmytro Kuleba thanked Poland. Poland's president said he was glad to help. “We will host them,” he said.", ""),
    ("“We are not afraid,” Zelensky said on Friday. “Panic helps nobody,” he added.", "Volodymyr Zelensky"),
    ("Alexander Grushko criticised the decision in an interview. The deputy minister said it was dangerous. "
     "“This is a step toward escalation,” he said.", "Alexander Grushko"),
]
PRONOUN_TEST = [
    ("Antony Blinken landed in Kyiv on Wednesday. “America has not forgotten you,” he told a crowd.", "Antony Blinken"),
    ("Pentagon spokesman John Kirby said more units could follow. Later, a Polish general, Tomasz Zielinski, "
     "inspected the camp. “We have room for them,” he said.", "Tomasz Zielinski"),
    ("The foreign ministry in Moscow issued a statement. “The deployment is a threat,” it said.", ""),
    ("Olena Kovalenko, a nurse in Lviv, has treated soldiers since 2014. “Every week is harder,” she said.",
     "Olena Kovalenko"),
    ("Lloyd Austin and Mark Milley spoke at the Pentagon. “We are prepared,” he said.", ""),
    ("Sergei Lavrov dismissed the proposal. Russia's envoy to the UN agreed. “It solves nothing,” he said.", ""),
    ("Jens Stoltenberg said allies would respond. “NATO will defend every inch,” he said, adding that talks "
     "remained possible.", "Jens Stoltenberg"),
    ("The Pentagon confirmed the figures on Thursday. “No decision has been made about more troops,” it said.",
     "Pentagon"),
    ("Kirby spoke in the morning. In the afternoon, the White House press secretary took questions. "
     "“We are not there yet,” she said.", ""),
    ("Volodymyr Zelensky addressed parliament. “We will not give up our land,” he said. “Not one metre,” he added.",
     "Volodymyr Zelensky"),
    ("Emmanuel Macron called Vladimir Putin. “I asked for restraint,” he said afterwards.", "Emmanuel Macron"),
    ("Secretary of State Antony Blinken met his Russian counterpart. “We made our position clear,” he said.",
     "Antony Blinken"),
    ("Mariusz Blaszczak, Poland's defense minister, greeted the first planes. “This is a historic day,” he said.",
     "Mariusz Blaszczak"),
    ("The Kremlin said the talks had failed. Dmitry Peskov, its spokesman, went further. "
     "“There is no point in continuing,” he said.", "Dmitry Peskov"),
    ("“The exercises are routine,” the ministry said. Alexander Grushko later disagreed. "
     "“They are not routine at all,” he said.", "Alexander Grushko"),
    ("NATO held an emergency meeting. Its members disagreed. “We need unity,” she said.", ""),
    ("Boris Johnson phoned Emmanuel Macron and Olaf Scholz. Afterwards Downing Street issued a readout. "
     "“The leaders agreed to coordinate,” it said.", "Downing Street"),
    ("Dmytro Kuleba met Antony Blinken. Later Kuleba spoke alone to reporters. “I am grateful,” he said.",
     "Dmytro Kuleba"),
    ("Joe Biden met his advisers on Tuesday. “I have made a decision,” he said on Wednesday.", "Joe Biden"),
    ("An official, who asked not to be named, described the plan. “It is a warning,” he said.", ""),
]


def pronoun_scores(cases: list[tuple[str, str]]) -> dict[str, int]:
    """right (the reader's speaker), wrong (another speaker: a guess), abstained (left unattributed)."""
    counts = {"right": 0, "wrong": 0, "abstained": 0}
    for text, gold in cases:
        speaker = find_quotations(text, names="table")[0][-1].speaker
        counts["right" if speaker == gold else "abstained" if speaker == "" else "wrong"] += 1
    return counts


def test_the_issue_example_is_not_given_to_kirby():
    text = (
        "Pentagon spokesman John Kirby announced the deployment on Wednesday.\n\n"
        "Anna Kowalska, the mayor of Rzeszow, welcomed the troops. “We feel safer,” she said."
    )
    quote = find_quotations(text, names="table")[0][0]
    assert (quote.speaker, quote.side) == ("Anna Kowalska", "unknown")  # issue 13: "unknown", was ""
    without_her_name = text.replace("Anna Kowalska, the mayor of Rzeszow,", "The mayor of Rzeszow")
    assert find_quotations(without_her_name, names="table")[0][0].speaker == ""


@pytest.mark.parametrize(
    "text",
    [
        "Kirby met Lavrov in Geneva. “Talks went well,” he said.",  # two people: who?
        "Spokesman John Kirby spoke. “We are ready,” she said.",  # a spokesman is not "she"
        "Kirby spoke on Monday. The minister arrived later. “We are ready,” he said.",  # an unnamed minister
        "Kirby spoke on Monday.\n\nRain fell. Roads closed. “We are ready,” he said.",  # too far back
        "“We are ready,” he told Kirby.",  # he is not Kirby
        "Putin spoke. An aide to the president nodded. “No comment,” he said.",  # an unnamed aide
        "The Pentagon published a report. “Risks remain,” it said.",  # the report, or the Pentagon?
        "Spokeswoman Anna Nowak spoke. Kirby nodded. “Fine,” she said.",  # she is not the last person named
        "Kuleba met the troops. Zelensky thanked him. “Thank you,” he said.",  # he, or him?
        "Kirby spoke. Alexander Lukashenko listened. “No,” he said.",  # a name not in the speaker table
        "Kirby spoke. “We are ready,” the minister said.",  # the text never calls Kirby a minister
    ],
)
def test_an_undecided_pronoun_stays_unattributed(text):
    assert find_quotations(text, names="table")[0][-1].speaker == ""


PRONOUN_FRESH = [  # written after the rules were final except for one change (see the report)
    ("Ukrainian Foreign Minister Dmytro Kuleba flew to Warsaw. “Poland is our closest friend,” he said.",
     "Dmytro Kuleba"),
    ("Jens Stoltenberg and Antony Blinken held a joint briefing. “The door stays open,” he said.", ""),
    ("Maria Zakharova, the foreign ministry spokeswoman, mocked the plan. “This is theatre,” she said.",
     "Maria Zakharova"),
    ("The Pentagon and the Kremlin both issued statements. “Nothing has changed,” it said.", ""),
    ("Sergei Lavrov spoke for an hour. Reporters pressed him on the troops. “We will respond,” he said.",
     "Sergei Lavrov"),
    ("Boris Johnson met Polish Prime Minister Mateusz Morawiecki. “We are one team,” he said.", ""),
    ("A Ukrainian soldier, Andriy Melnyk, guarded the checkpoint. “We sleep in shifts,” he said.", "Andriy Melnyk"),
    ("Mark Milley testified on Thursday. The general said the risk was high. “We must be ready,” he said.",
     "Mark Milley"),
    ("Downing Street said the call lasted an hour. “The prime minister was clear,” it said.", "Downing Street"),
    ("Vladimir Putin met Alexander Lukashenko in Minsk. “Our union is strong,” he said.", ""),
    ("Lloyd Austin, the defense secretary, spoke first. “We are not seeking war,” he said.", "Lloyd Austin"),
    ("The mayor of Przemysl, Wojciech Bakun, opened a shelter. “Everyone is welcome,” he said.", "Wojciech Bakun"),
]


PRONOUN_FINAL = [  # written last; its one wrong guess (Nauseda, "greeted him") led to the rule on "him"
    ("Rep. Adam Smith chaired the hearing. “We need answers,” he said.", "Adam Smith"),
    ("Jens Stoltenberg arrived in Vilnius. Lithuanian President Gitanas Nauseda greeted him. "
     "“We are grateful,” he said.", ""),
    ("The Pentagon said 300 soldiers had landed. “More will follow,” it said.", "Pentagon"),
    ("Kirby, the Pentagon’s spokesman, was asked about Belarus. “We are watching closely,” he said.", "John Kirby"),
    ("Olga Stefanishyna, Ukraine's deputy prime minister, met EU officials. “Our path is clear,” she said.",
     "Olga Stefanishyna"),
    ("Sergei Lavrov and his aide left the room. “No comment,” he said.", ""),
    ("Putin spoke for two hours. Afterwards the Kremlin published a transcript. “Nobody wants war,” it said.",
     "Kremlin"),
    ("A spokeswoman for the State Department declined to comment. “We do not discuss this,” she said.", ""),
    ("Volodymyr Zelensky called Boris Johnson on Friday. Johnson later spoke to reporters. "
     "“Ukraine is not alone,” he said.", "Boris Johnson"),
    ("Antony Blinken flew to Berlin on Thursday. “Germany is a close ally,” he told reporters there.",
     "Antony Blinken"),
    ("Mr. Austin declined to give numbers. “We are prepared for every scenario,” he said.", "Lloyd Austin"),
    ("NATO said allies were ready. “The alliance will respond,” it said.", "NATO"),
]


@pytest.mark.parametrize(
    "cases, expected",
    [
        (PRONOUN_DEV, {"right": 18, "wrong": 0, "abstained": 2}),
        (PRONOUN_TEST, {"right": 17, "wrong": 0, "abstained": 3}),
        (PRONOUN_FRESH, {"right": 9, "wrong": 0, "abstained": 3}),
        (PRONOUN_FINAL, {"right": 12, "wrong": 0, "abstained": 0}),
    ],
    ids=["dev", "test", "fresh", "final"],
)
def test_pronoun_sets_have_no_wrong_guess(cases, expected):
    # Every miss must be an abstention (""), never another speaker; see the module docstring of voices.
    assert pronoun_scores(cases) == expected


# --- issue 11, item 7 (outside tester): no confident wrong speaker on direct attributions ---


@pytest.mark.parametrize(
    "text, speaker, verb",
    [
        # a second person named by one word (or a run after "with"/"to"/"by") keeps "he" open
        ("Biden spoke with Scholz. “We stand together,” he said.", "", "said"),
        # the text states no gender for Mary Smith, but "he" contradicts a very common given name: abstain
        ("Mary Smith, the mayor of Lublin, opened the centre. “Welcome,” he said.", "", "said"),
        # a title before the name belongs to the person, it is not a speaker of its own
        ('"We are ready," said Pentagon spokesman John Kirby.', "John Kirby", "said"),
        ("“We are ready,” said Polish Defence Minister Mariusz Blaszczak.", "Mariusz Blaszczak", "said"),
        # a possessive is not the subject: the deputy speaks, and has no name
        ('Kirby\'s deputy said: "We are ready."', "", "said"),
        ("Kirby’s deputy said: “We are ready.”", "", "said"),
        # words Putin reports Biden used: their source is Biden (the subject of the naming verb)
        ("Putin said Biden had called him “a killer.”", "Joe Biden", "called"),
        # passive: the agent after "by" speaks
        ("“We are ready,” Putin was told by Kirby.", "John Kirby", "told"),
        ("Biden was told by Stoltenberg: “We are ready.”", "Jens Stoltenberg", "told"),
        # an unnamed official of the Pentagon is not the Pentagon's voice
        ("“It is false,” a Pentagon official said.", "", "said"),
        # a negated verb does not report the words
        ("Kirby did not say “never.”", "", ""),
    ],
)
def test_the_testers_examples(text, speaker, verb):
    quote = find_quotations(text, names="table")[0][-1]
    assert (quote.speaker, quote.verb) == (speaker, verb)
    assert quote.side == (side_of(speaker) or ("unknown" if speaker else ""))  # issue 13: unlisted -> "unknown"


@pytest.mark.parametrize(
    "text, speaker",
    [
        ("Austin spoke to Scholz. “We agreed,” he said.", ""),  # spoken to: a person
        ("Austin met Reznikov and Scholz. “We agreed,” he said.", ""),
        ("Austin spoke. Scholz nodded. “We agreed,” he said.", ""),  # subject of a past tense
        ("Austin flew to Warsaw on Monday. “We agreed,” he said.", "Lloyd Austin"),  # a place, a weekday
        ("Austin spoke to Reuters in Brussels. “We agreed,” he said.", "Lloyd Austin"),  # a news agency
        ("Officials watched as Austin spoke. “We agreed,” he said.", "Lloyd Austin"),  # a common noun
        ("Austin sat beside Wang. “We agreed,” he said.", ""),
        ("Anna Kowalska, a nurse, met the troops. “We are safer,” she said.", "Anna Kowalska"),  # the name agrees
        ("John Kowalski, a nurse, met the troops. “We are safer,” she said.", ""),  # the name refuses
        ("Anna Kowalska met Joe Biden. “It was an honour,” she said.", ""),  # a name never chooses
    ],
)
def test_a_lone_name_or_a_given_name_only_keeps_a_pronoun_open(text, speaker):
    assert find_quotations(text, names="table")[0][-1].speaker == speaker


@pytest.mark.parametrize(
    "text, speaker",
    [
        ("Zelensky's office said in a statement: “The talks continue.”", ""),
        ("Russia’s envoy told the council: “We are not leaving.”", ""),
        ("An aide to Zelensky said: “The president will stay in Kyiv.”", ""),
        ("A spokesman for the Pentagon said: “No decision has been made.”", ""),
        ("US officials said: “Nothing is decided.”", ""),
        ("Putin, the president of Russia, said: “We want peace.”", "Vladimir Putin"),
        ("Kirby, the Pentagon’s spokesperson, said: “Not yet.”", "John Kirby"),
        ("The US said: “Nothing is decided.”", "US"),
        ("“Sanctions will follow,” said US Secretary of State Antony Blinken.", "Antony Blinken"),
        ("“Stay calm,” residents were told.", ""),
        ("“We are ready,” Kirby was quoted as saying.", "John Kirby"),  # "quoted as saying" is not passive
        ("Biden never called Putin “a friend.”", ""),
        ("Kirby said he did not “want war.”", "John Kirby"),  # the negation is inside the reported clause
    ],
)
def test_the_verbs_subject_must_be_the_speaker_itself(text, speaker):
    assert find_quotations(text, names="table")[0][-1].speaker == speaker


# Written BEFORE the rules for the tester's faults were changed (own news-style sentences, not the five
# articles), with the speaker a careful reader gives the last quotation ("" = the text does not decide).
# The code before the change scored dev 11 right / 19 wrong / 0 abstained and test 9 / 19 / 2. Rules
# were tuned on ATTRIBUTION_DEV only; ATTRIBUTION_TEST was scored once: 27 / 1 / 2 (the wrong one:
# "A Kremlin source told…", "source" was not a role; added to voices.ROLES afterwards, so the figure
# below is no longer held out). ATTRIBUTION_FINAL was written after that and scored once: 19 / 1 / 0
# (the wrong one: "sat beside Wang": "beside", "alongside", … added to the person slots afterwards).
ATTRIBUTION_DEV = [
    ("Biden spoke with Scholz. “We stand together,” he said.", ""),
    ("Lloyd Austin met Reznikov in Brussels. “Our support is steady,” he said.", ""),
    ("Putin spoke by phone with Olaf Scholz on Tuesday. “The call was businesslike,” he said.", ""),
    ("Kuleba and Lammy held talks in Kyiv. “We agreed on next steps,” he said.", ""),
    ("Stoltenberg was joined by Rutte at the summit. “Europe must spend more,” he said.", ""),
    ("Zelensky spoke to Reuters on Friday. “We are not afraid,” he said.", "Volodymyr Zelensky"),
    ("Mary Smith, the mayor of Lublin, opened the centre. “Welcome,” he said.", ""),
    ("Anna Kowalska, a teacher, walked to the border. “It took six hours,” she said.", "Anna Kowalska"),
    ('"We are ready," said Pentagon spokesman John Kirby.', "John Kirby"),
    ("“We are ready,” said Polish Defence Minister Mariusz Blaszczak.", "Mariusz Blaszczak"),
    ("“Sanctions will follow,” said US Secretary of State Antony Blinken.", "Antony Blinken"),
    ('Kirby\'s deputy said: "We are ready."', ""),
    ("Putin’s spokesman told reporters: “The president is calm.”", ""),
    ("Zelensky's office said in a statement: “The talks continue.”", ""),
    ("Putin said Biden had called him “a killer.”", "Joe Biden"),
    ("Kirby said Russia was “escalating” the crisis.", "John Kirby"),
    ("Lavrov said Blinken had described the offer as “serious.”", "Antony Blinken"),
    ("“We are ready,” Putin was told by Kirby.", "John Kirby"),
    ("Biden was told by Stoltenberg: “The alliance is united.”", "Jens Stoltenberg"),
    ("“Stay calm,” residents were told.", ""),
    ("“It is false,” a Pentagon official said.", ""),
    ("Two NATO diplomats said the plan was “not serious.”", ""),
    ("An aide to Zelensky said: “The president will stay in Kyiv.”", ""),
    ("Kirby did not say “never.”", ""),
    ("Austin would not call the move “an escalation.”", ""),
    ("Lavrov never said “war,” his ministry insisted.", ""),
    ("Kirby said: “We are ready.”", "John Kirby"),
    ("Kirby, the Pentagon spokesman, said: “Nothing has changed.”", "John Kirby"),
    ("“Diplomacy is not dead,” Austin told reporters.", "Lloyd Austin"),
    ("Pentagon spokesman John Kirby said: “These are not permanent moves.”", "John Kirby"),
]
ATTRIBUTION_TEST = [
    ("Macron had lunch with Sunak on Monday. “We see eye to eye,” he said.", ""),
    ("Antony Blinken phoned Cameron after the vote. “Our allies are with us,” he said.", ""),
    ("Jens Stoltenberg and Rutte toured the base. “The flank is secure,” he said.", ""),
    ("Zelensky thanked Duda for the aid. “Poland is a true friend,” he said.", ""),
    ("Kuleba met Sikorski in Warsaw. “We need shells,” he said.", ""),
    ("Sergei Lavrov gave an interview to Interfax on Sunday. “The West is not listening,” he said.", "Sergei Lavrov"),
    ("Olga Petrenko, a volunteer in Kharkiv, loaded the van. “We leave at dawn,” he said.", ""),
    ("John Kowalski, a farmer near the border, lost his barn. “Nothing is left,” she said.", ""),
    ("Maria Zakharova hosted the briefing. “The West is lying,” she said.", "Maria Zakharova"),
    ("“The alliance will not be divided,” said NATO Secretary-General Jens Stoltenberg.", "Jens Stoltenberg"),
    ("“We have no plans to invade,” said Kremlin spokesman Dmitry Peskov.", "Dmitry Peskov"),
    ("“Help is on the way,” said US President Joe Biden.", "Joe Biden"),
    ("Lavrov's deputy told a briefing: “Nothing has been agreed.”", ""),
    ("Biden’s national security adviser said: “The threat is real.”", ""),
    ("The Kremlin's statement said: “Russia threatens nobody.”", 'Kremlin'),
    ("Zelensky said Putin had called Ukraine “an artificial state.”", "Vladimir Putin"),
    ("Kirby said the buildup was “deeply concerning.”", "John Kirby"),
    ("Blinken said Lavrov had promised “no invasion.”", "Sergei Lavrov"),
    ("“Your country is next,” Kuleba was warned by Lavrov.", "Sergei Lavrov"),
    ("Austin was asked by reporters: “Will troops fight?”", ""),
    ("“Leave now,” the ambassador was told.", ""),
    ("“We are watching closely,” a senior US official said.", ""),
    ("A Kremlin source told the newspaper: “Talks are frozen.”", ""),
    ("A spokesman for the Pentagon said: “No decision has been made.”", ""),
    ("Putin has never said “invasion.”", ""),
    ("Stoltenberg didn't say “membership” once.", ""),
    ("“We will not be intimidated,” Zelensky said.", "Volodymyr Zelensky"),
    ("Lloyd Austin, the defense secretary, told senators: “Deterrence works.”", "Lloyd Austin"),
    ("Grushko told Interfax: “NATO is provoking us.”", "Alexander Grushko"),
    ("According to Pentagon spokesman John Kirby, the move sends a “strong signal.”", "John Kirby"),
]
ATTRIBUTION_FINAL = [
    ("Kuleba had breakfast with Baerbock in Berlin. “Germany understands us,” he said.", ""),
    ("Antony Blinken sat beside Wang at dinner. “We spoke frankly,” he said.", ""),
    ("Stoltenberg greeted Nauseda at the airport. “Lithuania is safe,” he said.", ""),
    ("Elizabeth Brown, a Red Cross worker, reached Mariupol. “The city is dark,” he said.", ""),
    ("Sergei Lavrov spoke after lunch. “Nobody wants war,” he said.", "Sergei Lavrov"),
    ("“The United States stands with Ukraine,” said White House press secretary Jen Psaki.", "Jen Psaki"),
    ("“We will respond,” said Russian Foreign Minister Sergei Lavrov.", "Sergei Lavrov"),
    ("Zelensky’s chief of staff wrote: “Kyiv holds.”", ""),
    ("Austin's spokesman said: “No troops will enter Ukraine.”", ""),
    ("Stoltenberg said Putin had branded NATO “an aggressive bloc.”", "Vladimir Putin"),
    ("Kirby said Moscow was “playing games.”", "John Kirby"),
    ("“Pull back your troops,” Lavrov was told by Blinken.", "Antony Blinken"),
    ("“Stay indoors,” the people of Kharkiv were told.", ""),
    ("“It will not happen,” a NATO diplomat said.", ""),
    ("Russian officials said the drills were “routine.”", ""),
    ("Zelensky did not use the word “war.”", ""),
    ("Biden never called Putin “a friend.”", ""),
    ("“We are ready,” Kirby told reporters.", "John Kirby"),
    ("Dmytro Kuleba, Ukraine's foreign minister, said: “We want peace.”", 'Dmytro Kuleba'),
    ("According to NATO, the alliance is “ready for every scenario.”", "NATO"),
]


@pytest.mark.parametrize(
    "cases, expected",
    [
        (ATTRIBUTION_DEV, {"right": 30, "wrong": 0, "abstained": 0}),
        (ATTRIBUTION_TEST, {"right": 28, "wrong": 0, "abstained": 2}),
        (ATTRIBUTION_FINAL, {"right": 20, "wrong": 0, "abstained": 0}),
    ],
    ids=["dev", "test", "final"],
)
def test_attribution_sets_have_no_wrong_speaker(cases, expected):
    # test abstains on "Maria Zakharova hosted …" (an unknown name beside a verb is not a person for
    # "she") and on "The Kremlin's statement said" (a possessive subject): misses, not guesses.
    assert pronoun_scores(cases) == expected
