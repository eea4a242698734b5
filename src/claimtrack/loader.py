"""Files and folders to `Article` records: decoding, header metadata, cleaned body text.

Plain-text news arrives in many shapes: bylines, ``Key: value`` blocks, bare dates
and URLs above the headline, deks and captions, video-embed and app-install junk,
comment forms below the story. The header zone (the lines above the first real body
paragraph) is read for metadata and otherwise dropped, as are byline and date lines
just below a standfirst paragraph; page furniture is removed anywhere by generic
patterns. Later stages compute character offsets into
``Article.text``, so the body is final once it leaves this module.

Per-file problems never raise: `iter_inputs` reports them as `FileOutcome` records.
"""

from __future__ import annotations

import codecs
import datetime as dt
import errno
import hashlib
import itertools
import json
import os
import re
import stat
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from claimtrack.dates import months_named, parse_published
from claimtrack.names import is_given_name
from claimtrack.models import Article, FileOutcome

TEXT_SUFFIX = ".txt"
# Input formats by file suffix.
_SUFFIX_FORMATS = {
    TEXT_SUFFIX: "txt", ".html": "html", ".htm": "html",
    ".json": "json", ".jsonl": "jsonl", ".ndjson": "jsonl",
}  # fmt: skip
SUPPORTED = "claimtrack reads .txt, .html, .htm, .json, .jsonl and .ndjson"
FORMATS = ("txt", "html", "json", "jsonl")
# The path that stands for standard input, and the name its articles get.
STDIN = "-"
STDIN_NAME = "<stdin>"
SIDECAR_SUFFIX = ".meta.json"
DEFAULT_MAX_BYTES = 20_000_000

# A line this long that ends a sentence is body text, not header.
BODY_MIN_CHARS = 100
# After the metadata lines, a sentence of this many words starts the body.
SHORT_PARAGRAPH_MIN_WORDS = 8
# The header zone is looked for within this many non-blank lines.
HEADER_MAX_LINES = 12
TITLE_MAX_CHARS = 150
# Hard-wrapped text has lines no longer than this; longer lines are paragraphs.
WRAP_MAX_CHARS = 100
WRAP_MIN_CHARS = 40
# Metadata lines below a standfirst are looked for within this many non-blank lines.
LATE_METADATA_LINES = 3
# After a footer marker, lines shorter than this are comment forms and app blurbs.
FOOTER_LINE_MAX_CHARS = 120
# A reader appeal this close to the end (in non-blank lines) takes the rest with it.
APPEAL_TAIL_MAX_LINES = 6
# At most this many link lines hang under a "Keep reading"/"Trending now" heading.
WIDGET_MAX_LINES = 12
# Promotional one-liners ("Sign up for ...") are only furniture when this short.
PROMO_MAX_CHARS = 150

# --- text normalisation -------------------------------------------------------------

_LINE_BREAK = re.compile("\r\n?|[\x0b\x0c\u2028\u2029]")
# C0/C1 controls except \t and \n, plus invisible format characters that only get
# in the way of matching (zero-width space, word joiner, stray BOMs, soft hyphens).
_INVISIBLE = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x9f\u00ad\u200b\u2060\ufeff]")
_HORIZONTAL_SPACE = re.compile(r"[^\S\n]+")
_C1_BYTES = re.compile(rb"[\x80-\x9f]")

_BINARY_SIGNATURES = (
    (b"%PDF-", "PDF"),
    (b"\x89PNG\r\n\x1a\n", "PNG image"),
    (b"\xff\xd8\xff", "JPEG image"),
    (b"GIF87a", "GIF image"),
    (b"GIF89a", "GIF image"),
    (b"PK\x03\x04", "ZIP archive or Office document"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "legacy Office document"),
    (b"\x1f\x8b", "gzip archive"),
    (b"\x7fELF", "executable"),
)
# Byte-order marks and what they stand for. UTF-32-LE's starts with UTF-16-LE's, so
# it is looked for first.
_UNICODE_BOMS = (
    (codecs.BOM_UTF32_LE, "UTF-32"),
    (codecs.BOM_UTF32_BE, "UTF-32"),
    (codecs.BOM_UTF16_LE, "UTF-16"),
    (codecs.BOM_UTF16_BE, "UTF-16"),
)
# A lone UTF-16 surrogate (from a JSON "\\ud800" escape or a file name that is not
# UTF-8) cannot be encoded, so it could not be stored.
_SURROGATE = re.compile("[\ud800-\udfff]")

# --- header lines --------------------------------------------------------------------

