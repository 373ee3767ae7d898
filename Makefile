# One command runs the product, one runs the tests.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin

.PHONY: demo install test bench bench-full lighthouse lint typecheck format messages seed-messages worker clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e .
	touch $@

install: $(VENV)/.installed

## make demo [PORT=8000] [DEMO_LANGUAGE=nl|sv|de|en]: SQLite, a background worker, demo
## organisation (its texts in DEMO_LANGUAGE, default LANGUAGE_CODE), at http://127.0.0.1:$(PORT)
PORT ?= 8000
DEMO_LANGUAGE ?=
demo: install
	PORT=$(PORT) DEMO_LANGUAGE=$(DEMO_LANGUAGE) bash scripts/demo.sh

## make test: the whole suite on a private PostgreSQL and Redis (installs what it needs)
test:
	bash scripts/test.sh

## make bench: the benchmarks at realistic sizes on PostgreSQL; one JSON line per case
bench:
	bash scripts/test.sh benchmarks -q -s -p no:cacheprovider -m "not full"

## make bench-full: the same and the cases at 10,000 initiatives (about 15 minutes more)
bench-full:
	bash scripts/test.sh benchmarks -q -s -p no:cacheprovider

## make lighthouse: Lighthouse desktop performance of the dashboard, served as in production
## (demo organisation; DATABASE_URL=... USER_NAME=... for a seed_scale portfolio)
lighthouse: install
	bash scripts/lighthouse.sh

lint:
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

typecheck:
	$(BIN)/mypy .

format:
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

## make messages: refresh and compile the Dutch, Swedish and German catalogues (the demo
## organisation's texts stay out: they have their own catalogue, see seed-messages)
messages:
	$(BIN)/python manage.py makemessages -l nl -l sv -l de --ignore=.venv --ignore=staticfiles --ignore=seeding --no-obsolete
	$(BIN)/python manage.py compilemessages --ignore=.venv

## make seed-messages: refresh and compile the demo organisation's catalogues in seeding/locale
## (without settings, so only that folder is read and written)
seed-messages:
	cd seeding && env -u DJANGO_SETTINGS_MODULE ../$(BIN)/django-admin makemessages -l nl -l sv -l de --no-obsolete
	cd seeding && env -u DJANGO_SETTINGS_MODULE ../$(BIN)/django-admin compilemessages

clean:
	rm -rf var staticfiles test-artifacts
