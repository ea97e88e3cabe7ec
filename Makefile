# Two entry points for a fresh machine that has only python3:
#   make run   - builds .venv and opens the mockbot console (SQLite, no tokens)
#   make test  - builds .venv and runs every test and check
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test format clean bench sandbox

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

# bubblewrap runs candidate code; installed with the system's package manager where we may.
sandbox:
	@sh scripts/install-bubblewrap

run: $(STAMP) sandbox
	$(BIN)/mockbot $(or $(ARGS),console)

test: $(STAMP) sandbox
	$(BIN)/mockbot sandbox check || test "$${MOCKBOT_REQUIRE_SANDBOX:-0}" != 1
	$(BIN)/ruff check bot tests bench migrations
	$(BIN)/ruff format --check bot tests bench migrations
	$(BIN)/mypy
	$(BIN)/mockbot banks validate
	$(BIN)/python -m pytest -q

format: $(STAMP)
	$(BIN)/ruff format bot tests bench migrations
	$(BIN)/ruff check --fix bot tests bench migrations

bench: $(STAMP)
	$(BIN)/python bench/scoring_agreement.py
	$(BIN)/python bench/scoring_speed.py
	$(BIN)/python bench/engine_throughput.py
	$(BIN)/python bench/sandbox_overhead.py
	$(BIN)/python bench/slack_ack.py

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache
