"""Claims as schema.org ``Claim`` objects in JSON-LD, for fact-check databases and
linked-data tools.

Each claim becomes a ``Claim`` with a stable ``@id`` (from the claim id), its
``text``, its ``author`` (a ``Person`` or an ``Organization``, with the role the
article gives), ``dateCreated`` (when it was said, if known) and ``appearance``: the
``NewsArticle`` it appeared in, with its URL, headline, publisher and date. No
``ClaimReview`` is emitted: claimtrack finds claims, it does not rate them.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from claimtrack.models import ArticleInfo, Claim, Speaker

CONTEXT = "https://schema.org"
ID_PREFIX = "urn:claimtrack:claim:"
ARTICLE_ID_PREFIX = "urn:claimtrack:article:"
# schema.org types for claimtrack's speaker kinds; a place or a group speaks through
# an organisation ("Russia said", "officials said").
_AUTHOR_TYPES = {"person": "Person", "organization": "Organization", "place": "Organization", "group": "Organization"}


def claims_document(claims: Sequence[Claim]) -> dict[str, Any]:
    """One JSON-LD document holding every claim in ``@graph``."""
    return {"@context": CONTEXT, "@graph": [claim_object(claim) for claim in claims]}


def claim_object(claim: Claim) -> dict[str, Any]:
    found: dict[str, Any] = {
        "@type": "Claim",
        "@id": ID_PREFIX + claim.id,
        "identifier": claim.id,
        "text": claim.text,
    }
    if claim.speaker is not None:
        found["author"] = _author(claim.speaker)
    if claim.date is not None:
        found["dateCreated"] = claim.date.isoformat()
    found["appearance"] = _news_article(claim.article)
    if claim.figure is not None:
        figure = claim.figure
        found["about"] = {
            "@type": "QuantitativeValue",
            "value": figure.value,
            "minValue": figure.low,
            "maxValue": figure.high,
            "unitText": figure.unit,
            "description": figure.category,
        }
        found["about"] = {key: value for key, value in found["about"].items() if value is not None}
    return found


def _author(speaker: Speaker) -> dict[str, Any]:
    kind = _AUTHOR_TYPES[speaker.kind]
    author: dict[str, Any] = {"@type": kind, "name": speaker.name}
    if speaker.role:
        author["jobTitle" if kind == "Person" else "description"] = speaker.role
    return author


def _news_article(article: ArticleInfo) -> dict[str, Any]:
    found: dict[str, Any] = {"@type": "NewsArticle", "@id": ARTICLE_ID_PREFIX + article.id}
    if article.url:
        found["url"] = article.url
    if article.title:
        found["headline"] = article.title
    if article.source:
        found["publisher"] = {"@type": "Organization", "name": article.source}
    if article.published is not None:
        found["datePublished"] = article.published.isoformat()
    if article.authors:
        found["author"] = [{"@type": "Person", "name": name} for name in article.authors]
    return found
