"""The lexicon: one table of verbs by frame, nouns by class and words of names, as data."""

from __future__ import annotations

import pytest

from claimtrack import lexicon
from claimtrack.closed_sets import Category, Measure
from claimtrack.lexicon import LexiconError, NameWordClass, NounClass, VerbFrame, parse_table


@pytest.mark.parametrize(
    ("verb", "frame", "member"),
    [
        ("say", VerbFrame.speech, True),
        ("say", VerbFrame.saying, True),
        ("believe", VerbFrame.belief, True),
        ("urge", VerbFrame.object_control, True),
        ("deny", VerbFrame.negating, True),
        ("report", VerbFrame.relaying, True),
        ("put", VerbFrame.figure_source, True),
        ("kill", VerbFrame.counts, True),
        ("kill", VerbFrame.death, True),
        ("wound", VerbFrame.injury, True),
        # Rows that must not belong.
        ("eat", VerbFrame.speech, False),
        ("believe", VerbFrame.saying, False),
        ("kill", VerbFrame.speech, False),
    ],
)
def test_verbs_by_frame(verb, frame, member):
    assert (verb in lexicon.verbs(frame)) is member


def test_prepositional_content_carries_its_prepositions():
    assert lexicon.verb_argument("warn", VerbFrame.content_after) == ("about", "against", "of")
    assert lexicon.verb_argument("say", VerbFrame.content_after) == ()


@pytest.mark.parametrize(
    ("noun", "kind", "member"),
    [
        ("minister", NounClass.role, True),
        ("ministry", NounClass.institution, True),
        ("officials", NounClass.group, True),
        ("report", NounClass.document, True),
        ("spokeswoman", NounClass.voice, True),
        ("call", NounClass.statement_noun, True),
        ("view", NounClass.viewpoint, True),
        ("bridge", NounClass.role, False),
        ("minister", NounClass.institution, False),
        ("supporter", NounClass.statement_noun, False),
        ("bridge", NounClass.viewpoint, False),
    ],
)
def test_nouns_by_class(noun, kind, member):
    assert (noun in lexicon.nouns(kind)) is member


@pytest.mark.parametrize(
    ("word", "measure"),
    [
        ("soldier", Measure.personnel),
        ("tank", Measure.equipment),
        ("body", Measure.deaths),
        ("missing", Measure.missing),
        ("protester", Measure.crowd),
        ("hectare", Measure.area),
        ("home", Measure.buildings),
        ("caseload", Measure.cases),
    ],
)
def test_counted_nouns_have_measures(word, measure):
    assert lexicon.noun_measures()[word] == measure


@pytest.mark.parametrize(
    ("verb", "table", "measure"),
    [
        ("kill", "verb", Measure.deaths),
        ("displace", "verb", Measure.displaced),
        ("die", "actor", Measure.deaths),
        ("march", "actor", Measure.crowd),
    ],
)
def test_verbs_say_what_a_count_counts(verb, table, measure):
    found = lexicon.verb_measures() if table == "verb" else lexicon.actor_measures()
    assert found[verb] == measure
    # "die" says nothing of its object, "kill" nothing of its subject
    other = lexicon.actor_measures() if table == "verb" else lexicon.verb_measures()
    assert verb not in other


def test_every_measure_has_one_row_with_examples():
    rows = lexicon.measure_rows()
    assert set(rows) == set(Measure)
    assert all(row.description and row.examples for row in rows.values())
    assert {row.category for row in rows.values()} == set(Category) - {Category.troops}


@pytest.mark.parametrize(
    ("measure", "military", "category"),
    [
        (Measure.deaths, False, Category.casualties),
        (Measure.deaths, True, Category.casualties),
        (Measure.personnel, False, Category.people),
        (Measure.personnel, True, Category.troops),
        (Measure.crowd, False, Category.people),
        (Measure.buildings, False, Category.other),
        (Measure.area, False, Category.other),
        (Measure.money, False, Category.money),
    ],
)
def test_the_category_follows_from_the_measure(measure, military, category):
    assert lexicon.category_of(measure, military) == category


