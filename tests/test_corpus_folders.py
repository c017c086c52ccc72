"""Any folder of news (issue 13): FRAMELAB_CORPUS, ids and labels that keep the outlet, no lede lost, no file skipped in silence."""

from __future__ import annotations

import hashlib
import json
import shutil
import warnings
from pathlib import Path

import pytest

from framelab.corpus import CORPUS_VARIABLE, SEEDS, corpus_folder, load_corpus
from framelab.errors import CorpusError
from framelab.folders import CorpusWarning, article_files, label_from_filename, labels_from_filenames

# SHA-256 of every field of the five seeds as loaded before issue 13 (id, file, label, headline,
# date, raw, body, origin notes, what cleaning removed), recorded with the code of commit 02a7e86.
SEEDS_AS_BEFORE = "c7b8ff6c2cf0bf57bce59ff3d0450160d73cde71eb4f4fbcdb14c70623faf177"


# The cleaning rules of that commit. Rules added since (issue 13: advertisement, share buttons, ...)
# report an empty list for each seed, which _digest checks apart.
RULES_BEFORE = (
    "language_menu", "page_date", "section_label", "date_stamp", "site_banner", "photo_credit",
    "inline_link", "reporting_credit", "blog_footer", "source_link", "stray_punctuation",
)


def _digest(corpus) -> str:
    assert not [(a.id, k, v) for a in corpus for k, v in a.removed.items() if k not in RULES_BEFORE and v]
    record = [
        [a.id, a.file, a.label, a.headline, a.date, a.raw, a.body, a.origin_notes,
         sorted((k, v) for k, v in a.removed.items() if k in RULES_BEFORE)]
        for a in corpus
    ]
    return hashlib.sha256(json.dumps(record, ensure_ascii=False).encode()).hexdigest()


