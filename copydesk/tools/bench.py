"""`copydesk bench`: how fast and how lean copydesk is, measured on a corpus built from real pages.

The corpus is sampled from the dev benchmark pages (text dumps and HTML) and the sample article. Each
document gets varied boilerplate (navigation, ads, newsletter and cookie lines, a share bar, shuffled and
placed differently) and a unique story-id line, so every document is distinct content (no duplicate
short-cut in the ledger). Documents are generated one at a time and streamed to disk: the corpus is never
held in memory.

What is measured, separately:
- core text mode and core HTML mode: `pipeline.process_bytes` in this one process, after a warm-up (one-off
  model loads excluded); docs/s and MB/s of wall time and of CPU time (per core);
- the whole `ingest` flow end to end, as users run it (`copydesk run` in a subprocess with its own
  PREFECT_HOME): wall seconds, docs/s, peak RSS of the process tree (sampled with psutil, children included);
- the share of wall time spent outside our code: wall minus the time during which at least one batch was
  inside `copydesk.run.driver.run_batch` (read from the tasks' "batch N: ... in X s" log lines);
- linearity: the flow on N/2 and N documents (time ratio, peak RSS of each).

This module imports Prefect nowhere; the flow runs in a child process.
"""
from __future__ import annotations

import cProfile
import gzip
import json
import os
import platform
import pstats
import random
import re
import shutil
import subprocess
import sys
import tempfile
import time
from datetime import datetime, timezone
from pathlib import Path
from typing import Iterator, Optional

PROJECT_ROOT = Path(__file__).resolve().parents[2]
DEFAULT_DEV = Path(os.environ.get("COPYDESK_SHARED", PROJECT_ROOT.parent / "shared")) / "eval" / "dev"
DEFAULT_SAMPLE_DIR = PROJECT_ROOT / "raw"
DEFAULT_OUT = PROJECT_ROOT / "bench-results" / "latest.json"

# The workload sizes: the flow targets are stated for these N.
DEFAULT_TEXT_DOCS = 100_000
DEFAULT_HTML_DOCS = 20_000
# Core runs time this many documents per mode (after warm-up); enough for a stable rate, short on a slow core.
CORE_TEXT_DOCS = 2_000
CORE_HTML_DOCS = 500
# Documents processed before timing starts: loads the language model and warms regex/parser caches.
WARMUP_DOCS = 20
# How often the flow's process tree is sampled for RSS (seconds).
RSS_SAMPLE_S = 0.2
# Files per sub-directory of the generated raw/ (keeps directories small, like dated crawl folders).
FILES_PER_DIR = 1_000
# Hot spots kept per mode when profiling.
PROFILE_TOP = 15

# The targets on the 2-core reference machine.
TARGETS = {
    "core_text_docs_per_s": 3_000, "core_html_docs_per_s": 100,
    "flow_text_wall_s_at_100k": 90, "flow_text_peak_rss_mib": 1.5 * 1024, "flow_html_wall_s_at_20k": 150,
    "orchestration_share": 0.05, "linearity_time_ratio": (1.7, 2.3),
}

# ---------------------------------------------------------------------------------------------
# Synthetic boilerplate. Generic site furniture (not taken from any benchmark page), so the same article
# shows up as many distinct pages the way one story does across a site's templates and days.
NAV_ITEMS = ["Home", "News", "World", "Politics", "Business", "Markets", "Tech", "Science", "Health",
             "Sport", "Culture", "Opinion", "Travel", "Weather", "Video", "Podcasts", "Local", "Climate"]
AD_LINES = ["Advertisement", "ADVERTISEMENT", "Sponsored content", "Story continues below advertisement",
            "Ad", "Sponsored", "Advertise with us"]
NEWSLETTER_LINES = ["Sign up for our morning briefing", "Get the newsletter delivered to your inbox",
                    "Subscribe to our daily newsletter", "Enter your email address", "Sign up",
                    "Thank you for subscribing"]
COOKIE_LINES = ["We use cookies to improve your experience on our site. Accept all",
                "This site uses cookies. By continuing to browse you agree to our use of cookies.",
                "Manage cookie preferences"]
SHARE_LINES = ["Share", "Share on Facebook", "Share on X", "Email this story", "Copy link", "Print"]
FOOTER_LINES = ["About us", "Contact", "Privacy policy", "Terms of use", "Careers", "Help centre"]


def story_id(i: int, rng: random.Random) -> str:
    """The line that makes document i unique (a CMS reference like many sites print under the story)."""
    return f"Story ID: {i:07d}-{rng.getrandbits(32):08x}"


def load_templates(dev_dir: Path = DEFAULT_DEV, sample_dir: Optional[Path] = DEFAULT_SAMPLE_DIR) -> dict:
    """{'text': [(name, bytes)], 'html': [(name, bytes)]}: the dev pages (HTML gunzipped) and the sample."""
    dev_dir = Path(dev_dir)
    text = [(p.stem, p.read_bytes()) for p in sorted((dev_dir / "text").glob("*.txt"))]
    if sample_dir is not None and Path(sample_dir).is_dir():
        text += [(p.stem, p.read_bytes()) for p in sorted(Path(sample_dir).glob("*.txt"))]
    html = [(p.name[: -len(".html.gz")], gzip.decompress(p.read_bytes()))
            for p in sorted((dev_dir / "html").glob("*.html.gz"))]
    if not text or not html:
        raise FileNotFoundError(f"no benchmark pages under {dev_dir} (text/*.txt and html/*.html.gz)")
    return {"text": text, "html": html}


