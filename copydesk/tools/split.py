"""The validation part of the dev data: fixed once, never tuned on (issues 13 and 14).

- WCXB dev (`ground-truth.json` rows carry a `domain`): a fifth of the pages, by a hash of the domain, so
  no site has pages on both sides (a rule fitted to one site's template cannot score on its twin pages).
- The 91-page news benchmark (no domain field): a third of the pages, by a hash of the page id.

Tune on `tune`, look at `validation` only to decide whether a change generalises, report both. The hash
is SHA-1 of the UTF-8 key, first 8 bytes as an integer: stable across machines and Python versions
(`hash()` is salted per process).
"""
from __future__ import annotations

import hashlib
from typing import Mapping

WCXB_VALIDATION_SHARE = 5   # one domain in five
AEB_VALIDATION_SHARE = 3    # one page in three


def _bucket(key: str, share: int) -> bool:
    return int.from_bytes(hashlib.sha1(key.encode("utf-8")).digest()[:8], "big") % share == 0


def is_validation(page_id: str, row: Mapping) -> bool:
    """Whether a dev page belongs to the validation part (see the module doc)."""
    domain = row.get("domain")
    if domain:
        return _bucket(str(domain).lower(), WCXB_VALIDATION_SHARE)
    return _bucket(page_id, AEB_VALIDATION_SHARE)


def split(truth: Mapping[str, Mapping]) -> dict[str, list[str]]:
    """{"tune": ids, "validation": ids} of a dataset's ground truth, each sorted."""
    out: dict[str, list[str]] = {"tune": [], "validation": []}
    for k in sorted(truth):
        out["validation" if is_validation(k, truth[k]) else "tune"].append(k)
    return out
