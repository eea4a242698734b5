"""Tables for the number normaliser: read_number on phrases, scan_numbers on sentences."""

from __future__ import annotations

import ast
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from claimtrack.extract import numbers
from claimtrack.extract.numbers import NumberMention, read_number, scan_numbers
from claimtrack.models import Qualifier

QUALIFIERS = {q.value for q in Qualifier}
NBSP, THIN, NARROW = "\u00a0", "\u2009", "\u202f"

# --------------------------------------------------------------------- read_number

# (phrase, value, low, high, qualifier, currency, percent)
READ_ROWS = [
    # digits, separators, decimals
    ("8,500", 8500, 8500, 8500, "exact", None, False),
    ("13,200", 13200, 13200, 13200, "exact", None, False),
    ("1,234,567", 1234567, 1234567, 1234567, "exact", None, False),
    ("1,234.75", 1234.75, 1234.75, 1234.75, "exact", None, False),
    ("1.5", 1.5, 1.5, 1.5, "exact", None, False),
    ("0.25", 0.25, 0.25, 0.25, "exact", None, False),
    (".25", 0.25, 0.25, 0.25, "exact", None, False),
    ("0", 0, 0, 0, "exact", None, False),
    ("8.500", 8.5, 8.5, 8.5, "exact", None, False),  # "." is a decimal point ...
    ("€1.500", 1.5, 1.5, 1.5, "exact", "EUR", False),
    ("$3.539", 3.539, 3.539, 3.539, "exact", "USD", False),  # a pump price
    ("€2.000", 2000, 2000, 2000, "exact", "EUR", False),  # ... but nobody writes 2 as 2.000
    ("1.000", 1000, 1000, 1000, "exact", None, False),
    ("1.250.000", 1250000, 1250000, 1250000, "exact", None, False),
    ("4.500.000.000", 4500000000, 4500000000, 4500000000, "exact", None, False),
    (f"1{THIN}500", 1500, 1500, 1500, "exact", None, False),
    (f"1{NBSP}500", 1500, 1500, 1500, "exact", None, False),
    (f"12{NARROW}345{NARROW}678", 12345678, 12345678, 12345678, "exact", None, False),
    (f"2{THIN}500.5", 2500.5, 2500.5, 2500.5, "exact", None, False),
    ("  42  ", 42, 42, 42, "exact", None, False),
    # number words
    ("eight", 8, 8, 8, "exact", None, False),
    ("Eight", 8, 8, 8, "exact", None, False),
    ("zero", 0, 0, 0, "exact", None, False),
    ("twelve", 12, 12, 12, "exact", None, False),
    ("twenty-five", 25, 25, 25, "exact", None, False),
    ("twenty five", 25, 25, 25, "exact", None, False),
    ("ninety-nine", 99, 99, 99, "exact", None, False),
    ("a hundred", 100, 100, 100, "exact", None, False),
    ("one hundred", 100, 100, 100, "exact", None, False),
    ("one hundred and twenty", 120, 120, 120, "exact", None, False),
    ("three hundred and sixty-five", 365, 365, 365, "exact", None, False),
    ("two hundred forty", 240, 240, 240, "exact", None, False),
    ("fifteen hundred", 1500, 1500, 1500, "exact", None, False),
    ("twenty-five hundred", 2500, 2500, 2500, "exact", None, False),
    ("two thousand and twenty", 2020, 2020, 2020, "exact", None, False),
    ("a thousand", 1000, 1000, 1000, "exact", None, False),
    ("four thousand five hundred", 4500, 4500, 4500, "exact", None, False),
    ("one hundred and twenty thousand", 120000, 120000, 120000, "exact", None, False),
    ("one million two hundred thousand", 1200000, 1200000, 1200000, "exact", None, False),
    ("two dozen", 24, 24, 24, "exact", None, False),
    ("a dozen", 12, 12, 12, "exact", None, False),
    ("half a dozen", 6, 6, 6, "exact", None, False),
    ("a million", 1000000, 1000000, 1000000, "exact", None, False),
    ("a billion", 10**9, 10**9, 10**9, "exact", None, False),
    ("one and a half million", 1500000, 1500000, 1500000, "exact", None, False),
    ("two and a half", 2.5, 2.5, 2.5, "exact", None, False),
    ("half a million", 500000, 500000, 500000, "exact", None, False),
    ("half million", 500000, 500000, 500000, "exact", None, False),
    ("a half-million", 500000, 500000, 500000, "exact", None, False),
    ("a quarter of a million", 250000, 250000, 250000, "exact", None, False),
    ("quarter million", 250000, 250000, 250000, "exact", None, False),
    ("a million and a half", 1500000, 1500000, 1500000, "exact", None, False),
    ("three million", 3000000, 3000000, 3000000, "exact", None, False),
    ("hundred thousand", 100000, 100000, 100000, "exact", None, False),
    ("fifty - two", 52, 52, 52, "exact", None, False),
    ("three dozens", 36, 36, 36, "exact", None, False),
    ("one and a half dozen", 18, 18, 18, "exact", None, False),
    ("three and one half", 3.5, 3.5, 3.5, "exact", None, False),
    ("two million and one half", 2500000, 2500000, 2500000, "exact", None, False),
    ("one billion and a half million", 1000500000, 1000500000, 1000500000, "exact", None,
     False),
    ("a thousand million", 10**9, 10**9, 10**9, "exact", None, False),
    ("three lakh crore", 3 * 10**12, 3 * 10**12, 3 * 10**12, "exact", None, False),
    ("twenty-one trillion and three hundred", 21000000000300, 21000000000300,
     21000000000300, "exact", None, False),
    # scales
    ("31 million", 31000000, 31000000, 31000000, "exact", None, False),
    ("2.5 trillion", 2500000000000, 2500000000000, 2500000000000, "exact", None, False),
    ("1.2 bln", 1200000000, 1200000000, 1200000000, "exact", None, False),
    ("4.7 bn", 4700000000, 4700000000, 4700000000, "exact", None, False),
    ("3 mln", 3000000, 3000000, 3000000, "exact", None, False),
    ("10k", 10000, 10000, 10000, "exact", None, False),
    ("2.5K", 2500, 2500, 2500, "exact", None, False),
    ("32B", 32000000000, 32000000000, 32000000000, "exact", None, False),
    ("1.2b", 1200000000, 1200000000, 1200000000, "exact", None, False),
    ("10M", 10000000, 10000000, 10000000, "exact", None, False),
    ("3 dozen", 36, 36, 36, "exact", None, False),
    ("3 million and a half", 3500000, 3500000, 3500000, "exact", None, False),
    ("2 and a half million", 2500000, 2500000, 2500000, "exact", None, False),
    ("1,674.5 million", 1674500000, 1674500000, 1674500000, "exact", None, False),
    ("3 dozens", 36, 36, 36, "exact", None, False),
    ("3 dz", 36, 36, 36, "exact", None, False),
    ("5 lakh crore", 5 * 10**12, 5 * 10**12, 5 * 10**12, "exact", None, False),
    ("1 million 200 thousand", 1200000, 1200000, 1200000, "exact", None, False),
    ("4 thousand 3 hundred and 21", 4321, 4321, 4321, "exact", None, False),
    ("3 hundred and one", 301, 301, 301, "exact", None, False),
    ("6 crore and two hundred", 60000200, 60000200, 60000200, "exact", None, False),
    # currency
    ("$1.2bn", 1200000000, 1200000000, 1200000000, "exact", "USD", False),
    ("$ 75 million", 75000000, 75000000, 75000000, "exact", "USD", False),
    ("$94,000", 94000, 94000, 94000, "exact", "USD", False),
    ("$10-million", 10000000, 10000000, 10000000, "exact", "USD", False),
    ("1.5 billion euros", 1500000000, 1500000000, 1500000000, "exact", "EUR", False),
    ("€3m", 3000000, 3000000, 3000000, "exact", "EUR", False),
    ("€ 2 million", 2000000, 2000000, 2000000, "exact", "EUR", False),
    ("20 €", 20, 20, 20, "exact", "EUR", False),
    ("£400,000", 400000, 400000, 400000, "exact", "GBP", False),
    ("£8.1m", 8100000, 8100000, 8100000, "exact", "GBP", False),
    ("400 pounds", 400, 400, 400, "exact", "GBP", False),
    ("5 million pounds sterling", 5000000, 5000000, 5000000, "exact", "GBP", False),
    ("₽500", 500, 500, 500, "exact", "RUB", False),
    ("300 billion roubles", 300000000000, 300000000000, 300000000000, "exact", "RUB", False),
    ("12 rubles", 12, 12, 12, "exact", "RUB", False),
    ("₴1,000", 1000, 1000, 1000, "exact", "UAH", False),
    ("40 billion hryvnias", 40000000000, 40000000000, 40000000000, "exact", "UAH", False),
    ("¥2,000", 2000, 2000, 2000, "exact", "JPY", False),
    ("450,000 yen", 450000, 450000, 450000, "exact", "JPY", False),
    ("100 billion yuan", 100000000000, 100000000000, 100000000000, "exact", "CNY", False),
    ("RMB 30", 30, 30, 30, "exact", "CNY", False),
    ("₹70", 70, 70, 70, "exact", "INR", False),
    ("Rs 500 crore", 5000000000, 5000000000, 5000000000, "exact", "INR", False),
    ("Rs. 12 lakh", 1200000, 1200000, 1200000, "exact", "INR", False),
    ("35 rupees", 35, 35, 35, "exact", "INR", False),
    ("US$5 million", 5000000, 5000000, 5000000, "exact", "USD", False),
    ("C$300", 300, 300, 300, "exact", "CAD", False),
    ("A$12", 12, 12, 12, "exact", "AUD", False),
    ("HK$10.05 billion", 10050000000, 10050000000, 10050000000, "exact", "HKD", False),
    ("NZD$15", 15, 15, 15, "exact", "NZD", False),
    ("USD 22.5 million", 22500000, 22500000, 22500000, "exact", "USD", False),
    ("EUR 125", 125, 125, 125, "exact", "EUR", False),
    ("115USD", 115, 115, 115, "exact", "USD", False),
    ("1.5bn USD", 1500000000, 1500000000, 1500000000, "exact", "USD", False),
    ("200 GBP", 200, 200, 200, "exact", "GBP", False),
    ("10,000 Swiss francs", 10000, 10000, 10000, "exact", "CHF", False),
    ("125 million Australian dollars", 125000000, 125000000, 125000000, "exact", "AUD", False),
    ("5 US dollars", 5, 5, 5, "exact", "USD", False),
    ("five million dollars", 5000000, 5000000, 5000000, "exact", "USD", False),
    ("eight euros", 8, 8, 8, "exact", "EUR", False),
    # percent
    ("12%", 12, 12, 12, "exact", None, True),
    ("12 %", 12, 12, 12, "exact", None, True),
    ("12 percent", 12, 12, 12, "exact", None, True),
    ("12 per cent", 12, 12, 12, "exact", None, True),
    ("2.5 pct", 2.5, 2.5, 2.5, "exact", None, True),
    ("3.5 percentage points", 3.5, 3.5, 3.5, "exact", None, True),
    ("twelve percent", 12, 12, 12, "exact", None, True),
    # vague magnitudes
    ("tens of thousands", None, 10000, 99999, "vague", None, False),
    ("Tens of thousands", None, 10000, 99999, "vague", None, False),
    ("hundreds", None, 100, 999, "vague", None, False),
    ("thousands", None, 1000, 9999, "vague", None, False),
    ("hundreds of thousands", None, 100000, 999999, "vague", None, False),
    ("millions", None, 10**6, 10**7 - 1, "vague", None, False),
    ("tens of millions", None, 10**7, 10**8 - 1, "vague", None, False),
    ("hundreds of millions", None, 10**8, 10**9 - 1, "vague", None, False),
    ("billions", None, 10**9, 10**10 - 1, "vague", None, False),
    ("dozens", None, 24, 99, "vague", None, False),
    ("several hundred", None, 300, 999, "vague", None, False),
    ("a few thousand", None, 2000, 9999, "vague", None, False),
    ("several hundred thousand", None, 300000, 999999, "vague", None, False),
    ("several dozen", None, 36, 119, "vague", None, False),
    ("millions of dollars", None, 10**6, 10**7 - 1, "vague", "USD", False),
    ("billions of euros", None, 10**9, 10**10 - 1, "vague", "EUR", False),
    ("several million dollars", None, 3 * 10**6, 10**7 - 1, "vague", "USD", False),
    # ranges
    ("between 5,000 and 7,000", None, 5000, 7000, "range", None, False),
    ("5,000-7,000", None, 5000, 7000, "range", None, False),
    ("5,000 to 7,000", None, 5000, 7000, "range", None, False),
    ("from 5,000 to 7,000", None, 5000, 7000, "range", None, False),
    ("5,000–7,000", None, 5000, 7000, "range", None, False),
    ("5,000 – 7,000", None, 5000, 7000, "range", None, False),
    ("20 through 30", None, 20, 30, "range", None, False),
    ("10 to 15 million", None, 10**7, 15 * 10**6, "range", None, False),
    ("1-2 million", None, 10**6, 2 * 10**6, "range", None, False),
    ("between 1 and 2 billion", None, 10**9, 2 * 10**9, "range", None, False),
    ("between 500 and 2 million", None, 500, 2 * 10**6, "range", None, False),
    ("$5-7 billion", None, 5 * 10**9, 7 * 10**9, "range", "USD", False),
    ("$5 to $7", None, 5, 7, "range", "USD", False),
    ("between $5m and $7m", None, 5 * 10**6, 7 * 10**6, "range", "USD", False),
    ("$1.2bn-$1.5bn", None, 1200000000, 1500000000, "range", "USD", False),
    ("20 to 25 million dollars", None, 20 * 10**6, 25 * 10**6, "range", "USD", False),
    ("5-10k", None, 5000, 10000, "range", None, False),
    ("5k-20k", None, 5000, 20000, "range", None, False),
    ("5-7%", None, 5, 7, "range", None, True),
    ("5% to 7%", None, 5, 7, "range", None, True),
    ("between 5 and 7 per cent", None, 5, 7, "range", None, True),
    ("between five and ten", None, 5, 10, "range", None, False),
    ("between one hundred and two hundred", None, 100, 200, "range", None, False),
    ("ten to fifteen million", None, 10**7, 15 * 10**6, "range", None, False),
    ("about 5,000-7,000", None, 5000, 7000, "range", None, False),
    ("20~100", None, 20, 100, "range", None, False),
    # a lower and an upper bound
    ("more than 10 and less than 20", None, 10, 20, "range", None, False),
    ("at most 100 and at least 20", None, 20, 100, "range", None, False),
    ("over 18 and under 65", None, 18, 65, "range", None, False),
    ("above 1000 but below 1500", None, 1000, 1500, "range", None, False),
    ("at least 20, up to 30", None, 20, 30, "range", None, False),
    ("more than 2% and less than 5%", None, 2, 5, "range", None, True),
    ("greater than 30 and less than or equal to 40", None, 30, 40, "range", None, False),
    ("higher or equal than one hundred, lower or equal than three hundred", None, 100, 300,
     "range", None, False),
    ("2014-2016", None, 2014, 2016, "range", None, False),
    # qualifiers: more_than / at_least
    ("more than 100,000", 100000, 100000, None, "more_than", None, False),
    ("More than 100,000", 100000, 100000, None, "more_than", None, False),
    ("over 5,000", 5000, 5000, None, "more_than", None, False),
    ("above 40", 40, 40, None, "more_than", None, False),
    ("in excess of $2 billion", 2 * 10**9, 2 * 10**9, None, "more_than", "USD", False),
    ("upwards of 300", 300, 300, None, "more_than", None, False),
    ("well over a thousand", 1000, 1000, None, "more_than", None, False),
    ("more than a dozen", 12, 12, None, "more_than", None, False),
    ("greater than 4,565", 4565, 4565, None, "more_than", None, False),
    (">30", 30, 30, None, "more_than", None, False),
    ("exceeded 3,000", 3000, 3000, None, "more_than", None, False),
    ("surpassed $5 billion", 5 * 10**9, 5 * 10**9, None, "more_than", "USD", False),
    ("bigger than 12", 12, 12, None, "more_than", None, False),
    ("at least 9", 9, 9, None, "at_least", None, False),
    ("at least one", 1, 1, None, "at_least", None, False),
    ("no fewer than 10", 10, 10, None, "at_least", None, False),
    ("no less than 20%", 20, 20, None, "at_least", None, True),
    ("a minimum of 11", 11, 11, None, "at_least", None, False),
    ("5,000 or more", 5000, 5000, None, "at_least", None, False),
    ("5,000+", 5000, 5000, None, "at_least", None, False),
    ("5,000-plus", 5000, 5000, None, "at_least", None, False),
    ("200 or greater", 200, 200, None, "at_least", None, False),
    (">= 30", 30, 30, None, "at_least", None, False),
    ("bigger or equal than 3,965", 3965, 3965, None, "at_least", None, False),
    ("at least or equal to 30", 30, 30, None, "at_least", None, False),
    ("equal to or more than 30", 30, 30, None, "at_least", None, False),
    ("500 and more", 500, 500, None, "at_least", None, False),
    ("65 and over", 65, 65, None, "at_least", None, False),
    ("18 or older", 18, 18, None, "at_least", None, False),
    ("about 500 or more", 500, 500, None, "at_least", None, False),
    ("more than 5000 or equal to", 5000, 5000, None, "at_least", None, False),
    # nearly
    ("nearly 5,000", 5000, 4500, 5000, "nearly", None, False),
    ("almost 6", 6, 5, 6, "nearly", None, False),
    ("close to 7,000", 7000, 6300, 7000, "nearly", None, False),
    ("just under 8,000", 8000, 7200, 8000, "nearly", None, False),
    ("nearly 2.5 million", 2500000, 2250000, 2500000, "nearly", None, False),
    ("almost 10%", 10, 9, 10, "nearly", None, True),
    # approx
    ("about 5,000", 5000, 4500, 5500, "approx", None, False),
    ("about 7", 7, 6, 8, "approx", None, False),  # 6.3 floored, 7.7 ceiled
    ("around 8,000", 8000, 7200, 8800, "approx", None, False),
    ("roughly $2.5 billion", 2500000000, 2250000000, 2750000000, "approx", "USD", False),
    ("approximately 15%", 15, 13, 17, "approx", None, True),
    ("approximately 12.5%", 12.5, 11.25, 13.75, "approx", None, True),
    ("an estimated 40,000", 40000, 36000, 44000, "approx", None, False),
    ("estimated 30,000", 30000, 27000, 33000, "approx", None, False),
    ("some 20,000", 20000, 18000, 22000, "approx", None, False),
    ("some two hundred", 200, 180, 220, "approx", None, False),
    ("approx. 14,000", 14000, 12600, 15400, "approx", None, False),
    ("circa 600", 600, 540, 660, "approx", None, False),
    ("~100", 100, 90, 110, "approx", None, False),
    ("40 or so", 40, 36, 44, "approx", None, False),
    ("300-odd", 300, 270, 330, "approx", None, False),
    ("about a dozen", 12, 10, 14, "approx", None, False),
    # at_most / less_than
    ("up to 700", 700, None, 700, "at_most", None, False),
    ("as many as 800", 800, None, 800, "at_most", None, False),
    ("a maximum of 900", 900, None, 900, "at_most", None, False),
    ("at most 100", 100, None, 100, "at_most", None, False),
    ("no more than 50", 50, None, 50, "at_most", None, False),
    ("as much as $2 billion", 2 * 10**9, None, 2 * 10**9, "at_most", "USD", False),
    ("12 or fewer", 12, None, 12, "at_most", None, False),
    ("less than or equal to 100", 100, None, 100, "at_most", None, False),
    ("smaller or equal than 100", 100, None, 100, "at_most", None, False),
    ("less or equal than thirty five", 35, None, 35, "at_most", None, False),
    ("12 and under", 12, None, 12, "at_most", None, False),
    ("less than 5000 or equal", 5000, None, 5000, "at_most", None, False),
    ("fewer than 10", 10, None, 10, "less_than", None, False),
    ("fewer than a thousand", 1000, None, 1000, "less_than", None, False),
    ("less than 11%", 11, None, 11, "less_than", None, True),
    ("under 12", 12, None, 12, "less_than", None, False),
    ("below 13", 13, None, 13, "less_than", None, False),
    ("<20", 20, None, 20, "less_than", None, False),
]