_SENTENCE_END = re.compile(r"(?:[.!?…][\"'”’»)\]]*|[\"”’»])$")
_CLOSING_QUOTES = ('"', "'", "”", "’", "»")
# Where one sentence ends and another starts inside a line.
_SENTENCE_BREAK = re.compile(r"[.!?…][\"'”’»]?\s+[\"'“‘«]?[A-Z]")
_HEADER_KEYS = (
    r"title|headline|source|publisher|outlet|publication|date|dated|"
    r"(?:first )?published(?: on| at)?|posted(?: on| at)?|issued(?: on| at)?|"
    r"(?:last )?(?:updated|modified)(?: on| at)?|"
    r"url|link|canonical url|authors?|by|(?:text|words) by|byline|writers?"
)
_KEY_VALUE = re.compile(rf"^(?P<key>{_HEADER_KEYS})\s*:\s*(?P<value>\S.*)$", re.IGNORECASE)
# A capitalised header key inside a line ("... Source: ..."), where a scrape that lost
# its line breaks ran one header line into the next.
_INLINE_KEY = re.compile(rf"\s+(?=(?:{_HEADER_KEYS})\s*:\s)", re.IGNORECASE)
# Where `tr '\n' ' '` left a line break: a run of spaces.
_FORMER_BREAK = re.compile(r"[^\S\n]{2,}")
_KEY_FIELDS = {
    "title": "title", "headline": "title",
    "source": "source", "publisher": "source", "outlet": "source", "publication": "source",
    "date": "published", "dated": "published", "published": "published",
    "first published": "published", "posted": "published", "issued": "published",
    "updated": "updated", "last updated": "updated", "modified": "updated", "last modified": "updated",
    "url": "url", "link": "url", "canonical url": "url",
    "author": "authors", "authors": "authors", "by": "authors", "byline": "authors",
    "text by": "authors", "words by": "authors",
    "writer": "authors", "writers": "authors",
}  # fmt: skip
_DATE_LINE = re.compile(
    r"^(?P<key>(?:first )?published|posted|issued|(?:last )?(?:updated|modified))(?:\s+(?:on|at))?\s+(?P<value>\S.*)$",
    re.IGNORECASE,
)
_UPDATE_KEY = re.compile(r"updated|modified", re.IGNORECASE)
_NUMERIC_HEADER_DATE = re.compile(r"\d{1,2}[/.-]\d{1,2}[/.-]\d{4}")
# A second stamp in the same line: "01/03/2022 - 14:20 Modified: 01/03/2022 - 17:48".
_LATER_DATE_KEY = re.compile(r"\s+(?:last )?(?:updated|modified)(?: on| at)?\s*:\s*", re.IGNORECASE)
# Between a date and what follows it: "Feb 22, 2022 / 7:15 PM / CBS News", "Mar 2, 2022 - World".
_HEADER_PART_SEPARATOR = re.compile(r"\s+[/|•·–—-]\s+")
_CLOCK_TIME = re.compile(r"\d{1,2}[:.]\d{2}(?:\s*[ap]\.?m\.?)?(?:\s+[A-Z]{2,5})?", re.IGNORECASE)
# A site section after a date: "World", "US News", "Politics & Policy".
_SECTION_NAME = re.compile(r"[A-Z][\w'’.-]*(?: (?:[A-Z][\w'’.-]*|&|and|of)){0,2}")
_URL_LINE = re.compile(r"^(?:https?://|www\.)\S+$", re.IGNORECASE)
_BYLINE = re.compile(
    r"^(?:(?:exclusive|analysis|opinion|commentary|story|words|written|text|report|"
    r"interview|review|feature|posted)\s+)?by\s+(?P<names>\S.*)$",
    re.IGNORECASE,
)
# Share and follow buttons that scraping glues to a byline: "Text by: OUTLET Follow".
_SOCIAL_BUTTONS = re.compile(r"(?:\s+(?:follow|share|subscribe))+$", re.IGNORECASE)
# Agencies credited beside the author: "By Jane Doe with AFP, AP".
_WITH_AGENCIES = re.compile(
    r"\s+with\s+(?:[A-Z][\w.&-]*|agencies|wires)(?:\s*(?:,|and|&)\s*(?:[A-Z][\w.&-]*|agencies|wires))*$"
)
# Where a byline carries a date: "By Jane Doe | Feb 14, 2022", "By Jane Doe on ...".
_BYLINE_DATE_SEPARATOR = re.compile(r"\s+(?:on|[|•·—–-])\s+|\s*[|•·]\s*")
_NAME_SEPARATOR = re.compile(r"\s*,\s*(?:and\s+)?|\s+and\s+|\s*&\s*|\s*;\s*", re.IGNORECASE)
_ROLE_SUFFIX = re.compile(r"(?:^|\s+)(?:staff|writer|reporter|correspondent)$", re.IGNORECASE)
# Words that describe a role, not an outlet: "Senior Correspondent" names no outlet.
_ROLE_WORDS = frozenset(
    {"senior", "chief", "staff", "special", "foreign", "political", "national", "contributing",
     "associate", "deputy", "investigative", "international", "sports", "business", "science"}
)  # fmt: skip
_NAME_PARTICLES = frozenset(
    {"de", "da", "del", "della", "der", "den", "di", "du", "la", "le", "van", "von", "bin",
     "ibn", "al", "el", "y", "dos", "das", "ter", "ten", "of"}
)  # fmt: skip
_DOMAIN = re.compile(r"^[\w-]+(?:\.[\w-]+)+$")
_JOINED_PARTICLE = re.compile(r"^(?:al|el|ad|ar|as|at|an|d|l|o)[-'’]", re.IGNORECASE)
# A channel number in an outlet's name ("Channel 4", "FRANCE 24"); four digits are a year.
_OUTLET_NUMBER = re.compile(r"\d{1,3}")
_MAX_NAME_WORDS = 6

