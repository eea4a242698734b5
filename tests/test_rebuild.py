"""The figure-group rebuild's shortcuts: each must leave the links and groups exactly
what they were without it. Every figure here is invented (tests/figure_world.py)."""

from __future__ import annotations

import itertools

import pytest
from figure_world import invented_figures

from claimtrack.linking.figures import KEEP_THRESHOLD, LINK_THRESHOLD, _compare, light_reports


def linked(score: float | None, threshold: float) -> bool:
    return score is not None and score >= threshold


@pytest.mark.parametrize("measures", [False, True], ids=["stored-before-measures", "with-measures"])
@pytest.mark.parametrize("seed", range(3))
def test_a_comparison_given_up_early_decides_every_pair_as_the_whole_comparison(seed, measures):
    claims, topics = invented_figures(seed, 80, measures=measures)
    reports = light_reports(claims, topics)
    given_up = 0
    for a, b in itertools.combinations(reports, 2):
        whole, reasons = _compare(a, b)
        assert _compare(a, b, explain=False)[0] == whole  # the score does not wait for the reasons
        for threshold in (LINK_THRESHOLD, KEEP_THRESHOLD):
            quick, quick_reasons = _compare(a, b, explain=False, at_least=threshold)
            assert linked(quick, threshold) == linked(whole, threshold), (a.id, b.id, threshold)
            if linked(whole, threshold):
                assert quick == whole
            assert quick_reasons == []
            given_up += quick != whole
    assert given_up > 0  # the shortcut is taken, not only harmless
