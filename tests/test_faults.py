"""One article never stops a run: a rule that raises on its text, a save the store
refuses, an extraction that takes too long, a worker process that dies on it. The
article fails with a one-line reason, the others are stored, and the derived tables
(speaker identities, figure groups) are brought up to date all the same. Faults of the
store itself still stop the run. Workers never outlive the run.

Faults are injected through a test double of the figure extractor (tests/faulty.py);
processes in the last tests are real and killed with real signals. Every article is
invented.
"""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
import sqlalchemy.exc
from typer.testing import CliRunner

import faulty
from claimtrack.ingest import articles as ingest
from claimtrack.ingest import pool
from claimtrack.store import writes as store_writes
from claimtrack.cli import STALE_GROUPS_NOTE, app
from claimtrack.extract import claims as claims_module
from claimtrack.ingest.job import extract_paths
from claimtrack.ingest.options import ExtractOptions
from claimtrack.ingest.pool import WORKER_DIED
from claimtrack.models import GroupFilter
from claimtrack.store import Store
from conftest import write_corpus
from newsroom import write_articles

runner = CliRunner()

# Two outlets report one figure (so they form a figure group) through one speaker (so
# they share an identity); the third article names faulty.MARKER.
THREE = {
    "a_border.txt": (
        "Title: Troops Gather Near Northern Border\nSource: Valley Herald\nDate: 2021-08-20\n\n"
        "More than 3,000 soldiers have been moved to the northern border, General Petra Voss said on Thursday.\n\n"
        '"Our patrols will continue day and night," Voss said.\n'
    ),
    "b_harbour.txt": (
        f"Title: Harbour Works In {faulty.MARKER}\nSource: Eastvale Courier\nDate: 2021-08-22\n\n"
        f"Mayor Lena Brook said 250 workers would rebuild the harbour in {faulty.MARKER}.\n\n"
        '"The harbour reopens in May," Brook said.\n'
    ),
    "c_border.txt": (
        "Title: Army Moves Soldiers North\nSource: Northern Ledger\nDate: 2021-08-21\n\n"
        "About 3,000 soldiers have been moved to the northern border, General Petra Voss told reporters in "
        "Lindport on Friday.\n\n"
        '"We are watching every road," Voss added.\n'
    ),
}
GOOD = ("a_border.txt", "c_border.txt")
FAULTY = "b_harbour.txt"
INTERNAL_ERROR = "internal error while extracting: KeyError: 'an invented fault'; please report it"
REFUSED = "internal error while saving: IntegrityError: UNIQUE constraint failed: claims.id; please report it"


def invoke(*args: object, env: dict[str, str] | None = None):
    return runner.invoke(app, [str(a) for a in args], env=env)


def outcomes_of(result) -> dict[str, dict]:
    return {Path(o["path"]).name: o for o in json.loads(result.stdout)}


def assert_derived_tables_are_current(db: Path) -> None:
    """The two good articles made it into the speaker identities and figure groups."""
    speakers = json.loads(invoke("speakers", "--db", db, "--format", "json").stdout)
    assert [(s["name"], s["articles"]) for s in speakers] == [("Petra Voss", 2)]
    with Store.open(str(db), create=False) as store:
        assert not store.figure_groups_stale()
    groups = json.loads(invoke("diff", "--all", "--db", db, "--format", "json").stdout)
    assert [sorted(Path(c["article"]["path"]).name for c in g["figures"]) for g in groups] == [list(GOOD)]


def refuse_one_save(monkeypatch) -> None:
    """The store refuses the rows of faulty.MARKER's article, as it refuses a duplicate claim id."""
    original = store_writes.save_article

    def save_article(conn, article, claims):
        if faulty.MARKER in article.text:
            raise sqlalchemy.exc.IntegrityError(
                "INSERT INTO claims ...", {}, sqlite3.IntegrityError("UNIQUE constraint failed: claims.id")
            )
        return original(conn, article, claims)

    monkeypatch.setattr(store_writes, "save_article", save_article)


