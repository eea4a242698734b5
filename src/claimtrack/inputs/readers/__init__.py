"""One module per input format. Each declares ``READERS``, a tuple of `Reader`, and
`claimtrack.inputs.registry` finds it: a new format is a new module here, nothing else.

Modules here are imported when the CLI starts (to list the ``--format`` choices), so at
module level they import only the standard library and this package; what reading
needs (models, dates, the plain-text rules, trafilatura) is imported inside their
functions.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from claimtrack.models import Article


@dataclass(frozen=True)
class NoArticle:
    """Why an input, or one record in it, gives no article: a one-line reason."""

    reason: str


@dataclass(frozen=True)
class Reader:
    """One input format.

    ``name`` is what ``extract --format`` calls it; ``suffixes`` (lower case, with the
    dot) are the file names it reads. ``read`` takes an input's decoded text and its
    path (as shown to the user) and yields an `Article` for each story in it, or a
    `NoArticle` for each story it cannot read; an article whose text comes out empty
    is reported by the caller. ``sidecars`` says whether a ``NAME.meta.json`` next to
    the file applies to it: only where a file holds one article.
    """

    name: str
    suffixes: tuple[str, ...]
    read: Callable[[str, str], Iterator[Article | NoArticle]]
    sidecars: bool = True
