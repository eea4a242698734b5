"""Grouping figures across sources and the verdict over their intervals."""

import datetime as dt
import hashlib

import pytest

from claimtrack.linking.figures import LINK_THRESHOLD, compare_figures, group_figures, link_figures
from rich.console import Console

from claimtrack import render
from claimtrack.linking.intervals import interval, spread, verdict
from claimtrack.linking.quotes import compare_quotes
from claimtrack.models import ArticleInfo, Claim, Figure, FigureGroup, GroupFilter, Speaker
from figure_world import TOPICS, article, claim, fig, invented_figures

@pytest.mark.parametrize(
    ("figures", "expected"),
    [
        # The same number, however qualified.
        ([fig("exact", 8500), fig("exact", 8500)], "consistent"),
        ([fig("approx", 8500), fig("exact", 8500)], "consistent"),
        # Different numbers that can all hold at once.
        ([fig("more_than", 13000), fig("more_than", 14000)], "divergent"),
        ([fig("exact", 15000), fig("more_than", 13200), fig("more_than", 14000)], "divergent"),
        ([fig("range", low=5000, high=7000), fig("exact", 6000)], "divergent"),
        ([fig("at_most", 300), fig("exact", 250)], "divergent"),
        # At least one pair that cannot both be true.
        ([fig("vague", low=10000, high=99999), fig("more_than", 100000)], "contradictory"),
        ([fig("exact", 127000), fig("vague", low=10000, high=99999)], "contradictory"),
        ([fig("range", low=5000, high=7000), fig("range", low=8000, high=9000)], "contradictory"),
        ([fig("less_than", 40000), fig("approx", 60000)], "contradictory"),
        # Open bounds: "more than 13,000" excludes 13,000 itself; "at least" does not.
        ([fig("more_than", 13000), fig("exact", 13000)], "contradictory"),
        ([fig("at_least", 13000), fig("exact", 13000)], "consistent"),
        ([fig("nearly", 600), fig("exact", 600)], "contradictory"),
        ([fig("range", low=5000, high=7000), fig("exact", 7000)], "divergent"),
    ],
)
def test_verdict(figures, expected):
    assert verdict(figures) == expected


def test_interval_of_an_open_upper_bound():
    found = interval(fig("more_than", 100))
    assert (found.low, found.high, found.open_low) == (100, float("inf"), True)


def group(claims, topics=None):
    topics = topics or {c.article.id: TOPICS for c in claims}
    return group_figures(claims, GroupFilter(include_consistent=True), topics=topics)


def troops(value, qualifier="exact", **context):
    return fig(qualifier, value, unit="troops", category="troops", **context)


def test_the_same_quantity_in_other_words_is_grouped():
    north, south = article("north wire"), article("south daily")
    claims = [
        claim(north, "more than 40,000 troops", troops(40000, "more_than", owner="Norvanian", place="near the border with Estrava")),
        claim(south, "some 45,000 soldiers", fig("approx", 45000, unit="soldiers", category="troops", owner="Norvania", place="along the Estravan border")),
    ]
    [found] = group(claims)
    assert found.verdict == "divergent"
    assert {c.text for c in found.figures} == {c.text for c in claims}


@pytest.mark.parametrize(
    ("first", "second"),
    [
        # Different owners.
        (troops(8500, owner="US"), troops(8500, owner="Norvania")),
        # A planned force is not the troops present now.
        (troops(50000, owner="Norvania"), troops(50000, owner="Norvania", planned=True)),
        # Different periods.
        (fig("more_than", 9000, unit="lives", category="casualties", since="2014"), fig("more_than", 9000, unit="lives", category="casualties", since="2019")),
        # The dead are not the wounded.
        (fig("exact", 30, unit="people", category="casualties", verb="wound"), fig("exact", 30, unit="people", category="casualties", verb="kill")),
        # Different things counted in the same category.
        (fig("exact", 400, unit="tanks", category="equipment"), fig("exact", 400, unit="drones", category="equipment")),
        # Different categories.
        (troops(3000), fig("exact", 3000, unit="refugees", category="people")),
    ],
)
def test_different_quantities_in_similar_words_stay_apart(first, second):
    claims = [claim(article("north wire"), "a", first), claim(article("south daily"), "b", second)]
    assert group(claims) == []


