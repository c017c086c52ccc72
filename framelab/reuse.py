"""Tracing shared text: shingles, shared passages, sentence alignment, quote variants.

Chapter 05 teaches these steps; later chapters call them from here. Every
function is pure and returns plain data (a set or a pandas DataFrame) in a
fixed order, so the same input always gives the same table.

* :func:`shingles` and :func:`shingle_overlap`: word n-grams ("shingles") and
  the Jaccard overlap of their sets, ``|A ∩ B| / |A ∪ B|``, for every pair.
* :func:`shared_passages`: the runs of identical tokens that
  ``difflib.SequenceMatcher`` finds between two token lists, with
  ``autojunk=False`` (with ``autojunk=True``, any token making up more than
  1 % of a sequence of 200 or more tokens, such as "ukraine" or "nato" in our
  articles, could not start a match).
* :func:`align_sentences`, :func:`reuse_counts`, :func:`unique_sentences`:
  each sentence's closest counterpart in every other article, scored by
  :func:`sentence_similarity` and classified as ``"verbatim"``,
  ``"paraphrase"`` or ``"unique"`` (see :data:`VERBATIM`, :data:`PARAPHRASE`).
* :func:`quoted_spans`, :func:`quote_variants`, :func:`word_diff`: the same
  quoted statement in different articles, with the edit distance of
  ``nltk.edit_distance`` on words and on characters.

Nothing compares all pairs of sentences: an index of words picks those that can
match (:mod:`framelab.candidates`); :mod:`framelab.sequences` computes difflib's
count and the edit distance faster, to the same values.

>>> sorted(shingles(["these", "forces", "are", "not"], 3))
[('forces', 'are', 'not'), ('these', 'forces', 'are')]
"""

from __future__ import annotations

import difflib
import itertools
from collections.abc import Mapping, Sequence

import numpy as np
import pandas as pd
from nltk.tokenize.punkt import PunktSentenceTokenizer
from nltk.util import ngrams

from framelab.candidates import best_counterparts, linked_groups, shared_counts, similar_pairs
from framelab.errors import FramelabError
from framelab.lexicons import stop_words
from framelab.progress import progress
from framelab.sequences import edit_distance
from framelab.text import sentence_words, split_sentences
from framelab.validators import number, token_list, whole_number
from framelab.voices import quotation_spans

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
#: Two quoted statements from different articles whose word-level
#: :func:`difflib.SequenceMatcher` ratio is at least this are variants of one
#: quote. Kirby's "We want to make sure..." in 000 and 003 scores 0.56; the
#: closest unrelated pair, "These are not permanent moves" / "These forces are
#: not going to fight in Ukraine", 0.43.
QUOTE_THRESHOLD = 0.5

#: From this many sentences (about 35 articles; the five have about 150) or articles on, a
#: progress bar may show (framelab.progress): never for the lessons' five articles.
PROGRESS_SENTENCES, PROGRESS_ARTICLES = 1_000, 50

ALIGNMENT_COLUMNS = ["article", "sentence", "text", "other", "match", "match_text", "score", "kind"]
PASSAGE_COLUMNS = ["start_a", "start_b", "length", "text"]
QUOTE_COLUMNS = [
    "group", "article_a", "quote_a", "article_b", "quote_b",
    "similarity", "word_edits", "char_edits", "alignment",
]


class ReuseError(FramelabError):
    """Input that text-reuse measures cannot work with; the message names the argument."""


# --- argument checks ----------------------------------------------------------


def _check_tokens(tokens: Sequence[str], name: str) -> None:
    token_list(tokens, name, error=ReuseError, allow_empty=False)


def _check_n(n: int, name: str = "n") -> None:
    whole_number(n, name, minimum=1, error=ReuseError, meaning="tokens")


def _check_fraction(value: float, name: str) -> None:
    number(value, name, above=0, at_most=1, error=ReuseError)


def _check_articles(articles: Mapping, name: str) -> None:
    if not isinstance(articles, Mapping):
        raise ReuseError(
            f"{name} must be a dict from article id to its data, not {type(articles).__name__}."
        )
    if len(articles) < 2:
        raise ReuseError(
            f"{name} holds {len(articles)} article(s), so there is no pair to compare. "
            "Pass at least two articles, e.g. {article.id: ... for article in load_corpus()}."
        )


# --- shingles -----------------------------------------------------------------


