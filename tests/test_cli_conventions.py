"""The command line behaves as command-line tools do: -h everywhere, help on every
option with a metavar for its value and none for a flag, `PATHS...`, one `Error:` line
and exit code 2 for a usage error, shell completion, and a word on what extract waits
for. Every name and sentence here is invented."""

from __future__ import annotations

from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

from claimtrack.cli import LOADING_MODEL, app
from conftest import write_corpus

runner = CliRunner()
COMMANDS = ("extract", "claims", "articles", "speakers", "diff", "show")


def commands():
    group = typer.main.get_command(app)
    return {name: group.commands[name] for name in COMMANDS}


def options_of(command) -> list:
    return [param for param in command.params if param.param_type_name == "option"]


@pytest.mark.parametrize("name", COMMANDS)
@pytest.mark.parametrize("flag", ["-h", "--help"])
def test_every_command_has_help_under_both_names(name, flag):
    result = runner.invoke(app, [name, flag], prog_name="claimtrack")
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith(f"Usage: claimtrack {name} [OPTIONS]")
    # Options are written as people write them: no Python types, no defaults of None.
    for leftover in ("<bool>", "<str>", "<int", "<list", " None ", "{paths}", "Path]"):
        assert leftover not in result.stdout


def test_help_usage_names_the_arguments():
    assert runner.invoke(app, ["extract", "-h"], prog_name="claimtrack").stdout.splitlines()[0] == (
        "Usage: claimtrack extract [OPTIONS] PATHS..."
    )
    assert runner.invoke(app, ["show", "-h"], prog_name="claimtrack").stdout.splitlines()[0] == (
        "Usage: claimtrack show [OPTIONS] CLAIM_ID"
    )


@pytest.mark.parametrize("name", COMMANDS)
def test_every_option_has_help_and_a_metavar_unless_it_is_a_flag(name):
    command = commands()[name]
    for option in options_of(command):
        assert option.help, option.opts
        if option.is_flag:
            assert not option.secondary_opts, f"{option.opts} has a --no- form: a flag is on or absent"
        else:
            assert option.metavar and option.metavar.strip(), option.opts
    help_text = runner.invoke(app, [name, "-h"]).stdout
    for option in options_of(command):
        line = next(line for line in help_text.splitlines() if max(option.opts, key=len) in line)
        if option.is_flag:
            assert line.split()[-1] != "BOOLEAN"
        else:
            assert f"{max(option.opts, key=len)} {option.metavar}" in line


def test_the_top_level_help_lists_commands_and_completion():
    result = runner.invoke(app, ["-h"], prog_name="claimtrack")
    assert result.exit_code == 0
    for text in (*COMMANDS, "--install-completion", "--show-completion", "--version"):
        assert text in result.stdout


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["claims", "--bogus"], "Error: No such option: --bogus"),
        (["claims", "--since", "2022-13-01"], "Error: Invalid value for '--since'"),
        (["claims", "--format", "xml"], "Error: Invalid value for '--format'"),
        (["claims", "--limit", "0"], "Error: Invalid value for '--limit'"),
        (["diff", "--all", "true"], "Error: Got unexpected extra argument"),
        (["extract"], "Error: Missing argument 'PATHS...'"),
        (["show"], "Error: Missing argument 'CLAIM_ID'"),
        (["nonsense"], "Error: No such command 'nonsense'"),
    ],
)
def test_a_usage_error_is_one_error_line_and_a_hint(args, message):
    result = runner.invoke(app, args, prog_name="claimtrack")
    assert result.exit_code == 2
    assert result.stdout == ""
    error, hint = result.stderr.splitlines()
    assert error.startswith(message), result.stderr
    assert hint.startswith("Hint: claimtrack") and hint.endswith("-h lists what it takes.")
    for box in ("╭", "│", "Usage:", "Traceback"):
        assert box not in result.stderr


@pytest.mark.parametrize("value", ["true", "False", "yes", "1"])
def test_a_flag_given_a_value_is_refused_before_anything_is_read(tmp_path, value):
    folder = write_corpus(tmp_path / "articles")
    db = tmp_path / "c.db"
    result = runner.invoke(app, ["extract", "--force", value, str(folder), "--db", str(db)])
    assert result.exit_code == 2
    assert result.stderr.startswith(f"Error: no such file or folder: {value}; --force and --debug are flags")
    assert not db.exists()


def test_a_file_named_like_a_flag_value_is_still_read(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    Path("true").write_text("Title: Quiet Day\n\nThe council met.\n", encoding="utf-8")
    result = runner.invoke(app, ["extract", "true", "--db", "c.db", "--report", "json"])
    assert "flags and take no value" not in result.output


def test_shell_completion(tmp_path):
    script = runner.invoke(app, ["--show-completion", "bash"], prog_name="claimtrack")
    assert script.exit_code == 0
    assert "_CLAIMTRACK_COMPLETE=complete_bash" in script.stdout
    completed = runner.invoke(
        app, [], prog_name="claimtrack",
        env={"_CLAIMTRACK_COMPLETE": "complete_bash", "COMP_WORDS": "claimtrack diff --for", "COMP_CWORD": "2"},
    )
    assert completed.stdout.split() == ["--format"]
    choices = runner.invoke(
        app, [], prog_name="claimtrack",
        env={"_CLAIMTRACK_COMPLETE": "complete_bash", "COMP_WORDS": "claimtrack diff --format ", "COMP_CWORD": "3"},
    )
    assert choices.stdout.split() == ["table", "json", "jsonl", "csv", "markdown"]


def test_extract_says_it_is_loading_the_model_before_the_first_file_is_done(tmp_path):
    folder = write_corpus(tmp_path / "articles")
    result = runner.invoke(
        app, ["extract", str(folder), "--db", str(tmp_path / "c.db")],
        env={"TTY_COMPATIBLE": "1", "NO_COLOR": "1", "COLUMNS": "100"},
    )
    assert result.exit_code == 0, result.output
    frames = result.stderr.replace("\r", "\n").splitlines()
    waiting = [frame for frame in frames if LOADING_MODEL in frame]
    assert waiting and all(" 0/3 " in frame for frame in waiting)


def test_every_text_format_of_the_listings_has_a_writer():
    from claimtrack import render
    from claimtrack.cli import TableFormat

    # table and markdown are for people, drawn per listing; the rest are written by
    # render.TEXT_FORMATS for any records. A format named on one side only fails here.
    for_programs = {f.value for f in TableFormat} - {"table", "markdown"}
    assert for_programs == set(render.TEXT_FORMATS)
