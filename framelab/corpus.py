"""Loading a folder of articles, with its catalog, into plain records.

The bundled corpus is the five articles in the project's ``seeds/`` folder,
described by ``seeds/catalog.csv``; loading it verifies each file against the
checksum in the catalog. Any other folder of UTF-8 ``.txt`` files loads the
same way, with or without a ``catalog.csv`` (``python -m framelab catalog
FOLDER`` drafts one): pass the folder to :func:`load_corpus`, or set the
environment variable ``FRAMELAB_CORPUS`` to it (``make lab CORPUS=folder``
does) and every ``load_corpus()`` reads it. Loading only reads: nothing on
disk is changed.

Text flows one way (GUIDE.md §3), and this is where it starts: the file's
bytes are decoded into ``Article.raw``, exactly as written (for quoting the
source); :func:`framelab.typography.normalize` then fixes line endings,
invisible characters, Unicode composition, ellipses and dashes, and
:func:`framelab.cleaning.clean` removes the page around the article. The
result, ``Article.body``, is the one text every later module reads: the
tokenizer, the lexicons, VADER, the concordance and quotation finding. This
module is the only place that normalization is applied.

>>> corpus = load_corpus()
>>> [article.id for article in corpus]
['000', '001', '002', '003', '004']
>>> corpus[3].headline
'The US has approved the deployment of its military to Eastern Europe'
"""

from __future__ import annotations

import csv
import hashlib
import io
import os
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from framelab.cleaning import clean
from framelab.errors import ChecksumError, CorpusError
from framelab.folders import article_files, display_label, id_from_filename, labels_from_filenames
from framelab.openings import split_headline, stated_date, take_opening
from framelab.progress import progress
from framelab.sentences import register_corpus
from framelab.typography import normalize

CATALOG_NAME = "catalog.csv"
#: From how many articles :func:`load_corpus` may show a progress bar (after 2 s; framelab.progress).
PROGRESS_AT_LEAST = 100
#: The environment variable naming the folder ``load_corpus()`` reads instead of the seeds.
CORPUS_VARIABLE = "FRAMELAB_CORPUS"


def find_seeds(package: Path | None = None, start: Path | None = None) -> Path:
    """The folder of the bundled articles: the project's ``seeds/``.

    In the project folder (a clone, or ``pip install -e .``) it lies beside the
    ``framelab`` package. A wheel installed into an environment (``pip install
    .``, as a JupyterHub image is built) leaves the project folder behind, so
    then it is the ``seeds/`` holding a catalog in ``start`` (the working
    folder) or the nearest folder above it: a notebook runs inside the
    project folder that nbgitpuller or ``git clone`` made. When neither is
    found, the path beside the package is returned and :func:`load_corpus`
    says what to do.

    >>> find_seeds() == Path(__file__).resolve().parent.parent / "seeds"
    True
    """
    package = Path(__file__).resolve().parent if package is None else Path(package)
    beside = package.parent / "seeds"
    if beside.is_dir():
        return beside
    try:
        start = Path.cwd() if start is None else Path(start)
    except OSError:  # the working folder was deleted
        return beside
    for folder in (start, *start.parents):
        if (folder / "seeds" / CATALOG_NAME).is_file():
            return folder / "seeds"
    return beside


#: The bundled articles' folder, found once when framelab is imported (:func:`find_seeds`).
SEEDS = find_seeds()
CATALOG_COLUMNS = ("id", "file", "label", "headline", "date", "origin_notes", "sha256")


