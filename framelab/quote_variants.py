"""Quote variants: the same quoted statement in different articles, with its edits (chapter 05).

* :func:`quoted_spans`, :func:`quote_variants`, :func:`word_diff`: the same
  quoted statement in different articles, with the edit distance of
  ``nltk.edit_distance`` on words and on characters (computed by
  :func:`framelab.sequences.edit_distance`, to the same values).

Only pairs of statements whose bound can reach the threshold are compared
(:func:`framelab.candidates.similar_pairs`). Lessons import these from :mod:`framelab.reuse`.

>>> word_diff("troops to poland".split(), "troops to romania".split())
'troops to [poland → romania]'
"""

from __future__ import annotations

import difflib
import itertools
from collections.abc import Mapping, Sequence

import pandas as pd
from nltk.tokenize.punkt import PunktSentenceTokenizer

from framelab.alignment import _ratio
from framelab.candidates import linked_groups, similar_pairs
from framelab.progress import progress
from framelab.reuse_checks import ReuseError, _check_articles, _check_fraction, _check_n
from framelab.sequences import edit_distance
from framelab.text import sentence_words, split_sentences
from framelab.voices import quotation_spans

#: Two quoted statements from different articles whose word-level
#: :func:`difflib.SequenceMatcher` ratio is at least this are variants of one
#: quote. Kirby's "We want to make sure..." in 000 and 003 scores 0.56; the
#: closest unrelated pair, "These are not permanent moves" / "These forces are
#: not going to fight in Ukraine", 0.43.
QUOTE_THRESHOLD = 0.5
#: From this many articles, or quoted statements, on, a progress bar may show (framelab.progress):
#: never for the lessons' five articles (about 40 statements); 100 articles hold about 300.
PROGRESS_ARTICLES, PROGRESS_STATEMENTS = 50, 500

QUOTE_COLUMNS = [
    "group", "article_a", "quote_a", "article_b", "quote_b",
    "similarity", "word_edits", "char_edits", "alignment",
]


def quoted_spans(text: str) -> list[str]:
    """The words of every direct quotation of ``text``, in order: :func:`framelab.voices.quotation_spans`.

    The one quotation finder of framelab: curly “…” or straight "…" marks
    paired within a paragraph (a single newline is a hard wrap, not a
    paragraph break); a quotation nested in another stays inside the outer
    one; a quotation running over paragraphs is one quotation, its paragraphs
    joined by ``\\n``; a mark without a partner (scraped text has some) is
    skipped.

    >>> quoted_spans('Kirby said “these forces are not going to\\nfight”. He added, "not permanent".')
    ['these forces are not going to fight', 'not permanent']
    """
    if not isinstance(text, str):
        raise ReuseError(f"text must be a string, not {type(text).__name__}.")
    return [words.strip() for _, _, words in quotation_spans(text)[0] if words.strip()]


def word_diff(a: Sequence[str], b: Sequence[str]) -> str:
    """One line showing how word list ``b`` differs from ``a``: ``[old → new]``, ``[-gone]``, ``[+added]``.

    >>> word_diff("if he invades ukraine".split(), "if he does invade ukraine".split())
    'if he [invades → does invade] ukraine'
    """
    parts = []
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    for tag, a1, a2, b1, b2 in matcher.get_opcodes():
        old, new = " ".join(a[a1:a2]), " ".join(b[b1:b2])
        if tag == "equal":
            parts.append(old)
        elif tag == "replace":
            parts.append(f"[{old} → {new}]")
        elif tag == "delete":
            parts.append(f"[-{old}]")
        else:
            parts.append(f"[+{new}]")
    return " ".join(parts)


def _statements(
    texts: Mapping[str, object], splitter: PunktSentenceTokenizer | None, min_words: int, step
) -> list[tuple[str, str, list[str]]]:
    """(article, quoted sentence, its words) of every quoted sentence of ``min_words`` words or more."""
    statements = []
    for article, item in texts.items():
        text = getattr(item, "body", item)
        own = splitter or getattr(item, "splitter", None)
        if not isinstance(text, str):
            raise ReuseError(
                f"texts[{article!r}] must be the article's text (a string) or its Article, not {type(item).__name__}."
            )
        if not text.strip():
            raise ReuseError(f"texts[{article!r}] is empty: there is no text to search for quotes.")
        for span in quoted_spans(text):
            for paragraph in span.split("\n"):
                for sentence in split_sentences(paragraph, own):
                    found = sentence_words(sentence)
                    if len(found) >= min_words:
                        statements.append((article, sentence, found))
        step(1)
    return statements


