"""Answer checks fail on wrong answers with messages a beginner can act on."""

from __future__ import annotations

import pytest

from framelab.checks import AnswerError, expect_equal, expect_len, expect_true, expect_type, passed


@pytest.mark.parametrize(
    "call, message",
    [
        (lambda: expect_type(None, list, "tokens(text)"), "tokens(text) should be a list, but your answer is None. Does your function end with a `return` statement?"),
        (lambda: expect_type(None, list, "explorer.extra"), "explorer.extra should be a list, but your answer is None."),
        (lambda: expect_type("a b", list, "tokens", hint="split the text"), "tokens should be a list, but your answer is a str: 'a b'. Hint: split the text"),
        (lambda: expect_type(True, int, "count"), "count should be an int, but your answer is a bool: True."),
        (lambda: expect_type(2.0, (int, list), "n"), "n should be an int or a list, but your answer is a float: 2.0."),
        (lambda: expect_len([1], 5, "counts"), "counts should have 5 items, but it has 1."),
        (lambda: expect_equal(["a", "b"], ["a", "c"], "tokens"), "tokens differs from what was expected at position 1: expected 'c', received 'b'."),
        (lambda: expect_equal(["a"], ["a", "b"], "tokens"), "tokens should have 2 items, but it has 1."),
        (lambda: expect_equal({"a": 1}, {"a": 2}, "sizes"), "sizes['a'] should be 2, but it is 1."),
        (lambda: expect_equal({"a": 1}, {"b": 1}, "sizes"), "sizes has the wrong keys: missing ['b'], unexpected ['a']."),
        (lambda: expect_equal(3, 4, "count"), "count should be 4, but your answer is 3."),
        (lambda: expect_true(False, "too few."), "too few."),
    ],
)
def test_wrong_answers_fail_with_plain_messages(call, message: str) -> None:
    with pytest.raises(AnswerError) as caught:
        call()
    assert str(caught.value) == message
    assert isinstance(caught.value, AssertionError)


def test_right_answers_pass_silently_and_passed_says_so(capsys: pytest.CaptureFixture[str]) -> None:
    expect_type([1], list, "x")
    expect_type(3, int, "x")
    expect_len("abc", 3, "x")
    expect_equal({"a": [1]}, {"a": [1]}, "x")
    expect_true(True, "never shown")
    assert capsys.readouterr().out == ""
    passed("Task 2")
    assert capsys.readouterr().out == "✔ Task 2: all visible checks passed.\n"


def test_long_values_are_shortened_in_messages() -> None:
    with pytest.raises(AnswerError) as caught:
        expect_equal("x" * 500, "y", "text")
    assert len(str(caught.value)) < 200


def test_messages_read_as_a_person_writes_them() -> None:
    import numpy as np

    from framelab.checks import AnswerError, expect_equal, expect_len

    with pytest.raises(AnswerError, match=r"should have 1 item, but it has 2\."):
        expect_len([1, 2], 1, "counts")
    with pytest.raises(AnswerError, match=r"should have 3 items, but it has 2\."):
        expect_len([1, 2], 3, "counts")
    with pytest.raises(AnswerError) as caught:
        expect_equal(np.float64(51.46), 51.5, "score")
    assert "np.float64" not in str(caught.value) and "51.46" in str(caught.value)
