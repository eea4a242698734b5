"""The store's reads: portable SQL over the tables `claimtrack.store.schema` declares,
run by a `Run` (one read snapshot) and turned into records.

Each function takes the ``run`` of an open snapshot, so that a caller can make several
reads see one state of the store. What differs between databases (full-text search,
planner hints) comes from the store's `Dialect`.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import Any

from claimtrack.errors import ClaimNotFound
from claimtrack.models import (
    FIGURE_DAY,
    GROUP_ORDER,
    VERDICT_ORDER,
    Appearance,
    Article,
    ArticleInfo,
    ArticleListing,
    Claim,
    ClaimFilter,
    FigureGroup,
    GroupFilter,
    SpeakerName,
    SpeakerSummary,
)
from claimtrack.store import records, schema
from claimtrack.store.dialect import Dialect

# A read: SQL text with :named parameters, giving rows as tuples, all in one snapshot.
Run = Callable[..., list[tuple[Any, ...]]]

# Bound parameters per statement: well under every backend's limit.
CHUNK = 500
# The shortest prefix of a claim id that `claim` looks up.
MIN_PREFIX = 4
# A search or speaker matching at least this many claims is answered by walking the
# claims in order.
COMMON_MATCHES = 5000

# Words as SQLite's full-text tokenizer sees them: letters and digits.
_SEARCH_WORD = re.compile(r"[^\W_]+")

CLAIM_SELECT = (
    "SELECT "
    + ", ".join(f"c.{column.name}" for column in records.CLAIM)
    # The name a speaker is known by across the store: its identity's canonical
    # name, or the name from its article before identities are built.
    + ", coalesce(i.canonical, c.speaker_name), "
    + ", ".join(f"a.{column.name}" for column in records.ARTICLE_INFO)
    + " FROM claims c JOIN articles a ON a.id = c.article_id"
    " LEFT JOIN speaker_identities i ON i.name = c.speaker_name"
)
_ARTICLE_INFO_COLUMNS = ", ".join(f"a.{column.name}" for column in records.ARTICLE_INFO)
# "IS NULL" sorts undated articles last on every backend, unlike NULLS LAST.
_ARTICLE_ORDER = "a.published IS NULL, a.published, a.path, a.id"
CLAIM_ORDER = f" ORDER BY {_ARTICLE_ORDER}, c.start_offset, c.id"
# The day a figure was true (see `FIGURE_DAY`).
FIGURE_DAY_SQL = "coalesce(" + ", ".join(records.claim_column(field) for field in FIGURE_DAY) + ")"


def _appeared_in(pattern: str) -> str:
    """Articles that appeared in an outlet whose name matches the LIKE parameter ``pattern``."""
    return f"SELECT article_id FROM article_appearances WHERE lower(source) LIKE :{pattern} ESCAPE '\\'"

_SPEAKER_MARK = "(c.speaker"


# --- claims -------------------------------------------------------------------------------


def claims(run: Run, query: ClaimFilter, dialect: Dialect, *, full_text: bool) -> list[Claim]:
    """The claims ``query`` asks for, in listing order; ``full_text`` when the store has
    the dialect's full-text index for ``--search``."""
    conditions, params = _conditions(query, run, dialect if full_text else None)
    sql = CLAIM_SELECT + where(conditions) + CLAIM_ORDER
    if query.limit is not None:
        sql += " LIMIT :limit"
        params["limit"] = query.limit
    if (
        query.limit is not None and dialect.can_hide_index and _SPEAKER_MARK in sql
        and _speaker_claims(run, params) >= COMMON_MATCHES
    ):
        # A prolific speaker: walk the claims in order rather than sort them all.
        sql = dialect.hide_index(dialect.hide_index(sql, _SPEAKER_MARK), " OR c.speaker_mention IN")
    search = dialect.search_condition
    if query.limit is not None and "search" in params and search is not None and search in sql:
        # The planner cannot tell a rare word from a common one. A rare word's
        # claims are few: fetch them and sort. A common word's are everywhere:
        # walk the claims in listing order and stop at the limit, which hiding the
        # index makes the planner do.
        if dialect.count_search_matches(run, params["search"], COMMON_MATCHES) >= COMMON_MATCHES:
            sql = dialect.hide_index(sql, search)
    return records.claims_from(run(sql, params))


