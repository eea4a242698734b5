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
        # Quoted sentences are no distance for a pronoun: it reaches back past them.
        (
            'Mayor Ana Ruiz took questions. "Good. Fine. Yes. Sure. Right. We will open the bridge in May," she replied.',
            [("Ana Ruiz", "Good. Fine. Yes. Sure. Right. We will open the bridge in May", "statement", True)],
        ),
        # A person noun ending like one ("businessman", "attendee") speaks as a person.
        ('"We will build it," the businessman replied.', [("businessman", "We will build it", "statement", True)]),
        # A quotation mark glued to the comma before it still opens the quotation.
        ('Olav Berg said,"The harbour is closed."', [("Olav Berg", "The harbour is closed.", "statement", True)]),
        # The parse may lose the subject of a main verb: the noun right before it speaks,
        # with its relative clause; a name set off with an age; the first of three verbs.
        (
            "With the budget due, a city official who asked not to be named said Tuesday that the pool would close.",
            [("city official", "the pool would close", "statement", False)],
        ),
        (
            "In her testimony, Marta Quell, 52, said that the ferry had been overloaded.",
            [("Marta Quell", "the ferry had been overloaded", "statement", False)],
        ),
        # '"...," the email read': a saying verb the tagger took for a noun.
        ('"Give before midnight," the email read.', [("email", "Give before midnight", "statement", True)]),
        # Each speech act of a speaker is a statement of its own, even when the parse
        # hangs the second inside the first's content.
        (
            "Olav Berg said the inspectors did not know the harbour, and accused the ministry of hiding the report.",
            [
                ("Olav Berg", "the inspectors did not know the harbour", "statement", False),
                ("Olav Berg", "the ministry of hiding the report", "statement", False),
            ],
        ),
        # A group counted by a noun ("a number of", "dozens of"), and named places.
        (
            "The vote was close, although a number of delegates said they backed the plan.",
            [("a number of delegates", "they backed the plan", "statement", False)],
        ),
        (
            "The towns of Alby and Brecon said they would close their schools.",
            [("The towns of Alby and Brecon", "they would close their schools", "statement", False)],
        ),
        # A statement inside a relative clause: what was said follows the verb.
        (
            "Police seized the boat, which investigators said was carrying stolen engines.",
            [("investigators", "was carrying stolen engines", "statement", False)],
        ),
        # An inquiry speaks through its findings; published figures through their publisher.
        ("The inquiry found that the alarms had been switched off.", [("inquiry", "the alarms had been switched off", "statement", False)]),
        # A clause before a colon is the writer's lead-in, not what the cue reports.
        (
            'Some members were unsure: Councillor Pia Berg called it "the least bad choice."',
            [("Pia Berg", 'it "the least bad choice."', "statement", False)],
        ),
        # A name given in a relative clause: "what X described as ...".
        (
            'The bell fetched a record price for what the ministry described as a "national treasure."',
            [("ministry", 'a "national treasure."', "statement", False)],
        ),
        # A participle with content of its own after a statement is the speaker's next
        # statement: after a quotation closed by its comma, and in a series of them.
        (
            'Mayor Ana Ruiz said last week that the port was "a mess," stating at the hearing that it had "no plan."',
            [
                ("Ana Ruiz", 'the port was "a mess,"', "statement", False),
                ("Ana Ruiz", 'it had "no plan."', "statement", False),
            ],
        ),
        (
            "Olav Berg has indicated he would cut the ferry budget, vowing to rebuild the pier and "
            "suggesting he would sell the harbour office.",
            [
                ("Olav Berg", "he would cut the ferry budget", "statement", False),
                ("Olav Berg", "to rebuild the pier", "statement", False),
                ("Olav Berg", "he would sell the harbour office", "statement", False),
            ],
        ),
        # A stance on an object goes on with the statement; before an inverted cue, all
        # of it is the source's.
        (
            "Olav Berg said the season was poor, listing the storms of the winter.",
            [("Olav Berg", "the season was poor, listing the storms of the winter", "statement", False)],
        ),
        (
            "Olav Berg met the fishermen on Tuesday, highlighting the risks of the new quota, the ministry said.",
            [("ministry", "Olav Berg met the fishermen on Tuesday, highlighting the risks of the new quota", "statement", False)],
        ),
        # A paragraph that is only a quotation in single marks, where the article quotes
        # in double marks, is a subheading; in double marks it goes on with the speaker.
        (
            '"We will rebuild the pier," Mayor Ana Ruiz said. "The money is there."\n\n'
            "'A hard winter.'\n\nThe town lost half its boats.",
            [("Ana Ruiz", "We will rebuild the pier, … The money is there.", "statement", True)],
        ),
        (
            '"We will rebuild the pier," Mayor Ana Ruiz said.\n\n"The money is there."\n\nThe town lost half its boats.',
            [("Ana Ruiz", "We will rebuild the pier", "statement", True), ("Ana Ruiz", "The money is there.", "statement", True)],
        ),
        # A transcript line says something only with a verb: not a tally, not a heading.
        (
            "Coach Lena Moritz took questions after the game.\n\nMoritz: A close race.\n\nMoritz: We have not decided yet.",
            [("Lena Moritz", "We have not decided yet.", "statement", True)],
        ),
        # The parse may take a reported clause's subject for the verb's object.
        ("The agency reported 30 people were still missing.", [("agency", "30 people were still missing", "statement", False)]),
        # A call's purpose ("in order to ...") is part of the call.
        (
            "Health Minister Ana Ruiz has called for urgent checks in order to stop the disease from spreading to schools.",
            [("Ana Ruiz", "urgent checks in order to stop the disease from spreading to schools", "statement", False)],
        ),
        # "X was quoted (cited) by Y as saying": X said it; Y only relays.
        (
            "The harbour master, Olav Berg, was quoted by the local paper as saying the pier was unsafe.",
            [("Olav Berg", "the pier was unsafe", "statement", False)],
        ),
        (
            "The harbour master was cited by the agency as saying that the pier was unsafe.",
            [("harbour master", "the pier was unsafe", "statement", False)],
        ),
        # A document "according to" is its maker's, named by a participle's agent.
        (
            "According to figures published by the health ministry, 40 people have died.",
            [("health ministry", "40 people have died.", "statement", False)],
        ),
        # The abbreviation in brackets after a name is no part of it.
        (
            "The virus has spread fast, an outbreak that the World Health Organization (WHO) says is the worst in years.",
            [("World Health Organization", "is the worst in years", "statement", False)],
        ),
        # An abbreviated title's full stop may split the speaker in two subjects: the
        # name right after it speaks.
        (
            '"We are not changing our plans," said ministry spokesman Capt. Jon Ames.',
            [("Jon Ames", "We are not changing our plans", "statement", True)],
        ),
        # Transcripts write speakers in capitals: the person the article names so; a
        # question is said even without a verb; a heading in capitals names nobody.
        (
            "Coach Lena Moritz spoke with reporter Paul Green.\n\nPAUL GREEN: Why not now?\n\n"
            "MORITZ: We have not decided yet.\n\nUPDATE: The game was cancelled.",
            [("Paul Green", "Why not now?", "statement", True), ("Lena Moritz", "We have not decided yet.", "statement", True)],
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


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A dateline in capitals opening the paragraph heads the story; the parser may
        # take the place for the subject and the name after the dash for its apposition.
        (
            "The storm passed.\n\nLAKE CITY, Fla. — Gov. Ann Ross on Monday said the bill was dead.",
            [("Ann Ross", "the bill was dead", "statement", False)],
        ),
        (
            "SPRINGFIELD, Ill. — Sen. Ann Ross said on Monday that the bill was dead.",
            [("Ann Ross", "the bill was dead", "statement", False)],
        ),
        # A place in capitals inside a sentence is no dateline.
        (
            "Officials in the town said NORTHGATE, the plant's owner, would pay for the repairs.",
            [("Officials in the town", "NORTHGATE, the plant's owner, would pay for the repairs", "statement", False)],
        ),
    ],
)
def test_speaker_past_a_dateline(nlp, text, expected):
    assert found(nlp, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A word of the quotation itself is never its speaker: the one the attribution
        # names after it is.
        (
            '"We do not have freedom of opinion anymore. #Hamburg," tweeted a user from Bremen going by the handle Pulver.',
            [("user from Bremen", "We do not have freedom of opinion anymore. #Hamburg", "statement", True)],
        ),
        # A title in quotation marks beside the subject is not the subject.
        (
            "Houston, star of television’s “Harbor,” thanked the mayor for “taking these steps to keep us safe.”",
            [("Houston", "the mayor for “taking these steps to keep us safe.”", "statement", False)],
        ),
    ],
)
def test_speaker_outside_the_quotation(nlp, text, expected):
    assert found(nlp, text) == expected


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        # Whoever made the document speaks; the article names them through it.
        (
            "Spending doubled last year, according to Harbour Election Board filings.",
            ("Harbour Election Board", "Harbour Election Board filings"),
        ),
        ("The plan is popular, according to a 2019 Northfield Institute survey.", ("Northfield Institute", "2019 Northfield Institute survey")),
        # The author named after the document, or no document: the mention is the name.
        ("The toll rose to 40, according to a tally by the Coast Guard.", ("Coast Guard", "Coast Guard")),
        ("The toll rose to 40, according to the Coast Guard.", ("Coast Guard", "Coast Guard")),
    ],
)
def test_according_to_a_document_names_its_author_through_it(nlp, text, speaker):
    [statement] = extract_statements(nlp(text))
    assert (statement.speaker.name, statement.speaker.mention) == speaker
