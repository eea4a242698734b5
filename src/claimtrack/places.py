"""Countries under their many names: "Russia", "Russian", "Moscow", "the US".

News names a state by its capital ("Moscow said"), its adjective ("Russian troops"),
its code ("US") or its full name. Comparing whose a figure is needs them to meet, so
this module maps each to the country's name, from the GeoNames table in ``data/``.
Pure Python and standard library only.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from importlib import resources

# Adjective endings stripped to find the country's name: "Ukrainian" -> "Ukrain".
_ADJECTIVE_ENDINGS = ("ian", "ean", "an", "ese", "ish", "i", "ic", "n")
_MIN_STEM = 4
_ARTICLE = re.compile(r"^the\s+", re.IGNORECASE)
_POSSESSIVE = re.compile(r"['’]s$")
# Names and adjectives that do not follow from the table's spelling.
_SHORT_FORMS = {
    "america": "United States", "american": "United States", "britain": "United Kingdom",
    "great britain": "United Kingdom", "british": "United Kingdom", "english": "United Kingdom",
    "scottish": "United Kingdom", "welsh": "United Kingdom", "french": "France", "dutch": "The Netherlands", "netherlands": "The Netherlands",
    "swiss": "Switzerland", "greek": "Greece", "irish": "Ireland", "danish": "Denmark", "polish": "Poland",
    "turkish": "Turkey", "filipino": "Philippines", "thai": "Thailand", "iraqi": "Iraq", "israeli": "Israel",
    "pakistani": "Pakistan", "bangladeshi": "Bangladesh", "afghan": "Afghanistan", "yemeni": "Yemen",
    "kuwaiti": "Kuwait", "qatari": "Qatar", "saudi": "Saudi Arabia", "emirati": "United Arab Emirates",
    "czech": "Czechia", "slovak": "Slovakia", "norwegian": "Norway", "belgian": "Belgium",
}  # fmt: skip


def _fold(text: str) -> str:
    text = unicodedata.normalize("NFKD", text)
    return "".join(c for c in text if not unicodedata.combining(c)).lower().strip()


@functools.cache
def _tables() -> tuple[dict[str, str], dict[str, str], list[tuple[str, str]]]:
    """(name or capital -> country, ISO code -> country, [(folded country name, country)])."""
    table = resources.files("claimtrack").joinpath("data/countries.tsv").read_text(encoding="utf-8")
    names: dict[str, str] = {}
    codes: dict[str, str] = {}
    countries: list[tuple[str, str]] = []
    for line in table.splitlines():
        if not line or line.startswith("#"):
            continue
        country, iso2, iso3, capital = (line.split("\t") + [""] * 4)[:4]
        countries.append((_fold(country), country))
        for name in (country, capital):
            if name:
                names.setdefault(_fold(name), country)
        for code in (iso2, iso3):
            codes.setdefault(code, country)
    for short, country in _SHORT_FORMS.items():
        names[short] = country
    return names, codes, countries


@functools.lru_cache(maxsize=65_536)
def country_of(name: str | None) -> str | None:
    """The country a name stands for, or None when it names none.

    >>> country_of("Moscow"), country_of("Russian"), country_of("U.S."), country_of("NATO")
    ('Russia', 'Russia', 'United States', None)
    """
    if not name:
        return None
    text = _POSSESSIVE.sub("", _ARTICLE.sub("", name.strip()))
    names, codes, countries = _tables()
    folded = _fold(text)
    if folded in names:
        return names[folded]
    code = text.replace(".", "")
    if code in codes:
        return codes[code]  # "U.S.", "UK" in capitals; never the word "us"
    if code == "UK":
        return "United Kingdom"
    for ending in _ADJECTIVE_ENDINGS:
        if folded.endswith(ending) and len(folded) - len(ending) >= _MIN_STEM:
            stem = folded[: -len(ending)]
            matches = {country for key, country in countries if key.startswith(stem)}
            if len(matches) == 1:
                return matches.pop()
    return None


@functools.lru_cache(maxsize=65_536)
def country_named(name: str | None) -> str | None:
    """The country a name or adjective stands for as an owner ("France", "French",
    "U.S.", "Papua New Guinea's"); None for a capital or any other place, which names a
    city's own bodies as often as its country's.

    >>> country_named("French"), country_named("U.S."), country_named("Oslo")
    ('France', 'United States', None)
    """
    country = country_of(name)
    if country is None or name is None:
        return None
    text = _POSSESSIVE.sub("", _ARTICLE.sub("", name.strip()))
    folded = _fold(text)
    _, codes, countries = _tables()
    if folded == _fold(country) or folded in _SHORT_FORMS or text.replace(".", "") in codes or text.replace(".", "") == "UK":
        return country
    if any(folded == key for key, _ in countries):
        return country
    # An adjective: a stem of the country's name with an adjective ending.
    return country if any(folded.endswith(e) and _fold(country).startswith(folded[: -len(e)][:_MIN_STEM]) for e in _ADJECTIVE_ENDINGS) else None


def same_owner(a: str | None, b: str | None) -> bool | None:
    """True or False when both name an owner, None when either is unknown."""
    if not a or not b:
        return None
    country_a, country_b = country_of(a), country_of(b)
    if country_a or country_b:
        return country_a == country_b
    # Names the table does not know: "Norvanian" and "Norvania" still share a stem.
    stems_a, stems_b = _stems(a), _stems(b)
    return bool(stems_a & stems_b)


@functools.lru_cache(maxsize=65_536)
def owner_keys(name: str | None) -> frozenset[str]:
    """Keys that two owners share whenever `same_owner` calls them one, for finding
    candidates without comparing every pair."""
    if not name:
        return frozenset()
    country = country_of(name)
    if country:
        return frozenset({f"country:{country}"})
    return frozenset(f"stem:{stem}" for stem in _stems(name))


def _stems(name: str) -> set[str]:
    folded = _fold(_POSSESSIVE.sub("", _ARTICLE.sub("", name)))
    stems = {folded}
    for ending in _ADJECTIVE_ENDINGS + ("a", "ia", "e", "y"):
        if folded.endswith(ending) and len(folded) - len(ending) >= _MIN_STEM:
            stems.add(folded[: -len(ending)])
    return stems
