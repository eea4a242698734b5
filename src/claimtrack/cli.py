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
import importlib
import os
import re
import sys
from pathlib import Path
from typing import Annotated, Optional

import typer
from typer.core import TyperCommand, TyperGroup

from claimtrack import __version__
from claimtrack.closed_sets import Attribution, Category, Measure
from claimtrack.closed_sets import ClaimKind as Kind
from claimtrack.errors import ClaimtrackError, OutputUnwritable, PathNotFound, UsageError
from claimtrack.inputs import registry as input_formats

# The click that typer runs on: a copy of its own since typer 0.22, the click package
# before. Its usage errors are caught by class.
_click_errors = importlib.import_module(TyperCommand.__mro__[1].__module__.rpartition(".")[0] + ".exceptions")


class _Command(TyperCommand):
    """A command whose help reads as conventional command-line tools' does: `PATHS...`
    in the usage line, an option's metavar after it when it takes a value (`--db PATH`,
    `--format [table|json]`) and nothing after a flag, one line per option."""

    def collect_usage_pieces(self, ctx) -> list[str]:
        pieces = [self.options_metavar] if self.options_metavar else []
        for param in self.get_params(ctx):
            if param.param_type_name == "argument":
                name = _argument_metavar(param)
                pieces.append(name if param.required else f"[{name}]")
        return pieces

    def format_options(self, ctx, formatter) -> None:
        _format_parameters(self, ctx, formatter)


class _Group(TyperGroup):
    """The `claimtrack` group: its help lists options as `_Command` does, and a usage
    error (an unknown option, a bad value) is one `Error:` line, a hint and exit code 2."""

    def format_options(self, ctx, formatter) -> None:
        _format_parameters(self, ctx, formatter)
        self.format_commands(ctx, formatter)

    def main(self, args=None, prog_name=None, complete_var=None, standalone_mode=True, **extra):
        if not standalone_mode:
            return super().main(args, prog_name, complete_var, standalone_mode=False, **extra)
        try:
            code = super().main(args, prog_name, complete_var, standalone_mode=False, **extra)
        except getattr(_click_errors, "NoArgsIsHelpError", ()) as exc:
            exc.show()  # `claimtrack` alone: its help
            sys.exit(exc.exit_code)
        except _click_errors.UsageError as exc:
            command = exc.ctx.command_path if exc.ctx is not None else "claimtrack"
            typer.echo(f"Error: {_one_line(exc.format_message())}\nHint: {command} -h lists what it takes.", err=True)
            sys.exit(exc.exit_code)
        except _click_errors.ClickException as exc:
            typer.echo(f"Error: {_one_line(exc.format_message())}", err=True)
            sys.exit(exc.exit_code)
        except (typer.Abort, getattr(_click_errors, "Abort", typer.Abort)):
            typer.echo("Aborted.", err=True)
            sys.exit(1)
        sys.exit(code if isinstance(code, int) else 0)


def _one_line(text: str) -> str:
    from claimtrack.render import one_line

    return one_line(text)


def _argument_metavar(param) -> str:
    name = param.metavar or (param.name or "").upper()
    return name + ("..." if param.nargs != 1 and not name.endswith("...") else "")


def _help_record(param) -> tuple[str, str] | None:
    """What the help says of ``param``: its names and metavar (every option that takes
    a value declares one), and its help with its environment variable and default."""
    if getattr(param, "hidden", False):
        return None
    if param.param_type_name == "argument":
        return _argument_metavar(param), getattr(param, "help", None) or ""
    names = ", ".join(sorted(param.opts, key=lambda name: name.startswith("--")))
    if param.secondary_opts:
        names += " / " + ", ".join(param.secondary_opts)
    flag = param.is_flag or param.count
    if not flag:
        names += f" {param.metavar}"
    extras = []
    envvars = [param.envvar] if isinstance(param.envvar, str) else list(param.envvar or ())
    if envvars:
        extras.append("env var: " + ", ".join(envvars))
    if param.default is not None and not flag and not callable(param.default):
        extras.append(f"default: {getattr(param.default, 'value', param.default)}")
    help_text = param.help or ""
    if extras:
        help_text += ("  " if help_text else "") + "[" + "; ".join(extras) + "]"
    return names, help_text


