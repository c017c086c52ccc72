"""What text-reuse measures refuse: :class:`ReuseError` and the argument checks of
:mod:`framelab.shingles`, :mod:`framelab.alignment` and :mod:`framelab.quote_variants`.

>>> _check_n(0)
Traceback (most recent call last):
...
framelab.reuse.ReuseError: n must be a whole number of at least 1 (tokens), not 0.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from framelab.errors import FramelabError
from framelab.validators import number, token_list, whole_number


class ReuseError(FramelabError):
    """Input that text-reuse measures cannot work with; the message names the argument."""


# Its public home, where lessons import it from and where tracebacks should name it.
ReuseError.__module__ = "framelab.reuse"


def _check_tokens(tokens: Sequence[str], name: str) -> None:
    token_list(tokens, name, error=ReuseError, allow_empty=False)


def _check_n(n: int, name: str = "n") -> None:
    whole_number(n, name, minimum=1, error=ReuseError, meaning="tokens")


def _check_fraction(value: float, name: str) -> None:
    number(value, name, above=0, at_most=1, error=ReuseError)


def _check_articles(articles: Mapping, name: str) -> None:
    if not isinstance(articles, Mapping):
        raise ReuseError(
            f"{name} must be a dict from article id to its data, not {type(articles).__name__}."
        )
    if len(articles) < 2:
        raise ReuseError(
            f"{name} holds {len(articles)} article(s), so there is no pair to compare. "
            "Pass at least two articles, e.g. {article.id: ... for article in load_corpus()}."
        )
