"""Decoding and reading: BOMs, declared charsets, detection, bad bytes, gzip faults and bombs."""
import gzip

import pytest

from copydesk.core.read import Limits, RejectError, decode, gunzip_capped, raw_from_bytes
from copydesk.sources.files import read_path

TEXT = "Café au lait: “quoted” — naïve façade, São Paulo, Zürich.\n"


def test_utf8_plain():
    assert decode(TEXT.encode("utf-8")) == (TEXT, "utf-8")


@pytest.mark.parametrize("enc", ["utf-8-sig", "utf-16", "utf-32"])
def test_bom_wins(enc):
    text, used = decode(TEXT.encode(enc))
    assert text == TEXT


def test_declared_meta_charset():
    html = '<html><head><meta charset="windows-1252"></head><body><p>' + TEXT + "</p></body></html>"
    text, used = decode(html.encode("cp1252"))
    assert TEXT in text and used == "cp1252"


def test_latin1_label_means_windows_1252():
    html = '<meta http-equiv="Content-Type" content="text/html; charset=iso-8859-1"><p>“smart” quotes</p>'
    text, used = decode(html.encode("cp1252"))
    assert "“smart”" in text


def test_undeclared_legacy_encoding_is_detected():
    s = ("Le gouvernement français a annoncé mercredi une série de mesures pour réduire la dépense "
         "énergétique des bâtiments publics, déjà très élevée cet été. ") * 5
    text, used = decode(s.encode("cp1252"))
    assert "français" in text and "dépense" in text


def test_invalid_utf8_never_crashes():
    data = ("Good text " * 50).encode() + b"\xff\xfe\xfa broken " + ("more good text " * 50).encode()
    text, used = decode(data)
    assert "Good text" in text and "more good text" in text


@pytest.mark.parametrize("data,kind", [
    (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "binary"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary"),
    (bytes(range(256)) * 40, "binary"),
])
def test_binary_rejected(data, kind):
    with pytest.raises(RejectError) as e:
        decode(data)
    assert e.value.kind == kind


def test_gzip_roundtrip_and_sha_of_content():
    a = raw_from_bytes(TEXT.encode(), "a.txt", "text")
    b = raw_from_bytes(gzip.compress(TEXT.encode()), "a.txt.gz", "text", gz=True)
    assert a.data == b.data and a.sha256 == b.sha256


def test_truncated_gzip():
    data = gzip.compress(TEXT.encode() * 100)
    with pytest.raises(RejectError) as e:
        gunzip_capped(data[: len(data) // 2], 10_000_000)
    assert e.value.kind == "gzip_corrupt"


def test_corrupt_gzip():
    data = bytearray(gzip.compress(TEXT.encode() * 100))
    data[20:40] = b"\x00" * 20
    with pytest.raises(RejectError) as e:
        gunzip_capped(bytes(data), 10_000_000)
    assert e.value.kind == "gzip_corrupt"


def test_gzip_bomb_capped():
    bomb = gzip.compress(b"\x00" * (50 * 1024 * 1024), compresslevel=9)
    assert len(bomb) < 100_000
    with pytest.raises(RejectError) as e:
        raw_from_bytes(bomb, "bomb.html.gz", "html", gz=True, limits=Limits(max_decompressed_bytes=5_000_000))
    assert e.value.kind == "gzip_bomb"


def test_empty_file(tmp_path):
    p = tmp_path / "empty.txt"
    p.write_bytes(b"  \n\n")
    with pytest.raises(RejectError) as e:
        read_path(p, tmp_path)
    assert e.value.kind == "empty"


def test_file_over_size_cap(tmp_path):
    p = tmp_path / "big.txt"
    p.write_bytes(b"word " * 1000)
    with pytest.raises(RejectError) as e:
        read_path(p, tmp_path, Limits(max_file_bytes=1000))
    assert e.value.kind == "too_large"


def test_symlink_outside_raw_not_followed(tmp_path):
    outside = tmp_path / "secret.txt"
    outside.write_text("secret text " * 20)
    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "link.txt").symlink_to(outside)
    with pytest.raises(RejectError) as e:
        read_path(raw / "link.txt", raw)
    assert e.value.kind == "symlink_outside"
