"""The Framing Explorer on any corpus (issue 13, item 5): the start term, drawing on display
rather than in the constructor, catalog labels, and dropdowns that stay usable with 60 articles."""

from __future__ import annotations

import re
from pathlib import Path

import ipywidgets as widgets
import pytest

from framelab import Article, load_corpus, split_sentences
from framelab.explorer import (
    MAX_LISTED,
    VIEWS,
    CorpusTables,
    FramingExplorer,
    search_options,
    start_term,
)

SECOND_CORPUS = Path(__file__).parent / "data" / "second_corpus"


def article(article_id: str, body: str, label: str = "") -> Article:
    return Article(article_id, f"{article_id}.txt", label or article_id, "", "", body, body)


@pytest.fixture(scope="module")
def sixty() -> list[Article]:
    """60 articles of six seed sentences each, ids like "07_outlet-1", labels from a catalog-like scheme."""
    sentences = [s for a in load_corpus() for s in split_sentences(a.body)]
    return [article(f"{i:02d}_outlet-{i % 7}", " ".join(sentences[(6 * i) % 150 : (6 * i) % 150 + 6]),
                    label=f"Outlet {i % 7} · story {i}") for i in range(60)]


# --- the start term ----------------------------------------------------------------------------


def test_the_start_term_is_the_commonest_shared_word_that_is_not_a_name() -> None:
    tables = CorpusTables.build(load_corpus())
    # Every seed article uses ukraine, us, nato, russia and troops; the first four are written with
    # a capital (names), so the rule lands on troops, the old hard-coded start.
    assert start_term(tables) == "troops"
    assert all(tables.counts[a]["troops"] for a in tables.ids)
    assert FramingExplorer().term.value == "troops"


def test_the_start_term_of_another_corpus_comes_from_that_corpus() -> None:
    explorer = FramingExplorer(load_corpus(SECOND_CORPUS))
    assert explorer.term.value == "bridge"
    assert explorer.results["bars"]["count"].gt(0).all()  # every article uses it: every bar has a length


def test_the_start_term_skips_stop_words_reporting_verbs_and_names() -> None:
    tables = CorpusTables.build([
        article("a", "Mayor Reyes said the levee held. Reyes said the levee was tested."),
        article("b", "The levee, Reyes said, held. Reyes thanked crews."),
    ])
    assert start_term(tables) == "levee"  # not "the", "said" or "Reyes", all as shared
    assert start_term(CorpusTables.build([article("a", "The of and. It is."), article("b", "And the.")])) == ""


def test_an_empty_start_term_shows_the_prompt() -> None:
    explorer = FramingExplorer([article("a", "It is. And the."), article("b", "The of and.")])
    assert explorer.term.value == "" and explorer.term.placeholder == "type a word or phrase"
    assert "Type a word or phrase" in explorer.bars.value


# --- nothing drawn in the constructor --------------------------------------------------------------


class Counting(FramingExplorer):
    """A subclass that adds a control after super().__init__() and counts the keyness draws."""

    def __init__(self, corpus=None):
        super().__init__(corpus)
        # (Not chapter 09 task 4's stop-word box: this test goes into the student copy.)
        self.long_only = widgets.Checkbox(value=False, description="terms of 8+ letters")
        self.drawn = 0
        row = self.tabs.children[4].children[0]
        row.children = (*row.children, self.long_only)
        self.long_only.observe(lambda change: self.update_keyness(), names="value")

    def keyness_source(self):
        self.drawn += 1
        table = super().keyness_source()  # reads self.long_only: an AttributeError if drawn in __init__
        if table is not None and self.long_only.value:
            table = table[table["term"].str.len() >= 8]
        return table


def test_a_subclass_adds_a_control_after_super_init() -> None:
    explorer = Counting()
    assert explorer.drawn == 0  # the constructor drew nothing
    bundle = explorer._repr_mimebundle_()  # what a notebook does to show it
    assert explorer.drawn == 1 and "application/vnd.jupyter.widget-view+json" in bundle
    assert explorer.long_only in explorer.tabs.children[4].children[0].children
    explorer.article.value = "004"
    assert (explorer.results["keyness"]["term"].str.len() < 8).any()
    explorer.long_only.value = True
    terms = explorer.results["keyness"]["term"]
    assert len(terms) and (terms.str.len() >= 8).all()


