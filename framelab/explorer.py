"""The Framing Explorer: one ipywidgets dashboard over a corpus (chapter 09).

Chapters 02-08 taught the techniques; this module wires their tested
functions to widgets. Every view's content comes from a plain function of
this module (:func:`term_hits`, :func:`bar_values`, :func:`tellings`,
:func:`voices_rows`, :func:`keyness_rows` and their ``render_*`` HTML
partners), so the logic is tested without a browser, and
:class:`FramingExplorer` only connects controls to views with ``observe``.

>>> explorer = FramingExplorer()
>>> explorer.term.value = "troops"
>>> explorer.results["bars"]["per_1000"].round(2).tolist()
[13.75, 12.29, 4.41, 24.39, 7.87]
>>> explorer.term.value = "zeppelin"
>>> "No article uses" in explorer.bars.value
True

What is computed when (nothing twice):

* at construction (:class:`CorpusTables`): each article's sentences, their
  lower-case word tokens (one tokenization serves the word counts, the
  lexicon matches, the content words of chapter 05's alignment and the word
  counts for keyness), the matches of the frame, hedge and reporting-verb
  lexicons, and every quotation with its speaker (chapter 06);
* on first use, then cached on the object: the hits of a typed term or a
  category, the keyness table of an (article, other) pair, the counterparts
  of a sentence. A control change re-renders only the views that depend on
  it, from cached tables.

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
  ``*`` matches any ending: ``inva*``); disabled unless ``source`` is "word".
* ``source``: Dropdown, ``fl-source``, values ``"word"`` (word or phrase),
  ``"frame"`` (frame dimension), ``"lexicon"`` (lexicon category).
* ``category``: Dropdown, ``fl-category``, a frame dimension or a lexicon
  category ("hedges", "boosters", "reporting verbs (all)", "reporting verbs:
  doubt", …); disabled while ``source`` is "word".
* ``article``: Dropdown, ``fl-article``, an article id (values; labels
  "000 · Summary citing CNN"), for Five tellings and Keyness.
* ``other``: Dropdown, ``fl-other``, ``"rest"`` or an article id (Keyness).
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
rows); Five tellings keeps the chosen sentence and adds that paragraph when
no other article tells it. The views sit in an ``ipywidgets.Tab``
(``tabs``, class ``fl-tabs``) titled exactly "Bars", "Concordance", "Five
tellings", "Voices", "Keyness"; the source / term / category row, the
article row and the hint stay above the tabs, the other controls are in
their tab. ``results`` maps each view name to the ``DataFrame`` it shows.
"""

from __future__ import annotations

import difflib
import html
import re
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import ipywidgets as widgets
import numpy as np
import pandas as pd

from framelab.compare import CompareError, keyness, similarity_matrix
from framelab.corpus import load_corpus
from framelab.errors import FramelabError
from framelab.frames import PER, concordance, dimensions, frame_lexicon, hedge_lexicon, match_terms, term_pattern
from framelab.lexicons import stop_words
from framelab.reuse import PARAPHRASE, VERBATIM, best_match, match_kind
from framelab.text import sentence_spans, sentence_words, tokenize_sentence
from framelab.text import words as text_words
from framelab.validators import article_list, is_whole_number, whole_number
from framelab.voices import UNATTRIBUTED, find_quotations, reporting_verbs

#: Views, in tab order, with their tab titles.
VIEWS = {"bars": "Bars", "concordance": "Concordance", "tellings": "Five tellings", "voices": "Voices", "keyness": "Keyness"}
#: Sources of a selection: a typed word or phrase, a frame dimension, a lexicon category.
SOURCES = {"word": "word or phrase", "frame": "frame dimension", "lexicon": "lexicon category"}
#: Keyness measures (columns of :func:`framelab.compare.keyness`) and their names.
MEASURES = {"g2": "G² (log-likelihood)", "log_ratio": "log ratio", "log_odds_z": "log-odds z"}
#: Characters of context either side of a concordance match.
WIDTH = 40
#: At most this many bars; a larger corpus shows its highest values.
MAX_BARS = 30
#: At most this many concordance columns, and lines per column.
MAX_COLUMNS = 8
MAX_LINES = 25
#: At most this many counterparts in Five tellings (the best-scoring ones).
MAX_TELLINGS = 8
#: Rows of the keyness table.
TOP_KEYWORDS = 20
#: Default selection.
DEFAULT_TERM = "troops"
DEFAULT_MIN_FREQ = 3
ALL = "all"
REST = "rest"
BAR_COLOUR = "#0072B2"  # Okabe-Ito blue, colour-blind safe
#: The explorer's stylesheet: text ≥ 14 px for a projector (ipywidgets' default is 13 px), keyness
#: headers padded and wrapped, and ``fl-sr`` text hidden from the eye but read by screen readers
#: (the usual "visually hidden" pattern, as in Bootstrap's ``.visually-hidden``).
STYLE = (".fl-explorer{--jp-widgets-font-size:14px;font-size:14px}"
         ".fl-explorer .widget-html-content,.fl-explorer .widget-label,.fl-explorer .lm-TabBar-tab{font-size:14px}"
         ".fl-key-table{border-collapse:collapse}.fl-key-table th,.fl-key-table td{padding:0.25em 0.75em}"
         ".fl-key-table th{white-space:normal;vertical-align:bottom;text-align:left;max-width:8em;line-height:1.3}"
         ".fl-sr{position:absolute;width:1px;height:1px;margin:-1px;padding:0;overflow:hidden;"
         "clip:rect(0,0,0,0);white-space:nowrap;border:0}"
         ".fl-explorer .fl-status{min-height:0;height:0;margin:0}.fl-explorer .fl-style{display:none}"
         # inactive tab labels: ipywidgets' --jp-ui-font-color2 on --jp-layout-color2 is 4.45:1, below WCAG AA
         ".fl-explorer .jupyter-widget-tab>.lm-TabBar .lm-TabBar-tab{color:var(--jp-ui-font-color1)}")

HITS_COLUMNS = ["article", "sentence", "start", "left", "match", "right", "term"]
BAR_COLUMNS = ["article", "label", "count", "words", "per_1000"]
TELLING_COLUMNS = ["other", "match", "match_text", "score", "kind", "added", "dropped", "renamed", "changes"]
VOICE_COLUMNS = ["article", "speaker", "side", "verb", "text", "words"]


