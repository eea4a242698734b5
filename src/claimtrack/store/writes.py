"""The writing side of the store: SQLAlchemy Core tables, engines and statements.

`claimtrack.store` imports this module only when it writes or migrates: importing
SQLAlchemy takes longer than a whole read command may (see benchmarks/), so reads on
SQLite run on the standard library driver. Only `claimtrack.store` uses this module.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Iterable, Sequence
from itertools import islice
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from sqlalchemy import event
from sqlalchemy import exc as sa_exc
from sqlalchemy.dialects import postgresql as pg_dialect
from sqlalchemy.dialects import sqlite as sqlite_dialect
from sqlalchemy.engine import URL, make_url
from sqlalchemy.pool import NullPool

from claimtrack.store import migrations, records, schema
from claimtrack.errors import InvalidStoreURL, StoreCorrupt
from claimtrack.models import Article, ArticleInfo, Claim

from claimtrack.store.tables import (  # noqa: F401  (the tables writes build statements on)
    applied_migrations,
    article_appearances,
    articles,
    claims,
    derived_state,
    figure_group_members,
    figure_groups,
    figure_links,
    identities,
    metadata,
    speaker_aliases,
    speaker_summaries,
)

WRITE_OPTION = "claimtrack_write"


# --- engines -------------------------------------------------------------------------


def parse_url(target: str) -> URL:
    try:
        return make_url(target)
    except (sa_exc.ArgumentError, ValueError) as error:
        raise InvalidStoreURL(f"{target!r} is not a valid SQLAlchemy URL: {error}.") from error


def sqlite_url(path: Path) -> URL:
    return URL.create("sqlite", database=str(path))


def create_engine(url: URL, location: str, **kwargs: Any) -> sa.Engine:
    try:
        engine = sa.create_engine(url, **kwargs)
    except sa_exc.ArgumentError as error:  # includes NoSuchModuleError: unknown backend
        raise InvalidStoreURL(f"Cannot use {location}: {error}.") from error
    except ImportError as error:
        raise InvalidStoreURL(
            f"Cannot use {location}: its database driver is not installed ({error})."
        ) from error
    if engine.dialect.name == "sqlite" and kwargs.get("poolclass") is not NullPool:
        event.listen(engine, "connect", _configure_sqlite_connection)
        event.listen(engine, "begin", _begin_sqlite_transaction)
    elif engine.dialect.name == "postgresql":
        event.listen(engine, "begin", _begin_postgresql_transaction)
    return engine


def probe(url: URL, location: str) -> int:
    """Read the recorded schema version without configuring or writing anything."""
    engine = create_engine(url, location, poolclass=NullPool)
    try:
        with engine.connect() as conn:
            inspector = sa.inspect(conn)
            names = set(inspector.get_table_names()) | set(inspector.get_view_names())
            if migrations.MIGRATIONS_TABLE in names:
                return recorded_version(conn)
            if names:
                shown = ", ".join(sorted(names)[:5])
                raise StoreCorrupt(f"{location} is a database with other tables ({shown}), not a claimtrack store.")
            return 0
    finally:
        engine.dispose()


def recorded_version(conn: sa.Connection) -> int:
    if not sa.inspect(conn).has_table(migrations.MIGRATIONS_TABLE):
        return 0
    return conn.scalar(sa.select(sa.func.max(applied_migrations.c.version))) or 0


def _configure_sqlite_connection(dbapi_connection: Any, _record: Any) -> None:
    # isolation_level=None stops Python's sqlite3 from starting transactions itself
    # (it skips DDL and SELECT, so migrations would not be atomic); the "begin"
    # listener emits BEGIN instead, as SQLAlchemy's SQLite docs recommend.
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    try:
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA busy_timeout=10000")
        cursor.execute("PRAGMA journal_mode=WAL")
        # In WAL mode this still never corrupts the file; a power cut (not a crash)
        # may only undo the last few commits. It saves an fsync per article.
        cursor.execute("PRAGMA synchronous=NORMAL")
    finally:
        cursor.close()
    from claimtrack.store.core import configure_sqlite_functions

    configure_sqlite_functions(dbapi_connection)


def _begin_sqlite_transaction(conn: sa.Connection) -> None:
    immediate = conn.get_execution_options().get(WRITE_OPTION, False)
    conn.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")


# Any fixed number: the advisory lock every claimtrack writer takes.
WRITE_LOCK_KEY = 0x636C61696D  # "claim"


def _begin_postgresql_transaction(conn: sa.Connection) -> None:
    # One writer at a time, as SQLite has it: saving an article (which deletes its old
    # claims) and rebuilding the figure groups (which reference claims) lock the same
    # rows in different orders, so two processes doing both at once could deadlock.
    # Each write transaction is short, and the lock ends with it.
    if conn.get_execution_options().get(WRITE_OPTION, False):
        conn.exec_driver_sql(f"SELECT pg_advisory_xact_lock({WRITE_LOCK_KEY})")


def driver_error(error: sa_exc.DBAPIError) -> BaseException:
    return error.orig if error.orig is not None else error


DBAPIError = sa_exc.DBAPIError


# --- statements ----------------------------------------------------------------------


def utc_now() -> str:
    return dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")


def article_row(article: Article) -> dict[str, Any]:
    return records.to_row(schema.ARTICLES, article, extracted_at=utc_now())


def appearance_row(info: ArticleInfo) -> dict[str, Any]:
    key = migrations.appearance_key(info.id, info.path, info.source, info.url)
    return records.to_row(schema.ARTICLE_APPEARANCES, info, id=key, first_seen=utc_now())


# What reading a known appearance again may correct; where it is (path, outlet, URL)
# makes its key, and when it was first seen stays.
APPEARANCE_DETAILS = ("published", "title", "authors")


def claim_row(claim: Claim) -> dict[str, Any]:
    return records.to_row(schema.CLAIMS, claim)


def save_article(conn: sa.Connection, article: Article, claims_of_article: Sequence[Claim]) -> None:
    """Replace everything stored for ``article``; the caller holds the transaction."""
    _upsert_article(conn, article_row(article))
    # The article as saved is its primary appearance; other appearances stay listed.
    record_appearance(conn, appearance_row(article.info()))
    conn.execute(sa.delete(claims).where(claims.c.article_id == article.id))
    names: set[str] = set()
    # In chunks: the rows of a very long text's tens of thousands of claims would take
    # gigabytes at once.
    claim_rows = (claim_row(c) for c in claims_of_article)
    while chunk := list(islice(claim_rows, CHUNK)):
        conn.execute(sa.insert(claims), chunk)
    for claim in claims_of_article:
        if claim.speaker:
            names.update((claim.speaker.name, claim.speaker.mention))
    if names:
        conn.execute(_insert_ignoring_duplicates(conn, speaker_aliases), [{"alias": n} for n in sorted(names)])
    mark_stale(conn, ("speaker_summaries", "figure_groups"))


def record_appearance(conn: sa.Connection, row: dict[str, Any]) -> str:
    """Add an appearance of a stored article, or correct the date, title and authors
    of the one with its key: "new", "updated" or "unchanged"; the caller holds a write
    transaction, so nothing changes between the look and the write."""
    details = [article_appearances.c[name] for name in APPEARANCE_DETAILS]
    found = conn.execute(sa.select(*details).where(article_appearances.c.id == row["id"])).first()
    if found is None:
        conn.execute(sa.insert(article_appearances).values(row))
        return "new"
    if tuple(found) == tuple(row[name] for name in APPEARANCE_DETAILS):
        return "unchanged"
    conn.execute(
        sa.update(article_appearances)
        .where(article_appearances.c.id == row["id"])
        .values({name: row[name] for name in APPEARANCE_DETAILS})
    )
    return "updated"


def mark_stale(conn: sa.Connection, names: Iterable[str], stale: bool = True) -> None:
    conn.execute(sa.update(derived_state).where(derived_state.c.name.in_(list(names))).values(stale=stale))


def replace_rows(conn: sa.Connection, table: sa.Table, rows: Sequence[dict[str, Any]]) -> None:
    conn.execute(sa.delete(table))
    if rows:
        conn.execute(sa.insert(table), list(rows))


def insert_ignoring_duplicates(conn: sa.Connection, table: sa.Table, rows: Sequence[dict[str, Any]]) -> None:
    if rows:
        conn.execute(_insert_ignoring_duplicates(conn, table), list(rows))


def _insert_ignoring_duplicates(conn: sa.Connection, table: sa.Table) -> sa.Insert:
    dialect = conn.dialect.name
    if dialect == "sqlite":
        return sqlite_dialect.insert(table).on_conflict_do_nothing()
    if dialect == "postgresql":
        return pg_dialect.insert(table).on_conflict_do_nothing()
    return sa.insert(table).prefix_with("IGNORE")  # MySQL and MariaDB


def delete_where_in(conn: sa.Connection, column: sa.Column[Any], values: Sequence[Any]) -> None:
    for start in range(0, len(values), CHUNK):
        conn.execute(sa.delete(column.table).where(column.in_(values[start : start + CHUNK])))


def delete_empty_groups(conn: sa.Connection) -> None:
    """Drop groups whose every member was deleted with its article."""
    conn.execute(figure_groups.delete().where(figure_groups.c.id.not_in(sa.select(figure_group_members.c.group_id))))


def refresh_statistics(conn: sa.Connection) -> None:
    """Let SQLite's planner see how the tables are shaped (other databases keep their
    own statistics). Without them it sorts every claim to list the first fifty."""
    if conn.dialect.name == "sqlite":
        conn.exec_driver_sql("PRAGMA analysis_limit=2000")  # a sample is enough, and fast
        conn.exec_driver_sql("ANALYZE")


# Bound parameters per statement: well under every backend's limit.
CHUNK = 500


def _upsert_article(conn: sa.Connection, row: dict[str, Any]) -> None:
    """Insert or update in one statement where the dialect can; the article row keeps
    its identity, so nothing else pointing at it is disturbed."""
    statement = _upsert_statement(conn.dialect.name)
    if statement is not None:
        conn.execute(statement, row)
        return
    # Portable fallback: safe because the caller holds a write transaction.
    updates = {key: value for key, value in row.items() if key != "id"}
    result = conn.execute(sa.update(articles).where(articles.c.id == row["id"]).values(updates))
    if result.rowcount == 0:
        conn.execute(sa.insert(articles).values(row))


@functools.cache
def _upsert_statement(dialect: str) -> sa.Insert | None:
    # Built once: constructing the ON CONFLICT clause costs more than running it.
    if dialect not in ("sqlite", "postgresql"):
        return None
    insert = sqlite_dialect.insert if dialect == "sqlite" else pg_dialect.insert
    statement = insert(articles)
    return statement.on_conflict_do_update(
        index_elements=[articles.c.id],
        set_={column.name: statement.excluded[column.name] for column in articles.c if column.name != "id"},
    )


def text_rows(conn: sa.Connection, sql: str, params: dict[str, Any] | None = None) -> list[tuple[Any, ...]]:
    """Run one of the store's portable SQL reads inside a write transaction."""
    return [tuple(row) for row in conn.execute(sa.text(sql), params or {})]
