"""The CLI's choices are the closed sets the records use, so they cannot drift apart."""

import typer.main

from claimtrack import cli
from claimtrack.closed_sets import Category, ClaimKind


def choices(command_name: str, option: str) -> list[str]:
    command = typer.main.get_command(cli.app).commands[command_name]
    [param] = [p for p in command.params if p.name == option]
    return [member.value for member in param.type_descriptor.annotation]


def test_claims_category_choices_are_the_categories():
    assert choices("claims", "category") == [c.value for c in Category]


def test_claims_kind_choices_are_the_claim_kinds():
    assert choices("claims", "kind") == [k.value for k in ClaimKind]


def test_diff_category_choices_are_the_categories():
    assert choices("diff", "category") == [c.value for c in Category]
