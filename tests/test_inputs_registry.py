"""The input-format registry: one reader module per format is all a format needs."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from claimtrack.inputs import readers as readers_package
from claimtrack.inputs import registry
from claimtrack.inputs.load import iter_inputs
from claimtrack.inputs.readers import NoArticle, Reader
from claimtrack.models import Article, FileOutcome

REPO_ROOT = Path(__file__).resolve().parent.parent
BODY = "The ferry board voted on Monday to keep the night crossing, its chair told reporters at the pier."


def _nothing(text: str, path: str):
    return iter(())


def _reader(name: str, *suffixes: str) -> Reader:
    return Reader(name=name, suffixes=suffixes, read=_nothing)


@pytest.mark.parametrize(
    ("suffix", "expected"),
    [
        (".txt", "txt"),
        (".TXT", "txt"),
        (".html", "html"),
        (".htm", "html"),
        (".json", "json"),
        (".jsonl", "jsonl"),
        (".ndjson", "jsonl"),
        (".md", None),
        (".pdf", None),
        ("", None),
    ],
)
def test_reader_for_suffix(suffix: str, expected: str | None) -> None:
    reader = registry.reader_for_suffix(suffix)
    assert (reader.name if reader else None) == expected


def test_formats_are_listed_default_first() -> None:
    assert registry.format_names() == ("txt", "html", "json", "jsonl")
    assert registry.supported() == "claimtrack reads .txt, .html, .htm, .json, .jsonl and .ndjson"


@pytest.mark.parametrize(
    ("declared", "problem"),
    [
        ([_reader("txt", ".txt"), _reader("txt", ".text")], "two input readers are named 'txt'"),
        ([_reader("txt", ".txt"), _reader("plain", ".txt")], "two input readers claim the suffix '.txt'"),
        ([_reader("txt", ".TXT")], "suffix '.TXT' is not a lower-case '.ext'"),
        ([_reader("txt", "txt")], "suffix 'txt' is not a lower-case '.ext'"),
        ([_reader("html", ".html")], "no input reader is named 'txt'"),
    ],
)
def test_conflicting_readers_are_refused(declared: list[Reader], problem: str) -> None:
    with pytest.raises(ValueError, match=re.escape(problem)):
        registry.checked(declared)


def test_readers_are_ordered_default_then_by_name() -> None:
    declared = [_reader("xml", ".xml"), _reader("csv", ".csv"), _reader("txt", ".txt")]
    assert [reader.name for reader in registry.checked(declared)] == ["txt", "csv", "xml"]


# A reader module as someone adding a format would write it: nothing else changes.
MARKDOWN_READER = '''
from claimtrack.inputs.readers import NoArticle, Reader


def read_markdown(text, path):
    from claimtrack.inputs.readers.text import load_text

    stripped = "\\n".join(line.lstrip("#> ") for line in text.split("\\n"))
    if "DRAFT" in stripped:
        yield NoArticle("a draft, not a story")
        return
    yield load_text(stripped, path=path)


READERS = (Reader(name="md", suffixes=(".md", ".markdown"), read=read_markdown),)
'''


@pytest.fixture()
def markdown_reader(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A reader module for Markdown, dropped into the readers package."""
    modules = tmp_path / "modules"
    modules.mkdir()
    (modules / "md.py").write_text(MARKDOWN_READER, encoding="utf-8")
    monkeypatch.setattr(readers_package, "__path__", [*readers_package.__path__, str(modules)])
    registry.readers.cache_clear()
    yield modules
    sys.modules.pop("claimtrack.inputs.readers.md", None)
    registry.readers.cache_clear()


def test_a_new_reader_module_is_all_a_format_needs(markdown_reader: Path, tmp_path: Path) -> None:
    (tmp_path / "story.md").write_text(f"# Ferry Kept\n\n> {BODY}\n", encoding="utf-8")
    (tmp_path / "draft.markdown").write_text(f"DRAFT\n\n{BODY}\n", encoding="utf-8")
    (tmp_path / "notes.rst").write_text(BODY, encoding="utf-8")
    results = {Path(item.path or "").name: item for item in iter_inputs([tmp_path / name for name in
                                                                        ("story.md", "draft.markdown", "notes.rst")])}
    article = results["story.md"]
    assert isinstance(article, Article)
    assert (article.title, article.text) == ("Ferry Kept", BODY)
    assert results["draft.markdown"] == FileOutcome(
        path=str(tmp_path / "draft.markdown"), status="failed", reason="a draft, not a story"
    )
    assert results["notes.rst"].reason == (
        "unsupported format .rst (claimtrack reads .txt, .html, .htm, .json, .jsonl, .ndjson, .md and .markdown)"
    )
    assert registry.format_names() == ("txt", "html", "json", "jsonl", "md")


def test_a_new_reader_module_becomes_a_cli_format_choice(markdown_reader: Path) -> None:
    probe = (
        "import json, sys\n"
        "import claimtrack.inputs.readers as package\n"
        "package.__path__.append(sys.argv[1])\n"
        "from claimtrack.cli import InputFormat\n"
        "print(json.dumps([choice.value for choice in InputFormat]))\n"
    )
    done = subprocess.run([sys.executable, "-c", probe, str(markdown_reader)], capture_output=True, text=True,
                          timeout=60)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout) == ["txt", "html", "json", "jsonl", "md"]


def test_listing_the_formats_loads_no_reading_machinery() -> None:
    """The CLI lists the formats at start-up: that must not cost pydantic, trafilatura,
    dateparser or the plain-text rules."""
    probe = (
        "import json, sys\n"
        "from claimtrack.inputs import registry\n"
        "registry.format_names()\n"
        "heavy = ('pydantic', 'trafilatura', 'dateparser', 'spacy', 'claimtrack.models', 'claimtrack.inputs.header',"
        " 'claimtrack.inputs.furniture')\n"
        "print(json.dumps(sorted(m for m in heavy if m in sys.modules)))\n"
    )
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout) == []


def test_cli_format_choices_come_from_the_registry() -> None:
    from claimtrack.cli import InputFormat

    assert tuple(choice.value for choice in InputFormat) == registry.format_names()


def test_readme_lists_every_format_and_suffix() -> None:
    readme = (REPO_ROOT / "README.md").read_text(encoding="utf-8")
    option = re.search(r"`--format ([\w|]+)`: what standard input", readme)
    assert option is not None and tuple(option[1].split("|")) == registry.format_names()
    input_section = readme.split("\n## Input\n", 1)[1].split("\n### ", 1)[0]
    for reader in registry.readers():
        for suffix in reader.suffixes:
            assert f"`{suffix}`" in input_section, suffix


def test_an_unknown_format_name_is_a_usage_error() -> None:
    from claimtrack.errors import UsageError

    with pytest.raises(UsageError, match="unknown input format 'docx' \\(known: txt, html, json, jsonl\\)"):
        list(iter_inputs(["-"], stdin_format="docx"))


def test_no_article_reasons_name_the_record() -> None:
    reader = registry.reader_named("jsonl")
    assert reader is not None
    results = list(reader.read('{"text": "Share this:"}\nnot json\n', "feed.jsonl"))
    assert results == [
        NoArticle("line 1: no body text left after removing page furniture"),
        NoArticle("line 2: invalid JSON (Expecting value, column 1)"),
    ]
