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
from claimtrack.closed_sets import Measure
from claimtrack.lexicon import (
    FIGURE_SOURCE_VERBS,
    RELATIVE_PRONOUNS,
    NounClass,
    VerbFrame,
    actor_measures,
    category_of,
    destination_measures,
    measure_kind,
    occasion_measures,
    noun_measures,
    nouns,
    verb_measures,
    verbs,
)
from claimtrack.models import Figure, Speaker
from claimtrack.nlp.components import document_text, entity_of

# What a figure counts (categories.tsv): from the counted noun (nouns.tsv, counts:M), from
# what a verb does to a count (verbs.tsv, counts:M: "killed 40", "40 were evacuated") or
# what a count does (counts_actor:M: "40 died", "40,000 marched"), and from where a
# count is taken ("taken to hospital", "took to the streets": destination:M).
NOUN_MEASURES = noun_measures()
VERB_MEASURES = verb_measures()
ACTOR_MEASURES = actor_measures()
DESTINATION_MEASURES = destination_measures()
OCCASION_MEASURES = occasion_measures()
DURATION_NOUNS = frozenset(noun for noun, measure in NOUN_MEASURES.items() if measure == Measure.duration)
# Verbs that take a count to a place or keep it there: "were taken to hospital".
CONVEYING_VERBS = verbs(VerbFrame.conveying)
# Armed forces count as troops ("100,000 troops"), unless a word makes them civilian
# ("security forces").
MILITARY_NOUNS = nouns(NounClass.military)
CIVILIAN_MODIFIERS = nouns(NounClass.civilian_modifier)
# Ships are equipment only when they are warships or sent with other equipment: "six
# landing ships", "87 vessels and 18 aircraft", not "40 ships" an insurer covers.
SHIP_NOUNS = nouns(NounClass.ship)
MILITARY_MODIFIERS = nouns(NounClass.military_modifier)
# Human nouns the lists miss often end like this ("drivers", "shunters", "analysts").
PEOPLE_SUFFIX = re.compile(r"(?:ers|ors|ists|ians|ants|ents)$")
DEMONYM = re.compile(r"^[A-Z][a-z]+(?:ans|ese|is|ers)$")
# ... and plurals that end so without naming people ("containers", "segments").
NOT_PEOPLE = nouns(NounClass.not_people)
# Units of measure: a number of them is a measurement, not a figure to track.
MEASUREMENT_UNITS = nouns(NounClass.measurement_unit)
# ... but volumes and areas are amounts of goods or land: "55 billion cubic metres" of gas.
AMOUNT_MEASURES = nouns(NounClass.amount_measure)
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
# A number with nothing counted from this size up, next to a sum of money, is money too.
MONEY_SCALE = 1_000_000
# A number with no counted noun is only a figure from this size up.
BARE_NUMBER_MINIMUM = 100
# Spelled-out counts below this are figures only for casualties, troops, weapons and
# spans of time, for people missing, rescued or detained ("two are still missing"), and
# for people a known plural noun names ("four crew members", "five Nepalis").
SMALL_COUNT = 10
SMALL_COUNT_MEASURES = frozenset({Measure.missing, Measure.rescued, Measure.detained})
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


@dataclass(frozen=True, slots=True)
class _Counted:
    """What a number counts: its measure, whether the counted noun is military (troops
    rather than people), the unit as written, the counted noun, and the earlier figure
    it refers back to ("put the number at N")."""

    measure: Measure | None
    military: bool
    unit: str | None
    noun: Token | None
    earlier: FigureMention | None = None

    @property
    def category(self) -> str:
        return category_of(self.measure or Measure.other, self.military)


def _is_year(token: Token) -> bool:
    """A four-digit number that reads as a year ("1992", "2020")."""
    return token.shape_ == "dddd" and 1800 <= int(token.text) <= 2100


def _lemma(token: Token) -> str:
    return token.lemma_.lower()


def _noun_measure(noun: Token | None) -> Measure | None:
    """The measure of a figure that counts ``noun``, by the noun alone."""
    if noun is None:
        return None
    for word in (_lemma(noun), noun.lower_):
        if word in NOUN_MEASURES:
            found = NOUN_MEASURES[word]
            if found == Measure.people:
                # "crew members", "rescue staff": the word before says who they are.
                compounds = [c for c in noun.children if c.dep_ in ("compound", "nmod")]
                compounds += [g for c in compounds for g in c.children if g.dep_ == "conj"]  # "search and rescue"
                for child in compounds:
                    before = NOUN_MEASURES.get(_lemma(child))
                    if before is not None and measure_kind(before) != "thing":
                        return before
            return found
    if _lemma(noun) in MEASUREMENT_UNITS:
        # "300 square kilometres": a unit whose modifier makes it land.
        for child in noun.children:
            if child.dep_ in ("amod", "compound", "nmod") and child.lower_ in NOUN_MEASURES:
                return NOUN_MEASURES[child.lower_]
        return None
    if _lemma(noun) in SHIP_NOUNS and (
        any(c.dep_ in ("amod", "compound", "nmod") and _lemma(c) in MILITARY_MODIFIERS for c in noun.children)
        or any(NOUN_MEASURES.get(_lemma(c)) == Measure.equipment for c in noun.children if c.dep_ == "conj")
        or (noun.dep_ == "conj" and NOUN_MEASURES.get(_lemma(noun.head)) == Measure.equipment)
    ):
        return Measure.equipment  # "six landing ships", "87 vessels and 18 aircraft"
    plural = noun.tag_ in ("NNS", "NNPS")
    if plural and PEOPLE_SUFFIX.search(noun.lower_) and noun.lower_ not in NOT_PEOPLE:
        return Measure.people
    if plural and (noun.ent_type_ == "NORP" or DEMONYM.search(noun.text)):
        return Measure.people  # "900 Karovians", "300 Sardanese"
    return None


