"""Sentences and words without downloaded NLTK data.

Chapter 02 teaches these steps; later chapters call them from here.

* Sentences: paragraphs (blank-line separated) first, then NLTK's
  ``PunktSentenceTokenizer`` told the abbreviations these articles use, so
  "U.S." and "Gen." do not end a sentence. ``nltk.sent_tokenize`` would need
  the downloaded ``punkt_tab`` model instead.
* Words: ``NLTKWordTokenizer`` (the tokenizer behind ``nltk.word_tokenize``,
  which needs no data) on one sentence at a time, because on a whole text it
  leaves full stops glued to inner words.

Typography is handled on purpose, so the same words count the same in every
article whatever its quotes look like:

* a curly apostrophe between letters becomes a straight one: ``Ukraine’s`` is
  tokenized like ``Ukraine's`` into ``Ukraine`` + ``'s``;
* every double quotation mark (“ ” " and NLTK's ``````/``''``) becomes ``"``,
  and a single curly quotation mark (‘ ’) becomes ``'``;
* numbers with thousands separators stay whole (``3,000``) and hyphenated
  words stay whole (``build-up``).

>>> tokenize("Ukraine’s “build-up” of 100,000 troops.")
['Ukraine', "'s", '"', 'build-up', '"', 'of', '100,000', 'troops', '.']
"""

from __future__ import annotations

import re
from functools import lru_cache

from nltk.tokenize import NLTKWordTokenizer
from nltk.tokenize.punkt import PunktParameters, PunktSentenceTokenizer

#: Abbreviations Punkt must not treat as sentence ends (lower case, no final dot).
ABBREVIATIONS = frozenset(
    {"u.s", "u.k", "u.n", "gen", "sec", "lt", "col", "mr", "mrs", "ms", "dr", "st", "jan", "feb", "no"}
)

_APOSTROPHE = re.compile(r"(?<=\w)[’‘](?=\w)")
_DOUBLE_QUOTES = {"“", "”", "``", "''", '"', "„"}
_SINGLE_QUOTES = {"‘", "’"}


@lru_cache(maxsize=1)
def sentence_tokenizer() -> PunktSentenceTokenizer:
    """A Punkt sentence splitter that knows :data:`ABBREVIATIONS`, trained on nothing.

    >>> sentence_tokenizer().tokenize("Gen. Mark Milley spoke. Troops left.")
    ['Gen. Mark Milley spoke.', 'Troops left.']
    """
    parameters = PunktParameters()
    parameters.abbrev_types = set(ABBREVIATIONS)
    return PunktSentenceTokenizer(parameters)


@lru_cache(maxsize=1)
def _word_tokenizer() -> NLTKWordTokenizer:
    return NLTKWordTokenizer()


def split_sentences(text: str) -> list[str]:
    """Split ``text`` into sentences; a paragraph break always ends a sentence.

    >>> split_sentences("US troops move.\\n\\nThe U.S. Army said so. It is final.")
    ['US troops move.', 'The U.S. Army said so.', 'It is final.']
    """
    splitter = sentence_tokenizer()
    return [
        sentence
        for paragraph in re.split(r"\n\s*\n", text)
        if paragraph.strip()
        for sentence in splitter.tokenize(paragraph.strip())
    ]


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
