"""Who speaks, and with which numbers: quotations, speakers, reporting verbs and numbers.

Chapter 06 teaches these steps; later chapters call them from here.

* :func:`quotation_spans`: the one definition of a direct quotation in framelab (``reuse`` uses it too).
* :func:`find_quotations`: the quotations with a speaker and a reporting verb.
* :func:`attribution_ledger`: per article, who is quoted, how often, with how many words, for which side.
* :func:`numbers_ledger` (from :mod:`framelab.numbers`): every number in context, with the value meant.

Speakers are found the way a careful reader finds them, with rules, not a model: a **reporting verb**
(``framelab/data/reporting_verbs.tsv``) next to the quotation, and its subject: a name from the speaker table
(``framelab/data/speakers.tsv``, also matched by surname), a **title + name** ("spokesman John Kirby"), a **name +
apposition** ("Anna Kowalska, the mayor"), or a **pronoun** (he, she, it) or **description** ("the American
president") that refers back. A speaker is given only when the text decides it (rules in :func:`find_quotations`);
otherwise the speaker is ``""``. Nothing is guessed on purpose, yet rules can be wrong: on held-out news sentences
of our own (``tests/test_voices.py``: pronouns 20, attributions 30) they gave the reader's answer 17 and 27 times (a
speaker, or nobody where the text does not say), left 3 and 2 unattributed, and gave 0 and 1 wrong speaker.

>>> quotes, unmatched = find_quotations('“We are ready,” Kirby said. "Not permanent," he added.')
>>> [(q.text, q.speaker, q.verb, q.side) for q in quotes]
[('We are ready,', 'John Kirby', 'said', 'US'), ('Not permanent,', 'John Kirby', 'added', 'US')]
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache

import pandas as pd
from nltk.tokenize.punkt import PunktSentenceTokenizer

from framelab import quotemarks
from framelab.errors import FramelabError
from framelab.lexicons import DATA, load_lexicon, stop_words

# Chapter 06 meets the numbers ledger beside the quotation ledger; it lives in framelab.numbers.
from framelab.numbers import NUMBER_COLUMNS, numbers_ledger  # noqa: F401
from framelab.text import paragraph_spans, sentence_spans, words
from framelab.validators import article_list

LEDGER_COLUMNS = ["article", "speaker", "side", "quotations", "quoted_words"]
UNATTRIBUTED = "(unattributed)"

#: Other names the articles use for a speaker in ``speakers.tsv`` (lower case).
ALIASES = {"united states": "us", "washington": "us", "north atlantic alliance": "nato"}
#: Names that are bodies, not people: "it" can point back to them, "he"/"she" cannot.
BODIES = {"us", "pentagon", "russia", "kremlin", "nato", "downing street", "washington and the european union"}
#: How speakers are written in tables (others are title-cased).
DISPLAY = {"us": "US", "nato": "NATO", "washington and the european union": "Washington and the European Union"}
#: Nouns naming a person by role (singular). Written for framelab from general news usage, not fitted to the five
#: articles; judged on the held-out sets in tests/test_voices.py. Before a name they are a title ("spokesman John
#: Kirby"); after "Name," an apposition; "the <role>" alone is a description; any other "a/an/his/Poland's/
#: a Pentagon <role>" is a person without a name.
ROLES = (
    "president", "prime minister", "minister", "spokesman", "spokeswoman", "spokesperson", "secretary",
    "chancellor", "ambassador", "envoy", "diplomat", "official", "mayor", "governor", "senator", "general",
    "commander", "officer", "adviser", "advisor", "aide", "chief", "counterpart", "premier", "lawmaker",
    "councillor", "councilor", "leader", "negotiator", "analyst", "chairman", "chairwoman", "king", "queen",
    "prince", "princess", "nurse", "doctor", "resident", "soldier", "witness", "director", "representative",
    "deputy", "assistant", "source", "insider", "staffer", "expert",
)
#: Gender a title or role states: the evidence that lets he/she choose between people.
GENDERED = {"spokesman": "m", "chairman": "m", "king": "m", "prince": "m", "mr": "m", "sir": "m",
            "spokeswoman": "f", "chairwoman": "f", "queen": "f", "princess": "f", "mrs": "f", "ms": "f", "miss": "f"}
#: Very common given names (English, Polish, Ukrainian, Russian; written for framelab from general
#: knowledge, not fitted). Used only to refuse ("Mary Smith … he said" stays unattributed), never to choose.
GIVEN = dict.fromkeys(
    "james robert john joe michael david william richard joseph thomas charles daniel mark paul andrew peter "
    "george boris vladimir sergei sergey dmitry dmytro volodymyr oleksandr alexander andriy ivan mykola piotr "
    "tomasz krzysztof andrzej pawel".split(), "m") | dict.fromkeys(
    "mary patricia jennifer linda elizabeth barbara susan karen sarah lisa nancy margaret anna maria olga olena "
    "elena natalia iryna irina tetiana tatiana yulia svetlana katarzyna agnieszka ewa joanna".split(), "f")
#: Verbs that put words in someone's mouth by naming ("Biden had called him “a killer”"): their subject is
#: the source of the words, as for a reporting verb; not in reporting_verbs.tsv because they report no speech.
NAMING_VERBS = dict.fromkeys("call calls called dubbed branded labelled labeled termed".split(), "other")

_OPEN, _CLOSE, _STRAIGHT = "“", "”", '"'
_CURLY_MARK, _STRAIGHT_MARK = re.compile("[“”]"), re.compile('"')
_WORD = re.compile(r"[A-Za-z][\w’'-]*")
_CAP = r"[A-Z][a-z][\w’'-]*"
_NAME = rf"{_CAP}(?:[ -]{_CAP}){{1,2}}"  # two or three capitalised words
_TITLES = (
    r"[Pp]resident|[Mm]inister|[Ss]ecretary(?:-[Gg]eneral)?|[Ss]pokes(?:man|woman|person)|[Cc]hairman|"
    r"[Cc]hairwoman|[Cc]hancellor|[Aa]mbassador|[Ss]enator|[Gg]overnor|[Mm]ayor|[Ee]nvoy|[Cc]ommander|"
    r"Gen\.|Sen\.|Rep\.|Gov\.|Adm\.|Col\.|Lt\.|Maj\.|Dr\.|Mr\.|Mrs\.|Ms\."
)
_TITLE_NAME = re.compile(rf"\b({_TITLES})\s+({_NAME})")
_PRONOUN = re.compile(r"\b([Hh]e|[Ss]he|[Ii]t)\b(?!’s|'s)")
# "him", and "her" ending a clause, are someone else than the subject of their clause ("Nauseda greeted him").
_OBJECT = re.compile(r"\b(him|her)\b(?=\s*[.,;:!?]|\s+(?:on|at|to|in|for|with|about|after|before)\b)")
_ROLE = "|".join(ROLES)
_DESCRIPTION = re.compile(rf"\b[Tt]he\s+(?:[A-Za-z’'-]+\s+){{0,2}}?({_ROLE})\b(?!\s+(?:[A-Z]|of\s+[A-Z]))")
_UNNAMED = re.compile(
    rf"(?:\b(?i:a|an|one|another|his|her|its|their)|[’']s)\s+(?:[\w-]+\s+){{0,2}}?({_ROLE})\b(?!\s+[A-Z]|,\s+[A-Z])"
)
_APPOSITION = re.compile(rf"\b({_NAME}),\s+(?:the|a|an|his|her|its|[A-Z][\w]*[’']s)\s")
_AFTER_ROLE = re.compile(rf"\b(?:{_ROLE}),\s+({_NAME}),")
_TITLE_GAP = re.compile(r"\s+(?:[A-Z][a-z]{1,3}\.\s+)?")  # between a title and its name: a space, or "Gen."
# After a body or person, a title ending right before another person ("Pentagon spokesman John Kirby",
# "US Secretary of State Antony Blinken"); a role held by someone unnamed ("a Pentagon official",
# "Kirby's deputy", "NATO diplomats"); before one, a role it belongs to ("an aide to", "a spokesman for the").
_MODIFIER = r"(?:deputy|press|foreign|defen[cs]e|national|security|senior|chief|vice|acting|former|top|military)"
_TITLE_AHEAD = re.compile(rf"(?:[’']s)?\s+(?:(?:[A-Z][\w’'.-]*|{_MODIFIER})\s+){{0,3}}?(?i:{_ROLE}|{_TITLES})s?"
                          rf"(?:\s+(?:of|for|the|and|[A-Z][\w’'-]*)){{0,3}}\s+(?:[A-Z][a-z]{{1,3}}\.\s+)?")
_ROLE_AFTER = re.compile(rf"(?:[’']s)?\s+(?:{_MODIFIER}\s+){{0,2}}?((?i:{_ROLE}))s?\b(?!\s+[A-Z]|,\s+[A-Z])")
_ROLE_OF = re.compile(rf"\b(?i:{_ROLE})s?\s+(?:to|for|of|at)\s+(?:the\s+)?$")
_RUN = re.compile(rf"\b({_NAME})")  # any other run of capitalised words: perhaps a person
# Words before a run of capitalised words that make it a place or a body ("in Eastern Europe",
# "the UN Security Council"), not a person; unless a person is met, thanked, spoken with or to.
_PLACE_BEFORE = re.compile(r"\b(?i:the|a|an|in|at|on|to|of|from|near|into|across|for)\s(?:[A-Z]{2,}\s)?$")
_PERSON_BEFORE = re.compile(
    r"(?:\b(?:with|by|beside|alongside|against|than|behind|met|meets|meeting|phoned|thanked|greeted|told|asked|urged|"
    r"invited|hosted|joined|received|briefed|praised|critici[sz]ed|accused|congratulated|interviewed)|"
    r"\b(?:next|spoke|speaking|talked|talking|wrote|said|explained|complained|replied|listened)\s+to)\s$"
)
_AND = re.compile(r"\s+(?:and|or)\s+")
_AUXILIARY = set("had has have was were is would will could did does can may might must should".split())
# One capitalised word (a surname, a place, a weekday...); a person only where _person_slot says so.
_SINGLE = re.compile(r"\b[A-Z][a-z]+(?:[’'-][A-Za-z]+)*\b(?![’'-]?[A-Z])")
#: Single capitalised words that are never a person: weekdays, months, news agencies (general news usage).
_NOT_PERSON = re.compile(r"(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day|January|February|March|April|May|June|July|"
                         r"August|September|October|November|December|Interfax|Reuters|Bloomberg|Politico|Axios|"
                         r"Ukrinform|Sputnik|Izvestia|Kommersant")
#: Things that can "say" without being a named body; they keep "it" from being resolved.
_THINGS = re.compile(r"\b(?:ministry|government|agency|office|department|council|committee|commission|report|"
                     r"document|newspaper|embassy|statement)\b")


class VoicesError(FramelabError):
    """Input that quotation or number extraction cannot work with; the message names the argument."""


@dataclass(frozen=True)
class Quotation:
    """One direct quotation: offsets into the article body, the words, who said them.

    ``start`` is the offset of the opening mark, ``end`` the offset just after the closing mark, so
    ``body[start:end]`` shows the quotation with its marks. ``text`` holds the words between the marks: a
    paragraph break inside the quotation is one ``\\n``, a hard wrap one space. ``speaker``, ``verb`` and
    ``side`` are ``""`` when the text names no speaker.
    """

    article: str
    start: int
    end: int
    text: str
    speaker: str = ""
    verb: str = ""
    side: str = ""


# --- data files -----------------------------------------------------------------


@lru_cache(maxsize=1)
def reporting_verbs() -> dict[str, str]:
    """Reporting verb form → group (neutral, assertive, doubt, other), from ``reporting_verbs.tsv``.

    >>> reporting_verbs()["said"], reporting_verbs()["stressed"], reporting_verbs()["claimed"]
    ('neutral', 'assertive', 'doubt')
    """
    return load_lexicon(DATA / "reporting_verbs.tsv")


@lru_cache(maxsize=1)
def speakers() -> dict[str, str]:
    """Speaker (lower case) → side (US, Russia, Ukraine, NATO/Europe, other), from ``speakers.tsv``.

    >>> speakers()["john kirby"], speakers()["dmytro kuleba"]
    ('US', 'Ukraine')
    """
    return load_lexicon(DATA / "speakers.tsv")


def display_name(speaker: str) -> str:
    """How a speaker from ``speakers.tsv`` is written in tables.

    >>> display_name("john kirby"), display_name("us")
    ('John Kirby', 'US')
    """
    return DISPLAY.get(speaker, " ".join(word.capitalize() for word in speaker.split()))


def side_of(speaker: str) -> str:
    """The side of a speaker as written in tables; ``""`` for unknown or unattributed speakers.

    >>> side_of("Vladimir Putin"), side_of("Someone Else"), side_of("")
    ('Russia', '', '')
    """
    key = " ".join(speaker.lower().split())
    return speakers().get(ALIASES.get(key, key), "")


# --- finding quotation marks ---------------------------------------------------------


def quotation_spans(text: str) -> tuple[list[tuple[int, int, str]], list[int]]:
    """Every top-level direct quotation of ``text`` as ``(start, end, words)``, and unmatched marks.

    A quotation is text between curly “…” or straight "…" double marks, « », „ “, or single ‘…’ used as the outer
    marks (the rules, apostrophes included, are :mod:`framelab.quotemarks`', which this calls), paired within a
    paragraph (:func:`framelab.text.paragraph_spans`: a blank line ends one, a single newline is a hard wrap); nested
    quotations stay inside the outer one; a quotation running over paragraphs (no closing mark at the end of each
    but the last, an opening one at the start of each next) is one quotation; a mark without a partner is reported
    and skipped. ``start`` is the offset of the opening mark, ``end`` just after the closing one; ``words`` as in
    :attr:`Quotation.text`. The second list holds the offsets of marks without a partner (outside any quotation),
    sorted.

    >>> text = 'He said “one\\nline” and\\n\\n“two paragraphs.\\n\\n“Here.” A stray ” mark.'
    >>> quotation_spans(text)
    ([(8, 18, 'one line'), (24, 49, 'two paragraphs.\\nHere.')], [58])
    """
    if not isinstance(text, str):
        raise VoicesError(f"text must be a string (an article body), not {type(text).__name__}.")
    return quotemarks.quotation_spans(text)


# --- speakers -------------------------------------------------------------------------


@lru_cache(maxsize=1)
def _name_pattern() -> re.Pattern[str]:
    names = set(speakers()) | set(ALIASES)
    for name in speakers():
        if len(name.split()) > 1 and name not in BODIES:
            names.add(name.split()[-1])  # surname
    alternatives = sorted(names, key=len, reverse=True)
    return re.compile(r"\b(" + "|".join(re.escape(name) for name in alternatives) + r")\b", re.IGNORECASE)


@lru_cache(maxsize=1)
def _beside_verb() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """An unknown name before a reporting verb or a past tense ("Anna Nowak said", "Anna Nowak welcomed"),
    and after a reporting verb ("said Anna Nowak")."""
    verbs = "|".join(sorted(reporting_verbs(), key=len, reverse=True))
    return (re.compile(rf"\b({_NAME})\s+(?=(?:{verbs}|[a-z]+ed)\b)"),
            re.compile(rf"\b(?:{verbs})\s+({_NAME})\b"))


def _canonical(name: str) -> str:
    key = " ".join(name.lower().split())
    key = ALIASES.get(key, key)
    if key in speakers():
        return key
    for full in speakers():
        if full not in BODIES and full.split()[-1] == key:
            return full
    return key


@dataclass(frozen=True)
class _Mention:
    start: int
    end: int
    speaker: str  # canonical lower-case name; "" for pronouns, descriptions and unnamed people
    kind: str  # person, body, name (beside a verb), other (another capitalised run, or a lone word where a
    #            person stands), unnamed, thing, he, she, it, him, her (as an object), description
    role: str = ""  # the role word of a description or title


class _Found:
    """The mentions found so far, by start offset. Their starts are also kept in buckets of :data:`_BUCKET`
    characters, so the mentions near an offset are found without visiting every mention (a 5 MB article has
    tens of thousands): the rules below only ever ask about mentions a few words away."""

    def __init__(self) -> None:
        self.by_start: dict[int, _Mention] = {}
        self._buckets: dict[int, set[int]] = {}
        self.longest = 0  # the longest mention yet: a mention overlapping [start, end) starts after start - longest

    def add(self, mention: _Mention) -> None:
        self.by_start[mention.start] = mention
        self._buckets.setdefault(mention.start // _BUCKET, set()).add(mention.start)
        self.longest = max(self.longest, mention.end - mention.start)

    def remove(self, start: int) -> None:
        del self.by_start[start]
        self._buckets[start // _BUCKET].discard(start)

    def starting(self, lo: int, hi: int) -> list[_Mention]:
        """The mentions starting in [lo, hi), in no particular order."""
        if hi <= lo:
            return []
        return [self.by_start[s] for k in range(lo // _BUCKET, (hi - 1) // _BUCKET + 1)
                for s in self._buckets.get(k, ()) if lo <= s < hi]

    def overlaps(self, start: int, end: int) -> bool:
        return any(m.end > start for m in self.starting(start - self.longest + 1, end))

    def ending_at(self, offset: int) -> list[_Mention]:
        return [m for m in self.starting(offset - self.longest, offset) if m.end == offset]


_BUCKET = 64
# Supersets of the gaps the rules test with fullmatch, matched forwards from an offset: a mention starting after
# their end cannot pass the test. _TITLE_AHEAD spans at most 9 whitespace-separated words of [\w’'.-] (3 before
# the role, 2 of it, 3 after, an abbreviation), _TITLE_GAP one, _AND one.
_TITLE_AHEAD_REACH = re.compile(r"(?:[’']s)?\s+(?:[\w’'.-]+\s+){0,12}")
_TITLE_GAP_REACH = re.compile(r"\s+(?:[\w’'.-]+\s+)?")
_AND_REACH = re.compile(r"[\sandor]*")


def _reach(pattern: re.Pattern[str], text: str, offset: int) -> int:
    match = pattern.match(text, offset)
    return match.end() if match else offset


def _and_back(text: str, offset: int) -> int:
    """The first offset of the run of spaces and the letters of "and"/"or" ending at ``offset``."""
    while offset and (text[offset - 1] in "andor" or text[offset - 1].isspace()):
        offset -= 1
    return offset


def _in_quotes(quotes: list[tuple[int, int]]) -> Callable[[int, int], bool]:
    """A test ``(start, end) -> bool``: does ``start`` or ``end`` fall inside a quotation (as ``a <= start < b or
    a < end <= b``)? Bisects the sorted openings, with the furthest end reached so far, so overlapping or unsorted
    spans give the same answers as visiting every span."""
    ordered = sorted(quotes)
    opens = [a for a, _ in ordered]
    furthest, reach = [], -1
    for _, b in ordered:
        reach = max(reach, b)
        furthest.append(reach)

    def inside(start: int, end: int) -> bool:
        k = bisect.bisect_right(opens, start)  # spans with a <= start
        if k and furthest[k - 1] > start:
            return True
        k = bisect.bisect_left(opens, end)  # spans with a < end
        return bool(k) and furthest[k - 1] >= end

    return inside


def _mentions(text: str, quotes: list[tuple[int, int]]) -> list[_Mention]:
    """Speakers and references outside the quotations, in text order (one mention per offset)."""
    found = _Found()
    quoted = _in_quotes(quotes)

    def free(start: int, end: int) -> bool:
        return not quoted(start, end) and not found.overlaps(start, end)

    for match in _name_pattern().finditer(text):
        word = match.group(1)
        if word[0].isupper() and (word.lower() != "us" or word == "US") and free(*match.span()):
            key = _canonical(word)
            found.add(_Mention(*match.span(), key, "body" if key in BODIES else "person"))
    for match in _TITLE_NAME.finditer(text):
        if free(*match.span(2)):
            role = match.group(1).lower().rstrip(".")
            found.add(_Mention(*match.span(2), _canonical(match.group(2)), "person", role))
    beside_verb = _beside_verb()
    patterns = ((_APPOSITION, "person"), (_AFTER_ROLE, "person"), (beside_verb[0], "name"),
                (beside_verb[1], "name"), (_RUN, "other"))
    for pattern, kind in patterns:
        for match in pattern.finditer(text):
            first = match.group(1).split()[0].lower()
            before = text[max(0, match.start(1) - 24) : match.start(1)]
            place = _PLACE_BEFORE.search(before) and not _PERSON_BEFORE.search(before)
            # "Joint Chiefs Chairman (Gen.) Mark Milley": capitalised words right before a name are its title
            end = match.end(1)
            title = any(m.kind == "person" and _TITLE_GAP.fullmatch(text, end, m.start)
                        for m in found.starting(end + 1, _reach(_TITLE_GAP_REACH, text, end) + 1))
            if first not in stop_words() and not place and not title and free(*match.span(1)):
                found.add(_Mention(*match.span(1), _canonical(match.group(1)), kind))
    for match in _SINGLE.finditer(text):
        kind = _person_slot(text, match.start(), match.end(), found)
        if kind and free(*match.span()):
            found.add(_Mention(*match.span(), _canonical(match.group()), kind))
    for m in list(found.by_start.values()):
        if m.kind not in ("person", "body", "name", "other"):
            continue
        # "Pentagon spokesman John Kirby", "an aide to Zelensky": the body or person only says whose the other is
        if _ROLE_OF.search(text, max(0, m.start - 40), m.start) or any(
                p.kind == "person" and _TITLE_AHEAD.fullmatch(text, m.end, p.start)
                for p in found.starting(m.end + 1, _reach(_TITLE_AHEAD_REACH, text, m.end) + 1)):
            found.remove(m.start)
        elif role := _ROLE_AFTER.match(text, m.end):  # "a Pentagon official", "Kirby's deputy": someone else
            found.remove(m.start)
            # "Kirby, the Pentagon spokesman": apposition; "the Pentagon spokesman": a description (below)
            if not _in_apposition(text, m.start, found) and text[max(0, m.start - 4) : m.start].lower() != "the ":
                found.add(_Mention(m.start, role.end(), "", "unnamed", role.group(1).lower()))
    for pattern, kind in ((_DESCRIPTION, "description"), (_UNNAMED, "unnamed"), (_THINGS, "thing")):
        for match in pattern.finditer(text):
            if free(*match.span()) and not _in_apposition(text, match.start(), found):
                role = match.group(1) if match.groups() else ""
                found.add(_Mention(*match.span(), "", kind, role))
    for match in [*_PRONOUN.finditer(text), *_OBJECT.finditer(text)]:  # he, she, it; him, her as objects
        if free(*match.span()):
            found.add(_Mention(*match.span(), "", match.group(1).lower()))
    return sorted(found.by_start.values(), key=lambda mention: mention.start)


def _person_slot(text: str, start: int, end: int, found: _Found) -> str:
    """Kind of the single capitalised word text[start:end]: "name" (subject of a reporting verb), "other"
    (someone met, thanked, spoken with, or the subject of another verb), "" (a place, a date, unknown)."""
    word, before, after = text[start:end], text[max(0, start - 24) : start], text[end : end + 40]
    if word.lower() in stop_words() or _NOT_PERSON.fullmatch(word) or re.match(r"\s+[A-Z]", after) or re.search(
            r"[A-Z][\w’'.-]*\s+$", before):
        return ""  # a stop word, a date, an agency, or part of a longer run of capitalised words
    near = [*found.starting(_and_back(text, start) - found.longest, start),
            *found.starting(end + 1, _reach(_AND_REACH, text, end) + 1)]
    if _PERSON_BEFORE.search(before) or any(m.kind == "person" and (  # "with Scholz", "Kuleba and Lammy"
            _AND.fullmatch(text, m.end, start) or _AND.fullmatch(text, end, m.start)) for m in near):
        return "other"
    tail = before.rstrip()
    initial = not tail or tail[-1] in ".!?”\"" or "\n" in before[len(tail) :]
    if _PLACE_BEFORE.search(before) or (initial and re.search(r"[^su]s$", word)):
        return ""  # "in Warsaw"; "Officials said", "Reporters pressed him": a common noun starting a sentence
    verb = following.group(1) if (following := re.match(r"\s+([a-z]+)\b", after)) else ""
    if verb in reporting_verbs() or verb in NAMING_VERBS:
        return "name"
    return "other" if verb.endswith("ed") or verb in _AUXILIARY or re.match(r",\s+who\b", after) else ""


def _in_apposition(text: str, offset: int, found: _Found) -> bool:
    """True when the role phrase at ``offset`` describes the name just before it ("Kirby, the spokesman")."""
    match = re.search(r",\s+(?:[\w’'-]+\s*){0,4}$", text[max(0, offset - 60) : offset])
    comma = offset - len(match.group()) if match else -1
    return any(m.kind in ("person", "name") for m in found.ending_at(comma))


def _roles(text: str, mentions: list[_Mention]) -> dict[str, set[str]]:
    """Role and title words the text attaches to each named person (before the name or in apposition)."""
    roles: dict[str, set[str]] = {}
    for m in mentions:
        if m.kind != "person":
            continue
        found = roles.setdefault(m.speaker, set())
        if m.role:
            found.add(m.role)
        before = re.search(rf"\b({_ROLE}|Mr|Mrs|Ms|Miss|Sir)\.?\s+$", text[max(0, m.start - 30) : m.start], re.I)
        if before:
            found.add(before.group(1).lower())
        after = re.match(rf",\s+(?:[\w’'-]+\s+){{0,3}}?({_ROLE})\b", text[m.end : m.end + 60])
        if after:
            found.add(after.group(1))
    return roles


def _resolve_all(text: str, mentions: list[_Mention], sentences: list[tuple[int, int]]) -> dict[int, str]:
    """Speaker of every pronoun and description the text decides, keyed by offset (see find_quotations)."""
    starts = [a for a, _ in sentences]
    offsets = [m.start for m in mentions]  # sorted: the mentions starting in [a, b) are one slice

    def starting(a: int, b: int) -> list[_Mention]:
        return mentions[bisect.bisect_left(offsets, a) : bisect.bisect_left(offsets, b)]

    roles = _roles(text, mentions)
    stated = {speaker: (g.pop() if len(g := {GENDERED[r] for r in found if r in GENDERED}) == 1 else "")
              for speaker, found in roles.items()}
    gender = dict(stated)  # stated by a title or role, or learnt from a pronoun resolved to the person
    resolved: dict[int, str] = {}
    for mention in mentions:
        if mention.kind not in ("he", "she", "it", "description"):
            continue
        k = max(0, bisect.bisect_right(starts, mention.start) - 1)
        own = (sentences[k][0], mention.start) if sentences else (0, mention.start)
        windows = [own] + ([sentences[k - 1]] if k > 0 else [])
        for a, b in windows:
            window = starting(a, b)
            candidates, blockers = _entities(mention.kind, window, resolved)
            if mention.kind in ("he", "she"):  # "Nauseda greeted him": another man is around
                blockers += sum(1 for m in window if m.kind == {"he": "him", "she": "her"}[mention.kind])
            if candidates or blockers:
                break
        if len(candidates) != 1 or blockers:
            continue
        (speaker,) = candidates
        rest = (mention.end, sentences[k][1] if sentences else len(text))
        named_after = any(m.speaker == speaker for m in starting(*rest) if m.kind == "person")
        wanted = {"he": "m", "she": "f"}.get(mention.kind, "")
        given = GIVEN.get(speaker.split()[0], "") if " " in speaker else ""
        if named_after or (wanted and (gender.get(speaker, "") not in ("", wanted) or given not in ("", wanted))):
            continue
        # Another person whose title gives this gender, named in the three sentences before: "she" may be her.
        earlier = sentences[max(0, k - 3)][0] if sentences else 0
        if wanted and any(m.kind == "person" and m.speaker != speaker and stated.get(m.speaker) == wanted
                          for m in starting(earlier, mention.start)):
            continue
        if mention.kind == "description" and mention.role not in roles.get(speaker, set()):
            continue  # "the minister" is someone the text calls a minister, not just the last person named
        resolved[mention.start] = speaker
        if wanted and not gender.get(speaker):
            gender[speaker] = wanted
    return resolved


def _entities(kind: str, window: list[_Mention], resolved: dict[int, str]) -> tuple[set[str], int]:
    """(speakers a reference of this kind could point to, number of others that would make it ambiguous)."""
    if kind == "it":
        candidates = {m.speaker for m in window if m.kind == "body"}
        candidates |= {resolved[m.start] for m in window if m.kind == "it" and m.start in resolved}
        return candidates, sum(1 for m in window if m.kind in ("name", "other", "thing"))
    candidates = {m.speaker for m in window if m.kind == "person"}
    anaphors = [m for m in window if m.kind in ("he", "she", "description")]
    candidates |= {resolved[m.start] for m in anaphors if m.start in resolved}
    unresolved = sum(1 for m in anaphors if m.kind == "description" and m.start not in resolved)
    return candidates, unresolved + sum(1 for m in window if m.kind in ("name", "other", "unnamed"))


def _verbs(text: str, a: int, b: int) -> list[tuple[int, int, str]]:
    verbs = reporting_verbs() | NAMING_VERBS
    return [(m.start() + a, m.end() + a, m.group().lower()) for m in _WORD.finditer(text[a:b]) if m.group().lower() in verbs]


_ACCORDING = re.compile(r"\baccording to\s+(?:the\s+)?", re.IGNORECASE)
_NEGATED = re.compile(r"(?:\b(?:not|never)|n[’']t)\s+(?:\w+\s+)?$")  # "did not say", "would never call"
_POSSESSIVE = re.compile(r"[’']s\b")
_PASSIVE = re.compile(r"\b(?:is|are|was|were|be|been|being)\s+(?:\w+ly\s+|also\s+|not\s+)?$")  # "was told"


def _attribute(text: str, a: int, b: int, mentions: list[_Mention], resolved: dict[int, str],
               before: bool, offsets: list[int]) -> tuple[str, str, bool]:
    """(speaker, verb, found a verb) for the stretch text[a:b] before (``before``) or after a quotation.

    ``offsets`` are the mentions' starts (sorted, as the mentions are). The verb's subject is the nearest
    mention before it in the stretch, else the first after it; the other rules are those of
    :func:`find_quotations`."""
    verbs = _verbs(text, a, b)
    stretch = mentions[bisect.bisect_left(offsets, a) : bisect.bisect_left(offsets, b)]
    inside = [m for m in stretch if m.end <= b and m.kind != "other"]

    def speaker(m: _Mention) -> str:
        return m.speaker or resolved.get(m.start, "")

    if verbs:
        start, end, verb = verbs[-1] if before else verbs[0]
        earlier = [m for m in inside if m.end <= start]
        later = [m for m in inside if m.start >= end]
        if _NEGATED.search(text, a, start):  # "Kirby did not say “never”": words he did not say
            return "", "", True
        if _PASSIVE.search(text, a, start) and not verb.endswith("ing"):  # "Putin was told by Kirby"
            agent = [m for m in later if re.fullmatch(r"\s+by\s+(?:the\s+)?", text[end : m.start])]
            return (speaker(agent[0]) if agent else ""), verb, True
        if earlier:  # "Kirby's office said": the possessed, not the possessor, speaks
            return ("" if _POSSESSIVE.match(text, earlier[-1].end) else speaker(earlier[-1])), verb, True
        if later:
            return speaker(later[0]), verb, True
        return "", verb, True
    for match in _ACCORDING.finditer(text, a, b):
        phrase_end = text.find(",", match.end(), b)
        phrase_end = b if phrase_end < 0 else phrase_end
        named = [m for m in inside if match.end() <= m.start < phrase_end]
        if named:  # "according to Pentagon spokesman John Kirby": the last name of the phrase
            return speaker(named[-1]), "", True
    return "", "", False


def _sentence_of(sentences: list[tuple[int, int]], starts: list[int], offset: int) -> tuple[int, int]:
    """The sentence holding ``offset`` (or the one before the gap it falls in)."""
    k = bisect.bisect_right(starts, offset) - 1
    return sentences[k] if k >= 0 else (0, 0)


def find_quotations(
    text: str, article: str = "", *, splitter: PunktSentenceTokenizer | None = None
) -> tuple[list[Quotation], list[int]]:
    """Every direct quotation of ``text``, in order, and the offsets of unmatched quotation marks.

    Quotations are those of :func:`quotation_spans`. Each is attributed from the stretch of its sentence before it
    (up to the previous quotation) or, failing that, after it (up to the next one); sentences are
    :func:`framelab.text.sentence_spans` of ``text`` with ``splitter`` (a Punkt tokenizer trained on the corpus,
    ``article.splitter``; the default splitter when ``None``). A quotation with no attribution of its own takes that
    of a neighbour in the same sentence ("…,” Kirby said, “…”); a paragraph ending in "Kuleba said:" attributes the
    quotation opening the next one. Never raises on an unmatched mark.

    The speaker is the subject of the reporting verb (before a quotation the last, after it the first) or of a
    naming verb (:data:`NAMING_VERBS`: in "Putin said Biden had called him “a killer”" the words are Biden's), or
    the name after "according to". Capitalised words ending in a title belong to the person after them ("said
    Pentagon spokesman John Kirby"). Nobody is named, and the quotation stays unattributed, when the subject is a
    possessive ("Kirby's deputy said", "Zelensky's office said"), someone unnamed holding a role ("a Pentagon
    official", "an aide to Zelensky": an anonymous source is not the institution's voice), a negated verb ("Kirby
    did not say “never”") or a passive without "by NAME" ("residents were told"; "Putin was told by Kirby" gives
    Kirby).

    A pronoun (he, she, it) or description ("the minister") is resolved only when the text decides it. Look at the
    text outside quotations in its own sentence before it and, if that names nobody, in the sentence before (never
    further). There exactly one person (for "it": one body of the speaker table) must be named — from the speaker
    table, as title + name, as a name in apposition, or by a reference already resolved — and nobody else who could
    be meant: no unnamed person ("an official", "Poland's president"), no other run of capitalised words, no lone
    capitalised word where a person stands ("met Scholz", "with Scholz", "Kuleba and Lammy", "Scholz nodded"; not
    "in Warsaw", weekdays, news agencies), no "him" for "he" ("Nauseda greeted him"), no unresolved description; for
    "it" no ministry, report, statement…. Then the person must not be named again after the pronoun in its sentence
    ("he told Kirby"); a title or role stating a gender (spokesman, Mrs.) must agree with he/she, and so must a very
    common given name (:data:`GIVEN`: "Mary Smith … he said" is not resolved; a name only refuses, it never
    chooses); no other person of a title-stated gender may be named in the three sentences before; a description's
    role must be one the text gives the person. Otherwise the reference stays unresolved.

    >>> text = 'Kirby noted that “these forces are not going to fight”. He said "soon.'
    >>> quotes, unmatched = find_quotations(text, "x")
    >>> [(q.start, q.end, q.text, q.speaker, q.verb) for q in quotes], unmatched
    ([(17, 54, 'these forces are not going to fight', 'John Kirby', 'noted')], [64])
    >>> find_quotations("Kirby met Lavrov. “Talks went well,” he said.")[0][0].speaker
    ''
    >>> find_quotations("Lavrov met reporters. “Talks went well,” he said.")[0][0].speaker
    'Sergei Lavrov'
    >>> find_quotations(None)
    Traceback (most recent call last):
    ...
    framelab.voices.VoicesError: text must be a string (an article body), not NoneType.
    """
    if not isinstance(text, str):
        raise VoicesError(f"text must be a string (an article body), not {type(text).__name__}.")
    if not isinstance(article, str):
        raise VoicesError(f"article must be a string (an article id such as '000'), not {type(article).__name__}.")
    top, unmatched = quotemarks.quotation_marks(text)
    spans = [(m[0], m[-1] + 1) for m in top]
    mentions = _mentions(text, spans)
    sentences = sentence_spans(text, splitter)
    starts = [a for a, _ in sentences]
    resolved = _resolve_all(text, mentions, sentences)
    offsets = [m.start for m in mentions]
    paragraphs = paragraph_spans(text)
    opens, closes = [p[0] for p in paragraphs], [p[1] for p in paragraphs]  # sorted: paragraphs never overlap

    def paragraph_of(offset: int) -> tuple[int, int]:
        k = bisect.bisect_right(opens, offset) - 1
        if k >= 0 and offset < paragraphs[k][1]:
            return paragraphs[k]
        return next(p for p in paragraphs if p[0] <= offset < p[1])  # never reached: every mark is in a paragraph

    found: list[list] = []
    right_of_previous = -1
    for index, pair in enumerate(top):
        start, end = pair[0], pair[-1] + 1
        p_start, p_end = paragraph_of(start)[0], paragraph_of(pair[-1])[1]
        previous_end = spans[index - 1][1] if index and spans[index - 1][1] > p_start else p_start
        next_start = spans[index + 1][0] if index + 1 < len(spans) and spans[index + 1][0] < p_end else p_end
        left = max(previous_end, p_start, _sentence_of(sentences, starts, start)[0])
        right = min(next_start, max(end, _sentence_of(sentences, starts, pair[-1])[1]))
        speaker, verb, seen = _attribute(text, left, start, mentions, resolved, True, offsets)
        from_after = False
        if not seen:
            speaker, verb, seen = _attribute(text, end, right, mentions, resolved, False, offsets)
            from_after = seen
        k = bisect.bisect_right(closes, p_start) - 1  # the last paragraph ending by p_start
        if not seen and left == p_start and k >= 0 and text.endswith(":", *paragraphs[k]):
            # "Kuleba said:" closing the paragraph before introduces this one
            lead_in = paragraphs[k]
            lead_start = max(lead_in[0], _sentence_of(sentences, starts, lead_in[1] - 1)[0])
            speaker, verb, seen = _attribute(text, lead_start, lead_in[1], mentions, resolved, True, offsets)
        # "…,” Kirby said. “…”: the second part of a split quotation, attributed between the parts
        continued = previous_end > p_start and bool(found) and found[-1][8] and not text[right_of_previous:start].strip()
        joined_before = previous_end > p_start and (left == previous_end or continued)
        joined_after = next_start < p_end and right == next_start
        found.append([start, end, quotemarks.quoted_text(text, pair), speaker, verb, seen, joined_before, joined_after, from_after, right])
        right_of_previous = right
    # a quotation without an attribution of its own shares its neighbour's in the same sentence
    for index, item in enumerate(found):
        if not item[5] and item[6] and found[index - 1][3]:
            item[3], item[4], item[5] = found[index - 1][3], found[index - 1][4], True
    for index in range(len(found) - 1, -1, -1):
        item = found[index]
        if not item[5] and item[7] and found[index + 1][3]:
            item[3], item[4], item[5] = found[index + 1][3], found[index + 1][4], True
    quotations = [
        Quotation(article, start, end, quoted, display_name(speaker) if speaker else "", verb,
                  speakers().get(speaker, "") if speaker else "")
        for start, end, quoted, speaker, verb, *_ in found
    ]
    return quotations, unmatched


# --- ledgers --------------------------------------------------------------------------


def attribution_ledger(corpus: Sequence) -> pd.DataFrame:
    """Per article and speaker: side, number of quotations and of quoted words.

    Quotations are :func:`find_quotations` of each body, split into sentences with the article's own
    ``splitter`` (when it has one). Unattributed quotations are counted under ``"(unattributed)"``. Sorted
    by article, then quotations (most first), then speaker.

    >>> from framelab import load_corpus
    >>> ledger = attribution_ledger(load_corpus())
    >>> ledger[ledger.article == "003"].to_dict("records")
    [{'article': '003', 'speaker': 'John Kirby', 'side': 'US', 'quotations': 4, 'quoted_words': 71}]
    """
    rows: dict[tuple[str, str], list] = {}
    for item in article_list(corpus, error=VoicesError):
        for quote in find_quotations(item.body, item.id, splitter=getattr(item, "splitter", None))[0]:
            speaker = quote.speaker or UNATTRIBUTED
            row = rows.setdefault((item.id, speaker), [item.id, speaker, quote.side, 0, 0])
            row[3] += 1
            row[4] += len(words(quote.text))
    table = pd.DataFrame(list(rows.values()), columns=LEDGER_COLUMNS)
    table = table.sort_values(["article", "quotations", "speaker"], ascending=[True, False, True], kind="stable")
    return table.reset_index(drop=True)