# --- furniture -----------------------------------------------------------------------

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
_CONTRIBUTOR_LINE = re.compile(
    r"^\(?(?:(?:with |additional )*reporting by|(?:writing|editing|compiled) by)\b"
    r"|contributed (?:additional )?(?:reporting )?to this (?:report|story|article)\.?\)?$",
    re.IGNORECASE,
)
_CONTRIBUTOR_MAX_CHARS = 300
_FOOTER_MARKER = re.compile(r"^(?:leave a (?:reply|comment)|get the news faster)\b", re.IGNORECASE)
_BULLET = re.compile(r"^[-•*–—]\s+(?=\S)")
_LIST_ITEM = re.compile(r"^(?:[-*•–]|\d+[.)])\s")

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
    (
        ("check out",),
        re.compile(
            r"^check out (?P<outlet>[^\n]{1,60}?)['’]s (?:new |latest )?(?:live )?"
            r"(?:briefing|blog|coverage|newsletter|podcast)",
            re.IGNORECASE | re.MULTILINE,
        ),
    ),
    (("install the",), re.compile(r"^install the (?P<outlet>[^\n]{1,60}?) app\b", re.IGNORECASE | re.MULTILINE)),
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
    # a reader appeal: "Support the OUTLET from as little as $1"
    (
        ("as little as",),
        re.compile(r"\bsupport (?:the )?(?P<outlet>[^\n]{1,60}?) from as little as\b", re.IGNORECASE),
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
# A header line that is only a person's name, maybe with where or what they report.
_AUTHOR_LINE = re.compile(
    r"^(?P<name>[A-Z][\w'’-]+(?: [A-Z][\w'’-]+){1,2}?)"
    r"(?P<where> in [A-Z][\w'’ -]{1,40}"
    r"| (?:[A-Z][a-z]+ )?(?:correspondent|editor|reporter|writer|columnist|journalist))?$"
)
# One of several such names on a line: "Jane Doe in Lisbon and John Roe in Porto".
_AUTHOR_ELEMENT = re.compile(
    r"^(?P<name>[A-Z][\w'’-]+(?: [A-Z][\w'’-]+){1,2}?)"
    r"(?P<where> in [A-Z][\w'’-]*(?: [A-Z][\w'’-]*){0,3}"
    r"| (?:[A-Z][a-z]+ )?(?:correspondent|editor|reporter|writer|columnist|journalist))?$"
)
_AUTHOR_SEPARATOR = re.compile(r"\s*,\s*(?:and\s+)?|\s+and\s+")
# A wire story's credit line: "Reporting by Jane Doe in Lisbon; Editing by John Roe".
_REPORTING_BY = re.compile(r"^\(?reporting by (?P<names>[^;()\n]{3,200})", re.IGNORECASE)
_REPORTER_PLACE = re.compile(r"\s+in\s+[A-Z][\w'’ -]*$")
# "Example News, Capital province": an outlet line under a byline.
_OUTLET_LINE = re.compile(
    r"^(?P<outlet>(?:[A-Z][\w&'’.-]* ){0,3}(?:News|Times|Post|Herald|Gazette|Tribune|Journal|Wire|Press|Daily|"
    r"Observer|Courier|Telegraph|Chronicle|Standard|Guardian|Magazine|Radio|Television|TV|Agency|Review|Ledger|"
    r"Mail|Star|Sun|Express|Monitor|Record|Dispatch|Bulletin|Report))(?:, [^,]{1,40})?$"
)
# "SARNOV, Jan 23 (Wirename) - ": a place in capitals, maybe a date, the outlet.
_DATELINE = re.compile(r"^[A-Z][A-Z .'’-]{1,40}(?:,[^()\n]{0,30})?\s*\((?P<outlet>[^()\n]{2,40})\)\s*[-–—]")
_OUTLET_CONNECTORS = frozenset({"of", "the", "and", "&", "for", "de", "la", "on"})

SIDECAR_FIELDS = frozenset({"title", "source", "published", "authors", "url"})
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


# --- public API ----------------------------------------------------------------------


def iter_inputs(
    paths: Iterable[str | os.PathLike[str]],
    *,
    published: dt.date | None = None,
    source: str | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    stdin_format: str = "txt",
) -> Iterator[Article | FileOutcome]:
    """Articles from files (by suffix: `FORMATS`), and an outcome for every file
    that gives none. The path ``-`` is standard input, read as ``stdin_format``.

    Folders are walked recursively in name order without following symlinked
    folders; hidden files and folders are skipped silently, and ``NAME.meta.json``
    sidecars are read with ``NAME.txt`` instead of on their own. A path named
    explicitly is read even if hidden. ``published`` and ``source`` override what a
    file says; a sidecar overrides both.
    """
    overrides = _Overrides(published=published, source=source)
    for planned in plan_inputs(paths):
        if isinstance(planned, FileOutcome):
            yield planned
        elif planned == STDIN:
            yield from _load_stdin(stdin_format, overrides, max_bytes)
        else:
            for loaded in _load_file(planned, overrides, max_bytes):
                yield _with_storable_path(loaded)


def plan_inputs(paths: Iterable[str | os.PathLike[str]]) -> Iterator[str | FileOutcome]:
    """The files `iter_inputs` would read, in order, without reading them (``-`` for
    standard input, once however often it is named), and outcomes for the paths that
    give no file."""
    stdin_seen = False
    for given in paths:
        path = os.fspath(given)
        if path == STDIN:
            if stdin_seen:
                yield FileOutcome(path=STDIN_NAME, status="skipped", reason="standard input (-) was read already")
            else:
                stdin_seen = True
                yield path
            continue
        for planned in _plan_path(path):
            yield _with_storable_path(planned) if isinstance(planned, FileOutcome) else planned


def _plan_path(path: str) -> Iterator[str | FileOutcome]:
    try:
        info = os.stat(path)
    except FileNotFoundError:
        yield FileOutcome(path=path, status="missing", reason="no such file or directory")
        return
    except OSError as exc:
        yield _failed(path, f"cannot read path: {_describe(exc)}")
        return
    if stat.S_ISDIR(info.st_mode):
        empty = True
        for found in _walk(path):
            empty = False
            yield found
        if empty:
            yield _empty_folder(path)
    elif path.lower().endswith(SIDECAR_SUFFIX):
        yield FileOutcome(path=path, status="skipped", reason="metadata sidecar, read with its .txt file")
    elif not stat.S_ISREG(info.st_mode):
        yield FileOutcome(path=path, status="skipped", reason="not a regular file")
    else:
        yield path


def count_inputs(paths: Iterable[str | os.PathLike[str]]) -> int:
    """How many inputs `iter_inputs` reads or reports for ``paths``, without reading
    any file: a total for progress bars (a JSON file of many articles counts once)."""
    return sum(1 for _ in plan_inputs(paths))


def _empty_folder(path: str) -> FileOutcome:
    return FileOutcome(path=path, status="skipped", reason="folder holds no article files")


def load_text(raw: str, *, path: str | None = None) -> Article:
    """An article from already-decoded text: header metadata plus the cleaned body.

    The body may come out empty (nothing but header and furniture); `iter_inputs`
    reports such files as failed, other callers decide for themselves.
    """
    lines = [_HORIZONTAL_SPACE.sub(" ", line).strip() for line in _unflattened(normalise_text(raw).split("\n"))]
    body_start, header = _split_header(lines, _month_evidence(raw, lines))
    body = _paragraphs(_remove_furniture(lines[body_start:]))
    text = "\n\n".join(body)
    source = (
        header.source
        or header.byline_outlet
        or _host(header.url)
        or (_dateline_outlet(body[0]) if body else None)
        or _outlet_hint(lines)
    )
    if not header.authors:
        header.authors = _wire_credit_authors(lines[body_start:])
    return Article(
        id=article_id(text),
        path=path,
        source=source,
        title=header.title,
        published=header.published or header.updated,
        authors=tuple(dict.fromkeys(header.authors)),
        url=header.url,
        text=text,
    )


def decode(data: bytes) -> tuple[str, str | None]:
    """Text from file bytes, and a note when they were not UTF-8.

    UTF-8 (with or without a BOM) first; UTF-32 or UTF-16 when it starts with their
    BOM; otherwise cp1252 when the bytes use its 0x80–0x9F range (curly quotes,
    dashes) and are valid cp1252, else latin-1, which decodes anything.
    """
    for bom, encoding in _UNICODE_BOMS:
        if data.startswith(bom):
            try:
                return normalise_text(data.decode(encoding.lower())), f"not UTF-8: decoded as {encoding}"
            except UnicodeDecodeError:
                pass  # UTF-16-LE text whose first character is U+0000 looks like UTF-32-LE
    try:
        return normalise_text(data.decode("utf-8-sig")), None
    except UnicodeDecodeError:
        pass
    if _C1_BYTES.search(data):
        try:
            return normalise_text(data.decode("cp1252")), "not UTF-8: decoded as cp1252"
        except UnicodeDecodeError:
            pass  # bytes cp1252 leaves undefined: only latin-1 is left
    return normalise_text(data.decode("latin-1")), "not UTF-8: decoded as latin-1"


def normalise_text(text: str) -> str:
    """LF line ends, NFC, no control or invisible characters other than \\n and \\t,
    and U+FFFD for lone surrogates."""
    text = _SURROGATE.sub("\ufffd", _LINE_BREAK.sub("\n", text))
    return unicodedata.normalize("NFC", _INVISIBLE.sub("", text))


def clean_field(value: str) -> str | None:
    """A one-line metadata value (title, outlet, author, URL) cleaned as a body is:
    no control characters (so no terminal escape sequences), NFC, single spaces."""
    return " ".join(normalise_text(value).split()) or None


def article_id(text: str) -> str:
    """A stable id for a body text: equal texts give equal ids whatever their path.

    Spacing and case do not count, so re-wrapped or re-cased copies match too.
    """
    key = " ".join(unicodedata.normalize("NFC", text).split()).casefold()
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:16]


# --- files and folders ---------------------------------------------------------------


@dataclass(frozen=True)
class _Overrides:
    published: dt.date | None
    source: str | None


def _walk(folder: str) -> Iterator[str | FileOutcome]:
    """File paths under ``folder`` in name order, or outcomes for what cannot be read."""
    try:
        with os.scandir(folder) as scan:
            entries = sorted(scan, key=lambda entry: entry.name)
    except OSError as exc:
        yield _failed(folder, f"cannot read folder: {_describe(exc)}")
        return
    for entry in entries:
        if entry.name.startswith("."):
            continue
        path = os.path.join(folder, entry.name)
        try:
            if entry.is_dir(follow_symlinks=False):
                yield from _walk(path)
                continue
            if entry.is_symlink() and entry.is_dir():
                # Following symlinked folders could loop; naming them keeps it visible.
                yield FileOutcome(path=path, status="skipped", reason="symlink to a folder, not followed")
                continue
            is_file = entry.is_file()
        except OSError as exc:
            yield _failed(path, f"cannot read path: {_describe(exc)}")
            continue
        if entry.name.lower().endswith(SIDECAR_SUFFIX):
            continue
        if not is_file:
            if entry.is_symlink():
                yield _symlink_outcome(path)
            else:
                yield FileOutcome(path=path, status="skipped", reason="not a regular file")
            continue
        yield path


def _symlink_outcome(path: str) -> FileOutcome:
    """Why a symlink that is no regular file gives nothing: broken, a loop, or a
    device, pipe or socket at its end."""
    try:
        os.stat(path)
    except FileNotFoundError:
        return _failed(path, "broken symlink")
    except OSError as exc:
        return _failed(path, f"cannot read path: {_describe(exc)}")
    return FileOutcome(path=path, status="skipped", reason="not a regular file")