def shingles(tokens: Sequence[str], n: int) -> set[tuple[str, ...]]:
    """The set of word n-grams ("shingles") of ``tokens``, made with ``nltk.util.ngrams``.

    A token list shorter than ``n`` has no shingles (an empty set). Tokens are
    used as given: lower-case them first if "These" and "these" should match.

    >>> tokens = "these forces are not going to fight".split()
    >>> sorted(shingles(tokens, 6))
    [('forces', 'are', 'not', 'going', 'to', 'fight'), ('these', 'forces', 'are', 'not', 'going', 'to')]
    >>> len(shingles(tokens, 1)), len(shingles(tokens, 2)), len(shingles(tokens, 8))
    (7, 6, 0)
    >>> shingles([], 2)
    Traceback (most recent call last):
    ...
    framelab.reuse.ReuseError: tokens is empty: there is no text to work on. Check that the article has a body and that you passed its tokens.
    """
    _check_tokens(tokens, "tokens")
    _check_n(n)
    return set(ngrams(tokens, n))


def jaccard(a: set, b: set) -> float:
    """``|a ∩ b| / |a ∪ b|``: 1.0 for equal sets, 0.0 for disjoint ones.

    >>> jaccard({1, 2, 3}, {2, 3, 4})
    0.5
    >>> jaccard(set(), set())
    Traceback (most recent call last):
    ...
    framelab.reuse.ReuseError: a and b are both empty, so their Jaccard similarity is undefined (0 / 0).
    """
    union = a | b
    if not union:
        raise ReuseError("a and b are both empty, so their Jaccard similarity is undefined (0 / 0).")
    return len(a & b) / len(union)


def shingle_overlap(articles_tokens: Mapping[str, Sequence[str]], n: int) -> pd.DataFrame:
    """Jaccard similarity of the ``n``-shingle sets of every pair of articles.

    Returns a square table, rows and columns labelled with the article ids in
    the order given; the diagonal is 1.0.

    >>> from framelab import load_corpus, words
    >>> tokens = {a.id: words(a.body, lower=True) for a in load_corpus()}
    >>> shingle_overlap(tokens, 5).round(3).loc["000", ["001", "003", "004"]].tolist()
    [0.007, 0.032, 0.001]
    """
    _check_articles(articles_tokens, "articles_tokens")
    _check_n(n)
    sets = {}
    for article, tokens in articles_tokens.items():
        _check_tokens(tokens, f"articles_tokens[{article!r}]")
        if len(tokens) < n:
            raise ReuseError(
                f"articles_tokens[{article!r}] has {len(tokens)} tokens, fewer than n={n}, "
                "so it has no shingles to compare. Use a smaller n."
            )
        sets[article] = set(ngrams(tokens, n))
    ids = list(sets)
    # |A ∩ B| for every pair from an index of shingles (framelab.candidates), not pair by pair;
    # the division is jaccard()'s, so the values are the same floats.
    common = shared_counts([sets[a] for a in ids])
    sizes = np.diag(common)
    table = pd.DataFrame(
        common / (sizes[:, None] + sizes[None, :] - common),
        index=pd.Index(ids, name="article"),
        columns=pd.Index(ids, name="other"),
    )
    return table


# --- shared passages ------------------------------------------------------------


def shared_passages(a_tokens: Sequence[str], b_tokens: Sequence[str], min_length: int = 3) -> pd.DataFrame:
    """Runs of identical tokens shared by two token lists, longest first.

    Uses ``difflib.SequenceMatcher(None, a, b, autojunk=False).get_matching_blocks()``:
    the blocks never cross (each starts later in both lists than the one
    before), so a passage the two texts tell in a different order may be
    missed. Keeps blocks of at least ``min_length`` tokens; columns
    ``start_a``, ``start_b`` (token positions), ``length`` and ``text``;
    sorted by length (longest first), then by position.

    >>> a = "kirby said these forces are not going to fight in ukraine".split()
    >>> b = "moreover these forces are not going to fight in ukraine he said".split()
    >>> shared_passages(a, b).to_dict("records")
    [{'start_a': 2, 'start_b': 1, 'length': 9, 'text': 'these forces are not going to fight in ukraine'}]
    """
    _check_tokens(a_tokens, "a_tokens")
    _check_tokens(b_tokens, "b_tokens")
    _check_n(min_length, "min_length")
    matcher = difflib.SequenceMatcher(None, a_tokens, b_tokens, autojunk=False)
    rows = [
        (block.a, block.b, block.size, " ".join(a_tokens[block.a : block.a + block.size]))
        for block in matcher.get_matching_blocks()
        if block.size >= min_length
    ]
    rows.sort(key=lambda row: (-row[2], row[0], row[1]))
    return pd.DataFrame(rows, columns=PASSAGE_COLUMNS)


# --- sentence alignment -----------------------------------------------------------


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
) -> pd.DataFrame:
    """For every sentence of every article, its closest sentence in each other article.

    One row per (article, sentence, other article): ``article``, ``sentence``
    (its index, from 0), ``text``, ``other``, ``match`` (index of the closest
    sentence in ``other``; ties go to the earliest), ``match_text``, ``score``
    (:func:`sentence_similarity`) and ``kind``: ``"verbatim"`` when the score is
    at least ``verbatim``, ``"paraphrase"`` when at least ``paraphrase``,
    ``"unique"`` otherwise (no counterpart in that article). Rows follow the
    order of the articles and sentences given.

    >>> table = align_sentences({
    ...     "a": ["Kirby said the forces will not fight in Ukraine.", "Russia denied it."],
    ...     "b": ["The Pentagon sent more troops.", "These forces will not fight in Ukraine, Kirby said."],
    ... })
    >>> table[["article", "sentence", "other", "match", "kind"]]
      article  sentence other  match        kind
    0       a         0     b      1  paraphrase
    1       a         1     b      0      unique
    2       b         0     a      0      unique
    3       b         1     a      0  paraphrase
    """
    _check_sentences(sentences_by_article)
    _check_fraction(verbatim, "verbatim")
    _check_fraction(paraphrase, "paraphrase")
    if paraphrase > verbatim:
        raise ReuseError(f"paraphrase ({paraphrase}) must not be above verbatim ({verbatim}).")
    articles = list(sentences_by_article)
    total = sum(len(sentences) for sentences in sentences_by_article.values())
    with progress(total, "aligning sentences", at_least=PROGRESS_SENTENCES, unit="sentence") as bar:
        words = [[content_words(sentence) for sentence in sentences_by_article[a]] for a in articles]
        # Not every pair: an index of content words finds the sentences that share one (the
        # others score 0.0), and only those whose score can still win are scored exactly;
        # the result equals best_match over all sentences (framelab.candidates).
        best = best_counterparts(words, step=bar.update)
    columns: dict[str, list] = {name: [] for name in ALIGNMENT_COLUMNS[:-1]}
    for a, article in enumerate(articles):
        others = [other for other in articles if other != article]
        for index, sentence in enumerate(sentences_by_article[article]):
            count = len(others)
            columns["article"] += [article] * count
            columns["sentence"] += [index] * count
            columns["text"] += [sentence] * count
            columns["other"] += others
            for other, (match, score) in zip(others, best[a][index]):
                columns["match"].append(match)
                columns["match_text"].append(sentences_by_article[other][match])
                columns["score"].append(score)
    kinds = {score: match_kind(score, verbatim, paraphrase) for score in set(columns["score"])}
    columns["kind"] = [kinds[score] for score in columns["score"]]
    return pd.DataFrame(columns, columns=ALIGNMENT_COLUMNS)


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


# --- quote variants ------------------------------------------------------------------


def quoted_spans(text: str) -> list[str]:
    """The words of every direct quotation of ``text``, in order: :func:`framelab.voices.quotation_spans`.

    The one quotation finder of framelab: curly “…” or straight "…" marks
    paired within a paragraph (a single newline is a hard wrap, not a
    paragraph break); a quotation nested in another stays inside the outer
    one; a quotation running over paragraphs is one quotation, its paragraphs
    joined by ``\\n``; a mark without a partner (scraped text has some) is
    skipped.

    >>> quoted_spans('Kirby said “these forces are not going to\\nfight”. He added, "not permanent".')
    ['these forces are not going to fight', 'not permanent']
    """
    if not isinstance(text, str):
        raise ReuseError(f"text must be a string, not {type(text).__name__}.")
    return [words.strip() for _, _, words in quotation_spans(text)[0] if words.strip()]


def word_diff(a: Sequence[str], b: Sequence[str]) -> str:
    """One line showing how word list ``b`` differs from ``a``: ``[old → new]``, ``[-gone]``, ``[+added]``.

    >>> word_diff("if he invades ukraine".split(), "if he does invade ukraine".split())
    'if he [invades → does invade] ukraine'
    """
    parts = []
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    for tag, a1, a2, b1, b2 in matcher.get_opcodes():
        old, new = " ".join(a[a1:a2]), " ".join(b[b1:b2])
        if tag == "equal":
            parts.append(old)
        elif tag == "replace":
            parts.append(f"[{old} → {new}]")
        elif tag == "delete":
            parts.append(f"[-{old}]")
        else:
            parts.append(f"[+{new}]")
    return " ".join(parts)


