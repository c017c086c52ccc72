"""Wrong answers to exercises 05 · Tracing shared text."""

from .edits import swap

SLUG = "05-shared-text"

_BEST = '''
def best_match(sentence, candidates):
    stop = stop_words()

    def content(text):
        return [w for w in words(text, lower=True) if w not in stop]

    mine = content(sentence)
    best_index, best_score = -1, -1.0
    for index, candidate in enumerate(candidates):
        theirs = content(candidate)
        score = difflib.SequenceMatcher(None, mine, theirs, autojunk=False).ratio() if mine and theirs else 0.0
        if score > best_score:
            best_index, best_score = index, score
    return (best_index, best_score) if candidates else (-1, 0.0)
'''

_QUOTES = """
def quoted_passages(text):
    found = []
    pattern = r'“((?:[^“”\\n]|\\n(?!\\s*\\n))*)”|"((?:[^"\\n]|\\n(?!\\s*\\n))*)"'
    for match in re.finditer(pattern, text):
        passage = match.group(1) if match.group(1) is not None else match.group(2)
        passage = re.sub(r"\\s*\\n\\s*", " ", passage).strip()
        if passage:
            found.append(passage)
    return found
"""


WRONG = {
    "task1": [
        ("wrong type", '''
def word_shingles(tokens, n):
    return list(ngrams(tokens, n))
'''),
        ("wrong type", '''
def word_shingles(tokens, n):
    return {" ".join(gram) for gram in ngrams(tokens, n)}
'''),
        ("off-by-one", '''
def word_shingles(tokens, n):
    return {tuple(tokens[i:i + n]) for i in range(len(tokens) - n)}
'''),
        ("edge case", '''
def word_shingles(tokens, n):
    return {tuple(tokens[i:i + n]) for i in range(len(tokens))}
'''),
        ("wrong rule", '''
def word_shingles(tokens, n):
    return set(ngrams(" ".join(tokens), n))
'''),
        ("wrong type", '''
from collections import Counter
def word_shingles(tokens, n):
    return Counter(ngrams(tokens, n))
'''),
    ],
    "task2": [
        ("edge case", '''
def shingle_jaccard(a_tokens, b_tokens, n):
    a, b = word_shingles(a_tokens, n), word_shingles(b_tokens, n)
    return len(a & b) / len(a | b)
'''),
        ("wrong rule", '''
def shingle_jaccard(a_tokens, b_tokens, n):
    a, b = list(ngrams(a_tokens, n)), list(ngrams(b_tokens, n))
    if not a and not b:
        return 0.0
    shared = [s for s in a if s in b]
    return len(shared) / (len(a) + len(b) - len(shared))
'''),
        ("wrong rule", '''
def shingle_jaccard(a_tokens, b_tokens, n):
    a, b = word_shingles(a_tokens, n), word_shingles(b_tokens, n)
    if not a or not b:
        return 0.0
    return len(a & b) / min(len(a), len(b))
'''),
        ("wrong type", '''
from fractions import Fraction
def shingle_jaccard(a_tokens, b_tokens, n):
    a, b = word_shingles(a_tokens, n), word_shingles(b_tokens, n)
    if not a | b:
        return 0.0
    return Fraction(len(a & b), len(a | b))
'''),
        ("edge case", '''
def shingle_jaccard(a_tokens, b_tokens, n):
    a, b = word_shingles(a_tokens, n), word_shingles(b_tokens, n)
    if not a | b:
        return 1.0
    return len(a & b) / len(a | b)
'''),
        ("wrong rule", '''
def shingle_jaccard(a_tokens, b_tokens, n):
    a, b = word_shingles(a_tokens, n), word_shingles(b_tokens, n)
    if not a | b:
        return 0.0
    return len(a & b) / (len(a) + len(b))
'''),
    ],
    "task3": [
        ("wrong rule", '''
def longest_shared(a_tokens, b_tokens):
    m = difflib.SequenceMatcher(None, a_tokens, b_tokens).find_longest_match()
    return (m.a, m.b, m.size)
'''),
        ("wrong rule", '''
def longest_shared(a_tokens, b_tokens):
    m = difflib.SequenceMatcher(None, a_tokens, b_tokens, autojunk=False).find_longest_match()
    return (m.a, m.b, m.a + m.size)
'''),
        ("wrong type", '''
def longest_shared(a_tokens, b_tokens):
    m = difflib.SequenceMatcher(None, a_tokens, b_tokens, autojunk=False).find_longest_match()
    return [m.a, m.b, m.size]
'''),
        ("wrong rule", '''
def longest_shared(a_tokens, b_tokens):
    m = difflib.SequenceMatcher(None, a_tokens, b_tokens, autojunk=False).find_longest_match()
    return (m.b, m.a, m.size)
'''),
        ("wrong rule", '''
def longest_shared(a_tokens, b_tokens):
    m = difflib.SequenceMatcher(None, a_tokens, b_tokens, autojunk=False).get_matching_blocks()[0]
    return (m.a, m.b, m.size)
'''),
        ("edge case", '''
def longest_shared(a_tokens, b_tokens):
    m = difflib.SequenceMatcher(None, a_tokens, b_tokens, autojunk=False).find_longest_match()
    return (m.a, m.b, m.size) if m.size else None
'''),
    ],
    "task4": [
        ("wrong rule", '''
def word_edit_distance(a, b):
    return nltk.edit_distance(a.lower(), b.lower())
'''),
        ("edge case", '''
def word_edit_distance(a, b):
    return nltk.edit_distance(words(a), words(b))
'''),
        ("wrong rule", '''
def word_edit_distance(a, b):
    return nltk.edit_distance(a.lower().split(), b.lower().split())
'''),
        ("wrong type", '''
def word_edit_distance(a, b):
    return float(nltk.edit_distance(words(a, lower=True), words(b, lower=True)))
'''),
        ("wrong rule", '''
def word_edit_distance(a, b):
    return nltk.edit_distance(words(a, lower=True), words(b, lower=True), substitution_cost=2)
'''),
        ("wrong rule", '''
def word_edit_distance(a, b):
    return abs(len(words(a, lower=True)) - len(words(b, lower=True)))
'''),
    ],
    "task5": [
        ("edge case", swap(_QUOTES, """|"((?:[^"\\n]|\\n(?!\\s*\\n))*)\"""", "")),
        ("edge case", swap(_QUOTES, """passage = re.sub(r"\\s*\\n\\s*", " ", passage).strip()""", "")),
        ("wrong rule", swap(_QUOTES, """“((?:[^“”\\n]|\\n(?!\\s*\\n))*)”""", "“([^“”]*)”")),
        ("edge case", swap(_QUOTES, "        if passage:\n            found.append(passage)", "        found.append(passage)")),
        ("wrong rule", """
def quoted_passages(text):
    curly = re.findall(r'“((?:[^“”\\n]|\\n(?!\\s*\\n))*)”', text)
    straight = re.findall(r'"((?:[^"\\n]|\\n(?!\\s*\\n))*)"', text)
    return [re.sub(r"\\s*\\n\\s*", " ", p).strip() for p in curly + straight if p.strip()]
"""),
        ("off-by-one", swap(_QUOTES, """“((?:[^“”\\n]|\\n(?!\\s*\\n))*)”""", "“([^“”\\n]*)”")),
        ("wrong type", swap(_QUOTES, "found.append(passage)", "found.append(match.group(0))")),
    ],
    "task6": [
        ("wrong rule", swap(_BEST, "if w not in stop]", "]")),
        ("edge case", swap(_BEST, "if score > best_score:", "if score >= best_score:")),
        ("edge case", swap(_BEST, "return (best_index, best_score) if candidates else (-1, 0.0)", "return best_index, best_score")),
        ("off-by-one", swap(_BEST, "enumerate(candidates)", "enumerate(candidates, 1)")),
        ("wrong rule", swap(_BEST, "difflib.SequenceMatcher(None, mine, theirs, autojunk=False)",
                             'difflib.SequenceMatcher(None, " ".join(mine), " ".join(theirs), autojunk=False)')),
        ("wrong type", swap(_BEST, "best_index, best_score = index, score", "best_index, best_score = candidate, score")),
        ("edge case", swap(_BEST, ".ratio() if mine and theirs else 0.0", ".ratio()")),
    ],
}
