"""Statements: who said what, in direct, reported and mixed speech.

Every statement hangs on a cue: a speech or belief verb with content the parse can
find (a clausal complement, an object plus infinitive, a prepositional object), a
quotation next to a speech verb, "according to", or a statement noun with a source and
content ("Trump's call for a ban", "in the senator's view, ..."). A quotation with no
cue of its own continues the statement before it, or inherits its speaker when it is a
whole quoted sentence in the next paragraph; anything else gives no statement.
"""

from __future__ import annotations


import datetime as dt
import re
from bisect import bisect_right
from dataclasses import dataclass, field, replace

import numpy as np
from spacy.attrs import LEMMA, LOWER, POS
from spacy.symbols import AUX as AUX_POS
from spacy.symbols import NOUN as NOUN_POS
from spacy.symbols import PROPN as PROPN_POS
from spacy.symbols import VERB as VERB_POS
from spacy.tokens import Doc, Token

from claimtrack.dates import resolve_date
from claimtrack.extract.speakers import Resolved, SpeakerResolver
from claimtrack.models import Attribution, DateSource, Speaker
from claimtrack.lexicon import (
    ANNOUNCING_VERBS,
    CLAIM_NOUNS,
    COMMITMENT_VERBS,
    CONTINUATION_PARTICIPLES,
    DOCUMENT_NOUNS,
    FIGURE_SOURCE_VERBS,
    NAMING_VERBS,
    NEGATING_VERBS,
    OBJECT_CONTROL_VERBS,
    BELIEF_VERBS,
    DATA_NOUNS,
    NounClass,
    nouns,
    QUOTE_FRAME_VERBS,
    RELATIVE_PRONOUNS,
    RELAYING_VERBS,
    RESTATING_VERBS,
    SAYING_VERBS,
    SPEECH_VERBS,
    STATEMENT_NOUNS,
    VIEWPOINT_NOUNS,
    VOICING_VERBS,
    NounClass,
    VerbFrame,
    noun_argument,
    verb_argument,
    verbs,
)
from claimtrack.nlp.components import document_text, entity_of, quote_spans
from claimtrack.nlp.quotemarks import DOUBLED_APOSTROPHE, DOUBLE_MARKS, SINGLE_MARKS, QuoteSpan, is_double_mark

# Verbs whose content may be a clause ("said the talks had failed", "believes that ...").
CLAUSE_VERBS = SPEECH_VERBS | BELIEF_VERBS
OBJECT_CONTENT_VERBS = verbs(VerbFrame.object_content)
INFINITIVE_CONTENT_VERBS = verbs(VerbFrame.infinitive_content)
PREPOSITIONAL_CONTENT_VERBS = verbs(VerbFrame.content_after)
# Every verb with a frame that can carry what someone said, believes or wants.
CUE_VERBS = (
    CLAUSE_VERBS
    | OBJECT_CONTENT_VERBS
    | INFINITIVE_CONTENT_VERBS
    | PREPOSITIONAL_CONTENT_VERBS
    | NAMING_VERBS
    | OBJECT_CONTROL_VERBS
    | COMMITMENT_VERBS
    | FIGURE_SOURCE_VERBS
)
# Saying verbs with no content of their own ("interjected", "shot back") still frame a
# quotation next to them.
CANDIDATE_VERBS = CUE_VERBS | QUOTE_FRAME_VERBS | SAYING_VERBS
SOURCING_VERBS = verbs(VerbFrame.sourcing)
# What a statement "according to" may cite instead of its author: a report, a tally, figures.
SOURCE_DOCUMENT_NOUNS = DOCUMENT_NOUNS | DATA_NOUNS
# Counts that are made by someone: "according to a revised death toll from X" is X's.
TALLY_NOUNS = nouns(NounClass.anaphoric) | {"toll"}
# Refusing to speak says nothing: "declined to comment", "refused to say".
REFUSING_VERBS = frozenset({"decline", "refuse"})
FRAME_VERBS = SAYING_VERBS | QUOTE_FRAME_VERBS | BELIEF_VERBS
# How the small model may hang the speaker after an inverted cue ('"...," said X').
INVERTED_SUBJECT_DEPS = frozenset({"dobj", "attr", "npadvmod", "dative", "oprd", "nsubj"})
# Words that open the writer's scene after a statement ("..., as crews struggled").
NARRATION_OPENERS = frozenset({"as", "amid"})
# Prepositions after a stance's object that give its reason or name ("criticized X for Y").
STANCE_PREPOSITIONS = frozenset({"for", "over", "as", "on", "about"})
# Prepositions that only link a frame verb to its content ("called on X to", "warned of X").
FRAME_PREPOSITIONS = frozenset({"on", "for", "of", "about", "upon"})
# How many tokens may stand between a closing quotation mark and its cue verb.
ATTRIBUTION_REACH = 12
# What a naming verb puts on its object: "called the plan [premature]".
NAME_COMPLEMENTS = frozenset({"oprd", "xcomp", "ccomp", "acomp", "advmod", "attr", "npadvmod"})
# A wire dateline: "LISBON, March 3 (Wirename) - ".
DATELINE = re.compile(r"[A-Z][A-Z .'’-]{1,40}(?:,[^()\n]{0,30})?\s*\([^()\n]{2,40}\)\s*[-–—]\s*")
# "Moritz: I have not decided." in an interview transcript.
TRANSCRIPT_LINE = re.compile(r"^(?P<name>[A-Z][\w'’.-]+(?: [A-Z][\w'’.-]+){0,3}): (?P<answer>\S[^\n]*)$", re.MULTILINE)
FIRST_SECOND_PERSON = frozenset("i we me us my our you your".split())
# '"..." ⏎ - Ann Lee.' or '—Ann Lee, tweeting after the speech.': a quoted paragraph signed
# on the line after it (a reader may have dropped the dash, as it drops list bullets).
SIGNATURE_LINE = re.compile(r"\s*\n\s*[-–—]?\s*(?P<name>[A-Z][\w'’.-]*(?: [A-Z][\w'’.-]*){0,4})(?:[.,][^\n]{0,80})?\s*(?:\n|$)")
# A quotation shorter than this, with no verb, is a name or a scare quote.
SHORT_QUOTE = 5
# Words that put a statement on another occasion than the one just reported.
OTHER_OCCASION = re.compile(
    r"\b(?:earlier|previously|before|recently|last|ago|yesterday|once|had said|has said|has repeatedly)\b", re.IGNORECASE
)
# Words by which a speaker dates their own words to the day they speak.
SPEECH_DAY = re.compile(r"\b(?:today|tonight|this morning|this afternoon|this evening)\b", re.IGNORECASE)
# Modal verbs of the present: reported words that keep them were not shifted back.
PRESENT_MODALS = frozenset({"will", "can", "may", "must", "shall"})
# How many words of attribution may interrupt one quotation ("A," she told ... "B."):
# enough for a speaker with a long description and a relative clause.
INTERRUPTION_REACH = 60
# How many words (not counting articles and punctuation) a noun's content needs: "her
# support for Rubio" says whom, "his call for a ban on imports" says what.
NOMINAL_CONTENT_WORDS = 3
# Between the parts of one statement, so that a reader sees that words were left out.
SEGMENT_JOINER = " … "



@dataclass(frozen=True, slots=True)
class Statement:
    """What one speaker said: ``segments`` are character spans of the body, joined by
    `SEGMENT_JOINER` to make ``text`` (a quotation interrupted by its cue has two)."""

    segments: tuple[tuple[int, int], ...]
    text: str
    sentence_start: int
    sentence_end: int
    speaker: Speaker | None
    cue: str | None
    direct: bool
    attribution: Attribution
    date: dt.date | None
    date_source: DateSource | None = None

    @property
    def stated_date(self) -> dt.date | None:
        """The date when the text gives it, not when it is only the article's."""
        return self.date if self.date_source != DateSource.article else None

    @property
    def start(self) -> int:
        return self.segments[0][0]

    @property
    def end(self) -> int:
        return self.segments[-1][1]


@dataclass(slots=True)
class _Draft:
    cue: Token | None
    subject: Token | None
    segments: list[list[int]]
    direct: bool
    cue_text: str | None = None
    nominal: bool = False  # the cue is a noun ("Trump's call for a ban")
    parent: _Draft | None = None  # a cue-less quotation takes this draft's speaker
    resolved: Resolved | None = None
    dropped: bool = False
    children: list[_Draft] = field(default_factory=list)

    @property
    def start(self) -> int:
        return self.segments[0][0]

    @property
    def end(self) -> int:
        return self.segments[-1][1]


class _Quotes:
    """Quotation spans with fast membership tests by character offset.

    A quotation whose closing mark is missing is verbatim only under the news
    convention for quotations that run over paragraphs: it opens its paragraph, or the
    next paragraph opens with a quotation mark. Otherwise its closing mark was lost,
    nobody knows where the words end, and it is not treated as a quotation at all."""

    def __init__(self, spans: list[QuoteSpan], text: str) -> None:
        self.spans = [q for q in spans if q.closed or _runs_on(text, q)]
        self._opens = [q.open_mark for q in self.spans]

    def around(self, char: int) -> QuoteSpan | None:
        """The quotation whose marks enclose ``char`` (marks included)."""
        k = bisect_right(self._opens, char) - 1
        if k < 0:
            return None
        q = self.spans[k]
        return q if char < q.after_close else None

    def inside(self, char: int) -> bool:
        """Whether ``char`` is one of the quoted words' characters (marks excluded)."""
        q = self.around(char)
        return q is not None and q.start <= char < q.end


def _runs_on(text: str, q: QuoteSpan) -> bool:
    """An unclosed quotation that opens its paragraph, or whose next paragraph opens
    with a quotation mark."""
    if not text[text.rfind("\n", 0, q.open_mark) + 1 : q.open_mark].strip():
        return True
    following = text[q.end :].lstrip()
    return following[:1] in DOUBLE_MARKS or following.startswith(DOUBLED_APOSTROPHE)


def _attribution(cue: Token | None) -> Attribution:
    """A belief when the cue says what the speaker thinks, wants or stands for; a
    statement otherwise (a quotation continued without a cue is still said)."""
    if cue is not None and cue.pos_ in ("VERB", "AUX") and _lemma(cue) in BELIEF_VERBS and _lemma(cue) not in SPEECH_VERBS:
        return Attribution.belief
    return Attribution.statement


def _lemma(token: Token) -> str:
    lemma = token.lemma_.lower()
    if lemma == "hop" and token.lower_.startswith("hope"):
        return "hope"  # the small model's lemma for "hoped", "hoping"
    if lemma == "go" and any(c.dep_ == "prt" and c.lower_ == "on" for c in token.children) and not any(
        c.dep_ in ("xcomp", "prep", "dobj", "advcl") and c.i > token.i for c in token.children
    ):
        return "continue"  # '"...," she went on', not 'went on to win' or 'will go on without X'
    if lemma == "put" and any(c.dep_ == "dobj" and c.lower_ == "it" for c in token.children) and any(
        c.dep_ == "mark" and c.lower_ == "as" for c in token.children
    ):
        return "say"  # 'As the Post put it, "..."'
    return lemma


def _cue_candidates(doc: Doc) -> list[int]:
    """Indices of the tokens that can carry a statement: verbs, and "according".
    Read from the token arrays, because making a Python object for every token costs
    more than the rest of the pass."""
    pos, lower = doc.to_array([POS, LOWER]).T
    according = doc.vocab.strings["according"]
    wanted = (pos == VERB_POS) | (pos == AUX_POS) | (lower == according)
    return wanted.nonzero()[0].tolist()


def _is_cue_verb(token: Token, quotes: _Quotes) -> bool:
    if token.pos_ not in ("VERB", "AUX") or quotes.around(token.idx) is not None:
        return False
    lemma = _lemma(token)
    if lemma == "make":
        return any(c.lower_ == "clear" for c in token.children)  # "made clear that ..."
    if lemma in BELIEF_VERBS and token.tag_ == "VBG":
        return False  # "..., fearing it could spread": the writer's account of a motive
    if lemma in SOURCING_VERBS and token.tag_ == "VBG":
        return False  # "..., citing hospital records": the source of a statement, no claim
    if token.dep_ == "xcomp" and _lemma(token.head) in REFUSING_VERBS:
        return False  # "declined to comment on X", "refused to say whether": nothing said
    return lemma in CANDIDATE_VERBS or (lemma in RESTATING_VERBS and _repeated_claim(token) is not None)


def _noun_candidates(doc: Doc) -> list[int]:
    """Indices of the nouns whose lemma or form is a statement or viewpoint noun, read
    from the token arrays like `_cue_candidates`."""
    pos, lemma, lower = doc.to_array([POS, LEMMA, LOWER]).T
    strings = doc.vocab.strings
    listed = [strings[word] for word in STATEMENT_NOUNS | VIEWPOINT_NOUNS]
    nominal = (pos == NOUN_POS) | (pos == PROPN_POS)
    return (nominal & (np.isin(lemma, listed) | np.isin(lower, listed))).nonzero()[0].tolist()


def _is_frame_verb(token: Token, quotes: _Quotes) -> bool:
    """A verb that can attribute a quotation standing next to it."""
    return (_is_cue_verb(token, quotes) and _lemma(token) in FRAME_VERBS) or _mistagged_saying(token)


def _mistagged_saying(token: Token) -> bool:
    """'"...," the email read.': the tagger takes a saying verb that ends its sentence
    after a noun for a noun itself; as the sentence's root it can only be the verb."""
    return (
        token.pos_ == "NOUN"
        and token.dep_ == "ROOT"
        and token.lemma_.lower() in SAYING_VERBS
        and token.i + 1 < len(token.doc)
        and token.doc[token.i + 1].text in (".", "!")
        and any(c.dep_ in ("compound", "det", "amod") for c in token.children)
    )


