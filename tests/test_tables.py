"""Tables for people at any width: at 60, 80 and 200 columns every claim, figure's
wording, id, outlet, URL and path is shown whole (wrapped or folded, never cut), no
line is wider than the terminal, and columns are stacked in a fixed order of
importance. Piped output follows COLUMNS. Markdown for pasting. Every name, outlet and
sentence here is invented (tests/desk.py)."""

from __future__ import annotations

from pathlib import Path

import pytest
from rich.cells import cell_len
from rich.console import Console
from typer.testing import CliRunner

from claimtrack import render
from claimtrack.cli import PIPED_WIDTH, app
from desk import (
    LONG_OUTLET,
    LONG_QUOTE,
    LONG_ROLE,
    LONG_SPEAKER,
    LONG_URL,
    REPORTED,
    REPORTS,
    UNBROKEN,
    ARTICLES,
    build_desk_store,
    desk_claims,
)

runner = CliRunner()
WIDTHS = (60, 80, 200)


@pytest.fixture(scope="module")
def desk(tmp_path_factory) -> Path:
    return build_desk_store(tmp_path_factory.mktemp("desk") / "desk.db")


def run(*args: object, width: int | None = None, **env: str):
    result = runner.invoke(app, [str(a) for a in args], env={"COLUMNS": str(width) if width else None, **env})
    assert result.exit_code == 0, result.output
    assert "Traceback" not in result.output
    return result.stdout


def squeezed(text: str) -> str:
    return "".join(text.split())


def column_texts(output: str) -> list[str]:
    """The text of each column of the tables in ``output``, all rows and all tables
    (which share their columns) joined in order, without whitespace: a cell's wrapped
    or folded lines join back into its text."""
    columns: dict[int, list[str]] = {}
    for line in output.splitlines():
        if line.startswith("│"):
            for number, cell in enumerate(line.split("│")[1:-1]):
                columns.setdefault(number, []).append(cell)
    return [squeezed("".join(cells)) for _, cells in sorted(columns.items())]


def assert_whole(output: str, expected: list[str], width: int) -> None:
    """Every ``expected`` text is whole in one column; no line is wider than ``width``;
    nothing was cut to an ellipsis (the store's texts hold none)."""
    assert max(cell_len(line) for line in output.splitlines()) <= width
    assert not [line for line in output.splitlines() if line.startswith("│") and "…" in line]
    columns = column_texts(output)
    for text in expected:
        assert any(squeezed(text) in column for column in columns), (text, output)


CLAIM_TEXTS = [
    f"\u201c{LONG_QUOTE}\u201d", REPORTED, f"the convoy log was filed as {UNBROKEN}", LONG_SPEAKER, LONG_OUTLET,
    *(f"{wording}  \u2192  " for _, wording, _, _ in REPORTS),
]


@pytest.mark.parametrize("width", WIDTHS)
def test_claims_are_whole_at_any_width(desk, width):
    output = run("claims", "--db", desk, width=width)
    assert_whole(output, CLAIM_TEXTS, width)
    for claims in desk_claims().values():
        for claim in claims:
            assert claim.id[:8] in squeezed(output)


@pytest.mark.parametrize("width", WIDTHS)
def test_articles_are_whole_at_any_width(desk, width):
    output = run("articles", "--db", desk, width=width)
    expected = [LONG_OUTLET, "Coast Wire (also: Harbour Post, Gull Times)", "Mara Quist, Tobias Lindqvist, Ines Okafor"]
    expected += [info.path for info in ARTICLES.values()] + [info.title for info in ARTICLES.values()]
    assert_whole(output, expected, width)


@pytest.mark.parametrize("width", WIDTHS)
def test_speakers_are_whole_at_any_width(desk, width):
    output = run("speakers", "--db", desk, width=width)
    assert_whole(output, [LONG_SPEAKER, LONG_ROLE, "Western intelligence"], width)