def test_views_and_results_are_drawn_on_first_read() -> None:
    explorer = FramingExplorer()
    assert explorer._drawn is False
    assert explorer.results["bars"]["count"].tolist() == [7, 10, 2, 10, 4]  # "troops"
    assert explorer._drawn is True
    fresh = FramingExplorer()
    assert fresh.keyness.value.count('class="fl-key-row"') == 20  # reading a view draws them all
    fresh.refresh()  # an explicit refresh draws again, from the same caches
    assert fresh.keyness.value.count('class="fl-key-row"') == 20


def test_a_change_before_display_draws_every_view() -> None:
    explorer = FramingExplorer()
    explorer.article.value = "004"
    assert set(explorer.results) >= {"bars", "concordance", "tellings", "voices", "keyness"}
    assert explorer.results["keyness"]["term"].iloc[0] == "friday"


def test_the_tellings_tab_is_named_for_what_it_shows() -> None:
    explorer = FramingExplorer(load_corpus(SECOND_CORPUS))
    assert explorer.tabs.titles == tuple(VIEWS.values()) == ("Bars", "Concordance", "Tellings", "Voices", "Keyness")


def test_no_progress_bar_on_the_five_articles(capsys) -> None:
    FramingExplorer().refresh()
    captured = capsys.readouterr()
    assert captured.out == "" and captured.err == ""


# --- labels from the catalog, 60 articles ----------------------------------------------------------


def test_article_labels_come_from_the_catalog() -> None:
    explorer = FramingExplorer()
    assert explorer.article.options[3] == ("003 · CNN rewrite", "003")
    other = FramingExplorer(load_corpus(SECOND_CORPUS))
    # Without a catalog the label is the outlet, already in the id: shown once, not "01_northern-post · northern-post".
    assert [label for label, _ in other.article.options][0] == "01_northern-post"


def test_sixty_articles_get_search_boxes_instead_of_sixty_item_lists(sixty) -> None:
    explorer = FramingExplorer(sixty)
    assert len(explorer.article.options) == MAX_LISTED < 60
    assert len(explorer.other.options) == MAX_LISTED + 1  # "rest" and the first articles
    top = explorer.widget.children[1]
    assert explorer.article in top.children and explorer.find_article in top.children
    assert "fl-find-article" in explorer.find_article._dom_classes
    keyness_row = explorer.tabs.children[4].children[0]
    assert explorer.find_other in keyness_row.children
    explorer.find_article.value = "outlet-3"
    labels = [label for label, _ in explorer.article.options]
    assert explorer.article.value == "00_outlet-0"  # searching does not change the choice
    found = [label for label in labels if "Outlet 3" in label]
    assert len(found) == 9 and len(labels) == 10  # the 9 stories of outlet 3, and the current choice
    explorer.article.value = "10_outlet-3"
    assert explorer.results["keyness"].empty or explorer.summary().count("article 10_outlet-3") == 1
    explorer.find_article.value = "story 59"
    assert [value for _, value in explorer.article.options] == ["10_outlet-3", "59_outlet-3"]
    explorer.find_other.value = "story 42"
    assert [value for _, value in explorer.other.options] == ["rest", "42_outlet-0"]
    explorer.other.value = "42_outlet-0"
    assert "against 42_outlet-0" in explorer.summary()


def test_five_articles_keep_their_short_lists_and_no_search_box() -> None:
    explorer = FramingExplorer()
    assert len(explorer.article.options) == 5 and len(explorer.other.options) == 6
    assert explorer.find_article not in explorer.widget.children[1:2]
    assert explorer.widget.children[1] is explorer.article


