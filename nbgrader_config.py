"""nbgrader configuration for Framing Lab.

Exercise sources (with solutions) live in ``solutions/NN-slug/NN-slug.ipynb``;
``nbgrader generate_assignment`` writes the student versions to
``exercises/NN-slug/``. Use ``make exercises`` rather than calling nbgrader
directly: it runs generation in a temporary course folder with no gradebook
(``--no-db``), so nothing but the notebooks lands in the repository and two
runs give byte-identical files.

The stubs are nbgrader's defaults on purpose ("# YOUR CODE HERE" /
"raise NotImplementedError()" and "YOUR ANSWER HERE"): the tests in
tests/test_exercise_pipeline.py rely on an untouched answer raising
NotImplementedError.
"""

from pathlib import Path

c = get_config()  # noqa: F821  (provided by traitlets when nbgrader loads this file)

# Computed from this file so the config works from any working directory
# (and from the temporary copy tools/exercises.py makes).
c.CourseDirectory.root = str(Path(__file__).resolve().parent)
c.CourseDirectory.source_directory = "solutions"
c.CourseDirectory.release_directory = "exercises"
# One chapter is one assignment: solutions/NN-slug/ -> exercises/NN-slug/.
c.CourseDirectory.directory_structure = "{nbgrader_step}/{student_id}/{assignment_id}"
# The gradebook (used later for grading) stays at the course root, where
# .gitignore keeps it out of git; generation for the repository never creates it.
