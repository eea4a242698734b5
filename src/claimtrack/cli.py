"""The `claimtrack` command: thin adapters that parse options, call one library
function and render the result.

Heavy modules (the store, spaCy, rich tables) are imported inside the commands that
need them, so `--help` and the query commands start fast and never load spaCy.
"""

from __future__ import annotations

import datetime as dt
import enum
import errno
import functools
import os
import re
import sys
from pathlib import Path
from typing import Annotated, Optional

import typer

from claimtrack import __version__
from claimtrack.closed_sets import Attribution, Category, Measure
from claimtrack.closed_sets import ClaimKind as Kind
from claimtrack.errors import ClaimtrackError, OutputUnwritable, PathNotFound, UsageError
from claimtrack.inputs import registry as input_formats

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    help="Extract who said what, when, and which figures, from news articles; store and query them.",
)


class TableFormat(str, enum.Enum):
    table = "table"
    json = "json"
    jsonl = "jsonl"
    csv = "csv"


# Claims also come as JSON-LD, which only makes sense for claims.
ClaimFormat = enum.Enum("ClaimFormat", {**{f.name: f.value for f in TableFormat}, "jsonld": "jsonld"}, type=str)


class ReportFormat(str, enum.Enum):
    table = "table"
    json = "json"


# What standard input holds: one choice per input reader.
InputFormat = enum.Enum("InputFormat", {name: name for name in input_formats.format_names()}, type=str)
# The main suffix of each, for help texts.
_INPUT_SUFFIXES = ", ".join(reader.suffixes[0] for reader in input_formats.readers())




Db = Annotated[
    str,
    typer.Option("--db", envvar="CLAIMTRACK_DB", help="Store: a file path or an SQLAlchemy URL."),
]
Format = Annotated[TableFormat, typer.Option("--format", "-f", help="Output format.")]
Day = Annotated[Optional[dt.datetime], typer.Option(formats=["%Y-%m-%d"], metavar="YYYY-MM-DD")]
DEFAULT_DB = "claimtrack.db"
# What a shell reports for a command stopped by Ctrl-C (128 + SIGINT).
INTERRUPTED = 130

PIPED_WIDTH = 140
# A table is for reading: without --limit it shows this many rows and says if there
# are more. JSON, JSONL and CSV are for programs and always hold everything asked for.
TABLE_ROWS = 50
# Each diff group is several rows (up to render.REPORTS_SHOWN reports).
TABLE_GROUPS = 20
# Larger counts cannot be given to a database (SQLite's integers are 64-bit).
COUNT_MAX = 2**63 - 1
Limit = Annotated[
    Optional[int],
    typer.Option(min=1, max=COUNT_MAX, help=f"At most this many (tables show {TABLE_ROWS} unless told)."),
]
# Filter texts longer than this are no names or phrases; databases refuse patterns
# far longer (SQLite: "LIKE or GLOB pattern too complex").
QUERY_MAX_CHARS = 1000
# What --search can match: letters and digits (the words the full-text index holds).
_SEARCH_WORD = re.compile(r"[^\W_]")
# A Dask scheduler address: tcp://HOST:PORT (or another protocol, or none), IPv6 in brackets.
_SCHEDULER_ADDRESS = re.compile(r"(?:[a-z][a-z0-9+.-]*://)?(?:\[[0-9A-Fa-f:.]+\]|[^\s/:@\[\]]+):\d{1,5}/?")


def _console(stderr: bool = False):
    from rich.console import Console

    console = Console(stderr=stderr, highlight=False)
    if not console.is_terminal:
        # Piped tables would otherwise be squeezed into 80 columns.
        console = Console(stderr=stderr, highlight=False, width=PIPED_WIDTH)
    return console


def _fail(exc: ClaimtrackError) -> None:
    from claimtrack.render import terminal_text

    # Messages quote paths and options as given, which may hold escape sequences.
    message = f"Error: {terminal_text(exc.message)}"
    if exc.hint:
        message += f"\nHint: {terminal_text(exc.hint)}"
    typer.echo(message, err=True)
    raise typer.Exit(exc.exit_code)


def command(*args, **kwargs):
    """Register a command whose claimtrack errors become a message and an exit code,
    and whose output is flushed before it ends, so that a write error is one too."""

    def register(function):
        @functools.wraps(function)
        def run(*a, **k):
            try:
                try:
                    return function(*a, **k)
                finally:
                    _flush_output()
            except ClaimtrackError as exc:
                _fail(exc)

        return app.command(*args, **kwargs)(run)

    return register


# --- standard output -----------------------------------------------------------------


def _write(text: str) -> None:
    try:
        sys.stdout.write(text)
    except OSError as exc:
        _output_failed(exc)


def _show(*renderables, **options) -> None:
    try:
        _console().print(*renderables, **options)
    except OSError as exc:
        _output_failed(exc)