def _statements(
    texts: Mapping[str, object], splitter: PunktSentenceTokenizer | None, min_words: int, step
) -> list[tuple[str, str, list[str]]]:
    """(article, quoted sentence, its words) of every quoted sentence of ``min_words`` words or more."""
    statements = []
    for article, item in texts.items():
        text = getattr(item, "body", item)
        own = splitter or getattr(item, "splitter", None)
        if not isinstance(text, str):
            raise ReuseError(
                f"texts[{article!r}] must be the article's text (a string) or its Article, not {type(item).__name__}."
            )
        if not text.strip():
            raise ReuseError(f"texts[{article!r}] is empty: there is no text to search for quotes.")
        for span in quoted_spans(text):
            for paragraph in span.split("\n"):
                for sentence in split_sentences(paragraph, own):
                    found = sentence_words(sentence)
                    if len(found) >= min_words:
                        statements.append((article, sentence, found))
        step(1)
    return statements


def quote_variants(
    texts: Mapping[str, object],
    *,
    threshold: float = QUOTE_THRESHOLD,
    min_words: int = 3,
    splitter: PunktSentenceTokenizer | None = None,
) -> pd.DataFrame:
    """The same quoted statement in different articles, grouped, with edit distances.

    ``texts`` maps an article id to its text, or to its Article record (then
    its ``body`` is read and its ``splitter``, when it has one, splits its
    sentences). Each article's :func:`quoted_spans` are split into sentences
    (``framelab.split_sentences`` with ``splitter``, paragraph by paragraph of
    the quotation) so that a long quotation can match a shorter one sentence
    by sentence; statements of fewer than ``min_words`` words are skipped. Two
    statements from different articles whose ``difflib`` ratio on lower-cased words is at least ``threshold`` are
    linked, and linked statements form a group (numbered from 1 in order of
    first appearance). For every pair of statements from different articles
    in a group: ``similarity``, ``word_edits`` and ``char_edits``
    (the value of ``nltk.edit_distance``, computed by :func:`framelab.sequences.edit_distance`,
    on the word lists and on the words joined by single spaces, so case and
    typography do not count) and ``alignment``
    (:func:`word_diff`).

    >>> table = quote_variants({
    ...     "a": 'He said “if he invades Ukraine, obviously there will be consequences”.',
    ...     "b": 'He said, "if he does invade Ukraine, obviously there\\'s going to be consequences."',
    ... })
    >>> table[["group", "article_a", "article_b", "word_edits", "char_edits"]]
       group article_a article_b  word_edits  char_edits
    0      1         a         b           5          16
    >>> print(table.loc[0, "alignment"])
    if he [invades → does invade] ukraine obviously there [will → 's going to] be consequences
    """
    _check_articles(texts, "texts")
    _check_fraction(threshold, "threshold")
    _check_n(min_words, "min_words")
    with progress(len(texts), "finding quotes", at_least=PROGRESS_ARTICLES, unit="article") as bar:
        statements = _statements(texts, splitter, min_words, bar.update)

    matcher = difflib.SequenceMatcher(None, autojunk=False)

    def link(i: int, j: int) -> bool:
        matcher.set_seqs(statements[i][2], statements[j][2])
        # Cheap upper bounds first; the full ratio only when they pass.
        return matcher.real_quick_ratio() >= threshold and matcher.quick_ratio() >= threshold \
            and matcher.ratio() >= threshold

    # Only pairs whose bound reaches the threshold are scored (framelab.candidates.similar_pairs);
    # the groups depend only on which pairs link, not on the order they are found in.
    pairs = similar_pairs([s[2] for s in statements], [s[0] for s in statements], threshold, link)
    rows = []
    group = 0
    for indices in linked_groups(len(statements), pairs):
        if len({statements[i][0] for i in indices}) < 2:
            continue
        group += 1
        for i, j in itertools.combinations(indices, 2):
            (article_a, quote_a, words_a), (article_b, quote_b, words_b) = statements[i], statements[j]
            if article_a == article_b:
                continue
            rows.append((
                group, article_a, quote_a, article_b, quote_b, _ratio(words_a, words_b),
                edit_distance(words_a, words_b),
                edit_distance(" ".join(words_a), " ".join(words_b)),
                word_diff(words_a, words_b),
            ))
    return pd.DataFrame(rows, columns=QUOTE_COLUMNS)
