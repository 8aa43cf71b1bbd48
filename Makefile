# Shizi: the README's commands. Every target sets up .venv first (once; again only
# when pyproject.toml changes).
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
HOST   ?= 127.0.0.1
PORT   ?= 8501
SCALE  ?= city
BENCH_ARGS ?=
LOAD_ARGS ?=

.PHONY: run test bench load lint seed migrate fonts

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

migrate: $(STAMP)
	$(BIN)/shizi migrate

# A second replica on the same PostgreSQL, once the first answers (docs/deployment.md):
# make run PORT=8502 DATABASE_URL=postgresql+psycopg://...
run: migrate
	$(BIN)/shizi seed --scale $(SCALE) --if-empty
	$(BIN)/streamlit run app.py --server.address $(HOST) --server.port $(PORT)

seed: migrate
	$(BIN)/shizi seed --scale $(SCALE)

# Coverage of planning/ and models/, failing under [tool.coverage.report] fail_under.
test: $(STAMP)
	$(BIN)/python -m pytest --cov --cov-report=term

bench: $(STAMP)
	$(BIN)/python -m bench --scale $(SCALE) $(BENCH_ARGS)

# N sessions at once on one server (bench/load.py); e.g. LOAD_ARGS="--sessions 10 --seconds 120"
load: $(STAMP)
	$(BIN)/python -m bench load --scale $(SCALE) $(LOAD_ARGS)

# Chinese in exported chart images and slides needs a CJK font (Debian/Ubuntu).
fonts:
	fc-list :lang=zh | grep -q . || { apt-get update -qq && apt-get install -y -qq fonts-noto-cjk; }

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy
