"""Finding the submitted notebooks in a folder, and reading one.

Two layouts are accepted, and may be mixed in one folder::

    folder/<student-id>/<NN-slug>/<NN-slug>.ipynb    one folder per student and chapter
    folder/<student-id>/<NN-slug>.ipynb              one folder per student
    folder/<student-id>_<NN-slug>.ipynb              flat, as a learning platform's download gives them

A chapter folder holding a single notebook under another name
(``Untitled.ipynb``) is graded and flagged. Only names are looked at here:
whether a file really is a notebook of that chapter is checked later.

Student ids are compared in Unicode NFC form: macOS writes ``é`` in file
names as ``e`` + a combining accent (NFD), so the same student can arrive
under two byte-different folder names.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Iterable
from pathlib import Path

import nbformat

from tools.exercises import CHAPTER
from tools.grading.results import Problem, Submission

FLAT = re.compile(r"^(?P<student>.+)_(?P<chapter>\d{2}-[a-z0-9-]+)\.ipynb$")
# Never submissions: what Jupyter, macOS, Windows, Python and git leave behind.
SKIPPED = frozenset({".ipynb_checkpoints", "__MACOSX", "__pycache__", ".DS_Store", ".git", "Thumbs.db"})
LAYOUT = "expected <student-id>/<NN-slug>/<NN-slug>.ipynb or <student-id>_<NN-slug>.ipynb"
_COUNT = {2: "two", 3: "three", 4: "four"}


def student_id(raw: str) -> str:
    """The id a student is graded under: ``raw`` in Unicode NFC form.

    >>> student_id("Jose\\u0301") == "Jos\\u00e9"
    True
    """
    return unicodedata.normalize("NFC", raw)


def skipped(path: Path) -> bool:
    """Is ``path`` something no student handed in (a checkpoint folder, a macOS resource fork)?

    AppleDouble files (``._name``, macOS's metadata written beside each file
    in an archive) are skipped too: they are binary and never a notebook.

    >>> [skipped(Path(n)) for n in ("__MACOSX", "Thumbs.db", "._ana_01-x.ipynb", ".ana")]
    [True, True, True, False]
    """
    return path.name in SKIPPED or path.name.startswith("._")


def _visible(path: Path) -> bool:
    """Below the student level, hidden files are editors' and systems' droppings, as before."""
    return not path.name.startswith(".") and path.name not in SKIPPED


def id_flags(raw: str, where: str = "folder") -> tuple[str, ...]:
    """Flags about a student id as written (``where``: "folder" or "file", what the dot hides).

    >>> id_flags(".ana")
    ("student id starts with '.', which hides the folder on Linux and macOS",)
    >>> id_flags("ana")
    ()
    """
    if raw.startswith("."):
        return (f"student id starts with '.', which hides the {where} on Linux and macOS",)
    return ()


def _found(folder: Path, known: set[str]) -> tuple[list[tuple[str, str, Path, tuple[str, ...]]], list[Problem]]:
    """Every (raw id, chapter, path, flags) the layouts name, and what fits no layout.

    Unknown chapters and unusable ids are already Problems here.
    """
    found: list[tuple[str, str, Path, tuple[str, ...]]] = []
    problems: list[Problem] = []

    def where(path: Path) -> str:
        return str(path.relative_to(folder))

    def add(raw: str, chapter: str, path: Path, flags: tuple[str, ...] = ()) -> None:
        if raw in (".", ".."):  # cannot name a feedback folder
            problems.append(Problem(raw, chapter, where(path), (
                f"student id {raw!r} cannot be used as a folder name: rename it to the student's id."
            )))
        elif chapter not in known:
            problems.append(Problem(student_id(raw), chapter, where(path), (
                f"unknown chapter {chapter!r}: the chapters are {', '.join(sorted(known))}."
            )))
        else:
            found.append((raw, chapter, path, flags))

    for entry in sorted(e for e in folder.iterdir() if not skipped(e)):
        if entry.is_file():
            match = FLAT.match(entry.name)
            if match:
                add(match["student"], match["chapter"], entry, id_flags(match["student"], "file"))
            else:
                problems.append(Problem("", "", where(entry), f"not a submission: {LAYOUT}."))
            continue
        raw = entry.name
        flags = id_flags(raw)
        for item in sorted(filter(_visible, entry.iterdir())):
            if item.is_file() and CHAPTER.match(item.stem) and item.suffix == ".ipynb":
                add(raw, item.stem, item, flags)  # folder/<student>/<NN-slug>.ipynb
            elif item.is_dir() and CHAPTER.match(item.name):
                notebooks = sorted(p for p in item.iterdir() if p.is_file() and p.suffix == ".ipynb" and _visible(p))
                expected = item / f"{item.name}.ipynb"
                if expected in notebooks:
                    add(raw, item.name, expected, flags)
                elif len(notebooks) == 1:
                    add(raw, item.name, notebooks[0], (*flags, f"submitted as {notebooks[0].name}"))
                else:
                    others = sorted(p.name for p in item.iterdir() if _visible(p))
                    problems.append(Problem(student_id(raw), item.name, where(item), (
                        f"no notebook {item.name}.ipynb in this folder (found: {', '.join(others) or 'nothing'})."
                    )))
            else:
                problems.append(Problem(student_id(raw), "", where(item), f"not a submission: {LAYOUT}."))
    return found, problems


def _unicode_flags(found: Iterable[tuple[str, str, Path, tuple[str, ...]]]) -> dict[str, str]:
    """NFC id -> the flag for ids that arrived in more than one Unicode form.

    The forms are shown with ``ascii()``: printed plainly they look identical.

    >>> _unicode_flags([("Jos\\u00e9", "01-x", Path("a"), ()), ("Jose\\u0301", "02-y", Path("b"), ())])["Jos\\u00e9"]
    "student id 'José' written in two Unicode forms ('Jose\\\\u0301', 'Jos\\\\xe9'); graded as one student"
    """
    forms: dict[str, set[str]] = {}
    for raw, *_ in found:
        forms.setdefault(student_id(raw), set()).add(raw)
    return {
        nfc: (
            f"student id {nfc!r} written in {_COUNT.get(len(raws), str(len(raws)))} Unicode forms "
            f"({', '.join(ascii(r) for r in sorted(raws))}); graded as one student"
        )
        for nfc, raws in forms.items()
        if len(raws) > 1
    }


def collect(folder: Path, known: Iterable[str]) -> tuple[list[Submission], list[Problem]]:
    """The notebooks in ``folder`` to grade, and what cannot be graded, both sorted.

    ``known`` are the chapter names (``NN-slug``) that exist in solutions/.
    Returns ``(submissions, problems)``: one :class:`Submission` per student
    (NFC id) and chapter, sorted by student and chapter; a :class:`Problem`
    for each file that fits no layout, each unknown chapter, each chapter
    folder without a notebook, and each older copy of a chapter a student
    handed in twice (the newest file, by modification time, is graded).
    Raises OSError only if ``folder`` cannot be listed.

    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     for name in ("ana/01-x/01-x.ipynb", "bo_01-x.ipynb", "notes.txt"):
    ...         (Path(tmp) / name).parent.mkdir(parents=True, exist_ok=True)
    ...         _ = (Path(tmp) / name).write_text("{}")
    ...     found, problems = collect(Path(tmp), ["01-x"])
    >>> [(s.student, s.chapter, s.path.name) for s in found]
    [('ana', '01-x', '01-x.ipynb'), ('bo', '01-x', 'bo_01-x.ipynb')]
    >>> [(p.path, p.message[:17]) for p in problems]
    [('notes.txt', 'not a submission:')]
    """
    folder = Path(folder)
    found, problems = _found(folder, set(known))
    unicode = _unicode_flags(found)
    groups: dict[tuple[str, str], list[tuple[float, str, str, Path, tuple[str, ...]]]] = {}
    for raw, chapter, path, flags in found:
        key = (student_id(raw), chapter)
        groups.setdefault(key, []).append((path.stat().st_mtime, str(path.relative_to(folder)), raw, path, flags))
    submissions = []
    for (student, chapter), copies in sorted(groups.items()):
        copies.sort(key=lambda c: (c[0], c[1]))  # the newest last; the same time: the last path
        mtime, where, _, path, flags = copies[-1]
        if student in unicode:
            flags = (*flags, unicode[student])
        submissions.append(Submission(student, chapter, path, flags, mtime))
        for _, older, *_ in copies[:-1]:
            problems.append(Problem(student, chapter, older, (
                f"an older copy of {chapter} for this student; graded {where} (newer) instead."
            )))
    problems.sort(key=lambda p: (p.student, p.chapter, p.path))
    return submissions, problems


def read_submission(path: Path) -> tuple[nbformat.NotebookNode | None, str | None]:
    """``(notebook, None)``, or ``(None, why it is not a notebook)`` in words an instructor can pass on.

    Never raises for a bad file: an empty, binary, unreadable, non-JSON or
    malformed file gives its message.

    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     empty = Path(tmp) / "a.ipynb"
    ...     _ = empty.write_bytes(b"")
    ...     read_submission(empty)
    (None, 'not a notebook: an empty file (0 bytes); the upload may have failed: ask the student to hand it in again.')
    """
    try:
        data = Path(path).read_bytes()
    except OSError as error:
        return None, f"cannot be read ({error.strerror or error}); check the file's permissions."
    if not data:
        return None, (
            "not a notebook: an empty file (0 bytes); the upload may have failed: ask the student to hand it in again."
        )
    head = data[:12]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return None, f"not a notebook: a binary file (it starts with {head!r}), not notebook JSON."
    try:
        json.loads(text)
    except json.JSONDecodeError as error:
        return None, (
            f"not a notebook: not valid notebook JSON ({error}); the file may be cut short, "
            "or be another kind of file renamed .ipynb."
        )
    try:
        return nbformat.reads(text, as_version=4), None
    except Exception as error:  # nbformat's validation and version errors
        return None, f"not a notebook: malformed notebook JSON ({type(error).__name__}: {error})."
