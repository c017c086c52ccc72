"""Jupyter server settings of ``make lab`` (found through JUPYTER_CONFIG_PATH=jupyter-config).

JupyterLab saves every notebook in its committed form, so an autosaved lesson
matches git and reopens without "model not found": see tools/lab_save.py and
docs/instructors.md ("Saved lessons stay as committed"). File → Save and Export
Notebook As → HTML uses the collection's accessible nbconvert template: the
server reads jupyter_nbconvert_config.py beside this file (its exporters take
the server's settings, not nbconvert's own config files).
"""

import sys
import warnings
from pathlib import Path

# The hook lives in the repository's tools/, which is not an installed package.
ROOT = str(Path(__file__).resolve().parents[1])
if ROOT not in sys.path:
    sys.path.append(ROOT)

from tools.lab_save import pre_save_hook  # noqa: E402

c = get_config()  # noqa: F821 (traitlets defines get_config in config files)
c.FileContentsManager.pre_save_hook = pre_save_hook
load_subconfig("jupyter_nbconvert_config.py")  # noqa: F821 (traitlets defines it; path relative to this file)
# traitlets applies the setting twice, and jupyter_server warns at every start that the
# hook "overrides" itself: a warning about nothing.
warnings.filterwarnings("ignore", message=r"Overriding existing pre_save_hook \(pre_save_hook\)")
