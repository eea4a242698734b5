"""Lining up the same figure across sources: which reports measure one quantity.

Figures are grouped when they measure the same quantity: same category and measure,
planned or present alike, counted things that can be the same, owners, places, years
and periods that do not disagree, and enough agreement in place, owner, period, wording
and size to link them. How much the sizes may differ depends on what is measured
(categories.tsv, `lexicon.measure_comparison`): a running total such as a death toll
rises over days and is one quantity whatever its reports say; a crowd is counted very
differently by organisers and police, but on one day; a precise count (votes, a sum of
money) is another quantity when it gives another number. Two numbers one source gives
in one sentence are two quantities. Groups never hold two figures that disagree on any
of those; each group gets its verdict from `claimtrack.linking.intervals`.

Everything here works on figure claims in memory. `claimtrack.linking.groups` keeps
the links and groups of a whole store up to date, a part at a time.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import math
import re
from array import array
from bisect import bisect_left, bisect_right
from collections import Counter, defaultdict
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass

from claimtrack.lexicon import NounClass, VerbFrame, measure_comparison, noun_argument, noun_measures, nouns, verbs
from claimtrack.linking.identity import organisation_key, surname_key
from claimtrack.linking.intervals import central, interval, spread, verdict
from claimtrack.models import Appearance, Claim, Figure, FigureGroup, FigureLink, GroupFilter, figure_day, sort_groups
from claimtrack.names import is_given_name
from claimtrack.places import country_of, owner_keys

LINK_THRESHOLD = 3.0
KEEP_THRESHOLD = 1.0
# Articles sharing less than this of what they name are about different things.
TOPIC_MINIMUM = 0.2
# Long articles name many things; this many shared names are enough on their own.
TOPICS_SHARED_ENOUGH = 4
# Reports further apart than this many days (about a quarter) describe different
# moments even when everything else matches; it bounds the span of a group.
WINDOW_DAYS = 92
# Sizes within this factor of each other can link reports that share nothing else
# (see `_compare`): its first size step that scores points.
SIZE_NEIGHBOURS = 1.5
# Where many reports share a key, a report is compared with this many on either side
# of it in date order (see `_CandidateIndex`).
NEIGHBOURS = 40
# Points for how close two reported sizes are: (largest ratio, points, reason).
SIZE_POINTS = (
    (1.05, 2.0, "the same size"),
    (1.2, 1.5, "sizes within a fifth"),
    (1.5, 1.0, "sizes within half"),
    (3.0, 0.0, None),
    (10.0, -1.0, None),
    (math.inf, -2.0, None),
)
# Points for how close two sizes of a running total or of an occasion's count are: its
# reports differ widely (a toll that rose, organisers' and police counts of one march),
# and only an order of magnitude tells two quantities apart.
TOLERANT_SIZE_POINTS = (
    (1.05, 2.0, "the same size"),
    (1.2, 1.5, "sizes within a fifth"),
    (1.5, 1.0, "sizes within half"),
    (3.0, 0.5, None),
    (7.0, 0.0, None),
    (15.0, -1.0, None),
    (math.inf, -2.0, None),
)
# Two precise counts are one quantity when one is the other rounded, or when they
# differ by no more than this share (a misprint, a count corrected by a few).
COUNT_TOLERANCE = 0.02
# Counted things within these categories name the same quantity in other words (for
# figures stored before measures were).
INTERCHANGEABLE_UNITS = frozenset({"troops", "casualties"})
# Measures that say no more than "people" or "something": a report of one can be a
# report of a finer measure of the same category ("363 of them" and "363 rescued"), if
# their numbers agree as two precise counts would.
GENERIC_MEASURES = frozenset({"people", "other"})
# The measure each counted noun says by itself ("deaths", "protesters", "policemen").
NOUN_MEASURES = noun_measures()
# Words that make a figure count what was added ("five new cases"), not the total.
INCREMENT_WORDS = nouns(NounClass.increment)
# Counted nouns whose count is a quantity of its own ("bodies recovered", not the toll).
OWN_QUANTITY_UNITS = nouns(NounClass.own_quantity)
# Verbs that move a level ("revised the toll to 275 from 288", "rose to 40, up from 31"):
# two numbers one source gives with one in one sentence can be one running total. A
# level that only is or stands somewhere ("the average is 130") moves nothing.
MOVING_VERBS = verbs(VerbFrame.level) - {"be", "stand"}
# "more" in these is a bound, not an addition.
_BOUND_MORE = re.compile(r"\b(?:more|fewer|less) than\b|\b(?:or|and) more\b")
# Units that say nothing about what is counted.
VAGUE_UNITS = nouns(NounClass.vague_unit)
# Units too general to count as agreement between two reports.
GENERIC_UNITS = nouns(NounClass.generic_unit)
# Verbs and counted nouns that say which harm a casualty figure counts.
DEATH_WORDS = verbs(VerbFrame.death) | nouns(NounClass.death)
INJURY_WORDS = verbs(VerbFrame.injury) | nouns(NounClass.injury)
_STOPWORDS = frozenset(
    "the a an of to in on at near with along by for and from its their across within around throughout over into".split()
)
_YEAR = re.compile(r"\b(1[89]\d\d|20\d\d)\b")
_WORD = re.compile(r"[\w'’-]+")


# --- grouping -------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Report:
    """A figure claim with what comparing it needs, worked out once."""

    id: str  # the claim's
    # The claim itself, for describing groups; None in the many reports made only to be
    # compared (see `light_reports`), which then take a third of the memory.
    claim: Claim | None
    figure: Figure
    article: str  # the article's id
    unit: str | None
    owner: str | None
    owners: frozenset[str]  # see `places.owner_keys`
    place: frozenset[str]
    since: str | None
    size: float | None
    context: frozenset[str]
    topics: frozenset[str] | None  # keys of what the article names, see `_topic_key`
    topic_names: Mapping[str, str]
    day: int | None  # the report's date as an ordinal
    speaker: str | None
    harm: str | None
    measure: str | None
    unit_kinds: frozenset[str]  # the counted thing and what it is a kind of ("helicopter", "aircraft")
    generic_unit: bool  # the counted noun says no more than the measure ("deaths", "people")
    increment: bool  # "five new cases": what was added, not the total
    names: frozenset[str]  # keys of the names in the place ("in Derna"), see `places.owner_keys`
    place_name: str | None  # those names as written, lower case ("fraser health")
    year: int | None  # the year the figure is said to be of ("in 1992"), when it says one
    occasion: str | None  # the day or occasion it is given for ("2023-01-31", "the first day")
    sentence: int  # which sentence of its article it stands in
    purpose: frozenset[str]  # what a sum is of or for, as its wording says ("in overtime")


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


# An article's topics as reports hold them: their keys, and the name of each key.
Topics = tuple[frozenset[str] | None, Mapping[str, str]]


def _report(
    claim: Claim,
    topics: Mapping[str, Sequence[str]] | None,
    shared: dict[str, Topics] | None = None,
    *,
    keep_claim: bool = True,
) -> Report:
    """``shared`` keeps each article's topics once for all the reports of its figures."""
    figure = claim.figure
    assert figure is not None
    year = _YEAR.search(figure.since or "")
    article_topics = shared.get(claim.article.id) if shared is not None else None
    if article_topics is None:
        known = topics.get(claim.article.id) if topics is not None else None
        names = {_topic_key(name): name for name in known} if known else {}
        article_topics = (frozenset(names) if names else None, names)
        if shared is not None:
            shared[claim.article.id] = article_topics
    keys, names = article_topics
    when = figure_day(claim)
    unit = _unit(figure)
    return Report(
        id=claim.id,
        claim=claim if keep_claim else None,
        figure=figure,
        article=claim.article.id,
        unit=unit,
        owner=figure.owner,
        owners=frozenset(owner_keys(figure.owner)),
        place=_place_words(figure.place),
        since=year.group(1) if year else None,
        size=central(figure),
        context=_context_words(claim.sentence),
        topics=keys,
        topic_names=names,
        day=when.toordinal() if when else None,
        speaker=claim.speaker.name if claim.speaker else None,
        harm=_harm(figure) if figure.category == "casualties" else None,
        measure=figure.measure,
        unit_kinds=frozenset((unit, *noun_argument(unit, NounClass.kind))) if unit else frozenset(),
        generic_unit=unit is None
        or unit in GENERIC_UNITS
        or (figure.measure is not None and NOUN_MEASURES.get(unit) == figure.measure and unit not in OWN_QUANTITY_UNITS),
        increment=_increment(claim.text),
        names=_place_names(figure.place),
        place_name=_place_name(figure.place),
        year=_year(figure),
        occasion=_occasion(figure),
        sentence=hash(claim.sentence),
        purpose=_purpose(claim.text) | _purpose_after(claim.text, claim.sentence) if figure.category == "money" else frozenset(),
    )


