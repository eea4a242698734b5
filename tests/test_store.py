"""Tests for the claim store: round trips, filters, atomic saves, and safe opening.

Raw ``sqlite3`` appears here only to inspect or forge store files from outside,
the way another tool (or a newer claimtrack) would.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
import subprocess
import sys
from contextlib import closing
from pathlib import Path

import pytest
import sqlalchemy as sa

from claimtrack.store import connection, dialect, migrations, schema
from claimtrack.store import reads as store_reads
from claimtrack.errors import (
    ArticleRejected,
    ClaimNotFound,
    InvalidFilter,
    InvalidStoreURL,
    StoreBusy,
    StoreCorrupt,
    StoreError,
    StoreNotFound,
    StoreSchemaTooNew,
    StoreUnwritable,
)
from claimtrack.models import (
    Appearance,
    Article,
    ArticleListing,
    Claim,
    ClaimFilter,
    Figure,
    Speaker,
    SpeakerSummary,
    figure_day,
)
from claimtrack.store import Store

D = dt.date


# --- builders ------------------------------------------------------------------------


def make_article(
    article_id: str = "art-harbor",
    *,
    path: str | None = "news/harbor.txt",
    source: str | None = "Harbor Gazette",
    title: str | None = "Port talks resume",
    published: dt.date | None = D(2023, 3, 10),
    authors: tuple[str, ...] = ("Mira Quell",),
    url: str | None = "https://example.invalid/harbor",
    text: str = "Body text of an invented article.",
    notes: tuple[str, ...] = (),
) -> Article:
    return Article(
        id=article_id, path=path, source=source, title=title, published=published,
        authors=authors, url=url, text=text, notes=notes,
    )


def make_quote(
    claim_id: str,
    article: Article,
    *,
    start: int = 0,
    text: str = "the docks will reopen",
    sentence: str | None = None,
    speaker: Speaker | None = None,
    date: dt.date | None = None,
) -> Claim:
    return Claim(
        id=claim_id, kind="quote", article=article.info(), text=text,
        sentence=sentence if sentence is not None else f'Someone said "{text}".',
        start=start, end=start + len(text), speaker=speaker, cue="said", direct=True, date=date,
    )


def make_figure(
    claim_id: str,
    article: Article,
    *,
    start: int = 0,
    figure: Figure | None = None,
    text: str = "15,000 soldiers",
    speaker: Speaker | None = None,
    date: dt.date | None = None,
) -> Claim:
    return Claim(
        id=claim_id, kind="figure", article=article.info(), text=text,
        sentence=f"Officials counted {text} near the border.", start=start,
        end=start + len(text), speaker=speaker, date=date,
        figure=figure or Figure(value=15000, low=None, high=None, qualifier="approx",
                                unit="soldiers", category="troops"),
    )


def ids(claims: list[Claim]) -> list[str]:
    return [c.id for c in claims]


@pytest.fixture
def db(tmp_path: Path) -> Path:
    return tmp_path / "claims.db"


@pytest.fixture
def store(db: Path):
    with Store.open(str(db), create=True) as opened:
        yield opened


# --- a small invented corpus -----------------------------------------------------------

HARBOR = make_article("art-harbor", path="news/a-harbor.txt", source="Harbor Gazette",
                      published=D(2023, 3, 10))
VALLEY = make_article("art-valley", path="news/b-valley.txt", source="Valley Tribune",
                      published=D(2023, 4, 2))
UNDATED = make_article("art-undated", path="news/c-undated.txt", source="Night Desk Wire",
                       published=None)

BRENNER = Speaker(name="Ölaf Brenner", mention="Brenner", kind="person", role="harbor master")

CORPUS: dict[Article, list[Claim]] = {
    HARBOR: [
        make_quote("q-harbor-1", HARBOR, start=10, text="the docks will reopen",
                   sentence='Brenner said "the docks will reopen" on Friday.', speaker=BRENNER),
        make_figure("f-harbor-1", HARBOR, start=50, date=D(2023, 3, 8),
                    speaker=Speaker(name="Ölaf Brenner", mention="he", kind="organization")),
    ],
    VALLEY: [
        make_quote("q-valley-1", VALLEY, start=5, text="we are 100% certain", date=D(2023, 4, 1),
                   speaker=Speaker(name="Valley Council", mention="the council", kind="organization")),
        make_figure("f-valley-1", VALLEY, start=40, text="$2.5 million",
                    figure=Figure(value=2_500_000, low=2_500_000, high=2_500_000,
                                  qualifier="exact", unit="USD", category="money", measure="money")),
    ],
    UNDATED: [
        make_quote("q-undated-1", UNDATED, start=0, text="the port stays open", date=D(2023, 5, 1),
                   speaker=Speaker(name="Ölaf Brenner", mention="Mr Brenner", kind="person",
                                   role="port director")),
        make_figure("f-undated-1", UNDATED, start=20, text="40 injured",
                    speaker=Speaker(name="Anna Vey", mention="She", kind="person"),
                    figure=Figure(value=40, low=40, high=None, qualifier="at_least",
                                  category="casualties", measure="injured")),
    ],
}
ALL_IN_ORDER = ["q-harbor-1", "f-harbor-1", "q-valley-1", "f-valley-1", "q-undated-1", "f-undated-1"]


@pytest.fixture
def corpus_store(store: Store) -> Store:
    # Saved in an order unlike the expected output order, so ordering is the store's work.
    for article in (UNDATED, VALLEY, HARBOR):
        store.save(article, CORPUS[article])
    return store


# --- round trips ------------------------------------------------------------------------


def test_quote_and_figure_round_trip_every_field(store: Store) -> None:
    article = make_article(authors=("Mira Quell", "Tomas Irri"), notes=("title guessed",))
    quote = Claim(
        id="q-1", kind="quote", article=article.info(), text="the docks will reopen",
        sentence='Brenner said "the docks will reopen" on Friday.', start=13, end=34,
        speaker=Speaker(name="Ölaf Brenner", mention="Brenner", kind="person", role="harbor master"),
        cue="said", direct=True, date=D(2023, 3, 9),
    )
    figure = Claim(
        id="f-1", kind="figure", article=article.info(), text="between 15,000 and 17,500.5 tonnes",
        sentence="Ships carried between 15,000 and 17,500.5 tonnes.", start=60, end=95,
        speaker=None, cue=None, direct=False, date=None,
        figure=Figure(value=None, low=15000.0, high=17500.5, qualifier="range", unit="tonnes",
                      category="equipment", measure="equipment"),
    )
    store.save(article, [quote, figure])

    got_quote, got_figure = store.claims(ClaimFilter())
    assert got_quote == quote
    assert got_figure == figure
    assert got_figure.figure is not None
    # An integral float is stored as REAL but comes back as int; a fractional one stays float.
    assert type(got_figure.figure.low) is int and got_figure.figure.low == 15000
    assert type(got_figure.figure.high) is float and got_figure.figure.high == 17500.5
    assert got_figure.figure.value is None
    assert store.claim("q-1") == quote
    assert store.article(article.id) == article
    assert store.articles() == [article.info()]
    assert store.has_article(article.id)


@pytest.mark.parametrize(
    ("value", "expected_type"),
    [(15000, int), (15000.0, int), (2.5, float), (0, int), (-3, int), (1e12, int)],
)
def test_figure_numbers_come_back_as_int_when_integral(store: Store, value, expected_type) -> None:
    article = make_article()
    figure = Figure(value=value, low=value, high=None, qualifier="at_least")
    store.save(article, [make_figure("f-1", article, figure=figure)])
    got = store.claim("f-1").figure
    assert got is not None
    assert got.value == value and type(got.value) is expected_type
    assert got.low == value and type(got.low) is expected_type
    assert got.high is None


def test_missing_article_reads_as_none_and_absent(store: Store) -> None:
    assert store.article("no-such-article") is None
    assert not store.has_article("no-such-article")
    assert store.claims(ClaimFilter()) == []
    assert store.articles() == []
    assert store.speakers() == []


# --- filters ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        pytest.param({}, ALL_IN_ORDER, id="no-filter"),
        pytest.param({"speaker": "brenner"}, ["q-harbor-1", "f-harbor-1", "q-undated-1"], id="speaker-name"),
        pytest.param({"speaker": "ÖLAF"}, ["q-harbor-1", "f-harbor-1", "q-undated-1"], id="speaker-unicode-case"),
        pytest.param({"speaker": "the council"}, ["q-valley-1"], id="speaker-mention"),
        pytest.param({"speaker": "she"}, ["f-undated-1"], id="speaker-mention-case"),
        pytest.param({"speaker": "Nobody Known"}, [], id="speaker-none"),
        pytest.param({"kind": "figure"}, ["f-harbor-1", "f-valley-1", "f-undated-1"], id="kind-figure"),
        pytest.param({"kind": "quote"}, ["q-harbor-1", "q-valley-1", "q-undated-1"], id="kind-quote"),
        pytest.param({"category": "troops"}, ["f-harbor-1"], id="category"),
        pytest.param({"category": "equipment"}, [], id="category-none"),
        pytest.param({"measure": "injured"}, ["f-undated-1"], id="measure"),
        pytest.param({"measure": "deaths"}, [], id="measure-none"),
        pytest.param({"category": "casualties", "measure": "money"}, [], id="measure-and-category-none"),
        pytest.param({"source": "valley"}, ["q-valley-1", "f-valley-1"], id="source-substring"),
        pytest.param({"source": "TRIBUNE"}, ["q-valley-1", "f-valley-1"], id="source-case"),
        pytest.param({"source": "Gazette Times"}, [], id="source-none"),
        pytest.param({"since": D(2023, 3, 10)},
                     ["q-harbor-1", "q-valley-1", "f-valley-1", "q-undated-1"], id="since-inclusive-fallback"),
        pytest.param({"until": D(2023, 3, 10)}, ["q-harbor-1", "f-harbor-1"], id="until-inclusive"),
        pytest.param({"since": D(2023, 4, 2), "until": D(2023, 4, 2)}, ["f-valley-1"], id="published-fallback"),
        pytest.param({"since": D(2023, 3, 9), "until": D(2023, 4, 1)}, ["q-harbor-1", "q-valley-1"], id="range"),
        pytest.param({"until": D(2023, 3, 7)}, [], id="until-none"),
        pytest.param({"since": D(2024, 1, 1)}, [], id="since-none"),
        pytest.param({"search": "DOCKS"}, ["q-harbor-1"], id="search-text"),
        pytest.param({"search": "friday"}, ["q-harbor-1"], id="search-sentence"),
        pytest.param({"search": "100%"}, ["q-valley-1"], id="search-percent-literal"),
        pytest.param({"search": "_"}, [], id="search-underscore-literal"),
        pytest.param({"search": "zeppelin"}, [], id="search-none"),
        pytest.param({"search": "dock"}, ["q-harbor-1"], id="search-last-word-cut-short"),
        pytest.param({"search": "docks will"}, ["q-harbor-1"], id="search-words-in-order"),
        pytest.param({"search": "will docks"}, [], id="search-words-out-of-order"),
        pytest.param({"search": "ocks"}, [], id="search-not-inside-a-word"),
        pytest.param({"search": "docks, will!"}, ["q-harbor-1"], id="search-punctuation-ignored"),
        pytest.param({"speaker": "brenner", "kind": "figure"}, ["f-harbor-1"], id="combined"),
        pytest.param({"source": "harbor", "kind": "quote", "category": "troops"}, [], id="combined-none"),
        pytest.param({"limit": 2}, ["q-harbor-1", "f-harbor-1"], id="limit"),
        pytest.param({"limit": 0}, [], id="limit-zero"),
        pytest.param({"kind": "figure", "limit": 1}, ["f-harbor-1"], id="limit-after-filter"),
    ],
)
def test_claim_filters(corpus_store: Store, query: dict, expected: list[str]) -> None:
    assert ids(corpus_store.claims(ClaimFilter(**query))) == expected


@pytest.mark.parametrize(
    "query",
    [{"search": "docks"}, {"search": "the"}, {"speaker": "brenner"}, {"speaker": "e"}, {"speaker": "the council"}],
)
@pytest.mark.parametrize("limit", [1, 2, 50])
def test_common_matches_are_walked_in_order_with_the_same_result(
    corpus_store: Store, monkeypatch: pytest.MonkeyPatch, query: dict, limit: int
) -> None:
    """A search or speaker matching many claims takes another plan; the answer is the
    same: the first claims of the full listing."""
    everything = ids(corpus_store.claims(ClaimFilter(**query)))
    assert ids(corpus_store.claims(ClaimFilter(**query, limit=limit))) == everything[:limit]
    monkeypatch.setattr(store_reads, "COMMON_MATCHES", 1)
    assert ids(corpus_store.claims(ClaimFilter(**query, limit=limit))) == everything[:limit]


def test_negative_limit_is_refused(corpus_store: Store) -> None:
    with pytest.raises(InvalidFilter):
        corpus_store.claims(ClaimFilter(limit=-1))


def test_claims_without_any_date_are_dropped_only_by_date_filters(corpus_store: Store) -> None:
    assert "f-undated-1" in ids(corpus_store.claims(ClaimFilter()))
    assert "f-undated-1" not in ids(corpus_store.claims(ClaimFilter(since=D(1900, 1, 1))))
    assert "f-undated-1" not in ids(corpus_store.claims(ClaimFilter(until=D(2999, 1, 1))))


def test_order_is_published_then_path_then_start_then_id(store: Store) -> None:
    undated = make_article("a-undated", path="a.txt", published=None)
    late = make_article("a-late", path="a.txt", published=D(2023, 6, 1))
    early_b = make_article("a-early-b", path="b.txt", published=D(2023, 1, 1))
    early_a = make_article("a-early-a", path="a.txt", published=D(2023, 1, 1))
    store.save(undated, [make_quote("u-1", undated, start=0)])
    store.save(late, [make_quote("l-1", late, start=0)])
    store.save(early_b, [make_quote("b-1", early_b, start=0)])
    store.save(early_a, [
        make_quote("a-z", early_a, start=30),
        make_quote("a-y", early_a, start=5),
        make_quote("a-x", early_a, start=30),  # same start as a-z: id breaks the tie
    ])
    assert ids(store.claims(ClaimFilter())) == ["a-y", "a-x", "a-z", "b-1", "l-1", "u-1"]
    assert [a.id for a in store.articles()] == ["a-early-a", "a-early-b", "a-late", "a-undated"]


# --- saving ---------------------------------------------------------------------------------


def test_resave_replaces_claims_and_updates_metadata(store: Store) -> None:
    article = make_article(path="old/place.txt", title="Old title")
    store.save(article, [make_quote("c-1", article), make_quote("c-2", article, start=40)])
    moved = make_article(path="new/place.txt", title="New title")
    store.save(moved, [make_quote("c-3", moved, start=7)])

    assert ids(store.claims(ClaimFilter())) == ["c-3"]
    assert store.articles() == [moved.info()]
    assert store.claim("c-3").article.path == "new/place.txt"
    with pytest.raises(ClaimNotFound):
        store.claim("c-1")


def test_resave_with_no_claims_keeps_the_article(store: Store) -> None:
    article = make_article()
    store.save(article, [make_quote("c-1", article)])
    store.save(article, [])
    assert store.claims(ClaimFilter()) == []
    assert store.has_article(article.id)


def test_same_article_saved_twice_is_stored_once(store: Store) -> None:
    article = make_article()
    claims = [make_quote("c-1", article)]
    store.save(article, claims)
    store.save(article, claims)
    assert store.articles() == [article.info()]
    assert ids(store.claims(ClaimFilter())) == ["c-1"]


def test_failing_save_with_duplicate_claim_ids_leaves_old_state(store: Store) -> None:
    article = make_article(title="Kept title")
    store.save(article, [make_quote("c-1", article), make_quote("c-2", article, start=40)])
    changed = make_article(title="Never stored")
    with pytest.raises(StoreError):
        store.save(changed, [make_quote("dup", changed), make_quote("dup", changed, start=9)])
    assert ids(store.claims(ClaimFilter())) == ["c-1", "c-2"]
    assert store.article(article.id) == article


def test_failing_save_mid_transaction_rolls_back(store: Store) -> None:
    """The clash is found only after the article's old claims were deleted."""
    first = make_article("art-1", path="one.txt")
    second = make_article("art-2", path="two.txt")
    store.save(first, [make_quote("c-1", first)])
    store.save(second, [make_quote("taken", second)])
    with pytest.raises(StoreError, match="UNIQUE"):
        store.save(first, [make_quote("c-new", first), make_quote("taken", first, start=50)])
    assert ids(store.claims(ClaimFilter())) == ["c-1", "taken"]
    assert store.claim("taken").article.id == "art-2"


