"""Statements: who said what, in direct, reported and mixed speech.

Every statement hangs on a cue: a speech or opinion verb with content the parse can
find (a clausal complement, an object plus infinitive, a prepositional object), a
quotation next to a speech verb, or "according to". A quotation with no cue of its
own continues the statement before it, or inherits its speaker when it is a whole
quoted sentence in the next paragraph; anything else gives no statement.
"""

from __future__ import annotations


import datetime as dt
import re
from bisect import bisect_right
from dataclasses import dataclass, field, replace

from spacy.attrs import LOWER, POS
from spacy.symbols import AUX as AUX_POS
from spacy.symbols import VERB as VERB_POS
from spacy.tokens import Doc, Token

from claimtrack.dates import resolve_date
from claimtrack.extract.speakers import Resolved, SpeakerResolver
from claimtrack.models import Speaker
from claimtrack.lexicon import (
    ANNOUNCING_VERBS,
    DATA_NOUNS,
    CLAIM_NOUNS,
    COMMITMENT_VERBS,
    CONTINUATION_PARTICIPLES,
    DOCUMENT_NOUNS,
    FIGURE_SOURCE_VERBS,
    NAMING_VERBS,
    NEGATING_VERBS,
    OBJECT_CONTROL_VERBS,
    OPINION_VERBS,
    QUOTE_FRAME_VERBS,
    RELATIVE_PRONOUNS,
    RELAYING_VERBS,
    RESTATING_VERBS,
    SAYING_VERBS,
    SPEECH_VERBS,
    VerbFrame,
    verb_argument,
)
from claimtrack.nlp.components import document_text, entity_of, quote_spans
from claimtrack.nlp.quotemarks import DOUBLE_MARKS, QuoteSpan

CUE_VERBS = SPEECH_VERBS | OPINION_VERBS
# What a statement "according to" may cite instead of its author: a report, a tally, figures.
SOURCE_DOCUMENT_NOUNS = DOCUMENT_NOUNS | DATA_NOUNS
CANDIDATE_VERBS = CUE_VERBS | QUOTE_FRAME_VERBS
FRAME_VERBS = SAYING_VERBS | QUOTE_FRAME_VERBS | OPINION_VERBS
# Words that open the writer's scene after a statement ("..., as crews struggled").
NARRATION_OPENERS = frozenset({"as", "amid"})
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
# A quotation shorter than this, with no verb, is a name or a scare quote.
SHORT_QUOTE = 5
# Words that put a statement on another occasion than the one just reported.
OTHER_OCCASION = re.compile(
    r"\b(?:earlier|previously|before|recently|last|ago|yesterday|once|had said|has said|has repeatedly)\b", re.IGNORECASE
)
# How many words of attribution may interrupt one quotation ("A," she told ... "B.").
INTERRUPTION_REACH = 25
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
    opinion: bool
    date: dt.date | None

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
        last = q.close_mark if q.close_mark is not None else q.end
        return q if char <= last else None

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
    return following[:1] in DOUBLE_MARKS


def _lemma(token: Token) -> str:
    return token.lemma_.lower()


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
    if lemma in OPINION_VERBS and token.tag_ == "VBG":
        return False  # "..., fearing it could spread": the writer's account of a motive
    return lemma in CANDIDATE_VERBS or (lemma in RESTATING_VERBS and _repeated_claim(token) is not None)


def _is_frame_verb(token: Token, quotes: _Quotes) -> bool:
    """A verb that can attribute a quotation standing next to it."""
    return _is_cue_verb(token, quotes) and _lemma(token) in FRAME_VERBS


