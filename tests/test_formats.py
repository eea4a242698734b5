"""Inputs beyond plain text (saved web pages, JSON and JSON Lines, standard input) and
outputs for other tools (JSON-LD, datasette's view of the store). Pages, feeds and
names are invented."""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from pathlib import Path

import pytest
from typer.testing import CliRunner

from claimtrack.cli import app
from claimtrack.inputs.load import iter_inputs
from claimtrack.models import Article, FileOutcome
from claimtrack.store import Store

runner = CliRunner()

PARAGRAPHS = [
    "LINDPORT — The harbour reopened on Tuesday after a week-long closure, the port authority said.",
    '"We have cleared every berth and the ferries run again," harbour master Tomas Reiner told reporters.',
    "More than 300 workers helped repair the docks, and the repairs cost about $12 million, officials said.",
    "Reiner said the port would stay open through the spring.",
]
STORY = "\n\n".join(PARAGRAPHS)


def news_page(
    *,
    meta_date: bool = True,
    site_name: bool = True,
    canonical: str = "https://www.coastal-ledger.example/news/harbour-reopens",
    paragraphs: list[str] = PARAGRAPHS,
) -> str:
    """A saved news page as sites build them: cookie banner, navigation with a dated
    ticker, the story with byline and dateline, related links, comments, footer."""
    head = [
        '<meta charset="utf-8">',
        "<title>Harbour reopens after storm | Coastal Ledger</title>",
        f'<link rel="canonical" href="{canonical}">',
        '<meta property="og:title" content="Harbour reopens after storm">',
        '<meta name="author" content="Jane Doe">',
    ]
    if site_name:
        head.append('<meta property="og:site_name" content="Coastal Ledger">')
    if meta_date:
        head.append('<meta property="article:published_time" content="2021-03-09T08:15:00Z">')
    body = "\n".join(f"<p>{p}</p>" for p in paragraphs)
    return f"""<!DOCTYPE html>
<html lang="en"><head>{''.join(head)}</head>
<body>
<div id="cookie-banner" class="cookie-consent"><p>We use cookies to improve your experience.
By continuing to browse you accept our cookie policy.</p><button>Accept all</button></div>
<header><nav><ul><li><a href="/">Home</a></li><li><a href="/world">World</a></li></ul></nav>
<div class="ticker">Updated 14 February 2019: Markets slide on rate fears</div></header>
<main><article>
<h1>Harbour reopens after storm</h1>
<p class="byline">By <a rel="author" href="/authors/jane-doe">Jane Doe</a></p>
{body}
</article>
<aside class="related"><h2>Related stories</h2><ul>
<li><a href="/news/2018/05/old-storm">Storm batters coast (May 4, 2018)</a></li>
<li><a href="/news/2017/01/ferry">Ferry fares rise, January 2017</a></li></ul></aside>
<section id="comments" class="comments"><h3>Comments</h3>
<div class="comment"><p>Great news, finally! Posted by harbourfan on March 10, 2021</p></div>
<form><textarea>Leave a comment</textarea></form></section>
</main>
<footer><p>© 2021 Coastal Ledger. All rights reserved.</p></footer>
</body></html>"""


def load_one(path: Path) -> Article | FileOutcome:
    (found,) = iter_inputs([path])
    return found


# --- HTML ---------------------------------------------------------------------------------------


def test_a_saved_news_page_gives_the_story_and_its_metadata(tmp_path):
    path = tmp_path / "harbour.html"
    path.write_text(news_page(), encoding="utf-8")
    article = load_one(path)
    assert isinstance(article, Article)
    assert article.text == STORY  # paragraphs kept, headline and byline not repeated
    assert article.title == "Harbour reopens after storm"
    assert article.authors == ("Jane Doe",)
    assert article.published == dt.date(2021, 3, 9)
    assert article.source == "Coastal Ledger"
    assert article.url == "https://www.coastal-ledger.example/news/harbour-reopens"
    for furniture in ("cookie", "Related stories", "Great news", "Leave a comment", "All rights reserved", "Markets"):
        assert furniture not in article.text