def test_claims_of_another_article_are_refused(store: Store) -> None:
    article, other = make_article("art-1"), make_article("art-2")
    with pytest.raises(ValueError):
        store.save(article, [make_quote("c-1", other)])
    assert not store.has_article("art-1")


# --- claim lookup ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("wanted", "found", "message"),
    [
        ("abcd1234", "abcd1234", None),
        ("abcd1", "abcd1234", None),
        ("abce", "abce0000", None),
        ("ABCD", "ABCD9999", None),  # prefixes are case-sensitive, like the ids
        ("abc", None, "No claim has the id"),  # too short to be a prefix
        ("abcd", None, "ambiguous"),
        ("zzzz", None, "No claim id is or starts with"),
        ("abcd%", None, "No claim id is or starts with"),  # no LIKE wildcards
        ("", None, "No claim has the id"),
    ],
)
def test_claim_lookup_by_id_or_prefix(store: Store, wanted: str, found: str | None, message) -> None:
    article = make_article()
    store.save(article, [
        make_quote(claim_id, article, start=i * 10)
        for i, claim_id in enumerate(["abcd1234", "abcd5678", "abce0000", "ABCD9999"])
    ])
    if found is not None:
        assert store.claim(wanted).id == found
        return
    with pytest.raises(ClaimNotFound, match=message) as raised:
        store.claim(wanted)
    if message == "ambiguous":
        assert "abcd1234" in raised.value.message and "abcd5678" in raised.value.message


