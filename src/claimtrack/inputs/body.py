"""Body text: paragraphs out of lines, hard-wrapped blocks joined, and an article's id,
the hash of its body. Every reader's text ends here, so all formats are cleaned alike."""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Iterable

from claimtrack.inputs.decoding import HORIZONTAL_SPACE, normalise_text
from claimtrack.inputs.furniture import remove_furniture
from claimtrack.inputs.lines import SENTENCE_END, WRAP_MAX_CHARS

_BULLET = re.compile(r"^[-•*–—]\s+(?=\S)")
_LIST_ITEM = re.compile(r"^(?:[-*•–]|\d+[.)])\s")


def article_id(text: str) -> str:
    """A stable id for a body text: equal texts give equal ids whatever their path.

    Spacing and case do not count, so re-wrapped or re-cased copies match too.
    """
    key = " ".join(unicodedata.normalize("NFC", text).split()).casefold()
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:16]


def clean_body(paragraphs: Iterable[str]) -> str:
    """Body text from paragraphs that carry no header: furniture removed, paragraphs
    separated by a blank line, as `load_text` gives it."""
    lines: list[str] = []
    for paragraph in paragraphs:
        lines += [HORIZONTAL_SPACE.sub(" ", line).strip() for line in normalise_text(paragraph).split("\n")]
        lines.append("")
    return "\n\n".join(paragraphs_of(remove_furniture(lines)))


def paragraphs_of(lines: list[str]) -> list[str]:
    """One line per paragraph: hard-wrapped blocks joined, other lines kept as they are."""
    paragraphs: list[str] = []
    block: list[str] = []
    for line in [*lines, ""]:
        if line:
            block.append(line)
            continue
        if _is_wrapped_block(block):
            paragraphs.append(_join_wrapped(block))
        else:
            paragraphs.extend(block)
        block = []
    # A bullet marker is layout: "- Minister X said ..." reads as a sentence without it.
    return [_BULLET.sub("", paragraph) for paragraph in paragraphs]


def _is_wrapped_block(block: list[str]) -> bool:
    if len(block) < 2:
        return False
    inner = block[:-1]
    if any(len(line) > WRAP_MAX_CHARS for line in inner) or any(_LIST_ITEM.match(line) for line in block):
        return False
    open_ended = sum(1 for line in inner if not SENTENCE_END.search(line))
    return open_ended * 2 > len(inner)


def _join_wrapped(block: list[str]) -> str:
    joined = block[0]
    for line in block[1:]:
        # A word hyphenated at the wrap ("peace-\nkeeping") keeps its hyphen, loses the break.
        if joined.endswith("-") and joined[-2:-1].isalpha() and line[:1].islower():
            joined += line
        else:
            joined += " " + line
    return joined
