"""Dates in news text: an article's publication date and the day a statement names.

This is the only module that imports dateparser, and it does so lazily: importing
``claimtrack.dates`` is cheap, and the single parser is built on first use.

Nothing here consults the real clock. dateparser only ever sees a fixed reference
day, and it is used only for *absolute* expressions (a month name or a numeric date);
everything relative to the article ("Tuesday", "yesterday", "two days ago") is
computed here from the article date, so a result depends on its inputs alone.
"""

from __future__ import annotations

import datetime as dt
import email.utils
import functools
import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from dateparser.date import DateDataParser

# dateparser fills missing parts from this day. It never shows in a result: a year
# it filled in is replaced, and expressions without a month are not given to it.
# 2000 is a leap year, so "February 29" parses.
_PARSER_REFERENCE = dt.datetime(2000, 1, 1)
_SINGLE_DAY_PERIODS = frozenset({"day", "time"})

_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_WEEKDAY_ALTERNATION = "|".join(_WEEKDAYS)
_WEEKDAY_PREFIXES = frozenset(day[:3] for day in _WEEKDAYS)
_MONTH_NAME = (
    r"jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?"
)

_FOUR_DIGIT_YEAR = re.compile(r"(?<!\d)(1[89]\d\d|2[01]\d\d)(?!\d)")
_EXPLICIT_YEAR = re.compile(r"(?<!\d)(?:1[89]\d\d|2[01]\d\d)(?!\d)|['’]\d\d\b")
_COMPACT_DATE = re.compile(r"(?:1[89]|2[01])\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])")
_MONTH = re.compile(rf"\b(?:{_MONTH_NAME})\b\.?", re.IGNORECASE)
_NUMERIC_DATE = re.compile(r"\b\d{1,4}[-/.]\d{1,2}[-/.]\d{1,4}\b")
# "01/03/2022", "1-3-2022", "24.02.2022": day and month in either order, year last.
_DAY_MONTH_YEAR = re.compile(r"(?<![\d/.-])(\d{1,2})([/.-])(\d{1,2})\2((?:1[89]|2[01])\d\d)(?![\d/-]|\.\d)")
_MONTH_NUMBERS = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6,
    "jul": 7, "aug": 8, "sep": 9, "oct": 10, "nov": 11, "dec": 12,
}  # fmt: skip
# A month named beside a day number ("March 1", "1 Mar", "Sept. 30"): capitalised, so
# that the verbs "march" and "may" do not count.
_CAPITALISED_MONTH = (
    "January|February|March|April|May|June|July|August|September|October|November|December"
    "|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec"
)
_MONTH_BESIDE_DAY = re.compile(
    rf"\b(?:(?P<before>{_CAPITALISED_MONTH})\.?\s+\d{{1,2}}\b|\d{{1,2}}\s+(?P<after>{_CAPITALISED_MONTH})\b)"
)
_WEEKDAY_WORD = re.compile(rf"\b(?:{_WEEKDAY_ALTERNATION})\b,?", re.IGNORECASE)
_RELATIVE_WORDS = re.compile(
    r"\b(?:ago|today|tonight|yesterday|tomorrow|now|last|next|this|previous|coming|"
    r"earlier|later|recent|recently|past|since|until|before|after)\b",
    re.IGNORECASE,
)
# A publication header may carry only dates, weekdays, times and zones; anything else
# (words such as "ago" or "last") means it is not an absolute date stamp.
_PUBLISHED_WORD = re.compile(r"[^\W\d_]+")
_PUBLISHED_ALLOWED_WORDS = frozenset(
    {"am", "pm", "a", "p", "m", "at", "on", "of", "the", "t", "z", "th", "st", "nd", "rd", "utc", "gmt"}
)

_LEADING_FILLER = re.compile(r"^(?:on|early|late|earlier on|later on)\s+")
_TIME_OF_DAY = re.compile(
    r"\s+(?:morning|afternoon|evening|night|overnight|midday|noon|"
    r"at\s+\d{1,2}(?::\d\d)?\s*(?:a\.?m\.?|p\.?m\.?)?)$"
)
_WEEKDAY_EXPRESSION = re.compile(
    rf"^(?P<modifier>last|this past|past|this|next|this coming|coming)?\s*(?P<weekday>{_WEEKDAY_ALTERNATION})$"
)
_DAYS_AGO = re.compile(
    r"^(?P<count>\d+|a|one|two|three|four|five|six|seven|eight|nine|ten) days? (?:ago|earlier|before)$"
)
_NUMBER_WORDS = {
    "a": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5,
    "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
}  # fmt: skip
# Words that name a single day relative to the article date, by offset in days.
_RELATIVE_DAYS = {
    "today": 0,
    "earlier today": 0,
    "later today": 0,
    "tonight": 0,
    "this morning": 0,
    "this afternoon": 0,
    "this evening": 0,
    "yesterday": -1,
    "last night": -1,
    "the day before": -1,
    "a day before": -1,
    "a day earlier": -1,
    "the previous day": -1,
    "the prior day": -1,
    "the day before yesterday": -2,
    "tomorrow": 1,
}


