"""`make present`: the Framing Explorer as a Voilà page, no code, nothing from the internet.

The test starts `make present` itself (headless, through PRESENT_ARGS), opens
the page in Debian's Chromium and uses the explorer as an instructor would in
front of a class.
"""

from __future__ import annotations

from .browser_support import SCREENSHOTS, non_loopback, require_browser, save_screenshot

require_browser()  # skips (or fails under CI=true) before Playwright is imported

from playwright.sync_api import expect  # noqa: E402

from .explorer_ui import use_the_explorer  # noqa: E402
from .test_accessibility import require_axe, violations_report  # noqa: E402

VOILA_TIMEOUT = 90_000  # ms: Voilà starts a kernel and runs the notebook before it shows it
#: axe-core's WCAG 2.0/2.1 A and AA rules; each violation's elements are split into those inside the
#: explorer (ours, ipywidgets' controls and tabs included: the collection styles and names them) and the rest.
RUN_AXE = """async () => {
  const result = await axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}});
  const split = (inside) => result.violations.map(rule => ({...rule, nodes: rule.nodes.filter(node =>
      inside === !!document.querySelector(node.target[0])?.closest('.fl-explorer'))})).filter(rule => rule.nodes.length);
  return {ours: split(true), page: split(false), passes: result.passes.length};
}"""


def test_make_present_serves_the_explorer_without_code(voila_server, page) -> None:
    # Voilà answers only once the notebook has run, so the page load gets the same budget.
    page.goto(voila_server.address("/"), timeout=VOILA_TIMEOUT)
    explorer = page.locator(".fl-explorer")
    expect(explorer).to_be_visible(timeout=VOILA_TIMEOUT)
    expect(page.locator("h1").first).to_contain_text("Framing Explorer")
    # Presentation mode shows outputs only: no code cell, no editor, no source text.
    # (A markdown cell keeps its .jp-InputArea: it holds the rendered title.)
    expect(page.locator(".jp-CodeCell .jp-InputArea, .jp-InputPrompt, .jp-CodeMirrorEditor, .cm-editor")).to_have_count(0)
    body = page.locator("body").inner_text()
    assert "from framelab" not in body and "FramingExplorer()" not in body, "the page shows the notebook's code"
    use_the_explorer(page, explorer, lambda name, target: save_screenshot(page, f"present-{name}", target))
    assert any(url.startswith(voila_server.url) for url in page.requests), "no request was recorded"
    leaving = non_loopback(page.requests)
    assert not leaving, f"the Voilà page made requests that leave this machine: {leaving}"


def test_the_voila_page_passes_axe_core_inside_the_explorer(voila_server, page) -> None:
    """Issue 12, item 5: no WCAG 2 A/AA violation in the explorer; Voilà's own are written to a file."""
    axe = require_axe()
    page.goto(voila_server.address("/"), timeout=VOILA_TIMEOUT)
    explorer = page.locator(".fl-explorer")
    expect(explorer).to_be_visible(timeout=VOILA_TIMEOUT)
    # "Min. uses" is a number box named by its <label for>, with no script: no unnamed slider handle.
    expect(explorer.get_by_label("Min. uses", exact=True)).to_have_attribute("type", "number")
    expect(explorer.locator(".noUi-handle")).to_have_count(0)
    # Text at least 14 px in every view, as a projector needs (issue 12, item 4).
    size = explorer.locator(".fl-bars .widget-html-content").evaluate("e => parseFloat(getComputedStyle(e).fontSize)")
    assert size >= 14, f"the views' text is {size} px; it must be at least 14 px"
    # A change is announced: the polite live region now says what the views show.
    explorer.locator(".fl-term input").fill("Biden")
    expect(explorer.locator('.fl-status [aria-live="polite"]')).to_contain_text("“Biden”")
    page.add_script_tag(path=str(axe))
    # axe-core skips what is hidden, so each tab is checked while it is shown (Keyness holds "Min. uses").
    result: dict = {"ours": [], "page": [], "passes": 0}
    for title in ("Bars", "Concordance", "Tellings", "Voices", "Keyness"):
        explorer.locator(".lm-TabBar-tab", has_text=title).click()
        found = page.evaluate(RUN_AXE)
        result["passes"] += found["passes"]
        for key in ("ours", "page"):
            seen = {rule["id"] for rule in result[key]}
            result[key] += [rule for rule in found[key] if rule["id"] not in seen]
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    (SCREENSHOTS / "axe-voila.txt").write_text(
        "Inside the explorer (the collection's):\n" + (violations_report(result["ours"]) or "none") +
        "\n\nElsewhere on the page (Voilà's):\n" + (violations_report(result["page"]) or "none") + "\n",
        encoding="utf-8",
    )
    assert result["passes"], "axe-core checked nothing on the Voilà page"
    assert not result["ours"], f"axe-core found WCAG 2 A/AA violations in the explorer:\n{violations_report(result['ours'])}"