# Words that scale a number ("$11.4 million"): what follows the last of them says what is counted.
_SCALE_WORDS = frozenset("hundred thousand million billion trillion bn mn m k".split())


# Where the phrase after a sum ends: punctuation, or a word that opens another phrase.
_PHRASE_END = re.compile(r"[,.;:!?—–(]|\b(?:since|after|before|while|when|because|as|that|which|who|and|but)\b", re.I)
# Prepositions that say what a sum is for or from ("$11.4 million on overtime").
_PURPOSE_PREPOSITIONS = frozenset({"on", "for", "in", "from", "of"})


def _purpose_after(text: str, sentence: str) -> frozenset[str]:
    """What a sum is for, in the phrase right after it in its sentence: "$11.4 million
    on overtime since ..." is {"overtime"}; three words at most, up to a comma."""
    at = sentence.find(text)
    if at < 0:
        return frozenset()
    rest = _PHRASE_END.split(sentence[at + len(text) :], maxsplit=1)[0]
    words = _WORD.findall(rest.lower())
    if not words or words[0] not in _PURPOSE_PREPOSITIONS:
        return frozenset()
    return _purpose(" ".join(["0", *words[1:4]]))


def _purpose(text: str) -> frozenset[str]:
    """What a sum of money is of or for, in the words after its number: "$11.4 million
    in overtime" is {"overtime"}; a currency, "deal" or "package" say nothing."""
    words = _WORD.findall(text.lower())
    last = max((n for n, w in enumerate(words) if w in _SCALE_WORDS or any(c.isdigit() for c in w)), default=-1)
    found = set()
    for word in words[last + 1 :]:
        singular = word[:-1] if word.endswith("s") and not word.endswith(("ss", "us", "is")) else word
        if word in _STOPWORDS or {word, singular} & (GENERIC_UNITS | VAGUE_UNITS | INCREMENT_WORDS):
            continue  # "euros", "the deal"
        found.add(singular)
    return frozenset(found)


