"""A picture of the disagreement: `claimtrack diff --chart FILE`.

One panel per figure group. Each report is drawn at the day it was reported (the day
the figure is given for, else the day it was said, else its article's date; undated
reports stand at the right, under "undated") as the interval its wording allows: a dot
for an exact figure, a range with caps for "tens of thousands" or "about 8,500", and a
bar open to the top, ending in an arrow, for "more than" (open to the bottom for "fewer
than"). Each mark is labelled with the interval, the outlet and who gave the figure, so
the chart reads without colour: everything is black and grey, told apart by shape.

Drawn with matplotlib (the `chart` extra): it writes SVG and PNG itself, offline, with
no browser and no JavaScript; HTML is a small page around the inline SVG, whose text
stays text (searchable, selectable, and read by screen readers).
"""

from __future__ import annotations

import datetime as dt
import html
import io
import re
import textwrap
import unicodedata
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from claimtrack.errors import ChartUnavailable, UsageError
from claimtrack.models import Claim, FigureGroup, figure_day

FORMATS = ("html", "svg", "png")
# Inches per group panel, and across.
PANEL_HEIGHT = 3.6
WIDTH = 11.0
# An entry of the list beside a panel wraps at this many characters (never cut).
LABEL_CHARS = 52
# Reports of one day are spread this far apart, as a share of the x axis.
DODGE = 0.11
# With a spread above this, values are drawn on a log scale.
LOG_SPREAD = 8
_BOUND_SIGNS = {"more_than": ">", "at_least": "≥", "less_than": "<", "at_most": "≤"}
_OPEN_ABOVE = ("more_than", "at_least")
_OPEN_BELOW = ("less_than", "at_most")
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def chart_format(path: str) -> str:
    """The format ``path`` asks for by its suffix; a usage error for any other."""
    suffix = Path(path).suffix.lower().lstrip(".")
    if suffix not in FORMATS:
        raise UsageError(
            f"--chart {path!r}: a chart is written as .html, .svg or .png, not {('.' + suffix) if suffix else 'a file without a suffix'}.",
            hint="Name the file diff.html, diff.svg or diff.png.",
        )
    return suffix


def chart_bytes(groups: Sequence[FigureGroup], fmt: str, *, title: str = "claimtrack diff") -> bytes:
    """The chart of ``groups`` as ``fmt`` (html, svg or png)."""
    matplotlib = _matplotlib()
    with matplotlib.rc_context(_STYLE):
        figure = draw(groups)
        buffer = io.BytesIO()
        if fmt == "png":
            figure.savefig(buffer, format="png", dpi=110, metadata={"Software": None})
            return buffer.getvalue()
        figure.savefig(buffer, format="svg", metadata={"Date": None, "Creator": None})
    svg = buffer.getvalue().decode("utf-8")
    if fmt == "svg":
        return svg.encode("utf-8")
    return _page(svg[svg.index("<svg"):], groups, title).encode("utf-8")


# Text stays text in the SVG; "$" is a dollar, not the start of a formula; black on white.
_STYLE: dict[str, Any] = {
    "svg.fonttype": "none",
    "svg.hashsalt": "claimtrack",
    "text.parse_math": False,
    "font.family": "DejaVu Sans",
    "font.size": 9,
    "axes.edgecolor": "#333333",
    "axes.titlesize": 10,
    "axes.titleweight": "bold",
    "axes.titlelocation": "left",
}


def _matplotlib():
    try:
        import matplotlib
    except ImportError:
        raise ChartUnavailable("drawing a chart needs matplotlib, which is not installed.") from None
    return matplotlib


def clean(value: object) -> str:
    """Text from an article on one line, without control characters or bidi overrides."""
    text = _CONTROL.sub(" ", "" if value is None else str(value))
    return " ".join("".join(c for c in text if unicodedata.category(c) != "Cf" or c == "\u200d").split())


def _number(value: float | None) -> str:
    if value is None:
        return "…"
    if float(value).is_integer():
        return f"{int(value):,}"
    return f"{value:,.2f}"


def interval_text(claim: Claim) -> str:
    """The interval a report allows: "12,000", ">40,000", "10,000–99,999"."""
    figure = claim.figure
    assert figure is not None
    sign = _BOUND_SIGNS.get(figure.qualifier)
    if sign is not None:
        bound = figure.low if figure.qualifier in _OPEN_ABOVE else figure.high
        return sign + _number(bound if bound is not None else figure.value)
    if figure.low is not None and figure.low == figure.high:
        return _number(figure.low)
    return f"{_number(figure.low)}–{_number(figure.high)}"


def who(claim: Claim, group: FigureGroup) -> str:
    """The outlet (with the others that ran the text) and who gave the figure."""
    article = claim.article
    outlets = [article.source or article.path or "unknown outlet"]
    outlets += [a.source for a in group.appearances.get(article.id, ())[1:] if a.source and a.source not in outlets]
    outlet = outlets[0] + (f" (also: {', '.join(outlets[1:])})" if len(outlets) > 1 else "")
    giver = claim.speaker.name if claim.speaker else "the outlet itself"
    return f"{clean(outlet)}, given by {clean(giver)}"