# --- speakers -------------------------------------------------------------------------------


def test_speakers_summary(corpus_store: Store) -> None:
    assert corpus_store.speakers() == [
        SpeakerSummary(name="Ölaf Brenner", kind="person", aliases=("Brenner", "Mr Brenner"),
                       roles=("harbor master", "port director"), claims=3, articles=2),
        # One claim each: the name breaks the tie. "She" and "the council" are no aliases.
        SpeakerSummary(name="Anna Vey", kind="person", aliases=(), roles=(), claims=1, articles=1),
        SpeakerSummary(name="Valley Council", kind="organization", aliases=(), roles=(),
                       claims=1, articles=1),
    ]


# --- rules the store and the linking layer share -------------------------------------------


@pytest.mark.parametrize(
    ("as_of", "said", "published", "expected"),
    [
        (D(2023, 5, 2), D(2023, 5, 3), D(2023, 5, 4), D(2023, 5, 2)),  # the day the figure is given for
        (None, D(2023, 5, 3), D(2023, 5, 4), D(2023, 5, 3)),  # else the day it was said
        (None, None, D(2023, 5, 4), D(2023, 5, 4)),  # else the article's date
        (None, None, None, None),  # no day at all
    ],
)
def test_a_figures_day_is_one_rule_in_python_and_in_sql(store: Store, as_of, said, published, expected) -> None:
    article = make_article("art-day", published=published)
    figure = Figure(value=400, low=400, high=400, qualifier="exact", unit="tanks", category="equipment", as_of=as_of)
    claim = make_figure("f-day", article, figure=figure, date=said)
    store.save(article, [claim])
    assert figure_day(claim) == store.derived.figure_days([claim.id])[claim.id] == expected
    # Read back from the store, the claim still gives the same day.
    assert figure_day(store.claim(claim.id)) == expected


