"""Operations under the Prefect test harness: the run's whole story read back through the Prefect client
(task runs, names, artifacts, logs), the serve deployment's schedule, retries of transient I/O only, and a
Dask LocalCluster run equal to the default run."""
from __future__ import annotations

import asyncio
import re
import shutil
from pathlib import Path

import pytest

from copydesk import config
from copydesk.warehouse import writer
from helpers import SAMPLE_RAW, dev_files

pytestmark = pytest.mark.flows
HTML_PAGES = dev_files("html")[:4]


def make_raw(tmp_path: Path) -> Path:
    raw = tmp_path / "raw"
    raw.mkdir()
    shutil.copy(SAMPLE_RAW, raw / SAMPLE_RAW.name)
    for i, p in enumerate(HTML_PAGES):
        shutil.copy(p, raw / f"page {i}.html.gz")
    (raw / "empty.html").write_bytes(b"")
    (raw / "report.html").write_bytes(b"%PDF-1.7\n" + bytes(range(256)) * 4)
    return raw


def _client_read(coro_fn):
    from prefect.client.orchestration import get_client

    async def go():
        async with get_client() as c:
            return await coro_fn(c)
    return asyncio.run(go())


def test_run_history_is_complete_and_tells_the_story(tmp_path):
    from prefect.client.schemas.filters import (ArtifactFilter, ArtifactFilterFlowRunId, FlowRunFilter,
                                                FlowRunFilterId, LogFilter, LogFilterFlowRunId)
    from copydesk.config import flow_params
    from flows.drain import run_flow_and_drain
    raw = make_raw(tmp_path)
    cfg = config.load(overrides=dict(raw=str(raw), warehouse=str(tmp_path / "wh"), batch_size=2, workers=1))
    summary, rec = run_flow_and_drain(flow_params(cfg))
    fr_id = summary["flow_run_id"]
    n_batches = 4  # 7 files in batches of 2
    assert summary["batches"] == n_batches and summary["articles"] == 5 and summary["rejects"] == 2
    assert rec["complete"] and rec["task_runs"] == n_batches

    async def read(c):
        fr = await c.read_flow_run(fr_id)
        trs = await c.read_task_runs(flow_run_filter=FlowRunFilter(id=FlowRunFilterId(any_=[fr_id])))
        arts = await c.read_artifacts(artifact_filter=ArtifactFilter(flow_run_id=ArtifactFilterFlowRunId(any_=[fr_id])))
        logs = await c.read_logs(log_filter=LogFilter(flow_run_id=LogFilterFlowRunId(any_=[fr_id])), limit=200)
        return fr, trs, arts, logs
    fr, trs, arts, logs = _client_read(read)

    # run and task names a person can read
    assert re.fullmatch(rf"ingest {re.escape(str(raw))}/ \d{{4}}-\d\d-\d\d \d\d:\d\d", fr.name), fr.name
    assert fr.state.is_completed() and fr.parameters["caps"]["time_budget_s"] == cfg.time_budget_s
    assert sorted(t.name for t in trs) == [f"batch {i} (2 files)" for i in (1, 2, 3)] + ["batch 4 (1 files)"]
    assert all(t.state.is_completed() for t in trs)

    # artifacts: summary, rejects table, progress at 100 %
    by_key = {a.key: a for a in arts}
    md = by_key["ingest-summary"].data
    assert "| articles | 5 |" in md and "| rejects | 2 |" in md and "| files seen | 7 |" in md
    assert "| binary | 1 |" in md and "| empty | 1 |" in md
    rej = by_key["ingest-rejects"].data
    assert "report.html" in rej and "empty.html" in rej and "PDF document" in rej
    assert float(by_key["ingest-progress"].data) == 100.0
    assert rec["artifacts"] == len(arts)

    # every log line the run emitted is recorded: one per batch, one per reject, the plan and the end
    msgs = [lg.message for lg in logs]
    assert rec["logs"] == len(msgs)
    assert sum(m.startswith(f"batch {i}:") for i in range(1, n_batches + 1) for m in msgs) == n_batches
    assert sum(m.startswith("rejected ") for m in msgs) == 2
    assert any(m.startswith("found 7 files") for m in msgs) and any(m.startswith("done: 5 articles") for m in msgs)


