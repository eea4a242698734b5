"""The figure-group rebuild's shortcuts: each must leave the links and groups exactly
what they were without it. Every figure here is invented (tests/figure_world.py)."""

from __future__ import annotations

import gc
import itertools
from collections import Counter

import pytest
import sqlalchemy as sa
from figure_world import invented_figures
from test_stored_groups import as_articles, expected, shape

from claimtrack.linking import groups
from claimtrack.linking.figures import KEEP_THRESHOLD, LINK_THRESHOLD, _compare, light_reports, link_figures
from claimtrack.models import GroupFilter
from claimtrack.store import Store, records, schema, writes


def linked(score: float | None, threshold: float) -> bool:
    return score is not None and score >= threshold


@pytest.mark.parametrize("measures", [False, True], ids=["stored-before-measures", "with-measures"])
@pytest.mark.parametrize("seed", range(3))
def test_a_comparison_given_up_early_decides_every_pair_as_the_whole_comparison(seed, measures):
    claims, topics = invented_figures(seed, 80, measures=measures)
    reports = light_reports(claims, topics)
    given_up = 0
    for a, b in itertools.combinations(reports, 2):
        whole, reasons = _compare(a, b)
        assert _compare(a, b, explain=False)[0] == whole  # the score does not wait for the reasons
        for threshold in (LINK_THRESHOLD, KEEP_THRESHOLD):
            quick, quick_reasons = _compare(a, b, explain=False, at_least=threshold)
            assert linked(quick, threshold) == linked(whole, threshold), (a.id, b.id, threshold)
            if linked(whole, threshold):
                assert quick == whole
            assert quick_reasons == []
            given_up += quick != whole
    assert given_up > 0  # the shortcut is taken, not only harmless


@pytest.fixture
def store(tmp_path):
    with Store.open(str(tmp_path / "rebuild.db"), create=True) as opened:
        yield opened


def saved(store: Store, seed: int = 1):
    claims, topics = invented_figures(seed, 120, measures=True)
    for art, items in as_articles(claims, topics).items():
        store.save(art, items)
    return claims, topics


def test_each_figure_is_read_once_while_linking_however_many_windows_hold_it(store, monkeypatch):
    claims, topics = saved(store)
    derived = store.derived
    reads: Counter[str] = Counter()
    linking = []
    read_claims = derived.claims_by_id

    def counted(ids):
        ids = list(ids)
        if linking:
            reads.update(ids)
        return read_claims(ids)

    monkeypatch.setattr(derived, "claims_by_id", counted)
    windows = []
    slice_reports = groups._slice_reports

    def window_reports(*args):
        windows.append(args[1])
        linking.append(True)
        try:
            return slice_reports(*args)
        finally:
            linking.pop()

    monkeypatch.setattr(groups, "_slice_reports", window_reports)
    groups.refresh_groups(derived, [], rebuild=True)

    assert len(windows) >= 2  # figures over 240 days: windows that overlap
    # Every figure is read in some window (an undated one is in every window), and in one only.
    assert set(reads) == set(derived.figure_days(None))
    assert max(reads.values()) == 1
    assert shape(store.figure_groups(GroupFilter(include_consistent=True))) == expected(claims, topics)


def test_the_collector_is_paused_while_linking_and_left_as_it_was(store, monkeypatch):
    saved(store)
    derived = store.derived
    seen = []
    scores = derived.figure_link_scores
    monkeypatch.setattr(derived, "figure_link_scores", lambda ids: seen.append(gc.isenabled()) or scores(ids))
    assert gc.isenabled()
    groups.refresh_groups(derived, [], rebuild=True)
    assert seen and not any(seen)
    assert gc.isenabled()

    gc.disable()
    try:
        groups.refresh_groups(derived, [], rebuild=True)
        assert not gc.isenabled()  # a caller that paused it keeps it paused
    finally:
        gc.enable()


def test_links_are_stored_once_with_their_scores_and_reasons_and_the_cache_given_back(store, tmp_path):
    claims, topics = invented_figures(2, 60, measures=True)
    for art, items in as_articles(claims, topics).items():
        store.save(art, items)
    links = link_figures(claims, topics=topics)
    assert len(links) > 10
    engine = sa.create_engine(f"sqlite:///{tmp_path / 'rebuild.db'}")
    try:
        with engine.begin() as conn:
            conn.exec_driver_sql("DELETE FROM figure_links")
            cache = conn.exec_driver_sql("PRAGMA cache_size").scalar()
            writes.add_figure_links(conn, list(reversed(links)))
            writes.add_figure_links(conn, links[:5])  # stored already: skipped
            assert conn.exec_driver_sql("PRAGMA cache_size").scalar() == cache
            rows = conn.exec_driver_sql("SELECT first, second, score, reasons FROM figure_links").all()
    finally:
        engine.dispose()
    expected_rows = sorted(
        (link.first, link.second, link.score, records.to_row(schema.FIGURE_LINKS, link)["reasons"])
        for link in links
    )
    assert sorted(rows) == expected_rows


def test_a_long_texts_claims_wait_for_the_store_in_little_memory():
    """The claims of a long text wait, window by window, until the whole text is
    extracted: 80,000 claims of a 4 MB text took 33 MB pickled, 260 MB as records."""
    import datetime as dt

    from figure_world import article, claim, fig

    from claimtrack.ingest import articles as ingest

    places = ("Eastvale", "Lindport", "Northmarch", "Ashford", "Brinmoor", "Caldera")
    info = article("archive wire", dt.date(2022, 2, 1))
    claims = [
        claim(
            info, f"{n + 40} people",
            fig("at_least", n + 40, unit="people", category="casualties", place=f"in {places[n % 6]}", verb="hurt"),
            sentence=f"At least {n + 40} people were hurt in {places[n % 6]}, the regional hospital said.",
            start=n * 120, speaker="regional hospital",
        )
        for n in range(2000)
    ]
    kept = ingest.CompactClaims()
    for start in range(0, len(claims), 500):
        kept.extend(claims[start : start + 500])
    assert list(kept) == claims and len(kept) == 2000 and kept[1999] == claims[-1]
    held = sum(len(part) for part in kept._parts)
    assert held / len(claims) < 80  # bytes a claim; pickled, some 400
