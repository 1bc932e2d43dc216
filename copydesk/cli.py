"""`copydesk` command line. Prefect is imported only inside the commands that orchestrate (run, serve, ui),
so `copydesk extract` and `copydesk eval` start fast and the core stays Prefect-free."""
from __future__ import annotations

import argparse
import importlib
import json
import os
import sys
from pathlib import Path

from copydesk import __version__


def cmd_extract(args) -> int:
    from copydesk.run.documents import process_path
    from copydesk.core.read import RejectError
    try:
        art = process_path(args.file, None)
    except RejectError as e:
        print(json.dumps({"source_path": args.file, "error_kind": e.kind, "message": e.message}) if args.json
              else f"rejected: {e.kind}: {e.message}")
        return 2
    rec = article_record(art)
    if args.json:
        print(json.dumps(rec, ensure_ascii=False, indent=2))
        return 0
    skip = {"lines", "body", "paragraphs"}
    for k, v in rec.items():
        if k not in skip and v not in (None, [], {}):
            print(f"{k:>16}: {v if not isinstance(v, list) or not v or not isinstance(v[0], dict) else ''}")
            if isinstance(v, list) and v and isinstance(v[0], dict):
                for row in v:
                    print(" " * 18 + json.dumps(row, ensure_ascii=False))
    print("\nbody paragraphs:")
    for i, p in enumerate(art.paragraphs, 1):
        print(f"  [{i}] {p}")
    print("\nlines:")
    for ln in art.lines:
        first = f"  (first: {ln.first[0]}/{ln.first[1]})" if ln.first else ""
        print(f"  {ln.number:>5} {ln.label:<17} {ln.reason:<28} {ln.text[:90]}{first}")
    return 0


def article_record(art) -> dict:
    """The articles row's columns as keys plus each child table as a list of row objects."""
    from copydesk.warehouse.writer import rows_for, now_utc
    rows = rows_for([art], [], now_utc())
    rec = dict(rows["articles"][0])
    rec["ingested_at"] = rec["ingested_at"].isoformat()
    rec["paragraphs"] = art.paragraphs
    for t in ("images", "related_links", "quotes", "people", "organizations", "places", "lines"):
        rec[t] = [{k: v for k, v in r.items() if k != "article_id"} for r in rows[t]]
    if art.acronyms:
        rec["acronyms"] = art.acronyms
    return rec


def cmd_eval(args) -> int:
    from copydesk.tools.evaluate import main
    return main(args)


def _delegate(module: str, func: str = "main"):
    """Handler that imports `module` only when its command runs (keeps start-up fast)."""
    def handler(args):
        return getattr(importlib.import_module(module), func)(args)
    return handler


def cmd_compact(args) -> int:
    """`copydesk compact`: merge small part files of every table, under the warehouse lock, after recovery."""
    from copydesk.warehouse import writer
    from copydesk.warehouse.compact import compact
    from copydesk.warehouse.recovery import recover
    wh = Path(args.warehouse)
    if not (wh / "_ledger").exists():
        print(f"no warehouse at {wh} (run `copydesk run` first)", file=sys.stderr)
        return 2
    try:
        lock = writer.warehouse_lock(wh, blocking=False)
        lock.__enter__()
    except BlockingIOError:
        print(f"waiting for the run that holds {wh}/.lock ...", file=sys.stderr)
        lock = writer.warehouse_lock(wh)
        lock.__enter__()
    try:
        writer.ensure_tables(wh)
        recover(wh)
        s = compact(wh)
    finally:
        lock.__exit__(None, None, None)
    print(f"compacted {wh}: {s['files_before']} files -> {s['files_after']} "
          f"({s['rewritten']} small files merged into {s['outputs']}, {s['rows']} rows rewritten)")
    return 0


def add_run_arguments(p) -> None:
    from copydesk.config import FIELDS, switch
    p.add_argument("--config", help="a copydesk.toml or pyproject.toml (default: found in the current folder)")
    for key, f in FIELDS.items():
        if key in ("schedule", "schedule_timezone", "site_timezones"):
            continue
        # bool before int (bool is an int subclass, and bool("off") is True): yes/no options parse on/off
        typ = switch if isinstance(f.default, bool) else \
            type(f.default) if isinstance(f.default, (int, float)) else str
        p.add_argument("--" + key.replace("_", "-"), type=typ, default=None,
                       help=f"{f.metadata.get('help', '')} (env COPYDESK_{key.upper()})")
    p.add_argument("--dask", nargs="?", const="local", default=None, metavar="ADDRESS",
                   help="run the batches on Dask: a temporary LocalCluster (2 worker processes on 127.0.0.1) "
                        "without ADDRESS, or an existing scheduler such as tcp://10.0.0.5:8786")