def _increment(text: str) -> bool:
    """"five new cases", "six more deaths": a figure of what was added ("more than" is
    a bound, not an addition)."""
    words = _WORD.findall(_BOUND_MORE.sub(" ", text.lower()))
    return any(word in INCREMENT_WORDS for word in words)


def _place_names(place: str | None) -> frozenset[str]:
    """Keys of the names in a place ("in the Fraser Health region": Fraser, Health), so
    that "in Derna" and "in Paris" disagree while "across the country" says nothing."""
    if not place:
        return frozenset()
    words = _WORD.findall(place)
    return frozenset(
        key for n, word in enumerate(words)
        if word[:1].isupper() and word.lower() not in _STOPWORDS and not (n == 0 and word.lower() in _PLACE_OPENERS)
        for key in owner_keys(word)
    )


def _place_name(place: str | None) -> str | None:
    """The names in a place, as written: "In the Fraser Health region" is "fraser health"."""
    if not place:
        return None
    words = _WORD.findall(place)
    names = [w for n, w in enumerate(words) if w[:1].isupper() and w.lower() not in _STOPWORDS and not (n == 0 and w.lower() in _PLACE_OPENERS)]
    return " ".join(names).lower() or None


def _named_in(report: Report, other: Report) -> bool:
    """Whether ``report``'s place is one the article of ``other`` is about ("on the
    Marlow coast" in a story about Marlow): then ``other`` saying nowhere is no sign of
    a part against the whole."""
    return report.place_name is not None and report.place_name in {n.lower() for n in other.topic_names.values()}


# Words that open a place phrase with a capital at the start of a sentence.
_PLACE_OPENERS = frozenset({"in", "across", "within", "around", "throughout", "near", "along", "at", "on", "outside"})


# A date phrase that could not be worked out to a day ("on Saturday" in an undated article).
_DATE_WORDS = re.compile(
    r"\d|\b(?:mon|tues|wednes|thurs|fri|satur|sun)day\b|\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\b", re.I
)


def _occasion(figure: Figure) -> str | None:
    """The occasion a figure is given for: its day, "?" for a date that could not be
    worked out, or the words naming it ("the first day"), lower case."""
    if figure.as_of is not None:
        return figure.as_of.isoformat()
    if not figure.when:
        return None
    return "?" if _DATE_WORDS.search(figure.when) else figure.when.lower()


def _year(figure: Figure) -> int | None:
    """The year a figure is said to be of, in so many words: "in 1992", "the same
    period of 2020" (a day worked out from "Tuesday" says nothing about another year)."""
    found = _YEAR.search(figure.when or "")
    return int(found.group(1)) if found else None


def light_reports(
    claims: Iterable[Claim], topics: Mapping[str, Sequence[str]] | None, shared: dict[str, Topics] | None = None
) -> list[Report]:
    """Reports of the comparable ``claims`` in id order, without the claims."""
    shared = {} if shared is None else shared
    return sorted((_report(c, topics, shared, keep_claim=False) for c in claims if comparable(c)), key=lambda r: r.id)



def _harm(figure: Figure) -> str | None:
    """"dead" or "hurt" for a casualty figure, when its verb or noun says which."""
    for word in (figure.verb, _unit(figure)):
        if word in DEATH_WORDS:
            return "dead"
        if word in INJURY_WORDS:
            return "hurt"
    return None


# Every report of an article carries the article's topics: each name is keyed once.
@functools.lru_cache(maxsize=65_536)
def _topic_key(name: str) -> str:
    """One key for the ways outlets write one name: "Zelenskyy" and "Zelenskiy",
    "Russia's defense ministry" and "Russia's defence ministry"."""
    words = _WORD.findall(name)
    if len(words) >= 2 and is_given_name(words[0]):
        return "person:" + surname_key(words[-1])
    if len(words) == 1 and words[0][:1].isupper():
        return "name:" + surname_key(words[0])
    return organisation_key(name)


def _overlap(a: frozenset[str], b: frozenset[str]) -> float:
    return len(a & b) / min(len(a), len(b)) if a and b else 0.0


def compare_figures(
    a: Claim, b: Claim, *, topics: Mapping[str, Sequence[str]] | None = None
) -> tuple[float | None, list[str]]:
    """How strongly two figure claims look like reports of one quantity, with the
    reasons; None when something shows they are not. `link_figures` links the
    pairs scoring LINK_THRESHOLD or more."""
    return _compare(_report(a, topics), _report(b, topics))


# The most a pair's sizes and sentences can add to its score (see `_compare`).
_MOST_SIZE_POINTS = max(points for _, points, _ in (*SIZE_POINTS, *TOLERANT_SIZE_POINTS))
_CONTEXT_POINTS = 1.0


