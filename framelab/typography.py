"""Typographic normalization: the one step between an article's file text and its cleaning.

Text flows one way (GUIDE.md §3): raw file text → **normalized text** → cleaned
body → paragraphs → sentences → tokens. :func:`normalize` is the normalized
step. It is applied in one place, :func:`framelab.corpus.load_corpus`, when an
article is read and before it is cleaned, so the tokenizer, the lexicons,
VADER, the concordance and quotation finding all see the same characters.
``Article.raw`` keeps the file's text exactly as decoded, for quoting the source.

Each change below repairs something that is invisible on screen or that hides
a word from one of the tools the lessons use. Everything else is left as
written, curly quotation marks and apostrophes included: they are correct
typography, quotation finding needs them, and the word tokenizer and VADER
each straighten them for themselves (``framelab.text``, ``framelab.frames``).

Line endings
    CRLF (``\\r\\n``, Windows) and a lone CR (``\\r``, old Mac) become LF
    (``\\n``); so do U+2028 LINE SEPARATOR, and U+2029 PARAGRAPH SEPARATOR
    becomes a blank line (``\\n\\n``). The cleaning rules' ``$`` matches only
    before ``\\n``: with ``\\r\\n`` endings "Source link" stayed in article 001.
Invisible characters, removed
    U+00AD SOFT HYPHEN; U+200B ZERO WIDTH SPACE; U+200C ZERO WIDTH NON-JOINER;
    U+200D ZERO WIDTH JOINER; U+2060 WORD JOINER; U+FEFF byte order mark (a
    BOM inside the text, e.g. where two files were pasted together); the
    direction marks U+200E, U+200F, U+061C and the direction embeddings and
    isolates U+202A–U+202E, U+2066–U+2069. None is seen on screen, yet each
    splits or changes a word: ``Ukr\\u00adaine`` is not ``Ukraine`` to a
    tokenizer, a lexicon or VADER. They are removed, not made spaces: in
    scraped English text a zero-width space sits inside a word as a
    line-break hint. (The joiners matter in emoji sequences and in some
    scripts, which this project does not analyse.)
Unicode NFC
    Composed characters: ``e`` + U+0301 COMBINING ACUTE becomes ``é``, so a
    word is one string however the source typed it. NFC, not NFKC: NFKC also
    rewrites superscripts, fractions and ligatures, which changes the text.
Ellipsis
    U+2026 ``…`` becomes three full stops ``...``. NLTK's word tokenizer
    splits ``...`` off a word (it keeps ``clear…`` as one token), VADER strips
    ASCII punctuation off a word but not ``…`` (so ``clear…`` is not its word
    ``clear``), and Punkt knows ``...`` as an ellipsis. An ellipsis written
    between two letters (``clear...that``) gets a space after it, because
    VADER splits words on spaces only.
Dashes
    An em dash (U+2014) or horizontal bar (U+2015) touching a character gets
    a space on that side: ``happy—at all`` becomes ``happy — at all``. VADER
    splits words on spaces only, so ``happy—at`` hid "happy" (NLTK's tokenizer
    splits dashes either way). No space goes after an opening mark or before
    closing punctuation: ``“We will—”`` becomes ``“We will —”``. An en dash
    (U+2013) is spaced the same way except before a digit that no letter
    precedes, where it marks a number range or a sign: ``2022–2023``,
    ``(2–3)`` and ``–3`` stay as written, ``1990s–2000s`` is spaced. Two
    hyphens typed for a dash (``happy--at``) are treated like an en dash. A
    single hyphen, or three and more, is never touched (``build-up``, ``2-3``).
Hyphens
    U+2010 HYPHEN and U+2011 NON-BREAKING HYPHEN become ``-``, the hyphen the
    tokenizer keeps inside words and the lexicons are written with.
Spaces
    Kept as written, U+00A0 NO-BREAK SPACE included: ``str.split`` (used by
    NLTK's tokenizer and VADER) and ``\\s`` in regular expressions (Punkt, the
    concordance) already treat every Unicode space as a space, and the
    cleaning rules match the no-break spaces of a scraped language menu.

:func:`normalize` is idempotent: normalizing twice gives the same text as once.

>>> normalize("It’s obviously clear… that\\r\\nofficials were not happy—at all.")
'It’s obviously clear... that\\nofficials were not happy — at all.'
"""

from __future__ import annotations

import re
import unicodedata

