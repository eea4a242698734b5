"""The store's database: opening a target safely, its schema version, backups and
migrations, reading through one of two drivers, and write transactions that wait for
other writers. Driver errors become claimtrack's errors here, through the `Dialect`.

Reads are plain SQL that every backend understands, run by Python's own ``sqlite3``
for a SQLite file and through SQLAlchemy otherwise. Importing SQLAlchemy takes longer
than a whole read command is allowed (benchmarks/), so a command that only reads a
SQLite store never imports it.
"""

from __future__ import annotations

import os
import sqlite3
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

from claimtrack.errors import (
    InvalidStoreURL,
    StoreBusy,
    StoreCorrupt,
    StoreError,
    StoreNotFound,
    StoreSchemaTooNew,
    StoreUnwritable,
)
from claimtrack.store import migrations, schema
from claimtrack.store.dialect import WRITE_OPTION, Dialect, SQLite
from claimtrack.store.reads import Run

if TYPE_CHECKING:
    import sqlalchemy as sa

# How long a write waits for another process to release the store before giving up.
WRITE_LOCK_WAIT_SECONDS = 300.0
_SQLITE = SQLite()


class Database:
    """One store's database; obtain one with `Database.open`."""

    def __init__(self, location: str, dialect: Dialect, *, path: Path | None = None, url: Any = None) -> None:
        self.location = location
        self.dialect = dialect
        self._path = path  # the SQLite file, when there is one
        self._url = url  # a SQLAlchemy URL, for any other database
        self._engine_instance: sa.Engine | None = None
        self._reads: _FileReads | _EngineReads | None = None
        # Where the store was copied before an older schema was migrated, if it was.
        self.backup_path: Path | None = None

    @classmethod
    def open(cls, target: str, *, create: bool) -> Database:
        """Open (and migrate) the database at a file path or SQLAlchemy URL.

        The database is inspected read-only before anything that could write (WAL
        mode, migrations), so a file that is not ours, or is newer than us, is
        refused without a single byte changing. ``create=False`` never turns a
        missing or empty database into a store: reads must not leave files.
        """
        if not target or not target.strip():
            raise InvalidStoreURL("No store was given.")
        path = SQLite.file_of(target)
        if path is None:
            return cls._open_url(target, create=create)
        _check_file(path, target, create=create)
        version = _probe_file(path, target) if path.exists() else 0
        if version == 0 and not create:
            raise StoreNotFound(f"{target} holds no claimtrack store yet.")
        database = cls(target, _SQLITE, path=path)
        database._open(version)
        return database

    @classmethod
    def _open_url(cls, target: str, *, create: bool) -> Database:
        from claimtrack.store import engines

        url = engines.parse_url(target)
        location = url.render_as_string(hide_password=True)
        dialect = engines.dialect_of(url)
        path = SQLite.file_of_url(url)
        if path is not None:
            # A SQLite file named by URL: the same as naming the file.
            _check_file(path, location, create=create)
            version = _probe_file(path, location) if path.exists() else 0
            database = cls(location, dialect, path=path)
        else:
            try:
                version = engines.probe(url, location)
            except engines.DBAPIError as error:
                raise dialect.translate(engines.driver_error(error), location, "read") from error
            database = cls(location, dialect, url=url)
        if version > migrations.latest_version():
            raise _too_new(location, version)
        if version == 0 and not create:
            raise StoreNotFound(f"{location} holds no claimtrack store yet.")
        database._open(version)
        return database

    def _open(self, version: int) -> None:
        try:
            if version < migrations.latest_version():
                self._migrate(version)
            if self._path is not None:
                self._reads = _FileReads(self._path, self.location)
            else:
                self._reads = _EngineReads(self._engine, self.dialect, self.location)
        except BaseException:
            self.close()
            raise

    def close(self) -> None:
        if self._reads is not None:
            self._reads.close()
            self._reads = None
        if self._engine_instance is not None:
            self._engine_instance.dispose()
            self._engine_instance = None

    @property
    def _engine(self) -> sa.Engine:
        """The SQLAlchemy engine for writing, created on first use."""
        if self._engine_instance is None:
            from claimtrack.store import engines

            url = SQLite.url_of(self._path) if self._path is not None else self._url
            self._engine_instance = engines.create_engine(url, self.location)
        return self._engine_instance

    def schema_version(self) -> int:
        with self.reading("read the schema version of") as run:
            return run(f"SELECT max(version) FROM {schema.APPLIED_MIGRATIONS.name}")[0][0] or 0

    def _migrate(self, version: int) -> None:
        """Apply what is pending, re-reading the version under the write lock so two
        processes opening a new store at once do not both run the same migration."""
        from claimtrack.store import engines, writes

        if version > 0 and self._path is not None:
            self.backup_path = SQLite.backup(self._path, self.location, version)
        for step in migrations.pending(version):
            with self.writing(f"apply migration {step.name} to") as conn:
                current = engines.recorded_version(conn)
                if current > migrations.latest_version():
                    raise _too_new(self.location, current)
                if current >= step.version:
                    continue
                step.apply(conn)
                writes.record_migration(conn, step.version, step.name)

    # --- transactions ----------------------------------------------------------------

    @contextmanager
    def reading(self, doing: str) -> Iterator[Run]:
        """One transaction per call, so several queries see a single snapshot."""
        if self._reads is None:
            raise StoreError(f"{self.location} is closed.")
        with self._reads.snapshot(doing) as run:
            yield run

    @contextmanager
    def writing(self, doing: str) -> Iterator[sa.Connection]:
        """A write transaction: it begins as the dialect makes writers take turns
        (BEGIN IMMEDIATE on SQLite, an advisory lock on PostgreSQL)."""
        from claimtrack.store import engines

        try:
            with self._engine.connect() as conn:
                conn.execution_options(**{WRITE_OPTION: True})
                with self._begin(conn, doing):
                    yield conn
        except engines.DBAPIError as error:
            raise self.dialect.translate(engines.driver_error(error), self.location, doing) from error

    def _begin(self, conn: sa.Connection, doing: str) -> sa.RootTransaction:
        """Begin a write transaction, trying again while another process holds the
        lock: each try waits up to SQLite's busy_timeout, and a long write by another
        extract run (rebuilding figure groups, say) can outlast one."""
        from claimtrack.store import engines

        deadline = time.monotonic() + WRITE_LOCK_WAIT_SECONDS
        pause = 0.05
        while True:
            try:
                return conn.begin()
            except engines.DBAPIError as error:
                translated = self.dialect.translate(engines.driver_error(error), self.location, doing)
                if not isinstance(translated, StoreBusy) or time.monotonic() + pause > deadline:
                    raise translated from error
                conn.rollback()
                time.sleep(pause)
                pause = min(pause * 2, 2.0)


