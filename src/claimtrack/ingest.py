"""The extract job: load files, parse them in batches, extract claims, store them.

Articles stream through: the loader yields them one at a time, spaCy parses them in
batches with ``nlp.pipe``, and each article is stored in its own transaction, so a
run stopped halfway keeps every article it finished. Problems with one file are
recorded in its outcome and never stop the others.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable, Iterable, Iterator
from itertools import chain

from claimtrack.loader import DEFAULT_MAX_BYTES, iter_inputs
from claimtrack.models import Article, ExtractReport, FileOutcome
from claimtrack.store import Store

DEFAULT_BATCH_SIZE = 32


def extract_paths(
    paths: Iterable[str | os.PathLike[str]],
    store: Store,
    *,
    model: str | None = None,
    published: dt.date | None = None,
    source: str | None = None,
    batch_size: int = DEFAULT_BATCH_SIZE,
    max_bytes: int = DEFAULT_MAX_BYTES,
    on_outcome: Callable[[FileOutcome], None] | None = None,
) -> ExtractReport:
    """Extract every article under ``paths`` into ``store``; one outcome per file."""
    outcomes: list[FileOutcome] = []
    seen: dict[str, str] = {}

    def record(outcome: FileOutcome) -> None:
        outcomes.append(outcome)
        if on_outcome is not None:
            on_outcome(outcome)

    def articles() -> Iterator[tuple[str, Article]]:
        for item in iter_inputs(paths, published=published, source=source, max_bytes=max_bytes):
            if not isinstance(item, Article):
                record(item)
            elif item.id in seen:
                record(
                    FileOutcome(
                        path=item.path or "",
                        status="skipped",
                        reason=f"same text as {seen[item.id]}",
                        article_id=item.id,
                    )
                )
            else:
                seen[item.id] = item.path or ""
                yield item.text, item

    stream = articles()
    first = next(stream, None)
    if first is not None:
        # Imported here so that commands which only query never load spaCy.
        from claimtrack.extract.claims import article_topics, extract_claims
        from claimtrack.nlp.pipeline import choose_model, load_pipeline

        nlp = load_pipeline(choose_model(model))
        for doc, article in nlp.pipe(chain([first], stream), as_tuples=True, batch_size=batch_size):
            claims = extract_claims(doc, article)
            store.save(article.model_copy(update={"topics": article_topics(doc)}), claims)
            record(
                FileOutcome(
                    path=article.path or "",
                    status="stored",
                    article_id=article.id,
                    quotes=sum(1 for c in claims if c.kind == "quote"),
                    figures=sum(1 for c in claims if c.kind == "figure"),
                    notes=article.notes,
                )
            )
    if any(o.status == "stored" for o in outcomes):
        # Imported here: the identity rules are only needed after new claims arrive.
        from claimtrack.identity import identities

        store.replace_identities(identities(store.speaker_names()))
    return ExtractReport(outcomes=tuple(outcomes))
