"""Statements: cues, word order, quotation marks, speakers and dates, on sentences
written for these tests."""

import datetime as dt

import pytest

from claimtrack.closed_sets import Attribution
from claimtrack.extract.quotes import extract_statements
from claimtrack.nlp.pipeline import DEFAULT_MODEL, load_pipeline


@pytest.fixture(scope="module")
def nlp():
    return load_pipeline(DEFAULT_MODEL)


def statements(nlp, text, published=None):
    return extract_statements(nlp(text), published)


def summary(nlp, text, published=None):
    return [(s.speaker.name, s.text, s.direct) for s in statements(nlp, text, published)]


def has(found, speaker, fragment, direct=None):
    return any(
        name == speaker and fragment in text and (direct is None or is_direct == direct)
        for name, text, is_direct in found
    )


@pytest.mark.parametrize(
    ("text", "speaker", "fragment", "direct"),
    [
        # Speech and opinion verbs with a clausal complement.
        ("Mayor Ada Brightwater said the bridge would reopen in May.", "Ada Brightwater", "the bridge would reopen in May", False),
        ("The union warned that a strike could start next week.", "union", "a strike could start next week", False),
        ("Health Minister Tomas Ekdahl insisted the hospitals had enough beds.", "Tomas Ekdahl", "the hospitals had enough beds", False),
        ("Opposition leader Rana Aziz denied that her party had taken the money.", "Rana Aziz", "her party had taken the money", False),
        ("Opposition leader Rana Aziz believes the vote will be close.", "Rana Aziz", "the vote will be close", False),
        ("Senator Mia Lund tweeted that the bill was dead.", "Mia Lund", "the bill was dead", False),
        ("The central bank announced that rates would stay at 4 percent.", "central bank", "rates would stay", False),
        # A continuing participle after a passive clause is still the speaker's.
        ("Coroner Ana Brell said the service has been called to 90 deaths since Monday, noting the usual number for such a period is 40.", "Ana Brell", "the usual number for such a period is 40", False),
        # A clause before the cue that the parser splits in two is all reported.
        ("Up to 10,000 people will be evacuated as rescue and recovery efforts are stepped up, Pera Nolan, the district administrator, told reporters.", "Pera Nolan", "Up to 10,000 people will be evacuated", False),
    ],
)
def test_speech_verbs(nlp, text, speaker, fragment, direct):
    found = summary(nlp, text)
    assert has(found, speaker, fragment, direct), found


@pytest.mark.parametrize(
    ("text", "speaker", "fragment", "direct"),
    [
        # "according to", before and after the statement.
        ("According to the weather service, the storm will reach the coast on Friday.", "weather service", "the storm will reach the coast", False),
        ("The storm will reach the coast on Friday, according to the weather service.", "weather service", "The storm will reach the coast", False),
        # Data with its publisher: the publisher speaks.
        ("The storm killed at least 40 people, according to a revised toll from the Valley Red Cross.", "Valley Red Cross", "killed at least 40 people", False),
        ("According to details released by the Port Authority of Estrava, 12 crew members were on board.", "Port Authority of Estrava", "12 crew members were on board", False),
        ("According to the figures communicated by the prefects, they were 25,000 in Ostrava.", "prefects", "they were 25,000 in Ostrava", False),
        # Data that says whose it is, with no publisher named.
        ("There were at least 300 dead according to unofficial records.", "unofficial records", "at least 300 dead", False),
        # Coordinated clauses are all the source's.
        ("Two more crew are missing and the search goes on, according to the Estravan navy.", "Estravan navy", "Two more crew are missing", False),
        # Two sources for one clause: each has what follows it.
        ("According to the unions, 400,000 marched in the capital, according to the ministry only 80,000.", "ministry", "only 80,000", False),
        # "citing X as saying", "X was quoted by Y as saying": X speaks.
        ("The agency said the toll would rise, citing the Health Bureau as saying that 300 people had died.", "Health Bureau", "300 people had died", False),
        ("Chief coroner Mara Vint was quoted by the Valley Post as saying her office had counted 486 deaths.", "Mara Vint", "her office had counted 486 deaths", False),
        ("The paper quoted Mayor Ilse Varga as saying that 40 boats had sunk.", "Ilse Varga", "40 boats had sunk", False),
        ('"Some 68 passengers were on board," Ilse Varga, a spokeswoman for Estrava Air, was quoted by the Valley Post as saying.', "Ilse Varga", "Some 68 passengers were on board", True),
        # An inverted cue whose subject the parser took for its object.
        ("Some 68 passengers were on board, reported news agency Valnews.", "Valnews", "Some 68 passengers were on board", False),
        ("As many as 40 passengers and three crew members were aboard the ferry that sank between the old pier and the Marlow Island terminal, reported news agency Valnews.", "Valnews", "As many as 40 passengers", False),
        # Plural institutions publish data too.
        ("According to the figures released by the prefectures, 12,000 marched in Orsk.", "prefectures", "12,000 marched in Orsk", False),
        # Data inside an "according to" statement are what the source says, not a source.
        ("According to Brell, earlier data showed that about 50 people die in a normal week.", "Brell", "about 50 people die", False),
        ("The guard spent $11.4 million on overtime, its chief Ana Brell said, while the port authority said it had drawn about $10 million from its reserve.", "port authority", "about $10 million", False),
    ],
)
def test_according_to(nlp, text, speaker, fragment, direct):
    found = summary(nlp, text)
    assert has(found, speaker, fragment, direct), found


