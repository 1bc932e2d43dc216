"""Quality gate (trafilatura's eval gate): dev-benchmark scores per mode must not fall below the floors
pinned in tests/quality_floors.json. The sample article must also stay exactly right (test_classify)."""
import json
from pathlib import Path

import pytest

from helpers import DEV

FLOORS = json.loads((Path(__file__).parent / "quality_floors.json").read_text())


@pytest.mark.parametrize("mode", ["text", "html"])
def test_dev_benchmark_floor(mode):
    from copydesk.tools.evaluate import run_eval
    res = run_eval(DEV, mode)
    assert res["n"] == 91
    for metric, floor in FLOORS[mode].items():
        assert res[metric] >= floor, f"{mode} {metric} {res[metric]:.4f} fell below the floor {floor}"


@pytest.mark.parametrize("mode", ["text", "html"])
def test_body_only_path_gives_the_pipeline_body(mode):
    """`copydesk eval` times boilerplate removal alone (`pipeline.body_lines`) as body_pages_per_s; that
    path must give exactly the body of the whole core on every dev page, or the rate would not be the
    rate of the same extraction."""
    from copydesk.core.pipeline import body_lines, process_bytes
    from copydesk.core.read import raw_from_bytes
    gt = json.loads((DEV / "ground-truth.json").read_text(encoding="utf-8"))
    for k in sorted(gt):
        p = DEV / ("text" if mode == "text" else "html") / (f"{k}.txt" if mode == "text" else f"{k}.html.gz")
        data = p.read_bytes()
        art = process_bytes(data, k, mode, url=gt[k].get("url"))
        lines = body_lines(raw_from_bytes(data, k, mode, url=gt[k].get("url")))
        assert [ln.text for ln in lines if ln.label == "body"] == art.paragraphs, k
        assert art.paragraphs, k  # every dev page has a body in both modes


# WCXB dev in the gate: the whole validation part plus every fourth tune page (~600 pages a mode, a few
# seconds each on CI's 2 cores without the body-only timing pass), word-F1 per part for all types and
# for articles, and the page-type accuracy (article or not).
def _wcxb_gate_ids():
    from copydesk.tools.split import split
    from helpers import WCXB_DEV
    halves = split(json.loads((WCXB_DEV / "ground-truth.json").read_text(encoding="utf-8")))
    return sorted(halves["validation"] + halves["tune"][::4])


@pytest.mark.parametrize("mode", ["text", "html"])
def test_wcxb_dev_floor(mode):
    from copydesk.tools.evaluate import run_eval
    from helpers import WCXB_DEV
    res = run_eval(WCXB_DEV, mode, ids=_wcxb_gate_ids(), body_timing=False)
    for part, floors in FLOORS["wcxb"][mode].items():
        m = res["parts"][part]
        for key, floor in floors.items():
            got = m["page_type"]["article_vs_not"] if key == "article_vs_not" else m["wcxb"][key]["word_f1"]
            assert got >= floor, f"WCXB {mode} {part} {key} {got:.4f} fell below the floor {floor}"
