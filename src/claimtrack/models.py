"""The typed records claimtrack reads, extracts, stores and prints.

All records are frozen and reject unknown fields; serialise them with
``model_dump(mode="json")``. Field names here are the JSON contract documented
in the README, so renaming one is a breaking change.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterable, Iterator
from typing import Any, Literal, NamedTuple

from pydantic import BaseModel, ConfigDict, Field, computed_field, model_validator

# The closed sets the records' fields take, re-exported for the records' users.
from claimtrack.closed_sets import (  # noqa: F401
    VERDICT_ORDER,
    Attribution,
    DateSource,
    Category,
    ClaimKind,
    FileStatus,
    Measure,
    Qualifier,
    SpeakerKind,
    Verdict,
)


class Record(BaseModel):
    # defer_build: a model's validator is built when first used, not at import, so
    # a command pays only for the models it touches. use_enum_values: fields hold the
    # plain values of the closed sets (`claimtrack.closed_sets`).
    model_config = ConfigDict(frozen=True, extra="forbid", defer_build=True, use_enum_values=True)


class ArticleInfo(Record):
    """An article's metadata: what every claim carries about its origin."""

    id: str
    path: str | None = None
    source: str | None = None
    title: str | None = None
    published: dt.date | None = None
    authors: tuple[str, ...] = ()
    url: str | None = None


class Article(ArticleInfo):
    """An article as loaded: metadata plus the cleaned body text claims point into."""

    text: str
    notes: tuple[str, ...] = ()
    # The places, organisations and people the article names, found by extraction:
    # what its figures can be compared against.
    topics: tuple[str, ...] = ()
    # Fields an input gave that claimtrack does not know (a news API's "section", say).
    extra: dict[str, Any] = Field(default_factory=dict)

    def __hash__(self) -> int:
        # ``extra`` holds JSON values, which do not hash; equal articles share these.
        return hash((self.id, self.path, self.text))

    def info(self) -> ArticleInfo:
        return ArticleInfo(**{name: getattr(self, name) for name in ArticleInfo.model_fields})


class Appearance(Record):
    """One place an article's text appeared: a file or record, an outlet, a URL, with
    the date, title and authors that copy gave. Syndicated wire copy appears in many
    outlets under one text, so one article can have many appearances."""

    path: str | None = None
    source: str | None = None
    title: str | None = None
    published: dt.date | None = None
    authors: tuple[str, ...] = ()
    url: str | None = None

    @classmethod
    def of(cls, info: ArticleInfo) -> Appearance:
        return cls(**{name: getattr(info, name) for name in cls.model_fields})


class ArticleListing(ArticleInfo):
    """An article's metadata (its primary appearance, which its claims carry) with every
    appearance of its text, the primary first."""

    appearances: tuple[Appearance, ...] = ()


class Speaker(Record):
    name: str
    mention: str
    kind: SpeakerKind
    role: str | None = None


class Figure(Record):
    """A number as the wording allows it: ``low``/``high`` bound the interval (None = open).

    The context says what exactly is measured, so that figures from different sources
    can be compared: whose the counted thing is (``owner``: "Russian"), where
    (``place``: "near the border"), since when (``since``: "April 2014"), and the date
    the figure is given for (``as_of``, with ``when`` as written when it is not one day).
    ``planned`` marks a figure that is planned, possible or feared rather than present
    ("could invade with 175,000 troops"); ``verb`` is what happened to the counted
    thing, as a lemma ("kill", "wound", "deploy").

    ``measure`` is what is counted, finely (deaths, injured, missing, crowd, homes,
    area ...; see `Measure` and ``data/lexicon/categories.tsv``), and ``category`` the
    coarse category it belongs to. ``measure`` is None on records that predate it.
    """

    value: int | float | None
    low: int | float | None
    high: int | float | None
    qualifier: Qualifier
    unit: str | None = None
    category: Category = "other"
    measure: Measure | None = None
    owner: str | None = None
    place: str | None = None
    since: str | None = None
    when: str | None = None
    as_of: dt.date | None = None
    planned: bool = False
    verb: str | None = None


