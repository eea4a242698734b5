"""Turning records into output: rich tables for people, JSON, JSON Lines and CSV for
programs. Article text is untrusted: it never reaches the terminal as markup or
control sequences, and never reaches a spreadsheet as a formula."""

from __future__ import annotations

import csv
import io
import json
import re
import typing
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import Any, Literal, NamedTuple

from pydantic import BaseModel
from rich.console import Console, ConsoleOptions, Group, RenderableType
from rich.panel import Panel
from rich.table import Table
from rich.cells import cell_len
from rich.text import Text

from claimtrack.models import (
    Appearance,
    Article,
    ArticleInfo,
    ArticleListing,
    Claim,
    ExtractReport,
    Figure,
    FigureGroup,
    QuotePair,
    SpeakerSummary,
    figure_day,
)

# Escape sequences, control characters, and the bidirectional overrides and isolates
# (U+202A-U+202E, U+2066-U+2069) that make a terminal show text in another order.
_CONTROL = re.compile(
    r"\x1b\[[0-9;?]*[ -/]*[@-~]|\x1b[@-_]|[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]"
)
# A cell starting with one of these may be run as a formula; a line break stands for
# the carriage return that spreadsheets skip before one.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\n")
# Every line break a CSV reader or a line splitter may see (str.splitlines' set)...
_CSV_LINE_BREAK = re.compile("\r\n?|[\x0b\x0c\x1c-\x1e\x85\u2028\u2029]")
# ...and the control characters no cell needs (tab and line feed stay).
_CSV_CONTROL = re.compile("[\x00-\x08\x0e-\x1b\x1f\x7f-\x84\x86-\x9f]")
# A line inside a cell that a naive line splitter would take for a row with a formula.
_CSV_FORMULA_LINE = re.compile("\n(?=[=+\\-@\t])")


def safe_text(value: object) -> Text:
    """Terminal-safe text: escape sequences, control characters and bidi overrides
    removed, no markup."""
    return Text(terminal_text(value))


def terminal_text(value: object) -> str:
    """``value`` as a plain string without escape sequences, control characters or
    bidi overrides, to print anywhere (tables, progress, error messages)."""
    return _CONTROL.sub("", "" if value is None else str(value))


def one_line(value: object) -> str:
    """`terminal_text` on one line: line breaks and tabs become single spaces."""
    return " ".join(terminal_text(value).split())


# --- machine formats -----------------------------------------------------------


def to_json(records: Sequence[BaseModel]) -> str:
    return json.dumps([r.model_dump(mode="json") for r in records], ensure_ascii=False, indent=2) + "\n"


def to_jsonld(claims: Sequence[Claim]) -> str:
    from claimtrack.jsonld import claims_document

    return json.dumps(claims_document(claims), ensure_ascii=False, indent=2) + "\n"


def to_json_object(record: BaseModel) -> str:
    return json.dumps(record.model_dump(mode="json"), ensure_ascii=False, indent=2) + "\n"


def to_jsonl(records: Iterable[BaseModel]) -> str:
    return "".join(json.dumps(r.model_dump(mode="json"), ensure_ascii=False) + "\n" for r in records)


def _flatten(value: Any, prefix: str, out: dict[str, Any]) -> None:
    if isinstance(value, dict):
        for key, item in value.items():
            _flatten(item, f"{prefix}.{key}" if prefix else key, out)
    elif isinstance(value, list):
        if all(isinstance(v, str) for v in value):
            out[prefix] = "; ".join(value)
        else:
            out[prefix] = json.dumps(value, ensure_ascii=False)
    else:
        out[prefix] = value


def _neutralise(value: Any) -> Any:
    """A CSV cell that no spreadsheet runs and no reader splits: line breaks become LF
    (the writer quotes every cell holding one; a bare CR would go unquoted and end the
    row for a reader), other control characters go, and a cell or a line in it that
    starts like a formula gets a leading ``'``."""
    if not isinstance(value, str):
        return value
    value = _CSV_CONTROL.sub("", _CSV_LINE_BREAK.sub("\n", value))
    value = _CSV_FORMULA_LINE.sub("\n'", value)
    if value.startswith(_FORMULA_START):
        return "'" + value
    return value


def csv_columns(model: type[BaseModel], prefix: str = "") -> list[str]:
    """Dotted column names for ``model``: the same header whatever rows are returned.
    A list of records (an article's appearances) is one column of JSON."""
    columns: list[str] = []
    for name, field in model.model_fields.items():
        listed = typing.get_origin(field.annotation) in (tuple, list)
        nested = [a for a in typing.get_args(field.annotation) or (field.annotation,) if _is_model(a) and not listed]
        if nested:
            columns += csv_columns(nested[0], f"{prefix}{name}.")
        else:
            columns.append(prefix + name)
    return columns


