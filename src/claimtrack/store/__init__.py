"""The claim store: the only part of claimtrack that speaks SQL.

`Store` is the entry point; the modules of this package are its parts.
"""

from claimtrack.store.core import Store

__all__ = ["Store"]
