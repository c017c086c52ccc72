"""Is this machine ready for the lessons? An environment check for learners and CI.

``framelab.doctor()`` in a notebook, or ``python -m framelab doctor`` in a
terminal, prints one line per check and a verdict:

* the versions of the packages the lessons use, against the pins in
  ``pyproject.toml`` (a different version may change the notebooks' outputs,
  so a mismatch counts as a problem);
* the JupyterLab extension that draws ipywidgets (without it sliders and
  dropdowns show as plain text);
* the five bundled articles, byte for byte against ``seeds/catalog.csv``;
* what the lessons need offline: the stop-word file, and the sentence splitter
  and word tokenizer running with no downloaded NLTK data.

The report never prints paths or timings, so it reads the same on every
machine. :func:`run_checks` returns the same results as data, and every check
takes the folder it inspects as a parameter, so tests can point it at a copy:

>>> [check.ok for check in check_offline()]
[True, True, True]
>>> print(check_widgets_extension(search_paths=[]).line(ascii=True))
XX JupyterLab widgets extension (@jupyter-widgets/jupyterlab-manager) not found, so sliders and dropdowns will not appear - delete the .venv folder and run `make lab` again to reinstall it
"""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from framelab.corpus import CATALOG_NAME, SEEDS, load_corpus, only_line_endings_differ, read_catalog, sha256_of
from framelab.errors import FramelabError
from framelab.lexicons import DATA, load_word_list

#: Packages the lessons import or run; missing or mismatched ones are problems.
CORE_PACKAGES = ("ipykernel", "ipywidgets", "jupyterlab", "matplotlib", "nltk", "numpy", "pandas")
#: Packages only the test suite and grading need; their absence is not a problem.
TEST_PACKAGES = ("nbgrader", "nbval")
#: The lessons' pins live here when framelab runs from the project folder.
PYPROJECT = Path(__file__).resolve().parent.parent / "pyproject.toml"
#: How many articles the bundled corpus holds.
SEED_COUNT = 5

WIDGETS_EXTENSION = "@jupyter-widgets/jupyterlab-manager"
#: ipywidgets major version -> the jupyterlab-manager major version it talks to.
_WIDGETS_PROTOCOL = {"7": "3", "8": "5"}

_REINSTALL = "delete the .venv folder and run `make lab` again to reinstall"
_SAMPLE = "The U.S. sent 3,000 troops to Poland. NATO’s allies welcomed them."
_SAMPLE_SENTENCES = ["The U.S. sent 3,000 troops to Poland.", "NATO’s allies welcomed them."]
_SAMPLE_TOKENS = ["The", "U.S.", "sent", "3,000", "troops", "to", "Poland", ".",
                  "NATO", "'s", "allies", "welcomed", "them", "."]  # fmt: skip


@dataclass(frozen=True)
class Check:
    """The result of one check: a short ``name`` for code, a ``detail`` sentence
    for people, and when ``ok`` is false the ``fix`` in plain words.

    >>> Check("seeds", True, "the 5 articles match catalog.csv").line()
    '✔ the 5 articles match catalog.csv'
    >>> Check("nltk", False, "nltk is not installed", "install it").line(ascii=True)
    'XX nltk is not installed - install it'
    """

    name: str
    ok: bool
    detail: str
    fix: str = ""

    def line(self, ascii: bool = False) -> str:
        """The report line: ``✔ detail`` or ``✘ detail — fix`` (``ascii`` for plain terminals)."""
        good, bad, dash = ("OK", "XX", "-") if ascii else ("✔", "✘", "—")
        if self.ok:
            return f"{good} {self.detail}"
        return f"{bad} {self.detail} {dash} {self.fix}" if self.fix else f"{bad} {self.detail}"


# --- package versions -------------------------------------------------------


def _normalize(name: str) -> str:
    """PEP 503 name, so ``jupyterlab_widgets`` and ``jupyterlab-widgets`` compare equal."""
    return re.sub(r"[-_.]+", "-", name).lower()


