"""The claim store: the only place in claimtrack that speaks SQL.

Callers see models and errors.py exceptions only. Two drivers sit behind the one
class:

- Writes and migrations use SQLAlchemy Core (`claimtrack.store_writes`), which
  knows each dialect's upserts and DDL.
- Reads are plain SQL that every backend understands, run by Python's own
  ``sqlite3`` for a SQLite file and through SQLAlchemy otherwise. Importing
  SQLAlchemy takes longer than a whole read command is allowed (benchmarks/), so a
  command that only reads a SQLite store never imports it.

Derived tables (speaker summaries, figure links and groups) make the queries that
would otherwise read every claim answer from a few rows. Every write marks them
stale; `claimtrack.ingest` rebuilds them after extracting, and until then reads
fall back to computing the answer from the claims.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import sqlite3
import time
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, Any, Literal

from claimtrack.store import migrations, records, schema
from claimtrack.errors import (
    ArticleRejected,
    ClaimNotFound,
    InvalidFilter,
    InvalidStoreURL,
    StoreBusy,
    StoreCorrupt,
    StoreError,
    StoreNotFound,
    StoreSchemaTooNew,
    StoreUnwritable,
)
from claimtrack.models import (
    Appearance,
    Article,
    ArticleInfo,
    ArticleListing,
    Claim,
    ClaimFilter,
    FigureGroup,
    FigureLink,
    SpeakerName,
    SpeakerSummary,
)

if TYPE_CHECKING:
    import sqlalchemy as sa

# A read: SQL text with :named parameters, giving rows as tuples.
Run = Callable[..., list[tuple[Any, ...]]]
AppearanceChange = Literal["new", "updated", "unchanged", "missing"]

_MIN_PREFIX = 4
# Bound parameters per statement: well under every backend's limit.
_CHUNK = 500
_FTS_CONDITION = "c.seq IN (SELECT rowid FROM claims_fts WHERE claims_fts MATCH :search)"
# A search matching at least this many claims is answered by walking the claims in order.
_COMMON_MATCHES = 5000
# How long a write waits for another process to release the store before giving up.
WRITE_LOCK_WAIT_SECONDS = 300.0

# Mentions that name nobody: kept out of a speaker's aliases.
_PRONOUNS = frozenset(
    """i me my mine myself we us our ours ourselves you your yours yourself yourselves
    he him his himself she her hers herself it its itself they them their theirs
    themselves this that these those who whom whose which one""".split()
)
# "The minister" is a way of referring to someone, not one of their names.
_DETERMINERS = frozenset({"the", "a", "an", "this", "that", "these", "those"})

# Words as SQLite's full-text tokenizer sees them: letters and digits.
_SEARCH_WORD = re.compile(r"[^\W_]+")

_CLAIM_SELECT = (
    "SELECT "
    + ", ".join(f"c.{column.name}" for column in records.CLAIM)
    # The name a speaker is known by across the store: its identity's canonical
    # name, or the name from its article before identities are built.
    + ", coalesce(i.canonical, c.speaker_name), "
    + ", ".join(f"a.{column.name}" for column in records.ARTICLE_INFO)
    + " FROM claims c JOIN articles a ON a.id = c.article_id"
    " LEFT JOIN speaker_identities i ON i.name = c.speaker_name"
)
_ARTICLE_INFO_COLUMNS = tuple(column.name for column in records.ARTICLE_INFO)
# "IS NULL" sorts undated articles last on every backend, unlike NULLS LAST.
_ARTICLE_ORDER = "a.published IS NULL, a.published, a.path, a.id"
_CLAIM_ORDER = f" ORDER BY {_ARTICLE_ORDER}, c.start_offset, c.id"
# When a figure was true: the date it is given for, else the claim's, else the article's.
_FIGURE_DAY = "coalesce(c.figure_as_of, c.date, a.published)"
# Articles that appeared in an outlet whose name matches :source.
_APPEARED_IN = "SELECT article_id FROM article_appearances WHERE lower(source) LIKE :source ESCAPE '\\'"
_VERDICT_ORDER = "CASE verdict WHEN 'contradictory' THEN 0 WHEN 'divergent' THEN 1 ELSE 2 END"


class Store:
    """A claim store on one database; obtain one with `Store.open`."""

    def __init__(self, location: str, *, path: Path | None = None, url: Any = None) -> None:
        self.location = location
        self._path = path  # the SQLite file, when there is one
        self._url = url  # a SQLAlchemy URL, for any other database
        self._engine_instance: sa.Engine | None = None
        self._reads: _SqliteReads | _EngineReads | None = None
        self._has_fts: bool | None = None
        # Where the store was copied before an older schema was migrated, if it was.
        self.backup_path: Path | None = None

    # --- opening ----------------------------------------------------------------

    @classmethod
    def open(cls, target: str, *, create: bool) -> Store:
        """Open (and migrate) the store at a file path or SQLAlchemy URL.

        The database is inspected read-only before anything that could write (WAL
        mode, migrations), so a file that is not ours, or is newer than us, is
        refused without a single byte changing. ``create=False`` never turns a
        missing or empty database into a store: reads must not leave files.
        """
        if not target or not target.strip():
            raise InvalidStoreURL("No store was given.")
        path = _sqlite_file(target)
        if path is None:
            return cls._open_url(target, create=create)
        _check_file(path, target, create=create)
        version = _probe_file(path, target) if path.exists() else 0
        if version == 0 and not create:
            raise StoreNotFound(f"{target} holds no claimtrack store yet.")
        store = cls(target, path=path)
        store._open(version)
        return store

    @classmethod
    def _open_url(cls, target: str, *, create: bool) -> Store:
        from claimtrack.store import writes as w

        url = w.parse_url(target)
        location = url.render_as_string(hide_password=True)
        database = url.database
        if url.get_backend_name() == "sqlite" and database and database != ":memory:" and not (
            database.startswith("file:") or url.query
        ):
            # A SQLite file named by URL: the same as naming the file.
            path = Path(database).absolute()
            _check_file(path, location, create=create)
            version = _probe_file(path, location) if path.exists() else 0
            store = cls(location, path=path)
        else:
            try:
                version = w.probe(url, location)
            except w.DBAPIError as error:
                raise _translate(w.driver_error(error), location, "read") from error
            store = cls(location, url=url)
        if version > migrations.latest_version():
            raise _too_new(location, version)
        if version == 0 and not create:
            raise StoreNotFound(f"{location} holds no claimtrack store yet.")
        store._open(version)
        return store

    def _open(self, version: int) -> None:
        try:
            if version < migrations.latest_version():
                self._migrate(version)
            if self._path is not None:
                self._reads = _SqliteReads(self._path, self.location)
            else:
                self._reads = _EngineReads(self._engine)
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
        with self._reading("read the schema version of") as run:
            return run(f"SELECT max(version) FROM {migrations.MIGRATIONS_TABLE}")[0][0] or 0

    @property
    def _engine(self) -> sa.Engine:
        """The SQLAlchemy engine for writing, created on first use."""
        if self._engine_instance is None:
            from claimtrack.store import writes as w

            url = w.sqlite_url(self._path) if self._path is not None else self._url
            self._engine_instance = w.create_engine(url, self.location)
        return self._engine_instance

    def _migrate(self, version: int) -> None:
        """Apply what is pending, re-reading the version under the write lock so two
        processes opening a new store at once do not both run the same migration."""
        from claimtrack.store import writes as w

        if version > 0 and self._path is not None:
            self.backup_path = _backup(self._path, self.location, version)
        for step in migrations.pending(version):
            with self._writing(f"apply migration {step.name} to") as conn:
                current = w.recorded_version(conn)
                if current > migrations.latest_version():
                    raise _too_new(self.location, current)
                if current >= step.version:
                    continue
                step.apply(conn)
                conn.execute(
                    w.applied_migrations.insert().values(version=step.version, name=step.name, applied_at=w.utc_now())
                )

    # --- writing ----------------------------------------------------------------

    def save(self, article: Article, claims: Sequence[Claim]) -> None:
        """Replace everything stored for ``article`` with ``claims``, all or nothing.

        Delete-then-insert (rather than diffing) is what makes re-extraction
        idempotent: claims the extractor no longer finds disappear. The article's
        metadata as given becomes its primary appearance; other appearances of its
        text (`record_appearance`) stay listed.
        """
        self.save_many([(article, claims)])

    def save_many(self, items: Iterable[tuple[Article, Sequence[Claim]]]) -> None:
        """`save` for several articles in one transaction: all are stored or none."""
        from claimtrack.store import writes as w

        items = list(items)
        for article, claims in items:
            strays = sorted({c.id for c in claims if c.article.id != article.id})
            if strays:
                raise ValueError(f"claims {strays} do not belong to article {article.id!r}")
        what = f"article {items[0][0].id!r}" if len(items) == 1 else f"{len(items)} articles"
        with self._writing(f"save {what} in") as conn:
            for article, claims in items:
                w.save_article(conn, article, claims)

    def record_appearance(self, info: ArticleInfo) -> AppearanceChange:
        """Record that the stored article ``info.id`` also appeared as ``info`` says
        (another outlet, file or URL), or correct the date, title and authors of that
        appearance; the article's own metadata and claims stay as they are.

        Returns "new", "updated", "unchanged", or "missing" when the article is not
        stored. An unchanged appearance is recognised without writing.
        """
        from claimtrack.store import writes as w

        row = w.appearance_row(info)
        details = tuple(row[name] for name in w.APPEARANCE_DETAILS)
        with self._reading("read") as run:
            found = run(
                f"SELECT {', '.join(w.APPEARANCE_DETAILS)} FROM article_appearances WHERE id = :id", {"id": row["id"]}
            )
        if found and tuple(found[0]) == details:
            return "unchanged"
        with self._writing(f"record an appearance of article {info.id!r} in") as conn:
            if not w.text_rows(conn, "SELECT 1 FROM articles WHERE id = :id", {"id": info.id}):
                return "missing"
            return w.record_appearance(conn, row)

    def replace_identities(self, canonical: dict[str, str]) -> None:
        """Record, for every speaker name, the canonical name of its identity, and
        rebuild the speaker summaries that depend on it."""
        from claimtrack.store import writes as w

        rows = [{"name": name, "canonical": target} for name, target in sorted(canonical.items())]
        with self._writing("update speaker identities in") as conn:
            w.replace_rows(conn, w.identities, rows)
            summaries = _speaker_summaries(lambda sql, params=None: w.text_rows(conn, sql, params))
            w.replace_rows(conn, w.speaker_summaries, [records.to_row(schema.SPEAKER_SUMMARIES, s) for s in summaries])
            w.mark_stale(conn, ["speaker_summaries"], stale=False)

    def clear_figure_groups(self) -> None:
        """Forget every figure link and group, before building them all again."""
        from claimtrack.store import writes as w

        with self._writing("clear the figure groups of") as conn:
            w.replace_rows(conn, w.figure_links, [])
            w.replace_rows(conn, w.figure_groups, [])

    def add_figure_links(self, links: Sequence[FigureLink]) -> None:
        from claimtrack.store import writes as w

        with self._writing("save figure links in") as conn:
            w.insert_ignoring_duplicates(
                conn,
                w.figure_links,
                [records.to_row(schema.FIGURE_LINKS, link) for link in links],
            )

    def replace_figure_groups(self, scope: Iterable[str], groups: Sequence[FigureGroup]) -> None:
        """Replace every group holding a claim in ``scope`` with ``groups``."""
        from claimtrack.store import writes as w
        from claimtrack.diff import group_id

        scope = sorted(set(scope))
        with self._writing("save figure groups in") as conn:
            stale_groups = {
                row[0]
                for chunk in _chunks(scope)
                for row in w.text_rows(
                    conn, f"SELECT group_id FROM figure_group_members WHERE claim_id IN ({_marks(chunk)})",
                    _params(chunk),
                )
            }
            w.delete_where_in(conn, w.figure_groups.c.id, sorted(stale_groups))
            w.delete_empty_groups(conn)
            heads, members = [], []
            for group in groups:
                ids = [c.id for c in group.figures]
                key = group_id(ids)
                heads.append(records.to_row(schema.FIGURE_GROUPS, group, id=key, size=len(ids)))
                members += [{"claim_id": claim_id, "group_id": key, "position": n} for n, claim_id in enumerate(ids)]
            if heads:
                conn.execute(w.figure_groups.insert(), heads)
                conn.execute(w.figure_group_members.insert(), members)

    def mark_figure_groups_fresh(self) -> None:
        """Record that every stored figure has been linked and grouped."""
        from claimtrack.store import writes as w

        with self._writing("update") as conn:
            w.mark_stale(conn, ["figure_groups"], stale=False)

    def refresh_statistics(self) -> None:
        """Update what the query planner knows of the tables, after large changes."""
        from claimtrack.store import writes as w

        with self._writing("update the statistics of") as conn:
            w.refresh_statistics(conn)

    # --- reading: claims and articles ----------------------------------------------

    def claims(self, query: ClaimFilter) -> list[Claim]:
        if query.limit is not None and query.limit < 0:
            raise InvalidFilter(f"The limit must be zero or more, not {query.limit}.")
        full_text = self._full_text()  # before the snapshot: it may read on its own
        with self._reading("read") as run:
            conditions, params = self._conditions(query, run, full_text)
            sql = _CLAIM_SELECT + _where(conditions) + _CLAIM_ORDER
            if query.limit is not None:
                sql += " LIMIT :limit"
                params["limit"] = query.limit
            if (
                query.limit is not None and self._sqlite() and _SPEAKER_MARK in sql
                and _speaker_claims(run, params) >= _COMMON_MATCHES
            ):
                # A prolific speaker: walk the claims in order rather than sort them all.
                sql = sql.replace(_SPEAKER_MARK, "(+c.speaker").replace(" OR c.speaker_mention IN", " OR +c.speaker_mention IN")
            if query.limit is not None and "search" in params and _FTS_CONDITION in sql:
                # The planner cannot tell a rare word from a common one. A rare word's
                # claims are few: fetch them and sort. A common word's are everywhere:
                # walk the claims in listing order and stop at the limit, which a
                # unary + (no index for that test) makes SQLite do.
                found = run(f"SELECT count(*) FROM (SELECT 1 FROM claims_fts WHERE claims_fts MATCH :search"
                            f" LIMIT {_COMMON_MATCHES})", {"search": params["search"]})[0][0]
                if found >= _COMMON_MATCHES:
                    sql = sql.replace(_FTS_CONDITION, "+" + _FTS_CONDITION)
            return records.claims_from(run(sql, params))

    def claim(self, claim_id: str) -> Claim:
        """Find a claim by id or by a prefix, so people can type short ids like git's."""
        with self._reading("read") as run:
            rows = run(_CLAIM_SELECT + " WHERE c.id = :id", {"id": claim_id})
            if rows:
                return records.claims_from(rows)[0]
            if len(claim_id) < _MIN_PREFIX:
                raise ClaimNotFound(
                    f"No claim has the id {claim_id!r}.",
                    hint=f"Give the full id, or at least its first {_MIN_PREFIX} characters.",
                )
            # A range rather than LIKE: LIKE ignores case in SQLite, treats % and _
            # as wildcards, and cannot use the index on id.
            ids = [
                row[0]
                for row in run(
                    "SELECT id FROM claims WHERE id >= :low AND id < :high ORDER BY id LIMIT 6",
                    {"low": claim_id, "high": claim_id + "\U0010ffff"},
                )
            ]
            if not ids:
                raise ClaimNotFound(f"No claim id is or starts with {claim_id!r}.")
            if len(ids) > 1:
                shown = ", ".join(ids[:5]) + (", ..." if len(ids) > 5 else "")
                raise ClaimNotFound(
                    f"The id prefix {claim_id!r} is ambiguous: it matches {shown}.",
                    hint="Type more characters of the id.",
                )
            return records.claims_from(run(_CLAIM_SELECT + " WHERE c.id = :id", {"id": ids[0]}))[0]

    def claims_by_id(self, claim_ids: Iterable[str]) -> list[Claim]:
        """The claims with these ids (those that exist), in listing order."""
        found: list[Claim] = []
        with self._reading("read") as run:
            for chunk in _chunks(sorted(set(claim_ids))):
                found += records.claims_from(run(_CLAIM_SELECT + f" WHERE c.id IN ({_marks(chunk)})", _params(chunk)))
        return found

    def figure_claims(
        self,
        categories: Iterable[str] | None = None,
        between: tuple[dt.date, dt.date] | None = None,
        *,
        undated: bool = True,
    ) -> list[Claim]:
        """Figure claims: of ``categories`` if given; true within ``between`` if given;
        with the figures that have no date at all unless ``undated`` is False. With
        ``between=None, undated=True`` that is every figure; ``undated`` alone, only
        the undated ones."""
        conditions, params = ["c.kind = 'figure'"], {}
        if categories is not None:
            chosen = sorted(set(categories))
            conditions.append(f"c.figure_category IN ({_marks(chosen)})")
            params.update(_params(chosen))
        dated = f"{_FIGURE_DAY} BETWEEN :low AND :high" if between is not None else None
        if between is not None:
            params.update(low=between[0].isoformat(), high=between[1].isoformat())
        if dated and undated:
            conditions.append(f"({_FIGURE_DAY} IS NULL OR {dated})")
        elif dated:
            conditions.append(dated)
        elif not undated:
            conditions.append(f"{_FIGURE_DAY} IS NOT NULL")
        with self._reading("read") as run:
            return records.claims_from(run(_CLAIM_SELECT + _where(conditions) + _CLAIM_ORDER, params))

    def figure_ids_between(self, between: tuple[dt.date, dt.date]) -> list[str]:
        """The ids of `figure_claims(None, between)`: to read them a part at a time."""
        sql = (
            "SELECT c.id FROM claims c JOIN articles a ON a.id = c.article_id WHERE c.kind = 'figure'"
            f" AND ({_FIGURE_DAY} IS NULL OR {_FIGURE_DAY} BETWEEN :low AND :high) ORDER BY c.id"
        )
        with self._reading("read") as run:
            return [row[0] for row in run(sql, {"low": between[0].isoformat(), "high": between[1].isoformat()})]

    def undated_figure_claims(self, categories: Iterable[str]) -> list[Claim]:
        """Figure claims of ``categories`` that have no date at all."""
        chosen = sorted(set(categories))
        sql = _CLAIM_SELECT + _where(
            ["c.kind = 'figure'", f"c.figure_category IN ({_marks(chosen)})", f"{_FIGURE_DAY} IS NULL"]
        )
        with self._reading("read") as run:
            return records.claims_from(run(sql + _CLAIM_ORDER, _params(chosen)))

    def figure_ids_stored_since(self, moment: dt.datetime) -> set[str]:
        """Figure claims of the articles stored at ``moment`` (UTC) or later."""
        with self._reading("read") as run:
            rows = run(
                "SELECT c.id FROM claims c JOIN articles a ON a.id = c.article_id"
                " WHERE c.kind = 'figure' AND a.extracted_at >= :moment",
                {"moment": moment.astimezone(dt.timezone.utc).isoformat(timespec="seconds")},
            )
        return {row[0] for row in rows}

    def figure_ids(self) -> list[str]:
        with self._reading("read") as run:
            return [row[0] for row in run("SELECT id FROM claims WHERE kind = 'figure' ORDER BY id")]

    def figure_days(self, claim_ids: Iterable[str]) -> dict[str, dt.date | None]:
        """The day each figure claim was true (see `figure_claims`), by id."""
        days: dict[str, dt.date | None] = {}
        with self._reading("read") as run:
            for chunk in _chunks(sorted(set(claim_ids))):
                for claim_id, day in run(
                    f"SELECT c.id, {_FIGURE_DAY} FROM claims c JOIN articles a ON a.id = c.article_id"
                    f" WHERE c.kind = 'figure' AND c.id IN ({_marks(chunk)})",
                    _params(chunk),
                ):
                    days[claim_id] = schema.DATE.read(day)
        return days

    def figure_day_span(self) -> tuple[dt.date, dt.date] | None:
        with self._reading("read") as run:
            low, high = run(
                f"SELECT min({_FIGURE_DAY}), max({_FIGURE_DAY}) FROM claims c JOIN articles a ON a.id = c.article_id"
                " WHERE c.kind = 'figure'"
            )[0]
        return None if low is None else (schema.DATE.read(low), schema.DATE.read(high))

    def linked_figures(self, claim_ids: Iterable[str] | None = None) -> set[str]:
        """Of ``claim_ids`` (default: all), those with a link or in a group."""
        with self._reading("read") as run:
            if claim_ids is None:
                return {
                    row[0]
                    for row in run(
                        "SELECT first FROM figure_links UNION SELECT second FROM figure_links"
                        " UNION SELECT claim_id FROM figure_group_members"
                    )
                }
            found: set[str] = set()
            for chunk in _chunks(sorted(set(claim_ids))):
                marks = _marks(chunk)
                found.update(
                    row[0]
                    for row in run(
                        f"SELECT first FROM figure_links WHERE first IN ({marks})"
                        f" UNION SELECT second FROM figure_links WHERE second IN ({marks})"
                        f" UNION SELECT claim_id FROM figure_group_members WHERE claim_id IN ({marks})",
                        _params(chunk),
                    )
                )
            return found

    def has_article(self, article_id: str) -> bool:
        with self._reading("read") as run:
            return bool(run("SELECT 1 FROM articles WHERE id = :id", {"id": article_id}))

    def article_info(self, article_id: str) -> ArticleInfo | None:
        """An article's stored metadata, without its text."""
        columns = ", ".join(_ARTICLE_INFO_COLUMNS)
        with self._reading("read") as run:
            found = run(f"SELECT {columns} FROM articles WHERE id = :id", {"id": article_id})
        return ArticleInfo(**records.fields_of(records.ARTICLE_INFO, found[0])) if found else None

    def article(self, article_id: str) -> Article | None:
        columns = ", ".join(column.name for column in records.ARTICLE)
        with self._reading("read") as run:
            found = run(f"SELECT {columns} FROM articles WHERE id = :id", {"id": article_id})
        return Article(**records.fields_of(records.ARTICLE, found[0])) if found else None

    def article_topics(self, article_ids: Iterable[str] | None = None) -> dict[str, tuple[str, ...]]:
        """What each article names (see `Article.topics`), by article id: all
        articles, or those in ``article_ids``."""
        with self._reading("read") as run:
            if article_ids is None:
                rows = run("SELECT id, topics FROM articles")
            else:
                rows = [
                    row
                    for chunk in _chunks(sorted(set(article_ids)))
                    for row in run(f"SELECT id, topics FROM articles WHERE id IN ({_marks(chunk)})", _params(chunk))
                ]
        read = schema.ARTICLES.column("topics").codec.read
        return {article_id: read(topics) for article_id, topics in rows}

    def appearances(self, article_ids: Iterable[str]) -> dict[str, tuple[Appearance, ...]]:
        """Every appearance of each stored article in ``article_ids``, the primary first
        (the one the article's metadata comes from), then in the order first seen."""
        with self._reading("read") as run:
            return _appearances(run, article_ids)

    def article_listings(self, limit: int | None = None) -> list[ArticleListing]:
        """`articles`, each with every appearance of its text."""
        columns = ", ".join(f"a.{name}" for name in _ARTICLE_INFO_COLUMNS)
        sql = f"SELECT {columns} FROM articles a ORDER BY {_ARTICLE_ORDER}"
        with self._reading("read") as run:
            rows = run(sql + " LIMIT :limit" if limit is not None else sql, {"limit": limit})
            found = _appearances(run, [row[0] for row in rows] if limit is not None else None)
        return [
            ArticleListing(**records.fields_of(records.ARTICLE_INFO, row), appearances=found.get(row[0], ()))
            for row in rows
        ]

    def articles(self, limit: int | None = None) -> list[ArticleInfo]:
        columns = ", ".join(f"a.{name}" for name in _ARTICLE_INFO_COLUMNS)
        sql = f"SELECT {columns} FROM articles a ORDER BY {_ARTICLE_ORDER}"
        with self._reading("read") as run:
            rows = run(sql + " LIMIT :limit" if limit is not None else sql, {"limit": limit})
        return [ArticleInfo(**records.fields_of(records.ARTICLE_INFO, row)) for row in rows]

    # --- reading: speakers -----------------------------------------------------------

    def speaker_names(self) -> list[SpeakerName]:
        """Every speaker name with its most frequent kind and its claim count."""
        with self._reading("read") as run:
            rows = run(
                "SELECT speaker_name, speaker_kind, count(*) FROM claims"
                " WHERE speaker_name IS NOT NULL AND speaker_kind IS NOT NULL GROUP BY speaker_name, speaker_kind"
            )
            role_rows = run(
                "SELECT DISTINCT speaker_name, speaker_role FROM claims"
                " WHERE speaker_name IS NOT NULL AND speaker_role IS NOT NULL"
            )
        kinds: dict[str, Counter[str]] = defaultdict(Counter)
        for name, kind, n in rows:
            kinds[name][kind] += n
        roles: dict[str, set[str]] = defaultdict(set)
        for name, role in role_rows:
            roles[name].add(role)
        return [
            SpeakerName(
                name=name,
                kind=_most_frequent(counts),
                claims=sum(counts.values()),
                roles=tuple(sorted(roles[name])),
            )
            for name, counts in sorted(kinds.items())
        ]

    def speakers(self, limit: int | None = None) -> list[SpeakerSummary]:
        """One summary per identity, most claims first."""
        with self._reading("read") as run:
            if _is_stale(run, "speaker_summaries"):
                return _speaker_summaries(run)[:limit]
            columns = schema.SPEAKER_SUMMARIES.fields()
            sql = (
                f"SELECT {', '.join(column.name for column in columns)} FROM speaker_summaries"
                " ORDER BY claims DESC, name"
            )
            params = {}
            if limit is not None:
                sql += " LIMIT :limit"
                params["limit"] = limit
            rows = run(sql, params)
        return [SpeakerSummary(**records.fields_of(columns, row)) for row in rows]

    def speaker_count(self) -> int:
        with self._reading("read") as run:
            if _is_stale(run, "speaker_summaries"):
                return len(_speaker_summaries(run))
            return run("SELECT count(*) FROM speaker_summaries")[0][0]

    # --- reading: figure groups -------------------------------------------------------

    def figure_groups_stale(self) -> bool:
        """True when figures were saved after the groups were last built."""
        with self._reading("read") as run:
            return _is_stale(run, "figure_groups")

    def figure_groups(
        self,
        *,
        category: str | None = None,
        include_consistent: bool = False,
        min_sources: int = 1,
        source: str | None = None,
        limit: int | None = None,
    ) -> list[FigureGroup]:
        """The stored groups, filtered as `claimtrack.diff.group_figures` filters."""
        conditions, params = self._group_conditions(category, include_consistent, min_sources, source)
        columns = schema.FIGURE_GROUPS.fields()
        sql = (
            f"SELECT id, {', '.join(column.name for column in columns)} FROM figure_groups g"
            + _where(conditions)
            + f" ORDER BY {_VERDICT_ORDER}, sources DESC, label, id"
        )
        if limit is not None:
            sql += " LIMIT :limit"
            params["limit"] = limit
        with self._reading("read") as run:
            heads = run(sql, params)
            members: dict[str, list[Claim]] = defaultdict(list)
            for chunk in _chunks([h[0] for h in heads]):
                rows = run(
                    _CLAIM_SELECT.replace("SELECT ", "SELECT m.group_id, ", 1)
                    + f" JOIN figure_group_members m ON m.claim_id = c.id WHERE m.group_id IN ({_marks(chunk)})"
                    " ORDER BY m.group_id, m.position",
                    _params(chunk),
                )
                for key, claim in zip([r[0] for r in rows], records.claims_from([r[1:] for r in rows]), strict=True):
                    members[key].append(claim)
            appeared = _appearances(run, {c.article.id for claims in members.values() for c in claims})
        return [
            FigureGroup(
                **records.fields_of(columns, head), figures=tuple(members[key]),
                appearances={i: appeared[i] for i in sorted({c.article.id for c in members[key]}) if i in appeared},
            )
            for key, *head in heads
        ]

    def figure_group_count(
        self,
        *,
        category: str | None = None,
        include_consistent: bool = False,
        min_sources: int = 1,
        source: str | None = None,
    ) -> int:
        conditions, params = self._group_conditions(category, include_consistent, min_sources, source)
        with self._reading("read") as run:
            return run("SELECT count(*) FROM figure_groups g" + _where(conditions), params)[0][0]

    def figure_links(self, claim_ids: Iterable[str]) -> list[FigureLink]:
        """Every stored link with an end in ``claim_ids``."""
        columns = schema.FIGURE_LINKS.fields()
        names = ", ".join(column.name for column in columns)
        found: dict[tuple[str, str], FigureLink] = {}
        with self._reading("read") as run:
            for chunk in _chunks(sorted(set(claim_ids))):
                marks = _marks(chunk)
                for row in run(
                    f"SELECT {names} FROM figure_links WHERE first IN ({marks})"
                    f" UNION SELECT {names} FROM figure_links WHERE second IN ({marks})",
                    _params(chunk),
                ):
                    link = FigureLink(**records.fields_of(columns, row))
                    found[(link.first, link.second)] = link
        return [found[key] for key in sorted(found)]

    def figure_link_scores(self, claim_ids: Iterable[str]) -> Iterator[tuple[float, str, str]]:
        """``(score, first, second)`` of every stored link between two of ``claim_ids``:
        `figure_links` without the reasons, which take most of the room, for a part of
        the graph of links that holds both ends of each of its links. Read as they are
        asked for, a chunk at a time, so that a caller can keep them in a smaller form."""
        wanted = set(claim_ids)
        for chunk in _chunks(sorted(wanted)):
            with self._reading("read") as run:
                rows = run(
                    f"SELECT first, second, score FROM figure_links WHERE first IN ({_marks(chunk)})", _params(chunk)
                )
            yield from ((score, first, second) for first, second, score in rows if second in wanted)

    def figure_link_reasons(self, pairs: Iterable[tuple[str, str]]) -> dict[tuple[str, str], tuple[str, ...]]:
        """The reasons of the stored links ``(first, second)`` among ``pairs``."""
        wanted = set(pairs)
        read = schema.FIGURE_LINKS.column("reasons").codec.read
        found: dict[tuple[str, str], tuple[str, ...]] = {}
        with self._reading("read") as run:
            for chunk in _chunks(sorted({first for first, _ in wanted})):
                for first, second, reasons in run(
                    f"SELECT first, second, reasons FROM figure_links WHERE first IN ({_marks(chunk)})",
                    _params(chunk),
                ):
                    if (first, second) in wanted:
                        found[(first, second)] = read(reasons)
        return found

    def figure_neighbours(self, claim_ids: Iterable[str]) -> set[str]:
        """The claims linked to any of ``claim_ids``: `figure_links` without the
        scores and reasons, for walking the graph of links."""
        found: set[str] = set()
        with self._reading("read") as run:
            for chunk in _chunks(sorted(set(claim_ids))):
                marks = _marks(chunk)
                found.update(
                    row[0]
                    for row in run(
                        f"SELECT second FROM figure_links WHERE first IN ({marks})"
                        f" UNION SELECT first FROM figure_links WHERE second IN ({marks})",
                        _params(chunk),
                    )
                )
        return found

    def figure_group_members(self, claim_ids: Iterable[str]) -> set[str]:
        """The claims that share a stored group with any of ``claim_ids``."""
        found: set[str] = set()
        with self._reading("read") as run:
            for chunk in _chunks(sorted(set(claim_ids))):
                found.update(
                    row[0]
                    for row in run(
                        "SELECT claim_id FROM figure_group_members WHERE group_id IN"
                        f" (SELECT group_id FROM figure_group_members WHERE claim_id IN ({_marks(chunk)}))",
                        _params(chunk),
                    )
                )
        return found

    def broken_figure_groups(self) -> set[str]:
        """Members of groups that lost a member since they were built (its article was
        extracted again and the figure changed)."""
        with self._reading("read") as run:
            rows = run(
                "SELECT m.claim_id FROM figure_group_members m WHERE m.group_id IN ("
                " SELECT g.id FROM figure_groups g LEFT JOIN figure_group_members k ON k.group_id = g.id"
                " GROUP BY g.id, g.size HAVING count(k.claim_id) != g.size)"
            )
        return {row[0] for row in rows}

    # --- query building ---------------------------------------------------------------

    def _conditions(self, query: ClaimFilter, run: Run, full_text: bool) -> tuple[list[str], dict[str, Any]]:
        conditions: list[str] = []
        params: dict[str, Any] = {}
        if query.speaker is not None:
            condition, speaker_params = _speaker_condition(run, query.speaker)
            conditions.append(condition)
            params.update(speaker_params)
        if query.kind is not None:
            conditions.append("c.kind = :kind")
            params["kind"] = query.kind
        if query.category is not None:
            conditions.append("c.figure_category = :category")
            params["category"] = query.category
        if query.source is not None:
            # Any outlet the article appeared in. The subquery does not depend on the row:
            # it is run once, over the appearances (about one row per article).
            conditions.append(f"(lower(a.source) LIKE :source ESCAPE '\\' OR a.id IN ({_APPEARED_IN}))")
            params["source"] = _contains_pattern(query.source)
        # A claim without its own date is dated by its article; with neither it
        # cannot satisfy a date bound (NULL comparisons are never true).
        if query.since is not None:
            conditions.append("coalesce(c.date, a.published) >= :since")
            params["since"] = query.since.isoformat()
        if query.until is not None:
            conditions.append("coalesce(c.date, a.published) <= :until")
            params["until"] = query.until.isoformat()
        if query.search is not None:
            words = _SEARCH_WORD.findall(query.search)
            if words and full_text:
                # The words in this order, the last one possibly cut short.
                conditions.append(_FTS_CONDITION)
                params["search"] = '"' + " ".join(words) + '" *'
            else:
                conditions.append("(lower(c.text) LIKE :search ESCAPE '\\' OR lower(c.sentence) LIKE :search ESCAPE '\\')")
                params["search"] = _contains_pattern(query.search)
        return conditions, params

    def _group_conditions(
        self, category: str | None, include_consistent: bool, min_sources: int, source: str | None
    ) -> tuple[list[str], dict[str, Any]]:
        conditions: list[str] = []
        params: dict[str, Any] = {}
        if category is not None:
            conditions.append("g.category = :category")
            params["category"] = category
        if not include_consistent:
            conditions.append("g.verdict != 'consistent'")
        if min_sources > 1:
            conditions.append("g.sources >= :min_sources")
            params["min_sources"] = min_sources
        if source is not None:
            conditions.append(
                "EXISTS (SELECT 1 FROM figure_group_members m JOIN claims c ON c.id = m.claim_id"
                " JOIN articles a ON a.id = c.article_id"
                f" WHERE m.group_id = g.id AND (lower(a.source) LIKE :source ESCAPE '\\' OR a.id IN ({_APPEARED_IN})))"
            )
            params["source"] = _contains_pattern(source)
        return conditions, params

    def _sqlite(self) -> bool:
        return self._path is not None or getattr(self._url, "drivername", "").startswith("sqlite")

    def _full_text(self) -> bool:
        if self._has_fts is None:
            with self._reading("read") as run:
                self._has_fts = self._sqlite() and bool(run("SELECT 1 FROM sqlite_master WHERE name = 'claims_fts'"))
        return self._has_fts

    # --- connections --------------------------------------------------------------

    @contextmanager
    def _reading(self, doing: str) -> Iterator[Run]:
        """One transaction per call, so several queries see a single snapshot."""
        if self._reads is None:
            raise StoreError(f"{self.location} is closed.")
        with self._reads.snapshot(doing) as run:
            yield run

    @contextmanager
    def _writing(self, doing: str) -> Iterator[sa.Connection]:
        """A transaction that takes the write lock up front (BEGIN IMMEDIATE on SQLite),
        so it waits on busy_timeout instead of failing when upgrading a read lock."""
        from claimtrack.store import writes as w

        try:
            with self._engine.connect() as conn:
                conn.execution_options(**{w.WRITE_OPTION: True})
                with self._begin(conn, doing):
                    yield conn
        except w.DBAPIError as error:
            raise _translate(w.driver_error(error), self.location, doing) from error

    def _begin(self, conn: sa.Connection, doing: str) -> sa.RootTransaction:
        """Begin a write transaction, trying again while another process holds the
        lock: each try waits up to SQLite's busy_timeout, and a long write by another
        extract run (rebuilding figure groups, say) can outlast one."""
        from claimtrack.store import writes as w

        deadline = time.monotonic() + WRITE_LOCK_WAIT_SECONDS
        pause = 0.05
        while True:
            try:
                return conn.begin()
            except w.DBAPIError as error:
                translated = _translate(w.driver_error(error), self.location, doing)
                if not isinstance(translated, StoreBusy) or time.monotonic() + pause > deadline:
                    raise translated from error
                conn.rollback()
                time.sleep(pause)
                pause = min(pause * 2, 2.0)