def test_the_figures_view_dates_figures_by_the_same_rule(store: Store, db: Path) -> None:
    with closing(sqlite3.connect(db)) as conn:
        (view,) = conn.execute("SELECT sql FROM sqlite_master WHERE type = 'view' AND name = 'figures'").fetchone()
    # m005 wrote the rule out; a changed rule needs a migration that redefines the view.
    assert f"{store_reads.FIGURE_DAY_SQL} AS as_of" in view


# --- migrations and schema ------------------------------------------------------------------


def read_migrations(db: Path) -> list[tuple]:
    with closing(sqlite3.connect(db)) as conn:
        return conn.execute(
            "SELECT version, name, applied_at FROM claimtrack_migrations ORDER BY version"
        ).fetchall()


def test_migrations_are_recorded(store: Store, db: Path) -> None:
    rows = read_migrations(db)
    assert [(v, n) for v, n, _ in rows] == [(m.version, m.name) for m in migrations.MIGRATIONS]
    assert rows[0][:2] == (1, "m001_initial")
    for _, _, applied_at in rows:
        assert dt.datetime.fromisoformat(applied_at).tzinfo is not None
    assert store.schema_version() == migrations.latest_version() == len(migrations.MIGRATIONS)


def test_reopening_applies_nothing(db: Path) -> None:
    Store.open(str(db), create=True).close()
    before = read_migrations(db)
    for create in (True, False):
        with Store.open(str(db), create=create) as again:
            assert again.schema_version() == migrations.latest_version()
    assert read_migrations(db) == before


def test_store_tables_match_what_migrations_create(store: Store, db: Path) -> None:
    engine = sa.create_engine(sa.engine.URL.create("sqlite", database=str(db)))
    inspector = sa.inspect(engine)
    for table in schema.TABLES:
        on_disk = [(c["name"], c["nullable"] and not c["primary_key"]) for c in inspector.get_columns(table.name)]
        declared = [(c.name, c.nullable and not c.primary_key) for c in table.columns]
        assert on_disk == declared, table.name
    engine.dispose()
    with closing(sqlite3.connect(db)) as conn:
        names = [row[0] for row in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'index' AND name LIKE 'ix_%' AND tbl_name IN ('claims', 'articles')"
        )]
        # An expression's column comes back as None: "published IS NULL".
        indexed = {(name, tuple(r[2] for r in conn.execute(f"PRAGMA index_info({name})"))) for name in names}
    assert indexed == {
        ("ix_claims_article_order", ("article_id", "start_offset", "id")),
        ("ix_articles_order", (None, "published", "path", "id")),
        ("ix_claims_speaker_name", ("speaker_name",)),
        ("ix_claims_speaker_mention", ("speaker_mention",)),
        ("ix_claims_kind", ("kind",)),
        ("ix_claims_figure_category", ("figure_category",)),
        ("ix_claims_date", ("date",)),
        ("ix_articles_source", ("source",)),
    }


