"""Configuration in one place: built-in defaults < `[tool.copydesk]` in pyproject.toml (or the top level of
a `copydesk.toml`) < environment variables `COPYDESK_<OPTION>` < command-line flags.

Every option is declared once, in `FIELDS`, with its type, default and meaning; the file keys, the
environment variable names and the CLI flags are all derived from it.
"""
from __future__ import annotations

import os
import tomllib
from dataclasses import MISSING, dataclass, field, fields, replace
from pathlib import Path
from typing import Any, Mapping, Optional

from copydesk.core.pipeline import MAX_TEXT_CHARS, TIME_BUDGET_S, Options
from copydesk.core.read import MAX_ATTRIBUTE_BYTES, MAX_DECOMPRESSED_BYTES, MAX_FILE_BYTES, MAX_NESTING_DEPTH, Limits

ENV_PREFIX = "COPYDESK_"
CONFIG_FILES = ("copydesk.toml", "pyproject.toml")  # first one found in the project directory wins


@dataclass(frozen=True)
class Config:
    raw: str = field(default="raw", metadata={"help": "input folder (or fsspec URL)"})
    warehouse: str = field(default="warehouse", metadata={"help": "Parquet warehouse folder (or fsspec URL)"})
    schedule: str = field(default="*/15 * * * *", metadata={"help": "cron schedule of `copydesk serve`"})
    schedule_timezone: str = field(default="UTC", metadata={"help": "IANA zone the cron schedule is read in"})
    batch_size: int = field(default=500, metadata={"help": "documents per Prefect task run"})
    workers: int = field(default=os.cpu_count() or 1,
                         metadata={"help": "worker processes per batch (0: in the batch's own process)"})
    time_budget_s: float = field(default=TIME_BUDGET_S, metadata={"help": "wall-time cap per document"})
    max_file_bytes: int = field(default=MAX_FILE_BYTES, metadata={"help": "on-disk size cap per file"})
    max_decompressed_bytes: int = field(default=MAX_DECOMPRESSED_BYTES, metadata={"help": "gunzip output cap"})
    max_text_chars: int = field(default=MAX_TEXT_CHARS, metadata={"help": "decoded text cap per document"})
    max_nesting_depth: int = field(default=MAX_NESTING_DEPTH, metadata={"help": "HTML nesting depth cap"})
    max_attribute_bytes: int = field(default=MAX_ATTRIBUTE_BYTES, metadata={"help": "one HTML attribute's cap"})
    # files, env and the flag take on/off, true/false, 1/0, yes/no (`switch`)
    site_template: bool = field(default=True, metadata={
        "help": "on: each batch learns its sites' template lines (menus, promos on many pages) and removes "
                "them; off: every page is classified alone"})
    site_timezones: Mapping[str, str] = field(default_factory=dict, metadata={
        "help": "publisher domain or site name -> IANA zone, for times a page gives without an offset"})
    source: str = field(default="defaults", metadata={"help": "where the file settings came from"})

    def options(self) -> Options:
        """The core's per-document options (caps, budget, site zones)."""
        return Options(limits=Limits(max_file_bytes=self.max_file_bytes,
                                     max_decompressed_bytes=self.max_decompressed_bytes,
                                     max_nesting_depth=self.max_nesting_depth,
                                     max_attribute_bytes=self.max_attribute_bytes),
                       time_budget_s=self.time_budget_s, max_text_chars=self.max_text_chars,
                       site_zones=dict(self.site_timezones), site_template=self.site_template)

    def caps(self) -> dict:
        """The caps (and the other per-document options) as a plain dict (a flow parameter the Prefect UI
        shows; the flow passes it back to `load` as overrides)."""
        return {k: getattr(self, k) for k in CAP_KEYS}


FIELDS = {f.name: f for f in fields(Config) if f.name != "source"}
CAP_KEYS = ("time_budget_s", "max_file_bytes", "max_decompressed_bytes", "max_text_chars", "max_nesting_depth",
            "max_attribute_bytes", "site_template")
_ON = {"on", "1", "true", "yes"}
_OFF = {"off", "0", "false", "no"}


def switch(v: Any) -> bool:
    """A yes/no option from a file (TOML bool), the environment or a flag: on/off, true/false, 1/0, yes/no.
    Anything else is an error rather than a silent "off"."""
    if isinstance(v, bool):
        return v
    s = str(v).strip().lower()
    if s not in _ON | _OFF:
        raise ValueError(f"expected on or off, got {v!r}")
    return s in _ON


def find_file(start: Optional[Path] = None) -> Optional[Path]:
    d = Path(start or Path.cwd()).resolve()
    for name in CONFIG_FILES:
        p = d / name
        if p.is_file():
            if name == "pyproject.toml" and "copydesk" not in tomllib.loads(p.read_text()).get("tool", {}):
                continue
            return p
    return None


def load(path: Optional[str | Path] = None, env: Optional[Mapping[str, str]] = None,
         overrides: Optional[Mapping[str, Any]] = None, start: Optional[Path] = None) -> Config:
    """Defaults < file < environment < overrides (flags; None values are ignored)."""
    values: dict[str, Any] = {}
    p = Path(path) if path else find_file(start)
    source = "defaults"
    if p is not None:
        data = tomllib.loads(p.read_text(encoding="utf-8"))
        table = data.get("tool", {}).get("copydesk", {}) if p.name == "pyproject.toml" else data
        unknown = set(table) - set(FIELDS)
        if unknown:
            raise ValueError(f"{p}: unknown copydesk option(s): {', '.join(sorted(unknown))}")
        values.update({k: _coerce(k, v) for k, v in table.items()})
        source = str(p)
    env = os.environ if env is None else env
    for k in FIELDS:
        v = env.get(ENV_PREFIX + k.upper())
        if v not in (None, ""):
            values[k] = _coerce(k, v)
            source += f" + ${ENV_PREFIX}{k.upper()}"
    for k, v in (overrides or {}).items():
        if v is not None:
            if k not in FIELDS:
                raise ValueError(f"unknown copydesk option: {k}")
            values[k] = _coerce(k, v)
    return replace(Config(), source=source, **values)


def _coerce(key: str, v: Any) -> Any:
    default = FIELDS[key].default
    if key == "site_timezones":
        if isinstance(v, str):  # env: "example.com=Asia/Manila,other.org=+08:00"
            return dict(part.split("=", 1) for part in v.split(",") if "=" in part)
        return dict(v)
    if isinstance(default, bool):
        try:
            return switch(v)
        except ValueError as e:
            raise ValueError(f"{key}: {e}") from None
    if isinstance(default, int):
        return int(v)
    if isinstance(default, float):
        return float(v)
    return str(v)


def describe() -> str:
    """One line per option: key, environment variable, default, meaning."""
    out = []
    for k, f in FIELDS.items():
        default = f.default if f.default is not MISSING else f.default_factory()
        out.append(f"  {k:<24} ${ENV_PREFIX}{k.upper():<24} default {default!s:<14} {f.metadata.get('help', '')}")
    return "\n".join(out)


def flow_params(cfg) -> dict:
    """The flow's parameters from a resolved Config (explicit, so the Prefect UI shows what ran)."""
    return dict(raw=cfg.raw, warehouse=cfg.warehouse, batch_size=cfg.batch_size, workers=cfg.workers,
                caps=cfg.caps(), site_timezones=dict(cfg.site_timezones))
