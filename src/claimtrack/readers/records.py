"""Articles as JSON: one object, an array of objects, or JSON Lines (one per line), as
news APIs and scrapers write them.

Known fields: ``text`` or ``body``, ``title``, ``url``, ``published`` or ``date``,
``source`` and ``authors``. Every other field is kept, unchanged, as the article's
``extra`` metadata. A record that cannot be read is reported with its line number,
and the others still go through.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

TEXT_FIELDS = ("text", "body")
DATE_FIELDS = ("published", "date")
STRING_FIELDS = ("title", "url", "source")
KNOWN_FIELDS = frozenset((*TEXT_FIELDS, *DATE_FIELDS, *STRING_FIELDS, "authors"))


@dataclass(frozen=True)
class Record:
    """One article's fields as the JSON gives them. ``where`` is ``line 3`` in JSON
    Lines, ``item 3`` in an array, and empty for a document holding one object."""

    where: str
    text: str
    title: str | None = None
    url: str | None = None
    published: str | None = None
    source: str | None = None
    authors: tuple[str, ...] = ()
    extra: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class BadRecord:
    where: str
    reason: str


def read_records(text: str, *, lines: bool) -> Iterator[Record | BadRecord]:
    """Records from a JSON document, or from JSON Lines when ``lines`` is true.

    A document that is not valid JSON as a whole but has one object per line is read
    as JSON Lines, whatever its suffix says.
    """
    if not lines:
        try:
            document = json.loads(text)
        except json.JSONDecodeError as error:
            if "\n" not in text.strip():
                yield BadRecord("", f"invalid JSON ({error.msg}, column {error.colno})")
                return
        else:
            yield from _from_document(document)
            return
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        try:
            value = json.loads(line)
        except json.JSONDecodeError as error:
            yield BadRecord(f"line {number}", f"invalid JSON ({error.msg}, column {error.colno})")
            continue
        yield _record(value, f"line {number}")


def _from_document(document: Any) -> Iterator[Record | BadRecord]:
    if isinstance(document, list):
        # An array: the line of each item is not known, so its position stands in.
        for number, value in enumerate(document, 1):
            yield _record(value, f"item {number}")
    else:
        yield _record(document, "")


def _record(value: Any, where: str) -> Record | BadRecord:
    if not isinstance(value, dict):
        return BadRecord(where, f"expected a JSON object, found {_kind(value)}")
    text = next((value[name] for name in TEXT_FIELDS if value.get(name) not in (None, "")), None)
    if text is None:
        return BadRecord(where, "no article text (a 'text' or 'body' field)")
    if not isinstance(text, str):
        return BadRecord(where, f"the article text must be a string, found {_kind(text)}")
    fields: dict[str, Any] = {}
    for name in STRING_FIELDS:
        if value.get(name) not in (None, ""):
            if not isinstance(value[name], str):
                return BadRecord(where, f"{name!r} must be a string, found {_kind(value[name])}")
            fields[name] = " ".join(value[name].split()) or None
    date = next((value[name] for name in DATE_FIELDS if value.get(name) not in (None, "")), None)
    if date is not None:
        if not isinstance(date, str):
            return BadRecord(where, f"the date must be a string, found {_kind(date)}")
        fields["published"] = date
    authors = value.get("authors")
    if isinstance(authors, str):
        fields["authors"] = (authors,)
    elif isinstance(authors, list) and all(isinstance(name, str) for name in authors):
        fields["authors"] = tuple(" ".join(name.split()) for name in authors if name.strip())
    elif authors is not None:
        return BadRecord(where, f"'authors' must be a string or a list of strings, found {_kind(authors)}")
    extra = {name: item for name, item in value.items() if name not in KNOWN_FIELDS}
    return Record(where=where, text=text, extra=extra, **fields)


def _kind(value: Any) -> str:
    return {dict: "an object", list: "an array", str: "a string", bool: "true or false", type(None): "null"}.get(
        type(value), "a number"
    )
