"""framelab.numbers: the numbers ledger (issue 11, item 6, and the outside tester's faults).

Unit tests on small texts, the five articles' ledger kept row for row, and three
rounds of held-out number sentences (written by us, not copied from any article):
NUMBER_DEV / NUMBER_TEST (first round), NEW_DEV / NEW_TEST / NEW_HOLDOUT (second round).
"""

from __future__ import annotations

import math
from collections import Counter
from types import SimpleNamespace

import pytest

import framelab.voices
from framelab.numbers import NUMBER_COLUMNS, numbers_ledger

# --- the five articles -------------------------------------------------------------------

# The ledger of the bundled articles as it was before the second round of fixes: (article, text, counts).
FIVE_ARTICLES = [
    ("000", "3,000", "troops"), ("000", "more than 100,000", "troops"), ("000", "2,000", "troops"),
    ("000", "about 1,000", "troops"), ("000", "Five", "treaty article"), ("000", "another 8,500", "troops"),
    ("000", "2", "date"), ("000", "two", "documents"), ("001", "an additional 2,000", "troops"),
    ("001", "about 2,000", "troops"), ("001", "roughly 1,000", "troops"), ("001", "5", "treaty article"),
    ("001", "8,500", "troops"), ("001", "8,500", "troops"), ("001", "two", "bases"),
    ("001", "more than 100,000", "troops"), ("001", "2014", "year"), ("002", "3,000", "troops"),
    ("002", "over 100,000", "troops"), ("002", "over 1,000", "troops"), ("002", "another 1,700", "troops"),
    ("002", "82nd", "unit name"), ("002", "two", "other"), ("003", "3,000", "troops"),
    ("003", "roughly 2,000", "troops"), ("003", "approximately 1,000", "troops"), ("003", "Five", "treaty article"),
    ("003", "8,500", "troops"), ("003", "8,500", "troops"), ("004", "28", "date"), ("004", "8,500", "troops"),
    ("004", "more than 100,000", "troops"), ("004", "2021", "year"), ("004", "20", "years"),
    ("004", "1997", "year"), ("004", "2", "other"),
]


def test_numbers_ledger(corpus):
    ledger = numbers_ledger(corpus)
    assert list(ledger.columns) == NUMBER_COLUMNS
    troops = ledger[ledger.counts == "troops"]
    assert {"3,000", "about 1,000", "roughly 2,000", "another 1,700"} <= set(troops.text)
    assert set(troops[troops.article == "003"].number) == {3000, 2000, 1000, 8500}
    years = ledger[ledger.counts == "year"]
    assert set(years.number) == {2014, 2021, 1997}
    assert (ledger.unit == "").all()  # the five articles give no money or percentage
    for row in ledger.itertuples():
        body = corpus[int(row.article)].body
        assert body[row.start : row.start + len(row.text)] == row.text


def test_five_articles_ledger_is_unchanged(corpus):
    ledger = numbers_ledger(corpus)
    assert list(zip(ledger.article, ledger.text, ledger.counts)) == FIVE_ARTICLES
    assert ledger.number.dtype.kind == "i"  # no fraction in the five articles, so ints


def test_voices_reexports_the_ledger():
    assert framelab.voices.numbers_ledger is numbers_ledger and framelab.voices.NUMBER_COLUMNS == NUMBER_COLUMNS


# --- issue 11, item 6: numbers with their scale, unit and kind -----------------------------


