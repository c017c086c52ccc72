"""``make student-copy`` (tools/student_copy.py): the copy students get holds no answer and runs on its own.

One copy is built into a temporary folder with no git identity configured
(as on a fresh CI machine). The checks: no file of it holds nbgrader's
markers or a line of a model answer or hidden test (taken from solutions/
here, independently of the builder's own check); it is one commit on
``main``; its Makefile and pyproject name nothing it lacks; and a fast subset
of its student-side tests passes inside it, run with this venv's Python (the
whole of its ``make test`` would double CI time: see docs/instructors.md,
section 3, for how long it takes).
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest

from tools.student_copy import (
    LEFT_OUT,
    MARKERS,
    StudentCopyError,
    check_destination,
    is_left_out,
    main,
    make_student_copy,
    project_files,
    student_makefile,
    untracked_files,
)

ROOT = Path(__file__).resolve().parent.parent
SOLUTIONS = sorted(ROOT.glob("solutions/*/*.ipynb"))
BLOCK = re.compile(r"### BEGIN (SOLUTION|HIDDEN TESTS)\n(.*?)### END \1", re.S)
LONG = 60  # characters: a model-answer line this long is not a line anyone would write by chance


def _no_git_identity(mp: pytest.MonkeyPatch, home: Path, config: str = "") -> None:
    (home / "gitconfig").write_text(config, encoding="utf-8")
    mp.setenv("HOME", str(home))
    mp.setenv("GIT_CONFIG_GLOBAL", str(home / "gitconfig"))
    mp.setenv("GIT_CONFIG_NOSYSTEM", "1")
    for name in ("GIT_AUTHOR_NAME", "GIT_AUTHOR_EMAIL", "GIT_COMMITTER_NAME", "GIT_COMMITTER_EMAIL", "EMAIL"):
        mp.delenv(name, raising=False)


@pytest.fixture(scope="module")
def copy(tmp_path_factory: pytest.TempPathFactory) -> Path:
    home = tmp_path_factory.mktemp("home")
    with pytest.MonkeyPatch.context() as mp:
        _no_git_identity(mp, home)
        return make_student_copy(tmp_path_factory.mktemp("class") / "framing-lab-students")


def _git(folder: Path, *args: str) -> str:
    return subprocess.run(["git", *args], cwd=folder, capture_output=True, text=True, check=True).stdout


def _texts(folder: Path, prefixes: tuple[str, ...] = ("",)) -> dict[str, str]:
    """``folder``'s files (those starting with one of ``prefixes``) -> their text; a notebook: cells and outputs."""
    texts = {}
    for path in (folder / name for name in project_files(folder) if name.startswith(prefixes)):
        data = path.read_bytes()
        if b"\0" in data[:8192]:
            continue
        text = data.decode("utf-8", errors="replace")
        if path.suffix == ".ipynb":
            cells = nbformat.reads(text, as_version=4).cells
            text = "\n".join([c.source for c in cells] + [str(o.get("text", "")) for c in cells for o in c.get("outputs", [])])
        texts[path.relative_to(folder).as_posix()] = text
    return texts


def _model_answer_lines() -> set[str]:
    """Long lines of the solutions' answer and hidden-test blocks that no lesson, exercise or framelab file has."""
    found = set()
    for path in SOLUTIONS:
        for cell in nbformat.read(path, as_version=4).cells:
            for block in BLOCK.finditer(cell.source):
                found.update(line.strip() for line in block.group(2).splitlines() if len(line.strip()) >= LONG)
    released = "\n".join(_texts(ROOT, ("notebooks/", "exercises/", "framelab/")).values())
    return {line for line in found if line not in released}


