"""Loading a folder of articles, with its catalog, into plain records.

The bundled corpus is the five articles in the project's ``seeds/`` folder,
described by ``seeds/catalog.csv``; loading it verifies each file against the
checksum in the catalog. Any other folder of UTF-8 ``.txt`` files loads the
same way, with or without a ``catalog.csv``. Loading only reads: nothing on
disk is changed.

>>> corpus = load_corpus()
>>> [article.id for article in corpus]
['000', '001', '002', '003', '004']
>>> corpus[3].headline
'The US has approved the deployment of its military to Eastern Europe'
"""

from __future__ import annotations

import csv
import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path

from framelab.cleaning import clean
from framelab.errors import ChecksumError, CorpusError

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
CATALOG_NAME = "catalog.csv"
CATALOG_COLUMNS = ("id", "file", "label", "headline", "date", "origin_notes", "sha256")


@dataclass(frozen=True)
class Article:
    """One article: where it came from, what the catalog says, raw and cleaned text.

    ``body`` is the cleaned text without the headline; ``removed`` lists, per
    cleaning rule, what was cut from ``raw``. ``date`` is ISO (``YYYY-MM-DD``)
    when the text states a full date and ``""`` when it does not.
    """

    id: str
    file: str
    label: str
    headline: str
    date: str
    raw: str
    body: str
    origin_notes: str = ""
    removed: dict[str, list[str]] = field(default_factory=dict, repr=False)


def sha256_of(path: Path) -> str:
    """Hex SHA-256 of a file's bytes, the checksum ``catalog.csv`` records."""
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def read_article_text(path: Path) -> str:
    """Read one article as UTF-8 text, refusing binary, non-UTF-8 and empty files.

    >>> read_article_text(SEEDS / "003_7d0aed8490834f85.txt")[:8]
    'RU\\xa0\\xa0UA\\xa0\\xa0'
    """
    path = Path(path)
    data = path.read_bytes()
    if b"\x00" in data:
        raise CorpusError(
            f"{path} looks like a binary file, not text (it contains NUL bytes). "
            "Keep only plain-text .txt articles in the corpus folder."
        )
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise CorpusError(
            f"{path} is not valid UTF-8 (byte {data[error.start]:#04x} at position "
            f"{error.start}). Re-save it as UTF-8, for example with "
            f"`iconv -f latin1 -t utf-8 {path.name} > fixed.txt`."
        ) from None
    if not text.strip():
        raise CorpusError(
            f"{path} is empty. Put the article's text in it or remove it from the folder."
        )
    return text


def read_catalog(path: Path) -> list[dict[str, str]]:
    """Read ``catalog.csv`` rows as dicts, checking its columns and ids.

    >>> [row["label"] for row in read_catalog(SEEDS / CATALOG_NAME)][:2]
    ['Summary citing CNN', 'Aggregator repost']
    """
    path = Path(path)
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        missing = [name for name in ("id", "file") if name not in (reader.fieldnames or [])]
        if missing:
            raise CorpusError(
                f"{path} has no {' or '.join(repr(m) for m in missing)} column. "
                f"A catalog's first line names its columns: {','.join(CATALOG_COLUMNS)}."
            )
        rows = [{key: (value or "") for key, value in row.items()} for row in reader]
    _refuse_duplicates([row["id"] for row in rows], f"{path}")
    return rows


def _refuse_duplicates(ids: list[str], where: str) -> None:
    seen: set[str] = set()
    for article_id in ids:
        if article_id in seen:
            raise CorpusError(
                f"Duplicate article id {article_id!r} in {where}. "
                "Give every article its own id (e.g. rename one file or fix the catalog)."
            )
        seen.add(article_id)


def id_from_filename(name: str) -> str:
    """The id of an uncatalogued article: its leading number, else its file stem.

    >>> id_from_filename("004_7f6624b96359c901.txt"), id_from_filename("notes.txt")
    ('004', 'notes')
    """
    stem = Path(name).stem
    match = re.match(r"(\d+)_", stem)
    return match.group(1) if match else stem


