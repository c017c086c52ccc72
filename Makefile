# Framing Lab: `make lab` to open the lessons, `make test` to check everything.
# Every target bootstraps .venv (python3 -m venv + pip install -e ".[test]") when missing.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
# Students' JupyterLab and Voila run without nbgrader's extensions (see the rule above lab).
STUDENT_LAB := $(VENV)/.student-lab-stamp
NBGRADER_SERVER_EXTENSIONS := nbgrader.server_extensions.formgrader nbgrader.server_extensions.validate_assignment \
	nbgrader.server_extensions.assignment_list nbgrader.server_extensions.course_list
# Where make lab and make lab-instructor open: chapter 00, also from the printed URL.
START_URL := /lab/tree/notebooks/00-welcome.ipynb
LAB_ARGS ?=
PRESENT_ARGS ?=
# make lab CORPUS=folder (also lab-instructor, present): every load_corpus() in the server's notebooks
# reads that folder of .txt articles instead of seeds/, through FRAMELAB_CORPUS (made absolute, since
# notebooks run in their own folders). Without CORPUS nothing changes. Draft its catalog first:
# python -m framelab catalog folder.
CORPUS ?=
# (No commas in these: $(if) would split at them. The shell makes the path absolute, spaces and all.)
WITH_CORPUS = $(if $(strip $(CORPUS)),FRAMELAB_CORPUS="$$(CDPATH= cd -- "$(CORPUS)" && pwd)")
CHECK_CORPUS = $(if $(strip $(CORPUS)),@test -d "$(CORPUS)" || { echo "make: CORPUS=$(CORPUS) is not a folder. Give the folder that holds the .txt articles: make lab CORPUS=path/to/articles" >&2; exit 2; })
SUBMISSIONS ?=
GRADE_ARGS ?=

# nbgrader runs alembic as a subprocess: the venv's bin must come first on PATH.
export PATH := $(abspath $(BIN)):$(PATH)
# Matplotlib keeps its font cache in the venv, built once at install, so no
# notebook prints "building the font cache" on its first run.
export MPLCONFIGDIR := $(abspath $(VENV))/mplconfig

NOTEBOOKS := $(sort $(wildcard notebooks/*.ipynb)) $(sort $(wildcard solutions/*/*.ipynb))

.PHONY: lab lab-instructor present test exercises notebooks bench install grade student-copy

install: $(STAMP) $(STUDENT_LAB)

$(STAMP): pyproject.toml jupyterlab-settings/overrides.json
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 10) else "Framing Lab needs Python 3.10 or newer, but $(PYTHON) is " + sys.version.split()[0] + ". Pass another one, e.g. make lab PYTHON=python3.11")'
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --disable-pip-version-check -q -e ".[test]"
	$(BIN)/python -c "import matplotlib.pyplot"
	# Offline classrooms: JupyterLab must not ask to fetch news or check for updates.
	mkdir -p $(VENV)/share/jupyter/lab/settings
	cp jupyterlab-settings/overrides.json $(VENV)/share/jupyter/lab/settings/overrides.json
	touch $(STAMP)

# nbgrader (a dependency: make grade and make exercises use its Python API) installs an
# Nbgrader menu, a Validate button and a Create Assignment panel into JupyterLab, and its
# scripts raise errors in Voila's page. Students get none of it: it is switched off for
# this venv (sys-prefix level: nothing outside .venv is written), and make lab-instructor
# switches it back on for its own server through jupyterlab-settings/instructor/.
$(STUDENT_LAB): $(STAMP)
	$(BIN)/jupyter labextension disable --level=sys_prefix @jupyter/nbgrader
	$(BIN)/jupyter server extension disable --sys-prefix $(NBGRADER_SERVER_EXTENSIONS)
	touch $(STUDENT_LAB)

# The server's root is the project folder, so links between notebooks/, exercises/ and seeds/ work.
# jupyter-config/ makes JupyterLab save notebooks in their committed form (tools/lab_save.py).
# default_url makes every way in land on chapter 00: the browser make lab opens, the URL it
# prints (for a browser elsewhere, on a fresh workspace) and the server's bare address.
lab: $(STUDENT_LAB)
	$(CHECK_CORPUS)
	$(WITH_CORPUS) JUPYTER_CONFIG_PATH="$(CURDIR)/jupyter-config$${JUPYTER_CONFIG_PATH:+:$$JUPYTER_CONFIG_PATH}" $(BIN)/jupyter lab --ServerApp.root_dir="$(CURDIR)" --LabApp.default_url=$(START_URL) $(LAB_ARGS)

