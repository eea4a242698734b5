"""claimtrack's vocabulary: one table of verbs keyed by frame, one of nouns by class, one
of words in and around names, read once from the data files in ``data/lexicon/``.

The extractors never list words themselves: they ask the lexicon which verbs belong to a
frame (``verbs(VerbFrame.speech)``) or which class a noun has. Adding a speech verb is one
row in ``verbs.tsv``. The words are closed-class English vocabulary of reporting,
attribution and counting, never names from any article.

The module-level sets below are views on those tables, named for the rules that use them.
This module imports no spaCy: query commands may use it.
"""

from __future__ import annotations

import enum
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from importlib import resources

from claimtrack.closed_sets import Category, Measure


class VerbFrame(str, enum.Enum):
    """What a verb does in a sentence (see the header of ``verbs.tsv``)."""

    speech = "speech"
    belief = "belief"
    saying = "saying"
    quote_frame = "quote_frame"
    object_control = "object_control"
    object_content = "object_content"
    infinitive_content = "infinitive_content"
    naming = "naming"
    commitment = "commitment"
    announcing = "announcing"
    negating = "negating"
    relaying = "relaying"
    continuation = "continuation"
    restating = "restating"
    voicing = "voicing"
    content_after = "content_after"
    figure_source = "figure_source"
    sourcing = "sourcing"
    movement = "movement"
    vote = "vote"
    level = "level"
    owning = "owning"
    planning = "planning"
    showing = "showing"
    death = "death"
    injury = "injury"
    counts = "counts"
    counts_actor = "counts_actor"
    conveying = "conveying"


class NounClass(str, enum.Enum):
    """What a noun names (see the header of ``nouns.tsv``). ``counts`` rows carry the
    measure of a figure that counts the noun as their argument: ``counts:deaths``;
    ``statement_noun`` rows what introduces the noun's content: ``statement_noun:that,infinitive,for``."""

    role = "role"
    person = "person"
    group = "group"
    institution = "institution"
    document = "document"
    voice = "voice"
    generic_organisation = "generic_organisation"
    claim = "claim"
    statement_noun = "statement_noun"
    viewpoint = "viewpoint"
    kind = "kind"
    increment = "increment"
    own_quantity = "own_quantity"
    counts = "counts"
    destination = "destination"
    occasion = "occasion"
    military = "military"
    civilian_modifier = "civilian_modifier"
    ship = "ship"
    military_modifier = "military_modifier"
    not_people = "not_people"
    measurement_unit = "measurement_unit"
    amount_measure = "amount_measure"
    vote = "vote"
    anaphoric = "anaphoric"
    request = "request"
    data = "data"
    planned_modifier = "planned_modifier"
    place = "place"
    death = "death"
    injury = "injury"
    vague_unit = "vague_unit"
    generic_unit = "generic_unit"
    partitive = "partitive"


class NameWordClass(str, enum.Enum):
    """Words in and around names (see the header of ``names.tsv``)."""

    particle = "particle"
    male_title = "male_title"
    female_title = "female_title"
    title_abbreviation = "title_abbreviation"
    place_ending = "place_ending"
    outlet_word = "outlet_word"
    surname = "surname"


class LexiconError(ValueError):
    """A data file of the lexicon names a frame or class that does not exist."""


def _data(name: str) -> str:
    return resources.files("claimtrack").joinpath("data", "lexicon", name).read_text(encoding="utf-8")


def _lines(text: str) -> Iterator[tuple[int, str, str]]:
    """(line number, word, the rest) for each row of a table; "#" lines are notes."""
    for number, line in enumerate(text.splitlines(), 1):
        if line.strip() and not line.startswith("#"):
            word, _, rest = line.partition("\t")
            yield number, word.strip(), rest.strip()


# Labels whose argument is a measure (closed_sets.Measure): checked like the labels.
MEASURE_LABELS = frozenset({"counts", "counts_actor", "destination", "occasion"})


