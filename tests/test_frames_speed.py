"""framelab.frames' indexed matching gives exactly what the first, slower implementation gave.

The reference below is frames.py as it was before issue 13 item 6 (one lexicon index built per
sentence, every term length tried at every position). Correctness only: timings are in
benchmarks/scale.py, never asserted here.
"""

from __future__ import annotations

import importlib.util
import random
from collections.abc import Mapping, Sequence
from pathlib import Path

import pandas as pd
import pytest

from framelab import load_corpus
from framelab.frames import (
    PER,
    frame_lexicon,
    frame_profiles,
    frame_sentences,
    hedge_lexicon,
    hedge_rates,
    match_terms,
    term_matches,
    word_counts,
)
from framelab.text import sentence_words, split_sentences

ROOT = Path(__file__).resolve().parent.parent


# --- the reference: the implementation before indexing ---------------------------------------


def reference_match(tokens: Sequence[str], lexicon: Mapping[str, str]) -> list[tuple[int, str, str]]:
    by_length: dict[int, dict[tuple[str, ...], tuple[str, str]]] = {}
    for term, category in lexicon.items():
        key = tuple(term.lower().split())
        by_length.setdefault(len(key), {})[key] = (" ".join(key), category)
    lengths = sorted(by_length, reverse=True)
    found, position = [], 0
    while position < len(tokens):
        for length in lengths:
            hit = by_length[length].get(tuple(tokens[position : position + length]))
            if hit is not None:
                found.append((position, hit[0], hit[1]))
                position += length
                break
        else:
            position += 1
    return found


def reference_sentences(article) -> list[tuple[str, list[str]]]:
    return [(sentence, sentence_words(sentence)) for sentence in split_sentences(article.body)]


def reference_term_matches(corpus, lexicon) -> pd.DataFrame:
    rows = [
        (article.id, index, position, term, category)
        for article in corpus
        for index, (_, tokens) in enumerate(reference_sentences(article))
        for position, term, category in reference_match(tokens, lexicon)
    ]
    return pd.DataFrame(rows, columns=["article", "sentence", "position", "term", "category"])


def reference_word_counts(corpus) -> pd.Series:
    counts = [sum(len(tokens) for _, tokens in reference_sentences(article)) for article in corpus]
    return pd.Series(counts, index=pd.Index([a.id for a in corpus], name="article"), name="words", dtype="int64")


def reference_rates(corpus, lexicon, columns) -> pd.DataFrame:
    matches = reference_term_matches(corpus, lexicon)
    counts = (
        pd.crosstab(matches["article"], matches["category"])
        .reindex(index=[a.id for a in corpus], columns=columns, fill_value=0)
        .astype("float64")
    )
    table = counts.mul(PER).div(reference_word_counts(corpus), axis=0)
    table.index.name = "article"
    table.columns.name = None
    return table


def reference_frame_sentences(corpus, dimension, lexicon) -> pd.DataFrame:
    wanted = {term: category for term, category in lexicon.items() if category == dimension}
    rows = []
    for article in corpus:
        for index, (sentence, tokens) in enumerate(reference_sentences(article)):
            terms = [term for _, term, category in reference_match(tokens, lexicon) if term in wanted]
            if terms:
                rows.append((article.id, index, sentence, ", ".join(terms)))
    return pd.DataFrame(rows, columns=["article", "sentence", "text", "terms"])


# --- corpora ---------------------------------------------------------------------------------


def synthetic_corpus(folder: Path, n: int = 12):
    spec = importlib.util.spec_from_file_location("benchmarks_scale", ROOT / "benchmarks" / "scale.py")
    scale = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(scale)
    return load_corpus(scale.write_corpus(scale.synthetic_texts(n, seed=scale.SEED + 13), folder))


@pytest.fixture(scope="module", params=["seeds", "second_corpus", "synthetic"])
def corpus(request, tmp_path_factory):
    if request.param == "seeds":
        return load_corpus()
    if request.param == "second_corpus":
        return load_corpus(ROOT / "tests" / "data" / "second_corpus")
    return synthetic_corpus(tmp_path_factory.mktemp("synthetic"))


def test_term_matches_and_word_counts_are_the_reference_ones(corpus) -> None:
    expected = reference_term_matches(corpus, frame_lexicon())
    assert len(expected) > 0
    pd.testing.assert_frame_equal(term_matches(corpus), expected, check_exact=True)
    pd.testing.assert_series_equal(word_counts(corpus), reference_word_counts(corpus), check_exact=True)


def test_frame_profiles_and_hedge_rates_are_the_reference_ones(corpus) -> None:
    lexicon = frame_lexicon()
    expected = reference_rates(corpus, lexicon, sorted(set(lexicon.values())))
    assert expected.to_numpy().sum() > 0
    pd.testing.assert_frame_equal(frame_profiles(corpus), expected, check_exact=True)
    hedges = reference_rates(corpus, hedge_lexicon(), ["hedge", "booster"])
    hedges = hedges.rename(columns={"hedge": "hedges", "booster": "boosters"})
    pd.testing.assert_frame_equal(hedge_rates(corpus), hedges, check_exact=True)


def test_frame_sentences_are_the_reference_ones_for_every_dimension(corpus) -> None:
    lexicon = frame_lexicon()
    found = 0
    for dimension in sorted(set(lexicon.values())):
        expected = reference_frame_sentences(corpus, dimension, lexicon)
        found += len(expected)
        pd.testing.assert_frame_equal(frame_sentences(corpus, dimension), expected, check_exact=True)
    for dimension in ("hedge", "booster"):
        expected = reference_frame_sentences(corpus, dimension, hedge_lexicon())
        pd.testing.assert_frame_equal(
            frame_sentences(corpus, dimension, lexicon=hedge_lexicon()), expected, check_exact=True
        )
    assert found > 0


def test_match_terms_is_the_reference_on_random_tokens_and_lexicons() -> None:
    """Overlapping phrases, a phrase that is the start of a longer one, and terms that differ only in case
    (the later entry wins): the cases where indexing by first token could go wrong."""
    rng = random.Random(13)
    vocabulary = "a b c d e according to will nuclear weapons".split()
    for _ in range(400):
        lexicon = {}
        for _ in range(rng.randint(1, 12)):
            term = " ".join(rng.choice(vocabulary) for _ in range(rng.randint(1, 4)))
            lexicon[term.upper() if rng.random() < 0.2 else term] = rng.choice("XYZ")
        tokens = [rng.choice(vocabulary) for _ in range(rng.randint(0, 40))]
        assert match_terms(tokens, lexicon) == reference_match(tokens, lexicon), (tokens, lexicon)


def test_a_later_entry_of_the_same_words_wins_as_before() -> None:
    lexicon = {"Nuclear Weapons": "X", "nuclear weapons": "Y", "nuclear": "Z"}
    assert match_terms(["nuclear", "weapons", "nuclear"], lexicon) == [
        (0, "nuclear weapons", "Y"), (2, "nuclear", "Z")
    ]
