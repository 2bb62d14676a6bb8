# Two entry points for a fresh machine with Python >= 3.11: `make demo` and `make test`.
# Both build their own virtual environment in .venv (re-installing only when pyproject changes).
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin

.PHONY: demo test lint clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip

$(VENV)/.app: pyproject.toml | $(BIN)/python
	$(BIN)/pip install -q -e .
	touch $@

$(VENV)/.test: pyproject.toml | $(BIN)/python
	$(BIN)/pip install -q -e '.[test,postgres]'
	touch $@ $(VENV)/.app

# `make demo PORT=8080` serves on another port (links in pages and feeds follow the request).
PORT ?= 8000
demo: $(VENV)/.app
	$(BIN)/trainsched serve --demo --port $(PORT)

lint: $(VENV)/.test
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/ruff format --check src tests benchmarks
	$(BIN)/mypy

# With TRAINSCHED_TEST_POSTGRES_URL set, the suite runs again in distributed mode (API tests on
# PostgreSQL with a solve worker per test); only tests that take the mode (the api_settings
# fixture) run again, and the browser tests, which start their own embedded server, do not.
test: lint
	$(BIN)/pytest
	@if [ -n "$${TRAINSCHED_TEST_POSTGRES_URL:-}" ]; then \
	  echo "== again in distributed mode =="; \
	  TRAINSCHED_TEST_MODE=distributed $(BIN)/pytest -q --ignore=tests/browser; \
	fi

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache
