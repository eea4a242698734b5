"""Which outlet published a plain-text article, when its header does not say: the URL's
host, a wire dateline ("LISBON, March 3 (Wirename) -"), or an outlet named in a footer
or promotional line; and what tells an outlet's name from a person's."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from claimtrack import lexicon

MAX_NAME_WORDS = 6


def _outlet_word_forms() -> str:
    """The outlet words as they stand in a name: capitalised ("Courier"), and two-letter
    ones in capitals too ("TV"); longest first, so that "Newswire" is not cut at "News"."""
    forms = {word.capitalize() for word in lexicon.OUTLET_WORDS}
    forms |= {word.upper() for word in lexicon.OUTLET_WORDS if len(word) == 2}
    return "|".join(sorted(forms, key=lambda form: (-len(form), form)))


# "Example News, Capital province": an outlet line under a byline.
OUTLET_LINE = re.compile(
    rf"^(?P<outlet>(?:[A-Z][\w&'’.-]* ){{0,3}}(?:{_outlet_word_forms()}))(?:, [^,]{{1,40}})?$"
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


def outlet_words(name: str) -> list[str]:
    """The words of ``name`` that name an outlet's kind, in lower case: "courier" in
    "Riverton Courier", "news" in "Harbor-News Service"."""
    return [part.lower() for part in _NAME_PARTS.findall(name) if part.lower() in lexicon.OUTLET_WORDS]


_NAME_PARTS = re.compile(r"[^\W\d_]+")
# An outlet's abbreviation, as a dateline or a byline gives it: "WWS", "H.N.S.".
_ABBREVIATION = re.compile(r"[A-Z](?:\.?[A-Z]){1,5}\.?")
_CONNECTOR_WORDS = "|".join(map(re.escape, sorted(OUTLET_CONNECTORS)))
# A run of capitalised words, maybe joined by lower-case connectors: "Western Wire Service",
# "Bank of the North".
_CAPITALISED_RUN = re.compile(rf"[A-Z][\w'’&-]*(?:\s+(?:(?:{_CONNECTOR_WORDS})\s+)*[A-Z][\w'’&-]*)*")


def is_abbreviation(name: str) -> bool:
    return _ABBREVIATION.fullmatch(name) is not None


def full_outlet_name(abbreviation: str, outlets: list[str | None], text: str) -> str | None:
    """The full name of the outlet that ``abbreviation`` ("WWS") stands for, if the
    article spells it out: one of ``outlets`` (names it gives as outlets elsewhere: a
    byline, a footer) whose initials these are, else a name in ``text`` with those
    initials that holds an outlet word ("... reported Western Wire Service")."""
    if not is_abbreviation(abbreviation):
        return None
    letters = abbreviation.replace(".", "")
    for outlet in outlets:
        if outlet and not is_abbreviation(outlet) and _initials(outlet.split()) == letters:
            return outlet
    # Most articles never put the first two initials side by side: then nothing is scanned.
    if not re.search(rf"\b{letters[0]}[\w'’&]*[\s-]+(?:(?:{_CONNECTOR_WORDS})\s+)*{letters[1]}", text):
        return None
    for run in _CAPITALISED_RUN.finditer(text):
        words = run.group().split()
        if len(words) == 1 and "-" not in words[0]:
            continue  # most runs are one word: a sentence's first, a name
        for start in range(len(words)):
            if words[start].lower() in OUTLET_CONNECTORS:
                continue
            initials = ""
            for end in range(start, len(words)):
                initials += _initials([words[end]])
                if not letters.startswith(initials):
                    break
                if initials == letters and words[end].lower() not in OUTLET_CONNECTORS:
                    name = " ".join(words[start : end + 1])
                    if outlet_words(name):
                        return name
    return None


def _initials(words: list[str]) -> str:
    """The capital letters that start the words of a name and its hyphenated parts,
    connectors left out: "Harbor-News Service" gives "HNS"."""
    return "".join(
        part[0].upper()
        for word in words
        if word.lower() not in OUTLET_CONNECTORS
        for part in word.split("-")
        if part[:1].isupper()
    )
