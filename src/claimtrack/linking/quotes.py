"""The same statement reported in other words: pairs of a speaker's statements in
different articles whose words mostly agree, with the words that differ."""

from __future__ import annotations

import difflib
import re
from collections.abc import Sequence
from itertools import combinations

from claimtrack.linking.ports import QuoteSource
from claimtrack.models import Claim, ClaimFilter, QuotePair, WordChange

# Quotations this similar, word by word, are one statement reported twice.
QUOTE_SIMILARITY = 0.6
QUOTE_MIN_WORDS = 8
_WORD = re.compile(r"[\w'’-]+")


def _words(text: str) -> list[str]:
    return _WORD.findall(text)


def compare_quotes(claims: Sequence[Claim], *, similarity: float = QUOTE_SIMILARITY) -> list[QuotePair]:
    """Pairs of statements by the same speaker in different articles that are the same
    statement in other words, with a word-level account of the differences."""
    by_speaker: dict[str, list[Claim]] = {}
    for claim in claims:
        if claim.kind == "quote" and claim.speaker is not None and len(_words(claim.text)) >= QUOTE_MIN_WORDS:
            by_speaker.setdefault(claim.speaker.name, []).append(claim)
    pairs = []
    for speaker, said in by_speaker.items():
        for a, b in combinations(said, 2):
            if a.article.id == b.article.id:
                continue
            words_a, words_b = _words(a.text), _words(b.text)
            matcher = difflib.SequenceMatcher(a=[w.lower() for w in words_a], b=[w.lower() for w in words_b], autojunk=False)
            ratio = matcher.ratio()
            if ratio < similarity:
                continue
            changes = tuple(
                WordChange(op=op, first=" ".join(words_a[i1:i2]), second=" ".join(words_b[j1:j2]))
                for op, i1, i2, j1, j2 in matcher.get_opcodes()
            )
            pairs.append(QuotePair(speaker=speaker, similarity=round(ratio, 3), claims=(a, b), changes=changes))
    pairs.sort(key=lambda p: (-p.similarity, p.speaker))
    return pairs


def quote_pairs(source: QuoteSource, *, limit: int | None = None) -> list[QuotePair]:
    """`compare_quotes` over every stored statement: the pairs most alike first, at
    most ``limit`` of them."""
    return compare_quotes(source.claims(ClaimFilter(kind="quote")))[:limit]
