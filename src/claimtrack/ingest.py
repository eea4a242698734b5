"""The extract job: load files, parse them in batches, extract claims, store them.

Articles stream through: the loader yields them one at a time, spaCy parses them in
batches, and each article is stored in its own transaction, so a run stopped halfway
keeps every article it finished.

One article never stops a run. Everything done for one article (parsing it, running
the extraction rules on it, saving it) goes through one boundary, `_contained`: a
fault there fails that article with a one-line reason ("internal error while
extracting: KeyError: 'x'; please report it"), the traceback goes to ``on_fault`` (the
CLI prints it with --debug), and the run goes on. What is wrong with the store or the
run as a whole (a full disk, a store locked past the wait, a corrupt store, a missing
model: any `ClaimtrackError` that is not an `ArticleError`) still stops the run, and
what was stored before stays stored.

Memory stays flat however long an article is and however many there are: texts longer
than PARSE_WINDOW_CHARS are parsed in windows, a parse batch holds at most
BATCH_CHARS characters, and each window's parse is dropped once its claims are out.
Time is bounded too: an article whose extraction rules take longer than it is allowed
(`time_allowed`) fails ("extraction took longer than 120 s") instead of stalling the
run. (The parse itself takes time in proportion to the text.)

With ``jobs > 1`` the parse and the extraction run in worker processes (`_Pool`),
each loading the pipeline once; this process keeps reading files and writing the
store, so both overlap with the parsing. A worker that dies (killed by the system
when memory runs out, say) is replaced, and the articles it held are tried again one
by one; one that kills a worker again fails ("worker process died while
extracting"). Workers exit by themselves when this process dies.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import multiprocessing
import os
import pickle
import signal
import threading
import time
import traceback
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from itertools import chain
from multiprocessing.connection import Connection, wait
from typing import TypeVar

from claimtrack.errors import ArticleError, ArticleRejected, ArticleTooSlow, ClaimtrackError, UsageError
from claimtrack.inputs.load import DEFAULT_MAX_BYTES, iter_inputs
from claimtrack.models import Article, ArticleInfo, Claim, ExtractReport, FileOutcome
from claimtrack.store import Store

# Most articles a parse batch holds; BATCH_CHARS bounds it first for long ones.
DEFAULT_BATCH_SIZE = 32
# Characters parsed at once. spaCy's parse needs about 4 KB of memory per character
# while it runs, so this bounds the memory in flight: about 100 MB, what a batch of
# DEFAULT_BATCH_SIZE short articles takes.
BATCH_CHARS = 25_000
# Longer texts are parsed in windows of about this many characters, cut at paragraph
# breaks where possible, so a huge file never meets spaCy's length limit or takes
# gigabytes of parser memory. News articles are far shorter and parse whole.
PARSE_WINDOW_CHARS = 25_000
# Where a window may end, best first; the window's second half is searched.
_WINDOW_BREAKS = ("\n\n", "\n", ". ", " ")
# Articles and characters sent to a worker at a time: small batches keep both workers
# busy until the end of a run, and lose little when a worker dies.
POOL_BATCH_SIZE = 8
POOL_BATCH_CHARS = 100_000
# Batches read ahead of the one being stored, per worker: enough that no worker waits,
# few enough to bound memory.
BATCHES_PER_WORKER = 2
# An article's extraction may take this long, and this much more for each
# PARSE_WINDOW_CHARS of its text beyond the first (a long text is many articles' work).
# A news article takes well under a second; a 25,000-character window about a second.
TIME_LIMIT_SECONDS = 120.0
TIME_LIMIT_PER_WINDOW = 60.0

# After storing this many figures, the pipeline is let go before the derived tables are
# rebuilt: that rebuild, which grows with the figures, then takes the room the pipeline
# had (over 100 MB). A later run in this process loads it again in a second or two.
RELEASE_PIPELINE_AFTER = 5000

WORKER_DIED = "worker process died while extracting; it may have run out of memory"
_T = TypeVar("_T")

Extracted = tuple[Article, Sequence[Claim]]


@dataclasses.dataclass(frozen=True)
class Failure:
    """An article that failed: the one-line reason for the summary, and the traceback
    (empty when there is nothing more to say) for --debug."""

    article: Article
    reason: str
    detail: str = ""


Result = Extracted | Failure


class CompactClaims(Sequence[Claim]):
    """An article's claims, kept pickled a window at a time: a tenth of the memory of
    the claims themselves (a 4 MB text has some 80,000 claims). Claims are unpickled
    as they are read, each time they are read; a list of them is made only for an index."""

    def __init__(self) -> None:
        self._parts: list[bytes] = []
        self._count = 0

    def extend(self, claims: list[Claim]) -> None:
        if claims:
            self._parts.append(pickle.dumps(claims, protocol=pickle.HIGHEST_PROTOCOL))
            self._count += len(claims)

    def __len__(self) -> int:
        return self._count

    def __iter__(self) -> Iterator[Claim]:
        for part in self._parts:
            yield from pickle.loads(part)

    def __getitem__(self, index):
        return list(self)[index]


FaultHandler = Callable[[FileOutcome, str], None]


def extract_into(
    db: str,
    paths: Iterable[str | os.PathLike[str]],
    *,
    cluster: str | None = None,
    jobs: int = 1,
    stdin_format: str = "txt",
    **options,
) -> ExtractReport:
    """Extract ``paths`` into the store at ``db`` (created if need be): here, with
    ``jobs`` processes, or on the Dask cluster at ``cluster`` (see `claimtrack.cluster`)."""
    if cluster:
        if jobs > 1:
            raise UsageError("--jobs is for one machine; with --cluster the cluster's workers do the work.")
        from claimtrack.cluster import extract_on_cluster

        return extract_on_cluster(paths, db, cluster, **options)
    with Store.open(db, create=True) as store:
        return extract_paths(paths, store, jobs=jobs, stdin_format=stdin_format, **options)


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
    stdin_format: str = "txt",
    refresh: bool = True,
    time_limit: float | None = TIME_LIMIT_SECONDS,
    on_outcome: Callable[[FileOutcome], None] | None = None,
    on_fault: FaultHandler | None = None,
) -> ExtractReport:
    """Extract every article under ``paths`` into ``store``; one outcome per file.

    An article already stored with the same text and metadata is skipped (its id is
    a hash of the text), so a run that was stopped can simply be started again;
    ``force`` extracts it anyway. ``jobs`` is the number of processes that parse and
    extract (see the module notes). ``refresh=False`` leaves the derived tables (see
    `refresh_derived`) to the caller, as a cluster's workers do. ``time_limit`` is
    the time a short article may take (None: no limit; see TIME_LIMIT_SECONDS).
    ``on_fault`` receives each article that failed on a fault, with its traceback.
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

    def fail(failure: Failure) -> None:
        article = failure.article
        outcome = FileOutcome(
            path=article.path or "", status="failed", reason=failure.reason, article_id=article.id,
            notes=article.notes,
        )
        record(outcome)
        if failure.detail and on_fault is not None:
            on_fault(outcome, failure.detail)

    def articles() -> Iterator[Article]:
        for item in iter_inputs(
            paths, published=published, source=source, max_bytes=max_bytes or DEFAULT_MAX_BYTES,
            stdin_format=stdin_format,
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
                    yield found

    stream = articles()
    first = next(stream, None)
    if first is not None:
        # Imported here so that commands which only query never load spaCy.
        from claimtrack.nlp.pipeline import choose_model

        model_name = choose_model(model)
        found = chain([first], stream)
        if jobs > 1:
            extracted = _Pool(model_name, jobs, time_limit).extract(found)
        else:
            extracted = _extract_here(found, model_name, batch_size, time_limit)
        for result in extracted:
            if isinstance(result, Failure):
                fail(result)
                continue
            article, claims = result
            stored = _contained(article, "saving", lambda: store.save(article, claims))
            if isinstance(stored, Failure):
                fail(stored)
                continue
            figures = [c.id for c in claims if c.kind == "figure"]
            saved.update(figures)
            record(
                FileOutcome(
                    path=extracting.get(article.id, article.path or ""),
                    status="stored",
                    article_id=article.id,
                    quotes=len(claims) - len(figures),
                    figures=len(figures),
                    notes=article.notes,
                )
            )
    for copy in copies:
        record(_record_appearance(store, copy, copy_of=extracting[copy.id]))
    if jobs == 1 and len(saved) >= RELEASE_PIPELINE_AFTER:
        _release_pipeline()
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


def refresh_derived(store: Store, new_figures: set[str], *, rebuild_groups: bool = False) -> None:
    """Rebuild what the store derives from its claims: speaker identities and their
    summaries, and the figure groups `diff` reads (see `claimtrack.linking.refresh`);
    then what the planner knows of the tables."""
    # Imported here: only needed once new claims have arrived.
    from claimtrack.linking.refresh import refresh_derived as refresh_linked

    refresh_linked(store.derived, new_figures, rebuild_groups=rebuild_groups)
    store.refresh_statistics()


# --- the boundary: one article's fault stays with that article ----------------------------------


def _contained(article: Article, doing: str, work: Callable[[], _T]) -> _T | Failure:
    """``work()`` for ``article``, or the Failure of that article when it raises.

    This is the one place where extract catches everything: parsing, the extraction
    rules and saving each run through it, one article at a time. An `ArticleError`
    (too slow, rows the store refused) and any exception that is not a
    `ClaimtrackError` (a bug a rule meets on odd text) fail the article. Other
    `ClaimtrackError`s concern the whole store or run and are raised on.
    """
    try:
        return work()
    except ArticleTooSlow as error:
        return Failure(article, error.message)
    except Exception as error:
        if isinstance(error, ClaimtrackError) and not isinstance(error, ArticleError):
            raise
        reason = f"internal error while {doing}: {_fault_text(error)}; please report it"
        return Failure(article, reason, traceback.format_exc())


def _fault_text(error: BaseException) -> str:
    """``ExcType: message`` on one line. A store's refusal names the database driver's
    error it stands for (``IntegrityError: UNIQUE constraint failed: claims.id``)."""
    if isinstance(error, ArticleRejected):
        # Through the chain: the store's error, SQLAlchemy's, the driver's (``orig``).
        while True:
            cause = getattr(error, "orig", None) or error.__cause__
            if cause is None:
                break
            error = cause
    message = " ".join(str(error).split())
    if len(message) > 200:
        message = message[:199] + "…"
    return f"{type(error).__name__}: {message}" if message else type(error).__name__


def _within(seconds: float, allowed: float, work: Callable[[], _T]) -> _T:
    """``work()``, interrupted by ArticleTooSlow (naming ``allowed``, the article's
    whole allowance) once ``seconds`` have passed.

    A timer signal interrupts it, so the limit holds only in a process's main thread
    and where SIGALRM exists (not on Windows); elsewhere, as on a Dask worker's
    threads, there is none. The extraction is pure Python between spaCy calls, so the
    signal is handled within moments; nothing it interrupts outlives the article.
    """
    too_slow = ArticleTooSlow(f"extraction took longer than {allowed:g} s")
    if seconds <= 0:
        raise too_slow
    if not hasattr(signal, "setitimer") or threading.current_thread() is not threading.main_thread():
        return work()

    def expire(signum, frame):
        raise too_slow

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        return work()
    finally:
        try:
            signal.setitimer(signal.ITIMER_REAL, 0)
        finally:
            # Even when the timer fires just before it is stopped.
            signal.signal(signal.SIGALRM, previous)


def time_allowed(article: Article, time_limit: float | None) -> float | None:
    """Seconds ``article`` may take: ``time_limit``, plus TIME_LIMIT_PER_WINDOW for each
    window after the first."""
    if time_limit is None:
        return None
    windows = -(-len(article.text) // PARSE_WINDOW_CHARS)
    return time_limit + TIME_LIMIT_PER_WINDOW * max(windows - 1, 0)


# --- parsing and extraction ----------------------------------------------------------------------


def parse_windows(text: str, size: int | None = None) -> list[tuple[int, int]]:
    """Split ``text`` into consecutive ``(start, end)`` spans of at most ``size``
    characters (PARSE_WINDOW_CHARS), ending at a paragraph break, line break, sentence
    end or space when one falls in the second half of the window. The spans cover the
    whole text."""
    size = size or PARSE_WINDOW_CHARS
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


@dataclasses.dataclass
class _Progress:
    """One article on its way through the parser: what its windows gave so far."""

    article: Article
    windows: int
    allowed: float | None  # seconds its extraction may take, see `time_allowed`
    spent: float = 0.0  # seconds its extraction took so far
    done: int = 0
    claims: CompactClaims = dataclasses.field(default_factory=CompactClaims)
    topics: set[str] = dataclasses.field(default_factory=set)
    failure: Failure | None = None

    def extract(self, doc, offset: int) -> None:
        """Add the claims of ``doc``, the parse of the window at ``offset``; or fail."""
        from claimtrack.extract.claims import article_topics, extract_claims, shift_claims

        def work() -> None:
            claims = shift_claims(extract_claims(doc, self.article), offset)
            self.topics.update(article_topics(doc))
            self.claims.extend(claims)

        started = time.monotonic()
        if self.allowed is None:
            outcome = _contained(self.article, "extracting", work)
        else:
            outcome = _contained(self.article, "extracting", lambda: _within(self.allowed - self.spent, self.allowed, work))
        self.spent += time.monotonic() - started
        if isinstance(outcome, Failure):
            self.failure = outcome

    def result(self) -> Result:
        if self.failure is not None:
            return self.failure
        return self.article.model_copy(update={"topics": tuple(sorted(self.topics))}), self.claims


# A window of an article's text, its offset in the text, and whose it is.
_Window = tuple[str, int, _Progress]


def extract_articles(
    nlp, articles: Iterable[Article], *, batch_size: int = DEFAULT_BATCH_SIZE, time_limit: float | None = None,
) -> Iterator[Result]:
    """Parse and extract ``articles`` with the pipeline ``nlp``: each article's claims
    (with its topics filled in), or its Failure, in the order given.

    Windows are parsed in batches of at most ``batch_size`` windows and BATCH_CHARS
    characters; each parse is dropped as soon as its claims are out, so a long
    article never has all its parses in memory. A failed article's later windows are
    not parsed.
    """
    started: deque[_Progress] = deque()

    def windows() -> Iterator[_Window]:
        for article in articles:
            spans = parse_windows(article.text)
            progress = _Progress(article, len(spans), time_allowed(article, time_limit))
            started.append(progress)
            for start, end in spans:
                if progress.failure is None:
                    yield article.text[start:end], start, progress

    for batch in _window_batches(windows(), batch_size):
        docs = _parse(nlp, batch)
        for number, (_, offset, progress) in enumerate(batch):
            doc, docs[number] = docs[number], None  # the parse is the bulk of the memory
            if progress.failure is None and doc is not None:
                progress.extract(doc, offset)
            del doc
            progress.done += 1
        while started and (started[0].failure is not None or started[0].done == started[0].windows):
            yield started.popleft().result()


def _window_batches(windows: Iterator[_Window], batch_size: int) -> Iterator[list[_Window]]:
    """Consecutive windows, at most ``batch_size`` and BATCH_CHARS characters a batch (a
    window is never longer than PARSE_WINDOW_CHARS)."""
    batch: list[_Window] = []
    chars = 0
    for window in windows:
        if batch and (len(batch) >= batch_size or chars + len(window[0]) > BATCH_CHARS):
            yield batch
            batch, chars = [], 0
        batch.append(window)
        chars += len(window[0])
    if batch:
        yield batch


def _parse(nlp, batch: list[_Window]) -> list:
    """The parse of each window in ``batch``, or None for a window whose parse failed
    (its article then holds the Failure). A fault in the batch's parse is narrowed down
    by parsing its windows one by one."""
    texts = [text for text, _, _ in batch]
    whole = _contained(batch[0][2].article, "parsing", lambda: list(nlp.pipe(texts, batch_size=len(texts))))
    if not isinstance(whole, Failure):
        return whole
    if len(batch) == 1:
        batch[0][2].failure = whole
        return [None]
    docs = []
    for text, _, progress in batch:
        doc = None
        if progress.failure is None:
            doc = _contained(progress.article, "parsing", lambda: nlp(text))
            if isinstance(doc, Failure):
                progress.failure, doc = doc, None
        docs.append(doc)
    return docs


def _extract_here(
    found: Iterable[Article], model_name: str, batch_size: int, time_limit: float | None
) -> Iterator[Result]:
    from claimtrack.nlp.pipeline import load_pipeline

    nlp = load_pipeline(model_name)
    yield from extract_articles(nlp, found, batch_size=batch_size, time_limit=time_limit)


def _release_pipeline() -> None:
    import gc

    from claimtrack.nlp.pipeline import load_pipeline

    load_pipeline.cache_clear()
    gc.collect()  # the pipeline's parts refer to each other


def _article_batches(articles: Iterator[Article]) -> Iterator[list[Article]]:
    """Consecutive articles, at most POOL_BATCH_SIZE and POOL_BATCH_CHARS characters a
    batch (a longer article goes alone)."""
    batch: list[Article] = []
    chars = 0
    for article in articles:
        if batch and (len(batch) >= POOL_BATCH_SIZE or chars + len(article.text) > POOL_BATCH_CHARS):
            yield batch
            batch, chars = [], 0
        batch.append(article)
        chars += len(article.text)
    if batch:
        yield batch


# --- worker processes ---------------------------------------------------------------------------


@dataclasses.dataclass
class _Worker:
    process: multiprocessing.process.BaseProcess
    tasks: Connection  # batches go out, results come back
    alive: Connection  # held open while this process lives; the worker exits when it closes
    task: tuple[list[int], bool] | None = None  # the positions it works on, and if a retry


class _Pool:
    """Worker processes that parse and extract batches of articles.

    Each worker has a pipe for batches and results, and a second pipe that this process
    only holds open: when this process ends, however it ends, the worker reads EOF on
    it and exits. A worker holds one batch at a time, so when one dies its batch is
    known: its articles are tried again one at a time on a new worker, and an article
    that kills a worker on its own fails with WORKER_DIED.
    """

    def __init__(self, model_name: str, jobs: int, time_limit: float | None) -> None:
        self.model_name = model_name
        self.jobs = jobs
        self.time_limit = time_limit
        # "spawn" everywhere: forking a process that may hold threads or open database
        # connections is unsafe, and it is the only method on every platform.
        self.context = multiprocessing.get_context("spawn")
        self.workers: list[_Worker] = []

    def extract(self, articles: Iterable[Article]) -> Iterator[Result]:
        """Each article's claims or Failure, in the order given."""
        batches = _article_batches(iter(articles))
        waiting: dict[int, Article] = {}  # by position in the run, until its result is in
        done: dict[int, Result] = {}
        queue: deque[tuple[list[int], bool]] = deque()  # (positions, whether a retry), to send
        read = yielded = 0  # positions read from ``articles`` and yielded
        exhausted = False
        ahead = self.jobs * BATCHES_PER_WORKER * POOL_BATCH_SIZE
        try:
            while True:
                # Read ahead, within bounds, so that every worker has something to do.
                while not exhausted and read - yielded < ahead:
                    batch = next(batches, None)
                    if batch is None:
                        exhausted = True
                        break
                    positions = list(range(read, read + len(batch)))
                    waiting.update(zip(positions, batch))
                    queue.append((positions, False))
                    read += len(batch)
                # Idle workers get their next batch before results are handed out:
                # storing them takes a while.
                self._dispatch(queue, waiting)
                if yielded in done:
                    while yielded in done:
                        yield done.pop(yielded)
                        yielded += 1
                    continue  # to read ahead again before waiting
                if exhausted and yielded == read:
                    return
                # The article at ``yielded`` is queued or with a worker: there is
                # something to wait for.
                for (positions, retry), results in self._collect():
                    if results is not None:
                        for position, result in zip(positions, results):
                            done[position] = result
                            del waiting[position]
                    elif retry:
                        (position,) = positions
                        done[position] = Failure(waiting.pop(position), WORKER_DIED)
                    else:
                        # Each article of the lost batch again, alone, before anything else.
                        queue.extendleft(([position], True) for position in reversed(positions))
        finally:
            self._close()

    def _dispatch(self, queue: deque[tuple[list[int], bool]], waiting: dict[int, Article]) -> None:
        while queue:
            worker = next((w for w in self.workers if w.task is None), None)
            if worker is None:
                if len(self.workers) >= self.jobs:
                    return
                worker = self._start()
            worker.task = queue.popleft()
            try:
                worker.tasks.send([waiting[position] for position in worker.task[0]])
            except OSError:
                pass  # it died: `_collect` finds it gone, with its task

    def _collect(self) -> list[tuple[tuple[list[int], bool], list[Result] | None]]:
        """Wait for workers to finish or die: each finished or lost task, with its
        results (None when lost)."""
        busy = [w for w in self.workers if w.task is not None]
        assert busy, "nothing to wait for"
        ready = set(wait([w.tasks for w in busy] + [w.process.sentinel for w in busy]))
        events = []
        for worker in busy:
            if worker.tasks not in ready and worker.process.sentinel not in ready:
                continue
            message = None
            try:
                if worker.tasks.poll():
                    message = worker.tasks.recv()
            except (EOFError, OSError):
                message = None  # it died while sending
            if isinstance(message, ClaimtrackError):
                raise message  # about the whole run: the model cannot be loaded, say
            if message is not None:
                events.append((worker.task, message))
                worker.task = None
            if message is None or not worker.process.is_alive():
                worker.process.join(timeout=5)
                if not worker.process.is_alive():
                    if worker.task is not None:
                        events.append((worker.task, None))
                    self._retire(worker)
        return events

    def _start(self) -> _Worker:
        tasks, their_tasks = self.context.Pipe()
        their_alive, alive = self.context.Pipe(duplex=False)
        process = self.context.Process(
            target=_work, args=(self.model_name, self.time_limit, their_tasks, their_alive),
            name="claimtrack-extract", daemon=True,
        )
        process.start()
        their_tasks.close()
        their_alive.close()
        worker = _Worker(process, tasks, alive)
        self.workers.append(worker)
        return worker

    def _retire(self, worker: _Worker) -> None:
        self.workers.remove(worker)
        worker.alive.close()
        worker.tasks.close()

    def _close(self) -> None:
        """End every worker: closing its lifeline makes it exit, busy or not."""
        for worker in self.workers:
            worker.alive.close()
        for worker in self.workers:
            worker.process.join(timeout=5)
            if worker.process.is_alive():
                worker.process.kill()
                worker.process.join()
            worker.tasks.close()
        self.workers = []


# --- in a worker process --------------------------------------------------------------------------


def _work(model_name: str, time_limit: float | None, tasks: Connection, alive: Connection) -> None:
    """A worker's life: load the pipeline, then extract the batches that come in until
    the pipe closes. Errors about the whole run (the model cannot be loaded) go back
    to be raised there; each article's own faults come back as its Failure."""
    # Ctrl-C reaches every process of the terminal; the main process ends the workers.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    threading.Thread(target=_exit_with_parent, args=(alive,), name="lifeline", daemon=True).start()
    from claimtrack.nlp.pipeline import load_pipeline

    try:
        nlp = load_pipeline(model_name)
        while True:
            try:
                batch = tasks.recv()
            except EOFError:
                return
            tasks.send(list(extract_articles(nlp, batch, time_limit=time_limit)))
    except ClaimtrackError as error:
        tasks.send(error)


def _exit_with_parent(alive: Connection) -> None:
    """Block until the main process closes its end of ``alive``, or dies; then exit,
    whatever the worker is doing (it holds nothing that must be saved)."""
    try:
        alive.recv_bytes()
    except (EOFError, OSError):
        pass
    os._exit(0)
