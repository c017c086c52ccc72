"""Cleaning scraped articles with explicit, named rules.

Scraped web text carries the page around the article: menus, banners,
photo credits, comment forms. Each :class:`CleaningRule` names one kind of
boilerplate and holds the regular expression that finds it, so a student can
read, test and argue about every rule. :func:`clean` applies the rules in
order and reports what each one removed.

The rules were first written for the five bundled articles, then made
conservative (issue 13) on news-style texts written for the purpose, with
real text that looks like clutter and real clutter (``tests/data/cleaning``,
scored by ``python -m tools.cleaning_eval dev|test``). Before: real text
removed 8 times on dev, 5 on test (a paragraph holding "Photo: ", a wrapped
line of one lower-case word, a line "US UK"), clutter recall 0.60 and 0.56.
After, tuned on dev: nothing real removed on either half, recall 1.00 on both.
Attack G found sentences the rules still took whole: "Additional reporting by
local media suggests...", "Categorized as terrorists by Moscow, ...",
'Related: Biden said the troops would "not fight..."', two article sentences
ending in "Photo: John Doe/Reuters", a hard-wrapped "date 2024-05-01" and the
last word of a wrapped headline. With them and four clutter lines of the same
kinds in dev: before, real text removed 6 times, recall 0.96; after, none and
1.00 on dev, and the held-out test half still none and 1.00.

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
# The buttons a news page offers for sharing an article.
_SHARE = (
    r"(?:Share(?: this (?:article|story))?(?: on (?:Facebook|Twitter|X|WhatsApp|LinkedIn|Email))?"
    r"|Tweet|Email|Facebook|Twitter|WhatsApp|LinkedIn|Print|Copy link)"
)
_MONTH = (
    r"(?:January|February|March|April|May|June|July|August|September|October"
    r"|November|December)"
)
# Capitalized words (names, places, outlets, categories) and lower-case name
# particles (de la Croix), joined by spaces, commas, "and", "in" or "&".
_NAME = r"[A-Z][\w.'’-]*"
_NAMES = rf"{_NAME}(?:(?:,? and |, | in | & | (?:(?:de|da|van|von|der|den|la|le|du|del|di|al) )*){_NAME})*"
# A picture credit: the label, then people or agencies (capitalized words, up to 8).
_CREDIT = (
    r"\(?(?:Photo|Photograph|Picture|Image)(?: credit)?: "
    r"[A-Z][\w.'’&-]*(?:(?:,[ \t]*|[ \t]*/[ \t]*|[ \t]+)[A-Z0-9][\w.'’&-]*){0,7}\)?[ \t]*"
)
# A caption before the credit: one sentence (no sentence end inside: a word of three or
# more lower-case letters, a stop, a capital), then maybe a date ("February 19, 2021.").
_CAPTION = (
    r"(?:(?!(?<=[a-z]{3})[.!?][\"”’)]*[ \t]+[\"“‘(]?[A-Z])[^\n])*[.!?\"”]"
    r"(?:[ \t]+(?:[A-Z][a-z]+ \d{1,2}, \d{4}|\d{1,2} [A-Z][a-z]+ \d{4})\.)?"
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
        """Return ``text`` without this rule's matches, and the matches removed.

        A pattern with a group named ``cut`` removes only that group: the rest
        of the match is context that says where the rule applies (``section_label``
        reads the lines above its word).

        >>> CleaningRule("tag", "a tag after a colon", r"Tags: (?P<cut>\\w+)").apply("Tags: news")
        ('Tags: ', ['news'])
        """
        regex = re.compile(self.pattern, re.MULTILINE)
        if "cut" not in regex.groupindex:
            removed = [match.group(0).strip() for match in regex.finditer(text)]
            return regex.sub("", text), removed
        removed = [match.group("cut").strip() for match in regex.finditer(text)]
        return regex.sub(lambda m: text[m.start() : m.start("cut")] + text[m.end("cut") : m.end()], text), removed


@dataclass(frozen=True)
class CleaningResult:
    """The cleaned text and, for every rule, the strings it removed (in order)."""

    text: str
    removed: dict[str, list[str]] = field(default_factory=dict)


RULES: tuple[CleaningRule, ...] = (
    CleaningRule(
        "language_menu",
        "a site's language switcher: two-letter codes, English (EN) among them, e.g. 'RU  UA  EN'",
        # EN is required: an English page's switcher offers English, and a line
        # of country or agency codes ("US UK", "EU UN") is article text.
        r"^(?=.*\bEN\b)[A-Z]{2}(?:[ \u00a0|/]+[A-Z]{2})+[ \u00a0]*$",
    ),
    CleaningRule(
        "page_date",
        "a date shown by the web page, with weekday but no year, e.g. 'Tuesday, 5 November'",
        rf"^{_WEEKDAY}, \d{{1,2}} {_MONTH}$",
    ),
    CleaningRule(
        "section_label",
        "a one-word section name in lower case in the page header, e.g. 'politics': "
        "within the first 10 lines, above any line of three or more words, first or below a blank line",
        # Only in the header: a lower-case word alone on a line further down is a
        # hard-wrapped line ("until\nspring\nafter") or a one-word paragraph. Below a
        # blank line (or one an earlier rule emptied): right under text it ends a
        # hard-wrapped headline ("Troops arrive\nin Poland\ntoday").
        # Each header line is blank or holds one or two words, matched one way only (no
        # backtracking blow-up); at most 10 lines are read.
        r"\A(?:(?:[^\S\n]*\n|[^\S\n]*\S+(?:[^\S\n]+\S+)?[^\S\n]*\n){0,9}?[^\S\n]*\n)?"
        r"[^\S\n]*(?P<cut>[a-z]+)[^\S\n]*$",
    ),
    CleaningRule(
        "date_stamp",
        "a metadata stamp before the headline, e.g. ' date 2022-02-03 ': "
        "at the top of the file, below blank lines only",
        # Only at the top: "a delivery\ndate 2024-05-01 for the first tanks" is a
        # hard-wrapped sentence.
        r"\A(?:[^\S\n]*\n)*(?P<cut>[^\S\n]*date \d{4}-\d{2}-\d{2}[^\S\n]*)",
    ),
    CleaningRule(
        "site_banner",
        "an aggregator's name and slogan above the article",
        r"^(?:Time Plus News|Breaking News, Latest News, World News, Headlines and Videos)$",
    ),
    CleaningRule(
        "photo_credit",
        "a picture caption ending in a credit, e.g. 'Troops land. Photo: J. Doe, Unsplash.com', "
        "'(Photo: J. Doe/City Hall)'",
        # The credit closes the line and names people or agencies (capitalized
        # words, up to 8); it starts the line or follows a sentence end. So a
        # sentence that mentions a "Photo: ..." title or caption stays. The text
        # before it goes too only when it is a caption: one sentence, maybe
        # followed by a date. After more sentences, the paragraph is article text
        # that ends in a credit, and only the credit goes.
        rf"^(?:(?!{_CAPTION}[ \t]+{_CREDIT}$)[^\n]*[.!?\"”][ \t]+)?"
        rf"(?P<cut>(?:{_CAPTION}[ \t]+)?{_CREDIT})$",
    ),
    CleaningRule(
        "inline_link",
        "link text glued to the end of a paragraph after its last sentence, e.g. ' find out more'",
        # After a sentence end only: "who want to find out more\ncan call" is a hard wrap.
        r"(?<=[.!?\"”’])[ \t]+find out more[ \t]*$",
    ),
    CleaningRule(
        "reporting_credit",
        "a credit line for contributing reporters, e.g. 'Additional reporting by "
        "Jane Roe in Berlin; Editing by Tom Lee'",
        # Names, places and editors only (capitalized words): "Additional reporting
        # by local media suggests that..." is a sentence.
        rf"^Additional reporting by {_NAMES}(?:; [Ee]diting by {_NAMES})?\.?[ \t]*$",
    ),
    CleaningRule(
        "blog_footer",
        "a blog's post footer and comment form",
        # Categories are capitalized names ("Categorized as News, World"):
        # "Categorized as terrorists by Moscow, the group..." is a sentence.
        rf"^(?:Published|Categorized as {_NAMES}|Leave a comment"
        r"|Your email address will not be published\.(?: Required fields are marked \*)?)$",
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
    CleaningRule(
        "advertisement",
        "an advertisement marker, e.g. 'Advertisement', 'Story continues below advertisement'",
        r"^[ \t]*(?i:advertisement|story continues below(?: this)? advertisement)[ \t]*$",
    ),
    CleaningRule(
        "share_buttons",
        "a line of sharing buttons, e.g. 'Share this article', 'Facebook Twitter Email'",
        rf"^[ \t]*{_SHARE}(?:[ \t|·•/]+{_SHARE})*[ \t]*$",
    ),
    CleaningRule(
        "related_link",
        "a link to another article, e.g. 'Read more: Drought leaves reservoirs at record low'",
        # A headline after the label: it starts with a capital, has no full stop
        # at its end ("Read more than one book a week" has no colon and is a
        # sentence) and is written as headlines are: no double quotation marks
        # (headlines quote with single ones, AP Stylebook, "quotation marks") and
        # no past-tense "said" (headlines use the present: "Biden says").
        r"^[ \t]*(?i:read more|related|see also|more on this story): "
        r"(?![^\n]*(?:[\"“”]|\bsaid\b))[A-Z0-9‘'][^\n]*[^\s.!?]$",
    ),
    CleaningRule(
        "newsletter",
        "a newsletter sign-up prompt, e.g. 'Sign up for our morning newsletter'",
        r"^[ \t]*(?i:sign up for (?:our|the) [\w -]*newsletters?)[.!]?[ \t]*$",
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
