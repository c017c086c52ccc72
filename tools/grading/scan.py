"""Read a student's answer cells for what an instructor should look at, and for forbidden shortcuts.

The scan decides no verdict but one: a task whose solution metadata lists
``forbidden`` names (``"framelab": {"forbidden": ["match_terms"], "instead":
"…"}`` on its answer cell in ``solutions/``) scores 0 when its answer
refers to any of them, because the task's point is to write that code.
Everything else it finds is a flag in words: an answer that redefines a
name the tests use, or reaches for things no exercise answer needs
(IPython's hooks, the input history, processes, signals, the environment,
``sys.modules``, its own ``__eq__``…). The sandbox and the judge already
make such code harmless; the flag says someone tried.

>>> flags, zero = scan_answer("task1-answer", "expect_equal = lambda *a: None\\nimport os\\nos.fork()", {"expect_equal"}, {})
>>> flags
['answer cell task1-answer redefines expect_equal, a name the tests use', 'answer cell task1-answer uses os.fork, which no answer needs']
"""

from __future__ import annotations

import ast

# Names and attributes that no answer in this collection needs; seeing one is worth a look.
SUSPECT_NAMES = {
    "get_ipython", "In", "Out", "_ih", "_oh", "_i", "_ii", "_iii", "exec", "eval", "compile", "__import__",
    "globals", "breakpoint", "__builtins__", "builtins", "subprocess", "ctypes", "signal", "importlib",
    "multiprocessing", "socket", "gc", "inspect", "pty", "resource", "shutil", "threading", "_thread",
    "sqlite3", "setattr", "delattr",
}
SUSPECT_ATTRIBUTES = {
    "fork", "forkpty", "setsid", "system", "popen", "kill", "killpg", "environ", "modules", "input_transformers_post",
    "input_transformers_cleanup", "events", "register", "_fail", "execv", "execve", "spawnv", "__subclasses__",
    "__globals__", "__code__", "__builtins__", "__class__", "__dict__", "_exit", "exit", "setrecursionlimit",
    "write_text", "write_bytes", "unlink", "rmtree", "rmdir", "rename", "walk", "chmod", "symlink_to",
}
SUSPECT_DEFINITIONS = {"__eq__", "__ne__", "__hash__", "__bool__", "__instancecheck__", "__getattr__", "__getattribute__"}
SUSPECT_STRINGS = ("solutions", "HIDDEN TESTS", "gradebook", "BEGIN SOLUTION")