def claim(run: Run, claim_id: str) -> Claim:
    """A claim by id or by a prefix, so people can type short ids like git's."""
    rows = run(CLAIM_SELECT + " WHERE c.id = :id", {"id": claim_id})
    if rows:
        return records.claims_from(rows)[0]
    if len(claim_id) < MIN_PREFIX:
        raise ClaimNotFound(
            f"No claim has the id {claim_id!r}.",
            hint=f"Give the full id, or at least its first {MIN_PREFIX} characters.",
        )
    # A range rather than LIKE: LIKE ignores case in SQLite, treats % and _
    # as wildcards, and cannot use the index on id.
    ids = [
        row[0]
        for row in run(
            "SELECT id FROM claims WHERE id >= :low AND id < :high ORDER BY id LIMIT 6",
            {"low": claim_id, "high": claim_id + "\U0010ffff"},
        )
    ]
    if not ids:
        raise ClaimNotFound(f"No claim id is or starts with {claim_id!r}.")
    if len(ids) > 1:
        shown = ", ".join(ids[:5]) + (", ..." if len(ids) > 5 else "")
        raise ClaimNotFound(
            f"The id prefix {claim_id!r} is ambiguous: it matches {shown}.",
            hint="Type more characters of the id.",
        )
    return records.claims_from(run(CLAIM_SELECT + " WHERE c.id = :id", {"id": ids[0]}))[0]


def claims_by_id(run: Run, claim_ids: Iterable[str]) -> list[Claim]:
    found: list[Claim] = []
    for chunk in chunks(sorted(set(claim_ids))):
        found += records.claims_from(run(CLAIM_SELECT + f" WHERE c.id IN ({marks(chunk)})", params_of(chunk)))
    return found


# The filters a claim's column must equal: the ClaimFilter field, then the column.
_EQUAL_TO = {"kind": "kind", "attribution": "attribution", "category": "figure_category", "measure": "figure_measure"}


def _conditions(query: ClaimFilter, run: Run, full_text: Dialect | None) -> tuple[list[str], dict[str, Any]]:
    """The SQL conditions and parameters of ``query``; ``full_text`` is the dialect whose
    full-text index answers ``--search``, if there is one."""
    conditions: list[str] = []
    params: dict[str, Any] = {}
    if query.speaker is not None:
        condition, speaker_params = _speaker_condition(run, query.speaker)
        conditions.append(condition)
        params.update(speaker_params)
    for field, column in _EQUAL_TO.items():
        value = getattr(query, field)
        if value is not None:
            conditions.append(f"c.{column} = :{field}")
            params[field] = value
    if query.source is not None:
        # Any outlet the article appeared in. The subquery does not depend on the row:
        # it is run once, over the appearances (about one row per article).
        conditions.append(f"(lower(a.source) LIKE :source ESCAPE '\\' OR a.id IN ({_appeared_in('source')}))")
        params["source"] = contains_pattern(query.source)
    # A claim without its own date is dated by its article; with neither it
    # cannot satisfy a date bound (NULL comparisons are never true).
    if query.since is not None:
        conditions.append("coalesce(c.date, a.published) >= :since")
        params["since"] = query.since.isoformat()
    if query.until is not None:
        conditions.append("coalesce(c.date, a.published) <= :until")
        params["until"] = query.until.isoformat()
    if query.search is not None:
        words = _SEARCH_WORD.findall(query.search)
        if words and full_text is not None and full_text.search_condition is not None:
            conditions.append(full_text.search_condition)
            params["search"] = full_text.search_words(words)
        else:
            conditions.append("(lower(c.text) LIKE :search ESCAPE '\\' OR lower(c.sentence) LIKE :search ESCAPE '\\')")
            params["search"] = contains_pattern(query.search)
    return conditions, params


