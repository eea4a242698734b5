"""Loading articles: header shapes, furniture, paragraphs, encodings, files and folders.

Every name, outlet and sentence here is invented, except in the one test that reads
the seed articles shipped in ``seeds/``.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
from pathlib import Path

import pytest

from claimtrack.inputs import reading
from claimtrack.inputs.body import article_id
from claimtrack.inputs.decoding import decode
from claimtrack.inputs.load import iter_inputs
from claimtrack.inputs.plan import count_inputs, plan_inputs
from claimtrack.inputs.readers.text import load_text
from claimtrack.models import Article, FileOutcome

D = dt.date
LEAD = (
    "Harbor officials in Eastvale said on Tuesday that the new ferry timetable would start in "
    "April, ending years of delays for commuters."
)
SECOND = (
    '"We listened to every complaint," said Mirela Tosk, who chairs the harbor board. '
    '"The boats will now run every twenty minutes."'
)
BODY = f"{LEAD}\n\n{SECOND}"
REPO_ROOT = Path(__file__).resolve().parent.parent


def _fields(article: Article) -> dict[str, object]:
    return {
        "title": article.title,
        "source": article.source,
        "published": article.published,
        "authors": article.authors,
        "url": article.url,
    }


def _write(path: Path, content: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, str):
        path.write_text(content, encoding="utf-8")
    else:
        path.write_bytes(content)
    return path


def _only(results: list[Article | FileOutcome]) -> Article | FileOutcome:
    assert len(results) == 1, results
    return results[0]


# --- header shapes -------------------------------------------------------------------


HEADER_CASES = [
    pytest.param(
        "Exclusive by Mara Lind, Tobias Fenn and Ola Brandt, GAZETTE\n"
        "Updated: Tue, 08 Mar 2022 10:15:00 GMT\n"
        "Source: GAZETTE\n\n" + BODY,
        {"title": None, "source": "GAZETTE", "published": D(2022, 3, 8),
         "authors": ("Mara Lind", "Tobias Fenn", "Ola Brandt"), "url": None},
        id="byline-updated-source",
    ),
    pytest.param(
        "Harbor Ferry Plan Moves Ahead\n20220308\n"
        "https://www.harbor-daily.example/news/ferry-plan-moves-ahead/123/\n" + BODY,
        {"title": "Harbor Ferry Plan Moves Ahead", "source": "harbor-daily.example",
         "published": D(2022, 3, 8), "authors": (),
         "url": "https://www.harbor-daily.example/news/ferry-plan-moves-ahead/123/"},
        id="title-compact-date-url",
    ),
    pytest.param(
        "Ferry Plan Wins Council Vote\n\n"
        "Commuters say relief is 'long overdue'\n"
        "By Jane Doe, \u00a0Tidewater Staff\n"
        "Posted Mar 8, 2022 9:05 AM EST\n"
        "Council Backs Ferry Plan 'At Last'\n"
        "A ferry docks at the Eastvale pier, Monday, Mar. 7, 2022.\u00a0 (Wire Photo/Ken Arlo)\n\n" + BODY,
        {"title": "Ferry Plan Wins Council Vote", "source": "Tidewater", "published": D(2022, 3, 8),
         "authors": ("Jane Doe",), "url": None},
        id="byline-staff-posted-dek-second-headline-caption",
    ),
    pytest.param(
        "Ferry Fares To Rise In Spring\n\nFerry Fares To Rise In Spring\n\n"
        "Commuters wait at the Eastvale pier. (Representational)\n\n\n" + BODY,
        {"title": "Ferry Fares To Rise In Spring", "source": None, "published": None, "authors": (), "url": None},
        id="title-repeated",
    ),
    pytest.param(
        "Harbor Board’s Chair Says Talks Continue\n\nMirela Tosk (file photo)\u00a0\n\n" + BODY,
        {"title": "Harbor Board’s Chair Says Talks Continue", "source": None, "published": None,
         "authors": (), "url": None},
        id="title-caption-no-date",
    ),
    pytest.param(
        "Title: Ferry Timetable Announced\nSource: Coastal Ledger\nDate: 2022-03-08\n"
        "URL: https://coastal-ledger.example/ferry\nAuthors: Jane Doe and John Roe\n\n" + BODY,
        {"title": "Ferry Timetable Announced", "source": "Coastal Ledger", "published": D(2022, 3, 8),
         "authors": ("Jane Doe", "John Roe"), "url": "https://coastal-ledger.example/ferry"},
        id="key-value-block",
    ),
    pytest.param(
        "TITLE: Ferry Timetable Announced\nUpdated: 2022-03-09\nPublished: March 8, 2022\n"
        "Author: Jane Doe\n\n" + BODY,
        {"title": "Ferry Timetable Announced", "source": None, "published": D(2022, 3, 8),
         "authors": ("Jane Doe",), "url": None},
        id="key-value-published-beats-updated",
    ),
    pytest.param(
        "By: Ana Ruiz, John Roe\nPublished: not yet\n\n" + BODY,
        {"title": None, "source": None, "published": None, "authors": ("Ana Ruiz", "John Roe"), "url": None},
        id="key-value-by-and-undated",
    ),
    pytest.param(
        "Ferry Timetable Announced\nBy Jane Doe and John Roe, The Harbor Times\n8 March 2022\n\n" + BODY,
        {"title": "Ferry Timetable Announced", "source": "The Harbor Times", "published": D(2022, 3, 8),
         "authors": ("Jane Doe", "John Roe"), "url": None},
        id="byline-the-outlet-bare-date",
    ),
    pytest.param(
        "By Ana Ruiz, Associated Wire Writer\nSunday, Mar. 6, 2022\n\n" + BODY,
        {"title": None, "source": "Associated Wire", "published": D(2022, 3, 6), "authors": ("Ana Ruiz",),
         "url": None},
        id="byline-writer-suffix-weekday-date",
    ),
    pytest.param(
        "By Ana Ruiz, Staff Writer\n\n" + BODY,
        {"title": None, "source": None, "published": None, "authors": ("Ana Ruiz",), "url": None},
        id="byline-role-only",
    ),
    pytest.param(
        "Is The Ferry Late Again?\nBY JANE DOE AND OMAR AL-RASHID, GAZETTE\n\n" + BODY,
        {"title": "Is The Ferry Late Again?", "source": "GAZETTE", "published": None,
         "authors": ("JANE DOE", "OMAR AL-RASHID"), "url": None},
        id="byline-in-capitals",
    ),
    pytest.param(
        "Ferry Plan\nBy Jane van der Berg and Omar al-Rashid | March 8, 2022\n\n" + BODY,
        {"title": "Ferry Plan", "source": None, "published": D(2022, 3, 8),
         "authors": ("Jane van der Berg", "Omar al-Rashid"), "url": None},
        id="byline-particles-and-date",
    ),
    pytest.param(
        "Ferry Plan\nBy Jane Doe on March 8, 2022\nSource: https://www.coastal-ledger.example/ferry\n\n" + BODY,
        {"title": "Ferry Plan", "source": "coastal-ledger.example", "published": D(2022, 3, 8),
         "authors": ("Jane Doe",), "url": None},
        id="byline-on-date-source-url",
    ),
    pytest.param(
        "By the numbers: what the new ferry costs\n\n" + BODY,
        {"title": "By the numbers: what the new ferry costs", "source": None, "published": None,
         "authors": (), "url": None},
        id="by-line-that-is-not-a-byline",
    ),
    pytest.param(
        BODY,
        {"title": None, "source": None, "published": None, "authors": (), "url": None},
        id="first-line-is-body",
    ),
    pytest.param(
        "Ferry Vote Set\n\n" + LEAD + "\n\nMarch 3, 2022\n\nThe council voted on March 3, 2022, and again "
        "on 2022-03-07 to back the plan, officials said in a statement on Tuesday.\n",
        {"title": "Ferry Vote Set", "source": None, "published": None, "authors": (), "url": None},
        id="body-dates-never-set-published",
    ),
    pytest.param(
        "Ferry Vote Set\nPublished 2 days ago\n\n" + BODY,
        {"title": "Ferry Vote Set", "source": None, "published": None, "authors": (), "url": None},
        id="relative-date-refused",
    ),
    # A headline long enough for a paragraph that ends in a quotation, no full stop before it.
    pytest.param(
        "Harbor towns brace for what the board calls ‘the stormiest week for ferries in a generation’ as crews "
        "stay ashore\u2019\n\nBy Lena Park\n\n" + BODY,
        {"title": "Harbor towns brace for what the board calls ‘the stormiest week for ferries in a generation’ "
                  "as crews stay ashore\u2019",
         "source": None, "published": None, "authors": ("Lena Park",), "url": None},
        id="long-title-ending-in-quote",
    ),
    # Dates followed by a time, a section name or a relative stamp.
    pytest.param(
        "Ferry Plan Wins Vote\nMar 8, 2022 - Local\n\n" + BODY,
        {"title": "Ferry Plan Wins Vote", "source": None, "published": D(2022, 3, 8), "authors": (), "url": None},
        id="date-then-section",
    ),
    pytest.param(
        "Ferry Plan Wins Vote\nPublished 08/03/2022 - 10:42\n\n" + BODY,
        {"title": "Ferry Plan Wins Vote", "source": None, "published": D(2022, 3, 8), "authors": (), "url": None},
        id="numeric-date-then-time",
    ),
    pytest.param(
        "Ferry Plan Wins Vote\nLast Updated at March 8, 2022 21:05 IST\n\n" + BODY,
        {"title": "Ferry Plan Wins Vote", "source": None, "published": D(2022, 3, 8), "authors": (), "url": None},
        id="last-updated-at",
    ),
    pytest.param(
        "Ferry Plan Wins Vote\nMarch 8, 2022 9:05 AM GMT\nUpdated 3 hours ago\n\n" + BODY,
        {"title": "Ferry Plan Wins Vote", "source": None, "published": D(2022, 3, 8), "authors": (), "url": None},
        id="date-then-relative-update",
    ),
    pytest.param(
        "Storm Hits Coast - March 8, 2022\n\n" + BODY,
        {"title": "Storm Hits Coast - March 8, 2022", "source": None, "published": None, "authors": (), "url": None},
        id="headline-ending-in-date-is-no-date-line",
    ),
    pytest.param(
        "March 8, 2022 - What The Ferry Vote Means For Every Commuter\n\n" + BODY,
        {"title": "March 8, 2022 - What The Ferry Vote Means For Every Commuter", "source": None,
         "published": None, "authors": (), "url": None},
        id="date-then-headline-is-no-date-line",
    ),
    # A byline that is only a name, between the headline and the date or outlet.
    pytest.param(
        "Ferry Plan Wins Vote\nMirela Tosk\nMar 8, 2022 - Local\n\n" + BODY,
        {"title": "Ferry Plan Wins Vote", "source": None, "published": D(2022, 3, 8), "authors": ("Mirela Tosk",),
         "url": None},
        id="bare-name-above-date",
    ),
    pytest.param(
        "Ferry Plan Wins Vote\nMirela Tosk\nHarbor Daily\n\n" + BODY,
        {"title": "Ferry Plan Wins Vote", "source": "Harbor Daily", "published": None, "authors": ("Mirela Tosk",),
         "url": None},
        id="bare-name-above-outlet",
    ),
    pytest.param(
        "Ferry Plan Wins Vote\nMirela Tosk\n\n" + BODY,
        {"title": "Ferry Plan Wins Vote", "source": None, "published": None, "authors": (), "url": None},
        id="bare-name-alone-is-no-byline",
    ),
    pytest.param(
        "Mirela Tosk\nMar 8, 2022\n\n" + BODY,
        {"title": "Mirela Tosk", "source": None, "published": D(2022, 3, 8), "authors": (), "url": None},
        id="bare-name-on-first-line-is-no-byline",
    ),
    pytest.param(
        "Ferry Plan Wins Vote\nHarbour Master\nMar 8, 2022\n\n" + BODY,
        {"title": "Ferry Plan Wins Vote", "source": None, "published": D(2022, 3, 8), "authors": (), "url": None},
        id="bare-words-without-given-name-are-no-byline",
    ),
    # Bylines with agencies and buttons glued on.
    pytest.param(
        "Ferry Plan Wins Vote\nBy Lena Park with AFP, Reuters\n\n" + BODY,
        {"title": "Ferry Plan Wins Vote", "source": None, "published": None, "authors": ("Lena Park",), "url": None},
        id="byline-with-agencies",
    ),
    pytest.param(
        "Ferry Plan Wins Vote\nWords by: Lena Park, HARBOR 7 Share\n\n" + BODY,
        {"title": "Ferry Plan Wins Vote", "source": "HARBOR 7", "published": None, "authors": ("Lena Park",),
         "url": None},
        id="words-by-with-channel-and-button",
    ),
]


@pytest.mark.parametrize(("raw", "expected"), HEADER_CASES)
def test_header_metadata(raw: str, expected: dict[str, object]) -> None:
    article = load_text(raw)
    assert _fields(article) == expected
    assert article.text.startswith(LEAD)


# Long enough for a body paragraph: the metadata lines come after where the body seemed to start.
STANDFIRST = (
    "The harbor board said on Monday that winter crossings would be cut by half until the thaw, "
    "leaving island schools short of staff."
)


@pytest.mark.parametrize(
    ("raw", "expected", "expected_text"),
    [
        pytest.param(
            f"Ferry Crossings Cut For Winter\n\n{STANDFIRST}\n\nText by: COAST 9 Follow\n"
            f"Issued on: 04/11/2021 - 08:10 Modified: 04/11/2021 - 11:32\n\n{BODY}",
            {"title": "Ferry Crossings Cut For Winter", "source": "COAST 9", "published": D(2021, 11, 4),
             "authors": (), "url": None},
            f"{STANDFIRST}\n\n{BODY}",
            id="text-by-and-issued-on",
        ),
        pytest.param(
            f"Ferry Crossings Cut For Winter\n\n{STANDFIRST}\n\nBy Lena Park\nPublished On 9 Nov 2021\n\n{BODY}",
            {"title": "Ferry Crossings Cut For Winter", "source": None, "published": D(2021, 11, 9),
             "authors": ("Lena Park",), "url": None},
            f"{STANDFIRST}\n\n{BODY}",
            id="byline-and-published-on",
        ),
        # Nothing below the standfirst but story: bare dates and late key lines stay text.
        pytest.param(
            f"Ferry Crossings Cut For Winter\n\n{STANDFIRST}\n\n9 Nov 2021\n\n{BODY}",
            {"title": "Ferry Crossings Cut For Winter", "source": None, "published": None, "authors": (),
             "url": None},
            f"{STANDFIRST}\n\n9 Nov 2021\n\n{BODY}",
            id="bare-date-below-is-text",
        ),
        pytest.param(
            f"Ferry Crossings Cut For Winter\n\n{STANDFIRST}\n\n{BODY}\n\n{LEAD}\n\nUpdated: 10 Nov 2021",
            {"title": "Ferry Crossings Cut For Winter", "source": None, "published": None, "authors": (),
             "url": None},
            f"{STANDFIRST}\n\n{BODY}\n\n{LEAD}\n\nUpdated: 10 Nov 2021",
            id="key-line-far-below-is-text",
        ),
    ],
)
def test_metadata_below_a_standfirst(raw: str, expected: dict[str, object], expected_text: str) -> None:
    article = load_text(raw)
    assert (_fields(article), article.text) == (expected, expected_text)


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        # Day-first unless the article names the month of the other reading only.
        pytest.param(BODY, D(2022, 3, 1), id="day-first"),
        pytest.param(f"{LEAD} The first boats sail on January 3.", D(2022, 1, 3), id="text-names-january"),
        pytest.param(f"{LEAD} The first boats sail on 1 March.", D(2022, 3, 1), id="text-names-march"),
        pytest.param(f"{LEAD} Talks ran from January 3 to March 1.", D(2022, 3, 1), id="text-names-both"),
        pytest.param(f"{LEAD} Crews may march in January.", D(2022, 3, 1), id="months-without-a-day-are-no-evidence"),
    ],
)
def test_numeric_header_date_reads_the_article(body: str, expected: dt.date) -> None:
    assert load_text(f"Ferry Plan Wins Vote\nPublished: 01/03/2022\n\n{body}").published == expected


@pytest.mark.parametrize(
    ("raw", "expected_text"),
    [
        pytest.param("Ferry Plan Wins Vote\n\nCommuters say relief is near\nBy Jane Doe\n\n" + BODY, BODY, id="dek"),
        pytest.param("Ferry Fares Rise\n\nFerry Fares Rise\n\n" + BODY, BODY, id="duplicate-title"),
        pytest.param(
            "Ferry Plan\nA ferry docks at the pier. (Wire Photo/Ken Arlo)\n" + BODY, BODY, id="caption-in-header"
        ),
    ],
)
def test_header_lines_are_not_body(raw: str, expected_text: str) -> None:
    assert load_text(raw).text == expected_text


@pytest.mark.parametrize(
    "lede",
    [
        # The quotation closes a sentence: a full stop before the quote mark.
        "Harbor officials in Eastvale said on Tuesday that the new timetable would mean “the end of years of "
        "delays.”",
        # Two sentences are a paragraph, however they end.
        "The harbor board met on Tuesday. Its chair called the new ferry timetable “a turning point for every "
        "commuter in Eastvale”",
        # Longer than a headline.
        "Harbor officials in Eastvale said on Tuesday that the new ferry timetable would start in April and that "
        "the boats would run every twenty minutes, ending what commuters call ‘years of misery’",
    ],
)
def test_lede_ending_in_a_quote_is_body(lede: str) -> None:
    article = load_text(f"{lede}\n\n{SECOND}")
    assert (article.title, article.text) == (None, f"{lede}\n\n{SECOND}")


SHORT_OPENING = "The harbour closed on Monday after the storm, the port said.\n\nShips waited offshore."


@pytest.mark.parametrize(
    ("raw", "expected_text"),
    [
        # Stories told in short paragraphs: the first sentence after the metadata opens the body.
        pytest.param(f"Title: Storm\nDate: 2021-03-01\n\n{SHORT_OPENING}\n\n{BODY}",
                     f"{SHORT_OPENING}\n\n{BODY}", id="key-value-block"),
        pytest.param(f"Harbour Shut\nBy Jane Doe\nPosted Feb 14, 2022 1:40 PM CST\n\n{SHORT_OPENING}\n\n{BODY}",
                     f"{SHORT_OPENING}\n\n{BODY}", id="byline-and-date"),
        pytest.param(f"Source: Coastal Ledger\n\nHarbour Shut After Storm\n\n{SHORT_OPENING}\n\n{BODY}",
                     f"{SHORT_OPENING}\n\n{BODY}", id="headline-after-metadata"),
        # A dek above the byline stays header; short lines after it that are no sentence too.
        pytest.param(f"Harbour Shut\nShips wait offshore as the storm passes through.\nBy Jane Doe\n\n{BODY}",
                     BODY, id="dek-before-byline"),
        pytest.param(f"By Jane Doe\nShips wait (Wire Photo/Ken Arlo)\n\n{BODY}", BODY, id="caption-after-byline"),
    ],
)
def test_short_opening_paragraphs_are_body(raw: str, expected_text: str) -> None:
    assert load_text(raw).text == expected_text


@pytest.mark.parametrize(
    ("footer", "expected_source"),
    [
        ("(This article has not been checked by Harbor Wire staff and comes unedited from an agency feed.)",
         "Harbor Wire"),
        ("Subscribe to Coastal Ledger’s daily briefing on the ferry dispute, sent out every morning.",
         "Coastal Ledger"),
        ("Install the Tidewater Daily app", "Tidewater Daily"),
        ("Tap here to download the Harbor Times app", "Harbor Times"),
        ("© 2022 Harbor Times Media. All rights reserved.", "Harbor Times Media"),
        ("Copyright Eastvale Courier", "Eastvale Courier"),
        ("Copyright infringement claims are rising, the board said.", None),
        ("Install the latest update to see the timetable.", None),
        ("(Only the headline of this story has been changed by the Coastal Ledger staff; the rest comes from a "
         "partner feed.)", "Coastal Ledger"),
        ("The port says 40 boats were damaged, a figure Harbor Wire could not independently verify.", "Harbor Wire"),
        ("Harbor Wire could not immediately verify the count.", "Harbor Wire"),
        ("Source: Tidewater Daily and news agencies", "Tidewater Daily"),
        ("Back the Eastvale Courier for as little as €2 a month.", "Eastvale Courier"),
        ("You can back independent local reporting from as little as £2 a month.", None),
        ("It could not independently verify the figures, the board said.", None),
        ("Officials could not independently verify the count.", None),
        ("The timetable was checked by harbour staff on Monday.", None),
        ("Source: Westport port authority", None),
    ],
)
def test_outlet_named_in_body_or_footer(footer: str, expected_source: str | None) -> None:
    article = load_text(f"Ferry Plan\n\n{BODY}\n\n{footer}")
    assert article.source == expected_source


def test_header_outlet_beats_footer_outlet() -> None:
    raw = f"Source: Coastal Ledger\n\n{BODY}\n\nCopyright Eastvale Courier"
    assert load_text(raw).source == "Coastal Ledger"


@pytest.mark.parametrize(
    "contributor_line",
    [
        "Lena Park in Eastvale and Omar Diaz in Westport contributed to this report.",
        "Lena Park contributed reporting to this story.",
        "With reporting by Northwire, Coastal Press, and Harbor Wire",
        "Reporting by Lena Park; Editing by Omar Diaz",
        "(Reporting by Lena Park; Additional reporting by Omar Diaz; Editing by Ivo Marr)",
    ],
)
def test_contributor_lines_are_removed_and_not_authors(contributor_line: str) -> None:
    article = load_text(f"Ferry Plan\nBy Jane Doe\n\n{LEAD}\n{contributor_line}\n{SECOND}")
    assert article.text == BODY
    assert article.authors == ("Jane Doe",)


@pytest.mark.parametrize(
    ("credit_line", "authors"),
    [
        ("Reporting by Lena Park in Westport and Omar Diaz in Eastvale; Editing by Ivo Marr",
         ("Lena Park", "Omar Diaz")),
        ("(Reporting by Lena Park; Additional reporting by Omar Diaz; Editing by Ivo Marr)", ("Lena Park",)),
        ("Reporting by Lena Park, Omar Diaz and Northwire", ("Lena Park", "Omar Diaz")),
        # Agencies, editors and helpers are not the authors.
        ("With reporting by Northwire, Coastal Press, and Harbor Wire", ()),
        ("Additional reporting by Lena Park; Editing by Ivo Marr", ()),
        ("Writing by Lena Park; Editing by Ivo Marr", ()),
    ],
)
def test_wire_credit_line_names_the_authors(credit_line: str, authors: tuple[str, ...]) -> None:
    article = load_text(f"Ferry Plan\n\n{LEAD}\n\n{SECOND}\n\n{credit_line}")
    assert (article.authors, article.text) == (authors, BODY)


def test_header_authors_beat_the_wire_credit_line() -> None:
    article = load_text(f"Ferry Plan\nBy Ana Ruiz\n\n{BODY}\n\nReporting by Lena Park; Editing by Ivo Marr")
    assert article.authors == ("Ana Ruiz",)


# --- paragraphs ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        pytest.param(
            "Harbor officials in Eastvale said on Tuesday that the new\n"
            "ferry timetable would start in April, ending years of\n"
            "delays for commuters.\n\n"
            "The board chair said the boats would run every twenty\n"
            "minutes from the first week of the new timetable onward.",
            "Harbor officials in Eastvale said on Tuesday that the new ferry timetable would start in April, "
            "ending years of delays for commuters.\n\n"
            "The board chair said the boats would run every twenty minutes from the first week of the new "
            "timetable onward.",
            id="hard-wrapped",
        ),
        pytest.param(
            "Ferry Plan Wins Vote\nBy Jane Doe\n\n"
            "Harbor officials in Eastvale said on Tuesday that the new\n"
            "ferry timetable would start in April, ending years of\n"
            "delays for commuters.",
            "Harbor officials in Eastvale said on Tuesday that the new ferry timetable would start in April, "
            "ending years of delays for commuters.",
            id="hard-wrapped-after-header",
        ),
        pytest.param(
            # A wire dateline opens the story even when its first line, wrapped inside a
            # name, is all capitalised words.
            "Ferry Plan Wins Vote\nBy Jane Doe\n\n"
            "EASTVALE, April 3 Northland Harbor Minister Lee\n"
            "Soo-min said on Tuesday that the new ferry timetable\n"
            "would start in April, ending years of delays.",
            "EASTVALE, April 3 Northland Harbor Minister Lee Soo-min said on Tuesday that the new ferry "
            "timetable would start in April, ending years of delays.",
            id="hard-wrapped-dateline-line",
        ),
        pytest.param(
            "The board said the long-awaited peace-\nkeeping deal for the harbor unions had\nbeen signed.",
            "The board said the long-awaited peace-keeping deal for the harbor unions had been signed.",
            id="hyphen-at-wrap",
        ),
        pytest.param(f"{LEAD}\n{SECOND}", BODY, id="one-line-per-paragraph"),
        pytest.param(f"\n\n  {LEAD}  \n\n\n\n{SECOND}\n\n", BODY, id="extra-blank-lines-and-edges"),
        pytest.param(
            "Harbor   officials\tin Eastvale said on Tuesday that the new ferry timetable would start in "
            "April,\u00a0 ending years of delays for commuters.",
            LEAD,
            id="spaces-collapsed",
        ),
        pytest.param(
            f"{LEAD}\n\n- first stop at Eastvale pier\n- second stop at Westport quay",
            # Each item stays its own paragraph; the bullet marks are layout and go.
            f"{LEAD}\n\nfirst stop at Eastvale pier\n\nsecond stop at Westport quay",
            id="list-items-not-joined",
        ),
        pytest.param(
            "Short one.\nShort two.\nShort three.",
            "Short one.\n\nShort two.\n\nShort three.",
            id="short-sentences-not-joined",
        ),
    ],
)
def test_paragraphs(raw: str, expected: str) -> None:
    assert load_text(raw).text == expected


def test_hard_wrapped_article_keeps_its_header() -> None:
    article = load_text(
        "Ferry Plan Wins Vote\nBy Jane Doe\n\n"
        "Harbor officials in Eastvale said on Tuesday that the new\n"
        "ferry timetable would start in April, ending years of\n"
        "delays for commuters."
    )
    assert (article.title, article.authors) == ("Ferry Plan Wins Vote", ("Jane Doe",))


# --- decoding ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "expected_text", "expected_note"),
    [
        pytest.param("café “quoted”".encode(), "café “quoted”", None, id="utf-8"),
        pytest.param(b"\xef\xbb\xbfHarbor", "Harbor", None, id="utf-8-bom"),
        pytest.param(b"\x93quoted\x94 \x96 dash", "“quoted” – dash", "not UTF-8: decoded as cp1252", id="cp1252"),
        pytest.param(b"caf\xe9 na\xefve", "café naïve", "not UTF-8: decoded as latin-1", id="latin-1"),
        pytest.param(b"caf\xe9 \x81", "café ", "not UTF-8: decoded as latin-1", id="cp1252-undefined-byte"),
        pytest.param(b"one\r\ntwo\rthree\n", "one\ntwo\nthree\n", None, id="crlf-and-cr"),
        pytest.param("e\u0301".encode(), "é", None, id="nfc"),
        pytest.param(b"a\x07b\tc\x1b", "ab\tc", None, id="control-characters"),
        pytest.param("\ufeffHarbor".encode("utf-16"), "Harbor", "not UTF-8: decoded as UTF-16", id="utf-16"),
        # UTF-32-LE's byte-order mark starts with UTF-16-LE's.
        pytest.param("\ufeffHarbor".encode("utf-32-le"), "Harbor", "not UTF-8: decoded as UTF-32", id="utf-32-le"),
        pytest.param("\ufeffHarbor".encode("utf-32-be"), "Harbor", "not UTF-8: decoded as UTF-32", id="utf-32-be"),
        pytest.param("\ufeffHar\u00f6bor".encode("utf-16-be"), "Haröbor", "not UTF-8: decoded as UTF-16", id="utf-16-be"),
    ],
)
def test_decode(data: bytes, expected_text: str, expected_note: str | None) -> None:
    assert decode(data) == (expected_text, expected_note)


def test_cp1252_file_gets_a_note(tmp_path: Path) -> None:
    _write(tmp_path / "a.txt", f"{LEAD}\r\n\r\n“We listened,” she said.".encode("cp1252"))
    article = _only(list(iter_inputs([tmp_path / "a.txt"])))
    assert isinstance(article, Article)
    assert article.text == f"{LEAD}\n\n“We listened,” she said."
    assert article.notes == ("not UTF-8: decoded as cp1252",)


# --- article ids ---------------------------------------------------------------------


def test_article_id_is_stable_across_paths_and_headers(tmp_path: Path) -> None:
    _write(tmp_path / "one" / "a.txt", f"Ferry Plan\nBy Jane Doe\n\n{BODY}")
    _write(tmp_path / "two" / "b.txt", f"Source: Coastal Ledger\n\n{BODY}\n\nSource link")
    first, second = iter_inputs([tmp_path])
    assert isinstance(first, Article) and isinstance(second, Article)
    assert first.id == second.id == article_id(BODY)


@pytest.mark.parametrize(
    ("left", "right", "same"),
    [
        (BODY, BODY, True),
        (BODY, BODY.upper(), True),
        (BODY, BODY.replace(" ", "  ").replace("\n\n", "\n"), True),
        ("Caf\u00e9 harbor", "Cafe\u0301 harbor", True),
        (BODY, LEAD, False),
    ],
)
def test_article_id(left: str, right: str, same: bool) -> None:
    assert re.fullmatch(r"[0-9a-f]{16}", article_id(left))
    assert (article_id(left) == article_id(right)) is same


# --- files and folders ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "content", "status", "reason"),
    [
        ("empty.txt", b"", "failed", "empty file"),
        ("blank.txt", b"  \n\t\r\n  ", "failed", "empty file"),
        ("bom-only.txt", b"\xef\xbb\xbf \xc2\xa0\n", "failed", "empty file"),
        ("scan.txt", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", "failed", "binary file (looks like PDF)"),
        ("chart.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "failed", "binary file (looks like PNG image)"),
        ("blob.txt", b"harbor\x00\x01ferry", "failed", "binary file (contains NUL bytes)"),
        ("junk.txt", b"Advertisement\n\nSource link\n\nLeave a Reply\n", "failed",
         "no body text left after removing header lines and page furniture"),
        ("report.pdf", b"%PDF-1.7", "skipped", "unsupported format .pdf (claimtrack reads .txt, .html, .htm, .json, .jsonl and .ndjson)"),
        ("notes.md", BODY.encode(), "skipped", "unsupported format .md (claimtrack reads .txt, .html, .htm, .json, .jsonl and .ndjson)"),
        ("README", BODY.encode(), "skipped", "unsupported format without an extension (claimtrack reads .txt, .html, .htm, .json, .jsonl and .ndjson)"),
    ],
)
def test_file_problems_are_outcomes(tmp_path: Path, name: str, content: bytes, status: str, reason: str) -> None:
    path = _write(tmp_path / name, content)
    assert _only(list(iter_inputs([path]))) == FileOutcome(path=str(path), status=status, reason=reason)


def test_oversized_file(tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    with open(path, "wb") as handle:
        handle.truncate(52_400_000)  # sparse: nothing is written or read
    outcome = _only(list(iter_inputs([path])))
    assert outcome == FileOutcome(path=str(path), status="failed", reason="file is 52.4 MB, over the 20.0 MB limit (--max-bytes raises it)")


def test_max_bytes_is_configurable(tmp_path: Path) -> None:
    path = _write(tmp_path / "a.txt", "x" * 2_500)
    outcome = _only(list(iter_inputs([path], max_bytes=1_000)))
    assert outcome == FileOutcome(path=str(path), status="failed", reason="file is 2.5 KB, over the 1.0 KB limit (--max-bytes raises it)")


def test_missing_path(tmp_path: Path) -> None:
    missing = str(tmp_path / "nowhere" / "a.txt")
    assert list(iter_inputs([missing])) == [
        FileOutcome(path=missing, status="missing", reason="no such file or directory")
    ]


def test_unreadable_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = _write(tmp_path / "locked.txt", BODY)

    def refuse(*args: object, **kwargs: object) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(reading, "open", refuse, raising=False)
    outcome = _only(list(iter_inputs([path])))
    assert outcome == FileOutcome(path=str(path), status="failed", reason="cannot read file: permission denied")


def test_folder_walk_order_hidden_and_sidecars(tmp_path: Path) -> None:
    _write(tmp_path / "b.txt", BODY)
    _write(tmp_path / "a" / "z.txt", BODY)
    _write(tmp_path / "a" / "deeper" / "y.txt", BODY)
    _write(tmp_path / "a" / "x.pdf", b"%PDF")
    _write(tmp_path / "c.txt", BODY)
    _write(tmp_path / "c.meta.json", json.dumps({"title": "Side"}))
    _write(tmp_path / "orphan.meta.json", "{}")
    _write(tmp_path / ".hidden.txt", BODY)
    _write(tmp_path / ".cache" / "d.txt", BODY)
    (tmp_path / "a" / "loop").symlink_to(tmp_path, target_is_directory=True)

    folder = f"{tmp_path}{os.sep}"
    results = list(iter_inputs([folder]))
    assert [(result.path, type(result).__name__) for result in results] == [
        (f"{folder}a{os.sep}deeper{os.sep}y.txt", "Article"),
        (f"{folder}a{os.sep}loop", "FileOutcome"),
        (f"{folder}a{os.sep}x.pdf", "FileOutcome"),
        (f"{folder}a{os.sep}z.txt", "Article"),
        (f"{folder}b.txt", "Article"),
        (f"{folder}c.txt", "Article"),
    ]
    assert results[1] == FileOutcome(path=f"{folder}a{os.sep}loop", status="skipped",
                                     reason="symlink to a folder, not followed")
    assert results[-1].title == "Side"


@pytest.mark.parametrize(
    ("target", "status", "reason"),
    [
        ("nowhere.txt", "failed", "broken symlink"),
        ("link.txt", "failed", "cannot read path: too many levels of symbolic links"),
        # A device is there, it is just no file to read.
        ("/dev/null", "skipped", "not a regular file"),
        ("/dev/zero", "skipped", "not a regular file"),
    ],
)
def test_symlinks_in_a_folder_that_give_no_file(tmp_path: Path, target: str, status: str, reason: str) -> None:
    (tmp_path / "link.txt").symlink_to(tmp_path / target)
    assert list(iter_inputs([tmp_path])) == [
        FileOutcome(path=str(tmp_path / "link.txt"), status=status, reason=reason)
    ]


@pytest.mark.parametrize("max_bytes", [10**12, 10**23], ids=["terabyte", "beyond-any-index"])
def test_a_huge_max_bytes_reads_files_as_they_are(tmp_path: Path, max_bytes: int) -> None:
    article = _only(list(iter_inputs([_write(tmp_path / "a.txt", BODY)], max_bytes=max_bytes)))
    assert isinstance(article, Article) and article.text == BODY


def test_standard_input_is_planned_once(tmp_path: Path) -> None:
    path = _write(tmp_path / "a.txt", BODY)
    assert list(plan_inputs(["-", str(path), "-"])) == [
        "-", str(path), FileOutcome(path="<stdin>", status="skipped", reason="standard input (-) was read already")
    ]


def test_paths_keep_the_order_given(tmp_path: Path) -> None:
    second = _write(tmp_path / "b.txt", BODY)
    first = _write(tmp_path / "a.txt", BODY)
    explicit_hidden = _write(tmp_path / ".draft.txt", BODY)
    paths = [result.path for result in iter_inputs([str(second), first, explicit_hidden])]
    assert paths == [str(second), str(first), str(explicit_hidden)]


# --- sidecars and run-wide overrides -------------------------------------------------

FILE_TEXT = f"Ferry Plan Wins Vote\nBy Jane Doe, Tidewater Staff\nPosted Mar 8, 2022 9:05 AM EST\n\n{BODY}"
FILE_FIELDS = {"title": "Ferry Plan Wins Vote", "source": "Tidewater", "published": D(2022, 3, 8),
               "authors": ("Jane Doe",), "url": None}


@pytest.mark.parametrize(
    ("sidecar", "expected_changes", "note"),
    [
        pytest.param(
            {"title": "Side Title", "source": "Side Outlet", "published": "2021-12-31",
             "authors": ["Ana Ruiz", "Ivo Marr"], "url": "https://side.example/a"},
            {"title": "Side Title", "source": "Side Outlet", "published": D(2021, 12, 31),
             "authors": ("Ana Ruiz", "Ivo Marr"), "url": "https://side.example/a"},
            None,
            id="all-fields",
        ),
        pytest.param({"authors": "Ana Ruiz and Ivo Marr"}, {"authors": ("Ana Ruiz", "Ivo Marr")}, None,
                     id="authors-string"),
        pytest.param({"published": None}, {"published": None}, None, id="null-clears"),
        pytest.param({}, {}, None, id="empty-object"),
        pytest.param("{not json", {}, "ignored sidecar a.meta.json: invalid JSON", id="invalid-json"),
        pytest.param({"title": 7}, {}, "ignored sidecar a.meta.json: 'title' must be a string", id="wrong-type"),
        pytest.param({"published": "8 March 2022"}, {},
                     "ignored sidecar a.meta.json: 'published' must be a YYYY-MM-DD date", id="bad-date"),
        pytest.param({"authors": [1]}, {},
                     "ignored sidecar a.meta.json: 'authors' must be a string or a list", id="bad-authors"),
        pytest.param({"title": "Side", "colour": "blue"}, {},
                     "ignored sidecar a.meta.json: unknown key 'colour'", id="unknown-key"),
        pytest.param(["title"], {}, "ignored sidecar a.meta.json: expected a JSON object", id="not-an-object"),
        pytest.param('{"title": ' + "[" * 1500 + "]" * 1500 + "}", {},
                     "ignored sidecar a.meta.json: unreadable JSON: nested more than 100 levels deep", id="deep"),
        pytest.param('{"title": "Side", "authors": [' + "[" * 150 + "]" * 150 + "]}", {},
                     "ignored sidecar a.meta.json: unreadable JSON: nested more than 100 levels deep",
                     id="deep-under-the-stack-limit"),
        pytest.param('{"title": ' + "7" * 5000 + "}", {},
                     "ignored sidecar a.meta.json: unreadable JSON: a number longer than 4300 digits", id="huge-number"),
        pytest.param('{"title": "Side \\ud800Title"}', {"title": "Side \ufffdTitle"},
                     "sidecar a.meta.json: lone surrogate escapes (\\ud800) replaced with U+FFFD", id="lone-surrogate"),
        pytest.param({"title": "\x1b]0;owned\x07Side\x1b[2J Title", "source": "Side\r\nOutlet\x07",
                      "authors": ["Ana\x1b[31m Ruiz"], "url": "https://side.example/\x1b[0ma"},
                     {"title": "]0;ownedSide[2J Title", "source": "Side Outlet", "authors": ("Ana[31m Ruiz",),
                      "url": "https://side.example/[0ma"},
                     None, id="control-characters"),
    ],
)
def test_sidecar(tmp_path: Path, sidecar: object, expected_changes: dict[str, object], note: str | None) -> None:
    path = _write(tmp_path / "a.txt", FILE_TEXT)
    _write(tmp_path / "a.meta.json", sidecar if isinstance(sidecar, str) else json.dumps(sidecar))
    article = _only(list(iter_inputs([path])))
    assert isinstance(article, Article)
    assert _fields(article) == {**FILE_FIELDS, **expected_changes}
    assert article.text == BODY
    if note is None:
        assert article.notes == ()
    else:
        assert len(article.notes) == 1 and article.notes[0].startswith(note)


@pytest.mark.parametrize(
    ("make_sidecar", "note"),
    [
        (lambda path: path.symlink_to("/dev/null"), "ignored sidecar a.meta.json: not a regular file"),
        (lambda path: path.mkdir(), "ignored sidecar a.meta.json: cannot read file: is a directory"),
        (lambda path: _write(path, '{"title": "' + "x" * 3_000 + '"}'),
         "ignored sidecar a.meta.json: file is 3.0 KB, over the 2.5 KB limit (--max-bytes raises it)"),
    ],
    ids=["device", "folder", "over-max-bytes"],
)
def test_a_sidecar_that_is_no_small_regular_file_is_never_read(tmp_path: Path, make_sidecar, note: str) -> None:
    # A FIFO and /dev/zero are tried in test_robustness, in a process bounded in time
    # and memory: here, a regression would hang the test run or fill its memory.
    path = _write(tmp_path / "a.txt", FILE_TEXT)
    make_sidecar(tmp_path / "a.meta.json")
    article = _only(list(iter_inputs([path], max_bytes=2_500)))
    assert isinstance(article, Article)
    assert (_fields(article), article.notes) == (FILE_FIELDS, (note,))


@pytest.mark.parametrize(
    ("sidecar", "expected_source", "expected_published"),
    [
        (None, "Run Outlet", D(2020, 5, 1)),
        ({"source": "Side Outlet"}, "Side Outlet", D(2020, 5, 1)),
        ({"published": "2019-01-02"}, "Run Outlet", D(2019, 1, 2)),
    ],
)
def test_precedence_sidecar_then_run_wide_then_file(
    tmp_path: Path, sidecar: dict[str, str] | None, expected_source: str, expected_published: dt.date
) -> None:
    path = _write(tmp_path / "a.txt", FILE_TEXT)
    if sidecar is not None:
        _write(tmp_path / "a.meta.json", json.dumps(sidecar))
    article = _only(list(iter_inputs([path], published=D(2020, 5, 1), source="Run Outlet")))
    assert isinstance(article, Article)
    assert (article.source, article.published, article.title) == (
        expected_source, expected_published, "Ferry Plan Wins Vote"
    )


def test_run_wide_source_is_cleaned_like_the_text(tmp_path: Path) -> None:
    path = _write(tmp_path / "a.txt", FILE_TEXT)
    article = _only(list(iter_inputs([path], source="Run\x1b]0;owned\x07 Outlet\r=1+2")))
    assert isinstance(article, Article)
    assert article.source == "Run]0;owned Outlet =1+2"


def test_without_overrides_the_file_decides(tmp_path: Path) -> None:
    article = _only(list(iter_inputs([_write(tmp_path / "a.txt", FILE_TEXT)])))
    assert isinstance(article, Article)
    assert _fields(article) == FILE_FIELDS


# --- seed articles -------------------------------------------------------------------


def test_seed_articles() -> None:
    expected = {
        "000": ("CNN", D(2022, 1, 26), ("Clarissa Ward", "Brent Swails", "Jack Guy"), None, None,
                'Ukraine "will not allow anyone to impose any concessions on us"'),
        "001": ("RFE/RL", None, (),
                "Ukraine’s Kuleba Says Russian Troop Buildup Continues But Diplomacy Still Has A Chance", None, "Ukrainian Foreign Minister Dmytro Kuleba says the number of Russian troops"),
        "002": ("nbcwashington.com", D(2021, 12, 2), (), "US Warns Russia as Kremlin Talks About War Threat in Ukraine",
                "https://www.nbcwashington.com/news/national-international/"
                "us-warns-russia-as-kremlin-talks-about-war-threat-in-ukraine/2899089/",
                "Denis Pushilin, the head of the self-proclaimed separatist republic"),
        "003": ("Newser", D(2022, 2, 14), ("Rob Quinn",), "Ukraine Rejects Demand to Drop NATO Bid", None,
                "American officials warned over the weekend"),
        "004": ("NDTV", None, (), "Russia Says US Failing On Ukraine But More Talks Possible", None,
                "Russia said Thursday that the United States was failing"),
    }
    furniture = ("clipboard", "Leave a Reply", "Leave A Reply", "Get the news faster", "(AP Photo", "Source link",
                 "contributed to this report", "With reporting by", "(More ", "Embed share", "(file photo)",
                 "(Representational)", "Check out", "syndicated feed")
    articles = [result for result in iter_inputs([REPO_ROOT / "seeds"]) if isinstance(result, Article)]
    assert len(articles) == 5
    for article in articles:
        source, published, authors, title, url, lead = expected[Path(article.path or "").name[:3]]
        assert (article.source, article.published, article.authors, article.title, article.url) == (
            source, published, authors, title, url
        ), article.path
        paragraphs = article.text.split("\n\n")
        assert paragraphs[0].startswith(lead), article.path
        assert all(paragraph and paragraph == paragraph.strip() and "\n" not in paragraph for paragraph in paragraphs)
        for marker in furniture:
            assert marker not in article.text, (article.path, marker)


def test_count_inputs_matches_the_outcomes(tmp_path):
    (tmp_path / "sub").mkdir()
    (tmp_path / "a.txt").write_text("Body text of a story that is long enough to count as a paragraph here.\n")
    (tmp_path / "sub" / "b.txt").write_text("")
    (tmp_path / "sub" / "c.pdf").write_bytes(b"%PDF-1.4")
    (tmp_path / "a.meta.json").write_text("{}")
    (tmp_path / ".hidden.txt").write_text("secret")
    paths = [tmp_path, tmp_path / "missing.txt"]
    assert count_inputs(paths) == len(list(iter_inputs(paths))) == 4


@pytest.mark.parametrize(
    ("first_line", "expected"),
    [
        ("LISBON, March 3 (Wirename) - The port reopened on Monday after a week of strikes by dock workers.", "Wirename"),
        ("KYRENIA (Coast Wire) — Ferry services resumed on Tuesday after storms closed the harbour for days.", "Coast Wire"),
        ("Ferry services resumed on Tuesday (local time) - after storms closed the harbour for several days.", None),
        ("The harbour (which reopened) - was busy again on Tuesday after storms had closed it for days.", None),
    ],
)
def test_dateline_names_the_outlet(first_line, expected):
    assert load_text(first_line + "\n").source == expected


LIBRARY_STORY = "The council voted on Tuesday to close the branch library at the end of March, officials said.\n"


@pytest.mark.parametrize(
    ("header", "authors", "source"),
    [
        # A byline without "By": a name, maybe where or what the author reports.
        ("Harbour Closes Early\n\nMarta Lindqvist in Gothenburg\n", ["Marta Lindqvist"], None),
        ("Harbour Closes Early\n\nMarta Lindqvist Science correspondent\n", ["Marta Lindqvist"], None),
        # Several names, each with where they report.
        ("Harbour Closes Early\n\nMarta Lindqvist in Gothenburg and Ivo Marr in Oslo\n",
         ["Marta Lindqvist", "Ivo Marr"], None),
        ("Harbour Closes Early\n\nMarta Lindqvist in Trinidad and Tobago\n", ["Marta Lindqvist"], None),
        # An outlet after a pipe, or on its own line under the byline.
        ("Harbour Closes Early\n\nBy Marta Lindqvist | Westbay Gazette\n", ["Marta Lindqvist"], "Westbay Gazette"),
        ("Harbour Closes Early\n\nBy Marta Lindqvist\nWestbay News, Coastal province\n", ["Marta Lindqvist"], "Westbay News"),
        # A headline that happens to start with a name is not a byline.
        ("Harbour Master Resigns Over Closure\n", [], None),
    ],
)
def test_bylines_without_by_and_outlet_lines(header, authors, source):
    article = load_text(header + "\n" + LIBRARY_STORY)
    assert (list(article.authors), article.source) == (authors, source)


@pytest.mark.parametrize(
    ("paragraph", "expected"),
    [
        ("- Harbour Minister Ola Berg said on Monday that the cranes would be repaired soon.", "Harbour Minister Ola Berg said"),
        ("• Harbour Minister Ola Berg said on Monday that the cranes would be repaired soon.", "Harbour Minister Ola Berg said"),
        # A minus sign or a hyphenated word is not a bullet.
        ("-5 degrees were recorded at the harbour on Monday as the cranes froze solid overnight.", "-5 degrees"),
    ],
)
def test_bullet_markers_are_layout(paragraph, expected):
    article = load_text(f"Cranes frozen at the harbour\n\nBy Jane Doe\n\n{paragraph}\n\nThe port will reopen when the weather turns, the harbour master said on Tuesday evening.", path="x.txt")
    assert article.text.startswith(expected), article.text[:120]


# --- a scrape that lost its line breaks ----------------------------------------------

HARBOR_STRIKE = (REPO_ROOT / "data" / "fixtures" / "harbor_strike.txt").read_text(encoding="utf-8")
STRIKE_FIELDS = {"title": "Dockworkers Extend Strike as Talks Stall", "source": "Coastal Ledger",
                 "published": D(2023, 3, 9), "authors": ("Priya Nandakumar",), "url": None}
STRIKE_LEAD = "Dockworkers at the port of Valmora will stay off the job for a second week"


@pytest.mark.parametrize(
    ("flatten", "fields", "paragraphs"),
    [
        # `tr '\n' ' '`: the paragraph breaks survive as runs of spaces.
        (lambda text: text.replace("\n", " "), STRIKE_FIELDS, 6),
        # Every break gone, only single spaces left.
        (lambda text: " ".join(text.split()), STRIKE_FIELDS, 1),
        # Only the header and the first paragraph run together.
        (lambda text: text.replace("\n\n", "\n", 1).replace("\n", " ", 4), STRIKE_FIELDS, 6),
        # Keys in capitals, a date with a time, and the dateline after the byline.
        (lambda text: "SOURCE: Coastal Ledger DATE: March 9, 2023 10:15 AM BY: Priya Nandakumar and Ivo Marr "
                      + text.split("\n\n", 1)[1].replace("\n", " "),
         {**STRIKE_FIELDS, "title": None, "authors": ("Priya Nandakumar", "Ivo Marr")}, 6),
        (lambda text: "URL: https://coastal-ledger.example/strike " + " ".join(text.split("\n\n", 1)[1].split()),
         {"title": None, "source": "coastal-ledger.example", "published": None, "authors": (),
          "url": "https://coastal-ledger.example/strike"}, 1),
        # A date key with no date: the key goes, the story stays.
        (lambda text: "Date: unknown " + " ".join(text.split("\n\n", 1)[1].split()),
         {"title": None, "source": None, "published": None, "authors": (), "url": None}, 1),
    ],
    ids=["tr-newlines", "single-spaces", "header-and-lede", "capital-keys", "url-key", "undated"],
)
def test_a_text_that_lost_its_line_breaks_keeps_its_header_and_body(flatten, fields, paragraphs) -> None:
    article = load_text(flatten(HARBOR_STRIKE))
    assert _fields(article) == fields
    start = article.text.find(STRIKE_LEAD)
    assert 0 <= start <= len("unknown ")  # the undated row keeps its word, as the story's start
    assert article.text.endswith("urged both sides to return to talks on Friday.")
    assert len(article.text.split("\n\n")) == paragraphs


LONG_TITLE = " ".join(["Harbor Board Says The Ferry Timetable Will Change Again"] * 3)
LONG_URL = "https://harbor-daily.example/" + "ferry-" * 30
LONG_QUESTION = (
    "Why the harbor board says the ferry timetable will change again, and what commuters on the "
    "northern routes can do about it before the crossings resume in the spring?"
)


@pytest.mark.parametrize(
    ("raw", "title", "url"),
    [
        # A long headline, alone on its line: still the title.
        (f"Title: {LONG_TITLE}\n\n{BODY}", LONG_TITLE, None),
        (f"Title: {LONG_QUESTION}\n\n{BODY}", LONG_QUESTION, None),
        # A long URL line is a URL, not a story.
        (f"Link: {LONG_URL}\n\n{BODY}", None, LONG_URL),
    ],
    ids=["long-title", "long-sentence-case-title", "long-url"],
)
def test_long_header_lines_with_line_breaks_are_left_alone(raw: str, title: str | None, url: str | None) -> None:
    article = load_text(raw)
    assert (article.title, article.url, article.text) == (title, url, BODY)
