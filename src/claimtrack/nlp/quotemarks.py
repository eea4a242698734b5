"""Find quotations by their marks, without trusting the marks to be balanced.

Feeds mix straight and curly marks, drop opening or closing marks, and use the
same glyph for apostrophes. So each mark's role is read from its neighbours, pairs
are made per paragraph, and what cannot be paired is dropped or, for an opening
double mark, runs to the end of its paragraph (the news convention for a quote that
continues into the next paragraph). Nothing here raises on odd input.
"""

from __future__ import annotations

from dataclasses import dataclass

DOUBLE_MARKS = frozenset('"“”„«»″')
SINGLE_MARKS = frozenset("'‘’‚‹›")
OPENING_GLYPHS = frozenset("“„«‘‚‹")
CLOSING_GLYPHS = frozenset("”»’›″")
# Two apostrophes, as older newspaper text writes a double quotation mark.
DOUBLED_APOSTROPHE = "''"
# Characters after which a mark can only open a quotation.
OPENERS_BEFORE = frozenset(" \t\n([{—–-/:")


@dataclass(frozen=True, slots=True)
class QuoteSpan:
    """A quotation: ``start``/``end`` bound the words inside the marks; ``open_mark`` and
    ``close_mark`` are where the marks begin (a mark may be two characters wide: the
    doubled apostrophes of older newspaper text)."""

    start: int
    end: int
    open_mark: int
    close_mark: int | None  # None: unclosed, runs to the end of the paragraph
    close_width: int = 1

    @property
    def closed(self) -> bool:
        return self.close_mark is not None

    @property
    def after_close(self) -> int:
        """The first character after the closing mark (the end of the words if unclosed)."""
        return self.close_mark + self.close_width if self.close_mark is not None else self.end


def is_double_mark(text: str) -> bool:
    """Whether ``text`` (a token) is a double quotation mark, doubled apostrophes included."""
    return text in DOUBLE_MARKS or text == DOUBLED_APOSTROPHE


def _role(text: str, i: int, double: bool, width: int = 1) -> str | None:
    """'open', 'close', 'either' or None (an apostrophe) for the mark of ``width``
    characters at ``i``."""
    before = text[i - 1] if i > 0 else " "
    after = text[i + width] if i + width < len(text) else " "
    space_before = before in OPENERS_BEFORE or before.isspace()
    space_after = after.isspace() or after in ",.;:!?)]}—–-"
    if not double:
        if before.isalnum() and after.isalnum():
            return None  # don't, Ukraine's
        if space_before and after.isdigit():
            return None  # '90s
        if space_before and (after.isalnum() or after in "\"“"):
            return "open"
        if (before.isalnum() or before in ".,!?;:…)\"”") and space_after:
            return "close"
        return None
    if space_before and not space_after:
        return "open"
    if space_after and not space_before:
        return "close"
    glyph = text[i]
    if width > 1:
        return "either"
    if glyph in OPENING_GLYPHS:
        return "open"
    if glyph in CLOSING_GLYPHS:
        return "close"
    return "either"


def _strip(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


@dataclass(frozen=True, slots=True)
class _Mark:
    at: int
    width: int
    double: bool


def _marks(text: str, lo: int, hi: int) -> list[_Mark]:
    """The quotation-mark candidates of a paragraph. Two apostrophes in a row are one
    double mark, as older newspaper text writes quotations; a third beside them is a
    single mark of its own, closing a nested quotation before them or opening one after."""
    found: list[_Mark] = []
    i = lo
    while i < hi:
        ch = text[i]
        if ch == "'" and i + 1 < hi and text[i + 1] == "'":
            run = 3 if i + 2 < hi and text[i + 2] == "'" else 2
            if run == 3 and _role(text, i, double=True, width=3) == "close":
                found += [_Mark(i, 1, False), _Mark(i + 1, 2, True)]
            elif run == 3:
                found += [_Mark(i, 2, True), _Mark(i + 2, 1, False)]
            else:
                found.append(_Mark(i, 2, True))
            i += run
            continue
        if ch in DOUBLE_MARKS:
            found.append(_Mark(i, 1, True))
        elif ch in SINGLE_MARKS:
            found.append(_Mark(i, 1, False))
        i += 1
    return found


def _paragraph_quotes(text: str, lo: int, hi: int) -> list[QuoteSpan]:
    spans: list[QuoteSpan] = []
    open_double: _Mark | None = None
    open_single: int | None = None
    # A single closing mark seen inside an open double quotation: feeds sometimes close
    # "...' with the wrong glyph, which shows when the next double opening comes first.
    stray_close: int | None = None

    def close(opening: _Mark, at: int, width: int) -> None:
        start, end = _strip(text, opening.at + opening.width, at)
        if end > start:
            spans.append(QuoteSpan(start, end, opening.at, at, width))

    for mark in _marks(text, lo, hi):
        i = mark.at
        if mark.double:
            role = _role(text, i, double=True, width=mark.width)
            if open_double is None:
                if role in ("open", "either"):
                    open_double = mark
                    open_single = None
                    stray_close = None
                # A lone closing mark (its opening was lost) is dropped.
            elif role in ("close", "either"):
                close(open_double, i, mark.width)
                open_double = None
            else:
                if stray_close is not None:
                    close(open_double, stray_close, 1)
                # Otherwise the first opening lost its closing mark; keep the newer.
                open_double = mark
                stray_close = None
        elif open_double is not None:
            role = _role(text, i, double=False)
            if role == "close" and open_single is None:
                stray_close = i
            elif role == "open":
                open_single = i
        else:
            role = _role(text, i, double=False)
            if role == "open" and open_single is None:
                open_single = i
            elif role == "close" and open_single is not None:
                start, end = _strip(text, open_single + 1, i)
                if end - start > 1:  # not rock 'n' roll
                    spans.append(QuoteSpan(start, end, open_single, i))
                open_single = None
    if open_double is not None:
        if stray_close is not None and not text[stray_close + 1 : hi].strip(" .,;:!?)]}"):
            # A quotation closed with the wrong glyph at the paragraph's end.
            close(open_double, stray_close, 1)
            return spans
        start, end = _strip(text, open_double.at + open_double.width, hi)
        if end > start:
            spans.append(QuoteSpan(start, end, open_double.at, None))
    return spans


def find_quotes(text: str) -> list[QuoteSpan]:
    """Top-level quotations in ``text``, in order. Marks nested inside a double-quoted
    passage belong to it and yield no span of their own."""
    spans: list[QuoteSpan] = []
    lo = 0
    length = len(text)
    while lo < length:
        hi = text.find("\n", lo)
        if hi == -1:
            hi = length
        if hi > lo:
            spans.extend(_paragraph_quotes(text, lo, hi))
        lo = hi + 1
    return spans