@dataclass(frozen=True)
class Article:
    """One article: where it came from, what the catalog says, raw and cleaned text.

    ``raw`` is the file's text exactly as decoded, for quoting the source.
    ``body`` is that text normalized (:func:`framelab.typography.normalize`)
    and cleaned, without the headline: the text every later module reads.
    ``headline`` is normalized too. ``removed`` lists, per cleaning rule, what
    was cut from the normalized text, and under ``"byline"``, ``"date_line"``
    and ``"dateline"`` (present only when something was) what was taken off
    the top of the body
    (:func:`framelab.openings.take_opening`). ``date`` is ISO (``YYYY-MM-DD``) when
    the text states a full date and ``""`` when it does not. ``folder`` is the
    absolute path of the folder :func:`load_corpus` read the article from, so
    its ``sides.tsv`` goes with it (:func:`framelab.voices.corpus_quotations`);
    ``""`` for an article made by hand. It is neither shown nor compared: two
    copies of one text in two folders are the same article.
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
    folder: str = field(default="", repr=False, compare=False)

    @property
    def display_label(self) -> str:
        """The article's name on screen: "id · label", or the id alone when it holds the label.

        >>> Article("01_cnn", "01_cnn.txt", "cnn", "", "", "Text.", "Text.").display_label
        '01_cnn'
        """
        return display_label(self.id, self.label)


def sha256_of(path: Path) -> str:
    """Hex SHA-256 of a file's bytes, the checksum ``catalog.csv`` records."""
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def read_article_text(path: Path) -> str:
    """Read one article's text, refusing binary, non-UTF-8 and empty files.

    Articles are UTF-8 (a leading byte order mark is dropped). A file saved as
    UTF-16 with a byte order mark, as Windows Notepad's "Unicode" does, is read
    too. Any other encoding is refused with the command that converts it:
    Windows-1252 and Latin-1 are told apart (:func:`guess_legacy_encoding`).
    The text is returned as decoded, line endings and all.

    >>> read_article_text(SEEDS / "003_7d0aed8490834f85.txt")[:8]
    'RU\\xa0\\xa0UA\\xa0\\xa0'
    """
    path = Path(path)
    text = _decode(path, path.read_bytes())
    if not text.strip():
        raise CorpusError(
            f"{path} is empty. Put the article's text in it or remove it from the folder."
        )
    return text


def _decode(path: Path, data: bytes) -> str:
    """UTF-8 (a leading byte order mark dropped) or UTF-16 with a byte order mark; else a CorpusError that says what the bytes are."""
    for start, kind, advice in _NOT_TEXT:
        if data.startswith(start):
            raise CorpusError(f"{path} is {kind}, not a plain-text article: {advice}, or remove it from the folder.")
    text = _decode_utf16(data)
    if text is None:
        if b"\x00" in data:
            raise _binary_file(path, data)
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError as error:
            raise CorpusError(_not_utf8_message(path, data, error.start)) from None
    elif "\x00" in text:
        raise _binary_file(path, data)
    return text


#: How files that are not text begin, and what to do with each.
_NOT_TEXT = (
    (b"%PDF", "a PDF document", "copy its text into a .txt file"),
    (b"PK\x03\x04", "a Word or other zipped document", "save it as plain text (.txt, UTF-8)"),
    (b"{\\rtf", "a rich-text (RTF) document", "save it as plain text (.txt, UTF-8)"),
)


def _binary_file(path: Path, data: bytes) -> CorpusError:
    odd, even = data[1::2], data[0::2]
    for zeros, order in ((odd, "le"), (even, "be")):
        # ASCII text in UTF-16 has a NUL in every other byte.
        if len(zeros) >= 4 and zeros.count(0) >= 0.8 * len(zeros):
            return CorpusError(
                f"{path} looks like UTF-16 text without a byte order mark, not UTF-8. Re-save it as "
                f"UTF-8, for example with `iconv -f utf-16{order} -t utf-8 {path.name} > fixed.txt`, "
                "check that fixed.txt reads right, and put it in place of the original."
            )
    return CorpusError(
        f"{path} looks like a binary file, not text (it contains NUL bytes). "
        "Keep only plain-text .txt articles in the corpus folder."
    )


def _decode_utf16(data: bytes) -> str | None:
    """The text of UTF-16 bytes that start with a byte order mark, else None."""
    if not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return None
    try:
        return data.decode("utf-16")
    except UnicodeDecodeError:
        return None


