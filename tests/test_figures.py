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
        ("Nearly 9,000 Aldovian nationals have left.", "Nearly 9,000 Aldovian nationals", 8100, 9000, "people", "nationals"),
        ("More than 5,000 arrivals were registered at the camp.", "More than 5,000 arrivals", 5000, None, "people", "arrivals"),
        # People harmed, by the participle on the noun.
        ("The agency has recorded at least 95 civilians killed.", "at least 95 civilians killed", 95, None, "casualties", "civilians"),
        ("Doctors treated 85 patients injured in the blast.", "85 patients injured", 85, 85, "casualties", "patients"),
        # A count with no noun that moves to or from a place counts people.
        ("Some 12,000 were evacuated from the coastal district.", "Some 12,000", 10800, 13200, "people", None),
        ("Tens of thousands have fled to Estrava.", "Tens of thousands", 10000, 99999, "people", None),
        ("More than 3,000 have signed up.", "More than 3,000", 3000, None, "other", None),
        # Warships are weapons; other ships are not.
        ("The navy sent four landing ships to the strait.", "four landing ships", 4, 4, "equipment", "ships"),
        ("The insurer covers 40 ships in the gulf.", "40 ships", 40, 40, "other", "ships"),
        # Volumes and areas are amounts, not measurements.
        ("Transit fell to 95 million cubic metres on Monday.", "95 million cubic metres", 95_000_000, 95_000_000, "other", "metres"),
        ("The rebels hold about 2,000 square kilometres.", "about 2,000 square kilometres", 1800, 2200, "other", "kilometres"),
        # A vote tally counts votes, whoever casts them, and small ones are kept.
        ("The bill passed with 61 senators in favour.", "61 senators", 61, 61, "other", "senators"),
        ("Seven members voted against the plan.", "Seven members", 7, 7, "other", "members"),
        ("The motion carried, but 14 abstained.", "14", 14, 14, "other", None),
        # Continental thousands: "€3.000" is 3,000 euros.
        ("Tenants will soon pay €3.000 a month.", "€3.000", 3000, 3000, "money", "EUR"),
        # Asking for an amount is money too, and it is the asker's.
        ("The mayor is appealing for $3 million to rebuild the bridge.", "$3 million", 3_000_000, 3_000_000, "money", "USD"),
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
        # "N days ago" is a point in time, not a span.
        "Posted 5 hours ago",
        "The bill was drafted three years ago.",
        # Small counts that only refer back to a vote, or count nobody on the move.
        "The councillor, one of the two no votes, objected.",
        "Dozens have already left.",
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
        ("At least four people have died, according to reports.", "At least four people", None),
        # "according to" data, an agency, a dashboard, an index.
        ("The flood killed at least 1,300 people, according to a revised toll from the Valley Red Cross.", "at least 1,300 people", "Valley Red Cross"),
        ("About 4,000 hectares have burned, according to the state fire agency.", "About 4,000 hectares", "state fire agency"),
        ("More than 2 million cases have been recorded, according to the Hollis University dashboard.", "More than 2 million cases", "Hollis University"),
        ("Prices of 300 staple goods rose, according to the Meridian Food Index.", "300 staple goods", "Meridian Food Index"),
        ("There were at least 300 dead according to unofficial records.", "at least 300 dead", "unofficial records"),
        # "X placed/put the toll at N", with the number or the counted noun after "at".
        ("The coroner placed the toll at 12.", "12", "coroner"),
        ("Governor Ilse Varga, who visited the site on Monday, put the death toll at 245 people.", "245 people", "Ilse Varga"),
        ("Police put the number of marchers at closer to 90,000.", "closer to 90,000", "Police"),
        # A full name, not the part the model tagged.
        ("The Estravan Office for the Coordination of Relief Works said 10,000 people were missing.", "10,000 people", "Estravan Office for the Coordination of Relief Works"),
        ("The Civil Rights Front said half a million people marched.", "half a million people", "Civil Rights Front"),
        # Relayed: "citing X as saying" is X's; a title is not part of the name.
        ("The agency said the toll would rise, citing the Health Bureau as saying that 300 people had died.", "300 people", "Health Bureau"),
        ("Coroner Mara Vint said the service had been called to 233 deaths since Friday.", "233 deaths", "Mara Vint"),
        # Two sources in one sentence; a clause that repeats the verb with a new subject.
        ("According to the unions, 400,000 marched in the capital, according to the ministry only 80,000.", "80,000", "ministry"),
        ("The organisers counted 500,000 marchers, when the police counted 87,000, and the firm Crowdline 55,000.", "87,000", "police"),
        ("The organisers counted 500,000 marchers, when the police counted 87,000, and the firm Crowdline 55,000.", "55,000", "Crowdline"),
        # Published data: its publisher.
        ("The Valley Post's latest count of the dead stood at 187.", "187", "Valley Post"),
        ("The electoral board data shows about 6.94 million voted for Ruuto.", "about 6.94 million", "electoral board"),
    ],
)
def test_figure_source(nlp, text, phrase, speaker):
    found = {f.text: f for f in figures(nlp, text)}
    assert phrase in found, list(found)
    got = found[phrase].speaker
    assert (got.name if got else None) == speaker


