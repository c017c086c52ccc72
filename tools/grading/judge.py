"""Judge one notebook: the student's cells run in a sandbox, every test runs here.

This process is trusted: no student code ever runs in it. It executes the
chapter's setup cell itself, then each test cell *from solutions/* (hidden
tests included) in its own namespace, where every name a student's answer
defines (``file_sizes``, ``StopWordExplorer``) is a :class:`StudentObject`:
a stand-in that forwards calls to the sandbox and gets plain data back
(:mod:`tools.grading.wire`). Checks, builtins, ``__eq__`` and IPython are
all this process's own, so nothing a student writes can change a verdict;
the hidden tests never leave this process, so nothing can leak them.

Objects that cannot cross as data (an Axes, a widget, the student's class)
stay in the sandbox and are reached through a stand-in: ``ax.get_title()``
is a question to the sandbox, its answer a string. Modules whose objects a
test must hand to student code (``ipywidgets``: a test builds a Text box and
passes it to ``connect``) are stand-ins too (:data:`LIVE_MODULES`).

A test cell earns its points when all of it runs without an exception, as
in nbgrader. Its visible part's output is what the student sees; of the
hidden part only the failure message is kept.
"""

from __future__ import annotations

import builtins
import contextlib
import io
import os
import re
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from tools.grading import wire
from tools.grading.release import Plan, PlannedCell, task_of
from tools.grading.results import TaskResult
from tools.grading.sandbox import Sandbox, Stopped

LIVE_MODULES = ("ipywidgets",)  # tests build these objects for student code, so they must live beside it
HIDDEN = re.compile(r"^\s*### (BEGIN|END) HIDDEN TESTS\s*$")
MAX_RESTARTS = 4  # sandboxes started anew after a stop, per notebook; then the rest is not run
OUTPUT_KEPT = 20_000  # characters of a task's student output kept for its feedback page
SETUP_TIMEOUT = 120  # seconds for a setup cell: the first cell pays for the imports


class StudentCodeError(Exception):
    """An exception raised by the student's code in the sandbox, rebuilt here as data.

    Subclasses also derive from the builtin exception the student's code
    raised (``ValueError`` …), so a test's ``except ValueError`` still works.
    """

    def __init__(self, types: list[str], message: str, traceback: str = "") -> None:
        super().__init__(message)
        self.types, self.message, self.student_traceback = types, message, traceback

    def __str__(self) -> str:
        return self.message


_ERROR_CLASSES: dict[str, type] = {}


def student_error(info: Any) -> StudentCodeError:
    """The :class:`StudentCodeError` for an ``error`` reply (any malformed reply becomes a plain one)."""
    info = info if isinstance(info, dict) else {}
    types = [t for t in info.get("types", []) if isinstance(t, str)][:8] if isinstance(info.get("types"), list) else []
    message = str(info.get("message", ""))[:4000]
    base = next((getattr(builtins, t.split(".", 1)[1]) for t in types
                 if t.startswith("builtins.") and isinstance(getattr(builtins, t.split(".", 1)[1], None), type)
                 and issubclass(getattr(builtins, t.split(".", 1)[1]), Exception)), None)
    name = types[0].rsplit(".", 1)[-1] if types else "Error"
    if base is None or base is Exception:
        cls = StudentCodeError
    else:
        cls = _ERROR_CLASSES.get(base.__name__)
        if cls is None:
            cls = type(f"Student{base.__name__}", (StudentCodeError, base), {"__module__": __name__})
            _ERROR_CLASSES[base.__name__] = cls
    error = BaseException.__new__(cls)  # MemoryError's own __new__ refuses subclasses
    StudentCodeError.__init__(error, types, f"{name}: {message}" if message else name, str(info.get("traceback", ""))[:8000])
    return error