@pytest.mark.parametrize(
    ("page", "published", "source"),
    [
        # No date in the page's markup: none from the ticker, the related links or the
        # copyright line.
        (news_page(meta_date=False), None, "Coastal Ledger"),
        # A date in the canonical URL is the page's own.
        (news_page(meta_date=False, canonical="https://coastal-ledger.example/2021/03/09/harbour"),
         dt.date(2021, 3, 9), "Coastal Ledger"),
        # No site name: the outlet is the canonical URL's host.
        (news_page(site_name=False), dt.date(2021, 3, 9), "coastal-ledger.example"),
    ],
    ids=["no-date", "date-in-url", "no-site-name"],
)
def test_page_metadata_comes_from_the_page_not_its_boxes(tmp_path, page, published, source):
    path = tmp_path / "page.htm"
    path.write_text(page, encoding="utf-8")
    article = load_one(path)
    assert (article.published, article.source) == (published, source)


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        ("<html><body><nav><a href='/'>Home</a></nav></body></html>", "no article text found on the page"),
        ("", "empty file"),
    ],
)
def test_pages_without_a_story(tmp_path, content, reason):
    path = tmp_path / "empty.html"
    path.write_text(content, encoding="utf-8")
    assert load_one(path) == FileOutcome(path=str(path), status="failed", reason=reason)


# --- JSON and JSON Lines --------------------------------------------------------------------------

FEED = [
    json.dumps({"text": STORY, "title": "Harbour reopens", "url": "https://wire.example/a", "published": "2021-03-09",
                "source": "Example Wire", "authors": ["Jane Doe", "Ken Arlo"], "section": "Ports", "id": 7}),
    "",
    '{"body": "Officials said 40 ferries were back in service on Monday.", "date": "March 8, 2021", "tags": ["a"]}',
    "{not json",
    json.dumps({"title": "No text here"}),
    json.dumps({"text": "Mayor Ana Brook said the docks reopened.", "authors": 5}),
    json.dumps(["a list"]),
    json.dumps({"text": "Officials said the new pier opened.", "published": "the other day"}),
]


def test_json_lines_feed(tmp_path):
    path = tmp_path / "feed.jsonl"
    path.write_text("\n".join(FEED) + "\n", encoding="utf-8")
    results = list(iter_inputs([path]))
    articles = [r for r in results if isinstance(r, Article)]
    failures = [(r.status, r.reason) for r in results if isinstance(r, FileOutcome)]
    assert failures == [
        ("failed", "line 4: invalid JSON (Expecting property name enclosed in double quotes, column 2)"),
        ("failed", "line 5: no article text (a 'text' or 'body' field)"),
        ("failed", "line 6: 'authors' must be a string or a list of strings, found a number"),
        ("failed", "line 7: expected a JSON object, found an array"),
    ]
    first, second, third = articles
    assert first.path == f"{path}#1" and first.text == STORY
    assert (first.title, first.source, first.published, first.authors, first.url) == (
        "Harbour reopens", "Example Wire", dt.date(2021, 3, 9), ("Jane Doe", "Ken Arlo"), "https://wire.example/a"
    )
    assert first.extra == {"section": "Ports", "id": 7}
    assert (second.path, second.published, second.extra) == (f"{path}#3", dt.date(2021, 3, 8), {"tags": ["a"]})
    assert (third.published, third.notes) == (None, ("date 'the other day' not understood",))


@pytest.mark.parametrize(
    ("document", "paths", "failures"),
    [
        ({"text": STORY, "title": "One"}, [""], []),
        ([{"text": STORY}, {"text": "Officials said 40 ferries were back."}, {"title": "x"}], ["#1", "#2"],
         ["item 3: no article text (a 'text' or 'body' field)"]),
        ("just a string", [], ["expected a JSON object, found a string"]),
    ],
    ids=["one-object", "array", "not-an-object"],
)
def test_json_documents(tmp_path, document, paths, failures):
    path = tmp_path / "articles.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    results = list(iter_inputs([path]))
    assert [r.path for r in results if isinstance(r, Article)] == [f"{path}{suffix}" for suffix in paths]
    assert [r.reason for r in results if isinstance(r, FileOutcome)] == failures


@pytest.mark.parametrize(
    ("content", "reasons"),
    [
        ('{"text": "unfinished', ["invalid JSON (Unterminated string starting at, column 10)"]),
        # Pretty-printed and broken: one reason for the file, not one per line.
        ('{\n  "text": "Officials said 40 ferries ran.",\n  "title": "Ferries"\n  "source": "Example Wire"\n}\n',
         ["invalid JSON (Expecting ',' delimiter, line 4, column 3)"]),
        ('[\n  {"text": "Officials said 40 ferries ran."},\n  {"text": \n]\n', ["invalid JSON (Expecting value, line 4, column 1)"]),
        # JSON Lines under a .json name are still read line by line.
        (json.dumps({"text": STORY}) + "\n{broken\n", ["line 2: invalid JSON (Expecting property name enclosed in "
                                                       "double quotes, column 2)"]),
    ],
    ids=["one-line", "pretty-printed", "array", "json-lines-named-json"],
)
def test_invalid_json_document(tmp_path, content, reasons):
    path = tmp_path / "broken.json"
    path.write_text(content, encoding="utf-8")
    assert [r.reason for r in iter_inputs([path]) if isinstance(r, FileOutcome)] == reasons