def _subject(verb: Token, depth: int = 0) -> Token | None:
    """The subject that speaks through ``verb``, following coordination and
    participles ("..., adding that") up to the verb that has one."""
    if depth > 4:
        return None
    cited = _cited_as_saying(verb)
    if cited is not None:
        return cited
    # With two subjects (a parse gone wrong), the one next to the verb speaks, unless
    # a person's name follows right after it ('said spokesman Capt. Jon Ames', where
    # the abbreviation's full stop split one phrase in two).
    subjects = sorted((c for c in verb.children if c.dep_ == "nsubj"), key=lambda c: abs(c.i - verb.i))
    if len(subjects) > 1:
        # 'X, star of "Scandal," thanked ...': a title in quotation marks is not the subject.
        unquoted = [c for c in subjects if not _in_quotation(c)]
        subjects = unquoted or subjects
    if len(subjects) > 1:
        named = next((c for c in subjects[1:] if _named_person(c, verb) and 0 < c.left_edge.i - subjects[0].i <= 3), None)
        if named is not None and (named.i > verb.i) == (subjects[0].i > verb.i):
            subjects = [named]
    if subjects:
        child = subjects[0]
        if child.lower_ in RELATIVE_PRONOUNS and verb.dep_ == "relcl":
            return verb.head
        return _past_dateline(child)
    for child in verb.children:
        if child.dep_ == "agent":
            for grandchild in child.children:
                if grandchild.dep_ == "pobj":
                    return grandchild
    if verb.dep_ == "conj" and verb.tag_ == "VBG" and verb.head.tag_ != "VBG":
        # "..., urging voters to see X and promising Y": the parse may hang the second
        # participle inside the first one's content; it goes on with the first.
        first = next((a for a in verb.ancestors if a.tag_ == "VBG"), None)
        if first is not None:
            return _subject(first, depth + 1)
    inverted = _inverted_subject(verb)
    if inverted is not None:
        return inverted
    if verb.dep_ == "conj" and verb.head.pos_ in ("VERB", "AUX"):
        return _subject(verb.head, depth + 1)
    if verb.dep_ in ("advcl", "xcomp") and verb.tag_ == "VBG" and verb.head.pos_ in ("VERB", "AUX"):
        # "X reported that ships had diverted, citing data": the participle goes on with
        # the speaker of the cue it follows, wherever the parser hangs it.
        # A passive verb on the way ("has been called to 233 deaths, noting ...") speaks for no one.
        cue = next(
            (
                a
                for a in verb.ancestors
                if a.pos_ in ("VERB", "AUX") and _lemma(a) in CUE_VERBS and not any(c.dep_ == "auxpass" for c in a.children)
            ),
            None,
        )
        return _subject(cue if cue is not None else verb.head, depth + 1)
    if verb.dep_ == "pcomp" and verb.tag_ == "VBG" and verb.head.dep_ == "prep" and verb.head.head.pos_ in ("VERB", "AUX"):
        passive = next((c for c in verb.head.head.children if c.dep_ == "nsubjpass"), None)
        if verb.head.lower_ == "as" and passive is not None:
            return passive  # "X was quoted by the paper as saying ...": X said it, not the paper
        return _subject(verb.head.head, depth + 1)  # "continued by saying ..."
    if verb.dep_ == "xcomp" and verb.head.pos_ in ("VERB", "AUX") and any(c.lower_ == "to" for c in verb.children):
        # "continues to believe", "wants to know": the head's subject, unless the head
        # has an object, who is then the one meant ("urged voters to believe").
        addressed = next((c for c in verb.head.children if c.dep_ == "dobj" and c.i < verb.i), None)
        return addressed if addressed is not None else _subject(verb.head, depth + 1)
    if verb.dep_ == "acl" and verb.tag_ == "VBG" and verb.head.pos_ in ("NOUN", "PROPN"):
        noun = verb.head
        if noun.lemma_.lower() in DOCUMENT_NOUNS and noun.head.pos_ in ("VERB", "AUX") and noun.dep_ == "dobj":
            # "X issued a statement saying ...": the statement's issuer speaks.
            return _subject(noun.head, depth + 1) or noun
        return noun  # "with its leader, X, declaring that ..."
    if verb.dep_ == "dep" and verb.head.pos_ in ("VERB", "AUX") and verb.head.i < verb.i:
        # "Clinton, exasperated, famously responded": the parse made the participle the
        # main verb and hung the cue on it; its subject is the cue's.
        return _subject(verb.head, depth + 1)
    lost = verb.dep_ == "ROOT" or (verb.dep_ == "conj" and verb.head.pos_ not in ("VERB", "AUX"))
    if lost and verb.tag_ in ("VBD", "VBZ", "VBP"):
        # A finite verb with nothing to take a subject from: the parse lost it.
        return _lost_subject(verb)
    return None


def _in_quotation(token: Token) -> bool:
    return any(q.open_mark <= token.idx < q.after_close for q in quote_spans(token.doc))


def _past_dateline(subject: Token) -> Token:
    """The subject after a dateline the parser took for it: in "SPRINGFIELD, Ill. —
    Sen. Ann Ross said", the place in capitals opening the paragraph heads the story,
    and the name after the dash (hung on it as an apposition) speaks."""
    doc = subject.doc
    first = subject.left_edge
    if not subject.text.isupper() or len(subject.text) < 2:
        return subject
    if first.i > 0 and "\n" not in doc[first.i - 1].text:
        return subject
    for child in subject.children:
        if child.dep_ == "appos" and child.pos_ in ("PROPN", "NOUN") and not child.text.isupper():
            dash = next((t for t in doc[subject.i : child.left_edge.i] if t.text in ("—", "–", "--", "-")), None)
            if dash is not None:
                return child
    return subject


def _named_person(token: Token, verb: Token) -> bool:
    """A person's name, with no quotation mark or paragraph break between it and
    ``verb`` (a name inside a quotation is what was said, not who said it)."""
    entity = entity_of(token)
    if entity is None or entity.kind != "person":
        return False
    lo, hi = sorted((token.i, verb.i))
    return not any(is_double_mark(t.text) or "\n" in t.text for t in token.doc[lo:hi])


CITING_VERBS = frozenset({"cite", "quote"})


def _citing(verb: Token) -> Token | None:
    """The "citing"/"quoted" verb a "saying" hangs on: "citing the WHO as saying",
    "X was quoted by the Post as saying"; or that verb itself."""
    if verb.lemma_.lower() in CITING_VERBS and any(
        c.dep_ == "prep" and c.lower_ == "as" and any(g.lemma_.lower() in SAYING_VERBS for g in c.children)
        for c in verb.children
    ):
        return verb
    if verb.tag_ != "VBG" or verb.lemma_.lower() not in SAYING_VERBS:
        return None
    holder = verb.head.head if verb.head.lower_ == "as" else verb.head
    return holder if holder.lemma_.lower() in CITING_VERBS and holder.i != verb.i else None


def _inverted_subject(verb: Token) -> Token | None:
    """"..., reported news agency ANI": a name after the verb, its content before, and
    no subject; the parser took the name for the object."""
    if any(c.dep_ in ("nsubj", "nsubjpass") for c in verb.children):
        return None
    if not any(c.dep_ == "ccomp" and c.i < verb.i for c in verb.children):
        return None
    named = next((c for c in verb.children if c.dep_ == "dobj" and c.i > verb.i), None)
    return named if named is not None and entity_of(named) is not None else None


def _cited_as_saying(verb: Token) -> Token | None:
    """Who speaks through a "saying" that relays them: the one cited or quoted."""
    holder = _citing(verb)
    if holder is None:
        return None
    passive = any(c.dep_ in ("auxpass", "nsubjpass") for c in holder.children)
    wanted = ("nsubjpass",) if passive else ("dobj",)
    return next((c for c in holder.children if c.dep_ in wanted), None)


def _lost_subject(verb: Token) -> Token | None:
    """The noun right before a finite main verb the parse gave no subject: "..., a White
    House official who spoke anonymously said ..." (the parser hung "official" on the
    clause before). A relative clause between the noun and the verb is the noun's."""
    doc = verb.doc
    if verb.i == 0:
        return None
    for clause in verb.children:
        if clause.dep_ == "advcl" and clause.i < verb.i and clause.tag_ == verb.tag_:
            if not any(c.dep_ == "mark" for c in clause.children):
                # "Trump summed up X, denounced Y and said Z": the parse made the first
                # of three coordinated verbs a clause of the second; its subject is theirs.
                subject = next((c for c in clause.children if c.dep_ == "nsubj"), None)
                if subject is not None:
                    return subject
    described = _described_name(verb)
    if described is not None:
        return described
    before = doc[verb.i - 1]
    if before.pos_ == "ADV" and verb.i > 1 and before.head.i == verb.i:
        before = doc[verb.i - 2]  # "an official reportedly said"
    noun = before
    if before.pos_ not in ("NOUN", "PROPN"):
        clause = next((a for a in (before, *before.ancestors) if a.dep_ in ("relcl", "acl") and a.right_edge.i == verb.i - 1), None)
        noun = clause.head if clause is not None and clause.head.i < clause.left_edge.i else None
    if noun is None or noun.pos_ not in ("NOUN", "PROPN") or noun.sent.start != verb.sent.start:
        return None
    if any(t.is_punct and t.text not in ("-", "–") for t in doc[noun.i + 1 : verb.i]) and noun.i + 1 != verb.i:
        # '"... the plan," said ...' and 'the plan, said X' are not a subject next door;
        # only a relative clause with no commas stands between.
        return None
    return noun


def _described_name(verb: Token) -> Token | None:
    """'Marcel Lazar, 44, said': a name set off by commas with its age or description
    right before the verb, which the parse hung elsewhere."""
    doc = verb.doc
    if verb.i < 4 or doc[verb.i - 1].text != ",":
        return None
    description = doc[verb.i - 2]
    if description.dep_ != "appos":
        return None
    name = description.head
    if name.i >= description.i or doc[description.left_edge.i - 1].text != "," or name.i != description.left_edge.i - 2:
        return None
    entity = entity_of(name)
    return name if entity is not None and entity.kind == "person" else None


def _relative_subject(verb: Token) -> Token | None:
    """The relative pronoun that is ``verb``'s subject ("..., who said ...")."""
    if verb.dep_ != "relcl":
        return None
    return next((c for c in verb.children if c.dep_ == "nsubj" and c.lower_ in RELATIVE_PRONOUNS), None)


def _span_of(tokens) -> tuple[int, int]:
    tokens = list(tokens)
    return tokens[0].i, tokens[-1].i + 1


def _clause_content(verb: Token) -> tuple[int, int] | None:
    """Token span of what ``verb`` reports, or None when the parse gives none."""
    lemma = _lemma(verb)
    if lemma == "make":
        return _made_clear(verb)
    if lemma in RESTATING_VERBS and (restated := _repeated_claim(verb)) is not None:
        return restated
    if lemma not in CUE_VERBS or _passive(verb) or _quoted_as(verb):
        return None
    clausal = lemma in CLAUSE_VERBS
    return (
        (clausal and _complement_clauses(verb))
        or (clausal and _detached_that_clause(verb))
        or _object_frame(verb)
        or _prepositional_object(verb)
        or _naming_frame(verb)
        or _commitment(verb)
        or _infinitive_content(verb)
        or _object_content(verb)
        or _estimate(verb)
        or (_said_object(verb) if clausal else None)
    )


def _said_object(verb: Token) -> tuple[int, int] | None:
    """'the candidate said families of victims file lawsuits': a clause the parser broke
    into an object and the rest. "said nothing", "said it", 'said "CNN" five times'
    are no content."""
    if _lemma(verb) not in SAYING_VERBS:
        return None
    obj = next((c for c in verb.children if c.dep_ == "dobj" and c.i > verb.i), None)
    if obj is None or obj.pos_ in ("PRON", "DET") or obj.lower_ in ("nothing", "something", "anything", "much", "little", "so"):
        return None
    doc = verb.doc
    first = obj.left_edge.i + 1 if is_double_mark(obj.left_edge.text) else obj.left_edge.i
    quoted = first > 0 and is_double_mark(doc[first - 1].text)
    end = obj.right_edge.i + 1
    broken = any(t.pos_ in ("VERB", "AUX") and t.dep_ not in ("amod", "acl", "relcl") for t in doc[obj.i + 1 : verb.sent.end])
    if quoted:
        return None  # 'said "CNN" five times': a word mentioned, not an utterance
    if broken and _lemma(verb) == "say":
        end = verb.sent.end
        while end > obj.i + 1 and (doc[end - 1].is_punct or doc[end - 1].is_space):
            end -= 1
        return obj.left_edge.i, end
    return None


def _estimate(verb: Token) -> tuple[int, int] | None:
    """"The union put the number of marchers at 2.8 million", "the coroner placed the
    toll at 12": what was counted, and the count."""
    if _lemma(verb) not in FIGURE_SOURCE_VERBS:
        return None
    obj = next((c for c in verb.children if c.dep_ == "dobj" and c.i > verb.i), None)
    if obj is None:
        return None
    at = next((c for c in [*verb.children, *obj.children] if c.dep_ == "prep" and c.lower_ == "at" and c.i > obj.i), None)
    return (obj.left_edge.i, at.right_edge.i + 1) if at is not None else None


def _quoted_as(verb: Token) -> bool:
    """"X was cited by the agency as saying ...": the passive only relays; the
    participle after "as" is the cue, and X its speaker."""
    return any(c.dep_ == "nsubjpass" for c in verb.children) and any(
        c.dep_ == "prep" and c.lower_ == "as" and any(g.dep_ == "pcomp" and g.tag_ == "VBG" for g in c.children)
        for c in verb.children
    )


def _passive(verb: Token) -> bool:
    """"Trump is expected to win": a passive cue without an agent names no one who
    expects, and its subject is not the speaker."""
    children = list(verb.children)
    return any(c.dep_ in ("auxpass", "nsubjpass") for c in children) and not any(c.dep_ == "agent" for c in children)


def _infinitive_content(verb: Token) -> tuple[int, int] | None:
    """"wants to run", "declined to comment", "hopes to win the state": the infinitive."""
    if _lemma(verb) not in INFINITIVE_CONTENT_VERBS:
        return None
    content = next(
        (c for c in verb.children if c.dep_ == "xcomp" and c.i > verb.i and any(a.lower_ == "to" for a in c.children)),
        None,
    )
    return (content.left_edge.i, _frame_end(verb, content)) if content is not None else None


def _object_content(verb: Token) -> tuple[int, int] | None:
    """"criticized the plan as reckless", "praised the governor for his response":
    the object a stance is taken on, with the reasons and names given to it."""
    if _lemma(verb) not in OBJECT_CONTENT_VERBS:
        return None
    obj = next((c for c in verb.children if c.dep_ == "dobj" and c.i > verb.i), None)
    if obj is None or obj.pos_ == "PRON":
        return None  # "backed him": a stance on someone the sentence does not name
    end = obj.right_edge.i + 1
    for sibling in verb.children:
        if sibling.i > obj.i and sibling.dep_ == "prep" and sibling.lower_ in STANCE_PREPOSITIONS:
            end = max(end, sibling.right_edge.i + 1)
    words = [t for t in verb.doc[obj.left_edge.i : end] if not (t.is_punct or t.pos_ == "DET")]
    # "endorsed Rubio": a bare name says who, not what; a claim needs a phrase.
    return (obj.left_edge.i, end) if len(words) >= 2 else None


def _commitment(verb: Token) -> tuple[int, int] | None:
    """"promised to cut taxes", "announced 2bn in emergency funding": what is promised
    or announced."""
    lemma = _lemma(verb)
    if lemma not in COMMITMENT_VERBS:
        return None
    children = list(verb.children)
    content = next((c for c in children if c.dep_ == "xcomp" and c.i > verb.i), None)
    if content is None and lemma in ANNOUNCING_VERBS:
        content = next((c for c in children if c.dep_ == "dobj" and c.i > verb.i), None)
    return (_content_start(verb), _frame_end(verb, content)) if content is not None else None


def _content_start(verb: Token) -> int:
    """Where the content of a frame starts: the first word after the verb that is not
    a particle or a preposition that only links the verb to its content ("called on
    both sides to talk", "warned of a crisis")."""
    doc = verb.doc
    start = verb.i + 1
    while start < len(doc) - 1 and (
        doc[start].dep_ in ("prt", "punct") or (doc[start].dep_ == "prep" and doc[start].head.i == verb.i and doc[start].lower_ in FRAME_PREPOSITIONS)
    ):
        start += 1
    return start


