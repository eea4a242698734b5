"""`diff` over invented multi-outlet stories, from the articles to the groups a
fact-checker would draw: a toll that rose over three days is one group whose verdict
says the reports were dated differently; two quantities one article distinguishes are
never grouped; consistent, divergent and contradictory groups are each shown. Every
outlet, place, person and number here is invented."""

from __future__ import annotations

import json

import pytest
from rich.console import Console
from typer.testing import CliRunner

from claimtrack import render
from claimtrack.cli import app
from claimtrack.linking.groups import figure_groups
from claimtrack.models import GroupFilter
from claimtrack.store import Store

runner = CliRunner()

# One ferry disaster, three outlets, three days.
FERRY = {
    "courier.txt": """Title: Ferry capsizes off Marlow Island
Source: Harbour Courier
Date: 2024-03-04

A crowded ferry capsized off Marlow Island on Monday. At least 12 people were killed, the coast guard said.

Rescuers pulled 38 people alive from the water. The ferry was carrying 120 passengers, the operator said.
""",
    "wire.txt": """Title: Marlow Island ferry toll rises
Source: Coast Wire
Date: 2024-03-05

The death toll from the Marlow Island ferry disaster rose to 19 on Tuesday, the coast guard said.

Some 38 people were rescued. The ferry had more than 100 passengers on board, according to the operator.
""",
    "post.txt": """Title: Marlow Island ferry deaths climb
Source: Island Post
Date: 2024-03-06

The number of people killed when a ferry capsized off Marlow Island has climbed to 27, the coast guard said on Wednesday.

The coast guard has spent $11.4 million on overtime since the ferry sank, its chief Ana Brell said, while the port authority said it had drawn about $10 million from its reserve.
""",
}


def invoke(*args: object):
    return runner.invoke(app, [str(a) for a in args])


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    folder = tmp_path_factory.mktemp("ferry")
    for name, text in FERRY.items():
        (folder / name).write_text(text, encoding="utf-8")
    db = folder / "claims.db"
    result = invoke("extract", folder, "--db", db)
    assert result.exit_code == 0, result.output
    return db


def groups_of(db, *options):
    result = invoke("diff", "--db", db, "--format", "json", *options)
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def reports(group):
    return [(c["article"]["source"], c["text"]) for c in group["figures"]]


# (what the group counts, its verdict, its reports in date order, dated differently)
EXPECTED = [
    ("deaths", "contradictory",
     [("Harbour Courier", "At least 12 people"), ("Coast Wire", "19"), ("Island Post", "27")], True),
    ("people", "divergent", [("Harbour Courier", "120 passengers"), ("Coast Wire", "more than 100 passengers")], True),
    ("rescued", "consistent", [("Harbour Courier", "38 people alive"), ("Coast Wire", "Some 38 people")], True),
]


@pytest.mark.parametrize(("measure", "verdict", "expected", "dated"), EXPECTED, ids=[row[0] for row in EXPECTED])
def test_each_quantity_is_one_group_across_outlets_and_days(store, measure, verdict, expected, dated):
    [group] = [g for g in groups_of(store, "--all") if g["measure"] == measure]
    assert group["verdict"] == verdict
    assert reports(group) == expected
    assert group["sources"] == len(expected)
    assert group["dates_differ"] is dated


def test_every_group_is_one_of_these(store):
    assert sorted(g["measure"] for g in groups_of(store, "--all")) == sorted(row[0] for row in EXPECTED)


def test_two_quantities_one_article_distinguishes_are_never_grouped(store):
    grouped = {c["text"] for g in groups_of(store, "--all") for c in g["figures"]}
    sums = {c["text"] for c in json.loads(invoke("claims", "--db", store, "--measure", "money", "--format", "json").stdout)}
    assert sums == {"$11.4 million", "about $10 million"}
    assert not sums & grouped


def test_the_sums_are_given_by_their_own_sources(store):
    found = json.loads(invoke("claims", "--db", store, "--measure", "money", "--format", "json").stdout)
    assert {c["text"]: c["speaker"]["name"] for c in found} == {"$11.4 million": "Ana Brell", "about $10 million": "port authority"}


def test_the_verdict_of_the_rising_toll_says_the_reports_were_dated_differently(store):
    with Store.open(str(store), create=False) as opened:
        groups = figure_groups(opened, GroupFilter(measure="deaths"))
    console = Console(width=240, record=True)
    console.print(render.figure_groups(groups))
    heading = [line.split("│")[1].strip() for line in console.export_text().splitlines() if line.startswith("│")]
    # The spread is of numbers the outlets gave: 27 over 12.
    assert heading[:2] == ["deaths (people)", "contradictory · spread 2.25x · 3 sources"]
    assert heading[2] == f"group {groups[0].key[:8]}"
    # The heading column wraps the line; read it whole again.
    said = " ".join(line for line in heading[3:] if line)
    assert said == "dated differently (2024-03-04 to 2024-03-06): a change over time may explain the gap"


def test_reports_that_agree_are_listed_only_with_all(store):
    assert {g["verdict"] for g in groups_of(store)} == {"contradictory", "divergent"}
    assert "consistent" in {g["verdict"] for g in groups_of(store, "--all")}


def test_explain_gives_each_reason_once(store):
    result = invoke("diff", "--db", store, "--measure", "deaths", "--explain")
    assert result.exit_code == 0, result.output
    lines = [line.strip() for line in result.output.splitlines() if " ~ " in line]
    assert lines
    for line in lines:
        reasons = line.split(": ", 1)[1].split(", ")
        assert len(reasons) == len(set(reasons)), line
        assert reasons[0] == "both count deaths"
