"""Issue 13: speakers without a names list, sides from the corpus folder's sides.tsv.

Any folder gets its speakers from the general rules (framelab.attribution), the five bundled articles from
chapter 06's names table; a side comes from sides.tsv (or the names table for the five articles), "unknown"
otherwise, and never from a word inside a name.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from framelab import load_corpus
from framelab.catalog import SIDES_TEMPLATE, sides_text, speakers_found
from framelab.corpus import SEEDS
from framelab.voices import (
    UNATTRIBUTED,
    VoicesError,
    attribution_ledger,
    corpus_quotations,
    find_quotations,
    is_seed_article,
    names_for,
    read_sides,
)

WIRE = (
    "Dam talks stall\n\n"
    "Marek Sobel, the mayor of Tarnhof, said: “We will not pay for water that is ours.”\n\n"
    "“The gates stay closed until spring,” said Veldria’s foreign minister Tomas Hadek.\n\n"
    "Washington Post editor Ann Lee wrote: “Both capitals are bluffing.”\n\n"
    "A sign on the bridge read “No water, no peace”.\n"
)
SECOND = "Farmers wait\n\n“The fields are dry,” Sobel said on Friday. “Dry as dust.”\n"


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    news = tmp_path / "news"
    news.mkdir()
    (news / "01_wire.txt").write_text(WIRE, encoding="utf-8")
    (news / "02_local.txt").write_text(SECOND, encoding="utf-8")
    return news


def sides_of(ledger) -> dict[str, str]:
    return dict(zip(ledger["speaker"], ledger["side"]))


def test_sides_come_from_the_folders_sides_tsv(folder: Path) -> None:
    (folder / "sides.tsv").write_text(
        "# our reading\nspeaker\tside\nMarek Sobel\tOsterland\ntomas  HADEK\tVeldria\tforeign minister\n",
        encoding="utf-8")
    ledger = attribution_ledger(load_corpus(folder), sides=folder)
    assert sides_of(ledger) == {"Marek Sobel": "Osterland", "Tomas Hadek": "Veldria", "Ann Lee": "unknown",
                                UNATTRIBUTED: "", "Sobel": "unknown"}
    # An article that only gives the surname has the speaker "Sobel": names are read per article, and a row
    # matches the whole name only (another Sobel may be meant), so the draft of sides.tsv lists it too.
    assert ledger[ledger.article == "02_local"][["speaker", "side", "quotations"]].values.tolist() == [
        ["Sobel", "unknown", 2]]  # the second quotation continues the first


def test_the_default_sides_tsv_is_that_of_the_folder_load_corpus_reads(folder: Path, monkeypatch) -> None:
    (folder / "sides.tsv").write_text("Ann Lee\tpress\n", encoding="utf-8")
    monkeypatch.setenv("FRAMELAB_CORPUS", str(folder))
    assert sides_of(attribution_ledger(load_corpus()))["Ann Lee"] == "press"
    monkeypatch.delenv("FRAMELAB_CORPUS")
    # The articles remember their folder: its sides.tsv goes with them, whatever FRAMELAB_CORPUS says
    # (this expected "unknown", the seeds' missing sides.tsv, before the attack-g fix).
    assert sides_of(attribution_ledger(load_corpus(folder)))["Ann Lee"] == "press"


def test_without_sides_tsv_every_speaker_is_unknown(folder: Path) -> None:
    ledger = attribution_ledger(load_corpus(folder), sides=folder)
    named = ledger[ledger.speaker != UNATTRIBUTED]
    assert sorted(named.speaker) == ["Ann Lee", "Marek Sobel", "Sobel", "Tomas Hadek"]
    assert set(named.side) == {"unknown"}
    assert ledger[ledger.speaker == UNATTRIBUTED].side.tolist() == [""]  # the sign: nobody said it


def test_a_word_inside_a_name_never_gives_a_side(folder: Path) -> None:
    # the names table maps "washington" to the US; on any other corpus no table is read and no word decides
    corpus = load_corpus(folder)
    assert not any(is_seed_article(article) for article in corpus)
    lee = [q for q in corpus_quotations(corpus, sides={}) if q.speaker == "Ann Lee"]
    assert [(q.speaker, q.side) for q in lee] == [("Ann Lee", "unknown")]
    quote = find_quotations("“We will not pay,” Washington said.")[0][0]
    assert quote.side == "unknown" and quote.side != "US"
    table = find_quotations("“We will not pay,” Washington said.", names="table")[0][0]
    assert table.side == "US"  # chapter 06's table does: the reason it is kept to the five articles


@pytest.mark.parametrize(
    "content, message",
    [
        ("speaker\tside\nMarek Sobel Osterland\n", r"line 2: 'Marek Sobel Osterland' has no tab"),
        ("Marek Sobel\t\n", r"line 1: the side is empty"),
        ("\tOsterland\n", r"line 1: the speaker is empty"),
        ("Marek Sobel\tOsterland\n\nmarek sobel\tVeldria\n", r"line 3: 'marek sobel' is already listed on line 1"),
    ],
)
def test_a_bad_sides_tsv_is_refused_naming_file_line_and_what_to_do(folder: Path, content: str, message: str) -> None:
    (folder / "sides.tsv").write_text(content, encoding="utf-8")
    with pytest.raises(VoicesError, match=message) as caught:
        attribution_ledger(load_corpus(folder), sides=folder)
    assert str(folder / "sides.tsv") in str(caught.value)
    assert any(word in str(caught.value) for word in ("Write", "keep one", "tab"))


def test_a_sides_tsv_in_another_encoding_says_how_to_save_it(folder: Path) -> None:
    (folder / "sides.tsv").write_bytes("speaker\tside\nZoë Brandt\tVeldria\n".encode("cp1252"))
    with pytest.raises(VoicesError, match=r"sides.tsv, line 2: the file is not UTF-8 text.*Save it again as UTF-8"):
        read_sides(folder / "sides.tsv")


def test_the_same_speaker_twice_with_the_same_side_is_harmless(folder: Path) -> None:
    (folder / "sides.tsv").write_text("Ann Lee\tpress\nANN LEE\tpress\n", encoding="utf-8")
    assert read_sides(folder / "sides.tsv") == {"ann lee": "press"}


def test_an_edited_sides_tsv_is_read_again(folder: Path) -> None:
    path = folder / "sides.tsv"
    path.write_text("Ann Lee\tpress\n", encoding="utf-8")
    assert read_sides(path) == {"ann lee": "press"}
    path.write_text("Ann Lee\tthe opposition\n", encoding="utf-8")
    assert read_sides(path) == {"ann lee": "the opposition"}


def test_auto_gives_the_names_table_to_the_five_articles_only() -> None:
    seeds = load_corpus()
    assert all(names_for(article) == "table" for article in seeds)
    changed = seeds[3].__class__(**{**vars(seeds[3]), "raw": seeds[3].raw + " "})
    assert names_for(changed) is None and names_for(changed, "table") == "table"
    with pytest.raises(VoicesError, match='names must be "auto"'):
        names_for(seeds[0], "five")


def test_the_five_articles_ledger_is_unchanged() -> None:
    # sha256 of the ledger as CSV, computed with voices.py before issue 13 (names table, its sides)
    ledger = attribution_ledger(load_corpus())
    assert hashlib.sha256(ledger.to_csv(index=False).encode()).hexdigest()[:16] == "2c5ee7e2dec5c217"
    assert ledger.equals(attribution_ledger(load_corpus(), names="table"))
    assert not ledger.equals(attribution_ledger(load_corpus(), names=None))  # the general rules read them otherwise


def test_the_five_articles_keep_their_table_sides_whatever_sides_tsv_says() -> None:
    ledger = attribution_ledger(load_corpus(), sides={"John Kirby": "Pentagon", "Someone Else": "x"})
    assert set(ledger[ledger.speaker == "John Kirby"].side) == {"US"}


def test_the_catalog_drafts_sides_with_the_speakers_found(folder: Path) -> None:
    assert speakers_found(folder) == [("Sobel", 2), ("Ann Lee", 1), ("Marek Sobel", 1), ("Tomas Hadek", 1)]
    text = sides_text([name for name, _ in speakers_found(folder)])
    assert text.startswith(SIDES_TEMPLATE) and text.endswith("Sobel\tunknown\nAnn Lee\tunknown\nMarek Sobel\tunknown\nTomas Hadek\tunknown\n")
    (folder / "sides.tsv").write_text(text, encoding="utf-8")
    assert set(attribution_ledger(load_corpus(folder), sides=folder).side) == {"unknown", ""}  # the draft reads back


def test_the_catalog_command_writes_the_draft_once(folder: Path) -> None:
    from framelab.catalog import main

    assert main([str(folder)]) == 0
    lines = (folder / "sides.tsv").read_text(encoding="utf-8").splitlines()
    assert lines[1:] == ["speaker\tside", "Sobel\tunknown", "Ann Lee\tunknown", "Marek Sobel\tunknown",
                         "Tomas Hadek\tunknown"]
    (folder / "sides.tsv").write_text("Ann Lee\tpress\n", encoding="utf-8")
    assert main([str(folder), "--force"]) == 0
    assert (folder / "sides.tsv").read_text(encoding="utf-8") == "Ann Lee\tpress\n"  # never overwritten


def test_seeds_have_no_sides_tsv() -> None:
    assert not (SEEDS / "sides.tsv").exists()  # their sides are the names table's


def test_the_explorer_voices_tab_reads_the_same_ledger(folder: Path) -> None:
    from framelab.explorer.controls import side_options
    from framelab.explorer.tables import CorpusTables
    from framelab.explorer.voices_view import render_voices, voices_rows

    (folder / "sides.tsv").write_text("Marek Sobel\tOsterland\nTomas Hadek\tVeldria\n", encoding="utf-8")
    corpus = load_corpus(folder)
    tables = CorpusTables.build(corpus, sides=folder)
    ledger, quotes = voices_rows(tables)
    expected = attribution_ledger(corpus, sides=folder)
    assert ledger.sort_values(["article", "speaker"]).values.tolist() == \
        expected.sort_values(["article", "speaker"]).values.tolist()
    assert [value for _, value in side_options(tables)] == ["all", "Osterland", "Veldria", "unknown", ""]
    view = render_voices(*voices_rows(tables, side="unknown"), "of unknown side")
    assert "<td>Ann Lee</td><td>unknown</td>" in view and "Sobel" in view and "Marek Sobel" not in view


def test_each_held_out_half_is_a_corpus_whose_sides_tsv_reads() -> None:
    heldout = Path(__file__).parents[1] / "framelab" / "data" / "attribution_heldout"
    ledger = attribution_ledger(load_corpus(heldout / "dev"), sides=heldout / "dev")
    assert {"Osterland", "Veldria"} <= set(ledger.side)
    sides = read_sides(heldout / "test" / "sides.tsv")
    assert len(sides) >= 20 and "unknown" not in sides.values()


def test_the_explorer_on_a_folder_path_reads_that_folders_sides(tmp_path, monkeypatch) -> None:
    from framelab.explorer import FramingExplorer

    monkeypatch.delenv("FRAMELAB_CORPUS", raising=False)
    (tmp_path / "01_a.txt").write_text("Troops landed today\n\n“It is final,” Ann Lee said. Troops stay.\n", encoding="utf-8")
    (tmp_path / "02_b.txt").write_text("Talks fail in Geneva\n\nTalks failed. “We wait,” Tom Hale said.\n", encoding="utf-8")
    (tmp_path / "sides.tsv").write_text("speaker\tside\nAnn Lee\tOsterland\n", encoding="utf-8")
    explorer = FramingExplorer(str(tmp_path))
    assert "Osterland" in explorer.voices.value and "unknown" in explorer.voices.value


# --- attack-g: sides follow the folder each article was loaded from, not $FRAMELAB_CORPUS's ----------------------


@pytest.fixture
def other(tmp_path: Path) -> Path:
    """Another corpus folder, with a sides.tsv that disagrees with the one under test."""
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "01_x.txt").write_text("Other news\n\n“Hello,” Ann Lee said.\n", encoding="utf-8")
    (elsewhere / "sides.tsv").write_text("Ann Lee\tWRONG\nMarek Sobel\tWRONG\n", encoding="utf-8")
    return elsewhere


OWN_SIDES = "Marek Sobel\tOsterland\nTomas Hadek\tVeldria\n"
OWN_EXPECTED = {"Marek Sobel": "Osterland", "Tomas Hadek": "Veldria", "Ann Lee": "unknown", "Sobel": "unknown",
                UNATTRIBUTED: ""}


@pytest.mark.parametrize("variable", ["unset", "other folder"])
def test_a_loaded_folder_reads_its_own_sides_tsv(folder: Path, other: Path, monkeypatch, variable: str) -> None:
    (folder / "sides.tsv").write_text(OWN_SIDES, encoding="utf-8")
    if variable == "unset":
        monkeypatch.delenv("FRAMELAB_CORPUS", raising=False)
    else:
        monkeypatch.setenv("FRAMELAB_CORPUS", str(other))
    corpus = load_corpus(folder)
    assert sides_of(attribution_ledger(corpus)) == OWN_EXPECTED
    assert attribution_ledger(corpus).equals(attribution_ledger(corpus, sides=folder))
    # An explicit sides= still wins over the folder's file.
    assert sides_of(attribution_ledger(corpus, sides=other))["Marek Sobel"] == "WRONG"
    assert sides_of(attribution_ledger(corpus, sides={}))["Marek Sobel"] == "unknown"


@pytest.mark.parametrize("variable", ["unset", "other folder"])
def test_the_explorer_on_loaded_articles_reads_their_folders_sides(folder: Path, other: Path, monkeypatch,
                                                                   variable: str) -> None:
    from framelab.explorer import FramingExplorer

    (folder / "sides.tsv").write_text(OWN_SIDES, encoding="utf-8")
    if variable == "unset":
        monkeypatch.delenv("FRAMELAB_CORPUS", raising=False)
    else:
        monkeypatch.setenv("FRAMELAB_CORPUS", str(other))
    explorer = FramingExplorer(load_corpus(folder))
    quotes = explorer.tables.quotes
    assert dict(zip(quotes.speaker, quotes.side)) == OWN_EXPECTED
    assert "Osterland" in explorer.voices.value and "WRONG" not in explorer.voices.value


def test_a_corpus_from_two_folders_gives_each_article_its_folders_sides(folder: Path, other: Path,
                                                                         monkeypatch) -> None:
    monkeypatch.delenv("FRAMELAB_CORPUS", raising=False)
    (folder / "sides.tsv").write_text("Ann Lee\tpress\n", encoding="utf-8")
    ledger = attribution_ledger(load_corpus(folder) + load_corpus(other))
    lee = ledger[ledger.speaker == "Ann Lee"]
    assert dict(zip(lee.article, lee.side)) == {"01_wire": "press", "01_x": "WRONG"}


def test_a_folder_without_sides_tsv_gives_unknown_even_when_the_variable_names_one(folder: Path, other: Path,
                                                                                    monkeypatch) -> None:
    monkeypatch.setenv("FRAMELAB_CORPUS", str(other))
    assert set(attribution_ledger(load_corpus(folder)).side) == {"unknown", ""}  # not other's "WRONG"


def test_an_article_made_by_hand_keeps_the_variables_sides(other: Path, monkeypatch) -> None:
    from framelab.corpus import Article

    article = Article("h", "h.txt", "h", "", "", "“Hi,” Ann Lee said.", "“Hi,” Ann Lee said.")
    assert article.folder == ""
    monkeypatch.setenv("FRAMELAB_CORPUS", str(other))
    assert sides_of(attribution_ledger([article]))["Ann Lee"] == "WRONG"
    monkeypatch.delenv("FRAMELAB_CORPUS")
    assert sides_of(attribution_ledger([article]))["Ann Lee"] == "unknown"


def test_the_folder_is_recorded_resolved_but_neither_shown_nor_compared(folder: Path, monkeypatch) -> None:
    monkeypatch.chdir(folder.parent)
    article = load_corpus(Path(folder.name))[0]
    assert article.folder == str(folder.resolve())
    assert "folder=" not in repr(article) and str(folder) not in repr(article)
    copy = article.__class__(**{**vars(article), "folder": "/somewhere/else"})
    assert copy == article
    seeds = load_corpus()
    assert all(item.folder == str(SEEDS.resolve()) for item in seeds)
