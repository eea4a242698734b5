"""How extraction scales: --jobs against a local Dask cluster, into SQLite and PostgreSQL.

    python benchmarks/scaling.py --articles 300
    python benchmarks/scaling.py --articles 300 --postgres postgresql+psycopg://user@host/db

Each row is one whole `claimtrack extract` process on the same corpus (the bench's:
the seeds and fixtures repeated as distinct articles) into a fresh store, timed from
start to exit, so the model loads and the cluster start-up count. Rows run in a
rotating order, ``--rounds`` times each; the best run of each row is reported, with
its ratio to ``--jobs 1``. Needs the cluster extra (and the postgres extra for the
PostgreSQL rows): ``pip install 'claimtrack[cluster,postgres]'``.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent


def fresh_postgres(url: str, name: str) -> str:
    import psycopg

    server, _ = url.rsplit("/", 1)
    with psycopg.connect(url.replace("+psycopg", ""), autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
        conn.execute(f'CREATE DATABASE "{name}"')
    return f"{server}/{name}"


def main(argv: list[str]) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--articles", type=int, default=300)
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--postgres", help="a PostgreSQL URL whose server may get scratch databases")
    parser.add_argument("--report", type=Path, default=HERE / "scaling.json")
    args = parser.parse_args(argv)

    sys.path.insert(0, str(HERE))
    from bench import build_corpus, child_env, write_bodies

    work = Path(tempfile.mkdtemp(prefix="claimtrack-scaling-"))
    corpus = work / "corpus"
    build_corpus(corpus, args.articles)
    articles, words = write_bodies(corpus, work / "bodies.jsonl")
    rows = {
        "jobs1_sqlite": ["--jobs", "1"],
        "jobs2_sqlite": ["--jobs", "2"],
        "cluster2_sqlite": ["--cluster", "local:2"],
    }
    if args.postgres:
        rows["jobs1_postgres"] = ["--jobs", "1", "--db", "POSTGRES"]
        rows["cluster2_postgres"] = ["--cluster", "local:2", "--db", "POSTGRES"]
    best: dict[str, float] = {}
    names = list(rows)
    for round_number in range(args.rounds):
        for name in names[round_number % len(names) :] + names[: round_number % len(names)]:
            options = list(rows[name])
            if "POSTGRES" in options:
                options[options.index("POSTGRES")] = fresh_postgres(args.postgres, f"scaling_{name}")
            else:
                options += ["--db", str(work / f"{name}-{round_number}.db")]
            print(f"scaling: round {round_number + 1}/{args.rounds}: {name} ...", file=sys.stderr, flush=True)
            started = time.perf_counter()
            subprocess.run(
                [sys.executable, "-m", "claimtrack", "extract", str(corpus), *options],
                check=True, capture_output=True, env=child_env(),
            )
            best[name] = min(best.get(name, float("inf")), time.perf_counter() - started)
    report = {
        "articles": articles,
        "words": words,
        "rounds": args.rounds,
        "rows": {
            name: {
                "seconds": round(seconds, 2),
                "words_per_second": round(words / seconds),
                "vs_jobs1_sqlite": round(best["jobs1_sqlite"] / seconds, 3),
            }
            for name, seconds in best.items()
        },
    }
    args.report.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    print(json.dumps(report, indent=2))


if __name__ == "__main__":
    main(sys.argv[1:])
