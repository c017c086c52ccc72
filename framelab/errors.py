"""The one exception family framelab raises, so notebooks can catch it in one place.

Every message says what went wrong, which file or argument, and what to do next.
"""


class FramelabError(Exception):
    """Base class of every error framelab raises on purpose."""


class CorpusError(FramelabError):
    """A folder, article file or catalog cannot be loaded as a corpus."""


class ChecksumError(CorpusError):
    """A bundled article no longer matches the checksum recorded in its catalog."""


class LexiconError(FramelabError):
    """A word-list data file is missing or has a malformed line."""


class PlotError(FramelabError):
    """Data a plotting function cannot draw, or a figure or table that cannot be shown; the message names the argument and what to do."""
