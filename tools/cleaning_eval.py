"""What each cleaning rule removes rightly and wrongly: ``python -m tools.cleaning_eval [dev|test]``.

The sets are ``tests/data/cleaning/dev.txt`` (tuned on) and ``test.txt`` (held out), news-style
texts written for the project with the clutter marked ``[[...]]`` (format in the file header).
Each case's text, marks removed and normalized (:func:`framelab.typography.normalize`), goes
through :func:`framelab.cleaning.clean`. A string a rule removes is **right** when it is one of
the case's marked clutter strings (after surrounding whitespace is stripped) and **wrong**
otherwise: real text lost. A marked string no rule removed is **missed**. Precision is
right / removed, recall right / marked clutter.
"""

from __future__ import annotations

import argparse
import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from framelab.cleaning import RULES, clean
from framelab.typography import normalize

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "tests" / "data" / "cleaning"
_CLUTTER = re.compile(r"\[\[(.*?)\]\]")


@dataclass(frozen=True)
class Case:
    """One article file of a set: its name, its text (marks removed) and the clutter strings marked in it."""

    name: str
    text: str
    clutter: tuple[str, ...]


def read_cases(path: Path) -> list[Case]:
    """The cases of a set file: ``=== name`` starts one; lines before the first are the header."""
    cases: list[Case] = []
    name, lines = None, []
    for line in [*Path(path).read_text(encoding="utf-8").splitlines(), "=== end"]:
        if line.startswith("=== "):
            if name is not None:
                raw = "\n".join(lines) + "\n"
                clutter = tuple(m.strip() for m in _CLUTTER.findall(raw))
                cases.append(Case(name, _CLUTTER.sub(r"\1", raw), clutter))
            name, lines = line[4:].strip(), []
        elif name is not None:
            lines.append(line)
    return cases


def score(cases: list[Case]) -> dict[str, Counter]:
    """Per rule name: Counter of ``right`` and ``wrong`` removals, and ``missed`` under the key ``"(none)"``."""
    table: dict[str, Counter] = {rule.name: Counter() for rule in RULES}
    table["(none)"] = Counter()
    for case in cases:
        result = clean(normalize(case.text))
        left = list(case.clutter)
        for rule, removed in result.removed.items():
            for item in removed:
                if item.strip() in left:
                    left.remove(item.strip())
                    table[rule]["right"] += 1
                else:
                    table[rule]["wrong"] += 1
                    table[rule]["wrong: " + item.strip()[:70]] += 1
        table["(none)"]["missed"] += len(left)
        for item in left:
            table["(none)"]["missed: " + item[:70]] += 1
    return table


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("set", choices=("dev", "test"))
    args = parser.parse_args(argv)
    cases = read_cases(DATA / f"{args.set}.txt")
    table = score(cases)
    clutter = sum(len(case.clutter) for case in cases)
    right = sum(counts["right"] for name, counts in table.items())
    wrong = sum(counts["wrong"] for name, counts in table.items())
    print(f"{args.set}: {len(cases)} cases, {clutter} clutter strings")
    print(f"{'rule':20} right wrong")
    for name, counts in table.items():
        if name != "(none)":
            print(f"{name:20} {counts['right']:5} {counts['wrong']:5}")
    for name, counts in table.items():
        for key in sorted(k for k in counts if ":" in k):
            print(f"  {name}: {key}")
    precision = right / (right + wrong) if right + wrong else 1.0
    print(f"precision {precision:.2f} ({right}/{right + wrong}), recall {right / clutter:.2f} ({right}/{clutter})")


if __name__ == "__main__":
    main()
