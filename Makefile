# Everything runs in a local .venv made from the pinned requirements.lock.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
export NO_MKDOCS_2_WARNING := 1
# Dates written into the site (sitemap) come from the last commit, so a rebuild is byte-identical.
export SOURCE_DATE_EPOCH ?= $(shell git log -1 --format=%ct 2>/dev/null || echo 0)

.PHONY: help setup serve build test fuzz lint schema clean

help:
	@echo "make serve   live preview at http://127.0.0.1:8000 (rebuilds when glossary.yaml changes)"
	@echo "make build   strict build into site/ (the old site stays if the build fails)"
	@echo "make test    the whole test suite"
	@echo "make fuzz    the long property-based run"
	@echo "make lint    ruff, mypy and yamllint"
	@echo "make schema  regenerate glossary.schema.json after changing src/glossary_engine/load/schema.py"

$(STAMP): requirements.lock pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.lock
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps -e .
	touch $(STAMP)

setup: $(STAMP)

# axe-core for tests/test_accessibility.py, pinned in package-lock.json; without npm those tests skip
# (and fail under CI=true). npm sets old timestamps on installed files, hence the touch.
AXE := node_modules/axe-core/axe.min.js

$(AXE): package.json package-lock.json
	@if command -v npm >/dev/null 2>&1; then npm ci --no-audit --no-fund && touch $@; \
	else echo "npm not found: tests/test_accessibility.py will be skipped (apt-get install nodejs npm)"; fi

serve: $(STAMP)
	$(BIN)/mkdocs serve

# Build into a fresh folder and publish it only on success, so a failed build keeps the last good site.
# site is a link to the current build in .sites/; publishing flips it in one atomic rename, so a build
# killed at any moment leaves the old site or the new one, never none.
build: $(STAMP)
	rm -rf .site-new
	$(BIN)/mkdocs build --strict --site-dir .site-new
	$(BIN)/python -m glossary_engine.cli.publish .site-new site

test: $(STAMP) $(AXE)
	$(BIN)/python -m pytest

# The long property-based run (thousands of random and damaged glossaries).
fuzz: $(STAMP)
	HYPOTHESIS_PROFILE=long $(BIN)/python -m pytest tests/test_properties.py

lint: $(STAMP)
	$(BIN)/ruff check src hooks tests bench
	$(BIN)/mypy
	$(BIN)/yamllint --strict .

schema: $(STAMP)
	$(BIN)/python -c "from glossary_engine.export.jsonschema import write_schema; write_schema()"

clean:
	rm -rf site .sites .site-new .site-old .cache