def vary_text(page: bytes, i: int, rng: random.Random) -> bytes:
    """A text dump with site furniture added around and inside it; every original line is kept, in order."""
    lines = page.decode("utf-8", errors="surrogateescape").splitlines()
    nav = rng.sample(NAV_ITEMS, rng.randint(4, 10))
    head = nav if rng.random() < 0.5 else [" | ".join(nav)]
    if rng.random() < 0.4:
        head = [rng.choice(COOKIE_LINES)] + head
    tail = rng.sample(SHARE_LINES, rng.randint(0, 3)) + rng.sample(NEWSLETTER_LINES, rng.randint(1, 3)) \
        + rng.sample(FOOTER_LINES, rng.randint(2, 5))
    tail.insert(rng.randint(0, len(tail)), story_id(i, rng))
    body = list(lines)
    for _ in range(rng.randint(1, 3)):  # ad slots inside the page, between existing lines
        body.insert(rng.randint(1, max(1, len(body))), rng.choice(AD_LINES))
    out = head + body + tail
    return ("\n".join(out) + "\n").encode("utf-8", errors="surrogateescape")


_BODY_OPEN = re.compile(rb"<body\b[^>]*>", re.I)
_BODY_CLOSE = re.compile(rb"</body\s*>", re.I)


def vary_html(page: bytes, i: int, rng: random.Random) -> bytes:
    """An HTML page with a site nav after <body> and an ad, newsletter box and footer (with the story id)
    before </body>; the original markup is kept byte for byte in between."""
    nav = "".join(f'<li><a href="/{x.lower()}">{x}</a></li>' for x in rng.sample(NAV_ITEMS, rng.randint(4, 10)))
    top = f'\n<nav class="site-nav"><ul>{nav}</ul></nav>\n'
    if rng.random() < 0.4:
        top = f'\n<div class="cookie-banner"><p>{rng.choice(COOKIE_LINES)}</p></div>' + top
    news = "".join(f"<p>{x}</p>" for x in rng.sample(NEWSLETTER_LINES, rng.randint(1, 3)))
    foot = "".join(f'<li><a href="/{x.lower().replace(" ", "-")}">{x}</a></li>'
                   for x in rng.sample(FOOTER_LINES, rng.randint(2, 5)))
    bottom = (f'\n<div class="ad-slot"><span>{rng.choice(AD_LINES)}</span></div>'
              f'\n<aside class="newsletter">{news}</aside>'
              f'\n<footer class="site-footer"><ul>{foot}</ul><p class="story-ref">{story_id(i, rng)}</p></footer>\n')
    top_b, bottom_b = top.encode(), bottom.encode()
    m = _BODY_OPEN.search(page)
    closes = list(_BODY_CLOSE.finditer(page))
    start = m.end() if m else 0
    end = closes[-1].start() if closes and closes[-1].start() >= start else len(page)
    return page[:start] + top_b + page[start:end] + bottom_b + page[end:]


def iter_corpus(templates: dict, kind: str, n: int, seed: int = 0) -> Iterator[tuple[str, bytes]]:
    """n distinct documents of `kind` ('text' or 'html'), one at a time: (relative path, bytes)."""
    rng = random.Random(f"{seed}-{kind}")
    pages = templates[kind]
    vary = vary_text if kind == "text" else vary_html
    ext = ".txt" if kind == "text" else ".html"
    for i in range(n):
        name, page = pages[rng.randrange(len(pages))]
        yield f"{kind}-{i // FILES_PER_DIR:04d}/{i:07d}-{name[:12]}{ext}", vary(page, i, rng)


def write_corpus(out_dir: Path, templates: dict, kind: str, n: int, seed: int = 0) -> dict:
    """Stream n documents to out_dir (one file each, written and forgotten)."""
    t0 = time.perf_counter()
    out_dir = Path(out_dir)
    total, made = 0, set()
    for rel, data in iter_corpus(templates, kind, n, seed):
        p = out_dir / rel
        if p.parent not in made:
            p.parent.mkdir(parents=True, exist_ok=True)
            made.add(p.parent)
        p.write_bytes(data)
        total += len(data)
    return {"files": n, "bytes": total, "build_s": round(time.perf_counter() - t0, 3)}


def link_subset(src: Path, dst: Path, n: int) -> int:
    """Hard-link the first n files of a generated corpus into dst (same bytes, no extra disk)."""
    from copydesk.sources.files import discover
    k = 0
    for p in discover(src):
        if k >= n:
            break
        q = Path(dst) / p.relative_to(src)
        q.parent.mkdir(parents=True, exist_ok=True)
        try:
            os.link(p, q)
        except OSError:
            shutil.copy2(p, q)
        k += 1
    return k


