"""The Framing Explorer, headless: each view's logic on its own, then the widget wiring.

The view functions are checked against the chapter functions they reuse
(frames, reuse, voices, compare) on the five seed articles, so the dashboard
cannot drift from what the lessons teach. The wiring tests build the
dashboard, set control values as a student would, and assert on what the
views hold (their HTML and ``explorer.results``).
"""

from __future__ import annotations

import html
import re
from collections import Counter
from pathlib import Path

import pandas as pd
import pytest

import framelab.explorer as explorer_module
import framelab.explorer.dashboard as dashboard_module
from framelab import Article, FramelabError, split_sentences, words
from framelab.compare import one_vs_rest
from framelab.explorer import (
    MAX_BARS,
    MAX_COLUMNS,
    MAX_TELLINGS,
    VIEWS,
    CorpusTables,
    ExplorerError,
    FramingExplorer,
    bar_values,
    category_hits,
    category_matches,
    check_corpus,
    concordance_columns,
    join_tokens,
    keyness_rows,
    keyness_table,
    render_bars,
    render_changes,
    render_concordance,
    render_keyness,
    render_tellings,
    render_voices,
    tellings,
    term_counts,
    term_hits,
    voices_rows,
    word_changes,
)
from framelab.frames import concordance, frame_profiles, hedge_rates, term_matches, word_counts
from framelab.reuse import align_sentences, content_words
from framelab.voices import attribution_ledger, reporting_verbs

CONTROL_CLASSES = {
    "term": "fl-term",
    "source": "fl-source",
    "category": "fl-category",
    "article": "fl-article",
    "other": "fl-other",
    "measure": "fl-measure",
    "min_freq": "fl-min-freq",
    "sentence": "fl-sentence",
    "side": "fl-side",
    "speaker": "fl-speaker",
}


@pytest.fixture(scope="module")
def tables(corpus):
    return CorpusTables.build(corpus)


@pytest.fixture()
def explorer():
    return FramingExplorer()


def article(article_id: str, body: str, label: str = "") -> Article:
    return Article(article_id, f"{article_id}.txt", label or article_id, "", "", body, body)


def bars_in(view: str) -> dict[str, float]:
    """article -> data-value of every fl-bar div of a Bars view."""
    return {a: float(v) for a, v in re.findall(r'<div class="fl-bar" data-article="([^"]*)" data-value="([^"]*)"', view)}


# --- bad input -------------------------------------------------------------------------


@pytest.mark.parametrize("bad", [42, {"000": "text"}, b"bytes", 3.5])
def test_a_corpus_of_the_wrong_type_is_refused_in_words(bad) -> None:
    with pytest.raises(ExplorerError, match="corpus must be a list of articles"):
        FramingExplorer(bad)


def test_an_empty_corpus_is_refused_in_words() -> None:
    with pytest.raises(ExplorerError, match="corpus is empty"):
        FramingExplorer([])


def test_a_list_of_strings_is_refused_naming_the_item() -> None:
    with pytest.raises(ExplorerError, match=r"corpus\[0\] is a str, not an article"):
        FramingExplorer(["US sends troops."])


def test_duplicate_ids_are_refused(corpus) -> None:
    with pytest.raises(ExplorerError, match="'000' more than once"):
        check_corpus([corpus[0], corpus[0]])


def test_a_missing_folder_is_a_framelab_error(tmp_path: Path) -> None:
    with pytest.raises(FramelabError, match="does not exist"):
        FramingExplorer(tmp_path / "nowhere")


def test_every_error_is_a_framelab_error() -> None:
    assert issubclass(ExplorerError, FramelabError)


# --- the tables, computed once, agree with the chapters' functions ----------------------


def test_word_counts_match_chapter_07(tables, corpus) -> None:
    assert tables.words == word_counts(corpus).to_dict()


def test_word_counts_per_article_match_words(tables, corpus) -> None:
    for item in corpus:
        assert tables.counts[item.id] == Counter(words(item.body, lower=True))
    assert tables.total == sum((Counter(words(a.body, lower=True)) for a in corpus), Counter())


def test_content_words_match_chapter_05(tables, corpus) -> None:
    for item in corpus[:2]:
        assert tables.sentences[item.id] == split_sentences(item.body)
        assert tables.content[item.id] == [content_words(s) for s in split_sentences(item.body)]