def heading(group: FigureGroup) -> str:
    spread = f"spread {group.spread:.2f}x" if group.spread else f"spread unknown ({group.spread_unknown})"
    sources = f"{group.sources} source{'s' if group.sources != 1 else ''}"
    return f"{clean(group.label)}\n{group.verdict} · {spread} · {sources} · group {group.key[:8]}"


def draw(groups: Sequence[FigureGroup]):
    """A matplotlib figure: one panel per group, its reports numbered by date, with a
    list beside it saying what each number is; and a key to the marks."""
    from matplotlib.figure import Figure

    if not groups:
        figure = Figure(figsize=(WIDTH, 1.5))
        figure.text(0.5, 0.5, "No figures disagree across sources.", ha="center", va="center")
        return figure
    entries = [_entries(group) for group in groups]
    heights = [max(PANEL_HEIGHT, LINE_HEIGHT * sum(len(lines) + 0.6 for lines in listed) + 1.2)
               for listed in entries]
    figure = Figure(figsize=(WIDTH, sum(heights) + 0.7), layout="constrained")
    axes = figure.subplots(len(groups), 2, squeeze=False, width_ratios=(3, 2), height_ratios=heights)
    for (ax, listing), group, listed in zip(axes, groups, entries):
        _draw_group(ax, group)
        _list(listing, listed)
    _key(figure)
    return figure


# Inches a line of the list beside a panel takes.
LINE_HEIGHT = 0.17


def _in_order(group: FigureGroup) -> list[Claim]:
    """The group's reports by the day they were reported, undated ones last."""
    return sorted(group.figures, key=lambda claim: (figure_day(claim) is None, figure_day(claim) or dt.date.min))


def _entries(group: FigureGroup) -> list[list[str]]:
    """The lines of each report's entry in the list beside its panel."""
    entries = []
    for number, claim in enumerate(_in_order(group), start=1):
        day = figure_day(claim)
        text = f"{number}. {interval_text(claim)} ({clean(claim.text)}): {who(claim, group)}; " + (
            f"reported {day.isoformat()}" if day else "undated"
        )
        entries.append(textwrap.wrap(text, LABEL_CHARS, subsequent_indent="    "))
    return entries


def _list(ax, entries: list[list[str]]) -> None:
    ax.axis("off")
    lines = [line for entry in entries for line in (*entry, "")]
    ax.text(0, 1, "\n".join(lines), transform=ax.transAxes, va="top", ha="left", fontsize=8, linespacing=1.35)


def _draw_group(ax, group: FigureGroup) -> None:
    reports = _in_order(group)
    days = [figure_day(claim) for claim in reports]
    dated = sorted({day for day in days if day is not None})
    # Positions on the x axis: days since the first, undated reports a step after the last.
    first = dated[0] if dated else dt.date(2000, 1, 1)
    span = max((dated[-1] - first).days, 1) if dated else 1
    undated_at = span + max(span * 0.25, 1.0)
    positions = [float((day - first).days) if day is not None else undated_at for day in days]
    # Reports at one position are spread apart so their marks and labels do not overlap.
    width = undated_at if any(day is None for day in days) else span
    seen: dict[float, int] = {}
    for number, position in enumerate(positions):
        order = seen.get(position, 0)
        seen[position] = order + 1
        positions[number] = position + order * DODGE * max(width, 1.0)

    lows = [c.figure.low for c in reports if c.figure.low is not None]
    highs = [c.figure.high for c in reports if c.figure.high is not None]
    values = [v for v in lows + highs if v is not None and v > 0]
    smallest, largest = (min(values), max(values)) if values else (1.0, 10.0)
    log = largest / max(smallest, 1e-9) > LOG_SPREAD
    if log:
        ax.set_yscale("log")
        bottom, top = smallest / 2.2, largest * 2.2
    else:
        pad = max((largest - smallest) * 0.35, largest * 0.12, 1)
        bottom, top = max(smallest - pad, 0), largest + pad
    ax.set_ylim(bottom, top)

    bar = max(width, 1.0) * 0.02
    for number, (claim, x) in enumerate(zip(reports, positions), start=1):
        _mark(ax, claim, x, bottom, top, bar)
        figure = claim.figure
        anchor = figure.low if figure.qualifier in _OPEN_ABOVE else figure.high if figure.qualifier in _OPEN_BELOW \
            else figure.value if figure.value is not None else figure.low
        # The report's number, as in the list beside the panel, and its interval.
        ax.annotate(f"{number}  {interval_text(claim)}", (x, anchor if anchor else bottom), xytext=(7, 0),
                    textcoords="offset points", va="center", ha="left", fontsize=8, fontweight="bold",
                    color="black", bbox={"boxstyle": "round,pad=0.15", "facecolor": "white", "edgecolor": "none",
                                         "alpha": 0.85})

    ticks = sorted({float((day - first).days) for day in dated})
    labels = [(first + dt.timedelta(days=int(t))).isoformat() for t in ticks]
    if any(day is None for day in days):
        ticks.append(undated_at)
        labels.append("undated")
    ax.set_xticks(ticks, labels)
    right = max(positions) if positions else 1.0
    ax.set_xlim(-max(width, 1.0) * 0.08, right + max(width, 1.0) * 0.25)
    ax.set_xlabel("reported on")
    ax.set_ylabel(clean(_unit(group)))
    ax.yaxis.set_major_formatter(_thousands())
    ax.grid(axis="y", color="#dddddd", linewidth=0.6)
    ax.set_axisbelow(True)
    ax.set_title(heading(group))


