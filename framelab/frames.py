"""Framing: frame profiles, hedges and boosters, sentence sentiment and concordances.

Chapter 07 teaches these steps; chapter 08 and the explorer call them from here.

* A **frame lexicon** (:func:`frame_lexicon`, built in ``framelab.frame_lexicon``)
  maps terms to the 15 frame dimensions of the Media Frames Corpus codebook
  (Card et al. 2015): the seed lexicon read from the five articles
  (``framelab/data/frames.tsv``), a general one written from the codebook's
  definitions (``framelab/data/frames_general.tsv``) and, when the corpus
  folder has one, its own ``frames.tsv``. A **hedge lexicon**
  (``framelab/data/hedges.tsv``, :func:`hedge_lexicon`) maps terms to
  ``hedge`` or ``booster``.
* Terms are matched on the lower-cased word tokens of each sentence
  (``framelab.text``, no punctuation), so matches never cross a sentence end.
  A multi-word entry is matched as consecutive tokens, and at each position
  the **longest** entry wins and consumes its tokens (:func:`match_terms`):
  "nuclear weapons" counts once, not also as "weapons".
* Rates are **per 1,000 word tokens** of the article, so a long article does
  not look more framed just because it is longer.
* Sentiment is VADER's (Hutto & Gilbert 2014) from the ``vaderSentiment``
  package, whose lexicon ships inside the package: no download, and not
  ``nltk.sentiment.vader``, which needs downloaded data (GUIDE.md §9).

Every function returns plain data (a list or a pandas ``DataFrame``) in a fixed
order: articles in corpus order, sentences in text order, ties broken
alphabetically. Bad input raises :class:`FramesError` with a message that
names the argument and says what to do.

>>> match_terms("the nuclear weapons and weapons".split(), {"weapons": "S", "nuclear weapons": "S"})
[(1, 'nuclear weapons', 'S'), (4, 'weapons', 'S')]
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping, Sequence
from functools import lru_cache
from typing import Protocol

import pandas as pd
from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

# Re-exported: framelab.frames is where chapter 07 and the explorer find the lexicon and its error.
from framelab.frame_lexicon import CODEBOOK as CODEBOOK
from framelab.frame_lexicon import GENERAL_FILE as GENERAL_FILE
from framelab.frame_lexicon import FramesError as FramesError
from framelab.frame_lexicon import frame_entries as frame_entries
from framelab.frame_lexicon import frame_lexicon as frame_lexicon
from framelab.lexicons import DATA, load_lexicon
from framelab.progress import each
from framelab.text import sentence_words, split_sentences
from framelab.validators import article_list, whole_number

#: Rates are given per this many word tokens.
PER = 1000
#: The lexicon files this module reads (the frame lexicon also reads GENERAL_FILE and a corpus folder's frames.tsv).
FRAMES_FILE = DATA / "frames.tsv"
HEDGES_FILE = DATA / "hedges.tsv"
#: From this many articles on, a progress bar may show (framelab.progress; issue 13): a
#: thousand articles take seconds to split and match, the lessons' five never reach it.
PROGRESS_ARTICLES = 50
#: VADER's usual cut-offs: compound ≥ 0.05 is positive, ≤ -0.05 negative, in between neutral.
POSITIVE, NEGATIVE = 0.05, -0.05

FRAME_SENTENCE_COLUMNS = ["article", "sentence", "text", "terms"]
SENTIMENT_COLUMNS = ["article", "sentence", "text", "compound", "neg", "neu", "pos"]
CONCORDANCE_COLUMNS = ["article", "start", "left", "match", "right"]


class _HasBody(Protocol):
    id: str
    body: str


# --- lexicons ----------------------------------------------------------------------


@lru_cache(maxsize=2)
def _cached_lexicon(path: str) -> tuple[tuple[str, str], ...]:
    return tuple(load_lexicon(path).items())


def hedge_lexicon() -> dict[str, str]:
    """The project's hedge and booster list, ``term -> "hedge" | "booster"``, in file order.

    >>> lexicon = hedge_lexicon()
    >>> lexicon["reportedly"], lexicon["according to"], lexicon["obviously"]
    ('hedge', 'hedge', 'booster')
    """
    return dict(_cached_lexicon(str(HEDGES_FILE)))


def dimensions(lexicon: Mapping[str, str] | None = None) -> list[str]:
    """The categories of a lexicon (default: the frame lexicon), sorted.

    >>> dimensions({"may": "hedge", "will": "booster", "could": "hedge"})
    ['booster', 'hedge']
    """
    lexicon = frame_lexicon() if lexicon is None else _check_lexicon(lexicon)
    return sorted(set(lexicon.values()))


def _check_lexicon(lexicon: object) -> Mapping[str, str]:
    if not isinstance(lexicon, Mapping) or not lexicon:
        raise FramesError(
            "lexicon must be a non-empty dict term -> category, e.g. framelab.frames.frame_lexicon() "
            "or framelab.lexicons.load_lexicon(path)."
        )
    for term, category in lexicon.items():
        if not isinstance(term, str) or not term.split() or not isinstance(category, str) or not category:
            raise FramesError(
                f"lexicon entry {term!r} -> {category!r}: every term and category must be a non-empty string."
            )
    return lexicon


# --- matching ------------------------------------------------------------------------


def match_terms(tokens: Sequence[str], lexicon: Mapping[str, str]) -> list[tuple[int, str, str]]:
    """Lexicon terms found in ``tokens``: ``(position, term, category)`` in text order.

    ``tokens`` are lower-case word tokens; a term of several words matches that
    many consecutive tokens. Scanning left to right, the longest term starting
    at a position wins and its tokens are not matched again.

    >>> lexicon = {"according to": "hedge", "to": "x", "will": "booster"}
    >>> match_terms(["according", "to", "kirby", "it", "will"], lexicon)
    [(0, 'according to', 'hedge'), (4, 'will', 'booster')]
    >>> match_terms([], lexicon)
    []
    """
    if isinstance(tokens, str):
        raise FramesError(
            "tokens is one string, but it must be a list of lower-case word tokens, "
            "e.g. framelab.words(text, lower=True)."
        )
    return _match(tokens, _index(_check_lexicon(lexicon)))


# An entry: (length in tokens, its tokens, the term as matched, its category).
_Index = dict[str, list[tuple[int, tuple[str, ...], str, str]]]


def _index(lexicon: Mapping[str, str]) -> _Index:
    """The lexicon keyed by each term's first token, longest first; built once per call, not once per sentence."""
    by_key: dict[tuple[str, ...], tuple[str, str]] = {}
    for term, category in lexicon.items():
        key = tuple(term.lower().split())
        by_key[key] = (" ".join(key), category)  # a later entry of the same words wins, as in a dict
    index: _Index = {}
    for key, (term, category) in by_key.items():
        index.setdefault(key[0], []).append((len(key), key, term, category))
    for entries in index.values():
        entries.sort(key=lambda entry: -entry[0])  # distinct keys of one length never both match
    return index


