"""Drafting ``catalog.csv`` and ``sides.tsv`` for a folder of articles: ``python -m framelab catalog FOLDER``.

An instructor who brings a folder of ``.txt`` articles gets a first catalog to
check rather than one to type: the columns of ``seeds/catalog.csv``, one row
per article in file-name order, with

- ``id`` and ``label`` from the file name (:mod:`framelab.folders`: the label
  keeps the outlet, ``01_cnn.txt`` → ``"cnn"``),
- a ``headline`` only where the first line looks like one
  (:func:`framelab.openings.split_headline`), else empty,
- a ``date`` only where the text states one at its top
  (:func:`framelab.openings.stated_date`), else empty,
- ``origin_notes`` empty, for the instructor, and ``sha256`` of the file.

A headline or date left empty stays empty when the corpus loads (the catalog
decides), so fill in what the rules could not see. ``sides.tsv`` (speaker, side)
is drafted where there is none yet: a comment, the header, then one row per
speaker the general attribution rules (:mod:`framelab.attribution`) find in the
folder, most quoted first, each with the side ``unknown``, so the instructor
types sides, not names (:func:`speakers_found`).

The command never overwrites a catalog: with one in the folder it stops, unless
``--force`` (the old one is kept as ``catalog.csv.bak``, or ``.bak.1``, ``.bak.2``…
when that exists: no backup is replaced) or ``--stdout`` (print the draft, write nothing).
Symbolic links in the place of either file are refused.

>>> from framelab.corpus import SEEDS
>>> rows = draft_catalog(SEEDS)
>>> [(row["id"], row["label"]) for row in rows][:2]
[('000_cede018ea78a5011', 'cede018ea78a5011'), ('001_2df777cd8a4c8b81', '2df777cd8a4c8b81')]
>>> rows[0]["headline"], rows[0]["date"]
('US sends troops to Europe', '2022-02-03')
"""

from __future__ import annotations

import argparse
import csv
import io
import os
import sys
import warnings
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

from framelab.cleaning import clean
from framelab.corpus import CATALOG_COLUMNS, CATALOG_NAME, load_corpus, read_article_text, sha256_of
from framelab.errors import CorpusError
from framelab.folders import article_files, id_from_filename, labels_from_filenames
from framelab.openings import first_line_alone, headline_problems, split_headline, stated_date
from framelab.typography import normalize
from framelab.voices import UNKNOWN, corpus_quotations

SIDES_NAME = "sides.tsv"
#: The drafted ``sides.tsv``: a comment saying what to do, then the header.
SIDES_TEMPLATE = (
    "# side defaults to unknown; fill in one row per speaker: the name as the articles write it, "
    "a tab, then the side (e.g. a country, party or organization).\n"
    "speaker\tside\n"
)
BACKUP_SUFFIX = ".bak"


def draft_row(path: Path, article_id: str, label: str) -> dict[str, str]:
    """One catalog row for the article file at ``path``, with the given id and label.

    Returns a dict with every column of :data:`framelab.corpus.CATALOG_COLUMNS`
    (str values, ``""`` where nothing is known). Raises :class:`CorpusError`
    when the file cannot be read as text (:func:`framelab.corpus.read_article_text`).

    >>> from framelab.corpus import SEEDS
    >>> row = draft_row(SEEDS / "002_818d4d6d75d55261.txt", "002", "blog")
    >>> row["headline"], row["date"], len(row["sha256"])
    ('Joe Biden orders 3,000 U.S. troops to Poland and Romania to counter Russia', '', 64)
    """
    path = Path(path)
    normalized = normalize(read_article_text(path))
    cleaned = clean(normalized)
    headline, _ = split_headline(normalized, cleaned.text)
    return {
        "id": article_id,
        "file": path.name,
        "label": label,
        "headline": headline,
        "date": stated_date(normalized, cleaned.removed),
        "origin_notes": "",
        "sha256": sha256_of(path),
    }


