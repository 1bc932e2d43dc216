"""Page type (issue 13 items 4-5): article, listing, forum, product, collection, documentation, service or
other, with the evidence that decided it as `page_type_reason`.

Fed by what the pipeline already computed, no second parse: the page's blocks (HTML: every block with its
link density and DOM hint; text: the dump's lines), the head's metadata (html.parse_meta: og:type and every
JSON-LD @type), the URL and the classifier's labelled lines. `page_features` turns those into a few named
numbers; `decide` runs the mode's small model in `pagetype_model` (trained on the tune part of WCXB dev and
the news dev set by scripts/train_pagetype.py, deterministic, shipped as a module holding one JSON string): a
multinomial logistic regression per mode (HTML 7 x 42 weights, text 7 x 44). The reason names the feature
that moved the page toward its type most.
"""
from __future__ import annotations

import math
import operator
import re
from typing import Mapping, Optional, Sequence

PAGE_TYPES = ("article", "listing", "forum", "product", "collection", "documentation", "service", "other")

# schema.org @type families (JSON-LD or microdata types a CMS writes for the page's main thing)
JSONLD_FAMILIES: dict[str, tuple[str, ...]] = {
    "article": ("Article", "NewsArticle", "BlogPosting", "Report", "ReportageNewsArticle", "OpinionNewsArticle",
                "AnalysisNewsArticle", "LiveBlogPosting", "ScholarlyArticle"),
    "product": ("Product", "Offer", "AggregateOffer", "ProductGroup", "IndividualProduct", "Vehicle", "Book"),
    "forum": ("DiscussionForumPosting", "QAPage", "Question", "Answer", "Comment", "SocialMediaPosting"),
    "collection": ("CollectionPage", "ItemList", "OfferCatalog", "SearchResultsPage"),
    "documentation": ("TechArticle", "APIReference", "HowTo", "SoftwareSourceCode"),
    "service": ("Service", "LocalBusiness", "Organization", "Corporation", "ProfessionalService", "FAQPage",
                "ContactPage", "AboutPage", "SoftwareApplication", "WebApplication", "Event", "Restaurant"),
}

# URL path words that name a page's kind on many CMSs (one path segment, lower-cased; Shopify's
# /products/, phpBB/Discourse/vBulletin's /t/, /topic/, /thread/, docs sites' /docs/, /api/, /reference/)
URL_WORDS: dict[str, tuple[str, ...]] = {
    "product": ("product", "products", "shop", "store", "item", "p", "dp", "buy"),
    "forum": ("forum", "forums", "thread", "threads", "topic", "topics", "t", "community", "discussion",
              "questions", "showthread.php", "viewtopic.php", "comments", "r"),
    "collection": ("collections", "collection", "category", "categories", "c", "catalog", "tag", "tags"),
    "documentation": ("docs", "doc", "documentation", "api", "reference", "manual", "guide", "guides", "wiki",
                      "developer", "developers", "learn", "kb", "help", "support"),
    "service": ("services", "service", "solutions", "pricing", "about", "contact", "features", "plans"),
    "listing": ("blog", "news", "articles", "archive", "page", "author", "search", "latest", "stories"),
}
_DATE_IN_URL = re.compile(r"/(19|20)\d\d[/-](0?[1-9]|1[0-2])(?:[/-]|$)|/(19|20)\d\d/")
_SEG_SPLIT = re.compile(r"[/?#]+")
_WORDS = re.compile(r"\w+")
# a price ("$19.99", "€ 12,50", "12.00 USD"): product pages print several (the space is [^\S\n], not \s:
# the texts are searched one per line and a price must not span two of them)
_PRICE = r"(?:[$€£¥₹][^\S\n]?\d[\d.,]*|\d[\d.,]*[^\S\n]?(?:USD|EUR|GBP|\$|€|£))"
# a short timestamp-ish line or a reply/quote marker: forum threads repeat them once per post
_POST_MARK = r"\b(?:repl(?:y|ies|ied)|posted|joined|quote|member|posts|registered|#\d+|ago)\b"
# code-looking text: three of ; { = (text dumps have no <pre>)
_CODE = r"[;{=](?:[^;{=\n]*[;{=]){2}"


