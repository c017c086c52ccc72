"""nbconvert settings of the collection (found through JUPYTER_CONFIG_PATH=jupyter-config).

``jupyter nbconvert --to html`` exports with the template in
jupyter-config/nbconvert/templates/framelab: nbconvert's "lab" template with
links underlined and prompts and syntax colours at WCAG AA contrast (its
header lists each colour). jupyter_server_config.py loads this file too, so
JupyterLab's File → Save and Export Notebook As → HTML under ``make lab``
exports the same page. tests/browser/test_accessibility.py checks the export
of every lesson with axe-core.
"""

import importlib.util
from pathlib import Path

TEMPLATES = Path(__file__).resolve().parent / "nbconvert" / "templates"

c = get_config()  # noqa: F821 (traitlets defines get_config in config files)
c.HTMLExporter.template_name = "framelab"
# Setting these folders replaces the ones nbgrader adds when nobody set any (its "feedback" and
# "formgrade" templates in make lab-instructor): they stay on the list. find_spec locates nbgrader
# without importing it (an import costs a second and SQLAlchemy warnings).
nbgrader = importlib.util.find_spec("nbgrader")
extra = [str(TEMPLATES)]
if nbgrader is not None and nbgrader.submodule_search_locations:
    extra.append(str(Path(nbgrader.submodule_search_locations[0]) / "server_extensions" / "formgrader" / "templates"))
c.HTMLExporter.extra_template_basedirs = extra
# Settings of HTMLExporter reach its subclasses too: slides keep their reveal.js template.
c.SlidesExporter.template_name = "reveal"
