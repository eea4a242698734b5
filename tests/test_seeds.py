"""The seed articles end to end through the CLI: identities across outlets."""

import json
from collections import defaultdict
from pathlib import Path

import pytest
from typer.testing import CliRunner

from claimtrack.cli import app
from claimtrack.linking.identity import surname_key

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
runner = CliRunner()


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    path = tmp_path_factory.mktemp("seeds") / "seeds.db"
    result = runner.invoke(app, ["extract", str(SEEDS), "--db", str(path)])
    assert result.exit_code == 0, result.output
    return str(path)


def as_json(*args):
    result = runner.invoke(app, list(args))
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_each_person_is_listed_once(db):
    people = [s for s in as_json("speakers", "--db", db, "--format", "json") if s["kind"] == "person"]
    by_surname = defaultdict(list)
    for person in people:
        by_surname[surname_key(person["name"].split()[-1])].append(person["name"])
    assert {k: v for k, v in by_surname.items() if len(v) > 1} == {}


def test_a_speaker_spelled_two_ways_is_one_identity_with_both_spellings(db):
    [lavrov] = [s for s in as_json("speakers", "--db", db, "--format", "json") if s["name"].endswith("Lavrov")]
    assert {"Sergei Lavrov", "Sergey Lavrov"} <= set(lavrov["aliases"]) | {lavrov["name"]}
    assert lavrov["roles"]


def test_claims_by_speaker_come_from_every_article_that_quotes_him(db):
    found = as_json("claims", "--db", db, "--speaker", "lavrov", "--format", "json")
    assert {c["speaker"]["name"] for c in found} == {found[0]["speaker"]["name"]}
    assert {Path(c["article"]["path"]).name[:3] for c in found} == {"002", "003", "004"}
    # Where he is only spoken to ("warned ... Lavrov that ..."), the claim is not his.
    assert not any(c["text"].startswith("if Russia decides to pursue confrontation") for c in found)


def test_diff_lines_up_the_figures_that_disagree(db):
    groups = as_json("diff", "--db", db, "--all", "--format", "json")
    verdicts = {g["verdict"]: sorted(Path(c["article"]["path"]).name[:3] for c in g["figures"]) for g in groups}
    # Deaths in the war, from four outlets; troops at the border; troops on alert.
    assert verdicts == {
        "divergent": ["000", "001", "002", "004"],
        "contradictory": ["001", "001", "004"],
        "consistent": ["000", "004"],
    }
    assert all(set(g) >= {"label", "category", "verdict", "figures"} for g in groups)


def test_diff_without_all_leaves_out_agreement(db):
    groups = as_json("diff", "--db", db, "--format", "json")
    assert {g["verdict"] for g in groups} == {"divergent", "contradictory"}


def test_diff_quotes_pairs_one_statement_reported_by_two_outlets(db):
    [pair] = as_json("diff", "--db", db, "--quotes", "--format", "json")
    assert {Path(c["article"]["path"]).name[:3] for c in pair["claims"]} == {"001", "004"}
    assert any(c["op"] != "equal" for c in pair["changes"])


def test_diff_tables_render(db):
    result = runner.invoke(app, ["diff", "--db", db, "--all", "--explain"])
    assert result.exit_code == 0, result.output
    assert "contradictory" in result.output and "grouped because" in result.output
    result = runner.invoke(app, ["diff", "--db", db, "--quotes"])
    assert result.exit_code == 0 and "alike" in result.output
    # CliRunner output carries no colour, so the changed words must be marked in the text itself.
    [pair] = as_json("diff", "--db", db, "--quotes", "--format", "json")
    changed = next(c for c in pair["changes"] if c["op"] != "equal")
    marked = f"[-{changed['first']}-]" if changed["first"] else f"{{+{changed['second']}+}}"
    assert marked in " ".join(result.output.split())