def _is_model(annotation: object) -> bool:
    return isinstance(annotation, type) and issubclass(annotation, BaseModel)


def to_csv(records: Sequence[BaseModel], model: type[BaseModel]) -> str:
    """One row per record, nested fields flattened to dotted column names."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=csv_columns(model), extrasaction="ignore", lineterminator="\n")
    writer.writeheader()
    for record in records:
        flat: dict[str, Any] = {}
        _flatten(record.model_dump(mode="json"), "", flat)
        writer.writerow({k: _neutralise(v) for k, v in flat.items()})
    return buffer.getvalue()


# The formats for programs that every listing command offers, by the name `--format`
# takes: a function of the records and their model. A new one is an entry here and its
# name in `cli.TableFormat` (a test checks that the two agree).
TEXT_FORMATS: dict[str, typing.Callable[[Sequence[BaseModel], type[BaseModel]], str]] = {
    "json": lambda records, model: to_json(records),
    "jsonl": lambda records, model: to_jsonl(records),
    "csv": to_csv,
}


def records_as(fmt: str, records: Sequence[BaseModel], model: type[BaseModel]) -> str:
    writer = TEXT_FORMATS.get(fmt)
    if writer is None:
        raise ValueError(f"not a text format: {fmt}")
    return writer(records, model)


# --- tables -------------------------------------------------------------------------


def _number(value: float | int | None) -> str:
    if value is None:
        return "…"
    if isinstance(value, float) and not value.is_integer():
        return f"{value:,.2f}"
    return f"{int(value):,}"


_BOUND_SIGNS = {"more_than": ">", "at_least": "≥", "less_than": "<", "at_most": "≤"}


def figure_interval(figure: Figure) -> str:
    """The interval the wording allows, compactly: "15,000", ">14,000", "10,000–99,999"."""
    sign = _BOUND_SIGNS.get(figure.qualifier)
    if sign is not None:
        bound = figure.low if figure.qualifier in ("more_than", "at_least") else figure.high
        return sign + _number(bound if bound is not None else figure.value)
    if figure.low is not None and figure.low == figure.high:
        return _number(figure.low)
    return f"{_number(figure.low)}–{_number(figure.high)}"


def figure_summary(figure: Figure) -> str:
    unit = f" {figure.unit}" if figure.unit else ""
    return f"{figure_interval(figure)}{unit} [{figure.category}]"


# --- tables that fit their width ------------------------------------------------------
#
# A table is laid out for the width it is printed at (the terminal's, or COLUMNS when
# piped). When its columns' least widths do not fit, the least important column is
# stacked into another: its value becomes more lines of that column's cell, in a fixed
# order of importance per table. Every cell folds rather than cuts, so a claim's text,
# a figure's wording, an id, a URL or a path is never shortened to "…".

# What a table's frame takes beside its columns: a border and a space on each side
# of every column, and the closing border.
_FRAME_PER_COLUMN = 3
_FRAME_END = 1
# A column stacked into this one is a title above each section (a diff group) instead.
TITLE = "title"


class Column(NamedTuple):
    header: str
    # The plain text of a row's cell.
    cell: Callable[[Any], str]
    # Narrower than this, its words would break (or a date or id would fold).
    min_width: int
    # Where its value goes when the table is too narrow: another column's header, or
    # TITLE; None: never stacked.
    stack_into: str | None = None
    # Stacked, its value is prefixed with its header ("roles: ..."): for values that do
    # not say what they are (counts, roles).
    labelled: bool = False
    # The one column that takes the width left (ratio 1); the others take what their
    # cells need, at most ``max_width``.
    ratio: int | None = None
    max_width: int | None = None
    justify: Literal["left", "right"] = "left"
    style: str | None = None


def fit_columns(columns: Sequence[Column], stacking: Sequence[str], width: int) -> dict[str, str]:
    """Which columns are stacked, for a table ``width`` characters wide: each stacked
    column's header, mapped to the header of the column (or TITLE) that takes its value.
    ``stacking`` names the columns that may be stacked, least important first."""
    by_header = {column.header: column for column in columns}
    stacked: dict[str, str] = {}

    def needed() -> int:
        shown = [c for c in columns if c.header not in stacked]
        return sum(c.min_width for c in shown) + _FRAME_PER_COLUMN * len(shown) + _FRAME_END

    for header in stacking:
        if needed() <= width:
            break
        target = by_header[header].stack_into
        assert target is not None, header
        stacked[header] = target
    # A column stacked into one that was stacked in turn goes where that one went.
    for header, target in stacked.items():
        while target in stacked:
            target = stacked[target]
        stacked[header] = target
    return stacked


class FittedTable:
    """Rows of records under ``columns``, laid out when printed for the width they get
    (see `fit_columns`). ``sections`` are runs of rows with an optional heading, which
    stands in the column that `Column.stack_into` of ``heading`` names, or above its
    section when that column is stacked into TITLE."""

    def __init__(
        self,
        columns: Sequence[Column],
        stacking: Sequence[str],
        sections: Sequence[tuple[Text | None, Sequence[Any], Sequence[Text]]],
        *,
        heading: str | None = None,
    ) -> None:
        self.columns = tuple(columns)
        self.stacking = tuple(stacking)
        # (heading, records, lines after the records)
        self.sections = list(sections)
        self.heading = heading

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> Iterator[object]:
        width = options.max_width
        stacked = fit_columns(self.columns, self.stacking, width)
        shown = [column for column in self.columns if column.header not in stacked]
        headers = [
            " · ".join([column.header, *(o.header for o in self.columns if stacked.get(o.header) == column.header)])
            for column in shown
        ]
        sections = [(heading, self._rows(shown, stacked, heading, records, after)) for heading, records, after in
                    self.sections]
        widths = _column_widths(shown, headers, [row for _, rows in sections for row in rows], width)
        titled = self.heading is not None and stacked.get(self.heading) == TITLE
        if titled:
            for number, (heading, rows) in enumerate(sections):
                title = heading if number == 0 or heading is None else Text.assemble("\n", heading)
                yield self._table(shown, headers, widths, [rows], title)
        else:
            yield self._table(shown, headers, widths, [rows for _, rows in sections])

    def _rows(self, shown: list[Column], stacked: dict[str, str], heading: Text | None, records: Sequence[Any],
              after: Sequence[Text]) -> list[list[Text]]:
        rows = []
        for number, record in enumerate(records):
            cells = {column.header: safe_text(column.cell(record)) for column in self.columns}
            if self.heading is not None:
                cells[self.heading] = heading if number == 0 and heading is not None else Text()
            row = []
            for column in shown:
                cell = cells[column.header]
                for other in self.columns:
                    if stacked.get(other.header) == column.header and cells[other.header].plain:
                        extra = Text(f"{other.header}: " if other.labelled else "", style="dim")
                        extra.append_text(cells[other.header])
                        cell = Text.assemble(cell, "\n" if cell.plain else "", extra)
                row.append(cell)
            rows.append(row)
        # Lines after a section's rows stand in the first column that holds text.
        first = next((n for n, column in enumerate(shown) if column.header != self.heading), 0)
        for line in after:
            rows.append([line if n == first else Text() for n in range(len(shown))])
        return rows

    @staticmethod
    def _table(shown: list[Column], headers: list[str], widths: list[int], sections: list[list[list[Text]]],
               title: Text | None = None) -> Table:
        table = Table(title=title, title_justify="left")
        for column, header, width in zip(shown, headers, widths):
            table.add_column(header, width=width, justify=column.justify, style=column.style, overflow="fold")
        for rows in sections:
            for row in rows:
                table.add_row(*row)
            table.add_section()
        return table


def _column_widths(shown: Sequence[Column], headers: Sequence[str], rows: Sequence[Sequence[Text]],
                   width: int) -> list[int]:
    """Each shown column's width in a table ``width`` wide: what its longest line needs
    (within its least and most widths). When they do not fit, the widest columns are
    narrowed first, down to their longest word, then down to their least width (a word
    then folds); room to spare goes to the column with a ratio."""
    room = width - _FRAME_PER_COLUMN * len(shown) - _FRAME_END
    widths, words = [], []
    for number, column in enumerate(shown):
        texts = [row[number].plain for row in rows] + [headers[number]]
        needed = max(cell_len(line) for text in texts for line in text.splitlines() or [""])
        longest_word = max((cell_len(word) for text in texts for word in text.split()), default=1)
        if column.max_width is not None:
            needed = min(needed, column.max_width)
        widths.append(max(needed, column.min_width))
        words.append(max(min(longest_word, widths[-1]), column.min_width))
    excess = sum(widths) - room
    for floors in (words, [column.min_width for column in shown]):
        while excess > 0:
            narrowable = [n for n in range(len(shown)) if widths[n] > floors[n]]
            if not narrowable:
                break
            widest = max(widths[n] for n in narrowable)
            for n in narrowable:
                if widths[n] == widest and excess > 0:
                    widths[n] -= 1
                    excess -= 1
    spare = room - sum(widths)
    stretching = [n for n, column in enumerate(shown) if column.ratio]
    if spare > 0 and stretching:
        widths[stretching[0]] += spare
    return widths


def markdown_table(columns: Sequence[Column], records: Sequence[Any]) -> str:
    """A GitHub-flavoured Markdown table of ``records``, every column shown."""
    lines = [
        "| " + " | ".join(column.header for column in columns) + " |",
        "| " + " | ".join("---:" if column.justify == "right" else "---" for column in columns) + " |",
    ]
    for record in records:
        lines.append("| " + " | ".join(markdown_text(column.cell(record)) for column in columns) + " |")
    return "\n".join(lines) + "\n"


# Characters Markdown would read as formatting, a link, an HTML tag or a cell's end.
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]|#])")
# An ampersand that would start an HTML entity ("&lt;", "&#60;").
_MARKDOWN_ENTITY = re.compile(r"&(?=#?\w+;)")


def markdown_text(value: object) -> str:
    """``value`` as the text of one Markdown table cell: on one line, with no escape
    sequences, and with every character Markdown would act on escaped (``<`` and an
    entity's ``&`` as entities), so an article's text never becomes a link, a tag, an
    entity or a new cell."""
    text = _MARKDOWN_ENTITY.sub("&amp;", one_line(value)).replace("<", "&lt;")
    return _MARKDOWN_SPECIAL.sub(r"\\\1", text)


# --- claims ---------------------------------------------------------------------------


def claim_body(claim: Claim) -> str:
    """What a claim says, for a table: a direct quotation in quotation marks, a figure
    with its interval."""
    text = f"\u201c{claim.text}\u201d" if claim.direct else claim.text
    if claim.figure:
        return f"{text}  \u2192  {figure_summary(claim.figure)}"
    return text


def claim_date(claim: Claim) -> str:
    """The claim's date; the article's date in brackets when the claim has none."""
    if claim.date:
        return claim.date.isoformat()
    if claim.article.published:
        return f"({claim.article.published.isoformat()})"
    return ""


CLAIM_COLUMNS = (
    Column("id", lambda claim: claim.id[:CLAIM_ID_SHOWN], min_width=8, stack_into="speaker", style="dim"),
    Column("speaker", lambda claim: claim.speaker.name if claim.speaker else "", min_width=14, max_width=22,
           stack_into="claim"),
    Column("claim", claim_body, min_width=30, ratio=1),
    Column("date", claim_date, min_width=12, stack_into="speaker"),
    Column("source", lambda claim: claim.article.source or "", min_width=12, max_width=20, stack_into="speaker"),
)
CLAIM_STACKING = ("source", "date", "id", "speaker")
DIRECT_NOTE = "\u201c\u2026\u201d: a direct quotation, the speaker's own words"
ARTICLE_DATE_NOTE = "(date): the article's date, as the claim gives none of its own"


def claims_table(claims: Sequence[Claim]) -> RenderableType:
    """Claims under id, speaker, claim, date and source, with a note on the marks used."""
    notes = []
    if any(claim.direct for claim in claims):
        notes.append(Text(DIRECT_NOTE, style="dim"))
    if any(claim.date is None and claim.article.published for claim in claims):
        notes.append(Text(ARTICLE_DATE_NOTE, style="dim"))
    table = FittedTable(CLAIM_COLUMNS, CLAIM_STACKING, [(None, claims, ())])
    return Group(table, *notes)


# A table names this many other outlets of a syndicated text, then counts the rest.
OTHER_OUTLETS_SHOWN = 3


def outlet_line(source: str | None, appearances: Sequence[Appearance]) -> str:
    """An article's outlet with the other outlets its text appeared in: "Wire (also: A,
    B)". ``appearances`` are all of the article's, the primary first."""
    others = list(dict.fromkeys(a.source for a in appearances[1:] if a.source and a.source != source))
    if not others:
        return source or ""
    named = ", ".join(others[:OTHER_OUTLETS_SHOWN])
    if len(others) > OTHER_OUTLETS_SHOWN:
        named += f" and {len(others) - OTHER_OUTLETS_SHOWN} more"
    return f"{source or 'unknown outlet'} (also: {named})"


