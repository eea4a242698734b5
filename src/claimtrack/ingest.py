"""The extract job: load files, parse them in batches, extract claims, store them.

Articles stream through: the loader yields them one at a time, spaCy parses them in
batches with ``nlp.pipe``, and each article is stored in its own transaction, so a
run stopped halfway keeps every article it finished. Problems with one file are
recorded in its outcome and never stop the others.

With ``jobs > 1`` the parse and the extraction run in a pool of worker processes,
each loading the pipeline once; this process keeps reading files and writing the
store, so both overlap with the parsing. Only a few batches are in flight at a time,
so memory stays flat however many files there are.
"""

from __future__ import annotations

import datetime as dt
import multiprocessing
import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from itertools import chain, islice

from claimtrack.loader import DEFAULT_MAX_BYTES, iter_inputs
from claimtrack.errors import ClaimtrackError
from claimtrack.models import Article, Claim, ExtractReport, FileOutcome
from claimtrack.store import Store

DEFAULT_BATCH_SIZE = 32
# Smaller batches for the pool keep both workers busy until the end of a run.
POOL_BATCH_SIZE = 8
# Batches queued per worker: enough that no worker waits, few enough to bound memory.
BATCHES_PER_WORKER = 3

Extracted = tuple[Article, list[Claim]]


def extract_paths(
    paths: Iterable[str | os.PathLike[str]],
    store: Store,
    *,
    model: str | None = None,
    published: dt.date | None = None,
    source: str | None = None,
    batch_size: int = DEFAULT_BATCH_SIZE,
    max_bytes: int = DEFAULT_MAX_BYTES,
    jobs: int = 1,
    on_outcome: Callable[[FileOutcome], None] | None = None,
) -> ExtractReport:
    """Extract every article under ``paths`` into ``store``; one outcome per file.

    ``jobs`` is the number of processes that parse and extract (see the module notes).
    """
    outcomes: list[FileOutcome] = []
    seen: dict[str, str] = {}
    saved: set[str] = set()
    # Groups left stale by an earlier run that stopped before rebuilding them need a
    # full rebuild; otherwise only what this run adds is linked.
    rebuild_groups = store.figure_groups_stale()

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
        from claimtrack.nlp.pipeline import choose_model

        model_name = choose_model(model)
        found = chain([first], stream)
        if jobs > 1:
            extracted = _extract_in_pool(found, model_name, jobs)
        else:
            extracted = _extract_here(found, model_name, batch_size)
        for article, claims in extracted:
            store.save(article, claims)
            saved.update(c.id for c in claims if c.kind == "figure")
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
        refresh_derived(store, saved, rebuild_groups=rebuild_groups)
    return ExtractReport(outcomes=tuple(outcomes))


def refresh_derived(store: Store, new_figures: set[str], *, rebuild_groups: bool = False) -> None:
    """Rebuild what the store derives from its claims: speaker identities and their
    summaries, and the figure groups `diff` reads (see `claimtrack.diff.refresh_groups`)."""
    # Imported here: only needed once new claims have arrived.
    from claimtrack.diff import refresh_groups
    from claimtrack.identity import identities

    store.replace_identities(identities(store.speaker_names()))
    refresh_groups(store, new_figures, rebuild=rebuild_groups)
    store.refresh_statistics()


def _extract_here(found: Iterable[tuple[str, Article]], model_name: str, batch_size: int) -> Iterator[Extracted]:
    from claimtrack.extract.claims import article_topics, extract_claims
    from claimtrack.nlp.pipeline import load_pipeline

    nlp = load_pipeline(model_name)
    for doc, article in nlp.pipe(found, as_tuples=True, batch_size=batch_size):
        claims = extract_claims(doc, article)
        yield article.model_copy(update={"topics": article_topics(doc)}), claims


def _extract_in_pool(found: Iterable[tuple[str, Article]], model_name: str, jobs: int) -> Iterator[Extracted]:
    # "spawn" everywhere: forking a process that may hold threads or open database
    # connections is unsafe, and it is the only method on every platform.
    pool = ProcessPoolExecutor(
        max_workers=jobs,
        mp_context=multiprocessing.get_context("spawn"),
        initializer=_start_worker,
        initargs=(model_name,),
    )
    pending: deque[Future[list[Extracted]]] = deque()
    articles = (article for _, article in found)
    try:
        while batch := list(islice(articles, POOL_BATCH_SIZE)):
            pending.append(pool.submit(_extract_batch, batch))
            if len(pending) >= jobs * BATCHES_PER_WORKER:
                yield from pending.popleft().result()
        while pending:
            yield from pending.popleft().result()
    finally:
        pool.shutdown(wait=not pending, cancel_futures=True)


# --- in a worker process --------------------------------------------------------------

_worker_pipeline = None
_worker_error: ClaimtrackError | None = None


def _start_worker(model_name: str) -> None:
    global _worker_pipeline, _worker_error
    from claimtrack.nlp.pipeline import load_pipeline

    try:
        _worker_pipeline = load_pipeline(model_name)
    except ClaimtrackError as error:
        # Raised again from each task, so it reaches the caller like any other error
        # instead of breaking the pool.
        _worker_error = error


def _extract_batch(batch: list[Article]) -> list[Extracted]:
    from claimtrack.extract.claims import article_topics, extract_claims

    if _worker_error is not None:
        raise _worker_error
    results = []
    for doc, article in _worker_pipeline.pipe(((a.text, a) for a in batch), as_tuples=True):
        claims = extract_claims(doc, article)
        results.append((article.model_copy(update={"topics": article_topics(doc)}), claims))
    return results