@pytest.mark.parametrize(
    ("text", "error"),
    [
        ("deaths\tcasualties\t-\tfate\ttally\tdead\tten dead\n", "no row for"),  # the other measures lack rows
        ("deaths\tcasulaties\t-\tfate\ttally\tdead\tten dead\n", "unknown category"),
        ("deaths\tcasualties\t-\tdoom\ttally\tdead\tten dead\n", "unknown kind"),
        ("deaths\tcasualties\t-\tfate\trising\tdead\tten dead\n", "unknown comparison"),
        ("dead\tcasualties\t-\tfate\ttally\tdead\tten dead\n", "not a measure"),
        ("deaths\tcasualties\tfate\tdead\n", "7 cells"),
        ("deaths\tcasualties\t-\tfate\tdead\tten dead\n", "7 cells"),
    ],
)
def test_a_malformed_category_row_is_an_error(text, error):
    with pytest.raises(LexiconError, match=error):
        lexicon.parse_categories("categories.tsv", text)


def test_a_counted_noun_of_an_unknown_measure_is_an_error():
    with pytest.raises(LexiconError, match="unknown measure"):
        parse_table("nouns.tsv", "corpse\tcounts:dead\n", NounClass)


@pytest.mark.parametrize(
    ("noun", "introducers"),
    [
        ("call", ("for", "infinitive")),
        ("claim", ("that", "infinitive")),
        ("criticism", ("of", "over")),
        ("minister", ()),
    ],
)
def test_statement_nouns_carry_what_introduces_their_content(noun, introducers):
    assert lexicon.noun_argument(noun, NounClass.statement_noun) == introducers


def test_voicing_verbs_are_a_frame():
    assert {"issue", "make", "voice"} <= lexicon.verbs(VerbFrame.voicing)
    assert "say" not in lexicon.verbs(VerbFrame.voicing)


def test_name_words():
    assert {"von", "bin", "y"} <= lexicon.name_words(NameWordClass.particle)
    assert "spokeswoman" in lexicon.name_words(NameWordClass.female_title)
    assert "gen" in lexicon.name_words(NameWordClass.title_abbreviation)
    assert {"courier", "times", "wire", "tv"} <= lexicon.OUTLET_WORDS
    assert {"post", "sun"} <= lexicon.SURNAME_OUTLET_WORDS <= lexicon.OUTLET_WORDS
    assert not {"courier", "times", "news"} & lexicon.SURNAME_OUTLET_WORDS


def test_role_synonyms():
    assert "foreign minister" in lexicon.role_synonyms()["diplomat"]


def test_a_new_speech_verb_is_one_row():
    table = parse_table("verbs.tsv", "# a note\nmurmur\tspeech saying\n", VerbFrame)
    assert table == {"murmur": {"speech": (), "saying": ()}}


@pytest.mark.parametrize(
    "row",
    [
        "mutter\tspeach",  # a typo in a frame never drops the word silently
        "mutter",  # no frame at all
        "mutter\tspeech content_before:of",
    ],
)
def test_a_malformed_row_is_an_error(row):
    with pytest.raises(LexiconError, match="mutter"):
        parse_table("verbs.tsv", row + "\n", VerbFrame)


@pytest.mark.parametrize(
    ("name", "kinds"),
    [("verbs.tsv", VerbFrame), ("nouns.tsv", NounClass), ("names.tsv", NameWordClass)],
)
def test_shipped_tables_are_lower_case_words_with_known_labels(name, kinds):
    table = parse_table(name, lexicon._data(name), kinds)
    assert table
    assert all(word == word.lower() and " " not in word for word in table)


def test_the_readme_lists_every_measure_with_its_category():
    """The README's table of measures follows categories.tsv."""
    from pathlib import Path

    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
    rows = {line.split("|")[1].strip(" `"): line for line in readme.splitlines() if line.startswith("| `")}
    for measure, row in lexicon.measure_rows().items():
        assert measure.value in rows, f"README lists no row for {measure.value}"
        assert f"`{row.category.value}`" in rows[measure.value]
        assert f"| {row.comparison} |" in rows[measure.value]
        if row.military_category != row.category:
            assert f"`{row.military_category.value}`" in rows[measure.value]
