"""What standard input holds when no --format says, and markup refused as plain text.

Every page, feed and sentence here is invented.
"""

from __future__ import annotations

import io
import json
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from claimtrack.cli import app
from claimtrack.inputs import registry
from claimtrack.inputs.load import iter_inputs
from claimtrack.inputs.readers.html import looks_like_html
from claimtrack.inputs.readers.records import looks_like_json, looks_like_json_lines
from claimtrack.inputs.readers.text import MARKUP_REASON
from claimtrack.models import Article, FileOutcome

runner = CliRunner()

LEAD = "The harbour reopened on Tuesday after a week-long closure, the port authority of Lindport said."
SECOND = '"Every berth is clear and the ferries run again," harbour master Tomas Reiner told reporters.'
STORY = f"{LEAD}\n\n{SECOND}"
PAGE = f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Harbour reopens | Lindport Ledger</title>
<meta property="og:site_name" content="Lindport Ledger"></head>
<body><nav><ul><li><a href="/">Home</a></li><li><a href="/a">Council members</a></li></ul></nav>
<main><article><h1>Harbour reopens</h1>
<p>{LEAD}</p>
<p>{SECOND}</p>
</article></main>
<footer><p>Page 1 of 27</p></footer></body></html>
"""
# Markup without a doctype: a fragment a scraper saved, tags on every line.
FRAGMENT = "\n".join(
    [f'<div class="story"><p>{LEAD}</p>', *(f'<p><a href="/n/{n}">Link {n}</a></p>' for n in range(9)), "</div>"]
)
MINIFIED = "<div><ul>" + "".join(f"<li><a href='/{n}'>Item {n}</a></li>" for n in range(6)) + f"</ul><p>{LEAD}</p></div>"
# A story about markup: a few tags in a sentence, or a short code sample among paragraphs.
ABOUT_TAGS = f"{LEAD}\n\nThe council's site now wraps each notice in <div> and <p> tags, its web editor said."
SAMPLE_IN_PROSE = "\n".join(
    [*(f"{LEAD} ({n})" for n in range(12)), *('<ul><li><a href="/x">x</a></li></ul>' for _ in range(3))]
)
RECORD = json.dumps({"text": STORY, "source": "Lindport Ledger"})
FEED = f"{RECORD}\n{json.dumps({'text': LEAD})}\n"


@pytest.mark.parametrize(
    ("text", "html", "json_document", "json_lines"),
    [
        pytest.param(PAGE, True, False, False, id="page"),
        pytest.param("\ufeff  <!-- saved 2021 -->\n<html><body><p>x</p></body></html>", True, False, False,
                     id="comment-then-html"),
        pytest.param('<?xml version="1.0"?>\n<!doctype HTML>\n<html>', True, False, False, id="xml-declaration"),
        pytest.param(FRAGMENT, True, False, False, id="fragment"),
        pytest.param(MINIFIED, True, False, False, id="minified"),
        pytest.param(RECORD, False, True, False, id="object"),
        pytest.param(f"[\n  {RECORD}\n]", False, True, False, id="array"),
        pytest.param("[]", False, True, False, id="empty-array"),
        pytest.param(json.dumps({"text": STORY}, indent=2), False, True, False, id="pretty-object"),
        pytest.param(FEED, False, False, True, id="json-lines"),
        pytest.param(f"\n\n{FEED}", False, False, True, id="json-lines-after-blank-lines"),
        pytest.param(f'{RECORD}\n{{"text": "unfinished', False, False, True, id="json-lines-bad-second-line"),
        # Rows no sniffer takes: plain text, however it starts.
        pytest.param(STORY, False, False, False, id="story"),
        pytest.param(ABOUT_TAGS, False, False, False, id="story-about-tags"),
        pytest.param(SAMPLE_IN_PROSE, False, False, False, id="code-sample-in-prose"),
        pytest.param(f"[Updated 9:40] {LEAD}", False, False, False, id="bracketed-note"),
        pytest.param(f"{{Editor's note}} {LEAD}", False, False, False, id="braced-note"),
        pytest.param(f"<{LEAD}>", False, False, False, id="angle-brackets"),
    ],
)
def test_sniffers(text: str, html: bool, json_document: bool, json_lines: bool) -> None:
    assert (looks_like_html(text), looks_like_json(text), looks_like_json_lines(text)) == (
        html, json_document, json_lines
    )
    expected = "html" if html else "json" if json_document else "jsonl" if json_lines else "txt"
    assert registry.sniffed_reader(text).name == expected


def _stdin(monkeypatch: pytest.MonkeyPatch, text: str) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(text.encode("utf-8")), encoding="utf-8"))


@pytest.mark.parametrize(
    ("text", "message", "paths", "source"),
    [
        (PAGE, "standard input looks like HTML; read as html (use --format to choose)", ["<stdin>"],
         "Lindport Ledger"),
        (RECORD, "standard input looks like JSON; read as json (use --format to choose)", ["<stdin>"],
         "Lindport Ledger"),
        (FEED, "standard input looks like JSON Lines; read as jsonl (use --format to choose)",
         ["<stdin>#1", "<stdin>#2"], "Lindport Ledger"),
        (f"Source: Lindport Ledger\n\n{STORY}", "standard input looks like plain text; read as txt (use --format "
         "to choose)", ["<stdin>"], "Lindport Ledger"),
    ],
)
def test_standard_input_without_a_format_is_sniffed(
    monkeypatch: pytest.MonkeyPatch, text: str, message: str, paths: list[str], source: str
) -> None:
    _stdin(monkeypatch, text)
    told: list[str] = []
    results = list(iter_inputs(["-"], on_guess=told.append))
    assert told == [message]
    assert all(isinstance(result, Article) for result in results), results
    assert [result.path for result in results] == paths
    assert results[0].source == source and results[0].text.startswith(LEAD)


def test_a_format_given_is_not_second_guessed(monkeypatch: pytest.MonkeyPatch) -> None:
    _stdin(monkeypatch, RECORD)
    told: list[str] = []
    (result,) = iter_inputs(["-"], stdin_format="txt", on_guess=told.append)
    assert told == []
    assert isinstance(result, Article) and result.text.startswith('{"text"')


@pytest.mark.parametrize(
    ("content", "status", "reason"),
    [
        (PAGE, "failed", MARKUP_REASON),
        (FRAGMENT, "failed", MARKUP_REASON),
        (ABOUT_TAGS, "stored", None),
        (SAMPLE_IN_PROSE, "stored", None),
    ],
)
def test_markup_is_refused_as_plain_text(tmp_path: Path, content: str, status: str, reason: str | None) -> None:
    path = tmp_path / "saved.txt"
    path.write_text(content, encoding="utf-8")
    (result,) = iter_inputs([path])
    if status == "stored":
        assert isinstance(result, Article)
    else:
        assert result == FileOutcome(path=str(path), status=status, reason=reason)


def test_markup_piped_as_text_is_refused_too(monkeypatch: pytest.MonkeyPatch) -> None:
    _stdin(monkeypatch, PAGE)
    (result,) = iter_inputs(["-"], stdin_format="txt")
    assert result == FileOutcome(path="<stdin>", status="failed", reason=MARKUP_REASON)


def test_extract_says_what_it_assumed_standard_input_holds(tmp_path: Path) -> None:
    db = tmp_path / "c.db"
    result = runner.invoke(app, ["extract", "-", "--db", str(db), "--report", "json"], input=PAGE)
    assert result.exit_code == 0, result.output
    assert result.stderr == "standard input looks like HTML; read as html (use --format to choose)\n"
    (outcome,) = json.loads(result.stdout)
    assert (outcome["path"], outcome["status"]) == ("<stdin>", "stored")
    (article,) = json.loads(runner.invoke(app, ["articles", "--db", str(db), "--format", "json"]).stdout)
    assert (article["source"], article["title"]) == ("Lindport Ledger", "Harbour reopens")

    # Told the format, it says nothing and reads what it was told: the page is refused as text.
    told = runner.invoke(app, ["extract", "-", "--format", "txt", "--db", str(db), "--report", "json"], input=PAGE)
    assert told.exit_code == 1 and told.stderr == ""
    assert [(o["status"], o["reason"]) for o in json.loads(told.stdout)] == [("failed", MARKUP_REASON)]
