"""Text as people type it: full-width digits made ASCII, whole numbers in ASCII digits only, and
the characters that hide or reorder text (controls, bidi overrides, zero-width marks) removed."""
import re
import unicodedata

FULL_WIDTH_DIGITS = {ord("０") + i: ord("0") + i for i in range(10)}
_ASCII_WHOLE = re.compile(r"[0-9]+")
# Bidi embeddings, overrides and isolates, the Arabic letter mark, and zero-width characters.
_INVISIBLE = frozenset("\u061c\u200b\u200c\u200d\u200e\u200f\u202a\u202b\u202c\u202d\u202e"
                       "\u2066\u2067\u2068\u2069\u2060\ufeff")


def ascii_digits(text: str) -> str:
    """Full-width digits (０-９) become 0-9; nothing else changes."""
    return (text or "").translate(FULL_WIDTH_DIGITS)


def whole_number(text, maximum: int) -> int | None:
    """The whole number typed (ASCII or full-width digits only), or None for anything else or more
    than `maximum` ("²", "١", "1e9" and 10**30 are all None)."""
    digits = ascii_digits(str(text if text is not None else "")).strip()
    if not _ASCII_WHOLE.fullmatch(digits) or len(digits) > len(str(maximum)):
        return None
    number = int(digits)
    return number if number <= maximum else None


def plain(text, multiline: bool = False) -> str:
    """`text` without control characters and invisible reordering marks, trimmed. One line: every
    run of spaces becomes one. `multiline`: line breaks are kept, and the lines as typed."""
    kept = []
    for char in str(text if text is not None else "").replace("\r\n", "\n"):
        if char in _INVISIBLE:
            continue
        if unicodedata.category(char) == "Cc":
            char = "\n" if (char == "\n" and multiline) else " "
        kept.append(char)
    joined = "".join(kept)
    return joined.strip() if multiline else " ".join(joined.split())
