# Quick start: `make run` (set up, then run the assistant) and `make test` (set up, then run every test).
SHELL := /bin/bash
VENV := .venv
PY := $(VENV)/bin/python
STAMPS := .stamps
export PYTHONDONTWRITEBYTECODE := 1
export SQLALCHEMY_SILENCE_UBER_WARNING := 1

RASA := $(VENV)/bin/rasa
MODEL := models/a4p.tar.gz
export RASA_TELEMETRY_ENABLED := false
export TF_CPP_MIN_LOG_LEVEL := 3

.PHONY: run test test-fast typecheck bench setup store model validate lint clean chromium fonts nginx prod reliability
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

# Debian's CJK font for Chinese chart labels (loaded by path) and for the browser tests.
fonts: $(STAMPS)/fonts
$(STAMPS)/fonts: scripts/install-fonts scripts/apt-install
	scripts/install-fonts
	@mkdir -p $(STAMPS) && touch $@

# Debian's nginx for the production profile.
nginx: $(STAMPS)/nginx
$(STAMPS)/nginx: scripts/install-prod scripts/apt-install
	scripts/install-prod
	@mkdir -p $(STAMPS) && touch $@

# Debian's Chromium for the browser tests (Playwright never downloads a browser here).
chromium: $(STAMPS)/chromium
$(STAMPS)/chromium: scripts/install-chromium scripts/apt-install
	scripts/install-chromium
	@mkdir -p $(STAMPS) && touch $@

lint: setup
	$(VENV)/bin/ruff check actions bench bot nlu server tests
	$(VENV)/bin/ruff format --check actions bench bot nlu server tests scripts

# mypy over actions, bot, nlu and server (settings in mypy.ini); part of `make test`.
typecheck: setup
	$(PY) -m mypy

validate: setup
	$(RASA) data validate --fail-on-warnings --quiet

# Retrain only when training data, domain, config or NLU components change; facts need no retraining.
model: $(MODEL)
$(MODEL): config.yml domain.yml $(wildcard data/nlu/*.yml) data/rules.yml $(wildcard nlu/*.py) | $(STAMPS)/venv
	$(RASA) data validate --fail-on-warnings --quiet
	@started=$$(date +%s); $(RASA) train --fixed-model-name a4p --quiet; \
	  echo "Model trained in $$(( $$(date +%s) - started ))s."
	@touch $@

run: fonts store model
	scripts/run-assistant

test: setup fonts chromium lint typecheck store model
	$(VENV)/bin/pytest -q -s tests --ignore=tests/reliability
	$(RASA) test core --stories tests/stories --model $(MODEL) --fail-on-prediction-errors --out results/core

# The tests that need no server, service or extra process (pytest marker `server`, pytest.ini): under a minute.
# No `store`: these tests load their own store (tests/conftest.py) and never read the default one.
test-fast: setup fonts
	$(VENV)/bin/pytest -q -m "not server" tests --ignore=tests/reliability --ignore=tests/test_server.py

# The assistant against Rasa's starter bot, side by side (minutes; not part of `make test`).
# Smaller run: make bench BENCH_ARGS="--seconds 5 --rounds 1 --scale 0 --long 0"
bench: store model
	$(PY) -m bench $(BENCH_ARGS)

# The production profile (README, "Production"): settings from the environment, checked before anything starts.
prod: setup fonts nginx model
	PATH="$$PATH:/usr/sbin" $(PY) -m bot.prod

# Load, faults, hostile input and security checks against the production profile, on loopback only.
reliability: setup fonts nginx model
	PATH="$$PATH:/usr/sbin" $(VENV)/bin/pytest -q -s tests/reliability

clean:
	rm -rf $(VENV) $(STAMPS) facts.db
