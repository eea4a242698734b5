"""The figure groups of a whole store: kept up to date as articles arrive, and read
for `diff`.

`refresh_groups` links new figures to those stored before and clusters the parts of
the graph of links that changed, reading and writing through the few methods of
`claimtrack.linking.ports.FigureGraph`. `figure_groups` answers `diff`: the stored
groups, or, while they are being rebuilt, groups computed from the figures.
"""

from __future__ import annotations

import datetime as dt
import gc
from collections.abc import Collection, Iterable, Iterator
from contextlib import contextmanager
from itertools import islice

from claimtrack.linking.figures import (
    WINDOW_DAYS,
    Report,
    Topics,
    cluster_reports,
    comparable,
    group_figures,
    iter_links,
    light_reports,
    links_between,
)
from claimtrack.linking.ports import FigureGraph, FigureSource, GroupSource
from claimtrack.models import FigureGroup, FigureLink, GroupFilter


# New figures are linked this many days of them at a time (see `refresh_groups`),
# and groups are written after clustering about this many claims.
SLICE_DAYS = 92
GROUPS_BATCH = 2000
# Links are stored as they are found, this many at a time: a store's rebuild can
# find a million, and each transaction rewrites the index pages its links land on.
LINKS_BATCH = 100_000
# Figures are read from the store this many at a time.
READ_BATCH = 1000


def figure_groups(source: GroupSource, query: GroupFilter | None = None) -> list[FigureGroup]:
    """The groups ``query`` asks for in a store: read from the groups extract keeps up
    to date, or computed from the figures (`group_figures`) when extract has not
    finished rebuilding them. By default, the groups whose reports disagree."""
    query = query or GroupFilter()
    if not source.figure_groups_stale():
        return source.figure_groups(query)
    claims = source.figure_claims([query.category] if query.category else None)
    articles = {c.article.id for c in claims}
    return group_figures(claims, query, topics=source.article_topics(articles), appearances=source.appearances(articles))


def refresh_groups(graph: FigureGraph, new_ids: Collection[str], *, rebuild: bool = False) -> None:
    """Bring the store's links and groups up to date after the claims ``new_ids`` were
    saved; ``rebuild`` recomputes everything (after an interrupted run, or when
    the store was created by an older claimtrack).

    Memory stays bounded whatever the store holds. New figures are linked a slice
    of SLICE_DAYS at a time, against the figures within WINDOW_DAYS of the slice.
    Groups are the complete-linkage clusters of the graph of links, and each lies
    within one connected part of it; so only the parts that new figures touch, or
    that lost a member, are clustered again, one part at a time.
    """
    with _no_cycle_collection():
        _refresh_groups(graph, new_ids, rebuild=rebuild)


@contextmanager
def _no_cycle_collection() -> Iterator[None]:
    """Python's cycle collector paused, and run once at the end.

    Linking and grouping a store's figures makes millions of small objects (reports,
    links, rows) and holds tens of thousands at once, none of them in reference
    cycles: the collector's passes over them took a large part of the rebuild.
    """
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()
        gc.collect()


def _refresh_groups(graph: FigureGraph, new_ids: Collection[str], *, rebuild: bool) -> None:
    if rebuild:
        graph.clear_figure_groups()
    days = graph.figure_days(None if rebuild else new_ids)
    dated = sorted((day, claim_id) for claim_id, day in days.items() if day is not None)
    done: set[str] = set()
    # The reports of the last window read: the next window holds most of them again.
    read: dict[str, Report] = {}
    for low, high, ids in _slices(dated):
        new_ids = set(ids)
        window = (low - dt.timedelta(days=WINDOW_DAYS), high + dt.timedelta(days=WINDOW_DAYS))
        # The slice's own figures are read with the others of the window, once (a long
        # text can give tens of thousands); new figures of earlier slices already met
        # every figure of this one. Figures of a category none of the new ones has
        # meet none of them, whether they are read or not.
        _store_links(graph, links_between(*_slice_reports(graph, window, new_ids, done, read)))
        done.update(ids)
    undated = [c for c in graph.claims_by_id(k for k, day in days.items() if day is None) if comparable(c)]
    if undated:
        # A figure with no date may be from any day: it meets every figure, a span at a time.
        categories = {c.figure.category for c in undated}
        pools = [graph.figure_claims(categories, dated=False)]
        pools += (graph.figure_claims(categories, span, undated=False) for span in _spans(graph))
        for pool in pools:
            topics = graph.article_topics({c.article.id for c in [*pool, *undated]})
            _store_links(graph, iter_links(undated, pool, topics))
    seeds = graph.figures_to_regroup(None if rebuild else days)
    scope: set[str] = set()
    groups: list[FigureGroup] = []
    while seeds:
        part = _connected(graph, {seeds.pop()})
        seeds -= part
        groups += cluster_reports(
            _read_reports(graph, part), lambda: graph.figure_link_scores(part), graph.figure_link_reasons,
            graph.claims_by_id,
        )
        scope |= part
        if len(scope) >= GROUPS_BATCH or not seeds:
            graph.replace_figure_groups(scope, groups)
            scope, groups = set(), []
    graph.mark_figure_groups_fresh()