def test_long_articles_about_one_story_are_compared_whatever_the_spelling():
    claims = [
        claim(article("north wire"), "12 million in aid", fig("exact", 12_000_000, unit="aid", category="money")),
        claim(article("south daily"), "12 million in aid", fig("exact", 12_000_000, unit="aid", category="money")),
    ]
    shared = ("Norvania", "Valdora", "Harbour Board")
    north = (*shared, "Olena Zavadskyy", "Norvania's defence ministry", *(f"Place {n}" for n in range(30)))
    south = (*shared, "Olena Zavadskiy", "Norvania’s Defense Ministry", *(f"Town {n}" for n in range(30)))
    topics = {claims[0].article.id: north, claims[1].article.id: south}
    [found] = group(claims, topics)
    assert len(found.figures) == 2


def test_articles_about_different_things_are_not_compared():
    claims = [
        claim(article("north wire"), "12 million in aid", fig("exact", 12_000_000, unit="aid", category="money")),
        claim(article("south daily"), "12 million in aid", fig("exact", 12_000_000, unit="aid", category="money")),
    ]
    topics = {claims[0].article.id: ("Norvania", "Relief Office"), claims[1].article.id: ("Valdora", "Harbour Board")}
    assert group(claims, topics) == []


def test_one_source_giving_two_numbers_in_an_article_gives_two_quantities():
    art = article("business wire")
    revenue = "Revenue was $2.1 billion, down from $2.9 billion a year earlier."
    claims = [
        claim(art, "$2.1 billion", fig("exact", 2_100_000_000, unit="USD", category="money"), sentence=revenue, start=12),
        claim(art, "$2.9 billion", fig("exact", 2_900_000_000, unit="USD", category="money"), sentence=revenue, start=40),
    ]
    assert group(claims) == []


def test_two_sources_in_one_article_are_two_reports():
    art = article("port news")
    sentence = "More than 2,300 workers have joined the strike, according to the union, while the port authority puts the number at about 1,800."
    claims = [
        claim(art, "More than 2,300 workers", fig("more_than", 2300, unit="workers", category="people"), speaker="union", sentence=sentence),
        claim(art, "about 1,800", fig("approx", 1800, unit="workers", category="people"), speaker="port authority", sentence=sentence, start=90),
    ]
    [found] = group(claims)
    assert found.verdict == "contradictory"


def test_consistent_groups_only_with_all():
    claims = [
        claim(article("north wire"), "8,500 troops", troops(8500, owner="US")),
        claim(article("south daily"), "about 8,500 troops", troops(8500, "approx", owner="US")),
    ]
    topics = {c.article.id: TOPICS for c in claims}
    assert group_figures(claims, topics=topics) == []
    [found] = group_figures(claims, GroupFilter(include_consistent=True), topics=topics)
    assert found.verdict == "consistent"
    assert found.label == "United States: troops"


def test_dates_that_differ_are_flagged():
    claims = [
        claim(article("north wire", dt.date(2024, 3, 1)), "40,000 troops", troops(40000, owner="Norvania")),
        claim(article("south daily", dt.date(2024, 3, 20)), "48,000 troops", troops(48000, owner="Norvania")),
    ]
    [found] = group(claims)
    assert found.dates_differ
    assert found.spread == pytest.approx(1.2)


