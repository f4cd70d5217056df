# Two commands: `make lab` (the workbook on sample data) and `make test` (everything).
# Both create .venv on first use and install what they need.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
# JupyterLab refuses to start as root without --allow-root (CI and containers run as root).
ROOT_FLAG := $(if $(filter 0,$(shell id -u)),--allow-root,)
DASHBOARD_PORT ?= 8866
# The newest Python 3.12+ on this machine (pyenv's versions first, then the PATH), for test-newest.
PYENV_ROOT ?= $(or $(shell pyenv root 2>/dev/null),$(HOME)/.pyenv)
NEWEST_PYTHON ?= $(or $(lastword $(sort $(wildcard $(PYENV_ROOT)/versions/3.1[2-9]*/bin/python3))),\
                      $(shell for p in python3.14 python3.13 python3.12; do \
                                $$p -c pass 2>/dev/null && command -v $$p && break; done))
NEWEST_VENV := .venv-newest

.PHONY: lab test test-fast test-newest shell dashboard workshop bench lint sample notebooks clean

$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[test,lab,bench]"
	@touch $(STAMP)

## Open JupyterLab at notebooks/00_start_here.ipynb (your workbook: notebooks/my_workbook/)
lab: $(STAMP)
	cd notebooks && ../$(BIN)/jupyter lab $(ROOT_FLAG) --config=../tools/jupyter_server_config.py 00_start_here.ipynb

## Unit tests, doctests, every notebook (nbval) and the browser tests (when Chromium is present)
test: $(STAMP)
	MPLBACKEND=Agg INFOVIEW_WORKBOOK=$$(mktemp -d)/my_workbook \
	$(BIN)/python -m pytest --nbval-lax --nbval-current-env tests infoview_kit notebooks

## The same without the browser tests and the slow ones (fault injection, the wheel test)
test-fast: $(STAMP)
	MPLBACKEND=Agg INFOVIEW_WORKBOOK=$$(mktemp -d)/my_workbook \
	$(BIN)/python -m pytest --nbval-lax --nbval-current-env -m "not browser and not slow" \
	  tests infoview_kit notebooks

## The fast suite on the newest Python here, with the newest numpy/pandas (own venv, .venv-newest)
test-newest:
	@test -n "$(NEWEST_PYTHON)" || { echo "no Python 3.12 or newer found (pyenv or PATH)"; exit 1; }
	@test -x $(NEWEST_VENV)/bin/python || $(NEWEST_PYTHON) -m venv $(NEWEST_VENV)
	$(NEWEST_VENV)/bin/python -m pip install --quiet --upgrade pip
	$(NEWEST_VENV)/bin/python -m pip install --quiet --upgrade --upgrade-strategy eager -e ".[test]"
	@$(NEWEST_VENV)/bin/python -c "import sys, numpy, pandas; \
	  print('Python', sys.version.split()[0], '- numpy', numpy.__version__, '- pandas', pandas.__version__)"
	MPLBACKEND=Agg INFOVIEW_WORKBOOK=$$(mktemp -d)/my_workbook \
	$(NEWEST_VENV)/bin/python -m pytest --nbval-lax --nbval-current-env -m "not browser and not slow" \
	  -p no:cacheprovider tests infoview_kit notebooks

## A shell with .venv active: `infoview`, `jupyter`, `pytest` on the PATH (`exit` to leave)
shell: $(STAMP)
	@echo "infoview-kit: .venv is active in this shell; type exit to leave it."
	@VIRTUAL_ENV="$(CURDIR)/$(VENV)" PATH="$(CURDIR)/$(BIN):$$PATH" $${SHELL:-/bin/bash} -i

## The advisor's cohort dashboard as a Voila app at http://localhost:8866 (DASHBOARD_PORT=...)
dashboard: $(STAMP)
	cd notebooks/advisor && ../../$(BIN)/voila --port=$(DASHBOARD_PORT) cohort_dashboard.ipynb

## The workbook notebooks as Voila apps, without code: open one from the list (?theme=dark works)
workshop: $(STAMP)
	cd notebooks && ../$(BIN)/voila --VoilaConfiguration.allow_theme_override=YES .

## Benchmarks (not part of `make test`): each prints its figures and the ratio to a baseline
bench: $(STAMP)
	@for b in benchmarks/bench_*.py; do echo "== $$b"; $(BIN)/python $$b || exit 1; done

## ruff: lint rules, then the formatting check (CI runs both)
lint: $(STAMP)
	$(BIN)/ruff check infoview_kit tests tools benchmarks notebooks
	$(BIN)/ruff format --check infoview_kit tests tools benchmarks

## Regenerate data/sample/ from the seeded generator
sample: $(STAMP)
	$(BIN)/python -m infoview_kit.datasets data/sample

## Rewrite every notebook from its text in tools/notebook_text/ (no outputs)
notebooks: $(STAMP)
	$(BIN)/python -m tools.build_notebooks

clean:
	rm -rf $(VENV) $(NEWEST_VENV) .pytest_cache artifacts