def test_the_copy_leaves_out_the_instructors_material(copy: Path) -> None:
    for gone in ("solutions", "tools/grading", "tools/grade.py", "tools/exercises.py", "docs/instructors.md",
                 "tests/wrong_answers", "tests/test_grading.py", "tests/test_exercise_pipeline.py"):
        assert not (copy / gone).exists(), f"the student copy holds {gone}"
    for kept in ("notebooks/00-welcome.ipynb", "exercises/01-meet-the-corpus/01-meet-the-corpus.ipynb",
                 "framelab/__init__.py", "seeds/catalog.csv", "Makefile", "pyproject.toml", "tests/test_links.py"):
        assert (copy / kept).is_file(), f"the student copy lacks {kept}"
    committed = set(_git(copy, "ls-files").splitlines())
    expected = {name for name in project_files(ROOT) if not is_left_out(name)} | {"tests/test_exercises_as_released.py"}
    assert committed == expected


def test_no_file_holds_a_marker_or_a_model_answer(copy: Path) -> None:
    secrets = _model_answer_lines()
    assert len(secrets) >= 100, "too few model-answer lines to search for: has solutions/ changed its markers?"
    # The search can fail: the full repository's wrong-answer catalogue is made of edited model answers.
    catalogue = "\n".join(_texts(ROOT, ("tests/wrong_answers/",)).values())
    assert any(line in catalogue for line in secrets)
    leaks = [
        f"{name}: {what!r}"
        for name, text in _texts(copy).items()
        for what in (*MARKERS, *secrets)
        if what in text
    ]
    assert not leaks, "the student copy holds answers or hidden tests:\n" + "\n".join(leaks[:20])


def test_the_copy_is_one_commit_on_main_by_framing_lab(copy: Path) -> None:
    assert _git(copy, "rev-list", "--count", "HEAD").strip() == "1"
    assert _git(copy, "rev-parse", "--abbrev-ref", "HEAD").strip() == "main"
    assert _git(copy, "log", "-1", "--format=%an <%ae>").strip() == "Framing Lab <framing-lab@localhost>"
    assert _git(copy, "status", "--porcelain") == "", "the copy has files that are not committed"


def test_the_copy_uses_your_git_identity_when_you_have_one(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _no_git_identity(monkeypatch, tmp_path, "[user]\n\tname = Ada Teacher\n\temail = ada@school.example\n")
    dest = make_student_copy(tmp_path / "students")
    assert _git(dest, "log", "-1", "--format=%an <%ae>").strip() == "Ada Teacher <ada@school.example>"


def test_the_copys_makefile_and_pyproject_name_nothing_it_lacks(copy: Path) -> None:
    makefile = (copy / "Makefile").read_text(encoding="utf-8")
    for gone in ("solutions/", "tools.grade", "tools.exercises", "tools.student_copy", "benchmarks.grading"):
        assert gone not in makefile
    assert not re.search(r"^(grade|exercises|student-copy):", makefile, re.M)
    assert re.search(r"^lab:", makefile, re.M) and re.search(r"^test:", makefile, re.M)
    testpaths = re.search(r"^testpaths = \[(.*)\]", (copy / "pyproject.toml").read_text(encoding="utf-8"), re.M)
    entries = re.findall(r'"([^"]+)"', testpaths.group(1))
    assert entries and all((copy / e).exists() for e in entries) and "solutions" not in entries
    dry = subprocess.run(["make", "-n", "lab", "test"], cwd=copy, capture_output=True, text=True)
    assert dry.returncode == 0, dry.stderr
    assert "jupyter lab" in dry.stdout and "-m pytest" in dry.stdout
    gone = subprocess.run(["make", "-n", "grade"], cwd=copy, capture_output=True, text=True)
    assert gone.returncode != 0 and "No rule to make target" in gone.stderr


def test_student_side_tests_pass_inside_the_copy(copy: Path) -> None:
    # PYTHONPATH: the kernels nbval starts (in notebooks/) import the copy's framelab too, not the
    # editable install of this repository's.
    env = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1", "PYTHONPATH": str(copy)}
    where = subprocess.run([sys.executable, "-c", "import framelab; print(framelab.__file__)"],
                           cwd=copy / "notebooks", env=env, capture_output=True, text=True, check=True)
    assert Path(where.stdout.strip()).is_relative_to(copy), "the tests below would import this repository's framelab"
    done = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider",
         "tests/test_links.py", "tests/test_student_materials.py", "tests/test_exercises_as_released.py",
         "framelab/text.py", "notebooks/00-welcome.ipynb", "-k", "not untouched or 01-meet-the-corpus"],
        cwd=copy, env=env, capture_output=True, text=True, timeout=600,
    )
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-2000:]
    assert re.search(r"(\d+) passed", done.stdout) and " failed" not in done.stdout


