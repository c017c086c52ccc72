"""Whose side a speaker is on: the corpus folder's ``sides.tsv``, edited by the instructor (issue 13).

Sides are never inferred from the words of a name ("Washington Post editor Ann Lee" is not the US): a speaker
has the side its row in ``sides.tsv`` gives, and ``"unknown"`` (:data:`framelab.quotation.UNKNOWN`) when no row
lists it. ``python -m framelab catalog FOLDER`` drafts the file with the speakers the general rules find, each
``unknown``, for the instructor to fill in. The five bundled articles take their sides from chapter 06's names
table (``framelab/data/speakers.tsv``) instead.

The file: UTF-8 text, one ``speaker<TAB>side`` row per speaker, an optional header ``speaker<TAB>side``, blank
lines and lines starting with ``#`` skipped, further columns (a role, a note) ignored. A speaker matches a row
when the names are equal ignoring case and repeated spaces: "Marek Sobel" does not match a row "Sobel".

>>> sides = parse_sides("speaker\\tside\\nMarek Sobel\\tOsterland\\n", "sides.tsv")
>>> side_for("marek  sobel", sides), side_for("Sobel", sides), side_for("", sides)
('Osterland', 'unknown', '')
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import lru_cache
from pathlib import Path

from framelab.corpus import corpus_folder
from framelab.quotation import UNKNOWN, VoicesError

#: The file name of a corpus folder's sides table.
SIDES_NAME = "sides.tsv"
_HEADER = ("speaker", "side")


def speaker_key(speaker: str) -> str:
    """The form a speaker is matched by: lower case, runs of spaces made one.

    >>> speaker_key("  Marek\\u00a0SOBEL ")
    'marek sobel'
    """
    return " ".join(speaker.casefold().split())


def parse_sides(text: str, where: str = SIDES_NAME) -> dict[str, str]:
    """``speaker_key(speaker) -> side`` from the text of a ``sides.tsv`` (format in the module docstring).

    ``where`` names the file in error messages. Raises :class:`framelab.voices.VoicesError`, naming the file and
    line and saying what to write, for a row without a tab-separated side, an empty speaker or side, or a speaker
    listed twice with two different sides (listing one twice with the same side is harmless).

    >>> parse_sides("# sides\\nAnn Lee\\tTarn\\tmayor\\nann lee\\tTarn\\n")
    {'ann lee': 'Tarn'}
    >>> parse_sides("Ann Lee Tarn\\n", "news/sides.tsv")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    framelab.voices.VoicesError: news/sides.tsv, line 1: 'Ann Lee Tarn' has no tab between the speaker and the side...
    """
    sides: dict[str, str] = {}
    lines: dict[str, int] = {}
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        fields = [field.strip() for field in line.split("\t")]
        if tuple(field.casefold() for field in fields[:2]) == _HEADER:
            continue
        at = f"{where}, line {number}"
        if len(fields) < 2:
            raise VoicesError(
                f"{at}: {line.strip()!r} has no tab between the speaker and the side. Write the speaker's name as the "
                "articles write it, one tab, then the side (e.g. 'Marek Sobel<TAB>Osterland'); spaces are not tabs."
            )
        speaker, side = fields[0], fields[1]
        if not speaker or not side:
            missing = "speaker" if not speaker else "side"
            raise VoicesError(
                f"{at}: the {missing} is empty in {line.strip()!r}. Write both a speaker and a side, or the side "
                f"'{UNKNOWN}' (the default), or delete the line."
            )
        key = speaker_key(speaker)
        if key in sides and sides[key] != side:
            raise VoicesError(
                f"{at}: {speaker!r} is already listed on line {lines[key]} with the side {sides[key]!r}, here "
                f"{side!r}. A speaker has one side: keep one of the two lines."
            )
        sides.setdefault(key, side)
        lines.setdefault(key, number)
    return sides


def read_sides(path: str | Path) -> dict[str, str]:
    """``speaker_key(speaker) -> side`` from the ``sides.tsv`` file at ``path`` (see :func:`parse_sides`).

    Raises :class:`framelab.voices.VoicesError` when the file does not exist, is not UTF-8 text (the message
    gives the line of the first bad byte and says how to save the file as UTF-8), or has a bad row.

    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     path = Path(folder) / "sides.tsv"
    ...     _ = path.write_bytes("Zoë Brandt\\tVeldria\\n".encode("cp1252"))
    ...     read_sides(path)  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    framelab.voices.VoicesError: .../sides.tsv, line 1: the file is not UTF-8 text...
    """
    path = Path(path)
    if not path.is_file():
        raise VoicesError(f"{path} does not exist. Give the sides.tsv of a corpus folder, or the folder itself.")
    status = path.stat()
    return dict(_read_cached(str(path), (status.st_mtime_ns, status.st_size)))


@lru_cache(maxsize=8)
def _read_cached(path: str, stamp: tuple[int, int]) -> tuple[tuple[str, str], ...]:
    # ``stamp`` (modification time, size) is part of the key, so an edited file is read again.
    data = Path(path).read_bytes()
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise VoicesError(
            f"{path}, line {line}: the file is not UTF-8 text (byte {data[error.start]:#04x} cannot be read). "
            "Save it again as UTF-8 (in Excel: 'Unicode Text' or 'CSV UTF-8'; in a text editor: encoding UTF-8)."
        ) from None
    return tuple(parse_sides(text, path).items())


def corpus_sides(folder: str | Path | None = None) -> dict[str, str]:
    """The sides of a corpus folder's ``sides.tsv``; ``{}`` when the folder has none.

    ``folder`` is the corpus folder, or a ``sides.tsv`` file; the default is
    :func:`framelab.corpus.corpus_folder` (``$FRAMELAB_CORPUS``, else the bundled articles, which have no
    ``sides.tsv``: their sides are in chapter 06's names table). Raises as :func:`read_sides` for a bad file.

    >>> corpus_sides(Path("no/such/folder"))
    {}
    """
    path = corpus_folder(folder)
    if path.suffix.lower() != ".tsv":
        path = path / SIDES_NAME
    return read_sides(path) if path.is_file() else {}


def side_for(speaker: str, sides: Mapping[str, str], fallback: str = UNKNOWN) -> str:
    """The side of ``speaker`` in ``sides`` (keys as :func:`speaker_key` makes them); ``""`` for no speaker.

    A speaker not listed gets ``fallback`` (``"unknown"``). Never looks inside a name: only the whole name
    matches.

    >>> side_for("Washington Post editor Ann Lee", {"washington": "US"}), side_for("", {})
    ('unknown', '')
    """
    if not speaker:
        return ""
    return sides.get(speaker_key(speaker), fallback)
