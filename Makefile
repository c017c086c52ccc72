# Framing Lab: `make lab` to open the lessons, `make test` to check everything.
# Every target bootstraps .venv (python3 -m venv + pip install -e ".[test]") when missing.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
LAB_ARGS ?=
PRESENT_ARGS ?=
SUBMISSIONS ?=
GRADE_ARGS ?=

# nbgrader runs alembic as a subprocess: the venv's bin must come first on PATH.
export PATH := $(abspath $(BIN)):$(PATH)
# Matplotlib keeps its font cache in the venv, built once at install, so no
# notebook prints "building the font cache" on its first run.
export MPLCONFIGDIR := $(abspath $(VENV))/mplconfig

NOTEBOOKS := $(sort $(wildcard notebooks/*.ipynb)) $(sort $(wildcard solutions/*/*.ipynb))

.PHONY: lab present test exercises notebooks bench install grade

install: $(STAMP)

$(STAMP): pyproject.toml jupyterlab-settings/overrides.json
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 10) else "Framing Lab needs Python 3.10 or newer, but $(PYTHON) is " + sys.version.split()[0] + ". Pass another one, e.g. make lab PYTHON=python3.11")'
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --disable-pip-version-check -q -e ".[test]"
	$(BIN)/python -c "import matplotlib.pyplot"
	# Offline classrooms: JupyterLab must not ask to fetch news or check for updates.
	mkdir -p $(VENV)/share/jupyter/lab/settings
	cp jupyterlab-settings/overrides.json $(VENV)/share/jupyter/lab/settings/overrides.json
	touch $(STAMP)

# The server's root is the project folder, so links between notebooks/, exercises/ and seeds/ work.
lab: $(STAMP)
	$(BIN)/jupyter lab --ServerApp.root_dir="$(CURDIR)" notebooks/00-welcome.ipynb $(LAB_ARGS)

# Presentation mode: the Framing Explorer alone, as a Voilà page with no code, to project in class.
# Its template (presentation/jupyter/voila/templates/framelab) loads nothing from a CDN.
present: $(STAMP)
	JUPYTER_PATH="$(CURDIR)/presentation/jupyter" $(BIN)/voila --template=framelab presentation/framing-explorer.ipynb $(PRESENT_ARGS)

test: $(STAMP)
	$(BIN)/python -m pytest

exercises: $(STAMP)
	$(BIN)/python -m tools.exercises exercises

notebooks: $(STAMP)
	$(BIN)/python -m tools.notebooks $(NOTEBOOKS)

# Autograde a class: make grade SUBMISSIONS=folder [GRADE_ARGS="--output grades --timeout 30 --workers 2"]
# (layouts and output: docs/instructors.md). Writes grades/gradebook.csv and grades/feedback/.
grade: $(STAMP)
	@test -n "$(SUBMISSIONS)" || { echo "make grade needs the folder of submitted notebooks: make grade SUBMISSIONS=path/to/folder (see docs/instructors.md)" >&2; exit 2; }
	$(BIN)/python -m tools.grade "$(SUBMISSIONS)" $(GRADE_ARGS)

bench: $(STAMP)
	$(BIN)/python -m benchmarks.run
	$(BIN)/python -m benchmarks.keyness
	$(BIN)/python -m benchmarks.grading
	$(BIN)/python -m benchmarks.explorer
	$(BIN)/python -m benchmarks.text
