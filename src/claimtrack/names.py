"""Given names and their usual gender, from the table shipped in ``data/``.

Used to tell a person's name from an organisation's or a place's, and to match
"he" and "she" to the right person. Pure Python so that the loader can use it too.
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