# ---------------------------------------------------------------------------------------------
# Core: one process, in memory, after warm-up.

def measure_core(templates: dict, kind: str, n: int, warmup: int = WARMUP_DOCS, seed: int = 1) -> dict:
    from copydesk.core.pipeline import process_bytes
    from copydesk.core.read import RejectError
    docs = iter_corpus(templates, kind, n + warmup, seed)
    for _ in range(warmup):
        rel, data = next(docs)
        try:
            process_bytes(data, rel, kind)
        except RejectError:
            pass
    wall = cpu = 0.0
    nbytes = rejects = done = 0
    reject_kinds: dict[str, int] = {}
    for rel, data in docs:
        w0, c0 = time.perf_counter(), time.process_time()
        try:
            process_bytes(data, rel, kind)
        except RejectError as e:
            rejects += 1
            reject_kinds[e.kind] = reject_kinds.get(e.kind, 0) + 1
        wall += time.perf_counter() - w0
        cpu += time.process_time() - c0
        nbytes += len(data)
        done += 1
    mb = nbytes / 1e6
    return {"docs": done, "rejects": rejects, "reject_kinds": reject_kinds, "bytes": nbytes,
            "wall_s": round(wall, 3), "cpu_s": round(cpu, 3),
            "docs_per_s": round(done / wall, 1) if wall else None, "mb_per_s": round(mb / wall, 3) if wall else None,
            "docs_per_cpu_s": round(done / cpu, 1) if cpu else None,
            "mb_per_cpu_s": round(mb / cpu, 3) if cpu else None}


def profile_core(templates: dict, kind: str, n: int, top: int = PROFILE_TOP) -> dict:
    """cProfile of the core on n documents (after warm-up): the functions with most own time and most
    cumulative time, each with its share of the profiled total."""
    from copydesk.core.pipeline import process_bytes
    from copydesk.core.read import RejectError
    docs = list(iter_corpus(templates, kind, n + WARMUP_DOCS, seed=2))  # n is small here: fine in memory
    for rel, data in docs[:WARMUP_DOCS]:
        try:
            process_bytes(data, rel, kind)
        except RejectError:
            pass
    pr = cProfile.Profile()
    pr.enable()
    for rel, data in docs[WARMUP_DOCS:]:
        try:
            process_bytes(data, rel, kind)
        except RejectError:
            pass
    pr.disable()
    return _top(pstats.Stats(pr), n, top)


def _top(st: pstats.Stats, n: int, top: int) -> dict:
    total = st.total_tt or 1e-9

    def name(k) -> str:
        fn, line, func = k
        if fn.startswith(str(PROJECT_ROOT)):
            fn = os.path.relpath(fn, PROJECT_ROOT)
        elif "site-packages/" in fn:
            fn = fn.split("site-packages/", 1)[1]
        return f"{fn}:{line}({func})" if line else func

    rows = [(name(k), v[1], v[2], v[3]) for k, v in st.stats.items()]  # (name, calls, tottime, cumtime)
    own = sorted(rows, key=lambda r: -r[2])[:top]
    cum = sorted(rows, key=lambda r: -r[3])[:top]
    return {"docs": n, "total_s": round(total, 3),
            "own": [{"function": r[0], "calls": r[1], "own_s": round(r[2], 3), "share": round(r[2] / total, 3)}
                    for r in own],
            "cumulative": [{"function": r[0], "calls": r[1], "cum_s": round(r[3], 3),
                            "share": round(min(1.0, r[3] / total), 3)} for r in cum]}


# ---------------------------------------------------------------------------------------------
# Flow: `copydesk run` in a child process, its process tree sampled for RSS.

_LOG_TS = r"^(\d\d):(\d\d):(\d\d)\.(\d{3}) \| \w+\s*\| "
_BATCH_LINE = re.compile(_LOG_TS + r".*? - batch (\d+): (\d+) files .*? in ([\d.]+)s", re.M)
_FLOW_BEGIN = re.compile(_LOG_TS + r"Flow run .*? - Beginning flow run", re.M)
_SUMMARY_SECONDS = re.compile(r"^seconds: ([\d.]+)\s*$", re.M)


def _tod(h, m, s, ms) -> float:
    return int(h) * 3600 + int(m) * 60 + int(s) + int(ms) / 1000


def union_length(intervals: list[tuple[float, float]]) -> float:
    """Total length covered by at least one interval (batches running in parallel count once)."""
    total, cur_s, cur_e = 0.0, None, None
    for s, e in sorted(intervals):
        if cur_e is None or s > cur_e:
            if cur_e is not None:
                total += cur_e - cur_s
            cur_s, cur_e = s, e
        else:
            cur_e = max(cur_e, e)
    if cur_e is not None:
        total += cur_e - cur_s
    return total


