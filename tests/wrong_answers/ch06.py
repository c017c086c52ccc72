"""Wrong answers to exercises 06 · Who speaks, and with which numbers."""

from .edits import swap

SLUG = "06-voices"

_PAIRS = '''
def pair_guillemets(text):
    closes = {"»": "«", "“": "„"}
    pairs, unmatched, stack = [], [], []
    for offset, char in enumerate(text):
        if char in "«„":
            stack.append((offset, char))
        elif char in closes:
            kinds = [kind for _, kind in stack]
            if closes[char] not in kinds:
                unmatched.append(offset)
                continue
            depth = len(kinds) - 1 - kinds[::-1].index(closes[char])
            unmatched.extend(start for start, _ in stack[depth + 1 :])
            start = stack[depth][0]
            del stack[depth:]
            if not stack:
                pairs.append((start, offset + 1))
    return pairs, sorted(unmatched + [start for start, _ in stack])
'''

# The lesson's pair_curly (notebooks/06-voices.ipynb, section 2), renamed; MARKS swaps in other marks.
_LESSON = '''
from framelab.text import paragraph_spans


def pair_guillemets(text):
    pairs, unmatched = [], []
    for start, end in paragraph_spans(text):
        stack = []
        for i in range(start, end):
            if text[i] == "“":
                stack.append(i)
            elif text[i] == "”":
                if not stack:
                    unmatched.append(i)
                    continue
                opening = stack.pop()
                if not stack:
                    pairs.append((opening, i + 1))
        unmatched.extend(stack)
    return pairs, unmatched
'''

# One stack for all marks, as in the lesson: `mismatch` says what a closing mark does when the top is the other kind.
_ONE_KIND = '''
def pair_guillemets(text):
    closes = {"»": "«", "“": "„"}
    pairs, unmatched, stack = [], [], []
    for offset, char in enumerate(text):
        if char in "«„":
            stack.append((offset, char))
        elif char in closes:
            if not stack or (STRICT and stack[-1][1] != closes[char]):
                unmatched.append(offset)
                continue
            start = stack.pop()[0]
            if not stack:
                pairs.append((start, offset + 1))
    return pairs, sorted(unmatched + [start for start, _ in stack])
'''

_REFERENT = '''
def referent(text, position, names):
    quoted = [(start, end) for start, end, _ in voices.quotation_spans(text)[0]]
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
        ("shortcut", _LESSON),
        ("shortcut", _LESSON.replace('"“"', '"«"').replace('"”"', '"»"')),
        ("wrong rule", _ONE_KIND.replace("STRICT", "False")),
        ("wrong rule", _ONE_KIND.replace("STRICT", "True")),
        ("wrong rule", swap(_PAIRS, 'closes = {"»": "«", "“": "„"}', 'closes = {"»": "«", "”": "„"}')),
        ("off-by-one", swap(_PAIRS, "pairs.append((start, offset + 1))", "pairs.append((start, offset))")),
        ("wrong rule", swap(_PAIRS, "            if not stack:\n                pairs.append", "            if True:\n                pairs.append")),
        ("edge case", swap(_PAIRS, "sorted(unmatched + [start for start, _ in stack])", "sorted(unmatched)")),
        ("edge case", swap(_PAIRS, "sorted(unmatched + [start for start, _ in stack])", "unmatched + [start for start, _ in stack]")),
        ("edge case", swap(_PAIRS, "            unmatched.extend(start for start, _ in stack[depth + 1 :])\n", "")),
        ("wrong type", swap(_PAIRS, "return pairs, sorted(", "return [pairs, sorted(").replace("for start, _ in stack])", "for start, _ in stack])]")),
        ("wrong rule", """
def pair_guillemets(text):
    pairs = [(m.start(), m.end()) for m in re.finditer(r"«[^«»]*»", text)]
    unmatched = [k for k, c in enumerate(text) if c in "«»„“" and not any(a <= k < b for a, b in pairs)]
    return pairs, unmatched
"""),
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
        ("edge case", swap(_REFERENT, " and not inside", "")),
        ("wrong rule", '''
def referent(text, position, names):
    best, where = "", -1
    for name in names:
        for match in re.finditer(rf"\\b{re.escape(name)}\\b", text[:position]):
            if match.start() > where:
                best, where = name, match.start()
    return best
'''),
        ("wrong rule", swap(_REFERENT, "found = named(*sentences[k - 1])", "found = named(0, sentences[k][0])")),
        ("off-by-one", swap(_REFERENT, "found = named(sentences[k][0], position)", "found = named(*sentences[k])")),
        ("edge case", swap(_REFERENT, 'rf"\\b{re.escape(name)}\\b"', 're.escape(name)')),
        ("wrong rule", swap(_REFERENT, 'return found.pop() if len(found) == 1 else ""', 'return sorted(found)[0] if found else ""')),
    ],
    "task5": [
        ("wrong rule", swap(_TROOPS, '(?:(?:about|roughly|approximately|more than|over|another|an additional) )?', '')),
        ("wrong type", swap(_TROOPS, 'int(m.group(2).replace(",", ""))', 'm.group(2)')),
        ("edge case", swap(_TROOPS, r' (?:[A-Za-z.]+ )?(?:troops', r' (?:troops')),
        ("wrong rule", swap(_TROOPS, r' (?:[A-Za-z.]+ )?(?:troops', r' (?:[A-Za-z.]+ )*(?:troops')),
        ("edge case", swap(_TROOPS, "|another|an additional)", "|another)")),
        ("wrong rule", swap(_TROOPS, '(\\d{1,3}(?:,\\d{3})+|\\d+)', '(\\d+)')),
        ("edge case", swap(_TROOPS, '[A-Za-z.]+', '\\w+')),
    ],
}
