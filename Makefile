# copydesk — two commands: `make run` and `make test`. Everything else is optional.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
UV := $(shell command -v uv 2>/dev/null || echo $(BIN)/uv)
STAMP := $(VENV)/.installed

# Prefect on this machine: keep its DB in the repo, give the embedded server time to start,
# no telemetry (offline boxes log an ERROR otherwise). See ../shared/prefect-notes.md §2.
export PREFECT_HOME ?= $(CURDIR)/.prefect
export PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS ?= 120
export PREFECT_SERVER_ANALYTICS_ENABLED ?= false
export UV_COMPILE_BYTECODE := 1

.PHONY: run test install e2e bench eval clean lock

$(STAMP): pyproject.toml uv.lock
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	@command -v uv >/dev/null 2>&1 || test -x $(BIN)/uv || $(BIN)/python -m pip install -q uv
	UV_PROJECT_ENVIRONMENT=$(VENV) $(UV) sync --frozen --extra dev --compile-bytecode
	@touch $(STAMP)

install: $(STAMP)

run: $(STAMP)
	$(BIN)/copydesk run --raw raw --warehouse warehouse

test: $(STAMP)
	$(BIN)/python -m pytest -q

eval: $(STAMP)
	$(BIN)/copydesk eval ../shared/eval/dev --mode text
	$(BIN)/copydesk eval ../shared/eval/dev --mode html

bench: $(STAMP)
	$(BIN)/copydesk bench

e2e: $(STAMP)
	$(BIN)/python scripts/e2e.py

lock:
	$(UV) lock

clean:
	rm -rf $(VENV) .prefect .pytest_cache
