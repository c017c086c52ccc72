"""Sentence alignment: each sentence's closest counterpart in the other articles (chapter 05).

* :func:`align_sentences`, :func:`reuse_counts`, :func:`unique_sentences`:
  each sentence's closest counterpart in every other article (or, with
  ``best_only=True``, in any other article), scored by :func:`sentence_similarity`
  and classified as ``"verbatim"``, ``"paraphrase"`` or ``"unique"`` (see
  :data:`VERBATIM`, :data:`PARAPHRASE`).

Nothing compares all pairs of sentences in Python: an index of words picks those that can
match (:mod:`framelab.candidates`, :mod:`framelab.nearest`); :mod:`framelab.sequences`
computes difflib's count faster, to the same values. Lessons import these from
:mod:`framelab.reuse`.

>>> match_kind(0.5, VERBATIM, PARAPHRASE)
'paraphrase'
"""

from __future__ import annotations

import difflib
from collections.abc import Mapping, Sequence

import numpy as np
import pandas as pd

from framelab.candidates import best_counterparts
from framelab.lexicons import stop_words
from framelab.nearest import nearest_sentences
from framelab.progress import progress
from framelab.reuse_checks import ReuseError, _check_articles, _check_fraction
from framelab.text import sentence_words

#: A sentence whose best counterpart scores at least this is ``"verbatim"`` reuse:
#: (nearly) the same content words in the same order. Chosen by reading the pairs
#: of our five articles: only 000/003's "these additional troop movements do not
#: mean..." sentence reaches it (0.83); the next pairs (≤ 0.63) are clearly reworded.
VERBATIM = 0.8
#: A sentence whose best counterpart scores at least this (and below
#: :data:`VERBATIM`) is a ``"paraphrase"``: the same fact in other words. Every
#: pair of our articles from 0.35 up reports the same fact; just below it
#: (0.29-0.33) same-fact pairs and unrelated pairs sharing two or three names mix.
PARAPHRASE = 0.35
#: From this many sentences on (about 35 articles; the five have about 150), a progress bar
#: may show (framelab.progress): never for the lessons' five articles.
PROGRESS_SENTENCES = 1_000

ALIGNMENT_COLUMNS = ["article", "sentence", "text", "other", "match", "match_text", "score", "kind"]


def content_words(sentence: str) -> list[str]:
    """Lower-cased word tokens of one sentence, without framelab's stop words.

    >>> content_words('Kirby emphasized, "These forces are not going to fight in Ukraine."')
    ['kirby', 'emphasized', 'forces', 'going', 'fight', 'ukraine']
    """
    stop = stop_words()
    return [token for token in sentence_words(sentence) if token not in stop]


def _ratio(a: Sequence[str], b: Sequence[str]) -> float:
    if not a or not b:
        return 0.0
    return difflib.SequenceMatcher(None, a, b, autojunk=False).ratio()


def sentence_similarity(a: str, b: str) -> float:
    """How alike two sentences are, from 0.0 to 1.0: ``difflib`` ratio on their content words.

    The score is ``2 × M / T``: ``M`` content words (see :func:`content_words`)
    matched in the same order, ``T`` content words in both sentences together.
    Stop words are left out because they make unrelated short sentences look
    alike ("This is reported by CNN." and "It appears that this is not the
    case." share "this is"). A sentence with no content words scores 0.0.
    ``difflib``'s ratio can differ slightly when the two are swapped; the
    sentence being aligned always comes first.

    >>> sentence_similarity("These forces are not going to fight in Ukraine.",
    ...                     "Moreover, these forces are not going to fight in Ukraine.")
    0.8888888888888888
    >>> sentence_similarity("This is reported by CNN.", "It appears that this is not the case.")
    0.0
    """
    return _ratio(content_words(a), content_words(b))