#: Characters removed outright: invisible, and each one splits a word for the tools.
INVISIBLE = frozenset(
    "\u00ad"  # SOFT HYPHEN: a hyphenation hint, shown only at a line break
    "\u200b"  # ZERO WIDTH SPACE: a line-break hint
    "\u200c"  # ZERO WIDTH NON-JOINER
    "\u200d"  # ZERO WIDTH JOINER
    "\u2060"  # WORD JOINER
    "\ufeff"  # ZERO WIDTH NO-BREAK SPACE, i.e. a byte order mark inside the text
    "\u200e\u200f\u061c"  # LEFT-TO-RIGHT, RIGHT-TO-LEFT and ARABIC LETTER marks
    "\u202a\u202b\u202c\u202d\u202e"  # direction embeddings and overrides
    "\u2066\u2067\u2068\u2069"  # direction isolates
)

_LINE_BREAK = re.compile(r"\r\n?|\u2028")
_INVISIBLE = re.compile("[" + "".join(sorted(INVISIBLE)) + "]")
_LETTER = r"[^\W\d_]"
# Exactly three full stops with a letter on each side. The dots come first so
# that the regex engine can jump from one "..." to the next.
_GLUED_ELLIPSIS = re.compile(rf"\.\.\.(?<={_LETTER}\.\.\.)(?={_LETTER})")
# A run of each kind of dash, written "——*" rather than "—+" or "[–—―]+":
# a pattern that starts with a literal character lets the regex engine jump
# between occurrences instead of trying every position (ten times faster on
# a long text).
_DASH_RUNS = (
    re.compile("\u2014\u2014*"),  # em dash
    re.compile("\u2015\u2015*"),  # horizontal bar
    re.compile("\u2013\u2013*"),  # en dash
    re.compile("--(?<!---)(?!-)"),  # exactly two hyphens
)
# A dash needs no space after an opening mark or before closing punctuation:
# "(—", "—)", "We will—”" stay as written.
_OPENING = set("([{“‘\"'")
_CLOSING = set(".,;:!?)]}”’\"'")


def normalize(text: str) -> str:
    """``text`` with line endings, invisible characters, NFC, ellipses, dashes and hyphens normalized.

    The changes, and why each is made, are listed in this module's docstring.
    Idempotent: ``normalize(normalize(t)) == normalize(t)``. Raises
    ``TypeError`` when ``text`` is not a string.

    >>> normalize("Ukr\\u00adaine\\u200b’s\\r\\nforces")
    'Ukraine’s\\nforces'
    >>> normalize("In 2022–2023, troops—2–3 brigades—arrived… then left.")
    'In 2022–2023, troops — 2–3 brigades — arrived... then left.'
    """
    if not isinstance(text, str):
        raise TypeError(f"normalize() takes the text as a string, not {type(text).__name__}.")
    # Each step first checks, cheaply, whether it has anything to do.
    if "\r" in text or "\u2028" in text:
        text = _LINE_BREAK.sub("\n", text)
    if "\u2029" in text:
        text = text.replace("\u2029", "\n\n")
    if not text.isascii():
        # Invisible characters go before NFC: removing one can bring a letter
        # next to its combining accent, which NFC must then compose.
        if any(character in text for character in INVISIBLE):
            text = _INVISIBLE.sub("", text)
        text = unicodedata.normalize("NFC", text)
        # Hyphens before dashes: two U+2010 in a row are a typed dash, spaced below.
        text = text.replace("\u2010", "-").replace("\u2011", "-").replace("\u2026", "...")
    if "..." in text:
        text = _GLUED_ELLIPSIS.sub("... ", text)
    for dashes in _DASH_RUNS:
        text = dashes.sub(_space_dash, text)
    return text


def _space_dash(match: re.Match[str]) -> str:
    """A dash with a space put on each side where it touches a character (module docstring, Dashes).

    No space goes between the dash and an opening mark before it or closing
    punctuation after it: ``“We will—”`` becomes ``“We will —”``.
    """
    text, dash = match.string, match.group()
    before = text[match.start() - 1] if match.start() > 0 else " "
    after = text[match.end()] if match.end() < len(text) else " "
    if dash[0] in "\u2013-" and after.isdigit() and not before.isalpha():
        return dash  # a range (2022–2023, 10--12, (2–3)) or a number's sign (–3)
    left = "" if before.isspace() or before in _OPENING else " "
    right = "" if after.isspace() or after in _CLOSING else " "
    return f"{left}{dash}{right}"