# Verbs that restate a claim named by a noun ("repeated claims that X") have the frame
# "restating"; others that take such nouns judge them ("dismissed claims that X").


def _repeated_claim(verb: Token) -> tuple[int, int] | None:
    """"repeated claims that the dam was sabotaged": the "that" clause of the noun."""
    if _lemma(verb) not in RESTATING_VERBS:
        return None
    for noun in verb.children:
        if noun.dep_ == "dobj" and noun.lemma_.lower() in CLAIM_NOUNS:
            for clause in noun.children:
                if clause.dep_ in ("acl", "ccomp") and any(m.dep_ == "mark" and m.lower_ == "that" for m in clause.children):
                    return _span_of(clause.subtree)
    return None


def _contrasts(verb: Token, after: int) -> list[Token]:
    """"said A were ending, while others would go on": the parser hangs the contrast
    on the speech verb, but it is part of what was said (unless it has a cue of its own)."""
    return [
        c
        for c in verb.children
        if c.dep_ == "advcl"
        and c.i >= after
        and any(m.dep_ == "mark" and m.lower_ in ("while", "whereas") for m in c.children)
        and not any(_lemma(t) in CUE_VERBS and any(g.dep_ == "ccomp" for g in t.children) for t in c.subtree)
    ]


def _trailing_absolute(verb: Token) -> list[tuple[int, int]]:
    """"N have fled, the agency said, with half of them arriving in X": the "with"
    phrase after an inverted cue carries on the statement."""
    return [
        (c.i, c.right_edge.i + 1)
        for c in verb.children
        if c.dep_ == "prep"
        and c.lower_ == "with"
        and c.i > verb.i
        and any(t.tag_ in ("VBG", "VBN") for t in c.subtree)
    ]


def _made_clear(verb: Token) -> tuple[int, int] | None:
    """"made (it) clear that X"."""
    children = list(verb.children)
    clear = next((c for c in children if c.lower_ == "clear"), None)
    if clear is None:
        return None
    clauses = [c for c in children + list(clear.children) if c.dep_ == "ccomp" and c.i != clear.i]
    return _span_of(clauses[0].subtree) if clauses else None


def _own_attribution(clause: Token) -> bool:
    """A clause that is an attribution of its own ("She replied: "...," she added"):
    a saying verb with its subject, whose words are its content, not the outer verb's."""
    return _lemma(clause) in SAYING_VERBS and any(c.dep_ == "nsubj" for c in clause.children)


def _complement_clauses(verb: Token) -> tuple[int, int] | None:
    handed = _handed_over_clauses(verb)
    clauses = [c for c in verb.children if c.dep_ == "ccomp" and not (c.i < verb.i and (_own_attribution(c) or c not in handed))]
    if not clauses:
        return None
    # "said X but added that Y" is sometimes parsed as two complements of "said".
    after = [c for c in clauses if c.i > verb.i]
    side = after if after else clauses
    start, end = min(c.left_edge.i for c in side), max(c.right_edge.i for c in side) + 1
    if after and not any(g.dep_ in ("nsubj", "nsubjpass", "expl", "csubj") for g in after[0].children):
        # "reported 295 people were missing": the parse took the reported clause's
        # subject for the verb's object; the clause starts with it.
        obj = next((c for c in verb.children if c.dep_ == "dobj" and verb.i < c.i < after[0].left_edge.i), None)
        if obj is not None and obj.pos_ not in ("PRON",) and obj.right_edge.i + 1 == after[0].left_edge.i:
            start = obj.left_edge.i
    if after and start < verb.i and verb.dep_ == "relcl":
        # "a charity that prosecutors said was suspected of ...": the relative pronoun
        # stands for the noun the clause describes; what was said follows the verb.
        start = verb.i + 1
    if after:
        end = max([end] + [c.right_edge.i + 1 for c in _contrasts(verb, end)])
        start = _stranded_number(verb, start)
    else:
        # "X was cancelled after its sponsor pulled out, organisers said": the parser may
        # hang the rest of the reported clause on the cue that follows it.
        end = max(
            [end] + [c.right_edge.i + 1 for c in verb.children if c.dep_ == "advcl" and end <= c.left_edge.i and c.right_edge.i < verb.i]
        )
    if _lemma(verb) in NEGATING_VERBS and verb.i < start:
        start = verb.i  # "denies it is planning an attack" is not "it is planning an attack"
    return start, end


def _stranded_number(verb: Token, start: int) -> int:
    """"said between 275,000 and 325,000 people took part": the parser may hang the
    subject's number on the verb; the content starts with it."""
    gap = verb.doc[verb.i + 1 : start]
    if not len(gap) or not any(t.like_num and t.ent_type_ not in ("DATE", "TIME") for t in gap):
        return start
    if any(t.is_punct or t.pos_ in ("VERB", "AUX") or t.ent_type_ in ("DATE", "TIME") for t in gap):
        return start
    return verb.i + 1


HANDOVER_MARKS = frozenset({",", "—", "–", "-"})


def _handed_over(clause: Token) -> bool:
    """Whether a clause before its cue ends the way reported content hands over to its
    attribution: with a comma, a dash or a closing quotation mark ("The plan failed, she
    said"), not with a colon or a full stop ("Some were unsure: Ann Lee called it ...").
    The parser may hang the comma on the clause itself."""
    doc = clause.doc
    last = clause.right_edge
    if last.i > clause.i and last.text in HANDOVER_MARKS:
        return True
    end = last.i + 1
    return end < len(doc) and (doc[end].text in HANDOVER_MARKS or doc[end].is_quote or is_double_mark(doc[end].text))


def _handed_over_clauses(verb: Token) -> set[Token]:
    """The complements before ``verb`` that hand over to it: the last one handed over, and
    the ones that run straight into it ("N will be evacuated as efforts are stepped up,
    X said", which the parser may split into two complements)."""
    before = sorted((c for c in verb.children if c.dep_ == "ccomp" and c.i < verb.i), key=lambda c: c.i)
    handed: set[Token] = set()
    following: Token | None = None
    for clause in reversed(before):
        if _handed_over(clause) or (
            following is not None and following in handed and clause.right_edge.i + 1 == following.left_edge.i
        ):
            handed.add(clause)
        following = clause
    return handed


def _object_frame(verb: Token) -> tuple[int, int] | None:
    """"urged Russia to withdraw", "called on both sides to talk", "called for
    monitors to be sent": the claim starts at the verb."""
    if _lemma(verb) not in OBJECT_CONTROL_VERBS:
        return None
    children = list(verb.children)
    infinitive = next((c for c in children if c.dep_ == "xcomp" and c.i > verb.i), None)
    addressed = any(c.dep_ == "dobj" or (c.dep_ in ("prep", "prt") and c.lower_ == "on") for c in children)
    if infinitive is not None and addressed:
        return _content_start(verb), _frame_end(verb, infinitive)
    purpose = next(
        (c for c in children if c.dep_ == "advcl" and c.i > verb.i and any(m.lower_ == "for" for m in c.children)),
        None,
    )
    if purpose is not None:
        start = _content_start(verb)
        if verb.doc[start].lower_ == "for" and verb.doc[start].head.i == purpose.i:
            start += 1  # "called for monitors to be sent"
        return start, _frame_end(verb, purpose)
    return None


def _frame_end(verb: Token, complement: Token) -> int:
    """Where an object frame ends: its complement, or further when the parse hung the
    rest of the clause ("... release pledged money before the thaw") on the verb."""
    end = complement.right_edge.i + 1
    for sibling in verb.children:
        if sibling.i > complement.i and sibling.dep_ in ("dobj", "advcl", "prep", "npadvmod", "advmod"):
            end = max(end, sibling.right_edge.i + 1)
        elif sibling.i > complement.i and sibling.dep_ in ("cc", "conj", "parataxis"):
            break  # ", mediators said," or another clause: the frame is over
    return end


def _prepositional_object(verb: Token) -> tuple[int, int] | None:
    """"warned of X", "called for X"."""
    children = list(verb.children)
    # "accused the police of hiding evidence": the parser may hang "of" on the object.
    objects = [c for c in children if c.dep_ == "dobj"]
    preps = children + [p for o in objects for p in o.children if p.dep_ == "prep"]
    for prep in preps:
        if prep.dep_ == "prep" and prep.lower_ in verb_argument(_lemma(verb), VerbFrame.content_after) and prep.i > verb.i:
            end = max(prep.right_edge.i + 1, max((o.right_edge.i + 1 for o in objects), default=0))
            # Conditions and examples after the object belong to the warning too.
            for sibling in children:
                purpose = sibling.lower_ == "in" and any(g.lower_ == "order" for g in sibling.children)  # "in order to"
                if sibling.i > prep.i and sibling.dep_ in ("advcl", "prep") and (sibling.lower_ not in ("in", "at", "on") or purpose):
                    end = max(end, sibling.right_edge.i + 1)
            # "accused the police of hiding evidence" keeps whom; "warned of X" is X.
            start = min([prep.i + 1] + [o.left_edge.i for o in objects if o.i < prep.i])
            return start, end
    return None


def _naming_frame(verb: Token) -> tuple[int, int] | None:
    """"called the plan premature", "described the move as a provocation"."""
    if _lemma(verb) not in NAMING_VERBS:
        return None
    children = list(verb.children)
    if any(c.dep_ == "dobj" and c.i < verb.i and c.lower_ in RELATIVE_PRONOUNS | {"what"} for c in children):
        # "..., which the mayor called a hopeful sign", "what she described as a "relic"":
        # the object came first.
        after = [
            c
            for c in children
            if c.i > verb.i and (c.dep_ in NAME_COMPLEMENTS | {"dobj"} or (c.dep_ == "prep" and c.lower_ == "as"))
        ]
        if not after:
            return None
        first = after[0]
        if first.dep_ == "prep":
            # 'what she described as a "relic"': the name is what follows "as".
            first = next((c for c in first.children if c.dep_ == "pobj"), first)
        return first.left_edge.i, after[-1].right_edge.i + 1
    obj = next((c for c in children if c.dep_ == "dobj" and c.i > verb.i), None)
    if obj is None:
        return _named_quotation(verb)
    complement = next(
        (
            c
            for c in children
            if c.i > obj.i
            and (c.dep_ in NAME_COMPLEMENTS or (c.dep_ == "prep" and c.lower_ == "as"))
        ),
        None,
    )
    if complement is None:
        complement = next((c for c in obj.children if c.dep_ == "prep" and c.lower_ == "as"), None)
    if complement is None:
        # 'called the plan "a disgrace"': the parser may take the quoted name for an apposition.
        complement = next((c for c in obj.children if c.dep_ == "appos" and c.i > obj.i and _quoted_token(c)), None)
    if complement is None:
        # ... or hang it anywhere: a quotation right after the object is the name given.
        quoted_end = _quotation_after(obj)
        return (obj.left_edge.i, quoted_end) if quoted_end is not None else _named_quotation(verb)
    return obj.left_edge.i, complement.right_edge.i + 1


def _named_quotation(verb: Token) -> tuple[int, int] | None:
    """"called Trump's remarks 'racist'", "called protesters "illegals" and "thugs"":
    however the parse splits it, the phrases after a naming verb up to a quotation are
    what was named and the name."""
    doc = verb.doc
    start = _content_start(verb)
    nominal = [c for c in verb.children if c.i >= start and c.dep_ in ("dobj", "oprd", "nmod", "attr", "appos", "ccomp")]
    if not nominal:
        return None
    end = max(c.right_edge.i for c in nominal) + 1
    while end < len(doc) and doc[end].is_punct and not doc[end].is_sent_start:
        end += 1  # the closing mark the parse left out
    span = doc[start:end]
    if not any(is_double_mark(t.text) for t in span) or "\n" in span.text:
        return None
    while end > start + 1 and doc[end - 1].text in (",", ".", ";", ":"):
        end -= 1
    return start, end


def _quotation_after(token: Token) -> int | None:
    """The token index where a quotation that opens right after ``token``'s phrase ends."""
    doc = token.doc
    following = token.right_edge.i + 1
    if following >= len(doc) or not is_double_mark(doc[following].text):
        return None
    for q in quote_spans(doc):
        if q.open_mark == doc[following].idx and q.closed:
            closing = doc.char_span(q.close_mark, q.after_close, alignment_mode="expand")
            return closing.end if closing is not None else None
    return None


def _quoted_token(token: Token) -> bool:
    """Whether a quotation mark stands right before the phrase ``token`` heads."""
    first = token.left_edge
    return first.i > 0 and is_double_mark(token.doc[first.i - 1].text)


def _inverted_attribution(verb: Token) -> tuple[tuple[int, int], Token] | None:
    """"<statement>, the company said." read from the surface when the parse lost the
    structure: the speaker is the noun phrase between the last comma and the verb,
    the statement everything before that comma. Returns (content span, subject)."""
    if _lemma(verb) not in SAYING_VERBS:
        return None
    if verb.tag_ == "VBN" and not any(c.dep_ == "aux" for c in verb.children):
        return None  # "..., activists and alleged communists": a participle, no attribution
    doc, sent = verb.doc, verb.sent
    comma = next((t for t in reversed(doc[sent.start : verb.i]) if t.text == ","), None)
    if comma is None or comma.i - sent.start < 3:
        return None
    phrase = doc[comma.i + 1 : verb.i]
    if not 1 <= len(phrase) <= ATTRIBUTION_REACH or phrase[0].pos_ not in ("DET", "PROPN", "NOUN", "ADJ", "PRON"):
        return None
    if any(t.pos_ in ("VERB", "AUX") or t.is_punct and t.text not in ".'’-" for t in phrase):
        return None
    tail = [t for t in doc[verb.i + 1 : sent.end] if not (t.is_punct or t.is_space)]
    if len(tail) > ATTRIBUTION_REACH or any(t.pos_ in ("VERB", "AUX") for t in tail):
        return None
    if _lemma(verb) not in CLAUSE_VERBS and any(t.head.i == verb.i and t.dep_ not in ("npadvmod", "advmod") for t in tail):
        # "..., she laughed off the attack": a verb that cannot report speech, with
        # words of its own after it, is not an attribution.
        return None
    heads = [t for t in phrase if not (phrase.start <= t.head.i < phrase.end) or t.head.i == t.i]
    nouns = [t for t in heads if t.pos_ in ("NOUN", "PROPN", "PRON")]
    if not nouns:
        return None
    if any(_own_attribution(t) for t in doc[sent.start : comma.i]):
        return None  # 'She replied: "...," she added': the content has its own cue
    if _fronted_scene(verb, sent.start, comma.i):
        return None  # "Weighing in on the talks, the mayor agreed.": no content
    if not any(t.pos_ in ("VERB", "AUX") or is_double_mark(t.text) for t in doc[sent.start : comma.i]):
        return None  # "In a short reply, the senator said "No" twice.": a phrase, no statement
    return (sent.start, comma.i), nouns[-1]


