"""Word lists and lexicons shipped as data files in ``framelab/data/``, loaded without NLTK data.

Each file starts with a comment header saying where its entries came from;
lines starting with ``#`` are comments, one entry a line. A word list holds
one word a line (:func:`load_word_list`); a lexicon maps an entry, which may
be several words, to a category, separated by a tab (:func:`load_lexicon`).

>>> "the" in stop_words() and "troops" not in stop_words()
True
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

from framelab.errors import LexiconError

DATA = Path(__file__).resolve().parent / "data"
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
