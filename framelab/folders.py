"""The files of a corpus folder: which are articles, and the ids and labels their names give.

An article is a ``.txt`` file (any case: ``.TXT`` and ``.Txt`` too) directly
in the folder. Everything else is listed in a :class:`CorpusWarning`, so a
``.md`` or ``.html`` article or a subfolder of articles is not left out in
silence; the corpus settings files (:data:`SETTINGS_FILES`) and hidden entries
(``.ipynb_checkpoints``, ``.DS_Store``) are expected and not listed.

Without a catalog, an article's id is its file name without the extension and
its label that name without the numbers (dates, serial numbers) at its start
and end, which leaves the outlet: ``20231117_cnn.txt`` is id
``"20231117_cnn"``, label ``"cnn"``. Ids are unique because file names are,
and stable because each depends on its own file name only.

>>> id_from_filename("20231117_cnn.txt"), label_from_filename("20231117_cnn.txt")
('20231117_cnn', 'cnn')
"""

from __future__ import annotations

import re
import warnings
from collections import Counter
from pathlib import Path

TEXT_SUFFIX = ".txt"
#: Files a corpus folder holds besides its articles: the catalog (and the copy
#: ``python -m framelab catalog --force`` keeps), the speakers' sides, extra frame terms.
SETTINGS_FILES = ("catalog.csv", "catalog.csv.bak", "sides.tsv", "frames.tsv")


class CorpusWarning(UserWarning):
    """Something in a corpus folder that is not loaded, said aloud instead of skipped in silence."""


def is_article_file(path: Path) -> bool:
    """True for a file whose extension is ``.txt`` in any case.

    >>> is_article_file(Path("a.TXT")), is_article_file(Path("a.md"))
    (True, False)
    """
    return path.suffix.lower() == TEXT_SUFFIX


def article_files(folder: Path) -> list[str]:
    """The names of the article files in ``folder``, sorted; a warning lists what else it holds.

    Returns names (str) of regular files whose extension is ``.txt`` in any
    case. Warns (:class:`CorpusWarning`) once, naming every other file and
    every subfolder, except :data:`SETTINGS_FILES` and names starting with
    ``"."``. Raises nothing itself; a missing folder gives ``[]``.

    >>> article_files(Path(__file__).parent.parent / "seeds")[:2]
    ['000_cede018ea78a5011.txt', '001_2df777cd8a4c8b81.txt']
    """
    folder = Path(folder)
    if not folder.is_dir():
        return []
    entries = sorted(folder.iterdir(), key=lambda path: path.name)
    articles = [path.name for path in entries if path.is_file() and is_article_file(path)]
    others = [
        path.name + ("/" if path.is_dir() else "")
        for path in entries
        if not (path.is_file() and is_article_file(path))
        and not path.name.startswith(".")
        and path.name not in SETTINGS_FILES
    ]
    if others:
        warnings.warn(not_loaded_message(folder, others), CorpusWarning, stacklevel=2)
    return articles


def not_loaded_message(folder: Path, names: list[str]) -> str:
    """The warning for entries of ``folder`` that are not articles: what they are and what to do.

    >>> print(not_loaded_message(Path("news"), ["a.md", "old/"]))  # doctest: +NORMALIZE_WHITESPACE
    news holds 2 entries that are not loaded as articles: a.md, old/. Only .txt files directly
    in the folder are articles: save an article as plain text (.txt, UTF-8) to include it, and
    move articles out of subfolders; leave the rest where they are if they are not articles.
    """
    return (
        f"{folder} holds {len(names)} {'entry' if len(names) == 1 else 'entries'} that "
        f"{'is' if len(names) == 1 else 'are'} not loaded as articles: {', '.join(names)}. "
        "Only .txt files directly in the folder are articles: save an article as plain text "
        "(.txt, UTF-8) to include it, and move articles out of subfolders; leave the rest where "
        "they are if they are not articles."
    )


def id_from_filename(name: str) -> str:
    """The id of an uncatalogued article: its file name without the extension.

    >>> id_from_filename("01_cnn.txt"), id_from_filename("notes.TXT")
    ('01_cnn', 'notes')
    """
    return Path(name).stem


# Numbers (serial numbers, dates such as 20231117 or 2023-11-17) and the
# separators after or before them, at the start or end of a file name.
_LEADING_NUMBERS = re.compile(r"^(?:\d+[-_. ]+)+")
_TRAILING_NUMBERS = re.compile(r"(?:[-_. ]+\d+)+$")


def label_from_filename(name: str) -> str:
    """The label of an uncatalogued article: its file name without the numbers at its start and end.

    What remains is, in a folder named like ``01_cnn.txt``, the outlet. A
    name that is only numbers keeps them all.

    >>> [label_from_filename(n) for n in ("01_cnn.txt", "2023-11-17_fox-news.txt", "bbc_20231117.txt", "42.txt")]
    ['cnn', 'fox-news', 'bbc', '42']
    """
    stem = Path(name).stem
    label = _TRAILING_NUMBERS.sub("", _LEADING_NUMBERS.sub("", stem))
    return label or stem


def labels_from_filenames(names: list[str]) -> list[str]:
    """Labels for ``names`` (:func:`label_from_filename`), unique: where several share one, each takes its id.

    >>> labels_from_filenames(["01_cnn.txt", "02_cnn.txt", "03_fox.txt"])
    ['01_cnn', '02_cnn', 'fox']
    """
    labels = [label_from_filename(name) for name in names]
    counts = Counter(labels)
    unique = [label if counts[label] == 1 else id_from_filename(name) for name, label in zip(names, labels)]
    # A shortened label could still meet another file's whole name ("2.txt", "1_2.txt"): then ids throughout.
    return unique if len(set(unique)) == len(unique) else [id_from_filename(name) for name in names]


def display_label(article_id: str, label: str) -> str:
    """How an article is named on screen: ``"id · label"``, or the id alone when the label adds nothing.

    Without a catalog the label is part of the file name, so the id already shows it
    (``"01_northern-post"``, not ``"01_northern-post · northern-post"``); a catalog's label
    ("Summary citing CNN") says what the id does not, and follows it.

    >>> display_label("000", "Summary citing CNN"), display_label("01_northern-post", "northern-post")
    ('000 · Summary citing CNN', '01_northern-post')
    >>> display_label("02_cnn", "02_cnn"), display_label("x", "")
    ('02_cnn', 'x')
    """
    return article_id if not label or label in article_id else f"{article_id} · {label}"
