# Quick start: `make run` (set up and summarize the bundled example), `make test` (set up and run every test).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
# A CPU build of torch is never needed; keep pip from pulling a CUDA one through some dependency.
PIP := $(BIN)/python -m pip install --quiet --disable-pip-version-check

.PHONY: run test test-fast install install-test system-deps lint docs clean

run: install
	$(BIN)/newsbrief summarize examples/

install: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml
	test -d $(VENV) || $(PYTHON) -m venv $(VENV)
	$(PIP) --upgrade pip
	$(PIP) -e .
	touch $@

install-test: $(VENV)/.installed-test

$(VENV)/.installed-test: $(VENV)/.installed
	$(PIP) -e '.[test]'
	touch $@

# Debian packages: ROUGE-1.5.5 (perl) needs XML::DOM; the browser tests need Chromium.
system-deps:
	@dpkg -s libxml-dom-perl chromium chromium-driver >/dev/null 2>&1 || \
	  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq libxml-dom-perl chromium chromium-driver >/dev/null)

# Every test, in two lanes: the fast lane first (quick feedback), then the slow lane (processes, clusters,
# browsers, fuzzing). `make test-fast` runs the fast lane only.
test: test-fast
	$(BIN)/python -m pytest -m slow

test-fast: install-test system-deps
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/python -m pytest -m "not slow"

lint: install-test
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/ruff format --check src tests benchmarks

clean:
	rm -rf $(VENV) build *.egg-info .pytest_cache .ruff_cache

docs: install-test
	$(BIN)/python docs/cli_reference.py > docs/cli.md
