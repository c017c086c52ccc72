"""Word lists and lexicons shipped as data files in ``framelab/data/``, loaded without NLTK data.

Each file starts with a comment header saying where its entries came from;
lines starting with ``#`` are comments, one entry a line. A word list holds
one word a line (:func:`load_word_list`); a lexicon maps an entry, which may
be several words, to a category, separated by a tab (:func:`load_lexicon`).

One file is not a list: ``quotations_annotated.json`` is chapter 06's answer
key, a hand annotation of the quotations in the five bundled articles. JSON has
no comment lines, so it says where it came from in its ``"source"`` field;
load it with :func:`annotated_quotations`.

>>> "the" in stop_words() and "troops" not in stop_words()
True
"""

from __future__ import annotations

import json
import re
from functools import lru_cache
from pathlib import Path

from framelab.errors import LexiconError

DATA = Path(__file__).resolve().parent / "data"
QUOTATIONS_ANNOTATED = DATA / "quotations_annotated.json"
_ANNOTATION_KEYS = ("source", "description", "unmatched_marks", "quotations")
_ENTRY = re.compile(r"^[\w'’.-]+$")


def load_word_list(path: str | Path) -> list[str]:
    """Entries of a one-word-a-line data file, in file order, comments skipped.

    A line holding spaces or symbols is refused with its file and line number.

    >>> load_word_list(DATA / "stopwords_en.txt")[:3]
    ['a', 'about', 'above']
    """
    path = Path(path)
    if not path.is_file():
        raise LexiconError(f"Word list {path} does not exist. Check the file name in framelab/data/.")
    entries = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        entry = line.strip()
        if not entry or entry.startswith("#"):
            continue
        if not _ENTRY.match(entry):
            raise LexiconError(
                f"{path}, line {number}: {line!r} is not a single word. "
                "Write one word a line; start comments with '#'."
            )
        entries.append(entry)
    return entries


@lru_cache(maxsize=1)
def stop_words() -> frozenset[str]:
    """The project's English stop words (``framelab/data/stopwords_en.txt``), lower case."""
    return frozenset(load_word_list(DATA / "stopwords_en.txt"))


def load_lexicon(path: str | Path) -> dict[str, str]:
    """Entries of a tab-separated ``entry<TAB>category`` data file, in file order.

    Entries are lower-cased and may hold several words ("military build-up").
    A line without exactly one tab, an empty entry or category, or an entry
    listed twice is refused with its file and line number.

    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     path = Path(folder) / "verbs.tsv"
    ...     _ = path.write_text("# verb, group\\nsaid\\tneutral\\nClaimed\\tdoubt\\n", encoding="utf-8")
    ...     load_lexicon(path)
    {'said': 'neutral', 'claimed': 'doubt'}
    """
    path = Path(path)
    if not path.is_file():
        raise LexiconError(f"Lexicon {path} does not exist. Check the file name in framelab/data/.")
    entries: dict[str, str] = {}
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        fields = [field.strip() for field in line.split("\t")]
        if len(fields) != 2 or not all(fields):
            raise LexiconError(
                f"{path}, line {number}: {line!r} is not 'entry<TAB>category'. "
                "Write one entry a line, a single tab, then its category; start comments with '#'."
            )
        entry = " ".join(fields[0].lower().split())
        if entry in entries:
            raise LexiconError(
                f"{path}, line {number}: {entry!r} is listed twice. Keep one line per entry."
            )
        entries[entry] = fields[1]
    return entries


def annotated_quotations(path: str | Path = QUOTATIONS_ANNOTATED) -> dict:
    """The hand annotation of every direct quotation in the five bundled articles (chapter 06's answer key).

    Made by the project's maintainers by reading the articles in ``seeds/``
    before ``framelab.voices`` was written, so it can measure the extraction
    (precision and recall) instead of echoing it. It is lesson data, shipped in
    the package, so a copy of the lessons without ``tests/`` still runs.

    Returns a dict with ``"source"`` (who made it and for which texts) and
    ``"description"`` (the annotation rules) as str; ``"unmatched_marks"``,
    article id -> list of character offsets (int) of quotation marks that close
    nothing; and ``"quotations"``, a list of dicts with ``article`` (str id),
    ``start`` and ``end`` (int character offsets into that article's body:
    the opening mark and just after the closing mark), ``text`` (the words
    between the marks), ``speaker`` and ``verb`` (str, ``""`` when the text
    names none) and, for some, a ``note``. Offsets fit the bundled articles
    only: another corpus (``FRAMELAB_CORPUS``) needs an annotation of its own.

    Raises LexiconError when the file is missing, is not JSON, or lacks one of
    the four keys above.

    >>> annotation = annotated_quotations()
    >>> first = annotation["quotations"][0]
    >>> first["article"], first["speaker"], first["end"] - first["start"] == len(first["text"]) + 2
    ('000', 'Russia', True)
    """
    path = Path(path)
    if not path.is_file():
        raise LexiconError(f"Annotation {path} does not exist. Check the file name in framelab/data/.")
    try:
        annotation = json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as error:
        raise LexiconError(
            f"{path}, line {error.lineno}: not valid JSON ({error.msg}). Fix the file or restore it from git."
        ) from None
    missing = [key for key in _ANNOTATION_KEYS if not isinstance(annotation, dict) or key not in annotation]
    if missing:
        raise LexiconError(
            f"{path} lacks {', '.join(repr(key) for key in missing)}: an annotation holds "
            f"{', '.join(_ANNOTATION_KEYS)}. Restore it from git."
        )
    return annotation