#: Bytes 0x80–0x9F that Windows-1252 leaves undefined (Python's cp1252 refuses them).
_CP1252_UNDEFINED = frozenset(b"\x81\x8d\x8f\x90\x9d")
# A well-formed UTF-8 sequence of two to four bytes: in a file that is not
# UTF-8 as a whole, its presence means the file mixes encodings.
_UTF8_SEQUENCE = re.compile(rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}")


def guess_legacy_encoding(data: bytes) -> str:
    """``"windows-1252"`` or ``"latin1"``: the single-byte encoding bytes that are not UTF-8 were most likely written in.

    The two agree on every byte except 0x80–0x9F. There Windows-1252 (what
    Windows and Word save as "ANSI") has printable characters, the curly
    quotes 0x93/0x94 among them, while Latin-1 (ISO-8859-1) has invisible
    control characters that no text uses. So bytes in that range that
    Windows-1252 defines mean Windows-1252; text without them reads the same
    in both, and Latin-1 is named. Converting a Windows-1252 file as Latin-1
    turns its curly quotes into control characters.

    >>> guess_legacy_encoding("“Café”".encode("cp1252")), guess_legacy_encoding("Café".encode("latin-1"))
    ('windows-1252', 'latin1')
    """
    high_controls = {byte for byte in data if 0x80 <= byte <= 0x9F}
    if high_controls and not high_controls & _CP1252_UNDEFINED:
        return "windows-1252"
    return "latin1"


def _not_utf8_message(path: Path, data: bytes, position: int) -> str:
    where = f"{path} is not valid UTF-8 (byte {data[position]:#04x} at position {position})."
    if _UTF8_SEQUENCE.search(data):
        return (
            f"{where} Other parts of it are UTF-8, so it mixes two encodings and no single "
            "conversion fixes it: open it in a text editor, retype the characters around that "
            "position and save it as UTF-8."
        )
    encoding = guess_legacy_encoding(data)
    if encoding == "windows-1252":
        seen = data[position : position + 1].decode("cp1252")
        guess = f"It looks like Windows-1252, where that byte is {seen!r}."
    else:
        guess = "It looks like Latin-1 (ISO-8859-1)."
    return (
        f"{where} {guess} Re-save it as UTF-8, for example with "
        f"`iconv -f {encoding} -t utf-8 {path.name} > fixed.txt`, check that fixed.txt reads "
        "right, and put it in place of the original."
    )


def read_catalog(path: Path) -> list[dict[str, str]]:
    """Read ``catalog.csv`` rows as dicts, checking its columns and ids.

    >>> [row["label"] for row in read_catalog(SEEDS / CATALOG_NAME)][:2]
    ['Summary citing CNN', 'Aggregator repost']
    """
    path = Path(path)
    # Decoded like an article: Excel's "CSV UTF-8" starts with a byte order mark,
    # its plain "CSV" is Windows-1252 on Windows.
    reader = csv.DictReader(io.StringIO(_decode(path, path.read_bytes()), newline=""))
    missing = [name for name in ("id", "file") if name not in (reader.fieldnames or [])]
    if missing:
        raise CorpusError(
            f"{path} has no {' or '.join(repr(m) for m in missing)} column. "
            f"A catalog's first line names its columns: {','.join(CATALOG_COLUMNS)}."
        )
    rows = [{key: (value or "").strip() for key, value in row.items() if key is not None} for row in reader]
    for number, row in enumerate(rows, start=2):
        if not row.get("id") or not row.get("file"):
            raise CorpusError(
                f"{path}, line {number}: the row has no {'id' if not row.get('id') else 'file'}. "
                "Every article needs an id and the name of its file."
            )
    _refuse_duplicates([row["id"] for row in rows], f"{path}")
    _refuse_duplicates([row["file"] for row in rows], f"{path}", what="file")
    return rows


