"""What was handed out, and the notebook to grade: handed-out cells plus the student's answers.

A submitted notebook is never graded as it is. :func:`plan` rebuilds it
from the release (``exercises/NN-slug/NN-slug.ipynb``, what students got)
and the chapter's source (``solutions/``, whose test cells hold the hidden
tests), taking from the submission only the *sources of its answer cells*
and the student's own extra code cells. Every handed-out cell comes back as
handed out, metadata and tags included, matched by its nbgrader grade id.
The rules, each flagged in words when it applies:

* a read-only cell the student edited or deleted: graded with the original;
* an answer cell deleted: graded as unanswered (the stub);
* a cell that appears more than once (copied, pasted, split and re-tagged):
  the first copy is graded;
* changed metadata (tags such as ``skip-execution``, points, the locked or
  grade flags): graded as handed out;
* a written answer left as the stub: "not answered", 0 points.

The student's cells with no grade id run in the sandbox after the handed-out
cell they follow (a helper function of their own may live there), and are
never judged.
"""

from __future__ import annotations

import ast
import re
from dataclasses import dataclass, field
from pathlib import Path

import nbformat

from tools.exercises import _quiet_nbgrader_import


@dataclass(frozen=True)
class PlannedCell:
    """One cell of the notebook to grade.

    ``role``: ``setup`` and ``context`` (handed-out code, run on both
    sides), ``answer`` (the student's code, sandbox only), ``own`` (a cell
    the student added, sandbox only), ``test`` (run by the judge only, from
    ``trusted_source``), ``written`` (graded by hand).
    """

    key: str
    role: str
    source: str = ""
    trusted_source: str = ""
    names: tuple[str, ...] = ()
    title: str = ""
    points: float = 0.0
    unanswered: bool = False
    flags: tuple[str, ...] = ()

    @property
    def task(self) -> str:
        return task_of(self.key)


@dataclass(frozen=True)
class Plan:
    """The notebook to grade for one submission: its cells in order and what was noticed."""

    chapter: str
    cells: tuple[PlannedCell, ...]
    flags: tuple[str, ...] = ()
    cell_flags: dict[str, tuple[str, ...]] = field(default_factory=dict)


def task_of(key: str) -> str:
    """'task2-tests' -> 'task2': the task a cell belongs to (or the key itself).

    >>> task_of("task2-tests"), task_of("setup")
    ('task2', 'setup')
    """
    match = re.match(r"(task\d+)", key)
    return match.group(1) if match else key


def defined_names(source: str) -> list[str]:
    """Top-level names a cell defines (functions, classes, assignments, imports), in order.

    >>> defined_names("import re\\ndef f():\\n    x = 1\\nclass C: pass\\nA, B = 1, 2")
    ['re', 'f', 'C', 'A', 'B']
    """
    try:
        tree = ast.parse(source)
    except SyntaxError:
        return []
    names: list[str] = []
    for node in tree.body:
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            names.append(node.name)
        elif isinstance(node, (ast.Assign, ast.AnnAssign, ast.AugAssign)):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            for target in targets:
                names += [n.id for n in ast.walk(target) if isinstance(n, ast.Name)]
        elif isinstance(node, (ast.Import, ast.ImportFrom)):
            names += [(a.asname or a.name).split(".")[0] for a in node.names]
    return list(dict.fromkeys(names))


def grade_id(cell) -> str | None:
    meta = cell.get("metadata", {}).get("nbgrader", {})
    value = meta.get("grade_id") if isinstance(meta, dict) else None
    return value if isinstance(value, str) else None


def _meta(cell) -> dict:
    meta = cell.get("metadata", {}).get("nbgrader", {})
    return meta if isinstance(meta, dict) else {}


def locked_checksums(nb) -> dict[str, str]:
    """grade_id -> checksum of every read-only (locked) nbgrader cell of ``nb`` (first copy of each).

    The release's cells carry the checksum nbgrader computed; a submitted
    cell's is computed the same way, so an edit to its source, type or points
    changes it.
    """
    _quiet_nbgrader_import()
    from nbgrader.utils import compute_checksum

    sums: dict[str, str] = {}
    for cell in nb.cells:
        meta = _meta(cell)
        if not (meta.get("locked") and grade_id(cell)) or grade_id(cell) in sums:
            continue
        try:
            sums[grade_id(cell)] = compute_checksum(cell)
        except Exception:  # malformed metadata: it cannot match anything
            sums[grade_id(cell)] = "?"
    return sums


def fingerprints(root: Path, names) -> dict[str, dict[str, str]]:
    """chapter -> {grade_id: checksum} of its read-only cells, computed from ``solutions/``.

    A read-only cell with no hidden tests (the introduction, the prompts, the
    setup) is the same in the solution and in the student version, so its
    checksum is too: enough to recognise which chapter a notebook belongs to.
    """
    return {
        name: locked_checksums(nbformat.read(root / "solutions" / name / f"{name}.ipynb", as_version=4))
        for name in names
    }


def identify(nb, chapter: str, prints: dict[str, dict[str, str]]) -> str | None:
    """Is ``nb`` the exercise notebook of ``chapter``? None if so, else what is wrong."""
    submitted = locked_checksums(nb)
    matches = {
        name: sum(submitted.get(gid) == checksum for gid, checksum in cells.items())
        for name, cells in prints.items()
    }
    best = max(matches, key=lambda name: (matches[name], name == chapter))
    if matches[best] == 0:
        return (
            f"not the {chapter} exercise notebook: none of its read-only cells comes from the exercises "
            "(did the student copy the work into a new notebook?)."
        )
    if best != chapter and matches[best] > matches.get(chapter, 0):
        return f"submitted for {chapter}, but it is the exercise notebook of {best}."
    return None


