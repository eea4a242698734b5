"""Attribution accuracy on PolNeAR, a public corpus of US political news in which trained
annotators marked every attribution (source, cue, content).

    python benchmarks/attribution.py PATH_TO_POLNEAR_DATA --split train [--limit N] [--json OUT]

PATH_TO_POLNEAR_DATA is the `data` folder of a copy of https://github.com/networkdynamics/PolNeAR
(it holds metadata.tsv and <split>/text, <split>/attributions). Nothing of PolNeAR ships with
claimtrack. Each article's text goes through claimtrack's plain-text reader and extractors, as
`claimtrack extract` would read it; each quote claim is placed back in the article's text.

Matching follows the usual attribution evaluation: a claim matches a gold attribution when it
covers at least 30% of the gold content's characters; matching is one to one, greedy, in text
order. P = matched claims / claims, R = matched gold / gold, speaker accuracy = matches whose
speaker is right / matches with a gold source (right: the head word of the gold source, the last
word before an apposition, a party tag or a relative clause, appears in the claim's mention or
name), attributed F1 counts a match only when its speaker is right. Recall is also given by the
style of the gold content: direct (a quotation), mixed (quoted words inside), indirect.

PolNeAR also annotates beliefs, intentions and nominal attributions, and attributions with no
source at all ("is expected to"); claimtrack reports the first three with their `attribution`
kind and never the last, so recall has a ceiling below 1.
"""

from __future__ import annotations

import argparse
import csv
import json
import random
import re
import sys
from collections import defaultdict
from pathlib import Path

QUOTE_CHARS = '"\u201c\u201d\u00ab\u00bb'
COVERAGE = 0.3


def style(body: str) -> str:
    stripped = body.rstrip(" .,;:")
    if stripped and stripped[0] in QUOTE_CHARS and stripped[-1] in QUOTE_CHARS:
        return "direct"
    return "mixed" if any(ch in QUOTE_CHARS for ch in stripped) else "indirect"


def read_annotation(path: Path) -> tuple[dict, list[dict]]:
    """Text-bound annotations and events of a brat standoff file."""
    bounds, events = {}, []
    for line in path.read_text(encoding="utf-8").splitlines():
        parts = line.split("\t")
        if parts[0].startswith("T") and len(parts) >= 3:
            label, _, offsets = parts[1].partition(" ")
            bounds[parts[0]] = (label, [tuple(map(int, f.split())) for f in offsets.split(";")])
        elif parts[0].startswith("E") and len(parts) >= 2:
            arguments: dict[str, list[str]] = {}
            for argument in parts[1].split():
                role, _, tid = argument.partition(":")
                arguments.setdefault(re.sub(r"\d+$", "", role), []).append(tid)
            events.append(arguments)
    return bounds, events


def gold_articles(root: Path, split: str, limit: int | None) -> list[dict]:
    """Articles of ``split`` with their attributions (one annotator each, the first by name)."""
    by_article: dict[str, list[str]] = defaultdict(list)
    for path in sorted((root / split / "attributions").glob("*.ann")):
        article, _, annotator = path.stem.rpartition("_")
        by_article[article].append(annotator)
    names = sorted(by_article)
    random.Random(13).shuffle(names)
    articles = []
    for name in names[:limit] if limit else names:
        text = (root / split / "text" / f"{name}.txt").read_text(encoding="utf-8")
        annotator = sorted(by_article[name])[0]
        bounds, events = read_annotation(root / split / "attributions" / f"{name}_{annotator}.ann")
        quotes = []
        for event in events:
            fragments = sorted(f for tid in event.get("Content", []) if tid in bounds for f in bounds[tid][1])
            if not fragments:
                continue
            sources = sorted(f for tid in event.get("Source", []) if tid in bounds for f in bounds[tid][1])
            start, end = fragments[0][0], fragments[-1][1]
            quotes.append({
                "start": start,
                "end": end,
                "speaker": " ... ".join(text[a:b] for a, b in sources) if sources else None,
                "style": style(text[start:end].strip()),
            })
        articles.append({"id": name, "text": text, "quotes": sorted(quotes, key=lambda q: q["start"])})
    return articles


def locate(raw: str, text: str) -> tuple[int, int] | None:
    if not text:
        return None
    at = raw.find(text)
    if at >= 0:
        return at, at + len(text)
    words = re.findall(r"\w+", text)
    found = re.search(r"\W+".join(re.escape(w) for w in words), raw) if words else None
    return (found.start(), found.end()) if found else None


