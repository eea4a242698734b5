"""``NAME.meta.json`` next to ``NAME.txt``: field overrides that win over what the file
and the run say. A sidecar that cannot be used is ignored with a note, never fatal."""

from __future__ import annotations

import datetime as dt
import json
import os
import re

from claimtrack.inputs.bylines import NAME_SEPARATOR
from claimtrack.inputs.reading import Unreadable, read_regular_file
from claimtrack.inputs.safejson import SURROGATE_NOTE, UnsafeJSON, parse_json, without_surrogates

SIDECAR_SUFFIX = ".meta.json"
SIDECAR_FIELDS = frozenset({"title", "source", "published", "authors", "url"})
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def sidecar_path(path: str, suffix: str) -> str:
    """Where the sidecar of the file at ``path``, which ends in ``suffix``, would be."""
    return path[: -len(suffix)] + SIDECAR_SUFFIX


def read_sidecar(path: str, max_bytes: int) -> tuple[dict[str, object], str | None]:
    """Field overrides from a ``.meta.json`` sidecar, or a note saying why it was ignored."""
    try:
        raw = read_regular_file(path, max_bytes)
    except FileNotFoundError:
        return {}, None
    except Unreadable as refusal:
        return {}, _sidecar_note(path, refusal.reason)
    try:
        document = parse_json(raw.decode("utf-8-sig"))
    except UnicodeDecodeError:
        return {}, _sidecar_note(path, "not UTF-8")
    except json.JSONDecodeError as exc:
        return {}, _sidecar_note(path, f"invalid JSON ({exc.msg} at line {exc.lineno}, column {exc.colno})")
    except UnsafeJSON as exc:
        return {}, _sidecar_note(path, f"unreadable JSON: {exc}")
    document, had_surrogates = without_surrogates(document)
    try:
        fields = _sidecar_fields(document)
    except ValueError as exc:
        return {}, _sidecar_note(path, str(exc))
    return fields, f"sidecar {os.path.basename(path)}: {SURROGATE_NOTE}" if had_surrogates else None


def _sidecar_fields(document: object) -> dict[str, object]:
    """Validated overrides; raises ValueError naming the first problem.

    A JSON null or empty string clears the field.
    """
    if not isinstance(document, dict):
        raise ValueError("expected a JSON object")
    unknown = sorted(set(document) - SIDECAR_FIELDS)
    if unknown:
        raise ValueError(f"unknown key {unknown[0]!r} (allowed: {', '.join(sorted(SIDECAR_FIELDS))})")
    fields: dict[str, object] = {}
    for name, value in document.items():
        if value is None or value == "":
            fields[name] = () if name == "authors" else None
        elif name == "authors":
            fields[name] = _sidecar_authors(value)
        elif not isinstance(value, str):
            raise ValueError(f"{name!r} must be a string")
        elif name == "published":
            fields[name] = _sidecar_date(value)
        else:
            fields[name] = " ".join(value.split()) or None
    return fields


def _sidecar_authors(value: object) -> tuple[str, ...]:
    if isinstance(value, str):
        return tuple(name for name in NAME_SEPARATOR.split(value.strip()) if name)
    if isinstance(value, list) and all(isinstance(name, str) for name in value):
        return tuple(" ".join(name.split()) for name in value if name.strip())
    raise ValueError("'authors' must be a string or a list of strings")


def _sidecar_date(value: str) -> dt.date:
    if _ISO_DATE.fullmatch(value.strip()):
        try:
            return dt.date.fromisoformat(value.strip())
        except ValueError:
            pass
    raise ValueError(f"'published' must be a YYYY-MM-DD date, not {value!r}")


def _sidecar_note(path: str, problem: str) -> str:
    return f"ignored sidecar {os.path.basename(path)}: {problem}"
