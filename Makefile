# Everything runs in a local .venv made from the pinned requirements.lock.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
export NO_MKDOCS_2_WARNING := 1
# Dates written into the site (sitemap) come from the last commit, so a rebuild is byte-identical.
export SOURCE_DATE_EPOCH ?= $(shell git log -1 --format=%ct 2>/dev/null || echo 0)

.PHONY: help setup serve build test fuzz lint schema properdocs properdocs-setup clean

help:
	@echo "make serve   live preview at http://127.0.0.1:8000 (rebuilds when glossary.yaml changes)"
	@echo "make build   strict build into site/ (the old site stays if the build fails)"
	@echo "make test    the whole test suite"
	@echo "make fuzz    the long property-based run"
	@echo "make lint    ruff, mypy and yamllint"
	@echo "make schema  regenerate glossary.schema.json after changing src/glossary_engine/load/schema.py"
	@echo "make properdocs  strict build with ProperDocs (the MkDocs 1.6 fork) into .site-properdocs/"

# Quiet but not silent: the first run takes about a minute, so say what is happening and when it is done.
$(STAMP): requirements.lock pyproject.toml
	@echo "Creating $(VENV) and installing the pinned requirements (first run only, about a minute)…"
	@$(PYTHON) -m venv $(VENV)
	@$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.lock
	@$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps -e .
	@touch $(STAMP)
	@echo "done"

setup: $(STAMP)

# axe-core for tests/test_accessibility.py, pinned in package-lock.json; without npm those tests skip
# (and fail under CI=true). npm sets old timestamps on installed files, hence the touch.
AXE := node_modules/axe-core/axe.min.js

$(AXE): package.json package-lock.json
	@if command -v npm >/dev/null 2>&1; then npm ci --no-audit --no-fund && touch $@; \
	else echo "npm not found: tests/test_accessibility.py will be skipped (apt-get install nodejs npm)"; fi

serve: $(STAMP)
	$(BIN)/mkdocs serve --dirty

# Build into a fresh folder and publish it only on success, so a failed build keeps the last good site.
# site is a link to the current build in .sites/; publishing flips it in one atomic rename, so a build
# killed at any moment leaves the old site or the new one, never none.
# Each build writes into a folder of its own, so two builds at once never share one half-written
# folder; a failed build's folder is removed.
build: $(STAMP)
	@new=$$(mktemp -d .site-new.XXXXXX) && chmod 755 "$$new" && \
	if $(BIN)/mkdocs build --strict --site-dir "$$new"; then \
		$(BIN)/python -m glossary_engine.cli.publish "$$new" site; \
	else status=$$?; rm -rf "$$new"; exit $$status; fi

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

# ProperDocs, the drop-in fork of MkDocs 1.6, gets a venv of its own with no MkDocs in it, so its build
# shows the site needs nothing from MkDocs itself. Its `properdocs` command maps every `mkdocs.*` import
# to `properdocs.*`; Material and mkdocs-macros still name mkdocs as a dependency, hence --no-deps over
# requirements.lock minus mkdocs (complete, so nothing is missing) plus the exact pin of
# requirements-properdocs.lock. tests/test_properdocs.py makes the same venv with `make properdocs-setup`.
PROPERDOCS_VENV := .cache/properdocs-venv
PROPERDOCS_STAMP := $(PROPERDOCS_VENV)/.installed-stamp

$(PROPERDOCS_STAMP): requirements.lock requirements-properdocs.lock pyproject.toml
	@echo "Creating $(PROPERDOCS_VENV) with ProperDocs and the pinned requirements (first run only, about a minute)…"
	@rm -rf $(PROPERDOCS_VENV)
	@$(PYTHON) -m venv $(PROPERDOCS_VENV)
	@sed '/^mkdocs==/d' requirements.lock > $(PROPERDOCS_VENV)/requirements-without-mkdocs.txt
	@$(PROPERDOCS_VENV)/bin/python -m pip install --quiet --disable-pip-version-check --no-deps \
		-r $(PROPERDOCS_VENV)/requirements-without-mkdocs.txt -r requirements-properdocs.lock
	@$(PROPERDOCS_VENV)/bin/python -m pip install --quiet --disable-pip-version-check --no-deps -e .
	@touch $(PROPERDOCS_STAMP)
	@echo "done"

properdocs-setup: $(PROPERDOCS_STAMP)

properdocs: $(PROPERDOCS_STAMP)
	rm -rf .site-properdocs
	$(PROPERDOCS_VENV)/bin/properdocs build --strict --config-file mkdocs.yml --site-dir .site-properdocs

clean:
	rm -rf site .sites .site-new* .site-old .site-properdocs .cache
