"""The CLI spells out its choices to stay import-light; they must match the models."""

from claimtrack import cli
from claimtrack.models import CATEGORIES, CLAIM_KINDS


def test_category_choices_match_the_model():
    assert [c.value for c in cli.Category] == list(CATEGORIES)


def test_kind_choices_match_the_model():
    assert [k.value for k in cli.Kind] == list(CLAIM_KINDS)
