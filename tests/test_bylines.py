"""Bylines and outlets: who wrote a plain-text article and which outlet published it.

Every name, outlet and sentence here is invented.
"""

from __future__ import annotations

import pytest

from claimtrack.inputs.bylines import byline_metadata, unprefixed_byline
from claimtrack.inputs.outlets import OUTLET_LINE, full_outlet_name
from claimtrack.inputs.readers.text import load_text

HEADLINE = "Ferry Plan Wins Council Vote"
LEAD = (
    "Harbor officials in Eastvale said on Tuesday that the new ferry timetable would start in "
    "April, ending years of delays for commuters."
)
DATELINE_LEAD = "LINDPORT, March 3 (WWS) - " + LEAD


def _byline_of(header: str, body: str = LEAD) -> tuple[tuple[str, ...], str | None]:
    article = load_text(f"{HEADLINE}\n{header}\n\n{body}\n")
    assert article.title == HEADLINE
    assert article.text.startswith(body.split("\n", 1)[0])  # the byline never reaches the body
    return article.authors, article.source


@pytest.mark.parametrize(
    ("header", "authors", "source"),
    [
        # The outlet after the names, however the byline sets it off.
        ("By Maria Okafor, Riverton Courier", ("Maria Okafor",), "Riverton Courier"),
        ("By Maria Okafor and Tomas Hale, Riverton Courier", ("Maria Okafor", "Tomas Hale"), "Riverton Courier"),
        ("By Maria Okafor / Riverton Courier", ("Maria Okafor",), "Riverton Courier"),
        ("By Maria Okafor, Riverton Courier staff", ("Maria Okafor",), "Riverton Courier"),
        ("BY MARIA OKAFOR, RIVERTON COURIER", ("MARIA OKAFOR",), "RIVERTON COURIER"),
        ("Author: Maria Okafor, Riverton Courier", ("Maria Okafor",), "Riverton Courier"),
        # Without "By": the outlet and a given name tell it from a headline.
        ("Maria Okafor | Riverton Courier", ("Maria Okafor",), "Riverton Courier"),
        ("Maria Okafor, Riverton Courier staff", ("Maria Okafor",), "Riverton Courier"),
        ("Maria Okafor | Riverton Courier | March 8, 2022", ("Maria Okafor",), "Riverton Courier"),
        # A given name first, but where the byline names its outlet, with an outlet word.
        ("By Maria Okafor, Victoria Times", ("Maria Okafor",), "Victoria Times"),
        # No outlet word, but more capitalised words than a person's name and no given name.
        ("By Maria Okafor, North Valley Regional Community Service", ("Maria Okafor",),
         "North Valley Regional Community Service"),
        # An outlet word that is a common surname too makes an outlet only in a longer name.
        ("By Maria Okafor, Lindport Evening Post", ("Maria Okafor",), "Lindport Evening Post"),
        # Rows that name no outlet.
        ("By Emily Post", ("Emily Post",), None),
        ("By Maria Okafor and Emily Post", ("Maria Okafor", "Emily Post"), None),
        ("By Maria Okafor, Wei Sun", ("Maria Okafor", "Wei Sun"), None),
        ("By Maria Okafor and Karel Post", ("Maria Okafor", "Karel Post"), None),
        ("By Maria Okafor / Tomas Hale", ("Maria Okafor", "Tomas Hale"), None),
        ("By Maria Okafor, Staff Writer", ("Maria Okafor",), None),
        ("By Maria Okafor, staff writer", ("Maria Okafor",), None),
        ("Storm Hits Coast | Riverton Courier", (), None),
        ("Tomas Hale, Harbour Master", (), None),
    ],
)
def test_byline_authors_and_outlet(header: str, authors: tuple[str, ...], source: str | None) -> None:
    assert _byline_of(header) == (authors, source)


@pytest.mark.parametrize(
    ("header", "body", "source"),
    [
        # The byline's full name beats the dateline's abbreviation.
        ("By Maria Okafor, Western Wire Service", DATELINE_LEAD, "Western Wire Service"),
        # An abbreviation is the outlet whose initials it is, named in the same article.
        ("By Maria Okafor", DATELINE_LEAD + "\n\n© 2024 Western Wire Service", "Western Wire Service"),
        ("By Maria Okafor", DATELINE_LEAD + " The Western Wire Service first reported the delays.",
         "Western Wire Service"),
        ("By Maria Okafor, WWS", LEAD + " Western Wire Service first reported the delays.", "Western Wire Service"),
        ("Source: HNS", LEAD + " Harbor-News Service first reported the delays.", "Harbor-News Service"),
        # Rows where the abbreviation stays.
        ("By Maria Okafor", DATELINE_LEAD, "WWS"),
        ("By Maria Okafor", DATELINE_LEAD + " Western Water Services runs the pumps.", "WWS"),
        ("By Maria Okafor", DATELINE_LEAD + " West Wharf Street was closed.", "WWS"),
        # A full outlet name that is not the abbreviation's leaves the order as it was.
        ("By Maria Okafor, Riverton Courier", DATELINE_LEAD, "Riverton Courier"),
    ],
)
def test_abbreviated_outlets(header: str, body: str, source: str) -> None:
    assert _byline_of(header, body)[1] == source


