"""Who speaks, and with which numbers: quotations, speakers, reporting verbs and numbers.

Chapter 06 teaches these steps; later chapters call them from here.

* :func:`find_quotations`: every direct quotation of a text, between curly
  “…” or straight "…" double quotation marks, with character offsets, a
  speaker and a reporting verb. Single quotes nested inside stay inside; a
  quotation running over several paragraphs (an opening mark at the start of
  each paragraph, one closing mark at the end) is one quotation; a mark
  without a partner is reported by its offset and skipped.
* :func:`attribution_ledger`: per article, who is quoted, how often, with how
  many words, and for which side.
* :func:`numbers_ledger`: every number in context, with what it counts.

Speakers are found the way a careful reader finds them, with rules, not a
model: a **reporting verb** (``framelab/data/reporting_verbs.tsv``) next to
the quotation, and its subject nearby: a name from the speaker table
(``framelab/data/speakers.tsv``, also matched by surname), a **title + name**
("spokesman John Kirby"), or a **pronoun** (he, she, it) that points back to
the last person (or, for "it", body) named before it. A quotation the text
attributes to nobody keeps the speaker ``""``: nothing is guessed.

>>> quotes, unmatched = find_quotations('“We are ready,” Kirby said. "Not permanent," he added.')
>>> [(q.text, q.speaker, q.verb, q.side) for q in quotes]
[('We are ready,', 'John Kirby', 'said', 'US'), ('Not permanent,', 'John Kirby', 'added', 'US')]
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

import pandas as pd

from framelab.errors import FramelabError
from framelab.lexicons import DATA, load_lexicon
from framelab.text import words

LEDGER_COLUMNS = ["article", "speaker", "side", "quotations", "quoted_words"]
NUMBER_COLUMNS = ["article", "number", "text", "counts", "context", "start"]
UNATTRIBUTED = "(unattributed)"

#: Other names the articles use for a speaker in ``speakers.tsv`` (lower case).
ALIASES = {
    "united states": "us",
    "washington": "us",
    "north atlantic alliance": "nato",
}
#: Names that are bodies, not people: "it" can point back to them, "he"/"she" cannot.
BODIES = {"us", "pentagon", "russia", "kremlin", "nato", "downing street", "washington and the european union"}
#: How speakers are written in tables (others are title-cased).
DISPLAY = {"us": "US", "nato": "NATO", "washington and the european union": "Washington and the European Union"}

_OPEN, _CLOSE, _STRAIGHT = "“", "”", '"'
_WORD = re.compile(r"[A-Za-z][\w’'-]*")
_TITLE_NAME = re.compile(
    r"\b(?:[Pp]resident|[Mm]inister|[Ss]ecretary(?:-[Gg]eneral)?|[Ss]pokes(?:man|woman|person)|"
    r"[Cc]hairman|[Cc]hancellor|[Aa]mbassador|Gen\.)\s+((?:[A-Z][a-z][\w’'-]*\s+){1,2}[A-Z][a-z][\w’'-]*)"
)
_PRONOUN = re.compile(r"\b([Hh]e|[Ss]he|[Ii]t)\b(?!’s|'s)")
_DESCRIPTION = re.compile(
    r"\bthe\s+(?:[A-Z][a-z]+\s+)?(?:president|prime minister|minister|spokesman|spokeswoman|secretary)\b"
)
_SENTENCE_END = re.compile(r"[.!?…][”\"’]?\s+(?=[A-Z“\"])")


class VoicesError(FramelabError):
    """Input that quotation or number extraction cannot work with; the message names the argument."""


@dataclass(frozen=True)
class Quotation:
    """One direct quotation: offsets into the article body, the words, who said them.

    ``start`` is the offset of the opening mark, ``end`` the offset just after
    the closing mark, so ``body[start:end]`` shows the quotation with its marks.
    ``speaker``, ``verb`` and ``side`` are ``""`` when the text names no speaker.
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


def _paragraphs(text: str) -> list[tuple[int, int]]:
    """(start, end) of each paragraph: text separated by blank lines or single newlines."""
    spans, start = [], 0
    for match in re.finditer(r"\n+", text):
        spans.append((start, match.start()))
        start = match.end()
    spans.append((start, len(text)))
    return [(a, b) for a, b in spans if text[a:b].strip()]


