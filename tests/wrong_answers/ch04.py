"""Wrong answers to exercises 04 · Comparing vocabularies."""

from .edits import swap

SLUG = "04-comparing"

_G2 = '''
def g2(a, b, c, d):
    n = a + b + c + d
    cells = [
        (a, (a + b) * (a + c) / n),
        (b, (a + b) * (b + d) / n),
        (c, (c + d) * (a + c) / n),
        (d, (c + d) * (b + d) / n),
    ]
    return 2 * sum(observed * math.log(observed / expected) for observed, expected in cells if observed > 0)
'''

_COSINE = '''
def cosine(u, v):
    dot = sum(count * v.get(word, 0) for word, count in u.items())
    norm_u = math.sqrt(sum(count * count for count in u.values()))
    norm_v = math.sqrt(sum(count * count for count in v.values()))
    if norm_u == 0 or norm_v == 0:
        return 0.0
    return dot / (norm_u * norm_v)
'''

_TFIDF = '''
def tfidf_weights(counts_by_article):
    n_articles = len(counts_by_article)
    document_frequency = Counter(
        word for article_counts in counts_by_article.values() for word, count in article_counts.items() if count > 0
    )
    weights = {}
    for label, article_counts in counts_by_article.items():
        total = sum(article_counts.values())
        weights[label] = {
            word: count / total * math.log(n_articles / document_frequency[word])
            for word, count in article_counts.items()
            if count > 0
        }
    return weights
'''


