"""`copydesk eval`: score the core on a dataset laid out like ../shared/eval/dev.

The metric is our own implementation of the benchmark's definition (token 4-gram multiset
precision/recall, per page normalised, macro-averaged; see ../shared/eval/metric.py's docstring) and is
tested to agree with the reference scorer.
"""
from __future__ import annotations

import json
import re
import time
from collections import Counter
from pathlib import Path
from typing import Iterable, Optional

NGRAM = 4
_WORD = re.compile(r"\w+")


def tokenize(text: Optional[str]) -> list[str]:
    return _WORD.findall(text) if text else []


def shingles(tokens: list[str], n: int = NGRAM) -> Counter:
    if not tokens:
        return Counter()
    if len(tokens) < n:
        return Counter([tuple(tokens)])
    return Counter(tuple(tokens[i:i + n]) for i in range(len(tokens) - n + 1))


def page_counts(true: Optional[str], pred: Optional[str], n: int = NGRAM) -> tuple[float, float, float]:
    t, p = shingles(tokenize(true), n), shingles(tokenize(pred), n)
    tp = sum((t & p).values())
    fp = sum((p - t).values())
    fn = sum((t - p).values())
    total = tp + fp + fn
    return (0.0, 0.0, 0.0) if total == 0 else (tp / total, fp / total, fn / total)


def _prec(c):
    tp, fp, fn = c
    return 1.0 if fp == 0 and fn == 0 else (0.0 if tp + fp == 0 else tp / (tp + fp))


def _rec(c):
    tp, fp, fn = c
    return 1.0 if fp == 0 and fn == 0 else (0.0 if tp + fn == 0 else tp / (tp + fn))


def aggregate(counts: list[tuple[float, float, float]]) -> dict:
    ps = [_prec(c) for c in counts if c[0] + c[1] > 0]
    rs = [_rec(c) for c in counts if c[0] + c[2] > 0]
    p = sum(ps) / len(ps) if ps else 0.0
    r = sum(rs) / len(rs) if rs else 0.0
    return {"precision": p, "recall": r, "f1": 2 * p * r / (p + r) if p + r > 0 else 0.0}


def score(truth: dict[str, str], pred: dict[str, str], ids: Optional[Iterable[str]] = None) -> dict:
    ids = sorted(truth) if ids is None else list(ids)
    counts = [page_counts(truth[k], pred.get(k)) for k in ids]
    out = aggregate(counts)
    out["n"] = len(ids)
    out["accuracy"] = sum(tokenize(truth[k]) == tokenize(pred.get(k)) for k in ids) / len(ids) if ids else 0.0
    return out


# WCXB's own page score (../shared/eval/wcxb_score.py, = its README's word_f1): bag of lower-cased \w+
# words per page, F1 of the multiset overlap, macro mean per page type; plus the share of must-have
# (`with`) snippets found and of must-not (`without`) snippets leaked, whitespace-normalised substrings.
def word_f1(pred: Optional[str], ref: Optional[str]) -> float:
    p, r = Counter(_WORD.findall((pred or "").lower())), Counter(_WORD.findall((ref or "").lower()))
    if not r:
        return 1.0 if not p else 0.0
    if not p:
        return 0.0
    o = sum((p & r).values())
    if not o:
        return 0.0
    pp, rr = o / sum(p.values()), o / sum(r.values())
    return 2 * pp * rr / (pp + rr)


def _norm(s: str) -> str:
    return " ".join(s.split())


def wcxb_score(gt: dict[str, dict], pred: dict[str, str], ids: Optional[Iterable[str]] = None) -> dict:
    """{page type and "all": {n, word_f1, with_found, without_found}} over `ids` (default: all of `gt`)."""
    rows: dict[str, list[float]] = {}
    snip: dict[str, list[int]] = {}
    for k in (sorted(gt) if ids is None else ids):
        g = gt[k]
        body = pred.get(k) or ""
        f = word_f1(body, g["articleBody"])
        nb = _norm(body)
        for t in (g.get("page_type") or "unknown", "all"):
            rows.setdefault(t, []).append(f)
            s = snip.setdefault(t, [0, 0, 0, 0])
            s[0] += sum(_norm(x) in nb for x in g.get("with") or ()); s[1] += len(g.get("with") or ())
            s[2] += sum(_norm(x) in nb for x in g.get("without") or ()); s[3] += len(g.get("without") or ())
    return {t: {"n": len(v), "word_f1": sum(v) / len(v), "with_found": snip[t][0] / max(1, snip[t][1]),
                "without_found": snip[t][2] / max(1, snip[t][3])} for t, v in sorted(rows.items())}


