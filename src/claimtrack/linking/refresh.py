"""Bringing what the store derives from its claims up to date after new claims came in."""

from __future__ import annotations

from collections.abc import Collection

from claimtrack.linking import groups
from claimtrack.linking.identity import identities
from claimtrack.linking.ports import DerivedData


def refresh_linked(tables: DerivedData, new_figures: Collection[str], *, rebuild_groups: bool = False) -> None:
    """Rebuild speaker identities (and the summaries that depend on them), and link and
    group the figures ``new_figures`` with those stored before (all of them again with
    ``rebuild_groups``; see `claimtrack.linking.groups.refresh_groups`)."""
    tables.replace_identities(identities(tables.speaker_names()))
    groups.refresh_groups(tables, new_figures, rebuild=rebuild_groups)