def test_a_destination_inside_the_project_or_not_empty_is_refused(tmp_path: Path) -> None:
    with pytest.raises(StudentCopyError, match="into the project itself"):
        check_destination(ROOT / "students-copy")
    mine = tmp_path / "mine"
    mine.mkdir()
    (mine / "notes.txt").write_text("my notes", encoding="utf-8")
    with pytest.raises(StudentCopyError, match="not empty"):
        make_student_copy(mine)
    assert [p.name for p in mine.iterdir()] == ["notes.txt"] and (mine / "notes.txt").read_text() == "my notes"
    (tmp_path / "file").write_text("x", encoding="utf-8")
    with pytest.raises(StudentCopyError, match="not a folder"):
        check_destination(tmp_path / "file")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["file", "mine"], "a refused build left files behind"


def test_the_command_line_says_what_it_needs(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    assert main([]) == 2
    assert "DEST" in capsys.readouterr().err
    (tmp_path / "x").write_text("x", encoding="utf-8")
    assert main([str(tmp_path)]) == 1
    assert "is not empty" in capsys.readouterr().err


def test_a_makefile_line_that_still_needs_left_out_material_is_an_error() -> None:
    assert "solutions/" in LEFT_OUT
    with pytest.raises(StudentCopyError, match="line 1.*solutions"):
        student_makefile("SOURCES := solutions/01-x/01-x.ipynb\n\nlab:\n\tjupyter lab\n")
    kept = student_makefile("site: notebooks\n\tpython -m tools.site\n\nbench:\n\tpython -m benchmarks.run\n"
                            "\tpython -m benchmarks.grading\n\ngrade:\n\tpython -m tools.grade x\n\n"
                            "help: grade\n\techo grade first\n")
    assert kept == "site: notebooks\n\tpython -m tools.site\n\nbench:\n\tpython -m benchmarks.run\n"


def test_the_builders_doctests_pass() -> None:
    """tools/ is not in pytest's testpaths (tools/grading is): run tools/student_copy.py's examples here."""
    import doctest

    import tools.student_copy

    result = doctest.testmod(tools.student_copy)
    assert result.attempted >= 6 and result.failed == 0


def test_untracked_grades_and_submissions_stay_behind(tmp_path: Path) -> None:
    """Attack: `make grade GRADE_ARGS="--output marks"` and submissions kept in the working tree reached the copy."""
    project = tmp_path / "project"
    project.mkdir()
    subprocess.run(["git", "init", "-q", str(project)], check=True)
    (project / "README.md").write_text("# Course\n", encoding="utf-8")
    subprocess.run(["git", "-C", str(project), "add", "README.md"], check=True)
    (project / "marks").mkdir()
    (project / "marks" / "gradebook.csv").write_text("student,points\nana,3\n", encoding="utf-8")
    (project / "submissions").mkdir()
    (project / "submissions" / "ana_06-voices.ipynb").write_text("{}", encoding="utf-8")
    assert project_files(project) == ["README.md"]
    assert untracked_files(project) == ["marks/gradebook.csv", "submissions/ana_06-voices.ipynb"]


def test_the_copy_has_the_mode_a_new_folder_gets(copy: Path) -> None:
    """Attack: the copy's folder came out private (0700), from the temporary folder it was built in."""
    umask = os.umask(0)
    os.umask(umask)
    assert copy.stat().st_mode & 0o777 == 0o777 & ~umask