def _opens_paragraph(text: str, paragraph: tuple[int, int], marks: str) -> bool:
    stripped = text[paragraph[0] : paragraph[1]].lstrip()
    return bool(stripped) and stripped[0] in marks


def _curly_pairs(text: str, paragraphs: list[tuple[int, int]]) -> tuple[list[list[int]], list[int]]:
    """Pairs of curly marks as lists of offsets [open, (continuation opens...), close]."""
    pairs, unmatched = [], []
    carried: list[int] | None = None  # a quotation continuing from the previous paragraph
    for index, (a, b) in enumerate(paragraphs):
        stack: list[list[int]] = []
        if carried is not None:
            stack.append(carried)
            carried = None
        for offset in range(a, b):
            char = text[offset]
            if char == _OPEN:
                if stack and len(stack) == 1 and stack[0][-1] < a and offset == _first_mark(text, a, b):
                    stack[0].append(offset)  # continuation mark of a paragraph-spanning quotation
                else:
                    stack.append([offset])
            elif char == _CLOSE:
                if stack:
                    pairs.append([*stack.pop(), offset])
                else:
                    unmatched.append(offset)
        if stack:
            following = paragraphs[index + 1] if index + 1 < len(paragraphs) else None
            if len(stack) == 1 and following is not None and _opens_paragraph(text, following, _OPEN):
                carried = stack.pop()
            else:
                unmatched.extend(item[0] for item in stack)
    if carried is not None:
        unmatched.append(carried[0])
    return pairs, unmatched


def _first_mark(text: str, a: int, b: int) -> int:
    stripped = len(text[a:b]) - len(text[a:b].lstrip())
    return a + stripped


def _straight_pairs(text: str, paragraphs: list[tuple[int, int]]) -> tuple[list[list[int]], list[int]]:
    """Pairs of straight marks: they alternate open, close within a paragraph."""
    pairs, unmatched = [], []
    current: list[int] | None = None
    for index, (a, b) in enumerate(paragraphs):
        for offset in range(a, b):
            if text[offset] != _STRAIGHT:
                continue
            if current is None:
                before = text[offset - 1] if offset > a else " "
                after = text[offset + 1] if offset + 1 < b else " "
                if not before.isspace() and before not in "([—–-" and (after.isspace() or after in ".,;:!?"):
                    unmatched.append(offset)  # looks like a closing mark with no opening one
                else:
                    current = [offset]
            elif current[-1] < a and offset == _first_mark(text, a, b):
                current.append(offset)  # continuation mark at the start of the next paragraph
            else:
                pairs.append([*current, offset])
                current = None
        if current is not None and current[-1] >= a:
            following = paragraphs[index + 1] if index + 1 < len(paragraphs) else None
            if following is None or not _opens_paragraph(text, following, _STRAIGHT):
                unmatched.append(current[0])
                current = None
    if current is not None:
        unmatched.append(current[0])
    return pairs, unmatched


def _quoted_text(text: str, marks: list[int]) -> str:
    """The words between the marks of one quotation, paragraph breaks kept as one newline."""
    parts = [text[open_ + 1 : close] for open_, close in zip(marks[:-1], marks[1:])]
    return "\n".join(part.strip("\n ") if i else part.rstrip("\n ") for i, part in enumerate(parts))


# --- speakers -------------------------------------------------------------------------


@lru_cache(maxsize=1)
def _name_pattern() -> re.Pattern[str]:
    names = set(speakers()) | set(ALIASES)
    for name in speakers():
        if len(name.split()) > 1 and name not in BODIES:
            names.add(name.split()[-1])  # surname
    alternatives = sorted(names, key=len, reverse=True)
    return re.compile(r"\b(" + "|".join(re.escape(name) for name in alternatives) + r")\b", re.IGNORECASE)


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
    speaker: str  # canonical lower-case name, or "" for a pronoun
    kind: str  # "person", "body", "he", "it", "description"


