"""The `claimtrack` command line, end to end on a temporary store.

The corpus (tests/conftest.py) is extracted once per session; query tests only read
that store. Every name, outlet and sentence here is invented.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import os
import shutil
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest
from rich.console import Console
from typer.testing import CliRunner

import claimtrack
from claimtrack import render
from claimtrack.cli import TABLE_ROWS, app
from claimtrack.models import Article, ArticleInfo, Claim, Figure, FigureGroup, Speaker
from claimtrack.store import Store
from conftest import CORPUS, write_corpus

runner = CliRunner()

CLAIM_KEYS = {
    "id", "kind", "article", "text", "sentence", "start", "end", "segments",
    "speaker", "cue", "direct", "attribution", "date", "date_source", "figure",
}
ARTICLE_KEYS = {"path", "id", "source", "title", "published", "authors", "url"}
SPEAKER_KEYS = {"name", "mention", "kind", "role"}
FIGURE_KEYS = {"value", "low", "high", "qualifier", "unit", "category", "measure", "owner", "place", "since", "when", "as_of", "planned", "verb"}
CORPUS_SOURCES = {"Eastvale Courier", "Northern Ledger", "Valley Herald"}


def invoke(*args: object, env: dict[str, str] | None = None):
    return runner.invoke(app, [str(a) for a in args], env=env)


def assert_clean(result) -> None:
    """No Python traceback reached the user and nothing but a normal exit escaped."""
    assert "Traceback" not in result.output
    assert result.exc_info is None or result.exc_info[0] is SystemExit, result.exc_info


def json_out(result):
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def claims_of(db: Path, *args: object) -> list[dict]:
    return json_out(invoke("claims", "--db", db, "--format", "json", *args))


def articles_of(db: Path) -> list[dict]:
    return json_out(invoke("articles", "--db", db, "--format", "json"))


def row_of(output: str, name: str) -> str:
    """The one summary-table line naming ``name``."""
    lines = [line for line in output.splitlines() if name in line and line.startswith("│")]
    assert len(lines) == 1, output
    return lines[0]


@pytest.fixture(scope="module")
def db(corpus_db) -> Path:
    return corpus_db[1]


@pytest.fixture(scope="module")
def all_claims(db) -> list[dict]:
    found = claims_of(db)
    assert len(found) >= 8
    return found


def by_text(claims: list[dict], text: str) -> dict:
    matches = [c for c in claims if c["text"] == text]
    assert len(matches) == 1, [c["text"] for c in claims]
    return matches[0]


# --- extract -----------------------------------------------------------------------


def test_extract_rerun_stores_each_article_once(corpus_db, tmp_path):
    folder, session_db = corpus_db
    db = tmp_path / "copy.db"
    shutil.copy(session_db, db)
    before_articles = articles_of(db)
    before_ids = sorted(c["id"] for c in claims_of(db))

    # Unchanged articles are skipped by their content hash...
    result = invoke("extract", folder, "--db", db, "--report", "json")
    assert result.exit_code == 0, result.output
    outcomes = json.loads(result.stdout)
    assert [o["status"] for o in outcomes] == ["skipped"] * len(CORPUS)
    assert {o["reason"] for o in outcomes} == {"unchanged, already stored (--force extracts it again)"}
    assert sorted(c["id"] for c in claims_of(db)) == before_ids

    # ...and --force extracts them again: the same folder twice in one run.
    result = invoke("extract", folder, folder, "--db", db, "--force", "--report", "json")

    assert result.exit_code == 0, result.output
    outcomes = json.loads(result.stdout)
    assert len(outcomes) == 2 * len(CORPUS)
    assert all({"path", "status", "reason", "article_id"} <= set(o) for o in outcomes)
    assert Counter(o["status"] for o in outcomes) == {"stored": 3, "skipped": 3}
    for outcome in outcomes:
        if outcome["status"] == "skipped":
            assert outcome["reason"].startswith("same text as")
    stored = [o for o in outcomes if o["status"] == "stored"]
    assert sorted(Path(o["path"]).name for o in stored) == sorted(CORPUS)
    assert sum(o["quotes"] + o["figures"] for o in stored) == len(before_ids)
    assert articles_of(db) == before_articles
    assert sorted(c["id"] for c in claims_of(db)) == before_ids


def test_extract_overrides_metadata_and_reports_missing_path(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "gazette.txt").write_text(
        "Title: Orchard Harvest Doubles\nSource: Hill Gazette\nDate: 2021-09-30\n\n"
        '"The orchards have never looked better," farmer Lotte Venn said.\n\n'
        "The cooperative sold about 600 tonnes of apples, Venn added.\n",
        encoding="utf-8",
    )
    result = invoke(
        "extract", "gazette.txt", "no_such_article.txt", "--db", "run.db",
        "--source", "Override Wire", "--published", "2020-02-29",
    )

    assert result.exit_code == 2, result.output
    assert_clean(result)
    missing = row_of(result.output, "no_such_article.txt")
    assert "missing" in missing
    assert "Error: no such file or folder: no_such_article.txt" in result.output
    claims = claims_of(tmp_path / "run.db")
    quotes = sum(c["kind"] == "quote" for c in claims)
    figures = sum(c["kind"] == "figure" for c in claims)
    assert quotes >= 1
    assert f"1 article stored: {quotes} quotes, {figures} figures." in result.output
    [article] = articles_of(tmp_path / "run.db")
    assert (article["source"], article["published"]) == ("Override Wire", "2020-02-29")
    assert article["title"] == "Orchard Harvest Doubles"
    assert {(c["article"]["source"], c["article"]["published"]) for c in claims} == {
        ("Override Wire", "2020-02-29")
    }


def test_extract_invalid_published_is_usage_error(tmp_path):
    db = tmp_path / "never.db"
    write_corpus(tmp_path / "articles", {"one.txt": CORPUS["a_bridge.txt"]})
    result = invoke("extract", tmp_path / "articles", "--db", db, "--published", "2022-13-45")
    assert result.exit_code == 2
    assert_clean(result)
    assert "2022-13-45" in result.output
    assert not db.exists()


def test_extract_reports_each_bad_file_and_keeps_the_good_one(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    inbox = write_corpus(tmp_path / "inbox", {"good.txt": CORPUS["a_bridge.txt"]})
    (inbox / "empty.txt").write_bytes(b"")
    (inbox / "blank.txt").write_bytes(b"  \n\t\n   \n")
    (inbox / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10")
    (inbox / "legacy.txt").write_bytes(
        b"Title: Pier To Reopen\nSource: Harbour Notes\nDate: 2021-04-04\n\n"
        b"The harbour master called the delay \x93regrettable\x94 and said the pier "
        b"would reopen in June.\n"
    )
    (inbox / "scan.pdf").write_bytes(b"%PDF-1.4\n%fake\n")

    result = invoke("extract", "inbox", "--db", "run.db")

    assert result.exit_code == 1, result.output
    assert_clean(result)
    assert "2 articles stored:" in result.output
    for name, status, reason in [
        ("empty.txt", "failed", "empty"),
        ("blank.txt", "failed", "empty"),
        ("image.txt", "failed", "binary"),
        ("scan.pdf", "skipped", ".pdf"),
        ("legacy.txt", "stored", "cp1252"),
    ]:
        line = row_of(result.output, f"inbox/{name}")
        assert status in line and reason in line, line
    assert "inbox/good.txt" not in result.output  # a clean file needs no row

    stored = {Path(a["path"]).name: a for a in articles_of(tmp_path / "run.db")}
    assert set(stored) == {"good.txt", "legacy.txt"}
    assert stored["good.txt"]["source"] == "Eastvale Courier"
    with Store.open(str(tmp_path / "run.db"), create=False) as store:
        legacy = store.article(stored["legacy.txt"]["id"])
    assert "\u201cregrettable\u201d" in legacy.text
    assert any("cp1252" in note for note in legacy.notes)


def test_extract_with_two_jobs_stores_what_one_job_stores(corpus_db, tmp_path):
    folder, session_db = corpus_db
    db = tmp_path / "parallel.db"
    bad = tmp_path / "missing.txt"

    result = invoke("extract", folder, bad, "--db", db, "--jobs", "2", "--report", "json")

    assert result.exit_code == 2, result.output
    outcomes = json.loads(result.stdout)
    assert Counter(o["status"] for o in outcomes) == {"stored": len(CORPUS), "missing": 1}
    assert claims_of(db) == claims_of(session_db)
    assert [a["id"] for a in articles_of(db)] == [a["id"] for a in articles_of(session_db)]


def test_extract_with_jobs_reports_a_missing_model_without_a_traceback(corpus_db, tmp_path):
    folder, _ = corpus_db
    result = invoke("extract", folder, "--db", tmp_path / "none.db", "--jobs", "2", "--model", "no_such_pipeline")
    assert result.exit_code == 2
    assert_clean(result)
    assert "Error: spaCy pipeline 'no_such_pipeline' is not installed" in result.output
    assert "--model" in result.output  # the hint survives the trip from the worker


# --- claims: contract ---------------------------------------------------------------


def test_claims_json_contract(all_claims, corpus_db):
    folder, _ = corpus_db
    assert {c["kind"] for c in all_claims} == {"quote", "figure"}
    assert len({c["id"] for c in all_claims}) == len(all_claims)
    for c in all_claims:
        assert set(c) == CLAIM_KEYS
        assert set(c["article"]) == ARTICLE_KEYS
        assert c["article"]["source"] in CORPUS_SOURCES
        assert Path(c["article"]["path"]).parent == folder
        dt.date.fromisoformat(c["article"]["published"])
        assert isinstance(c["article"]["authors"], list)
        assert c["speaker"] is None or set(c["speaker"]) == SPEAKER_KEYS
        assert isinstance(c["direct"], bool)
        assert c["date"] is None or dt.date.fromisoformat(c["date"])
        # A quote's date says where it comes from; a figure's date is its statement's as written.
        expected_sources = {"text", "context", "article"} if c["kind"] == "quote" and c["date"] else {None}
        assert c["date_source"] in expected_sources
        if c["kind"] == "figure":
            assert set(c["figure"]) == FIGURE_KEYS
        else:
            assert c["figure"] is None


def test_claim_text_is_the_body_sliced_by_segments(all_claims, db):
    with Store.open(str(db), create=False) as store:
        bodies = {aid: store.article(aid).text for aid in {c["article"]["id"] for c in all_claims}}
    for c in all_claims:
        body = bodies[c["article"]["id"]]
        segments = c["segments"]
        assert segments, c
        assert " ".join(body[s:e] for s, e in segments) == c["text"]
        assert (c["start"], c["end"]) == (segments[0][0], segments[-1][1])
        assert body[c["start"] : c["end"]] in c["sentence"] or len(segments) > 1


@pytest.mark.parametrize(
    "text, kind, speaker, mention, category",
    [
        ("We will rebuild the bridge by spring", "quote", "Ada Brightwater", "Ada Brightwater", None),
        ("Nobody will be left behind", "quote", "Ada Brightwater", "she", None),
        ("the budget would rise", "quote", "Karel Novak", "Karel Novak", None),
        ("$40 million in aid", "figure", None, None, "money"),
        ("More than 3,000 soldiers", "figure", "Petra Voss", "Petra Voss", "troops"),
    ],
)
def test_corpus_claims_as_listed(all_claims, text, kind, speaker, mention, category):
    claim = by_text(all_claims, text)
    assert claim["kind"] == kind
    if speaker is not None:
        assert (claim["speaker"]["name"], claim["speaker"]["mention"]) == (speaker, mention)
    if category is not None:
        assert claim["figure"]["category"] == category


def test_figure_fields(all_claims):
    money = by_text(all_claims, "$40 million in aid")["figure"]
    assert (money["value"], money["unit"], money["category"]) == (40_000_000, "USD", "money")
    troops = by_text(all_claims, "More than 3,000 soldiers")["figure"]
    assert troops["qualifier"] == "more_than"
    assert (troops["low"], troops["high"]) == (3000, None)


# --- claims: filters -----------------------------------------------------------------


def _when(c: dict) -> str:
    return c["date"] or c["article"]["published"]


def _speaks(needle: str):
    def matches(c: dict) -> bool:
        s = c["speaker"]
        return s is not None and (needle in s["name"].lower() or needle in s["mention"].lower())

    return matches


# (options, which claims must come back, a claim text that must be among them or None)
FILTERS = [
    pytest.param(["--speaker", "novak"], _speaks("novak"), "the budget would rise", id="speaker-surname"),
    pytest.param(["--speaker", "NOVAK"], _speaks("novak"), "the budget would rise", id="speaker-case"),
    pytest.param(["--speaker", "bright"], _speaks("bright"), "Nobody will be left behind", id="speaker-partial"),
    pytest.param(["--speaker", "Zubrowski"], lambda c: False, None, id="speaker-unknown"),
    pytest.param(["--kind", "quote"], lambda c: c["kind"] == "quote", "Our patrols will continue day and night",
                 id="kind-quote"),
    pytest.param(["--kind", "figure"], lambda c: c["kind"] == "figure", "At least 12 people", id="kind-figure"),
    pytest.param(["--source", "ledger"], lambda c: c["article"]["source"] == "Northern Ledger",
                 "the budget would rise", id="source-partial"),
    pytest.param(["--source", "VALLEY HER"], lambda c: c["article"]["source"] == "Valley Herald",
                 "More than 3,000 soldiers", id="source-case"),
    pytest.param(["--category", "money"],
                 lambda c: c["figure"] is not None and c["figure"]["category"] == "money",
                 "$40 million in aid", id="category-money"),
    pytest.param(["--kind", "figure", "--speaker", "voss"],
                 lambda c: c["kind"] == "figure" and _speaks("voss")(c), "More than 3,000 soldiers",
                 id="kind-and-speaker"),
    pytest.param(["--since", "2021-05-01", "--until", "2021-05-31"],
                 lambda c: "2021-05-01" <= _when(c) <= "2021-05-31", "the budget would rise", id="date-range"),
    pytest.param(["--since", "2021-03-09", "--until", "2021-03-09"], lambda c: _when(c) == "2021-03-09",
                 "We will rebuild the bridge by spring", id="date-bounds-inclusive"),
    pytest.param(["--since", "2021-08-20"], lambda c: _when(c) >= "2021-08-20",
                 "Our patrols will continue day and night", id="since-uses-claim-date-first"),
    pytest.param(["--until", "2021-03-31"], lambda c: _when(c) <= "2021-03-31", "$40 million in aid",
                 id="until"),
    pytest.param(["--since", "2019-01-01", "--until", "2019-12-31"], lambda c: False, None,
                 id="date-range-empty"),
    pytest.param(["--search", "BRIDGE"],
                 lambda c: "bridge" in c["text"].lower() or "bridge" in c["sentence"].lower(),
                 "We will rebuild the bridge by spring", id="search"),
    pytest.param(["--search", "Lindport"],
                 lambda c: "lindport" in c["text"].lower() or "lindport" in c["sentence"].lower(),
                 "=C12 was the cell that hid the error", id="search-sentence-only"),
    pytest.param(["--search", "50%"], lambda c: False, None, id="search-percent-is-literal"),
    pytest.param(["--search", "zeppelin"], lambda c: False, None, id="search-nothing"),
]


@pytest.mark.parametrize("options, keep, anchor", FILTERS)
def test_claims_filters(db, all_claims, options, keep, anchor):
    expected = [c["id"] for c in all_claims if keep(c)]
    if anchor is not None:
        assert by_text(all_claims, anchor)["id"] in expected
        assert len(expected) < len(all_claims), "the corpus must hold claims this filter drops"
    else:
        assert expected == []
    assert [c["id"] for c in claims_of(db, *options)] == expected


STANCES = """Title: Bridge vote
Source: Example Wire
Date: 2024-03-05