def _compare(
    a: Report, b: Report, explain: bool = True, at_least: float | None = None
) -> tuple[float | None, list[str]]:
    """How strongly two reports look like the same quantity, with the reasons (when
    ``explain``); None when something shows they are not. What can rule a pair out
    is checked first, cheapest first: most pairs end there. With ``at_least``, a pair
    ends as soon as it can no longer score that much: its score is then only known to
    be below (or None), and it gets no reasons.

    A store's rebuild compares millions of pairs: values are read into locals once."""
    fa, fb = a.figure, b.figure
    if fa.category != fb.category or fa.planned != fb.planned:
        # "could invade with 175,000 troops" is no count of the troops there; "165 would
        # die in a normal week" no count of the dead; "oil could top $100" no price.
        return None, []
    day_a, day_b = a.day, b.day
    if day_a is not None and day_b is not None and (day_a - day_b > WINDOW_DAYS or day_b - day_a > WINDOW_DAYS):
        return None, []
    comparison = _comparison(a.measure, b.measure)
    if comparison is None:
        return None, []  # the dead are not the missing
    legacy = comparison == "legacy"
    same_article = a.article == b.article
    one_source = same_article and a.speaker == b.speaker
    moved = fa.verb in MOVING_VERBS or fb.verb in MOVING_VERBS
    if one_source and (legacy or a.sentence == b.sentence):
        # One source giving two numbers in one sentence gives two quantities ("revenue
        # of $2.1bn, down from $2.9bn", "14 dead in the north, two in the capital"); a
        # second report comes from someone else, or elsewhere in the article. Only a
        # running total moved in that sentence is one ("revised the toll to 275 from 288").
        if legacy or not (comparison == "tally" and moved):
            return None, []
    shared_topics = None
    measured = not legacy and fa.measure == fb.measure and fa.measure not in GENERIC_MEASURES
    # Two reports of one measure finer than "something" ("people" too, with their counted noun).
    alike = measured or (not legacy and fa.measure == fb.measure == "people")
    topics_a, topics_b = a.topics, b.topics
    if not same_article and topics_a is not None and topics_b is not None:
        both = len(topics_a & topics_b)
        # `_overlap`, with the count kept
        shared_topics = both / (len(topics_a) if len(topics_a) < len(topics_b) else len(topics_b))
        # Two tolls (or two counts of anything one measure names) in articles that share
        # a name or two are worth comparing; anything else needs more in common.
        minimum = TOPIC_MINIMUM / 2 if alike else TOPIC_MINIMUM
        if shared_topics < minimum and both < TOPICS_SHARED_ENOUGH:
            return None, []  # articles about different things
    owners = bool(a.owners & b.owners) if a.owners and b.owners else None
    if owners is False or (a.since and b.since and a.since != b.since):
        return None, []
    if a.harm and b.harm and a.harm != b.harm:
        return None, []  # the dead are not the wounded
    if a.increment != b.increment:
        return None, []  # "five new cases" are not the 35 cases so far
    if not _same_year(a, b):
        return None, []  # "263 were killed in 1992" is not this year's toll
    if comparison == "occasion" and not _same_occasion(a, b):
        return None, []  # the march of 19 January is not the march of 31 January
    if legacy:
        if a.unit and b.unit and a.unit != b.unit and fa.category not in INTERCHANGEABLE_UNITS:
            return None, []
    elif not (a.generic_unit or b.generic_unit or a.unit_kinds & b.unit_kinds):
        return None, []  # tanks are not drones, passengers not students
    elif (a.unit in OWN_QUANTITY_UNITS) != (b.unit in OWN_QUANTITY_UNITS):
        return None, []  # the bodies recovered are not the death toll
    if a.purpose and b.purpose and not a.purpose & b.purpose:
        return None, []  # "$11.4 million in overtime" is not "about $10 million from the reserve"
    if comparison == "count" and not _counts_agree(fa, fb, loose=fa.measure == fb.measure):
        return None, []  # 7,176,141 votes are not 6,942,930 votes
    score, reasons = 0.0, []
    if explain:
        reasons.append(f"both count {_quantity_name(fa.measure if fa.measure == fb.measure else None, fa.category)}")
    if measured:
        score += 1.0
    if a.unit and a.unit == b.unit and a.unit not in GENERIC_UNITS:
        score += 0.5
        if explain:
            reasons.append(f"both count {fa.unit}")
    if owners:
        score += 2.0
        if explain:
            reasons.append(f"both are {country_of(a.owner) or a.owner}'s")
    if a.since and b.since:
        score += 1.5
        if explain:
            reasons.append(f"both since {a.since}")
    tolerant = comparison in ("tally", "occasion")
    if a.names and b.names:
        if a.names & b.names:
            score += 1.5
            if explain:
                reasons.append("both " + " ".join(sorted(a.place & b.place) or sorted(_key_words(a.names & b.names))))
        elif tolerant:
            return None, []  # the toll in Valdor is not the toll in Norhaven
        else:
            score -= 1.0
    elif a.place and b.place and not a.names and not b.names:
        shared = a.place & b.place
        if shared:
            score += 1.5
            if explain:
                reasons.append("both " + " ".join(sorted(shared)))
        else:
            score -= 1.0
    if same_article:
        score += 1.0
        if explain:
            reasons.append("in the same article")
    elif shared_topics is not None:
        score += 1.0 if shared_topics >= 0.5 else 0.5
        if explain:
            reasons.append("articles about " + ", ".join(sorted(a.topic_names[k] for k in a.topics & b.topics)[:3]))
    if at_least is not None and score + _MOST_SIZE_POINTS + _CONTEXT_POINTS < at_least:
        return score, []  # sizes and sentences alike or not, it stays below
    size_a, size_b = a.size, b.size
    if size_a and size_b and (fa.qualifier != "vague" or fb.qualifier != "vague"):
        # Two "tens of thousands" are not evidence of anything: the phrase is common.
        ratio = size_a / size_b if size_a > size_b else size_b / size_a
        for limit, points, reason in TOLERANT_SIZE_POINTS if tolerant else SIZE_POINTS:
            if ratio <= limit:
                score += points
                if reason and explain:
                    reasons.append(reason)
                break
        if one_source and not moved and ratio > 1.05 and not interval(fa).meets(interval(fb)):
            # One source, two numbers of one measure, nothing said to have changed: most
            # often two quantities ("32 unidentified bodies" and "25 bodies handed over").
            score -= 2.0
        placed, unplaced = (a, b) if a.names else (b, a)
        if tolerant and ratio > 1.05 and bool(a.names) != bool(b.names) and not _named_in(placed, unplaced):
            # "344 in the Fraser region" is a part of the province's 486; the police's
            # count of a march in the capital may just not say where it was.
            score -= 3.0 if comparison == "tally" else 1.0
    if at_least is not None and score + _CONTEXT_POINTS < at_least:
        return score, []  # sentences alike or not, it stays below
    context_a, context_b = a.context, b.context
    if context_a and context_b:
        # `_overlap`, written out
        context = len(context_a & context_b) / (len(context_a) if len(context_a) < len(context_b) else len(context_b))
    else:
        context = 0.0
    if context >= 0.3:
        score += _CONTEXT_POINTS
        if explain:
            reasons.append("sentences alike")
    elif context >= 0.15:
        score += 0.5
    return score, list(dict.fromkeys(reasons))


