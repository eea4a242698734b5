"""From a parsed article to its claims: statements and figures as `Claim` records."""

from __future__ import annotations

import hashlib
from collections.abc import Sequence

from spacy.tokens import Doc

from claimtrack.extract.figures import FigureMention, extract_figures
from claimtrack.extract.quotes import Statement, extract_statements
from claimtrack.extract.speakers import SpeakerResolver
from claimtrack.nlp.components import document_text, quote_spans
from claimtrack.nlp.quotemarks import QuoteSpan
from claimtrack.models import Article, ArticleInfo, Claim
from claimtrack.places import country_of


def claim_id(article_id: str, kind: str, start: int, end: int) -> str:
    """Stable across runs: the same article text gives the same ids."""
    return hashlib.sha256(f"{article_id}:{kind}:{start}:{end}".encode()).hexdigest()[:16]


def sentence_text(text: str, quotes: Sequence[QuoteSpan], start: int, end: int) -> str:
    """The exact text of the sentence(s) from ``start`` to ``end``, widened to the
    marks of every quotation they cut (the parser often leaves a closing mark to the
    next sentence)."""
    for q in quotes:
        last = q.after_close
        if q.open_mark < end and last > start:
            start, end = min(start, q.open_mark), max(end, last)
    return text[start:end].strip()


def _claim(text: str, quotes: Sequence[QuoteSpan], article: ArticleInfo, kind: str, found: Statement | FigureMention) -> Claim:
    return Claim(
        id=claim_id(article.id, kind, found.start, found.end),
        kind=kind,
        article=article,
        text=found.text,
        sentence=sentence_text(text, quotes, found.sentence_start, found.sentence_end),
        start=found.start,
        end=found.end,
        segments=found.segments if isinstance(found, Statement) else (),
        speaker=found.speaker,
        cue=found.cue,
        direct=found.direct,
        attribution=found.attribution if isinstance(found, Statement) else None,
        date=found.date,
        figure=found.figure if isinstance(found, FigureMention) else None,
    )


def extract_claims(doc: Doc, article: Article) -> list[Claim]:
    """Every claim in ``doc``, the parse of ``article.text``, in text order."""
    resolver = SpeakerResolver(doc)
    statements = extract_statements(doc, article.published, resolver)
    info = article.info()
    text = document_text(doc)
    quotes = quote_spans(doc)
    claims = [_claim(text, quotes, info, "quote", s) for s in statements]
    figures = extract_figures(doc, statements, resolver, article.published)
    claims += [_claim(text, quotes, info, "figure", f) for f in figures]
    # The id is a hash of the span: two finds of one span are one claim, the first kept.
    unique: dict[str, Claim] = {}
    for claim in claims:
        unique.setdefault(claim.id, claim)
    return sorted(unique.values(), key=lambda c: (c.start, c.kind))


def shift_claims(claims: list[Claim], offset: int) -> list[Claim]:
    """Claims found in a window of an article's text that starts at ``offset``, with
    their spans (and so their ids) moved to count from the start of the article."""
    if not offset:
        return claims
    return [
        c.model_copy(
            update={
                "id": claim_id(c.article.id, c.kind, c.start + offset, c.end + offset),
                "start": c.start + offset,
                "end": c.end + offset,
                "segments": tuple((start + offset, end + offset) for start, end in c.segments),
            }
        )
        for c in claims
    ]


def article_topics(doc: Doc) -> tuple[str, ...]:
    """The places, organisations and people ``doc`` names, places under their
    country's name when they have one ("Moscow" is "Russia")."""
    names = set()
    for entity in doc._.entities or ():
        if entity.kind in ("place", "organization", "person"):
            names.add(country_of(entity.name) or entity.name)
    return tuple(sorted(names))
