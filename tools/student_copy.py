"""``make student-copy DEST=folder``: the copy of Framing Lab that students get, as a fresh git repository.

Students must never see a model answer or a hidden test: the hidden tests
only catch answers written to pass the visible checks while students have not
seen them, and the git history of the full repository holds every version of
``solutions/``. So the copy is built from the files git tracks, as they are
on disk (untracked files stay behind, so grades or submissions kept in the
working tree never reach students; the command lists them),
leaves out everything in :data:`LEFT_OUT`, and is committed as **one commit
on branch ``main``** of a new repository, ready to push::

    make student-copy DEST=../framing-lab-students
    cd ../framing-lab-students && git remote add origin URL && git push -u origin main

What is left out, and why (:data:`LEFT_OUT`):

* ``solutions/``: every model answer and hidden test.
* ``docs/instructors.md``: the instructors' guide. It describes the hidden
  tests, which tasks forbid which shortcut and what the grader cannot catch.
* ``tools/grading/``, ``tools/grade.py``: the grader, which runs the hidden
  tests from ``solutions/``; its scanner lists what it flags.
* ``tools/exercises.py`` (generates ``exercises/`` from ``solutions/``),
  ``tools/sample_class.py`` (fake submissions made of the model answers),
  ``tools/student_copy.py`` (this builder) and ``benchmarks/grading.py``
  (grades a class made of the model answers).
* ``tests/wrong_answers/`` and ``tests/grading_attacks.py`` (wrong answers
  made by editing the model answers, attacks on the grader), and the tests
  that need ``solutions/`` or the grader: ``test_grading*.py``,
  ``test_gradebook_lms.py``, ``test_feedback.py``, ``test_wrong_answers.py``,
  ``test_exercise_pipeline.py``, ``test_other_corpus.py``,
  ``test_student_copy.py``.
* ``tests/hub/`` and ``benchmarks/hub.py``: the JupyterHub loopback test and
  benchmark, instructors' infrastructure (the hub *pulls* this copy; students
  never start one), which would double the copy's ``make test``.

What is changed in the copy, so that ``make lab`` and ``make test`` work there:

* ``Makefile``: the instructors' targets (:data:`INSTRUCTOR_TARGETS`) go,
  with their comments and their ``.PHONY`` entries; a recipe line, comment or
  ``$(wildcard ...)`` term naming left-out material goes. Anything else that
  still names it is an error (:class:`StudentCopyError`), never a broken copy.
* ``pyproject.toml``: ``testpaths`` keeps only the folders the copy has.
* Markdown files: a relative link to a left-out file keeps its text, not its
  target; the README starts with a note saying what this copy is.
* ``tests/test_exercises_as_released.py`` is added (:data:`RELEASED_TEST`):
  each exercise notebook, untouched, fails only in its answer and test cells,
  with the stub's ``NotImplementedError``; the full repository checks the same
  in ``tests/test_exercise_pipeline.py``, which needs ``solutions/``.

Before anything is committed, every text file of the copy is searched for
nbgrader's solution and hidden-test markers and for each line (25 characters
or more) of a model answer or hidden test that is not also in the lessons,
the released exercises or ``framelab/`` (:func:`find_leaks`); one hit stops
the build. The copy is built in a temporary folder beside ``DEST`` and moved
into place only when it is complete.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable, Iterable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BRANCH = "main"
MESSAGE = "Framing Lab for students"
FALLBACK_NAME, FALLBACK_EMAIL = "Framing Lab", "framing-lab@localhost"

#: Paths (relative to the project root, folders ending in "/") that never go into the copy.
LEFT_OUT = (
    "solutions/", "docs/instructors.md",
    "tools/grading/", "tools/grade.py", "tools/exercises.py", "tools/sample_class.py", "tools/student_copy.py",
    "benchmarks/grading.py", "benchmarks/hub.py", "tests/hub/",
    "tests/wrong_answers/", "tests/grading_attacks.py",
    "tests/test_grading.py", "tests/test_grading_attacks.py", "tests/test_grading_books.py",
    "tests/test_gradebook_lms.py", "tests/test_feedback.py", "tests/test_wrong_answers.py",
    "tests/test_exercise_pipeline.py", "tests/test_other_corpus.py", "tests/test_student_copy.py",
)
#: Makefile targets for instructors only: dropped from the copy's Makefile.
INSTRUCTOR_TARGETS = frozenset({"exercises", "grade", "student-copy"})
MARKERS = ("### BEGIN SOLUTION", "### END SOLUTION", "### BEGIN HIDDEN TESTS", "### END HIDDEN TESTS")
MIN_SECRET = 25  # characters: shorter lines (`return total`) are too common to call a leak
LONG_SECRET = 60  # characters: a secret line this long counts alone; shorter ones only two in a row
# What `git ls-files --others --exclude-standard` would skip, for a project that is not a git repository.
NOT_PROJECT = {".git", ".venv", "__pycache__", ".pytest_cache", ".ipynb_checkpoints", "grades", "build",
               "test-output", ".bench", "site"}
NOTE = (
    "> **Students' copy.** This copy of Framing Lab has no model answers, hidden tests, grading tools or "
    "instructors' guide. `make lab` opens the lessons; `make test` checks the lessons, the exercises as "
    "handed out and the `framelab` package.\n\n"
)
RELEASED_TEST = '''"""The exercises as handed out: untouched, each fails only where the student works.