@pytest.mark.parametrize(
    ("text", "speaker", "fragment"),
    [
        # The first source keeps only what follows it.
        ("According to the unions, 400,000 marched in the capital, according to the ministry only 80,000.", "unions", "only 80,000"),
        # "citing X as saying": the citer keeps only its own words.
        ("The agency said the toll would rise, citing the Health Bureau as saying that 300 people had died.", "agency", "300 people had died"),
        # Information given to a newspaper is no one's; the one who says it speaks.
        ("According to updated information provided to the Valley Post, the district police say they received 28 calls.", "updated information", "28 calls"),
        ("According to Brell, earlier data showed that about 50 people die in a normal week.", "earlier data", "about 50 people die"),
        # A contrast another source gives after the cue is not the speaker's.
        ("The guard spent $11.4 million on overtime, its chief Ana Brell said, while the port authority said it had drawn about $10 million from its reserve.", "Ana Brell", "about $10 million"),
    ],
)
def test_according_to_stops_where_another_source_starts(nlp, text, speaker, fragment):
    found = summary(nlp, text)
    assert not has(found, speaker, fragment), found


def test_information_given_to_a_newspaper_leaves_the_speaker(nlp):
    text = "According to updated information provided to the Valley Post, the district police say they received 28 calls."
    assert has(summary(nlp, text), "district police", "they received 28 calls"), summary(nlp, text)


@pytest.mark.parametrize(
    ("text", "speaker", "fragment", "direct"),
    [
        # Object and prepositional frames: the content of the request, without its verb.
        ("Governor Paulo Reis urged residents to leave the island.", "Paulo Reis", "residents to leave the island", False),
        ("The charity called for an independent inquiry into the fire.", "charity", "an independent inquiry into the fire", False),
        ("Governor Paulo Reis called on both sides to talk.", "Paulo Reis", "both sides to talk", False),
        ("Governor Paulo Reis called for monitors to be sent to the border.", "Paulo Reis", "monitors to be sent to the border", False),
        ("Governor Paulo Reis warned of severe floods if the dam fails.", "Paulo Reis", "severe floods if the dam fails", False),
    ],
)
def test_object_frames(nlp, text, speaker, fragment, direct):
    assert summary(nlp, text) == [(speaker, fragment, direct)]


@pytest.mark.parametrize(
    ("text", "speaker", "fragment", "direct"),
    [
        # Word order: the speaker before or after the cue.
        ('"The talks are over," said Ambassador Leon Varga.', "Leon Varga", "The talks are over", True),
        ('"The talks are over," Leon Varga said.', "Leon Varga", "The talks are over", True),
        ('"We need more time," central bank spokesman Arvid Holm told reporters.', "Arvid Holm", "We need more time", True),
        ("The risk of a recession remains low, Arvid Holm said on the radio.", "Arvid Holm", "The risk of a recession remains low", False),
    ],
)
def test_word_order(nlp, text, speaker, fragment, direct):
    found = summary(nlp, text)
    assert has(found, speaker, fragment, direct), found


@pytest.mark.parametrize(
    ("text", "speaker", "fragment", "direct"),
    [
        # Colon introduction.
        ('Coach Lena Moritz said: "We played our best game of the season."', "Lena Moritz", "We played our best game", True),
    ],
)
def test_colon_introduction(nlp, text, speaker, fragment, direct):
    found = summary(nlp, text)
    assert has(found, speaker, fragment, direct), found


@pytest.mark.parametrize(
    ("text", "speaker", "fragment", "direct"),
    [
        # Mixed speech: a quoted fragment inside reported speech.
        ('Inspector Omar Haddou said the fire was "almost certainly deliberate."', "Omar Haddou", "the fire was", False),
    ],
)
def test_mixed_speech(nlp, text, speaker, fragment, direct):
    found = summary(nlp, text)
    assert has(found, speaker, fragment, direct), found


@pytest.mark.parametrize(
    ("text", "speaker", "fragment", "direct"),
    [
        # Appositions and relative clauses are not part of the name.
        ("Marta Quell, the head of the port authority, said ships were waiting offshore.", "Marta Quell", "ships were waiting offshore", False),
        ("Farida Nour, who chairs the committee, said the hearing would be public.", "Farida Nour", "the hearing would be public", False),
    ],
)
def test_appositions_and_relative_clauses(nlp, text, speaker, fragment, direct):
    found = summary(nlp, text)
    assert has(found, speaker, fragment, direct), found


@pytest.mark.parametrize(
    ("text", "speaker", "fragment", "direct"),
    [
        # Organisations speak too.
        ("The Interior Ministry said in a statement that the border would reopen.", "Interior Ministry", "the border would reopen", False),
        # A name with a plural possessive is one name, however the model splits it.
        ("Writers' Shield, a media freedom group based in Vienna, said the verdict was unjust.", "Writers' Shield", "the verdict was unjust", False),
        ("The court drew criticism. Reporters' Guard, a group based in Oslo, said the verdict was unjust.", "Reporters' Guard", "the verdict was unjust", False),
    ],
)
def test_organisations_speak(nlp, text, speaker, fragment, direct):
    found = summary(nlp, text)
    assert has(found, speaker, fragment, direct), found


@pytest.mark.parametrize(
    ("text", "speaker", "fragment", "direct"),
    [
        # Subject and object: the addressee is never the speaker.
        ("Foreign Minister Ilse Berg warned her counterpart Jonas Falk that the sanctions would stay.", "Ilse Berg", "the sanctions would stay", False),
        ("Council chair Nadia Brandt told Mayor Piet Olsen that the budget was too small.", "Nadia Brandt", "the budget was too small", False),
    ],
)
def test_addressee_is_not_the_speaker(nlp, text, speaker, fragment, direct):
    found = summary(nlp, text)
    assert has(found, speaker, fragment, direct), found




