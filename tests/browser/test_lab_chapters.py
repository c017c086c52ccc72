"""The chapters' widgets in a real JupyterLab, driven by Debian's Chromium.

Each test opens a chapter the way a student does, clears it, runs every cell
with Run → Run All Cells, then uses the widgets with mouse and keyboard and
checks that what the page shows is what framelab computes for that choice.
Screenshots land in test-output/browser/.
"""

from __future__ import annotations

from .browser_support import ROOT, require_browser, save_screenshot

require_browser()  # skips (or fails under CI=true) before Playwright is imported

from nbformat import read as read_notebook  # noqa: E402
from nltk.tokenize import NLTKWordTokenizer, wordpunct_tokenize  # noqa: E402
from playwright.sync_api import expect  # noqa: E402

import framelab  # noqa: E402

from .explorer_ui import use_the_explorer  # noqa: E402
from .lab_driver import notebook_page, run_all_cells  # noqa: E402

CHAPTER_02 = "notebooks/02-tokenizing.ipynb"
CHAPTER_09 = "notebooks/09-framing-explorer.ipynb"


def code_cells(notebook: str) -> int:
    return sum(cell.cell_type == "code" for cell in read_notebook(ROOT / notebook, as_version=4).cells)


def shown(text: str) -> str:
    """``text`` as the page shows it: runs of whitespace as one space."""
    return " ".join(text.split())


def test_chapter_02_token_viewer(lab_server, page) -> None:
    corpus = framelab.load_corpus()
    sentences = {article.id: framelab.split_sentences(article.body) for article in corpus}
    labels = {article.id: f"{article.id} · {article.label}" for article in corpus}  # the dropdown's
    with notebook_page(page, lab_server, CHAPTER_02):
        run_all_cells(page, lab_server, CHAPTER_02, code_cells(CHAPTER_02))

        # The live viewer: the output holding an "Article" and a "Tokenizer" dropdown.
        viewer = page.locator(".jp-OutputArea-output .widget-vbox").filter(
            has=page.locator(".widget-dropdown", has_text="Tokenizer")
        )
        expect(viewer).to_have_count(1)
        article = viewer.locator(".widget-dropdown", has_text="Article").locator("select")
        tokenizer = viewer.locator(".widget-dropdown", has_text="Tokenizer").locator("select")
        number = viewer.get_by_label("Sentence", exact=True)
        quote = viewer.locator(".widget-html blockquote")
        tokens = viewer.locator(".widget-output table tbody tr td:first-of-type")

        # As constructed: article 003, NLTKWordTokenizer, sentence 5.
        first = sentences["003"][5]
        expect(quote).to_have_text(shown(first))
        expect(tokens).to_have_text(NLTKWordTokenizer().tokenize(first))

        # Another tokenizer: same sentence, its tokens.
        tokenizer.select_option(label="wordpunct_tokenize")
        expect(tokens).to_have_text(wordpunct_tokenize(first))
        expect(quote).to_have_text(shown(first))

        # Another article: its sentence 5.
        article.select_option(label=labels["001"])
        expect(quote).to_have_text(shown(sentences["001"][5]))
        expect(tokens).to_have_text(wordpunct_tokenize(sentences["001"][5]))

        # The sentence number, by keyboard: one step up is sentence 6.
        number.focus()
        number.press("ArrowUp")
        expect(number).to_have_value("6")
        expect(quote).to_have_text(shown(sentences["001"][6]))
        expect(tokens).to_have_text(wordpunct_tokenize(sentences["001"][6]))
        save_screenshot(page, "lab-02-token-viewer", viewer)


def test_chapter_09_framing_explorer(lab_server, page) -> None:
    assert (ROOT / CHAPTER_09).exists(), f"{CHAPTER_09} is missing: chapter 09 holds the Framing Explorer"
    with notebook_page(page, lab_server, CHAPTER_09):
        run_all_cells(page, lab_server, CHAPTER_09, code_cells(CHAPTER_09))
        explorer = page.locator(".jp-OutputArea-output .fl-explorer").first
        explorer.scroll_into_view_if_needed()
        expect(explorer).to_be_visible()
        use_the_explorer(page, explorer, lambda name, target: save_screenshot(page, f"lab-09-{name}", target))
