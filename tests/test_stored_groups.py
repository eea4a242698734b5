"""Figure groups kept in the store: built run by run, they must be the groups that
`group_figures` finds over all the figures at once."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

import pytest
from figure_world import article, claim, fig, invented_figures

from claimtrack.linking import groups
from claimtrack.linking.figures import group_figures
from claimtrack.models import Article, Claim, GroupFilter
from claimtrack.store import Store


def as_articles(claims: list[Claim], topics: dict[str, tuple[str, ...]]) -> dict[Article, list[Claim]]:
    by_article: dict[str, list[Claim]] = defaultdict(list)
    for c in claims:
        by_article[c.article.id].append(c)
    return {
        Article(**items[0].article.model_dump(), text="Invented body.", topics=topics[article_id]): items
        for article_id, items in sorted(by_article.items())
    }


def shape(found):
    return [(sorted(c.id for c in g.figures), g.verdict, g.label, g.sources) for g in found]


def expected(claims, topics):
    return shape(group_figures(claims, GroupFilter(include_consistent=True), topics=topics))


def save_run(store: Store, batch: dict[Article, list[Claim]]) -> None:
    """What one extract run does: save, then link and group what it added."""
    rebuild = store.figure_groups_stale()
    for art, items in batch.items():
        store.save(art, items)
    groups.refresh_groups(store.derived, {c.id for items in batch.values() for c in items}, rebuild=rebuild)


@pytest.fixture
def store(tmp_path):
    with Store.open(str(tmp_path / "groups.db"), create=True) as opened:
        yield opened


@pytest.mark.parametrize("measures", [False, True], ids=["stored-before-measures", "with-measures"])
@pytest.mark.parametrize("seed", range(4))
def test_groups_built_run_by_run_are_the_groups_of_all_figures(store, seed, measures):
    claims, topics = invented_figures(seed, 80, measures=measures)
    articles = list(as_articles(claims, topics).items())
    for part in (articles[:10], articles[10:25], articles[25:]):
        save_run(store, dict(part))
        assert not store.figure_groups_stale()

    found = store.figure_groups(GroupFilter(include_consistent=True))
    assert shape(found) == expected(claims, topics)
    assert len(found) >= 3


def test_an_article_extracted_again_with_other_figures_regroups_its_neighbours(store):
    claims, topics = invented_figures(11, 80)
    articles = as_articles(claims, topics)
    save_run(store, articles)
    grouped = {c.id for g in store.figure_groups(GroupFilter(include_consistent=True)) for c in g.figures}
    # An article whose figures are in groups comes back with one figure changed.
    art, items = next((a, i) for a, i in articles.items() if any(c.id in grouped for c in i))
    changed = [claim(art.info(), "9 changed", fig("exact", 9, unit="tanks", category="equipment"), start=999)]
    changed += [c for c in items if c.id not in grouped]
    save_run(store, {art: changed})

    now = [c for c in claims if c.article.id != art.id] + changed
    assert shape(store.figure_groups(GroupFilter(include_consistent=True))) == expected(now, topics)


def test_a_run_stopped_before_grouping_is_caught_up_by_the_next(store):
    claims, topics = invented_figures(5, 60)
    articles = list(as_articles(claims, topics).items())
    for art, items in articles[:12]:
        store.save(art, items)  # the run stopped here: nothing was linked
    assert store.figure_groups_stale()
    # Meanwhile diff works from the figures themselves.
    assert shape(groups.figure_groups(store, GroupFilter(include_consistent=True))) == expected(
        [c for _, items in articles[:12] for c in items], topics
    )

    save_run(store, dict(articles[12:]))
    assert shape(store.figure_groups(GroupFilter(include_consistent=True))) == expected(claims, topics)


def test_stored_groups_are_filtered_like_computed_ones(store):
    claims, topics = invented_figures(2, 80)
    save_run(store, as_articles(claims, topics))
    source = claims[0].article.source
    for options in (
        {},
        {"include_consistent": True},
        {"category": "casualties", "include_consistent": True},
        {"min_sources": 3, "include_consistent": True},
        {"source": source.lower(), "include_consistent": True},
    ):
        query = GroupFilter(**options)
        computed = group_figures(claims, query, topics=topics)
        assert shape(groups.figure_groups(store, query)) == shape(computed), options
        assert store.figure_group_count(query) == len(computed)
    query = GroupFilter(include_consistent=True, limit=2)
    assert shape(groups.figure_groups(store, query)) == expected(claims, topics)[:2]


def test_undated_and_dated_figures_meet_only_through_what_they_share(store):
    undated, dated = article("quiet wire"), article("loud wire", dt.date(2023, 5, 1))
    same = fig("exact", 40000, unit="troops", category="troops", owner="Norvania", place="near the border")
    claims = [claim(undated, "40,000 troops", same), claim(dated, "40,000 troops", same)]
    topics = {undated.id: ("Norvania",), dated.id: ("Norvania",)}
    save_run(store, as_articles(claims, topics))
    [group] = store.figure_groups(GroupFilter(include_consistent=True))
    assert {c.id for c in group.figures} == {c.id for c in claims}
