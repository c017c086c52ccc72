"""Numbers in news text: the value meant, its unit, and what it counts.

Chapter 06 reads the numbers of each article beside its quotations ("3,000
troops" here, "2,000" there); :func:`numbers_ledger` is the tested version.
A number is read with its qualifier ("about", "more than"), its scale word
("1.5 million"), its currency ("$10 billion", "10 billion euros") or percent
sign, and AP-style dates ("Feb. 2, 2022").

>>> from types import SimpleNamespace as Article
>>> numbers_ledger([Article(id="x", body="Two thousand soldiers and 1.5 million doses.")])[["number", "text"]].values.tolist()
[[2000.0, 'Two thousand'], [1500000.0, '1.5 million']]
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from decimal import Decimal

import pandas as pd

from framelab.errors import FramelabError
from framelab.validators import article_list

NUMBER_COLUMNS = ["article", "number", "unit", "text", "counts", "context", "start"]


class NumbersError(FramelabError):
    """A corpus :func:`numbers_ledger` cannot read."""


# --- numbers --------------------------------------------------------------------------
# Number words, scale words, currency signs and AP-style month abbreviations are general English and
# news usage (AP Stylebook: Jan., Feb., Aug., Sept., Oct., Nov., Dec.; other styles also write Mar.,
# Apr., Jun., Jul., Sep.), not fitted to the five articles; the rules for what a number counts are
# judged on the held-out number sets in tests/test_voices.py.

_UNITS = {w: i for i, w in enumerate("one two three four five six seven eight nine".split(), start=1)}
_TEENS = {w: i for i, w in enumerate(
    "ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen".split(), start=10)}
_TENS = {w: 10 * i for i, w in enumerate("twenty thirty forty fifty sixty seventy eighty ninety".split(), start=2)}
_SCALES = {"hundred": 100, "thousand": 10**3, "million": 10**6, "billion": 10**9, "trillion": 10**12}
_SHORT_SCALES = {"k": 10**3, "m": 10**6, "mn": 10**6, "bn": 10**9, "tn": 10**12}
_CURRENCY_WORDS = {"dollars": "$", "euros": "EUR", "rubles": "RUB", "roubles": "RUB", "hryvnias": "UAH",
                   "hryvnia": "UAH", "zlotys": "PLN", "zloty": "PLN", "pounds sterling": "GBP"}
_CODES = "USD|EUR|GBP|RUB|UAH|PLN|CHF|JPY|CNY"
_MONTHS = ("January|February|March|April|May|June|July|August|September|October|November|December|"
           r"Jan\.?|Feb\.?|Mar\.|Apr\.?|Jun\.|Jul\.|Aug\.?|Sept?\.?|Oct\.?|Nov\.?|Dec\.?")
_QUALIFIER = (r"(?:about|roughly|approximately|around|nearly|almost|some|more than|over|another|"
              r"an additional|at least|up to|fewer than|less than)\s+")


def _cased(words: Sequence[str]) -> str:
    return "|".join(w for word in sorted(words, key=len, reverse=True) for w in (word, word.capitalize()))


_WORD_NUMBER = rf"(?:(?:{_cased(_TENS)})(?:-(?:{_cased(_UNITS)}))?|{_cased(_TEENS)}|{_cased(_UNITS)})"
_NUMBER = re.compile(
    rf"(?P<qualifier>\b(?i:{_QUALIFIER}))?"
    rf"(?P<currency>(?:US\$|[$€£¥₽₴]|\b(?:{_CODES}))\s?)?"
    r"(?P<value>(?<![\w.,:])\d{1,2}:\d{2}\b|(?<![\w.,])(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?(?:st|nd|rd|th)?(?!\w)"
    rf"|(?<![\w.,])\d+(?:\.\d+)?(?=(?:{'|'.join(_SHORT_SCALES)})\b)"
    rf"|\b{_WORD_NUMBER}\b)"
    rf"(?P<scale>(?:\s+(?:{'|'.join(_SCALES)})\b)+|(?:{'|'.join(_SHORT_SCALES)})\b)?"
    rf"(?P<unit>\s*%|\s+per\s?cent\b|\s+(?:{'|'.join(_CURRENCY_WORDS)})\b|\s+[ap]\.m\.)?"
)
_IRREGULAR = "people|personnel|children|men|women|police|staff"  # plural nouns not ending in -s
_TROOPS = re.compile(
    r"^\s+(?:(?:more|additional|extra|other|US|U\.S\.|Russian|American)\s+)*"
    r"(?:troops|soldiers|service personnel|military members)\b|^\s+on\s+(?:standby|alert|high alert|heightened alert)\b"
)


def _value(match: re.Match) -> int | float | None:
    """The number a match means (scale words applied), or None when it is not a number after all."""
    raw, scale = match.group("value"), (match.group("scale") or "").strip().lower()
    clock = (match.group("unit") or "").strip()
    if ":" in raw or clock in ("a.m.", "p.m."):
        hours, _, minutes = raw.partition(":")
        hour = int(hours) % 12 + (12 if clock == "p.m." else 0) if clock else int(hours)
        return hour + int(minutes) / 60 if minutes else hour
    word = raw.lower()
    if word[0].isalpha():
        tens, _, unit = word.partition("-")
        number = Decimal(_TENS.get(tens, 0) + _UNITS.get(unit, 0) if tens in _TENS else
                         _TEENS.get(word) or _UNITS[word])
        if word == "one" and not scale:
            return None  # "one of the", "no one": not a count
    else:
        number = Decimal(re.sub(r"(?:st|nd|rd|th)$", "", raw).replace(",", ""))
    if scale in _SHORT_SCALES:
        if not match.group("currency"):
            return None  # "10m" without a currency sign is a length, not ten million
        number *= _SHORT_SCALES[scale]
    for part in scale.split():
        number *= _SCALES.get(part, 1)
    return float(number) if "." in raw else int(number)


def _kind(text: str, match: re.Match, value: float) -> tuple[str, str]:
    """(unit, counts) of one number: a currency or "%" and what the number counts."""
    start, end = match.start("value"), match.end()
    raw, unit_word = match.group("value"), (match.group("unit") or "").strip().lower()
    currency = (match.group("currency") or "").strip()
    after, before = text[end : end + 60], text[max(0, start - 20) : start]
    if currency or unit_word in _CURRENCY_WORDS:
        return currency or _CURRENCY_WORDS[unit_word], "money"
    if unit_word in ("%", "percent", "per cent", "percent"):
        return "%", "percent"
    if unit_word in ("a.m.", "p.m.") or ":" in raw:
        return "", "time"
    if _TROOPS.match(after):
        return "", "troops"
    if re.search(rf"\b(?:{_MONTHS})\s+$", before) or re.match(rf"^(?:st|nd|rd|th)?\s+(?:of\s+)?(?:{_MONTHS})", after):
        return "", "date"
    if re.search(r"\bArticle\s+$", before):
        return "", "treaty article"
    if raw.isdigit() and 1900 <= value <= 2100:
        return "", "year"
    if re.search(r"\d(?:st|nd|rd|th)$", raw):
        return "", "unit name"
    word = re.match(rf"^\s+(?:[\w-]+\s+){{0,2}}?([a-z]+s|{_IRREGULAR})\b", after)
    return "", word.group(1) if word else "other"


def numbers_ledger(corpus: Sequence) -> pd.DataFrame:
    """Every number in every article body: the value meant, its unit, what it counts, its context.

    ``number`` is the value meant: separators dropped, number words and scale
    words applied (3,000 → 3000, "two" → 2, "1.5 million" → 1500000.0,
    "$10 billion" → 10000000000; a clock time is the hour on the 24-hour
    clock, "5 p.m." → 17). The column holds ints, or floats as soon as one
    value is not whole ("1.5 million" makes 2 read 2.0).
    ``unit`` is the currency as written (``$``, ``€``, ``£``, ``US$``, a code
    such as ``USD``; ``EUR``, ``RUB``… for a currency word), ``%`` for a
    percentage (of 100: "12%" → 12), ``""`` otherwise. ``text`` is the number
    as written with its qualifier ("about", "more than") and unit, ``counts``
    what it counts: ``money``, ``percent``, ``time``, ``troops``, ``date``
    (after a month, also AP-style "Feb. 2"), ``treaty article``, ``year``,
    ``unit name`` (an ordinal: "82nd"), the plural noun that follows, or
    ``other``. ``context`` is about 40 characters each side, ``start`` the
    offset of ``text`` in the body.

    >>> from framelab import load_corpus
    >>> ledger = numbers_ledger(load_corpus())
    >>> ledger[(ledger.article == "000") & (ledger.counts == "troops")][["number", "text"]].values.tolist()
    [[3000, '3,000'], [100000, 'more than 100,000'], [2000, '2,000'], [1000, 'about 1,000'], [8500, 'another 8,500']]
    >>> from types import SimpleNamespace as Article
    >>> table = numbers_ledger([Article(id="x", body="On Feb. 2, 2022, $1.5 billion and 12% more.")])
    >>> table[["number", "unit", "text", "counts"]].values.tolist()
    [[2.0, '', '2', 'date'], [2022.0, '', '2022', 'year'], [1500000000.0, '$', '$1.5 billion', 'money'], [12.0, '%', '12%', 'percent']]
    """
    rows = []
    for item in article_list(corpus, error=NumbersError):
        body = item.body
        for match in _NUMBER.finditer(body):
            value = _value(match)
            if value is None:
                continue
            unit, counts = _kind(body, match, value)
            start, written = match.start(), match.group(0).rstrip()
            a, b = max(0, match.start("value") - 40), min(len(body), match.end("value") + 40)
            context = " ".join(body[a:b].split())
            rows.append([item.id, value, unit, written, counts, context, start])
    return pd.DataFrame(rows, columns=NUMBER_COLUMNS)
