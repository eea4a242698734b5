"""The extract job: load files, extract their articles, store them, and bring what the
store derives from its claims up to date.

Articles stream through: the loader yields them one at a time, they are parsed in
batches (here, or in worker processes: `claimtrack.ingest.pool`), and each article is
stored in its own transaction, so a run stopped halfway keeps every article it
finished. A fault in one article fails that article only (see
`claimtrack.ingest.articles`); what was stored before stays stored.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Collection, Iterable, Iterator
from itertools import chain

from claimtrack.ingest.articles import Failure, contained, extract_here, release_pipeline
from claimtrack.ingest.options import ExtractOptions
from claimtrack.inputs.load import DEFAULT_MAX_BYTES, iter_inputs
from claimtrack.models import Article, ArticleInfo, ExtractReport, FileOutcome
from claimtrack.store import Store

# After storing this many figures, the pipeline is let go before the derived tables are
# rebuilt: that rebuild, which grows with the figures, then takes the room the pipeline
# had (over 100 MB). A later run in this process loads it again in a second or two.
RELEASE_PIPELINE_AFTER = 5000

# What hears of an article that failed on a fault: its outcome and its traceback.
FaultHandler = Callable[[FileOutcome, str], None]


def extract_paths(
    paths: Iterable[str | os.PathLike[str]],
    store: Store,
    options: ExtractOptions | None = None,
    *,
    refresh: bool = True,
    on_outcome: Callable[[FileOutcome], None] | None = None,
    on_fault: FaultHandler | None = None,
    on_guess: Callable[[str], None] | None = None,
) -> ExtractReport:
    """Extract every article under ``paths`` into ``store`` as ``options`` say, in this
    process or its worker processes (``options.jobs``); one outcome per file.

    An article already stored with the same text and metadata is skipped (its id is
    a hash of the text), so a run that was stopped can simply be started again;
    ``options.force`` extracts it anyway. ``refresh=False`` leaves the derived tables
    (see `refresh_derived`) to the caller, as a cluster's workers do. ``on_outcome``
    hears of each file as it is done, ``on_fault`` of each article that failed on a
    fault, with its traceback, ``on_guess`` of the format standard input was taken for
    when ``options.stdin_format`` is None.
    """
    options = options or ExtractOptions()
    outcomes: list[FileOutcome] = []
    seen: dict[str, str] = {}  # the first path of each text in this run
    extracting: dict[str, str] = {}  # texts sent to extraction, with the path they came from
    copies: list[Article] = []  # more copies of those texts, recorded as appearances once stored
    saved: set[str] = set()
    # Derived tables left stale by an earlier run that stopped before refreshing them
    # (killed in its final refresh, say) are refreshed by this one even if it stores
    # nothing, the groups rebuilt whole; otherwise only what this run adds is linked.
    left_stale = store.stale_derived_tables()
    rebuild_groups = "figure_groups" in left_stale

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
            paths, published=options.published, source=options.source,
            max_bytes=options.max_bytes or DEFAULT_MAX_BYTES, stdin_format=options.stdin_format,
            source_aliases=options.source_aliases, on_guess=on_guess,
        ):
            if not isinstance(item, Article):
                record(item)
            elif item.id in extracting:
                # Its text is on its way to the store: recorded once it is there.
                copies.append(item)
            else:
                found = _stored_already(store, item, force=options.force, same_as=seen.get(item.id))
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

        model_name = choose_model(options.model)
        found = chain([first], stream)
        if options.jobs > 1:
            from claimtrack.ingest.pool import extract_in_workers

            extracted = extract_in_workers(found, model_name, options.jobs, options.time_limit)
        else:
            extracted = extract_here(found, model_name, options.batch_size, options.time_limit)
        for result in extracted:
            if isinstance(result, Failure):
                fail(result)
                continue
            article, claims = result
            stored = contained(article, "saving", lambda: store.save(article, claims))
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
    if options.jobs == 1 and len(saved) >= RELEASE_PIPELINE_AFTER:
        release_pipeline()
    if refresh and (left_stale or any(o.status == "stored" for o in outcomes)):
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


def refresh_derived(store: Store, new_figures: Collection[str], *, rebuild_groups: bool = False) -> None:
    """Rebuild what the store derives from its claims: speaker identities and their
    summaries, and the figure groups `diff` reads (see `claimtrack.linking.refresh`);
    then what the planner knows of the tables."""
    # Imported here: only needed once new claims have arrived.
    from claimtrack.linking.refresh import refresh_linked

    refresh_linked(store.derived, new_figures, rebuild_groups=rebuild_groups)
    store.refresh_statistics()
