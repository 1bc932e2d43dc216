"""Page type in text mode (core.pagetype): the text-only evidence (card_pairs, prose_runs, address_share,
body_line_k) on small synthetic pages, and the shipped models on the news dev set's tune pages, which are
all articles."""
import json
from types import SimpleNamespace

import pytest

from copydesk.core.pagetype import page_features
from copydesk.core.pagetype_model import MODELS
from copydesk.core.pipeline import process_bytes
from copydesk.tools.split import split
from helpers import DEV

SNIPPET = ("The council met on Tuesday evening and voted to pass the new budget after a long debate about the "
           "cost of roads.")  # 113 characters: snippet-sized (80..400), prose-sized (120+) it is not
PARAGRAPH = SNIPPET + " Residents who spoke at the meeting asked for more money for schools and the library."


def _blocks(texts):
    return [SimpleNamespace(text=t, tag="", link_density=0.0) for t in texts]


def _body(texts):
    return [SimpleNamespace(text=t, label="body") for t in texts]


def test_card_pairs_count_repeated_headline_and_snippet():
    cards = [t for i in range(6) for t in (f"Headline number {i}", SNIPPET)]
    story = ["Council passes budget"] + [PARAGRAPH] * 6
    assert page_features(_blocks(cards), None, {}, None, [])["card_pairs"] == 6
    assert page_features(_blocks(story), None, {}, None, [])["card_pairs"] == 1  # its headline and lede


def test_prose_runs_count_runs_of_prose_lines_not_their_length():
    one_run = ["Council passes budget"] + [PARAGRAPH] * 8
    sections = [t for i in range(4) for t in (f"Our service {i}", PARAGRAPH, PARAGRAPH)]
    assert page_features(_blocks(one_run), None, {}, None, [])["prose_runs"] == 1
    assert page_features(_blocks(sections), None, {}, None, [])["prose_runs"] == 4


def test_address_share_is_the_body_speaking_to_its_reader():
    service = ["We help your team ship faster. Our engineers work with you to plan your move to the cloud."]
    story = ["The council voted to pass the budget. The mayor said the vote was close."]
    f_service = page_features(_blocks(service), None, {}, None, _body(service))
    f_story = page_features(_blocks(story), None, {}, None, _body(story))
    assert f_service["address_share"] > 0.2 and f_story["address_share"] == 0
    assert f_story["body_line_k"] == pytest.approx(len(story[0]) / 1000)


def test_text_model_reads_the_text_features_and_html_model_does_not():
    text_only = {"body_line_k", "card_pairs", "address_share", "prose_runs"}
    assert text_only <= set(MODELS["text"]["features"])
    assert not text_only & set(MODELS["html"]["features"])


@pytest.mark.parametrize("mode", ["text", "html"])
def test_news_dev_tune_pages_stay_articles(mode):
    """Every news dev page is an article; one filed otherwise would have its body widened over the page's
    other content. The tune pages only (the validation part is never inspected)."""
    gt = json.loads((DEV / "ground-truth.json").read_text(encoding="utf-8"))
    tune = split(gt)["tune"]
    assert len(tune) > 40
    wrong = []
    for k in tune:
        p = DEV / mode / (f"{k}.txt" if mode == "text" else f"{k}.html.gz")
        art = process_bytes(p.read_bytes(), k, mode, url=gt[k].get("url"))
        if art.page_type != "article":
            wrong.append((k, art.page_type, art.page_type_reason))
    assert not wrong


def test_training_weights_pull_the_fit_toward_heavy_rows():
    # scripts/train_pagetype.py weighs the news tune pages NEWS_WEIGHT in the text fit: a row weighted
    # more moves the model toward its class; all weights 1 is the unweighted fit, to the last digit
    import importlib.util
    from pathlib import Path
    import pytest
    pytest.importorskip("numpy")
    path = Path(__file__).resolve().parents[2] / "scripts" / "train_pagetype.py"
    spec = importlib.util.spec_from_file_location("train_pagetype_under_test", path)
    tp = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(tp)
    from copydesk.core.pagetype import FEATURES
    i = FEATURES.index("chars_k")
    X, y = [], []
    for k, cls in ((1.0, 0), (2.0, 0), (3.0, 1), (4.0, 1), (2.5, 1)):
        row = [0.0] * len(FEATURES)
        row[i] = k
        X.append(row)
        y.append(cls)
    plain = tp.fit(X, y, 1.0, ("chars_k",))
    assert tp.fit(X, y, 1.0, ("chars_k",), [1.0] * len(X)) == plain
    heavy = tp.fit(X, y, 1.0, ("chars_k",), [1.0, 1.0, 1.0, 1.0, 0.1])
    # the ambiguous listing row (2.5) counts for little: the article class gains ground
    assert heavy["intercept"][0] - heavy["intercept"][1] > plain["intercept"][0] - plain["intercept"][1]
