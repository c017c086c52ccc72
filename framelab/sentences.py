"""Where sentences end: NLTK's Punkt, taught about news and trained on the corpus being read.

Punkt (Kiss and Strunk 2006, "Unsupervised Multilingual Sentence Boundary
Detection", *Computational Linguistics* 32(4): 485-525) decides whether a full
stop ends a sentence from what it knows about the words around it: which words
are abbreviations, which pairs are collocations, which capitalized words start
sentences. Framing Lab gives it that knowledge twice over:

* :func:`train_sentence_splitter` learns it from the corpus being read
  (``PunktTrainer``), and merges a documented general list of news
  abbreviations (``framelab/data/abbreviations_news.tsv``) and of words that
  start sentences (:data:`SENTENCE_STARTERS`);
* :func:`general_sentence_splitter` uses the lists alone, for text that comes
  from no corpus.

:func:`framelab.load_corpus` trains one splitter per corpus, once, and
registers it for the corpus's bodies (:func:`register_corpus`), so
``framelab.split_sentences(article.body)`` — and every module that splits an
article — uses the corpus's own splitter without passing it around. The
register holds the bodies of the last few corpora loaded
(:data:`REGISTER_SIZE` texts); any other text gets the general splitter.
A body is known by the string object ``load_corpus`` made, so the same text
in two loaded folders keeps each folder's splitter; an equal string made
elsewhere (a copy) gets the splitter of the corpus that registered it last.

>>> splitter = train_sentence_splitter(["Kirby met Sen. Reilly in the U.S. capital. They spoke."])
>>> splitter.tokenize("Troops will come from the U.S. The Pentagon said so.")
['Troops will come from the U.S.', 'The Pentagon said so.']
"""

from __future__ import annotations

import re
from collections import OrderedDict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

# Punkt's orthographic-context flags and their table (private to NLTK, stable since 2.0).
from nltk.tokenize.punkt import (
    _ORTHO_BEG_UC,
    _ORTHO_MAP,
    _ORTHO_MID_LC,
    PunktLanguageVars,
    PunktParameters,
    PunktSentenceTokenizer,
    PunktToken,
    PunktTrainer,
)

#: The general list of news abbreviations (format and sources in its header).
ABBREVIATIONS_FILE = Path(__file__).resolve().parent / "data" / "abbreviations_news.tsv"

#: Words that start sentences in English news: determiners, pronouns,
#: conjunctions, prepositions and sentence adverbs (closed-class words, our own
#: list; judged on tests/data/sentences/dev.txt, reported on test.txt). After
#: an abbreviation that may end a sentence, one of these capitalized ends it
#: ("...from the U.S. The Pentagon said"): Punkt's frequent-sentence-starter
#: heuristic (Kiss and Strunk 2006, section 4.1.3), seeded because a small
#: corpus gives too little evidence to learn it.
SENTENCE_STARTERS = frozenset(
    """a after although an and another as at because before both but by during each even every
    for from he her here his how however i if in instead it its many meanwhile more most my
    neither no nobody none nor not now of on one only or other our since so some still such
    than that the their then there these they this those though thus to two under unlike until
    we what when where whether which while who why with without yet you your""".split()
)

# Words that are never abbreviations, whatever a small corpus suggests: the
# trainer takes a rare word seen only before a full stop for one ("call us.").
_CLOSED_CLASS = SENTENCE_STARTERS | {"me", "him", "us", "them", "yes", "too"}



# --- the general abbreviation list --------------------------------------------


@dataclass(frozen=True)
class NewsAbbreviations:
    """The general list, as Punkt types (lower case, no final dot).

    ``ends`` are abbreviations that may end a sentence ("U.S.", "a.m.",
    "Inc."), ``never_final`` those that never do (titles: "Sen.", "Gen."), and
    ``digit_only`` those that are abbreviations only before a number ("No. 10").
    """

    ends: frozenset[str]
    never_final: frozenset[str]
    digit_only: frozenset[str]

    @property
    def abbreviations(self) -> frozenset[str]:
        """Every type Punkt should treat as an abbreviation by itself."""
        return self.ends | self.never_final