@pytest.mark.parametrize(
    ("figures", "expected_spread", "unknown_because"),
    [
        ([troops(8500), troops(8500, "approx")], 1.0, None),
        ([troops(40000), troops(48000)], 1.2, None),
        # Both ends of a stated range are numbers someone gave.
        ([fig("range", low=5000, high=7000), troops(3000)], 7000 / 3000, None),
        # A ratio to zero says nothing: "0 troops" against "127,000" is no "1.00x".
        ([troops(0), troops(127000)], None, "a report gives zero"),
        ([troops(127000), troops(0), troops(120000)], None, "a report gives zero"),
        ([troops(0), troops(0)], None, "every report gives zero"),
        ([fig("vague", low=None, high=None), fig("vague", low=None, high=None)], None, "fewer than two reports give a number"),
        # "tens of thousands" gives no number: no midpoint makes a spread.
        ([fig("vague", low=10000, high=99999), troops(12000)], None, "fewer than two reports give a number"),
        # A report without a size leaves the others' spread as it is.
        ([troops(40000), fig("vague", low=None, high=None), troops(48000)], 1.2, None),
    ],
)
def test_spread_is_unknown_when_a_report_gives_zero(figures, expected_spread, unknown_because):
    found = FigureGroup(label="troops", category="troops", verdict=verdict(figures), spread=spread(figures), sources=2,
                        dates_differ=False, explanation=(),
                        figures=tuple(claim(article(f"wire {n}"), "troops", f) for n, f in enumerate(figures)))
    assert found.spread == (pytest.approx(expected_spread) if expected_spread is not None else None)
    assert found.spread_unknown == unknown_because
    assert found.model_dump(mode="json")["spread_unknown"] == unknown_because


def test_a_group_with_a_report_of_zero_says_its_spread_is_unknown():
    context = {"owner": "Norvania", "place": "near the border", "since": "2014"}
    claims = [
        claim(article("north wire"), "0 troops", troops(0, **context), sentence="Norvania has 0 troops near the border"),
        claim(article("south daily"), "127,000 troops", troops(127000, **context),
              sentence="Norvania has 127,000 troops near the border"),
    ]
    [found] = group(claims)
    assert (found.verdict, found.spread, found.spread_unknown) == ("contradictory", None, "a report gives zero")
    console = Console(width=200, record=True)
    console.print(render.figure_groups([found]))
    shown = console.export_text()
    # The table's heading column wraps; the heading itself is one line per part.
    assert "contradictory · spread unknown (a report gives zero) · 2 sources" in render.group_heading(found).plain
    assert "spread unknown" in shown and "1.00x" not in shown


def quote(art, speaker, text):
    return Claim(
        id=hashlib.sha1(f"{art.id}{text}".encode()).hexdigest()[:16], kind="quote", article=art, text=text,
        sentence=text, start=0, end=len(text), speaker=Speaker(name=speaker, mention=speaker, kind="person"),
    )


def test_the_same_quote_reported_differently_is_paired_with_its_changes():
    first = quote(article("north wire"), "Ana Ruiz", "The good news is that the advisers agreed to meet again in two weeks in Lisbon")
    second = quote(article("south daily"), "Ana Ruiz", "The good news is that the advisors agreed to meet again in Lisbon in two weeks")
    other = quote(article("east post"), "Ana Ruiz", "We will not accept any deal that leaves the harbour closed for the winter")
    [pair] = compare_quotes([first, second, other])
    assert pair.claims == (first, second)
    changed = [(c.first, c.second) for c in pair.changes if c.op != "equal"]
    assert ("advisers", "advisors") in changed


def test_quotes_of_different_speakers_are_not_paired():
    first = quote(article("north wire"), "Ana Ruiz", "The good news is that the advisers agreed to meet again in two weeks")
    second = quote(article("south daily"), "Omar Saleh", "The good news is that the advisers agreed to meet again in two weeks")
    assert compare_quotes([first, second]) == []


# --- links: only likely pairs are scored, and none that could link is missed --------------