def numbers_of(text: str) -> list[tuple]:
    ledger = numbers_ledger([SimpleNamespace(id="x", body=text)])
    for row in ledger.itertuples():  # text and start always point at the number as written
        assert text[row.start : row.start + len(row.text)] == row.text
    return [(row.number, row.unit, row.counts) for row in ledger.itertuples()]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("The EU sent 1.5 million doses.", [(1_500_000.0, "", "doses")]),
        ("Congress approved $10 billion in aid.", [(10_000_000_000, "$", "money")]),
        ("Two thousand soldiers arrived.", [(2000, "", "troops")]),
        ("The talks began on Feb. 2, 2022, in Geneva.", [(2, "", "date"), (2022, "", "year")]),
        # more of the same kinds
        ("About 2.5 billion euros and £40m were pledged.", [(2_500_000_000.0, "EUR", "money"), (40_000_000, "£", "money")]),
        ("Kyiv asked for US$ 300 and UAH 5 million.", [(300, "US$", "money"), (5_000_000, "UAH", "money")]),
        ("Turnout fell 4.5 per cent, then 3 percent, then 2%.", [(4.5, "%", "percent"), (3, "%", "percent"), (2, "%", "percent")]),
        ("Forty-two tanks and three hundred thousand shells.", [(42, "", "tanks"), (300_000, "", "shells")]),
        ("On Sept. 30 and Oct. 1 the troops rested; on 3 March they left.",
         [(30, "", "date"), (1, "", "date"), (3, "", "date")]),
        ("The call ended at 5 p.m.; the next began at 9:30 a.m.", [(17, "", "time"), (9.5, "", "time")]),
        ("One of the 10m masts fell, and one million people lost power.", [(1_000_000, "", "people")]),
    ],
)
def test_numbers_are_the_values_meant(text, expected):
    assert numbers_of(text) == expected


def test_whole_numbers_stay_ints_until_a_fraction_appears():
    assert numbers_of("Two thousand soldiers and 3 million refugees.") == [(2000, "", "troops"), (3_000_000, "", "refugees")]
    assert [type(v) for v, *_ in numbers_of("Two thousand soldiers and 3 million refugees.")] == [int, int]
    assert [type(v) for v, *_ in numbers_of("1.5 million doses for 2 countries.")] == [float, float]


# Written before the number rules were tuned; tuned on NUMBER_DEV only, NUMBER_TEST scored once.
NUMBER_DEV = [
    ("The EU pledged 1.5 million doses.", [(1500000.0, "", "doses")]),
    ("Washington approved $10 billion in aid.", [(10000000000, "$", "money")]),
    ("Two thousand soldiers arrived on Monday.", [(2000, "", "troops")]),
    ("The talks began on Feb. 2, 2022, in Geneva.", [(2, "", "date"), (2022, "", "year")]),
    ("Prices rose by 12% in March.", [(12, "%", "percent")]),
    ("Defence takes about 3.5 percent of the budget.", [(3.5, "%", "percent")]),
    ("Brussels offered a €300 million package.", [(300000000, "€", "money")]),
    ("London set aside £2bn for defence.", [(2000000000, "£", "money")]),
    ("Some 40,000 troops stayed in Belarus.", [(40000, "", "troops")]),
    ("The deadline is Sept. 30, officials said.", [(30, "", "date")]),
    ("The briefing began at 10 a.m. on Tuesday.", [(10, "", "time")]),
    ("Ukraine became independent in 1991.", [(1991, "", "year")]),
    ("The column had twenty-five tanks.", [(25, "", "tanks")]),
    ("Five hundred refugees crossed at Medyka.", [(500, "", "refugees")]),
    ("More than 3 million refugees have left.", [(3000000, "", "refugees")]),
    ("The pipeline cost 2.4 billion euros.", [(2400000000.0, "EUR", "money")]),
    ("Allies invoked Article 4 on Thursday.", [(4, "", "treaty article")]),
    ("Soldiers of the 101st Airborne Division arrived.", [(101, "", "unit name")]),
]
NUMBER_TEST = [
    ("The IMF approved a $1.4 billion loan.", [(1400000000.0, "$", "money")]),
    ("Nearly 2 million people have fled.", [(2000000, "", "people")]),
    ("Three thousand paratroopers landed.", [(3000, "", "paratroopers")]),
    ("On Jan. 24, the alert was raised.", [(24, "", "date")]),
    ("Dec. 7, 1941, is remembered here.", [(7, "", "date"), (1941, "", "year")]),
    ("Officials expect a 15 percent rise.", [(15, "%", "percent")]),
    ("The bank froze €50 million.", [(50000000, "€", "money")]),
    ("Another 1,200 troops will follow.", [(1200, "", "troops")]),
    ("By 5 p.m. the convoy had left.", [(17, "", "time")]),
    ("The ship carried ten thousand tons of grain.", [(10000, "", "tons")]),
    ("Paratroopers from the 82nd Airborne left.", [(82, "", "unit name")]),
    ("The fund holds USD 300 million.", [(300000000, "USD", "money")]),
    ("The fine was 8.5 million rubles.", [(8500000.0, "RUB", "money")]),
    ("The convoy had sixty-two vehicles.", [(62, "", "vehicles")]),
    ("Ukraine marks Aug. 24 as its national day.", [(24, "", "date")]),
    ("Aid equals 0.5% of GDP.", [(0.5, "%", "percent")]),
]


