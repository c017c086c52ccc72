"""Loading the bundled corpus and any folder of articles, and refusing bad input clearly."""

from __future__ import annotations

import csv
import shutil
from pathlib import Path

import pytest

from framelab.corpus import SEEDS, load_corpus, read_catalog, sha256_of
from framelab.errors import ChecksumError, CorpusError

SHARED_SEEDS = Path(__file__).resolve().parents[2] / "shared" / "seeds"
ORIGINALS = Path(__file__).resolve().parent / "fixtures" / "original_seeds.sha256"


@pytest.fixture
def seeds_copy(tmp_path: Path) -> Path:
    folder = tmp_path / "seeds"
    shutil.copytree(SEEDS, folder)
    return folder


def snapshot(folder: Path) -> dict[str, tuple[bytes, int]]:
    return {p.name: (p.read_bytes(), p.stat().st_mtime_ns) for p in sorted(folder.iterdir())}


def test_bundled_corpus_has_five_articles_in_catalog_order() -> None:
    corpus = load_corpus()
    assert [a.id for a in corpus] == ["000", "001", "002", "003", "004"]
    assert [a.file for a in corpus] == sorted(p.name for p in SEEDS.glob("*.txt"))


def original_checksums() -> dict[str, str]:
    """File name -> sha256 of the five originals, recorded from ../shared/seeds when the seeds were copied.

    Kept apart from catalog.csv so that editing a seed *and* its catalog row still fails a test.
    """
    lines = ORIGINALS.read_text(encoding="utf-8").splitlines()
    return {name: digest for digest, name in (line.split() for line in lines if line.strip())}


def test_seeds_are_the_original_five_files() -> None:
    originals = original_checksums()
    assert sorted(originals) == sorted(p.name for p in SEEDS.glob("*.txt"))
    for name, digest in originals.items():
        assert sha256_of(SEEDS / name) == digest, f"seeds/{name} differs from the original article"


def test_recorded_checksums_are_those_of_the_shared_originals() -> None:
    # The originals live beside the repository only on the team's machines, not in a clone.
    if not SHARED_SEEDS.is_dir():
        pytest.skip(f"{SHARED_SEEDS} is not here; the seeds were checked against {ORIGINALS.name} instead")
    assert original_checksums() == {p.name: sha256_of(p) for p in sorted(SHARED_SEEDS.glob("*.txt"))}


def test_catalog_checksums_match_the_files() -> None:
    for row in read_catalog(SEEDS / "catalog.csv"):
        assert sha256_of(SEEDS / row["file"]) == row["sha256"], row["file"]


def test_catalog_metadata_is_read_off_the_texts() -> None:
    corpus = {a.id: a for a in load_corpus()}
    for article in corpus.values():
        assert article.headline in article.raw, article.id
    # Only article 000 states a full date ("date 2022-02-03"); the others stay unknown.
    assert {a.id: a.date for a in corpus.values()} == {
        "000": "2022-02-03", "001": "", "002": "", "003": "", "004": "",
    }
    assert "2022-02-03" in corpus["000"].raw
    assert "CNN has reported" in corpus["000"].raw and "CNN" in corpus["000"].origin_notes
    assert "Source link" in corpus["001"].raw and "Source link" in corpus["001"].origin_notes


def test_cleaning_removes_boilerplate_but_keeps_the_article() -> None:
    corpus = {a.id: a for a in load_corpus()}
    boilerplate = ["RU\u00a0\u00a0UA", "Leave a comment", "Source link", "source site",
                   "Photo: Joel", "find out more", "Time Plus News", "Categorized as"]
    for article in corpus.values():
        for fragment in boilerplate:
            assert fragment not in article.body, (article.id, fragment)
        assert not article.body.startswith(article.headline)
    assert corpus["003"].removed["language_menu"] == ["RU\u00a0\u00a0UA\u00a0\u00a0EN"]
    assert corpus["002"].removed["blog_footer"][:2] == ["Published", "Categorized as News"]
    assert corpus["001"].body.endswith("from the territory of Ukraine.”")
    assert "“these forces are not going to fight in Ukraine”" in corpus["000"].body


