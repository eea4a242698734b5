"""Lining up the same figure across sources, and the same quotation across outlets.

Figures are grouped when they measure the same quantity: same category and planned or
present alike, counted things that can be the same, owners and periods that do not
disagree, and enough agreement in place, owner, period and size to link them. Groups
never hold two figures that disagree on any of those.

A group's verdict reads the intervals the wording allows:
- ``contradictory``: at least two reports cannot both be true (their intervals do not
  overlap: "tens of thousands" against "more than 100,000");
- ``consistent``: every report gives the same number ("8,500" and "about 8,500");
- ``divergent``: the numbers differ but all could hold at once ("more than 13,000" and
  "more than 14,000").
"""

from __future__ import annotations

import datetime as dt
import difflib
import math
import re
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from itertools import combinations

from claimtrack.models import Claim, Figure, FigureGroup, QuotePair, Verdict, WordChange
from claimtrack.places import country_of, same_owner

# Two reports join a group when one pair scores this much (see `_compare`) and no pair
# across the two sides scores less than KEEP_THRESHOLD.
LINK_THRESHOLD = 3.0
KEEP_THRESHOLD = 1.0
# Articles sharing less than this of what they name are about different things.
TOPIC_MINIMUM = 0.2
# Points for how close two reported sizes are: (largest ratio, points, reason).
SIZE_POINTS = (
    (1.05, 2.0, "the same size"),
    (1.2, 1.5, "sizes within a fifth"),
    (1.5, 1.0, "sizes within half"),
    (3.0, 0.0, None),
    (10.0, -1.0, None),
    (math.inf, -2.0, None),
)
# Counted things within these categories name the same quantity in other words.
INTERCHANGEABLE_UNITS = frozenset({"troops", "casualties"})
# Units that say nothing about what is counted.
VAGUE_UNITS = frozenset({"number", "figure", "total", "count", "them", "those", "others", "other"})
# Units too general to count as agreement between two reports.
GENERIC_UNITS = frozenset({"people", "person", "usd", "eur", "gbp"})
DEATH_WORDS = frozenset({"kill", "die", "claim", "life", "death", "dead", "fatality", "toll", "slay"})
INJURY_WORDS = frozenset({"wound", "injure", "hurt", "wounded", "injured"})
# Quotations this similar, word by word, are one statement reported twice.
QUOTE_SIMILARITY = 0.6
QUOTE_MIN_WORDS = 8
_STOPWORDS = frozenset("the a an of to in on at near with along by for and from its their".split())
_YEAR = re.compile(r"\b(1[89]\d\d|20\d\d)\b")
_WORD = re.compile(r"[\w'’-]+")


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
    """One number for comparing sizes: the value, a range's midpoint, or a bound."""
    if figure.value is not None:
        return float(figure.value)
    if figure.low is not None and figure.high is not None:
        return (float(figure.low) + float(figure.high)) / 2
    bound = figure.low if figure.low is not None else figure.high
    return None if bound is None else float(bound)


def verdict(figures: Sequence[Figure]) -> Verdict:
    """The rule stated in the module docstring, over each report's interval."""
    intervals = [interval(f) for f in figures]
    if any(not a.meets(b) for a, b in combinations(intervals, 2)):
        return "contradictory"
    if len({stated(f) for f in figures}) == 1:
        return "consistent"
    return "divergent"


def spread(figures: Sequence[Figure]) -> float | None:
    """Largest over smallest reported size."""
    sizes = [c for c in (central(f) for f in figures) if c]
    return max(sizes) / min(sizes) if sizes else None


# --- grouping -------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Report:
    claim: Claim
    figure: Figure
    unit: str | None
    owner: str | None
    place: frozenset[str]
    since: str | None
    size: float | None
    context: frozenset[str]
    topics: frozenset[str] | None


def _unit(figure: Figure) -> str | None:
    if figure.unit is None or figure.unit.lower() in VAGUE_UNITS:
        return None
    word = figure.unit.lower()
    if word.endswith("ies"):
        return word[:-3] + "y"
    return word[:-1] if word.endswith("s") and not word.endswith("ss") else word


def _place_words(place: str | None) -> frozenset[str]:
    if not place:
        return frozenset()
    words = set()
    for word in _WORD.findall(place):
        country = country_of(word)
        words.add(country.lower() if country else word.lower())
    return frozenset(words - _STOPWORDS)


def _context_words(sentence: str) -> frozenset[str]:
    return frozenset(w.lower() for w in _WORD.findall(sentence) if len(w) > 2 and not w[0].isdigit()) - _STOPWORDS


