"""The wheel a JupyterHub image installs (``pip install .``) holds all of framelab and works.

One module-scoped fixture builds the wheel from a copy of the project's sources
(nothing is written into the repository), installs it into a fresh virtual
environment and runs framelab from there, offline:

* the wheel is built with ``--no-build-isolation`` and ``--no-index``, by the
  setuptools installed beside the tests, so no package is downloaded;
* the fresh environment has only the wheel's framelab; the packages framelab
  needs (nltk, pandas, ...) are borrowed from the test environment through a
  ``.pth`` file listing its site-packages (a plain path line, so that folder's
  own ``.pth`` files, the editable install of framelab among them, are not run);
* everything runs from a temporary "classroom" folder holding a copy of
  ``seeds/``, as a clone made by nbgitpuller does, so the repository's
  ``framelab/`` cannot be imported by accident.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import zipfile
from importlib import metadata
from pathlib import Path

import pytest

from framelab.corpus import SEEDS

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "framelab"
# Paths relative to framelab/data and framelab/, subfolders included (the held-out attribution set, the explorer).
DATA_FILES = sorted(
    p.relative_to(PACKAGE / "data").as_posix()
    for p in (PACKAGE / "data").rglob("*")
    if p.is_file() and not p.name.startswith(".") and "__pycache__" not in p.parts
)
MODULES = sorted(p.relative_to(PACKAGE).as_posix() for p in PACKAGE.rglob("*.py") if "__pycache__" not in p.parts)


#: The test environment's site-packages folders, which the fresh venv borrows.
BORROWED = [Path(p) for p in sys.path if Path(p).name in ("site-packages", "dist-packages") and Path(p).is_dir()]


def _jupyter_data_dirs() -> list[Path]:
    """``share/jupyter`` of the environments that own BORROWED: where their JupyterLab extensions are."""
    found = []
    for site_packages in BORROWED:
        for prefix in site_packages.parents[:4]:
            if (prefix / "share" / "jupyter").is_dir():
                found.append(prefix / "share" / "jupyter")
                break
    return found


def _run(command: list[str], cwd: Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    result = subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, (
        f"`{' '.join(command)}` failed with exit status {result.returncode}:\n{result.stdout}\n{result.stderr}"
    )
    return result


def _can_build_wheels_offline() -> bool:
    """setuptools builds wheels itself from 70.1 on; before that it needs the `wheel` package."""
    probe = "import setuptools.command.bdist_wheel"
    fallback = "import wheel.bdist_wheel"
    return any(
        subprocess.run([sys.executable, "-c", code], capture_output=True).returncode == 0 for code in (probe, fallback)
    )


def _clean_env(**extra: str) -> dict[str, str]:
    env = {key: value for key, value in os.environ.items() if key not in ("PYTHONPATH", "PYTHONHOME")}
    env.update(PYTHONNOUSERSITE="1", PIP_DISABLE_PIP_VERSION_CHECK="1", PIP_NO_INPUT="1", **extra)
    return env


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    if not _can_build_wheels_offline():
        pytest.fail(
            f"setuptools {metadata.version('setuptools')} in {sys.prefix} cannot build a wheel without the `wheel` "
            "package, and building in isolation would download setuptools. The test extras in pyproject.toml "
            "must pin setuptools 70.1 or newer; `make test` reinstalls them whenever pyproject.toml changes."
        )
    work = tmp_path_factory.mktemp("build")
    source = work / "src"
    source.mkdir()
    for name in ("pyproject.toml", "README.md"):
        shutil.copy2(ROOT / name, source / name)
    shutil.copytree(PACKAGE, source / "framelab", ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
    _run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "--no-index",
         "--wheel-dir", str(work / "dist"), str(source)],
        cwd=work, env=_clean_env(),
    )  # fmt: skip
    wheels = sorted((work / "dist").glob("framelab-*.whl"))
    assert len(wheels) == 1, f"expected one framelab wheel, found {wheels}"
    return wheels[0]


@pytest.fixture(scope="module")
def installed(wheel: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """(python of a fresh venv with the wheel installed, a classroom folder to run it in)."""
    venv = tmp_path_factory.mktemp("venv")
    _run([sys.executable, "-m", "venv", "--without-pip", str(venv)], cwd=venv)
    python = venv / ("Scripts/python.exe" if os.name == "nt" else "bin/python")
    site_packages = Path(
        _run([str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"], cwd=venv).stdout.strip()
    )
    (site_packages / "borrowed_test_env.pth").write_text("\n".join(map(str, BORROWED)) + "\n", encoding="utf-8")
    _run(
        [sys.executable, "-m", "pip", "--python", str(python), "install", "--no-deps", "--no-index", str(wheel)],
        cwd=venv, env=_clean_env(),
    )  # fmt: skip
    classroom = tmp_path_factory.mktemp("classroom")
    shutil.copytree(SEEDS, classroom / "seeds")
    return python, classroom


def test_wheel_holds_every_module_and_data_file(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    assert DATA_FILES, "framelab/data holds no files"
    assert {"frames.tsv", "hedges.tsv", "reporting_verbs.tsv", "speakers.tsv"} <= set(DATA_FILES)
    missing_data = [name for name in DATA_FILES if f"framelab/data/{name}" not in names]
    assert not missing_data, f"the wheel lacks framelab/data/{missing_data}: fix package-data in pyproject.toml"
    missing_modules = [name for name in MODULES if f"framelab/{name}" not in names]
    assert not missing_modules, f"the wheel lacks framelab/{missing_modules}"


def test_installed_wheel_is_the_framelab_imported_and_its_data_loads(installed: tuple[Path, Path]) -> None:
    python, classroom = installed
    script = (
        "import framelab, importlib.resources as r\n"
        "from framelab import frames, voices\n"
        "print(framelab.__file__)\n"
        "data = r.files('framelab') / 'data'\n"
        "from pathlib import Path\n"
        "print(sorted(p.relative_to(Path(str(data))).as_posix() for p in Path(str(data)).rglob('*')"
        " if p.is_file() and '__pycache__' not in p.parts))\n"
        "print(len(frames.frame_lexicon()), len(frames.hedge_lexicon()), len(voices.reporting_verbs()), len(voices.speakers()))\n"
        "print(len(framelab.load_corpus()))\n"
    )
    lines = _run([str(python), "-c", script], cwd=classroom, env=_clean_env()).stdout.splitlines()
    location = Path(lines[0]).resolve()
    venv = python.parent.parent.resolve()
    assert venv in location.parents, f"framelab was imported from {location}, not from the fresh venv {venv}"
    assert ROOT not in location.parents
    assert lines[1] == str(DATA_FILES)
    assert all(int(count) > 0 for count in lines[2].split()), f"a lexicon loaded empty: {lines[2]}"
    assert lines[3] == "5", "the installed framelab did not find the classroom's seeds/"


def test_doctor_passes_in_the_fresh_venv(installed: tuple[Path, Path]) -> None:
    python, classroom = installed
    # The JupyterLab extension lives under the borrowed environment's prefix, not the fresh one's.
    env = _clean_env(JUPYTER_PATH=os.pathsep.join(map(str, _jupyter_data_dirs())))
    result = subprocess.run(
        [str(python), "-m", "framelab", "doctor"], cwd=classroom, env=env, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, f"doctor failed in the fresh venv:\n{result.stdout}\n{result.stderr}"
    assert "All checks passed." in result.stdout
    # Only an installed copy lacks pyproject.toml beside it: proof the wheel's framelab ran.
    assert "version pins not compared" in result.stdout
    assert "the 5 bundled articles match seeds/catalog.csv" in result.stdout