def _read_reports(source: FigureSource, claim_ids: Iterable[str]) -> list[Report]:
    """`light_reports` of the stored claims ``claim_ids``, read a few thousand at a
    time: a part or a window may hold tens of thousands of figures."""
    ids = sorted(set(claim_ids))
    shared: dict[str, Topics] = {}
    reports: list[Report] = []
    for start in range(0, len(ids), READ_BATCH):
        claims = source.claims_by_id(ids[start : start + READ_BATCH])
        topics = source.article_topics({c.article.id for c in claims} - shared.keys())
        reports += light_reports(claims, topics, shared)
    reports.sort(key=lambda r: r.id)
    return reports


def _slice_reports(
    graph: FigureGraph,
    window: tuple[dt.date, dt.date],
    new_ids: set[str],
    done: set[str],
    read: dict[str, Report],
) -> tuple[list[Report], list[Report]]:
    """Reports of a slice's new figures, and of the other figures of its window that
    they are to meet (see `refresh_groups`), without their claims. New figures of
    earlier slices (``done``) already met every figure of this one. Figures of a
    category none of the new ones has meet none of them, whether they are read or not.

    ``read`` holds the reports of the previous window, and is left holding this
    one's: windows overlap, and a figure is read from the store once.
    """
    # The slice's figures are all in its window; adding them costs nothing.
    wanted = (set(graph.figure_ids_between(window)) - done) | new_ids
    kept = [read[claim_id] for claim_id in wanted if claim_id in read]
    reports = sorted(kept + _read_reports(graph, wanted - read.keys()), key=lambda r: r.id)
    read.clear()
    read.update((r.id, r) for r in reports)
    new = [r for r in reports if r.id in new_ids]
    pool = [r for r in reports if r.id not in new_ids]
    return new, pool


def _store_links(graph: FigureGraph, links: Iterator[FigureLink]) -> None:
    while batch := list(islice(links, LINKS_BATCH)):
        graph.add_figure_links(batch)


def _slices(dated: list[tuple[dt.date, str]]) -> Iterator[tuple[dt.date, dt.date, list[str]]]:
    """Runs of (first day, last day, claim ids) covering at most SLICE_DAYS each."""
    start = 0
    while start < len(dated):
        first = dated[start][0]
        end = start
        while end < len(dated) and (dated[end][0] - first).days < SLICE_DAYS:
            end += 1
        yield first, dated[end - 1][0], [claim_id for _, claim_id in dated[start:end]]
        start = end


def _spans(graph: FigureGraph) -> Iterator[tuple[dt.date, dt.date]]:
    """The dated figures' days, in spans of a few slices."""
    span = graph.figure_day_span()
    if span is None:
        return
    low, high = span
    step = dt.timedelta(days=SLICE_DAYS * 4)
    while low <= high:
        yield low, min(high, low + step)
        low += step + dt.timedelta(days=1)


def _connected(graph: FigureGraph, seeds: set[str]) -> set[str]:
    """Every claim linked to ``seeds``, directly or not, with the members of any
    group one of them was in."""
    found = set(seeds)
    frontier = set(seeds)
    while frontier:
        frontier = graph.figure_neighbours(frontier) - found
        found |= frontier
    return found
