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
from collections.abc import Callable, Iterable, Iterator, Mapping
from concurrent.futures import Future, ProcessPoolExecutor
from itertools import chain, islice

from claimtrack.inputs.load import DEFAULT_MAX_BYTES, iter_inputs
from claimtrack.errors import ClaimtrackError, UsageError
from claimtrack.models import Article, ArticleInfo, Claim, ExtractReport, FileOutcome
from claimtrack.store import Store

DEFAULT_BATCH_SIZE = 32
# Longer texts are parsed in windows of about this many characters, cut at paragraph
# breaks where possible, so a huge file never meets spaCy's length limit or takes
# gigabytes of parser memory. News articles are far shorter and parse whole.
PARSE_WINDOW_CHARS = 100_000
# Where a window may end, best first; the window's second half is searched.
_WINDOW_BREAKS = ("\n\n", "\n", ". ", " ")
# Smaller batches for the pool keep both workers busy until the end of a run.
POOL_BATCH_SIZE = 8
# Batches queued per worker: enough that no worker waits, few enough to bound memory.
BATCHES_PER_WORKER = 3

Extracted = tuple[Article, list[Claim]]
# A window of an article's text, its offset in the text, and whether it is the last.
Window = tuple[str, tuple[Article, int, bool]]


def extract_into(
    db: str,
    paths: Iterable[str | os.PathLike[str]],
    *,
    cluster: str | None = None,
    jobs: int = 1,
    stdin_format: str | None = None,
    on_guess: Callable[[str], None] | None = None,
    **options,
) -> ExtractReport:
    """Extract ``paths`` into the store at ``db`` (created if need be): here, with
    ``jobs`` processes, or on the Dask cluster at ``cluster`` (see `claimtrack.cluster`).
    ``stdin_format`` and ``on_guess`` are for standard input, which a cluster never reads."""
    if cluster:
        if jobs > 1:
            raise UsageError("--jobs is for one machine; with --cluster the cluster's workers do the work.")
        from claimtrack.cluster import extract_on_cluster

        return extract_on_cluster(paths, db, cluster, **options)
    with Store.open(db, create=True) as store:
        return extract_paths(paths, store, jobs=jobs, stdin_format=stdin_format, on_guess=on_guess, **options)


def extract_paths(
    paths: Iterable[str | os.PathLike[str]],
    store: Store,
    *,
    model: str | None = None,
    published: dt.date | None = None,
    source: str | None = None,
    batch_size: int = DEFAULT_BATCH_SIZE,
    max_bytes: int | None = None,
    jobs: int = 1,
    force: bool = False,
    stdin_format: str | None = None,
    source_aliases: Mapping[str, str] | None = None,
    refresh: bool = True,
    on_outcome: Callable[[FileOutcome], None] | None = None,
    on_guess: Callable[[str], None] | None = None,
) -> ExtractReport:
    """Extract every article under ``paths`` into ``store``; one outcome per file.

    An article already stored with the same text and metadata is skipped (its id is
    a hash of the text), so a run that was stopped can simply be started again;
    ``force`` extracts it anyway. ``jobs`` is the number of processes that parse and
    extract (see the module notes). ``stdin_format``, ``source_aliases`` and
    ``on_guess`` go to `claimtrack.inputs.load.iter_inputs`. ``refresh=False`` leaves the derived tables (see
    `refresh_derived`) to the caller, as a cluster's workers do.
    """
    outcomes: list[FileOutcome] = []
    seen: dict[str, str] = {}  # the first path of each text in this run
    extracting: dict[str, str] = {}  # texts sent to extraction, with the path they came from
    copies: list[Article] = []  # more copies of those texts, recorded as appearances once stored
    saved: set[str] = set()
    # Groups left stale by an earlier run that stopped before rebuilding them need a
    # full rebuild; otherwise only what this run adds is linked.
    rebuild_groups = store.figure_groups_stale()

    def record(outcome: FileOutcome) -> None:
        outcomes.append(outcome)
        if on_outcome is not None:
            on_outcome(outcome)

    def articles() -> Iterator[tuple[str, Article]]:
        for item in iter_inputs(
            paths, published=published, source=source, max_bytes=max_bytes or DEFAULT_MAX_BYTES,
            stdin_format=stdin_format, source_aliases=source_aliases, on_guess=on_guess,
        ):
            if not isinstance(item, Article):
                record(item)
            elif item.id in extracting:
                # Its text is on its way to the store: recorded once it is there.
                copies.append(item)
            else:
                found = _stored_already(store, item, force=force, same_as=seen.get(item.id))
                seen.setdefault(item.id, item.path or "")
                if isinstance(found, FileOutcome):
                    record(found)
                else:
                    extracting[item.id] = item.path or ""
                    yield found.text, found

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
                    path=extracting.get(article.id, article.path or ""),
                    status="stored",
                    article_id=article.id,
                    quotes=sum(1 for c in claims if c.kind == "quote"),
                    figures=sum(1 for c in claims if c.kind == "figure"),
                    notes=article.notes,
                )
            )
    for copy in copies:
        record(_record_appearance(store, copy, copy_of=extracting[copy.id]))
    if refresh and any(o.status == "stored" for o in outcomes):
        refresh_derived(store, saved, rebuild_groups=rebuild_groups)
    return ExtractReport(outcomes=tuple(outcomes), figure_ids=tuple(sorted(saved)))


