"""Do the exercises tell right from wrong? (issue 12, item 7)

For every code task, tests/wrong_answers/ keeps at least five plausible wrong answers. The visible
checks must catch at least 80 % of a chapter's wrong answers, and the grader (visible + hidden tests)
at least 98 %; the model answer must pass both. Failure messages a student sees must be plain words.
"""

from __future__ import annotations

import functools
import sys
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
if str(HERE) not in sys.path:
    sys.path.insert(0, str(HERE))

from wrong_answers import Chapter, catalogue, load_chapter  # noqa: E402

MODULES = catalogue()
VISIBLE_RATE = 0.80
GRADER_RATE = 0.98
KINDS = {"wrong rule", "edge case", "off-by-one", "wrong type", "shortcut"}


@functools.cache
def chapter(name: str) -> Chapter:
    return load_chapter(MODULES[name].SLUG)


@functools.cache
def results(name: str) -> dict[tuple[str, int], tuple[BaseException | None, BaseException | None]]:
    """(task, index) -> (visible outcome, grader outcome) for every wrong answer of a chapter."""
    book = chapter(name)
    return {
        (task_id, index): (book.run(task_id, source, hidden=False), book.run(task_id, source, hidden=True))
        for task_id, answers in MODULES[name].WRONG.items()
        for index, (_, source) in enumerate(answers)
    }


@pytest.mark.parametrize("name", sorted(MODULES))
def test_model_answers_pass_visible_and_hidden_checks(name):
    book = chapter(name)
    for task_id, task in book.tasks.items():
        for hidden in (False, True):
            error = book.run(task_id, task.answer, hidden=hidden)
            assert error is None, f"{book.slug} {task_id}: the model answer fails its {'hidden' if hidden else 'visible'} tests: {error!r}"


@pytest.mark.parametrize("name", sorted(MODULES))
def test_every_code_task_has_five_kinds_of_wrong_answers(name):
    book = chapter(name)
    wrong = MODULES[name].WRONG
    assert sorted(wrong) == sorted(book.tasks), f"{book.slug}: catalogue tasks {sorted(wrong)} differ from code tasks {sorted(book.tasks)}"
    for task_id, answers in wrong.items():
        assert len(answers) >= 5, f"{book.slug} {task_id}: only {len(answers)} wrong answers, at least 5 needed"
        kinds = {kind for kind, _ in answers}
        assert kinds <= KINDS, f"{book.slug} {task_id}: unknown kinds {kinds - KINDS}"
        assert len(kinds) >= 3, f"{book.slug} {task_id}: the wrong answers cover only {sorted(kinds)}"
        assert all(source.strip() != book.tasks[task_id].answer.strip() for _, source in answers)


@pytest.mark.parametrize("name", sorted(MODULES))
def test_catch_rates(name):
    book = chapter(name)
    outcome = results(name)
    total = len(outcome)
    visible_missed = [key for key, (visible, _) in outcome.items() if visible is None]
    grader_missed = [key for key, (_, graded) in outcome.items() if graded is None]
    visible_rate = 1 - len(visible_missed) / total
    grader_rate = 1 - len(grader_missed) / total
    print(f"{book.slug}: {total} wrong answers, visible checks catch {visible_rate:.0%}, grader catches {grader_rate:.0%}")

    def describe(keys):
        return [f"{task} #{index} ({MODULES[name].WRONG[task][index][0]})" for task, index in keys]

    assert visible_rate >= VISIBLE_RATE, f"{book.slug}: visible checks catch {visible_rate:.0%}; missed {describe(visible_missed)}"
    assert grader_rate >= GRADER_RATE, f"{book.slug}: the grader catches {grader_rate:.0%}; missed {describe(grader_missed)}"


@pytest.mark.parametrize("name", sorted(MODULES))
def test_visible_failures_speak_plain_words(name):
    from framelab.checks import AnswerError

    book = chapter(name)
    for (task_id, index), (visible, _) in results(name).items():
        if visible is None:
            continue
        message = str(visible)
        where = f"{book.slug} {task_id} wrong answer #{index}"
        # A wrong answer may crash inside the student's own code (a TypeError is their traceback to read);
        # but a failing check must be an AnswerError with a sentence, not a bare AssertionError.
        if isinstance(visible, AssertionError):
            assert isinstance(visible, AnswerError) and message.strip(), f"{where}: bare assertion {visible!r}"
        assert "np.float64(" not in message and "np.int64(" not in message, f"{where}: message shows a numpy repr: {message}"
        assert " 1 items" not in message, f"{where}: message says '1 items': {message}"
