"""What the opening of an article file states: a headline, and a date line.

A folder of articles without a ``catalog.csv`` gives no headline and no date,
so they are read off the text, and only where the text plainly states them:
a wrong headline takes the lede out of the body, which every later chapter
reads, so in doubt the headline is ``""`` and the whole text stays body.

A headline is taken only where the first line stands alone, followed by a
blank line and more text (:func:`first_line_alone`), and looks like one
(:func:`headline_problems`: short, no closing full stop, not a byline, date
or label). These rules were fitted on a development set of article openings
and judged on a separate test set, both written for the purpose
(``tests/data/headlines/``, scored in ``tests/test_corpus_headlines.py``).

Bylines ("By Jane Doe and Tom Lee, Reuters"), date lines and a dateline
("WARSAW, Poland (AP) — ") at the top of the body are taken off it too
(:func:`take_opening`), into ``Article.removed``, so they do not count as the
article's words; a dateline's full date is the article's date
(:func:`stated_date`). Fitted on ``tests/data/bylines/dev.txt`` and judged on
``test.txt`` (``python -m tools.openings_eval``): bylines precision / recall
dev 1.00 / 0.91, test 1.00 / 0.80 (before, the "By [A-Z]" test of
:func:`headline_problems` alone: 0.80 / 0.73 and 0.78 / 0.70); datelines 1.00 /
1.00 on both (before, none was read); dateline dates 3 of 3 on both. Attack G
added "By Land, Sea and Air" and "NATO — the alliance said — will send..." to dev
(each taken wrongly before: precision 0.91); the rules now take neither, and the
test half keeps the figures above.

>>> split_headline("Troops arrive in Poland\\n\\nThe first 300 soldiers landed on Friday.")
('Troops arrive in Poland', 'The first 300 soldiers landed on Friday.')
>>> split_headline("The first 300 soldiers landed on Friday.\\n\\nMore will follow.")
('', 'The first 300 soldiers landed on Friday.\\n\\nMore will follow.')
"""

from __future__ import annotations

import datetime
import re

from framelab.cleaning import RULES, clean

#: A headline is one short line: at least this many words (fewer is a kicker
#: such as "Opinion" or "BREAKING", or an agency name) and at most this many
#: words and characters (news headlines run to about 10-15 words; 20 leaves
#: room for long ones, and ledes run longer).
MIN_WORDS = 3
MAX_WORDS = 20
MAX_CHARS = 150

_WORD = re.compile(r"\w", re.UNICODE)
# Sentence-final punctuation at the end of the line, possibly followed by closing
# quotation marks or brackets; an ellipsis ("...") is not one.
_SENTENCE_END = re.compile(r"(?<!\.\.)[.!?:;,][\"'”’»)\]]*$")
# A full stop after a word of five or more letters, then more text: two sentences
# (a caption, a lede). Shorter words before a full stop are often abbreviations
# ("U.S.", "Gov.", "Sept.") that headlines use.
_SENTENCE_INSIDE = re.compile(r"[^\W\d_]{5,}\.[\"'”’)]*\s+[\"'“‘(\w]")
_BYLINE = re.compile(r"^By\s+[A-Z]")
# A time of day ("6:42 p.m.", "18:30") or a US telephone number: a timestamp or contact line.
_TIME_OR_PHONE = re.compile(r"\b\d{1,2}:\d{2}\b|\(?\b\d{3}\)?[ .-]\d{3}-\d{4}\b")