def test_sentence_offsets_point_into_the_body(tables) -> None:
    for article_id in tables.ids:
        body = tables.bodies[article_id]
        for sentence, start in zip(tables.sentences[article_id], tables.offsets[article_id]):
            assert body[start : start + len(sentence)] == sentence


@pytest.mark.parametrize("dimension", ["Security and defense", "Economic", "Morality", "Political"])
def test_frame_counts_match_frame_profiles(tables, corpus, dimension) -> None:
    found = Counter(category_matches(tables, "frame", dimension)["article"])
    rates = bar_values(tables, found).set_index("article")["per_1000"]
    expected = frame_profiles(corpus)[dimension]
    assert rates.round(9).tolist() == expected.round(9).tolist()


def test_hedge_and_booster_counts_match_hedge_rates(tables, corpus) -> None:
    expected = hedge_rates(corpus)
    for label, column in (("hedges", "hedges"), ("boosters", "boosters")):
        found = Counter(category_matches(tables, "lexicon", label)["article"])
        rates = bar_values(tables, found).set_index("article")["per_1000"]
        assert rates.round(9).tolist() == expected[column].round(9).tolist(), label


def test_reporting_verb_counts_match_term_matches(tables, corpus) -> None:
    expected = term_matches(corpus, reporting_verbs())
    mine = category_matches(tables, "lexicon", "reporting verbs (all)")
    assert mine[["article", "sentence", "position", "term", "category"]].values.tolist() == expected.values.tolist()
    doubt = category_matches(tables, "lexicon", "reporting verbs: doubt")
    assert set(doubt["category"]) <= {"doubt"} and len(doubt) == (expected["category"] == "doubt").sum()


def test_an_unknown_category_is_refused_with_the_options(tables) -> None:
    with pytest.raises(ExplorerError, match="Use one of: 'Capacity and resources'"):
        category_matches(tables, "frame", "Health")


# --- Bars and Concordance -------------------------------------------------------------------


@pytest.mark.parametrize("term", ["troops", "Russian threat", "inva*", "Ukraine's", "NATO", "zeppelin"])
def test_term_counts_and_hits_are_the_chapter_07_concordance(tables, corpus, term) -> None:
    expected = concordance(corpus, term)
    hits = term_hits(tables, term)
    assert hits[["article", "start", "left", "match", "right"]].values.tolist() == expected.values.tolist()
    counts = term_counts(tables, term)
    assert counts == {a: int((expected["article"] == a).sum()) for a in tables.ids}


def test_term_hits_for_some_articles_only(tables) -> None:
    hits = term_hits(tables, "Kirby", ["003"])
    assert set(hits["article"]) == {"003"} and len(hits) == term_counts(tables, "Kirby")["003"]


def test_an_empty_term_has_no_hits(tables) -> None:
    assert term_hits(tables, "   ").empty
    assert set(term_counts(tables, "").values()) == {0}
    with pytest.raises(ExplorerError, match="not an int"):
        term_counts(tables, 3)


def test_bar_values_are_per_1000_words(tables) -> None:
    values = bar_values(tables, {"000": 5, "004": 1}).set_index("article")
    assert values.loc["000", "per_1000"] == pytest.approx(5 * 1000 / 509)
    assert values.loc["001", "count"] == 0 and values.loc["001", "per_1000"] == 0.0
    assert list(values.index) == tables.ids


def test_category_hits_find_every_match_as_written(tables) -> None:
    for source, category in [("frame", "Security and defense"), ("lexicon", "hedges"), ("lexicon", "reporting verbs (all)")]:
        matches = category_matches(tables, source, category)
        hits = category_hits(tables, matches)
        assert len(hits) == len(matches), category
        for row in hits.itertuples():
            found = re.sub(r"\W+", " ", row.match.lower().replace("’", "'")).strip()
            assert found == re.sub(r"\W+", " ", row.term).strip(), (category, row.match, row.term)
            assert tables.bodies[row.article][row.start : row.start + len(row.match)] == row.match


def test_render_bars_follows_the_dom_contract(tables) -> None:
    values = bar_values(tables, term_counts(tables, "troops"))
    view = render_bars(values, "“troops”")
    assert bars_in(view) == {row.article: round(row.per_1000, 2) for row in values.itertuples()}
    assert view.count('class="fl-bar"') == 5
    assert "000 · Summary citing CNN" in view and "13.75" in view  # label and value as text