@functools.cache
def _date_data_parser() -> DateDataParser:
    """The one dateparser parser, built on first use (importing dateparser is slow)."""
    from dateparser.date import DateDataParser

    return DateDataParser(
        languages=["en"],
        settings={
            "RELATIVE_BASE": _PARSER_REFERENCE,
            # Only absolute parsers: relative phrases are resolved here, from the
            # article date, so dateparser never computes anything from a clock.
            "PARSERS": ["custom-formats", "absolute-time"],
            "PREFER_DATES_FROM": "current_period",
        },
    )


def _parse_absolute(text: str) -> dt.date | None:
    """A day from dateparser, or None when the text does not name a single day."""
    data = _date_data_parser().get_date_data(text)
    if data.date_obj is None or data.period not in _SINGLE_DAY_PERIODS:
        return None
    return data.date_obj.date()


# --- publication dates ---------------------------------------------------------------


@functools.lru_cache(maxsize=4096)
def parse_published(text: str, named_months: frozenset[int] = frozenset()) -> dt.date | None:
    """The absolute date in a publication header value, or None.

    Accepts RFC 2822, ISO 8601, compact ``YYYYMMDD`` and written-out dates such as
    ``Feb 14, 2022 1:40 PM CST`` or ``Sunday, Feb. 13, 2022``. The date is the one
    written, in the time zone written (no conversion). Anything without an explicit
    four-digit year, or with words other than date and time parts ("2 days ago",
    "today"), is refused: a publication date is never guessed.

    A numeric date with the year last can be day-first or month-first. When only one
    reading is a date ("24/02/2022", "02/24/2022") it is that one, and dots
    ("01.03.2022") are always day-first. When both are ("01/03/2022"), the reading
    whose month is in ``named_months`` (the months the article names, from
    `months_named`) wins if the other's is not; otherwise the date is read day-first:
    English-language outlets that write numeric dates are mostly outside the US, and
    US ones write "Mar. 1, 2022".
    """
    value = " ".join(text.split())
    if not value or len(value) > 80:
        return None
    if _COMPACT_DATE.fullmatch(value):
        return _strptime(value, "%Y%m%d")
    year_match = _FOUR_DIGIT_YEAR.search(value)
    if year_match is None or _has_non_date_words(value):
        return None
    numeric = _DAY_MONTH_YEAR.findall(value)
    if len(numeric) == 1:
        return _day_month_year(*numeric[0], named_months)
    year = int(year_match.group())
    for parse in (_parse_iso, _parse_rfc2822, _parse_absolute):
        parsed = parse(value)
        if parsed is not None:
            # A parser that read some other number as the year has misread the value.
            return parsed if parsed.year == year else None
    return None


def months_named(text: str) -> frozenset[int]:
    """The months (1–12) a text names beside a day number: the evidence that
    `parse_published` weighs to read an ambiguous numeric date."""
    return frozenset(
        _MONTH_NUMBERS[(match["before"] or match["after"])[:3].lower()] for match in _MONTH_BESIDE_DAY.finditer(text)
    )


def _day_month_year(first: str, separator: str, second: str, year: str, named_months: frozenset[int]) -> dt.date | None:
    day_first = _date_or_none(int(year), int(second), int(first))
    month_first = None if separator == "." else _date_or_none(int(year), int(first), int(second))
    if day_first is None or month_first is None or day_first == month_first:
        return day_first or month_first
    if month_first.month in named_months and day_first.month not in named_months:
        return month_first
    return day_first


