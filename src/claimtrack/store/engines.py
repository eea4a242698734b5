"""SQLAlchemy engines for the store: URLs, engines set up by their `Dialect`, the
schema version of a database read without writing, and SQL text run on a connection.

Imported only to write, to migrate, or to read a database that is not a SQLite file.
"""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from sqlalchemy import event
from sqlalchemy import exc as sa_exc
from sqlalchemy.engine import URL, make_url
from sqlalchemy.pool import NullPool

from claimtrack.errors import InvalidStoreURL, StoreCorrupt
from claimtrack.store import schema
from claimtrack.store.dialect import Dialect, for_name

DBAPIError = sa_exc.DBAPIError


def parse_url(target: str) -> URL:
    try:
        return make_url(target)
    except (sa_exc.ArgumentError, ValueError) as error:
        raise InvalidStoreURL(f"{target!r} is not a valid SQLAlchemy URL: {error}.") from error


def dialect_of(url: URL) -> Dialect:
    return for_name(url.get_backend_name())


def create_engine(url: URL, location: str, *, configure: bool = True) -> sa.Engine:
    """An engine for ``url``; ``configure`` sets up its connections and transactions as
    its dialect says (a probe leaves them as they are, since setting up may write)."""
    try:
        engine = sa.create_engine(url, **({} if configure else {"poolclass": NullPool}))
    except sa_exc.ArgumentError as error:  # includes NoSuchModuleError: unknown backend
        raise InvalidStoreURL(f"Cannot use {location}: {error}.") from error
    except ImportError as error:
        raise InvalidStoreURL(
            f"Cannot use {location}: its database driver is not installed ({error})."
        ) from error
    if configure:
        dialect = for_name(engine.dialect.name)
        event.listen(engine, "connect", lambda dbapi_connection, _record: dialect.on_connect(dbapi_connection))
        event.listen(engine, "begin", dialect.on_begin)
    return engine


def probe(url: URL, location: str) -> int:
    """Read the recorded schema version without configuring or writing anything."""
    engine = create_engine(url, location, configure=False)
    try:
        with engine.connect() as conn:
            inspector = sa.inspect(conn)
            names = set(inspector.get_table_names()) | set(inspector.get_view_names())
            if schema.APPLIED_MIGRATIONS.name in names:
                return recorded_version(conn)
            if names:
                shown = ", ".join(sorted(names)[:5])
                raise StoreCorrupt(f"{location} is a database with other tables ({shown}), not a claimtrack store.")
            return 0
    finally:
        engine.dispose()


def recorded_version(conn: sa.Connection) -> int:
    table = schema.APPLIED_MIGRATIONS.name
    if not sa.inspect(conn).has_table(table):
        return 0
    return conn.scalar(sa.text(f"SELECT max(version) FROM {table}")) or 0


def driver_error(error: sa_exc.DBAPIError) -> BaseException:
    """The database driver's own error inside SQLAlchemy's."""
    return error.orig if error.orig is not None else error


def text_rows(conn: sa.Connection, sql: str, params: dict[str, Any] | None = None) -> list[tuple[Any, ...]]:
    """Run one of the store's portable SQL reads on ``conn``."""
    return [tuple(row) for row in conn.execute(sa.text(sql), params or {})]
