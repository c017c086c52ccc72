"""Keyness: which words are key to a target compared with a reference (G², log ratio, log-odds z).

Chapter 04 teaches these measures step by step; :mod:`framelab.compare`
re-exports :func:`keyness`, :func:`one_vs_rest` and the constants below, and
later chapters call them from there. The documents become one matrix
(:mod:`framelab.term_matrix`) and each measure is computed once, with numpy,
for every term and article.

Keyness compares a *target* with a *reference* through the 2 x 2 table of each
term (``a`` = the term in the target, ``b`` = the term in the reference,
``c``/``d`` = all other tokens of the target/reference):

* ``g2``: the log-likelihood G² = 2 Σ O ln(O/E) over the four cells (the form
  corpus linguists use, equal to NLTK's ``BigramAssocMeasures.likelihood_ratio``
  on the same table), signed: positive when the term is relatively more
  frequent in the target, negative when less. ``p_value`` is its chi-squared
  tail with 1 degree of freedom, ``erfc(sqrt(G²/2))``.
* ``log_ratio``: the effect size, log2 of the ratio of the two relative
  frequencies, each smoothed by adding the same constant to the *relative
  frequency* (not to the count):
  ``log2((per_1000_target + N) / (per_1000_reference + N))`` with
  N = ``smoothing`` per 1,000 tokens (:data:`SMOOTHING`, 1.0 by default).
  This is Kilgarriff's "simple maths" keyness score, (fpm_focus + N) /
  (fpm_ref + N), taken to base-2 logarithms: A. Kilgarriff (2009), "Simple
  maths for keywords", in M. Mahlberg, V. González-Díaz & C. Smith (eds.),
  *Proceedings of the Corpus Linguistics Conference CL2009*, University of
  Liverpool (online proceedings, unpaginated) — among the "four problems with
  keyword lists" he discusses, his remedy for a word absent from one corpus
  (no division by zero): add N to both normalised frequencies, which he
  states in words per million (our N of 1 per 1,000 is his N = 1,000).
  Because the same N is added to both rates, log_ratio > 0 exactly when the
  target's rate is higher, < 0 when lower and 0 when the rates are equal,
  whatever the sizes of target and reference. Adding 0.5 to the raw *counts*
  instead (the formula used here before issue 11) or replacing only a zero
  count by 0.5 (Hardie 2014, "Log Ratio — an informal introduction", CASS)
  does not keep that promise when the sizes differ: 0 uses in 100 tokens
  against 1 use in 500 scores +0.74 and +1.32 those ways although the
  target's rate is lower (see the example below).
* ``log_odds_z``: the log-odds ratio with an informative Dirichlet prior,
  divided by its standard deviation (Monroe, Colaresi & Quinn 2008,
  "Fightin' Words", eqs. 16 and 18-20); the prior of each term is its pooled
  count in target + reference times ``prior_scale``.

>>> a = {"troops": 30, "nato": 5, "the": 65}
>>> b = {"troops": 10, "nato": 25, "the": 65}
>>> table = keyness(a, b)
>>> table[["term", "count_target", "count_reference", "g2", "log_ratio"]].round(2)
     term  count_target  count_reference     g2  log_ratio
0  troops            30               10  12.97       1.58
1     the            65               65   0.00       0.00
2    nato             5               25 -16.91      -2.30

A word absent from a short target and used once in a long reference points
the same way on every measure (rates 0 and 2 per 1,000: log2(1/3)):

>>> row = keyness({"other": 100}, {"w": 1, "other": 499}, terms=["w"]).iloc[0]
>>> [round(float(row[name]), 3) for name in ("g2", "log_ratio", "log_odds_z")]
[-0.365, -1.585, -0.197]
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping

import numpy as np
import pandas as pd

from framelab.term_matrix import (
    CompareError,
    Document,
    UnknownTermError,
    _Matrix,
    _matrix,
    _need_two,
)
from framelab.validators import number, whole_number

#: N of the log ratio, in tokens **per 1,000**: added to both relative frequencies
#: (``per_1000_target`` and ``per_1000_reference``) before their ratio, so a zero
#: count gives a finite value and the sign always follows the rates (Kilgarriff
#: 2009, "Simple maths for keywords", Proceedings of CL2009: the add-N score
#: (fpm_focus + N) / (fpm_ref + N); his N is per million, so ours is his N = 1,000).
#: Why 1 per 1,000: the articles this collection compares have 400-800 tokens,
#: so one use is 1.2-2.5 per 1,000 and a difference smaller than about 1 per
#: 1,000 cannot be seen in them; N at that resolution keeps a single use (against
#: none) from counting as a huge effect (Kilgarriff: a larger N favours commoner
#: words, a smaller N rarer ones). For corpora of millions of words pass a
#: smaller N, e.g. ``smoothing=0.001`` (N = 1 per million, Sketch Engine's default).
SMOOTHING = 1.0
#: Relative frequencies are given per this many tokens (the unit of ``smoothing``).
PER = 1000
#: A term whose smallest expected count (target or reference) is below this has thin evidence.
MIN_EXPECTED = 5.0
#: Columns of :func:`keyness` (``one_vs_rest`` adds ``article`` in front).
KEYNESS_COLUMNS = (
    "term",
    "count_target",
    "count_reference",
    "per_1000_target",
    "per_1000_reference",
    "g2",
    "log_ratio",
    "log_odds_z",
    "p_value",
    "thin_evidence",
)


# --- keyness -------------------------------------------------------------------


def _x_log_x_over(observed: np.ndarray, expected: np.ndarray) -> np.ndarray:
    """O * ln(O / E), with 0 * ln 0 = 0 (where O > 0, E > 0 too)."""
    positive = observed > 0
    ratio = np.divide(observed, expected, out=np.ones_like(observed), where=positive)
    return observed * np.log(ratio)


def _erfc(values: np.ndarray) -> np.ndarray:
    """math.erfc of every value (numpy has no erfc; this is exact and fast enough)."""
    flat = np.ravel(values)
    return np.fromiter(map(math.erfc, flat.tolist()), dtype=float, count=flat.size).reshape(np.shape(values))


def _log_ratio(
    cross: np.ndarray, sizes: np.ndarray, per_target: np.ndarray, per_reference: np.ndarray, smoothing: float
) -> np.ndarray:
    """log2((rate_target + N) / (rate_reference + N)), rates per 1,000 tokens, N = ``smoothing``.

    ``cross`` = a * n_reference - b * n_target and ``sizes`` = n_target *
    n_reference, so rate_target - rate_reference = cross * 1000 / sizes. Whole
    numbers below 2**53 are exact in float64, so ``cross`` has the exact sign of
    the rate difference (0 exactly when the rates are equal). Near a ratio of 1
    the value is computed as log1p(difference / (rate_reference + N)), which
    keeps that sign even where the two smoothed rates round to the same float;
    far from 1 the plain quotient is exact enough and its sign is not in doubt.
    """
    ratio_minus_one = cross * (PER / sizes) / (per_reference + smoothing)
    near_one = np.abs(ratio_minus_one) < 0.5
    close = np.log1p(np.where(near_one, ratio_minus_one, 0.0)) / math.log(2)
    far = np.log2(per_target + smoothing) - np.log2(per_reference + smoothing)
    return np.where(near_one, close, far)


def _keyness_arrays(
    a: np.ndarray,
    b: np.ndarray,
    n_target: np.ndarray,
    n_reference: np.ndarray,
    *,
    smoothing: float,
    prior_scale: float,
) -> dict[str, np.ndarray]:
    """Every keyness measure for arrays of counts (broadcasting): the one implementation.

    ``a``/``b``: a term's count in target/reference; ``n_target``/``n_reference``:
    their token totals. Every term has ``a + b > 0`` and no term is all the tokens.
    """
    total = n_target + n_reference
    c, d = n_target - a, n_reference - b  # the other tokens of target and reference
    term_total, other_total = a + b, c + d
    e_a, e_b = term_total * n_target / total, term_total * n_reference / total
    e_c, e_d = other_total * n_target / total, other_total * n_reference / total
    g2 = 2 * (_x_log_x_over(a, e_a) + _x_log_x_over(b, e_b) + _x_log_x_over(c, e_c) + _x_log_x_over(d, e_d))
    g2 = np.maximum(g2, 0.0)  # rounding can leave -1e-13 where the proportions are equal
    p_value = _erfc(np.sqrt(g2 / 2))
    g2 = np.sign(a * n_reference - b * n_target) * g2  # exact: whole numbers below 2**53

    per_target, per_reference = a * PER / n_target, b * PER / n_reference
    log_ratio = _log_ratio(a * n_reference - b * n_target, n_target * n_reference, per_target, per_reference, smoothing)

    alpha = prior_scale * term_total  # the term's prior count, alpha_w
    alpha_0 = prior_scale * total  # the sum of all priors, alpha_0
    delta = (np.log(a + alpha) - np.log(n_target + alpha_0 - a - alpha)) - (
        np.log(b + alpha) - np.log(n_reference + alpha_0 - b - alpha)
    )
    log_odds_z = delta / np.sqrt(1 / (a + alpha) + 1 / (b + alpha))
    return {
        "per_1000_target": per_target,
        "per_1000_reference": per_reference,
        "g2": g2 + 0.0,  # + 0.0 turns -0.0 into 0.0
        "log_ratio": log_ratio + 0.0,
        "log_odds_z": log_odds_z + 0.0,
        "p_value": p_value,
        "min_expected": np.minimum(e_a, e_b),
    }


def _check_options(min_freq: int, smoothing: float, prior_scale: float, min_expected: float) -> None:
    whole_number(
        min_freq,
        "min_freq",
        minimum=1,
        error=CompareError,
        meaning="the fewest uses, target and reference together, a term needs to be listed",
    )
    number(smoothing, "smoothing", above=0, error=CompareError, meaning="per 1,000 tokens, e.g. 1.0")
    number(prior_scale, "prior_scale", above=0, error=CompareError)
    number(min_expected, "min_expected", at_least=0, error=CompareError)


def _term_columns(matrix: _Matrix, terms: Iterable[str] | None, where: str) -> np.ndarray:
    """Column positions of the requested terms (all terms when None), refusing unknown ones."""
    if terms is None:
        return np.arange(len(matrix.terms))
    if isinstance(terms, str):
        raise CompareError(f"terms should be a list of words, not one string: write terms=[{terms!r}].")
    position = {term: index for index, term in enumerate(matrix.terms)}
    wanted = list(dict.fromkeys(terms))
    unknown = [term for term in wanted if term not in position]
    if unknown:
        shown = ", ".join(repr(term) for term in unknown[:5]) + (" …" if len(unknown) > 5 else "")
        raise UnknownTermError(
            f"terms: {shown} {'occurs' if len(unknown) == 1 else 'occur'} in {where}. "
            "Check the spelling and the case (framelab.words(text, lower=True) gives lower case)."
        )
    return np.sort(np.asarray([position[term] for term in wanted], dtype=np.int64))


def _keyness_table(
    matrix: _Matrix,
    target: np.ndarray,
    reference: np.ndarray,
    columns: np.ndarray,
    *,
    min_freq: int,
    explicit_terms: bool,
    smoothing: float,
    prior_scale: float,
    min_expected: float,
) -> pd.DataFrame:
    """Keyness of rows ``target`` vs ``reference`` (arrays documents x terms, same shape)."""
    if len(matrix.terms) < 2:
        raise CompareError(
            "Keyness needs at least two different words across the articles: with one word, "
            "nothing else can be more or less frequent."
        )
    n_target = target.sum(axis=1, keepdims=True)
    n_reference = reference.sum(axis=1, keepdims=True)
    a, b = target[:, columns], reference[:, columns]
    measures = _keyness_arrays(a, b, n_target, n_reference, smoothing=smoothing, prior_scale=prior_scale)
    frequent = (a + b) >= min_freq
    thin = (measures.pop("min_expected") < min_expected) | ~frequent
    keep = np.ones_like(frequent) if explicit_terms else frequent

    # Per document: g2 descending, ties in term order (columns are sorted terms,
    # and the sort is stable); rows left out by min_freq go last, then are dropped.
    key = np.where(keep, -measures["g2"], np.inf)
    order = np.argsort(key, axis=1, kind="stable")
    kept = np.take_along_axis(keep, order, axis=1).ravel()
    rows = np.repeat(np.arange(a.shape[0]), a.shape[1])[kept]
    cols = order.ravel()[kept]
    table = pd.DataFrame(
        {
            "term": matrix.terms[columns][cols],
            "count_target": a[rows, cols].astype(np.int64),
            "count_reference": b[rows, cols].astype(np.int64),
            **{name: values[rows, cols] for name, values in measures.items()},
            "thin_evidence": thin[rows, cols],
        },
        columns=list(KEYNESS_COLUMNS),
    )
    table.insert(0, "_row", rows)
    return table


def keyness(
    target: Document,
    reference: Document,
    min_freq: int = 1,
    terms: Iterable[str] | None = None,
    *,
    smoothing: float = SMOOTHING,
    prior_scale: float = 1.0,
    min_expected: float = MIN_EXPECTED,
) -> pd.DataFrame:
    """Which words are key to ``target`` compared with ``reference``: one row per term.

    ``target`` and ``reference`` are word counts (or token lists). Columns: see
    :data:`KEYNESS_COLUMNS` and the module docstring for the formulas.
    ``g2``, ``log_ratio`` and ``log_odds_z`` are positive for words used
    relatively more in the target. Rows are sorted by ``g2`` (highest first),
    then alphabetically by term.

    * ``min_freq``: list only terms used at least this often in target and
      reference together.
    * ``terms``: list exactly these terms (each must occur in target or
      reference); those below ``min_freq`` are kept but flagged as thin.
    * ``thin_evidence`` is True when the term's smaller expected count is below
      ``min_expected`` (5 by default, the usual rule of thumb for G²'s p-value),
      or its total is below ``min_freq``: read its scores with caution.
    * ``smoothing``: N of the log ratio, in tokens per 1,000, added to both
      relative frequencies before their ratio (:data:`SMOOTHING`, Kilgarriff
      2009); larger values favour frequent words, smaller values rare ones.
    * ``prior_scale``: the Dirichlet prior of a term is ``prior_scale`` times
      its pooled count; larger values shrink the log-odds of rare words harder.

    >>> table = keyness({"troops": 30, "nato": 5, "the": 65}, {"troops": 10, "nato": 25, "the": 65}, terms=["nato"])
    >>> row = table.iloc[0]
    >>> [round(float(row[name]), 3) for name in ("g2", "log_ratio", "log_odds_z")]
    [-16.914, -2.299, -2.453]
    >>> f"{row.p_value:.1e}", bool(row.thin_evidence)
    ('3.9e-05', False)
    """
    _check_options(min_freq, smoothing, prior_scale, min_expected)
    matrix = _matrix({"target": target, "reference": reference}, "target and reference")
    columns = _term_columns(matrix, terms, "neither the target nor the reference")
    table = _keyness_table(
        matrix,
        matrix.counts[:1],
        matrix.counts[1:],
        columns,
        min_freq=min_freq,
        explicit_terms=terms is not None,
        smoothing=smoothing,
        prior_scale=prior_scale,
        min_expected=min_expected,
    )
    return table.drop(columns="_row")


def one_vs_rest(
    counts_by_article: Mapping[str, Document],
    min_freq: int = 1,
    terms: Iterable[str] | None = None,
    *,
    smoothing: float = SMOOTHING,
    prior_scale: float = 1.0,
    min_expected: float = MIN_EXPECTED,
) -> pd.DataFrame:
    """Keyness of every article against all the other articles pooled, as one long table.

    Same columns as :func:`keyness` with ``article`` in front; articles in the
    order given, each one's rows sorted like :func:`keyness`. Select one article
    with ``table[table.article == "004"]``. The whole corpus is computed in one
    pass over the document x term matrix, so a thousand articles take well
    under a second.

    >>> table = one_vs_rest({"A": ["us", "troops", "us"], "B": ["nato", "troops"], "C": ["us", "nato"]})
    >>> table[["article", "term", "count_target", "count_reference"]].head(3)
      article    term  count_target  count_reference
    0       A      us             2                1
    1       A  troops             1                1
    2       A    nato             0                2
    """
    _check_options(min_freq, smoothing, prior_scale, min_expected)
    matrix = _matrix(counts_by_article, "counts_by_article")
    _need_two(matrix, "One-vs-rest keyness")
    columns = _term_columns(matrix, terms, "none of the articles")
    reference = matrix.counts.sum(axis=0, keepdims=True) - matrix.counts
    table = _keyness_table(
        matrix,
        matrix.counts,
        reference,
        columns,
        min_freq=min_freq,
        explicit_terms=terms is not None,
        smoothing=smoothing,
        prior_scale=prior_scale,
        min_expected=min_expected,
    )
    table.insert(0, "article", np.asarray(matrix.labels, dtype=object)[table.pop("_row").to_numpy()])
    return table
