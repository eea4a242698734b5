"""Authors and outlets from bylines: "By Jane Doe and John Roe, Example News Staff",
bylines without "By" ("Jane Doe in Lisbon"), and wire credit lines ("Reporting by ...")."""

from __future__ import annotations

import re

from claimtrack import lexicon
from claimtrack.dates import parse_published
from claimtrack.inputs.furniture import CREDIT_MAX_CHARS
from claimtrack.inputs.lines import TITLE_MAX_CHARS
from claimtrack.inputs.outlets import MAX_NAME_WORDS, is_outlet_name, outlet_words
from claimtrack.names import is_given_name

BYLINE = re.compile(
    r"^(?:(?:exclusive|analysis|opinion|commentary|story|words|written|text|report|"
    r"interview|review|feature|posted)\s+)?by\s+(?P<names>\S.*)$",
    re.IGNORECASE,
)
# Share and follow buttons that scraping glues to a byline: "Text by: OUTLET Follow".
SOCIAL_BUTTONS = re.compile(r"(?:\s+(?:follow|share|subscribe))+$", re.IGNORECASE)
# Agencies credited beside the author: "By Jane Doe with AFP, AP".
_WITH_AGENCIES = re.compile(
    r"\s+with\s+(?:[A-Z][\w.&-]*|agencies|wires)(?:\s*(?:,|and|&)\s*(?:[A-Z][\w.&-]*|agencies|wires))*$"
)
# Where a byline carries a date: "By Jane Doe | Feb 14, 2022", "By Jane Doe on ...".
_BYLINE_DATE_SEPARATOR = re.compile(r"\s+(?:on|[|•·—–/-])\s+|\s*[|•·]\s*")
# Where a byline's names end and its outlet follows: "Jane Doe | Example Courier", "Jane Doe / Example Courier".
_OUTLET_SEPARATOR = re.compile(r"\s*\|\s*|\s+/\s+")
NAME_SEPARATOR = re.compile(r"\s*,\s*(?:and\s+)?|\s+and\s+|\s*&\s*|\s*;\s*", re.IGNORECASE)
# A separator after which a byline names its outlet: a bare comma ("Jane Doe, Example
# Courier"), not "and" or ", and", which go on with the names.
_BARE_COMMA = re.compile(r"\s*,\s*")
# Persons' names have at most this many capitalised words ("Maria José García López");
# more, none of them a given name, is an institution's ("North Valley Regional Community Service").
PERSON_MAX_CAPITALISED_WORDS = 4
_ROLE_SUFFIX = re.compile(r"(?:^|\s+)(?:staff|writer|reporter|correspondent)$", re.IGNORECASE)
# Words that describe a role, not an outlet: "Senior Correspondent" names no outlet.
_ROLE_WORDS = frozenset(
    {"senior", "chief", "staff", "special", "foreign", "political", "national", "contributing",
     "associate", "deputy", "investigative", "international", "sports", "business", "science"}
)  # fmt: skip
# Lower-case words a byline's name may hold: name particles, and the "of" of names
# such as "Bank of England".
NAME_PARTICLES = lexicon.NAME_PARTICLES | {"of"}
_DOMAIN = re.compile(r"^[\w-]+(?:\.[\w-]+)+$")
_JOINED_PARTICLE = re.compile(r"^(?:al|el|ad|ar|as|at|an|d|l|o)[-'’]", re.IGNORECASE)
# A channel number in an outlet's name ("Channel 4", "FRANCE 24"); four digits are a year.
_OUTLET_NUMBER = re.compile(r"\d{1,3}")
# A header line that is only a person's name, maybe with where or what they report.
_AUTHOR_LINE = re.compile(
    r"^(?P<name>[A-Z][\w'’-]+(?: [A-Z][\w'’-]+){1,2}?)"
    r"(?P<where> in [A-Z][\w'’ -]{1,40}"
    r"| (?:[A-Z][a-z]+ )?(?:correspondent|editor|reporter|writer|columnist|journalist))?$"
)
# One of several such names on a line: "Jane Doe in Lisbon and John Roe in Porto".
_AUTHOR_ELEMENT = re.compile(
    r"^(?P<name>[A-Z][\w'’-]+(?: [A-Z][\w'’-]+){1,2}?)"
    r"(?P<where> in [A-Z][\w'’-]*(?: [A-Z][\w'’-]*){0,3}"
    r"| (?:[A-Z][a-z]+ )?(?:correspondent|editor|reporter|writer|columnist|journalist))?$"
)
_AUTHOR_SEPARATOR = re.compile(r"\s*,\s*(?:and\s+)?|\s+and\s+")
# A wire story's credit line: "Reporting by Jane Doe in Lisbon; Editing by John Roe".
_REPORTING_BY = re.compile(r"^\(?reporting by (?P<names>[^;()\n]{3,200})", re.IGNORECASE)
_REPORTER_PLACE = re.compile(r"\s+in\s+[A-Z][\w'’ -]*$")