class ExplorerError(FramelabError):
    """A corpus or a selection the explorer cannot use; the message says what to do."""


# --- the corpus, prepared once ------------------------------------------------------


def _lexicon_categories() -> dict[str, tuple[str, str | None]]:
    """Lexicon category label -> (lexicon name, category or None for every category)."""
    groups = sorted(set(reporting_verbs().values()))
    return {
        "hedges": ("hedges", "hedge"),
        "boosters": ("hedges", "booster"),
        "reporting verbs (all)": ("reporting", None),
        **{f"reporting verbs: {group}": ("reporting", group) for group in groups},
    }


def check_corpus(corpus: object) -> list:
    """The corpus as a list of articles, or an :class:`ExplorerError` saying what is wrong.

    ``None`` loads the five seed articles; a folder (``str`` or ``Path``) is
    loaded with :func:`framelab.load_corpus`.

    >>> len(check_corpus(None))
    5
    >>> check_corpus([])
    Traceback (most recent call last):
    ...
    framelab.explorer.ExplorerError: corpus is empty: pass at least one article, e.g. framelab.load_corpus().
    >>> check_corpus({"a": "text"})
    Traceback (most recent call last):
    ...
    framelab.explorer.ExplorerError: corpus must be a list of articles, e.g. framelab.load_corpus(), not dict.
    """
    if corpus is None:
        return load_corpus()
    if isinstance(corpus, (str, Path)):
        return load_corpus(corpus)
    return article_list(corpus, error=ExplorerError)


def _a(noun: str) -> str:
    return f"{'an' if noun[:1].lower() in 'aeiou' else 'a'} {noun}"


@dataclass
class CorpusTables:
    """Everything the views read, computed once per corpus (see :meth:`build`).

    ``sentences[id]``: the article's sentences; ``offsets[id]``: where each
    starts in the body; ``tokens[id]``: each sentence's lower-case word
    tokens; ``content[id]``: each sentence's content words (chapter 05);
    ``words``: word tokens per article; ``counts``: word counts per article
    (a ``Counter``), ``total``: all articles' counts added; ``matches``: every
    lexicon match (``lexicon``, ``article``, ``sentence``, ``position``,
    ``term``, ``category``); ``quotes``: every quotation (:data:`VOICE_COLUMNS`).
    """

    ids: list[str]
    labels: dict[str, str]
    bodies: dict[str, str]
    sentences: dict[str, list[str]]
    offsets: dict[str, list[int]]
    tokens: dict[str, list[list[str]]]
    content: dict[str, list[list[str]]]
    words: dict[str, int]
    counts: dict[str, Counter]
    total: Counter
    matches: pd.DataFrame
    quotes: pd.DataFrame
    categories: dict[str, list[str]] = field(default_factory=dict)
    nearest: dict[str, list[str]] = field(default_factory=dict)

    @classmethod
    def build(cls, corpus: Sequence) -> CorpusTables:
        """Prepare a checked corpus (see :func:`check_corpus`).

        >>> tables = CorpusTables.build(load_corpus())
        >>> tables.words["003"], len(tables.sentences["003"]), tables.categories["lexicon"][:2]
        (410, 15, ['hedges', 'boosters'])
        """
        stop = stop_words()
        ids = [article.id for article in corpus]
        sentences, offsets, tokens, content, counts = {}, {}, {}, {}, {}
        for article in corpus:
            spans = sentence_spans(article.body)
            found = [article.body[start:end] for start, end in spans]
            sentences[article.id] = found
            offsets[article.id] = [start for start, _ in spans]
            tokens[article.id] = [sentence_words(sentence) for sentence in found]
            content[article.id] = [[w for w in words if w not in stop] for words in tokens[article.id]]
            counts[article.id] = Counter(w for words in tokens[article.id] for w in words)
        total: Counter = Counter()
        for table in counts.values():
            total.update(table)
        lexicons = {"frames": frame_lexicon(), "hedges": hedge_lexicon(), "reporting": reporting_verbs()}
        rows = []
        for article_id in ids:
            # One match_terms call per article and lexicon: the sentences joined by "", a token no
            # term holds, so no match crosses a sentence end (the same matches as sentence by sentence).
            joined, where = [], []
            for index, words in enumerate(tokens[article_id]):
                joined.extend(words)
                joined.append("")
                where.extend((index, position) for position in range(len(words) + 1))
            for name, lexicon in lexicons.items():
                for position, term, category in match_terms(joined, lexicon):
                    rows.append((name, article_id, *where[position], term, category))
        matches = pd.DataFrame(rows, columns=["lexicon", "article", "sentence", "position", "term", "category"])
        quotes = [
            (article.id, quote.speaker or UNATTRIBUTED, quote.side, quote.verb, quote.text,
             len(text_words(quote.text)))  # as framelab.voices.attribution_ledger counts them
            for article in corpus
            for quote in find_quotations(article.body, article.id)[0]
        ]
        return cls(
            ids=ids,
            labels={article.id: (getattr(article, "label", "") or article.id) for article in corpus},
            bodies={article.id: article.body for article in corpus},
            sentences=sentences,
            offsets=offsets,
            tokens=tokens,
            content=content,
            words={article_id: sum(map(len, tokens[article_id])) for article_id in ids},
            counts=counts,
            total=total,
            matches=matches,
            quotes=pd.DataFrame(quotes, columns=VOICE_COLUMNS),
            categories={"frame": dimensions(), "lexicon": list(_lexicon_categories())},
            nearest=nearest_articles(counts, MAX_TELLINGS) if len(ids) > MAX_TELLINGS + 1 else {},
        )


def nearest_articles(counts: Mapping[str, Counter], k: int) -> dict[str, list[str]]:
    """For each article, the ``k`` others most similar to it (TF-IDF cosine, chapter 04), most similar first.

    Articles without words have no neighbours. Ties go to corpus order.

    >>> nearest_articles({"a": Counter("xxy"), "b": Counter("xyz"), "c": Counter("zzw")}, 1)
    {'a': ['b'], 'b': ['a'], 'c': ['b']}
    """
    usable = {article_id: table for article_id, table in counts.items() if sum(table.values())}
    found: dict[str, list[str]] = {article_id: [] for article_id in counts}
    if len(usable) < 2:
        return found
    try:
        similarity = similarity_matrix(usable)
    except CompareError:  # a word-for-word repeated corpus: every TF-IDF weight is 0
        similarity = similarity_matrix(usable, weighting="counts")
    values = similarity.to_numpy(copy=True)
    np.fill_diagonal(values, -1.0)
    order = np.argsort(-values, axis=1, kind="stable")[:, :k]
    labels = list(usable)
    for row, article_id in enumerate(labels):
        found[article_id] = [labels[column] for column in order[row]]
    return found