def parse_flow_log(log: str, start_tod: float) -> dict:
    """From `copydesk run` output (Prefect console log at INFO): per-batch seconds in our code, when they
    ran (relative to the child's start, seconds of day of `start_tod`), the flow's own seconds."""
    def rel(t: float) -> float:
        return (t - start_tod) % 86400

    batches = []
    for m in _BATCH_LINE.finditer(log):
        end = rel(_tod(*m.group(1, 2, 3, 4)))
        sec = float(m.group(7))
        batches.append({"batch": int(m.group(5)), "files": int(m.group(6)), "seconds": sec,
                        "start": round(max(0.0, end - sec), 3), "end": round(end, 3)})
    begin = _FLOW_BEGIN.search(log)
    secs = _SUMMARY_SECONDS.search(log)
    return {"batches": batches,
            "in_task_s": round(sum(b["seconds"] for b in batches), 3),
            "task_busy_s": round(union_length([(b["start"], b["end"]) for b in batches]), 3),
            "flow_begin_s": round(rel(_tod(*begin.group(1, 2, 3, 4))), 3) if begin else None,
            "flow_s": float(secs.group(1)) if secs else None}


def _role(p, root_pid: int) -> str:
    """What a process in the flow's tree is: the flow process itself, Prefect's embedded server, or a
    worker (forked document workers, process pools)."""
    if p.pid == root_pid:
        return "main"
    try:
        cmd = " ".join(p.cmdline())
    except Exception:
        return "worker"
    return "prefect_server" if ("uvicorn" in cmd or "prefect" in cmd and "server" in cmd) else "worker"


def sample_tree(proc, roles: dict) -> tuple[int, int, int]:
    """One sample of the process tree: (sum of RSS, sum of PSS, process count). PSS splits pages that
    forked workers share copy-on-write with their parent, so it does not count them twice as RSS does.
    Updates roles[role] with the largest RSS seen for a process of that role."""
    import psutil
    try:
        procs = [proc] + proc.children(recursive=True)
    except psutil.Error:
        return 0, 0, 0
    rss = pss = count = 0
    for p in procs:
        try:
            try:
                m = p.memory_full_info()
                r, ps = m.rss, getattr(m, "pss", m.rss)
            except psutil.AccessDenied:
                r = ps = p.memory_info().rss
        except psutil.Error:
            continue
        rss, pss, count = rss + r, pss + ps, count + 1
        role = roles.setdefault(p.pid, _role(p, proc.pid))
        roles[role] = max(roles.get(role, 0), r)
    return rss, pss, count


def run_monitored(cmd: list[str], log_path: Path, env: dict, cwd: Path = PROJECT_ROOT) -> dict:
    """Run cmd to completion, output to log_path: wall seconds, peak memory of the process tree (sampled
    every RSS_SAMPLE_S), CPU seconds of the whole tree (rusage of reaped children)."""
    import resource

    import psutil
    now = datetime.now()
    start_tod = now.hour * 3600 + now.minute * 60 + now.second + now.microsecond / 1e6
    ru0 = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    roles: dict = {}
    peak_rss = peak_pss = peak_procs = 0
    with open(log_path, "wb") as logf:
        proc = psutil.Popen(cmd, stdout=logf, stderr=subprocess.STDOUT, cwd=str(cwd), env=env)
        while proc.poll() is None:
            r, ps, n = sample_tree(proc, roles)
            peak_rss, peak_pss, peak_procs = max(peak_rss, r), max(peak_pss, ps), max(peak_procs, n)
            time.sleep(RSS_SAMPLE_S)
        rc = proc.wait()
    wall = time.perf_counter() - t0
    ru1 = resource.getrusage(resource.RUSAGE_CHILDREN)
    mib = 2 ** 20
    return {"exit_code": rc, "wall_s": round(wall, 3),
            "peak_rss_mib": round(peak_rss / mib, 1), "peak_pss_mib": round(peak_pss / mib, 1),
            "peak_rss_by_role_mib": {k: round(v / mib, 1) for k, v in roles.items() if isinstance(k, str)},
            "max_processes": peak_procs,
            "cpu_s": round((ru1.ru_utime - ru0.ru_utime) + (ru1.ru_stime - ru0.ru_stime), 2),
            "start_tod": start_tod}


def flow_env(prefect_home: Path) -> dict:
    env = dict(os.environ)
    env.update(PREFECT_HOME=str(prefect_home), PREFECT_LOGGING_LEVEL="INFO",
               PREFECT_SERVER_ANALYTICS_ENABLED="false", PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS="180",
               PREFECT_API_REQUEST_TIMEOUT="120", PYTHONUNBUFFERED="1")
    env.pop("PREFECT_API_URL", None)  # always the embedded server in its own PREFECT_HOME
    return env


