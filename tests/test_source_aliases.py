"""Spellings of one outlet stored under one name: the [sources] table of claimtrack.toml
and extract --source-alias. Every outlet here is invented."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from claimtrack.cli import app
from claimtrack.errors import UsageError
from claimtrack.inputs.load import iter_inputs
from claimtrack.inputs.source_aliases import (
    canonical_source,
    config_path,
    load_source_aliases,
    option_aliases,
    read_config_aliases,
)
from claimtrack.models import Article

runner = CliRunner()

STORY = (
    "The harbour reopened on Tuesday after a week-long closure, the port authority of Lindport said.\n\n"
    '"Every berth is clear and the ferries run again," harbour master Tomas Reiner told reporters.'
)
CONFIG = """\
[sources]
"The Riverton Courier" = ["RC", "Riverton Courier", "riverton-courier.example"]
"Lindport Ledger" = "LL"

[other]
anything = "left to whatever reads it"
"""


def _config(tmp_path: Path, text: str = CONFIG) -> str:
    path = tmp_path / "claimtrack.toml"
    path.write_text(text, encoding="utf-8")
    return str(path)


@pytest.mark.parametrize(
    ("spelling", "expected"),
    [
        ("RC", "The Riverton Courier"),
        ("rc", "The Riverton Courier"),
        ("Riverton  Courier", "The Riverton Courier"),
        ("riverton-courier.example", "The Riverton Courier"),
        ("the riverton courier", "The Riverton Courier"),  # a canonical name stands for itself
        ("LL", "Lindport Ledger"),
        # Rows that stay as they are.
        ("Riverton", "Riverton"),
        ("The Riverton Courier Weekly", "The Riverton Courier Weekly"),
        (None, None),
    ],
)
def test_config_aliases(tmp_path: Path, spelling: str | None, expected: str | None) -> None:
    aliases = read_config_aliases(_config(tmp_path))
    assert canonical_source(spelling, aliases) == expected


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("[sources\n", "is not valid TOML: "),
        ('sources = "RC"\n', "'sources' must be a table of outlet names"),
        ('[sources]\n"Riverton Courier" = [1, 2]\n', "'Riverton Courier' must be a list of spellings (strings)"),
        ('[sources]\n"Riverton Courier" = ["RC", ""]\n', "[sources] holds an empty outlet name"),
        ('[sources]\n"Riverton Courier" = ["RC"]\n"Rural Chronicle" = ["rc"]\n',
         "'rc' is listed for both 'Riverton Courier' and 'Rural Chronicle'"),
        ('[sources]\n"Riverton Courier" = ["Lindport Ledger"]\n"Lindport Ledger" = []\n',
         "'Lindport Ledger' is listed for both 'Riverton Courier' and 'Lindport Ledger'"),
    ],
)
def test_bad_config_files_are_refused_with_a_reason(tmp_path: Path, text: str, problem: str) -> None:
    path = _config(tmp_path, text)
    with pytest.raises(UsageError) as raised:
        read_config_aliases(path)
    assert problem in raised.value.message and path in raised.value.message
    assert "\n" not in raised.value.message


def test_a_config_without_sources_gives_no_aliases(tmp_path: Path) -> None:
    assert read_config_aliases(_config(tmp_path, "[other]\nkey = 1\n")) == {}


@pytest.mark.parametrize(
    ("variable", "in_folder", "expected"),
    [
        (None, True, "{folder}/claimtrack.toml"),
        ("{folder}/elsewhere.toml", True, "{folder}/elsewhere.toml"),
        ("{folder}/elsewhere.toml", False, "{folder}/elsewhere.toml"),
        ("  ", True, "{folder}/claimtrack.toml"),
        (None, False, None),
    ],
)
def test_which_config_file(tmp_path: Path, variable: str | None, in_folder: bool, expected: str | None) -> None:
    if in_folder:
        _config(tmp_path)
    environ = {} if variable is None else {"CLAIMTRACK_CONFIG": variable.format(folder=tmp_path)}
    found = config_path(environ, str(tmp_path))
    assert found == (expected.format(folder=tmp_path) if expected else None)


def test_a_named_config_file_must_exist(tmp_path: Path) -> None:
    with pytest.raises(UsageError, match="configuration file .*missing.toml does not exist"):
        load_source_aliases(str(tmp_path / "missing.toml"))


@pytest.mark.parametrize(
    ("options", "expected"),
    [
        (["RC=The Riverton Courier"], {"rc": "The Riverton Courier", "the riverton courier": "The Riverton Courier"}),
        ([" RC = The  Riverton Courier "], {"rc": "The Riverton Courier", "the riverton courier": "The Riverton Courier"}),
        (["A=B=C"], {"a": "B=C", "b=c": "B=C"}),
        (["RC=Riverton Courier", "RC=Rural Chronicle"],
         {"rc": "Rural Chronicle", "riverton courier": "Riverton Courier", "rural chronicle": "Rural Chronicle"}),
        ([], {}),
    ],
)
def test_source_alias_options(options: list[str], expected: dict[str, str]) -> None:
    assert option_aliases(options) == expected


@pytest.mark.parametrize("option", ["RC", "=The Riverton Courier", "RC=", "  =  "])
def test_a_malformed_source_alias_is_a_usage_error(option: str) -> None:
    with pytest.raises(UsageError, match="is not SPELLING=CANONICAL"):
        option_aliases([option])


def test_options_win_over_the_config_file(tmp_path: Path) -> None:
    aliases = load_source_aliases(_config(tmp_path), ["RC=Rural Chronicle"])
    assert (canonical_source("RC", aliases), canonical_source("LL", aliases)) == ("Rural Chronicle", "Lindport Ledger")


@pytest.mark.parametrize(
    ("name", "content", "source", "expected"),
    [
        ("header.txt", f"Source: RC\n\n{STORY}", None, "The Riverton Courier"),
        ("byline.txt", f"Harbour Reopens\nBy Mara Lind, Riverton Courier\n\n{STORY}", None, "The Riverton Courier"),
        ("url.txt", f"https://www.riverton-courier.example/harbour\n\n{STORY}", None, "The Riverton Courier"),
        ("record.json", json.dumps({"text": STORY, "source": "rc"}), None, "The Riverton Courier"),
        ("run-wide.txt", STORY, "LL", "Lindport Ledger"),
        # Rows the aliases leave alone.
        ("other.txt", f"Source: Harbor Gazette\n\n{STORY}", None, "Harbor Gazette"),
        ("none.txt", STORY, None, None),
    ],
)
def test_aliases_apply_to_the_outlet_whoever_named_it(
    tmp_path: Path, name: str, content: str, source: str | None, expected: str | None
) -> None:
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    aliases = read_config_aliases(_config(tmp_path))
    (article,) = iter_inputs([path], source=source, source_aliases=aliases)
    assert isinstance(article, Article)
    assert article.source == expected


def test_a_sidecar_outlet_is_put_under_its_canonical_name(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(f"Source: Harbor Gazette\n\n{STORY}", encoding="utf-8")
    (tmp_path / "a.meta.json").write_text('{"source": "riverton courier"}', encoding="utf-8")
    (article,) = iter_inputs([tmp_path / "a.txt"], source_aliases=read_config_aliases(_config(tmp_path)))
    assert isinstance(article, Article) and article.source == "The Riverton Courier"


# --- the command line -------------------------------------------------------------------------


def test_extract_reads_the_config_file_and_source_alias_options(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "a.txt").write_text(f"Source: RC\n\n{STORY}", encoding="utf-8")
    (folder / "b.txt").write_text(f"Source: Rural Chronicle\n\nThe ferry to Lindport ran late.\n\n{STORY}",
                                  encoding="utf-8")
    _config(tmp_path)
    monkeypatch.delenv("CLAIMTRACK_CONFIG")
    monkeypatch.chdir(tmp_path)  # ./claimtrack.toml is read
    db = tmp_path / "c.db"
    result = runner.invoke(
        app, ["extract", str(folder), "--db", str(db), "--source-alias", "Rural Chronicle=The Rural Chronicle"]
    )
    assert result.exit_code == 0, result.output
    listed = json.loads(runner.invoke(app, ["articles", "--db", str(db), "--format", "json"]).stdout)
    assert sorted(article["source"] for article in listed) == ["The Riverton Courier", "The Rural Chronicle"]


@pytest.mark.parametrize(
    ("config", "options", "message"),
    [
        ("[sources\n", [], "Error: configuration file {path} is not valid TOML: "),
        (None, ["--source-alias", "RC"], "Error: --source-alias 'RC' is not SPELLING=CANONICAL."),
    ],
)
def test_extract_refuses_a_bad_config_before_reading_anything(
    tmp_path: Path, config: str | None, options: list[str], message: str
) -> None:
    path = tmp_path / "settings.toml"
    if config is not None:
        path.write_text(config, encoding="utf-8")
    (tmp_path / "a.txt").write_text(STORY, encoding="utf-8")
    db = tmp_path / "c.db"
    result = runner.invoke(
        app, ["extract", str(tmp_path / "a.txt"), "--db", str(db), *options], env={"CLAIMTRACK_CONFIG": str(path)}
        if config is not None else None,
    )
    assert result.exit_code == 2
    assert result.stderr.startswith(message.format(path=path)), result.stderr
    assert "Traceback" not in result.output
    assert not db.exists()


def test_a_cluster_run_takes_the_aliases_to_its_workers(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from claimtrack.ingest import cluster
    from claimtrack.ingest.options import ExtractOptions
    from claimtrack.models import ExtractReport
    from claimtrack.nlp.pipeline import choose_model
    from claimtrack.store import Store

    # The command line hands the aliases to the cluster run...
    asked: dict[str, object] = {}

    def run_on_cluster(paths, db, options, **callbacks):
        asked["source_aliases"] = options.source_aliases
        return ExtractReport(outcomes=(), figure_ids=())

    monkeypatch.setattr(cluster, "extract_on_cluster", run_on_cluster)
    (tmp_path / "a.txt").write_text(f"Source: RC\n\n{STORY}", encoding="utf-8")
    result = runner.invoke(app, ["extract", str(tmp_path / "a.txt"), "--db", str(tmp_path / "c.db"), "--cluster",
                                 "local:1", "--source-alias", "RC=The Riverton Courier"])
    assert result.exit_code == 0, result.output
    assert asked["source_aliases"] == {"rc": "The Riverton Courier", "the riverton courier": "The Riverton Courier"}

    # ...and a worker's batch applies them.
    db = tmp_path / "worker.db"
    Store.open(str(db), create=True).close()
    job = cluster._Job(db=str(db), options=ExtractOptions(model=choose_model(), source_aliases=asked["source_aliases"]))
    try:
        report, faults = cluster._extract_batch([str(tmp_path / "a.txt")], job)
    finally:
        cluster._worker_stores.pop(str(db)).close()
    assert [outcome.status for outcome in report.outcomes] == ["stored"]
    assert faults == []
    listed = json.loads(runner.invoke(app, ["articles", "--db", str(db), "--format", "json"]).stdout)
    assert [article["source"] for article in listed] == ["The Riverton Courier"]
