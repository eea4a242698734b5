"""An invented store for the tests of what a journalist reads and hands on: tables at
any width, Markdown, diff rows, the chart, datasette. Built from records, without the
language model. Every name, outlet, sentence and number here is invented.

It holds long claims, one statement reported in two outlets' words, a long speaker name and role, an outlet name and a URL longer
than a narrow terminal, a direct quotation, a statement dated only by its article, a
text three outlets ran, and three reports of one quantity that disagree: "more than
40,000" (Lindport Evening Chronicle), "tens of thousands" (Valley Herald) and an exact
"12,000" (Coast Wire, undated, also run by Harbour Post and Gull Times).
"""

from __future__ import annotations

import datetime as dt
import hashlib
from pathlib import Path

from claimtrack.ingest.job import refresh_derived
from claimtrack.models import Article, ArticleInfo, Claim, Figure, Speaker
from claimtrack.store import Store

LONG_OUTLET = "Lindport Evening Chronicle of the Northern Coast"
LONG_URL = (
    "https://www.lindport-evening-chronicle.example/news/2023/03/01/"
    "harbour-authority-says-more-than-forty-thousand-troops-gathered-near-the-northern-border/123456/"
)
LONG_SPEAKER = "Ingrid Solberg-Halvorsen"
LONG_ROLE = "Deputy Harbour Commissioner for Northern Coastal Affairs"
LONG_QUOTE = (
    "We counted the convoys ourselves every night for a fortnight, and nobody who stood on the quay at "
    "Kestrel Ridge could tell you that the soldiers on the far bank were there for an exercise that ends on Friday"
)
REPORTED = "the ferry crossings to Port Sella would stay closed until the border commission had met in Estrava"
# One unbroken word longer than any column a narrow table gives it.
UNBROKEN = "registry-entry-KR-2023-0301-northern-border-crossing-convoy-log-volume-seventeen"
VOSS_HERALD = "talks would resume once the convoys had gone home and the border was quiet again"
VOSS_CHRONICLE = "talks would resume once the convoys had gone home and the border was calm again"
TROOPS = {"unit": "troops", "category": "troops", "owner": "Norvania", "place": "near the border"}

# The disagreeing reports: (article key, wording, figure, who gave it).
REPORTS = (
    ("chronicle", "more than 40,000 troops",
     Figure(value=40000, low=40000, high=None, qualifier="more_than", **TROOPS), "harbour officials"),
    ("herald", "tens of thousands of troops",
     Figure(value=None, low=10000, high=99999, qualifier="vague", **TROOPS), None),
    ("wire", "12,000 troops", Figure(value=12000, low=12000, high=12000, qualifier="exact", **TROOPS),
     "Western intelligence"),
)


def _id(*parts: object) -> str:
    return hashlib.sha1("|".join(map(str, parts)).encode()).hexdigest()[:16]


ARTICLES = {
    "chronicle": ArticleInfo(
        id=_id("chronicle"), path="desk/chronicle-2023-03-01-harbour-authority-troops-northern-border.txt",
        source=LONG_OUTLET, title="Harbour Authority Says Troops Gathered Near The Northern Border",
        published=dt.date(2023, 3, 1), authors=("Mara Quist", "Tobias Lindqvist", "Ines Okafor"), url=LONG_URL,
    ),
    "herald": ArticleInfo(
        id=_id("herald"), path="desk/herald.txt", source="Valley Herald", title="Border Talks Stall",
        published=dt.date(2023, 3, 4),
    ),
    "wire": ArticleInfo(id=_id("wire"), path="desk/wire.txt", source="Coast Wire", title="Troops Massed"),
}


def _claim(key: str, kind: str, text: str, start: int, **fields: object) -> Claim:
    info = ARTICLES[key]
    return Claim(id=_id(key, text, start), kind=kind, article=info, text=text,
                 sentence=fields.pop("sentence", None) or f"{text}.", start=start, end=start + len(text), **fields)


def _person(name: str, role: str | None = None) -> Speaker:
    return Speaker(name=name, mention=name, kind="person", role=role)


def desk_claims() -> dict[str, list[Claim]]:
    """The claims of each article."""
    claims: dict[str, list[Claim]] = {key: [] for key in ARTICLES}
    claims["chronicle"] += [
        _claim("chronicle", "quote", LONG_QUOTE, 0, speaker=_person(LONG_SPEAKER, LONG_ROLE), cue="said",
               direct=True, date=dt.date(2023, 2, 28)),
        _claim("chronicle", "quote", REPORTED, 400, speaker=_person(LONG_SPEAKER, LONG_ROLE), cue="said"),
        _claim("chronicle", "quote", f"the convoy log was filed as {UNBROKEN}", 800,
               speaker=_person("Tomas Reiner", "harbour master"), cue="said", date=dt.date(2023, 2, 27)),
    ]
    # One statement in two outlets' words: a pair for diff --quotes.
    claims["herald"].append(
        _claim("herald", "quote", VOSS_HERALD, 0, speaker=_person("Petra Voss", "General"), cue="said",
               date=dt.date(2023, 3, 3))
    )
    claims["chronicle"].append(
        _claim("chronicle", "quote", VOSS_CHRONICLE, 1200, speaker=_person("Petra Voss", "General"), cue="said",
               date=dt.date(2023, 3, 1))
    )
    for number, (key, text, figure, giver) in enumerate(REPORTS):
        speaker = Speaker(name=giver, mention=giver, kind="group") if giver else None
        claims[key].append(_claim(key, "figure", text, 2000 + number, figure=figure, speaker=speaker,
                                  sentence=f"Norvania massed {text} near the border."))
    return claims


def build_desk_store(db: Path) -> Path:
    """The store at ``db``, with its speakers and figure groups built."""
    claims = desk_claims()
    with Store.open(str(db), create=True) as store:
        for key, info in ARTICLES.items():
            store.save(Article(**info.model_dump(), text="Invented body. " * 200, topics=("Norvania",)), claims[key])
        for outlet in ("Harbour Post", "Gull Times"):
            store.record_appearance(ARTICLES["wire"].model_copy(update={"source": outlet, "path": f"{outlet}.txt"}))
        refresh_derived(store, {c.id for listed in claims.values() for c in listed if c.kind == "figure"},
                        rebuild_groups=True)
    return db