def _quantity_name(measure: str | None, category: str) -> str:
    """What a group counts, in a word: its measure ("deaths", "injured", "crowd" say more
    than "casualties" or "people"), but "troops" for armed forces, and the category
    when the measure says no more than it."""
    if measure and measure not in GENERIC_MEASURES and category != "troops":
        return measure
    return category


# Every pair compared asks: a few dozen measures make every answer.
@functools.lru_cache(maxsize=1024)
def _comparison(first: str | None, second: str | None) -> str | None:
    """How two reports of these measures compare (see `lexicon.measure_comparison`), or
    None when they count different things; "legacy" for figures stored without one."""
    if first is None and second is None:
        return "legacy"
    if first == second:
        return measure_comparison(first)
    if first not in GENERIC_MEASURES and first is not None and second not in GENERIC_MEASURES and second is not None:
        return None
    # A report that says only "people" meets a finer one as a precise count would.
    return "count"


def _same_year(a: Report, b: Report) -> bool:
    """Whether two reports can be of one year: a figure said to be of a year ("in 1992")
    against one said to be of another, or reported in another."""
    if a.year is None and b.year is None:
        return True
    first = a.year if a.year is not None else (dt.date.fromordinal(a.day).year if a.day else None)
    second = b.year if b.year is not None else (dt.date.fromordinal(b.day).year if b.day else None)
    return first is None or second is None or first == second


def _same_occasion(a: Report, b: Report) -> bool:
    """Whether two counts can be of one occasion: the same words, or days at most one
    apart (a date worked out from "12 days ago" may be off by one). An occasion named
    in words that give no date ("on the first day") is only ever the one so named; a
    report that names none may be of any."""
    first, second = a.occasion, b.occasion
    if first == second or "?" in (first, second):
        return True
    dated = [_iso_day(o) for o in (first, second) if o]
    if any(day is None for day in dated):
        return False  # "the first day", against any other occasion or none
    return len(dated) < 2 or abs((dated[0] - dated[1]).days) <= 1


def _iso_day(occasion: str) -> dt.date | None:
    try:
        return dt.date.fromisoformat(occasion)
    except ValueError:
        return None


def _counts_agree(first: Figure, second: Figure, *, loose: bool) -> bool:
    """Whether two reports can be one precise count: one is the other rounded ("about
    6.94 million" and 6,942,930) or they differ by a misprint's share; a bound ("more
    than 3,000") must allow the other's number. ``loose`` (two reports of one measure)
    lets a rough estimate ("about 2,000", "hundreds") be anyone's guess of the count;
    otherwise ("people" against "missing") what the two wordings allow must overlap."""
    rough = [f for f in (first, second) if not _precise(f)]
    if rough:
        if loose and any(f.qualifier in ("approx", "vague") for f in rough):
            return True
        return interval(first).meets(interval(second))
    x, y = float(first.value), float(second.value)
    if x == y:
        return True
    if min(x, y) <= 0:
        return False
    if abs(x - y) / max(x, y) <= COUNT_TOLERANCE:
        return True
    digits = min(_significant_digits(x), _significant_digits(y))
    return _rounded(x, digits) == _rounded(y, digits)


