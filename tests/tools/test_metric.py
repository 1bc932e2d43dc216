"""Our metric implementation agrees with the reference scorer ../shared/eval/metric.py."""
import importlib.util
import json

import pytest

from copydesk.tools.evaluate import score
from helpers import DEV, SHARED


@pytest.fixture(scope="module")
def ref():
    spec = importlib.util.spec_from_file_location("refmetric", SHARED / "eval" / "metric.py")
    m = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(m)
    return m


def test_agrees_with_reference_on_perturbed_predictions(ref):
    gt = json.loads((DEV / "ground-truth.json").read_text(encoding="utf-8"))
    truth = {k: v["articleBody"] for k, v in gt.items()}
    preds = {}
    for i, (k, t) in enumerate(sorted(truth.items())):
        words = t.split()
        if i % 4 == 0:
            preds[k] = t
        elif i % 4 == 1:
            preds[k] = " ".join(words[: len(words) // 2])
        elif i % 4 == 2:
            preds[k] = "Subscribe now to read more. " + t + " Share this story on social media."
        else:
            preds[k] = ""
    ours = score(truth, preds)
    theirs = ref.score({k: {"articleBody": v} for k, v in truth.items()}, {k: {"articleBody": v} for k, v in preds.items()})
    for key in ("precision", "recall", "f1", "accuracy"):
        assert ours[key] == pytest.approx(theirs[key], abs=1e-12), key
    assert ours["n"] == theirs["n"] == 91
    assert 0.3 < ours["f1"] < 0.95  # the perturbations really move the score