def headline_problems(line: str) -> list[str]:
    """Why ``line`` (one line of text) does not look like a headline; ``[]`` when it does.

    The rules, each a reason in the returned list when broken:

    - from :data:`MIN_WORDS` to :data:`MAX_WORDS` words (space-separated
      pieces holding a letter or digit), at most :data:`MAX_CHARS` characters;
    - no sentence-final punctuation at the end (``. ! ? : ; ,``, also before
      a closing quotation mark or bracket; an ellipsis ``...`` is allowed):
      ledes end in a full stop, and a question is as often a lede as a headline;
    - no sentence end inside it (a full stop after a word of five or more
      letters, then more text);
    - some lower-case letters (a line in capitals is a label such as "FOR
      IMMEDIATE RELEASE");
    - not a byline ("By Maria Lopez"), not a date line (:func:`date_of_line`),
      no time of day or telephone number (timestamps, contact lines).

    Fitted on ``tests/data/headlines/dev.txt``, judged on ``test.txt`` (60
    openings each; with :func:`split_headline`'s layout rule, right on 57 and
    49, 50 since cleaning's share_buttons rule removes a "Share this article"
    line; ledes taken as headlines 0 of 16 and 1 of 17). The rules the issue
    first suggested (length, no closing full stop, no opening quotation mark)
    scored 40 and 40: they took bylines, date lines and kickers as headlines.

    >>> headline_problems("Council approves $480 million stadium plan in 7-2 vote")
    []
    >>> headline_problems("The river is still rising.")
    ['ends like a sentence (".")']
    >>> headline_problems("By Maria Lopez")
    ['is a byline']
    """
    line = line.strip()
    problems = []
    words = [word for word in line.split() if _WORD.search(word)]
    if len(words) < MIN_WORDS:
        problems.append(f"has fewer than {MIN_WORDS} words ({len(words)})")
    if len(words) > MAX_WORDS:
        problems.append(f"has more than {MAX_WORDS} words ({len(words)})")
    if len(line) > MAX_CHARS:
        problems.append(f"has more than {MAX_CHARS} characters ({len(line)})")
    end = _SENTENCE_END.search(line)
    if end:
        problems.append(f'ends like a sentence ("{end.group(0)[0]}")')
    if _SENTENCE_INSIDE.search(line):
        problems.append("holds a sentence end")
    if not any(character.islower() for character in line):
        problems.append("has no lower-case letter")
    if _BYLINE.match(line):
        problems.append("is a byline")
    if date_of_line(line):
        problems.append("is a date line")
    elif _TIME_OR_PHONE.search(line):
        problems.append("holds a time of day or a telephone number")
    return problems


def looks_like_headline(line: str) -> bool:
    """True when ``line`` passes every rule of :func:`headline_problems`.

    >>> looks_like_headline("Dockworkers walk out"), looks_like_headline("By noon the river had crested.")
    (True, False)
    """
    return not headline_problems(line)


# Leading blank lines, the first line, a blank line, then something more.
_FIRST_LINE_THEN_BLANK = re.compile(r"\A\s*(?P<line>[^\n]*\S[^\n]*)\n[^\S\n]*\n\s*\S")


def first_line_alone(normalized: str) -> str:
    """The first line of ``normalized`` text when it stands alone, else ``""``.

    Standing alone: after the cleaning rules (:data:`framelab.cleaning.RULES`)
    have removed boilerplate lines, the first non-blank line is followed by a
    blank line and then by more text. A hard-wrapped lede's first line is
    followed by the next line of the lede, and a file with one paragraph per
    line has no blank line at all: neither offers a headline.

    >>> first_line_alone("Time Plus News\\n\\nTroops arrive\\n\\nThe first 300 landed.")
    'Troops arrive'
    >>> first_line_alone("Troops arrive in\\nPoland on Friday.\\n\\nMore will follow.")
    ''
    """
    for rule in RULES:
        normalized, _ = rule.apply(normalized)
    match = _FIRST_LINE_THEN_BLANK.match(normalized)
    return match.group("line").strip() if match else ""


def split_headline(normalized: str, cleaned: str | None = None) -> tuple[str, str]:
    """``(headline, body)`` of an article with no catalog: a headline only where the rules see one.

    ``normalized`` is the article's normalized text
    (:func:`framelab.typography.normalize`); ``cleaned`` its cleaned text
    (:func:`framelab.cleaning.clean`, computed when not given). The headline
    is the first line when it stands alone (:func:`first_line_alone`) and
    looks like a headline (:func:`looks_like_headline`); the body is then the
    cleaned text after it. Otherwise the headline is ``""`` and the body is
    the whole cleaned text: the lede is never removed on a guess, and the
    body is never empty.

    >>> split_headline("By Maria Lopez\\n\\nThe union said on Friday it would strike.")
    ('', 'By Maria Lopez\\n\\nThe union said on Friday it would strike.')
    """
    cleaned = clean(normalized).text if cleaned is None else cleaned
    first, _, rest = cleaned.partition("\n\n")
    line = first_line_alone(normalized)
    if line and line == first.strip() and rest.strip() and looks_like_headline(line):
        return line, rest
    return "", cleaned


