"""WARC/WET input: each response or conversion record is one document with its URL and fetch date."""
import gzip
import io

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from copydesk.run import driver as core
from copydesk.warehouse import writer
from copydesk.sources.files import discover, read_path
from helpers import SAMPLE_RAW, dev_files

PAGE = gzip.open(dev_files("html")[0]).read()


def _record(w, uri, date, payload, rec_type="response", ctype="text/html; charset=utf-8", status="200 OK"):
    if rec_type == "response":
        http = StatusAndHeaders(status, [("Content-Type", ctype)], protocol="HTTP/1.1")
        rec = w.create_warc_record(uri, "response", payload=io.BytesIO(payload), http_headers=http,
                                   warc_headers_dict={"WARC-Date": date})
    else:
        rec = w.create_warc_record(uri, rec_type, payload=io.BytesIO(payload),
                                   warc_headers_dict={"WARC-Date": date, "Content-Type": ctype})
    w.write_record(rec)


def make_warc(path, gz=True):
    with open(path, "wb") as fh:
        w = WARCWriter(fh, gzip=gz)
        _record(w, "https://news.example.com/a", "2024-05-01T10:00:00Z", PAGE)
        _record(w, "https://news.example.com/logo.png", "2024-05-01T10:00:01Z", b"\x89PNG....", ctype="image/png")
        _record(w, "https://news.example.com/old", "2024-05-01T10:00:02Z", b"", status="301 Moved Permanently")
        _record(w, "https://news.example.com/b", "2024-05-01T10:00:03Z", b"%PDF-1.7 junk", ctype="text/html")


def make_wet(path):
    with open(path, "wb") as fh:
        w = WARCWriter(fh, gzip=True)
        _record(w, "https://paper.example.org/story", "2024-06-02T08:30:00Z", SAMPLE_RAW.read_bytes(),
                rec_type="conversion", ctype="text/plain")


def test_records_are_documents_with_url_and_fetch_date(tmp_path):
    raw = tmp_path / "raw"
    raw.mkdir()
    make_warc(raw / "crawl.warc.gz")
    make_warc(raw / "plain.warc", gz=False)
    make_wet(raw / "crawl.warc.wet.gz")
    paths = list(discover(raw))
    # 2 page responses per WARC (the image and the redirect are not documents) + 1 WET conversion record
    assert len(paths) == 5 and all("#warc-record=" in str(p) for p in paths)
    docs = [read_path(str(p), str(raw)) for p in paths if "crawl.warc.gz#" in str(p) or ".wet" in str(p)][:2]
    assert docs[0].url == "https://news.example.com/a" and docs[0].fetched_at == "2024-05-01T10:00:00Z"
    assert docs[0].kind == "html" and docs[0].data == PAGE
    wet = read_path(str(next(p for p in paths if ".wet" in str(p))), str(raw))
    assert wet.kind == "text" and wet.url == "https://paper.example.org/story"
    assert wet.fetched_at == "2024-06-02T08:30:00Z" and wet.data == SAMPLE_RAW.read_bytes()


def test_warc_ingest_then_unchanged_rerun(tmp_path, expected):
    raw = tmp_path / "raw"
    raw.mkdir()
    make_warc(raw / "crawl.warc.gz")
    make_wet(raw / "crawl.warc.wet.gz")
    (raw / "broken.warc.gz").write_bytes(gzip.compress(b"this is not a WARC file at all"))
    wh = tmp_path / "wh"
    s = core.run(raw, wh)
    arts = writer.read_table(wh, "articles").to_pylist()
    urls = {a["url"] for a in arts}
    assert {"https://news.example.com/a", "https://paper.example.org/story"} <= urls
    wet_art = next(a for a in arts if a["url"] == "https://paper.example.org/story")
    assert wet_art["title"] == expected["fields"]["title"]
    assert wet_art["body"] == "\n\n".join(expected["body_paragraphs"])
    # the fetch date (WARC-Date) lands in articles.fetched_at as a UTC timestamp
    assert wet_art["fetched_at"].isoformat() == "2024-06-02T08:30:00+00:00"
    assert next(a for a in arts if a["url"] == "https://news.example.com/a")["fetched_at"].isoformat() \
        == "2024-05-01T10:00:00+00:00"
    rej = {r["source_path"]: r["error_kind"] for r in writer.read_table(wh, "rejects").to_pylist()}
    assert rej["broken.warc.gz"] == "warc_corrupt"
    assert any(k.startswith("crawl.warc.gz#warc-record=") and v == "binary" for k, v in rej.items())
    assert s["files"] == 4  # 3 records + the broken file
    s2 = core.run(raw, wh)
    assert (s2["files"], s2["unchanged"]) == (0, 4)
