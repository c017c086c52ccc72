"""The program inside the sandbox: runs a student's cells, then answers the judge's calls.

It is started by :mod:`tools.grading.sandbox` as
``python -I runner.py LIBDIR`` with file descriptor 3 open for reading
requests and 4 for writing replies, one JSON line each (:mod:`wire`).
Nothing in this process is trusted: the student's code runs here and may
change anything in it, this file's functions included. That is why it
decides nothing. It runs cells and calls as asked and reports what
happened; the judge treats every reply as a claim made by the student.

Requests (``op``):

* ``run``: execute a cell's source with IPython, as a kernel would;
* ``get``: a global of the student's namespace; ``import``: a module;
* ``getattr``, ``setattr``, ``getitem``, ``call``, ``len``, ``iter``,
  ``bool``, ``repr``, ``contains``, ``isinstance`` on an object held here
  (named by a handle number the judge got in an earlier reply);
* ``exit``.

Each reply is ``{"ok": value}`` or ``{"error": {...}}`` plus ``output``,
what the code printed (cut at the per-cell limit, with a note).
"""

from __future__ import annotations

import io
import os
import sys
import traceback

LIBDIR = sys.argv[1] if len(sys.argv) > 1 else os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, LIBDIR)

try:
    import wire  # noqa: E402  (copied beside this file into the sandbox)
except ImportError:  # imported from the repository (doctests, tools)
    from tools.grading import wire

OUTPUT_LIMIT = 1_000_000  # characters per cell or call; the judge may lower it
NOTE = "\n[output cut at {limit} characters: the rest was not kept]\n"


class CappedOutput(io.TextIOBase):
    """A text stream that keeps the first ``limit`` characters written to it."""

    def __init__(self, limit: int) -> None:
        self.limit, self.parts, self.size, self.cut = limit, [], 0, False

    def writable(self) -> bool:
        return True

    def write(self, text) -> int:
        text = str(text)
        room = self.limit - self.size
        if room > 0:
            self.parts.append(text[:room])
            self.size += min(len(text), room)
        if len(text) > room:
            self.cut = True
        return len(text)

    def value(self) -> str:
        return "".join(self.parts) + (NOTE.format(limit=self.limit) if self.cut else "")


class Runner:
    def __init__(self, requests, replies) -> None:
        self.requests, self.replies = requests, replies
        self.objects: dict[int, object] = {}
        self.numbers: dict[int, int] = {}
        self.limit = OUTPUT_LIMIT
        self.shell = None

    # -- handles ----------------------------------------------------------------
    def keep(self, value) -> int:
        number = self.numbers.get(id(value))
        if number is None:
            number = len(self.objects) + 1
            self.objects[number] = value
            self.numbers[id(value)] = number
        return number

    def resolve(self, ref: dict):
        if ref.get("id") not in self.objects:
            raise wire.WireError(f"no object {ref.get('id')!r} here")
        return self.objects[ref["id"]]

    def value(self, data):
        return wire.decode(data, self.resolve)

    def target(self, request: dict):
        return self.resolve({"id": request.get("ref")})

    # -- the loop ---------------------------------------------------------------
    def serve(self) -> None:
        for line in self.requests:
            request = wire.loads(line)
            if request.get("op") == "exit":
                return
            self.reply(request)

    def reply(self, request: dict) -> None:
        out = CappedOutput(self.limit)
        saved = sys.stdout, sys.stderr
        sys.stdout = sys.stderr = out
        message: dict = {}
        try:
            result = self.handle(request)
            message["ok"] = wire.encode(result, self.keep)
        except BaseException as error:  # the student's exception, whatever it is, is reported
            message["error"] = describe(error)
        finally:
            sys.stdout, sys.stderr = saved
        message["output"] = out.value()
        message["cut"] = out.cut
        try:
            data = wire.dumps(message)
        except (ValueError, TypeError, RecursionError) as error:
            data = wire.dumps({"error": describe(error), "output": ""})
        self.replies.write(data)
        self.replies.flush()

    def handle(self, request: dict):
        op = request.get("op")
        if op == "start":
            self.limit = int(request.get("output_limit", OUTPUT_LIMIT))
            return None
        if op == "run":
            return self.run_cell(request["source"])
        if op == "get":
            return self.namespace()[request["name"]]
        if op == "import":
            import importlib

            return importlib.import_module(request["name"])
        obj = self.target(request)
        if op == "getattr":
            return getattr(obj, request["name"])
        if op == "setattr":
            setattr(obj, request["name"], self.value(request["value"]))
            return None
        if op == "getitem":
            return obj[self.value(request["key"])]
        if op == "call":
            args = self.value(request.get("args", []))
            kwargs = self.value(request.get("kwargs", {"$": "dict", "v": []}))
            return obj(*args, **kwargs)
        if op == "len":
            return len(obj)
        if op == "iter":
            return list(obj)
        if op == "bool":
            return bool(obj)
        if op == "repr":
            return repr(obj)[:2000]
        if op == "contains":
            return self.value(request["item"]) in obj
        if op == "isinstance":
            return isinstance(self.value(request["item"]), obj)
        raise ValueError(f"unknown request {op!r}")

    def namespace(self) -> dict:
        return self.ipython().user_ns

    def ipython(self):
        if self.shell is None:
            from IPython.core.interactiveshell import InteractiveShell

            self.shell = InteractiveShell.instance(colors="NoColor")
            shell = self.shell
            self.hooks = (list(shell.input_transformers_cleanup), list(shell.input_transformers_post),
                          list(shell.ast_transformers), {k: list(v) for k, v in shell.events.callbacks.items()})
        return self.shell

    def run_cell(self, source: str) -> dict:
        # Each cell runs as written: hooks an earlier cell registered (input or AST transformers, events) are
        # dropped first, so one answer cannot rewrite the next. (Code set on doing so can still undo this;
        # it only hurts its own grade, since no verdict is made here.)
        shell = self.ipython()
        cleanup, post, ast_hooks, events = self.hooks
        shell.input_transformers_cleanup[:] = cleanup
        shell.input_transformers_post[:] = post
        shell.ast_transformers[:] = ast_hooks
        for name, callbacks in events.items():
            shell.events.callbacks[name] = list(callbacks)
        result = shell.run_cell(source, store_history=True)
        error = result.error_before_exec or result.error_in_exec
        return {"failed": error is not None, "error": None if error is None else describe(error)}


def describe(error: BaseException) -> dict:
    """An exception as data: class names, message and the traceback's lines (all capped)."""
    try:
        message = str(error)[:4000]
    except BaseException:
        message = "(its message could not be read)"
    try:
        lines = traceback.format_exception(type(error), error, error.__traceback__)
        trace = "".join(line for line in lines if "tools/grading/" not in line and "/sandbox/lib/" not in line)[-8000:]
    except BaseException:
        trace = ""
    return {"types": wire.class_names(error)[:8], "message": message, "traceback": trace,
            "memory": isinstance(error, MemoryError)}


def main() -> None:
    wire.allow_library_functions()  # a test may pass str.split or a tokenizer's method to the student's function
    requests = os.fdopen(3, "rb", buffering=0)
    replies = os.fdopen(4, "wb")
    Runner(io.BufferedReader(requests), replies).serve()


if __name__ == "__main__":
    main()
