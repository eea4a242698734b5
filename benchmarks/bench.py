"""claimtrack's speed measured against the spaCy pipeline it is built on.

    python benchmarks/bench.py                      # 1,000 articles, then the query suite
    python benchmarks/bench.py --articles 200 --rounds 1 --skip-queries

Every figure is measured in this one run on this one machine, and each result is a
ratio of runs made side by side, so the report means the same on a fast laptop and
on a slow CI box:

- ``raw_nlp_pipe``: a process that loads the same spaCy pipeline with the same
  components excluded and runs ``nlp.pipe`` over the article bodies, nothing else;
- ``extract_jobs1``: ``claimtrack extract`` end to end into a fresh SQLite store,
  instrumented to time dateparser, the store and the extraction;
- ``extract_jobs2``: the same with ``--jobs 2``.

Each run is a whole process, timed from start to exit, so imports and the model load
count on both sides. Each row runs ``--rounds`` times, in a rotating order so that a
slow spell of a shared machine does not fall on one row; the ratios use each row's
best run (the median ratios are reported too). Peak RSS is the largest total
resident memory of the process and its children, sampled every 50 ms from /proc
(Linux), or the largest single process elsewhere.

The corpus is built from the articles shipped in ``seeds/`` and ``data/fixtures/``,
repeated with a distinct reference line so that each copy is a new article rather
than a duplicate that extract would skip.

The query suite builds a synthetic store of ``--claims`` claims with
``benchmarks/synthetic_store.py`` (kept in benchmarks/.cache for the next run) and
times read-only commands as whole processes, start-up included, best of
``--repeat``. Timed processes run with Python's bytecode cache on, as an installed
package does.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import platform
import shutil
import sqlite3
import statistics
import string
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
HERE = Path(__file__).resolve().parent
DEFAULT_REPORT = HERE / "report.json"

TARGETS = {
    "extract_jobs1_vs_raw": 0.8,
    "extract_jobs2_vs_jobs1": 1.35,
    "peak_rss_mb": 1536,
    "query_seconds": 1.0,
    "small_claims_seconds": 0.5,
}


# --- corpus -------------------------------------------------------------------------


def _templates() -> list[Path]:
    found = sorted((ROOT / "seeds").glob("*.txt")) + sorted((ROOT / "data" / "fixtures").rglob("*.txt"))
    if not found:
        sys.exit("bench: no articles under seeds/ or data/fixtures/")
    return found


def _tag(number: int) -> str:
    """A letters-only label, so the line adds no figure, date or name."""
    letters = string.ascii_lowercase
    tag = ""
    number += 26 * 26  # at least three letters
    while number:
        number, digit = divmod(number, 26)
        tag = letters[digit] + tag
    return tag


def build_corpus(folder: Path, count: int) -> None:
    templates = [path.read_text(encoding="utf-8") for path in _templates()]
    folder.mkdir(parents=True)
    for number in range(count):
        text = templates[number % len(templates)].rstrip("\n")
        (folder / f"article-{number:05d}.txt").write_text(
            f"{text}\n\nArchive reference {_tag(number)}.\n", encoding="utf-8"
        )


def write_bodies(corpus: Path, target: Path) -> tuple[int, int]:
    """The article bodies as the loader reads them, one JSON string per line, so the
    raw run parses exactly the text extract parses. Returns (articles, words)."""
    from claimtrack.inputs.load import iter_inputs
    from claimtrack.models import Article

    articles = words = 0
    with target.open("w", encoding="utf-8") as out:
        for item in iter_inputs([corpus]):
            if isinstance(item, Article):
                out.write(json.dumps(item.text) + "\n")
                articles += 1
                words += len(item.text.split())
    return articles, words


# --- measuring processes --------------------------------------------------------------


def _tree_rss_kb(pid: int) -> int:
    total = 0
    pending = [pid]
    while pending:
        current = pending.pop()
        try:
            with open(f"/proc/{current}/status", encoding="ascii") as status:
                for line in status:
                    if line.startswith("VmRSS:"):
                        total += int(line.split()[1])
                        break
            for task in os.listdir(f"/proc/{current}/task"):
                with open(f"/proc/{current}/task/{task}/children", encoding="ascii") as children:
                    pending.extend(int(child) for child in children.read().split())
        except (FileNotFoundError, ProcessLookupError, PermissionError):
            continue
    return total


def run_process(
    command: Sequence[str], env: dict[str, str] | None = None, ok_codes: Sequence[int] = (0,)
) -> dict[str, float]:
    """Run ``command`` to completion: wall seconds, peak RSS in MB and the exit code,
    which must be one of ``ok_codes``."""
    started = time.perf_counter()
    process = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    peak_kb = 0
    stop = threading.Event()

    def sample() -> None:
        nonlocal peak_kb
        while not stop.is_set():
            peak_kb = max(peak_kb, _tree_rss_kb(process.pid))
            stop.wait(0.05)

    sampler = threading.Thread(target=sample, daemon=True)
    if Path("/proc").is_dir():
        sampler.start()
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - started
    stop.set()
    if sampler.is_alive():
        sampler.join()
    errors = process.stderr.read().decode(errors="replace") if process.stderr else ""
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode not in ok_codes:
        sys.exit(f"bench: {' '.join(command)} exited with {process.returncode}\n{errors[-2000:]}")
    # ru_maxrss is in KB on Linux and bytes on macOS.
    own_kb = usage.ru_maxrss / 1024 if sys.platform == "darwin" else usage.ru_maxrss
    return {
        "seconds": seconds, "peak_rss_mb": round(max(peak_kb, own_kb) / 1024, 1), "exit_code": process.returncode,
    }


# --- the runs -------------------------------------------------------------------------


def raw_worker(model: str, bodies: str, batch_size: int) -> None:
    """Only spaCy: load the pipeline and parse every body."""
    import spacy

    from claimtrack.nlp.pipeline import UNUSED_COMPONENTS

    nlp = spacy.load(model, exclude=list(UNUSED_COMPONENTS))

    def texts():
        with open(bodies, encoding="utf-8") as lines:
            for line in lines:
                yield json.loads(line)

    for _ in nlp.pipe(texts(), batch_size=batch_size):
        pass


def instrumented_worker(arguments: list[str], timings_path: str) -> None:
    """``claimtrack extract`` through the CLI, with timers around dateparser and the
    store. The wrappers cost a clock read per call."""
    import claimtrack.dates as dates
    import claimtrack.extract.claims as claims
    import claimtrack.extract.figures as figures
    import claimtrack.extract.quotes as quotes
    import claimtrack.inputs.bylines as bylines
    import claimtrack.inputs.header as header
    from claimtrack.cli import app
    from claimtrack.store import Store
    from claimtrack.store.derived import DerivedTables

    spent = {"dateparser": 0.0, "date_resolution": 0.0, "store": 0.0, "extraction": 0.0}

    def timed(function, bucket):
        def wrapper(*args, **kwargs):
            started = time.perf_counter()
            try:
                return function(*args, **kwargs)
            finally:
                spent[bucket] += time.perf_counter() - started

        return wrapper

    dates._parse_absolute = timed(dates._parse_absolute, "dateparser")
    resolve = timed(dates.resolve_date, "date_resolution")
    quotes.resolve_date = figures.resolve_date = resolve
    # Header dates in plain text (the benchmark corpus is .txt).
    header.parse_published = bylines.parse_published = timed(dates.parse_published, "date_resolution")
    claims.extract_claims = timed(claims.extract_claims, "extraction")
    Store.save = timed(Store.save, "store")
    DerivedTables.replace_identities = timed(DerivedTables.replace_identities, "store")
    Store.open = classmethod(timed(Store.open.__func__, "store"))
    started = time.perf_counter()
    try:
        app(arguments, standalone_mode=False)
    finally:
        spent["total_in_process"] = time.perf_counter() - started
        Path(timings_path).write_text(json.dumps(spent), encoding="utf-8")


def measure_extraction(args: argparse.Namespace, work: Path) -> dict:
    corpus = work / "corpus"
    build_corpus(corpus, args.articles)
    bodies = work / "bodies.jsonl"
    articles, words = write_bodies(corpus, bodies)
    python = sys.executable
    me = str(Path(__file__).resolve())
    env = child_env()
    timings = work / "timings.json"
    extract = [str(corpus), "--model", args.model]
    commands = {
        "raw_nlp_pipe": [python, me, "_raw", args.model, str(bodies), str(args.batch_size)],
        "extract_jobs1": [python, me, "_extract", str(timings), "extract", *extract, "--jobs", "1"],
        "extract_jobs2": [python, "-m", "claimtrack", "extract", *extract, "--jobs", "2"],
    }
    runs: dict[str, list[dict]] = {name: [] for name in commands}
    shares: list[dict[str, float]] = []
    names = list(commands)
    for round_number in range(args.rounds):
        # Rotating the order spreads slow spells of a shared machine over all rows.
        shift = round_number % len(names)
        for name in names[shift:] + names[:shift]:
            print(f"bench: round {round_number + 1}/{args.rounds}: {name} ...", file=sys.stderr, flush=True)
            db = work / f"{name}-{round_number}.db"
            command = commands[name] + ([] if name == "raw_nlp_pipe" else ["--db", str(db)])
            result = run_process(command, env)
            runs[name].append(result)
            print(f"bench: {name}: {result['seconds']:.1f}s, {words / result['seconds']:.0f} words/s", file=sys.stderr)
            if name == "extract_jobs1":
                spent = json.loads(timings.read_text(encoding="utf-8"))
                in_process = spent.pop("total_in_process")
                shares.append({bucket: seconds / in_process for bucket, seconds in spent.items()})
            for leftover in work.glob(f"{name}-{round_number}.db*"):
                leftover.unlink()
    rows = {}
    for name, results in runs.items():
        seconds = sorted(r["seconds"] for r in results)
        rows[name] = {
            "best_seconds": round(seconds[0], 2),
            "median_seconds": round(statistics.median(seconds), 2),
            "words_per_second": round(words / seconds[0]),
            "median_words_per_second": round(words / statistics.median(seconds)),
            "peak_rss_mb": max(r["peak_rss_mb"] for r in results),
        }

    def ratio(faster: str, slower: str, key: str = "words_per_second") -> float:
        return round(rows[faster][key] / rows[slower][key], 3)

    return {
        "corpus": {"articles": articles, "words": words, "templates": len(_templates())},
        "rounds": args.rounds,
        "rows": rows,
        "ratios": {
            "extract_jobs1_vs_raw": ratio("extract_jobs1", "raw_nlp_pipe"),
            "extract_jobs2_vs_jobs1": ratio("extract_jobs2", "extract_jobs1"),
            "extract_jobs2_vs_raw": ratio("extract_jobs2", "raw_nlp_pipe"),
        },
        "median_ratios": {
            "extract_jobs1_vs_raw": ratio("extract_jobs1", "raw_nlp_pipe", "median_words_per_second"),
            "extract_jobs2_vs_jobs1": ratio("extract_jobs2", "extract_jobs1", "median_words_per_second"),
        },
        "time_share_of_extract_jobs1": {
            bucket: round(statistics.median(share[bucket] for share in shares), 4) for bucket in shares[0]
        },
        "peak_rss_mb": max(row["peak_rss_mb"] for row in rows.values()),
    }


def synthetic_store(claims: int, rebuild: bool) -> tuple[Path, dict]:
    """The synthetic store of ``claims`` claims, built once and kept in
    benchmarks/.cache (building a million claims takes a while)."""
    sys.path.insert(0, str(HERE))
    from synthetic_store import build_store

    from claimtrack.store import migrations

    recipe = hashlib.sha256((HERE / "synthetic_store.py").read_bytes()).hexdigest()[:8]
    path = HERE / ".cache" / f"synthetic-{claims}-schema{migrations.latest_version()}-{recipe}.db"
    terms = path.with_suffix(".json")
    if rebuild or not (path.exists() and terms.exists()):
        path.parent.mkdir(exist_ok=True)
        for old in path.parent.glob(f"synthetic-{claims}-*"):
            old.unlink()
        print(f"bench: building a store of {claims:,} claims in {path} ...", file=sys.stderr, flush=True)
        started = time.perf_counter()
        building = path.with_suffix(".building")
        speaker, word = build_store(building, claims)
        building.rename(path)
        terms.write_text(json.dumps({"speaker": speaker, "search": word,
                                     "build_seconds": round(time.perf_counter() - started)}), encoding="utf-8")
    return path, json.loads(terms.read_text(encoding="utf-8"))


def measure_queries(args: argparse.Namespace, work: Path) -> dict:
    sys.path.insert(0, str(HERE))
    from synthetic_store import build_store

    db, terms = synthetic_store(args.claims, args.rebuild_store)
    small = work / "small.db"
    build_store(small, 500)
    claimtrack = [sys.executable, "-m", "claimtrack"]
    commands = {
        "claims_small_db": [*claimtrack, "claims", "--db", str(small), "--limit", "50"],
        "claims_speaker": [*claimtrack, "claims", "--db", str(db), "--speaker", terms["speaker"], "--limit", "50"],
        "claims_search": [*claimtrack, "claims", "--db", str(db), "--search", terms["search"], "--limit", "50"],
        "speakers": [*claimtrack, "speakers", "--db", str(db)],
        "diff_troops": [*claimtrack, "diff", "--db", str(db), "--category", "troops"],
    }
    env = child_env()
    run_process(commands["claims_small_db"], env)  # writes the bytecode cache once
    rows = {}
    for name, command in commands.items():
        best = min(run_process(command, env)["seconds"] for _ in range(args.repeat))
        shown = " ".join(["claimtrack", *command[3:]]).replace(str(db), "<synthetic store>").replace(str(small), "<small store>")
        rows[name] = {"seconds": round(best, 3), "command": shown}
        print(f"bench: {name}: {best:.3f}s", file=sys.stderr, flush=True)
    with sqlite3.connect(db) as conn:
        counts = dict(conn.execute(
            "SELECT 'claims', count(*) FROM claims UNION ALL SELECT 'articles', count(*) FROM articles"
            " UNION ALL SELECT 'speakers', count(*) FROM speaker_summaries"
            " UNION ALL SELECT 'troop_figures', count(*) FROM claims WHERE figure_category = 'troops'"
            " UNION ALL SELECT 'troop_groups', count(*) FROM figure_groups WHERE category = 'troops'"
        ).fetchall())
    return {
        "store": {**counts, "megabytes": round(db.stat().st_size / 2**20), "build_seconds": terms["build_seconds"]},
        "small_store_claims": 500,
        "best_of": args.repeat,
        "rows": rows,
    }


def child_env() -> dict[str, str]:
    """The environment for timed processes: Python's bytecode cache on, as it is for
    an installed package, and a fixed hash seed."""
    env = dict(os.environ, PYTHONHASHSEED="0")
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env


def verdicts(report: dict) -> dict[str, bool]:
    checks = {}
    extraction = report.get("extraction")
    if extraction:
        ratios = extraction["ratios"]
        checks["extract_jobs1_vs_raw >= 0.8"] = ratios["extract_jobs1_vs_raw"] >= TARGETS["extract_jobs1_vs_raw"]
        checks["extract_jobs2_vs_jobs1 >= 1.35"] = (
            ratios["extract_jobs2_vs_jobs1"] >= TARGETS["extract_jobs2_vs_jobs1"]
        )
        checks["peak_rss_mb < 1536"] = extraction["peak_rss_mb"] < TARGETS["peak_rss_mb"]
    queries = report.get("queries")
    if queries:
        for name, row in queries["rows"].items():
            limit = TARGETS["small_claims_seconds"] if name == "claims_small_db" else TARGETS["query_seconds"]
            checks[f"{name} < {limit}s"] = row["seconds"] < limit
    return checks


def machine() -> dict:
    import spacy

    return {
        "python": platform.python_version(),
        "platform": platform.platform(),
        "cpus": os.cpu_count(),
        "spacy": spacy.__version__,
    }


def main(argv: list[str]) -> None:
    if argv and argv[0] == "_raw":
        return raw_worker(argv[1], argv[2], int(argv[3]))
    if argv and argv[0] == "_extract":
        return instrumented_worker(argv[2:], argv[1])
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=1000, help="corpus size (default 1000)")
    parser.add_argument("--claims", type=int, default=1_000_000, help="synthetic store size for the query suite")
    parser.add_argument("--model", default=None, help="spaCy pipeline (default: claimtrack's choice)")
    parser.add_argument("--rounds", type=int, default=3, help="extraction: runs of each row (default 3)")
    parser.add_argument("--repeat", type=int, default=3, help="query timings: best of this many runs")
    parser.add_argument("--skip-extraction", action="store_true")
    parser.add_argument("--skip-queries", action="store_true")
    parser.add_argument("--rebuild-store", action="store_true", help="build the synthetic store again")
    parser.add_argument("--keep", action="store_true", help="keep the working folder")
    parser.add_argument("--report", type=Path, default=DEFAULT_REPORT, help=f"JSON report (default {DEFAULT_REPORT})")
    args = parser.parse_args(argv)
    if args.model is None:
        from claimtrack.nlp.pipeline import choose_model

        args.model = choose_model()
    work = Path(tempfile.mkdtemp(prefix="claimtrack-bench-"))
    from claimtrack.ingest.articles import DEFAULT_BATCH_SIZE

    args.batch_size = DEFAULT_BATCH_SIZE
    report: dict = {"machine": machine(), "model": args.model, "batch_size": args.batch_size}
    try:
        if not args.skip_extraction:
            report["extraction"] = measure_extraction(args, work)
        if not args.skip_queries:
            report["queries"] = measure_queries(args, work)
    finally:
        if args.keep:
            print(f"bench: working folder kept at {work}", file=sys.stderr)
        else:
            shutil.rmtree(work, ignore_errors=True)
    report["targets_met"] = verdicts(report)
    args.report.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    print(json.dumps(report, indent=2))


if __name__ == "__main__":
    main(sys.argv[1:])
