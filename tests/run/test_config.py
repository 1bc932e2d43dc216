"""Configuration: defaults < file (pyproject [tool.copydesk] or copydesk.toml) < COPYDESK_* env < flags."""
import subprocess
import sys

import pytest

from copydesk import config
from copydesk.core.read import MAX_FILE_BYTES
from helpers import ROOT


def test_repo_pyproject_is_the_default_source():
    cfg = config.load(start=ROOT, env={})
    assert cfg.source.endswith("pyproject.toml")
    assert (cfg.raw, cfg.warehouse, cfg.batch_size) == ("raw", "warehouse", 500)
    assert cfg.max_file_bytes == MAX_FILE_BYTES


def test_precedence_file_env_flags(tmp_path):
    f = tmp_path / "copydesk.toml"
    f.write_text('raw = "from-file"\nbatch_size = 100\ntime_budget_s = 5\nmax_file_bytes = 1000\n'
                 '[site_timezones]\n"example.com" = "Asia/Manila"\n')
    env = {"COPYDESK_BATCH_SIZE": "200", "COPYDESK_TIME_BUDGET_S": "2.5"}
    cfg = config.load(start=tmp_path, env=env, overrides={"time_budget_s": 1.0, "raw": None})
    assert cfg.raw == "from-file"            # file (flag not given)
    assert cfg.batch_size == 200             # env over file
    assert cfg.time_budget_s == 1.0          # flag over env
    opts = cfg.options()
    assert opts.limits.max_file_bytes == 1000 and opts.time_budget_s == 1.0
    assert opts.site_zones == {"example.com": "Asia/Manila"}


def test_copydesk_toml_wins_over_pyproject(tmp_path):
    (tmp_path / "pyproject.toml").write_text('[tool.copydesk]\nraw = "py"\n')
    assert config.load(start=tmp_path, env={}).raw == "py"
    (tmp_path / "copydesk.toml").write_text('raw = "toml"\n')
    assert config.load(start=tmp_path, env={}).raw == "toml"


def test_unknown_option_is_an_error(tmp_path):
    (tmp_path / "copydesk.toml").write_text('batchsize = 3\n')
    with pytest.raises(ValueError, match="batchsize"):
        config.load(start=tmp_path, env={})


def test_env_site_timezones():
    cfg = config.load(path=None, start=ROOT, env={"COPYDESK_SITE_TIMEZONES": "a.com=Europe/Paris,b.org=+08:00"})
    assert cfg.site_timezones == {"a.com": "Europe/Paris", "b.org": "+08:00"}


def test_run_flags_come_from_the_config_fields():
    out = subprocess.run([sys.executable, "-m", "copydesk.cli", "run", "--help"], capture_output=True, text=True,
                         check=True, cwd=ROOT).stdout
    for key in ("--raw", "--warehouse", "--batch-size", "--workers", "--time-budget-s", "--max-file-bytes",
                "--max-decompressed-bytes", "--dask"):
        assert key in out


def test_yes_no_option_from_file_env_and_flag(tmp_path):
    """site_template is a yes/no option: a TOML bool, on/off (or true/false, 1/0, yes/no) from the
    environment and the `copydesk run` flag, anything else an error naming the option."""
    import argparse
    from copydesk.cli import add_run_arguments
    (tmp_path / "copydesk.toml").write_text("site_template = false\n")
    assert config.load(start=tmp_path, env={}).options().site_template is False
    assert config.load(start=tmp_path, env={"COPYDESK_SITE_TEMPLATE": "on"}).options().site_template is True
    p = argparse.ArgumentParser()
    add_run_arguments(p)
    flag = p.parse_args(["--site-template", "off"]).site_template
    cfg = config.load(start=tmp_path, env={"COPYDESK_SITE_TEMPLATE": "on"}, overrides={"site_template": flag})
    assert cfg.options().site_template is False  # the flag wins, and "off" is off
    with pytest.raises(ValueError, match="site_template"):
        config.load(start=tmp_path, env={"COPYDESK_SITE_TEMPLATE": "maybe"})
