"""The Framing Explorer's response times: ``python -m benchmarks.explorer``.

The budgets of the explorer issue (chapter 09), on a 2-core machine:

* construction of ``FramingExplorer(corpus)`` at most 1 s on the five articles;
* time from a control change to updated view data, measured in the kernel
  (setting ``control.value`` runs the observers synchronously, so the clock
  stops when every dependent view holds its new HTML): median at most 50 ms
  and worst at most 150 ms on the five articles, median at most 300 ms on the
  1,000-article synthetic corpus.

Each run builds a fresh explorer (every cache empty) and plays one script of
control changes a student might make (:func:`script`): typing a word letter by
letter, deleting it, a phrase and a term that matches nothing, every source
and several categories, every article, sentences, the pair and the measure,
the minimum-frequency slider dragged up and down, sides and speakers. Each
change is timed on its own; the figures pool every change of ``--repeat``
runs (3 by default).

The synthetic corpus is the one ``benchmarks.keyness`` draws (its generator,
same seed, about 600 tokens an article); its token lists become article
bodies with a sentence every 20 tokens and a paragraph every 5 sentences, so
that sentences and alignments exist. It has no quotation marks, so the
voices controls stay disabled there.

Timings are informational: the exit status is 0 unless something raises.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections.abc import Callable

from benchmarks.keyness import SEED, seed_frequencies, synthetic_corpus
from framelab import Article, load_corpus
from framelab.explorer import FramingExplorer

REPEATS = 3
SYNTHETIC = 1000
SENTENCE = 20  # tokens a sentence in the synthetic bodies
PARAGRAPH = 5  # sentences a paragraph
BUDGETS = {"construction": 1.0, "median": 0.050, "worst": 0.150, "median_synthetic": 0.300}

Change = tuple[str, str, object]  # (what, control attribute, value)


def synthetic_articles(n: int = SYNTHETIC) -> list[Article]:
    """``n`` articles from ``benchmarks.keyness.synthetic_corpus`` (same generator, same seed)."""
    vocabulary, shares = seed_frequencies()
    articles = []
    for label, tokens in synthetic_corpus(n, vocabulary, shares).items():
        sentences = [" ".join(tokens[i : i + SENTENCE]).capitalize() + "." for i in range(0, len(tokens), SENTENCE)]
        body = "\n\n".join(" ".join(sentences[i : i + PARAGRAPH]) for i in range(0, len(sentences), PARAGRAPH))
        articles.append(Article(label, f"{label}.txt", label, "", "", body, body))
    return articles


def script(explorer: FramingExplorer) -> list[Change]:
    """The control changes of one run, chosen from what the explorer offers for its corpus."""
    ids = explorer.tables.ids
    changes: list[Change] = [("type", "term", "troops"[:n]) for n in range(1, 7)]
    changes += [("type", "term", "troops"[:n]) for n in range(5, 0, -1)]
    changes += [("type", "term", "Russian threat"), ("type", "term", "zeppelin"), ("type", "term", "inva*"),
                ("type", "term", "NATO")]
    for source in ("frame", "lexicon"):
        changes.append(("source", "source", source))
        categories = explorer.tables.categories[source]
        changes += [("category", "category", category) for category in categories[1:4] + categories[:1]]
    changes.append(("source", "source", "word"))
    articles = ids[:5] if len(ids) > 5 else ids[1:] + ids[:1]
    for article_id in articles:
        changes.append(("article", "article", article_id))
        count = len(explorer.tables.sentences[article_id])
        changes += [("sentence", "sentence", index) for index in (1, count // 2, count - 1) if 0 < index < count]
    for other in (ids[1], ids[-1], "rest"):
        if len(ids) > 20 and other != "rest":  # beyond 20 articles a list shows what its Find box matches
            changes.append(("find", "find_other", other))
        changes.append(("other", "other", other))
    changes += [("measure", "measure", measure) for measure in ("log_ratio", "log_odds_z", "g2")]
    changes += [("min_freq", "min_freq", value) for value in (4, 5, 6, 8, 10, 6, 2, 1, 3)]
    if not explorer.side.disabled:
        sides = [value for _, value in explorer.side.options]
        for side in sides[1:] + sides[:1]:
            changes.append(("side", "side", side))
        speakers = [value for _, value in explorer.speaker.options]
        changes += [("speaker", "speaker", speaker) for speaker in speakers[1:4] + speakers[:1]]
    return changes


def timed(function: Callable[[], object]) -> float:
    start = time.perf_counter()
    function()
    return time.perf_counter() - start


def _built_and_drawn(corpus: list, holder: list) -> None:
    explorer = FramingExplorer(corpus)
    explorer.refresh()
    holder.append(explorer)


def run(corpus: list, repeats: int) -> tuple[list[float], list[tuple[str, float]]]:
    """(construction times, [(what, seconds) for every control change]) over ``repeats`` fresh explorers."""
    constructions, changes = [], []
    for _ in range(repeats):
        holder: list[FramingExplorer] = []
        # Construction draws nothing; refresh() draws every view, as displaying the explorer does.
        constructions.append(timed(lambda holder=holder: _built_and_drawn(corpus, holder)))
        explorer = holder[0]
        for what, name, value in script(explorer):
            control = getattr(explorer, name)
            if control.value == value:
                continue  # no change, no event
            changes.append((what, timed(lambda control=control, value=value: setattr(control, "value", value))))
    return constructions, changes


def table_rows(name: str, constructions: list[float], changes: list[tuple[str, float]]) -> list[tuple]:
    rows = []
    for what in ["all changes"] + sorted({what for what, _ in changes}):
        times = [seconds for kind, seconds in changes if what == "all changes" or kind == what]
        rows.append((name, what, len(times), statistics.median(times) * 1000, max(times) * 1000))
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=REPEATS, help="fresh explorers per corpus (default 3)")
    parser.add_argument("--synthetic", type=int, default=SYNTHETIC, help="articles in the synthetic corpus (0: skip)")
    options = parser.parse_args(argv)

    seeds = load_corpus()
    FramingExplorer(seeds)  # warm-up: imports, lexicon files, tokenizers
    seed_build, seed_changes = run(seeds, options.repeat)
    results = [("five articles", seed_build, seed_changes)]
    if options.synthetic:
        synthetic = synthetic_articles(options.synthetic)
        synthetic_build, synthetic_changes = run(synthetic, 1)
        results.append((f"{options.synthetic:,} synthetic", synthetic_build, synthetic_changes))

    print("Framing Explorer: time from a control change to updated view data (in the kernel, no browser), "
          f"fresh explorer each run, {options.repeat} run(s) on the five articles, 1 on the synthetic corpus "
          f"(benchmarks.keyness generator, seed {SEED}).\n")
    header = f"{'corpus':<16}  {'construction s':>14}"
    print(header)
    print("-" * len(header))
    for name, build, _ in results:
        print(f"{name:<16}  {statistics.median(build):>14.3f}")
    print()
    header = f"{'corpus':<16}  {'control':<12}  {'changes':>7}  {'median ms':>9}  {'worst ms':>8}"
    print(header)
    print("-" * len(header))
    for name, build, changes in results:
        for row in table_rows(name, build, changes):
            print(f"{row[0]:<16}  {row[1]:<12}  {row[2]:>7}  {row[3]:>9.1f}  {row[4]:>8.1f}")
    print()

    times = [seconds for _, seconds in seed_changes]
    checks = [
        ("construction, five articles", statistics.median(seed_build), BUDGETS["construction"], "s"),
        ("median change, five articles", statistics.median(times), BUDGETS["median"], "ms"),
        ("worst change, five articles", max(times), BUDGETS["worst"], "ms"),
    ]
    if options.synthetic:
        synthetic_times = [seconds for _, seconds in results[1][2]]
        checks.append((f"median change, {options.synthetic:,} synthetic", statistics.median(synthetic_times),
                       BUDGETS["median_synthetic"], "ms"))
    for what, value, budget, unit in checks:
        scale = 1000 if unit == "ms" else 1
        verdict = "within" if value <= budget else "OVER"
        shown = f"{value * scale:.1f}" if unit == "ms" else f"{value:.3f}"
        print(f"Budget: {what} {shown} {unit}, {verdict} the {budget * scale:g} {unit} budget.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
