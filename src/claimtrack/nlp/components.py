"""claimtrack's spaCy components: quotation spans and document-level entities.

Both run after the statistical components and only add annotations:
``doc._.quotes`` (quotation spans by character offset) and ``doc._.entities``
(one record per person, organisation or place, merged from all its mentions).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

import numpy as np
from spacy.attrs import DEP, IS_TITLE, ORTH, POS
from spacy.language import Language
from spacy.symbols import NOUN as NOUN_POS
from spacy.symbols import PROPN as PROPN_POS
from spacy.symbols import appos as APPOS
from spacy.symbols import nsubj as NSUBJ
from spacy.symbols import nsubjpass as NSUBJPASS
from spacy.tokens import Doc, Span, Token

from claimtrack.lexicon import (
    FEMALE_TITLES,
    INSTITUTION_NOUNS,
    MALE_TITLES,
    NAME_PARTICLES,
    PLACE_NAME_ENDINGS,
    ROLE_NOUNS,
    TITLE_ABBREVIATIONS,
)
from claimtrack.names import given_name_gender, is_given_name
from claimtrack.nlp.quotemarks import QuoteSpan, find_quotes

ENTITY_LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP", "LOC", "FAC"})
KIND_BY_LABEL = {
    "PERSON": "person",
    "ORG": "organization",
    "GPE": "place",
    "LOC": "place",
    "FAC": "place",
    "NORP": "group",
    "PROPN": "organization",  # a capitalised subject the model did not label
    "SURNAME": "person",
}
GENDERED_TITLES = MALE_TITLES | FEMALE_TITLES
ROLE_DEPS = frozenset({"compound", "amod", "nmod", "poss", "case", "prep", "pobj", "punct", "npadvmod"})


@dataclass(slots=True)
class Mention:
    start: int  # token offsets of the name itself, titles excluded
    end: int
    label: str
    role: str | None = None


@dataclass(slots=True)
class Entity:
    """One referent in a document: every mention of it, merged."""

    name: str
    kind: str
    mentions: list[Mention] = field(default_factory=list)
    roles: list[str] = field(default_factory=list)
    gender: str | None = None

    @property
    def surname(self) -> str:
        return self.name.split()[-1]


for _name, _default in (("quotes", None), ("entities", None), ("entity_index", None), ("text", None)):
    if not Doc.has_extension(_name):
        Doc.set_extension(_name, default=_default)


def document_text(doc: Doc) -> str:
    """``doc.text``, built once: spaCy joins it from every token on each access."""
    text = doc._.text
    if text is None:
        text = doc._.text = doc.text
    return text


def quote_spans(doc: Doc) -> list[QuoteSpan]:
    return doc._.quotes or []


def entities(doc: Doc) -> list[Entity]:
    return doc._.entities or []


def entity_of(token: Token) -> Entity | None:
    index = token.doc._.entity_index or {}
    position = index.get(token.i)
    return None if position is None else token.doc._.entities[position]


@Language.factory("claimtrack_paragraphs", assigns=["token.is_sent_start"])
def make_paragraph_splitter(nlp: Language, name: str) -> ParagraphSplitter:
    return ParagraphSplitter()


# A wire dateline opening a paragraph: a place in capitals, then a day, a wire service
# in brackets or a dash ("LINDPORT, March 3", "LINDPORT (Wirename) -", "LINDPORT |").
# Without one of those three a word in capitals may be the sentence's own subject.
_WIRE = r"\([^()\n]{2,40}\)"
_DASH = r"[-–—|]"
_MONTH_DAY = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]{0,6}\.? \d{1,2}\b"
DATELINE_START = re.compile(
    r"[A-Z][A-Z.'’-]+(?: [A-Z][A-Z.'’-]+){0,3}"
    r"(?:,(?: [A-Z][\w.'’-]*){1,3})?"  # "LINDPORT, Northland"
    rf"(?:,? {_MONTH_DAY}(?: ?{_WIRE})?(?: *{_DASH})?| ?{_WIRE}(?: *{_DASH})?| *{_DASH})"
    r" *"
)


def dateline_end(text: str, start: int = 0) -> int | None:
    """Where a wire dateline that opens ``text`` at ``start`` ends, or None."""
    match = DATELINE_START.match(text, start)
    return None if match is None else match.end()


class ParagraphSplitter:
    """Start a sentence after every line break, and after a wire dateline that opens a
    paragraph. Runs before the parser, which keeps preset boundaries: otherwise a
    heading or a caption is parsed as part of the next paragraph's first sentence, and
    the place of "LINDPORT, March 3 The minister said" as the subject of "said"."""

    def __call__(self, doc: Doc) -> Doc:
        text = doc.text
        for token in doc:
            if token.i > 0:
                previous = doc[token.i - 1]
                if token.is_space or not ("\n" in previous.whitespace_ or (previous.is_space and "\n" in previous.text)):
                    continue
                token.is_sent_start = True
            if not token.is_upper:
                continue
            end = dateline_end(text, token.idx)
            if end is None:
                continue
            after = next((t for t in doc[token.i + 1 :] if t.idx >= end), None)
            if after is not None and not after.is_space and after.idx == end and (after.is_title or after.is_quote):
                after.is_sent_start = True
        return doc


@Language.factory("claimtrack_quotes", assigns=["doc._.quotes"])
def make_quote_marker(nlp: Language, name: str) -> QuoteMarker:
    return QuoteMarker()


class QuoteMarker:
    """Record quotation spans found by their marks (see ``quotemarks``)."""

    def __call__(self, doc: Doc) -> Doc:
        doc._.quotes = find_quotes(document_text(doc))
        return doc


@Language.factory(
    "claimtrack_mentions",
    assigns=["doc._.entities", "doc._.entity_index"],
    default_config={"pronoun_evidence_window": 2},
)
def make_mention_clusterer(nlp: Language, name: str, pronoun_evidence_window: int) -> MentionClusterer:
    return MentionClusterer(pronoun_evidence_window=pronoun_evidence_window)


def _is_title_word(token: Token) -> bool:
    word = token.lower_.rstrip(".")
    return token.lower_ in ROLE_NOUNS or word in GENDERED_TITLES or word in TITLE_ABBREVIATIONS


def _looks_like_personal_name(span: Span) -> bool:
    words = [t for t in span if not t.is_punct]
    return (
        0 < len(words) <= 5
        and words[-1].is_title
        and all(t.is_title or (len(t) <= 3 and t.text.endswith(".")) or _is_particle(t) for t in words)
        and not any(t.lower_ in INSTITUTION_NOUNS for t in words)
        and not any(t.is_digit for t in words)
    )


def _trim(doc: Doc, start: int, end: int, label: str) -> tuple[int, int]:
    while start < end and doc[start].lower_ == "the":
        start += 1
    # "World Health Organization (WHO": the model may run a name into the abbreviation
    # in brackets after it; the name ends before the bracket.
    bracket = next((i for i in range(start + 1, end) if doc[i].text == "("), None)
    if bracket is not None:
        end = bracket
    while end > start and (doc[end - 1].tag_ == "POS" or doc[end - 1].is_punct):
        end -= 1
    if label == "PERSON" or (label in ("ORG", "GPE") and _is_title_word(doc[start])):
        # The model sometimes folds the title into the name ("Foreign Minister X"), and
        # then may call the whole span an organisation.
        first = start
        while end - first > 1 and (_is_title_word(doc[first]) or doc[first].ent_type_ in ("NORP", "GPE")):
            first += 1
        if label == "PERSON" or (end - first >= 2 and _looks_like_personal_name(doc[first:end])):
            start = first
    return start, end


def _role_before(doc: Doc, start: int, end: int) -> str | None:
    """Titles standing before a name in the same noun phrase: "Kremlin spokesman X"."""
    root = doc[start:end].root
    subtree = {t.i for t in root.subtree}
    i = start - 1
    while i >= 0 and i in subtree and doc[i].dep_ in ROLE_DEPS and doc[i].text not in ",;:()":
        i -= 1
    first = i + 1
    while first < start and (doc[first].is_punct and doc[first].text != "." or doc[first].tag_ == "POS"):
        first += 1
    if first >= start:
        return None
    role = doc[first:start]
    # A title ("Minister") or an occupation in lower case ("singer", "blogger").
    if not any(_is_title_word(t) or (t.pos_ == "NOUN" and t.is_lower) for t in role):
        return None
    return role.text


def _role_apposed_to(doc: Doc, start: int, end: int) -> str | None:
    """The role a name is set off after: "The election board chairman, Prof. X, said"
    (the parser makes the name an apposition to the role)."""
    root = doc[start:end].root
    head = root.head
    if root.dep_ != "appos" or head.i >= start or head.pos_ not in ("NOUN", "PROPN") or head.lower_ not in ROLE_NOUNS:
        return None
    words = [t for t in doc[head.left_edge.i : head.i + 1] if not t.is_punct]
    while words and words[0].dep_ in ("det", "poss") and words[0].lower_ in ("the", "a", "an"):
        words = words[1:]
    return doc[words[0].i : head.i + 1].text if words else None


def _role_in_apposition(doc: Doc, start: int, end: int) -> str | None:
    """A role set off by commas: "X, the head of Y, said"."""
    root = doc[start:end].root
    for child in root.children:
        if child.dep_ == "appos" and child.i >= end and child.pos_ in ("NOUN", "PROPN"):
            words = [t for t in child.subtree if not (t.is_punct and t.i in (child.left_edge.i, child.right_edge.i))]
            while words and words[0].dep_ == "det":
                words = words[1:]
            if words and any(t.lower_ in ROLE_NOUNS for t in words):
                return doc[words[0].i : words[-1].i + 1].text
    return None


def _gender_of(doc: Doc, start: int, end: int, role: str | None) -> str | None:
    """From a title ("Ms", "spokeswoman") or, for a full name, the given name."""
    words = set((role or "").lower().split())
    if start > 0:
        words.add(doc[start - 1].lower_)
    # "Spokesman", "chairman" are said of women too: a given name outranks them.
    generic = {w for w in words if w.endswith("man") and w in MALE_TITLES}
    if (words - generic) & MALE_TITLES:
        return "m"
    if words & FEMALE_TITLES:
        return "f"
    given = given_name_gender(doc[start].text) if end - start >= 2 else None
    return given or ("m" if generic else None)


def _extend_given_names(doc: Doc, start: int, end: int) -> int:
    """The model sometimes tags only the surname: "Councillor [Yusra] Haddad"."""
    if end - start >= 2 and is_given_name(doc[start].text):
        return start  # the name already opens with its given name
    head = doc[end - 1]
    while start > 0:
        token = doc[start - 1]
        if not (token.pos_ == "PROPN" and token.is_title and token.dep_ == "compound" and token.head.i == head.i):
            break
        mislabelled_given_name = is_given_name(token.text)
        if _is_title_word(token) or (token.ent_type_ not in ("", "PERSON") and not mislabelled_given_name):
            break
        start -= 1
    return start


def _extend_organisation_left(doc: Doc, start: int, end: int) -> int:
    """The model sometimes leaves out the first word of a name: "Civil [Rights Front]".
    Capitalised words before it that the parse joins to the name belong to it, unless
    they are a title, a place or a people ("Interior Ministry" after "French" stays)."""
    inside = range(start, end)
    while start > 0:
        token = doc[start - 1]
        if not (
            token.pos_ == "PROPN"
            and token.is_title
            and token.dep_ == "compound"
            and token.head.i in inside
            and not token.is_sent_start
            and token.ent_type_ in ("", "ORG")
            and not _is_title_word(token)
        ):
            break
        start -= 1
    return start


def _institution_name(doc: Doc, m: Mention) -> str:
    """An organisation's name with its owner when one is given: "Ukraine's Foreign Ministry"."""
    span = doc[m.start : m.end]
    if m.label in ("ORG", "PROPN") and span.root.lower_ in INSTITUTION_NOUNS:
        owner = next((c for c in span.root.children if c.dep_ == "poss" and c.i < m.start), None)
        if owner is not None and (owner.ent_type_ in ("GPE", "ORG", "NORP") or owner.is_title):
            return doc[owner.left_edge.i : m.end].text
    return span.text


