# Cram: `make run` sets everything up and serves the site; `make test` runs the whole suite.
PYTHON ?= python3
VENV ?= .venv
PORT ?= 8000
HOST ?= 127.0.0.1
BIN := $(VENV)/bin
PY := $(BIN)/python
MANAGE := $(PY) manage.py

.DEFAULT_GOAL := help
.PHONY: help run dev setup test test-fast e2e bench bench-load lint format clean

help:  ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-10s %s\n", $$1, $$2}'

$(PY):
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Cram needs Python 3.11 or newer (found " + sys.version.split()[0] + "); set PYTHON=python3.x")'
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(PY)
	$(PY) -m pip install --quiet -e .
	@touch $@

$(VENV)/.installed-dev: pyproject.toml | $(PY)
	$(PY) -m pip install --quiet -e ".[dev]"
	@touch $@ $(VENV)/.installed

.env:
	@$(PY) -c 'import secrets; print("SECRET_KEY=" + secrets.token_urlsafe(50))' > .env
	@echo "Wrote a new SECRET_KEY to .env"

setup: $(VENV)/.installed .env  ## install, migrate, load built-in content, create the demo account
	$(MANAGE) setup_site --password-file .demo-password

run: setup  ## set up and serve with gunicorn on http://$(HOST):$(PORT)
	@echo ""
	@echo "  Cram is at http://$(HOST):$(PORT)/   (admin: http://$(HOST):$(PORT)/admin/)"
	@echo "  Demo login: demo / $$(cat .demo-password 2>/dev/null || echo '<see above>')"
	@echo ""
	$(BIN)/gunicorn quizsite.wsgi --bind $(HOST):$(PORT) --workers $${WEB_CONCURRENCY:-3} \
		--timeout 150 --access-logfile - --forwarded-allow-ips 127.0.0.1

dev: setup  ## set up and serve with Django's autoreloading runserver
	DEBUG=true $(MANAGE) runserver $(HOST):$(PORT)

test: $(VENV)/.installed-dev  ## install and run the whole suite (browser tests need /usr/bin/chromium)
	$(BIN)/pytest

test-fast: $(VENV)/.installed-dev  ## the suite without the browser tests
	$(BIN)/pytest -m "not e2e"

e2e: $(VENV)/.installed-dev  ## only the browser tests
	$(BIN)/pytest -m e2e

bench: $(VENV)/.installed-dev  ## print speed and memory figures
	DJANGO_SETTINGS_MODULE=quizsite.settings.test $(MANAGE) bench

bench-load: $(VENV)/.installed-dev  ## load test gunicorn with locust on PostgreSQL and SQLite (~10 min)
	$(PY) -m questions.benchmarks.load.run $(BENCH_LOAD_ARGS)

lint: $(VENV)/.installed-dev  ## ruff lint and format check
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: $(VENV)/.installed-dev  ## apply ruff's formatting and safe fixes
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

clean:  ## remove the virtualenv, collected static files and caches (keeps your database)
	rm -rf $(VENV) staticfiles .pytest_cache .ruff_cache .hypothesis *.egg-info
