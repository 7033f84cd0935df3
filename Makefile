# Gongwen: `make run` (set up + serve with demo data on SQLite) and `make test` (whole suite).
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
HOST   ?= 127.0.0.1
PORT   ?= 8000
PYTEST_ARGS ?=

.PHONY: run test install install-dev migrate demo lint bench clean fonts docs-images

# Two stamps: `make run` needs the runtime packages only; tests, lint and CI add `.[dev]`.
$(VENV)/.installed: pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q -e .
	touch $@

$(VENV)/.dev-installed: $(VENV)/.installed
	$(PY) -m pip install -q -e '.[dev]'
	touch $@

install: $(VENV)/.installed

install-dev: $(VENV)/.dev-installed

migrate: install
	$(PY) manage.py prepare --no-static

demo: install
	$(PY) manage.py prepare --demo

# Serves http://$(HOST):$(PORT) with the development server and runs the background worker
# beside it (manage.py serve); Ctrl-C stops both and exits 0.
run: demo
	$(PY) manage.py serve --host $(HOST) --port $(PORT)

test: install-dev
	$(PY) -m pytest -n 2 $(PYTEST_ARGS)

# The benchmarks' extra packages (SpiffWorkflow, the rival engine of bench/runtime).
$(VENV)/.bench-installed: $(VENV)/.dev-installed
	$(PY) -m pip install -q -e '.[dev,bench]'
	touch $@

# Every benchmark in bench/ prints what it measured and exits non-zero when it misses its target;
# all of them run, and the target fails at the end if any missed (bench/results/<date>.json).
bench: install-dev $(VENV)/.bench-installed
	@missed=""; \
	for script in bench/[!_]*.py; do echo "== $$script"; $(PY) $$script || missed="$$missed $$script"; done; \
	echo "== bench/runtime"; $(PY) -m bench.runtime || missed="$$missed bench/runtime"; \
	$(PY) bench/_results.py $$missed

# Page-1 images of the sample 通知 and 请示 shown in docs/documents.md (needs LibreOffice).
docs-images: install
	$(PY) docs/img/render_samples.py

# Free fonts for the PDF converter (needs root; .ci/run calls the same script).
fonts:
	.ci/install-fonts

lint: install-dev
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/lint-imports

clean:
	rm -rf $(VENV) var .pytest_cache
