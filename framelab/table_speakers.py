"""Chapter 06's speaker rules, part 2: who said each quotation, with the five articles' names table.

:func:`find_table_quotations` is :func:`framelab.voices.find_quotations` with ``names="table"``; its
docstring states the rules. The mentions come from :mod:`framelab.table_mentions`. Split out of
:mod:`framelab.voices`, which re-exports the public names.

>>> [(q.speaker, q.side) for q in find_table_quotations('“We are ready,” Kirby said.')[0]]
[('John Kirby', 'US')]
"""

from __future__ import annotations

import bisect
import re

from nltk.tokenize.punkt import PunktSentenceTokenizer

from framelab import quotemarks
from framelab.quotation import Quotation, VoicesError
from framelab.table_mentions import (
    _WORD,
    GENDERED,
    GIVEN,
    NAMING_VERBS,
    _Mention,
    _mentions,
    _roles,
    display_name,
    reporting_verbs,
    speakers,
)
from framelab.text import paragraph_spans, sentence_spans


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


def find_table_quotations(
    text: str, article: str = "", *, splitter: PunktSentenceTokenizer | None = None
) -> tuple[list[Quotation], list[int]]:
    """Every direct quotation of ``text``, in order, and the offsets of unmatched quotation marks, with the speakers
    of the five articles' names table (``side`` from the table, ``""`` for a speaker it does not list).

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
    >>> quotes, unmatched = find_table_quotations(text, "x")
    >>> [(q.start, q.end, q.text, q.speaker, q.verb) for q in quotes], unmatched
    ([(17, 54, 'these forces are not going to fight', 'John Kirby', 'noted')], [64])
    >>> find_table_quotations("Kirby met Lavrov. “Talks went well,” he said.")[0][0].speaker
    ''
    >>> find_table_quotations("Lavrov met reporters. “Talks went well,” he said.")[0][0].speaker
    'Sergei Lavrov'
    >>> find_table_quotations(None)
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