@pytest.mark.parametrize("measures", [False, True], ids=["stored-before-measures", "with-measures"])
@pytest.mark.parametrize("seed", range(6))
def test_link_figures_scores_every_pair_that_could_link(seed, measures):
    claims, topics = invented_figures(seed, 70, measures=measures)
    everything = {
        tuple(sorted((a.id, b.id)))
        for i, a in enumerate(claims) for b in claims[i + 1:]
        if (compare_figures(a, b, topics=topics)[0] or 0) >= LINK_THRESHOLD
    }
    linked = link_figures(claims, topics=topics)
    assert {(k.first, k.second) for k in linked} == everything
    assert len(everything) > 10  # the world is small enough for links to form


@pytest.mark.parametrize("measures", [False, True], ids=["stored-before-measures", "with-measures"])
@pytest.mark.parametrize("seed", range(3))
def test_new_figures_link_to_the_pool_as_they_would_all_at_once(seed, measures):
    claims, topics = invented_figures(seed, 60, measures=measures)
    old, new = claims[:40], claims[40:]
    at_once = {(k.first, k.second) for k in link_figures(claims, topics=topics)}
    among_old = {(k.first, k.second) for k in link_figures(old, topics=topics)}
    added = {(k.first, k.second) for k in link_figures(new, old, topics=topics)}
    assert among_old | added == at_once
    assert not among_old & added


@pytest.mark.parametrize("seed", range(3))
def test_links_do_not_depend_on_the_order_claims_arrive_in(seed):
    """A database may return rows in any order; links (and so groups) must not change."""
    import random

    claims, topics = invented_figures(seed, 200)
    shuffled = claims[:]
    random.Random(seed).shuffle(shuffled)
    assert link_figures(shuffled[:120], shuffled[120:], topics=topics) == link_figures(
        sorted(shuffled[:120], key=lambda c: c.text), sorted(shuffled[120:], key=lambda c: c.id, reverse=True),
        topics=topics,
    )


def test_reports_months_apart_are_not_one_quantity():
    early, late = article("east wire", dt.date(2023, 1, 10)), article("west wire", dt.date(2023, 6, 1))
    same = troops(40000, owner="Norvania", place="near the border")
    claims = [claim(early, "40,000 troops", same), claim(late, "40,000 troops", same)]
    assert group(claims) == []
    moved = article("west wire", dt.date(2023, 2, 1))
    assert len(group([claims[0], claim(moved, "40,000 troops", same)])) == 1


# --- what a fact-checker groups: the same measure, and how its reports compare ------------


def measured(qualifier, value=None, measure="deaths", **context):
    """A figure of ``measure`` as extraction reads it now, with its coarse category."""
    from claimtrack.lexicon import category_of

    context.setdefault("category", category_of(measure, context.pop("military", False)))
    return fig(qualifier, value, measure=measure, **context)


MON, TUE, WED = dt.date(2024, 3, 4), dt.date(2024, 3, 5), dt.date(2024, 3, 6)


FERRY = "{} when the ferry capsized off Marlow Island, the coast guard said."