def _report(claim: Claim, topics: Mapping[str, Sequence[str]] | None) -> _Report:
    figure = claim.figure
    assert figure is not None
    year = _YEAR.search(figure.since or "")
    known = topics.get(claim.article.id) if topics is not None else None
    return _Report(
        claim=claim,
        figure=figure,
        unit=_unit(figure),
        owner=figure.owner,
        place=_place_words(figure.place),
        since=year.group(1) if year else None,
        size=central(figure),
        context=_context_words(claim.sentence),
        topics=frozenset(known) if known else None,
    )


def _same_source(a: Claim, b: Claim) -> bool:
    return (a.speaker.name if a.speaker else None) == (b.speaker.name if b.speaker else None)


def _harm(figure: Figure) -> str | None:
    """"dead" or "hurt" for a casualty figure, when its verb or noun says which."""
    for word in (figure.verb, _unit(figure)):
        if word in DEATH_WORDS:
            return "dead"
        if word in INJURY_WORDS:
            return "hurt"
    return None


def _overlap(a: frozenset[str], b: frozenset[str]) -> float:
    return len(a & b) / min(len(a), len(b)) if a and b else 0.0


def _compare(a: _Report, b: _Report) -> tuple[float | None, list[str]]:
    """How strongly two reports look like the same quantity, with the reasons; None
    when something shows they are not."""
    fa, fb = a.figure, b.figure
    if fa.category != fb.category or fa.planned != fb.planned:
        return None, []
    score, reasons = 0.0, [f"both count {fa.category}"]
    if a.claim.article.id == b.claim.article.id and _same_source(a.claim, b.claim):
        # One source giving two numbers in one article gives two quantities ("revenue
        # of $2.1bn, down from $2.9bn"); a second report comes from someone else.
        return None, []
    if fa.category == "casualties" and _harm(fa) and _harm(fb) and _harm(fa) != _harm(fb):
        return None, []  # the dead are not the wounded
    if a.unit and b.unit:
        if a.unit == b.unit:
            if a.unit not in GENERIC_UNITS:
                score += 0.5
                reasons.append(f"both count {fa.unit}")
        elif fa.category not in INTERCHANGEABLE_UNITS:
            return None, []
    owners = same_owner(a.owner, b.owner)
    if owners is False:
        return None, []
    if owners:
        score += 2.0
        reasons.append(f"both are {country_of(a.owner) or a.owner}'s")
    if a.since and b.since:
        if a.since != b.since:
            return None, []
        score += 1.5
        reasons.append(f"both since {a.since}")
    if a.place and b.place:
        shared = a.place & b.place
        if shared:
            score += 1.5
            reasons.append("both " + " ".join(sorted(shared)))
        else:
            score -= 1.0
    if a.claim.article.id == b.claim.article.id:
        score += 1.0
        reasons.append("in the same article")
    elif a.topics is not None and b.topics is not None:
        shared_topics = _overlap(a.topics, b.topics)
        if shared_topics < TOPIC_MINIMUM:
            return None, []  # articles about different things
        score += 1.0 if shared_topics >= 0.5 else 0.5
        reasons.append("articles about " + ", ".join(sorted(a.topics & b.topics)[:3]))
    if a.size and b.size and (fa.qualifier != "vague" or fb.qualifier != "vague"):
        # Two "tens of thousands" are not evidence of anything: the phrase is common.
        ratio = max(a.size, b.size) / min(a.size, b.size)
        for limit, points, reason in SIZE_POINTS:
            if ratio <= limit:
                score += points
                if reason:
                    reasons.append(reason)
                break
    context = _overlap(a.context, b.context)
    if context >= 0.3:
        score += 1.0
        reasons.append("sentences alike")
    elif context >= 0.15:
        score += 0.5
    return score, reasons


def _report_date(report: _Report) -> dt.date | None:
    return report.figure.as_of or report.claim.date or report.claim.article.published


def _label(reports: list[_Report]) -> str:
    def most(values: list[str | None]) -> str | None:
        counts = Counter(v for v in values if v)
        return counts.most_common(1)[0][0] if counts else None

    category = reports[0].figure.category
    unit = most([r.figure.unit for r in reports])
    owner = most([country_of(r.owner) or r.owner for r in reports])
    place = most([r.figure.place for r in reports])
    since = most([r.figure.since for r in reports])
    label = f"{category} ({unit})" if unit and unit.lower() != category else category
    if owner:
        label = f"{owner}: {label}"
    if place:
        label += f" {place}"
    if since:
        label += f" since {since}"
    if reports[0].figure.planned:
        label += " (planned or possible)"
    return label