LOCATIVE_PREPOSITIONS = frozenset("in to from at near into across inside outside via towards toward".split())
# Prepositions inside names: "Centre for Debt Justice", "Aid to Detainees Network".
NAME_PREPOSITIONS = frozenset({"of", "for", "on", "to", "without", "against"})


@dataclass(slots=True)
class _Columns:
    """Token attributes as arrays, to pick the few tokens a pass needs without making
    a Python object for every token of the document."""

    pos: np.ndarray
    dep: np.ndarray
    title: np.ndarray


def _columns(doc: Doc) -> _Columns:
    pos, dep, title = doc.to_array([POS, DEP, IS_TITLE]).T
    return _Columns(pos=pos, dep=dep, title=title.astype(bool))


def _plural_possessive_names(doc: Doc, raw: list[Mention]) -> list[Mention]:
    """"Reporters' Shield", "Workers' Party": a capitalised plural possessive before a
    name is part of it, however the model split or labelled the two."""
    merged: list[Mention] = []
    for m in raw:
        mark = m.start - 1
        if mark >= 1 and doc[mark].text in ("'", "’") and doc[mark].tag_ == "POS":
            owner = doc[mark - 1]
            if owner.is_title and owner.lower_.endswith("s") and owner.pos_ in ("PROPN", "NOUN"):
                last = merged[-1] if merged else None
                start = last.start if last is not None and last.end == mark else owner.i
                if last is not None and last.end == mark:
                    merged.pop()
                m = Mention(start, m.end, "ORG", m.role)
        merged.append(m)
    return merged


