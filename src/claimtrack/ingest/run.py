"""The entry points of extraction: `extract_into` runs an extract job into a store, here
or on a Dask cluster; `extract_text` extracts one text's claims without a store."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable, Iterable

from claimtrack.errors import ArticleError, UsageError
from claimtrack.ingest.job import FaultHandler, extract_paths
from claimtrack.ingest.options import ExtractOptions
from claimtrack.models import Claim, ExtractReport, FileOutcome
from claimtrack.store import Store


def extract_into(
    db: str,
    paths: Iterable[str | os.PathLike[str]],
    options: ExtractOptions | None = None,
    *,
    on_outcome: Callable[[FileOutcome], None] | None = None,
    on_fault: FaultHandler | None = None,
) -> ExtractReport:
    """Extract the articles of ``paths`` (files, folders, ``-`` for standard input) into
    the store at ``db`` (a file path or SQLAlchemy URL, created if need be), as
    ``options`` say: here, in ``options.jobs`` processes, or on the Dask cluster at
    ``options.cluster`` (see `claimtrack.ingest.cluster`). ``on_outcome`` hears of each
    file as it is done; ``on_fault`` of each article that failed on a fault, with its
    traceback. A problem with one file is its outcome; a problem with the store or the
    run raises a `claimtrack.errors.ClaimtrackError`."""
    options = options or ExtractOptions()
    if options.cluster:
        if options.jobs > 1:
            raise UsageError("--jobs is for one machine; with --cluster the cluster's workers do the work.")
        from claimtrack.ingest.cluster import extract_on_cluster

        return extract_on_cluster(paths, db, options, on_outcome=on_outcome, on_fault=on_fault)
    with Store.open(db, create=True) as store:
        return extract_paths(paths, store, options, on_outcome=on_outcome, on_fault=on_fault)


def extract_text(
    text: str,
    *,
    path: str | None = None,
    source: str | None = None,
    title: str | None = None,
    published: dt.date | str | None = None,
    authors: Iterable[str] = (),
    url: str | None = None,
    model: str | None = None,
) -> list[Claim]:
    """The claims of one article's text, in reading order, without a store.

    The text is read as a plain-text file is (``claimtrack extract story.txt``): header
    lines give its metadata and are removed, and so is page furniture. The metadata
    given here (``published`` as a date or ``YYYY-MM-DD``) wins over what the text says,
    as a sidecar file's does. ``model`` names the spaCy pipeline (see
    `claimtrack.nlp.pipeline`). A text that gives no article, or that extraction fails
    on, raises `claimtrack.errors.ArticleError` with the reason.
    """
    from pydantic import ValidationError

    from claimtrack.ingest.articles import Failure, extract_articles
    from claimtrack.inputs.load import with_metadata
    from claimtrack.inputs.readers.text import load_text
    from claimtrack.models import ArticleInfo
    from claimtrack.nlp.pipeline import choose_model, load_pipeline

    if not text.strip():
        raise ArticleError("The text is empty.")
    given = {"path": path, "source": source, "title": title, "published": published, "url": url}
    given = {name: value for name, value in given.items() if value is not None}
    if authors:
        given["authors"] = tuple(authors)
    try:
        checked = ArticleInfo(id="-", **given)
    except ValidationError as error:
        problem = error.errors()[0]
        raise UsageError(f"{problem['loc'][0]}: {problem['msg']}.") from None
    article = load_text(text, path=path)
    if not article.text:
        raise ArticleError("No body text is left after removing header lines and page furniture.")
    article = with_metadata(article, {name: getattr(checked, name) for name in given})
    [result] = extract_articles(load_pipeline(choose_model(model)), [article])
    if isinstance(result, Failure):
        raise ArticleError(result.reason)
    return list(result[1])
