"""Builders for the warehouse tests: real pages (the sample) with varied content, and a core-only ingest."""
import json
from pathlib import Path

from helpers import SAMPLE_EXPECTED, SAMPLE_RAW

from copydesk.run import driver
from copydesk.warehouse import writer


def sample_text() -> str:
    return SAMPLE_RAW.read_text(encoding="utf-8")


def body_paragraphs() -> list[str]:
    return json.loads(SAMPLE_EXPECTED.read_text(encoding="utf-8"))["body_paragraphs"]


def variant(k: int, paragraph: int = 1) -> str:
    """The sample page with one body paragraph extended by a sentence naming k: new content, same story."""
    p = body_paragraphs()[paragraph]
    text = sample_text()
    assert p in text
    return text.replace(p, f"{p} Officials said talks number {k} would follow in the coming months.", 1)


def write_variants(raw: Path, n: int, start: int = 0, prefix: str = "copy") -> list[Path]:
    raw.mkdir(parents=True, exist_ok=True)
    out = []
    for k in range(start, start + n):
        f = raw / f"{prefix}-{k:04d}.txt"
        f.write_text(variant(k), encoding="utf-8")
        out.append(f)
    return out


def run(raw, wh, batch_size=500, **kw) -> dict:
    return driver.run(raw, wh, batch_size=batch_size, **kw)


def counts(wh) -> dict:
    return {t: len(writer.read_table(wh, t)) for t in writer.TABLES + ["_ledger"] + writer.DERIVED}


KEYS = {"articles": ["article_id"], "paragraphs": ["article_id", "position"], "lines": ["article_id", "line_number"],
        "images": ["article_id", "position"], "related_links": ["article_id", "position"],
        "quotes": ["article_id", "position"], "people": ["article_id", "name"],
        "organizations": ["article_id", "name"], "places": ["article_id", "name"],
        "rejects": ["source_path", "sha256"], "story_clusters": ["article_id"]}


def assert_consistent(wh) -> dict:
    """Every table duplicate-free on its key, no child row without its article, every live ledger row's
    article present, every article complete (paragraph and line counts match the articles row)."""
    tables = {t: writer.read_table(wh, t).to_pandas() for t in KEYS}
    for t, key in KEYS.items():
        df = tables[t]
        dup = df[df.duplicated(key, keep=False)]
        assert dup.empty, f"{t}: duplicate rows on {key}:\n{dup.head()}"
    ids = set(tables["articles"]["article_id"])
    for t in KEYS:
        if t not in ("articles", "rejects") and len(tables[t]):
            orphans = set(tables[t]["article_id"]) - ids
            assert not orphans, f"{t}: rows of articles not in `articles`: {sorted(orphans)[:5]}"
    live = writer.live_ledger(wh).to_pandas()
    live_ids = set(live[live.status.isin(writer.LIVE_STATUSES)].article_id)
    assert live_ids == ids, f"live ledger ids != articles ids: {sorted(live_ids ^ ids)[:5]}"
    rej = live[live.status == "rejected"]
    assert sorted(rej.source_path) == sorted(tables["rejects"].source_path)
    arts = tables["articles"].set_index("article_id")
    para_n = tables["paragraphs"].groupby("article_id").size()
    for aid, row in arts.iterrows():
        assert para_n.get(aid, 0) == row["paragraph_count"], aid
    return tables


def no_fsync(monkeypatch):
    """Logic tests skip fsync (COPYDESK_FSYNC=0: same code path, only durability against power loss
    differs); the crash tests keep it on."""
    monkeypatch.setenv("COPYDESK_FSYNC", "0")
