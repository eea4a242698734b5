"""Given names and their usual gender, from the table shipped in ``data/``, and what
counts as a name at all.

Used to tell a person's name from an organisation's or a place's, to match "he" and
"she" to the right person, and to keep pronouns and descriptions out of the names a
speaker is listed under. Pure Python so that the loader and the store can use it too.
"""

from __future__ import annotations

import functools
import unicodedata
from importlib import resources


@functools.cache
def _given_names() -> dict[str, str]:
    table = resources.files("claimtrack").joinpath("data/given_names.tsv").read_text(encoding="utf-8")
    return dict(line.split("\t") for line in table.splitlines() if line and not line.startswith("#"))


def _fold(word: str) -> str:
    return unicodedata.normalize("NFKD", word).encode("ascii", "ignore").decode().lower()


def given_name_gender(word: str) -> str | None:
    """"m" or "f" for a given name with a clear gender, None for anything else."""
    return _given_names().get(_fold(word))


def is_given_name(word: str) -> bool:
    return given_name_gender(word) is not None


def is_name_mention(mention: str) -> bool:
    """Whether a way an article mentioned someone can be one of their names: it is
    capitalised, and neither a pronoun ("He") nor a description ("The minister")."""
    from claimtrack.lexicon import DETERMINERS, PRONOUNS

    first = mention.split(maxsplit=1)[0].lower() if mention.strip() else ""
    return mention[:1].isupper() and mention.lower() not in PRONOUNS and first not in DETERMINERS