def inject(monkeypatch, kind: str, jobs: int) -> None:
    if jobs == 1:
        monkeypatch.setattr(claims_module, "extract_figures", faulty.faulty_extract_figures(kind, claims_module.extract_figures))
    else:
        monkeypatch.setattr(pool, "_work", faulty.worker(kind))


# --- one article's fault -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("fault", "jobs", "reason"),
    [
        ("raise", 1, INTERNAL_ERROR),
        ("raise", 2, INTERNAL_ERROR),
        ("refused save", 1, REFUSED),
        ("refused save", 2, REFUSED),
        ("die", 2, WORKER_DIED),
    ],
)
def test_a_fault_in_one_article_fails_it_and_the_run_goes_on(tmp_path, monkeypatch, fault, jobs, reason):
    folder = write_corpus(tmp_path / "news", THREE)
    db = tmp_path / "c.db"
    if fault == "refused save":
        refuse_one_save(monkeypatch)
    else:
        inject(monkeypatch, fault, jobs)

    result = invoke("extract", folder, "--db", db, "--jobs", jobs, "--report", "json")

    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output
    outcomes = outcomes_of(result)
    assert {name: (o["status"], o["reason"]) for name, o in outcomes.items()} == {
        GOOD[0]: ("stored", None), FAULTY: ("failed", reason), GOOD[1]: ("stored", None),
    }
    assert_derived_tables_are_current(db)


def test_the_summary_gives_the_reason_on_one_line(tmp_path, monkeypatch):
    folder = write_corpus(tmp_path / "news", THREE)
    inject(monkeypatch, "raise", 1)
    result = invoke("extract", folder, "--db", tmp_path / "c.db")
    assert result.exit_code == 1
    assert "2 articles stored" in result.stdout
    assert "KeyError" in result.stdout and "Traceback" not in result.output


@pytest.mark.parametrize(
    ("options", "env", "traceback_shown"),
    [
        ([], {}, False),
        (["--debug"], {}, True),
        ([], {"CLAIMTRACK_DEBUG": "1"}, True),
        ([], {"CLAIMTRACK_DEBUG": "0"}, False),
        (["--debug", "--jobs", "2"], {}, True),
    ],
)
def test_debug_prints_the_traceback_of_a_fault(tmp_path, monkeypatch, options, env, traceback_shown):
    folder = write_corpus(tmp_path / "news", THREE)
    inject(monkeypatch, "raise", 2 if "--jobs" in options else 1)
    result = invoke("extract", folder, "--db", tmp_path / "c.db", "--report", "json", *options, env=env)
    assert result.exit_code == 1
    json.loads(result.stdout)  # the traceback never mixes with the report
    shown = "Traceback (most recent call last)" in result.stderr
    assert shown == traceback_shown, result.stderr
    if traceback_shown:
        assert f"{FAULTY}: {INTERNAL_ERROR}" in result.stderr
        assert "KeyError: 'an invented fault'" in result.stderr and "faulty.py" in result.stderr


@pytest.mark.parametrize("jobs", [1, 2])
def test_an_article_that_takes_too_long_fails_and_the_others_are_stored(tmp_path, monkeypatch, jobs):
    folder = write_corpus(tmp_path / "news", THREE)
    inject(monkeypatch, "hang", jobs)
    started = time.monotonic()
    with Store.open(str(tmp_path / "c.db"), create=True) as store:
        report = extract_paths([folder], store, ExtractOptions(jobs=jobs, time_limit=1.0))
    assert time.monotonic() - started < 45  # the fault sleeps 60 s
    assert {Path(o.path).name: (o.status, o.reason) for o in report.outcomes} == {
        GOOD[0]: ("stored", None), FAULTY: ("failed", "extraction took longer than 1 s"), GOOD[1]: ("stored", None),
    }


