"""The store's tables as SQLAlchemy tables, built from `claimtrack.store.schema`: for
building statements (writes) and for creating tables and columns (migrations).

Imported only by what writes or migrates: reads on a SQLite file never load SQLAlchemy.
"""

from __future__ import annotations

import sqlalchemy as sa

from claimtrack.store import schema

_TYPES = {schema.TEXT: sa.Text, schema.INTEGER: sa.Integer, schema.REAL: sa.Float, schema.BOOLEAN: sa.Boolean}


def sa_column(column: schema.Column) -> sa.Column:
    arguments = []
    if column.references is not None:
        arguments.append(sa.ForeignKey(column.references, ondelete="CASCADE"))
    return sa.Column(
        column.name,
        _TYPES[column.type](),
        *arguments,
        primary_key=column.primary_key,
        # An integer key SQLAlchemy would otherwise number itself (SERIAL) only when asked.
        autoincrement="auto" if column.autoincrement else False,
        nullable=column.nullable and not column.primary_key,
        unique=column.unique or None,
        server_default=column.default,
    )


def sa_table(
    metadata: sa.MetaData, table: schema.Table, version: int | None = None, *, name: str | None = None
) -> sa.Table:
    """``table`` as it was at schema ``version`` (default: as it is now), in ``metadata``."""
    columns = table.columns if version is None else table.as_of(version)
    return sa.Table(name or table.name, metadata, *(sa_column(column) for column in columns))


def sa_tables(version: int | None = None) -> dict[str, sa.Table]:
    """Every table that existed at ``version`` (default: now), in one metadata so that
    their foreign keys resolve, by name."""
    metadata = sa.MetaData()
    return {
        table.name: sa_table(metadata, table, version)
        for table in schema.TABLES
        if version is None or table.since <= version
    }


# The latest schema, for building statements.
_LATEST = sa_tables()
metadata = next(iter(_LATEST.values())).metadata
applied_migrations = _LATEST[schema.APPLIED_MIGRATIONS.name]
articles = _LATEST[schema.ARTICLES.name]
article_appearances = _LATEST[schema.ARTICLE_APPEARANCES.name]
claims = _LATEST[schema.CLAIMS.name]
identities = _LATEST[schema.SPEAKER_IDENTITIES.name]
speaker_aliases = _LATEST[schema.SPEAKER_ALIASES.name]
speaker_summaries = _LATEST[schema.SPEAKER_SUMMARIES.name]
figure_links = _LATEST[schema.FIGURE_LINKS.name]
figure_groups = _LATEST[schema.FIGURE_GROUPS.name]
figure_group_members = _LATEST[schema.FIGURE_GROUP_MEMBERS.name]
derived_state = _LATEST[schema.DERIVED_STATE.name]
