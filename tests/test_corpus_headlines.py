"""The headline and date rules of framelab.openings, scored on held-out openings (issue 13, item 2).

tests/data/headlines/dev.txt was used to fit the rules; test.txt was written at
the same time and scored only once the rules were settled. Figures when settled:

    60 cases each: dev 28 headlines, 16 ledes, 16 other first lines (bylines,
    dates, kickers, captions, page furniture); test 27, 17, 16.

    rules                                   right (dev / test)   headlines found   ledes taken   others taken
    first suggestion: <= 20 words and       40 / 40              24 / 22           0 / 1         16 / 14
      150 characters, no closing full
      stop, no opening quotation mark
    fitted rules (framelab.openings)        57 / 49              26 / 21           0 / 1         1 / 4

A wrong "not a headline" leaves the headline in the body (the safe error);
taking a lede as the headline removes it from the body (the costly one).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from framelab.openings import date_of_line, headline_problems, split_headline, stated_date
from framelab.typography import normalize

DATA = Path(__file__).resolve().parent / "data" / "headlines"


def read_cases(path: Path) -> list[tuple[str, str, str]]:
    """(name, label, text) per case: label "headline" or "not:<kind>"."""
    cases: list[tuple[str, str, list[str]]] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("=== "):
            label, name = line[4:].split(" ", 1)
            cases.append((name, label, []))
        elif cases:
            cases[-1][2].append(line)
    return [(name, label, "\n".join(lines).strip("\n")) for name, label, lines in cases]


def score(path: Path) -> tuple[int, int, list[str], list[str]]:
    """(right, cases, ledes taken as headlines, other non-headlines taken) for one data file."""
    right, ledes, others = 0, [], []
    cases = read_cases(path)
    for name, label, text in cases:
        taken = bool(split_headline(normalize(text))[0])
        right += taken == (label == "headline")
        if taken and label == "not:lede":
            ledes.append(name)
        elif taken and label.startswith("not:"):
            others.append(name)
    return right, len(cases), ledes, others


def test_the_data_files_are_well_formed() -> None:
    for which in ("dev", "test"):
        cases = read_cases(DATA / f"{which}.txt")
        assert len(cases) == 60, which
        assert sum(label == "headline" for _, label, _ in cases) == {"dev": 28, "test": 27}[which]
        assert len({name for name, _, _ in cases}) == 60, f"{which}: duplicate case names"
        labels = {label for _, label, _ in cases}
        assert labels <= {"headline"} | {label for label in labels if label.startswith("not:")}
        assert all(text.strip() for _, _, text in cases)
    dev_texts = {text for _, _, text in read_cases(DATA / "dev.txt")}
    assert not dev_texts & {text for _, _, text in read_cases(DATA / "test.txt")}, "a case is in both sets"


def test_development_score() -> None:
    right, total, ledes, others = score(DATA / "dev.txt")
    assert (right, total) == (57, 60)
    assert ledes == [] and others == ["dev-46-listen"]


def test_held_out_score() -> None:
    # Not tuned on: a change of rules that lowers this is a regression, one that raises it
    # must be justified on dev.txt alone.
    right, total, ledes, others = score(DATA / "test.txt")
    # 49 before issue 13's cleaning rules; the share_buttons rule (fitted on tests/data/cleaning/dev.txt,
    # not on these files) now removes test-44's "Share this article" before the headline is read.
    assert (right, total) == (50, 60)
    assert ledes == ["test-47-lede-semicolon"]  # a lede missing its full stop
    assert len(others) == 3  # page furniture other cleaning rules do not know


@pytest.mark.parametrize(
    "line, problem",
    [
        ("Opinion", "fewer than 3 words"),
        ("Emergency crews went door to door on Sunday night urging about 1,200 residents of the low-lying "
         "Millrace district to leave their homes", "more than 20 words"),
        ("The river is still rising.", "ends like a sentence"),
        ("Mayor calls the vote “a new beginning.”", "ends like a sentence"),
        ("Can the old levee hold?", "ends like a sentence"),
        ("Volunteers fill sandbags on Sunday. (County)", "holds a sentence end"),
        ("FOR IMMEDIATE RELEASE", "has no lower-case letter"),
        ("By Maria Lopez", "a byline"),
        ("Wednesday, March 20, 2024", "a date line"),
        ("Updated 6:42 p.m. ET", "holds a time of day"),
        ("Contact: Press Office, (202) 555-0143", "telephone number"),
    ],
)  # fmt: skip
def test_each_rule_names_its_reason(line: str, problem: str) -> None:
    assert any(problem in reason for reason in headline_problems(line)), headline_problems(line)


@pytest.mark.parametrize(
    "line",
    [
        "Joe Biden orders 3,000 U.S. troops to Poland and Romania to counter Russia",
        "“We lost everything”: families count the cost",
        "After the flood, a long wait for help...",
        "Gov. Ortiz signs Sept. budget",
    ],
)
def test_headlines_with_abbreviations_quotes_and_ellipses_pass(line: str) -> None:
    assert headline_problems(line) == []


@pytest.mark.parametrize(
    "line, date",
    [
        ("2022-02-03", "2022-02-03"),
        ("2023-11-07 18:30", "2023-11-07"),
        ("Feb. 2, 2022", "2022-02-02"),
        ("February 2 2022", "2022-02-02"),
        ("2 February 2022", "2022-02-02"),
        ("Sept. 14, 2023", "2023-09-14"),
        ("Thursday, September 14, 2023", "2023-09-14"),
        ("Last updated: Sept. 14, 2023 at 9:12 a.m.", "2023-09-14"),
        ("Published March 20, 2024, 4:15 PM EDT", "2024-03-20"),
        ("Tuesday, 5 November", ""),  # no year: seed 003's page date
        ("Feb. 30, 2022", ""),  # no such day
        ("Smarch 3, 2022", ""),
        ("2022-13-01", ""),
        ("The bridge reopened on Feb. 2, 2022.", ""),  # inside a sentence
    ],
)
def test_date_lines(line: str, date: str) -> None:
    assert date_of_line(line) == date


def test_a_date_is_read_only_near_the_top() -> None:
    top = ["Bridge reopens after repairs", ""] + [f"Paragraph {n}." for n in range(10)]
    assert stated_date("\n".join(top[:4] + ["Feb. 2, 2022"] + top[4:])) == "2022-02-02"
    assert stated_date("\n".join(top + ["Feb. 2, 2022"])) == ""
    assert stated_date("x", {"date_stamp": ["date 2022-02-03"]}) == "2022-02-03"
