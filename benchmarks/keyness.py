"""Keyness and TF-IDF similarity on 10, 100 and 1,000 articles: ``python -m benchmarks.keyness``.

The workload of issue 3 ("Performance"): on a synthetic corpus of N articles
of about 600 tokens each, one-vs-rest keyness (G², log ratio, log-odds z) for
every article, plus the full pairwise TF-IDF cosine matrix, both with
``framelab.compare`` (numpy over one document x term matrix). Budget: at most
2 s for N = 1,000 on 2 cores, imports excluded, memory under 1 GB.

The synthetic corpus is drawn with a fixed seed from the vocabulary of the
five seed articles (``framelab.words(body, lower=True)``): each article gets
its own word distribution, a Dirichlet draw around the pooled seed
frequencies (so articles differ in topic as real ones do), and 550-650 tokens
sampled from it.

For scale, the naive route is timed too: NLTK's ``TextCollection.tf_idf``
called for every (article, term) pair, on ``nltk.Text`` objects as in the
NLTK book. Running it in full would take minutes, so it is *estimated*: the
idf of a random sample of terms (each computed once, then cached by NLTK) and
the tf of every term in a sample of articles are timed and scaled up to all
terms and all articles. It does not even include the cosine step.

Memory: "peak traced" is the largest amount of memory allocated at once
during one run of the workload, measured with ``tracemalloc`` in a separate,
untimed run (numpy reports its arrays to tracemalloc); "peak RSS" is the
whole process's peak resident set size from ``resource.getrusage``
(``ru_maxrss``), interpreter and libraries included.

Correctness at scale: after timing, each size's one-vs-rest table is checked
for the property of issue 11 (the sign of ``log_ratio`` equals the sign of the
exact rate difference, target minus reference, on every row); the count of
rows that disagree is printed and should be 0.

Timings are informational: the exit status is 0 unless something raises.
"""

from __future__ import annotations

import argparse
import random
import resource
import statistics
import sys
import time
import tracemalloc
from collections import Counter
from collections.abc import Callable

import numpy as np
from nltk.text import Text, TextCollection

import framelab
from framelab.compare import one_vs_rest, similarity_matrix

SEED = 2022
SIZES = (10, 100, 1000)
REPEATS = 3
TOKENS = (550, 650)  # article length range, tokens (about 600)
CONCENTRATION = 300.0  # Dirichlet concentration around the seed frequencies
BUDGET = 2.0  # seconds for N = 1,000
NAIVE_TERMS = 40  # idf sample (terms)
NAIVE_ARTICLES = 10  # tf sample (articles; every term of the vocabulary)


def seed_frequencies() -> tuple[list[str], np.ndarray]:
    """The five seed articles' vocabulary (sorted) and each word's share of all tokens."""
    pooled = Counter(word for article in framelab.load_corpus() for word in framelab.words(article.body, lower=True))
    vocabulary = sorted(pooled)
    counts = np.array([pooled[word] for word in vocabulary], dtype=float)
    return vocabulary, counts / counts.sum()


def synthetic_corpus(n: int, vocabulary: list[str], shares: np.ndarray, seed: int = SEED) -> dict[str, list[str]]:
    """``n`` articles, label -> tokens, drawn reproducibly (same seed, same corpus)."""
    rng = np.random.default_rng(seed)
    words = np.asarray(vocabulary, dtype=object)
    width = len(str(n - 1))
    corpus = {}
    for index in range(n):
        distribution = rng.dirichlet(shares * CONCENTRATION + 1e-3)
        length = int(rng.integers(TOKENS[0], TOKENS[1] + 1))
        corpus[f"s{index:0{width}d}"] = list(words[rng.choice(len(words), size=length, p=distribution)])
    return corpus


def workload(counts: dict[str, Counter]) -> tuple[int, int]:
    """What the budget is about: one-vs-rest keyness for every article + the TF-IDF cosine matrix."""
    table = one_vs_rest(counts)
    similarity = similarity_matrix(counts, method="cosine")
    return len(table), similarity.shape[0]


def log_ratio_sign_disagreements(counts: dict[str, Counter]) -> int:
    """Rows of ``one_vs_rest(counts)`` whose log ratio has another sign than target rate - reference rate.

    The rate difference's sign is that of a * n_reference - b * n_target, exact in
    integers (numpy int64), so the check does not depend on floating-point rounding.
    """
    table = one_vs_rest(counts)
    sizes = {label: sum(c.values()) for label, c in counts.items()}
    n_target = table["article"].map(sizes).to_numpy(dtype=np.int64)
    n_reference = sum(sizes.values()) - n_target
    a = table["count_target"].to_numpy(dtype=np.int64)
    b = table["count_reference"].to_numpy(dtype=np.int64)
    expected = np.sign(a * n_reference - b * n_target)
    return int(np.count_nonzero(np.sign(table["log_ratio"].to_numpy()) != expected))