Senator Ann Ruiz said the bridge would close in May. Councillor Tom Berg believes the tax will fail.
The mayor's call for a new ferry line was rejected on Monday.
"""

# (--attribution value, the texts of the quotes it must list, in article order)
ATTRIBUTIONS = [
    ("statement", ["the bridge would close in May"]),
    ("belief", ["the tax will fail"]),
    ("nominal", ["a new ferry line"]),
]


@pytest.mark.parametrize(("attribution", "texts"), ATTRIBUTIONS)
def test_claims_attribution_filter(tmp_path, attribution, texts):
    (tmp_path / "stances.txt").write_text(STANCES, encoding="utf-8")
    store = tmp_path / "claims.db"
    assert invoke("extract", tmp_path / "stances.txt", "--db", store).exit_code == 0
    found = claims_of(store, "--attribution", attribution)
    assert [c["text"] for c in found] == texts
    assert {c["attribution"] for c in found} == {attribution}
    # Figures have no attribution: the filter leaves them out.
    assert all(c["kind"] == "quote" for c in found)


def test_claims_attribution_filter_rejects_unknown_kinds(db):
    result = invoke("claims", "--db", db, "--attribution", "rumour")
    assert result.exit_code == 2, result.output
    assert_clean(result)
    assert "--attribution" in result.output


STORM_REPORTS = {
    "courier.txt": """Title: Storm hits Marlow coast
