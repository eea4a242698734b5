"""What a newsroom's scraper leaves behind, runs stopped halfway, several runs at once
and hostile text: claimtrack keeps going and never loses or corrupts a stored claim.

Processes here are real (`python -m claimtrack`), killed with real signals. Every
article is invented (tests/newsroom.py, tests/conftest.py).
"""

from __future__ import annotations

import codecs
import csv
import io
import json
import os
import resource
import signal
import sqlite3
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

import pytest
from typer.testing import CliRunner

from claimtrack.ingest import articles as ingest
from claimtrack.cli import app
from claimtrack.ingest.articles import parse_windows
from claimtrack.ingest.job import extract_paths
from claimtrack.inputs.load import iter_inputs
from claimtrack.models import Article, ClaimFilter
from claimtrack.store import Store
from conftest import CORPUS, write_corpus
from newsroom import article, write_articles

runner = CliRunner()
GOOD = CORPUS["c_border.txt"]


def invoke(*args: object):
    return runner.invoke(app, [str(a) for a in args])


def outcomes_of(result) -> dict[str, dict]:
    return {Path(o["path"]).name: o for o in json.loads(result.stdout)}


def stored_claims(db: Path) -> dict[str, set[str]]:
    """Claim ids by article id, read straight from the file."""
    conn = sqlite3.connect(db)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        found: dict[str, set[str]] = {a: set() for (a,) in conn.execute("SELECT id FROM articles")}
        for article_id, claim_id in conn.execute("SELECT article_id, id FROM claims"):
            found[article_id].add(claim_id)
        return found
    finally:
        conn.close()


# --- inputs: one reason each, and the good file still goes through ----------------------------

