"""Quality gate (trafilatura's eval gate): dev-benchmark scores per mode must not fall below the floors
pinned in tests/quality_floors.json. The sample article must also stay exactly right (test_classify)."""
import json
from pathlib import Path

import pytest

from helpers import DEV

FLOORS = json.loads((Path(__file__).parent / "quality_floors.json").read_text())


@pytest.mark.parametrize("mode", ["text", "html"])
def test_dev_benchmark_floor(mode):
    from copydesk.evaluate import run_eval
    res = run_eval(DEV, mode)
    assert res["n"] == 91
    for metric, floor in FLOORS[mode].items():
        assert res[metric] >= floor, f"{mode} {metric} {res[metric]:.4f} fell below the floor {floor}"
