"""Who said, believes or wants what: the frames of attribution seen in real news, on
sentences written for these tests. Each row gives the statements expected, exactly:
(speaker, text, attribution kind, direct)."""

from __future__ import annotations

import pytest

from claimtrack.extract.quotes import extract_statements
from claimtrack.nlp.pipeline import DEFAULT_MODEL, load_pipeline


@pytest.fixture(scope="module")
def nlp():
    return load_pipeline(DEFAULT_MODEL)


def found(nlp, text: str) -> list[tuple[str, str, str, bool]]:
    return [(s.speaker.name, s.text, s.attribution, s.direct) for s in extract_statements(nlp(text))]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A stance taken in words is a statement; its content is what it is taken on.
        (
            "Senator Ruth Okafor criticized the budget for cutting school meals.",
            [("Ruth Okafor", "the budget for cutting school meals", "statement", False)],
        ),
        ('Critics dismissed the "reform" as cosmetic.', [("Critics", 'the "reform" as cosmetic', "statement", False)]),
        # Beliefs, intentions and positions are beliefs.
        ("Mayor Ana Ruiz believes the bridge will reopen in May.", [("Ana Ruiz", "the bridge will reopen in May", "belief", False)]),
        ("Governor Paulo Reis wants to run for a second term.", [("Paulo Reis", "to run for a second term", "belief", False)]),
        ("The union supports the new wage agreement.", [("union", "the new wage agreement", "belief", False)]),
        # A document is the source of what it says.
        ("The report found that emissions had fallen.", [("report", "emissions had fallen", "statement", False)]),
        # Counted, quantified and described speakers.
        ("One in four voters said the economy was getting worse.", [("One in four voters", "the economy was getting worse", "statement", False)]),
        ("Those surveyed said the city felt safer.", [("Those surveyed", "the city felt safer", "statement", False)]),
        ("A person familiar with the talks said a deal was close.", [("person familiar with the talks", "a deal was close", "statement", False)]),
        # Doubled apostrophes are quotation marks.
        ("''We are not going anywhere,'' said Olav Berg, the harbour master.", [("Olav Berg", "We are not going anywhere", "statement", True)]),
        ("Ana Ruiz called the verdict ''a disgrace.''", [("Ana Ruiz", "the verdict ''a disgrace.''", "statement", False)]),
        # A participle naming the source of a statement is no claim and ends it.
        (
            "The Harbour Watch Network reported that 40 boats had sunk, citing coast guard data.",
            [("Harbour Watch Network", "40 boats had sunk", "statement", False)],
        ),
        # Each cue is one statement: "said X, adding that Y" gives two.
        (
            "Mayor Ana Ruiz said the budget was tight, adding that no jobs would go.",
            [("Ana Ruiz", "the budget was tight", "statement", False), ("Ana Ruiz", "no jobs would go", "statement", False)],
        ),
        # A quotation interrupted by a speaker with a long description is still one.
        (
            '"We acted in time," said Olav Berg, a former harbour master who now advises the port authority on '
            'safety and training. "Nobody was hurt."',
            [("Olav Berg", "We acted in time, … Nobody was hurt.", "statement", True)],
        ),
    ],
)
def test_attributions(nlp, text, expected):
    assert found(nlp, text) == expected


def test_a_relative_clause_names_its_speaker_who(nlp):
    [statement] = extract_statements(nlp("Marta Quell, who chairs the council, said the hearing would be public."))
    assert (statement.speaker.name, statement.speaker.mention) == ("Marta Quell", "Marta Quell")
    [statement] = extract_statements(nlp("The law was passed by Marta Quell, who said it was overdue."))
    assert (statement.speaker.name, statement.speaker.mention) == ("Marta Quell", "who")


@pytest.mark.parametrize(
    "text",
    [
        # Refusing to speak says nothing.
        "The company declined to comment on the layoffs.",
        # A passive with no agent names no one who expects it.
        "The bridge is expected to reopen in May.",
        # A stance on someone the sentence does not name, or on a bare name, is no claim.
        "The union backed him.",
        "Senator Ruth Okafor thanked the volunteers.",
        # Bare data are no source.
        "Figures showed that exports had fallen.",
        # Things that are not people do not speak.
        "Dramatic television footage showed passengers leaving the ship.",
    ],
)
def test_no_attribution(nlp, text):
    assert found(nlp, text) == []