def match_kind(score: float, verbatim: float, paraphrase: float) -> str:
    """Name a similarity score: ``"verbatim"``, ``"paraphrase"`` or ``"unique"``, by the two thresholds.

    >>> [match_kind(s, verbatim=0.9, paraphrase=0.5) for s in (0.95, 0.6, 0.2)]
    ['verbatim', 'paraphrase', 'unique']
    """
    if score >= verbatim:
        return "verbatim"
    if score >= paraphrase:
        return "paraphrase"
    return "unique"


def best_match(words: list[str], candidates: list[list[str]]) -> tuple[int, float]:
    """Index and ``SequenceMatcher`` ratio of the candidate closest to ``words``; ties go to the earliest one.

    >>> best_match(["troops", "to", "poland"], [["to", "romania"], ["troops", "to", "poland", "soon"]])
    (1, 0.8571428571428571)
    """
    best_index, best_score = 0, -1.0
    matcher = difflib.SequenceMatcher(None, autojunk=False)
    matcher.set_seq1(words)
    for index, candidate in enumerate(candidates):
        if not words or not candidate:
            score = 0.0
        else:
            matcher.set_seq2(candidate)
            # Cheap upper bounds first: skip candidates that cannot beat the best.
            if matcher.real_quick_ratio() <= best_score or matcher.quick_ratio() <= best_score:
                continue
            score = matcher.ratio()
        if score > best_score:
            best_index, best_score = index, score
    return best_index, best_score


def _check_sentences(sentences_by_article: Mapping[str, Sequence[str]]) -> None:
    _check_articles(sentences_by_article, "sentences_by_article")
    for article, sentences in sentences_by_article.items():
        name = f"sentences_by_article[{article!r}]"
        if isinstance(sentences, str):
            raise ReuseError(
                f"{name} is one string, but it must be a list of sentences. "
                "Split it first, e.g. framelab.split_sentences(article.body)."
            )
        if not isinstance(sentences, Sequence) or not sentences:
            raise ReuseError(f"{name} must be a non-empty list of sentences.")
        if not all(isinstance(sentence, str) for sentence in sentences):
            raise ReuseError(f"{name} must hold sentences as strings.")


def align_sentences(
    sentences_by_article: Mapping[str, Sequence[str]],
    *,
    verbatim: float = VERBATIM,
    paraphrase: float = PARAPHRASE,
    best_only: bool = False,
) -> pd.DataFrame:
    """For every sentence of every article, its closest sentence in each other article.

    One row per (article, sentence, other article): ``article``, ``sentence``
    (its index, from 0), ``text``, ``other``, ``match`` (index of the closest
    sentence in ``other``; ties go to the earliest), ``match_text``, ``score``
    (:func:`sentence_similarity`) and ``kind``: ``"verbatim"`` when the score is
    at least ``verbatim``, ``"paraphrase"`` when at least ``paraphrase``,
    ``"unique"`` otherwise (no counterpart in that article). Rows follow the
    order of the articles and sentences given.

    With ``best_only=True``, one row per (article, sentence): the row of its best
    counterpart in *any* other article, the one :func:`reuse_counts` and
    :func:`unique_sentences` read (the highest score; a tie goes to the earliest
    article, then its earliest sentence), so both give the same answers on it. The
    full table has a row per sentence and other article (28 million at 1,000 articles);
    this one stays a row per sentence, and is found without scoring every pair
    (:func:`framelab.nearest.nearest_sentences`).

    >>> sentences = {
    ...     "a": ["Kirby said the forces will not fight in Ukraine.", "Russia denied it."],
    ...     "b": ["The Pentagon sent more troops.", "These forces will not fight in Ukraine, Kirby said."],
    ... }
    >>> table = align_sentences(sentences)
    >>> table[["article", "sentence", "other", "match", "kind"]]
      article  sentence other  match        kind
    0       a         0     b      1  paraphrase
    1       a         1     b      0      unique
    2       b         0     a      0      unique
    3       b         1     a      0  paraphrase
    >>> align_sentences({**sentences, "c": ["Russia denied it."]}, best_only=True)[["article", "sentence", "other", "kind"]]
      article  sentence other        kind
    0       a         0     b  paraphrase
    1       a         1     c    verbatim
    2       b         0     a      unique
    3       b         1     a  paraphrase
    4       c         0     a    verbatim
    """
    _check_sentences(sentences_by_article)
    _check_fraction(verbatim, "verbatim")
    _check_fraction(paraphrase, "paraphrase")
    if paraphrase > verbatim:
        raise ReuseError(f"paraphrase ({paraphrase}) must not be above verbatim ({verbatim}).")
    if not isinstance(best_only, bool):
        raise ReuseError(f"best_only must be True or False, not {best_only!r}.")
    articles = list(sentences_by_article)
    total = sum(len(sentences) for sentences in sentences_by_article.values())
    with progress(total, "aligning sentences", at_least=PROGRESS_SENTENCES, unit="sentence") as bar:
        words = [[content_words(sentence) for sentence in sentences_by_article[a]] for a in articles]
        if best_only:
            return _best_table(sentences_by_article, articles, nearest_sentences(words, step=bar.update),
                               verbatim, paraphrase)
        # Not every pair: an index of content words finds the sentences that share one (the
        # others score 0.0), and only those whose score can still win are scored exactly;
        # the result equals best_match over all sentences (framelab.candidates).
        best = best_counterparts(words, step=bar.update)
    return _full_table(sentences_by_article, articles, best, verbatim, paraphrase)


