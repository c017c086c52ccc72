"""The dashboard: :class:`FramingExplorer` wires the controls to the views (chapter 09).

Nothing is drawn while the object is built: the views are filled the first time the explorer is
displayed, when :meth:`FramingExplorer.refresh` is called, or when code first reads a view or
``results``. A subclass can therefore create its own controls after ``super().__init__()``
and override any ``update_*`` method or :meth:`FramingExplorer.keyness_source`.
"""

from __future__ import annotations

import html
from collections import Counter
from pathlib import Path

import ipywidgets as widgets
import pandas as pd

from framelab.compare import CompareError
from framelab.explorer.bars import (
    bar_values,
    category_matches,
    describe_selection,
    normalize_term,
    render_bars,
    term_counts,
)
from framelab.explorer.concordance import category_hits, concordance_columns, render_concordance, term_hits
from framelab.explorer.controls import (
    MAX_LISTED,
    article_options,
    other_options,
    search_options,
    sentence_options,
    side_options,
    speaker_options,
)
from framelab.explorer.keyness_view import keyness_rows, keyness_table, render_keyness
from framelab.explorer.markup import STYLE, _empty
from framelab.explorer.tables import (
    ALL,
    DEFAULT_MIN_FREQ,
    HITS_COLUMNS,
    MEASURES,
    REST,
    SOURCES,
    TELLING_COLUMNS,
    VIEWS,
    CorpusTables,
    check_corpus,
    start_term,
)
from framelab.explorer.tellings import render_tellings, tellings
from framelab.explorer.voices_view import render_voices, voices_rows


def _view(name: str) -> property:
    """A view widget that draws every view the first time anything reads it."""

    def get(self: FramingExplorer) -> widgets.HTML:
        self._draw_once()
        return self._views[name]

    return property(get, doc=f"The {VIEWS[name]} view (an ``ipywidgets.HTML``, class ``fl-{name}``).")