# --- Bars and Concordance: hits of a selection ---------------------------------------


def normalize_term(term: object) -> str:
    """A typed term with its spaces tidied (what the views look for); refuses non-strings.

    >>> normalize_term("  Russian   threat ")
    'Russian threat'
    """
    if not isinstance(term, str):
        raise ExplorerError(f"term should be a word or phrase (a string), not {_a(type(term).__name__)}.")
    return " ".join(term.split())


def term_counts(tables: CorpusTables, term: str) -> dict[str, int]:
    """How often each article uses a typed word or phrase (0 included), in corpus order.

    Matching is that of :func:`framelab.frames.concordance` (same pattern:
    case ignored, whole words, any spaces inside a phrase, ``*`` ending a
    prefix), so the counts equal its number of lines per article. An empty
    term counts 0 everywhere.

    >>> tables = CorpusTables.build(load_corpus())
    >>> term_counts(tables, "Kirby")
    {'000': 4, '001': 4, '002': 1, '003': 6, '004': 0}
    """
    term = normalize_term(term)
    if not term:
        return {article_id: 0 for article_id in tables.ids}
    pattern = term_pattern(term)
    return {article_id: len(pattern.findall(tables.bodies[article_id])) for article_id in tables.ids}


@dataclass(frozen=True)
class _Body:
    id: str
    body: str


def term_hits(tables: CorpusTables, term: str, articles: Sequence[str] | None = None, width: int = WIDTH) -> pd.DataFrame:
    """Concordance lines of a typed word or phrase in ``articles`` (default: all), from :func:`framelab.frames.concordance`.

    Columns :data:`HITS_COLUMNS` (``sentence`` is -1: a phrase is found in
    the body, not sentence by sentence); rows in corpus and text order.

    >>> tables = CorpusTables.build(load_corpus())
    >>> term_hits(tables, "Russian threat")[["article", "match"]].values.tolist()
    [['002', 'Russian threat']]
    """
    term = normalize_term(term)
    chosen = tables.ids if articles is None else list(articles)
    if not term or not chosen:
        return pd.DataFrame(columns=HITS_COLUMNS)
    found = concordance([_Body(article_id, tables.bodies[article_id]) for article_id in chosen], term, width=width)
    found.insert(1, "sentence", -1)
    found["term"] = term.lower()
    return found[HITS_COLUMNS].reset_index(drop=True)


def category_matches(tables: CorpusTables, source: str, category: str) -> pd.DataFrame:
    """The lexicon matches of a frame dimension (``source="frame"``) or lexicon category (``"lexicon"``).

    Rows of ``tables.matches``: those of :func:`framelab.frames.match_terms`
    (longest term wins, within a sentence), so per article they count what
    :func:`framelab.frames.frame_profiles` and ``hedge_rates`` count.

    >>> tables = CorpusTables.build(load_corpus())
    >>> category_matches(tables, "lexicon", "hedges")["article"].value_counts().sort_index().tolist()
    [6, 6, 11, 6, 7]
    """
    if source not in ("frame", "lexicon") or category not in tables.categories.get(source, []):
        options = ", ".join(repr(name) for name in tables.categories.get(source, []))
        raise ExplorerError(
            f"category {category!r} is not a {SOURCES.get(source, source)}. "
            + (f"Use one of: {options}." if options else "Use source 'frame' or 'lexicon'.")
        )
    matches = tables.matches
    if source == "frame":
        chosen = matches[(matches["lexicon"] == "frames") & (matches["category"] == category)]
    else:
        lexicon, group = _lexicon_categories()[category]
        chosen = matches[matches["lexicon"] == lexicon]
        if group is not None:
            chosen = chosen[chosen["category"] == group]
    return chosen.reset_index(drop=True)


def category_hits(tables: CorpusTables, matches: pd.DataFrame, articles: Sequence[str] | None = None,
                  width: int = WIDTH) -> pd.DataFrame:
    """Concordance lines of lexicon ``matches`` (from :func:`category_matches`) in ``articles`` (default: all).

    Each match is found in its sentence as written, for ``width`` characters
    of context from the body either side; columns :data:`HITS_COLUMNS`.

    >>> tables = CorpusTables.build(load_corpus())
    >>> hits = category_hits(tables, category_matches(tables, "frame", "Economic"))
    >>> hits[["article", "term", "match"]].head(2).values.tolist()
    [['004', 'penalties', 'penalties'], ['004', 'sanctions', 'sanctions']]
    """
    if articles is not None:
        matches = matches[matches["article"].isin(list(articles))]
    rows = []
    seen: Counter = Counter()
    for article_id, index, position, term in matches[["article", "sentence", "position", "term"]].itertuples(index=False):
        sentence = tables.sentences[article_id][index]
        occurrence = seen[(article_id, index, term)]
        seen[(article_id, index, term)] += 1
        located = list(_phrase(term).finditer(sentence))
        body, base = tables.bodies[article_id], tables.offsets[article_id][index]
        if occurrence < len(located):
            match = located[occurrence]
            start, end = base + match.start(), base + match.end()
            rows.append((article_id, index, start, _flat(body[max(0, start - width) : start]),
                         _flat(body[start:end]), _flat(body[end : end + width]), term))
        else:  # the words are there, but not as written (e.g. split by odd punctuation): show the tokens
            words = tables.tokens[article_id][index]
            size = len(term.split())
            rows.append((article_id, index, base, " ".join(words[max(0, position - 6) : position]) + " ",
                         " ".join(words[position : position + size]),
                         " " + " ".join(words[position + size : position + size + 6]), term))
    return pd.DataFrame(rows, columns=HITS_COLUMNS)


def _phrase(term: str) -> re.Pattern[str]:
    parts = [re.escape(word).replace("'", "['’]") for word in term.split()]
    return re.compile(r"(?<!\w)" + r"\W+".join(parts) + r"(?!\w)", re.IGNORECASE)


