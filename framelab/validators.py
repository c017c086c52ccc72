"""Checking arguments once, with one rule and one wording for every module.

Each public function of framelab checks what a student passes before it
computes anything, so a mistake gets a sentence that says what is wrong
instead of a traceback from deep inside numpy or NLTK. The rules live here,
so ``n``, ``top``, ``window`` and ``min_freq`` are judged alike everywhere:

* a *whole number* is an ``int`` (or numpy integer) but not a ``bool`` —
  ``True`` is an ``int`` to Python, never a count to a person;
* a *number* is an int or float (numpy ones too), not a bool, not NaN and
  not infinite;
* a *token list* is a list (or other sequence) of words, never a string,
  which Python would walk letter by letter;
* an *article list* is a non-empty sequence of records with a text ``.id``
  and ``.body`` and no id twice, because every table has one row per article.

Every check takes the ``error`` class to raise, so a caller of
``framelab.counting`` still catches ``CountingError``; the message is the
same whichever module asks.

>>> from framelab.errors import FramelabError
>>> whole_number(3, "top", minimum=1, error=FramelabError)
3
>>> whole_number(True, "top", minimum=1, error=FramelabError)
Traceback (most recent call last):
...
framelab.errors.FramelabError: top must be a whole number of at least 1, not True.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import numpy as np

from framelab.errors import FramelabError


def is_whole_number(value: object) -> bool:
    """True for an ``int`` or numpy integer that is not a ``bool``: the rule behind :func:`whole_number`.

    >>> [is_whole_number(v) for v in (3, np.int64(3), True, 3.0)]
    [True, True, False, False]
    """
    return isinstance(value, (int, np.integer)) and not isinstance(value, (bool, np.bool_))


def _is_number(value: object) -> bool:
    numeric = isinstance(value, (int, float, np.integer, np.floating))
    return numeric and not isinstance(value, (bool, np.bool_)) and math.isfinite(value)


def _why(meaning: str) -> str:
    return f" ({meaning})" if meaning else ""


def whole_number(
    value: object,
    name: str,
    *,
    minimum: int = 0,
    error: type[FramelabError] = FramelabError,
    meaning: str = "",
) -> int:
    """Return ``value`` as an ``int`` if it is a whole number ≥ ``minimum``, else raise ``error``.

    ``meaning`` (optional) says in words what the number counts; it goes in
    brackets into the message.

    >>> whole_number(0, "n", error=FramelabError)
    0
    >>> whole_number(2.0, "window", minimum=1, error=FramelabError, meaning="tokens per window")
    Traceback (most recent call last):
    ...
    framelab.errors.FramelabError: window must be a whole number of at least 1 (tokens per window), not 2.0.
    """
    if not is_whole_number(value) or value < minimum:
        raise error(f"{name} must be a whole number of at least {minimum}{_why(meaning)}, not {value!r}.")
    return int(value)


def number(
    value: object,
    name: str,
    *,
    above: float | None = None,
    at_least: float | None = None,
    at_most: float | None = None,
    error: type[FramelabError] = FramelabError,
    meaning: str = "",
) -> float:
    """Return ``value`` as a ``float`` if it is a finite number within the bounds given, else raise ``error``.

    ``above`` is a strict lower bound, ``at_least`` an inclusive one,
    ``at_most`` an inclusive upper bound.

    >>> number(0.5, "paraphrase", above=0, at_most=1, error=FramelabError)
    0.5
    >>> number(float("nan"), "smoothing", above=0, error=FramelabError)
    Traceback (most recent call last):
    ...
    framelab.errors.FramelabError: smoothing must be a number above 0, not nan.
    """
    bounds = []
    if above is not None:
        bounds.append(f"above {above:g}")
    if at_least is not None:
        bounds.append(f"of {at_least:g} or more")
    if at_most is not None:
        bounds.append(f"at most {at_most:g}")
    fits = _is_number(value) and (
        (above is None or value > above)
        and (at_least is None or value >= at_least)
        and (at_most is None or value <= at_most)
    )
    if not fits:
        wanted = " and ".join(bounds)
        raise error(f"{name} must be a number{' ' + wanted if wanted else ''}{_why(meaning)}, not {value!r}.")
    return float(value)


def token_list(
    tokens: object,
    name: str,
    *,
    error: type[FramelabError] = FramelabError,
    allow_empty: bool = True,
) -> list[str]:
    """Return ``tokens`` as a list if it is a list, tuple or other iterable of tokens, else raise ``error``.

    Refused: a string (it would be read letter by letter), bytes, and a
    mapping such as a ``Counter`` (it would be read as its keys only).

    >>> token_list(("us", "troops"), "tokens", error=FramelabError)
    ['us', 'troops']
    >>> token_list("us troops", "tokens", error=FramelabError)
    Traceback (most recent call last):
    ...
    framelab.errors.FramelabError: tokens is a string ('us troops'), but it must be a list of words; Python would read it letter by letter. Tokenize it first, e.g. framelab.words(text, lower=True).
    """
    if isinstance(tokens, str):
        shown = f"{tokens[:30]!r}{'…' if len(tokens) > 30 else ''}"
        raise error(
            f"{name} is a string ({shown}), but it must be a list of words; Python would read it "
            "letter by letter. Tokenize it first, e.g. framelab.words(text, lower=True)."
        )
    if isinstance(tokens, (bytes, Mapping)) or not isinstance(tokens, Iterable):
        raise error(
            f"{name} must be a list of words, not {type(tokens).__name__}. "
            "Pass e.g. framelab.words(text, lower=True)."
        )
    if not allow_empty and len(tokens) == 0:
        raise error(
            f"{name} is empty: there is no text to work on. "
            "Check that the article has a body and that you passed its tokens."
        )
    return list(tokens)


def article_list(corpus: object, *, error: type[FramelabError] = FramelabError) -> list[Any]:
    """Return ``corpus`` as a list if it is a non-empty list of articles with unique ids, else raise ``error``.

    An article is any record with a text ``.id`` and ``.body``
    (:class:`framelab.corpus.Article`, or a student's own dataclass).

    >>> from types import SimpleNamespace as Record
    >>> len(article_list([Record(id="a", body="Troops."), Record(id="b", body="Tanks.")]))
    2
    >>> article_list([Record(id="a", body="x"), Record(id="a", body="y")])
    Traceback (most recent call last):
    ...
    framelab.errors.FramelabError: corpus holds the article id(s) 'a' more than once; every article needs its own id, because the tables have one row per article. Rename a file or fix catalog.csv.
    """
    if isinstance(corpus, (str, bytes, Mapping)) or not isinstance(corpus, Sequence):
        raise error(
            f"corpus must be a list of articles, e.g. framelab.load_corpus(), not {type(corpus).__name__}."
        )
    if not corpus:
        raise error("corpus is empty: pass at least one article, e.g. framelab.load_corpus().")
    for index, article in enumerate(corpus):
        if not isinstance(getattr(article, "id", None), str) or not isinstance(getattr(article, "body", None), str):
            raise error(
                f"corpus[{index}] is a {type(article).__name__}, not an article with a text .id and .body: "
                "pass the list framelab.load_corpus() returns."
            )
    seen: set[str] = set()
    repeated: list[str] = []
    for article in corpus:
        if article.id in seen and article.id not in repeated:
            repeated.append(article.id)
        seen.add(article.id)
    if repeated:
        raise error(
            f"corpus holds the article id(s) {', '.join(repr(i) for i in sorted(repeated))} more than once; "
            "every article needs its own id, because the tables have one row per article. "
            "Rename a file or fix catalog.csv."
        )
    return list(corpus)
