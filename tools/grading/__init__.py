"""Autograding a class's exercise notebooks, with student code in a sandbox and every verdict outside it.

The parts, in the order a run uses them:

* :mod:`~tools.grading.submissions`: find the submitted notebooks in a folder (two layouts), clean student ids;
* :mod:`~tools.grading.release`: what was handed out, and the notebook to grade (handed-out cells + answers);
* :mod:`~tools.grading.scan`: read answers for shortcuts and suspicious code (flags);
* :mod:`~tools.grading.sandbox` and :mod:`~tools.grading.runner`: run the student's cells in bubblewrap;
* :mod:`~tools.grading.wire`: the plain data that crosses between sandbox and judge;
* :mod:`~tools.grading.judge`: run the tests (hidden ones included) where student code never ran;
* :mod:`~tools.grading.worker` and :mod:`~tools.grading.grader`: one notebook per worker, the whole class;
* :mod:`~tools.grading.gradebook`, :mod:`~tools.grading.manual`, :mod:`~tools.grading.feedback`,
  :mod:`~tools.grading.publish`: the CSV, the instructor's manual grades, the pages, the atomic swap;
* :mod:`~tools.grading.cli`: the command line (``python -m tools.grade``, ``make grade``).
"""