def test_serve_deployment_schedule_without_waiting(tmp_path):
    from prefect.server.schemas.schedules import CronSchedule
    from flows.serve import build_deployment
    toml = tmp_path / "copydesk.toml"
    toml.write_text('raw = "in"\nwarehouse = "out"\nschedule = "0 3 * * *"\nschedule_timezone = "Europe/Berlin"\n'
                    'batch_size = 250\n[site_timezones]\n"example.com" = "Asia/Manila"\n')
    cfg = config.load(toml, env={})
    dep = build_deployment(cfg, name="nightly")
    s = dep.schedules[0].schedule
    assert (s.cron, s.timezone) == ("0 3 * * *", "Europe/Berlin")
    assert dep.parameters["batch_size"] == 250 and dep.parameters["raw"] == str(Path("in").resolve())
    assert dep.parameters["site_timezones"] == {"example.com": "Asia/Manila"}
    nxt = asyncio.run(CronSchedule(cron=s.cron, timezone=s.timezone).get_dates(n=3))
    assert [d.hour for d in nxt] == [3, 3, 3] and len({d.date() for d in nxt}) == 3
    # the --cron flag wins over the file
    assert build_deployment(cfg, cron="*/15 * * * *").schedules[0].schedule.cron == "*/15 * * * *"


def _task_runs(fr_id):
    from prefect.client.schemas.filters import FlowRunFilter, FlowRunFilterId
    from flows.drain import wait_recorded
    wait_recorded(fr_id, expected_tasks=1)
    return _client_read(lambda c: c.read_task_runs(flow_run_filter=FlowRunFilter(id=FlowRunFilterId(any_=[fr_id]))))


def test_batch_retries_transient_io_errors_only(tmp_path, monkeypatch):
    import copydesk.run.driver as core
    from flows.ingest import ingest
    raw = make_raw(tmp_path)
    real = core.run_batch
    calls = []

    def flaky(*a, **kw):
        calls.append(1)
        if len(calls) == 1:
            raise OSError(5, "Input/output error (simulated NFS hiccup)")
        return real(*a, **kw)
    monkeypatch.setattr(core, "run_batch", flaky)
    state = ingest(raw=str(raw), warehouse=str(tmp_path / "wh"), batch_size=100, workers=1, return_state=True)
    assert state.is_completed() and state.result()["articles"] == 5
    (tr,) = _task_runs(str(state.state_details.flow_run_id))
    assert tr.run_count == 2 and tr.state.is_completed()

    calls.clear()

    def buggy(*a, **kw):
        calls.append(1)
        raise ValueError("a bug, not an I/O error")
    monkeypatch.setattr(core, "run_batch", buggy)
    (tmp_path / "raw" / "new.txt").write_text("A new page\n\nWith a paragraph that is long enough to be body text.\n")
    state = ingest(raw=str(raw), warehouse=str(tmp_path / "wh2"), batch_size=100, workers=1, return_state=True)
    assert state.is_failed() and len(calls) == 1  # no retry for a bug
    (tr,) = _task_runs(str(state.state_details.flow_run_id))
    assert tr.run_count == 1 and tr.state.is_failed()


def _tables(wh):
    out = {}
    for t in ("articles", "paragraphs", "lines", "rejects"):
        tab = writer.read_table(wh, t).to_pandas()
        tab = tab.drop(columns=[c for c in ("ingested_at", "year", "month") if c in tab.columns])
        out[t] = tab.sort_values(list(tab.columns[:3])).reset_index(drop=True)
    return out


@pytest.mark.slow
def test_dask_local_cluster_equals_default_run(tmp_path):
    from flows.dask_runner import task_runner
    from flows.ingest import ingest
    raw = make_raw(tmp_path)
    default = ingest(raw=str(raw), warehouse=str(tmp_path / "default"), batch_size=2, workers=1)
    dask = ingest.with_options(task_runner=task_runner())(raw=str(raw), warehouse=str(tmp_path / "dask"),
                                                           batch_size=2, workers=1)
    for k in ("files", "articles", "rejects", "paragraphs", "batches"):
        assert default[k] == dask[k], k
    a, b = _tables(tmp_path / "default"), _tables(tmp_path / "dask")
    for t in a:
        assert len(a[t]) > 0 or t == "rejects"
        assert a[t].equals(b[t]), t


def test_prefect_yaml_deploys_the_ingest_flow_on_the_configured_schedule():
    import yaml
    from prefect.flows import load_flow_from_entrypoint
    from helpers import ROOT
    doc = yaml.safe_load((ROOT / "prefect.yaml").read_text())
    (dep,) = doc["deployments"]
    flow = load_flow_from_entrypoint(str(ROOT / dep["entrypoint"]))
    assert flow.name == "ingest"
    assert set(dep["parameters"]) <= set(flow.parameters.properties)
    assert dep["schedules"][0]["cron"] == config.load(start=ROOT, env={}).schedule