def quote_variants(
    texts: Mapping[str, object],
    *,
    threshold: float = QUOTE_THRESHOLD,
    min_words: int = 3,
    splitter: PunktSentenceTokenizer | None = None,
) -> pd.DataFrame:
    """The same quoted statement in different articles, grouped, with edit distances.

    ``texts`` maps an article id to its text, or to its Article record (then
    its ``body`` is read and its ``splitter``, when it has one, splits its
    sentences). Each article's :func:`quoted_spans` are split into sentences
    (``framelab.split_sentences`` with ``splitter``, paragraph by paragraph of
    the quotation) so that a long quotation can match a shorter one sentence
    by sentence; statements of fewer than ``min_words`` words are skipped. Two
    statements from different articles whose ``difflib`` ratio on lower-cased words is at least ``threshold`` are
    linked, and linked statements form a group (numbered from 1 in order of
    first appearance). For every pair of statements from different articles
    in a group: ``similarity``, ``word_edits`` and ``char_edits``
    (the value of ``nltk.edit_distance``, computed by :func:`framelab.sequences.edit_distance`,
    on the word lists and on the words joined by single spaces, so case and
    typography do not count) and ``alignment``
    (:func:`word_diff`).

    >>> table = quote_variants({
    ...     "a": 'He said “if he invades Ukraine, obviously there will be consequences”.',
    ...     "b": 'He said, "if he does invade Ukraine, obviously there\\'s going to be consequences."',
    ... })
    >>> table[["group", "article_a", "article_b", "word_edits", "char_edits"]]
       group article_a article_b  word_edits  char_edits
    0      1         a         b           5          16
    >>> print(table.loc[0, "alignment"])
    if he [invades → does invade] ukraine obviously there [will → 's going to] be consequences
    """
    _check_articles(texts, "texts")
    _check_fraction(threshold, "threshold")
    _check_n(min_words, "min_words")
    with progress(len(texts), "finding quotes", at_least=PROGRESS_ARTICLES, unit="article") as bar:
        statements = _statements(texts, splitter, min_words, bar.update)

    matcher = difflib.SequenceMatcher(None, autojunk=False)

    def link(i: int, j: int) -> bool:
        matcher.set_seqs(statements[i][2], statements[j][2])
        # Cheap upper bounds first; the full ratio only when they pass.
        return matcher.real_quick_ratio() >= threshold and matcher.quick_ratio() >= threshold \
            and matcher.ratio() >= threshold

    # Only pairs whose bound reaches the threshold are scored (framelab.candidates.similar_pairs);
    # the groups depend only on which pairs link, not on the order they are found in.
    rows = []
    # Each statement counts twice on the bar: when its pairs are found, and when its group's rows are made.
    with progress(2 * len(statements), "comparing quotes", at_least=PROGRESS_STATEMENTS, unit="quote") as bar:
        pairs = similar_pairs([s[2] for s in statements], [s[0] for s in statements], threshold, link,
                              step=bar.update)
        group = 0
        for indices in linked_groups(len(statements), pairs):
            bar.update(len(indices))
            if len({statements[i][0] for i in indices}) < 2:
                continue
            group += 1
            for i, j in itertools.combinations(indices, 2):
                (article_a, quote_a, words_a), (article_b, quote_b, words_b) = statements[i], statements[j]
                if article_a == article_b:
                    continue
                rows.append((
                    group, article_a, quote_a, article_b, quote_b, _ratio(words_a, words_b),
                    edit_distance(words_a, words_b),
                    edit_distance(" ".join(words_a), " ".join(words_b)),
                    word_diff(words_a, words_b),
                ))
    return pd.DataFrame(rows, columns=QUOTE_COLUMNS)
