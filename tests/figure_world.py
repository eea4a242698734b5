"""Invented figure claims for the diff and store tests. Every name, outlet and
number here is invented."""

import datetime as dt
import hashlib
import random

from claimtrack.models import ArticleInfo, Claim, Figure, Speaker

QUALIFIED = {
    "exact": lambda v: (v, v, v),
    "approx": lambda v: (v, round(v * 0.9), round(v * 1.1)),
    "nearly": lambda v: (v, round(v * 0.9), v),
    "more_than": lambda v: (v, v, None),
    "at_least": lambda v: (v, v, None),
    "less_than": lambda v: (v, None, v),
    "at_most": lambda v: (v, None, v),
}


def fig(qualifier, value=None, low=None, high=None, **context):
    if qualifier in QUALIFIED:
        value, low, high = QUALIFIED[qualifier](value)
    return Figure(value=value, low=low, high=high, qualifier=qualifier, **context)


def article(name, day=None):
    return ArticleInfo(id=hashlib.sha1(name.encode()).hexdigest()[:16], path=f"{name}.txt", source=name.title(), published=day)


def claim(art, text, figure, *, speaker=None, sentence=None, start=0):
    return Claim(
        id=hashlib.sha1(f"{art.id}{text}{start}".encode()).hexdigest()[:16],
        kind="figure",
        article=art,
        text=text,
        sentence=sentence or text,
        start=start,
        end=start + len(text),
        speaker=Speaker(name=speaker, mention=speaker, kind="person") if speaker else None,
        figure=figure,
    )


TOPICS = ("Norvania", "Estrava", "Border Guard")


OWNERS = (None, "Norvania", "Norvanian", "Estrava", "the Estravan", "Kelmar Group")
PLACES = (None, "near the border", "in Port Sella", "along the Estravan border", "in the north")
SINCES = (None, "2014", "March 2019")
UNITS = ("troops", "soldiers", "people", "tanks", None)


# The measures a figure of each category may have, when the world has measures.
MEASURES = {
    "troops": ("personnel",),
    "casualties": ("deaths", "deaths", "injured"),
    "people": ("people", "crowd", "missing", "displaced"),
    "money": ("money",),
}


def invented_figures(seed, count, *, measures=False):
    """Figure claims from a small world of owners, places, periods and sizes, so
    that many pairs share something and some share everything; with the topics of
    their articles. With ``measures``, figures carry a measure of their category
    (and some count people or money), as claimtrack now extracts them."""
    rng = random.Random(seed)
    arts = [article(f"wire {n}", dt.date(2023, 1, 1) + dt.timedelta(days=rng.randrange(240)) if n % 7 else None)
            for n in range(count // 2 + 1)]
    claims = []
    for n in range(count):
        size = rng.choice([900, 1000, 1040, 1200, 1500, 3000, 45000, 47000, 60000])
        qualifier = rng.choice(["exact", "approx", "more_than"])
        categories = ["troops", "troops", "casualties"] + (["people", "money"] if measures else [])
        category = rng.choice(categories)
        figure = fig(
            qualifier, size, unit=rng.choice(UNITS), category=category,
            measure=rng.choice(MEASURES[category]) if measures else None,
            owner=rng.choice(OWNERS), place=rng.choice(PLACES), since=rng.choice(SINCES),
            planned=rng.random() < 0.1,
            as_of=dt.date(2023, 1, 1) + dt.timedelta(days=rng.randrange(240)) if rng.random() < 0.2 else None,
        )
        words = rng.sample(["troops", "border", "massed", "officials", "reported", "near", "army", "said"], 4)
        claims.append(claim(rng.choice(arts), f"{size} {n}", figure, speaker=rng.choice([None, "Ana Orel", "Bo Lind"]),
                            sentence=" ".join(words), start=n))
    topics = {a.id: tuple(rng.sample(TOPICS + ("Harbour", "Rail Union"), 3)) for a in arts}
    return claims, topics
