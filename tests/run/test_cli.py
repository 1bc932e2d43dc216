import json
import subprocess
import sys

from helpers import ROOT, SAMPLE_RAW


def test_extract_json(expected):
    out = subprocess.run([sys.executable, "-m", "copydesk.cli", "extract", str(SAMPLE_RAW), "--json"],
                         capture_output=True, text=True, check=True, cwd=ROOT)
    rec = json.loads(out.stdout)
    assert rec["title"] == expected["fields"]["title"]
    assert rec["paragraphs"] == expected["body_paragraphs"]
    assert {str(l["line_number"]): l["label"] for l in rec["lines"]} == expected["line_labels"]
    for table in ("images", "related_links", "quotes", "people", "organizations", "places", "lines"):
        assert isinstance(rec[table], list)


def test_core_never_imports_prefect():
    code = ("import sys, copydesk.core.pipeline, copydesk.run.driver, copydesk.warehouse.writer, copydesk.tools.evaluate, copydesk.cli;"
            "print(any(m == 'prefect' or m.startswith('prefect.') for m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT)
    assert out.stdout.strip() == "False"


def test_output_into_a_closed_pipe_ends_quietly(monkeypatch, capsys):
    """`copydesk eval ... | head` closes the pipe early: the command stops with the shell's SIGPIPE status
    (141) and no traceback, instead of a BrokenPipeError dump."""
    import os
    from copydesk import cli
    r, w = os.pipe()
    os.close(r)  # the reader is gone before anything is written
    out = os.fdopen(w, "w", buffering=1)
    with capsys.disabled():
        monkeypatch.setattr(sys, "stdout", out)
        rc = cli.main(["extract", str(SAMPLE_RAW)])
    monkeypatch.undo()
    assert rc == 141
    out.close()
