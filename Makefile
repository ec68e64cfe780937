# Kwartier — `make demo` runs the product with demo data; `make test` runs every test.
# Both set up .venv from pyproject.toml first, so a bare machine with Python 3.11 is enough.

PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
export KWARTIER_DATA_DIR ?= $(CURDIR)/var
STAMP := $(VENV)/.installed
MYPY_PATHS := src/kwartier
# Pure domain kernels, held to `mypy --strict` (issue 8).
MYPY_STRICT_PATHS :=
MYPY_STRICT_PATHS += src/kwartier/exploration/scoring.py
MYPY_STRICT_PATHS += src/kwartier/exploration/disclosure.py
MYPY_STRICT_PATHS += src/kwartier/planning/projection.py
MYPY_STRICT_PATHS += src/kwartier/planning/warnings.py
MYPY_STRICT_PATHS += src/kwartier/knowledge/search/base.py
MYPY_STRICT_PATHS += src/kwartier/knowledge/search/normalise.py
MYPY_STRICT_PATHS += src/kwartier/knowledge/deid
MYPY_STRICT_PATHS += src/kwartier/workforce/figures.py
MYPY_STRICT_PATHS += src/kwartier/workforce/support.py
MYPY_STRICT_PATHS += src/kwartier/workforce/matching.py
MYPY_STRICT_PATHS += src/kwartier/workforce/allowance.py
MYPY_STRICT_PATHS += src/kwartier/impact/figures.py
MYPY_STRICT_PATHS += src/kwartier/collective/agreement.py
MYPY_STRICT_PATHS += src/kwartier/collective/publish_rule.py
MYPY_STRICT_PATHS += src/kwartier/collective/ranking.py
MYPY_STRICT_PATHS += src/kwartier/collective/anchoring.py
MYPY_STRICT_PATHS += src/kwartier/knowledge/risk.py
MYPY_STRICT_PATHS += src/kwartier/collective/refi.py

# Every benchmark is a bench/*.py script (bench/_*.py are its helpers); bench/README.md.
BENCHES := $(sort $(filter-out bench/_%,$(wildcard bench/*.py)))

.PHONY: demo test test-fast test-random check scan setup vendor bench bench-smoke clean messages

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade "pip>=24"
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	touch $(STAMP)

setup: $(STAMP)
	mkdir -p $(KWARTIER_DATA_DIR)/static
	$(BIN)/kwartier migrate --no-input
	$(BIN)/kwartier createcachetable

demo: setup
	$(BIN)/kwartier demo
	@echo "Kwartier draait op http://127.0.0.1:$(PORT)/ (stoppen: Ctrl+C)"
	$(BIN)/kwartier db_worker --no-startup-delay & worker=$$!; \
	$(BIN)/kwartier scheduler & scheduler=$$!; \
	trap "kill $$worker $$scheduler 2>/dev/null" EXIT INT TERM; \
	$(BIN)/gunicorn kwartier.wsgi --bind 127.0.0.1:$(PORT) --workers 2 --access-logfile -

# Tests run in file order (pytest-randomly is off in pyproject's addopts); `test-random`
# runs the non-browser tests once more in a random order that is the same on every run
# (RANDOM_SEED), to find tests that depend on each other (decision 0113).
RANDOM_SEED ?= 20261127

test: $(STAMP)
	$(BIN)/pytest

test-random: $(STAMP)
	$(BIN)/pytest -p randomly --randomly-seed=$(RANDOM_SEED) -m "not e2e"

test-fast: $(STAMP)
	$(BIN)/pytest -m "not e2e"

check: $(STAMP)
	mkdir -p $(KWARTIER_DATA_DIR)
	$(BIN)/ruff check src tests bench scripts
	$(BIN)/ruff format --check src tests bench scripts
	$(BIN)/mypy $(MYPY_PATHS)
	$(BIN)/mypy --strict $(MYPY_STRICT_PATHS)
	$(BIN)/lint-imports
	$(BIN)/kwartier makemigrations --check --dry-run
	KWARTIER_ENV=production KWARTIER_SECRET_KEY=check-only-$$(printf 'x%.0s' $$(seq 60)) \
		KWARTIER_ENCRYPTION_KEY=check-only KWARTIER_ALLOWED_HOSTS=kwartier.example.nl $(BIN)/kwartier check --deploy --fail-level WARNING

# Security scans (decision 0113): bandit over src/ (config in pyproject.toml) and the
# dependency audit, which says so instead of failing when no database can be reached.
scan: $(STAMP)
	$(BIN)/bandit -c pyproject.toml -r src -q
	$(BIN)/python scripts/audit_dependencies.py

messages: $(STAMP)
	cd src/kwartier && ../../$(BIN)/kwartier makemessages -l en --no-obsolete && ../../$(BIN)/kwartier compilemessages -l en

vendor:
	bash scripts/vendor.sh

# Runs every benchmark with the arguments $(1): one JSON line each on stdout (so
# `make -s bench > bench.jsonl` keeps only those), progress and seconds on stderr. A failing
# benchmark does not stop the others; the target fails at the end and names them.
define run_benches
	@failed=""; for script in $(BENCHES); do \
	  start=$$(date +%s); \
	  $(BIN)/python $$script $(1) || failed="$$failed $$script"; \
	  echo "== $$script $(1): $$(( $$(date +%s) - start )) s" >&2; \
	done; \
	if [ -n "$$failed" ]; then echo "== benchmarks failed:$$failed" >&2; exit 1; fi
endef

bench: $(STAMP)
	$(call run_benches,)

# Every benchmark at its smoke size, seconds each: CI runs this so that a benchmark broken
# by an import or API change fails the build (.ci/run).
bench-smoke: $(STAMP)
	$(call run_benches,--smoke)

clean:
	rm -rf $(VENV) var .pytest_cache .ruff_cache .mypy_cache