def _lines_matching(pattern: str, flags: int = 0, needs: tuple[str, ...] = ()):
    """A counter of the texts in which `pattern` occurs: the texts are joined one per line and searched in
    one call (per page, not per line); each match runs on to the end of its line, so a line counts once.
    `needs`: substrings (lower-case) one of which every match holds; when the page holds none of them the
    regex, which tries every position, is not run (speed, same count)."""
    rx = re.compile(f"(?:{pattern})[^\n]*", flags)

    def count(texts: list[str]) -> int:
        joined = "\n".join(texts)
        # (IGNORECASE also folds "ſ" to "s" and "ı" to "i": a non-ASCII page is always searched)
        if needs and (not flags & re.I or joined.isascii()):
            low = joined.lower() if flags & re.I else joined
            if not any(n in low for n in needs):
                return 0
        if joined.count("\n") >= len(texts):  # a text with a line break of its own stays one line
            joined = "\n".join(t.replace("\n", " ") for t in texts)
        return len(rx.findall(joined))
    return count


_price_lines = _lines_matching(_PRICE, needs=("$", "€", "£", "¥", "₹", "USD", "EUR", "GBP"))
_post_mark_lines = _lines_matching(_POST_MARK, re.I, needs=("repl", "posted", "joined", "quote", "member", "posts",
                                                            "registered", "#", "ago"))
_code_lines = _lines_matching(_CODE)

# every feature a model may use, in a fixed order (the training script writes rows in this order)
FEATURES = (
    "n_blocks", "chars_k", "prose_share", "longest_k", "short_share", "mean_link_density", "linked_share",
    "teaser_cards", "body_share", "body_blocks", "heading_share", "list_share", "code_share", "price_lines",
    "post_marks", "url_depth", "url_date", "url_slug_words", "url_query",
    "url_product", "url_forum", "url_collection", "url_documentation", "url_service", "url_listing",
    "ld_article", "ld_product", "ld_forum", "ld_collection", "ld_documentation", "ld_service",
    "og_article", "og_product", "has_dom",
    "byline_lines", "timestamp_lines", "headline_lines", "related_share", "body_run_k", "ld_article_body",
    "body_line_k", "card_pairs", "address_share", "prose_runs", "title_words", "head_dated",
)
# The text model's own evidence (no DOM: cards, link density and markup are not there to see), measured by
# domain-grouped cross-validation on WCXB's tune pages (scripts/train_pagetype.py), seven-way /
# article-vs-not: without them .755/.854, with them .762/.866 (C 0.3, no article prior); in an earlier
# fold draw each alone added .003-.010 article-vs-not and each left out cost .002-.005. The HTML model
# loses with them (.795/.898 -> .781/.891; each alone .000 to -.005 article-vs-not), so it does not read
# them and HTML pages do not compute them.
TEXT_FEATURES = ("body_line_k", "card_pairs", "address_share", "prose_runs")
# The HTML model's evidence from the page's head (see _head_features), measured by domain-grouped
# cross-validation on WCXB's tune pages plus the news tune pages (1,250; scripts/train_pagetype.py), seven-way /
# article-vs-not, mean of three fold draws: without them .799/.900, title_words .810/.906, both .812/.909
# (in the lead draw .798/.900 -> .816/.912: services filed as article 34 -> 28). The text model does not
# read them: a dump has no <title>, and the headline's word count or a dated head added nothing there
# (CV .761/.833 -> .762/.832 and .761/.832).
HTML_FEATURES = ("title_words", "head_dated")
# how far around the page's first headline a byline or a timestamp line counts as the story's own
HEAD_LINES_BEFORE, HEAD_LINES_AFTER = 3, 12
# second-person and first-person-plural words: a service or product page addresses its reader ("we
# offer", "your team"), a news story or a report speaks of third parties
# (searched in the lower-cased sample: re.I made the search twice as slow)
_ADDRESS = re.compile(r"\b(?:you|your|yours|we|our|us)\b")
# the body's first characters searched for them, from at most its first lines (a long body is not joined
# whole). 4000 characters and a \w+ word count cost page_features 0.2 ms a page, as much as all its other
# text-mode work; 2000 and a count of spaces, a fifth of that
ADDRESS_SAMPLE_CHARS = 2000
ADDRESS_SAMPLE_LINES = 40


