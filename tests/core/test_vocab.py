"""Every label, reason and reject kind the pipeline emits is declared in copydesk/core/vocab.py, and the
README's "Vocabularies" block is the rendering of those declarations.

Emitted values are collected from both dev sets (every page, text and HTML mode, each page alone and in a
batch with the site template, as `copydesk run` classifies), from the bad inputs of tests/run/test_bad_input.py
read as bytes, and, for the kinds only a worker or the file layer gives (a killed worker, a FIFO), from the
literal values at the places that emit them."""
from __future__ import annotations

import ast
import gzip
import json
import random
import re
import zlib
from pathlib import Path
from typing import get_args

import pytest

from copydesk.core import classify as C
from copydesk.core import html as H
from copydesk.core import pipeline, vocab
from copydesk.core.read import Limits, RejectError, raw_from_bytes
from helpers import DEV, ROOT, WCXB_DEV

PROSE = ("The city council approved the new transit budget on Tuesday after a debate that lasted most of "
         "the afternoon, and the mayor said construction would start next spring. ")


def _pages(ds: Path, mode: str):
    gt = json.loads((ds / "ground-truth.json").read_text())
    for k in sorted(gt):
        p = ds / mode / (f"{k}.txt" if mode == "text" else f"{k}.html.gz")
        if p.exists():
            yield k, p.read_bytes(), gt[k].get("url")


def _emitted(ds: Path, mode: str) -> tuple[set, set, set]:
    """(labels, reasons, reject kinds) over every page of `ds` in `mode`: each page alone, then the pages as
    one batch with its site template."""
    labels, reasons, kinds = set(), set(), set()
    preps = []
    for k, data, url in _pages(ds, mode):
        try:
            raw = raw_from_bytes(data, f"{ds.name}/{k}", mode, gz=mode == "html", url=url)
            prep = pipeline.prepare(raw, template_keys=True)
        except RejectError as e:
            kinds.add(e.kind)
            continue
        for ln in pipeline._classify(prep) + prep.outside:
            labels.add(ln.label)
            reasons.add(ln.reason)
            if ln.first is not None:
                labels.add(ln.first[0])
                reasons.add(ln.first[1])
        preps.append(prep)
    template = pipeline.build_template((p.site, p.keys) for p in preps)
    for prep in preps:
        prep.feats = C.features(prep.blocks, prep.lang)  # classify consumed the first ones
        for ln in pipeline._classify(prep, template):
            labels.add(ln.label)
            reasons.add(ln.reason)
            if ln.first is not None:
                labels.add(ln.first[0])
                reasons.add(ln.first[1])
    return labels, reasons, kinds


@pytest.mark.parametrize("mode", ["text", "html"])
@pytest.mark.parametrize("ds", [DEV, WCXB_DEV], ids=["dev", "wcxb-dev"])
def test_dev_sets_emit_only_declared_values(ds, mode):
    labels, reasons, kinds = _emitted(ds, mode)
    assert len(reasons) > 20
    assert labels <= set(vocab.LABELS), labels - set(vocab.LABELS)
    assert reasons <= set(vocab.REASONS), reasons - set(vocab.REASONS)
    assert kinds <= set(vocab.REJECT_KINDS), kinds - set(vocab.REJECT_KINDS)


def _bomb() -> bytes:
    c = zlib.compressobj(9, zlib.DEFLATED, 16 + zlib.MAX_WBITS)
    return b"".join(c.compress(bytes(1 << 20)) for _ in range(64)) + c.flush()


