"""Bylines, date lines and datelines at the top of an uncatalogued article (issue 13)."""

from __future__ import annotations

import pytest

from framelab import load_corpus
from framelab.openings import dateline, is_byline, stated_date, take_opening


@pytest.mark.parametrize(
    "line", ["By Jane Doe", "By Jane Doe and Tom Lee, Reuters", "By MARTA KOS", "By Jean-Luc de la Croix"]
)
def test_bylines_are_recognised(line):
    assert is_byline(line)


@pytest.mark.parametrize(
    "line", ["By Friday, the troops had left.", "By noon the river had crested.", "By the numbers", "Bylines matter"]
)
def test_lede_and_headline_openings_are_not_bylines(line):
    assert not is_byline(line)


@pytest.mark.parametrize(
    "text, cut, date",
    [
        ("WARSAW, Poland (AP) — The first troops arrived.", "WARSAW, Poland (AP) — ", ""),
        ("KYIV, Feb 3 (Reuters) - Ukraine saw no pullback.", "KYIV, Feb 3 (Reuters) - ", ""),
        ("GENEVA, 3 February 2022 (AFP) - Cases fell.", "GENEVA, 3 February 2022 (AFP) - ", "2022-02-03"),
        ("EU — a bloc of 27 nations — faces a hard winter.", "", ""),
        ("BREAKING — Troops cross the border", "", ""),
        ("US officials — speaking anonymously — said so.", "", ""),
    ],
)
def test_datelines_and_their_dates(text, cut, date):
    assert dateline(text) == (cut, date)


def test_take_opening_never_empties_the_body():
    assert take_opening("By Jane Doe") == ("By Jane Doe", {"byline": [], "date_line": [], "dateline": []})


def test_a_folder_without_catalog_loses_bylines_and_datelines_into_removed(tmp_path):
    (tmp_path / "01_wire.txt").write_text(
        "Troops land in Poland\n\nBy Jane Doe and Tom Lee, Reuters\n\n"
        "WARSAW, Feb. 2, 2022 (Reuters) - The first 300 soldiers landed on Friday.\n\nMore will follow.\n",
        encoding="utf-8",
    )
    (tmp_path / "02_daily.txt").write_text(
        "Talks stall again\n\nKYIV, Feb 3 (Reuters) - Ukraine said it saw no pullback.\n", encoding="utf-8"
    )
    first, second = load_corpus(tmp_path)
    assert first.headline == "Troops land in Poland"
    assert first.body == "The first 300 soldiers landed on Friday.\n\nMore will follow."
    assert first.removed["byline"] == ["By Jane Doe and Tom Lee, Reuters"]
    assert first.removed["dateline"] == ["WARSAW, Feb. 2, 2022 (Reuters) -"]
    assert first.date == "2022-02-02"
    # No year in the dateline: no date (the year is not guessed), but the dateline still leaves the body.
    assert second.date == "" and second.body == "Ukraine said it saw no pullback."


def test_a_hard_wrapped_byline_and_date_line_both_leave_the_body(tmp_path):
    (tmp_path / "courier.txt").write_text(
        "Footbridge vote splits council\n\nBy Anna Lindqvist\n11 March 2025\n\nCouncillors agreed.\n", encoding="utf-8"
    )
    article = load_corpus(tmp_path)[0]
    assert article.body == "Councillors agreed."
    assert article.removed["byline"] == ["By Anna Lindqvist"] and article.removed["date_line"] == ["11 March 2025"]
    assert article.date == "2025-03-11"


def test_stated_date_reads_a_hard_wrapped_dateline():
    assert stated_date("HARWICK, 12 March 2025 – The bridge will be\nrebuilt.\n\nMore.") == "2025-03-12"


def test_the_bundled_articles_have_no_byline_or_dateline_to_take():
    for article in load_corpus():
        assert not {"byline", "date_line", "dateline"} & set(article.removed)


@pytest.mark.parametrize("half, byline_recall", [("dev", 0.9), ("test", 0.8)])
def test_held_out_openings(half, byline_recall):
    # tests/data/bylines: dev tuned on, test held out (tools/openings_eval.py). Every byline and
    # dateline taken must be right (a wrong one loses article text).
    from tools.openings_eval import DATA, read_cases, score

    figures = score(read_cases(DATA / f"{half}.txt"))
    for task, (right, predicted, _) in figures.items():
        assert right == predicted, f"{task}: {predicted - right} wrong"
    right, _, gold = figures["byline"]
    assert right / gold >= byline_recall
    assert figures["dateline"][0] == figures["dateline"][2]


def test_a_hard_wrapped_article_is_read_in_linear_space() -> None:
    """Attack: one paragraph of 33,000 short lines made a copy of the paragraph per line (4 GB for 500 KB)."""
    from framelab.openings import DATE_LINES_READ, _top_lines

    text = "Troops arrive\n\n" + "\n".join("short line here" for _ in range(33_000))
    lines = _top_lines(text, DATE_LINES_READ)
    assert len(lines) == DATE_LINES_READ
    assert sum(len(paragraph) for _, paragraph in lines) <= DATE_LINES_READ * len(text)


def test_attack_an_acronym_and_an_aside_is_not_a_dateline(tmp_path):
    paragraph = "NATO — the alliance said on Friday — will send 3,000 more troops."
    assert dateline(paragraph) == ("", "")
    (tmp_path / "02_b.txt").write_text(f"Troops arrive in Poland\n\n{paragraph}\n\nMore would come.\n", encoding="utf-8")
    article = load_corpus(tmp_path)[0]
    assert article.body == f"{paragraph}\n\nMore would come." and article.removed.get("dateline", []) == []


def test_attack_a_title_of_single_words_is_not_a_byline(tmp_path):
    assert not is_byline("By Land, Sea and Air")
    (tmp_path / "03_c.txt").write_text(
        "Troops arrive in Poland\n\nBy Land, Sea and Air\n\nThe first soldiers landed on Friday.\n", encoding="utf-8"
    )
    article = load_corpus(tmp_path)[0]
    assert article.body == "By Land, Sea and Air\n\nThe first soldiers landed on Friday."
    assert article.removed.get("byline", []) == []
