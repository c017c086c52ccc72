"""Is ``quote_variants``'s threshold right on text it was not tuned to? ``python -m tools.quote_pairs_eval``.

``framelab.reuse.QUOTE_THRESHOLD`` was chosen by reading the quotations of
the five lesson articles (issue 13, "Tuned values"). This tool scores it on
held-out pairs of quotation renderings, ``tests/data/quote_pairs/dev.tsv``
and ``test.tsv`` (original writing, format in that folder's README), each
labelled ``same`` (one remark as two outlets render it) or ``different``.

A pair is put to :func:`framelab.reuse.quote_variants` itself: each
rendering becomes one "article" holding it between curly quotation marks,
and the pair is predicted ``same`` when ``quote_variants`` links the two
(its table has a row). So everything it does counts: the quotation finder,
the split into sentences, ``min_words`` (a quotation of fewer than three
words never links) and its ``difflib`` ratio on lower-cased words. The
score shown for a pair is the highest ``similarity`` ``quote_variants``
reports when every shared word links (threshold 1e-9): a pair links at a
threshold exactly when that score reaches it.

Precision, recall and F1 are those of the label ``same`` (precision is 0.0
when nothing is predicted ``same``). The sweep runs thresholds 0.20 to 0.90
in steps of 0.05. Choose a threshold on ``dev`` only (highest F1; a tie goes to
the threshold closest to the current default); then score ``test`` once at
the default and at that threshold (``--threshold``).

    python -m tools.quote_pairs_eval dev --errors
    python -m tools.quote_pairs_eval test --threshold 0.45
"""

from __future__ import annotations

import argparse
import csv
from dataclasses import dataclass
from pathlib import Path

from framelab.reuse import QUOTE_THRESHOLD, quote_variants

ROOT = Path(__file__).resolve().parent.parent
SETS = {name: ROOT / "tests" / "data" / "quote_pairs" / f"{name}.tsv" for name in ("dev", "test")}
COLUMNS = ["id", "a", "b", "label", "note"]
LABELS = ("same", "different")
SWEEP = tuple(round(0.20 + 0.05 * step, 2) for step in range(15))
#: quote_variants needs a threshold above 0; this one links every pair sharing a word.
ANY_SHARED_WORD = 1e-9


@dataclass(frozen=True)
class Pair:
    """One labelled pair of quotation renderings (a row of a ``.tsv`` set)."""

    id: str
    a: str
    b: str
    label: str
    note: str


def read_pairs(path: Path) -> list[Pair]:
    """The pairs of one ``.tsv`` set, in file order.

    Raises ``ValueError`` naming the file and line when the header is not
    ``id a b label note``, a row has another number of fields, a label is not
    ``same`` or ``different``, or a text is empty.

    >>> [(p.id, p.label) for p in read_pairs(SETS["dev"])][:2]
    [('dev-001', 'same'), ('dev-002', 'same')]
    """
    path = Path(path)
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle, delimiter="\t", quoting=csv.QUOTE_NONE))
    if not rows or rows[0] != COLUMNS:
        raise ValueError(f"{path}:1: the header must be {' '.join(COLUMNS)} (tab-separated).")
    pairs = []
    for number, row in enumerate(rows[1:], start=2):
        if len(row) != len(COLUMNS):
            raise ValueError(f"{path}:{number}: {len(row)} fields, expected {len(COLUMNS)} separated by tabs.")
        pair = Pair(*row)
        if pair.label not in LABELS:
            raise ValueError(f"{path}:{number}: label {pair.label!r} must be 'same' or 'different'.")
        if not pair.a.strip() or not pair.b.strip():
            raise ValueError(f"{path}:{number}: both renderings must hold text.")
        pairs.append(pair)
    return pairs


def as_articles(pair: Pair) -> dict[str, str]:
    """The two renderings as two one-quotation articles for ``quote_variants``.

    >>> as_articles(Pair("x", "Just wait.", "Wait!", "same", ""))
    {'a': '“Just wait.”', 'b': '“Wait!”'}
    """
    return {"a": f"“{pair.a}”", "b": f"“{pair.b}”"}