@pytest.mark.parametrize(
    ("first", "second"),
    [
        # A running total that rose over days is one quantity, whatever its sizes.
        ((MON, "at least 12 people", measured("at_least", 12, unit="people")), (WED, "27", measured("exact", 27, unit="toll"))),
        ((MON, "2,300 dead", measured("exact", 2300, unit="dead")), (WED, "11,300 deaths", measured("exact", 11300, unit="deaths"))),
        # A crowd counted very differently by two sources on one day.
        ((TUE, "500,000 marchers", measured("exact", 500000, "crowd", unit="marchers", place="in Valdor", as_of=TUE)),
         (TUE, "87,000", measured("exact", 87000, "crowd", place="in Valdor", as_of=TUE))),
        # One precise count, rounded by one outlet.
        ((TUE, "6,942,930 votes", measured("exact", 6942930, "votes", unit="votes")), (TUE, "about 6.94 million", measured("approx", 6940000, "votes"))),
        # "people" is any finer measure's count when the numbers agree.
        ((MON, "363 of them", measured("exact", 363, "people", unit="people")), (TUE, "363 miners", measured("exact", 363, "rescued", unit="miners"))),
        # Counted things that are kinds of one another.
        ((MON, "18 helicopters", measured("exact", 18, "equipment", unit="helicopters")), (TUE, "18 aircraft", measured("exact", 18, "equipment", unit="aircraft"))),
    ],
    ids=["rising-toll", "toll-five-times-higher", "crowd-police-and-organisers", "rounded-vote-count",
         "people-and-rescued", "helicopters-are-aircraft"],
)
def test_one_quantity_across_outlets_and_days(first, second):
    (day_a, text_a, fig_a), (day_b, text_b, fig_b) = first, second
    claims = [
        claim(article("north wire", day_a), text_a, fig_a, sentence=FERRY.format(f"There were {text_a}")),
        claim(article("south daily", day_b), text_b, fig_b, sentence=FERRY.format(f"The count reached {text_b}")),
    ]
    [found] = group(claims)
    assert {c.text for c in found.figures} == {text_a, text_b}


@pytest.mark.parametrize(
    ("first", "second"),
    [
        # Finer measures never meet: the dead are not the missing.
        (measured("exact", 300, "deaths"), measured("exact", 300, "missing")),
        # Two precise counts that differ are two quantities (two candidates' votes).
        (measured("exact", 7176141, "votes", unit="votes"), measured("exact", 6942930, "votes", unit="votes")),
        # "people" meets a finer measure only where the numbers agree.
        (measured("exact", 459, "people", unit="people"), measured("nearly", 300, "missing", unit="people")),
        # What was added is not the total.
        (measured("exact", 5, "cases", unit="cases"), measured("exact", 35, "cases", unit="cases")),
        # A year said of a figure: another disaster's toll.
        (measured("exact", 263, unit="workers", when="1992"), measured("exact", 245, unit="workers")),
        # A part of the total, where the other says nowhere.
        (measured("exact", 344, unit="deaths", place="In the Fraser region"), measured("exact", 486, unit="deaths")),
        # Named places that differ.
        (measured("exact", 40, unit="deaths", place="in Valdor"), measured("exact", 44, unit="deaths", place="in Norhaven")),
        # Bodies recovered are not the toll.
        (measured("exact", 16, unit="bodies"), measured("exact", 70, unit="toll")),
        # Marches on other days.
        (measured("exact", 400000, "crowd", unit="demonstrators", place="in Valdor", when="the first day"),
         measured("exact", 500000, "crowd", unit="demonstrators", place="in Valdor", as_of=TUE)),
        # Sums for different things.
        (measured("exact", 11_400_000, "money", unit="USD"), measured("approx", 10_000_000, "money", unit="USD")),
        # A baseline that would be, against the count that is.
        (measured("exact", 165, unit="deaths", planned=True), measured("exact", 233, unit="deaths")),
    ],
    ids=["deaths-missing", "two-vote-counts", "people-outside-the-range", "increment-and-total", "another-year",
         "part-of-the-total", "other-places", "bodies-and-toll", "other-day-of-march", "other-sums", "baseline"],
)
def test_different_quantities_of_one_story_stay_apart(first, second):
    # What the wording says of the number: an increment, what a sum is for.
    text_a, text_b = {
        "cases": ("five new cases", "35 cases"),
        "money": ("$11.4 million in overtime", "about $10 million from the reserve"),
    }.get(first.measure, ("a", "b"))
    claims = [
        claim(article("north wire", MON), text_a, first, sentence=FERRY.format(f"Officials counted {text_a}")),
        claim(article("south daily", TUE), text_b, second, sentence=FERRY.format(f"Officials counted {text_b}")),
    ]
    assert group(claims) == []


