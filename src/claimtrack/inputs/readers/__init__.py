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

    ``sniff`` tells, from the decoded text alone, whether standard input given without
    ``--format`` is in this format; it must be cheap (look at the start of the text)
    and say yes only to text no other format's sniffer would take. A reader without
    one is never guessed. ``label`` names the format in messages ("HTML").
    """

    name: str
    suffixes: tuple[str, ...]
    read: Callable[[str, str], Iterator[Article | NoArticle]]
    sidecars: bool = True
    sniff: Callable[[str], bool] | None = None
    label: str = ""

    @property
    def called(self) -> str:
        """What messages call the format: its label, else its name in capitals."""
        return self.label or self.name.upper()
