"""What a line of plain text looks like: the sizes and the sentence ending by which
the header, body and furniture rules tell headlines, paragraphs and wrapped lines apart."""

from __future__ import annotations

import re

# A line this long that ends a sentence is body text, not header.
BODY_MIN_CHARS = 100
# After the metadata lines, a sentence of this many words starts the body.
SHORT_PARAGRAPH_MIN_WORDS = 8
# The header zone is looked for within this many non-blank lines.
HEADER_MAX_LINES = 12
TITLE_MAX_CHARS = 150
# Hard-wrapped text has lines no longer than this; longer lines are paragraphs.
WRAP_MAX_CHARS = 100
WRAP_MIN_CHARS = 40
SENTENCE_END = re.compile(r"(?:[.!?…][\"'”’»)\]]*|[\"”’»])$")
