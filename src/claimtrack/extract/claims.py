"""From a parsed article to its claims: statements and figures as `Claim` records."""

from __future__ import annotations

import hashlib

from spacy.tokens import Doc

from claimtrack.extract.figures import extract_figures
from claimtrack.extract.quotes import extract_statements
from claimtrack.extract.speakers import SpeakerResolver
from claimtrack.models import Article, Claim


def claim_id(article_id: str, kind: str, start: int, end: int) -> str:
    """Stable across runs: the same article text gives the same ids."""
    return hashlib.sha256(f"{article_id}:{kind}:{start}:{end}".encode()).hexdigest()[:16]


def _sentence(doc: Doc, start: int, end: int) -> str:
    return " ".join(doc.text[start:end].split())


def extract_claims(doc: Doc, article: Article) -> list[Claim]:
    """Every claim in ``doc``, the parse of ``article.text``, in text order."""
    info = article.info()
    resolver = SpeakerResolver(doc)
    statements = extract_statements(doc, article.published, resolver)
    claims = [
        Claim(
            id=claim_id(article.id, "quote", s.start, s.end),
            kind="quote",
            article=info,
            text=s.text,
            sentence=_sentence(doc, s.sentence_start, s.sentence_end),
            start=s.start,
            end=s.end,
            segments=s.segments,
            speaker=s.speaker,
            cue=s.cue,
            direct=s.direct,
            date=s.date,
        )
        for s in statements
    ]
    claims += [
        Claim(
            id=claim_id(article.id, "figure", f.start, f.end),
            kind="figure",
            article=info,
            text=f.text,
            sentence=_sentence(doc, f.sentence_start, f.sentence_end),
            start=f.start,
            end=f.end,
            speaker=f.speaker,
            cue=f.cue,
            direct=f.direct,
            date=f.date,
            figure=f.figure,
        )
        for f in extract_figures(doc, statements, resolver)
    ]
    claims.sort(key=lambda c: (c.start, c.kind))
    return claims
