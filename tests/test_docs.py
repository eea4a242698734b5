"""The README and --help stay in step (as sqlite-utils' tests/test_docs.py does): every
command has its section in the README, every option of a command is named in its
section (the options every command takes, in the Commands introduction), and every
command and option the README names exists. The README's example outputs are what
claimtrack prints for them on the seed articles (scripts/readme_examples.py)."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest
import typer

from claimtrack.cli import app

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")
GROUP = typer.main.get_command(app)
# Options every command takes, described once at the top of the Commands section.
EVERY_COMMAND = {"--db", "--help"}
sys.path.insert(0, str(ROOT / "scripts"))
import readme_examples  # noqa: E402


def section(heading: str) -> str:
    """The README's text from ``heading`` to the next heading of its level or above."""
    match = re.search(rf"^(#+) {re.escape(heading)}.*$", README, re.MULTILINE)
    assert match, f"the README has no section {heading!r}"
    level = len(match.group(1))
    rest = README[match.end():]
    end = re.search(rf"^#{{1,{level}}} ", rest, re.MULTILINE)
    return rest[: end.start()] if end else rest


def long_options(command) -> set[str]:
    return {name for param in command.params if param.param_type_name == "option" and not param.hidden
            for name in param.opts if name.startswith("--")}


@pytest.mark.parametrize("name", sorted(GROUP.commands))
def test_every_command_has_a_section(name):
    assert re.search(rf"^### `claimtrack {name}\b", README, re.MULTILINE), name


@pytest.mark.parametrize("name", sorted(GROUP.commands))
def test_every_option_is_documented_in_its_commands_section(name):
    text = section(f"`claimtrack {name}")
    missing = sorted(option for option in long_options(GROUP.commands[name]) - EVERY_COMMAND
                     if not re.search(rf"`{re.escape(option)}\b", text))
    assert not missing, f"claimtrack {name}: {missing} are not in its README section"


def test_the_options_of_every_command_are_documented_once():
    text = section("Commands")
    for option in EVERY_COMMAND:
        assert f"`{option}" in text
    assert all("--db" in long_options(command) for command in GROUP.commands.values())
    for option in long_options(GROUP) - {"--help"}:
        assert f"`claimtrack {option}" in README or f"`{option}`" in README, option


def test_the_readme_names_no_command_or_option_that_does_not_exist():
    # Commands as written in code: `claimtrack NAME ...`, or a line of a code block.
    blocks = "\n".join(re.findall(r"^```[a-z]*\n(.*?)^```", README, re.MULTILINE | re.DOTALL))
    named = set(re.findall(r"`claimtrack ([a-z]+)\b", README)) | set(
        re.findall(r"^(?:\$ )?claimtrack ([a-z]+)\b", blocks, re.MULTILINE))
    assert named <= set(GROUP.commands), named - set(GROUP.commands)
    every = set().union(*(long_options(command) for command in GROUP.commands.values()), long_options(GROUP))
    for name in GROUP.commands:
        text = section(f"`claimtrack {name}")
        for option in set(re.findall(r"`(--[a-z][a-z-]*)", text)):
            assert option in every, f"the README's claimtrack {name} section names {option}, which no command has"


@pytest.mark.parametrize(
    ("text", "expected"),
    [("## Commands\nintro\n### `claimtrack a`\nA\n### `claimtrack b`\nB\n## Next\nN\n", "\nA\n")],
)
def test_section_reads_up_to_the_next_heading(text, expected, monkeypatch):
    monkeypatch.setitem(globals(), "README", text)
    assert section("`claimtrack a") == expected


def test_the_readme_examples_are_what_claimtrack_prints(tmp_path):
    assert readme_examples.commands(README)[0] == "claimtrack extract seeds/"
    fresh = readme_examples.updated(README, readme_examples.runner(tmp_path))
    stale = [old["command"] for old, new in zip(readme_examples.EXAMPLE.finditer(README),
                                                readme_examples.EXAMPLE.finditer(fresh)) if old["output"] != new["output"]]
    assert not stale, f"run python scripts/readme_examples.py: these outputs are stale: {stale}"


@pytest.mark.parametrize(
    ("readme", "expected"),
    [
        ("<!-- example: claimtrack a -->\n```text\nold\n```\n", "<!-- example: claimtrack a -->\n```text\nran a\n```\n"),
        ("```text\nnot an example\n```\n", "```text\nnot an example\n```\n"),
        ("<!-- example: claimtrack a -->\n```text\n```\ntext\n<!-- example: claimtrack b -->\n```text\nx\n```",
         "<!-- example: claimtrack a -->\n```text\nran a\n```\ntext\n<!-- example: claimtrack b -->\n```text\nran b\n```"),
    ],
)
def test_examples_are_replaced_in_place(readme, expected):
    assert readme_examples.updated(readme, lambda command: f"ran {command.split()[-1]}\n") == expected
