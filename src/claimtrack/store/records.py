"""Records to rows and rows back to records, as `claimtrack.store.schema` declares the
columns: each column's ``field`` names what it holds and its ``codec`` how."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from claimtrack.models import ArticleInfo, Claim
from claimtrack.store import schema


def _field_value(record: Any, path: str) -> Any:
    """The value at a dotted ``path`` of ``record``; None below a missing part (a quote
    has no figure)."""
    for name in path.split("."):
        if record is None:
            return None
        record = getattr(record, name)
    return record


def to_row(table: schema.Table, record: Any, **more: Any) -> dict[str, Any]:
    """The row of ``record`` in ``table``: a value for every column that holds a field,
    and ``more`` for the others."""
    row = {column.name: column.codec.write(_field_value(record, column.field)) for column in table.fields()}
    row.update(more)
    return row


def fields_of(columns: Sequence[schema.Column], values: Iterable[Any]) -> dict[str, Any]:
    """The fields ``values`` (a row of ``columns``) hold, read back through their codecs."""
    return {column.field: column.codec.read(value) for column, value in zip(columns, values, strict=True)}


def columns_for(table: schema.Table, fields: Iterable[str]) -> tuple[schema.Column, ...]:
    """The columns of ``table`` that hold ``fields``, in the table's order."""
    wanted = set(fields)
    return tuple(column for column in table.fields() if column.field in wanted)


# The article metadata every claim carries (not the text: it can be large).
ARTICLE_INFO = columns_for(schema.ARTICLES, ArticleInfo.model_fields)
ARTICLE = schema.ARTICLES.fields()
# A claim's own columns; its article comes from ARTICLE_INFO.
CLAIM = tuple(column for column in schema.CLAIMS.fields() if column.field != "article.id")


def column_of(table: schema.Table, field: str, alias: str) -> str:
    """``alias.column`` for the column of ``table`` holding ``field``."""
    return f"{alias}.{table.by_field(field).name}"


def claim_column(field: str) -> str:
    """The column holding a claim's ``field`` (a dotted path), as a query joining claims
    ``c`` with their articles ``a`` names it: ``figure.as_of`` is ``c.figure_as_of``,
    ``article.published`` is ``a.published``."""
    if field.startswith("article."):
        return column_of(schema.ARTICLES, field.removeprefix("article."), "a")
    return column_of(schema.CLAIMS, field, "c")


def _claim_plan() -> tuple[list[tuple[int, str | None, str, Any]], list[tuple[str, int]]]:
    """For each column of CLAIM: (position, the part its field is in or None, the field's
    name, how to read it); and for each part, the position of the column that says it is
    there."""
    plan, keys = [], []
    for position, column in enumerate(CLAIM):
        part, _, name = column.field.rpartition(".")
        plan.append((position, part or None, name, column.codec.read))
        if column.part_key:
            keys.append((part, position))
    return plan, keys


_PLAN, _PART_KEYS = _claim_plan()


def claims_from(rows: Iterable[Sequence[Any]]) -> list[Claim]:
    """Claims from rows of CLAIM's columns, then the speaker's name across the store
    (its identity's canonical name), then ARTICLE_INFO's columns."""
    infos: dict[str, ArticleInfo] = {}  # one ArticleInfo per article, shared by its claims
    width = len(CLAIM)
    result = []
    for row in rows:
        info_values = row[width + 1 :]
        info = infos.get(info_values[0])
        if info is None:
            info = infos[info_values[0]] = ArticleInfo(**fields_of(ARTICLE_INFO, info_values))
        record: dict[str, Any] = {"article": info}
        for part, position in _PART_KEYS:
            record[part] = {} if row[position] is not None else None
        for position, part, name, read in _PLAN:
            if part is None:
                record[name] = read(row[position])
            elif record[part] is not None:
                record[part][name] = read(row[position])
        if record["speaker"] is not None:
            record["speaker"]["name"] = row[width]
        result.append(Claim(**record))
    return result
