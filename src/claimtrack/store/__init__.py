"""The claim store: the only part of claimtrack that speaks SQL.

`Store` is the entry point. Its parts, each in one module:

- `schema`: every table and column, declared once;
- `migrations`: the numbered schema versions, recorded in the database;
- `dialect`: every difference between SQLite and PostgreSQL (and the portable rest);
- `connection`: opening a target safely, backups, read snapshots, write transactions,
  driver errors turned into claimtrack's;
- `reads` and `writes`: the queries and the statements; `records`: rows to records
  and back; `tables` and `engines`: the SQLAlchemy side, which reads on a SQLite file
  never import;
- `core`: `Store`; `derived`: `Store.derived`, the derived tables as the linking layer
  (`claimtrack.linking.ports`) reads and writes them.
"""

from claimtrack.store.core import Store

__all__ = ["Store"]
