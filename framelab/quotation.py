"""A direct quotation in framelab: the :class:`Quotation` record, :class:`VoicesError`, :func:`quotation_spans`.

The one definition of a direct quotation (``reuse``, ``attribution`` and both speaker rule sets of
:mod:`framelab.voices` use it). Split out of :mod:`framelab.voices`, which re-exports every name here.

>>> quotation_spans('He said “yes.” Then “no”.')[0]
[(8, 14, 'yes.'), (20, 24, 'no')]
"""

from __future__ import annotations

from dataclasses import dataclass

from framelab import quotemarks
from framelab.errors import FramelabError

LEDGER_COLUMNS = ["article", "speaker", "side", "quotations", "quoted_words"]
#: The speaker written in tables for a quotation whose text names nobody.
UNATTRIBUTED = "(unattributed)"
#: The side written in tables for a speaker that no names table or ``sides.tsv`` lists.
UNKNOWN = "unknown"


class VoicesError(FramelabError):
    """Input that quotation or number extraction cannot work with; the message names the argument."""

    # Shown as framelab.voices.VoicesError in tracebacks: that is where chapter 06 imports it from.
    __module__ = "framelab.voices"


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
