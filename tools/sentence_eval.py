"""Sentence-boundary precision and recall on the held-out sets: ``python -m tools.sentence_eval``.

The sets, ``tests/data/sentences/dev.txt`` (tuned on), ``test.txt`` (held
out) and ``holdout.txt`` (held out, written after the last change to the
splitter, because two changes were prompted by errors seen on test.txt), are
original news-style writing (see their headers): one sentence per line, a blank line
between paragraphs, ``=== name`` before each document. A document's raw text
is rebuilt from them (sentences joined by one space, paragraphs by a blank
line), so the splitters see plain text and the gold boundaries are known
offsets into it.

A boundary is the start offset of a sentence that is not the first of its
paragraph: paragraph breaks are given by blank lines, so only the decisions a
sentence splitter actually makes are counted. Precision = correct predicted
boundaries / predicted boundaries, recall = correct / gold, F1 their harmonic
mean (as in Kiss and Strunk 2006, "Unsupervised Multilingual Sentence
Boundary Detection", Computational Linguistics 32(4), section 6, which scores
boundaries rather than whole sentences).

Splitters compared, on each set separately:

* ``before``: the splitter of framelab 81dde49 (blank-line paragraphs, then
  an untrained Punkt told 15 abbreviations), reproduced here as it was;
* ``general``: :func:`framelab.text.general_sentence_splitter`, the
  documented news abbreviation list and seeded orthographic evidence, no
  training;
* ``trained``: :func:`framelab.text.train_sentence_splitter` trained on the
  set's own document texts (never on the gold boundaries), as
  ``load_corpus`` trains it on a corpus;
* ``self``: trained on the one document being split, the other candidate
  for ``splitter=None`` (it tied with ``general`` on dev, which needs no
  training per call: see :func:`framelab.text.default_sentence_splitter`);
* ``default``: what ``split_sentences(text)`` uses without a splitter.

``--errors`` lists every false or missed boundary with its context. Tune on
dev only; the test and holdout sets are for reporting.
"""

from __future__ import annotations

import argparse
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from nltk.tokenize.punkt import PunktParameters, PunktSentenceTokenizer

from framelab.text import (
    default_sentence_splitter,
    general_sentence_splitter,
    sentence_spans,
    train_sentence_splitter,
)

ROOT = Path(__file__).resolve().parent.parent
SETS = {name: ROOT / "tests" / "data" / "sentences" / f"{name}.txt" for name in ("dev", "test", "holdout")}

Spans = list[tuple[int, int]]


@dataclass(frozen=True)
class Document:
    """One annotated document: its name and its paragraphs as lists of sentences."""

    name: str
    paragraphs: tuple[tuple[str, ...], ...]

    @property
    def text(self) -> str:
        """The raw text: sentences joined by a space, paragraphs by a blank line."""
        return "\n\n".join(" ".join(paragraph) for paragraph in self.paragraphs)

    def starts(self) -> tuple[set[int], set[int]]:
        """(paragraph start offsets, gold boundary offsets) in :attr:`text`."""
        paragraph_starts, boundaries = set(), set()
        offset = 0
        for paragraph in self.paragraphs:
            paragraph_starts.add(offset)
            for index, sentence in enumerate(paragraph):
                if index:
                    boundaries.add(offset)
                offset += len(sentence) + 1
            offset += 1  # the blank line: "\n\n" replaces the last " "
        return paragraph_starts, boundaries


def read_set(path: Path) -> list[Document]:
    """Parse one annotated file (format in the module docstring).

    >>> import tempfile, os
    >>> with tempfile.NamedTemporaryFile("w", suffix=".txt", delete=False) as f:
    ...     _ = f.write("# header\\n=== a\\nOne.\\nTwo.\\n\\nThree.\\n")
    >>> [d.text for d in read_set(Path(f.name))]
    ['One. Two.\\n\\nThree.']
    >>> os.unlink(f.name)
    """
    documents: list[Document] = []
    name, paragraphs, current = None, [], []
    for number, line in enumerate(Path(path).read_text(encoding="utf-8").splitlines(), start=1):
        if name is None and line.startswith("#"):
            continue
        if line.startswith("==="):
            if name is not None:
                documents.append(_document(name, paragraphs, current))
            name, paragraphs, current = line.strip("= ").strip(), [], []
        elif name is None:
            raise ValueError(f"{path}:{number}: text before the first '=== name' line")
        elif line.strip():
            current.append(line.strip())
        elif current:
            paragraphs.append(tuple(current))
            current = []
    if name is not None:
        documents.append(_document(name, paragraphs, current))
    return documents