def _refuse_duplicates(ids: list[str], where: str, what: str = "id") -> None:
    seen: set[str] = set()
    for article_id in ids:
        if article_id in seen:
            raise CorpusError(
                f"Duplicate article {what} {article_id!r} in {where}. "
                + (
                    "Give every article its own id (e.g. rename one file or fix the catalog)."
                    if what == "id"
                    else "List every file once in the catalog."
                )
            )
        seen.add(article_id)


def _split_headline(cleaned: str, headline: str) -> tuple[str, str]:
    """Take the catalog's headline off the cleaned text when the text opens with it."""
    first, _, rest = cleaned.partition("\n\n")
    if headline and first.strip() == headline.strip():
        return first.strip(), rest
    return headline, cleaned


def corpus_folder(folder: str | Path | None = None, environ: Mapping[str, str] | None = None) -> Path:
    """The folder :func:`load_corpus` reads: ``folder``, else ``$FRAMELAB_CORPUS``, else the seeds.

    ``environ`` is the environment to read (``os.environ`` when None). An
    empty or blank variable counts as unset. Raises :class:`CorpusError` when
    the variable names no folder, saying its name, its value and what to do;
    an explicit ``folder`` is checked by :func:`load_corpus`.

    >>> corpus_folder(environ={}) == SEEDS, str(corpus_folder("news", environ={"FRAMELAB_CORPUS": "/x"}))
    (True, 'news')
    >>> corpus_folder(environ={"FRAMELAB_CORPUS": "/no/such/folder"})  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    framelab.errors.CorpusError: The environment variable FRAMELAB_CORPUS is set to '/no/such/folder', which does not exist...
    """
    if folder is not None:
        return Path(folder)
    value = (os.environ if environ is None else environ).get(CORPUS_VARIABLE, "").strip()
    if not value:
        return SEEDS
    chosen = Path(value).expanduser()
    if not chosen.is_dir():
        where = "" if chosen.is_absolute() else f" (from the working folder {Path.cwd()}, {chosen.absolute()})"
        what = "is a file, not a folder" if chosen.exists() else "does not exist"
        raise CorpusError(
            f"The environment variable {CORPUS_VARIABLE} is set to {value!r}{where}, which {what}. "
            f"Set it to the folder that holds your .txt articles, as an absolute path (make lab CORPUS=folder "
            f"does that), or unset it for the bundled five articles: `unset {CORPUS_VARIABLE}` in a terminal, "
            f"`del os.environ[{CORPUS_VARIABLE!r}]` in a notebook."
        )
    return chosen


