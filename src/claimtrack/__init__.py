"""claimtrack: who said what, when, and which figures, in news articles.

The library's public names are listed in ``__all__`` and described in the README's
"Python library" section. Each is imported when it is first used, so that
``import claimtrack`` (and ``claimtrack --help``) loads nothing else.
"""

from __future__ import annotations

import importlib

__version__ = "0.1.0"

# Each public name, and the module it comes from.
_SOURCES = {
    # extracting
    "extract_text": "claimtrack.ingest.run",
    "extract_into": "claimtrack.ingest.run",
    "ExtractOptions": "claimtrack.ingest.options",
    # the store, and what it derives from its claims
    "Store": "claimtrack.store",
    "figure_groups": "claimtrack.linking.groups",
    "quote_pairs": "claimtrack.linking.quotes",
    # records
    **dict.fromkeys(
        (
            "Appearance", "Article", "ArticleInfo", "ArticleListing", "Claim", "ClaimFilter", "ExtractReport",
            "Figure", "FigureGroup", "FileOutcome", "GroupFilter", "QuotePair", "Speaker", "SpeakerSummary",
            "WordChange", "figure_day",
        ),
        "claimtrack.models",
    ),
    # the closed sets of values records hold
    **dict.fromkeys(
        ("Category", "ClaimKind", "FileStatus", "Qualifier", "SpeakerKind", "Verdict"), "claimtrack.closed_sets"
    ),
    # errors
    **dict.fromkeys(
        (
            "ClaimtrackError", "UsageError", "PathNotFound", "InvalidFilter", "PipelineError", "ModelNotFound",
            "ModelUnsuitable", "ClusterError", "ClusterUnavailable", "ArticleError", "ArticleTooSlow", "StoreError",
            "StoreNotFound", "StoreSchemaTooNew", "StoreCorrupt", "StoreUnwritable", "StoreBusy", "ArticleRejected",
            "InvalidStoreURL", "ClaimNotFound", "OutputUnwritable",
        ),
        "claimtrack.errors",
    ),
}  # fmt: skip

__all__ = ["__version__", *_SOURCES]


def __getattr__(name: str) -> object:
    module = _SOURCES.get(name)
    if module is None:
        raise AttributeError(f"module 'claimtrack' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value  # once imported, an ordinary attribute
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})