def test_failing_migration_leaves_no_trace(db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    Store.open(str(db), create=True).close()

    def m999_broken(conn: sa.Connection) -> None:
        sa.Table("half_done", sa.MetaData(), sa.Column("x", sa.Integer)).create(conn)
        sa.Table("articles", sa.MetaData(), sa.Column("id", sa.Text)).create(conn)  # exists

    latest = migrations.latest_version()
    broken = migrations.Migration(version=latest + 1, name="m999_broken", apply=m999_broken)
    monkeypatch.setattr(migrations, "MIGRATIONS", [*migrations.MIGRATIONS, broken])
    with pytest.raises(StoreError):
        Store.open(str(db), create=False)
    with closing(sqlite3.connect(db)) as conn:
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    assert "half_done" not in tables
    assert [v for v, _, _ in read_migrations(db)] == list(range(1, latest + 1))


def test_a_column_declared_with_the_next_version_is_added_by_a_migration_of_its_own(
    db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with Store.open(str(db), create=True) as store:
        article = make_article()
        store.save(article, [make_quote("c-1", article)])
    version = migrations.latest_version() + 1
    last_column = schema.CLAIMS.columns[-1].name
    note = schema.Column("figure_note", schema.TEXT, since=version)
    claims = schema.CLAIMS._replace(columns=(*schema.CLAIMS.columns, note))
    monkeypatch.setattr(schema, "TABLES", tuple(claims if t is schema.CLAIMS else t for t in schema.TABLES))
    step = migrations.schema_migration(version)
    monkeypatch.setattr(migrations, "MIGRATIONS", [*migrations.MIGRATIONS, step])

    with Store.open(str(db), create=False) as store:
        assert store.schema_version() == version
        assert ids(store.claims(ClaimFilter())) == ["c-1"]
    assert (step.version, step.name) == (version, f"m{version:03d}_add_claims_figure_note")
    assert read_migrations(db)[-1][:2] == (version, step.name)
    with closing(sqlite3.connect(db)) as conn:
        assert [row[1] for row in conn.execute("PRAGMA table_info(claims)")][-2:] == [last_column, "figure_note"]


def test_a_column_that_existing_rows_cannot_take_needs_a_migration_written_out(monkeypatch: pytest.MonkeyPatch) -> None:
    version = migrations.latest_version() + 1
    required = schema.Column("figure_note", schema.TEXT, nullable=False, since=version)
    claims = schema.CLAIMS._replace(columns=(*schema.CLAIMS.columns, required))
    monkeypatch.setattr(schema, "TABLES", tuple(claims if t is schema.CLAIMS else t for t in schema.TABLES))
    with pytest.raises(ValueError, match="give it a default"):
        migrations.schema_migration(version)


# --- driver errors ---------------------------------------------------------------------------


class SqliteError(Exception):
    """An error as Python's sqlite3 raises it: with SQLite's name for it."""

    def __init__(self, name: str, message: str) -> None:
        super().__init__(message)
        self.sqlite_errorname = name


class IntegrityError(Exception):
    """What a DB-API driver of some other database raises for a broken constraint."""


def _postgres_errors():
    from psycopg import OperationalError
    from psycopg import errors as pg

    return [
        (pg.LockNotAvailable("canceling statement due to lock timeout"), StoreBusy, "locked by another process"),
        (pg.DeadlockDetected("deadlock detected\nDETAIL:  Process 7 waits for ShareLock"), StoreBusy, "locked"),
        (pg.SerializationFailure("could not serialize access"), StoreBusy, "locked"),
        (pg.DiskFull("could not extend file: No space left on device"), StoreUnwritable, "disk is full"),
        (pg.ReadOnlySqlTransaction("cannot execute INSERT in a read-only transaction"), StoreUnwritable, "read-only"),
        (pg.InsufficientPrivilege("permission denied for table claims"), StoreUnwritable, "permission denied"),
        (pg.UniqueViolation('duplicate key value violates unique constraint "claims_id_key"\nDETAIL:  Key (id)=(c-1)'),
         ArticleRejected, "Nothing was changed"),
        (pg.ForeignKeyViolation("insert or update on table violates foreign key constraint"), ArticleRejected,
         "foreign key"),
        (pg.UndefinedTable('relation "claims" does not exist\nLINE 1: SELECT c.id FROM claims c'), StoreCorrupt,
         'missing part of a claimtrack store (relation "claims" does not exist)'),
        (pg.UndefinedColumn("column c.figure_verb does not exist"), StoreCorrupt, "missing part"),
        # What no code says more about stays a plain StoreError, on one line.
        (pg.DivisionByZero("division by zero"), StoreError, "division by zero"),
        (OperationalError("connection failed: Connection refused\n\tIs the server running?"), StoreError,
         "Connection refused"),
    ]


@pytest.mark.parametrize(
    ("name", "error", "expected", "words"),
    [
        ("sqlite", SqliteError("SQLITE_FULL", "database or disk is full"), StoreUnwritable, "disk is full"),
        ("sqlite", SqliteError("SQLITE_READONLY_DBMOVED", "attempt to write a readonly database"), StoreUnwritable,
         "readonly"),
        ("sqlite", SqliteError("SQLITE_BUSY", "database is locked"), StoreBusy, "locked by another process"),
        ("sqlite", SqliteError("SQLITE_NOTADB", "file is not a database"), StoreCorrupt, "not a usable SQLite"),
        ("sqlite", IntegrityError("UNIQUE constraint failed: claims.id"), ArticleRejected, "Nothing was changed"),
        ("sqlite", SqliteError("SQLITE_ERROR", "no such table: claims"), StoreError, "no such table"),
        ("portable", IntegrityError("Duplicate entry 'c-1'"), ArticleRejected, "Duplicate entry"),
        ("portable", ValueError("something else"), StoreError, "something else"),
        *[("postgresql", *row) for row in _postgres_errors()],
    ],
)
def test_driver_errors_become_claimtrack_errors(name, error, expected, words) -> None:
    translated = dialect.for_name(name).translate(error, "the-store", "write")
    assert type(translated) is expected
    assert words in translated.message
    assert "\n" not in translated.message


@pytest.mark.postgres
def test_postgres_locks_and_missing_tables_are_reported_as_such(postgres_db: str, monkeypatch) -> None:
    import psycopg

    with Store.open(postgres_db, create=True) as store:
        article = make_article()
        store.save(article, [make_quote("c-1", article)])
    plain = postgres_db.replace("+psycopg", "")
    # A server that gives up waiting for a lock after a moment (a setting of the URL).
    impatient = postgres_db + "?options=-c%20lock_timeout%3D100"
    monkeypatch.setattr(connection, "WRITE_LOCK_WAIT_SECONDS", 0.3)
    with psycopg.connect(plain) as other, Store.open(impatient, create=False) as store:
        other.execute("LOCK TABLE claims IN ACCESS EXCLUSIVE MODE")
        with pytest.raises(StoreBusy, match="locked by another process"):
            store.claims(ClaimFilter())
        other.rollback()
        # Another writer holds the writers' lock: a write waits, tries again, then gives up.
        other.execute("SELECT pg_advisory_lock(%s)", (dialect.PostgreSQL.WRITE_LOCK_KEY,))
        with pytest.raises(StoreBusy):
            store.save(article, [make_quote("c-1", article)])
        other.execute("SELECT pg_advisory_unlock(%s)", (dialect.PostgreSQL.WRITE_LOCK_KEY,))
        other.commit()
        assert ids(store.claims(ClaimFilter())) == ["c-1"]
    with psycopg.connect(plain, autocommit=True) as other:
        other.execute("DROP TABLE claims CASCADE")
    with Store.open(postgres_db, create=False) as store, pytest.raises(StoreCorrupt, match="claims"):
        store.claims(ClaimFilter())


def test_sqlite_connections_are_configured(store: Store, db: Path) -> None:
    with store._db._engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() == 10000
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"


# --- opening safely -----------------------------------------------------------------------------


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if p.is_file()}


@pytest.mark.parametrize("as_url", [False, True])
def test_reading_a_missing_store_creates_nothing(tmp_path: Path, as_url: bool) -> None:
    db = tmp_path / "missing.db"
    target = f"sqlite:///{db}" if as_url else str(db)
    with pytest.raises(StoreNotFound):
        Store.open(target, create=False)
    assert list(tmp_path.iterdir()) == []


def test_reading_an_empty_file_does_not_make_it_a_store(tmp_path: Path) -> None:
    db = tmp_path / "empty.db"
    db.touch()
    with pytest.raises(StoreNotFound):
        Store.open(str(db), create=False)
    assert snapshot(tmp_path) == {"empty.db": b""}
    with Store.open(str(db), create=True) as store:
        assert store.schema_version() == migrations.latest_version()


@pytest.mark.parametrize(
    "content",
    [
        b"These are notes, not a database.\n" * 200,
        b"tiny",
        b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8,
    ],
    ids=["text", "tiny", "binary"],
)
@pytest.mark.parametrize("create", [True, False])
def test_non_database_file_is_corrupt_and_untouched(tmp_path: Path, content: bytes, create: bool) -> None:
    (tmp_path / "notes.db").write_bytes(content)
    with pytest.raises(StoreCorrupt):
        Store.open(str(tmp_path / "notes.db"), create=create)
    assert snapshot(tmp_path) == {"notes.db": content}


@pytest.mark.parametrize("create", [True, False])
def test_foreign_sqlite_database_is_corrupt_and_untouched(tmp_path: Path, create: bool) -> None:
    db = tmp_path / "other.db"
    with closing(sqlite3.connect(db)) as conn, conn:
        conn.execute("CREATE TABLE people (name TEXT)")
        conn.execute("INSERT INTO people VALUES ('Invented Person')")
    before = snapshot(tmp_path)
    with pytest.raises(StoreCorrupt, match="people"):
        Store.open(str(db), create=create)
    assert snapshot(tmp_path) == before


def test_folder_as_store_is_refused(tmp_path: Path) -> None:
    with pytest.raises(StoreCorrupt):
        Store.open(str(tmp_path), create=True)


@pytest.mark.parametrize("create", [True, False])
def test_newer_schema_is_refused_and_untouched(db: Path, create: bool) -> None:
    with Store.open(str(db), create=True) as store:
        article = make_article()
        store.save(article, [make_quote("c-1", article)])
    newer = migrations.latest_version() + 1
    with closing(sqlite3.connect(db)) as conn, conn:
        conn.execute(
            "INSERT INTO claimtrack_migrations (version, name, applied_at) VALUES (?, ?, ?)",
            (newer, f"m{newer:03d}_from_the_future", "2100-01-01T00:00:00+00:00"),
        )
    before = snapshot(db.parent)
    with pytest.raises(StoreSchemaTooNew, match=str(newer)):
        Store.open(str(db), create=create)
    assert snapshot(db.parent) == before


@pytest.mark.parametrize("create", [True, False])
def test_store_under_a_regular_file(tmp_path: Path, create: bool) -> None:
    # A folder that is really a file cannot be written even by root (chmod would not stop root).
    (tmp_path / "afile").write_text("not a folder")
    target = str(tmp_path / "afile" / "x.db")
    with pytest.raises(StoreUnwritable if create else StoreNotFound):
        Store.open(target, create=create)
    assert (tmp_path / "afile").read_text() == "not a folder"


def test_store_in_a_missing_folder_is_unwritable(tmp_path: Path) -> None:
    with pytest.raises(StoreUnwritable, match="does not exist"):
        Store.open(str(tmp_path / "no" / "such" / "x.db"), create=True)
    assert list(tmp_path.iterdir()) == []


def test_sqlalchemy_url_target(tmp_path: Path) -> None:
    db = tmp_path / "via-url.db"
    with Store.open(f"sqlite:///{db}", create=True) as store:
        article = make_article()
        store.save(article, [make_quote("c-1", article)])
    with Store.open(str(db), create=False) as store:
        assert ids(store.claims(ClaimFilter())) == ["c-1"]


@pytest.mark.parametrize("target", ["claims.db", "sqlite:///claims.db"])
def test_relative_targets_resolve_against_cwd(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, target) -> None:
    monkeypatch.chdir(tmp_path)
    with Store.open(target, create=True) as store:
        assert store.schema_version() == migrations.latest_version()
    assert (tmp_path / "claims.db").is_file()


@pytest.mark.parametrize(
    "target",
    ["postgresql://user@host:notaport/db", "://nothing", "nosuchbackend://host/db", "", "   "],
)
def test_malformed_url_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, target: str) -> None:
    monkeypatch.chdir(tmp_path)
    with pytest.raises(InvalidStoreURL):
        Store.open(target, create=True)
    assert list(tmp_path.iterdir()) == []