def _flat(text: str) -> str:
    return re.sub(r"\s", " ", text)


def bar_values(tables: CorpusTables, counts: Mapping[str, int]) -> pd.DataFrame:
    """Hits per article and per 1,000 word tokens (:data:`BAR_COLUMNS`), one row per article in corpus order.

    ``counts`` maps article ids to hits (missing ids count 0). The word
    tokens are those of :func:`framelab.frames.word_counts`.

    >>> tables = CorpusTables.build(load_corpus())
    >>> bar_values(tables, {"000": 4, "003": 5})[["article", "count", "words", "per_1000"]].round(2).values.tolist()[:2]
    [['000', 4, 509, 7.86], ['001', 0, 814, 0.0]]
    """
    rows = []
    for article_id in tables.ids:
        n_words = tables.words[article_id]
        count = int(counts.get(article_id, 0))
        rows.append((article_id, tables.labels[article_id], count, n_words, count * PER / n_words if n_words else 0.0))
    return pd.DataFrame(rows, columns=BAR_COLUMNS)


def describe_selection(source: str, term: str, category: str) -> str:
    """How the views name the selection.

    >>> describe_selection("word", " Russian  threat", ""), describe_selection("frame", "", "Economic")
    ('“Russian threat”', 'the Economic frame')
    """
    if source == "word":
        return f"“{normalize_term(term)}”"
    if source == "frame":
        return f"the {category} frame"
    return category


def render_bars(values: pd.DataFrame, what: str, max_bars: int = MAX_BARS) -> str:
    """The Bars view: one ``fl-bar`` div per article, or an ``fl-empty`` sentence.

    >>> view = render_bars(pd.DataFrame([("000", "A", 2, 500, 4.0)], columns=BAR_COLUMNS), "“troops”")
    >>> '<div class="fl-bar" data-article="000" data-value="4.00" data-count="2">' in view
    True
    >>> render_bars(pd.DataFrame([("000", "A", 0, 500, 0.0)], columns=BAR_COLUMNS), "“zeppelin”")
    '<p class="fl-empty">No article uses “zeppelin”.</p>'
    """
    if values.empty or values["count"].sum() == 0:
        return _empty(f"No article uses {what}.")
    note = ""
    shown = values
    if len(values) > max_bars:
        shown = values.sort_values("per_1000", ascending=False, kind="stable").head(max_bars)
        note = f'\n<p class="fl-note">The {max_bars} highest of {len(values):,} articles.</p>'
    top = float(shown["per_1000"].max())
    lines = [f'<p class="fl-caption">{html.escape(what)}: uses per 1,000 words</p>']
    for row in shown.itertuples(index=False):
        width = 0.0 if row.per_1000 == 0 else max(0.5, 60 * row.per_1000 / top)
        lines.append(
            f'<div class="fl-bar" data-article="{_attr(row.article)}" data-value="{row.per_1000:.2f}" data-count="{row.count}">'
            f'<span class="fl-bar-label" style="display:inline-block;width:15em">{html.escape(_label(row.article, row.label))}</span>'
            f'<span class="fl-bar-fill" style="display:inline-block;height:0.9em;width:{width:.1f}%;'
            f'background:{BAR_COLOUR}"></span> '
            f'<span class="fl-bar-value">{row.per_1000:.2f}</span> '
            f'<span class="fl-bar-count">({row.count} in {row.words:,} words)</span></div>'
        )
    return "\n".join(lines) + note


def concordance_columns(tables: CorpusTables, counts: Mapping[str, int], max_columns: int = MAX_COLUMNS) -> list[str]:
    """The articles that get a concordance column: all of them, or beyond ``max_columns`` the first that have a hit.

    >>> tables = CorpusTables.build(load_corpus())
    >>> concordance_columns(tables, {"004": 1}), concordance_columns(tables, {"004": 1}, max_columns=2)
    (['000', '001', '002', '003', '004'], ['004'])
    """
    if len(tables.ids) <= max_columns:
        return list(tables.ids)
    return [article_id for article_id in tables.ids if counts.get(article_id, 0)][:max_columns]


def render_concordance(hits: pd.DataFrame, tables: CorpusTables, what: str, columns: Sequence[str],
                       counts: Mapping[str, int], max_lines: int = MAX_LINES) -> str:
    """The Concordance view: one ``fl-kwic-col`` per article of ``columns``, the match in ``<mark>``.

    >>> tables = CorpusTables.build(load_corpus())
    >>> counts = term_counts(tables, "Kirby")
    >>> view = render_concordance(term_hits(tables, "Kirby"), tables, "“Kirby”", tables.ids, counts)
    >>> view.count('class="fl-kwic-col"'), view.count('class="fl-kwic-line"'), view.count('class="fl-kwic-none"')
    (5, 15, 1)
    """
    total = sum(counts.values())
    if not total:
        return _empty(f"No article uses {what}.")
    by_article = {article_id: group for article_id, group in hits.groupby("article", sort=False)}
    parts = ['<div class="fl-kwic" style="display:flex;gap:0.8em;align-items:flex-start">']
    for article_id in columns:
        parts.append(f'<div class="fl-kwic-col" data-article="{_attr(article_id)}" style="flex:1;min-width:12em">')
        parts.append(f'<div class="fl-kwic-head"><b>{html.escape(_label(article_id, tables.labels[article_id]))}</b> '
                     f"({counts.get(article_id, 0)})</div>")
        group = by_article.get(article_id)
        if group is None or group.empty:
            parts.append('<div class="fl-kwic-none">no match</div>')
        else:
            for row in group.head(max_lines).itertuples(index=False):
                parts.append(f'<div class="fl-kwic-line">…{html.escape(row.left)}<mark>{html.escape(row.match)}</mark>'
                             f"{html.escape(row.right)}…</div>")
            more = counts.get(article_id, 0) - min(len(group), max_lines)
            if more > 0:
                parts.append(f'<div class="fl-kwic-more">and {more} more</div>')
        parts.append("</div>")
    parts.append("</div>")
    with_hits = sum(1 for value in counts.values() if value)
    shown = sum(1 for article_id in columns if counts.get(article_id, 0))
    if with_hits > shown:
        parts.append(f'<p class="fl-note">Columns for the first {shown} of the {with_hits:,} articles that use '
                     f"{html.escape(what)}.</p>")
    return "\n".join(parts)