def _stored_already(store: Store, article: Article, *, force: bool, same_as: str | None) -> Article | FileOutcome:
    """The article to extract for ``article``, or the outcome of finding its text stored.

    A stored article keeps the metadata of its primary appearance, the first one stored
    (its claims carry it, and statement dates resolve against its date). Reading that
    same appearance again (same path, outlet and URL) with other metadata corrects it,
    so the article is extracted again. Any other appearance is only recorded next to
    it; with ``force`` the article is extracted again under its primary's metadata.
    ``same_as`` is the path of a copy of the text met earlier in this run.
    """
    stored = store.article_info(article.id)
    if stored is None:
        return article
    loaded = article.info()
    if _place(stored) == _place(loaded):
        if force or stored != loaded:
            return article
        reason = f"same text as {same_as}" if same_as else "unchanged, already stored (--force extracts it again)"
        return FileOutcome(path=article.path or "", status="skipped", reason=reason, article_id=article.id,
                           notes=article.notes)
    where = stored.path or stored.source or stored.id
    if force:
        store.record_appearance(loaded)
        primary = store.article(article.id)
        return primary if primary is not None else article
    return _record_appearance(store, article, copy_of=same_as, stored_from=where)


def _record_appearance(
    store: Store, article: Article, *, copy_of: str | None, stored_from: str | None = None
) -> FileOutcome:
    """Record ``article`` as another appearance of its stored text; the outcome says so.
    ``copy_of`` is the path of the copy met earlier in this run, ``stored_from`` where
    the stored text comes from otherwise."""
    change = store.record_appearance(article.info())
    if change in ("new", "updated"):
        what = "recorded as another appearance" if change == "new" else "its appearance updated"
        lead = f"same text as {copy_of}" if copy_of else f"same text already stored from {stored_from}"
        reason = f"{lead}: {what}"
    elif copy_of:
        reason = f"same text as {copy_of}"  # unchanged, or that copy was not stored
    else:
        reason = f"unchanged, already stored from {stored_from} (--force extracts it again)"
    return FileOutcome(path=article.path or "", status="skipped", reason=reason, article_id=article.id,
                       notes=article.notes)


def _place(info: ArticleInfo) -> tuple[str | None, ...]:
    """Where an appearance is: what tells one copy of a text from another."""
    return info.path, info.source, info.url


def parse_windows(text: str, size: int = PARSE_WINDOW_CHARS) -> list[tuple[int, int]]:
    """Split ``text`` into consecutive ``(start, end)`` spans of at most ``size``
    characters, ending at a paragraph break, line break, sentence end or space when
    one falls in the second half of the window. The spans cover the whole text."""
    spans = []
    start = 0
    while len(text) - start > size:
        limit = start + size
        end = limit
        for mark in _WINDOW_BREAKS:
            found = text.rfind(mark, start + size // 2, limit)
            if found != -1:
                end = found + len(mark)
                break
        spans.append((start, end))
        start = end
    spans.append((start, len(text)))
    return spans


def _windows(articles: Iterable[Article]) -> Iterator[Window]:
    for article in articles:
        spans = parse_windows(article.text)
        for number, (start, end) in enumerate(spans, 1):
            yield article.text[start:end], (article, start, number == len(spans))


def _assemble(parsed: Iterable[tuple[object, tuple[Article, int, bool]]]) -> Iterator[Extracted]:
    """Claims and topics per article, from the parses of its windows in order."""
    from claimtrack.extract.claims import article_topics, extract_claims, shift_claims

    claims: list[Claim] = []
    topics: set[str] = set()
    for doc, (article, offset, last) in parsed:
        claims += shift_claims(extract_claims(doc, article), offset)
        topics.update(article_topics(doc))
        if last:
            yield article.model_copy(update={"topics": tuple(sorted(topics))}), claims
            claims, topics = [], set()


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
    from claimtrack.nlp.pipeline import load_pipeline

    nlp = load_pipeline(model_name)
    windows = _windows(article for _, article in found)
    yield from _assemble(nlp.pipe(windows, as_tuples=True, batch_size=batch_size))


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
    if _worker_error is not None:
        raise _worker_error
    return list(_assemble(_worker_pipeline.pipe(_windows(batch), as_tuples=True)))