@pytest.mark.parametrize(
    "text",
    [
        # No cue at all.
        "The bridge reopened in May after two years of repairs.",
        # A speech verb with no content the parse can show.
        "Nobody said anything at the meeting.",
        "The minister praised the volunteers.",
        # A title in quotation marks, a scare quote, and a heading are not statements.
        'The band played "Harbour Lights" at the end of the night.',
        'The "reform" was published on Monday.',
        "'A hard winter'\n\nThe pantry opened early this year.",
        # Documents and agreements are not speakers.
        "The agreement stipulates that troops leave by June.",
        # A pronoun with nobody to refer to gives no speaker.
        "He said the shop would close.",
    ],
)
def test_no_statement(nlp, text):
    assert summary(nlp, text) == []


@pytest.mark.parametrize(
    ("text", "speaker", "fragment"),
    [
        # Pronouns resolve to the nearest subject of the right gender.
        ("Health Minister Sara Blom met aid workers. She said supplies were running low.", "Sara Blom", "supplies were running low"),
        ("Coach Lena Moritz praised her team. \"We never gave up,\" she said.", "Lena Moritz", "We never gave up"),
        # Gender from the given name beats the subject position.
        ("Envoy Tomasz Zielinski met Trade Minister Hanne Kvist on Monday. She said the deal was close.", "Hanne Kvist", "the deal was close"),
        ("Trade Minister Hanne Kvist met envoy Tomasz Zielinski on Monday. He said the deal was close.", "Tomasz Zielinski", "the deal was close"),
        # A role noun resolves to the person who holds that role.
        ("Interior Minister Pavel Dorn visited the camp. The minister said conditions had improved.", "Pavel Dorn", "conditions had improved"),
        # A later surname-only mention resolves to the full name.
        ("Trade Minister Hanne Kvist arrived on Monday. Kvist said the deal was close.", "Hanne Kvist", "the deal was close"),
        # The addressee of the pronoun's own clause is excluded.
        ("Envoy Jonas Falk met Ilse Berg on Monday. He told Berg that the border would stay open.", "Jonas Falk", "the border would stay open"),
        # An organisation's pronoun.
        ("The Transport Ministry issued new rules on Monday. It said the rules would cut delays.", "Transport Ministry", "the rules would cut delays"),
    ],
)
def test_speaker_resolution(nlp, text, speaker, fragment):
    found = summary(nlp, text)
    assert has(found, speaker, fragment), found


def test_quote_interrupted_by_its_cue_is_one_claim(nlp):
    text = 'Coach Lena Moritz spoke after the match. "We are ready," she said. "We have been ready for months."'
    found = statements(nlp, text)
    assert len(found) == 1
    claim = found[0]
    assert claim.speaker.name == "Lena Moritz"
    assert len(claim.segments) == 2
    assert claim.text == "We are ready, … We have been ready for months."
    assert all(text[s:e] in claim.text for s, e in claim.segments)


def test_quoted_paragraph_after_an_attributed_quote_inherits_its_speaker(nlp):
    text = '"The plan is sound," Finance Minister Karel Novak said.\n\n"It will pass in the spring."'
    found = statements(nlp, text)
    assert [(s.speaker.name, s.direct) for s in found] == [("Karel Novak", True), ("Karel Novak", True)]
    assert found[1].text == "It will pass in the spring."


def test_roles_and_mentions_are_kept(nlp):
    text = "Marta Quell, the head of the port authority, said ships were waiting. Quell added that two berths were closed."
    found = statements(nlp, text)
    assert [s.speaker.mention for s in found] == ["Marta Quell", "Quell"]
    assert {s.speaker.role for s in found} == {"head of the port authority"}
    assert [s.cue for s in found] == ["said", "added"]


def test_segments_slice_the_text(nlp):
    text = 'Coach Lena Moritz said: "We played well." Moritz added that the team was tired.'
    for s in statements(nlp, text):
        assert s.text == " … ".join(text[a:b] for a, b in s.segments)
        assert (s.start, s.end) == (s.segments[0][0], s.segments[-1][1])


WEDNESDAY = dt.date(2023, 5, 10)


@pytest.mark.parametrize(
    ("text", "published", "expected"),
    [
        ("Mayor Ada Brightwater said Tuesday that the bridge would reopen.", WEDNESDAY, dt.date(2023, 5, 9)),
        ("Mayor Ada Brightwater said on Wednesday that the bridge would reopen.", WEDNESDAY, WEDNESDAY),
        ("Mayor Ada Brightwater told reporters on May 3 that the bridge would reopen.", WEDNESDAY, dt.date(2023, 5, 3)),
        # Not a single day, or no article date to resolve against: no date.
        ("Mayor Ada Brightwater said last week that the bridge would reopen.", WEDNESDAY, None),
        ("Mayor Ada Brightwater said Tuesday that the bridge would reopen.", None, None),
        # A date inside the statement is not when it was said.
        ("Mayor Ada Brightwater said the bridge would reopen on Friday.", WEDNESDAY, None),
    ],
)
def test_statement_date(nlp, text, published, expected):
    found = statements(nlp, text, published)
    assert len(found) == 1
    assert found[0].date == expected