def page_type_score(gt: dict[str, dict], types: dict[str, Optional[str]], ids: Iterable[str]) -> dict:
    """Page-type accuracy against the ground truth's `page_type`: article-vs-not, seven-way, and per true
    type (the share of that type's pages given it) with the confusion row."""
    ids = [k for k in ids if gt[k].get("page_type")]
    if not ids:
        return {}
    per: dict[str, dict] = {}
    for k in ids:
        t, p = gt[k]["page_type"], types.get(k) or "none"
        d = per.setdefault(t, {"n": 0, "correct": 0, "as": {}})
        d["n"] += 1
        d["correct"] += p == t
        d["as"][p] = d["as"].get(p, 0) + 1
    return {
        "n": len(ids),
        "article_vs_not": sum((gt[k]["page_type"] == "article") == (types.get(k) == "article") for k in ids) / len(ids),
        "accuracy": sum(gt[k]["page_type"] == types.get(k) for k in ids) / len(ids),
        "per_type": {t: {"n": d["n"], "accuracy": d["correct"] / d["n"], "as": dict(sorted(d["as"].items()))}
                     for t, d in sorted(per.items())},
    }


def part_summary(gt: dict[str, dict], truth: dict[str, str], preds: dict[str, str],
                 types: dict[str, Optional[str]], ids: list[str]) -> dict:
    """Every figure of one part (tune, validation): the benchmark metric, WCXB's word-F1 and snippet rates
    (when the rows carry a page type) and the page-type accuracies."""
    out = score(truth, preds, ids)
    if any(gt[k].get("page_type") for k in ids):
        out["wcxb"] = wcxb_score(gt, preds, ids)
        out["page_type"] = page_type_score(gt, types, ids)
    return out


def load_dataset(root: Path, ids: Optional[list[str]] = None) -> dict[str, dict]:
    gt = json.loads((root / "ground-truth.json").read_text(encoding="utf-8"))
    keys = sorted(gt) if ids is None else ids
    return {k: gt[k] for k in keys}


PARTS = ("tune", "validation")


def run_eval(root: str | Path, mode: str = "text", ids: Optional[list[str]] = None, part: str = "all",
             body_timing: bool = True) -> dict:
    """Run the core over every page; returns metrics, per-page scores, predictions and timing. `part`
    (tune, validation, all; copydesk/tools/split.py) restricts the pages; `parts` holds every figure for
    each part separately (both when `all`). `body_timing=False` skips the second, body-only timing pass
    (body_pages_per_s is then 0): the quality gate's scores without its cost."""
    from copydesk.core.pipeline import body_lines, process_bytes
    from copydesk.core.read import RejectError, raw_from_bytes
    from copydesk.tools.fields import field_prediction, has_field_labels, score_fields
    from copydesk.tools.split import split
    root = Path(root)
    gt = load_dataset(root, ids)
    halves = split(gt)
    if part != "all":
        gt = {k: gt[k] for k in halves[part]}
        halves = {part: halves[part]}
    inputs = {}
    for k in gt:
        p = root / ("text" if mode == "text" else "html") / (f"{k}.txt" if mode == "text" else f"{k}.html.gz")
        inputs[k] = p.read_bytes()
    preds: dict[str, str] = {}
    fields: dict[str, dict] = {}  # title / authors / published per page (copydesk.tools.fields)
    langs: dict[str, Optional[str]] = {}
    types: dict[str, Optional[str]] = {}
    # Warm-up, not timed: the first page loads py3langid's model and builds lazy tables (~0.8 s once per
    # process), which would otherwise count as a tenth of the dev set's time. pages_per_s is the core's
    # steady rate, as `copydesk bench` measures it after its warm-up.
    for k in list(inputs)[:1]:
        try:
            process_bytes(inputs[k], k, mode, url=gt[k].get("url"))
        except RejectError:
            pass
    t0 = time.perf_counter()
    for k, data in inputs.items():
        try:
            art = process_bytes(data, k, mode, url=gt[k].get("url"))
            preds[k], langs[k], types[k] = art.body, art.language, art.page_type
            fields[k] = field_prediction(art)
        except RejectError:
            preds[k], langs[k], types[k] = "", None, None
    elapsed = time.perf_counter() - t0
    # Boilerplate removal alone (read, segment, classify: no fields, no entities), timed the same way: the
    # rate comparable to body extractors. pages_per_s above stays the whole core's.
    t0 = time.perf_counter()
    for k, data in (inputs.items() if body_timing else ()):
        try:
            body_lines(raw_from_bytes(data, k, mode, url=gt[k].get("url")))
        except RejectError:
            pass
    body_elapsed = time.perf_counter() - t0
    truth = {k: v["articleBody"] for k, v in gt.items()}
    res = score(truth, preds)
    res["pages_per_s"] = len(gt) / elapsed if elapsed > 0 else 0.0
    res["body_pages_per_s"] = len(gt) / body_elapsed if body_elapsed > 0 and body_timing else 0.0
    res["mode"] = mode
    per = {}
    for k in gt:
        c = page_counts(truth[k], preds[k])
        a = aggregate([c])
        per[k] = {"precision": a["precision"], "recall": a["recall"], "f1": a["f1"], "language": langs[k]}
    res["per_page"] = per
    by_lang: dict[str, list] = {}
    for k in gt:
        by_lang.setdefault(langs[k] or "unknown", []).append(page_counts(truth[k], preds[k]))
    res["per_language"] = {lg: {**aggregate(cs), "n": len(cs)} for lg, cs in sorted(by_lang.items())}
    res["predictions"] = {k: {"articleBody": v} for k, v in preds.items()}
    if has_field_labels(gt):  # WCXB-style labels: field scores per part and page type (issue 14)
        res["fields"], res["field_predictions"] = score_fields(gt, fields), fields
    res["parts"] = {p: part_summary(gt, truth, preds, types, halves[p]) for p in PARTS if p in halves}
    if any(v.get("page_type") for v in gt.values()):
        res["wcxb"] = wcxb_score(gt, preds)
        res["page_type"] = page_type_score(gt, types, list(gt))
    res["predictions"] = {k: {"articleBody": v, "page_type": types.get(k)} for k, v in preds.items()}
    return res


