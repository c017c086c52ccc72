"""One feedback page per student and chapter: what each task scored and why, for the student to read.

The page is a single self-contained HTML file: inline CSS, no script, no
font or image from the internet, so it opens offline, from an e-mail or a
learning platform, and is safe to open whatever a student's code printed
(every piece of text is escaped). It is meant to be readable on a
projector too: an 18 px base font and dark text on white.
"""

from __future__ import annotations

import html
import re
from pathlib import Path

from tools.grading.gradebook import number
from tools.grading.results import NotebookResult, TaskResult

MANUAL_NOTE = "Graded by hand: the 0 shown for this answer is not its score yet."
OUTPUT_CAP = 20_000  # characters of a student's own output shown per task
# Terminal colours in tracebacks, and control characters HTML cannot hold.
_UNPRINTABLE = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]|[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")

STYLE = """
body { font: 18px/1.5 system-ui, -apple-system, "Segoe UI", sans-serif; color: #1b1b1b; background: #fff;
       margin: 0; }
main { max-width: 60rem; margin: 0 auto; padding: 1.5rem; }
h1 { font-size: 1.9rem; margin: 0 0 .5rem; }
h2 { font-size: 1.4rem; margin: 0 0 .5rem; display: flex; justify-content: space-between; gap: 1rem; }
h3 { font-size: 1.1rem; margin: 1rem 0 .25rem; }
section { border: 2px solid #d0d0d0; border-radius: 6px; padding: 1rem 1.25rem; margin: 1.25rem 0; }
pre { background: #f4f4f4; color: #1b1b1b; border: 1px solid #c8c8c8; padding: .75rem; margin: 0;
      font: 1rem/1.4 ui-monospace, "DejaVu Sans Mono", Menlo, Consolas, monospace;
      white-space: pre-wrap; overflow-wrap: anywhere; }
.points { white-space: nowrap; }
.full { color: #145c25; }
.partial { color: #8a1c1c; }
.note { background: #fff6d6; border-left: 6px solid #8a6d00; padding: .5rem .75rem; }
.cut { font-style: italic; }
""".strip()


def _text(value: str) -> str:
    """``value`` escaped for HTML, with terminal colour codes and control characters removed."""
    return html.escape(_UNPRINTABLE.sub("", value))


def points_text(task: TaskResult) -> str:
    """The score line of a task as the page shows it.

    >>> from tools.grading.results import TaskResult
    >>> points_text(TaskResult("task1-tests", "Task 1", "code", "autograded", 1.0, 1.0))
    '1 / 1'
    >>> points_text(TaskResult("task6-written", "Task 6", "written", "graded by hand", 1.5, 2.0))
    '1.5 / 2, graded by hand'
    >>> points_text(TaskResult("task6-written", "Task 6", "written", "needs manual grading", None, 2.0))
    '0 / 2, to be graded by hand'
    """
    shown = f"{number(task.points or 0.0)} / {number(task.max_points)}"
    extra = {
        "graded by hand": ", graded by hand",
        "needs manual grading": ", to be graded by hand",
        "not answered": ", not answered",
    }.get(task.status, "")
    return shown + extra


def capped(output: str, cap: int = OUTPUT_CAP) -> tuple[str, str]:
    """``(text to show, note)``: ``output`` cut to ``cap`` characters, and a note saying so ("" if whole).

    >>> capped("abcdef", 4)
    ('abcd', 'Cut: the first 4 of 6 characters of your output are shown.')
    """
    if len(output) <= cap:
        return output, ""
    return output[:cap], f"Cut: the first {cap:,} of {len(output):,} characters of your output are shown."


def _section(number_: int, task: TaskResult) -> str:
    """One task's ``<section>``: score, test messages, flags, the student's output."""
    full = task.points is not None and task.points >= task.max_points
    parts = [
        f'<section aria-labelledby="task-{number_}">',
        f'<h2 id="task-{number_}"><span>{_text(task.task or task.grade_id)}</span> '
        f'<span class="points {"full" if full else "partial"}">{_text(points_text(task))}</span></h2>',
    ]
    if task.status == "needs manual grading":
        parts.append(f'<p class="note">{html.escape(MANUAL_NOTE)}</p>')
    if task.comment:
        parts += ["<h3>Comment from your grader</h3>", f"<pre>{_text(task.comment)}</pre>"]
    if task.visible_message:
        parts += ["<h3>Visible test</h3>", f"<pre>{_text(task.visible_message)}</pre>"]
    if task.hidden_message:
        parts += ["<h3>Hidden tests</h3>", f"<pre>{_text(task.hidden_message)}</pre>"]
    if task.flags:
        parts += ["<h3>Notes</h3>", "<ul>", *(f"<li>{_text(f)}</li>" for f in task.flags), "</ul>"]
    if task.output:
        shown, note = capped(task.output)
        parts += ["<h3>Your output and errors</h3>", f"<pre>{_text(shown)}</pre>"]
        if note:
            parts.append(f'<p class="cut">{html.escape(note)}</p>')
    parts.append("</section>")
    return "\n".join(parts)


def render(result: NotebookResult) -> str:
    """The feedback page of ``result``: a complete HTML document (str), everything in it escaped.

    One ``<h1>`` ("Feedback: {chapter} for {student}"), the score so far,
    the notes on the whole notebook, then one ``<section>`` with an ``<h2>``
    per task in notebook order.

    >>> from tools.grading.results import TaskResult
    >>> page = render(NotebookResult("<ana>", "01-x", "x.ipynb", (
    ...     TaskResult("task1-tests", "Task 1", "code", "autograded", 0.0, 1.0, output="<script>alert(1)</script>"),)))
    >>> "<script" in page, "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    (False, True)
    >>> page.count("<h1>"), page.count("<section")
    (1, 1)
    """
    title = f"Feedback: {result.chapter} for {result.student}"
    waiting = sum(t.max_points for t in result.tasks if t.status == "needs manual grading")
    score = f"Score so far: <strong>{number(result.points)} / {number(result.max_points)}</strong> points"
    if waiting:
        score += f" ({number(waiting)} of them still to be graded by hand)"
    head = [
        "<!DOCTYPE html>",
        '<html lang="en">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{_text(title)}</title>",
        f"<style>\n{STYLE}\n</style>",
        "</head>",
        "<body>",
        "<main>",
        f"<h1>{_text(title)}</h1>",
        f"<p>{score}. Graded file: {_text(result.source)}.</p>",
    ]
    if result.flags:
        head += ['<aside aria-label="Notes on this notebook">', "<p>Notes on this notebook:</p>", "<ul>",
                 *(f"<li>{_text(f)}</li>" for f in result.flags), "</ul>", "</aside>"]
    sections = [_section(n, task) for n, task in enumerate(result.tasks, 1)]
    return "\n".join([*head, *sections, "</main>", "</body>", "</html>", ""])


def page_path(feedback: Path, student: str, chapter: str) -> Path:
    """Where the page of ``student`` and ``chapter`` goes: ``feedback/<student>/<chapter>.html``.

    Raises ValueError for an id that is not a plain folder name.

    >>> page_path(Path("feedback"), "ana", "01-x").as_posix()
    'feedback/ana/01-x.html'
    """
    if student in ("", ".", "..") or "/" in student or "\\" in student or "\x00" in student:
        raise ValueError(f"student id {student!r} cannot be a folder name")
    return feedback / student / f"{chapter}.html"


def write(result: NotebookResult, path: Path) -> None:
    """Write :func:`render`'s page of ``result`` to ``path`` (UTF-8), creating its folder."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(render(result), encoding="utf-8")
