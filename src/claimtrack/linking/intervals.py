"""What a report of a figure allows, and how a group of reports disagrees.

Each report's wording allows an interval (`interval`): "more than 13,000" excludes
its bound, "nearly 600" its value. A group's verdict reads them:

- ``contradictory``: at least two reports cannot both be true (their intervals do not
  overlap: "tens of thousands" against "more than 100,000");
- ``consistent``: every report gives the same number ("8,500" and "about 8,500");
- ``divergent``: the numbers differ but all could hold at once ("more than 13,000" and
  "more than 14,000").
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import combinations

from claimtrack.models import Figure, Verdict, figure_numbers, figure_size

# --- intervals and verdicts ---------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Interval:
    """What a report allows: from ``low`` to ``high`` (None = unbounded); ``open_low``
    / ``open_high`` exclude the bound itself ("more than 13,000")."""

    low: float
    high: float
    open_low: bool = False
    open_high: bool = False

    def meets(self, other: Interval) -> bool:
        low, high = max(self.low, other.low), min(self.high, other.high)
        if low < high:
            return True
        if low > high:
            return False
        excluded_low = (self.open_low and self.low == low) or (other.open_low and other.low == low)
        excluded_high = (self.open_high and self.high == high) or (other.open_high and other.high == high)
        return not (excluded_low or excluded_high)


def interval(figure: Figure) -> Interval:
    low = 0.0 if figure.low is None else float(figure.low)
    high = math.inf if figure.high is None else float(figure.high)
    return Interval(
        low=low,
        high=high,
        open_low=figure.qualifier == "more_than",
        open_high=figure.qualifier in ("less_than", "nearly"),
    )


def stated(figure: Figure) -> tuple[float | None, float | None]:
    """The number a report gives, whatever the qualifier: 8,500 for "about 8,500"."""
    if figure.value is not None:
        return float(figure.value), float(figure.value)
    return (
        None if figure.low is None else float(figure.low),
        None if figure.high is None else float(figure.high),
    )


def central(figure: Figure) -> float | None:
    """One number for comparing sizes: the value, a range's midpoint, or a bound
    (`claimtrack.models.figure_size`)."""
    return figure_size(figure)


def verdict(figures: Sequence[Figure]) -> Verdict:
    """The rule stated in the module docstring, over each report's interval."""
    intervals = [interval(f) for f in figures]
    if any(not a.meets(b) for a, b in combinations(intervals, 2)):
        return "contradictory"
    if len({stated(f) for f in figures}) == 1:
        return "consistent"
    return "divergent"


def given(figure: Figure) -> tuple[float, ...]:
    """The numbers a report gives (`claimtrack.models.figure_numbers`)."""
    return figure_numbers(figure)


def spread(figures: Sequence[Figure]) -> float | None:
    """Largest over smallest of the numbers the reports give (see `given`): never a
    midpoint of "tens of thousands", which no one said. None when fewer than two
    reports give a number, or one gives zero: no ratio says how far "0 troops" is from
    "12,000" (the group's `FigureGroup.spread_unknown` says which)."""
    giving = [numbers for numbers in (given(f) for f in figures) if numbers]
    if len(giving) < 2 or any(min(numbers) == 0 for numbers in giving):
        return None
    numbers = [n for found in giving for n in found]
    return max(numbers) / min(numbers)

