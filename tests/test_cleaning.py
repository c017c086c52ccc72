"""Each cleaning rule removes its kind of boilerplate, and only that."""

from __future__ import annotations

import re

import pytest

from framelab.cleaning import RULES, CleaningRule, clean

RULE = {rule.name: rule for rule in RULES}


@pytest.mark.parametrize(
    "name, text, removed",
    [
        ("language_menu", "RU\u00a0\u00a0UA\u00a0\u00a0EN\nText", ["RU\u00a0\u00a0UA\u00a0\u00a0EN"]),
        ("page_date", "Tuesday, 5 November\nText", ["Tuesday, 5 November"]),
        ("section_label", "politics\nThe US has approved", ["politics"]),
        ("date_stamp", " date 2022-02-03 US sends troops", ["date 2022-02-03"]),
        ("site_banner", "Time Plus News\nText", ["Time Plus News"]),
        ("photo_credit", "US Marines. Photo: J. Doe, Unsplash.com\nText", ["US Marines. Photo: J. Doe, Unsplash.com"]),
        ("inline_link", "appropriate. find out more\nText", ["find out more"]),
        ("reporting_credit", "Additional reporting by A in Berlin\nText", ["Additional reporting by A in Berlin"]),
        ("blog_footer", "Leave a comment\nCategorized as News", ["Leave a comment", "Categorized as News"]),
        ("source_link", "Text\nSource link\nsource site", ["Source link", "source site"]),
        ("stray_punctuation", "Text\n.\n", ["."]),
    ],
)
def test_rule_removes_its_boilerplate(name: str, text: str, removed: list[str]) -> None:
    cleaned, found = RULE[name].apply(text)
    assert found == removed
    for fragment in removed:
        assert fragment not in cleaned


@pytest.mark.parametrize(
    "name, text",
    [
        ("language_menu", "US and UK officials met."),
        ("page_date", "On Tuesday, 5 November troops moved."),
        ("section_label", "Fierce penalties"),
        ("date_stamp", "The date 2022-02-03 was mentioned."),
        ("photo_credit", "A photograph of the troops."),
        ("inline_link", "Find out more about NATO here, he said."),
        ("source_link", "The source link was broken, he said."),
        ("stray_punctuation", "It ended."),
    ],
)
def test_rule_leaves_article_text_alone(name: str, text: str) -> None:
    assert RULE[name].apply(text) == (text, [])


def test_every_rule_has_a_unique_name_a_description_and_a_valid_pattern() -> None:
    names = [rule.name for rule in RULES]
    assert len(names) == len(set(names))
    for rule in RULES:
        assert rule.description and re.compile(rule.pattern)


def test_clean_reports_every_rule_and_tidies_blank_lines() -> None:
    result = clean("Time Plus News\n\n\nHeadline\n\n\n\nBody.  \n\nSource link\n")
    assert result.text == "Headline\n\nBody."
    assert set(result.removed) == set(RULE)
    assert result.removed["site_banner"] == ["Time Plus News"]


def test_clean_accepts_custom_rules() -> None:
    rule = CleaningRule("ads", "advertising lines", r"^ADVERTISEMENT$")
    result = clean("Text\nADVERTISEMENT\nMore", rules=(rule,))
    assert result.text == "Text\n\nMore"
    assert result.removed == {"ads": ["ADVERTISEMENT"]}