@pytest.mark.parametrize(
    ("text", "phrase", "category"),
    [
        # Part of a count of the dead or hurt: "including" hangs it on that count.
        ("Shelling killed 40 people in the town, including 12 children.", "12 children", "casualties"),
        ("The agency confirmed 210 deaths, including 31 children, and 480 injuries.", "31 children", "casualties"),
        ("The agency confirmed 210 deaths, including 31 children, and 480 injuries.", "480 injuries", "casualties"),
        ("About 2,000 people, including 300 children, reached the camp.", "300 children", "people"),
        ("The agency has recorded at least 95 civilians killed and 260 civilians wounded.", "260 civilians wounded", "casualties"),
        # A movement with its verb left out: "and about 20,000 into Estrava".
        ("More than 45,000 have crossed into Norvania, and about 20,000 into Estrava.", "More than 45,000", "people"),
        ("More than 45,000 have crossed into Norvania, and about 20,000 into Estrava.", "about 20,000", "people"),
        # The sides of a vote.
        ("The motion passed with 98 votes in favour, six against and 12 abstentions.", "98 votes", "other"),
        ("The motion passed with 98 votes in favour, six against and 12 abstentions.", "six", "other"),
        ("The motion passed with 98 votes in favour, six against and 12 abstentions.", "12 abstentions", "other"),
        # ... but a side taken in a street is not a vote.
        ("Two hundred protesters against the plan gathered outside.", "Two hundred protesters", "people"),
        # "1.000 cubic metres" is a thousand: a volume of goods.
        ("Tenants will soon pay €3.000 for 1.000 cubic metres of gas.", "1.000 cubic metres", "other"),
        ("The agency put the number of people displaced at more than 80,000.", "more than 80,000", "people"),
        ("The agency put the number of civilians killed at more than 2,000.", "more than 2,000", "casualties"),
    ],
)
def test_figure_category(nlp, text, phrase, category):
    found = {f.text: f for f in figures(nlp, text)}
    assert phrase in found, list(found)
    assert found[phrase].figure.category == category


def test_continental_thousands_are_read_as_thousands(nlp):
    found = {f.text: f.figure.value for f in figures(nlp, "Tenants will soon pay €3.000 for 1.000 cubic metres of gas.")}
    assert found == {"€3.000": 3000, "1.000 cubic metres": 1000}


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


@pytest.mark.parametrize(
    ("text", "phrase", "when"),
    [
        # A date said of the figure itself, in a comparison or a phrase on it.
        ("The service responded to 777 deaths, compared to 232 for the same part of 2020.", "232", "2020"),
        ("Coroners responded to 344 deaths, compared to just 61 in the same period of 2020.", "61", "the same period of 2020"),
        ("In Valdor, some 40,000 people marched, compared to 26,000 on January 19.", "26,000", "January 19"),
        # The year a clause about the past is of.
        ("It was the worst disaster since 1992, when 263 mine workers were killed.", "263 mine workers", "1992"),
        ("The worst was a gas explosion near the port of Valmar in 1992 that killed 263 workers.", "263 workers", "1992"),
        # Rows that must keep no date: the figure beside them, and a start ("since 2019").
        ("In Valdor, some 40,000 people marched, compared to 26,000 on January 19.", "some 40,000 people", None),
        ("The service responded to 777 deaths, compared to 232 for the same part of 2020.", "777 deaths", None),
        ("The war has claimed more than 9,000 lives since April 2019.", "more than 9,000 lives", None),
    ],
)
def test_a_date_said_of_the_figure_itself(nlp, text, phrase, when):
    found = {f.text: f for f in figures(nlp, text)}
    assert phrase in found, list(found)
    assert found[phrase].figure.when == when


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
        # "put the number of X killed at N": the parser hangs "at" on the participle.
        ("The agency put the number of civilians killed at more than 2,000.", "more than 2,000", "agency"),
        # Parts of a count the subject gave: "including", a conjunct, "of which".
        ("The agency confirmed 210 deaths, including 31 children, and 480 injuries.", "31 children", "agency"),
        ("The agency confirmed 210 deaths, including 31 children, and 480 injuries.", "480 injuries", "agency"),
        ("The agency has recorded at least 95 civilians killed and 260 civilians wounded.", "260 civilians wounded", "agency"),
        ("The Red Lantern launched an appeal for $40 million, of which $25 million would go to shelters and $15 million to food.", "$40 million", "Red Lantern"),
        ("The Red Lantern launched an appeal for $40 million, of which $25 million would go to shelters and $15 million to food.", "$25 million", "Red Lantern"),
        ("The Red Lantern launched an appeal for $40 million, of which $25 million would go to shelters and $15 million to food.", "$15 million", "Red Lantern"),
        ("The mayor is appealing for $3 million to rebuild the bridge.", "$3 million", "mayor"),
        # Published data: whoever published it gives the figure.
        ("Transport ministry figures showed that 9,000 lorries had crossed the border.", "9,000 lorries", "Transport ministry"),
    ],
)
def test_more_figure_sources(nlp, text, phrase, speaker):
    found = {f.text: f for f in figures(nlp, text)}
    assert phrase in found, list(found)
    assert found[phrase].speaker is not None and found[phrase].speaker.name == speaker


