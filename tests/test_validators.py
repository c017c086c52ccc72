"""framelab.validators: one rule and one wording for every argument check."""

from __future__ import annotations

import re
from pathlib import Path
from types import SimpleNamespace

import numpy as np
import pytest

from framelab.errors import FramelabError
from framelab.validators import article_list, number, token_list, whole_number

PACKAGE = Path(__file__).resolve().parent.parent / "framelab"


class DemoError(FramelabError):
    pass


@pytest.mark.parametrize("value", [True, False, 2.0, "3", None, np.float64(2), np.bool_(True)])
def test_whole_number_refuses_what_is_not_a_count(value):
    with pytest.raises(DemoError, match=r"^top must be a whole number of at least 0, not "):
        whole_number(value, "top", error=DemoError)


def test_whole_number_accepts_numpy_integers_and_checks_the_minimum():
    assert whole_number(np.int64(4), "n", minimum=1) == 4 and type(whole_number(np.int64(4), "n")) is int
    with pytest.raises(FramelabError, match="n must be a whole number of at least 2 .colours., not 1."):
        whole_number(1, "n", minimum=2, meaning="colours")


@pytest.mark.parametrize("value", [float("nan"), float("inf"), -float("inf"), True, "1", None, 0, 1.5])
def test_number_refuses_non_finite_bool_text_and_out_of_bounds(value):
    with pytest.raises(DemoError, match=r"threshold must be a number above 0 and at most 1, not "):
        number(value, "threshold", above=0, at_most=1, error=DemoError)


def test_number_bounds_are_inclusive_where_they_say_so():
    assert number(0, "x", at_least=0) == 0.0 and number(1, "x", above=0, at_most=1) == 1.0
    with pytest.raises(FramelabError, match="x must be a number of 0 or more, not -0.1."):
        number(-0.1, "x", at_least=0)


@pytest.mark.parametrize("value", ["US troops", b"US troops", {"us": 2}, 3, None])
def test_token_list_refuses_strings_bytes_mappings_and_scalars(value):
    with pytest.raises(DemoError, match="must be a list of words|is a string"):
        token_list(value, "tokens", error=DemoError)


def test_token_list_accepts_iterables_and_can_refuse_empty():
    assert token_list(iter(["a", "b"]), "tokens") == ["a", "b"]
    assert token_list((), "tokens") == []
    with pytest.raises(FramelabError, match="tokens is empty"):
        token_list([], "tokens", allow_empty=False)


def test_article_list_one_rule_for_type_emptiness_records_and_duplicate_ids():
    record = SimpleNamespace
    with pytest.raises(DemoError, match="corpus must be a list of articles"):
        article_list({"a": "text"}, error=DemoError)
    with pytest.raises(DemoError, match="corpus is empty"):
        article_list([], error=DemoError)
    with pytest.raises(DemoError, match=r"corpus\[1\] is a SimpleNamespace, not an article"):
        article_list([record(id="a", body="x"), record(id=2, body="y")], error=DemoError)
    with pytest.raises(DemoError, match="'a', 'b' more than once"):
        article_list([record(id=i, body="x") for i in "abab"], error=DemoError)


def test_no_module_writes_its_own_whole_number_rule():
    """The bool-is-not-a-count rule lives in validators only (checks.py compares answer *types*, a different rule)."""
    inline = re.compile(r"isinstance\(\w+, bool\) or not isinstance")
    found = [
        f"{path.name}:{number}"
        for path in sorted(PACKAGE.glob("*.py"))
        if path.name != "validators.py"
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
        if inline.search(line)
    ]
    assert not found, f"inline argument checks outside framelab/validators.py: {found}"
