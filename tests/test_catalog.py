"""``python -m framelab catalog FOLDER``: a catalog to check, never one overwritten, clear refusals (issue 13, item 2)."""

from __future__ import annotations

import csv
import io
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from framelab.__main__ import main
from framelab.catalog import SIDES_TEMPLATE, catalog_text, draft_catalog
from framelab.corpus import CATALOG_COLUMNS, SEEDS, load_corpus, read_catalog, sha256_of
from framelab.errors import CorpusError

CNN = "Bridge reopens after six weeks of repairs\n\nFeb. 2, 2022\n\nThe Route 9 bridge reopened on Friday.\n"
FOX = "Drivers returned to the Route 9 bridge on Friday morning.\n\nTraffic was light.\n"


@pytest.fixture
def news(tmp_path: Path) -> Path:
    folder = tmp_path / "news"
    folder.mkdir()
    (folder / "20231117_cnn.txt").write_text(CNN, encoding="utf-8")
    (folder / "20231117_fox.TXT").write_text(FOX, encoding="utf-8")
    return folder


def files(folder: Path) -> dict[str, bytes]:
    return {path.name: path.read_bytes() for path in sorted(folder.iterdir()) if path.is_file()}


def test_the_draft_has_the_seeds_columns_ids_labels_headlines_dates_and_checksums(news: Path) -> None:
    assert main(["catalog", str(news)]) == 0
    rows = read_catalog(news / "catalog.csv")
    with (news / "catalog.csv").open(encoding="utf-8") as handle:
        assert next(csv.reader(handle)) == list(CATALOG_COLUMNS) == next(csv.reader((SEEDS / "catalog.csv").open()))
    assert [(r["id"], r["file"], r["label"], r["headline"], r["date"], r["origin_notes"]) for r in rows] == [
        ("20231117_cnn", "20231117_cnn.txt", "cnn", "Bridge reopens after six weeks of repairs", "2022-02-02", ""),
        ("20231117_fox", "20231117_fox.TXT", "fox", "", "", ""),
    ]
    assert [r["sha256"] for r in rows] == [sha256_of(news / r["file"]) for r in rows]


def test_the_drafted_catalog_loads_like_the_folder_without_it(news: Path) -> None:
    without = load_corpus(news)
    assert main(["catalog", str(news)]) == 0
    with_catalog = load_corpus(news)
    fields = [(a.id, a.label, a.headline, a.date, a.body) for a in without]
    assert [(a.id, a.label, a.headline, a.date, a.body) for a in with_catalog] == fields
    assert with_catalog[1].body.startswith("Drivers returned")  # the lede is kept


def test_sides_is_drafted_once_with_its_header_and_a_comment(news: Path) -> None:
    assert main(["catalog", str(news)]) == 0
    lines = (news / "sides.tsv").read_text(encoding="utf-8").splitlines()
    assert lines[0].startswith("# side defaults to unknown; fill in one row per speaker")
    assert lines[1:] == ["speaker\tside"]
    (news / "sides.tsv").write_text("speaker\tside\nAna Delgado\tcounty\n", encoding="utf-8")
    assert main(["catalog", str(news), "--force"]) == 0
    assert (news / "sides.tsv").read_text(encoding="utf-8") == "speaker\tside\nAna Delgado\tcounty\n"


