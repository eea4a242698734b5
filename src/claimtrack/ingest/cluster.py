"""Extraction on a Dask cluster, into one shared store.

The client lists the input files and sends them to the workers in batches. Each
worker process loads the spaCy pipeline once, keeps one connection to the store, and
runs the ordinary extract job on its batch: it parses, extracts and stores each
article in its own transaction, skipping articles already stored unchanged. What the
other commands read from the store as a whole (speaker identities, figure groups) is
rebuilt once, here, when all batches are done.

A batch lost with its worker is run again on another worker; saving an article
replaces whatever was stored for it, so nothing is duplicated. A batch that keeps
killing its workers is reported as failed, and the other batches still go through.
Within a batch, a fault in one article fails that article only, as in one process
(see `claimtrack.ingest.articles`); its traceback comes back with the batch's report. The
time limit on an article does not apply here: a Dask worker runs its tasks in threads,
which cannot be interrupted.
Input paths must be readable by the workers under the same names (a shared folder).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import os
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager

from claimtrack.errors import ClusterUnavailable, UsageError
from claimtrack.ingest.job import FaultHandler, extract_paths, refresh_derived
from claimtrack.ingest.options import ExtractOptions
from claimtrack.inputs.plan import STDIN, plan_inputs
from claimtrack.models import ExtractReport, FileOutcome
from claimtrack.store import Store

# What a batch sends back: its report, and each article that failed on a fault with
# its traceback (for --debug).
BatchResult = tuple[ExtractReport, list[tuple[FileOutcome, str]]]

# Files per task: big enough that scheduling costs little, small enough that a lost
# worker loses little and the progress bar moves.
BATCH_FILES = 16
# Times a batch is started again after its worker died.
BATCH_RETRIES = 2
LOCAL_PREFIX = "local:"
# Workers' clocks may run behind this machine's by up to this much.
CLOCK_SKEW = dt.timedelta(minutes=5)
# How long to wait for a remote scheduler to answer.
CONNECT_TIMEOUT = "10s"


@dataclasses.dataclass(frozen=True)
class _Job:
    """What every batch needs to know; sent to the workers with each batch."""

    db: str
    options: ExtractOptions  # its model resolved to an installed pipeline's name


def extract_on_cluster(
    paths: Iterable[str | os.PathLike[str]],
    db: str,
    options: ExtractOptions,
    *,
    batch_files: int = BATCH_FILES,
    on_outcome: Callable[[FileOutcome], None] | None = None,
    on_fault: FaultHandler | None = None,
) -> ExtractReport:
    """`claimtrack.ingest.job.extract_paths` on the Dask cluster at ``options.cluster``
    (``tcp://HOST:8786``, or ``local:N`` for N worker processes on this machine)."""
    from claimtrack.nlp.pipeline import choose_model

    planned = list(plan_inputs(paths))
    if STDIN in planned:
        raise UsageError("Standard input (-) cannot be sent to a cluster; save it to a file first.")
    outcomes: list[FileOutcome] = []

    def record(outcome: FileOutcome) -> None:
        outcomes.append(outcome)
        if on_outcome is not None:
            on_outcome(outcome)

    for item in planned:
        if isinstance(item, FileOutcome):
            record(item)
    files = [item for item in planned if isinstance(item, str)]
    # Created and migrated here, once, before any worker opens it.
    with Store.open(db, create=True) as store:
        # As `extract_paths` does: what an earlier run left stale is refreshed in any case.
        left_stale = store.stale_derived_tables()
        rebuild_groups = "figure_groups" in left_stale
        # Workers may run in another folder: a store named by a relative path is passed on whole.
        location = db if "://" in db else os.path.abspath(db)
        job = _Job(db=location, options=options.model_copy(update={"model": choose_model(options.model)}))
        figure_ids: set[str] = set()
        started = dt.datetime.now(dt.timezone.utc) - CLOCK_SKEW
        with _client(options.cluster) as client:
            for batch, result in _run_batches(client, files, job, batch_files):
                if result is None:
                    for outcome in _lost(batch):
                        record(outcome)
                    continue
                report, faults = result
                for outcome in report.outcomes:
                    record(outcome)
                if on_fault is not None:
                    for outcome, details in faults:
                        on_fault(outcome, details)
                figure_ids.update(report.figure_ids)
        outcomes = _same_text_once(outcomes, files)
        # A worker lost mid-batch may have stored articles that the batch's second run
        # then skipped as unchanged: their figures are in no report, but in the store.
        figure_ids |= store.figure_ids_stored_since(started)
        if left_stale or any(o.status == "stored" for o in outcomes):
            refresh_derived(store, figure_ids, rebuild_groups=rebuild_groups)
    return ExtractReport(outcomes=tuple(outcomes), figure_ids=tuple(sorted(figure_ids)))


def _run_batches(client, files: list[str], job: _Job, batch_files: int) -> Iterator[tuple[list[str], BatchResult | None]]:
    """Each batch with its result as batches finish, or None for a batch that kept
    killing its workers."""
    from dask.distributed import as_completed
    from distributed.scheduler import KilledWorker

    batches = [files[start : start + batch_files] for start in range(0, len(files), batch_files)]
    futures = {
        client.submit(_extract_batch, batch, job, retries=BATCH_RETRIES, pure=False): batch for batch in batches
    }
    for future in as_completed(futures):
        try:
            yield futures[future], future.result()
        except KilledWorker:
            yield futures[future], None


def _lost(batch: list[str]) -> list[FileOutcome]:
    return [
        FileOutcome(path=path, status="failed", reason="its batch killed every worker that ran it")
        for path in batch
    ]


def _same_text_once(outcomes: list[FileOutcome], files: list[str]) -> list[FileOutcome]:
    """Report the same text in two files as one stored article, as one process does:
    batches run apart, so each may have stored it (harmlessly: saving replaces)."""
    order = {path: index for index, path in enumerate(files)}
    first: dict[str, str] = {}
    for outcome in sorted(outcomes, key=lambda o: order.get(o.path, -1)):
        if outcome.status == "stored" and outcome.article_id and outcome.article_id not in first:
            first[outcome.article_id] = outcome.path
    result = []
    for outcome in outcomes:
        original = first.get(outcome.article_id or "")
        if outcome.status == "stored" and original is not None and original != outcome.path:
            outcome = FileOutcome(path=outcome.path, status="skipped", reason=f"same text as {original}",
                                  article_id=outcome.article_id, notes=outcome.notes)
        result.append(outcome)
    return result


@contextmanager
def _client(address: str):
    try:
        from dask.distributed import Client, LocalCluster
    except ImportError as error:
        raise ClusterUnavailable(f"Dask is not installed ({error.name} is missing).") from error
    if address.startswith(LOCAL_PREFIX):
        workers = address[len(LOCAL_PREFIX) :]
        if not workers.isdigit() or int(workers) < 1:
            raise UsageError(f"--cluster {address}: write local:N with N at least 1, for example local:2.")
        # One thread per worker: spaCy's parse holds the GIL, so threads would queue.
        cluster = LocalCluster(
            n_workers=int(workers), threads_per_worker=1, processes=True, dashboard_address=None,
        )
        with cluster, Client(cluster) as client:
            yield client
        return
    try:
        client = Client(address, timeout=CONNECT_TIMEOUT)
    except OSError as error:
        raise ClusterUnavailable(f"Could not reach the Dask scheduler at {address} ({error}).") from error
    with client:
        yield client


# --- on a worker --------------------------------------------------------------------------

_worker_stores: dict[str, Store] = {}


def _extract_batch(files: list[str], job: _Job) -> BatchResult:
    store = _worker_stores.get(job.db)
    if store is None:
        store = _worker_stores[job.db] = Store.open(job.db, create=False)
    faults: list[tuple[FileOutcome, str]] = []
    report = extract_paths(
        files, store, job.options, refresh=False, on_fault=lambda outcome, details: faults.append((outcome, details)),
    )
    return report, faults