@pytest.mark.parametrize(
    ("text", "phrase"),
    [
        # A clause with an actor of its own is not the reporter's.
        ("The company reported revenue of $2.1 billion, while its rival lost $300 million.", "$300 million"),
        ("The army moved 4,500 troops to the border, and 300 tanks followed.", "300 tanks"),
        # Doing something with a number is not giving it.
        ("Norvania launched 40 drones at the capital overnight.", "40 drones"),
        ("The storm destroyed 400 homes, and 2,000 people lost power.", "2,000 people"),
    ],
)
def test_figures_nobody_gives(nlp, text, phrase):
    found = {f.text: f for f in figures(nlp, text)}
    assert phrase in found, list(found)
    assert found[phrase].speaker is None


@pytest.mark.parametrize(
    "text",
    [
        "PORTHAVEN, May 3, 2024 -- Beltrane Shipping Group today reported revenue of $3.2 billion.",
        "PORTHAVEN, May 3, 2024 -- Beltrane Shipping Group (\"Beltrane\"), the ferry operator, today announced results and a plan that will cut $3.2 billion in costs.",
    ],
)
def test_a_dateline_is_not_the_subject(nlp, text):
    """The parser takes "PORTHAVEN, May 3" for a subject; the company gives the figure
    (outside any statement, which the quote extractor attributes on its own)."""
    doc = nlp(text)
    [found] = extract_figures(doc, [])
    assert found.speaker is not None and found.speaker.name == "Beltrane Shipping Group"


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