def _split_headline(cleaned: str, headline: str) -> tuple[str, str]:
    """Take the headline off the cleaned text; without a catalog it is the first line."""
    first, _, rest = cleaned.partition("\n\n")
    if not headline or first.strip() == headline.strip():
        return first.strip(), rest
    return headline, cleaned


def _stated_date(removed: dict[str, list[str]]) -> str:
    stamps = removed.get("date_stamp", [])
    return stamps[0].removeprefix("date").strip() if stamps else ""


def load_corpus(folder: str | Path | None = None, *, verify: bool = True) -> list[Article]:
    """Load every ``.txt`` article in ``folder`` (the bundled seeds by default).

    With a ``catalog.csv`` in the folder, articles come in catalog order with
    its metadata, and every file must be catalogued and every catalogued file
    present; where the catalog gives a ``sha256``, the file must match it
    (``verify=False`` skips that check). Without a catalog, articles come in
    file-name order, the id is the file's leading number, the headline its
    first line and the date only what a ``date YYYY-MM-DD`` stamp states.

    >>> corpus = load_corpus()
    >>> corpus[0].date, corpus[0].headline, corpus[0].body[:21]
    ('2022-02-03', 'US sends troops to Europe', 'US President Joe Bide')
    """
    folder = SEEDS if folder is None else Path(folder)
    if not folder.exists():
        raise CorpusError(
            f"Corpus folder {folder} does not exist. Check the path, or call "
            "load_corpus() with no argument for the bundled five articles."
        )
    if not folder.is_dir():
        raise CorpusError(f"{folder} is a file, not a folder. Pass the folder that holds the .txt articles.")
    files = sorted(path.name for path in folder.glob("*.txt") if path.is_file())
    if not files:
        raise CorpusError(
            f"Corpus folder {folder} holds no .txt files. Put one UTF-8 .txt file per article in it."
        )
    catalog_path = folder / CATALOG_NAME
    if catalog_path.exists():
        rows = read_catalog(catalog_path)
        _check_catalog_covers(rows, files, catalog_path)
    else:
        rows = [{"id": id_from_filename(name), "file": name} for name in files]
        _refuse_duplicates([row["id"] for row in rows], f"the file names in {folder}")
    return [_load_article(folder, row, verify) for row in rows]


def _check_catalog_covers(rows: list[dict[str, str]], files: list[str], catalog: Path) -> None:
    catalogued = [row["file"] for row in rows]
    absent = [name for name in catalogued if name not in files]
    if absent:
        raise CorpusError(
            f"{catalog} lists {', '.join(absent)}, which is not in {catalog.parent}. "
            "Restore the file or remove its row from the catalog."
        )
    uncatalogued = [name for name in files if name not in catalogued]
    if uncatalogued:
        raise CorpusError(
            f"{', '.join(uncatalogued)} in {catalog.parent} is missing from {catalog}. "
            "Add a row for it to the catalog (or move the file out of the folder)."
        )


def _load_article(folder: Path, row: dict[str, str], verify: bool) -> Article:
    path = folder / row["file"]
    expected = row.get("sha256", "")
    if verify and expected and sha256_of(path) != expected:
        raise ChecksumError(
            f"{path} has changed: its SHA-256 no longer matches {folder / CATALOG_NAME}. "
            "The articles must stay byte-identical; restore it with `git checkout -- "
            f"seeds/{path.name}` (or pass verify=False to study a modified copy)."
        )
    raw = read_article_text(path)
    cleaned = clean(raw)
    headline, body = _split_headline(cleaned.text, row.get("headline", ""))
    return Article(
        id=row["id"],
        file=row["file"],
        label=row.get("label") or row["id"],
        headline=headline,
        date=row["date"] if "date" in row else _stated_date(cleaned.removed),
        raw=raw,
        body=body,
        origin_notes=row.get("origin_notes", ""),
        removed=cleaned.removed,
    )