def parse_table(name: str, text: str, kinds: type[enum.Enum]) -> dict[str, dict[str, tuple[str, ...]]]:
    """word -> {frame or class -> its arguments} for one table of ``kinds``; a row
    with no label or an unknown one (or an unknown measure) is an error, so a typo
    never silently drops a word."""
    table: dict[str, dict[str, tuple[str, ...]]] = {}
    for number, word, rest in _lines(text):
        if not rest:
            raise LexiconError(f"{name}:{number}: {word!r} has no frame or class")
        for label in rest.split():
            kind, _, argument = label.partition(":")
            if kind not in kinds.__members__:
                raise LexiconError(f"{name}:{number}: {word!r} has an unknown frame or class {kind!r}")
            arguments = tuple(argument.split(",")) if argument else ()
            if kind in MEASURE_LABELS and (len(arguments) != 1 or arguments[0] not in Measure.__members__):
                raise LexiconError(f"{name}:{number}: {word!r} counts an unknown measure {argument!r}")
            table.setdefault(word, {})[kind] = arguments
    return table


@dataclass(frozen=True, slots=True)
class MeasureRow:
    """One row of ``categories.tsv``: a measure, its coarse category (and the one for a
    military noun), what it says about people, how reports of it compare across days and
    sources, a description and invented examples."""

    measure: Measure
    category: Category
    military_category: Category
    kind: str
    comparison: str
    description: str
    examples: tuple[str, ...]


MEASURE_KINDS = ("fate", "who", "thing")
# How reports of one quantity of a measure relate (see categories.tsv and
# `claimtrack.linking.figures`): a running total, a count of one occasion, a precise count.
MEASURE_COMPARISONS = ("tally", "occasion", "count")


def parse_categories(name: str, text: str) -> dict[Measure, MeasureRow]:
    """The measures of ``categories.tsv``: every member of `Measure` exactly once, each
    with a known category and kind."""
    rows: dict[Measure, MeasureRow] = {}
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        cells = [cell.strip() for cell in line.split("\t")]
        if len(cells) != 7:
            raise LexiconError(f"{name}:{number}: a row has 7 cells separated by tabs, not {len(cells)}")
        measure, category, military, kind, comparison, description, examples = cells
        if measure not in Measure.__members__ or Measure(measure) in rows:
            raise LexiconError(f"{name}:{number}: {measure!r} is not a measure, or comes twice")
        military = category if military == "-" else military
        for value in (category, military):
            if value not in Category.__members__:
                raise LexiconError(f"{name}:{number}: {measure!r} has an unknown category {value!r}")
        if kind not in MEASURE_KINDS:
            raise LexiconError(f"{name}:{number}: {measure!r} has an unknown kind {kind!r}")
        if comparison not in MEASURE_COMPARISONS:
            raise LexiconError(f"{name}:{number}: {measure!r} has an unknown comparison {comparison!r}")
        rows[Measure(measure)] = MeasureRow(
            Measure(measure), Category(category), Category(military), kind, comparison, description,
            tuple(e.strip() for e in examples.split("|") if e.strip()),
        )
    missing = [m.value for m in Measure if m not in rows]
    if missing:
        raise LexiconError(f"{name}: no row for {', '.join(missing)}")
    return rows


@cache
def _verbs() -> dict[str, dict[str, tuple[str, ...]]]:
    return parse_table("verbs.tsv", _data("verbs.tsv"), VerbFrame)


@cache
def _nouns() -> dict[str, dict[str, tuple[str, ...]]]:
    return parse_table("nouns.tsv", _data("nouns.tsv"), NounClass)


@cache
def measure_rows() -> dict[Measure, MeasureRow]:
    """The measures of a figure with their categories, descriptions and examples."""
    return parse_categories("categories.tsv", _data("categories.tsv"))


@cache
def _name_words() -> dict[str, dict[str, tuple[str, ...]]]:
    return parse_table("names.tsv", _data("names.tsv"), NameWordClass)