def _flush_output() -> None:
    try:
        sys.stdout.flush()
    except OSError as exc:
        _output_failed(exc)


def _output_failed(exc: OSError) -> None:
    if exc.errno == errno.EPIPE:
        raise exc  # the reader went away (`| head`): typer ends quietly
    try:
        # What is still buffered would fail again, with a traceback, when Python exits.
        null = os.open(os.devnull, os.O_WRONLY)
        os.dup2(null, sys.stdout.fileno())
        os.close(null)
    except (OSError, ValueError):
        pass  # standard output is no file (a test's capture): nothing is left to fail
    raise OutputUnwritable(f"cannot write output: {exc.strerror or exc}") from exc


# --- option checks ---------------------------------------------------------------------


def _check_query_text(options: dict[str, str | None]) -> None:
    """Refuse filter texts (by option name) longer than any name or phrase."""
    for name, value in options.items():
        if value is not None and len(value) > QUERY_MAX_CHARS:
            raise UsageError(f"{name} is {len(value):,} characters long; at most {QUERY_MAX_CHARS:,} are allowed.")


def _check_search(search: str | None) -> None:
    if search is not None and not _SEARCH_WORD.search(search):
        raise UsageError(
            f"--search {search!r} has no word to look for.",
            hint="Give letters or digits, for example --search \"troop build\"; case and punctuation do not count.",
        )


def _check_store_location(db: str) -> None:
    """Refuse a database that vanishes when the command ends."""
    from claimtrack.store.connection import is_in_memory

    if is_in_memory(db):
        raise UsageError(
            f"--db {db} is a database in memory: what extract stores there would be gone when it ends.",
            hint="Give a file path such as claims.db, or a URL such as sqlite:///claims.db.",
        )


def _check_cluster(address: str | None) -> None:
    from claimtrack.ingest.cluster import LOCAL_PREFIX

    if address is None or address.startswith(LOCAL_PREFIX):
        return  # local:N is checked where the cluster starts
    if not _SCHEDULER_ADDRESS.fullmatch(address):
        raise UsageError(
            f"--cluster {address!r} is not a Dask scheduler address.",
            hint="Give tcp://HOST:PORT (a scheduler's port is usually 8786), or local:N for N worker processes here.",
        )


def _usable_cpus() -> int:
    try:
        return len(os.sched_getaffinity(0))  # the CPUs this process may run on
    except AttributeError:  # not on every platform
        return os.cpu_count() or 1


def _fetch_limit(limit: int | None, table: bool, rows: int = TABLE_ROWS) -> int | None:
    """How many rows to ask for: one more than a table shows, to know if it is all."""
    if limit is not None:
        return limit
    return rows + 1 if table else None


def _shown(records: list, limit: int | None, table: bool, rows: int = TABLE_ROWS) -> tuple[list, bool]:
    """The rows to print, and whether rows were left out of a table."""
    if table and limit is None and len(records) > rows:
        return records[:rows], True
    return records, False


def _more_note(what: str, rows: int = TABLE_ROWS) -> str:
    return f"Showing the first {rows} {what}; pass --limit N for more, or --format json for all."


def _print_records(fmt: TableFormat, records, table, model, limit: int | None = None, what: str = "rows") -> None:
    from claimtrack import render

    if fmt is TableFormat.table:
        records, cut = _shown(records, limit, table=True)
        _show(table(records))
        if cut:
            _show(_more_note(what), style="dim")
    else:
        _write(render.records_as(fmt.value, records, model))


def _version(value: bool) -> None:
    if value:
        typer.echo(f"claimtrack {__version__}")
        raise typer.Exit()


@app.callback()
def main_options(
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Show the version and exit.")
    ] = False,
) -> None:
    """Extract who said what, when, and which figures, from news articles."""