def _match(tokens: Sequence[str], index: _Index) -> list[tuple[int, str, str]]:
    found, position, size = [], 0, len(tokens)
    while position < size:
        for length, key, term, category in index.get(tokens[position], ()):
            if tuple(tokens[position : position + length]) == key:
                found.append((position, term, category))
                position += length
                break
        else:
            position += 1
    return found


def _check_corpus(corpus: object) -> list[_HasBody]:
    return article_list(corpus, error=FramesError)


def _each(corpus: list[_HasBody], description: str) -> Iterator[_HasBody]:
    """The articles of ``corpus``, counted on a progress bar when there are many of them."""
    return each(corpus, description, at_least=PROGRESS_ARTICLES)


def _sentences(article: _HasBody) -> list[tuple[str, list[str]]]:
    """(sentence, lower-case word tokens) of an article; refuses an article without words."""
    sentences = [(sentence, sentence_words(sentence)) for sentence in split_sentences(article.body)]
    if not any(tokens for _, tokens in sentences):
        raise FramesError(
            f"article {article.id!r} has no words (its body is empty), so its rates per "
            f"{PER:,} tokens are undefined. Remove it from the corpus or check how it was loaded."
        )
    return sentences


def term_matches(corpus: Sequence[_HasBody], lexicon: Mapping[str, str] | None = None) -> pd.DataFrame:
    """Every lexicon match in every article: ``article``, ``sentence`` (index), ``position``, ``term``, ``category``.

    ``position`` counts word tokens within the sentence, from 0. Rows follow
    the corpus and the text. The default lexicon is :func:`frame_lexicon`.

    >>> from framelab import load_corpus
    >>> term_matches(load_corpus()[:1]).head(3)
      article  sentence  position         term                            category
    0     000         0         7   deployment                Security and defense
    1     000         0        11       troops                Security and defense
    2     000         1         4  in order to  Policy prescription and evaluation
    """
    corpus = _check_corpus(corpus)
    lexicon = frame_lexicon() if lexicon is None else _check_lexicon(lexicon)
    return _match_table(corpus, lexicon)[0]


