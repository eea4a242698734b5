"""One text, several appearances: syndicated copy that outlets run under their own
names. The article keeps its first appearance's metadata; the others are listed next
to it, found by `claims --source`, and counted once by `diff`. Every name, outlet,
sentence and number here is invented."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from rich.console import Console
from typer.testing import CliRunner

from claimtrack import render
from claimtrack.cli import app
from claimtrack.ingest.job import refresh_derived
from claimtrack.linking.groups import figure_groups
from claimtrack.models import Appearance, Article
from claimtrack.store import Store
from figure_world import article, claim, fig

runner = CliRunner()

# "said on Tuesday" resolves against the article's date: it shows which date the
# statements were extracted with.
BODY = (
    '"Every ferry will sail again by Friday," harbour master Tomas Reiner said on Tuesday.\n\n'
    "The port authority said 14 ferries had been repaired since the storm.\n"
)
TITLE = "Title: Ferry Fleet Returns To Lindport\n"


def invoke(*args: object):
    result = runner.invoke(app, [str(a) for a in args])
    assert "Traceback" not in result.output
    return result


def json_of(*args: object):
    result = invoke(*args, "--format", "json")
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def extract(db: Path, *args: object) -> dict:
    result = invoke("extract", *args, "--db", db, "--report", "json")
    assert result.exit_code == 0, result.output
    [outcome] = json.loads(result.stdout)
    return outcome


def outlets(db: Path) -> list[list[tuple[str, str, str]]]:
    return [[(a["source"], a["path"], a["published"]) for a in listed["appearances"]]
            for listed in json_of("articles", "--db", db)]


def quote_date(db: Path) -> str:
    [quote] = json_of("claims", "--db", db, "--kind", "quote", "--speaker", "reiner")
    return quote["date"]


# Runs on one store, in order: (file, outlet, date, --force, status, reason, appearances
# as (outlet, path, date), the quote's date). 2022-06-01 and 2022-06-08 are Wednesdays.
RUNS = [
    ("wire.txt", "Coast Wire", "2022-06-01", False, "stored", None,
     [("Coast Wire", "wire.txt", "2022-06-01")], "2022-05-31"),
    # Another outlet ran the text a day earlier: recorded, nothing extracted again.
    ("copy.txt", "Harbour Post", "2022-05-31", False, "skipped",
     "same text already stored from wire.txt: recorded as another appearance",
     [("Coast Wire", "wire.txt", "2022-06-01"), ("Harbour Post", "copy.txt", "2022-05-31")], "2022-05-31"),
    ("copy.txt", "Harbour Post", "2022-05-31", False, "skipped",
     "unchanged, already stored from wire.txt (--force extracts it again)",
     [("Coast Wire", "wire.txt", "2022-06-01"), ("Harbour Post", "copy.txt", "2022-05-31")], "2022-05-31"),
    # Its date corrected: the same appearance, updated.
    ("copy.txt", "Harbour Post", "2022-05-30", False, "skipped",
     "same text already stored from wire.txt: its appearance updated",
     [("Coast Wire", "wire.txt", "2022-06-01"), ("Harbour Post", "copy.txt", "2022-05-30")], "2022-05-31"),
    # The same file under a third outlet is a third appearance.
    ("wire.txt", "Gull Times", "2022-06-01", False, "skipped",
     "same text already stored from wire.txt: recorded as another appearance",
     [("Coast Wire", "wire.txt", "2022-06-01"), ("Harbour Post", "copy.txt", "2022-05-30"),
      ("Gull Times", "wire.txt", "2022-06-01")], "2022-05-31"),
    ("wire.txt", "Coast Wire", "2022-06-01", False, "skipped",
     "unchanged, already stored (--force extracts it again)",
     [("Coast Wire", "wire.txt", "2022-06-01"), ("Harbour Post", "copy.txt", "2022-05-30"),
      ("Gull Times", "wire.txt", "2022-06-01")], "2022-05-31"),
    # The primary's own date corrected: extracted again, statements re-dated.
    ("wire.txt", "Coast Wire", "2022-06-08", False, "stored", None,
     [("Coast Wire", "wire.txt", "2022-06-08"), ("Harbour Post", "copy.txt", "2022-05-30"),
      ("Gull Times", "wire.txt", "2022-06-01")], "2022-06-07"),
    # --force on another appearance extracts again under the primary's metadata.
    ("copy.txt", "Harbour Post", "2022-05-30", True, "stored", None,
     [("Coast Wire", "wire.txt", "2022-06-08"), ("Harbour Post", "copy.txt", "2022-05-30"),
      ("Gull Times", "wire.txt", "2022-06-01")], "2022-06-07"),
]


def test_each_appearance_of_a_text_is_kept_and_the_first_stays_primary(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    for name in ("wire.txt", "copy.txt"):
        Path(name).write_text(TITLE + "\n" + BODY, encoding="utf-8")
    db = tmp_path / "c.db"
    for path, outlet, day, force, status, reason, appearances, said in RUNS:
        outcome = extract(db, path, "--source", outlet, "--published", day, *(["--force"] if force else []))
        assert (outcome["path"], outcome["status"], outcome["reason"]) == (path, status, reason)
        assert outlets(db) == [appearances]
        assert quote_date(db) == said
        [listed] = json_of("articles", "--db", db)
        # The article's own fields are its primary appearance's.
        assert {k: listed[k] for k in ("source", "path", "published")} == dict(
            zip(("source", "path", "published"), appearances[0], strict=True)
        )


def test_the_same_text_twice_in_one_run_is_stored_once_and_recorded_twice(tmp_path):
    folder = tmp_path / "inbox"
    folder.mkdir()
    (folder / "a_wire.txt").write_text("Source: Coast Wire\nDate: 2022-06-01\n" + TITLE + "\n" + BODY)
    (folder / "b_post.txt").write_text("Source: Harbour Post\nDate: 2022-06-02\n" + TITLE + "\n" + BODY)
    db = tmp_path / "c.db"
    first = invoke("extract", folder, "--db", db, "--report", "json")
    again = invoke("extract", folder, "--db", db, "--report", "json")

    wire, post = str(folder / "a_wire.txt"), str(folder / "b_post.txt")
    assert [(o["path"], o["status"], o["reason"]) for o in json.loads(first.stdout)] == [
        (wire, "stored", None),
        (post, "skipped", f"same text as {wire}: recorded as another appearance"),
    ]
    assert [(o["path"], o["status"], o["reason"]) for o in json.loads(again.stdout)] == [
        (wire, "skipped", "unchanged, already stored (--force extracts it again)"),
        (post, "skipped", f"same text as {wire}"),
    ]
    assert outlets(db) == [[("Coast Wire", wire, "2022-06-01"), ("Harbour Post", post, "2022-06-02")]]


@pytest.fixture(scope="module")
def syndicated(tmp_path_factory) -> tuple[Path, str]:
    """A store holding one text that three outlets ran: (database, a claim id)."""
    root = tmp_path_factory.mktemp("syndicated")
    (root / "wire.txt").write_text(TITLE + "\n" + BODY, encoding="utf-8")
    (root / "post.txt").write_text(TITLE + "\n" + BODY, encoding="utf-8")
    db = root / "c.db"
    extract(db, root / "wire.txt", "--source", "Coast Wire", "--published", "2022-06-01")
    extract(db, root / "post.txt", "--source", "Harbour Post", "--published", "2022-06-02")
    extract(db, root / "post.txt", "--source", "Gull Times", "--published", "2022-06-03")
    [quote] = json_of("claims", "--db", db, "--kind", "quote", "--speaker", "reiner")
    return db, quote["id"]


@pytest.mark.parametrize(
    ("source", "found"),
    [("coast wire", True), ("HARBOUR", True), ("gull", True), ("Lindport Daily", False)],
)
def test_claims_by_source_find_a_text_under_any_outlet_it_appeared_in(syndicated, source, found):
    db, _ = syndicated
    everything = json_of("claims", "--db", db)
    claims = json_of("claims", "--db", db, "--source", source)
    assert claims == (everything if found else [])
    # A claim's article is always the primary appearance.
    assert {c["article"]["source"] for c in everything} == {"Coast Wire"}


def test_show_lists_the_other_appearances(syndicated):
    db, claim_id = syndicated
    result = invoke("show", claim_id, "--db", db)
    assert result.exit_code == 0, result.output
    lines = [" ".join(line.split()) for line in result.output.splitlines()]
    post = str(db.parent / "post.txt")
    assert f"also in Harbour Post, 2022-06-02: Ferry Fleet Returns To Lindport · {post}" in lines
    assert f"Gull Times, 2022-06-03: Ferry Fleet Returns To Lindport · {post}" in lines
    assert "source Coast Wire" in lines


def test_articles_table_names_the_other_outlets(syndicated):
    db, _ = syndicated
    result = invoke("articles", "--db", db)
    assert result.exit_code == 0, result.output
    assert "Coast Wire (also: Harbour" in result.output and "Gull Times)" in result.output
    csv_rows = invoke("articles", "--db", db, "--format", "csv").stdout.splitlines()
    assert csv_rows[0] == "id,path,source,title,published,authors,url,appearances"
    assert '""source"": ""Gull Times""' in csv_rows[1]


@pytest.mark.parametrize(
    ("source", "others", "expected"),
    [
        ("Coast Wire", [], "Coast Wire"),
        ("Coast Wire", ["Coast Wire"], "Coast Wire"),  # the same outlet, another file
        ("Coast Wire", [None], "Coast Wire"),
        (None, [], ""),
        ("Coast Wire", ["Harbour Post", "Harbour Post", "Gull Times"], "Coast Wire (also: Harbour Post, Gull Times)"),
        (None, ["Harbour Post"], "unknown outlet (also: Harbour Post)"),
        ("W", ["A", "B", "C", "D", "E"], "W (also: A, B, C and 2 more)"),
    ],
)
def test_outlet_line(source, others, expected):
    appearances = [Appearance(source=source)] + [Appearance(source=s) for s in others]
    assert render.outlet_line(source, appearances) == expected


# --- diff: a syndicated text is one report ------------------------------------------------

TROOPS = {"unit": "troops", "category": "troops", "owner": "Norvania", "place": "near the border"}


@pytest.fixture
def diff_store(tmp_path) -> Path:
    """Two texts reporting one quantity: a wire story that three outlets ran, and
    another outlet's own story with a figure that contradicts it."""
    wire = article("coast wire", dt.date(2023, 3, 1))
    own = article("valley herald", dt.date(2023, 3, 2))
    db = tmp_path / "diff.db"
    with Store.open(str(db), create=True) as store:
        for info, text, figure in (
            (wire, "more than 40,000 troops", fig("more_than", 40000, **TROOPS)),
            (own, "12,000 troops", fig("exact", 12000, **TROOPS)),
        ):
            store.save(Article(**info.model_dump(), text="Invented body.", topics=("Norvania",)),
                       [claim(info, text, figure, sentence=f"Norvania massed {text} near the border.")])
        for outlet in ("Harbour Post", "Gull Times"):
            store.record_appearance(wire.model_copy(update={"source": outlet, "path": f"{outlet}.txt"}))
    return db