def group_figures(
    claims: Sequence[Claim],
    *,
    topics: Mapping[str, Sequence[str]] | None = None,
    include_consistent: bool = False,
    min_sources: int = 1,
    source: str | None = None,
    category: str | None = None,
) -> list[FigureGroup]:
    """Groups of two or more figure claims that measure the same quantity.

    ``topics`` maps article ids to what each article names (`Article.topics`); figures
    from articles that share too little of it are not compared. ``source`` keeps the
    groups with a report from an outlet whose name contains it; ``min_sources`` the
    groups reported by at least that many outlets.
    """
    reports = [
        _report(c, topics)
        for c in claims
        if c.figure is not None and c.figure.category != "duration" and (category is None or c.figure.category == category)
    ]
    scored: list[tuple[float, int, int, list[str]]] = []
    weak: set[tuple[int, int]] = set()
    for i, j in combinations(range(len(reports)), 2):
        score, reasons = _compare(reports[i], reports[j])
        if score is None or score < KEEP_THRESHOLD:
            weak.add((i, j))
        elif score >= LINK_THRESHOLD:
            scored.append((score, i, j, reasons))
    cluster_of = list(range(len(reports)))
    members: dict[int, list[int]] = {i: [i] for i in range(len(reports))}
    why: dict[int, list[str]] = {i: [] for i in range(len(reports))}
    for score, i, j, reasons in sorted(scored, key=lambda s: (-s[0], s[1], s[2])):
        a, b = cluster_of[i], cluster_of[j]
        if a == b:
            continue
        if any((min(x, y), max(x, y)) in weak for x in members[a] for y in members[b]):
            continue  # complete linkage: every pair in a group must look alike
        for k in members[b]:
            cluster_of[k] = a
        members[a] += members.pop(b)
        why[a] += why.pop(b) + [f"{_who(reports[i])} ~ {_who(reports[j])}: " + ", ".join(reasons)]
    groups = []
    for root, indices in members.items():
        if len(indices) < 2:
            continue
        group = [reports[k] for k in sorted(indices, key=lambda k: (_report_date(reports[k]) or dt.date.max, k))]
        outlets = {r.claim.article.source or r.claim.article.id for r in group}
        if len(outlets) < min_sources:
            continue
        if source is not None and not any(source.lower() in (r.claim.article.source or "").lower() for r in group):
            continue
        figures = [r.figure for r in group]
        found = verdict(figures)
        if found == "consistent" and not include_consistent:
            continue
        # A report dated "last week" against undated ones may still be older.
        dates = {_report_date(r) or r.figure.when for r in group} - {None}
        groups.append(
            FigureGroup(
                label=_label(group),
                category=group[0].figure.category,
                verdict=found,
                spread=spread(figures),
                sources=len(outlets),
                dates_differ=len(dates) > 1 or any(r.figure.when and not r.figure.as_of for r in group),
                explanation=tuple(why[root]),
                figures=tuple(r.claim for r in group),
            )
        )
    order = {"contradictory": 0, "divergent": 1, "consistent": 2}
    groups.sort(key=lambda g: (order[g.verdict], -g.sources, g.label))
    return groups


def _who(report: _Report) -> str:
    return f'"{report.claim.text}" ({report.claim.article.source or report.claim.article.path})'


# --- the same quotation in other words ------------------------------------------------------


def _words(text: str) -> list[str]:
    return _WORD.findall(text)


def compare_quotes(claims: Sequence[Claim], *, similarity: float = QUOTE_SIMILARITY) -> list[QuotePair]:
    """Pairs of statements by the same speaker in different articles that are the same
    statement in other words, with a word-level account of the differences."""
    by_speaker: dict[str, list[Claim]] = {}
    for claim in claims:
        if claim.kind == "quote" and claim.speaker is not None and len(_words(claim.text)) >= QUOTE_MIN_WORDS:
            by_speaker.setdefault(claim.speaker.name, []).append(claim)
    pairs = []
    for speaker, said in by_speaker.items():
        for a, b in combinations(said, 2):
            if a.article.id == b.article.id:
                continue
            words_a, words_b = _words(a.text), _words(b.text)
            matcher = difflib.SequenceMatcher(a=[w.lower() for w in words_a], b=[w.lower() for w in words_b], autojunk=False)
            ratio = matcher.ratio()
            if ratio < similarity:
                continue
            changes = tuple(
                WordChange(op=op, first=" ".join(words_a[i1:i2]), second=" ".join(words_b[j1:j2]))
                for op, i1, i2, j1, j2 in matcher.get_opcodes()
            )
            pairs.append(QuotePair(speaker=speaker, similarity=round(ratio, 3), claims=(a, b), changes=changes))
    pairs.sort(key=lambda p: (-p.similarity, p.speaker))
    return pairs
