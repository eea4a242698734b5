"""The store's tables, declared once.

Each table lists its columns in order. A column has a type and constraints, the schema
version that added it (``since``) and, where the table holds records, the field of the
record it stores (``field``, a dotted path such as ``figure.owner``) and how that value
is written and read back (``codec``). Everything else is built from this declaration:

- `claimtrack.store.migrations` creates the tables and adds columns; a column declared
  with the next version number gets a migration of its own;
- `claimtrack.store.tables` builds the SQLAlchemy tables that writes use;
- `claimtrack.store.records` turns records into rows and rows back into records, and
  `claimtrack.store.reads` selects the columns it names.

So a new claim column is one `Column` in `CLAIMS` (with its field in `claimtrack.models`).
Columns are only ever added: a released column is never changed or removed, since the
migrations of its version read it from here.

Pure Python: reading a SQLite store must not import SQLAlchemy.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from typing import Any, NamedTuple

# Column types, named as SQL names them.
TEXT = "TEXT"
INTEGER = "INTEGER"
REAL = "FLOAT"
BOOLEAN = "BOOLEAN"


# Named tuples rather than dataclasses: every read command imports this module, and a
# dataclass costs a compile per method when it is created.


class Codec(NamedTuple):
    """How a record's value becomes a column's value (``write``) and back (``read``);
    both get None for a missing value."""

    write: Callable[[Any], Any]
    read: Callable[[Any], Any]


def _same(value: Any) -> Any:
    return value


def _iso(value: dt.date | None) -> str | None:
    return value.isoformat() if value is not None else None


def _date(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value is not None else None


def _json_list(values: Any) -> str:
    return json.dumps(list(values), ensure_ascii=False)


def _number(value: float | None) -> int | float | None:
    """REAL columns hand back 15000.0; figures read better, and compare equal to what
    was extracted, as 15000."""
    if value is None:
        return None
    return int(value) if float(value).is_integer() else float(value)


PLAIN = Codec(_same, _same)
# Dates are ISO text, not native DATE: the file stays readable in any SQLite browser
# and ISO strings compare in date order on every backend.
DATE = Codec(_iso, _date)
JSON_LIST = Codec(_json_list, lambda text: tuple(json.loads(text)))
JSON_OBJECT = Codec(lambda value: json.dumps(value, ensure_ascii=False, sort_keys=True), json.loads)
SEGMENTS = Codec(lambda spans: json.dumps([list(span) for span in spans]),
                 lambda text: tuple(tuple(span) for span in json.loads(text)))
NUMBER = Codec(_same, _number)
FLAG = Codec(_same, bool)  # a missing flag reads as False
CATEGORY = Codec(_same, lambda value: value or "other")  # rows from before categories were required


class Column(NamedTuple):
    name: str
    type: str
    nullable: bool = True
    primary_key: bool = False
    # An integer key the database numbers itself (SERIAL on PostgreSQL).
    autoincrement: bool = False
    unique: bool = False
    default: str | None = None  # the SQL default, for rows written before the column existed
    references: str | None = None  # "table.column"; deleting that row deletes this one
    since: int = 1  # the schema version that added the column
    field: str | None = None  # the record field the column holds
    codec: Codec = PLAIN
    # The record part this column's field is in (a claim's speaker, its figure) exists
    # when this column holds a value.
    part_key: bool = False


class Table(NamedTuple):
    name: str
    columns: tuple[Column, ...]

    @property
    def since(self) -> int:
        return min(column.since for column in self.columns)

    def column(self, name: str) -> Column:
        return next(column for column in self.columns if column.name == name)

    def as_of(self, version: int) -> tuple[Column, ...]:
        """The columns the table had at schema ``version``."""
        return tuple(column for column in self.columns if column.since <= version)

    def added_in(self, version: int) -> tuple[Column, ...]:
        """Columns added to the table, once it existed, at ``version``."""
        return tuple(column for column in self.columns if column.since == version > self.since)

    def by_field(self, field: str) -> Column:
        return next(column for column in self.columns if column.field == field)

    def fields(self) -> tuple[Column, ...]:
        """The columns that hold a record's fields, in order."""
        return tuple(column for column in self.columns if column.field is not None)


APPLIED_MIGRATIONS = Table("claimtrack_migrations", (
    Column("version", INTEGER, primary_key=True),
    Column("name", TEXT, nullable=False),
    Column("applied_at", TEXT, nullable=False),
))