def _format_parameters(command, ctx, formatter) -> None:
    arguments, options = [], []
    for param in command.get_params(ctx):
        record = _help_record(param)
        if record is not None:
            (arguments if param.param_type_name == "argument" else options).append(record)
    for title, records in (("Arguments", arguments), ("Options", options)):
        if records:
            with formatter.section(title):
                formatter.write_dl(records)


app = typer.Typer(
    cls=_Group,
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    # Help as plain text, laid out by click to the terminal's width.
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
    help="Extract who said what, when, and which figures, from news articles; store and query them.",
)


class TableFormat(str, enum.Enum):
    table = "table"
    json = "json"
    jsonl = "jsonl"
    csv = "csv"
    markdown = "markdown"


# Claims also come as JSON-LD, which only makes sense for claims.
ClaimFormat = enum.Enum("ClaimFormat", {**{f.name: f.value for f in TableFormat}, "jsonld": "jsonld"}, type=str)


class ReportFormat(str, enum.Enum):
    table = "table"
    json = "json"


class DiffFormat(str, enum.Enum):
    table = "table"
    json = "json"
    jsonl = "jsonl"
    csv = "csv"
    markdown = "markdown"


# What standard input holds: one choice per input reader.
InputFormat = enum.Enum("InputFormat", {name: name for name in input_formats.format_names()}, type=str)
# The main suffix of each, for help texts.
_INPUT_SUFFIXES = ", ".join(reader.suffixes[0] for reader in input_formats.readers())



def _choices(values: type[enum.Enum]) -> str:
    """An option's metavar that lists its choices: ``[table|json]``."""
    return "[" + "|".join(value.value for value in values) + "]"


Db = Annotated[
    str,
    typer.Option("--db", envvar="CLAIMTRACK_DB", metavar="PATH", help="Store: a file path or an SQLAlchemy URL."),
]
Format = Annotated[
    TableFormat, typer.Option("--format", "-f", metavar=_choices(TableFormat), help="Output format.")
]
_DAY = {"formats": ["%Y-%m-%d"], "metavar": "YYYY-MM-DD"}
Since = Annotated[
    Optional[dt.datetime],
    typer.Option(**_DAY, help="Only claims said on or after this day (the article's date when the claim has none)."),
]
Until = Annotated[
    Optional[dt.datetime],
    typer.Option(**_DAY, help="Only claims said on or before this day (the article's date when the claim has none)."),
]
DEFAULT_DB = "claimtrack.db"
# What the progress bar says before the first file is done.
LOADING_MODEL = "loading the language model…"
# What a shell reports for a command stopped by Ctrl-C (128 + SIGINT).
INTERRUPTED = 130

