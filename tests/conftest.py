import json
import shutil

import pytest

from helpers import ROOT, SAMPLE_EXPECTED, SAMPLE_RAW


@pytest.fixture(scope="session")
def expected() -> dict:
    return json.loads(SAMPLE_EXPECTED.read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def sample_article():
    from copydesk.run.documents import process_path
    return process_path(str(SAMPLE_RAW), str(ROOT / "raw"))


@pytest.fixture
def raw(tmp_path):
    """A raw/ folder holding the sample article."""
    d = tmp_path / "raw"
    d.mkdir()
    shutil.copy(SAMPLE_RAW, d / SAMPLE_RAW.name)
    return d
