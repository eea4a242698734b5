"""Invented news articles in bulk, for tests that need a folder of many distinct ones.

Each article has a header block, direct and reported speech and a few figures, so
extracting it stores several claims. Names, places and numbers are made up and vary
with the article number, so every article has its own text (and id).
"""

from __future__ import annotations

from pathlib import Path

FIRST = ("Ada", "Boris", "Clara", "Dmitri", "Elena", "Farid", "Greta", "Hugo", "Ines", "Jonas")
LAST = ("Varga", "Lindqvist", "Okafor", "Marchetti", "Sorensen", "Delacroix", "Halloran", "Petrov")
ROLES = ("Defence Minister", "Mayor", "General", "Finance Minister", "Health Minister", "Governor")
PLACES = ("Eastvale", "Lindport", "Northmarch", "Sorrow Bay", "Kestrel Ridge", "Ashford")
THINGS = ("bridge", "harbour", "rail line", "hospital", "power plant", "school")


def article(number: int) -> str:
    first = FIRST[number % len(FIRST)]
    last = LAST[(number // len(FIRST)) % len(LAST)]
    role = ROLES[number % len(ROLES)]
    place = PLACES[number % len(PLACES)]
    thing = THINGS[(number // 3) % len(THINGS)]
    day = 1 + number % 27
    header = f"Title: {place} Plans Number {number}\nSource: {place} Courier\nDate: 2021-03-{day:02d}\n\n"
    paragraphs = [
        f'"We will rebuild the {thing} before the winter," {role} {first} {last} said on Tuesday.',
        f"{last} said the work would cost about ${number + 12} million and employ {number * 7 + 300} people.",
        f'"Nobody in {place} will be left behind," {last} told reporters. "The plan is funded."',
        f"More than {number * 11 + 1200} troops were moved to the {place} border last week, "
        "according to regional officials.",
        f"Opposition leader Mara Quist warned that the {thing} plan for {place} was {number} weeks late.",
        f'"The figures do not add up," Quist said, adding that at least {number + 3} people had been hurt.',
        f"The council in {place} approved the budget of the {thing} on Wednesday, item {number}.",
    ]
    return header + "\n\n".join(paragraphs) + "\n"


def write_articles(folder: Path, count: int, *, start: int = 0) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for number in range(start, start + count):
        path = folder / f"article-{number:04d}.txt"
        path.write_text(article(number), encoding="utf-8")
        paths.append(path)
    return paths