def test_render_bars_escapes_labels_and_says_empty_in_words() -> None:
    values = pd.DataFrame([("<b>", "<script>x</script>", 1, 10, 100.0)], columns=explorer_module.BAR_COLUMNS)
    view = render_bars(values, "“<i>”")
    assert "<script>" not in view and "&lt;script&gt;" in view and 'data-article="&lt;b&gt;"' in view
    empty = render_bars(values.assign(count=0, per_1000=0.0), "“zeppelin”")
    assert empty == '<p class="fl-empty">No article uses “zeppelin”.</p>'


def test_render_bars_keeps_the_highest_of_a_large_corpus() -> None:
    rows = [(f"a{i:02d}", "", i % 7, 100, float(i % 7)) for i in range(MAX_BARS + 10)]
    view = render_bars(pd.DataFrame(rows, columns=explorer_module.BAR_COLUMNS), "x")
    assert view.count('class="fl-bar"') == MAX_BARS and f"The {MAX_BARS} highest of {MAX_BARS + 10}" in view
    assert min(bars_in(view).values()) == 1.0  # the six zeros and four of the six ones are left out
    assert sum(1 for value in bars_in(view).values() if value == 1.0) == 2


def test_render_concordance_marks_every_match(tables) -> None:
    counts = term_counts(tables, "Kirby")
    hits = term_hits(tables, "Kirby")
    view = render_concordance(hits, tables, "“Kirby”", tables.ids, counts)
    columns = re.findall(r'<div class="fl-kwic-col" data-article="([^"]*)"', view)
    assert columns == tables.ids
    assert re.findall(r"<mark>(.*?)</mark>", view) == hits["match"].tolist()
    assert view.count('class="fl-kwic-line"') == sum(counts.values())
    assert view.count('class="fl-kwic-none"') == 1  # 004 never names Kirby
    assert "fl-empty" not in view


def test_render_concordance_escapes_the_text() -> None:
    tables = CorpusTables.build([article("x", "He wrote <b>troops</b> & more."), article("y", "No match.")])
    counts = term_counts(tables, "troops")
    view = render_concordance(term_hits(tables, "troops"), tables, "“troops”", tables.ids, counts)
    assert "&lt;b&gt;<mark>troops</mark>&lt;/b&gt; &amp; more" in view


def test_render_concordance_says_empty_in_words(tables) -> None:
    counts = term_counts(tables, "zeppelin")
    view = render_concordance(term_hits(tables, "zeppelin"), tables, "“zeppelin”", tables.ids, counts)
    assert view == '<p class="fl-empty">No article uses “zeppelin”.</p>'


def test_concordance_columns_of_a_large_corpus_are_articles_with_hits(tables) -> None:
    assert concordance_columns(tables, {}) == tables.ids
    many = {f"a{i}": (1 if i % 2 else 0) for i in range(40)}
    fake = CorpusTables.build([article(f"a{i}", "Troops." if i % 2 else "Nothing.") for i in range(40)])
    columns = concordance_columns(fake, many)
    assert len(columns) == MAX_COLUMNS and all(many[c] for c in columns)


# --- Tellings ----------------------------------------------------------------------------


def test_tellings_are_the_chapter_05_alignment(tables, corpus) -> None:
    alignment = align_sentences({a.id: split_sentences(a.body) for a in corpus})
    for article_id in ("000", "003"):
        for index in range(len(tables.sentences[article_id])):
            mine = tellings(tables, article_id, index)
            expected = alignment[(alignment.article == article_id) & (alignment.sentence == index)]
            assert mine[["other", "match", "match_text", "kind"]].values.tolist() == \
                expected[["other", "match", "match_text", "kind"]].values.tolist()
            assert mine["score"].tolist() == pytest.approx(expected["score"].tolist())


def test_tellings_refuse_a_sentence_that_does_not_exist(tables) -> None:
    with pytest.raises(ExplorerError, match="pick a number from 0 to 14"):
        tellings(tables, "003", 15)
    with pytest.raises(ExplorerError, match="not in the corpus"):
        tellings(tables, "999", 0)


