"""Page furniture in plain text: captions and credits, video-embed and app-install text,
comment forms, link widgets, reader appeals, syndication and contributor notes.

It is removed anywhere in the body: as whole lines, as the block of links under a
widget heading, as the comment form or app prompt that ends a page, as a reader appeal
near the end, and as a "(More ... stories.)" note at a paragraph's end.
"""

from __future__ import annotations

import re

from claimtrack.inputs.lines import SENTENCE_END, TITLE_MAX_CHARS

# After a footer marker, lines shorter than this are comment forms and app blurbs.
FOOTER_LINE_MAX_CHARS = 120
# A reader appeal this close to the end (in non-blank lines) takes the rest with it.
APPEAL_TAIL_MAX_LINES = 6
# At most this many link lines hang under a "Keep reading"/"Trending now" heading.
WIDGET_MAX_LINES = 12
# Promotional one-liners ("Sign up for ...") are only furniture when this short.
PROMO_MAX_CHARS = 150
# A trailing parenthesised credit makes a line a photo caption.
_TRAILING_PARENTHESIS = re.compile(r"\((?P<credit>[^()]{1,60})\)$")
_CREDIT_KEYWORD = re.compile(
    r"\b(?:photos?|photograph|photographer|images?|pictures?|file|credit|courtesy|"
    r"representational|representative|illustration|handout|screen ?(?:shot|grab)|graphic|pool)\b",
    re.IGNORECASE,
)
_CREDIT_NAME = re.compile(r"^[^\W\d_][\w&'’/-]*(?: [^\W\d_][\w&'’/-]*){0,2}$")
_MORE_STORIES_TAIL = re.compile(r"\s*\(More [^()]{1,80}? stories\.?\)$", re.IGNORECASE)
_FURNITURE_LINE = re.compile(
    r"(?:"
    # video embeds
    r"no media source currently available\.?|please wait|(?:\d{1,2}:\d\d(?::\d\d)?\s*)+"
    # app-install blocks
    r"|get the news faster\.?|tap to install our app\.?|install the .{1,60} app\.?"
    r"|in (?:two|three|\d) easy steps:?|\d+\.\s*tap\b.{0,80}"
    # comment forms
    r"|leave a (?:reply|comment)\.?|cancel reply|your email address will not be published\..{0,80}"
    r"|required fields are marked \*"
    # links, promotions, syndication notes, editorial asides
    r"|source link|advertisement(?:\s*[·|•-]\s*scroll to continue(?: reading)?)?|share this:?.{0,80}"
    r"|\(more .{1,80} stories\.?\)"
    r"|live (?:briefing|blog|updates?):.{0,120}|our standards:.{0,150}|editor['’]s note:.{0,400}"
    r"|source: .{1,60}\s(?:and|&)\s(?:other |news |wire )*agencies\.?"
    # gallery and list widgets
    r"|keep reading|end of list|list (?:of \d+ items?|\d+ of \d+)"
    r"|(?:\d+ of )?\d+ (?:photos|images|pictures|videos|slides)"
    # how long ago the page was stamped
    r"|(?:(?:last )?(?:updated|published|posted)\s+)?(?:\d+|an?|one)\s+"
    r"(?:seconds?|minutes?|mins?|hours?|hrs?|days?|weeks?|months?|years?)\s+ago"
    r")",
    re.IGNORECASE,
)
# "(This story has not been edited by OUTLET staff and is auto-generated from a syndicated feed.)"
_SYNDICATION_NOTE = re.compile(r"\(?[^()]{0,240}\bauto-generated from a syndicated feed\.?\)?", re.IGNORECASE)
_FURNITURE_ANYWHERE = re.compile(r"embed share|copied to your clipboard", re.IGNORECASE)
_PROMO_LINE = re.compile(
    r"^(?:sign up for|subscribe\b|click here\b|read more\b|related(?: stories| articles| coverage)?:|"
    r"(?:read|see) also:|more on this story:|go deeper:|watch:)",
    re.IGNORECASE,
)
# A heading over a block of links to other stories; the links go with it.
_WIDGET_HEADING = re.compile(
    r"(?:keep reading|trending(?: now| news| stories)?|read more|(?:read|see) also|more on this story"
    r"|related(?: topics| stories| articles| coverage| content)?|most (?:read|popular|viewed)"
    r"|you (?:may|might) also like):?",
    re.IGNORECASE,
)
# A reader appeal: "... we have a small favour to ask", "Support OUTLET from as little as $1".
_APPEAL_LINE = re.compile(
    r"^(?:…|\.\.\.)?\s*we have a small favou?r to ask\b|\bsupport (?:the )?\S[^\n]{0,58}? from as little as\b",
    re.IGNORECASE,
)
_APPEAL_START = re.compile(r"^dear readers?,?$", re.IGNORECASE)
# "Check out <outlet>'s new live briefing on ...": a house ad, however long.
_HOUSE_AD = re.compile(
    r"^check out .{1,60}['’]s (?:new |latest )?(?:live )?(?:briefing|blog|coverage|newsletter|podcast)\b",
    re.IGNORECASE,
)
CONTRIBUTOR_LINE = re.compile(
    r"^\(?(?:(?:with |additional )*reporting by|(?:writing|editing|compiled) by)\b"
    r"|contributed (?:additional )?(?:reporting )?to this (?:report|story|article)\.?\)?$",
    re.IGNORECASE,
)
CONTRIBUTOR_MAX_CHARS = 300
_FOOTER_MARKER = re.compile(r"^(?:leave a (?:reply|comment)|get the news faster)\b", re.IGNORECASE)


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
    return (
        _FURNITURE_LINE.fullmatch(line) is not None
        or _FURNITURE_ANYWHERE.search(line) is not None
        # The ending checked first: the pattern is slow on lines that are not notes.
        or (line.rstrip(".)").endswith("feed") and _SYNDICATION_NOTE.fullmatch(line) is not None)
        or (len(line) <= PROMO_MAX_CHARS and _PROMO_LINE.match(line) is not None)
        or _HOUSE_AD.match(line) is not None
        or (len(line) <= CONTRIBUTOR_MAX_CHARS and CONTRIBUTOR_LINE.search(line) is not None)
    )


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
            line = _MORE_STORIES_TAIL.sub("", line)
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
    """Lines before a reader appeal ("Dear reader, ...", "we have a small favour to
    ask") near the end: what follows it is the appeal's pitch and sign-off."""
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
    lowered = line.lower()
    # The substring tests first: appeal lines can be long, the regular expressions slow.
    if "small favo" in lowered or "as little as" in lowered:
        return _APPEAL_LINE.search(line) is not None
    return _APPEAL_START.match(line) is not None
