"""Field scores for `copydesk eval`: title, authors and publication date against a WCXB-style ground truth
(rows with `title`, `author`, `publish_date`, `page_type`), issue 14 item 1.

Our own implementation of ../shared/eval/wcxb_fields.py's matching rules (tests/tools/test_fields.py checks
that both agree on real output):
- only pages whose label has the field count for it;
- title: NFKC + casefold, quotes dropped, spaces squeezed, outer " .,:;|-–—" stripped, then equality;
- authors: the label (and every predicted name) split on , ; & / "and" "und", a leading by/von/par/por
  dropped, each part normalised as a title is; the two name sets must be equal;
- date: the first 10 characters equal (the calendar day as written, no zone conversion).
`accuracy` = right / labelled; `precision` = right / answered (a wrong answer costs precision, no answer
only accuracy). Scores per page type, and per part (tune / validation, copydesk.tools.split).
"""
from __future__ import annotations

import re
import unicodedata
from typing import Iterable, Mapping, Optional

from copydesk.tools.split import is_validation

FIELDS = ("title", "authors", "date")
# ground-truth key of each field
LABEL_KEY = {"title": "title", "authors": "author", "date": "publish_date"}

_QUOTES = re.compile(r"[\"'“”‘’«»]")
_NAME_SPLIT = re.compile(r"\s*(?:,|;|&|/|\band\b|\bund\b)\s*")
_NAME_BY = re.compile(r"^(by|von|par|por)\s+")


def norm(s) -> str:
    s = unicodedata.normalize("NFKC", str(s or "")).casefold()
    return " ".join(_QUOTES.sub("", s).split()).strip(" .,:;|-–—")


def name_set(x) -> set[str]:
    if not x:
        return set()
    if isinstance(x, str):
        x = [x]
    out = set()
    for s in x:
        for p in _NAME_SPLIT.split(str(s)):
            p = _NAME_BY.sub("", norm(p))
            if p:
                out.add(p)
    return out


def field_ok(field: str, label, pred: Mapping) -> tuple[bool, bool]:
    """(answered, right) of one page's prediction {title, authors, published} for one field."""
    if field == "title":
        v = pred.get("title")
        return bool(v), bool(v) and norm(v) == norm(label)
    if field == "authors":
        v = pred.get("authors")
        return bool(v), bool(v) and name_set(v) == name_set(label)
    v = pred.get("published")
    return bool(v), bool(v) and str(v)[:10] == str(label)[:10]


def _tally(truth: Mapping[str, Mapping], pred: Mapping[str, Mapping], ids: Iterable[str]) -> dict:
    out = {}
    ids = list(ids)
    for f in FIELDS:
        tot = answered = right = 0
        for k in ids:
            lab = truth[k].get(LABEL_KEY[f])
            if not lab:
                continue
            a, r = field_ok(f, lab, pred.get(k) or {})
            tot += 1
            answered += a
            right += r
        out[f] = {"labelled": tot, "answered": answered, "right": right, "accuracy": right / max(1, tot),
                  "precision": right / max(1, answered)}
    return out


def has_field_labels(truth: Mapping[str, Mapping]) -> bool:
    return any(any(row.get(LABEL_KEY[f]) for f in FIELDS) for row in truth.values())


def score_fields(truth: Mapping[str, Mapping], pred: Mapping[str, Mapping],
                 ids: Optional[Iterable[str]] = None) -> dict:
    """{part: {page_type: {field: counts}}} for parts all / tune / validation; page type "all" included."""
    ids = sorted(truth) if ids is None else list(ids)
    parts = {"all": ids, "tune": [k for k in ids if not is_validation(k, truth[k])],
             "validation": [k for k in ids if is_validation(k, truth[k])]}
    out: dict = {}
    for part, pids in parts.items():
        by_type: dict[str, list[str]] = {"all": pids}
        for k in pids:
            by_type.setdefault(truth[k].get("page_type") or "unknown", []).append(k)
        out[part] = {t: _tally(truth, pred, ks) for t, ks in sorted(by_type.items())}
    return out


def field_prediction(art) -> dict:
    """The three scored fields of one Article (what `copydesk eval` keeps per page)."""
    return {"title": art.title, "authors": list(art.authors or []), "published": art.published}


def report(scores: dict, page_type: str = "article") -> str:
    """One line per part and field for a page type (text output of `copydesk eval`)."""
    rows = []
    for part in ("tune", "validation"):
        s = scores.get(part, {}).get(page_type)
        if not s:
            continue
        rows.append(f"fields ({page_type}, {part}): " + "  ".join(
            f"{f} {s[f]['accuracy']:.3f} (P {s[f]['precision']:.3f}, n={s[f]['labelled']})" for f in FIELDS))
    return "\n".join(rows)