def _precise(figure: Figure) -> bool:
    """A number given precisely: exact, an estimate to two digits or more ("about 6.94
    million"), or "nearly" a number of three digits or more ("almost 7.18 million")."""
    if figure.value is None:
        return False
    digits = _significant_digits(float(figure.value))
    if figure.qualifier == "nearly":
        return digits >= 3
    return figure.qualifier == "exact" or (figure.qualifier == "approx" and digits >= 2)


# Precise counts compared with many others ask again for the same few values.
@functools.lru_cache(maxsize=65_536)
def _significant_digits(value: float) -> int:
    """Significant digits as written: 6,940,000 has 3, 787 has 3, 500,000 has 1, 68.7 has 3."""
    if float(value).is_integer():
        digits = str(int(value)).rstrip("0")
    else:
        digits = f"{value:.10g}".replace(".", "").lstrip("0")
    return max(len(digits), 1)


def _rounded(value: float, digits: int) -> float:
    return float(f"{value:.{digits}g}")


def _key_words(keys: Iterable[str]) -> list[str]:
    return [key.split(":", 1)[1] for key in keys]


def _report_date(report: Report) -> dt.date | None:
    return figure_day(report.claim)


def _label(reports: list[Report]) -> str:
    def most(values: list[str | None]) -> str | None:
        counts = Counter(v for v in values if v)
        return counts.most_common(1)[0][0] if counts else None

    measures = {r.figure.measure for r in reports}
    measure = measures.pop() if len(measures) == 1 else None
    category = _quantity_name(measure, reports[0].figure.category)
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


# --- linking and grouping ---------------------------------------------------------------


def link_figures(
    new: Sequence[Claim], pool: Sequence[Claim] = (), *, topics: Mapping[str, Sequence[str]] | None = None
) -> list[FigureLink]:
    """Every pair that scores LINK_THRESHOLD or more, of a claim in ``new`` with another
    claim in ``new`` or in ``pool``.

    Only pairs that could reach the threshold are scored: a linked pair shares an
    owner, a period, a place or an article, or gives sizes within half of each other,
    and was reported within WINDOW_DAYS (see `_compare`). Each such key indexes the
    reports by day, so a report meets its few candidates, not the whole store.
    """
    return sorted(iter_links(new, pool, topics), key=lambda link: (link.first, link.second))


def iter_links(
    new: Sequence[Claim], pool: Sequence[Claim], topics: Mapping[str, Sequence[str]] | None
) -> Iterator[FigureLink]:
    """`link_figures`, one link at a time, so that a caller can store them as they come."""
    new_ids = {c.id for c in new}
    # In id order: the candidate index keeps a bounded neighbourhood, and which reports
    # fall in it must not depend on the order a database returned them in.
    fresh_reports = light_reports(new, topics)
    yield from links_between(fresh_reports, light_reports((c for c in pool if c.id not in new_ids), topics))


def links_between(new: list[Report], pool: list[Report]) -> Iterator[FigureLink]:
    """`iter_links` between reports, ``new`` first, each part in id order (see `light_reports`)."""
    fresh = len(new)
    reports = new + pool
    new.clear()  # the caller's lists: ``reports`` holds what they held
    pool.clear()
    index = _CandidateIndex(reports)
    # In any order: link_figures sorts the links, and the store keeps them unordered.
    for i in range(fresh):
        report = reports[i]
        for j in index.candidates(i):
            if j <= i:
                continue  # each pair once: a new report before this one met it already
            other = reports[j]
            # The score first, given up as soon as it cannot link; the reasons, which
            # take longer, only for a pair that links.
            score, _ = _compare(report, other, explain=False, at_least=LINK_THRESHOLD)
            if score is not None and score >= LINK_THRESHOLD:
                _, reasons = _compare(report, other)
                a, b = (report.id, other.id) if report.id < other.id else (other.id, report.id)
                yield FigureLink(first=a, second=b, score=score, reasons=tuple(reasons))


def cluster_figures(
    claims: Sequence[Claim], links: Sequence[FigureLink], *, topics: Mapping[str, Sequence[str]] | None = None
) -> list[FigureGroup]:
    """Every group of two or more ``claims`` joined by ``links``, whatever its verdict.

    Links are taken strongest first; two groups merge only if every pair across them
    scores at least KEEP_THRESHOLD (complete linkage), so a group never holds two
    reports that disagree. Ties are broken by claim id, so the groups depend on the
    links alone, not on the order claims arrive in.
    """
    reasons = {(link.first, link.second): link.reasons for link in links}
    by_id = {c.id: c for c in claims}
    return cluster_reports(
        light_reports(by_id.values(), topics),
        lambda: [(link.score, link.first, link.second) for link in links],
        lambda pairs: {pair: reasons[pair] for pair in pairs},
        lambda ids: [by_id[claim_id] for claim_id in ids],
    )


ReasonsOf = Callable[[Sequence[tuple[str, str]]], Mapping[tuple[str, str], Sequence[str]]]


