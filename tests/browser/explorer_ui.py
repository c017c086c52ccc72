"""Using the Framing Explorer in a browser, and checking each view against framelab.

The same steps run in JupyterLab (chapter 09) and on the Voilà presentation
page. A ``FramingExplorer`` in the test process gets the same choices as the
one on the page, so every check compares what the page shows with what
framelab computes for that choice: the bars' articles and values, the
concordance's columns and matches, the keyness rows. Each step first checks
that its choice changes the expected view, so a control that does nothing
cannot pass.

The selectors are the DOM contract in the docstring of framelab/explorer/__init__.py.
"""

from __future__ import annotations

import html
import re

from playwright.sync_api import Locator, Page, expect

from framelab.explorer import FramingExplorer

TERM = "Kirby"  # a name some articles quote and others do not
ARTICLE = "003"
NO_MATCH = "zeppelin"


def bars(view_html: str) -> list[tuple[str, str]]:
    """(article, value) of each bar in a rendered Bars view."""
    return re.findall(r'class="fl-bar" data-article="([^"]*)" data-value="([^"]*)"', view_html)


def columns(view_html: str) -> list[str]:
    """The article of each column of a rendered Concordance view."""
    return [html.unescape(a) for a in re.findall(r'class="fl-kwic-col" data-article="([^"]*)"', view_html)]


def marks(view_html: str) -> list[str]:
    """The text of each highlighted match in a rendered Concordance view."""
    return [html.unescape(m) for m in re.findall(r"<mark>(.*?)</mark>", view_html, re.S)]


def key_terms(view_html: str) -> list[str]:
    """The term of each row of a rendered Keyness view."""
    return [html.unescape(t) for t in re.findall(r'class="fl-key-row" data-term="([^"]*)"', view_html)]


def expect_bars(explorer: Locator, expected: list[tuple[str, str]]) -> None:
    shown = explorer.locator(".fl-bars .fl-bar")
    expect(shown).to_have_count(len(expected))
    for attribute, index in (("data-article", 0), ("data-value", 1)):
        for position, item in enumerate(expected):
            expect(shown.nth(position)).to_have_attribute(attribute, item[index])


def open_tab(explorer: Locator, title: str) -> None:
    """Click the explorer's tab called ``title``."""
    tab = explorer.locator(".fl-tabs .lm-TabBar-tab").filter(has_text=re.compile(rf"^\s*{re.escape(title)}\s*$"))
    tab.click()
    expect(tab).to_have_class(re.compile(r"\blm-mod-current\b"))


def use_the_explorer(page: Page, explorer: Locator, screenshot) -> None:
    """Type a term, pick an article, step "Min. uses" up; check the views follow each change.

    ``screenshot(name, target)`` saves a picture of ``target``; two are taken:
    ``concordance`` (after typing the term) and ``keyness`` (after "Min. uses").
    """
    model = FramingExplorer()
    expect(explorer.locator(".fl-term input")).to_have_attribute("placeholder", "type a word or phrase")

    # The default selection first: the page shows the bars framelab computes.
    expect_bars(explorer, bars(model.bars.value))
    before = bars(model.bars.value)

    # Type a term, key by key, as a person does.
    term = explorer.locator(".fl-term input")
    term.fill("")
    term.press_sequentially(TERM, delay=30)
    model.term.value = TERM
    assert bars(model.bars.value) != before, f"typing {TERM!r} would not change the bars: a useless check"
    expect_bars(explorer, bars(model.bars.value))

    open_tab(explorer, "Concordance")
    view = explorer.locator(".fl-concordance")
    expect(view.locator(".fl-kwic-col")).to_have_count(len(columns(model.concordance.value)))
    for position, article in enumerate(columns(model.concordance.value)):
        expect(view.locator(".fl-kwic-col").nth(position)).to_have_attribute("data-article", article)
    expected_marks = marks(model.concordance.value)
    assert expected_marks and all(m.lower() == TERM.lower() for m in expected_marks), expected_marks
    expect(view.locator("mark")).to_have_text(expected_marks)
    screenshot("concordance", view)

    # Pick an article: Keyness now compares it with the rest.
    open_tab(explorer, "Keyness")
    rows = explorer.locator(".fl-keyness tr.fl-key-row")
    expect(rows.first).to_be_visible()
    before = key_terms(model.keyness.value)
    labels = {value: label for label, value in model.article.options}
    explorer.locator(".fl-article select").select_option(label=labels[ARTICLE])
    model.article.value = ARTICLE
    after = key_terms(model.keyness.value)
    assert after != before, f"picking article {ARTICLE} would not change the keyness rows"
    expect(rows).to_have_count(len(after))
    for position, key in enumerate(after):
        expect(rows.nth(position)).to_have_attribute("data-term", key)

    # Step the "Min. uses" number box up by one with the keyboard, found by its label as a screen
    # reader finds it (ipywidgets' <label for>).
    before, start = after, model.min_freq.value
    box = explorer.get_by_label("Min. uses", exact=True)
    expect(box).to_have_value(str(start))
    box.focus()
    box.press("ArrowUp")
    expect(box).to_have_value(str(start + 1))
    model.min_freq.value = start + 1
    after = key_terms(model.keyness.value)
    assert after != before, f"min. uses {start + 1} would not change the keyness rows of {ARTICLE}"
    expect(rows).to_have_count(len(after))
    for position, key in enumerate(after):
        expect(rows.nth(position)).to_have_attribute("data-term", key)
    screenshot("keyness", explorer)

    # A term no article uses: both selection views say so in words.
    term.fill(NO_MATCH)
    expect(explorer.locator(".fl-bars p.fl-empty")).to_be_attached()
    expect(explorer.locator(".fl-bars .fl-bar")).to_have_count(0)
    expect(explorer.locator(".fl-concordance p.fl-empty")).to_be_attached()