def _detached_that_clause(verb: Token) -> tuple[int, int] | None:
    """"said after the talks that X", "tweeted after meeting Y that X": the small
    model hangs the that-clause on the adjunct instead of the verb."""
    for token in verb.subtree:
        if token.i <= verb.i or token.lower_ != "that" or token.dep_ not in ("mark", "dobj"):
            continue
        clause = token.head
        if clause.pos_ not in ("VERB", "AUX") or not any(
            c.dep_ in ("nsubj", "nsubjpass") and c.i != token.i for c in clause.children
        ):
            continue
        adjunct = clause.head
        if (
            clause.dep_ in ("relcl", "ccomp", "acl")
            and adjunct.dep_ in ("pobj", "pcomp")
            and adjunct.head.dep_ == "prep"
            and adjunct.head.head.i == verb.i
        ):
            return token.i + 1, clause.right_edge.i + 1  # after "that"
    return None


def _parenthetical(verb: Token) -> list[tuple[int, int]] | None:
    """"Since then, he says, its income has tripled": the attribution is set off by
    commas inside the statement, which runs on both sides of it."""
    if _lemma(verb) not in SAYING_VERBS:
        return None
    doc, sent = verb.doc, verb.sent
    subject = next((c for c in verb.children if c.dep_ == "nsubj" and c.i < verb.i), None)
    if subject is None or any(t.lower_ in RELATIVE_PRONOUNS for t in subject.subtree):
        return None  # "banners, one of which read, ...": a relative clause
    before = min(t.i for t in subject.subtree) - 1
    after = verb.i + 1
    while after < sent.end and doc[after].head.i == verb.i and (
        doc[after].dep_ in ("npadvmod", "advmod") or (doc[after].dep_ in ("dobj", "dative") and doc[after].pos_ == "PRON")
    ):
        after += 1  # "he says", "she said Tuesday", "the partner told them"
    if not (sent.start < before and after < sent.end - 1):
        return None
    if doc[before].text != "," or doc[after].text != ",":
        return None
    scene = _fronted_scene(verb, sent.start, before)
    # Words of the speaker's have a verb or are the subject the quotation goes on with.
    clause_before = any(t.pos_ in ("VERB", "AUX") or t.dep_ in ("nsubj", "nsubjpass", "expl") for t in doc[sent.start : before])
    if (scene or not clause_before) and is_double_mark(doc[after + 1].text):
        # 'Asked about the plan, she said, "..."', 'But, he said, "..."': the quotation is
        # what was said; the scene or the conjunction before the attribution is the writer's.
        return [(after + 1, sent.end)]
    if after + 1 < sent.end and (
        doc[after + 1].lower_ in NARRATION_OPENERS
        or (doc[after + 1].tag_ == "VBG" and doc[after + 1].head.i == verb.i and _lemma(doc[after + 1]) not in SAYING_VERBS)
    ):
        # "X has happened, the agency said, as crews struggled", "..., the paper
        # reported, citing a source": what follows is the writer's.
        return None if scene else [(sent.start, before)]
    spans = [(sent.start, before), (after + 1, sent.end)]
    return spans if all(b > a for a, b in spans) and sum(b - a for a, b in spans) >= 3 else None


def _fronted_scene(verb: Token, start: int, end: int) -> bool:
    """Whether the words from ``start`` to ``end`` before ``verb`` hold a clause that sets
    the scene of the speaking ("Asked about X,", "When asked,", "After reciting X,",
    "Reflecting on X,", "As for X,"): a clause or a preposition with a verb that the
    parse hangs on the verb or on anything after these words."""
    doc = verb.doc
    for token in doc[start:end]:
        if start <= token.head.i < end and token.head.i != token.i:
            continue
        if token.dep_ == "advcl" and token.pos_ in ("VERB", "AUX"):
            return True
        if token.dep_ == "prep" and any(c.dep_ == "pcomp" and c.pos_ in ("VERB", "AUX") for c in token.children):
            return True
        if token.lower_ == "as" and token.i + 1 < end and doc[token.i + 1].lower_ == "for":
            return True
    return False


def _surface_subject(doc: Doc, q: QuoteSpan, cue: Token) -> Token | None:
    """'"...," the centre's director, Ana Ruiz, tweeted.' when the parse gave the verb
    no subject: the speaker is the noun phrase between the quotation and the verb, or
    right after the verb ('"...," said David Brock, a confidant of ...')."""
    if q.close_mark is None or cue.idx < q.close_mark:
        return None
    if cue.i > 0 and doc[cue.i - 1].idx < q.after_close + 2:
        # The noun phrase right after the verb ('said retired surgeon Ben Carson, ...');
        # its last noun is the name, whatever the parse hung on the verb.
        run = []
        for token in doc[cue.i + 1 : min(len(doc), cue.i + 1 + ATTRIBUTION_REACH)]:
            named = entity_of(token) is not None
            describes = token.pos_ in ("DET", "ADJ", "PROPN", "NOUN", "NUM") or token.tag_ in ("VBG", "VBN")  # "ranking", "retired"
            if token.is_punct or not (named or describes):
                break
            run.append(token)
        nouns = [t for t in run if t.pos_ in ("PROPN", "NOUN") or entity_of(t) is not None]
        following = next((c for c in cue.children if c.i > cue.i and c.dep_ in INVERTED_SUBJECT_DEPS), None)
        if following is not None and following.pos_ in ("PROPN", "NOUN", "PRON") and following not in run:
            return following
        if nouns:
            return nouns[-1]
    between = [t for t in doc[cue.i - ATTRIBUTION_REACH : cue.i] if t.idx > q.close_mark]
    if any(t.pos_ in ("VERB", "AUX") and entity_of(t) is None for t in between):
        # '"...," delegate Bill Harlow, wearing a straw hat, said': the speaker's phrase
        # ends at the comma that opens what describes them.
        comma = next((k for k, t in enumerate(between) if t.text == "," and k > 0 and between[k - 1].pos_ in ("NOUN", "PROPN")), None)
        between = between[:comma] if comma is not None else between
    between = [t for t in between if not t.is_punct]
    # A name the parse took for a verb ("Will wrote") is still a name.
    nouns = [t for t in between if t.pos_ in ("NOUN", "PROPN", "PRON") or entity_of(t) is not None]
    if not nouns or any(t.pos_ in ("VERB", "AUX") and entity_of(t) is None for t in between):
        return None
    # A name in apposition is the speaker's name; else the phrase's head.
    names = [t for t in nouns if t.dep_ == "appos"]
    return names[0] if names else min(nouns, key=lambda t: len(list(t.ancestors)))


def document_author(document: Token) -> Token | None:
    """Who wrote or published a document or data: "a tally by the monitoring group",
    "its report", "a revised death toll from the Red Crescent", "details released by the
    aviation authority", "the UN estimate"."""
    for child in document.children:
        if child.dep_ == "prep" and child.lower_ in ("by", "from", "of"):
            author = next((g for g in child.children if g.dep_ == "pobj"), None)
            if author is not None and not (child.lower_ == "of" and author.lemma_.lower() in SOURCE_DOCUMENT_NOUNS):
                return author
        if child.dep_ == "poss":
            return child
        if child.dep_ == "acl" and child.tag_ == "VBN":
            # "details released by X", "figures communicated by X"
            agent = next((c for c in child.children if c.dep_ == "agent"), None)
            author = next((g for g in agent.children if g.dep_ == "pobj"), None) if agent is not None else None
            if author is not None:
                return author
    for child in document.children:
        if child.dep_ == "compound" and child.i < document.i and entity_of(child) is not None:
            return child  # "the UN estimate", "the IEBC data"
    return None


def described_document(document: Token) -> bool:
    """"customs data", "unofficial records": a document said to be of some kind (not
    "reports", nor "updated information")."""
    return any(
        (c.dep_ == "compound" and c.pos_ == "NOUN") or (c.dep_ == "amod" and c.tag_ == "JJ")
        for c in document.children
        if c.i < document.i
    )


def _according_to(token: Token) -> tuple[Token, list[tuple[int, int]]] | None:
    """("according to X" -> X, token spans of the statement it sources)."""
    if token.lower_ != "according":
        return None
    to = next((c for c in token.children if c.lower_ == "to"), None)
    source = next((c for c in to.children if c.dep_ == "pobj"), None) if to is not None else None
    if source is None:
        return None
    lemma = source.lemma_.lower()
    if lemma in SOURCE_DOCUMENT_NOUNS | TALLY_NOUNS or source.lower_ in SOURCE_DOCUMENT_NOUNS:
        # "according to a tally by the monitoring group", "according to its report",
        # "according to a revised death toll from the Red Crescent": whoever made it.
        author = document_author(source)
        if author is None and not described_document(source) and (lemma in DATA_NOUNS or source.tag_ == "NNS"):
            # "according to reports", "according to updated information": nobody named.
            return None
        # Without an author, a document that says what it is speaks for itself
        # ("according to state law", "according to unofficial records").
        source = author or source
    spans = _clause_around(token)
    return (source, spans) if spans else None


def _sourced_document(author: Token) -> str | None:
    """The words naming the document an "according to" credits to ``author``, when the
    author stands inside it ("Federal Election Commission filings", "a 2015 Pew survey",
    "its report"): the document's phrase up to its noun, without a leading article."""
    for document in author.ancestors:
        if document.dep_ == "pobj" and document.head.lower_ == "to" and document.head.head.lower_ == "according":
            words = document.doc[document.left_edge.i : document.i + 1]
            if words[0].dep_ == "det":
                words = words[1:]
            return words.text if len(words) > 1 else None
    return None


def _clause_around(token: Token, head: Token | None = None) -> list[tuple[int, int]]:
    """Token spans of the clause (headed by ``head``, else by the phrase's head) a
    sourcing phrase ("according to X", "in X's view") stands in, without the phrase:
    "X has cost N, according to Y, and employs M" is all Y's."""
    if head is None:
        head = token.head
        # "X are missing and Y continues, according to Z": Z says both.
        while head.dep_ == "conj" and head.head.i != head.i and head.head.pos_ in ("VERB", "AUX"):
            head = head.head
    if head.i == token.i:
        return []
    # With two sources for one clause ("according to the unions, 400,000; according to
    # the ministry, 80,000"), each has what follows it.
    siblings = sorted((c for c in head.children if c.lower_ == "according" and c.dep_ == "prep"), key=lambda c: c.i)
    earlier = [c for c in siblings if c.i < token.i]
    later = [c for c in siblings if c.i > token.i]
    phrase_lo, phrase_hi = token.left_edge.i, token.right_edge.i + 1
    end = later[0].left_edge.i if later else head.right_edge.i + 1
    for child in head.children:
        # "..., while the authority puts it at N" is the authority's, not the source's.
        if child.i > phrase_hi and child.dep_ == "advcl" and any(
            m.dep_ == "mark" and m.lower_ in ("while", "whereas") for m in child.children
        ):
            end = min(end, child.left_edge.i)
    spans = [(phrase_hi, end)] if earlier else [(head.left_edge.i, phrase_lo), (phrase_hi, end)]
    return [(a, b) for a, b in spans if b - a >= 2 and not all(t.is_punct for t in head.doc[a:b])]


def _relative_cue_content(verb: Token, subject: Token | None) -> tuple[int, int] | None:
    """"..., which the minister said included X": the small model often makes the
    main clause the complement here; the content is what follows the verb."""
    if subject is None:
        return None
    start = subject.left_edge.i
    if start == 0 or verb.doc[start].lower_ not in RELATIVE_PRONOUNS and verb.doc[start - 1].lower_ not in RELATIVE_PRONOUNS:
        return None
    sent_end = verb.sent.end
    end = sent_end
    while end > verb.i + 1 and (verb.doc[end - 1].is_punct or verb.doc[end - 1].is_space):
        end -= 1
    return (verb.i + 1, end) if end > verb.i + 1 else None


def _set_off(phrase: Token) -> bool:
    """Whether the phrase ``phrase`` heads stands apart from its clause, after a comma
    or at its start and before a comma or at its end: "In her view, ...", "..., in his
    words." ("divided in their opinions of X", "who in their right mind" are not)."""
    doc, sent = phrase.doc, phrase.sent
    first, last = phrase.left_edge.i, phrase.right_edge.i
    before = first == sent.start or doc[first - 1].text in (",", "—", "–", "--", "(")
    after = last + 1 >= sent.end or doc[last + 1].text in (",", ".", "—", "–", "--", ")", ";", ":") or doc[last + 1].is_space
    return before and after


def _noun_lemma(noun: Token) -> str:
    """The lemma a statement noun is listed under; the small model sometimes leaves a
    plural as its own lemma ("remarks")."""
    lemma = noun.lemma_.lower()
    return lemma if lemma in STATEMENT_NOUNS or lemma in VIEWPOINT_NOUNS else noun.lower_


def _is_cue_noun(token: Token, quotes: _Quotes) -> bool:
    return (
        token.pos_ in ("NOUN", "PROPN")
        and _noun_lemma(token) in STATEMENT_NOUNS
        and quotes.around(token.idx) is None
    )


def _that_clause(clause: Token) -> bool:
    """A clause opened by the conjunction "that" with a subject of its own: the
    content of "the claim that the vote was rigged", not the relative clause of "the
    claim that he made"."""
    return (
        clause.pos_ in ("VERB", "AUX")
        and any(m.dep_ == "mark" and m.lower_ == "that" and m.i < clause.i for m in clause.children)
        and any(c.dep_ in ("nsubj", "nsubjpass", "expl") for c in clause.children)
    )


def _to_infinitive(clause: Token) -> bool:
    return clause.pos_ in ("VERB", "AUX") and any(a.dep_ == "aux" and a.lower_ == "to" and a.i < clause.i for a in clause.children)


def _noun_content(noun: Token) -> tuple[int, int] | None:
    """What a statement noun says: its that-clause, its to-infinitive or the object of
    the preposition its class names ("call for X", "criticism of X")."""
    argument = noun_argument(_noun_lemma(noun), NounClass.statement_noun)
    # A prepositional content follows the noun, or the "by"/"from" phrase that names
    # the speaker ("warnings from doctors about the virus"); any other phrase between
    # ("remarks on Tuesday about ...") makes it the writer's.
    next_free = noun.i + 1
    for child in noun.children:
        if child.i < noun.i:
            continue
        if child.dep_ == "prep" and child.lower_ in ("by", "from") and child.i == next_free:
            next_free = child.right_edge.i + 1
            continue
        if child.dep_ in ("acl", "ccomp", "relcl") and "that" in argument and _that_clause(child):
            start = child.left_edge.i
            return start + (noun.doc[start].lower_ == "that"), child.right_edge.i + 1
        if child.dep_ in ("acl", "relcl", "xcomp") and "infinitive" in argument and _to_infinitive(child):
            return child.left_edge.i, child.right_edge.i + 1
        if child.dep_ == "prep" and child.lower_ in argument and child.i == next_free:
            if any(g.dep_ in ("pobj", "pcomp") for g in child.children):
                return child.i + 1, child.right_edge.i + 1
    doc = noun.doc
    following = doc[noun.i + 1] if noun.i + 1 < len(doc) else None
    if following is not None:
        # "targets for Trump's claims that he is ...": the parser may hang the clause
        # right after the noun on the main verb; next to the noun, it is still its content.
        clause = following.head
        if following.lower_ == "that" and following.dep_ == "mark" and "that" in argument and clause.i > noun.i and _that_clause(clause):
            return following.i + 1, clause.right_edge.i + 1
        if following.lower_ == "to" and following.dep_ == "aux" and "infinitive" in argument and clause.i > noun.i and clause.pos_ == "VERB":
            return following.i, clause.right_edge.i + 1
    if noun.dep_ == "nsubj" and noun.head.lemma_ == "be" and "that" in argument:
        # "Her argument is that ...": the copula's clause.
        clause = next((c for c in noun.head.children if c.dep_ == "ccomp" and c.i > noun.head.i and _that_clause(c)), None)
        if clause is not None:
            start = clause.left_edge.i
            return start + (doc[start].lower_ == "that"), clause.right_edge.i + 1
    return None


def _agent_phrase(noun: Token, content: tuple[int, int]) -> Token | None:
    """The "by X" or "from X" that names who made a statement noun's statement: on the
    noun ("criticism from Democrats of the plan"), or where the parser hangs it, at
    the end of a prepositional content ("criticism of the tax by the mayor"). A clause
    keeps its own "by" ("the claim that the tariff answers dumping by exporters")."""
    doc = noun.doc
    preps = [c for c in noun.children if c.dep_ == "prep" and c.lower_ in ("by", "from")]
    if doc[content[0] - 1].dep_ == "prep":
        preps += [
            t for t in doc[content[0] : content[1]]
            if t.dep_ == "prep" and t.lower_ == "by" and t.right_edge.i == content[1] - 1 and t.head.i < t.i
        ]
    for prep in preps:
        source = next((g for g in prep.children if g.dep_ == "pobj"), None)
        if source is not None:
            return source
    return None


def _noun_source(noun: Token, content: tuple[int, int]) -> Token | None:
    """Who a statement noun's statement is by: its possessor ("Trump's call"), the
    subject of a verb that voices it ("X issued a statement that", "X renewed his call
    for"), a "by"/"from" phrase ("criticism from Democrats"), or the subject of the verb
    an "in" phrase qualifies ("X marched in the hope that"). None when nobody is named."""
    possessor = next((c for c in noun.children if c.dep_ == "poss"), None)
    voiced = noun.head if noun.dep_ == "dobj" and noun.head.pos_ in ("VERB", "AUX") else None
    voicer = _subject(voiced) if voiced is not None and _lemma(voiced) in VOICING_VERBS and not _passive(voiced) else None
    if possessor is not None and not (possessor.pos_ == "PRON" and voicer is not None):
        return possessor
    found = voicer or _agent_phrase(noun, content)
    if found is None and noun.dep_ == "pobj" and noun.head.lower_ == "in" and noun.head.dep_ == "prep":
        # "protested in the hope that ...", "asked in a request for ...": the subject
        # of the verb the phrase qualifies. ("took issue with the claim that ..." is
        # not the subject's own claim: "with" does not count.)
        verb = noun.head.head
        if verb.pos_ in ("VERB", "AUX") and not _passive(verb):
            found = _subject(verb)
    return found