def test_word_changes_name_what_was_added_dropped_and_renamed() -> None:
    changes = word_changes("US President Joe Biden approved 3,000 troops.", "Biden approved 2,000 more troops.")
    kinds = [(op, old, new) for op, old, new in changes if op != "equal"]
    assert kinds == [("delete", ["US", "President", "Joe"], []), ("replace", ["3,000"], ["2,000", "more"])]
    view = render_changes(changes)
    # Each change also says what it is in visually hidden text (issue 12, item 5: underline and
    # strikethrough alone are not read aloud).
    assert '<del class="fl-dropped"><span class="fl-sr">removed: </span>US President Joe</del>' in view
    assert ('<span class="fl-renamed" title="renamed"><del><span class="fl-sr">renamed from: </span>3,000</del> '
            '<ins><span class="fl-sr">to: </span>2,000 more</ins></span>') in view
    assert render_changes(word_changes("a b", "a b c")).endswith(
        '<ins class="fl-added"><span class="fl-sr">added: </span>c</ins>')


def test_word_changes_ignore_case_only() -> None:
    assert [op for op, _, _ in word_changes("NATO allies", "Nato allies")] == ["equal"]


def test_join_tokens_reads_naturally() -> None:
    assert join_tokens(["He", "said", ",", '"', "no", '"', "."]) == 'He said, " no ".'
    assert join_tokens(["Ukraine", "'s", "border", "does", "n't", "move"]) == "Ukraine's border doesn't move"


def test_render_tellings_shows_each_counterpart(tables) -> None:
    table = tellings(tables, "003", 8)
    view = render_tellings(table, tables, "003", 8)
    kinds = dict(re.findall(r'<div class="fl-telling" data-article="([^"]*)" data-kind="([^"]*)"', view))
    assert kinds == {"000": "verbatim", "001": "unique", "002": "unique", "004": "unique"}
    assert "does not tell this sentence" in view
    assert html.escape(tables.sentences["003"][8]) in view


def test_render_tellings_says_when_no_article_tells_a_sentence(tables) -> None:
    index = next(i for i in range(len(tables.sentences["004"])) if (tellings(tables, "004", i)["kind"] == "unique").all())
    view = render_tellings(tellings(tables, "004", index), tables, "004", index)
    assert '<p class="fl-empty">No other article tells this sentence' in view


# --- Voices -----------------------------------------------------------------------------------


def test_the_full_ledger_is_chapter_06s(tables, corpus) -> None:
    ledger, quotes = voices_rows(tables)
    expected = attribution_ledger(corpus)
    assert ledger.values.tolist() == expected.values.tolist()
    assert len(quotes) == expected["quotations"].sum()


def test_voices_filter_by_side_and_speaker(tables) -> None:
    ledger, quotes = voices_rows(tables, side="Russia")
    assert set(quotes["side"]) == {"Russia"} and set(ledger["side"]) == {"Russia"}
    ledger, quotes = voices_rows(tables, speaker="John Kirby")
    assert set(quotes["speaker"]) == {"John Kirby"} and ledger["quotations"].sum() == 15
    ledger, quotes = voices_rows(tables, side="")
    assert set(quotes["speaker"]) == {"(unattributed)"}
    assert voices_rows(tables, side="Ukraine", speaker="John Kirby")[1].empty


def test_render_voices_lists_rows_and_quotations(tables) -> None:
    ledger, quotes = voices_rows(tables, side="Ukraine")
    view = render_voices(ledger, quotes, "from the Ukraine side")
    assert view.count('class="fl-voice-row"') == 2 and view.count('class="fl-quote"') == 8
    assert render_voices(ledger.iloc[:0], quotes.iloc[:0], "by nobody") == '<p class="fl-empty">No quotation by nobody.</p>'


# --- Keyness -------------------------------------------------------------------------------------


def test_keyness_against_the_rest_is_one_vs_rest(tables, corpus) -> None:
    expected = one_vs_rest({a.id: words(a.body, lower=True) for a in corpus})
    expected = expected[expected.article == "004"].drop(columns="article").reset_index(drop=True)
    mine = keyness_table(tables, "004")
    assert mine["term"].tolist() == expected["term"].tolist()
    assert mine["g2"].tolist() == pytest.approx(expected["g2"].tolist())