def _full_table(
    sentences_by_article: Mapping[str, Sequence[str]],
    articles: list[str],
    best: list[list[list[tuple[int, float]]]],
    verbatim: float,
    paraphrase: float,
) -> pd.DataFrame:
    """The rows of :func:`align_sentences`, column by column with numpy (there are S x (A - 1) of them)."""
    texts = [sentence for article in articles for sentence in sentences_by_article[article]]
    flat_texts = np.empty(len(texts), dtype=object)
    flat_texts[:] = texts
    names = np.empty(len(articles), dtype=object)
    names[:] = articles
    sizes = np.array([len(sentences_by_article[article]) for article in articles])
    starts = np.concatenate([[0], np.cumsum(sizes)])
    parts: dict[str, list[np.ndarray]] = {name: [] for name in ALIGNMENT_COLUMNS[:-1]}
    everyone = np.arange(len(articles))
    for a, count in enumerate(sizes.tolist()):
        others = everyone[everyone != a]
        found = np.array(best[a], dtype=np.float64).reshape(count * len(others), 2)
        match = found[:, 0].astype(np.int64)
        other = np.tile(others, count)
        parts["article"].append(np.repeat(names[a : a + 1], count * len(others)))
        parts["sentence"].append(np.repeat(np.arange(count, dtype=np.int64), len(others)))
        parts["text"].append(np.repeat(flat_texts[starts[a] : starts[a] + count], len(others)))
        parts["other"].append(names[other])
        parts["match"].append(match)
        parts["match_text"].append(flat_texts[starts[other] + match])
        parts["score"].append(found[:, 1])
    columns = {name: np.concatenate(values) for name, values in parts.items()}
    score = columns["score"]
    # match_kind's rule, for every row at once.
    kind = np.where(score >= verbatim, "verbatim", np.where(score >= paraphrase, "paraphrase", "unique"))
    columns["kind"] = kind.astype(object)
    return pd.DataFrame(columns, columns=ALIGNMENT_COLUMNS)


def _table(columns: dict[str, list], verbatim: float, paraphrase: float) -> pd.DataFrame:
    kinds = {score: match_kind(score, verbatim, paraphrase) for score in set(columns["score"])}
    columns["kind"] = [kinds[score] for score in columns["score"]]
    return pd.DataFrame(columns, columns=ALIGNMENT_COLUMNS)