@pytest.mark.parametrize("cases, right", [(NUMBER_DEV, 19), (NUMBER_TEST, 17)], ids=["dev", "test"])
def test_number_sets(cases, right):
    # test scored 16 of 17 the first time: "2 million people" counted "other" (irregular plural,
    # fixed afterwards with a short list of plurals without -s; so no longer a held-out figure)
    score = sum(got == want for text, expected in cases for got, want in zip(numbers_of(text), expected)
                if len(numbers_of(text)) == len(expected))
    assert score == right


# --- the outside tester's faults: each input as a test, and more of the same kind ------------


def one(text: str) -> tuple:
    (row,) = numbers_of(text)
    return row


@pytest.mark.parametrize(
    "text, expected",
    [  # HIGH: a decimal glued to a short scale lost both parts ("€2.5bn" → 2)
        ("The fund holds €2.5bn.", (2_500_000_000.0, "€", "money")),
        ("It cost $4.5m.", (4_500_000.0, "$", "money")),
        ("It cost US$4.5m.", (4_500_000.0, "US$", "money")),
        ("Losses hit £3.75bn.", (3_750_000_000.0, "£", "money")),
        ("A $0.5bn bond.", (500_000_000.0, "$", "money")),
        ("A fine of €12.25m.", (12_250_000.0, "€", "money")),
        ("Ottawa gave C$1.5bn.", (1_500_000_000.0, "C$", "money")),
        ("HK$2.3m was seized.", (2_300_000.0, "HK$", "money")),
        ("Tokyo lent ¥3.2bn.", (3_200_000_000.0, "¥", "money")),
        ("The $2B deal.", (2_000_000_000, "$", "money")),
        ("The fine was €4m.", (4_000_000, "€", "money")),
        # "m" after a number without a currency: metres before a dimension word
        ("He is 1.85m tall.", (1.85, "m", "length")),
        ("The wall is 10m high.", (10, "m", "length")),
        ("A 1.5m-high fence.", (1.5, "m", "length")),
        ("A 2.4m wide gate.", (2.4, "m", "length")),
        ("The crater is 6m deep and 20m across.", None),
        ("A 5km stretch and a 1.2 km bridge.", None),
    ],
)
def test_short_scale_after_a_decimal(text, expected):
    if expected is None:  # several numbers: every one a length
        assert {(unit, counts) for _, unit, counts in numbers_of(text)} in ({("m", "length")}, {("km", "length")})
    else:
        assert one(text) == expected


@pytest.mark.parametrize("text", ["One of the 10m masts fell.", "The 100m final.", "A 5k race.", "The 5b plan.", "A 4K screen."])
def test_ambiguous_short_scale_is_left_out_not_guessed(text):
    assert numbers_of(text) == []


@pytest.mark.parametrize(
    "text, expected",
    [  # MED: signs were dropped
        ("It was -20 degrees.", (-20, "", "degrees")),
        ("Growth fell \u22123.5%.", (-3.5, "%", "percent")),
        ("Rates fell to -0.5%.", (-0.5, "%", "percent")),
        ("It was minus 7 degrees.", (-7, "", "degrees")),
        ("Output shrank \u221212.75 percent.", (-12.75, "%", "percent")),
        ("Sales fell -2.1 per cent.", (-2.1, "%", "percent")),
        ("Lows of \u20135 tonight.", (-5, "", "other")),
        ("Lows of -5C tonight.", (-5, "°C", "temperature")),
        ("Lows of minus twelve degrees.", (-12, "", "degrees")),
    ],
)
def test_signs_are_kept(text, expected):
    assert one(text) == expected


@pytest.mark.parametrize("text", ["Output grew 2-3 percent.", "Output grew 2\u20133 percent.", "Output grew 2 \u2013 3 percent.",
                                  "Output grew 2 \u20133 percent."])
def test_a_dash_between_numbers_is_a_range_not_a_sign(text):
    assert numbers_of(text) == [(2, "%", "percent"), (3, "%", "percent")]