def _date_or_none(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _has_non_date_words(value: str) -> bool:
    for word in _PUBLISHED_WORD.findall(value):
        lowered = word.lower()
        if lowered in _PUBLISHED_ALLOWED_WORDS or _MONTH.fullmatch(lowered) or lowered in _WEEKDAYS:
            continue
        if lowered[:3] in _WEEKDAY_PREFIXES and len(lowered) <= 4:
            continue  # abbreviated weekday: Wed, Thu, Thur, Tues
        if word.isupper() and 2 <= len(word) <= 5:
            continue  # a time zone abbreviation: CST, EEST
        return True
    return False


def _strptime(value: str, pattern: str) -> dt.date | None:
    try:
        return dt.datetime.strptime(value, pattern).date()
    except ValueError:
        return None


def _parse_iso(value: str) -> dt.date | None:
    try:
        return dt.datetime.fromisoformat(value).date()
    except ValueError:
        return None


def _parse_rfc2822(value: str) -> dt.date | None:
    try:
        return email.utils.parsedate_to_datetime(value).date()
    except (TypeError, ValueError, IndexError):
        return None


# --- statement dates -----------------------------------------------------------------


@functools.lru_cache(maxsize=65_536)
def resolve_date(expression: str, base: dt.date | None) -> dt.date | None:
    """The single day a date expression names, read against the article date ``base``.

    - A weekday ("Tuesday", "on Thursday", "Monday night") is its most recent
      occurrence on or before ``base``: news style says "said Thursday" on the
      Thursday itself.
    - "last Tuesday" is the Tuesday of the calendar week (Monday to Sunday) before
      the one ``base`` falls in; "this past Tuesday" the most recent Tuesday strictly
      before ``base``; "this Tuesday" the Tuesday in ``base``'s week; "next Tuesday"
      and "this coming Tuesday" the first Tuesday after ``base``.
    - "today", "yesterday", "last night", "the day before", "two days ago" and the
      like count days from ``base``.
    - A month and day without a year ("January 27", "Jan. 27") is its nearest
      occurrence on or before ``base``.
    - A full date with a year ("January 26, 2022", "2022-01-26") is that date, even
      when ``base`` is None.
    - Everything that does not name one day ("last week", "in 2014", "July 2020",
      "the coming days", "earlier this week") gives None, as does anything relative
      or year-less when ``base`` is None.
    """
    text = _normalise_expression(expression)
    if not text:
        return None
    if base is not None:
        relative = _resolve_relative(text, base)
        if relative is not None:
            return relative
    return _resolve_calendar_date(text, base)


def _normalise_expression(expression: str) -> str:
    text = " ".join(expression.lower().replace("’", "'").split()).strip(" ,.;:")
    return _LEADING_FILLER.sub("", text)


def _resolve_relative(text: str, base: dt.date) -> dt.date | None:
    offset = _RELATIVE_DAYS.get(text)
    if offset is not None:
        return base + dt.timedelta(days=offset)
    # Checked after the whole phrase so that "last night" is not read as "last".
    text = _TIME_OF_DAY.sub("", text)
    offset = _RELATIVE_DAYS.get(text)
    if offset is not None:
        return base + dt.timedelta(days=offset)  # "yesterday morning"
    days_ago = _DAYS_AGO.match(text)
    if days_ago is not None:
        count = days_ago["count"]
        return base - dt.timedelta(days=int(count) if count.isdigit() else _NUMBER_WORDS[count])
    weekday = _WEEKDAY_EXPRESSION.match(text)
    if weekday is not None:
        return _resolve_weekday(_WEEKDAYS.index(weekday["weekday"]), weekday["modifier"], base)
    return None


def _resolve_weekday(weekday: int, modifier: str | None, base: dt.date) -> dt.date:
    days_back = (base.weekday() - weekday) % 7
    if modifier is None:
        return base - dt.timedelta(days=days_back)
    if modifier in ("past", "this past"):
        return base - dt.timedelta(days=days_back or 7)
    week_start = base - dt.timedelta(days=base.weekday())
    if modifier == "last":
        return week_start - dt.timedelta(days=7 - weekday)
    if modifier == "this":
        return week_start + dt.timedelta(days=weekday)
    # "next", "coming", "this coming": the first such day after base.
    return base + dt.timedelta(days=(weekday - base.weekday()) % 7 or 7)


def _resolve_calendar_date(text: str, base: dt.date | None) -> dt.date | None:
    text = _TIME_OF_DAY.sub("", text)
    has_month = _MONTH.search(text) is not None
    if not has_month and not _NUMERIC_DATE.search(text):
        return None  # "last week", "in 2014", "the coming days": no single day
    if _RELATIVE_WORDS.search(text):
        return None  # "earlier this month", "last January"
    has_year = _EXPLICIT_YEAR.search(text) is not None
    if not has_year and base is None:
        return None
    if has_month:
        # dateparser moves a date to a written weekday; a weekday beside a full date
        # only restates it.
        text = _WEEKDAY_WORD.sub(" ", text).strip(" ,")
    parsed = _parse_absolute(text)
    if parsed is None or has_year or base is None:
        return parsed
    return _latest_on_or_before(parsed.month, parsed.day, base)


def _latest_on_or_before(month: int, day: int, base: dt.date) -> dt.date | None:
    # Eight years back always reaches a February 29.
    for year in range(base.year, base.year - 9, -1):
        try:
            candidate = dt.date(year, month, day)
        except ValueError:
            continue
        if candidate <= base:
            return candidate
    return None