class FramingExplorer:
    """The dashboard: controls above, five views in tabs, all from one :class:`CorpusTables`.

    See the package docstring for the controls, views and their CSS classes.
    Each control is observed (``control.observe(handler, names="value")``)
    by a handler that re-renders only the views depending on it, through
    the public ``update_*`` methods. The views are drawn on first display
    (or :meth:`refresh`), not in the constructor, so a subclass can add a
    control after ``super().__init__()``, observe it and call them, override
    :meth:`refresh` to draw a view of its own, or add a tab with :meth:`add_view`.

    >>> explorer = FramingExplorer()
    >>> explorer.term.value, explorer.tellings.value[:40]  # reading a view draws them all
    ('troops', '<div class="fl-telling-source" data-arti')
    >>> explorer.source.value = "frame"
    >>> explorer.term.disabled, explorer.category.disabled
    (True, False)
    >>> FramingExplorer(42)
    Traceback (most recent call last):
    ...
    framelab.explorer.ExplorerError: corpus must be a list of articles, e.g. framelab.load_corpus(), not int.
    """

    bars = _view("bars")
    concordance = _view("concordance")
    tellings = _view("tellings")
    voices = _view("voices")
    keyness = _view("keyness")

    def __init__(self, corpus: object = None) -> None:
        # A folder given by path brings its own sides.tsv (not the one of FRAMELAB_CORPUS's folder).
        folder = corpus if isinstance(corpus, (str, Path)) else None
        self.tables = CorpusTables.build(check_corpus(corpus), sides=folder)
        self._hits_cache: dict[tuple[str, str], tuple] = {}
        self._keyness_cache: dict[tuple[str, str], pd.DataFrame] = {}
        self._tellings_cache: dict[tuple[str, int], pd.DataFrame] = {}
        self._busy = False
        self._drawn = False
        self._results: dict[str, pd.DataFrame] = {}
        self.news: dict[str, str] = {}  # view -> one sentence on what it shows, for ``status``
        ids = self.tables.ids
        self._article_options = article_options(self.tables)
        self._other_options = other_options(self.tables)
        many = len(ids) > MAX_LISTED

        self.term = widgets.Text(value=start_term(self.tables), placeholder="type a word or phrase",
                                 description="Term", continuous_update=True)
        self.source = widgets.Dropdown(options=[(name, key) for key, name in SOURCES.items()], value="word",
                                       description="Source")
        self.category = widgets.Dropdown(options=self.tables.categories["frame"], description="Category")
        self.article = widgets.Dropdown(options=search_options(self._article_options, "", ids[0]), value=ids[0],
                                        description="Article")
        self.other = widgets.Dropdown(options=search_options(self._other_options, "", REST, fixed=1), value=REST,
                                      description="against")
        self.measure = widgets.Dropdown(options=[(name, key) for key, name in MEASURES.items()], value="g2",
                                        description="Measure")
        # A number box, not a slider: ipywidgets names its <input> with a <label for>, while a
        # slider's handle has no accessible name without a script (axe-core aria-input-field-name).
        self.min_freq = widgets.BoundedIntText(value=DEFAULT_MIN_FREQ, min=1, max=20, description="Min. uses",
                                               continuous_update=True, layout=widgets.Layout(width="12em"))
        self.sentence = widgets.Dropdown(options=sentence_options(self.tables, ids[0]), value=0,
                                         description="Sentence")
        self.side = widgets.Dropdown(options=side_options(self.tables), value=ALL, description="Side")
        self._speaker_options = speaker_options(self.tables, ALL)
        self.speaker = widgets.Dropdown(options=search_options(self._speaker_options, "", ALL, fixed=1), value=ALL,
                                        description="Speaker")
        # Search boxes for long lists; placed in the layout only when a list is longer than MAX_LISTED.
        self.find_article = widgets.Text(placeholder=f"search {len(ids):,} articles", description="Find article",
                                         continuous_update=True)
        self.find_other = widgets.Text(placeholder=f"search {len(ids):,} articles", description="Find",
                                       continuous_update=True)
        self.find_speaker = widgets.Text(placeholder="search speakers", description="Find speaker",
                                         continuous_update=True)
        self.hint = widgets.HTML()
        self.status = widgets.HTML()
        self._views = {name: widgets.HTML() for name in VIEWS}
        for name, control in self.controls().items():
            control.add_class(f"fl-{name.replace('_', '-')}")
        for name, view in self._views.items():
            view.add_class(f"fl-{name}")
        self.hint.add_class("fl-hint")
        self.status.add_class("fl-status")

        wide = widgets.Layout(width="28em")
        for control in (self.term, self.category, self.article, self.sentence):
            control.layout = wide
        views = self._views
        many_speakers = len(self._speaker_options) > MAX_LISTED + 1
        self.tabs = widgets.Tab(children=[
            views["bars"],
            views["concordance"],
            widgets.VBox([self.sentence, views["tellings"]]),
            widgets.VBox([widgets.HBox([self.side, self.speaker, *([self.find_speaker] if many_speakers else [])]),
                          views["voices"]]),
            widgets.VBox([widgets.HBox([self.other, *([self.find_other] if many else []), self.measure,
                                        self.min_freq]), views["keyness"]]),
        ])
        self.tabs.titles = tuple(VIEWS.values())
        self.tabs.add_class("fl-tabs")
        self._box = widgets.VBox([
            widgets.HBox([self.source, self.term, self.category]),
            widgets.HBox([self.article, self.find_article]) if many else self.article,
            self.hint,
            self.status,
            widgets.HTML(f"<style>{STYLE}</style>").add_class("fl-style"),
            self.tabs,
        ])
        self._box.add_class("fl-explorer")

        self.term.observe(self._on_selection, names="value")
        self.source.observe(self._on_source, names="value")
        self.category.observe(self._on_selection, names="value")
        self.article.observe(self._on_article, names="value")
        self.sentence.observe(self._on_sentence, names="value")
        for control in (self.other, self.measure, self.min_freq):
            control.observe(self._on_keyness, names="value")
        self.side.observe(self._on_side, names="value")
        self.speaker.observe(self._on_voices, names="value")
        self.find_article.observe(self._on_find, names="value")
        self.find_other.observe(self._on_find, names="value")
        self.find_speaker.observe(self._on_find, names="value")
        # The base class's enabled state only: a subclass's override runs at the first draw.
        FramingExplorer.update_enabled(self)
        self._announce()  # an empty live region from the start, so the first change is read out

    # -- drawing --

    @property
    def widget(self) -> widgets.VBox:
        """The top-level ``VBox`` (class ``fl-explorer``), its views drawn."""
        self._draw_once()
        return self._box

    @property
    def results(self) -> dict[str, pd.DataFrame]:
        """Each view's name mapped to the ``DataFrame`` it shows (drawing the views first if needed)."""
        self._draw_once()
        return self._results

    def _draw_once(self) -> None:
        if not self._drawn:
            self._drawn = True  # first, so that refresh reading a view does not start over
            self.refresh()

    def refresh(self) -> None:
        """Recompute every view from the current control values (a subclass adds its own views here)."""
        self._drawn = True
        self.update_enabled()
        self.update_selection_views()
        self.update_tellings()
        self.update_voices()
        self.update_keyness()

    def _repr_mimebundle_(self, **kwargs):
        bundle = self.widget._repr_mimebundle_(**kwargs) or {}
        bundle["text/plain"] = self.summary()
        return bundle

    # -- public helpers --

    def controls(self) -> dict[str, widgets.Widget]:
        """The controls by attribute name (the search boxes ``find_*`` included)."""
        return {name: getattr(self, name) for name in
                ("term", "source", "category", "article", "other", "measure", "min_freq", "sentence", "side",
                 "speaker", "find_article", "find_other", "find_speaker")}

    def summary(self) -> str:
        """One line: the corpus and the current selection (the notebook's text/plain)."""
        what = describe_selection(self.source.value, self.term.value, self.category.value)
        return (f"FramingExplorer: {len(self.tables.ids)} articles; {what}; article {self.article.value}, "
                f"sentence {self.sentence.value}; keyness {self.measure.value} against {self.other.value}, "
                f"min. {self.min_freq.value} uses; voices: side {self.side.value or 'none named'}, "
                f"speaker {self.speaker.value} (run the notebook to use the controls)")

    # -- observers --

    def _announce(self, *views: str) -> None:
        """Put what ``views`` now show in the live region (read out once the user pauses)."""
        said = " ".join(self.news[v] for v in views if v in self.news)
        self.status.value = f'<p class="fl-sr" role="status" aria-live="polite">{html.escape(said)}</p>'

    def _on_selection(self, change=None) -> None:
        if not self._busy:
            self.update_selection_views()
            self._announce("selection")

    def _on_source(self, change=None) -> None:
        source = self.source.value
        if source in self.tables.categories:
            self._busy = True
            try:
                options = self.tables.categories[source]
                if list(self.category.options) != options:
                    self.category.options = options
                    self.category.value = options[0]
            finally:
                self._busy = False
        self.update_enabled()
        self.update_selection_views()
        self._announce("selection")

    def _on_article(self, change=None) -> None:
        self._busy = True
        try:
            self.sentence.options = sentence_options(self.tables, self.article.value)
            self.sentence.value = 0
        finally:
            self._busy = False
        self.update_enabled()
        self.update_tellings()
        self.update_keyness()
        self._announce("tellings", "keyness")

    def _on_sentence(self, change=None) -> None:
        if not self._busy:
            self.update_tellings()
            self._announce("tellings")

    def _on_keyness(self, change=None) -> None:
        self.update_enabled()
        self.update_keyness()
        self._announce("keyness")

    def _on_find(self, change=None) -> None:
        """Narrow a long dropdown to what its search box holds (the current choice stays)."""
        self._busy = True
        try:
            for box, control, options, fixed in ((self.find_article, self.article, self._article_options, 0),
                                                 (self.find_other, self.other, self._other_options, 1),
                                                 (self.find_speaker, self.speaker, self._speaker_options, 1)):
                if change is None or change["owner"] is box:
                    narrowed = search_options(options, box.value, control.value, fixed=fixed)
                    if list(control.options) != narrowed:
                        control.options = narrowed
        finally:
            self._busy = False

    def _on_side(self, change=None) -> None:
        self._busy = True
        try:
            self._speaker_options = speaker_options(self.tables, self.side.value)
            self.speaker.options = search_options(self._speaker_options, "", ALL, fixed=1)
            self.find_speaker.value = ""
            self.speaker.value = ALL
        finally:
            self._busy = False
        self.update_voices()
        self._announce("voices")

    def _on_voices(self, change=None) -> None:
        if not self._busy:
            self.update_voices()
            self._announce("voices")

    # -- enabled state and hint --

    def update_enabled(self) -> None:
        """Disable the controls that make no sense with the others, and say why in ``hint``."""
        hints = []
        word = self.source.value == "word"
        self.term.disabled = not word
        self.category.disabled = word
        if word:
            self.category.tooltip = "Category applies to a frame dimension or lexicon category."
            hints.append("Category is off while Source is “word or phrase”: choose “frame dimension” or "
                         "“lexicon category” to use it.")
        else:
            self.term.tooltip = "Term applies when Source is “word or phrase”."
            hints.append(f"Term is off while Source is “{SOURCES[self.source.value]}”: the views show every "
                         "term of the category. Choose “word or phrase” to type your own.")
        single = len(self.tables.ids) < 2
        self.other.disabled = single
        self.sentence.disabled = single
        if single:
            hints.append("Keyness and Tellings need at least two articles; this corpus has one.")
        elif self.other.value == self.article.value:
            hints.append(f"Keyness: article {self.article.value} compared with itself has no key words; "
                         "pick another article or “rest”.")
        no_quotes = self.tables.quotes.empty
        self.side.disabled = no_quotes
        self.speaker.disabled = no_quotes
        if no_quotes:
            hints.append("Side and Speaker are off: this corpus has no quotations.")
        self.hint.value = '<span class="fl-hint-text">' + " ".join(html.escape(h) for h in hints) + "</span>"

    # -- views --

    def selection(self) -> tuple[dict[str, int], list[str], pd.DataFrame]:
        """(hits per article, concordance columns, concordance lines) of the current selection, cached."""
        source = self.source.value
        key = (source, normalize_term(self.term.value).lower() if source == "word" else self.category.value)
        if key not in self._hits_cache:
            if source == "word":
                counts = term_counts(self.tables, self.term.value)
                columns = concordance_columns(self.tables, counts)
                hits = term_hits(self.tables, self.term.value, columns)
            else:
                matches = category_matches(self.tables, source, self.category.value)
                found = Counter(matches["article"])
                counts = {article_id: found.get(article_id, 0) for article_id in self.tables.ids}
                columns = concordance_columns(self.tables, counts)
                hits = category_hits(self.tables, matches, columns)
            self._hits_cache[key] = (counts, columns, hits)
        return self._hits_cache[key]

    def update_selection_views(self) -> None:
        """Re-render Bars and Concordance from the term, source and category controls."""
        source = self.source.value
        if source == "word" and not normalize_term(self.term.value):
            message = _empty("Type a word or phrase in Term to see how often each article uses it.")
            self._results["bars"] = bar_values(self.tables, {})
            self._results["concordance"] = pd.DataFrame(columns=HITS_COLUMNS)
            self.bars.value = self.concordance.value = message
            self.news["selection"] = "Bars and Concordance: type a word or phrase in Term."
            return
        counts, columns, hits = self.selection()
        what = describe_selection(source, self.term.value, self.category.value)
        values = bar_values(self.tables, counts)
        self._results["bars"], self._results["concordance"] = values, hits
        self.bars.value = render_bars(values, what)
        self.concordance.value = render_concordance(hits, self.tables, what, columns, counts)
        used = sum(1 for count in counts.values() if count)
        self.news["selection"] = (f"Bars and Concordance now show {what}: {sum(counts.values())} matches "
                                  f"in {used} of {len(self.tables.ids)} articles.")

    def update_tellings(self) -> None:
        """Re-render Tellings from the article and sentence controls."""
        article, sentence = self.article.value, self.sentence.value
        self.news["tellings"] = f"Tellings: article {article} has no sentences."
        if not self.tables.sentences[article]:
            self._results["tellings"] = pd.DataFrame(columns=TELLING_COLUMNS)
            self.tellings.value = _empty(f"Article {article} has no sentences.")
            return
        key = (article, sentence)
        if key not in self._tellings_cache:
            self._tellings_cache[key] = tellings(self.tables, article, sentence)
        table = self._tellings_cache[key]
        self._results["tellings"] = table
        self.tellings.value = render_tellings(table, self.tables, article, sentence)
        told = int((table["kind"] != "unique").sum()) if not table.empty else 0
        self.news["tellings"] = (f"Tellings now shows article {article}, sentence {sentence}: "
                                 f"{told} other articles tell it.")

    def update_voices(self) -> None:
        """Re-render Voices from the side and speaker controls."""
        side, speaker = self.side.value, self.speaker.value
        ledger, quotes = voices_rows(self.tables, side, speaker)
        self._results["voices"] = quotes
        self._results["ledger"] = ledger
        if self.tables.quotes.empty:
            self.voices.value = _empty("No article of this corpus quotes anyone (no quotation marks found).")
            return
        what = []
        if speaker != ALL:
            what.append(f"by {speaker}")
        if side != ALL:
            what.append("without a named speaker" if side == "" else f"from the {side} side")
        self.voices.value = render_voices(ledger, quotes, " ".join(what) or "in this corpus")
        self.news["voices"] = f"Voices now shows {len(quotes)} quotations {' '.join(what) or 'in this corpus'}."

    def keyness_source(self) -> pd.DataFrame | None:
        """The full keyness table of the chosen (article, other) pair, cached; None when there is none.

        Override it to change what the Keyness view ranks (the exercises add a stop-word filter).
        """
        article, other = self.article.value, self.other.value
        if len(self.tables.ids) < 2 or other == article:
            return None
        key = (article, other)
        if key not in self._keyness_cache:
            self._keyness_cache[key] = keyness_table(self.tables, article, other)
        return self._keyness_cache[key]

    def update_keyness(self) -> None:
        """Re-render the Keyness view from the article, other, measure and min_freq controls."""
        article, other = self.article.value, self.other.value
        empty = pd.DataFrame(columns=["term"])
        self.news["keyness"] = "Keyness has no key words to show; the view says why."
        if len(self.tables.ids) < 2:
            self._results["keyness"] = empty
            self.keyness.value = _empty("Keyness compares an article with others; this corpus has only one article.")
            return
        if other == article:
            self._results["keyness"] = empty
            self.keyness.value = _empty(f"Article {article} compared with itself has no key words: "
                                        "pick another article or “rest” in “against”.")
            return
        try:
            table = self.keyness_source()
        except CompareError as error:  # e.g. an article without words
            self._results["keyness"] = empty
            self.keyness.value = _empty(str(error))
            return
        rows = keyness_rows(table, self.measure.value, self.min_freq.value)
        self._results["keyness"] = rows
        reference = "the rest of the corpus" if other == REST else other
        self.keyness.value = render_keyness(rows, self.measure.value, article, reference, self.min_freq.value)
        self.news["keyness"] = f"Keyness now shows {len(rows)} key words of {article} against {reference}."

    def add_view(self, title: str, view: widgets.Widget) -> None:
        """Add a tab called ``title`` holding ``view`` after the five built-in ones.

        >>> explorer = FramingExplorer()
        >>> explorer.add_view("Notes", widgets.HTML("<p>notes</p>"))
        >>> explorer.tabs.titles[-1], len(explorer.tabs.children)
        ('Notes', 6)
        """
        titles = tuple(self.tabs.titles)
        self.tabs.children = (*self.tabs.children, view)
        self.tabs.titles = (*titles, title)