def _raw_mentions(doc: Doc) -> list[Mention]:
    """Name mentions from the NER, titles trimmed, plus capitalised subjects it missed."""
    raw: list[Mention] = []
    extended_to = 0
    for ent in doc.ents:
        if ent.label_ not in ENTITY_LABELS or ent.start < extended_to:
            continue  # the tail of a name already run on ("... for [the Coordination of ...]")
        start, end = _trim(doc, ent.start, ent.end, ent.label_)
        if start >= end:
            continue
        label = ent.label_
        if start > 0 and doc[start - 1].is_lower and doc[start - 1].lower_ in INSTITUTION_NOUNS:
            label = "ORG"  # "the firm Skylens", whatever the model called it
        if label in ("ORG", "GPE") and doc[end - 1].lower_ in INSTITUTION_NOUNS:
            # "[Centre] for Debt Justice": an institution's name runs on.
            longer = _extend_name_of(doc, doc[end - 1])
            if longer > end and not any(doc[i].ent_type_ in ("PERSON", "GPE") for i in range(end, longer)):
                end, label = longer, "ORG"
                extended_to = end
        if label == "ORG":
            start = _extend_organisation_left(doc, start, end)
        role = _role_apposed_to(doc, start, end) or _role_before(doc, start, end) or _role_in_apposition(doc, start, end)
        raw.append(Mention(start, end, label, role))
    # A name that ran on ("Office for the Coordination of Humanitarian Affairs") takes in
    # the names the model found inside it.
    raw = [m for m in raw if not any(o is not m and o.start <= m.start and m.end <= o.end for o in raw)]
    raw = _plural_possessive_names(doc, raw)
    covered = {i for m in raw for i in range(m.start, m.end)}
    columns = _columns(doc)
    subject_deps = (columns.dep == NSUBJ) | (columns.dep == NSUBJPASS) | (columns.dep == APPOS)
    naming = (columns.pos == PROPN_POS) | (columns.pos == NOUN_POS)
    for i in (columns.title & naming & subject_deps).nonzero()[0].tolist():
        token = doc[i]
        capitalised = token.pos_ == "PROPN" or (token.pos_ == "NOUN" and not token.is_sent_start)
        subject_like = token.dep_ in ("nsubj", "nsubjpass") or (
            token.dep_ == "appos" and token.head.dep_ in ("nsubj", "nsubjpass")
        )
        if not (
            subject_like
            and capitalised
            and token.is_title
            and token.i not in covered
            and not _is_title_word(token)
        ):
            continue
        start = token.i
        while start > 0:
            left = doc[start - 1]
            if not (left.dep_ == "compound" and left.head.i == token.i and left.pos_ == "PROPN"):
                break
            if not left.is_title or (_is_title_word(left) and token.lower_ not in INSTITUTION_NOUNS):
                break
            start -= 1
        end = _extend_name_of(doc, token)
        if any(i in covered for i in range(start, token.i + 1)):
            continue
        # The name's tail may carry a stray label of its own ("Aid to [Detainees Network]").
        raw = [m for m in raw if not (start <= m.start and m.end <= end)]
        role = _role_apposed_to(doc, start, end) or _role_before(doc, start, end) or _role_in_apposition(doc, start, end)
        raw.append(Mention(start, end, "PROPN", role))
    covered = {i for m in raw for i in range(m.start, m.end)}
    for i in (columns.title & (columns.pos == PROPN_POS)).nonzero()[0].tolist():
        if i == 0:
            continue
        token = doc[i]
        # "the private firm Skylens": a name announced by what it is.
        previous = doc[i - 1]
        if (
            token.pos_ == "PROPN"
            and token.is_title
            and token.i not in covered
            and previous.is_lower
            and previous.lower_ in INSTITUTION_NOUNS
        ):
            end = token.i + 1
            while end < len(doc) and doc[end].pos_ == "PROPN" and doc[end].is_title and end not in covered:
                end += 1
            raw.append(Mention(token.i, end, "ORG", None))
            covered.update(range(token.i, end))
    raw.extend(_unlabelled_personal_names(doc, {i for m in raw for i in range(m.start, m.end)}))
    raw.sort(key=lambda m: m.start)
    raw = _join_particle_names(doc, raw)
    for m in raw:
        _split_role_from_name(doc, m)
        if m.label == "PERSON":
            m.start = _extend_given_names(doc, m.start, m.end)
            m.role = _role_apposed_to(doc, m.start, m.end) or _role_before(doc, m.start, m.end) or m.role
    return raw