class Link:
    """The judge's end of one sandbox: requests out, values back, stand-ins cached by handle."""

    def __init__(self, sandbox: Sandbox) -> None:
        self.sandbox = sandbox
        self.generation = 0
        self.deadline = time.monotonic() + 3600
        self.budget = 3600.0  # seconds the current cell or test was given
        self.proxies: dict[tuple[int, int], StudentObject] = {}
        self.output: list[str] = []  # what the student's code printed during the current task
        self.cut = False
        self.memory = False
        self.own_classes: set[str] = set()

    def restart(self) -> None:
        self.generation += 1
        self.proxies.clear()

    def _keep(self, value: Any) -> int:
        if isinstance(value, StudentObject):
            link, generation, number = object.__getattribute__(value, "_where")
            if link is self and generation == self.generation:
                return number
            raise wire.WireError("an object from before the sandbox was restarted")
        raise wire.WireError(f"a {type(value).__name__} cannot be passed to the student's code")

    def _resolve(self, ref: dict) -> Any:
        number = ref.get("id")
        if type(number) is not int:
            raise wire.WireError("a reference without a number")
        key = (self.generation, number)
        proxy = self.proxies.get(key)
        if proxy is None:
            types = [t for t in ref.get("types", []) if isinstance(t, str)][:8] if isinstance(ref.get("types"), list) else []
            proxy = StudentObject(self, self.generation, number, types)
            self.proxies[key] = proxy
            if types and types[0].startswith("__main__.") and ref.get("custom_eq") is True:
                self.own_classes.add(types[0].split(".", 1)[1])
        return proxy

    def encode(self, value: Any) -> Any:
        return wire.encode_paths(value, self._keep, self.sandbox.path_inside)

    def ask(self, op: str, **fields: Any) -> Any:
        """Send one request; return its value or raise the student's error (or :class:`Stopped`)."""
        left = self.deadline - time.monotonic()
        if left <= 0:
            self.sandbox.kill()
            raise Stopped(f"stopped after {self.budget:g} s")
        try:
            reply = self.sandbox.request({"op": op, **fields}, timeout=left)
        except Stopped as stop:
            if stop.reason.startswith("stopped after"):  # name the cell's whole budget, not what was left of it
                raise Stopped(f"stopped after {self.budget:g} s") from None
            raise
        output = reply.get("output")
        if isinstance(output, str) and output:
            self.output.append(output[:OUTPUT_KEPT])
        self.cut = self.cut or reply.get("cut") is True
        if "error" in reply:
            if isinstance(reply["error"], dict) and reply["error"].get("memory") is True:
                self.memory = True
            raise student_error(reply["error"])
        return wire.decode(reply.get("ok"), self._resolve)


class StudentObject:
    """A stand-in for an object that lives in the sandbox; every use is a question to it.

    Equality is identity (the same sandbox object is always the same
    stand-in), so a student's ``__eq__`` is never consulted; everything
    else (attributes, calls, items, ``len``, iteration, ``isinstance`` with a
    sandbox class) is asked of the sandbox, and the answer is plain data or
    another stand-in.
    """

    __slots__ = ("_where", "_types")
    _PASSED_DUNDERS = {"__name__", "__qualname__", "__module__", "__doc__", "__code__", "__defaults__"}

    def __init__(self, link: Link, generation: int, number: int, types: list[str]) -> None:
        object.__setattr__(self, "_where", (link, generation, number))
        object.__setattr__(self, "_types", types)

    def _ask(self, op: str, **fields: Any) -> Any:
        link, generation, number = object.__getattribute__(self, "_where")
        if generation != link.generation:
            raise StudentCodeError(["builtins.RuntimeError"], "RuntimeError: this object was lost when the sandbox was restarted")
        return link.ask(op, ref=number, **fields)

    def _encode(self, value: Any) -> Any:
        return object.__getattribute__(self, "_where")[0].encode(value)

    def __getattr__(self, name: str) -> Any:
        if name.startswith("__") and name.endswith("__") and name not in StudentObject._PASSED_DUNDERS:
            raise AttributeError(name)
        return self._ask("getattr", name=name)

    def __setattr__(self, name: str, value: Any) -> None:
        self._ask("setattr", name=name, value=self._encode(value))

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        return self._ask("call", args=self._encode(list(args)), kwargs=self._encode(dict(kwargs)))

    def __getitem__(self, key: Any) -> Any:
        return self._ask("getitem", key=self._encode(key))

    def __len__(self) -> int:
        value = self._ask("len")
        if type(value) is not int:
            raise TypeError("len() of the student's object is not a number")
        return value

    def __iter__(self):
        items = self._ask("iter")
        return iter(items if isinstance(items, list) else [])

    def __bool__(self) -> bool:
        return self._ask("bool") is True

    def __contains__(self, item: Any) -> bool:
        return self._ask("contains", item=self._encode(item)) is True

    def __instancecheck__(self, instance: Any) -> bool:
        return self._ask("isinstance", item=self._encode(instance)) is True

    def __eq__(self, other: Any) -> bool:
        return self is other

    def __ne__(self, other: Any) -> bool:
        return self is not other

    def __hash__(self) -> int:
        return id(self)

    def __repr__(self) -> str:
        try:
            text = self._ask("repr")
        except Exception:
            text = None
        kind = object.__getattribute__(self, "_types")[:1] or ["object"]
        return text if isinstance(text, str) else f"<{kind[0]} in the sandbox>"

    __str__ = __repr__