BAD_INPUTS = {
    "empty.txt": (b"", "failed", "empty file"),
    "blank.txt": (b" \n\t\r\n   \n", "failed", "empty file"),
    "photo.txt": (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00", "failed", "binary file (looks like PNG image)"),
    "scan.txt": (b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj", "failed", "binary file (looks like PDF)"),
    "huge.txt": (b"word " * 2_000, "failed", "file is 10.0 KB, over the 5.0 KB limit (--max-bytes raises it)"),
}
DECODED_INPUTS = {
    "windows.txt": (GOOD.replace("\n", "\r\n").replace('"', "“", 1).replace('"', "”", 1).encode("cp1252"),
                    "not UTF-8: decoded as cp1252"),
    "latin.txt": (GOOD.replace("Voss", "Voß").encode("latin-1").replace(b"said", b"d\xe9clared"),
                  "not UTF-8: decoded as latin-1"),
    "bom.txt": (b"\xef\xbb\xbf" + GOOD.encode(), None),
    "mixed-endings.txt": (GOOD.replace("\n\n", "\r\n\n", 2).replace("\n", "\r", 1).encode(), None),
    "utf32.txt": (GOOD.encode("utf-32"), "not UTF-8: decoded as UTF-32"),
    "utf32be.txt": (codecs.BOM_UTF32_BE + GOOD.encode("utf-32-be"), "not UTF-8: decoded as UTF-32"),
}


def test_a_folder_of_bad_inputs_reports_each_and_stores_the_rest(tmp_path):
    folder = tmp_path / "scraped"
    folder.mkdir()
    for name, (content, _, _) in BAD_INPUTS.items():
        (folder / name).write_bytes(content)
    for name, (content, _) in DECODED_INPUTS.items():
        (folder / name).write_bytes(content)
    (folder / "good.txt").write_text(GOOD, encoding="utf-8")

    result = invoke("extract", folder, "--db", tmp_path / "c.db", "--max-bytes", 5_000, "--report", "json")

    assert result.exit_code == 1, result.output
    outcomes = outcomes_of(result)
    for name, (_, status, reason) in BAD_INPUTS.items():
        assert (outcomes[name]["status"], outcomes[name]["reason"]) == (status, reason)
    for name, (_, note) in DECODED_INPUTS.items():
        assert outcomes[name]["status"] in ("stored", "skipped"), outcomes[name]
        assert outcomes[name]["notes"] == ([note] if note else [])
    # The BOM and line endings change nothing: the same body, so the same article,
    # stored from the first of those files and skipped for the others.
    same = ("bom.txt", "good.txt", "mixed-endings.txt")
    assert len({outcomes[n]["article_id"] for n in same}) == 1
    assert [outcomes[n]["status"] for n in same] == ["stored", "skipped", "skipped"]
    assert outcomes["bom.txt"]["figures"] >= 2 and outcomes["bom.txt"]["quotes"] >= 1
    assert outcomes["windows.txt"]["figures"] == outcomes["bom.txt"]["figures"]



FLAT_STRIKE = Path(__file__).resolve().parent.parent / "data" / "fixtures" / "harbor_strike.txt"
# A nesting depth no parser stack survives, and a number longer than Python converts.
DEEP = "[" * 1500 + "]" * 1500
HUGE_NUMBER = "9" * 5000
PARSER_INPUTS = {
    "deep.json": (DEEP, "failed", "unreadable JSON: nested more than 100 levels deep"),
    "deep.jsonl": (json.dumps({"text": GOOD}) + "\n" + DEEP + "\n", "failed",
                   "line 2: unreadable JSON: nested more than 100 levels deep"),
    "count.json": ('{"text": "Officials said 40 ferries ran.", "count": ' + HUGE_NUMBER + "}", "failed",
                   "unreadable JSON: a number longer than 4300 digits"),
    "surrogate.jsonl": ('{"text": "Officials in Lindport said on Monday that 40 ferries ran again \\ud800.", '
                        '"title": "Ferries \\ud800", "section": "\\udfff"}\n', "stored", None),
    # `tr '\n' ' '` on a file with a "Key: value" header.
    "flat.txt": (FLAT_STRIKE.read_text(encoding="utf-8").replace("\n", " "), "stored", None),
}


def test_inputs_the_parsers_choke_on_fail_alone_and_the_rest_go_through(tmp_path):
    folder = tmp_path / "scraped"
    folder.mkdir()
    for name, (content, _, _) in PARSER_INPUTS.items():
        (folder / name).write_text(content, encoding="utf-8")
    (folder / "good.txt").write_text(GOOD, encoding="utf-8")
    # A file name that is not UTF-8 reaches Python with a lone surrogate in it.
    (folder / os.fsdecode(b"caf\xe9.txt")).write_text(CORPUS["a_bridge.txt"], encoding="utf-8")
    db = tmp_path / "c.db"

    result = invoke("extract", folder, "--db", db, "--report", "json")

    assert result.exit_code == 1, result.output
    assert result.exc_info is None or result.exc_info[0] is SystemExit, result.exc_info
    outcomes = outcomes_of(result)
    for name, (_, status, reason) in PARSER_INPUTS.items():
        key = name + "#1" if name.endswith(".jsonl") and status == "stored" else name
        assert (outcomes[key]["status"], outcomes[key]["reason"]) == (status, reason), outcomes[key]
    assert outcomes["deep.jsonl#1"]["status"] == "stored"
    assert outcomes["surrogate.jsonl#1"]["notes"] == ["lone surrogate escapes (\\ud800) replaced with U+FFFD"]
    assert outcomes["caf\ufffd.txt"]["notes"] == ["file name is not UTF-8: shown with U+FFFD"]
    assert outcomes["good.txt"]["status"] == "stored" and outcomes["caf\ufffd.txt"]["status"] == "stored"
    articles = {Path(a["path"]).name: a for a in json.loads(invoke("articles", "--db", db, "--format", "json").stdout)}
    assert articles["surrogate.jsonl#1"]["title"] == "Ferries \ufffd"
    assert (articles["flat.txt"]["title"], articles["flat.txt"]["source"], articles["flat.txt"]["published"]) == (
        "Dockworkers Extend Strike as Talks Stall", "Coastal Ledger", "2023-03-09"
    )
    assert outcomes["flat.txt"]["quotes"] >= 2 and outcomes["flat.txt"]["figures"] >= 2


def test_max_bytes_raises_the_limit(tmp_path):
    path = tmp_path / "long.txt"
    path.write_text(GOOD + "\n" + "The committee met again. " * 400, encoding="utf-8")
    refused = invoke("extract", path, "--db", tmp_path / "c.db", "--max-bytes", 5_000, "--report", "json")
    assert refused.exit_code == 1 and outcomes_of(refused)["long.txt"]["status"] == "failed"
    taken = invoke("extract", path, "--db", tmp_path / "c.db", "--max-bytes", 50_000, "--report", "json")
    assert taken.exit_code == 0 and outcomes_of(taken)["long.txt"]["status"] == "stored"


def test_exit_codes(tmp_path):
    folder = write_corpus(tmp_path / "ok", {"a.txt": GOOD})
    assert invoke("extract", folder, "--db", tmp_path / "c.db").exit_code == 0
    (folder / "bad.txt").write_bytes(b"")
    assert invoke("extract", folder, "--db", tmp_path / "c.db").exit_code == 1
    assert invoke("extract", folder, "--db", tmp_path / "c.db", "--jobs", 0).exit_code == 2
    not_a_store = tmp_path / "notes.db"
    not_a_store.write_text("shopping list")
    result = invoke("extract", folder, "--db", not_a_store)
    assert result.exit_code == 2 and result.stderr.startswith("Error: ")
    assert not_a_store.read_text() == "shopping list"


def test_a_folder_with_no_articles(tmp_path):
    (tmp_path / "empty").mkdir()
    (tmp_path / "hidden").mkdir()
    (tmp_path / "hidden" / ".draft.txt").write_text(GOOD)
    result = invoke("extract", tmp_path / "empty", tmp_path / "hidden", "--db", tmp_path / "c.db", "--report", "json")
    assert result.exit_code == 0, result.output
    assert [(o["status"], o["reason"]) for o in json.loads(result.stdout)] == [
        ("skipped", "folder holds no article files")
    ] * 2


def test_symlink_loops_are_not_followed(tmp_path):
    folder = write_corpus(tmp_path / "news", {"a.txt": GOOD})
    (folder / "again").symlink_to(folder, target_is_directory=True)
    (folder / "self.txt").symlink_to(folder / "self.txt")
    result = invoke("extract", folder, "--db", tmp_path / "c.db", "--report", "json")
    outcomes = outcomes_of(result)
    assert outcomes["a.txt"]["status"] == "stored"
    assert outcomes["again"]["reason"] == "symlink to a folder, not followed"
    assert outcomes["self.txt"]["status"] == "failed"
    assert result.exit_code == 1


def test_paths_with_spaces_and_non_ascii_characters(tmp_path):
    folder = write_corpus(tmp_path / "Zeitungsausschnitte 2021" / "Øresund – Ελλάδα", {"Bericht über Zürich.txt": GOOD})
    db = tmp_path / "Datenbank ä.db"
    result = invoke("extract", folder.parent, "--db", db, "--report", "json")
    assert result.exit_code == 0, result.output
    (stored,) = json.loads(invoke("articles", "--db", db, "--format", "json").stdout)
    assert stored["path"] == str(folder / "Bericht über Zürich.txt")


@pytest.mark.parametrize(
    ("change", "reason"),
    [
        (lambda path: path.unlink(), "file disappeared before it could be read"),
        (lambda path: (path.unlink(), path.mkdir()), "cannot read file: is a directory"),
    ],
    ids=["removed", "replaced-by-a-folder"],
)
def test_a_file_that_changes_during_the_run(tmp_path, change, reason):
    folder = write_corpus(tmp_path / "news", {"a.txt": GOOD, "b.txt": CORPUS["a_bridge.txt"], "c.txt": GOOD + "\nEnd."})
    found = iter_inputs([folder])
    first = next(found)  # the folder is listed, and a.txt read, before b.txt changes
    change(folder / "b.txt")
    rest = list(found)
    assert isinstance(first, Article) and isinstance(rest[1], Article)
    assert (rest[0].path, rest[0].status, rest[0].reason) == (str(folder / "b.txt"), "failed", reason)


# --- files that are no files: real processes, bounded in time and memory --------------------------

# Far above what an extract run needs (about 0.5 GB of address space), far below the
# machine's memory: a run that reads /dev/zero dies of MemoryError instead.
CHILD_MEMORY = 2 * 1024**3


def _bounded():
    resource.setrlimit(resource.RLIMIT_AS, (CHILD_MEMORY, CHILD_MEMORY))


def _run_bounded(args: list[str], timeout: float, **options) -> subprocess.CompletedProcess:
    """``args`` in a real process, killed after ``timeout`` seconds (the test then fails)."""
    options.setdefault("stdout", subprocess.PIPE)
    try:
        return subprocess.run(args, stderr=subprocess.PIPE, text=True, timeout=timeout, preexec_fn=_bounded, **options)
    except subprocess.TimeoutExpired as expired:
        pytest.fail(f"{args[3:5]} hung for {timeout} s: {expired.stderr!r}")


@pytest.mark.parametrize(
    "make_sidecar",
    [
        lambda path: os.mkfifo(path),  # nobody writes to it: reading would wait for ever
        lambda path: path.symlink_to("/dev/zero"),  # reading would never end
    ],
    ids=["fifo", "dev-zero"],
)
def test_sidecars_that_are_a_fifo_or_a_device_are_never_opened(tmp_path, make_sidecar):
    folder = write_corpus(tmp_path / "news", {"a.txt": GOOD, "b.txt": CORPUS["a_bridge.txt"]})
    make_sidecar(folder / "a.meta.json")
    (folder / "b.meta.json").write_text(json.dumps({"title": "Bridge Promised"}))

    done = _run_bounded(
        [sys.executable, "-m", "claimtrack", "extract", str(folder), "--db", str(tmp_path / "c.db"), "--report", "json"],
        timeout=180,
    )

    assert done.returncode == 0, done.stderr
    outcomes = {Path(o["path"]).name: (o["status"], o["notes"]) for o in json.loads(done.stdout)}
    assert outcomes == {"a.txt": ("stored", ["ignored sidecar a.meta.json: not a regular file"]), "b.txt": ("stored", [])}
    titles = {Path(a["path"]).name: a["title"] for a in json.loads(invoke("articles", "--db", tmp_path / "c.db",
                                                                           "--format", "json").stdout)}
    assert titles == {"a.txt": "Troops Gather Near Border", "b.txt": "Bridge Promised"}


_SWAP_IN_A_FIFO = """
import json, os, sys
from claimtrack.inputs.load import iter_inputs
folder = sys.argv[1]
found = iter_inputs([folder])
first = next(found)  # the folder is listed, and a.txt read, before b.txt changes
os.unlink(os.path.join(folder, "b.txt"))
os.mkfifo(os.path.join(folder, "b.txt"))
print(json.dumps([[os.path.basename(item.path), getattr(item, "reason", None)] for item in [first, *found]]))
"""


def test_a_file_swapped_for_a_fifo_after_listing_is_not_read(tmp_path):
    folder = write_corpus(tmp_path / "news", {"a.txt": GOOD, "b.txt": CORPUS["a_bridge.txt"], "c.txt": CORPUS["b_budget.txt"]})
    done = _run_bounded([sys.executable, "-c", _SWAP_IN_A_FIFO, str(folder)], timeout=60)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout) == [["a.txt", None], ["b.txt", "not a regular file"], ["c.txt", None]]


def test_standard_input_closed(tmp_path):
    done = _run_bounded(
        ["sh", "-c", f'exec "{sys.executable}" -m claimtrack extract - --db "{tmp_path / "c.db"}" --report json <&-'],
        timeout=120,
    )
    assert done.returncode == 1, done.stderr
    assert "Traceback" not in done.stderr
    assert [(o["path"], o["status"], o["reason"]) for o in json.loads(done.stdout)] == [
        ("<stdin>", "failed", "standard input is closed")
    ]


@pytest.mark.parametrize(
    "command",
    [
        ["claims"], ["claims", "--format", "json"], ["claims", "--format", "csv"], ["claims", "--format", "jsonld"],
        ["articles"], ["speakers", "--format", "jsonl"], ["diff", "--all"],
    ],
    ids=lambda command: " ".join(command),
)
def test_output_to_a_full_disk_is_one_error(corpus_db, command):
    _, db = corpus_db
    with open("/dev/full", "w") as full:
        done = _run_bounded([sys.executable, "-m", "claimtrack", *command, "--db", str(db)], timeout=120, stdout=full)
    assert done.returncode == 2
    assert done.stderr.splitlines()[0] == "Error: cannot write output: No space left on device"
    assert "Traceback" not in done.stderr and "Exception ignored" not in done.stderr
    assert len(done.stderr.splitlines()) == 2  # the error and its hint


def test_extract_summary_to_a_full_disk_is_one_error_and_the_articles_are_stored(tmp_path):
    folder = write_corpus(tmp_path / "news", {"a.txt": GOOD})
    with open("/dev/full", "w") as full:
        done = _run_bounded([sys.executable, "-m", "claimtrack", "extract", str(folder), "--db", str(tmp_path / "c.db")],
                            timeout=180, stdout=full)
    assert done.returncode == 2
    assert done.stderr.splitlines()[0] == "Error: cannot write output: No space left on device"
    assert "Traceback" not in done.stderr
    assert len(stored_claims(tmp_path / "c.db")) == 1


def test_progress_shows_file_names_as_they_are(tmp_path):
    # Sorted first, so the progress bar shows its name while the pipeline loads.
    hostile = "\x1b]0;owned\x07\x1b[2J[red]hot[bold] \u202ereport.pdf"
    folder = write_corpus(tmp_path / "news", {"good.txt": GOOD})
    (folder / hostile).write_text("not an article")
    done = _run_bounded(
        [sys.executable, "-m", "claimtrack", "extract", str(folder), "--db", str(tmp_path / "c.db")],
        timeout=180, env={**os.environ, "TTY_COMPATIBLE": "1", "COLUMNS": "200", "NO_COLOR": "1"},
    )
    assert done.returncode == 0, done.stderr
    assert "[red]hot[bold] report.pdf" in done.stderr  # shown, not read as markup
    assert "\x1b]0;" not in done.stderr and "\x07" not in done.stderr and "\x1b[2J" not in done.stderr
    assert "\u202e" not in done.stderr


# --- CSV that stays in its rows -------------------------------------------------------------------


def test_csv_export_of_hostile_paths_and_outlets_keeps_its_rows(tmp_path):
    folder = write_corpus(tmp_path / "news", {"story\r=1+2.txt": GOOD, "other\n@SUM(A1).txt": CORPUS["a_bridge.txt"]})
    db = tmp_path / "c.db"
    result = invoke("extract", folder, "--db", db, "--source", 'Wire\r=HYPERLINK("http://evil.example")')
    assert result.exit_code == 0, result.output
    for command, count in (("articles", 2), ("claims", len(json.loads(invoke("claims", "--db", db, "--format", "json").stdout)))):
        output = invoke(command, "--db", db, "--format", "csv").stdout
        rows = list(csv.DictReader(io.StringIO(output)))
        assert len(rows) == count
        assert not [line for line in output.splitlines() if line.startswith(("=", "+", "-", "@"))]
        sources = {row.get("source", row.get("article.source")) for row in rows}
        assert sources == {'Wire =HYPERLINK("http://evil.example")'}  # cleaned at load: one line
        paths = {Path(row.get("path", row.get("article.path"))).name for row in rows}
        assert paths == {"story\n'=1+2.txt", "other\n'@SUM(A1).txt"}


# --- long texts: parsed in windows -------------------------------------------------------------


def test_a_one_megabyte_line_without_newlines_loads_and_splits_into_windows(tmp_path):
    sentence = 'The board met again and "agreed nothing," a spokesman said, citing 40 delays. '
    line = (sentence * (1_048_576 // len(sentence) + 1))[:1_048_576]
    path = tmp_path / "one-line.txt"
    path.write_text(line, encoding="utf-8")
    (loaded,) = iter_inputs([path])
    assert isinstance(loaded, Article)
    assert len(loaded.text) > 1_000_000  # over spaCy's default max_length
    spans = parse_windows(loaded.text)
    assert spans[0][0] == 0 and spans[-1][1] == len(loaded.text)
    assert all(a[1] == b[0] for a, b in zip(spans, spans[1:]))
    assert all(0 < end - start <= ingest.PARSE_WINDOW_CHARS for start, end in spans)
    # No newline anywhere: windows end after a sentence, not inside a word.
    assert all(loaded.text[end - 2 : end] == ". " for _, end in spans[:-1])


@pytest.mark.parametrize(
    ("text", "size", "expected"),
    [
        ("", 10, [(0, 0)]),
        ("short", 10, [(0, 5)]),
        ("aaaa bbbb\n\ncccc dddd", 12, [(0, 11), (11, 20)]),
        ("aaaa bbbb\ncccc dddd", 12, [(0, 10), (10, 19)]),
        ("aaaa. bbbb cccc dddd", 12, [(0, 11), (11, 20)]),
        ("aaaaaaaaaaaaaaaaaaaa", 8, [(0, 8), (8, 16), (16, 20)]),
    ],
)
def test_parse_windows(text, size, expected):
    assert parse_windows(text, size) == expected


def test_an_article_parsed_in_windows_keeps_offsets_into_the_whole_text(tmp_path, monkeypatch):
    paragraphs = [article(n).split("\n\n", 1)[1] for n in range(6)]
    path = tmp_path / "long.txt"
    path.write_text("Title: Long\nSource: Test Wire\nDate: 2021-03-01\n\n" + "\n\n".join(paragraphs))
    whole_db, windowed_db = str(tmp_path / "whole.db"), str(tmp_path / "windowed.db")
    with Store.open(whole_db, create=True) as store:
        extract_paths([path], store)
        whole = store.claims(ClaimFilter())
    monkeypatch.setattr(ingest, "PARSE_WINDOW_CHARS", 900)
    (loaded,) = iter_inputs([path])
    assert len(parse_windows(loaded.text, 900)) >= 4
    with Store.open(windowed_db, create=True) as store:
        extract_paths([path], store)
        windowed = store.claims(ClaimFilter())
        text = store.article(loaded.id).text
    for claim in windowed:
        assert " … ".join(text[s:e] for s, e in claim.segments) == claim.text
    # Windows end at paragraph breaks here, so nothing is cut: the same claims.
    assert [(c.id, c.text, c.start) for c in windowed] == [(c.id, c.text, c.start) for c in whole]


def test_unbalanced_quote_marks_do_not_stop_the_article(tmp_path):
    text = (
        "Title: Odd Quotes\nSource: Test Wire\nDate: 2021-03-01\n\n"
        '"We are ready for the talks," Minister Lena Brook said on Monday.\n\n'
        'The opposition called the plan "reckless and said nothing more about it.\n\n'
        "Brook said about 400 inspectors would be hired.\n\n"
        '"The harbour reopens in May," she added.\n'
    )
    folder = write_corpus(tmp_path / "news", {"odd.txt": text})
    result = invoke("extract", folder, "--db", tmp_path / "c.db", "--report", "json")
    assert result.exit_code == 0
    claims = json.loads(invoke("claims", "--db", tmp_path / "c.db", "--format", "json").stdout)
    texts = {c["text"] for c in claims}
    assert "We are ready for the talks" in texts
    assert "The harbour reopens in May" in texts
    assert any(c["figure"] and c["figure"]["value"] == 400 for c in claims)


# --- interruption --------------------------------------------------------------------------------

ARTICLES = 96


def _start(folder: Path, db: Path, *extra: str) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "claimtrack", "extract", str(folder), "--db", str(db), "--report", "json", *extra],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        # As from a terminal: a test run started in the background inherits SIGINT ignored.
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
    )


def _count_articles(db: Path) -> int:
    if not db.exists():
        return 0
    conn = sqlite3.connect(db, timeout=30)
    try:
        return conn.execute("SELECT count(*) FROM articles").fetchone()[0]
    except sqlite3.OperationalError:  # the schema is not there yet
        return 0
    finally:
        conn.close()


def _wait_for_articles(process: subprocess.Popen, db: Path, more_than: int) -> None:
    deadline = time.monotonic() + 120
    while _count_articles(db) <= more_than:
        assert process.poll() is None, "the run ended before it could be interrupted"
        assert time.monotonic() < deadline
        time.sleep(0.02)


def test_runs_killed_halfway_keep_whole_articles_and_a_rerun_finishes(tmp_path):
    folder = tmp_path / "news"
    write_articles(folder, ARTICLES)
    db = tmp_path / "claims.db"

    interrupted = _start(folder, db)
    _wait_for_articles(interrupted, db, 0)
    interrupted.send_signal(signal.SIGINT)
    _, err = interrupted.communicate(timeout=120)
    assert interrupted.returncode == 130, err
    assert err.startswith("Interrupted: ") and "Traceback" not in err
    after_sigint = stored_claims(db)
    assert 0 < len(after_sigint) < ARTICLES

    killed = _start(folder, db)
    _wait_for_articles(killed, db, len(after_sigint))
    killed.send_signal(signal.SIGKILL)
    killed.communicate(timeout=120)
    after_sigkill = stored_claims(db)
    assert len(after_sigint) < len(after_sigkill) < ARTICLES
    assert all(after_sigkill[a] == ids for a, ids in after_sigint.items())

    finished = _start(folder, db)
    out, err = finished.communicate(timeout=300)
    assert finished.returncode == 0, err
    statuses = Counter(o["status"] for o in json.loads(out))
    assert statuses == {"skipped": len(after_sigkill), "stored": ARTICLES - len(after_sigkill)}
    final = stored_claims(db)
    assert len(final) == ARTICLES
    assert all(final[a] == ids for a, ids in after_sigkill.items())

    # Extracting everything again from scratch gives the same claims: the articles
    # stored before each kill were whole.
    forced = _start(folder, db, "--force")
    out, err = forced.communicate(timeout=300)
    assert forced.returncode == 0, err
    assert Counter(o["status"] for o in json.loads(out)) == {"stored": ARTICLES}
    assert stored_claims(db) == final
    assert all(final.values())


# --- concurrency ---------------------------------------------------------------------------------


def test_two_extract_runs_into_one_store_lose_nothing(tmp_path):
    db = tmp_path / "shared.db"
    first = write_articles(tmp_path / "desk-a", 40)
    # The second desk shares ten articles with the first.
    second = write_articles(tmp_path / "desk-b", 40, start=30)
    runs = [_start(tmp_path / "desk-a", db), _start(tmp_path / "desk-b", db)]
    results = [run.communicate(timeout=300) for run in runs]
    assert [run.returncode for run in runs] == [0, 0], [err for _, err in results]
    final = stored_claims(db)
    assert len(final) == 70 == len({p.name for p in first + second})
    assert all(final.values())

    with Store.open(str(db), create=False) as store:
        claims = store.claims(ClaimFilter())
    assert len({c.id for c in claims}) == len(claims) == sum(len(ids) for ids in final.values())


def test_a_reader_during_a_write_sees_only_whole_articles(tmp_path):
    db = tmp_path / "claims.db"
    write_articles(tmp_path / "news", ARTICLES)
    writer = _start(tmp_path / "news", db)
    _wait_for_articles(writer, db, 0)
    seen = []
    while writer.poll() is None:
        listed = subprocess.run(
            [sys.executable, "-m", "claimtrack", "claims", "--db", str(db), "--format", "json"],
            capture_output=True, text=True, timeout=60,
        )
        assert listed.returncode == 0, listed.stderr
        seen.append(Counter(c["article"]["id"] for c in json.loads(listed.stdout)))
    assert writer.returncode == 0
    final = {article_id: len(ids) for article_id, ids in stored_claims(db).items()}
    assert len(seen) >= 2
    for snapshot in seen:
        assert all(count == final[article_id] for article_id, count in snapshot.items())
    assert len(seen[0]) < ARTICLES


# --- the store file ------------------------------------------------------------------------------


def test_an_older_store_is_backed_up_before_it_is_migrated(tmp_path, monkeypatch):
    from claimtrack.store import migrations
    from claimtrack.store import writes as store_writes

    db = tmp_path / "claims.db"
    older = migrations.latest_version() - 1
    monkeypatch.setattr(migrations, "MIGRATIONS", migrations.MIGRATIONS[:older])
    with Store.open(str(db), create=True) as store:
        assert store.schema_version() == older
        assert store.backup_path is None  # a new store has nothing to back up
    monkeypatch.undo()
    row = store_writes.article_row(_one_article()[0])
    del row["extra"]  # added by the latest migration
    with sqlite3.connect(db) as conn:
        conn.execute(f"INSERT INTO articles ({', '.join(row)}) VALUES ({', '.join('?' * len(row))})", list(row.values()))
    conn.close()

    with Store.open(str(db), create=False) as store:
        assert store.schema_version() == migrations.latest_version()
        backup = store.backup_path
    assert backup == tmp_path / f"claims.db.schema{older}.bak"
    copy = sqlite3.connect(backup)
    try:
        assert copy.execute(f"SELECT max(version) FROM {migrations.MIGRATIONS_TABLE}").fetchone() == (older,)
        assert copy.execute("SELECT id, path FROM articles").fetchall() == [("a1", "a.txt")]
    finally:
        copy.close()
    assert sorted(p.name for p in tmp_path.iterdir() if "claims.db" in p.name and "-" not in p.name) == [
        "claims.db", backup.name
    ]


def _one_article():
    from claimtrack.models import Claim

    text = "Officials said 300 people were evacuated."
    a = Article(id="a1", path="a.txt", source="Test Wire", text=text)
    claim = Claim(id="c1", kind="quote", article=a.info(), text="300 people were evacuated", sentence=text,
                  start=15, end=40)
    return a, [claim]


def _as_unprivileged(action):
    """Run ``action`` where the file permissions apply: as root, in a child process
    that has dropped to the `nobody` user (root would write anywhere)."""
    if os.geteuid() != 0:
        return action()
    from claimtrack.store import writes as store_writes  # noqa: F401  (imported while files are readable)

    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child
        os.close(read)
        try:
            os.setgid(65534)
            os.setuid(65534)
            result = repr(action())
        except BaseException as error:  # reported to the parent, which re-raises
            result = f"{type(error).__name__}: {error}"
        os.write(write, result.encode())
        os._exit(0)
    os.close(write)
    with os.fdopen(read) as pipe:
        result = pipe.read()
    os.waitpid(pid, 0)
    return result


def test_a_read_only_location_is_a_clear_error(tmp_path_factory):
    import tempfile

    folder = Path(tempfile.mkdtemp(prefix="claimtrack-ro-"))
    try:
        existing = folder / "claims.db"
        with Store.open(str(existing), create=True) as store:
            store.save(*_one_article())
        os.chmod(existing, 0o444)
        os.chmod(folder, 0o555)

        def create_new() -> str:
            try:
                Store.open(str(folder / "new.db"), create=True)
            except Exception as error:
                return f"{type(error).__name__}: {error}"
            return "created"

        def write_existing() -> str:
            try:
                with Store.open(str(existing), create=True) as store:
                    store.save(*_one_article())
            except Exception as error:
                return f"{type(error).__name__}: {error}"
            return "written"

        created = _as_unprivileged(create_new)
        written = _as_unprivileged(write_existing)
        assert "StoreUnwritable" in created and "not writable" in created
        assert "StoreUnwritable" in written
        assert not (folder / "new.db").exists()
    finally:
        os.chmod(folder, 0o755)
        for leftover in folder.iterdir():
            leftover.unlink()
        folder.rmdir()


# --- hostile text ----------------------------------------------------------------------------------

HOSTILE = (
    "Title: Robert'); DROP TABLE claims;--\nSource: \x1b[31mRed Wire\x1b[0m\nDate: 2021-03-01\n\n"
    '"Delete everything; DROP TABLE articles;--," Minister O\'Hara said on Monday.\n\n'
    "O'Hara said =HYPERLINK(\"http://evil.example\") cost $5 million.\n\n"
    '"See ../../etc/passwd and $(rm -rf /) and `reboot`," O\'Hara added.\n'
)


@pytest.mark.parametrize(
    "search",
    ["DROP TABLE", "'; DELETE FROM claims; --", '" OR 1=1', "NEAR(drop table)", "*", "etc/passwd", "%", "_", "a\x00b"],
)
def test_hostile_text_and_searches_are_only_data(tmp_path, search):
    folder = write_corpus(tmp_path / "news", {"hostile.txt": HOSTILE, "good.txt": GOOD})
    db = tmp_path / "c.db"
    assert invoke("extract", folder, "--db", db).exit_code == 0
    before = stored_claims(db)

    result = invoke("claims", "--db", db, "--search", search, "--format", "json")
    assert result.exit_code in (0, 2), result.output
    assert "Traceback" not in result.output
    for option in ("--speaker", "--source"):
        assert invoke("claims", "--db", db, option, search, "--format", "json").exit_code == 0
    assert stored_claims(db) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["c.db", "news"]
    found = json.loads(invoke("claims", "--db", db, "--search", "DROP TABLE articles", "--format", "json").stdout)
    assert [c["speaker"]["name"] for c in found] == ["O'Hara"]
