"""Articles from files, folders and standard input: the entry point of `claimtrack.inputs`.

Each planned input is read within the size limit, refused if binary, decoded, and
handed to the reader its suffix (or, for standard input, ``--format``) names; then the
run-wide and sidecar overrides are applied and the metadata cleaned.

Per-file problems never raise: `iter_inputs` reports them as `FileOutcome` records.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from claimtrack.errors import UsageError
from claimtrack.inputs.decoding import binary_kind, clean_field, decode
from claimtrack.inputs.plan import STDIN, STDIN_NAME, failed, plan_inputs, with_storable_path
from claimtrack.inputs.readers import NoArticle, Reader
from claimtrack.inputs.reading import DEFAULT_MAX_BYTES, Unreadable, describe, read_at_most, read_regular_file, too_large
from claimtrack.inputs.registry import DEFAULT_FORMAT, format_names, reader_for_suffix, reader_named, supported
from claimtrack.inputs.sidecars import read_sidecar, sidecar_path
from claimtrack.models import Article, FileOutcome


def iter_inputs(
    paths: Iterable[str | os.PathLike[str]],
    *,
    published: dt.date | None = None,
    source: str | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    stdin_format: str = DEFAULT_FORMAT,
) -> Iterator[Article | FileOutcome]:
    """Articles from files (by suffix, see `claimtrack.inputs.registry`), and an
    outcome for every file that gives none. The path ``-`` is standard input, read as
    ``stdin_format``.

    Folders are walked recursively in name order without following symlinked
    folders; hidden files and folders are skipped silently, and ``NAME.meta.json``
    sidecars are read with ``NAME.txt`` instead of on their own. A path named
    explicitly is read even if hidden. ``published`` and ``source`` override what a
    file says; a sidecar overrides both.
    """
    overrides = Overrides(published=published, source=source)
    stdin_reader = _reader_named(stdin_format)
    for planned in plan_inputs(paths):
        if isinstance(planned, FileOutcome):
            yield planned
        elif planned == STDIN:
            yield from _load_stdin(stdin_reader, overrides, max_bytes)
        else:
            for loaded in _load_file(planned, overrides, max_bytes):
                yield with_storable_path(loaded)


@dataclass(frozen=True)
class Overrides:
    """Fields set for every input of a run (``--published``, ``--source``)."""

    published: dt.date | None
    source: str | None


def _reader_named(name: str) -> Reader:
    reader = reader_named(name)
    if reader is None:
        raise UsageError(f"unknown input format {name!r} (known: {', '.join(format_names())})")
    return reader


def _load_stdin(reader: Reader, overrides: Overrides, max_bytes: int) -> Iterator[Article | FileOutcome]:
    import sys

    if sys.stdin is None:  # started with its standard input closed (`<&-`)
        yield failed(STDIN_NAME, "standard input is closed")
        return
    try:
        data = read_at_most(sys.stdin.buffer, max_bytes + 1)
    except OSError as exc:
        yield failed(STDIN_NAME, f"cannot read standard input: {describe(exc)}")
        return
    if len(data) > max_bytes:
        yield failed(STDIN_NAME, too_large(len(data), max_bytes))
        return
    yield from load_bytes(data, reader.name, path=STDIN_NAME, overrides=overrides)


def _load_file(path: str, overrides: Overrides, max_bytes: int) -> Iterator[Article | FileOutcome]:
    suffix = os.path.splitext(path)[1]
    reader = reader_for_suffix(suffix)
    if reader is None:
        described = suffix or "without an extension"
        yield FileOutcome(path=path, status="skipped", reason=f"unsupported format {described} ({supported()})")
        return
    try:
        data = read_regular_file(path, max_bytes)
    except FileNotFoundError:
        # Listed when its folder was walked, gone by the time its turn came.
        yield failed(path, "file disappeared before it could be read")
        return
    except Unreadable as refusal:
        yield failed(path, refusal.reason)
        return
    sidecar = sidecar_path(path, suffix)
    yield from load_bytes(data, reader.name, path=path, overrides=overrides, sidecar=sidecar, max_bytes=max_bytes)


def load_bytes(
    data: bytes,
    kind: str,
    *,
    path: str,
    overrides: Overrides | None = None,
    sidecar: str | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> Iterator[Article | FileOutcome]:
    """Articles from one input's bytes in format ``kind`` (a reader's name: ``txt``,
    ``html``, ``json``, ``jsonl``), or outcomes saying why there are none. A JSON input
    gives one result per record. ``max_bytes`` bounds the sidecar as it bounds articles;
    the sidecar is only read for a format whose reader takes one."""
    reader = _reader_named(kind)
    overrides = overrides or Overrides(published=None, source=None)
    binary = binary_kind(data)
    if binary is not None:
        yield failed(path, f"binary file ({binary})")
        return
    text, decode_note = decode(data)
    if not text.strip():
        yield failed(path, "empty file")
        return
    notes = [decode_note] if decode_note else []
    for found in reader.read(text, path):
        if isinstance(found, NoArticle):
            yield failed(path, found.reason)
        elif not found.text:
            yield failed(path, "no body text left after removing header lines and page furniture")
        else:
            yield _with_overrides(found, overrides, sidecar if reader.sidecars else None, notes, max_bytes)


def _with_overrides(
    article: Article, overrides: Overrides, sidecar: str | None, notes: list[str], max_bytes: int
) -> Article:
    """``article`` with the run-wide and sidecar overrides applied and its metadata cleaned."""
    notes = list(notes)
    updates: dict[str, object] = {}
    if overrides.published is not None:
        updates["published"] = overrides.published
    if overrides.source is not None:
        updates["source"] = overrides.source
    if sidecar is not None:
        sidecar_updates, sidecar_note = read_sidecar(sidecar, max_bytes)
        updates.update(sidecar_updates)
        if sidecar_note:
            notes.append(sidecar_note)
    if notes:
        updates["notes"] = (*article.notes, *notes)
    return with_metadata(article, updates)


def with_metadata(article: Article, updates: dict[str, object]) -> Article:
    """``article`` with ``updates`` to its fields, and its metadata cleaned.

    Every format and override ends here, so no metadata leaves uncleaned: a JSON
    record, a sidecar, --source or a library caller may carry escape sequences or line
    breaks."""
    updates = dict(updates)
    for name in ("title", "source", "url"):
        value = updates.get(name, getattr(article, name))
        if value is not None:
            updates[name] = clean_field(value)  # type: ignore[arg-type]
    authors = updates.get("authors", article.authors)
    updates["authors"] = tuple(dict.fromkeys(name for name in map(clean_field, authors) if name))  # type: ignore[arg-type]
    return article.model_copy(update=updates)
