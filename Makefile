# The two commands: `make run` and `make test`. Everything else is their plumbing.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 5000
export FLASK_APP := wsgi.py
# The app's own default is production (safe when a deployment forgets it); these commands are
# for a developer's machine. `APP_ENV=production make ...` still works.
export APP_ENV ?= development

.PHONY: run test venv dev-deps chromium vnu db translations bench clean

run: $(BIN)/.installed db ## Set up and serve the app with demo data on 127.0.0.1:$(PORT)
	$(BIN)/flask run --host 127.0.0.1 --port $(PORT)

# The production way: migrations, then gunicorn with gunicorn.conf.py (BIND or PORT, default
# 127.0.0.1:8000; WEB_CONCURRENCY workers). The demo accounts (one known password) are loaded only
# when APP_ENV is development, as `make run` does; a deployment gets none: `flask create-admin`.
.PHONY: serve
serve: $(BIN)/.installed ## Apply migrations and serve with gunicorn (gunicorn.conf.py); demo data in development only
	$(BIN)/flask db upgrade
	@if [ "$$APP_ENV" = development ]; then $(BIN)/flask demo-data; fi
	exec $(BIN)/gunicorn -c gunicorn.conf.py wsgi:app

# Background work (webapp/worker.py): the outbox's text messages, and Celery beat's schedule (the
# outbox sweep each minute, the nightly purge of deleted accounts and expiry of invite codes).
# Needs REDIS_URL or CELERY_BROKER_URL, with the same DATABASE_URL as the app servers. One worker
# runs beat; more workers (any machine) run `$(BIN)/celery -A webapp.worker worker` without --beat.
.PHONY: worker
worker: $(BIN)/.installed ## Run the Celery worker and beat (needs REDIS_URL or CELERY_BROKER_URL)
	exec $(BIN)/celery -A webapp.worker worker --beat --loglevel INFO

test: $(BIN)/.installed-dev chromium vnu ## Set up and run the whole suite (unit, web, browser)
	$(BIN)/python -m pytest

.PHONY: test-quick
test-quick: $(BIN)/.installed-dev chromium vnu ## The suite without the slow fault tests (marker `slow`)
	$(BIN)/python -m pytest -m "not slow"

$(VENV)/bin/python:
	@command -v $(PYTHON) >/dev/null 2>&1 || { echo "Python 3.11 is needed: install python3.11 (or set PYTHON=...)"; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(BIN)/.installed: $(VENV)/bin/python requirements.txt
	$(BIN)/pip install --quiet -r requirements.txt
	touch $@

$(BIN)/.installed-dev: $(BIN)/.installed requirements-dev.txt
	$(BIN)/pip install --quiet -r requirements-dev.txt
	touch $@

db: $(BIN)/.installed ## Apply migrations to the embedded database and load demo data when empty
	$(BIN)/flask db upgrade
	$(BIN)/flask demo-data

chromium: ## Debian's Chromium for the browser tests
	@if [ -x /usr/bin/chromium ]; then :; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
		echo "Installing Debian's chromium for the browser tests..."; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	else echo "Browser tests need Chromium: run 'sudo apt-get install -y chromium' and try again."; exit 1; fi

# The W3C Nu Html Checker for the browser tests, pinned in package.json / package-lock.json. A test
# tool only: nothing under node_modules/ is served. --ignore-scripts: vnu-jar's own install script
# would download a Java; the machine's Java 17 is used. Without npm or Java the HTML check skips
# saying so (it fails when CI=true).
vnu: ## The Nu Html Checker (vnu.jar) from npm for the valid-HTML browser test
	@if [ -f node_modules/vnu-jar/build/dist/vnu.jar ]; then :; \
	elif command -v npm >/dev/null; then \
		echo "Installing the Nu Html Checker (vnu-jar) for the browser tests..."; \
		npm ci --no-audit --no-fund --ignore-scripts; \
	else echo "npm is missing: the valid-HTML browser test will be skipped (install nodejs and npm to run it)."; fi
	@command -v java >/dev/null || echo "Java is missing: the valid-HTML browser test will be skipped (install openjdk-17-jre-headless to run it)."

translations: $(BIN)/.installed ## Extract strings, update and compile the catalogs
	$(BIN)/flask translate update
	$(BIN)/flask translate compile

bench: $(BIN)/.installed-dev ## Load (wrk on gunicorn), bytes, queries and memory per page, both sizes and databases
	$(BIN)/python -m tests.bench

clean:
	rm -rf $(VENV) .pytest_cache
