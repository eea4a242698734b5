"""What an extract run is asked to do, as one frozen record: the command line's options
for `extract`, the library's for `extract_into`, and what a cluster's workers are sent."""

from __future__ import annotations

import datetime as dt

from pydantic import Field

from claimtrack.ingest.articles import DEFAULT_BATCH_SIZE, TIME_LIMIT_SECONDS
from claimtrack.inputs.registry import DEFAULT_FORMAT
from claimtrack.models import Record


class ExtractOptions(Record):
    """How to extract: every field has the command line's default.

    ``model``: the spaCy pipeline (None: the default, see `claimtrack.nlp.pipeline`);
    ``published``, ``source``: the date and outlet of every article of the run (a
    sidecar still wins); ``force``: extract again articles stored unchanged;
    ``max_bytes``: refuse larger files (None: 20 MB); ``stdin_format``: what standard
    input holds; ``jobs``: processes that parse; ``cluster``: a Dask scheduler to run
    on instead (``tcp://HOST:8786`` or ``local:N``); ``batch_size``: articles parsed
    at once; ``time_limit``: seconds a short article's extraction may take (None: no
    limit).
    """

    model: str | None = None
    published: dt.date | None = None
    source: str | None = None
    force: bool = False
    max_bytes: int | None = Field(default=None, ge=1)
    stdin_format: str = DEFAULT_FORMAT
    jobs: int = Field(default=1, ge=1)
    cluster: str | None = None
    batch_size: int = Field(default=DEFAULT_BATCH_SIZE, ge=1)
    time_limit: float | None = Field(default=TIME_LIMIT_SECONDS, gt=0)
