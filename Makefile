# Two commands for a newcomer: `make serve` and `make test`. Each sets up .venv itself.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
DB ?= proscribe.db
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: serve test check lint typecheck layers venv clean dataset constraints

# Installed under constraints.txt: the versions the suite last passed with (a new release of a linter
# or a library changes nothing until `make constraints` takes it in and the suite passes again).
$(STAMP): pyproject.toml constraints.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -c constraints.txt -e '.[dev]'
	touch $(STAMP)

venv: $(STAMP)

serve: $(STAMP)
	PROSCRIBE_DB_URL=sqlite:///$(DB) $(BIN)/proscribe init
	PROSCRIBE_DB_URL=sqlite:///$(DB) $(BIN)/proscribe serve --host $(HOST) --port $(PORT)

# The whole suite on SQLite; with PROSCRIBE_TEST_PG_URL set, the store tests also run on PostgreSQL.
test: $(STAMP)
	$(BIN)/pytest -q

lint: $(STAMP)
	$(BIN)/ruff check src tests benchmarks scripts
	$(BIN)/ruff format --check src tests benchmarks scripts

typecheck: $(STAMP)
	$(BIN)/mypy

layers: $(STAMP)
	$(BIN)/lint-imports

check: lint typecheck layers test

dataset: $(STAMP)
	$(BIN)/python scripts/build_dataset.py

# Resolve the newest releases in a scratch environment and pin them; then run `make check` before committing.
constraints:
	rm -rf .venv-resolve
	$(PYTHON) -m venv .venv-resolve
	.venv-resolve/bin/pip install --quiet --upgrade pip
	.venv-resolve/bin/pip install --quiet -e '.[dev,bench]'
	{ sed -n '1,2p' constraints.txt; .venv-resolve/bin/pip freeze --exclude-editable; } > constraints.new
	mv constraints.new constraints.txt
	rm -rf .venv-resolve

clean:
	rm -rf $(VENV) .mypy_cache .ruff_cache .pytest_cache test-artifacts
