"""Direct quotations in every common news convention: “…”, "…", « … », „…“, British ‘…’ and straight '…' (issue 13).

:func:`quotation_spans` has the contract of :func:`framelab.voices.quotation_spans` (``(start, end, words)`` spans
of the top-level quotations, and the offsets of marks without a partner) and gives the same answer on any text
where no « » „ ‚ mark and no top-level ‘ or ' quotation occurs. It adds:

* **Guillemets** « … » (French: no-break spaces inside, which ``words`` leaves out; ‹ › or “ ” nested inside).
  A text whose first guillemet is » followed by a non-space uses »…« (German and Danish books) instead.
* **Low-high marks** „…“ (German, ‚…‘ nested inside) and „…” (Polish). A “ closes the quotation on top of the
  stack when that one opened with „ and the “ does not stand where an opening mark stands (after a space or the
  start of a paragraph, before a non-space); anywhere else “ opens, as in English. So the role of “ is decided
  by the text around it: German text closes with it, English text (even one quoting a German „…“) opens with it.
* **Single marks** ‘…’ at the top level (British style), where ’ is also the apostrophe; see :func:`apostrophe`
  for the rule. Unpaired ‘ and ‚ are reported only in a text that uses single marks for top-level quotations
  (one top-level ‘…’ pair is the evidence); elsewhere an unpaired ‘ is taken for a typo (‘90s) and a lone ’ is
  always an apostrophe, never reported.
* **Straight single marks** '…', read as ‘ where a quotation opens (:func:`straight_opens`: after a space or the
  start, before a letter, not an elision such as 'til or rock 'n' roll) and as ’ everywhere else, so the
  apostrophe rule decides between "don't", "the officials' cars" and a closing mark. Measured with
  ``python -m tools.single_quotes_eval`` on ``tests/data/single_quotes`` (written for the project; tuned on dev,
  test held out and run once): span precision / recall dev 1.00 / 1.00 (18 quotations), test 1.00 / 1.00 (16);
  before, 1.00 / 0.06 on both (only a quotation in double marks was found). ``tools.attribution_eval dev
  --spans-from quotemarks`` is unchanged.

Each convention continues a quotation over paragraphs the AP way: no closing mark at the end of a paragraph, the
opening mark repeated at the start of the next (for « also », the older French habit). Marks of one convention
pair only with each other; a quotation inside another of any convention is nested and not listed.

Measured with ``python -m tools.attribution_eval --spans-from quotemarks`` on ``framelab/data/attribution_heldout`` (news-style
text written for the project; tuned on ``dev``, ``test`` held out and run once): span precision / recall, nested
quotations included, dev 0.88 / 1.00 and test 0.92 / 1.00 (:func:`framelab.voices.quotation_spans`: 0.86 / 0.69 and
0.89 / 0.68); every span counted wrong is a scare quote or title, which :func:`framelab.attribution.attribute`
then drops. Speaker F1 of ``attribute`` on these spans: dev 0.99, test 0.84 (0.79 and 0.67 before).

>>> text = 'Il a dit « Non\\u00a0». Sie sagte: „Ja.“ ‘It’s the farmers’ water,’ she said.'
>>> quotation_spans(text)[0]
[(9, 16, 'Non'), (29, 34, 'Ja.'), (35, 61, 'It’s the farmers’ water,')]
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable

from framelab.errors import FramelabError
from framelab.text import paragraph_spans

_CURLY_MARK, _STRAIGHT_MARK = re.compile("[“”„]"), re.compile('"')
_GUILLEMET_MARK, _SINGLE_MARK = re.compile("[«»]"), re.compile("[‘’‚']")
_STRAIGHT = '"'
_OPENING_AFTER = "([{—–-/"  # an opening mark may follow these, like a space
_NO_BREAK = " \n\u00a0\u202f"


#: Closed-class English words (conjunctions, prepositions, articles, pronouns, auxiliaries; from general grammar,
#: not fitted to text). A plural possessive is followed by what is possessed, so s’ before one of these closes a
#: quotation: "called them ‘thieves’ and left" (but not "the farmers’ pumps").
FUNCTION_WORDS = frozenset(
    "and or but nor yet so in on at to of for from by with as than that which who whom whose when where while if "
    "because is are was were be been has have had will would can could should may might must do does did he she it "
    "they we you i his her its their our this these those a an the said says told added".split()
)


class QuoteMarksError(FramelabError):
    """Input that quotation-mark pairing cannot work with; the message names the argument."""


def _opening_position(text: str, offset: int) -> bool:
    """A mark where an opening mark stands: after a space, a bracket or the start, before a non-space."""
    before = text[offset - 1] if offset else " "
    after = text[offset + 1] if offset + 1 < len(text) else " "
    return (before.isspace() or before in _OPENING_AFTER or before in "“‘«„‚\"") and not after.isspace()


def _stacked_pairs(
    text: str, paragraphs: list[tuple[int, int]], marks: re.Pattern[str],
    role: Callable[[int, list[list[int]]], str], again: dict[str, str],
) -> tuple[list[list[int]], list[int]]:
    """Pairs [open, (continuation opens...), close] of one convention whose marks nest like brackets.

    ``role(offset, stack)`` says whether the mark opens or closes; ``again[opening mark]`` holds the marks that
    continue a quotation at the start of the next paragraph. With “ opening, ” closing and ``again`` {“: “} this
    is exactly the pairing of :func:`framelab.voices.quotation_spans`."""
    pairs, unmatched = [], []
    carried: list[int] | None = None  # a quotation continuing from the previous paragraph
    for index, (a, b) in enumerate(paragraphs):
        stack: list[list[int]] = [carried] if carried is not None else []
        carried = None
        for mark in marks.finditer(text, a, b):
            offset = mark.start()
            if offset == a and len(stack) == 1 and stack[0][-1] < a and text[offset] in again.get(text[stack[0][0]], ""):
                stack[0].append(offset)  # continuation mark of a paragraph-spanning quotation
            elif role(offset, stack) == "open":
                stack.append([offset])
            elif stack:
                pairs.append([*stack.pop(), offset])
            else:
                unmatched.append(offset)
        following = paragraphs[index + 1] if index + 1 < len(paragraphs) else None
        if len(stack) == 1 and following is not None and text[following[0]] in again.get(text[stack[0][0]], ""):
            carried = stack.pop()
        unmatched.extend(item[0] for item in stack)
    return pairs, unmatched


def _curly_pairs(text: str, paragraphs: list[tuple[int, int]]) -> tuple[list[list[int]], list[int]]:
    """Pairs of curly double marks: “…” (English), „…“ (German), „…” (Polish)."""

    def role(offset: int, stack: list[list[int]]) -> str:
        mark = text[offset]
        if mark == "“" and stack and text[stack[-1][0]] == "„" and not _opening_position(text, offset):
            return "close"
        return "open" if mark in "“„" else "close"

    return _stacked_pairs(text, paragraphs, _CURLY_MARK, role, {"“": "“", "„": "„"})


def _guillemet_pairs(text: str, paragraphs: list[tuple[int, int]]) -> tuple[list[list[int]], list[int]]:
    """Pairs of « … » (or »…« when the text's first guillemet is » before a non-space)."""
    first = _GUILLEMET_MARK.search(text)
    if first is None:
        return [], []
    reverse = text[first.start()] == "»" and first.end() < len(text) and not text[first.end()].isspace()
    opener = "»" if reverse else "«"
    again = {"»": "»"} if reverse else {"«": "«»"}
    return _stacked_pairs(text, paragraphs, _GUILLEMET_MARK, lambda o, _: "open" if text[o] == opener else "close",
                          again)


def apostrophe(text: str, offset: int, start: int = 0, end: int | None = None) -> str:
    """Whether the ’ at ``text[offset]`` is an apostrophe: ``"yes"``, ``"maybe"`` or ``"no"`` (a closing mark).

    ``start``/``end`` bound the paragraph (the default: the whole text). The rule, written for framelab from
    British news usage (Hart's Rules, ch. 4; the Guardian style guide, "quotation marks") and tuned on the
    dev half of ``framelab/data/attribution_heldout``:

    * ``"yes"`` between two letters or digits (don’t, Tarnhof’s); at the start of a word, after a space, the
      start, a bracket or an opening mark and before a letter or digit (’90s, ’em, rock ’n’ roll); and the second mark of ’n’.
      (A ‘ before two digits or n’ is read the same way, as a misdirected apostrophe: ‘90s, rock ‘n’ roll.)
    * ``"maybe"`` after a word ending in s or a digit and before a space and a word that is not one of
      :data:`FUNCTION_WORDS`: a plural possessive (the farmers’ pumps, both sides’ engineers, the 1990s’ boom) or a
      quotation ending there (called them ‘thieves’ today). Before a function word it is ``"no"`` (called them
      ‘thieves’ and left). The pairing takes it for an apostrophe unless the quotation finds no
      other closing mark in its paragraph and does not continue in the next one; then the last such ’ closes it
      (or the first one before a new ‘ opens).
    * ``"no"`` otherwise after a non-space: a closing mark.

    Known failures: a quotation ending in s’ before a content word, with a plural possessive after it in the
    paragraph (called them ‘thieves’ today, in the farmers’ view), closes at the possessive; a misdirected ’ used to open a quotation (’Yes,’ she said) is read as an
    elision; the possessive of a word ending in s before punctuation ("the Joneses’.") closes a quotation; a
    misdirected ‘ at the start of a word other than ‘90s or ‘n’ (‘Tis) opens a quotation.

    >>> [apostrophe("don’t", 3), apostrophe("the ’90s", 4), apostrophe("rock ’n’ roll", 7)]
    ['yes', 'yes', 'yes']
    >>> [apostrophe("the farmers’ pumps", 11), apostrophe("a river,’ she", 8)]
    ['maybe', 'no']
    """
    end = len(text) if end is None else end
    before = text[offset - 1] if offset > start else " "
    after = text[offset + 1] if offset + 1 < end else " "
    if before.isalnum() and after.isalnum():
        return "yes"
    if (before.isspace() or before in _OPENING_AFTER or before in "‘“«„‚") and after.isalnum():
        return "yes"
    if before in "nN" and offset - 2 >= start and text[offset - 2] in "’‘'" and (offset - 3 < start or text[offset - 3].isspace()):
        return "yes"  # rock ’n’ roll (and the misdirected rock ‘n’ roll)
    word_end = before in "sS" and offset - 2 >= start and text[offset - 2].isalnum()
    if (word_end or before.isdigit()) and after == " " and offset + 2 < end and text[offset + 2].isalnum():
        following = re.match(r"\w+", text[offset + 2 : min(end, offset + 12)])
        return "no" if following and following.group().lower() in FUNCTION_WORDS else "maybe"
    return "no" if not before.isspace() else "yes"


#: Two digits for a decade or year after an apostrophe ('90s, the '22 election), not a number that opens a
#: quotation ('3,000 troops…', '2022 was…').
_DECADE = re.compile(r"\d{2}s?(?![\d,])")


def _misdirected(text: str, offset: int) -> bool:
    """A ‘ typed for an apostrophe at the start of a word: ‘90s, rock ‘n’ roll."""
    return (_DECADE.match(text, offset + 1) is not None
            or re.match(r"[nN][’‘'](?!\w)", text[offset + 1 : offset + 3]) is not None)


#: Words English writes with a straight or curly apostrophe in front, which is then no opening quotation
#: mark: 'til, 'tis, 'twas, 'em, 'cause, 'bout, 'round, rock 'n' roll, good ol' days, 'nother (general usage;
#: Hart's Rules, ch. 4 on elision).
ELISIONS = frozenset("til tis twas twere em cause bout round n ol nother".split())


def straight_opens(text: str, offset: int) -> bool:
    """True when the straight ``'`` at ``text[offset]`` opens a quotation; else it is read as ’ (:func:`apostrophe`).

    It opens where an opening mark stands (after a space, the start, a bracket, a dash or another opening mark)
    and before a letter, unless the word after it is an elision (:data:`ELISIONS`: 'til, 'em, rock 'n' roll).
    Before two digits it is an elision too ('90s, the '22 election); before another number it opens ('3,000
    troops…'). Anywhere else the mark closes a quotation or is an apostrophe,
    decided as for ’ by :func:`apostrophe`: "don't" and "the officials' cars" are apostrophes, "'the bosses' in"
    closes. Tuned on ``tests/data/single_quotes/dev.txt``.

    >>> [straight_opens("'We stay,' she said", 0), straight_opens("open 'til late", 5), straight_opens("the '90s", 4)]
    [True, False, False]
    >>> straight_opens("'3,000 troops is not enough,' Kirby said.", 0)
    True
    """
    after = text[offset + 1 : offset + 2]
    if after.isdigit():  # '90s is an elision; '3,000 troops and '2022 was open a quotation
        return _DECADE.match(text, offset + 1) is None and _opening_position(text, offset)
    if not (after.isalpha() and _opening_position(text, offset)):
        return False
    word = re.match(r"[^\W\d_]+", text[offset + 1 : offset + 12])
    return not (word and word.group().lower() in ELISIONS)


def _single_pairs(text: str, paragraphs: list[tuple[int, int]]) -> tuple[list[list[int]], list[int]]:
    """Pairs of single marks ‘…’ (and German ‚…‘), with the apostrophe rule of :func:`apostrophe`."""
    pairs, unmatched = [], []
    carried: list[int] | None = None
    for index, (a, b) in enumerate(paragraphs):
        stack: list[tuple[list[int], list[int]]] = [(carried, [])] if carried is not None else []
        carried = None
        for mark in _SINGLE_MARK.finditer(text, a, b):
            offset, char = mark.start(), mark.group()
            if char == "'":  # a straight mark: an opening ‘ where one opens, else read as ’
                char = "‘" if straight_opens(text, offset) else "’"
            if char == "’":
                kind = apostrophe(text, offset, a, b)
                if kind == "maybe" and stack:
                    stack[-1][1].append(offset)
                elif kind == "no" and stack:
                    pairs.append([*stack.pop()[0], offset])
                continue  # a lone ’ is an apostrophe, never reported
            if char == "‘" and stack and text[stack[-1][0][0]] == "‚" and not _opening_position(text, offset):
                pairs.append([*stack.pop()[0], offset])  # German ‚…‘
            elif offset == a and len(stack) == 1 and stack[0][0][-1] < a and text[offset] == text[stack[0][0][0]]:
                stack[0][0].append(offset)  # continuation mark of a paragraph-spanning quotation
            elif _misdirected(text, offset):
                continue  # an apostrophe typed the wrong way round, never reported
            elif _opening_position(text, offset):
                if char == "‘" and stack and stack[-1][1] and text[stack[-1][0][0]] in "‘'":
                    marks, maybes = stack.pop()  # ‘thieves’ and ‘liars’: the earlier one closed at its ’
                    pairs.append([*marks, maybes[0]])
                stack.append(([offset], []))
            elif not (text[offset - 1 : offset].isalnum() and text[offset + 1 : offset + 2].isalnum()):
                unmatched.append(offset)  # ‘ where no quotation opens; "don‘t" is a misdirected apostrophe
        following = paragraphs[index + 1] if index + 1 < len(paragraphs) else None
        if len(stack) == 1 and following is not None and text[following[0]] == text[stack[0][0][0]]:
            carried = stack.pop()[0]
        while stack:
            marks, maybes = stack.pop()
            if maybes:
                pairs.append([*marks, maybes[-1]])
            else:
                unmatched.append(marks[0])
    return pairs, unmatched


def _straight_pairs(text: str, paragraphs: list[tuple[int, int]]) -> tuple[list[list[int]], list[int]]:
    """Pairs of straight marks: they alternate open, close within a paragraph (as in framelab.voices)."""
    pairs, unmatched = [], []
    current: list[int] | None = None
    for index, (a, b) in enumerate(paragraphs):
        for mark in _STRAIGHT_MARK.finditer(text, a, b):
            offset = mark.start()
            if current is None:
                before = text[offset - 1] if offset > a else " "
                after = text[offset + 1] if offset + 1 < b else " "
                if not before.isspace() and before not in "([—–-" and (after.isspace() or after in ".,;:!?"):
                    unmatched.append(offset)  # looks like a closing mark with no opening one
                else:
                    current = [offset]
            elif current[-1] < a and offset == a:
                current.append(offset)  # continuation mark at the start of the next paragraph
            else:
                pairs.append([*current, offset])
                current = None
        if current is not None and current[-1] >= a:
            following = paragraphs[index + 1] if index + 1 < len(paragraphs) else None
            if following is None or text[following[0]] != _STRAIGHT:
                unmatched.append(current[0])
                current = None
    if current is not None:
        unmatched.append(current[0])
    return pairs, unmatched


def quotation_marks(text: str) -> tuple[list[list[int]], list[int]]:
    """The top-level quotations as mark offsets ``[open, (continuation opens...), close]``, and unmatched marks.

    The drop-in for ``framelab.voices._marks``: rules in the module docstring. Raises :class:`QuoteMarksError`
    when ``text`` is not a string.

    >>> quotation_marks('„Eins,\\n\\n„zwei.“ ‚drei')
    ([[0, 8, 14]], [16])
    """
    if not isinstance(text, str):
        raise QuoteMarksError(f"text must be a string (an article body), not {type(text).__name__}.")
    paragraphs = paragraph_spans(text)
    found = [_curly_pairs(text, paragraphs), _straight_pairs(text, paragraphs), _guillemet_pairs(text, paragraphs)]
    single, unmatched_single = _single_pairs(text, paragraphs)
    pairs = [pair for kind, _ in found for pair in kind]
    top: list[list[int]] = []
    for pair in sorted(pairs + single, key=lambda m: (m[0], -m[-1])):
        if not top or pair[0] > top[-1][-1]:  # nested quotations stay inside the outer one
            top.append(pair)
    unmatched = [o for _, kind in found for o in kind]
    singles_used = {m[0] for m in single} & {m[0] for m in top}
    if singles_used:  # the text quotes with single marks: an unpaired ‘ is an error worth reporting
        unmatched += unmatched_single
    else:  # only ‚ is reported: it never stands for an apostrophe
        unmatched += [o for o in unmatched_single if text[o] == "‚"]
    opens = [m[0] for m in top]  # top quotations never overlap: only the last one opening before o can hold it
    inside = [o for o in unmatched if not (k := bisect.bisect_left(opens, o)) or not o < top[k - 1][-1]]
    return top, sorted(inside)


def quoted_text(text: str, marks: list[int]) -> str:
    """The words of a quotation whose mark offsets ``marks`` (as :func:`quotation_marks` gives them) are in ``text``.

    Paragraphs are joined by one newline and hard wraps become a space; inside « » (and »…«) the no-break
    spaces next to the marks are left out.

    >>> quoted_text("«\u00a0Non,\u00a0» dit-elle.", [0, 6])
    'Non,'
    """
    strip = _NO_BREAK if text[marks[0]] in "«»" else "\n "
    parts = [text[open_ + 1 : close] for open_, close in zip(marks[:-1], marks[1:])]
    if strip == _NO_BREAK:
        parts = [part.strip(strip) for part in parts]
    parts = [part.strip("\n ") if i else part.rstrip("\n ") for i, part in enumerate(parts)]
    return "\n".join(re.sub(r"[^\S\n]*\n\s*", " ", part) for part in parts)


def quotation_spans(text: str) -> tuple[list[tuple[int, int, str]], list[int]]:
    """Every top-level direct quotation of ``text`` as ``(start, end, words)``, and unmatched marks.

    The contract of :func:`framelab.voices.quotation_spans`: quotations are paired within a paragraph
    (:func:`framelab.text.paragraph_spans`: a blank line ends one, a single newline is a hard wrap); a quotation
    running over paragraphs (no closing mark at the end of each but the last, an opening one at the start of each
    next) is one quotation; nested quotations stay inside; a mark without a partner is reported and skipped.
    ``start`` is the offset of the opening mark, ``end`` just after the closing one; ``words`` the text between
    them, paragraphs joined by one newline, hard wraps one space (no-break spaces inside « » left out). The second
    list holds the offsets of marks without a partner (outside any quotation), sorted. Marks: “…”, "…", « … »,
    „…“ and ‘…’, rules in the module docstring. Raises :class:`QuoteMarksError` when ``text`` is not a string.

    >>> text = 'He said “one\\nline” and\\n\\n“two paragraphs.\\n\\n“Here.” A stray ” mark.'
    >>> quotation_spans(text)
    ([(8, 18, 'one line'), (24, 49, 'two paragraphs.\\nHere.')], [58])
    >>> quotation_spans('« Nous restons\\u00a0»\\n\\n« ici\\u00a0», dit-elle. ‘Both sides’ engineers.\\n\\n‘Yes.’')
    ([(0, 16, 'Nous restons'), (18, 25, 'ici'), (37, 68, 'Both sides’ engineers.\\nYes.')], [])
    >>> quotation_spans(None)
    Traceback (most recent call last):
    ...
    framelab.quotemarks.QuoteMarksError: text must be a string (an article body), not NoneType.
    """
    top, unmatched = quotation_marks(text)
    return [(m[0], m[-1] + 1, quoted_text(text, m)) for m in top], unmatched