def place(raw: str, claim) -> tuple[int, int] | None:
    """Where a claim stands in the raw text: its first part is found, the rest follows."""
    if len(claim.segments) > 1:
        first_start, first_end = claim.segments[0]
        first = locate(raw, claim.text[: first_end - first_start])
        if first:
            shift = first[0] - first_start
            return claim.segments[0][0] + shift, claim.segments[-1][1] + shift
    return locate(raw, claim.text)


def head_name(speaker: str) -> str:
    head = re.split(r",|\(| of | who | which ", speaker)[0].strip() or speaker
    return head.split()[-1].strip(",.").lower()


def predictions(articles: list[dict]) -> dict[str, list[dict]]:
    from claimtrack.extract.claims import extract_claims
    from claimtrack.inputs.readers.text import load_text
    from claimtrack.nlp.pipeline import choose_model, load_pipeline

    nlp = load_pipeline(choose_model())
    loaded = [load_text(a["text"], path=f"{a['id']}.txt") for a in articles]
    found: dict[str, list[dict]] = {}
    for gold, article, doc in zip(articles, loaded, nlp.pipe((a.text for a in loaded), batch_size=16)):
        found[gold["id"]] = []
        for claim in extract_claims(doc, article):
            span = place(gold["text"], claim) if claim.kind == "quote" else None
            if span is None:
                continue
            speaker = claim.speaker
            said_by = f"{speaker.mention} {speaker.name}".strip() if speaker else None
            found[gold["id"]].append({"start": span[0], "end": span[1], "speaker": said_by})
    return found


def score(articles: list[dict], found: dict[str, list[dict]]) -> dict:
    gold_n = matched = with_source = speaker_ok = claims = 0
    by_style: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for article in articles:
        mine = found.get(article["id"], [])
        claims += len(mine)
        used: set[int] = set()
        for quote in article["quotes"]:
            gold_n += 1
            by_style[quote["style"]][0] += 1
            length = max(1, quote["end"] - quote["start"])
            best, best_i = 0.0, None
            for i, claim in enumerate(mine):
                if i in used:
                    continue
                cover = max(0, min(quote["end"], claim["end"]) - max(quote["start"], claim["start"])) / length
                if cover >= COVERAGE and cover > best:
                    best, best_i = cover, i
            if best_i is None:
                continue
            used.add(best_i)
            matched += 1
            by_style[quote["style"]][1] += 1
            if quote["speaker"]:
                with_source += 1
                said_by = mine[best_i]["speaker"]
                speaker_ok += bool(said_by) and head_name(quote["speaker"]) in said_by.lower()
    precision = matched / claims if claims else 0.0
    recall = matched / gold_n if gold_n else 0.0
    attributed = speaker_ok + (matched - with_source)
    ap, ar = (attributed / claims if claims else 0.0), (attributed / gold_n if gold_n else 0.0)

    def f1(p: float, r: float) -> float:
        return 2 * p * r / (p + r) if p + r else 0.0

    return {
        "articles": len(articles), "gold": gold_n, "claims": claims,
        "precision": round(precision, 3), "recall": round(recall, 3), "f1": round(f1(precision, recall), 3),
        "speaker_accuracy": round(speaker_ok / with_source, 3) if with_source else 0.0,
        "attributed_f1": round(f1(ap, ar), 3),
        "recall_by_style": {s: round(m / n, 3) for s, (n, m) in sorted(by_style.items())},
    }


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("data", type=Path, help="PolNeAR's data folder")
    parser.add_argument("--split", default="train", choices=["train", "dev", "test"])
    parser.add_argument("--limit", type=int, help="score only this many articles (a fixed sample)")
    parser.add_argument("--json", type=Path, help="write the report here too")
    args = parser.parse_args(argv)
    if not (args.data / args.split / "attributions").is_dir():
        sys.exit(f"error: {args.data} holds no {args.split}/attributions folder (give PolNeAR's data folder)")
    articles = gold_articles(args.data, args.split, args.limit)
    report = score(articles, predictions(articles))
    styles = "  ".join(f"{s} R={r}" for s, r in report["recall_by_style"].items())
    print(
        f"PolNeAR {args.split}, {report['articles']} articles: P={report['precision']} R={report['recall']} "
        f"F1={report['f1']} speaker_accuracy={report['speaker_accuracy']} attributed_F1={report['attributed_f1']} "
        f"(gold={report['gold']} claims={report['claims']})  |  {styles}"
    )
    if args.json:
        args.json.write_text(json.dumps(report, indent=1), encoding="utf-8")


if __name__ == "__main__":
    main()
