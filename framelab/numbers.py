"""Numbers in news text: the value meant, its unit, and what it counts.

Chapter 06 reads the numbers of each article beside its quotations ("3,000
troops" here, "2,000" there); :func:`numbers_ledger` is the tested version.
A number is read with its qualifier ("about", "more than"), its sign ("-20",
"−3.5%" with U+2212, "–3" with an en dash, "minus 5"; a hyphen or dash between
two numbers is a range, "2-3"), its scale word ("1.5 million", "Three hundred
fifty") or short scale ("€2.5bn", "$1.2 bn", wire style "4.5 mln", "1.2 trln"),
its currency ("$10 billion", "5 million USD", "3 billion US dollars"), its
percent ("12%", "4 per cent", wire style "1.8 pct", "2 percentage points"),
length ("1.85m", "5 km") or temperature ("-5C", "20 °F"), and as one date or
clock time whatever the style ("Feb. 2", "2 March", "2022-02-02",
"15/03/2022", "21.02.2022"; "5 p.m.", "9.30am", "14:30", "0600 GMT").

Rules where English is ambiguous (decided before tuning, judged on held-out sets
in tests/test_numbers.py):

* ``m`` / ``k`` after a number mean million / thousand only after a currency
  ("$4.5m", "£40m"), before a currency word ("5m euros") or before a count noun
  of :data:`COUNT_NOUNS` ("5m people", "100K troops"); before a dimension word
  ("1.85m tall", "10m high", "a 10m-long wall") ``m`` is metres (unit ``m``,
  counts ``length``). Otherwise ("10m masts") the number is left out, not
  guessed. ``bn``, ``mn``, ``mln``, ``bln``, ``tn``, ``trn``, ``trln`` always
  scale; ``b`` only after a currency ("$2B").
* A decimal comma ("2,5 million euros") is read as 2.5 only before a scale
  word; "2,5" alone is left out (two numbers, or a decimal? the text does not say).
* A range ("2-3 percent", "10 to 15", "between 5,000 and 7,000 troops",
  "$2-3 billion") gives both ends the scale, unit and kind written at one
  end, unless they are of two kinds ("Article 5 to 3,000 troops") or of
  magnitudes more than 100 times apart once scaled ("from 500 to 3 million"); a
  hyphenated pair near a result word ("won 2-1", "a 3-0 victory") is a
  ``score``; "2014-15" reads 2014 and 2015.
* A date's number is its day of the month; a year after it is its own row.
  An all-digit date with dots is day.month.year; with slashes it is read
  day/month or month/day when one part is over 12, otherwise its number is NaN
  (the text does not decide: 04/05/2021).
* A lone "one" is left out ("one of the", "no one"); "one million" is kept.

>>> from types import SimpleNamespace as Article
>>> numbers_ledger([Article(id="x", body="Two thousand soldiers and 1.5 million doses.")])[["number", "text"]].values.tolist()
[[2000.0, 'Two thousand'], [1500000.0, '1.5 million']]
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

import pandas as pd

from framelab.errors import FramelabError
from framelab.progress import each
from framelab.validators import article_list

NUMBER_COLUMNS = ["article", "number", "unit", "text", "counts", "context", "start"]
#: From this many articles on, numbers_ledger may show a progress bar (framelab.progress): never on the five.
PROGRESS_ARTICLES = 50


class NumbersError(FramelabError):
    """A corpus :func:`numbers_ledger` cannot read."""


# --- words and signs ------------------------------------------------------------------------
# Number words, scale words, short scales (UK press: "£2bn", "$4.5m"; wire: "4.5 mln"), currency
# signs, codes (ISO 4217) and words, and AP-style month abbreviations (AP Stylebook: Jan., Feb.,
# Aug., Sept., Oct., Nov., Dec.; other styles also write Mar., Apr., Jun., Jul., Sep.) are general
# English and news usage, not fitted to the five articles.

_SMALL = {w: i for i, w in enumerate(
    "one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen "
    "seventeen eighteen nineteen".split(), start=1)}
_SMALL |= {w: 10 * i for i, w in enumerate("twenty thirty forty fifty sixty seventy eighty ninety".split(), start=2)}
_SCALES = {"hundred": 100, "thousand": 10**3, "million": 10**6, "billion": 10**9, "trillion": 10**12}
_SHORT_SCALES = {"k": 10**3, "m": 10**6, "mn": 10**6, "mln": 10**6, "b": 10**9, "bn": 10**9, "bln": 10**9,
                 "tn": 10**12, "trn": 10**12, "trln": 10**12}
_SPACED_SCALES = "bn|mn|mln|bln|tn|trn|trln"  # unambiguous, so also after a space: "$1.2 bn", "4.5 mln"
_CURRENCY_WORDS = {"us dollars": "US$", "u.s. dollars": "US$", "dollars": "$", "euros": "EUR", "euro": "EUR",
                   "pounds sterling": "GBP", "sterling": "GBP", "rubles": "RUB", "roubles": "RUB",
                   "hryvnias": "UAH", "hryvnia": "UAH", "zlotys": "PLN", "zloty": "PLN", "swiss francs": "CHF",
                   "yen": "JPY", "yuan": "CNY", "renminbi": "CNY"}
_CODES = "USD|EUR|GBP|RUB|UAH|PLN|CHF|JPY|CNY"
_MONTHS = ("January|February|March|April|May|June|July|August|September|October|November|December|"
           r"Jan\.?|Feb\.?|Mar\.|Apr\.?|Jun\.|Jul\.|Aug\.?|Sept?\.?|Oct\.?|Nov\.?|Dec\.?")
_QUALIFIER = (r"about|roughly|approximately|around|nearly|almost|some|more\s+than|over|another|"
              r"an\s+additional|at\s+least|up\s+to|fewer\s+than|less\s+than")
#: Plural nouns after which "5m" / "100K" is a count in millions / thousands, not metres.
COUNT_NOUNS = ("people|persons|residents|inhabitants|citizens|voters|refugees|migrants|civilians|children|"
               "adults|women|men|troops|soldiers|workers|jobs|users|viewers|visitors|tourists|customers|"
               "households|homes|doses|vaccines|barrels|tonnes|tons|members|patients|cases|deaths|votes")
_DIMENSIONS = r"tall|high|long|wide|deep|thick|away|above|below|across|in\s+(?:height|length|width|diameter)"
_IRREGULAR = "people|personnel|children|men|women|police|staff"  # plural nouns not ending in -s
_NOT_PLURAL = "was|is|has|does|as|us|its|this|his|thus|plus|less|unless|across|always|perhaps|towards"
_KINDS = {"money", "percent", "percentage points", "length", "temperature", "time", "date", "age", "troops",
          "treaty article", "year", "unit name"}  # read from a sign or rule; the rest is the next plural noun
_TROOPS = re.compile(
    r"^\s+(?:(?:more|additional|extra|other|US|U\.S\.|Russian|American)\s+)*"
    r"(?:troops|soldiers|service personnel|military members)\b|^\s+on\s+(?:standby|alert|high alert|heightened alert)\b"
)
_SCORE_WORDS = re.compile(r"(?i)\b(?:won|wins?|beat|beats|lost|loses?|drew|draws?|defeat\w*|victory|score\w*|lead|led)\b")

_SCALE_WORD = "|".join(_SCALES)
_AND = r"(?:(?:(?<=hundred)|(?<=thousand)|(?<=million)|(?<=billion))\s+and)?"  # "three hundred and fifty"
_WORDS = rf"(?i:\b(?:{'|'.join(_SMALL)})\b(?:{_AND}(?:\s+|-)(?:{'|'.join(_SMALL)}|{_SCALE_WORD})\b)*)"
_NUMBER = re.compile(
    rf"(?P<qualifier>\b(?i:{_QUALIFIER})\s+)?(?:"
    # one date: 2022-02-02, 15/03/2022, 21.02.2022
    r"(?P<date>(?<![\w.,/-])(?:\d{4}-\d\d-\d\d|\d{1,2}(?P<sep>[/.])\d{1,2}(?P=sep)(?:\d{4}|\d\d))(?![\w/-]|\.\d))"
    # one clock time: 5 p.m., 9.30am, 11:45, 0600 GMT
    r"|(?P<clock>(?<![\w.,:])(?:\d{1,2}(?:[:.]\d\d)?\s?[ap]\.?m\.?(?!\w)|\d{1,2}:\d\d(?!\d)|\d{4}(?=\s?(?:GMT|UTC)\b)))"
    # a number with its sign, currency, scale and unit
    r"|(?P<sign>(?<![\w.,])(?<!\d\s)[-\u2212\u2013](?=\d)|\b(?i:minus)\s+)?"
    rf"(?P<currency>(?:\b[A-Z]{{1,2}}\$|[$€£¥₽₴]|\b(?:{_CODES}))\s?)?"
    rf"(?P<value>(?<![\w.,])(?:\d+,\d\d?(?=\s?(?:{_SCALE_WORD}|{_SPACED_SCALES}|m)\b)|\d{{1,3}}(?:,\d{{3}})+|\d+)"
    rf"(?:\.\d+)?(?![.,]?\d)(?:st|nd|rd|th)?|{_WORDS})"
    rf"(?P<scale>(?:\s+(?:{_SCALE_WORD})\b)+|\s?(?i:{_SPACED_SCALES})\b|(?i:k|m|b)\b)?"
    r"(?P<unit>\s*%|\s+(?:per\s?cent|pct)\b|\s+percentage\s+points?\b|\s*°\s?[CF]?|[CF]\b|\s?km\b"
    rf"|\s+(?i:{'|'.join(re.escape(w) for w in _CURRENCY_WORDS)})(?!\w)|\s+(?:{_CODES})\b)?"
    r")(?!\w)"
)


@dataclass
class _Number:
    """One number as read: a row of the ledger, plus the multiplier a range partner may share."""

    start: int
    end: int
    value: int | float
    unit: str
    counts: str
    multiplier: int = 1  # of the scale word or short scale written with it
    digits: tuple[int, int] = (0, 0)  # span of the digits or words alone, the centre of the context


def _clock(raw: str) -> int | float:
    """Hours on the 24-hour clock: "5 p.m." → 17, "9.30am" → 9.5, "0600" → 6."""
    digits = re.findall(r"\d+", raw)
    hours, minutes = (int(digits[0][:2]), int(digits[0][2:])) if len(digits[0]) == 4 else (
        int(digits[0]), int(digits[1]) if len(digits) > 1 else 0)
    if re.search(r"[ap]\.?m", raw):
        hours = hours % 12 + (12 if "p" in raw else 0)
    return hours + minutes / 60 if minutes else hours


def _day(raw: str) -> int | float:
    """Day of the month of an all-digit date; NaN when the order of day and month is not decided."""
    first, second, third = (int(part) for part in re.findall(r"\d+", raw))
    if first > 31:
        return third  # 2022-02-02: year, month, day
    if "." in raw or first > 12 >= second or first == second:
        return first  # 21.02.2022 and 28/02/2022: day first
    return second if second > 12 >= first else math.nan  # 3/15/2020: month first


def _words_value(words: str) -> int:
    """'Three hundred fifty' → 350, 'two thousand five hundred' → 2500 (the usual English grammar)."""
    total = current = 0
    for word in re.findall(r"[a-z]+", words.lower()):
        if word in _SMALL:
            current += _SMALL[word]
        elif word == "hundred":
            current *= 100
        elif word in _SCALES:
            total, current = total + current * _SCALES[word], 0
    return total + current


def _short_scale(scale: str, money: bool, after: str) -> tuple[int, str] | None:
    """(multiplier, length unit) of a short scale; None when the text does not decide (see module doc)."""
    if scale not in ("k", "m", "b"):
        return _SHORT_SCALES[scale], ""
    if scale == "m" and re.match(rf"[\s-](?:{_DIMENSIONS})\b", after):
        return 1, "m"
    if money or (scale != "b" and re.match(rf"\s+(?:[\w-]+\s+)?(?:{COUNT_NOUNS})\b", after)):
        return _SHORT_SCALES[scale], ""
    return None


def _read(text: str, match: re.Match) -> _Number | None:
    """The number a match means, its unit and kind; None when it is not a number after all."""
    start, end = match.start(), match.end()
    core = next(match.span(group) for group in ("date", "clock", "value") if match.group(group))
    if match.group("date"):
        return _Number(start, end, _day(match.group("date")), "", "date", 1, core)
    if match.group("clock"):
        return _Number(start, end, _clock(match.group("clock")), "", "time", 1, core)
    raw, scale = match.group("value"), (match.group("scale") or "").strip().lower()
    unit = (match.group("unit") or "").strip()
    currency = (match.group("currency") or "").strip() or _CURRENCY_WORDS.get(unit.lower(), "")
    currency = currency or (unit if re.fullmatch(_CODES, unit) else "")
    after, before = text[end : end + 60], text[max(0, start - 20) : start]
    if raw.lower() == "one" and not scale:
        return None  # "one of the", "no one": not a count
    decimal_comma = re.fullmatch(r"\d+,\d\d?", raw)  # the value pattern allows it before a scale word only
    digits = re.sub(r"(?:st|nd|rd|th)$", "", raw).replace(",", "." if decimal_comma else "")
    number = Decimal(_words_value(raw) if raw[0].isalpha() else digits)
    multiplier, length = 1, "km" if unit == "km" else ""
    if scale in _SHORT_SCALES:
        short = _short_scale(scale, bool(currency), after)
        if short is None:
            return None
        multiplier, length = short
    for part in scale.split():
        multiplier *= _SCALES.get(part, 1)
    number *= -multiplier if match.group("sign") else multiplier
    if raw[0].isalpha():  # "three million": the scale a range partner shares ("two to three million")
        multiplier = _SCALES.get(raw.split()[-1].lower(), 1)
    value = float(number) if "." in digits else int(number)
    if currency:
        unit, counts = currency, "money"
    elif "point" in unit:
        unit, counts = "pp", "percentage points"
    elif unit in ("%", "pct") or "cent" in unit:
        unit, counts = "%", "percent"
    elif unit[:1] in ("°", "C", "F"):
        unit, counts = "°" + unit.strip("° "), "temperature"
    elif length:
        unit, counts = length, "length"
    else:
        unit, counts = "", _counts(raw, value, before, after)
    return _Number(start, end, value, unit, counts, multiplier, core)


def _counts(raw: str, value: float, before: str, after: str) -> str:
    """What a number without a unit counts, from the words around it."""
    if re.match(r"-years?-old\b|\s+years?\s+old\b", after) or re.search(r"(?i)\bage(?:d|\s+of)?\s+$", before):
        return "age"
    if _TROOPS.match(after):
        return "troops"
    ordinal = raw[-2:] if raw[-1].isalpha() else ""
    if (value <= 31 and re.search(rf"\b(?:{_MONTHS})\s+$", before)) or re.match(
            rf"(?:st|nd|rd|th)?\s+(?:of\s+)?(?:{_MONTHS})", ordinal + after):
        return "date"
    if re.search(r"\bArticle\s+$", before):
        return "treaty article"
    if raw.isdigit() and 1900 <= value <= 2100:
        return "year"
    if re.search(r"\d(?:st|nd|rd|th)$", raw):
        return "unit name"
    word = re.match(rf"\s+(?:[\w-]+\s+){{0,2}}?(?!(?:{_NOT_PLURAL})\b)([a-z]+s|{_IRREGULAR})\b", after)
    return word.group(1) if word else "other"


def _join_ranges(text: str, numbers: list[_Number]) -> None:
    """Give both ends of a range ("2-3 percent", "between 5 and 7 million") one scale, unit and kind."""
    for first, second in zip(numbers, numbers[1:]):
        between = text[first.end : second.start]
        hyphen = re.fullmatch(r"-|\s?\u2013\s?", between)
        if not (hyphen or re.fullmatch(r"\s+to\s+", between) or (
                re.fullmatch(r"\s+and\s+", between) and re.search(r"(?i)\bbetween\s+$", text[: first.start]))):
            continue
        near = text[max(0, first.start - 40) : second.end + 25]
        if hyphen and not first.unit + second.unit and _SCORE_WORDS.search(near):
            first.counts = second.counts = "score"
            continue
        scaled = first.value * second.multiplier
        if (first.counts in _KINDS and second.counts in _KINDS and first.counts != second.counts) or (
                first.multiplier < second.multiplier and not (second.value and 0.01 <= scaled / second.value <= 100)):
            continue  # "Article 5 to 3,000 troops", "from 500 to 3 million": two numbers, not one range
        if first.multiplier < second.multiplier:
            first.value = scaled  # "2 to 3 million"
        first.unit, second.unit = first.unit or second.unit, second.unit or first.unit
        if first.counts in _KINDS and second.counts not in _KINDS:
            second.counts = first.counts
        elif second.counts != "other":
            first.counts = second.counts
        if first.counts == second.counts == "year" and second.value < 100:  # "2014-15" → 2015, "1999-00" → 2000
            second.value += first.value // 100 * 100 + (100 if second.value < first.value % 100 else 0)


def numbers_ledger(corpus: Sequence) -> pd.DataFrame:
    """Every number in every article body: the value meant, its unit, what it counts, its context.

    ``number`` is the value meant: separators dropped, signs kept, number words
    and scale words applied (3,000 → 3000, "two" → 2, "Three hundred fifty" →
    350, "1.5 million" → 1500000.0, "€2.5bn" → 2500000000.0, "−3.5%" → -3.5); a
    clock time is the hour on the 24-hour clock ("5 p.m." → 17, "9:30" → 9.5),
    a date the day of the month (NaN when an all-digit date does not say which
    part is the day). The column holds ints, or floats as soon as one value is
    not whole ("1.5 million" makes 2 read 2.0).
    ``unit`` is the currency as written (``$``, ``€``, ``£``, ``US$``, a code
    such as ``USD``; ``EUR``, ``US$``, ``RUB``… for a currency word), ``%`` for a
    percentage (of 100: "12%" → 12), ``pp`` for percentage points, ``m`` or
    ``km`` for a length, ``°C``/``°F``/``°`` for a temperature, ``""``
    otherwise. ``text`` is the number as written with its qualifier ("about",
    "more than") and unit, ``counts`` what it counts: ``money``, ``percent``,
    ``percentage points``, ``length``, ``temperature``, ``time``, ``date``,
    ``age`` ("a 34-year-old", "aged 71"), ``score`` ("won 2-1"), ``troops``,
    ``treaty article``, ``year``, ``unit name`` (an ordinal: "82nd"), the
    plural noun that follows, or ``other``. The rules for ambiguous text (``m``
    as million or metres, decimal commas, ranges, dates) are in the module
    docstring. ``context`` is about 40 characters each side, ``start`` the
    offset of ``text`` in the body.

    Raises NumbersError when ``corpus`` is not a non-empty list of articles
    with unique ids.

    >>> from framelab import load_corpus
    >>> ledger = numbers_ledger(load_corpus())
    >>> ledger[(ledger.article == "000") & (ledger.counts == "troops")][["number", "text"]].values.tolist()
    [[3000, '3,000'], [100000, 'more than 100,000'], [2000, '2,000'], [1000, 'about 1,000'], [8500, 'another 8,500']]
    >>> from types import SimpleNamespace as Article
    >>> table = numbers_ledger([Article(id="x", body="On Feb. 2, 2022, $1.5 billion and 12% more.")])
    >>> table[["number", "unit", "text", "counts"]].values.tolist()
    [[2.0, '', '2', 'date'], [2022.0, '', '2022', 'year'], [1500000000.0, '$', '$1.5 billion', 'money'], [12.0, '%', '12%', 'percent']]
    >>> numbers_ledger([Article(id="y", body="US$4.5m, -20 degrees, 2-3% and 1.85m tall.")])[["number", "unit", "counts"]].values.tolist()
    [[4500000.0, 'US$', 'money'], [-20.0, '', 'degrees'], [2.0, '%', 'percent'], [3.0, '%', 'percent'], [1.85, 'm', 'length']]
    """
    rows = []
    for item in each(article_list(corpus, error=NumbersError), "reading numbers", at_least=PROGRESS_ARTICLES):
        body = item.body
        numbers = [number for match in _NUMBER.finditer(body) if (number := _read(body, match))]
        _join_ranges(body, numbers)
        for number in numbers:
            written = body[number.start : number.end].rstrip()
            a, b = max(0, number.digits[0] - 40), min(len(body), number.digits[1] + 40)
            rows.append([item.id, number.value, number.unit, written, number.counts, " ".join(body[a:b].split()),
                         number.start])
    return pd.DataFrame(rows, columns=NUMBER_COLUMNS)