def test_keyness_of_a_pair(tables) -> None:
    table = keyness_table(tables, "000", "003")
    row = table.set_index("term").loc["troops"]
    assert (row.count_target, row.count_reference) == (tables.counts["000"]["troops"], tables.counts["003"]["troops"])
    with pytest.raises(ExplorerError, match="compared with itself"):
        keyness_table(tables, "000", "000")


@pytest.mark.parametrize("measure", ["g2", "log_ratio", "log_odds_z"])
def test_keyness_rows_sort_by_the_measure_and_honour_min_freq(tables, measure) -> None:
    table = keyness_table(tables, "004")
    rows = keyness_rows(table, measure, min_freq=4, top=10)
    assert 0 < len(rows) <= 10
    assert (rows["count_target"] + rows["count_reference"] >= 4).all() and (rows[measure] > 0).all()
    assert rows[measure].tolist() == sorted(rows[measure], reverse=True)
    eligible = table[(table.count_target + table.count_reference >= 4) & (table[measure] > 0)]
    assert rows[measure].iloc[0] == eligible[measure].max()


def test_keyness_rows_refuse_bad_options(tables) -> None:
    with pytest.raises(ExplorerError, match="measure 'pmi'"):
        keyness_rows(keyness_table(tables, "004"), "pmi")
    with pytest.raises(ExplorerError, match="min_freq"):
        keyness_rows(keyness_table(tables, "004"), "g2", 0)


def test_render_keyness_rows_and_empty(tables) -> None:
    rows = keyness_rows(keyness_table(tables, "004"), "g2", 2)
    view = render_keyness(rows, "g2", "004", "the rest", 2)
    assert re.findall(r'<tr class="fl-key-row" data-term="([^"]*)"', view) == rows["term"].tolist()
    empty = render_keyness(rows.iloc[:0], "g2", "004", "the rest", 99)
    assert empty.startswith('<p class="fl-empty">No word is used relatively more in 004')


# --- the dashboard: DOM contract ------------------------------------------------------------------


def test_controls_and_views_carry_the_contract_classes(explorer) -> None:
    for name, css in CONTROL_CLASSES.items():
        assert css in getattr(explorer, name)._dom_classes, name
    for name in VIEWS:
        assert f"fl-{name}" in getattr(explorer, name)._dom_classes
    assert "fl-hint" in explorer.hint._dom_classes
    assert explorer.term.placeholder == "type a word or phrase"
    assert explorer.tabs.titles == ("Bars", "Concordance", "Tellings", "Voices", "Keyness")


def test_the_term_row_sits_above_the_tabs(explorer) -> None:
    children = explorer.widget.children
    assert explorer.term in children[0].children and children[-1] is explorer.tabs
    assert explorer.tabs.children[0] is explorer.bars and explorer.tabs.children[1] is explorer.concordance


def test_the_explorer_displays_as_its_widget_with_a_stable_text(explorer) -> None:
    bundle = explorer._repr_mimebundle_()
    assert "application/vnd.jupyter.widget-view+json" in bundle
    assert bundle["text/plain"].startswith("FramingExplorer: 5 articles; “troops”")
    assert "model" not in bundle["text/plain"] and "0x" not in bundle["text/plain"]


# --- the dashboard: setting control values ----------------------------------------------------------


def test_typing_a_term_updates_bars_and_concordance(explorer, tables) -> None:
    explorer.term.value = "Kirby"
    expected = bar_values(tables, term_counts(tables, "Kirby"))
    assert bars_in(explorer.bars.value) == {r.article: round(r.per_1000, 2) for r in expected.itertuples()}
    assert explorer.concordance.value.count("<mark>") == 15
    assert explorer.results["bars"]["count"].tolist() == [4, 4, 1, 6, 0]


def test_a_term_that_matches_nothing_says_so_in_both_views(explorer) -> None:
    explorer.term.value = "zeppelin"
    for view in (explorer.bars.value, explorer.concordance.value):
        assert view == '<p class="fl-empty">No article uses “zeppelin”.</p>'
    explorer.term.value = "   "
    assert "Type a word or phrase" in explorer.bars.value and "fl-bar\"" not in explorer.bars.value


def test_html_in_a_term_is_escaped(explorer) -> None:
    explorer.term.value = "<script>"
    assert "<script>" not in explorer.bars.value and "&lt;script&gt;" in explorer.bars.value


