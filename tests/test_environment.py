"""pyproject.toml and environment.yml pin the same packages at the same versions.

pip users install from pyproject.toml, conda and Binder users from
environment.yml; if the two drift apart, the two groups run different code.
Names compare case-, dash-, dot- and underscore-insensitively (PEP 503).
Both parsers are deliberately small: PyYAML is not one of our pins, and
tomllib only exists from Python 3.11 (we support 3.10).
"""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PIN = re.compile(r"^\s*([A-Za-z0-9][A-Za-z0-9._-]*)\s*(?:\[[^\]]*\])?\s*(==?)\s*([^\s=;,#]+)")
LOCAL_PACKAGE = re.compile(r"^(-e\s+)?\.(\[[\w,\s-]*\])?/?$")
# Conda needs these to exist, pyproject cannot pin them.
CONDA_ONLY = {"python", "pip"}


def canonical(name: str) -> str:
    """PEP 503 name normalization.

    >>> canonical("Jupyter_Lab.Ext")
    'jupyter-lab-ext'
    """
    return re.sub(r"[-_.]+", "-", name).lower()


def _toml_array_by_regex(text: str, table: str, key: str) -> list[str]:
    """The strings of ``key = [...]`` inside ``[table]``: enough of TOML for dependency lists."""
    section = re.search(rf"^\[{re.escape(table)}\]\s*$(.*?)(?=^\[|\Z)", text, re.M | re.S)
    array = section and re.search(rf"^{re.escape(key)}\s*=\s*\[(.*?)\]", section.group(1), re.M | re.S)
    if not array:
        return []
    body = re.sub(r"#[^\n]*", "", array.group(1))
    return [a or b for a, b in re.findall(r"\"([^\"]*)\"|'([^']*)'", body)]


def _toml_array(text: str, table: str, key: str) -> list[str]:
    """``key``'s list in ``[table]``, with tomllib where it exists (3.11+)."""
    try:
        import tomllib
    except ModuleNotFoundError:  # Python 3.10
        return _toml_array_by_regex(text, table, key)
    data = tomllib.loads(text)
    for part in table.split("."):
        data = data.get(part, {})
    return list(data.get(key, []))


def pyproject_requirements(text: str) -> list[str]:
    """``[project] dependencies`` plus the ``test`` extra."""
    return _toml_array(text, "project", "dependencies") + _toml_array(
        text, "project.optional-dependencies", "test"
    )


def environment_items(text: str) -> tuple[list[str], list[str]]:
    """(conda dependencies, pip dependencies) of an environment.yml.

    >>> environment_items("dependencies:\\n  - nltk=3.10.4  # NLP\\n  - pip:\\n    - '-e .'\\n")
    (['nltk=3.10.4'], ['-e .'])
    """
    conda, pip = [], []
    in_deps, pip_indent = False, None
    for raw in text.splitlines():
        line = re.sub(r"\s+#.*$", "", raw).rstrip()
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        indent = len(line) - len(line.lstrip())
        if indent == 0:
            in_deps = line.startswith("dependencies:")
            pip_indent = None
            continue
        if not in_deps or not line.lstrip().startswith("- "):
            continue
        item = line.lstrip()[2:].strip().strip("'\"")
        if pip_indent is not None and indent > pip_indent:
            pip.append(item)
            continue
        pip_indent = None
        if item.rstrip() == "pip:":
            pip_indent = indent
        else:
            conda.append(item)
    return conda, pip


def pins(items: list[str]) -> dict[str, str]:
    """``{canonical name: version}`` for ``name==version`` (pip) or ``name=version`` (conda) items."""
    found = {}
    for item in items:
        match = PIN.match(item)
        if match:
            found[canonical(match.group(1))] = match.group(3)
    return found


def _read(name: str) -> str:
    path = ROOT / name
    assert path.exists(), f"{name} is missing: GUIDE.md section 2 lists it (conda / Binder users need it)."
    return path.read_text(encoding="utf-8")


def test_pyproject_pins_every_dependency_exactly() -> None:
    requirements = pyproject_requirements(_read("pyproject.toml"))
    assert requirements, "found no dependencies in pyproject.toml"
    loose = [r for r in requirements if "==" not in r]
    assert not loose, f"pyproject.toml dependencies without an exact == pin: {loose}"


def test_environment_yml_matches_pyproject() -> None:
    wanted = pins(pyproject_requirements(_read("pyproject.toml")))
    conda, pip = environment_items(_read("environment.yml"))
    have = pins(conda) | pins(pip)
    have = {name: version for name, version in have.items() if name not in CONDA_ONLY}
    problems = [f"{n}: pyproject pins {v}, environment.yml has {have.get(n, 'nothing')}" for n, v in sorted(wanted.items()) if have.get(n) != v]
    problems += [f"{n}=={v} is in environment.yml but not pinned in pyproject.toml" for n, v in sorted(have.items()) if n not in wanted]
    assert not problems, "environment.yml and pyproject.toml disagree:\n" + "\n".join(problems)


def test_environment_yml_installs_framelab() -> None:
    _, pip = environment_items(_read("environment.yml"))
    assert any(LOCAL_PACKAGE.match(item) for item in pip), (
        f"environment.yml's pip: section should install the local package ('-e .'), it has {pip}"
    )


def test_the_python_310_fallback_reads_pyproject_like_tomllib() -> None:
    text = _read("pyproject.toml")
    for table, key in (("project", "dependencies"), ("project.optional-dependencies", "test")):
        fallback = _toml_array_by_regex(text, table, key)
        assert fallback, f"the regex parser found no {table}.{key}"
        assert fallback == _toml_array(text, table, key)
