"""Every lesson and solution notebook runs with no network, and never reaches for one.

Two layers, so the check means something on every machine:

1. An audit hook (tests/offline/sitecustomize.py, loaded by the runner and by
   every kernel through PYTHONPATH) logs and blocks name lookups and
   connections to non-loopback hosts, and logs every open under ``nltk_data``.
2. Where the machine allows it (root, ``unshare`` and ``ip`` present -- CI),
   the notebooks run inside ``unshare -n`` with only loopback up, so even a
   C library that bypasses Python's socket module finds no network. Where it
   does not, the tests still run with the hook and say so in a warning.

``test_the_tripwire_fires`` runs a notebook that does touch the network
through the same machinery and requires it to be caught, so a broken hook
cannot make the real check pass.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import warnings
from pathlib import Path

import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_notebook

ROOT = Path(__file__).resolve().parent.parent
OFFLINE = Path(__file__).resolve().parent / "offline"
NOTEBOOKS = sorted(ROOT.glob("notebooks/*.ipynb")) + sorted(ROOT.glob("solutions/*/*.ipynb"))


def _label(path: Path) -> str:
    return str(path.relative_to(ROOT)) if path.is_relative_to(ROOT) else str(path)


def namespace_problem() -> str | None:
    """None when ``unshare -n`` with loopback works here, else why it does not."""
    for tool in ("unshare", "ip"):
        if shutil.which(tool) is None:
            return f"`{tool}` is not installed" + (" (apt package iproute2)" if tool == "ip" else "")
    probe = subprocess.run(
        ["unshare", "-n", "sh", "-c", "ip link set lo up"], capture_output=True, text=True
    )
    if probe.returncode != 0:
        return f"`unshare -n` failed (needs root): {probe.stderr.strip()}"
    return None


def run_offline(notebooks: list[Path], workdir: Path) -> tuple[dict, list[dict], bool]:
    """Execute ``notebooks`` offline; return (results by label, audit log entries, isolated?)."""
    log = workdir / "audit.jsonl"
    results_file = workdir / "results.json"
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(OFFLINE), env.get("PYTHONPATH")]))
    env["FRAMELAB_AUDIT_LOG"] = str(log)
    command = [sys.executable, str(OFFLINE / "run.py"), str(results_file)]
    # Labels, not absolute paths, so reports name notebooks the way the repo does.
    command += [_label(nb) for nb in notebooks]
    problem = namespace_problem()
    if problem is None:
        # "$0" "$@" passes the command through sh without re-quoting it.
        command = ["unshare", "-n", "sh", "-c", 'ip link set lo up && exec "$0" "$@"', *command]
    completed = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=1800)
    if not results_file.exists():
        pytest.fail(f"the offline runner crashed (exit {completed.returncode}):\n{completed.stderr[-3000:]}")
    results = json.loads(results_file.read_text(encoding="utf-8"))
    entries = [json.loads(line) for line in log.read_text(encoding="utf-8").splitlines()] if log.exists() else []
    return results, entries, problem is None


@pytest.fixture(scope="module")
def offline_run(tmp_path_factory):
    """Run every lesson and solution notebook once, offline; shared by the per-notebook tests."""
    problem = namespace_problem()
    if problem:
        warnings.warn(
            f"offline check without a network namespace ({problem}); "
            "only the audit hook guards against network access.",
            stacklevel=1,
        )
    return run_offline(NOTEBOOKS, tmp_path_factory.mktemp("offline"))


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=_label)
def test_notebook_runs_offline(notebook: Path, offline_run) -> None:
    results, entries, _ = offline_run
    label = _label(notebook)
    touched = [f"{e['event']} {e['detail']}" for e in entries if e["notebook"] == label]
    assert not touched, f"{label} tried to use the network or nltk_data: " + "; ".join(touched)
    assert results[label] is None, f"{label} failed when run offline: {results[label]}"


def test_nothing_else_touched_the_network(offline_run) -> None:
    """Events logged outside any listed notebook (e.g. by the runner) are failures too."""
    _, entries, _ = offline_run
    labels = {_label(nb) for nb in NOTEBOOKS}
    stray = [e for e in entries if e["notebook"] not in labels]
    assert not stray, f"network or nltk_data access outside the notebooks: {stray}"


def test_the_tripwire_fires(tmp_path: Path) -> None:
    """A notebook that opens nltk_data and connects out must be caught, namespace or not."""
    nltk_file = tmp_path / "nltk_data" / "corpora" / "stopwords.zip"
    canary = tmp_path / "canary.ipynb"
    nbformat.write(
        new_notebook(
            cells=[
                new_code_cell(  # which interfaces exist: only "lo" inside the namespace
                    "import json, socket\n"
                    "names = sorted(name for _, name in socket.if_nameindex())\n"
                    "open('interfaces.json', 'w').write(json.dumps(names))"
                ),
                new_code_cell(f"try:\n    open({str(nltk_file)!r})\nexcept OSError:\n    pass"),
                new_code_cell("socket.create_connection(('example.org', 80), timeout=5)"),
            ],
            metadata={"kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"}},
        ),
        canary,
    )
    results, entries, isolated = run_offline([canary], tmp_path)
    label = str(canary)
    events = {(e["notebook"], e["event"]) for e in entries}
    assert (label, "open") in events, f"the nltk_data open was not logged: {entries}"
    assert (label, "socket.getaddrinfo") in events, f"the connection was not logged: {entries}"
    assert any("example.org" in e["detail"] for e in entries)
    # The hook itself must stop the connection, not a missing route or DNS.
    assert results[label] and "offline check: network access blocked" in results[label], results
    interfaces = json.loads((tmp_path / "interfaces.json").read_text())
    if isolated:
        assert interfaces == ["lo"], f"the network namespace still has interfaces {interfaces}"
    else:
        assert interfaces, "the canary could not list network interfaces"
