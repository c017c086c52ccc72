"""Byline and dateline precision/recall: ``python -m tools.openings_eval [dev|test] [--baseline]``.

The sets are ``tests/data/bylines/dev.txt`` (tuned on) and ``test.txt`` (held out), one opening a
line (format in the file header). Bylines: a line labelled ``byline`` is found when
:func:`framelab.openings.is_byline` says so; any other line it takes is a false positive.
Datelines: a prediction is right when :func:`framelab.openings.dateline` returns exactly the
marked dateline; any other prediction is a false positive (a wrong cut loses text). Dates: of
the datelines stating a full date, how many give it, and how many datelines give a wrong date.
``--baseline`` scores what there was before issue 13: bylines by headline_problems' ``^By [A-Z]``,
no dateline rule at all.
"""

from __future__ import annotations

import argparse
import re
from pathlib import Path

from framelab.openings import dateline, is_byline

DATA = Path(__file__).resolve().parent.parent / "tests" / "data" / "bylines"


def read_cases(path: Path) -> list[tuple[str, str, str, str]]:
    """``(kind, date, text, expected dateline)`` per case line (``date`` "" for "-")."""
    cases = []
    for line in Path(path).read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        kind, date, text = line.split("\t")
        prefix, _, rest = text.partition("^^") if "^^" in text else ("", "", text)
        cases.append((kind, "" if date == "-" else date, prefix + rest, prefix))
    return cases


def _ratio(a: int, b: int) -> str:
    return f"{a / b:.2f} ({a}/{b})" if b else "n/a (0/0)"


def score(cases, baseline: bool = False) -> dict[str, tuple[int, int, int]]:
    """Per task ``byline``/``dateline``/``date``: (right, predicted, gold)."""
    found_byline = (lambda t: re.match(r"By\s+[A-Z]", t) is not None) if baseline else is_byline
    find_dateline = (lambda t: ("", "")) if baseline else dateline
    b_right = b_pred = b_gold = d_right = d_pred = d_gold = t_right = t_pred = t_gold = 0
    for kind, date, text, prefix in cases:
        predicted = found_byline(text)
        b_gold += kind == "byline"
        b_pred += predicted
        b_right += predicted and kind == "byline"
        cut, iso = find_dateline(text)
        d_gold += kind == "dateline"
        d_pred += bool(cut)
        d_right += bool(cut) and cut == prefix
        t_gold += bool(date)
        t_pred += bool(iso)
        t_right += bool(iso) and iso == date
    return {"byline": (b_right, b_pred, b_gold), "dateline": (d_right, d_pred, d_gold), "date": (t_right, t_pred, t_gold)}


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("set", choices=("dev", "test"))
    parser.add_argument("--baseline", action="store_true")
    args = parser.parse_args(argv)
    cases = read_cases(DATA / f"{args.set}.txt")
    print(f"{args.set}: {len(cases)} openings{' (baseline)' if args.baseline else ''}")
    for task, (right, predicted, gold) in score(cases, args.baseline).items():
        print(f"{task:9} precision {_ratio(right, predicted):14} recall {_ratio(right, gold)}")
    if not args.baseline:
        for kind, date, text, prefix in cases:
            cut, iso = dateline(text)
            if (kind == "byline") != is_byline(text) or cut != prefix or iso != date:
                print(f"  wrong: {kind} {text[:70]!r} -> byline={is_byline(text)} dateline={cut!r} {iso!r}")


if __name__ == "__main__":
    main()