# --- the two read drivers ----------------------------------------------------------------


class _FileReads:
    """Reads on a SQLite file through the standard library driver."""

    def __init__(self, path: Path, location: str) -> None:
        self.location = location
        self._conn = _SQLITE.open_reader(path, location)

    @contextmanager
    def snapshot(self, doing: str) -> Iterator[Run]:
        conn = self._conn

        def run(sql: str, params: dict[str, Any] | None = None) -> list[tuple[Any, ...]]:
            return conn.execute(sql, params or {}).fetchall()

        try:
            conn.execute("BEGIN")
            try:
                yield run
            finally:
                conn.execute("COMMIT")
        except sqlite3.Error as error:
            raise _SQLITE.translate(error, self.location, doing) from error

    def close(self) -> None:
        self._conn.close()


class _EngineReads:
    """Reads on any other database, through SQLAlchemy."""

    def __init__(self, engine: sa.Engine, dialect: Dialect, location: str) -> None:
        self._engine = engine
        self._dialect = dialect
        self._location = location

    @contextmanager
    def snapshot(self, doing: str) -> Iterator[Run]:
        from claimtrack.store import engines

        try:
            with self._engine.connect() as conn:
                yield lambda sql, params=None: engines.text_rows(conn, sql, params)
        except engines.DBAPIError as error:
            raise self._dialect.translate(engines.driver_error(error), self._location, doing) from error

    def close(self) -> None:
        pass  # the engine belongs to the database


# --- opening helpers ---------------------------------------------------------------


def is_in_memory(target: str) -> bool:
    """Whether ``target`` names a SQLite database in memory, which is gone when the
    command ends (a target that is no valid URL is not: opening it says what is wrong)."""
    if "://" not in target or not target.lower().startswith("sqlite"):
        return False
    from claimtrack.store import engines

    try:
        url = engines.parse_url(target)
    except InvalidStoreURL:
        return False
    return SQLite.in_memory(url)


def _check_file(path: Path, location: str, *, create: bool) -> None:
    if path.is_dir():
        raise StoreCorrupt(f"{location} is a folder, not a claimtrack store.")
    if path.exists():
        return
    if not create:
        raise StoreNotFound(f"No claim store at {location}.")
    folder = path.parent
    if not folder.is_dir():
        what = "is not a folder" if folder.exists() else "does not exist"
        raise StoreUnwritable(f"Cannot create {location}: {folder} {what}.")
    if not os.access(folder, os.W_OK | os.X_OK):
        raise StoreUnwritable(f"Cannot create {location}: the folder {folder} is not writable.")


def _probe_file(path: Path, location: str) -> int:
    """The recorded schema version of a SQLite file, read without writing to it."""
    version = _SQLITE.probe_file(path, location, schema.APPLIED_MIGRATIONS.name)
    if version > migrations.latest_version():
        raise _too_new(location, version)
    return version


def _too_new(location: str, version: int) -> StoreSchemaTooNew:
    return StoreSchemaTooNew(
        f"{location} has schema version {version}; this claimtrack knows versions up to "
        f"{migrations.latest_version()}. It was left untouched."
    )
