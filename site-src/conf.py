"""Sphinx settings for the lessons' website (``make site``, built by ``python -m tools.site``).

tools/site.py copies this folder, the lessons and the student exercises into one
staging folder and builds it there, so every path below is relative to that
folder: ``notebooks/`` (the lessons, as committed), ``exercises/`` (downloads,
not pages) and ``_static/mathjax/`` (MathJax, from npm, so no page loads it from
a CDN). The home page, ``index.md``, is generated from README.md's chapter table.
"""

project = "Framing Lab"
author = "Framing Lab"
copyright = "Framing Lab"
language = "en"  # <html lang="en">: screen readers pick the voice from it (WCAG 3.1.1)

# githubpages: a .nojekyll file, so GitHub Pages serves the _static/ and _downloads/ folders.
extensions = ["myst_nb", "sphinx.ext.githubpages"]
# Lessons are shown with the outputs committed in them: the site never runs a kernel.
nb_execution_mode = "off"
# The figures are text/html <img> outputs that carry their alt text (framelab.display.FigureImage);
# HTML first, so the page shows that <img> and not the alt text's text/plain copy.
nb_mime_priority_overrides = [("html", "text/html", 0)]
# No widget state is stored in the lessons, and the site must fetch nothing from a CDN:
# no require.js or ipywidgets' embed script.
nb_ipywidgets_js = {}
# $...$ and $$...$$ in the lessons' markdown, as JupyterLab renders it.
myst_enable_extensions = ["dollarmath"]
myst_heading_anchors = 3

exclude_patterns = ["exercises/**", "_build", "**.ipynb_checkpoints"]
master_doc = "index"

html_theme = "furo"
html_title = "Framing Lab"
html_static_path = ["_static"]
html_css_files = ["framelab.css"]
# Scrolling code and outputs become keyboard-focusable (framelab.js says why).
html_js_files = ["framelab.js"]
# MathJax 3 from the npm package, copied into _static/mathjax by tools/site.py (path relative to _static).
# MathJax finds its extensions beside this script (its own src), so they load from the site too.
mathjax_path = "mathjax/tex-svg.js"
mathjax3_config = {
    # The formula's MathML is kept in the page for screen readers; no speech engine is fetched.
    "options": {"menuOptions": {"settings": {"assistiveMml": True, "explorer": False}}},
}
# Accessible syntax colours (contrast >= 4.5:1, WCAG 1.4.3) in light and dark mode.
pygments_style = "a11y-high-contrast-light"
pygments_dark_style = "a11y-high-contrast-dark"
# Pages carry no date or source copy: the same commit gives the same site.
html_last_updated_fmt = None
html_copy_source = False
html_show_sourcelink = False
html_show_sphinx = False


def setup(app):
    """Make the lessons' links to their exercises (``../exercises/NN-slug/NN-slug.ipynb``) downloads.

    MyST takes a link to any ``.ipynb`` for a link to a page, but the exercises are not pages
    (exclude_patterns): they are the student notebooks, offered as files to open in JupyterLab.
    """
    from sphinx import addnodes
    from sphinx.transforms import SphinxTransform

    class ExerciseDownloads(SphinxTransform):
        default_priority = 500

        def apply(self) -> None:
            for ref in list(self.document.findall(addnodes.pending_xref)):
                target = ref.get("reftarget", "")
                if ref.get("refdomain") == "doc" and ref.get("reftype") == "myst" and target.startswith("exercises/"):
                    download = addnodes.download_reference(
                        refdomain=None, reftype="myst", refdoc=ref["refdoc"], refexplicit=True,
                        reftarget=f"/{target}.ipynb",
                    )
                    download.extend(ref.children)
                    ref.replace_self(download)

    app.add_transform(ExerciseDownloads)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