class _Builder:
    def __init__(self, doc: Doc, published: dt.date | None, resolver: SpeakerResolver) -> None:
        self.doc = doc
        self.resolver = resolver
        self.text = document_text(doc)
        self.ents = list(doc.ents)
        self.published = published
        self.quotes = _Quotes(quote_spans(doc), self.text)
        self.drafts: list[_Draft] = []
        self.by_cue: dict[int, _Draft] = {}
        self.noun_candidates = _noun_candidates(doc)

    # --- character spans ------------------------------------------------------
    def _chars(self, span: tuple[int, int]) -> list[int]:
        end = span[1]
        while end - 1 > span[0] and self.doc[end - 1].is_space:
            end -= 1  # the line break that ends a paragraph is no part of a statement
        first, last = self.doc[span[0]], self.doc[end - 1]
        return [first.idx, last.idx + len(last.text)]

    def _fit_quotes(self, chars: list[int]) -> tuple[list[int], bool]:
        """Widen a content span to whole quotations; direct when it is one quotation."""
        start, end = chars
        inside = self.quotes.around(start)
        if inside is not None:
            if end <= inside.after_close:
                return [inside.start, inside.end], True
        for q in self.quotes.spans:
            close = q.after_close
            if q.open_mark < end and close > start:
                start, end = min(start, q.open_mark), max(end, close)
        return [start, end], False

    def _trim(self, chars: list[int]) -> list[int] | None:
        start, end = chars
        text = self.text
        dateline = DATELINE.match(text, start)
        if dateline is not None and dateline.end() < end:
            start = dateline.end()  # "LISBON, March 3 (Wirename) - " heads the story, not the statement
        # Punctuation is trimmed from the edges of narration, never from quoted words.
        while start < end and (text[start].isspace() or text[start] in ",;:—–-") and not self.quotes.inside(start):
            start += 1
        if text.startswith(("that ", "That "), start):
            word = self.doc.char_span(start, start + 4)
            if word is not None and word[0].dep_ == "mark" and not _determiner_that(word[0]):
                start += 5  # "said that X", not "That is wrong" or "said that account was wrong"
        while end > start and (text[end - 1].isspace() or text[end - 1] in ",;:—–-") and not self.quotes.inside(end - 1):
            end -= 1
        return [start, end] if end - start >= 2 else None

    # --- passes -----------------------------------------------------------------
    def clause_statements(self) -> None:
        doc = self.doc
        for i in _cue_candidates(doc):
            token = doc[i]
            sourced = _according_to(token)
            if sourced is not None:
                source, spans = sourced
                self._add(token, source, spans, cue_text="according to")
                continue
            if not _is_cue_verb(token, self.quotes):
                continue
            parenthetical = _parenthetical(token)
            if parenthetical is not None:
                self._add(token, _subject(token), parenthetical)
                continue
            span = _clause_content(token)
            subject = _subject(token)
            if span is None:
                inverted = _inverted_attribution(token)
                if inverted is None:
                    continue
                span, subject = inverted
            if subject is not None and span[0] <= subject.i < span[1]:
                continue
            if span[1] <= token.i:
                # 'X saw it differently: "...," he said': the clause before the colon is
                # the writer's introduction; the quotation is what was said.
                span = self._quotation_after_colon(span, token) or span
            if self._introduced_by_another(span, token):
                # '"A," X says to Y, who responds: "B."': B is Y's, whatever the parse hangs
                # it on.
                continue
            if subject is None and self._quotation_before(span, token):
                # '"...," added another delegate', '"...," delegate X, wearing a hat,
                # said': the parse lost the speaker; the quotation pass reads it.
                continue
            spans = [span]
            if span[1] <= token.i:
                span = _relative_cue_content(token, subject) or span
                spans = [span, *_trailing_absolute(token)]
            self._add(token, subject, spans)

    def viewpoint_statements(self) -> None:
        """"In the senator's view, the bill is dead": the clause around the phrase is
        the possessor's, as with "according to"."""
        for i in self.noun_candidates:
            token = self.doc[i]
            if token.dep_ != "pobj" or token.head.lower_ != "in" or _noun_lemma(token) not in VIEWPOINT_NOUNS:
                continue
            if self.quotes.around(token.idx) is not None:
                continue
            possessor = next((c for c in token.children if c.dep_ == "poss"), None)
            if possessor is None or not _set_off(token.head):
                continue
            # The clause is the verb's the phrase hangs on, or the parser hung it on
            # that verb's subject ("The plan, in her words, is a disaster").
            clause = next((a for a in token.head.ancestors if a.pos_ in ("VERB", "AUX")), None)
            if clause is None:
                continue
            spans = _clause_around(token.head, clause)
            if spans:
                self._add(token, possessor, spans, nominal=True)

    def noun_statements(self) -> None:
        """Attributions carried by a noun: "the senator's claim that the vote was
        rigged", "Trump's call for a ban", "criticism of the plan by the mayor". A noun
        with nobody whose statement it is ("calls for calm") gives nothing."""
        for i in self.noun_candidates:
            token = self.doc[i]
            if not _is_cue_noun(token, self.quotes):
                continue
            content = _noun_content(token)
            if content is None:
                continue
            source = _noun_source(token, content)
            if source is None:
                continue
            if content[0] <= source.i < content[1]:
                # "criticism of the tax by the mayor": the content ends before "by".
                content = (content[0], source.head.i if source.head.i > content[0] else source.i)
            words = [t for t in self.doc[content[0] : content[1]] if not (t.is_punct or t.pos_ == "DET")]
            if len(words) < NOMINAL_CONTENT_WORDS or all(t.pos_ == "PROPN" for t in words):
                continue  # "support for Rubio": a bare name says whom, not what
            self._add(token, source, [content], nominal=True)

    def _quotation_after_colon(self, span: tuple[int, int], cue: Token) -> tuple[int, int] | None:
        """The token span of a quotation inside ``span`` that opens after a colon and
        closes before ``cue``."""
        doc = self.doc
        start_char = doc[span[0]].idx
        for q in self.quotes.spans:
            if not (start_char < q.open_mark and q.close_mark is not None and q.after_close <= cue.idx):
                continue
            if not self.text[start_char : q.open_mark].rstrip().endswith(":"):
                continue
            quoted = doc.char_span(q.open_mark, q.after_close, alignment_mode="expand")
            if quoted is not None and span[0] < quoted.start and quoted.end <= cue.i:
                return quoted.start, quoted.end
        return None

    def _introduced_by_another(self, span: tuple[int, int], cue: Token) -> bool:
        """Whether the token ``span`` after ``cue`` is a quotation that another frame verb,
        after ``cue``, introduces."""
        first = self.doc[span[0]]
        if span[0] <= cue.i:
            return False
        q = self.quotes.around(first.idx) or (self.quotes.around(first.idx - 1) if first.i > 0 else None)
        if q is None or q.open_mark < cue.idx:
            return False
        other = self._cue_before(q)
        # A saying verb with no content of its own (not "supported by X,", "promised Y:").
        return other is not None and other.i > cue.i and _lemma(other) in SAYING_VERBS and _clause_content(other) is None

    def _quotation_before(self, span: tuple[int, int], cue: Token) -> bool:
        """Whether a quotation that closes before ``cue`` starts the token ``span``."""
        first = self.doc[span[0]]
        q = self.quotes.around(first.idx) or (self.quotes.around(first.idx - 1) if first.i > 0 else None)
        return q is not None and q.close_mark is not None and q.after_close <= cue.idx

    def _without_narration(self, span: tuple[int, int], cue: Token) -> tuple[int, int]:
        """``span`` up to where the writer's narration takes over: a trailing
        attribution to someone else (", the newspaper reports"), a trailing scene
        (", as crews struggled to ...", ", amid fears of ..."), or a contrast credited
        to another source (", while the Red Cross put the toll at 20"). Quoted words
        are never cut."""
        doc = self.doc
        start, end = span
        for token in doc[start:end]:
            if token.i <= start + 1 or self.quotes.around(token.idx) is not None:
                continue
            before = doc[token.i - 1]
            clause = token.head
            cut = None
            after_comma = token.dep_ in ("advcl", "xcomp") and (before.text == "," or _closes_with_comma(doc, before.i))
            # "..., vowing to X and suggesting Y": the second of two participles.
            coordinated = token.dep_ == "conj" and before.lower_ == "and"
            if (
                token.tag_ == "VBG"
                and (after_comma or coordinated)
                and self._participle_cue(token, reported_after=start > cue.i)
                and not any(c.dep_ == "nsubj" for c in token.children)
            ):
                # ", citing tracking data", ", adding that ...", ', stating that ...',
                # ", vowing to ...": a cue of its own (the closing mark stays with the quotation).
                cut = before.i if before.text in (",", "and") else before.i + 1
            elif token.i != cue.i and token.pos_ in ("VERB", "AUX") and _lemma(token) in SAYING_VERBS | RELAYING_VERBS:
                subject = next((c for c in token.children if c.dep_ == "nsubj" and c.i < token.i), None)
                opening = subject.left_edge.i - 1 if subject is not None else start
                if opening > start and (doc[opening].text == "," or _closes_with_comma(doc, opening)):
                    rest = doc[token.i + 1 : end]
                    if not any(t.pos_ in ("VERB", "AUX") for t in rest):
                        cut = opening + 1 if doc[opening].text != "," else opening
            elif (
                token.lower_ == "as"
                and token.dep_ == "mark"
                and before.text == ","
                and clause.i > token.i
                and token.nbor(1).dep_ in ("nsubj", "nsubjpass", "det", "poss", "compound")  # not "as many as"
            ):
                past = clause.tag_ in ("VBD", "VBG") or any(a.lower_ in ("was", "were") for a in clause.children if a.dep_ == "aux")
                if past and any(c.dep_ in ("nsubj", "nsubjpass") for c in clause.children) and clause.right_edge.i >= end - 2:
                    cut = before.i
            elif token.lower_ == "amid" and before.text in (",", "--", "—", "–"):
                cut = before.i
            elif token.lower_ in ("while", "whereas") and token.dep_ == "mark" and clause.i != cue.i:
                sourced = _clause_content(clause) is not None or _lemma(clause) in FIGURE_SOURCE_VERBS
                if sourced and any(c.dep_ == "nsubj" for c in clause.children):
                    cut = token.i - 1 if before.text == "," else token.i
            if cut is not None:
                return start, max(cut, start + 1)
        return span

    def _participle_cue(self, token: Token, reported_after: bool) -> bool:
        """Whether the participle ``token`` opens a statement of its own: a continuing
        or sourcing verb ("adding", "citing"), or, in content that follows its cue, a
        cue verb with a clause, an infinitive or a name of its own ("vowing to ...",
        "suggesting that ...", "calling it ..."). A stance on an object ("..., listing
        past disasters") stays part of the statement, and so does everything before an
        inverted cue ("X spoke to Y, highlighting Z, the ministry said" is the ministry's)."""
        lemma = _lemma(token)
        if lemma in CONTINUATION_PARTICIPLES | SOURCING_VERBS:
            return True
        if not reported_after or not _is_cue_verb(token, self.quotes):
            return False
        content = _clause_content(token)
        return content is not None and content != _object_content(token)

    def _contrast_of_another(self, span: tuple[int, int], cue: Token) -> bool:
        """Whether ``span`` (a part of a statement after its cue) is a contrast another
        source gives: '"...," she said, while the port authority said it had drawn ...'."""
        doc = self.doc
        start = span[0] + 1 if doc[span[0]].text == "," else span[0]
        if start >= span[1] or start <= cue.i or self.quotes.around(doc[start].idx) is not None:
            return False
        mark = doc[start]
        clause = mark.head
        if mark.lower_ not in ("while", "whereas") or mark.dep_ != "mark" or clause.i == cue.i:
            return False
        sourced = _clause_content(clause) is not None or _lemma(clause) in FIGURE_SOURCE_VERBS
        return sourced and any(c.dep_ == "nsubj" for c in clause.children)

    def _paragraph(self, char: int) -> tuple[int, int]:
        start = self.text.rfind("\n", 0, char) + 1
        end = self.text.find("\n", char)
        return start, len(self.text) if end == -1 else end

    def _add(
        self,
        cue: Token,
        subject: Token | None,
        spans: list[tuple[int, int]],
        cue_text: str | None = None,
        nominal: bool = False,
    ) -> None:
        segments: list[list[int]] = []
        direct = True
        # A statement never runs across a paragraph break, whatever the parse says.
        lo, hi = self._paragraph(cue.idx)
        for span in spans:
            span = self._without_narration(span, cue)
            if self._contrast_of_another(span, cue):
                continue  # '..., she said, while the authority said ...': not hers
            chars, quoted = self._fit_quotes(self._chars(span))
            chars = self._trim([max(chars[0], lo), min(chars[1], hi)])
            if chars is not None:
                segments.append(chars)
                direct = direct and quoted
        if not segments:
            return
        draft = _Draft(cue=cue, subject=subject, segments=segments, direct=direct, cue_text=cue_text or cue.text, nominal=nominal)
        self.drafts.append(draft)
        if not nominal:
            self.by_cue[cue.i] = draft

    def quotation_statements(self) -> None:
        previous: _Draft | None = None
        for q in self.quotes.spans:
            chars = self._trim([q.start, q.end])
            if chars is None:
                continue
            covered = next(
                (d for d in self.drafts if any(s <= chars[0] and chars[1] <= e for s, e in d.segments)), None
            )
            if covered is not None:
                previous = covered
                continue
            if (
                previous is not None
                and self.text[q.start : q.start + 1].islower()
                and self._same_paragraph(previous.end, q.open_mark)
                and self._only_attribution_between(previous, q)
            ):
                # '"A," X wrote in a note explaining why ..., "but b."': a quotation
                # that opens in lower case goes on with the one its cue interrupted.
                previous.segments.append(chars)
                continue
            statement = self._could_be_statement(q)
            cue = self._frame_cue(q) if statement else None
            introduced = self._colon_introduction(q) if statement and cue is None else None
            if introduced is None and statement and cue is None:
                introduced = self._signed(q)
            if introduced is not None:
                # 'Rubio fired back: "..."', 'Pollster Ann Lee: "..."', '"..." ⏎ - Ann Lee.'
                cue, subject, cue_text = introduced
                draft = _Draft(cue=cue, subject=subject, segments=[chars], direct=True, cue_text=cue_text)
                self.drafts.append(draft)
                previous = draft
                continue
            if cue is not None and self._within_attribution_of(previous, cue, q):
                # '"A," she said, pointing out where X was. "B."': the participle is part
                # of the attribution between the two parts, not a cue of its own.
                previous.segments.append(chars)
                continue
            if cue is not None:
                existing = self.by_cue.get(cue.i)
                if existing is not None and existing.direct:
                    existing.segments.append(chars)
                    existing.segments.sort()
                    previous = existing
                    continue
                subject = _subject(cue) or _surface_subject(self.doc, q, cue)
                draft = _Draft(cue=cue, subject=subject, segments=[chars], direct=True, cue_text=cue.text)
                self.drafts.append(draft)
                self.by_cue.setdefault(cue.i, draft)
                previous = draft
                continue
            if previous is not None and self._same_paragraph(previous.end, q.open_mark) and self._only_attribution_between(previous, q):
                # '"A," he said. "B."', and 'A "b," he said. "C."' with a reported part.
                previous.segments.append(chars)
                continue
            if previous is not None and previous.direct and not self._quoted_heading(q):
                if self._whole_sentences(q) and self._next_paragraph(previous.end, q.open_mark):
                    draft = _Draft(cue=None, subject=None, segments=[chars], direct=True, parent=previous)
                    self.drafts.append(draft)
                    previous = draft
                    continue
            reported = self._statement_just_before(q)
            if reported is not None:
                # 'Smith said the plan would fail. "We tried this before."': a quoted
                # sentence right after a statement, with no cue of its own, goes on with it.
                reported.segments.append(chars)
                reported.direct = False
                previous = reported
                continue
            announced = self._attribution_sentence_before(q)
            if announced is not None:
                # 'Ann Lee agreed. "..."', 'X said in a statement. "..."': an
                # attribution that says nothing itself hands over to the quotation.
                cue, subject = announced
                draft = _Draft(cue=cue, subject=subject, segments=[chars], direct=True, cue_text=cue.text)
                self.drafts.append(draft)
                self.by_cue.setdefault(cue.i, draft)
                previous = draft
                continue
            introducer = self._introducer(q) if self._whole_sentences(q) else None
            if introducer is not None:
                # An interview's quoted paragraph after "... he talks for five minutes.":
                # the person the paragraph before was about is speaking.
                draft = _Draft(cue=introducer.head, subject=introducer, segments=[chars], direct=True)
                self.drafts.append(draft)
                previous = draft

    def _statement_just_before(self, q: QuoteSpan) -> _Draft | None:
        """The statement of the sentence that ends right before ``q`` in the same
        paragraph, when ``q`` is a whole quoted sentence."""
        inner = self.text[q.start : q.end].rstrip()
        before = self.text[: q.open_mark].rstrip(" \t")
        if not inner or inner[-1] not in ".?!…" or not before or before[-1] == "\n":
            return None
        if before.rstrip("\"”’'")[-1:] not in (".", "?", "!"):
            return None
        opening = self.doc.char_span(q.open_mark, q.open_mark + 1, alignment_mode="expand")
        if opening is None or not len(opening) or opening[0].i == 0:
            return None
        sentence = self.doc[opening[0].i - 1].sent
        found = [
            d
            for d in self.drafts
            if not d.dropped
            and d.parent is None
            and d.cue is not None
            and sentence.start <= d.cue.i < sentence.end
            and sentence.start_char <= d.start
            and d.end <= sentence.end_char + 1
            and _attribution(d.cue) == Attribution.statement
        ]
        return min(found, key=lambda d: (d.cue.dep_ != "ROOT", d.start)) if found else None

    def _attribution_sentence_before(self, q: QuoteSpan) -> tuple[Token, Token] | None:
        """(cue, subject) when the sentence right before ``q``, in its paragraph, is only
        an attribution: a saying verb with a subject and nothing said ('Ann Lee
        agreed.', 'X said in a statement.'), and ``q`` is whole quoted sentences."""
        inner = self.text[q.start : q.end].rstrip()
        before = self.text[: q.open_mark].rstrip(" \t")
        if not inner or inner[-1] not in ".?!…" or not before or before[-1] != ".":
            return None
        opening = self.doc.char_span(q.open_mark, q.open_mark + 1, alignment_mode="expand")
        if opening is None or not len(opening) or opening[0].i == 0:
            return None
        sentence = self.doc[opening[0].i - 1].sent
        if any(self.quotes.around(t.idx) is not None for t in sentence):
            return None
        verb = sentence.root
        if verb.pos_ != "VERB" or _lemma(verb) not in SAYING_VERBS:
            return None
        if any(c.dep_ in ("dobj", "ccomp", "xcomp", "attr", "oprd", "acomp") for c in verb.children):
            return None  # 'He said nothing.', 'She agreed to run.': not a hand-over
        if _clause_content(verb) is not None:
            return None
        subject = _subject(verb)
        if subject is None or subject.dep_ != "nsubj" or not (sentence.start <= subject.i < verb.i):
            return None
        return verb, subject

    def _signed(self, q: QuoteSpan) -> tuple[Token, Token, str] | None:
        """(cue, subject, cue text) of a quoted paragraph signed on the next line by a person: '"..."
        ⏎ - Ann Lee.' or '—Ann Lee, tweeting after the speech.' (the name before any comma)."""
        if not self._whole_sentences(q) or q.close_mark is None:
            return None
        rest = self.text[q.after_close :]
        if rest[: rest.find("\n") if "\n" in rest else len(rest)].strip():
            return None  # the paragraph goes on after the quotation
        match = SIGNATURE_LINE.match(rest)
        if match is None:
            return None
        start, end = q.after_close + match.start("name"), q.after_close + match.end("name")
        end -= self.text[start:end].endswith(".")  # "- Sanders."
        name = self.doc.char_span(start, end, alignment_mode="expand")
        if name is None or not len(name):
            return None
        entity = entity_of(name[-1])
        if entity is None or entity.kind != "person":
            return None  # the line is a person's name, not "Getty Images." or a heading
        own = [t for t in name if entity_of(t) is entity]
        if name[-1].i - own[0].i + 1 != len(own):
            return None  # a title may come before the name, nothing else in it
        return name[-1], name[-1], "—"

    def _colon_introduction(self, q: QuoteSpan) -> tuple[Token, Token, str] | None:
        """(cue, subject, cue text) of a quotation a colon introduces: a clause whose subject is
        the speaker ('Rubio fired back forcefully: "..."', 'She went on:' ending the
        paragraph before), or a bare name ('Pollster Ann Lee: "..."', 'Analysis - Ann
        Lee (Gallup): "..."'). The words before the colon hold no quotation."""
        before = self.text[: q.open_mark].rstrip()
        if not before.endswith(":"):
            return None
        span = self.doc.char_span(len(before) - 1, len(before), alignment_mode="expand")
        if span is None or not len(span) or span[-1].text != ":":
            return None
        colon = span[-1]
        start = colon.sent.start
        for token in self.doc[colon.sent.start : colon.i]:
            if token.text in ("-", "–", "—") and token.whitespace_:
                start = token.i + 1  # "Headline in capitals - Ann Lee:"
        words = self.doc[start : colon.i]
        if not len(words) or any(self.quotes.around(t.idx) is not None for t in words):
            return None
        verbs = [t for t in words if t.pos_ in ("VERB", "AUX")]
        if not verbs:
            last = words[-1]
            if last.text == ")":  # "Rep. Ann Lee (D-Vt.):"
                opening = next((t for t in reversed(words) if t.text == "("), None)
                last = self.doc[opening.i - 1] if opening is not None and opening.i > start else last
            entity = entity_of(last)
            named = not any(t.pos_ == "ADP" for t in words)  # not "Then, on CNN:"
            if named and len(words) <= 2 * SHORT_QUOTE and entity is not None and entity.kind in ("person", "organization"):
                return last, last, ":"
            return None
        # The last speech verb speaks ("..., where the chief announced:"); else the
        # clause's own verb ("Rubio fired back forcefully:").
        speech = [v for v in reversed(verbs) if _lemma(v) in CLAUSE_VERBS]
        own = [v for v in verbs if not (start <= v.head.i < colon.i and v.head.i != v.i)]
        for verb in speech + own:
            subject = _subject(verb)
            if subject is not None and start <= subject.i < verb.i and subject.dep_ == "nsubj":
                return verb, subject, verb.text
        return None

    def _introducer(self, q: QuoteSpan) -> Token | None:
        """The person subject of the last sentence of the paragraph before ``q``."""
        line_start = self.text.rfind("\n", 0, q.open_mark) + 1
        before = self.text[:line_start].rstrip()
        if not before:
            return None
        last = self.doc.char_span(len(before) - 1, len(before), alignment_mode="expand")
        if last is None:
            return None
        # The last person the sentence has as a subject: "When I ask her, she talks ...".
        for subject in reversed([t for t in last[0].sent if t.dep_ in ("nsubj", "nsubjpass")]):
            if self.quotes.around(subject.idx) is not None:
                continue
            entity = entity_of(subject)
            if subject.lower_ in ("he", "she") or (entity is not None and entity.kind == "person"):
                return subject
        return None

    def transcript_statements(self) -> None:
        """Interview transcripts: "Name: answer" paragraphs are the named person's."""
        for match in TRANSCRIPT_LINE.finditer(self.text):
            name = self.doc.char_span(match.start("name"), match.end("name"), alignment_mode="expand")
            if name is None:
                continue
            entity = entity_of(name[-1])
            # "ROSS: ...": transcripts write speakers in capitals, which the model does
            # not read as names; the article names them elsewhere.
            resolved = self.resolver.person_named(name.text) if name.text.isupper() else None
            if resolved is None and (entity is None or entity.kind != "person"):
                continue
            answer = self.doc.char_span(match.start("answer"), match.end("answer"), alignment_mode="expand")
            if answer is None or not (any(t.pos_ in ("VERB", "AUX") for t in answer) or answer.text.rstrip().endswith("?")):
                continue  # "Lee: 547.", "Lee: A closing surge.": a tally or a heading, nothing said
            chars = self._trim([match.start("answer"), match.end("answer")])
            if chars is not None:
                self.drafts.append(_Draft(cue=name[-1], subject=name[-1], segments=[chars], direct=True, resolved=resolved))

    def stripped_continuations(self) -> None:
        """A feed that dropped every quotation mark: a first-person sentence right after
        an attribution ("..., she said. We need help.") goes on with the statement."""
        if self.quotes.spans:
            return
        for draft in self.drafts:
            if draft.cue is None or draft.cue.i < self.doc.char_span(*draft.segments[-1], alignment_mode="expand")[-1].i:
                continue
            sent = draft.cue.sent
            if sent.end >= len(self.doc) or "\n" in self.doc[sent.end - 1].text_with_ws:
                continue
            following = self.doc[sent.end].sent
            words = {t.lower_ for t in following}
            if words & FIRST_SECOND_PERSON and not any(_is_cue_verb(t, self.quotes) for t in following):
                chars = self._trim([following.start_char, following.end_char])
                if chars is not None:
                    draft.segments.append(chars)

    def _could_be_statement(self, q: QuoteSpan) -> bool:
        """A quoted name or scare quote ("a so-called "security belt"") says nothing:
        a statement has a verb or is a sentence's worth of words."""
        if self.text[max(0, q.open_mark - 11) : q.open_mark].lower().rstrip().endswith("so-called"):
            return False
        span = self.doc.char_span(q.start, q.end, alignment_mode="expand")
        if span is None:
            return False
        words = [t for t in span if not (t.is_punct or t.is_space)]
        if len(words) >= SHORT_QUOTE or any(t.pos_ in ("VERB", "AUX") for t in words):
            return True
        # '"Safety," said Grimm', '"Absolutely not," he said': a short quotation handed
        # over to its speaker is said, unless a phrase of the narration binds it
        # ('mangling of "Hamas," he found').
        last = self.text[q.start : q.end].rstrip()[-1:]
        if last in (".", "?", "!", "…"):
            # 'Wallace then asked, "With nukes?"', 'protesters chanting "Dump Trump."': a
            # short utterance a saying verb introduces.
            # Not a title set beside a noun ('in her memoir, "Tough Choices."') nor a
            # phrase that goes on with the narration's sentence ('a negotiator, "like you."').
            titled = span.root.dep_ == "appos" or not self.text[q.start : q.start + 1].isupper() or self._beside_a_noun(q)
            cue = None if titled else self._cue_before(q)
            if cue is not None and _lemma(cue) in SAYING_VERBS:
                return True
        handed_over = last in (",", "?", "!")
        if not handed_over or not self._opens_after_punctuation(q):
            return False  # 'host of MSNBC's "Morning Joe," suggested': a title
        after = self.doc.char_span(q.after_close, len(self.text), alignment_mode="expand")
        if after is not None and len(after) > 0 and _is_frame_verb(after[0], self.quotes):
            return True
        cue = self._cue_after(q)
        if cue is None or _lemma(cue) not in SAYING_VERBS:
            return False
        # Only a speaker stands between: '"Denver," he answered', not '"The Apprentice,"
        # who went on to ... said' (a title inside an apposition).
        between = [t for t in self.doc[cue.i - ATTRIBUTION_REACH : cue.i] if t.idx >= q.after_close]
        return not any(t.pos_ in ("VERB", "AUX") or t.lower_ in RELATIVE_PRONOUNS for t in between)

    def _beside_a_noun(self, q: QuoteSpan) -> bool:
        """Whether ``q`` follows a comma after the object of a preposition ('wrote in her
        memoir, "..."'): a name set beside that noun."""
        opening = self.doc.char_span(q.open_mark, q.open_mark + 1, alignment_mode="expand")
        if opening is None or opening[0].i < 2:
            return False
        comma, noun = self.doc[opening[0].i - 1], self.doc[opening[0].i - 2]
        return comma.text == "," and noun.pos_ in ("NOUN", "PROPN") and noun.dep_ == "pobj"

    def _frame_cue(self, q: QuoteSpan) -> Token | None:
        return self._cue_after(q) or self._cue_before(q)

    def _cue_after(self, q: QuoteSpan) -> Token | None:
        """The frame verb of an attribution right after ``q`` ('"...," she said')."""
        doc = self.doc
        if q.close_mark is not None:
            after = doc.char_span(q.after_close, len(self.text), alignment_mode="expand")
            inner_end = self.text[q.start : q.end].rstrip()
            continues = inner_end[-1:] in (",", "?", "!", "—", "-", "…")
            if after is not None and len(after):
                first = after[0]
                while first.is_space and "\n" not in first.text and first.i + 1 < len(doc):
                    first = doc[first.i + 1]
                sent = first.sent
                for token in doc[first.i : min(sent.end, first.i + INTERRUPTION_REACH)]:
                    if self.quotes.around(token.idx) is not None or "\n" in token.text:
                        break
                    if token.i - first.i >= ATTRIBUTION_REACH and token.dep_ != "ROOT":
                        # Past a speaker's long description ('"...," delegate X, wearing
                        # a hat and pins, said'), only the sentence's own verb attributes.
                        continue
                    if _is_frame_verb(token, self.quotes):
                        if not continues and (_lemma(token) not in CLAUSE_VERBS or _parenthetical(token) is not None):
                            # '"... 2008." Chatwal also pleaded to ...', '"...." Next, he
                            # said, ...': a new sentence with an attribution of its own.
                            break
                        has_own_content = _clause_content(token) is not None and not continues
                        # After a quotation closed by a full stop, "X has asked Y for help"
                        # starts a new sentence rather than attributing the quotation.
                        new_request = not continues and _lemma(token) in OBJECT_CONTROL_VERBS
                        if not (has_own_content or new_request):
                            return token
                        break
        return None

    def _cue_before(self, q: QuoteSpan) -> Token | None:
        """The frame verb of an attribution before ``q`` ('she said: "..."')."""
        doc = self.doc
        opening = doc.char_span(q.open_mark, q.open_mark + 1, alignment_mode="expand")
        if opening is None or not len(opening):
            return None
        sent = opening[0].sent
        for token in reversed(doc[sent.start : opening[0].i]):
            if self.quotes.around(token.idx) is not None or "\n" in token.text:
                break
            if token.text in ("-", "–", "—") and token.whitespace_ and token.i > 0 and doc[token.i - 1].whitespace_:
                break  # "Pollsters agree - Ann Lee:": a headline before the dash
            if _is_frame_verb(token, self.quotes) and _subject(token) is not None:
                return token if self._introduces(token, q) else None
        return None

    def _introduces(self, cue: Token, q: QuoteSpan) -> bool:
        """Whether ``cue``, standing before ``q``, attributes it. The parse may hang the
        quotation on the cue ('said on Tuesday: "..."'), or the quotation may open
        after punctuation that ends the cue's clause; a quotation that a word of the
        narration binds into its own phrase ('told X in what the agency describes as a
        "careful discussion"') is the writer's words, not the speaker's."""
        if self._opens_after_punctuation(q):
            return True
        inner = self.doc.char_span(q.start, q.end, alignment_mode="expand")
        if inner is None or not len(inner):
            return False
        token = inner.root
        if token.dep_ in ("pobj", "pcomp") and token.head.lower_ != "of":
            return False  # 'said on "Meet the Press"': a title the narration names
        while token.head.i != token.i:
            token = token.head
            if token.i == cue.i:
                return True
            if token.pos_ in ("VERB", "AUX") or token.dep_ in ("relcl", "acl", "advcl", "csubj"):
                return False
        return False

    def _opens_after_punctuation(self, q: QuoteSpan) -> bool:
        """Whether the last thing before ``q``'s opening mark is punctuation (or the
        start of the paragraph): the quotation is not part of a phrase of the narration."""
        before = self.text[: q.open_mark].rstrip(" \t")
        return not before or before[-1] == "\n" or not before[-1].isalnum()

    def _same_paragraph(self, a: int, b: int) -> bool:
        return "\n" not in self.text[a:b]

    def _next_paragraph(self, a: int, b: int) -> bool:
        """``b`` opens the paragraph right after the one holding ``a``."""
        gap = self.text[a:b]
        first, last = gap.find("\n"), gap.rfind("\n")
        return first != -1 and gap[first:last].strip() == "" and gap[last:].strip() == ""

    def _within_attribution_of(self, previous: _Draft | None, cue: Token, q: QuoteSpan) -> bool:
        """Whether ``cue`` stands in the attribution of ``previous``'s quotation, in the
        sentence of its cue, between it and ``q``."""
        if previous is None or previous.cue is None or previous.parent is not None or not previous.direct:
            return False
        if cue.i == previous.cue.i or cue.sent.start != previous.cue.sent.start or cue.i < previous.cue.i:
            return False
        if any(c.dep_ in ("nsubj", "nsubjpass") for c in cue.children):
            return False  # '..., who responds: "..."': someone else speaks
        if _lemma(cue) in CONTINUATION_PARTICIPLES:
            return False  # '..., adding, "..."' is a statement of its own
        return self._same_paragraph(previous.end, q.open_mark) and self._only_attribution_between(previous, q)

    def _only_attribution_between(self, previous: _Draft, q: QuoteSpan) -> bool:
        """True for ``"A," he said. "B."``: the cue's clause between, and the second
        quotation opening after it ends, not inside a phrase of the narration ('..., he
        told X in what the agency calls a "..."' is someone else's words)."""
        cue = previous.cue if previous.parent is None else None
        if cue is None or not (previous.end <= cue.idx < q.open_mark):
            return False
        if len(self.text[previous.end : q.open_mark].split()) > INTERRUPTION_REACH:
            return False
        # The cue's sentence runs up to the second quotation: no other sentence between.
        sentence_end = cue.sent.end_char
        if sentence_end < q.open_mark and self.text[sentence_end : q.open_mark].strip():
            return False
        return self._opens_after_punctuation(q)

    def _quoted_heading(self, q: QuoteSpan) -> bool:
        """A paragraph that is nothing but a quotation in single marks, in an article
        whose quotations are in double marks: a subheading that quotes the section
        below it ("'A hard choice.'"), not the next words of the last speaker. (Where
        single marks are the convention, as in British papers, it may be either.)"""
        if self.text[q.open_mark] not in SINGLE_MARKS or self.text.startswith(DOUBLED_APOSTROPHE, q.open_mark):
            return False
        paragraph_start, paragraph_end = self._paragraph(q.open_mark)
        if self.text[paragraph_start : q.open_mark].strip() or self.text[q.after_close : paragraph_end].strip():
            return False
        marks = [self.text[s.open_mark] for s in self.quotes.spans]
        return sum(m not in SINGLE_MARKS for m in marks) > sum(m in SINGLE_MARKS for m in marks)

    def _whole_sentences(self, q: QuoteSpan) -> bool:
        inner = self.text[q.start : q.end].rstrip()
        if not inner or inner[-1] not in ".?!…":
            return False
        line_start = self.text.rfind("\n", 0, q.open_mark) + 1
        return self.text[line_start : q.open_mark].strip() == ""

    def resolve_nesting(self) -> None:
        """One statement inside another's content: keep the outer one, unless the
        outer verb only relays ("X said Y, the newspaper reports")."""
        live = [d for d in self.drafts if not d.dropped and d.cue is not None]
        for outer in live:
            for inner in live:
                if inner is outer or inner.dropped or outer.dropped:
                    continue
                if not (outer.start <= inner.cue.idx < outer.end):
                    continue
                if inner.nominal or outer.nominal:
                    # A noun's statement inside another statement ("X criticised Y's
                    # plan to ..."), or one inside a noun's, is part of the outer one;
                    # no relative clause is cut for it, no relaying verb gives way.
                    inner.dropped = True
                    continue
                if not any(s <= inner.cue.idx < e for s, e in outer.segments):
                    # In the attribution between the parts of a quotation: '"A," she
                    # said, adding that B, "C."' holds a statement of its own; ', according
                    # to X,' or ', referring to Y,' do not.
                    own_subject = any(c.dep_ in ("nsubj", "nsubjpass") for c in inner.cue.children)
                    reported = _lemma(inner.cue) in CLAUSE_VERBS and _complement_clauses(inner.cue) is not None
                    if inner.cue_text == "according to" or not (own_subject or reported):
                        inner.dropped = True
                    continue
                if (
                    inner.cue_text == "according to"
                    and inner.cue.head.i == outer.cue.i
                    and _lemma(outer.cue) in COMMITMENT_VERBS
                ):
                    # "the two sides agreed to X, according to Y": Y is who says they did.
                    outer.dropped = True
                    continue
                clause = _relative_clause(inner.cue, outer.cue)
                if clause is not None:
                    self._cut_before(outer, clause)
                    continue
                citing = _citing(inner.cue)
                if citing is not None and citing.dep_ in ("advcl", "conj", "xcomp") and citing.i > outer.cue.i:
                    # "X said A, citing Y as saying B": B is Y's, A stays X's.
                    self._cut_before(outer, citing)
                    continue
                if self._next_act_of_speaker(inner, outer):
                    # "X said the plan did not work, and accused Y of ...": the speaker
                    # goes on to a second speech act; each is a statement of its own.
                    self._cut_at_cue(outer, inner.cue)
                    inner.subject = outer.subject
                    continue
                if self._quoted_continuation(inner, outer):
                    # 'X said A and added, "B."', 'X did A, saying, "B."': the quotation
                    # is a statement of its own, and no part of A.
                    self._cut_at_cue(outer, inner.cue)
                    inner.subject = outer.subject
                    continue
                said_inside = inner.cue.pos_ not in ("VERB", "AUX") or _lemma(inner.cue) in SPEECH_VERBS
                # "According to media reports, he suggested Y": the one who said it speaks
                # ("according to X, data showed Y" stays X's: data say nothing themselves).
                relayed = outer.cue_text == "according to" and any(
                    c.dep_ == "nsubj" and c.lower_ not in RELATIVE_PRONOUNS and not {_lemma(c), c.lower_} & SOURCE_DOCUMENT_NOUNS
                    for c in inner.cue.children
                )
                if outer.cue is not None and ((_lemma(outer.cue) in RELAYING_VERBS and said_inside) or relayed):
                    # "X said Y, the paper reports": X's statement, relayed. A belief or a
                    # stance inside a report ("a sign that Russia plans ...") stays the report's.
                    outer.dropped = True
                else:
                    inner.dropped = True

    def one_statement_per_span(self) -> None:
        """Two cues found for the same words ('"X," she replied ... she added'; "Y said
        X, the paper reports") make one statement: a relaying cue gives way, else the
        first found stands."""
        kept: dict[tuple[tuple[int, int], ...], _Draft] = {}
        for draft in self.drafts:
            if draft.dropped:
                continue
            span = tuple((s, e) for s, e in sorted(draft.segments))
            other = kept.get(span)
            if other is None:
                kept[span] = draft
            elif other.cue is not None and _lemma(other.cue) in RELAYING_VERBS:
                other.dropped = True
                kept[span] = draft
            else:
                draft.dropped = True

    def _next_act_of_speaker(self, inner: _Draft, outer: _Draft) -> bool:
        """Whether ``inner``'s cue, a verb with no subject of its own coordinated inside
        ``outer``'s reported clause, is the speaker's next act rather than the reported
        subject's: its tense is the cue's and not the clause's ("X said Y would win and
        predicted ...", "X said Y did not know and accused ...")."""
        cue, head = inner.cue, inner.cue.head
        if cue.pos_ != "VERB" or cue.dep_ != "conj" or outer.cue is None or outer.subject is None:
            return False
        if any(c.dep_ in ("nsubj", "nsubjpass") for c in cue.children) or _lemma(cue) not in CUE_VERBS:
            return False
        if cue.tag_ not in ("VBD", "VBZ") or cue.tag_ != outer.cue.tag_ or head.i == outer.cue.i:
            return False
        if not (outer.start <= head.idx < outer.end) or not any(a.i == outer.cue.i for a in head.ancestors):
            return False
        return head.tag_ != cue.tag_ or any(c.dep_ == "aux" for c in head.children)

    def _quoted_continuation(self, inner: _Draft, outer: _Draft) -> bool:
        """Whether ``inner`` is a quotation the speaker of ``outer`` goes on to say
        with a cue of its own inside ``outer``'s content ("and added, "..."", ",
        saying, "...""), not a statement by someone ``outer`` reports on."""
        if not inner.direct or inner.parent is not None or inner.cue.pos_ not in ("VERB", "AUX"):
            return False
        if _lemma(inner.cue) not in SAYING_VERBS or inner.cue.dep_ not in ("conj", "advcl"):
            return False
        if any(c.dep_ == "nsubj" for c in inner.cue.children) or outer.subject is None:
            return False
        subject = _subject(inner.cue)
        if subject is not None and subject.i == outer.subject.i:
            return True
        doc = self.doc
        cue = inner.cue
        if cue.tag_ == "VBG" and _lemma(cue) in CONTINUATION_PARTICIPLES and cue.i >= 2:
            # '"A," adding, "B."': after a quotation, the participle is the speaker's,
            # whatever the parse hung it on inside the quotation.
            before = doc[cue.i - 1] if doc[cue.i - 1].text != "," else doc[cue.i - 2]
            closing = self.quotes.around(before.idx)
            if closing is not None and closing.close_mark == before.idx:
                return True
        # "X said the budget was tight and added, "..."": the parse may hang "added" on
        # the reported clause instead of on "said"; the one who said goes on.
        head = inner.cue.head
        return inner.cue.dep_ == "conj" and head.dep_ == "ccomp" and head.head.i == outer.cue.i and _lemma(outer.cue) in SAYING_VERBS

    def _cut_at_cue(self, draft: _Draft, cue: Token) -> None:
        """End ``draft``'s segment that holds ``cue`` before the cue's clause (and the
        comma or coordinator that joins it)."""
        doc = self.doc
        first = cue.i
        while first > 0 and (doc[first - 1].is_punct or doc[first - 1].lower_ in ("and", "but", "while", "then", "also")):
            first -= 1
        for k, (start, end) in enumerate(draft.segments):
            if start <= cue.idx < end:
                trimmed = self._trim([start, doc[first].idx]) if doc[first].idx > start else None
                if trimmed is not None and len(self.text[trimmed[0] : trimmed[1]].split()) >= 3:
                    fitted, quoted = self._fit_quotes(trimmed)
                    if quoted and len(draft.segments) == 1:
                        # What is left is one quotation: 'stated, "A," adding, "B."'.
                        trimmed, draft.direct = fitted, True
                    draft.segments[k : k + 1] = [trimmed]
                    del draft.segments[k + 1 :]
                else:
                    del draft.segments[k:]
                draft.dropped = not draft.segments
                return

    def _cut_before(self, draft: _Draft, clause: Token) -> None:
        """End ``draft`` before a relative clause that runs to its end."""
        start = clause.left_edge.idx
        last = draft.segments[-1]
        if last[0] < start and clause.right_edge.idx + len(clause.right_edge.text) >= last[1] - 1:
            trimmed = self._trim([last[0], start])
            if trimmed is not None:
                draft.segments[-1] = trimmed

    # --- speakers and dates ---------------------------------------------------------
    def statements(self) -> list[Statement]:
        resolver = self.resolver
        out: list[Statement] = []
        current: list[Token | None] = []  # the cue of each statement reported as current
        for draft in sorted((d for d in self.drafts if not d.dropped), key=lambda d: d.start):
            if draft.parent is not None:
                draft.resolved = draft.parent.resolved
                cue_token = draft.parent.cue
            else:
                cue_token = draft.cue
                if draft.resolved is None and draft.subject is not None and cue_token is not None:
                    subject = self._speaker_outside_quotation(draft)
                    if subject is None:
                        continue
                    draft.resolved = resolver.resolve(subject, cue_token)
            if draft.resolved is None:
                continue
            speaker = draft.resolved.speaker
            if draft.nominal and draft.subject is not None:
                # "Trump's call": the article names the speaker "Trump's".
                case = next((c for c in draft.subject.children if c.dep_ == "case" and c.i == draft.subject.i + 1), None)
                if draft.subject.dep_ == "poss" and case is not None and speaker.mention:
                    speaker = speaker.model_copy(update={"mention": speaker.mention + case.text})
            elif draft.cue_text == "according to" and draft.subject is not None and speaker.mention:
                document = _sourced_document(draft.subject)
                if document is not None:
                    # "according to Federal Election Commission filings": the commission
                    # speaks, and the article names it through its filings.
                    speaker = speaker.model_copy(update={"mention": document})
            elif draft.parent is None and cue_token is not None:
                relative = _relative_subject(cue_token)
                if relative is not None:
                    # "X, who said ...": the clause names its speaker "who".
                    speaker = speaker.model_copy(update={"mention": relative.text})
            segments = self._final_comma_dropped(sorted(draft.segments))
            first_sent = self.doc.char_span(segments[0][0], segments[0][1], alignment_mode="expand")
            last_sent = self.doc.char_span(segments[-1][0], segments[-1][1], alignment_mode="expand")
            sentence_start = first_sent[0].sent.start_char if first_sent is not None else segments[0][0]
            sentence_end = last_sent[-1].sent.end_char if last_sent is not None else segments[-1][1]
            if draft.parent is None and cue_token is not None:
                sentence_start = min(sentence_start, cue_token.sent.start_char)
                sentence_end = max(sentence_end, cue_token.sent.end_char)
            date, source, segments = self._date(cue_token, segments)
            current.append(cue_token if draft.parent is None and self._reported_as_current(cue_token, segments, draft.direct) else None)
            out.append(
                Statement(
                    segments=segments,
                    text=SEGMENT_JOINER.join(self.text[s:e] for s, e in segments),
                    sentence_start=sentence_start,
                    sentence_end=sentence_end,
                    speaker=speaker,
                    cue=None if draft.parent is not None else draft.cue_text,
                    direct=draft.direct,
                    attribution=Attribution.nominal if draft.nominal else _attribution(cue_token),
                    date=date,
                    date_source=source,
                )
            )
        out = self._same_occasion_dates(out)
        return [s if cue is None else self._article_dated(s, cue) for s, cue in zip(out, current, strict=True)]

    def _speaker_outside_quotation(self, draft: _Draft) -> Token | None:
        """``draft``'s subject, unless it stands inside the quoted words it is to have
        said ('"... #Hamburg," tweeted a user from Bremen': the parse took a word of the
        quotation for the subject); then the speaker the attribution names after the
        quotation, or None."""
        subject = draft.subject
        if subject is None or draft.cue is None or not draft.direct:
            return subject
        if not any(s <= subject.idx < e for s, e in draft.segments):
            return subject
        q = self.quotes.around(subject.idx)
        if q is None:
            return None
        if draft.cue.idx < q.open_mark:
            # 'X spoke, telling the crowd, "Some people ..."': the clause the cue hangs
            # on has the speaker.
            found = next((f for a in draft.cue.ancestors if (f := _subject(a)) is not None), None)
        else:
            found = _surface_subject(self.doc, q, draft.cue)
        if found is None or self.quotes.around(found.idx) is not None:
            return None
        return found

    def _final_comma_dropped(self, segments: list[list[int]]) -> tuple[tuple[int, int], ...]:
        """The segments as spans, the last without a closing comma: '"We are ready," she
        said' ends with the comma that hands over to the attribution, which is not the
        speaker's. Commas between parts stay, so a reader sees where a part stopped."""
        spans = [(s, e) for s, e in segments]
        s, e = spans[-1]
        if e - s > 2 and self.text[e - 1] == ",":
            spans[-1] = (s, e - 1)
        return tuple(spans)

    def _same_occasion_dates(self, found: list[Statement]) -> list[Statement]:
        """A statement with no date words of its own, by the speaker of a dated statement
        in the same or the paragraph before, was made on that occasion ("Biden said on
        Tuesday ... "...," Biden said."). Words such as "earlier" or "last week" break it."""
        out: list[Statement] = []
        last_dated: dict[str, tuple[int, dt.date]] = {}
        for statement in found:
            name = statement.speaker.name if statement.speaker is not None else None
            paragraph = self.text.count("\n\n", 0, statement.sentence_start)
            if statement.date is None and name in last_dated:
                where, date = last_dated[name]
                if paragraph - where <= 1 and not self._dated_elsewhere(statement):
                    statement = replace(statement, date=date, date_source=DateSource.context)
            if statement.date is not None and name is not None:
                last_dated[name] = (paragraph, statement.date)
            out.append(statement)
        return out

    def _dated_elsewhere(self, statement: Statement) -> bool:
        sentence = self.text[statement.sentence_start : statement.sentence_end]
        return bool(OTHER_OCCASION.search(sentence)) or any(
            ent.label_ in ("DATE", "TIME") and statement.sentence_start <= ent.start_char < statement.sentence_end
            for ent in self.ents
        )

    def _date(
        self, cue: Token | None, segments: tuple[tuple[int, int], ...]
    ) -> tuple[dt.date | None, DateSource | None, tuple[tuple[int, int], ...]]:
        """The day the statement was made, where the date comes from, and the segments
        less a date the parser put at the head of the content ("said on Tuesday the
        port is open": the day is the saying's, not the port's)."""
        if cue is None:
            return None, None, segments
        date = self._date_on(cue, segments)
        if date is not None:
            return date, DateSource.text, segments
        leading = self._leading_date(cue, segments)
        if leading is not None:
            date, content_start = leading
            first = (content_start, segments[0][1])
            return date, DateSource.text, (first, *segments[1:])
        date = self._status_date(segments)
        if date is not None:
            return date, DateSource.text, segments
        # "said on Saturday, adding that ...", "held a news conference on Monday and said
        # ...": the speech act this cue continues names the day.
        head = _continued_act(cue)
        if head is not None:
            date = self._date_on(head, segments)
            if date is not None:
                return date, DateSource.context, segments
        return None, None, segments

    def _date_on(self, cue: Token, segments: tuple[tuple[int, int], ...]) -> dt.date | None:
        """A date phrase outside the content that modifies the cue itself."""
        sent = cue.sent
        for ent in self.ents:
            if ent.label_ != "DATE" or ent.start < sent.start or ent.end > sent.end:
                continue
            if any(s <= ent.start_char < e for s, e in segments) or self.quotes.around(ent.start_char):
                continue
            if not _attached_to(ent.root, cue):
                continue
            resolved = resolve_date(ent.text, self.published)
            if resolved is not None:
                return resolved
        return None

    def _leading_date(self, cue: Token, segments: tuple[tuple[int, int], ...]) -> tuple[dt.date, int] | None:
        """"said on Wednesday everything must be done": a date right after the cue that
        the parser hung on the content. News style puts the day of saying there; a date
        of the content follows its subject ("said everything must be done on Wednesday")."""
        start = segments[0][0]
        if cue.idx > start or self.quotes.around(start) is not None:
            return None
        between = self.text[cue.idx + len(cue.text) : start]
        if between.strip(" ,") not in ("", "on"):
            return None
        for ent in self.ents:
            if ent.label_ != "DATE" or ent.start_char < start:
                continue
            if ent.start_char > start + 3 or self.text[start : ent.start_char].strip() not in ("", "on"):
                break
            resolved = resolve_date(ent.text, self.published)
            if resolved is None:
                return None
            after = ent.end_char
            while after < segments[0][1] and self.text[after] in " ,":
                after += 1
            return (resolved, after) if segments[0][1] - after >= 2 else None
        return None

    def _status_date(self, segments: tuple[tuple[int, int], ...]) -> dt.date | None:
        """"said that as of Thursday morning no one had been found": a status given as
        of the article's own day was given that day (one given as of an earlier day
        could have been given any day since)."""
        if self.published is None:
            return None
        for ent in self.ents:
            if ent.label_ not in ("DATE", "TIME") or not any(s <= ent.start_char < e for s, e in segments):
                continue
            if not re.search(r"\bas (?:of|at)\s*$", self.text[max(0, ent.start_char - 8) : ent.start_char], re.IGNORECASE):
                continue
            if resolve_date(ent.text, self.published) == self.published:
                return self.published
        return None

    def _reported_as_current(self, cue: Token | None, segments: tuple[tuple[int, int], ...], direct: bool) -> bool:
        """Whether the report presents the statement as current: a present-tense cue ("X
        says"), reported words in the present or present perfect where a report of an
        older statement would shift them back ("X said the service has been called",
        not "... had been called"), or quoted words the speaker dates "today"."""
        if cue is None or self.published is None:
            return False
        if cue.tag_ in ("VBZ", "VBP") and not any(c.dep_ == "aux" for c in cue.children):
            return True
        if any(c.dep_ == "aux" and c.lower_ in ("has", "have", "had", "did", "was", "were") for c in cue.children):
            return False  # "has said" is any time up to now
        if direct:
            return any(SPEECH_DAY.search(self.text[s:e]) for s, e in segments)
        content = self.doc.char_span(segments[0][0], segments[0][1], alignment_mode="expand")
        if content is None:
            return False
        verb = content.root
        if verb.pos_ not in ("VERB", "AUX"):
            return False
        tenses = [verb, *(c for c in verb.children if c.dep_ in ("aux", "auxpass"))]
        return any(t.tag_ in ("VBZ", "VBP") or t.lower_ in PRESENT_MODALS for t in tenses) and not any(
            t.tag_ == "VBD" or t.lower_ in ("would", "could", "might", "should") for t in tenses
        )

    def _article_dated(self, statement: Statement, cue: Token) -> Statement:
        """A statement reported as current with nothing dating its saying, given the
        article's date (marked as such)."""
        if statement.date is not None or self.published is None or self._saying_dated(statement, cue):
            return statement
        return replace(statement, date=self.published, date_source=DateSource.article)

    def _saying_dated(self, statement: Statement, cue: Token) -> bool:
        """Whether words outside the content date the saying, even to no single day
        ("said last week", "told a rally in 2019", "earlier, she said")."""
        sent = cue.sent
        outside = [
            t for t in sent
            if not any(s <= t.idx < e for s, e in statement.segments) and not self.quotes.around(t.idx)
        ]  # fmt: skip
        if OTHER_OCCASION.search(" ".join(t.text for t in outside)):
            return True
        return any(
            t.ent_type_ in ("DATE", "TIME") and _attached_to(t, cue) for t in outside
        )


