"""Wrong answers to exercises 07 · Framing."""

from .edits import swap

SLUG = "07-framing"

# The lesson's longest-match rule (notebooks/07-framing.ipynb, section 3) returning terms: the answer to
# the exercise before wildcards, right on lexicons without a *, wrong with them.
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

# The lesson's find_terms copied unchanged: (position, term, dimension) tuples, no wildcards.
_LESSON_TERMS = '''
def find_terms(tokens, lexicon):
    by_length = {}
    for term, dimension in lexicon.items():
        by_length.setdefault(len(term.split()), {})[tuple(term.split())] = (term, dimension)
    found, position = [], 0
    while position < len(tokens):
        for length in sorted(by_length, reverse=True):
            hit = by_length[length].get(tuple(tokens[position : position + length]))
            if hit:
                found.append((position, *hit))
                position += length
                break
        else:
            position += 1
    return found
'''

_WILD = '''
def find_terms(tokens, lexicon):
    def matches(term, position):
        *exact, last = term.split()
        here = tokens[position : position + len(exact) + 1]
        if len(here) < len(exact) + 1 or here[:-1] != exact:
            return False
        return here[-1].startswith(last[:-1]) if last.endswith("*") else here[-1] == last

    def rank(term):
        return len(term.split()), len(term.replace("*", "")), not term.endswith("*")

    found, position = [], 0
    while position < len(tokens):
        candidates = [term for term in lexicon if matches(term, position)]
        if candidates:
            best = max(candidates, key=rank)
            found.append(best)
            position += len(best.split())
        else:
            position += 1
    return found
'''

_KWIC = '''
def kwic(text, term, width):
    pattern = r"(?<!\\w)" + r"\\s+".join(re.escape(word) for word in term.split()) + r"(?!\\w)"

    def flat(s):
        return re.sub(r"\\s", " ", s)

    return [
        (number, flat(sentence[max(0, m.start() - width) : m.start()]), flat(m.group(0)),
         flat(sentence[m.end() : m.end() + width]))
        for number, sentence in enumerate(split_sentences(text))
        for m in re.finditer(pattern, sentence, flags=re.IGNORECASE)
    ]
'''

# Matches over the whole text (as the lesson did), contexts cut with sentence_spans: LEFT and RIGHT say where.
_SPANS = '''
from framelab.text import sentence_spans


def kwic(text, term, width):
    pattern = r"(?<!\\w)" + r"\\s+".join(re.escape(word) for word in term.split()) + r"(?!\\w)"
    spans = sentence_spans(text)
    lines = []
    for m in re.finditer(pattern, text, flags=re.IGNORECASE):
        number = next(k for k, (a, b) in enumerate(spans) if a <= m.start() < b)
        a, b = spans[number]
        left = text[max(LEFT, m.start() - width) : m.start()]
        right = text[m.end() : min(RIGHT, m.end() + width)]
        lines.append((number, re.sub(r"\\s", " ", left), re.sub(r"\\s", " ", m.group(0)), re.sub(r"\\s", " ", right)))
    return lines
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
        ("shortcut", _LESSON_TERMS),
        ("shortcut", _LONGEST),
        ("wrong rule", swap(_WILD, "best = max(candidates, key=rank)", "best = max(candidates, key=lambda term: len(term.split()))")),
        ("wrong rule", swap(_WILD, "here[-1].startswith(last[:-1]) if", "(here[-1].startswith(last[:-1]) and here[-1] != last[:-1]) if")),
        ("wrong rule", swap(_WILD, "not term.endswith(\"*\")", "term.endswith(\"*\")")),
        ("wrong rule", swap(_WILD, "len(term.replace(\"*\", \"\")), not term.endswith(\"*\")", "len(term)")),
        ("wrong rule", swap(_WILD, "position += len(best.split())", "position += 1")),
        ("wrong rule", swap(_WILD, "here[-1].startswith(last[:-1]) if", "last[:-1] in here[-1] if")),
        ("wrong type", swap(_WILD, "found.append(best)", "found.append(lexicon[best])")),
        ("wrong rule", swap(_WILD, "found.append(best)", "found.append(best.rstrip(\"*\"))")),
        ("edge case", swap(_WILD, "here[-1].startswith(last[:-1]) if last.endswith(\"*\") else here[-1] == last",
                            "re.match(last.replace(\"*\", \".*\"), here[-1]) is not None")),
        ("edge case", '''
def find_terms(tokens, lexicon):
    def word_matches(word, token):
        return token.startswith(word[:-1]) if word.endswith("*") else token == word

    def matches(term, position):
        return all(word_matches(w, t) for w, t in zip(term.split(), tokens[position:]))

    found, position = [], 0
    while position < len(tokens):
        candidates = [t for t in lexicon if matches(t, position)]
        if candidates:
            best = max(candidates, key=lambda t: (len(t.split()), len(t.replace("*", "")), not t.endswith("*")))
            found.append(best)
            position += len(best.split())
        else:
            position += 1
    return found
'''),
        ("off-by-one", swap(_WILD, "while position < len(tokens):", "while position < len(tokens) - 1:")),
        ("shortcut", '''
def find_terms(tokens, lexicon):
    return [term for _, term, _ in frames.match_terms(tokens, lexicon)]
'''),
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
        ("shortcut", '''
def kwic(text, term, width):
    pattern = r"(?<!\\w)" + r"\\s+".join(re.escape(word) for word in term.split()) + r"(?!\\w)"

    def flat(s):
        return re.sub(r"\\s", " ", s)

    return [
        (flat(text[max(0, m.start() - width) : m.start()]), flat(m.group(0)), flat(text[m.end() : m.end() + width]))
        for m in re.finditer(pattern, text, flags=re.IGNORECASE)
    ]
'''),
        ("wrong rule", _SPANS.replace("LEFT", "0").replace("RIGHT", "len(text)")),
        ("wrong rule", _SPANS.replace("LEFT", "a").replace("RIGHT", "len(text)")),
        ("edge case", _SPANS.replace("LEFT", "a").replace("RIGHT", "b")),
        ("off-by-one", swap(_KWIC, "enumerate(split_sentences(text))", "enumerate(split_sentences(text), start=1)")),
        ("off-by-one", swap(_KWIC, "sentence[max(0, m.start() - width) : m.start()]", "sentence[m.start() - width : m.start()]")),
        ("wrong rule", swap(_KWIC, 're.sub(r"\\s", " ", s)', 're.sub(r"\\s+", " ", s)')),
        ("wrong rule", swap(_KWIC, ", flags=re.IGNORECASE", "")),
        ("wrong rule", swap(_KWIC, 'r"\\s+".join(re.escape(word) for word in term.split())', "re.escape(term)")),
        ("wrong rule", swap(_KWIC, 'r"(?<!\\w)" + ', "").replace(' + r"(?!\\w)"', "")),
        ("edge case", swap(_KWIC, "return [", "return [tuple(x.strip() if isinstance(x, str) else x for x in line) for line in [").replace(
            "flags=re.IGNORECASE)\n    ]", "flags=re.IGNORECASE)\n    ]]")),
        ("wrong type", swap(_KWIC, "(number, flat(", "[number, flat(").replace("m.end() + width]))", "m.end() + width])]")),
        ("wrong type", swap(_KWIC, "(number, flat(", "(flat(")),
    ],
}