def page_features(blocks: Sequence, hints: Optional[Sequence], meta: Optional[Mapping], url: Optional[str],
                  lines: Sequence) -> dict[str, float]:
    """The named numbers `decide` reads (see FEATURES), from the page's blocks and lines: sums over
    per-block lists, the regex counts one call per page (_lines_matching)."""
    n = len(blocks) or 1
    texts = [b.text for b in blocks]
    lens = [len(t) for t in texts]
    total, longest = sum(lens), max(lens, default=0)
    tags = [b.tag for b in blocks]
    densities = [b.link_density for b in blocks]
    prose = sum(ln for ln in lens if ln >= 200)
    short = sum(1 for ln in lens if ln < 40)
    marks = _post_mark_lines([t for t, ln in zip(texts, lens) if ln < 40])
    prices = _price_lines([t for t, ln in zip(texts, lens) if ln < 60])
    linked_chars = sum(d * ln for d, ln in zip(densities, lens))
    linked_blocks = sum(1 for d in densities if d > 0.5)
    heads, items = tags.count("h2") + tags.count("h3") + tags.count("h4"), tags.count("li")
    code = tags.count("pre") + tags.count("code")
    if not any(tags[:50]):  # text dumps: code-looking lines stand in for <pre>
        code = _code_lines([t for t, ln in zip(texts, lens) if ln < 200])
    body = [ln for ln in lines if ln.label == "body"]
    body_chars = sum(len(ln.text) for ln in body)
    cards = sum(1 for h in (hints or ()) if h and h[1] == "teaser_card")
    # the classifier's own article evidence: a byline, a dateline, a headline, one long run of body lines
    counts = {"byline": 0, "timestamp": 0, "headline": 0, "related_link": 0}
    run = best_run = 0
    for ln in lines:
        if ln.label in counts:
            counts[ln.label] += 1
        if ln.label == "body":
            run += len(ln.text)
            best_run = max(best_run, run)
        elif ln.label not in ("image_caption", "image_alt", "advertisement"):
            run = 0
    f = {
        "n_blocks": float(len(blocks)), "chars_k": total / 1000, "prose_share": prose / max(1, total),
        "longest_k": longest / 1000, "short_share": short / n,
        "mean_link_density": linked_chars / max(1, total), "linked_share": linked_blocks / n,
        "teaser_cards": float(cards), "body_share": body_chars / max(1, total), "body_blocks": float(len(body)),
        "heading_share": heads / n, "list_share": items / n, "code_share": code / n,
        "price_lines": float(prices), "post_marks": float(marks), "has_dom": float(hints is not None),
        "byline_lines": float(counts["byline"]), "timestamp_lines": float(counts["timestamp"]),
        "headline_lines": float(counts["headline"]), "related_share": counts["related_link"] / max(1, len(lines)),
        "body_run_k": best_run / 1000,
        "ld_article_body": float(any(isinstance(o, dict) and o.get("articleBody") for o in (meta or {}).get("jsonld") or ())),
    }
    f.update(_url_features(page_url(url, meta)))
    # only the text model reads these (TEXT_FEATURES); an HTML page does not pay for them
    f.update(_text_features(lens, body) if hints is None else dict.fromkeys(TEXT_FEATURES, 0.0))
    types = set(meta.get("jsonld_types") or ()) if meta else set()
    for fam, names in JSONLD_FAMILIES.items():
        f["ld_" + fam] = float(any(t in types for t in names))
    og = (meta.get("og:type") or "").lower() if meta else ""
    f["og_article"] = float(og == "article")
    f["og_product"] = float("product" in og)
    f.update(_head_features(meta, lines) if hints is not None else dict.fromkeys(HTML_FEATURES, 0.0))
    return f