def _speaker_condition(run: Run, speaker: str) -> tuple[str, dict[str, Any]]:
    """Claims by anyone ``speaker`` names: any spelling of a speaker finds all of their
    claims, and a way an article referred to someone ("the minister") finds the
    claims it was used for.

    The names are looked up first, so the claims are found through their indexes;
    a very loose pattern (a single letter) falls back to subqueries.
    """
    pattern = {"speaker": contains_pattern(speaker)}
    matching = "SELECT alias FROM speaker_aliases WHERE lower(alias) LIKE :speaker ESCAPE '\\'"
    aliases = [row[0] for row in run(matching + f" LIMIT {CHUNK + 1}", pattern)]
    if len(aliases) > CHUNK:
        return (
            "(c.speaker_name IN (SELECT name FROM speaker_identities WHERE canonical IN"
            f" (SELECT canonical FROM speaker_identities WHERE name IN ({matching})))"
            f" OR c.speaker_name IN ({matching}) OR c.speaker_mention IN ({matching}))"
        ), pattern
    if not aliases:
        return "1 = 0", {}
    names = set(aliases)
    names.update(
        row[0]
        for row in run(
            "SELECT name FROM speaker_identities WHERE canonical IN"
            f" (SELECT canonical FROM speaker_identities WHERE name IN ({marks(aliases)}))",
            params_of(aliases),
        )
    )
    params = {f"sn{n}": name for n, name in enumerate(sorted(names))}
    params.update({f"sm{n}": alias for n, alias in enumerate(aliases)})
    named = ", ".join(f":sn{n}" for n in range(len(names)))
    mentioned = ", ".join(f":sm{n}" for n in range(len(aliases)))
    return f"(c.speaker_name IN ({named}) OR c.speaker_mention IN ({mentioned}))", params


def _speaker_claims(run: Run, params: dict[str, Any]) -> int:
    """About how many claims the speaker condition in ``params`` matches (index-only counts)."""
    names = [value for key, value in params.items() if key.startswith("sn")]
    mentions = [value for key, value in params.items() if key.startswith("sm")]
    if not names and not mentions:
        return COMMON_MATCHES  # the subquery form: a loose pattern, many claims
    found = run(f"SELECT count(*) FROM claims WHERE speaker_name IN ({marks(names)})", params_of(names))[0][0]
    found += run(f"SELECT count(*) FROM claims WHERE speaker_mention IN ({marks(mentions)})", params_of(mentions))[0][0]
    return found


# --- figures ------------------------------------------------------------------------------


def figure_claims(
    run: Run,
    categories: Iterable[str] | None = None,
    between: tuple[dt.date, dt.date] | None = None,
    *,
    dated: bool = True,
    undated: bool = True,
) -> list[Claim]:
    """Figure claims of ``categories`` (all when None): those with a day (see
    `FIGURE_DAY`) within ``between`` (any day when None) unless ``dated`` is False, and
    those with no day at all unless ``undated`` is False."""
    conditions, params = ["c.kind = 'figure'"], {}
    if categories is not None:
        chosen = sorted(set(categories))
        conditions.append(f"c.figure_category IN ({marks(chosen)})")
        params.update(params_of(chosen))
    in_span = f"{FIGURE_DAY_SQL} BETWEEN :low AND :high" if dated and between is not None else None
    if in_span is not None:
        params.update(low=between[0].isoformat(), high=between[1].isoformat())
    if not dated:
        conditions.append(f"{FIGURE_DAY_SQL} IS NULL")
    elif in_span and undated:
        conditions.append(f"({FIGURE_DAY_SQL} IS NULL OR {in_span})")
    elif in_span:
        conditions.append(in_span)
    elif not undated:
        conditions.append(f"{FIGURE_DAY_SQL} IS NOT NULL")
    return records.claims_from(run(CLAIM_SELECT + where(conditions) + CLAIM_ORDER, params))


def figure_ids_between(run: Run, between: tuple[dt.date, dt.date]) -> list[str]:
    sql = (
        "SELECT c.id FROM claims c JOIN articles a ON a.id = c.article_id WHERE c.kind = 'figure'"
        f" AND ({FIGURE_DAY_SQL} IS NULL OR {FIGURE_DAY_SQL} BETWEEN :low AND :high) ORDER BY c.id"
    )
    return [row[0] for row in run(sql, {"low": between[0].isoformat(), "high": between[1].isoformat()})]


def figure_ids_stored_since(run: Run, moment: dt.datetime) -> set[str]:
    rows = run(
        "SELECT c.id FROM claims c JOIN articles a ON a.id = c.article_id"
        " WHERE c.kind = 'figure' AND a.extracted_at >= :moment",
        {"moment": moment.astimezone(dt.timezone.utc).isoformat(timespec="seconds")},
    )
    return {row[0] for row in rows}