def cluster_reports(
    reports: list[Report],
    scores: Callable[[], Iterable[tuple[float, str, str]]],
    reasons_of: ReasonsOf,
    claims_of: Callable[[Collection[str]], Iterable[Claim]],
) -> list[FigureGroup]:
    """`cluster_figures` over ``reports`` (see `light_reports`: in id order, so that comparing
    their numbers orders them as their ids) and the links ``scores()`` gives as
    ``(score, first, second)``, asked for once and not kept. The claims of the grouped
    reports come from ``claims_of``, and the reasons of the links that joined them from
    ``reasons_of``, at the end: a store's many figures and links need not be held whole.
    """
    number = {report.id: n for n, report in enumerate(reports)}
    count = len(reports)
    cluster_of = list(range(count))
    members: dict[int, list[int]] = {n: [n] for n in range(count)}
    joins: dict[int, list[tuple[int, int]]] = {n: [] for n in range(count)}  # the links that made each group
    keeps: dict[int, bool] = {}
    # Groups only grow: a pair of groups refused at these sizes is refused again until
    # one of them grows, however many links join them.
    refused: dict[tuple[int, int], tuple[int, int]] = {}

    def kept(x: int, y: int) -> bool:
        key = x * count + y if x < y else y * count + x
        found = keeps.get(key)
        if found is None:
            score, _ = _compare(reports[min(x, y)], reports[max(x, y)], explain=False, at_least=KEEP_THRESHOLD)
            found = keeps[key] = score is not None and score >= KEEP_THRESHOLD
        return found

    for x, y in _strongest_first(scores(), number):
        a, b = cluster_of[x], cluster_of[y]
        if a == b:
            continue
        pair = (a, b) if a < b else (b, a)
        sizes = (len(members[pair[0]]), len(members[pair[1]]))
        if refused.get(pair) == sizes:
            continue
        if not all(kept(p, q) for p in members[a] for q in members[b]):
            refused[pair] = sizes
            continue
        for k in members[b]:
            cluster_of[k] = a
        members[a] += members.pop(b)
        joins[a] += joins.pop(b) + [(x, y)]
    del keeps, refused
    grouped = {root: ids for root, ids in members.items() if len(ids) >= 2}
    claims = {c.id: c for c in claims_of([reports[k].id for ids in grouped.values() for k in ids])}
    if len(claims) < sum(len(ids) for ids in grouped.values()):
        # Another extract run replaced an article of these figures since they were read:
        # its groups are built again by that run; these keep the figures still stored.
        grouped = {root: [k for k in ids if reports[k].id in claims] for root, ids in grouped.items()}
        grouped = {root: ids for root, ids in grouped.items() if len(ids) >= 2}
    for ids in grouped.values():
        for k in ids:
            reports[k] = dataclasses.replace(reports[k], claim=claims[reports[k].id])
    reasons = reasons_of([(reports[x].id, reports[y].id) for root in grouped for x, y in joins[root]])

    def why(x: int, y: int) -> Sequence[str]:
        found = reasons.get((reports[x].id, reports[y].id))
        # A link another extract run replaced since its score was read: its reasons
        # are worked out again.
        return found if found is not None else _compare(reports[x], reports[y])[1]

    groups = []
    for root, ids in sorted(grouped.items()):
        explanation = [f"{_who(reports[x])} ~ {_who(reports[y])}: " + ", ".join(why(x, y)) for x, y in joins[root]]
        groups.append(_describe([reports[k] for k in ids], explanation))
    return sort_groups(groups)


def _strongest_first(scores: Iterable[tuple[float, str, str]], number: Mapping[str, int]) -> Iterator[tuple[int, int]]:
    """The numbers of the ends of the links ``(score, first, second)`` between numbered
    claims, highest score first, then by the ends' numbers (as their ids: see `cluster_reports`).

    A part can hold hundreds of thousands of links: they are kept in arrays, and sorted
    as one integer each, the rank of the score and the two numbers.
    """
    score_of, firsts, seconds = array("d"), array("q"), array("q")
    for score, first, second in scores:
        if first in number and second in number:
            score_of.append(score)
            firsts.append(number[first])
            seconds.append(number[second])
    rank = {score: n for n, score in enumerate(sorted(set(score_of), reverse=True))}
    count = len(number)
    keys = sorted((rank[score] * count + x) * count + y for score, x, y in zip(score_of, firsts, seconds))
    del score_of, firsts, seconds
    for key in keys:
        rest, y = divmod(key, count)
        yield rest % count, y


def group_figures(
    claims: Sequence[Claim],
    query: GroupFilter | None = None,
    *,
    topics: Mapping[str, Sequence[str]] | None = None,
    appearances: Mapping[str, Sequence[Appearance]] | None = None,
) -> list[FigureGroup]:
    """The groups ``query`` asks for among ``claims`` (by default those whose reports
    disagree): groups of two or more figure claims that measure the same quantity, in
    `GROUP_ORDER`.

    ``topics`` maps article ids to what each article names (`Article.topics`); figures
    from articles that share too little of it are not compared. ``appearances`` maps
    article ids to every appearance of their text (`Store.appearances`); the groups
    carry those of their articles, and ``query.source`` looks at every outlet they name.
    """
    query = query or GroupFilter()
    chosen = [
        c
        for c in claims
        if comparable(c)
        and (query.category is None or c.figure.category == query.category)
        and (query.measure is None or c.figure.measure == query.measure)
    ]
    groups = cluster_figures(chosen, link_figures(chosen, topics=topics), topics=topics)
    appearances = appearances or {}
    if appearances:
        groups = [
            g.model_copy(update={"appearances": {
                key: tuple(appearances[key]) for key in sorted({c.article.id for c in g.figures}) if key in appearances
            }})
            for g in groups
        ]
    return [g for g in groups if query.admits(g)][: query.limit]


