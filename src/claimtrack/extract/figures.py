"""Figures: a number, what it counts, whose it is, where and when, and who gives it.

Numbers are found and read by ``numbers.scan_numbers``; this module decides which
of them are figures (not years, dates, clock times, measurements or parts of names),
finds the counted noun in the parse, sorts it into a category, records the context a
comparison across sources needs, and attributes it to whoever gives it.
"""

from __future__ import annotations

import datetime as dt
import re
from bisect import bisect_right
from collections import defaultdict
from dataclasses import dataclass
from itertools import islice

from spacy.tokens import Doc, Span, Token

from claimtrack.dates import resolve_date
from claimtrack.extract.numbers import NumberMention, scan_numbers
from claimtrack.extract.quotes import Statement
from claimtrack.extract.speakers import SpeakerResolver
from claimtrack.lexicon import (
    FIGURE_SOURCE_VERBS,
    RELATIVE_PRONOUNS,
    NounClass,
    VerbFrame,
    category_nouns,
    nouns,
    verbs,
)
from claimtrack.models import Figure, Speaker
from claimtrack.nlp.components import document_text, entity_of

# Figure category -> the counted nouns that put a figure in it (nouns.tsv, category:C).
CATEGORY_NOUNS = category_nouns()
# Ships are weapons only when they are warships: "six landing ships", not "40 ships"
# an insurer covers.
SHIP_NOUNS = nouns(NounClass.ship)
MILITARY_MODIFIERS = nouns(NounClass.military_modifier)
# Human nouns the lists miss often end like this ("drivers", "shunters", "analysts").
PEOPLE_SUFFIX = re.compile(r"(?:ers|ors|ists|ians|ants|ents)$")
DEMONYM = re.compile(r"^[A-Z][a-z]+(?:ans|ese|is|ers)$")
# ... and plurals that end so without naming people ("containers", "segments").
NOT_PEOPLE = nouns(NounClass.not_people)
# Units of measure: a number of them is a measurement, not a figure to track.
MEASURES = nouns(NounClass.measure)
# ... but volumes and areas are amounts of goods or land: "55 billion cubic metres" of gas.
AMOUNT_MEASURES = nouns(NounClass.amount_measure)
CASUALTY_VERBS = verbs(VerbFrame.casualty)
# Words that make a phrase part of a larger count: "331 deaths, including 19 children".
INCLUDING_WORDS = frozenset("including among".split())
# Verbs of people on the move: a count with no noun that crosses or flees counts people.
MOVEMENT_VERBS = verbs(VerbFrame.movement)
# A vote tally counts votes, whoever casts them: "153 senators in favour", "35 abstained".
VOTE_VERBS = verbs(VerbFrame.vote)
VOTE_NOUNS = nouns(NounClass.vote)
# Verbs that state what a quantity stands at: "the toll rose to 214".
LEVEL_VERBS = verbs(VerbFrame.level)
# Nouns that stand for a quantity named elsewhere: "officials put the number at 4,000".
ANAPHORIC_NOUNS = nouns(NounClass.anaphoric)
# A request names the amount its maker asks for: "X launched an appeal for $1.7 billion".
REQUEST_NOUNS = nouns(NounClass.request)
# Data that a source publishes: "interior ministry figures showed that N ...".
DATA_NOUNS = nouns(NounClass.data)
SHOWING_VERBS = verbs(VerbFrame.showing)
# How a figure hangs on the noun phrase above it, and a clause on the clause above it.
PHRASE_DEPS = frozenset(
    "pobj dobj prep npadvmod advmod attr appos nummod quantmod conj nsubj nsubjpass".split()
)
CLAUSE_DEPS = frozenset("conj relcl advcl ccomp xcomp acl".split())
# Verbs whose subject owns the counted thing: "Russia has amassed 100,000 troops".
OWNING_VERBS = verbs(VerbFrame.owning)
# What makes a figure a plan or a possibility rather than a present count.
PLANNED_MODIFIERS = nouns(NounClass.planned_modifier)
PLANNING_VERBS = verbs(VerbFrame.planning)
MODAL_AUXILIARIES = frozenset("could would might may will shall".split())
PLACE_PREPOSITIONS = frozenset("near at in along on inside across around within outside off".split())
DIRECTION_PREPOSITIONS = frozenset("into to from across toward towards through out".split())
PLACE_NOUNS = nouns(NounClass.place)
NAME_LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP", "FAC", "LAW", "PRODUCT", "WORK_OF_ART", "EVENT", "ORDINAL"})
TIME_LABELS = frozenset({"DATE", "TIME"})
NUMBER_DEPS = frozenset({"nummod", "quantmod", "compound", "amod", "npadvmod", "nmod"})
# A number with no counted noun is only a figure from this size up.
BARE_NUMBER_MINIMUM = 100
# Spelled-out counts below this are figures only for casualties, troops and weapons.
SMALL_COUNT = 10
# How far up the parse tree a date is looked for a "since" that makes it a period's start
# ("since the war began in 2014"). Bounded so that a sentence of thousands of words,
# parsed as one long chain, costs each figure a few steps rather than the whole chain.
SINCE_ANCESTORS = 12


