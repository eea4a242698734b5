"""`Store`: the claim store as the rest of claimtrack sees it.

Callers see records and errors.py exceptions only. Each method is one read snapshot
(`claimtrack.store.reads`) or one write transaction (`claimtrack.store.writes`) on the
store's `Database` (`claimtrack.store.connection`).

Derived tables (speaker summaries, figure links and groups) make the queries that
would otherwise read every claim answer from a few rows. Every write marks them
stale; extract rebuilds them afterwards (`claimtrack.linking.refresh`, through
`Store.derived`), and until then reads fall back to computing the answer from the
claims.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, Literal

from claimtrack.errors import InvalidFilter
from claimtrack.models import (
    Appearance,
    Article,
    ArticleInfo,
    ArticleListing,
    Claim,
    ClaimFilter,
    FigureGroup,
    GroupFilter,
    SpeakerSummary,
)
from claimtrack.store import reads
from claimtrack.store.connection import Database

if TYPE_CHECKING:
    from claimtrack.store.derived import DerivedTables

AppearanceChange = Literal["new", "updated", "unchanged", "missing"]


class Store:
    """A claim store on one database; obtain one with `Store.open`."""

    def __init__(self, database: Database) -> None:
        self._db = database
        self._has_search_index: bool | None = None

    # --- opening ----------------------------------------------------------------

    @classmethod
    def open(cls, target: str, *, create: bool) -> Store:
        """Open (and migrate) the store at a file path or SQLAlchemy URL; see
        `Database.open`. ``create=False`` never turns a missing or empty database
        into a store."""
        return cls(Database.open(target, create=create))

    @property
    def location(self) -> str:
        """The store's file or URL, without its password."""
        return self._db.location

    @property
    def backup_path(self) -> Path | None:
        """Where the store was copied before an older schema was migrated, if it was."""
        return self._db.backup_path

    def close(self) -> None:
        self._db.close()

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
        return self._db.schema_version()

    @property
    def derived(self) -> DerivedTables:
        """The tables derived from the claims, as the linking layer reads and writes them
        (see `claimtrack.store.derived`)."""
        # Imported here: only extract runs read and write them this way.
        from claimtrack.store.derived import DerivedTables

        return DerivedTables(self._db)

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
        from claimtrack.store import writes

        items = list(items)
        for article, claims in items:
            strays = sorted({c.id for c in claims if c.article.id != article.id})
            if strays:
                raise ValueError(f"claims {strays} do not belong to article {article.id!r}")
        what = f"article {items[0][0].id!r}" if len(items) == 1 else f"{len(items)} articles"
        with self._db.writing(f"save {what} in") as conn:
            for article, claims in items:
                writes.save_article(conn, article, claims)

    def record_appearance(self, info: ArticleInfo) -> AppearanceChange:
        """Record that the stored article ``info.id`` also appeared as ``info`` says
        (another outlet, file or URL), or correct the date, title and authors of that
        appearance; the article's own metadata and claims stay as they are.

        Returns "new", "updated", "unchanged", or "missing" when the article is not
        stored. An unchanged appearance is recognised without writing.
        """
        from claimtrack.store import writes

        row = writes.appearance_row(info)
        with self._db.reading("read") as run:
            found = reads.appearance_details(run, row["id"])
        if found == tuple(row[name] for name in writes.APPEARANCE_DETAILS):
            return "unchanged"
        with self._db.writing(f"record an appearance of article {info.id!r} in") as conn:
            if not writes.has_article(conn, info.id):
                return "missing"
            return writes.record_appearance(conn, row)

    def refresh_statistics(self) -> None:
        """Update what the query planner knows of the tables, after large changes."""
        from claimtrack.store import writes

        with self._db.writing("update the statistics of") as conn:
            writes.refresh_statistics(conn)

    # --- reading: claims and articles ----------------------------------------------

    def claims(self, query: ClaimFilter) -> list[Claim]:
        if query.limit is not None and query.limit < 0:
            raise InvalidFilter(f"The limit must be zero or more, not {query.limit}.")
        full_text = self._full_text()  # before the snapshot: it may read on its own
        with self._db.reading("read") as run:
            return reads.claims(run, query, self._db.dialect, full_text=full_text)

    def claim(self, claim_id: str) -> Claim:
        """Find a claim by id or by a prefix, so people can type short ids like git's."""
        with self._db.reading("read") as run:
            return reads.claim(run, claim_id)

    def claims_by_id(self, claim_ids: Iterable[str]) -> list[Claim]:
        """The claims with these ids (those that exist), in listing order."""
        with self._db.reading("read") as run:
            return reads.claims_by_id(run, claim_ids)

    def figure_claims(
        self,
        categories: Iterable[str] | None = None,
        between: tuple[dt.date, dt.date] | None = None,
        *,
        dated: bool = True,
        undated: bool = True,
    ) -> list[Claim]:
        """Figure claims of ``categories`` (all when None): those with a day (see
        `models.figure_day`) within ``between`` (any day when None) unless ``dated`` is
        False, and those with no day at all unless ``undated`` is False."""
        with self._db.reading("read") as run:
            return reads.figure_claims(run, categories, between, dated=dated, undated=undated)

    def figure_ids_stored_since(self, moment: dt.datetime) -> set[str]:
        """Figure claims of the articles stored at ``moment`` (UTC) or later."""
        with self._db.reading("read") as run:
            return reads.figure_ids_stored_since(run, moment)

    def has_article(self, article_id: str) -> bool:
        with self._db.reading("read") as run:
            return reads.has_article(run, article_id)

    def article_info(self, article_id: str) -> ArticleInfo | None:
        """An article's stored metadata, without its text."""
        with self._db.reading("read") as run:
            return reads.article_info(run, article_id)

    def article(self, article_id: str) -> Article | None:
        with self._db.reading("read") as run:
            return reads.article(run, article_id)

    def article_topics(self, article_ids: Iterable[str] | None = None) -> dict[str, tuple[str, ...]]:
        """What each article names (see `Article.topics`), by article id: all
        articles, or those in ``article_ids``."""
        with self._db.reading("read") as run:
            return reads.article_topics(run, article_ids)

    def appearances(self, article_ids: Iterable[str]) -> dict[str, tuple[Appearance, ...]]:
        """Every appearance of each stored article in ``article_ids``, the primary first
        (the one the article's metadata comes from), then in the order first seen."""
        with self._db.reading("read") as run:
            return reads.appearances(run, article_ids)

    def article_listings(self, limit: int | None = None) -> list[ArticleListing]:
        """`articles`, each with every appearance of its text."""
        with self._db.reading("read") as run:
            return reads.article_listings(run, limit)

    def articles(self, limit: int | None = None) -> list[ArticleInfo]:
        with self._db.reading("read") as run:
            return reads.articles(run, limit)

    # --- reading: speakers -----------------------------------------------------------

    def speakers(self, limit: int | None = None) -> list[SpeakerSummary]:
        """One summary per identity, most claims first."""
        with self._db.reading("read") as run:
            return reads.speakers(run, limit)

    def speaker_count(self) -> int:
        with self._db.reading("read") as run:
            return reads.speaker_count(run)

    # --- reading: figure groups -------------------------------------------------------

    def stale_derived_tables(self) -> tuple[str, ...]:
        """The derived tables that claims were saved after (``figure_groups``,
        ``speaker_summaries``), in name order: each save marks them in its own
        transaction, and only a finished refresh clears them. Reads fall back to the
        claims meanwhile."""
        with self._db.reading("read") as run:
            return reads.stale_tables(run)

    def figure_groups_stale(self) -> bool:
        """True when figures were saved after the groups were last built."""
        with self._db.reading("read") as run:
            return reads.is_stale(run, "figure_groups")

    def figure_groups(self, query: GroupFilter | None = None) -> list[FigureGroup]:
        """The stored groups ``query`` asks for (by default those whose reports disagree),
        in `GROUP_ORDER`, as they were last built (see `figure_groups_stale`)."""
        with self._db.reading("read") as run:
            return reads.figure_groups(run, query or GroupFilter())

    def figure_group_count(self, query: GroupFilter | None = None) -> int:
        """How many stored groups ``query`` finds, whatever its limit."""
        with self._db.reading("read") as run:
            return reads.figure_group_count(run, query or GroupFilter())

    # --- helpers ----------------------------------------------------------------------

    def _full_text(self) -> bool:
        if self._has_search_index is None:
            with self._db.reading("read") as run:
                self._has_search_index = self._db.dialect.has_search_index(run)
        return self._has_search_index
