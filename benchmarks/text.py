"""Sentences and tokens, old path against new: ``python -m benchmarks.text``.

The workload of issue 11 ("Performance"): ``load_corpus`` + sentence
splitting + tokenizing, on the five seed articles and on 1,000 synthetic
articles, timed two ways in the same run:

* old: the splitter and tokenizer of framelab 81dde49, reproduced below as
  they were (blank-line paragraphs, an untrained Punkt told 15
  abbreviations, ``NLTKWordTokenizer`` with its per-sentence cache);
* new: :func:`framelab.text.train_sentence_splitter` once per corpus (or the
  splitter ``load_corpus`` already attached to the articles, when it does),
  then :func:`framelab.text.split_sentences` and
  :func:`framelab.text.tokenize_sentence`.

Both paths call the same, current ``load_corpus``. Budget: new <= 1.1x old.
Every figure is the median of ``--repeat`` runs (3 by default; at least 25
for the five articles, whose runs are short), old and new
alternating so a busy machine slows both alike; every cache is emptied before
each run. The synthetic corpus is drawn with a fixed seed from the seed
articles' word tokens (``framelab.words``, case kept: "U.S.", "Kirby",
"3,000"; no sentence full stop stays glued to a word, or Punkt would learn
such words as abbreviations), in sentences as long as the seeds', one to
three to a paragraph, about 600 words an article, written as .txt files to a
temporary folder that ``load_corpus`` reads.
Timings are informational: the exit status is 0 unless something raises.
"""

from __future__ import annotations

import argparse
import random
import re
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path
from unittest import mock

from nltk.tokenize import NLTKWordTokenizer
from nltk.tokenize.punkt import PunktParameters, PunktSentenceTokenizer

import framelab
from framelab import sentences as framelab_sentences
from framelab import text as framelab_text
from framelab.corpus import load_corpus

SEED = 2022
SYNTHETIC = 1000
REPEATS = 3
SEED_REPEATS = 25  # the five articles take ~40 ms a run: more runs, a steadier median
BUDGET = 1.1  # new / old


# --- the old path, as in framelab 81dde49 ------------------------------------------

_OLD_ABBREVIATIONS = {"u.s", "u.k", "u.n", "gen", "sec", "lt", "col", "mr", "mrs", "ms", "dr", "st", "jan", "feb", "no"}
_APOSTROPHE = re.compile(r"(?<=\w)[’‘](?=\w)")
_DOUBLE_QUOTES = {"“", "”", "``", "''", '"', "„"}
_SINGLE_QUOTES = {"‘", "’"}


def old_tools() -> tuple[Callable[[str], list[str]], Callable[[str], tuple[str, ...]]]:
    """Fresh (splitter, tokenizer) of the old path, with an empty token cache."""
    parameters = PunktParameters()
    parameters.abbrev_types = set(_OLD_ABBREVIATIONS)
    splitter = PunktSentenceTokenizer(parameters)
    words = NLTKWordTokenizer()

    def split_sentences(text: str) -> list[str]:
        return [s for p in re.split(r"\n\s*\n", text) if p.strip() for s in splitter.tokenize(p.strip())]

    @lru_cache(maxsize=8192)
    def tokenize_sentence(sentence: str) -> tuple[str, ...]:
        tokens = words.tokenize(_APOSTROPHE.sub("'", sentence))
        return tuple('"' if t in _DOUBLE_QUOTES else "'" if t in _SINGLE_QUOTES else t for t in tokens)

    return split_sentences, tokenize_sentence


def old_path(folder: Path | None) -> dict[str, float]:
    split_sentences, tokenize_sentence = old_tools()
    start = time.perf_counter()
    # The old load_corpus: no typography step, no splitter trained for the corpus.
    with mock.patch("framelab.corpus.normalize", lambda text: text), mock.patch(
        "framelab.corpus.register_corpus", lambda texts: None
    ):
        corpus = load_corpus(folder)
    loaded = time.perf_counter()
    tokens = sum(len(tokenize_sentence(s)) for a in corpus for s in split_sentences(a.body))
    done = time.perf_counter()
    return {"load": loaded - start, "train": 0.0, "split+tokenize": done - loaded, "total": done - start,
            "tokens": tokens}  # fmt: skip


# --- the new path ------------------------------------------------------------------


def _clear_caches() -> None:
    for function in (framelab_text._sentence_tokens, framelab_sentences._punkt_type,
                     framelab_text.general_sentence_splitter, framelab_sentences.news_abbreviations,
                     framelab_sentences._trained_for):  # fmt: skip
        function.cache_clear()
    framelab_sentences._REGISTER.clear()


