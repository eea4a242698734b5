"""Which inputs a run reads, in order, before any is read: folders walked, standard
input once, sidecars set aside; an outcome for every path that gives no file."""

from __future__ import annotations

import os
import stat
from collections.abc import Iterable, Iterator

from claimtrack.inputs.decoding import SURROGATE
from claimtrack.inputs.reading import describe
from claimtrack.inputs.sidecars import SIDECAR_SUFFIX
from claimtrack.models import Article, FileOutcome

# The path that stands for standard input, and the name its articles get.
STDIN = "-"
STDIN_NAME = "<stdin>"


def plan_inputs(paths: Iterable[str | os.PathLike[str]]) -> Iterator[str | FileOutcome]:
    """The files `iter_inputs` would read, in order, without reading them (``-`` for
    standard input, once however often it is named), and outcomes for the paths that
    give no file."""
    stdin_seen = False
    for given in paths:
        path = os.fspath(given)
        if path == STDIN:
            if stdin_seen:
                yield FileOutcome(path=STDIN_NAME, status="skipped", reason="standard input (-) was read already")
            else:
                stdin_seen = True
                yield path
            continue
        for planned in _plan_path(path):
            yield with_storable_path(planned) if isinstance(planned, FileOutcome) else planned


def _plan_path(path: str) -> Iterator[str | FileOutcome]:
    try:
        info = os.stat(path)
    except FileNotFoundError:
        yield FileOutcome(path=path, status="missing", reason="no such file or directory")
        return
    except OSError as exc:
        yield failed(path, f"cannot read path: {describe(exc)}")
        return
    if stat.S_ISDIR(info.st_mode):
        empty = True
        for found in _walk(path):
            empty = False
            yield found
        if empty:
            yield _empty_folder(path)
    elif path.lower().endswith(SIDECAR_SUFFIX):
        yield FileOutcome(path=path, status="skipped", reason="metadata sidecar, read with its .txt file")
    elif not stat.S_ISREG(info.st_mode):
        yield FileOutcome(path=path, status="skipped", reason="not a regular file")
    else:
        yield path


def count_inputs(paths: Iterable[str | os.PathLike[str]]) -> int:
    """How many inputs `iter_inputs` reads or reports for ``paths``, without reading
    any file: a total for progress bars (a JSON file of many articles counts once)."""
    return sum(1 for _ in plan_inputs(paths))


def _empty_folder(path: str) -> FileOutcome:
    return FileOutcome(path=path, status="skipped", reason="folder holds no article files")


def _walk(folder: str) -> Iterator[str | FileOutcome]:
    """File paths under ``folder`` in name order, or outcomes for what cannot be read."""
    try:
        with os.scandir(folder) as scan:
            entries = sorted(scan, key=lambda entry: entry.name)
    except OSError as exc:
        yield failed(folder, f"cannot read folder: {describe(exc)}")
        return
    for entry in entries:
        if entry.name.startswith("."):
            continue
        path = os.path.join(folder, entry.name)
        try:
            if entry.is_dir(follow_symlinks=False):
                yield from _walk(path)
                continue
            if entry.is_symlink() and entry.is_dir():
                # Following symlinked folders could loop; naming them keeps it visible.
                yield FileOutcome(path=path, status="skipped", reason="symlink to a folder, not followed")
                continue
            is_file = entry.is_file()
        except OSError as exc:
            yield failed(path, f"cannot read path: {describe(exc)}")
            continue
        if entry.name.lower().endswith(SIDECAR_SUFFIX):
            continue
        if not is_file:
            if entry.is_symlink():
                yield _symlink_outcome(path)
            else:
                yield FileOutcome(path=path, status="skipped", reason="not a regular file")
            continue
        yield path


def _symlink_outcome(path: str) -> FileOutcome:
    """Why a symlink that is no regular file gives nothing: broken, a loop, or a
    device, pipe or socket at its end."""
    try:
        os.stat(path)
    except FileNotFoundError:
        return failed(path, "broken symlink")
    except OSError as exc:
        return failed(path, f"cannot read path: {describe(exc)}")
    return FileOutcome(path=path, status="skipped", reason="not a regular file")


def with_storable_path(item: Article | FileOutcome) -> Article | FileOutcome:
    """``item`` with a path that can be stored and printed: a file name that is not
    UTF-8 reaches Python with lone surrogates, which no database or terminal takes."""
    path = item.path or ""
    if SURROGATE.search(path) is None:
        return item
    shown = os.fsencode(path).decode("utf-8", "replace")
    if isinstance(item, FileOutcome):
        return item.model_copy(update={"path": shown})
    return item.model_copy(update={"path": shown, "notes": (*item.notes, "file name is not UTF-8: shown with U+FFFD")})


def failed(path: str, reason: str) -> FileOutcome:
    return FileOutcome(path=path, status="failed", reason=reason)