@pytest.mark.parametrize(
    ("phrase", "value", "low", "high", "qualifier", "currency", "percent"), READ_ROWS
)
def test_read_number(phrase, value, low, high, qualifier, currency, percent):
    found = read_number(phrase)
    assert found is not None, phrase
    assert (found.value, found.low, found.high) == (value, low, high)
    assert found.qualifier == qualifier
    assert found.currency == currency
    assert found.percent is percent
    assert type(found.value) is type(value)  # ints stay ints: 1.5 million -> 1500000


# (phrase, spelled, adjective, looks_like_year)
FLAG_ROWS = [
    ("2014", False, False, True),
    ("1800", False, False, True),
    ("2100", False, False, True),
    ("1799", False, False, False),
    ("2101", False, False, False),
    ("2,014", False, False, False),  # separators: a count
    ("2014.5", False, False, False),
    ("about 2014", False, False, False),  # qualified
    ("$2014", False, False, False),
    ("2014%", False, False, False),
    ("2014 million", False, False, False),
    ("two thousand and fourteen", True, False, False),
    ("2014-2016", False, False, True),  # a range of years
    ("from 2014 to 2016", False, False, True),
    ("2000-5000", False, False, False),  # 5000 is no year
    ("eight", True, False, False),
    ("8", False, False, False),
    ("thousands", True, False, False),
    ("two-day", True, True, False),
    ("30-year-old", False, True, False),
    ("twenty-five-year-old", True, True, False),
    ("5,000-strong", False, True, False),
    ("a thousand-strong", True, True, False),
    ("5-7-year-old", False, True, False),
    ("1.5-million-strong", False, True, False),
    ("24-hour", False, True, False),
    ("one-year", True, True, False),
    ("$10-million", False, False, False),  # the hyphen joins the scale, not a word
    ("twenty-five", True, False, False),
]