def _unlabelled_personal_names(doc: Doc, covered: set[int]) -> list[Mention]:
    """Names the model left untagged inside a long title ("UN High Commissioner for
    Refugees Jane Doe"): a known given name and one or two capitalised words that end
    the phrase."""
    found: list[Mention] = []
    for token in doc:
        if token.i in covered or token.pos_ != "PROPN" or not token.is_title or not is_given_name(token.text):
            continue
        end = token.i + 1
        while end < len(doc) and end - token.i < 3 and doc[end].pos_ == "PROPN" and doc[end].is_title:
            end += 1
        closes = end == len(doc) or not (doc[end].is_title and doc[end].pos_ == "PROPN")
        names = doc[token.i + 1 : end]
        if (
            end - token.i >= 2
            and closes
            and not any(i in covered or doc[i].lower_ in INSTITUTION_NOUNS or _is_title_word(doc[i]) for i in range(token.i, end))
            and token.i > 0
            and doc[token.i - 1].is_title
            and all(t.ent_type_ in ("", "PERSON") for t in names)
        ):
            found.append(Mention(token.i, end, "PERSON", _role_before(doc, token.i, end) or _title_above(doc, token.i, end)))
    return found


def _title_above(doc: Doc, start: int, end: int) -> str | None:
    """The title whose phrase a name closes: "UN High Commissioner for Refugees [X]"."""
    head = doc[start:end].root.head
    for _ in range(3):
        if _is_title_word(head) and head.i < start:
            first = head.left_edge.i
            while first < head.i and (doc[first].is_punct or doc[first].is_quote):
                first += 1
            return doc[first:start].text
        if head.head.i == head.i:
            break
        head = head.head
    return None