# -- test cells -------------------------------------------------------------------------


def segments(source: str) -> list[tuple[bool, str]]:
    """Split a test cell into (hidden, code) parts at the ``### BEGIN/END HIDDEN TESTS`` lines.

    >>> segments("a = 1\\n### BEGIN HIDDEN TESTS\\nb = 2\\n### END HIDDEN TESTS\\nc = 3")
    [(False, 'a = 1'), (True, 'b = 2'), (False, 'c = 3')]
    """
    parts: list[tuple[bool, list[str]]] = [(False, [])]
    for line in source.splitlines():
        marker = HIDDEN.match(line)
        if marker:
            parts.append((marker.group(1) == "BEGIN", []))
        else:
            parts[-1][1].append(line)
    return [(hidden, "\n".join(lines)) for hidden, lines in parts if "\n".join(lines).strip()]


def _message(error: BaseException) -> str:
    if isinstance(error, StudentCodeError):
        return f"Your code raised {error.message}"
    if type(error).__name__ == "AnswerError":
        return str(error)
    if isinstance(error, Stopped):
        return error.reason
    text = str(error)
    return f"{type(error).__name__}: {text}" if text else type(error).__name__


def _mkdtemp_readable(original: Callable) -> Callable:
    """tempfile.mkdtemp, but readable by the sandbox's user: tests write inputs there for student code."""

    def mkdtemp(*args: Any, **kwargs: Any) -> str:
        path = original(*args, **kwargs)
        os.chmod(path, 0o755)
        return path

    return mkdtemp


@dataclass
class Judgement:
    """What judging one notebook found, before it becomes a :class:`NotebookResult`."""

    tasks: list[TaskResult] = field(default_factory=list)
    flags: list[str] = field(default_factory=list)
    peak_memory: int = 0