# The instructors' JupyterLab: make lab plus nbgrader's Formgrader, Course List, Validate
# button and Create Assignment panel (docs/instructors.md). jupyterlab-settings/instructor/
# comes first on JUPYTER_CONFIG_PATH, above the venv's settings, for this server only.
lab-instructor: $(STUDENT_LAB)
	$(CHECK_CORPUS)
	$(WITH_CORPUS) JUPYTER_CONFIG_PATH="$(CURDIR)/jupyterlab-settings/instructor:$(CURDIR)/jupyter-config$${JUPYTER_CONFIG_PATH:+:$$JUPYTER_CONFIG_PATH}" $(BIN)/jupyter lab --ServerApp.root_dir="$(CURDIR)" --LabApp.default_url=$(START_URL) $(LAB_ARGS)

# Presentation mode: the Framing Explorer alone, as a Voilà page with no code, to project in class.
# Its template (presentation/jupyter/voila/templates/framelab) loads nothing from a CDN.
present: $(STUDENT_LAB)
	$(CHECK_CORPUS)
	$(WITH_CORPUS) JUPYTER_PATH="$(CURDIR)/presentation/jupyter" $(BIN)/voila --template=framelab presentation/framing-explorer.ipynb $(PRESENT_ARGS)

# The accessibility test runs axe-core in Chromium: from the npm registry, pinned, kept in the venv.
AXE := $(VENV)/node/node_modules/axe-core/axe.min.js
$(AXE):
	@command -v npm >/dev/null || { echo "make test needs npm to install axe-core for the accessibility test (Debian/Ubuntu: sudo apt-get install npm)" >&2; exit 2; }
	npm install --no-save --no-audit --no-fund --prefix $(VENV)/node axe-core@4.11.1

# tests/hub and benchmarks/hub.py run JupyterHub, whose proxy is configurable-http-proxy from the
# npm registry, pinned (5.2.0 runs on Node.js 20, the machine's; 5.3.0's commander wants 22).
# Its own prefix: an `npm install --no-save` into axe-core's prefix would prune axe-core as
# extraneous (and axe-core's install would prune this one).
CHP := $(VENV)/node-proxy/node_modules/.bin/configurable-http-proxy
$(CHP):
	@command -v npm >/dev/null || { echo "make test needs npm to install configurable-http-proxy for the JupyterHub test (Debian/Ubuntu: sudo apt-get install npm)" >&2; exit 2; }
	npm install --no-save --no-audit --no-fund --prefix $(VENV)/node-proxy configurable-http-proxy@5.2.0

test: $(STAMP) $(STUDENT_LAB) $(AXE) $(CHP)
	$(BIN)/python -m pytest

# The lessons as a static website in site/ (the instructor guide, "The website"): their committed
# outputs (no kernel runs), README's chapter table as home page, search, the exercises as downloads,
# nothing from another host. MathJax for the formulas comes from the npm registry, pinned, in its own
# prefix (an `npm install --no-save` into another prefix would prune that prefix's packages).
.PHONY: site
MATHJAX := $(VENV)/site-js/node_modules/mathjax/es5/tex-svg.js
$(MATHJAX):
	@command -v npm >/dev/null || { echo "make site needs npm to install MathJax for the lessons' formulas (Debian/Ubuntu: sudo apt-get install npm)" >&2; exit 2; }
	npm install --no-save --no-audit --no-fund --prefix $(VENV)/site-js mathjax@3.2.2

site: $(STAMP) $(MATHJAX)
	$(BIN)/python -m tools.site site

# tests/browser/test_site.py builds the site: make test needs MathJax too.
test: $(MATHJAX)

exercises: $(STAMP)
	$(BIN)/python -m tools.exercises exercises

notebooks: $(STAMP)
	$(BIN)/python -m tools.notebooks $(NOTEBOOKS)

# Autograde a class: make grade SUBMISSIONS=folder [GRADE_ARGS="--output grades --timeout 30 --workers 2"]
# (layouts and output: docs/instructors.md). Writes grades/gradebook.csv and grades/feedback/.
grade: $(STAMP)
	@test -n "$(SUBMISSIONS)" || { echo "make grade needs the folder of submitted notebooks: make grade SUBMISSIONS=path/to/folder (see docs/instructors.md)" >&2; exit 2; }
	$(BIN)/python -m tools.grade "$(SUBMISSIONS)" $(GRADE_ARGS)

# The copy students get, as a new one-commit git repository ready to push: no solutions/, hidden
# tests, grader or instructors' guide (docs/instructors.md, section 3; the list: tools/student_copy.py).
student-copy:
	@test -n "$(DEST)" || { echo "make student-copy needs a new or empty folder outside the project: make student-copy DEST=../framing-lab-students" >&2; exit 2; }
	$(PYTHON) -m tools.student_copy "$(DEST)"

bench: $(STAMP) $(CHP)
	$(BIN)/python -m benchmarks.run
	$(BIN)/python -m benchmarks.keyness
	$(BIN)/python -m benchmarks.grading
	$(BIN)/python -m benchmarks.explorer
	$(BIN)/python -m benchmarks.text
	$(BIN)/python -m benchmarks.figures
	$(BIN)/python -m benchmarks.scale
	$(BIN)/python -m benchmarks.hub
