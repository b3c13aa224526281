# Razem — `make demo` serves the platform with demo data; `make test` runs the suite.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
STAMP := $(VENV)/.installed-stamp
PYTEST_ARGS ?= -n 2

.PHONY: install demo test lint format bench messages clean

$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	@touch $(STAMP)

install: $(STAMP)

demo: install
	@mkdir -p var
	DJANGO_SETTINGS_MODULE=razem.config.settings.dev $(BIN)/razem migrate --noinput
	DJANGO_SETTINGS_MODULE=razem.config.settings.dev $(BIN)/razem demo
	@echo ""
	@echo "Razem is running at http://127.0.0.1:$(PORT)/  (Ctrl+C to stop)"
	DJANGO_SETTINGS_MODULE=razem.config.settings.dev $(BIN)/razem runserver 127.0.0.1:$(PORT)

test: install
	@mkdir -p var
	$(BIN)/python -m pytest $(PYTEST_ARGS)

lint: install
	$(BIN)/python -m ruff check .
	$(BIN)/python -m ruff format --check .

format: install
	$(BIN)/python -m ruff check --fix .
	$(BIN)/python -m ruff format .

messages: install
	@for app in razem/*/; do if [ -d $$app/locale ]; then (cd $$app && ../../$(BIN)/django-admin makemessages -l pl --no-obsolete --no-location >/dev/null); fi; done
	$(BIN)/razem compilemessages --ignore=.venv --ignore=var >/dev/null

bench: install
	$(BIN)/python bench/run.py

clean:
	rm -rf $(VENV) var