def _mark(ax, claim: Claim, x: float, bottom: float, top: float, bar: float) -> None:
    figure = claim.figure
    low, high = figure.low, figure.high
    if figure.qualifier in _OPEN_ABOVE and low is not None:
        # A bar from its bound to the top of the panel: any value above it.
        ax.bar(x, top - low, bottom=low, width=bar, color="#d9d9d9", edgecolor="black", hatch="///",
               linewidth=0.8, align="center")
        ax.plot([x], [top], marker="^", color="black", markersize=7, clip_on=False)
        ax.plot([x - bar / 2, x + bar / 2], [low, low], color="black", linewidth=2.2)
    elif figure.qualifier in _OPEN_BELOW and high is not None:
        ax.bar(x, high - bottom, bottom=bottom, width=bar, color="#d9d9d9", edgecolor="black",
               hatch="\\\\\\", linewidth=0.8, align="center")
        ax.plot([x], [bottom], marker="v", color="black", markersize=7, clip_on=False)
        ax.plot([x - bar / 2, x + bar / 2], [high, high], color="black", linewidth=2.2)
    elif low is not None and high is not None and low != high:
        # A range: a line between its bounds, with caps; its value, when it has one, as a hollow dot.
        ax.plot([x, x], [low, high], color="black", linewidth=2.2, solid_capstyle="butt")
        ax.plot([x, x], [low, high], linestyle="none", marker="_", color="black", markersize=14, markeredgewidth=2)
        if figure.value is not None:
            ax.plot([x], [figure.value], marker="o", markerfacecolor="white", markeredgecolor="black", markersize=6)
    else:
        value = figure.value if figure.value is not None else low
        ax.plot([x], [value], marker="o", color="black", markersize=7)


def _unit(group: FigureGroup) -> str:
    units = [c.figure.unit for c in group.figures if c.figure and c.figure.unit]
    return max(set(units), key=units.count) if units else group.category


def _thousands():
    from matplotlib.ticker import FuncFormatter

    return FuncFormatter(lambda value, _: _number(round(value, 2)))


def _key(figure) -> None:
    """What the marks mean, in words and shapes (no colour is needed)."""
    from matplotlib.lines import Line2D
    from matplotlib.patches import Patch

    handles = [
        Line2D([], [], marker="o", color="black", linestyle="none", label="an exact figure"),
        Line2D([], [], marker="_", color="black", markersize=12, markeredgewidth=2, linewidth=2.2,
               label='a range ("tens of thousands", "about 8,500")'),
        Patch(facecolor="#d9d9d9", edgecolor="black", hatch="///", label='"more than" / "at least": open above'),
        Patch(facecolor="#d9d9d9", edgecolor="black", hatch="\\\\\\", label='"fewer than" / "at most": open below'),
    ]
    figure.legend(handles=handles, loc="outside lower center", ncols=4, frameon=False, fontsize=8)


def _page(svg: str, groups: Sequence[FigureGroup], title: str) -> str:
    """A page with the chart as inline SVG, and each group's reports as a table."""
    tables = []
    for group in groups:
        rows = "".join(
            "<tr>" + "".join(f"<td>{html.escape(cell)}</td>" for cell in (
                clean(claim.text), interval_text(claim), who(claim, group).split(", given by ")[0],
                clean(claim.speaker.name) if claim.speaker else "the outlet itself",
                (figure_day(claim) or "undated").__str__(),
            )) + "</tr>"
            for claim in group.figures
        )
        caption = html.escape(heading(group)).replace("\n", " · ")
        tables.append(
            f"<table><caption>{caption}</caption><tr><th>report</th><th>interval</th><th>outlet</th>"
            f"<th>given by</th><th>reported on</th></tr>{rows}</table>"
        )
    return (
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
        f"<title>{html.escape(title)}</title>"
        "<style>body{font-family:'DejaVu Sans',sans-serif;margin:1.5em;color:#000;background:#fff}"
        "figure{margin:0}svg{max-width:100%;height:auto}table{border-collapse:collapse;margin:1em 0}"
        "caption{text-align:left;font-weight:bold;padding:.3em 0}td,th{border:1px solid #999;padding:.2em .5em;"
        "text-align:left;vertical-align:top}</style></head><body>"
        f"<h1>{html.escape(title)}</h1><figure>{svg}"
        "<figcaption>Each report at the day it was reported: a dot for an exact figure, a range for a "
        "span, a bar open above for \u201cmore than\u201d.</figcaption></figure>"
        + "".join(tables)
        + "</body></html>\n"
    )
