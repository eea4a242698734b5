"""A synthetic claim store of any size, for timing queries.

    python benchmarks/synthetic_store.py million.db --claims 1000000

Everything in it is invented, with the skew of real news: a few outlets, speakers
and topics account for most claims while most speakers appear once or twice;
figures come from stories that several outlets report within days of each other,
often with different numbers; sentences draw on a vocabulary where a few words are
everywhere and most are rare. About 16 claims per article, a third of them figures,
as in the articles under data/fixtures/.

The store is written through claimtrack's own `Store` and then refreshed the way
`claimtrack extract` refreshes it (identities, speaker summaries, figure links and
groups), so its tables and indexes are what a real store of that size holds.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import itertools
import math
import random
import sys
import time
from pathlib import Path

from claimtrack.ingest.job import refresh_derived
from claimtrack.models import Article, Claim, Figure, Speaker
from claimtrack.store import Store

CLAIMS_PER_ARTICLE = 16
FIGURE_SHARE = 0.33
FIRST_DAY = dt.date(2021, 1, 1)
DAYS = 4 * 365
ARTICLES_PER_TRANSACTION = 400

# (category, share of figures, units, typical sizes as powers of ten)
CATEGORIES = (
    ("troops", 0.07, ("troops", "soldiers", "personnel"), (2.5, 5.5)),
    ("casualties", 0.15, ("dead", "people", "civilians", "wounded"), (0.5, 4.5)),
    ("money", 0.25, ("USD", "EUR", "GBP"), (4.0, 11.0)),
    ("people", 0.25, ("people", "refugees", "workers", "residents"), (1.0, 6.0)),
    ("equipment", 0.10, ("tanks", "drones", "missiles", "aircraft"), (0.5, 3.5)),
    ("other", 0.18, ("tonnes", "homes", "schools", None), (0.5, 5.0)),
)
QUALIFIERS = ("exact", "exact", "exact", "approx", "more_than", "at_least", "nearly", "vague")
CUES = ("said", "told reporters", "added", "warned", "according to", "said in a statement", "insisted")
ROLES = ("minister", "spokesperson", "general", "mayor", "analyst", "director", "ambassador", "official")
SYLLABLES = "ka lo mi ra ve sa to ni dre ban kel mor tis ul an vor esh ir pa gon lu zet fa rim ost".split()


def _word(rng: random.Random, low: int, high: int) -> str:
    return "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(low, high)))


def _zipf(count: int, exponent: float = 1.05) -> list[float]:
    """Cumulative weights of ranks 1..count under Zipf's law."""
    return list(itertools.accumulate(1 / (rank**exponent) for rank in range(1, count + 1)))


