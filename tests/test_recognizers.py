"""External regression suite: Microsoft Recognizers-Text English number specs.

The spec files are copied unchanged into ``tests/data/recognizers-text/`` with the
upstream README, LICENSE (MIT) and COMMIT. Two models are used:
``Number_English_NumberModel.json`` and ``Number_English_NumberRangeModel.json``.
Each case is ``{"Input", "Results": [{"Text", "Start", "End" (inclusive),
"Resolution": {"value"}}]}`` with optional ``NotSupported`` / ``NotSupportedByDesign``
(comma-separated language ports of Recognizers-Text) and ``Comment``.

How a case is compared (``compare``): ``scan_numbers(Input)`` is run once.

* Count: the number of mentions must equal the number of expected results.
  NumberRangeModel reports only ranges and bounds, never plain numbers ("in 2009"
  is not a result there), so for that model an *exact* claimtrack mention that
  overlaps no expected result is left out before counting; every non-exact mention
  (bound, range, approx, vague) and every exact mention overlapping an expected
  result is counted. NumberModel counts every mention.
* Pairing: each expected result, in order, takes the first unused mention whose span
  overlaps the expected span (``mention.start <= End`` and ``Start < mention.end``)
  and whose reading matches. Spans are only compared by overlap, because claimtrack's
  span may legitimately include a qualifier ("more than"), a currency sign ("$20"
  against "20") or "about" before a range.
* NumberModel reading: ``mention.value`` equals the resolution ``value`` (relative
  tolerance 1e-9; a range or vague mention, value None, never matches).
* NumberRangeModel reading, from the interval notation ("(" open, "[" closed, empty
  side unbounded):
  "(a,)" -> qualifier more_than, low a, high None; "[a,)" -> at_least, low a;
  "(,b)" -> less_than, high b; "(,b]" -> at_most, high b; "[a,a]" -> exact, value a;
  two different bounds "[a,b)", "(a,b]", ... -> qualifier range, low a, high b.
  claimtrack's two-sided ranges do not record whether an end is open (upstream gives
  "between 20 and 30" as "[20,30)" by its own convention), so for two-sided intervals
  only the bounds are compared; for one-sided ones openness is the qualifier.

Flags: ``NotSupportedByDesign`` naming python is respected as out of scope (the spec
authors decided the result is not wanted of a Python implementation).
``NotSupported`` lists the ports of Recognizers-Text that currently fail a case (the
upstream Python port implements no NumberRangeModel at all, so 85 of its 87 cases
carry it); it says nothing about the expected answer or about claimtrack, so those
cases stay in scope and are only counted in the summary.

Out of scope (``out_of_scope``): a few categories, decided by rule, see
``OUT_OF_SCOPE``. Everything else is in scope and is one test; a failing in-scope case
is either a test failure or listed in ``KNOWN_GAPS`` with a one-line reason, where a
test asserts that it still differs (so a fixed gap has to leave the list).
``test_pass_rate`` asserts the in-scope pass rate per model, KNOWN_GAPS counting as
failures, and prints the counts (visible with ``pytest -rA``).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from decimal import Decimal
import json
from pathlib import Path
import re

import pytest

from claimtrack.extract.numbers import NumberMention, scan_numbers

DATA = Path(__file__).parent / "data" / "recognizers-text"
MODELS = {
    "NumberModel": "Number_English_NumberModel.json",
    "NumberRangeModel": "Number_English_NumberRangeModel.json",
}
MIN_PASS_RATE = 0.90


@dataclass(frozen=True)
class Case:
    model: str
    index: int
    input: str
    results: tuple[dict, ...]
    not_supported: frozenset[str]
    by_design: frozenset[str]


def _langs(value: str | None) -> frozenset[str]:
    return frozenset(part.strip().lower() for part in (value or "").split(",") if part.strip())


def load(model: str) -> list[Case]:
    raw = json.loads((DATA / MODELS[model]).read_text(encoding="utf-8-sig"))
    return [
        Case(
            model, index, case["Input"], tuple(case["Results"]),
            _langs(case.get("NotSupported")), _langs(case.get("NotSupportedByDesign")),
        )
        for index, case in enumerate(raw)
    ]


# ------------------------------------------------------------------- expected readings

_INTERVAL_RE = re.compile(r"^([\[(])\s*([^,]*?)\s*,\s*([^,]*?)\s*([\])])$")


@dataclass(frozen=True)
class Interval:
    low: Decimal | None
    high: Decimal | None
    low_open: bool
    high_open: bool


def parse_interval(text: str) -> Interval:
    m = _INTERVAL_RE.match(text)
    assert m, text
    low = Decimal(m.group(2)) if m.group(2) else None
    high = Decimal(m.group(3)) if m.group(3) else None
    return Interval(low, high, m.group(1) == "(", m.group(4) == ")")


def expected_numbers(case: Case) -> list[Decimal]:
    """Every number an expected result resolves to (values or interval bounds)."""
    found = []
    for result in case.results:
        value = result["Resolution"]["value"]
        if case.model == "NumberModel":
            found.append(Decimal(value))
        else:
            interval = parse_interval(value)
            found += [b for b in (interval.low, interval.high) if b is not None]
    return found


def _same(found: int | float | None, expected: Decimal | None) -> bool:
    if found is None or expected is None:
        return found is None and expected is None
    diff = abs(Decimal(str(found)) - expected)
    return diff <= Decimal("1e-9") * max(Decimal(1), abs(expected))


def reading_matches(model: str, mention: NumberMention, resolution: str) -> bool:
    if model == "NumberModel":
        return mention.value is not None and _same(mention.value, Decimal(resolution))
    iv = parse_interval(resolution)
    if iv.low is not None and iv.high is not None:
        if iv.low == iv.high:
            return mention.qualifier == "exact" and _same(mention.value, iv.low)
        return mention.qualifier == "range" and _same(mention.low, iv.low) \
            and _same(mention.high, iv.high)
    if iv.low is not None:
        qualifier = "more_than" if iv.low_open else "at_least"
        return mention.qualifier == qualifier and _same(mention.low, iv.low) \
            and mention.high is None
    qualifier = "less_than" if iv.high_open else "at_most"
    return mention.qualifier == qualifier and _same(mention.high, iv.high) and mention.low is None


def _overlaps(mention: NumberMention, result: dict) -> bool:
    return mention.start <= result["End"] and result["Start"] < mention.end


def compare(case: Case) -> list[str]:
    """Problems found; an empty list means the case passes."""
    mentions = scan_numbers(case.input)
    if case.model == "NumberRangeModel":
        mentions = [
            m for m in mentions
            if m.qualifier != "exact" or any(_overlaps(m, r) for r in case.results)
        ]
    problems = []
    if len(mentions) != len(case.results):
        problems.append(f"{len(mentions)} mentions, expected {len(case.results)}")
    used: set[int] = set()
    for result in case.results:
        resolution = result["Resolution"]["value"]
        for k, mention in enumerate(mentions):
            if k not in used and _overlaps(mention, result) \
                    and reading_matches(case.model, mention, resolution):
                used.add(k)
                break
        else:
            problems.append(f"no match for {result['Text']!r} = {resolution}")
    if problems:
        got = [(m.text, m.value, m.low, m.high, m.qualifier) for m in mentions]
        problems.append(f"found {got}")
    return problems


# ----------------------------------------------------------------------- out of scope

# Denominators and ordinals that make a number a fraction or a rank. "half" and a
# singular "quarter" are not here: "half a million", "two and a half",
# "a quarter of a million" are ordinary news figures and stay in scope.
_ORDINAL_WORD = (
    r"(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|"
    r"twelfth|thirteenth|fourteenth|fifteenth|sixteenth|seventeenth|eighteenth|"
    r"nineteenth|twentieth|thirtieth|fortieth|fiftieth|sixtieth|seventieth|eightieth|"
    r"ninetieth|hundredth|thousandth|millionth|billionth|trillionth)"
)
_DENOMINATOR_RE = re.compile(
    rf"\b(?:(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)[\s-]*)?"
    rf"(?!first\b|second\b|firsts\b|seconds\b){_ORDINAL_WORD}s?\b"
    rf"|\b(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)[\s-]*firsts?\b"
    r"|\bquarters\b|\bhalves\b",
    re.I,
)
_ORDINAL_RE = re.compile(rf"\bthe\s+{_ORDINAL_WORD}\b|\d+(?:st|nd|rd|th)\b", re.I)
_SLASH_OR_VULGAR_RE = re.compile(r"\d\s*/\s*\d|[\u00bc-\u00be\u2150-\u215e]")
_RATIO_RE = re.compile(r"\b(?:over|out of|in)\b", re.I)
_NEGATIVE_RE = re.compile(r"^\s*(?:-|minus\b|negative\b)|\b(?:minus|negative)\b", re.I)
_POWER_RE = re.compile(r"\d\s*\^|\d[eE][+-]?\d|\dx10", re.I)
_SPELLED_DECIMAL_RE = re.compile(r"\b(?:point)\b", re.I)
_CODE_CHUNK_RE = re.compile(r"^(?:\+?\d+(?:[-./]\d+){2,}|[A-Za-z]+-\d+)$")
_SPACE_GROUP_RE = re.compile(r"\d \d{3}(?!\d)")
_BAD_COMMA_GROUP_RE = re.compile(r"(?<![\d.,])\d+(?:[.,]\d+)*,(?!\d{3}(?!\d))\d+")
_SPACED_LETTER_SCALE_RE = re.compile(r"\d\s+[kKmMgGbBtT]\b")
_GIGA_RE = re.compile(r"\d[gG]\b")
_BARE_METRE_M_RE = re.compile(r"(?<![\w$€£¥.,])\d+(?:\.\d+)?m\b")
_LONG_DIGITS_RE = re.compile(r"(?<![\d,.])\d{10,}(?![\d,.])")


def _chunk(text: str, start: int, end: int) -> str:
    """The whitespace-delimited stretch around [start, end], edge punctuation stripped."""
    while start > 0 and not text[start - 1].isspace():
        start -= 1
    while end + 1 < len(text) and not text[end + 1].isspace():
        end += 1
    return text[start:end + 1].strip("?!.,;:()\"'")


def _is_fraction(case: Case) -> bool:
    for result in case.results:
        text = result["Text"]
        if _DENOMINATOR_RE.search(text) or _SLASH_OR_VULGAR_RE.search(text):
            return True
        sub = result["Resolution"].get("subtype")
        if sub == "fraction" and _RATIO_RE.search(text):
            return True  # "one over three", "1 in twenty-one", "2000 over 3"
        after = case.input[result["End"] + 1:]
        if re.match(r"\s*-?\s*(?:" + _DENOMINATOR_RE.pattern + ")", after, re.I):
            return True  # "two millionth": the spec reads the numerator alone
    for number in expected_numbers(case):
        if 0 < abs(number) < 1 and not any(
            "." in r["Text"] for r in case.results
        ):
            return True  # a bare part: "a half", "more than half", "2 in 5 or more"
    return False


def _is_ordinal(case: Case) -> bool:
    return any(_ORDINAL_RE.search(r["Text"]) for r in case.results)


def _is_negative(case: Case) -> bool:
    return any(n < 0 for n in expected_numbers(case)) or any(
        _NEGATIVE_RE.search(r["Text"]) for r in case.results
    )


def _is_power(case: Case) -> bool:
    return any(r["Resolution"].get("subtype") == "power" for r in case.results) or bool(
        _POWER_RE.search(case.input)
    )


def _is_spelled_decimal(case: Case) -> bool:
    return any(_SPELLED_DECIMAL_RE.search(r["Text"]) for r in case.results)


def _is_code(case: Case) -> bool:
    return any(
        _CODE_CHUNK_RE.match(_chunk(case.input, r["Start"], r["End"])) for r in case.results
    )


def _is_digit_convention(case: Case) -> bool:
    return bool(_BAD_COMMA_GROUP_RE.search(case.input)) or any(
        _SPACE_GROUP_RE.search(r["Text"]) for r in case.results
    )


def _is_letter_scale(case: Case) -> bool:
    return bool(
        _SPACED_LETTER_SCALE_RE.search(case.input) or _GIGA_RE.search(case.input)
        or _BARE_METRE_M_RE.search(case.input)
    )


def _is_long_digits(case: Case) -> bool:
    return bool(_LONG_DIGITS_RE.search(case.input))


# (category, rule, reason); the first matching rule names the category.
OUT_OF_SCOPE = [
    ("by_design",
     lambda c: "python" in c.by_design,
     "the spec's NotSupportedByDesign names python: its authors do not want this "
     "result from a Python implementation"),
    ("negative",
     _is_negative,
     "negative numbers ('-1', 'minus five'): claimtrack reads a '-' before digits as a "
     "dash; news figures are magnitudes, falls are written as words"),
    ("power",
     _is_power,
     "mathematical notation ('1e10', '1.1^23', '1.3x10^6'): not news prose"),
    ("ordinal",
     _is_ordinal,
     "ordinals read as numbers ('between the tenth and the fifteenth'): ranks are not "
     "figures; claimtrack never returns ordinals"),
    ("spelled_decimal",
     _is_spelled_decimal,
     "spelled decimals ('two hundred point zero three'): news writes decimals in "
     "digits, and 'point' is too often a noun ('at one point')"),
    ("fraction",
     _is_fraction,
     "fractions and parts ('two thirds', '3/4', 'one over three', 'a half', "
     "'2 in 5'): proportions, not figures; claimtrack never returns them ('half a "
     "million', 'two and a half', 'a quarter of a million' stay in scope)"),
    ("code",
     _is_code,
     "digits inside IP addresses, dates, phone numbers and names ('192.168.1.2', "
     "'5/17/2018', '+1-222-2222/2222', 'SCP-173'): claimtrack must return nothing there"),
    ("digit_convention",
     _is_digit_convention,
     "non-English digit grouping: decimal commas ('1,3', '5,00', '1.111,11'), Indian "
     "groups ('12,34,567'), unspaced comma lists ('22,24,26') and ordinary-space groups "
     "('1 234 567', ambiguous in running text: 'in 2014 500 people')"),
    ("letter_scale",
     _is_letter_scale,
     "single-letter scales where the letter is ambiguous: spaced ('2.33 k', "
     "'1,674.5 G'), giga 'G' (clashes with '5G') and a bare lower-case 'm' that the "
     "spec reads as metres ('1m'; claimtrack reads glued m as million by design)"),
    ("long_digits",
     _is_long_digits,
     "unseparated integers of ten or more digits: identifiers and phone numbers in news "
     "(large figures carry separators or a scale word)"),
]
REASONS = {name: reason for name, _, reason in OUT_OF_SCOPE}


def out_of_scope(case: Case) -> str | None:
    for name, rule, _ in OUT_OF_SCOPE:
        if rule(case):
            return name
    return None


# ------------------------------------------------------------------------- known gaps

# In-scope cases claimtrack still fails, keyed by (model, Input), each with its reason.
# They count as failures in the pass rate, and a test asserts that exactly these fail:
# a new failure, or a gap that got fixed, both show up.
KNOWN_GAPS: dict[tuple[str, str], str] = {
    ("NumberModel", " three hundred and two dozens"):
        "ambiguous (302 dozen or 300 + 2 dozen): claimtrack reads 302 and leaves 'dozens' vague",
    ("NumberModel", "423 0000 will be recognized as two numbers."):
        "'0000' has a leading zero, which claimtrack reads as a code ('Ward 0143'), by design",
    ("NumberModel", "they were playing three-nought-four"):
        "a hyphen chain of spelled digits is a code or score to claimtrack, not three numbers",
    ("NumberRangeModel", "The number range is 1000 - 5000"):
        "a spaced hyphen stays two numbers by design: score lines ('lost 98 - 102')",
    ("NumberRangeModel", "The number is from 200 to 300 in 2008"):
        "the spec expects no range here (unlike 'from 200 to 3000000 in 2008'); claimtrack "
        "reads 'from 200 to 300' as a range",
}

# ------------------------------------------------------------------------------ tests

CASES = {model: load(model) for model in MODELS}


def _case_id(case: Case) -> str:
    slug = re.sub(r"\W+", "_", case.input.strip().lower()).strip("_")[:40]
    short = "number" if case.model == "NumberModel" else "range"
    return f"{short}-{case.index:03d}-{slug}"


def _params(gaps: bool) -> list:
    return [
        pytest.param(case, id=_case_id(case))
        for cases in CASES.values()
        for case in cases
        if out_of_scope(case) is None and ((case.model, case.input) in KNOWN_GAPS) is gaps
    ]


@pytest.mark.parametrize("case", _params(gaps=False))
def test_spec_case(case: Case):
    problems = compare(case)
    assert not problems, f"{case.input!r}: " + "; ".join(problems)


@pytest.mark.parametrize("case", _params(gaps=True))
def test_known_gap_still_differs(case: Case):
    """A listed gap that now passes must leave KNOWN_GAPS, so the list stays true."""
    assert compare(case), f"{case.input!r} passes now: remove it from KNOWN_GAPS"


def test_spans_in_the_spec_point_at_their_text():
    for cases in CASES.values():
        for case in cases:
            for result in case.results:
                text = case.input[result["Start"]:result["End"] + 1]
                assert text.lower() == result["Text"].lower(), (case.input, result)


def test_known_gaps_are_in_scope_cases():
    by_key = {(c.model, c.input): c for cases in CASES.values() for c in cases}
    for key in KNOWN_GAPS:
        assert key in by_key, key
        assert out_of_scope(by_key[key]) is None, key


def summary(model: str) -> dict:
    cases = CASES[model]
    categories = Counter(out_of_scope(c) for c in cases)
    scoped = [c for c in cases if out_of_scope(c) is None]
    passed = [c for c in scoped if not compare(c)]
    unflagged = [c for c in scoped if "python" not in c.not_supported]
    return {
        "total": len(cases),
        "out_of_scope": {k: v for k, v in categories.items() if k is not None},
        "in_scope": len(scoped),
        "passed": len(passed),
        "known_gaps": sum(1 for c in scoped if (c.model, c.input) in KNOWN_GAPS),
        "rate": len(passed) / len(scoped),
        "in_scope_flagged_not_supported_python": len(scoped) - len(unflagged),
        "passed_of_unflagged": f"{sum(1 for c in unflagged if c in passed)}/{len(unflagged)}",
    }


@pytest.mark.parametrize("model", list(MODELS))
def test_pass_rate(model: str):
    info = summary(model)
    lines = [f"{model}: total {info['total']}, in scope {info['in_scope']}, "
             f"passed {info['passed']}, rate {info['rate']:.3f}, "
             f"known gaps {info['known_gaps']}"]
    lines += [f"  out of scope {name}: {count} ({REASONS[name]})"
              for name, count in info["out_of_scope"].items()]
    lines.append(f"  in scope but flagged NotSupported for python: "
                 f"{info['in_scope_flagged_not_supported_python']}; "
                 f"passed of the unflagged: {info['passed_of_unflagged']}")
    report = "\n".join(lines)
    print(report)
    assert info["rate"] >= MIN_PASS_RATE, report
