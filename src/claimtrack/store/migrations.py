"""Numbered schema migrations for the claim store.

Each migration is a function of a connection. The tables and columns it creates come
from `claimtrack.store.schema` as they were at its version (``Table.as_of``,
``Table.added_in``): columns are only ever added there, so a released migration keeps
doing what it did. Indexes, views and data copies are written out in the migration that
made them; never edit a released one, add the next one. A version that only adds
columns declared in the schema needs no function: one is made for it (`_add_columns`).
The store applies pending migrations in order, one transaction each, and records
every one in ``claimtrack_migrations`` (the pattern of simonw/llm's migrations).

Each migration imports SQLAlchemy itself, so that checking a store's version (which
every command does) does not pay for importing it.

Versions come from the function names (``m001_...``) rather than list positions so
that an accidental reordering fails at import time instead of renumbering history.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from claimtrack.store import schema
from claimtrack.store.dialect import for_name

if TYPE_CHECKING:
    import sqlalchemy as sa

MIGRATIONS_TABLE = schema.APPLIED_MIGRATIONS.name


@dataclass(frozen=True)
class Migration:
    version: int
    name: str
    apply: Callable[[sa.Connection], None]


MIGRATIONS: list[Migration] = []

_NAME = re.compile(r"m(\d{3})_[a-z0-9_]+")


def migration(fn: Callable[[sa.Connection], None]) -> Callable[[sa.Connection], None]:
    """Register ``fn`` as the next migration; its name must carry a number after the
    last one's. Versions between (numbers that only add what the schema declares, or
    that another line of work has taken) are made from the schema (`schema_migration`)."""
    match = _NAME.fullmatch(fn.__name__)
    if match is None:
        raise ValueError(f"migration {fn.__name__!r} must be named like m001_initial")
    version = int(match.group(1))
    expected = len(MIGRATIONS) + 1
    if version < expected:
        raise ValueError(f"migration {fn.__name__!r} is numbered {version}, expected {expected} or more")
    MIGRATIONS.extend(schema_migration(between) for between in range(expected, version))
    MIGRATIONS.append(Migration(version=version, name=fn.__name__, apply=fn))
    return fn


def latest_version() -> int:
    """The schema version this code writes; a store recording more is too new to touch."""
    return MIGRATIONS[-1].version if MIGRATIONS else 0


def pending(current: int) -> list[Migration]:
    return [m for m in MIGRATIONS if m.version > current]


@migration
def m001_initial(conn: sa.Connection) -> None:
    import sqlalchemy as sa

    from claimtrack.store.tables import sa_table

    metadata = sa.MetaData()
    sa_table(metadata, schema.APPLIED_MIGRATIONS, 1).create(conn)
    articles = sa_table(metadata, schema.ARTICLES, 1)
    articles.create(conn)
    # The first form of the claims table, keyed by the claim id; m004 rebuilt it with
    # an integer key, and the schema declares it as it is since then.
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
    import sqlalchemy as sa

    from claimtrack.store.tables import sa_table

    # Rebuilt after each extract run, so it is derived data: no foreign keys to keep.
    identities = sa_table(sa.MetaData(), schema.SPEAKER_IDENTITIES, 2)
    identities.create(conn)
    sa.Index("ix_speaker_identities_canonical", identities.c.canonical).create(conn)


@migration
def m003_figure_context(conn: sa.Connection) -> None:
    # What a figure measures (whose, where, since when, for which day, planned or
    # present, its verb), and what an article names.
    add_columns(conn, 3)


@migration
def m004_fast_queries(conn: sa.Connection) -> None:
    import sqlalchemy as sa

    from claimtrack.store.tables import sa_table, sa_tables

    metadata = sa.MetaData()
    sa_table(metadata, schema.ARTICLES, 4)  # the key claims refer to
    # Claims get an integer key of their own (see `schema.CLAIMS`).
    claims = sa_table(metadata, schema.CLAIMS, 4, name="claims_v4")
    claims.create(conn)
    columns = ", ".join(column.name for column in schema.CLAIMS.as_of(3))
    conn.execute(sa.text(f"INSERT INTO claims_v4 ({columns}) SELECT {columns} FROM claims"))
    conn.execute(sa.text("DROP TABLE claims"))
    conn.execute(sa.text("ALTER TABLE claims_v4 RENAME TO claims"))
    claims = _columns_of("claims", "article_id", "start_offset", "id", "speaker_name", "speaker_mention", "kind",
                         "figure_category", "date")
    articles = _columns_of("articles", "published", "path", "id")
    for index in (
        # An article's claims in reading order, and articles in listing order: with a
        # limit, the listing stops after the first rows instead of sorting them all.
        sa.Index("ix_claims_article_order", claims.c.article_id, claims.c.start_offset, claims.c.id),
        sa.Index(
            "ix_articles_order", articles.c.published.is_(None), articles.c.published, articles.c.path, articles.c.id
        ),
        sa.Index("ix_claims_speaker_name", claims.c.speaker_name),
        sa.Index("ix_claims_speaker_mention", claims.c.speaker_mention),
        sa.Index("ix_claims_kind", claims.c.kind),
        sa.Index("ix_claims_figure_category", claims.c.figure_category),
        sa.Index("ix_claims_date", claims.c.date),
    ):
        index.create(conn)

    # The derived tables (see `schema`), in a metadata with the tables they refer to.
    tables = {table.name: table for table in sa_tables(4).values()}
    # Every speaker name and every way an article named a speaker.
    tables["speaker_aliases"].create(conn)
    conn.execute(
        sa.text(
            "INSERT INTO speaker_aliases (alias) SELECT speaker_name FROM claims WHERE speaker_name IS NOT NULL "
            "UNION SELECT speaker_mention FROM claims WHERE speaker_mention IS NOT NULL"
        )
    )
    # One row per speaker identity, and the groups of figures that report the same
    # quantity, with the pairs that link them.
    tables["speaker_summaries"].create(conn)
    summaries = _columns_of("speaker_summaries", "claims", "name")
    sa.Index("ix_speaker_summaries_order", summaries.c.claims.desc(), summaries.c.name).create(conn)
    tables["figure_links"].create(conn)
    sa.Index("ix_figure_links_second", tables["figure_links"].c.second).create(conn)
    tables["figure_groups"].create(conn)
    sa.Index("ix_figure_groups_category", tables["figure_groups"].c.category).create(conn)
    members = tables["figure_group_members"]
    members.create(conn)
    sa.Index("ix_figure_group_members_group", members.c.group_id).create(conn)
    # Which derived tables need a full rebuild before they can be trusted: all of them
    # on a store that had claims before this migration.
    state = tables["derived_state"]
    state.create(conn)
    has_claims = conn.execute(sa.text("SELECT 1 FROM claims LIMIT 1")).first() is not None
    conn.execute(
        sa.insert(state), [{"name": name, "stale": has_claims} for name in ("speaker_summaries", "figure_groups")]
    )

    # The full-text index --search uses, where the database has one.
    for_name(conn.dialect.name).create_search_index(conn)


@migration
def m005_extra_metadata_and_views(conn: sa.Connection) -> None:
    import sqlalchemy as sa

    # Fields of a JSON article that claimtrack does not know, kept as they came.
    add_columns(conn, 5)
    # Views for people browsing the store (datasette, a SQL shell): each claim with
    # its article and the speaker's one identity, under plain names.
    conn.execute(
        sa.text(
            "CREATE VIEW quotes AS SELECT c.id AS claim_id, c.text AS statement,"
            " coalesce(i.canonical, c.speaker_name) AS speaker, c.speaker_mention AS speaker_as_written,"
            " c.speaker_role AS speaker_role, c.speaker_kind AS speaker_kind, c.cue AS speech_verb,"
            " c.direct AS direct_quote, c.date AS said_on, a.source AS outlet, a.title AS article_title,"
            " a.published AS article_published, a.url AS article_url, a.path AS article_path,"
            " c.sentence AS sentence, a.id AS article_id"
            " FROM claims c JOIN articles a ON a.id = c.article_id"
            " LEFT JOIN speaker_identities i ON i.name = c.speaker_name WHERE c.kind = 'quote'"
        )
    )
    conn.execute(
        sa.text(
            "CREATE VIEW figures AS SELECT c.id AS claim_id, c.text AS wording, c.figure_value AS value,"
            " c.figure_low AS low, c.figure_high AS high, c.figure_qualifier AS qualifier, c.figure_unit AS unit,"
            " c.figure_category AS category, c.figure_owner AS whose, c.figure_place AS place,"
            " c.figure_since AS since, coalesce(c.figure_as_of, c.date, a.published) AS as_of,"
            " c.figure_planned AS planned, coalesce(i.canonical, c.speaker_name) AS given_by,"
            " a.source AS outlet, a.title AS article_title, a.published AS article_published,"
            " a.url AS article_url, c.sentence AS sentence, a.id AS article_id"
            " FROM claims c JOIN articles a ON a.id = c.article_id"
            " LEFT JOIN speaker_identities i ON i.name = c.speaker_name WHERE c.kind = 'figure'"
        )
    )
    conn.execute(
        sa.text(
            "CREATE VIEW figure_group_reports AS SELECT g.id AS group_id, g.label AS quantity,"
            " g.verdict AS verdict, g.spread AS spread, m.position AS position, f.*"
            " FROM figure_groups g JOIN figure_group_members m ON m.group_id = g.id"
            " JOIN figures f ON f.claim_id = m.claim_id"
        )
    )


@migration
def m006_article_appearances(conn: sa.Connection) -> None:
    import sqlalchemy as sa

    # Every place an article's text appeared (a file or record, an outlet, a URL), with
    # what that copy said of itself. The article row keeps its primary appearance's
    # metadata, which its claims carry; syndicated copies of the text are listed here.
    from claimtrack.store.tables import sa_tables

    appearances = sa_tables(6)["article_appearances"]
    appearances.create(conn)
    sa.Index("ix_article_appearances_article", appearances.c.article_id, appearances.c.seq).create(conn)
    # Each stored article appeared once, as its row says.
    rows = conn.execute(
        sa.text("SELECT id, path, source, url, published, title, authors, extracted_at FROM articles"
                " ORDER BY extracted_at, id")
    ).all()
    for start in range(0, len(rows), 500):
        conn.execute(
            sa.insert(appearances),
            [
                {
                    "id": appearance_key(article_id, path, source, url), "article_id": article_id, "path": path,
                    "source": source, "url": url, "published": published, "title": title, "authors": authors,
                    "first_seen": extracted_at,
                }
                for article_id, path, source, url, published, title, authors, extracted_at in rows[start : start + 500]
            ],
        )


def appearance_key(article_id: str, path: str | None, source: str | None, url: str | None) -> str:
    """The key of one appearance of an article: where it was read (path), which outlet
    ran it and under which URL. Reading the same file again, with a corrected date or
    title, is the same appearance; the same text under another outlet is another.

    Stored keys depend on it: never change it.
    """
    import hashlib
    import json

    place = json.dumps([article_id, path, source, url], ensure_ascii=False)
    return hashlib.sha256(place.encode("utf-8")).hexdigest()[:16]


def _columns_of(table: str, *names: str) -> sa.Table:
    """Enough of an existing table to name its columns in an index."""
    import sqlalchemy as sa

    return sa.Table(table, sa.MetaData(), *(sa.Column(name) for name in names))


# --- what the schema declares ---------------------------------------------------------------


def add_columns(conn: sa.Connection, version: int) -> None:
    """Add the columns `schema` declares with ``version`` to the tables that existed before."""
    import sqlalchemy as sa

    for table in schema.TABLES:
        for column in table.added_in(version):
            definition = f"{column.name} {column.type}"
            if not column.nullable:
                definition += " NOT NULL"
            if column.default is not None:
                definition += " DEFAULT '" + column.default.replace("'", "''") + "'"
            conn.execute(sa.text(f"ALTER TABLE {table.name} ADD COLUMN {definition}"))


def schema_migration(version: int) -> Migration:
    """The migration of a version that only adds tables and columns the schema declares
    with it: new tables are created, new columns added to the others."""
    created = [table for table in schema.TABLES if table.since == version]
    added = [(table, column) for table in schema.TABLES for column in table.added_in(version)]
    for table, column in added:
        if (not column.nullable and column.default is None) or column.primary_key or column.references:
            raise ValueError(
                f"{table.name}.{column.name} cannot be added to existing rows as declared: give it a default, "
                f"or add it in a migration m{version:03d}_... of its own"
            )
    parts = [table.name for table in created] + [f"{table.name}_{column.name}" for table, column in added]
    # A number the schema declares nothing for is kept for work that will (see `migration`).
    name = f"m{version:03d}_add_{'_'.join(parts)}"[:60] if parts else f"m{version:03d}_reserved"

    def apply(conn: sa.Connection) -> None:
        from claimtrack.store.tables import sa_tables

        tables = sa_tables(version)
        for table in created:
            tables[table.name].create(conn)
        add_columns(conn, version)

    return Migration(version=version, name=name, apply=apply)


# --- after m006 ------------------------------------------------------------------------------
# Written out after the schema helpers above, which fill the versions before each.


@migration
def m009_search_index_for_datasette(conn: sa.Connection) -> None:
    # The full-text index of claims made again as sqlite-utils' enable-fts makes one
    # (content=[claims], triggers claims_ai/_ad/_au), so that datasette finds it: its
    # search box and ?_search= then search claims. Versions 7 and 8 come before it.
    for_name(conn.dialect.name).remake_search_index(conn, schema.CLAIMS_SEARCH)


# Versions after the last written-out migration only add what the schema declares.
MIGRATIONS += [schema_migration(version) for version in range(latest_version() + 1, schema.LATEST_VERSION + 1)]
