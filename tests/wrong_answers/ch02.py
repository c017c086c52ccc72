"""Wrong answers to exercises 02 · Tokenizing."""

from .edits import swap

SLUG = "02-tokenizing"

_COUNT = '''
def count_sentences(text):
    parameters = PunktParameters()
    parameters.abbrev_types = {"u.s", "gen"}
    splitter = PunktSentenceTokenizer(parameters)
    return sum(len(splitter.tokenize(paragraph)) for paragraph in re.split(r"\\n[^\\S\\n]*\\n", text) if paragraph.strip())
'''

_TYPES = '''
def type_counts(articles):
    rows = []
    for article in articles:
        tokens = words(article.body, lower=True)
        rows.append({"id": article.id, "words": len(tokens), "types": len(set(tokens)),
                     "ratio": round(len(set(tokens)) / len(tokens), 3)})
    return pd.DataFrame(rows, columns=["id", "words", "types", "ratio"]).set_index("id")
'''


WRONG = {
    "task1": [
        ("wrong rule", '''
def whitespace_tokens(sentence):
    return sentence.split(" ")
'''),
        ("edge case", '''
def whitespace_tokens(sentence):
    return re.split(r"\\s+", sentence)
'''),
        ("wrong rule", '''
def whitespace_tokens(sentence):
    return [piece for line in sentence.split("\\n") for piece in line.split(" ")]
'''),
        ("wrong type", '''
def whitespace_tokens(sentence):
    return tuple(sentence.split())
'''),
        ("edge case", '''
def whitespace_tokens(sentence):
    return re.findall(r"[^ \\n\\t]+", sentence)
'''),
        ("wrong rule", '''
def whitespace_tokens(sentence):
    return NLTKWordTokenizer().tokenize(sentence)
'''),
    ],
    "task2": [
        ("wrong rule", swap(_COUNT, '{"u.s", "gen"}', "set()")),
        ("wrong rule", swap(_COUNT, '{"u.s", "gen"}', '{"u.s.", "gen."}')),
        ("edge case", '''
def count_sentences(text):
    parameters = PunktParameters()
    parameters.abbrev_types = {"u.s", "gen"}
    return len(PunktSentenceTokenizer(parameters).tokenize(text))
'''),
        ("wrong type", swap(_COUNT, "return sum(len(splitter.tokenize(paragraph))", "return list(len(splitter.tokenize(paragraph))")),
        ("wrong rule", swap(_COUNT, '{"u.s", "gen"}', '{"U.S", "Gen"}')),
        ("edge case", swap(_COUNT, 're.split(r"\\n[^\\S\\n]*\\n", text)', 'text.split("\\n\\n")')),
    ],
    "task3": [
        ("wrong rule", '''
def regexp_tokenize_numbers(text):
    return re.findall(r"\\w+(?:-\\w+)*|\\d+(?:,\\d{3})*|[^\\w\\s]", text)
'''),
        ("edge case", '''
def regexp_tokenize_numbers(text):
    return re.findall(r"\\d+(?:,\\d{3})*|\\w+|[^\\w\\s]", text)
'''),
        ("wrong rule", '''
def regexp_tokenize_numbers(text):
    return re.findall(r"\\d+(?:,\\d{3})*|\\w+(?:-\\w+)*", text)
'''),
        ("off-by-one", '''
def regexp_tokenize_numbers(text):
    return re.findall(r"\\d+(?:,\\d{2,3})*|\\w+(?:-\\w+)*|[^\\w\\s]", text)
'''),
        ("wrong rule", '''
def regexp_tokenize_numbers(text):
    return re.findall(r"[\\d,]+|\\w+(?:-\\w+)*|[^\\w\\s]", text)
'''),
        ("wrong type", '''
def regexp_tokenize_numbers(text):
    return " ".join(re.findall(r"\\d+(?:,\\d{3})*|\\w+(?:-\\w+)*|[^\\w\\s]", text))
'''),
    ],
    "task4": [
        ("wrong rule", '''
def normalize_apostrophes(text):
    return text.replace("’", "'").replace("‘", "'")
'''),
        ("edge case", '''
def normalize_apostrophes(text):
    return re.sub(r"(?<=\\w)’(?=\\w)", "'", text)
'''),
        ("wrong rule", '''
def normalize_apostrophes(text):
    return re.sub(r"(?<=\\w)[’‘]", "'", text)
'''),
        ("wrong rule", '''
def normalize_apostrophes(text):
    return re.sub(r"(?<=\\w)[’‘“”](?=\\w)", "'", text)
'''),
        ("wrong type", '''
def normalize_apostrophes(text):
    return re.split(r"(?<=\\w)[’‘](?=\\w)", text)
'''),
        ("edge case", '''
def normalize_apostrophes(text):
    return re.sub(r"(\\w)[’‘](\\w)", r"\\1'\\2", text)
'''),
    ],
    "task5": [
        ("wrong rule", '''
def tokenizer_disagreements(sentence, first, second):
    return sorted(set(second(sentence)) - set(first(sentence)))
'''),
        ("edge case", '''
def tokenizer_disagreements(sentence, first, second):
    theirs = second(sentence)
    return sorted(token for token in first(sentence) if token not in theirs)
'''),
        ("wrong rule", '''
def tokenizer_disagreements(sentence, first, second):
    return list(set(first(sentence)) - set(second(sentence)))
'''),
        ("wrong rule", '''
def tokenizer_disagreements(sentence, first, second):
    return sorted(set(first(sentence)) ^ set(second(sentence)))
'''),
        ("wrong rule", '''
def tokenizer_disagreements(sentence, first, second):
    return sorted(set(first(sentence)) - set(second(sentence)), key=str.lower)
'''),
        ("wrong type", '''
def tokenizer_disagreements(sentence, first, second):
    return set(first(sentence)) - set(second(sentence))
'''),
    ],
    "task6": [
        ("wrong rule", swap(_TYPES, '"types": len(set(tokens))', '"types": len(set(words(article.body)))')),
        ("wrong rule", swap(_TYPES, "tokens = words(article.body, lower=True)", "tokens = article.body.lower().split()")),
        ("edge case", swap(_TYPES, '.set_index("id")', '.set_index("id").rename_axis(None)')),
        ("wrong rule", swap(_TYPES, '.set_index("id")', "")),
        ("off-by-one", swap(_TYPES, "round(len(set(tokens)) / len(tokens), 3)", "len(set(tokens)) / len(tokens)")),
        ("edge case", swap(_TYPES, 'pd.DataFrame(rows, columns=["id", "words", "types", "ratio"])', "pd.DataFrame(rows)")),
        ("wrong rule", swap(_TYPES, "for article in articles:", "for article in sorted(articles, key=lambda a: a.id):")),
        ("wrong type", swap(_TYPES, "return pd.DataFrame", "return rows or pd.DataFrame")),
    ],
}
