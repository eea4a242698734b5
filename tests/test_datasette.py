"""The store in datasette: its full-text index of claims is named and made the way
sqlite-utils' enable-fts makes one, so datasette's ?_search= searches claims (and only
returns the rows that match) with no configuration; datasette/metadata.json adds
facets and the saved queries "claims by speaker" and "disagreeing figures". Every
name, outlet and sentence here is invented (tests/desk.py)."""

from __future__ import annotations

import asyncio
import json
import re
import sqlite3
from pathlib import Path

import pytest
from datasette.app import Datasette
from typer.testing import CliRunner

from claimtrack.cli import app
from claimtrack.store import migrations
from desk import VOSS_CHRONICLE, VOSS_HERALD, build_desk_store, desk_claims

METADATA = Path(__file__).resolve().parent.parent / "datasette" / "metadata.json"
runner = CliRunner()


@pytest.fixture(scope="module")
def desk(tmp_path_factory) -> Path:
    # datasette names a database by its file: the metadata is for claimtrack.db.
    return build_desk_store(tmp_path_factory.mktemp("desk") / "claimtrack.db")


def fetch(db: Path, path: str, metadata: dict | None = None) -> dict:
    async def get() -> dict:
        datasette = Datasette(files=[str(db)], metadata=metadata)
        response = await datasette.client.get(path)
        assert response.status_code == 200, response.text
        return response.json()

    return asyncio.run(get())


def with_word(word: str) -> set[str]:
    """The ids of the desk's claims whose sentence holds ``word``."""
    return {claim.id for claims in desk_claims().values() for claim in claims
            if word in re.findall(r"\w+", claim.sentence.lower())}


@pytest.mark.parametrize(
    ("search", "word"),
    [("convoys", "convoys"), ("Estrava", "estrava"), ("troops", "troops"), ("zeppelin", "zeppelin")],
)
def test_datasette_search_returns_only_the_claims_that_match(desk, search, word):
    found = fetch(desk, f"/claimtrack/claims.json?_search={search}&_shape=objects&_size=max")
    assert {row["id"] for row in found["rows"]} == with_word(word)
    everything = fetch(desk, "/claimtrack/claims.json?_shape=objects&_size=max")
    assert len(everything["rows"]) == sum(len(claims) for claims in desk_claims().values()) > len(found["rows"])


def test_datasette_finds_the_index_by_its_name_and_shows_a_search_box(desk):
    async def page() -> str:
        return (await Datasette(files=[str(desk)]).client.get("/claimtrack/claims")).text

    assert 'name="_search"' in asyncio.run(page())


def test_claimtrack_search_and_datasette_search_agree(desk):
    result = runner.invoke(app, ["claims", "--db", str(desk), "--search", "convoys", "--format", "json"])
    assert {claim["id"] for claim in json.loads(result.stdout)} == with_word("convoys")


def test_metadata_adds_facets_and_saved_queries(desk):
    metadata = json.loads(METADATA.read_text(encoding="utf-8"))
    table = fetch(desk, "/claimtrack/claims.json?_shape=objects", metadata)
    assert {"kind", "figure_category", "speaker_name"} <= set(table["facet_results"])
    kinds = {value["value"]: value["count"] for value in table["facet_results"]["kind"]["results"]}
    assert kinds == {"quote": 5, "figure": 3}

    by_speaker = fetch(desk, "/claimtrack/claims_by_speaker.json?speaker=voss&_shape=objects", metadata)
    assert sorted(row["claim"] for row in by_speaker["rows"]) == sorted([VOSS_CHRONICLE, VOSS_HERALD])
    assert {row["speaker"] for row in by_speaker["rows"]} == {"Petra Voss"}

    disagreeing = fetch(desk, "/claimtrack/disagreeing_figures.json?_shape=objects", metadata)
    assert [(row["wording"], row["verdict"]) for row in disagreeing["rows"]] == [
        ("more than 40,000 troops", "contradictory"), ("tens of thousands of troops", "contradictory"),
        ("12,000 troops", "contradictory"),
    ]
    assert len({row["group_id"] for row in disagreeing["rows"]}) == 1


def test_a_store_from_before_version_9_gets_the_index_datasette_finds(tmp_path, monkeypatch):
    db = tmp_path / "claimtrack.db"
    monkeypatch.setattr(migrations, "MIGRATIONS", migrations.MIGRATIONS[:8])
    build_desk_store(db)
    monkeypatch.undo()

    def schema_sql() -> dict[str, str]:
        with sqlite3.connect(db) as conn:
            return dict(conn.execute("SELECT name, sql FROM sqlite_master WHERE name LIKE 'claims%'").fetchall())

    before = schema_sql()
    assert "content='claims'" in before["claims_fts"] and "claims_fts_insert" in before
    # Any command opens the store and migrates it.
    result = runner.invoke(app, ["claims", "--db", str(db), "--search", "convoys", "--format", "json"])
    assert result.exit_code == 0, result.output
    assert {claim["id"] for claim in json.loads(result.stdout)} == with_word("convoys")
    after = schema_sql()
    assert "content=[claims]" in after["claims_fts"]
    assert {"claims_ai", "claims_ad", "claims_au"} <= set(after)
    assert not {"claims_fts_insert", "claims_fts_delete", "claims_fts_update"} & set(after)
    found = fetch(db, "/claimtrack/claims.json?_search=convoys&_shape=objects")
    assert {row["id"] for row in found["rows"]} == with_word("convoys")