def _print_part(name: str, m: dict) -> None:
    print(f"[{name}] n={m['n']}  precision={m['precision']:.3f}  recall={m['recall']:.3f}  F1={m['f1']:.3f}")
    if "wcxb" in m:
        for t, r in m["wcxb"].items():
            print(f"[{name}]   wcxb {t:14s} n={r['n']:4d}  word-F1={r['word_f1']:.3f}  with found={r['with_found']:.3f}"
                  f"  without leaked={r['without_found']:.3f}")
    pt = m.get("page_type")
    if pt:
        print(f"[{name}]   page type: article-vs-not={pt['article_vs_not']:.3f}  seven-way={pt['accuracy']:.3f}  " +
              ", ".join(f"{t} {d['accuracy']:.2f} (n={d['n']})" for t, d in pt["per_type"].items()))


def main(args) -> int:
    ids = None
    if args.ids:
        raw = Path(args.ids).read_text(encoding="utf-8")
        try:
            val = json.loads(raw)
            ids = list(val) if not isinstance(val, dict) else list(val.keys())
        except ValueError:
            ids = [x.strip() for x in raw.split() if x.strip()]
    res = run_eval(args.dataset, args.mode, ids, getattr(args, "part", "all") or "all")
    if args.predictions:
        Path(args.predictions).write_text(json.dumps(res["predictions"], ensure_ascii=False, indent=1), encoding="utf-8")
    if args.json:
        out = {k: v for k, v in res.items() if k not in ("predictions", "field_predictions")}
        print(json.dumps(out, ensure_ascii=False))
        return 0
    print(f"mode={res['mode']} n={res['n']}  precision={res['precision']:.3f}  recall={res['recall']:.3f}  "
          f"F1={res['f1']:.3f}  accuracy={res['accuracy']:.3f}  pages/s={res['pages_per_s']:.0f} "
          f"(body only: {res['body_pages_per_s']:.0f})")
    print("per language: " + ", ".join(f"{lg} F1={m['f1']:.3f} (n={m['n']})" for lg, m in res["per_language"].items()))
    if "fields" in res:
        from copydesk.tools.fields import report
        print(report(res["fields"]))
    for name, m in res["parts"].items():
        _print_part(name, m)
    worst = sorted(res["per_page"].items(), key=lambda kv: kv[1]["f1"])[: args.worst]
    print(f"worst {len(worst)} pages:")
    for k, m in worst:
        print(f"  {k[:16]}  P={m['precision']:.3f} R={m['recall']:.3f} F1={m['f1']:.3f} lang={m['language']}")
    return 0
