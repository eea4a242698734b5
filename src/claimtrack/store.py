"""The claim store: the only place in claimtrack that speaks SQL.

Callers see models and errors.py exceptions only, never SQLAlchemy, so another
backend (PostgreSQL) can be added by changing this file alone. Everything that
differs between dialects (connection pragmas, transaction start, upsert) stays here.
"""

from __future__ import annotations

import datetime as dt
import functools
import json
import os
from collections import Counter, defaultdict
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from types import TracebackType
from typing import Any

import sqlalchemy as sa
from sqlalchemy import event
from sqlalchemy import exc as sa_exc
from sqlalchemy.dialects import postgresql as pg_dialect
from sqlalchemy.dialects import sqlite as sqlite_dialect
from sqlalchemy.engine import URL, make_url
from sqlalchemy.pool import NullPool

from claimtrack import migrations
from claimtrack.errors import (
    ClaimNotFound,
    InvalidFilter,
    InvalidStoreURL,
    StoreCorrupt,
    StoreError,
    StoreNotFound,
    StoreSchemaTooNew,
    StoreUnwritable,
)
from claimtrack.models import (
    Article,
    ArticleInfo,
    Claim,
    ClaimFilter,
    Figure,
    Speaker,
    SpeakerName,
    SpeakerSummary,
)

# The latest schema, for building queries. Migrations own the DDL; a test checks
# that these tables match what the migrations create.
_metadata = sa.MetaData()

_migrations_table = sa.Table(
    migrations.MIGRATIONS_TABLE,
    _metadata,
    sa.Column("version", sa.Integer, primary_key=True, autoincrement=False),
    sa.Column("name", sa.Text, nullable=False),
    sa.Column("applied_at", sa.Text, nullable=False),
)

_articles = sa.Table(
    "articles",
    _metadata,
    sa.Column("id", sa.Text, primary_key=True),
    sa.Column("path", sa.Text),
    sa.Column("source", sa.Text),
    sa.Column("title", sa.Text),
    sa.Column("published", sa.Text),
    sa.Column("authors", sa.Text, nullable=False),
    sa.Column("url", sa.Text),
    sa.Column("text", sa.Text, nullable=False),
    sa.Column("notes", sa.Text, nullable=False),
    sa.Column("extracted_at", sa.Text, nullable=False),
    sa.Column("topics", sa.Text, nullable=False),
)

