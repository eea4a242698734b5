"""Figures: which numbers count, what they count, and who gives them."""

import datetime as dt

import pytest

from claimtrack.extract.figures import extract_figures
from claimtrack.extract.quotes import extract_statements
from claimtrack.nlp.pipeline import DEFAULT_MODEL, load_pipeline


@pytest.fixture(scope="module")
def nlp():
    return load_pipeline(DEFAULT_MODEL)


def figures(nlp, text):
    doc = nlp(text)
    return extract_figures(doc, extract_statements(doc))


@pytest.mark.parametrize(
    ("text", "phrase", "low", "high", "category", "unit"),
    [
        ("The army moved 4,500 troops to the border.", "4,500 troops", 4500, 4500, "troops", "troops"),
        ("More than 200 soldiers took part in the drill.", "More than 200 soldiers", 200, None, "troops", "soldiers"),
        ("Tens of thousands of troops remain in the region.", "Tens of thousands of troops", 10000, 99999, "troops", "troops"),
        ("The fighting has claimed 1,300 lives since March.", "1,300 lives", 1300, 1300, "casualties", "lives"),
        # The verb gives the category when no noun follows the number.
        ("The epidemic has killed more than 6,000 in the province.", "more than 6,000", 6000, None, "casualties", None),
        ("The attacks killed at least 40 people on Sunday.", "at least 40 people", 40, None, "casualties", "people"),
        ("Some 3,000 refugees crossed the river overnight.", "Some 3,000 refugees", 2700, 3300, "people", "refugees"),
        ("The embassy evacuated 120 staff.", "120 staff", 120, 120, "people", "staff"),
        ("Parliament approved $2.5 billion for new schools.", "$2.5 billion", 2_500_000_000, 2_500_000_000, "money", "USD"),
        ("The fund lent €300m to the utility.", "€300m", 300_000_000, 300_000_000, "money", "EUR"),
        # Money without its currency sign, known by what it pays for.
        ("The council approved 15 million in flood assistance.", "15 million in flood assistance", 15_000_000, 15_000_000, "money", "assistance"),
        ("The navy will buy 12 helicopters.", "12 helicopters", 12, 12, "equipment", "helicopters"),
        ("Talks lasted nine hours.", "nine hours", 9, 9, "duration", "hours"),
        ("Between 5,000 and 7,000 workers joined the march.", "Between 5,000 and 7,000 workers", 5000, 7000, "people", "workers"),
        # Vague magnitudes and qualifiers.
        ("Hundreds of protesters gathered outside.", "Hundreds of protesters", 100, 999, "people", "protesters"),
        ("Dozens of drones were launched overnight.", "Dozens of drones", 24, 99, "equipment", "drones"),
        ("An estimated 120,000 people are cut off.", "An estimated 120,000 people", 108000, 132000, "people", "people"),
        ("Nearly 600 evacuees reached the camp.", "Nearly 600 evacuees", 540, 600, "people", "evacuees"),
        ("Up to 300 staff could lose their jobs.", "Up to 300 staff", None, 300, "people", "staff"),
        ("Fewer than 40 tanks remain in service.", "Fewer than 40 tanks", None, 40, "equipment", "tanks"),
        # Scales and currencies.
        ("The bank lent $1.2bn to the port.", "$1.2bn", 1_200_000_000, 1_200_000_000, "money", "USD"),
        ("The plan will cost 1.5 billion euros.", "1.5 billion euros", 1_500_000_000, 1_500_000_000, "money", "EUR"),
        ("The ministry set aside 9 billion thalers for repairs.", "9 billion thalers", 9_000_000_000, 9_000_000_000, "money", "thalers"),
        # The verb, or the subject of "rose to", says what is counted.
        ("The confirmed death toll rose to 214 on Sunday.", "214", 214, 214, "casualties", "toll"),
        ("Shelling wounded 30 soldiers near the river.", "30 soldiers", 30, 30, "casualties", "soldiers"),
        ("Police detained at least 300 Karovians at the border.", "at least 300 Karovians", 300, None, "people", "karovians"),
        # Human nouns the lists do not name, by their ending.
        ("About 6,500 shunters walked out.", "About 6,500 shunters", 5850, 7150, "people", "shunters"),
    ],
)
def test_figure_read(nlp, text, phrase, low, high, category, unit):
    found = figures(nlp, text)
    assert len(found) == 1, found
    f = found[0]
    assert f.text == phrase
    assert (f.figure.low, f.figure.high, f.figure.category, f.figure.unit) == (low, high, category, unit)


