"""A shared PostgreSQL store and extraction on a Dask cluster, against the real things:
a throwaway PostgreSQL server (tests/conftest.py) and a local Dask cluster of worker
processes. Articles are invented, except the seeds, which the project ships."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

import pytest
from typer.testing import CliRunner

from claimtrack.cli import app
from conftest import write_corpus
from newsroom import write_articles

runner = CliRunner()
SEEDS = Path(__file__).resolve().parent.parent / "seeds"
QUERIES = (
    ["claims"], ["claims", "--speaker", "novak", "--limit", "2"], ["claims", "--search", "bridge"],
    ["claims", "--kind", "figure", "--since", "2021-05-01"], ["diff", "--all"], ["speakers"], ["articles"],
)


def cli(*args: str, **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "claimtrack", *args], capture_output=True, text=True, timeout=600, **kwargs
    )


def answers(db: str) -> dict[str, object]:
    """What every query command prints as JSON for the store at ``db``."""
    found = {}
    for query in QUERIES:
        result = runner.invoke(app, [*query, "--db", db, "--format", "json"])
        assert result.exit_code == 0, result.output
        found[" ".join(query)] = json.loads(result.stdout)
    return found


def sqlite_reference(folder: Path, tmp_path: Path) -> dict[str, object]:
    db = str(tmp_path / "reference.db")
    result = runner.invoke(app, ["extract", str(folder), "--db", db])
    assert result.exit_code == 0, result.output
    return answers(db)


def count_articles(url: str) -> int:
    import psycopg

    with psycopg.connect(url.replace("+psycopg", "")) as conn:
        try:
            return conn.execute("SELECT count(*) FROM articles").fetchone()[0]
        except psycopg.errors.UndefinedTable:
            return 0


@pytest.mark.postgres
def test_a_postgres_store_answers_every_query_as_sqlite_does(postgres_db, tmp_path):
    folder = write_corpus(tmp_path / "news")
    result = runner.invoke(app, ["extract", str(folder), "--db", postgres_db])
    assert result.exit_code == 0, result.output
    assert answers(postgres_db) == sqlite_reference(folder, tmp_path)
    # Extracting again changes nothing: the articles are skipped, then replaced.
    again = runner.invoke(app, ["extract", str(folder), "--db", postgres_db, "--force"])
    assert again.exit_code == 0, again.output
    assert answers(postgres_db) == sqlite_reference(folder, tmp_path)


@pytest.mark.postgres
def test_concurrent_writers_into_postgres_lose_and_duplicate_nothing(postgres_db, tmp_path):
    write_articles(tmp_path / "desk-a", 30)
    write_articles(tmp_path / "desk-b", 30, start=20)  # ten articles in both
    runner.invoke(app, ["articles", "--db", postgres_db])  # nothing yet
    writers = [
        subprocess.Popen([sys.executable, "-m", "claimtrack", "extract", str(tmp_path / desk), "--db", postgres_db],
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        for desk in ("desk-a", "desk-b")
    ]
    results = [writer.communicate(timeout=600) for writer in writers]
    assert [w.returncode for w in writers] == [0, 0], [err for _, err in results]
    claims = answers(postgres_db)["claims"]
    assert len({c["article"]["id"] for c in claims}) == 50
    assert len({c["id"] for c in claims}) == len(claims)


@pytest.mark.postgres
@pytest.mark.cluster
def test_the_seeds_on_a_local_cluster_into_postgres_match_one_process_into_sqlite(postgres_db, tmp_path):
    result = cli("extract", str(SEEDS), "--cluster", "local:2", "--db", postgres_db, "--report", "json")
    assert result.returncode == 0, result.stderr
    outcomes = json.loads(result.stdout)
    assert Counter(o["status"] for o in outcomes) == {"stored": len(list(SEEDS.glob("*.txt")))}
    assert answers(postgres_db) == sqlite_reference(SEEDS, tmp_path)


@pytest.mark.postgres
@pytest.mark.cluster
def test_a_worker_killed_mid_run_loses_and_duplicates_nothing(postgres_db, tmp_path):
    import psutil

    folder = tmp_path / "news"
    write_articles(folder, 96)
    run = subprocess.Popen(
        [sys.executable, "-m", "claimtrack", "extract", str(folder), "--cluster", "local:2", "--db", postgres_db,
         "--report", "json"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )
    deadline = time.monotonic() + 300
    while count_articles(postgres_db) == 0:
        assert run.poll() is None, run.communicate()
        assert time.monotonic() < deadline
        time.sleep(0.05)
    workers = [p for p in psutil.Process(run.pid).children() if "spawn_main" in " ".join(p.cmdline())]
    assert len(workers) == 2
    os.kill(workers[0].pid, signal.SIGKILL)
    out, err = run.communicate(timeout=600)
    assert run.returncode == 0, err
    outcomes = json.loads(out)
    assert len(outcomes) == 96
    # The lost batch ran again elsewhere; what its worker stored before dying was whole
    # and is skipped by its content hash.
    for outcome in outcomes:
        assert outcome["status"] == "stored" or outcome["reason"].startswith("unchanged, already stored"), outcome
    assert count_articles(postgres_db) == 96
    assert answers(postgres_db) == sqlite_reference(folder, tmp_path)


@pytest.mark.cluster
def test_cluster_usage_errors(tmp_path):
    folder = write_corpus(tmp_path / "news")
    db = str(tmp_path / "c.db")
    for options, message in [
        (["--cluster", "local:zero"], "write local:N"),
        (["--cluster", "local:2", "--jobs", "2"], "--jobs is for one machine"),
    ]:
        result = runner.invoke(app, ["extract", str(folder), "--db", db, *options])
        assert result.exit_code == 2 and message in result.stderr, result.output
    result = runner.invoke(app, ["extract", "-", "--db", db, "--cluster", "local:1"], input="text")
    assert result.exit_code == 2 and "Standard input" in result.stderr
    unreachable = runner.invoke(app, ["extract", str(folder), "--db", db, "--cluster", "tcp://127.0.0.1:9"])
    assert unreachable.exit_code == 2 and "Could not reach the Dask scheduler" in unreachable.stderr