class Judge:
    """Grade one planned notebook (:class:`tools.grading.release.Plan`) with sandbox ``sandbox``."""

    def __init__(self, plan: Plan, sandbox: Sandbox, timeout: float, scan_flags: dict[str, list[str]],
                 zeroed: dict[str, str]) -> None:
        self.plan, self.sandbox, self.timeout = plan, sandbox, timeout
        self.link = Link(sandbox)
        self.scan_flags, self.zeroed = scan_flags, zeroed  # task -> flags; task -> why it scores 0
        self.cell_flags: dict[str, list[str]] = {}
        for key, texts in plan.cell_flags.items():  # what rebuilding the notebook noticed, cell by cell
            if task_of(key).startswith("task"):
                self.cell_flags.setdefault(key, []).extend(texts)
        self.cell_output: dict[str, list[str]] = {}
        self.skipped: set[str] = set()  # cells stopped once: not run again after a restart
        self.restarts = 0
        self.flags: list[str] = []
        self.namespace: dict[str, Any] = {}
        self.flags += [t for key, texts in plan.cell_flags.items() if not task_of(key).startswith("task") for t in texts]
        self.live_names: dict[str, str] = {}  # namespace name -> live module it stands for

    # -- the sandbox side --------------------------------------------------------------------
    def _flag(self, cell: str, text: str) -> None:
        self.cell_flags.setdefault(cell, []).append(text)

    def _run_student_cells(self) -> None:
        """Start the sandbox and run, in order, every cell it needs (setup, answers, context, own cells)."""
        self.sandbox.start()
        for cell in self.plan.cells:
            if cell.role == "test" or cell.role == "written" or cell.key in self.skipped:
                continue
            budget = max(self.timeout, SETUP_TIMEOUT) if cell.role == "setup" else self.timeout
            self.link.deadline, self.link.budget = time.monotonic() + budget, budget
            self.link.output = []
            try:
                result = self.link.ask("run", source=cell.source)
            except Stopped as stop:
                self.skipped.add(cell.key)
                self._flag(cell.key, f"cell {cell.key} was {stop.reason}" if stop.reason.startswith("stopped")
                           else f"cell {cell.key}: {stop.reason}")
                self._restart()
                return
            except StudentCodeError as error:
                self.cell_output.setdefault(cell.key, []).append(_message(error))
                result = None
            finally:
                self.cell_output.setdefault(cell.key, []).extend(self.link.output)
                if self.link.cut:
                    self._flag(cell.key, f"output of cell {cell.key} was cut at 1 MB")
                    self.link.cut = False
                if self.link.memory:
                    self._flag(cell.key, "the notebook hit the memory limit")
                    self.link.memory = False
            if isinstance(result, dict) and isinstance(result.get("error"), dict) and result["error"].get("memory") is True:
                self._flag(cell.key, "the notebook hit the memory limit")
            if isinstance(result, dict) and result.get("failed") and cell.role in ("setup", "context"):
                self.flags.append(f"the handed-out cell {cell.key} failed in the sandbox")

    def _restart(self) -> None:
        self.restarts += 1
        self.link.restart()
        if self.restarts > MAX_RESTARTS:
            raise Stopped(f"the sandbox had to be stopped {self.restarts} times")
        self._run_student_cells()

    # -- the judge side ----------------------------------------------------------------------
    def _prepare_namespace(self) -> None:
        ns: dict[str, Any] = {"__name__": "__main__", "__builtins__": builtins}
        for cell in self.plan.cells:
            if cell.role == "setup":
                exec(compile(cell.trusted_source, f"<{cell.key}>", "exec"), ns)  # noqa: S102 (our own cell)
        self.namespace = ns

    def _bind_live(self) -> None:
        import sys

        for name, value in list(self.namespace.items()):
            if isinstance(value, StudentObject):
                live = object.__getattribute__(value, "_types")[:1] == ["builtins.module"]
                if live and name in self.live_names:  # a stand-in from before a restart: ask the new sandbox
                    self.namespace[name] = self.link.ask("import", name=self.live_names[name])
            elif isinstance(value, type(sys)) and value.__name__ in LIVE_MODULES:
                self.live_names[name] = value.__name__
                self.namespace[name] = self.link.ask("import", name=value.__name__)

    def _bind_answers(self, upto: int) -> None:
        """Point every name the handed-out answers define at the sandbox's value of it (or unbind it)."""
        for cell in self.plan.cells[:upto]:
            if cell.role != "answer":
                continue
            for name in cell.names:
                try:
                    self.namespace[name] = self.link.ask("get", name=name)
                except StudentCodeError:
                    self.namespace.pop(name, None)  # never defined: the test says NameError

    def _run_test(self, index: int, cell: PlannedCell) -> tuple[bool, str, str]:
        """Execute test cell ``cell``; return (passed, visible message, hidden failure message)."""
        self.link.deadline, self.link.budget = time.monotonic() + self.timeout, self.timeout
        self._bind_live()
        self._bind_answers(index)
        shown = io.StringIO()
        for hidden, code in segments(cell.trusted_source):
            sink = io.StringIO() if hidden else shown
            try:
                compiled = compile(code, f"<{cell.key}>", "exec")
                with contextlib.redirect_stdout(sink), contextlib.redirect_stderr(io.StringIO()):
                    exec(compiled, self.namespace)  # noqa: S102 (the chapter's own test code)
            except Stopped:
                raise
            except BaseException as error:  # any failure of the test: a verdict, not a crash
                if isinstance(error, (KeyboardInterrupt, SystemExit)):
                    raise
                message = _message(error)
                if isinstance(error, StudentCodeError) and error.student_traceback:
                    self.link.output.append(error.student_traceback)  # where the student's own code failed
                return False, (shown.getvalue() + message) if not hidden else shown.getvalue(), message if hidden else ""
        return True, shown.getvalue(), ""

    def judge(self) -> Judgement:
        import matplotlib

        matplotlib.use("Agg")
        scratch = str(self.sandbox.scratch)
        saved = tempfile.tempdir, tempfile.mkdtemp
        tempfile.tempdir, tempfile.mkdtemp = scratch, _mkdtemp_readable(saved[1])
        try:
            return self._judge()
        finally:
            tempfile.tempdir, tempfile.mkdtemp = saved
            self.sandbox.finish()
            import matplotlib.pyplot as plt

            plt.close("all")

    def _judge(self) -> Judgement:
        judgement = Judgement()
        results: dict[str, TaskResult] = {}
        dead = ""
        try:
            self._run_student_cells()
        except Stopped as stop:
            dead = stop.reason
        self._prepare_namespace()
        for index, cell in enumerate(self.plan.cells):
            if cell.role not in ("test", "written"):
                continue
            task = cell.task
            flags = [*self.scan_flags.get(task, [])]
            for key, texts in self.cell_flags.items():
                if task_of(key) == task:
                    flags += texts
            if cell.role == "written":
                status = "not answered" if cell.unanswered else "needs manual grading"
                results[cell.key] = TaskResult(cell.key, cell.title, "written", status, 0.0 if cell.unanswered else None,
                                               cell.points, flags=tuple(dict.fromkeys(flags + list(cell.flags))))
                continue
            visible = hidden = ""
            passed = False
            self.link.output, self.link.memory, self.link.own_classes = [], False, set()
            if dead:
                visible = f"not run: {dead}"
                flags.append(f"not run: {dead}")
            else:
                try:
                    passed, visible, hidden = self._run_test(index, cell)
                except Stopped as stop:
                    reason = stop.reason
                    flags.append(f"cell {cell.key} was {reason}" if reason.startswith("stopped") else f"cell {cell.key}: {reason}")
                    visible = f"This test was stopped: {reason}."
                    try:
                        self._restart()
                    except Stopped as final:
                        dead = final.reason
            if not passed and self.link.own_classes:
                flags += [f"returned an object of its own class {name}; the tests compare data" for name in sorted(self.link.own_classes)]
            if self.link.memory:
                flags.append("the notebook hit the memory limit")
            if self.link.cut:
                flags.append(f"output of cell {cell.key} was cut at 1 MB")
                self.link.cut = False
            if task in self.zeroed and passed:
                passed = False
                visible = f"{visible}\n{self.zeroed[task]}".strip()
            points = cell.points if passed else 0.0
            output = "".join([*self.cell_output.get(f"{task}-answer", []), *self.link.output])[:OUTPUT_KEPT]
            results[cell.key] = TaskResult(cell.key, cell.title, "code", "autograded", points, cell.points,
                                           visible.strip(), hidden.strip(), tuple(dict.fromkeys(flags + list(cell.flags))), output)
        judgement.tasks = [results[c.key] for c in self.plan.cells if c.key in results]
        judgement.flags = list(dict.fromkeys(self.flags))
        self.sandbox.finish()
        if self.sandbox.leftovers:
            judgement.flags.append(
                f"{len(self.sandbox.leftovers)} process(es) started by the notebook were still running at the end and were killed: "
                + ", ".join(self.sandbox.leftovers[:5]))
        judgement.peak_memory = self.sandbox.peak_memory
        return judgement
