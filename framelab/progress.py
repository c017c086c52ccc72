"""Progress bars for long work, and never for short work, so lesson outputs stay the same.

A bar is made with ``tqdm.auto`` (a widget in Jupyter, a line on stderr in a terminal), and
only when two things are true: the job is big (``total`` at least ``at_least``, a size chosen
per function so that the five bundled articles never reach it) and it has already run for
:data:`DELAY` seconds (tqdm's ``delay``). A short job prints nothing, so notebooks compared
output for output by nbval never see a bar. The bar disappears when the job ends
(``leave=False``). ``TQDM_DISABLE=1`` in the environment turns every bar off.

>>> with progress(10, "aligning", at_least=1_000) as bar:
...     bar.update(10)
>>> type(progress(10, "aligning", at_least=1_000)).__name__
'_Silent'
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import AbstractContextManager
from typing import TypeVar

T = TypeVar("T")

#: Seconds a big job runs before its bar appears (issue 13: a bar on anything over 2 s).
DELAY = 2.0


class _Silent(AbstractContextManager):
    """What :func:`progress` returns for a small job: ``update`` does nothing."""

    def update(self, n: int = 1) -> None:
        """Count ``n`` more items done (ignored)."""

    def __exit__(self, *exc_info) -> None:
        return None


def progress(total: int, description: str, *, at_least: int, unit: str = "it") -> AbstractContextManager:
    """A context manager with ``update(n)``: a tqdm bar when ``total >= at_least``, else silent.

    ``total`` counts the items the job will do (sentences, articles), ``description`` names the
    job in a few words, ``unit`` names an item. Even a big job's bar waits :data:`DELAY`
    seconds before it shows.

    >>> with progress(3, "reading", at_least=1) as bar:  # big, but done before DELAY: no bar
    ...     for _ in range(3):
    ...         bar.update(1)
    """
    if total < at_least:
        return _Silent()
    # Imported here: tqdm.auto loads ipywidgets in a notebook, a cost only big jobs should pay.
    from tqdm.auto import tqdm

    return tqdm(total=total, desc=description, unit=unit, delay=DELAY, leave=False)



def each(items: Sequence[T], description: str, *, at_least: int, unit: str = "article") -> Iterator[T]:
    """Yield ``items`` in order, counted on a :func:`progress` bar when there are ``at_least`` of them.

    >>> list(each(["000", "001"], "reading", at_least=50))
    ['000', '001']
    """
    with progress(len(items), description, at_least=at_least, unit=unit) as bar:
        for item in items:
            yield item
            bar.update(1)