def _mentions(text: str, outside: list[tuple[int, int]]) -> list[_Mention]:
    """Speaker names, title + name patterns and pronouns outside the quotations, in order."""
    found: dict[int, _Mention] = {}

    def keep(start: int, end: int) -> bool:
        return not any(a <= start < b for a, b in outside)

    for match in _name_pattern().finditer(text):
        word = match.group(1)
        if not word[0].isupper() or (word.lower() == "us" and word != "US") or not keep(*match.span()):
            continue
        key = _canonical(word)
        found[match.start()] = _Mention(match.start(), match.end(), key, "body" if key in BODIES else "person")
    for match in _TITLE_NAME.finditer(text):
        if keep(*match.span(1)) and not any(m.start <= match.start(1) < m.end for m in found.values()):
            found[match.start(1)] = _Mention(match.start(1), match.end(1), _canonical(match.group(1)), "person")
    for match in _PRONOUN.finditer(text):
        if keep(*match.span()) and match.start() not in found:
            kind = "it" if match.group(1).lower() == "it" else "he"
            found[match.start()] = _Mention(match.start(), match.end(), "", kind)
    for match in _DESCRIPTION.finditer(text):
        if keep(*match.span()):
            found[match.start()] = _Mention(match.start(), match.end(), "", "description")
    return sorted(found.values(), key=lambda mention: mention.start)


def _resolve(mention: _Mention, mentions: list[_Mention]) -> str:
    """A name's speaker, or the last person (he, she, a description) or body (it) named before it."""
    if mention.speaker:
        return mention.speaker
    wanted = "body" if mention.kind == "it" else "person"
    for earlier in reversed(mentions):
        if earlier.start < mention.start and earlier.speaker and earlier.kind == wanted:
            return earlier.speaker
    return ""


def _verbs(text: str, a: int, b: int) -> list[tuple[int, int, str]]:
    verbs = reporting_verbs()
    return [(m.start() + a, m.end() + a, m.group().lower()) for m in _WORD.finditer(text[a:b]) if m.group().lower() in verbs]


_ACCORDING = re.compile(r"\baccording to\s+(?:the\s+)?", re.IGNORECASE)


def _attribute(text: str, a: int, b: int, mentions: list[_Mention], before: bool) -> tuple[str, str, bool]:
    """(speaker, verb, found a verb) for the stretch text[a:b] next to a quotation.

    Before a quotation the last reporting verb counts, after it the first; its
    subject is the nearest mention before the verb in the stretch, else the
    first one after it. Without a verb, "according to NAME" names the speaker.
    """
    verbs = _verbs(text, a, b)
    inside = [m for m in mentions if a <= m.start and m.end <= b]
    if verbs:
        start, end, verb = verbs[-1] if before else verbs[0]
        earlier = [m for m in inside if m.end <= start]
        later = [m for m in inside if m.start >= end]
        if earlier:
            return _resolve(earlier[-1], mentions), verb, True
        if later:
            return _resolve(later[0], mentions), verb, True
        return "", verb, True
    for match in _ACCORDING.finditer(text, a, b):
        phrase_end = text.find(",", match.end(), b)
        phrase_end = b if phrase_end < 0 else phrase_end
        named = [m for m in inside if match.end() <= m.start < phrase_end]
        if named:  # "according to Pentagon spokesman John Kirby": the last name of the phrase
            return _resolve(named[-1], mentions), "", True
    return "", "", False


def _sentence_start(text: str, paragraph_start: int, offset: int) -> int:
    start = paragraph_start
    for match in _SENTENCE_END.finditer(text, paragraph_start, offset + 1):
        start = match.end()
    return start


def _sentence_end(text: str, offset: int, paragraph_end: int) -> int:
    match = _SENTENCE_END.search(text, offset, paragraph_end)
    return match.start() + 1 if match else paragraph_end