def _article(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture
def news(tmp_path: Path) -> Path:
    folder = tmp_path / "news"
    folder.mkdir()
    _article(folder, "20231117_cnn.txt", "Bridge reopens after repairs\n\nThe Route 9 bridge reopened on Friday.\n")
    _article(folder, "20231117_fox.txt", "Drivers return to the Route 9 bridge on Friday morning.\n\nTraffic was light.\n")
    return folder


# --- the five seeds are untouched --------------------------------------------------------


def test_the_seeds_load_exactly_as_before_issue_13() -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # and with no warning: seeds/ holds only articles and the catalog
        corpus = load_corpus()
    assert [a.id for a in corpus] == ["000", "001", "002", "003", "004"]
    assert _digest(corpus) == SEEDS_AS_BEFORE


def test_the_headline_rules_find_the_seeds_catalog_headlines_without_the_catalog(tmp_path: Path) -> None:
    for path in SEEDS.glob("*.txt"):
        shutil.copy2(path, tmp_path / path.name)
    bare, catalogued = load_corpus(tmp_path), load_corpus()
    assert [(a.headline, a.body, a.date) for a in bare] == [(a.headline, a.body, a.date) for a in catalogued]
    assert [a.id for a in bare][0] == "000_cede018ea78a5011"


# --- FRAMELAB_CORPUS ---------------------------------------------------------------------


def test_the_variable_chooses_the_folder(monkeypatch: pytest.MonkeyPatch, news: Path) -> None:
    monkeypatch.setenv(CORPUS_VARIABLE, str(news))
    assert [a.label for a in load_corpus()] == ["cnn", "fox"]
    assert [a.id for a in load_corpus(SEEDS)][0] == "000"  # an explicit folder wins


@pytest.mark.parametrize("value", ["", "   "])
def test_a_blank_variable_means_the_seeds(monkeypatch: pytest.MonkeyPatch, value: str) -> None:
    monkeypatch.setenv(CORPUS_VARIABLE, value)
    assert [a.id for a in load_corpus()] == ["000", "001", "002", "003", "004"]


def test_a_variable_naming_no_folder_says_so_and_what_to_do(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    missing = tmp_path / "no such folder"
    monkeypatch.setenv(CORPUS_VARIABLE, str(missing))
    with pytest.raises(CorpusError) as caught:
        load_corpus()
    message = str(caught.value)
    assert f"FRAMELAB_CORPUS is set to {str(missing)!r}, which does not exist" in message
    assert "unset FRAMELAB_CORPUS" in message and "make lab CORPUS=folder" in message
    (tmp_path / "a.txt").write_text("x", encoding="utf-8")
    with pytest.raises(CorpusError, match="is a file, not a folder"):
        corpus_folder(environ={CORPUS_VARIABLE: str(tmp_path / "a.txt")})


def test_a_relative_variable_names_the_folder_it_resolved_to(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.chdir(tmp_path)
    with pytest.raises(CorpusError, match=r"set to 'articles' \(from the working folder .*articles\)"):
        corpus_folder(environ={CORPUS_VARIABLE: "articles"})
    (tmp_path / "articles").mkdir()
    assert corpus_folder(environ={CORPUS_VARIABLE: "articles"}) == Path("articles")


# --- ids and labels ------------------------------------------------------------------------


def test_same_date_different_outlets_are_two_articles_labelled_by_outlet(news: Path) -> None:
    corpus = load_corpus(news)
    assert [(a.id, a.label) for a in corpus] == [("20231117_cnn", "cnn"), ("20231117_fox", "fox")]


def test_labels_keep_the_outlet_and_stay_unique() -> None:
    assert label_from_filename("01_cnn.txt") == "cnn"
    assert label_from_filename("2023-11-17_bbc-news.TXT") == "bbc-news"
    assert label_from_filename("reuters_20231117_2.txt") == "reuters"
    assert label_from_filename("20231117.txt") == "20231117"
    assert labels_from_filenames(["01_cnn.txt", "02_cnn.txt", "03_fox.txt"]) == ["01_cnn", "02_cnn", "fox"]
    assert labels_from_filenames(["2.txt", "1_2.txt"]) == ["2", "1_2"]


def test_an_id_depends_only_on_its_own_file(news: Path) -> None:
    before = {a.file: a.id for a in load_corpus(news)}
    _article(news, "20231117_bbc.txt", "Bridge reopens\n\nText.\n")
    after = {a.file: a.id for a in load_corpus(news)}
    assert {name: after[name] for name in before} == before


# --- the lede is never removed on a guess ------------------------------------------------------


def test_a_lede_first_line_stays_in_the_body(news: Path) -> None:
    fox = load_corpus(news)[1]
    assert fox.headline == ""
    assert fox.body == "Drivers return to the Route 9 bridge on Friday morning.\n\nTraffic was light."


@pytest.mark.parametrize(
    "text, body",
    [
        ("Bridge reopens after repairs", "Bridge reopens after repairs"),
        ("Bridge reopens after repairs\nThe bridge reopened.\nTraffic was light.",
         "Bridge reopens after repairs\n\nThe bridge reopened.\n\nTraffic was light."),
        ("The bridge reopened on Friday\nafter six weeks of repairs.\n\nTraffic was light.",
         "The bridge reopened on Friday after six weeks of repairs.\n\nTraffic was light."),
    ],
    ids=["one-line-file", "no-blank-line", "hard-wrapped-lede"],
)  # fmt: skip
def test_without_a_blank_line_after_the_first_line_nothing_is_taken(tmp_path: Path, text: str, body: str) -> None:
    _article(tmp_path, "a.txt", text)
    (article,) = load_corpus(tmp_path)
    assert (article.headline, article.body) == ("", body)


def test_a_catalog_with_an_empty_headline_keeps_the_whole_text(tmp_path: Path) -> None:
    _article(tmp_path, "a.txt", "Bridge reopens after repairs\n\nThe bridge reopened.\n")
    (tmp_path / "catalog.csv").write_text("id,file,headline\n1,a.txt,\n", encoding="utf-8")
    (article,) = load_corpus(tmp_path)
    assert (article.headline, article.body) == ("", "Bridge reopens after repairs\n\nThe bridge reopened.")
    (tmp_path / "catalog.csv").write_text("id,file\n1,a.txt\n", encoding="utf-8")  # no column: the rules
    (article,) = load_corpus(tmp_path)
    assert (article.headline, article.body) == ("Bridge reopens after repairs", "The bridge reopened.")


def test_a_date_line_the_text_states_is_the_date(tmp_path: Path) -> None:
    _article(tmp_path, "a.txt", "Bridge reopens after repairs\n\nFeb. 2, 2022\n\nThe bridge reopened.\n")
    _article(tmp_path, "b.txt", "Bridge reopens after repairs\n\nThe bridge reopened on Feb. 2, 2022.\n")
    assert [(a.date, a.headline) for a in load_corpus(tmp_path)] == [
        ("2022-02-02", "Bridge reopens after repairs"),
        ("", "Bridge reopens after repairs"),
    ]


# --- what is not an article is said aloud ----------------------------------------------------


def test_other_files_and_subfolders_are_listed_in_a_warning(news: Path) -> None:
    for name in ("notes.md", "page.html", "scan.pdf", "catalog.csv.bak", "sides.tsv", ".DS_Store"):
        (news / name).write_bytes(b"x")
    (news / "older").mkdir()
    (news / ".ipynb_checkpoints").mkdir()
    _article(news, "UPPER.TXT", "Bridge reopens after repairs\n\nText.\n")
    _article(news, "mixed.Txt", "Bridge reopens after repairs\n\nText.\n")
    with pytest.warns(CorpusWarning) as caught:
        corpus = load_corpus(news)
    assert [a.file for a in corpus] == ["20231117_cnn.txt", "20231117_fox.txt", "UPPER.TXT", "mixed.Txt"]
    (warning,) = caught
    message = str(warning.message)
    assert "holds 4 entries that are not loaded as articles: notes.md, older/, page.html, scan.pdf." in message
    assert "sides.tsv" not in message and ".DS_Store" not in message and "catalog.csv.bak" not in message


def test_a_folder_of_only_other_files_warns_then_refuses(tmp_path: Path) -> None:
    (tmp_path / "story.md").write_text("# Bridge\n", encoding="utf-8")
    with pytest.warns(CorpusWarning, match="story.md"), pytest.raises(CorpusError, match=r"holds no \.txt files"):
        load_corpus(tmp_path)


def test_a_catalog_naming_a_file_that_is_not_text_says_so(tmp_path: Path) -> None:
    _article(tmp_path, "a.txt", "Bridge reopens after repairs\n\nText.\n")
    _article(tmp_path, "b.md", "Bridge reopens after repairs\n\nText.\n")
    (tmp_path / "catalog.csv").write_text("id,file\n1,a.txt\n2,b.md\n", encoding="utf-8")
    with pytest.warns(CorpusWarning), pytest.raises(CorpusError, match=r"lists b\.md, which is not a \.txt file"):
        load_corpus(tmp_path)


def test_article_files_of_a_missing_folder_is_empty(tmp_path: Path) -> None:
    assert article_files(tmp_path / "missing") == []


# --- issue 13: labels shown once, a progress bar only for big folders --------------------------


def test_display_label_shows_a_file_name_label_once(tmp_path: Path) -> None:
    _article(tmp_path, "01_northern-post.txt", "Harwick council votes to rebuild footbridge\n\nThe vote passed.\n")
    article = load_corpus(tmp_path)[0]
    assert article.label == "northern-post" and article.display_label == "01_northern-post"
    assert [a.display_label for a in load_corpus()][:2] == ["000 · Summary citing CNN", "001 · Aggregator repost"]


def test_load_corpus_shows_a_progress_bar_only_for_big_folders(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from framelab import corpus as corpus_module

    made: list[tuple[int, int]] = []
    real = corpus_module.progress

    def spy(total, description, *, at_least, unit="it"):
        made.append((total, at_least))
        return real(total, description, at_least=at_least, unit=unit)

    monkeypatch.setattr(corpus_module, "progress", spy)
    load_corpus()
    for number in range(corpus_module.PROGRESS_AT_LEAST):
        _article(tmp_path, f"{number:03d}_wire.txt", f"Story number {number} today\n\nText {number}.\n")
    load_corpus(tmp_path)
    assert made[0] == (5, corpus_module.PROGRESS_AT_LEAST) and made[0][0] < made[0][1]  # silent on the seeds
    assert made[1][0] >= made[1][1]  # a bar (shown after 2 s) for the big folder
