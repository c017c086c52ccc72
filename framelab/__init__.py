"""Framing Lab's helper package: the plumbing behind the lessons, and the tested
versions of techniques a chapter has taught, for later chapters to reuse.

>>> import framelab
>>> len(framelab.load_corpus())
5
"""

from framelab.corpus import Article, load_corpus
from framelab.corpus_note import corpus_note
from framelab.doctor import doctor
from framelab.errors import ChecksumError, CorpusError, FramelabError, LexiconError
from framelab.text import paragraph_spans, sentence_spans, split_sentences, tokenize, words

__all__ = [
    "Article",
    "ChecksumError",
    "CorpusError",
    "FramelabError",
    "LexiconError",
    "corpus_note",
    "doctor",
    "load_corpus",
    "paragraph_spans",
    "sentence_spans",
    "split_sentences",
    "tokenize",
    "words",
]