ARTICLE_COLUMNS = (
    Column("published", lambda a: a.published.isoformat() if a.published else "", min_width=10,
           stack_into="source"),
    Column("source", lambda a: outlet_line(a.source, a.appearances if isinstance(a, ArticleListing) else ()),
           min_width=12, max_width=28),
    Column("title", lambda a: a.title or "", min_width=20, ratio=1),
    Column("authors", lambda a: ", ".join(a.authors), min_width=12, max_width=24, stack_into="source",
           labelled=True),
    Column("path", lambda a: a.path or "", min_width=16, max_width=32, stack_into="title"),
)
ARTICLE_STACKING = ("authors", "path", "published")


def articles_table(articles: Sequence[ArticleInfo]) -> RenderableType:
    return FittedTable(ARTICLE_COLUMNS, ARTICLE_STACKING, [(None, articles, ())])


SPEAKER_COLUMNS = (
    Column("speaker", lambda s: s.name, min_width=14, max_width=28),
    Column("kind", lambda s: s.kind, min_width=12, stack_into="speaker"),
    Column("claims", lambda s: str(s.claims), min_width=6, justify="right", stack_into="speaker", labelled=True),
    Column("articles", lambda s: str(s.articles), min_width=8, justify="right", stack_into="speaker",
           labelled=True),
    Column("aliases", lambda s: ", ".join(s.aliases), min_width=16, ratio=1),
    Column("roles", lambda s: "; ".join(s.roles), min_width=16, ratio=1, stack_into="aliases", labelled=True),
)
SPEAKER_STACKING = ("kind", "roles", "articles", "claims")