@pytest.mark.parametrize(("phrase", "spelled", "adjective", "looks_like_year"), FLAG_ROWS)
def test_mention_flags(phrase, spelled, adjective, looks_like_year):
    """The first mention in the phrase ("two-day" gives "two", adjective)."""
    found = scan_numbers(phrase)
    assert found, phrase
    first = found[0]
    flags = (first.spelled, first.adjective, first.looks_like_year)
    assert flags == (spelled, adjective, looks_like_year)
    if not adjective:
        assert read_number(phrase) == first


def test_adjective_mention_stops_before_the_hyphen():
    (found,) = scan_numbers("a 30-year-old man")
    assert (found.text, found.value, found.adjective) == ("30", 30, True)


READ_NONE = [
    "",
    "   ",
    "troops",
    "a",
    "an",
    "half",
    "a half",
    "a quarter",
    "hundred",
    "million",
    "second",
    "first",
    "third",
    "21st",
    "1st",
    "twenty-first",
    "two thirds",
    "one-third",
    "three-quarters",
    "G7",
    "F-16",
    "COVID-19",
    "Minsk-2",
    "09:03:43",
    "1:40 PM",
    "0:01:02",
    "9am",
    "3.8.0",
    "192.168.1.2",
    "2022-01-26",
    "20211202",
    "9/11",
    "3/4",
    "+1 202 555 0143",
    "(202) 555-0143",
    "0143",
    "1,3",
    "4-3",
    "2014-15",
    "someone",
    "none",
    "anyone",
    "oneself",
    "one-off",
    "8,500 troops",  # more than a number phrase
    "8,500 and 9,000",  # two number phrases
    "5,000.",
    "scores",  # only "scores of"
]