def load_corpus(folder: str | Path | None = None, *, verify: bool = True) -> list[Article]:
    """Load every article (``.txt`` file) in ``folder``: by default ``$FRAMELAB_CORPUS``, else the bundled seeds.

    Without ``folder``, the environment variable ``FRAMELAB_CORPUS``, when set
    and not blank, names the folder (``make lab CORPUS=folder`` and ``make
    present CORPUS=folder`` set it to an absolute path); otherwise the five
    bundled articles in ``seeds/`` load (:func:`corpus_folder`).

    Articles are the files whose extension is ``.txt`` in any case; other
    files and subfolders are listed in a :class:`framelab.folders.CorpusWarning`.
    With a ``catalog.csv`` in the folder, articles come in catalog order with
    its metadata, and every file must be catalogued and every catalogued file
    present; where the catalog gives a ``sha256``, the file must match it
    (``verify=False`` skips that check); its headline, when the text opens
    with it, is taken off the body. Without a catalog, articles come in
    file-name order; the id is the file name without extension and the label
    that name without its leading and trailing numbers, so ``20231117_cnn.txt``
    is id ``"20231117_cnn"``, label ``"cnn"`` (:mod:`framelab.folders`); the
    headline is the first line only where it looks like one
    (:func:`framelab.openings.split_headline`), else ``""`` with the whole
    text as body; the date is only one the text states at its top, a
    dateline's included (:func:`framelab.openings.stated_date`). With a
    catalog or without, bylines, date lines and a dateline at the top of the
    body go into ``Article.removed`` (:func:`framelab.openings.take_opening`).

    A folder of :data:`PROGRESS_AT_LEAST` articles or more shows a progress
    bar once loading has taken 2 seconds (:mod:`framelab.progress`).

    Raises :class:`CorpusError` for a missing folder (or one the variable
    names), a folder with no ``.txt`` file, a file that cannot be read as
    text, a catalog that does not match the folder, or duplicate ids; and
    :class:`ChecksumError` for a file that no longer matches its catalog row.

    Each article records the folder it came from (``Article.folder``, resolved), whose
    ``sides.tsv`` then gives its speakers' sides (:func:`framelab.voices.attribution_ledger`).

    >>> corpus = load_corpus()
    >>> corpus[0].date, corpus[0].headline, corpus[0].body[:21]
    ('2022-02-03', 'US sends troops to Europe', 'US President Joe Bide')
    >>> corpus[0].folder == str(SEEDS.resolve())
    True
    """
    if folder is not None and not isinstance(folder, (str, Path)):
        raise CorpusError(
            f"load_corpus(folder=...) takes the path of a folder (a str or pathlib.Path), not "
            f"{type(folder).__name__}: e.g. load_corpus('my_articles'), or load_corpus() for the bundled articles."
        )
    chosen = corpus_folder(folder)
    if folder is None and chosen == SEEDS and not SEEDS.is_dir():
        raise CorpusError(
            "framelab found no seeds/ folder with the five articles, neither beside the framelab package "
            "nor in the working folder or a folder above it. Open the notebooks from inside the Framing "
            "Lab folder (if you deleted seeds/ there, restore it with `git checkout -- seeds`), or pass "
            "a folder of articles to load_corpus()."
        )
    folder = chosen
    if not folder.exists():
        raise CorpusError(
            f"Corpus folder {folder} does not exist. Check the path, or call "
            "load_corpus() with no argument for the bundled five articles."
        )
    if not folder.is_dir():
        raise CorpusError(f"{folder} is a file, not a folder. Pass the folder that holds the .txt articles.")
    files = article_files(folder)
    if not files:
        raise CorpusError(
            f"Corpus folder {folder} holds no .txt files. Put one UTF-8 .txt file per article in it."
        )
    catalog_path = folder / CATALOG_NAME
    if catalog_path.exists():
        rows = read_catalog(catalog_path)
        _check_catalog_covers(rows, files, catalog_path)
    else:
        rows = [
            {"id": id_from_filename(name), "file": name, "label": label}
            for name, label in zip(files, labels_from_filenames(files))
        ]
        _refuse_duplicates([row["id"] for row in rows], f"the file names in {folder}")
    articles = []
    # A bar only for a big folder that takes longer than framelab.progress.DELAY (2 s):
    # the five bundled articles never show one, so lesson outputs stay the same.
    with progress(len(rows), "loading articles", at_least=PROGRESS_AT_LEAST, unit="article") as bar:
        for row in rows:
            articles.append(_load_article(folder, row, verify))
            bar.update(1)
    # Punkt learns this corpus's abbreviations and sentence starters once, here;
    # split_sentences(article.body) then uses them (framelab.sentences).
    register_corpus([article.body for article in articles])
    return articles


def _check_catalog_covers(rows: list[dict[str, str]], files: list[str], catalog: Path) -> None:
    catalogued = [row["file"] for row in rows]
    absent = [name for name in catalogued if name not in files]
    not_text = [name for name in absent if (catalog.parent / name).is_file()]
    if not_text:
        raise CorpusError(
            f"{catalog} lists {', '.join(not_text)}, which is not a .txt file. Articles are plain-text "
            ".txt files: save it as one (UTF-8) and put the new name in the catalog, or remove its row."
        )
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


