"""Paths shared by the tests (importable as `helpers`: pyproject sets pythonpath=tests)."""
import os
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("COPYDESK_SHARED", ROOT.parent / "shared"))
SAMPLE_RAW = ROOT / "raw" / "inquirer-2022-04-27-space-cooperation.txt"
SAMPLE_EXPECTED = SHARED / "samples" / "expected" / "inquirer-2022-04-27-space-cooperation.json"
DEV = SHARED / "eval" / "dev"
WCXB_DEV = SHARED / "eval" / "wcxb-dev"
