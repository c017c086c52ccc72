"""nbgrader configuration for Framing Lab.

Exercise sources (with solutions) live in ``solutions/NN-slug/NN-slug.ipynb``;
``nbgrader generate_assignment`` writes the student versions to
``exercises/NN-slug/``. Use ``make exercises`` rather than calling nbgrader
directly: it runs generation in a temporary course folder with no gradebook
(``--no-db``), so nothing but the notebooks lands in the repository and two
runs give byte-identical files.

The stubs keep nbgrader's shape ("# YOUR CODE HERE" then a raise, and
"YOUR ANSWER HERE" for written answers): tests/test_exercise_pipeline.py and
the grader rely on an untouched answer raising NotImplementedError. The code
stub's error carries a plain message, because Run All in an exercise stops at
the first unanswered task and the student reads the traceback there, not the
explanation in chapter 00 (issue 12, item 6). The grader runs code answers as
submitted and tells an untouched written answer by comparing it with the cell
handed out in exercises/, never with this text, so the wording may change;
rerun ``make exercises`` after changing it.
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

# The code stub an answer cell gets in exercises/: still a NotImplementedError, now with a
# message that says what to do where students meet it (the stub is indented to fit when
# the solution sits inside a function).
c.ClearSolutions.code_stub = {
    "python": "\n".join([
        "# YOUR CODE HERE",
        "raise NotImplementedError(",
        '    "This task is not answered yet: write your answer in its answer cell in place of these lines, "',
        '    "run that cell, then the test cell under it. Run All stops at the first task not answered."',
        ")",
    ])
}