def only_line_endings_differ(data: bytes, expected: str) -> bool:
    """True when ``data`` has CRLF line endings and, with them turned into LF, the SHA-256 ``expected``.

    >>> only_line_endings_differ(b"a\\r\\nb", hashlib.sha256(b"a\\nb").hexdigest())
    True
    """
    return b"\r\n" in data and hashlib.sha256(data.replace(b"\r\n", b"\n")).hexdigest() == expected


def verify_checksum(path: Path, expected: str) -> None:
    """Raise :class:`ChecksumError` unless the file's SHA-256 is ``expected``.

    The message says how to restore the original bytes. When only the line
    endings differ (the file's bytes with CRLF turned into LF match), it says
    so: a Windows checkout with ``core.autocrlf`` or an editor converted them,
    and a plain ``git checkout`` would leave the file as it is.

    >>> verify_checksum(SEEDS / "000_cede018ea78a5011.txt", "0" * 64)  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    framelab.errors.ChecksumError: ...000_cede018ea78a5011.txt has changed: ...
    """
    path = Path(path)
    data = path.read_bytes()
    if hashlib.sha256(data).hexdigest() == expected:
        return
    name = f"seeds/{path.name}" if path.parent.name == "seeds" else str(path)
    catalog = path.parent / CATALOG_NAME
    if only_line_endings_differ(data, expected):
        convert = (
            "python -c \"import pathlib; p = pathlib.Path('" + name + "'); "
            "p.write_bytes(p.read_bytes().replace(b'\\r\\n', b'\\n'))\""
        )
        raise ChecksumError(
            f"{path} has Windows line endings (CRLF) where the original has LF: with CRLF turned "
            f"back into LF it matches {catalog}, so only the line endings changed (Git's "
            "core.autocrlf setting or an editor converted them). Restore the original bytes from "
            "the project folder: run `git config core.autocrlf false`, delete the file and run "
            f"`git checkout -- {name}` (a plain checkout leaves a converted file as it is), or "
            f"convert it in place with `{convert}`. Or pass verify=False: the text loads the same "
            "with either line ending."
        )
    restore = (
        f"restore it with `git checkout -- {name}`"
        if path.parent.name == "seeds"
        # A folder of the user's own: git may not know it, and the catalog may be the stale side.
        else "restore the file from your original copy, or, if you changed it on purpose, put its new "
        f"SHA-256 ({hashlib.sha256(data).hexdigest()}) in the catalog's sha256 column"
    )
    raise ChecksumError(
        f"{path} has changed: its SHA-256 no longer matches {catalog}. "
        f"The articles must stay byte-identical; {restore} "
        "(or pass verify=False to study a modified copy)."
    )


def _load_article(folder: Path, row: dict[str, str], verify: bool) -> Article:
    path = folder / row["file"]
    expected = row.get("sha256", "")
    if verify and expected:
        verify_checksum(path, expected)
    raw = read_article_text(path)
    # The one place text is normalized (framelab.typography): every later
    # module reads the normalized, cleaned body; raw stays as the file has it.
    normalized = normalize(raw)
    cleaned = clean(normalized)
    if "headline" in row:  # the catalog decides, even when it leaves the headline empty
        headline, body = _split_headline(cleaned.text, normalize(row["headline"]))
    else:
        headline, body = split_headline(normalized, cleaned.text)
    # Bylines, date lines and a dateline are read off the top of the body too
    # (framelab.openings), so they do not count as the article's words; with a catalog or
    # without, so a drafted catalog loads the folder as it loaded without one.
    body, opening = take_opening(body)
    # Only kinds that took something: Article.removed stays clean()'s report where nothing was taken.
    removed = {**cleaned.removed, **{kind: taken for kind, taken in opening.items() if taken}}
    return Article(
        id=row["id"],
        file=row["file"],
        label=row.get("label") or row["id"],
        headline=headline,
        date=row["date"] if "date" in row else stated_date(normalized, cleaned.removed),
        raw=raw,
        body=body,
        origin_notes=row.get("origin_notes", ""),
        removed=removed,
        # Resolved, so a relative folder still names the same place after the working folder changes.
        folder=str(folder.resolve()),
    )