WRONG = {
    "task1": [
        ("edge case", '''
def per_thousand(count, total):
    return count * 1000 / total
'''),
        ("wrong type", '''
def per_thousand(count, total):
    if total == 0:
        raise ValueError("total is 0")
    return count * 1000 // total
'''),
        ("wrong rule", '''
def per_thousand(count, total):
    if total == 0:
        raise ValueError("total is 0")
    return count * 100 / total
'''),
        ("wrong rule", '''
def per_thousand(count, total):
    if total == 0:
        raise ValueError("total is 0")
    return count / total
'''),
        ("edge case", '''
def per_thousand(count, total):
    if total == 0:
        return 0.0
    return count * 1000 / total
'''),
        ("wrong rule", '''
def per_thousand(count, total):
    if total == 0:
        raise ValueError("total is 0")
    return round(count * 1000 / total, 2)
'''),
    ],
    "task2": [
        ("wrong rule", '''
def jaccard(a_tokens, b_tokens):
    if not a_tokens and not b_tokens:
        return 0.0
    shared = [t for t in a_tokens if t in b_tokens]
    return len(shared) / (len(a_tokens) + len(b_tokens) - len(shared))
'''),
        ("edge case", '''
def jaccard(a_tokens, b_tokens):
    a, b = set(a_tokens), set(b_tokens)
    return len(a & b) / len(a | b)
'''),
        ("wrong rule", '''
def jaccard(a_tokens, b_tokens):
    a, b = set(a_tokens), set(b_tokens)
    if not a or not b:
        return 0.0
    return len(a & b) / min(len(a), len(b))
'''),
        ("wrong rule", '''
def jaccard(a_tokens, b_tokens):
    a, b = set(a_tokens), set(b_tokens)
    if not a | b:
        return 0.0
    return len(a & b) / (len(a) + len(b))
'''),
        ("wrong type", '''
from fractions import Fraction
def jaccard(a_tokens, b_tokens):
    a, b = set(a_tokens), set(b_tokens)
    if not a | b:
        return 0.0
    return Fraction(len(a & b), len(a | b))
'''),
        ("edge case", '''
def jaccard(a_tokens, b_tokens):
    a, b = set(a_tokens), set(b_tokens)
    if not a | b:
        return 1.0
    return len(a & b) / len(a | b)
'''),
    ],
    "task3": [
        ("wrong rule", '''
def log_ratio(a, b, n_target, n_reference, k=1.0):
    return math.log((a * 1000 / n_target + k) / (b * 1000 / n_reference + k))
'''),
        ("wrong rule", '''
def log_ratio(a, b, n_target, n_reference, k=1.0):
    return math.log2(((a + 0.5) / n_target) / ((b + 0.5) / n_reference))
'''),
        ("off-by-one", '''
def log_ratio(a, b, n_target, n_reference, k=1.0):
    return math.log2((a * 1000 / n_target + k) / (b * 1000 / n_reference + k + 1))
'''),
        ("edge case", '''
def log_ratio(a, b, n_target, n_reference, k=1.0):
    return math.log2((a * 1000 / n_target + 1) / (b * 1000 / n_reference + 1))
'''),
        ("wrong rule", '''
def log_ratio(a, b, n_target, n_reference, k=1.0):
    return math.log2((b * 1000 / n_reference + k) / (a * 1000 / n_target + k))
'''),
        ("wrong rule", '''
def log_ratio(a, b, n_target, n_reference, k=1.0):
    return math.log2((a + k) / (b + k))
'''),
    ],
    "task4": [
        ("wrong rule", swap(_G2, "math.log(observed / expected)", "math.log2(observed / expected)")),
        ("edge case", swap(_G2, " if observed > 0)", ")")),
        ("wrong rule", '''
def g2(a, b, c, d):
    n = a + b + c + d
    expected = (a + b) * (a + c) / n
    return 2 * a * math.log(a / expected) if a else 0.0
'''),
        ("off-by-one", swap(_G2, "return 2 * sum(", "return sum(")),
        ("wrong rule", swap(_G2, "return 2 * sum(observed * math.log(observed / expected) for observed, expected in cells if observed > 0)",
                             "value = 2 * sum(observed * math.log(observed / expected) for observed, expected in cells if observed > 0)\n"
                             "    return value if a / (a + c) >= b / (b + d) else -value")),
        ("wrong rule", swap(_G2, "(b, (a + b) * (b + d) / n)", "(b, (a + b) * (a + c) / n)")),
        ("wrong type", swap(_G2, "return 2 * sum(", "return round(2 * sum(").replace("if observed > 0)", "if observed > 0), 2)")),
    ],
    "task6": [
        ("edge case", swap(_COSINE, "    if norm_u == 0 or norm_v == 0:\n        return 0.0\n", "")),
        ("wrong rule", swap(_COSINE, "norm_v = math.sqrt(sum(count * count for count in v.values()))",
                             "norm_v = math.sqrt(sum(v.get(word, 0) ** 2 for word in u))")),
        ("wrong rule", swap(_COSINE, "return dot / (norm_u * norm_v)", "return dot / (sum(u.values()) * sum(v.values()))")),
        ("wrong rule", '''
def cosine(u, v):
    a, b = set(u), set(v)
    return len(a & b) / math.sqrt(len(a) * len(b)) if a and b else 0.0
'''),
        ("edge case", swap(_COSINE, "        return 0.0\n", "        return 1.0\n")),
        ("wrong type", swap(_COSINE, "return dot / (norm_u * norm_v)", "return round(dot / (norm_u * norm_v), 3)")),
    ],
    "task7": [
        ("wrong rule", swap(_TFIDF, "math.log(n_articles", "math.log10(n_articles")),
        ("wrong rule", swap(_TFIDF, "count / total * math.log", "count * math.log")),
        ("edge case", swap(_TFIDF, "            if count > 0\n", "            if count > 0 and document_frequency[word] < n_articles\n")),
        ("edge case", swap(_TFIDF, "for word, count in article_counts.items() if count > 0\n", "for word in article_counts\n")),
        ("wrong rule", swap(_TFIDF, "math.log(n_articles / document_frequency[word])", "math.log(1 + n_articles / document_frequency[word])")),
        ("off-by-one", swap(_TFIDF, "total = sum(article_counts.values())", "total = len(article_counts)")),
    ],
}
