"""Prefect settings for this machine, set before Prefect is imported."""
from __future__ import annotations

import os
from pathlib import Path


def prefect_env(project_dir: Path | None = None) -> None:
    """Defaults that make Prefect's embedded server reliable here (../shared/prefect-notes.md §2);
    anything the user set wins."""
    home = Path(project_dir or Path.cwd()) / ".prefect"
    os.environ.setdefault("PREFECT_HOME", str(home))
    os.environ.setdefault("PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS", "120")
    os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
    os.environ.setdefault("PREFECT_API_REQUEST_TIMEOUT", "120")