class Claim(Record):
    """One claim. ``text`` is the statement (a quote's content, a figure's phrase).

    ``segments`` are the character spans of the article body that make up ``text``,
    joined by one space; a quotation interrupted by its attribution ("A," he said.
    "B.") has two. ``start``/``end`` span all of them.
    """

    id: str
    kind: ClaimKind
    article: ArticleInfo
    text: str
    sentence: str
    start: int
    end: int
    segments: tuple[tuple[int, int], ...] = ()
    speaker: Speaker | None = None
    cue: str | None = None
    direct: bool = False
    # Quotes only: a statement, a belief (or intention, or position) or a nominal attribution.
    attribution: Attribution | None = None
    date: dt.date | None = None
    # Quotes only: where ``date`` comes from (None when there is no date).
    date_source: DateSource | None = None
    figure: Figure | None = None

    @model_validator(mode="before")
    @classmethod
    def _one_segment_by_default(cls, data: object) -> object:
        if isinstance(data, dict) and not data.get("segments") and "start" in data and "end" in data:
            data = {**data, "segments": ((data["start"], data["end"]),)}
        return data


# The day a figure was true: the first of these fields a claim has (the day the figure
# is given for, the day it was said, the article's date). `figure_day` reads it here and
# the store's SQL from the same fields.
FIGURE_DAY = ("figure.as_of", "date", "article.published")


def figure_day(claim: Claim) -> dt.date | None:
    for path in FIGURE_DAY:
        value: Any = claim
        for name in path.split("."):
            value = getattr(value, name) if value is not None else None
        if value is not None:
            return value
    return None


def figure_numbers(figure: Figure) -> tuple[float, ...]:
    """The numbers a report gives: its number ("about 8,500", "more than 13,000"), or
    both ends of a range it states ("between 459 and 475"); none for a vague amount
    ("tens of thousands"), whose bounds nobody said."""
    if figure.qualifier == "vague":
        return ()
    if figure.value is not None:
        return (float(figure.value),)
    return tuple(float(n) for n in (figure.low, figure.high) if n is not None)


def figure_size(figure: Figure) -> float | None:
    """One number for a report's size: the value, a range's midpoint, or a bound."""
    if figure.value is not None:
        return float(figure.value)
    if figure.low is not None and figure.high is not None:
        return (float(figure.low) + float(figure.high)) / 2
    bound = figure.low if figure.low is not None else figure.high
    return None if bound is None else float(bound)


class FigureGroup(Record):
    """Reports of one quantity from one or more sources, and how they disagree."""

    label: str
    category: Category
    # The fine measure every report of the group shares (None when they do not say).
    measure: Measure | None = None
    verdict: Verdict
    spread: float | None
    sources: int
    dates_differ: bool
    explanation: tuple[str, ...]
    figures: tuple[Claim, ...]
    # For each article of the reports, every appearance of its text (the primary first):
    # a syndicated text is one report, however many outlets ran it.
    appearances: dict[str, tuple[Appearance, ...]] = Field(default_factory=dict)

    @computed_field
    @property
    def spread_unknown(self) -> str | None:
        """Why ``spread`` is None: a ratio to zero says nothing ("0 troops" against
        "12,000" is no "1.00x"), and without two numbers someone gave there is none
        ("tens of thousands" gives no number)."""
        if self.spread is not None:
            return None
        giving = [numbers for c in self.figures if c.figure is not None and (numbers := figure_numbers(c.figure))]
        zeros = sum(min(numbers) == 0 for numbers in giving)
        if zeros and zeros == len(giving):
            return "every report gives zero"
        if zeros:
            return "a report gives zero"
        return "fewer than two reports give a number"

    @property
    def key(self) -> str:
        """The group's stable name (see `group_key`)."""
        return group_key(c.id for c in self.figures)

    def outlets(self) -> Iterator[str | None]:
        """Every outlet a report of the group appeared in."""
        for claim in self.figures:
            yield claim.article.source
            yield from (a.source for a in self.appearances.get(claim.article.id, ()))


def group_key(claim_ids: Iterable[str]) -> str:
    """A group's stable name: the same members give the same key."""
    return hashlib.sha256("\n".join(sorted(claim_ids)).encode()).hexdigest()[:16]


# How groups are listed: disagreements first (VERDICT_ORDER), then the most widely
# reported, then by label and key. `sort_groups` reads it here and the store's SQL
# from the same fields: (field, "severity" | "descending" | "ascending").
GROUP_ORDER = (("verdict", "severity"), ("sources", "descending"), ("label", "ascending"), ("key", "ascending"))


def sort_groups(groups: Iterable[FigureGroup]) -> list[FigureGroup]:
    def order(group: FigureGroup) -> tuple[Any, ...]:
        key = []
        for field, direction in GROUP_ORDER:
            value = getattr(group, field)
            if direction == "severity":
                value = VERDICT_ORDER.index(value)
            elif direction == "descending":
                value = -value
            key.append(value)
        return tuple(key)

    return sorted(groups, key=order)