def measure_flow(raw: Path, warehouse: Path, batch_size: int, prefect_home: Path, log_path: Path,
                 docs: int) -> dict:
    cmd = [sys.executable, "-m", "copydesk.cli", "run", "--raw", str(raw), "--warehouse", str(warehouse),
           "--batch-size", str(batch_size)]
    r = run_monitored(cmd, log_path, flow_env(prefect_home))
    log = log_path.read_text(encoding="utf-8", errors="replace")
    parsed = parse_flow_log(log, r.pop("start_tod"))
    wall = r["wall_s"]
    out = {"docs": docs, **r, "docs_per_s": round(docs / wall, 1) if wall else None,
           "batches": len(parsed["batches"]), "in_task_s": parsed["in_task_s"],
           "task_busy_s": parsed["task_busy_s"], "startup_s": parsed["flow_begin_s"], "flow_s": parsed["flow_s"],
           "log": str(log_path)}
    m = re.search(r"^articles: (\d+)\s+duplicates of known content: (\d+)", log, re.M)
    rj = re.search(r"^rejects: (\d+)", log, re.M)
    out["articles"] = int(m.group(1)) if m else None
    out["duplicates"] = int(m.group(2)) if m else None
    out["rejects"] = int(rj.group(1)) if rj else None
    if parsed["batches"]:
        # Time with no batch inside our code: interpreter + Prefect start, server, task scheduling and
        # state round-trips, artifacts, the drain of the run history, shutdown.
        out["orchestration_s"] = round(wall - parsed["task_busy_s"], 3)
        out["orchestration_share"] = round(out["orchestration_s"] / wall, 4)
        if parsed["flow_s"]:
            # The same inside the flow body only (fixed start-up and drain excluded): the per-batch cost.
            out["orchestration_share_in_flow"] = round(max(0.0, parsed["flow_s"] - parsed["task_busy_s"])
                                                       / parsed["flow_s"], 4)
    else:
        out["orchestration_s"] = out["orchestration_share"] = out["orchestration_share_in_flow"] = None
        out["note"] = "no 'batch N: ... in X s' task log lines found; orchestration share unknown"
    if r["exit_code"] != 0:
        out["error_tail"] = log[-2000:]
    return out


def plain_ingest(raw: str, warehouse: str, batch_size: str) -> None:
    """What the flow does, through copydesk.run.driver without Prefect, in one process (its batches still use
    the core's own document workers): plan, the same batches in order, then the end-of-run step. Prints
    one JSON line with the seconds of each part."""
    from copydesk.run import driver as core
    from copydesk.warehouse import writer
    t0 = time.perf_counter()
    os.makedirs(warehouse, exist_ok=True)
    writer.ensure_tables(warehouse)
    p = core.plan(raw, warehouse)
    t_plan = time.perf_counter() - t0
    known = set(p.known_sha)
    secs = 0.0
    for i, items in enumerate(core.batches(p.todo, int(batch_size)), 1):
        s = core.run_batch(items, raw, warehouse, core.batch_key("plain", i, items), "plain", known)
        secs += s["seconds"]
    t1 = time.perf_counter()
    finish = getattr(core, "finish_run", None)
    if finish is not None:
        finish(warehouse)
    t_finish = time.perf_counter() - t1
    print(json.dumps({"files": len(p.todo), "plan_s": round(t_plan, 3), "in_batch_s": round(secs, 3),
                      "finish_s": round(t_finish, 3) if finish is not None else None,
                      "seconds": round(time.perf_counter() - t0, 3)}))


def measure_plain(raw: Path, warehouse: Path, batch_size: int, log_path: Path, docs: int) -> dict:
    cmd = [sys.executable, "-c", "import sys; from copydesk.tools.bench import plain_ingest; plain_ingest(*sys.argv[1:])",
           str(raw), str(warehouse), str(batch_size)]
    r = run_monitored(cmd, log_path, dict(os.environ))
    r.pop("start_tod")
    r["docs"] = docs
    r["docs_per_s"] = round(docs / r["wall_s"], 1) if r["wall_s"] else None
    try:
        r.update(json.loads(log_path.read_text().strip().splitlines()[-1]))
    except (ValueError, IndexError):
        r["error_tail"] = log_path.read_text(errors="replace")[-2000:]
    return r


# ---------------------------------------------------------------------------------------------

def machine() -> dict:
    model = None
    try:
        for line in open("/proc/cpuinfo", encoding="utf-8"):
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem = None
    try:
        import psutil
        mem = round(psutil.virtual_memory().total / 2**30, 1)
    except Exception:
        pass
    return {"nproc": os.cpu_count(), "cpu_model": model or platform.processor(), "mem_total_gib": mem,
            "python": platform.python_version(), "platform": platform.platform(),
            "load_avg_at_start": [round(x, 2) for x in os.getloadavg()] if hasattr(os, "getloadavg") else None}


def project_wall(f: dict, n: int) -> float:
    """Wall seconds the flow run `f` would take on n documents: the fixed part (start-up before the flow
    body, drain and exit after it) stays, the flow body scales linearly. Whole wall scaled when unknown."""
    if f["docs"] == n:
        return f["wall_s"]
    if f.get("startup_s") is not None and f.get("flow_s"):
        fixed = f["wall_s"] - f["flow_s"]
        return round(fixed + f["flow_s"] * n / f["docs"], 1)
    return round(f["wall_s"] * n / f["docs"], 1)