Written by ``make student-copy`` (the full repository checks the same against
solutions/ in tests/test_exercise_pipeline.py). An answer cell may raise only
the stub's NotImplementedError, an autograded test cell must fail (so it can
catch a wrong answer), and every other cell must run.
"""

from pathlib import Path

import pytest

from tools.notebooks import execute

ROOT = Path(__file__).resolve().parent.parent
EXERCISES = sorted(ROOT.glob("exercises/*/*.ipynb"))


def test_there_are_exercises() -> None:
    assert EXERCISES, "exercises/ holds no notebook: the copy is incomplete"


@pytest.mark.parametrize("path", EXERCISES, ids=lambda p: p.parent.name)
def test_untouched_exercise_fails_only_in_answers_and_tests(path: Path) -> None:
    problems, graded = [], 0
    for index, cell in enumerate(execute(path, allow_errors=True).cells):
        if cell.cell_type != "code":
            continue
        meta = cell.get("metadata", {}).get("nbgrader", {})
        errors = [o.get("ename") for o in cell.outputs if o.get("output_type") == "error"]
        other = [e for e in errors if e != "NotImplementedError"]
        where = f"cell {index} ({meta.get('grade_id', 'not graded')})"
        if meta.get("solution"):
            if other:
                problems.append(f"{where}: the answer cell raised {other}, not the stub's NotImplementedError")
        elif meta.get("grade"):
            graded += 1
            if not errors or other:
                problems.append(f"{where}: the test cell should fail with NotImplementedError, got {errors}")
        elif errors:
            problems.append(f"{where}: a cell students do not edit raised {errors}")
    assert graded, f"{path.name} has no autograded test cell"
    assert not problems, f"{path.name}:\\n" + "\\n".join(problems)
'''


class StudentCopyError(Exception):
    """The copy cannot be made (a wrong DEST, a leak, git failing); the message says what to do."""


def is_left_out(path: str) -> bool:
    """True if ``path`` (relative, with "/") is in :data:`LEFT_OUT` or inside a folder listed there.

    >>> [is_left_out(p) for p in ("solutions/01-a/01-a.ipynb", "tools/grade.py", "tools/notebooks.py")]
    [True, True, False]
    """
    return any(path == item or (item.endswith("/") and path.startswith(item)) for item in LEFT_OUT)


def _reference_pattern(items: Iterable[str] = LEFT_OUT) -> re.Pattern[str]:
    """A regex finding a left-out folder or module as a path (``tools/grading``) or a module (``tools.grading``).

    Documents are not code: a message naming ``docs/instructors.md`` still works without it.
    """
    parts = []
    for item in (i for i in items if i.endswith(("/", ".py"))):
        path = item.rstrip("/")
        parts.append(re.escape(path) + (r"(?![\w.-])" if not item.endswith("/") else r"(?![\w-])"))
        stem = path.removesuffix(".py")
        if item.endswith(("/", ".py")) and "/" in stem:
            parts.append(re.escape(stem.replace("/", ".")) + r"(?!\w)")
    return re.compile(r"(?<![\w./-])(?:" + "|".join(parts) + ")")


REFERENCE = _reference_pattern()
RULE = re.compile(r"^([^\s#=:][^:=]*?)\s*:(?![:=])\s*([^;#]*)")
WILDCARD = re.compile(r"[ \t]*(?:\$\(sort \$\(wildcard ([^)]*)\)\)|\$\(wildcard ([^)]*)\))")


def student_makefile(text: str) -> str:
    """The copy's Makefile: ``text`` without the instructors' rules and without what names left-out files.

    Raises StudentCopyError when a line still names left-out material after that.

    >>> print(student_makefile(
    ...     ".PHONY: lab grade\\nNB := $(wildcard notebooks/*) $(wildcard solutions/*/*)\\n\\nlab:\\n\\tjupyter lab\\n\\n"
    ...     "# Autograde\\ngrade: lab\\n\\tpython -m tools.grade x\\n").replace("\\t", "<TAB>"), end="")
    .PHONY: lab
    NB := $(wildcard notebooks/*)
    <BLANKLINE>
    lab:
    <TAB>jupyter lab
    """
    lines = text.splitlines()
    dropped: set[str] = set()
    while True:  # a rule needing a dropped target goes too, wherever it stands
        before = len(dropped)
        kept = _drop_rules(lines, dropped)
        if len(dropped) == before:
            break
    out: list[str] = []
    comment: list[str] = []  # a comment block naming left-out material goes whole, not line by line
    for line in [*kept, ""]:
        if line.startswith("#"):
            comment.append(line)
            continue
        if not any(REFERENCE.search(c) for c in comment):
            out.extend(comment)
        comment = []
        if line.startswith(".PHONY:"):
            line = ".PHONY: " + " ".join(t for t in line.split(":", 1)[1].split() if t not in dropped)
        elif not line.startswith("\t"):
            line = WILDCARD.sub(lambda m: "" if REFERENCE.search(m.group(1) or m.group(2)) else m.group(0), line)
        if not (line.startswith("\t") and REFERENCE.search(line)):
            out.append(line)
    result = re.sub(r"\n{3,}", "\n\n", "\n".join(out).strip("\n") + "\n")
    for number, line in enumerate(result.splitlines(), 1):
        found = REFERENCE.search(line)
        if found:
            raise StudentCopyError(
                f"the student copy's Makefile, line {number}, still names {found.group(0)!r}, which the copy leaves "
                f"out: {line.strip()!r}. Make that line work without it, or teach tools/student_copy.py to drop it."
            )
    return result


def _drop_rules(lines: list[str], dropped: set[str]) -> list[str]:
    """``lines`` without the rules for instructor targets or on ``dropped`` targets (added to ``dropped``)."""
    kept: list[str] = []
    index = 0
    while index < len(lines):
        line = lines[index]
        rule = RULE.match(line) if not line.startswith((".PHONY", "\t")) else None
        end = index + 1
        while rule and end < len(lines) and lines[end].startswith("\t"):
            end += 1
        if rule:
            targets, prerequisites = rule.group(1).split(), rule.group(2).split()
            if INSTRUCTOR_TARGETS & set(targets) or dropped & set(prerequisites):
                dropped.update(targets)
                while kept and kept[-1].startswith("#"):  # the rule's own comment goes with it
                    kept.pop()
                index = end
                continue
        kept.extend(lines[index:end])
        index = end
    return kept


def student_pyproject(text: str, exists: Callable[[str], bool]) -> str:
    """``text`` with pytest's ``testpaths`` reduced to the entries for which ``exists(entry)`` is true.

    >>> student_pyproject('testpaths = ["tests", "solutions"]\\n', lambda p: p == "tests")
    'testpaths = ["tests"]\\n'
    """
    def keep(match: re.Match[str]) -> str:
        entries = [e for e in re.findall(r'"([^"]+)"', match.group(2)) if exists(e)]
        return match.group(1) + "[" + ", ".join(f'"{e}"' for e in entries) + "]"

    return re.sub(r"^(testpaths\s*=\s*)\[([^\]]*)\]", keep, text, flags=re.M)


LINK = re.compile(r"\[([^\]\n]*)\]\(([^)\s]+)\)")


def unlink_missing(markdown: str, exists: Callable[[str], bool]) -> str:
    """``markdown`` with each relative link whose file does not exist replaced by its text.

    >>> unlink_missing("See the [guide](docs/x.md#a) and [web](https://a.b).", lambda p: False)
    'See the guide and [web](https://a.b).'
    """
    def replace(match: re.Match[str]) -> str:
        target = match.group(2).split("#", 1)[0]
        if not target or re.match(r"^[a-z][a-z0-9+.-]*:", target, re.I) or exists(target):
            return match.group(0)
        return match.group(1)

    return LINK.sub(replace, markdown)


def _notebook_lines(text: str) -> list[str]:
    """The lines of a notebook's cells (sources and text outputs); [] if it is not JSON."""
    try:
        cells = json.loads(text).get("cells", [])
    except (ValueError, AttributeError):
        return []
    lines = []
    for cell in cells:
        parts = [cell.get("source", "")] + [o.get("text", "") for o in cell.get("outputs", [])]
        for part in parts:
            lines.extend(("".join(part) if isinstance(part, list) else str(part)).splitlines())
    return lines


def _text_lines(path: Path) -> list[str] | None:
    """A file's lines (a notebook's cell lines), or None for a binary file."""
    data = path.read_bytes()
    if b"\0" in data[:8192]:
        return None
    text = data.decode("utf-8", errors="replace")
    return _notebook_lines(text) if path.suffix == ".ipynb" else text.splitlines()


def _secret_blocks(source: str) -> list[str]:
    """Lines between nbgrader's solution or hidden-test markers in one cell's source."""
    found, inside = [], False
    for line in source.splitlines():
        if line.strip() in ("### BEGIN SOLUTION", "### BEGIN HIDDEN TESTS"):
            inside = True
        elif line.strip() in ("### END SOLUTION", "### END HIDDEN TESTS"):
            inside = False
        elif inside:
            found.append(line)
    return found


def secret_lines(root: Path = ROOT) -> set[str]:
    """Model-answer and hidden-test lines of ``root/solutions`` (stripped, >= MIN_SECRET characters).

    A line that also appears in the lessons, the released exercises or
    ``framelab/`` is not secret (students have it anyway), so it is left out.
    Written answers are markdown cells marked as solutions: all their lines count.
    """
    secret: set[str] = set()
    for path in sorted(root.glob("solutions/*/*.ipynb")):
        for cell in json.loads(path.read_text(encoding="utf-8")).get("cells", []):
            source = "".join(cell.get("source", ""))
            lines = _secret_blocks(source)
            if cell.get("cell_type") == "markdown" and cell.get("metadata", {}).get("nbgrader", {}).get("solution"):
                lines = source.splitlines()
            secret.update(s for s in (line.strip() for line in lines) if len(s) >= MIN_SECRET)
    released: set[str] = set()
    for path in [*root.glob("notebooks/*.ipynb"), *root.glob("exercises/*/*.ipynb"), *root.glob("framelab/**/*.py")]:
        released.update(line.strip() for line in _text_lines(path) or [])
    return secret - released


def find_leaks(folder: Path, secrets: set[str]) -> list[str]:
    """Where ``folder``'s text files hold an nbgrader marker or lines of ``secrets``: "path:line: what".

    A line of ``secrets`` counts when it is LONG_SECRET characters or more, or
    when the line before or after it is one too.

    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     _ = (Path(tmp) / "a.py").write_text("x = 1\\n    kept = [w for w in words if w not in STOP]\\n")
    ...     _ = (Path(tmp) / "b.py").write_text("kept = [w for w in words if w not in STOP]\\nreturn sorted(kept)[:10]\\n")
    ...     find_leaks(Path(tmp), {"kept = [w for w in words if w not in STOP]", "return sorted(kept)[:10]"})
    ['b.py:1: a line of a model answer or hidden test', 'b.py:2: a line of a model answer or hidden test']
    """
    leaks = []
    for path in sorted(p for p in folder.rglob("*") if p.is_file() and ".git" not in p.relative_to(folder).parts):
        lines = _text_lines(path) or []
        hits = [line.strip() in secrets for line in lines]
        for number, line in enumerate(lines, 1):
            what = next((f"the marker {m!r}" for m in MARKERS if m in line), None)
            # One short line alone (`finder = BigramCollocationFinder.from_documents(documents)`) is an
            # API call anyone writes; a long line, or two in a row, is an answer copied.
            near = hits[number - 2] if number > 1 else False
            near = near or (hits[number] if number < len(hits) else False)
            if what is None and hits[number - 1] and (len(line.strip()) >= LONG_SECRET or near):
                what = "a line of a model answer or hidden test"
            if what:
                leaks.append(f"{path.relative_to(folder).as_posix()}:{number}: {what}")
    return leaks


def project_files(root: Path = ROOT) -> list[str]:
    """The project's files (relative, "/"-separated, sorted): the files git tracks, as they are on disk.

    Untracked files never go (:func:`untracked_files` lists them): an instructor's grades or students'
    submissions kept in the working tree must not reach students. A project that is not a git repository is
    walked instead, skipping :data:`NOT_PROJECT` and any folder holding a ``gradebook.csv`` (grader output).
    """
    if (root / ".git").exists() and shutil.which("git"):
        names = {name for name in _git(root, "ls-files", "-z", "--cached").split("\0") if name}
    else:
        names = set()
        for folder, subfolders, files in os.walk(root):
            subfolders[:] = [d for d in subfolders if d not in NOT_PROJECT and not d.endswith(".egg-info")
                             and not (Path(folder, d) / "gradebook.csv").exists()]
            names.update(Path(folder, f).relative_to(root).as_posix() for f in files)
    return sorted(n for n in names if os.path.lexists(root / n) and not (root / n).is_dir())


def untracked_files(root: Path = ROOT) -> list[str]:
    """Files git does not track and does not ignore (relative, sorted): left out of the copy; [] outside git."""
    if not ((root / ".git").exists() and shutil.which("git")):
        return []
    return sorted(name for name in _git(root, "ls-files", "-z", "--others", "--exclude-standard").split("\0") if name)


def check_destination(dest: Path, root: Path = ROOT) -> Path:
    """``dest`` made absolute; raises StudentCopyError if it is inside the project or is not an empty folder.

    >>> try:
    ...     check_destination(ROOT / "students")
    ... except StudentCopyError as error:
    ...     print(str(error).split(":")[0])
    refusing to write the student copy into the project itself
    """
    dest, root = Path(dest).expanduser().resolve(), Path(root).resolve()
    if dest == root or root in dest.parents:
        raise StudentCopyError(
            f"refusing to write the student copy into the project itself: {dest} is inside {root}. "
            "Give a folder outside it, e.g. make student-copy DEST=../framing-lab-students"
        )
    if dest.exists() and not dest.is_dir():
        raise StudentCopyError(f"{dest} exists and is not a folder: give a new or empty folder for the student copy.")
    if dest.is_dir() and any(dest.iterdir()):
        raise StudentCopyError(
            f"{dest} is not empty: nothing was changed. Give a new or empty folder for the student copy "
            "(to update a copy you pushed before, see docs/instructors.md, section 3)."
        )
    return dest


def _git(cwd: Path, *args: str, config: tuple[str, ...] = ()) -> str:
    env = {k: v for k, v in os.environ.items() if k not in ("GIT_DIR", "GIT_WORK_TREE", "GIT_INDEX_FILE")}
    done = subprocess.run(["git", *config, *args], cwd=cwd, env=env, capture_output=True, text=True, check=False)
    if done.returncode:
        raise StudentCopyError(f"git {' '.join(args[:2])} failed in {cwd}: {done.stderr.strip() or done.stdout.strip()}")
    return done.stdout


def _identity(cwd: Path) -> tuple[str, ...]:
    """``-c`` options naming "Framing Lab" for whatever part of the git identity the user has not set."""
    options: tuple[str, ...] = ()
    for key, fallback in (("user.name", FALLBACK_NAME), ("user.email", FALLBACK_EMAIL)):
        try:
            _git(cwd, "config", "--get", key)
        except StudentCopyError:  # not set: exit status 1
            options += ("-c", f"{key}={fallback}")
    return options


def commit(folder: Path) -> None:
    """Make ``folder`` a new git repository on branch ``main`` with all its files in one commit."""
    _git(folder, "init", "-q")
    _git(folder, "symbolic-ref", "HEAD", f"refs/heads/{BRANCH}")  # `init -b` needs git 2.28
    _git(folder, "add", "-A")
    _git(folder, "commit", "-q", "--no-verify", "-m", MESSAGE, config=_identity(folder))


def _write_copy(root: Path, folder: Path, files: list[str]) -> None:
    for name in files:
        target = folder / name
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(root / name, target, follow_symlinks=False)

    def exists(name: str) -> bool:
        return (folder / name).exists()

    makefile, pyproject, readme = folder / "Makefile", folder / "pyproject.toml", folder / "README.md"
    if makefile.exists():
        makefile.write_text(student_makefile(makefile.read_text(encoding="utf-8")), encoding="utf-8")
    if pyproject.exists():
        pyproject.write_text(student_pyproject(pyproject.read_text(encoding="utf-8"), exists), encoding="utf-8")
    for markdown in folder.rglob("*.md"):
        if ".git" in markdown.relative_to(folder).parts:
            continue
        text = markdown.read_text(encoding="utf-8")
        base = markdown.parent
        new = unlink_missing(text, lambda target, base=base: (base / target).exists())
        if markdown == readme:
            heading, _, rest = new.partition("\n")
            new = f"{heading}\n\n{NOTE}{rest.lstrip(chr(10))}" if heading.startswith("# ") else NOTE + new
        if new != text:
            markdown.write_text(new, encoding="utf-8")
    if (folder / "exercises").is_dir() and (folder / "tests").is_dir():
        (folder / "tests" / "test_exercises_as_released.py").write_text(RELEASED_TEST, encoding="utf-8")


def make_student_copy(dest: Path, root: Path = ROOT) -> Path:
    """Write the students' copy of the project ``root`` into ``dest`` (new or empty) as a one-commit git repository.

    Returns ``dest`` (absolute). Raises StudentCopyError, changing nothing in
    ``dest``, when it is inside the project or not empty, when git fails, or
    when a file of the copy holds a model answer or hidden test (listed).
    """
    root = Path(root).resolve()
    dest = check_destination(dest, root)
    if not (root / "solutions").is_dir():
        raise StudentCopyError(f"{root} has no solutions/ folder: make the student copy from the full repository.")
    if not shutil.which("git"):
        raise StudentCopyError("git is not installed: the student copy is a git repository (apt-get install git).")
    files = [name for name in project_files(root) if not is_left_out(name)]
    try:
        dest.parent.mkdir(parents=True, exist_ok=True)
        folder = Path(tempfile.mkdtemp(prefix=f".{dest.name}.building-", dir=dest.parent))
    except OSError as error:
        raise StudentCopyError(f"cannot create the student copy in {dest.parent}: {error}") from None
    try:
        _write_copy(root, folder, files)
        leaks = find_leaks(folder, secret_lines(root))
        if leaks:
            raise StudentCopyError(
                "the student copy would hold model answers or hidden tests, so it was not made:\n  "
                + "\n  ".join(leaks[:20])
                + "\nAdd the file to LEFT_OUT in tools/student_copy.py, or take the answer out of it."
            )
        commit(folder)
        # mkdtemp made the folder private (0700); the copy gets the mode a new folder gets (the umask's).
        umask = os.umask(0)
        os.umask(umask)
        folder.chmod(0o777 & ~umask)
        folder.rename(dest)  # onto a missing or empty folder (checked above): one step
    except OSError as error:
        raise StudentCopyError(f"could not write the student copy next to {dest}: {error}") from None
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    return dest


def main(argv: list[str] | None = None) -> int:
    """``python -m tools.student_copy DEST``: build the copy, print where it is and how to push it."""
    args = sys.argv[1:] if argv is None else argv
    if len(args) != 1 or not args[0].strip() or args[0].startswith("-"):
        print("usage: python -m tools.student_copy DEST   (make student-copy DEST=../framing-lab-students)\n"
              "DEST: a new or empty folder outside the project.", file=sys.stderr)
        return 2
    try:
        dest = make_student_copy(Path(args[0]))
    except StudentCopyError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    count = len(_git(dest, "ls-files").splitlines())
    untracked = untracked_files()
    if untracked:
        shown = ", ".join(untracked[:5]) + (f" and {len(untracked) - 5} more" if len(untracked) > 5 else "")
        print(f"Left out, because git does not track them (commit them first to include them): {shown}.")
    print(f"Student copy: {dest} ({count} files, one commit on branch {BRANCH}).\n"
          f"To publish it: cd {dest} && git remote add origin <URL of the student repository> "
          f"&& git push -u origin {BRANCH}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
