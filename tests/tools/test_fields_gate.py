"""Field quality gate (issue 14): title, authors and date accuracy (and precision when given) on the
article pages of the WCXB dev validation part must not fall below tests/tools/field_floors.json. Only the
validation part (~160 articles, both modes, ~15 s): the floors guard what we report as generalising."""
import json
from pathlib import Path

import pytest

from helpers import WCXB_DEV

FLOORS = json.loads((Path(__file__).parent / "field_floors.json").read_text())


@pytest.mark.skipif(not (WCXB_DEV / "ground-truth.json").exists(), reason="WCXB dev set not available")
@pytest.mark.parametrize("mode", ["html", "text"])
def test_field_floors(mode):
    from copydesk.core.pipeline import process_bytes
    from copydesk.core.read import RejectError
    from copydesk.tools.fields import field_prediction, score_fields
    from copydesk.tools.split import is_validation
    gt = json.loads((WCXB_DEV / "ground-truth.json").read_text(encoding="utf-8"))
    ids = [k for k in sorted(gt) if gt[k]["page_type"] == "article" and is_validation(k, gt[k])]
    pred = {}
    for k in ids:
        p = WCXB_DEV / ("text" if mode == "text" else "html") / (f"{k}.txt" if mode == "text" else f"{k}.html.gz")
        try:
            pred[k] = field_prediction(process_bytes(p.read_bytes(), k, mode, url=gt[k].get("url")))
        except RejectError:  # a rejected page answers nothing (as in `copydesk eval`)
            pred[k] = {}
    s = score_fields({k: gt[k] for k in ids}, pred)["all"]["all"]
    got = {"title": s["title"]["accuracy"], "authors": s["authors"]["accuracy"], "date": s["date"]["accuracy"],
           "authors_precision": s["authors"]["precision"], "date_precision": s["date"]["precision"]}
    for metric, floor in FLOORS[mode].items():
        if not metric.startswith("_"):
            assert got[metric] >= floor, f"{mode} {metric} {got[metric]:.4f} fell below the floor {floor}"