DEEP = "[" * 1500 + "]" * 1500
HUGE_NUMBER = "9" * 5000


@pytest.mark.parametrize(
    ("name", "content", "stored", "reasons"),
    [
        ("deep.json", DEEP, [], ["unreadable JSON: nested more than 100 levels deep"]),
        ("deep-field.json", '{"text": "Officials said 40 ferries ran.", "tags": ' + DEEP + "}", [],
         ["unreadable JSON: nested more than 100 levels deep"]),
        # Deep enough to refuse, not deep enough to exhaust the parser's stack.
        ("deep-array.json", "[" * 101 + "]" * 101, [], ["unreadable JSON: nested more than 100 levels deep"]),
        ("deep-line.jsonl", "\n".join([json.dumps({"text": STORY}), DEEP, json.dumps({"text": PARAGRAPHS[3]})]),
         ["#1", "#3"], ["line 2: unreadable JSON: nested more than 100 levels deep"]),
        ("big-number.json", '{"text": "Officials said 40 ferries ran.", "count": ' + HUGE_NUMBER + "}", [],
         ["unreadable JSON: a number longer than 4300 digits"]),
        ("big-number.jsonl", '{"text": "Officials said 40 ferries ran.", "count": ' + HUGE_NUMBER + "}\n"
         + json.dumps({"text": STORY, "count": int("9" * 4000)}), ["#2"],
         ["line 1: unreadable JSON: a number longer than 4300 digits"]),
        # Nesting that any feed may have is fine.
        ("nested.json", json.dumps({"text": STORY, "meta": {"a": [[{"b": [1, 2]}]]}}), [""], []),
    ],
    ids=["deep", "deep-field", "deep-under-the-stack-limit", "deep-line", "big-number", "big-number-line", "nested"],
)
def test_json_the_parser_cannot_take_fails_that_record_only(tmp_path, name, content, stored, reasons):
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    results = list(iter_inputs([path]))
    assert [r.path for r in results if isinstance(r, Article)] == [f"{path}{suffix}" for suffix in stored]
    assert [r.reason for r in results if isinstance(r, FileOutcome)] == reasons


SURROGATE_NOTE = "lone surrogate escapes (\\ud800) replaced with U+FFFD"


@pytest.mark.parametrize(
    ("record", "field", "expected", "notes"),
    [
        ('{"text": "Officials said 40 ferries ran \\ud800 on Monday."}', "text",
         "Officials said 40 ferries ran \ufffd on Monday.", [SURROGATE_NOTE]),
        ('{"text": "Officials said 40 ferries ran.", "title": "Ferries \\udfff back"}', "title", "Ferries \ufffd back",
         [SURROGATE_NOTE]),
        ('{"text": "Officials said 40 ferries ran.", "authors": ["Ana \\ud83d"]}', "authors", ["Ana \ufffd"],
         [SURROGATE_NOTE]),
        ('{"text": "Officials said 40 ferries ran.", "section": "Ports \\ud800"}', "extra", {"section": "Ports \ufffd"},
         [SURROGATE_NOTE]),
        ('{"text": "Officials said 40 ferries ran.", "\\udc80key": 1}', "extra", {"\ufffdkey": 1}, [SURROGATE_NOTE]),
        # A proper pair is one character, and no note.
        ('{"text": "Officials said 40 ferries ran.", "title": "Ferries \\ud83d\\ude22"}', "title", "Ferries \U0001f622",
         []),
    ],
    ids=["text", "title", "authors", "extra-value", "extra-key", "surrogate-pair"],
)
def test_lone_surrogate_escapes_become_replacement_characters_and_are_stored(tmp_path, record, field, expected, notes):
    path = tmp_path / "feed.jsonl"
    path.write_text(record + "\n", encoding="utf-8")
    db = tmp_path / "c.db"
    result = runner.invoke(app, ["extract", str(path), "--db", str(db), "--report", "json"])
    assert result.exit_code == 0, result.output
    (outcome,) = json.loads(result.stdout)
    assert (outcome["status"], outcome["notes"]) == ("stored", notes)
    with Store.open(str(db), create=False) as store:
        (info,) = store.articles()
        article = store.article(info.id)
    assert article.model_dump(mode="json")[field] == expected


