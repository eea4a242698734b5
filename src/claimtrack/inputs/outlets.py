"""Which outlet published a plain-text article, when its header does not say: the URL's
host, a wire dateline ("LISBON, March 3 (Wirename) -"), or an outlet named in a footer
or promotional line."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

MAX_NAME_WORDS = 6
# "Example News, Capital province": an outlet line under a byline.
OUTLET_LINE = re.compile(
    r"^(?P<outlet>(?:[A-Z][\w&'’.-]* ){0,3}(?:News|Times|Post|Herald|Gazette|Tribune|Journal|Wire|Press|Daily|"
    r"Observer|Courier|Telegraph|Chronicle|Standard|Guardian|Magazine|Radio|Television|TV|Agency|Review|Ledger|"
    r"Mail|Star|Sun|Express|Monitor|Record|Dispatch|Bulletin|Report))(?:, [^,]{1,40})?$"
)
# "SARNOV, Jan 23 (Wirename) - ": a place in capitals, maybe a date, the outlet.
_DATELINE = re.compile(r"^[A-Z][A-Z .'’-]{1,40}(?:,[^()\n]{0,30})?\s*\((?P<outlet>[^()\n]{2,40})\)\s*[-–—]")
OUTLET_CONNECTORS = frozenset({"of", "the", "and", "&", "for", "de", "la", "on"})
# Outlets named in the body or footer, most explicit first, each with a word it needs:
# a text without the word is not searched.
_OUTLET_HINTS: tuple[tuple[tuple[str, ...], re.Pattern[str]], ...] = (
    # "This story has not been edited by OUTLET staff", "... may have been reworked by the OUTLET staff"
    (
        ("staff",),
        re.compile(
            r"\b(?:this|the) (?:story|article|report|content|headline)\b[^\n]{0,80}?\bbeen (?:\w+ ){0,2}?by "
            r"(?:the )?(?P<outlet>[^()\n;,]{1,60}?) staff\b",
            re.IGNORECASE | re.MULTILINE,
        ),
    ),
    # a house ad: "Subscribe to OUTLET's daily briefing", "Download OUTLET's app"
    (
        ("check out", "subscribe to", "sign up for", "download"),
        re.compile(
            r"^(?:check out|subscribe to|sign up for|download) (?:the )?(?P<outlet>[^\n]{1,60}?)['’]s"
            r" (?:new |latest |free |daily |weekly |live )*(?:briefing|blog|coverage|newsletter|podcast|app|live updates)\b",
            re.IGNORECASE | re.MULTILINE,
        ),
    ),
    # an app prompt: "Install the OUTLET app", "Tap to download the OUTLET app"
    (
        ("install", "download", "get the"),
        re.compile(
            r"^(?:(?:tap|click|press)(?: here)? to )?(?:install|download|get) the (?P<outlet>[^\n]{1,60}?) app\b",
            re.IGNORECASE | re.MULTILINE,
        ),
    ),
    (
        ("©", "(c)", "copyright"),
        re.compile(
            r"^(?:©|\(c\)|copyright\b)\s*(?:©\s*)?(?:(?:19|20)\d\d(?:\s*[-–]\s*(?:19|20)?\d\d)?\s*,?\s*)?"
            r"(?P<outlet>[^\n]{1,60}?)\s*(?:[.,;|]|\ball rights reserved\b|$)",
            re.IGNORECASE | re.MULTILINE,
        ),
    ),
    # "Source: OUTLET and news agencies" under the story
    (
        ("agencies",),
        re.compile(
            r"^source:\s*(?P<outlet>[^\n]{1,60}?)\s(?:and|&)\s(?:other |news |wire )*agencies\.?$",
            re.IGNORECASE | re.MULTILINE,
        ),
    ),
    # a reader appeal: "Back the OUTLET for as little as $1"
    (
        ("as little as",),
        re.compile(
            r"\b(?:support|fund|back) (?:the )?(?P<outlet>[^\n]{1,60}?) (?:from|for) as little as\b", re.IGNORECASE
        ),
    ),
    # "..., a figure OUTLET could not independently verify": case-sensitive, the outlet is capitalised.
    (
        ("independently", "immediately"),
        re.compile(
            r"(?P<outlet>[A-Z][\w&'’.-]*(?: (?:[A-Z][\w&'’.-]*|of|and|&)){0,3}) "
            r"(?:could not|couldn't|cannot|can't|was unable to|has been unable to|was not able to) "
            r"(?:immediately |independently )+(?:verify|confirm)\b"
        ),
    ),
)
# Capitalised words that start a sentence such as "It could not independently verify".
_NOT_OUTLETS = frozenset(
    {"it", "we", "they", "he", "she", "i", "you", "this", "that", "officials", "journalists", "reporters",
     "authorities", "police", "observers", "investigators", "analysts"}
)  # fmt: skip


def host(url: str | None) -> str | None:
    if not url:
        return None
    if "://" not in url:
        url = "http://" + url
    host = urlsplit(url).hostname
    return host.removeprefix("www.") if host else None


def dateline_outlet(first_paragraph: str) -> str | None:
    """The wire service in a dateline: "LISBON, March 3 (Wirename) - ..."."""
    match = _DATELINE.match(first_paragraph)
    if match is None:
        return None
    outlet = match["outlet"].strip()
    return outlet if is_outlet_name(outlet) else None


def outlet_hint(lines: list[str]) -> str | None:
    """An outlet named in a generic footer or promo line, when no header names one."""
    text = "\n".join(lines)
    lowered = text.lower()
    for needles, pattern in _OUTLET_HINTS:
        if not any(needle in lowered for needle in needles):
            continue
        for match in pattern.finditer(text):
            outlet = match["outlet"].strip(" .,;:")
            if is_outlet_name(outlet) and outlet.lower() not in _NOT_OUTLETS:
                return outlet
    return None


def is_outlet_name(candidate: str) -> bool:
    words = candidate.split()
    return 1 <= len(words) <= MAX_NAME_WORDS and all(
        word[0].isupper() or word[0].isdigit() or word.lower() in OUTLET_CONNECTORS for word in words
    )