@pytest.mark.parametrize("width", WIDTHS)
def test_diff_reports_are_whole_at_any_width(desk, width):
    output = run("diff", "--db", desk, width=width)
    expected = [wording for _, wording, _, _ in REPORTS] + [">40,000", "10,000–99,999", LONG_OUTLET,
                                                            "Coast Wire (also: Harbour Post, Gull Times)"]
    assert_whole(output, expected, width)
    assert "Norvania: troops near the border" in output
    assert "contradictory · spread 3.33x · 3 sources" in output


@pytest.mark.parametrize("width", WIDTHS)
def test_show_is_whole_at_any_width(desk, width):
    claim = desk_claims()["chronicle"][0]
    output = run("show", claim.id, "--db", desk, width=width)
    assert max(cell_len(line) for line in output.splitlines()) <= width
    # The facts under the sentence: a label, then its value over as many lines as it needs.
    facts = squeezed(output.split("╰", 1)[1])
    for text in (LONG_URL, LONG_QUOTE, ARTICLES["chronicle"].path, f"{LONG_SPEAKER} ({LONG_ROLE})"):
        assert squeezed(text) in facts


@pytest.mark.parametrize(
    ("width", "header"),
    [
        # Wide: every column.
        (200, ["id", "speaker", "claim", "date", "source"]),
        # 80: the outlet goes under the speaker.
        (80, ["id", "speaker · source", "claim", "date"]),
        # 60: the id and date too.
        (60, ["speaker · id · date · source", "claim"]),
    ],
)
def test_claims_columns_are_stacked_in_order_of_importance(desk, width, header):
    output = run("claims", "--db", desk, width=width)
    lines = [line for line in output.splitlines() if line.startswith("┃")]
    cells = [" ".join(parts) for parts in zip(*([c.strip() for c in line.split("┃")[1:-1]] for line in lines))]
    assert [" ".join(cell.split()) for cell in cells] == header


@pytest.mark.parametrize(
    ("width", "stacked"),
    [
        (200, {}),
        (100, {}),
        (90, {"date": "outlet"}),
        (80, {"date": "outlet", "quantity": render.TITLE}),
        (60, {"date": "outlet", "quantity": render.TITLE, "given by": "outlet"}),
        (40, {"date": "outlet", "quantity": render.TITLE, "given by": "outlet", "interval": "report"}),
    ],
)
def test_fit_columns_stacks_the_least_important_first(width, stacked):
    assert render.fit_columns(render.DIFF_COLUMNS, render.DIFF_STACKING, width) == stacked


def test_a_column_stacked_into_a_stacked_column_follows_it():
    # At 40 columns the claims table is one column: the speaker, and what was stacked into it, join the claim.
    assert render.fit_columns(render.CLAIM_COLUMNS, render.CLAIM_STACKING, 40) == {
        "source": "claim", "date": "claim", "id": "claim", "speaker": "claim",
    }


@pytest.mark.parametrize(
    ("columns", "width"),
    [
        (None, PIPED_WIDTH),  # piped with no COLUMNS: wide enough for every column
        ("abc", PIPED_WIDTH),
        ("0", PIPED_WIDTH),
        ("72", 72),
        ("3", 20),  # narrower than any claim's words: the least width the tables are drawn at
    ],
)
def test_piped_tables_follow_COLUMNS(desk, columns, width):
    result = runner.invoke(app, ["claims", "--db", str(desk)], env={"COLUMNS": columns})
    assert result.exit_code == 0, result.output
    assert max(cell_len(line) for line in result.stdout.splitlines()) == width


# --- marks ------------------------------------------------------------------------------------------


def test_claims_mark_direct_quotations_and_dates_taken_from_the_article(desk):
    output = run("claims", "--db", desk, width=200)
    rows = {line.split("│")[1].strip(): line for line in output.splitlines() if line.startswith("│ ")}
    quote, reported, _, figure, *_ = desk_claims()["chronicle"]
    assert "\u201cWe counted the convoys" in rows[quote.id[:8]]
    assert "2023-02-28" in rows[quote.id[:8]] and "(2023-02-28)" not in rows[quote.id[:8]]
    assert "(2023-03-01)" in rows[reported.id[:8]]  # said on no day of its own: the article's date
    assert "\u201c" not in rows[reported.id[:8]]
    assert render.DIRECT_NOTE in output and render.ARTICLE_DATE_NOTE in output


