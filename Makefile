# parwatch: `make run` and `make test` on a fresh machine (CONTRACT.md section 1).
SHELL := /bin/bash
PYTHON ?= python3.11
VENV := .venv
PY := $(VENV)/bin/python
DATA ?= data
SOURCES ?= sources/sample.yaml
export DAGSTER_HOME ?= $(abspath $(DATA))/dagster

# Debian packages the pipeline uses when present (OCR for scanned PDFs, legacy .doc; DejaVu: a Vietnamese font for generated PDFs).
SYSTEM_PACKAGES := tesseract-ocr tesseract-ocr-vie antiword fonts-dejavu-core
# What the test suite needs on top (the report is tested in a real headless browser).
TEST_SYSTEM_PACKAGES := chromium

.PHONY: run test dev bench eval sysdeps test-sysdeps clean

$(VENV)/bin/python:
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip

$(VENV)/.installed: pyproject.toml | $(VENV)/bin/python
	$(PY) -m pip install -q -e '.[test]'
	touch $@

# Installs missing Debian packages where we are root; otherwise says what is missing.
sysdeps:
	@bash scripts/sysdeps.sh $(SYSTEM_PACKAGES)

test-sysdeps:
	@bash scripts/sysdeps.sh $(SYSTEM_PACKAGES) $(TEST_SYSTEM_PACKAGES)

run: $(VENV)/.installed sysdeps
	$(VENV)/bin/parwatch demo --sources $(SOURCES) --data $(DATA)

test: $(VENV)/.installed test-sysdeps
	$(VENV)/bin/python -m pytest -q

dev: $(VENV)/.installed sysdeps
	$(PY) -c "from parwatch.runner import ensure_dagster_home; ensure_dagster_home('$(DATA)')"
	$(VENV)/bin/parwatch demo --sources $(SOURCES) --data $(DATA) --serve-only & \
	PARWATCH_SOURCES=$(SOURCES) PARWATCH_DATA=$(DATA) $(VENV)/bin/dagster dev -w workspace.yaml; \
	kill %1 2>/dev/null || true

bench: $(VENV)/.installed sysdeps
	$(VENV)/bin/python -m bench

# Precision and recall of the extractor on the gold corpus and the seeds (floors: tests/extraction/floors.json).
eval: $(VENV)/.installed
	$(VENV)/bin/parwatch eval tests/gold/gold.jsonl tests/gold/docs --show 20
	$(VENV)/bin/parwatch eval tests/gold_holdout/gold.jsonl tests/gold_holdout/docs --show 20
	for b in tests/gold_blind*/; do $(VENV)/bin/parwatch eval $$b/gold.jsonl $$b/docs --show 0; done
	$(VENV)/bin/parwatch eval tests/data/seeds_gold.jsonl sample_site/content/seeds --show 20

clean:
	rm -rf $(DATA)
