"""The header zone of a plain-text article: the lines above the first body paragraph,
read for metadata (title, outlet, date, URL, authors) and otherwise dropped.

Plain-text news arrives in many shapes: bylines, ``Key: value`` blocks, bare dates and
URLs above the headline, deks and captions. Byline and date lines just below a
standfirst paragraph are read and dropped too.
"""

from __future__ import annotations

import datetime as dt
import itertools
import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from claimtrack.dates import months_named, parse_published
from claimtrack.inputs.bylines import (
    BYLINE,
    NAME_PARTICLES,
    SOCIAL_BUTTONS,
    author_line_names,
    byline_elements,
    byline_metadata,
    classify_names,
    unprefixed_byline,
)
from claimtrack.inputs.furniture import CONTRIBUTOR_LINE, is_caption, is_furniture
from claimtrack.inputs.lines import (
    BODY_MIN_CHARS,
    HEADER_MAX_LINES,
    SENTENCE_END,
    SHORT_PARAGRAPH_MIN_WORDS,
    TITLE_MAX_CHARS,
    WRAP_MAX_CHARS,
    WRAP_MIN_CHARS,
)
from claimtrack.inputs.outlets import OUTLET_CONNECTORS, OUTLET_LINE, host

# Metadata lines below a standfirst are looked for within this many non-blank lines.
LATE_METADATA_LINES = 3
_CLOSING_QUOTES = ('"', "'", "”", "’", "»")
# Where one sentence ends and another starts inside a line.
_SENTENCE_BREAK = re.compile(r"[.!?…][\"'”’»]?\s+[\"'“‘«]?[A-Z]")
_HEADER_KEYS = (
    r"title|headline|source|publisher|outlet|publication|date|dated|"
    r"(?:first )?published(?: on| at)?|posted(?: on| at)?|issued(?: on| at)?|"
    r"(?:last )?(?:updated|modified)(?: on| at)?|"
    r"url|link|canonical url|authors?|by|(?:text|words) by|byline|writers?"
)
_KEY_VALUE = re.compile(rf"^(?P<key>{_HEADER_KEYS})\s*:\s*(?P<value>\S.*)$", re.IGNORECASE)
# A capitalised header key inside a line ("... Source: ..."), where a scrape that lost
# its line breaks ran one header line into the next.
_INLINE_KEY = re.compile(rf"\s+(?=(?:{_HEADER_KEYS})\s*:\s)", re.IGNORECASE)
# Where `tr '\n' ' '` left a line break: a run of spaces.
_FORMER_BREAK = re.compile(r"[^\S\n]{2,}")
_KEY_FIELDS = {
    "title": "title", "headline": "title",
    "source": "source", "publisher": "source", "outlet": "source", "publication": "source",
    "date": "published", "dated": "published", "published": "published",
    "first published": "published", "posted": "published", "issued": "published",
    "updated": "updated", "last updated": "updated", "modified": "updated", "last modified": "updated",
    "url": "url", "link": "url", "canonical url": "url",
    "author": "authors", "authors": "authors", "by": "authors", "byline": "authors",
    "text by": "authors", "words by": "authors",
    "writer": "authors", "writers": "authors",
}  # fmt: skip
_DATE_LINE = re.compile(
    r"^(?P<key>(?:first )?published|posted|issued|(?:last )?(?:updated|modified))(?:\s+(?:on|at))?\s+(?P<value>\S.*)$",
    re.IGNORECASE,
)
_UPDATE_KEY = re.compile(r"updated|modified", re.IGNORECASE)
_NUMERIC_HEADER_DATE = re.compile(r"\d{1,2}[/.-]\d{1,2}[/.-]\d{4}")
# A second stamp in the same line: "01/03/2022 - 14:20 Modified: 01/03/2022 - 17:48".
_LATER_DATE_KEY = re.compile(r"\s+(?:last )?(?:updated|modified)(?: on| at)?\s*:\s*", re.IGNORECASE)
# Between a date and what follows it: "Feb 22, 2022 / 7:15 PM / CBS News", "Mar 2, 2022 - World".
_HEADER_PART_SEPARATOR = re.compile(r"\s+[/|•·–—-]\s+")
_CLOCK_TIME = re.compile(r"\d{1,2}[:.]\d{2}(?:\s*[ap]\.?m\.?)?(?:\s+[A-Z]{2,5})?", re.IGNORECASE)
# A site section after a date: "World", "US News", "Politics & Policy".
_SECTION_NAME = re.compile(r"[A-Z][\w'’.-]*(?: (?:[A-Z][\w'’.-]*|&|and|of)){0,2}")
_URL_LINE = re.compile(r"^(?:https?://|www\.)\S+$", re.IGNORECASE)