def figure_days(run: Run, claim_ids: Iterable[str] | None) -> dict[str, dt.date | None]:
    """The day (see `FIGURE_DAY`) of each figure claim of ``claim_ids``, or of every
    figure claim, by id."""
    sql = f"SELECT c.id, {FIGURE_DAY_SQL} FROM claims c JOIN articles a ON a.id = c.article_id WHERE c.kind = 'figure'"
    if claim_ids is None:
        return {claim_id: schema.DATE.read(day) for claim_id, day in run(sql)}
    days: dict[str, dt.date | None] = {}
    for chunk in chunks(sorted(set(claim_ids))):
        for claim_id, day in run(sql + f" AND c.id IN ({marks(chunk)})", params_of(chunk)):
            days[claim_id] = schema.DATE.read(day)
    return days


def figure_day_span(run: Run) -> tuple[dt.date, dt.date] | None:
    low, high = run(
        f"SELECT min({FIGURE_DAY_SQL}), max({FIGURE_DAY_SQL}) FROM claims c JOIN articles a ON a.id = c.article_id"
        " WHERE c.kind = 'figure'"
    )[0]
    return None if low is None else (schema.DATE.read(low), schema.DATE.read(high))


def linked_figures(run: Run, claim_ids: Iterable[str] | None) -> set[str]:
    if claim_ids is None:
        return {
            row[0]
            for row in run(
                "SELECT first FROM figure_links UNION SELECT second FROM figure_links"
                " UNION SELECT claim_id FROM figure_group_members"
            )
        }
    found: set[str] = set()
    for chunk in chunks(sorted(set(claim_ids))):
        chunk_marks = marks(chunk)
        found.update(
            row[0]
            for row in run(
                f"SELECT first FROM figure_links WHERE first IN ({chunk_marks})"
                f" UNION SELECT second FROM figure_links WHERE second IN ({chunk_marks})"
                f" UNION SELECT claim_id FROM figure_group_members WHERE claim_id IN ({chunk_marks})",
                params_of(chunk),
            )
        )
    return found


def figure_link_scores(run: Run, chunk: Sequence[str], wanted: set[str]) -> list[tuple[float, str, str]]:
    """``(score, first, second)`` of the stored links from a claim in ``chunk`` to one
    in ``wanted``."""
    rows = run(f"SELECT first, second, score FROM figure_links WHERE first IN ({marks(chunk)})", params_of(chunk))
    return [(score, first, second) for first, second, score in rows if second in wanted]


def figure_link_reasons(run: Run, pairs: Iterable[tuple[str, str]]) -> dict[tuple[str, str], tuple[str, ...]]:
    wanted = set(pairs)
    read = schema.FIGURE_LINKS.column("reasons").codec.read
    found: dict[tuple[str, str], tuple[str, ...]] = {}
    for chunk in chunks(sorted({first for first, _ in wanted})):
        for first, second, reasons in run(
            f"SELECT first, second, reasons FROM figure_links WHERE first IN ({marks(chunk)})",
            params_of(chunk),
        ):
            if (first, second) in wanted:
                found[(first, second)] = read(reasons)
    return found


def figure_neighbours(run: Run, claim_ids: Iterable[str]) -> set[str]:
    found: set[str] = set()
    for chunk in chunks(sorted(set(claim_ids))):
        chunk_marks = marks(chunk)
        found.update(
            row[0]
            for row in run(
                f"SELECT second FROM figure_links WHERE first IN ({chunk_marks})"
                f" UNION SELECT first FROM figure_links WHERE second IN ({chunk_marks})",
                params_of(chunk),
            )
        )
    return found


def figure_group_members(run: Run, claim_ids: Iterable[str]) -> set[str]:
    found: set[str] = set()
    for chunk in chunks(sorted(set(claim_ids))):
        found.update(
            row[0]
            for row in run(
                "SELECT claim_id FROM figure_group_members WHERE group_id IN"
                f" (SELECT group_id FROM figure_group_members WHERE claim_id IN ({marks(chunk)}))",
                params_of(chunk),
            )
        )
    return found


def broken_figure_groups(run: Run) -> set[str]:
    rows = run(
        "SELECT m.claim_id FROM figure_group_members m WHERE m.group_id IN ("
        " SELECT g.id FROM figure_groups g LEFT JOIN figure_group_members k ON k.group_id = g.id"
        " GROUP BY g.id, g.size HAVING count(k.claim_id) != g.size)"
    )
    return {row[0] for row in rows}


