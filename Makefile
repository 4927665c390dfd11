# The two commands of the README, `make run` and `make test`, and `make bench` for measuring.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
FIXTURES := $(sort $(wildcard fixtures/*.yaml))
HOST ?= 127.0.0.1:8000

.PHONY: run test bench install install-dev migrate load clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

$(VENV)/.installed: requirements.txt | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements.txt
	touch $@

$(VENV)/.installed-dev: requirements.txt requirements-dev.txt | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements-dev.txt
	touch $@ $(VENV)/.installed

# The design system's assets (DKFDS), pinned in package.json and package-lock.json.
node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund
	touch $@

install: $(VENV)/.installed node_modules/.installed

install-dev: $(VENV)/.installed-dev node_modules/.installed

migrate: install
	$(BIN)/python manage.py migrate --noinput

## Load the data transcribed from the minutes; loading again changes nothing.
load: migrate
	$(BIN)/python manage.py loaddata $(FIXTURES)

run: load
	$(BIN)/python manage.py runserver $(HOST)

## Lint and format check, then every test, in one process per CPU (pytest-xdist; TEST_WORKERS=0 for one).
## Extra pytest arguments: make test ARGS="-k fixtures".
TEST_WORKERS ?= auto
test: install-dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/python -m pytest -n $(TEST_WORKERS) $(ARGS)

## The public pages' speed on national-size data (see README, Benchmarks); needs wrk (apt-get install -y wrk).
## Database: BENCH_DATABASE_URL, else the local PostgreSQL frikommune_bench. First time: make bench ARGS=--generate
bench: install
	@command -v wrk >/dev/null || { echo "wrk is missing: sudo apt-get install -y wrk (or make bench ARGS=--no-http)"; \
		case "$(ARGS)" in *--no-http*) ;; *) exit 1 ;; esac; }
	$(BIN)/python benchmarks/run.py $(ARGS)

clean:
	rm -rf $(VENV) staticfiles
