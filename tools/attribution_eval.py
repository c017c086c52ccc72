"""Quotation-span and speaker precision/recall: ``python -m tools.attribution_eval [dev|test|seeds]``.

The sets: ``framelab/data/attribution_heldout/dev`` (tuned on) and ``…/test`` (held out; see the README there;
each answer key is ``…/dev_annotations.json`` or ``…/test_annotations.json``, beside its folder) and ``seeds``,
the five bundled articles scored against chapter 06's answer key (:func:`framelab.lexicons.annotated_quotations`,
which gives a speaker for every quotation).

Scoring (the same for every set and extractor):

* **Spans.** A predicted quotation matches a gold one when their texts are equal after surrounding
  whitespace, punctuation and quotation marks are stripped and inner whitespace is collapsed (the predicted
  text is the body between the opening and the closing mark). Each gold quotation matches at most once.
  Precision = matched / predicted, recall = matched / gold.
* **Speakers.** Over gold quotations with a speaker and predicted quotations with a speaker. A prediction is
  correct when its span matches a gold quotation and the predicted speaker equals, case-insensitively, the
  gold canonical name or one of its ``speaker_forms``. Every other predicted speaker is a false positive: a
  wrong speaker, a speaker for a quotation the gold leaves unattributed, or a speaker for text that is not a
  gold quotation (a scare quote, a title). Precision = correct / predicted speakers, recall = correct / gold
  speakers, F1 their harmonic mean.

Extractors compared: ``baseline`` is :func:`framelab.voices.find_quotations` with ``names="table"`` (chapter 06's
rules and the five articles' speaker table), ``rules`` is :func:`framelab.attribution.attribute`. ``--gold-spans``
gives ``rules`` the gold quotation spans, so its speaker figures measure attribution alone, whatever the span finder misses.
``--errors`` lists every speaker error of ``rules``. ``--spans-from quotemarks`` gives ``rules`` the top-level
quotations of :func:`framelab.quotemarks.quotation_spans` and those nested in them (found as ``attribute`` finds
them when it is given no spans) instead of those of :func:`framelab.voices.quotation_spans`, and adds a table of
the span finder alone (every span it finds, nested ones included, before ``attribute`` drops what is not speech).
"""

from __future__ import annotations

import argparse
import json
import re
import warnings
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from framelab import load_corpus, quotemarks
from framelab.attribution import _inner_spans, attribute
from framelab.lexicons import annotated_quotations
from framelab.voices import find_quotations, quotation_spans

ROOT = Path(__file__).resolve().parent.parent
HELDOUT = ROOT / "framelab" / "data" / "attribution_heldout"
SETS = ("dev", "test", "seeds")
FINDERS = ("voices", "quotemarks")
_MARKS = "\"'“”‘’„‚«»‹›"
_EDGE = re.compile(rf"^[\s{_MARKS}.,;:!?…—–-]+|[\s{_MARKS}.,;:!?…—–-]+$")


@dataclass(frozen=True)
class Gold:
    """One gold quotation: article id, its normalized text, speaker (None when unattributed), accepted forms."""

    article: str
    text: str
    speaker: str | None
    forms: frozenset[str]
    style: str
    span: tuple[int, int] | None = None  # (opening mark, just after closing mark) in the body, when known


@dataclass(frozen=True)
class Predicted:
    """One predicted quotation: article id, normalized text, speaker or None."""

    article: str
    text: str
    speaker: str | None


def normalized(quote: str) -> str:
    """``quote`` without surrounding whitespace, punctuation or marks, inner whitespace collapsed.

    >>> normalized(" « Talks will. » ")
    'Talks will'
    """
    return " ".join(_EDGE.sub("", quote).split())


def _body_span(body: str, quote: str) -> tuple[int, int] | None:
    """(opening mark, just after the closing mark) of ``quote`` in ``body``; no-break spaces inside « » skipped."""
    at = body.find(quote)
    if at < 0:
        return None
    start, end = at - 1, at + len(quote)
    while start > 0 and body[start] in "\u00a0\u202f ":
        start -= 1
    while end < len(body) - 1 and body[end] in "\u00a0\u202f ":
        end += 1
    return start, end + 1


