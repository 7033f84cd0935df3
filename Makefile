# Gongwen: `make run` (set up + serve with demo data on SQLite) and `make test` (whole suite).
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
HOST   ?= 127.0.0.1
PORT   ?= 8000
PYTEST_ARGS ?=

.PHONY: run test install migrate demo lint bench clean fonts docs-images

$(VENV)/.installed: pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -e '.[dev]'
	touch $@

install: $(VENV)/.installed

migrate: install
	$(PY) manage.py migrate --noinput

demo: migrate
	$(PY) manage.py load_demo
	$(PY) manage.py create_test_ca
	$(PY) manage.py load_document_demo
	$(PY) manage.py load_definitions
	$(PY) manage.py load_holidays

# Serves http://$(HOST):$(PORT) and runs the background worker beside it; Ctrl-C stops both.
run: demo
	$(PY) manage.py collectstatic --noinput -v0
	@echo "Gongwen on http://$(HOST):$(PORT)/  (demo logins: see README.md)"
	@trap 'kill 0' INT TERM EXIT; \
	  $(PY) manage.py db_worker --no-reload & \
	  $(PY) manage.py runserver --noreload $(HOST):$(PORT)

test: install
	$(PY) -m pytest -n 2 $(PYTEST_ARGS)

# The benchmarks' extra packages (SpiffWorkflow, the rival engine of bench/runtime).
$(VENV)/.bench-installed: $(VENV)/.installed
	$(PY) -m pip install -q -e '.[dev,bench]'
	touch $@

# Every benchmark in bench/ prints what it measured and exits non-zero when it misses its target.
bench: install $(VENV)/.bench-installed
	@for script in bench/*.py; do echo "== $$script"; $(PY) $$script || exit 1; done
	@echo "== bench/runtime"; $(PY) -m bench.runtime

# Page-1 images of the sample 通知 and 请示 shown in docs/documents.md (needs LibreOffice).
docs-images: install
	$(PY) docs/img/render_samples.py

# Free fonts for the PDF converter (needs root; .ci/run calls the same script).
fonts:
	.ci/install-fonts

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/lint-imports

clean:
	rm -rf $(VENV) var .pytest_cache