@pytest.mark.parametrize(
    ("text", "published", "fragment", "expected", "source"),
    [
        # The day right after the cue is the saying's, even where the parser hangs it on
        # the content; the content starts after it.
        ("Mayor Ada Brightwater said on Tuesday the bridge would reopen.", WEDNESDAY, "the bridge would reopen", dt.date(2023, 5, 9), "text"),
        # A status given as of the article's day was given that day; as of an earlier day, any day since.
        ("Mayor Ada Brightwater said that as of Wednesday morning the bridge was closed.", WEDNESDAY, "the bridge was closed", WEDNESDAY, "text"),
        ("Mayor Ada Brightwater said that as of Monday morning the bridge was closed.", WEDNESDAY, "the bridge was closed", None, None),
        # A speech act continued by a participle or a coordinated verb keeps its day.
        ("The ferry company said on Tuesday the boats were full, adding that more would sail in June.", WEDNESDAY, "more would sail in June", dt.date(2023, 5, 9), "context"),
        ("Three council members held a news conference on Monday and said they would not sign the budget.", WEDNESDAY, "they would not sign the budget", dt.date(2023, 5, 8), "context"),
        # Reported as current (present cue, present or perfect reported words, quoted words
        # dated "today") with nothing dating the saying: the article's date.
        ("The harbor minister says the bridge is closed.", WEDNESDAY, "the bridge is closed", WEDNESDAY, "article"),
        ("Mayor Ada Brightwater said the bridge has been closed since Friday.", WEDNESDAY, "the bridge has been closed", WEDNESDAY, "article"),
        ("Mayor Ada Brightwater said the ferry will sail at noon.", WEDNESDAY, "the ferry will sail at noon", WEDNESDAY, "article"),
        ("\"We opened the new pier today and it has room for ten boats,\" the harbor master said.", WEDNESDAY, "We opened the new pier", WEDNESDAY, "article"),
        # Shifted back, said "has said" (any time up to now), dated to no single day, or quoted
        # words with no day of their own: no date.
        ("Mayor Ada Brightwater said the bridge was closed.", WEDNESDAY, "the bridge was closed", None, None),
        ("Mayor Ada Brightwater said the ferry would sail at noon.", WEDNESDAY, "the ferry would sail at noon", None, None),
        ("The dockworkers' union has said the strike will go on.", WEDNESDAY, "the strike will go on", None, None),
        ("Mayor Ada Brightwater said last week the bridge is closed.", WEDNESDAY, "the bridge is closed", None, None),
        ("\"We are ready for the boats,\" the harbor master said.", WEDNESDAY, "We are ready", None, None),
        # No article date: nothing to give.
        ("The harbor minister says the bridge is closed.", None, "the bridge is closed", None, None),
        # A wire dateline is not the speaker.
        ("EASTVALE, May 9 Northland President Ada Bell said on Tuesday the port is open.", WEDNESDAY, "the port is open", dt.date(2023, 5, 9), "text"),
    ],
)
def test_statement_date_and_its_source(nlp, text, published, fragment, expected, source):
    found = [s for s in statements(nlp, text, published) if fragment in s.text]
    assert len(found) == 1, [(s.speaker.name, s.text) for s in statements(nlp, text, published)]
    assert (found[0].date, found[0].date_source) == (expected, source)


@pytest.mark.parametrize(
    ("text", "content"),
    [
        ("Mayor Ada Brightwater said on Tuesday the bridge would reopen.", "the bridge would reopen"),
        ("Mayor Ada Brightwater said Tuesday the bridge would reopen.", "the bridge would reopen"),
        # A date after the content's subject is the content's.
        ("Mayor Ada Brightwater said the bridge would reopen on Tuesday.", "the bridge would reopen on Tuesday"),
    ],
)
def test_the_day_of_saying_is_not_content(nlp, text, content):
    assert [s.text for s in statements(nlp, text, WEDNESDAY)] == [content]


def test_a_dateline_is_not_a_speaker(nlp):
    found = summary(nlp, "EASTVALE, May 9 Northland President Ada Bell said on Tuesday the port is open.")
    assert [name for name, _, _ in found] == ["Ada Bell"]


@pytest.mark.parametrize(
    ("text", "fragment", "expected"),
    [
        # A role the name is set off after is the person's: "the NEB chairman" later is them.
        (
            "The NEB Chairman, Prof. Ada Okafor, announced the result in Lindport. The NEB chairman said turnout was low.",
            "turnout was low",
            "Ada Okafor",
        ),
        # A family name written first is the bare name of the only person it starts.
        ("Lee Min-ho said he jumped into the sea. Lee said the water was cold.", "the water was cold", "Lee Min-ho"),
        ("President Park Hye-Jin visited the clinic. Park has scolded officials for their slow response.", "officials for their slow response", "Park Hye-Jin"),
        # ... not of two such people,
        (
            "Lee Min-ho said he jumped into the sea. Lee Ji-eun said she swam to a boat. Lee said the water was cold.",
            "the water was cold",
            "Lee",
        ),
        # A ministry that names its own owner is not the last-named minister's.
        (
            "Norvania's defence minister, Ivo Tallin, said the truce would hold. The Lindor defence ministry said two soldiers were wounded.",
            "two soldiers were wounded",
            "Lindor defence ministry",
        ),
        # ... and a surname still goes to the person it ends.
        ("Jean Dupont said the port was closed. Dupont said the ships were waiting.", "the ships were waiting", "Jean Dupont"),
    ],
)
def test_names_and_roles_inside_an_article(nlp, text, fragment, expected):
    found = [s for s in statements(nlp, text) if fragment in s.text]
    assert [s.speaker.name for s in found] == [expected]


# --- more cues: statements, colons, claims of fact and denials ---------------------------