def figure_groups(run: Run, query: GroupFilter) -> list[FigureGroup]:
    conditions, params = _group_conditions(query)
    columns = schema.FIGURE_GROUPS.fields()
    sql = (
        f"SELECT g.id, {', '.join(f'g.{column.name}' for column in columns)} FROM figure_groups g"
        + where(conditions)
        + _GROUP_ORDER
    )
    if query.limit is not None:
        sql += " LIMIT :limit"
        params["limit"] = query.limit
    heads = run(sql, params)
    members: dict[str, list[Claim]] = defaultdict(list)
    for chunk in chunks([h[0] for h in heads]):
        rows = run(
            CLAIM_SELECT.replace("SELECT ", "SELECT m.group_id, ", 1)
            + f" JOIN figure_group_members m ON m.claim_id = c.id WHERE m.group_id IN ({marks(chunk)})"
            " ORDER BY m.group_id, m.position",
            params_of(chunk),
        )
        for key, found in zip([r[0] for r in rows], records.claims_from([r[1:] for r in rows]), strict=True):
            members[key].append(found)
    appeared = appearances(run, {c.article.id for group in members.values() for c in group})
    return [
        FigureGroup(
            **records.fields_of(columns, head), figures=tuple(members[key]),
            appearances={i: appeared[i] for i in sorted({c.article.id for c in members[key]}) if i in appeared},
        )
        for key, *head in heads
    ]


def figure_group_count(run: Run, query: GroupFilter) -> int:
    conditions, params = _group_conditions(query)
    return run("SELECT count(*) FROM figure_groups g" + where(conditions), params)[0][0]


def _group_column(field: str) -> str:
    """The column of figure_groups ``g`` holding a group's ``field`` (its key is the id)."""
    return "g.id" if field == "key" else records.column_of(schema.FIGURE_GROUPS, field, "g")


# `GROUP_ORDER` as SQL.
_GROUP_ORDER = " ORDER BY " + ", ".join(
    (
        f"CASE {_group_column(field)} "
        + " ".join(f"WHEN '{verdict.value}' THEN {rank}" for rank, verdict in enumerate(VERDICT_ORDER))
        + " END"
    )
    if direction == "severity"
    else _group_column(field) + (" DESC" if direction == "descending" else "")
    for field, direction in GROUP_ORDER
)


def _group_conditions(query: GroupFilter) -> tuple[list[str], dict[str, Any]]:
    """`GroupFilter.conditions` as SQL on figure_groups ``g``."""
    conditions: list[str] = []
    params: dict[str, Any] = {}
    for number, condition in enumerate(query.conditions()):
        name = f"g{number}"
        if condition.field == "outlet":  # any outlet a report of the group appeared in
            conditions.append(
                "EXISTS (SELECT 1 FROM figure_group_members m JOIN claims c ON c.id = m.claim_id"
                " JOIN articles a ON a.id = c.article_id WHERE m.group_id = g.id"
                f" AND (lower(a.source) LIKE :{name} ESCAPE '\\' OR a.id IN ({_appeared_in(name)})))"
            )
            params[name] = contains_pattern(condition.value)
        else:
            conditions.append(f"{_group_column(condition.field)} {condition.op} :{name}")
            params[name] = condition.value
    return conditions, params


# --- articles -----------------------------------------------------------------------------


def has_article(run: Run, article_id: str) -> bool:
    return bool(run("SELECT 1 FROM articles WHERE id = :id", {"id": article_id}))


def article_info(run: Run, article_id: str) -> ArticleInfo | None:
    found = run(f"SELECT {_ARTICLE_INFO_COLUMNS} FROM articles a WHERE a.id = :id", {"id": article_id})
    return ArticleInfo(**records.fields_of(records.ARTICLE_INFO, found[0])) if found else None


def article(run: Run, article_id: str) -> Article | None:
    columns = ", ".join(column.name for column in records.ARTICLE)
    found = run(f"SELECT {columns} FROM articles WHERE id = :id", {"id": article_id})
    return Article(**records.fields_of(records.ARTICLE, found[0])) if found else None


def article_topics(run: Run, article_ids: Iterable[str] | None) -> dict[str, tuple[str, ...]]:
    if article_ids is None:
        rows = run("SELECT id, topics FROM articles")
    else:
        rows = [
            row
            for chunk in chunks(sorted(set(article_ids)))
            for row in run(f"SELECT id, topics FROM articles WHERE id IN ({marks(chunk)})", params_of(chunk))
        ]
    read = schema.ARTICLES.column("topics").codec.read
    return {article_id: read(topics) for article_id, topics in rows}


