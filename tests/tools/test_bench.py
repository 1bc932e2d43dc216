"""`copydesk bench`: the corpus builder and the result format. No timing assertions (speed is what the
bench reports, not what tests check); tiny N so this stays fast."""
import hashlib
import json
import re

import pytest

from helpers import DEV, ROOT
from copydesk.tools import bench
from copydesk.cli import main as cli_main
from copydesk.core.read import kind_of
from copydesk.sources.files import discover


@pytest.fixture(scope="module")
def templates():
    return bench.load_templates(DEV, ROOT / "raw")


def test_templates_are_the_dev_pages_and_the_sample(templates):
    assert len(templates["text"]) == len(list((DEV / "text").glob("*.txt"))) + 1
    assert len(templates["html"]) == len(list((DEV / "html").glob("*.html.gz")))
    assert any(name.startswith("inquirer-") for name, _ in templates["text"])
    assert all(b"<" in page for _, page in templates["html"])  # gunzipped markup, not gzip bytes


def _is_subsequence(small: list, big: list) -> bool:
    it = iter(big)
    return all(any(x == y for y in it) for x in small)


def test_text_documents_are_distinct_and_keep_every_page_line(templates):
    by_name = {name[:12]: page for name, page in templates["text"]}
    n = 3 * len(templates["text"])  # every page is reused: distinctness must come from the variation
    docs = list(bench.iter_corpus(templates, "text", n, seed=5))
    assert len(docs) == n
    assert len({hashlib.sha256(d).hexdigest() for _, d in docs}) == n
    ids = set()
    for rel, data in docs:
        assert kind_of(rel) == "text"
        page = by_name[re.match(r"text-\d+/\d+-(.+)\.txt$", rel).group(1)]
        lines = data.decode("utf-8", "surrogateescape").splitlines()
        assert _is_subsequence(page.decode("utf-8", "surrogateescape").splitlines(), lines)
        assert len(lines) > len(page.splitlines())  # boilerplate was added
        ids.update(ln for ln in lines if ln.startswith("Story ID: "))
    assert len(ids) == n
    # Same seed, same corpus (a bench can be repeated); another seed, other documents.
    assert [d for _, d in bench.iter_corpus(templates, "text", 5, seed=5)] == [d for _, d in docs[:5]]
    assert [d for _, d in bench.iter_corpus(templates, "text", 5, seed=6)] != [d for _, d in docs[:5]]


def test_html_documents_are_distinct_and_wrap_the_original_body(templates):
    by_name = {name[:12]: page for name, page in templates["html"]}
    n = len(templates["html"]) + 40
    docs = list(bench.iter_corpus(templates, "html", n, seed=5))
    assert len({hashlib.sha256(d).hexdigest() for _, d in docs}) == n
    for rel, data in docs:
        assert kind_of(rel) == "html"
        page = by_name[re.match(r"html-\d+/\d+-(.+)\.html$", rel).group(1)]
        m = bench._BODY_OPEN.search(page)
        end = list(bench._BODY_CLOSE.finditer(page))[-1].start()
        assert data.startswith(page[: m.end()])          # head and <body> untouched
        assert data.endswith(page[end:])                  # </body></html> untouched
        assert page[m.end(): end] in data                 # the page's own body, byte for byte
        assert b'<nav class="site-nav">' in data and b"Story ID: " in data


def test_write_corpus_streams_one_file_per_document(tmp_path, templates):
    info = bench.write_corpus(tmp_path / "raw", templates, "text", 25, seed=1)
    files = list(discover(tmp_path / "raw"))
    assert info["files"] == len(files) == 25
    assert info["bytes"] == sum(p.stat().st_size for p in files)
    assert bench.link_subset(tmp_path / "raw", tmp_path / "half", 10) == 10
    assert len(list(discover(tmp_path / "half"))) == 10


def test_union_length_counts_parallel_batches_once():
    assert bench.union_length([]) == 0
    assert bench.union_length([(0, 2), (1, 3), (5, 6)]) == pytest.approx(4)
    assert bench.union_length([(5, 6), (0, 10)]) == pytest.approx(10)


PREFECT_LOG = """\
11:02:31.586 | INFO    | prefect - Starting temporary server on http://127.0.0.1:8091
11:03:00.438 | INFO    | Flow run 'ingest raw/ 2026-11-26 11:03' - Beginning flow run 'ingest raw/' for flow 'ingest'
11:03:03.188 | INFO    | Task run 'batch 1 (3 files)' - batch 1: 3 files -> 3 articles, 0 duplicates, 0 rejects in 1.41s (2 files/s)
11:03:03.194 | INFO    | Task run 'batch 1 (3 files)' - Finished in state Completed()
11:03:03.334 | INFO    | Task run 'batch 2 (3 files)' - batch 2: 3 files -> 3 articles, 0 duplicates, 0 rejects in 0.10s (31 files/s)
11:03:03.439 | INFO    | Task run 'batch 3 (1 files)' - batch 3: 1 files -> 1 articles, 0 duplicates, 0 rejects in 0.03s (30 files/s)
articles: 7  duplicates of known content: 0  body paragraphs: 87
seconds: 3.07
"""


def test_parse_flow_log_reads_batch_seconds_and_timing():
    start = 11 * 3600 + 2 * 60 + 30.0  # the child started at 11:02:30.000
    p = bench.parse_flow_log(PREFECT_LOG, start)
    assert [b["batch"] for b in p["batches"]] == [1, 2, 3]
    assert [b["files"] for b in p["batches"]] == [3, 3, 1]
    assert p["in_task_s"] == pytest.approx(1.54)
    assert p["task_busy_s"] == pytest.approx(1.54, abs=0.01)  # sequential batches: no overlap
    assert p["flow_begin_s"] == pytest.approx(30.438)
    assert p["flow_s"] == pytest.approx(3.07)
    assert bench.parse_flow_log("no prefect output", start)["batches"] == []


def test_bench_json_has_the_documented_keys(tmp_path, capsys):
    out = tmp_path / "r.json"
    rc = cli_main(["bench", "--docs", "10", "--core-docs", "4", "--core-html-docs", "2", "--skip-flow",
                   "--json", "--out", str(out)])
    assert rc == 0
    res = json.loads(out.read_text())
    assert json.loads(capsys.readouterr().out) == res
    assert {"version", "started_at", "command", "machine", "code", "params", "corpus", "core", "flow", "linearity",
            "targets", "total_s"} <= set(res)
    assert {"nproc", "cpu_model", "mem_total_gib", "python"} <= set(res["machine"])
    assert res["params"]["docs"] == 10 and res["params"]["html_docs"] == 2
    for kind, n in (("text", 4), ("html", 2)):
        c = res["core"][kind]
        assert {"docs", "rejects", "bytes", "wall_s", "cpu_s", "docs_per_s", "mb_per_s", "docs_per_cpu_s",
                "mb_per_cpu_s"} <= set(c)
        assert c["docs"] == n and c["bytes"] > 0 and c["wall_s"] > 0
    assert set(res["targets"]) == {"core_text_docs_per_s", "core_html_docs_per_s"}
    assert res["flow"] == {}