def load_gold(name: str) -> tuple[dict[str, str], list[Gold]]:
    """(article id → body, gold quotations) of one set."""
    if name == "seeds":
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            bodies = {article.id: article.body for article in load_corpus(ROOT / "seeds")}
        gold = []
        for item in annotated_quotations()["quotations"]:
            speaker = item["speaker"] or None
            gold.append(Gold(item["article"], normalized(item["text"]), speaker,
                             frozenset({speaker.lower()} if speaker else ()), "seeds", (item["start"], item["end"])))
        return bodies, gold
    folder = HELDOUT / name
    articles = load_corpus(folder)
    bodies = {article.id: article.body for article in articles}
    ids = {getattr(article, "file", ""): article.id for article in articles}
    annotation = json.loads((HELDOUT / f"{name}_annotations.json").read_text(encoding="utf-8"))
    gold = []
    for item in annotation["quotations"]:
        article = ids[item["file"]]
        forms = {form.lower() for form in item["speaker_forms"]} | ({item["speaker"].lower()} if item["speaker"] else set())
        gold.append(Gold(article, normalized(item["quote"]), item["speaker"], frozenset(forms), item["style"],
                         _body_span(bodies[article], item["quote"])))
    return bodies, gold


def finder_spans(body: str, finder: str = "voices") -> list[tuple[int, int]]:
    """(opening mark, just after closing mark) of every quotation ``finder`` finds in ``body``, nested ones too."""
    find = quotemarks.quotation_spans if finder == "quotemarks" else quotation_spans
    top = [(a, b) for a, b, _ in find(body)[0]]
    return sorted(top + [inner for a, b in top for inner in _inner_spans(body, a, b)])


def predict(bodies: dict[str, str], extractor: str, gold: list[Gold] | None = None,
            finder: str = "voices") -> list[Predicted]:
    """Predicted quotations of every body by ``extractor`` ("baseline", "rules", or "spans": the span finder alone,
    no speakers); ``rules`` takes the gold spans when given, else those of ``finder`` (see :data:`FINDERS`)."""
    found = []
    for article, body in bodies.items():
        if extractor == "baseline":
            for q in find_quotations(body, article, names="table")[0]:
                found.append(Predicted(article, normalized(body[q.start + 1 : q.end - 1]), q.speaker or None))
            continue
        if extractor == "spans":
            found += [Predicted(article, normalized(body[a + 1 : b - 1]), None) for a, b in finder_spans(body, finder)]
            continue
        if gold is not None:
            spans = [g.span for g in gold if g.article == article and g.span]
        else:
            spans = finder_spans(body, finder) if finder == "quotemarks" else None
        for a in attribute(body, spans=spans):
            found.append(Predicted(article, normalized(body[a.start + 1 : a.end - 1]), a.speaker))
    return found


def score(gold: list[Gold], predicted: list[Predicted]) -> dict[str, dict[str, float]]:
    """Per style and ``"all"``: span and speaker counts, precision, recall and F1.

    Predictions matching no gold quotation count under the style ``"(not a quotation)"`` as well as ``"all"``.
    """
    counts: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    unused = list(range(len(gold)))
    for p in predicted:
        match = next((i for i in unused if gold[i].article == p.article and gold[i].text == p.text), None)
        style = gold[match].style if match is not None else "(not a quotation)"
        for key in ("all", style):
            counts[key]["predicted"] += 1
            counts[key]["speaker_predicted"] += p.speaker is not None
        if match is None:
            continue
        unused.remove(match)
        g = gold[match]
        right = p.speaker is not None and g.speaker is not None and p.speaker.lower() in g.forms
        for key in ("all", g.style):
            counts[key]["span_correct"] += 1
            counts[key]["speaker_correct"] += right
    for g in gold:
        for key in ("all", g.style):
            counts[key]["gold"] += 1
            counts[key]["speaker_gold"] += g.speaker is not None
    table = {}
    for key, c in counts.items():
        sp, sr = _ratio(c["speaker_correct"], c["speaker_predicted"]), _ratio(c["speaker_correct"], c["speaker_gold"])
        table[key] = {
            "gold": c["gold"], "predicted": c["predicted"],
            "span_p": _ratio(c["span_correct"], c["predicted"]), "span_r": _ratio(c["span_correct"], c["gold"]),
            "speaker_gold": c["speaker_gold"], "speaker_predicted": c["speaker_predicted"],
            "speaker_correct": c["speaker_correct"], "speaker_p": sp, "speaker_r": sr,
            "speaker_f1": 2 * sp * sr / (sp + sr) if sp + sr else 0.0,
        }
    return table


