import pytest

from claimtrack.nlp.quotemarks import find_quotes


def quoted(text: str) -> list[str]:
    return [text[q.start : q.end] for q in find_quotes(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('"We will stay," she said.', ["We will stay,"]),
        ("“We will stay,” she said.", ["We will stay,"]),
        ("‘We will stay,’ she said.", ["We will stay,"]),
        ("'We will stay,' she said.", ["We will stay,"]),
        # A curly opening mark closed by a straight one, as feeds often mix them.
        ('He urged calm, “stay at home," and left.', ["stay at home,"]),
        # Apostrophes are not quotation marks.
        ("The mayor's office didn't comment on the council’s plan.", []),
        ("The workers' union called it 'a betrayal' on Monday.", ["a betrayal"]),
        # Single marks inside a double-quoted passage belong to it.
        ('"They told us \'wait\' and we waited," he said.', ["They told us 'wait' and we waited,"]),
        # Two quotations in one sentence.
        ('"First," she said, "we fix the roof."', ["First,", "we fix the roof."]),
        # An opening mark whose closing mark was lost runs to the end of its paragraph.
        ('She called for "an end to the delays.\nNext paragraph.', ["an end to the delays."]),
        # A closing mark whose opening mark was lost is dropped, never paired across lines.
        ('Prices will rise," the bank said.\n"Rates stay," he added.', ["Rates stay,"]),
        # A double opening closed by a single glyph, shown by the next double opening.
        ("“We won,' she told supporters. \"Now we work.”", ["We won,", "Now we work."]),
        # Quotations never cross a paragraph break.
        ('"A line\n"Another one."', ["A line", "Another one."]),
        ("No quotation here at all.", []),
        ("", []),
        ('"', []),
        ('""', []),
        ("'90s music and rock 'n' roll", []),
    ],
)
def test_find_quotes(text, expected):
    assert quoted(text) == expected


def test_odd_number_of_marks_keeps_the_other_quotes():
    text = 'A stray " mark here.\n"This one is fine," he said.'
    assert quoted(text)[-1] == "This one is fine,"


def test_unclosed_quote_is_marked_open():
    spans = find_quotes('He said "we will go')
    assert len(spans) == 1 and not spans[0].closed
