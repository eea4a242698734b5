"""Page furniture in plain text: captions and credits, video-embed and app-install text,
comment forms, link widgets, reader appeals, syndication and contributor notes.

It is removed anywhere in the body: as whole lines, as the block of links under a
widget heading, as the comment form or app prompt that ends a page, as a reader appeal
near the end, and as a "(More ... stories.)" note at a paragraph's end. What counts as
furniture is data, in `furniture_patterns`; this module applies it.
"""

from __future__ import annotations

import re

from claimtrack.inputs.furniture_patterns import CAPTION_CREDIT_WORDS, PATTERNS, Where
from claimtrack.inputs.lines import SENTENCE_END, TITLE_MAX_CHARS

# After a footer marker, lines shorter than this are comment forms and app blurbs.
FOOTER_LINE_MAX_CHARS = 120
# A reader appeal this close to the end (in non-blank lines) takes the rest with it.
APPEAL_TAIL_MAX_LINES = 6
# A reader appeal is a paragraph or two: longer lines are not searched for one.
APPEAL_MAX_CHARS = 2_000
# At most this many link lines hang under a "Keep reading"/"Trending now" heading.
WIDGET_MAX_LINES = 12
# A trailing parenthesised credit makes a line a photo caption.
_TRAILING_PARENTHESIS = re.compile(r"\((?P<credit>[^()]{1,60})\)$")
_CREDIT_KEYWORD = re.compile(r"\b(?:" + "|".join(map(re.escape, CAPTION_CREDIT_WORDS)) + r")\b", re.IGNORECASE)
_CREDIT_NAME = re.compile(r"^[^\W\d_][\w&'’/-]*(?: [^\W\d_][\w&'’/-]*){0,2}$")


def _any_of(patterns: list[str]) -> re.Pattern[str]:
    """One expression that matches where any of ``patterns`` does."""
    return re.compile("|".join(f"(?:{pattern})" for pattern in patterns), re.IGNORECASE)


def _joined(where: Where) -> re.Pattern[str]:
    """The patterns applied as ``where``, as one expression."""
    return _any_of([p.pattern for p in PATTERNS if p.where == where])


def _by_limit(where: Where) -> tuple[tuple[int | None, re.Pattern[str]], ...]:
    """The patterns applied as ``where``, one expression for each length limit."""
    limits = sorted({p.max_chars for p in PATTERNS if p.where == where}, key=lambda limit: limit or 0)
    return tuple(
        (limit, _any_of([p.pattern for p in PATTERNS if p.where == where and p.max_chars == limit])) for limit in limits
    )


_WHOLE_LINE = _joined("LINE")
_LINE_START = _by_limit("START")
_ANYWHERE = _joined("ANYWHERE")
_CREDIT = _by_limit("CREDIT")
# A contributor credit, of any length: the header never reads one as a byline.
CONTRIBUTOR_LINE = _joined("CREDIT")
# The longest line a credit pattern removes.
CREDIT_MAX_CHARS = max(limit or 0 for limit, _ in _CREDIT)
_FOOTER_MARKER = _joined("FOOTER")
_WIDGET_HEADING = _joined("WIDGET_HEADING")
_APPEAL = _joined("APPEAL")
_PARAGRAPH_END = _joined("PARAGRAPH_END")


def is_caption(line: str) -> bool:
    """A photo caption: the line ends in a parenthesised credit such as (Photo/Name)."""
    if not line.endswith(")"):
        return False
    trailing = _TRAILING_PARENTHESIS.search(line)
    if trailing is None:
        return False
    credit = trailing["credit"].strip()
    return _CREDIT_KEYWORD.search(credit) is not None or _CREDIT_NAME.match(credit) is not None


def is_furniture(line: str) -> bool:
    """Whether a line is furniture by itself (blocks and tails are `remove_furniture`'s)."""
    if _WHOLE_LINE.fullmatch(line) is not None or _ANYWHERE.search(line) is not None:
        return True
    # Plain loops: this runs several times for every line, and generators cost more.
    length = len(line)
    for limit, start in _LINE_START:
        if (limit is None or length <= limit) and start.match(line) is not None:
            return True
    for limit, credit in _CREDIT:
        if (limit is None or length <= limit) and credit.search(line) is not None:
            return True
    return False


def remove_furniture(lines: list[str]) -> list[str]:
    """Body lines without furniture, blank lines kept as paragraph breaks."""
    kept: list[str] = []
    lines = _without_appeal_tail(_without_footer(lines))
    skip_until = 0
    for index, line in enumerate(lines):
        if index < skip_until:
            continue
        if not line:
            kept.append(line)
            continue
        if _WIDGET_HEADING.fullmatch(line):
            skip_until = _widget_end(lines, index)
            continue
        if line.endswith(")"):
            line = _PARAGRAPH_END.sub("", line)
        if line and not is_furniture(line) and not is_caption(line):
            kept.append(line)
    return kept


def _widget_end(lines: list[str], heading: int) -> int:
    """Where the links under a "Keep reading"/"Trending now" heading end.

    They are the lines right below it, up to the next blank line, when all of them
    look like links to other stories (headlines, not sentences); otherwise only the
    heading goes.
    """
    end = heading + 1
    while end < len(lines) and lines[end] and end - heading <= WIDGET_MAX_LINES:
        end += 1
    too_long = end < len(lines) and lines[end] != ""
    if too_long or not all(_is_link_like(line) for line in lines[heading + 1 : end]):
        return heading + 1
    return end


def _is_link_like(line: str) -> bool:
    return is_furniture(line) or (
        len(line) <= TITLE_MAX_CHARS and (line.endswith("?") or SENTENCE_END.search(line) is None)
    )


def _without_footer(lines: list[str]) -> list[str]:
    for index, line in enumerate(lines):
        if _FOOTER_MARKER.match(line):
            if all(len(rest) < FOOTER_LINE_MAX_CHARS for rest in lines[index:]):
                return lines[:index]
            break
    return lines


def _without_appeal_tail(lines: list[str]) -> list[str]:
    """Lines before a reader appeal ("Dear reader, ...", a plea for a favour or for
    support "from as little as" a small sum) near the end: what follows it is the
    appeal's pitch and sign-off."""
    remaining = 0
    for index in range(len(lines) - 1, -1, -1):
        line = lines[index]
        if not line:
            continue
        remaining += 1
        if remaining > APPEAL_TAIL_MAX_LINES:
            break
        if _is_reader_appeal(line):
            return lines[:index]
    return lines


def _is_reader_appeal(line: str) -> bool:
    return len(line) <= APPEAL_MAX_CHARS and _APPEAL.search(line) is not None