def _is_particle(token: Token) -> bool:
    return token.lower_ in NAME_PARTICLES and not token.is_upper


def _surname_only(span: Span) -> bool:
    """"Leyen", "von der Leyen", "Van Hoek": a surname with no given name."""
    return all(_is_particle(t) for t in span[:-1])


def _join_particle_names(doc: Doc, raw: list[Mention]) -> list[Mention]:
    """One mention for "Ursula von der Leyen", which the model cuts at its particles
    ("Ursula von der" + "Leyen", or just "Leyen")."""
    joined: list[Mention] = []
    for m in raw:
        start = m.start
        while start > 0 and _is_particle(doc[start - 1]):
            start -= 1
        if start < m.start:
            # The particles count only between a given name and the surname, or at the
            # start of a sentence ("Von der Leyen said").
            before = doc[start - 1] if start > 0 else None
            if before is not None and before.is_title and not _is_title_word(before) and before.pos_ == "PROPN":
                start -= 1
            elif not (doc[start].is_sent_start or (before is not None and not before.is_title)):
                start = m.start
        previous = joined[-1] if joined else None
        if previous is not None and start <= previous.end and _is_particle(doc[previous.end - 1]):
            previous.end = m.end
            previous.label = "PERSON"
            continue
        if _is_particle(doc[m.start]) and m.end - m.start >= 2 and doc[m.end - 1].is_title:
            m.label = "PERSON"
        if start < m.start:
            if previous is not None and previous.end > start:
                joined.pop()
                start = min(start, previous.start)
            m.start, m.label = start, "PERSON"
        joined.append(m)
    return joined


