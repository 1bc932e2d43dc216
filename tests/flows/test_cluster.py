"""The whole `copydesk run` on a real cluster (issue 15, item 5, first part): a moto S3 server on 127.0.0.1,
a Dask scheduler and two `dask worker` processes, each in its own working directory with its own TMPDIR and
local directory (nothing shared but the store), and `copydesk run --dask tcp://...` as a separate process.
One Prefect server for the whole cluster (PREFECT_API_URL, the documented setup: workers outlive runs, and
their Prefect client keeps the address of the first server it talked to, so a per-run server loses the task
runs of later runs). Every batch task ran on a worker and reported to that server (no worker started its own);
the store holds one ledger row per input object and no orphan rows; the flow host's cache holds no copy of
the warehouse; a re-run adds nothing; a worker
killed in the middle of a run costs no row and leaves no orphan; a second run started while the first holds
the lease stops at once, naming the holder."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest

from copydesk.warehouse import store, writer
from helpers import ROOT
from test_warehouse_s3 import _free_port
from warehouse_helpers import assert_consistent, write_variants

pytestmark = pytest.mark.slow
N_FILES = 12


def _dask(*args) -> list[str]:
    return [str(Path(sys.executable).parent / "dask"), *args]


@pytest.fixture
def cluster(tmp_path):
    moto_server = pytest.importorskip("moto.server")
    port = _free_port()
    moto = moto_server.ThreadedMotoServer(ip_address="127.0.0.1", port=port, verbose=False)
    moto.start()
    endpoint = f"http://127.0.0.1:{port}"
    env = {k: v for k, v in os.environ.items() if not k.startswith("PREFECT_")}
    env.update(AWS_ACCESS_KEY_ID="test", AWS_SECRET_ACCESS_KEY="test", AWS_DEFAULT_REGION="us-east-1",
               FSSPEC_S3_ENDPOINT_URL=endpoint, PYTHONPATH=str(ROOT))
    from flows.api_server import EmbeddedServer
    env.update(PREFECT_HOME=str(tmp_path / "prefect-home"), PREFECT_SERVER_ANALYTICS_ENABLED="false")
    server = EmbeddedServer().start(env)  # the cluster's one Prefect server, on 127.0.0.1
    env["PREFECT_API_URL"] = server.api_url
    sched_port = _free_port()
    procs = [subprocess.Popen(_dask("scheduler", "--host", "127.0.0.1", "--port", str(sched_port),
                                    "--dashboard-address", "127.0.0.1:0"), cwd=tmp_path, env=env,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)]
    logs = []
    for i in (1, 2):
        home = tmp_path / f"worker{i}"
        (home / "tmp").mkdir(parents=True)
        log = open(home / "worker.log", "w")
        logs.append(home / "worker.log")
        procs.append(subprocess.Popen(
            _dask("worker", f"tcp://127.0.0.1:{sched_port}", "--nworkers", "1", "--nthreads", "1", "--host",
                  "127.0.0.1", "--dashboard-address", "127.0.0.1:0", "--local-directory", str(home / "dask")),
            cwd=home, env=dict(env, TMPDIR=str(home / "tmp"), COPYDESK_CACHE_DIR=str(home / "cache")),
            stdout=log, stderr=subprocess.STDOUT))
    import s3fs
    fs = s3fs.S3FileSystem(endpoint_url=endpoint, key="test", secret="test", skip_instance_cache=True)
    bucket = f"b-{uuid.uuid4().hex[:12]}"
    fs.mkdir(bucket)
    try:
        server.wait_healthy(180)
        yield dict(env=env, address=f"tcp://127.0.0.1:{sched_port}", fs=fs, bucket=bucket, procs=procs,
                   logs=logs, endpoint=endpoint)
    finally:
        for p in reversed(procs):
            p.terminate()
        for p in procs:
            try:
                p.wait(timeout=20)
            except subprocess.TimeoutExpired:
                p.kill()
        server.stop()
        moto.stop()


def _run(c, tmp_path, name, **popen):
    host = tmp_path / f"host-{name}"
    host.mkdir(exist_ok=True)
    env = dict(c["env"], COPYDESK_CACHE_DIR=str(tmp_path / "host-cache"), PREFECT_SERVER_ANALYTICS_ENABLED="false",
               TMPDIR=str(host))
    cmd = [sys.executable, "-m", "copydesk.cli", "run", "--dask", c["address"], "--raw",
           f"s3://{c['bucket']}/raw", "--warehouse", f"s3://{c['bucket']}/wh", "--batch-size", "2"]
    return subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                            **popen)


def _check(c, tmp_path, label, n=None) -> None:
    import fsspec.config
    old = dict(fsspec.config.conf.get("s3", {}))
    fsspec.config.conf["s3"] = {"endpoint_url": c["endpoint"], "key": "test", "secret": "test"}
    try:
        mirror = store.WarehouseMirror(f"s3://{c['bucket']}/wh", cache=tmp_path / f"check-{label}")
        mirror.pull()
    finally:
        fsspec.config.conf["s3"] = old
    assert_consistent(mirror.dir)
    live = writer.live_ledger(mirror.dir).to_pandas()
    n = n or N_FILES
    assert sorted(live.source_path) == sorted(f"copy-{k:04d}.txt" for k in range(n)), label
    assert len(writer.read_table(mirror.dir, "articles")) == n


def test_copydesk_run_on_a_cluster(cluster, tmp_path):
    c = cluster
    raw = tmp_path / "raw"
    write_variants(raw, N_FILES)
    c["fs"].put(str(raw) + "/", f"{c['bucket']}/raw/", recursive=True)

    first = _run(c, tmp_path, "1")
    # Two flows at once: a second `copydesk run` on the same warehouse, started once the first holds the
    # lease, stops at once (while the first still runs) with an error naming the holder (its pid).
    lock = f"{c['bucket']}/wh/{store.LOCK_NAME}"
    deadline = time.monotonic() + 300
    while first.poll() is None and time.monotonic() < deadline:
        c["fs"].invalidate_cache()
        if c["fs"].exists(lock):
            break
        time.sleep(0.1)
    rival = _run(c, tmp_path, "rival")
    rival_out = rival.communicate(timeout=400)[0]
    assert first.poll() is None, "the first run ended before the second was refused"
    assert rival.returncode != 0, rival_out[-3000:]
    assert "is locked by another run (" in rival_out and f":{first.pid}:" in rival_out, rival_out[-3000:]
    out = first.communicate(timeout=400)[0]
    assert first.returncode == 0, out[-4000:]
    # every batch task (6) recorded by the run's server: the workers used the flow's API address
    assert f"recorded complete: {N_FILES // 2} task runs" in out, out[-3000:]
    for log in c["logs"]:
        assert "Starting temporary server" not in log.read_text()
    _check(c, tmp_path, "first")
    # the flow host kept no copy of the warehouse (issue 15, item 1): its cache holds the raw listing only
    host_cache = tmp_path / "host-cache"
    assert not [p.name for p in host_cache.iterdir() if p.name.startswith("wh-")]
    assert sum(f.stat().st_size for f in host_cache.rglob("*") if f.is_file()) < 64 * 1024

    # New objects, and a worker killed (SIGKILL) while it runs a batch: its task is lost mid-batch (Dask
    # may run it again elsewhere, or the run may fail); either way the next run leaves one row per object.
    write_variants(raw, N_FILES, start=N_FILES)
    c["fs"].put(str(raw) + "/", f"{c['bucket']}/raw/", recursive=True)
    import psutil
    faulty = _run(c, tmp_path, "2")
    killed = None
    deadline = time.monotonic() + 300
    while killed is None and faulty.poll() is None and time.monotonic() < deadline:
        for i, nanny in enumerate(c["procs"][1:], 1):
            if any((tmp_path / f"worker{i}" / "tmp").glob("copydesk-batch-*")):
                killed = psutil.Process(nanny.pid).children()[0]  # the worker process under its nanny
                killed.send_signal(signal.SIGKILL)
                break
        time.sleep(0.02)
    out = faulty.communicate(timeout=400)[0]
    assert killed is not None, out[-3000:]
    assert "recorded complete" in out or faulty.returncode != 0, out[-3000:]  # every task run it made
    again = _run(c, tmp_path, "3")
    out = again.communicate(timeout=400)[0]
    assert again.returncode == 0, out[-4000:]
    _check(c, tmp_path, "after a killed worker", n=2 * N_FILES)