@pytest.mark.parametrize("phrase", READ_NONE)
def test_read_number_rejects(phrase):
    assert read_number(phrase) is None


def test_read_number_offsets_are_in_the_phrase():
    found = read_number("  about 5,000 ")
    assert found is not None
    assert (found.start, found.end, found.text) == (2, 13, "about 5,000")


# --------------------------------------------------------------------- scan_numbers



def ex(text: str, value: int | float) -> tuple[str, int | float, int | float, int | float]:
    """An exact mention: low = high = value."""
    return text, value, value, value


# (sentence, [(text, value, low, high), ...])
SCAN_ROWS = [
    (
        "The ministry said 8,500 reservists and 13,200 conscripts had reported by Friday.",
        [ex("8,500", 8500), ex("13,200", 13200)],
    ),
    (
        "More than 100,000 people fled the province, officials said.",
        [("More than 100,000", 100000, 100000, None)],
    ),
    (
        "Tens of thousands marched while hundreds of police watched.",
        [("Tens of thousands", None, 10000, 99999), ("hundreds", None, 100, 999)],
    ),
    (
        "The fund will lend $1.2bn in five years, up from €800m last year.",
        [ex("$1.2bn", 1200000000), ex("five", 5), ex("€800m", 800000000)],
    ),
    (
        "Between 5,000 and 7,000 soldiers crossed, with 10 to 15 million litres of fuel.",
        [
            ("Between 5,000 and 7,000", None, 5000, 7000),
            ("10 to 15 million", None, 10**7, 15 * 10**6),
        ],
    ),
    (
        "Nearly 2,000 homes lost power and about 300 were flooded.",
        [("Nearly 2,000", 2000, 1800, 2000), ("about 300", 300, 270, 330)],
    ),
    (
        "Up to 700 contract workers and fewer than 50 engineers will stay.",
        [("Up to 700", 700, None, 700), ("fewer than 50", 50, None, 50)],
    ),
    (
        "Prices rose 12% in March and 3.5 per cent in April.",
        [ex("12%", 12), ex("3.5 per cent", 3.5)],
    ),
    (
        "In 2014 the two-day offensive killed a 30-year-old medic and eight others.",
        [ex("2014", 2014), ex("two", 2), ex("30", 30), ex("eight", 8)],
    ),
    (
        "Dozens were hurt; scores of houses burned; several hundred people sheltered in a school.",
        [("Dozens", None, 24, 99), ("scores", None, 40, 99), ("several hundred", None, 300, 999)],
    ),
    (
        "The brigade, some 4,000-strong, has two dozen tanks and a dozen howitzers.",
        [("some 4,000", 4000, 3600, 4400), ex("two dozen", 24), ex("a dozen", 12)],
    ),
    (
        "Half a million refugees and one and a half million displaced people need aid.",
        [ex("Half a million", 500000), ex("one and a half million", 1500000)],
    ),
    (
        "The deal is worth 1.5 billion euros, or roughly $1.6bn.",
        [
            ex("1.5 billion euros", 1500000000),
            ("roughly $1.6bn", 1600000000, 1440000000, 1760000000),
        ],
    ),
    (
        "Casualties were put at 5,000-7,000, with at least 1,200 dead.",
        [("5,000-7,000", None, 5000, 7000), ("at least 1,200", 1200, 1200, None)],
    ),
    (
        "The 2014-15 season ended 4-3, and the 2015-2016 season never started.",
        [("2015-2016", None, 2015, 2016)],
    ),
    (
        # "over" before a number is always more_than, even where it means "across"
        "The loan is repaid over five years.",
        [("over five", 5, 5, None)],
    ),
    (
        "Output fell from 7,000 to 5,000 tonnes.",  # a fall, not a range: two numbers
        [ex("7,000", 7000), ex("5,000", 5000)],
    ),
    (
        "The F-16 and Su-25 flew 40 sorties from mid-2020.",
        [ex("40", 40), ex("2020", 2020)],
    ),
    (
        "G7 leaders met under the Minsk-2 framework as COVID-19 cases topped 1 million.",
        [ex("1 million", 1000000)],
    ),
    (
        "At 09:03:43 the ministry reported 1,450 arrests, 320 of them in the capital.",
        [ex("1,450", 1450), ex("320", 320)],
    ),
    (
        "The 1st and 3rd brigades lost 21 vehicles in the second week.",
        [ex("21", 21)],
    ),
    (
        "Call +1 202 555 0143 or (202) 555-0143 to report 3 missing persons.",
        [ex("3", 3)],
    ),
    (
        "Version 3.8.0, released 2022-01-26 (build 20211202), fixed 17 bugs.",
        [ex("17", 17)],
    ),
    (
        "No one expected one of the generals to resign, and one another's allies stayed.",
        [ex("one", 1)],
    ),
    (
        "Someone said none of the 12 crew were hurt.",
        [ex("12", 12)],
    ),
    (
        "The bill costs £400,000 a year, or Rs 500 crore across ten years.",
        [ex("£400,000", 400000), ex("Rs 500 crore", 5000000000), ex("ten", 10)],
    ),
    (
        "A 32B budget, a 10k bonus and 2.5 trillion won in loans.",
        [ex("32B", 32000000000), ex("10k", 10000), ex("2.5 trillion", 2500000000000)],
    ),
    (
        "Shares rose 5-7% while bonds fell between 2 and 3 percent.",
        [("5-7%", None, 5, 7), ("between 2 and 3 percent", None, 2, 3)],
    ),
    (
        "The 1990s saw 5G masts and 155mm shells but only 4 new bridges.",
        [ex("4", 4)],
    ),
    (
        "They carried 2,000 pounds of explosives and 300 pounds in cash.",
        [ex("2,000", 2000), ex("300 pounds", 300)],
    ),
    (
        f"The convoy had 1{THIN}500 trucks and 2{NBSP}000 drivers, but 1 500 is two numbers.",
        [
            ex(f"1{THIN}500", 1500), ex(f"2{NBSP}000", 2000),
            ex("1", 1), ex("500", 500), ex("two", 2),
        ],
    ),
    (
        "Inflation hit 9.1%, its highest since 1981, against a target of 2%.",
        [ex("9.1%", 9.1), ex("1981", 1981), ex("2%", 2)],
    ),
    (
        "Visit https://example.org/2022/05/report-7 or write to desk2@example.org for 3 copies.",
        [ex("3", 3)],
    ),
    (
        "The twenty-first century began with two thirds of the budget spent and one-third saved.",
        [],
    ),
    (
        "The army has 5,000 or more drones and 300-odd launchers.",
        [("5,000 or more", 5000, 5000, None), ("300-odd", 300, 270, 330)],
    ),
    (
        "A one-off grant of $2,500 goes to each of the 40 families.",
        [ex("$2,500", 2500), ex("40", 40)],
    ),
    (
        "Millions of dollars vanished and thousands of pounds were seized.",
        [
            ("Millions of dollars", None, 10**6, 10**7 - 1),
            ("thousands of pounds", None, 1000, 9999),
        ],
    ),
    (
        "He served 24/7 during the 9/11 anniversary and drove 1/3 of the route at 7.30 p.m.",
        [],
    ),
    (
        "Scores 22,24,26 and 1,3 are malformed but 1,300 is fine.",
        [ex("1,300", 1300)],
    ),
    (
        "Serial 1111-2222-3333 belongs to unit #4 in Ward 0143.",
        [],
    ),
    (
        "People over 18 and under 65 may vote; more than 100 were turned away and fewer "
        "than 50 let in.",
        [
            ("over 18 and under 65", None, 18, 65), ("more than 100", 100, 100, None),
            ("fewer than 50", 50, None, 50),
        ],
    ),
    (
        "More than 40 and less than 10 are two bounds, as are under 18, over 65.",
        [
            ("More than 40", 40, 40, None), ("less than 10", 10, None, 10), ex("two", 2),
            ("under 18", 18, None, 18), ("over 65", 65, 65, None),
        ],
    ),
    (
        # a suffix bound is not read where a number follows it
        "His score is 200 or greater than 190, or equal to 5000 or less than 6000.",
        [
            ex("200", 200), ("greater than 190", 190, 190, None), ex("5000", 5000),
            ("less than 6000", 6000, None, 6000),
        ],
    ),
    (
        "More than 5,000 or equal to 6,000 came, and 20 dead and more missing.",
        [("More than 5,000", 5000, 5000, None), ex("6,000", 6000), ex("20", 20)],
    ),
    (
        "Residents aged 65 and over are at risk; 5 and over 10 is not a bound.",
        [("65 and over", 65, 65, None), ex("5", 5), ("over 10", 10, 10, None)],
    ),
    (
        "He had 2 million 300 people and 2 million and 300 others, and 3 hundred and 21.",
        [
            ex("2 million", 2000000), ex("300", 300), ex("2 million", 2000000),
            ex("300", 300), ex("3 hundred and 21", 321),
        ],
    ),
    (
        "Between 3 hundred and 4 hundred staff and 3 hundred and 2 hundred more.",
        [("Between 3 hundred and 4 hundred", None, 300, 400), ex("3 hundred", 300),
         ex("2 hundred", 200)],
    ),
    (
        "Turnout was more than 10 and",  # a link at the very end
        [("more than 10", 10, 10, None)],
    ),
    (
        "In 2020 dozens of people died; on day 12 dozens of bodies were found.",
        [
            ex("2020", 2020), ("dozens", None, 24, 99), ex("12", 12),
            ("dozens", None, 24, 99),
        ],
    ),
    (
        # Continental thousands only where the dots end in ".000"; a sentence full stop
        # after the number is not a group.
        "Fuel cost €1.899 a litre, and a home will soon pay €3.000 for 1.000 cubic metres.",
        [ex("€1.899", 1.899), ex("€3.000", 3000), ex("1.000", 1000)],
    ),
    (
        "The vote was 52 - 48 and the score 1 - 2 after 1,000 - 5,000 fans came.",
        [ex("52", 52), ex("48", 48), ex("1", 1), ex("2", 2), ex("1,000", 1000),
         ex("5,000", 5000)],
    ),
]


