"""Building a wrong answer from the model answer by one edit, so each differs from it in one place."""


def swap(source: str, old: str, new: str) -> str:
    """``source`` with ``old`` replaced by ``new``; fails if ``old`` is not there (the model answer changed)."""
    assert old in source, old
    return source.replace(old, new)