@pytest.mark.parametrize(
    ("sentence", "first", "second", "grouped"),
    [
        # One source, two numbers in one sentence: two quantities.
        ("There were 14 deaths in the north and two in the capital, the agency said.",
         ("14 deaths", measured("exact", 14, unit="deaths", place="in the north", verb="be")),
         ("two", measured("exact", 2, unit="deaths", place="in the capital", verb="be")), False),
        ("The average for such a week is 130, she said of the 233 deaths.",
         ("130", measured("exact", 130, unit="deaths", verb="be")), ("233 deaths", measured("exact", 233, unit="deaths", verb="be")), False),
        # ... unless the sentence moves one running total: a revision.
        ("The government revised the toll to 275 from 288.",
         ("275", measured("exact", 275, unit="toll", verb="revise")), ("288", measured("exact", 288, unit="toll", verb="revise")), True),
    ],
    ids=["list-of-places", "baseline-beside-the-count", "revised-toll"],
)
def test_two_numbers_one_source_gives_in_one_sentence(sentence, first, second, grouped):
    art = article("port news", TUE)
    claims = [
        claim(art, first[0], first[1], speaker="Ana Orel", sentence=sentence, start=1),
        claim(art, second[0], second[1], speaker="Ana Orel", sentence=sentence, start=40),
    ]
    found = group(claims)
    assert bool(found) is grouped
    if grouped:
        assert found[0].verdict == "contradictory" and not found[0].dates_differ


@pytest.mark.parametrize(
    ("figures", "verdict", "spread"),
    [
        # The spread is taken from numbers someone gave: a vague amount gives none.
        ([measured("more_than", 100000, "personnel", unit="troops", military=True),
          measured("exact", 127000, "personnel", unit="troops", military=True),
          measured("vague", low=10000, high=99999, measure="personnel", unit="troops", military=True)], "contradictory", 1.27),
        ([measured("exact", 127000, "personnel", unit="troops", military=True),
          measured("vague", low=10000, high=99999, measure="personnel", unit="troops", military=True)], "contradictory", None),
        # Both ends of a stated range are given.
        ([measured("range", low=459, high=475, measure="people", unit="people"), measured("exact", 462, "people", unit="people")], "divergent", 475 / 459),
        ([measured("exact", 8500, "personnel", unit="troops", military=True),
          measured("approx", 8500, "personnel", unit="troops", military=True)], "consistent", 1.0),
    ],
    ids=["vague-report-left-out", "one-number-given", "range-ends", "same-number"],
)
def test_the_spread_is_of_numbers_someone_gave(figures, verdict, spread):
    from claimtrack.linking.intervals import spread as spread_of

    assert verdict_of(figures) == verdict
    assert spread_of(figures) == (pytest.approx(spread) if spread is not None else None)


def verdict_of(figures):
    return verdict(figures)


def test_a_toll_that_rose_is_one_group_dated_differently_with_its_reasons_said_once():
    claims = [
        claim(article("harbour courier", MON), "at least 12 people", measured("at_least", 12, unit="people"),
              sentence=FERRY.format("At least 12 people were killed")),
        claim(article("coast wire", TUE), "19", measured("exact", 19, unit="toll", as_of=TUE),
              sentence=FERRY.format("The toll rose to 19 on Tuesday")),
        claim(article("island post", WED), "27", measured("exact", 27, unit="people", as_of=WED),
              sentence=FERRY.format("The number of people killed climbed to 27")),
    ]
    [found] = group(claims)
    assert [c.text for c in found.figures] == ["at least 12 people", "19", "27"]  # in date order
    assert found.verdict == "contradictory" and found.dates_differ
    assert found.measure == "deaths" and found.label.startswith("deaths")
    for line in found.explanation:
        reasons = line.split(": ", 1)[1].split(", ")
        assert len(reasons) == len(set(reasons)), line
        assert "both count deaths" in reasons
