"""JupyterHub with nbgitpuller, tested on loopback (issue 14, item 3).

Three students log in through the hub's login form, follow the nbgitpuller
link to a student copy served from a local git repository, and run chapter 02
through the REST and kernel APIs; their outputs must equal the committed ones.
Then the source gets an upstream commit, one student who edited chapter 02
pulls again, and the merge must keep the edit and bring the upstream change
(nbgitpuller commits local changes and merges with ``-Xours``: the student's
side wins only where both changed the same lines). At the end the hub, the
proxy, the servers and the kernels must all be gone.
"""

from __future__ import annotations

import json
import time
from concurrent.futures import ThreadPoolExecutor

from .loopback import (
    CHAPTER,
    LANDING,
    TARGET,
    Student,
    _git,
    build_source_repo,
    committed_outputs,
    pull_link,
    start_hub,
)

STUDENTS = 3
NOTE = "My note, written in class: the tokenizers disagree about U.S. and 3,000."
UPSTREAM = "Update from your instructor: chapter 03 moves to Thursday."


def _first_difference(got: list[list[str]], want: list[list[str]]) -> str:
    for index, (a, b) in enumerate(zip(got, want)):
        if a != b:
            return f"code cell {index}: ran {a!r}, committed {b!r}"
    return f"{len(got)} code cells ran, the notebook has {len(want)}"


def _arrive(student: Student, link: str, repo_url: str, branch: str) -> list[list[str]]:
    """A student's first minutes: log in, follow the link, get the copy, run chapter 02."""
    student.log_in()
    page = student.follow(link, spawn_within=90)
    assert "nbgitpuller" in page.text.lower(), f"{student.name} followed the link but got {page.url}"
    events = student.git_pull(repo_url, branch)
    assert events[-1] == "finished"
    lab = student.session.get(f"{student.server}/lab/tree/{TARGET}/{LANDING}", timeout=60)
    assert lab.status_code == 200, f"{student.name}'s link target answered {lab.status_code}"
    student.make_token()
    _, results = student.run_notebook(f"{TARGET}/{CHAPTER}")
    return results


def test_three_students_pull_run_chapter_02_and_keep_their_edits(tmp_path) -> None:
    started = time.monotonic()
    source, branch, _how = build_source_repo(tmp_path / "upstream")
    repo_url = source.as_uri()
    link = pull_link(repo_url, branch)
    expected = committed_outputs(source / CHAPTER)
    assert sum(map(len, expected)) > 10, "chapter 02 should have stored outputs to compare with"

    hub = start_hub(tmp_path / "hub", start_timeout=90)
    try:
        students = [Student(hub, f"student{n}") for n in range(1, STUDENTS + 1)]
        with ThreadPoolExecutor(STUDENTS) as pool:
            runs = list(pool.map(lambda s: _arrive(s, link, repo_url, branch), students))
        hub.track()
        for student, got in zip(students, runs):
            assert not [t for cell in got for t in cell if t.startswith("error:")], f"{student.name}: {got}"
            assert got == expected, f"{student.name}: {_first_difference(got, expected)}"
            assert (hub.folder / "home" / student.name / TARGET / CHAPTER).is_file()

        # One student edits the first cell of chapter 02 (its title and a note) and saves, as JupyterLab does.
        editor = students[0]
        path = f"{TARGET}/{CHAPTER}"
        mine = editor.notebook(path)
        title, rest = mine["cells"][0]["source"].split("\n", 1)
        mine["cells"][0]["source"] = f"{title} (my notes)\n{rest}\n\n{NOTE}"
        editor.save_notebook(path, mine)

        # Upstream: the same title line changed (a conflict), the last cell changed, a new file.
        upstream = json.loads((source / CHAPTER).read_text(encoding="utf-8"))
        assert upstream["cells"][0]["source"][0] == title + "\n"
        upstream["cells"][0]["source"][0] = f"{title} words\n"
        upstream["cells"][-1]["source"].append("\n\n" + UPSTREAM)
        (source / CHAPTER).write_text(json.dumps(upstream, indent=1, sort_keys=True, ensure_ascii=False) + "\n", encoding="utf-8")
        (source / "notebooks" / "ANNOUNCEMENT.md").write_text(UPSTREAM + "\n", encoding="utf-8")
        _git(source, "add", "-A")
        _git(source, "commit", "-q", "-m", "Upstream change during the course")

        editor.follow(link, spawn_within=30)
        editor.git_pull(repo_url, branch)
        merged = editor.notebook(path)
        assert NOTE in "".join(merged["cells"][0]["source"]), "the pull lost the student's edit"
        # nbgitpuller merges with -Xours: where both changed the same line, the student's version stays.
        assert merged["cells"][0]["source"].startswith(f"{title} (my notes)\n"), merged["cells"][0]["source"][:80]
        assert UPSTREAM in "".join(merged["cells"][-1]["source"]), "the pull did not bring the upstream change"
        announcement = editor.rest("GET", f"/contents/{TARGET}/notebooks/ANNOUNCEMENT.md").json()
        assert announcement["content"].strip() == UPSTREAM
        # A student who did not edit gets the upstream notebook exactly.
        students[1].git_pull(repo_url, branch)
        theirs = hub.folder / "home" / students[1].name / TARGET / CHAPTER
        assert theirs.read_bytes() == (source / CHAPTER).read_bytes()

        processes = hub.track()
    finally:
        survivors = hub.stop()
    assert not survivors, f"still running after the hub stopped: {survivors}"
    # What was tracked: the proxy, one server per student and their kernels (so "none left" means something).
    assert len(processes) >= 1 + 2 * STUDENTS, f"tracked only {len(processes)} processes under the hub"
    elapsed = time.monotonic() - started
    assert elapsed < 180, f"the loopback hub test took {elapsed:.0f} s; the target is under 90 s in CI"
