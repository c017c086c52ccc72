"""Wrong answers to exercises 06 · Who speaks, and with which numbers."""

SLUG = "06-voices"

_PAIRS = '''
def pair_marks(text):
    pairs, unmatched, stack = [], [], []
    for offset, char in enumerate(text):
        if char == "“":
            stack.append(offset)
        elif char == "”":
            if not stack:
                unmatched.append(offset)
                continue
            start = stack.pop()
            if not stack:
                pairs.append((start, offset + 1))
    return pairs, sorted(unmatched + stack)
'''

_REFERENT = '''
def referent(text, position, names):
    quoted = pair_marks(text)[0]
    sentences = sentence_spans(text)
    current = [k for k, (start, _end) in enumerate(sentences) if start <= position]
    if not current:
        return ""
    k = current[-1]

    def named(start, end):
        found = set()
        for name in names:
            for match in re.finditer(rf"\\b{re.escape(name)}\\b", text):
                inside = any(a <= match.start() < b for a, b in quoted)
                if start <= match.start() and match.end() <= end and not inside:
                    found.add(name)
        return found

    found = named(sentences[k][0], position)
    if not found and k > 0:
        found = named(*sentences[k - 1])
    return found.pop() if len(found) == 1 else ""
'''

_TROOPS = '''
def troop_figures(text):
    pattern = re.compile(
        r"((?:(?:about|roughly|approximately|more than|over|another|an additional) )?(\\d{1,3}(?:,\\d{3})+|\\d+))"
        r" (?:[A-Za-z.]+ )?(?:troops|soldiers)\\b"
    )
    return [(int(m.group(2).replace(",", "")), m.group(1)) for m in pattern.finditer(text)]
'''


def _swap(source: str, old: str, new: str) -> str:
    assert old in source, old
    return source.replace(old, new)


WRONG = {
    "task1": [
        ("wrong rule", '''
def curly_quotes(text):
    return [(m.start(), m.end()) for m in re.finditer(r"“.*”", text)]
'''),
        ("off-by-one", '''
def curly_quotes(text):
    return [(m.start(), m.end() - 1) for m in re.finditer(r"“[^“”]*”", text)]
'''),
        ("wrong rule", '''
def curly_quotes(text):
    return [(m.start(), m.end()) for m in re.finditer(r"[“\\"][^“”\\"]*[”\\"]", text)]
'''),
        ("wrong type", '''
def curly_quotes(text):
    return [m.group(0) for m in re.finditer(r"“[^“”]*”", text)]
'''),
        ("edge case", '''
def curly_quotes(text):
    return [(m.start(), m.end()) for m in re.finditer(r"“[^“”\\n]*”", text)]
'''),
        ("off-by-one", '''
def curly_quotes(text):
    return [(m.start() + 1, m.end() - 1) for m in re.finditer(r"“[^“”]*”", text)]
'''),
    ],
    "task2": [
        ("off-by-one", _swap(_PAIRS, "pairs.append((start, offset + 1))", "pairs.append((start, offset))")),
        ("wrong rule", _swap(_PAIRS, "            if not stack:\n                pairs.append", "            if True:\n                pairs.append")),
        ("edge case", _swap(_PAIRS, "sorted(unmatched + stack)", "unmatched")),
        ("wrong type", _swap(_PAIRS, "return pairs, sorted(unmatched + stack)", "return [pairs, sorted(unmatched + stack)]")),
        ("edge case", _swap(_PAIRS, "            if not stack:\n                unmatched.append(offset)\n                continue\n", "")),
        ("wrong rule", '''
def pair_marks(text):
    pairs = [(m.start(), m.end()) for m in re.finditer(r"“[^“”]*”", text)]
    inside = [(a, b) for a, b in pairs]
    unmatched = [k for k, c in enumerate(text) if c in "“”" and not any(a <= k < b for a, b in inside)]
    return pairs, unmatched
'''),
    ],
    "task3": [
        ("wrong rule", '''
def last_reporting_verb(stretch):
    found = [w.lower() for w in re.findall(r"[A-Za-z]+", stretch) if w.lower() in VERBS]
    return found[0] if found else ""
'''),
        ("edge case", '''
def last_reporting_verb(stretch):
    found = [w for w in re.findall(r"[A-Za-z]+", stretch) if w in VERBS]
    return found[-1] if found else ""
'''),
        ("wrong type", '''
def last_reporting_verb(stretch):
    found = [w.lower() for w in re.findall(r"[A-Za-z]+", stretch) if w.lower() in VERBS]
    return found[-1] if found else None
'''),
        ("wrong rule", '''
def last_reporting_verb(stretch):
    lower = stretch.lower()
    found = sorted((lower.rfind(v), v) for v in VERBS if v in lower)
    return found[-1][1] if found else ""
'''),
        ("wrong rule", '''
def last_reporting_verb(stretch):
    found = [w.lower() for w in stretch.split() if w.lower() in VERBS]
    return found[-1] if found else ""
'''),
        ("edge case", '''
def last_reporting_verb(stretch):
    found = [w for w in re.findall(r"[A-Za-z]+", stretch) if w.lower() in VERBS]
    return found[-1] if found else ""
'''),
    ],
    "task4": [
        ("edge case", _swap(_REFERENT, " and not inside", "")),
        ("wrong rule", '''
def referent(text, position, names):
    best, where = "", -1
    for name in names:
        for match in re.finditer(rf"\\b{re.escape(name)}\\b", text[:position]):
            if match.start() > where:
                best, where = name, match.start()
    return best
'''),
        ("wrong rule", _swap(_REFERENT, "found = named(*sentences[k - 1])", "found = named(0, sentences[k][0])")),
        ("off-by-one", _swap(_REFERENT, "found = named(sentences[k][0], position)", "found = named(*sentences[k])")),
        ("edge case", _swap(_REFERENT, 'rf"\\b{re.escape(name)}\\b"', 're.escape(name)')),
        ("wrong rule", _swap(_REFERENT, 'return found.pop() if len(found) == 1 else ""', 'return sorted(found)[0] if found else ""')),
    ],
    "task5": [
        ("wrong rule", _swap(_TROOPS, '(?:(?:about|roughly|approximately|more than|over|another|an additional) )?', '')),
        ("wrong type", _swap(_TROOPS, 'int(m.group(2).replace(",", ""))', 'm.group(2)')),
        ("edge case", _swap(_TROOPS, r' (?:[A-Za-z.]+ )?(?:troops', r' (?:troops')),
        ("wrong rule", _swap(_TROOPS, r' (?:[A-Za-z.]+ )?(?:troops', r' (?:[A-Za-z.]+ )*(?:troops')),
        ("edge case", _swap(_TROOPS, "|another|an additional)", "|another)")),
        ("wrong rule", _swap(_TROOPS, '(\\d{1,3}(?:,\\d{3})+|\\d+)', '(\\d+)')),
        ("edge case", _swap(_TROOPS, '[A-Za-z.]+', '\\w+')),
    ],
}