# --- Five tellings --------------------------------------------------------------------


def tellings(tables: CorpusTables, article: str, sentence: int) -> pd.DataFrame:
    """A sentence's closest counterpart in every other article, as in chapter 05.

    Scores and kinds are those of :func:`framelab.reuse.align_sentences`
    (the same content words, the same matcher, ties to the earliest
    sentence). ``added`` and ``dropped`` count the tokens the counterpart
    adds or drops, ``renamed`` the runs it replaces; ``changes`` holds
    :func:`word_changes` itself.
    Rows: other articles in corpus order. In a corpus of more than
    :data:`MAX_TELLINGS` + 1 articles, only the :data:`MAX_TELLINGS` articles
    most similar to ``article`` are searched (``tables.nearest``).

    >>> tables = CorpusTables.build(load_corpus())
    >>> table = tellings(tables, "003", 8)
    >>> table[["other", "match", "kind"]].values.tolist()
    [['000', 8, 'verbatim'], ['001', 29, 'unique'], ['002', 19, 'unique'], ['004', 5, 'unique']]
    """
    _check_sentence(tables, article, sentence)
    words = tables.content[article][sentence]
    rows = []
    mine = tables.sentences[article][sentence]
    candidates = set(tables.nearest[article]) if tables.nearest else set(tables.ids)
    for other in tables.ids:
        if other == article or other not in candidates or not tables.sentences[other]:
            continue
        match, score = best_match(words, tables.content[other])
        text = tables.sentences[other][match]
        changes = word_changes(mine, text)
        rows.append((other, match, text, score, match_kind(score, VERBATIM, PARAPHRASE),
                     sum(len(new) for op, old, new in changes if op == "insert"),
                     sum(len(old) for op, old, new in changes if op == "delete"),
                     sum(1 for op, old, new in changes if op == "replace"), changes))
    return pd.DataFrame(rows, columns=TELLING_COLUMNS)


def _check_sentence(tables: CorpusTables, article: str, sentence: int) -> None:
    if article not in tables.sentences:
        raise ExplorerError(f"article {article!r} is not in the corpus. Use one of: {', '.join(tables.ids[:10])}.")
    count = len(tables.sentences[article])
    if not is_whole_number(sentence) or not 0 <= sentence < count:
        raise ExplorerError(
            f"sentence {sentence!r} does not exist in article {article!r}: pick a number from 0 to {count - 1}."
            if count else f"article {article!r} has no sentences."
        )


def word_changes(a: str, b: str) -> list[tuple[str, list[str], list[str]]]:
    """How sentence ``b`` retells sentence ``a``, word token by token (case ignored).

    Returns ``(op, a_tokens, b_tokens)`` runs with ``op`` one of ``"equal"``,
    ``"replace"`` (renamed), ``"delete"`` (dropped from ``a``), ``"insert"``
    (added in ``b``), from ``difflib.SequenceMatcher`` as in
    :func:`framelab.reuse.word_diff`.

    >>> [(op, old, new) for op, old, new in word_changes("Troops will go.", "Troops will soon go to Poland.") if op != "equal"]
    [('insert', [], ['soon']), ('insert', [], ['to', 'Poland'])]
    """
    first, second = tokenize_sentence(a), tokenize_sentence(b)
    matcher = difflib.SequenceMatcher(
        None, [t.lower() for t in first], [t.lower() for t in second], autojunk=False
    )
    return [(op, first[a1:a2], second[b1:b2]) for op, a1, a2, b1, b2 in matcher.get_opcodes()]


_NO_SPACE_BEFORE = re.compile(r"^(?:[.,;:!?)\]}%]|'s|'re|'ve|'ll|'d|'m|n't|')$", re.IGNORECASE)


def join_tokens(tokens: Sequence[str]) -> str:
    """Tokens back into readable text: no space before punctuation or clitics.

    >>> join_tokens(["Ukraine", "'s", "border", ",", "he", "said", "."])
    "Ukraine's border, he said."
    """
    text = ""
    for token in tokens:
        if text and not _NO_SPACE_BEFORE.match(token) and not text.endswith(("(", "[")):
            text += " "
        text += token
    return text


def _sr(text: str) -> str:
    return f'<span class="fl-sr">{html.escape(text)}</span>'


_SR_ADDED, _SR_REMOVED = _sr("added: "), _sr("removed: ")


def render_changes(changes: list[tuple[str, list[str], list[str]]]) -> str:
    """A counterpart sentence with what it added (``<ins>``), dropped (``<del>``) and renamed.

    Underline and strikethrough are not read aloud, so each change also starts with
    visually hidden text (``fl-sr``) saying "added:", "removed:" or "renamed from: … to:".

    >>> render_changes(word_changes("Troops go.", "Soldiers go now."))  # doctest: +NORMALIZE_WHITESPACE
    '<span class="fl-renamed" title="renamed"><del><span class="fl-sr">renamed from: </span>Troops</del>
     <ins><span class="fl-sr">to: </span>Soldiers</ins></span> go
     <ins class="fl-added"><span class="fl-sr">added: </span>now</ins> .'
    """
    parts = []
    for op, old, new in changes:
        if op == "equal":
            parts.append(html.escape(join_tokens(new)))
        elif op == "insert":
            parts.append(f'<ins class="fl-added">{_SR_ADDED}{html.escape(join_tokens(new))}</ins>')
        elif op == "delete":
            parts.append(f'<del class="fl-dropped">{_SR_REMOVED}{html.escape(join_tokens(old))}</del>')
        else:
            parts.append(
                f'<span class="fl-renamed" title="renamed"><del>{_sr("renamed from: ")}{html.escape(join_tokens(old))}'
                f'</del> <ins>{_sr("to: ")}{html.escape(join_tokens(new))}</ins></span>'
            )
    return " ".join(parts)