def test_importing_the_store_does_not_load_nlp_libraries() -> None:
    code = (
        "import sys, claimtrack.store\n"
        "print(','.join(m for m in ('spacy', 'dateparser') if m in sys.modules))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == ""


def test_a_version_3_store_is_migrated_with_every_claim_searchable(db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from claimtrack.store import writes as store_writes

    # A store as claimtrack wrote it before the search index and summaries existed.
    monkeypatch.setattr(migrations, "MIGRATIONS", migrations.MIGRATIONS[:3])
    Store.open(str(db), create=True).close()
    monkeypatch.undo()
    at_version_3 = {column.name for column in schema.CLAIMS.as_of(3)}
    with closing(sqlite3.connect(db)) as conn, conn:
        for article, claims in CORPUS.items():
            row = store_writes.article_row(article)
            del row["extra"]  # added by migration 5
            conn.execute(f"INSERT INTO articles ({', '.join(row)}) VALUES ({', '.join('?' * len(row))})", list(row.values()))
            for claim in claims:
                row = store_writes.claim_row(claim)
                row = {name: value for name, value in row.items() if name in at_version_3}
                conn.execute(f"INSERT INTO claims ({', '.join(row)}) VALUES ({', '.join('?' * len(row))})",
                             list(row.values()))

    with Store.open(str(db), create=False) as store:
        assert store.schema_version() == migrations.latest_version()
        assert ids(store.claims(ClaimFilter())) == ALL_IN_ORDER
        assert ids(store.claims(ClaimFilter(search="docks"))) == ["q-harbor-1"]
        assert ids(store.claims(ClaimFilter(speaker="the council"))) == ["q-valley-1"]
        # The summaries were not built yet: they are computed from the claims.
        assert [s.name for s in store.speakers()] == ["Ölaf Brenner", "Anna Vey", "Valley Council"]
        assert store.figure_groups_stale()


def test_a_version_7_store_gets_figure_measures_empty(db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from claimtrack.store import writes as store_writes

    # A store as claimtrack wrote it before figures carried their measure.
    monkeypatch.setattr(migrations, "MIGRATIONS", migrations.MIGRATIONS[:7])
    Store.open(str(db), create=True).close()
    monkeypatch.undo()
    at_version_7 = {column.name for column in schema.CLAIMS.as_of(7)}
    with closing(sqlite3.connect(db)) as conn, conn:
        for article, claims in CORPUS.items():
            row = store_writes.article_row(article)
            conn.execute(f"INSERT INTO articles ({', '.join(row)}) VALUES ({', '.join('?' * len(row))})", list(row.values()))
            for claim in claims:
                row = {name: value for name, value in store_writes.claim_row(claim).items() if name in at_version_7}
                conn.execute(f"INSERT INTO claims ({', '.join(row)}) VALUES ({', '.join('?' * len(row))})",
                             list(row.values()))

    with Store.open(str(db), create=False) as store:
        assert store.schema_version() == migrations.latest_version() >= 8
        assert read_migrations(db)[7][:2] == (8, "m008_add_claims_figure_measure_figure_groups_measure")
        figures = store.claims(ClaimFilter(kind="figure"))
        # Every figure is still there, its category kept; the measure it never had is None.
        assert ids(figures) == ["f-harbor-1", "f-valley-1", "f-undated-1"]
        assert [f.figure.category for f in figures] == ["troops", "money", "casualties"]
        assert {f.figure.measure for f in figures} == {None}
        assert store.claims(ClaimFilter(measure="injured")) == []


def test_saving_marks_derived_tables_stale_and_rebuilding_refreshes_them(corpus_store: Store) -> None:
    live = corpus_store.speakers()
    corpus_store.derived.replace_identities({"Ölaf Brenner": "Ölaf Brenner", "Anna Vey": "Anna Vey",
                                     "Valley Council": "Valley Council"})
    assert corpus_store.speakers() == live
    assert corpus_store.speakers(limit=1) == live[:1]
    assert corpus_store.speaker_count() == 3
    article = make_article("art-new", path="news/d-new.txt")
    corpus_store.save(article, [make_quote("q-new-1", article, speaker=Speaker(
        name="Ilse Marr", mention="Marr", kind="person"))])
    assert "Ilse Marr" in [s.name for s in corpus_store.speakers()]
    assert corpus_store.speaker_count() == 4


# --- appearances: one text in several outlets ----------------------------------------------


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def any_target(request, tmp_path: Path) -> str:
    """Where an empty store goes: a SQLite file, or a throwaway PostgreSQL database."""
    return str(tmp_path / "claims.db") if request.param == "sqlite" else request.getfixturevalue("postgres_db")


@pytest.fixture
def any_store(any_target: str):
    with Store.open(any_target, create=True) as opened:
        yield opened


def appearance(article: Article, **changes) -> Appearance:
    return Appearance.of(article.info().model_copy(update=changes))


WIRE = make_article("art-wire", path="wire/ferry.txt", source="Coast Wire", published=D(2023, 6, 1),
                    url="https://example.invalid/wire/ferry")
ELSEWHERE = make_article("art-elsewhere", path="news/else.txt", source="Hill Gazette", published=D(2023, 6, 2))


def test_appearances_are_recorded_once_each_with_the_primary_first(any_store: Store) -> None:
    store = any_store
    store.save(WIRE, [make_quote("q-wire", WIRE)])
    post = WIRE.info().model_copy(update={"path": "post/ferry.txt", "source": "Harbour Post", "url": None,
                                          "published": D(2023, 6, 2), "authors": ()})
    steps = [
        (post, "new"),
        (post, "unchanged"),  # the same file read again
        (post.model_copy(update={"published": D(2023, 5, 30)}), "updated"),  # a corrected date
        (post.model_copy(update={"published": D(2023, 5, 30), "title": "Ferries back", "authors": ("Ona Pell",)}),
         "updated"),
        (WIRE.info(), "unchanged"),  # the primary itself
        (WIRE.info().model_copy(update={"source": "Gull Times"}), "new"),  # same file, another outlet
        (WIRE.info().model_copy(update={"id": "art-never-stored"}), "missing"),
    ]
    assert [store.record_appearance(info) for info, _ in steps] == [change for _, change in steps]
    # Extracting the primary again records nothing new.
    store.save(WIRE, [make_quote("q-wire", WIRE)])

    expected = (
        appearance(WIRE),
        appearance(WIRE, path="post/ferry.txt", source="Harbour Post", url=None, published=D(2023, 5, 30),
                   title="Ferries back", authors=("Ona Pell",)),
        appearance(WIRE, source="Gull Times"),
    )
    assert store.appearances([WIRE.id, "art-never-stored"]) == {WIRE.id: expected}
    # The article and its claims keep the primary's metadata.
    assert store.articles() == [WIRE.info()]
    assert store.claim("q-wire").article == WIRE.info()
    assert store.article_listings() == [ArticleListing(**WIRE.info().model_dump(), appearances=expected)]
    assert store.article_listings(limit=1) == store.article_listings()


def test_an_article_saved_under_other_metadata_lists_both_with_the_saved_one_first(any_store: Store) -> None:
    store = any_store
    store.save(WIRE, [])
    moved = WIRE.model_copy(update={"path": "moved/ferry.txt"})
    store.save(moved, [])
    assert store.appearances([WIRE.id]) == {WIRE.id: (appearance(moved), appearance(WIRE))}


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("coast wire", ["q-wire"]),  # the primary outlet
        ("HARBOUR", ["q-wire"]),  # an outlet the text also appeared in
        ("gazette", ["q-else"]),
        ("Gull Times", []),
        ("%", []),  # no wildcard
    ],
)
def test_claims_by_source_match_every_outlet_a_text_appeared_in(any_store: Store, source, expected) -> None:
    store = any_store
    store.save(WIRE, [make_quote("q-wire", WIRE)])
    store.save(ELSEWHERE, [make_quote("q-else", ELSEWHERE)])
    store.record_appearance(WIRE.info().model_copy(update={"path": "post/ferry.txt", "source": "Harbour Post"}))
    assert ids(store.claims(ClaimFilter(source=source))) == expected


def test_a_version_5_store_gets_one_appearance_per_article(any_target: str, monkeypatch: pytest.MonkeyPatch) -> None:
    from claimtrack.store import writes as store_writes

    # A store as claimtrack wrote it before appearances were kept.
    monkeypatch.setattr(migrations, "MIGRATIONS", migrations.MIGRATIONS[:5])
    Store.open(any_target, create=True).close()
    monkeypatch.undo()
    engine = sa.create_engine(any_target if "://" in any_target else f"sqlite:///{any_target}")
    with engine.begin() as conn:
        for article in (WIRE, ELSEWHERE, UNDATED):
            conn.execute(store_writes.articles.insert().values(store_writes.article_row(article)))
        at_version_5 = {column.name for column in schema.CLAIMS.as_of(5)}
        claim_row = store_writes.claim_row(make_quote("q-wire", WIRE))
        conn.execute(store_writes.claims.insert().values({k: v for k, v in claim_row.items() if k in at_version_5}))
        extracted_at = conn.execute(sa.text("SELECT extracted_at FROM articles WHERE id = 'art-wire'")).scalar()

    with Store.open(any_target, create=False) as store:
        assert store.schema_version() == migrations.latest_version()
        assert store.appearances([WIRE.id, ELSEWHERE.id, UNDATED.id]) == {
            article.id: (appearance(article),) for article in (WIRE, ELSEWHERE, UNDATED)
        }
        assert ids(store.claims(ClaimFilter(source="coast"))) == ["q-wire"]
        # Reading the primary again is recognised as the same appearance.
        assert store.record_appearance(WIRE.info()) == "unchanged"
    with engine.connect() as conn:
        rows = conn.execute(sa.text("SELECT article_id, first_seen FROM article_appearances ORDER BY seq")).all()
        indexes = {ix["name"]: ix["column_names"] for ix in sa.inspect(conn).get_indexes("article_appearances")}
    engine.dispose()
    assert ("art-wire", extracted_at) in rows and len(rows) == 3
    assert indexes["ix_article_appearances_article"] == ["article_id", "seq"]
