"""segment.clean_line takes shortcuts for speed (ASCII lines without blank runs, non-ASCII lines without
any of the collapsed space characters); they must give exactly what the plain definition gives: NFC,
zero-width space and BOM removed, runs of blanks collapsed to one space, stripped."""
import random
import re
import unicodedata

from copydesk.core.read import decode
from copydesk.core.segment import clean_line, text_blocks
from helpers import dev_files

_PLAIN_WS = re.compile(r"[ \t\u00a0\u2000-\u200b\u202f\u205f\u3000]+")


def plain_clean(s: str) -> str:
    s = unicodedata.normalize("NFC", s).replace("\u200b", "").replace("\ufeff", "")
    return _PLAIN_WS.sub(" ", s).strip()


def test_clean_line_equals_the_plain_definition_on_dev_lines_with_odd_spaces():
    lines = [ln for p in dev_files("text") for ln in decode(p.read_bytes())[0].splitlines()]
    assert len(lines) > 10_000 and sum(not ln.isascii() for ln in lines) > 1_000
    rng = random.Random(7)
    odd = [" ", "  ", "\t", "\u00a0", "\u2002", "\u2009", "\u200a", "\u200b", "\u202f", "\u205f", "\u3000",
           "\ufeff", "e\u0301"]  # the last: a decomposed é, composed by NFC
    variants = []
    for ln in lines[::4]:
        chars = list(ln or "x")
        for _ in range(rng.randint(1, 4)):
            chars.insert(rng.randrange(len(chars) + 1), rng.choice(odd))
        variants.append("".join(chars))
    for s in lines + variants:
        assert clean_line(s) == plain_clean(s), repr(s[:80])


def test_text_blocks_keep_file_line_numbers():
    blocks = text_blocks("Title\n\n  Body  line\u00a0one \n\t\nLast")
    assert [(b.number, b.text) for b in blocks] == [(1, "Title"), (3, "Body line one"), (5, "Last")]