# One row per text (see `Article`): its primary appearance's metadata and the text.
ARTICLES = Table("articles", (
    Column("id", TEXT, primary_key=True, field="id"),
    Column("path", TEXT, field="path"),
    Column("source", TEXT, field="source"),
    Column("title", TEXT, field="title"),
    Column("published", TEXT, field="published", codec=DATE),
    Column("authors", TEXT, nullable=False, default="[]", field="authors", codec=JSON_LIST),
    Column("url", TEXT, field="url"),
    Column("text", TEXT, nullable=False, field="text"),
    Column("notes", TEXT, nullable=False, default="[]", field="notes", codec=JSON_LIST),
    Column("extracted_at", TEXT, nullable=False),
    # The places, organisations and people the article names: figures from articles
    # that share none of them are not compared.
    Column("topics", TEXT, nullable=False, default="[]", since=3, field="topics", codec=JSON_LIST),
    # Fields of a JSON article that claimtrack does not know, kept as they came.
    Column("extra", TEXT, nullable=False, default="{}", since=5, field="extra", codec=JSON_OBJECT),
))

# Every place an article's text appeared, with what that copy said of itself.
ARTICLE_APPEARANCES = Table("article_appearances", (
    Column("seq", INTEGER, primary_key=True, autoincrement=True, since=6),  # the order first seen in
    # See `claimtrack.store.migrations.appearance_key`: the same file read again is the same appearance.
    Column("id", TEXT, nullable=False, unique=True, since=6),
    Column("article_id", TEXT, nullable=False, references="articles.id", since=6, field="id"),
    Column("path", TEXT, since=6, field="path"),
    Column("source", TEXT, since=6, field="source"),
    Column("url", TEXT, since=6, field="url"),
    Column("published", TEXT, since=6, field="published", codec=DATE),
    Column("title", TEXT, since=6, field="title"),
    Column("authors", TEXT, nullable=False, default="[]", since=6, field="authors", codec=JSON_LIST),
    Column("first_seen", TEXT, nullable=False, since=6),
))

# One row per claim (see `Claim`). Claims got an integer key of their own at version 4:
# a full-text index refers to rows by an integer, and SQLite may renumber the hidden
# rowid of a table without one (VACUUM).
CLAIMS = Table("claims", (
    Column("seq", INTEGER, primary_key=True, autoincrement=True, since=4),
    Column("id", TEXT, nullable=False, unique=True, field="id"),
    Column("article_id", TEXT, nullable=False, references="articles.id", field="article.id"),
    Column("kind", TEXT, nullable=False, field="kind"),
    Column("text", TEXT, nullable=False, field="text"),
    Column("sentence", TEXT, nullable=False, field="sentence"),
    Column("start_offset", INTEGER, nullable=False, field="start"),
    Column("end_offset", INTEGER, nullable=False, field="end"),
    Column("segments", TEXT, nullable=False, field="segments", codec=SEGMENTS),
    Column("speaker_name", TEXT, field="speaker.name", part_key=True),
    Column("speaker_mention", TEXT, field="speaker.mention"),
    Column("speaker_kind", TEXT, field="speaker.kind"),
    Column("speaker_role", TEXT, field="speaker.role"),
    Column("cue", TEXT, field="cue"),
    Column("direct", BOOLEAN, nullable=False, field="direct", codec=FLAG),
    Column("date", TEXT, field="date", codec=DATE),
    Column("figure_value", REAL, field="figure.value", codec=NUMBER),
    Column("figure_low", REAL, field="figure.low", codec=NUMBER),
    Column("figure_high", REAL, field="figure.high", codec=NUMBER),
    Column("figure_qualifier", TEXT, field="figure.qualifier", part_key=True),
    Column("figure_unit", TEXT, field="figure.unit"),
    Column("figure_category", TEXT, field="figure.category", codec=CATEGORY),
    # What a figure measures, for comparing it across sources: whose, where, since
    # when, the date it is given for, and whether it is planned rather than present.
    Column("figure_owner", TEXT, since=3, field="figure.owner"),
    Column("figure_place", TEXT, since=3, field="figure.place"),
    Column("figure_since", TEXT, since=3, field="figure.since"),
    Column("figure_when", TEXT, since=3, field="figure.when"),
    Column("figure_as_of", TEXT, since=3, field="figure.as_of", codec=DATE),
    Column("figure_planned", BOOLEAN, since=3, field="figure.planned", codec=FLAG),
    Column("figure_verb", TEXT, since=3, field="figure.verb"),
    # A quote's kind of attribution (statement, belief, nominal); empty for figures and
    # for quotes stored before it was recorded.
    Column("attribution", TEXT, since=7, field="attribution"),
    # Where a quote's date comes from (see `DateSource`).
    Column("date_source", TEXT, since=7, field="date_source"),
    # What a figure counts, finely (`Measure`: deaths, injured, crowd, homes ...); empty
    # for figures stored before it was recorded.
    Column("figure_measure", TEXT, since=8, field="figure.measure"),
))