def comparable(claim: Claim) -> bool:
    """A figure that can be compared across sources: a duration ("two weeks") is no
    quantity that outlets report."""
    return claim.figure is not None and claim.figure.category != "duration"


def _describe(group: list[Report], explanation: list[str]) -> FigureGroup:
    group = sorted(group, key=_reading_order)
    # One text is one report, under its own (primary) outlet, however many outlets ran
    # it: syndicated copies are not independent sources.
    outlets = {r.claim.article.source or r.claim.article.id for r in group}
    figures = [r.figure for r in group]
    # A report dated "last week" against undated ones may still be older.
    dates = {_report_date(r) or r.figure.when for r in group} - {None}
    measures = {r.figure.measure for r in group}
    return FigureGroup(
        label=_label(group),
        category=group[0].figure.category,
        measure=measures.pop() if len(measures) == 1 else None,
        verdict=verdict(figures),
        spread=spread(figures),
        sources=len(outlets),
        dates_differ=len(dates) > 1 or any(r.figure.when and not r.figure.as_of for r in group),
        explanation=tuple(explanation),
        figures=tuple(r.claim for r in group),
    )


def _reading_order(report: Report) -> tuple:
    claim = report.claim
    return (_report_date(report) or dt.date.max, claim.article.path or "", claim.article.id, claim.start, claim.id)


# --- candidate pairs --------------------------------------------------------------------


def _keys(report: Report) -> set[tuple[str, str]]:
    """What two reports must share, besides a close size, to score LINK_THRESHOLD."""
    keys = {("article", report.article)}
    if report.measure is not None and report.measure not in GENERIC_MEASURES:
        # Two reports of one finer measure score for it, and a running total or an
        # occasion links whatever its sizes.
        keys.add(("measure", report.measure))
    keys.update(("owner", key) for key in report.owners)
    if report.since:
        keys.add(("since", report.since))
    keys.update(("place", word) for word in report.place)
    return keys


def _size_cell(report: Report) -> int | None:
    if not report.size or report.size <= 0:
        return None
    return math.floor(math.log(report.size) / math.log(SIZE_NEIGHBOURS))


class _CandidateIndex:
    """Which reports a report is compared with.

    A pair can only score LINK_THRESHOLD if the two share an article, an owner, a
    period, a place or a measure finer than "people" or "other", or give sizes within
    SIZE_NEIGHBOURS of each other (see
    `_compare`: without one of these the other points cannot reach it), and are
    dated within WINDOW_DAYS. So reports are listed under each such key, in date
    order, and a report meets the ones near it in those lists. Where a key is
    crowded, only the NEIGHBOURS reports on either side in date order are met:
    the sorted-neighbourhood method of record linkage, which keeps the work linear
    in the number of reports.
    """

    def __init__(self, reports: list[Report]) -> None:
        self.reports = reports
        lists: dict[tuple, list[int]] = defaultdict(list)
        self.keys: list[list[tuple]] = []
        for position, report in enumerate(reports):
            # Planned and present figures never meet.
            partitions = [(report.figure.category, report.figure.planned)]
            shared = list(_keys(report))
            cell = _size_cell(report)
            if cell is not None:
                # ("size", n) lists the sizes in cells n and n + 1, so any two sizes
                # within one cell of each other share a list.
                shared += [("size", cell - 1), ("size", cell)]
            keys = [(partition, key) for partition in partitions for key in shared]
            for key in keys:
                lists[key].append(position)
            self.keys.append(keys)
        self.dated: dict[tuple, list[int]] = {}
        self.days: dict[tuple, list[int]] = {}
        self.undated: dict[tuple, list[int]] = {}
        self.rank: dict[tuple, dict[int, int]] = {}
        for key, members in lists.items():
            dated = sorted((p for p in members if reports[p].day is not None), key=lambda p: (reports[p].day, p))
            self.dated[key] = dated
            self.days[key] = [reports[p].day for p in dated]
            self.undated[key] = [p for p in members if reports[p].day is None]
            self.rank[key] = {p: n for n, p in enumerate(dated)}

    def candidates(self, position: int) -> set[int]:
        found: set[int] = set()
        day = self.reports[position].day
        for key in self.keys[position]:
            dated = self.dated.get(key)
            if dated is None:
                continue
            # An undated report may be from any day: it meets every report under the key.
            found.update(self.undated[key])
            if day is None:
                found.update(dated)
                continue
            days = self.days[key]
            low = bisect_left(days, day - WINDOW_DAYS)
            high = bisect_right(days, day + WINDOW_DAYS)
            rank = self.rank[key][position]
            found.update(dated[max(low, rank - NEIGHBOURS) : min(high, rank + NEIGHBOURS + 1)])
        found.discard(position)
        return found


def _who(report: Report) -> str:
    return f'"{report.claim.text}" ({report.claim.article.source or report.claim.article.path})'
