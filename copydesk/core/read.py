"""Stage 1: read bytes from disk, decompress, sniff, decode. Never raises past `read_path`/`decode`:
every failure is a `RejectError` carrying a reject kind and a message a person can act on.
"""
from __future__ import annotations

import codecs
import hashlib
import os
import re
import zlib
from collections import Counter
from dataclasses import dataclass
from typing import Optional

from copydesk.core.records import RawDoc
from copydesk.core.vocab import RejectKind

# Fences (conventions §8). Defaults sized for news pages: the largest dev page is 1.3 MB of HTML.
MAX_FILE_BYTES = 20 * 1024 * 1024          # on-disk size cap
MAX_DECOMPRESSED_BYTES = 20 * 1024 * 1024  # gzip output cap (bomb guard)
TEXT_SUFFIXES = {".txt", ".text"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
ACCEPTED_SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES


# Browsers stop nesting elements at depth 512 (Blink's parser cap); real news pages stay under ~60. Deeper
# markup is an attack or a generator bug, and building its tree is quadratic in depth (200,000 levels: 528 s).
# Measured: lexbor's tree builder itself (16,000 nested <div>: 0.56 s in the parser, 0.03 s in our walk), so
# depth is checked here on the bytes, before any parser runs, not during html.py's walk.
MAX_NESTING_DEPTH = 512
# One attribute value this long is not markup but a payload (inline base64 images stay far below it).
MAX_ATTRIBUTE_BYTES = 2 * 1024 * 1024


@dataclass(frozen=True, slots=True)
class Limits:
    max_file_bytes: int = MAX_FILE_BYTES
    max_decompressed_bytes: int = MAX_DECOMPRESSED_BYTES
    max_nesting_depth: int = MAX_NESTING_DEPTH
    max_attribute_bytes: int = MAX_ATTRIBUTE_BYTES


class RejectError(Exception):
    def __init__(self, kind: RejectKind, message: str):
        super().__init__(message)
        self.kind = kind
        self.message = message


def sha256_hex(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def kind_of(name: str) -> Optional[str]:
    """'text' or 'html' from the file name (one optional .gz), None when not an input."""
    n = name.lower()
    if n.endswith(".gz"):
        n = n[:-3]
    suffix = os.path.splitext(n)[1]
    if suffix in TEXT_SUFFIXES:
        return "text"
    if suffix in HTML_SUFFIXES:
        return "html"
    return None




def gunzip_capped(data: bytes, cap: int) -> bytes:
    """Decompress gzip without ever holding more than `cap` bytes of output (bomb guard)."""
    d = zlib.decompressobj(wbits=16 + zlib.MAX_WBITS)
    try:
        # Common case, one gzip member within the cap: its output as is, without the two copies (into the
        # bytearray, back to bytes) of the general loop below. Same result; anything else goes on there.
        first = d.decompress(data, cap + 1)
        if len(first) <= cap and d.eof and not d.unused_data.strip(b"\x00"):
            return first
    except zlib.error as e:
        raise RejectError("gzip_corrupt", f"corrupt gzip stream: {e}") from None
    if len(first) > cap:
        raise RejectError("gzip_bomb", f"decompressed size exceeds the cap of {cap} bytes")
    out = bytearray(first)
    buf = d.unconsumed_tail
    if d.eof:  # concatenated gzip members
        buf = d.unused_data
        d = zlib.decompressobj(wbits=16 + zlib.MAX_WBITS)
    try:
        while buf:
            chunk = d.decompress(buf, cap + 1 - len(out))
            out += chunk
            if len(out) > cap:
                raise RejectError("gzip_bomb", f"decompressed size exceeds the cap of {cap} bytes")
            buf = d.unconsumed_tail
            if d.eof:
                # concatenated gzip members
                rest = d.unused_data
                if rest and rest.strip(b"\x00"):
                    d = zlib.decompressobj(wbits=16 + zlib.MAX_WBITS)
                    buf = rest
                else:
                    break
            elif not chunk and not buf:
                break
    except zlib.error as e:
        raise RejectError("gzip_corrupt", f"corrupt gzip stream: {e}") from None
    if not d.eof:
        raise RejectError("gzip_corrupt", "truncated gzip stream (no end-of-stream marker)")
    return bytes(out)






def raw_from_bytes(data: bytes, source_path: str, kind: str, *, limits: Limits = Limits(), gz: bool = False,
                   mtime: Optional[float] = None, url: Optional[str] = None,
                   fetched_at: Optional[str] = None) -> RawDoc:
    """Bytes (maybe gzip) into a RawDoc. sha256 is of the content after decompression, so the same page
    stored plain and gzipped, or under two names, is one article."""
    size = len(data)
    if gz or data[:2] == b"\x1f\x8b":
        data = gunzip_capped(data, limits.max_decompressed_bytes)
    digest = sha256_hex(data)
    if not data.strip():
        raise RejectError("empty", "file is empty or only whitespace")
    if kind == "html":
        check_markup(data, limits)
    return RawDoc(source_path=source_path, data=data, kind=kind, sha256=digest, url=url,
                  fetched_at=fetched_at, size=size, mtime=mtime)


# Elements that never nest (void) or whose end tag browsers imply (optional end tags): an unclosed <p> or
# <li> is normal HTML and must not count as depth.
_NO_DEPTH_TAGS = frozenset(b"""area base br col embed hr img input link meta param source track wbr keygen
    p li dt dd tr td th option optgroup thead tbody tfoot colgroup caption rb rt rp html head body""".split())
_TAG = re.compile(rb"<(/?)([A-Za-z][A-Za-z0-9]{0,15})(?:\s[^<>]*?)?(/?)>")
_ENTITY_DECL_LOW = b"<!entity"  # an XML entity declaration, matched on the lower-cased page


# Container tags tallied by the cheap pre-check below, matched on the lower-cased page: one group ("div" or
# "/div") instead of two, no IGNORECASE (the page is already lower-cased) -- the same counts as two groups
# with re.I, in ~40 % less time (the pre-check runs on every HTML page; dev pages: 0.75 -> 0.45 ms).
_NEST_PROBE = re.compile(rb"<(/?(?:div|span|section|article|table|ul|ol|font|blockquote|strong|center|b|i|a|em|u|"
                         rb"s|small))[\s>]")


def _may_nest_deeply(low: bytes, limit: int) -> bool:
    """Cheap signal (one regex pass tallied in C, ~0.5 ms on a 200 KB page) before the exact depth scan
    (~8 ms): some container opened far more often than closed, or long runs of one container opening.
    `low` is the page lower-cased (one C pass; the tally then needs no per-match lower() in Python).
    Deep nesting that slips past it is still stopped by the per-document time budget (copydesk/run/workers.py)."""
    tally = Counter(_NEST_PROBE.findall(low))
    half = limit // 2
    for name, n in tally.items():
        if n > half and name[0] != 0x2F and n - tally.get(b"/" + name, 0) > half:  # 0x2F: "/", a closing tag
            return True
    return b"<div><div><div><div><div><div><div><div>" in low


def check_markup(data: bytes, limits: Limits = Limits()) -> None:
    """Reject HTML whose shape is hostile before any parser sees it: entity declarations (the
    "billion laughs" family), one gigantic attribute value, nesting deeper than a browser would build."""
    # The page lower-cased once, for the entity check and the nesting pre-check. "<!entity" in the lower-cased
    # first MB is exactly what a case-insensitive regex search for "<!ENTITY" there finds (bytes: ASCII
    # case only), and a substring search skips ahead where the regex looks at every byte (speed, same rejects).
    low = data.lower()
    if low.find(_ENTITY_DECL_LOW, 0, 1 << 20) >= 0:
        raise RejectError("entity_expansion", "declares XML entities (<!ENTITY ...>): an entity-expansion "
                                              "payload, not a web page")
    cap = limits.max_attribute_bytes
    if len(data) > cap:
        for q in (b'"', b"'"):
            m = re.search(rb"=\s*" + q + rb"[^" + q + rb"]{" + str(cap).encode() + rb",}", data)
            if m:
                end = data.find(q, m.start() + 2 + cap)
                size = (end if end > 0 else len(data)) - m.start()
                raise RejectError("huge_attribute", f"an attribute value of {size / 1e6:.1f} MB at byte {m.start()}, "
                                                    f"over the cap of {cap / 1e6:.1f} MB")
    limit = limits.max_nesting_depth
    # the pre-check first: counting "<" costs as much as it and never stops a real page (they hold thousands)
    if not _may_nest_deeply(low, limit) or data.count(b"<") <= limit:
        return
    depth = 0
    for m in _TAG.finditer(data):
        if m.group(3):
            continue
        name = m.group(2).lower()
        if name in _NO_DEPTH_TAGS:
            continue
        if m.group(1):
            depth = depth - 1 if depth > 0 else 0
        else:
            depth += 1
            if depth > limit:
                raise RejectError("too_deep", f"HTML elements nested more than {limit} levels deep (at byte "
                                              f"{m.start()}); browsers flatten such markup")




# ---------------------------------------------------------------------------------------------
# Decoding: BOM, then declared charset, then UTF-8, then detection. Never raises on bad bytes.

_MAGIC = [  # file signatures of formats that are not pages (PDF, images, archives, executables)
    (b"%PDF", "PDF document"), (b"\x89PNG", "PNG image"), (b"\xff\xd8\xff", "JPEG image"),
    (b"GIF8", "GIF image"), (b"PK\x03\x04", "ZIP archive"), (b"\x7fELF", "ELF executable"),
    (b"RIFF", "RIFF media"), (b"BZh", "bzip2 archive"), (b"\xfd7zXZ", "xz archive"),
    (b"7z\xbc\xaf", "7z archive"), (b"\x28\xb5\x2f\xfd", "zstd archive"),
]
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_\-:.]+)""", re.I)
_BOMS = [(codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF32_LE, "utf-32-le"), (codecs.BOM_UTF32_BE, "utf-32-be"),
         (codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be")]
# Share of control characters (other than tab/newline/CR/FF) above which decoded text is junk.
MAX_CONTROL_RATIO = 0.05


def sniff_binary(data: bytes) -> Optional[str]:
    """A human name for the format when the bytes are clearly not a page, else None."""
    head = data[:8]
    for magic, name in _MAGIC:
        if head.startswith(magic):
            return name
    return None


def decode(data: bytes, declared: Optional[str] = None) -> tuple[str, str]:
    """(text, encoding). BOM > declared/meta charset > strict UTF-8 > charset detection > UTF-8 with
    replacement. Raises RejectError('binary') for known binary formats and control-character junk."""
    fmt = sniff_binary(data)
    if fmt:
        raise RejectError("binary", f"{fmt}, not a text or HTML page")
    for bom, enc in _BOMS:
        if data.startswith(bom):
            return _check_text(data[len(bom):].decode(enc, errors="replace")), enc
    cand = declared
    if cand is None:
        m = _META_CHARSET.search(data[:4096])
        if m:
            cand = m.group(1).decode("ascii", "ignore")
    if cand:
        try:
            enc = codecs.lookup(cand).name
            if enc == "ascii":
                enc = "utf-8"
            if enc in ("latin-1", "iso8859-1"):
                enc = "cp1252"  # WHATWG: latin-1 labels mean windows-1252
            try:
                return _check_text(data.decode(enc)), enc
            except UnicodeDecodeError:
                pass
        except LookupError:
            pass
    try:
        return _check_text(data.decode("utf-8")), "utf-8"
    except UnicodeDecodeError:
        pass
    if b"\x00" in data[:4096]:
        raise RejectError("binary", "contains NUL bytes and no BOM: not a text page")
    try:
        from charset_normalizer import from_bytes
        matches = from_bytes(data[:200_000])
        # WHATWG's fallback for Western pages is windows-1252; single-byte detectors often confuse it with
        # cp1257/cp1250 on short texts, so it wins whenever it is among the plausible candidates.
        best = next((m for m in matches if m.encoding == "cp1252"), None) or matches.best()
        if best is not None and best.encoding:
            return _check_text(data.decode(best.encoding, errors="replace")), best.encoding
    except RejectError:
        raise
    except Exception:  # detector failure is not fatal: fall through to replacement decoding
        pass
    return _check_text(data.decode("utf-8", errors="replace")), "utf-8-replace"


# Control characters other than tab, newline, form feed and carriage return, plus U+FFFD (undecodable):
# what _check_text counts. This class is the definition; _check_text counts the same characters without
# it (tests/test_markup_checks.py compares the two). A per-character Python loop was 6-15 % of core time,
# this regex's scan of the 20,000-character sample still ~60 % of decode on the dev HTML pages.
_CTRL_CHARS = re.compile("[\x00-\x08\x0b\x0e-\x1f\ufffd]")


# Every byte that is not one of the control characters above. Those are ASCII, one byte each in UTF-8,
# and no other character's UTF-8 has a byte below 0x80: deleting all other bytes of the encoded sample in
# C leaves exactly them (plus U+FFFD counted by str.count). ~10x fewer instructions than the regex.
_NOT_CTRL_BYTES = bytes(b for b in range(256) if not (b <= 0x08 or b == 0x0B or 0x0E <= b <= 0x1F))


def _control_count(sample: str) -> int:
    """How many characters of `sample` match _CTRL_CHARS."""
    return len(sample.encode("utf-8", "surrogatepass").translate(None, _NOT_CTRL_BYTES)) + sample.count("\ufffd")


def _check_text(text: str) -> str:
    sample = text[:20000]
    if sample:
        ctrl = _control_count(sample)
        if ctrl / len(sample) > MAX_CONTROL_RATIO:
            bad = sample.count("\ufffd")
            if bad * 2 > ctrl:  # the bytes claim an encoding (BOM) but most of them are not valid in it
                raise RejectError("decode_error", f"{bad / len(sample):.0%} of the characters are not valid in the "
                                                  f"page's encoding: undecodable bytes")
            raise RejectError("binary", f"{ctrl / len(sample):.0%} control or undecodable characters: not a text page")
    return text