def _split_role_from_name(doc: Doc, m: Mention) -> None:
    """"UN High Commissioner for Human Rights Michelle Bachelet": the title ends where a
    personal name (a known given name or initials, then a surname) closes the span."""
    if m.end - m.start < 3:
        return
    for k in range(m.start + 1, m.end - 1):
        token = doc[k]
        initials = len(token.text.rstrip(".")) == 1 and token.text[0].isupper()
        if not (is_given_name(token.text) or initials):
            continue
        name = doc[k : m.end]
        before = doc[m.start : k]
        if not all(t.is_title or t.is_upper or _is_particle(t) for t in name if not t.is_punct):
            return
        if any(_is_title_word(t) or t.lower_ in INSTITUTION_NOUNS for t in before):
            m.role = before.text if m.role is None else m.role
            m.start, m.label = k, "PERSON"
        return


def _extend_name_of(doc: Doc, head: Token) -> int:
    """Where a capitalised name ends: "Centre for Debt Justice", "Ministry of Social
    Policy" run on through "of"/"for" when what follows is capitalised too."""
    end = head.i + 1
    prep = next((c for c in head.children if c.dep_ == "prep" and c.i == end and c.lower_ in NAME_PREPOSITIONS), None)
    if prep is None:
        return end
    words = [t for t in prep.subtree if t.i > prep.i]
    # "for the Coordination of Humanitarian Affairs": name prepositions may recur inside.
    if words and all(t.is_title or t.lower_ in ("the", "and", "&") or t.lower_ in NAME_PREPOSITIONS for t in words) and words[-1].is_title:
        return words[-1].i + 1
    return end


def _is_locative(doc: Doc, m: Mention) -> bool:
    root = doc[m.start : m.end].root
    return root.dep_ == "pobj" and root.head.lower_ in LOCATIVE_PREPOSITIONS