def find_quotations(text: str, article: str = "") -> tuple[list[Quotation], list[int]]:
    """Every direct quotation of ``text``, in order, and the offsets of unmatched quotation marks.

    Curly “…” marks nest (a quotation inside another stays inside it);
    straight "…" marks alternate within a paragraph. A quotation is attributed
    from the stretch of its sentence before it (up to the previous quotation)
    or, failing that, after it (up to the next one); a quotation with no
    attribution of its own takes that of a neighbour in the same sentence
    ("…,” Kirby said, “…”). Never raises on an unmatched mark.

    >>> text = 'Kirby noted that “these forces are not going to fight”. He said "soon.'
    >>> quotes, unmatched = find_quotations(text, "x")
    >>> [(q.start, q.end, q.text, q.speaker, q.verb) for q in quotes], unmatched
    ([(17, 54, 'these forces are not going to fight', 'John Kirby', 'noted')], [64])
    >>> find_quotations("“Nobody named,” the text says nothing.")[0][0].speaker
    ''
    >>> find_quotations(None)
    Traceback (most recent call last):
    ...
    framelab.voices.VoicesError: text must be a string (an article body), not NoneType.
    """
    if not isinstance(text, str):
        raise VoicesError(f"text must be a string (an article body), not {type(text).__name__}.")
    if not isinstance(article, str):
        raise VoicesError(f"article must be a string (an article id such as '000'), not {type(article).__name__}.")
    paragraphs = _paragraphs(text)
    curly, unmatched_curly = _curly_pairs(text, paragraphs)
    straight, unmatched_straight = _straight_pairs(text, paragraphs)
    marks = sorted(curly + straight, key=lambda m: (m[0], -m[-1]))
    top: list[list[int]] = []
    for pair in marks:  # keep the outermost quotations; nested ones stay inside them
        if top and pair[0] < top[-1][-1]:
            continue
        top.append(pair)
    spans = [(m[0], m[-1] + 1) for m in top]
    mentions = _mentions(text, spans)

    def paragraph_of(offset: int) -> tuple[int, int]:
        return next(p for p in paragraphs if p[0] <= offset < p[1])

    found: list[list] = []
    right_of_previous = -1
    for index, pair in enumerate(top):
        start, end = pair[0], pair[-1] + 1
        p_start = paragraph_of(start)[0]
        p_end = paragraph_of(pair[-1])[1]
        previous_end = spans[index - 1][1] if index and spans[index - 1][1] > p_start else p_start
        next_start = spans[index + 1][0] if index + 1 < len(spans) and spans[index + 1][0] < p_end else p_end
        left = max(previous_end, _sentence_start(text, p_start, start))
        right = min(next_start, _sentence_end(text, end, p_end))
        speaker, verb, seen = _attribute(text, left, start, mentions, before=True)
        from_after = False
        if not seen:
            speaker, verb, seen = _attribute(text, end, right, mentions, before=False)
            from_after = seen
        earlier = [p for p in paragraphs if p[1] <= p_start]
        if not seen and left == p_start and earlier and text[earlier[-1][0] : earlier[-1][1]].rstrip().endswith(":"):
            # "Kuleba said:" closing the paragraph before introduces this one
            lead_in = earlier[-1]
            speaker, verb, seen = _attribute(
                text, _sentence_start(text, lead_in[0], lead_in[1] - 1), lead_in[1], mentions, before=True
            )
        # "…,” Kirby said. “…”: the second part of a split quotation, attributed between the parts
        continued = previous_end > p_start and bool(found) and found[-1][8] and not text[right_of_previous:start].strip()
        joined_before = previous_end > p_start and (left == previous_end or continued)
        joined_after = next_start < p_end and right == next_start
        found.append([start, end, _quoted_text(text, pair), speaker, verb, seen, joined_before, joined_after, from_after, right])
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
        Quotation(article, start, end, words, display_name(speaker) if speaker else "", verb, speakers().get(speaker, "") if speaker else "")
        for start, end, words, speaker, verb, *_ in found
    ]
    inside = [offset for offset in unmatched_curly + unmatched_straight if not any(a < offset < b - 1 for a, b in spans)]
    return quotations, sorted(inside)


# --- ledgers --------------------------------------------------------------------------


def _check_corpus(corpus: object) -> Sequence:
    if isinstance(corpus, (str, bytes)) or not isinstance(corpus, Sequence):
        raise VoicesError(
            f"corpus must be a list of articles (framelab.load_corpus()), not {type(corpus).__name__}."
        )
    for item in corpus:
        if not hasattr(item, "body") or not hasattr(item, "id"):
            raise VoicesError(
                f"corpus must hold Article records with .id and .body, but it holds a {type(item).__name__}."
            )
    return corpus