@dataclass
class Header:
    """What the header zone says; the first value found for a field wins."""

    title: str | None = None
    source: str | None = None
    byline_outlet: str | None = None
    url: str | None = None
    published: dt.date | None = None
    updated: dt.date | None = None
    authors: list[str] = field(default_factory=list)

    def merge(self, found: dict[str, object]) -> None:
        for name, value in found.items():
            if name == "authors":
                self.authors.extend(value)  # type: ignore[arg-type]
            elif value is not None and getattr(self, name) is None:
                setattr(self, name, value)


def split_header(lines: list[str], named_months: frozenset[int] = frozenset()) -> tuple[int, Header]:
    """Where the body starts, and the metadata read from the lines above it.

    Metadata lines just below the body start (a standfirst above the byline and date)
    are read too, and blanked in ``lines`` so that they do not reach the body.
    ``named_months`` settles numeric dates (see `parse_published`).
    """
    metadata: dict[int, dict[str, object]] = {}
    body_start = None
    seen = 0
    for index, line in enumerate(lines):
        if not line:
            continue
        seen += 1
        if seen > HEADER_MAX_LINES:
            break
        found = _read_metadata_line(line, named_months)
        if found is None and seen > 1:
            # Below the first line, where bylines stand: "Jane Doe | Example Courier", "Jane Doe".
            found = unprefixed_byline(line) or _bare_author_line(lines, index, named_months)
        if found is not None:
            metadata[index] = found
        elif seen == 1 and _is_quoted_headline(line):
            continue  # long enough for a paragraph, but a headline ending in a quotation
        elif _is_body_paragraph(line) or _starts_wrapped_prose(lines, index):
            body_start = index
            break
    if body_start is None:
        body_start = _short_header_end(lines, metadata)
    body_start = _prose_after_metadata(lines, metadata, body_start)

    header = Header()
    for index in sorted(metadata):
        if index < body_start:
            header.merge(metadata[index])
    for index, found in _metadata_below(lines, body_start, named_months):
        header.merge(found)
        lines[index] = ""
    if header.title is None:
        header.title = next(
            (
                line
                for index, line in enumerate(lines[:body_start])
                if line and index not in metadata and _is_headline_like(line)
            ),
            None,
        )
    return body_start, header


def unflattened(lines: list[str]) -> list[str]:
    """``lines`` with a header that lost its line breaks split up again.

    A scrape that lost its line breaks runs its "Key: value" header into the story:
    "Title: X Source: Y Date: 2023-03-09 Workers walked out ...". Read as it is, the
    whole text would be one title and no body. So a header line too long for a title
    that goes on into sentences is cut before each capitalised key, the last value
    is cut where a value of its kind ends, and runs of spaces, where `tr '\\n' ' '`
    turned line breaks into spaces, become paragraph breaks in it.
    """
    seen = 0
    for index, line in enumerate(lines):
        if not line.strip():
            continue
        seen += 1
        if seen > HEADER_MAX_LINES:
            break
        flat = " ".join(line.split())
        if len(flat) > TITLE_MAX_CHARS and _KEY_VALUE.match(flat) and _runs_into_prose(flat):
            pieces = [piece.strip() for piece in _FORMER_BREAK.split(line) if piece.strip()]
            restored = [*_split_at_keys(pieces[0])]
            for piece in pieces[1:]:
                restored += ["", piece]
            return [*lines[:index], *restored, *lines[index + 1 :]]
    return lines


def _runs_into_prose(line: str) -> bool:
    """Whether a header line goes on into other header lines or sentences; a long
    headline is one sentence at most."""
    return bool(
        _SENTENCE_BREAK.search(line) or any(line[match.end()].isupper() for match in _INLINE_KEY.finditer(line))
    )


