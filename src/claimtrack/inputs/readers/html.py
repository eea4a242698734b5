"""Saved web pages: the story's text and metadata, by trafilatura.

trafilatura finds the main text and leaves out navigation, related-article boxes,
comment sections and cookie banners. Its date search is limited to the page's
structured markup (meta tags, JSON-LD, ``<time>`` elements, the canonical URL): the
extensive search would also read dates from tickers, related links and copyright
lines, and a wrong date is worse than none.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from claimtrack.inputs.readers import NoArticle, Reader

if TYPE_CHECKING:
    from claimtrack.models import Article

# Fixed far ahead so that which dates are accepted never depends on today's date.
_LATEST_DATE = "2100-12-31"
# Markup is recognised in this much of the text: a page shows it from its first lines.
SNIFF_CHARS = 64 * 1024
# A page's start: comments and an XML declaration, then a doctype or <html>.
_PAGE_START = re.compile(r"(?:\s|<!--.*?-->|<\?xml[^>]*>)*<(?:!doctype\s+html|html[\s>])", re.IGNORECASE | re.DOTALL)
# A tag of the elements that make up pages, opening or closing: "<div class=...>", "</li>".
_TAG = re.compile(
    r"</?(?:html|head|body|div|span|p|a|ul|ol|li|nav|header|footer|section|article|main|aside|script|"
    r"style|meta|link|title|table|tr|td|th|img|br|hr|h[1-6]|form|input|button|figure|figcaption|time|"
    r"strong|em|b|i|iframe|noscript|svg)\b[^<>]{0,2000}>",
    re.IGNORECASE,
)
# Markup rather than a text that mentions a tag or two: at least this many tags, on at
# least half of the non-blank lines.
MARKUP_MIN_TAGS = 10


def looks_like_html(text: str) -> bool:
    """Whether ``text`` is a web page or a fragment of one, not prose: it starts like a
    page (``<!DOCTYPE html>``, ``<html>``), or tags fill it, line after line."""
    head = text[:SNIFF_CHARS].lstrip("\ufeff")
    if _PAGE_START.match(head):
        return True
    if len(_TAG.findall(head)) < MARKUP_MIN_TAGS:
        return False
    lines = [line for line in head.splitlines() if line.strip()]
    return 2 * sum(1 for line in lines if _TAG.search(line)) >= len(lines)


def read_html(html: str, path: str) -> Iterator[Article | NoArticle]:
    """The story on a saved page, its body cleaned as plain text's is."""
    # Imported here: the CLI imports this module at start-up to list the formats.
    from claimtrack.dates import parse_published
    from claimtrack.inputs.body import article_id, clean_body
    from claimtrack.inputs.lines import SHORT_PARAGRAPH_MIN_WORDS
    from claimtrack.inputs.outlets import host
    from claimtrack.models import Article

    page = read_page(html)
    if page is None or not any(len(p.split()) >= SHORT_PARAGRAPH_MIN_WORDS for p in page.paragraphs):
        yield NoArticle("no article text found on the page")  # an index or navigation page: a few links, no story
        return
    text = clean_body(page.paragraphs)
    published = parse_published(page.published) if page.published else None
    yield Article(
        id=article_id(text),
        path=path,
        source=page.site_name or host(page.url),
        title=page.title,
        published=published,
        authors=page.authors,
        url=page.url,
        text=text,
    )


READERS = (Reader(name="html", suffixes=(".html", ".htm"), read=read_html, sniff=looks_like_html, label="HTML"),)


@dataclass(frozen=True)
class Page:
    paragraphs: tuple[str, ...]
    title: str | None
    authors: tuple[str, ...]
    published: str | None  # YYYY-MM-DD
    site_name: str | None
    url: str | None


def read_page(html: str) -> Page | None:
    """The story on a saved page, or None when there is no main text."""
    import trafilatura

    document = trafilatura.bare_extraction(
        html,
        with_metadata=True,
        include_comments=False,
        include_tables=False,
        favor_precision=True,
        date_extraction_params={"extensive_search": False, "original_date": True, "max_date": _LATEST_DATE},
    )
    if document is None or not (document.text or "").strip():
        return None
    paragraphs = [line.strip() for line in document.text.split("\n") if line.strip()]
    title = (document.title or "").strip() or None
    if paragraphs and title and paragraphs[0].casefold() == title.casefold():
        paragraphs = paragraphs[1:]  # the headline, repeated as the first heading
    authors = tuple(name.strip() for name in (document.author or "").split(";") if name.strip())
    return Page(
        paragraphs=tuple(paragraphs),
        title=title,
        authors=authors,
        published=document.date or None,
        site_name=(document.sitename or "").strip() or None,
        url=document.url or None,
    )
