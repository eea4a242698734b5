"""The lexicon: one table of verbs by frame, nouns by class and words of names, as data."""

from __future__ import annotations

import pytest

from claimtrack import lexicon
from claimtrack.closed_sets import Category
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
        ("kill", VerbFrame.casualty, True),
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


def test_categories_of_counted_nouns_are_figure_categories():
    found = lexicon.category_nouns()
    assert set(found) <= {c.value for c in Category}
    assert "soldier" in found["troops"] and "tank" in found["equipment"]


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
