"""The store's writes: SQLAlchemy Core statements on the tables of
`claimtrack.store.tables`, each run by the caller inside one write transaction.

Only writes and migrations import this module (and with it SQLAlchemy): reads on a
SQLite file run on the standard library driver. What differs between databases (an
upsert, an insert that skips duplicates, statistics) comes from the `Dialect`.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Iterable, Sequence
from itertools import islice
from typing import Any

import sqlalchemy as sa

from claimtrack.models import Article, ArticleInfo, Claim, FigureGroup, FigureLink, group_key
from claimtrack.store import migrations, reads, records, schema
from claimtrack.store.dialect import Dialect, for_name
from claimtrack.store.engines import text_rows
from claimtrack.store.tables import (
    applied_migrations,
    article_appearances,
    articles,
    claims,
    derived_state,
    figure_group_members,
    figure_groups,
    figure_links,
    identities,
    speaker_aliases,
    speaker_summaries,
)

# Rows per statement: the rows of a very long text's tens of thousands of claims would
# take gigabytes at once.
CHUNK = reads.CHUNK

APPEARANCE_DETAILS = reads.APPEARANCE_DETAILS


def utc_now() -> str:
    return dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")


def _dialect(conn: sa.Connection) -> Dialect:
    return for_name(conn.dialect.name)


# --- rows -------------------------------------------------------------------------------


def article_row(article: Article) -> dict[str, Any]:
    return records.to_row(schema.ARTICLES, article, extracted_at=utc_now())


def appearance_row(info: ArticleInfo) -> dict[str, Any]:
    key = migrations.appearance_key(info.id, info.path, info.source, info.url)
    return records.to_row(schema.ARTICLE_APPEARANCES, info, id=key, first_seen=utc_now())


def claim_row(claim: Claim) -> dict[str, Any]:
    return records.to_row(schema.CLAIMS, claim)


# --- articles and claims -------------------------------------------------------------------


def record_migration(conn: sa.Connection, version: int, name: str) -> None:
    conn.execute(applied_migrations.insert().values(version=version, name=name, applied_at=utc_now()))


def save_article(conn: sa.Connection, article: Article, claims_of_article: Sequence[Claim]) -> None:
    """Replace everything stored for ``article``."""
    _upsert_article(conn, article_row(article))
    # The article as saved is its primary appearance; other appearances stay listed.
    record_appearance(conn, appearance_row(article.info()))
    conn.execute(sa.delete(claims).where(claims.c.article_id == article.id))
    names: set[str] = set()
    claim_rows = (claim_row(c) for c in claims_of_article)
    while chunk := list(islice(claim_rows, CHUNK)):
        conn.execute(sa.insert(claims), chunk)
    for claim in claims_of_article:
        if claim.speaker:
            names.update((claim.speaker.name, claim.speaker.mention))
    if names:
        conn.execute(_dialect(conn).insert_ignoring_duplicates(speaker_aliases), [{"alias": n} for n in sorted(names)])
    mark_stale(conn, ("speaker_summaries", "figure_groups"))


def has_article(conn: sa.Connection, article_id: str) -> bool:
    return bool(text_rows(conn, "SELECT 1 FROM articles WHERE id = :id", {"id": article_id}))


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


def _upsert_article(conn: sa.Connection, row: dict[str, Any]) -> None:
    """Insert or update in one statement where the dialect can; the article row keeps
    its identity, so nothing else pointing at it is disturbed."""
    statement = _dialect(conn).upsert(articles)
    if statement is not None:
        conn.execute(statement, row)
        return
    # Portable fallback: safe because the caller holds a write transaction.
    updates = {key: value for key, value in row.items() if key != "id"}
    result = conn.execute(sa.update(articles).where(articles.c.id == row["id"]).values(updates))
    if result.rowcount == 0:
        conn.execute(sa.insert(articles).values(row))


# --- derived tables ----------------------------------------------------------------------


def mark_stale(conn: sa.Connection, names: Iterable[str], stale: bool = True) -> None:
    conn.execute(sa.update(derived_state).where(derived_state.c.name.in_(list(names))).values(stale=stale))


def replace_identities(conn: sa.Connection, canonical: dict[str, str]) -> None:
    """Every speaker name with the canonical name of its identity, and the summaries
    that depend on them, computed from the claims in this transaction."""
    _replace_rows(conn, identities, [{"name": name, "canonical": target} for name, target in sorted(canonical.items())])
    summaries = reads.speaker_summaries(lambda sql, params=None: text_rows(conn, sql, params))
    _replace_rows(conn, speaker_summaries, [records.to_row(schema.SPEAKER_SUMMARIES, s) for s in summaries])
    mark_stale(conn, ["speaker_summaries"], stale=False)


def clear_figure_groups(conn: sa.Connection) -> None:
    _replace_rows(conn, figure_links, [])
    _replace_rows(conn, figure_groups, [])


def add_figure_links(conn: sa.Connection, links: Sequence[FigureLink]) -> None:
    """Store ``links``, each unless it is stored already.

    A store's rebuild stores tens of thousands of links: their rows go to the driver
    as they are (SQLAlchemy's work per row took longer than the database's), in key
    order, so that consecutive rows land on the same index pages.
    """
    if not links:
        return
    sql, order = _link_insert(conn.dialect)
    rows = sorted((link.first, link.second, link.score, _reasons_json(link.reasons)) for link in links)
    if order is None:
        params: list[Any] = [dict(zip(_LINK_COLUMNS, row)) for row in rows]
    elif order == _LINK_COLUMNS:
        params = rows
    else:
        positions = [_LINK_COLUMNS.index(name) for name in order]
        params = [tuple(row[p] for p in positions) for row in rows]
    # Each link lands on a page of both indexes of the table and looks its two claims
    # up: with SQLite's small default cache, most of those pages were read and written
    # several times a transaction.
    with _dialect(conn).page_cache(conn, LINKS_CACHE_MB):
        conn.exec_driver_sql(sql, params)


# The page cache while links are stored, in megabytes.
LINKS_CACHE_MB = 16

_LINK_COLUMNS = tuple(column.name for column in schema.FIGURE_LINKS.columns)

# Links of a part share a few sets of reasons.
_reasons_json = functools.lru_cache(maxsize=4096)(schema.FIGURE_LINKS.column("reasons").codec.write)


@functools.lru_cache(maxsize=4)
def _link_insert(dialect: sa.Dialect) -> tuple[str, tuple[str, ...] | None]:
    """The dialect's insert of a figure link that skips one stored already, as SQL for
    the driver, with the order of its parameters (None when they are named)."""
    statement = for_name(dialect.name).insert_ignoring_duplicates(figure_links)
    compiled = statement.compile(dialect=dialect, column_keys=list(_LINK_COLUMNS))
    return str(compiled), tuple(compiled.positiontup) if compiled.positional else None


def replace_figure_groups(conn: sa.Connection, scope: Iterable[str], groups: Sequence[FigureGroup]) -> None:
    """Replace every group holding a claim in ``scope`` with ``groups``, each stored
    under its key."""
    scope = sorted(set(scope))
    stale_groups = {
        row[0]
        for chunk in reads.chunks(scope)
        for row in text_rows(
            conn, f"SELECT group_id FROM figure_group_members WHERE claim_id IN ({reads.marks(chunk)})",
            reads.params_of(chunk),
        )
    }
    _delete_where_in(conn, figure_groups.c.id, sorted(stale_groups))
    # Groups whose every member was deleted with its article.
    conn.execute(figure_groups.delete().where(figure_groups.c.id.not_in(sa.select(figure_group_members.c.group_id))))
    heads, members = [], []
    for group in groups:
        ids = [c.id for c in group.figures]
        key = group_key(ids)
        heads.append(records.to_row(schema.FIGURE_GROUPS, group, id=key, size=len(ids)))
        members += [{"claim_id": claim_id, "group_id": key, "position": n} for n, claim_id in enumerate(ids)]
    if heads:
        conn.execute(figure_groups.insert(), heads)
        conn.execute(figure_group_members.insert(), members)


def refresh_statistics(conn: sa.Connection) -> None:
    _dialect(conn).refresh_statistics(conn)


def _replace_rows(conn: sa.Connection, table: sa.Table, rows: Sequence[dict[str, Any]]) -> None:
    conn.execute(sa.delete(table))
    if rows:
        conn.execute(sa.insert(table), list(rows))


def _delete_where_in(conn: sa.Connection, column: sa.Column[Any], values: Sequence[Any]) -> None:
    for start in range(0, len(values), CHUNK):
        conn.execute(sa.delete(column.table).where(column.in_(values[start : start + CHUNK])))