def _head_features(meta: Optional[Mapping], lines: Sequence) -> dict[str, float]:
    """The page's head as an article shows it (see HTML_FEATURES)."""
    # A story's title is a sentence-long headline, a service, product or section page's a few words
    # ("Pricing | Site"): on the tune pages the median <title> (og:title first) of an article holds 9 words,
    # of a service or product page 8, a listing 6, a collection or a documentation page 5 (a word count,
    # not the words: word features were tried and lost)
    title = ((meta.get("og:title") or meta.get("title")) if meta else None) or ""
    # A byline or a timestamp line next to the headline (the classifier's labels): the story's own
    # credit. Tune pages: 34 % of articles have one within HEAD_LINES_* of their first headline, 9 % of
    # the others (forum threads 37 %, every other type 1-9 %: a listing's card dates sit under each card)
    first = next((i for i, ln in enumerate(lines) if ln.label == "headline"), None)
    if first is None:
        first = next((i for i, ln in enumerate(lines) if ln.label == "body"), 0)
    near = lines[max(0, first - HEAD_LINES_BEFORE):first + HEAD_LINES_AFTER]
    return {"title_words": float(title.count(" ") + 1 if title else 0),
            "head_dated": float(any(ln.label in ("timestamp", "byline") for ln in near))}


def _text_features(lens: list[int], body: Sequence) -> dict[str, float]:
    """The text dump's own evidence of its page's kind, where there is no DOM (see TEXT_FEATURES)."""
    # a headline-plus-snippet card: a short line (under 80 characters) followed by a snippet-sized one
    # (80..400); a listing repeats it, a story has it once (its headline and lede)
    card_pairs = sum(1 for a, b in zip(lens, lens[1:]) if a < 80 and 80 <= b <= 400)
    # starts of runs of 2+ consecutive prose lines (120+ characters): a story is one or two long runs, a
    # service page many short ones between its headings
    prose_runs = sum(1 for a, b, c in zip(lens, lens[1:], lens[2:]) if a < 120 <= b and c >= 120)
    sample = " ".join(ln.text for ln in body[:ADDRESS_SAMPLE_LINES])[:ADDRESS_SAMPLE_CHARS].lower()
    address = len(_ADDRESS.findall(sample)) / (sample.count(" ") + 1)
    return {"body_line_k": sum(len(ln.text) for ln in body) / max(1, len(body)) / 1000,
            "card_pairs": float(card_pairs), "address_share": address, "prose_runs": float(prose_runs)}


def _url_features(url: Optional[str]) -> dict[str, float]:
    out = {"url_depth": 0.0, "url_date": 0.0, "url_slug_words": 0.0, "url_query": 0.0}
    for fam in URL_WORDS:
        out["url_" + fam] = 0.0
    if not url:
        return out
    rest = url.split("://", 1)[-1]
    path = rest[rest.find("/"):] if "/" in rest else "/"
    out["url_query"] = float("?" in path)
    segs = [s for s in _SEG_SPLIT.split(path.split("?", 1)[0].lower()) if s]
    out["url_depth"] = float(len(segs))
    out["url_date"] = float(bool(_DATE_IN_URL.search(path)))
    if segs:
        last = segs[-1].rsplit(".", 1)[0] if "." in segs[-1] and not segs[-1].endswith(".php") else segs[-1]
        out["url_slug_words"] = float(len(_WORDS.findall(last.replace("_", " "))))
    words = set(segs)
    for fam, names in URL_WORDS.items():
        out["url_" + fam] = float(any(w in words for w in names))
    return out


