from pathlib import Path

import pytest

from claimtrack.extract.claims import claim_id, extract_claims
from claimtrack.inputs.readers.text import load_text
from claimtrack.nlp.pipeline import DEFAULT_MODEL, load_pipeline

FIXTURES = Path(__file__).resolve().parent.parent / "data" / "fixtures"


@pytest.fixture(scope="module")
def claims():
    nlp = load_pipeline(DEFAULT_MODEL)
    article = load_text((FIXTURES / "harbor_strike.txt").read_text(encoding="utf-8"), path="harbor_strike.txt")
    return article, extract_claims(nlp(article.text), article)


def test_segments_slice_the_article_to_the_claim_text(claims):
    article, found = claims
    assert found
    for claim in found:
        assert claim.text == " … ".join(article.text[s:e] for s, e in claim.segments)
        assert (claim.start, claim.end) == (claim.segments[0][0], claim.segments[-1][1])


def test_claims_carry_their_article_and_come_in_text_order(claims):
    article, found = claims
    assert {c.article for c in found} == {article.info()}
    assert [c.start for c in found] == sorted(c.start for c in found)


def test_claim_ids_are_stable_and_unique(claims):
    article, found = claims
    assert len({c.id for c in found}) == len(found)
    for claim in found:
        assert claim.id == claim_id(article.id, claim.kind, claim.start, claim.end)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        (("art1", "quote", 0, 10), ("art2", "quote", 0, 10)),
        (("art1", "quote", 0, 10), ("art1", "figure", 0, 10)),
        (("art1", "quote", 0, 10), ("art1", "quote", 0, 11)),
    ],
)
def test_claim_ids_differ_when_anything_differs(a, b):
    assert claim_id(*a) != claim_id(*b)
