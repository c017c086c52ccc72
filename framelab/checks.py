"""Friendly answer checks for exercise test cells.

Each check raises :class:`AnswerError` (an ``AssertionError``, so nbgrader
counts it as a failed test) with a message a beginner can act on: what was
expected, what was received, and a hint. :func:`passed` prints the line a
student sees when every check of a task has passed.

>>> expect_type(["a"], list, "tokens")
>>> expect_type("a b", list, "tokens")
Traceback (most recent call last):
...
framelab.checks.AnswerError: tokens should be a list, but your answer is a str: 'a b'.
"""

from __future__ import annotations

from typing import Any


class AnswerError(AssertionError):
    """A student's answer is not yet right; the message explains why."""


def _show(value: Any, limit: int = 80) -> str:
    # A numpy scalar reads as the number it holds (51.46, not np.float64(51.46)).
    if hasattr(value, "item") and getattr(value, "shape", None) == ():
        value = value.item()
    text = repr(value)
    return text if len(text) <= limit else text[: limit - 5] + " …" + text[-3:]


def _items(count: int) -> str:
    return f"{count} item{'' if count == 1 else 's'}"


def _fail(message: str, hint: str) -> None:
    raise AnswerError(f"{message}{' Hint: ' + hint if hint else ''}")


def _type_names(expected: type | tuple[type, ...]) -> str:
    """'a list', 'an int or a str': type names with their English article."""
    types = expected if isinstance(expected, tuple) else (expected,)
    return " or ".join(_a(t.__name__) for t in types)


def _a(noun: str) -> str:
    return f"{'an' if noun[0] in 'aeiou' else 'a'} {noun}"


def expect_type(value: Any, expected: type | tuple[type, ...], name: str, hint: str = "") -> None:
    """Fail unless ``value`` is an instance of ``expected``.

    ``bool`` is not accepted where an ``int`` is expected: ``True`` is not a count.
    """
    wrong_bool = isinstance(value, bool) and bool not in (
        expected if isinstance(expected, tuple) else (expected,)
    )
    if wrong_bool or not isinstance(value, expected):
        if value is None:
            # None from a call usually means a missing `return`; from an attribute, a missing assignment.
            question = " Does your function end with a `return` statement?" if "(" in name else ""
            _fail(f"{name} should be {_type_names(expected)}, but your answer is None.{question}", hint)
        _fail(
            f"{name} should be {_type_names(expected)}, but your answer is "
            f"{_a(type(value).__name__)}: {_show(value)}.",
            hint,
        )


def expect_len(value: Any, expected: int, name: str, hint: str = "") -> None:
    """Fail unless ``len(value) == expected``.

    >>> expect_len([1, 2], 3, "counts", hint="one per article")
    Traceback (most recent call last):
    ...
    framelab.checks.AnswerError: counts should have 3 items, but it has 2. Hint: one per article
    """
    if len(value) != expected:
        _fail(f"{name} should have {_items(expected)}, but it has {len(value)}.", hint)


def expect_equal(value: Any, expected: Any, name: str, hint: str = "") -> None:
    """Fail unless ``value == expected``; for lists, point at the first difference.

    >>> expect_equal(["US", "troops"], ["US", "soldiers"], "tokens")
    Traceback (most recent call last):
    ...
    framelab.checks.AnswerError: tokens differs from what was expected at position 1: expected 'soldiers', received 'troops'.
    """
    if value == expected:
        return
    if isinstance(value, (list, tuple)) and isinstance(expected, (list, tuple)):
        for position, (got, want) in enumerate(zip(value, expected)):
            if got != want:
                _fail(
                    f"{name} differs from what was expected at position {position}: "
                    f"expected {_show(want)}, received {_show(got)}.",
                    hint,
                )
        _fail(f"{name} should have {_items(len(expected))}, but it has {len(value)}.", hint)
    if isinstance(value, dict) and isinstance(expected, dict):
        missing = sorted(set(expected) - set(value), key=str)
        extra = sorted(set(value) - set(expected), key=str)
        if missing or extra:
            _fail(f"{name} has the wrong keys: missing {missing}, unexpected {extra}.", hint)
        key = next(k for k in sorted(expected, key=str) if value[k] != expected[k])
        _fail(
            f"{name}[{key!r}] should be {_show(expected[key])}, but it is {_show(value[key])}.",
            hint,
        )
    _fail(f"{name} should be {_show(expected)}, but your answer is {_show(value)}.", hint)


def expect_true(condition: bool, message: str, hint: str = "") -> None:
    """Fail with ``message`` unless ``condition`` holds: for checks with no single right value.

    >>> expect_true(3 > 5, "the count should be above 5.")
    Traceback (most recent call last):
    ...
    framelab.checks.AnswerError: the count should be above 5.
    """
    if not condition:
        _fail(message, hint)


def _names_used(code: Any, depth: int = 0) -> set[str]:
    """Global and attribute names a code object (and the functions defined inside it) refers to."""
    if depth > 20 or not hasattr(code, "co_names"):
        return set()
    names = set(code.co_names)
    for constant in code.co_consts:
        if hasattr(constant, "co_names"):
            names |= _names_used(constant, depth + 1)
    return names


def expect_own_code(function: Any, forbidden: dict[str, str], name: str) -> None:
    """Fail if ``function`` calls any of ``forbidden`` (name -> what to write instead).

    For tasks whose point is to write something framelab already has: the
    answer must not simply call it. The grader applies the same rule to the
    answer's source (the task's ``framelab.forbidden`` metadata).

    >>> def mine(tokens):
    ...     return match_terms(tokens, {})
    >>> expect_own_code(mine, {"match_terms": "loop over the tokens yourself."}, "find_terms")
    Traceback (most recent call last):
    ...
    framelab.checks.AnswerError: find_terms calls match_terms, which this task asks you to write yourself. Hint: loop over the tokens yourself.
    >>> expect_own_code(len, {"match_terms": "..."}, "len")
    """
    used = _names_used(getattr(function, "__code__", None))
    for shortcut, instead in forbidden.items():
        if shortcut in used:
            _fail(f"{name} calls {shortcut}, which this task asks you to write yourself.", instead)


def passed(task: str) -> None:
    """Tell the student every visible check of ``task`` passed.

    >>> passed("Task 1")
    ✔ Task 1: all visible checks passed.
    """
    print(f"✔ {task}: all visible checks passed.")
