"""Span precision/recall of quotation finding on straight single quotes: ``python -m tools.single_quotes_eval [dev|test]``.

The sets are ``tests/data/single_quotes/dev.txt`` (tuned on) and ``test.txt`` (held out): news-style
sentences with straight ' used as quotation marks, as apostrophes and elisions ('til, rock 'n' roll,
the '90s, the officials' cars), format in the file header. A top-level quotation found by
:func:`framelab.quotemarks.quotation_spans` is right when its words equal one gold quotation's
(each gold one matched once). Precision = right / found, recall = right / gold. ``--errors`` lists
the cases that differ.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from framelab.quotemarks import quotation_spans

DATA = Path(__file__).resolve().parent.parent / "tests" / "data" / "single_quotes"


def read_cases(path: Path) -> list[tuple[str, str, list[str]]]:
    """``(name, text, gold quotations)`` per case."""
    cases, name, text, gold = [], None, [], []
    for line in [*Path(path).read_text(encoding="utf-8").splitlines(), "=== end"]:
        if line.startswith("=== "):
            if name is not None:
                cases.append((name, "\n".join(text).strip("\n"), gold))
            name, text, gold = line[4:].strip(), [], []
        elif name is None:
            continue
        elif line.startswith("= "):
            gold.append(line[2:])
        else:
            text.append(line)
    return cases


def score(cases) -> tuple[int, int, int, list[str]]:
    """(right, found, gold, names of the cases with an error)."""
    right = found = total = 0
    wrong = []
    for name, text, gold in cases:
        spans = [words for _, _, words in quotation_spans(text)[0]]
        left = list(gold)
        hits = 0
        for words in spans:
            if words in left:
                left.remove(words)
                hits += 1
        right, found, total = right + hits, found + len(spans), total + len(gold)
        if hits != len(spans) or left:
            wrong.append(f"{name}: found {spans}, gold {gold}")
    return right, found, total, wrong


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("set", choices=("dev", "test"))
    parser.add_argument("--errors", action="store_true")
    args = parser.parse_args(argv)
    right, found, total, wrong = score(read_cases(DATA / f"{args.set}.txt"))
    precision = right / found if found else 1.0
    print(f"{args.set}: span precision {precision:.2f} ({right}/{found}), recall {right / total:.2f} ({right}/{total})")
    if args.errors:
        print("\n".join(wrong))


if __name__ == "__main__":
    main()