def _match_table(corpus: list[_HasBody], lexicon: Mapping[str, str]) -> tuple[pd.DataFrame, list[int]]:
    """(:func:`term_matches`, word tokens per article): one tokenizing pass serves both."""
    index = _index(lexicon)
    rows, counts = [], []
    for article in _each(corpus, "matching terms"):
        sentences = _sentences(article)
        counts.append(sum(len(tokens) for _, tokens in sentences))
        rows.extend(
            (article.id, number, position, term, category)
            for number, (_, tokens) in enumerate(sentences)
            for position, term, category in _match(tokens, index)
        )
    return pd.DataFrame(rows, columns=["article", "sentence", "position", "term", "category"]), counts


def word_counts(corpus: Sequence[_HasBody]) -> pd.Series:
    """Number of word tokens (no punctuation) per article: the denominator of every rate.

    >>> from framelab import load_corpus
    >>> word_counts(load_corpus()).tolist()
    [509, 814, 454, 410, 508]
    """
    corpus = _check_corpus(corpus)
    counts = [sum(len(tokens) for _, tokens in _sentences(article)) for article in _each(corpus, "counting words")]
    return _word_series(corpus, counts)


def _word_series(corpus: list[_HasBody], counts: list[int]) -> pd.Series:
    return pd.Series(counts, index=pd.Index([a.id for a in corpus], name="article"), name="words", dtype="int64")


def _rates(corpus: list[_HasBody], lexicon: Mapping[str, str], columns: list[str]) -> pd.DataFrame:
    matches, words = _match_table(corpus, lexicon)
    ids = [article.id for article in corpus]
    counts = (
        pd.crosstab(matches["article"], matches["category"])
        .reindex(index=ids, columns=columns, fill_value=0)
        .astype("float64")
    )
    table = counts.mul(PER).div(_word_series(corpus, words), axis=0)
    table.index.name = "article"
    table.columns.name = None
    return table


def frame_profiles(corpus: Sequence[_HasBody], lexicon: Mapping[str, str] | None = None) -> pd.DataFrame:
    """Frame matches per 1,000 word tokens: one row per article, one column per dimension (sorted).

    >>> from framelab import load_corpus
    >>> frame_profiles(load_corpus()).loc[:, "Economic"].round(1).tolist()
    [0.0, 0.0, 0.0, 0.0, 17.7]
    """
    corpus = _check_corpus(corpus)
    lexicon = frame_lexicon() if lexicon is None else _check_lexicon(lexicon)
    return _rates(corpus, lexicon, dimensions(lexicon))


def hedge_rates(corpus: Sequence[_HasBody], lexicon: Mapping[str, str] | None = None) -> pd.DataFrame:
    """Hedges and boosters per 1,000 word tokens: columns ``hedges``, ``boosters``; index ``article``.

    >>> from framelab import Article
    >>> text = "Troops may come. They will come. It will, reportedly, happen."
    >>> hedge_rates([Article("a", "a.txt", "", "", "", text, text)])  # doctest: +NORMALIZE_WHITESPACE
             hedges  boosters
    article
    a         200.0     200.0
    """
    corpus = _check_corpus(corpus)
    lexicon = hedge_lexicon() if lexicon is None else _check_lexicon(lexicon)
    unknown = sorted(set(lexicon.values()) - {"hedge", "booster"})
    if unknown:
        raise FramesError(
            f"lexicon has the categories {unknown}, but hedge_rates needs only 'hedge' and 'booster'. "
            "Use framelab.frames.hedge_lexicon() or a file in the same format."
        )
    table = _rates(corpus, lexicon, ["hedge", "booster"])
    return table.rename(columns={"hedge": "hedges", "booster": "boosters"})