@command()
def extract(
    paths: Annotated[
        list[Path],
        typer.Argument(help=f"Files or folders of articles ({_INPUT_SUFFIXES}), or - for standard input."),
    ],
    db: Db = DEFAULT_DB,
    model: Annotated[
        Optional[str], typer.Option(envvar="CLAIMTRACK_MODEL", help="Installed spaCy pipeline to use.")
    ] = None,
    published: Annotated[
        Optional[dt.datetime],
        typer.Option(formats=["%Y-%m-%d"], metavar="YYYY-MM-DD", help="Publication date for these files."),
    ] = None,
    source: Annotated[Optional[str], typer.Option(help="Outlet name for these files.")] = None,
    jobs: Annotated[
        int,
        typer.Option(
            "--jobs", "-j", min=1, envvar="CLAIMTRACK_JOBS",
            help="Processes that parse in parallel, each with its own copy of the model.",
        ),
    ] = 1,
    cluster: Annotated[
        Optional[str],
        typer.Option(
            metavar="ADDRESS", envvar="CLAIMTRACK_CLUSTER",
            help="Run on a Dask cluster: tcp://HOST:8786, or local:N for N worker processes here.",
        ),
    ] = None,
    force: Annotated[bool, typer.Option("--force", help="Extract again articles already stored unchanged.")] = False,
    max_bytes: Annotated[
        Optional[int],
        typer.Option("--max-bytes", min=1, metavar="BYTES", help="Refuse files larger than this (default 20 MB)."),
    ] = None,
    input_format: Annotated[
        InputFormat, typer.Option("--format", "-f", help="What standard input (-) holds; files go by their suffix.")
    ] = InputFormat(input_formats.DEFAULT_FORMAT),
    report_format: Annotated[ReportFormat, typer.Option("--report", help="Summary format.")] = ReportFormat.table,
    debug: Annotated[
        bool,
        typer.Option(
            "--debug", envvar="CLAIMTRACK_DEBUG",
            help="Print the traceback of each article that failed on an internal error.",
        ),
    ] = False,
) -> None:
    """Extract claims from articles and store them."""
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

    from claimtrack import render
    from claimtrack.ingest.options import ExtractOptions
    from claimtrack.ingest.run import extract_into
    from claimtrack.inputs.plan import count_inputs

    _check_store_location(db)
    _check_cluster(cluster)
    if cluster is None and jobs > (cpus := _usable_cpus()):
        typer.echo(f"Note: --jobs {jobs} is more than the {cpus} CPUs here; running {cpus} jobs.", err=True)
        jobs = cpus
    options = ExtractOptions(
        model=model, published=published.date() if published else None, source=source, force=force,
        max_bytes=max_bytes, stdin_format=input_format.value, jobs=jobs, cluster=cluster,
    )
    progress_console = _console(stderr=True)
    stored = 0

    def advance(outcome) -> None:
        nonlocal stored
        stored += outcome.status == "stored"
        # A file name is shown as it is: never as markup, escape sequences or bidi overrides.
        progress.update(task, advance=1, description=render.one_line(Path(outcome.path).name))

    def show_fault(outcome, details: str) -> None:
        # Through the progress bar's console, so the bar is drawn again below it.
        progress_console.print(
            f"{outcome.path}: {outcome.reason}\n{details}", markup=False, highlight=False, soft_wrap=True
        )

    try:
        with Progress(
            TextColumn("extracting"), BarColumn(), MofNCompleteColumn(), TextColumn("{task.description}", markup=False),
            console=progress_console, transient=True, disable=not progress_console.is_terminal,
        ) as progress:
            task = progress.add_task("", total=count_inputs(paths) if progress_console.is_terminal else None)
            report = extract_into(db, paths, options, on_outcome=advance, on_fault=show_fault if debug else None)
    except KeyboardInterrupt:
        typer.echo(
            f"Interrupted: {stored} articles were stored whole. Run the same command again to finish; "
            "articles already stored are skipped.",
            err=True,
        )
        raise typer.Exit(INTERRUPTED) from None
    if report_format is ReportFormat.json:
        _write(render.to_json(list(report.outcomes)))
    else:
        _show(render.extract_summary(report))
    missing = [o.path for o in report.outcomes if o.status == "missing"]
    if missing:
        raise PathNotFound(f"no such file or folder: {', '.join(missing)}")
    raise typer.Exit(1 if report.count("failed") else 0)


@command()
def claims(
    db: Db = DEFAULT_DB,
    speaker: Annotated[Optional[str], typer.Option(help="Part of a speaker's name or alias.")] = None,
    kind: Annotated[Optional[Kind], typer.Option(help="quote or figure.")] = None,
    attribution: Annotated[
        Optional[Attribution],
        typer.Option(help="Quotes attributed as a statement, a belief (or intention, or stance) or a nominal."),
    ] = None,
    source: Annotated[Optional[str], typer.Option(help="Part of the outlet's name.")] = None,
    category: Annotated[Optional[Category], typer.Option(help="Figure category.")] = None,
    measure: Annotated[
        Optional[Measure], typer.Option(help="What a figure counts, finely (deaths, injured, crowd, buildings ...).")
    ] = None,
    since: Day = None,
    until: Day = None,
    search: Annotated[
        Optional[str], typer.Option(help="Words in the claim's sentence, in this order (the last may be cut short).")
    ] = None,
    limit: Limit = None,
    fmt: Annotated[
        ClaimFormat, typer.Option("--format", "-f", help="Output format (jsonld: schema.org Claim objects).")
    ] = ClaimFormat.table,
) -> None:
    """List stored claims, filtered."""
    from claimtrack import render
    from claimtrack.models import Claim, ClaimFilter
    from claimtrack.store import Store

    _check_query_text({"--speaker": speaker, "--source": source, "--search": search})
    _check_search(search)
    query = ClaimFilter(
        speaker=speaker, kind=kind.value if kind else None,
        attribution=attribution.value if attribution else None, source=source,
        category=category.value if category else None, measure=measure.value if measure else None,
        since=since.date() if since else None,
        until=until.date() if until else None, search=search,
        limit=_fetch_limit(limit, fmt is ClaimFormat.table),
    )
    with Store.open(db, create=False) as store:
        found = store.claims(query)
    if fmt is ClaimFormat.jsonld:
        _write(render.to_jsonld(found))
    else:
        _print_records(TableFormat(fmt.value), found, render.claims_table, Claim, limit, "claims")