def speakers_table(speakers: Sequence[SpeakerSummary]) -> RenderableType:
    return FittedTable(SPEAKER_COLUMNS, SPEAKER_STACKING, [(None, speakers, ())])


def claim_view(claim: Claim, article: Article | None, appearances: Sequence[Appearance] = ()) -> Group:
    """One claim: its sentence with the claim highlighted, then where it comes from:
    its article, and the other appearances of the article's text (``appearances``,
    the primary first)."""
    sentence = safe_text(claim.sentence)
    if article is not None:
        context = " ".join(article.text[claim.start : claim.end].split())
        at = sentence.plain.find(context) if context else -1
        if at >= 0:
            for start, end in claim.segments:
                part = " ".join(article.text[start:end].split())
                offset = sentence.plain.find(part, at)
                if offset >= 0:
                    sentence.stylize("bold yellow", offset, offset + len(part))
    facts = Table.grid(padding=(0, 2))
    facts.add_column(style="bold", no_wrap=True)
    facts.add_column(overflow="fold")  # a URL or path is folded, never cut
    speaker = claim.speaker
    rows: list[tuple[str, object]] = [("id", claim.id), ("kind", claim.kind), ("claim", claim.text)]
    if speaker:
        who = speaker.name + (f" ({speaker.role})" if speaker.role else "")
        rows += [("speaker", who), ("as written", speaker.mention), ("speaker kind", speaker.kind)]
    if claim.cue:
        rows.append(("cue", claim.cue + (" (direct quotation)" if claim.direct else "")))
    if claim.figure:
        figure = claim.figure
        rows += [
            ("figure", figure_summary(figure)),
            ("value", _number(figure.value) if figure.value is not None else ""),
            ("interval", f"{_number(figure.low)} to {_number(figure.high)} ({figure.qualifier.replace('_', ' ')})"),
        ]
        rows += [
            (label, value)
            for label, value in (
                ("whose", figure.owner),
                ("where", figure.place),
                ("since", figure.since),
                ("as of", figure.as_of.isoformat() if figure.as_of else figure.when),
            )
            if value
        ]
    if claim.date:
        rows.append(("date", claim.date.isoformat() + _DATE_SOURCE_NOTES.get(claim.date_source, "")))
    info = claim.article
    rows += [
        ("source", info.source or "unknown"),
        ("title", info.title or ""),
        ("published", info.published.isoformat() if info.published else "unknown"),
        ("authors", ", ".join(info.authors)),
        ("url", info.url or ""),
        ("path", info.path or ""),
    ]
    for number, other in enumerate(appearances[1:]):
        published = other.published.isoformat() if other.published else "undated"
        where = " · ".join(part for part in (other.title, other.url or other.path) if part)
        rows.append(("also in" if number == 0 else "", f"{other.source or 'unknown outlet'}, {published}: {where}"))
    for label, value in rows:
        facts.add_row(label, safe_text(value))
    return Group(Panel(sentence, title="sentence", title_align="left"), facts)


