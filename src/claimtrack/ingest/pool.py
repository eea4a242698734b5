"""Extraction in worker processes (``--jobs N``): each loads the pipeline once and runs
`claimtrack.ingest.articles.extract_articles` on the batches it is sent, while this
process keeps reading files and writing the store, so both overlap with the parsing.

A worker that dies (killed by the system when memory runs out, say) is replaced, and
the articles it held are tried again one by one; one that kills a worker again fails
("worker process died while extracting"). Workers exit by themselves when this process
dies.
"""

from __future__ import annotations

import dataclasses
import multiprocessing
import os
import signal
import threading
from collections import deque
from collections.abc import Iterable, Iterator
from multiprocessing.connection import Connection, wait

from claimtrack.errors import ClaimtrackError
from claimtrack.ingest.articles import Failure, Result, extract_articles
from claimtrack.models import Article

# Articles and characters sent to a worker at a time: small batches keep both workers
# busy until the end of a run, and lose little when a worker dies.
POOL_BATCH_SIZE = 8
POOL_BATCH_CHARS = 100_000
# Batches read ahead of the one being stored, per worker: enough that no worker waits,
# few enough to bound memory.
BATCHES_PER_WORKER = 2

WORKER_DIED = "worker process died while extracting; it may have run out of memory"


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


def extract_in_workers(
    articles: Iterable[Article], model_name: str, jobs: int, time_limit: float | None
) -> Iterator[Result]:
    """Each article's claims or Failure, in the order given, from ``jobs`` worker
    processes that each load the pipeline ``model_name``."""
    return _Pool(model_name, jobs, time_limit).extract(articles)


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
