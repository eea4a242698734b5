"""The core of the extract job: parsing articles and running the extraction rules on
them, one fault contained to one article. The worker processes of `pool` and the
in-process extraction of `job` both run `extract_articles`.

One article never stops a run. Everything done for one article (parsing it, running
the extraction rules on it, saving it) goes through one boundary, `contained`: a
fault there fails that article with a one-line reason ("internal error while
extracting: KeyError: 'x'; please report it"), with the traceback for ``--debug``, and
the run goes on. What is wrong with the store or the run as a whole (a full disk, a
store locked past the wait, a corrupt store, a missing model: any `ClaimtrackError`
that is not an `ArticleError`) still stops the run.

Memory stays flat however long an article is and however many there are: texts longer
than PARSE_WINDOW_CHARS are parsed in windows, a parse batch holds at most
BATCH_CHARS characters, and each window's parse is dropped once its claims are out.
Time is bounded too: an article whose extraction rules take longer than it is allowed
(`time_allowed`) fails ("extraction took longer than 120 s") instead of stalling the
run. (The parse itself takes time in proportion to the text.)
"""

from __future__ import annotations

import dataclasses
import pickle
import signal
import threading
import time
import traceback
import zlib
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import TypeVar

from claimtrack.errors import ArticleError, ArticleRejected, ArticleTooSlow, ClaimtrackError
from claimtrack.models import Article, Claim

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
# An article's extraction may take this long, and this much more for each
# PARSE_WINDOW_CHARS of its text beyond the first (a long text is many articles' work).
# A news article takes well under a second; a 25,000-character window about a second.
TIME_LIMIT_SECONDS = 120.0
TIME_LIMIT_PER_WINDOW = 60.0

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
    """An article's claims, kept pickled and compressed a window at a time: some sixty
    times less memory than the claims themselves (a 4 MB text has some 80,000 claims,
    4 MB this way). Claims are unpickled as they are read, each time they are read; a
    list of them is made only for an index."""

    def __init__(self) -> None:
        self._parts: list[bytes] = []
        self._count = 0

    def extend(self, claims: list[Claim]) -> None:
        if claims:
            # Compressing takes a few milliseconds a window; the pickles repeat a lot.
            self._parts.append(zlib.compress(pickle.dumps(claims, protocol=pickle.HIGHEST_PROTOCOL), 1))
            self._count += len(claims)

    def __len__(self) -> int:
        return self._count

    def __iter__(self) -> Iterator[Claim]:
        for part in self._parts:
            yield from pickle.loads(zlib.decompress(part))

    def __getitem__(self, index):
        return list(self)[index]



# --- the boundary: one article's fault stays with that article ----------------------------------


def contained(article: Article, doing: str, work: Callable[[], _T]) -> _T | Failure:
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
            outcome = contained(self.article, "extracting", work)
        else:
            outcome = contained(self.article, "extracting", lambda: _within(self.allowed - self.spent, self.allowed, work))
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
    whole = contained(batch[0][2].article, "parsing", lambda: list(nlp.pipe(texts, batch_size=len(texts))))
    if not isinstance(whole, Failure):
        return whole
    if len(batch) == 1:
        batch[0][2].failure = whole
        return [None]
    docs = []
    for text, _, progress in batch:
        doc = None
        if progress.failure is None:
            doc = contained(progress.article, "parsing", lambda: nlp(text))
            if isinstance(doc, Failure):
                progress.failure, doc = doc, None
        docs.append(doc)
    return docs


def extract_here(
    found: Iterable[Article], model_name: str, batch_size: int, time_limit: float | None
) -> Iterator[Result]:
    from claimtrack.nlp.pipeline import load_pipeline

    nlp = load_pipeline(model_name)
    yield from extract_articles(nlp, found, batch_size=batch_size, time_limit=time_limit)


def release_pipeline() -> None:
    import gc

    from claimtrack.nlp.pipeline import load_pipeline

    load_pipeline.cache_clear()
    gc.collect()  # the pipeline's parts refer to each other

