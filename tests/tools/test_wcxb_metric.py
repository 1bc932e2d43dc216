"""Our WCXB scorer (word-F1 per page type, with/without snippet rates) agrees with the reference
../shared/eval/wcxb_score.py on real predictions of the core, and the tune/validation parts are reported."""
import json
import subprocess
import sys

import pytest

from copydesk.tools.evaluate import run_eval, wcxb_score
from helpers import SHARED, WCXB_DEV

# a fixed slice of WCXB dev with every page type: every 25th page (60 pages)
IDS = sorted(json.loads((WCXB_DEV / "ground-truth.json").read_text(encoding="utf-8")))[::25]


@pytest.mark.parametrize("mode", ["html", "text"])
def test_agrees_with_wcxb_score_on_real_predictions(tmp_path, mode):
    res = run_eval(WCXB_DEV, mode, ids=IDS, body_timing=False)
    gt = json.loads((WCXB_DEV / "ground-truth.json").read_text(encoding="utf-8"))
    sub = {k: gt[k] for k in IDS}
    (tmp_path / "gt.json").write_text(json.dumps(sub), encoding="utf-8")
    (tmp_path / "pred.json").write_text(json.dumps(res["predictions"]), encoding="utf-8")
    out = subprocess.run([sys.executable, str(SHARED / "eval" / "wcxb_score.py"), str(tmp_path / "pred.json"),
                          "--gt", str(tmp_path / "gt.json"), "--json"], capture_output=True, text=True, check=True)
    theirs = json.loads(out.stdout)
    ours = res["wcxb"]
    assert set(ours) == set(theirs) and len(ours) == 8  # seven types and all
    for t in theirs:
        for key in ("n", "word_f1", "with_found", "without_found"):
            assert ours[t][key] == pytest.approx(theirs[t][key], abs=1e-12), (t, key)
    assert 0.3 < ours["all"]["word_f1"] < 0.99
    # every figure per part, and the parts partition the pages
    parts = res["parts"]
    assert set(parts) == {"tune", "validation"}
    assert parts["tune"]["n"] + parts["validation"]["n"] == len(IDS)
    assert parts["tune"]["wcxb"]["all"]["n"] == parts["tune"]["n"]
    assert "article_vs_not" in parts["validation"]["page_type"]


def test_scorer_edge_cases():
    gt = {"a": {"articleBody": "One two three", "page_type": "article", "with": ["TWO  three"], "without": ["four"]},
          "b": {"articleBody": "", "page_type": "listing", "with": [], "without": []}}
    s = wcxb_score(gt, {"a": "one TWO three four", "b": ""})
    assert s["article"]["word_f1"] == pytest.approx(2 * 0.75 * 1 / 1.75)
    assert s["article"]["with_found"] == 1.0 and s["article"]["without_found"] == 1.0
    assert s["listing"]["word_f1"] == 1.0  # empty truth, empty prediction
    assert s["all"]["n"] == 2


def test_part_option_restricts_pages():
    res = run_eval(WCXB_DEV, "text", ids=IDS, part="validation", body_timing=False)
    assert set(res["parts"]) == {"validation"} and res["n"] == res["parts"]["validation"]["n"]
