"""Site template in real runs (issue 3): a batch learns the lines its pages of one site share and labels
them `other_boilerplate`/`site_template`, without eating article prose.

The site is synthetic but made of real pages: the bodies of several dev text pages (their ground-truth
paragraphs, which are lines of the dumps), each wrapped in one shared header, footer and in-article promo
taken from another dev page's non-body lines (chosen by position and shape, never by content).
"""
from __future__ import annotations

import json
import os
import signal
from pathlib import Path

import pytest

from copydesk.tools import evaluate
from copydesk.run import workers
from copydesk.warehouse import writer
from copydesk.run import driver as core
from copydesk.core.classify import STORY_MIN_SHARED, TemplateIndex
from copydesk.core.pipeline import Options, page_site, prepare
from copydesk.core.read import raw_from_bytes
from copydesk.core.segment import text_blocks
from helpers import DEV

GT = json.loads((DEV / "ground-truth.json").read_text(encoding="utf-8"))
HEADER, FOOTER, PROMO = 12, 8, 3


def _paras(k: str) -> list[str]:
    return [p.strip() for p in GT[k]["articleBody"].split("\n") if p.strip()]


def _blocks(k: str) -> list[str]:
    return [b.text for b in text_blocks((DEV / "text" / f"{k}.txt").read_text(encoding="utf-8"))]


def _stories(n: int) -> list[str]:
    """The first n dev pages (by id) whose every ground-truth paragraph is a line of the dump, 5+ of them."""
    out = []
    for k in sorted(GT):
        paras, lines = _paras(k), set(_blocks(k))
        if len(paras) >= 5 and all(p in lines for p in paras):
            out.append(k)
        if len(out) == n:
            return out
    raise AssertionError("not enough dev pages")


