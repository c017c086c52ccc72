"""Offline sentence and word tokenization, one deliberate case at a time."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from nltk.tokenize import NLTKWordTokenizer
from nltk.tokenize.punkt import PunktSentenceTokenizer, PunktTrainer

from framelab import sentences, text
from framelab.corpus import load_corpus
from framelab.text import (
    ABBREVIATIONS,
    default_sentence_splitter,
    general_sentence_splitter,
    is_word,
    news_abbreviations,
    paragraph_spans,
    sentence_spans,
    split_sentences,
    tokenize,
    tokenize_sentence,
    train_sentence_splitter,
    words,
)
from tools.sentence_eval import SETS, old_sentence_spans, read_set, score

FIXTURE = Path(__file__).parent / "fixtures" / "seed_sentences.json"


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
    # Word tokens only: "..." (an ellipsis, once normalization writes "…" so) is punctuation.
    for article in load_corpus():
        glued = [t for t in tokenize(article.body)
                 if is_word(t) and len(t) > 2 and t.endswith(".") and t[:-1].lower() not in ABBREVIATIONS]
        assert glued == [], article.id


def test_words_drop_punctuation_and_can_fold_case() -> None:
    assert words("NATO’s allies, “Poland” and 3,000 troops.", lower=True) == [
        "nato", "'s", "allies", "poland", "and", "3,000", "troops"]
    assert [is_word(t) for t in ["-", "...", "x", "8,500"]] == [False, False, True, True]


def test_word_counts_of_the_bundled_articles() -> None:
    counts = {a.id: len(words(a.body)) for a in load_corpus()}
    assert all(300 < count < 900 for count in counts.values()), counts
    assert max(counts, key=counts.get) == "001"


# --- issue 11, item 4: sentence boundaries -------------------------------------------

SPLITS = [
    # a listed abbreviation can end a sentence before a word that starts sentences
    ("Troops will come from the U.S. The Pentagon said so.", ["Troops will come from the U.S.", "The Pentagon said so."]),
    ("The talks were hosted by the U.N. They ended without a deal.",
     ["The talks were hosted by the U.N.", "They ended without a deal."]),
    ("The plant is owned by Harbor Co. It employs 600 people.", ["The plant is owned by Harbor Co.", "It employs 600 people."]),
    ("He grew up in Washington, D.C. His father was a judge.", ["He grew up in Washington, D.C.", "His father was a judge."]),
    ("The office closes at 4 p.m. On Fridays it closes at noon.", ["The office closes at 4 p.m.", "On Fridays it closes at noon."]),
    ("It was signed by Thomas Reed Jr. He had opposed it.", ["It was signed by Thomas Reed Jr.", "He had opposed it."]),
    ("The offices are on Main St. But they are moving.", ["The offices are on Main St.", "But they are moving."]),
    ("Ships waited until 4 p.m. “It feels good,” he said.", ["Ships waited until 4 p.m.", "“It feels good,” he said."]),
    # ... and stays inside one before a name or a lower-case word
    ("The U.S. Army said so. It is final.", ["The U.S. Army said so.", "It is final."]),
    ("Officials met the U.S. ambassador.", ["Officials met the U.S. ambassador."]),
    # "no" is a word; "No." is an abbreviation before a number
    ("Kirby said no. The deployment is temporary.", ["Kirby said no.", "The deployment is temporary."]),
    ("Asked if he would run, he said no. He left.", ["Asked if he would run, he said no.", "He left."]),
    ("The answer was no. Talks continue.", ["The answer was no.", "Talks continue."]),
    ("She lives at No. 10 Downing St. in London.", ["She lives at No. 10 Downing St. in London."]),
    ("He is the No. 2 official. She is No. 1.", ["He is the No. 2 official.", "She is No. 1."]),
    # an abbreviation the old list lacked does not split
    ("The briefing began at 10 a.m. on Tuesday.", ["The briefing began at 10 a.m. on Tuesday."]),
    ("Sen. Bob Menendez backed the plan.", ["Sen. Bob Menendez backed the plan."]),
    ("The deadline is Sept. 30.", ["The deadline is Sept. 30."]),
    ("The storm hit at 11:40 p.m. local time.", ["The storm hit at 11:40 p.m. local time."]),
    ("Gov. Grace Whitman and Maj. Gen. Will Harmon spoke.", ["Gov. Grace Whitman and Maj. Gen. Will Harmon spoke."]),
    ("Dr. Will Chen and Rev. Daniel Okafor came.", ["Dr. Will Chen and Rev. Daniel Okafor came."]),
    ("Shares of Northwind Systems Inc. rose 8.3% on Tuesday.", ["Shares of Northwind Systems Inc. rose 8.3% on Tuesday."]),
    ("SPRINGFIELD, Ill. (AP) — The council voted.", ["SPRINGFIELD, Ill. (AP) — The council voted."]),
    ("Pike said center T.J. Wallace was hurt.", ["Pike said center T.J. Wallace was hurt."]),
    ("Rep. Carl Munson, D-N.C., praised her.", ["Rep. Carl Munson, D-N.C., praised her."]),
    ("President John F. Kennedy spoke.", ["President John F. Kennedy spoke."]),
    ("“Mr. Kane gave me a chance,” Moreno said.", ["“Mr. Kane gave me a chance,” Moreno said."]),
    # dates, quotations, lists, numbers
    ('"We have been ready since Jan. 12." Asked again, he said no.',
     ['"We have been ready since Jan. 12."', "Asked again, he said no."]),
    ("The exercises last until Sept. 30. After that, a review follows.",
     ["The exercises last until Sept. 30.", "After that, a review follows."]),
    ("“Was it worth it?” asked Sharon Lee. “Ask me later.”", ["“Was it worth it?” asked Sharon Lee.", "“Ask me later.”"]),
    ('"Why wait?" Reilly asked in the letter. "Every week counts."',
     ['"Why wait?" Reilly asked in the letter.', '"Every week counts."']),
    ("“Why wait?” Nobody answered.", ["“Why wait?”", "Nobody answered."]),
    ("1. End the strike.\n\n2. Return to work.", ["1. End the strike.", "2. Return to work."]),
    ("Rates rose 3.5% to $1.2 billion. See www.example.gov for more.",
     ["Rates rose 3.5% to $1.2 billion.", "See www.example.gov for more."]),
    ("We may be closer... but not there. It is late.", ["We may be closer... but not there.", "It is late."]),
]


@pytest.mark.parametrize("source, expected", SPLITS, ids=[case[0][:40] for case in SPLITS])
def test_default_splitter_on_news_cases(source: str, expected: list[str]) -> None:
    assert split_sentences(source) == expected


@pytest.mark.parametrize("source, expected", SPLITS, ids=[case[0][:40] for case in SPLITS])
def test_splitter_trained_on_the_text_agrees(source: str, expected: list[str]) -> None:
    assert split_sentences(source, train_sentence_splitter([source])) == expected


def test_no_is_never_an_abbreviation_nor_a_glued_token() -> None:
    corpus = ["He was No. 1 in May and No. 2 in June. The No. 3 seed lost. No. 4 won."] * 3
    splitter = train_sentence_splitter(corpus)
    assert "no" not in splitter._params.abbrev_types
    assert "no" not in ABBREVIATIONS
    assert "no." not in tokenize("Kirby said no. The deployment is temporary.")
    assert split_sentences("Kirby said no. The deployment is temporary.", splitter) == [
        "Kirby said no.", "The deployment is temporary."]


def test_training_learns_an_abbreviation_the_list_lacks() -> None:
    corpus = ["Ald. Maria Lopez voted no. Ald. Tom Ruiz voted yes, and Ald. Joe Kim abstained.",
              "Ald. Ruiz said the vote was close. Ald. Kim left early."]
    sentence = "The council heard from Ald. Maria Lopez on Monday. She spoke."
    assert split_sentences(sentence) == ["The council heard from Ald.", "Maria Lopez on Monday.", "She spoke."]
    assert split_sentences(sentence, train_sentence_splitter(corpus)) == [
        "The council heard from Ald. Maria Lopez on Monday.", "She spoke."]


def test_corpus_evidence_alone_does_not_split_before_a_capitalized_noun() -> None:
    # "attorney" is lower case elsewhere and never capitalized inside a sentence: in a small
    # corpus that is no evidence that "Attorney" starts one.
    corpus = ["The attorney said so. A new attorney was hired. They met the U.S. Attorney in Boston."]
    assert split_sentences("They met the U.S. Attorney in Boston.", train_sentence_splitter(corpus)) == [
        "They met the U.S. Attorney in Boston."]


def _parameters(splitter: PunktSentenceTokenizer) -> tuple:
    p = splitter._params
    return (sorted(p.abbrev_types), sorted(p.collocations), sorted(p.sent_starters), sorted(p.ortho_context.items()))


def test_training_is_deterministic_and_reads_an_iterable_once() -> None:
    bodies = [article.body for article in load_corpus()]
    first = train_sentence_splitter(bodies)
    again = train_sentence_splitter(iter(bodies))
    assert _parameters(first) == _parameters(again)
    assert isinstance(first, PunktSentenceTokenizer)


def test_fast_punkt_learns_exactly_what_nltk_punkt_learns() -> None:
    texts = [article.body for article in load_corpus()] + [d.text for name in SETS for d in read_set(SETS[name])]
    stock = PunktTrainer()
    stock.train("\n\n".join(texts))
    fast = sentences._Trainer(lang_vars=sentences._LANGUAGE, token_cls=sentences._Token)
    fast.train("\n\n".join(texts))
    expected, found = stock.get_params(), fast.get_params()
    assert (found.abbrev_types, found.collocations, found.sent_starters) == (
        expected.abbrev_types, expected.collocations, expected.sent_starters)
    assert dict(found.ortho_context) == dict(expected.ortho_context)


def test_fast_word_tokenizer_gives_nltks_tokens() -> None:
    sentences = [s for a in load_corpus() for s in split_sentences(a.body)]
    sentences += [s for name in SETS for d in read_set(SETS[name]) for paragraph in d.paragraphs for s in paragraph]
    sentences += ["Don't “quote” me -- (please) [now]: 'twas 3:30... O'Neil's cat?!", 'He said "no" ``twice\'\'.']
    stock = NLTKWordTokenizer()
    assert [text._word_tokenizer().tokenize(s) for s in sentences] == [stock.tokenize(s) for s in sentences]


def test_paragraph_spans() -> None:
    source = "  Headline\n\nFirst line\nwrapped line.\n \t \nLast.\r\n\r\nCRLF paragraph.  \n"
    assert [source[a:b] for a, b in paragraph_spans(source)] == [
        "Headline", "First line\nwrapped line.", "Last.", "CRLF paragraph."]
    assert paragraph_spans("") == [] and paragraph_spans(" \n\n ") == []


def test_sentence_spans_point_into_the_text_and_never_cross_a_paragraph() -> None:
    source = "Troops left the\nU.S. on Monday. They flew east.\n\nNo. 10 said so\n\nIt rained."
    spans = sentence_spans(source)
    assert [source[a:b] for a, b in spans] == [
        "Troops left the\nU.S. on Monday.", "They flew east.", "No. 10 said so", "It rained."]
    paragraphs = paragraph_spans(source)
    assert all(any(p <= a < b <= q for p, q in paragraphs) for a, b in spans)
    assert split_sentences(source) == [source[a:b] for a, b in spans]


def test_default_splitter_is_the_general_one_and_cached() -> None:
    assert default_sentence_splitter() is general_sentence_splitter()
    assert split_sentences("It fell. It rose.", None) == ["It fell.", "It rose."]


def test_abbreviation_file_is_read_and_a_bad_line_is_named(tmp_path: Path) -> None:
    lists = news_abbreviations()
    assert {"u.s", "a.m", "p.m", "sept", "inc", "corp", "jr", "st", "calif", "ky"} <= lists.ends
    assert {"sen", "gov", "gen", "lt", "col", "dr", "mr"} <= lists.never_final
    assert lists.digit_only == {"no"} and not lists.ends & lists.never_final
    bad = tmp_path / "abbreviations.tsv"
    bad.write_text("# header\nU.S.\tplace\tmay\nSen.\ttitle\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"abbreviations.tsv, line 3"):
        news_abbreviations(bad)


def _letters(sentence: str) -> str:
    return re.sub(r"[\W_]+", "", sentence)


def test_seed_articles_split_as_pinned() -> None:
    pinned = json.loads(FIXTURE.read_text(encoding="utf-8"))
    expected = {article: list(sentences) for article, sentences in pinned["articles"].items()}
    for correction in pinned["corrections"]:  # wrong splits of 81dde49 that are fixed
        sentences = expected[correction["article"]]
        index = correction["index"]
        assert sentences[index:index + len(correction["old"])] == correction["old"]
        sentences[index:index + len(correction["old"])] = correction["new"]
    corpus = load_corpus()
    splitter = train_sentence_splitter(a.body for a in corpus)
    found = {a.id: split_sentences(a.body, splitter) for a in corpus}
    assert {k: [_letters(s) for s in v] for k, v in found.items()} == {
        k: [_letters(s) for s in v] for k, v in expected.items()}


@pytest.mark.parametrize("name", ["trained", "default"])
def test_held_out_sentence_boundaries(name: str) -> None:
    documents = read_set(SETS["test"])
    assert sum(len(paragraph) - 1 for d in documents for paragraph in d.paragraphs) >= 200
    splitter = train_sentence_splitter(d.text for d in documents) if name == "trained" else None
    result = score(documents, lambda source: sentence_spans(source, splitter))
    assert result.precision >= 0.98 and result.recall >= 0.98, (result.precision, result.recall)
    # and the old splitter, reproduced, was below the target: the set can tell them apart
    assert score(documents, old_sentence_spans).precision < 0.9


# --- one splitter per corpus, trained by load_corpus ------------------------------------


def _doctors_corpus(folder: Path) -> Path:
    """Three articles in which "Doctors" often starts a sentence, and one "fell ill. Doctors" to split."""
    verbs = ["waited", "slept", "rested", "called", "wrote", "left"]
    for number in range(3):
        sentences = " ".join(f"The patient {verb}. Doctors arrived later. The doctors were busy." for verb in verbs)
        (folder / f"{number:02d}_clinic.txt").write_text(
            f"Headline\n\n{sentences}\n\nThe mayor fell ill. Doctors came at once.\n", encoding="utf-8"
        )
    return folder


def test_load_corpus_trains_the_splitter_its_bodies_use(tmp_path) -> None:
    corpus = load_corpus(_doctors_corpus(tmp_path))
    body = corpus[0].body
    # "Ill." is in the general list (a state), so without the corpus's evidence "ill. Doctors" stays one sentence.
    assert split_sentences(body, general_sentence_splitter())[-1] == "The mayor fell ill. Doctors came at once."
    # The corpus shows "Doctors" starting sentences: its own splitter ends the sentence there.
    assert split_sentences(body)[-2:] == ["The mayor fell ill.", "Doctors came at once."]
    assert sentences.splitter_for(body) is not general_sentence_splitter()
    # A text that is not a body of the corpus (here, one edited) gets the general splitter.
    assert sentences.splitter_for(body + " ") is general_sentence_splitter()


def test_the_splitter_is_trained_once_per_corpus(tmp_path) -> None:
    folder = _doctors_corpus(tmp_path)
    first = sentences.splitter_for(load_corpus(folder)[0].body)
    again = sentences.splitter_for(load_corpus(folder)[1].body)
    assert first is again  # the same trained object: loading again does not retrain


def test_a_body_in_two_loaded_folders_keeps_each_folders_splitter(tmp_path) -> None:
    # Issue 13: the register was keyed by text alone, so the folder loaded last decided for both.
    shared = "Council hears the motion\n\nThe motion came from Ald. Okafor. Council met at dawn.\n"
    first, second = tmp_path / "a", tmp_path / "b"
    first.mkdir(), second.mkdir()
    (first / "01_shared.txt").write_text(shared, encoding="utf-8")
    for number in range(2, 5):  # corpus a teaches Punkt that "Ald." is an abbreviation
        (first / f"0{number}_hall.txt").write_text(
            "Hall thanks its members\n\nMembers thanked Ald. Okafor and Ald. Lind and Ald. Reyes on Monday. It rained.\n",
            encoding="utf-8",
        )
    (second / "01_shared.txt").write_text(shared, encoding="utf-8")
    (second / "02_rain.txt").write_text("Rain keeps visitors away\n\nRain fell all day. Nobody came.\n", encoding="utf-8")
    body_a = load_corpus(first)[0].body
    assert split_sentences(body_a) == ["The motion came from Ald. Okafor.", "Council met at dawn."]
    body_b = load_corpus(second)[0].body
    assert body_a == body_b
    assert split_sentences(body_b) == ["The motion came from Ald.", "Okafor.", "Council met at dawn."]
    assert split_sentences(body_a) == ["The motion came from Ald. Okafor.", "Council met at dawn."]