def verbs(*frames: VerbFrame) -> frozenset[str]:
    """The verb lemmas that belong to any of ``frames``."""
    wanted = {f.value for f in frames}
    return frozenset(v for v, own in _verbs().items() if wanted & own.keys())


def verb_argument(lemma: str, frame: VerbFrame) -> tuple[str, ...]:
    """The arguments of ``lemma``'s ``frame``: the prepositions of ``content_after``."""
    return _verbs().get(lemma, {}).get(frame.value, ())


def noun_argument(noun: str, kind: NounClass) -> tuple[str, ...]:
    """The arguments of ``noun``'s class ``kind``: for ``statement_noun``, what may
    introduce its content ("that", "infinitive" or a preposition)."""
    return _nouns().get(noun, {}).get(kind.value, ())


def nouns(*classes: NounClass) -> frozenset[str]:
    """The nouns of any of ``classes``."""
    wanted = {c.value for c in classes}
    return frozenset(n for n, own in _nouns().items() if wanted & own.keys())


def _measures_of(table: dict[str, dict[str, tuple[str, ...]]], label: str) -> dict[str, Measure]:
    return {word: Measure(own[label][0]) for word, own in table.items() if label in own}


@cache
def noun_measures() -> dict[str, Measure]:
    """A counted noun (or a word that says what befell people: "dead", "missing") ->
    the measure of a figure that counts it."""
    return _measures_of(_nouns(), NounClass.counts.value)


@cache
def destination_measures() -> dict[str, Measure]:
    """A place noun -> the measure of a count taken to or held in it ("taken to
    hospital": injured; "took to the streets": crowd)."""
    return _measures_of(_nouns(), NounClass.destination.value)


@cache
def occasion_measures() -> dict[str, Measure]:
    """An occasion noun -> the measure of a count that joins or takes part in it ("took
    part", "joined the march", "attended the rally": crowd)."""
    return _measures_of(_nouns(), NounClass.occasion.value)


@cache
def verb_measures() -> dict[str, Measure]:
    """A verb -> the measure of a count it happens to: its object, its passive subject,
    a noun it modifies ("killed N", "N were killed", "N people killed")."""
    return _measures_of(_verbs(), VerbFrame.counts.value)


@cache
def actor_measures() -> dict[str, Measure]:
    """A verb -> the measure of a count that does it: its subject ("N died", "N marched")."""
    return _measures_of(_verbs(), VerbFrame.counts_actor.value)


def category_of(measure: Measure | str, military: bool = False) -> Category:
    """The coarse category of ``measure`` (for a military noun when ``military``)."""
    row = measure_rows()[Measure(measure)]
    return row.military_category if military else row.category


def measure_kind(measure: Measure | str) -> str:
    """What ``measure`` says about people: "fate", "who" or "thing" (categories.tsv)."""
    return measure_rows()[Measure(measure)].kind


def measure_comparison(measure: Measure | str) -> str:
    """How reports of a quantity of ``measure`` compare (categories.tsv): "tally" (a
    running total: reports of other days and sizes are the same quantity, updated),
    "occasion" (the count of one occasion: a report of another day is another quantity)
    or "count" (a precise count: another number is another quantity, unless rounded)."""
    return measure_rows()[Measure(measure)].comparison


def name_words(*classes: NameWordClass) -> frozenset[str]:
    wanted = {c.value for c in classes}
    return frozenset(w for w, own in _name_words().items() if wanted & own.keys())


@cache
def role_synonyms() -> dict[str, tuple[str, ...]]:
    """A role noun -> the titles it may stand for ("diplomat" -> "foreign minister", ...)."""
    return {role: tuple(rest.split("|")) for _, role, rest in _lines(_data("role_synonyms.tsv"))}


# --- views named for the rules that use them -------------------------------------------------

