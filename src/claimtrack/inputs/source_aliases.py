"""Spellings of one outlet ("NYT", "nytimes.com", "New York Times") mapped to the name the
user wants stored ("The New York Times"), from the ``[sources]`` table of a configuration
file and from ``extract --source-alias SPELLING=CANONICAL``.

The configuration file is ``claimtrack.toml`` in the current folder, or the file that
``CLAIMTRACK_CONFIG`` names::

    [sources]
    "The New York Times" = ["NYT", "New York Times", "nytimes.com"]

Spellings match whatever their case and spacing; a canonical name stands for itself
too, so "the new york times" is stored as "The New York Times". A problem with the
file or an option is a `UsageError` naming it: an outlet stored under a name the user
did not want is worse than a run that does not start.
"""

from __future__ import annotations

import os
import tomllib
from collections.abc import Iterable, Mapping

from claimtrack.errors import UsageError

CONFIG_FILE = "claimtrack.toml"
CONFIG_VARIABLE = "CLAIMTRACK_CONFIG"
SOURCES_TABLE = "sources"
_EXAMPLE = 'under [sources], one line per outlet: "The New York Times" = ["NYT", "nytimes.com"]'

# Spelling (as `spelling_key` gives it) -> canonical outlet name.
SourceAliases = Mapping[str, str]


def spelling_key(name: str) -> str:
    """What two spellings of a name must share to be the same: case and spacing aside."""
    return " ".join(name.split()).casefold()


def canonical_source(source: str | None, aliases: SourceAliases) -> str | None:
    """``source`` under the name the aliases give it, or as it is."""
    if source is None or not aliases:
        return source
    return aliases.get(spelling_key(source), source)


def config_path(environ: Mapping[str, str], folder: str) -> str | None:
    """The configuration file to read: ``CLAIMTRACK_CONFIG`` if set (it must exist),
    else ``claimtrack.toml`` in ``folder`` if there is one, else None."""
    named = environ.get(CONFIG_VARIABLE, "").strip()
    if named:
        return named
    found = os.path.join(folder, CONFIG_FILE)
    return found if os.path.isfile(found) else None


def load_source_aliases(config: str | None, options: Iterable[str] = ()) -> dict[str, str]:
    """The aliases of the configuration file at ``config`` (if any), then those of
    ``--source-alias`` options, which win for the same spelling."""
    aliases = read_config_aliases(config) if config else {}
    aliases.update(option_aliases(options))
    return aliases


def read_config_aliases(path: str) -> dict[str, str]:
    """The ``[sources]`` table of the TOML file at ``path``. Other tables are left to
    whatever reads them; a file without ``[sources]`` gives no aliases."""
    try:
        with open(path, "rb") as file:
            document = tomllib.load(file)
    except FileNotFoundError:
        raise UsageError(
            f"configuration file {path} does not exist.",
            hint=f"Create it, or unset {CONFIG_VARIABLE} to use ./{CONFIG_FILE} when there is one.",
        ) from None
    except (OSError, UnicodeDecodeError) as error:
        reason = error.strerror if isinstance(error, OSError) and error.strerror else str(error)
        raise UsageError(f"cannot read configuration file {path}: {reason}") from None
    except tomllib.TOMLDecodeError as error:
        raise UsageError(f"configuration file {path} is not valid TOML: {error}") from None
    table = document.get(SOURCES_TABLE, {})
    if not isinstance(table, dict):
        raise _bad_config(path, f"'{SOURCES_TABLE}' must be a table of outlet names")
    aliases: dict[str, str] = {}
    for canonical, spellings in table.items():
        if isinstance(spellings, str):
            spellings = [spellings]
        if not isinstance(spellings, list) or not all(isinstance(spelling, str) for spelling in spellings):
            raise _bad_config(path, f"[{SOURCES_TABLE}] {canonical!r} must be a list of spellings (strings)")
        for spelling in (canonical, *spellings):
            _add(aliases, spelling, canonical, where=f"configuration file {path}")
    return aliases


def option_aliases(options: Iterable[str]) -> dict[str, str]:
    """Aliases from ``--source-alias "SPELLING=CANONICAL"`` options; a later option wins."""
    aliases: dict[str, str] = {}
    for option in options:
        spelling, equals, canonical = option.partition("=")
        if not equals or not spelling.strip() or not canonical.strip():
            raise UsageError(
                f"--source-alias {option!r} is not SPELLING=CANONICAL.",
                hint='For example --source-alias "NYT=The New York Times".',
            )
        canonical = " ".join(canonical.split())
        aliases[spelling_key(canonical)] = canonical
        aliases[spelling_key(spelling)] = canonical
    return aliases


def _add(aliases: dict[str, str], spelling: str, canonical: str, *, where: str) -> None:
    key = spelling_key(spelling)
    if not key or not canonical.strip():
        raise UsageError(f"{where}: [{SOURCES_TABLE}] holds an empty outlet name.")
    canonical = " ".join(canonical.split())
    earlier = aliases.get(key)
    if earlier is not None and earlier != canonical:
        raise UsageError(f"{where}: {spelling.strip()!r} is listed for both {earlier!r} and {canonical!r}.")
    aliases[key] = canonical


def _bad_config(path: str, problem: str) -> UsageError:
    return UsageError(f"configuration file {path}: {problem}.", hint=f"List the spellings {_EXAMPLE}.")
