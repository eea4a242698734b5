"""Does extract's memory stay flat? Peak RSS of whole `claimtrack extract` processes on
a small feed, a large feed and one very long text, side by side.

    python benchmarks/memory.py                       # 100 and 10,000 articles, a 4 MB text
    python benchmarks/memory.py --articles 2000 --long-mb 1

Each row is one whole `claimtrack extract` process (`--jobs 1`) into a fresh SQLite
store, timed from start to exit, with the peak resident memory of the process and its
children (sampled from /proc every 50 ms, see bench.py). The ratio column divides each
row's peak by the small feed's: memory is flat when the large feed and the long text
stay within TARGET_RATIO of it. The large feed's run also times the figure-group rebuild
at its end (`claimtrack.linking.groups.refresh_groups`), as a share of the whole run.

Every article is invented here: outlets, people, places and numbers are made up and
vary with the article's number. Four outlets report each event, with numbers that
differ a little, so that `diff` has groups to build, as on a real feed.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
DEFAULT_REPORT = HERE / "memory.json"
TARGET_RATIO = 1.5
TARGET_REBUILD_SHARE = 0.10

OUTLETS = ("Eastvale Courier", "Northern Ledger", "Valley Herald", "Harbour Wire")
FIRST = ("Ada", "Boris", "Clara", "Dmitri", "Elena", "Farid", "Greta", "Hugo", "Ines", "Jonas", "Kaja", "Luka")
LAST = ("Varga", "Lindqvist", "Okafor", "Marchetti", "Sorensen", "Delacroix", "Halloran", "Petrov", "Brandt",
        "Kovacs", "Moreau", "Quist", "Tamsin", "Ulven")
ROLES = ("Defence Minister", "Mayor", "General", "Finance Minister", "Health Minister", "Governor", "Colonel")
PLACES = ("Eastvale", "Lindport", "Northmarch", "Sorrow Bay", "Kestrel Ridge", "Ashford", "Brinmoor", "Caldera",
          "Dunhollow", "Fenwick", "Galloway Point", "Harrowgate", "Istvan Falls", "Juniper Cove")
THINGS = ("bridge", "harbour", "rail line", "hospital", "power plant", "school", "dam", "airport")
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday")
FIRST_DAY = dt.date(2021, 1, 4)


def feed_article(number: int) -> dict[str, str]:
    """One invented article: the ``number % 4``-th outlet's report of event ``number // 4``."""
    event, outlet = divmod(number, len(OUTLETS))
    place = PLACES[event % len(PLACES)]
    other = PLACES[(event * 5 + 3) % len(PLACES)]
    thing = THINGS[(event // 3) % len(THINGS)]
    first = FIRST[event % len(FIRST)]
    last = LAST[(event // len(FIRST)) % len(LAST)]
    role = ROLES[event % len(ROLES)]
    rival = f"{FIRST[(event + 5) % len(FIRST)]} {LAST[(event + 3) % len(LAST)]}"
    day = WEEKDAYS[(event + outlet) % len(WEEKDAYS)]
    published = FIRST_DAY + dt.timedelta(days=(event * 3) % 700 + outlet % 2)
    # Outlets disagree a little on each number, and one of them rounds.
    troops = (event % 40 + 2) * 500 + outlet * 150
    hurt = event % 90 + 4 + outlet * (event % 3)
    cost = event % 300 + 15 + (outlet == 3) * 5
    moved = (event % 70 + 3) * 100 + outlet * 40
    paragraphs = [
        f'"We will rebuild the {thing} in {place} before the winter," {role} {first} {last} said on {day}.',
        f"{last} said the work would cost about ${cost} million and employ {event % 500 + 120} people.",
        f"More than {troops:,} troops were moved to the border near {place} last week, according to "
        f"officials in {other}.",
        f"At least {hurt} people were hurt in {place} on {day}, the regional hospital said.",
        f'"Nobody in {place} will be left behind," {last} told reporters. "The plan is funded."',
        f"Opposition leader {rival} warned that the {thing} plan was {event % 20 + 2} weeks late, and that "
        f"{moved:,} residents had left {place} since the spring.",
        f'"The figures do not add up," {rival.split()[1]} said in {other}. Reference {event}-{outlet}.',
    ]
    return {
        "title": f"{place} {thing} plan, report {number}",
        "source": OUTLETS[outlet],
        "published": published.isoformat(),
        "text": "\n\n".join(paragraphs),
    }


def write_feed(path: Path, count: int) -> Path:
    with path.open("w", encoding="utf-8") as out:
        for number in range(count):
            out.write(json.dumps(feed_article(number)) + "\n")
    return path


def write_long_text(path: Path, megabytes: float) -> Path:
    """One text of about ``megabytes`` MB: invented paragraphs of a long report."""
    target = int(megabytes * 1_000_000)
    parts = ["Title: A Very Long Report\nSource: Archive Wire\nDate: 2022-02-01\n"]
    size = len(parts[0])
    number = 0
    while size < target:
        paragraph = "\n\n".join(feed_article(number)["text"].split("\n\n")[:5])
        parts.append(paragraph)
        size += len(paragraph) + 2
        number += 1
    path.write_text("\n\n".join(parts) + "\n", encoding="utf-8")
    return path


def timed_extract(arguments: list[str], timings_path: str) -> None:
    """``claimtrack extract`` through the CLI, timing the figure-group rebuild."""
    import claimtrack.linking.groups as groups
    from claimtrack.cli import app

    spent = {"refresh_groups": 0.0}
    refresh = groups.refresh_groups

    def timed_refresh(*args, **kwargs):
        started = time.perf_counter()
        try:
            return refresh(*args, **kwargs)
        finally:
            spent["refresh_groups"] += time.perf_counter() - started

    groups.refresh_groups = timed_refresh
    started = time.perf_counter()
    try:
        app(arguments, standalone_mode=False)
    finally:
        spent["total_in_process"] = time.perf_counter() - started
        Path(timings_path).write_text(json.dumps(spent), encoding="utf-8")


def main(argv: list[str]) -> None:
    if argv and argv[0] == "_extract":
        return timed_extract(argv[2:], argv[1])
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--small", type=int, default=100, help="articles in the small feed (default 100)")
    parser.add_argument("--articles", type=int, default=10_000, help="articles in the large feed (default 10,000)")
    parser.add_argument("--long-mb", type=float, default=4.0, help="size of the long text in MB (default 4)")
    parser.add_argument("--report", type=Path, default=DEFAULT_REPORT, help=f"JSON report (default {DEFAULT_REPORT})")
    args = parser.parse_args(argv)

    sys.path.insert(0, str(HERE))
    from bench import child_env, run_process

    work = Path(tempfile.mkdtemp(prefix="claimtrack-memory-"))
    inputs = {
        f"feed_{args.small}": write_feed(work / "small.jsonl", args.small),
        f"feed_{args.articles}": write_feed(work / "large.jsonl", args.articles),
        f"long_text_{args.long_mb:g}mb": write_long_text(work / "long.txt", args.long_mb),
    }
    timings = work / "timings.json"
    rows: dict[str, dict] = {}
    for name, path in inputs.items():
        print(f"memory: {name} ...", file=sys.stderr, flush=True)
        command = [sys.executable, str(Path(__file__).resolve()), "_extract", str(timings), "extract", str(path),
                   "--db", str(work / f"{name}.db"), "--report", "json"]
        result = run_process(command, child_env(), ok_codes=(0, 1))
        spent = json.loads(timings.read_text(encoding="utf-8"))
        rows[name] = {
            "input_mb": round(path.stat().st_size / 1e6, 2),
            "seconds": round(result["seconds"], 1),
            "peak_rss_mb": result["peak_rss_mb"],
            "exit_code": result["exit_code"],
            "refresh_groups_seconds": round(spent["refresh_groups"], 2),
            "refresh_groups_share": round(spent["refresh_groups"] / spent["total_in_process"], 4),
        }
        print(f"memory: {name}: {rows[name]}", file=sys.stderr, flush=True)
    base = rows[f"feed_{args.small}"]["peak_rss_mb"]
    for row in rows.values():
        row["rss_ratio"] = round(row["peak_rss_mb"] / base, 2)
    large = rows[f"feed_{args.articles}"]
    checks = {
        f"every peak within {TARGET_RATIO}x of the small feed's": all(r["rss_ratio"] <= TARGET_RATIO for r in rows.values()),
        f"rebuild under {TARGET_REBUILD_SHARE:.0%} of the large feed's run": large["refresh_groups_share"] < TARGET_REBUILD_SHARE,
    }
    report = {"rows": rows, "checks": checks}
    args.report.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    print(f"{'run':<20} {'input MB':>9} {'seconds':>8} {'peak RSS MB':>12} {'ratio':>6} {'rebuild share':>14}")
    for name, row in rows.items():
        print(f"{name:<20} {row['input_mb']:>9} {row['seconds']:>8} {row['peak_rss_mb']:>12} {row['rss_ratio']:>6}"
              f" {row['refresh_groups_share']:>14.1%}")
    for check, passed in checks.items():
        print(f"{'PASS' if passed else 'FAIL'}: {check}")


if __name__ == "__main__":
    main(sys.argv[1:])
