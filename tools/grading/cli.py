"""Command line: ``python -m tools.grade SUBMISSIONS [--output DIR] [--timeout S] [--workers N] ...``.

``make grade SUBMISSIONS=folder [GRADE_ARGS="..."]`` runs this. Layouts,
output and the sandbox are described in docs/instructors.md ("Grading a
class" and "Safety"). Besides the gradebook it writes the same grades in the
layouts Canvas and Moodle import, canvas.csv and moodle.csv (tools/grading/lms.py). Exit status: 0 once grading ran (problems with some
submissions are in the gradebook and the report), 1 when it could not start
or found no submission, 130 when interrupted (the previous results stay).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from tools.grading.gradebook import summary
from tools.grading.grader import TIMEOUT, WORKERS, grade
from tools.grading.lms import write_lms
from tools.grading.results import GradingError
from tools.grading.sandbox import GIB

OUTPUT = "grades"


def _shown(path: Path) -> str:
    return str(path.relative_to(Path.cwd())) if path.is_relative_to(Path.cwd()) else str(path)


def main(argv: list[str] | None = None) -> int:
    """Parse the arguments, grade, print the summary; see the module docstring."""
    parser = argparse.ArgumentParser(
        prog="python -m tools.grade",
        description="Autograde submitted exercise notebooks in a sandbox; write a gradebook CSV and feedback pages.",
    )
    parser.add_argument("submissions", help="folder of <student-id>/<NN-slug>/<NN-slug>.ipynb or <student-id>_<NN-slug>.ipynb")
    parser.add_argument("--output", default=OUTPUT, help=f"folder for gradebook.csv, feedback/ and manual-grades.csv (default: {OUTPUT})")
    parser.add_argument("--timeout", type=int, default=TIMEOUT, help=f"seconds a cell or a test may run (default: {TIMEOUT})")
    parser.add_argument("--workers", type=int, default=WORKERS, help=f"notebooks graded in parallel (default: {WORKERS})")
    parser.add_argument("--memory", type=int, default=GIB // 1024**2,
                        help="MiB of memory (address space) each process of a student's notebook may use (default: 1024)")
    parser.add_argument("--unsafe-no-sandbox", action="store_true",
                        help="grade without the sandbox: student code runs as you and can read and change your files")
    args = parser.parse_args(argv)
    if not args.submissions.strip():
        parser.error("the submissions folder is empty: make grade SUBMISSIONS=path/to/folder")
    if args.timeout < 1 or args.workers < 1 or args.memory < 256:
        parser.error("--timeout and --workers must be at least 1, --memory at least 256 (MiB)")
    try:
        report = grade(Path(args.submissions), Path(args.output), timeout=args.timeout, workers=args.workers,
                       memory=args.memory * 1024**2, sandbox=not args.unsafe_no_sandbox, progress=sys.stderr)
    except GradingError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("\ninterrupted: nothing was changed in the output folder; the previous results are still there.", file=sys.stderr)
        return 130
    if not report.rows:
        print(
            f"error: no submission found in {args.submissions}: expected <student-id>/<NN-slug>/<NN-slug>.ipynb "
            "or <student-id>_<NN-slug>.ipynb files (see docs/instructors.md).",
            file=sys.stderr,
        )
        return 1
    try:  # Canvas's and Moodle's import layouts, from the same rows (tools/grading/lms.py)
        lms_files, lms_note = write_lms(report.rows, report.gradebook.parent)
    except (GradingError, OSError) as error:  # the gradebook itself is written: report, do not fail the run
        lms_files, lms_note = [], f"warning: canvas.csv and moodle.csv were not written: {error}"
    print(summary(report.rows))
    if report.problems:
        print(f"\n{len(report.problems)} problem(s): these were not graded.")
        for problem in report.problems:
            print(f"  {problem.path}: {problem.message}")
    flagged = sum(1 for r in report.rows if r["flags"] and r["status"] != "not graded")
    if flagged:
        print(f"\n{flagged} gradebook row(s) carry flags to look at (column 'flags').")
    for note in [*report.notes, lms_note]:
        if note:
            print(f"\n{note}")
    if args.unsafe_no_sandbox:
        print("\nwarning: graded WITHOUT the sandbox (--unsafe-no-sandbox): student code ran with your permissions.")
    print(
        f"\nGraded {report.graded} notebook(s) in {report.seconds:.0f} s. "
        f"Gradebook: {_shown(report.gradebook)}; feedback pages: {_shown(report.feedback)}/"
        + (f"; for Canvas and Moodle: {', '.join(_shown(p) for p in lms_files)}" if lms_files else "")
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