@pytest.mark.parametrize(
    ("text", "speaker", "fragment"),
    [
        ("The Ministry of Health said in a statement that the outbreak was under control.", "Ministry of Health", "the outbreak was under control"),
        ("In a statement, the regional council said the road would be closed.", "regional council", "the road would be closed"),
        ("Transport Secretary Lise Amundsen acknowledged that the timetable had slipped.", "Lise Amundsen", "the timetable had slipped"),
        ("Economist Tunde Bakare argues that inflation has peaked.", "Tunde Bakare", "inflation has peaked"),
        ("The chief executive, Pilar Ortega, announced that the plant would close.", "Pilar Ortega", "the plant would close"),
        ("Prosecutor Jan Wolski stressed that no charges had been filed.", "Jan Wolski", "no charges had been filed"),
        ("Senator Ruth Okafor made clear that she would vote against the bill.", "Ruth Okafor", "she would vote against the bill"),
        # A denial keeps its verb: the claim is not what is denied.
        ("The company denies that it dumped waste in the river.", "company", "denies that it dumped waste"),
        # "said X, but added that Y" is one statement.
        ("Mayor Ada Brightwater said the budget was tight but added that no jobs would go.", "Ada Brightwater", "no jobs would go"),
        # The that-clause the parser hangs on an adjunct.
        ("The ministry said after the meeting that the talks would resume.", "ministry", "the talks would resume"),
    ],
)
def test_more_cues(nlp, text, speaker, fragment):
    found = summary(nlp, text)
    assert has(found, speaker, fragment), found


def test_said_but_added_is_a_single_statement(nlp):
    found = summary(nlp, "Mayor Ada Brightwater said the budget was tight but added that no jobs would go.")
    assert len(found) == 1
    assert "the budget was tight" in found[0][1] and "no jobs would go" in found[0][1]


def test_denial_text_keeps_the_verb(nlp):
    [(speaker, text, _)] = summary(nlp, "The company denies that it dumped waste in the river.")
    assert text.startswith("denies")


@pytest.mark.parametrize(
    "text",
    [
        # Motives and states of mind described by the writer are not statements.
        "Residents stocked up on water, fearing the storm would cut supplies.",
        "Investors sold shares, hoping to limit their losses.",
        "She declined to comment.",
        "The company declined to comment on the layoffs.",
        "The figures showed that emissions had fallen.",
    ],
)
def test_not_statements(nlp, text):
    assert summary(nlp, text) == []


# --- quotation marks --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "speaker", "fragment", "direct"),
    [
        ("“We will not give up,” said union leader Mira Kovac.", "Mira Kovac", "We will not give up", True),
        ("‘We will not give up,’ said union leader Mira Kovac.", "Mira Kovac", "We will not give up", True),
        ("'We will not give up,' said union leader Mira Kovac.", "Mira Kovac", "We will not give up", True),
        # Mixed glyphs from a feed.
        ("“We will not give up,\" said union leader Mira Kovac.", "Mira Kovac", "We will not give up", True),
        # Apostrophes inside the quotation are not marks.
        ("\"We won't give up, it's our town,\" said union leader Mira Kovac.", "Mira Kovac", "it's our town", True),
        # A feed that dropped the quotation marks still gives reported speech.
        ("We will not give up, union leader Mira Kovac said.", "Mira Kovac", "We will not give up", False),
        ("Union leader Mira Kovac said the strike would go on and that the members were united.", "Mira Kovac", "the members were united", False),
    ],
)
def test_quotation_marks(nlp, text, speaker, fragment, direct):
    found = summary(nlp, text)
    assert has(found, speaker, fragment, direct), found


def test_odd_number_of_marks_does_not_stop_the_article(nlp):
    text = (
        'Union leader Mira Kovac said the offer was "an insult.\n\n'
        '"We will vote on Friday," Kovac said.'
    )
    found = summary(nlp, text)
    assert has(found, "Mira Kovac", "We will vote on Friday", True), found


# --- speakers: names the model mislabels ---------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        # The small model tags these surnames as organisations; the pronoun that
        # follows shows a person.
        "Okonkwo said the talks would continue. She added that a deal was close.",
        "Drozdov said the talks would continue. He added that a deal was close.",
        # Tagged PERSON once and ORG once: still one person.
        "Foreign Minister Ilona Vasquez said the talks would continue. Vasquez added that a deal was close.",
    ],
)
def test_mislabelled_names_speak_as_people(nlp, text):
    found = statements(nlp, text)
    assert len(found) == 2
    assert {s.speaker.kind for s in found} == {"person"}
    assert len({s.speaker.name for s in found}) == 1


# --- what each claim keeps --------------------------------------------------------------


def test_claim_keeps_cue_direct_flag_mention_and_offsets(nlp):
    text = 'Finance Minister Karel Novak spoke on Monday. "Taxes will not rise," he said.'
    [claim] = statements(nlp, text)
    assert claim.cue == "said"
    assert claim.direct is True
    assert claim.speaker.mention == "he"
    assert claim.speaker.name == "Karel Novak"
    assert claim.speaker.role == "Finance Minister"
    assert text[claim.start : claim.end] == "Taxes will not rise"


# --- parses that lose the structure: read the surface ------------------------------------