def median_seconds(function: Callable[[], object], repeats: int = REPEATS) -> float:
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        function()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def traced_peak_mib(function: Callable[[], object]) -> float:
    tracemalloc.start()
    try:
        function()
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    return peak / 2**20


def naive_tfidf_estimate(tokens: dict[str, list[str]], seed: int = SEED) -> float:
    """Estimated seconds for ``TextCollection.tf_idf`` over every (article, term) pair.

    idf(term) scans the collection once per term (then NLTK caches it): timed on
    a sample of terms. tf(term, text) counts the term in one text: timed for every
    term of the vocabulary in a sample of articles. Total = terms x idf time +
    articles x terms x tf time.
    """
    texts = [Text(words) for words in tokens.values()]
    collection = TextCollection(texts)
    vocabulary = sorted({word for words in tokens.values() for word in words})
    sample = random.Random(seed)
    idf_terms = sample.sample(vocabulary, min(NAIVE_TERMS, len(vocabulary)))
    start = time.perf_counter()
    for term in idf_terms:
        collection.idf(term)
    idf_each = (time.perf_counter() - start) / len(idf_terms)
    tf_texts = sample.sample(texts, min(NAIVE_ARTICLES, len(texts)))
    start = time.perf_counter()
    for text in tf_texts:
        for term in vocabulary:
            collection.tf(term, text)
    tf_each = (time.perf_counter() - start) / (len(tf_texts) * len(vocabulary))
    return len(vocabulary) * idf_each + len(texts) * len(vocabulary) * tf_each


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sizes", nargs="*", type=int, default=list(SIZES), help="numbers of articles (default: 10 100 1000)")
    parser.add_argument("--repeat", type=int, default=REPEATS, help="timed runs per size; the median is reported")
    parser.add_argument("--no-naive", action="store_true", help="skip the NLTK TextCollection estimate")
    options = parser.parse_args(argv)

    vocabulary, shares = seed_frequencies()
    print(f"Synthetic corpora from the seeds' vocabulary ({len(vocabulary)} words), seed {SEED}, "
          f"{TOKENS[0]}-{TOKENS[1]} tokens an article.")
    print(f"Workload: framelab.compare.one_vs_rest (G², log ratio, log-odds z, p) for every article "
          f"+ similarity_matrix (TF-IDF cosine), median of {options.repeat} runs, imports excluded.\n")

    header = (f"{'articles':>8}  {'tokens':>8}  {'terms':>5}  {'keyness rows':>12}  {'vectorised s':>12}  "
              f"{'peak traced MiB':>15}  {'NLTK tf_idf loop s (est.)':>25}  {'speed-up':>8}")
    print(header)
    print("-" * len(header))
    results = []
    disagreements = []
    for n in options.sizes:
        tokens = synthetic_corpus(n, vocabulary, shares)
        counts = {label: Counter(words) for label, words in tokens.items()}
        rows, _ = workload(counts)  # warm-up, and the size of the result
        seconds = median_seconds(lambda counts=counts: workload(counts), options.repeat)
        peak = traced_peak_mib(lambda counts=counts: workload(counts))
        naive = None if options.no_naive else naive_tfidf_estimate(tokens)
        terms = len({word for words in tokens.values() for word in words})
        naive_text = "—" if naive is None else f"{naive:,.1f}"
        speed_up = "—" if naive is None else f"{naive / seconds:,.0f}x"
        print(f"{n:>8,}  {sum(map(len, tokens.values())):>8,}  {terms:>5}  {rows:>12,}  {seconds:>12.3f}  "
              f"{peak:>15.1f}  {naive_text:>25}  {speed_up:>8}")
        results.append((n, seconds))
        disagreements.append((n, rows, log_ratio_sign_disagreements(counts)))

    rss_mib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux
    print(f"\nPeak RSS of this process (resource.getrusage ru_maxrss, everything included): {rss_mib:,.0f} MiB")
    print("'NLTK tf_idf loop' is an EXTRAPOLATION, not a full run: TextCollection.idf timed on "
          f"{NAIVE_TERMS} random terms and TextCollection.tf on every term of {NAIVE_ARTICLES} articles "
          "(nltk.Text objects), scaled to every (article, term) pair; it leaves out the cosine step.")
    for n, rows, wrong in disagreements:
        print(f"Log ratio sign (issue 11): {wrong:,} of {rows:,} one-vs-rest rows at {n:,} articles point "
              "against the rates" + (" — OK" if wrong == 0 else " — WRONG"))
    for n, seconds in results:
        if n == 1000:
            verdict = "within" if seconds <= BUDGET else "OVER"
            print(f"Budget: 1,000 articles in {seconds:.3f} s, {verdict} the {BUDGET:.0f} s budget.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