@dataclass(frozen=True, slots=True)
class FigureMention:
    start: int
    end: int
    text: str
    sentence_start: int
    sentence_end: int
    figure: Figure
    speaker: Speaker | None
    cue: str | None
    direct: bool
    date: dt.date | None


def _lemma(token: Token) -> str:
    return token.lemma_.lower()


def _category_of_noun(noun: Token | None) -> str | None:
    if noun is None:
        return None
    for word in (_lemma(noun), noun.lower_):
        for category, counted in CATEGORY_NOUNS.items():
            if word in counted:
                return category
    if _lemma(noun) in SHIP_NOUNS and any(
        c.dep_ in ("amod", "compound", "nmod") and _lemma(c) in MILITARY_MODIFIERS for c in noun.children
    ):
        return "equipment"
    plural = noun.tag_ in ("NNS", "NNPS")
    if plural and PEOPLE_SUFFIX.search(noun.lower_) and noun.lower_ not in NOT_PEOPLE:
        return "people"
    if plural and (noun.ent_type_ == "NORP" or DEMONYM.search(noun.text)):
        return "people"  # "900 Karovians", "300 Sardanese"
    return None


def _number_head(span: Span) -> Token:
    """The last number word of a phrase: it is what the counted noun hangs on
    ("between 60,000 and [65,000] troops", "an estimated [120,000] people")."""
    numbers = [t for t in span if t.like_num or t.pos_ == "NUM"]
    return numbers[-1] if numbers else span.root


def _counted_noun(span: Span) -> Token | None:
    """The noun a number phrase counts: "8,500 US troops", "tens of thousands of troops",
    "31 million in assistance", "23 of its 40 ships", "the toll rose to 214"."""
    head = _number_head(span)
    # "138 and 141 metres": the second number counts what the first one counts.
    for token in (head, head.head) if head.dep_ == "conj" else (head,):
        if token.dep_ in NUMBER_DEPS and token.head.pos_ in ("NOUN", "PROPN") and token.head.i >= span.end:
            if not _time_phrase(token.head):
                return token.head
    for token in (head, span.root, *span):
        for child in token.children:
            if child.dep_ == "prep" and child.lower_ in ("of", "in") and child.i >= span.end - 1:
                objects = [g for g in child.children if g.dep_ == "pobj" and not g.like_num]
                # "31 million in aid" counts money; "6,000 in the province" counts nothing.
                if objects and (child.lower_ == "of" or _category_of_noun(objects[0]) == "money"):
                    return objects[0]
    root = span.root
    if root.pos_ in ("NOUN", "PROPN") and not root.like_num and _category_of_noun(root):
        return root
    return _level_subject(head) or _estimated_quantity(head)


def _level_subject(number: Token) -> Token | None:
    """"the death toll rose to 214", "the toll could be 3,500": the subject counts."""
    verb = number.head
    if number.dep_ == "pobj" and number.head.lower_ in ("to", "at"):
        verb = number.head.head
    elif number.dep_ not in ("attr", "acomp", "dobj", "npadvmod"):
        return None
    if verb.pos_ not in ("VERB", "AUX") or _lemma(verb) not in LEVEL_VERBS:
        return None
    return next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass") and c.pos_ == "NOUN"), None)