@pytest.mark.parametrize(
    ("text", "speaker", "fragment"),
    [
        # "<statement>, the company said." with no complement in the parse.
        ("Satellite pictures taken by the private firm Skylens show dozens of trucks near the bridge, the company said.", "Skylens", "dozens of trucks near the bridge"),
        # A speaker set off by commas after the quotation, the verb left without a subject.
        ('Observers met on Monday. "A hotline sounds small. It saves lives," the centre\'s director, Ilona Berger, tweeted.', "Ilona Berger", "A hotline sounds small"),
        # Naming frames.
        ("Opposition leader Rana Aziz described the budget as a gift to landlords.", "Rana Aziz", "the budget as a gift to landlords"),
        ('The novelist Eva Lindgren called the decision "cowardly and absurd."', "Eva Lindgren", "cowardly and absurd"),
        ("Human rights lawyer Omar Saleh accused the police of hiding evidence.", "Omar Saleh", "the police of hiding evidence"),
        # A statement sourced to a document is its author's.
        ("More than 900 people have died since March, according to a tally by the Harbour Watch Network.", "Harbour Watch Network", "More than 900 people have died"),
    ],
)
def test_surface_readings(nlp, text, speaker, fragment):
    found = summary(nlp, text)
    assert has(found, speaker, fragment), found


@pytest.mark.parametrize(
    ("text", "speaker", "fragment"),
    [
        # "it" after an unnamed institution that was the last subject.
        ("Norvania's transport ministry rejected the claims. It said the trains had been inspected.", "Norvania's transport ministry", "the trains had been inspected"),
        # "the ministry" after its minister.
        ("Defence Minister Arvo Kask denied the report. The ministry said no troops had moved.", "Defence Ministry", "no troops had moved"),
        # Unnamed groups speak through a plural subject.
        ("The talks ended without a deal, the Swiss hosts said.", "Swiss hosts", "The talks ended without a deal"),
        # "the singer" after "Spanish singer X".
        ("Spanish singer Carmen Vidal raised money for the shelters. The singer said she would give all royalties away.", "Carmen Vidal", "she would give all royalties away"),
        # Two people share a surname: the bare surname is the story's subject.
        (
            "A court jailed blogger Pavel Orlov on Tuesday. He is not related to Defence Minister Igor Orlov. "
            '"I only counted the dead," Orlov told the court.',
            "Pavel Orlov",
            "I only counted the dead",
        ),
        # The model tags the given name as a place; the table of given names knows better.
        ("Norwegian ski jumper Magnus Tveit won on Saturday. Tveit said the second jump was his best.", "Magnus Tveit", "the second jump was his best"),
    ],
)
def test_more_resolution(nlp, text, speaker, fragment):
    found = summary(nlp, text)
    assert has(found, speaker, fragment), found


# --- interviews, transcripts, feeds without quotation marks, commitments -----------------


def test_interview_paragraph_belongs_to_the_person_just_described(nlp):
    text = (
        "Marta Quell runs the port. When I ask her about the delays she talks for five minutes.\n\n"
        '"We had no cranes and no money. Now we have both.'
    )
    found = summary(nlp, text)
    assert has(found, "Marta Quell", "We had no cranes and no money", True), found


def test_transcript_lines_are_statements_of_the_named_person(nlp):
    text = "Coach Lena Moritz took questions.\n\nQ: Will you stay?\n\nMoritz: I have not decided."
    found = summary(nlp, text)
    assert has(found, "Lena Moritz", "I have not decided", True), found
    assert not any("Will you stay" in t for _, t, _ in found)


def test_feed_without_quotation_marks_keeps_first_person_continuations(nlp):
    text = "The harbour needs money now, mayor Ada Brightwater said. We cannot wait another winter."
    [(speaker, quote, _)] = summary(nlp, text)
    assert speaker == "Ada Brightwater"
    assert "We cannot wait another winter" in quote


def test_continuations_need_a_feed_without_quotation_marks(nlp):
    text = 'The harbour needs money now, mayor Ada Brightwater said. We cannot wait, "locals" say.'
    found = summary(nlp, text)
    assert not any("We cannot wait" in quote for name, quote, _ in found if name == "Ada Brightwater")


@pytest.mark.parametrize(
    ("text", "speaker", "fragment"),
    [
        ("Prime Minister Arvo Kask promised to cut fuel taxes within a year.", "Arvo Kask", "to cut fuel taxes within a year"),
        ("The company announced 400 new jobs at its northern plant.", "company", "400 new jobs at its northern plant"),
        ("Opposition leader Rana Aziz, declaring that the vote was rigged, left the hall.", "Rana Aziz", "the vote was rigged"),
    ],
)
def test_commitments_and_announcements(nlp, text, speaker, fragment):
    found = summary(nlp, text)
    assert has(found, speaker, fragment), found


def test_a_relative_clause_holds_its_own_statement(nlp):
    text = "The envoys agreed to meet again in May, which Mayor Ada Brightwater called a hopeful sign."
    found = summary(nlp, text)
    assert has(found, "Ada Brightwater", "a hopeful sign"), found
    assert not any("hopeful" in quote for name, quote, _ in found if name != "Ada Brightwater")


