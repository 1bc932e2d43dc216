"""copydesk.tools.fields agrees with the reference field scorer (../shared/eval/wcxb_fields.py) on real
output, and its matching rules hold on the edge cases the scorer's docstring names."""
import json
import subprocess
import sys

import pytest

from copydesk.tools import fields as F
from helpers import WCXB_DEV

SCORER = WCXB_DEV.parent / "wcxb_fields.py"
# pages of real output to compare on (a slice of the article pages, both modes: a few seconds)
AGREE_PAGES = 60


def test_matching_rules():
    assert F.norm(" “Hello,  World” | ") == "hello, world"
    assert F.name_set("Jane Doe and John Roe") == {"jane doe", "john roe"}
    assert F.name_set(["By Jane Doe", "Ann Lee & Bo Li"]) == {"jane doe", "ann lee", "bo li"}
    assert F.name_set("Von Anna Müller und Max Weber") == {"anna müller", "max weber"}
    assert F.field_ok("date", "2024-03-02", {"published": "2024-03-02T23:10:00+05:00"}) == (True, True)
    assert F.field_ok("date", "2024-03-02", {"published": None}) == (False, False)
    assert F.field_ok("authors", "Jane Doe", {"authors": ["Jane Doe", "John Roe"]}) == (True, False)


@pytest.mark.skipif(not SCORER.exists(), reason="reference scorer not available")
@pytest.mark.parametrize("mode", ["html", "text"])
def test_agrees_with_reference_scorer(mode, tmp_path):
    from copydesk.core.pipeline import process_bytes
    gt = json.loads((WCXB_DEV / "ground-truth.json").read_text(encoding="utf-8"))
    ids = [k for k in sorted(gt) if gt[k]["page_type"] == "article"][:AGREE_PAGES]
    pred = {}
    for k in ids:
        p = WCXB_DEV / ("text" if mode == "text" else "html") / (f"{k}.txt" if mode == "text" else f"{k}.html.gz")
        pred[k] = F.field_prediction(process_bytes(p.read_bytes(), k, mode, url=gt[k].get("url")))
    # a few hand-made answers too, so both scorers see wrong and partial ones
    pred[ids[0]] = {"title": "x", "authors": ["A B", "C D"], "published": "1999-01-01"}
    (tmp_path / "pred.json").write_text(json.dumps(pred), encoding="utf-8")
    out = subprocess.run([sys.executable, str(SCORER), "--gt", str(WCXB_DEV / "ground-truth.json"), "--pred",
                          str(tmp_path / "pred.json"), "--json"], capture_output=True, text=True, check=True)
    ref = json.loads(out.stdout)
    ours = F.score_fields(gt, pred)["all"]["article"]
    for f, rf in (("title", "title"), ("authors", "author"), ("date", "date")):
        for c in ("labelled", "answered", "right"):
            assert ours[f][c] == ref[rf][c], (f, c, ours[f], ref[rf])
    assert ours["date"]["right"] > 0 and ours["title"]["right"] > 0


def test_parts_split_by_domain():
    gt = {"a": {"domain": "x.com", "page_type": "article", "title": "T", "author": None, "publish_date": None},
          "b": {"domain": "y.com", "page_type": "article", "title": "T", "author": None, "publish_date": None}}
    s = F.score_fields(gt, {"a": {"title": "T"}, "b": {"title": "T"}})
    assert s["all"]["article"]["title"]["right"] == 2
    assert s["tune"]["all"]["title"]["labelled"] + s["validation"]["all"]["title"]["labelled"] == 2
