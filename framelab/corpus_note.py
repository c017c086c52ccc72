"""A short note under a lesson's corpus when it is not the five bundled articles.

The lessons' prose, the numbers quoted in it and the figures' descriptions
were written for the five bundled articles in ``seeds/``. Any other folder
loads too (``FRAMELAB_CORPUS``, ``make lab CORPUS=folder``,
``load_corpus("folder")``), and every code cell runs on it, but the text
around the cells still speaks of the five. :func:`corpus_note` says so, right
after a lesson loads its corpus, and shows nothing on the bundled articles, so
the lessons' committed outputs stay as they are.

>>> from framelab.corpus import load_corpus
>>> note_text(load_corpus())
''
>>> print(note_text([], folder="my_news"))  # doctest: +NORMALIZE_WHITESPACE
**Your own articles.** This notebook has loaded 0 articles from `my_news`. Its text, the numbers quoted in it and
the descriptions of its figures speak of the five bundled articles about the US troop deployment of February 2022
(ids 000 to 004), so your outputs will differ from them: read the outputs, and take the text as a guide to what to
look for.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from pathlib import Path

from framelab.corpus import CATALOG_NAME, CORPUS_VARIABLE, SEEDS, Article, corpus_folder, read_catalog

#: The words the note opens with; tests look for them in a notebook's outputs.
NOTE_HEADING = "**Your own articles.**"


def is_bundled(corpus: Sequence[Article], seeds: Path = SEEDS) -> bool:
    """True when ``corpus`` is the bundled articles: the ids and files of ``seeds/catalog.csv``, the same texts.

    A text counts as the same when its SHA-256 (UTF-8, Windows line endings
    turned into ``\\n``) is the catalog's: a seeds folder checked out with CRLF
    line endings and loaded with ``verify=False`` reads the same words. Never
    raises: without a readable seeds catalog, nothing is the bundled corpus.

    >>> from framelab.corpus import load_corpus
    >>> corpus = load_corpus()
    >>> is_bundled(corpus), is_bundled(corpus[:4]), is_bundled([])
    (True, False, False)
    """
    try:
        rows = read_catalog(Path(seeds) / CATALOG_NAME)
    except Exception:  # a missing or broken seeds catalog: the note is then the safe side
        return False
    if [(article.id, article.file) for article in corpus] != [(row["id"], row["file"]) for row in rows]:
        return False
    return all(
        hashlib.sha256(article.raw.replace("\r\n", "\n").encode("utf-8")).hexdigest() == row["sha256"]
        for article, row in zip(corpus, rows)
    )


def note_text(corpus: Sequence[Article], folder: str | Path | None = None) -> str:
    """The note (Markdown) for ``corpus``: ``""`` for the bundled articles, else which folder and how many articles.

    ``folder`` is where ``corpus`` was loaded from; by default the folder
    ``load_corpus()`` reads (``$FRAMELAB_CORPUS``, :func:`framelab.corpus.corpus_folder`).
    When that is the seeds folder although ``corpus`` is not the bundled
    articles (``load_corpus("folder")`` with an explicit folder), the note
    says "another folder" rather than name the wrong one.

    >>> note_text([], folder="news").startswith("**Your own articles.** This notebook has loaded 0 articles from `news`.")
    True
    """
    if is_bundled(corpus):
        return ""
    where = _where(folder)
    count = f"{len(corpus)} article" + ("" if len(corpus) == 1 else "s")
    return (
        f"{NOTE_HEADING} This notebook has loaded {count} from {where}. Its text, the numbers quoted in it "
        "and the descriptions of its figures speak of the five bundled articles about the US troop deployment "
        "of February 2022 (ids 000 to 004), so your outputs will differ from them: read the outputs, and take "
        "the text as a guide to what to look for."
    )


def _where(folder: str | Path | None) -> str:
    if folder is not None:
        return f"`{folder}`"
    try:
        chosen = corpus_folder()
    except Exception:  # FRAMELAB_CORPUS names no folder: load_corpus() has said so already
        return f"the folder that {CORPUS_VARIABLE} names"
    if chosen == SEEDS:
        return "another folder"
    return f"`{chosen}` ({CORPUS_VARIABLE})"


def corpus_note(corpus: Sequence[Article], folder: str | Path | None = None) -> None:
    """Show :func:`note_text` as Markdown in the notebook; show nothing for the bundled articles.

    Lessons call it right after ``load_corpus()``. Outside a notebook the
    note is printed as plain text.

    >>> corpus_note([], folder="news")  # doctest: +ELLIPSIS
    **Your own articles.** This notebook has loaded 0 articles from `news`. ...
    """
    text = note_text(corpus, folder)
    if not text:
        return
    try:
        from IPython import get_ipython
        from IPython.display import Markdown, display
    except ImportError:  # IPython comes with ipykernel; without it there is no notebook to show Markdown in
        print(text)
        return
    if get_ipython() is None:
        print(text)
    else:
        display(Markdown(text))