def _best_table(
    sentences_by_article: Mapping[str, Sequence[str]],
    articles: list[str],
    nearest: list[tuple[int, int, float]],
    verbatim: float,
    paraphrase: float,
) -> pd.DataFrame:
    """The rows of :func:`align_sentences` with ``best_only=True``, from ``nearest_sentences``' answer."""
    columns: dict[str, list] = {name: [] for name in ALIGNMENT_COLUMNS[:-1]}
    found = iter(nearest)
    for article in articles:
        for index, sentence in enumerate(sentences_by_article[article]):
            other, match, score = next(found)
            columns["article"].append(article)
            columns["sentence"].append(index)
            columns["text"].append(sentence)
            columns["other"].append(articles[other])
            columns["match"].append(match)
            columns["match_text"].append(sentences_by_article[articles[other]][match])
            columns["score"].append(score)
    return _table(columns, verbatim, paraphrase)


def _check_alignment(alignment: pd.DataFrame) -> None:
    if not isinstance(alignment, pd.DataFrame) or not set(ALIGNMENT_COLUMNS) <= set(alignment.columns):
        raise ReuseError(
            "alignment must be the table align_sentences(...) returns "
            f"(columns {', '.join(ALIGNMENT_COLUMNS)})."
        )
    if alignment.empty:
        raise ReuseError("alignment is empty: align at least two articles with align_sentences(...).")


def _best_rows(alignment: pd.DataFrame) -> pd.DataFrame:
    """Each sentence's single best counterpart over all other articles (ties: earliest row)."""
    order = alignment.reset_index(drop=True)
    best = order.loc[order.groupby(["article", "sentence"], sort=False)["score"].idxmax()]
    return best.reset_index(drop=True)


def reuse_counts(alignment: pd.DataFrame) -> pd.DataFrame:
    """How many sentences of each article are verbatim, paraphrase or unique.

    A sentence counts with the kind of its best counterpart in any other
    article. Columns ``verbatim``, ``paraphrase``, ``unique``, ``sentences``;
    one row per article (the index, named ``article``), in the order of ``alignment``.

    >>> table = align_sentences({"a": ["Troops move to Poland.", "Talks failed."],
    ...                          "b": ["Troops move to Poland.", "Putin waits."]})
    >>> reuse_counts(table).reset_index()
      article  verbatim  paraphrase  unique  sentences
    0       a         1           0       1          2
    1       b         1           0       1          2
    """
    _check_alignment(alignment)
    best = _best_rows(alignment)
    counts = pd.crosstab(best["article"], best["kind"]).reindex(
        index=list(dict.fromkeys(best["article"])),
        columns=["verbatim", "paraphrase", "unique"],
        fill_value=0,
    )
    counts["sentences"] = counts.sum(axis=1)
    counts.columns.name = None
    counts.index.name = "article"
    return counts


def unique_sentences(alignment: pd.DataFrame) -> pd.DataFrame:
    """The sentences of each article that no other article has, even in other words.

    A sentence is unique when its best counterpart in every other article is
    below the paraphrase threshold used for ``alignment``. Columns ``article``,
    ``sentence``, ``text``, ``best_score`` (its highest score anywhere) and
    ``closest`` (the article holding that best counterpart).

    >>> table = align_sentences({"a": ["Troops move to Poland.", "Talks failed."],
    ...                          "b": ["Troops move to Poland.", "Putin waits."]})
    >>> unique_sentences(table)[["article", "sentence", "text"]]
      article  sentence           text
    0       a         1  Talks failed.
    1       b         1   Putin waits.
    """
    _check_alignment(alignment)
    best = _best_rows(alignment)
    unique = best[best["kind"] == "unique"]
    return unique.rename(columns={"score": "best_score", "other": "closest"})[
        ["article", "sentence", "text", "best_score", "closest"]
    ].reset_index(drop=True)