def extract_summary(report: ExtractReport) -> Group:
    stored = report.count("stored")
    lines: list[object] = [
        Text(
            f"{stored} article{'s' if stored != 1 else ''} stored: {report.quotes} quotes, "
            f"{report.figures} figures."
        )
    ]
    problems = [o for o in report.outcomes if o.status != "stored" or o.notes]
    if problems:
        table = Table(expand=True)
        table.add_column("file", ratio=1)
        table.add_column("status", no_wrap=True)
        table.add_column("reason", ratio=1)
        for o in problems:
            reason = o.reason or "; ".join(o.notes)
            table.add_row(safe_text(o.path), o.status, safe_text(reason))
        lines.append(table)
    return Group(*lines)


# --- diff ---------------------------------------------------------------------------------------

_VERDICT_STYLE = {"contradictory": "bold red", "divergent": "bold yellow", "consistent": "bold green"}


# What `show` says of a date the text does not give in so many words.
_DATE_SOURCE_NOTES = {
    "context": " (the day of the statement it continues)",
    "article": " (the article's date: reported as current, no day given)",
}


def _report_date(claim: Claim) -> str:
    figure = claim.figure
    if figure is not None and figure.as_of:
        return figure.as_of.isoformat()
    if figure is not None and figure.when:
        return figure.when
    date = claim.date or claim.article.published
    return date.isoformat() if date else ""


