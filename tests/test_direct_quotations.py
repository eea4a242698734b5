"""Direct quotations in the constructions news writing uses around them: who said the
quoted words, and which words are theirs. Every sentence is written for these tests.

A direct quotation holds only the words inside its quotation marks (parts joined by
" … "), and words from two places are joined only when one attribution governs both.
"""

from __future__ import annotations

import pytest

from claimtrack.extract.quotes import extract_statements
from claimtrack.nlp.pipeline import DEFAULT_MODEL, load_pipeline


@pytest.fixture(scope="module")
def nlp():
    return load_pipeline(DEFAULT_MODEL)


def said(nlp, text: str) -> list[tuple[str, str, bool]]:
    return [(s.speaker.name, s.text, s.direct) for s in extract_statements(nlp(text))]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A clause that sets the scene before the attribution is the writer's, not the speaker's.
        (
            'Asked about the delay, Mayor Ana Ruiz said, "The bridge will open in May."',
            [("Ana Ruiz", "The bridge will open in May.", True)],
        ),
        (
            'When asked about the strike, Dr. Tomas Ekdahl replied, "We have enough nurses for now."',
            [("Tomas Ekdahl", "We have enough nurses for now.", True)],
        ),
        # The scene may hang on the quotation's verb in the parse; "As for X" is the
        # writer's too; what the scene reports of others stays theirs.
        (
            'Asked by a reporter whether she had rehearsed, Mayor Ana Ruiz said, "I read it once, and that is all."',
            [("reporter", "whether she had rehearsed", False), ("Ana Ruiz", "I read it once, and that is all.", True)],
        ),
        (
            'As for the critics who find her too cautious, Senator Carla Diaz said, "They do not understand the budget."',
            [("critics", "her too cautious", False), ("Carla Diaz", "They do not understand the budget.", True)],
        ),
        # A conjunction before the attribution is no part of the quotation.
        ('But, Governor Paul Dane said, "democracy is a series of choices."', [("Paul Dane", "democracy is a series of choices.", True)]),
        # Without quotation marks the words on both sides are the statement.
        ("Since then, Mayor Ana Ruiz says, the harbour has doubled its trade.", [("Ana Ruiz", "Since then … the harbour has doubled its trade.", False)]),
        # A phrase before a parenthetical attribution that the quotation completes is said.
        (
            'The club\'s investment in its courts, Pia Berg said, "is a perfect example of adapting" to the times.',
            [("Pia Berg", 'The club\'s investment in its courts … "is a perfect example of adapting" to the times.', False)],
        ),
    ],
)
def test_scene_before_the_attribution(nlp, text, expected):
    assert said(nlp, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A short quotation handed over to its speaker is said, whatever the word order.
        ('"Absolutely not," Mayor Ana Ruiz said.', [("Ana Ruiz", "Absolutely not", True)]),
        ('"Enough," Senator Helen Dorsey snapped.', [("Helen Dorsey", "Enough", True)]),
        # A short quotation that the narration binds into its own phrase is a name.
        ('As for his mangling of "Hamas," Levine found comic relief in it.', []),
        (
            'Sam Solovey, a contestant on the show "The Island," who later worked for the firm, said he was surprised.',
            [("Sam Solovey", "he was surprised", False)],
        ),
    ],
)
def test_short_quotations(nlp, text, expected):
    assert said(nlp, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A short utterance that a saying verb introduces is said.
        (
            'Governor Paul Dane had spoken for an hour. Reporter Ann Wallace then asked, "With nukes?"',
            [("Ann Wallace", "With nukes?", True)],
        ),
        ('About 200 protesters gathered outside the arena, chanting "Dump Dane."', [("200 protesters", "Dump Dane.", True)]),
        ('The mayor listed the dead and punctuated his list by saying "Too many."', [("mayor", "Too many.", True)]),
        # A title beside a noun, a fragment of the narration's sentence, a word
        # mentioned: none is an utterance.
        ('Mayor Ana Ruiz said in her 2012 book, "A Harbour Town." So they stayed.', []),
        ('He said he was best placed to get a deal because he is a negotiator, "like you folks."', []),
        ('In a two-minute response, Senator Carla Diaz said "CNN" five times.', []),
    ],
)
def test_short_utterances_after_their_cue(nlp, text, expected):
    assert said(nlp, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Verbs that only frame a quotation ("interjected", "shot back", "snapped").
        (
            'Mayor Luis Garcia interjected, "Ladies and gentlemen, the next mayor of this town."',
            [("Luis Garcia", "Ladies and gentlemen, the next mayor of this town.", True)],
        ),
        (
            'Helen Dorsey shot back, "I could have stayed home, but I chose to work."',
            [("Helen Dorsey", "I could have stayed home, but I chose to work.", True)],
        ),
        # Such a verb with words of its own after it attributes nothing.
        ("In an interview on Sunday, Senator Helen Dorsey laughed off the attack ad.", []),
        ('"It is a fine plan," Mayor Ana Ruiz said. Her deputy laughed.', [("Ana Ruiz", "It is a fine plan", True)]),
        # After a quotation closed by a full stop, such a verb starts a new sentence.
        ('In 2008 he founded "Neighbours for Ada Brightwater." Raj Chatwal also pleaded guilty to fraud.', []),
    ],
)
def test_verbs_that_frame_a_quotation(nlp, text, expected):
    assert said(nlp, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # The speaker after the verb, which the parse took for its object.
        (
            'The vote was close.\n\n"There are more candidates in the state than ever," added another delegate.',
            [("another delegate", "There are more candidates in the state than ever", True)],
        ),
        # The speaker's phrase ends where a description set off by commas starts.
        (
            '"We have had better meetings than this one," delegate Bill Harlow, wearing a straw hat '
            "and campaign pins, said as confetti fell.",
            [("Bill Harlow", "We have had better meetings than this one", True)],
        ),
    ],
)
def test_speaker_after_the_quotation(nlp, text, expected):
    assert said(nlp, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A title the attribution names is not part of what was said.
        (
            '"I expect to be vetted," Governor Paul Dane said on "Face the Nation." "But this is different."',
            [("Paul Dane", "I expect to be vetted, … But this is different.", True)],
        ),
        ('Governor Paul Dane said on "Face the Nation" that he would run again.', [("Paul Dane", "he would run again", False)]),
    ],
)
def test_titles_named_by_the_attribution(nlp, text, expected):
    assert said(nlp, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A clause ending in a colon introduces the quotation: its subject speaks.
        (
            'Rubio fired back forcefully: "If they sue us in a court in Miami, they are going to lose."',
            [("Rubio", "If they sue us in a court in Miami, they are going to lose.", True)],
        ),
        # The last speech verb before the colon speaks, not the sentence's first clause.
        (
            'The council met, where Mayor Ana Ruiz announced: "The bridge will open in May."',
            [("Ana Ruiz", "The bridge will open in May.", True)],
        ),
        # The colon may end the paragraph before.
        (
            'Dr. Ana Ward stated:\n\n"The department is not about justice any more. It is about politics."',
            [("Ana Ward", "The department is not about justice any more. It is about politics.", True)],
        ),
        # A bare name before the colon, after a headline's dash.
        (
            'Pollsters agree - Carl Bialik: "One of the biggest lessons was a simple one: keep on contacting voters."',
            [("Carl Bialik", "One of the biggest lessons was a simple one: keep on contacting voters.", True)],
        ),
        # No speaker: a subject that is not someone, a label, a place in the narration.
        ('The results were clear: "Nobody wants the new road."', []),
        ('The vote: "Clinton 547, Sanders 120."', []),
        ('Then, later that month on WKRP: "I never said we made a mistake."', []),
        # The words before the colon quote someone else: no guess.
        ('He called it "a sham": "There is nothing in it."', []),
    ],
)
def test_colon_introductions(nlp, text, expected):
    assert said(nlp, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A quoted sentence right after a statement, with no cue of its own, goes on with it.
        (
            'Mayor Ana Ruiz said the bridge would open in May. "We have waited long enough."',
            [("Ana Ruiz", "the bridge would open in May … We have waited long enough.", False)],
        ),
        # After a partial quotation with its cue after it, the next quotation joins too.
        (
            'The bridge "will open in May," Mayor Ana Ruiz said. "We have waited long enough."',
            [("Ana Ruiz", 'The bridge "will open in May," … We have waited long enough.', False)],
        ),
        # A belief is not a statement that a quotation could go on with.
        (
            'Mayor Ana Ruiz hopes the bridge will open in May. "We have waited long enough."',
            [("Ana Ruiz", "the bridge will open in May", False)],
        ),
        # Another sentence of the writer's between: the quotation is not joined.
        (
            '"The bridge will open in May," Mayor Ana Ruiz said. The crowd cheered. "We have waited long enough."',
            [("Ana Ruiz", "The bridge will open in May", True)],
        ),
    ],
)
def test_quotation_after_a_statement(nlp, text, expected):
    assert said(nlp, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A quotation with a cue of its own inside a statement ("and added,", ", saying,")
        # is a second statement; the first ends before the cue.
        (
            'Mayor Ana Ruiz said the budget was tight and added, "No jobs will go this year."',
            [("Ana Ruiz", "the budget was tight", False), ("Ana Ruiz", "No jobs will go this year.", True)],
        ),
        (
            'Ryan and Trump will meet next week, Mayor Ana Ruiz said, adding, "They need to sit down and talk."',
            [("Ana Ruiz", "Ryan and Trump will meet next week", False), ("Ana Ruiz", "They need to sit down and talk.", True)],
        ),
        # A reported addition stays one statement with what was said first.
        (
            "Mayor Ada Brightwater said the budget was tight but added that no jobs would go.",
            [("Ada Brightwater", "the budget was tight but added that no jobs would go", False)],
        ),
    ],
)
def test_quotation_with_its_own_cue_inside_a_statement(nlp, text, expected):
    assert said(nlp, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Speech verbs that attribute a quotation standing next to them.
        (
            '"Go back to the studio," Mayor Ana Ruiz barked as a guard escorted the reporter out.',
            [("Ana Ruiz", "Go back to the studio", True)],
        ),
        (
            '"Gun owners should leave their weapons at home," opined the Daily Ledger.',
            [("Daily Ledger", "Gun owners should leave their weapons at home", True)],
        ),
        ('"I was wrong about the bridge," Mayor Ana Ruiz confessed.', [("Ana Ruiz", "I was wrong about the bridge", True)]),
        ('"That is simply false," Senator Carla Diaz retorted.', [("Carla Diaz", "That is simply false", True)]),
        ('"People are afraid of wasting their votes," Brad Moss surmised.', [("Brad Moss", "People are afraid of wasting their votes", True)]),
        # "went on" after a quotation continues speaking; "went on to", "go on without" do not.
        (
            'Mayor Ana Ruiz spoke for an hour.\n\n"It is a bit concerning because it would end the plan," she went on.',
            [("Ana Ruiz", "It is a bit concerning because it would end the plan", True)],
        ),
        ("Mayor Ana Ruiz went on to win the primary.", []),
        ('It seems the campaign to "Make the Town Great" will go on without the support of many firms.', []),
        # A title the narration binds before such a verb is no quotation of the speaker.
        (
            'Joe Dane, host of the channel\'s "Morning Hour," suggested that the mayor resign.',
            [("Joe Dane", "the mayor resign", False)],
        ),
        # A scene before the verb, or a participle after it, is the writer's narration.
        ("Weighing in on the debate, Governor Paul Dane agreed, praising the plan.", []),
        (
            "Residents were angry, the Gazette reported, citing two officials.",
            # ", citing two officials" names the source's source: no claim of its own.
            [("Gazette", "Residents were angry", False)],
        ),
        # A condition before a parenthetical attribution is part of what was said.
        ("If the talks fail, Mr. Taylor warned, the union will strike.", [("Taylor", "If the talks fail … the union will strike.", False)]),
        # A relative clause is no parenthetical, and "one of which" names no speaker.
        ('Banners hung from the town hall, one of which read, "The town stands with the strikers."', []),
    ],
)
def test_more_verbs_that_attribute_quotations(nlp, text, expected):
    assert said(nlp, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # "Spokesman" is said of women too: the given name tells who "she" is.
        (
            'Campaign spokesman Hope Hicks confirmed the group was independent. "They are not affiliated '
            'with the campaign," she said.',
            [("Hope Hicks", "the group was independent", False), ("Hope Hicks", "They are not affiliated with the campaign", True)],
        ),
        # A description by age refers back to the person just named.
        (
            'Mara Lind spoke on television.\n\n"Donald is, and always has been, an amazing leader," said the 46-year-old.',
            [("Mara Lind", "Donald is, and always has been, an amazing leader", True)],
        ),
    ],
)
def test_speakers_referred_to(nlp, text, expected):
    assert said(nlp, text) == expected


