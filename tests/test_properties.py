"""Properties that hold for any input: nothing raises on arbitrary text, numbers read
back as written, and claim offsets always slice the article text."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from claimtrack.extract.numbers import read_number, scan_numbers
from claimtrack.ingest.articles import parse_windows
from claimtrack.inputs.decoding import decode
from claimtrack.inputs.readers.text import load_text
from claimtrack.models import Article

PROPERTY_SETTINGS = settings(
    max_examples=60, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow]
)

# Fragments that steer generated text into the extractors' paths: speech verbs, quote
# marks of every kind, titles and names, numbers with qualifiers and units, dates.
NEWSY = [
    "said", "told reporters", "according to", "added", "warned", ":", '"', "“", "”", "'", "‘", "’", "«", "»",
    "Minister", "General", "Mayor", "Ada Brook", "Brook", "he", "she", "they", "the ministry", "officials",
    "more than", "about", "nearly", "tens of thousands", "between", "and", "1,200", "3.5", "$40 million",
    "troops", "people", "killed", "wounded", "soldiers", "on Tuesday", "last week", "in March", "2021",
    "12:30", "G7", ".", ",", "!", "?", "\n", "\n\n", " ", "—", "-", "(", ")", "Title:", "Source:", "By",
]
newsy_text = st.lists(st.sampled_from(NEWSY), max_size=60).map(" ".join)
any_text = st.text(max_size=400)
article_text = st.one_of(newsy_text, any_text)


# --- loader ----------------------------------------------------------------------------


@PROPERTY_SETTINGS
@given(st.binary(max_size=600))
def test_decode_accepts_any_bytes(data):
    text, note = decode(data)
    assert isinstance(text, str)
    assert note is None or note.startswith("not UTF-8")


@PROPERTY_SETTINGS
@given(article_text)
def test_load_text_accepts_any_text(raw):
    article = load_text(raw, path="x.txt")
    assert isinstance(article, Article)
    assert article.text == article.text.strip()


@PROPERTY_SETTINGS
@given(article_text, st.integers(min_value=4, max_value=60))
def test_parse_windows_cover_the_text(text, size):
    spans = parse_windows(text, size)
    assert spans[0][0] == 0 and spans[-1][1] == len(text)
    assert all(a[1] == b[0] for a, b in zip(spans, spans[1:]))
    assert all(end - start <= size for start, end in spans)


# --- extractors --------------------------------------------------------------------------


@pytest.fixture(scope="module")
def nlp():
    from claimtrack.nlp.pipeline import choose_model, load_pipeline

    return load_pipeline(choose_model())


@PROPERTY_SETTINGS
@given(raw=article_text)
def test_extractors_accept_any_text_and_offsets_slice_the_text(nlp, raw):
    from claimtrack.extract.claims import extract_claims

    loaded = load_text(raw, path="x.txt")
    article = loaded.model_copy(update={"published": dt.date(2021, 3, 9)})
    claims = extract_claims(nlp(article.text), article)
    for claim in claims:
        assert 0 <= claim.start <= claim.end <= len(article.text)
        assert claim.segments and claim.segments[0][0] == claim.start and claim.segments[-1][1] == claim.end
        assert " … ".join(article.text[s:e] for s, e in claim.segments) == claim.text
        if claim.figure is not None and claim.figure.low is not None and claim.figure.high is not None:
            assert claim.figure.low <= claim.figure.high


@PROPERTY_SETTINGS
@given(article_text)
def test_scan_numbers_accepts_any_text(text):
    for mention in scan_numbers(text):
        assert mention.text == text[mention.start : mention.end]


# --- numbers round-trip -----------------------------------------------------------------

ONES = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
        "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen"]  # fmt: skip
TENS = ["", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]
SCALES = [(1_000_000_000, "billion"), (1_000_000, "million"), (1_000, "thousand")]


def in_words(n: int, hyphen: bool = True, british_and: bool = False) -> str:
    """An independent English numeral writer, to check the reader against."""
    if n < 20:
        return ONES[n]
    if n < 100:
        tens, ones = divmod(n, 10)
        return TENS[tens] + (("-" if hyphen else " ") + ONES[ones] if ones else "")
    if n < 1000:
        hundreds, rest = divmod(n, 100)
        head = f"{ONES[hundreds]} hundred"
        return head + ((" and " if british_and else " ") + in_words(rest, hyphen) if rest else "")
    for size, name in SCALES:
        if n >= size:
            high, rest = divmod(n, size)
            head = f"{in_words(high, hyphen, british_and)} {name}"
            if not rest:
                return head
            joiner = " and " if british_and and rest < 100 else " "
            return head + joiner + in_words(rest, hyphen, british_and)
    raise AssertionError(n)


@PROPERTY_SETTINGS
@given(st.integers(min_value=0, max_value=10**12))
def test_digits_read_back(n):
    # Ungrouped runs of eight digits and more are dates (20211202) or identifiers.
    for written in (f"{n:,}", f"{n:,}".replace(",", "\u2009"), *([str(n)] if n < 10**7 else [])):
        mention = read_number(written)
        assert mention is not None, written
        assert (mention.value, mention.qualifier) == (n, "exact"), written


@PROPERTY_SETTINGS
@given(st.integers(min_value=0, max_value=10**11), st.booleans(), st.booleans())
def test_number_words_read_back(n, hyphen, british_and):
    written = in_words(n, hyphen, british_and)
    mention = read_number(written)
    assert mention is not None, written
    assert mention.value == n, written


@PROPERTY_SETTINGS
@given(
    st.decimals(min_value=Decimal("0.1"), max_value=Decimal("999.9"), places=1),
    st.sampled_from([("million", 10**6), ("billion", 10**9), ("thousand", 10**3)]),
)
def test_decimal_scales_read_back(number, scale):
    word, size = scale
    mention = read_number(f"{number} {word}")
    assert mention is not None
    assert mention.value == pytest.approx(float(number) * size)


@PROPERTY_SETTINGS
@given(st.integers(min_value=1, max_value=10**6), st.integers(min_value=1, max_value=10**6))
def test_ranges_read_back_ordered(a, b):
    low, high = sorted((a, b))
    if low == high:  # "between 5 and 5" is no range
        high += 1
    mention = read_number(f"between {low:,} and {high:,}")
    assert mention is not None
    assert (mention.low, mention.high) == (low, high)