@pytest.mark.parametrize(
    ("text", "windows", "allowed"),
    [
        ("short", 1, 10.0),
        ("x" * ingest.PARSE_WINDOW_CHARS, 1, 10.0),
        ("x" * (ingest.PARSE_WINDOW_CHARS + 1), 2, 10.0 + ingest.TIME_LIMIT_PER_WINDOW),
        ("x" * (3 * ingest.PARSE_WINDOW_CHARS), 3, 10.0 + 2 * ingest.TIME_LIMIT_PER_WINDOW),
    ],
)
def test_a_long_text_is_allowed_time_for_each_window(text, windows, allowed):
    from claimtrack.models import Article

    article = Article(id="a", text=text)
    assert len(ingest.parse_windows(text)) == windows
    assert ingest.time_allowed(article, 10.0) == allowed
    assert ingest.time_allowed(article, None) is None


@pytest.mark.cluster
def test_a_fault_in_one_article_on_a_cluster_fails_it_and_the_run_goes_on(tmp_path, monkeypatch):
    from claimtrack.ingest import cluster

    folder = write_corpus(tmp_path / "news", THREE)
    db = tmp_path / "c.db"
    monkeypatch.setattr(cluster, "_extract_batch", faulty.cluster_batch("raise"))
    result = invoke("extract", folder, "--db", db, "--cluster", "local:1", "--report", "json", "--debug")
    assert result.exit_code == 1, result.output
    assert {name: (o["status"], o["reason"]) for name, o in outcomes_of(result).items()} == {
        GOOD[0]: ("stored", None), FAULTY: ("failed", INTERNAL_ERROR), GOOD[1]: ("stored", None),
    }
    # The worker's traceback came back with its batch.
    assert "Traceback (most recent call last)" in result.stderr and "faulty.py" in result.stderr
    assert_derived_tables_are_current(db)


# --- faults of the store stop the run --------------------------------------------------------------


def test_a_full_disk_stops_the_run_and_keeps_what_was_stored(tmp_path, monkeypatch):
    folder = write_corpus(tmp_path / "news", THREE)
    db = tmp_path / "c.db"
    original = store_writes.save_article

    def save_article(conn, article, claims):
        if faulty.MARKER in article.text:
            full = sqlite3.OperationalError("database or disk is full")
            full.sqlite_errorname = "SQLITE_FULL"
            raise sqlalchemy.exc.OperationalError("INSERT INTO claims ...", {}, full)
        return original(conn, article, claims)

    monkeypatch.setattr(store_writes, "save_article", save_article)
    result = invoke("extract", folder, "--db", db, "--report", "json")
    assert result.exit_code == 2
    assert result.stderr.startswith("Error: Could not save article") and "database or disk is full" in result.stderr
    assert "Traceback" not in result.output
    with sqlite3.connect(db) as conn:
        assert [Path(p).name for (p,) in conn.execute("SELECT path FROM articles")] == [GOOD[0]]
    conn.close()


# --- batches are bounded by characters -------------------------------------------------------------