SPEECH_VERBS = verbs(VerbFrame.speech)
BELIEF_VERBS = verbs(VerbFrame.belief)
SAYING_VERBS = verbs(VerbFrame.saying)
QUOTE_FRAME_VERBS = verbs(VerbFrame.quote_frame)
OBJECT_CONTROL_VERBS = verbs(VerbFrame.object_control)
NAMING_VERBS = verbs(VerbFrame.naming)
COMMITMENT_VERBS = verbs(VerbFrame.commitment)
ANNOUNCING_VERBS = verbs(VerbFrame.announcing)
NEGATING_VERBS = verbs(VerbFrame.negating)
RELAYING_VERBS = verbs(VerbFrame.relaying)
CONTINUATION_PARTICIPLES = verbs(VerbFrame.continuation)
RESTATING_VERBS = verbs(VerbFrame.restating)
VOICING_VERBS = verbs(VerbFrame.voicing)
FIGURE_SOURCE_VERBS = verbs(VerbFrame.figure_source)

ROLE_NOUNS = nouns(NounClass.role)
PERSON_NOUNS = nouns(NounClass.person)
GROUP_NOUNS = nouns(NounClass.group)
INSTITUTION_NOUNS = nouns(NounClass.institution)
DOCUMENT_NOUNS = nouns(NounClass.document)
CLAIM_NOUNS = nouns(NounClass.claim)
STATEMENT_NOUNS = nouns(NounClass.statement_noun)
VIEWPOINT_NOUNS = nouns(NounClass.viewpoint)
# Data are a source only when named ("customs data showed", not "figures showed");
# pictures show things and are never the source of a claim.
DATA_NOUNS = nouns(NounClass.data) | frozenset("figures results statistics numbers estimates".split())
IMAGE_NOUNS = frozenset("image images footage photo photos video videos picture pictures".split())

NAME_PARTICLES = name_words(NameWordClass.particle)
MALE_TITLES = name_words(NameWordClass.male_title)
FEMALE_TITLES = name_words(NameWordClass.female_title)
TITLE_ABBREVIATIONS = name_words(NameWordClass.title_abbreviation)
PLACE_NAME_ENDINGS = name_words(NameWordClass.place_ending)
OUTLET_WORDS = name_words(NameWordClass.outlet_word)
SURNAME_OUTLET_WORDS = OUTLET_WORDS & name_words(NameWordClass.surname)

# Singular nouns for people that the tables miss mostly end like this ("strategist",
# "organizer", "historian", "resident", "attendee", "businessman", "spokeswoman"); the
# plural of each is a group.
PERSON_NOUN_ENDING = re.compile(r"(?:er|or|ist|ian|ant|ent|ee)s?$|(?:man|men|woman|women|person)$")
NOT_PEOPLE = nouns(NounClass.not_people)
# Words that head a quantified group as a subject: "many of his supporters", "those
# surveyed", "most", "half of the voters".
QUANTIFIERS = frozenset("many most some several few both all those others half majority minority plurality".split())

# Pronouns are grammar, not vocabulary: they stay here as code.
PERSON_PRONOUNS = {"he": "m", "him": "m", "his": "m", "she": "f", "her": "f", "hers": "f"}
NEUTER_PRONOUNS = frozenset({"it", "its"})
PLURAL_PRONOUNS = frozenset({"they", "them", "their"})
FIRST_PERSON_PRONOUNS = frozenset({"i", "we", "me", "us", "my", "our"})
# Pronouns that open a relative clause ("..., which the minister called ...").
RELATIVE_PRONOUNS = frozenset({"who", "whom", "which", "that"})
# Every personal, possessive, reflexive, demonstrative and relative pronoun, and "one":
# a mention that is one of them names nobody.
PRONOUNS = frozenset(
    """i me my mine myself we us our ours ourselves you your yours yourself yourselves
    he him his himself she her hers herself it its itself they them their theirs
    themselves this that these those who whom whose which one""".split()
)
# Words that make a noun phrase a description ("the minister"), not a name.
DETERMINERS = frozenset({"the", "a", "an", "this", "that", "these", "those"})