def _time_phrase(noun: Token) -> bool:
    """"last month", "this week": a date, not what a number next to it counts."""
    return _lemma(noun) in CATEGORY_NOUNS["duration"] and any(
        c.dep_ in ("amod", "det") and c.lower_ in ("last", "next", "this", "that", "every", "each") for c in noun.children
    )


def _at_phrase_verb(number: Token) -> Token | None:
    """The verb of "put X at N" (also when the parser hung N on a date after it, or on
    a participle inside X: "put the number of civilians killed at N")."""
    token = number.head if number.dep_ == "nummod" and _time_phrase(number.head) else number
    if token.dep_ == "pobj" and token.head.lower_ == "at":
        verb = token.head.head
        if verb.dep_ == "acl":
            above = _governing_verb(verb)
            if above is not None and _lemma(above) in FIGURE_SOURCE_VERBS:
                return above
        return verb
    return None


def _estimated_quantity(number: Token) -> Token | None:
    """"put the number at N": the noun N is the value of."""
    verb = _at_phrase_verb(number)
    return next((c for c in verb.children if c.dep_ == "dobj"), None) if verb is not None else None


def _is_verb(token: Token) -> bool:
    """A clause's verb; not a participle used as a preposition ("including 19
    children", "according to", "following the attack"), which the parser tags VERB."""
    return token.pos_ in ("VERB", "AUX") and token.dep_ != "prep"


def _governing_verb(token: Token) -> Token | None:
    for _ in range(5):
        if token.head.i == token.i:
            return None
        token = token.head
        if _is_verb(token):
            return token
    return None


def _harmed(noun: Token) -> bool:
    """"331 civilians killed", "30 wounded soldiers", "people who were injured": the
    noun's own participle or clause says they were harmed."""
    return any(
        c.dep_ in ("acl", "amod", "relcl") and _lemma(c) in CASUALTY_VERBS and _lemma(c) != "claim"
        for c in noun.children
    )


def _including_head(noun: Token) -> Token | None:
    """The larger count a phrase is part of: "deaths" in "331 deaths, including 19
    children and 675 injuries" (for either conjunct)."""
    while noun.dep_ == "conj" and noun.head.i != noun.i:
        noun = noun.head
    if noun.dep_ == "pobj" and noun.head.lower_ in INCLUDING_WORDS and noun.head.head.i != noun.head.i:
        return noun.head.head
    return None


def _counts_casualties(token: Token) -> bool:
    """Whether a noun or number counts the dead or hurt: by its noun, its participle,
    or the verb it depends on ("killed 40, including ...")."""
    if _category_of_noun(token) == "casualties" or _harmed(token):
        return True
    verb = _governing_verb(token)
    return verb is not None and _lemma(verb) in CASUALTY_VERBS and _lemma(verb) != "claim"


def _names_a_place(token: Token) -> bool:
    """"entered Hungary", "into Moldova", "crossed the border": where a movement goes."""
    for child in token.children:
        if child.dep_ == "prep" and child.lower_ in DIRECTION_PREPOSITIONS:
            targets = [g for g in child.children if g.dep_ == "pobj"]
        elif child.dep_ == "dobj":
            targets = [child]
        else:
            continue
        if any(t.pos_ == "PROPN" or t.ent_type_ in ("GPE", "LOC", "FAC") or _lemma(t) in PLACE_NOUNS for t in targets):
            return True
    return False


def _people_on_the_move(number: Token) -> bool:
    """"more than 130,000 have crossed into Hungary and about 100,000 into Moldova": a
    count with no noun that is the subject of a verb of movement to or from a place
    (or, with the verb left out, its conjunct) counts people. Without the place
    ("thousands have left") too little is said to count."""
    verb = number.head
    if number.dep_ not in ("nsubj", "nsubjpass", "conj") or verb.pos_ != "VERB" or _lemma(verb) not in MOVEMENT_VERBS:
        return False
    return _names_a_place(verb) or _names_a_place(number)


