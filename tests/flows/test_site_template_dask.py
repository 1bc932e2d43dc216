"""The site template in the Prefect flow: the default runner and a Dask LocalCluster (where the batch runs
inside a daemonic Dask worker and forks its own workers) write the same labels, template lines included."""
from __future__ import annotations

import pytest

from copydesk.warehouse import writer
from test_site_template import PRM, STORIES, _paras, _site

pytestmark = pytest.mark.flows


def _lines(wh):
    t = writer.read_table(wh, "lines").to_pandas().drop(columns=["ingested_at"], errors="ignore")
    return t.sort_values(["article_id", "line_number"]).reset_index(drop=True)


@pytest.mark.slow
def test_dask_and_default_runner_give_the_same_site_template(tmp_path):
    from flows.dask_runner import task_runner
    from flows.ingest import ingest
    raw = tmp_path / "raw"
    _site(raw, {k[:12]: _paras(k) for k in STORIES})
    default = ingest(raw=str(raw), warehouse=str(tmp_path / "default"), batch_size=100, workers=2)
    dask = ingest.with_options(task_runner=task_runner())(raw=str(raw), warehouse=str(tmp_path / "dask"),
                                                           batch_size=100, workers=1)
    assert default["articles"] == dask["articles"] == len(STORIES)
    a, b = _lines(tmp_path / "default"), _lines(tmp_path / "dask")
    assert a.equals(b)
    assert set(PRM) <= set(a[a.reason == "site_template"].text)
