"""Figures: which numbers count, what they count, and who gives them."""

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