def decide(f: Mapping[str, float], model: Mapping) -> tuple[str, str]:
    """(page type, reason): see `decide_scored`."""
    t, reason, _ = decide_scored(f, model)
    return t, reason


def decide_scored(f: Mapping[str, float], model: Mapping) -> tuple[str, str, float]:
    """(page type, reason, article share) by the mode's linear model (see scripts/train_pagetype.py for
    why linear): a multinomial logistic regression over log1p of each of the model's features (counts and
    sizes spread over orders of magnitude; the log keeps one huge page from deciding a weight), standardised
    by the tune pages' mean and spread. The type with the highest score wins; the reason is the feature that
    pushed the page toward that type most compared with an average tune page (`jsonld_type_product`,
    `card_repeat`, `link_density`, ...), or `prior` when none did. The third value is the model's
    probability of `article` (how article-like the page looks, 0..1)."""
    classes, names = model["classes"], model["features"]
    z = [(math.log1p(max(f.get(n, 0.0), 0.0)) - mu) / sd for n, mu, sd in zip(names, model["mean"], model["scale"])]
    scores = [b + sum(map(operator.mul, ws, z)) for ws, b in zip(model["coef"], model["intercept"])]
    k = max(range(len(classes)), key=lambda i: (scores[i], -i))
    pushes = list(map(operator.mul, model["coef"][k], z))
    j = max(range(len(names)), key=lambda i: (pushes[i], names[i]))
    reason = REASON_OF.get(names[j], names[j]) if pushes[j] > 0 else "prior"
    top = max(scores)
    exp = [math.exp(v - top) for v in scores]
    art = exp[classes.index("article")] / sum(exp) if "article" in classes else 0.0
    return classes[k], reason, art


# reason codes (snake_case) named after the evidence a feature stands for
REASON_OF: dict[str, str] = {
    **{"ld_" + fam: "jsonld_type_" + fam for fam in JSONLD_FAMILIES},
    **{"url_" + fam: "url_shape_" + fam for fam in URL_WORDS},
    "url_date": "url_shape_dated", "url_depth": "url_shape", "url_slug_words": "url_shape", "url_query": "url_shape",
    "teaser_cards": "card_repeat", "mean_link_density": "link_density", "linked_share": "link_density",
    "post_marks": "reply_structure", "price_lines": "price_lines", "og_article": "og_type_article",
    "og_product": "og_type_product", "prose_share": "prose_share", "body_share": "body_share",
    "body_blocks": "body_share", "longest_k": "prose_share", "short_share": "short_lines",
    "code_share": "code_blocks", "heading_share": "heading_structure", "list_share": "list_structure",
    "n_blocks": "page_size", "chars_k": "page_size", "has_dom": "prior",
    "byline_lines": "byline", "timestamp_lines": "timestamp", "headline_lines": "headline",
    "related_share": "related_links", "body_run_k": "body_run", "ld_article_body": "jsonld_article_body",
    "body_line_k": "prose_share", "card_pairs": "card_repeat", "address_share": "reader_address",
    "prose_runs": "prose_runs", "title_words": "title_length", "head_dated": "dated_headline",
}


def page_url(url: Optional[str], meta: Optional[Mapping]) -> Optional[str]:
    """The page's URL: the one it was fetched from, else its og:url or canonical link."""
    return url or ((meta.get("og:url") or meta.get("canonical")) if meta else None)


def page_type(blocks: Sequence, hints: Optional[Sequence], meta: Optional[Mapping], url: Optional[str],
              lines: Sequence, mode: str) -> tuple[str, str, float]:
    """The page's type, the reason code of its strongest evidence, and its article share (0..1)."""
    from copydesk.core.pagetype_model import MODELS
    model = MODELS.get(mode) or MODELS.get("html")
    return decide_scored(page_features(blocks, hints, meta, url, lines), model)
