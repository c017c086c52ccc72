"""Loading the bundled corpus and any folder of articles, and refusing bad input clearly."""

from __future__ import annotations

import csv
import os
import re
import shlex
import shutil
import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest

import framelab.corpus
from framelab.corpus import SEEDS, find_seeds, load_corpus, read_catalog, sha256_of
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
    # Issue 13 changed this test: ids keep the whole file name ("010_x", was "010") and the
    # first line is a headline only where it looks like one (two-word lines are not).
    (tmp_path / "010_x.txt").write_text(" date 2022-02-05 Troops arrive in Poland\n\nBody text.\n", encoding="utf-8")
    (tmp_path / "notes.txt").write_text("Another headline, a longer one\n\nMore.\n", encoding="utf-8")
    corpus = load_corpus(tmp_path)
    assert [(a.id, a.label, a.headline, a.date, a.body) for a in corpus] == [
        ("010_x", "x", "Troops arrive in Poland", "2022-02-05", "Body text."),
        ("notes", "notes", "Another headline, a longer one", "", "More."),
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
    assert "git checkout -- seeds/002_818d4d6d75d55261.txt" in str(caught.value)
    assert "line endings" not in str(caught.value)
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
    # Issue 13: 007_a.txt and 007_b.txt were refused as the duplicate id '007'; now only
    # names that differ in the extension's case give one id.
    (tmp_path / "007_a.txt").write_text("A\n\nText.\n", encoding="utf-8")
    (tmp_path / "007_b.txt").write_text("B\n\nText.\n", encoding="utf-8")
    assert [a.id for a in load_corpus(tmp_path)] == ["007_a", "007_b"]
    (tmp_path / "007_a.TXT").write_text("A again\n\nText.\n", encoding="utf-8")
    with pytest.raises(CorpusError, match=r"Duplicate article id '007_a' in the file names"):
        load_corpus(tmp_path)


def test_catalog_without_required_columns(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("A\n\nText.\n", encoding="utf-8")
    (tmp_path / "catalog.csv").write_text("name,title\na.txt,A\n", encoding="utf-8")
    with pytest.raises(CorpusError, match=r"has no 'id' or 'file' column"):
        load_corpus(tmp_path)


# --- line endings (issue 11, item 3) ---------------------------------------------------


def _to_crlf(folder: Path) -> None:
    for path in folder.glob("*.txt"):
        path.write_bytes(path.read_bytes().replace(b"\n", b"\r\n"))


def test_crlf_copy_loads_exactly_like_the_original(seeds_copy: Path) -> None:
    _to_crlf(seeds_copy)
    original, crlf = load_corpus(), load_corpus(seeds_copy, verify=False)
    assert all("\r\n" in a.raw for a in crlf)  # raw is the file as read
    for a, b in zip(original, crlf):
        assert (b.id, b.headline, b.date, b.body, b.removed) == (a.id, a.headline, a.date, a.body, a.removed)
    # What went wrong before: the site banner and "Source link" of 001 survived cleaning.
    assert crlf[1].headline == "US sends extra 2,000 troops to Europe to bolster Nato defences"
    assert "Source link" not in crlf[1].body


@pytest.mark.parametrize("ending", [b"\r", b"\r\r\n"], ids=["old-mac-cr", "doubled-cr"])
def test_other_line_endings_load_like_lf(tmp_path: Path, ending: bytes) -> None:
    # A three-word headline since issue 13 (a one-word first line is not taken as a headline).
    text = b"Troops arrive today\n\nFirst paragraph.\nSource link\n\nSecond one.\n"
    (tmp_path / "a.txt").write_bytes(text.replace(b"\n", ending))
    (article,) = load_corpus(tmp_path)
    assert (article.headline, article.body) == ("Troops arrive today", "First paragraph.\n\nSecond one.")


def test_crlf_checkout_is_refused_with_advice_on_line_endings(seeds_copy: Path, tmp_path: Path) -> None:
    _to_crlf(seeds_copy)
    with pytest.raises(ChecksumError) as caught:
        load_corpus(seeds_copy)
    message = str(caught.value)
    assert "000_cede018ea78a5011.txt has Windows line endings (CRLF)" in message
    assert "git config core.autocrlf false" in message and "git checkout -- seeds/000_cede018ea78a5011.txt" in message
    # The conversion command the message names restores the original bytes.
    command = re.search(r"`(python -c .*?)`", message).group(1)
    subprocess.run(shlex.split(command.replace("python", shlex.quote(sys.executable), 1)), cwd=tmp_path, check=True)
    target = seeds_copy / "000_cede018ea78a5011.txt"
    assert sha256_of(target) == original_checksums()[target.name]


def test_crlf_plus_an_edit_gets_the_plain_changed_message(seeds_copy: Path) -> None:
    _to_crlf(seeds_copy)
    target = seeds_copy / "000_cede018ea78a5011.txt"
    target.write_bytes(target.read_bytes().replace(b"troops", b"soldiers", 1))
    with pytest.raises(ChecksumError, match="000_cede018ea78a5011.txt has changed") as caught:
        load_corpus(seeds_copy)
    assert "line endings" not in str(caught.value)


def _git(*args: str, cwd: Path) -> None:
    env = {**os.environ, "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1"}
    subprocess.run(["git", "-c", "user.name=t", "-c", "user.email=t@example.org", *args],
                   cwd=cwd, env=env, check=True, capture_output=True)  # fmt: skip


@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
def test_gitattributes_keep_seeds_byte_identical_on_a_crlf_checkout(tmp_path: Path) -> None:
    """Clone a repository holding the seeds with core.autocrlf=true, as Git for Windows does."""

    def clone_with_autocrlf(attributes: bool) -> Path:
        origin = tmp_path / f"origin-{attributes}"
        shutil.copytree(SEEDS, origin / "seeds")
        (origin / "notes.md").write_text("one\ntwo\n", encoding="utf-8")
        if attributes:
            shutil.copy2(SEEDS.parent / ".gitattributes", origin / ".gitattributes")
        _git("init", "-q", cwd=origin)
        _git("add", ".", cwd=origin)
        _git("commit", "-q", "-m", "seeds", cwd=origin)
        _git("-c", "core.autocrlf=true", "-c", "core.eol=crlf", "clone", "-q", str(origin), "clone", cwd=origin)
        return origin / "clone"

    without = clone_with_autocrlf(attributes=False)
    assert b"\r\n" in (without / "seeds" / "000_cede018ea78a5011.txt").read_bytes()  # the fault
    clone = clone_with_autocrlf(attributes=True)
    for name, digest in original_checksums().items():
        assert sha256_of(clone / "seeds" / name) == digest, name
    assert (clone / "notes.md").read_bytes() == b"one\ntwo\n"  # other text stays LF too
    assert [a.body for a in load_corpus(clone / "seeds")] == [a.body for a in load_corpus()]


# --- encodings (issue 11, item 8) ------------------------------------------------------


def _not_utf8_error(tmp_path: Path, data: bytes) -> str:
    _write(tmp_path / "bad.txt", data)
    with pytest.raises(CorpusError) as caught:
        load_corpus(tmp_path)
    return str(caught.value)


def _iconv_encoding(message: str) -> str:
    return re.search(r"`iconv -f (\S+) -t utf-8 bad\.txt > fixed\.txt`", message).group(1)


WINDOWS_TEXT = "Headline\n\nKirby said: “We’re ready” – and left…\n"


@pytest.mark.parametrize(
    "text",
    [WINDOWS_TEXT, "Kirby’s plan\n\nThe €2 million fund.\n", "Café\n\n“Crème” brûlée — again.\n"],
    ids=["quotes-dash-ellipsis", "apostrophe-euro", "accents-and-quotes"],
)
def test_windows_1252_file_gets_the_windows_1252_command(tmp_path: Path, text: str) -> None:
    data = text.encode("cp1252")
    message = _not_utf8_error(tmp_path, data)
    assert _iconv_encoding(message) == "windows-1252"
    assert "Windows-1252" in message and "latin1" not in message
    # The named encoding gives the text back; Latin-1 would give invisible control characters.
    assert data.decode("windows-1252") == text
    assert any(unicodedata.category(c) == "Cc" and c not in "\n" for c in data.decode("latin-1"))


def test_the_windows_1252_message_shows_the_character_at_fault(tmp_path: Path) -> None:
    message = _not_utf8_error(tmp_path, WINDOWS_TEXT.encode("cp1252"))
    assert "byte 0x93 at position 22" in message and "that byte is '“'" in message


@pytest.mark.skipif(shutil.which("iconv") is None, reason="iconv is not installed")
def test_following_the_windows_1252_advice_gives_the_right_text(tmp_path: Path) -> None:
    message = _not_utf8_error(tmp_path, WINDOWS_TEXT.encode("cp1252"))
    command = re.search(r"`(iconv .*?)`", message).group(1)
    subprocess.run(command, shell=True, cwd=tmp_path, check=True)
    (tmp_path / "fixed.txt").replace(tmp_path / "bad.txt")
    (article,) = [a for a in load_corpus(tmp_path) if a.file == "bad.txt"]
    assert article.raw == WINDOWS_TEXT


@pytest.mark.parametrize(
    "data",
    [
        "Café crème\n".encode("latin-1"),
        "Zürich\n\nDie Straße.\n".encode("latin-1"),
        b"Text with an undefined Windows-1252 byte \x81 and \xe9.\n",
    ],
    ids=["accents", "german", "undefined-in-1252"],
)
def test_latin1_file_gets_the_latin1_command(tmp_path: Path, data: bytes) -> None:
    message = _not_utf8_error(tmp_path, data)
    assert _iconv_encoding(message) == "latin1"
    assert "Latin-1" in message


def test_a_file_mixing_utf8_and_windows_1252_is_not_given_a_conversion(tmp_path: Path) -> None:
    data = "“Ready,” Kirby said.\n\n".encode() + "“Not yet,” Lavrov said.\n".encode("cp1252")
    message = _not_utf8_error(tmp_path, data)
    assert "mixes two encodings" in message and "iconv" not in message


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-be"])
def test_utf16_with_a_byte_order_mark_is_read_as_text(tmp_path: Path, encoding: str) -> None:
    # A three-word headline since issue 13 (a one-word first line is not taken as a headline).
    text = "Troops arrive today\r\n\r\nKirby said: “We’re ready.”\r\n"
    data = text.encode(encoding)
    if encoding == "utf-16-be":
        data = b"\xfe\xff" + data
    _write(tmp_path / "a.TXT", data)
    (article,) = load_corpus(tmp_path)
    assert (article.raw, article.headline, article.body) == (text, "Troops arrive today", "Kirby said: “We’re ready.”")


@pytest.mark.parametrize("encoding, order", [("utf-16-le", "le"), ("utf-16-be", "be")])
def test_utf16_without_a_byte_order_mark_is_refused_with_the_command_that_converts_it(
    tmp_path: Path, encoding: str, order: str
) -> None:
    _write(tmp_path / "a.txt", "Headline\n\nTroops arrive in Rzeszów.\n".encode(encoding))
    with pytest.raises(CorpusError, match=f"looks like UTF-16 text without a byte order mark.*iconv -f utf-16{order}") as caught:
        load_corpus(tmp_path)
    command = re.search(r"`(iconv [^`]*)`", str(caught.value)).group(1)
    subprocess.run(command, shell=True, cwd=tmp_path, check=True)
    assert (tmp_path / "fixed.txt").read_text(encoding="utf-8") == "Headline\n\nTroops arrive in Rzeszów.\n"


@pytest.mark.parametrize(
    "start, kind", [(b"%PDF-1.7\n\xe2\xe3\xcf\xd3", "a PDF document"), (b"PK\x03\x04\x14\x00\x06\x00", "a Word or other zipped")]
)
def test_documents_that_are_not_text_are_named(tmp_path: Path, start: bytes, kind: str) -> None:
    _write(tmp_path / "a.txt", start + b"\x93rest")
    with pytest.raises(CorpusError, match=f"is {kind}"):
        load_corpus(tmp_path)


# --- catalogs saved by spreadsheets, and catalogs that contradict themselves ------------


def _catalog_folder(folder: Path, catalog: bytes) -> Path:
    _write(folder / "a.txt", b"Headline\n\nTroops move.\n")
    _write(folder / "catalog.csv", catalog)
    return folder


def test_a_catalog_saved_as_csv_utf8_by_excel_reads(tmp_path: Path) -> None:
    corpus = load_corpus(_catalog_folder(tmp_path, "\ufeffid,file,label\r\n1,a.txt,Café\r\n".encode()))
    assert [(a.id, a.label) for a in corpus] == [("1", "Café")]


def test_a_windows_1252_catalog_gets_the_windows_1252_command(tmp_path: Path) -> None:
    with pytest.raises(CorpusError, match=r"catalog\.csv is not valid UTF-8.*iconv -f windows-1252"):
        load_corpus(_catalog_folder(tmp_path, "id,file,label\n1,a.txt,“Café”\n".encode("cp1252")))


@pytest.mark.parametrize(
    "catalog, message",
    [
        ("id,file\n,a.txt\n", r"line 2: the row has no id"),
        ("id,file\n1,\n", r"line 2: the row has no file"),
        ("id,file\n1,a.txt\n2,a.txt\n", r"Duplicate article file 'a.txt'"),
    ],
)
def test_a_catalog_that_contradicts_itself_is_refused(tmp_path: Path, catalog: str, message: str) -> None:
    with pytest.raises(CorpusError, match=message):
        load_corpus(_catalog_folder(tmp_path, catalog.encode()))


@pytest.mark.parametrize("folder", [123, b"seeds", ["seeds"]])
def test_a_folder_that_is_not_a_path_gets_a_clear_error(folder: object) -> None:
    with pytest.raises(CorpusError, match="takes the path of a folder"):
        load_corpus(folder)


def test_a_changed_file_in_a_folder_of_ones_own_is_not_sent_to_git(tmp_path: Path) -> None:
    folder = _catalog_folder(tmp_path, b"")
    digest = sha256_of(folder / "a.txt")
    _write(folder / "catalog.csv", f"id,file,sha256\n1,a.txt,{digest}\n".encode())
    _write(folder / "a.txt", b"Headline\n\nTroops moved.\n")
    with pytest.raises(ChecksumError, match="from your original copy") as caught:
        load_corpus(folder)
    assert "git checkout" not in str(caught.value) and sha256_of(folder / "a.txt") in str(caught.value)


# --- normalized metadata, and finding the seeds from an installed wheel -------------------


def test_catalog_headline_is_normalized_like_the_text(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("Troops arrive…\r\n\r\nBody.\r\n", encoding="utf-8")
    (tmp_path / "catalog.csv").write_text("id,file,headline\n1,a.txt,Troops arrive…\n", encoding="utf-8")
    (article,) = load_corpus(tmp_path)
    assert (article.headline, article.body) == ("Troops arrive...", "Body.")


def test_find_seeds_prefers_the_project_folder_then_looks_up_from_the_working_folder(tmp_path: Path) -> None:
    assert find_seeds() == SEEDS == Path(framelab.corpus.__file__).resolve().parent.parent / "seeds"
    installed = tmp_path / "venv" / "lib" / "site-packages" / "framelab"
    installed.mkdir(parents=True)
    clone = tmp_path / "home" / "framing-lab"
    (clone / "notebooks").mkdir(parents=True)
    shutil.copytree(SEEDS, clone / "seeds")
    assert find_seeds(installed, start=clone / "notebooks") == clone / "seeds"
    assert find_seeds(installed, start=clone) == clone / "seeds"
    assert find_seeds(installed, start=tmp_path / "home") == installed.parent / "seeds"  # not found


def test_no_seeds_anywhere_says_where_to_run(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setattr(framelab.corpus, "SEEDS", tmp_path / "lib" / "seeds")
    with pytest.raises(CorpusError, match=r"found no seeds/ folder.*from inside the Framing Lab folder"):
        load_corpus()
    assert len(load_corpus(SEEDS)) == 5  # an explicit folder still loads
