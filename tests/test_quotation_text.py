"""A quotation is exactly what was said: the text of every statement, on sentences
written for these tests.

A direct quotation holds only words inside the quotation marks of that statement,
its parts joined by " … " and each keeping its own punctuation; a reported statement
holds the content of the speech act only, without the cue verb, the speaker or the
writer's narration around it; `sentence` is the exact text of the sentence(s).
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from claimtrack.extract.claims import extract_claims
from claimtrack.extract.quotes import SEGMENT_JOINER, extract_statements
from claimtrack.inputs.load import iter_inputs
from claimtrack.inputs.readers.text import load_text
from claimtrack.models import Article
from claimtrack.nlp.pipeline import DEFAULT_MODEL, load_pipeline
from claimtrack.nlp.quotemarks import DOUBLE_MARKS, SINGLE_MARKS

ROOT = Path(__file__).resolve().parent.parent
QUOTE_MARKS = DOUBLE_MARKS | SINGLE_MARKS


@pytest.fixture(scope="module")
def nlp():
    return load_pipeline(DEFAULT_MODEL)


def said(nlp, text: str) -> list[tuple[str, str, bool]]:
    return [(s.speaker.name, s.text, s.direct) for s in extract_statements(nlp(text))]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A quotation interrupted by its cue: one statement, its parts joined so the gap shows.
        (
            '"We are ready," Coach Lena Moritz said on Sunday. "We have been ready for months."',
            [("Lena Moritz", "We are ready, … We have been ready for months.", True)],
        ),
        (
            '"We have to be careful," said Mayor Ana Ruiz, "but we cannot wait for ever."',
            [("Ana Ruiz", "We have to be careful, … but we cannot wait for ever.", True)],
        ),
        # The cue's own relative clause between the parts does not break the statement.
        (
            '"The harbour is open," Mayor Ana Ruiz told reporters, who had waited since dawn. "The ferries run again."',
            [("Ana Ruiz", "The harbour is open, … The ferries run again.", True)],
        ),
        # A scare-quoted phrase of the narration in the same sentence is never appended;
        # when someone named gave it, it is their statement.
        (
            '"We will keep talking," Foreign Minister Olav Berg told his counterpart in what the ministry '
            'described as a "frank exchange of views."',
            [("Olav Berg", "We will keep talking", True), ("Foreign Ministry", 'a "frank exchange of views."', False)],
        ),
        (
            '"Prices will fall," Finance Minister Karel Novak said, in a speech the newspaper called "his most upbeat in years."',
            [("Karel Novak", "Prices will fall", True)],
        ),
        # One quotation with two cues is one statement, with neither cue in its text.
        ('Pia Berg replied: "We will rebuild the bridge by June," she added.', [("Pia Berg", "We will rebuild the bridge by June", True)]),
        # What the speaker adds outside the marks is a reported statement of its own.
        (
            '"Let\'s not rush into this, it takes time," Dmitry Orlov said, adding that the papers were with the president.',
            [
                ("Dmitry Orlov", "Let's not rush into this, it takes time", True),
                ("Dmitry Orlov", "the papers were with the president", False),
            ],
        ),
        # Quotations across paragraphs: the second paragraph is the same speaker's.
        (
            'Lena Moritz said: "We have trained all winter. The team is fit.\n\n"We will win the cup."',
            [
                ("Lena Moritz", "We have trained all winter. The team is fit.", True),
                ("Lena Moritz", "We will win the cup.", True),
            ],
        ),
        (
            '"The plan is sound," Finance Minister Karel Novak said.\n\n"It will pass in the spring."',
            [("Karel Novak", "The plan is sound", True), ("Karel Novak", "It will pass in the spring.", True)],
        ),
        # Reported speech followed by narration: the narration is the writer's.
        (
            "Governor Ana Ruiz said the dam was safe, the Valley Courier reported.",
            [("Ana Ruiz", "the dam was safe", False)],
        ),
        (
            'Mayor Olaf Lind said an attack would have "serious consequences for the region," the Post reports.',
            [("Olaf Lind", 'an attack would have "serious consequences for the region,"', False)],
        ),
        (
            "The fire has destroyed 40 homes, the regional fire service said, as crews struggled to contain it.",
            [("regional fire service", "The fire has destroyed 40 homes", False)],
        ),
        (
            "Fire officials said the blaze had destroyed 40 homes, as crews struggled to contain it on Tuesday.",
            [("Fire officials", "the blaze had destroyed 40 homes", False)],
        ),
        (
            "Minister Rana Aziz insisted the country would not accept any compromise, amid fears of an invasion.",
            [("Rana Aziz", "the country would not accept any compromise", False)],
        ),
        # "as many as" opens no scene.
        (
            "In the port city, which was hit worst, as many as 600 people are missing, Health Minister Omar Haddou told a radio station.",
            [("Omar Haddou", "In the port city, which was hit worst, as many as 600 people are missing", False)],
        ),
        # A second source's estimate is not swallowed.
        (
            "The ministry said 12 people had died, while the Red Cross put the toll at 20.",
            [("ministry", "12 people had died", False), ("Red Cross", "the toll at 20", False)],
        ),
        # The cue verb and its linking preposition are not part of what was said.
        ("Governor Paulo Reis urged residents to leave the island.", [("Paulo Reis", "residents to leave the island", False)]),
        ("Governor Paulo Reis promised to cut taxes.", [("Paulo Reis", "to cut taxes", False)]),
        ("Senator Ruth Okafor said on the radio that she would vote against the bill.", [("Ruth Okafor", "she would vote against the bill", False)]),
        # Mixed speech keeps its quotation marks inside the text.
        ('Ana Ruiz called the plan "a disgrace."', [("Ana Ruiz", 'the plan "a disgrace."', False)]),
        ('Ana Ruiz said the plan was "a disgrace" and should be dropped.', [("Ana Ruiz", 'the plan was "a disgrace" and should be dropped', False)]),
    ],
)
def test_statement_text(nlp, text, expected):
    assert said(nlp, text) == expected


@pytest.mark.parametrize(
    ("text", "speaker", "not_in"),
    [
        # Rows that must not join or extend.
        ('"We will keep talking," Olav Berg told his counterpart in what the ministry called a "frank exchange."', "Olav Berg", "frank exchange"),
        ('"We are done," Olav Berg said. Critics called the deal "a betrayal."', "Olav Berg", "betrayal"),
        ('"No deal," Olav Berg said, adding that talks were over.', "Olav Berg", "No deal … talks"),
        ("Governor Ana Ruiz said the dam was safe, the Valley Courier reported.", "Ana Ruiz", "Courier"),
        ("The ministry said 12 people had died, while the Red Cross put the toll at 20.", "ministry", "Red Cross"),
        ("Pia Berg replied: \"We will rebuild the bridge by June,\" she added.", "Pia Berg", "replied"),
        ("\"No,\" Pia Berg said, \"we will not,\" she added.", "Pia Berg", "said"),
    ],
)
def test_statements_never_take_in_other_words(nlp, text, speaker, not_in):
    found = said(nlp, text)
    assert any(name == speaker for name, _, _ in found), found
    assert all(not_in not in statement for name, statement, _ in found if name == speaker), found


@pytest.mark.parametrize(
    "text",
    [
        # A quotation whose closing mark was lost in mid-paragraph has no known end: no quotation.
        'Lena Moritz spoke about "a new era for the club. Fans cheered.\n\nThe match ended late.',
        # A scare quote alone says nothing.
        'The so-called "peace plan" was published on Monday.',
    ],
)
def test_no_direct_quotation(nlp, text):
    assert not any(direct for _, _, direct in said(nlp, text)), said(nlp, text)


@pytest.mark.parametrize(
    ("text", "sentence"),
    [
        # The exact sentence(s), quotation marks included, for two-part quotations too.
        (
            '"We are ready," Coach Lena Moritz said on Sunday. "We have been ready for months."',
            '"We are ready," Coach Lena Moritz said on Sunday. "We have been ready for months."',
        ),
        ('Pia Berg replied: "We will rebuild the bridge by June," she added.', 'Pia Berg replied: "We will rebuild the bridge by June," she added.'),
        ('Ana Ruiz called the plan "a disgrace."', 'Ana Ruiz called the plan "a disgrace."'),
    ],
)
def test_sentence_is_exact(nlp, text, sentence):
    article = Article(id="a", text=text)
    [claim] = [c for c in extract_claims(nlp(text), article) if c.kind == "quote"]
    assert claim.sentence == sentence


HARBOUR_TALKS = (
    "Title: Harbour talks\nSource: Example Wire\nDate: 2024-03-05\n\n"
    'Marta Lindqvist, a 41-year-old ferry captain, said the closure was "absurd."\n\n'
    '"I think now is a good moment for [the council] to help us. Not by words, but by actions," she said.\n\n'
    "Asked what she'd like the council to do, she replied: \"They can reopen the north pier. Or [the] south dock. "
    'Or put really strict limits [on tankers] and stop the dredging," she added.\n'
)


def test_a_quotation_with_two_cues_is_one_claim(nlp):
    article = load_text(HARBOUR_TALKS, path="harbour.txt")
    claims = [c for c in extract_claims(nlp(article.text), article) if c.kind == "quote"]
    assert len({c.id for c in claims}) == len(claims)
    assert [c.text for c in claims if "north pier" in c.text] == [
        "They can reopen the north pier. Or [the] south dock. Or put really strict limits [on tankers] and stop the dredging"
    ]


def fixture_articles() -> list[Article]:
    return [a for a in iter_inputs([ROOT / "seeds", ROOT / "data" / "fixtures"]) if isinstance(a, Article)]


def test_claim_ids_are_distinct_in_every_fixture(nlp):
    articles = fixture_articles()
    for doc, article in zip(nlp.pipe(a.text for a in articles), articles):
        ids = [c.id for c in extract_claims(doc, article)]
        assert len(ids) == len(set(ids)), article.path


TRANSCRIPT_ANSWER = re.compile(r"^[A-Z][\w'’.-]+(?: [A-Z][\w'’.-]+){0,3}: ", re.MULTILINE)


def check_direct_quotations(article: Article, claims) -> None:
    """Every direct quotation's parts are verbatim pieces of the article, each between
    quotation marks (or a whole answer of an interview transcript, "Name: answer",
    which has none), and its text is those parts and nothing else."""
    text = article.text
    answers = {m.end() for m in TRANSCRIPT_ANSWER.finditer(text)}
    for claim in claims:
        parts = [text[s:e] for s, e in claim.segments]
        assert claim.text == SEGMENT_JOINER.join(parts)
        if claim.kind != "quote" or not claim.direct:
            continue
        for (s, e), part in zip(claim.segments, parts):
            before = text[:s].rstrip(" \t")
            after = text[e:].lstrip(" \t")
            opened = before[-1:] in QUOTE_MARKS or s in answers
            closed = after[:1] in QUOTE_MARKS or after[:2] in {"," + m for m in QUOTE_MARKS} or after[:1] in ("", "\n")
            assert opened and closed, (article.path, part)


def test_direct_quotations_stand_between_quotation_marks_in_the_golden_corpus(nlp):
    articles = fixture_articles()
    for doc, article in zip(nlp.pipe(a.text for a in articles), articles):
        check_direct_quotations(article, extract_claims(doc, article))


FRAGMENTS = [
    '"', "“", "”", "'", "‘", "’", "said", "she said", "Mayor Ada Brook said", "added", "told reporters",
    "replied:", "in what the ministry called a", "adding that", "the Post reports", "as crews struggled",
    "We are ready", "the dam is safe", "Brook", "he", ",", ".", ":", "\n\n", "and", "the plan", "a disgrace",
]


@settings(max_examples=80, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(FRAGMENTS), min_size=3, max_size=40).map(" ".join))
def test_direct_quotations_stand_between_quotation_marks_in_fragment_soups(nlp, raw):
    article = load_text(raw, path="soup.txt")
    check_direct_quotations(article, extract_claims(nlp(article.text), article))