_MONTHS = {
    name: number
    for number, names in enumerate(
        (
            ("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"), ("may",),
            ("june", "jun"), ("july", "jul"), ("august", "aug"), ("september", "sept", "sep"),
            ("october", "oct"), ("november", "nov"), ("december", "dec"),
        ),
        start=1,
    )
    for name in names
}  # fmt: skip
_MONTH = r"(?P<month>[A-Za-z]{3,9})\.?"
_DAY = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>(?:19|20)\d{2})"
_DATE_FORMS = (
    r"(?P<iso>(?P<iso_year>(?:19|20)\d{2})-(?P<iso_month>\d{2})-(?P<iso_day>\d{2}))(?:[T ]\d{2}:\d{2}(?::\d{2})?\S*)?",
    rf"{_MONTH} {_DAY},? {_YEAR}",  # Feb. 2, 2022 / February 2 2022
    rf"{_DAY} {_MONTH},? {_YEAR}",  # 2 February 2022
)
_WEEKDAY = r"(?:(?:Mon|Tues?|Wed(?:nes)?|Thu(?:rs)?|Fri|Sat(?:ur)?|Sun)(?:day)?\.?,? )?"
_LEAD = r"(?:(?:Published|Updated|Last updated|Posted|Date)(?: on)?:? )?"
_TIME = r"(?:,? (?:at )?\d{1,2}:\d{2}(?: ?[ap]\.?m\.?| ?[AP]M)?(?: [A-Z]{2,4})?)?"
_DATE_LINES = tuple(
    re.compile(rf"{_LEAD}{_WEEKDAY}{form}{_TIME}\.?", re.IGNORECASE) for form in _DATE_FORMS
)


def date_of_line(line: str) -> str:
    """The ISO date (``YYYY-MM-DD``) a line states when the whole line is a date, else ``""``.

    A date line is a full date with its year, alone on its line: ISO
    (``2022-02-03``, a time may follow), ``Feb. 2, 2022``, ``February 2,
    2022`` or ``2 February 2022``, optionally after a weekday and "Published",
    "Updated", "Last updated", "Posted" or "Date", and before a time of day.
    A date inside a sentence is not a date line, and a date without a year
    ("Tuesday, 5 November") states none.

    >>> date_of_line("Feb. 2, 2022"), date_of_line("Wednesday, March 20, 2024, 4:15 PM")
    ('2022-02-02', '2024-03-20')
    >>> date_of_line("Tuesday, 5 November"), date_of_line("Troops landed on Feb. 2, 2022.")
    ('', '')
    """
    line = line.strip()
    for pattern in _DATE_LINES:
        match = pattern.fullmatch(line)
        if not match:
            continue
        if match.group("iso") if "iso" in pattern.groupindex else None:
            year, month, day = (int(match.group(f"iso_{part}")) for part in ("year", "month", "day"))
        else:
            month = _MONTHS.get(match.group("month").lower(), 0)
            year, day = int(match.group("year")), int(match.group("day"))
        try:
            return datetime.date(year, month, day).isoformat()
        except ValueError:  # month 0 (not a month name), or no such day
            return ""
    return ""


#: How many non-blank lines at the top of an article :func:`stated_date` reads.
DATE_LINES_READ = 8


def stated_date(normalized: str, removed: dict[str, list[str]] | None = None) -> str:
    """The ISO date an article states at its top, else ``""`` (never a guess).

    ``normalized`` is the article's normalized text and ``removed`` what
    :func:`framelab.cleaning.clean` removed from it. The date is the one of a
    ``date YYYY-MM-DD`` metadata stamp (cleaning's ``date_stamp`` rule) when
    there is one, else that of the first date line (:func:`date_of_line`) or
    dateline stating a full date (:func:`dateline`: "WASHINGTON, Feb. 2, 2022 —")
    among the first :data:`DATE_LINES_READ` non-blank lines. A dateline without
    a year ("KYIV, Feb 3 (Reuters) -") gives no date: the year is not guessed.

    >>> stated_date("Troops arrive\\n\\nFeb. 2, 2022\\n\\nThe first 300 landed.")
    '2022-02-02'
    >>> stated_date("Troops arrive\\n\\nThe first 300 landed on Feb. 2, 2022.")
    ''
    >>> stated_date("Troops arrive\\n\\nWARSAW, Feb. 2, 2022 (AP) — The first 300\\nlanded.")
    '2022-02-02'
    """
    stamps = (removed or {}).get("date_stamp", [])
    if stamps:
        return date_of_line(stamps[0].removeprefix("date").strip())
    for line, paragraph in _top_lines(normalized, DATE_LINES_READ):
        date = date_of_line(line) or dateline(paragraph)[1]
        if date:
            return date
    return ""


def _top_lines(normalized: str, limit: int) -> list[tuple[str, str]]:
    """The first ``limit`` non-blank lines of ``normalized``, each with the rest of its paragraph from it on.

    Hard wraps are kept. Only ``limit`` lines are built: an article of short wrapped lines in one paragraph
    would otherwise make a copy of the paragraph per line (4 GB for a 500 KB article).

    >>> _top_lines("Kyiv\\nFeb 3\\n\\nText", 2)
    [('Kyiv', 'Kyiv\\nFeb 3'), ('Feb 3', 'Feb 3')]
    """
    found: list[tuple[str, str]] = []
    for block in re.finditer(r"(?:[^\n]|\n(?![^\S\n]*\n))+", normalized):
        lines = block.group().splitlines()
        for i, line in enumerate(lines):
            if len(found) == limit:
                return found
            if line.strip():
                found.append((line, "\n".join(lines[i:])))
    return found