@pytest.mark.parametrize(("sentence", "expected"), SCAN_ROWS)
def test_scan_numbers(sentence, expected):
    found = [(m.text, m.value, m.low, m.high) for m in scan_numbers(sentence)]
    assert found == expected


SCAN_NOTHING = [
    "The talks resumed on Monday after a short pause.",
    "Someone, anyone, none of them: nobody answered.",
    "Oneself is a pronoun, and so is no one.",
    "The one who called was a second witness, not the first.",
    "Which one do you prefer, this one or that one?",
    "They helped one another.",
    "A spokesman and an aide spoke.",
    "It happened at 1:40 PM and again at 0:01:02 on the tape.",
    "The timestamp 2022-01-26T09:03:43Z appears in the log.",
    "Meet at 9am or 10 p.m. or 5 o'clock.",
    "The G7, the G20 and the P5 met.",
    "The MH17 and A320 crashes were investigated.",
    "Minsk-2, COVID-19, F-16, Su-25, T-72B3 and S-400.",
    "Python 3.8.0 and 192.168.1.2 and 26.01.2022.",
    "Release 2.000.1 replaced 1.000.25 last week.",  # versions, not thousands groups
    "Dial +44 20 7946 0958 now.",
    "The compact date 20211202 is not a count.",
    "The 21st, 22nd and 23rd regiments and the 100th day.",
    "The 1990s and the '80s.",
    "A 4-3 win in the 2014-15 season.",
    "Half of them came, and a quarter of the rest.",
    "He was a third wheel and came second.",
    "Hundred Years' War and Thousand Oaks.",
    "The formula 1.1^23 and 1e10 and 12.32e+14.",
    "See #1 and item 555-0143.",
    "The score in the test was three-quarters and a one-on-one ended one-sided.",
    "The company exceeded expectations and surpassed its rivals.",
    "They were equal to or more than their rivals, at least or equal to them.",
    "Hundred-year floods and a Doz of dz.",
]