def test_a_frame_dimension_disables_the_term_and_shows_its_bars(explorer, corpus) -> None:
    assert explorer.category.disabled and not explorer.term.disabled
    assert "Category is off" in explorer.hint.value
    explorer.source.value = "frame"
    assert explorer.term.disabled and not explorer.category.disabled
    assert "Term is off" in explorer.hint.value
    explorer.category.value = "Economic"
    expected = frame_profiles(corpus)["Economic"].round(2).to_dict()
    assert bars_in(explorer.bars.value) == expected
    assert explorer.concordance.value.count("<mark>") == explorer.results["bars"]["count"].sum()


def test_a_lexicon_category_offers_hedges_and_reporting_verbs(explorer, corpus) -> None:
    explorer.source.value = "lexicon"
    assert {"hedges", "boosters", "reporting verbs (all)", "reporting verbs: doubt"} <= set(explorer.category.options)
    assert explorer.category.value == "hedges"
    assert bars_in(explorer.bars.value) == hedge_rates(corpus)["hedges"].round(2).to_dict()
    explorer.source.value = "word"
    assert not explorer.term.disabled and bars_in(explorer.bars.value)["003"] == 24.39  # troops again


def test_choosing_an_article_resets_the_sentences_and_updates_two_views(explorer, tables) -> None:
    explorer.sentence.value = 4
    explorer.article.value = "003"
    assert explorer.sentence.value == 0
    assert len(explorer.sentence.options) == len(tables.sentences["003"])
    explorer.sentence.value = 8
    assert explorer.results["tellings"]["kind"].tolist() == ["verbatim", "unique", "unique", "unique"]
    assert 'data-article="000" data-kind="verbatim"' in explorer.tellings.value
    assert "Words key to 003 against the rest of the corpus" in explorer.keyness.value


def test_keyness_controls(explorer, tables) -> None:
    explorer.article.value = "004"
    explorer.min_freq.value = 2
    first = explorer.results["keyness"]
    assert (first["count_target"] + first["count_reference"] >= 2).all()
    explorer.measure.value = "log_odds_z"
    second = explorer.results["keyness"]
    assert second["log_odds_z"].tolist() == sorted(second["log_odds_z"], reverse=True)
    explorer.min_freq.value = 20
    assert (explorer.results["keyness"][["count_target", "count_reference"]].sum(axis=1) >= 20).all()
    explorer.article.value, explorer.other.value = "003", "000"  # no word used 20 times is key to 003 here
    assert explorer.results["keyness"].empty
    assert "lower the minimum frequency" in explorer.keyness.value and "fl-key-row" not in explorer.keyness.value
    explorer.article.value = "004"
    explorer.min_freq.value = 3
    explorer.other.value = "002"
    terms = re.findall(r'data-term="([^"]*)"', explorer.keyness.value)
    assert terms == keyness_rows(keyness_table(tables, "004", "002"), "log_odds_z", 3)["term"].tolist()


def test_min_uses_is_a_labelled_number_box_from_1_to_20(explorer) -> None:
    """Issue 12, item 5: a number box, named by its label everywhere (a slider's handle is not)."""
    import ipywidgets as widgets

    box = explorer.min_freq
    assert isinstance(box, widgets.BoundedIntText) and not isinstance(box, widgets.IntSlider)
    assert (box.description, box.min, box.max, box.value) == ("Min. uses", 1, 20, 3)
    assert box.continuous_update, "Keyness must follow each typed or stepped value, as it followed the slider"
    box.value = 25  # typed out of range: the box keeps it in range, Keyness follows
    assert box.value == 20
    assert "at least 20 uses" in explorer.keyness.value or "20 uses: lower the minimum" in explorer.keyness.value


def test_an_article_against_itself_is_explained(explorer) -> None:
    explorer.other.value = explorer.article.value
    assert "compared with itself" in explorer.hint.value
    assert explorer.keyness.value.startswith('<p class="fl-empty">')
    explorer.other.value = "rest"
    assert "compared with itself" not in explorer.hint.value and "fl-key-row" in explorer.keyness.value