def _named_people(noun: Token | None) -> bool:
    """A plural the lexicon knows for people, or a people's name: "four commissioners",
    "five Indians"; not "three craters" nor "two general staffs"."""
    if noun is None or noun.tag_ not in ("NNS", "NNPS") or noun.lower_ in NOT_PEOPLE:
        return False
    known = NOUN_MEASURES.get(_lemma(noun)) or NOUN_MEASURES.get(noun.lower_)
    return (known is not None and measure_kind(known) != "thing") or noun.ent_type_ == "NORP"


def _military(noun: Token | None) -> bool:
    """Armed forces ("100,000 troops"), not "security forces" or "police personnel"."""
    if noun is None or not ({_lemma(noun), noun.lower_} & MILITARY_NOUNS):
        return False
    return not any(c.dep_ in ("amod", "compound", "nmod") and _lemma(c) in CIVILIAN_MODIFIERS for c in noun.children)


def _kind(measure: Measure | None) -> str | None:
    return measure_kind(measure) if measure is not None else None


def _people_measure(measure: Measure | None) -> bool:
    return measure is not None and measure_kind(measure) != "thing"


def _passive(verb: Token) -> bool:
    """"were killed", "55 injured", "people evacuated": the subject undergoes the verb.
    A participle with no auxiliary of its own and no object is a reduced passive."""
    if any(c.dep_ in ("auxpass", "nsubjpass") for c in verb.children):
        return True
    if verb.tag_ != "VBN":
        return False
    return not any(c.dep_ in ("aux", "dobj") for c in verb.children)


def _word_measure(word: Token, undergoes: bool) -> Measure | None:
    """What ``word`` said of a count says it counts: "dead", "missing", "homeless" (an
    adjective or participle of nouns.tsv), or its verb: "killed" when the count
    ``undergoes`` it, "died" or "marched" when the count does it."""
    if word.pos_ in ("VERB", "AUX"):
        lemma = _lemma(word)
        if undergoes and lemma in VERB_MEASURES:
            return VERB_MEASURES[lemma]
        if not undergoes and lemma in ACTOR_MEASURES:
            return ACTOR_MEASURES[lemma]
        if any(c.dep_ == "dobj" for c in word.children):
            return None  # "40 gunmen killed three", not "40 killed"
    if word.pos_ in ("ADJ", "VERB", "NOUN") and word.lower_ in NOUN_MEASURES:
        measure = NOUN_MEASURES[word.lower_]
        return measure if measure_kind(measure) == "fate" else None
    return None


def _destination(verb: Token) -> Measure | None:
    """"were taken to hospital", "took to the streets", "were taken into custody",
    "were crushed to death", "went to hospital"."""
    found = _place_measure(verb)
    if found is None or _lemma(verb) in CONVEYING_VERBS:
        return found
    # Any verb that ends in harm says so: "crushed to death", "went to hospital".
    return found if measure_kind(found) == "fate" and any(c.dep_ == "prep" and c.lower_ == "to" for c in verb.children) else None


def _place_measure(token: Token) -> Measure | None:
    """The measure said by where ``token`` goes or is: "to hospital", "into custody",
    "on board", "aboard"."""
    for child in token.children:
        if child.dep_ == "prep" and child.lower_ in ("to", "into", "in", "on", "without"):
            for place in child.children:
                if place.dep_ == "pobj" and _lemma(place) in DESTINATION_MEASURES:
                    return DESTINATION_MEASURES[_lemma(place)]
        elif child.dep_ in ("advmod", "prep") and child.lower_ in DESTINATION_MEASURES:
            return DESTINATION_MEASURES[child.lower_]
    return None


# How a complement hangs on the verb it completes: "were confirmed [killed]", "left 40
# people [dead]", "were reported [to be missing]", "were [dead]", "confirmed [as injured]".
COMPLEMENT_DEPS = frozenset("xcomp oprd acomp attr ccomp".split())


def _complement_measure(verb: Token, undergoes: bool, count: Token, depth: int = 3) -> Measure | None:
    """The measure said by ``verb``'s complements of a count that is its subject or object."""
    for child in verb.children:
        if child.i == count.i:
            continue
        if child.dep_ in COMPLEMENT_DEPS or (
            child.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ == "as" for m in child.children)
        ):
            # A verb complement has its own voice: "were believed [to have died]",
            # "were confirmed [killed]", "confirmed [as injured]".
            passive = _passive(child) if child.pos_ in ("VERB", "AUX") else undergoes
            found = _word_measure(child, passive)
            if found is None and child.pos_ in ("VERB", "AUX"):
                found = _destination(child)
            if found is None and depth > 1:
                found = _complement_measure(child, passive, count, depth - 1)
            if found is not None:
                return found
        elif child.dep_ == "prep" and child.lower_ == "as":
            for word in child.children:  # "confirmed as injured"
                found = _word_measure(word, True) if word.dep_ in ("pobj", "amod", "acomp") else None
                if found is not None:
                    return found
    return None


# Pronouns that stand for a count named before: "police put them at 20,000", "this had
# been revised down to 164".
REFERRING_PRONOUNS = frozenset({"them", "those", "this", "it", "that", "these"})
# Words that compare a number with a figure beside it, whose measure it takes:
# "versus 45", "(against 23,000)", "compared to 232", "up from 31".
COMPARING_PREPOSITIONS = frozenset({"than", "versus", "vs", "vs.", "against"})
COMPARING_WORDS = frozenset({"compare", "up", "down"})


# How far a participle may stand from the noun it says something of ("179 people
# rescued"): further away, it is more often a parse that hung it on the wrong noun.
MODIFIER_REACH = 4