@lru_cache(maxsize=4)
def news_abbreviations(path: Path = ABBREVIATIONS_FILE) -> NewsAbbreviations:
    """Read the general abbreviation list (format in the file's header).

    Raises ``ValueError`` naming the file and line when a line does not have
    three tab-separated fields or its third field is not may/never/digit.

    >>> lists = news_abbreviations()
    >>> "u.s" in lists.ends, "sen" in lists.never_final, sorted(lists.digit_only)
    (True, True, ['no'])
    """
    groups: dict[str, set[str]] = {"may": set(), "never": set(), "digit": set()}
    for number, line in enumerate(Path(path).read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip() or line.startswith("#"):
            continue
        fields = line.split("\t")
        if len(fields) != 3 or fields[2] not in groups:
            raise ValueError(
                f"{path}, line {number}: expected 'abbreviation<TAB>category<TAB>may|never|digit', "
                f"got {line!r}. Fix the line or restore the file from the repository."
            )
        # "Lt. Gov." is two tokens to Punkt, each an abbreviation.
        groups[fields[2]].update(part.lower().rstrip(".") for part in fields[0].split())
    return NewsAbbreviations(frozenset(groups["may"]), frozenset(groups["never"]), frozenset(groups["digit"]))


#: Abbreviations Punkt knows without training (lower case, no final dot): every
#: entry of :data:`ABBREVIATIONS_FILE` except those that need a digit ("no").
ABBREVIATIONS = news_abbreviations().abbreviations


# --- Punkt, faster, with three news rules ---------------------------------------


class _LanguageVars(PunktLanguageVars):
    """Punkt's English settings, with its word and context patterns compiled by
    the standard ``re`` module: the same patterns, matched several times faster
    than through this NLTK's time-limited ``regex`` wrapper (a guard for
    caller-supplied patterns; these are NLTK's own). Punkt caches each compiled
    pattern in a slot on first use; filling the slots first makes it use these."""

    def __init__(self):
        flags = re.UNICODE | re.VERBOSE
        self._re_word_tokenizer = re.compile(self._word_tokenize_fmt % {
            "NonWord": self._re_non_word_chars, "MultiChar": self._re_multi_char_punct,
            "WordStart": self._re_word_start}, flags)  # fmt: skip
        self._re_period_context = re.compile(self._period_context_fmt % {
            "NonWord": self._re_non_word_chars, "SentEndChars": self._re_sent_end_chars}, flags)  # fmt: skip


_NUMERIC = re.compile(r"^-?[\.,]?\d[\d,\.-]*\.?$")  # PunktToken._RE_NUMERIC
_NON_PUNCT = re.compile(r"[^\W\d]")


@lru_cache(maxsize=65536)
def _punkt_type(token: str) -> str:
    return _NUMERIC.sub("##number##", token.lower())


class _Token(PunktToken):
    """``PunktToken`` with the same annotations, computed with ``re`` and a type cache."""

    __slots__ = ()
    _RE_ELLIPSIS = re.compile(r"\.\.+$")
    _RE_NUMERIC = _NUMERIC
    _RE_INITIAL = re.compile(r"[^\W\d]\.$")
    _RE_ALPHA = re.compile(r"[^\W\d]+$")

    def __init__(self, tok: str, parastart: bool | None = None, linestart: bool | None = None):
        self.tok = tok
        self.type = _punkt_type(tok)
        self.period_final = tok.endswith(".")
        self.parastart = parastart
        self.linestart = linestart
        self.sentbreak = self.abbr = self.ellipsis = None

    @property
    def is_ellipsis(self):
        return self.tok.endswith("..") and self._RE_ELLIPSIS.match(self.tok)

    @property
    def first_case(self):
        first = self.tok[0]
        return "lower" if first.islower() else "upper" if first.isupper() else "none"

    @property
    def is_non_punct(self):
        return _NON_PUNCT.search(self.type)


class _Trainer(PunktTrainer):
    """``PunktTrainer`` learning exactly the same parameters, faster: the first
    pass skips tokens that cannot end a sentence (no final . ? !), and the
    orthographic-context pass is NLTK's loop with the lookups inlined."""

    def _annotate_first_pass(self, tokens: Iterable[PunktToken]) -> Iterator[PunktToken]:
        annotate = self._first_pass_annotation
        for token in tokens:
            if token.tok[-1] in ".?!":
                annotate(token)
            yield token

    def _get_orthography_data(self, tokens: Iterable[PunktToken]) -> None:
        ortho, context = self._params.ortho_context, "internal"
        for token in tokens:
            if token.parastart and context != "unknown":
                context = "initial"
            if token.linestart and context == "internal":
                context = "unknown"
            first = token.tok[0]
            case = "lower" if first.islower() else "upper" if first.isupper() else "none"
            flag = _ORTHO_MAP.get((context, case), 0)
            if flag:
                kind = token.type
                if token.sentbreak and len(kind) > 1 and kind[-1] == ".":
                    kind = kind[:-1]
                ortho[kind] |= flag
            if token.sentbreak:
                context = "unknown" if token.is_number or token.is_initial else "initial"
            else:
                context = "unknown" if token.ellipsis or token.abbr else "internal"


_LANGUAGE = _LanguageVars()
_OPENING_MARKS = '“‘"\'(['
_OPENING = frozenset(_OPENING_MARKS)
# A quotation closed by ? or ! and then an attribution: “Why wait?” Reilly asked.
_CLOSED_QUESTION = re.compile(r"[?!][\"'”’)\]]*$")
_ATTRIBUTION = re.compile(
    r"(?:[a-z]|(?:[A-Z][\w'’.-]*\s+){1,3}(?:said|says|asked|asks|added|replied|told|wrote|shouted)\b)"
)
_LETTERS_AND_DOTS = re.compile(r"(?:[^\W\d_]\.){2,}")
_LIST_MARKER = re.compile(r"\(?(?:\d{1,3}|[A-Za-z])[.)]")


class NewsSentenceSplitter(PunktSentenceTokenizer):
    """Punkt with the rules of news writing that its statistics cannot learn.

    ``params`` are ordinary ``PunktParameters`` (trained or given); on top:

    * a title in ``never_final`` ("Gen.", "Sen.") never ends a sentence, even
      before a capitalized word that Punkt's evidence calls a sentence start
      ("Gen. Mark Milley");
    * the orthographic heuristic (section 4.1.1) calls a capitalized word a
      sentence start only if the corpus has seen it capitalized at one: in a
      small corpus, "never capitalized inside a sentence" is no evidence, and
      "U.S. Attorney" would split wherever "attorney" occurs in lower case;
    * a type in ``digit_only`` ("no") is an abbreviation only before a number:
      "No. 10" stays whole, "Kirby said no. The deployment..." splits;
    * a word of single letters and dots ("T.J.", "U.S.A.") is an abbreviation
      even when no list names it, as Punkt's trainer would find;
    * the word after an opening quotation mark is the one Punkt judges
      (``p.m. “It feels`` is decided on "It", not on the quotation mark);
    * a full stop ends a sentence only if Punkt decides so for *that* full
      stop: NLTK's ``text_contains_sentbreak`` also says yes when the next
      word ends one ("since Jan. 12." would split after "Jan.");
    * a quotation closed by ? or ! does not end the sentence before its
      attribution (“Why wait?” he asked. / “Why wait?” Reilly asked.);
    * a list marker ("1.", "b)") at the start of a sentence stays with its item.

    >>> splitter = general_sentence_splitter()
    >>> splitter.tokenize("Sen. Mark Reilly called. Kirby said no. The deployment is temporary.")
    ['Sen. Mark Reilly called.', 'Kirby said no.', 'The deployment is temporary.']
    """

    def __init__(
        self,
        params: PunktParameters,
        never_final: frozenset[str] = frozenset(),
        digit_only: frozenset[str] = frozenset(),
    ):
        super().__init__(params, lang_vars=_LANGUAGE, token_cls=_Token)
        self.never_final = frozenset(never_final)
        self.digit_only = frozenset(digit_only)

    def _first_pass_annotation(self, token: PunktToken) -> None:
        super()._first_pass_annotation(token)
        if not token.sentbreak or not token.period_final:
            return
        word = token.tok.lstrip(_OPENING_MARKS)  # Punkt keeps “ glued: “Mr.
        if _LETTERS_AND_DOTS.fullmatch(word) or (
            word != token.tok and word[:-1].lower() in self._params.abbrev_types
        ):
            token.sentbreak, token.abbr = False, True

    def _ortho_heuristic(self, token: PunktToken) -> bool | str:
        decision = super()._ortho_heuristic(token)
        if decision is True and not self._params.ortho_context[token.type_no_sentperiod] & _ORTHO_BEG_UC:
            return "unknown"
        return decision

    def _annotate_second_pass(self, tokens: Iterator[PunktToken]) -> Iterator[PunktToken]:
        tokens = list(tokens)
        for index, token in enumerate(tokens):
            following = tokens[index + 1] if index + 1 < len(tokens) else None
            if following is not None and following.tok[0] in _OPENING:
                word = following.tok.lstrip(_OPENING_MARKS)
                if word:  # “It (Punkt keeps a curly quote glued to its word)
                    following = self._Token(word)
                elif index + 2 < len(tokens):  # " It
                    following = tokens[index + 2]
            self._second_pass_annotation(token, following)
            yield token

    def _slices_from_text(self, text: str) -> Iterator[slice]:
        last_break = 0
        for match, context in self._match_potential_end_contexts(text):
            if self._breaks_at(context):
                yield slice(last_break, match.end())
                last_break = match.start("next_tok") if match.group("next_tok") else match.end()
        yield slice(last_break, len(text.rstrip()))

    def _breaks_at(self, context: str) -> bool:
        """Does the first candidate end in ``context`` (word, end mark, next token) end a sentence?"""
        for token in self._annotate_tokens(self._tokenize_words(context)):
            if token.tok.endswith(self._lang_vars.sent_end_chars):
                return bool(token.sentbreak)
        return False

    def _second_pass_annotation(self, token: PunktToken, following: PunktToken | None):
        reason = super()._second_pass_annotation(token, following)
        if following is None or not token.period_final:
            return reason
        # "R-Ky." is looked up as "ky", as Punkt's first pass does.
        base = token.type_no_period.split("-")[-1]
        if token.abbr and base in self.never_final:
            token.sentbreak = False
            return "title before a name"
        if base in self.digit_only and following.tok[:1].isdigit():
            token.sentbreak, token.abbr = False, True
            return "number sign before a number"
        return reason

    def span_tokenize(self, text: str, realign_boundaries: bool = True) -> Iterator[tuple[int, int]]:
        merged: list[tuple[int, int]] = []
        for start, end in super().span_tokenize(text, realign_boundaries):
            if merged and self._continues(text[merged[-1][0]:merged[-1][1]], text[start:end]):
                merged[-1] = (merged[-1][0], end)
            else:
                merged.append((start, end))
        return iter(merged)

    @staticmethod
    def _continues(previous: str, sentence: str) -> bool:
        """True when ``sentence`` is not a new sentence but the rest of ``previous``."""
        if _LIST_MARKER.fullmatch(previous):
            return True
        return bool(_CLOSED_QUESTION.search(previous) and _ATTRIBUTION.match(sentence))


def _parameters(
    abbreviations: Iterable[str] = (), starters: Iterable[str] = (), trained: PunktParameters | None = None
) -> PunktParameters:
    """Trained parameters (or none) merged with the general lists.

    The starters also get the orthographic evidence Punkt would collect for
    them in a large corpus, capitalized at sentence starts and lower case
    inside sentences, so that an initial before one of them can end a
    sentence ("...known as Plan B. The plan...").
    """
    parameters = PunktParameters()
    if trained is not None:
        parameters.abbrev_types = set(trained.abbrev_types)
        parameters.collocations = set(trained.collocations)
        parameters.sent_starters = set(trained.sent_starters)
        parameters.ortho_context.update(trained.ortho_context)
    parameters.abbrev_types |= set(abbreviations)
    parameters.sent_starters |= set(starters)
    for word in starters:
        if word != "i":  # "I" is never lower case
            parameters.add_ortho_context(word, _ORTHO_BEG_UC | _ORTHO_MID_LC)
    return parameters


@lru_cache(maxsize=1)
def general_sentence_splitter() -> NewsSentenceSplitter:
    """The Punkt splitter that knows the general lists only, trained on nothing.

    >>> general_sentence_splitter().tokenize("The briefing began at 10 a.m. on Tuesday. It ended.")
    ['The briefing began at 10 a.m. on Tuesday.', 'It ended.']
    """
    lists = news_abbreviations()
    return NewsSentenceSplitter(
        _parameters(lists.abbreviations, SENTENCE_STARTERS), lists.never_final, lists.digit_only
    )


def train_sentence_splitter(texts: Iterable[str]) -> NewsSentenceSplitter:
    """A Punkt splitter trained on a corpus and merged with the general lists.

    ``texts`` are the documents (e.g. ``[a.body for a in corpus]``), read
    once: NLTK's ``PunktTrainer`` learns from all of them together which words
    are abbreviations, which pairs are collocations ("F. Kennedy"), which
    words start sentences and in which letter case each word appears where
    (Kiss and Strunk 2006, sections 3-4). The general list
    (:func:`news_abbreviations`) and :data:`SENTENCE_STARTERS` are added on
    top; "no" is never learned as an abbreviation (it is one only before a
    number). The same texts always give the same splitter. Train once per
    corpus (:func:`register_corpus` does, for ``load_corpus``) and pass the
    result to :func:`framelab.text.split_sentences`.

    >>> texts = ["Kirby met Sen. Reilly at the U.S. embassy. They spoke.", "It rained."]
    >>> splitter = train_sentence_splitter(texts)
    >>> splitter.tokenize("Troops will come from the U.S. The Pentagon said so.")
    ['Troops will come from the U.S.', 'The Pentagon said so.']
    """
    lists = news_abbreviations()
    trainer = _Trainer(lang_vars=_LANGUAGE, token_cls=_Token)
    trainer.train("\n\n".join(texts), finalize=True)
    trained = trainer.get_params()
    # Punkt types every number as "##number##"; a corpus whose numbers often end
    # sentences ("on day 5.") would teach it that all numbers are abbreviations.
    trained.abbrev_types -= lists.digit_only | _CLOSED_CLASS | {"##number##"}
    return NewsSentenceSplitter(
        _parameters(lists.abbreviations, SENTENCE_STARTERS, trained), lists.never_final, lists.digit_only
    )


def default_sentence_splitter() -> NewsSentenceSplitter:
    """What ``splitter=None`` means: :func:`general_sentence_splitter`.

    Decided on tests/data/sentences/dev.txt against the other candidate, a
    splitter trained on the text being split: both score precision 1.000 and
    recall 0.988 there, and the general one needs no training per call and
    splits a passage the same wherever it occurs. Code that has a corpus
    passes the corpus's own splitter instead (:func:`train_sentence_splitter`).

    >>> default_sentence_splitter() is general_sentence_splitter()
    True
    """
    return general_sentence_splitter()


# --- one splitter per corpus ------------------------------------------------------

#: How many texts the register remembers (the bodies of the last corpora loaded);
#: enough for several corpora of 1,000 articles, a few MB of references at most.
REGISTER_SIZE = 20_000

# body text -> the splitter trained on its corpus. Keyed by the text itself, so a
# body edited by a student (a new string) falls back to the general splitter.
_REGISTER: OrderedDict[str, PunktSentenceTokenizer] = OrderedDict()
# id of a registered body string -> (that string, its corpus's splitter). The same text
# in two corpora (an article copied into a second folder) is two string objects: this
# keeps each corpus's own splitter, where _REGISTER keeps the last one registered.
# The string is held, so its id is not reused while the entry lives.
_OWN: OrderedDict[int, tuple[str, PunktSentenceTokenizer]] = OrderedDict()


@lru_cache(maxsize=4)
def _trained_for(texts: tuple[str, ...]) -> NewsSentenceSplitter:
    return train_sentence_splitter(texts)


def register_corpus(texts: Sequence[str]) -> NewsSentenceSplitter:
    """Train a splitter on ``texts`` (once per distinct corpus) and use it for each of them.

    Returns the splitter. Loading the same corpus again reuses the trained
    one (the last 4 corpora are kept), so the parameters are computed once
    per corpus, not per call. Afterwards :func:`splitter_for` gives it for
    any of ``texts``.

    >>> bodies = ["The talks began at 10 a.m. on Tuesday. They ended at noon."]
    >>> register_corpus(bodies) is splitter_for(bodies[0])
    True
    """
    texts = tuple(texts)
    splitter = _trained_for(texts)
    for text in texts:
        _REGISTER[text] = splitter
        _REGISTER.move_to_end(text)
        _OWN[id(text)] = (text, splitter)
        _OWN.move_to_end(id(text))
    for register in (_REGISTER, _OWN):
        while len(register) > REGISTER_SIZE:
            register.popitem(last=False)
    return splitter


def splitter_for(text: str) -> PunktSentenceTokenizer:
    """The splitter for ``text``: its corpus's own when it is a registered body, else the general one.

    A body string registered by :func:`register_corpus` gets the splitter it was
    registered with, even when another corpus holding the same text was
    registered later; an equal string that is not that object gets the splitter
    of the last corpus registered with the text.

    >>> splitter_for("A sentence no corpus holds.") is general_sentence_splitter()
    True
    """
    own = _OWN.get(id(text))
    if own is not None and own[0] is text:
        return own[1]
    return _REGISTER.get(text) or default_sentence_splitter()