@pytest.mark.parametrize(
    "text",
    [
        # Years, dates, clock times and timestamps.
        "The treaty was signed in 2015.",
        "The vote is set for March 14, 2024.",
        "The meeting started at 10:30 on Monday.",
        "Updated 09:03:43 GMT",
        # Ordinals, ages and numbers inside names.
        "She finished third in the race.",
        "The 45-year-old driver was unhurt.",
        "Leaders of the G20 met in the capital.",
        "The F-16 landed safely.",
        # Small bare numbers and pronoun "one".
        "No one else came to the hearing.",
        "He scored 2 in the second half.",
        # Percentages are not counts.
        "Turnout fell by 12 percent.",
        # Measurements, phone numbers, years before a noun, and page furniture.
        "Temperatures fell to minus 25 degrees.",
        "She landed a jump of 141 metres.",
        "Call the helpline on 0800 555 0143.",
        "The 2023 budget was passed in March.",
        "Leaders of the G7 met in Rome.",
        "The Minsk-2 agreement was never applied.",
        "The 35-hour week was scrapped.",
        "Updated 09:03:43 GMT, 0:00 0:01:02",
        # Vague words and small spelled counts with nothing worth counting.
        "Thousands have already left.",
        "Two general staffs met on Friday.",
        "He named three books he had read.",
        # Numbers inside a name.
        "Spokeswoman Ana Ten Velde spoke to reporters.",
    ],
)
def test_not_a_figure(nlp, text):
    assert figures(nlp, text) == []


@pytest.mark.parametrize(
    ("text", "phrase", "speaker"),
    [
        # Inside a statement: the statement's speaker gives it.
        ('"We lost 300 homes in one night," Mayor Ada Brightwater said.', "300 homes", "Ada Brightwater"),
        ("Police chief Ivo Marek said 2,000 officers would be on duty.", "2,000 officers", "Ivo Marek"),
        ("About 8,000 troops are massed near the border, according to the defence ministry.", "About 8,000 troops", "defence ministry"),
        # "X put the number at N": X gives it, and "the number" is the quantity named before.
        ("Organisers said 50,000 people marched. Police put the number at 20,000.", "20,000", "Police"),
        # No attribution: the outlet itself.
        ("The storm destroyed 400 homes.", "400 homes", None),
    ],
)
def test_figure_source(nlp, text, phrase, speaker):
    found = {f.text: f for f in figures(nlp, text)}
    assert phrase in found, list(found)
    got = found[phrase].speaker
    assert (got.name if got else None) == speaker


def test_the_number_takes_the_category_of_the_quantity_before_it(nlp):
    text = "Organisers said 50,000 people marched. Police put the number at 20,000."
    found = {f.text: f for f in figures(nlp, text)}
    assert found["20,000"].figure.category == "people"
    assert found["20,000"].figure.unit == "people"


@pytest.mark.parametrize(
    ("text", "phrase", "owner", "place", "since"),
    [
        ("Russia has amassed more than 100,000 troops near the border with Ukraine.", "more than 100,000 troops", "Russia", "near the border with Ukraine", None),
        ("About 4,000 Norvanian soldiers are stationed in the northern province.", "About 4,000 Norvanian soldiers", "Norvanian", "in the northern province", None),
        ("The war has claimed more than 9,000 lives since April 2019.", "more than 9,000 lives", None, None, "April 2019"),
        ("The storm destroyed 400 homes.", "400 homes", None, None, None),
    ],
)
def test_figure_context(nlp, text, phrase, owner, place, since):
    found = {f.text: f for f in figures(nlp, text)}
    figure = found[phrase].figure
    assert (figure.owner, figure.place, figure.since) == (owner, place, since)


def test_the_number_inherits_what_the_figure_before_it_measured(nlp):
    text = (
        "Norvania has moved more than 30,000 troops near the border with Estrava, officials said. "
        "Last week, Estravan intelligence put the number at 42,000."
    )
    found = {f.text: f for f in figures(nlp, text)}
    figure = found["42,000"].figure
    assert (figure.category, figure.owner, figure.place) == ("troops", "Norvania", "near the border with Estrava")
    assert figure.when == "Last week" and figure.as_of is None


def test_as_of_date_from_the_verb(nlp):
    doc = nlp("On Monday around 3,000 reservists were called up.")
    [figure] = extract_figures(doc, extract_statements(doc), published=dt.date(2023, 5, 10))
    assert (figure.figure.when, figure.figure.as_of) == ("Monday", dt.date(2023, 5, 8))


@pytest.mark.parametrize(
    ("text", "phrase", "speaker"),
    [
        # "N acknowledged by X" is X's, even inside someone else's statement.
        ("The blogger wrote that 4,000 soldiers had died, far more than the 312 deaths acknowledged by the ministry.", "312 deaths", "ministry"),
        # Estimates and reports by the subject.
        ("The company reported revenue of $2.1 billion.", "$2.1 billion", "company"),
        ("Health officials confirmed 87 cases of measles.", "87 cases", "Health officials"),
    ],
)
def test_more_figure_sources(nlp, text, phrase, speaker):
    found = {f.text: f for f in figures(nlp, text)}
    assert phrase in found, list(found)
    assert found[phrase].speaker is not None and found[phrase].speaker.name == speaker


@pytest.mark.parametrize(
    ("text", "phrase", "planned"),
    [
        ("Norvania could invade with 175,000 troops, officials warned.", "175,000 troops", True),
        ("A planned force of 50,000 soldiers would cross in spring.", "50,000 soldiers", True),
        ("Norvania has moved 100,000 troops to the border.", "100,000 troops", False),
    ],
)
def test_planned_figures_are_marked(nlp, text, phrase, planned):
    found = {f.text: f for f in figures(nlp, text)}
    assert found[phrase].figure.planned is planned
