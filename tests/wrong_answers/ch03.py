"""Wrong answers to exercises 03 · Counting and normalizing."""

SLUG = "03-counting"

_WINDOW = '''
def least_varied_window(tokens, window):
    if window < 1 or window > len(tokens):
        raise ValueError("no window")
    best_start, best_ttr = 0, 2.0
    for start in range(len(tokens) - window + 1):
        ttr = len(set(tokens[start : start + window])) / window
        if ttr < best_ttr:
            best_start, best_ttr = start, ttr
    return best_start, best_ttr
'''

WRONG = {
    "task1": [
        ("wrong rule", '''
def top_words(tokens, n, stop_words):
    return FreqDist(t for t in tokens if t not in stop_words).most_common(n)
'''),
        ("wrong rule", '''
def top_words(tokens, n, stop_words):
    return FreqDist(tokens).most_common(n)
'''),
        ("off-by-one", '''
def top_words(tokens, n, stop_words):
    counts = FreqDist(t for t in tokens if t not in stop_words)
    return sorted(counts.items(), key=lambda item: (-item[1], item[0]))[:n - 1]
'''),
        ("wrong type", '''
def top_words(tokens, n, stop_words):
    counts = FreqDist(t for t in tokens if t not in stop_words)
    return [[w, c] for w, c in sorted(counts.items(), key=lambda item: (-item[1], item[0]))[:n]]
'''),
        ("wrong rule", '''
def top_words(tokens, n, stop_words):
    counts = FreqDist(t for t in tokens if t not in stop_words)
    return sorted(counts.items(), key=lambda item: (item[1], item[0]), reverse=True)[:n]
'''),
        ("edge case", '''
def top_words(tokens, n, stop_words):
    counts = sorted(FreqDist(t for t in tokens if t not in stop_words).items(), key=lambda item: (-item[1], item[0]))
    return [counts[i] for i in range(n)]
'''),
    ],
    "task2": [
        ("edge case", '''
def porter_groups(words):
    stemmer = PorterStemmer()
    groups = {}
    for word in words:
        groups.setdefault(stemmer.stem(word), []).append(word)
    return {stem: sorted(group) for stem, group in groups.items() if len(group) > 1}
'''),
        ("wrong rule", '''
def porter_groups(words):
    stemmer = PorterStemmer()
    groups = {}
    for word in set(words):
        groups.setdefault(stemmer.stem(word), set()).add(word)
    return {stem: sorted(group) for stem, group in groups.items()}
'''),
        ("wrong rule", '''
def porter_groups(words):
    stemmer = PorterStemmer()
    groups = {}
    for word in dict.fromkeys(words):
        groups.setdefault(stemmer.stem(word), []).append(word)
    return {stem: group for stem, group in groups.items() if len(group) > 1}
'''),
        ("wrong type", '''
def porter_groups(words):
    stemmer = PorterStemmer()
    groups = {}
    for word in set(words):
        groups.setdefault(stemmer.stem(word), set()).add(word)
    return {stem: group for stem, group in groups.items() if len(group) > 1}
'''),
        ("wrong rule", '''
from nltk.stem import SnowballStemmer
def porter_groups(words):
    stemmer = SnowballStemmer("english")
    groups = {}
    for word in set(words):
        groups.setdefault(stemmer.stem(word), set()).add(word)
    return {stem: sorted(group) for stem, group in groups.items() if len(group) > 1}
'''),
        ("off-by-one", '''
def porter_groups(words):
    stemmer = PorterStemmer()
    groups = {}
    for word in set(words):
        groups.setdefault(stemmer.stem(word), set()).add(word)
    return {stem: sorted(group) for stem, group in groups.items() if len(group) > 2}
'''),
    ],
    "task3": [
        ("edge case", '''
def ttr_first_n(tokens, n):
    return len(set(tokens[:n])) / n
'''),
        ("off-by-one", '''
def ttr_first_n(tokens, n):
    first = tokens[:n + 1]
    return len(set(first)) / len(first)
'''),
        ("wrong type", '''
def ttr_first_n(tokens, n):
    first = tokens[:n]
    return len(set(first)) // len(first)
'''),
        ("wrong rule", '''
def ttr_first_n(tokens, n):
    return len(set(tokens)) / len(tokens)
'''),
        ("wrong rule", '''
def ttr_first_n(tokens, n):
    first = tokens[:n]
    return round(len(set(first)) / len(first), 2)
'''),
        ("wrong rule", '''
def ttr_first_n(tokens, n):
    first = tokens[-n:]
    return len(set(first)) / len(first)
'''),
    ],
    "task4": [
        ("wrong rule", '''
def hapax_share(tokens):
    if not tokens:
        return 0.0
    return len(FreqDist(tokens).hapaxes()) / len(tokens)
'''),
        ("edge case", '''
def hapax_share(tokens):
    counts = FreqDist(tokens)
    return len(counts.hapaxes()) / len(counts)
'''),
        ("wrong type", '''
def hapax_share(tokens):
    if not tokens:
        return 0
    counts = FreqDist(tokens)
    return len(counts.hapaxes()) / len(counts)
'''),
        ("off-by-one", '''
def hapax_share(tokens):
    if not tokens:
        return 0.0
    counts = FreqDist(tokens)
    return sum(1 for c in counts.values() if c <= 2) / len(counts)
'''),
        ("wrong rule", '''
def hapax_share(tokens):
    if not tokens:
        return 0.0
    counts = FreqDist(tokens)
    return 1 - len(counts.hapaxes()) / len(counts)
'''),
    ],
    "task5": [
        ("wrong rule", _WINDOW.replace("range(len(tokens) - window + 1)", "range(0, len(tokens) - window + 1, window)")),
        ("off-by-one", _WINDOW.replace("range(len(tokens) - window + 1)", "range(len(tokens) - window)")),
        ("wrong rule", _WINDOW.replace("best_start, best_ttr = 0, 2.0", "best_start, best_ttr = 0, -1.0").replace(
            "if ttr < best_ttr:", "if ttr > best_ttr:")),
        ("edge case", _WINDOW.replace("if ttr < best_ttr:", "if ttr <= best_ttr:")),
        ("edge case", _WINDOW.replace("""    if window < 1 or window > len(tokens):
        raise ValueError("no window")
""", "")),
        ("wrong type", _WINDOW.replace("return best_start, best_ttr", "return best_ttr")),
        ("wrong rule", _WINDOW.replace("ttr = len(set(tokens[start : start + window])) / window",
                                       "ttr = len(set(tokens[start : start + window])) / len(tokens)")),
        ("edge case", _WINDOW.replace("range(len(tokens) - window + 1)", "range(len(tokens))").replace(
            "/ window", "/ len(tokens[start : start + window])")),
    ],
    "task6": [
        ("wrong rule", '''
def best_collocations(sentences, min_freq, n=5):
    finder = BigramCollocationFinder.from_words([w for s in sentences for w in s])
    finder.apply_freq_filter(min_freq)
    return finder.nbest(BigramAssocMeasures.pmi, n)
'''),
        ("edge case", '''
def best_collocations(sentences, min_freq, n=5):
    finder = BigramCollocationFinder.from_documents(sentences)
    return finder.nbest(BigramAssocMeasures.pmi, n)
'''),
        ("wrong rule", '''
def best_collocations(sentences, min_freq, n=5):
    finder = BigramCollocationFinder.from_documents(sentences)
    finder.apply_freq_filter(min_freq)
    return finder.nbest(BigramAssocMeasures.raw_freq, n)
'''),
        ("wrong type", '''
def best_collocations(sentences, min_freq, n=5):
    finder = BigramCollocationFinder.from_documents(sentences)
    finder.apply_freq_filter(min_freq)
    return [" ".join(pair) for pair in finder.nbest(BigramAssocMeasures.pmi, n)]
'''),
        ("off-by-one", '''
def best_collocations(sentences, min_freq, n=5):
    finder = BigramCollocationFinder.from_documents(sentences)
    finder.apply_freq_filter(min_freq + 1)
    return finder.nbest(BigramAssocMeasures.pmi, n)
'''),
        ("wrong rule", '''
def best_collocations(sentences, min_freq, n=5):
    finder = BigramCollocationFinder.from_documents(sentences)
    finder.apply_freq_filter(min_freq)
    scored = finder.score_ngrams(BigramAssocMeasures.pmi)
    return [pair for pair, _ in sorted(scored, key=lambda item: -item[1], reverse=False)][-n:][::-1]
'''),
    ],
}
