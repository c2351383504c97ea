# Karavan — the two commands are `make run` and `make test`; see README.md.
SHELL := /bin/bash
.DEFAULT_GOAL := run
PORT ?= 8000
# Two workers (one per core here); each module stays on one worker so module fixtures hold.
PYTEST_ARGS ?= -n 2 --dist loadfile
VENV := .venv
PY := $(VENV)/bin/python
MANAGE := $(PY) manage.py

# Find a Python >= 3.12: python3.13/3.12/python3 on PATH (pyenv's shims included).
PYTHON ?= $(shell for c in python3.13 python3.12 python3; do \
	p=$$(command -v $$c 2>/dev/null) || continue; \
	$$p -c 'import sys; sys.exit(sys.version_info < (3, 12))' 2>/dev/null && { echo $$p; break; }; \
	done)
# Coverage floor for `make unit` (CI): kept a little below the figure CI measures (README).
COVERAGE_FLOOR ?= 92

.PHONY: install install-prod node demo run serve test unit e2e stack stack-test lint bench eval load faults backup restore clean messages worker

# No Python 3.12+ here (Debian 12 has 3.11): get 3.13 through uv, installing uv itself first
# (pipx, else the system pip --user); if neither exists, say exactly what to install.
$(PY):
	@if [ -n "$(PYTHON)" ]; then \
		$(PYTHON) -m venv $(VENV) && exit 0; rm -rf $(VENV); \
		echo "$(PYTHON) -m venv failed (Debian/Ubuntu: apt-get install python3-venv); using uv instead."; \
	fi; \
	uv=$$(command -v uv || echo "$$HOME/.local/bin/uv"); \
	if [ ! -x "$$uv" ]; then \
		echo "Python 3.12+ not found: installing uv to fetch Python 3.13 (~/.local/bin)."; \
		if command -v pipx >/dev/null 2>&1; then pipx install uv; \
		elif python3 -m pip --version >/dev/null 2>&1; then \
			PIP_BREAK_SYSTEM_PACKAGES=1 python3 -m pip install --user --quiet uv; \
		else \
			echo "Karavan needs Python 3.12 or newer, and neither pipx nor pip is here to get it."; \
			echo "Install one of: 'apt-get install pipx' (or python3-pip), then run make again;"; \
			echo "or Python 3.12+ itself ('apt-get install python3.13' where available, 'pyenv install 3.13')."; \
			exit 1; fi; \
	fi; \
	"$$uv" python install 3.13 && "$$uv" venv --seed --python 3.13 $(VENV)

# Development and tests: the runtime plus the dev extra (pytest, Playwright, Locust, ruff…).
$(VENV)/.installed-dev: $(PY) requirements-dev.lock
	$(PY) -m pip install --quiet --disable-pip-version-check "uv>=0.5"
	$(VENV)/bin/uv pip sync --quiet --python $(PY) requirements-dev.lock
	rm -f $(VENV)/.installed-prod
	touch $@

install: $(VENV)/.installed-dev
	$(MANAGE) compile_translations

# Production: the runtime lock only (no test tools); sync removes anything else.
install-prod: $(PY)
	$(PY) -m pip install --quiet --disable-pip-version-check "uv>=0.5"
	$(VENV)/bin/uv pip sync --quiet --python $(PY) requirements.lock
	rm -f $(VENV)/.installed-dev
	touch $(VENV)/.installed-prod
	$(MANAGE) compile_translations

# axe-core for the accessibility tests: `npm ci` when npm is here and node_modules is missing
# or older than package-lock.json; without npm those tests skip and say why.
node:
	@if ! command -v npm >/dev/null 2>&1; then \
		echo "npm not found: the accessibility tests will skip (install Node.js and npm)."; \
	elif [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then \
		npm ci --no-audit --no-fund; fi

demo: install
	$(MANAGE) migrate --no-input
	$(MANAGE) load_reference_data
	$(MANAGE) load_demo_data

run: demo
	$(MANAGE) runserver 127.0.0.1:$(PORT)

# The whole suite: checks and unit/integration tests, then the browser journeys.
test: unit e2e stack-test

unit: install node
	$(MANAGE) makemigrations --check --dry-run
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/pytest $(PYTEST_ARGS) -m "not e2e and not stack" --durations=20 \
		--cov --cov-report=term:skip-covered --cov-fail-under=$(COVERAGE_FLOOR)

# Whole user journeys in Chromium against a live server (PostgreSQL when DATABASE_URL is set).
e2e: install node
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