def links(pair: Pair, threshold: float = QUOTE_THRESHOLD) -> bool:
    """Whether ``quote_variants`` at ``threshold`` finds the two renderings to be one quote.

    >>> links(Pair("x", "We will rebuild every home.", "We will rebuild every house.", "same", ""))
    True
    """
    return not quote_variants(as_articles(pair), threshold=threshold).empty


def score(pair: Pair) -> float:
    """The highest ``similarity`` of the pair in ``quote_variants`` (0.0 when no sentence of
    three words or more shares a word); ``links(pair, t)`` is ``score(pair) >= t``.

    >>> score(Pair("x", "Wait a damn minute here.", "Just wait.", "same", ""))
    0.0
    """
    table = quote_variants(as_articles(pair), threshold=ANY_SHARED_WORD)
    return float(table["similarity"].max()) if not table.empty else 0.0


@dataclass(frozen=True)
class Result:
    """Counts and measures of the label ``same`` at one threshold."""

    threshold: float
    tp: int
    fp: int
    fn: int
    tn: int

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def evaluate(pairs: list[Pair], threshold: float) -> Result:
    """Precision, recall and F1 of ``same`` when ``quote_variants`` runs at ``threshold``.

    >>> pairs = [Pair("1", "We will go now.", "We will go now!", "same", ""),
    ...          Pair("2", "We will go now.", "They never came back here.", "different", "")]
    >>> evaluate(pairs, 0.5)
    Result(threshold=0.5, tp=1, fp=0, fn=0, tn=1)
    """
    tp = fp = fn = tn = 0
    for pair in pairs:
        predicted, gold = links(pair, threshold), pair.label == "same"
        tp += predicted and gold
        fp += predicted and not gold
        fn += gold and not predicted
        tn += not predicted and not gold
    return Result(threshold, tp, fp, fn, tn)


def best_threshold(results: list[Result], default: float = QUOTE_THRESHOLD) -> Result:
    """The result with the highest F1; a tie goes to the threshold closest to ``default``, then the lower.

    >>> best_threshold([Result(0.4, 5, 2, 1, 8), Result(0.5, 5, 2, 1, 8), Result(0.6, 4, 2, 2, 8)]).threshold
    0.5
    """
    return max(results, key=lambda r: (round(r.f1, 12), -abs(r.threshold - default), -r.threshold))


def _row(result: Result, mark: str = "") -> str:
    return (f"{result.threshold:>9.2f}  {result.precision:9.3f}  {result.recall:6.3f}  {result.f1:5.3f}"
            f"  {result.tp:3d} {result.fp:3d} {result.fn:3d} {result.tn:3d}  {mark}")


def main(argv: list[str] | None = None) -> int:
    """Print the measures at the default (and ``--threshold``) and the sweep for one set."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("set", nargs="?", default="dev", choices=sorted(SETS))
    parser.add_argument("--threshold", type=float, help="also score at this threshold (0 < X <= 1)")
    parser.add_argument("--errors", action="store_true", help="list the wrong pairs at the threshold")
    args = parser.parse_args(argv)
    pairs = read_pairs(SETS[args.set])
    same = sum(pair.label == "same" for pair in pairs)
    print(f"{args.set}: {len(pairs)} pairs, {same} same, {len(pairs) - same} different")
    header = "threshold  precision  recall     F1   tp  fp  fn  tn"
    print(header)
    print(_row(evaluate(pairs, QUOTE_THRESHOLD), "current default (QUOTE_THRESHOLD)"))
    if args.threshold is not None:
        print(_row(evaluate(pairs, args.threshold), "--threshold"))
    sweep = [evaluate(pairs, threshold) for threshold in SWEEP]
    best = best_threshold(sweep)
    print(f"\nsweep on {args.set}:\n{header}")
    for result in sweep:
        print(_row(result, "best F1" if result is best else ""))
    if args.set != "dev":
        print("(choose thresholds on dev only; this sweep is for reading, not for tuning)")
    if args.errors:
        threshold = args.threshold if args.threshold is not None else QUOTE_THRESHOLD
        print(f"\nerrors at {threshold}:")
        for pair in pairs:
            value = score(pair)
            if (value >= threshold) != (pair.label == "same"):
                kind = "missed same" if pair.label == "same" else "false same"
                print(f"{pair.id}  {kind:11s}  {value:.3f}  {pair.a!r} / {pair.b!r}  ({pair.note})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
