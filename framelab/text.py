"""Paragraphs, sentences and words without downloaded NLTK data.

Chapter 02 teaches these steps; later chapters call them from here.

* Paragraphs: a blank line (a line holding only whitespace) ends one; a single
  newline is a hard wrap inside it (:func:`paragraph_spans`).
* Sentences: NLTK's ``PunktSentenceTokenizer`` on each paragraph, so no
  sentence crosses a paragraph break (:func:`sentence_spans`). Punkt (Kiss and
  Strunk 2006, "Unsupervised Multilingual Sentence Boundary Detection",
  *Computational Linguistics* 32(4): 485-525) decides whether a full stop ends
  a sentence from what it knows about the words around it: which words are
  abbreviations, and which capitalized words start sentences. The splitter is
  trained on the corpus being read and knows a general list of news
  abbreviations (:mod:`framelab.sentences`); ``load_corpus`` trains it once
  per corpus, and ``split_sentences(article.body)`` uses it.
  ``nltk.sent_tokenize`` would need the downloaded ``punkt_tab`` model instead.
* Words: ``NLTKWordTokenizer`` (the tokenizer behind ``nltk.word_tokenize``,
  which needs no data) on one sentence at a time, because on a whole text it
  leaves full stops glued to inner words.

The text is expected normalized (:func:`framelab.typography.normalize`:
line endings, invisible characters, ellipses, dashes); ``load_corpus`` does
that once for every article. Tokens are normalized on top, so the same words
count the same in every article whatever its quotes look like:

* a curly apostrophe between letters becomes a straight one: ``Ukraine’s`` is
  tokenized like ``Ukraine's`` into ``Ukraine`` + ``'s``;
* every double quotation mark (“ ” " and NLTK's ``````/``''``) becomes ``"``,
  and a single curly quotation mark (‘ ’) becomes ``'``;
* numbers with thousands separators stay whole (``3,000``) and hyphenated
  words stay whole (``build-up``).

>>> tokenize("Ukraine’s “build-up” of 100,000 troops.")
['Ukraine', "'s", '"', 'build-up', '"', 'of', '100,000', 'troops', '.']
>>> split_sentences("Troops will come from the U.S. The Pentagon said so.")
['Troops will come from the U.S.', 'The Pentagon said so.']
"""

from __future__ import annotations

import re
from functools import lru_cache

from nltk.tokenize import NLTKWordTokenizer
from nltk.tokenize.punkt import PunktSentenceTokenizer

# The splitter lives in framelab.sentences; these names stay importable from here.
from framelab.sentences import (  # noqa: F401
    ABBREVIATIONS,
    SENTENCE_STARTERS,
    NewsSentenceSplitter,
    default_sentence_splitter,
    general_sentence_splitter,
    news_abbreviations,
    register_corpus,
    splitter_for,
    train_sentence_splitter,
)

_APOSTROPHE = re.compile(r"(?<=\w)[’‘](?=\w)")
_DOUBLE_QUOTES = {"“", "”", "``", "''", '"', "„"}
_SINGLE_QUOTES = {"‘", "’"}


def _standard_re(pattern):
    """NLTK's ``pattern`` compiled by the standard ``re`` module (same pattern,
    same flags), or ``pattern`` itself where ``re`` cannot compile it
    (possessive quantifiers need Python 3.11)."""
    compiled = getattr(pattern, "_rx", None)  # nltk.redos.TimedPattern wraps a `regex` pattern
    if compiled is None:
        return pattern
    # The `regex` module gives these four flags the same values as `re`.
    flags = compiled.flags & (re.IGNORECASE | re.MULTILINE | re.DOTALL | re.VERBOSE)
    try:
        return re.compile(compiled.pattern, flags)
    except re.error:
        return pattern


class _WordTokenizer(NLTKWordTokenizer):
    """``NLTKWordTokenizer`` with its own patterns compiled by the standard
    ``re`` module: the same tokens, about twice as fast as through this NLTK's
    time-limited ``regex`` wrapper (a guard for caller-supplied patterns; these
    are NLTK's fixed ones). tests/test_text.py checks the tokens are identical."""

    STARTING_QUOTES = [(_standard_re(p), r) for p, r in NLTKWordTokenizer.STARTING_QUOTES]
    ENDING_QUOTES = [(_standard_re(p), r) for p, r in NLTKWordTokenizer.ENDING_QUOTES]
    PUNCTUATION = [(_standard_re(p), r) for p, r in NLTKWordTokenizer.PUNCTUATION]
    CONVERT_PARENTHESES = [(_standard_re(p), r) for p, r in NLTKWordTokenizer.CONVERT_PARENTHESES]
    PARENS_BRACKETS = (_standard_re(NLTKWordTokenizer.PARENS_BRACKETS[0]), NLTKWordTokenizer.PARENS_BRACKETS[1])
    DOUBLE_DASHES = (_standard_re(NLTKWordTokenizer.DOUBLE_DASHES[0]), NLTKWordTokenizer.DOUBLE_DASHES[1])
    CONTRACTIONS2 = [_standard_re(p) for p in NLTKWordTokenizer.CONTRACTIONS2]
    CONTRACTIONS3 = [_standard_re(p) for p in NLTKWordTokenizer.CONTRACTIONS3]