def frame_sentences(
    corpus: Sequence[_HasBody], dimension: str, lexicon: Mapping[str, str] | None = None
) -> pd.DataFrame:
    """The sentences that carry ``dimension``, with the terms that signal it.

    Columns ``article``, ``sentence`` (its index in the article, as in
    ``framelab.reuse.align_sentences``), ``text`` and ``terms`` (the matched
    terms, comma-separated, in text order). Pass ``lexicon=hedge_lexicon()``
    and ``dimension="hedge"`` (or ``"booster"``) to list hedged sentences.

    >>> from framelab import load_corpus
    >>> frame_sentences(load_corpus(), "Morality")[["article", "sentence", "terms"]]
      article  sentence                     terms
    0     000        18       issues of principle
    1     001         8  destructive, unjustified
    2     001        16              rogue states
    3     002        16              tragic error
    4     002        17             holding a gun
    5     004         8                 bloodshed
    >>> frame_sentences(load_corpus(), "Health")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    framelab.frames.FramesError: dimension 'Health' is not in the lexicon. Use one of: 'Capacity and resources', ..., 'Health and safety', ..., 'Security and defense'.
    """
    corpus = _check_corpus(corpus)
    lexicon = frame_lexicon() if lexicon is None else _check_lexicon(lexicon)
    valid = dimensions(lexicon)
    if dimension not in valid:
        raise FramesError(
            f"dimension {dimension!r} is not in the lexicon. Use one of: "
            + ", ".join(repr(name) for name in valid)
            + "."
        )
    wanted = {term: category for term, category in lexicon.items() if category == dimension}
    index, rows = _index(lexicon), []
    for article in _each(corpus, "finding frame sentences"):
        for number, (sentence, tokens) in enumerate(_sentences(article)):
            # Match with the whole lexicon, so a longer entry of another dimension still wins.
            terms = [term for _, term, category in _match(tokens, index) if term in wanted]
            if terms:
                rows.append((article.id, number, sentence, ", ".join(terms)))
    return pd.DataFrame(rows, columns=FRAME_SENTENCE_COLUMNS)


# --- sentiment ------------------------------------------------------------------------


@lru_cache(maxsize=1)
def _analyzer() -> SentimentIntensityAnalyzer:
    return SentimentIntensityAnalyzer()


_CURLY = str.maketrans({"“": '"', "”": '"', "„": '"', "‘": "'", "’": "'"})


def plain_quotes(text: str) -> str:
    """``text`` with curly quotation marks and apostrophes made straight.

    VADER splits on spaces and strips only ASCII punctuation from a word, so
    ``“destructive`` with a curly mark is not found in its lexicon and scores 0.

    >>> print(plain_quotes("“destructive steps” and Ukraine’s border"))
    "destructive steps" and Ukraine's border
    """
    return text.translate(_CURLY)


def vader_scores(sentence: str) -> dict[str, float]:
    """VADER's ``neg``, ``neu``, ``pos`` and ``compound`` (-1 … 1) for one sentence, quotes made straight.

    >>> vader_scores("Grushko called them “destructive steps that are unjustified by anyone”.")["compound"]
    -0.6124
    """
    if not isinstance(sentence, str):
        raise FramesError(f"sentence must be a string, not {type(sentence).__name__}.")
    return dict(_analyzer().polarity_scores(plain_quotes(sentence)))


def sentence_sentiment(corpus: Sequence[_HasBody]) -> pd.DataFrame:
    """VADER scores of every sentence: ``article``, ``sentence`` (index), ``text``, ``compound``, ``neg``, ``neu``, ``pos``.

    Each sentence is scored by :func:`vader_scores` (curly quotes made straight
    first); ``text`` is the sentence as written.

    >>> from framelab import load_corpus
    >>> table = sentence_sentiment(load_corpus())
    >>> most_negative = table.loc[table["compound"].idxmin()]
    >>> len(table), most_negative["article"], int(most_negative["sentence"]), float(most_negative["compound"])
    (111, '001', 16, -0.8442)
    """
    corpus = _check_corpus(corpus)
    rows = []
    for article in _each(corpus, "scoring sentiment"):
        for index, (sentence, _) in enumerate(_sentences(article)):
            scores = vader_scores(sentence)
            rows.append((article.id, index, sentence, scores["compound"], scores["neg"], scores["neu"], scores["pos"]))
    return pd.DataFrame(rows, columns=SENTIMENT_COLUMNS)


