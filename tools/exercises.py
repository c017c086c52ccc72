"""Regenerate the student exercise notebooks from ``solutions/``.

``python -m tools.exercises exercises`` (what ``make exercises`` runs) turns
every ``solutions/NN-slug/`` assignment into ``exercises/NN-slug/`` with
nbgrader's *generate_assignment*: solutions become stubs, hidden tests
disappear, outputs are cleared, grade cells are locked and checksummed.

Why it works the way it does:

* nbgrader writes the release folder inside its course root and, by default,
  a ``gradebook.db`` there too. We run it on a copy of ``solutions/`` in a
  temporary course folder, without a gradebook (``--no-db``), and copy only
  the release back: the repository never gets a database or a log.
* The settings come from the repository's ``nbgrader_config.py`` alone (user
  or system Jupyter config is not read), so every machine produces the same
  bytes; nbgrader's checksums depend only on cell contents, so two runs are
  byte-identical.
"""

from __future__ import annotations

import logging
import re
import shutil
import sys
import tempfile
import warnings
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CHAPTER = re.compile(r"^\d{2}-[a-z0-9-]+$")
# Files never worth copying into a course: editor and interpreter droppings, and hidden folders (a
# Matplotlib cache such as .venv/mplconfig appears beside a notebook run with a relative MPLCONFIGDIR).
IGNORE = shutil.ignore_patterns(".*", "__pycache__", "*.pyc")


class ExerciseError(RuntimeError):
    """Generation failed; the message names the chapter or notebook and the cause."""


def chapters(root: Path = ROOT) -> list[Path]:
    """Return the ``solutions/NN-slug`` folders that hold at least one notebook, sorted."""
    source = root / "solutions"
    if not source.is_dir():
        return []
    return sorted(
        d for d in source.iterdir() if d.is_dir() and CHAPTER.match(d.name) and any(d.glob("*.ipynb"))
    )


def _config(course: Path, root: Path, *, database: bool = False):
    """nbgrader config: the repository's file, re-rooted at ``course``.

    Without ``database`` (generation for the repository) no gradebook is
    written. With it (grading, see tools/grade.py) nbgrader keeps its
    gradebook in ``course/gradebook.db``, including the source cells it needs
    to restore locked cells and add the hidden tests when autograding.
    """
    from traitlets.config.loader import PyFileConfigLoader

    config = PyFileConfigLoader("nbgrader_config.py", path=str(root)).load_config()
    config.CourseDirectory.root = str(course)
    if not database:
        config.GenerateAssignment.no_database = True  # what --no-db sets
        config.SaveCells.enabled = False  # SaveCells writes to the gradebook
    config.BaseConverter.force = True
    return config


def _quiet_nbgrader_import() -> None:
    """Import nbgrader's converters without its SQLAlchemy deprecation warning."""
    with warnings.catch_warnings():
        # nbgrader's gradebook models trip a SQLAlchemy deprecation at import;
        # it is nbgrader's to fix and says nothing about our notebooks.
        warnings.filterwarnings("ignore", category=DeprecationWarning, module=r"nbgrader\.api")
        import nbgrader.converters  # noqa: F401


class _Collect(logging.Handler):
    """Keep log messages in memory, for the error report."""

    def __init__(self) -> None:
        super().__init__()
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


def _generate_one(chapter: Path, course: Path, root: Path, *, database: bool = False) -> None:
    """Run nbgrader generate_assignment for one chapter inside ``course``."""
    _quiet_nbgrader_import()
    from nbgrader.converters import GenerateAssignment
    from nbgrader.coursedir import CourseDirectory

    config = _config(course, root, database=database)
    coursedir = CourseDirectory(config=config)
    coursedir.assignment_id = chapter.name

    # Collect nbgrader's messages so a failure can say what went wrong.
    log = logging.getLogger(f"tools.exercises.{chapter.name}")
    log.propagate = False
    log.setLevel(logging.WARNING)
    handler = _Collect()
    log.addHandler(handler)
    records = handler.messages
    try:
        GenerateAssignment(coursedir=coursedir, config=config, log=log).start()
    except Exception as error:  # nbgrader raises NbGraderException or whatever a preprocessor raised
        notebooks = ", ".join(str(p.relative_to(root)) for p in sorted(chapter.glob("*.ipynb")))
        # Keep nbgrader's own explanation and the last line of each traceback
        # (the actual error); drop the rest and nbgrader's generic footer.
        useful = [
            r.strip().splitlines()[-1] if r.startswith("Traceback") else "\n".join(r.splitlines()[:8])
            for r in records
            if r.strip() and not r.startswith(("There was an error", "Please see"))
        ]
        details = "\n".join(useful) or f"{type(error).__name__}: {error}"
        raise ExerciseError(
            f"nbgrader could not generate the exercise from {notebooks}:\n{details}\n"
            "Check the nbgrader cell metadata and the BEGIN/END SOLUTION and "
            "BEGIN/END HIDDEN TESTS markers in that notebook."
        ) from None
    finally:
        log.removeHandler(handler)


def generate(into: Path, root: Path = ROOT) -> list[Path]:
    """Regenerate every chapter of ``root/solutions`` into ``into``; return the files written.

    Chapter folders (``NN-slug``) already in ``into`` are replaced, so a chapter
    removed from solutions/ disappears; other entries in ``into`` are left alone.
    Raises :class:`ExerciseError` when there is nothing to generate or nbgrader fails.
    """
    root = Path(root).resolve()
    into = Path(into).resolve()
    if into in (root, root / "solutions") or root / "solutions" in into.parents:
        raise ExerciseError(f"refusing to generate exercises into {into}: pick a separate folder.")
    sources = chapters(root)
    if not sources:
        raise ExerciseError(
            f"no assignment found: {root / 'solutions'} has no NN-slug/ folder with a notebook."
        )
    with tempfile.TemporaryDirectory(prefix="framelab-nbgrader-") as tmp:
        course = Path(tmp)
        for chapter in sources:
            shutil.copytree(chapter, course / "solutions" / chapter.name, ignore=IGNORE)
        for chapter in sources:
            _generate_one(chapter, course, root)
        # Generation succeeded for every chapter: only now touch ``into``.
        into.mkdir(parents=True, exist_ok=True)
        for old in into.iterdir():
            if old.is_dir() and CHAPTER.match(old.name):
                shutil.rmtree(old)
        written: list[Path] = []
        for chapter in sources:
            shutil.copytree(course / "exercises" / chapter.name, into / chapter.name)
            written.extend(p for p in (into / chapter.name).rglob("*") if p.is_file())
    return sorted(written)


def main(argv: list[str] | None = None) -> int:
    """Command line: ``python -m tools.exercises TARGET_FOLDER``."""
    args = sys.argv[1:] if argv is None else argv
    if len(args) != 1:
        print("usage: python -m tools.exercises TARGET_FOLDER   (e.g. exercises)", file=sys.stderr)
        return 2
    try:
        written = generate(Path(args[0]))
    except ExerciseError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    for path in written:
        print(f"wrote {path.relative_to(Path.cwd()) if path.is_relative_to(Path.cwd()) else path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