@command()
def articles(db: Db = DEFAULT_DB, limit: Limit = None, fmt: Format = TableFormat.table) -> None:
    """List stored articles with their metadata and every outlet their text appeared in."""
    from claimtrack import render
    from claimtrack.models import ArticleListing
    from claimtrack.store import Store

    with Store.open(db, create=False) as store:
        found = store.article_listings(limit=_fetch_limit(limit, fmt is TableFormat.table))
    _print_records(fmt, found, render.articles_table, ArticleListing, limit, "articles")


@command()
def speakers(db: Db = DEFAULT_DB, limit: Limit = None, fmt: Format = TableFormat.table) -> None:
    """List speakers, most claims first, with their aliases and roles."""
    from claimtrack import render
    from claimtrack.models import SpeakerSummary
    from claimtrack.store import Store

    with Store.open(db, create=False) as store:
        found = store.speakers(limit=_fetch_limit(limit, fmt is TableFormat.table))
    _print_records(fmt, found, render.speakers_table, SpeakerSummary, limit, "speakers")


@command()
def diff(
    db: Db = DEFAULT_DB,
    category: Annotated[Optional[Category], typer.Option(help="Only figures of this category.")] = None,
    measure: Annotated[
        Optional[Measure], typer.Option(help="Only groups of this measure (deaths, injured, crowd, buildings ...).")
    ] = None,
    source: Annotated[Optional[str], typer.Option(help="Only groups with a report from this outlet.")] = None,
    min_sources: Annotated[
        int, typer.Option(min=1, max=COUNT_MAX, help="Only groups reported by this many outlets.")
    ] = 1,
    all_groups: Annotated[bool, typer.Option("--all", help="Include groups whose reports agree.")] = False,
    explain: Annotated[bool, typer.Option(help="Say why the reports were grouped.")] = False,
    quotes: Annotated[bool, typer.Option(help="Compare statements reported in different words instead.")] = False,
    limit: Limit = None,
    fmt: Annotated[ReportFormat, typer.Option("--format", "-f", help="Output format.")] = ReportFormat.table,
) -> None:
    """Line up the same figure across sources and say how the reports disagree."""
    from claimtrack import render
    from claimtrack.linking.groups import figure_groups
    from claimtrack.linking.quotes import quote_pairs
    from claimtrack.models import GroupFilter
    from claimtrack.store import Store

    _check_query_text({"--source": source})
    table = fmt is ReportFormat.table
    with Store.open(db, create=False) as store:
        if quotes:
            results = quote_pairs(store, limit=_fetch_limit(limit, table))
        else:
            query = GroupFilter(
                category=category.value if category else None, measure=measure.value if measure else None,
                include_consistent=all_groups,
                min_sources=min_sources, source=source, limit=_fetch_limit(limit, table, TABLE_GROUPS),
            )
            results = figure_groups(store, query)
    rows = TABLE_ROWS if quotes else TABLE_GROUPS
    results, cut = _shown(results, limit, table, rows)
    if not table:
        _write(render.to_json(results))
        return
    _show(render.quote_pairs(results) if quotes else render.figure_groups(results, explain=explain))
    if cut:
        _show(_more_note("pairs" if quotes else "groups", rows), style="dim")


@command()
def show(
    claim_id: Annotated[str, typer.Argument(help="A claim id, or a unique prefix of one.")],
    db: Db = DEFAULT_DB,
    fmt: Annotated[ReportFormat, typer.Option("--format", "-f", help="Output format.")] = ReportFormat.table,
) -> None:
    """Show one claim in its sentence, with its article's metadata."""
    from claimtrack import render
    from claimtrack.store import Store

    _check_query_text({"CLAIM_ID": claim_id})
    with Store.open(db, create=False) as store:
        claim = store.claim(claim_id)
        article = store.article(claim.article.id)
        appearances = store.appearances([claim.article.id]).get(claim.article.id, ())
    if fmt is ReportFormat.json:
        _write(render.to_json_object(claim))
    else:
        _show(render.claim_view(claim, article, appearances))


def main() -> None:
    app()
