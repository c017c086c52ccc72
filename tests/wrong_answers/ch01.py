"""Wrong answers to exercises 01 · Meet the corpus."""

from .edits import swap

SLUG = "01-meet-the-corpus"

_DATES = '''
def stated_dates(text):
    weekday = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
    month = r"(?:January|February|March|April|May|June|July|August|September|October|November|December)"
    pattern = (
        rf"\\b\\d{{4}}-\\d{{2}}-\\d{{2}}\\b"
        rf"|\\b(?:{weekday}, )?(?:{month} \\d{{1,2}}(?:, \\d{{4}})?|\\d{{1,2}} {month}(?: \\d{{4}})?)\\b"
    )
    return [match.group(0) for match in re.finditer(pattern, text)]
'''


def _rule(pattern: str) -> str:
    return f'''
def subheading_rule():
    return CleaningRule("subheading", "a short heading line", {pattern!r})
'''


WRONG = {
    "task1": [
        ("wrong rule", '''
def file_sizes(folder):
    return {p.name: len(p.read_text(encoding="utf-8")) for p in Path(folder).glob("*.txt")}
'''),
        ("wrong rule", '''
def file_sizes(folder):
    return {p.name: len(p.read_bytes()) for p in Path(folder).iterdir()}
'''),
        ("wrong type", '''
def file_sizes(folder):
    return {p: len(p.read_bytes()) for p in Path(folder).glob("*.txt")}
'''),
        ("edge case", '''
def file_sizes(folder):
    return {p.name: len(p.read_bytes()) for p in folder.glob("*.txt")}
'''),
        ("off-by-one", '''
def file_sizes(folder):
    return {p.name: len(p.read_bytes().strip()) for p in Path(folder).glob("*.txt")}
'''),
        ("wrong type", '''
def file_sizes(folder):
    return [(p.name, len(p.read_bytes())) for p in Path(folder).glob("*.txt")]
'''),
    ],
    "task2": [
        ("wrong rule", '''
def count_curly_quotes(text):
    return text.count("“") + text.count("”")
'''),
        ("wrong rule", '''
def count_curly_quotes(text):
    return len({c for c in text if c in "“”‘’"})
'''),
        ("wrong rule", '''
def count_curly_quotes(text):
    return sum(text.count(m) for m in "“”‘’\\"'")
'''),
        ("wrong type", '''
def count_curly_quotes(text):
    return [c for c in text if c in "“”‘’"]
'''),
        ("edge case", '''
def count_curly_quotes(text):
    return len(re.findall(r"[“”‘]|’(?!\\w)", text))
'''),
        ("wrong rule", '''
def count_curly_quotes(text):
    return text.count("“”‘’")
'''),
    ],
    "task3": [
        ("wrong rule", '''
def boilerplate_share(article):
    return 1 - len(article.body) / len(article.raw)
'''),
        ("wrong type", '''
def boilerplate_share(article):
    return 100 * (1 - len(clean(article.raw).text) / len(article.raw))
'''),
        ("wrong rule", '''
def boilerplate_share(article):
    return round(1 - len(clean(article.raw).text) / len(article.raw), 3)
'''),
        ("wrong rule", '''
def boilerplate_share(article):
    return len(clean(article.raw).text) / len(article.raw)
'''),
        ("wrong type", '''
from fractions import Fraction
def boilerplate_share(article):
    return 1 - Fraction(len(clean(article.raw).text), len(article.raw))
'''),
        ("edge case", '''
def boilerplate_share(article):
    return 1 - len(clean(article.raw).text.encode("utf-8")) / len(article.raw.encode("utf-8"))
'''),
    ],
    "task4": [
        ("wrong rule", _rule(r"[A-Z]\S*(?: \S+){1,5}(?<=\w)")),
        ("off-by-one", _rule(r"^[A-Z]\S*(?: \S+){1,6}(?<=\w)$")),
        ("wrong rule", _rule(r"^\w\S*(?: \S+){1,5}(?<=\w)$")),
        ("edge case", _rule(r"^[A-Z]\S*(?: \S+){1,5}$")),
        ("wrong rule", _rule(r"^[A-Z]\S*(?:\s+\S+){1,5}(?<=\w)$")),
        ("off-by-one", _rule(r"^[A-Z]\S*(?: \S+){0,5}(?<=\w)$")),
        ("wrong type", '''
def subheading_rule():
    return r"^[A-Z]\\S*(?: \\S+){1,5}(?<=\\w)$"
'''),
    ],
    "task5": [
        ("wrong rule", '''
def stated_dates(text):
    weekday = r"(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
    month = r"(January|February|March|April|May|June|July|August|September|October|November|December)"
    return re.findall(rf"\\d{{4}}-\\d{{2}}-\\d{{2}}|(?:{weekday}, )?(?:{month} \\d{{1,2}}(?:, \\d{{4}})?|\\d{{1,2}} {month}(?: \\d{{4}})?)", text)
'''),
        ("edge case", swap(_DATES, "(?:{weekday}, )?", "")),
        ("edge case", swap(_DATES, "(?:, \\d{{4}})?", "")),
        ("wrong rule", '''
def stated_dates(text):
    month = r"(?:January|February|March|April|May|June|July|August|September|October|November|December)"
    weekday = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
    iso = re.findall(r"\\d{4}-\\d{2}-\\d{2}", text)
    other = [m.group(0) for m in re.finditer(rf"(?:{weekday}, )?(?:{month} \\d{{1,2}}(?:, \\d{{4}})?|\\d{{1,2}} {month}(?: \\d{{4}})?)\\b", text)]
    return iso + other
'''),
        ("edge case", swap(_DATES, ')\\b"\n', ')"\n')),
        ("wrong rule", swap(_DATES, "(?: \\d{{4}})?", "")),
        ("wrong rule", swap(_DATES, "\\d{{1,2}} {month}(?: \\d{{4}})?", "{month} \\d{{1,2}}")),
        ("wrong type", swap(_DATES, "return [match.group(0) for match in re.finditer(pattern, text)]",
                             "return list(re.finditer(pattern, text))")),
    ],
}