def _continued_act(cue: Token) -> Token | None:
    """The verb of the act a cue continues: "held a news conference on Monday and said",
    "said on Saturday the boats were full, adding that ..." (the parser may hang the
    participle on the reported clause instead of the saying)."""
    if cue.dep_ == "conj" and cue.head.pos_ in ("VERB", "AUX"):
        return cue.head
    if cue.dep_ != "advcl" or cue.tag_ != "VBG":
        return None
    token = cue.head
    for _ in range(3):
        if _lemma(token) in SPEECH_VERBS:
            return token
        if token.head.i == token.i:
            return None
        token = token.head
    return None


def _closes_with_comma(doc: Doc, i: int) -> bool:
    """'..., "A, B," the paper reports': a closing quotation mark after a comma."""
    return is_double_mark(doc[i].text) and i > 0 and doc[i - 1].text == ","


def _determiner_that(that: Token) -> bool:
    """"said that account was wrong": a singular noun with no determiner of its own
    after "that" is what "that" determines (the parser often calls it a conjunction)."""
    following = that.nbor(1) if that.i + 1 < len(that.doc) else None
    return (
        following is not None
        and following.tag_ == "NN"
        and following.dep_ in ("nsubj", "nsubjpass")
        and not any(c.dep_ in ("det", "poss") for c in following.children)
    )


