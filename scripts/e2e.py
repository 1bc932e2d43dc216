"""End-to-end check in a real browser (`make e2e`, not part of `make test`).

1. `copydesk ui` on a free port of 127.0.0.1, with a scratch PREFECT_HOME;
2. `copydesk run` against it on a copy of raw/ plus one bad file;
3. headless Chromium (Debian's `chromium` package) renders the flow-run page and the summary artifact's page:
   screenshots go to e2e-results/, and the rendered DOM must show the run as Completed, its task run
   and the summary's numbers.
Exit code 0 when every check passes. Everything it starts is stopped at the end.
"""
from __future__ import annotations

import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
OUT = ROOT / "e2e-results"
BROWSER_BUDGET_MS = 20000  # virtual time the page gets to fetch from the API and render


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def api(base: str, path: str, body: dict) -> list | dict:
    req = urllib.request.Request(base + path, data=json.dumps(body).encode(), method="POST",
                                 headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(req, timeout=30) as r:
        return json.load(r)


def chromium() -> str:
    for name in ("chromium", "chromium-browser", "google-chrome"):
        p = shutil.which(name)
        if p:
            return p
    sys.exit("e2e: no chromium found; install it with `apt-get install -y chromium`")


def render(url: str, png: Path, profile: Path) -> str:
    """Screenshot `url` and return its rendered DOM (two headless runs with the same virtual time)."""
    common = [chromium(), "--headless=new", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
              f"--user-data-dir={profile}", "--window-size=1400,1000", f"--virtual-time-budget={BROWSER_BUDGET_MS}",
              "--no-first-run", "--disable-dev-shm-usage"]
    subprocess.run(common + [f"--screenshot={png}", url], check=True, capture_output=True, timeout=180)
    dom = subprocess.run(common + ["--dump-dom", url], check=True, capture_output=True, text=True, timeout=180)
    return dom.stdout


def main() -> int:
    OUT.mkdir(exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix="copydesk-e2e-"))
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    env = {k: v for k, v in os.environ.items() if not k.startswith("PREFECT_API")}
    env.update(PREFECT_HOME=str(work / "prefect"), PREFECT_SERVER_ANALYTICS_ENABLED="false")
    log = open(OUT / "server.log", "w")
    ui = subprocess.Popen([str(BIN / "copydesk"), "ui", "--port", str(port)], env=env, cwd=work,
                          stdout=log, stderr=subprocess.STDOUT, text=True, start_new_session=True)
    failures: list[str] = []
    try:
        deadline = time.monotonic() + 180
        while "Prefect UI:" not in (OUT / "server.log").read_text():
            if time.monotonic() > deadline or ui.poll() is not None:
                raise SystemExit("e2e: the server did not start (see e2e-results/server.log)")
            time.sleep(0.5)
        print(f"e2e: server up at {base}")
        raw = work / "raw"
        shutil.copytree(ROOT / "raw", raw)
        (raw / "broken.html.gz").write_bytes(b"\x1f\x8b\x08\x00 truncated")
        run_env = dict(env, PREFECT_API_URL=base + "/api")
        out = subprocess.run([str(BIN / "copydesk"), "run", "--raw", str(raw), "--warehouse", str(work / "wh")],
                             env=run_env, cwd=work, capture_output=True, text=True, timeout=600)
        print(out.stdout)
        if out.returncode != 0:
            raise SystemExit(f"e2e: copydesk run failed:\n{out.stderr[-3000:]}")
        fr = api(base + "/api", "/flow_runs/filter", {"sort": "START_TIME_DESC", "limit": 1})[0]
        arts = api(base + "/api", "/artifacts/filter",
                   {"artifacts": {"flow_run_id": {"any_": [fr["id"]]}, "key": {"any_": ["ingest-summary"]}}})
        print(f"e2e: flow run {fr['name']!r} state {fr['state_type']}")
        if fr["state_type"] != "COMPLETED":
            failures.append(f"API: flow run state is {fr['state_type']}")

        profile = work / "chrome"
        dom = render(f"{base}/runs/flow-run/{fr['id']}", OUT / "flow_run.png", profile)
        (OUT / "flow_run.html").write_text(dom)
        for want in ("Completed", fr["name"], "batch 1 (2 files)"):
            if want not in dom:
                failures.append(f"flow-run page does not show {want!r}")
        if arts:
            dom = render(f"{base}/artifacts/artifact/{arts[0]['id']}", OUT / "summary_artifact.png", profile)
            (OUT / "summary_artifact.html").write_text(dom)
            for want in ("ingest summary", "files seen", "gzip_corrupt"):
                if want not in dom:
                    failures.append(f"summary artifact page does not show {want!r}")
        else:
            failures.append("no ingest-summary artifact recorded")
    finally:
        os.killpg(ui.pid, signal.SIGTERM)
        try:
            ui.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(ui.pid, signal.SIGKILL)
        log.close()
        shutil.rmtree(work, ignore_errors=True)
    for f in failures:
        print("e2e FAIL:", f)
    print(f"e2e: screenshots in {OUT}/ ({'ok' if not failures else f'{len(failures)} failures'})")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