@dataclass(frozen=True)
class Release:
    """A chapter as handed out (``release``, from exercises/) and as written (``source``, from solutions/)."""

    chapter: str
    notebook: str  # file name stem inside the chapter folder
    release: nbformat.NotebookNode
    source: nbformat.NotebookNode

    @property
    def locked(self) -> dict[str, str]:
        return {grade_id(c): _meta(c)["checksum"] for c in self.release.cells if _meta(c).get("locked") and "checksum" in _meta(c)}


def load_release(root: Path, chapter: str) -> Release:
    """Read chapter ``chapter``'s student version and source notebook."""
    release = nbformat.read(root / "exercises" / chapter / f"{chapter}.ipynb", as_version=4)
    source = nbformat.read(root / "solutions" / chapter / f"{chapter}.ipynb", as_version=4)
    return Release(chapter, chapter, release, source)


def tampered(nb, release: Release) -> list[str]:
    """Flags naming each read-only cell of ``release`` that ``nb`` edited or deleted, and each deleted answer."""
    submitted = locked_checksums(nb)
    flags = []
    for gid, checksum in release.locked.items():
        if gid not in submitted:
            flags.append(f"read-only cell {gid} was deleted; graded with the original")
        elif submitted[gid] != checksum:
            flags.append(f"read-only cell {gid} was edited; graded with the original")
    present = {grade_id(c) for c in nb.cells}
    for cell in release.release.cells:
        if _meta(cell).get("solution") and grade_id(cell) not in present:
            flags.append(f"answer cell {grade_id(cell)} was deleted; graded as unanswered")
    return flags


def _title(release: Release, task: str) -> str:
    """'Task 1 ☼ File sizes in bytes' from the task's prompt heading."""
    for cell in release.release.cells:
        if grade_id(cell) == f"{task}-prompt":
            first = cell.source.strip().splitlines()[0] if cell.source.strip() else task
            return re.sub(r"\s*\(\d+ points?\)\s*$", "", first.lstrip("#").strip())
    return task


def plan(nb, release: Release) -> Plan:
    """The notebook to grade for submission ``nb`` (see the module docstring for the rules)."""
    handed = {grade_id(c): c for c in release.release.cells if grade_id(c)}
    written = {grade_id(c): c for c in release.source.cells if grade_id(c)}
    copies: dict[str, list] = {}
    own_after: dict[str | None, list[str]] = {}
    last: str | None = None
    for cell in nb.cells:
        gid = grade_id(cell)
        if gid in handed:
            copies.setdefault(gid, []).append(cell)
            last = gid if len(copies[gid]) == 1 else last
        elif cell.get("cell_type") == "code" and cell.get("source", "").strip():
            own_after.setdefault(last, []).append(cell.get("source", ""))
    notebook_flags = tampered(nb, release)
    cell_flags: dict[str, list[str]] = {}
    for gid, found in copies.items():
        if len(found) > 1:
            cell_flags.setdefault(gid, []).append(f"cell {gid} appears {len(found)} times; graded the first copy")
        changed = []
        mine, theirs = _meta(found[0]), _meta(handed[gid])
        for key in sorted(set(mine) | set(theirs)):
            if key != "checksum" and mine.get(key) != theirs.get(key):
                changed.append(f"nbgrader {key}")
        if found[0].get("metadata", {}).get("tags", []) != handed[gid].get("metadata", {}).get("tags", []):
            changed.insert(0, "tags")
        if found[0].get("cell_type") != handed[gid].get("cell_type"):
            changed.append("cell type")
        if changed:
            cell_flags.setdefault(gid, []).append(f"metadata of cell {gid} was changed ({', '.join(changed)}); graded as handed out")
    for flag in notebook_flags:
        named = re.search(r"cell (\S+)", flag)
        cell_flags.setdefault(named.group(1) if named else "", []).append(flag)

    cells: list[PlannedCell] = []
    own_count = 0

    def add_own(after: str | None) -> None:
        nonlocal own_count
        for source in own_after.get(after, []):
            own_count += 1
            cells.append(PlannedCell(f"own-{own_count}", "own", source))

    add_own(None)
    for cell in release.release.cells:
        gid = grade_id(cell)
        if gid is None:
            continue
        meta = _meta(cell)
        task = re.match(r"(task\d+)", gid)
        title = _title(release, task.group(1)) if task else gid
        flags = tuple(cell_flags.get(gid, ()))
        trusted = written[gid].source if gid in written else cell.source
        points = float(meta.get("points", 0) or 0)
        if meta.get("solution") and cell.cell_type == "code":
            submitted = copies.get(gid, [cell])[0].get("source", "")
            cells.append(PlannedCell(gid, "answer", submitted, names=tuple(defined_names(cell.source)), title=title, flags=flags))
        elif meta.get("solution") and cell.cell_type == "markdown":
            submitted = copies.get(gid, [cell])[0].get("source", "")
            cells.append(PlannedCell(gid, "written", submitted, title=title, points=points,
                                     unanswered=submitted.strip() == cell.source.strip(), flags=flags))
        elif meta.get("grade") and cell.cell_type == "code":
            cells.append(PlannedCell(gid, "test", "", trusted, title=title, points=points, flags=flags))
        elif cell.cell_type == "code":
            cells.append(PlannedCell(gid, "setup" if gid == "setup" else "context", cell.source, trusted, flags=flags))
        add_own(gid)
    leftover = [f for key, texts in cell_flags.items() if key not in handed for f in texts]
    return Plan(release.chapter, tuple(cells), tuple(leftover), {k: tuple(v) for k, v in cell_flags.items()})
