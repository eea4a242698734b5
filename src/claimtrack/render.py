"""Turning records into output: rich tables for people, JSON, JSON Lines and CSV for
programs. Article text is untrusted: it never reaches the terminal as markup or
control sequences, and never reaches a spreadsheet as a formula."""

from __future__ import annotations

import csv
import io
import json
import re
import typing
from collections.abc import Iterable, Sequence
from typing import Any

from pydantic import BaseModel
from rich.console import Group
from rich.panel import Panel
from rich.table import Table
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


def records_as(fmt: str, records: Sequence[BaseModel], model: type[BaseModel]) -> str:
    if fmt == "json":
        return to_json(records)
    if fmt == "jsonl":
        return to_jsonl(records)
    if fmt == "csv":
        return to_csv(records, model)
    raise ValueError(f"not a text format: {fmt}")


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


def claims_table(claims: Sequence[Claim]) -> Table:
    table = Table(expand=True)
    table.add_column("id", no_wrap=True, style="dim", min_width=8)
    table.add_column("speaker", max_width=22)
    table.add_column("claim", min_width=30, ratio=1)
    table.add_column("date", no_wrap=True, min_width=10)
    table.add_column("source", max_width=16)
    for claim in claims:
        speaker = claim.speaker.name if claim.speaker else ""
        if claim.figure:
            body = f"{claim.text}  →  {figure_summary(claim.figure)}"
        else:
            body = claim.text
        date = claim.date or claim.article.published
        table.add_row(
            claim.id[:8],
            safe_text(speaker),
            safe_text(body),
            safe_text(date.isoformat() if date else ""),
            safe_text(claim.article.source or ""),
        )
    return table


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


def articles_table(articles: Sequence[ArticleInfo]) -> Table:
    table = Table(expand=True)
    table.add_column("published", no_wrap=True, min_width=10)
    table.add_column("source", max_width=28)
    table.add_column("title", min_width=24, ratio=1)
    table.add_column("authors", max_width=24)
    table.add_column("path", max_width=30, overflow="fold")
    for a in articles:
        table.add_row(
            a.published.isoformat() if a.published else "",
            safe_text(outlet_line(a.source, a.appearances if isinstance(a, ArticleListing) else ())),
            safe_text(a.title or ""),
            safe_text(", ".join(a.authors)),
            safe_text(a.path or ""),
        )
    return table


def speakers_table(speakers: Sequence[SpeakerSummary]) -> Table:
    table = Table(expand=True)
    table.add_column("speaker", max_width=28)
    table.add_column("kind", no_wrap=True)
    table.add_column("claims", justify="right")
    table.add_column("articles", justify="right")
    table.add_column("aliases", min_width=16, ratio=1)
    table.add_column("roles", min_width=16, ratio=1)
    for s in speakers:
        table.add_row(
            safe_text(s.name),
            s.kind,
            str(s.claims),
            str(s.articles),
            safe_text(", ".join(s.aliases)),
            safe_text("; ".join(s.roles)),
        )
    return table


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
    facts.add_column(style="bold")
    facts.add_column()
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
        rows.append(("date", claim.date.isoformat()))
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


def figure_groups(groups: Sequence[FigureGroup], explain: bool = False) -> Group:
    """One table, a section per group: what the group measures and its verdict, then
    each report's wording, interval, outlet, source and date."""
    if not groups:
        return Group(Text("No figures disagree across sources." if not explain else "No groups."))
    table = Table(expand=True)
    table.add_column("quantity", ratio=2)
    table.add_column("report", ratio=2)
    table.add_column("interval", no_wrap=True)
    table.add_column("outlet", max_width=24)
    table.add_column("given by", max_width=24)
    table.add_column("date", no_wrap=True)
    for group in groups:
        spread = f"spread {group.spread:.2f}x" if group.spread else "spread unknown"
        heading = Text.assemble(
            (safe_text(group.label).plain, "bold"),
            "\n",
            (group.verdict, _VERDICT_STYLE[group.verdict]),
            f" · {spread} · {group.sources} source{'s' if group.sources != 1 else ''}",
        )
        if group.dates_differ and group.verdict != "consistent":
            # Reports that agree need no change over time to explain them.
            heading.append(f"\n{_dated_differently(group)}", style="dim")
        shown = _reports_shown(group.figures)
        for number, claim in enumerate(shown):
            assert claim.figure is not None
            table.add_row(
                heading if number == 0 else "",
                safe_text(claim.text),
                figure_interval(claim.figure),
                safe_text(
                    outlet_line(claim.article.source, group.appearances.get(claim.article.id, ()))
                    or claim.article.path or ""
                ),
                safe_text(claim.speaker.name if claim.speaker else "(the outlet)"),
                safe_text(_report_date(claim)),
            )
        if len(shown) < len(group.figures):
            more = len(group.figures) - len(shown)
            table.add_row("", Text(f"… {more} more reports (--format json lists them all)", style="dim"))
        table.add_section()
    parts: list[object] = [table]
    if explain:
        for group in groups:
            parts.append(Text.assemble("\n", (safe_text(group.label).plain, "bold"), " was grouped because"))
            parts.extend(Text("  " + safe_text(line).plain, style="dim") for line in group.explanation)
    return Group(*parts)


def quote_pairs(pairs: Sequence[QuotePair]) -> Group:
    """Each statement reported twice, with the words that differ marked."""
    parts: list[object] = []
    if not pairs:
        parts.append(Text("No statement appears in different words in two outlets."))
    for pair in pairs:
        first, second = pair.claims
        header = Text.assemble(
            (pair.speaker, "bold"),
            f" · {pair.similarity:.0%} alike · ",
            safe_text(first.article.source or first.article.path or ""),
            " vs ",
            safe_text(second.article.source or second.article.path or ""),
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
        legend = Text("[-…-] only in the first outlet (red); {+…+} only in the second (green)", style="dim")
        parts.append(Panel(Group(words, legend), title=header, title_align="left"))
    return Group(*parts)