def _dated_differently(group: FigureGroup) -> str:
    """What the verdict says of reports of other days: their first and last day, and
    that a change over time may explain the gap."""
    days = sorted({d for d in (figure_day(c) for c in group.figures) if d is not None})
    span = f" ({days[0].isoformat()} to {days[-1].isoformat()})" if len(days) > 1 else ""
    return f"dated differently{span}: a change over time may explain the gap"


# A table is for reading: a group with more reports shows this many, always
# including its lowest and its highest figure, which make the disagreement.
REPORTS_SHOWN = 10


def _reports_shown(reports: Sequence[Claim]) -> list[Claim]:
    if len(reports) <= REPORTS_SHOWN:
        return list(reports)

    def low(claim: Claim) -> float:
        figure = claim.figure
        bound = figure.low if figure.low is not None else figure.value
        return bound if bound is not None else float("inf")

    def high(claim: Claim) -> float:
        figure = claim.figure
        bound = figure.high if figure.high is not None else figure.value
        return bound if bound is not None else float("-inf")

    extremes = {id(min(reports, key=low)), id(max(reports, key=high))}
    kept = [c for c in reports if id(c) in extremes]
    kept += [c for c in reports if id(c) not in extremes][: REPORTS_SHOWN - len(kept)]
    order = {id(c): n for n, c in enumerate(reports)}
    return sorted(kept, key=lambda c: order[id(c)])


class Report(NamedTuple):
    """One report of a diff group, with what a table shows beside it."""

    claim: Claim
    appearances: tuple[Appearance, ...]


def report_outlet(report: Report) -> str:
    article = report.claim.article
    return outlet_line(article.source, report.appearances) or article.path or ""


def report_giver(report: Report) -> str:
    speaker = report.claim.speaker
    return speaker.name if speaker else "(the outlet)"


DIFF_COLUMNS = (
    # The group's heading, beside its first report.
    Column("quantity", lambda report: "", min_width=18, max_width=40, stack_into=TITLE),
    Column("report", lambda report: report.claim.text, min_width=16),
    Column("interval", lambda report: figure_interval(report.claim.figure), min_width=13, stack_into="report"),
    Column("outlet", report_outlet, min_width=12),
    Column("given by", report_giver, min_width=12, stack_into="outlet", labelled=True),
    Column("date", lambda report: _report_date(report.claim), min_width=10, stack_into="outlet"),
)
DIFF_STACKING = ("date", "quantity", "given by", "interval")


def group_heading(group: FigureGroup) -> Text:
    """What a group measures, its verdict, spread and sources, and its id."""
    spread = f"spread {group.spread:.2f}x" if group.spread else f"spread unknown ({group.spread_unknown})"
    heading = Text.assemble(
        (safe_text(group.label).plain, "bold"),
        "\n",
        (group.verdict, _VERDICT_STYLE[group.verdict]),
        f" · {spread} · {group.sources} source{'s' if group.sources != 1 else ''}",
        ("\ngroup " + group.key[:GROUP_ID_SHOWN], "dim"),
    )
    if group.dates_differ and group.verdict != "consistent":
        # Reports that agree need no change over time to explain them.
        heading.append(f"\n{_dated_differently(group)}", style="dim")
    return heading


# A table shows this much of a group's id, as of a claim's; CSV and JSON give it whole.
GROUP_ID_SHOWN = 8


