"""Wrong answers to exercises 07 · Framing."""

SLUG = "07-framing"

_LONGEST = '''
def find_terms(tokens, lexicon):
    terms = {tuple(term.split()): term for term in lexicon}
    lengths = sorted({len(key) for key in terms}, reverse=True)
    found, position = [], 0
    while position < len(tokens):
        for length in lengths:
            key = tuple(tokens[position : position + length])
            if len(key) == length and key in terms:
                found.append(terms[key])
                position += length
                break
        else:
            position += 1
    return found
'''

WRONG = {
    "task1": [
        ("edge case", '''
def rate_per_1000(matches, n_words):
    return matches * 1000 / n_words
'''),
        ("wrong type", '''
def rate_per_1000(matches, n_words):
    if n_words <= 0:
        raise ValueError("no words")
    return matches * 1000 // n_words
'''),
        ("wrong rule", '''
def rate_per_1000(matches, n_words):
    if n_words <= 0:
        raise ValueError("no words")
    return matches / n_words
'''),
        ("off-by-one", '''
def rate_per_1000(matches, n_words):
    if n_words == 0:
        raise ValueError("no words")
    return matches * 1000 / n_words
'''),
        ("wrong rule", '''
def rate_per_1000(matches, n_words):
    if n_words <= 0:
        raise ValueError("no words")
    return matches * 100 / n_words
'''),
        ("wrong rule", '''
def rate_per_1000(matches, n_words):
    if n_words <= 0:
        raise ValueError("no words")
    return round(matches * 1000 / n_words, 2)
'''),
        ("edge case", '''
def rate_per_1000(matches, n_words):
    if n_words <= 0:
        return 0.0
    return matches * 1000 / n_words
'''),
    ],
    "task2": [
        ("wrong rule", _LONGEST.replace("reverse=True", "reverse=False")),
        ("wrong rule", '''
def find_terms(tokens, lexicon):
    terms = {tuple(term.split()): term for term in lexicon}
    lengths = sorted({len(key) for key in terms}, reverse=True)
    found = []
    for position in range(len(tokens)):
        for length in lengths:
            key = tuple(tokens[position : position + length])
            if len(key) == length and key in terms:
                found.append(terms[key])
                break
    return found
'''),
        ("wrong rule", '''
def find_terms(tokens, lexicon):
    text = " ".join(tokens)
    return [term for term in sorted(lexicon, key=len, reverse=True) if term in text]
'''),
        ("off-by-one", _LONGEST.replace("while position < len(tokens):", "while position < len(tokens) - 1:")),
        ("shortcut", '''
def find_terms(tokens, lexicon):
    return [term for _, term, _ in frames.match_terms(tokens, lexicon)]
'''),
        ("wrong type", _LONGEST.replace("found.append(terms[key])", "found.append(lexicon[terms[key]])")),
        ("wrong rule", _LONGEST.replace("return found", "return sorted(found)")),
        ("edge case", _LONGEST.replace("if len(key) == length and key in terms:",
                                       "if position + length < len(tokens) and key in terms:")),
    ],
    "task3": [
        ("wrong rule", '''
def frame_profile(text, lexicon):
    counts = {category: 0 for category in lexicon.values()}
    tokens = words(text, lower=True)
    for term in find_terms(tokens, lexicon):
        counts[lexicon[term]] += 1
    return {category: rate_per_1000(count, len(tokens)) for category, count in counts.items()}
'''),
        ("edge case", '''
def frame_profile(text, lexicon):
    counts, n_words = {}, 0
    for sentence in split_sentences(text):
        tokens = words(sentence, lower=True)
        n_words += len(tokens)
        for term in find_terms(tokens, lexicon):
            counts[lexicon[term]] = counts.get(lexicon[term], 0) + 1
    return {category: rate_per_1000(count, n_words) for category, count in counts.items()}
'''),
        ("wrong rule", '''
def frame_profile(text, lexicon):
    counts = {category: 0 for category in lexicon.values()}
    n_words = 0
    for sentence in split_sentences(text):
        tokens = words(sentence, lower=True)
        n_words = len(tokens)
        for term in find_terms(tokens, lexicon):
            counts[lexicon[term]] += 1
    return {category: rate_per_1000(count, n_words) for category, count in counts.items()}
'''),
        ("wrong type", '''
def frame_profile(text, lexicon):
    counts = {category: 0 for category in lexicon.values()}
    for sentence in split_sentences(text):
        for term in find_terms(words(sentence, lower=True), lexicon):
            counts[lexicon[term]] += 1
    return counts
'''),
        ("wrong rule", '''
def frame_profile(text, lexicon):
    counts = {category: 0 for category in lexicon.values()}
    n_words = 0
    for sentence in split_sentences(text):
        tokens = words(sentence)
        n_words += len(tokens)
        for term in find_terms(tokens, lexicon):
            counts[lexicon[term]] += 1
    return {category: rate_per_1000(count, n_words) for category, count in counts.items()}
'''),
        ("wrong rule", '''
def frame_profile(text, lexicon):
    counts = {category: 0 for category in lexicon.values()}
    n_words = 0
    for sentence in split_sentences(text):
        tokens = sentence.lower().split()
        n_words += len(tokens)
        for term in find_terms(tokens, lexicon):
            counts[lexicon[term]] += 1
    return {category: rate_per_1000(count, n_words) for category, count in counts.items()}
'''),
    ],
    "task4": [
        ("wrong rule", '''
def hedged_sentences(text, lexicon):
    return [s for s in split_sentences(text) if find_terms(words(s, lower=True), lexicon)]
'''),
        ("wrong rule", '''
def hedged_sentences(text, lexicon):
    return [s for s in split_sentences(text) if any(lexicon[t] == "hedge" for t in find_terms(words(s), lexicon))]
'''),
        ("wrong type", '''
def hedged_sentences(text, lexicon):
    return [s.lower() for s in split_sentences(text)
            if any(lexicon[t] == "hedge" for t in find_terms(words(s, lower=True), lexicon))]
'''),
        ("wrong rule", '''
def hedged_sentences(text, lexicon):
    return [s for s in split_sentences(text)
            if any(kind == "hedge" and term in s.lower() for term, kind in lexicon.items())]
'''),
        ("wrong type", '''
def hedged_sentences(text, lexicon):
    return [i for i, s in enumerate(split_sentences(text))
            if any(lexicon[t] == "hedge" for t in find_terms(words(s, lower=True), lexicon))]
'''),
        ("wrong rule", '''
def hedged_sentences(text, lexicon):
    return [s.strip() + ("" if s.strip().endswith(".") else ".") for s in text.split(". ")
            if any(lexicon[t] == "hedge" for t in find_terms(words(s, lower=True), lexicon))]
'''),
        ("edge case", '''
def hedged_sentences(text, lexicon):
    kept = []
    for s in split_sentences(text):
        terms = find_terms(words(s, lower=True), lexicon)
        if terms and lexicon[terms[0]] == "hedge":
            kept.append(s)
    return kept
'''),
    ],
    "task5": [
        ("wrong rule", '''
def most_negative(sentences):
    if not sentences:
        return ("", 0.0)
    scored = [(s, vader.polarity_scores(s)["compound"]) for s in sentences]
    return min(scored, key=lambda pair: pair[1])
'''),
        ("wrong rule", '''
def most_negative(sentences):
    if not sentences:
        return ("", 0.0)
    plain = [s.replace("“", '"').replace("”", '"').replace("‘", "'").replace("’", "'") for s in sentences]
    scored = [(s, vader.polarity_scores(s)["compound"]) for s in plain]
    return min(scored, key=lambda pair: pair[1])
'''),
        ("edge case", '''
def most_negative(sentences):
    best, best_score = "", 0.0
    for index, sentence in enumerate(sentences):
        plain = sentence.replace("“", '"').replace("”", '"').replace("‘", "'").replace("’", "'")
        score = vader.polarity_scores(plain)["compound"]
        if index == 0 or score <= best_score:
            best, best_score = sentence, score
    return best, best_score
'''),
        ("edge case", '''
def most_negative(sentences):
    scored = [(s, vader.polarity_scores(s.replace("“", '"').replace("”", '"').replace("‘", "'").replace("’", "'"))["compound"])
              for s in sentences]
    return min(scored, key=lambda pair: pair[1])
'''),
        ("wrong rule", '''
def most_negative(sentences):
    if not sentences:
        return ("", 0.0)
    scored = [(s, vader.polarity_scores(s.replace("“", '"').replace("”", '"').replace("‘", "'").replace("’", "'"))["compound"])
              for s in sentences]
    return max(scored, key=lambda pair: pair[1])
'''),
        ("wrong rule", '''
def most_negative(sentences):
    if not sentences:
        return ("", 0.0)
    scored = [(s, vader.polarity_scores(s.replace("“", '"').replace("”", '"').replace("‘", "'").replace("’", "'"))["neg"])
              for s in sentences]
    return max(scored, key=lambda pair: pair[1])
'''),
        ("wrong type", '''
def most_negative(sentences):
    if not sentences:
        return ["", 0.0]
    scored = [[s, vader.polarity_scores(s.replace("“", '"').replace("”", '"').replace("‘", "'").replace("’", "'"))["compound"]]
              for s in sentences]
    return min(scored, key=lambda pair: pair[1])
'''),
        ("edge case", '''
def most_negative(sentences):
    if not sentences:
        return ("", 0.0)
    scored = [(s, vader.polarity_scores(s.replace("“", '"').replace("”", '"'))["compound"]) for s in sentences]
    return min(scored, key=lambda pair: pair[1])
'''),
    ],
    "task6": [
        ("wrong rule", '''
def kwic(text, term, width):
    pattern = r"\\s+".join(re.escape(w) for w in term.split())
    flat = lambda s: re.sub(r"\\s", " ", s)
    return [(flat(text[max(0, m.start() - width):m.start()]), flat(m.group(0)), flat(text[m.end():m.end() + width]))
            for m in re.finditer(pattern, text, flags=re.IGNORECASE)]
'''),
        ("wrong rule", '''
def kwic(text, term, width):
    pattern = r"(?<!\\w)" + r"\\s+".join(re.escape(w) for w in term.split()) + r"(?!\\w)"
    flat = lambda s: re.sub(r"\\s+", " ", s)
    return [(flat(text[max(0, m.start() - width):m.start()]), flat(m.group(0)), flat(text[m.end():m.end() + width]))
            for m in re.finditer(pattern, text, flags=re.IGNORECASE)]
'''),
        ("wrong rule", '''
def kwic(text, term, width):
    pattern = r"(?<!\\w)" + r"\\s+".join(re.escape(w) for w in term.split()) + r"(?!\\w)"
    flat = lambda s: re.sub(r"\\s", " ", s)
    return [(flat(text[max(0, m.start() - width):m.start()]), flat(m.group(0)), flat(text[m.end():m.end() + width]))
            for m in re.finditer(pattern, text)]
'''),
        ("wrong rule", '''
def kwic(text, term, width):
    pattern = r"(?<!\\w)" + re.escape(term) + r"(?!\\w)"
    flat = lambda s: re.sub(r"\\s", " ", s)
    return [(flat(text[max(0, m.start() - width):m.start()]), flat(m.group(0)), flat(text[m.end():m.end() + width]))
            for m in re.finditer(pattern, text, flags=re.IGNORECASE)]
'''),
        ("off-by-one", '''
def kwic(text, term, width):
    pattern = r"(?<!\\w)" + r"\\s+".join(re.escape(w) for w in term.split()) + r"(?!\\w)"
    flat = lambda s: re.sub(r"\\s", " ", s)
    return [(flat(text[m.start() - width:m.start()]), flat(m.group(0)), flat(text[m.end():m.end() + width]))
            for m in re.finditer(pattern, text, flags=re.IGNORECASE)]
'''),
        ("edge case", '''
def kwic(text, term, width):
    pattern = r"(?<!\\w)" + r"\\s+".join(re.escape(w) for w in term.split()) + r"(?!\\w)"
    flat = lambda s: re.sub(r"\\s", " ", s)
    return [(text[max(0, m.start() - width):m.start()], flat(m.group(0)), text[m.end():m.end() + width])
            for m in re.finditer(pattern, text, flags=re.IGNORECASE)]
'''),
        ("shortcut", '''
from types import SimpleNamespace
def kwic(text, term, width):
    table = frames.concordance([SimpleNamespace(id="x", label="x", body=text)], term, width=width)
    return list(table[["left", "match", "right"]].itertuples(index=False, name=None))
'''),
        ("wrong type", '''
def kwic(text, term, width):
    pattern = r"(?<!\\w)" + r"\\s+".join(re.escape(w) for w in term.split()) + r"(?!\\w)"
    flat = lambda s: re.sub(r"\\s", " ", s)
    return [flat(text[max(0, m.start() - width):m.end() + width]) for m in re.finditer(pattern, text, flags=re.IGNORECASE)]
'''),
    ],
}