def _with_storable_path(item: Article | FileOutcome) -> Article | FileOutcome:
    """``item`` with a path that can be stored and printed: a file name that is not
    UTF-8 reaches Python with lone surrogates, which no database or terminal takes."""
    path = item.path or ""
    if _SURROGATE.search(path) is None:
        return item
    shown = os.fsencode(path).decode("utf-8", "replace")
    if isinstance(item, FileOutcome):
        return item.model_copy(update={"path": shown})
    return item.model_copy(update={"path": shown, "notes": (*item.notes, "file name is not UTF-8: shown with U+FFFD")})


def _load_stdin(kind: str, overrides: _Overrides, max_bytes: int) -> Iterator[Article | FileOutcome]:
    import sys

    if sys.stdin is None:  # started with its standard input closed (`<&-`)
        yield _failed(STDIN_NAME, "standard input is closed")
        return
    try:
        data = _read_at_most(sys.stdin.buffer, max_bytes + 1)
    except OSError as exc:
        yield _failed(STDIN_NAME, f"cannot read standard input: {_describe(exc)}")
        return
    if len(data) > max_bytes:
        yield _failed(STDIN_NAME, _too_large(len(data), max_bytes))
        return
    yield from load_bytes(data, kind, path=STDIN_NAME, overrides=overrides)


def _load_file(path: str, overrides: _Overrides, max_bytes: int) -> Iterator[Article | FileOutcome]:
    suffix = os.path.splitext(path)[1]
    kind = _SUFFIX_FORMATS.get(suffix.lower())
    if kind is None:
        described = suffix or "without an extension"
        yield FileOutcome(path=path, status="skipped", reason=f"unsupported format {described} ({SUPPORTED})")
        return
    try:
        data = _read_regular_file(path, max_bytes)
    except FileNotFoundError:
        # Listed when its folder was walked, gone by the time its turn came.
        yield _failed(path, "file disappeared before it could be read")
        return
    except _Unreadable as refusal:
        yield _failed(path, refusal.reason)
        return
    sidecar = path[: -len(suffix)] + SIDECAR_SUFFIX
    yield from load_bytes(data, kind, path=path, overrides=overrides, sidecar=sidecar, max_bytes=max_bytes)