def read_pins(pyproject: Path | None = PYPROJECT) -> dict[str, str] | None:
    """Exact ``name==version`` pins of framelab's ``pyproject.toml``, or None when
    the file is absent or unreadable (framelab installed without its project folder).

    >>> read_pins()["nltk"]
    '3.10.4'
    >>> read_pins(Path("no-such-folder") / "pyproject.toml") is None
    True
    """
    if pyproject is None:
        return None
    try:
        text = Path(pyproject).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return None
    try:
        import tomllib  # Python 3.11+; on 3.10 the regex below reads the pins.
    except ImportError:
        requirements = re.findall(r'"([^"]+==[^"]+)"', text)
    else:
        try:
            project = tomllib.loads(text).get("project", {})
        except tomllib.TOMLDecodeError:
            return None
        if project.get("name") != "framelab":
            return None  # some other project's file: its pins are not ours
        requirements = list(project.get("dependencies", []))
        for extra in project.get("optional-dependencies", {}).values():
            requirements.extend(extra)
    pins = {}
    for requirement in requirements:
        name, separator, version = requirement.partition("==")
        if separator:
            pins[_normalize(name.strip())] = version.split(";")[0].strip()
    return pins


def _installed_version(name: str) -> str | None:
    from importlib import metadata  # imported here to keep `import framelab` light

    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return None


def check_packages(
    pins: Mapping[str, str] | None,
    core: Iterable[str] = CORE_PACKAGES,
    optional: Iterable[str] = TEST_PACKAGES,
) -> list[Check]:
    """One check per package, sorted by name: installed, and at its pinned version.

    A missing ``core`` package or any version that differs from its pin is a
    problem; a missing ``optional`` package is only reported.

    >>> [c.line() for c in check_packages({"nltk": "3.10.4"}, core=["nltk"], optional=["no-such-pkg"])]
    ['✔ nltk 3.10.4', '✔ no-such-pkg not installed (only needed for tests/grading)']
    >>> check_packages({"nltk": "0.1"}, core=["nltk"], optional=[])[0].ok
    False
    """
    required = {name: True for name in core} | {name: False for name in optional}
    checks = []
    for name in sorted(required):
        version = _installed_version(name)
        pinned = (pins or {}).get(_normalize(name))
        fix = f"{_REINSTALL} the pinned versions"
        if version is None and required[name]:
            checks.append(Check(name, False, f"{name} is not installed", f"{_REINSTALL} it"))
        elif version is None:
            checks.append(Check(name, True, f"{name} not installed (only needed for tests/grading)"))
        elif pinned is not None and version != pinned:
            detail = (
                f"{name} {version} is installed but the lessons pin {pinned}, "
                "so notebook outputs may differ from the committed ones"
            )
            checks.append(Check(name, False, detail, fix))
        else:
            note = " (no pin to compare with)" if pins is not None and pinned is None else ""
            checks.append(Check(name, True, f"{name} {version}{note}"))
    return checks


def check_pins(pins: Mapping[str, str] | None) -> Check:
    """Say whether versions were compared with pins (they cannot be without pyproject.toml).

    >>> check_pins(None).detail
    'version pins not compared (pyproject.toml is not beside the package)'
    """
    if pins is None:
        return Check("pins", True, "version pins not compared (pyproject.toml is not beside the package)")
    return Check("pins", True, "versions compared with the pins in pyproject.toml")


# --- the widgets extension --------------------------------------------------


def labextension_paths() -> list[Path]:
    """The folders JupyterLab searches for prebuilt extensions, in its order.

    ``jupyter_core`` computes them exactly as JupyterLab does (environment,
    user and system folders) without starting a server; it is small, unlike
    ``jupyterlab`` itself, so it is imported only here.
    """
    try:
        from jupyter_core.paths import jupyter_path
    except ImportError:
        return [Path(sys.prefix) / "share" / "jupyter" / "labextensions"]
    return [Path(path) for path in jupyter_path("labextensions")]


