"""The `ingest` flow under Prefect's test harness: tables written, re-run adds nothing, artifacts exist,
every task run recorded."""
import asyncio
import shutil

import pandas as pd
import pytest

from copydesk.warehouse import writer
from helpers import SAMPLE_RAW

pytestmark = pytest.mark.flows


def _counts(wh):
    return {t: len(writer.read_table(wh, t)) for t in writer.TABLES}


def test_ingest_flow_end_to_end(tmp_path, expected):
    from flows.ingest import ingest
    from flows.drain import wait_recorded
    raw = tmp_path / "raw"
    raw.mkdir()
    shutil.copy(SAMPLE_RAW, raw / SAMPLE_RAW.name)
    for i in range(3):
        (raw / f"bad{i}.html").write_bytes(b"")
    wh = tmp_path / "warehouse"
    state = ingest(raw=str(raw), warehouse=str(wh), batch_size=2, return_state=True)
    assert state.is_completed()
    s = state.result()
    assert (s["files"], s["articles"], s["rejects"], s["batches"]) == (4, 1, 3, 2)
    arts = pd.read_parquet(wh / "articles")
    assert list(arts["title"]) == [expected["fields"]["title"]]
    assert wait_recorded(s["flow_run_id"], expected_tasks=2) == 2

    from prefect.client.orchestration import get_client
    from prefect.client.schemas.filters import ArtifactFilter, ArtifactFilterFlowRunId

    async def arts_of(fr):
        async with get_client() as c:
            return await c.read_artifacts(artifact_filter=ArtifactFilter(flow_run_id=ArtifactFilterFlowRunId(any_=[fr])))
    got = asyncio.run(arts_of(s["flow_run_id"]))
    keys = {a.key for a in got}
    assert {"ingest-summary", "ingest-rejects", "ingest-progress"} <= keys
    md = next(a for a in got if a.key == "ingest-summary").data
    assert "| articles | 1 |" in md and "| rejects | 3 |" in md

    before = _counts(wh)
    s2 = ingest(raw=str(raw), warehouse=str(wh), batch_size=2)
    assert (s2["files"], s2["unchanged"], s2["articles"]) == (0, 4, 0)
    assert _counts(wh) == before