def _split_at_keys(text: str) -> list[str]:
    """Header lines, then the start of the body, from a header run into one line."""
    segments: list[str] = []
    start = 0
    for match in _INLINE_KEY.finditer(text):
        if match.start() - start > TITLE_MAX_CHARS:
            break  # too far from the last key for a header value: the story
        if text[match.end()].isupper():
            segments.append(text[start : match.start()])
            start = match.end()
    last = _KEY_VALUE.match(text[start:])
    if last is None:
        return [*segments, text[start:]]
    value = last["value"]
    field_name = _KEY_FIELDS[re.sub(r"\s+(?:on|at)$", "", " ".join(last["key"].lower().split()))]
    kept = _flat_value_words(field_name, value.split(" "))
    if kept == 0:
        return [*segments, value]  # no value of its kind: the key is dropped, the story kept
    words = value.split(" ")
    header = f"{last['key']}: {' '.join(words[:kept])}"
    return [*segments, header, " ".join(words[kept:])] if kept < len(words) else [*segments, header]


# How many words a header value can have, when it runs on into the story.
_FLAT_VALUE_MAX_WORDS = 12


def _flat_value_words(field_name: str, words: list[str]) -> int:
    """How many of ``words`` are the value of a header field when the story follows
    it on the same line: the longest date, the URL, or the capitalised words of a
    title, outlet or byline (less the one that starts the story's first sentence)."""
    if field_name in ("published", "updated"):
        for count in range(min(len(words), _FLAT_VALUE_MAX_WORDS), 0, -1):
            if parse_published(" ".join(words[:count])) is not None:
                return count
        return 0
    if field_name == "url":
        return 1
    count = 0
    for word in words[:_FLAT_VALUE_MAX_WORDS]:
        bare = word.rstrip(",;")
        if count and bare.isupper() and len(bare) > 1 and not words[0].isupper():
            break  # a dateline in capitals: "LINDPORT —"
        if not (bare[:1].isupper() or bare.lower() in NAME_PARTICLES or bare.lower() in OUTLET_CONNECTORS):
            break
        count += 1
    if 1 < count < len(words) and words[count][:1].islower():
        count -= 1  # "Priya Nandakumar Dockworkers at the port": the story starts at "Dockworkers"
    return count


def month_evidence(raw: str, lines: list[str]) -> frozenset[int]:
    """The months the article names, to settle a numeric header date such as
    "01/03/2022" (see `parse_published`); only looked for when the lines that may be
    header hold one, since scanning every article's text would be wasted work."""
    head = itertools.islice((line for line in lines if line), HEADER_MAX_LINES + LATE_METADATA_LINES)
    if any(len(line) <= TITLE_MAX_CHARS and _NUMERIC_HEADER_DATE.search(line) for line in head):
        return months_named(raw)
    return frozenset()


def _metadata_below(
    lines: list[str], body_start: int, named_months: frozenset[int]
) -> Iterator[tuple[int, dict[str, object]]]:
    """Byline, date and source lines among the first lines after ``body_start``.

    Some outlets put a standfirst paragraph between the headline and the byline and
    date, so the body seemed to start at the standfirst. Only lines that say what
    they are ("By", "Published", "Source:") count here: a bare date or name below a
    paragraph may be part of the story. And the story must go on below them: in a
    short article, these lines are its footer ("Source: ... and agencies").
    """
    found_lines: list[tuple[int, dict[str, object]]] = []
    seen = 0
    for index in range(body_start + 1, len(lines)):
        line = lines[index]
        if not line:
            continue
        seen += 1
        if seen > LATE_METADATA_LINES:
            break
        if not (_KEY_VALUE.match(line) or _DATE_LINE.match(line) or BYLINE.match(line)):
            continue
        found = _read_metadata_line(line, named_months)
        if found is not None and "title" not in found and "url" not in found:
            found_lines.append((index, found))
    if found_lines and any(_is_body_paragraph(line) for line in lines[found_lines[-1][0] + 1 :]):
        yield from found_lines