def _stance(token: Token) -> bool:
    """"five against", "153 senators in favour", "voted against": a side in a vote.
    On a noun the side stands alone: "protesters against the war" are not one."""
    verb = _is_verb(token)
    for prep in token.children:
        if prep.dep_ != "prep":
            continue
        objects = [g for g in prep.children if g.dep_ == "pobj"]
        if prep.lower_ == "against" and (verb or not objects):
            return True
        if prep.lower_ == "in" and any(o.lower_ in ("favour", "favor") and (verb or not list(o.children)) for o in objects):
            return True
    return False


def _vote_tally(anchor: Token) -> bool:
    """A count of votes: "141 votes", "35 abstentions", "five against", "Five countries
    voted against", "35 abstained"."""
    if _lemma(anchor) in VOTE_NOUNS or _stance(anchor):
        return True
    verb = _governing_verb(anchor)
    if verb is None or _lemma(verb) not in VOTE_VERBS:
        return False
    return _lemma(verb) == "abstain" or _stance(verb)


def _definite(noun: Token) -> bool:
    """"the two no votes", "its 40 ships": a count named before."""
    return any(c.dep_ in ("det", "poss") and c.lower_ not in ("a", "an") for c in noun.children)


def _ago(noun: Token) -> bool:
    """"3 days ago", "22 three years ago": a point in time, not a span. ("five days
    after the floods" is kept: it measures the time between two events.)"""
    return _lemma(noun) in CATEGORY_NOUNS["duration"] and (
        noun.head.lower_ == "ago" or any(c.lower_ == "ago" for c in noun.children)
    )


def _measurement(noun: Token) -> bool:
    """"25 degrees", "141 metres", "a 6.8 earthquake"; not "5,000 km of lines" or
    "105 million cubic metres"."""
    return (
        _lemma(noun) in MEASURES
        and not any(c.lower_ == "of" for c in noun.children)
        and not any(c.dep_ == "amod" and c.lower_ in AMOUNT_MEASURES for c in noun.children)
    )


def _planned(noun: Token, verb: Token | None) -> bool:
    """A planned or possible quantity ("could invade with 175,000 troops", "a planned
    force of 50,000"), not one said to exist now."""
    if any(c.dep_ == "amod" and c.lower_ in PLANNED_MODIFIERS for c in noun.children):
        return True
    token = verb
    for _ in range(3):
        if token is None:
            return False
        if _lemma(token) in PLANNING_VERBS or any(
            c.dep_ == "aux" and c.lower_ in MODAL_AUXILIARIES for c in token.children
        ):
            return True
        if token.dep_ not in ("xcomp", "advcl", "conj", "pcomp") or token.head.i == token.i:
            return False
        token = token.head
    return False


def _object_of(noun: Token, verb: Token) -> bool:
    """Whether ``noun`` is (inside) the direct object of ``verb``: "amassed [tens of
    thousands of] troops"."""
    token = noun
    while token.i != verb.i and token.head.i != token.i:
        if token.dep_ == "dobj" and token.head.i == verb.i:
            return True
        token = token.head
    return False


def _gives_figures(verb: Token, start: Token) -> bool:
    """Whether the subject of ``verb`` gives the figure at ``start``: "reported",
    "estimated", "put ... at N", "launched an appeal for N", "figures showed"."""
    lemma = _lemma(verb)
    if lemma == "put":
        return _at_phrase_verb(start) is not None
    if lemma in FIGURE_SOURCE_VERBS:
        return True
    subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    if lemma in SHOWING_VERBS and subject is not None and _lemma(subject) in DATA_NOUNS:
        return True
    return any(c.dep_ == "dobj" and _lemma(c) in REQUEST_NOUNS for c in verb.children)


def _has_own_actor(verb: Token, start: Token) -> bool:
    """Whether a clause between a figure and a verb above it has a subject of its own.
    "of which $1.1 billion would go to ...", "95 civilians killed and 260 wounded": the
    subject is a figure, so the clause goes on saying what the verb above it said;
    "the army moved ...": an actor."""
    for child in verb.children:
        if child.dep_ != "nsubj" or child.lower_ in RELATIVE_PRONOUNS:
            continue
        if child.like_num or child.pos_ == "NUM" or any(c.dep_ == "nummod" for c in child.children):
            continue
        if any(t.i == start.i for t in child.subtree):
            continue  # the figure's own phrase: "some 44,000 Ukrainians had entered"
        return True
    return False