def articles(run: Run, limit: int | None) -> list[ArticleInfo]:
    return [ArticleInfo(**records.fields_of(records.ARTICLE_INFO, row)) for row in _listed_articles(run, limit)]


def article_listings(run: Run, limit: int | None) -> list[ArticleListing]:
    rows = _listed_articles(run, limit)
    found = appearances(run, [row[0] for row in rows] if limit is not None else None)
    return [
        ArticleListing(**records.fields_of(records.ARTICLE_INFO, row), appearances=found.get(row[0], ()))
        for row in rows
    ]


def _listed_articles(run: Run, limit: int | None) -> list[tuple[Any, ...]]:
    sql = f"SELECT {_ARTICLE_INFO_COLUMNS} FROM articles a ORDER BY {_ARTICLE_ORDER}"
    return run(sql + " LIMIT :limit" if limit is not None else sql, {"limit": limit})


# An appearance's own columns (see `Appearance`), after its article's id and before
# the place of the article's primary appearance.
_APPEARANCE = records.columns_for(schema.ARTICLE_APPEARANCES, Appearance.model_fields)
_APPEARANCE_SELECT = (
    "SELECT p.article_id, "
    + ", ".join(f"p.{column.name}" for column in _APPEARANCE)
    + ", a.path, a.source, a.url FROM article_appearances p JOIN articles a ON a.id = p.article_id"
)


def appearances(run: Run, article_ids: Iterable[str] | None) -> dict[str, tuple[Appearance, ...]]:
    """Appearances by article id (all articles when ``article_ids`` is None): the one
    at the article's own place (its primary) first, then in the order first seen."""
    if article_ids is None:
        rows = run(_APPEARANCE_SELECT + " ORDER BY p.article_id, p.seq")
    else:
        rows = [
            row
            for chunk in chunks(sorted(set(article_ids)))
            for row in run(
                _APPEARANCE_SELECT + f" WHERE p.article_id IN ({marks(chunk)}) ORDER BY p.article_id, p.seq",
                params_of(chunk),
            )
        ]
    found: dict[str, list[tuple[bool, Appearance]]] = defaultdict(list)
    for article_id, *row, own_path, own_source, own_url in rows:
        appearance = Appearance(**records.fields_of(_APPEARANCE, row))
        primary = (appearance.path, appearance.source, appearance.url) == (own_path, own_source, own_url)
        found[article_id].append((not primary, appearance))
    # sorted() is stable: after the primary, the order first seen stays.
    return {key: tuple(a for _, a in sorted(items, key=lambda item: item[0])) for key, items in found.items()}


# What reading a known appearance again may correct; where it is (path, outlet, URL)
# makes its key, and when it was first seen stays.
APPEARANCE_DETAILS = ("published", "title", "authors")


def appearance_details(run: Run, key: str) -> tuple[Any, ...] | None:
    """The APPEARANCE_DETAILS stored for the appearance ``key``, if there is one."""
    found = run(f"SELECT {', '.join(APPEARANCE_DETAILS)} FROM article_appearances WHERE id = :id", {"id": key})
    return tuple(found[0]) if found else None


# --- speakers -----------------------------------------------------------------------------


def speaker_names(run: Run) -> list[SpeakerName]:
    rows = run(
        "SELECT speaker_name, speaker_kind, count(*) FROM claims"
        " WHERE speaker_name IS NOT NULL AND speaker_kind IS NOT NULL GROUP BY speaker_name, speaker_kind"
    )
    role_rows = run(
        "SELECT DISTINCT speaker_name, speaker_role FROM claims"
        " WHERE speaker_name IS NOT NULL AND speaker_role IS NOT NULL"
    )
    kinds: dict[str, Counter[str]] = defaultdict(Counter)
    for name, kind, n in rows:
        kinds[name][kind] += n
    roles: dict[str, set[str]] = defaultdict(set)
    for name, role in role_rows:
        roles[name].add(role)
    return [
        SpeakerName(
            name=name, kind=_most_frequent(counts), claims=sum(counts.values()), roles=tuple(sorted(roles[name]))
        )
        for name, counts in sorted(kinds.items())
    ]