def _bare_author_line(lines: list[str], index: int, named_months: frozenset[int]) -> dict[str, object] | None:
    """Authors from a line that is only their names, when a date or outlet line follows.

    "Jane Doe" alone could as well be a headline, a caption or a pull-quote credit,
    so it counts as a byline only where bylines stand: below the first line and
    above the date or the outlet's name.
    """
    names = author_line_names(lines[index], bare=True)
    if names is None:
        return None
    following = next((line for line in lines[index + 1 :] if line), "")
    found = _read_metadata_line(following, named_months) if following else None
    if found is None or not any(found.get(name) for name in ("published", "updated", "byline_outlet", "source")):
        return None
    return {"authors": names}


def _prose_after_metadata(lines: list[str], metadata: dict[int, dict[str, object]], body_start: int) -> int:
    """An earlier body start when the story opens with short paragraphs.

    A body paragraph is recognised by its length, but stories told in short paragraphs
    open with sentences shorter than that. Once the metadata lines are over, the first
    full sentence (not a headline, caption or page furniture) starts the body.
    """
    before = [index for index in metadata if index < body_start]
    if not before:
        return body_start
    for index in range(max(before) + 1, body_start):
        line = lines[index]
        if line and _is_short_paragraph(line):
            return index
    return body_start


def _is_short_paragraph(line: str) -> bool:
    return (
        len(line.split()) >= SHORT_PARAGRAPH_MIN_WORDS
        and SENTENCE_END.search(line) is not None
        and not is_caption(line)
        and not is_furniture(line)
    )


def _short_header_end(lines: list[str], metadata: dict[int, dict[str, object]]) -> int:
    """Header end when no long body paragraph shows up: metadata lines and one title."""
    title: str | None = None
    explicit_title = any("title" in found for found in metadata.values())
    for index, line in enumerate(lines):
        if not line or index in metadata:
            continue
        if title is None and not explicit_title and _is_headline_like(line) and any(lines[index + 1 :]):
            title = line.casefold()
            continue
        if title is not None and line.casefold() == title:
            continue
        return index
    return len(lines)


def _read_metadata_line(line: str, named_months: frozenset[int] = frozenset()) -> dict[str, object] | None:
    """The metadata a header line carries, or None when it is not a metadata line.

    A line that is only a name ("Jane Doe") is left to `_bare_author_line`, which
    looks at the lines around it.
    """
    key_value = _KEY_VALUE.match(line)
    if key_value is not None:
        key = re.sub(r"\s+(?:on|at)$", "", " ".join(key_value["key"].lower().split()))
        return _key_value_metadata(_KEY_FIELDS[key], key_value["value"], named_months)
    date_line = _DATE_LINE.match(line)
    if date_line is not None:
        field_name = "updated" if _UPDATE_KEY.search(date_line["key"]) else "published"
        found = _dated_value(field_name, date_line["value"], named_months)
        if found[field_name] is not None:
            return found
    if _URL_LINE.match(line):
        return {"url": line}
    if len(line) <= 60 and any(char.isdigit() for char in line):
        found = _dated_value("published", line, named_months, strict=True)
        if found["published"] is not None:
            return found
    if CONTRIBUTOR_LINE.search(line):
        return None
    byline = BYLINE.match(line)
    if byline is not None and len(line) <= 200:
        return byline_metadata(byline["names"], named_months)
    names = author_line_names(line, bare=False)
    if names is not None:
        # "Jane Doe in Lisbon", "Jane Doe Science correspondent": a byline without "By".
        return {"authors": names}
    outlet = OUTLET_LINE.match(line)
    if outlet is not None:
        return {"byline_outlet": outlet["outlet"]}
    return None


def _key_value_metadata(field_name: str, value: str, named_months: frozenset[int]) -> dict[str, object]:
    if field_name in ("published", "updated"):
        return _dated_value(field_name, value, named_months)
    if field_name == "authors":
        elements, names_outlet = byline_elements(SOCIAL_BUTTONS.sub("", value))
        authors, outlet = classify_names(elements, last_names_outlet=names_outlet)
        return {"authors": authors, "byline_outlet": outlet}
    if field_name == "source" and _URL_LINE.match(value):
        return {"source": host(value)}
    return {field_name: value}


