"""Word lists shipped as data files in ``framelab/data/``, loaded without NLTK data.

Each file starts with a comment header saying where its words came from;
lines starting with ``#`` are comments, one entry a line.

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