def _ratio(a: int, b: int) -> float:
    return a / b if b else 0.0


def evaluate(name: str, extractor: str = "rules", gold_spans: bool = False,
             finder: str = "voices") -> dict[str, dict[str, float]]:
    """The score table of one set (see :func:`score`); ``finder`` names the span finder (:data:`FINDERS`)."""
    bodies, gold = load_gold(name)
    return score(gold, predict(bodies, extractor, gold if gold_spans else None, finder))


def format_table(table: dict[str, dict[str, float]]) -> str:
    """A plain-text table, ``all`` first, then the styles alphabetically."""
    header = f"{'style':<24}{'gold':>5}{'pred':>5}{'span P':>8}{'span R':>8}{'spk gold':>9}{'spk pred':>9}" \
             f"{'right':>6}{'spk P':>7}{'spk R':>7}{'spk F1':>7}"
    lines = [header]
    for key in ["all", *sorted(k for k in table if k != "all")]:
        r = table[key]
        lines.append(f"{key:<24}{r['gold']:>5}{r['predicted']:>5}{r['span_p']:>8.2f}{r['span_r']:>8.2f}"
                     f"{r['speaker_gold']:>9}{r['speaker_predicted']:>9}{r['speaker_correct']:>6}"
                     f"{r['speaker_p']:>7.2f}{r['speaker_r']:>7.2f}{r['speaker_f1']:>7.2f}")
    return "\n".join(lines)


def errors(name: str, gold_spans: bool = False, finder: str = "voices") -> list[str]:
    """One line per speaker error of ``rules`` on a set: style, gold speaker, predicted, quotation start."""
    bodies, gold = load_gold(name)
    lines = []
    for article, body in bodies.items():
        if gold_spans:
            spans = [g.span for g in gold if g.article == article and g.span]
        else:
            spans = finder_spans(body, finder) if finder == "quotemarks" else None
        found = {normalized(body[a.start + 1 : a.end - 1]): a for a in attribute(body, spans=spans)}
        for g in (g for g in gold if g.article == article):
            a = found.get(g.text)
            said = a.speaker if a else "(span missed)"
            if a is None or (a.speaker or "").lower() not in (g.forms or {""}):
                rule = f"{a.rule}/{a.via}" if a else ""
                lines.append(f"{article} {g.style:<22} gold={g.speaker!s:<24} got={said!s:<24} {rule:<22} {g.text[:50]!r}")
        golds = {g.text for g in gold if g.article == article}
        for text, a in found.items():
            if text not in golds:
                lines.append(f"{article} {'(not a quotation)':<22} gold={'-':<24} got={a.speaker!s:<24} {a.rule:<22} {text[:50]!r}")
    return lines


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("set", nargs="?", default="dev", choices=SETS)
    parser.add_argument("--gold-spans", action="store_true", help="give the rules the gold quotation spans")
    parser.add_argument("--errors", action="store_true", help="list the rules' speaker errors")
    parser.add_argument("--spans-from", choices=FINDERS, default="voices",
                        help="the span finder the rules use: framelab.voices or framelab.quotemarks")
    args = parser.parse_args(argv)
    if args.errors:
        print("\n".join(errors(args.set, args.gold_spans, args.spans_from)))
        return
    if args.spans_from == "quotemarks":
        print(f"== {args.set}: span finder alone, voices.quotation_spans (nested spans included)")
        print(format_table(evaluate(args.set, "spans", finder="voices")))
        print(f"\n== {args.set}: span finder alone, quotemarks.quotation_spans (nested spans included)")
        print(format_table(evaluate(args.set, "spans", finder="quotemarks")))
        print(f"\n== {args.set}: rules (framelab.attribution.attribute) on the spans of quotemarks.quotation_spans")
        print(format_table(evaluate(args.set, "rules", finder="quotemarks")))
        print()
    print(f"== {args.set}: baseline (framelab.voices.find_quotations)")
    print(format_table(evaluate(args.set, "baseline")))
    print(f"\n== {args.set}: rules (framelab.attribution.attribute)")
    print(format_table(evaluate(args.set, "rules")))
    print(f"\n== {args.set}: rules given the gold spans (attribution alone)")
    print(format_table(evaluate(args.set, "rules", gold_spans=True)))


if __name__ == "__main__":
    main()