def test_voices_filter_through_side_and_speaker(explorer) -> None:
    explorer.side.value = "Ukraine"
    assert [value for _, value in explorer.speaker.options] == ["all", "Dmytro Kuleba", "Volodymyr Zelensky"]
    assert set(explorer.results["voices"]["side"]) == {"Ukraine"}
    explorer.speaker.value = "Dmytro Kuleba"
    assert explorer.voices.value.count('class="fl-quote"') == 2
    explorer.side.value = "all"
    assert explorer.speaker.value == "all" and explorer.voices.value.count('class="fl-quote"') == 43


def test_nothing_is_computed_twice(monkeypatch) -> None:
    calls = Counter()
    for name in ("term_counts", "keyness_table", "tellings", "category_matches"):
        original = getattr(dashboard_module, name)  # the dashboard's own reference, where it calls them

        def counted(*args, _original=original, _name=name, **kwargs):
            calls[_name] += 1
            return _original(*args, **kwargs)

        monkeypatch.setattr(dashboard_module, name, counted)
    explorer = FramingExplorer()
    explorer.term.value = "Kirby"
    explorer.term.value = "troops"
    explorer.term.value = "kirby"  # same selection as "Kirby": cached
    explorer.source.value = "frame"
    explorer.source.value = "word"
    explorer.source.value = "frame"
    for measure in ("log_ratio", "g2"):
        explorer.measure.value = measure
    explorer.min_freq.value = 5
    explorer.sentence.value = 3
    explorer.sentence.value = 0
    assert calls == {"term_counts": 2, "category_matches": 1, "keyness_table": 1, "tellings": 2}


# --- any corpus -----------------------------------------------------------------------------------


def test_a_folder_of_plain_articles_without_a_catalog(tmp_path: Path) -> None:
    (tmp_path / "01_a.txt").write_text("Troops landed today\n\nThe troops landed in Poland. Kirby said “it is final”.",
                                       encoding="utf-8")
    (tmp_path / "02_b.txt").write_text("Talks fail in Geneva\n\nTalks failed in Geneva. Troops may follow.", encoding="utf-8")
    explorer = FramingExplorer(str(tmp_path))
    assert explorer.tables.ids == ["01_a", "02_b"]  # the file name without extension (framelab.folders)
    assert explorer.results["bars"]["count"].tolist() == [1, 1]
    assert explorer.results["tellings"]["other"].tolist() == ["02_b"]
    # Any folder but the five bundled articles is read by the general rules: "Kirby" as the text names him (not the
    # five articles' "John Kirby"), and the side "unknown" since the folder has no sides.tsv.
    assert not explorer.side.disabled and "Kirby" in explorer.voices.value and "John Kirby" not in explorer.voices.value
    assert "unknown" in explorer.voices.value


def test_a_single_article_disables_what_needs_two() -> None:
    explorer = FramingExplorer([article("solo", "Troops move. They stay.")])
    assert explorer.other.disabled and explorer.sentence.disabled
    assert "need at least two articles" in explorer.hint.value
    assert explorer.keyness.value.startswith('<p class="fl-empty">Keyness compares')
    assert "There is no other article" in explorer.tellings.value
    assert explorer.side.disabled and "no quotations" in explorer.hint.value
    assert explorer.voices.value.startswith('<p class="fl-empty">')


def test_a_larger_corpus_caps_bars_columns_and_tellings(corpus) -> None:
    sentences = [s for a in corpus for s in split_sentences(a.body)]
    many = [article(f"m{i:02d}", " ".join(sentences[i : i + 6])) for i in range(0, 6 * 40, 6)]
    explorer = FramingExplorer(many)
    explorer.term.value = "the"
    assert explorer.bars.value.count('class="fl-bar"') == MAX_BARS
    assert explorer.concordance.value.count('class="fl-kwic-col"') == MAX_COLUMNS
    assert len(explorer.results["tellings"]) == MAX_TELLINGS
    assert set(explorer.results["tellings"]["other"]) == set(explorer.tables.nearest["m00"])
    assert "most similar to m00" in explorer.tellings.value