def test_search_options_keeps_the_fixed_options_and_the_current_choice() -> None:
    options = [("all speakers", "all")] + [(name, name) for name in ("Ann Lee", "Bo Kim", "Cy Ray", "Dee Lee")]
    assert search_options(options, "lee", keep="all", fixed=1) == [options[0], ("Ann Lee", "Ann Lee"), ("Dee Lee", "Dee Lee")]
    assert search_options(options, "LEE ann", keep="Cy Ray", fixed=1) == [options[0], ("Ann Lee", "Ann Lee"), ("Cy Ray", "Cy Ray")]
    assert search_options(options, "zz", keep="Bo Kim", fixed=1) == [options[0], ("Bo Kim", "Bo Kim")]
    assert len(search_options(options, "", keep="all", fixed=1, limit=2)) == 3
    assert re.fullmatch(r"\d+", str(MAX_LISTED))


# --- counting a term through the word index ---------------------------------------------------------


@pytest.mark.parametrize("folder", [None, SECOND_CORPUS])
def test_term_counts_through_the_index_equal_the_pattern_on_every_body(folder) -> None:
    """The index is a shortcut: for every kind of term it must count what the regex counts."""
    from framelab.explorer import term_counts
    from framelab.frames import term_pattern

    corpus = load_corpus(folder) if folder else load_corpus()
    tables = CorpusTables.build(corpus)
    runs = sorted(tables.word_index)[::7][:150]
    terms = runs + [run[:3] + "*" for run in runs[:40]] + [
        "Ukraine's", "Ukraine’s", "US-led", "U.S.", "Russian threat", "the  troops", "said*", "Kirby said",
        "council's", "flood*", "3,000", "e", "s", "'s", "--", "bridge*",
    ]
    for term in terms:
        pattern = term_pattern(term)
        expected = {a.id: len(pattern.findall(a.body)) for a in corpus}
        assert term_counts(tables, term) == expected, term


def test_twenty_five_speakers_get_a_search_box() -> None:
    names = ("Anna Boris Carla Dmitri Elena Farid Greta Hugo Irena Jonas Kasia Lars Maria Nils Olga Pavel Rosa "
             "Stefan Tomas Ulla Vera Willem Xenia Yusuf Zofia").split()
    articles = [article(f"{i:02d}", f"The council met on Monday. “We will rebuild the bridge before winter,” said "
                                    f"{name} Kowalczyk, a local engineer. The vote is next week.") for i, name in enumerate(names)]
    explorer = FramingExplorer(articles)
    assert len(explorer.speaker.options) == MAX_LISTED + 1  # "all speakers" and the first 20
    assert explorer.find_speaker in explorer.tabs.children[3].children[0].children
    explorer.find_speaker.value = "rosa"
    assert [value for _, value in explorer.speaker.options] == ["all", "Rosa Kowalczyk"]
    explorer.speaker.value = "Rosa Kowalczyk"
    assert explorer.results["voices"]["speaker"].tolist() == ["Rosa Kowalczyk"]
    explorer.side.value = explorer.side.options[-1][1]  # a new side resets the search
    assert explorer.find_speaker.value == "" and explorer.speaker.value == "all"


def test_a_large_corpus_is_prepared_behind_a_progress_bar(monkeypatch, sixty) -> None:
    """One step per article; framelab.progress shows it only for PROGRESS_FROM articles or more, after 2 s."""
    import framelab.explorer.tables as tables_module
    from framelab.explorer import PROGRESS_FROM
    from framelab.progress import progress

    calls = []

    def recording(total, description, *, at_least, unit="it"):
        bar = progress(total, description, at_least=at_least, unit=unit)
        calls.append((total, at_least, type(bar).__name__))
        steps = []
        bar.update = lambda n=1, _update=bar.update: (steps.append(n), _update(n))
        calls.append(steps)
        return bar

    monkeypatch.setattr(tables_module, "progress", recording)
    CorpusTables.build(sixty)
    CorpusTables.build(load_corpus())
    assert PROGRESS_FROM <= 60
    assert calls[0][:2] == (60, PROGRESS_FROM) and calls[0][2] != "_Silent" and sum(calls[1]) == 60
    assert calls[2] == (5, PROGRESS_FROM, "_Silent")  # the five seeds: never a bar