def speakers(run: Run, limit: int | None) -> list[SpeakerSummary]:
    if is_stale(run, "speaker_summaries"):
        return speaker_summaries(run)[:limit]
    columns = schema.SPEAKER_SUMMARIES.fields()
    sql = f"SELECT {', '.join(column.name for column in columns)} FROM speaker_summaries ORDER BY claims DESC, name"
    params = {}
    if limit is not None:
        sql += " LIMIT :limit"
        params["limit"] = limit
    return [SpeakerSummary(**records.fields_of(columns, row)) for row in run(sql, params)]


def speaker_count(run: Run) -> int:
    if is_stale(run, "speaker_summaries"):
        return len(speaker_summaries(run))
    return run("SELECT count(*) FROM speaker_summaries")[0][0]


def speaker_summaries(run: Run) -> list[SpeakerSummary]:
    """One summary per identity, computed from the claims: counting in SQL, merging
    in Python. Its aliases are the names and mentions that can be names (see
    `claimtrack.names.is_name_mention`)."""
    # Imported here: only a rebuild, or a read before one, needs the lexicon.
    from claimtrack.names import is_name_mention

    who = "coalesce(i.canonical, c.speaker_name)"
    claims_with_identities = "claims c LEFT JOIN speaker_identities i ON i.name = c.speaker_name"
    counts = run(
        f"SELECT {who}, count(*), count(DISTINCT c.article_id) FROM {claims_with_identities}"
        f" WHERE c.speaker_name IS NOT NULL GROUP BY {who}"
    )
    kinds = run(
        f"SELECT {who}, c.speaker_kind, count(*) FROM {claims_with_identities}"
        f" WHERE c.speaker_name IS NOT NULL AND c.speaker_kind IS NOT NULL GROUP BY {who}, c.speaker_kind"
    )
    names = run(
        f"SELECT DISTINCT {who}, c.speaker_name, c.speaker_mention FROM {claims_with_identities}"
        " WHERE c.speaker_name IS NOT NULL"
    )
    roles = run(
        f"SELECT DISTINCT {who}, c.speaker_role FROM {claims_with_identities}"
        " WHERE c.speaker_name IS NOT NULL AND c.speaker_role IS NOT NULL"
    )
    kind_counts: dict[str, Counter[str]] = defaultdict(Counter)
    for name, kind, n in kinds:
        kind_counts[name][kind] += n
    aliases: dict[str, set[str]] = defaultdict(set)
    for name, resolved, mention in names:
        # Other spellings of the name, and every name-like way articles mention it.
        aliases[name].update(a for a in (resolved if resolved != name else None, mention) if a and is_name_mention(a))
    role_sets: dict[str, set[str]] = defaultdict(set)
    for name, role in roles:
        role_sets[name].add(role)
    summaries = [
        SpeakerSummary(
            name=name,
            kind=_most_frequent(kind_counts[name]),
            aliases=tuple(sorted(aliases[name])),
            roles=tuple(sorted(role_sets[name])),
            claims=n_claims,
            articles=n_articles,
        )
        for name, n_claims, n_articles in counts
        if kind_counts[name]
    ]
    summaries.sort(key=lambda s: (-s.claims, s.name))
    return summaries


def _most_frequent(counts: Counter[str]) -> str:
    # Ties go to the alphabetically first value so output is stable.
    return min(counts.items(), key=lambda item: (-item[1], item[0]))[0]


# --- derived state and helpers ------------------------------------------------------------


def stale_tables(run: Run) -> tuple[str, ...]:
    """The names of the derived tables marked stale, in name order."""
    return tuple(sorted(name for name, stale in run("SELECT name, stale FROM derived_state") if stale))


def is_stale(run: Run, name: str) -> bool:
    rows = run("SELECT stale FROM derived_state WHERE name = :name", {"name": name})
    return bool(rows[0][0]) if rows else True


def where(conditions: Sequence[str]) -> str:
    return " WHERE " + " AND ".join(conditions) if conditions else ""


def contains_pattern(needle: str) -> str:
    """A LIKE pattern (with ESCAPE '\\') for text containing ``needle``, any case."""
    escaped = needle.lower().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def chunks(values: Sequence[str]) -> Iterator[Sequence[str]]:
    for start in range(0, len(values), CHUNK):
        yield values[start : start + CHUNK]


def marks(values: Sequence[Any]) -> str:
    return ", ".join(f":v{n}" for n in range(len(values)))


def params_of(values: Sequence[Any]) -> dict[str, Any]:
    return {f"v{n}": value for n, value in enumerate(values)}
