# Cymuned: every set-up step lives here, so a fresh machine with Python 3.11 and npm needs
# only `make run` (the app) or `make test` (the suite). Re-running is fast: each step is a
# file target that is rebuilt only when its inputs change.

SHELL := /bin/bash
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
PY := $(VENV)/bin/python
TOOLS := .tools
BUN := $(TOOLS)/node_modules/.bin/bun
CHROMIUM ?= /usr/bin/chromium
CADDY ?= /usr/bin/caddy
# Pango (with HarfBuzz and a font) for WeasyPrint, which makes the meeting packs as PDF.
PANGO ?= /usr/lib/$(shell uname -m)-linux-gnu/libpangoft2-1.0.so.0

# Reflex cannot download bun here: use the binary the npm package ships.
export PATH := $(CURDIR)/$(TOOLS)/node_modules/.bin:$(CURDIR)/$(VENV)/bin:$(PATH)
export REFLEX_USE_SYSTEM_BUN := 1
export REFLEX_TELEMETRY_ENABLED := false

.PHONY: run test test-production lint bench bench-browser bench-load bench-live setup install db \
	clean serve

run: setup
	$(VENV)/bin/reflex run

test: install lint $(CHROMIUM) $(CADDY)
	$(PY) -m pytest $(PYTEST_ARGS)

# Rules a machine checks: style and import order (ruff), and the layer contracts
# (import-linter, in pyproject.toml). Part of `make test`, so CI enforces them.
lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/lint-imports --no-cache

bench: install
	$(PY) -m bench

# The browser benchmark: both production frontends built, served and driven in chromium.
bench-browser: install $(CHROMIUM)
	$(PY) -m bench.browser $(BENCH_ARGS)

# The socket benchmarks in the production shape (two instances behind Caddy, a Redis of
# their own, a copy of the synthetic dataset on PostgreSQL): 100 tabs filtering the
# directory (and again with an instance killed half way), and a sync's commit to the 100th
# open page updated. Options after BENCH_ARGS=, e.g. "--clients 20 --members 5000".
bench-load: install $(CADDY)
	REFLEX_DB_URL=$${REFLEX_DB_URL:-postgresql+psycopg://postgres@127.0.0.1:5432/cymuned} \
	$(PY) -m bench.load $(BENCH_ARGS)

bench-live: install $(CADDY)
	REFLEX_DB_URL=$${REFLEX_DB_URL:-postgresql+psycopg://postgres@127.0.0.1:5432/cymuned} \
	$(PY) -m bench.live $(BENCH_ARGS)

setup: install db

install: $(VENV)/.installed $(TOOLS)/node_modules/.installed $(PANGO)

$(VENV)/.installed: pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test]'
	touch $@

$(TOOLS)/node_modules/.installed: $(TOOLS)/package.json $(TOOLS)/package-lock.json
	cd $(TOOLS) && npm ci --no-audit --no-fund --loglevel=error
	touch $@

# The production shape on one host: migrations once, two app instances on their own ports,
# Caddy in front (see dashboard/operations/serve.py and the README's "Running in
# production"). Needs PostgreSQL and Redis: REFLEX_DB_URL and REFLEX_REDIS_URL, by default
# the local ones. SERVE_ARGS e.g. "--instances 3 --port 8080".
serve: install $(CADDY)
	$(VENV)/bin/cymuned serve $(SERVE_ARGS)

# The production shape's fault tests alone (two instances behind Caddy, a private Redis, a
# relay in front of PostgreSQL); `make test` runs them too when REFLEX_DB_URL is PostgreSQL.
test-production: install $(CHROMIUM) $(CADDY)
	REFLEX_DB_URL=$${REFLEX_DB_URL:-postgresql+psycopg://postgres@127.0.0.1:5432/cymuned_test} \
	REFLEX_REDIS_URL=$${REFLEX_REDIS_URL:-redis://127.0.0.1:6379/0} \
	$(PY) -m pytest tests/browser/test_serve.py $(PYTEST_ARGS)

# Caddy, the reverse proxy of `make serve` (its test runs in CI's PostgreSQL + Redis pass).
$(CADDY):
	apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq caddy >/dev/null

# Debian's Chromium for the browser tests (Playwright's own browser download is not
# reachable here).
$(CHROMIUM):
	apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null

# Debian's Pango, HarfBuzz and DejaVu fonts for WeasyPrint (the meeting pack PDFs), if missing.
$(PANGO):
	apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
		libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-dejavu-core >/dev/null

db: install
	$(VENV)/bin/cymuned db upgrade
	$(VENV)/bin/cymuned seed --demo --if-empty

clean:
	rm -rf $(VENV) $(TOOLS)/node_modules .web data