@pytest.mark.parametrize(
    "text, expected",
    [  # MED: spaced short scales (UK and wire style)
        ("Aid reached $1.2 bn.", (1_200_000_000.0, "$", "money")),
        ("Losses reached £4.1 bn.", (4_100_000_000.0, "£", "money")),
        ("A loan of $5 mln.", (5_000_000, "$", "money")),
        ("A budget of 4.5 bln roubles.", (4_500_000_000.0, "RUB", "money")),
        ("Profit rose to 1.2 trln roubles.", (1_200_000_000_000.0, "RUB", "money")),
        ("The EU added €3 bn.", (3_000_000_000, "€", "money")),
        # MED: a currency written after the number
        ("A loan of 5 million USD.", (5_000_000, "USD", "money")),
        ("A loan of 3 billion US dollars.", (3_000_000_000, "US$", "money")),
        ("A loan of 10 million U.S. dollars.", (10_000_000, "US$", "money")),
        ("A fund of 200 million euros.", (200_000_000, "EUR", "money")),
        ("A credit of 7 billion yuan.", (7_000_000_000, "CNY", "money")),
        ("A fee of 40 EUR.", (40, "EUR", "money")),
        ("A grant of 5m euros.", (5_000_000, "EUR", "money")),
    ],
)
def test_money_in_every_style(text, expected):
    assert one(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [  # MED: "m" and "k" before a count noun vanished from the table
        ("About 5m people live there.", (5_000_000, "", "people")),
        ("100K troops massed.", (100_000, "", "troops")),
        ("2.5m refugees left.", (2_500_000.0, "", "refugees")),
        ("Some 40k residents fled.", (40_000, "", "residents")),
        ("Some 300k doses arrived.", (300_000, "", "doses")),
        ("5m Ukrainian refugees left.", (5_000_000, "", "refugees")),
    ],
)
def test_short_scale_before_a_count_noun(text, expected):
    assert one(text) == expected


@pytest.mark.parametrize(
    "text, day",
    [  # MED: an ISO date was a year and two "other" numbers
        ("It started 2022-02-02.", 2),
        ("The deadline is 2023-11-30, officials said.", 30),
        ("Signed on 28/02/2022 in Minsk.", 28),
        ("Held on 3/15/2020.", 15),
        ("Dated 21.02.2022.", 21),
        ("Dated 1/1/2020.", 1),
        ("Dated 04/05/2021.", math.nan),  # 4 May or April 5: the text does not decide
    ],
)
def test_an_all_digit_date_is_one_date(text, day):
    ((value, unit, counts),) = numbers_of(text)
    assert (unit, counts) == ("", "date")
    assert math.isnan(value) if math.isnan(day) else value == day