Source: Marlow Courier
Date: 2024-03-05

The storm killed 12 people on the Marlow coast, the regional governor said on Tuesday. About 40 people were injured, the fire service said.
""",
    "wire.txt": """Title: Marlow storm toll rises
Source: Coast Wire
Date: 2024-03-06

The storm on the Marlow coast has killed 19 people, the regional governor said on Wednesday. At least 40 people were injured, according to the fire service.
""",
}


@pytest.fixture
def storm_db(tmp_path):
    for name, text in STORM_REPORTS.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    store = tmp_path / "storm.db"
    assert invoke("extract", tmp_path, "--db", store).exit_code == 0
    return store


# (--measure value, the texts of the figures it must list, in article order)
MEASURES = [
    ("deaths", ["12 people", "19 people"]),
    ("injured", ["About 40 people", "At least 40 people"]),
    ("crowd", []),
]


@pytest.mark.parametrize(("measure", "texts"), MEASURES)
def test_claims_measure_filter(storm_db, measure, texts):
    found = claims_of(storm_db, "--measure", measure)
    assert [c["text"] for c in found] == texts
    assert {c["figure"]["measure"] for c in found} <= {measure}
    # Both kinds of casualty share the coarse category; the measure tells them apart.
    assert {c["figure"]["category"] for c in found} <= {"casualties"}


def test_claims_csv_has_the_measure_column(storm_db):
    result = invoke("claims", "--db", storm_db, "--measure", "deaths", "--format", "csv")
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert [row["figure.measure"] for row in rows] == ["deaths", "deaths"]


@pytest.mark.parametrize(("measure", "count"), [("deaths", 1), ("injured", 1), ("displaced", 0)])
def test_diff_measure_filter(storm_db, measure, count):
    groups = json_out(invoke("diff", "--db", storm_db, "--all", "--measure", measure, "--format", "json"))
    assert len(groups) == count
    assert {g["measure"] for g in groups} <= {measure}
    assert all(c["figure"]["measure"] == measure for g in groups for c in g["figures"])


@pytest.mark.parametrize("command", ["claims", "diff"])
def test_measure_filter_rejects_unknown_measures(db, command):
    result = invoke(command, "--db", db, "--measure", "corpses")
    assert result.exit_code == 2, result.output
    assert_clean(result)
    assert "--measure" in result.output


@pytest.mark.parametrize("limit", [1, 3])
def test_claims_limit(db, all_claims, limit):
    assert claims_of(db, "--limit", limit) == all_claims[:limit]


def test_since_uses_the_claims_own_date(all_claims):
    # The fixture for "since-uses-claim-date-first": said on Thursday before a Friday article.
    troops = by_text(all_claims, "More than 3,000 soldiers")
    assert (troops["date"], troops["article"]["published"]) == ("2021-08-19", "2021-08-20")


@pytest.mark.parametrize(
    "options",
    [
        ["--kind", "bogus"],
        ["--category", "weather"],
        ["--since", "2021-02-30"],
        ["--until", "yesterday"],
        ["--limit", "0"],
        ["--limit", "99999999999999999999999"],
        ["--format", "xml"],
        ["--search", ""],
        ["--search", "-"],
        ["--search", "?! --"],
        ["--speaker", "x" * 120_000],
        ["--source", "x" * 1_001],
        ["--search", "x " * 60_000],
    ],
    ids=lambda options: " ".join(options)[:40],
)
def test_claims_bad_options_are_usage_errors(db, options):
    result = invoke("claims", "--db", db, *options)
    assert result.exit_code == 2, result.output
    assert_clean(result)
    assert options[0] in result.output


@pytest.mark.parametrize(
    ("options", "message"),
    [
        (["claims", "--search", "-"], "Error: --search '-' has no word to look for."),
        (["claims", "--speaker", "x" * 120_000], "Error: --speaker is 120,000 characters long; at most 1,000 are allowed."),
        (["diff", "--source", "x" * 5_000], "Error: --source is 5,000 characters long; at most 1,000 are allowed."),
        (["show", "a" * 120_000], "Error: CLAIM_ID is 120,000 characters long; at most 1,000 are allowed."),
        (["diff", "--min-sources", "99999999999999999999999"], "Invalid value for '--min-sources'"),
    ],
    ids=["search-punctuation", "long-speaker", "long-diff-source", "long-claim-id", "huge-min-sources"],
)
def test_query_text_the_store_cannot_answer_is_a_usage_error(db, options, message):
    result = invoke(*options, "--db", db)
    assert result.exit_code == 2, result.output
    assert_clean(result)
    assert message in result.output
    assert "Could not read" not in result.output  # never blamed on the store


def test_a_search_with_a_word_still_finds_claims(db, all_claims):
    assert claims_of(db, "--search", "- bridge -")


# --- claims: formats ------------------------------------------------------------------


def test_claims_jsonl(db, all_claims):
    result = invoke("claims", "--db", db, "--format", "jsonl")
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert len(lines) == len(all_claims)
    assert [json.loads(line) for line in lines] == all_claims


def test_claims_csv(db, all_claims):
    result = invoke("claims", "--db", db, "--format", "csv")
    assert result.exit_code == 0
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert {"id", "kind", "text", "speaker.name", "article.source", "figure.value", "figure.category"} <= set(
        rows[0]
    )
    assert [r["id"] for r in rows] == [c["id"] for c in all_claims]
    money = next(r for r in rows if r["figure.category"] == "money")
    assert (money["text"], float(money["figure.value"])) == ("$40 million in aid", 40_000_000)
    novak = next(r for r in rows if r["text"] == "the budget would rise")
    assert (novak["speaker.name"], novak["article.source"]) == ("Karel Novak", "Northern Ledger")


def test_claims_csv_neutralises_a_formula_from_an_article(db, all_claims):
    assert by_text(all_claims, "=C12 was the cell that hid the error")  # what the store holds
    rows = list(csv.DictReader(io.StringIO(invoke("claims", "--db", db, "--format", "csv").stdout)))
    texts = [r["text"] for r in rows]
    assert "'=C12 was the cell that hid the error" in texts
    assert not any(t.startswith(("=", "+", "-", "@")) for t in texts)


@pytest.mark.parametrize(
    "options",
    [["--kind", "quote"], ["--kind", "figure"], ["--speaker", "Zubrowski"]],
    ids=["quotes-only", "figures-only", "no-rows"],
)
def test_claims_csv_header_does_not_depend_on_the_rows(db, options):
    """A spreadsheet or script reading exports needs the same columns every time."""
    full = invoke("claims", "--db", db, "--format", "csv").stdout.splitlines()[0]
    result = invoke("claims", "--db", db, "--format", "csv", *options)
    assert result.exit_code == 0
    assert result.stdout.splitlines()[:1] == [full]


def test_claims_table(db):
    result = invoke("claims", "--db", db, "--speaker", "voss")
    assert result.exit_code == 0
    assert "Petra Voss" in result.output
    assert "Valley Herald" in result.output
    assert "Karel Novak" not in result.output


# --- articles and speakers -------------------------------------------------------------


def test_articles(db, corpus_db):
    folder, _ = corpus_db
    found = articles_of(db)
    assert all(set(a) == ARTICLE_KEYS | {"appearances"} for a in found)
    # Each text appeared once: its one appearance is the article's own metadata.
    assert all(a["appearances"] == [{k: a[k] for k in ARTICLE_KEYS - {"id"}}] for a in found)
    assert [(a["source"], a["title"], a["published"]) for a in found] == [
        ("Eastvale Courier", "Eastvale Promises New Bridge", "2021-03-09"),
        ("Northern Ledger", "Budget To Rise Next Year", "2021-05-14"),
        ("Valley Herald", "Troops Gather Near Border", "2021-08-20"),
    ]
    assert sorted(Path(a["path"]) for a in found) == sorted(folder / name for name in CORPUS)

    table = invoke("articles", "--db", db)
    assert table.exit_code == 0
    for a in found:
        assert a["title"] in table.output and a["source"] in table.output


def test_speakers(db, all_claims):
    found = json_out(invoke("speakers", "--db", db, "--format", "json"))
    names = [s["name"] for s in found]
    assert len(names) == len(set(names))
    per_name = Counter(c["speaker"]["name"] for c in all_claims if c["speaker"])
    assert {s["name"]: s["claims"] for s in found} == dict(per_name)
    people = {s["name"]: s for s in found if s["kind"] == "person"}
    assert set(people) == {"Ada Brightwater", "Karel Novak", "Petra Voss"}
    for name, s in people.items():
        assert s["claims"] >= 1 and s["articles"] == 1
        assert {name, name.split()[-1]} <= set(s["aliases"])
    assert not any("she" in s["aliases"] for s in found)
    assert people["Karel Novak"]["roles"] == ["Finance Minister"]

    table = invoke("speakers", "--db", db)
    assert table.exit_code == 0
    for name in people:
        assert name in table.output


# --- show ----------------------------------------------------------------------------------


@pytest.mark.parametrize("length", [None, 8], ids=["full-id", "prefix"])
def test_show(db, all_claims, length):
    claim = by_text(all_claims, "the budget would rise")
    result = invoke("show", claim["id"][:length], "--db", db)
    assert result.exit_code == 0, result.output
    assert claim["id"] in result.output
    assert "the budget would rise" in result.output
    assert "Northern Ledger" in result.output
    assert "Karel Novak" in result.output


@pytest.mark.parametrize("length", [None, 8], ids=["full-id", "prefix"])
def test_show_json_round_trips(db, all_claims, length):
    claim = by_text(all_claims, "More than 3,000 soldiers")
    assert json_out(invoke("show", claim["id"][:length], "--db", db, "--format", "json")) == claim


@pytest.mark.parametrize("claim_id", ["ffffffffffffffff", "fffffff", "ab"])
def test_show_unknown_id(db, all_claims, claim_id):
    assert not any(c["id"].startswith(claim_id) for c in all_claims)
    result = invoke("show", claim_id, "--db", db)
    assert result.exit_code != 0
    assert_clean(result)
    assert "Error:" in result.stderr
    assert claim_id in result.stderr


# --- the store option ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "command", [["claims"], ["articles"], ["speakers"], ["show", "abcd1234"]], ids=lambda c: c[0]
)
def test_query_on_missing_store(tmp_path, command):
    missing = tmp_path / "none.db"
    result = invoke(*command, "--db", missing)
    assert result.exit_code == 2
    assert_clean(result)
    assert result.stderr.startswith("Error:")
    assert "none.db" in result.stderr
    assert not missing.exists()
    assert list(tmp_path.iterdir()) == []


def test_db_from_environment(db, all_claims):
    result = invoke("claims", "--format", "json", env={"CLAIMTRACK_DB": str(db)})
    assert json_out(result) == all_claims


def test_db_option_beats_environment(db, tmp_path, all_claims):
    result = invoke("claims", "--db", db, "--format", "json", env={"CLAIMTRACK_DB": str(tmp_path / "x.db")})
    assert json_out(result) == all_claims


# --- version, help ---------------------------------------------------------------------------


def test_version():
    result = invoke("--version")
    assert result.exit_code == 0
    assert result.output.strip() == f"claimtrack {claimtrack.__version__}"


def test_help_lists_commands():
    result = invoke("--help")
    assert result.exit_code == 0
    for name in ("extract", "claims", "articles", "speakers", "show"):
        assert name in result.output


# --- import hygiene ----------------------------------------------------------------------------

_PROBE = """
import json, sys
from claimtrack.cli import app
for argv in json.loads(sys.argv[1]):
    code = app(argv, standalone_mode=False)
    assert code in (None, 0), (argv, code)