def build_parser() -> argparse.ArgumentParser:
    ap = argparse.ArgumentParser(prog="copydesk", description="Turn raw news pages into clean Parquet tables.")
    ap.add_argument("--version", action="version", version=f"copydesk {__version__}")
    sub = ap.add_subparsers(dest="command", required=True)

    p = sub.add_parser("run", help="run the ingest flow over raw/ into warehouse/")
    add_run_arguments(p)
    p.set_defaults(func=_delegate("flows.drain", "run_main"))

    p = sub.add_parser("serve", help="serve the `ingest` deployment on a cron schedule (needs `copydesk ui`)")
    p.add_argument("--cron", default=None, help='cron schedule, e.g. "*/15 * * * *" (default: config `schedule`)')
    p.add_argument("--config", help="a copydesk.toml or pyproject.toml")
    p.add_argument("--name", default="scheduled", help="deployment name")
    p.set_defaults(func=_delegate("flows.serve", "serve_main"))

    p = sub.add_parser("ui", help="start the local Prefect server and UI on 127.0.0.1 and print its address")
    p.add_argument("--port", type=int, default=4200)
    p.set_defaults(func=_delegate("flows.serve", "ui_main"))

    p = sub.add_parser("extract", help="one file through the core; prints fields, body and every line's label")
    p.add_argument("file")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_extract)

    p = sub.add_parser("eval", help="score the core on a benchmark laid out like ../shared/eval/dev")
    p.add_argument("dataset")
    p.add_argument("--mode", choices=["text", "html"], default="text")
    p.add_argument("--ids", help="file with the page ids to score (JSON list/object or one per line)")
    p.add_argument("--predictions", help="write {id: {articleBody}} here")
    p.add_argument("--json", action="store_true")
    p.add_argument("--worst", type=int, default=10, help="how many worst pages to list")
    p.add_argument("--part", choices=["tune", "validation", "all"], default="all",
                   help="score the tune or validation part only (copydesk/tools/split.py); all: both, side by side")
    p.set_defaults(func=cmd_eval)

    # query, compact (issue 5): DuckDB views over the warehouse; merge small part files
    p = sub.add_parser("query", help="run SQL (DuckDB) over the warehouse tables, one view per table")
    p.add_argument("sql")
    p.add_argument("--warehouse", default="warehouse")
    p.add_argument("--format", choices=["table", "csv", "json", "parquet"], default="table")
    p.add_argument("--output", help="write the result here (parquet: required unless stdout is redirected)")
    p.set_defaults(func=_delegate("copydesk.warehouse.query"))

    p = sub.add_parser("compact", help="merge small Parquet files of every table (takes the warehouse lock)")
    p.add_argument("--warehouse", default="warehouse")
    p.set_defaults(func=cmd_compact)

    # bench (issue 7): corpus from the dev pages, core text/HTML rates, the whole flow, RSS, orchestration share
    p = sub.add_parser("bench", help="measure core and flow speed and memory on a generated corpus")
    p.add_argument("--docs", type=int, default=100_000, help="text documents for the flow run")
    p.add_argument("--html-docs", type=int, default=None,
                   help="HTML documents for the flow run (default 20000, or docs/5 when --docs is smaller)")
    p.add_argument("--core-docs", type=int, default=None, help="text documents timed in the core (default min(2000, docs))")
    p.add_argument("--core-html-docs", type=int, default=None, help="HTML documents timed in the core (default min(500, html-docs))")
    p.add_argument("--batch-size", type=int, default=500, help="passed to copydesk run")
    p.add_argument("--json", action="store_true", help="print the JSON result instead of the table")
    p.add_argument("--out", help="where to write the JSON (default bench-results/latest.json)")
    p.add_argument("--skip-flow", action="store_true", help="core measurements only")
    p.add_argument("--skip-core", action="store_true", help="flow measurements only")
    p.add_argument("--skip-linearity", action="store_true", help="no extra flow run on docs/2")
    p.add_argument("--plain-baseline", action="store_true", help="also run the text batches without Prefect")
    p.add_argument("--profile", action="store_true", help="cProfile the core per mode; print the top hot spots")
    p.add_argument("--profile-docs", type=int, default=300, help="documents per mode under the profiler")
    p.add_argument("--dev", default=None, help="benchmark pages dir (text/*.txt, html/*.html.gz); default ../shared/eval/dev")
    p.add_argument("--sample", default=None, help="dir of extra *.txt pages (default raw/)")
    p.add_argument("--workdir", default=None, help="where the temporary corpus and warehouses go")
    p.add_argument("--keep", action="store_true", help="keep the temporary corpus, warehouses and logs")
    p.add_argument("--seed", type=int, default=0)
    p.set_defaults(func=_delegate("copydesk.tools.bench"))
    return ap


def main(argv=None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return args.func(args) or 0
    except BrokenPipeError:
        # the reader went away (`copydesk eval ... | head`): stop quietly, as Unix tools do, instead of a
        # traceback; stdout goes to /dev/null so the interpreter's final flush does not raise again
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 141  # 128 + SIGPIPE, what a shell reports for a tool killed by the closed pipe



if __name__ == "__main__":
    sys.exit(main())