@pytest.mark.parametrize(
    ("speaker", "notes"),
    [
        ("Solberg", {render.DIRECT_NOTE, render.ARTICLE_DATE_NOTE}),
        ("Reiner", set()),  # dated by his own words, no quotation marks: no note
        ("harbour officials", {render.ARTICLE_DATE_NOTE}),  # a figure with no day of its own
        ("Western", set()),  # undated wire copy: no date to mark
    ],
)
def test_the_notes_under_the_claims_table_explain_only_the_marks_it_uses(desk, speaker, notes):
    output = run("claims", "--db", desk, "--speaker", speaker, width=200)
    assert {note for note in (render.DIRECT_NOTE, render.ARTICLE_DATE_NOTE) if note in output} == notes


# --- empty results ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["claims", "--speaker", "nobody"], "No claims match."),
        (["claims", "--search", "zeppelin", "--format", "markdown"], "No claims match."),
        (["diff", "--category", "money"], "No figures disagree across sources."),
    ],
)
def test_an_empty_result_says_so(desk, args, message):
    assert run(*args, "--db", desk).strip() == message


@pytest.mark.parametrize(("command", "message"), [("articles", "No articles are stored."),
                                                  ("speakers", "No speakers are stored.")])
def test_an_empty_store_says_so(tmp_path, command, message):
    from claimtrack.store import Store

    Store.open(str(tmp_path / "empty.db"), create=True).close()
    assert run(command, "--db", tmp_path / "empty.db").strip() == message
    assert run(command, "--db", tmp_path / "empty.db", "--format", "json").strip() == "[]"


# --- Markdown ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("plain words, 40,000 troops", "plain words, 40,000 troops"),
        ("a | b", "a \\| b"),
        ("**loud** _quiet_ `code`", "\\*\\*loud\\*\\* \\_quiet\\_ \\`code\\`"),
        ("[a link](https://example.org)", "\\[a link\\](https://example.org)"),
        ("<script>alert(1)</script>", "&lt;script>alert(1)&lt;/script>"),
        ("&lt; stays as written, R&D too", "&amp;lt; stays as written, R&D too"),
        ("# not a heading", "\\# not a heading"),
        ("two\nlines\x1b[31m", "two lines"),
        (">40,000", ">40,000"),
    ],
)
def test_markdown_text(value, expected):
    assert render.markdown_text(value) == expected


def markdown_rows(text: str) -> list[list[str]]:
    return [[cell.strip() for cell in line.strip("|").split(" | ")] for line in text.splitlines() if line.startswith("|")]


def test_claims_as_markdown_hold_every_claim_whole(desk):
    output = run("claims", "--db", desk, "--format", "markdown", width=60)
    header, separator, *rows = markdown_rows(output)
    assert header == ["id", "speaker", "claim", "date", "source"]
    assert separator == ["---"] * 5
    assert len(rows) == sum(len(claims) for claims in desk_claims().values())
    assert [f"\u201c{LONG_QUOTE}\u201d", REPORTED] == [row[2] for row in rows if row[1] == LONG_SPEAKER]
    assert render.DIRECT_NOTE in output


@pytest.mark.parametrize(("command", "header"), [
    ("articles", ["published", "source", "title", "authors", "path"]),
    ("speakers", ["speaker", "kind", "claims", "articles", "aliases", "roles"]),
])
def test_lists_as_markdown(desk, command, header):
    rows = markdown_rows(run(command, "--db", desk, "--format", "markdown"))
    assert rows[0] == header
    assert len(rows) > 3
    assert all(len(row) == len(header) for row in rows)


def test_a_table_renders_at_the_width_it_is_given():
    """The layout is chosen when printed: one renderable fits any console."""
    claims = desk_claims()["chronicle"]
    for width in WIDTHS:
        console = Console(width=width, record=True, color_system=None)
        console.print(render.claims_table(claims))
        assert_whole(console.export_text(), [f"\u201c{LONG_QUOTE}\u201d", REPORTED], width)
