# StrikeWatch: `make run` and `make test` are all a newcomer needs (docs/development.md).
#
#   make venv     .venv with the pinned runtime dependencies and strikewatch itself (editable)
#   make run      venv, analyse the bundled sample into strikewatch.db, serve http://127.0.0.1:8000
#   make test     test dependencies, PostgreSQL and Chromium (Debian packages, if missing), pytest
#   make bench    every bench/bench_*.py
#   make quality  the scoreboard on ../shared's corpora, seeds and sample -> docs/quality.md (LIMIT=N: quick)
#   make lint     ruff and mypy
#   make lock     regenerate requirements*.txt from requirements*.in
#   make clean    remove .venv, caches and build output (strikewatch.db is kept)

SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PIP := $(BIN)/python -m pip
SAMPLE := strikewatch/data/sample

export PIP_DISABLE_PIP_VERSION_CHECK := 1
export PIP_NO_INPUT := 1

.PHONY: venv test-deps system-deps run test bench quality lint lock clean

venv: $(VENV)/.installed

# Re-run only when a lock file or pyproject.toml changes. scripts/venv.sh installs the lock's own pip
# first, then every locked file by hash with --no-deps (no resolver), then checks it with `pip check`.
# The lock pins setuptools and wheel too, so the editable install builds without fetching anything.
$(VENV)/.installed: requirements.txt requirements-data.txt pyproject.toml scripts/venv.sh
	bash scripts/venv.sh requirements.txt
	touch $@

test-deps: $(VENV)/.installed-test

$(VENV)/.installed-test: requirements-test.txt $(VENV)/.installed
	bash scripts/venv.sh requirements-test.txt
	touch $@

system-deps:
	bash scripts/system-deps.sh

# The sample lands in ./strikewatch.db (incrementally: a second `make run` adds nothing), its summary is
# printed, and the web app serves it until Ctrl-C.
run: venv
	$(BIN)/strikewatch run $(SAMPLE)
	$(BIN)/strikewatch stats
	$(BIN)/strikewatch serve

test: test-deps system-deps
	$(PIP) check
	bash scripts/test.sh

bench: venv system-deps
	bash scripts/bench.sh

# Dev and check split of every corpus in ../shared/corpus/dev, the seeds and the sample; says so and
# writes nothing when ../shared is absent. LIMIT=100 scores a fixed sample of 100 rows per split.
quality: venv
	$(BIN)/python -m strikewatch.evaluate.quality --shared ../shared --out docs/quality.md --workers 2 \
		$(if $(LIMIT),--limit $(LIMIT))

lint: test-deps
	$(BIN)/ruff check strikewatch tests bench
	$(BIN)/mypy -p strikewatch

lock:
	bash scripts/lock.sh

clean:
	rm -rf $(VENV) build dist *.egg-info .pytest_cache .ruff_cache .mypy_cache bench/out
	find . -name __pycache__ -type d -prune -exec rm -rf {} +
