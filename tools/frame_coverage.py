"""Frame lexicon coverage and check-set figures: ``python -m tools.frame_coverage [--dev-only]``.

Two measures of ``framelab.frames.frame_lexicon()`` (issue 13, item 4):

* **Coverage**: lexicon matches per 1,000 word tokens, per dimension, over a whole corpus (all matches
  of the corpus divided by all its words), for the five seed articles, ``framelab/data/attribution_heldout/dev``
  (development) and ``framelab/data/attribution_heldout/test`` (held out; its texts were not read while the
  lexicon was written). Coverage says how much of a text the lexicon sees, not whether it sees it right.
* **Check set**: ``tests/data/frames/{dev,test}.tsv``, short sentences labelled with the dimension(s) a
  reader would say they evoke, written before the general lexicon. Per dimension, the **hit rate** is the
  share of sentences labelled with it that hold at least one of its terms; the **false-dimension rate**
  is the share of sentences where the lexicon finds it that are not labelled with it. The row ``all``
  pools the (sentence, dimension) pairs of every dimension.

``--dev-only`` leaves out the held-out columns, for use while tuning on the development texts.
"""

from __future__ import annotations

import argparse
from collections.abc import Mapping
from pathlib import Path

import pandas as pd

from framelab import load_corpus
from framelab.frames import CODEBOOK, FramesError, frame_lexicon, match_terms, term_matches, word_counts
from framelab.text import sentence_words

ROOT = Path(__file__).resolve().parent.parent
ATTRIBUTION = ROOT / "framelab" / "data" / "attribution_heldout"
CHECK_SETS = ROOT / "tests" / "data" / "frames"
CHECK_COLUMNS = ["sentences", "hits", "hit_rate", "found", "false", "false_rate"]


def read_check_set(path: str | Path) -> list[tuple[frozenset[str], str]]:
    """``(labels, sentence)`` rows of a check-set file ``dimension|dimension<TAB>sentence``; ``#`` lines skipped.

    Raises FramesError with the file and line for a row without a tab or with a label outside the codebook.

    >>> read_check_set(CHECK_SETS / "dev.tsv")[0]
    (frozenset({'Economic'}), 'The factory closure will cost the town about 400 jobs and millions in lost tax revenue.')
    """
    rows = []
    for number, line in enumerate(Path(path).read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip() or line.startswith("#"):
            continue
        labels, tab, sentence = line.partition("\t")
        names = frozenset(label.strip() for label in labels.split("|"))
        if not tab or not sentence.strip() or not names <= set(CODEBOOK):
            raise FramesError(f"{path}, line {number}: write 'dimension|dimension<TAB>sentence' with codebook names.")
        rows.append((names, sentence.strip()))
    return rows


def score_check_set(rows: list[tuple[frozenset[str], str]], lexicon: Mapping[str, str]) -> pd.DataFrame:
    """Hit and false-dimension rates per dimension (index: the 15 codebook names, then ``all``).

    Columns: ``sentences`` labelled with the dimension, ``hits`` among them (≥ 1 term of it found),
    ``hit_rate`` = hits / sentences, ``found`` (sentences where the lexicon finds it), ``false`` (found
    but not labelled), ``false_rate`` = false / found (0 when nothing is found).

    >>> rows = [(frozenset({"Economic"}), "Prices rose."), (frozenset({"Political"}), "Prices fell.")]
    >>> score_check_set(rows, {"prices": "Economic"}).loc[["Economic", "all"], ["hit_rate", "false_rate"]]
              hit_rate  false_rate
    Economic       1.0         0.5
    all            0.5         0.5
    """
    counts = {name: [0, 0, 0, 0] for name in CODEBOOK}  # labelled, hits, found, false
    for labels, sentence in rows:
        found = {category for _, _, category in match_terms(sentence_words(sentence), lexicon)}
        for name in CODEBOOK:
            counts[name][0] += name in labels
            counts[name][1] += name in labels and name in found
            counts[name][2] += name in found
            counts[name][3] += name in found and name not in labels
    counts["all"] = [sum(values[i] for values in list(counts.values())) for i in range(4)]
    table = pd.DataFrame(
        [
            (labelled, hits, hits / labelled if labelled else 0.0, found, false, false / found if found else 0.0)
            for labelled, hits, found, false in counts.values()
        ],
        index=list(counts),
        columns=CHECK_COLUMNS,
    )
    return table


def coverage(corpus: list, lexicon: Mapping[str, str]) -> pd.Series:
    """Matches per 1,000 word tokens of the whole corpus, per codebook dimension, then ``all``.

    >>> from framelab import Article
    >>> text = "Prices rose. Talks failed."
    >>> float(coverage([Article("a", "a.txt", "", "", "", text, text)], {"prices": "Economic"})["Economic"])
    250.0
    """
    matches = term_matches(corpus, lexicon)
    total = int(word_counts(corpus).sum())
    per = matches["category"].value_counts().reindex(list(CODEBOOK), fill_value=0) * 1000 / total
    return pd.concat([per, pd.Series({"all": len(matches) * 1000 / total})]).astype("float64")


def report(dev_only: bool = False) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The coverage table (dimensions × corpora) and the check-set table (dimensions × half and measure)."""
    lexicon = frame_lexicon(ROOT / "seeds")
    corpora = {"seeds": load_corpus(ROOT / "seeds"), "attribution/dev": load_corpus(ATTRIBUTION / "dev")}
    halves = ["dev"]
    if not dev_only:
        corpora["attribution/test"] = load_corpus(ATTRIBUTION / "test")
        halves.append("test")
    cover = pd.DataFrame({name: coverage(corpus, lexicon) for name, corpus in corpora.items()})
    checks = pd.concat(
        {half: score_check_set(read_check_set(CHECK_SETS / f"{half}.tsv"), lexicon)[["sentences", "hit_rate", "false_rate"]]
         for half in halves},
        axis=1,
    )
    return cover, checks


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dev-only", action="store_true", help="leave out the held-out test columns")
    arguments = parser.parse_args(argv)
    cover, checks = report(arguments.dev_only)
    pd.set_option("display.width", 200)
    print("Frame matches per 1,000 words (whole corpus)\n")
    print(cover.round(1).to_string())
    print("\nCheck set: hit rate (labelled sentences with ≥ 1 term of the dimension), false-dimension rate\n")
    print(checks.round(2).to_string())


if __name__ == "__main__":
    main()