_claims = sa.Table(
    "claims",
    _metadata,
    sa.Column("id", sa.Text, primary_key=True),
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

_identities = sa.Table(
    "speaker_identities",
    _metadata,
    sa.Column("name", sa.Text, primary_key=True),
    sa.Column("canonical", sa.Text, nullable=False),
)

# Article columns that travel with every claim (no body text: it can be large).
_ARTICLE_INFO_COLUMNS = ("id", "path", "source", "title", "published", "authors", "url")

# Mentions that name nobody: kept out of a speaker's aliases.
_PRONOUNS = frozenset(
    """i me my mine myself we us our ours ourselves you your yours yourself yourselves
    he him his himself she her hers herself it its itself they them their theirs
    themselves this that these those who whom whose which one""".split()
)

# "The minister" is a way of referring to someone, not one of their names.
_DETERMINERS = frozenset({"the", "a", "an", "this", "that", "these", "those"})

_MIN_PREFIX = 4
_WRITE_OPTION = "claimtrack_write"


class Store:
    """A claim store on one database; obtain one with `Store.open`."""

    def __init__(self, engine: sa.Engine, location: str) -> None:
        self._engine = engine
        self.location = location

    # --- opening ----------------------------------------------------------------

    @classmethod
    def open(cls, target: str, *, create: bool) -> Store:
        """Open (and migrate) the store at a file path or SQLAlchemy URL.

        The database is inspected over a throwaway connection before anything that
        could write (WAL mode, migrations), so a file that is not ours, or is newer
        than us, is refused without a single byte changing. ``create=False`` never
        turns a missing or empty database into a store: reads must not leave files.
        """
        url, path, location = _resolve_target(target)
        if path is not None:
            _check_file(path, location, create=create)
        version = _probe(url, location) if path is None or path.exists() else 0
        if version == 0 and not create:
            raise StoreNotFound(f"{location} holds no claimtrack store yet.")
        engine = _create_engine(url, location)
        store = cls(engine, location)
        try:
            store._migrate(version)
        except BaseException:
            engine.dispose()
            raise
        return store

    def close(self) -> None:
        self._engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"Store({self.location!r})"

    def schema_version(self) -> int:
        with self._read("read the schema version of") as conn:
            return _recorded_version(conn)

    def _migrate(self, version: int) -> None:
        """Apply what is pending, re-reading the version under the write lock so two
        processes opening a new store at once do not both run the same migration."""
        for step in migrations.pending(version):
            with self._write(f"apply migration {step.name} to") as conn:
                current = _recorded_version(conn)
                if current > migrations.latest_version():
                    raise _too_new(self.location, current)
                if current >= step.version:
                    continue
                step.apply(conn)
                conn.execute(
                    sa.insert(_migrations_table).values(
                        version=step.version, name=step.name, applied_at=_utc_now()
                    )
                )

    # --- writing ----------------------------------------------------------------

    def save(self, article: Article, claims: Sequence[Claim]) -> None:
        """Replace everything stored for ``article`` with ``claims``, all or nothing.

        Delete-then-insert (rather than diffing) is what makes re-extraction
        idempotent: claims the extractor no longer finds disappear.
        """
        strays = sorted({c.id for c in claims if c.article.id != article.id})
        if strays:
            raise ValueError(f"claims {strays} do not belong to article {article.id!r}")
        article_row = _article_row(article)
        claim_rows = [_claim_row(c, article.id) for c in claims]
        with self._write(f"save article {article.id!r} in") as conn:
            _upsert_article(conn, article_row)
            conn.execute(sa.delete(_claims).where(_claims.c.article_id == article.id))
            if claim_rows:
                conn.execute(sa.insert(_claims), claim_rows)

    def replace_identities(self, canonical: dict[str, str]) -> None:
        """Record, for every speaker name, the canonical name of its identity."""
        rows = [{"name": name, "canonical": target} for name, target in sorted(canonical.items())]
        with self._write("update speaker identities in") as conn:
            conn.execute(sa.delete(_identities))
            if rows:
                conn.execute(sa.insert(_identities), rows)

    # --- reading ----------------------------------------------------------------

    def speaker_names(self) -> list[SpeakerName]:
        """Every speaker name with its most frequent kind and its claim count."""
        c = _claims.c
        with self._read("read") as conn:
            rows = conn.execute(
                sa.select(c.speaker_name, c.speaker_kind, sa.func.count())
                .where(c.speaker_name.is_not(None), c.speaker_kind.is_not(None))
                .group_by(c.speaker_name, c.speaker_kind)
            ).all()
            role_rows = conn.execute(
                sa.select(c.speaker_name, c.speaker_role)
                .where(c.speaker_name.is_not(None), c.speaker_role.is_not(None))
                .distinct()
            ).all()
        kinds: dict[str, Counter[str]] = defaultdict(Counter)
        for name, kind, n in rows:
            kinds[name][kind] += n
        roles: dict[str, set[str]] = defaultdict(set)
        for name, role in role_rows:
            roles[name].add(role)
        return [
            SpeakerName(
                name=name,
                kind=min(counts.items(), key=lambda item: (-item[1], item[0]))[0],
                claims=sum(counts.values()),
                roles=tuple(sorted(roles[name])),
            )
            for name, counts in sorted(kinds.items())
        ]

    def has_article(self, article_id: str) -> bool:
        with self._read("read") as conn:
            found = conn.scalar(sa.select(_articles.c.id).where(_articles.c.id == article_id))
        return found is not None

    def article(self, article_id: str) -> Article | None:
        with self._read("read") as conn:
            row = conn.execute(sa.select(_articles).where(_articles.c.id == article_id)).first()
        if row is None:
            return None
        m = row._mapping
        return Article(
            **_article_info_fields(m["id"], m["path"], m["source"], m["title"],
                                   m["published"], m["authors"], m["url"]),
            text=m["text"],
            notes=tuple(json.loads(m["notes"])),
            topics=tuple(json.loads(m["topics"])),
        )

    def article_topics(self) -> dict[str, tuple[str, ...]]:
        """What each article names (see `Article.topics`), by article id."""
        with self._read("read") as conn:
            rows = conn.execute(sa.select(_articles.c.id, _articles.c.topics)).all()
        return {article_id: tuple(json.loads(topics)) for article_id, topics in rows}

    def articles(self) -> list[ArticleInfo]:
        query = sa.select(*(_articles.c[name] for name in _ARTICLE_INFO_COLUMNS)).order_by(
            *_article_order()
        )
        with self._read("read") as conn:
            rows = conn.execute(query).all()
        return [ArticleInfo(**_article_info_fields(*row)) for row in rows]

    def claims(self, query: ClaimFilter) -> list[Claim]:
        if query.limit is not None and query.limit < 0:
            raise InvalidFilter(f"The limit must be zero or more, not {query.limit}.")
        statement = _claim_select().where(*_filter_conditions(query)).order_by(
            *_article_order(), _claims.c.start_offset, _claims.c.id
        )
        if query.limit is not None:
            statement = statement.limit(query.limit)
        with self._read("read") as conn:
            rows = conn.execute(statement).all()
        return _to_claims(rows)

    def claim(self, claim_id: str) -> Claim:
        """Find a claim by id or by a prefix, so people can type short ids like git's."""
        with self._read("read") as conn:
            rows = conn.execute(_claim_select().where(_claims.c.id == claim_id)).all()
            if rows:
                return _to_claims(rows)[0]
            if len(claim_id) < _MIN_PREFIX:
                raise ClaimNotFound(
                    f"No claim has the id {claim_id!r}.",
                    hint=f"Give the full id, or at least its first {_MIN_PREFIX} characters.",
                )
            # substr, not LIKE: LIKE ignores case in SQLite and treats % and _ as wildcards.
            prefix_match = sa.func.substr(_claims.c.id, 1, len(claim_id)) == claim_id
            ids = conn.scalars(
                sa.select(_claims.c.id).where(prefix_match).order_by(_claims.c.id).limit(6)
            ).all()
            if not ids:
                raise ClaimNotFound(f"No claim id is or starts with {claim_id!r}.")
            if len(ids) > 1:
                shown = ", ".join(ids[:5]) + (", ..." if len(ids) > 5 else "")
                raise ClaimNotFound(
                    f"The id prefix {claim_id!r} is ambiguous: it matches {shown}.",
                    hint="Type more characters of the id.",
                )
            rows = conn.execute(_claim_select().where(_claims.c.id == ids[0])).all()
        return _to_claims(rows)[0]

    def speakers(self) -> list[SpeakerSummary]:
        """One summary per identity: counting in SQL, merging in Python."""
        c = _claims.c
        who = _SPEAKER_IDENTITY
        claims = _with_identities(_claims)
        named = c.speaker_name.is_not(None)
        with self._read("read") as conn:
            counts = conn.execute(
                sa.select(who, sa.func.count(), sa.func.count(sa.distinct(c.article_id)))
                .select_from(claims)
                .where(named)
                .group_by(who)
            ).all()
            kinds = conn.execute(
                sa.select(who, c.speaker_kind, sa.func.count())
                .select_from(claims)
                .where(named, c.speaker_kind.is_not(None))
                .group_by(who, c.speaker_kind)
            ).all()
            names = conn.execute(
                sa.select(who, c.speaker_name, c.speaker_mention).select_from(claims).where(named).distinct()
            ).all()
            roles = conn.execute(
                sa.select(who, c.speaker_role)
                .select_from(claims)
                .where(named, c.speaker_role.is_not(None))
                .distinct()
            ).all()

        kind_counts: dict[str, Counter[str]] = defaultdict(Counter)
        for name, kind, n in kinds:
            kind_counts[name][kind] += n
        aliases: dict[str, set[str]] = defaultdict(set)
        for name, resolved, mention in names:
            # Other spellings of the name, and every name-like way articles mention it.
            aliases[name].update(a for a in (resolved if resolved != name else None, mention) if a and _is_alias(a))
        role_sets: dict[str, set[str]] = defaultdict(set)
        for name, role in roles:
            role_sets[name].add(role)

        summaries = [
            SpeakerSummary(
                name=name,
                # Ties go to the alphabetically first kind so output is stable.
                kind=min(kind_counts[name].items(), key=lambda item: (-item[1], item[0]))[0],
                aliases=tuple(sorted(aliases[name])),
                roles=tuple(sorted(role_sets[name])),
                claims=n_claims,
                articles=n_articles,
            )
            for name, n_claims, n_articles in counts
            if kind_counts[name]
        ]
        summaries.sort(key=lambda s: (-s.claims, s.name))
        return summaries

    # --- connections --------------------------------------------------------------

    @contextmanager
    def _read(self, doing: str) -> Iterator[sa.Connection]:
        """One transaction per call so multi-query reads see a single snapshot."""
        try:
            with self._engine.connect() as conn:
                yield conn
        except sa_exc.DBAPIError as error:
            raise _translate(error, self.location, doing) from error

    @contextmanager
    def _write(self, doing: str) -> Iterator[sa.Connection]:
        """A transaction that takes the write lock up front (BEGIN IMMEDIATE on SQLite),
        so it waits on busy_timeout instead of failing when upgrading a read lock."""
        try:
            with self._engine.connect() as conn:
                conn.execution_options(**{_WRITE_OPTION: True})
                with conn.begin():
                    yield conn
        except sa_exc.DBAPIError as error:
            raise _translate(error, self.location, doing) from error


# --- opening helpers ---------------------------------------------------------------


def _resolve_target(target: str) -> tuple[URL, Path | None, str]:
    """Return the URL, the SQLite file behind it (None for servers and memory), and
    how to name the store in messages (without a password)."""
    if not target or not target.strip():
        raise InvalidStoreURL("No store was given.")
    if "://" not in target:
        path = Path(target).absolute()
        return URL.create("sqlite", database=str(path)), path, target
    try:
        url = make_url(target)
    except (sa_exc.ArgumentError, ValueError) as error:
        raise InvalidStoreURL(f"{target!r} is not a valid SQLAlchemy URL: {error}.") from error
    location = url.render_as_string(hide_password=True)
    database = url.database
    is_file = (
        url.get_backend_name() == "sqlite"
        and database not in (None, "", ":memory:")
        and not database.startswith("file:")
        and not url.query.get("uri")
    )
    if not is_file:
        return url, None, location
    # Absolute, so pooled connections opened later do not depend on the cwd.
    path = Path(database).absolute()
    return url.set(database=str(path)), path, location


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


def _probe(url: URL, location: str) -> int:
    """Read the recorded schema version without configuring or writing anything."""
    engine = _new_engine(url, location, poolclass=NullPool)
    try:
        with engine.connect() as conn:
            inspector = sa.inspect(conn)
            names = set(inspector.get_table_names()) | set(inspector.get_view_names())
            if migrations.MIGRATIONS_TABLE in names:
                version = _recorded_version(conn)
            elif names:
                shown = ", ".join(sorted(names)[:5])
                raise StoreCorrupt(
                    f"{location} is a database with other tables ({shown}), not a claimtrack store."
                )
            else:
                version = 0
    except sa_exc.DBAPIError as error:
        raise _translate(error, location, "read") from error
    finally:
        engine.dispose()
    if version > migrations.latest_version():
        raise _too_new(location, version)
    return version


def _create_engine(url: URL, location: str) -> sa.Engine:
    engine = _new_engine(url, location)
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", _configure_sqlite_connection)
        event.listen(engine, "begin", _begin_sqlite_transaction)
    return engine


def _new_engine(url: URL, location: str, **kwargs: Any) -> sa.Engine:
    try:
        return sa.create_engine(url, **kwargs)
    except sa_exc.ArgumentError as error:  # includes NoSuchModuleError: unknown backend
        raise InvalidStoreURL(f"Cannot use {location}: {error}.") from error
    except ImportError as error:
        raise InvalidStoreURL(
            f"Cannot use {location}: its database driver is not installed ({error})."
        ) from error


def _configure_sqlite_connection(dbapi_connection: Any, _record: Any) -> None:
    # isolation_level=None stops Python's sqlite3 from starting transactions itself
    # (it skips DDL and SELECT, so migrations would not be atomic); the "begin"
    # listener emits BEGIN instead, as SQLAlchemy's SQLite docs recommend.
    dbapi_connection.isolation_level = None
    # SQLite's lower() only folds ASCII; case-insensitive filters must match "Ölaf".
    dbapi_connection.create_function("lower", 1, _unicode_lower, deterministic=True)
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


def _begin_sqlite_transaction(conn: sa.Connection) -> None:
    immediate = conn.get_execution_options().get(_WRITE_OPTION, False)
    conn.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")


def _unicode_lower(value: Any) -> Any:
    return value.lower() if isinstance(value, str) else value


def _recorded_version(conn: sa.Connection) -> int:
    if not sa.inspect(conn).has_table(migrations.MIGRATIONS_TABLE):
        return 0
    return conn.scalar(sa.select(sa.func.max(_migrations_table.c.version))) or 0


def _too_new(location: str, version: int) -> StoreSchemaTooNew:
    return StoreSchemaTooNew(
        f"{location} has schema version {version}; this claimtrack knows versions up to "
        f"{migrations.latest_version()}. It was left untouched."
    )


def _translate(error: sa_exc.DBAPIError, location: str, doing: str) -> StoreError:
    """Turn a driver error into the user-facing error it stands for.

    SQLite's error names (Python 3.11+) are matched rather than message texts,
    which differ between SQLite versions.
    """
    name = getattr(error.orig, "sqlite_errorname", None) or ""
    detail = str(error.orig)
    if name.startswith(("SQLITE_NOTADB", "SQLITE_CORRUPT")):
        return StoreCorrupt(f"{location} is not a usable SQLite database ({detail}).")
    if name.startswith(("SQLITE_CANTOPEN", "SQLITE_READONLY", "SQLITE_PERM", "SQLITE_FULL")):
        return StoreUnwritable(f"Could not {doing} {location}: {detail}.")
    if name.startswith(("SQLITE_BUSY", "SQLITE_LOCKED")):
        return StoreError(
            f"Could not {doing} {location}: it is locked by another process.",
            hint="Try again once the other claimtrack command has finished.",
        )
    if isinstance(error, sa_exc.IntegrityError):
        return StoreError(
            f"Could not {doing} {location}: {detail}. Nothing was changed.",
            hint="Claim ids must be unique across the whole store.",
        )
    return StoreError(f"Could not {doing} {location}: {detail}.")


# --- rows <-> models ------------------------------------------------------------------


def _utc_now() -> str:
    return dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")


def _iso(value: dt.date | None) -> str | None:
    return value.isoformat() if value is not None else None


def _date(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value is not None else None


def _number(value: float | None) -> int | float | None:
    """REAL columns hand back 15000.0; figures read better, and compare equal to
    what was extracted, as 15000."""
    if value is None:
        return None
    return int(value) if float(value).is_integer() else float(value)


def _article_row(article: Article) -> dict[str, Any]:
    return {
        "id": article.id,
        "path": article.path,
        "source": article.source,
        "title": article.title,
        "published": _iso(article.published),
        "authors": json.dumps(list(article.authors), ensure_ascii=False),
        "url": article.url,
        "text": article.text,
        "notes": json.dumps(list(article.notes), ensure_ascii=False),
        "extracted_at": _utc_now(),
        "topics": json.dumps(list(article.topics), ensure_ascii=False),
    }


def _claim_row(claim: Claim, article_id: str) -> dict[str, Any]:
    speaker, figure = claim.speaker, claim.figure
    return {
        "id": claim.id,
        "article_id": article_id,
        "kind": claim.kind,
        "text": claim.text,
        "sentence": claim.sentence,
        "start_offset": claim.start,
        "end_offset": claim.end,
        "segments": json.dumps([list(segment) for segment in claim.segments]),
        "speaker_name": speaker.name if speaker else None,
        "speaker_mention": speaker.mention if speaker else None,
        "speaker_kind": speaker.kind if speaker else None,
        "speaker_role": speaker.role if speaker else None,
        "cue": claim.cue,
        "direct": claim.direct,
        "date": _iso(claim.date),
        "figure_value": figure.value if figure else None,
        "figure_low": figure.low if figure else None,
        "figure_high": figure.high if figure else None,
        "figure_qualifier": figure.qualifier if figure else None,
        "figure_unit": figure.unit if figure else None,
        "figure_category": figure.category if figure else None,
        "figure_owner": figure.owner if figure else None,
        "figure_place": figure.place if figure else None,
        "figure_since": figure.since if figure else None,
        "figure_when": figure.when if figure else None,
        "figure_as_of": _iso(figure.as_of) if figure else None,
        "figure_planned": figure.planned if figure else None,
        "figure_verb": figure.verb if figure else None,
    }


def _upsert_article(conn: sa.Connection, row: dict[str, Any]) -> None:
    """Insert or update in one statement where the dialect can; the article row keeps
    its identity, so nothing else pointing at it is disturbed."""
    statement = _upsert_statement(conn.dialect.name)
    if statement is not None:
        conn.execute(statement, row)
        return
    # Portable fallback: safe because the caller holds a write transaction.
    updates = {key: value for key, value in row.items() if key != "id"}
    result = conn.execute(sa.update(_articles).where(_articles.c.id == row["id"]).values(updates))
    if result.rowcount == 0:
        conn.execute(sa.insert(_articles).values(row))


@functools.cache
def _upsert_statement(dialect: str) -> sa.Insert | None:
    # Built once: constructing the ON CONFLICT clause costs more than running it.
    if dialect not in ("sqlite", "postgresql"):
        return None
    insert = sqlite_dialect.insert if dialect == "sqlite" else pg_dialect.insert
    statement = insert(_articles)
    return statement.on_conflict_do_update(
        index_elements=[_articles.c.id],
        set_={column.name: statement.excluded[column.name] for column in _articles.c if column.name != "id"},
    )


def _article_order() -> tuple[sa.ColumnElement[Any], ...]:
    # "IS NULL" sorts undated articles last on every backend, unlike NULLS LAST.
    return (_articles.c.published.is_(None), _articles.c.published, _articles.c.path, _articles.c.id)


def _with_identities(claims: sa.FromClause) -> sa.FromClause:
    return claims.outerjoin(_identities, _claims.c.speaker_name == _identities.c.name)


# The name a claim's speaker is known by across the store: its identity's canonical
# name, or the name from its article when identities have not been built yet.
_SPEAKER_IDENTITY = sa.func.coalesce(_identities.c.canonical, _claims.c.speaker_name)


def _claim_select() -> sa.Select[Any]:
    article_columns = [
        _articles.c[name].label(f"article__{name}") for name in _ARTICLE_INFO_COLUMNS
    ]
    return sa.select(_claims, _SPEAKER_IDENTITY.label("speaker_identity"), *article_columns).select_from(
        _with_identities(_claims.join(_articles, _claims.c.article_id == _articles.c.id))
    )


def _contains(column: sa.ColumnElement[Any], needle: str) -> sa.ColumnElement[bool]:
    # autoescape: a user's % or _ is matched literally, never as a wildcard.
    return sa.func.lower(column).contains(needle.lower(), autoescape=True)


def _filter_conditions(query: ClaimFilter) -> list[sa.ColumnElement[bool]]:
    c = _claims.c
    conditions: list[sa.ColumnElement[bool]] = []
    if query.speaker is not None:
        # Any spelling of a speaker finds all of their claims.
        known = _identities.alias("known")
        identities = sa.select(known.c.canonical).where(
            sa.or_(_contains(known.c.name, query.speaker), _contains(known.c.canonical, query.speaker))
        )
        conditions.append(
            sa.or_(
                _SPEAKER_IDENTITY.in_(identities),
                _contains(c.speaker_name, query.speaker),
                _contains(c.speaker_mention, query.speaker),
            )
        )
    if query.kind is not None:
        conditions.append(c.kind == query.kind)
    if query.category is not None:
        conditions.append(c.figure_category == query.category)
    if query.source is not None:
        conditions.append(_contains(_articles.c.source, query.source))
    # A claim without its own date is dated by its article; with neither it cannot
    # satisfy a date bound (NULL comparisons are never true).
    when = sa.func.coalesce(c.date, _articles.c.published)
    if query.since is not None:
        conditions.append(when >= query.since.isoformat())
    if query.until is not None:
        conditions.append(when <= query.until.isoformat())
    if query.search is not None:
        conditions.append(sa.or_(_contains(c.text, query.search), _contains(c.sentence, query.search)))
    return conditions


def _article_info_fields(
    article_id: str,
    path: str | None,
    source: str | None,
    title: str | None,
    published: str | None,
    authors: str,
    url: str | None,
) -> dict[str, Any]:
    return {
        "id": article_id,
        "path": path,
        "source": source,
        "title": title,
        "published": _date(published),
        "authors": tuple(json.loads(authors)),
        "url": url,
    }


def _to_claims(rows: Sequence[sa.Row[Any]]) -> list[Claim]:
    infos: dict[str, ArticleInfo] = {}  # one ArticleInfo per article, shared by its claims
    result = []
    for row in rows:
        m = row._mapping
        article_id = m["article_id"]
        info = infos.get(article_id)
        if info is None:
            info = infos[article_id] = ArticleInfo(
                **_article_info_fields(*(m[f"article__{name}"] for name in _ARTICLE_INFO_COLUMNS))
            )
        speaker = None
        if m["speaker_name"] is not None:
            speaker = Speaker(
                name=m["speaker_identity"],
                mention=m["speaker_mention"],
                kind=m["speaker_kind"],
                role=m["speaker_role"],
            )
        figure = None
        if m["figure_qualifier"] is not None:
            figure = Figure(
                value=_number(m["figure_value"]),
                low=_number(m["figure_low"]),
                high=_number(m["figure_high"]),
                qualifier=m["figure_qualifier"],
                unit=m["figure_unit"],
                category=m["figure_category"] or "other",
                owner=m["figure_owner"],
                place=m["figure_place"],
                since=m["figure_since"],
                when=m["figure_when"],
                as_of=_date(m["figure_as_of"]),
                planned=bool(m["figure_planned"]),
                verb=m["figure_verb"],
            )
        result.append(
            Claim(
                id=m["id"],
                kind=m["kind"],
                article=info,
                text=m["text"],
                sentence=m["sentence"],
                start=m["start_offset"],
                end=m["end_offset"],
                segments=tuple(tuple(segment) for segment in json.loads(m["segments"])),
                speaker=speaker,
                cue=m["cue"],
                direct=m["direct"],
                date=_date(m["date"]),
                figure=figure,
            )
        )
    return result


def _is_alias(mention: str) -> bool:
    first = mention.split(maxsplit=1)[0].lower() if mention.strip() else ""
    return mention[:1].isupper() and mention.lower() not in _PRONOUNS and first not in _DETERMINERS