def _read_package_json(folder: Path) -> dict | None:
    try:
        data = json.loads((folder / "package.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) else None


def _bundle_present(folder: Path, package: dict) -> bool:
    """Whether the JavaScript entry point that ``package.json`` names exists."""
    build = (package.get("jupyterlab") or {}).get("_build") or {}
    entry = build.get("load") if isinstance(build, dict) else None
    return isinstance(entry, str) and bool(entry) and (folder / entry).is_file()


def check_widgets_extension(search_paths: Sequence[Path] | None = None) -> Check:
    """Find ipywidgets' JupyterLab extension in ``search_paths`` (JupyterLab's by default).

    The first folder holding it wins, as in JupyterLab. It counts as installed
    when its ``package.json`` names it and the bundle that file points to is
    present, and its major version speaks the installed ipywidgets' protocol.
    """
    paths = labextension_paths() if search_paths is None else [Path(p) for p in search_paths]
    name = "widgets extension"
    for base in paths:
        folder = base.joinpath(*WIDGETS_EXTENSION.split("/"))
        if not folder.is_dir():
            continue
        package = _read_package_json(folder) or {}
        if package.get("name") != WIDGETS_EXTENSION or not _bundle_present(folder, package):
            return Check(
                name, False, f"JupyterLab widgets extension ({WIDGETS_EXTENSION}) is incomplete",
                f"{_REINSTALL} it",
            )
        version = str(package.get("version", "?"))
        widgets = _installed_version("ipywidgets") or ""
        expected = _WIDGETS_PROTOCOL.get(widgets.split(".")[0])
        if expected and version.split(".")[0] != expected:
            return Check(
                name, False,
                f"JupyterLab widgets extension {version} does not match ipywidgets {widgets}, "
                "so widgets will fail to display",
                f"{_REINSTALL} matching versions",
            )
        return Check(name, True, f"JupyterLab widgets extension {version} installed")
    return Check(
        name, False,
        f"JupyterLab widgets extension ({WIDGETS_EXTENSION}) not found, so sliders and dropdowns will not appear",
        f"{_REINSTALL} it",
    )


# --- the bundled articles ---------------------------------------------------


def _restore(names: Sequence[str]) -> str:
    files = " ".join(f"seeds/{name}" for name in names)
    return f"restore {'the file' if len(names) == 1 else 'the files'} with `git checkout -- {files}`"


def check_seeds(folder: Path | None = None) -> Check:
    """Verify every article in ``folder`` (the bundled seeds) against its catalog checksum.

    Names every file that is missing, changed or not catalogued.

    >>> check_seeds().line()
    '✔ the 5 bundled articles match seeds/catalog.csv'
    """
    folder = SEEDS if folder is None else Path(folder)
    catalog = folder / CATALOG_NAME
    if not catalog.is_file():
        return Check("seeds", False, f"seeds/{CATALOG_NAME} is missing", _restore([CATALOG_NAME]))
    try:
        rows = read_catalog(catalog)
    except (FramelabError, OSError, UnicodeDecodeError, ValueError):
        return Check("seeds", False, f"seeds/{CATALOG_NAME} cannot be read", _restore([CATALOG_NAME]))

    missing, changed, unverifiable, line_endings = [], [], [], []
    for row in rows:
        path = folder / row["file"]
        if not path.is_file():
            missing.append(row["file"])
        elif not row.get("sha256"):
            unverifiable.append(row["file"])
        elif sha256_of(path) != row["sha256"]:
            # A plain `git checkout` leaves CRLF files as they are: they get their own advice below.
            crlf = only_line_endings_differ(path.read_bytes(), row["sha256"])
            (line_endings if crlf else changed).append(row["file"])
    catalogued = {row["file"] for row in rows}
    extra = sorted(p.name for p in folder.glob("*.txt") if p.name not in catalogued)

    if line_endings and not (missing or changed or unverifiable):
        # A plain `git checkout` would leave CRLF files as they are: say what does restore them.
        return Check(
            "seeds",
            False,
            f"seeds: {', '.join(sorted(line_endings))} has Windows line endings (CRLF); the originals have LF",
            "run `git config core.autocrlf false`, delete the file(s) and run `git checkout -- seeds/`; "
            "or load with verify=False (the text loads the same with either line ending)",
        )
    changed += line_endings
    problems = []
    if missing:
        problems.append(f"{', '.join(sorted(missing))} missing")
    if changed:
        problems.append(f"{', '.join(sorted(changed))} changed (checksum differs from {CATALOG_NAME})")
    if unverifiable:
        problems.append(f"{', '.join(sorted(unverifiable))} has no checksum in {CATALOG_NAME}")
    if problems:
        # A file without a checksum means the catalog itself was edited.
        to_restore = sorted(missing + changed) + ([CATALOG_NAME] if unverifiable else [])
        return Check("seeds", False, "seeds: " + "; ".join(problems), _restore(to_restore))
    if extra:
        return Check(
            "seeds", False, f"seeds: {', '.join(extra)} not in {CATALOG_NAME}",
            "move the extra file out of the seeds folder (the lessons use exactly the five articles)",
        )
    if len(rows) != SEED_COUNT:
        return Check(
            "seeds", False, f"seeds/{CATALOG_NAME} lists {len(rows)} articles instead of {SEED_COUNT}",
            _restore([CATALOG_NAME]),
        )
    try:
        load_corpus(folder)
    except FramelabError as error:  # checksums pass, yet a file will not load: say why
        return Check("seeds", False, f"the articles do not load: {error}", _restore([CATALOG_NAME]))
    return Check("seeds", True, f"the {SEED_COUNT} bundled articles match seeds/{CATALOG_NAME}")


# --- offline readiness ------------------------------------------------------


def _without_nltk_data(function, *args):
    """Call ``function`` with NLTK's data search path emptied, so any attempt to
    load downloaded data raises LookupError even on machines that have it."""
    import nltk.data  # already imported by framelab.text

    saved = list(nltk.data.path)
    nltk.data.path[:] = []
    try:
        return function(*args)
    finally:
        nltk.data.path[:] = saved


def _offline_check(name: str, what: str, function, expected: list[str]) -> Check:
    fix = (
        "framelab/text.py must use only NLTK's data-free tools; restore it with "
        "`git checkout -- framelab/text.py`"
    )
    try:
        result = _without_nltk_data(function, _SAMPLE)
    except LookupError:
        return Check(name, False, f"the {what} needs downloaded NLTK data", fix)
    except Exception as error:  # any crash is the finding; report its kind
        return Check(name, False, f"the {what} fails ({type(error).__name__}: {error})", fix)
    if result != expected:
        return Check(name, False, f"the {what} gives {result!r}, expected {expected!r}", fix)
    return Check(name, True, f"the {what} works offline (no NLTK data needed)")


def check_offline(stop_words_file: Path | None = None) -> list[Check]:
    """Stop words load from framelab's data file; sentences and words split with no NLTK data.

    >>> [check.name for check in check_offline()]
    ['stop words', 'sentence splitter', 'word tokenizer']
    """
    from framelab.text import split_sentences, tokenize

    path = DATA / "stopwords_en.txt" if stop_words_file is None else Path(stop_words_file)
    restore = "restore it with `git checkout -- framelab/data/stopwords_en.txt`"
    try:
        entries = load_word_list(path)
    except (FramelabError, OSError, UnicodeDecodeError):
        stop = Check("stop words", False, "the stop-word list does not load", restore)
    else:
        if "the" in entries:
            stop = Check("stop words", True, f"the stop-word list loads ({len(entries)} words)")
        else:
            stop = Check("stop words", False, "the stop-word list lacks common words like 'the'", restore)
    return [
        stop,
        _offline_check("sentence splitter", "sentence splitter", split_sentences, _SAMPLE_SENTENCES),
        _offline_check("word tokenizer", "word tokenizer", tokenize, _SAMPLE_TOKENS),
    ]


# --- the report -------------------------------------------------------------


def run_checks(
    seeds: Path | None = None,
    labextension_search_paths: Sequence[Path] | None = None,
    pyproject: Path | None = PYPROJECT,
) -> list[Check]:
    """Every check, in report order; each parameter points one check elsewhere (for tests)."""
    pins = read_pins(pyproject)
    return [
        *check_packages(pins),
        check_pins(pins),
        check_widgets_extension(labextension_search_paths),
        check_seeds(seeds),
        *check_offline(),
    ]


def format_report(checks: Sequence[Check], ascii: bool = False) -> str:
    """One line per check, then ``All checks passed.`` or ``N problem(s) found.``

    >>> print(format_report([Check("a", True, "fine"), Check("b", False, "broken", "mend it")]))
    ✔ fine
    ✘ broken — mend it
    1 problem found.
    """
    problems = sum(not check.ok for check in checks)
    verdict = "All checks passed." if problems == 0 else f"{problems} problem{'s' if problems > 1 else ''} found."
    return "\n".join([*(check.line(ascii) for check in checks), verdict])


def _stdout_takes_symbols() -> bool:
    """False when stdout cannot encode ✔ ✘ — (e.g. a legacy Windows code page)."""
    try:
        "✔✘—".encode(getattr(sys.stdout, "encoding", None) or "ascii")
    except (UnicodeEncodeError, LookupError):
        return False
    return True


def doctor(
    seeds: Path | None = None,
    labextension_search_paths: Sequence[Path] | None = None,
    pyproject: Path | None = PYPROJECT,
) -> bool:
    """Print the environment report; True only when every check passed.

    The parameters are those of :func:`run_checks`.
    """
    checks = run_checks(seeds, labextension_search_paths, pyproject)
    print(format_report(checks, ascii=not _stdout_takes_symbols()))
    return all(check.ok for check in checks)


def main(argv: Sequence[str] | None = None) -> int:
    """``python -m framelab doctor``: exit status 0 when all is well, 1 otherwise."""
    import argparse

    parser = argparse.ArgumentParser(
        prog="python -m framelab doctor",
        description="Check that this machine is ready for the Framing Lab lessons.",
    )
    parser.parse_args(argv)
    return 0 if doctor() else 1