def scan_answer(key: str, source: str, test_names: set[str], forbidden: dict[str, str]) -> tuple[list[str], str]:
    """Flags for answer cell ``key``, and the reason it scores 0 ("" when it need not).

    ``test_names``: names the chapter's setup and test cells use (redefining
    one at the top level is flagged); ``forbidden``: name -> what to write
    instead, from the task's solution metadata.
    """
    try:
        tree = ast.parse(source)
    except SyntaxError:
        return [], ""
    flags: list[str] = []
    seen: list[str] = []

    def note(what: str) -> None:
        if what not in seen:
            seen.append(what)

    for node in tree.body:
        targets: list[ast.AST] = []
        if isinstance(node, (ast.Assign, ast.AnnAssign, ast.AugAssign)):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
        elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)) and node.name in test_names:
            flags.append(f"answer cell {key} redefines {node.name}, a name the tests use")
        elif isinstance(node, (ast.Import, ast.ImportFrom)):
            for alias in node.names:
                if (alias.asname or alias.name) in test_names and (alias.asname or alias.name) not in _IMPORTED_OK:
                    flags.append(f"answer cell {key} redefines {alias.asname or alias.name}, a name the tests use")
        for target in targets:
            for name in (n.id for n in ast.walk(target) if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Store)):
                if name in test_names:
                    flags.append(f"answer cell {key} redefines {name}, a name the tests use")
    zero = ""
    imported = {(a.asname or a.name).split(".")[0] for n in ast.walk(tree) if isinstance(n, (ast.Import, ast.ImportFrom))
                for a in n.names}
    patches: list[str] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Global):
            for name in node.names:
                if name in test_names:
                    flags.append(f"answer cell {key} redefines {name}, a name the tests use")
        if isinstance(node, ast.Name) and node.id in SUSPECT_NAMES:
            note(node.id)
        elif isinstance(node, ast.Attribute):
            base = node.value.id if isinstance(node.value, ast.Name) else ""
            if node.attr in SUSPECT_ATTRIBUTES:
                note(f"{base}.{node.attr}" if base else node.attr)
            root = _root(node)
            if isinstance(node.ctx, ast.Store) and (root in test_names or root in _MODULES or root in imported):
                flags.append(f"answer cell {key} changes {_dotted(node)}, which belongs to a module or the tests")
        elif isinstance(node, ast.Assign) and not _literal(node.value):
            for target in node.targets:  # a function put in place of a library's or the tests' attribute
                root = _root(target)
                if isinstance(target, ast.Attribute) and (root in test_names or root in _MODULES or root in imported):
                    patches.append(_dotted(target))
        if isinstance(node, (ast.Import, ast.ImportFrom)):
            for alias in node.names:
                module = (node.module if isinstance(node, ast.ImportFrom) else alias.name) or ""
                if module.split(".")[0] in SUSPECT_NAMES:
                    note(module.split(".")[0])
        elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) and node.name in SUSPECT_DEFINITIONS:
            note(f"its own {node.name}")
        elif isinstance(node, ast.Constant) and isinstance(node.value, str):
            for word in SUSPECT_STRINGS:
                if word in node.value:
                    note(f"the text {word!r}")
        names = {node.id} if isinstance(node, ast.Name) else {node.attr} if isinstance(node, ast.Attribute) else set()
        for name in names & set(forbidden):
            zero = zero or (f"Your answer calls {name}, which this task asks you to write yourself: "
                            f"{forbidden[name]} This task scores 0 until the answer does without it.")
            flags.append(f"answer cell {key} calls {name}, which this task asks you to write yourself")
    flags += [f"answer cell {key} uses {what}, which no answer needs" for what in seen]
    if patches and not zero:
        # Replacing a library's or the tests' function is not an answer: the sandbox would report what the patch says.
        zero = (f"Your answer replaces {', '.join(dict.fromkeys(patches))}, which belongs to a library or to the tests. "
                "Answer the task with your own code and leave those alone; this task scores 0 until then.")
    return list(dict.fromkeys(flags)), zero


def _literal(node: ast.AST) -> bool:
    """A number, string, or container of them: a setting (``pd.options.display.max_rows = 10``), not a patch."""
    try:
        ast.literal_eval(node)
        return True
    except (ValueError, TypeError, SyntaxError, MemoryError, RecursionError):
        return False


def _root(node: ast.AST) -> str:
    """The name an attribute chain starts from: 'Axes' for Axes.get_ylim, 'pd' for pd.options.display."""
    while isinstance(node, (ast.Attribute, ast.Subscript)):
        node = node.value
    return node.id if isinstance(node, ast.Name) else ""


def _dotted(node: ast.AST) -> str:
    try:
        return ast.unparse(node)
    except Exception:  # unparse never fails on a parsed tree; be safe anyway
        return _root(node)


_MODULES = {"framelab", "builtins", "sys", "os", "checks", "IPython", "np", "pd", "plt", "re", "nltk"}
_IMPORTED_OK = {"re", "math", "Counter", "Path", "pd", "np", "plt", "html"}  # re-importing a module the setup imports is harmless


def chapter_names(sources: list[str]) -> set[str]:
    """Every name the chapter's setup and test cells define or read."""
    names: set[str] = set()
    for source in sources:
        try:
            tree = ast.parse(source)
        except SyntaxError:
            continue
        names |= {n.id for n in ast.walk(tree) if isinstance(n, ast.Name)}
        names |= {n.name for n in tree.body if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef))}
        names |= {(a.asname or a.name).split(".")[0] for n in ast.walk(tree) if isinstance(n, (ast.Import, ast.ImportFrom)) for a in n.names}
    return names