@pytest.mark.parametrize(
    ("text", "speaker", "fragment"),
    [
        # Particles belong to the surname, however the model cuts the name.
        ("Agency chief Marieke van der Brugge said the audit was complete. \"We found no fraud,\" van der Brugge said.", "Marieke van der Brugge", "We found no fraud"),
        ("Economy Minister Tomas de la Fuente said prices would fall. De la Fuente added that wages would rise.", "Tomas de la Fuente", "wages would rise"),
        ("Energy Minister Faisal bin Rashed said output would hold steady.", "Faisal bin Rashed", "output would hold steady"),
        # A long title whose phrase closes with the name.
        ("\"The camps are full,\" UN High Commissioner for Displaced Persons Helena Marsk told reporters.", "Helena Marsk", "The camps are full"),
        ("Deputy Special Representative for Coastal Affairs Daniel Okafor said the talks would resume.", "Daniel Okafor", "the talks would resume"),
        # Abbreviated ranks are titles, not names.
        ("Gen. Pavel Rudenko said the brigade had withdrawn.", "Pavel Rudenko", "the brigade had withdrawn"),
        ("Lt. Col. Amira Haddad told reporters the convoy had stalled.", "Amira Haddad", "the convoy had stalled"),
    ],
)
def test_names_inside_titles_and_with_particles(nlp, text, speaker, fragment):
    found = summary(nlp, text)
    assert any(name == speaker and fragment in said for name, said, _ in found), found


@pytest.mark.parametrize(
    "text",
    [
        # A given name that is only part of a longer name is nobody in particular.
        "Staff at the Grace Church Street office said the building was safe.",
        "Crowds at the Victoria Station Road entrance said they had waited for hours.",
    ],
)
def test_given_names_inside_longer_names_are_not_people(nlp, text):
    from claimtrack.nlp.components import entities

    assert [e.name for e in entities(nlp(text)) if e.kind == "person"] == []


@pytest.mark.parametrize(
    ("text", "speaker", "fragment"),
    [
        # "that" determining a bare noun stays in the statement.
        ("Farida Nour said that account was \"simply wrong\".", "Farida Nour", "that account was"),
        # An "according to" source says what the subject agreed to.
        (
            "At talks in Tromso on Thursday, the two delegations agreed to reopen the ferry route, according to Petra Lind, an adviser to the governor.",
            "Petra Lind",
            "agreed to reopen the ferry route",
        ),
        # "confirmed" with an object: the object is what is confirmed.
        ("The regional health office has confirmed at least 40 new infections.", "regional health office", "at least 40 new infections"),
        # A contrast the parser hangs on the speech verb is still part of the statement.
        (
            "Chief negotiator Mira Tal said on Friday that some of the talks were \"coming to an end,\" while others would continue until March 3.",
            "Mira Tal",
            "while others would continue until March 3",
        ),
        # A "with" phrase after an inverted cue carries the statement on.
        (
            "More than 8,000 people have now left the city, the regional governor said on Monday, with more than half of them heading south.",
            "regional governor",
            "more than half of them heading south",
        ),
        # The named apposition after a title speaks, wherever the parser hangs it.
        ("Chile's ambassador to Norway, Erik Vold, said Oslo was \"working on a new deal\" with Santiago.", "Erik Vold", "working on a new deal"),
        # Restating a claim named by a noun: the noun's "that" clause is the statement.
        ("Governor Ana Ruiz repeated claims that the dam had been sabotaged.", "Ana Ruiz", "the dam had been sabotaged"),
        ("The governor renewed her warning that the reservoir could burst within days.", "governor", "the reservoir could burst"),
        # A quotation closed by a full stop is not attributed to a request that follows it.
        (
            "\"We will keep the shelter open,\" Mayor Ana Ruiz said in a video address. \"We cannot do this alone.\" Valverde has asked the regional government for help.",
            "Ana Ruiz",
            "We cannot do this alone",
        ),
    ],
)
def test_statement_content_and_source_edges(nlp, text, speaker, fragment):
    found = summary(nlp, text)
    assert any(name == speaker and fragment in said for name, said, _ in found), found


def test_dismissing_a_claim_is_not_making_it(nlp):
    found = summary(nlp, "Minister Olav Berg dismissed claims that the dam had been sabotaged.")
    assert not any(said.startswith("the dam had been sabotaged") for _, said, _ in found), found


def test_a_contrast_with_its_own_cue_stays_a_separate_statement(nlp):
    found = summary(nlp, "Mira Tal said the talks were ending, while Olav Berg said they would go on for weeks.")
    assert not any(name == "Mira Tal" and "go on for weeks" in said for name, said, _ in found), found


PUBLISHED_WEDNESDAY = dt.date(2023, 5, 17)


@pytest.mark.parametrize(
    ("text", "fragment", "expected"),
    [
        # A participle after an inverted cue does not swallow the cue and its date.
        (
            "More than 6,000 people have fled the valley since the floods began last Thursday, the relief agency said on Tuesday, warning that the roads were closing.",
            "More than 6,000 people have fled",
            dt.date(2023, 5, 16),
        ),
        # Statements by the speaker of a dated statement, in the same or the next
        # paragraph, were made on that occasion.
        (
            "Mayor Ana Ruiz said on Monday that the bridge would reopen.\n\n\"We owe it to the drivers,\" Ruiz said.",
            "We owe it to the drivers",
            dt.date(2023, 5, 15),
        ),
        # ... unless their own sentence puts them on another occasion.
        (
            "Mayor Ana Ruiz said on Monday that the bridge would reopen.\n\nRuiz had earlier said the repairs would take a year.",
            "the repairs would take a year",
            None,
        ),
        # ... or they are further away than the next paragraph.
        (
            "Mayor Ana Ruiz said on Monday that the bridge would reopen.\n\nThe river rose again overnight.\n\nTraffic was light.\n\n\"We owe it to the drivers,\" Ruiz said.",
            "We owe it to the drivers",
            None,
        ),
    ],
)
def test_statement_dates_from_the_same_occasion(nlp, text, fragment, expected):
    found = [s for s in statements(nlp, text, PUBLISHED_WEDNESDAY) if fragment in s.text]
    assert found and found[0].date == expected, [(s.text, s.date) for s in found]


