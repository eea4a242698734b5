"""Who a cue's subject is: a named entity, a pronoun, a role noun or a group.

Resolution works inside one document, on the entities the ``claimtrack_mentions``
component merged. It prefers to return nothing over guessing: a subject that is not
an agent (an agreement, a report) gives no speaker.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass

from spacy.tokens import Doc, Token

from claimtrack.models import Speaker
from claimtrack.nlp.components import (
    LOCATIVE_PREPOSITIONS,
    Entity,
    entities,
    entity_of,
    main_subject,
    quote_spans,
)
from claimtrack.lexicon import (
    DATA_NOUNS,
    DOCUMENT_NOUNS,
    IMAGE_NOUNS,
    GROUP_NOUNS,
    INSTITUTION_NOUNS,
    NEUTER_PRONOUNS,
    PERSON_PRONOUNS,
    PLURAL_PRONOUNS,
    NOT_PEOPLE,
    PERSON_NOUN_ENDING,
    PERSON_NOUNS,
    QUANTIFIERS,
    ROLE_NOUNS,
    NounClass,
    nouns,
    role_synonyms,
)

# How far back a pronoun may look for its antecedent, in sentences.
PRONOUN_WINDOW = 5
# How far back a pronoun may look for the last source of a statement, when nobody nearer
# fits: an interview goes on for paragraphs with "he said".
SOURCE_WINDOW = 12
NP_DEPS = frozenset({"compound", "amod", "nmod", "poss", "case", "prep", "pobj", "nummod", "quantmod", "npadvmod"})
ADDRESSEE_DEPS = frozenset({"dobj", "dative", "iobj"})
ARTICLES = frozenset({"the", "a", "an"})
HYPHENS = frozenset({"-", "–", "‑"})
# Documents and data a statement may be "according to".
SOURCE_NOUNS = DOCUMENT_NOUNS | nouns(NounClass.data)
# Data words that name no source on their own ("according to figures").
BARE_DATA_WORDS = frozenset("figures results statistics numbers estimates data".split())
# Nouns for a share of people: "46 percent said", "a majority of voters said".
SHARE_NOUNS = frozenset({"percent", "%", "percentage", "majority", "minority", "plurality", "share", "proportion", "third", "quarter", "half"})
# Nouns for someone who speaks on an organisation's behalf.
VOICE_NOUNS = nouns(NounClass.voice)
# Nouns that can stand for any organisation named before ("the company"); a
# ministry or a court is only ever a ministry or a court.
GENERIC_ORGANISATION_NOUNS = nouns(NounClass.generic_organisation)
# "a number of attendees said", "dozens of protesters told": the group counted speaks.
PARTITIVE_NOUNS = nouns(NounClass.partitive)
# "the cities of Blackpool and Liverpool said": named places speak through their councils.
PLACE_NOUNS = nouns(NounClass.place)


@dataclass(frozen=True, slots=True)
class Resolved:
    speaker: Speaker
    entity: Entity | None


def _np_tokens(head: Token) -> list[Token]:
    """The noun phrase of ``head`` without leading articles, clauses or appositions."""
    keep = {head.i}
    stack = [c for c in head.children if c.dep_ in NP_DEPS or c.dep_ == "det"]
    while stack:
        token = stack.pop()
        keep.add(token.i)
        stack.extend(c for c in token.children if c.dep_ in NP_DEPS or c.dep_ == "det")
    # Only the contiguous run around the head: a modifier cut off by a comma is not part of it.
    doc = head.doc
    for i in list(keep):
        # Hyphens inside a phrase ("Geneva-based") belong to it.
        for j in (i - 1, i + 1):
            if 0 <= j < len(doc) and doc[j].text in HYPHENS and doc[j].head.i in keep:
                keep.add(j)
    lo = hi = head.i
    while lo - 1 in keep:
        lo -= 1
    while hi + 1 in keep:
        hi += 1
    run = list(doc[lo : hi + 1])
    while run and (run[0].is_punct or run[0].tag_ == "POS" or run[0].lower_ in ARTICLES):
        run.pop(0)
    while run and (run[-1].is_punct or run[-1].tag_ == "POS"):
        run.pop()
    return run


def _text(tokens: list[Token]) -> str:
    if not tokens:
        return ""
    doc = tokens[0].doc
    return doc[tokens[0].i : tokens[-1].i + 1].text


def _in_quote(doc: Doc, char: int) -> bool:
    for q in quote_spans(doc):
        if q.open_mark <= char < (q.close_mark if q.close_mark is not None else q.end):
            return True
    return False


def _definite(noun: Token) -> bool:
    return any(c.dep_ == "det" and c.lower_ == "the" for c in noun.children)


def _salience(token: Token) -> int:
    """0 for the subject of a main clause, 1 for another subject, 2 for the rest."""
    if token.dep_ == "appos":
        token = token.head
    if token.dep_ not in ("nsubj", "nsubjpass"):
        return 2
    verb = token.head
    while verb.dep_ == "conj":
        verb = verb.head
    return 0 if verb.dep_ == "ROOT" else 1


def _parenthesised(doc: Doc, start: int, end: int) -> bool:
    return start > 0 and end < len(doc) and doc[start - 1].text == "(" and doc[end].text == ")"


def _people(noun: Token) -> bool:
    """A plural noun for people: a group noun, a person noun's plural, a word shaped
    like one ("organizers"), a capitalised plural ("Democrats", "Ukrainians")."""
    lemma, word = noun.lemma_.lower(), noun.lower_
    return (
        word in GROUP_NOUNS
        or lemma in GROUP_NOUNS
        or lemma in PERSON_NOUNS
        or lemma in ROLE_NOUNS
        or (noun.is_title and not noun.is_sent_start)
        or (PERSON_NOUN_ENDING.search(word) is not None and word not in NOT_PEOPLE)
    )


def _person_noun(noun: Token) -> bool:
    """A singular noun that names a person: a role, a word shaped like one ("strategist",
    "organizer"), "person", or any noun a "who" clause describes."""
    word = noun.lower_
    return (
        noun.lemma_.lower() in ROLE_NOUNS
        or noun.lemma_.lower() in PERSON_NOUNS
        or (PERSON_NOUN_ENDING.search(word) is not None and word + "s" not in NOT_PEOPLE and word not in NOT_PEOPLE)
        or any(c.dep_ == "relcl" and any(g.lower_ == "who" for g in c.children) for c in noun.children)
    )


def addressees(cue: Token) -> set[int]:
    """Entity positions the cue speaks to: never its speaker."""
    ents = entities(cue.doc)
    found: set[int] = set()
    targets = [c for c in cue.children if c.dep_ in ADDRESSEE_DEPS]
    targets += [g for c in cue.children if c.dep_ == "prep" and c.lower_ in ("to", "with") for g in c.children if g.dep_ == "pobj"]
    for target in targets:
        for token in target.subtree:
            entity = entity_of(token)
            if entity is not None:
                found.add(ents.index(entity))
    return found


class SpeakerResolver:
    """Resolve cue subjects of one document to speakers."""

    def __init__(self, doc: Doc) -> None:
        self.doc = doc
        self.entities = entities(doc)
        self.sentences = list(doc.sents)
        # Unnamed speakers met so far, for "the group" after "a monitoring group".
        self._described: list[tuple[int, str, Speaker]] = []
        # Pronouns and role nouns already resolved: (token, entity position).
        self._chained: list[tuple[int, int]] = []
        # Sources of statements resolved so far: (token, entity position).
        self._sources: list[tuple[int, int]] = []
        self._sentence_starts = [sent.start for sent in self.sentences]
        self._quoted_sentences: dict[int, bool] = {}

    def _quoted(self, number: int) -> bool:
        """Whether sentence ``number`` stands wholly inside quotation marks."""
        quoted = self._quoted_sentences.get(number)
        if quoted is None:
            words = [t for t in self.sentences[number] if not (t.is_punct or t.is_space)]
            quoted = bool(words) and all(_in_quote(self.doc, t.idx) for t in words)
            self._quoted_sentences[number] = quoted
        return quoted

    # --- public -----------------------------------------------------------
    def resolve(self, subject: Token, cue: Token) -> Resolved | None:
        resolved = self._resolve(subject, cue)
        if resolved is not None and resolved.entity is not None:
            position = self.entities.index(resolved.entity)
            if entity_of(subject) is None:
                # "The top diplomat said ... He added": the role noun is now a mention too.
                self._chained.append((subject.i, position))
            # The source of a statement is what a later "he said" most likely means.
            self._sources.append((subject.i, position))
        return resolved

    def person_named(self, written: str) -> Resolved | None:
        """The one person of the document whose name ends with ``written`` or whose
        surname it is, in another case ("JANE ROSS", "ROSS" in a transcript), or None
        when no person, or more than one, fits."""
        wanted = written.casefold()
        found = {
            position
            for position, entity in enumerate(self.entities)
            if entity.kind == "person" and (entity.name.casefold().endswith(wanted) or wanted == entity.surname.casefold())
        }
        if len(found) != 1:
            return None
        return self._from_entity(self.entities[found.pop()], written)

    def _resolve(self, subject: Token, cue: Token) -> Resolved | None:
        lower = subject.lower_
        if lower in QUANTIFIERS:
            return self._quantified_group(subject)  # "those surveyed", "many of them"
        conj = [c for c in subject.children if c.dep_ == "conj" and c.pos_ in ("NOUN", "PROPN", "PRON")]
        if conj:
            # "Her advisers and allies said", "She and her lawyers argue": they speak together.
            return self._coordination(subject, conj)
        if subject.pos_ == "PRON" or lower in PERSON_PRONOUNS or lower in NEUTER_PRONOUNS or lower in PLURAL_PRONOUNS:
            return self._pronoun(subject, cue)
        entity = self._entity_in_np(subject)
        if entity is not None:
            conj = [c for c in subject.children if c.dep_ == "conj"]
            if conj:
                return self._coordination(subject, conj)
            return self._from_entity(entity, self._mention_text(subject))
        if subject.pos_ in ("NOUN", "PROPN"):
            return self._common_noun(subject, cue)
        if lower == "old" and any(c.lower_.startswith("year") for c in subject.subtree) and _definite(subject):
            # "said the 46-year-old"
            return self._described_person(subject, cue, self.doc[subject.left_edge.i : subject.i + 1].text)
        return self._quantified_group(subject)

    def _described_person(self, subject: Token, cue: Token, written: str) -> Resolved | None:
        """The person a definite description by age ("the 46-year-old") refers back to:
        the most salient person of the sentences just before, as for "he" or "she"."""
        found = self._candidates(subject.i, addressees(cue), {"person"}, None)
        return self._from_entity(self.entities[found], written) if isinstance(found, int) else None

    def _quantified_group(self, subject: Token, counted: bool = False) -> Resolved | None:
        """"One in four voters said", "46 percent said", "those surveyed say", "many of
        his supporters said": a counted or quantified part of a group speaks as a group."""
        if not (counted or subject.pos_ == "NUM" or subject.lower_ in QUANTIFIERS):
            return None
        if any(t.lower_ == "which" for t in subject.subtree):
            return None  # "one of which": a part of things, not of people
        phrase = [t for t in subject.subtree if not t.is_punct]
        # "those surveyed", "most of the delegates": the whole phrase when it is short.
        mention = _text(phrase) if len(phrase) <= 8 and subject.left_edge.i == subject.i else _text(_np_tokens(subject))
        return Resolved(Speaker(name=mention, mention=mention, kind="group"), None)

    # --- helpers ------------------------------------------------------------
    def _from_entity(self, entity: Entity, mention: str) -> Resolved:
        role = entity.roles[0] if entity.roles else None
        return Resolved(Speaker(name=entity.name, mention=mention, kind=entity.kind, role=role), entity)

    def _mention_text(self, subject: Token) -> str:
        entity = entity_of(subject)
        if entity is not None:
            for m in entity.mentions:
                if m.start <= subject.i < m.end:
                    return self.doc[m.start : m.end].text
        return _text(_np_tokens(subject))

    def _entity_in_np(self, subject: Token) -> Entity | None:
        entity = entity_of(subject)
        if entity is not None:
            return entity
        if subject.lemma_.lower() in VOICE_NOUNS:
            # "the spokesman for the ministry, Tawfiq Shukri": a named spokesman speaks;
            # "a spokeswoman for the ministry", "an observer mission from the Council":
            # else the organisation is the one speaking.
            for token in subject.subtree:
                if token.dep_ == "appos" and token.i > subject.i:
                    entity = entity_of(token)
                    if entity is not None and entity.kind == "person":
                        return entity
            for prep in subject.children:
                if prep.dep_ == "prep" and prep.lower_ in ("for", "from", "of", "at"):
                    for obj in prep.children:
                        entity = entity_of(obj)
                        if obj.dep_ == "pobj" and entity is not None and entity.kind == "organization":
                            return entity
        if subject.lower_ in ROLE_NOUNS:
            # "UN High Commissioner for Refugees Jane Doe": a title whose phrase closes
            # with a person's name.
            last = subject.right_edge
            entity = entity_of(last)
            if entity is not None and entity.kind == "person" and last.i > subject.i:
                return entity
        # "Russia's top security agency, the FSB, said": the named apposition speaks.
        # A name in quotation marks is a title ('star of "Scandal"'), not the speaker.
        for child in subject.children:
            if child.dep_ == "appos" and not _in_quote(self.doc, child.idx):
                entity = entity_of(child)
                if entity is not None and entity.kind != "place":
                    return entity
        # "Chile's ambassador to Norway, Erik Vold, said": the parser may hang the
        # name on the last noun of the title, but it still names the speaker.
        for token in subject.subtree:
            if token.dep_ == "appos" and token.i > subject.i and not _in_quote(self.doc, token.idx):
                entity = entity_of(token)
                if entity is not None and entity.kind == "person":
                    return entity
        return None

    def _coordination(self, subject: Token, conj: list[Token]) -> Resolved | None:
        heads = [subject, *conj]
        names = []
        for head in heads:
            entity = entity_of(head)
            if entity is None and head.pos_ == "PRON":
                found = self._pronoun(head, head.head)
                entity = found.entity if found is not None else None
            names.append(entity.name if entity is not None else _text(_np_tokens(head)))
        mention = self.doc[subject.left_edge.i : conj[-1].right_edge.i + 1].text
        name = " and ".join(names) if len(names) == 2 else ", ".join(names[:-1]) + " and " + names[-1]
        return Resolved(Speaker(name=name, mention=mention, kind="group"), None)

    def _candidates(
        self, before: int, excluded: set[int], kinds: set[str], gender: str | None, described: bool = False
    ) -> int | Speaker | None:
        """The referent a pronoun at token ``before`` most likely means: the nearest
        sentence with a candidate wins; inside it, subjects beat other mentions, then
        the later mention beats the earlier. Mentions inside quotations do not count.
        With ``described``, a sentence's unnamed subject ("the defence ministry")
        counts as a candidate too, returned as a `Speaker`."""
        number = max(bisect_right(self._sentence_starts, before) - 1, 0)
        narration = 0
        for s in range(number, -1, -1):
            sent = self.sentences[s]
            if s != number and self._quoted(s):
                # A quoted sentence holds no candidate, and is no distance: after a long
                # quotation "she replied" still means who spoke before it.
                continue
            narration += 1
            if narration > PRONOUN_WINDOW + 1:
                break
            limit = min(sent.end, before)
            ranked: list[tuple[int, int, int | Speaker]] = []
            for position, entity in enumerate(self.entities):
                if position in excluded or entity.kind not in kinds:
                    continue
                if gender and entity.gender and entity.gender != gender:
                    continue
                for m in entity.mentions:
                    if not (sent.start <= m.start < limit) or _in_quote(self.doc, self.doc[m.start].idx):
                        continue
                    root = self.doc[m.start : m.end].root
                    if root.dep_ == "pobj" and root.head.lower_ in LOCATIVE_PREPOSITIONS:
                        continue  # "near X", "in X": a place in passing, not someone speaking
                    if _parenthesised(self.doc, m.start, m.end):
                        continue  # "(Wirename)", "(AP Photo)": asides, not referents
                    ranked.append((_salience(root), -m.start, position))
            for token_i, position in self._chained:
                if sent.start <= token_i < limit and position not in excluded:
                    entity = self.entities[position]
                    if entity.kind in kinds and not (gender and entity.gender and entity.gender != gender):
                        ranked.append((0, -token_i, position))
            for token_i, position in self._sources:
                # A source introduced in the sentence ("..., according to X, the publisher
                # of ...") outranks its grammatical subject.
                if sent.start <= token_i < limit and position not in excluded:
                    entity = self.entities[position]
                    if entity.kind in kinds and not (gender and entity.gender and entity.gender != gender):
                        ranked.append((-1, -token_i, position))
            if described:
                subject = main_subject(sent)
                if subject is not None and subject.i < limit and self._entity_in_np(subject) is None:
                    speaker = self._description(subject, kinds)
                    if speaker is not None:
                        ranked.append((0, -subject.i, speaker))
            if ranked:
                return min(ranked, key=lambda r: (r[0], r[1]))[2]
        # Nothing near: the most recent source that agrees, as long as the talk is of them;
        # "she said" after a man spoke reaches back past him to the last woman who spoke.
        for token_i, position in reversed(self._sources):
            if token_i >= before or position in excluded:
                continue
            if number - bisect_right(self._sentence_starts, token_i) + 1 > SOURCE_WINDOW:
                break
            entity = self.entities[position]
            if entity.kind in kinds and not (gender and entity.gender and entity.gender != gender):
                return position
            if not (gender and entity.gender):
                break  # only a source of the other gender is passed over
        return None

    def _description(self, subject: Token, kinds: set[str]) -> Speaker | None:
        """An unnamed institution, group or person as a speaker, if ``subject`` is one."""
        lemma = subject.lemma_.lower()
        plural = subject.tag_ in ("NNS", "NNPS")
        if "organization" in kinds and lemma in INSTITUTION_NOUNS and not plural:
            kind = "organization"
        elif "group" in kinds and plural and (lemma in GROUP_NOUNS or subject.lower_ in GROUP_NOUNS):
            kind = "group"
        elif "person" in kinds and not plural and lemma in ROLE_NOUNS and not _definite(subject):
            # "the president ... he said" refers back to someone named; "the country's
            # top diplomat" may be all the article gives.
            kind = "person"
        else:
            return None
        name = _text(_np_tokens(subject))
        return Speaker(name=name, mention=name, kind=kind)

    def _pronoun(self, subject: Token, cue: Token) -> Resolved | None:
        lower = subject.lower_
        excluded = addressees(cue)
        if lower in PERSON_PRONOUNS:
            found = self._candidates(subject.i, excluded, {"person"}, PERSON_PRONOUNS[lower], described=True)
        elif lower in NEUTER_PRONOUNS:
            found = self._candidates(subject.i, excluded, {"organization", "place"}, None, described=True)
        elif lower in PLURAL_PRONOUNS:
            found = self._candidates(subject.i, excluded, {"group", "organization"}, None, described=True)
        else:
            return None
        if found is None:
            return None
        if isinstance(found, Speaker):
            return Resolved(found.model_copy(update={"mention": subject.text}), None)
        return self._from_entity(self.entities[found], subject.text)

    def _common_noun(self, subject: Token, cue: Token) -> Resolved | None:
        lemma = subject.lemma_.lower()
        tokens = _np_tokens(subject)
        mention = _text(tokens)
        has_definite = any(c.dep_ == "det" and c.lower_ in ("the", "this", "that") for c in subject.children)
        written = self.doc[subject.left_edge.i : subject.i + 1].text if has_definite else mention
        if has_definite and subject.tag_ in ("NN", "NNP"):
            # "Spanish singer X ... The singer said": any role seen next to a name.
            found = self._role_antecedent(subject, tokens, cue)
            if found is not None:
                return self._from_entity(found, written)
        if has_definite and lemma == "ministry":
            ministry = self._ministry_of_minister(subject)
            if ministry is not None:
                return Resolved(Speaker(name=ministry, mention=written, kind="organization"), None)
        if has_definite and lemma in GENERIC_ORGANISATION_NOUNS:
            # "Acme said ... the company added": the nearest organisation.
            position = self._candidates(subject.i, addressees(cue), {"organization"}, None)
            if isinstance(position, int):
                return self._from_entity(self.entities[position], written)
        if has_definite:
            # "the group said", after "according to a monitoring group".
            for position, head_lemma, speaker in reversed(self._described):
                if position < subject.i and head_lemma == lemma:
                    return Resolved(speaker.model_copy(update={"mention": written}), None)
        counted = self._counted_group(subject)
        if counted is not None:
            return counted
        if lemma in GROUP_NOUNS or subject.lower_ in GROUP_NOUNS or lemma in INSTITUTION_NOUNS or lemma in ROLE_NOUNS:
            plural = subject.tag_ in ("NNS", "NNPS") or lemma in ("intelligence", "military", "police")
            if lemma in INSTITUTION_NOUNS and not plural:
                kind = "organization"
            elif plural:
                kind = "group"
            else:
                kind = "person"
            speaker = Speaker(name=mention, mention=mention, kind=kind)
            self._described.append((subject.i, lemma, speaker))
            return Resolved(speaker, None)
        if lemma in SHARE_NOUNS and any(c.dep_ in ("nummod", "amod", "prep") for c in subject.children):
            # "46 percent said", "a majority of voters said": a share of people speaks.
            return self._quantified_group(subject, counted=True)
        owner = next((c for c in subject.children if c.dep_ == "poss"), None)
        if owner is not None and (lemma in DOCUMENT_NOUNS or subject.lower_ in DOCUMENT_NOUNS):
            # "Sanders' fundraising email notes", "the agency's report found": its author.
            found = self._resolve(owner, cue)
            if found is not None:
                return found
        named_data = any(c.dep_ in ("compound", "amod", "poss", "nmod") for c in subject.children)
        if (
            (lemma in DOCUMENT_NOUNS or subject.lower_ in DOCUMENT_NOUNS)
            and (named_data or not (lemma in DATA_NOUNS or subject.lower_ in DATA_NOUNS))
            and not (lemma in IMAGE_NOUNS or subject.lower_ in IMAGE_NOUNS)
        ):
            # "the statement said", "the new poll shows", "customs data showed": the
            # document is the source. Bare data ("figures showed") names no source.
            publisher = self._publisher(subject) if (lemma in DATA_NOUNS or subject.lower_ in DATA_NOUNS) else None
            if publisher is not None:
                # "Transport ministry figures showed": the ministry that published them.
                return Resolved(Speaker(name=publisher, mention=mention, kind="organization"), None)
            speaker = Speaker(name=mention, mention=mention, kind="document")
            self._described.append((subject.i, lemma, speaker))
            return Resolved(speaker, None)
        if (
            cue.lower_ == "according"
            and (lemma in SOURCE_NOUNS or subject.lower_ in SOURCE_NOUNS)
            and (named_data or subject.lower_ not in BARE_DATA_WORDS)
        ):
            # "according to the state dashboard", "according to a tally by X": the data,
            # described, is the source (bare "according to figures" names none).
            return Resolved(Speaker(name=mention, mention=mention, kind="organization"), None)
        if subject.tag_ in ("NNS", "NNPS") and _people(subject):
            # A plural subject that says something is a group of people ("the hosts said").
            speaker = Speaker(name=mention, mention=mention, kind="group")
            self._described.append((subject.i, lemma, speaker))
            return Resolved(speaker, None)
        if subject.tag_ == "NN" and _person_noun(subject):
            # "one former campaign staffer said", "a person familiar with the plans said".
            speaker = Speaker(name=mention, mention=mention, kind="person")
            self._described.append((subject.i, lemma, speaker))
            return Resolved(speaker, None)
        if subject.pos_ == "PROPN" and subject.is_title:
            return Resolved(Speaker(name=mention, mention=mention, kind="organization"), None)
        return None

    def _publisher(self, subject: Token) -> str | None:
        """The institution named before a data noun ("Transport ministry figures",
        "Pentagon data"), or None when the words before only describe the data."""
        words = [t for t in _np_tokens(subject) if t.i < subject.i and t.dep_ in ("compound", "nmod", "poss")]
        if not words or words[-1].i != subject.i - 1:
            return None
        head = words[-1]
        institution = head.lemma_.lower() in INSTITUTION_NOUNS or entity_of(head) is not None
        if not institution or any(w.dep_ == "poss" for w in words):
            return None
        # The institution's own modifiers are part of its name ("the electoral board data").
        named = [t for t in head.subtree if t.i < subject.i and t.dep_ != "det" and not t.is_punct]
        return _text(sorted({t.i: t for t in words + named}.values(), key=lambda t: t.i))

    def _counted_group(self, subject: Token) -> Resolved | None:
        """"a number of attendees", "dozens of protesters", "the cities of A and B": a
        noun that counts or gathers the people (or named places) of its "of" phrase."""
        lemma = subject.lemma_.lower()
        plural_place = subject.tag_ == "NNS" and lemma in PLACE_NOUNS
        if not (lemma in PARTITIVE_NOUNS or subject.lower_ in PARTITIVE_NOUNS or plural_place):
            return None
        counted = next(
            (g for c in subject.children if c.dep_ == "prep" and c.lower_ == "of" for g in c.children if g.dep_ == "pobj"), None
        )
        if counted is None:
            return None
        if plural_place:
            if counted.pos_ != "PROPN":
                return None  # "the towns of the north" speak for no one named
        elif not (counted.tag_ in ("NNS", "NNPS") and _people(counted)):
            return None
        phrase = [t for t in subject.subtree if not t.is_punct or t.text in ("-", "–")]
        if len(phrase) > 10:
            phrase = _np_tokens(subject)
        mention = _text(phrase)
        speaker = Speaker(name=mention, mention=mention, kind="group")
        self._described.append((subject.i, lemma, speaker))
        return Resolved(speaker, None)

    def _ministry_of_minister(self, subject: Token) -> str | None:
        """"Defence Minister X denied it. The ministry said ...": the ministry is the
        one the last-named minister runs, unless the ministry's own words name another
        owner or portfolio ("The Vellin defence ministry" is not Ardania's defence
        minister's, nor Vellin's foreign minister's)."""
        owners = [
            t.lower_ for t in subject.subtree
            if t.i < subject.i and t.dep_ in ("compound", "amod", "nmod", "poss") and not t.is_punct
        ]  # fmt: skip
        latest: tuple[int, str] | None = None
        for entity in self.entities:
            if entity.kind != "person":
                continue
            for role in entity.roles:
                at = role.lower().rfind("minister")
                before = [m.start for m in entity.mentions if m.start < subject.i]
                portfolio = role[:at].strip().lower() if at > 0 else ""
                if not portfolio or portfolio.endswith("prime"):
                    continue  # a prime minister runs a government, not a ministry
                if any(owner not in portfolio for owner in owners):
                    continue
                if before and (latest is None or max(before) > latest[0]):
                    latest = (max(before), role[:at] + "Ministry")
        return latest[1] if latest is not None else None

    def _role_antecedent(self, subject: Token, tokens: list[Token], cue: Token) -> Entity | None:
        lemma = subject.lemma_.lower()
        wanted = role_synonyms().get(lemma, (lemma,))
        modifiers = [
            t.lower_[:5]
            for t in tokens
            if t.i != subject.i and (t.ent_type_ in ("NORP", "GPE") or t.pos_ == "PROPN")
        ]
        excluded = addressees(cue)
        institution = lemma in INSTITUTION_NOUNS

        def matches(entity: Entity) -> bool:
            if institution:
                if entity.kind != "organization" or lemma not in entity.name.lower():
                    return False
                texts = [entity.name.lower()]
            else:
                if entity.kind != "person":
                    return False
                texts = [r.lower() for r in entity.roles]
                if not any(w in r for r in texts for w in wanted):
                    return False
            return all(any(m in t for t in texts) for m in modifiers)

        best_before: tuple[int, Entity] | None = None
        first_after: tuple[int, Entity] | None = None
        for position, entity in enumerate(self.entities):
            if position in excluded or not matches(entity):
                continue
            starts = [m.start for m in entity.mentions]
            before = [s for s in starts if s < subject.i]
            if before and (best_before is None or max(before) > best_before[0]):
                best_before = (max(before), entity)
            elif not before and (first_after is None or starts[0] < first_after[0]):
                first_after = (starts[0], entity)
        if best_before is not None:
            return best_before[1]
        # "The top diplomat said ... Foreign Minister X": a person may be named after
        # their role; an institution is named before it is referred back to.
        return first_after[1] if first_after is not None and not institution else None