def render_tellings(table: pd.DataFrame, tables: CorpusTables, article: str, sentence: int,
                    max_tellings: int = MAX_TELLINGS) -> str:
    """The Five tellings view: the chosen sentence, then each other article's counterpart.

    >>> tables = CorpusTables.build(load_corpus())
    >>> view = render_tellings(tellings(tables, "003", 8), tables, "003", 8)
    >>> view.count('class="fl-telling"'), view.count('data-kind="verbatim"'), "<ins" in view
    (4, 1, True)
    """
    mine = tables.sentences[article][sentence]
    parts = [
        f'<div class="fl-telling-source" data-article="{_attr(article)}" data-sentence="{sentence}">'
        f"<b>{html.escape(_label(article, tables.labels[article]))}</b>, sentence {sentence}: "
        f"<q>{html.escape(mine)}</q></div>",
        '<p class="fl-legend"><ins>added</ins> · <del>dropped</del> · <del>old</del> <ins>new</ins> = renamed '
        f"(verbatim ≥ {VERBATIM}, paraphrase ≥ {PARAPHRASE}, below: no counterpart)</p>",
    ]
    if table.empty:
        return "\n".join(parts) + _empty("There is no other article to compare this sentence with.")
    shown = table.head(max_tellings)
    told = table[table["kind"] != "unique"]
    if told.empty:
        parts.append(_empty(f"No other article tells this sentence, even in other words "
                            f"(every closest sentence scores below {PARAPHRASE})."))
    for row in shown.itertuples(index=False):
        head = f"<b>{html.escape(_label(row.other, tables.labels[row.other]))}</b> — {row.kind} ({row.score:.2f})"
        if row.kind == "unique":
            body = (f'<p class="fl-none">{html.escape(row.other)} does not tell this sentence: its closest sentence '
                    f"({row.match}) scores {row.score:.2f}, below {PARAPHRASE}.</p>")
        else:
            body = (f'<div class="fl-telling-text">{render_changes(row.changes)}</div>'
                    f'<div class="fl-telling-summary">{row.added} added, {row.dropped} dropped, '
                    f"{row.renamed} renamed (sentence {row.match})</div>")
        parts.append(f'<div class="fl-telling" data-article="{_attr(row.other)}" data-kind="{row.kind}" '
                     f'data-score="{row.score:.2f}">{head}{body}</div>')
    if tables.nearest:
        parts.append(f'<p class="fl-note">Searched the {len(table)} articles most similar to {html.escape(article)} '
                     f"overall (TF-IDF cosine) of {len(tables.ids) - 1:,} others.</p>")
    return "\n".join(parts)


# --- Voices ----------------------------------------------------------------------------


