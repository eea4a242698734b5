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
# Characters after which a mark can only open a quotation.
OPENERS_BEFORE = frozenset(" \t\n([{—–-/:")


@dataclass(frozen=True, slots=True)
class QuoteSpan:
    """A quotation: ``start``/``end`` bound the words inside the marks."""

    start: int
    end: int
    open_mark: int
    close_mark: int | None  # None: unclosed, runs to the end of the paragraph

    @property
    def closed(self) -> bool:
        return self.close_mark is not None


def _role(text: str, i: int, double: bool) -> str | None:
    """'open', 'close', 'either' or None (an apostrophe) for the mark at ``i``."""
    before = text[i - 1] if i > 0 else " "
    after = text[i + 1] if i + 1 < len(text) else " "
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


def _paragraph_quotes(text: str, lo: int, hi: int) -> list[QuoteSpan]:
    spans: list[QuoteSpan] = []
    open_double: int | None = None
    open_single: int | None = None
    # A single closing mark seen inside an open double quotation: feeds sometimes close
    # "...' with the wrong glyph, which shows when the next double opening comes first.
    stray_close: int | None = None
    for i in range(lo, hi):
        ch = text[i]
        if ch in DOUBLE_MARKS:
            role = _role(text, i, double=True)
            if open_double is None:
                if role in ("open", "either"):
                    open_double = i
                    open_single = None
                    stray_close = None
                # A lone closing mark (its opening was lost) is dropped.
            elif role in ("close", "either"):
                start, end = _strip(text, open_double + 1, i)
                if end > start:
                    spans.append(QuoteSpan(start, end, open_double, i))
                open_double = None
            else:
                if stray_close is not None:
                    start, end = _strip(text, open_double + 1, stray_close)
                    if end > start:
                        spans.append(QuoteSpan(start, end, open_double, stray_close))
                # Otherwise the first opening lost its closing mark; keep the newer.
                open_double = i
                stray_close = None
        elif ch in SINGLE_MARKS and open_double is not None:
            if _role(text, i, double=False) == "close" and open_single is None:
                stray_close = i
            elif _role(text, i, double=False) == "open":
                open_single = i
        elif ch in SINGLE_MARKS and open_double is None:
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
            # '"Nobody should be measuring the curtains yet.'' at the paragraph's end:
            # the quotation was closed with the wrong glyph.
            start, end = _strip(text, open_double + 1, stray_close)
            if end > start:
                spans.append(QuoteSpan(start, end, open_double, stray_close))
            return spans
        start, end = _strip(text, open_double + 1, hi)
        if end > start:
            spans.append(QuoteSpan(start, end, open_double, None))
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