_TRAINING = [0.0]


def _timed_register(texts):
    began = time.perf_counter()
    splitter = framelab_sentences.register_corpus(texts)
    _TRAINING[0] = time.perf_counter() - began
    return splitter


def new_path(folder: Path | None) -> dict[str, float]:
    _clear_caches()
    _TRAINING[0] = 0.0
    start = time.perf_counter()
    # load_corpus normalizes every article and trains the corpus's splitter, once.
    with mock.patch("framelab.corpus.register_corpus", _timed_register):
        corpus = load_corpus(folder)
    loaded = time.perf_counter()
    trained = loaded
    tokens = sum(len(framelab_text.tokenize_sentence(s)) for a in corpus for s in framelab_text.split_sentences(a.body))
    done = time.perf_counter()
    return {"load": loaded - start - _TRAINING[0], "train": _TRAINING[0], "split+tokenize": done - trained,
            "total": done - start, "tokens": tokens}  # fmt: skip


# --- the synthetic corpus ------------------------------------------------------------


def synthetic_articles(n: int, seed: int = SEED) -> list[str]:
    """``n`` article texts (headline line, blank line, paragraphs), the same for the same seed."""
    corpus = framelab.load_corpus()
    vocabulary = [word for article in corpus for word in framelab.words(article.body)]
    sentence_lengths = [len(s.split()) for a in corpus for s in framelab_text.split_sentences(a.body)]
    rng = random.Random(seed)
    articles = []
    for _ in range(n):
        paragraphs, words = [], 0
        while words < 600:
            sentences = []
            for _ in range(rng.randint(1, 3)):
                length = rng.choice(sentence_lengths)
                chosen = [rng.choice(vocabulary) for _ in range(length)]
                chosen[0] = chosen[0][:1].upper() + chosen[0][1:]
                sentences.append(" ".join(chosen) + ".")
                words += length
            paragraphs.append(" ".join(sentences))
        headline = " ".join(rng.choice(vocabulary) for _ in range(8)).strip(".,")
        articles.append(headline + "\n\n" + "\n\n".join(paragraphs) + "\n")
    return articles


def write_corpus(articles: list[str], folder: Path) -> Path:
    for index, article in enumerate(articles):
        (folder / f"{index:04d}_synthetic.txt").write_text(article, encoding="utf-8")
    return folder


# --- report --------------------------------------------------------------------------


def measure(folder: Path | None, repeats: int) -> tuple[dict[str, float], dict[str, float]]:
    """Median figures of the old and the new path, run alternately ``repeats`` times."""
    old_runs, new_runs = [], []
    for _ in range(repeats):
        old_runs.append(old_path(folder))
        new_runs.append(new_path(folder))
    median = lambda runs: {key: statistics.median(run[key] for run in runs) for key in runs[0]}  # noqa: E731
    return median(old_runs), median(new_runs)


def report(name: str, old: dict[str, float], new: dict[str, float]) -> str:
    ratio = new["total"] / old["total"]
    verdict = "ok" if ratio <= BUDGET else "over"
    lines = [f"{name}: new/old = {ratio:.2f}x (target <= {BUDGET}x): {verdict}",
             f"  {'seconds':16} {'old':>8} {'new':>8}"]  # fmt: skip
    for key in ("load", "train", "split+tokenize", "total"):
        lines.append(f"  {key:16} {old[key]:8.3f} {new[key]:8.3f}")
    lines.append(f"  {'tokens':16} {old['tokens']:8.0f} {new['tokens']:8.0f}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.text", description=__doc__.split("\n")[0])
    parser.add_argument("--repeat", type=int, default=REPEATS, help="runs per figure (median reported)")
    parser.add_argument("--articles", type=int, default=SYNTHETIC, help="synthetic articles")
    options = parser.parse_args(argv)
    if options.repeat < 1 or options.articles < 1:
        parser.error("--repeat and --articles must be at least 1")
    print(f"Sentences and tokens, old path (framelab 81dde49) vs new (trained Punkt); median of "
          f"{max(options.repeat, SEED_REPEATS)} runs (five articles) and {options.repeat} (synthetic); "
          f"Python {sys.version.split()[0]}.\n")  # fmt: skip
    old, new = measure(None, max(options.repeat, SEED_REPEATS))
    print(report("five seed articles", old, new) + "\n")
    with tempfile.TemporaryDirectory(prefix="framelab-bench-text-") as folder:
        write_corpus(synthetic_articles(options.articles), Path(folder))
        old, new = measure(Path(folder), options.repeat)
    print(report(f"{options.articles:,} synthetic articles", old, new))
    print("\nTimings are informational.")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