@pytest.mark.parametrize(
    "text, expected",
    [  # MED: "Three hundred fifty" was 300 and 50
        ("Three hundred fifty soldiers arrived.", [(350, "", "troops")]),
        ("Two thousand five hundred shells.", [(2500, "", "shells")]),
        ("Nine hundred and ninety-nine tanks.", [(999, "", "tanks")]),
        ("One hundred twenty thousand people.", [(120_000, "", "people")]),
        ("Forty-two million doses.", [(42_000_000, "", "doses")]),
        ("Two thousand and twelve votes.", [(2012, "", "votes")]),
        ("Between five and six hundred votes.", [(500, "", "votes"), (600, "", "votes")]),  # "and" joins after a scale only
        ("One and two.", [(2, "", "other")]),
    ],
)
def test_number_words_make_one_number(text, expected):
    assert numbers_of(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [  # MED: a European decimal comma ("2,5 million euros" → 2): read before a scale word only
        ("It costs 2,5 million euros.", [(2_500_000.0, "EUR", "money")]),
        ("It costs 1,25 billion dollars.", [(1_250_000_000.0, "$", "money")]),
        ("Nearly 2,50 million people.", [(2_500_000.0, "", "people")]),
        ("A cost of 2,5m euros.", [(2_500_000.0, "EUR", "money")]),
        ("Scores of 2,5 and 7.", [(7, "", "other")]),  # "2,5" alone: left out, not guessed
        ("Some 3,000 troops.", [(3000, "", "troops")]),
    ],
)
def test_decimal_comma(text, expected):
    assert numbers_of(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Between 2 and 3 million people fled.", [(2_000_000, "", "people"), (3_000_000, "", "people")]),
        ("Aid of $2-3 billion.", [(2_000_000_000, "$", "money"), (3_000_000_000, "$", "money")]),
        ("Two to three million doses.", [(2_000_000, "", "doses"), (3_000_000, "", "doses")]),
        ("Aid worth €1.5-2bn.", [(1_500_000_000.0, "€", "money"), (2_000_000_000, "€", "money")]),
        ("It rose from 500 to 3 million.", [(500, "", "other"), (3_000_000, "", "other")]),
        ("Article 5 to 3,000 troops.", [(5, "", "treaty article"), (3000, "", "troops")]),
        ("From 40 to 55 soldiers.", [(40, "", "troops"), (55, "", "troops")]),
        ("On Feb. 2-3 the talks ran.", [(2, "", "date"), (3, "", "date")]),
        ("The 2014-15 and 1999-00 seasons.", [(2014, "", "year"), (2015, "", "year"), (1999, "", "year"), (2000, "", "year")]),
        ("She won 6-4, 6-3.", [(6, "", "score"), (4, "", "score"), (6, "", "score"), (3, "", "score")]),
        ("The Senate voted 52-48.", [(52, "", "other"), (48, "", "other")]),
    ],
)
def test_ranges_and_scores(text, expected):
    assert numbers_of(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("At 5pm and 12 a.m.", [(17, "", "time"), (0, "", "time")]),
        ("At 9.30am, at 14:30 and at 0600 GMT.", [(9.5, "", "time"), (14.5, "", "time"), (6, "", "time")]),
        ("A 34-year-old soldier, aged 71, 18-25.", [(34, "", "age"), (71, "", "age"), (18, "", "other"), (25, "", "other")]),
        ("Support fell 4 percentage points and 1.8 pct.", [(4, "pp", "percentage points"), (1.8, "%", "percent")]),
        ("In 2021 to 2 million people.", [(2021, "", "year"), (2_000_000, "", "people")]),
        ("Nord Stream 2 was shut; -5 is cold.", [(2, "", "other"), (-5, "", "other")]),
    ],
)
def test_times_ages_points_and_plain_numbers(text, expected):
    assert numbers_of(text) == expected


def test_fractions_make_the_column_float():
    assert [type(v) for v, *_ in numbers_of("$4m and $4.5m.")] == [float, float]
    assert [type(v) for v, *_ in numbers_of("$4m and 3 troops.")] == [int, int]


# --- second round of held-out sets -----------------------------------------------------------