# --- the two read drivers ----------------------------------------------------------------


class _SqliteReads:
    """Reads on a SQLite file through the standard library driver."""

    def __init__(self, path: Path, location: str) -> None:
        self.location = location
        try:
            self._conn = sqlite3.connect(str(path), isolation_level=None, check_same_thread=False)
            self._conn.execute("PRAGMA busy_timeout=10000")
            self._conn.execute("PRAGMA query_only=ON")
        except sqlite3.Error as error:
            raise _translate(error, location, "open") from error
        configure_sqlite_functions(self._conn)

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
            raise _translate(error, self.location, doing) from error

    def close(self) -> None:
        self._conn.close()


class _EngineReads:
    """Reads on any other database, through SQLAlchemy."""

    def __init__(self, engine: sa.Engine) -> None:
        self._engine = engine

    @contextmanager
    def snapshot(self, doing: str) -> Iterator[Run]:
        from claimtrack.store import writes as w

        try:
            with self._engine.connect() as conn:
                yield lambda sql, params=None: w.text_rows(conn, sql, params)
        except w.DBAPIError as error:
            raise _translate(w.driver_error(error), str(self._engine.url), doing) from error

    def close(self) -> None:
        pass  # the engine belongs to the store


def configure_sqlite_functions(connection: sqlite3.Connection) -> None:
    # SQLite's lower() only folds ASCII; case-insensitive filters must match "Ölaf".
    connection.create_function("lower", 1, _unicode_lower, deterministic=True)