# What a figure counts, finely (its measure) and coarsely (its category): decided from the
# counted noun, the verb and the frame, never from the topic.
@pytest.mark.parametrize(
    ("text", "phrase", "measure", "category"),
    [
        # deaths: the noun, the verb, a state, a frame
        ("The toll from the storm surpassed 4,000 on Friday.", "surpassed 4,000", "deaths", "casualties"),
        ("Rescuers recovered 12 bodies from the river.", "12 bodies", "deaths", "casualties"),
        ("Some 150 were confirmed killed in the blast.", "Some 150", "deaths", "casualties"),
        ("The coroner placed the toll at 12.", "12", "deaths", "casualties"),
        ("The heat left 300 people dead across the valley.", "300 people dead", "deaths", "casualties"),
        ("At least 30 people are believed to have died in the fire.", "At least 30 people", "deaths", "casualties"),
        ("Eleven villagers lost their lives in the landslide.", "Eleven villagers", "deaths", "casualties"),
        # injured
        ("About 9,000 injured were counted after the quake.", "About 9,000 injured", "injured", "casualties"),
        ("Some 17 people were taken to hospitals in the district.", "Some 17 people", "injured", "casualties"),
        ("Forty spectators have been confirmed as injured.", "Forty spectators", "injured", "casualties"),
        # cases
        ("Health officials confirmed 45 new cases on Monday.", "45 new cases", "cases", "casualties"),
        ("The virus has infected 35 people in the port city.", "35 people", "cases", "casualties"),
        # missing, rescued, displaced, detained, affected
        ("More than 800 residents remain missing after the flood.", "More than 800 residents", "missing", "people"),
        ("Hundreds of miners trapped underground await rescue.", "Hundreds of miners trapped", "missing", "people"),
        ("Divers said 164 passengers had been rescued.", "164 passengers", "rescued", "people"),
        ("The rising river displaced more than 30,000 villagers.", "more than 30,000 villagers", "displaced", "people"),
        ("Some 12,000 homes were evacuated and 4,000 residents fled.", "4,000 residents", "displaced", "people"),
        ("Police detained eight people near the square.", "eight people", "detained", "people"),
        ("Six marchers had been taken into police custody.", "Six marchers", "detained", "people"),
        ("Authorities quarantined 1,300 people in the district.", "1,300 people", "affected", "people"),
        # crowd
        ("Half a million people took to the streets of the capital.", "Half a million people", "crowd", "people"),
        ("The concert drew 60,000 attendees to the stadium.", "60,000 attendees", "crowd", "people"),
        ("Around 410,000 marched in the capital, the union said.", "Around 410,000", "crowd", "people"),
        # personnel: troops when military, people otherwise
        ("The region deployed 2,300 search and rescue workers.", "2,300 search and rescue workers", "personnel", "people"),
        ("Around 11,000 security forces were on duty.", "Around 11,000 security forces", "personnel", "people"),
        ("The ministry sent 400 firefighters to the valley.", "400 firefighters", "personnel", "people"),
        ("The army moved 5,000 troops to the river.", "5,000 troops", "personnel", "troops"),
        # buildings, area, places, votes
        ("The fire destroyed more than 150 homes in the hills.", "more than 150 homes", "buildings", "other"),
        ("Officials closed 230 schools as a precaution.", "230 schools", "buildings", "other"),
        ("The blaze has burned more than 1 million acres.", "more than 1 million acres", "area", "other"),
        ("Floodwater covered about 4,000 hectares of farmland.", "about 4,000 hectares", "area", "other"),
        ("Crews cleared 300 square kilometres of forest.", "300 square kilometres", "area", "other"),
        ("The governor won in 12 states.", "12 states", "places", "other"),
        ("She received 8,794,726 votes in the first round.", "8,794,726 votes", "votes", "other"),
        # money in other spellings
        ("Leaders backed a euro300 billion package for the banks.", "euro300 billion package", "money", "money"),
        ("Ministers agreed a 400-billion-euro fund on Sunday.", "400-billion-euro", "money", "money"),
        # equipment
        ("At least 87 vessels and 18 aircraft joined the search.", "At least 87 vessels", "equipment", "equipment"),
        ("The state sent 60 ambulances to the crash site.", "60 ambulances", "equipment", "equipment"),
        # other
        ("On Friday 136 active wildfires were burning in the province.", "136 active wildfires", "other", "other"),
    ],
)
def test_measure_and_category(nlp, text, phrase, measure, category):
    found = {f.text: f for f in figures(nlp, text)}
    assert phrase in found, list(found)
    assert (found[phrase].figure.measure, found[phrase].figure.category) == (measure, category)


# Elliptical figures take the measure of the figure they stand beside.
@pytest.mark.parametrize(
    ("text", "phrase", "value", "measure"),
    [
        ("There were at least 14 deaths in the north, two in the capital and one on the coast.", "two", 2, "deaths"),
        ("There were at least 14 deaths in the north, two in the capital and one on the coast.", "one", 1, "deaths"),
        ("Four new cases brought the total in the province so far to six.", "six", 6, "cases"),
        ("The clinic confirmed 40 new cases on Tuesday, up from 31 on Monday.", "31", 31, "cases"),
        ("Medics treated 344 injured during the week, compared to just 61 a year earlier.", "61", 61, "injured"),
        ("Coroners logged 193 deaths, versus 45 in the same week of the previous year.", "45", 45, "deaths"),
        ("The organisers counted 500,000 marchers, when the police counted 87,000.", "87,000", 87000, "crowd"),
        ("The air force launched 47 drones, of which 39 were shot down.", "39", 39, "equipment"),
        ("A ministry statement said 1.2 million people marched, including 80,000 in the capital.", "80,000", 80000, "crowd"),
        # The part takes the measure its whole was read with, frame and all.
        ("The union put the number of participants at about 2.8 million people, including half a million in Valdor.", "half a million", 500000, "crowd"),
    ],
)
def test_elliptical_figures(nlp, text, phrase, value, measure):
    found = {f.text: f for f in figures(nlp, text)}
    assert phrase in found, list(found)
    assert (found[phrase].figure.value, found[phrase].figure.measure) == (value, measure)