def profile_batch(templates: dict, kind: str, n: int, workdir: Optional[str] = None,
                  top: int = PROFILE_TOP) -> dict:
    """cProfile of one `copydesk.run.driver.run_batch` of n fresh documents into a scratch warehouse: what the
    flow's tasks spend their time on (read, core, Parquet writes)."""
    from copydesk.run import driver as core
    from copydesk.warehouse import writer
    base = Path(tempfile.mkdtemp(prefix="copydesk-bench-prof-", dir=workdir))
    try:
        raw, wh = base / "raw", base / "wh"
        write_corpus(raw, templates, kind, n + WARMUP_DOCS, seed=3)
        writer.ensure_tables(str(wh))
        p = core.plan(raw, wh)
        warm, todo = p.todo[:WARMUP_DOCS], p.todo[WARMUP_DOCS:]
        core.run_batch(warm, str(raw), str(wh), "warm", "bench", set())
        pr = cProfile.Profile()
        pr.enable()
        core.run_batch(todo, str(raw), str(wh), "prof", "bench", set())
        pr.disable()
        return _top(pstats.Stats(pr), n, top)
    finally:
        shutil.rmtree(base, ignore_errors=True)


def code_version() -> dict:
    """The commit measured, and whether the core/flow/tasks had uncommitted changes at the time."""
    def git(*a: str) -> str:
        try:
            return subprocess.run(["git", *a], cwd=PROJECT_ROOT, capture_output=True, text=True, timeout=10).stdout.strip()
        except (OSError, subprocess.SubprocessError):
            return ""
    from copydesk import __version__
    return {"copydesk_version": __version__, "commit": git("rev-parse", "--short", "HEAD") or None,
            "uncommitted_changes": bool(git("status", "--porcelain", "--", "copydesk", "flows", "tasks"))}


def check_targets(res: dict) -> dict:
    """Each target with the measured (or linearly projected) value and whether it is met."""
    out = {}
    core = res.get("core", {})
    for kind, key in (("text", "core_text_docs_per_s"), ("html", "core_html_docs_per_s")):
        if kind in core:
            v = core[kind]["docs_per_cpu_s"]
            out[key] = {"target": TARGETS[key], "value": v, "met": v is not None and v >= TARGETS[key]}
    flow = res.get("flow", {})
    # wall time of each flow run projected to the N
    for kind, key, n in (("text", "flow_text_wall_s_at_100k", DEFAULT_TEXT_DOCS),
                         ("html", "flow_html_wall_s_at_20k", DEFAULT_HTML_DOCS)):
        if kind in flow and flow[kind].get("docs_per_s"):
            proj = project_wall(flow[kind], n)
            out[key] = {"target": TARGETS[key], "value": proj, "projected": flow[kind]["docs"] != n,
                        "met": proj <= TARGETS[key]}
    if "text" in flow and flow["text"].get("docs_per_s"):
        f = flow["text"]
        # PSS: the tree's real footprint (forked workers share pages with their parent); the plain sum of
        # RSS counts those pages once per process and is given alongside as the upper bound.
        out["flow_text_peak_rss_mib"] = {"target": TARGETS["flow_text_peak_rss_mib"], "value": f["peak_pss_mib"],
                                         "measure": "sum of PSS over the process tree",
                                         "rss_sum_mib": f["peak_rss_mib"],
                                         "met": f["peak_pss_mib"] <= TARGETS["flow_text_peak_rss_mib"]}
        if f.get("orchestration_share") is not None:
            out["orchestration_share"] = {"target": TARGETS["orchestration_share"],
                                          "value": f["orchestration_share"],
                                          "met": f["orchestration_share"] <= TARGETS["orchestration_share"]}
    lin = res.get("linearity", {}).get("text")
    if lin and lin.get("wall_ratio"):
        lo, hi = TARGETS["linearity_time_ratio"]
        out["linearity_time_ratio"] = {"target": [lo, hi], "value": lin["wall_ratio"],
                                       "met": lo <= lin["wall_ratio"] <= hi}
    return out