@pytest.mark.parametrize(
    ("lengths", "batch_size", "expected"),
    [
        ([], 32, []),
        ([10, 10, 10], 32, [[10, 10, 10]]),
        ([10, 10, 10], 2, [[10, 10], [10]]),
        ([ingest.BATCH_CHARS, 1], 32, [[ingest.BATCH_CHARS], [1]]),
        ([ingest.BATCH_CHARS // 2] * 3, 32, [[ingest.BATCH_CHARS // 2] * 2, [ingest.BATCH_CHARS // 2]]),
        ([ingest.BATCH_CHARS // 2 + 1] * 2, 32, [[ingest.BATCH_CHARS // 2 + 1]] * 2),
    ],
)
def test_parse_batches_hold_at_most_batch_chars(lengths, batch_size, expected):
    windows = iter([("x" * n, 0, None) for n in lengths])
    assert [[len(text) for text, _, _ in batch] for batch in ingest._window_batches(windows, batch_size)] == expected


def test_a_long_text_is_extracted_window_by_window_with_one_window_parsed_at_a_time(tmp_path, monkeypatch):
    monkeypatch.setattr(ingest, "PARSE_WINDOW_CHARS", 300)
    monkeypatch.setattr(ingest, "BATCH_CHARS", 300)
    from claimtrack.nlp.pipeline import choose_model, load_pipeline

    nlp = load_pipeline(choose_model())
    parsed: list[int] = []
    original_pipe = nlp.pipe

    def pipe(texts, **kwargs):
        texts = list(texts)
        parsed.append(sum(len(t) for t in texts))
        return original_pipe(texts, **kwargs)

    monkeypatch.setattr(nlp, "pipe", pipe)
    paragraphs = "\n\n".join(THREE[name].split("\n\n", 1)[1].strip() for name in GOOD)
    from claimtrack.models import Article

    article = Article(id="long", source="Test Wire", text="\n\n".join([paragraphs] * 4))
    ((stored, found),) = list(ingest.extract_articles(nlp, [article]))
    assert len(parsed) == len(ingest.parse_windows(article.text)) >= 4
    assert max(parsed) <= 300
    assert sum(1 for c in found if c.kind == "figure") == 8
    assert stored.topics


# --- worker processes ------------------------------------------------------------------------------

ARTICLES = 96


def _start(folder: Path, db: Path) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "claimtrack", "extract", str(folder), "--db", str(db), "--report", "json",
         "--jobs", "2"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )


def _stored(db: Path) -> int:
    if not db.exists():
        return 0
    conn = sqlite3.connect(db, timeout=30)
    try:
        return conn.execute("SELECT count(*) FROM articles").fetchone()[0]
    except sqlite3.OperationalError:  # the schema is not there yet
        return 0
    finally:
        conn.close()


def _workers_once_storing(run: subprocess.Popen, db: Path):
    import psutil

    deadline = time.monotonic() + 180
    while _stored(db) == 0:
        assert run.poll() is None, run.communicate()
        assert time.monotonic() < deadline
        time.sleep(0.05)
    workers = [p for p in psutil.Process(run.pid).children() if "spawn_main" in " ".join(p.cmdline())]
    assert len(workers) == 2
    return workers


def _gone(process) -> bool:
    import psutil

    try:
        return process.status() == psutil.STATUS_ZOMBIE  # exited, not yet reaped by its new parent
    except psutil.NoSuchProcess:
        return True


def test_workers_exit_when_the_main_process_is_killed(tmp_path):
    write_articles(tmp_path / "news", ARTICLES)
    run = _start(tmp_path / "news", tmp_path / "c.db")
    workers = _workers_once_storing(run, tmp_path / "c.db")
    run.send_signal(signal.SIGKILL)
    run.communicate(timeout=60)
    deadline = time.monotonic() + 10
    while not all(_gone(w) for w in workers):
        assert time.monotonic() < deadline, [w.pid for w in workers if not _gone(w)]
        time.sleep(0.1)


def test_a_worker_killed_mid_run_is_replaced_and_its_articles_are_extracted_again(tmp_path):
    write_articles(tmp_path / "news", ARTICLES)
    db = tmp_path / "c.db"
    run = _start(tmp_path / "news", db)
    workers = _workers_once_storing(run, db)
    os.kill(workers[0].pid, signal.SIGKILL)
    out, err = run.communicate(timeout=600)
    assert "Traceback" not in err
    outcomes = json.loads(out)
    assert len(outcomes) == ARTICLES
    # Each article of the lost batch ran again on a new worker; none of them is the
    # cause, so every article is stored.
    assert {o["status"] for o in outcomes} == {"stored"}, [o for o in outcomes if o["status"] != "stored"]
    assert run.returncode == 0, err
    assert _stored(db) == ARTICLES


# --- a run killed while it refreshes the derived tables ------------------------------------------

# `claimtrack extract` in a real process, with one function of the refresh (module,
# name) replaced by a stall that says it has begun: the test kills the process there.
_STALLED_EXTRACT = """
import importlib, pathlib, sys, time

module, name, signal_file = sys.argv[1:4]

def stall(*args, **kwargs):
    pathlib.Path(signal_file).touch()
    time.sleep(600)

setattr(importlib.import_module(module), name, stall)
from claimtrack.cli import app
app(sys.argv[4:])
"""


def _stored_groups(db: Path) -> list[list[str]]:
    with Store.open(str(db), create=False) as store:
        groups = store.figure_groups(GroupFilter(include_consistent=True))
    return [sorted(Path(c.article.path).name for c in group.figures) for group in groups]


@pytest.mark.parametrize(
    ("module", "name", "stale_after_kill"),
    [
        # Before anything was refreshed: the speakers' summaries and the groups.
        ("claimtrack.linking.refresh", "refresh_linked", ("figure_groups", "speaker_summaries")),
        # The identities were refreshed, the groups not yet.
        ("claimtrack.linking.groups", "refresh_groups", ("figure_groups",)),
    ],
)
def test_a_run_killed_in_the_final_refresh_is_caught_up_by_a_run_with_nothing_new(
    tmp_path, module, name, stale_after_kill
):
    folder = write_corpus(tmp_path / "news", {file: THREE[file] for file in GOOD})
    db = tmp_path / "c.db"
    begun = tmp_path / "refreshing"
    run = subprocess.Popen(
        [sys.executable, "-c", _STALLED_EXTRACT, module, name, str(begun), "extract", str(folder), "--db", str(db)],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )
    deadline = time.monotonic() + 180
    while not begun.exists():
        assert run.poll() is None, run.communicate()
        assert time.monotonic() < deadline
        time.sleep(0.05)
    run.send_signal(signal.SIGKILL)
    run.communicate(timeout=60)
    with Store.open(str(db), create=False) as store:
        assert store.stale_derived_tables() == stale_after_kill
    assert _stored_groups(db) == []
    # Meanwhile diff groups the figures itself, and says so.
    computed = invoke("diff", "--all", "--db", db, "--format", "json")
    assert computed.exit_code == 0
    assert [len(g["figures"]) for g in json.loads(computed.stdout)] == [2]
    assert computed.stderr.strip() == STALE_GROUPS_NOTE

    # Every article is stored already: the run has nothing new, and still refreshes.
    result = invoke("extract", folder, "--db", db, "--report", "json")

    assert result.exit_code == 0, result.output
    assert {o["status"] for o in outcomes_of(result).values()} == {"skipped"}
    with Store.open(str(db), create=False) as store:
        assert store.stale_derived_tables() == ()
    assert _stored_groups(db) == [list(GOOD)]
    assert_derived_tables_are_current(db)
    assert invoke("diff", "--all", "--db", db).stderr == ""


# --- long sentences ----------------------------------------------------------------------------------


def test_a_sentence_of_thousands_of_words_is_extracted_in_seconds():
    """Each figure's date is looked up among the dates on its verb, not by walking every
    entity of the sentence and its ancestors (once 339 s for a sentence this long)."""
    from claimtrack.extract.claims import extract_claims
    from claimtrack.models import Article
    from claimtrack.nlp.pipeline import choose_model, load_pipeline

    places = ("Eastvale", "Lindport", "Northmarch", "Ashford", "Brinmoor", "Caldera")
    days = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday")
    clauses = [f"{n * 3 + 7} people were hurt on {days[n % 5]} in {places[n % 6]}" for n in range(1600)]
    import datetime as dt

    text = "Officials said " + ", ".join(clauses) + "."
    assert len(text) > 70_000
    article = Article(id="long-sentence", source="Test Wire", published=dt.date(2022, 2, 4), text=text)
    doc = load_pipeline(choose_model())(text)
    started = time.monotonic()
    found = extract_claims(doc, article)
    assert time.monotonic() - started < 30
    figures = [c for c in found if c.kind == "figure"]
    assert len(figures) > 1500
    # The dates are still found: "hurt on Monday" is the Monday before publication.
    weekdays = {day: dt.date(2022, 1, 31) + dt.timedelta(days=n) for n, day in enumerate(days)}
    dated = [c for c in figures if c.figure.as_of is not None]
    assert len(dated) > 1500
    assert all(c.figure.as_of == weekdays[c.figure.when] for c in dated)