# --- bylines, date lines and datelines at the top of the body -----------------------------------

#: Words that introduce a byline (fitted on ``tests/data/bylines/dev.txt``).
BYLINE_LEADS = ("By", "BY", "Written by")
#: Lower-case words a name may hold (de la Croix, van der Berg): name particles, from general usage.
NAME_PARTICLES = frozenset("de da van von der den la le du del di dos bin al".split())
# Between the names and outlets of a byline: a comma, a bar, a semicolon, "and", "in".
_BYLINE_SEPARATOR = re.compile(r"\s*[,|;]\s*|\s+(?:and|in)\s+")
_NAME_WORD = re.compile(r"[A-Z][\w'’.-]*")


def is_byline(line: str) -> bool:
    """True when ``line`` (one paragraph) is a byline: "By" and names, outlets or titles, nothing else.

    The rules: it starts with one of :data:`BYLINE_LEADS` and a capital; it has at most
    15 words and no sentence end at its end (``. ! ? :``); after the lead, every word is
    capitalized (a name, an outlet, a title such as "Staff Writer") or a name particle
    (:data:`NAME_PARTICLES`), between separators ``, | ;`` "and" and "in"; the first
    author has two words or more (a first and last name, "The Associated Press"). So "By
    Friday, the troops had left." (a full stop, lower-case words), "By the numbers" and
    "By Land, Sea and Air" (a title of single words) are not. A one-word agency byline
    ("By Reuters") is missed with them: kept in the body rather than guessed.
    A byline without "By" ("Grace Mbeki, Northern Wire") is not recognised: it looks
    like a headline. Scores in :func:`take_opening`.

    >>> is_byline("By Jane Doe and Tom Lee, Reuters"), is_byline("BY ANNA LINDQVIST | THE COURIER")
    (True, True)
    >>> is_byline("By Friday, the troops had left."), is_byline("By Land, Sea and Air")
    (False, False)
    """
    line = " ".join(line.split())
    lead = next((lead for lead in BYLINE_LEADS if line.startswith(lead + " ")), None)
    if lead is None or len(line.split()) > 15 or re.search(r"[.!?:]$", line):
        return False
    rest = line[len(lead) + 1 :]
    pieces = [piece for piece in _BYLINE_SEPARATOR.split(rest) if piece]
    if not pieces or not _NAME_WORD.match(pieces[0]) or len(pieces[0].split()) < 2:
        return False
    return all(
        _NAME_WORD.fullmatch(word) or word in NAME_PARTICLES for piece in pieces for word in piece.split()
    )


# A dateline: a place in capitals (one to four words), then optionally regions in title
# case (", Poland", ", Puerto Rico"), a date (", Feb. 2, 2022", ", 3 February 2022",
# ", Feb 3") and an agency in brackets ("(AP)"), then a dash and a space.
_DATELINE = re.compile(
    r"(?P<place>[A-Z][A-Z.'’-]*(?: [A-Z][A-Z.'’-]*){0,3})"
    r"(?:, [A-Z][a-z][\w.'’-]*(?: [A-Z][\w.'’-]*)*)*"
    r"(?:, (?:(?P<month>[A-Za-z]{3,9})\.? (?P<day>\d{1,2})(?:, (?P<year>\d{4}))?"
    r"|(?P<day2>\d{1,2}) (?P<month2>[A-Za-z]{3,9})(?: (?P<year2>\d{4}))?))?"
    r"(?: \([A-Z][\w .&-]*\))?"
    r" ?(?:—|–|--?) "
)