def _document(name: str, paragraphs: list, current: list) -> Document:
    return Document(name, tuple(paragraphs + ([tuple(current)] if current else [])))


# --- the splitter before issue 11, as it was -----------------------------------

_OLD_ABBREVIATIONS = {"u.s", "u.k", "u.n", "gen", "sec", "lt", "col", "mr", "mrs", "ms", "dr", "st", "jan", "feb", "no"}


def old_sentence_spans(text: str) -> Spans:
    """The sentence spans framelab 81dde49 gave: ``re.split(r"\\n\\s*\\n")``
    paragraphs, stripped, each split by an untrained Punkt that knows 15
    abbreviations (including "no").

    >>> text = "Kirby said no. The deployment is temporary."
    >>> [text[a:b] for a, b in old_sentence_spans(text)]
    ['Kirby said no. The deployment is temporary.']
    """
    parameters = PunktParameters()
    parameters.abbrev_types = set(_OLD_ABBREVIATIONS)
    splitter = PunktSentenceTokenizer(parameters)
    spans: Spans = []
    position = 0
    for paragraph in re.split(r"\n\s*\n", text):
        start = text.index(paragraph, position)
        position = start + len(paragraph)
        stripped = paragraph.strip()
        if not stripped:
            continue
        start += len(paragraph) - len(paragraph.lstrip())
        spans.extend((start + a, start + b) for a, b in splitter.span_tokenize(stripped))
    return spans


# --- scoring -------------------------------------------------------------------


@dataclass(frozen=True)
class Score:
    correct: int
    predicted: int
    gold: int
    false: tuple[tuple[str, int], ...] = ()  # (document, offset) of false boundaries
    missed: tuple[tuple[str, int], ...] = ()

    @property
    def precision(self) -> float:
        return self.correct / self.predicted if self.predicted else 1.0

    @property
    def recall(self) -> float:
        return self.correct / self.gold if self.gold else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def score(documents: Iterable[Document], spans_of: Callable[[str], Spans]) -> Score:
    """Boundary precision/recall of ``spans_of`` over ``documents``.

    >>> docs = [Document("d", (("Troops will come from the U.S.", "The Pentagon said so."),))]
    >>> s = score(docs, old_sentence_spans)
    >>> (s.correct, s.predicted, s.gold)
    (0, 0, 1)
    """
    correct = predicted = gold_count = 0
    false, missed = [], []
    for document in documents:
        paragraph_starts, gold = document.starts()
        found = {start for start, _ in spans_of(document.text)} - paragraph_starts
        correct += len(found & gold)
        predicted += len(found)
        gold_count += len(gold)
        false += [(document.name, offset) for offset in sorted(found - gold)]
        missed += [(document.name, offset) for offset in sorted(gold - found)]
    return Score(correct, predicted, gold_count, tuple(false), tuple(missed))


def splitters(documents: list[Document]) -> dict[str, Callable[[str], Spans]]:
    """The splitters compared (module docstring), the trained one trained on ``documents``' texts."""
    general = general_sentence_splitter()
    trained = train_sentence_splitter(document.text for document in documents)
    default = default_sentence_splitter()
    return {
        "before": old_sentence_spans,
        "general": lambda text: sentence_spans(text, general),
        "trained": lambda text: sentence_spans(text, trained),
        "self": lambda text: sentence_spans(text, train_sentence_splitter([text])),
        "default": lambda text: sentence_spans(text, default),
    }


def _context(documents: list[Document], name: str, offset: int, width: int = 45) -> str:
    text = next(document.text for document in documents if document.name == name)
    return f"{name}: …{text[max(0, offset - width):offset]}|{text[offset:offset + width]}…".replace("\n", "⏎")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tools.sentence_eval", description=__doc__.split("\n")[0])
    parser.add_argument("--errors", action="store_true", help="list false and missed boundaries")
    parser.add_argument("--sets", nargs="*", default=list(SETS), choices=list(SETS))
    options = parser.parse_args(argv)
    print(f"{'set':7} {'splitter':8} {'gold':>5} {'found':>5} {'right':>5} {'precision':>9} {'recall':>7} {'F1':>6}")
    for set_name in options.sets:
        documents = read_set(SETS[set_name])
        for name, spans_of in splitters(documents).items():
            result = score(documents, spans_of)
            print(f"{set_name:7} {name:8} {result.gold:5} {result.predicted:5} {result.correct:5} "
                  f"{result.precision:9.4f} {result.recall:7.4f} {result.f1:6.4f}")
            if options.errors:
                for label, found in (("false", result.false), ("missed", result.missed)):
                    for document_name, offset in found:
                        print(f"      {label:6} {_context(documents, document_name, offset)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