def test_a_subclass_can_add_a_control_and_a_view() -> None:
    """The extension points the exercises use: observe + update_keyness, keyness_source, add_view."""
    import ipywidgets as widgets

    class Extended(FramingExplorer):
        def __init__(self, corpus=None):
            # New widgets after super().__init__(): the constructor draws nothing, so keyness_source
            # and refresh below only run once the explorer is shown (or a view is read).
            super().__init__(corpus)
            # (Not chapter 09 task 4's stop-word box: these tests go into the student copy.)
            self.long_only = widgets.Checkbox(value=False, description="terms of 8+ letters")
            self.words_view = widgets.HTML()
            self.long_only.observe(lambda change: self.update_keyness(), names="value")
            self.term.observe(lambda change: self.update_words_view(), names="value")
            self.add_view("Words", self.words_view)

        def refresh(self):
            super().refresh()
            self.update_words_view()

        def keyness_source(self):
            table = super().keyness_source()
            if table is not None and self.long_only.value:
                table = table[table["term"].str.len() >= 8]
            return table

        def update_words_view(self):
            self.words_view.value = f"<p>{len(self.term.value.split())} word(s)</p>"

    explorer = Extended()
    explorer.refresh()  # what displaying it does
    assert explorer.words_view.value == "<p>1 word(s)</p>"
    explorer.article.value = "004"
    assert (explorer.results["keyness"]["term"].str.len() < 8).any()
    explorer.long_only.value = True
    terms = explorer.results["keyness"]["term"]
    assert len(terms) and (terms.str.len() >= 8).all()
    assert explorer.tabs.titles[-1] == "Words" and explorer.words_view.value == "<p>1 word(s)</p>"
    explorer.term.value = "Russian threat"
    assert explorer.words_view.value == "<p>2 word(s)</p>"


# --- readable and accessible (issue 12, items 4 and 5) -------------------------------------------------


def _explorer_css(explorer) -> str:
    styles = [child.value for child in explorer.widget.children if "fl-style" in getattr(child, "_dom_classes", ())]
    assert len(styles) == 1, "the explorer should carry exactly one <style> widget"
    return styles[0]


def test_explorer_text_is_at_least_14_px(explorer) -> None:
    css = _explorer_css(explorer)
    sizes = [int(size) for size in re.findall(r"font-size:\s*(\d+)px", css)]
    assert sizes and min(sizes) >= 14, f"font sizes {sizes}: the views' text must be at least 14 px on a projector"
    # the views (HTML widgets) and the widget labels take their size from these selectors
    assert ".fl-explorer .widget-html-content" in css and "--jp-widgets-font-size:14px" in css


def test_keyness_headers_are_padded_and_may_wrap(explorer) -> None:
    css = _explorer_css(explorer)
    rule = re.search(r"\.fl-key-table th,\.fl-key-table td\{([^}]*)\}", css)
    assert rule and "padding" in rule.group(1), "keyness cells need padding so headers do not run together"
    assert re.search(r"\.fl-key-table th\{[^}]*white-space:normal", css), "long keyness headers must wrap"
    assert "<th>per 1,000 target</th><th>per 1,000 reference</th>" in explorer.keyness.value


def test_a_live_region_says_what_changed(explorer) -> None:
    assert "fl-status" in explorer.status._dom_classes and explorer.status in explorer.widget.children
    assert 'aria-live="polite"' in explorer.status.value, "the live region must exist before the first change"
    explorer.term.value = "Biden"
    status = explorer.status.value
    assert 'aria-live="polite"' in status and 'role="status"' in status
    assert "Bars and Concordance now show “Biden”" in status
    explorer.min_freq.value = 5
    assert "Keyness now shows" in explorer.status.value and "Biden" not in explorer.status.value
    explorer.sentence.value = 1
    assert f"article {explorer.article.value}, sentence 1" in explorer.status.value
    explorer.term.value = "  "
    assert "type a word or phrase" in explorer.status.value


def test_tellings_mark_changes_in_words_not_only_by_line_style(explorer) -> None:
    view = explorer.tellings.value
    markers = re.findall(r'<(ins|del)[^>]*><span class="fl-sr">([^<]*)</span>', view)
    assert markers, "no <ins>/<del> carries visually hidden text"
    assert len(markers) == view.count("<ins") + view.count("<del") - 4  # the legend's four are plain
    assert {text for _, text in markers} <= {"added: ", "removed: ", "renamed from: ", "to: "}
    assert ".fl-sr{position:absolute" in _explorer_css(explorer), "fl-sr text must be hidden from the eye only"