@pytest.mark.parametrize(
    ("abbreviation", "outlets", "text", "expected"),
    [
        ("WWS", ["Western Wire Service"], "", "Western Wire Service"),
        ("W.W.S.", [None, "Western Wire Service"], "", "Western Wire Service"),
        ("RC", [], "Reporters for the Riverton Courier said so.", "Riverton Courier"),
        ("BNT", [], "Staff at the Bank of the North Times wrote it.", "Bank of the North Times"),
        ("WWS", ["WWS", "Riverton Courier"], "", None),
        ("WWS", [], "Western Water Services and West Wharf Street.", None),
        ("RC", [], "the riverton courier, in lower case", None),
    ],
)
def test_full_outlet_name(abbreviation: str, outlets: list[str | None], text: str, expected: str | None) -> None:
    assert full_outlet_name(abbreviation, outlets, text) == expected


@pytest.mark.parametrize(
    ("byline", "expected"),
    [
        ("Maria Okafor | Riverton Courier", {"authors": ["Maria Okafor"], "byline_outlet": "Riverton Courier"}),
        ("Maria Okafor and Tomas Hale, Riverton Gazette staff",
         {"authors": ["Maria Okafor", "Tomas Hale"], "byline_outlet": "Riverton Gazette"}),
        ("Maria Okafor / Lindport Herald", {"authors": ["Maria Okafor"], "byline_outlet": "Lindport Herald"}),
        # A headline, a name with a role or with a date only, a byline with "By": none of them.
        ("Ferry Talks | Riverton Courier", None),
        ("Maria Okafor, Harbour Master", None),
        ("Maria Okafor | March 8, 2022", None),
        ("Maria Okafor", None),
        ("By Maria Okafor, Riverton Courier", None),
    ],
)
def test_bylines_without_by(byline: str, expected: dict[str, object] | None) -> None:
    found = unprefixed_byline(byline)
    if expected is None:
        assert found is None
    else:
        assert found is not None and {name: found[name] for name in expected} == expected


@pytest.mark.parametrize(
    ("names", "authors", "outlet"),
    [
        ("Ana Ruiz, Tobias Fenn and Ola Brandt, Coastal Ledger", ["Ana Ruiz", "Tobias Fenn", "Ola Brandt"],
         "Coastal Ledger"),
        # After "and", a name that starts with a given name goes on with the names...
        ("Ana Ruiz, Tobias Fenn and Victoria Herald", ["Ana Ruiz", "Tobias Fenn", "Victoria Herald"], None),
        # ...but after a bare comma it stands where a byline names its outlet.
        ("Ana Ruiz, Victoria Herald", ["Ana Ruiz"], "Victoria Herald"),
        # Without a given name, an outlet word makes an outlet wherever it stands.
        ("Ana Ruiz and Lindport Herald", ["Ana Ruiz"], "Lindport Herald"),
        # After a bar, a word in lower case is a section, not an outlet.
        ("Ana Ruiz | opinion", ["Ana Ruiz"], None),
    ],
)
def test_byline_names_and_outlet(names: str, authors: list[str], outlet: str | None) -> None:
    found = byline_metadata(names)
    assert found is not None and (found["authors"], found["byline_outlet"]) == (authors, outlet)


@pytest.mark.parametrize(
    ("line", "outlet"),
    [
        ("Riverton Courier", "Riverton Courier"),
        ("Lindport Newswire", "Lindport Newswire"),
        ("Harbor TV, Lindport", "Harbor TV"),
        ("Riverton Courier Journal", "Riverton Courier Journal"),
        ("Breaking news", None),
        ("Harbor Master", None),
    ],
)
def test_outlet_lines_come_from_the_outlet_words(line: str, outlet: str | None) -> None:
    match = OUTLET_LINE.match(line)
    assert (match["outlet"] if match else None) == outlet
