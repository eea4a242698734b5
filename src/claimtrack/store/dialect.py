"""Every difference between the databases the store runs on, in one place.

The rest of the store writes portable SQL and asks its `Dialect` for the rest: how a
connection is set up, how a write transaction begins and waits for other writers, how
a row is inserted or updated in one statement, how the planner's statistics are kept,
whether ``--search`` has a full-text index and how it is asked, and what a driver's
error means for the user. `for_name` gives the dialect of a SQLAlchemy backend name:
`SQLite`, `PostgreSQL`, or the portable `Dialect` for anything else.

A SQLite file is also read, probed and backed up through Python's own ``sqlite3``:
importing SQLAlchemy takes longer than a whole read command may (see benchmarks/), so
this module imports it only inside the methods that build statements.
"""

from __future__ import annotations

import functools
import os
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

from claimtrack.errors import ArticleRejected, StoreBusy, StoreCorrupt, StoreError, StoreUnwritable

if TYPE_CHECKING:
    import sqlalchemy as sa

    from claimtrack.store import schema

# An execution option set on the connections of write transactions.
WRITE_OPTION = "claimtrack_write"


class Dialect:
    """A database SQLAlchemy speaks to, with nothing known about it beyond the standard:
    no full-text index, no statistics to refresh, no locking of its own."""

    name = "portable"
    # Whether `hide_index` does anything.
    can_hide_index = False
    # The condition on claims ``c`` that the full-text index answers for :search.
    search_condition: str | None = None

    # --- connections and transactions ----------------------------------------------

    def on_connect(self, dbapi_connection: Any) -> None:
        """Set up a new driver connection of the store's engine."""

    def on_begin(self, conn: sa.Connection) -> None:
        """Begin a transaction on ``conn``; a write transaction (``WRITE_OPTION`` set)
        takes what makes writers wait for each other."""

    # --- statements -------------------------------------------------------------------

    def insert_ignoring_duplicates(self, table: sa.Table) -> sa.Insert:
        import sqlalchemy as sa

        return sa.insert(table).prefix_with("IGNORE")  # MySQL and MariaDB

    def upsert(self, table: sa.Table) -> sa.Insert | None:
        """An insert that updates the row with the same primary key instead, or None
        where there is none (the caller updates, then inserts if nothing was there)."""
        return None

    def refresh_statistics(self, conn: sa.Connection) -> None:
        """Let the planner see how the tables are shaped, after large changes."""

    @contextmanager
    def page_cache(self, conn: sa.Connection, megabytes: int) -> Iterator[None]:
        """A page cache of ``megabytes`` on ``conn`` while a large write runs, where the
        database keeps one per connection."""
        yield

    # --- full-text search ----------------------------------------------------------------

    def create_search_index(self, conn: sa.Connection) -> None:
        """Create the full-text index ``--search`` uses, if the database has one (m004)."""

    def remake_search_index(self, conn: sa.Connection, index: schema.SearchIndex) -> None:
        """Make the full-text index again as ``index`` declares it, if the database has
        one (m009)."""

    def has_search_index(self, run: Any) -> bool:
        return False

    def search_words(self, words: list[str]) -> str:
        """The value of :search in `search_condition` for ``words``."""
        raise NotImplementedError

    def count_search_matches(self, run: Any, search: str, limit: int) -> int:
        """How many claims `search_condition` finds for ``search``, counting up to ``limit``."""
        raise NotImplementedError

    # --- the planner ------------------------------------------------------------------------

    def hide_index(self, sql: str, marked: str) -> str:
        """``sql`` with the index of the column that the text ``marked`` names (``c.x``)
        hidden from the planner, so that it walks the claims in listing order and stops
        at a limit, rather than sorting everything the index finds."""
        return sql

    # --- errors ---------------------------------------------------------------------------

    def translate(self, error: BaseException, location: str, doing: str) -> StoreError:
        """The user-facing error a driver's ``error`` stands for, while ``doing`` something
        to the store at ``location``."""
        # DB-API drivers all name their constraint violation IntegrityError.
        if type(error).__name__ == "IntegrityError":
            return ArticleRejected(f"Could not {doing} {location}: {error}. Nothing was changed.")
        return StoreError(f"Could not {doing} {location}: {error}.")


