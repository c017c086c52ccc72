"""The scale benchmark's synthetic corpus, and indexed reuse on it (correctness only; timings are in
benchmarks/scale.py, never asserted here)."""

from __future__ import annotations

import importlib.util
import random
import re
import tempfile
from pathlib import Path

import pandas as pd
import pytest
from test_reuse_index import brute_align, brute_quote_variants

import framelab
from framelab.reuse import align_sentences, quote_variants

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def scale():
    spec = importlib.util.spec_from_file_location("benchmarks_scale", ROOT / "benchmarks" / "scale.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def texts(scale):
    return scale.synthetic_texts(12)


def test_the_synthetic_corpus_is_the_same_for_the_same_seed(scale, texts) -> None:
    assert scale.synthetic_texts(12) == texts
    assert scale.synthetic_texts(12, seed=scale.SEED + 1) != texts


def test_synthetic_articles_are_news_length_with_shared_and_quoted_sentences(scale, texts) -> None:
    for text in texts:
        headline, _, body = text.partition("\n\n")
        assert headline and "\n" not in headline
        assert scale.WORDS[0] <= len(body.split()) <= scale.WORDS[1] + 3 * 60  # a paragraph may overshoot
    sentences = [s for text in texts for s in re.split(r"(?<=\.)\s+", text.partition("\n\n")[2])]
    assert len(sentences) > len(set(sentences))  # some sentences are shared verbatim
    assert sum("“" in text for text in texts) == len(texts)  # every article quotes someone


def test_indexed_reuse_equals_the_brute_force_on_the_synthetic_corpus(scale, texts) -> None:
    with tempfile.TemporaryDirectory() as folder:
        corpus = framelab.load_corpus(scale.write_corpus(texts, Path(folder)))
    sentences = {article.id: framelab.split_sentences(article.body) for article in corpus}
    alignment = align_sentences(sentences)
    assert (alignment.kind != "unique").any()
    pd.testing.assert_frame_equal(alignment, brute_align(sentences), check_exact=True)
    bodies = {article.id: article.body for article in corpus}
    variants = quote_variants(bodies)
    assert len(variants) > 0
    pd.testing.assert_frame_equal(variants, brute_quote_variants(bodies), check_exact=True)


def test_the_big_article_is_one_body_of_the_size_asked(scale) -> None:
    text = scale.big_article(60_000)
    assert len(text) >= 60_000 and not text.startswith("\n")
    assert framelab.paragraph_spans(text)


def test_unmatched_marks_are_those_outside_every_quotation() -> None:
    """quotemarks.quotation_marks (voices' mark finder) finds the quotation holding a stray mark by bisection (a 5 MB text has
    thousands of quotations); the answer is the all-pairs one."""
    from framelab import quotemarks

    rng = random.Random(5)
    alphabet = ["“", "”", '"', " ", "a", "\n", "\n\n", ".", "("]
    strays = 0
    for _ in range(3000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 40)))
        paragraphs = framelab.paragraph_spans(text)
        curly, loose_curly = quotemarks._curly_pairs(text, paragraphs)
        straight, loose_straight = quotemarks._straight_pairs(text, paragraphs)
        top, unmatched = quotemarks.quotation_marks(text)
        expected = sorted(o for o in loose_curly + loose_straight if not any(m[0] < o < m[-1] for m in top))
        assert unmatched == expected, repr(text)
        strays += len(loose_curly + loose_straight) - len(expected)
    assert strays > 100  # some stray marks were inside a quotation and had to be dropped