def test_metadata_from_json_is_cleaned_like_the_text(tmp_path):
    record = {
        "text": STORY, "title": "\x1b]0;owned\x07Harbour\x1b[2J reopens", "source": "Example\x07 Wire\r\n=1+2",
        "authors": ["Jane\x1b[31m Doe", "\x07"], "url": "https://wire.example/\x1b[0ma",
    }
    path = tmp_path / "feed.json"
    path.write_text(json.dumps(record), encoding="utf-8")
    article = load_one(path)
    assert (article.title, article.source, article.authors, article.url) == (
        "]0;ownedHarbour[2J reopens", "Example Wire =1+2", ("Jane[31m Doe",), "https://wire.example/[0ma"
    )


def test_unknown_fields_are_stored_with_the_article(tmp_path):
    path = tmp_path / "feed.ndjson"
    path.write_text(FEED[0] + "\n", encoding="utf-8")
    db = tmp_path / "c.db"
    result = runner.invoke(app, ["extract", str(path), "--db", str(db)])
    assert result.exit_code == 0, result.output
    with Store.open(str(db), create=False) as store:
        (info,) = store.articles()
        assert store.article(info.id).extra == {"section": "Ports", "id": 7}


# --- standard input -----------------------------------------------------------------------------


def test_stdin_one_article(tmp_path):
    db = tmp_path / "c.db"
    text = "Title: Harbour\nSource: Example Wire\nDate: 2021-03-09\n\n" + STORY
    result = runner.invoke(app, ["extract", "-", "--db", str(db), "--report", "json"], input=text)
    assert result.exit_code == 0, result.output
    (outcome,) = json.loads(result.stdout)
    assert (outcome["path"], outcome["status"]) == ("<stdin>", "stored")
    (article,) = json.loads(runner.invoke(app, ["articles", "--db", str(db), "--format", "json"]).stdout)
    assert (article["source"], article["published"], article["path"]) == ("Example Wire", "2021-03-09", "<stdin>")


def test_stdin_named_twice_is_read_once(tmp_path):
    db = tmp_path / "c.db"
    text = "Title: Harbour\nSource: Example Wire\nDate: 2021-03-09\n\n" + STORY
    result = runner.invoke(app, ["extract", "-", "-", "--db", str(db), "--report", "json"], input=text)
    assert result.exit_code == 0, result.output
    assert [(o["path"], o["status"], o["reason"]) for o in json.loads(result.stdout)] == [
        ("<stdin>", "skipped", "standard input (-) was read already"),
        ("<stdin>", "stored", None),
    ]


def test_stdin_too_deep_for_the_parser(tmp_path):
    result = runner.invoke(app, ["extract", "-", "--format", "json", "--db", str(tmp_path / "c.db"), "--report",
                                 "json"], input=DEEP)
    assert result.exit_code == 1, result.output
    assert [(o["path"], o["status"], o["reason"]) for o in json.loads(result.stdout)] == [
        ("<stdin>", "failed", "unreadable JSON: nested more than 100 levels deep")
    ]


def test_stdin_json_lines(tmp_path):
    db = tmp_path / "c.db"
    result = runner.invoke(
        app, ["extract", "-", "--format", "jsonl", "--db", str(db), "--report", "json"], input="\n".join(FEED)
    )
    assert result.exit_code == 1  # four bad lines, each listed
    outcomes = json.loads(result.stdout)
    assert [o["path"] for o in outcomes if o["status"] == "stored"] == ["<stdin>#1", "<stdin>#3", "<stdin>#8"]
    assert sum(o["status"] == "failed" for o in outcomes) == 4


# --- a folder of mixed formats --------------------------------------------------------------------


def test_a_folder_mixing_formats_stores_each_article_once(tmp_path):
    folder = tmp_path / "inbox"
    folder.mkdir()
    (folder / "harbour.txt").write_text("Title: Harbour reopens after storm\nDate: 2021-03-09\n\n" + STORY)
    (folder / "harbour.html").write_text(news_page())
    other = "Opposition leader Mara Quist said on Monday that 12 ferries were still idle in Lindport."
    (folder / "feed.jsonl").write_text(
        json.dumps({"text": STORY, "source": "Example Wire"}) + "\n" + json.dumps({"text": other}) + "\n"
    )
    db = tmp_path / "c.db"
    result = runner.invoke(app, ["extract", str(folder), "--db", str(db), "--report", "json"])
    assert result.exit_code == 0, result.output
    statuses = {Path(o["path"]).name: (o["status"], o["reason"]) for o in json.loads(result.stdout)}
    assert statuses["feed.jsonl#1"] == ("stored", None)
    assert statuses["feed.jsonl#2"] == ("stored", None)
    assert statuses["harbour.html"][0] == "skipped" and statuses["harbour.txt"][0] == "skipped"
    assert statuses["harbour.html"][1].startswith("same text as")
    articles = json.loads(runner.invoke(app, ["articles", "--db", str(db), "--format", "json"]).stdout)
    assert len(articles) == 2