# Second round (the outside tester's faults): NEW_DEV and NEW_TEST were written BEFORE any change to
# framelab/numbers.py, with conventions decided first (documented in numbers.py): a date's number
# is its day of the month; a range's ends share their unit, scale and kind; a score is two rows
# "score"; "m" is million after a currency or before a count noun, metres before a dimension word.
# Rules were tuned on NEW_DEV only (and on the fault tests above); NEW_TEST was scored once.
NEW_DEV = [
    ("The Treasury pledged £1.2bn for the fund, roughly $1.6bn.", [(1.2e9, "£", "money"), (1.6e9, "$", "money")]),
    ("Shares fell 2.3% on Monday.", [(2.3, "%", "percent")]),
    ("Inflation eased to \u22120.4% in May.", [(-0.4, "%", "percent")]),
    ("Temperatures dropped to -15 degrees overnight.", [(-15, "", "degrees")]),
    ("The deal is worth €750m (US$820m).", [(750e6, "€", "money"), (820e6, "US$", "money")]),
    ("Output grew 2-3 percent last year.", [(2, "%", "percent"), (3, "%", "percent")]),
    ("Between 5,000 and 7,000 troops took part.", [(5000, "", "troops"), (7000, "", "troops")]),
    ("Kyiv won the match 2-1 on Saturday.", [(2, "", "score"), (1, "", "score")]),
    ("A 34-year-old soldier was wounded.", [(34, "", "age")]),
    ("The vote is set for 2024-03-17.", [(17, "", "date")]),
    ("The ceasefire began on 4 March 2022.", [(4, "", "date"), (2022, "", "year")]),
    ("The summit opens at 9.30am and ends at 5pm.", [(9.5, "", "time"), (17, "", "time")]),
    ("Fighting resumed at 0600 GMT.", [(6, "", "time")]),
    ("About 3m people live in the region.", [(3e6, "", "people")]),
    ("The tower is 12m high.", [(12, "m", "length")]),
    ("Two hundred fifty refugees crossed overnight.", [(250, "", "refugees")]),
    ("Moscow set aside 4 billion rubles.", [(4e9, "RUB", "money")]),
    ("The loan totals 2 billion USD.", [(2e9, "USD", "money")]),
    ("Exports rose by 1,5 million tonnes.", [(1.5e6, "", "tonnes")]),
    ("Aid reached $3.2 bn this year.", [(3.2e9, "$", "money")]),
    ("He was aged 71 when he died.", [(71, "", "age")]),
    ("Support fell 4 percentage points.", [(4, "pp", "percentage points")]),
    ("The election was held on 3/15/2020.", [(15, "", "date")]),
    ("Nearly 40K residents fled.", [(40000, "", "residents")]),
    ("The wall is 2.5m tall in places.", [(2.5, "m", "length")]),
    ("Prices could rise 10 to 15 percent.", [(10, "%", "percent"), (15, "%", "percent")]),
    ("Russia lost the game 0-3.", [(0, "", "score"), (3, "", "score")]),
    ("Talks continued until 11:45 p.m. on Friday.", [(23.75, "", "time")]),
    ("The decree dated 21.02.2022 was published.", [(21, "", "date")]),
    ("Nine hundred and ninety troops remain.", [(990, "", "troops")]),
]
NEW_TEST = [
    ("The IMF cut its forecast to \u22121.5% growth.", [(-1.5, "%", "percent")]),
    ("Brussels froze €2.1bn of assets.", [(2.1e9, "€", "money")]),
    ("The firm paid US$12.5m in fines.", [(12.5e6, "US$", "money")]),
    ("Night temperatures hit -8 degrees.", [(-8, "", "degrees")]),
    ("Turnout was 60-65 per cent.", [(60, "%", "percent"), (65, "%", "percent")]),
    ("The home side won 3-0.", [(3, "", "score"), (0, "", "score")]),
    ("A 19-year-old conscript was detained.", [(19, "", "age")]),
    ("The deadline is 2023-11-30.", [(30, "", "date")]),
    ("He arrived on 12 January 2023.", [(12, "", "date"), (2023, "", "year")]),
    ("On January 12th, the convoy moved.", [(12, "", "date")]),
    ("Sirens sounded at 3am and again at 14:30.", [(3, "", "time"), (14.5, "", "time")]),
    ("Markets opened at 0800 GMT.", [(8, "", "time")]),
    ("Some 7m children need aid.", [(7e6, "", "children")]),
    ("The crater was 6m deep.", [(6, "m", "length")]),
    ("Three hundred twenty tanks were counted.", [(320, "", "tanks")]),
    ("Poland will spend 30 billion zlotys.", [(30e9, "PLN", "money")]),
    ("Japan offered 5 billion yen in aid.", [(5e9, "JPY", "money")]),
    ("The grant was 800,000 US dollars.", [(800000, "US$", "money")]),
    ("Nearly 2,5 million people voted.", [(2.5e6, "", "people")]),
    ("Losses reached £3.4 bn.", [(3.4e9, "£", "money")]),
    ("Officials said 150K troops had massed.", [(150000, "", "troops")]),
    ("Between 20 and 30 people were hurt.", [(20, "", "people"), (30, "", "people")]),
    ("Ratings slipped 2 percentage points.", [(2, "pp", "percentage points")]),
    ("The leader, aged 58, resigned.", [(58, "", "age")]),
    ("Polls close at 10 p.m. local time.", [(22, "", "time")]),
    ("Casualties rose from 40 to 55 soldiers.", [(40, "", "troops"), (55, "", "troops")]),
    ("The accord was signed on 28/02/2022 in Minsk.", [(28, "", "date")]),
    ("Rates will rise to 5.25 percent.", [(5.25, "%", "percent")]),
    ("The bridge is 1.2km long.", [(1.2, "km", "length")]),
    ("Minus 12 degrees was recorded.", [(-12, "", "degrees")]),
]
# Written after NEW_TEST had been scored once: NEW_DEV and NEW_TEST share their author with the
# rules, so a third set, written to be harder (wire style, apposition, other plurals), scored once.
NEW_HOLDOUT = [
    ("Gazprom's profit rose to 1.2 trln roubles.", [(1.2e12, "RUB", "money")]),
    ("The rouble weakened 1.8 pct against the dollar.", [(1.8, "%", "percent")]),
    ("Brent crude rose $2.10 to $88.50 a barrel.", [(2.1, "$", "money"), (88.5, "$", "money")]),
    ("The index closed down 0.7% at 7,412 points.", [(0.7, "%", "percent"), (7412, "", "points")]),
    ("Unemployment stood at 4.2 per cent in the three months to March.", [(4.2, "%", "percent"), (3, "", "months")]),
    ("A 52-year-old woman and her son, 12, were killed.", [(52, "", "age"), (12, "", "age")]),
    ("Frost warnings: lows of minus 9C tonight.", [(-9, "°C", "temperature")]),
    ("The Bank raised rates by 0.25 percentage point.", [(0.25, "pp", "percentage points")]),
    ("The ceasefire took effect at midnight on 24 February 2022.", [(24, "", "date"), (2022, "", "year")]),
    ("Talks are planned for Tuesday 8th March.", [(8, "", "date")]),
    ("The deadline was set for 30.06.2023.", [(30, "", "date")]),
    ("Shelling resumed shortly after 04:00 local time.", [(4, "", "time")]),
    ("Shakhtar beat Dynamo 2-0 in Lviv.", [(2, "", "score"), (0, "", "score")]),
    ("Between 10,000 and 15,000 people attended.", [(10000, "", "people"), (15000, "", "people")]),
    ("Aid worth €1.5-2bn is under discussion.", [(1.5e9, "€", "money"), (2e9, "€", "money")]),
    ("Some 6.5m Ukrainians are displaced inside the country.", [(6.5e6, "", "Ukrainians")]),
    ("The 75-year-old president spoke for 40 minutes.", [(75, "", "age"), (40, "", "minutes")]),
    ("Wheat exports fell 12 per cent year-on-year to 3.1m tonnes.", [(12, "%", "percent"), (3.1e6, "", "tonnes")]),
    ("The firm was fined £250,000.", [(250000, "£", "money")]),
    ("Temperatures will drop to \u22124 overnight.", [(-4, "", "other")]),
    ("Polling stations open from 7am to 10pm.", [(7, "", "time"), (22, "", "time")]),
    ("He was jailed for 25 years in 2019.", [(25, "", "years"), (2019, "", "year")]),
    ("Trading volume hit 3bn shares.", [(3e9, "", "shares")]),
    ("The plan costs about €40bn, or 1% of GDP.", [(4e10, "€", "money"), (1, "%", "percent")]),
    ("A 10km exclusion zone was set up.", [(10, "km", "length")]),
]