def _dated_value(
    field_name: str, value: str, named_months: frozenset[int], *, strict: bool = False
) -> dict[str, object]:
    """A header date, also when written in parts: "February 22, 2022 / 7:15 PM / CBS News",
    "Mar 2, 2022 - World", "01/03/2022 - 14:20 Modified: 01/03/2022 - 17:48".

    A keyed value ("Published ...") may have its date in any part. A ``strict`` value,
    a bare line that only a date would make metadata, must start with the date and
    have nothing after it but a time, a short section name or an outlet: so a
    headline that mentions a date is not read as one.
    """
    found: dict[str, object] = {field_name: None}
    later = _LATER_DATE_KEY.search(value)
    if later is not None:
        # The later stamp is the update; the value proper is the one before it.
        found["updated"] = _dated_value("updated", value[later.end() :], named_months)["updated"]
        value = value[: later.start()]
    parsed = parse_published(value, named_months)
    if parsed is not None:
        found[field_name] = parsed
        return found
    parts = [part for part in _HEADER_PART_SEPARATOR.split(value) if part]
    for index, part in enumerate(parts):
        if strict and index > 0:
            break
        parsed = parse_published(part, named_months)
        if parsed is None:
            continue
        rest = [p for p in parts[index + 1 :] if not _CLOCK_TIME.fullmatch(p)]
        outlet = rest[0] if len(rest) == 1 and OUTLET_LINE.match(rest[0]) else None
        if strict and outlet is None and not all(_SECTION_NAME.fullmatch(p) for p in rest):
            break
        found[field_name] = parsed
        if outlet is not None:
            # The part left after the date and time is the outlet that stamped them.
            found["byline_outlet"] = outlet
        break
    return found


def _is_body_paragraph(line: str) -> bool:
    return (
        len(line) >= BODY_MIN_CHARS
        and SENTENCE_END.search(line) is not None
        and not is_caption(line)
        and not is_furniture(line)
    )


# A wire dateline opening a line: "LINDPORT, March 3", "NEW HARBOR, Sept. 30". Only a
# story opens so, so the line is prose even when its words are capitalised ("LINDPORT,
# March 3 Northland President Ada" wrapped before the rest of the sentence).
_WIRE_DATELINE = re.compile(r"^[A-Z][A-Z.'’-]+(?: [A-Z][A-Z.'’-]+)*, [A-Z][a-z]{2,8}\.? \d{1,2}\b")


def _starts_wrapped_prose(lines: list[str], start: int) -> bool:
    """Whether a hard-wrapped paragraph (several ~40–100 character lines) starts here."""
    first = lines[start]
    if not WRAP_MIN_CHARS <= len(first) <= WRAP_MAX_CHARS or SENTENCE_END.search(first):
        return False
    if _is_title_case(first) and not _WIRE_DATELINE.match(first):
        return False
    length = 0
    for index in range(start, min(start + HEADER_MAX_LINES, len(lines))):
        line = lines[index]
        if not line or len(line) > WRAP_MAX_CHARS or BYLINE.match(line) or _KEY_VALUE.match(line):
            return False
        length += len(line) + 1
        if SENTENCE_END.search(line):
            return index > start and length >= BODY_MIN_CHARS and not is_caption(line)
        if len(line) < WRAP_MIN_CHARS:
            return False
    return False


def _is_title_case(line: str) -> bool:
    words = [word for word in line.split() if sum(char.isalpha() for char in word) >= 4]
    capitalised = sum(1 for word in words if word.lstrip("\"'‘“(")[:1].isupper())
    return len(words) >= 2 and capitalised >= 0.7 * len(words)


def _is_quoted_headline(line: str) -> bool:
    """A headline that ends in a quotation ("... brace for ‘the worst winter’").

    A closing quote mark ends a paragraph too, but then a full stop, "!" or "?" comes
    before it; one sentence up to TITLE_MAX_CHARS that ends in a bare quotation is a
    headline.
    """
    return (
        line.endswith(_CLOSING_QUOTES)
        and not line.rstrip("".join(_CLOSING_QUOTES)).endswith((".", "!", "?", "…"))
        and _SENTENCE_BREAK.search(line) is None
        and _is_headline_like(line)
    )


def _is_headline_like(line: str) -> bool:
    return (
        len(line) <= TITLE_MAX_CHARS
        and not line.endswith((".", ",", ";", "-"))  # a sentence or a wrapped line
        and any(char.isalpha() for char in line)
        and not is_caption(line)
        and not is_furniture(line)
    )
