"""Articles as JSON (``.json``: one object or an array of objects) or JSON Lines
(``.jsonl``, ``.ndjson``: one object per line), as news APIs and scrapers write them.

Known fields: ``text`` or ``body``, ``title``, ``url``, ``published`` or ``date``,
``source`` and ``authors``. Every other field is kept, unchanged, as the article's
``extra`` metadata. A record that cannot be read is reported with its line number,
and the others still go through.

JSON that Python's parser cannot take apart safely (nesting deep enough to exhaust its
stack, numbers of thousands of digits) is refused with a reason, record by record; lone
UTF-16 surrogate escapes (``"\\ud800"``), which no database can store, become U+FFFD.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from claimtrack.inputs.readers import NoArticle, Reader
from claimtrack.inputs.safejson import SURROGATE_NOTE, UnsafeJSON, parse_json, without_surrogates

if TYPE_CHECKING:
    from claimtrack.models import Article

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
    notes: tuple[str, ...] = ()


@dataclass(frozen=True)
class BadRecord:
    where: str
    reason: str


def read_records(text: str, *, lines: bool) -> Iterator[Record | BadRecord]:
    """Records from a JSON document, or from JSON Lines when ``lines`` is true.

    A document that is not valid JSON as a whole but whose first line is a JSON object
    of its own is read as JSON Lines, whatever its suffix says; any other invalid
    document is one failure, with where its first error is.
    """
    if not lines:
        try:
            document = parse_json(text)
        except UnsafeJSON as error:
            yield BadRecord("", f"unreadable JSON: {error}")
            return
        except json.JSONDecodeError as error:
            if not _first_line_is_json(text):
                where = f"line {error.lineno}, column {error.colno}" if "\n" in text.strip() else f"column {error.colno}"
                yield BadRecord("", f"invalid JSON ({error.msg}, {where})")
                return
        else:
            yield from _from_document(document)
            return
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        try:
            value = parse_json(line)
        except UnsafeJSON as error:
            yield BadRecord(f"line {number}", f"unreadable JSON: {error}")
            continue
        except json.JSONDecodeError as error:
            yield BadRecord(f"line {number}", f"invalid JSON ({error.msg}, column {error.colno})")
            continue
        yield _record(value, f"line {number}")


def _first_line_is_json(text: str) -> bool:
    """Whether the first line is a JSON object of its own, as in JSON Lines."""
    first = next((line for line in text.splitlines() if line.strip()), "")
    try:
        return isinstance(parse_json(first), dict)
    except ValueError:  # JSONDecodeError and UnsafeJSON alike
        return False


def _from_document(document: Any) -> Iterator[Record | BadRecord]:
    if isinstance(document, list):
        # An array: the line of each item is not known, so its position stands in.
        for number, value in enumerate(document, 1):
            yield _record(value, f"item {number}")
    else:
        yield _record(document, "")


def _record(value: Any, where: str) -> Record | BadRecord:
    value, had_surrogates = without_surrogates(value)
    notes = (SURROGATE_NOTE,) if had_surrogates else ()
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
    return Record(where=where, text=text, extra=extra, notes=notes, **fields)


def _kind(value: Any) -> str:
    return {dict: "an object", list: "an array", str: "a string", bool: "true or false", type(None): "null"}.get(
        type(value), "a number"
    )


def read_json(text: str, path: str) -> Iterator[Article | NoArticle]:
    return _articles(text, path, lines=False)


def read_json_lines(text: str, path: str) -> Iterator[Article | NoArticle]:
    return _articles(text, path, lines=True)


def looks_like_json(text: str) -> bool:
    """Whether ``text`` starts like a JSON object or array (``{"``, ``[{``) and is not
    JSON Lines. Only the start is looked at: an invalid document is then reported as
    invalid JSON, with where its first error is."""
    stripped = text.lstrip()
    if not stripped or stripped[0] not in "{[":
        return False
    second = stripped[1:].lstrip()[:1]
    # "[Updated 9:40]" or "{Editor's note}" opens prose; JSON goes on with a key or a value.
    starts_json = second in ('"', "}") if stripped[0] == "{" else second in ("{", "[", "]", '"')
    return starts_json and not looks_like_json_lines(text)


def looks_like_json_lines(text: str) -> bool:
    """Whether ``text`` is JSON Lines: its first non-blank line is a JSON object of its
    own, and another line starting with ``{`` follows."""
    lines = _first_lines(text, 2)
    return (
        len(lines) == 2
        and lines[0].startswith("{")
        and lines[1].startswith("{")
        and _first_line_is_json(lines[0])
    )


def _first_lines(text: str, count: int) -> list[str]:
    """The first ``count`` non-blank lines, stripped, without splitting the whole text."""
    found: list[str] = []
    start = 0
    while len(found) < count and start < len(text):
        end = text.find("\n", start)
        end = len(text) if end < 0 else end
        if line := text[start:end].strip():
            found.append(line)
        start = end + 1
    return found


# A file holds many articles, so no sidecar applies.
READERS = (
    Reader(name="json", suffixes=(".json",), read=read_json, sidecars=False, sniff=looks_like_json, label="JSON"),
    Reader(
        name="jsonl", suffixes=(".jsonl", ".ndjson"), read=read_json_lines, sidecars=False,
        sniff=looks_like_json_lines, label="JSON Lines",
    ),
)


def _articles(text: str, path: str, *, lines: bool) -> Iterator[Article | NoArticle]:
    """An article, or why there is none, for each record; the body cleaned as plain text's is."""
    # Imported here: the CLI imports this module at start-up to list the formats.
    from claimtrack.dates import parse_published
    from claimtrack.inputs.body import article_id, clean_body
    from claimtrack.inputs.outlets import host
    from claimtrack.models import Article

    for record in read_records(text, lines=lines):
        prefix = f"{record.where}: " if record.where else ""
        if isinstance(record, BadRecord):
            yield NoArticle(prefix + record.reason)
            continue
        body = clean_body(record.text.split("\n"))
        if not body:
            yield NoArticle(prefix + "no body text left after removing page furniture")
            continue
        published = parse_published(record.published) if record.published else None
        notes = record.notes
        if record.published and published is None:
            notes += (f"date {record.published!r} not understood",)
        yield Article(
            id=article_id(body),
            path=f"{path}#{record.where.split()[-1]}" if record.where else path,
            source=record.source or host(record.url),
            title=record.title,
            published=published,
            authors=record.authors,
            url=record.url,
            text=body,
            notes=notes,
            extra=record.extra,
        )
