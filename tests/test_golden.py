"""Quality gate on the golden corpus in data/fixtures/.

The articles there were written for claimtrack and annotated by hand in
expected.json. This test extracts them, scores the claims the way the shared seed
scorer does (normalised text containment, speaker aliases), and fails when any
score falls below data/fixtures/floors.json. Raise a floor when extraction gets
better; lowering one needs a reason in the commit that does it.
"""

import json
import re
import unicodedata
from collections import Counter, defaultdict
from pathlib import Path

import pytest

from claimtrack.extract.claims import extract_claims
from claimtrack.linking.identity import identities
from claimtrack.inputs.load import iter_inputs
from claimtrack.models import Article, SpeakerName
from claimtrack.nlp.pipeline import DEFAULT_MODEL, load_pipeline

FIXTURES = Path(__file__).resolve().parent.parent / "data" / "fixtures"


def norm(text: str | None) -> str:
    text = unicodedata.normalize("NFKD", text or "")
    text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    return " " + re.sub(r"[^0-9a-z]+", " ", text).strip() + " "


def name_norm(text: str | None) -> str:
    return re.sub(r"^the ", "", norm(text).strip())


def speaker_ok(claim, accepted) -> bool:
    if accepted is None:
        return claim.speaker is None
    return claim.speaker is not None and name_norm(claim.speaker.name) in {name_norm(a) for a in accepted}


def figure_matches(claim, entry) -> bool:
    figure = claim.figure
    in_text = norm(entry["key"]) in norm(claim.text) or norm(entry["key"]) in norm(claim.sentence)
    if "value" in entry:
        value = figure.value if figure.value is not None else figure.low
        return in_text and value is not None and abs(value - entry["value"]) <= 0.005 * max(1, entry["value"])
    return in_text and (figure.low, figure.high) == (entry.get("low"), entry.get("high"))


def score(articles: list[Article], claims_by_article: dict[str, list], expected: dict) -> dict[str, float]:
    """Scores of ``claims_by_article`` against the ``articles`` part of an expected.json."""
    counts = dict.fromkeys(
        "keys covered attributed dated dated_ok quotes quotes_ok figures figures_found "
        "category_ok sourced sourced_ok figure_preds figure_preds_ok meta meta_ok".split(),
        0,
    )
    by_stem = {Path(a.path).stem: a for a in articles}
    for stem, gold in expected.items():
        article = by_stem[stem]
        claims = claims_by_article[article.id]
        quotes = [c for c in claims if c.kind == "quote"]
        figures = [c for c in claims if c.kind == "figure"]
        meta = gold["meta"]
        got = {
            "source": article.source,
            "published": article.published.isoformat() if article.published else None,
            "title": article.title,
            "authors": sorted(article.authors),
        }
        for field in ("source", "published", "title"):
            counts["meta"] += 1
            counts["meta_ok"] += got[field] == meta[field]
        counts["meta"] += 1
        counts["meta_ok"] += got["authors"] == sorted(meta["authors"])

        for entry in gold["quotes"]:
            counts["keys"] += 1
            covering = [c for c in quotes if norm(entry["key"]) in norm(c.text)]
            counts["covered"] += bool(covering)
            counts["attributed"] += any(speaker_ok(c, entry["speaker"]) for c in covering)
            if entry.get("date"):
                counts["dated"] += 1
                counts["dated_ok"] += any(c.date and c.date.isoformat() == entry["date"] for c in covering)
        accepted_keys = gold["quotes"] + gold.get("optional_quotes", [])
        for claim in quotes:
            counts["quotes"] += 1
            hits = [e for e in accepted_keys if norm(e["key"]) in norm(claim.text)]
            counts["quotes_ok"] += any("speaker" not in e or speaker_ok(claim, e["speaker"]) for e in hits)

        for entry in gold["figures"]:
            counts["figures"] += 1
            found = [c for c in figures if figure_matches(c, entry)]
            if found:
                counts["figures_found"] += 1
                counts["category_ok"] += any(c.figure.category == entry["category"] for c in found)
                counts["sourced"] += 1
                counts["sourced_ok"] += any(speaker_ok(c, entry["speaker"]) for c in found)
        accepted_figures = gold["figures"] + gold.get("optional_figures", [])
        for claim in figures:
            counts["figure_preds"] += 1
            counts["figure_preds_ok"] += any(
                figure_matches(claim, e) if ("value" in e or "low" in e) else norm(e["key"]) in norm(claim.text)
                for e in accepted_figures
            )

    def ratio(a: str, b: str) -> float:
        return round(counts[a] / counts[b], 3) if counts[b] else 1.0

    return {
        "metadata_accuracy": ratio("meta_ok", "meta"),
        "quote_span_recall": ratio("covered", "keys"),
        "quote_attr_recall": ratio("attributed", "keys"),
        "quote_precision": ratio("quotes_ok", "quotes"),
        "quote_date_accuracy": ratio("dated_ok", "dated"),
        "figure_recall": ratio("figures_found", "figures"),
        "figure_precision": ratio("figure_preds_ok", "figure_preds"),
        "figure_category_accuracy": ratio("category_ok", "figures_found"),
        "figure_source_accuracy": ratio("sourced_ok", "sourced"),
    }


EXPECTED = json.loads((FIXTURES / "expected.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def extracted():
    nlp = load_pipeline(DEFAULT_MODEL)
    articles = [a for a in iter_inputs([FIXTURES]) if isinstance(a, Article)]
    claims = {a.id: extract_claims(doc, a) for doc, a in zip(nlp.pipe(a.text for a in articles), articles)}
    return articles, claims


@pytest.fixture(scope="module")
def scores(extracted):
    articles, claims = extracted
    return score(articles, claims, EXPECTED["articles"])


@pytest.fixture(scope="module")
def canonical(extracted):
    """Every speaker name in the corpus mapped to its identity across articles."""
    _, claims = extracted
    counts: Counter[tuple[str, str]] = Counter()
    for claim in (c for found in claims.values() for c in found):
        if claim.speaker is not None:
            counts[(claim.speaker.name, claim.speaker.kind)] += 1
    by_name: dict[str, Counter[str]] = defaultdict(Counter)
    for (name, kind), n in counts.items():
        by_name[name][kind] += n
    names = [SpeakerName(name=name, kind=kinds.most_common(1)[0][0], claims=sum(kinds.values())) for name, kinds in by_name.items()]
    return identities(names)


@pytest.mark.parametrize("person", sorted(EXPECTED["speakers"]))
def test_one_identity_per_person_across_articles(canonical, person):
    spellings = {name_norm(s) for s in [person, *EXPECTED["speakers"][person]]}
    found = {target for name, target in canonical.items() if name_norm(name) in spellings and " " in name.strip()}
    assert len(found) == 1, f"{person} is split into {sorted(found)}"


@pytest.mark.parametrize(("a", "b"), EXPECTED["distinct_same_surname"])
def test_people_sharing_a_surname_stay_apart(canonical, a, b):
    assert canonical.get(a, a) != canonical.get(b, b)


FLOORS = json.loads((FIXTURES / "floors.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("metric", sorted(FLOORS))
def test_quality_floor(scores, metric):
    line = " ".join(f"{k}={v}" for k, v in scores.items())
    assert scores[metric] >= FLOORS[metric], f"{metric} fell below its floor {FLOORS[metric]}: {line}"


def test_every_score_has_a_floor(scores):
    assert set(scores) == set(FLOORS)