def test_she_after_a_man_spoke_is_the_last_woman_who_spoke(nlp):
    text = (
        'Senator Carla Diaz opened the hearing. "We will not wait," she said.\n\n'
        "The committee heard from the budget office first. The office presented three tables. The tables "
        'showed a deficit. Members asked about it. "The gap is real," Governor Paul Dane said. The room was '
        'quiet. The clerk read the figures again.\n\n"We will find the money," she said.'
    )
    found = [(name, words) for name, words, direct in said(nlp, text) if direct]
    assert found == [("Carla Diaz", "We will not wait"), ("Paul Dane", "The gap is real"), ("Carla Diaz", "We will find the money")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A quotation interrupted by an inverted attribution with a long description.
        (
            'The law passed in May.\n\n"The risk," said Edward Leamer, an economist who is the director of the '
            'Anderson Forecast, "is that we are going to be attracting workers and repelling jobs."',
            [("Edward Leamer", "The risk, … is that we are going to be attracting workers and repelling jobs.", True)],
        ),
        # A part that opens in lower case goes on with the quotation the cue interrupted,
        # even when a verb in the attribution could frame it; what the attribution
        # reports besides stays a statement of its own.
        (
            '"Many people are uncertain this year," Peter Thiel wrote in a note to the magazine explaining why he '
            'is speaking at the convention, "but most Americans agree that the country is on the wrong track."',
            [
                ("Peter Thiel", "Many people are uncertain this year, … but most Americans agree that the country is on the wrong track.", True),
                ("Peter Thiel", "why he is speaking at the convention", False),
            ],
        ),
        (
            '"It is abundantly clear that he did not fight for the bill," Governor Paul Dane said, adding that he '
            'had fought for bills as governor. "A leader must fight."',
            [
                ("Paul Dane", "It is abundantly clear that he did not fight for the bill, … A leader must fight.", True),
                ("Paul Dane", "he had fought for bills as governor", False),
            ],
        ),
        # The next sentence's own attribution does not take the quotation before it.
        (
            'The race tightened.\n\n"Maybe we are just trying to let the bully learn the lesson," Dan Tripp said. '
            '"We are trying to show some mercy." South Carolina, he said, was "where we make our stand."',
            [
                ("Dan Tripp", "Maybe we are just trying to let the bully learn the lesson, … We are trying to show some mercy.", True),
                ("Dan Tripp", 'South Carolina … was "where we make our stand."', False),
            ],
        ),
        # "according to" after the attribution relays it; it is no second statement.
        ('"I will be voting for him," Welch said, according to the Vermont Gazette.', [("Welch", "I will be voting for him", True)]),
    ],
)
def test_attributions_between_and_after_quotations(nlp, text, expected):
    assert said(nlp, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # The speaker's name after the verb, however the parse tagged it.
        (
            'Bill Skelly vouched for them.\n\n"Having access to the file is valuable," said Skelly, explaining he '
            "worked more closely with Vito.",
            [("Bill Skelly", "Having access to the file is valuable", True)],
        ),
        (
            'She had not.\n\n"I am not going to say it is a mistake, so forget about it," said retired neurosurgeon '
            "Ben Carson, asked about his claims.",
            [("Ben Carson", "I am not going to say it is a mistake, so forget about it", True)],
        ),
        (
            'Democrats blasted Republicans.\n\n"Republicans are so frustrated that they are unloading on her," said '
            'Oversight ranking Democrat Elijah Cummings (D-Md.). "They are spending their final days here."',
            [("Elijah Cummings", "Republicans are so frustrated that they are unloading on her, … They are spending their final days here.", True)],
        ),
    ],
)
def test_names_after_the_verb(nlp, text, expected):
    assert said(nlp, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A quoted paragraph signed by a person on the next line (the reader may drop
        # the dash, as it drops list bullets).
        (
            'The senator spoke.\n\n"Boeing and other firms pay zero taxes."\n\n- Bernie Sanders.\n\nThis is a complex issue.',
            [("Bernie Sanders", "Boeing and other firms pay zero taxes.", True)],
        ),
        (
            'The count.\n\n"Great speech. She is ready."\n\n-President Barack Obama, tweeting after the speech.\n\nMore.',
            [("Barack Obama", "Great speech. She is ready.", True)],
        ),
        # A credit, or a sentence about a person, signs nothing.
        ('The list.\n\n"Nothing will change."\n\n- Getty Images.\n\nMore.', []),
        ('The list.\n\n"Nothing will change."\n\nBarack Obama was elected in 2008.', []),
    ],
)
def test_signed_quotations(nlp, text, expected):
    assert said(nlp, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # "As X put it" and "as X pointed out" attribute the quotation that follows.
        (
            'As the Post\'s Dana Miller puts it, "Council members are unmoved, and activists are uninspired."',
            [("Dana Miller", "Council members are unmoved, and activists are uninspired.", True)],
        ),
        (
            'But as The Ledger pointed out, "Still, the mayor has so far declined to release any tax returns."',
            [("Ledger", "Still, the mayor has so far declined to release any tax returns.", True)],
        ),
        # A participle in the attribution between two parts is no cue of the second part
        # (what it reports stays its own statement) ...
        (
            '"Thirty years ago, it was booming," Rhonda Hughes said, pointing out where the hardware store used '
            'to be. "But those days are never coming back."',
            [
                ("Rhonda Hughes", "Thirty years ago, it was booming, … But those days are never coming back.", True),
                ("Rhonda Hughes", "where the hardware store used to be", False),
            ],
        ),
        # ... but someone the attribution names who answers is.
        (
            '"Let everybody know that they are to go to the refuge," Ammon Bundy says to Pete Santilli, who '
            'responds enthusiastically: "Okay, we will!"',
            [
                ("Ammon Bundy", "Let everybody know that they are to go to the refuge", True),
                ("Pete Santilli", "Okay, we will!", True),
            ],
        ),
    ],
)
def test_attributions_before_and_between(nlp, text, expected):
    assert said(nlp, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A clause ending in a colon introduces a quotation that has a cue of its own
        # after it: the quotation alone is said; what the clause reports stays its own.
        (
            'Judge Mosman saw the words differently: "When he says he will die a free man, I do not take that '
            'as a joke," he said.',
            [
                ("Mosman", "the words differently", False),
                ("Mosman", "When he says he will die a free man, I do not take that as a joke", True),
            ],
        ),
        # A quotation after "adding," is a statement of its own, not the first one's part.
        (
            'On Sunday, Senator Carla Diaz stated, "Inaction would have turned the town into a ruin," adding, '
            '"I think about 1,500 people were hurt last year."',
            [
                ("Carla Diaz", "Inaction would have turned the town into a ruin", True),
                ("Carla Diaz", "I think about 1,500 people were hurt last year.", True),
            ],
        ),
    ],
)
def test_colon_introductions_with_their_own_cue(nlp, text, expected):
    assert said(nlp, text) == expected


@pytest.mark.parametrize(
    ("text", "cue"),
    [
        ('Rubio fired back forcefully: "If they sue us in a court in Miami, they are going to lose."', "fired"),
        ('Pollsters agree - Carl Bialik: "One of the biggest lessons was a simple one: keep on contacting voters."', ":"),
        ('The senator spoke.\n\n"Boeing and other firms pay zero taxes."\n\n- Bernie Sanders.\n\nThis is a complex issue.', "—"),
    ],
)
def test_cue_of_an_introduced_or_signed_quotation(nlp, text, cue):
    assert [s.cue for s in extract_statements(nlp(text))] == [cue]