def rows_right(cases: list) -> tuple[int, int, int]:
    """(rows found exactly, rows expected, sentences fully right): rows compared as multisets."""
    right = expected = full = 0
    for text, want in cases:
        got = numbers_of(text)
        right += sum((Counter(got) & Counter(want)).values())
        expected += len(want)
        full += got == want
    return right, expected, full


# Figures (rows right / rows expected, sentences fully right):
#   before any change:       dev 9/39, 4/30   test 10/36, 5/30   holdout 17/38, 8/25
#   tuned on NEW_DEV:        dev 39/39, 30/30
#   NEW_TEST, scored once:   36/36, 30/30
#   NEW_HOLDOUT, scored once: 33/38, 20/25; then "trln", "pct" and "-5C" (seen there) were added
#   (so 36/38, 23/25 is no longer held out); "her son, 12," (age in apposition) and "6.5m Ukrainians"
#   (a count noun not in COUNT_NOUNS: left out, not guessed) are still missed.
@pytest.mark.parametrize(
    "cases, figures",
    [(NEW_DEV, (39, 39, 30)), (NEW_TEST, (36, 36, 30)), (NEW_HOLDOUT, (36, 38, 23))],
    ids=["dev", "test", "holdout"],
)
def test_second_round_sets(cases, figures):
    assert rows_right(cases) == figures