def groups_of(db: Path, *options: str) -> list[dict]:
    return json_of("diff", "--db", db, "--all", *options)


@pytest.mark.parametrize(
    ("options", "groups"),
    [
        ([], 1),
        (["--min-sources", "2"], 1),
        (["--min-sources", "3"], 0),  # three outlets ran one text: one source, not three
        (["--source", "gull"], 1),  # only an appearance names it
        (["--source", "valley"], 1),
        (["--source", "Lindport Daily"], 0),
    ],
)
def test_diff_counts_a_syndicated_text_once_before_and_after_groups_are_built(diff_store, options, groups):
    with Store.open(str(diff_store), create=False) as store:
        assert store.figure_groups_stale()
    computed = groups_of(diff_store, *options)  # from the figures themselves
    with Store.open(str(diff_store), create=False) as store:
        refresh_derived(store, set(store.derived.figure_days()))
        assert not store.figure_groups_stale()
    assert groups_of(diff_store, *options) == computed
    assert len(computed) == groups


def test_a_diff_group_shows_where_each_report_appeared(diff_store):
    [group] = groups_of(diff_store)
    assert (group["verdict"], group["sources"], len(group["figures"])) == ("contradictory", 2, 2)
    by_outlet = {f["article"]["source"]: f["article"]["id"] for f in group["figures"]}
    assert {key: [a["source"] for a in listed] for key, listed in group["appearances"].items()} == {
        by_outlet["Coast Wire"]: ["Coast Wire", "Harbour Post", "Gull Times"],
        by_outlet["Valley Herald"]: ["Valley Herald"],
    }
    table = invoke("diff", "--db", diff_store)
    assert table.exit_code == 0, table.output
    assert "Coast Wire (also:" in table.output

    with Store.open(str(diff_store), create=False) as store:
        groups = figure_groups(store)
    console = Console(width=240, record=True)
    console.print(render.figure_groups(groups))
    rows = [[cell.strip() for cell in line.split("│")[1:-1]] for line in console.export_text().splitlines()
            if line.startswith("│")]
    assert rows[1][0] == "contradictory · spread 3.33x · 2 sources"
    # The outlet column, wrapped over the first report's lines, then the second report's.
    first = " ".join(row[3] for row in rows[:3] if row[3])
    assert first == "Coast Wire (also: Harbour Post, Gull Times)"
    assert rows[3][1:4] == ["12,000 troops", "12,000", "Valley Herald"]
