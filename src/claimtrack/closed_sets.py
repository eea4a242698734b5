"""The closed sets of values claimtrack's records, rules and command-line options share.

Kept apart from the records (`claimtrack.models`) so that the command line can offer
them as choices without importing pydantic.
"""

from __future__ import annotations

import enum


class ClosedSet(str, enum.Enum):
    """A closed set of values, shared by the records, the rules and the CLI's options.
    Records hold the plain value, so JSON, SQL and comparisons see a string."""

    def __str__(self) -> str:
        return self.value


class SpeakerKind(ClosedSet):
    person = "person"
    organization = "organization"
    place = "place"
    group = "group"
    # A report, poll, statement or record that a claim is sourced to ("the poll shows").
    document = "document"


class ClaimKind(ClosedSet):
    quote = "quote"
    figure = "figure"


class Attribution(ClosedSet):
    """How a quote claim is attributed to its speaker."""

    # Something said or written: "X said ...", "X denied ...", "X called the plan ...".
    statement = "statement"
    # What the speaker believes, intends or stands for: "X believes ...", "X wants to ...",
    # "X supports the bill".
    belief = "belief"
    # A noun carries the attribution: "X's call for ...", "the claim that ...".
    nominal = "nominal"


class DateSource(ClosedSet):
    """Where a statement's date comes from."""

    # The sentence names the day: "said on Tuesday", "told reporters Monday", and a
    # status given "as of" the article's day ("said that as of Thursday morning ...").
    text = "text"
    # The speech act it continues names it: "X said on Tuesday ... '...,' X added",
    # "said on Saturday, adding that ...", "held a news conference Monday and said ...".
    context = "context"
    # Nothing in the text dates it, but it is reported as current (a present or present
    # perfect cue or reported clause, or words the speaker dates "today"): the article's
    # publication date, the day the report stands for.
    article = "article"


class Category(ClosedSet):
    """What a figure counts, coarsely: the category of its `Measure`."""

    troops = "troops"
    casualties = "casualties"
    people = "people"
    money = "money"
    equipment = "equipment"
    duration = "duration"
    other = "other"


class Measure(ClosedSet):
    """What a figure counts, finely: decided from the counted noun, the verb and the
    frame around the number, never from the topic of the story. Each measure has one
    coarse `Category` (the table ``data/lexicon/categories.tsv`` says which, with a
    description and examples of each)."""

    deaths = "deaths"
    injured = "injured"
    cases = "cases"
    missing = "missing"
    rescued = "rescued"
    displaced = "displaced"
    detained = "detained"
    affected = "affected"
    crowd = "crowd"
    personnel = "personnel"
    people = "people"
    buildings = "buildings"
    area = "area"
    places = "places"
    votes = "votes"
    money = "money"
    equipment = "equipment"
    duration = "duration"
    other = "other"


class Qualifier(ClosedSet):
    """What the wording allows around a figure's number."""

    exact = "exact"
    approx = "approx"
    nearly = "nearly"
    more_than = "more_than"
    at_least = "at_least"
    less_than = "less_than"
    at_most = "at_most"
    range = "range"
    vague = "vague"


class Verdict(ClosedSet):
    """How the reports of one quantity disagree (see `claimtrack.linking.intervals.verdict`)."""

    consistent = "consistent"
    divergent = "divergent"
    contradictory = "contradictory"


# Verdicts from the most to the least disagreement: groups are listed in this order.
VERDICT_ORDER = (Verdict.contradictory, Verdict.divergent, Verdict.consistent)


class FileStatus(ClosedSet):
    """What happened to one input during `extract`."""

    stored = "stored"
    skipped = "skipped"
    failed = "failed"
    missing = "missing"