def _subject(verb: Token, depth: int = 0) -> Token | None:
    """The subject that speaks through ``verb``, following coordination and
    participles ("..., adding that") up to the verb that has one."""
    if depth > 4:
        return None
    cited = _cited_as_saying(verb)
    if cited is not None:
        return cited
    # With two subjects (a parse gone wrong), the one next to the verb speaks.
    subjects = sorted((c for c in verb.children if c.dep_ == "nsubj"), key=lambda c: abs(c.i - verb.i))
    if subjects:
        child = subjects[0]
        if child.lower_ in RELATIVE_PRONOUNS and verb.dep_ == "relcl":
            return verb.head
        return child
    for child in verb.children:
        if child.dep_ == "agent":
            for grandchild in child.children:
                if grandchild.dep_ == "pobj":
                    return grandchild
    inverted = _inverted_subject(verb)
    if inverted is not None:
        return inverted
    if verb.dep_ == "conj" and verb.head.pos_ in ("VERB", "AUX"):
        return _subject(verb.head, depth + 1)
    if verb.dep_ in ("advcl", "xcomp") and verb.tag_ == "VBG" and verb.head.pos_ in ("VERB", "AUX"):
        return _subject(verb.head, depth + 1)
    if verb.dep_ == "acl" and verb.tag_ == "VBG" and verb.head.pos_ in ("NOUN", "PROPN"):
        return verb.head  # "with its leader, X, declaring that ..."
    return None


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
    if lemma in QUOTE_FRAME_VERBS and lemma not in CUE_VERBS:
        # "spoke about speeding up "work on ..."": speaking about a quotation says it.
        span = _prepositional_object(verb)
        quoted = span is not None and any(ch in DOUBLE_MARKS for t in verb.doc[span[0] : span[1]] for ch in t.text)
        return span if quoted else None
    if lemma not in CUE_VERBS:
        return None
    return (
        _complement_clauses(verb)
        or _detached_that_clause(verb)
        or _object_frame(verb)
        or _prepositional_object(verb)
        or _naming_frame(verb)
        or _commitment(verb)
    )


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
    clauses = [c for c in verb.children if c.dep_ == "ccomp" and not (c.i < verb.i and _own_attribution(c))]
    if not clauses:
        return None
    # "said X but added that Y" is sometimes parsed as two complements of "said".
    after = [c for c in clauses if c.i > verb.i]
    side = after if after else clauses
    start, end = min(c.left_edge.i for c in side), max(c.right_edge.i for c in side) + 1
    if after:
        end = max([end] + [c.right_edge.i + 1 for c in _contrasts(verb, end)])
        start = _stranded_number(verb, start)
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


def _object_frame(verb: Token) -> tuple[int, int] | None:
    """"urged Russia to withdraw", "called on both sides to talk", "called for
    monitors to be sent": the claim starts at the verb."""
    if _lemma(verb) not in OBJECT_CONTROL_VERBS:
        return None
    children = list(verb.children)
    infinitive = next((c for c in children if c.dep_ == "xcomp" and c.i > verb.i), None)
    addressed = any(c.dep_ == "dobj" or (c.dep_ == "prep" and c.lower_ == "on") for c in children)
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
                if sibling.i > prep.i and sibling.dep_ in ("advcl", "prep") and sibling.lower_ not in ("in", "at", "on"):
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
    if any(c.dep_ == "dobj" and c.i < verb.i and c.lower_ in RELATIVE_PRONOUNS for c in children):
        # "..., which the mayor called a hopeful sign": the object came first.
        after = [c for c in children if c.i > verb.i and c.dep_ in NAME_COMPLEMENTS | {"dobj"}]
        return (after[0].left_edge.i, after[-1].right_edge.i + 1) if after else None
    obj = next((c for c in children if c.dep_ == "dobj" and c.i > verb.i), None)
    if obj is None:
        return None
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
    return (obj.left_edge.i, complement.right_edge.i + 1) if complement is not None else None


def _quoted_token(token: Token) -> bool:
    """Whether a quotation mark stands right before the phrase ``token`` heads."""
    first = token.left_edge
    return first.i > 0 and token.doc[first.i - 1].text in DOUBLE_MARKS