def _relative_clause(inner: Token, outer: Token) -> Token | None:
    """"promised talks, which X called a good sign", "X said A, while Y pledged B":
    the clause holding another speaker's own statement, which is not part of the
    outer one."""
    token = inner
    while token.i != outer.i and token.head.i != token.i:
        if token.dep_ == "relcl":
            return token
        if token.dep_ == "advcl" and any(c.lower_ in ("while", "whereas") and c.dep_ == "mark" for c in token.children):
            return token
        token = token.head
    return None


def _attached_to(token: Token, cue: Token) -> bool:
    """Whether a date phrase modifies the cue itself, not a clause inside its content."""
    for _ in range(10):
        if token.i == cue.i:
            return True
        if token.dep_ in ("ccomp", "relcl", "xcomp", "csubj") or token.head.i == token.i:
            return False
        token = token.head
    return False


def extract_statements(
    doc: Doc, published: dt.date | None = None, resolver: SpeakerResolver | None = None
) -> list[Statement]:
    """All statements in ``doc`` with a resolved speaker, in text order. ``published``
    is the article date that relative dates ("Tuesday") resolve against; pass the
    document's ``resolver`` to share what it learned with later extractors."""
    builder = _Builder(doc, published, resolver or SpeakerResolver(doc))
    builder.clause_statements()
    builder.quotation_statements()
    builder.transcript_statements()
    builder.stripped_continuations()
    builder.noun_statements()
    builder.viewpoint_statements()
    builder.resolve_nesting()
    builder.one_statement_per_span()
    return builder.statements()
