# Karavan — the two commands are `make run` and `make test`; see README.md.
SHELL := /bin/bash
.DEFAULT_GOAL := run
PORT ?= 8000
# Two workers (one per core here); each module stays on one worker so module fixtures hold.
PYTEST_ARGS ?= -n 2 --dist loadfile
VENV := .venv
PY := $(VENV)/bin/python
MANAGE := $(PY) manage.py

# Find a Python >= 3.12: the one pyenv gives for .python-version, else python3.13/3.12 on PATH.
PYTHON ?= $(shell for c in python3.13 python3.12 python3; do \
	p=$$(command -v $$c 2>/dev/null) || continue; \
	$$p -c 'import sys; sys.exit(sys.version_info < (3, 12))' 2>/dev/null && { echo $$p; break; }; \
	done)

.PHONY: install demo run serve test unit e2e stack stack-test lint bench eval load faults backup restore clean messages worker

$(PY):
	@if [ -z "$(PYTHON)" ]; then \
		echo "Karavan needs Python 3.12 or newer (3.13 recommended, see .python-version)."; \
		echo "Install it (e.g. 'pyenv install 3.13' or your OS package python3.13) and run make again."; \
		exit 1; fi
	$(PYTHON) -m venv $(VENV)

$(VENV)/.installed: $(PY) requirements.lock
	$(PY) -m pip install --quiet --disable-pip-version-check "uv>=0.5"
	$(VENV)/bin/uv pip sync --quiet --python $(PY) requirements.lock
	touch $@

install: $(VENV)/.installed
	$(MANAGE) compile_translations

demo: install
	$(MANAGE) migrate --no-input
	$(MANAGE) load_reference_data
	$(MANAGE) load_demo_data

run: demo
	$(MANAGE) runserver 127.0.0.1:$(PORT)

# The whole suite: checks and unit/integration tests, then the browser journeys.
test: unit e2e stack-test

unit: install
	$(MANAGE) makemigrations --check --dry-run
	$(VENV)/bin/ruff check .
	$(VENV)/bin/pytest $(PYTEST_ARGS) -m "not e2e and not stack" --durations=20

# Whole user journeys in Chromium against a live server (PostgreSQL when DATABASE_URL is set).
e2e: install
	$(VENV)/bin/pytest $(PYTEST_ARGS) -m e2e tests/e2e

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

# The production stack on this machine (deploy/): nginx with TLS in front of two gunicorn
# instances, two task workers and the scheduler, on PostgreSQL (DATABASE_URL) and Redis.
stack: install
	$(PY) deploy/stack.py run

# Its smoke test through nginx: pages, sign-in, upload, a background job, the client address.
stack-test: install
	$(VENV)/bin/pytest -p no:xdist -m stack tests/stack

# Benchmarks write their figures to docs/ (each script says where).
bench: install
	@for b in benchmarks/bench_*.py; do [ -f "$$b" ] || continue; echo "== $$b"; $(PY) "$$b" || exit 1; done

# Matcher quality on ESCO taxonomy data; figures go to docs/matching.md.
eval: install
	$(PY) benchmarks/eval_matcher.py

# Load test: gunicorn (2 workers) on PostgreSQL, 50 locust users for 5 minutes, against a bare
# view as the ceiling; figures go to docs/performance.md. Needs DATABASE_URL (PostgreSQL).
load: install
	$(PY) benchmarks/load/run_load.py

# Fault injection: PostgreSQL restart under load, task worker killed during a match run;
# figures go to docs/reliability.md. Needs DATABASE_URL (PostgreSQL).
faults: install
	$(PY) benchmarks/load/run_faults.py

# Database and uploaded files into backups/<timestamp>/, and back (see docs/reliability.md).
backup: install
	$(MANAGE) backup

restore: install
	$(MANAGE) restore $(BACKUP)

# Production-style task worker (database queue); first queues again the match-run chunks
# of a worker that died (docs/reliability.md).
worker: install
	KARAVAN_TASKS_BACKEND=django_tasks_db.DatabaseBackend $(MANAGE) match_runs_recover
	KARAVAN_TASKS_BACKEND=django_tasks_db.DatabaseBackend $(MANAGE) db_worker

messages: install
	cd $(CURDIR) && $(MANAGE) makemessages --no-obsolete --no-location -l ru -l kk -l ky -l tg -l tk -l uz -l en --ignore=.venv
	$(MANAGE) vendor_messages
	$(MANAGE) compile_translations

clean:
	rm -rf $(VENV) db.sqlite3 media
