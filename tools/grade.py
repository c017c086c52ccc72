"""``python -m tools.grade SUBMISSIONS [...]``: what ``make grade`` runs; the grader is :mod:`tools.grading`."""

import sys
from pathlib import Path

if __package__ in (None, ""):  # `python tools/grade.py` needs the repository root on the path
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tools.grading.cli import main  # noqa: E402

if __name__ == "__main__":
    sys.exit(main())