def draft_catalog(folder: Path) -> list[dict[str, str]]:
    """Catalog rows (:func:`draft_row`) for every article file in ``folder``, in file-name order.

    Raises :class:`CorpusError` when the folder holds no ``.txt`` file, when
    two file names give one id (``a.txt`` and ``a.TXT``), or when a file
    cannot be read as text. Warns (:class:`framelab.folders.CorpusWarning`)
    about files and subfolders that are not articles.
    """
    folder = Path(folder)
    names = article_files(folder)
    if not names:
        raise CorpusError(f"{folder} holds no .txt files. Put one UTF-8 .txt file per article in it.")
    ids = [id_from_filename(name) for name in names]
    for name, article_id in zip(names, ids):
        if ids.count(article_id) > 1:
            twins = [other for other, other_id in zip(names, ids) if other_id == article_id]
            raise CorpusError(
                f"{' and '.join(twins)} in {folder} would both get the id {article_id!r}. "
                f"Rename one of them (e.g. {article_id}_2{Path(name).suffix})."
            )
    return [draft_row(folder / name, i, label) for name, i, label in zip(names, ids, labels_from_filenames(names))]


def catalog_text(rows: list[dict[str, str]]) -> str:
    """``rows`` as the text of a ``catalog.csv``: UTF-8 CSV, header first, LF line endings.

    >>> print(catalog_text([{"id": "01_cnn", "file": "01_cnn.txt", "label": "cnn", "headline": "Troops, at last"}]))
    id,file,label,headline,date,origin_notes,sha256
    01_cnn,01_cnn.txt,cnn,"Troops, at last",,,
    <BLANKLINE>
    """
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(CATALOG_COLUMNS), lineterminator="\n", restval="")
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue()


def why_no_headline(normalized: str) -> str:
    """Why an article's ``normalized`` text gets no headline (:func:`framelab.openings.split_headline`); ``""`` when it gets one.

    >>> why_no_headline("Bridge reopens after repairs\\n\\nThe bridge reopened.")
    ''
    >>> why_no_headline("By Maria Lopez\\n\\nThe bridge reopened.")
    "its first line 'By Maria Lopez' is a byline"
    >>> why_no_headline("The bridge reopened\\non Friday.\\n\\nTraffic was light.")
    'its first line is not followed by a blank line'
    """
    if split_headline(normalized)[0]:
        return ""
    line = first_line_alone(normalized)
    if not line:
        return "its first line is not followed by a blank line"
    shown = line if len(line) <= 40 else line[:40] + "..."
    return f"its first line {shown!r} " + "; ".join(headline_problems(line))


def summary(folder: Path, rows: list[dict[str, str]]) -> str:
    """What the draft found, for the terminal: counts, then every file left without a headline and why."""
    lines = [
        f"{len(rows)} articles: {sum(bool(row['headline']) for row in rows)} with a headline, "
        f"{sum(bool(row['date']) for row in rows)} with a date stated in the text."
    ]
    missing = [
        (row["file"], why_no_headline(normalize(read_article_text(folder / row["file"]))))
        for row in rows
        if not row["headline"]
    ]
    if missing:
        lines.append("No headline (fill it in, or leave it empty to keep the whole text as body):")
        lines.extend(f"  {name}: {reason}" for name, reason in missing)
    return "\n".join(lines)


def write_drafts(folder: Path, rows: list[dict[str, str]], force: bool = False) -> list[str]:
    """Write ``catalog.csv`` (and ``sides.tsv`` when absent) into ``folder``; returns what was done, one line each.

    Raises :class:`CorpusError`, writing nothing, when ``catalog.csv`` exists and ``force`` is False, or when
    ``catalog.csv`` or ``sides.tsv`` is a symbolic link or not a regular file (the command writes only files of
    its own inside the folder). With ``force``, the existing catalog is first renamed ``catalog.csv.bak``, or
    ``catalog.csv.bak.1``, ``.bak.2``… when that exists: no earlier backup is ever replaced.
    """
    folder = Path(folder)
    catalog, sides, done = folder / CATALOG_NAME, folder / SIDES_NAME, []
    for path in (catalog, sides):
        if path.is_symlink() or (os.path.lexists(path) and not path.is_file()):
            raise CorpusError(
                f"{path} is a symbolic link or not a regular file, and this command writes only its own files inside "
                f"{folder}. Move it away (or replace it by a plain file) and run the command again."
            )
    if catalog.exists() and not force:
        raise CorpusError(
            f"{catalog} already exists, and this command never overwrites a catalog. Check that one, or run "
            f"again with --stdout to see the draft, or with --force to write the draft and keep the old "
            f"catalog as {CATALOG_NAME}{BACKUP_SUFFIX}."
        )
    if catalog.exists():
        backup = _free_backup(catalog)
        catalog.rename(backup)
        done.append(f"Kept the old catalog as {backup}.")
    catalog.write_text(catalog_text(rows), encoding="utf-8", newline="")
    done.append(f"Wrote {catalog}: check every row, headlines and dates above all.")
    if not sides.exists():  # its speakers are read through the catalog just written
        found = [speaker for speaker, _ in speakers_found(folder)]
        sides.write_text(sides_text(found), encoding="utf-8", newline="")
        done.append(f"Wrote {sides}: the {len(found)} speakers the rules found, each 'unknown'; replace 'unknown' by "
                    "their side, add any speaker missed (a speaker not listed has the side 'unknown').")
    return done