print("\\nLOADED=" + json.dumps(sorted(m for m in ("spacy", "dateparser", "sqlalchemy") if m in sys.modules)))
"""


@pytest.mark.parametrize(
    "runs",
    [
        [["--help"]],
        [["claims", "--db", "{db}"], ["claims", "--db", "{db}", "--format", "csv", "--speaker", "novak"],
         ["articles", "--db", "{db}"], ["speakers", "--db", "{db}"], ["show", "{claim}", "--db", "{db}"],
         ["diff", "--db", "{db}", "--all"], ["claims", "--db", "{db}", "--search", "bridge"]],
    ],
    ids=["help", "queries"],
)
def test_query_commands_do_not_import_nlp_or_sqlalchemy(db, all_claims, runs):
    """Each list runs in one fresh interpreter; spaCy and dateparser must stay unloaded,
    and so must SQLAlchemy: reading a SQLite store needs only the standard library."""
    runs = [[a.format(db=db, claim=all_claims[0]["id"]) for a in argv] for argv in runs]
    done = subprocess.run(
        [sys.executable, "-c", _PROBE, json.dumps(runs)], capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr
    assert all_claims[0]["text"] in done.stdout or runs == [["--help"]]
    loaded = done.stdout.rsplit("LOADED=", 1)[1].strip()
    assert json.loads(loaded) == []


def test_tables_show_the_first_rows_and_say_there_are_more(tmp_path):
    db = tmp_path / "many.db"
    article = Article(id="a-many", path="many.txt", source="Long Wire", text="Invented body.")
    claims = [
        Claim(id=f"c{n:03d}", kind="quote", article=article.info(), text=f"statement number {n}",
              sentence=f"An invented statement number {n}.", start=n * 40, end=n * 40 + 20,
              speaker=Speaker(name=f"Speaker {n:03d}", mention=f"Speaker {n:03d}", kind="person"))
        for n in range(TABLE_ROWS + 5)
    ]
    with Store.open(str(db), create=True) as store:
        store.save(article, claims)

    for command in ("claims", "speakers"):
        table = invoke(command, "--db", db)
        assert table.exit_code == 0, table.output
        assert f"Showing the first {TABLE_ROWS} {command}" in table.output
        assert "c000" in table.output or command == "speakers"
        assert len(json_out(invoke(command, "--db", db, "--format", "json"))) == TABLE_ROWS + 5
        everything = invoke(command, "--db", db, "--limit", TABLE_ROWS + 5)
        assert "Showing the first" not in everything.output
    assert "c054" not in invoke("claims", "--db", db).output
    assert "c054" in invoke("claims", "--db", db, "--limit", 60).output


# --- output safety -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "value, expected",
    [
        ("=1+2", "'=1+2"),
        ("+44 20 7946 0000", "'+44 20 7946 0000"),
        ("-5 percent", "'-5 percent"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("plain words", "plain words"),
        ("a = b", "a = b"),
    ],
)
def test_to_csv_neutralises_formula_cells(value, expected):
    speaker = Speaker(name=value, mention=value, kind="person")
    claim = Claim(
        id="c1", kind="quote", article=ArticleInfo(id="a1", source=value), text=value,
        sentence="s", start=0, end=1, speaker=speaker,
    )
    [row] = list(csv.DictReader(io.StringIO(render.to_csv([claim], Claim))))
    assert (row["text"], row["speaker.name"], row["article.source"]) == (expected,) * 3


CSV_FORMULA = ("=", "+", "-", "@")


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        # A bare CR, which a writer ending rows in LF would leave unquoted: a reader
        # would end the row there and start the next "row" with the formula.
        ("Wire\r=HYPERLINK(\"http://evil.example\")", "Wire\n'=HYPERLINK(\"http://evil.example\")"),
        ("Wire\r\n+1+2", "Wire\n'+1+2"),
        ("Wire\n@SUM(A1)", "Wire\n'@SUM(A1)"),
        ("\r=cmd", "'\n'=cmd"),
        ("Wire\u2028-2+3\x0b=4\x85@5", "Wire\n'-2+3\n'=4\n'@5"),
        ("two\nplain lines", "two\nplain lines"),
        ("bell\x07 and escape\x1b[2J", "bell and escape[2J"),
        ("tab\tinside", "tab\tinside"),
    ],
    ids=["bare-cr", "crlf", "lf", "starts-with-cr", "other-breaks", "plain-lines", "controls", "tab"],
)
def test_to_csv_cells_with_line_breaks_stay_in_their_row(value, expected):
    speaker = Speaker(name=value, mention=value, kind="person")
    claims = [
        Claim(id=f"c{n}", kind="quote", article=ArticleInfo(id="a1", source=value, path=value), text=value,
              sentence="s", start=0, end=1, speaker=speaker)
        for n in range(2)
    ]
    output = render.to_csv(claims, Claim)
    rows = list(csv.DictReader(io.StringIO(output)))
    assert [r["id"] for r in rows] == ["c0", "c1"]
    for row in rows:
        assert (row["text"], row["speaker.name"], row["article.source"], row["article.path"]) == (expected,) * 4
    # A naive reader that splits lines finds no line starting with a formula either.
    assert not [line for line in output.splitlines() if line.startswith(CSV_FORMULA)]
    assert not [line for line in output.split("\n") if line.startswith(CSV_FORMULA)]


@pytest.mark.parametrize(
    "raw, expected",
    [
        ("\x1b[31mred\x1b[0m alert", "red alert"),
        # Bidirectional overrides and isolates would show the text in another order.
        ("\u202eevil\u202c.txt", "evil.txt"),
        ("\u2066a\u2067b\u2068c\u2069 \u202a\u202b\u202dd", "abc d"),
        ("bell\x07 and back\x08space", "bell and backspace"),
        ("\x1b]0;owned\x07title", "0;ownedtitle"),
        ("c1\x9b2J csi", "c12J csi"),
        ("[bold]not markup[/bold]", "[bold]not markup[/bold]"),
        (None, ""),
        ("tab\tand\nnewline", "tab\tand\nnewline"),
    ],
)
def test_safe_text(raw, expected):
    assert render.safe_text(raw).plain == expected


def test_claims_table_strips_control_sequences():
    info = ArticleInfo(id="a1", source="\x1b[2JWire", published=dt.date(2021, 1, 5))
    claim = Claim(
        id="0123456789abcdef", kind="figure", article=info, text="\x1b[31m7 boats\x1b[0m\x07",
        sentence="7 boats", start=0, end=7,
        speaker=Speaker(name="Ines\x1b]8;;http://x\x1b\\ Kor", mention="Kor", kind="person"),
        figure=Figure(value=7, low=7, high=7, qualifier="exact", unit="boats", category="equipment"),
    )
    out = io.StringIO()
    Console(file=out, width=200, color_system=None, force_terminal=False).print(render.claims_table([claim]))
    text = out.getvalue()
    assert "\x1b" not in text and "\x07" not in text
    assert "7 boats" in text and "Wire" in text and "2021-01-05" in text and "01234567" in text


def test_error_messages_strip_escape_sequences_from_paths(tmp_path):
    result = invoke("extract", tmp_path / "\x1b]0;owned\x07\u202egone.txt", "--db", tmp_path / "c.db")
    assert result.exit_code == 2
    assert "Error: no such file or folder:" in result.stderr and "gone.txt" in result.stderr
    assert not any(char in result.output for char in "\x1b\x07\u202e")


# --- extract: options checked before anything is done ---------------------------------------


@pytest.mark.parametrize(
    ("address", "accepted"),
    [
        ("tcp://127.0.0.1:8786", True),
        ("tls://scheduler.example:8786", True),
        ("scheduler.example:8786", True),
        ("tcp://[::1]:8786", True),
        ("local:2", True),  # N is checked where the local cluster starts
        ("bogus", False),
        ("tcp://scheduler.example", False),
        ("tcp://:8786", False),
        ("http://a b:8786", False),
        ("", False),
    ],
)
def test_cluster_address_is_checked(address, accepted):
    from claimtrack import cli
    from claimtrack.errors import UsageError

    if accepted:
        cli._check_cluster(address)
    else:
        with pytest.raises(UsageError, match="is not a Dask scheduler address"):
            cli._check_cluster(address)


@pytest.mark.parametrize(
    ("options", "message"),
    [
        (["--cluster", "bogus"], "Error: --cluster 'bogus' is not a Dask scheduler address."),
        (["--db", "sqlite://"], "Error: --db sqlite:// is a database in memory"),
        (["--db", "sqlite:///:memory:"], "Error: --db sqlite:///:memory: is a database in memory"),
        (["--db", "sqlite+pysqlite://"], "Error: --db sqlite+pysqlite:// is a database in memory"),
        (["--db", "sqlite:///file:memdb?mode=memory&uri=true"], "is a database in memory"),
    ],
    ids=["cluster", "sqlite-url", "memory-name", "driver-url", "uri-memory-mode"],
)
def test_extract_refuses_what_cannot_work_before_reading_anything(tmp_path, monkeypatch, options, message):
    monkeypatch.chdir(tmp_path)
    write_corpus(tmp_path / "articles", {"one.txt": CORPUS["a_bridge.txt"]})
    result = invoke("extract", "articles", "--db", "c.db", *options)
    assert result.exit_code == 2, result.output
    assert_clean(result)
    assert message in result.stderr
    assert "stored" not in result.output
    assert sorted(p.name for p in tmp_path.iterdir()) == ["articles"]


@pytest.mark.parametrize(("jobs", "cpus", "ran", "note"), [
    (64, 2, 2, "Note: --jobs 64 is more than the 2 CPUs here; running 2 jobs.\n"),
    (3, 4, 3, ""),
    (2, 2, 2, ""),
])
def test_extract_runs_no_more_jobs_than_cpus(tmp_path, monkeypatch, jobs, cpus, ran, note):
    from claimtrack.ingest import run
    from claimtrack.models import ExtractReport

    asked = {}

    def fake_extract_into(db, paths, options, **callbacks):
        asked.update(options.model_dump())
        return ExtractReport(outcomes=())

    monkeypatch.setattr(run, "extract_into", fake_extract_into)
    monkeypatch.setattr(os, "sched_getaffinity", lambda pid: set(range(cpus)), raising=False)
    monkeypatch.setattr(os, "cpu_count", lambda: cpus)
    result = invoke("extract", tmp_path, "--db", tmp_path / "c.db", "--jobs", jobs)
    assert result.exit_code == 0, result.output
    assert (asked["jobs"], result.stderr) == (ran, note)


def test_a_full_disk_is_not_hinted_as_permissions():
    from claimtrack.errors import StoreUnwritable
    from claimtrack.store.dialect import SQLite

    class FullError(Exception):
        sqlite_errorname = "SQLITE_FULL"

    error = SQLite().translate(FullError("database or disk is full"), "claims.db", "write")
    assert isinstance(error, StoreUnwritable)
    assert "disk space" in error.hint


def _troop_report(n: int, value: int, qualifier: str = "exact") -> Claim:
    article = ArticleInfo(id=f"a{n}", path=f"{n}.txt", source=f"Outlet {n}")
    low = value if qualifier in ("exact", "more_than") else None
    return Claim(
        id=f"f{n:03d}", kind="figure", article=article, text=f"{value:,} troops", sentence=f"{value:,} troops moved.",
        start=0, end=10, figure=Figure(value=value, low=low, high=value if qualifier == "exact" else None,
                                       qualifier=qualifier, unit="troops", category="troops"),
    )


def test_diff_table_shows_ten_reports_of_a_long_group_with_its_extremes():
    reports = [_troop_report(n, 5_000 + n) for n in range(15)]
    reports[12] = _troop_report(12, 900)  # the lowest, late in the list
    reports[13] = _troop_report(13, 20_000, "more_than")  # the highest
    group = FigureGroup(label="troops", category="troops", verdict="contradictory", spread=22.2, sources=15,
                        dates_differ=False, explanation=(), figures=tuple(reports))
    console = Console(width=200, record=True)
    console.print(render.figure_groups([group]))
    shown = console.export_text()
    assert [r.text for r in reports if r.text in shown] == [r.text for r in reports[:8]] + ["900 troops", "20,000 troops"]
    assert "… 5 more reports (--format json lists them all)" in shown
