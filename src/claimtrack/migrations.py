"""Numbered schema migrations for the claim store.

Each migration is a function that builds its tables from its own ``MetaData``, so a
migration keeps describing the schema as it was when it shipped even after
``store.py`` moves on; never edit one that has been released, add the next one.
The store applies pending migrations in order, one transaction each, and records
every one in ``claimtrack_migrations`` (the pattern of simonw/llm's migrations).

Versions come from the function names (``m001_...``) rather than list positions so
that an accidental reordering fails at import time instead of renumbering history.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

import sqlalchemy as sa

MIGRATIONS_TABLE = "claimtrack_migrations"


@dataclass(frozen=True)
class Migration:
    version: int
    name: str
    apply: Callable[[sa.Connection], None]


MIGRATIONS: list[Migration] = []

_NAME = re.compile(r"m(\d{3})_[a-z0-9_]+")


def migration(fn: Callable[[sa.Connection], None]) -> Callable[[sa.Connection], None]:
    """Register ``fn`` as the next migration; its name must carry the next number."""
    match = _NAME.fullmatch(fn.__name__)
    if match is None:
        raise ValueError(f"migration {fn.__name__!r} must be named like m001_initial")
    version = int(match.group(1))
    expected = len(MIGRATIONS) + 1
    if version != expected:
        raise ValueError(f"migration {fn.__name__!r} is numbered {version}, expected {expected}")
    MIGRATIONS.append(Migration(version=version, name=fn.__name__, apply=fn))
    return fn


def latest_version() -> int:
    """The schema version this code writes; a store recording more is too new to touch."""
    return MIGRATIONS[-1].version if MIGRATIONS else 0


def pending(current: int) -> list[Migration]:
    return [m for m in MIGRATIONS if m.version > current]


@migration
def m001_initial(conn: sa.Connection) -> None:
    # Dates are ISO text, not native DATE: the file stays readable in any SQLite
    # browser and ISO strings compare in date order on every backend.
    metadata = sa.MetaData()
    sa.Table(
        "claimtrack_migrations",
        metadata,
        sa.Column("version", sa.Integer, primary_key=True, autoincrement=False),
        sa.Column("name", sa.Text, nullable=False),
        sa.Column("applied_at", sa.Text, nullable=False),
    ).create(conn)
    articles = sa.Table(
        "articles",
        metadata,
        sa.Column("id", sa.Text, primary_key=True),
        sa.Column("path", sa.Text),
        sa.Column("source", sa.Text),
        sa.Column("title", sa.Text),
        sa.Column("published", sa.Text),
        sa.Column("authors", sa.Text, nullable=False, server_default="[]"),
        sa.Column("url", sa.Text),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("notes", sa.Text, nullable=False, server_default="[]"),
        sa.Column("extracted_at", sa.Text, nullable=False),
    )
    articles.create(conn)
    claims = sa.Table(
        "claims",
        metadata,
        sa.Column("id", sa.Text, primary_key=True),
        sa.Column(
            "article_id",
            sa.Text,
            sa.ForeignKey("articles.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("kind", sa.Text, nullable=False),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("sentence", sa.Text, nullable=False),
        sa.Column("start_offset", sa.Integer, nullable=False),
        sa.Column("end_offset", sa.Integer, nullable=False),
        sa.Column("segments", sa.Text, nullable=False),
        sa.Column("speaker_name", sa.Text),
        sa.Column("speaker_mention", sa.Text),
        sa.Column("speaker_kind", sa.Text),
        sa.Column("speaker_role", sa.Text),
        sa.Column("cue", sa.Text),
        sa.Column("direct", sa.Boolean, nullable=False),
        sa.Column("date", sa.Text),
        sa.Column("figure_value", sa.Float),
        sa.Column("figure_low", sa.Float),
        sa.Column("figure_high", sa.Float),
        sa.Column("figure_qualifier", sa.Text),
        sa.Column("figure_unit", sa.Text),
        sa.Column("figure_category", sa.Text),
    )
    claims.create(conn)
    for name, column in [
        ("ix_claims_article_id", claims.c.article_id),
        ("ix_claims_speaker_name", claims.c.speaker_name),
        ("ix_claims_kind", claims.c.kind),
        ("ix_claims_figure_category", claims.c.figure_category),
        ("ix_claims_date", claims.c.date),
        ("ix_articles_source", articles.c.source),
    ]:
        sa.Index(name, column).create(conn)


@migration
def m002_speaker_identities(conn: sa.Connection) -> None:
    # One row per speaker name as resolved inside an article, pointing at the
    # canonical name of the person or body it belongs to across articles. Rebuilt
    # after each extract run, so it is derived data: no foreign keys to keep.
    metadata = sa.MetaData()
    identities = sa.Table(
        "speaker_identities",
        metadata,
        sa.Column("name", sa.Text, primary_key=True),
        sa.Column("canonical", sa.Text, nullable=False),
    )
    identities.create(conn)
    sa.Index("ix_speaker_identities_canonical", identities.c.canonical).create(conn)


@migration
def m003_figure_context(conn: sa.Connection) -> None:
    # What a figure measures, for comparing it across sources: whose, where, since
    # when, the date it is given for, and whether it is planned rather than present.
    for column in ("figure_owner", "figure_place", "figure_since", "figure_when", "figure_as_of"):
        conn.execute(sa.text(f"ALTER TABLE claims ADD COLUMN {column} TEXT"))
    conn.execute(sa.text("ALTER TABLE claims ADD COLUMN figure_planned BOOLEAN"))
    conn.execute(sa.text("ALTER TABLE claims ADD COLUMN figure_verb TEXT"))
    # The places, organisations and people an article names: figures from articles
    # that share none of them are not compared.
    conn.execute(sa.text("ALTER TABLE articles ADD COLUMN topics TEXT NOT NULL DEFAULT '[]'"))