def test_an_amount_after_a_sum_takes_its_currency(nlp):
    text = "The bloc set up a €750 billion fund. Northland will add an additional 20 billion next year."
    found = {f.text: f for f in figures(nlp, text)}
    figure = found["20 billion"].figure
    assert (figure.value, figure.category, figure.unit) == (20_000_000_000, "money", "EUR")


def test_a_range_with_a_hedge_inside(nlp):
    [found] = figures(nlp, "Officials said between about 80 and 90 people were hurt.")
    assert (found.text, found.figure.low, found.figure.high, found.figure.qualifier) == (
        "between about 80 and 90 people", 80, 90, "range",
    )
    assert found.figure.measure == "injured"


@pytest.mark.parametrize(
    "text",
    [
        # Numbers in names, magnitudes, ratios and ages.
        "Shares in the S&P 500 index fell sharply.",
        "Finance ministers of the Group of 20 met in the capital.",
        "The convoy was stopped on Route 66 near the town.",
        "A magnitude 6.8 earthquake shook the coast.",
        "The 7.1 magnitude quake was felt in the capital.",
        "One in three displaced families has no heating.",
        "She is a 52 years old teacher from the port.",
        # Small counts of people in the story, not figures.
        "One survivor described the cold water.",
        "Four full-time staff were affected by the closure.",
    ],
)
def test_not_a_figure_either(nlp, text):
    assert figures(nlp, text) == []


def test_a_name_the_model_cut_short_is_whole(nlp):
    """"Civil [Rights Front]": a figure is credited to the full name, not to the part the
    model tagged."""
    from spacy.tokens import Span

    text = "Yesterday the Civil Rights Front said 500,000 people marched."
    with nlp.select_pipes(disable=["claimtrack_mentions"]):
        doc = nlp(text)
    doc.ents = [Span(doc, 3, 5, label="ORG")]  # "Rights Front"
    doc = nlp.get_pipe("claimtrack_mentions")(doc)
    [found] = extract_figures(doc, extract_statements(doc))
    assert found.speaker is not None and found.speaker.name == "Civil Rights Front"


@pytest.mark.parametrize(
    ("text", "phrase", "measure"),
    [
        # Small counts of people a known plural names are figures.
        ("Four crew members were on board the plane.", "Four crew members", "personnel"),
        ("The passengers included five Estravans and two Norvanians.", "five Estravans", "people"),
        ("Four commissioners rejected the result.", "Four commissioners", "people"),
        # The occasion a count joins: a crowd.
        ("An estimated 1.2 million people joined in Tuesday's protests.", "An estimated 1.2 million people", "crowd"),
        ("Some 40,000 fans attended the concert.", "Some 40,000 fans", "crowd"),
        ("The archive said between 275,000 and 325,000 people took part in the march.", "between 275,000 and 325,000 people", "crowd"),
        # A plural noun right after the number, however the parse hung it.
        ("About 51 percent of at least 14million Estravans voted for her.", "at least 14million Estravans", "people"),
        # "the number" with no figure before it: the quantity its sentence named.
        ("The death toll kept rising as the number touched 550 on Saturday.", "550", "deaths"),
        ("The caseload has as of Monday climbed to nearly 60.", "nearly 60", "cases"),
        # Verbs, complements and places that say what befell people.
        ("Officials ordered 2.5 million residents to evacuate before landfall.", "2.5 million residents", "displaced"),
        ("More than 300,000 customers remained without power on Thursday.", "More than 300,000 customers", "affected"),
        ("Rescuers pulled 38 people alive from the rubble.", "38 people alive", "rescued"),
        ("The landslide buried more than 2,000 people alive.", "more than 2,000 people", "deaths"),
        ("Nine people were crushed to death at the gate.", "Nine people", "deaths"),
        ("The quake flattened 6,000 buildings, and the death toll climbed past 1,800.", "1,800", "deaths"),
        # A vague count's text runs over the verb that says what befell it.
        ("The collapse trapped hundreds of workers.", "trapped hundreds of workers", "missing"),
        ("Police said thousands were taking to the streets.", "thousands were taking to the streets", "crowd"),
    ],
)
def test_more_measures(nlp, text, phrase, measure):
    found = {f.text: f for f in figures(nlp, text)}
    assert phrase in found, list(found)
    assert found[phrase].figure.measure == measure


@pytest.mark.parametrize(
    "text",
    [
        # Small counts that name no people the lexicon knows.
        "Two general staffs met on Friday.",
        "The probe photographed three craters near the pole.",
    ],
)
def test_small_counts_of_things_are_not_figures(nlp, text):
    assert figures(nlp, text) == []