PIPED_WIDTH = 140
# Narrower, a table has no room for a claim's words; COLUMNS below it counts as this.
MIN_WIDTH = 20
# A table is for reading: without --limit it shows this many rows and says if there
# are more. JSON, JSONL and CSV are for programs and always hold everything asked for.
TABLE_ROWS = 50
# Each diff group is several rows (up to render.REPORTS_SHOWN reports).
TABLE_GROUPS = 20
# Larger counts cannot be given to a database (SQLite's integers are 64-bit).
COUNT_MAX = 2**63 - 1
Limit = Annotated[
    Optional[int],
    typer.Option(min=1, max=COUNT_MAX, metavar="N", help=f"At most N rows (a table shows {TABLE_ROWS} unless told)."),
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
        # Piped: as wide as COLUMNS says, else wide enough that tables are not
        # squeezed into the 80 columns rich would assume.
        console = Console(stderr=stderr, highlight=False, width=_piped_width(os.environ.get("COLUMNS")))
    return console


def _piped_width(columns: str | None) -> int:
    if columns and columns.strip().isdigit() and int(columns) > 0:
        return max(int(columns), MIN_WIDTH)
    return PIPED_WIDTH


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

        return app.command(*args, cls=_Command, **kwargs)(run)

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


# Words a flag's value could be given as: `--force true` reads `true` as a path.
_FLAG_VALUES = frozenset({"true", "false", "yes", "no", "on", "off", "1", "0"})


def _check_no_flag_values(paths: list[Path]) -> None:
    """Refuse a path that is no file but a flag's value (`extract --force true seeds/`)
    before extracting anything."""
    for path in paths:
        if str(path).lower() in _FLAG_VALUES and not os.path.lexists(path):
            raise UsageError(
                f"no such file or folder: {path}; --force and --debug are flags and take no value.",
                hint=f"Give the flag alone, as in: claimtrack extract --force {' '.join(str(p) for p in paths if p != path) or 'PATHS'}",
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


def _print_records(
    fmt: TableFormat, records, table, markdown, model, limit: int | None = None, what: str = "rows", none: str = ""
) -> None:
    """``records`` as ``fmt`` says: a table (``table`` renders it; the first rows
    only, unless ``limit`` says how many) or Markdown (``markdown``) for people, with
    the sentence ``none`` when there are none; JSON, JSON Lines or CSV for programs."""
    from claimtrack import render

    if fmt in (TableFormat.table, TableFormat.markdown) and not records:
        _write(none + "\n")
    elif fmt is TableFormat.table:
        records, cut = _shown(records, limit, table=True)
        _show(table(records))
        if cut:
            _show(_more_note(what), style="dim")
    elif fmt is TableFormat.markdown:
        _write(markdown(records))
    else:
        _write(render.records_as(fmt.value, records, model))


def _colour_shown() -> bool:
    """Whether standard output shows colours (a terminal, and no NO_COLOR)."""
    console = _console()
    return console.color_system is not None and not console.no_color


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
        typer.Argument(
            metavar="PATHS...", help=f"Files or folders of articles ({_INPUT_SUFFIXES}), or - for standard input."
        ),
    ],
    db: Db = DEFAULT_DB,
    model: Annotated[
        Optional[str],
        typer.Option(envvar="CLAIMTRACK_MODEL", metavar="NAME", help="Installed spaCy pipeline to use."),
    ] = None,
    published: Annotated[
        Optional[dt.datetime],
        typer.Option(formats=["%Y-%m-%d"], metavar="YYYY-MM-DD", help="Publication date for these files."),
    ] = None,
    source: Annotated[Optional[str], typer.Option(metavar="NAME", help="Outlet name for these files.")] = None,
    source_alias: Annotated[
        Optional[list[str]],
        typer.Option(
            "--source-alias", metavar="SPELLING=CANONICAL",
            help="Store the outlet SPELLING as CANONICAL (repeatable; adds to the sources table of claimtrack.toml).",
        ),
    ] = None,
    jobs: Annotated[
        int,
        typer.Option(
            "--jobs", "-j", min=1, envvar="CLAIMTRACK_JOBS", metavar="N",
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
        Optional[InputFormat],
        typer.Option(
            "--format", "-f", metavar=_choices(InputFormat),
            help=f"What standard input (-) holds (default: guessed from it, else {input_formats.DEFAULT_FORMAT}); "
            "files go by their suffix.",
        ),
    ] = None,
    report_format: Annotated[
        ReportFormat, typer.Option("--report", metavar=_choices(ReportFormat), help="Summary format.")
    ] = ReportFormat.table,
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
    from claimtrack.inputs.source_aliases import config_path, load_source_aliases

    _check_store_location(db)
    _check_no_flag_values(paths)
    _check_cluster(cluster)
    source_aliases = load_source_aliases(config_path(os.environ, os.getcwd()), source_alias or ())
    if cluster is None and jobs > (cpus := _usable_cpus()):
        typer.echo(f"Note: --jobs {jobs} is more than the {cpus} CPUs here; running {cpus} jobs.", err=True)
        jobs = cpus
    options = ExtractOptions(
        model=model, published=published.date() if published else None, source=source, force=force,
        max_bytes=max_bytes, stdin_format=input_format.value if input_format else None,
        source_aliases=source_aliases, jobs=jobs, cluster=cluster,
    )
    progress_console = _console(stderr=True)
    stored = 0

    def advance(outcome) -> None:
        nonlocal stored
        stored += outcome.status == "stored"
        # A file name is shown as it is: never as markup, escape sequences or bidi overrides.
        progress.update(task, advance=1, description=render.one_line(Path(outcome.path).name))

    def guessed(message: str) -> None:
        # Printed by the progress bar's console, so that it stands above the bar.
        progress_console.print(render.one_line(message), markup=False, highlight=False, soft_wrap=True)

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
            # Until the first file is done, the bar waits on the language model.
            task = progress.add_task(LOADING_MODEL, total=count_inputs(paths) if progress_console.is_terminal else None)
            report = extract_into(
                db, paths, options, on_outcome=advance, on_fault=show_fault if debug else None, on_guess=guessed
            )
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
    speaker: Annotated[
        Optional[str], typer.Option(metavar="TEXT", help="Part of a speaker's name or alias, any case.")
    ] = None,
    kind: Annotated[Optional[Kind], typer.Option(metavar=_choices(Kind), help="Quotes or figures only.")] = None,
    attribution: Annotated[
        Optional[Attribution],
        typer.Option(
            metavar=_choices(Attribution),
            help="Quotes attributed as a statement, a belief (or intention, or stance) or a nominal.",
        ),
    ] = None,
    source: Annotated[
        Optional[str], typer.Option(metavar="TEXT", help="Part of the name of an outlet the article appeared in.")
    ] = None,
    category: Annotated[
        Optional[Category], typer.Option(metavar=_choices(Category), help="Figures of this category only.")
    ] = None,
    measure: Annotated[
        Optional[Measure],
        typer.Option(metavar=_choices(Measure), help="What a figure counts, finely (deaths, injured, crowd, buildings ...)."),
    ] = None,
    since: Since = None,
    until: Until = None,
    search: Annotated[
        Optional[str],
        typer.Option(
            metavar="WORDS", help="Words in the claim's sentence, in this order (the last may be cut short)."
        ),
    ] = None,
    limit: Limit = None,
    fmt: Annotated[
        ClaimFormat,
        typer.Option(
            "--format", "-f", metavar=_choices(ClaimFormat), help="Output format (jsonld: schema.org Claim objects)."
        ),
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
        _print_records(TableFormat(fmt.value), found, render.claims_table, render.claims_markdown, Claim, limit,
                       "claims", none="No claims match.")


@command()
def articles(db: Db = DEFAULT_DB, limit: Limit = None, fmt: Format = TableFormat.table) -> None:
    """List stored articles with their metadata and every outlet their text appeared in."""
    from claimtrack import render
    from claimtrack.models import ArticleListing
    from claimtrack.store import Store

    with Store.open(db, create=False) as store:
        found = store.article_listings(limit=_fetch_limit(limit, fmt is TableFormat.table))
    _print_records(fmt, found, render.articles_table, render.articles_markdown, ArticleListing, limit, "articles",
                   none="No articles are stored.")


@command()
def speakers(db: Db = DEFAULT_DB, limit: Limit = None, fmt: Format = TableFormat.table) -> None:
    """List speakers, most claims first, with their aliases and roles."""
    from claimtrack import render
    from claimtrack.models import SpeakerSummary
    from claimtrack.store import Store

    with Store.open(db, create=False) as store:
        found = store.speakers(limit=_fetch_limit(limit, fmt is TableFormat.table))
    _print_records(fmt, found, render.speakers_table, render.speakers_markdown, SpeakerSummary, limit, "speakers",
                   none="No speakers are stored.")


# What diff says when the stored groups are out of date: it then groups the figures
# itself, which gives the same groups but takes longer on a large store.
STALE_GROUPS_NOTE = (
    "Note: the stored figure groups are out of date (an extract run is under way, or one stopped before "
    "refreshing them), so these were worked out from the figures. The next extract run, even of files "
    "already stored, brings them up to date."
)


@command()
def diff(
    db: Db = DEFAULT_DB,
    category: Annotated[
        Optional[Category], typer.Option(metavar=_choices(Category), help="Only figures of this category.")
    ] = None,
    measure: Annotated[
        Optional[Measure],
        typer.Option(metavar=_choices(Measure), help="Only groups of this measure (deaths, injured, crowd, buildings ...)."),
    ] = None,
    source: Annotated[
        Optional[str], typer.Option(metavar="TEXT", help="Only groups with a report from this outlet.")
    ] = None,
    min_sources: Annotated[
        int, typer.Option(min=1, max=COUNT_MAX, metavar="N", help="Only groups reported by N outlets or more.")
    ] = 1,
    all_groups: Annotated[bool, typer.Option("--all", help="Include groups whose reports agree.")] = False,
    explain: Annotated[bool, typer.Option("--explain", help="Say why the reports were grouped.")] = False,
    quotes: Annotated[
        bool, typer.Option("--quotes", help="Compare statements reported in different words instead.")
    ] = False,
    limit: Annotated[
        Optional[int],
        typer.Option(
            min=1, max=COUNT_MAX, metavar="N",
            help=f"At most N groups (a table shows {TABLE_GROUPS} groups, or {TABLE_ROWS} pairs with --quotes, "
            "unless told).",
        ),
    ] = None,
    fmt: Annotated[
        DiffFormat,
        typer.Option(
            "--format", "-f", metavar=_choices(DiffFormat),
            help="Output format (jsonl and csv: one row per report, or per pair with --quotes).",
        ),
    ] = DiffFormat.table,
    chart: Annotated[
        Optional[Path],
        typer.Option(
            "--chart", metavar="FILE",
            help="Draw the groups to FILE (.html, .svg or .png) instead of printing them: each report's interval "
            "against the day it was reported (needs claimtrack[chart]).",
        ),
    ] = None,
) -> None:
    """Line up the same figure across sources and say how the reports disagree."""
    from claimtrack import render
    from claimtrack.linking.groups import figure_groups
    from claimtrack.linking.quotes import quote_pairs
    from claimtrack.models import GroupFilter
    from claimtrack.store import Store

    _check_query_text({"--source": source})
    if chart is not None:
        if quotes:
            raise UsageError("--chart draws figure groups; it cannot draw --quotes.")
        from claimtrack.chart import chart_format

        chart_format(str(chart))
    table = fmt is DiffFormat.table or chart is not None
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
            if store.figure_groups_stale():
                typer.echo(STALE_GROUPS_NOTE, err=True)
    rows = TABLE_ROWS if quotes else TABLE_GROUPS
    results, cut = _shown(results, limit, table, rows)
    if chart is not None:
        _write_chart(results, chart, cut)
    elif fmt is DiffFormat.json:
        _write(render.to_json(results) if quotes else render.figure_groups_json(results))
    elif fmt is DiffFormat.markdown:
        _write(render.quote_pairs_markdown(results) if quotes else render.figure_groups_markdown(results))
    elif fmt is not DiffFormat.table:
        if quotes:
            _write(render.rows_as(fmt.value, render.quote_pair_rows(results), render.QUOTE_PAIR_FIELDS))
        else:
            _write(render.rows_as(fmt.value, render.diff_rows(results), render.DIFF_ROW_FIELDS))
    else:
        _show(render.quote_pairs(results, colour=_colour_shown()) if quotes
              else render.figure_groups(results, explain=explain))
        if cut:
            _show(_more_note("pairs" if quotes else "groups", rows), style="dim")


def _write_chart(groups, path: Path, cut: bool) -> None:
    """Draw ``groups`` to ``path`` (written whole or not at all) and say so on standard error."""
    from claimtrack.chart import chart_bytes, chart_format

    data = chart_bytes(groups, chart_format(str(path)))
    partial = path.with_name(f".{path.name}.partial")
    try:
        partial.write_bytes(data)
        os.replace(partial, path)
    except OSError as exc:
        partial.unlink(missing_ok=True)
        raise OutputUnwritable(f"cannot write {path}: {exc.strerror or exc}") from exc
    count = len(groups)
    typer.echo(f"Drew {count} group{'s' if count != 1 else ''} to {path}.", err=True)
    if cut:
        typer.echo(f"Only the first {TABLE_GROUPS} groups; pass --limit N for more.", err=True)


@command()
def show(
    claim_id: Annotated[str, typer.Argument(metavar="CLAIM_ID", help="A claim id, or a unique prefix of one.")],
    db: Db = DEFAULT_DB,
    fmt: Annotated[
        ReportFormat, typer.Option("--format", "-f", metavar=_choices(ReportFormat), help="Output format.")
    ] = ReportFormat.table,
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