# Derived tables, rebuilt by extract (see `claimtrack.linking`): no foreign keys to
# the claims they summarise, except where a row means nothing without its claim.

# Each speaker name as resolved inside an article, and the canonical name of the
# person or body it belongs to across articles.
SPEAKER_IDENTITIES = Table("speaker_identities", (
    Column("name", TEXT, primary_key=True, since=2),
    Column("canonical", TEXT, nullable=False, since=2),
))

# Every speaker name and every way an article named a speaker, so that --speaker
# searches a short list instead of every claim.
SPEAKER_ALIASES = Table("speaker_aliases", (
    Column("alias", TEXT, primary_key=True, since=4),
))

SPEAKER_SUMMARIES = Table("speaker_summaries", (
    Column("name", TEXT, primary_key=True, since=4, field="name"),
    Column("kind", TEXT, nullable=False, since=4, field="kind"),
    Column("aliases", TEXT, nullable=False, since=4, field="aliases", codec=JSON_LIST),
    Column("roles", TEXT, nullable=False, since=4, field="roles", codec=JSON_LIST),
    Column("claims", INTEGER, nullable=False, since=4, field="claims"),
    Column("articles", INTEGER, nullable=False, since=4, field="articles"),
))

# Pairs of figures that look like reports of one quantity, and the groups they form.
FIGURE_LINKS = Table("figure_links", (
    Column("first", TEXT, primary_key=True, references="claims.id", since=4, field="first"),
    Column("second", TEXT, primary_key=True, references="claims.id", since=4, field="second"),
    Column("score", REAL, nullable=False, since=4, field="score"),
    Column("reasons", TEXT, nullable=False, since=4, field="reasons", codec=JSON_LIST),
))

FIGURE_GROUPS = Table("figure_groups", (
    Column("id", TEXT, primary_key=True, since=4),  # a hash of its members' claim ids
    Column("category", TEXT, nullable=False, since=4, field="category"),
    Column("label", TEXT, nullable=False, since=4, field="label"),
    Column("verdict", TEXT, nullable=False, since=4, field="verdict"),
    Column("spread", REAL, since=4, field="spread"),
    Column("sources", INTEGER, nullable=False, since=4, field="sources"),
    Column("dates_differ", BOOLEAN, nullable=False, since=4, field="dates_differ", codec=FLAG),
    Column("explanation", TEXT, nullable=False, since=4, field="explanation", codec=JSON_LIST),
    Column("size", INTEGER, nullable=False, since=4),  # a group that lost a member is rebuilt
    # The measure all its reports share; empty when they do not say, and for groups
    # built before measures were stored.
    Column("measure", TEXT, since=8, field="measure"),
))

FIGURE_GROUP_MEMBERS = Table("figure_group_members", (
    Column("claim_id", TEXT, primary_key=True, references="claims.id", since=4),
    Column("group_id", TEXT, nullable=False, references="figure_groups.id", since=4),
    Column("position", INTEGER, nullable=False, since=4),
))

# Which derived tables need a full rebuild before they can be trusted.
DERIVED_STATE = Table("derived_state", (
    Column("name", TEXT, primary_key=True, since=4),
    Column("stale", BOOLEAN, nullable=False, since=4),
))

class SearchIndex(NamedTuple):
    """A full-text index of a table's text columns (SQLite FTS5, external content),
    declared the way sqlite-utils' ``enable-fts`` makes one, which datasette then finds
    for its search box and ``?_search=``: named ``<table>_fts``, its content the table,
    kept in step by triggers ``<table>_ai``, ``_ad`` and ``_au``."""

    table: str
    columns: tuple[str, ...]
    # The table's integer key, which the index's rows carry as their rowid.
    key: str
    tokenize: str
    since: int

    @property
    def name(self) -> str:
        return f"{self.table}_fts"


# The words of each claim's sentence (which holds the claim's own words), for --search
# and datasette. m004 made it as claims_fts with content='claims', which datasette does
# not recognise; m009 made it again in this form.
CLAIMS_SEARCH = SearchIndex(table="claims", columns=("sentence",), key="seq",
                            tokenize="unicode61 remove_diacritics 2", since=9)

# In the order they can be created (a table after those it refers to).
TABLES = (
    APPLIED_MIGRATIONS, ARTICLES, CLAIMS, SPEAKER_IDENTITIES, SPEAKER_ALIASES, SPEAKER_SUMMARIES, FIGURE_LINKS,
    FIGURE_GROUPS, FIGURE_GROUP_MEMBERS, DERIVED_STATE, ARTICLE_APPEARANCES,
)
LATEST_VERSION = max([column.since for table in TABLES for column in table.columns] + [CLAIMS_SEARCH.since])