def _inverted_attribution(verb: Token) -> tuple[tuple[int, int], Token] | None:
    """"<statement>, the company said." read from the surface when the parse lost the
    structure: the speaker is the noun phrase between the last comma and the verb,
    the statement everything before that comma. Returns (content span, subject)."""
    if _lemma(verb) not in SAYING_VERBS:
        return None
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
    heads = [t for t in phrase if not (phrase.start <= t.head.i < phrase.end) or t.head.i == t.i]
    nouns = [t for t in heads if t.pos_ in ("NOUN", "PROPN", "PRON")]
    if not nouns:
        return None
    if any(_own_attribution(t) for t in doc[sent.start : comma.i]):
        return None  # 'She replied: "...," she added': the content has its own cue
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
    if subject is None:
        return None
    before = min(t.i for t in subject.subtree) - 1
    after = verb.i + 1
    while after < sent.end and doc[after].dep_ in ("npadvmod", "advmod") and doc[after].head.i == verb.i:
        after += 1
    if not (sent.start < before and after < sent.end - 1):
        return None
    if doc[before].text != "," or doc[after].text != ",":
        return None
    if after + 1 < sent.end and doc[after + 1].lower_ in NARRATION_OPENERS:
        # "X has happened, the agency said, as crews struggled": the scene is the writer's.
        return [(sent.start, before)]
    spans = [(sent.start, before), (after + 1, sent.end)]
    return spans if all(b > a for a, b in spans) and sum(b - a for a, b in spans) >= 3 else None