# --- JSON-LD --------------------------------------------------------------------------------------

# The vocabulary part of schema.org's context, served locally: tests never reach the network.
SCHEMA_CONTEXT = {"@context": {"@vocab": "https://schema.org/", "id": "@id", "type": "@type"}}
SCHEMA = "https://schema.org/"


def local_loader(url, options=None):
    assert url.rstrip("/") in ("https://schema.org", "http://schema.org"), url
    return {"contextUrl": None, "documentUrl": url, "document": SCHEMA_CONTEXT}


@pytest.fixture(scope="module")
def jsonld_store(tmp_path_factory):
    folder = tmp_path_factory.mktemp("jsonld")
    (folder / "harbour.html").write_text(news_page())
    db = folder / "c.db"
    assert runner.invoke(app, ["extract", str(folder), "--db", str(db)]).exit_code == 0
    return db


def test_claims_as_json_ld(jsonld_store):
    from pyld import jsonld

    result = runner.invoke(app, ["claims", "--db", str(jsonld_store), "--format", "jsonld"])
    assert result.exit_code == 0, result.output
    document = json.loads(result.stdout)
    claims = json.loads(runner.invoke(app, ["claims", "--db", str(jsonld_store), "--format", "json"]).stdout)
    expanded = jsonld.expand(document, {"documentLoader": local_loader})
    assert len(expanded) == len(claims) >= 3

    by_id = {node["@id"]: node for node in expanded}
    for claim in claims:
        node = by_id[f"urn:claimtrack:claim:{claim['id']}"]
        assert node["@type"] == [SCHEMA + "Claim"]
        assert node[SCHEMA + "text"] == [{"@value": claim["text"]}]
        (appearance,) = node[SCHEMA + "appearance"]
        assert appearance["@type"] == [SCHEMA + "NewsArticle"]
        assert appearance[SCHEMA + "url"] == [{"@value": "https://www.coastal-ledger.example/news/harbour-reopens"}]
        assert appearance[SCHEMA + "headline"] == [{"@value": "Harbour reopens after storm"}]
        assert appearance[SCHEMA + "datePublished"] == [{"@value": "2021-03-09"}]
        (publisher,) = appearance[SCHEMA + "publisher"]
        assert publisher[SCHEMA + "name"] == [{"@value": "Coastal Ledger"}]
        if claim["speaker"]:
            (author,) = node[SCHEMA + "author"]
            assert author[SCHEMA + "name"] == [{"@value": claim["speaker"]["name"]}]
            kind = "Person" if claim["speaker"]["kind"] == "person" else "Organization"
            assert author["@type"] == [SCHEMA + kind]
        if claim["date"]:
            assert node[SCHEMA + "dateCreated"] == [{"@value": claim["date"]}]
    reiner = [n for n in expanded if n.get(SCHEMA + "author", [{}])[0].get(SCHEMA + "name") == [{"@value": "Tomas Reiner"}]]
    assert reiner and reiner[0][SCHEMA + "author"][0][SCHEMA + "jobTitle"] == [{"@value": "harbour master"}]


def test_claims_json_ld_is_never_a_claim_review(jsonld_store):
    text = runner.invoke(app, ["claims", "--db", str(jsonld_store), "--format", "jsonld"]).stdout
    assert "ClaimReview" not in text and "reviewRating" not in text


# --- the store as datasette shows it ---------------------------------------------------------------


def test_store_views_join_claims_to_articles_and_speakers(jsonld_store):
    conn = sqlite3.connect(jsonld_store)
    conn.row_factory = sqlite3.Row
    try:
        names = {row["name"] for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'view'")}
        assert {"quotes", "figures", "figure_group_reports"} <= names
        quotes = [dict(row) for row in conn.execute("SELECT * FROM quotes")]
        figures = [dict(row) for row in conn.execute("SELECT * FROM figures")]
    finally:
        conn.close()
    reiner = next(q for q in quotes if q["speaker"] == "Tomas Reiner")
    assert reiner["statement"] == "We have cleared every berth and the ferries run again"
    assert (reiner["outlet"], reiner["article_published"], reiner["speech_verb"]) == ("Coastal Ledger", "2021-03-09", "told")
    workers = next(f for f in figures if f["wording"] == "More than 300 workers")
    assert (workers["low"], workers["qualifier"], workers["outlet"]) == (300, "more_than", "Coastal Ledger")
