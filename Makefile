# The two commands of the README: `make run` and `make test`.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
MANAGE := $(BIN)/python manage.py
HOST ?= 127.0.0.1
PORT ?= 8000
PYTEST_ARGS ?=

.PHONY: run test setup install check lint format messages bench clean lock help

$(BIN)/.installed: requirements.lock
	@$(PYTHON) -c 'import sys; assert sys.version_info[:2] == (3, 11), "Python 3.11 is required, found " + sys.version.split()[0]'
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --require-hashes -r requirements.lock
	touch $@

install: $(BIN)/.installed ## the virtualenv from requirements.lock (also what plain `make` does)

setup: install ## install, compile the catalogues, migrate the database under data/
	@mkdir -p data/static
	$(MANAGE) compile_catalogues --verbosity 0
	$(MANAGE) migrate --no-input --verbosity 0

# Links in the admin's mails lead to where `make run` serves, unless MUHABIR_BASE_URL says.
run: setup ## set up, load the demo site, serve on HOST:PORT (127.0.0.1:8000)
	@export MUHABIR_BASE_URL="$${MUHABIR_BASE_URL:-http://$(HOST):$(PORT)}"; \
	$(MANAGE) load_demo_site && $(MANAGE) runserver --nostatic $(HOST):$(PORT)

node_modules/.installed: package.json package-lock.json
	@if command -v npm >/dev/null 2>&1; then \
		npm ci --no-audit --no-fund --ignore-scripts --loglevel=error && touch $@; \
	else echo "npm not found: the accessibility (axe-core) tests will be skipped"; fi

test: install node_modules/.installed ## the whole test suite (PYTEST_ARGS="tests/x -k y" for a part)
	$(MANAGE) compile_catalogues --verbosity 0
	@scripts/ensure-chromium
	$(BIN)/pytest $(PYTEST_ARGS)

check: install ## linters, migrations, catalogues, import layers, types: as CI and pre-commit
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/djhtml --check muhabir/templates
	$(MANAGE) makemigrations --check --dry-run --verbosity 0
	$(MANAGE) compile_catalogues --check
	scripts/check-catalogues-fresh
	$(BIN)/lint-imports
	scripts/check-types

lint: check ## the same as check

format: install ## fix what ruff can fix, format Python and templates
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .
	$(BIN)/djhtml muhabir/templates

messages: install ## update the .po catalogues after changing strings
	$(MANAGE) makemessages -l tr -l de --add-location file --no-obsolete -i ".venv/*" -i "data/*" -i "tests/*" -i "bench/*"

bench: setup ## page benchmark (bench/run.py); the others are in the README
	$(BIN)/python bench/run.py

# Re-resolve the pinned set after a change to pyproject.toml (needs uv: `python3.11 -m pip install uv`).
lock: ## re-resolve requirements.lock after changing pyproject.toml (needs uv)
	uv pip compile pyproject.toml --extra dev --generate-hashes --no-strip-extras \
		--python-version 3.11 --python-platform x86_64-unknown-linux-gnu -o requirements.lock

clean: ## remove the virtualenv, node_modules and the tests' media
	rm -rf $(VENV) node_modules data/test-media

# Every target with a "## description" on its line.
help: ## this list
	@grep -E '^[a-z]+:.*## ' $(MAKEFILE_LIST) | sed -E 's/^([a-z]+):.*## /\1\t/' | \
		awk -F '\t' '{ printf "  make %-9s %s\n", $$1, $$2 }'
