"""Paths shared by the tests (importable as `helpers`: pyproject sets pythonpath=tests)."""
import os
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("COPYDESK_SHARED", ROOT.parent / "shared"))
SAMPLE_RAW = ROOT / "raw" / "inquirer-2022-04-27-space-cooperation.txt"
SAMPLE_EXPECTED = SHARED / "samples" / "expected" / "inquirer-2022-04-27-space-cooperation.json"
DEV = SHARED / "eval" / "dev"
WCXB_DEV = SHARED / "eval" / "wcxb-dev"


def dev_files(kind: str, root: Path = DEV) -> list[Path]:
    """The pages of one kind ("text" or "html") of a dev set, sorted. Fails loudly when there are none, so a
    loop over them can never pass by finding nothing (set COPYDESK_SHARED to the shared/ folder)."""
    files = sorted((root / kind).glob("*.txt" if kind == "text" else "*.html.gz"))
    assert files, f"no {kind} pages under {root / kind}: is COPYDESK_SHARED ({SHARED}) the shared/ folder?"
    return files


def harbour_stories(raw: Path, n: int) -> None:
    """`n` short distinct one-story pages in `raw` (for runs that test orchestration, not extraction)."""
    raw.mkdir(parents=True, exist_ok=True)
    for i in range(n):
        (raw / f"story {i:02d}.txt").write_text(
            f"Story number {i} about the harbour\n\nThe harbour authority said on Monday that ship number {i} "
            f"would dock later than planned because of the storm that closed the port for two days.\n")


def fresh_prefect_env(home: Path) -> dict:
    """This process's environment without any PREFECT_ setting, with a Prefect home of its own."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("PREFECT_")}
    env.update(PREFECT_HOME=str(home), PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS="180",
               PREFECT_SERVER_ANALYTICS_ENABLED="false")
    return env


def labelled_lines(*rows):
    """(text, label) pairs as the classifier's LabelledLine records, numbered from 1 (the field rules'
    input), for tests that write a page's lines by hand."""
    from copydesk.core.records import LabelledLine
    return [LabelledLine(i + 1, t, lab, "test") for i, (t, lab) in enumerate(rows)]


def container_body(page) -> str:
    """The text of the blocks an `html.Page` hints as body from its chosen container (`page.main()`)."""
    blocks, hints = page.main()
    return " ".join(b.text for b, h in zip(blocks, hints) if h is not None and h[0] == "body")


def plain_cue(text: str, n_words: int, terminal: bool) -> tuple:
    """classify.CUES in order on their limits and tests alone: no gate, no pre-check, no per-length tables
    (what the fast cue lookup must equal: test_cue_gates.py, test_cues_languages.py)."""
    from copydesk.core import classify as C
    low = text.lower()
    for c in C.CUES:
        if c.admits(n_words, terminal) and c.min_chars <= len(text) <= c.max_chars and c.test(text, low):
            return c.label, c.reason
    return None, ""
