"""Generate a class of submitted exercise notebooks: ``python -m tools.sample_class FOLDER``.

For trying ``make grade`` and for its tests and benchmark: each submission
starts from the student version in ``exercises/`` (what students receive) and
fills some answer cells with the model answers from ``solutions/`` (the
``### BEGIN/END SOLUTION`` lines dropped), so it looks like a student's work:

* ``solved``: every answer cell, written answers included;
* ``untouched``: the student version as handed out;
* ``partial``: about half of the answer cells, picked with the seed.

``make_class`` draws one of the three for every student and chapter with a
fixed seed, so the same arguments give the same files::

    python -m tools.sample_class /tmp/class --students 30 --chapters 01-meet-the-corpus,02-tokenizing
    make grade SUBMISSIONS=/tmp/class
"""

from __future__ import annotations

import argparse
import copy
import random
import sys
from collections.abc import Iterable
from pathlib import Path

import nbformat
from nbformat import NotebookNode

ROOT = Path(__file__).resolve().parent.parent
KINDS = ("solved", "untouched", "partial")
MARKERS = ("BEGIN SOLUTION", "END SOLUTION")


def _grade_id(cell) -> str | None:
    return cell.metadata.get("nbgrader", {}).get("grade_id")


def model_answers(solution: NotebookNode) -> dict[str, str]:
    """grade_id -> model answer of every answer cell of a solution notebook, without the markers."""
    return {
        _grade_id(cell): "\n".join(line for line in cell.source.splitlines() if not any(m in line for m in MARKERS))
        for cell in solution.cells
        if cell.metadata.get("nbgrader", {}).get("solution")
    }


def answer_ids(release: NotebookNode) -> list[str]:
    """grade_ids of the answer cells of a student notebook, in order."""
    return [_grade_id(c) for c in release.cells if c.metadata.get("nbgrader", {}).get("solution")]


def fill(release: NotebookNode, answers: dict[str, str], which: Iterable[str] | None = None) -> NotebookNode:
    """A copy of ``release`` with the answer cells ``which`` (all when None) set from ``answers``."""
    nb = copy.deepcopy(release)
    chosen = set(answers if which is None else which)
    for cell in nb.cells:
        grade_id = _grade_id(cell)
        if cell.metadata.get("nbgrader", {}).get("solution") and grade_id in chosen:
            cell.source = answers[grade_id]
    return nb


def load(chapter: str, root: Path = ROOT) -> tuple[NotebookNode, dict[str, str]]:
    """The student version of ``chapter`` and its model answers."""
    release = nbformat.read(root / "exercises" / chapter / f"{chapter}.ipynb", as_version=4)
    solution = nbformat.read(root / "solutions" / chapter / f"{chapter}.ipynb", as_version=4)
    return release, model_answers(solution)


def submission(chapter: str, kind: str, rng: random.Random, root: Path = ROOT) -> NotebookNode:
    """One student's notebook for ``chapter`` of the given ``kind`` (see :data:`KINDS`)."""
    release, answers = load(chapter, root)
    if kind == "solved":
        return fill(release, answers)
    if kind == "untouched":
        return fill(release, answers, ())
    if kind == "partial":
        ids = answer_ids(release)
        return fill(release, answers, rng.sample(ids, max(1, len(ids) // 2)))
    raise ValueError(f"unknown kind {kind!r}: use one of {', '.join(KINDS)}")


def path_for(folder: Path, student: str, chapter: str, flat: bool = False) -> Path:
    """Where a submission goes in either layout ``make grade`` accepts."""
    if flat:
        return folder / f"{student}_{chapter}.ipynb"
    return folder / student / chapter / f"{chapter}.ipynb"


def make_class(
    folder: Path,
    students: int = 30,
    chapters: Iterable[str] = ("01-meet-the-corpus", "02-tokenizing", "03-counting"),
    seed: int = 2022,
    flat: bool = False,
    root: Path = ROOT,
) -> list[tuple[str, str, str]]:
    """Write ``students`` x ``chapters`` submissions into ``folder``; return (student, chapter, kind) rows."""
    rng = random.Random(seed)
    written = []
    for number in range(1, students + 1):
        student = f"student{number:02d}"
        for chapter in chapters:
            kind = rng.choice(KINDS)
            target = path_for(Path(folder), student, chapter, flat)
            target.parent.mkdir(parents=True, exist_ok=True)
            nbformat.write(submission(chapter, kind, rng, root), target)
            written.append((student, chapter, kind))
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tools.sample_class", description=__doc__.splitlines()[0])
    parser.add_argument("folder")
    parser.add_argument("--students", type=int, default=30)
    parser.add_argument("--chapters", default="01-meet-the-corpus,02-tokenizing,03-counting")
    parser.add_argument("--seed", type=int, default=2022)
    parser.add_argument("--flat", action="store_true", help="<student>_<NN-slug>.ipynb files instead of folders")
    args = parser.parse_args(argv)
    rows = make_class(Path(args.folder), args.students, args.chapters.split(","), args.seed, args.flat)
    kinds = {kind: sum(1 for *_, k in rows if k == kind) for kind in KINDS}
    print(f"wrote {len(rows)} submissions to {args.folder}: " + ", ".join(f"{n} {k}" for k, n in kinds.items()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
