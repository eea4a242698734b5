"""What the linking layer asks of a store: a few reads and writes, as protocols.

The linking layer imports no store module. `claimtrack.store.Store` answers
`GroupSource` and `QuoteSource` with its queries; the tables it derives from the
claims (`Store.derived`, see `claimtrack.store.derived`) answer `FigureGraph` and
`SpeakerIdentities`. Anything else with these methods will do, a test's fake say.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator, Sequence
from typing import Protocol

from claimtrack.models import Appearance, Claim, ClaimFilter, FigureGroup, FigureLink, GroupFilter, SpeakerName


class FigureSource(Protocol):
    """Figure claims to compare, with what their articles name."""

    def claims_by_id(self, claim_ids: Iterable[str]) -> list[Claim]:
        """The claims with these ids that exist."""

    def article_topics(self, article_ids: Iterable[str] | None = None) -> dict[str, tuple[str, ...]]:
        """What each article names (`Article.topics`), by id."""

    def figure_claims(
        self,
        categories: Iterable[str] | None = None,
        between: tuple[dt.date, dt.date] | None = None,
        *,
        dated: bool = True,
        undated: bool = True,
    ) -> list[Claim]:
        """Figure claims of ``categories`` (all when None): those with a day (see
        `figure_day`) within ``between`` (any day when None) unless ``dated`` is False,
        and those with no day at all unless ``undated`` is False."""


class FigureGraph(FigureSource, Protocol):
    """The stored links between figures and the groups they form, with the reads that
    keep them up to date a part at a time (see `claimtrack.linking.groups`)."""

    def figure_days(self, claim_ids: Iterable[str] | None = None) -> dict[str, dt.date | None]:
        """The day each figure claim was true (`figure_day`), by id: of ``claim_ids``,
        or of every figure."""

    def figure_ids_between(self, between: tuple[dt.date, dt.date]) -> list[str]:
        """The ids of the figures true within ``between``, and of those with no day."""

    def figure_day_span(self) -> tuple[dt.date, dt.date] | None:
        """The first and last day of the dated figures."""

    def figures_to_regroup(self, claim_ids: Iterable[str] | None = None) -> set[str]:
        """Of ``claim_ids`` (all when None), those with a link or in a group; and the
        members of groups that lost a member since they were built."""

    def figure_neighbours(self, claim_ids: Iterable[str]) -> set[str]:
        """The claims linked to any of ``claim_ids``, or in a group with one of them."""

    def figure_link_scores(self, claim_ids: Iterable[str]) -> Iterator[tuple[float, str, str]]:
        """``(score, first, second)`` of every link between two of ``claim_ids``, read
        as they are asked for."""

    def figure_link_reasons(self, pairs: Iterable[tuple[str, str]]) -> dict[tuple[str, str], tuple[str, ...]]:
        """The reasons of the links ``(first, second)`` among ``pairs`` that are stored."""

    def clear_figure_groups(self) -> None:
        """Forget every link and group, before building them all again."""

    def add_figure_links(self, links: Sequence[FigureLink]) -> None:
        """Store ``links``; a link stored already stays as it is."""

    def replace_figure_groups(self, scope: Iterable[str], groups: Sequence[FigureGroup]) -> None:
        """Replace every group holding a claim in ``scope`` with ``groups``."""

    def mark_figure_groups_fresh(self) -> None:
        """Record that every stored figure has been linked and grouped."""


class SpeakerIdentities(Protocol):
    """Speaker names as articles resolved them, and the identity each belongs to."""

    def speaker_names(self) -> list[SpeakerName]:
        """Every speaker name, with its most frequent kind, claims and roles."""

    def replace_identities(self, canonical: dict[str, str]) -> None:
        """Record the canonical name of every speaker name's identity (and what
        depends on it: the speakers' summaries)."""


class DerivedData(FigureGraph, SpeakerIdentities, Protocol):
    """Everything `claimtrack.linking.refresh.refresh_linked` keeps up to date."""


class GroupSource(FigureSource, Protocol):
    """What listing figure groups reads: the stored groups, or the figures while the
    groups are being rebuilt."""

    def figure_groups_stale(self) -> bool:
        """True when figures were saved after the groups were last built."""

    def figure_groups(self, query: GroupFilter | None = None) -> list[FigureGroup]:
        """The stored groups ``query`` asks for."""

    def appearances(self, article_ids: Iterable[str]) -> dict[str, tuple[Appearance, ...]]:
        """Every appearance of each article in ``article_ids``, the primary first."""


class QuoteSource(Protocol):
    """What comparing quotations reads."""

    def claims(self, query: ClaimFilter) -> list[Claim]:
        """The claims ``query`` asks for."""
