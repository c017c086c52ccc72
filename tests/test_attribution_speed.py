"""Attribution work grows linearly with the text, on the texts that once made it explode (an attacker's report:
"he said “no” and she said “yes” and …" without a full stop took 1.6 s on 1 KB, 24 s on 2 KB, over 100 s on 4 KB,
because :meth:`framelab.mentions.Cast.resolve` re-resolved every he/she of a four-sentence window, three levels
deep, and the reporter's clause before each quotation was re-read from the paragraph start).

Work is counted (resolve calls, resolver steps, words tokenized), never timed. The speed-ups must not change a
result, so the new resolver and sentence bounds are also checked against the plain definitions they replace.
"""

from __future__ import annotations

import bisect
import random
import re

import pytest

import framelab.attribution as attribution
from framelab.mentions import PRONOUNS, Cast
from framelab.typography import normalize

PATHOLOGICAL = {
    "curly quotes, no full stop": lambda n: "Troops arrive\n\n" + "he said “no” and she said “yes” and " * (n // 36)
    + "so it went.",
    "straight single quotes": lambda n: "He said 'yes and no and the farmers' water " * (n // 45) + ".",
    "many he said": lambda n: "Troops arrive in Poland\n\n" + "Ann Lee met Tom Ray. “No,” he said. " * (n // 37),
}


def _work(text: str, monkeypatch: pytest.MonkeyPatch) -> dict[str, int]:
    """Resolve calls (recursive ones included), resolver steps and words tokenized while attributing ``text``."""
    counts = {"resolve": 0, "steps": 0, "words": 0}
    casts: list[Cast] = []
    make, resolve, words = Cast.of.__func__, Cast.resolve, attribution.words

    def of(cls, *args, **kwargs):
        casts.append(make(cls, *args, **kwargs))
        return casts[-1]

    def counted_resolve(self, *args, **kwargs):
        counts["resolve"] += 1
        return resolve(self, *args, **kwargs)

    def counted_words(*args, **kwargs):
        found = words(*args, **kwargs)
        counts["words"] += len(found)
        return found

    with monkeypatch.context() as patch:
        patch.setattr(Cast, "of", classmethod(of))
        patch.setattr(Cast, "resolve", counted_resolve)
        patch.setattr(attribution, "words", counted_words)
        found = attribution.attribute(normalize(text))
    assert found, "the text should hold quotations"
    counts["steps"] = sum(cast.steps for cast in casts)  # within() copies start at 0: only Cast.of casts count
    return counts


@pytest.mark.parametrize("name", PATHOLOGICAL)
def test_resolver_work_grows_linearly(name: str, monkeypatch: pytest.MonkeyPatch) -> None:
    small, large = (_work(PATHOLOGICAL[name](n), monkeypatch) for n in (1000, 4000))
    assert small["resolve"] > 0 and small["steps"] > 0
    for key in ("resolve", "steps"):  # four times the text: about four times the work (quadratic would be 16)
        assert large[key] <= 4.5 * small[key], (key, small, large)


@pytest.mark.parametrize("name", PATHOLOGICAL)
def test_clause_reading_grows_linearly(name: str, monkeypatch: pytest.MonkeyPatch) -> None:
    # past _REACH characters a sentence without full stops is no longer re-read from its start for every quotation
    small, large = (_work(PATHOLOGICAL[name](n), monkeypatch) for n in (8000, 32000))
    assert 0 < large["words"] <= 5 * small["words"], (small, large)


def _plain_resolve(cast: Cast, pronoun: str, offset: int, low: int = 0, depth: int = 0) -> str | None:
    """Cast.resolve as first written: every earlier he/she re-resolved, exponential on pronoun-dense text."""
    wanted = PRONOUNS[pronoun]
    kind = "organization" if wanted == "org" else "person"
    k = bisect.bisect_left([a for a, _ in cast.sentences], offset)
    for a, b in reversed([(a, min(b, offset)) for a, b in cast.sentences[max(0, k - 4) : k] if b > low]):
        a = max(a, low)
        found = {m.name for m in cast.between(a, b, kind)}
        if depth < 3 and kind == "person":
            for m in re.finditer(r"\b(?:[Hh]e|[Ss]he)\b", cast.outside[a:b]):
                earlier = _plain_resolve(cast, m.group().lower(), a + m.start(), low, depth + 1)
                if earlier and PRONOUNS[m.group().lower()] == wanted:
                    found.add(earlier)
        if found:
            fitting = {n for n in found if kind == "organization" or cast.gender.get(n, wanted) == wanted}
            return fitting.pop() if len(fitting) == 1 else None
    return None


SMALL = [
    "Ann Lee met Tom Ray. “No,” he said. Ms Irena Kos left. She said it was over, and he agreed. Later she "
    "smiled. The ministry said it would wait; they said so twice.",
    "Mayor Marek Sobel spoke. Sobel said he would go. Spokeswoman Eva Lind said she would not, and he left. "
    "Ashe and Sheer met her. He said she had gone. She said he had.",
    "Veldria Hydro, the state company, said it would pay. It said so. They said no. Tom Ray said he knew.",
]


@pytest.mark.parametrize("text", SMALL)
def test_resolve_matches_its_plain_definition(text: str) -> None:
    cast = Cast.of(text)
    answers = []
    for low in (0, 5, 23, 61):  # lows and offsets inside words too: the old slices cut words there
        for offset in range(0, len(text) + 1, 2):
            for pronoun in ("he", "she", "it"):
                answers.append(cast.resolve(pronoun, offset, low))
                assert answers[-1] == _plain_resolve(cast, pronoun, offset, low), (pronoun, offset, low)
    assert len(answers) > 100 and any(answers) and None in answers  # both outcomes were compared


def test_sentence_bounds_match_their_plain_definitions() -> None:
    def plain_floor(outside: str, low: int, offset: int) -> int:
        floor = low
        for m in re.finditer(r"[.!?](?=\s)", outside[low:offset]):
            if not attribution._ABBREVIATION.search(outside[max(low, low + m.start() - 5) : low + m.end()]):
                floor = low + m.end()
        return floor

    def plain_ceiling(outside: str, offset: int, high: int) -> int:
        for m in re.finditer(r"[.!?](?=\s|$)", outside[offset:high]):
            if not attribution._ABBREVIATION.search(outside[max(offset, offset + m.start() - 5) : offset + m.end()]):
                return offset + m.end()
        return high

    pieces = ["Dr.", "Mr.", " ", "  ", "\n", ".", "!", "? ", "a", "word", "not", "never", "can’t", "said", "x.", "No."]
    rng = random.Random(5)
    for _ in range(300):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(1, 30)))
        for _ in range(10):
            a, b = sorted(rng.randint(0, len(text)) for _ in range(2))
            assert attribution._sentence_floor(text, a, b) == plain_floor(text, a, b), (text, a, b)
            assert attribution._sentence_ceiling(text, a, b) == plain_ceiling(text, a, b), (text, a, b)
            if a < b:
                plain = attribution._NEGATED.search(text, a, b) is not None
                assert attribution._negated(text, a, b) == plain, (text, a, b)