def _personal_surnames(doc: Doc, raw: list[Mention]) -> set[str]:
    """Surnames some mention shows to be a person's: a full name the model calls
    PERSON, a name with a person's title, or a single PERSON-tagged word never used
    as a place ("in X")."""
    personal: set[str] = set()
    locative = {doc[m.start : m.end].text for m in raw if _is_locative(doc, m)}
    labels: dict[str, Counter[str]] = {}
    for m in raw:
        labels.setdefault(doc[m.start : m.end].text, Counter())[m.label] += 1
    for m in raw:
        span = doc[m.start : m.end]
        if not _looks_like_personal_name(span):
            continue
        surname = doc[m.end - 1].text
        known_given_name = (
            is_given_name(doc[m.start].text)
            and m.label not in ("FAC", "LOC")
            and doc[m.end - 1].lower_ not in PLACE_NAME_ENDINGS
        )
        if m.end - m.start >= 2 and (m.label == "PERSON" or m.role is not None or known_given_name):
            personal.add(surname)
            if m.end - m.start >= 4 and doc[m.end - 2].text == "-":
                personal.add(doc[m.start].text)  # "Park Geun-hye": the family name comes first
        elif m.label == "PERSON" and span.text not in locative:
            votes = labels[span.text]
            if votes["PERSON"] >= votes["GPE"] + votes["LOC"]:  # a country the model once called a person
                personal.add(surname)
    return personal


def main_subject(sent: Span) -> Token | None:
    """The subject of the sentence's main verb; with two (a parse gone wrong), the
    one next to the verb."""
    root = sent.root
    subjects = [t for t in root.children if t.dep_ in ("nsubj", "nsubjpass")]
    return min(subjects, key=lambda t: abs(t.i - root.i)) if subjects else None


class MentionClusterer:
    """Merge the mentions of each person, organisation and place in a document.

    The small model labels the same surname PERSON, ORG or GPE in one article, so a
    mention's kind is decided from all mentions of its name and from the parse (a
    title before it, a role in apposition, the pronoun that later stands for it),
    never from one label.
    """

    def __init__(self, pronoun_evidence_window: int = 2) -> None:
        # How many sentences after a subject mention a pronoun still tells its kind.
        self.pronoun_evidence_window = pronoun_evidence_window

    def __call__(self, doc: Doc) -> Doc:
        clustering = _Clustering(doc, self.pronoun_evidence_window)
        doc._.entities = clustering.entities
        doc._.entity_index = clustering.index
        return doc