def run_bench(args) -> dict:
    t_start = time.perf_counter()
    res: dict = {"version": 1, "started_at": datetime.now(timezone.utc).isoformat(timespec="seconds"),
                 "command": "copydesk bench " + " ".join(getattr(args, "argv", []) or []),
                 "machine": machine(), "code": code_version(),
                 "params": {"docs": args.docs, "html_docs": args.html_docs, "batch_size": args.batch_size,
                            "core_text_docs": args.core_docs, "core_html_docs": args.core_html_docs,
                            "seed": args.seed, "linearity": not args.skip_linearity,
                            "plain_baseline": args.plain_baseline},
                 "corpus": {}, "core": {}, "flow": {}, "linearity": {}, "profile": {}}
    templates = load_templates(Path(args.dev), Path(args.sample) if args.sample else None)
    res["corpus"]["templates"] = {k: len(v) for k, v in templates.items()}

    if not args.skip_core:
        for kind, n in (("text", args.core_docs), ("html", args.core_html_docs)):
            if n > 0:
                _say(args, f"core {kind}: {n} documents ...")
                res["core"][kind] = measure_core(templates, kind, n)
                if args.profile:
                    k = max(1, min(n, args.profile_docs))
                    res["profile"][kind] = profile_core(templates, kind, k)
                    res["profile"][f"{kind}_batch"] = profile_batch(templates, kind, k, args.workdir)

    if not args.skip_flow:
        base = Path(tempfile.mkdtemp(prefix="copydesk-bench-", dir=args.workdir))
        res["workdir"] = str(base)
        prefect_home = base / ".prefect"
        try:
            # One tiny run first: creates the Prefect database (migrations), so the runs below measure a
            # warm install like a user's second run. Reported separately as the cold start.
            warm_raw = base / "raw-warmup"
            write_corpus(warm_raw, templates, "text", 3, seed=args.seed + 99)
            _say(args, "flow: Prefect cold start (3 documents) ...")
            res["flow"]["cold_start"] = measure_flow(warm_raw, base / "wh-warmup", args.batch_size, prefect_home,
                                                     base / "flow-warmup.log", 3)
            for kind, n in (("text", args.docs), ("html", args.html_docs)):
                if n <= 0:
                    continue
                raw = base / f"raw-{kind}"
                _say(args, f"corpus: writing {n} {kind} documents to {raw} ...")
                res["corpus"][kind] = write_corpus(raw, templates, kind, n, seed=args.seed)
                if kind == "text" and not args.skip_linearity and n >= 2:
                    half = n // 2
                    raw_half = base / "raw-text-half"
                    link_subset(raw, raw_half, half)
                    _say(args, f"flow text: {half} documents (linearity) ...")
                    h = measure_flow(raw_half, base / "wh-text-half", args.batch_size, prefect_home,
                                     base / "flow-text-half.log", half)
                    res["linearity"]["text"] = {"docs": [half, n], "half": h}
                    shutil.rmtree(base / "wh-text-half", ignore_errors=True)
                _say(args, f"flow {kind}: {n} documents ...")
                res["flow"][kind] = measure_flow(raw, base / f"wh-{kind}", args.batch_size, prefect_home,
                                                 base / f"flow-{kind}.log", n)
                lin = res["linearity"].get(kind)
                if lin:
                    h, f = lin.pop("half"), res["flow"][kind]
                    lin["wall_s"] = [h["wall_s"], f["wall_s"]]
                    lin["wall_ratio"] = round(f["wall_s"] / h["wall_s"], 3) if h["wall_s"] else None
                    if h.get("task_busy_s") and f.get("task_busy_s"):
                        lin["work_s"] = [h["task_busy_s"], f["task_busy_s"]]
                        lin["work_ratio"] = round(f["task_busy_s"] / h["task_busy_s"], 3)
                    lin["peak_rss_mib"] = [h["peak_rss_mib"], f["peak_rss_mib"]]
                    lin["peak_pss_mib"] = [h["peak_pss_mib"], f["peak_pss_mib"]]
                    lin["pss_ratio"] = round(f["peak_pss_mib"] / h["peak_pss_mib"], 3) if h["peak_pss_mib"] else None
                    lin["peak_rss_by_role_mib"] = [h["peak_rss_by_role_mib"], f["peak_rss_by_role_mib"]]
                if kind == "text" and args.plain_baseline:
                    _say(args, f"plain (no Prefect) text: {n} documents ...")
                    p = measure_plain(raw, base / "wh-plain", args.batch_size, base / "plain-text.log", n)
                    res["plain"] = {"text": p}
                    f = res["flow"]["text"]
                    if f["wall_s"]:
                        f["overhead_vs_plain_share"] = round((f["wall_s"] - p["wall_s"]) / f["wall_s"], 4)
                    if f.get("orchestration_s") is not None and p.get("plan_s") is not None:
                        # Our code outside the tasks (plan, end-of-run step) as timed in the plain run,
                        # taken out of the flow's time-outside-batches: what is left is Prefect's.
                        net = f["orchestration_s"] - p["plan_s"] - (p.get("finish_s") or 0.0)
                        f["orchestration_net_s"] = round(net, 3)
                        f["orchestration_net_share"] = round(net / f["wall_s"], 4)
                    shutil.rmtree(base / "wh-plain", ignore_errors=True)
                shutil.rmtree(base / f"wh-{kind}", ignore_errors=True)
                if not args.keep:
                    shutil.rmtree(raw, ignore_errors=True)
        finally:
            if not args.keep:
                shutil.rmtree(base, ignore_errors=True)
                res["workdir"] += " (removed)"
    res["targets"] = check_targets(res)
    res["total_s"] = round(time.perf_counter() - t_start, 1)
    return res


def _say(args, msg: str) -> None:
    if not args.json:
        print(f"[bench {time.strftime('%H:%M:%S')}] {msg}", file=sys.stderr, flush=True)