class World:
    """The invented people, outlets, places and words the articles are drawn from."""

    def __init__(self, rng: random.Random, claims: int) -> None:
        self.rng = rng
        speakers = max(50, claims // 15)
        given = sorted({_word(rng, 1, 2).title() for _ in range(600)})
        self.people = [f"{rng.choice(given)} {_word(rng, 2, 3).title()}" for _ in range(speakers)]
        self.people = list(dict.fromkeys(self.people))
        self.people_weights = _zipf(len(self.people))
        self.bodies = [f"{_word(rng, 2, 3).title()} {rng.choice(['Ministry', 'Council', 'Agency', 'Union'])}"
                       for _ in range(max(10, speakers // 20))]
        self.bodies_weights = _zipf(len(self.bodies))
        self.outlets = [f"The {_word(rng, 2, 2).title()} {rng.choice(['Post', 'Wire', 'Herald', 'Times'])}"
                        for _ in range(60)]
        self.outlet_weights = _zipf(len(self.outlets), 0.8)
        self.countries = [_word(rng, 2, 3).title() + "ia" for _ in range(40)]
        self.country_weights = _zipf(len(self.countries))
        self.places = [_word(rng, 2, 3).title() for _ in range(300)]
        self.place_weights = _zipf(len(self.places))
        self.topics = [_word(rng, 2, 3).title() for _ in range(2000)]
        self.topic_weights = _zipf(len(self.topics))
        self.vocabulary = [_word(rng, 1, 3) for _ in range(8000)]
        self.vocabulary_weights = _zipf(len(self.vocabulary))

    def pick(self, values: list, cumulative: list[float], k: int = 1) -> list:
        return self.rng.choices(values, cum_weights=cumulative, k=k)

    def sentence(self, words: int) -> str:
        return " ".join(self.pick(self.vocabulary, self.vocabulary_weights, words)).capitalize() + "."


def _story(world: World, day: int) -> dict:
    rng = world.rng
    name, _, units, (low, high) = rng.choices(CATEGORIES, [c[1] for c in CATEGORIES])[0]
    return {
        "category": name,
        "unit": rng.choice(units),
        "size": round(10 ** rng.uniform(low, high), -1) or 10,
        "owner": world.pick(world.countries, world.country_weights)[0] if rng.random() < 0.6 else None,
        "place": f"in {world.pick(world.places, world.place_weights)[0]}" if rng.random() < 0.5 else None,
        "since": str(rng.randint(2010, 2020)) if rng.random() < 0.1 else None,
        "day": day,
        "topics": world.pick(world.topics, world.topic_weights, 3),
    }


def _figure(rng: random.Random, story: dict) -> Figure:
    qualifier = rng.choice(QUALIFIERS)
    size = story["size"] * (1 if rng.random() < 0.5 else rng.choice([0.8, 0.9, 1.1, 1.25, 2.0]))
    size = int(round(size, -1 if size >= 100 else 0)) or 1
    low = high = size
    if qualifier == "approx":
        low, high = round(size * 0.9), round(size * 1.1)
    elif qualifier in ("more_than", "at_least"):
        high = None
    elif qualifier == "nearly":
        low = round(size * 0.9)
    elif qualifier == "vague":
        magnitude = 10 ** int(math.log10(max(size, 10)))
        low, high, size = magnitude, magnitude * 10 - 1, None
    return Figure(
        value=size, low=low, high=high, qualifier=qualifier, unit=story["unit"], category=story["category"],
        owner=story["owner"], place=story["place"], since=story["since"],
    )


def _speaker(world: World) -> Speaker:
    rng = world.rng
    if rng.random() < 0.2:
        body = world.pick(world.bodies, world.bodies_weights)[0]
        return Speaker(name=body, mention=rng.choice([body, "the " + body.split()[-1].lower()]), kind="organization")
    name = world.pick(world.people, world.people_weights)[0]
    mention = rng.choice([name, name.split()[-1], "he", "she", f"the {rng.choice(ROLES)}"])
    role = rng.choice(ROLES) if rng.random() < 0.4 else None
    return Speaker(name=name, mention=mention, kind="person", role=role)


def _articles(world: World, count: int):
    """Articles in date order, each with its claims."""
    rng = world.rng
    stories: list[dict] = []
    for number in range(count):
        day = int(DAYS * number / count)
        published = FIRST_DAY + dt.timedelta(days=day)
        # Stories stay in the news for about ten days; some new ones start each day.
        stories = [s for s in stories if day - s["day"] <= 10]
        if not stories or rng.random() < 0.35:
            stories.append(_story(world, day))
        article_id = hashlib.sha256(f"synthetic-{number}".encode()).hexdigest()[:16]
        covered = rng.sample(stories, min(len(stories), rng.choice([1, 1, 2, 3])))
        topics = sorted({t for s in covered for t in s["topics"]} | set(world.pick(world.topics, world.topic_weights, 3)))
        article = Article(
            id=article_id, path=f"synthetic/{number:07d}.txt", source=world.pick(world.outlets, world.outlet_weights)[0],
            title=world.sentence(6), published=published, text=world.sentence(40), topics=tuple(topics),
        )
        info = article.info()
        claims = []
        for position in range(rng.randint(CLAIMS_PER_ARTICLE - 6, CLAIMS_PER_ARTICLE + 6)):
            start = position * 300
            if rng.random() < FIGURE_SHARE:
                story = rng.choice(covered) if rng.random() < 0.7 else _story(world, day)
                figure = _figure(rng, story)
                text = f"{figure.value or figure.low:,} {figure.unit or ''}".strip()
                speaker = _speaker(world) if rng.random() < 0.5 else None
                kind, cue, direct = "figure", None, False
            else:
                figure, text = None, world.sentence(rng.randint(8, 30))
                speaker, kind, cue, direct = _speaker(world), "quote", rng.choice(CUES), rng.random() < 0.5
            sentence = f"{world.sentence(6)[:-1]} {text} {world.sentence(5)}"
            claim_id = hashlib.sha256(f"{article_id}:{kind}:{start}".encode()).hexdigest()[:16]
            claims.append(Claim(
                id=claim_id, kind=kind, article=info, text=text, sentence=sentence, start=start,
                end=start + len(text), speaker=speaker, cue=cue, direct=direct, figure=figure,
            ))
        yield article, claims


def build_store(path: Path, claims: int, seed: int = 7) -> tuple[str, str]:
    """Write a store of about ``claims`` claims at ``path``. Returns a frequent
    speaker's surname and a mid-frequency word, for timing --speaker and --search."""
    rng = random.Random(seed)
    world = World(rng, claims)
    count = max(1, claims // CLAIMS_PER_ARTICLE)
    figures: set[str] = set()
    started = time.perf_counter()
    with Store.open(str(path), create=True) as store:
        batch = []
        for article, article_claims in _articles(world, count):
            batch.append((article, article_claims))
            figures.update(c.id for c in article_claims if c.kind == "figure")
            if len(batch) == ARTICLES_PER_TRANSACTION:
                store.save_many(batch)
                batch = []
        if batch:
            store.save_many(batch)
        saved = time.perf_counter()
        refresh_derived(store, figures, rebuild_groups=True)
    print(
        f"synthetic store: {count:,} articles saved in {saved - started:.0f}s, "
        f"derived tables in {time.perf_counter() - saved:.0f}s",
        file=sys.stderr,
    )
    return world.people[0].split()[-1].lower(), world.vocabulary[200]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("path", type=Path)
    parser.add_argument("--claims", type=int, default=1_000_000)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    if args.path.exists():
        sys.exit(f"{args.path} exists; give a new path")
    speaker, word = build_store(args.path, args.claims, args.seed)
    print(f"try: claimtrack claims --db {args.path} --speaker {speaker} --limit 50")
    print(f"     claimtrack claims --db {args.path} --search {word} --limit 50")


if __name__ == "__main__":
    main()