def _predicate_measure(count: Token) -> Measure | None:
    """What is said of a count says what it counts: a participle or clause on it ("people
    killed", "injured people", "people who were evacuated"), the verb it is the subject or
    object of ("40 died", "killed 40", "40 were confirmed dead", "left 40 dead", "40 were
    taken to hospital")."""
    for child in count.children:
        # An adjective before the noun ("injured people"), a participle after it ("people
        # killed"); an adjective after it is said of it by a verb ("pulled 38 people alive").
        if ((child.dep_ == "amod" and child.i < count.i) or child.dep_ == "acl") and abs(child.i - count.i) <= MODIFIER_REACH:
            found = _word_measure(child, child.pos_ != "VERB" or _passive(child) or child.tag_ == "VBN")
            if found is not None:
                return found
        elif child.dep_ == "relcl":
            relative = next((c for c in child.children if c.lower_ in RELATIVE_PRONOUNS), None)
            if relative is not None and relative.dep_ in ("nsubj", "nsubjpass"):
                undergoes = relative.dep_ == "nsubjpass" or _passive(child)
                found = _word_measure(child, undergoes) or _complement_measure(child, undergoes, relative)
                if found is not None:
                    return found
    own_place = _place_measure(count)
    if own_place is not None:
        return own_place  # "459 on board", "17 in hospital"
    return _verb_measure(count) or _postposed_adjective(count) or _following_participle(count)


def _postposed_adjective(count: Token) -> Measure | None:
    """"with at least 397 people dead", "pulled 38 people alive": an adjective after the
    count, when its verb said nothing ("buried 2,000 people alive" are dead)."""
    for child in count.children:
        if child.dep_ == "amod" and child.i > count.i and child.i - count.i <= MODIFIER_REACH:
            found = _word_measure(child, True)
            if found is not None:
                return found
    return None


def _verb_measure(count: Token) -> Measure | None:
    """What the verb a count is the subject or object of says it counts."""
    verb = count.head
    stranded = _stranded_subject_of(count)
    if stranded is not None:
        verb, dep = stranded, "nsubjpass" if _passive(stranded) else "nsubj"
        return _word_measure(verb, dep == "nsubjpass") or _complement_measure(verb, dep == "nsubjpass", count) or _occasion(verb)
    if verb.i == count.i or count.dep_ not in ("nsubj", "nsubjpass", "dobj", "attr"):
        return None
    if verb.pos_ not in ("VERB", "AUX", "ADJ"):
        return None
    undergoes = count.dep_ in ("dobj", "nsubjpass") or (count.dep_ == "nsubj" and _passive(verb))
    if count.dep_ == "attr":
        undergoes = True  # "there were 300 dead"
    return (
        _word_measure(verb, undergoes)
        or _complement_measure(verb, undergoes, count)
        or _destination(verb)
        or (_own_loss(verb) if count.dep_ == "nsubj" else None)
        or (_occasion(verb) if count.dep_ == "nsubj" else None)
    )


def _occasion(verb: Token) -> Measure | None:
    """"took part", "joined in the protests", "attended the rally": the occasion a count
    joins says what it counts."""
    objects = [c for c in verb.children if c.dep_ == "dobj"]
    holders = [verb, *objects]  # "took [part] in the march"
    places = objects + [
        g
        for holder in holders
        for c in holder.children
        if c.dep_ == "prep" and c.lower_ in ("in", "at")
        for g in c.children
        if g.dep_ == "pobj"
    ]
    for place in places:
        if _lemma(place) in OCCASION_MEASURES:
            return OCCASION_MEASURES[_lemma(place)]
    return None


def _stranded_subject_of(count: Token) -> Token | None:
    """"said between 275,000 and 325,000 people took part": a count the parser hung on
    the verb before it, right before a verb that has no subject; it is that verb's."""
    doc = count.doc
    if count.dep_ in ("nsubj", "nsubjpass") or count.i + 1 >= len(doc):
        return None
    verb = doc[count.i + 1]
    if verb.pos_ != "VERB" or verb.tag_ not in ("VBD", "VBZ", "VBP") or verb.dep_ not in ("ccomp", "conj", "ROOT"):
        return None
    if any(c.dep_ in ("nsubj", "nsubjpass", "expl") for c in verb.children):
        return None
    return verb


def _own_loss(verb: Token) -> Measure | None:
    """"15 people lost their lives": the subject's own thing, named by a noun that
    says what befell people."""
    thing = next((c for c in verb.children if c.dep_ == "dobj"), None)
    if thing is None or not any(c.dep_ == "poss" for c in thing.children):
        return None
    found = _noun_measure(thing)
    return found if _kind(found) == "fate" else None


def _following_participle(count: Token) -> Measure | None:
    """"and 179 people rescued" where the parser hung "rescued" on another noun: a
    participle or adjective right after the count, with no subject of its own, still
    says what befell it."""
    doc = count.doc
    if count.i + 1 >= len(doc):
        return None
    word = doc[count.i + 1]
    if word.tag_ not in ("VBN", "VBD", "JJ") or word.head.i == count.i:
        return None
    if any(c.dep_ in ("nsubj", "nsubjpass") for c in word.children):
        return None
    found = _word_measure(word, True)
    return found if _kind(found) == "fate" else None


def _combine(noun_measure: Measure | None, said: Measure | None) -> Measure | None:
    """A count's measure from its noun and from what is said of it: what befell people
    ("80 miners were injured") outweighs who they are; who they are ("2.8 million
    people marched") outweighs only plain people; things stay things."""
    if said is None:
        return noun_measure
    if noun_measure is None:
        return said
    noun_kind, said_kind = measure_kind(noun_measure), measure_kind(said)
    if noun_kind == "thing" or said_kind == "thing":
        return noun_measure
    if noun_kind == "fate":
        return noun_measure
    if said_kind == "fate" or noun_measure == Measure.people:
        return said
    return noun_measure