def _half(data: bytes) -> bytes:
    return data[: len(data) // 2]


def _damaged_gzip() -> bytes:
    data = bytearray(gzip.compress((PROSE * 50).encode()))
    data[20:40] = bytes(20)
    return bytes(data)


_LOL = "".join(f'<!ENTITY lol{i} "{("&lol%d;" % (i - 1)) * 10}">' for i in range(1, 10))
# (name, bytes, kind of page, gzipped, limits, expected reject kind): the byte-level cases of
# tests/run/test_bad_input.py
BAD = [
    ("empty.html", b"", "html", False, Limits(), "empty"),
    ("blank.txt", b"  \n\n \t\n", "text", False, Limits(), "empty"),
    ("junk.txt", random.Random(6).randbytes(8192), "text", False, Limits(), "binary"),
    ("report.html", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n" + bytes(range(256)) * 8,
     "html", False, Limits(), "binary"),
    ("undecodable.txt", b"\xef\xbb\xbf" + b"News \x80\x81\xc3\x28\xa0\xa1\xff\xfe " * 300, "text", False, Limits(),
     "decode_error"),
    ("truncated.txt.gz", _half(gzip.compress((PROSE * 50).encode())), "text", True, Limits(), "gzip_corrupt"),
    ("corrupt.html.gz", _damaged_gzip(), "html", True, Limits(), "gzip_corrupt"),
    ("bomb.html.gz", _bomb(), "html", True, Limits(), "gzip_bomb"),
    ("long.txt", (PROSE * 2000).encode(), "text", False, Limits(), "too_large"),
    ("nested.html", b"<html><body>" + b"<div><span>" * 100_000 + PROSE.encode(), "html", False, Limits(), "too_deep"),
    ("swallowed.html", b"<html><body><!-- never closed <p>" + PROSE.encode() * 3 + b"</p>", "html", False, Limits(),
     "no_content"),
    ("attr.html", b'<html><body><p title="' + b"A" * (3 * 1024 * 1024) + b'">' + PROSE.encode() + b"</p></body></html>",
     "html", False, Limits(), "huge_attribute"),
    ("laughs.html", (f'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol0 "lol">{_LOL}]>'
                     f"<html><body><p>&lol9;</p><p>{PROSE}</p></body></html>").encode(), "html", False, Limits(),
     "entity_expansion"),
]


@pytest.mark.parametrize("name,data,kind,gz,limits,want", BAD, ids=[b[0] for b in BAD])
def test_bad_inputs_reject_with_declared_kinds(name, data, kind, gz, limits, want):
    opts = pipeline.Options(limits=limits, max_text_chars=300_000)  # long.txt: ~380,000 characters
    rej = pipeline.fenced(lambda: pipeline.process_raw(raw_from_bytes(data, name, kind, limits=limits, gz=gz), opts),
                          name, None)
    assert rej.error_kind == want, rej
    assert rej.error_kind in vocab.REJECT_KINDS


def _emitted_kind_literals() -> dict[str, set]:
    """Reject kinds written as literals where they are emitted: RejectError("kind", ...), Reject(...,
    error_kind="kind") and the fence's `kind, message = "kind", ...`, per file under copydesk/."""
    out: dict[str, set] = {}
    for path in sorted((ROOT / "copydesk").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            vals = []
            if isinstance(node, ast.Call):
                name = getattr(node.func, "id", getattr(node.func, "attr", ""))
                if name == "RejectError" and node.args and isinstance(node.args[0], ast.Constant):
                    vals.append(node.args[0].value)
                vals += [k.value.value for k in node.keywords
                         if k.arg == "error_kind" and isinstance(k.value, ast.Constant)]
            elif (isinstance(node, ast.Assign) and isinstance(node.targets[0], ast.Tuple)
                  and [getattr(t, "id", "") for t in node.targets[0].elts][:1] == ["kind"]
                  and isinstance(node.value, ast.Tuple) and isinstance(node.value.elts[0], ast.Constant)):
                vals.append(node.value.elts[0].value)
            for v in vals:
                out.setdefault(v, set()).add(str(path.relative_to(ROOT)))
    return out


def test_every_emitted_reject_kind_is_declared_and_every_declared_one_emitted():
    found = _emitted_kind_literals()
    assert {"crashed", "timeout", "warc_corrupt", "symlink_outside", "unreadable"} <= set(found)
    assert set(found) <= set(vocab.REJECT_KINDS), {k: found[k] for k in set(found) - set(vocab.REJECT_KINDS)}
    assert set(vocab.REJECT_KINDS) <= set(found), set(vocab.REJECT_KINDS) - set(found)  # none declared in vain


def test_rule_tables_use_declared_reasons():
    assert {c.reason for c in C.CUES} == set(get_args(vocab.CueReason))
    assert {c.label for c in C.CUES} <= set(vocab.LABELS)
    dom_labels = set(H.CLASS_CUES.values()) | {lab for _, lab in H.SUBSTRING_CUES}
    assert dom_labels == set(vocab.DOM_CLASS_REASON)
    assert {lab for lab, _ in H.TAG_CUES.values()} <= set(vocab.LABELS)
    assert {why for _, why in H.TAG_CUES.values()} <= set(vocab.REASONS)


def test_values_are_snake_case_and_listed_once():
    for values in (vocab.LABELS, vocab.REASONS, vocab.REJECT_KINDS):
        assert len(values) == len(set(values))
        assert all(re.fullmatch(r"[a-z][a-z0-9_]*", v) for v in values), values
    for name, values in vocab.REASON_GROUPS.items():
        assert len(values) == len(set(values)), name


def test_readme_block_is_the_rendered_vocabularies():
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    m = re.search(r"<!-- vocab:begin -->\n(.*?)<!-- vocab:end -->", text, re.S)
    assert m, "README.md lacks the <!-- vocab:begin --> / <!-- vocab:end --> block"
    assert m.group(1) == vocab.markdown(), "paste the output of copydesk.core.vocab.markdown() into README.md"


def test_a_later_pass_keeps_the_first_decision():
    # a list introduced by a colon after the last paragraph: its items were boilerplate, the pass makes
    # them body and names itself; the first decision stays on the line
    body = [PROSE, PROSE + "Residents said repairs were long overdue.", "The new routes will include these stops:"]
    lines = C.classify([C.Block(i, t) for i, t in enumerate(body + ["Main Street", "Oak Avenue", "Park Road"], 1)],
                       lang="en")
    items = lines[3:]
    assert [(ln.label, ln.reason) for ln in items] == [("body", "list_after_colon")] * 3
    assert all(ln.first is not None and ln.first[0] != "body" for ln in items), [ln.first for ln in items]
    assert all(ln.first is None for ln in lines[:2])