def _surface_subject(doc: Doc, q: QuoteSpan, cue: Token) -> Token | None:
    """'"...," the centre's director, Ana Ruiz, tweeted.' when the parse gave the verb
    no subject: the speaker is the noun phrase between the quotation and the verb."""
    if q.close_mark is None or cue.idx < q.close_mark:
        return None
    between = [t for t in doc[cue.i - ATTRIBUTION_REACH : cue.i] if t.idx > q.close_mark and not t.is_punct]
    nouns = [t for t in between if t.pos_ in ("NOUN", "PROPN", "PRON")]
    if not nouns or any(t.pos_ in ("VERB", "AUX") for t in between):
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
    if source.lemma_.lower() in SOURCE_DOCUMENT_NOUNS or source.lower_ in SOURCE_DOCUMENT_NOUNS:
        # "according to a tally by the monitoring group", "according to its report";
        # with no author named, a document that says whose it is speaks for itself
        # ("according to customs data", "according to unofficial records").
        source = document_author(source) or (source if described_document(source) else None)
        if source is None:
            return None
    head = token.head
    if head.i == token.i:
        return None
    # "X are missing and Y continues, according to Z": Z says both.
    while head.dep_ == "conj" and head.head.i != head.i and head.head.pos_ in ("VERB", "AUX"):
        head = head.head
    # The sourced statement is the clause around the phrase: "X has cost N, according
    # to Y, and employs M" is all Y's. With two sources for one clause ("according to
    # the unions, 400,000; according to the ministry, 80,000"), each has what follows it.
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
    spans = [(a, b) for a, b in spans if b - a >= 2 and not all(t.is_punct for t in head.doc[a:b])]
    return (source, spans) if spans else None


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

    # --- character spans ------------------------------------------------------
    def _chars(self, span: tuple[int, int]) -> list[int]:
        first, last = self.doc[span[0]], self.doc[span[1] - 1]
        return [first.idx, last.idx + len(last.text)]

    def _fit_quotes(self, chars: list[int]) -> tuple[list[int], bool]:
        """Widen a content span to whole quotations; direct when it is one quotation."""
        start, end = chars
        inside = self.quotes.around(start)
        if inside is not None:
            last = inside.close_mark if inside.close_mark is not None else inside.end
            if end <= last + 1:
                return [inside.start, inside.end], True
        for q in self.quotes.spans:
            close = q.close_mark + 1 if q.close_mark is not None else q.end
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
            spans = [span]
            if span[1] <= token.i:
                span = _relative_cue_content(token, subject) or span
                spans = [span, *_trailing_absolute(token)]
            if self._continues(token, span):
                continue
            self._add(token, subject, spans)

    def _continues(self, verb: Token, span: tuple[int, int]) -> bool:
        """Fold "..., adding that X" and "said X but added that Y" into the statement
        of the verb they hang from: one speaker, one statement."""
        participle = verb.tag_ == "VBG" and verb.dep_ in ("advcl", "xcomp", "conj")
        if participle and _lemma(verb) not in CONTINUATION_PARTICIPLES:
            return False
        coordinated = verb.dep_ == "conj" and not any(c.dep_ in ("nsubj", "nsubjpass") for c in verb.children)
        if not (participle or coordinated):
            return False
        head = self.by_cue.get(verb.head.i)
        if head is None or head.direct:
            # A quotation holds only its quoted words: what the speaker "added" outside
            # the marks is a statement of its own.
            return False
        chars = self._trim(self._fit_quotes(self._chars(span))[0])
        if chars is None:
            return True
        if head.direct or (head.cue is not None and head.segments[-1][1] <= head.cue.idx < chars[0]):
            # A separate segment when the cue stands between: "X, the agency said on
            # Tuesday, warning that Y" must not swallow the cue and its date.
            head.segments.append(chars)
        else:
            head.segments[-1][1] = max(head.segments[-1][1], chars[1])
        head.direct = False
        return True

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
            if token.i != cue.i and token.pos_ in ("VERB", "AUX") and _lemma(token) in SAYING_VERBS | RELAYING_VERBS:
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

    def _paragraph(self, char: int) -> tuple[int, int]:
        start = self.text.rfind("\n", 0, char) + 1
        end = self.text.find("\n", char)
        return start, len(self.text) if end == -1 else end

    def _add(
        self, cue: Token, subject: Token | None, spans: list[tuple[int, int]], cue_text: str | None = None
    ) -> None:
        segments: list[list[int]] = []
        direct = True
        # A statement never runs across a paragraph break, whatever the parse says.
        lo, hi = self._paragraph(cue.idx)
        for span in spans:
            span = self._without_narration(span, cue)
            chars, quoted = self._fit_quotes(self._chars(span))
            chars = self._trim([max(chars[0], lo), min(chars[1], hi)])
            if chars is not None:
                segments.append(chars)
                direct = direct and quoted
        if not segments:
            return
        draft = _Draft(cue=cue, subject=subject, segments=segments, direct=direct, cue_text=cue_text or cue.text)
        self.drafts.append(draft)
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
            cue = self._frame_cue(q) if self._could_be_statement(q) else None
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
            if previous is not None and previous.direct:
                if self._same_paragraph(previous.end, q.open_mark) and self._only_attribution_between(previous, q):
                    previous.segments.append(chars)
                    continue
                if self._whole_sentences(q) and self._next_paragraph(previous.end, q.open_mark):
                    draft = _Draft(cue=None, subject=None, segments=[chars], direct=True, parent=previous)
                    self.drafts.append(draft)
                    previous = draft
                    continue
            introducer = self._introducer(q) if self._whole_sentences(q) else None
            if introducer is not None:
                # An interview's quoted paragraph after "... he talks for five minutes.":
                # the person the paragraph before was about is speaking.
                draft = _Draft(cue=introducer.head, subject=introducer, segments=[chars], direct=True)
                self.drafts.append(draft)
                previous = draft

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
            if entity is None or entity.kind != "person":
                continue
            chars = self._trim([match.start("answer"), match.end("answer")])
            if chars is not None:
                self.drafts.append(_Draft(cue=name[-1], subject=name[-1], segments=[chars], direct=True))

    def stripped_continuations(self) -> None:
        """A feed that dropped every quotation mark: a first-person sentence right after
        an attribution ("..., she said. We need help.") goes on with the statement."""
        if any(ch in DOUBLE_MARKS for ch in self.text):
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
        return len(words) >= SHORT_QUOTE or any(t.pos_ in ("VERB", "AUX") for t in words)

    def _frame_cue(self, q: QuoteSpan) -> Token | None:
        doc = self.doc
        if q.close_mark is not None:
            after = doc.char_span(q.close_mark + 1, len(self.text), alignment_mode="expand")
            inner_end = self.text[q.start : q.end].rstrip()
            continues = inner_end[-1:] in (",", "?", "!", "—", "-", "…")
            if after is not None and len(after):
                first = after[0]
                while first.is_space and "\n" not in first.text and first.i + 1 < len(doc):
                    first = doc[first.i + 1]
                sent = first.sent
                for token in doc[first.i : min(sent.end, first.i + ATTRIBUTION_REACH)]:
                    if self.quotes.around(token.idx) is not None or "\n" in token.text:
                        break
                    if _is_frame_verb(token, self.quotes):
                        has_own_content = _clause_content(token) is not None and not continues
                        # After a quotation closed by a full stop, "X has asked Y for help"
                        # starts a new sentence rather than attributing the quotation.
                        new_request = not continues and _lemma(token) in OBJECT_CONTROL_VERBS
                        if not (has_own_content or new_request):
                            return token
                        break
        opening = doc.char_span(q.open_mark, q.open_mark + 1, alignment_mode="expand")
        if opening is None or not len(opening):
            return None
        sent = opening[0].sent
        for token in reversed(doc[sent.start : opening[0].i]):
            if self.quotes.around(token.idx) is not None or "\n" in token.text:
                break
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

    def _only_attribution_between(self, previous: _Draft, q: QuoteSpan) -> bool:
        """True for ``"A," he said. "B."``: the cue's clause between, and the second
        quotation opening after it ends, not inside a phrase of the narration ('..., he
        told X in what the agency calls a "..."' is someone else's words)."""
        cue = previous.cue if previous.parent is None else None
        if cue is None or not (previous.end <= cue.idx < q.open_mark):
            return False
        if len(self.text[previous.end : q.open_mark].split()) > INTERRUPTION_REACH:
            return False
        return self._opens_after_punctuation(q)

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
                relayed = outer.cue_text == "according to" and any(
                    c.dep_ == "nsubj" and c.lower_ not in RELATIVE_PRONOUNS for c in inner.cue.children
                )
                if outer.cue is not None and (_lemma(outer.cue) in RELAYING_VERBS or relayed):
                    # "X said Y, the paper reports"; "According to media reports, he
                    # suggested Y": the one who said it speaks.
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
        for draft in sorted(self.drafts, key=lambda d: d.start):
            if draft.dropped:
                continue
            if draft.parent is not None:
                draft.resolved = draft.parent.resolved
                cue_token = draft.parent.cue
            else:
                cue_token = draft.cue
                if draft.subject is not None and cue_token is not None:
                    draft.resolved = resolver.resolve(draft.subject, cue_token)
            if draft.resolved is None:
                continue
            segments = self._final_comma_dropped(sorted(draft.segments))
            first_sent = self.doc.char_span(segments[0][0], segments[0][1], alignment_mode="expand")
            last_sent = self.doc.char_span(segments[-1][0], segments[-1][1], alignment_mode="expand")
            sentence_start = first_sent[0].sent.start_char if first_sent is not None else segments[0][0]
            sentence_end = last_sent[-1].sent.end_char if last_sent is not None else segments[-1][1]
            if draft.parent is None and cue_token is not None:
                sentence_start = min(sentence_start, cue_token.sent.start_char)
                sentence_end = max(sentence_end, cue_token.sent.end_char)
            out.append(
                Statement(
                    segments=segments,
                    text=SEGMENT_JOINER.join(self.text[s:e] for s, e in segments),
                    sentence_start=sentence_start,
                    sentence_end=sentence_end,
                    speaker=draft.resolved.speaker,
                    cue=None if draft.parent is not None else draft.cue_text,
                    direct=draft.direct,
                    opinion=cue_token is not None and _lemma(cue_token) in OPINION_VERBS,
                    date=self._date(cue_token, segments),
                )
            )
        return self._same_occasion_dates(out)

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
                    statement = replace(statement, date=date)
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

    def _date(self, cue: Token | None, segments: tuple[tuple[int, int], ...]) -> dt.date | None:
        if cue is None:
            return None
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


def _closes_with_comma(doc: Doc, i: int) -> bool:
    """'..., "A, B," the paper reports': a closing quotation mark after a comma."""
    return doc[i].text in DOUBLE_MARKS and i > 0 and doc[i - 1].text == ","


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
    builder.resolve_nesting()
    builder.one_statement_per_span()
    return builder.statements()