def test_folder_without_catalog_uses_file_names_and_first_lines(tmp_path: Path) -> None:
    (tmp_path / "010_x.txt").write_text(" date 2022-02-05 Headline here\n\nBody text.\n", encoding="utf-8")
    (tmp_path / "notes.txt").write_text("Another headline\n\nMore.\n", encoding="utf-8")
    corpus = load_corpus(tmp_path)
    assert [(a.id, a.headline, a.date, a.body) for a in corpus] == [
        ("010", "Headline here", "2022-02-05", "Body text."),
        ("notes", "Another headline", "", "More."),
    ]


def test_loading_modifies_nothing_on_disk(seeds_copy: Path) -> None:
    before = snapshot(seeds_copy)
    load_corpus(seeds_copy)
    assert snapshot(seeds_copy) == before


def test_modified_seed_is_refused_by_name(seeds_copy: Path) -> None:
    target = seeds_copy / "002_818d4d6d75d55261.txt"
    target.write_bytes(target.read_bytes().replace(b"3,000", b"4,000", 1))
    with pytest.raises(ChecksumError, match="002_818d4d6d75d55261.txt") as caught:
        load_corpus(seeds_copy)
    assert "git checkout" in str(caught.value)
    assert [a.id for a in load_corpus(seeds_copy, verify=False)][2] == "002"


@pytest.mark.parametrize(
    "make, expected",
    [
        (lambda d: d / "missing", r"does not exist.*load_corpus\(\) with no argument"),
        (lambda d: d, r"holds no \.txt files"),
        (lambda d: _write(d / "a.txt", b"x"), r"is a file, not a folder"),
    ],
    ids=["missing-folder", "empty-folder", "file-not-folder"],
)
def test_bad_folders_get_clear_errors(tmp_path: Path, make, expected: str) -> None:
    with pytest.raises(CorpusError, match=expected):
        load_corpus(make(tmp_path))


def _write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


@pytest.mark.parametrize(
    "data, expected",
    [
        ("Café crème\n".encode("latin-1"), r"bad\.txt is not valid UTF-8 \(byte 0xe9 at position 3\).*iconv"),
        (b"", r"bad\.txt is empty"),
        (b"  \n\n \t\n", r"bad\.txt is empty"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", r"bad\.txt looks like a binary file"),
    ],
    ids=["non-utf8", "empty", "whitespace-only", "binary"],
)
def test_bad_files_are_named_in_the_error(tmp_path: Path, data: bytes, expected: str) -> None:
    (tmp_path / "good.txt").write_text("Headline\n\nBody.\n", encoding="utf-8")
    _write(tmp_path / "bad.txt", data)
    with pytest.raises(CorpusError, match=expected):
        load_corpus(tmp_path)


def _rewrite_catalog(folder: Path, edit) -> None:
    path = folder / "catalog.csv"
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    rows = edit(rows)
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)


def test_catalog_naming_a_missing_file(seeds_copy: Path) -> None:
    (seeds_copy / "004_7f6624b96359c901.txt").unlink()
    with pytest.raises(CorpusError, match=r"lists 004_7f6624b96359c901\.txt, which is not in"):
        load_corpus(seeds_copy)


def test_file_missing_from_catalog(seeds_copy: Path) -> None:
    (seeds_copy / "005_extra.txt").write_text("Extra\n\nText.\n", encoding="utf-8")
    with pytest.raises(CorpusError, match=r"005_extra\.txt .* is missing from .*catalog\.csv"):
        load_corpus(seeds_copy)


def test_duplicate_ids_in_catalog(seeds_copy: Path) -> None:
    def duplicate(rows):
        rows[1]["id"] = rows[0]["id"]
        return rows

    _rewrite_catalog(seeds_copy, duplicate)
    with pytest.raises(CorpusError, match=r"Duplicate article id '000' in .*catalog\.csv"):
        load_corpus(seeds_copy)


def test_duplicate_ids_from_file_names(tmp_path: Path) -> None:
    (tmp_path / "007_a.txt").write_text("A\n\nText.\n", encoding="utf-8")
    (tmp_path / "007_b.txt").write_text("B\n\nText.\n", encoding="utf-8")
    with pytest.raises(CorpusError, match=r"Duplicate article id '007' in the file names"):
        load_corpus(tmp_path)


def test_catalog_without_required_columns(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("A\n\nText.\n", encoding="utf-8")
    (tmp_path / "catalog.csv").write_text("name,title\na.txt,A\n", encoding="utf-8")
    with pytest.raises(CorpusError, match=r"has no 'id' or 'file' column"):
        load_corpus(tmp_path)
