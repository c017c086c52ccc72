"""Every relative link in the notebooks, the README and the docs points at a file that exists.

Chapters end with links to the next chapter and to their exercises; a renamed
or missing notebook would leave a student on a dead link in JupyterLab.
Links to the web are not followed (the tests run offline).
"""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import unquote

import nbformat
import pytest

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = sorted(ROOT.glob("notebooks/*.ipynb")) + sorted(ROOT.glob("solutions/*/*.ipynb")) + sorted(
    ROOT.glob("exercises/*/*.ipynb")
)
DOCUMENTS = [ROOT / "README.md", *sorted(ROOT.glob("docs/*.md"))]

# Code is not prose: `re.sub(r"[(?=\w)]", ...)` must not count as a link.
FENCED = re.compile(r"```.*?```", re.DOTALL)
INLINE_CODE = re.compile(r"`[^`\n]*`")
LINK = re.compile(r"\[[^\]\n]*\]\(([^)\s]+)(?:\s+\"[^\"]*\")?\)")
EXTERNAL = re.compile(r"^(?:[a-z][a-z0-9+.-]*:|#)", re.IGNORECASE)


def relative_links(markdown: str) -> list[str]:
    """The link targets in ``markdown`` that point inside the repository, without their #anchor.

    >>> relative_links("See [next](02-tokenizing.ipynb#top), [web](https://x.org) and `[a](b)`.")
    ['02-tokenizing.ipynb']
    """
    prose = INLINE_CODE.sub("", FENCED.sub("", markdown))
    targets = (match.group(1) for match in LINK.finditer(prose))
    return [unquote(target.split("#", 1)[0]) for target in targets if not EXTERNAL.match(target)]


def _markdown(path: Path) -> str:
    if path.suffix == ".ipynb":
        notebook = nbformat.read(path, as_version=4)
        return "\n\n".join(cell.source for cell in notebook.cells if cell.cell_type == "markdown")
    return path.read_text(encoding="utf-8")


def test_the_link_finder_skips_code_and_web_links() -> None:
    text = "```\n[x](missing.ipynb)\n```\nA [chapter](notebooks/00-welcome.ipynb) and [docs](http://a.b)."
    assert relative_links(text) == ["notebooks/00-welcome.ipynb"]


@pytest.mark.parametrize("path", NOTEBOOKS + [d for d in DOCUMENTS if d.exists()], ids=lambda p: str(p.relative_to(ROOT)))
def test_relative_links_resolve(path: Path) -> None:
    broken = [
        target for target in relative_links(_markdown(path)) if target and not (path.parent / target).exists()
    ]
    assert not broken, f"{path.relative_to(ROOT)} links to files that do not exist: {broken}"


def test_every_chapter_links_onward() -> None:
    """Each lesson but the last links to the next lesson, so a student can follow the course."""
    lessons = sorted(ROOT.glob("notebooks/[0-9][0-9]-*.ipynb"))
    for lesson, following in zip(lessons, lessons[1:]):
        assert following.name in relative_links(_markdown(lesson)), (
            f"{lesson.name} does not link to the next chapter, {following.name}"
        )
