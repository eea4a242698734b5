"""Figures: a number, what it counts, and who gives it.

Numbers are found and read by ``numbers.scan_numbers``; this module decides which
of them are figures (not years, dates, clock times or parts of names), finds the
counted noun in the parse, sorts it into a category, and attributes it to the
statement it appears in.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from claimtrack.extract.numbers import NumberMention, scan_numbers
from claimtrack.extract.quotes import Statement
from claimtrack.extract.speakers import SpeakerResolver
from claimtrack.models import Figure, Speaker

CATEGORY_NOUNS = {
    "troops": frozenset(
        """troop soldier force serviceman servicemen servicewoman personnel battalion brigade
        division regiment marine paratrooper reservist conscript fighter mercenary sailor airman
        infantry""".split()
    ),
    "casualties": frozenset(
        "life death casualty dead fatality victim wounded injured killed toll".split()
    ),
    "people": frozenset(
        """people person refugee evacuee staff civilian resident citizen migrant worker employee
        protester man woman child children adult student prisoner hostage family voter member
        diplomat official journalist patient passenger officer""".split()
    ),
    "money": frozenset(
        """dollar euro pound ruble rouble hryvnia yuan yen rupee franc assistance aid funding fund
        loan budget grant investment spending revenue debt cost fine payment""".split()
    ),
    "equipment": frozenset(
        """tank missile aircraft jet plane helicopter drone weapon gun vehicle ship warship
        artillery rocket launcher howitzer system warhead submarine vessel round shell
        munition bomb""".split()
    ),
    "duration": frozenset("second minute hour day week month year decade century".split()),
}
CASUALTY_VERBS = frozenset("kill claim die wound injure slay massacre".split())
# Nouns that stand for a quantity named earlier: "officials put the number at 4,000".
ANAPHORIC_NOUNS = frozenset("number figure toll total count tally estimate".split())
# Verbs that give a figure as an estimate: "officials put the number at N".
ESTIMATE_VERBS = frozenset("put estimate place count tally number report post forecast project record".split())
NAME_LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP", "FAC", "LAW", "PRODUCT", "WORK_OF_ART", "EVENT", "ORDINAL"})
TIME_LABELS = frozenset({"DATE", "TIME"})
NUMBER_DEPS = frozenset({"nummod", "quantmod", "compound", "amod", "npadvmod", "nmod"})
# A bare number (no counted noun, no currency) is only a figure from this size up.
BARE_NUMBER_MINIMUM = 100
# Counts of things below this, spelled out, are not figures worth tracking.
SMALL_COUNT = 10
AGE = re.compile(r"-\w+-old\b")


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
        for category, nouns in CATEGORY_NOUNS.items():
            if word in nouns:
                return category
    return None


def _counted_noun(span: Span) -> Token | None:
    """The noun a number phrase counts: "8,500 US troops", "tens of thousands of troops",
    "31 million in assistance"."""
    root = span.root
    if root.dep_ in NUMBER_DEPS and root.head.pos_ in ("NOUN", "PROPN") and root.head.i >= span.end:
        return root.head
    for token in (root, *span):
        for child in token.children:
            if child.dep_ == "prep" and child.lower_ in ("of", "in") and child.i >= span.end - 1:
                objects = [g for g in child.children if g.dep_ == "pobj" and not g.like_num]
                # "31 million in aid" counts money; "6,000 in the province" counts nothing.
                if objects and (child.lower_ == "of" or _category_of_noun(objects[0]) == "money"):
                    return objects[0]
    if root.pos_ in ("NOUN", "PROPN") and not root.like_num and _category_of_noun(root):
        return root
    return None


def _estimated_quantity(span: Span) -> Token | None:
    """"put the number at N": the noun N is the value of."""
    root = span.root
    if root.dep_ == "pobj" and root.head.lower_ == "at":
        verb = root.head.head
        return next((c for c in verb.children if c.dep_ == "dobj"), None)
    return None


def _governing_verb(token: Token) -> Token | None:
    for _ in range(4):
        if token.head.i == token.i:
            return None
        token = token.head
        if token.pos_ in ("VERB", "AUX"):
            return token
    return None


def _overlaps(span: Span, labels: frozenset[str]) -> Span | None:
    for ent in span.doc.ents:
        if ent.label_ in labels and ent.start < span.end and span.start < ent.end:
            return ent
    return None


class _FigureFinder:
    def __init__(self, doc: Doc, statements: list[Statement], resolver: SpeakerResolver) -> None:
        self.doc = doc
        self.statements = statements
        self.resolver = resolver
        self.found: list[FigureMention] = []

    def run(self) -> list[FigureMention]:
        for mention in scan_numbers(self.doc.text):
            figure = self._figure(mention)
            if figure is not None:
                self.found.append(figure)
        return self.found

    def _figure(self, m: NumberMention) -> FigureMention | None:
        doc = self.doc
        span = doc.char_span(m.start, m.end, alignment_mode="expand")
        if span is None or not len(span) or m.percent:
            return None
        if _overlaps(span, NAME_LABELS):
            return None
        noun = _counted_noun(span)
        category = _category_of_noun(noun)
        time_entity = _overlaps(span, TIME_LABELS)
        if time_entity is not None and category != "duration":
            return None
        if m.looks_like_year and category in (None, "duration"):
            return None
        if m.adjective and (category != "duration" or AGE.match(self.doc.text, m.end)):
            return None
        verb = _governing_verb(noun if noun is not None else span.root)
        if verb is not None and _lemma(verb) in CASUALTY_VERBS and category in (None, "people", "troops", "casualties"):
            # "four soldiers were wounded", "killed more than 300": people harmed.
            if _lemma(verb) != "claim" or category == "casualties":
                category = "casualties"
        if m.currency is not None:
            category = "money"
        unit = m.currency if m.currency is not None else (noun.lower_ if noun is not None else None)
        if noun is None or _lemma(noun) in ANAPHORIC_NOUNS:
            noun = noun if noun is not None else _estimated_quantity(span)
        if noun is not None and _lemma(noun) in ANAPHORIC_NOUNS:
            # "the number of troops": the quantity is named right there.
            named = next((g for c in noun.children if c.lower_ == "of" for g in c.children if g.dep_ == "pobj"), None)
            if named is not None and _category_of_noun(named) is not None:
                noun, category = named, _category_of_noun(named)
                unit = noun.lower_
        if noun is not None and _lemma(noun) in ANAPHORIC_NOUNS:
            earlier = self._antecedent(span)
            if earlier is not None:
                category, unit = earlier.figure.category, earlier.figure.unit
        bare = noun is None and m.currency is None and category is None
        if bare and m.qualifier == "exact" and (m.value is None or m.value < BARE_NUMBER_MINIMUM):
            return None
        if noun is None and m.spelled and m.qualifier == "exact":
            return None
        if m.spelled and category in (None, "other") and m.value is not None and m.value < SMALL_COUNT:
            return None  # "two general staffs", "three towns": counts of things, not figures
        end = m.end
        if noun is not None and noun.i >= span.end and noun.i - span.end <= 4:
            end = noun.idx + len(noun.text)
        sentence = span.sent
        statement = self._statement_at(m.start)
        speaker, cue = (statement.speaker, statement.cue) if statement is not None else self._estimator(span)
        figure = Figure(
            value=m.value,
            low=m.low,
            high=m.high,
            qualifier=m.qualifier,
            unit=unit,
            category=category or "other",
        )
        return FigureMention(
            start=m.start,
            end=end,
            text=self.doc.text[m.start : end],
            sentence_start=sentence.start_char,
            sentence_end=sentence.end_char,
            figure=figure,
            speaker=speaker,
            cue=cue,
            direct=statement.direct if statement is not None else False,
            date=statement.date if statement is not None else None,
        )

    def _statement_at(self, char: int) -> Statement | None:
        for statement in self.statements:
            if any(s <= char < e for s, e in statement.segments):
                return statement
        return None

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

    def _estimator(self, span: Span) -> tuple[Speaker | None, str | None]:
        """"X put the number at N", "X estimated N", "X reported revenue of N": X gives
        the figure."""
        root = span.root
        token, verb = root, None
        for _ in range(5):
            if token.dep_ not in ("pobj", "dobj", "prep", "npadvmod", "advmod", "attr", "appos"):
                break
            token = token.head
            if token.pos_ in ("VERB", "AUX"):
                verb = token
                break
        if verb is None or _lemma(verb) not in ESTIMATE_VERBS:
            return None, None
        if _lemma(verb) == "put" and not (root.dep_ == "pobj" and root.head.lower_ == "at"):
            return None, None
        subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
        if subject is None:
            return None, None
        resolved = self.resolver.resolve(subject, verb)
        return (resolved.speaker, verb.text) if resolved is not None else (None, None)


def extract_figures(
    doc: Doc, statements: list[Statement], resolver: SpeakerResolver | None = None
) -> list[FigureMention]:
    """Figures in ``doc``, attributed to the statements that contain them."""
    return _FigureFinder(doc, statements, resolver or SpeakerResolver(doc)).run()
