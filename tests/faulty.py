"""Faults injected into extraction: a test double of the figure extractor that
misbehaves on one article, the one naming MARKER (an invented place), in this process
or in extract's worker processes.

Worker processes are started with "spawn", so a patch made in the test's process does
not reach them: `worker` is what the pool starts instead of its own worker function
(pickled by name, this module is importable there too); it installs the fault, then
runs the real worker.
"""

from __future__ import annotations

import functools
import os
import signal
import time

MARKER = "Brakvik"


def _raise() -> None:
    raise KeyError("an invented fault")


def _die() -> None:
    # As the kernel's out-of-memory killer would.
    os.kill(os.getpid(), signal.SIGKILL)


def _hang() -> None:
    time.sleep(60)


FAULTS = {"raise": _raise, "die": _die, "hang": _hang}


def faulty_extract_figures(kind: str, original):
    """``original`` (claims.extract_figures), but with fault ``kind`` on MARKER's article."""

    @functools.wraps(original)
    def extract_figures(doc, *args, **kwargs):
        if MARKER in doc.text:
            FAULTS[kind]()
        return original(doc, *args, **kwargs)

    return extract_figures


def install(kind: str) -> None:
    from claimtrack.extract import claims

    claims.extract_figures = faulty_extract_figures(kind, claims.extract_figures)


def _worker(kind: str, *args) -> None:
    from claimtrack.ingest import pool

    install(kind)
    pool._work(*args)


def worker(kind: str):
    """A stand-in for `claimtrack.ingest.pool._work` with fault ``kind`` installed."""
    return functools.partial(_worker, kind)


def _cluster_batch(kind: str, *args):
    from claimtrack.ingest import cluster

    install(kind)
    return cluster._extract_batch(*args)


def cluster_batch(kind: str):
    """A stand-in for `claimtrack.ingest.cluster._extract_batch` with fault ``kind`` installed
    on the Dask worker that runs it."""
    return functools.partial(_cluster_batch, kind)