def author_line_names(line: str, *, bare: bool) -> list[str] | None:
    """The names on a byline without "By", or None when the line is not one.

    A line of names each with where or what they report ("Jane Doe in Lisbon and
    John Roe in Porto") is such a byline when ``bare`` is false; a line of names
    alone ("Jane Doe") when it is true. The first name must start with a known given
    name, and so must every other name that says nothing about its reporter.
    """
    if len(line) > TITLE_MAX_CHARS:
        return None
    elements = [_AUTHOR_ELEMENT.match(part) for part in _AUTHOR_SEPARATOR.split(line)]
    if all(elements):
        matches = [element for element in elements if element is not None]
    else:
        # "Jane Doe in Trinidad and Tobago": one name and a place with "and" in it.
        single = _AUTHOR_LINE.match(line)
        if single is None:
            return None
        matches = [single]
    if any(match["where"] for match in matches) == bare:
        return None
    for position, match in enumerate(matches):
        if (position == 0 or not match["where"]) and not is_given_name(match["name"].split()[0]):
            return None
    return [match["name"] for match in matches]


def byline_metadata(names: str, named_months: frozenset[int] = frozenset()) -> dict[str, object] | None:
    """Authors, outlet and perhaps a date from a byline; None if it is not one."""
    published = None
    for separator in _BYLINE_DATE_SEPARATOR.finditer(names):
        published = parse_published(names[separator.end() :], named_months)
        if published is not None:
            names = names[: separator.start()]
            break
    names = _WITH_AGENCIES.sub("", SOCIAL_BUTTONS.sub("", names))
    trailing_outlet = None
    separator = _OUTLET_SEPARATOR.search(names)
    if separator is not None:
        tail = names[separator.end() :].strip()
        names = names[: separator.start()]
        # What follows a bar is the outlet ("By Jane Doe | Example Gazette"); after a
        # slash it may be one more author ("By Jane Doe / John Roe"). Anything but a
        # name there ("| opinion") is left out.
        if is_outlet_name(tail):
            all_capitals = (names + tail).isupper()
            if "|" in separator.group() or _is_outlet_element(tail, all_capitals=all_capitals, names_outlet=True):
                trailing_outlet = tail
            else:
                names = f"{names} and {tail}"
    elements, names_outlet = byline_elements(names)
    if not elements or not all(_is_name_like(element) for element in elements):
        return None
    authors, outlet = classify_names(elements, last_names_outlet=names_outlet)
    return {"authors": authors, "byline_outlet": outlet or trailing_outlet, "published": published}


def byline_elements(names: str) -> tuple[list[str], bool]:
    """The names in a byline, and whether the last stands where a byline names its
    outlet: after a bare comma ("Jane Doe, Example Courier"), not after "and"."""
    names = names.strip(" ,")
    separators = list(NAME_SEPARATOR.finditer(names))
    elements = [element for element in NAME_SEPARATOR.split(names) if element]
    names_outlet = bool(separators) and _BARE_COMMA.fullmatch(separators[-1].group()) is not None
    return elements, names_outlet


def unprefixed_byline(line: str) -> dict[str, object] | None:
    """A byline without "By" that names its outlet: "Jane Doe | Example Courier", "Jane
    Doe, Example Courier staff", "Jane Doe / Example Courier"; None for any other line.

    Without "By", only the outlet and given names tell a byline from a headline such as
    "Harbor Talks | Example Courier", so every author must start with a given name.
    """
    if len(line) > TITLE_MAX_CHARS or not is_given_name(line.split(maxsplit=1)[0].strip(",|")):
        return None
    found = byline_metadata(line)
    if found is None or not found["byline_outlet"] or not found["authors"]:
        return None
    authors = found["authors"]
    if not all(author_line_names(author, bare=True) for author in authors):  # type: ignore[union-attr]
        return None
    return found


