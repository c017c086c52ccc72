"""Chapter 06's speaker rules, part 1: the five articles' names table and the mentions of people in a text.

The names table (``framelab/data/speakers.tsv``: the 21 speakers of the five bundled articles, with their
sides), its aliases (:data:`ALIASES`), the role, title and given-name lists, and :func:`_mentions`, which finds
every name, title, pronoun and description outside the quotations. :mod:`framelab.table_speakers` resolves
them and attributes the quotations; :mod:`framelab.voices` re-exports the public names. These rules were built
on the five articles and score well only there (lesson 06 §8 measures it); any other corpus gets the general
rules of :mod:`framelab.attribution`.

>>> speakers()["john kirby"], display_name("us"), side_of("Vladimir Putin")
('US', 'US', 'Russia')
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

from framelab.lexicons import DATA, load_lexicon, stop_words

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
