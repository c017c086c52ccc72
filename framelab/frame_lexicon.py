"""The frame lexicon: which terms signal which frame dimension, for any corpus.

Three files make it, read in this order (a later file adds to the earlier ones):

1. ``framelab/data/frames.tsv``, the **seed lexicon**: written by reading the
   five bundled articles, 7 dimensions (``term<TAB>dimension``).
2. ``framelab/data/frames_general.tsv``, the **general lexicon**: all 15
   dimensions of the Media Frames Corpus codebook (Boydstun, Card, Gross,
   Resnik & Smith 2014; Card et al. 2015) in general news vocabulary, written
   from the codebook's definitions (``term<TAB>dimension<TAB>source``). A term
   is in only one of the two bundled files.
3. ``frames.tsv`` in the **corpus folder** (``FRAMELAB_CORPUS`` or the folder
   you name), when there is one: ``term<TAB>dimension`` and an optional
   ``<TAB>source``. Its terms are added; a term already in the lexicon moves to
   the dimension the folder's file gives it.

Terms are normalized to the lower-case word tokens ``framelab.words`` makes of
them ("Kremlin's" becomes "kremlin 's"), so every entry can match. A bad row
raises :class:`FramesError` naming the file, the line and what to write instead.

>>> lexicon = frame_lexicon()
>>> lexicon["troops"], lexicon["hate crime"], lexicon["poll"]
('Security and defense', 'Crime and punishment', 'Public opinion')
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import pandas as pd

from framelab.corpus import corpus_folder
from framelab.errors import FramelabError
from framelab.lexicons import DATA
from framelab.text import words

#: The 15 dimensions of the Media Frames Corpus codebook, in the codebook's order (Card et al. 2015, table 1).
CODEBOOK = (
    "Economic",
    "Capacity and resources",
    "Morality",
    "Fairness and equality",
    "Legality, constitutionality and jurisprudence",
    "Policy prescription and evaluation",
    "Crime and punishment",
    "Security and defense",
    "Health and safety",
    "Quality of life",
    "Cultural identity",
    "Public opinion",
    "Political",
    "External regulation and reputation",
    "Other",
)
#: The bundled lexicon files, read in this order.
SEED_FILE = DATA / "frames.tsv"
GENERAL_FILE = DATA / "frames_general.tsv"
#: The name of a corpus folder's own additions.
CORPUS_FRAMES = "frames.tsv"
#: Source note of a seed entry (its file has no source column).
SEED_SOURCE = "kept from the seed lexicon (read from the five articles)"
ENTRY_COLUMNS = ["term", "dimension", "source", "file"]

Entry = tuple[str, str, str, str]  # term, dimension, source, file


class FramesError(FramelabError):
    """Input the framing functions cannot work with; the message names the argument or the file and line."""

    # Shown as framelab.frames.FramesError in tracebacks: that is where chapter 07 imports it from.
    __module__ = "framelab.frames"


def read_frame_file(path: str | Path, default_source: str = "") -> list[Entry]:
    """Rows of one frame lexicon file: ``(term, dimension, source, file name)`` in file order.

    Each line is ``term<TAB>dimension`` or ``term<TAB>dimension<TAB>source``;
    blank lines and lines starting with ``#`` are skipped. A row without a
    source gets ``default_source``. Raises :class:`FramesError`, naming the
    file and line, for a row with the wrong number of fields, a term that has
    no words, a dimension that is not one of :data:`CODEBOOK` (the message lists
    them) or a term listed twice.

    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     path = Path(folder) / "frames.tsv"
    ...     _ = path.write_text("# my terms\\nFlood Barrier\\tSecurity and defense\\tour reading\\n", encoding="utf-8")
    ...     read_frame_file(path)
    [('flood barrier', 'Security and defense', 'our reading', 'frames.tsv')]
    """
    path = Path(path)
    if not path.is_file():
        raise FramesError(f"Frame lexicon {path} does not exist. Check the file name.")
    entries: list[Entry] = []
    seen: dict[str, int] = {}
    for number, line in enumerate(path.read_text(encoding="utf-8-sig").splitlines(), start=1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        where = f"{path}, line {number}"
        fields = [field.strip() for field in line.split("\t")]
        if len(fields) not in (2, 3) or not fields[0] or not fields[1]:
            raise FramesError(
                f"{where}: {line!r} is not 'term<TAB>dimension' (optionally '<TAB>source'). Write the term, "
                "one tab, its dimension, and if you like one more tab and a note on where the term came from; "
                "start comments with '#'."
            )
        term = " ".join(words(fields[0], lower=True))
        if not term:
            raise FramesError(f"{where}: the term {fields[0]!r} has no words, so it can never match. Write a word or phrase.")
        dimension = _codebook_name(fields[1], where)
        if term in seen:
            raise FramesError(
                f"{where}: {term!r} is already listed on line {seen[term]}. Keep one line per term "
                "(a term signals one dimension)."
            )
        seen[term] = number
        source = fields[2] if len(fields) == 3 and fields[2] else default_source
        entries.append((term, dimension, source, path.name))
    return entries


def _codebook_name(name: str, where: str) -> str:
    if name in CODEBOOK:
        return name
    close = [known for known in CODEBOOK if known.lower() == name.lower()]
    hint = f" Did you mean {close[0]!r}? Names must match exactly." if close else ""
    raise FramesError(
        f"{where}: {name!r} is not a frame dimension of the Media Frames Corpus codebook.{hint} "
        "Use one of: " + ", ".join(repr(known) for known in CODEBOOK) + "."
    )


@lru_cache(maxsize=1)
def _bundled() -> tuple[Entry, ...]:
    entries = read_frame_file(SEED_FILE, SEED_SOURCE)
    first = {term: dimension for term, dimension, _, _ in entries}
    general = read_frame_file(GENERAL_FILE)
    both = [term for term, _, _, _ in general if term in first]
    if both:
        raise FramesError(
            f"{GENERAL_FILE} repeats terms of {SEED_FILE.name}: {', '.join(both[:5])}. "
            "A term belongs to one bundled file only; remove it from one of them."
        )
    return tuple(entries + general)


@lru_cache(maxsize=8)
def _folder_file(path: str, stamp: tuple[int, int]) -> tuple[Entry, ...]:
    # ``stamp`` (modification time, size) is part of the key, so an edited file is read again.
    return tuple(read_frame_file(path, f"added in the corpus folder ({CORPUS_FRAMES})"))


def frame_entries(folder: str | Path | None = None) -> pd.DataFrame:
    """Every entry of the frame lexicon with its origin: columns ``term``, ``dimension``, ``source``, ``file``.

    One row per term, seed entries first, then the general lexicon, then the
    terms the corpus folder's ``frames.tsv`` adds. A term the folder's file
    gives another dimension keeps its place and takes the folder's dimension,
    source and file. ``folder`` is the corpus folder (default:
    ``framelab.corpus.corpus_folder()``, i.e. ``$FRAMELAB_CORPUS`` or the
    bundled articles).

    >>> table = frame_entries().set_index("term")
    >>> table.loc["troops", "file"], table.loc["poll", "file"], table.loc["poll", "source"]
    ('frames.tsv', 'frames_general.tsv', 'codebook definition: polling and demographic information')
    """
    return pd.DataFrame(list(_entries(folder).values()), columns=ENTRY_COLUMNS)


def _entries(folder: str | Path | None) -> dict[str, Entry]:
    rows = {entry[0]: entry for entry in _bundled()}
    extra = corpus_folder(folder) / CORPUS_FRAMES
    if extra.is_file():
        status = extra.stat()
        for term, dimension, source, _ in _folder_file(str(extra), (status.st_mtime_ns, status.st_size)):
            rows[term] = (term, dimension, source, str(extra))
    return rows


def frame_lexicon(folder: str | Path | None = None) -> dict[str, str]:
    """The frame lexicon, ``term -> dimension``: seed and general lexicons plus the corpus folder's ``frames.tsv``.

    ``folder`` is the corpus folder whose ``frames.tsv`` (if any) adds terms or
    moves a term to another dimension; the default is
    ``framelab.corpus.corpus_folder()``, so a notebook started with
    ``FRAMELAB_CORPUS`` set picks up that folder's file. Every call returns a
    new dict. Raises :class:`FramesError` for a bad row (file, line and what
    to write) and ``CorpusError`` when ``FRAMELAB_CORPUS`` names no folder.

    >>> lexicon = frame_lexicon()
    >>> lexicon["troops"], lexicon["nuclear weapons"], lexicon["tragic error"]
    ('Security and defense', 'Security and defense', 'Morality')
    >>> sorted(set(lexicon.values())) == sorted(CODEBOOK)
    True
    """
    return {term: entry[1] for term, entry in _entries(folder).items()}