def _source_verb(start: Token) -> Token | None:
    """The verb whose subject gives the figure at ``start``, going up through the noun
    phrases it sits in and through clauses with no actor of their own."""
    above = _at_phrase_verb(start)
    if above is not None and _gives_figures(above, start):
        return above
    token = start
    for _ in range(12):
        allowed = CLAUSE_DEPS if _is_verb(token) else PHRASE_DEPS
        if token.dep_ not in allowed or token.head.i == token.i:
            return None
        token = token.head
        if not _is_verb(token):
            continue
        if _gives_figures(token, start):
            return token
        if _has_own_actor(token, start):
            return None
    return None


def _dateline_date(token: Token) -> Token | None:
    """The date of a dateline the parser took for a subject: "PORTHAVEN, May 3 -- ..."."""
    if token.i != token.sent.start:
        return None
    return next((c for c in token.children if c.dep_ == "appos" and c.ent_type_ == "DATE"), None)


def _subject(verb: Token) -> Token | None:
    """The subject of ``verb``, past a dateline: in "LANDSMOOR, October 26 -- Corvane
    Foods Group ... announced" the actor is the other subject or the appositive after
    the date."""
    subjects = [c for c in verb.children if c.dep_ == "nsubj"]
    actor = next((s for s in subjects if _dateline_date(s) is None), None)
    if actor is not None or not subjects:
        return actor
    dateline = subjects[0]
    date = _dateline_date(dateline)
    return next((c for c in dateline.children if c.dep_ == "appos" and c.i > date.i and c.ent_type_ != "DATE"), dateline)


def _publisher(data: Token) -> Token | None:
    """Who published the data: "interior ministry" in "interior ministry figures" or
    "figures from the ministry"."""
    for child in data.children:
        if child.dep_ in ("compound", "poss", "nmod") and child.pos_ in ("NOUN", "PROPN"):
            return child
        if child.dep_ == "prep" and child.lower_ in ("from", "of", "by"):
            source = next((g for g in child.children if g.dep_ == "pobj"), None)
            if source is not None:
                return source
    return None


def _publisher_phrase(data: Token, publisher: Token) -> str | None:
    """"interior ministry" in "interior ministry figures", where the parser hangs
    "interior" on "figures" rather than on "ministry"; None for "figures from X"."""
    if publisher.i > data.i:
        return None
    start = min(
        [c.i for c in data.children if c.dep_ in ("amod", "compound", "nmod") and c.i < publisher.i]
        + [publisher.left_edge.i]
    )
    return data.doc[start : publisher.i + 1].text


def _between(token: Token, top: Token) -> list[Token]:
    """The tokens from ``token`` up to (not including) ``top`` in the tree."""
    path = []
    while token.i != top.i and token.head.i != token.i:
        path.append(token)
        token = token.head
    return path


def _phrase(tokens: list[Token]) -> str:
    doc = tokens[0].doc
    return doc[min(t.i for t in tokens) : max(t.i for t in tokens) + 1].text


