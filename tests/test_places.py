import pytest

from claimtrack.places import country_of, same_owner


@pytest.mark.parametrize(
    ("name", "country"),
    [
        ("Moscow", "Russia"),
        ("Russian", "Russia"),
        ("Russia's", "Russia"),
        ("the United States", "United States"),
        ("U.S.", "United States"),
        ("US", "United States"),
        ("American", "United States"),
        ("Kyiv", "Ukraine"),
        ("Ukrainian", "Ukraine"),
        ("British", "United Kingdom"),
        ("Chinese", "China"),
        ("German", "Germany"),
        # Not countries, or not the word for one.
        ("us", None),
        ("NATO", None),
        ("European", None),
        ("Norvanian", None),
        (None, None),
    ],
)
def test_country_of(name, country):
    assert country_of(name) == country


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        ("Moscow", "Russia", True),
        ("Russian", "Moscow", True),
        ("US", "Russia", False),
        ("Norvanian", "Norvania", True),
        ("Norvanian", "Estravan", False),
        ("NATO", "NATO", True),
        (None, "Russia", None),
    ],
)
def test_same_owner(a, b, same):
    assert same_owner(a, b) is same
