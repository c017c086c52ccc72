"""framelab.doctor: the report passes on this machine and names what breaks.

Each failure case points one check at a broken copy (a seeds folder with a
changed byte, an empty extension folder, wrong pins), so the real project is
never touched.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import framelab.text
from framelab.corpus import SEEDS
from framelab.doctor import (
    Check,
    check_offline,
    check_packages,
    check_seeds,
    check_widgets_extension,
    doctor,
    format_report,
    read_pins,
    run_checks,
)

CHANGED = "002_818d4d6d75d55261.txt"


def run_cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "framelab", *args], capture_output=True, text=True, timeout=120
    )


@pytest.fixture
def seeds_copy(tmp_path: Path) -> Path:
    folder = tmp_path / "seeds"
    shutil.copytree(SEEDS, folder)
    return folder


def fake_extension(base: Path, version: str = "5.0.16", with_bundle: bool = True) -> Path:
    """A minimal prebuilt @jupyter-widgets/jupyterlab-manager under ``base``."""
    folder = base / "@jupyter-widgets" / "jupyterlab-manager"
    (folder / "static").mkdir(parents=True)
    package = {
        "name": "@jupyter-widgets/jupyterlab-manager",
        "version": version,
        "jupyterlab": {"_build": {"load": "static/remoteEntry.js"}},
    }
    (folder / "package.json").write_text(json.dumps(package), encoding="utf-8")
    if with_bundle:
        (folder / "static" / "remoteEntry.js").write_text("// bundle", encoding="utf-8")
    return base


# --- all is well --------------------------------------------------------------


def test_all_good_returns_true_and_prints_a_clean_report(capsys):
    assert doctor() is True
    out = capsys.readouterr().out
    lines = out.splitlines()
    assert lines[-1] == "All checks passed."
    assert all(line.startswith("✔ ") for line in lines[:-1]), out
    # Deterministic: no paths of this machine in the report.
    assert str(SEEDS.parent) not in out and sys.prefix not in out
    assert f"✔ nltk {read_pins()['nltk']}" in lines and "✔ the 5 bundled articles match seeds/catalog.csv" in lines


def test_every_check_passes_as_data():
    checks = run_checks()
    assert [check.name for check in checks if not check.ok] == []
    names = [check.name for check in checks]
    assert {"nltk", "pandas", "jupyterlab", "widgets extension", "seeds", "word tokenizer"} <= set(names)


def test_cli_doctor_exits_0_when_all_is_well():
    result = run_cli("doctor")
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.splitlines()[-1] == "All checks passed."


def test_report_is_the_same_twice():
    assert run_cli("doctor").stdout == run_cli("doctor").stdout


# --- the seeds ----------------------------------------------------------------


def test_an_unchanged_copy_of_the_seeds_passes(seeds_copy):
    assert check_seeds(seeds_copy).ok


def test_a_changed_byte_fails_the_seed_check_naming_the_file(seeds_copy, capsys):
    path = seeds_copy / CHANGED
    data = bytearray(path.read_bytes())
    data[100] ^= 0x01  # one bit of one byte, still valid ASCII text
    path.write_bytes(bytes(data))

    check = check_seeds(seeds_copy)
    assert not check.ok
    assert CHANGED in check.detail and "changed" in check.detail
    assert check.fix == f"restore the file with `git checkout -- seeds/{CHANGED}`"
    assert "001_2df777cd8a4c8b81.txt" not in check.detail  # only the changed file is blamed

    assert doctor(seeds=seeds_copy) is False
    out = capsys.readouterr().out
    assert f"✘ seeds: {CHANGED} changed" in out
    assert out.splitlines()[-1] == "1 problem found."


def test_crlf_line_endings_are_named_with_a_fix_that_restores_the_bytes(seeds_copy):
    path = seeds_copy / CHANGED
    path.write_bytes(path.read_bytes().replace(b"\n", b"\r\n"))
    check = check_seeds(seeds_copy)
    assert not check.ok
    assert "Windows line endings (CRLF)" in check.detail and CHANGED in check.detail
    assert "core.autocrlf false" in check.fix  # a plain checkout would keep the CRLF bytes
    path.write_bytes(path.read_bytes().replace(b"\r\n", b"\n"))
    assert check_seeds(seeds_copy).ok


def test_crlf_and_an_edit_is_a_plain_change(seeds_copy):
    path = seeds_copy / CHANGED
    path.write_bytes(path.read_bytes().replace(b"\n", b"\r\n").replace(b"troops", b"tro0ps", 1))
    check = check_seeds(seeds_copy)
    assert not check.ok and "changed (checksum differs" in check.detail and "CRLF" not in check.detail


def test_a_missing_seed_is_named(seeds_copy):
    (seeds_copy / CHANGED).unlink()
    check = check_seeds(seeds_copy)
    assert not check.ok and f"{CHANGED} missing" in check.detail


def test_an_extra_article_is_named(seeds_copy):
    (seeds_copy / "999_extra.txt").write_text("Another article.\n", encoding="utf-8")
    check = check_seeds(seeds_copy)
    assert not check.ok and "999_extra.txt" in check.detail


def test_a_missing_catalog_is_reported(seeds_copy):
    (seeds_copy / "catalog.csv").unlink()
    check = check_seeds(seeds_copy)
    assert not check.ok and "catalog.csv is missing" in check.detail
    assert "git checkout -- seeds/catalog.csv" in check.fix


# --- the widgets extension --------------------------------------------------


def test_a_missing_labextension_is_reported(tmp_path, capsys):
    check = check_widgets_extension([tmp_path])
    assert not check.ok
    assert "@jupyter-widgets/jupyterlab-manager" in check.detail and "not found" in check.detail
    assert "make lab" in check.fix

    assert doctor(labextension_search_paths=[tmp_path]) is False
    assert "✘ JupyterLab widgets extension" in capsys.readouterr().out


def test_the_labextension_is_found_in_the_given_path(tmp_path):
    check = check_widgets_extension([tmp_path / "empty", fake_extension(tmp_path / "share")])
    assert check.ok and check.detail == "JupyterLab widgets extension 5.0.16 installed"


def test_an_incomplete_labextension_is_reported(tmp_path):
    check = check_widgets_extension([fake_extension(tmp_path, with_bundle=False)])
    assert not check.ok and "incomplete" in check.detail


def test_a_labextension_for_another_ipywidgets_is_reported(tmp_path):
    check = check_widgets_extension([fake_extension(tmp_path, version="3.1.0")])
    assert not check.ok and "does not match ipywidgets" in check.detail


# --- versions ---------------------------------------------------------------------


def test_pins_are_read_from_pyproject():
    pins = read_pins()
    assert pins is not None
    assert pins["pandas"] == "2.3.3" and pins["nbval"] == "0.11.0"


def test_a_version_other_than_the_pin_is_a_problem():
    (check,) = check_packages({"pandas": "0.0.1"}, core=["pandas"], optional=[])
    assert not check.ok
    assert "the lessons pin 0.0.1" in check.detail and "outputs may differ" in check.detail


def test_a_missing_core_package_fails_but_a_missing_test_package_does_not():
    missing_core, missing_optional = check_packages(
        {}, core=["framelab-no-such-package"], optional=["framelab-no-such-tool"]
    )
    assert not missing_core.ok and "is not installed" in missing_core.detail
    assert missing_optional.ok
    assert missing_optional.detail == "framelab-no-such-tool not installed (only needed for tests/grading)"


def test_without_pyproject_versions_are_listed_but_not_compared(tmp_path):
    assert read_pins(tmp_path / "pyproject.toml") is None
    other = tmp_path / "other.toml"
    other.write_text('[project]\nname = "other"\ndependencies = ["pandas==0.0.1"]\n', encoding="utf-8")
    assert read_pins(other) is None  # another project's pins are not ours
    checks = run_checks(pyproject=tmp_path / "pyproject.toml")
    assert all(check.ok for check in checks)
    assert "version pins not compared" in format_report(checks)


# --- offline readiness --------------------------------------------------------


def test_a_missing_stop_word_file_is_reported(tmp_path):
    stop, *_ = check_offline(tmp_path / "stopwords_en.txt")
    assert not stop.ok and "stopwords_en.txt" in stop.fix


def test_a_splitter_that_needs_nltk_data_is_caught(monkeypatch):
    import nltk.data

    path_before = list(nltk.data.path)
    # A splitter that, like nltk.sent_tokenize, looks for the downloaded Punkt model.
    monkeypatch.setattr(
        framelab.text, "split_sentences", lambda text: nltk.data.find("tokenizers/punkt_tab/english/")
    )
    _, splitter, _ = check_offline()
    assert not splitter.ok and "needs downloaded NLTK data" in splitter.detail
    assert nltk.data.path == path_before  # the search path is restored afterwards


def test_a_tokenizer_giving_other_tokens_is_caught(monkeypatch):
    monkeypatch.setattr(framelab.text, "tokenize", lambda text: text.split())
    *_, tokenizer = check_offline()
    assert not tokenizer.ok and "expected" in tokenizer.detail


# --- report format and command line --------------------------------------------


def test_problem_lines_carry_the_fix_and_the_count():
    report = format_report([Check("a", False, "a broke", "mend a"), Check("b", False, "b broke", "mend b")])
    assert report.splitlines() == ["✘ a broke — mend a", "✘ b broke — mend b", "2 problems found."]


@pytest.mark.parametrize("args", [(), ("bogus",)])
def test_no_or_unknown_command_prints_usage_and_exits_2(args):
    result = run_cli(*args)
    assert result.returncode == 2
    assert result.stderr.startswith("usage: python -m framelab")


def test_import_framelab_stays_light():
    code = (
        "import sys, framelab; "
        "print(sorted(m for m in ('jupyterlab', 'nbclient', 'pandas', 'matplotlib', 'jupyter_core') "
        "if m in sys.modules))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert result.stdout.strip() == "[]", result.stderr