class _Clustering:
    """The mentions of one document being merged; made afresh for each document, so
    the component keeps no state between documents."""

    def __init__(self, doc: Doc, pronoun_evidence_window: int) -> None:
        raw = _raw_mentions(doc)
        surnames = _personal_surnames(doc, raw)
        self.doc = doc
        self.pronoun_evidence_window = pronoun_evidence_window
        self.entities: list[Entity] = []
        self.index: dict[int, int] = {}
        self.by_surname: dict[str, list[int]] = {}
        by_key: dict[str, int] = {}
        pending_surnames: list[Mention] = []
        for m in raw:
            span = doc[m.start : m.end]
            personal = _looks_like_personal_name(span) and (
                doc[m.end - 1].text in surnames or (m.label in ("ORG", "GPE", "PROPN") and m.role is not None and len(span) >= 2)
            )
            if personal and _surname_only(span):
                pending_surnames.append(m)
            elif personal:
                self._add_full_name(m)
            else:
                name = _institution_name(doc, m)
                position = by_key.get(name.lower())
                if position is None:
                    position = self._new(Entity(name=name, kind=KIND_BY_LABEL[m.label]))
                    by_key[name.lower()] = position
                self._attach(position, m)
        for m in pending_surnames:
            self._add_surname(m)
        self._bare_surnames()
        for entity in self.entities:
            entity.mentions.sort(key=lambda m: m.start)
            if entity.kind != "person":
                labels = Counter(m.label for m in entity.mentions)
                entity.kind = KIND_BY_LABEL[labels.most_common(1)[0][0]]
        self._pronoun_evidence()

    def _new(self, entity: Entity) -> int:
        self.entities.append(entity)
        return len(self.entities) - 1

    def _attach(self, position: int, m: Mention) -> None:
        entity = self.entities[position]
        entity.mentions.append(m)
        if m.role and m.role not in entity.roles:
            entity.roles.append(m.role)
        if entity.kind == "person":
            entity.gender = entity.gender or _gender_of(self.doc, m.start, m.end, m.role)
        for i in range(m.start, m.end):
            self.index[i] = position

    def _add_full_name(self, m: Mention) -> None:
        span = self.doc[m.start : m.end]
        surname, first = span[-1].text, span[0].text
        match = next(
            (
                p
                for p in self.by_surname.get(surname, [])
                if self.entities[p].name.split()[0] == first or len(self.entities[p].name.split()) == 1
            ),
            None,
        )
        if match is None:
            match = self._new(Entity(name=span.text, kind="person"))
            self.by_surname.setdefault(surname, []).append(match)
        elif len(span) > len(self.entities[match].name.split()):
            self.entities[match].name = span.text
        self._attach(match, m)

    def _add_surname(self, m: Mention) -> None:
        surname = self.doc[m.end - 1].text
        candidates = self.by_surname.get(surname, [])
        if not candidates:
            # "Lim Hyung-min ... Lim said": a family name written first is the bare name
            # of the only person whose full name starts with it.
            starting = [
                p for p, e in enumerate(self.entities)
                if e.kind == "person" and len(e.name.split()) >= 2 and e.name.split()[0] == surname
            ]  # fmt: skip
            if len(starting) == 1:
                self._attach(starting[0], m)
                return
        if candidates:
            # Two people share the surname: the one introduced first is the story's
            # subject, who keeps the bare surname; others get a full name or title.
            before = [p for p in candidates if self.entities[p].mentions[0].start < m.start]
            position = before[0] if before else candidates[0]
        else:
            position = self._new(Entity(name=surname, kind="person"))
            self.by_surname[surname] = [position]
        self._attach(position, m)

    def _bare_surnames(self) -> None:
        """A person's surname standing alone is their mention even where the model saw
        no name at all ("Kravets, who has governed the region, ...")."""
        surnames: dict[str, int] = {}
        for position, entity in enumerate(self.entities):
            if entity.kind == "person" and len(entity.name.split()) >= 2:
                surnames.setdefault(entity.surname, position)
        if not surnames:
            return
        strings = self.doc.vocab.strings
        by_hash = {strings.add(surname): position for surname, position in surnames.items()}
        orth = self.doc.to_array(ORTH)
        for i in np.isin(orth, list(by_hash)).nonzero()[0].tolist():
            token = self.doc[i]
            if i not in self.index and token.is_title:
                self._attach(by_hash[int(orth[i])], Mention(i, i + 1, "SURNAME"))

    def _pronoun_evidence(self) -> None:
        """"Okonkwo said ... He added": the pronoun that next stands in subject
        position, with no other name between, tells a person and their gender, or
        ("it") an organisation."""
        doc = self.doc
        sentences = list(doc.sents)
        votes: dict[int, Counter[str]] = {}
        for number, sent in enumerate(sentences):
            subject = main_subject(sent)
            if subject is None or subject.i not in self.index:
                continue
            position = self.index[subject.i]
            for later in sentences[number + 1 : number + 1 + self.pronoun_evidence_window]:
                pronoun = main_subject(later)
                if pronoun is None:
                    continue
                if pronoun.i in self.index:
                    break  # another name takes over
                word = pronoun.lower_
                if word in ("he", "she", "it"):
                    votes.setdefault(position, Counter())[word] += 1
                    break
        for position, counts in votes.items():
            entity = self.entities[position]
            personal = counts["he"] + counts["she"]
            # Places keep their kind: "Russia said ... He added" is about someone else.
            if entity.kind == "organization" and personal > counts["it"] and len(entity.name.split()) == 1 \
                    and entity.name[:1].isupper() and not entity.name.isupper():
                entity.kind = "person"
            if entity.kind == "person" and entity.gender is None and counts["he"] != counts["she"]:
                entity.gender = "m" if counts["he"] > counts["she"] else "f"