@pytest.mark.parametrize("sentence", SCAN_NOTHING)
def test_scan_numbers_finds_nothing(sentence):
    assert scan_numbers(sentence) == []


SPAN_SENTENCES = [row[0] for row in SCAN_ROWS] + [
    "About 5,000-7,000 soldiers, $5-7 billion and between $5m and $7m were involved.",
    "Tens of thousands of dollars, several million euros and a few thousand rupees.",
    "  Leading space, then 1.5 billion euros and 12 per cent.  ",
]


@pytest.mark.parametrize("sentence", SPAN_SENTENCES)
def test_scan_spans_are_ordered_and_exact(sentence):
    mentions = scan_numbers(sentence)
    last_end = 0
    for mention in mentions:
        assert isinstance(mention, NumberMention)
        assert mention.text == sentence[mention.start:mention.end]
        assert mention.text == mention.text.strip()
        assert mention.start >= last_end
        last_end = mention.end
        assert mention.qualifier in QUALIFIERS
        if mention.low is not None and mention.high is not None:
            assert mention.low <= mention.high
        if mention.value is not None:
            assert (mention.low is None or mention.low <= mention.value)
            assert (mention.high is None or mention.value <= mention.high)
        else:
            assert mention.qualifier in ("range", "vague")


def test_each_mention_reads_back():
    """A mention's own text is a number phrase with the same reading."""
    sentence = (
        "More than 100,000 fled, nearly 2,000 homes burned, $1.2bn was pledged, "
        "between 5,000 and 7,000 troops moved and tens of thousands protested."
    )
    for mention in scan_numbers(sentence):
        again = read_number(mention.text)
        assert again is not None
        assert (again.value, again.low, again.high, again.qualifier, again.currency) == (
            mention.value, mention.low, mention.high, mention.qualifier, mention.currency,
        )