def voices_rows(tables: CorpusTables, side: str = ALL, speaker: str = ALL) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(ledger, quotations) for a side (``"all"``, ``""`` for no speaker named) and a speaker.

    The ledger has the columns of :func:`framelab.voices.attribution_ledger`
    and the same rows, filtered; the quotations, :data:`VOICE_COLUMNS`.

    >>> tables = CorpusTables.build(load_corpus())
    >>> ledger, quotes = voices_rows(tables, side="Ukraine")
    >>> ledger[["article", "speaker", "quotations"]].values.tolist()
    [['001', 'Dmytro Kuleba', 2], ['004', 'Volodymyr Zelensky', 6]]
    """
    quotes = tables.quotes
    if side != ALL:
        quotes = quotes[quotes["side"] == side]
    if speaker != ALL:
        quotes = quotes[quotes["speaker"] == speaker]
    quotes = quotes.reset_index(drop=True)
    ledger = (
        quotes.groupby(["article", "speaker", "side"], sort=False)
        .agg(quotations=("text", "size"), quoted_words=("words", "sum"))
        .reset_index()
        .sort_values(["article", "quotations", "speaker"], ascending=[True, False, True], kind="stable")
        .reset_index(drop=True)
    )
    return ledger, quotes


def render_voices(ledger: pd.DataFrame, quotes: pd.DataFrame, what: str) -> str:
    """The Voices view: the filtered ledger as a table, then the quotations.

    >>> tables = CorpusTables.build(load_corpus())
    >>> view = render_voices(*voices_rows(tables, speaker="Alexander Grushko"), "by Alexander Grushko")
    >>> view.count('class="fl-voice-row"'), view.count('class="fl-quote"')
    (1, 2)
    """
    if quotes.empty:
        return _empty(f"No quotation {what}.")
    parts = ['<table class="fl-ledger"><thead><tr><th>article</th><th>speaker</th><th>side</th>'
             "<th>quotations</th><th>quoted words</th></tr></thead><tbody>"]
    for row in ledger.itertuples(index=False):
        parts.append(f'<tr class="fl-voice-row" data-speaker="{_attr(row.speaker)}" data-side="{_attr(row.side)}">'
                     f"<td>{html.escape(row.article)}</td><td>{html.escape(row.speaker)}</td>"
                     f"<td>{html.escape(row.side or '—')}</td><td>{row.quotations}</td><td>{row.quoted_words}</td></tr>")
    parts.append("</tbody></table>")
    for row in quotes.itertuples(index=False):
        verb = f" ({html.escape(row.verb)})" if row.verb else ""
        parts.append(f'<div class="fl-quote" data-article="{_attr(row.article)}" data-speaker="{_attr(row.speaker)}" '
                     f'data-side="{_attr(row.side)}"><b>{html.escape(row.article)}</b> “{html.escape(row.text)}” — '
                     f"{html.escape(row.speaker)}{verb}</div>")
    return "\n".join(parts)


# --- Keyness ---------------------------------------------------------------------------


def keyness_table(tables: CorpusTables, article: str, other: str = REST) -> pd.DataFrame:
    """:func:`framelab.compare.keyness` of ``article`` against ``other`` (an article, or ``"rest"`` pooled).

    Every term is kept (``min_freq=1``); :func:`keyness_rows` filters and sorts.

    >>> tables = CorpusTables.build(load_corpus())
    >>> keyness_table(tables, "004").head(2)["term"].tolist()
    ['friday', 'american']
    """
    if article not in tables.counts or (other != REST and other not in tables.counts):
        wrong = article if article not in tables.counts else other
        raise ExplorerError(f"article {wrong!r} is not in the corpus. Use one of: {', '.join(tables.ids[:10])}.")
    if other == article:
        raise ExplorerError(f"article {article!r} compared with itself has no key words: pick another article or 'rest'.")
    reference = tables.total - tables.counts[article] if other == REST else tables.counts[other]
    return keyness(tables.counts[article], reference)


def keyness_rows(table: pd.DataFrame, measure: str = "g2", min_freq: int = DEFAULT_MIN_FREQ,
                 top: int = TOP_KEYWORDS) -> pd.DataFrame:
    """The ``top`` terms with the highest ``measure`` above 0, used at least ``min_freq`` times in all.

    Ties go alphabetically; the index is reset.

    >>> tables = CorpusTables.build(load_corpus())
    >>> keyness_rows(keyness_table(tables, "004"), "log_ratio", min_freq=5, top=3)["term"].tolist()
    ['attack', 'for', 'which']
    """
    if measure not in MEASURES:
        raise ExplorerError(f"measure {measure!r} is not one of {', '.join(repr(m) for m in MEASURES)}.")
    whole_number(min_freq, "min_freq", minimum=1, error=ExplorerError)
    kept = table[(table["count_target"] + table["count_reference"] >= min_freq) & (table[measure] > 0)]
    kept = kept.sort_values([measure, "term"], ascending=[False, True], kind="stable")
    return kept.head(top).reset_index(drop=True)


def render_keyness(rows: pd.DataFrame, measure: str, target: str, reference: str, min_freq: int) -> str:
    """The Keyness view: one ``fl-key-row`` per term, or an ``fl-empty`` sentence.

    >>> tables = CorpusTables.build(load_corpus())
    >>> view = render_keyness(keyness_rows(keyness_table(tables, "004"), top=2), "g2", "004", "the rest", 3)
    >>> re.findall(r'data-term="([^"]*)"', view)
    ['friday', 'american']
    """
    if rows.empty:
        return _empty(f"No word is used relatively more in {target} than in {reference} with at least "
                      f"{min_freq} uses: lower the minimum frequency.")
    parts = [f'<p class="fl-caption">Words key to {html.escape(target)} against {html.escape(reference)}, '
             f"by {html.escape(MEASURES[measure])} (at least {min_freq} uses; * thin evidence)</p>",
             '<table class="fl-key-table"><thead><tr><th>term</th><th>in target</th><th>in reference</th>'
             f"<th>per 1,000 target</th><th>per 1,000 reference</th><th>{html.escape(MEASURES[measure])}</th>"
             "</tr></thead><tbody>"]
    for row in rows.itertuples(index=False):
        thin = " *" if row.thin_evidence else ""
        value = getattr(row, measure)
        parts.append(f'<tr class="fl-key-row" data-term="{_attr(row.term)}" data-value="{value:.3f}">'
                     f"<td>{html.escape(row.term)}{thin}</td><td>{row.count_target}</td><td>{row.count_reference}</td>"
                     f"<td>{row.per_1000_target:.2f}</td><td>{row.per_1000_reference:.2f}</td><td>{value:.2f}</td></tr>")
    parts.append("</tbody></table>")
    return "\n".join(parts)


# --- small HTML helpers -----------------------------------------------------------------


def _empty(message: str) -> str:
    return f'<p class="fl-empty">{html.escape(message)}</p>'


def _attr(value: object) -> str:
    return html.escape(str(value), quote=True)


def _label(article_id: str, label: str) -> str:
    return article_id if not label or label == article_id else f"{article_id} · {label}"


# --- the dashboard ------------------------------------------------------------------------


class FramingExplorer:
    """The dashboard: controls above, five views in tabs, all from one :class:`CorpusTables`.

    See the module docstring for the controls, views and their CSS classes.
    Each control is observed (``control.observe(handler, names="value")``)
    by a handler that re-renders only the views depending on it, through
    the public ``update_*`` methods; a subclass can add a control, observe
    it and call them, or add a tab with :meth:`add_view`.

    >>> explorer = FramingExplorer()
    >>> explorer.source.value = "frame"
    >>> explorer.term.disabled, explorer.category.disabled
    (True, False)
    >>> FramingExplorer(42)
    Traceback (most recent call last):
    ...
    framelab.explorer.ExplorerError: corpus must be a list of articles, e.g. framelab.load_corpus(), not int.
    """

    def __init__(self, corpus: object = None) -> None:
        self.tables = CorpusTables.build(check_corpus(corpus))
        self._hits_cache: dict[tuple[str, str], pd.DataFrame] = {}
        self._keyness_cache: dict[tuple[str, str], pd.DataFrame] = {}
        self._tellings_cache: dict[tuple[str, int], pd.DataFrame] = {}
        self._busy = False
        self.results: dict[str, pd.DataFrame] = {}
        ids = self.tables.ids
        article_options = [(_label(a, self.tables.labels[a]), a) for a in ids]

        self.term = widgets.Text(value=DEFAULT_TERM, placeholder="type a word or phrase", description="Term",
                                 continuous_update=True)
        self.source = widgets.Dropdown(options=[(name, key) for key, name in SOURCES.items()], value="word",
                                       description="Source")
        self.category = widgets.Dropdown(options=self.tables.categories["frame"], description="Category")
        self.article = widgets.Dropdown(options=article_options, value=ids[0], description="Article")
        self.other = widgets.Dropdown(options=[("rest (all others)", REST)] + article_options, value=REST,
                                      description="against")
        self.measure = widgets.Dropdown(options=[(name, key) for key, name in MEASURES.items()], value="g2",
                                        description="Measure")
        # A number box, not a slider: ipywidgets names its <input> with a <label for>, while a
        # slider's handle has no accessible name without a script (axe-core aria-input-field-name).
        self.min_freq = widgets.BoundedIntText(value=DEFAULT_MIN_FREQ, min=1, max=20, description="Min. uses",
                                               continuous_update=True, layout=widgets.Layout(width="12em"))
        self.sentence = widgets.Dropdown(options=self._sentence_options(ids[0]), value=0, description="Sentence")
        self.side = widgets.Dropdown(options=self._side_options(), value=ALL, description="Side")
        self.speaker = widgets.Dropdown(options=self._speaker_options(ALL), value=ALL, description="Speaker")
        self.hint = widgets.HTML()
        self.status = widgets.HTML()
        self.news: dict[str, str] = {}  # view -> one sentence on what it shows, for ``status``
        self.bars, self.concordance, self.tellings, self.voices, self.keyness = (widgets.HTML() for _ in VIEWS)
        for name, control in self.controls().items():
            control.add_class(f"fl-{name.replace('_', '-')}")
        for name in VIEWS:
            getattr(self, name).add_class(f"fl-{name}")
        self.hint.add_class("fl-hint")
        self.status.add_class("fl-status")

        wide = widgets.Layout(width="28em")
        for control in (self.term, self.category, self.article, self.sentence):
            control.layout = wide
        self.tabs = widgets.Tab(children=[
            self.bars,
            self.concordance,
            widgets.VBox([self.sentence, self.tellings]),
            widgets.VBox([widgets.HBox([self.side, self.speaker]), self.voices]),
            widgets.VBox([widgets.HBox([self.other, self.measure, self.min_freq]), self.keyness]),
        ])
        self.tabs.titles = tuple(VIEWS.values())
        self.tabs.add_class("fl-tabs")
        self.widget = widgets.VBox([
            widgets.HBox([self.source, self.term, self.category]),
            self.article,
            self.hint,
            self.status,
            widgets.HTML(f"<style>{STYLE}</style>").add_class("fl-style"),
            self.tabs,
        ])
        self.widget.add_class("fl-explorer")

        self.term.observe(self._on_selection, names="value")
        self.source.observe(self._on_source, names="value")
        self.category.observe(self._on_selection, names="value")
        self.article.observe(self._on_article, names="value")
        self.sentence.observe(self._on_sentence, names="value")
        for control in (self.other, self.measure, self.min_freq):
            control.observe(self._on_keyness, names="value")
        self.side.observe(self._on_side, names="value")
        self.speaker.observe(self._on_voices, names="value")
        self.refresh()
        self._announce()  # an empty live region from the start, so the first change is read out

    # -- public helpers --

    def controls(self) -> dict[str, widgets.Widget]:
        """The controls by attribute name."""
        return {name: getattr(self, name) for name in
                ("term", "source", "category", "article", "other", "measure", "min_freq", "sentence", "side", "speaker")}

    def refresh(self) -> None:
        """Recompute every view from the current control values."""
        self.update_enabled()
        self.update_selection_views()
        self.update_tellings()
        self.update_voices()
        self.update_keyness()

    def summary(self) -> str:
        """One line: the corpus and the current selection (the notebook's text/plain)."""
        what = describe_selection(self.source.value, self.term.value, self.category.value)
        return (f"FramingExplorer: {len(self.tables.ids)} articles; {what}; article {self.article.value}, "
                f"sentence {self.sentence.value}; keyness {self.measure.value} against {self.other.value}, "
                f"min. {self.min_freq.value} uses; voices: side {self.side.value or 'none named'}, "
                f"speaker {self.speaker.value} (run the notebook to use the controls)")

    def _repr_mimebundle_(self, **kwargs):
        bundle = self.widget._repr_mimebundle_(**kwargs) or {}
        bundle["text/plain"] = self.summary()
        return bundle

    # -- options --

    def _sentence_options(self, article: str) -> list[tuple[str, int]]:
        options = []
        for index, sentence in enumerate(self.tables.sentences[article]):
            text = " ".join(sentence.split())
            options.append((f"{index}: {text[:70]}{'…' if len(text) > 70 else ''}", index))
        return options or [("(no sentences)", 0)]

    def _side_options(self) -> list[tuple[str, str]]:
        sides = sorted(set(self.tables.quotes["side"]) - {""})
        options = [("all sides", ALL)] + [(side, side) for side in sides]
        if (self.tables.quotes["side"] == "").any():
            options.append(("no speaker named", ""))
        return options

    def _speaker_options(self, side: str) -> list[tuple[str, str]]:
        quotes = self.tables.quotes
        if side != ALL:
            quotes = quotes[quotes["side"] == side]
        return [("all speakers", ALL)] + [(name, name) for name in sorted(set(quotes["speaker"]))]

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
            self.sentence.options = self._sentence_options(self.article.value)
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

    def _on_side(self, change=None) -> None:
        self._busy = True
        try:
            options = self._speaker_options(self.side.value)
            self.speaker.options = options
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
            hints.append("Keyness and Five tellings need at least two articles; this corpus has one.")
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
            self.results["bars"] = bar_values(self.tables, {})
            self.results["concordance"] = pd.DataFrame(columns=HITS_COLUMNS)
            self.bars.value = self.concordance.value = message
            self.news["selection"] = "Bars and Concordance: type a word or phrase in Term."
            return
        counts, columns, hits = self.selection()
        what = describe_selection(source, self.term.value, self.category.value)
        values = bar_values(self.tables, counts)
        self.results["bars"], self.results["concordance"] = values, hits
        self.bars.value = render_bars(values, what)
        self.concordance.value = render_concordance(hits, self.tables, what, columns, counts)
        used = sum(1 for count in counts.values() if count)
        self.news["selection"] = (f"Bars and Concordance now show {what}: {sum(counts.values())} matches "
                                  f"in {used} of {len(self.tables.ids)} articles.")

    def update_tellings(self) -> None:
        """Re-render Five tellings from the article and sentence controls."""
        article, sentence = self.article.value, self.sentence.value
        self.news["tellings"] = f"Five tellings: article {article} has no sentences."
        if not self.tables.sentences[article]:
            self.results["tellings"] = pd.DataFrame(columns=TELLING_COLUMNS)
            self.tellings.value = _empty(f"Article {article} has no sentences.")
            return
        key = (article, sentence)
        if key not in self._tellings_cache:
            self._tellings_cache[key] = tellings(self.tables, article, sentence)
        table = self._tellings_cache[key]
        self.results["tellings"] = table
        self.tellings.value = render_tellings(table, self.tables, article, sentence)
        told = int((table["kind"] != "unique").sum()) if not table.empty else 0
        self.news["tellings"] = (f"Five tellings now shows article {article}, sentence {sentence}: "
                                 f"{told} other articles tell it.")

    def update_voices(self) -> None:
        """Re-render Voices from the side and speaker controls."""
        side, speaker = self.side.value, self.speaker.value
        ledger, quotes = voices_rows(self.tables, side, speaker)
        self.results["voices"] = quotes
        self.results["ledger"] = ledger
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
            self.results["keyness"] = empty
            self.keyness.value = _empty("Keyness compares an article with others; this corpus has only one article.")
            return
        if other == article:
            self.results["keyness"] = empty
            self.keyness.value = _empty(f"Article {article} compared with itself has no key words: "
                                        "pick another article or “rest” in “against”.")
            return
        try:
            table = self.keyness_source()
        except CompareError as error:  # e.g. an article without words
            self.results["keyness"] = empty
            self.keyness.value = _empty(str(error))
            return
        rows = keyness_rows(table, self.measure.value, self.min_freq.value)
        self.results["keyness"] = rows
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
