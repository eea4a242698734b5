"""Numbered schema migrations for the claim store.

Each migration is a function that builds its tables from its own ``MetaData``, so a
migration keeps describing the schema as it was when it shipped even after
``store.py`` moves on; never edit one that has been released, add the next one.
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

if TYPE_CHECKING:
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
    import sqlalchemy as sa

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
    import sqlalchemy as sa

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
    import sqlalchemy as sa

    # What a figure measures, for comparing it across sources: whose, where, since
    # when, the date it is given for, and whether it is planned rather than present.
    for column in ("figure_owner", "figure_place", "figure_since", "figure_when", "figure_as_of"):
        conn.execute(sa.text(f"ALTER TABLE claims ADD COLUMN {column} TEXT"))
    conn.execute(sa.text("ALTER TABLE claims ADD COLUMN figure_planned BOOLEAN"))
    conn.execute(sa.text("ALTER TABLE claims ADD COLUMN figure_verb TEXT"))
    # The places, organisations and people an article names: figures from articles
    # that share none of them are not compared.
    conn.execute(sa.text("ALTER TABLE articles ADD COLUMN topics TEXT NOT NULL DEFAULT '[]'"))


# Columns of the claims table as m003 left it, in order.
_CLAIM_COLUMNS_V3 = (
    "id", "article_id", "kind", "text", "sentence", "start_offset", "end_offset", "segments",
    "speaker_name", "speaker_mention", "speaker_kind", "speaker_role", "cue", "direct", "date",
    "figure_value", "figure_low", "figure_high", "figure_qualifier", "figure_unit", "figure_category",
    "figure_owner", "figure_place", "figure_since", "figure_when", "figure_as_of", "figure_planned",
    "figure_verb",
)  # fmt: skip


@migration
def m004_fast_queries(conn: sa.Connection) -> None:
    import sqlalchemy as sa

    metadata = sa.MetaData()
    sa.Table("articles", metadata, sa.Column("id", sa.Text, primary_key=True))  # the key claims refer to
    # Claims get an integer key of their own. A full-text index refers to rows by an
    # integer, and SQLite may renumber the hidden rowid of a table without one (VACUUM).
    claims = sa.Table(
        "claims_v4",
        metadata,
        sa.Column("seq", sa.Integer, primary_key=True),
        sa.Column("id", sa.Text, nullable=False, unique=True),
        sa.Column("article_id", sa.Text, sa.ForeignKey("articles.id", ondelete="CASCADE"), nullable=False),
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
        sa.Column("figure_owner", sa.Text),
        sa.Column("figure_place", sa.Text),
        sa.Column("figure_since", sa.Text),
        sa.Column("figure_when", sa.Text),
        sa.Column("figure_as_of", sa.Text),
        sa.Column("figure_planned", sa.Boolean),
        sa.Column("figure_verb", sa.Text),
    )
    claims.create(conn)
    columns = ", ".join(_CLAIM_COLUMNS_V3)
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

    metadata = sa.MetaData()
    sa.Table("claims", metadata, sa.Column("id", sa.Text, primary_key=True))
    # Every speaker name and every way an article named a speaker, so that --speaker
    # searches a short list instead of every claim.
    aliases = sa.Table("speaker_aliases", metadata, sa.Column("alias", sa.Text, primary_key=True))
    aliases.create(conn)
    conn.execute(
        sa.text(
            "INSERT INTO speaker_aliases (alias) SELECT speaker_name FROM claims WHERE speaker_name IS NOT NULL "
            "UNION SELECT speaker_mention FROM claims WHERE speaker_mention IS NOT NULL"
        )
    )

    # Derived tables, rebuilt by extract: one row per speaker identity, and the groups
    # of figures that report the same quantity, with the pairs that link them.
    sa.Table(
        "speaker_summaries",
        metadata,
        sa.Column("name", sa.Text, primary_key=True),
        sa.Column("kind", sa.Text, nullable=False),
        sa.Column("aliases", sa.Text, nullable=False),
        sa.Column("roles", sa.Text, nullable=False),
        sa.Column("claims", sa.Integer, nullable=False),
        sa.Column("articles", sa.Integer, nullable=False),
    ).create(conn)
    summaries = _columns_of("speaker_summaries", "claims", "name")
    sa.Index("ix_speaker_summaries_order", summaries.c.claims.desc(), summaries.c.name).create(conn)
    links = sa.Table(
        "figure_links",
        metadata,
        sa.Column("first", sa.Text, sa.ForeignKey("claims.id", ondelete="CASCADE"), primary_key=True),
        sa.Column("second", sa.Text, sa.ForeignKey("claims.id", ondelete="CASCADE"), primary_key=True),
        sa.Column("score", sa.Float, nullable=False),
        sa.Column("reasons", sa.Text, nullable=False),
    )
    links.create(conn)
    sa.Index("ix_figure_links_second", links.c.second).create(conn)
    groups = sa.Table(
        "figure_groups",
        metadata,
        sa.Column("id", sa.Text, primary_key=True),
        sa.Column("category", sa.Text, nullable=False),
        sa.Column("label", sa.Text, nullable=False),
        sa.Column("verdict", sa.Text, nullable=False),
        sa.Column("spread", sa.Float),
        sa.Column("sources", sa.Integer, nullable=False),
        sa.Column("dates_differ", sa.Boolean, nullable=False),
        sa.Column("explanation", sa.Text, nullable=False),
        sa.Column("size", sa.Integer, nullable=False),
    )
    groups.create(conn)
    sa.Index("ix_figure_groups_category", groups.c.category).create(conn)
    members = sa.Table(
        "figure_group_members",
        metadata,
        sa.Column("claim_id", sa.Text, sa.ForeignKey("claims.id", ondelete="CASCADE"), primary_key=True),
        sa.Column("group_id", sa.Text, sa.ForeignKey("figure_groups.id", ondelete="CASCADE"), nullable=False),
        sa.Column("position", sa.Integer, nullable=False),
    )
    members.create(conn)
    sa.Index("ix_figure_group_members_group", members.c.group_id).create(conn)
    # Which derived tables need a full rebuild before they can be trusted: all of them
    # on a store that had claims before this migration.
    state = sa.Table(
        "derived_state",
        metadata,
        sa.Column("name", sa.Text, primary_key=True),
        sa.Column("stale", sa.Boolean, nullable=False),
    )
    state.create(conn)
    has_claims = conn.execute(sa.text("SELECT 1 FROM claims LIMIT 1")).first() is not None
    conn.execute(
        sa.insert(state), [{"name": name, "stale": has_claims} for name in ("speaker_summaries", "figure_groups")]
    )

    if conn.dialect.name == "sqlite" and _sqlite_has_fts5(conn):
        # Words of each claim's sentence (which holds the claim's own words), indexed
        # for --search. The triggers keep it in step with every write.
        conn.execute(
            sa.text(
                "CREATE VIRTUAL TABLE claims_fts USING fts5(sentence, content='claims', "
                "content_rowid='seq', columnsize=0, "
                "tokenize='unicode61 remove_diacritics 2')"
            )
        )
        conn.execute(
            sa.text(
                "CREATE TRIGGER claims_fts_insert AFTER INSERT ON claims BEGIN "
                "INSERT INTO claims_fts (rowid, sentence) VALUES (new.seq, new.sentence); END"
            )
        )
        conn.execute(
            sa.text(
                "CREATE TRIGGER claims_fts_delete AFTER DELETE ON claims BEGIN "
                "INSERT INTO claims_fts (claims_fts, rowid, sentence) VALUES ('delete', old.seq, old.sentence); END"
            )
        )
        conn.execute(
            sa.text(
                "CREATE TRIGGER claims_fts_update AFTER UPDATE ON claims BEGIN "
                "INSERT INTO claims_fts (claims_fts, rowid, sentence) VALUES ('delete', old.seq, old.sentence); "
                "INSERT INTO claims_fts (rowid, sentence) VALUES (new.seq, new.sentence); END"
            )
        )
        conn.execute(sa.text("INSERT INTO claims_fts (claims_fts) VALUES ('rebuild')"))


@migration
def m005_extra_metadata_and_views(conn: sa.Connection) -> None:
    import sqlalchemy as sa

    # Fields of a JSON article that claimtrack does not know, kept as they came.
    conn.execute(sa.text("ALTER TABLE articles ADD COLUMN extra TEXT NOT NULL DEFAULT '{}'"))
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
    metadata = sa.MetaData()
    sa.Table("articles", metadata, sa.Column("id", sa.Text, primary_key=True))
    appearances = sa.Table(
        "article_appearances",
        metadata,
        sa.Column("seq", sa.Integer, primary_key=True),  # the order they were first seen in
        # See `appearance_key`: the same file read again is the same appearance.
        sa.Column("id", sa.Text, nullable=False, unique=True),
        sa.Column("article_id", sa.Text, sa.ForeignKey("articles.id", ondelete="CASCADE"), nullable=False),
        sa.Column("path", sa.Text),
        sa.Column("source", sa.Text),
        sa.Column("url", sa.Text),
        sa.Column("published", sa.Text),
        sa.Column("title", sa.Text),
        sa.Column("authors", sa.Text, nullable=False, server_default="[]"),
        sa.Column("first_seen", sa.Text, nullable=False),
    )
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


def _sqlite_has_fts5(conn: sa.Connection) -> bool:
    import sqlalchemy as sa

    return bool(conn.execute(sa.text("SELECT sqlite_compileoption_used('ENABLE_FTS5')")).scalar())
