"""The Python library: the README's example runs as written, the public names resolve,
`import claimtrack` stays light, and the entry points refuse what they cannot do.
Every article and sentence here is invented."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

import claimtrack
from conftest import CORPUS, write_corpus

README = Path(__file__).resolve().parent.parent / "README.md"

# A second report of the soldiers at the border, so that the example has a group to show.
BORDER_AGAIN = (
    "Title: Soldiers Massed In The North\nSource: Lindport Daily\nDate: 2021-08-21\n\n"
    "Nearly 4,000 soldiers have been moved to the northern border, General Petra Voss said on Friday.\n"
)


def readme_example() -> str:
    section = README.read_text(encoding="utf-8").split("\n## Python library\n", 1)[1].split("\n## ", 1)[0]
    return re.search(r"```python\n(.*?)```", section, re.S).group(1)


def test_the_readme_example_runs_as_written(tmp_path, monkeypatch, capsys):
    write_corpus(tmp_path / "articles", {**CORPUS, "d_border.txt": BORDER_AGAIN})
    monkeypatch.chdir(tmp_path)
    exec(compile(readme_example(), "README.md", "exec"), {})
    printed = capsys.readouterr().out.splitlines()
    assert printed == [
        "quote 2021-03-09 Tomas Reiner | Every berth is clear and the ferries run again",
        "figure None port authority | 1,200 workers",
        "quote None port authority | 1,200 workers had repaired the quays since the storm",
        "4 articles stored: 11 quotes, 5 figures",
        "More than 3,000 soldiers 3000 None Valley Herald",
        "Nearly 4,000 soldiers 3600 4000 Lindport Daily",
        "Petra Voss 5",
        "Karel Novak 4",
        "Ada Brightwater 3",
        "divergent troops (soldiers) spread 1.33x 2 sources",
    ]
    assert (tmp_path / "claims.db").is_file()


def test_every_public_name_resolves():
    for name in claimtrack.__all__:
        assert getattr(claimtrack, name) is not None, name
    assert claimtrack.Store is __import__("claimtrack.store", fromlist=["Store"]).Store
    assert issubclass(claimtrack.StoreBusy, claimtrack.ClaimtrackError)
    with pytest.raises(AttributeError):
        claimtrack.no_such_name  # noqa: B018


def test_importing_claimtrack_loads_nothing_else():
    code = (
        "import sys, claimtrack\n"
        "heavy = ('pydantic', 'sqlalchemy', 'spacy', 'dateparser', 'typer', 'rich', 'claimtrack.models')\n"
        "print(','.join(m for m in heavy if m in sys.modules))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == ""


@pytest.mark.parametrize(
    ("text", "metadata", "error", "words"),
    [
        ("", {}, claimtrack.ArticleError, "empty"),
        ("   \n\n ", {}, claimtrack.ArticleError, "empty"),
        ("Title: Only A Headline\nSource: Coastal Ledger\nDate: 2021-03-09\n", {}, claimtrack.ArticleError,
         "No body text"),
        ("The council met.", {"published": "the ninth of March"}, claimtrack.UsageError, "published"),
    ],
)
def test_extract_text_refuses_what_gives_no_article(text, metadata, error, words):
    with pytest.raises(error, match=words):
        claimtrack.extract_text(text, **metadata)


def test_extract_text_takes_the_metadata_given_over_the_header():
    text = "Source: Coastal Ledger\nDate: 2021-03-09\n\n\"The quays are repaired,\" harbour master Tomas Reiner said.\n"
    [claim] = claimtrack.extract_text(text, source="Lindport Daily", published="2021-03-11", authors=["Ona Pell"])
    assert (claim.article.source, claim.article.published.isoformat(), claim.article.authors) == (
        "Lindport Daily", "2021-03-11", ("Ona Pell",)
    )
    assert (claim.speaker.name, claim.text) == ("Tomas Reiner", "The quays are repaired")


@pytest.mark.parametrize(
    "fields",
    [{"jobs": 0}, {"batch_size": 0}, {"max_bytes": 0}, {"time_limit": 0}, {"threads": 2}],
)
def test_extract_options_refuse_what_no_run_can_do(fields):
    with pytest.raises(ValueError):
        claimtrack.ExtractOptions(**fields)


def test_extract_options_are_frozen():
    options = claimtrack.ExtractOptions(force=True)
    with pytest.raises(ValueError):
        options.force = False
    assert options.model_copy(update={"jobs": 2}).jobs == 2 and options.jobs == 1