def attribution_ledger(corpus: Sequence) -> pd.DataFrame:
    """Per article and speaker: side, number of quotations and of quoted words.

    Unattributed quotations are counted under ``"(unattributed)"``. Sorted by
    article, then quotations (most first), then speaker.

    >>> from framelab import load_corpus
    >>> ledger = attribution_ledger(load_corpus())
    >>> ledger[ledger.article == "003"].to_dict("records")
    [{'article': '003', 'speaker': 'John Kirby', 'side': 'US', 'quotations': 4, 'quoted_words': 71}]
    """
    rows: dict[tuple[str, str], list] = {}
    for item in _check_corpus(corpus):
        for quote in find_quotations(item.body, item.id)[0]:
            speaker = quote.speaker or UNATTRIBUTED
            row = rows.setdefault((item.id, speaker), [item.id, speaker, quote.side, 0, 0])
            row[3] += 1
            row[4] += len(words(quote.text))
    table = pd.DataFrame(list(rows.values()), columns=LEDGER_COLUMNS)
    table = table.sort_values(["article", "quotations", "speaker"], ascending=[True, False, True], kind="stable")
    return table.reset_index(drop=True)


# --- numbers --------------------------------------------------------------------------

_NUMBER_WORDS = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10}
_MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December"
_QUALIFIER = r"(?:(?:about|roughly|approximately|around|nearly|almost|some|more than|over|another|an additional)\s+)?"
_NUMBER = re.compile(
    r"(?P<qualifier>\b" + _QUALIFIER + r")"
    r"(?P<value>\b\d{1,3}(?:,\d{3})+\b|\b\d+(?:\.\d+)?(?:st|nd|rd|th)?\b|\b(?:"
    + "|".join(_NUMBER_WORDS) + r")\b|\b(?:" + "|".join(w.capitalize() for w in _NUMBER_WORDS) + r")\b)"
)
def _counts(text: str, start: int, end: int, value: float, written: str) -> str:
    after = text[end : end + 60]
    before = text[max(0, start - 20) : start]
    if re.match(r"^\s+(?:(?:more|additional|extra|other|US|U\.S\.|Russian|American)\s+)*(?:troops|soldiers|service personnel|military members)\b", after):
        return "troops"
    if re.match(r"^\s+on\s+(?:standby|alert|high alert|heightened alert)\b", after):
        return "troops"
    if re.search(r"(?:" + _MONTHS + r")\s+$", before) or re.match(r"^(?:st|nd|rd|th)?\s+(?:" + _MONTHS + ")", after):
        return "date"
    if re.search(r"\bArticle\s+$", before):
        return "treaty article"
    if written.isdigit() and 1900 <= value <= 2100:
        return "year"
    if re.match(r"^(?:st|nd|rd|th)\b", written[-2:]) and not written.isdigit():
        return "unit name"
    word = re.match(r"^\s+(?:[\w-]+\s+){0,2}?([a-z]+s)\b", after)
    if word:
        return word.group(1)
    return "other"


def numbers_ledger(corpus: Sequence) -> pd.DataFrame:
    """Every number in every article body, with what it counts and its context.

    ``number`` is the value (3,000 → 3000, "two" → 2), ``text`` the number as
    written with a qualifier such as "about" or "more than", ``counts`` what it
    counts ("troops", "year", "date", "treaty article", or the plural noun that
    follows), ``context`` about 40 characters each side, ``start`` the offset.

    >>> from framelab import load_corpus
    >>> ledger = numbers_ledger(load_corpus())
    >>> ledger[(ledger.article == "000") & (ledger.counts == "troops")][["number", "text"]].values.tolist()
    [[3000, '3,000'], [100000, 'more than 100,000'], [2000, '2,000'], [1000, 'about 1,000'], [8500, 'another 8,500']]
    """
    rows = []
    for item in _check_corpus(corpus):
        body = item.body
        for match in _NUMBER.finditer(body):
            raw = match.group("value")
            digits = re.sub(r"(?:st|nd|rd|th)$", "", raw).replace(",", "")
            if raw.lower() in _NUMBER_WORDS:
                value: float = _NUMBER_WORDS[raw.lower()]
            else:
                value = float(digits) if "." in digits else int(digits)
            start, end = match.start("value"), match.end("value")
            text = match.group(0).strip()
            counts = _counts(body, start, end, value, raw)
            a, b = max(0, start - 40), min(len(body), end + 40)
            context = " ".join(body[a:b].split())
            rows.append([item.id, value, text, counts, context, match.start() if match.group("qualifier") else start])
    return pd.DataFrame(rows, columns=NUMBER_COLUMNS)