@pytest.mark.parametrize(
    ("text", "speaker", "mention", "cue", "content"),
    [
        # The noun's owner speaks; the content is its prepositional object, that-clause
        # or to-infinitive.
        ("Senator Ada Brightwater's call for a ban on the imports drew criticism.", "Ada Brightwater", "Ada Brightwater's", "call", "a ban on the imports"),
        ("The Brightwater campaign's statement that the vote was rigged was false.", "Brightwater campaign", "Brightwater campaign's", "statement", "the vote was rigged"),
        ("Mayor Tomas Ekdahl's support for the new harbour bridge surprised his colleagues.", "Tomas Ekdahl", "Tomas Ekdahl's", "support", "the new harbour bridge"),
        ("Senator Rana Aziz spoke on Monday. Her comments about the strike at the port angered the union.", "Rana Aziz", "Her", "comments", "the strike at the port"),
        ("Governor Tomas Ekdahl spoke on Monday. His promise to cut fuel taxes won him the race.", "Tomas Ekdahl", "His", "promise", "to cut fuel taxes"),
        # A "by" phrase names the speaker, wherever the parser hangs it.
        ("The plan drew criticism of the new tax on fuel by Mayor Tomas Ekdahl.", "Tomas Ekdahl", "Tomas Ekdahl", "criticism", "the new tax on fuel"),
        # The subject of a verb that voices the noun speaks.
        ("Acme Corp issued a statement that the factory would close in May.", "Acme Corp", "Acme Corp", "statement", "the factory would close in May"),
        ("Ada Brightwater made a promise to cut taxes for farmers.", "Ada Brightwater", "Ada Brightwater", "promise", "to cut taxes for farmers"),
        ("Ada Brightwater renewed her call for a ban on the imports.", "Ada Brightwater", "Ada Brightwater", "call", "a ban on the imports"),
        ("The union voiced strong opposition to the merger of the two banks.", "union", "union", "opposition", "the merger of the two banks"),
        # ... and the subject of the verb an "in" phrase qualifies.
        ("The dock workers marched to the ministry in the hope that the talks would resume.", "dock workers", "dock workers", "hope", "the talks would resume"),
        # The clause after a copula, or hung on the main verb right after the noun.
        ("Rana Aziz's argument is that the budget cannot be balanced this year.", "Rana Aziz", "Rana Aziz's", "argument", "the budget cannot be balanced this year"),
        ("Both parties will be targets for Ada Brightwater's false claims that she is an advocate for farmers.", "Ada Brightwater", "Ada Brightwater's", "claims", "she is an advocate for farmers"),
        # "In X's view" sources the clause around it, as "according to" does.
        ("In Ada Brightwater's view, the bridge must close for repairs.", "Ada Brightwater", "Ada Brightwater's", "view", "the bridge must close for repairs"),
        ("The plan, in Ada Brightwater's words, is a disaster for the harbour.", "Ada Brightwater", "Ada Brightwater's", "words", "The plan … is a disaster for the harbour"),
        # A "from" phrase between the noun and its content names the speaker.
        ("Warnings from doctors about the spread of the virus went unheeded.", "doctors", "doctors", "Warnings", "the spread of the virus"),
        ("Ada Brightwater campaigned in the north in hopes of winning the farm vote.", "Ada Brightwater", "Ada Brightwater", "hopes", "winning the farm vote"),
    ],
)
def test_nominal_attributions(nlp, text, speaker, mention, cue, content):
    found = [(s.speaker.name, s.speaker.mention, s.cue, s.text) for s in statements(nlp, text) if s.attribution == Attribution.nominal]
    assert any(
        (name, said_by, word) == (speaker, mention, cue) and said.rstrip(".") == content for name, said_by, word, said in found
    ), found


@pytest.mark.parametrize(
    "text",
    [
        "There were calls for calm across the city.",  # nobody calls
        "The bill's supporters gathered outside the parliament.",  # a person noun, not a statement
        "The clerk sent him a statement of account.",  # no content of a statement
        "Ada Brightwater's support for Rubio was no surprise.",  # a bare name says whom, not what
        "Ada Brightwater's remarks on Tuesday drew applause.",  # "on" gives an occasion
        "The ferry company's promise to its passengers was broken.",  # "to" gives whom
        "Critics took issue with the claim that the vote was rigged.",  # the critics' target, not their claim
        "In my view, the bridge must close.",  # the writer's own view
        "Who in their right mind would vote for the plan?",  # an idiom inside its clause
        "Voters are evenly divided in their opinions of the mayor.",  # not set off by commas
        "The judge's decision was final.",  # no content
    ],
)
def test_nouns_without_a_nominal_attribution(nlp, text):
    assert not [s for s in statements(nlp, text) if s.attribution == Attribution.nominal]


@pytest.mark.parametrize(
    ("text", "content"),
    [
        # A noun inside a statement is part of it.
        ("Ada Brightwater said the mayor's plan to close the bridge was reckless.", "the mayor's plan to close the bridge was reckless"),
        # "said in a statement that" is one statement, and its clause keeps its own "by".
        (
            "Minister Ada Brightwater said in a statement that the tariff was a lawful response to dumping by foreign exporters.",
            "the tariff was a lawful response to dumping by foreign exporters",
        ),
    ],
)
def test_one_statement_where_a_verb_and_a_noun_meet(nlp, text, content):
    found = statements(nlp, text)
    assert [(s.speaker.name, s.cue, s.attribution, s.text) for s in found] == [
        ("Ada Brightwater", "said", Attribution.statement, content)
    ]