def _free_backup(catalog: Path) -> Path:
    """``catalog.csv.bak``, or the first ``catalog.csv.bak.N`` that does not exist (links and folders count)."""
    backup = catalog.with_name(CATALOG_NAME + BACKUP_SUFFIX)
    number = 0
    while os.path.lexists(backup):
        number += 1
        backup = catalog.with_name(f"{CATALOG_NAME}{BACKUP_SUFFIX}.{number}")
    return backup


def speakers_found(folder: Path) -> list[tuple[str, int]]:
    """(speaker, number of quotations) for every speaker the general rules find in ``folder``, most quoted first.

    The articles are loaded as :func:`framelab.corpus.load_corpus` loads them (warnings about other files are
    silenced: the command has shown them) and attributed with ``names=None`` (:func:`framelab.voices.find_quotations`:
    no names list, whatever the folder). Ties are in alphabetical order. Raises what ``load_corpus`` raises.

    >>> from framelab.corpus import SEEDS
    >>> speakers_found(SEEDS)[:2]
    [('John Kirby', 14), ('Alexander Grushko', 2)]
    """
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        corpus = load_corpus(folder)
    counts = Counter(q.speaker for q in corpus_quotations(corpus, names=None, sides={}) if q.speaker)
    return sorted(counts.items(), key=lambda item: (-item[1], item[0]))


def sides_text(speakers: Sequence[str]) -> str:
    """The text of a drafted ``sides.tsv``: :data:`SIDES_TEMPLATE`, then ``speaker<TAB>unknown`` per speaker.

    >>> sides_text(["Ann Lee"]).splitlines()[1:]
    ['speaker\\tside', 'Ann Lee\\tunknown']
    """
    return SIDES_TEMPLATE + "".join(f"{speaker}\t{UNKNOWN}\n" for speaker in speakers)


def main(argv: Sequence[str] | None = None) -> int:
    """``python -m framelab catalog FOLDER [--force | --stdout]``: 0 when written, 2 on bad input (nothing written)."""
    parser = argparse.ArgumentParser(
        prog="python -m framelab catalog",
        description=(
            "Draft catalog.csv (and sides.tsv, if absent) for a folder of .txt articles, for you to check: "
            "id and label from each file name (01_cnn.txt -> id 01_cnn, label cnn), a headline only where the "
            "first line looks like one, a date only where the text states one, and the file's sha256."
        ),
    )
    parser.add_argument("folder", type=Path, help="the folder that holds the .txt articles")
    choice = parser.add_mutually_exclusive_group()
    choice.add_argument(
        "--force", action="store_true",
        help=f"replace an existing catalog.csv, keeping it as catalog.csv{BACKUP_SUFFIX}",
    )  # fmt: skip
    choice.add_argument("--stdout", action="store_true", help="print the draft catalog and write no file")
    options = parser.parse_args(argv)
    folder: Path = options.folder
    try:
        if not folder.is_dir():
            what = "is a file, not a folder" if folder.exists() else "does not exist"
            raise CorpusError(f"{folder} {what}. Give the folder that holds the .txt articles.")
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            try:
                rows = draft_catalog(folder)
            finally:  # the list of files left out explains a "no .txt files" error too
                for warning in caught:
                    print(f"warning: {warning.message}", file=sys.stderr)
        if options.stdout:
            sys.stdout.write(catalog_text(rows))
            print(summary(folder, rows), file=sys.stderr)
            return 0
        done = write_drafts(folder, rows, force=options.force)
    except CorpusError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    print(summary(folder, rows))
    print("\n".join(done))
    return 0
