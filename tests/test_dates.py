"""Publication dates and statement dates: tables of (expression, expected)."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys

import pytest

from claimtrack.dates import months_named, parse_published, resolve_date

D = dt.date


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Tue, 08 Mar 2022 10:15:00 GMT", D(2022, 3, 8)),
        ("Tue, 08 Mar 2022 23:59:00 -0500", D(2022, 3, 8)),
        ("2022-03-08", D(2022, 3, 8)),
        ("2022-03-08T10:15:00Z", D(2022, 3, 8)),
        ("2022-03-08T23:15:00-08:00", D(2022, 3, 8)),
        ("20220308", D(2022, 3, 8)),
        ("Mar 8, 2022 9:05 AM EST", D(2022, 3, 8)),
        # the date as written, not converted to UTC
        ("Mar 8, 2022 11:40 PM CST", D(2022, 3, 8)),
        ("8 March 2022", D(2022, 3, 8)),
        ("March 8, 2022", D(2022, 3, 8)),
        ("Tuesday, Mar. 8, 2022", D(2022, 3, 8)),
        ("Tue 8 Mar 2022 12.00 GMT", D(2022, 3, 8)),
        ("  March   8,  2022 ", D(2022, 3, 8)),
        # refused: no explicit four-digit year, relative, or not a single day
        ("", None),
        ("today", None),
        ("yesterday", None),
        ("2 days ago", None),
        ("Updated 3 hours ago", None),
        ("Mar 8", None),
        ("Tuesday", None),
        ("March 2022", None),
        ("2022", None),
        ("20221345", None),
        ("Harbor council report 2022", None),
        ("Ferry vote, March 8, 2022, was close", None),
    ],
)
def test_parse_published(text: str, expected: dt.date | None) -> None:
    assert parse_published(text) == expected


JANUARY, MARCH = 1, 3


@pytest.mark.parametrize(
    ("text", "named_months", "expected"),
    [
        # both readings are dates: day-first, unless the article names only the other month
        ("08/03/2022", set(), D(2022, 3, 8)),
        ("08/03/2022 - 10:42", set(), D(2022, 3, 8)),
        ("8-3-2022", set(), D(2022, 3, 8)),
        ("01/03/2022", {MARCH}, D(2022, 3, 1)),
        ("01/03/2022", {JANUARY}, D(2022, 1, 3)),
        ("01/03/2022", {JANUARY, MARCH}, D(2022, 3, 1)),
        # one reading only
        ("24/02/2022", {JANUARY}, D(2022, 2, 24)),
        ("02/24/2022", set(), D(2022, 2, 24)),
        # dots are always day-first
        ("01.03.2022", {JANUARY}, D(2022, 3, 1)),
        ("24.02.2022", set(), D(2022, 2, 24)),
        # year first is ISO, whatever the evidence
        ("2022/01/03", {MARCH}, D(2022, 1, 3)),
        # refused
        ("13/13/2022", set(), None),
        ("01/03/22", set(), None),
        ("Ferry vote 01/03/2022", set(), None),
    ],
)
def test_parse_published_numeric_dates(text: str, named_months: set[int], expected: dt.date | None) -> None:
    assert parse_published(text, frozenset(named_months)) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The vote on March 1 and the talks on 4 Feb, Sept. 30", {3, 2, 9}),
        ("Boats sail from May 12.", {5}),
        # no day beside the month, or a verb
        ("In March 2022 the crews may march on the port.", set()),
        ("The Mayor 5 plan", set()),
        ("", set()),
    ],
)
def test_months_named(text: str, expected: set[int]) -> None:
    assert months_named(text) == expected


WEDNESDAY = D(2022, 3, 9)
THURSDAY = D(2022, 3, 10)


@pytest.mark.parametrize(
    ("expression", "base", "expected"),
    [
        # weekdays: most recent on or before the article date
        ("Tuesday", WEDNESDAY, D(2022, 3, 8)),
        ("on Tuesday", WEDNESDAY, D(2022, 3, 8)),
        ("Wednesday", WEDNESDAY, WEDNESDAY),
        ("Thursday", THURSDAY, THURSDAY),
        ("on Thursday", WEDNESDAY, D(2022, 3, 3)),
        ("Monday", WEDNESDAY, D(2022, 3, 7)),
        ("Sunday", WEDNESDAY, D(2022, 3, 6)),
        ("Tuesday night", WEDNESDAY, D(2022, 3, 8)),
        ("late Tuesday", WEDNESDAY, D(2022, 3, 8)),
        ("TUESDAY", WEDNESDAY, D(2022, 3, 8)),
        # modified weekdays
        ("last Tuesday", WEDNESDAY, D(2022, 3, 1)),
        ("last Wednesday", WEDNESDAY, D(2022, 3, 2)),
        ("this past Wednesday", WEDNESDAY, D(2022, 3, 2)),
        ("this past Tuesday", WEDNESDAY, D(2022, 3, 8)),
        ("this Monday", WEDNESDAY, D(2022, 3, 7)),
        ("next Monday", WEDNESDAY, D(2022, 3, 14)),
        ("next Wednesday", WEDNESDAY, D(2022, 3, 16)),
        # relative days
        ("today", WEDNESDAY, WEDNESDAY),
        ("earlier today", WEDNESDAY, WEDNESDAY),
        ("yesterday", WEDNESDAY, D(2022, 3, 8)),
        ("yesterday morning", WEDNESDAY, D(2022, 3, 8)),
        ("last night", WEDNESDAY, D(2022, 3, 8)),
        ("the day before", WEDNESDAY, D(2022, 3, 8)),
        ("the previous day", WEDNESDAY, D(2022, 3, 8)),
        ("two days ago", WEDNESDAY, D(2022, 3, 7)),
        ("3 days ago", WEDNESDAY, D(2022, 3, 6)),
        ("tomorrow", WEDNESDAY, D(2022, 3, 10)),
        # month and day without a year: nearest on or before the base
        ("March 10", WEDNESDAY, D(2021, 3, 10)),
        ("March 9", WEDNESDAY, WEDNESDAY),
        ("Mar. 8", WEDNESDAY, D(2022, 3, 8)),
        ("on March 1", WEDNESDAY, D(2022, 3, 1)),
        ("8 March", WEDNESDAY, D(2022, 3, 8)),
        ("March 8th", WEDNESDAY, D(2022, 3, 8)),
        ("the 8th of March", WEDNESDAY, D(2022, 3, 8)),
        ("Dec. 30", WEDNESDAY, D(2021, 12, 30)),
        ("Tuesday, March 8", WEDNESDAY, D(2022, 3, 8)),
        ("March 8 at 3 p.m.", WEDNESDAY, D(2022, 3, 8)),
        ("February 29", WEDNESDAY, D(2020, 2, 29)),
        # full dates: that date whatever the base
        ("on March 8, 2022", WEDNESDAY, D(2022, 3, 8)),
        ("on March 8, 2022", None, D(2022, 3, 8)),
        ("8 March 2019", None, D(2019, 3, 8)),
        ("2021-11-30", None, D(2021, 11, 30)),
        ("Friday, Nov. 5, 2021", None, D(2021, 11, 5)),
        # not a single day
        ("last week", WEDNESDAY, None),
        ("last month", WEDNESDAY, None),
        ("this year", WEDNESDAY, None),
        ("in 2014", WEDNESDAY, None),
        ("2014", WEDNESDAY, None),
        ("July 2020", WEDNESDAY, None),
        ("March", WEDNESDAY, None),
        ("early March", WEDNESDAY, None),
        ("the coming days", WEDNESDAY, None),
        ("recent weeks", WEDNESDAY, None),
        ("earlier this week", WEDNESDAY, None),
        ("earlier this month", WEDNESDAY, None),
        ("the weekend", WEDNESDAY, None),
        ("3 p.m.", WEDNESDAY, None),
        ("the 8th", WEDNESDAY, None),
        ("8", WEDNESDAY, None),
        ("", WEDNESDAY, None),
        # relative or year-less without an article date: never guessed
        ("Tuesday", None, None),
        ("today", None, None),
        ("yesterday", None, None),
        ("March 8", None, None),
        ("last Tuesday", None, None),
    ],
)
def test_resolve_date(expression: str, base: dt.date | None, expected: dt.date | None) -> None:
    assert resolve_date(expression, base) == expected


def test_resolve_date_is_cached() -> None:
    resolve_date.cache_clear()
    resolve_date("Mar. 8", WEDNESDAY)
    resolve_date("Mar. 8", WEDNESDAY)
    assert resolve_date.cache_info().hits == 1


def test_import_does_not_load_dateparser() -> None:
    probe = "import sys, claimtrack.dates; print('dateparser' in sys.modules)"
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "False"
