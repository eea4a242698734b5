"""The tables the store derives from its claims (speaker identities and summaries,
figure links and groups), as the linking layer reads and writes them: the store's side
of `claimtrack.linking.ports.FigureGraph` and `SpeakerIdentities`.

Obtain them as `Store.derived`. Nothing else reads them this way: the commands read
the derived tables through `Store`'s queries.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator, Sequence

from claimtrack.models import Claim, FigureGroup, FigureLink, SpeakerName
from claimtrack.store import reads
from claimtrack.store.connection import Database


class DerivedTables:
    """Each method is one read snapshot or one write transaction, as in `Store`."""

    def __init__(self, database: Database) -> None:
        self._db = database

    # --- figures to compare --------------------------------------------------------------

    def claims_by_id(self, claim_ids: Iterable[str]) -> list[Claim]:
        with self._db.reading("read") as run:
            return reads.claims_by_id(run, claim_ids)

    def article_topics(self, article_ids: Iterable[str] | None = None) -> dict[str, tuple[str, ...]]:
        with self._db.reading("read") as run:
            return reads.article_topics(run, article_ids)

    def figure_claims(
        self,
        categories: Iterable[str] | None = None,
        between: tuple[dt.date, dt.date] | None = None,
        *,
        dated: bool = True,
        undated: bool = True,
    ) -> list[Claim]:
        with self._db.reading("read") as run:
            return reads.figure_claims(run, categories, between, dated=dated, undated=undated)

    def figure_days(self, claim_ids: Iterable[str] | None = None) -> dict[str, dt.date | None]:
        with self._db.reading("read") as run:
            return reads.figure_days(run, claim_ids)

    def figure_ids_between(self, between: tuple[dt.date, dt.date]) -> list[str]:
        with self._db.reading("read") as run:
            return reads.figure_ids_between(run, between)

    def figure_day_span(self) -> tuple[dt.date, dt.date] | None:
        with self._db.reading("read") as run:
            return reads.figure_day_span(run)

    # --- the graph of links and its groups ----------------------------------------------------

    def figures_to_regroup(self, claim_ids: Iterable[str] | None = None) -> set[str]:
        with self._db.reading("read") as run:
            # Groups that lost a member: its article was extracted again and the figure changed.
            return reads.linked_figures(run, claim_ids) | reads.broken_figure_groups(run)

    def figure_neighbours(self, claim_ids: Iterable[str]) -> set[str]:
        claim_ids = set(claim_ids)
        with self._db.reading("read") as run:
            return reads.figure_neighbours(run, claim_ids) | reads.figure_group_members(run, claim_ids)

    def figure_link_scores(self, claim_ids: Iterable[str]) -> Iterator[tuple[float, str, str]]:
        # Read a chunk at a time as they are asked for, so that a caller can keep them in
        # a smaller form: a part of the graph can hold hundreds of thousands of links.
        wanted = set(claim_ids)
        for chunk in reads.chunks(sorted(wanted)):
            with self._db.reading("read") as run:
                scores = reads.figure_link_scores(run, chunk, wanted)
            yield from scores

    def figure_link_reasons(self, pairs: Iterable[tuple[str, str]]) -> dict[tuple[str, str], tuple[str, ...]]:
        with self._db.reading("read") as run:
            return reads.figure_link_reasons(run, pairs)

    def clear_figure_groups(self) -> None:
        from claimtrack.store import writes

        with self._db.writing("clear the figure groups of") as conn:
            writes.clear_figure_groups(conn)

    def add_figure_links(self, links: Sequence[FigureLink]) -> None:
        from claimtrack.store import writes

        with self._db.writing("save figure links in") as conn:
            writes.add_figure_links(conn, links)

    def replace_figure_groups(self, scope: Iterable[str], groups: Sequence[FigureGroup]) -> None:
        from claimtrack.store import writes

        with self._db.writing("save figure groups in") as conn:
            writes.replace_figure_groups(conn, scope, groups)

    def mark_figure_groups_fresh(self) -> None:
        from claimtrack.store import writes

        with self._db.writing("update") as conn:
            writes.mark_stale(conn, ["figure_groups"], stale=False)

    # --- speakers -------------------------------------------------------------------------

    def speaker_names(self) -> list[SpeakerName]:
        with self._db.reading("read") as run:
            return reads.speaker_names(run)

    def replace_identities(self, canonical: dict[str, str]) -> None:
        """Also rebuilds the speaker summaries, in the same transaction."""
        from claimtrack.store import writes

        with self._db.writing("update speaker identities in") as conn:
            writes.replace_identities(conn, canonical)