def figure_groups(groups: Sequence[FigureGroup], explain: bool = False) -> Group:
    """A section per group: what the group measures and its verdict, then each report's
    wording, interval, outlet, source and date."""
    if not groups:
        return Group(Text("No figures disagree across sources." if not explain else "No groups."))
    sections = []
    for group in groups:
        shown = _reports_shown(group.figures)
        reports = [Report(claim, group.appearances.get(claim.article.id, ())) for claim in shown]
        after = []
        if len(shown) < len(group.figures):
            more = len(group.figures) - len(shown)
            after.append(Text(f"… {more} more reports (--format json lists them all)", style="dim"))
        sections.append((group_heading(group), reports, after))
    parts: list[object] = [FittedTable(DIFF_COLUMNS, DIFF_STACKING, sections, heading="quantity")]
    if explain:
        for group in groups:
            parts.append(Text.assemble("\n", (safe_text(group.label).plain, "bold"), " was grouped because"))
            parts.extend(Text("  " + safe_text(line).plain, style="dim") for line in group.explanation)
    return Group(*parts)


def quote_pairs(pairs: Sequence[QuotePair], colour: bool = True) -> Group:
    """Each statement reported twice, with the words that differ marked and the ids of
    both claims (for `claimtrack show`). ``colour``: whether colours are shown, which
    the legend then names."""
    parts: list[object] = []
    if not pairs:
        parts.append(Text("No statement appears in different words in two outlets."))
    for pair in pairs:
        first, second = pair.claims
        # A panel's title is cut to its width: the outlets and ids go in its body, which wraps.
        header = Text.assemble((safe_text(pair.speaker).plain, "bold"), f" · {pair.similarity:.0%} alike")
        outlets = Text.assemble(
            safe_text(first.article.source or first.article.path or ""),
            (f" (claim {first.id[:CLAIM_ID_SHOWN]})", "dim"),
            " vs ",
            safe_text(second.article.source or second.article.path or ""),
            (f" (claim {second.id[:CLAIM_ID_SHOWN]})", "dim"),
        )
        words = Text()
        for change in pair.changes:
            if change.op == "equal":
                words.append(_CONTROL.sub("", change.first) + " ")
                continue
            # The wdiff markers keep the difference visible when colour is off or output is piped.
            if change.first:
                words.append(f"[-{_CONTROL.sub('', change.first)}-]", style="red strike")
                words.append(" ")
            if change.second:
                words.append(f"{{+{_CONTROL.sub('', change.second)}+}}", style="green")
                words.append(" ")
        legend = Text(QUOTE_LEGEND_COLOUR if colour else QUOTE_LEGEND, style="dim")
        parts.append(Panel(Group(outlets, words, legend), title=header, title_align="left"))
    return Group(*parts)


QUOTE_LEGEND = "[-…-] only in the first outlet; {+…+} only in the second"
QUOTE_LEGEND_COLOUR = "[-…-] only in the first outlet (red); {+…+} only in the second (green)"
# A table shows this much of a claim's id: enough for `claimtrack show`.
CLAIM_ID_SHOWN = 8


# --- diff for programs and for pasting -------------------------------------------------------

# One row per report: the group's fields, then the report's.
DIFF_ROW_FIELDS = (
    "group_id", "label", "category", "measure", "verdict", "spread", "sources", "dates_differ",
    "claim_id", "wording", "interval", "value", "low", "high", "qualifier", "unit",
    "outlet", "also_in", "given_by", "date", "article_id", "title", "url", "path",
)


def diff_rows(groups: Sequence[FigureGroup]) -> list[dict[str, Any]]:
    """Every report of ``groups`` as one flat row (`DIFF_ROW_FIELDS`): for CSV, JSON
    Lines and spreadsheets. ``date`` is the day the figure is given for, else when it
    was said, else the article's date; ``also_in`` the other outlets that ran the text."""
    rows = []
    for group in groups:
        for claim in group.figures:
            figure = claim.figure
            assert figure is not None
            article = claim.article
            others = [a.source for a in group.appearances.get(article.id, ())[1:] if a.source and a.source != article.source]
            rows.append({
                "group_id": group.key, "label": group.label, "category": group.category, "measure": group.measure,
                "verdict": group.verdict, "spread": group.spread, "sources": group.sources, "dates_differ": group.dates_differ,
                "claim_id": claim.id, "wording": claim.text, "interval": figure_interval(figure),
                "value": figure.value, "low": figure.low, "high": figure.high, "qualifier": figure.qualifier,
                "unit": figure.unit, "outlet": article.source, "also_in": list(dict.fromkeys(others)),
                "given_by": claim.speaker.name if claim.speaker else None, "date": _report_date(claim) or None,
                "article_id": article.id, "title": article.title, "url": article.url, "path": article.path,
            })
    return rows


def figure_groups_json(groups: Sequence[FigureGroup]) -> str:
    """Groups as JSON: each with its ``id`` (see `FigureGroup.key`) before its fields."""
    listed = [{"id": group.key, **group.model_dump(mode="json")} for group in groups]
    return json.dumps(listed, ensure_ascii=False, indent=2) + "\n"