def dateline(paragraph: str) -> tuple[str, str]:
    """``(dateline, iso_date)`` opening ``paragraph``, else ``("", "")``.

    A dateline is a place in capitals with at least three letters ("WARSAW", "ST. LOUIS";
    "EU" and "US" are too short to tell from an acronym), optionally a region, a date and
    an agency in brackets, then a dash: "WARSAW, Poland (AP) — ", "KYIV, Feb 3 (Reuters) - ",
    "HARWICK, 12 March 2025 – ". The paragraph must go on as prose, with a sentence end
    after the dash: "BREAKING — Troops cross the border" is a kicker over a headline. And the
    prose after the dash must start a sentence (a capital, a digit or an opening quotation
    mark): "NATO — the alliance said — will send troops." is an acronym and an aside.

    ``iso_date`` is the dateline's date when it states day, month and year. A dateline
    without its year ("KYIV, Feb 3") gives ``""``: the year is not guessed (a wire story
    filed on Jan 2 about Dec 31 would get the wrong one), and :func:`stated_date` then
    falls back to a date line at the top of the article, if any.

    >>> dateline("WASHINGTON, Feb. 2, 2022 — The Pentagon said 3,000 troops would deploy.")
    ('WASHINGTON, Feb. 2, 2022 — ', '2022-02-02')
    >>> dateline("KYIV, Feb 3 (Reuters) - Ukraine said it saw no pullback.")
    ('KYIV, Feb 3 (Reuters) - ', '')
    >>> dateline("NATO allies — including Poland — agreed."), dateline("BREAKING — Troops cross")
    (('', ''), ('', ''))
    >>> dateline("NATO — the alliance said on Friday — will send 3,000 more troops.")
    ('', '')
    """
    match = _DATELINE.match(paragraph)
    if not match or sum(c.isalpha() for c in match.group("place")) < 3:
        return "", ""
    prose = paragraph[match.end() :]
    if not re.match(r"[\"'“‘(]?[A-Z0-9]", prose) or not re.search(r"[.!?][\"'”’)]*(?:\s|$)", prose):
        return "", ""
    month_name = match.group("month") or match.group("month2")
    if month_name and month_name.lower() not in _MONTHS:
        return "", ""
    date = ""
    year = match.group("year") or match.group("year2")
    if month_name and year:
        day = int(match.group("day") or match.group("day2"))
        try:
            date = datetime.date(int(year), _MONTHS[month_name.lower()], day).isoformat()
        except ValueError:
            return "", ""
    return match.group(0), date


#: How many paragraphs at the top of the body :func:`take_opening` looks at for bylines and date lines.
OPENING_PARAGRAPHS = 3


def take_opening(body: str) -> tuple[str, dict[str, list[str]]]:
    """``(body, removed)``: ``body`` without the bylines, date lines and dateline at its top.

    ``body`` is a cleaned body (paragraphs separated by one blank line) after its
    headline was taken off (:func:`split_headline`). Among its first
    :data:`OPENING_PARAGRAPHS` paragraphs, those that are a byline (:func:`is_byline`),
    a date line (:func:`date_of_line`), or a byline followed by a date line (a
    hard-wrapped "By Anna Lindqvist\\n11 March 2025") are taken off; then a dateline
    (:func:`dateline`) opening the next paragraph. ``removed`` says what went, under
    ``"byline"``, ``"date_line"`` and ``"dateline"`` (for :attr:`framelab.corpus.Article.removed`:
    nothing is lost in silence). The body is never emptied: its last paragraph stays.

    Scored by ``python -m tools.openings_eval dev|test`` on ``tests/data/bylines``.

    >>> body, removed = take_opening("By Jane Doe\\n\\nWARSAW, Poland (AP) — Troops landed. More came.")
    >>> body, removed
    ('Troops landed. More came.', {'byline': ['By Jane Doe'], 'date_line': [], 'dateline': ['WARSAW, Poland (AP) —']})
    """
    removed: dict[str, list[str]] = {"byline": [], "date_line": [], "dateline": []}
    paragraphs = body.split("\n\n")
    while len(paragraphs) > 1 and sum(map(len, removed.values())) < OPENING_PARAGRAPHS:
        first = paragraphs[0].strip()
        if is_byline(first):
            removed["byline"].append(first)
        elif date_of_line(first):
            removed["date_line"].append(first)
        else:
            split = _byline_then_date(first)
            if split is None:
                break
            removed["byline"].append(split[0])
            removed["date_line"].append(split[1])
        paragraphs.pop(0)
    prefix, _ = dateline(paragraphs[0])
    if prefix and paragraphs[0][len(prefix) :].strip():
        removed["dateline"].append(prefix.strip())
        paragraphs[0] = paragraphs[0][len(prefix) :]
    return "\n\n".join(paragraphs), removed


def _byline_then_date(paragraph: str) -> tuple[str, str] | None:
    """A paragraph that is a byline and a date line joined by a hard wrap, split in two; else None."""
    words = paragraph.split()
    for cut in range(2, min(len(words), 16)):  # a byline has at most 15 words
        head, tail = " ".join(words[:cut]), " ".join(words[cut:])
        if is_byline(head) and date_of_line(tail):
            return head, tail
    return None
