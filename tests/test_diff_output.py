"""diff for programs and for pasting: one CSV or JSON Lines row per report with its
group's id, label, verdict and spread; group ids derived from the groups' content;
claim ids in diff --quotes; Markdown. Every name, outlet and number here is invented
(tests/desk.py)."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from claimtrack import render
from claimtrack.cli import app
from claimtrack.ingest.job import refresh_derived
from claimtrack.models import Article, group_key
from claimtrack.store import Store
from desk import ARTICLES, REPORTS, VOSS_CHRONICLE, VOSS_HERALD, build_desk_store, desk_claims

runner = CliRunner()


@pytest.fixture(scope="module")
def desk(tmp_path_factory) -> Path:
    return build_desk_store(tmp_path_factory.mktemp("desk") / "desk.db")


def run(*args: object, **env: str | None) -> str:
    result = runner.invoke(app, [str(a) for a in args], env=env or None)
    assert result.exit_code == 0, result.output
    return result.stdout


def figure_ids() -> list[str]:
    return [claim.id for claims in desk_claims().values() for claim in claims if claim.kind == "figure"]


def test_diff_csv_has_one_row_per_report_with_its_group(desk):
    rows = list(csv.DictReader(io.StringIO(run("diff", "--db", desk, "--format", "csv"))))
    [group] = json.loads(run("diff", "--db", desk, "--format", "json"))
    assert list(rows[0]) == list(render.DIFF_ROW_FIELDS)
    assert [row["claim_id"] for row in rows] == [claim["id"] for claim in group["figures"]]
    assert {row["group_id"] for row in rows} == {group["id"]} == {group_key(figure_ids())}
    assert {(row["label"], row["verdict"], row["spread"], row["sources"]) for row in rows} == {
        ("Norvania: troops near the border", "contradictory", str(group["spread"]), "3"),
    }
    by_wording = {row["wording"]: row for row in rows}
    assert {wording: (by_wording[wording]["interval"], by_wording[wording]["given_by"])
            for wording in by_wording} == {
        "more than 40,000 troops": (">40,000", "harbour officials"),
        "tens of thousands of troops": ("10,000–99,999", ""),
        "12,000 troops": ("12,000", "Western intelligence"),
    }
    wire = by_wording["12,000 troops"]
    assert (wire["outlet"], wire["also_in"], wire["date"]) == ("Coast Wire", "Harbour Post; Gull Times", "")
    assert by_wording["more than 40,000 troops"]["date"] == "2023-03-01"


def test_diff_jsonl_holds_the_same_rows_as_csv(desk):
    lines = run("diff", "--db", desk, "--format", "jsonl").splitlines()
    rows = [json.loads(line) for line in lines]
    as_csv = list(csv.DictReader(io.StringIO(run("diff", "--db", desk, "--format", "csv"))))
    assert [row["claim_id"] for row in rows] == [row["claim_id"] for row in as_csv]
    assert rows[0]["spread"] == pytest.approx(float(as_csv[0]["spread"]))
    assert {tuple(row) for row in rows} == {render.DIFF_ROW_FIELDS}
    wire = next(row for row in rows if row["wording"] == "12,000 troops")
    assert (wire["value"], wire["low"], wire["high"], wire["also_in"]) == (12000, 12000, 12000,
                                                                          ["Harbour Post", "Gull Times"])


@pytest.mark.parametrize("fmt", ["csv", "jsonl", "markdown", "json"])
def test_diff_with_no_groups_prints_no_rows(tmp_path, fmt):
    Store.open(str(tmp_path / "empty.db"), create=True).close()
    output = run("diff", "--db", tmp_path / "empty.db", "--format", fmt)
    expected = {"csv": ",".join(render.DIFF_ROW_FIELDS) + "\n", "jsonl": "", "json": "[]\n",
                "markdown": "No figures disagree across sources.\n"}
    assert output == expected[fmt]


def test_group_ids_come_from_the_reports_not_the_order_they_were_stored_or_listed_in(desk, tmp_path):
    claims = desk_claims()
    again = tmp_path / "reversed.db"
    with Store.open(str(again), create=True) as store:
        for key in reversed(list(ARTICLES)):
            store.save(Article(**ARTICLES[key].model_dump(), text="Invented body. " * 200, topics=("Norvania",)),
                       list(reversed(claims[key])))
        refresh_derived(store, set(figure_ids()), rebuild_groups=True)
    ids = [group["id"] for group in json.loads(run("diff", "--db", again, "--format", "json"))]
    assert ids == [group["id"] for group in json.loads(run("diff", "--db", desk, "--format", "json"))]
    # Filtered or not, a group keeps its id.
    assert ids == [group["id"] for group in json.loads(run("diff", "--db", desk, "--format", "json",
                                                             "--category", "troops", "--source", "valley"))]
    # The table shows its start.
    assert f"group {ids[0][:8]}" in run("diff", "--db", desk, COLUMNS="200")


def test_a_group_with_other_reports_has_another_id():
    assert group_key(["a", "b"]) == group_key(["b", "a"])
    assert group_key(["a", "b"]) != group_key(["a", "b", "c"])


def test_diff_markdown_has_a_heading_and_a_table_per_group(desk):
    output = run("diff", "--db", desk, "--format", "markdown")
    [group] = json.loads(run("diff", "--db", desk, "--format", "json"))
    assert output.startswith("### Norvania: troops near the border\n")
    assert f"**contradictory** · spread 3.33x · 3 sources · group `{group['id']}`" in output
    rows = [line for line in output.splitlines() if line.startswith("| ")]
    assert rows[0] == "| report | interval | outlet | given by | date | claim |"
    assert rows[1] == "| --- | --- | --- | --- | --- | --- |"
    assert [row.split(" | ")[0].strip("| ") for row in rows[2:]] == [wording for _, wording, _, _ in REPORTS]


# --- diff --quotes ----------------------------------------------------------------------------------


def voss_ids() -> dict[str, str]:
    return {claim.text: claim.id for claims in desk_claims().values() for claim in claims
            if claim.text in (VOSS_HERALD, VOSS_CHRONICLE)}


def test_diff_quotes_names_both_claims_for_show(desk):
    output = run("diff", "--quotes", "--db", desk, COLUMNS="60")
    # The panel's body wraps at 60 columns: read it without its border and spaces.
    body = "".join(output.replace("│", "").split())
    for claim_id in voss_ids().values():
        assert f"(claim{claim_id[:8]})" in body
        shown = run("show", claim_id[:8], "--db", desk)
        assert "Petra Voss" in shown


def test_diff_quotes_as_csv_and_jsonl_have_one_row_per_pair(desk):
    [row] = list(csv.DictReader(io.StringIO(run("diff", "--quotes", "--db", desk, "--format", "csv"))))
    assert tuple(row) == render.QUOTE_PAIR_FIELDS
    ids = voss_ids()
    assert {row["first_claim_id"]: row["first_text"], row["second_claim_id"]: row["second_text"]} == {
        ids[VOSS_HERALD]: VOSS_HERALD, ids[VOSS_CHRONICLE]: VOSS_CHRONICLE,
    }
    [line] = run("diff", "--quotes", "--db", desk, "--format", "jsonl").splitlines()
    assert json.loads(line)["speaker"] == row["speaker"] == "Petra Voss"


@pytest.mark.parametrize(
    ("env", "colours_named"),
    [
        ({}, False),  # piped: no colours, so the legend names none
        ({"TTY_COMPATIBLE": "1", "TERM": "xterm-256color", "NO_COLOR": None}, True),
        ({"TTY_COMPATIBLE": "1", "TERM": "xterm-256color", "NO_COLOR": "1"}, False),
    ],
)
def test_the_quotes_legend_names_colours_only_when_they_are_shown(desk, env, colours_named):
    output = run("diff", "--quotes", "--db", desk, **env)
    assert "only in the first outlet" in output
    assert ("(red)" in output and "(green)" in output) is colours_named
    assert ("(red)" in output or "(green)" in output) is colours_named
