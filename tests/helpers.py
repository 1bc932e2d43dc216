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
