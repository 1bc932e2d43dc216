"""Stage 2: decoded text -> blocks. Text dumps: one block per non-blank line (line numbers kept, so the
audit table points at the dump). HTML: see `copydesk.core.html.html_blocks`.
"""
from __future__ import annotations

import re
import unicodedata

from copydesk.core.records import Block

_WS = re.compile(r"[ \t\u00a0\u2000-\u200b\u202f\u205f\u3000]+")


# The characters of _WS other than the plain space (a line holding none of them and no double space is
# left as is by _WS.sub). The zero-width space is removed before.
_WS_OTHER = ("\t", "\u00a0", *map(chr, range(0x2000, 0x200b)), "\u202f", "\u205f", "\u3000")


def clean_line(s: str) -> str:
    """Collapse runs of spaces, drop zero-width and control characters, NFC-normalise."""
    if not s.isascii():
        s = unicodedata.normalize("NFC", s)
        if "\u200b" in s:
            s = s.replace("\u200b", "")
        if "\ufeff" in s:
            s = s.replace("\ufeff", "")
        # speed, same result: a dozen substring tests in C instead of the regex stepping through the line
        if "  " not in s and not any(map(s.__contains__, _WS_OTHER)):
            return s.strip()
    elif "  " not in s and "\t" not in s:
        return s.strip()  # ASCII without runs of blanks: _WS.sub would change nothing (speed)
    return _WS.sub(" ", s).strip()


def text_blocks(text: str) -> list[Block]:
    """Non-blank lines of a text dump, numbered from 1 as in the file."""
    # one comprehension over map(): no per-line Python loop body (speed). Cleaning the whole text at once
    # was tried and is slower: the blank-run regex then scans every character of the page.
    return [Block(i, s) for i, s in enumerate(map(clean_line, text.splitlines()), 1) if s]