def rows_as(fmt: str, rows: Sequence[dict[str, Any]], fields: Sequence[str]) -> str:
    """Flat rows as JSON Lines or CSV (lists joined with "; ", cells neutralised)."""
    if fmt == "jsonl":
        return "".join(json.dumps(row, ensure_ascii=False) + "\n" for row in rows)
    if fmt == "csv":
        buffer = io.StringIO()
        writer = csv.DictWriter(buffer, fieldnames=list(fields), lineterminator="\n")
        writer.writeheader()
        for row in rows:
            writer.writerow({
                name: _neutralise("; ".join(value) if isinstance(value, list) else value) for name, value in row.items()
            })
        return buffer.getvalue()
    raise ValueError(f"not a row format: {fmt}")


QUOTE_PAIR_FIELDS = (
    "speaker", "similarity", "first_claim_id", "first_outlet", "first_text", "second_claim_id", "second_outlet",
    "second_text",
)


def quote_pair_rows(pairs: Sequence[QuotePair]) -> list[dict[str, Any]]:
    rows = []
    for pair in pairs:
        first, second = pair.claims
        rows.append({
            "speaker": pair.speaker, "similarity": round(pair.similarity, 4),
            "first_claim_id": first.id, "first_outlet": first.article.source, "first_text": first.text,
            "second_claim_id": second.id, "second_outlet": second.article.source, "second_text": second.text,
        })
    return rows


MARKDOWN_DIFF_COLUMNS = (
    Column("report", lambda report: report.claim.text, min_width=0),
    Column("interval", lambda report: figure_interval(report.claim.figure), min_width=0),
    Column("outlet", report_outlet, min_width=0),
    Column("given by", report_giver, min_width=0),
    Column("date", lambda report: _report_date(report.claim), min_width=0),
    Column("claim", lambda report: report.claim.id[:CLAIM_ID_SHOWN], min_width=0),
)


def figure_groups_markdown(groups: Sequence[FigureGroup]) -> str:
    """A heading and a table per group, to paste into a story or a ticket."""
    if not groups:
        return "No figures disagree across sources.\n"
    parts = []
    for group in groups:
        spread = f"spread {group.spread:.2f}x" if group.spread else f"spread unknown ({group.spread_unknown})"
        lines = [
            f"### {markdown_text(group.label)}",
            "",
            f"**{group.verdict}** · {spread} · {group.sources} source{'s' if group.sources != 1 else ''}"
            f" · group `{group.key}`",
        ]
        if group.dates_differ and group.verdict != "consistent":
            said = _dated_differently(group)
            lines.append("")
            lines.append(said[0].upper() + said[1:] + ".")
        reports = [Report(claim, group.appearances.get(claim.article.id, ())) for claim in group.figures]
        parts.append("\n".join(lines) + "\n\n" + markdown_table(MARKDOWN_DIFF_COLUMNS, reports))
    return "\n".join(parts)


QUOTE_PAIR_COLUMNS = (
    Column("speaker", lambda row: row["speaker"], min_width=0),
    Column("alike", lambda row: f"{row['similarity']:.0%}", min_width=0, justify="right"),
    Column("first outlet", lambda row: row["first_outlet"] or "", min_width=0),
    Column("first claim", lambda row: row["first_claim_id"][:CLAIM_ID_SHOWN], min_width=0),
    Column("second outlet", lambda row: row["second_outlet"] or "", min_width=0),
    Column("second claim", lambda row: row["second_claim_id"][:CLAIM_ID_SHOWN], min_width=0),
    Column("first text", lambda row: row["first_text"], min_width=0),
    Column("second text", lambda row: row["second_text"], min_width=0),
)


def quote_pairs_markdown(pairs: Sequence[QuotePair]) -> str:
    if not pairs:
        return "No statement appears in different words in two outlets.\n"
    return markdown_table(QUOTE_PAIR_COLUMNS, quote_pair_rows(pairs))


def claims_markdown(claims: Sequence[Claim]) -> str:
    notes = []
    if any(claim.direct for claim in claims):
        notes.append(DIRECT_NOTE)
    if any(claim.date is None and claim.article.published for claim in claims):
        notes.append(ARTICLE_DATE_NOTE)
    text = markdown_table(CLAIM_COLUMNS, claims)
    if notes:
        text += "\n" + "\n".join(markdown_text(note) + "  " for note in notes) + "\n"
    return text


def articles_markdown(articles: Sequence[ArticleInfo]) -> str:
    return markdown_table(ARTICLE_COLUMNS, articles)


def speakers_markdown(speakers: Sequence[SpeakerSummary]) -> str:
    return markdown_table(SPEAKER_COLUMNS, speakers)
