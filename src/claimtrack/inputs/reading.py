"""An input's bytes, within a size limit, from regular files only: a FIFO would block
the run forever and a device such as /dev/zero would read until memory runs out."""

from __future__ import annotations

import errno
import os
import stat

DEFAULT_MAX_BYTES = 20_000_000
# Files are read in pieces of this size: a read of the whole limit at once would
# reserve all of it (MemoryError for a large --max-bytes), however small the file.
_READ_CHUNK = 1 << 20


class Unreadable(Exception):
    """Why a file was not read, as a one-line reason."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def read_regular_file(path: str, max_bytes: int) -> bytes:
    """The bytes of the regular file at ``path``. Raises FileNotFoundError, or
    `Unreadable` with the reason.

    Only a regular file is opened for reading: a FIFO would block the run forever, and
    a device such as /dev/zero would read until memory runs out. It is checked before
    opening, and again on the opened file (non-blocking, so a FIFO swapped in between
    cannot block), since the path may change in between.
    """
    try:
        info = os.stat(path)
    except FileNotFoundError:
        raise
    except OSError as exc:
        raise Unreadable(f"cannot read file: {describe(exc)}") from exc
    _check_regular(info, max_bytes)
    try:
        with open(path, "rb", opener=_open_nonblocking) as handle:
            _check_regular(os.fstat(handle.fileno()), max_bytes)
            data = read_at_most(handle, max_bytes + 1)
    except FileNotFoundError:
        raise
    except OSError as exc:
        raise Unreadable(f"cannot read file: {describe(exc)}") from exc
    if len(data) > max_bytes:  # grew while being read
        raise Unreadable(too_large(len(data), max_bytes))
    return data


def read_at_most(handle, limit: int) -> bytes:
    """Up to ``limit`` bytes from a binary file object, until its end."""
    chunks = []
    remaining = limit
    while remaining > 0:
        chunk = handle.read(min(_READ_CHUNK, remaining))
        if not chunk:
            break
        chunks.append(chunk)
        remaining -= len(chunk)
    return b"".join(chunks)


def _check_regular(info: os.stat_result, max_bytes: int) -> None:
    if stat.S_ISDIR(info.st_mode):
        raise Unreadable(f"cannot read file: {describe(IsADirectoryError(errno.EISDIR, os.strerror(errno.EISDIR)))}")
    if not stat.S_ISREG(info.st_mode):
        raise Unreadable("not a regular file")
    if info.st_size > max_bytes:
        raise Unreadable(too_large(info.st_size, max_bytes))


def _open_nonblocking(path: str, flags: int) -> int:
    return os.open(path, flags | getattr(os, "O_NONBLOCK", 0))


def too_large(size: int, limit: int) -> str:
    return f"file is {_human_size(size)}, over the {_human_size(limit)} limit (--max-bytes raises it)"


def _human_size(size: int) -> str:
    if size >= 1_000_000:
        return f"{size / 1_000_000:.1f} MB"
    if size >= 1_000:
        return f"{size / 1_000:.1f} KB"
    return f"{size} bytes"


def describe(exc: OSError) -> str:
    """An OS error's message as a reason: "permission denied"."""
    message = exc.strerror or str(exc)
    return message[:1].lower() + message[1:]