def format_table(res: dict) -> str:
    m = res["machine"]
    out = [f"copydesk bench  {res['started_at']}  {m['nproc']} cores  {m['cpu_model']}  {m['mem_total_gib']} GiB  "
           f"load {m['load_avg_at_start']}  commit {res['code']['commit']}"
           + (" (+uncommitted changes)" if res["code"]["uncommitted_changes"] else "")]
    if res["core"]:
        out += ["", "core (one process, after warm-up)   docs  rejects  docs/s  MB/s  docs/cpu-s  MB/cpu-s"]
        for kind, c in res["core"].items():
            out.append(f"  {kind:<34}{c['docs']:>5} {c['rejects']:>8} {c['docs_per_s']:>7} {c['mb_per_s']:>5} "
                       f"{c['docs_per_cpu_s']:>11} {c['mb_per_cpu_s']:>9}")
    if res["flow"]:
        out += ["", "flow (copydesk run)   docs   wall s  docs/s  peak PSS (RSS sum) MiB  start-up s  in-task s  "
                    "orchestration share (whole / in flow)"]
        for kind, f in res["flow"].items():
            share = f.get("orchestration_share")
            inflow = f.get("orchestration_share_in_flow")
            mem = f"{f['peak_pss_mib']} ({f['peak_rss_mib']})"
            out.append(f"  {kind:<18}{f['docs']:>7} {f['wall_s']:>8} {f['docs_per_s']:>7} {mem:>23} "
                       f"{f.get('startup_s')!s:>11} {f.get('in_task_s')!s:>10}  "
                       f"{'n/a' if share is None else f'{share:.1%}'} / {'n/a' if inflow is None else f'{inflow:.1%}'}"
                       + ("" if f["exit_code"] == 0 else f"  EXIT {f['exit_code']}"))
            out.append(f"  {'':<18}largest RSS by role (MiB): {f.get('peak_rss_by_role_mib')}  tree CPU {f.get('cpu_s')} s")
            if f.get("overhead_vs_plain_share") is not None:
                pl = res["plain"]["text"]
                out.append(f"  {'':<18}without Prefect: {pl['wall_s']} s wall (plan {pl.get('plan_s')} s, batches "
                           f"{pl.get('in_batch_s')} s, end-of-run {pl.get('finish_s')} s); flow wall is "
                           f"{f['overhead_vs_plain_share']:.1%} more than that")
                if f.get("orchestration_net_share") is not None:
                    out.append(f"  {'':<18}Prefect's share net of our code outside tasks: "
                               f"{f['orchestration_net_s']} s = {f['orchestration_net_share']:.1%} of wall")
    for kind, lin in res.get("linearity", {}).items():
        out += ["", f"linearity {kind}: N={lin['docs'][0]} -> {lin['docs'][1]}: wall x{lin.get('wall_ratio')}, "
                    f"work x{lin.get('work_ratio')}, peak PSS {lin['peak_pss_mib'][0]} -> {lin['peak_pss_mib'][1]} MiB "
                    f"(RSS sum {lin['peak_rss_mib'][0]} -> {lin['peak_rss_mib'][1]}); largest RSS by role "
                    f"{lin['peak_rss_by_role_mib'][0]} -> {lin['peak_rss_by_role_mib'][1]}"]
    for kind, p in res.get("profile", {}).items():
        out += ["", f"profile {kind} ({p['docs']} docs, {p['total_s']} s): most own time"]
        out += [f"  {r['share']:>6.1%}  {r['own_s']:>7}s  {r['calls']:>8}  {r['function']}" for r in p["own"][:10]]
        out += [f"profile {kind}: most cumulative time"]
        out += [f"  {r['share']:>6.1%}  {r['cum_s']:>7}s  {r['calls']:>8}  {r['function']}"
                for r in p["cumulative"][:10]]
    if res.get("targets"):
        out += ["", "targets (issue 7)"]
        for k, t in res["targets"].items():
            proj = " (projected linearly)" if t.get("projected") else ""
            out.append(f"  {k:<28} target {t['target']!s:<12} value {t['value']!s:<10}{proj}  "
                       f"{'met' if t['met'] else 'NOT met'}")
    out.append(f"\ntotal {res['total_s']} s")
    return "\n".join(out)


def main(args) -> int:
    resolve_defaults(args)
    if getattr(args, "core_docs", None) is None:
        args.core_docs = min(CORE_TEXT_DOCS, args.docs)
    if getattr(args, "core_html_docs", None) is None:
        args.core_html_docs = min(CORE_HTML_DOCS, args.html_docs)
    args.argv = sys.argv[2:] if len(sys.argv) > 1 and sys.argv[1] == "bench" else []
    res = run_bench(args)
    out = Path(args.out) if args.out else DEFAULT_OUT
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(res, indent=2) + "\n", encoding="utf-8")
    if args.json:
        print(json.dumps(res, indent=2))
    else:
        print(format_table(res))
        print(f"results: {out}")
    bad = [k for k, f in res["flow"].items() if f.get("exit_code")]
    return 1 if bad else 0


def resolve_defaults(args) -> None:
    args.dev = args.dev or str(DEFAULT_DEV)
    args.sample = args.sample if args.sample is not None else str(DEFAULT_SAMPLE_DIR)
    if args.html_docs is None:
        args.html_docs = DEFAULT_HTML_DOCS if args.docs >= DEFAULT_TEXT_DOCS else max(0, args.docs // 5)
