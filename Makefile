# Quick start: `make run` (set up, then run the assistant) and `make test` (set up, then run every test).
SHELL := /bin/bash
VENV := .venv
PY := $(VENV)/bin/python
STAMPS := .stamps
export PYTHONDONTWRITEBYTECODE := 1
export SQLALCHEMY_SILENCE_UBER_WARNING := 1

.PHONY: run test setup store lint clean
.DELETE_ON_ERROR:

setup: $(STAMPS)/venv

$(STAMPS)/venv: requirements.txt constraints.txt scripts/find-python310
	@python310=$$(PYTHON310="$(PYTHON310)" scripts/find-python310) || exit 1; \
	  echo "Using $$python310"; \
	  [ -x $(PY) ] || $$python310 -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade "pip==24.0" "setuptools==70.3.0" "wheel==0.45.1"
	$(PY) -m pip install --quiet -r requirements.txt -c constraints.txt
	@mkdir -p $(STAMPS) && touch $@

store: setup
	$(PY) -m bot facts load

lint: setup
	$(VENV)/bin/ruff check actions bot tests

run: store
	@echo
	@echo "The fact store is ready ($$($(PY) -c 'from actions.store.db import database_url; print(database_url())'))."
	@echo "Query it:  $(PY) -m bot facts search \"how many peacekeepers were killed since 1948\""
	@echo "           $(PY) -m bot facts export --format json | head"

test: setup lint
	$(VENV)/bin/pytest -q tests

clean:
	rm -rf $(VENV) $(STAMPS) facts.db
