# The two commands a new user needs: `make demo` and `make test`. Everything else is set up by them.
VENV   ?= .venv
PYTHON ?= python3
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: demo test test-fast lint bench install system-deps services-stop clean

# uv installs this dependency set in under a minute; plain pip takes several.
$(STAMP): pyproject.toml
	@command -v uv >/dev/null 2>&1 || $(PYTHON) -m pip install --quiet uv
	uv venv --quiet --allow-existing --python $(PYTHON) $(VENV)
	uv pip install --quiet --python $(BIN)/python -e '.[dev]'
	@# pyspark ships as an sdist: each fresh install builds it into uv's cache (~0.5-1.4 GB) and most
	@# leave the old build behind. 68 of them filled a CI host's 252 GB disk; prune drops the unused.
	uv cache prune --quiet
	@touch $(STAMP)

install: $(STAMP)

system-deps:
	@bash scripts/system-deps.sh

demo: install
	@bash scripts/system-deps.sh java
	$(BIN)/backintime demo

# pycodestyle + pyflakes as configured in pyproject.toml [tool.ruff]; takes about a second.
lint: install
	$(BIN)/ruff check .

# Lint first: a finding fails the run before any service is installed or started.
test: lint system-deps
	$(BIN)/pytest -p no:cacheprovider

test-fast: lint
	$(BIN)/pytest -m "not spark and not browser and not cluster and not s3"

bench: install
	$(BIN)/python -m bench

services-stop:
	$(BIN)/backintime services stop

clean:
	rm -rf $(VENV) .backintime .ruff_cache