def _number_head(span: Span) -> Token:
    """The last number word of a phrase: it is what the counted noun hangs on
    ("between 60,000 and [65,000] troops", "an estimated [120,000] people")."""
    numbers = [t for t in span if (t.like_num or t.pos_ == "NUM") and t.dep_ != "appos"]
    return numbers[-1] if numbers else span.root  # not the pieces of "25, 486, 616"


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
                if objects and (child.lower_ == "of" or _noun_measure(objects[0]) == Measure.money):
                    return objects[0]
    root = span.root
    if root.pos_ in ("NOUN", "PROPN") and not root.like_num and _noun_measure(root):
        return root
    # "of at least 14million Kenyans": a plural noun right after the number, whatever
    # the parse made of it.
    after = span.doc[span.end] if span.end < len(span.doc) else None
    if after is not None and (
        (after.tag_ == "NNS" and not after.is_title and not _time_phrase(after))
        or (after.tag_ == "NNPS" and after.ent_type_ == "NORP")
    ):
        return after
    # "On Friday 136 active wildfires": the parser hung the number on the date before it.
    if head.dep_ == "nummod" and head.head.i < head.i:
        for token in span.doc[span.end : span.end + 3]:
            if token.tag_ in ("NNS", "NNPS") and not _time_phrase(token):
                return token
            if token.pos_ not in ("ADJ", "NOUN"):
                break
    # "more than two dozen known deaths": the number hangs on a participle before the noun.
    token = head
    for _ in range(3):
        if token.head.i == token.i:
            break
        token = token.head
        if token.i >= span.end and token.pos_ == "NOUN" and token.i - span.end <= 3:
            if _time_phrase(token):
                break
            return token
        if token.dep_ not in ("amod", "compound", "npadvmod", "quantmod", "nummod") or token.i < span.end - 1:
            break
    return _quantity_noun(head)


def _quantity_noun(number: Token) -> Token | None:
    """The noun that names the quantity a number is the value of: "the death toll rose to
    214", "put the death toll at 245", "brought the total to six"."""
    return _level_subject(number) or _estimated_quantity(number) or _raised_quantity(number)


def _compound_measure(quantity: Token) -> Measure | None:
    """"the death count", "the injury tally": the word before the quantity says what it
    counts."""
    for child in quantity.children:
        if child.dep_ in ("compound", "amod", "nmod") and child.i < quantity.i:
            found = NOUN_MEASURES.get(_lemma(child)) or NOUN_MEASURES.get(child.lower_)
            if found is not None and measure_kind(found) == "fate":
                return found
    return None


def _named_before(quantity: Token) -> Measure | None:
    """"The death toll ... continued to soar as the number touched 550": with no figure
    before it, "the number" is the last quantity of people harmed named in its sentence."""
    for token in reversed(quantity.doc[quantity.sent.start : quantity.i]):
        found = NOUN_MEASURES.get(_lemma(token)) if token.pos_ == "NOUN" else None
        if found is not None and measure_kind(found) == "fate":
            return found
    return None


def _setter_measure(quantity: Token) -> Measure | None:
    """"five new cases brought the total to 30": what the subject of the verb that set
    a quantity counts."""
    if quantity.dep_ != "dobj":
        return None
    subject = next((c for c in quantity.head.children if c.dep_ == "nsubj"), None)
    found = _noun_measure(subject) if subject is not None and subject.pos_ == "NOUN" else None
    return found if _kind(found) == "fate" else None  # not "police put the number at N"


def _raised_quantity(number: Token) -> Token | None:
    """"brought the total to 30", "revised the death toll to 275", "taking to 30 the number
    infected": the object of a verb that sets a quantity to the number."""
    if number.dep_ != "pobj" or number.head.lower_ != "to":
        return None
    verb = number.head.head
    while verb.pos_ == "ADV" and verb.head.i != verb.i:  # "so far to six"
        verb = verb.head
    if not _is_verb(verb):
        return None
    quantity = next((c for c in verb.children if c.dep_ == "dobj"), None)
    if quantity is None or not (_lemma(quantity) in ANAPHORIC_NOUNS or _noun_measure(quantity) is not None):
        return None
    return quantity


def _level_subject(number: Token) -> Token | None:
    """"the death toll rose to 214", "the toll could be 3,500": the subject counts."""
    verb = number.head
    if number.dep_ == "pobj" and number.head.lower_ in ("to", "at", "from", "past", "beyond", "above"):
        verb = number.head.head  # "rose to 214", "climbed past 1,800"
    elif number.dep_ not in ("attr", "acomp", "dobj", "npadvmod"):
        return None
    if verb.pos_ not in ("VERB", "AUX") or _lemma(verb) not in LEVEL_VERBS:
        return None
    # "the caseload has ... climbed to 60": the parser may hang the subject on the auxiliary.
    holders = [verb, *(c for c in verb.children if c.dep_ == "aux")]
    return next(
        (
            c
            for holder in holders
            for c in holder.children
            if c.dep_ in ("nsubj", "nsubjpass") and (c.pos_ == "NOUN" or c.lower_ in REFERRING_PRONOUNS)
        ),
        None,
    )


def _time_phrase(noun: Token) -> bool:
    """"last month", "this week": a date, not what a number next to it counts."""
    return _lemma(noun) in DURATION_NOUNS and any(
        c.dep_ in ("amod", "det") and c.lower_ in ("last", "next", "this", "that", "every", "each") for c in noun.children
    )


def _at_phrase_verb(number: Token) -> Token | None:
    """The verb of "put X at N" (also when the parser hung N on a date after it, or on
    a participle inside X: "put the number of civilians killed at N")."""
    token = number
    while token.dep_ == "conj" and token.head.i != token.i:
        token = token.head  # "at between 88,000 and [107,000]"
    if token.dep_ == "nummod" and (_time_phrase(token.head) or token.head.dep_ == "pobj"):
        token = token.head  # "at 1,900 last month", "put the toll at 245 people"
    for _ in range(2):
        # "at closer to 90,000": the parser hangs the number on its qualifier.
        if token.head.lower_ in ("at", "as") or token.head.pos_ not in ("ADP", "ADV", "ADJ") or token.head.i == token.i:
            break
        token = token.head
    if token.dep_ in ("pobj", "amod", "advmod") and token.head.lower_ in ("at", "as") and token.head.dep_ == "prep":
        verb = token.head.head
        if verb.dep_ == "acl":
            above = _governing_verb(verb)
            if above is not None and _lemma(above) in FIGURE_SOURCE_VERBS:
                return above
        return verb
    return None