def _unicode_lower(value: Any) -> Any:
    return value.lower() if isinstance(value, str) else value


# --- opening helpers ---------------------------------------------------------------


def _sqlite_file(target: str) -> Path | None:
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
    """Read the recorded schema version of a SQLite file without writing to it."""
    # Not opened read-only: a read-only connection to a WAL database leaves its -wal
    # and -shm files behind, while this one removes them on closing. It only reads.
    try:
        conn = sqlite3.connect(str(path))
    except sqlite3.Error as error:
        raise _translate(error, location, "read") from error
    try:
        names = {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type IN ('table', 'view')")}
        if migrations.MIGRATIONS_TABLE in names:
            version = conn.execute(f"SELECT max(version) FROM {migrations.MIGRATIONS_TABLE}").fetchone()[0] or 0
        elif names:
            shown = ", ".join(sorted(names)[:5])
            raise StoreCorrupt(f"{location} is a database with other tables ({shown}), not a claimtrack store.")
        else:
            version = 0
    except sqlite3.Error as error:
        raise _translate(error, location, "read") from error
    finally:
        conn.close()
    if version > migrations.latest_version():
        raise _too_new(location, version)
    return version


def _backup(path: Path, location: str, version: int) -> Path:
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


def _too_new(location: str, version: int) -> StoreSchemaTooNew:
    return StoreSchemaTooNew(
        f"{location} has schema version {version}; this claimtrack knows versions up to "
        f"{migrations.latest_version()}. It was left untouched."
    )


def _translate(error: BaseException, location: str, doing: str) -> StoreError:
    """Turn a driver error into the user-facing error it stands for.

    SQLite's error names (Python 3.11+) are matched rather than message texts,
    which differ between SQLite versions.
    """
    name = getattr(error, "sqlite_errorname", None) or ""
    detail = str(error)
    if name.startswith(("SQLITE_NOTADB", "SQLITE_CORRUPT")):
        return StoreCorrupt(f"{location} is not a usable SQLite database ({detail}).")
    if name.startswith(("SQLITE_CANTOPEN", "SQLITE_READONLY", "SQLITE_PERM", "SQLITE_FULL")):
        return StoreUnwritable(f"Could not {doing} {location}: {detail}.")
    if name.startswith(("SQLITE_BUSY", "SQLITE_LOCKED")):
        return StoreBusy(f"Could not {doing} {location}: it is locked by another process.")
    # DB-API drivers all name their constraint violation IntegrityError.
    if type(error).__name__ == "IntegrityError":
        return ArticleRejected(f"Could not {doing} {location}: {detail}. Nothing was changed.")
    return StoreError(f"Could not {doing} {location}: {detail}.")


# --- SQL helpers -----------------------------------------------------------------------


def _where(conditions: Sequence[str]) -> str:
    return " WHERE " + " AND ".join(conditions) if conditions else ""


def _contains_pattern(needle: str) -> str:
    """A LIKE pattern (with ESCAPE '\\') for text containing ``needle``, any case."""
    escaped = needle.lower().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def _chunks(values: Sequence[str]) -> Iterator[Sequence[str]]:
    for start in range(0, len(values), _CHUNK):
        yield values[start : start + _CHUNK]


def _marks(values: Sequence[Any]) -> str:
    return ", ".join(f":v{n}" for n in range(len(values)))


def _params(values: Sequence[Any]) -> dict[str, Any]:
    return {f"v{n}": value for n, value in enumerate(values)}


_SPEAKER_MARK = "(c.speaker"


def _speaker_condition(run: Run, speaker: str) -> tuple[str, dict[str, Any]]:
    """Claims by anyone ``speaker`` names: any spelling of a speaker finds all of their
    claims, and a way an article referred to someone ("the minister") finds the
    claims it was used for.

    The names are looked up first, so the claims are found through their indexes;
    a very loose pattern (a single letter) falls back to subqueries.
    """
    pattern = {"speaker": _contains_pattern(speaker)}
    matching = "SELECT alias FROM speaker_aliases WHERE lower(alias) LIKE :speaker ESCAPE '\\'"
    aliases = [row[0] for row in run(matching + f" LIMIT {_CHUNK + 1}", pattern)]
    if len(aliases) > _CHUNK:
        return (
            "(c.speaker_name IN (SELECT name FROM speaker_identities WHERE canonical IN"
            f" (SELECT canonical FROM speaker_identities WHERE name IN ({matching})))"
            f" OR c.speaker_name IN ({matching}) OR c.speaker_mention IN ({matching}))"
        ), pattern
    if not aliases:
        return "1 = 0", {}
    names = set(aliases)
    names.update(
        row[0]
        for row in run(
            "SELECT name FROM speaker_identities WHERE canonical IN"
            f" (SELECT canonical FROM speaker_identities WHERE name IN ({_marks(aliases)}))",
            _params(aliases),
        )
    )
    params = {f"sn{n}": name for n, name in enumerate(sorted(names))}
    params.update({f"sm{n}": alias for n, alias in enumerate(aliases)})
    named = ", ".join(f":sn{n}" for n in range(len(names)))
    mentioned = ", ".join(f":sm{n}" for n in range(len(aliases)))
    return f"(c.speaker_name IN ({named}) OR c.speaker_mention IN ({mentioned}))", params


def _speaker_claims(run: Run, params: dict[str, Any]) -> int:
    """About how many claims the speaker condition in ``params`` matches (index-only counts)."""
    names = [value for key, value in params.items() if key.startswith("sn")]
    mentions = [value for key, value in params.items() if key.startswith("sm")]
    if not names and not mentions:
        return _COMMON_MATCHES  # the subquery form: a loose pattern, many claims
    found = run(f"SELECT count(*) FROM claims WHERE speaker_name IN ({_marks(names)})", _params(names))[0][0]
    found += run(f"SELECT count(*) FROM claims WHERE speaker_mention IN ({_marks(mentions)})", _params(mentions))[0][0]
    return found


# An appearance's own columns (see `Appearance`), after its article's id and before
# the place of the article's primary appearance.
_APPEARANCE = records.columns_for(schema.ARTICLE_APPEARANCES, Appearance.model_fields)
_APPEARANCE_SELECT = (
    "SELECT p.article_id, "
    + ", ".join(f"p.{column.name}" for column in _APPEARANCE)
    + ", a.path, a.source, a.url FROM article_appearances p JOIN articles a ON a.id = p.article_id"
)


def _appearances(run: Run, article_ids: Iterable[str] | None) -> dict[str, tuple[Appearance, ...]]:
    """Appearances by article id (all articles when ``article_ids`` is None): the one
    at the article's own place (its primary) first, then in the order first seen."""
    if article_ids is None:
        rows = run(_APPEARANCE_SELECT + " ORDER BY p.article_id, p.seq")
    else:
        rows = [
            row
            for chunk in _chunks(sorted(set(article_ids)))
            for row in run(
                _APPEARANCE_SELECT + f" WHERE p.article_id IN ({_marks(chunk)}) ORDER BY p.article_id, p.seq",
                _params(chunk),
            )
        ]
    found: dict[str, list[tuple[bool, Appearance]]] = defaultdict(list)
    for article_id, *row, own_path, own_source, own_url in rows:
        appearance = Appearance(**records.fields_of(_APPEARANCE, row))
        primary = (appearance.path, appearance.source, appearance.url) == (own_path, own_source, own_url)
        found[article_id].append((not primary, appearance))
    # sorted() is stable: after the primary, the order first seen stays.
    return {key: tuple(a for _, a in sorted(items, key=lambda item: item[0])) for key, items in found.items()}


def _is_stale(run: Run, name: str) -> bool:
    rows = run("SELECT stale FROM derived_state WHERE name = :name", {"name": name})
    return bool(rows[0][0]) if rows else True


def _most_frequent(counts: Counter[str]) -> str:
    # Ties go to the alphabetically first value so output is stable.
    return min(counts.items(), key=lambda item: (-item[1], item[0]))[0]


def _speaker_summaries(run: Run) -> list[SpeakerSummary]:
    """One summary per identity, computed from the claims: counting in SQL, merging
    in Python."""
    who = "coalesce(i.canonical, c.speaker_name)"
    claims = "claims c LEFT JOIN speaker_identities i ON i.name = c.speaker_name"
    counts = run(
        f"SELECT {who}, count(*), count(DISTINCT c.article_id) FROM {claims}"
        f" WHERE c.speaker_name IS NOT NULL GROUP BY {who}"
    )
    kinds = run(
        f"SELECT {who}, c.speaker_kind, count(*) FROM {claims}"
        f" WHERE c.speaker_name IS NOT NULL AND c.speaker_kind IS NOT NULL GROUP BY {who}, c.speaker_kind"
    )
    names = run(f"SELECT DISTINCT {who}, c.speaker_name, c.speaker_mention FROM {claims} WHERE c.speaker_name IS NOT NULL")
    roles = run(
        f"SELECT DISTINCT {who}, c.speaker_role FROM {claims}"
        " WHERE c.speaker_name IS NOT NULL AND c.speaker_role IS NOT NULL"
    )
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
            kind=_most_frequent(kind_counts[name]),
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


def _is_alias(mention: str) -> bool:
    first = mention.split(maxsplit=1)[0].lower() if mention.strip() else ""
    return mention[:1].isupper() and mention.lower() not in _PRONOUNS and first not in _DETERMINERS