def _is_name_like(element: str) -> bool:
    # "Example Courier staff", "staff writer": role words may be lower case.
    without_role = element
    while (role := _ROLE_SUFFIX.search(without_role)) is not None:
        without_role = without_role[: role.start()]
    if not without_role.strip():
        return True
    words = without_role.split()
    if not 1 <= len(words) <= MAX_NAME_WORDS:
        return False
    # A channel number may follow the first word: "FRANCE 24".
    return all(
        _is_name_word(word) or (index > 0 and _OUTLET_NUMBER.fullmatch(word) is not None)
        for index, word in enumerate(words)
    )


def _is_name_word(word: str) -> bool:
    if word[0].isupper() or word.lower() in NAME_PARTICLES or _DOMAIN.match(word):
        return True
    # a particle joined to the name: al-Rashid, d'Arcy
    particle = _JOINED_PARTICLE.match(word)
    return particle is not None and word[particle.end() : particle.end() + 1].isupper()


def classify_names(elements: list[str], *, last_names_outlet: bool = False) -> tuple[list[str], str | None]:
    """Split byline elements into author names and the first outlet named.

    An element is the outlet when it ends in Staff/Writer/Reporter/Correspondent (which
    is removed) or when `_is_outlet_element` says so. ``last_names_outlet`` says that
    the last element stands where a byline names its outlet (see `byline_elements`).
    In a byline set entirely in capitals ("BY JANE DOE"), capitals say nothing.
    """
    authors: list[str] = []
    outlet: str | None = None
    all_capitals = all(element.isupper() for element in elements)
    for position, element in enumerate(elements):
        element = " ".join(element.split()).strip(" .")
        if not element:
            continue
        without_role = element
        while (role := _ROLE_SUFFIX.search(without_role)) is not None:
            without_role = without_role[: role.start()]
        if without_role != element:
            meaningful = [word for word in without_role.split() if word.lower() not in _ROLE_WORDS]
            is_outlet, element = bool(meaningful), without_role
            if not is_outlet:
                continue  # "Staff Writer", "Senior Correspondent": a role, not an outlet
        else:
            names_outlet = last_names_outlet and position == len(elements) - 1 and bool(authors)
            is_outlet = _is_outlet_element(element, all_capitals=all_capitals, names_outlet=names_outlet)
        if is_outlet:
            outlet = outlet or element
        else:
            authors.append(element)
    return authors, outlet


def _is_outlet_element(element: str, *, all_capitals: bool, names_outlet: bool) -> bool:
    """Whether a byline element is an outlet's name rather than a person's.

    An outlet is one word ("GAZETTE"), all capitals in a byline that is not, starts with
    "The", or has a number in it ("FRANCE 24"). Or it holds an outlet word (Courier,
    Times, Wire: `outlet_words`) and either does not start with a given name ("Riverton
    Courier", not "Tomas Courier") or stands where the byline names its outlet
    (``names_outlet``: "By Jane Doe, Victoria Times"); an outlet word that is a common
    surname too ("Post", "Sun") counts only in a name of three words or more, so "Emily
    Post" and "Wei Sun" stay persons. Or it has more capitalised words than a person's
    name and none is a given name.
    """
    words = element.split()
    if (
        len(words) == 1
        or (not all_capitals and element.isupper())
        or element.startswith("The ")
        or any(_OUTLET_NUMBER.fullmatch(word) for word in words)
    ):
        return True
    given = [is_given_name(word) for word in words]
    found = outlet_words(element)
    if found and (len(words) >= 3 or any(word not in lexicon.SURNAME_OUTLET_WORDS for word in found)):
        return names_outlet or not given[0]
    capitalised = [word for word in words if word[:1].isupper()]
    return len(capitalised) > PERSON_MAX_CAPITALISED_WORDS and not any(given)


def wire_credit_authors(lines: list[str]) -> list[str]:
    """The reporters in a wire story's credit line, for a header that names no author.

    "Reporting by Jane Doe in Lisbon and John Roe; Editing by Ana Ruiz" gives Jane
    Doe and John Roe: the editors and "additional reporting" are not the authors.
    """
    for line in reversed(lines):
        credit = _REPORTING_BY.match(line) if line and len(line) <= CREDIT_MAX_CHARS else None
        if credit is None:
            continue
        names = NAME_SEPARATOR.split(credit["names"].strip(" ."))
        elements = [_REPORTER_PLACE.sub("", name) for name in names if name]
        if elements and all(_is_name_like(element) for element in elements):
            return classify_names(elements)[0]
    return []