class _FigureFinder:
    def __init__(
        self, doc: Doc, statements: list[Statement], resolver: SpeakerResolver, published: dt.date | None
    ) -> None:
        self.doc = doc
        self.statements = statements
        self.resolver = resolver
        self.published = published
        self.found: list[FigureMention] = []
        # spaCy rebuilds the entity tuple on every access.
        self.text = document_text(doc)
        self.ents = list(doc.ents)
        # Entities do not overlap, so their ends are in order too: a span's entities are
        # found by bisection, not by a walk from the start of the document.
        self.ent_ends = [ent.end for ent in self.ents]
        # The dates that can give a figure's date, by the verb they hang on (directly,
        # or as the object of its preposition: "moved on Monday"), in text order.
        self.dates_on: dict[int, list[Span]] = defaultdict(list)
        for ent in self.ents:
            if ent.label_ == "DATE":
                root = ent.root
                verbs = {root.head.i}
                if root.dep_ == "pobj":
                    verbs.add(root.head.head.i)
                for verb in verbs:
                    self.dates_on[verb].append(ent)

    def _overlaps(self, span: Span, labels: frozenset[str]) -> Span | None:
        for ent in self.ents[bisect_right(self.ent_ends, span.start) :]:
            if ent.start >= span.end:
                break
            if ent.label_ in labels:
                return ent
        return None

    def run(self) -> list[FigureMention]:
        for mention in scan_numbers(self.text):
            figure = self._figure(mention)
            if figure is not None:
                self.found.append(figure)
        return self.found

    # --- which numbers are figures -----------------------------------------------

    def _not_a_figure(self, m: NumberMention, span: Span) -> bool:
        if m.percent or m.adjective or self._overlaps(span, NAME_LABELS):
            return True  # shares, "30-year-old" and "35-hour week", numbers in names
        first = span[0]
        if m.spelled and first.is_title and not first.is_sent_start and span.end < len(self.doc) and self.doc[span.end].is_title:
            return True  # "Ten Velde": part of a name
        return False

    def _worth_keeping(self, m: NumberMention, noun: Token | None, category: str | None, tally: bool) -> bool:
        if noun is not None and _measurement(noun):
            return False
        if m.looks_like_year and category in (None, "duration", "other") and noun is None:
            return False
        if tally and not (noun is not None and _definite(noun)):
            # "five against", "35 abstained": small, but the result of a vote. "The two no
            # votes" and "one of the two" refer back to a result, not give it.
            return True
        if noun is None and category is None and m.currency is None:
            if m.qualifier == "vague":
                return False  # "thousands", with nothing said to be counted
            if m.value is None or m.value < BARE_NUMBER_MINIMUM:
                return False
        if m.spelled and m.value is not None and m.value < SMALL_COUNT:
            return category in ("casualties", "troops", "equipment", "duration")
        return True

    # --- what is counted ---------------------------------------------------------------

    def _category(
        self, m: NumberMention, span: Span, noun: Token | None
    ) -> tuple[str | None, str | None, Token | None, FigureMention | None]:
        """(category, unit, counted noun, the earlier figure it refers back to)."""
        if noun is not None and _lemma(noun) in ANAPHORIC_NOUNS:
            named = next((g for c in noun.children if c.lower_ == "of" for g in c.children if g.dep_ == "pobj"), None)
            if named is not None and _category_of_noun(named) is not None:
                noun = named  # "the number of troops": named right there
            else:
                earlier = self._antecedent(span)
                if earlier is not None:
                    return earlier.figure.category, earlier.figure.unit, noun, earlier
        if noun is not None and noun.lower_ in ("them", "those"):
            earlier = self._antecedent(span)
            if earlier is not None:
                return earlier.figure.category, earlier.figure.unit, noun, earlier
        category = _category_of_noun(noun)
        unit = noun.lower_ if noun is not None else None
        verb = _governing_verb(noun if noun is not None else _number_head(span))
        if verb is not None and _lemma(verb) in CASUALTY_VERBS and category in (None, "people", "troops", "casualties"):
            # "four soldiers were wounded", "killed more than 300": people harmed.
            if _lemma(verb) != "claim" or category == "casualties":
                category = "casualties"
        anchor = noun if noun is not None else _number_head(span)
        whole = _including_head(anchor)
        if category in (None, "people", "troops") and (
            (noun is not None and _harmed(noun)) or (whole is not None and _counts_casualties(whole))
        ):
            category = "casualties"  # "525 civilians injured", "331 deaths, including 19 children"
        if noun is None and category is None and _people_on_the_move(anchor):
            category = "people"
        if m.currency is not None:
            category, unit = "money", m.currency
        return category, unit, noun, None

    def _antecedent(self, span: Span) -> FigureMention | None:
        """The last categorised figure in the two sentences before ``span``."""
        sentence_start = span.sent.start
        window_start = self.doc[max(sentence_start - 1, 0)].sent.start
        lower = self.doc[window_start].idx
        for earlier in reversed(self.found):
            if earlier.start < lower:
                break
            if earlier.figure.category != "other":
                return earlier
        return None

    # --- who gives it --------------------------------------------------------------------

    def _statement_at(self, char: int) -> Statement | None:
        for statement in self.statements:
            if any(s <= char < e for s, e in statement.segments):
                return statement
        return None

    def _given_by(self, span: Span, noun: Token | None) -> tuple[Speaker | None, str | None]:
        """"X put the number at N", "X reported revenue of N", "X launched an appeal for
        N, of which M ...", "X figures showed that N ...": X gives the figure. ("N deaths
        acknowledged by X" is `_acknowledged_by`.)"""
        verb = None
        for start in (span.root, _number_head(span)):
            verb = _source_verb(start)
            if verb is not None:
                break
        subject = _subject(verb) if verb is not None else None
        data = None
        if subject is not None and _lemma(verb) in SHOWING_VERBS:
            data, subject = subject, _publisher(subject)
        if subject is None or verb is None:
            return None, None
        resolved = self.resolver.resolve(subject, verb)
        if resolved is None:
            return None, None
        speaker = resolved.speaker
        name = _publisher_phrase(data, subject) if data is not None and resolved.entity is None else None
        if name is not None:
            speaker = speaker.model_copy(update={"name": name, "mention": name})
        return speaker, verb.text

    def _acknowledged_by(self, noun: Token | None) -> tuple[Speaker | None, str | None]:
        """"the 312 deaths acknowledged by the ministry": the agent gives the figure,
        even inside someone else's statement."""
        if noun is None:
            return None, None
        for participle in noun.children:
            if participle.dep_ == "acl" and _lemma(participle) in FIGURE_SOURCE_VERBS:
                agent = next((c for c in participle.children if c.dep_ == "agent"), None)
                subject = next((g for g in agent.children if g.dep_ == "pobj"), None) if agent is not None else None
                if subject is not None:
                    resolved = self.resolver.resolve(subject, participle)
                    if resolved is not None:
                        return resolved.speaker, participle.text
        return None, None

    # --- context for comparing across sources ----------------------------------------------

    def _context(
        self, span: Span, noun: Token | None, statement: Statement | None, earlier: FigureMention | None
    ) -> dict[str, object]:
        anchor = noun if noun is not None and noun.pos_ in ("NOUN", "PROPN") else _number_head(span)
        verb = _governing_verb(anchor)
        holders = [anchor, span.root, verb]
        context: dict[str, object] = {
            "owner": self._owner(anchor, verb),
            "place": self._place(holders),
            "since": self._since(holders),
            "planned": _planned(anchor, verb),
            "verb": _lemma(verb) if verb is not None else None,
            **self._when(span, verb, statement),
        }
        if earlier is not None:
            # "put the number at N" measures what the figure before it measured.
            for key in ("owner", "place", "since"):
                context[key] = context[key] or getattr(earlier.figure, key)
        return context

    def _owner(self, noun: Token, verb: Token | None) -> str | None:
        """Whose the counted thing is: "Russian troops", "Ukraine's army", or the subject
        of "Russia has amassed N troops"."""
        for child in noun.children:
            if child.dep_ in ("amod", "compound", "nmod", "poss") and child.ent_type_ in ("NORP", "GPE", "ORG"):
                return _phrase([t for t in child.subtree if t.tag_ != "POS"])
            if child.dep_ == "prep" and child.lower_ == "of":
                owner = next((g for g in child.children if g.dep_ == "pobj" and g.ent_type_ in ("NORP", "GPE", "ORG")), None)
                if owner is not None:
                    return _phrase(list(owner.subtree))
        if verb is not None and _lemma(verb) in OWNING_VERBS and _object_of(noun, verb):
            subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
            entity = entity_of(subject) if subject is not None else None
            if entity is not None and entity.kind in ("place", "organization"):
                return entity.name
        return None

    def _place(self, holders: list[Token | None]) -> str | None:
        """Where: "near the border with Ukraine", "in eastern Ukraine"."""
        for holder in holders:
            if holder is None:
                continue
            for prep in holder.children:
                if prep.dep_ != "prep" or prep.lower_ not in PLACE_PREPOSITIONS:
                    continue
                place = next((g for g in prep.children if g.dep_ == "pobj"), None)
                if place is None or not (place.ent_type_ in ("GPE", "LOC", "FAC") or _lemma(place) in PLACE_NOUNS):
                    continue
                # The phrase without clauses hung on it: "in Berlin, which ...".
                words = [t for t in prep.subtree if not any(a.dep_ in ("relcl", "acl", "appos") for a in _between(t, prep))]
                return _phrase(words).rstrip(" ,")
        return None

    def _since(self, holders: list[Token | None]) -> str | None:
        """Since when: "since April 2014"."""
        for holder in holders:
            if holder is None:
                continue
            for prep in holder.children:
                if prep.dep_ == "prep" and prep.lower_ == "since":
                    words = [t for t in prep.subtree if t.i != prep.i]
                    return _phrase(words) if words else None
        return None

    def _when(self, span: Span, verb: Token | None, statement: Statement | None) -> dict[str, object]:
        """The date the figure is given for: its statement's date, or a date phrase on
        the verb it depends on ("On Monday around 8,500 troops were placed ...")."""
        if statement is not None and statement.date is not None:
            return {"when": None, "as_of": statement.date}
        if verb is None:
            return {"when": None, "as_of": None}
        sent = span.sent
        for ent in self.dates_on.get(verb.i, ()):
            if ent.start < sent.start or ent.end > sent.end:
                continue
            if ent.start < span.end and span.start < ent.end:
                continue
            root = ent.root
            if root.head.lower_ == "since" or any(
                a.lower_ == "since" for a in islice(root.ancestors, SINCE_ANCESTORS) if a.i > verb.i - 20
            ):
                continue
            return {"when": ent.text, "as_of": resolve_date(ent.text, self.published)}
        return {"when": None, "as_of": None}

    # --- putting it together ------------------------------------------------------------------

    def _figure(self, m: NumberMention) -> FigureMention | None:
        span = self.doc.char_span(m.start, m.end, alignment_mode="expand")
        if span is None or not len(span) or self._not_a_figure(m, span):
            return None
        noun = _counted_noun(span)
        if noun is not None and _ago(noun):
            return None  # "3 days ago" says when, not how long
        category, unit, noun, earlier = self._category(m, span, noun)
        tally = m.currency is None and _vote_tally(noun if noun is not None else _number_head(span))
        if tally:
            category = "other"  # votes, whoever casts them: "153 senators in favour"
        time_entity = self._overlaps(span, TIME_LABELS)
        if time_entity is not None and (noun is None or category in (None, "other")):
            return None  # a date, a clock time, "last year"
        if m.looks_like_year and (noun is None or noun.tag_ not in ("NNS", "NNPS")):
            return None  # "since 2019", "the 2023 budget"
        if not self._worth_keeping(m, noun, category, tally):
            return None
        end = m.end
        if noun is not None and noun.i >= span.end and noun.i - span.end <= 4:
            end = noun.idx + len(noun.text)
        sentence = span.sent
        statement = self._statement_at(m.start)
        speaker, cue = self._acknowledged_by(noun)
        if speaker is None:
            speaker, cue = (statement.speaker, statement.cue) if statement is not None else self._given_by(span, noun)
        figure = Figure(
            value=m.value,
            low=m.low,
            high=m.high,
            qualifier=m.qualifier,
            unit=unit,
            category=category or "other",
            **self._context(span, noun, statement, earlier),
        )
        return FigureMention(
            start=m.start,
            end=end,
            text=self.text[m.start : end],
            sentence_start=sentence.start_char,
            sentence_end=sentence.end_char,
            figure=figure,
            speaker=speaker,
            cue=cue,
            direct=statement.direct if statement is not None else False,
            date=statement.date if statement is not None else None,
        )


def extract_figures(
    doc: Doc,
    statements: list[Statement],
    resolver: SpeakerResolver | None = None,
    published: dt.date | None = None,
) -> list[FigureMention]:
    """Figures in ``doc``, attributed to the statements that contain them. ``published``
    resolves the dates figures are given for ("on Monday")."""
    return _FigureFinder(doc, statements, resolver or SpeakerResolver(doc), published).run()