PIECES = [
    "5", "5,000", "1.5", "2014", "0143", "3.8.0", "12:30", "-", "–", "to", "and", "between",
    "from", "a", "an", "one", "two", "twenty", "hundred", "thousand", "million", "dozen",
    "half", "quarter", "of", "and a half", "thousands", "tens", "more than", "about", "up to",
    "or more", "+", "%", "percent", "$", "€", "US", "USD", "dollars", "pounds", "k", "bn", "m",
    "first", "thirds", "F", "G7", "year", "old", "the", "no", ",", ".", "/", "#", "(", ")",
    "\u2009", " ", "  ",
    "less than", "or equal to", "and over", "and more", "~", "dozens", "crore", "hundred and",
]


@settings(max_examples=300, deadline=None, derandomize=True)
@given(
    st.lists(st.sampled_from(PIECES), max_size=14),
    st.lists(st.booleans(), min_size=14, max_size=14),
)
def test_scan_never_breaks_its_contract(pieces, spaces):
    text = "".join(piece + (" " if space else "") for piece, space in zip(pieces, spaces))
    last_end = 0
    for mention in scan_numbers(text):
        assert mention.text == text[mention.start:mention.end]
        assert mention.start >= last_end and mention.end > mention.start
        last_end = mention.end
        assert mention.qualifier in QUALIFIERS
        if mention.low is not None and mention.high is not None:
            assert mention.low <= mention.high


def test_mention_is_frozen():
    mention = read_number("8,500")
    with pytest.raises(AttributeError):
        mention.value = 1  # type: ignore[misc]


def test_standard_library_only():
    tree = ast.parse(Path(numbers.__file__).read_text(encoding="utf-8"))
    imported = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            imported |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.level == 0:
            imported.add((node.module or "").split(".")[0])
    assert imported <= set(sys.stdlib_module_names), imported - set(sys.stdlib_module_names)