def _estimated_quantity(number: Token) -> Token | None:
    """"put the number at N", "the toll has been fixed at N", "an estimate of N": the
    noun N is the value of."""
    verb = _at_phrase_verb(number)
    if verb is not None and _lemma(verb) in FIGURE_SOURCE_VERBS | LEVEL_VERBS:
        return next((c for c in verb.children if c.dep_ in ("dobj", "nsubjpass")), None)
    if number.dep_ == "pobj" and number.head.lower_ == "of":
        quantity = number.head.head
        if quantity.pos_ == "NOUN" and (_lemma(quantity) in ANAPHORIC_NOUNS or _people_measure(_noun_measure(quantity))):
            return quantity
    return None


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


def _including_head(noun: Token) -> Token | None:
    """The larger count a phrase is part of: "deaths" in "331 deaths, including 19
    children and 675 injuries" (for either conjunct), "six deaths: four students and
    two teachers", or the count of the clause "including" hangs on ("450 bodies were
    recovered, including 10 from under rubble")."""
    while noun.dep_ == "conj" and noun.head.i != noun.i:
        noun = noun.head
    whole = None
    if noun.dep_ == "pobj" and noun.head.lower_ in INCLUDING_WORDS and noun.head.head.i != noun.head.i:
        whole = noun.head.head
    elif noun.dep_ == "appos" and noun.head.pos_ == "NOUN":
        whole = noun.head
    if whole is not None and _is_verb(whole):
        return next((c for c in whole.children if c.dep_ in ("nsubjpass", "dobj", "nsubj") and c.pos_ in ("NOUN", "NUM")), None)
    return whole


def _count_measure(token: Token) -> Measure | None:
    """What a noun or number counts, by its noun and what is said of it, or by the verb
    it depends on ("killed 40, including ...")."""
    found = _combine(_noun_measure(token), _predicate_measure(token))
    if found is None:
        verb = _governing_verb(token)
        if verb is not None and _lemma(verb) in VERB_MEASURES and measure_kind(VERB_MEASURES[_lemma(verb)]) == "fate":
            found = VERB_MEASURES[_lemma(verb)]
    return found


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
    return _lemma(noun) in DURATION_NOUNS and (
        noun.head.lower_ == "ago" or any(c.lower_ == "ago" for c in noun.children)
    )


def _age(noun: Token) -> bool:
    """"52 years old": an age, not a span of time."""
    doc = noun.doc
    return _lemma(noun) in DURATION_NOUNS and noun.i + 1 < len(doc) and doc[noun.i + 1].lower_ == "old"


def _said_next(last: Token, measure: Measure | None) -> Token | None:
    """The word right after a figure (past an adverb: "thousands still missing") that
    says what befell the count, so that the figure's text shows it."""
    if measure is None or measure_kind(measure) != "fate":
        return None
    doc = last.doc
    for word in doc[last.i + 1 : min(last.i + 3, len(doc))]:
        if word.pos_ == "ADV":
            continue
        if word.tag_ in ("JJ", "VBN", "VBG") and _word_measure(word, word.tag_ != "VBG") == measure:
            return word
        return None
    return None


def _vague_reach(span: Span, anchor: Token, last: Token, measure: Measure | None, start: int, end: int) -> tuple[int, int]:
    """The characters a vague count's text covers: also the verb right before it whose
    object it is, or the verb right after it and the place it goes to, when that verb
    says what is counted."""
    if measure is None:
        return start, end
    doc = span.doc
    before = doc[span.start - 1] if span.start > 0 else None
    objects = {anchor.i, _number_head(span).i}
    if before is not None and before.pos_ == "VERB" and any(
        c.dep_ == "dobj" and c.i in objects for c in before.children
    ):
        if _word_measure(before, True) == measure:
            start = before.idx
    k = last.i + 1
    while k < len(doc) and doc[k].dep_ in ("aux", "auxpass"):
        k += 1  # "thousands were taking to the streets"
    after = doc[k] if k < len(doc) else None
    if after is not None and after.pos_ == "VERB" and (anchor.head.i == after.i or _stranded_subject_of(anchor) is after):
        if _destination(after) == measure:
            prep = next(
                (c for c in after.children if c.dep_ == "prep" and any(_lemma(g) in DESTINATION_MEASURES for g in c.children)),
                None,
            )
            edge = prep.right_edge if prep is not None else after
            end = max(end, edge.idx + len(edge.text))
    return start, end


