"""JSON parsed without risk: Python's parser cannot safely take apart nesting deep enough
to exhaust its stack or numbers of thousands of digits, and lone UTF-16 surrogate escapes
(``"\\ud800"``) parse into strings that no database can store. Used for JSON articles and
sidecars alike."""

from __future__ import annotations

import json
import sys
from typing import Any

from claimtrack.inputs.decoding import SURROGATE

# Deeper JSON is refused: no article needs it, and walking it would risk the stack.
MAX_DEPTH = 100
SURROGATE_NOTE = "lone surrogate escapes (\\ud800) replaced with U+FFFD"


class UnsafeJSON(ValueError):
    """JSON that is well-formed but refused: too deep, or a number too long to convert."""


def parse_json(text: str) -> Any:
    """``json.loads``, raising `UnsafeJSON` instead of RecursionError or the integer
    digit limit's ValueError, and for values nested more than `MAX_DEPTH` deep.
    Syntax errors stay `json.JSONDecodeError`."""
    try:
        value = json.loads(text)
    except json.JSONDecodeError:
        raise
    except RecursionError:
        raise UnsafeJSON(f"nested more than {MAX_DEPTH} levels deep") from None
    except ValueError as error:  # the interpreter's limit on integer digits
        raise UnsafeJSON(f"a number longer than {sys.get_int_max_str_digits()} digits") from error
    if _deeper_than(value, MAX_DEPTH):
        raise UnsafeJSON(f"nested more than {MAX_DEPTH} levels deep")
    return value


def without_surrogates(value: Any) -> tuple[Any, bool]:
    """``value`` with lone surrogates in its strings (keys too) replaced by U+FFFD, and
    whether there were any. Call on `parse_json` results only: it recurses."""
    if isinstance(value, str):
        if SURROGATE.search(value) is None:
            return value, False
        return SURROGATE.sub("\ufffd", value), True
    if isinstance(value, list):
        items = [without_surrogates(item) for item in value]
        return [item for item, _ in items], any(changed for _, changed in items)
    if isinstance(value, dict):
        changed = False
        cleaned_dict = {}
        for key, item in value.items():
            cleaned_key, key_changed = without_surrogates(key)
            cleaned_item, item_changed = without_surrogates(item)
            cleaned_dict[cleaned_key] = cleaned_item
            changed = changed or key_changed or item_changed
        return cleaned_dict, changed
    return value, False


def _deeper_than(value: Any, limit: int) -> bool:
    # Iterative: a recursive walk could itself run out of stack.
    stack = [(value, 1)]
    while stack:
        item, depth = stack.pop()
        if isinstance(item, (dict, list)):
            if depth > limit:
                return True
            stack.extend((child, depth + 1) for child in (item.values() if isinstance(item, dict) else item))
    return False
