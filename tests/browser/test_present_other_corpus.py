"""`make present CORPUS=folder`: the Voilà explorer on articles other than the bundled five (issue 13).

The test starts the real `make present` on the second corpus (our own writing, four outlets, no
catalog) and checks that the page shows that folder's articles, not the seeds': the outlet labels
from the file names, the start term the explorer's rule gives for that corpus, and the bars framelab
computes for it; and that axe-core finds no WCAG 2 A/AA violation inside the explorer there either.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from .browser_support import ROOT, Server, non_loopback, require_browser, save_screenshot

require_browser()  # skips (or fails under CI=true) before Playwright is imported

from playwright.sync_api import expect  # noqa: E402

from framelab import load_corpus  # noqa: E402
from framelab.explorer import FramingExplorer  # noqa: E402

from .conftest import make_present  # noqa: E402
from .explorer_ui import bars, expect_bars  # noqa: E402
from .test_accessibility import require_axe, violations_report  # noqa: E402
from .test_presentation import RUN_AXE, VOILA_TIMEOUT  # noqa: E402

SECOND_CORPUS = "tests/data/second_corpus"


@pytest.fixture(scope="module")
def voila_on_second_corpus(tmp_path_factory) -> Iterator[Server]:
    """``make present CORPUS=tests/data/second_corpus``, headless, as an instructor would start it."""
    yield from make_present(tmp_path_factory, "voila-second-corpus", f"CORPUS={SECOND_CORPUS}")


def test_make_present_corpus_shows_that_folder(voila_on_second_corpus, page) -> None:
    corpus = load_corpus(ROOT / SECOND_CORPUS)
    model = FramingExplorer(corpus)  # the same explorer in this process, for the expected views
    assert [a.id for a in corpus] != ["000", "001", "002", "003", "004"]
    page.goto(voila_on_second_corpus.address("/"), timeout=VOILA_TIMEOUT)
    explorer = page.locator(".fl-explorer")
    expect(explorer).to_be_visible(timeout=VOILA_TIMEOUT)
    # The start term follows the explorer's rule for this corpus ("troops" on the seeds).
    assert model.term.value and model.term.value != "troops"
    expect(explorer.locator(".fl-term input")).to_have_value(model.term.value)
    expect_bars(explorer, bars(model.bars.value))
    # Article choices are the file names, which hold the outlet: "01_northern-post", not "01_northern-post ·
    # northern-post" (framelab.folders.display_label). (ipywidgets writes an option's spaces as no-break spaces.)
    options = [text.replace("\xa0", " ") for text in explorer.locator(".fl-article select option").all_inner_texts()]
    assert options == [a.id for a in corpus], options
    assert all(a.label and a.label in a.id for a in corpus)
    save_screenshot(page, "present-second-corpus", explorer)

    axe = require_axe()
    page.add_script_tag(path=str(axe))
    ours: list = []
    for title in ("Bars", "Concordance", "Tellings", "Voices", "Keyness"):
        explorer.locator(".lm-TabBar-tab", has_text=title).click()
        found = page.evaluate(RUN_AXE)
        ours += [rule for rule in found["ours"] if rule["id"] not in {r["id"] for r in ours}]
    assert not ours, f"axe-core found WCAG 2 A/AA violations in the explorer on the second corpus:\n{violations_report(ours)}"
    leaving = non_loopback(page.requests)
    assert not leaving, f"the Voilà page made requests that leave this machine: {leaving}"