def _measurement(noun: Token) -> bool:
    """"25 degrees", "141 metres", "a 6.8 earthquake"; not "5,000 km of lines" or
    "105 million cubic metres"."""
    return (
        _lemma(noun) in MEASUREMENT_UNITS
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
    if lemma in SHOWING_VERBS and subject is not None and {_lemma(subject), subject.lower_} & DATA_NOUNS:
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
    if not subjects and verb.dep_ == "conj" and verb.head.pos_ in ("VERB", "AUX"):
        return _subject(verb.head)  # "X revised the toll to 275 and put the injured at 1,175"
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
        if m.percent or m.adjective:
            return True  # shares, "30-year-old" and "35-hour week"
        name = self._overlaps(span, NAME_LABELS)
        if name is not None and not ("," in m.text and name.end == span.end) and not all(t.like_num for t in name):
            # numbers in names; not "the firm Crowdline 55,000" run into one, nor a bare
            # number the model took for a name
            return True
        first = span[0]
        if m.spelled and first.is_title and not first.is_sent_start and span.end < len(self.doc) and self.doc[span.end].is_title:
            return True  # "Ten Velde": part of a name
        return False

    def _ratio(self, span: Span) -> bool:
        """"one in three displaced families": a share, not a count."""
        if span.start < 2:
            return False
        before = self.doc[span.start - 1]
        return before.lower_ in ("in", "out") and (self.doc[span.start - 2].like_num or self.doc[span.start - 2].lower_ == "of")

    def _in_a_name(self, m: NumberMention, span: Span) -> bool:
        """"S&P 500", "Route 66", "Fortune 500": plain digits right after a name, with
        nothing counted after them, are part of the name."""
        if not m.text.isdigit() or span.start == 0:
            return False
        before = self.doc[span.start - 1]
        return (
            before.pos_ == "PROPN"
            and (before.is_title or before.is_upper)
            and not before.is_sent_start
            and before.ent_type_ not in TIME_LABELS
        )
        return False

    def _worth_keeping(self, m: NumberMention, noun: Token | None, counted: _Counted, tally: bool) -> bool:
        if noun is not None and _measurement(noun):
            return False
        measure = counted.measure
        if m.looks_like_year and measure in (None, Measure.duration, Measure.other) and noun is None:
            return False
        if tally and not (noun is not None and _definite(noun)):
            # "five against", "35 abstained": small, but the result of a vote. "The two no
            # votes" and "one of the two" refer back to a result, not give it.
            return True
        if noun is None and measure is None and m.currency is None:
            if m.qualifier == "vague":
                return False  # "thousands", with nothing said to be counted
            if m.value is None or m.value < BARE_NUMBER_MINIMUM:
                return False
        if m.spelled and m.value == 1 and noun is not None:
            return False  # "one body", "one survivor": a person in the story, not a count
        if m.spelled and m.value is not None and m.value < SMALL_COUNT:
            # Small counts matter when something befell people ("two were killed"), and
            # for troops, weapons and spans of time.
            return (
                measure in SMALL_COUNT_MEASURES
                or counted.category in ("casualties", "troops", "equipment", "duration")
                or (_kind(measure) == "who" and _named_people(noun))
            )
        return True

    # --- what is counted ---------------------------------------------------------------

    def _counted(self, m: NumberMention, span: Span, noun: Token | None, behind: bool = True) -> _Counted:
        """What the number at ``span`` counts, by its noun, what is said of it and the
        frame around it, or by the earlier figure it refers back to."""
        if m.currency is not None:
            return _Counted(Measure.money, False, m.currency, noun)
        quantity = None
        if noun is not None and _lemma(noun) in ANAPHORIC_NOUNS:
            named = next((g for c in noun.children if c.lower_ == "of" for g in c.children if g.dep_ == "pobj"), None)
            said = _predicate_measure(noun) or _setter_measure(noun) or _compound_measure(noun)
            if named is not None and _count_measure(named) is not None:
                noun = named  # "the number of troops", "the number of injured": named right there
            elif said is not None:
                quantity = said  # "the number infected", "the new cases brought the total to six"
            else:
                earlier = self._antecedent(span)
                if earlier is not None:
                    return self._inherited(earlier, noun)
                quantity = _named_before(noun)  # "the death toll ... soared as the number touched 550"
        if noun is not None and noun.lower_ in REFERRING_PRONOUNS:
            earlier = self._antecedent(span)
            if earlier is not None:
                return self._inherited(earlier, noun)
        anchor = noun if noun is not None else _number_head(span)
        own = _noun_measure(noun)
        # What is said of a count says what befell people, or a thing the noun names; a
        # noun of its own that is neither ("1,500 of the affected positions") keeps it.
        said = _predicate_measure(anchor) if own is not None or noun is None or noun.pos_ == "PRON" else None
        measure = quantity or _combine(own, said)
        if behind and noun is not None and measure in (None, Measure.people):
            named = _quantity_noun(_number_head(span)) or _quantity_noun(noun)
            if named is not None and named.i != noun.i:
                # "put the death toll at 245 people": the toll says what the people are.
                quantity = self._counted(m, span, named, behind=False)
                if quantity.measure is not None:
                    return _Counted(quantity.measure, quantity.military, noun.lower_, noun, quantity.earlier)
        if noun is not None and measure is None:
            # "28 calls of sudden deaths", "reports of 40 injured"
            told = next((g for c in noun.children if c.dep_ == "prep" and c.lower_ == "of" for g in c.children if g.dep_ == "pobj"), None)
            if told is not None and _kind(_count_measure(told)) == "fate":
                measure = _count_measure(told)
        if noun is not None and noun.i != anchor.i:
            measure = _combine(measure, _predicate_measure(_number_head(span)))
        if measure is None or measure == Measure.people:
            verb = _governing_verb(anchor)
            lemma = _lemma(verb) if verb is not None else None
            if lemma in VERB_MEASURES and measure_kind(VERB_MEASURES[lemma]) == "fate" and _object_of(anchor, verb):
                measure = VERB_MEASURES[lemma]  # "killed more than 300 in the province"
        whole = _including_head(anchor)
        if whole is not None and (measure is None or measure_kind(measure) == "who"):
            # The larger count's measure as its figure was read, frame and all ("the number
            # of participants at 2.8 million people, including half a million in Paris").
            counted = next((f for f in reversed(self.found) if f.start <= whole.idx < f.end), None)
            whole_measure = Measure(counted.figure.measure) if counted is not None and counted.figure.measure else None
            whole_measure = whole_measure or _count_measure(whole)
            if whole_measure is not None and (
                measure_kind(whole_measure) == "fate"  # "331 deaths, including 19 children"
                or (noun is None and measure in (None, Measure.people))  # "1.27 million people protested, including 87,000 in Paris"
            ):
                measure = whole_measure
        if noun is None and measure is None and _people_on_the_move(anchor):
            measure = Measure.people
        if noun is None and measure is None and not m.looks_like_year:
            beside = self._elliptical(m, span)
            if beside is not None:
                return self._inherited(beside, None)
        unit = noun.lower_ if noun is not None else None
        return _Counted(measure, _military(noun), unit, noun)

    def _inherited(self, earlier: FigureMention, noun: Token | None) -> _Counted:
        figure = earlier.figure
        measure = Measure(figure.measure) if figure.measure is not None else None
        return _Counted(measure, figure.category == "troops", figure.unit, noun, earlier)

    def _antecedent(self, span: Span, sentences: int = 2, people: bool = False) -> FigureMention | None:
        """The last categorised figure in the ``sentences`` before ``span`` (its own
        included); of people only when ``people``."""
        start = span.sent.start
        for _ in range(sentences - 1):
            start = self.doc[max(start - 1, 0)].sent.start
        lower = self.doc[start].idx
        for earlier in reversed(self.found):
            if earlier.start < lower:
                break
            measure = earlier.figure.measure
            if measure not in (None, Measure.other) and (not people or _people_measure(Measure(measure))):
                return earlier
        return None

    def _elliptical(self, m: NumberMention, span: Span) -> FigureMention | None:
        """The figure a number with nothing counted stands beside, whose measure it
        takes: a list ("14 deaths in the north, two in the capital and one on the
        coast"), a comparison ("compared to 232", "up from 31", "versus 45", "(against
        23,000)"), a clause that repeats another's verb ("the organisers counted 500,000
        marchers, the police 87,000"), a number in brackets after a place ("Alès
        (7,000)"), or "they were 25,000"."""
        head = _number_head(span)
        if m.value is not None and m.value >= MONEY_SCALE:
            # "a €750 billion fund ... an additional 20 billion": the same currency.
            money = next(
                (f for f in reversed(self.found) if f.figure.measure == Measure.money and f.start >= self.doc[max(span.sent.start - 1, 0)].sent.start_char),
                None,
            )
            if money is not None:
                return money
        same_sentence = [f for f in self.found if f.sentence_start == span.sent.start_char and f.figure.measure not in (None, Measure.other)]
        token = head
        for _ in range(4):
            if token.dep_ not in ("conj", "appos") or token.head.i == token.i:
                break
            token = token.head
            for holder in (token, token.head):
                inside = next((f for f in same_sentence if f.start <= holder.idx < f.end), None)
                if inside is not None:
                    return inside  # "14 deaths in the north, two in the capital"
        if same_sentence and any(
            c.dep_ == "prep" and c.lower_ == "of" and any(g.lower_ in ("which", "whom") for g in c.children)
            for c in (*head.children, *(head.head.children if head.dep_ in ("nsubj", "nsubjpass") else ()))
        ):
            return same_sentence[-1]  # "47 drones, of which 39 were shot down"
        if same_sentence and head.dep_ == "pobj":
            preposition = head.head
            if preposition.lower_ in COMPARING_PREPOSITIONS or (
                preposition.lower_ in ("to", "with", "from") and _lemma(preposition.head) in COMPARING_WORDS
            ) or (preposition.lower_ == "from" and _lemma(preposition.head) in LEVEL_VERBS):
                return same_sentence[-1]  # "compared to 232", "up from 31", "against 23,000"
        verb = _governing_verb(head)
        if same_sentence and verb is not None and any(f.figure.verb == _lemma(verb) for f in same_sentence):
            return same_sentence[-1]  # "X counted 500,000 marchers, when Y counted 87,000"
        before = self.doc[span.start - 1] if span.start > 0 else None
        if before is not None and before.text == "(" and span.start > 1 and self.doc[span.start - 2].pos_ in ("PROPN", "NOUN"):
            return self._antecedent(span, sentences=3, people=True)  # "Alès (7,000)"
        if verb is not None and _lemma(verb) == "be" and any(
            c.dep_ == "nsubj" and c.lower_ in ("they", "those", "these") for c in verb.children
        ):
            return self._antecedent(span, sentences=5, people=True)  # "they were 25,000 in Lyon"
        if same_sentence and (m.value or 0) >= BARE_NUMBER_MINIMUM:
            return same_sentence[-1]
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
            return self._published_by(span)
        resolved = self.resolver.resolve(subject, verb)
        if resolved is None:
            return None, None
        speaker = resolved.speaker
        name = _publisher_phrase(data, subject) if data is not None and resolved.entity is None else None
        if name is not None:
            speaker = speaker.model_copy(update={"name": name, "mention": name})
        return speaker, verb.text

    def _published_by(self, span: Span) -> tuple[Speaker | None, str | None]:
        """"Reuters' count of the dead stood at 187", "a UN estimate of 670": the
        publisher of the data the number is the value of."""
        head = _number_head(span)
        data = _level_subject(head) or _estimated_quantity(head)
        if data is None or not ({_lemma(data), data.lower_} & DATA_NOUNS):
            return None, None
        publisher = next(
            (c for c in data.children if c.dep_ in ("poss", "compound", "nmod") and entity_of(c) is not None), None
        ) or next(
            (g for c in data.children if c.dep_ == "prep" and c.lower_ in ("by", "from") for g in c.children if g.dep_ == "pobj"),
            None,
        )
        if publisher is None:
            return None, None
        resolved = self.resolver.resolve(publisher, data.head)
        return (resolved.speaker, data.text) if resolved is not None else (None, None)

    def _gapped(self, span: Span) -> tuple[Speaker | None, str | None]:
        """"the police counted 87,000, and the firm Crowdline 55,000": a name right before
        a number, its verb left out, gives it as the clause before gave its figure."""
        head = _number_head(span)
        name = head.head
        if not (head.dep_ == "nummod" and name.i == span.start - 1 and name.pos_ == "PROPN"):
            return None, None
        entity = entity_of(name)
        sentence = span.sent.start_char
        earlier = next((f for f in reversed(self.found) if f.sentence_start == sentence and f.cue is not None), None)
        if entity is None or entity.kind not in ("organization", "person", "group") or earlier is None:
            return None, None
        resolved = self.resolver.resolve(name, head)
        return (resolved.speaker, earlier.cue) if resolved is not None else (None, None)

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
            **self._when(span, verb, statement, holders),
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

    def _own_date(self, span: Span, verb: Token | None, holders: list[Token | None]) -> Span | None:
        """A date said of the figure itself rather than of the clause around it: in a
        phrase on its number or counted noun ("26,000 on January 19", "61 in the same
        period of 2020"), or the year a "when" clause is about ("since 1992, when 263
        workers were killed")."""
        if verb is not None and verb.dep_ == "relcl" and verb.head.ent_type_ == "DATE":
            if any(c.lower_ == "when" for c in verb.children):
                return self._entity_at(verb.head.i)
        own = [h for h in holders[:2] if h is not None]
        if verb is not None and verb.dep_ in ("relcl", "acl") and verb.head.pos_ == "NOUN":
            # "a gas explosion in 1992 that killed 263 workers": what the clause tells of.
            own.append(verb.head)
        for holder in list(own):
            if holder.dep_ == "pobj" and holder.head.head.dep_ == "prep":
                # "compared to 232 for the same part of 2020": the comparison holds both.
                own.append(holder.head.head)
        for holder in own:
            for prep in holder.children:
                if prep.dep_ != "prep" or prep.lower_ == "since" or (prep.i < span.start and holder.i >= span.start):
                    continue
                # "the same period of 2020": the model may tag the words and the year
                # apart, or the year alone, or neither: a year is a date whatever it says.
                dates = [t.i for t in prep.subtree if not span.start <= t.i < span.end and (t.ent_type_ == "DATE" or _is_year(t))]
                if dates:
                    first, last = self._entity_at(dates[0]), self._entity_at(dates[-1])
                    start = first.start if first is not None else dates[0]
                    end = last.end if last is not None else dates[-1] + 1
                    return span.doc[start:end]
        return None

    def _entity_at(self, index: int) -> Span | None:
        at = bisect_right(self.ent_ends, index)
        ent = self.ents[at] if at < len(self.ents) else None
        return ent if ent is not None and ent.start <= index < ent.end else None

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

    def _when(
        self, span: Span, verb: Token | None, statement: Statement | None, holders: list[Token | None]
    ) -> dict[str, object]:
        """The date the figure is given for: a date phrase of its own ("compared to
        26,000 on January 19", "232 for the same part of 2020"), the date a clause about
        a past year gives ("since 1992, when 263 workers were killed"), its statement's
        date, or a date phrase on the verb it depends on ("On Monday around 8,500 troops
        were placed ...")."""
        own = self._own_date(span, verb, holders)
        if own is not None:
            return {"when": own.text, "as_of": resolve_date(own.text, self.published)}
        if statement is not None and statement.stated_date is not None:
            return {"when": None, "as_of": statement.stated_date}
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
        if noun is not None and (_ago(noun) or _age(noun)):
            return None  # "3 days ago" says when, not how long; "52 years old", an age
        if (noun is None and self._in_a_name(m, span)) or self._ratio(span):
            return None
        counted = self._counted(m, span, noun)
        noun = counted.noun
        tally = m.currency is None and _vote_tally(noun if noun is not None else _number_head(span))
        if tally:
            counted = _Counted(Measure.votes, False, counted.unit, noun)  # "153 senators in favour"
        time_entity = self._overlaps(span, TIME_LABELS)
        # "On 2 July 136 wildfires": a count the parser ran into the date before it.
        counted_after_date = (
            noun is not None and 0 <= noun.i - span.end <= 2 and noun.tag_ in ("NNS", "NNPS")
            and (m.value or 0) > 31 and not m.looks_like_year
        )
        if time_entity is not None and not counted_after_date and (
            noun is None
            or counted.measure in (None, Measure.other)
            or (noun.i >= span.end and noun.tag_ == "NN" and m.value != 1)
        ):
            return None  # a date, a clock time, "last year", "the August 9 vote"
        if m.looks_like_year and (noun is None or noun.tag_ not in ("NNS", "NNPS")):
            return None  # "since 2019", "the 2023 budget"
        if not self._worth_keeping(m, noun, counted, tally):
            return None
        end = m.end
        last = span[-1]
        if noun is not None and noun.i >= span.end and noun.i - span.end <= 4:
            end = noun.idx + len(noun.text)
            last = noun
        said = _said_next(last, counted.measure)
        if said is not None:
            end = said.idx + len(said.text)  # "thousands still missing", "300 dead"
        start = m.start
        if m.qualifier == "vague":
            # A vague count says little on its own: its text runs over the verb that says
            # what befell it ("trapping hundreds", "thousands taking to the streets").
            anchor = noun if noun is not None else _number_head(span)
            start, end = _vague_reach(span, anchor, last, counted.measure, start, end)
        sentence = span.sent
        statement = self._statement_at(m.start)
        speaker, cue = self._acknowledged_by(noun)
        if speaker is None:
            speaker, cue = self._gapped(span)
        if speaker is None:
            speaker, cue = (statement.speaker, statement.cue) if statement is not None else self._given_by(span, noun)
        figure = Figure(
            value=m.value,
            low=m.low,
            high=m.high,
            qualifier=m.qualifier,
            unit=counted.unit,
            category=counted.category,
            measure=counted.measure or Measure.other,
            **self._context(span, noun, statement, counted.earlier),
        )
        return FigureMention(
            start=start,
            end=end,
            text=self.text[start:end],
            sentence_start=sentence.start_char,
            sentence_end=sentence.end_char,
            figure=figure,
            speaker=speaker,
            cue=cue,
            direct=statement.direct if statement is not None else False,
            date=statement.stated_date if statement is not None else None,
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
