"""Find and read number phrases in English news text (standard library only).

``scan_numbers(text)`` returns every maximal number phrase, in order and without
overlaps; ``read_number(phrase)`` reads a phrase that must be exactly one number
phrase. A :class:`NumberMention` gives the number as written (``value``) and the
interval the wording allows (``low``/``high``, None = unbounded), with the
qualifier, currency and percent sign folded into one span::

    "more than $1.2bn"        value 1.2e9, low 1.2e9, high None, more_than, USD
    "10 to 15 million"        value None, low 1e7, high 1.5e7, range
    "tens of thousands"       value None, low 10,000, high 99,999, vague

How the phrase is read, where English is open:

* Digits are read English style: "," groups thousands (only well-formed groups:
  "1,3" and "22,24,26" give nothing; groups split by ", " are one number when there are
  three or more, every later group has three digits, no month comes before and no
  "and"/"or" + number after, and, when no group is written tight, a word comes right
  before: "8, 794,726", "was 93, 469, 008"; "1, 234, 567" alone is a list), "." is a decimal point ("8.500" is 8.5, "$3.539"
  is 3.539) except in continental groups ending in ".000" ("€2.000", "1.000",
  "1.250.000"): nobody writes 2 as "2.000", so there the dots group thousands. Other
  continental groups stay decimals ("€1.500" is 1.5): a price to three decimals is as
  likely as a thousands separator there, and the English reading is the default. A
  thin, narrow or non-breaking space groups thousands ("1<U+2009>500") but an
  ordinary space never does ("1 500" is two numbers); ".25" is 0.25. Integers with a leading
  zero ("0143") and unseparated integers of ten or more digits are codes, not numbers.
* Scales: words "hundred" ... "trillion", "bn", "bln", "mn", "mln", "tn", "lakh",
  "crore", "dozen", "dz", "doz" (spaced or hyphenated, "$10-million"; stacked, "5 lakh
  crore"; "3 dozens" after a whole number below 100 and not before "of"), and letters
  glued to the
  digits: k/K, m/M/mn/MM, b/B/bn/bln, tn/T ("10k", "€3m", "32B"). A glued "m" is
  always million, never metres. Values are computed exactly (Decimal) and returned as
  ``int`` when integral ("1.5 million" -> 1500000), otherwise ``float``. Scaled digits
  take smaller scaled groups after them ("1 million 200 thousand", "4 thousand 3
  hundred and 21", "6 crore and two hundred"); a bare number continues only "hundred
  and" ("3 hundred and 21"), so "2 million 300 people" is two numbers.
* Number words: "eight", "twenty-five", "fifty - two", "a hundred", "hundred thousand",
  "one hundred and twenty", "fifteen hundred", "two dozen", "three dozens", "half a
  million", "a quarter of a million", "one and a half million", "two and a half",
  "three and one half", "a million and a half", "one billion and a half million",
  "three lakh crore", "a thousand million". "a"/"an" count only before a multiplier
  ("a dozen", "a million"); a bare "hundred" only before a larger scale. Fractions ("two thirds", "one-third") and
  ordinals ("second", "21st", "twenty-first") are never returned.
* "one" is returned as 1, also in "one of the ..." (callers read the noun); it is
  dropped only where it is plainly a pronoun: after "no", "the", "this", "that",
  "which", "each", "every", "any", "little", "loved", "other", "such" (``_ONE_PREV``),
  before "another", and in compounds such as "one-off", "one-sided", "one-on-one".
* Vague magnitudes follow "Xs = [X, 10X - 1]": "hundreds" 100-999, "thousands"
  1,000-9,999, "millions" 1e6-(1e7 - 1), "tens of thousands" 10,000-99,999,
  "hundreds of thousands" 100,000-999,999, "tens of" 10-99. "dozens" is 24-99: at
  least two dozen, and writers switch to "hundreds" past 99. "scores of" is 40-99
  (at least two score; "scores" without "of" is too often a noun). "several N" is
  [3N, 10N - 1], "a few N" [2N, 10N - 1]. ``value`` is None and qualifier "vague";
  "thousands of dollars" takes the currency.
* Qualifiers (in the span): more_than (more than, over, above, in excess of,
  upwards of, exceeded, surpassed, ...) and at_least (at least, no fewer than, a
  minimum of, "greater or equal than", "or more", "and over", "5,000+", "5,000-plus")
  give [value, None]; less_than (fewer than, less than, under, below) and at_most (up
  to, as many as, a maximum of, at most, no more than, "smaller or equal than", "or
  fewer", "and under") give [None, value]. "more than 10 or equal (to it)" is
  at_least. A suffix is not read where a number follows ("5,000 or less than 6,000":
  two phrases), and "and more"/"and less" only at the end of a clause or before a
  preposition ("20 dead and more missing" is 20). A bound after the number wins over
  "about" ("about 500 or more" is at_least 500). The open side of a bound is None,
  not 0, because the module does not know the quantity (counts, money and percentages
  alike) and Figure uses None for an open bound. nearly (nearly, almost, close to, just under) gives
  [0.9 v, v]; approx (about, around, roughly, approximately, (an) estimated, some,
  approx., circa, closer to, "or so", "-odd") gives [0.9 v, 1.1 v]. For integral values the
  lower bound is floored and the upper ceiled, so bounds stay integers. Bounds do
  not say whether they are open or closed.
* Ranges: "between A and B", "from A to B", "A to B", "A through B", "A-B" (hyphen
  with no spaces), "A–B" / "A – B" (en dash), "A~B" give qualifier "range", value None;
  "A - B" (spaced hyphen) is two numbers. A scale or currency written once is
  shared ("10 to 15 million", "$5-7bn", "5-7%"): the scale of B applies to A when
  A has none and A < B as written. A qualifier before a range stays in the span
  ("about 5,000-7,000") but the range wins. "from A to B" is
  reported as a range even when the text means a change ("rose from A to B"); a
  "to"/"between" pair with A >= B is not a range and gives two numbers. A hyphen
  pair with A >= B is a score or a season ("4-3", "2014-15") and gives nothing.
  "A or B" is not a range. A lower and an upper bound joined by "and", "but" or a
  comma make one range when lower < upper ("more than 10 and less than 20", "at most
  100 and at least 20", "over 18 and under 65": low 10, high 20 and so on; openness is
  not kept); otherwise they stay two mentions ("more than 40 and less than 10").
* Not numbers: clock times and timestamps, ISO and compact dates ("2022-01-26",
  "20211202"), slashed dates and fractions ("9/11", "24/7"), versions and addresses
  ("3.8.0"), phone numbers, URLs and e-mail addresses, digits glued to letters
  ("G7", "MH17", "5G", "155mm", "1990s", "1st"), digits hyphen-joined after a word
  ("F-16", "Minsk-2", "COVID-19"; "mid-2020", "pre-2014" excepted), "#1", "1.1^23",
  hyphen chains ("1111-2222-3333"), malformed groupings ("1,3", "22,24,26").
  Negative numbers are not read: a "-" before digits is a dash.
* Years are returned; ``looks_like_year`` marks a bare 4-digit integer 1800-2100
  (no separators, qualifier, currency, percent, scale or words), and a range whose
  two ends are such years ("2014-2016", "from 2014 to 2016").
* ``adjective`` is True when the phrase is hyphen-joined to a following word
  ("two-day", "30-year-old", "a 5,000-strong force").
* Currency from symbols ($ USD, € EUR, £ GBP, ¥ JPY, ₽ RUB, ₴ UAH, ₹ INR, US$,
  C$, A$, HK$, NZD$ ...), upper-case ISO codes before or after ("USD 5", "5bn EUR"),
  "Rs" and words after the number (dollars, euros, pounds, roubles, hryvnias, yen,
  yuan, rupees ...). "¥" is read as JPY; "pounds of" is weight, not money; pence
  and cents are not currencies here.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_CEILING, ROUND_FLOOR, Decimal
import re
from typing import Generic, TypeVar

__all__ = ["NumberMention", "read_number", "scan_numbers"]


@dataclass(frozen=True, slots=True)
class NumberMention:
    """One number phrase; ``start``/``end`` are offsets into the scanned text."""

    start: int
    end: int
    text: str
    value: int | float | None
    low: int | float | None
    high: int | float | None
    qualifier: str
    currency: str | None
    percent: bool
    spelled: bool
    looks_like_year: bool = False
    adjective: bool = False


# --------------------------------------------------------------------------- tables

_UNITS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5,
    "six": 6, "seven": 7, "eight": 8, "nine": 9,
}
_TEENS = {
    "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
}
_TENS = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50,
    "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
}
_WORD_SCALES = {
    "thousand": 10**3, "lakh": 10**5, "lakhs": 10**5, "million": 10**6, "crore": 10**7,
    "crores": 10**7, "billion": 10**9, "trillion": 10**12,
}
# "dozen" and its abbreviations (lower case, after a number: "3 dz", "five dozs");
# "dozens" only after a number ("three dozens").
_DOZEN_ABBREVIATIONS = {"dz", "dzs", "doz", "dozs"}
_DOZENS = {"dozen", "dozens"} | _DOZEN_ABBREVIATIONS
_PARTS = {"half": Decimal("0.5"), "quarter": Decimal("0.25")}

# Scale words after digits, spaced or hyphenated ("31 million", "$10-million").
_SPACED_SCALES = {
    "hundred": 100, "dozen": 12, "thousand": 10**3, "lakh": 10**5, "lakhs": 10**5,
    "million": 10**6, "mn": 10**6, "mln": 10**6, "mil": 10**6, "crore": 10**7, "crores": 10**7,
    "billion": 10**9, "bn": 10**9, "bln": 10**9,
    "trillion": 10**12, "tn": 10**12, "trn": 10**12, "tln": 10**12,
}
# Letters glued to digits ("10k", "€3m", "32B"); case-sensitive.
_GLUED_SCALES = {
    "k": 10**3, "K": 10**3,
    "m": 10**6, "M": 10**6, "mn": 10**6, "mln": 10**6, "MM": 10**6, "mil": 10**6,
    "b": 10**9, "B": 10**9, "bn": 10**9, "Bn": 10**9, "BN": 10**9, "bln": 10**9,
    "tn": 10**12, "trn": 10**12, "T": 10**12,
    # scale words written against the digits ("14million")
    "thousand": 10**3, "million": 10**6, "billion": 10**9, "trillion": 10**12,
}

_ORDINAL_UNITS = {
    "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth",
}
_ORDINALS = _ORDINAL_UNITS | {
    "tenth", "eleventh", "twelfth", "thirteenth", "fourteenth", "fifteenth", "sixteenth",
    "seventeenth", "eighteenth", "nineteenth", "twentieth", "thirtieth", "fortieth",
    "fiftieth", "sixtieth", "seventieth", "eightieth", "ninetieth", "hundredth",
    "thousandth", "millionth", "billionth", "trillionth",
}
# Plural denominators that make a spelled number a fraction even across a space
# ("two thirds"); "quarters" and "seconds" are left out (fiscal quarters, time).
_SPACED_FRACTIONS = {
    "thirds", "fourths", "fifths", "sixths", "sevenths", "eighths", "ninths", "tenths",
    "twelfths", "twentieths", "hundredths", "thousandths", "millionths", "halves",
}
# After a hyphen every ordinal or denominator is a fraction or ordinal ("one-third",
# "twenty-first", "three-quarters").
_HYPHEN_FRACTIONS = _ORDINALS | _SPACED_FRACTIONS | {
    "seconds", "quarter", "quarters", "half", "firsts",
}
_ONE_PREV = {
    "no", "the", "this", "that", "which", "each", "every", "any", "little", "loved",
    "other", "such", "whichever", "another", "someone",
}
_ONE_COMPOUNDS = {
    "off", "sided", "on", "liner", "liners", "stop", "upmanship", "time", "way", "size",
}
_HYPHEN_PREFIXES = {"mid", "pre", "post", "early", "late"}
# Symbols that make glued digits part of a code, a formula or a list.
_GLUE_BEFORE = frozenset("#№^/:")
_GLUE_AFTER = frozenset("^/:")
_ZEROS = {"zero", "nought", "naught"}

_HYPHENS = frozenset("-\u2010\u2011")
_RANGE_WORDS = {"to", "through", "thru"}
_EN_DASHES = frozenset("\u2013\u2012")

_MORE_WORDS = ("more", "greater", "larger", "bigger", "higher")
_LESS_WORDS = ("less", "fewer", "smaller", "lower")


def _or_equal(words: tuple[str, ...]) -> tuple[str, ...]:
    """"greater than or equal to", "greater or equal than", "equal to or greater than" ..."""
    return tuple(
        form
        for word in words
        for form in (
            f"{word} than or equal to", f"{word} than or equal", f"{word} or equal to",
            f"{word} or equal than", f"equal to or {word} than",
        )
    )


_QUALIFIER_PHRASES: dict[str, tuple[str, ...]] = {
    "more_than": (
        "more than", "over", "above", "in excess of", "upwards of", "upward of",
        "greater than", "well over", "well above", "just over", "just above",
        "slightly more than", "a little more than", "well in excess of", "far more than",
        "much more than", "exceeding", "larger than", "higher than", "bigger than", ">",
        "exceed", "exceeds", "exceeded", "surpass", "surpasses", "surpassed", "surpassing",
    ),
    "at_least": (
        "at least", "no fewer than", "no less than", "not fewer than", "not less than",
        "a minimum of", "at a minimum", "at least or equal to", "≥", ">=",
    ) + _or_equal(_MORE_WORDS),
    "nearly": (
        "nearly", "almost", "close to", "just under", "just below", "just short of",
        "just shy of", "slightly less than", "slightly fewer than",
    ),
    "approx": (
        "about", "around", "roughly", "approximately", "an estimated", "estimated",
        "some", "approx", "approx .", "circa", "~", "≈", "in the region of", "closer to",
        "in the order of", "on the order of",
    ),
    "at_most": (
        "up to", "as many as", "a maximum of", "at most", "at the most", "no more than",
        "not more than", "as much as", "as high as", "at most or equal to", "≤", "<=",
    ) + _or_equal(_LESS_WORDS),
    "less_than": ("fewer than", "less than", "under", "below", "lower than", "smaller than", "<"),
}
_SUFFIX_QUALIFIERS = {
    ("or", "more"): "at_least", ("or", "greater"): "at_least", ("or", "above"): "at_least",
    ("or", "over"): "at_least", ("or", "older"): "at_least", ("or", "so"): "approx",
    ("or", "fewer"): "at_most", ("or", "less"): "at_most", ("or", "below"): "at_most",
    ("or", "under"): "at_most", ("or", "younger"): "at_most",
    ("and", "more"): "at_least", ("and", "above"): "at_least", ("and", "over"): "at_least",
    ("and", "older"): "at_least",
    ("and", "fewer"): "at_most", ("and", "less"): "at_most", ("and", "below"): "at_most",
    ("and", "under"): "at_most", ("and", "younger"): "at_most",
}
# "20 and more" is a bound only where nothing else could make "more" a determiner
# ("20 dead and more missing"): at the end, before punctuation or one of these words.
_AND_MORE_NEXT = {
    "in", "of", "on", "at", "for", "from", "per", "across", "among", "with", "who", "which",
    "that",
}
# "more than 10 or equal to it" turns a strict bound into an inclusive one.
_OR_EQUAL = {"more_than": "at_least", "less_than": "at_most"}
_TIGHT_SUFFIX_QUALIFIERS = {("+",): "at_least", ("-", "plus"): "at_least", ("-", "odd"): "approx"}

_PERCENT_PHRASES = (
    "%", "percent", "per cent", "pct", "percentage point", "percentage points",
    "percentage-point", "percentage-points",
)

# ISO codes (upper case only, before or after the number).
_ISO_CODES = {
    code: code for code in (
        "USD", "EUR", "GBP", "RUB", "UAH", "JPY", "CNY", "INR", "CHF", "CAD", "AUD", "NZD",
        "HKD", "SGD", "PLN", "TRY", "KRW", "ILS", "ZAR", "SAR", "AED", "SEK", "NOK", "DKK",
        "BRL", "MXN", "BYN", "KZT", "GEL", "CZK", "HUF", "RON", "IRR", "PKR",
    )
} | {"RMB": "CNY"}
_CURRENCY_SYMBOLS = {
    "$": "USD", "€": "EUR", "£": "GBP", "¥": "JPY", "₽": "RUB", "₴": "UAH", "₹": "INR",
    "₩": "KRW", "₺": "TRY", "₪": "ILS", "₸": "KZT", "₾": "GEL",
}
# Letter prefixes written against "$" ("US$", "C$", "HK$"); the pair must be tight.
_DOLLAR_PREFIXES = {
    "US": "USD", "U.S.": "USD", "C": "CAD", "CA": "CAD", "CAN": "CAD", "A": "AUD", "AU": "AUD",
    "HK": "HKD", "NZ": "NZD", "S": "SGD", "SG": "SGD", "R": "BRL", "MX": "MXN", "Mex": "MXN",
}
_CURRENCY_WORDS = {
    "dollars": "USD", "dollar": "USD", "us dollars": "USD", "us dollar": "USD",
    "american dollars": "USD", "canadian dollars": "CAD", "australian dollars": "AUD",
    "hong kong dollars": "HKD", "new zealand dollars": "NZD", "singapore dollars": "SGD",
    "euros": "EUR", "euro": "EUR", "pounds": "GBP", "pounds sterling": "GBP",
    "sterling": "GBP", "british pounds": "GBP",
    "roubles": "RUB", "rubles": "RUB", "rouble": "RUB", "ruble": "RUB",
    "russian roubles": "RUB", "russian rubles": "RUB",
    "hryvnias": "UAH", "hryvnia": "UAH", "hryvnas": "UAH", "hryvna": "UAH", "hryvnyas": "UAH",
    "hryvnya": "UAH", "yen": "JPY", "japanese yen": "JPY", "yuan": "CNY", "renminbi": "CNY",
    "chinese yuan": "CNY", "rupees": "INR", "rupee": "INR", "indian rupees": "INR",
    "swiss francs": "CHF", "zloty": "PLN", "zlotys": "PLN", "zlotych": "PLN",
    "shekels": "ILS", "shekel": "ILS", "rand": "ZAR", "riyals": "SAR", "dirhams": "AED",
    "lari": "GEL", "tenge": "KZT", "turkish lira": "TRY", "liras": "TRY",
}

_VAGUE_PHRASES: dict[str, tuple[int, int]] = {
    "tens of thousands": (10**4, 10**5 - 1),
    "hundreds of thousands": (10**5, 10**6 - 1),
    "tens of millions": (10**7, 10**8 - 1),
    "hundreds of millions": (10**8, 10**9 - 1),
    "tens of billions": (10**10, 10**11 - 1),
    "hundreds of billions": (10**11, 10**12 - 1),
    "hundreds": (100, 999),
    "thousands": (10**3, 10**4 - 1),
    "millions": (10**6, 10**7 - 1),
    "billions": (10**9, 10**10 - 1),
    "trillions": (10**12, 10**13 - 1),
    "dozens": (24, 99),
}
# Vague words that count only before "of" ("scores of people", "tens of soldiers").
_VAGUE_BEFORE_OF = {"scores": (40, 99), "tens": (10, 99)}
_VAGUE_DETERMINERS = {"several": 3, "a few": 2}
_VAGUE_MULTIPLIERS = {
    "dozen": 12, "hundred": 100, "thousand": 10**3, "million": 10**6, "billion": 10**9,
}

# ---------------------------------------------------------------------- tokenizer

# Continental thousands groups that end in ".000" ("€2.000", "1.250.000"); see the
# module docstring for why only these.
_DOT_THOUSANDS = r"(?<![\d.,])[1-9]\d{0,2}(?:\.\d{3})*\.000(?!\d|[.,]\d)"
_DOT_THOUSANDS_RE = re.compile(_DOT_THOUSANDS)

_TOKEN_RE = re.compile(
    r"(?P<word>[^\W\d_]+(?:['’][^\W\d_]+)*)"
    r"|(?P<num>"
    r"\d{1,3}(?:,\d{3})+(?:\.\d+)?(?!\d)"  # 1,234,567.89
    r"|\d{1,3}(?:[\u00a0\u2007\u2009\u202f]\d{3})+(?:\.\d+)?(?!\d)"  # 1 500 (thin/nbsp)
    rf"|{_DOT_THOUSANDS}"  # €2.000, 1.250.000
    r"|\d+(?:\.\d+)?"
    r"|(?<![\w.,])\.\d+(?![\d.])"  # .25
    r")"
    r"|(?P<sym>\S)"
)
_SEPARATORS_RE = re.compile(r"[,\u00a0\u2007\u2009\u202f]")

# Stretches whose digits are never figures.
_LINK_RE = re.compile(r"(?:https?://|www\.)\S+|[\w.+-]+@[\w-]+\.[\w.-]+", re.I)  # URLs, e-mail
_NOISE_RE = re.compile(
    r"""
    (?=[\d+(])  # every alternative starts with a digit, "+" or "(": fail fast elsewhere
    (?:
      (?<![\w+])\+\d{1,3}(?:[\ .\-]?\(?\d{1,4}\)?){2,5}(?!\d)      # +1 202 555 0143
    | \(\d{2,4}\)\s?\d{3}[\s.\-]?\d{3,4}(?!\d)                     # (202) 555-0143
    | (?<![\d,.])\d{3}[.\-]\d{3}[.\-]\d{4}(?!\d)                   # 202-555-0143
    | (?<![\d,.])\d{4}-\d{1,2}-\d{1,2}(?:T[\d:.]+(?:Z|[+\-]\d{2}:?\d{2})?)?(?!\d)  # ISO
    | (?<![\d,.])\d{1,2}-\d{1,2}-\d{4}(?!\d)                       # 26-01-2022
    | (?<![\d,.])(?![1-9]\d{0,2}(?:\.\d{3})*\.000(?!\d|[.,]\d))       # not 1.250.000 (_DOT_THOUSANDS)
      \d+(?:\.\d+){2,}                                            # 3.8.0, 26.01.2022, IPs
    | (?<![\d,])\d+(?:/\d+)+                                       # 9/11, 24/7, 1/2/2022
    | (?<![\d,])\d+(?::\d+)+(?:[.,]\d+)?(?:\s?[ap]\.?m\b\.?)?        # 09:03:43, 1:40 PM
    | (?<![\d,.])\d{1,2}(?:\.\d{2})?\s?(?:[ap]\.m\.?|[ap]m\b)       # 9am, 7.30 p.m.
    | (?<![\d,.])\d{1,2}\s?o['’]clock
    | (?<![\d,.])\d{4}\s?(?:GMT|UTC)\b                             # 0900 GMT
    | (?<![\d,.])(?:18|19|20)\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])(?!\d)  # 20211202
    )
    """,
    re.X | re.I,
)

_NUM, _WORD, _SYM = "num", "word", "sym"


@dataclass(slots=True)
class _Tok:
    kind: str
    text: str
    low: str
    start: int
    end: int
    gap: bool  # whitespace between the previous token and this one
    blocked: bool = False  # inside a date, time, phone number, URL ...
    num: Decimal | None = None  # digits: the value, None when not a readable number
    plain: bool = False  # digits only: no separators, no decimals


def _read_digits(raw: str) -> tuple[Decimal | None, bool]:
    if _DOT_THOUSANDS_RE.fullmatch(raw):
        return Decimal(raw.replace(".", "")), False  # "2.000": continental grouping
    clean = _SEPARATORS_RE.sub("", raw)
    grouped = clean != raw
    if "." not in clean:
        if len(clean) > 1 and clean[0] == "0":
            return None, False  # "0143", "007": a code
        if not grouped and len(clean) >= 10:
            return None, False  # phone numbers, identifiers
    return Decimal(clean), not grouped and "." not in clean


_MONTHS = frozenset(
    "january february march april may june july august september october november december "
    "jan feb mar apr jun jul aug sep sept oct nov dec".split()
)
_GROUP_RE = re.compile(r"\d{1,3}(?:,\d{3})*")
_THREE_GROUPS_RE = re.compile(r"\d{3}(?:,\d{3})*")


def _spaced_groups(toks: list[_Tok], i: int) -> int:
    """End of a number whose thousands groups are split by ", " ("8, 794,726", "93, 469,
    008", "24,025, 940"): three groups or more, every later group three digits, not
    after a month ("March 12, 400,000 people") and not a list that ends in "and" or
    "or" ("101, 102, 103 and 104"). Returns ``i`` when there is none."""
    n = len(toks)
    first = toks[i]
    if not _GROUP_RE.fullmatch(first.text) or (i > 0 and toks[i - 1].low.rstrip(".") in _MONTHS):
        return i
    groups, j, spaced = first.text.count(",") + 1, i + 1, False
    while j + 1 < n and toks[j].text == "," and not toks[j].gap and toks[j + 1].kind == _NUM:
        nxt = toks[j + 1]
        if not _THREE_GROUPS_RE.fullmatch(nxt.text) or nxt.text.count(",") > 2:
            break
        if nxt.gap:
            if nxt.start - toks[j].end != 1:
                break
            spaced = True
        groups += nxt.text.count(",") + 1
        j += 2
    if not spaced or groups < 3:
        return i
    tight = "," in first.text or any(
        "," in toks[k].text or not toks[k].gap for k in range(i + 2, j, 2)
    )
    if not tight and not (i > 0 and toks[i - 1].kind == _WORD):
        return i  # "1, 234, 567" on its own is a list; "was 93, 469, 008" is a number
    after = j + 1 if j < n and toks[j].text == "," else j
    if after < n and toks[after].low in ("and", "or") and after + 1 < n and toks[after + 1].kind == _NUM:
        return i
    return j


def _merge_spaced_groups(text: str, toks: list[_Tok]) -> list[_Tok]:
    merged: list[_Tok] = []
    i = 0
    while i < len(toks):
        tok = toks[i]
        end = _spaced_groups(toks, i) if tok.kind == _NUM and not tok.blocked else i
        if end > i + 1:
            last = toks[end - 1]
            raw = text[tok.start : last.end]
            digits = re.sub(r"\D", "", raw)
            merged.append(_Tok(_NUM, raw, raw.lower(), tok.start, last.end, tok.gap, num=Decimal(digits)))
            i = end
        else:
            merged.append(tok)
            i += 1
    return merged


def _tokenize(text: str) -> list[_Tok]:
    noise = [m.span() for m in _NOISE_RE.finditer(text)]
    if "@" in text or "www." in text or "://" in text:
        noise = sorted(noise + [m.span() for m in _LINK_RE.finditer(text)])
    toks: list[_Tok] = []
    append = toks.append
    prev_end = -1
    k, n_noise = 0, len(noise)
    for m in _TOKEN_RE.finditer(text):
        start, end = m.span()
        kind = m.lastgroup or _SYM
        word = m.group()
        tok = _Tok(kind, word, word.lower(), start, end, start != prev_end)
        if n_noise:
            while k < n_noise and noise[k][1] <= start:
                k += 1
            tok.blocked = k < n_noise and noise[k][0] < end
        if kind == _NUM:
            tok.num, tok.plain = _read_digits(word)
        append(tok)
        prev_end = end
    if ", " in text:
        toks = _merge_spaced_groups(text, toks)
    return toks


_V = TypeVar("_V")


class _Phrases(Generic[_V]):
    """Multi-token phrases keyed by their first token; longest match wins."""

    __slots__ = ("cased", "tight", "attached", "by_first")

    def __init__(self, entries: dict[tuple[str, ...], _V], *, cased: bool = False,
                 tight: bool = False, attached: bool = False) -> None:
        self.cased = cased
        self.tight = tight  # no whitespace inside the phrase
        self.attached = attached  # ... nor before it
        self.by_first: dict[str, list[tuple[tuple[str, ...], _V]]] = {}
        for key, value in entries.items():
            self.by_first.setdefault(key[0], []).append((key, value))
        for options in self.by_first.values():
            options.sort(key=lambda option: -len(option[0]))

    def match(self, toks: list[_Tok], i: int) -> tuple[_V, int] | None:
        if i >= len(toks):
            return None
        first = toks[i]
        options = self.by_first.get(first.text if self.cased else first.low)
        if not options or (self.attached and first.gap):
            return None
        for key, value in options:
            end = i + len(key)
            if end > len(toks):
                continue
            for offset in range(1, len(key)):
                tok = toks[i + offset]
                if (tok.text if self.cased else tok.low) != key[offset] or (self.tight and tok.gap):
                    break
            else:
                return value, end
        return None

    def first_words(self) -> set[str]:
        return set(self.by_first)


def _phrase_key(phrase: str) -> tuple[str, ...]:
    return tuple(tok.group() for tok in _TOKEN_RE.finditer(phrase))


def _table(entries: dict[str, _V], **options: bool) -> _Phrases[_V]:
    return _Phrases({_phrase_key(key): value for key, value in entries.items()}, **options)


_QUALIFIERS = _table({p: q for q, ps in _QUALIFIER_PHRASES.items() for p in ps})
_SUFFIX_Q = _Phrases(_SUFFIX_QUALIFIERS)
_TIGHT_SUFFIX_Q = _Phrases(_TIGHT_SUFFIX_QUALIFIERS, tight=True, attached=True)
_PERCENT = _table({p: True for p in _PERCENT_PHRASES})
_VAGUE = _table(_VAGUE_PHRASES)
_VAGUE_OF = _table(_VAGUE_BEFORE_OF)
_VAGUE_DET = _table(_VAGUE_DETERMINERS)
_CUR_SYMBOLS = _Phrases({(s,): c for s, c in _CURRENCY_SYMBOLS.items()}, cased=True)
_CUR_CODES = _Phrases({(s,): c for s, c in _ISO_CODES.items()}, cased=True)
_CUR_WORDS = _table(_CURRENCY_WORDS)
_CUR_PREFIX_TIGHT = _Phrases(
    {_phrase_key(p) + ("$",): c for p, c in _DOLLAR_PREFIXES.items()}
    | {(code, "$"): c for code, c in _ISO_CODES.items()}
    | {("Rs", "."): "INR", ("Rs",): "INR", ("RS", "."): "INR"},
    cased=True,
    tight=True,
)
_CUR_GLUED_WORDS = _Phrases({(w,): c for w, c in _CURRENCY_WORDS.items() if " " not in w})
_CUR_PREFIX = _Phrases(
    {(s,): c for s, c in _CURRENCY_SYMBOLS.items()} | {(s,): c for s, c in _ISO_CODES.items()},
    cased=True,
)

_NUMBER_WORDS = set(_UNITS) | set(_TEENS) | set(_TENS) | _ZEROS
_START_WORDS = (
    _NUMBER_WORDS | set(_PARTS) | {"a", "an", "between", "from", "hundred"}
    | _QUALIFIERS.first_words() | _VAGUE.first_words() | _VAGUE_OF.first_words()
    | _VAGUE_DET.first_words() | _CUR_GLUED_WORDS.first_words()
)
_START_CASED = _CUR_PREFIX.first_words() | _CUR_PREFIX_TIGHT.first_words()

# ------------------------------------------------------------------------ parsing


@dataclass(slots=True)
class _Amount:
    """One number with its currency or percent sign, over tokens [i, j)."""

    i: int
    j: int
    raw: Decimal  # as written, before the scale
    scale: int | None
    spelled: bool
    year_like: bool = False
    currency: str | None = None
    currency_before: bool = False
    percent: bool = False

    @property
    def value(self) -> Decimal:
        return self.raw * self.scale if self.scale is not None else self.raw


@dataclass(slots=True)
class _Range:
    i: int
    j: int
    low: Decimal
    high: Decimal
    currency: str | None
    percent: bool
    spelled: bool
    year_like: bool


@dataclass(slots=True)
class _Reject:
    """Tokens up to ``j`` are part of something that is not a figure."""

    j: int


def _tight(toks: list[_Tok], k: int) -> bool:
    """Token k exists and touches the token before it."""
    return k < len(toks) and not toks[k].gap


def _is_hyphen_link(toks: list[_Tok], k: int) -> bool:
    """Token k is a hyphen with no space on either side."""
    return _tight(toks, k) and toks[k].text in _HYPHENS and _tight(toks, k + 1)


def _and_a_half(toks: list[_Tok], j: int) -> bool:
    return (
        j + 2 < len(toks) and toks[j].low == "and" and toks[j + 1].low in ("a", "an")
        and toks[j + 2].low in _PARTS
    )


def _digits(toks: list[_Tok], i: int, glued_ok: bool) -> _Amount | _Reject:
    tok = toks[i]
    n = len(toks)
    if tok.blocked or tok.num is None:
        return _Reject(i + 1)
    if not tok.gap and i > 0 and not glued_ok:
        prev = toks[i - 1]
        if prev.kind == _WORD or prev.text in _GLUE_BEFORE:
            return _Reject(i + 1)  # G7, MH17, #1, 1.1^23
        if i >= 2 and not prev.gap:
            before = toks[i - 2]
            if (prev.text in _HYPHENS or prev.text == "+") and before.kind == _WORD \
                    and before.low not in _HYPHEN_PREFIXES:
                return _Reject(i + 1)  # F-16, Minsk-2, COVID-19, 1e+14
            if prev.text in ",." and before.kind == _NUM:
                return _Reject(i + 1)  # malformed grouping: 1,3 / 22,24,26
    raw = tok.num
    scale: int | None = None
    j = i + 1
    if _tight(toks, j):
        nxt = toks[j]
        if nxt.kind == _WORD:
            if nxt.text in _GLUED_SCALES:
                scale, j = _GLUED_SCALES[nxt.text], j + 1
            elif nxt.text not in _ISO_CODES:
                return _Reject(j + 1)  # 1st, 5G, 155mm, 1990s, 10km
        elif nxt.text in ",." and _tight(toks, j + 1) and toks[j + 1].kind == _NUM:
            return _Reject(j + 2)
        elif nxt.text in _GLUE_AFTER:
            return _Reject(j + 1)
    if scale is None:
        if _and_a_half(toks, j) and raw == raw.to_integral_value():
            raw, j = raw + _PARTS[toks[j + 2].low], j + 3  # "2 and a half"
        last = 0
        while j < n:
            k = j + 1 if _is_hyphen_link(toks, j) else j
            step = _SPACED_SCALES.get(toks[k].low) if toks[k].kind == _WORD else None
            if step is None and last == 0 and (
                _plural_dozen(toks, k, raw) or toks[k].text in _DOZEN_ABBREVIATIONS
            ):
                step = 12  # "3 dozens", "3 dz"; not "in 2020 dozens of people"
            if step is None or step <= last:
                break
            scale, last, j = (scale or 1) * step, step, k + 1
        if scale is not None and _and_a_half(toks, j):
            raw, j = raw + _PARTS[toks[j + 2].low], j + 3  # "3 million and a half"
        elif scale is not None and raw == raw.to_integral_value():
            rest, j_rest = _compound_rest(toks, j, last)
            if j_rest > j:  # "4 thousand 3 hundred and 21", "1 million 200 thousand"
                return _Amount(i, j_rest, raw * scale + rest, None, spelled=False)
    year_like = tok.plain and scale is None and len(tok.text) == 4 and 1800 <= raw <= 2100
    return _Amount(i, j, raw, scale, spelled=False, year_like=year_like)


def _plural_dozen(toks: list[_Tok], k: int, raw: Decimal) -> bool:
    """"dozens" as a multiplier: after a small whole number and not before "of"."""
    return (
        k < len(toks) and toks[k].low == "dozens" and raw == raw.to_integral_value()
        and 0 < raw < 100 and not (k + 1 < len(toks) and toks[k + 1].low == "of")
    )


_COMPOUND_WORDS = {"hundred"} | set(_WORD_SCALES)


def _compound_rest(toks: list[_Tok], j: int, last: int) -> tuple[Decimal, int]:
    """Smaller groups after a scaled number, as in "4 thousand 3 hundred and 21" or
    "6 crore and two hundred": each group is below the scale before it and carries a
    scale word of its own; a bare number continues only "hundred and" ("3 hundred and
    21"). "1 million 200 people" is two numbers."""
    n = len(toks)
    k = j + 1 if j < n and toks[j].low == "and" else j
    if k >= n or not toks[k].gap or toks[k].blocked:
        return Decimal(0), j
    tok = toks[k]
    if tok.kind == _NUM:
        if not tok.plain or not tok.num:
            return Decimal(0), j
        piece = _digits(toks, k, glued_ok=False)
    elif tok.low in _NUMBER_WORDS and tok.low not in _ZEROS:
        piece = _spelled(toks, k)
    else:
        return Decimal(0), j
    if not isinstance(piece, _Amount) or not 0 < piece.value < last:
        return Decimal(0), j
    scaled = any(t.low in _COMPOUND_WORDS for t in toks[k:piece.j])
    if not scaled and not (k > j and last == 100):
        return Decimal(0), j
    if _is_hyphen_link(toks, piece.j):
        return Decimal(0), j  # "3 hundred and 21-year-old"
    return piece.value, piece.j


_COMPLETE = {"unit", "teen", "tens", "hundred", "scale", "dozen", "frac", "final"}
_MULTIPLIER_WORDS = {"hundred"} | set(_WORD_SCALES)
# (end token, value, last state, scales used, last scale)
_Reading = tuple[int, Decimal, str, int, int | None]


def _spelled(toks: list[_Tok], i: int) -> _Amount | _Reject | None:
    n = len(toks)
    first = toks[i]
    if first.blocked:
        return None
    if i >= 2 and not first.gap and toks[i - 1].text in _HYPHENS and not toks[i - 1].gap \
            and toks[i - 2].kind == _WORD:
        return _Reject(i + 1) if first.low in _NUMBER_WORDS else None  # one-on-one
    if first.low in _ZEROS:
        best: _Reading | None = (i + 1, Decimal(0), "unit", 0, None)
    else:
        best = None
        total = group = frac = Decimal(0)
        last: str | None = None
        prev_scale: int | None = None
        scales = 0
        before_and = None  # what was read before the last "and", and whether it stands
        after_and = False
        j = i
        while j < n:
            k, conn = j, None
            if last is not None:
                if _is_hyphen_link(toks, k):
                    k, conn = k + 1, "-"
                elif toks[k].low == "and":
                    k, conn = k + 1, "and"
                elif (
                    last == "tens" and toks[k].text in _HYPHENS and k + 1 < n
                    and toks[k + 1].low in _UNITS
                ):
                    k, conn = k + 1, "-"  # "fifty - two"
            if k >= n or toks[k].kind != _WORD:
                break
            word = toks[k].low
            nxt = k + 1
            if conn == "and":
                before_and, after_and = best, True
            if (
                conn == "and" and word in ("a", "an", "one") and nxt < n
                and toks[nxt].low in _PARTS and last in ("unit", "teen", "tens", "scale")
            ):
                part, nxt = _PARTS[toks[nxt].low], nxt + 1
                if last != "scale":
                    frac, last = part, "frac"  # "two and a half", "three and one half"
                else:
                    # "a million and a half": a part of the last scale, or of a smaller
                    # one named after it ("a billion and a half million")
                    step = prev_scale
                    if nxt < n and _WORD_SCALES.get(toks[nxt].low, step) < step:
                        step, nxt = _WORD_SCALES[toks[nxt].low], nxt + 1
                    total += part * step
                    last = "final"
            elif word in _UNITS:
                if last == "tens" and conn != "and":
                    pass
                elif last not in (None, "hundred", "scale"):
                    break
                group += _UNITS[word]
                last = "unit"
            elif word in _TEENS or word in _TENS:
                if last not in (None, "hundred", "scale"):
                    break
                group += _TEENS.get(word) or _TENS[word]
                last = "teen" if word in _TEENS else "tens"
            elif word == "hundred":
                if last is None and nxt < n and toks[nxt].low in _WORD_SCALES:
                    group, last = Decimal(1), "a"  # "hundred thousand"
                if last not in ("a", "unit", "teen", "tens") or group >= 100 or conn == "and":
                    break
                group *= 100
                last = "hundred"
            elif word in _WORD_SCALES:
                step = _WORD_SCALES[word]
                if (
                    last == "scale" and conn is None and scales == 1 and not group
                    and step > prev_scale
                ):
                    total *= step  # "three lakh crore", "a thousand million"
                    prev_scale *= step
                    j = nxt
                    best = (j, total, last, scales, prev_scale)
                    continue
                if (
                    last not in ("a", "unit", "teen", "tens", "hundred", "half", "frac")
                    or conn == "and" or (prev_scale is not None and step >= prev_scale)
                ):
                    break
                total += (group + frac) * step
                group = frac = Decimal(0)
                prev_scale, scales, last = step, scales + 1, "scale"
            elif word in _DOZENS:
                if last not in ("a", "unit", "teen", "tens", "half", "frac") or conn == "and" \
                        or total:
                    break
                if before_and is not None and last != "frac":
                    break  # "three hundred and two dozen": 302 dozen or 300 + 24?
                if word == "dozens" and (
                    last not in ("unit", "teen", "tens") or (nxt < n and toks[nxt].low == "of")
                ):
                    break  # "three dozens", but "dozens of people" is vague
                if word in _DOZEN_ABBREVIATIONS and (
                    last not in ("unit", "teen", "tens") or toks[k].text != word
                ):
                    break  # "five dozs", not "a Doz"
                group, frac, last = (group + frac) * 12, Decimal(0), "dozen"
            elif word in ("a", "an"):
                if last is not None:
                    break
                group, last = Decimal(1), "a"
            elif word in _PARTS:
                if last not in (None, "a"):
                    break
                group, last = _PARTS[word], "half"  # "half a million", "a quarter of a million"
                if nxt < n and toks[nxt].low in ("a", "an"):
                    nxt += 1
                elif nxt + 1 < n and toks[nxt].low == "of" and toks[nxt + 1].low in ("a", "an"):
                    nxt += 2
            else:
                break
            j = nxt
            if last in ("hundred", "scale"):
                after_and = False
            if last in _COMPLETE:
                best = (j, total + group + frac, last, scales, prev_scale)
            if last in ("dozen", "final"):
                break  # nothing may follow
        stop = j + 1 if _is_hyphen_link(toks, j) else j
        if after_and and stop < n and toks[stop].low in _MULTIPLIER_WORDS:
            best = before_and  # "between one hundred and two hundred": the "and" links two numbers
    if best is None:
        return None
    end, value, last, scales, prev_scale = best
    # ordinals and fractions: "twenty first", "two thirds", "one-third", "twenty-first"
    if end < n:
        after = toks[end].low
        fraction = after in _SPACED_FRACTIONS or (last == "tens" and after in _ORDINAL_UNITS)
        if toks[end].gap and fraction:
            return _Reject(end + 1)
        if toks[end].gap and after == "half" and value == 1:
            return _Reject(end + 1)
        if _is_hyphen_link(toks, end) and toks[end + 1].low in _HYPHEN_FRACTIONS:
            return _Reject(end + 2)
    if end == i + 1 and first.low == "one":
        if i > 0 and toks[i - 1].low in _ONE_PREV:
            return _Reject(end)
        if end < n and toks[end].low in ("another", "another's", "another’s"):
            return _Reject(end)
        if _is_hyphen_link(toks, end) and toks[end + 1].low in _ONE_COMPOUNDS:
            return _Reject(end + 2)
    if last == "scale" and scales == 1:
        return _Amount(i, end, value / prev_scale, prev_scale, spelled=True)
    return _Amount(i, end, value, None, spelled=True)


def _currency_after(toks: list[_Tok], k: int) -> tuple[str, int] | None:
    if _is_hyphen_link(toks, k):
        hyphenated = _CUR_WORDS.match(toks, k + 1)
        if hyphenated is not None and hyphenated[1] == k + 2:
            return hyphenated  # "a 400-billion-euro fund"
    found = _CUR_SYMBOLS.match(toks, k) or _CUR_CODES.match(toks, k)
    if found and _tight(toks, found[1]) and toks[found[1]].kind == _NUM:
        found = None  # "1 $10": the sign belongs to the next number
    words = _CUR_WORDS.match(toks, k)
    if words and (not found or words[1] > found[1]):
        end = words[1]
        if toks[end - 1].low == "pounds" and end < len(toks) and toks[end].low == "of":
            return None  # "2,000 pounds of explosives"
        found = words
    return found


def _glued_currency_word(toks: list[_Tok], i: int) -> tuple[str, int] | None:
    """"euro300 billion": a currency word written against the digits (wire copy where
    the sign was lost)."""
    found = _CUR_GLUED_WORDS.match(toks, i)
    if found is None or not _tight(toks, found[1]) or toks[found[1]].kind != _NUM:
        return None
    if toks[i].text != toks[i].low:
        return None  # "Euro2024", a tournament
    return found


def _amount(toks: list[_Tok], i: int, linked: bool = False) -> _Amount | _Reject | None:
    """The number at token i; ``linked``: the second end of a hyphenated range."""
    n = len(toks)
    if i >= n:
        return None
    currency = None
    j = i
    prefix = _CUR_PREFIX_TIGHT.match(toks, i) or _CUR_PREFIX.match(toks, i) or _glued_currency_word(toks, i)
    if prefix:
        currency, j = prefix
        if j >= n:
            return None
    tok = toks[j]
    if tok.kind == _NUM:
        found: _Amount | _Reject | None = _digits(toks, j, glued_ok=linked or prefix is not None)
    elif tok.kind == _WORD:
        found = _spelled(toks, j)
    else:
        return None
    if not isinstance(found, _Amount):
        return found
    found.i = i
    if currency:
        found.currency, found.currency_before = currency, True
    else:
        after = _currency_after(toks, found.j)
        if after:
            found.currency, found.j = after
        else:
            percent = _PERCENT.match(toks, found.j)
            if percent:
                found.percent, found.j = True, percent[1]
    if found.currency or found.percent:
        found.year_like = False
    return found


def _join(a: _Amount, b: _Amount, start: int) -> _Range | None:
    """Read A and B as the two ends of one range, sharing what is written once."""
    if a.percent and not b.percent:
        return None
    if a.currency and b.currency and a.currency != b.currency:
        return None
    if a.currency and not b.currency and not a.currency_before:
        return None
    if b.currency and not a.currency and b.currency_before:
        return None
    if b.percent and a.currency:
        return None
    a_scale = a.scale
    if a_scale is None and b.scale is not None and a.raw < b.raw:
        a_scale = b.scale
    low = a.raw * a_scale if a_scale is not None else a.raw
    high = b.value
    if not low < high:
        return None
    return _Range(
        start, b.j, low, high, a.currency or b.currency, b.percent,
        a.spelled or b.spelled, a.year_like and b.year_like,
    )


def _core(toks: list[_Tok], j: int) -> _Amount | _Range | _Reject | None:
    n = len(toks)
    word = toks[j].low
    if word in ("between", "from"):
        start = j + 1
        hedge = _QUALIFIERS.match(toks, start)
        if hedge is not None and hedge[0] == "approx":
            start = hedge[1]  # "between about 80 and 90": the range is the bound
        a = _amount(toks, start)
        link = "and" if word == "between" else "to"
        if isinstance(a, _Amount) and a.j < n and toks[a.j].low == link:
            b = _amount(toks, a.j + 1)
            if isinstance(b, _Amount):
                return _join(a, b, j)
        return None
    a = _amount(toks, j)
    if not isinstance(a, _Amount):
        return a
    k = a.j
    if k + 1 < n:
        sep = toks[k]
        if sep.text in _HYPHENS and not sep.gap and not toks[k + 1].gap and not a.spelled:
            nxt = toks[k + 1]
            if nxt.kind == _NUM or nxt.text in _CURRENCY_SYMBOLS:
                b = _amount(toks, k + 1, linked=True)
                joined = _join(a, b, j) if isinstance(b, _Amount) else None
                if joined is None:  # 4-3, 2014-15, 555-0143
                    return _Reject(b.j if b is not None else k + 2)
                if _is_hyphen_link(toks, joined.j) and toks[joined.j + 1].kind == _NUM:
                    return _Reject(joined.j + 2)  # 1111-2222-3333: an identifier
                return joined
        elif sep.text in _EN_DASHES or sep.low in _RANGE_WORDS or sep.text == "~":
            b = _amount(toks, k + 1)
            if isinstance(b, _Amount):
                joined = _join(a, b, j)
                if joined is not None:
                    return joined
    return a


def _bounds(qualifier: str, value: Decimal) -> tuple[Decimal | None, Decimal | None]:
    integral = value == value.to_integral_value()
    if qualifier in ("more_than", "at_least"):
        return value, None
    if qualifier in ("less_than", "at_most"):
        return None, value
    if qualifier in ("approx", "nearly"):
        low = value * Decimal("0.9")
        high = value * Decimal("1.1") if qualifier == "approx" else value
        if integral:
            low = low.to_integral_value(ROUND_FLOOR)
            high = high.to_integral_value(ROUND_CEILING)
        return low, high
    return value, value


def _out(value: Decimal | None) -> int | float | None:
    if value is None:
        return None
    if value == value.to_integral_value():
        return int(value)
    return float(value)


def _vague(text: str, toks: list[_Tok], i: int) -> tuple[NumberMention, int] | None:
    n = len(toks)
    found = _VAGUE.match(toks, i)
    if found is None:
        found = _VAGUE_OF.match(toks, i)
        if found is None or found[1] >= n or toks[found[1]].low != "of":
            found = None
    if found is not None:
        (low, high), j = found
    else:
        det = _VAGUE_DET.match(toks, i)
        if det is None:
            return None
        factor, j = det
        size = 1
        while j < n and _VAGUE_MULTIPLIERS.get(toks[j].low, 0) > size:
            size *= _VAGUE_MULTIPLIERS[toks[j].low]
            j += 1
        if size == 1:
            return None
        low, high = factor * size, 10 * size - 1
    currency = None
    if j + 1 < n and toks[j].low == "of":
        after = _currency_after(toks, j + 1)
        if after and toks[j + 1].text not in _CURRENCY_SYMBOLS:
            currency, j = after
    elif found is None:
        after = _currency_after(toks, j)
        if after:
            currency, j = after
    start, end = toks[i].start, toks[j - 1].end
    mention = NumberMention(
        start, end, text[start:end], None, low, high, "vague", currency, False, True,
    )
    return mention, j


def _starts_amount(toks: list[_Tok], k: int) -> bool:
    return isinstance(_amount(toks, k), _Amount)


def _suffix_bound(toks: list[_Tok], end: int) -> tuple[str, int] | None:
    """"or more", "and over", "or so" ... after the number, unless they start a new phrase."""
    found = _SUFFIX_Q.match(toks, end)
    if found is None:
        return None
    qualifier, stop = found
    n = len(toks)
    if _starts_amount(toks, stop) or (
        stop < n and toks[stop].low == "than" and _starts_amount(toks, stop + 1)
    ):
        return None  # "5,000 or less than 6,000", "5 and over 10": a second phrase
    if toks[end].low == "and" and toks[stop - 1].low in ("more", "less", "fewer") and stop < n:
        nxt = toks[stop]
        if nxt.kind == _WORD and nxt.low not in _AND_MORE_NEXT:
            return None  # "20 dead and more missing"
        if nxt.kind == _NUM or nxt.text in _CURRENCY_SYMBOLS:
            return None
    return qualifier, stop


def _or_equal_after(toks: list[_Tok], end: int) -> int | None:
    """End of "or equal (to/than)" after a strict bound, unless a number follows it."""
    n = len(toks)
    if end + 1 >= n or toks[end].low != "or" or toks[end + 1].low != "equal":
        return None
    stop = end + 2
    if stop < n and toks[stop].low in ("to", "than"):
        stop += 1
    if _starts_amount(toks, stop):
        return None  # "more than 5,000 or equal to 6,000": two phrases
    return stop


def _parse_at(text: str, toks: list[_Tok], i: int) -> tuple[NumberMention | None, int] | None:
    """The phrase starting at token i, or (None, j) to skip a non-figure, or None."""
    tok = toks[i]
    if tok.blocked:
        return None
    if tok.kind != _NUM and tok.low not in _START_WORDS and tok.text not in _START_CASED:
        return None
    vague = _vague(text, toks, i)
    if vague is not None:
        return vague
    n = len(toks)
    prefix = _QUALIFIERS.match(toks, i)
    if prefix and tok.kind == _SYM and i > 0 and not tok.gap and toks[i - 1].text in "<>=":
        prefix = None  # "<>30", "=>30": not a bound we read
    qualifier, j = prefix if prefix else ("exact", i)
    if j >= n:
        return None
    core = _core(toks, j)
    if core is None:
        return None
    if isinstance(core, _Reject):
        return None, max(core.j, i + 1)
    if isinstance(core, _Range):
        end = core.j
        value, low, high = None, core.low, core.high
        qualifier, currency, percent = "range", core.currency, core.percent
        spelled, year_like = core.spelled, core.year_like
    else:
        end = core.j
        if prefix is None or qualifier in ("approx", "nearly"):
            # a bound after the number wins over "about": "about 500 or more"
            suffix = _TIGHT_SUFFIX_Q.match(toks, end) or _suffix_bound(toks, end)
            if suffix:
                qualifier, end = suffix
        elif qualifier in _OR_EQUAL:
            end_equal = _or_equal_after(toks, end)
            if end_equal:
                qualifier, end = _OR_EQUAL[qualifier], end_equal
        value = core.value
        low, high = _bounds(qualifier, value)
        currency, percent, spelled = core.currency, core.percent, core.spelled
        year_like = core.year_like and qualifier == "exact"
    adjective = _is_hyphen_link(toks, end) and toks[end + 1].kind == _WORD
    start, stop = toks[i].start, toks[end - 1].end
    mention = NumberMention(
        start=start, end=stop, text=text[start:stop], value=_out(value), low=_out(low),
        high=_out(high), qualifier=qualifier, currency=currency, percent=percent,
        spelled=spelled, looks_like_year=year_like, adjective=adjective,
    )
    return mention, end


_BOUND_SIDES = {"more_than": "low", "at_least": "low", "less_than": "high", "at_most": "high"}
_BOUND_LINKS = _Phrases({("and",): True, ("but",): True, (",",): True, (",", "and"): True,
                         (",", "but"): True})


def _pair_bounds(
    text: str, toks: list[_Tok], first: NumberMention, j: int,
) -> tuple[NumberMention, int] | None:
    """A lower and an upper bound joined by "and", "but" or a comma make one range:
    "more than 10 and less than 20", "at most 100 and at least 20"."""
    side = _BOUND_SIDES.get(first.qualifier)
    link = _BOUND_LINKS.match(toks, j) if side else None
    if link is None or link[1] >= len(toks):
        return None
    parsed = _parse_at(text, toks, link[1])
    if parsed is None or parsed[0] is None:
        return None
    second, end = parsed
    other = _BOUND_SIDES.get(second.qualifier)
    if other is None or other == side:
        return None
    lower, upper = (first, second) if side == "low" else (second, first)
    if lower.low is None or upper.high is None or not lower.low < upper.high:
        return None  # "more than 40 and less than 10": two bounds
    if first.currency and second.currency and first.currency != second.currency:
        return None
    if first.percent and not second.percent:
        return None
    start, stop = first.start, second.end
    mention = NumberMention(
        start=start, end=stop, text=text[start:stop], value=None, low=lower.low,
        high=upper.high, qualifier="range", currency=first.currency or second.currency,
        percent=second.percent, spelled=first.spelled or second.spelled,
        adjective=second.adjective,
    )
    return mention, end


def scan_numbers(text: str) -> list[NumberMention]:
    """Every maximal number phrase in ``text``, in order, without overlaps."""
    toks = _tokenize(text)
    found: list[NumberMention] = []
    i = 0
    while i < len(toks):
        parsed = _parse_at(text, toks, i)
        if parsed is None:
            i += 1
            continue
        mention, i = parsed
        if mention is not None:
            paired = _pair_bounds(text, toks, mention, i)
            if paired is not None:
                mention, i = paired
            found.append(mention)
    return found


def read_number(phrase: str) -> NumberMention | None:
    """Read ``phrase`` as exactly one number phrase (surrounding whitespace allowed)."""
    mentions = scan_numbers(phrase)
    if len(mentions) != 1:
        return None
    mention = mentions[0]
    lead = len(phrase) - len(phrase.lstrip())
    if mention.start != lead or mention.end != len(phrase.rstrip()):
        return None
    return mention
