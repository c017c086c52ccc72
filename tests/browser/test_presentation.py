"""`make present`: the Framing Explorer as a Voilà page, no code, nothing from the internet.

The test starts `make present` itself (headless, through PRESENT_ARGS), opens
the page in Debian's Chromium and uses the explorer as an instructor would in
front of a class.
"""

from __future__ import annotations

from .browser_support import non_loopback, require_browser, save_screenshot

require_browser()  # skips (or fails under CI=true) before Playwright is imported

from playwright.sync_api import expect  # noqa: E402

from .explorer_ui import use_the_explorer  # noqa: E402

VOILA_TIMEOUT = 90_000  # ms: Voilà starts a kernel and runs the notebook before it shows it


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