class SQLite(Dialect):
    """SQLite: a file, in WAL mode, with one writer at a time (BEGIN IMMEDIATE) and an
    FTS5 index of claim sentences where SQLite was built with FTS5."""

    name = "sqlite"
    can_hide_index = True
    # Claims whose sentence has the words of :search (see `search_words`).
    search_condition = "c.seq IN (SELECT rowid FROM claims_fts WHERE claims_fts MATCH :search)"  # schema.CLAIMS_SEARCH
    BUSY_TIMEOUT_MS = 10_000

    # --- files ----------------------------------------------------------------------

    @staticmethod
    def file_of(target: str) -> Path | None:
        """The file a target names when it is a path or a plain ``sqlite:///`` URL;
        None for anything SQLAlchemy must interpret."""
        if "://" not in target:
            # Absolute, so connections opened later do not depend on the cwd.
            return Path(target).absolute()
        prefix = "sqlite:///"
        rest = target[len(prefix) :]
        if target.startswith(prefix) and rest and rest != ":memory:" and not rest.startswith("file:") and "?" not in rest:
            return Path(rest).absolute()
        return None

    @staticmethod
    def file_of_url(url: Any) -> Path | None:
        """The file a parsed SQLAlchemy URL names, when it is a plain SQLite file."""
        database = url.database
        if url.get_backend_name() == "sqlite" and database and database != ":memory:" and not (
            database.startswith("file:") or url.query
        ):
            return Path(database).absolute()
        return None

    @staticmethod
    def in_memory(url: Any) -> bool:
        """Whether a parsed SQLAlchemy URL names a SQLite database in memory."""
        database = url.database or ""
        return (
            database in ("", ":memory:") or database.startswith("file::memory:") or url.query.get("mode") == "memory"
        )

    @staticmethod
    def url_of(path: Path) -> Any:
        from sqlalchemy.engine import URL

        return URL.create("sqlite", database=str(path))

    def probe_file(self, path: Path, location: str, table: str) -> int:
        """The largest version recorded in ``table`` of a SQLite file, read without
        writing to it: 0 when the file holds no tables. A file with other tables is no
        claimtrack store (StoreCorrupt)."""
        # Not opened read-only: a read-only connection to a WAL database leaves its -wal
        # and -shm files behind, while this one removes them on closing. It only reads.
        try:
            conn = sqlite3.connect(str(path))
        except sqlite3.Error as error:
            raise self.translate(error, location, "read") from error
        try:
            names = {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type IN ('table', 'view')")}
            if table in names:
                return conn.execute(f"SELECT max(version) FROM {table}").fetchone()[0] or 0
            if names:
                shown = ", ".join(sorted(names)[:5])
                raise StoreCorrupt(f"{location} is a database with other tables ({shown}), not a claimtrack store.")
            return 0
        except sqlite3.Error as error:
            raise self.translate(error, location, "read") from error
        finally:
            conn.close()

    @staticmethod
    def backup(path: Path, location: str, version: int) -> Path:
        """Copy an older store before migrating it: ``claims.db`` becomes
        ``claims.db.schema3.bak`` (an existing copy is kept, never overwritten).

        SQLite's backup API copies a consistent snapshot even while another process writes.
        """
        target = path.with_name(f"{path.name}.schema{version}.bak")
        if target.exists():
            return target
        partial = target.with_name(target.name + ".partial")
        try:
            source = sqlite3.connect(str(path))
            try:
                copy = sqlite3.connect(str(partial))
                try:
                    source.backup(copy)
                finally:
                    copy.close()
            finally:
                source.close()
            os.replace(partial, target)
        except sqlite3.Error as error:
            partial.unlink(missing_ok=True)
            raise StoreUnwritable(
                f"Could not write a backup of {location} before migrating it ({error}); it was left untouched."
            ) from error
        except OSError as error:
            partial.unlink(missing_ok=True)
            raise StoreUnwritable(
                f"Could not write a backup of {location} before migrating it ({error.strerror}); it was left untouched."
            ) from error
        return target

    def open_reader(self, path: Path, location: str) -> sqlite3.Connection:
        """A read-only connection to a SQLite file, through the standard library."""
        try:
            conn = sqlite3.connect(str(path), isolation_level=None, check_same_thread=False)
            conn.execute(f"PRAGMA busy_timeout={self.BUSY_TIMEOUT_MS}")
            conn.execute("PRAGMA query_only=ON")
        except sqlite3.Error as error:
            raise self.translate(error, location, "open") from error
        self.add_functions(conn)
        return conn

    @staticmethod
    def add_functions(connection: sqlite3.Connection) -> None:
        # SQLite's lower() only folds ASCII; case-insensitive filters must match "Ölaf".
        connection.create_function("lower", 1, _unicode_lower, deterministic=True)

    # --- connections and transactions ----------------------------------------------

    def on_connect(self, dbapi_connection: Any) -> None:
        # isolation_level=None stops Python's sqlite3 from starting transactions itself
        # (it skips DDL and SELECT, so migrations would not be atomic); `on_begin`
        # emits BEGIN instead, as SQLAlchemy's SQLite docs recommend.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        try:
            cursor.execute("PRAGMA foreign_keys=ON")
            cursor.execute(f"PRAGMA busy_timeout={self.BUSY_TIMEOUT_MS}")
            cursor.execute("PRAGMA journal_mode=WAL")
            # In WAL mode this still never corrupts the file; a power cut (not a crash)
            # may only undo the last few commits. It saves an fsync per article.
            cursor.execute("PRAGMA synchronous=NORMAL")
        finally:
            cursor.close()
        self.add_functions(dbapi_connection)

    def on_begin(self, conn: sa.Connection) -> None:
        # A write takes the write lock up front, so it waits on busy_timeout instead of
        # failing when upgrading a read lock.
        immediate = conn.get_execution_options().get(WRITE_OPTION, False)
        conn.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")

    # --- statements -------------------------------------------------------------------

    def insert_ignoring_duplicates(self, table: sa.Table) -> sa.Insert:
        from sqlalchemy.dialects import sqlite

        return sqlite.insert(table).on_conflict_do_nothing()

    def upsert(self, table: sa.Table) -> sa.Insert:
        return _upsert(self.name, table)

    @contextmanager
    def page_cache(self, conn: sa.Connection, megabytes: int) -> Iterator[None]:
        previous = conn.exec_driver_sql("PRAGMA cache_size").scalar()
        conn.exec_driver_sql(f"PRAGMA cache_size=-{megabytes * 1024}")
        try:
            yield
        finally:
            # Pages beyond the smaller cache are let go.
            conn.exec_driver_sql(f"PRAGMA cache_size={int(previous)}")

    def refresh_statistics(self, conn: sa.Connection) -> None:
        # Without them SQLite's planner sorts every claim to list the first fifty.
        conn.exec_driver_sql("PRAGMA analysis_limit=2000")  # a sample is enough, and fast
        conn.exec_driver_sql("ANALYZE")

    # --- full-text search ----------------------------------------------------------------

    def create_search_index(self, conn: sa.Connection) -> None:
        import sqlalchemy as sa

        if not conn.execute(sa.text("SELECT sqlite_compileoption_used('ENABLE_FTS5')")).scalar():
            return
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

    def remake_search_index(self, conn: sa.Connection, index: schema.SearchIndex) -> None:
        import sqlalchemy as sa

        if not conn.execute(sa.text("SELECT sqlite_compileoption_used('ENABLE_FTS5')")).scalar():
            return
        for trigger in ("claims_fts_insert", "claims_fts_delete", "claims_fts_update"):  # m004's
            conn.execute(sa.text(f"DROP TRIGGER IF EXISTS {trigger}"))
        conn.execute(sa.text(f"DROP TABLE IF EXISTS {index.name}"))
        table, key, name = index.table, index.key, index.name
        columns = ", ".join(f"[{column}]" for column in index.columns)
        new = ", ".join(f"new.[{column}]" for column in index.columns)
        old = ", ".join(f"old.[{column}]" for column in index.columns)
        # As sqlite-utils writes it: content=[table] is what datasette looks for.
        conn.execute(sa.text(
            f"CREATE VIRTUAL TABLE [{name}] USING FTS5 ({columns}, content=[{table}], content_rowid=[{key}], "
            f"columnsize=0, tokenize='{index.tokenize}')"
        ))
        conn.execute(sa.text(
            f"CREATE TRIGGER [{table}_ai] AFTER INSERT ON [{table}] BEGIN "
            f"INSERT INTO [{name}] (rowid, {columns}) VALUES (new.[{key}], {new}); END"
        ))
        conn.execute(sa.text(
            f"CREATE TRIGGER [{table}_ad] AFTER DELETE ON [{table}] BEGIN "
            f"INSERT INTO [{name}] ([{name}], rowid, {columns}) VALUES('delete', old.[{key}], {old}); END"
        ))
        conn.execute(sa.text(
            f"CREATE TRIGGER [{table}_au] AFTER UPDATE ON [{table}] BEGIN "
            f"INSERT INTO [{name}] ([{name}], rowid, {columns}) VALUES('delete', old.[{key}], {old}); "
            f"INSERT INTO [{name}] (rowid, {columns}) VALUES (new.[{key}], {new}); END"
        ))
        conn.execute(sa.text(f"INSERT INTO [{name}] ([{name}]) VALUES ('rebuild')"))

    def has_search_index(self, run: Any) -> bool:
        return bool(run("SELECT 1 FROM sqlite_master WHERE name = 'claims_fts'"))

    def search_words(self, words: list[str]) -> str:
        # The words in this order, the last one possibly cut short.
        return '"' + " ".join(words) + '" *'

    def count_search_matches(self, run: Any, search: str, limit: int) -> int:
        sql = f"SELECT count(*) FROM (SELECT 1 FROM claims_fts WHERE claims_fts MATCH :search LIMIT {limit})"
        return run(sql, {"search": search})[0][0]

    # --- the planner ------------------------------------------------------------------------

    def hide_index(self, sql: str, marked: str) -> str:
        # A unary + makes the column an expression, which no index answers.
        return sql.replace(marked, marked.replace("c.", "+c.", 1))

    # --- errors ---------------------------------------------------------------------------

    def translate(self, error: BaseException, location: str, doing: str) -> StoreError:
        # SQLite's error names (Python 3.11+) are matched rather than message texts,
        # which differ between SQLite versions.
        name = getattr(error, "sqlite_errorname", None) or ""
        detail = str(error)
        if name.startswith(("SQLITE_NOTADB", "SQLITE_CORRUPT")):
            return StoreCorrupt(f"{location} is not a usable SQLite database ({detail}).")
        if name.startswith(("SQLITE_CANTOPEN", "SQLITE_READONLY", "SQLITE_PERM", "SQLITE_FULL")):
            return StoreUnwritable(f"Could not {doing} {location}: {detail}.")
        if name.startswith(("SQLITE_BUSY", "SQLITE_LOCKED")):
            return StoreBusy(f"Could not {doing} {location}: it is locked by another process.")
        return super().translate(error, location, doing)


class PostgreSQL(Dialect):
    """PostgreSQL: one writer at a time through an advisory lock."""

    name = "postgresql"
    # Any fixed number: the advisory lock every claimtrack writer takes.
    WRITE_LOCK_KEY = 0x636C61696D  # "claim"

    def on_begin(self, conn: sa.Connection) -> None:
        # One writer at a time, as SQLite has it: saving an article (which deletes its old
        # claims) and rebuilding the figure groups (which reference claims) lock the same
        # rows in different orders, so two processes doing both at once could deadlock.
        # Each write transaction is short, and the lock ends with it.
        if conn.get_execution_options().get(WRITE_OPTION, False):
            conn.exec_driver_sql(f"SELECT pg_advisory_xact_lock({self.WRITE_LOCK_KEY})")

    def insert_ignoring_duplicates(self, table: sa.Table) -> sa.Insert:
        from sqlalchemy.dialects import postgresql

        return postgresql.insert(table).on_conflict_do_nothing()

    def upsert(self, table: sa.Table) -> sa.Insert:
        return _upsert(self.name, table)

    # --- errors ---------------------------------------------------------------------------

    # SQLSTATE codes (PostgreSQL's appendix "Error Codes"), or their two-character
    # classes, that a session can meet, and what they mean for the user. (A connection
    # the server refuses carries no code in psycopg: its message says why.)
    _LOCKED = ("55P03", "40P01", "40001")  # lock_not_available, deadlock_detected, serialization_failure
    _DISK_FULL = "53100"
    _READ_ONLY = ("25006", "42501")  # read_only_sql_transaction, insufficient_privilege
    _MISSING = ("42P01", "42703")  # undefined_table, undefined_column
    _CONSTRAINT = "23"  # integrity_constraint_violation: unique, foreign key, not null, check

    def translate(self, error: BaseException, location: str, doing: str) -> StoreError:
        # The SQLSTATE code is stable across versions and locales, unlike the message:
        # psycopg 3 gives it as ``sqlstate``, psycopg 2 as ``pgcode``.
        code = getattr(error, "sqlstate", None) or getattr(error, "pgcode", None) or ""
        # The server's message, without the LINE and HINT lines that follow it.
        detail = next(iter(str(error).strip().splitlines()), type(error).__name__)
        could_not = f"Could not {doing} {location}"
        if code in self._LOCKED:
            return StoreBusy(f"{could_not}: it is locked by another process ({detail}).")
        if code == self._DISK_FULL:
            return StoreUnwritable(
                f"{could_not}: the database server's disk is full ({detail}).",
                hint="Free space on the database server, then run the command again.",
            )
        if code in self._READ_ONLY:
            return StoreUnwritable(
                f"{could_not}: {detail}.",
                hint="Check that the database user may write to it and that the server is not read-only.",
            )
        if code in self._MISSING:
            return StoreCorrupt(
                f"{location} is missing part of a claimtrack store ({detail}).",
                hint="Something removed tables or columns claimtrack made: restore the database from a backup, "
                "or point --db at another one.",
            )
        if code.startswith(self._CONSTRAINT):
            return ArticleRejected(f"{could_not}: {detail}. Nothing was changed.")
        return StoreError(f"{could_not}: {detail}.")


_DIALECTS = {dialect.name: dialect for dialect in (SQLite(), PostgreSQL())}


def for_name(name: str) -> Dialect:
    """The dialect of a SQLAlchemy backend name (``url.get_backend_name()``)."""
    return _DIALECTS.get(name) or Dialect()


@functools.cache
def _upsert(dialect: str, table: sa.Table) -> sa.Insert:
    # Built once: constructing the ON CONFLICT clause costs more than running it.
    if dialect == "sqlite":
        from sqlalchemy.dialects.sqlite import insert
    else:
        from sqlalchemy.dialects.postgresql import insert
    statement = insert(table)
    key = [column for column in table.primary_key.columns]
    return statement.on_conflict_do_update(
        index_elements=key,
        set_={column.name: statement.excluded[column.name] for column in table.c if not column.primary_key},
    )


def _unicode_lower(value: Any) -> Any:
    return value.lower() if isinstance(value, str) else value
