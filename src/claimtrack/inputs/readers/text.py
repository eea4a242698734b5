"""Plain-text articles (``.txt``): header metadata plus the cleaned body.

Plain-text news arrives in many shapes: bylines, ``Key: value`` blocks, bare dates
and URLs above the headline, deks and captions, video-embed and app-install junk,
comment forms below the story. The header zone (the lines above the first real body
paragraph) is read for metadata and otherwise dropped (`claimtrack.inputs.header`),
as are byline and date lines just below a standfirst paragraph; page furniture is
removed anywhere by generic patterns (`claimtrack.inputs.furniture`). Later stages
compute character offsets into ``Article.text``, so the body is final once it leaves
this module.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from claimtrack.inputs.readers import NoArticle, Reader
from claimtrack.inputs.readers.html import looks_like_html

if TYPE_CHECKING:
    from claimtrack.models import Article

# A web page read as plain text gives its markup and navigation as the story.
MARKUP_REASON = "this is HTML markup, not plain text: save it as .html, or read standard input with --format html"


def read_text(text: str, path: str) -> Iterator[Article | NoArticle]:
    if looks_like_html(text):
        yield NoArticle(MARKUP_REASON)
        return
    yield load_text(text, path=path)


# The default format: what standard input is read as when no other reader recognises it.
READERS = (Reader(name="txt", suffixes=(".txt",), read=read_text, label="plain text"),)


def load_text(raw: str, *, path: str | None = None) -> Article:
    """An article from already-decoded text: header metadata plus the cleaned body.

    The body may come out empty (nothing but header and furniture); `iter_inputs`
    reports such files as failed, other callers decide for themselves.
    """
    # Imported here: the CLI imports this module at start-up to list the formats.
    from claimtrack.inputs.body import article_id, paragraphs_of
    from claimtrack.inputs.bylines import wire_credit_authors
    from claimtrack.inputs.decoding import HORIZONTAL_SPACE, normalise_text
    from claimtrack.inputs.furniture import remove_furniture
    from claimtrack.inputs.header import month_evidence, split_header, unflattened
    from claimtrack.inputs.outlets import dateline_outlet, full_outlet_name, host, is_abbreviation, outlet_hint
    from claimtrack.models import Article

    lines = [HORIZONTAL_SPACE.sub(" ", line).strip() for line in unflattened(normalise_text(raw).split("\n"))]
    body_start, header = split_header(lines, month_evidence(raw, lines))
    body = paragraphs_of(remove_furniture(lines[body_start:]))
    text = "\n\n".join(body)
    source = header.source or header.byline_outlet or host(header.url) or (dateline_outlet(body[0]) if body else None)
    if source is None:
        source = outlet_hint(lines)
    elif is_abbreviation(source):
        # "(WWS)" in a dateline, "By Jane Doe, WWS": the article may spell the name out.
        named = [header.source, header.byline_outlet, outlet_hint(lines)]
        source = full_outlet_name(source, named, "\n".join(lines)) or source
    if not header.authors:
        header.authors = wire_credit_authors(lines[body_start:])
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
