"""Keep pytest (with --doctest-modules) from importing the offline helpers.

``sitecustomize.py`` would clash with the interpreter's already-imported
module of that name, and ``run.py`` is a script for a subprocess.
"""

collect_ignore = ["sitecustomize.py", "run.py"]
