"""Cleaning scraped articles with explicit, named rules.

Scraped web text carries the page around the article: menus, banners,
photo credits, comment forms. Each :class:`CleaningRule` names one kind of
boilerplate and holds the regular expression that finds it, so a student can
read, test and argue about every rule. :func:`clean` applies the rules in
order and reports what each one removed.

>>> result = clean("RU\\u00a0 UA\\u00a0 EN\\n\\nTroops move.\\n\\nSource link\\n")
>>> result.text
'Troops move.'
>>> result.removed["language_menu"], result.removed["source_link"]
(['RU\\xa0 UA\\xa0 EN'], ['Source link'])
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

# A blank line: a line break, a line holding only spaces or tabs, a line break.
_BLANK_LINE = re.compile(r"\n[^\S\n]*\n")
_WEEKDAY = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_MONTH = (
    r"(?:January|February|March|April|May|June|July|August|September|October"
    r"|November|December)"
)


@dataclass(frozen=True)
class CleaningRule:
    """One kind of boilerplate: a name, why it goes, and the pattern that finds it.

    Patterns are applied with ``re.MULTILINE``, so ``^`` and ``$`` mark line
    edges; a pattern that matches a whole line removes the line.

    >>> rule = CleaningRule("shout", "lines in capitals", r"^[A-Z ]+$")
    >>> rule.apply("HELLO\\nWorld")
    ('\\nWorld', ['HELLO'])
    """

    name: str
    description: str
    pattern: str

    def apply(self, text: str) -> tuple[str, list[str]]:
        """Return ``text`` without this rule's matches, and the matches removed."""
        regex = re.compile(self.pattern, re.MULTILINE)
        removed = [match.group(0).strip() for match in regex.finditer(text)]
        return regex.sub("", text), removed


@dataclass(frozen=True)
class CleaningResult:
    """The cleaned text and, for every rule, the strings it removed (in order)."""

    text: str
    removed: dict[str, list[str]] = field(default_factory=dict)


RULES: tuple[CleaningRule, ...] = (
    CleaningRule(
        "language_menu",
        "a site's language switcher, e.g. 'RU  UA  EN'",
        r"^[A-Z]{2}(?:[ \u00a0]+[A-Z]{2})+[ \u00a0]*$",
    ),
    CleaningRule(
        "page_date",
        "a date shown by the web page, with weekday but no year, e.g. 'Tuesday, 5 November'",
        rf"^{_WEEKDAY}, \d{{1,2}} {_MONTH}$",
    ),
    CleaningRule(
        "section_label",
        "a one-word section name in lower case on its own line, e.g. 'politics'",
        r"^[a-z]+$",
    ),
    CleaningRule(
        "date_stamp",
        "a metadata stamp before the headline, e.g. ' date 2022-02-03 '",
        r"^[ \t]*date \d{4}-\d{2}-\d{2}[ \t]*",
    ),
    CleaningRule(
        "site_banner",
        "an aggregator's name and slogan above the article",
        r"^(?:Time Plus News|Breaking News, Latest News, World News, Headlines and Videos)$",
    ),
    CleaningRule(
        "photo_credit",
        "a picture caption ending in a photo credit",
        r"^.*\bPhoto: .*$",
    ),
    CleaningRule(
        "inline_link",
        "link text glued to the end of a paragraph, e.g. ' find out more'",
        r"[ \t]+find out more[ \t]*$",
    ),
    CleaningRule(
        "reporting_credit",
        "a credit line for contributing reporters",
        r"^Additional reporting by .*$",
    ),
    CleaningRule(
        "blog_footer",
        "a blog's post footer and comment form",
        r"^(?:Published|Categorized as .+|Leave a comment"
        r"|Your email address will not be published\..*)$",
    ),
    CleaningRule(
        "source_link",
        "a link back to the original, e.g. 'Source link', 'source site'",
        r"^(?:Source link|source site)$",
    ),
    CleaningRule(
        "stray_punctuation",
        "a line holding nothing but punctuation",
        r"^[ \t]*[.,;:·•]+[ \t]*$",
    ),
)


def clean(text: str, rules: tuple[CleaningRule, ...] = RULES) -> CleaningResult:
    """Apply ``rules`` in order; join hard-wrapped lines; report what each rule removed.

    Paragraphs follow the one definition of :func:`framelab.text.paragraph_spans`:
    a blank line ends a paragraph and a single line break inside one is a hard
    wrap, joined with a space ("would\\nmove" → "would move"). A file with no
    blank line at all is the other common layout, one paragraph per line, and
    keeps its lines as paragraphs. The result has paragraphs separated by
    exactly one blank line, no line break inside a paragraph, and no leading or
    trailing whitespace.

    >>> clean("Headline\\n\\nPublished\\n\\n\\n\\nBody.").text
    'Headline\\n\\nBody.'
    >>> clean("Headline\\n\\nAbout 3,000 troops would\\nmove to Poland.").text
    'Headline\\n\\nAbout 3,000 troops would move to Poland.'
    >>> clean("Headline\\nFirst paragraph.\\nSecond paragraph.").text
    'Headline\\n\\nFirst paragraph.\\n\\nSecond paragraph.'
    """
    # Decided on the text as written: a rule that empties a line must not turn
    # a one-paragraph-per-line file into a blank-line one.
    wrapped = _BLANK_LINE.search(text.strip()) is not None
    removed: dict[str, list[str]] = {}
    for rule in rules:
        text, removed[rule.name] = rule.apply(text)
    if wrapped:
        blocks = _BLANK_LINE.split(text)
        paragraphs = [" ".join(line.strip() for line in block.splitlines() if line.strip()) for block in blocks]
    else:
        paragraphs = [line.strip() for line in text.splitlines()]
    return CleaningResult("\n\n".join(paragraph for paragraph in paragraphs if paragraph), removed)