class GroupCondition(NamedTuple):
    """One condition a group must meet (see `GroupFilter.conditions`): its ``field``
    (``category``, ``measure``, ``verdict``, ``sources``, or ``outlet``: any outlet a report
    appeared in) compared by ``op`` (``=``, ``!=``, ``>=``, or ``contains``: case-insensitive)."""

    field: Literal["category", "measure", "verdict", "sources", "outlet"]
    op: Literal["=", "!=", ">=", "contains"]
    value: Any

    def holds(self, group: FigureGroup) -> bool:
        values = group.outlets() if self.field == "outlet" else (getattr(group, self.field),)
        return any(self._compare(value) for value in values)

    def _compare(self, value: Any) -> bool:
        if self.op == "=":
            return value == self.value
        if self.op == "!=":
            return value != self.value
        if self.op == ">=":
            return value >= self.value
        return self.value.lower() in (value or "").lower()


class FigureLink(Record):
    """Two figure claims that look like reports of one quantity (ids, ``first`` <
    ``second``), with the score and reasons of the comparison."""

    first: str
    second: str
    score: float
    reasons: tuple[str, ...]


class WordChange(Record):
    """One step of a word-level comparison: "equal", "replace", "delete" or "insert"."""

    op: Literal["equal", "replace", "delete", "insert"]
    first: str
    second: str


class QuotePair(Record):
    """The same statement as two outlets reported it."""

    speaker: str
    similarity: float
    claims: tuple[Claim, Claim]
    changes: tuple[WordChange, ...]


class SpeakerName(Record):
    """A speaker name as the store holds it (resolved inside one article), with its
    most frequent kind and its number of claims."""

    name: str
    kind: SpeakerKind
    claims: int
    roles: tuple[str, ...] = ()


class SpeakerSummary(Record):
    """One canonical speaker across the store."""

    name: str
    kind: SpeakerKind
    aliases: tuple[str, ...]
    roles: tuple[str, ...]
    claims: int
    articles: int


class ClaimFilter(Record):
    """What `claims` asks the store for. Text filters are case-insensitive."""

    speaker: str | None = None
    kind: ClaimKind | None = None
    attribution: Attribution | None = None
    source: str | None = None
    category: Category | None = None
    measure: Measure | None = None
    since: dt.date | None = None
    until: dt.date | None = None
    search: str | None = None
    limit: int | None = None


class GroupFilter(Record):
    """What `diff` asks for: the groups of figures to list. ``source`` keeps the groups
    with a report from an outlet whose name contains it (any case), under any
    appearance; ``min_sources`` those reported by at least that many outlets."""

    category: Category | None = None
    measure: Measure | None = None
    include_consistent: bool = False
    min_sources: int = 1
    source: str | None = None
    limit: int | None = None

    def conditions(self) -> tuple[GroupCondition, ...]:
        """The conditions a group must meet: checked here by `admits`, and turned into
        SQL by the store."""
        found = []
        if self.category is not None:
            found.append(GroupCondition("category", "=", self.category))
        if self.measure is not None:
            found.append(GroupCondition("measure", "=", self.measure))
        if not self.include_consistent:
            found.append(GroupCondition("verdict", "!=", Verdict.consistent.value))
        if self.min_sources > 1:
            found.append(GroupCondition("sources", ">=", self.min_sources))
        if self.source is not None:
            found.append(GroupCondition("outlet", "contains", self.source))
        return tuple(found)

    def admits(self, group: FigureGroup) -> bool:
        return all(condition.holds(group) for condition in self.conditions())


class FileOutcome(Record):
    """What happened to one input file during `extract`."""

    path: str
    status: FileStatus
    reason: str | None = None
    article_id: str | None = None
    quotes: int = 0
    figures: int = 0
    notes: tuple[str, ...] = ()


class ExtractReport(Record):
    outcomes: tuple[FileOutcome, ...]
    # The figure claims the run stored: what the figure groups must take in.
    figure_ids: tuple[str, ...] = ()

    def count(self, status: FileStatus) -> int:
        return sum(1 for outcome in self.outcomes if outcome.status == status)

    @property
    def quotes(self) -> int:
        return sum(outcome.quotes for outcome in self.outcomes)

    @property
    def figures(self) -> int:
        return sum(outcome.figures for outcome in self.outcomes)