@lru_cache(maxsize=1)
def _word_tokenizer() -> NLTKWordTokenizer:
    return _WordTokenizer()


# --- paragraphs and sentences ----------------------------------------------------

_BLANK_LINE = re.compile(r"\n[^\S\n]*\n\s*")


def paragraph_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) character offsets of the paragraphs of ``text``.

    A paragraph ends at a blank line (a line holding only whitespace); a single
    newline inside a paragraph is a hard wrap. Spans exclude surrounding whitespace.

    >>> text = "One\\nwrapped.\\n \\n  Two.\\n"
    >>> [text[a:b] for a, b in paragraph_spans(text)]
    ['One\\nwrapped.', 'Two.']
    """
    spans = []
    start = 0
    for match in [*_BLANK_LINE.finditer(text), None]:
        end = match.start() if match else len(text)
        chunk = text[start:end]
        if chunk.strip():
            spans.append((start + len(chunk) - len(chunk.lstrip()), start + len(chunk.rstrip())))
        if match:
            start = match.end()
    return spans


def sentence_spans(text: str, splitter: PunktSentenceTokenizer | None = None) -> list[tuple[int, int]]:
    """(start, end) offsets into ``text`` of each sentence; none crosses a paragraph break.

    ``splitter`` is a Punkt splitter; ``None`` means the corpus's own when
    ``text`` is the body of an article :func:`framelab.load_corpus` read
    (:func:`framelab.sentences.splitter_for`), else the general one. Each paragraph (:func:`paragraph_spans`)
    is split with its ``span_tokenize``.

    >>> text = "US troops move.\\n\\nThe U.S. Army said so. It is final."
    >>> sentence_spans(text)
    [(0, 15), (17, 39), (40, 52)]
    """
    splitter = splitter_for(text) if splitter is None else splitter
    return [
        (start + a, start + b)
        for start, end in paragraph_spans(text)
        for a, b in splitter.span_tokenize(text[start:end])
    ]


def split_sentences(text: str, splitter: PunktSentenceTokenizer | None = None) -> list[str]:
    """Split ``text`` into sentences; a paragraph break always ends a sentence.

    >>> split_sentences("US troops move.\\n\\nThe U.S. Army said so. It is final.")
    ['US troops move.', 'The U.S. Army said so.', 'It is final.']
    """
    return [text[a:b] for a, b in sentence_spans(text, splitter)]


def tokenize_sentence(sentence: str) -> list[str]:
    """Word tokens of one sentence, with quotes and apostrophes normalized.

    >>> tokenize_sentence('Kirby said, "These forces won’t fight."')
    ['Kirby', 'said', ',', '"', 'These', 'forces', 'wo', "n't", 'fight', '.', '"']
    """
    return list(_sentence_tokens(sentence))


# Later chapters tokenize the same few hundred sentences many times (frame
# profiles, hedges, alignment, the explorer); remembering the result of this
# pure function saves most of that work. A tuple, so no caller can change it.
@lru_cache(maxsize=8192)
def _sentence_tokens(sentence: str) -> tuple[str, ...]:
    tokens = _word_tokenizer().tokenize(_APOSTROPHE.sub("'", sentence))
    return tuple(_normalize_quote(token) for token in tokens)


def _normalize_quote(token: str) -> str:
    if token in _DOUBLE_QUOTES:
        return '"'
    if token in _SINGLE_QUOTES:
        return "'"
    return token


def tokenize(text: str) -> list[str]:
    """All word and punctuation tokens of ``text``, sentence by sentence.

    >>> tokenize("The U.S. sent 3,000 troops. They left.")
    ['The', 'U.S.', 'sent', '3,000', 'troops', '.', 'They', 'left', '.']
    """
    return [token for sentence in split_sentences(text) for token in tokenize_sentence(sentence)]


def is_word(token: str) -> bool:
    """True for tokens that hold a letter or digit (words and numbers, not punctuation).

    >>> [is_word(t) for t in ["troops", "3,000", "'s", ",", '"']]
    [True, True, True, False, False]
    """
    return any(character.isalnum() for character in token)


def words(text: str, lower: bool = False) -> list[str]:
    """The word tokens of ``text`` (no punctuation), optionally case-folded.

    >>> words("NATO’s allies, Poland and Romania.", lower=True)
    ['nato', "'s", 'allies', 'poland', 'and', 'romania']
    """
    found = [token for token in tokenize(text) if is_word(token)]
    return [token.lower() for token in found] if lower else found


def sentence_words(sentence: str) -> list[str]:
    """The lower-cased word tokens of one sentence (already split), as later chapters compare them.

    >>> sentence_words("Kirby said: “These forces won’t fight.”")
    ['kirby', 'said', 'these', 'forces', 'wo', "n't", 'fight']
    """
    return [token.lower() for token in tokenize_sentence(sentence) if is_word(token)]