def load_bytes(
    data: bytes,
    kind: str,
    *,
    path: str,
    overrides: _Overrides | None = None,
    sidecar: str | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> Iterator[Article | FileOutcome]:
    """Articles from one input's bytes in format ``kind`` (``txt``, ``html``, ``json``,
    ``jsonl``), or outcomes saying why there are none. A JSON input gives one result
    per record. ``max_bytes`` bounds the sidecar as it bounds articles."""
    overrides = overrides or _Overrides(published=None, source=None)
    binary_kind = _binary_kind(data)
    if binary_kind is not None:
        yield _failed(path, f"binary file ({binary_kind})")
        return
    text, decode_note = decode(data)
    if not text.strip():
        yield _failed(path, "empty file")
        return
    notes = [decode_note] if decode_note else []
    if kind in ("json", "jsonl"):
        for found in _load_records(text, path, lines=kind == "jsonl"):
            yield found if isinstance(found, FileOutcome) else _with_overrides(found, overrides, None, notes, max_bytes)
        return
    if kind == "html":
        article = _load_html(text, path)
        if article is None:
            yield _failed(path, "no article text found on the page")
            return
    else:
        article = load_text(text, path=path)
    if not article.text:
        yield _failed(path, "no body text left after removing header lines and page furniture")
        return
    yield _with_overrides(article, overrides, sidecar, notes, max_bytes)


def _with_overrides(
    article: Article, overrides: _Overrides, sidecar: str | None, notes: list[str], max_bytes: int
) -> Article:
    """``article`` with the run-wide and sidecar overrides applied and its metadata cleaned."""
    notes = list(notes)
    updates: dict[str, object] = {}
    if overrides.published is not None:
        updates["published"] = overrides.published
    if overrides.source is not None:
        updates["source"] = overrides.source
    if sidecar is not None:
        sidecar_updates, sidecar_note = _read_sidecar(sidecar, max_bytes)
        updates.update(sidecar_updates)
        if sidecar_note:
            notes.append(sidecar_note)
    if notes:
        updates["notes"] = (*article.notes, *notes)
    # Every format and override ends here, so no metadata leaves uncleaned: a JSON
    # record, a sidecar or --source may carry escape sequences or line breaks.
    for name in ("title", "source", "url"):
        value = updates.get(name, getattr(article, name))
        if value is not None:
            updates[name] = clean_field(value)  # type: ignore[arg-type]
    authors = updates.get("authors", article.authors)
    updates["authors"] = tuple(dict.fromkeys(name for name in map(clean_field, authors) if name))  # type: ignore[arg-type]
    return article.model_copy(update=updates)


def clean_body(paragraphs: Iterable[str]) -> str:
    """Body text from paragraphs that carry no header: furniture removed, paragraphs
    separated by a blank line, as `load_text` gives it."""
    lines: list[str] = []
    for paragraph in paragraphs:
        lines += [_HORIZONTAL_SPACE.sub(" ", line).strip() for line in normalise_text(paragraph).split("\n")]
        lines.append("")
    return "\n\n".join(_paragraphs(_remove_furniture(lines)))


def _load_html(html: str, path: str) -> Article | None:
    from claimtrack.readers.html import read_page

    page = read_page(html)
    if page is None or not any(len(p.split()) >= SHORT_PARAGRAPH_MIN_WORDS for p in page.paragraphs):
        return None  # an index or navigation page: a few links, no story
    text = clean_body(page.paragraphs)
    published = parse_published(page.published) if page.published else None
    return Article(
        id=article_id(text),
        path=path,
        source=page.site_name or _host(page.url),
        title=page.title,
        published=published,
        authors=page.authors,
        url=page.url,
        text=text,
    )


def _load_records(text: str, path: str, *, lines: bool) -> Iterator[Article | FileOutcome]:
    from claimtrack.readers.records import BadRecord, read_records

    for record in read_records(text, lines=lines):
        prefix = f"{record.where}: " if record.where else ""
        if isinstance(record, BadRecord):
            yield _failed(path, prefix + record.reason)
            continue
        body = clean_body(record.text.split("\n"))
        if not body:
            yield _failed(path, prefix + "no body text left after removing page furniture")
            continue
        published = parse_published(record.published) if record.published else None
        notes = record.notes
        if record.published and published is None:
            notes += (f"date {record.published!r} not understood",)
        yield Article(
            id=article_id(body),
            path=f"{path}#{record.where.split()[-1]}" if record.where else path,
            source=record.source or _host(record.url),
            title=record.title,
            published=published,
            authors=record.authors,
            url=record.url,
            text=body,
            notes=notes,
            extra=record.extra,
        )


class _Unreadable(Exception):
    """Why a file was not read, as a one-line reason."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def _read_regular_file(path: str, max_bytes: int) -> bytes:
    """The bytes of the regular file at ``path``. Raises FileNotFoundError, or
    `_Unreadable` with the reason.

    Only a regular file is opened for reading: a FIFO would block the run forever, and
    a device such as /dev/zero would read until memory runs out. It is checked before
    opening, and again on the opened file (non-blocking, so a FIFO swapped in between
    cannot block), since the path may change in between.
    """
    try:
        info = os.stat(path)
    except FileNotFoundError:
        raise
    except OSError as exc:
        raise _Unreadable(f"cannot read file: {_describe(exc)}") from exc
    _check_regular(info, max_bytes)
    try:
        with open(path, "rb", opener=_open_nonblocking) as handle:
            _check_regular(os.fstat(handle.fileno()), max_bytes)
            data = _read_at_most(handle, max_bytes + 1)
    except FileNotFoundError:
        raise
    except OSError as exc:
        raise _Unreadable(f"cannot read file: {_describe(exc)}") from exc
    if len(data) > max_bytes:  # grew while being read
        raise _Unreadable(_too_large(len(data), max_bytes))
    return data


# Files are read in pieces of this size: a read of the whole limit at once would
# reserve all of it (MemoryError for a large --max-bytes), however small the file.
_READ_CHUNK = 1 << 20


def _read_at_most(handle, limit: int) -> bytes:
    """Up to ``limit`` bytes from a binary file object, until its end."""
    chunks = []
    remaining = limit
    while remaining > 0:
        chunk = handle.read(min(_READ_CHUNK, remaining))
        if not chunk:
            break
        chunks.append(chunk)
        remaining -= len(chunk)
    return b"".join(chunks)


def _check_regular(info: os.stat_result, max_bytes: int) -> None:
    if stat.S_ISDIR(info.st_mode):
        raise _Unreadable(f"cannot read file: {_describe(IsADirectoryError(errno.EISDIR, os.strerror(errno.EISDIR)))}")
    if not stat.S_ISREG(info.st_mode):
        raise _Unreadable("not a regular file")
    if info.st_size > max_bytes:
        raise _Unreadable(_too_large(info.st_size, max_bytes))


def _open_nonblocking(path: str, flags: int) -> int:
    return os.open(path, flags | getattr(os, "O_NONBLOCK", 0))


def _binary_kind(data: bytes) -> str | None:
    for signature, kind in _BINARY_SIGNATURES:
        if data.startswith(signature):
            return f"looks like {kind}"
    if b"\x00" in data and not data.startswith(tuple(bom for bom, _ in _UNICODE_BOMS)):
        return "contains NUL bytes"
    return None


def _too_large(size: int, limit: int) -> str:
    return f"file is {_human_size(size)}, over the {_human_size(limit)} limit (--max-bytes raises it)"


def _human_size(size: int) -> str:
    if size >= 1_000_000:
        return f"{size / 1_000_000:.1f} MB"
    if size >= 1_000:
        return f"{size / 1_000:.1f} KB"
    return f"{size} bytes"


def _describe(exc: OSError) -> str:
    message = exc.strerror or str(exc)
    return message[:1].lower() + message[1:]


def _failed(path: str, reason: str) -> FileOutcome:
    return FileOutcome(path=path, status="failed", reason=reason)


# --- sidecars ------------------------------------------------------------------------


def _read_sidecar(path: str, max_bytes: int) -> tuple[dict[str, object], str | None]:
    """Field overrides from a ``.meta.json`` sidecar, or a note saying why it was ignored."""
    from claimtrack.readers.records import SURROGATE_NOTE, UnsafeJSON, parse_json, without_surrogates

    try:
        raw = _read_regular_file(path, max_bytes)
    except FileNotFoundError:
        return {}, None
    except _Unreadable as refusal:
        return {}, _sidecar_note(path, refusal.reason)
    try:
        document = parse_json(raw.decode("utf-8-sig"))
    except UnicodeDecodeError:
        return {}, _sidecar_note(path, "not UTF-8")
    except json.JSONDecodeError as exc:
        return {}, _sidecar_note(path, f"invalid JSON ({exc.msg} at line {exc.lineno}, column {exc.colno})")
    except UnsafeJSON as exc:
        return {}, _sidecar_note(path, f"unreadable JSON: {exc}")
    document, had_surrogates = without_surrogates(document)
    try:
        fields = _sidecar_fields(document)
    except ValueError as exc:
        return {}, _sidecar_note(path, str(exc))
    return fields, f"sidecar {os.path.basename(path)}: {SURROGATE_NOTE}" if had_surrogates else None


def _sidecar_fields(document: object) -> dict[str, object]:
    """Validated overrides; raises ValueError naming the first problem.

    A JSON null or empty string clears the field.
    """
    if not isinstance(document, dict):
        raise ValueError("expected a JSON object")
    unknown = sorted(set(document) - SIDECAR_FIELDS)
    if unknown:
        raise ValueError(f"unknown key {unknown[0]!r} (allowed: {', '.join(sorted(SIDECAR_FIELDS))})")
    fields: dict[str, object] = {}
    for name, value in document.items():
        if value is None or value == "":
            fields[name] = () if name == "authors" else None
        elif name == "authors":
            fields[name] = _sidecar_authors(value)
        elif not isinstance(value, str):
            raise ValueError(f"{name!r} must be a string")
        elif name == "published":
            fields[name] = _sidecar_date(value)
        else:
            fields[name] = " ".join(value.split()) or None
    return fields


def _sidecar_authors(value: object) -> tuple[str, ...]:
    if isinstance(value, str):
        return tuple(name for name in _NAME_SEPARATOR.split(value.strip()) if name)
    if isinstance(value, list) and all(isinstance(name, str) for name in value):
        return tuple(" ".join(name.split()) for name in value if name.strip())
    raise ValueError("'authors' must be a string or a list of strings")


def _sidecar_date(value: str) -> dt.date:
    if _ISO_DATE.fullmatch(value.strip()):
        try:
            return dt.date.fromisoformat(value.strip())
        except ValueError:
            pass
    raise ValueError(f"'published' must be a YYYY-MM-DD date, not {value!r}")


def _sidecar_note(path: str, problem: str) -> str:
    return f"ignored sidecar {os.path.basename(path)}: {problem}"


# --- header --------------------------------------------------------------------------


@dataclass
class _Header:
    """What the header zone says; the first value found for a field wins."""

    title: str | None = None
    source: str | None = None
    byline_outlet: str | None = None
    url: str | None = None
    published: dt.date | None = None
    updated: dt.date | None = None
    authors: list[str] = field(default_factory=list)

    def merge(self, found: dict[str, object]) -> None:
        for name, value in found.items():
            if name == "authors":
                self.authors.extend(value)  # type: ignore[arg-type]
            elif value is not None and getattr(self, name) is None:
                setattr(self, name, value)


def _split_header(lines: list[str], named_months: frozenset[int] = frozenset()) -> tuple[int, _Header]:
    """Where the body starts, and the metadata read from the lines above it.

    Metadata lines just below the body start (a standfirst above the byline and date)
    are read too, and blanked in ``lines`` so that they do not reach the body.
    ``named_months`` settles numeric dates (see `parse_published`).
    """
    metadata: dict[int, dict[str, object]] = {}
    body_start = None
    seen = 0
    for index, line in enumerate(lines):
        if not line:
            continue
        seen += 1
        if seen > HEADER_MAX_LINES:
            break
        found = _read_metadata_line(line, named_months)
        if found is None and seen > 1:
            found = _bare_author_line(lines, index, named_months)
        if found is not None:
            metadata[index] = found
        elif seen == 1 and _is_quoted_headline(line):
            continue  # long enough for a paragraph, but a headline ending in a quotation
        elif _is_body_paragraph(line) or _starts_wrapped_prose(lines, index):
            body_start = index
            break
    if body_start is None:
        body_start = _short_header_end(lines, metadata)
    body_start = _prose_after_metadata(lines, metadata, body_start)

    header = _Header()
    for index in sorted(metadata):
        if index < body_start:
            header.merge(metadata[index])
    for index, found in _metadata_below(lines, body_start, named_months):
        header.merge(found)
        lines[index] = ""
    if header.title is None:
        header.title = next(
            (
                line
                for index, line in enumerate(lines[:body_start])
                if line and index not in metadata and _is_headline_like(line)
            ),
            None,
        )
    return body_start, header


def _unflattened(lines: list[str]) -> list[str]:
    """``lines`` with a header that lost its line breaks split up again.

    A scrape that lost its line breaks runs its "Key: value" header into the story:
    "Title: X Source: Y Date: 2023-03-09 Workers walked out ...". Read as it is, the
    whole text would be one title and no body. So a header line too long for a title
    that goes on into sentences is cut before each capitalised key, the last value
    is cut where a value of its kind ends, and runs of spaces, where `tr '\\n' ' '`
    turned line breaks into spaces, become paragraph breaks in it.
    """
    seen = 0
    for index, line in enumerate(lines):
        if not line.strip():
            continue
        seen += 1
        if seen > HEADER_MAX_LINES:
            break
        flat = " ".join(line.split())
        if len(flat) > TITLE_MAX_CHARS and _KEY_VALUE.match(flat) and _runs_into_prose(flat):
            pieces = [piece.strip() for piece in _FORMER_BREAK.split(line) if piece.strip()]
            restored = [*_split_at_keys(pieces[0])]
            for piece in pieces[1:]:
                restored += ["", piece]
            return [*lines[:index], *restored, *lines[index + 1 :]]
    return lines


def _runs_into_prose(line: str) -> bool:
    """Whether a header line goes on into other header lines or sentences; a long
    headline is one sentence at most."""
    return bool(
        _SENTENCE_BREAK.search(line) or any(line[match.end()].isupper() for match in _INLINE_KEY.finditer(line))
    )


def _split_at_keys(text: str) -> list[str]:
    """Header lines, then the start of the body, from a header run into one line."""
    segments: list[str] = []
    start = 0
    for match in _INLINE_KEY.finditer(text):
        if match.start() - start > TITLE_MAX_CHARS:
            break  # too far from the last key for a header value: the story
        if text[match.end()].isupper():
            segments.append(text[start : match.start()])
            start = match.end()
    last = _KEY_VALUE.match(text[start:])
    if last is None:
        return [*segments, text[start:]]
    value = last["value"]
    field_name = _KEY_FIELDS[re.sub(r"\s+(?:on|at)$", "", " ".join(last["key"].lower().split()))]
    kept = _flat_value_words(field_name, value.split(" "))
    if kept == 0:
        return [*segments, value]  # no value of its kind: the key is dropped, the story kept
    words = value.split(" ")
    header = f"{last['key']}: {' '.join(words[:kept])}"
    return [*segments, header, " ".join(words[kept:])] if kept < len(words) else [*segments, header]


# How many words a header value can have, when it runs on into the story.
_FLAT_VALUE_MAX_WORDS = 12


def _flat_value_words(field_name: str, words: list[str]) -> int:
    """How many of ``words`` are the value of a header field when the story follows
    it on the same line: the longest date, the URL, or the capitalised words of a
    title, outlet or byline (less the one that starts the story's first sentence)."""
    if field_name in ("published", "updated"):
        for count in range(min(len(words), _FLAT_VALUE_MAX_WORDS), 0, -1):
            if parse_published(" ".join(words[:count])) is not None:
                return count
        return 0
    if field_name == "url":
        return 1
    count = 0
    for word in words[:_FLAT_VALUE_MAX_WORDS]:
        bare = word.rstrip(",;")
        if count and bare.isupper() and len(bare) > 1 and not words[0].isupper():
            break  # a dateline in capitals: "LINDPORT —"
        if not (bare[:1].isupper() or bare.lower() in _NAME_PARTICLES or bare.lower() in _OUTLET_CONNECTORS):
            break
        count += 1
    if 1 < count < len(words) and words[count][:1].islower():
        count -= 1  # "Priya Nandakumar Dockworkers at the port": the story starts at "Dockworkers"
    return count


def _month_evidence(raw: str, lines: list[str]) -> frozenset[int]:
    """The months the article names, to settle a numeric header date such as
    "01/03/2022" (see `parse_published`); only looked for when the lines that may be
    header hold one, since scanning every article's text would be wasted work."""
    head = itertools.islice((line for line in lines if line), HEADER_MAX_LINES + LATE_METADATA_LINES)
    if any(len(line) <= TITLE_MAX_CHARS and _NUMERIC_HEADER_DATE.search(line) for line in head):
        return months_named(raw)
    return frozenset()


def _metadata_below(
    lines: list[str], body_start: int, named_months: frozenset[int]
) -> Iterator[tuple[int, dict[str, object]]]:
    """Byline, date and source lines among the first lines after ``body_start``.

    Some outlets put a standfirst paragraph between the headline and the byline and
    date, so the body seemed to start at the standfirst. Only lines that say what
    they are ("By", "Published", "Source:") count here: a bare date or name below a
    paragraph may be part of the story. And the story must go on below them: in a
    short article, these lines are its footer ("Source: ... and agencies").
    """
    found_lines: list[tuple[int, dict[str, object]]] = []
    seen = 0
    for index in range(body_start + 1, len(lines)):
        line = lines[index]
        if not line:
            continue
        seen += 1
        if seen > LATE_METADATA_LINES:
            break
        if not (_KEY_VALUE.match(line) or _DATE_LINE.match(line) or _BYLINE.match(line)):
            continue
        found = _read_metadata_line(line, named_months)
        if found is not None and "title" not in found and "url" not in found:
            found_lines.append((index, found))
    if found_lines and any(_is_body_paragraph(line) for line in lines[found_lines[-1][0] + 1 :]):
        yield from found_lines


def _bare_author_line(lines: list[str], index: int, named_months: frozenset[int]) -> dict[str, object] | None:
    """Authors from a line that is only their names, when a date or outlet line follows.

    "Jane Doe" alone could as well be a headline, a caption or a pull-quote credit,
    so it counts as a byline only where bylines stand: below the first line and
    above the date or the outlet's name.
    """
    names = _author_line_names(lines[index], bare=True)
    if names is None:
        return None
    following = next((line for line in lines[index + 1 :] if line), "")
    found = _read_metadata_line(following, named_months) if following else None
    if found is None or not any(found.get(name) for name in ("published", "updated", "byline_outlet", "source")):
        return None
    return {"authors": names}


def _prose_after_metadata(lines: list[str], metadata: dict[int, dict[str, object]], body_start: int) -> int:
    """An earlier body start when the story opens with short paragraphs.

    A body paragraph is recognised by its length, but stories told in short paragraphs
    open with sentences shorter than that. Once the metadata lines are over, the first
    full sentence (not a headline, caption or page furniture) starts the body.
    """
    before = [index for index in metadata if index < body_start]
    if not before:
        return body_start
    for index in range(max(before) + 1, body_start):
        line = lines[index]
        if line and _is_short_paragraph(line):
            return index
    return body_start


def _is_short_paragraph(line: str) -> bool:
    return (
        len(line.split()) >= SHORT_PARAGRAPH_MIN_WORDS
        and _SENTENCE_END.search(line) is not None
        and not _is_caption(line)
        and not _is_furniture(line)
    )


def _short_header_end(lines: list[str], metadata: dict[int, dict[str, object]]) -> int:
    """Header end when no long body paragraph shows up: metadata lines and one title."""
    title: str | None = None
    explicit_title = any("title" in found for found in metadata.values())
    for index, line in enumerate(lines):
        if not line or index in metadata:
            continue
        if title is None and not explicit_title and _is_headline_like(line) and any(lines[index + 1 :]):
            title = line.casefold()
            continue
        if title is not None and line.casefold() == title:
            continue
        return index
    return len(lines)


def _read_metadata_line(line: str, named_months: frozenset[int] = frozenset()) -> dict[str, object] | None:
    """The metadata a header line carries, or None when it is not a metadata line.

    A line that is only a name ("Jane Doe") is left to `_bare_author_line`, which
    looks at the lines around it.
    """
    key_value = _KEY_VALUE.match(line)
    if key_value is not None:
        key = re.sub(r"\s+(?:on|at)$", "", " ".join(key_value["key"].lower().split()))
        return _key_value_metadata(_KEY_FIELDS[key], key_value["value"], named_months)
    date_line = _DATE_LINE.match(line)
    if date_line is not None:
        field_name = "updated" if _UPDATE_KEY.search(date_line["key"]) else "published"
        found = _dated_value(field_name, date_line["value"], named_months)
        if found[field_name] is not None:
            return found
    if _URL_LINE.match(line):
        return {"url": line}
    if len(line) <= 60 and any(char.isdigit() for char in line):
        found = _dated_value("published", line, named_months, strict=True)
        if found["published"] is not None:
            return found
    if _CONTRIBUTOR_LINE.search(line):
        return None
    byline = _BYLINE.match(line)
    if byline is not None and len(line) <= 200:
        return _byline_metadata(byline["names"], named_months)
    names = _author_line_names(line, bare=False)
    if names is not None:
        # "Jane Doe in Lisbon", "Jane Doe Science correspondent": a byline without "By".
        return {"authors": names}
    outlet = _OUTLET_LINE.match(line)
    if outlet is not None:
        return {"byline_outlet": outlet["outlet"]}
    return None


def _author_line_names(line: str, *, bare: bool) -> list[str] | None:
    """The names on a byline without "By", or None when the line is not one.

    A line of names each with where or what they report ("Jane Doe in Lisbon and
    John Roe in Porto") is such a byline when ``bare`` is false; a line of names
    alone ("Jane Doe") when it is true. The first name must start with a known given
    name, and so must every other name that says nothing about its reporter.
    """
    if len(line) > TITLE_MAX_CHARS:
        return None
    elements = [_AUTHOR_ELEMENT.match(part) for part in _AUTHOR_SEPARATOR.split(line)]
    if all(elements):
        matches = [element for element in elements if element is not None]
    else:
        # "Jane Doe in Trinidad and Tobago": one name and a place with "and" in it.
        single = _AUTHOR_LINE.match(line)
        if single is None:
            return None
        matches = [single]
    if any(match["where"] for match in matches) == bare:
        return None
    for position, match in enumerate(matches):
        if (position == 0 or not match["where"]) and not is_given_name(match["name"].split()[0]):
            return None
    return [match["name"] for match in matches]


def _key_value_metadata(field_name: str, value: str, named_months: frozenset[int]) -> dict[str, object]:
    if field_name in ("published", "updated"):
        return _dated_value(field_name, value, named_months)
    if field_name == "authors":
        authors, outlet = _classify_names(_NAME_SEPARATOR.split(_SOCIAL_BUTTONS.sub("", value)))
        return {"authors": authors, "byline_outlet": outlet}
    if field_name == "source" and _URL_LINE.match(value):
        return {"source": _host(value)}
    return {field_name: value}


def _dated_value(
    field_name: str, value: str, named_months: frozenset[int], *, strict: bool = False
) -> dict[str, object]:
    """A header date, also when written in parts: "February 22, 2022 / 7:15 PM / CBS News",
    "Mar 2, 2022 - World", "01/03/2022 - 14:20 Modified: 01/03/2022 - 17:48".

    A keyed value ("Published ...") may have its date in any part. A ``strict`` value,
    a bare line that only a date would make metadata, must start with the date and
    have nothing after it but a time, a short section name or an outlet: so a
    headline that mentions a date is not read as one.
    """
    found: dict[str, object] = {field_name: None}
    later = _LATER_DATE_KEY.search(value)
    if later is not None:
        # The later stamp is the update; the value proper is the one before it.
        found["updated"] = _dated_value("updated", value[later.end() :], named_months)["updated"]
        value = value[: later.start()]
    parsed = parse_published(value, named_months)
    if parsed is not None:
        found[field_name] = parsed
        return found
    parts = [part for part in _HEADER_PART_SEPARATOR.split(value) if part]
    for index, part in enumerate(parts):
        if strict and index > 0:
            break
        parsed = parse_published(part, named_months)
        if parsed is None:
            continue
        rest = [p for p in parts[index + 1 :] if not _CLOCK_TIME.fullmatch(p)]
        outlet = rest[0] if len(rest) == 1 and _OUTLET_LINE.match(rest[0]) else None
        if strict and outlet is None and not all(_SECTION_NAME.fullmatch(p) for p in rest):
            break
        found[field_name] = parsed
        if outlet is not None:
            # The part left after the date and time is the outlet that stamped them.
            found["byline_outlet"] = outlet
        break
    return found


def _byline_metadata(names: str, named_months: frozenset[int] = frozenset()) -> dict[str, object] | None:
    """Authors, outlet and perhaps a date from a byline; None if it is not one."""
    published = None
    for separator in _BYLINE_DATE_SEPARATOR.finditer(names):
        published = parse_published(names[separator.end() :], named_months)
        if published is not None:
            names = names[: separator.start()]
            break
    names = _WITH_AGENCIES.sub("", _SOCIAL_BUTTONS.sub("", names))
    trailing_outlet = None
    names, bar, tail = names.partition("|")
    if bar and _is_outlet_name(tail.strip()):
        trailing_outlet = tail.strip()  # "By Jane Doe | Example Gazette"
    elements = [element for element in _NAME_SEPARATOR.split(names.strip(" ,")) if element]
    if not elements or not all(_is_name_like(element) for element in elements):
        return None
    authors, outlet = _classify_names(elements)
    return {"authors": authors, "byline_outlet": outlet or trailing_outlet, "published": published}


def _is_name_like(element: str) -> bool:
    words = element.split()
    if not 1 <= len(words) <= _MAX_NAME_WORDS:
        return False
    # A channel number may follow the first word: "FRANCE 24".
    return all(
        _is_name_word(word) or (index > 0 and _OUTLET_NUMBER.fullmatch(word) is not None)
        for index, word in enumerate(words)
    )


def _is_name_word(word: str) -> bool:
    if word[0].isupper() or word.lower() in _NAME_PARTICLES or _DOMAIN.match(word):
        return True
    # a particle joined to the name: al-Rashid, d'Arcy
    particle = _JOINED_PARTICLE.match(word)
    return particle is not None and word[particle.end() : particle.end() + 1].isupper()


def _classify_names(elements: list[str]) -> tuple[list[str], str | None]:
    """Split byline elements into author names and the first outlet named.

    An element is the outlet when it is one word, all capitals, starts with "The",
    has a number in it ("FRANCE 24") or ends in Staff/Writer/Reporter/Correspondent
    (which is removed). In a byline set entirely in capitals ("BY JANE DOE"),
    capitals say nothing, so that test is left out.
    """
    authors: list[str] = []
    outlet: str | None = None
    all_capitals = all(element.isupper() for element in elements)
    for element in elements:
        element = " ".join(element.split()).strip(" .")
        if not element:
            continue
        without_role = element
        while (role := _ROLE_SUFFIX.search(without_role)) is not None:
            without_role = without_role[: role.start()]
        if without_role != element:
            meaningful = [word for word in without_role.split() if word.lower() not in _ROLE_WORDS]
            is_outlet, element = bool(meaningful), without_role
            if not is_outlet:
                continue  # "Staff Writer", "Senior Correspondent": a role, not an outlet
        else:
            is_outlet = (
                len(element.split()) == 1
                or (not all_capitals and element.isupper())
                or element.startswith("The ")
                or any(_OUTLET_NUMBER.fullmatch(word) for word in element.split())
            )
        if is_outlet:
            outlet = outlet or element
        else:
            authors.append(element)
    return authors, outlet


def _host(url: str | None) -> str | None:
    if not url:
        return None
    if "://" not in url:
        url = "http://" + url
    host = urlsplit(url).hostname
    return host.removeprefix("www.") if host else None


def _dateline_outlet(first_paragraph: str) -> str | None:
    """The wire service in a dateline: "LISBON, March 3 (Wirename) - ..."."""
    match = _DATELINE.match(first_paragraph)
    if match is None:
        return None
    outlet = match["outlet"].strip()
    return outlet if _is_outlet_name(outlet) else None


def _outlet_hint(lines: list[str]) -> str | None:
    """An outlet named in a generic footer or promo line, when no header names one."""
    text = "\n".join(lines)
    lowered = text.lower()
    for needles, pattern in _OUTLET_HINTS:
        if not any(needle in lowered for needle in needles):
            continue
        for match in pattern.finditer(text):
            outlet = match["outlet"].strip(" .,;:")
            if _is_outlet_name(outlet) and outlet.lower() not in _NOT_OUTLETS:
                return outlet
    return None


def _wire_credit_authors(lines: list[str]) -> list[str]:
    """The reporters in a wire story's credit line, for a header that names no author.

    "Reporting by Jane Doe in Lisbon and John Roe; Editing by Ana Ruiz" gives Jane
    Doe and John Roe: the editors and "additional reporting" are not the authors.
    """
    for line in reversed(lines):
        credit = _REPORTING_BY.match(line) if line and len(line) <= _CONTRIBUTOR_MAX_CHARS else None
        if credit is None:
            continue
        names = _NAME_SEPARATOR.split(credit["names"].strip(" ."))
        elements = [_REPORTER_PLACE.sub("", name) for name in names if name]
        if elements and all(_is_name_like(element) for element in elements):
            return _classify_names(elements)[0]
    return []


def _is_outlet_name(candidate: str) -> bool:
    words = candidate.split()
    return 1 <= len(words) <= _MAX_NAME_WORDS and all(
        word[0].isupper() or word[0].isdigit() or word.lower() in _OUTLET_CONNECTORS for word in words
    )


# --- line predicates -----------------------------------------------------------------


def _is_body_paragraph(line: str) -> bool:
    return (
        len(line) >= BODY_MIN_CHARS
        and _SENTENCE_END.search(line) is not None
        and not _is_caption(line)
        and not _is_furniture(line)
    )


def _starts_wrapped_prose(lines: list[str], start: int) -> bool:
    """Whether a hard-wrapped paragraph (several ~40–100 character lines) starts here."""
    first = lines[start]
    if not WRAP_MIN_CHARS <= len(first) <= WRAP_MAX_CHARS or _SENTENCE_END.search(first) or _is_title_case(first):
        return False
    length = 0
    for index in range(start, min(start + HEADER_MAX_LINES, len(lines))):
        line = lines[index]
        if not line or len(line) > WRAP_MAX_CHARS or _BYLINE.match(line) or _KEY_VALUE.match(line):
            return False
        length += len(line) + 1
        if _SENTENCE_END.search(line):
            return index > start and length >= BODY_MIN_CHARS and not _is_caption(line)
        if len(line) < WRAP_MIN_CHARS:
            return False
    return False


def _is_title_case(line: str) -> bool:
    words = [word for word in line.split() if sum(char.isalpha() for char in word) >= 4]
    capitalised = sum(1 for word in words if word.lstrip("\"'‘“(")[:1].isupper())
    return len(words) >= 2 and capitalised >= 0.7 * len(words)


def _is_quoted_headline(line: str) -> bool:
    """A headline that ends in a quotation ("... brace for ‘the worst winter’").

    A closing quote mark ends a paragraph too, but then a full stop, "!" or "?" comes
    before it; one sentence up to TITLE_MAX_CHARS that ends in a bare quotation is a
    headline.
    """
    return (
        line.endswith(_CLOSING_QUOTES)
        and not line.rstrip("".join(_CLOSING_QUOTES)).endswith((".", "!", "?", "…"))
        and _SENTENCE_BREAK.search(line) is None
        and _is_headline_like(line)
    )


def _is_headline_like(line: str) -> bool:
    return (
        len(line) <= TITLE_MAX_CHARS
        and not line.endswith((".", ",", ";", "-"))  # a sentence or a wrapped line
        and any(char.isalpha() for char in line)
        and not _is_caption(line)
        and not _is_furniture(line)
    )


def _is_caption(line: str) -> bool:
    """A photo caption: the line ends in a parenthesised credit such as (Photo/Name)."""
    if not line.endswith(")"):
        return False
    trailing = _TRAILING_PARENTHESIS.search(line)
    if trailing is None:
        return False
    credit = trailing["credit"].strip()
    return _CREDIT_KEYWORD.search(credit) is not None or _CREDIT_NAME.match(credit) is not None


def _is_furniture(line: str) -> bool:
    return (
        _FURNITURE_LINE.fullmatch(line) is not None
        or _FURNITURE_ANYWHERE.search(line) is not None
        # The ending checked first: the pattern is slow on lines that are not notes.
        or (line.rstrip(".)").endswith("feed") and _SYNDICATION_NOTE.fullmatch(line) is not None)
        or (len(line) <= PROMO_MAX_CHARS and _PROMO_LINE.match(line) is not None)
        or _HOUSE_AD.match(line) is not None
        or (len(line) <= _CONTRIBUTOR_MAX_CHARS and _CONTRIBUTOR_LINE.search(line) is not None)
    )


# --- body ----------------------------------------------------------------------------


def _remove_furniture(lines: list[str]) -> list[str]:
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
        if line and not _is_furniture(line) and not _is_caption(line):
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
    return _is_furniture(line) or (
        len(line) <= TITLE_MAX_CHARS and (line.endswith("?") or _SENTENCE_END.search(line) is None)
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


def _paragraphs(lines: list[str]) -> list[str]:
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
    open_ended = sum(1 for line in inner if not _SENTENCE_END.search(line))
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