def article_sentiment(corpus: Sequence[_HasBody]) -> pd.DataFrame:
    """Per article: ``sentences``, ``mean_compound`` and how many sentences are ``negative``, ``neutral``, ``positive``.

    A sentence is negative at compound ≤ -0.05, positive at ≥ 0.05 (VADER's
    usual cut-offs, :data:`NEGATIVE` and :data:`POSITIVE`), neutral between.

    >>> from framelab import load_corpus
    >>> article_sentiment(load_corpus())["sentences"].tolist()
    [20, 32, 23, 15, 21]
    """
    table = sentence_sentiment(corpus)
    ids = list(dict.fromkeys(table["article"]))
    grouped = table.groupby("article", sort=False)["compound"]
    result = pd.DataFrame(
        {
            "sentences": grouped.size(),
            "mean_compound": grouped.mean(),
            "negative": grouped.apply(lambda values: int((values <= NEGATIVE).sum())),
            "neutral": grouped.apply(lambda values: int(((values > NEGATIVE) & (values < POSITIVE)).sum())),
            "positive": grouped.apply(lambda values: int((values >= POSITIVE).sum())),
        }
    ).reindex(ids)
    result.index.name = "article"
    return result.astype({"sentences": "int64", "negative": "int64", "neutral": "int64", "positive": "int64"})


# --- concordance ----------------------------------------------------------------------


def term_pattern(term: str) -> re.Pattern[str]:
    """A case-insensitive regex for a word or phrase in running text, as :func:`concordance` matches it.

    Words of a phrase may be separated by any whitespace, a final ``*`` matches
    any ending, and straight and curly apostrophes match each other.

    >>> [m.group() for m in term_pattern("Russian threat*").finditer("the russian  threats, a Russian threat")]
    ['russian  threats', 'Russian threat']
    >>> bool(term_pattern("Ukraine's").search("Ukraine’s border"))
    True
    """
    if not isinstance(term, str) or not term.split():
        raise FramesError(
            f"term must be a word or phrase to look for, e.g. 'invasion' or 'Russian threat'; got {term!r}."
        )
    parts = []
    for word in term.split():
        stem, star = (word[:-1], True) if word.endswith("*") and len(word) > 1 else (word, False)
        piece = "".join("['’]" if character in "'’" else re.escape(character) for character in stem)
        parts.append(piece + (r"\w*" if star else ""))
    return re.compile(r"(?<!\w)" + r"\s+".join(parts) + r"(?!\w)", re.IGNORECASE)


def concordance(corpus: Sequence[_HasBody], term: str, width: int = 40) -> pd.DataFrame:
    """Keyword in context (KWIC): every occurrence of ``term`` with ``width`` characters either side.

    Matching ignores case, needs whole words, lets any run of spaces or line
    breaks separate the words of a phrase and treats ' and ’ alike; a final
    ``*`` on a word matches any ending (``inva*``: invade, invades, invasion).
    Columns ``article``, ``start`` (character offset of the match in
    ``article.body``), ``left``, ``match`` (as written) and ``right``; line
    breaks in the context become spaces. Rows follow the corpus and the text.

    >>> from framelab import Article
    >>> text = "Russia denies it. A Russian\\ninvasion, the russian invasion."
    >>> concordance([Article("a", "a.txt", "", "", "", text, text)], "russian invasion", width=8)
      article  start      left             match     right
    0       a     20  s it. A   Russian invasion  , the ru
    1       a     42  on, the   russian invasion         .
    """
    corpus = _check_corpus(corpus)
    pattern = term_pattern(term)
    whole_number(width, "width", error=FramesError, meaning="characters of context, e.g. 40")
    rows = []
    for article in corpus:
        body = article.body
        for match in pattern.finditer(body):
            left = body[max(0, match.start() - width) : match.start()]
            right = body[match.end() : match.end() + width]
            rows.append(
                (article.id, match.start(), _one_line(left), _one_line(match.group(0)), _one_line(right))
            )
    return pd.DataFrame(rows, columns=CONCORDANCE_COLUMNS)


def _one_line(text: str) -> str:
    return re.sub(r"\s", " ", text)