def test_an_existing_catalog_is_never_overwritten(news: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (news / "catalog.csv").write_text("id,file\nmine,20231117_cnn.txt\n", encoding="utf-8")
    before = files(news)
    assert main(["catalog", str(news)]) == 2
    error = capsys.readouterr().err
    assert "catalog.csv already exists" in error and "--force" in error and "--stdout" in error
    assert files(news) == before  # sides.tsv not written either


def test_force_keeps_the_old_catalog_as_bak(news: Path, capsys: pytest.CaptureFixture[str]) -> None:
    old = "id,file\nmine,20231117_cnn.txt\n"
    (news / "catalog.csv").write_text(old, encoding="utf-8")
    assert main(["catalog", str(news), "--force"]) == 0
    assert (news / "catalog.csv.bak").read_text(encoding="utf-8") == old
    assert [r["id"] for r in read_catalog(news / "catalog.csv")] == ["20231117_cnn", "20231117_fox"]
    assert "catalog.csv.bak" in capsys.readouterr().out


def test_force_twice_keeps_every_earlier_catalog(news: Path) -> None:
    """Attack: a second --force replaced catalog.csv.bak (the hand-edited catalog) with the first draft."""
    mine = "id,file\nmine,20231117_cnn.txt\n"
    (news / "catalog.csv").write_text(mine, encoding="utf-8")
    assert main(["catalog", str(news), "--force"]) == 0
    first_draft = (news / "catalog.csv").read_text(encoding="utf-8")
    assert main(["catalog", str(news), "--force"]) == 0
    assert (news / "catalog.csv.bak").read_text(encoding="utf-8") == mine
    assert (news / "catalog.csv.bak.1").read_text(encoding="utf-8") == first_draft


@pytest.mark.parametrize("name", ["catalog.csv", "sides.tsv"])
def test_a_symbolic_link_in_place_of_a_draft_is_refused_and_nothing_is_written(news: Path, tmp_path: Path,
                                                                              name: str, capsys) -> None:
    """Attack: a dangling link made the command write outside the folder, or fail after writing one file."""
    outside = tmp_path / "outside"
    outside.mkdir()
    (news / name).symlink_to(outside / "victim")
    before = files(news)
    assert main(["catalog", str(news)]) == 2
    assert "symbolic link" in capsys.readouterr().err
    assert files(news) == before and list(outside.iterdir()) == []


def test_stdout_prints_the_draft_and_writes_nothing(news: Path, capsys: pytest.CaptureFixture[str]) -> None:
    before = files(news)
    assert main(["catalog", str(news), "--stdout"]) == 0
    output = capsys.readouterr()
    assert output.out == catalog_text(draft_catalog(news))
    assert [row["label"] for row in csv.DictReader(io.StringIO(output.out))] == ["cnn", "fox"]
    assert "20231117_fox.TXT: its first line" in output.err and "ends like a sentence" in output.err
    assert files(news) == before


def test_the_seeds_draft_has_the_catalog_headlines_dates_and_checksums(capsys: pytest.CaptureFixture[str]) -> None:
    before = files(SEEDS)
    assert main(["catalog", str(SEEDS), "--stdout"]) == 0
    drafted = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    catalog = read_catalog(SEEDS / "catalog.csv")
    for field in ("file", "headline", "date", "sha256"):
        assert [row[field] for row in drafted] == [row[field] for row in catalog], field
    assert files(SEEDS) == before


@pytest.mark.parametrize(
    "contents, target, message",
    [
        ({}, "missing", "does not exist"),
        ({}, "", r"holds no \.txt files"),
        ({"a.md": b"# A story"}, "", r"holds no \.txt files"),
        ({"a.txt": b"x"}, "a.txt", "is a file, not a folder"),
        ({"a.txt": b"\xff\xfeA\x00", "b.txt": b""}, "", "b.txt is empty"),
        ({"a.txt": b"A one\n\nx", "a.TXT": b"A two\n\nx"}, "", "would both get the id 'a'"),
    ],
    ids=["missing-folder", "empty-folder", "no-txt", "a-file", "an-empty-article", "one-id-twice"],
)
def test_bad_input_exits_2_with_a_message_and_writes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], contents: dict[str, bytes], target: str, message: str
) -> None:
    for name, data in contents.items():
        (tmp_path / name).write_bytes(data)
    before = files(tmp_path)
    assert main(["catalog", str(tmp_path / target)]) == 2
    assert re.search(message, capsys.readouterr().err)
    assert files(tmp_path) == before


def test_other_files_are_listed_as_a_warning(news: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (news / "story.html").write_text("<p>x</p>", encoding="utf-8")
    (news / "old").mkdir()
    assert main(["catalog", str(news)]) == 0
    assert "warning: " in (err := capsys.readouterr().err) and "story.html, old/" not in err
    assert "old/, story.html" in err


def test_one_id_twice_is_refused_by_draft_catalog(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("x y z\n\nq", encoding="utf-8")
    (tmp_path / "a.TXT").write_text("x y z\n\nq", encoding="utf-8")
    with pytest.raises(CorpusError, match="Rename one of them"):
        draft_catalog(tmp_path)


def test_the_command_runs_as_a_module_with_help(news: Path) -> None:
    command = [sys.executable, "-m", "framelab", "catalog", str(news)]
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    assert "2 articles: 1 with a headline, 1 with a date" in done.stdout
    assert (news / "catalog.csv").is_file() and (news / "sides.tsv").read_text(encoding="utf-8") == SIDES_TEMPLATE
    again = subprocess.run(command, capture_output=True, text=True, check=False)
    assert again.returncode == 2 and "already exists" in again.stderr
    shown = subprocess.run([*command[:4], "--help"], capture_output=True, text=True, check=False)
    assert shown.returncode == 0 and "--force" in shown.stdout and "--stdout" in shown.stdout
    both = subprocess.run([*command, "--force", "--stdout"], capture_output=True, text=True, check=False)
    assert both.returncode == 2 and "not allowed with" in both.stderr
    listed = subprocess.run([sys.executable, "-m", "framelab", "--help"], capture_output=True, text=True, check=False)
    assert "catalog" in listed.stdout


def test_a_copy_of_the_seeds_without_catalog_drafts_a_catalog_that_loads(tmp_path: Path) -> None:
    for path in SEEDS.glob("*.txt"):
        shutil.copy2(path, tmp_path / path.name)
    assert main(["catalog", str(tmp_path)]) == 0
    corpus = load_corpus(tmp_path)
    assert [a.headline for a in corpus] == [a.headline for a in load_corpus()]
