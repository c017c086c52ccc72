"""The Framing Explorer: one ipywidgets dashboard over any corpus (chapter 09).

Chapters 02-08 taught the techniques; this package wires their tested
functions to widgets. Every view's content comes from a plain function
(:func:`term_hits`, :func:`bar_values`, :func:`tellings`,
:func:`voices_rows`, :func:`keyness_rows` and their ``render_*`` HTML
partners), so the logic is tested without a browser, and
:class:`FramingExplorer` only connects controls to views with ``observe``.

Modules: ``tables`` (names shared by all, :class:`CorpusTables` computed once per corpus,
:func:`start_term`), ``bars``, ``concordance``, ``tellings``, ``voices_view`` and
``keyness_view`` (one view each: its data and its HTML), ``controls`` (dropdown options and
their search), ``markup`` (HTML helpers, stylesheet) and ``dashboard`` (:class:`FramingExplorer`).
Everything public is importable from ``framelab.explorer``.

>>> explorer = FramingExplorer()
>>> explorer.term.value  # the start term: see start_term for the rule
'troops'
>>> explorer.results["bars"]["per_1000"].round(2).tolist()
[13.75, 12.29, 4.41, 24.39, 7.87]
>>> explorer.term.value = "zeppelin"
>>> "No article uses" in explorer.bars.value
True

What is computed when (nothing twice):

* at construction (:class:`CorpusTables`, behind a progress bar for a corpus of
  :data:`PROGRESS_FROM` articles or more, shown only after 2 s): each article's sentences, their
  lower-case word tokens (one tokenization serves the word counts, the
  lexicon matches, the content words of chapter 05's alignment and the word
  counts for keyness), the matches of the frame, hedge and reporting-verb
  lexicons, every quotation with its speaker (chapter 06), and an index of
  the whole words of each body (:func:`word_index`) so that a typed word is
  counted in 1,000 articles without searching their text;
* on first use, then cached on the object: the hits of a typed term or a
  category, the keyness table of an (article, other) pair, the counterparts
  of a sentence. A control change re-renders only the views that depend on
  it, from cached tables;
* nothing is drawn in the constructor: the views are filled when the explorer
  is displayed, on :meth:`FramingExplorer.refresh`, or when code first reads a
  view or ``results``. A subclass can add a control after ``super().__init__()``.

DOM contract (the browser tests rely on it; keep it)
----------------------------------------------------

``FramingExplorer(corpus=None).widget`` is the top-level ``ipywidgets.VBox``
(class ``fl-explorer``); the object displays itself by delegating
``_repr_mimebundle_`` to it (its ``text/plain`` is a stable one-line
summary, no model id). ``corpus`` is a list of articles
(:func:`framelab.load_corpus`), a folder, or None for the five seeds; a
wrong type or an empty corpus raises :class:`ExplorerError` (a
``FramelabError``). Controls are public attributes, each with a CSS class
(``widget.add_class``):

* ``term``: Text, ``fl-term``, placeholder "type a word or phrase" (a final
  ``*`` matches any ending: ``inva*``); disabled unless ``source`` is "word";
  it starts with :func:`start_term` of the corpus.
* ``source``: Dropdown, ``fl-source``, values ``"word"`` (word or phrase),
  ``"frame"`` (frame dimension), ``"lexicon"`` (lexicon category).
* ``category``: Dropdown, ``fl-category``, a frame dimension or a lexicon
  category ("hedges", "boosters", "reporting verbs (all)", "reporting verbs:
  doubt", …); disabled while ``source`` is "word".
* ``article``: Dropdown, ``fl-article``, an article id (values; labels from the
  catalog, "000 · Summary citing CNN"), for Tellings and Keyness.
* ``other``: Dropdown, ``fl-other``, ``"rest"`` or an article id (Keyness).
* ``find_article``, ``find_other``, ``find_speaker``: Text, ``fl-find-article``,
  ``fl-find-other``, ``fl-find-speaker``: search boxes, in the page only when
  the list they search is longer than :data:`MAX_LISTED`; typing narrows the
  dropdown next to them to the matching labels (:func:`search_options`).
* ``measure``: Dropdown, ``fl-measure``, ``"g2"``, ``"log_ratio"`` or ``"log_odds_z"``.
* ``min_freq``: BoundedIntText, ``fl-min-freq``, fewest uses (target + reference), 1-20,
  default 3; a number box labelled "Min. uses" (``<label for>``, so screen readers name it in
  JupyterLab and Voilà alike, unlike a slider's unnamed handle), updated as it is typed or stepped.
* ``sentence``: Dropdown, ``fl-sentence``, a sentence index of ``article``
  (reset to 0 when the article changes).
* ``side``: Dropdown, ``fl-side``, ``"all"``, a side ("US", "Russia", …) or
  ``""`` (no speaker named).
* ``speaker``: Dropdown, ``fl-speaker``, ``"all"`` or a speaker of that side.

Views are ``ipywidgets.HTML`` (no matplotlib per update), all text escaped
with ``html.escape``:

* ``bars`` (``fl-bars``): one ``<div class="fl-bar" data-article="000"
  data-value="7.31" data-count="4">`` per article in corpus order, label and
  value as text (beyond :data:`MAX_BARS` articles, the highest ones and a note).
* ``concordance`` (``fl-concordance``): one ``<div class="fl-kwic-col"
  data-article="000">`` per article (beyond :data:`MAX_COLUMNS` articles,
  the first ones with a match), lines ``<div class="fl-kwic-line">`` with
  the match in ``<mark>``; an article without a match holds ``<div
  class="fl-kwic-none">``.
* ``tellings`` (``fl-tellings``): the chosen sentence, then one ``<div
  class="fl-telling" data-article="001" data-kind="paraphrase"
  data-score="0.52">`` per other article, added words in ``<ins>``, dropped
  ones in ``<del>``, renamed ones in ``<span class="fl-renamed">``.
* ``voices`` (``fl-voices``): the ledger as ``<tr class="fl-voice-row"
  data-speaker="John Kirby" data-side="US">`` rows, then the quotations,
  ``<div class="fl-quote" data-article="000" data-speaker="..." data-side="...">``.
* ``keyness`` (``fl-keyness``): rows ``<tr class="fl-key-row" data-term="...">``.
* ``hint`` (``fl-hint``): one line saying why controls are disabled.
* ``status`` (``fl-status``): a visually hidden ``aria-live="polite"`` line
  that tells a screen reader what the views now show after each control change.

When Bars, Concordance, Voices or Keyness has nothing to show, it holds only
``<p class="fl-empty">…</p>`` saying so in words (no bars, no columns, no
rows); Tellings keeps the chosen sentence and adds that paragraph when
no other article tells it. The views sit in an ``ipywidgets.Tab``
(``tabs``, class ``fl-tabs``) titled exactly "Bars", "Concordance",
"Tellings", "Voices", "Keyness"; the source / term / category row, the
article row and the hint stay above the tabs, the other controls are in
their tab. ``results`` maps each view name to the ``DataFrame`` it shows.
"""

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
from framelab.explorer.dashboard import FramingExplorer
from framelab.explorer.keyness_view import keyness_rows, keyness_table, render_keyness
from framelab.explorer.markup import BAR_COLOUR, STYLE
from framelab.explorer.tables import (
    ALL,
    BAR_COLUMNS,
    DEFAULT_MIN_FREQ,
    HITS_COLUMNS,
    MAX_BARS,
    MAX_COLUMNS,
    MAX_LINES,
    MAX_TELLINGS,
    MEASURES,
    PROGRESS_FROM,
    REST,
    SOURCES,
    START_CANDIDATES,
    TELLING_COLUMNS,
    TOP_KEYWORDS,
    VIEWS,
    VOICE_COLUMNS,
    WIDTH,
    CorpusTables,
    ExplorerError,
    check_corpus,
    nearest_articles,
    start_term,
    word_index,
)
from framelab.explorer.tellings import join_tokens, render_changes, render_tellings, tellings, word_changes
from framelab.explorer.voices_view import render_voices, voices_rows

__all__ = [
    "ALL", "BAR_COLOUR", "BAR_COLUMNS", "DEFAULT_MIN_FREQ", "HITS_COLUMNS", "MAX_BARS", "MAX_COLUMNS", "MAX_LINES",
    "MAX_LISTED", "MAX_TELLINGS", "MEASURES", "PROGRESS_FROM", "REST", "SOURCES", "START_CANDIDATES", "STYLE",
    "TELLING_COLUMNS", "TOP_KEYWORDS", "VIEWS", "VOICE_COLUMNS", "WIDTH", "CorpusTables", "ExplorerError",
    "FramingExplorer", "article_options", "bar_values", "category_hits", "category_matches", "check_corpus",
    "concordance_columns", "describe_selection", "join_tokens", "keyness_rows", "keyness_table", "nearest_articles",
    "normalize_term", "other_options", "render_bars", "render_changes", "render_concordance", "render_keyness",
    "render_tellings", "render_voices", "search_options", "sentence_options", "side_options", "speaker_options",
    "start_term", "tellings", "term_counts", "term_hits", "voices_rows", "word_changes", "word_index",
]