def _shared_block(exclude: set[str]) -> tuple[list[str], list[str], list[str]]:
    """Header, footer and promo lines from the first other dev page with many non-body lines: its first
    and last non-body lines, and short (3-9 word) non-body lines from its middle as the in-article promo."""
    for k in sorted(GT):
        if k in exclude:
            continue
        body = set(_paras(k))
        other = list(dict.fromkeys(t for t in _blocks(k) if t not in body))
        if len(other) < 60:
            continue
        mid = other[HEADER:-FOOTER]
        promo = [t for t in mid[len(mid) // 3:] if 3 <= len(t.split()) <= 9][:PROMO]
        if len(promo) == PROMO:
            return other[:HEADER], other[-FOOTER:], promo
    raise AssertionError("no donor page")


def _page(header, footer, promo, paras: list[str]) -> str:
    half = len(paras) // 2
    return "\n".join(header + paras[:half] + promo + paras[half:] + footer) + "\n"


STORIES = _stories(6)
HDR, FTR, PRM = _shared_block(set(STORIES))
BLOCK = set(HDR) | set(FTR) | set(PRM)


def _site(raw: Path, pages: dict[str, list[str]], folder: str = "example-site") -> list[str]:
    d = raw / folder
    d.mkdir(parents=True, exist_ok=True)
    paths = []
    for name, paras in pages.items():
        p = d / f"{name}.txt"
        p.write_text(_page(HDR, FTR, PRM, paras), encoding="utf-8")
        paths.append(str(p))
    return paths


def _labels(results) -> list[list[tuple[str, str, str]]]:
    return [[(ln.text, ln.label, ln.reason) for ln in r.lines] for r in results]


def _f1(truth: str, art) -> float:
    return evaluate.aggregate([evaluate.page_counts(truth, art.body)])["f1"]


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    raw = tmp_path_factory.mktemp("st") / "raw"
    paths = _site(raw, {k[:12]: _paras(k) for k in STORIES})
    return raw, paths


def test_shared_block_is_template_and_bodies_do_not_get_worse(site):
    raw, paths = site
    on = workers.process_many(paths, str(raw), Options(), workers=0)
    off = workers.process_many(paths, str(raw), Options(site_template=False), workers=0)
    body_without = 0
    for k, a, b in zip(STORIES, on, off):
        got = {t: (lab, why) for t, lab, why in _labels([a])[0]}
        assert all(got[t][0] != "body" for t in BLOCK), k
        assert all(got[t] == ("other_boilerplate", "site_template") for t in PRM), k
        body_without += sum(ln.label == "body" for ln in b.lines if ln.text in BLOCK)
        truth = GT[k]["articleBody"]
        assert _f1(truth, a) >= _f1(truth, b), k
        assert _f1(truth, a) > 0.9, k
    # the page-alone classifier takes some of the promo for article text: the template is what removes it
    assert body_without > 0


def test_labels_do_not_depend_on_workers(site):
    raw, paths = site
    runs = [_labels(workers.process_many(paths, str(raw), Options(), workers=n)) for n in (0, 1, 2)]
    assert runs[0] == runs[1] == runs[2]
    assert any(why == "site_template" for page in runs[0] for _, _, why in page)


def test_versions_of_one_story_stay_body(tmp_path):
    """Four versions of one story (as crawled: the same text at another URL, an update that adds a
    paragraph, one that rewrites the first and drops the last) next to two other stories of the
    site. Its short lines (subheadings) are on 4 of 6 pages, which would pass both thresholds if pages
    counted; the site has 3 stories and each of its lines is on one."""
    main = next(k for k in STORIES if sum(len(p.split()) < 10 for p in _paras(k)) >= 2)
    others = [k for k in STORIES if k != main][:2]
    p, extra = _paras(main), _paras(others[0])[-1]
    versions = {"v0": p, "v0-other-url": p, "v1-added": p + [extra],
                "v2-rewritten": [p[0] + " This story has been updated."] + p[1:-1]}
    pages = versions | {k[:12]: _paras(k) for k in others}
    raw = tmp_path / "raw"
    paths = _site(raw, pages)
    on = workers.process_many(paths, str(raw), Options(), workers=2)
    off = workers.process_many(paths, str(raw), Options(site_template=False), workers=2)
    for (name, paras), a, b in zip(pages.items(), on, off):
        assert not any(ln.reason == "site_template" and ln.text in paras for ln in a.lines), name
        truth = "\n\n".join(paras)
        assert _f1(truth, a) >= _f1(truth, b), name
    assert all(ln.label != "body" for a in on for ln in a.lines if ln.text in PRM)
    # how the batch saw it: 3 stories, and none of the main story's short lines is template
    preps = [prepare(raw_from_bytes(Path(x).read_bytes(), os.path.relpath(x, raw), "text"), Options(), True)
             for x in paths]
    idx = TemplateIndex()
    for pr in preps:
        idx.add_keys(pr.site, pr.keys)
    assert idx.pages("dir:example-site") == 3
    assert not any(idx.is_template("dir:example-site", t) for t in p)
    # counting pages instead of stories would have made them template: the protection is what holds
    naive = TemplateIndex()
    for j, pr in enumerate(preps):
        naive.add_keys(pr.site, type(pr.keys)(pr.keys.lines, frozenset({j})))
    assert naive.pages("dir:example-site") == 6
    assert any(naive.is_template("dir:example-site", t) for t in p)
    assert 0 < STORY_MIN_SHARED <= 1


def test_ingest_run_writes_site_template_labels(site, tmp_path):
    raw, _ = site
    s = core.run(raw, tmp_path / "wh", batch_size=500)
    assert s["articles"] == len(STORIES)
    lines = writer.read_table(tmp_path / "wh", "lines").to_pylist()
    tpl = {r["text"] for r in lines if r["reason"] == "site_template"}
    assert set(PRM) <= tpl
    assert s["removed"]["other_boilerplate"] >= len(STORIES) * len(PRM)
    s_off = core.run(raw, tmp_path / "wh-off", batch_size=500, opts=Options(site_template=False))
    off = writer.read_table(tmp_path / "wh-off", "lines").to_pylist()
    assert s_off["articles"] == len(STORIES) and not any(r["reason"] == "site_template" for r in off)


def test_site_key_prefers_the_url_then_the_title_line_then_the_folder():
    data = "\n".join(_paras(STORIES[0])).encode()
    raw = raw_from_bytes(data, "news-site/a.txt", "text", url="https://www.example.org/2020/a")
    blocks = text_blocks(data.decode())
    assert page_site(raw, {}, blocks) == "example.org"
    raw = raw_from_bytes(data, "news-site/a.txt", "text")
    assert page_site(raw, {}, blocks) == "dir:news-site"
    assert page_site(raw, {"og:url": "https://news.example.com/x"}, blocks) == "news.example.com"
    titled = text_blocks("Council approves the new budget | Example News\n" + data.decode())
    assert page_site(raw, {}, titled) == "example news"
    # a menu bar joined with bars names no site; a file directly in raw/ has no folder: no template
    menu = text_blocks("Home | World | Sport | Video\n" + data.decode())
    assert page_site(raw_from_bytes(data, "a.txt", "text"), {}, menu) is None


def test_a_worker_dying_in_either_phase_rejects_only_its_page(site, monkeypatch):
    raw, paths = site
    expected = _labels(workers.process_many(paths, str(raw), Options(), workers=0))
    for phase in ("safe_prepare", "safe_finish"):
        real = getattr(workers, phase)
        victim = paths[2]

        def dying(*a, _real=real, **kw):
            path = a[0] if isinstance(a[0], str) else a[1]
            if path == victim:
                os.kill(os.getpid(), signal.SIGKILL)
            return _real(*a, **kw)
        monkeypatch.setattr(workers, phase, dying)
        got = workers.process_many(paths, str(raw), Options(), workers=2)
        monkeypatch.setattr(workers, phase, real)
        assert got[2].error_kind == "crashed" and "SIGKILL" in got[2].message, phase
        # the others keep the labels of a run without the crash (the template was built before phase 2
        # from every prepared page, and the pages the dead worker held are prepared again elsewhere)
        if phase == "safe_finish":
            assert _labels(got[:2] + got[3:]) == expected[:2] + expected[3:]
        else:
            assert all(not hasattr(r, "error_kind") for r in got[:2] + got[3:])
