"""The input formats: one `Reader` per format, each declared by a module in `readers/`.

A reader module declares ``READERS``, a tuple of `Reader`; this module finds every
module in `claimtrack.inputs.readers` and collects them, so a new format is one new
module there and nothing else: which reader a file suffix goes to, the ``extract
--format`` choices, which format standard input without ``--format`` looks like and
the "unsupported format" reason all come from here.
"""

from __future__ import annotations

import functools
import importlib
import pkgutil
from collections.abc import Iterable

from claimtrack.inputs import readers as readers_package
from claimtrack.inputs.readers import Reader

# What standard input holds when no --format says and no reader recognises it.
DEFAULT_FORMAT = "txt"


@functools.cache
def readers() -> tuple[Reader, ...]:
    """Every reader, the default format's first, then by name."""
    declared: list[Reader] = []
    for module in pkgutil.iter_modules(readers_package.__path__):
        declared += importlib.import_module(f"{readers_package.__name__}.{module.name}").READERS
    return checked(declared)


def checked(declared: Iterable[Reader]) -> tuple[Reader, ...]:
    """``declared`` in listing order; raises ValueError when two readers claim the same
    name or suffix, a suffix is not a lower-case ``.ext``, or none reads the default format."""
    names: set[str] = set()
    suffixes: set[str] = set()
    for reader in declared:
        if reader.name in names:
            raise ValueError(f"two input readers are named {reader.name!r}")
        names.add(reader.name)
        for suffix in reader.suffixes:
            if not suffix.startswith(".") or suffix != suffix.lower():
                raise ValueError(f"reader {reader.name!r}: suffix {suffix!r} is not a lower-case '.ext'")
            if suffix in suffixes:
                raise ValueError(f"two input readers claim the suffix {suffix!r}")
            suffixes.add(suffix)
    if DEFAULT_FORMAT not in names:
        raise ValueError(f"no input reader is named {DEFAULT_FORMAT!r}, the default format")
    return tuple(sorted(declared, key=lambda reader: (reader.name != DEFAULT_FORMAT, reader.name)))


def format_names() -> tuple[str, ...]:
    """The names ``--format`` takes, in listing order."""
    return tuple(reader.name for reader in readers())


def reader_named(name: str) -> Reader | None:
    return next((reader for reader in readers() if reader.name == name), None)


def reader_for_suffix(suffix: str) -> Reader | None:
    """The reader for files ending in ``suffix`` (``.txt``, in any case)."""
    lowered = suffix.lower()
    return next((reader for reader in readers() if lowered in reader.suffixes), None)


def sniffed_reader(text: str) -> Reader:
    """The reader for standard input given without ``--format``: the first, in listing
    order, whose ``sniff`` recognises ``text``, else the default format's."""
    found = next((reader for reader in readers() if reader.sniff is not None and reader.sniff(text)), None)
    return found or reader_named(DEFAULT_FORMAT)  # type: ignore[return-value]  # checked() guarantees it


def supported() -> str:
    """The suffixes read, for the reason given with a file that is not read."""
    suffixes = [suffix for reader in readers() for suffix in reader.suffixes]
    listed = ", ".join(suffixes[:-1]) + f" and {suffixes[-1]}" if len(suffixes) > 1 else suffixes[0]
    return f"claimtrack reads {listed}"
