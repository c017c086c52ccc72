"""Fixtures shared by the unit tests: the bundled corpus and its lower-cased word tokens.

Module-scoped, so every test module gets its own fresh copy and no module can
see what another did to it.
"""

from __future__ import annotations

import pytest

from framelab import load_corpus, words
from framelab.corpus import Article


@pytest.fixture(scope="module")
def corpus() -> list[Article]:
    return load_corpus()


@pytest.fixture(scope="module")
def tokens(corpus: list[Article]) -> dict[str, list[str]]:
    return {article.id: words(article.body, lower=True) for article in corpus}
