# Uitstroom-assistent. Two commands do all set-up: `make run` and `make test`.
SHELL := /bin/bash
.DEFAULT_GOAL := help

PYTHON_VERSION := $(shell cat .python-version)
VENV := .venv
PY := $(VENV)/bin/python
export RASA_TELEMETRY_ENABLED := false
export TF_CPP_MIN_LOG_LEVEL := 2
export SQLALCHEMY_SILENCE_UBER_WARNING := 1
export PYTHONWARNINGS := ignore::DeprecationWarning

.PHONY: help run test eval bench invite import-csv feedback lint deps system-deps spacy model webchat casestore

help:
	@echo "make run    - install what is missing, train if needed, start the assistant on http://127.0.0.1:8080"
	@echo "make test   - install what is missing and run every test"
	@echo "make eval   - knowledge retrieval, readability and NLU evaluation reports (bench/results)"
	@echo "make bench  - speed and accuracy benchmark against a stock Rasa set-up"
	@echo "make invite CLIENT=<cliëntnummer> - a personal chat link for one client"
	@echo "make import-csv CSV=<bestand> - import clients from CSV, with a report of rejected rows"
	@echo "make feedback - unanswered questions and answers rated down, for content editors"

# --- installation -------------------------------------------------------------
$(VENV)/.installed: requirements.txt requirements-dev.txt pyproject.toml .python-version
	@bash scripts/ensure_venv.sh "$(PYTHON_VERSION)" "$(VENV)"
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -r requirements-dev.txt
	$(PY) -m pip install -q --no-deps -e .
	@touch $@

deps: $(VENV)/.installed

# Debian packages: Chromium for the browser test, PostgreSQL for the production database tests.
system-deps:
	@bash scripts/ensure_system_packages.sh

spacy: deps
	@$(PY) scripts/build_spacy_pipeline.py

model: spacy
	@$(PY) scripts/train_if_changed.py
	@$(PY) -m uitstroom.knowledge.embeddings

webchat:
	@test -d web/node_modules/rasa-webchat || (cd web && npm ci --no-audit --no-fund --loglevel=error)

casestore: deps
	@$(PY) -m uitstroom.casestore.setup

# --- the two commands -----------------------------------------------------------
run: model webchat casestore
	@$(PY) scripts/run.py

test: system-deps model webchat
	$(PY) -m ruff check .
	$(VENV)/bin/rasa data validate --fail-on-warnings --data rasa/data --domain domain.yml --config config.yml
	$(PY) -m pytest -p no:cacheprovider -q
	@bash scripts/test_stories.sh

# --- reports --------------------------------------------------------------------
eval: model
	$(PY) -m bench.eval_knowledge
	$(PY) -m bench.eval_knowledge --questions bench/dev/questions
	$(PY) -m bench.eval_follow_ups
	$(PY) -m bench.eval_item_questions
	$(PY) -m bench.eval_nlu

bench: system-deps model webchat casestore
	$(PY) -m bench.run_bench

invite: casestore
	@$(PY) -m uitstroom.casestore.invite "$(CLIENT)"

import-csv: casestore
	@$(PY) -m uitstroom.casestore.importer "$(CSV)"

feedback: casestore
	@$(PY) -m uitstroom.casestore.feedback_report

lint: deps
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .
