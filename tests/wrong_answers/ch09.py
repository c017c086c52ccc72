"""Wrong answers to exercises 09 · The framing explorer."""

from .edits import swap

SLUG = "09-framing-explorer"

_CONNECT = '''
def connect(box, view):
    def show(change=None):
        count = len(box.value.split())
        view.value = "no words" if count == 0 else f"{count} word{'' if count == 1 else 's'}"

    box.observe(show, names="value")
    show()
'''

_DESCRIBE = '''
def describe(counts, term):
    if not any(counts.values()):
        return f"No article uses “{term}”."
    best = max(counts, key=lambda article_id: counts[article_id])
    used = sum(1 for value in counts.values() if value > 0)
    times = "time" if counts[best] == 1 else "times"
    return f"“{term}” is used in {used} of {len(counts)} articles, most often in {best} ({counts[best]} {times})."
'''

_STOP = '''
class StopWordExplorer(FramingExplorer):
    def __init__(self, corpus=None):
        super().__init__(corpus)
        self.hide_stop = widgets.Checkbox(value=False, description="hide stop words")
        row = self.tabs.children[4].children[0]
        row.children = (*row.children, self.hide_stop)
        self.hide_stop.observe(self.on_hide_stop, names="value")

    def on_hide_stop(self, change):
        self.update_keyness()

    def keyness_source(self):
        table = super().keyness_source()
        if table is not None and self.hide_stop.value:
            table = table[~table["term"].isin(STOP)]
        return table
'''

_SENTENCES = '''
class SentenceExplorer(FramingExplorer):
    def __init__(self, corpus=None):
        super().__init__(corpus)
        self.sentences_view = widgets.HTML()
        self.add_view("Sentences", self.sentences_view)
        self.term.observe(self.update_sentences, names="value")
        self.article.observe(self.update_sentences, names="value")

    def refresh(self):
        super().refresh()
        self.update_sentences()

    def update_sentences(self, change=None):
        term, article_id = fx.normalize_term(self.term.value), self.article.value
        found = []
        if term:
            pattern = r"(?<!\\w)" + r"\\s+".join(re.escape(w) for w in term.split()) + r"(?!\\w)"
            found = [s for s in self.tables.sentences[article_id] if re.search(pattern, s, re.IGNORECASE)]
        if found:
            self.sentences_view.value = "<ol>" + "".join(f"<li>{html.escape(s)}</li>" for s in found) + "</ol>"
        else:
            self.sentences_view.value = f'<p class="fl-empty">No sentence of {article_id} uses “{html.escape(term)}”.</p>'
'''


WRONG = {
    "task1": [
        ("wrong rule", '''
def bar_div(article_id, value):
    return f'<div class="fl-bar" data-article="{article_id}" data-value="{value:.2f}">{article_id}: {value:.2f}</div>'
'''),
        ("edge case", '''
def bar_div(article_id, value):
    return f'<div class="fl-bar" data-article="{article_id}" data-value="{value:.2f}">{html.escape(article_id)}: {value:.2f}</div>'
'''),
        ("wrong rule", '''
def bar_div(article_id, value):
    shown = html.escape(article_id)
    return f'<div class="fl-bar" data-article="{shown}" data-value="{value}">{shown}: {value}</div>'
'''),
        ("wrong rule", '''
def bar_div(article_id, value):
    shown = html.escape(article_id)
    return f'<div class="fl-bar" data-article="{shown}" data-value="{round(value, 2)}">{shown}: {round(value, 2)}</div>'
'''),
        ("edge case", '''
def bar_div(article_id, value):
    shown = html.escape(article_id, quote=False)
    return f'<div class="fl-bar" data-article="{shown}" data-value="{value:.2f}">{shown}: {value:.2f}</div>'
'''),
        ("wrong type", '''
def bar_div(article_id, value):
    shown = html.escape(article_id)
    return widgets.HTML(f'<div class="fl-bar" data-article="{shown}" data-value="{value:.2f}">{shown}: {value:.2f}</div>')
'''),
        ("off-by-one", '''
def bar_div(article_id, value):
    shown = html.escape(article_id)
    return f'<div class="fl-bar" data-article="{shown}" data-value="{value:.1f}">{shown}: {value:.1f}</div>'
'''),
    ],
    "task2": [
        ("edge case", swap(_CONNECT, "    show()\n", "")),
        ("wrong rule", swap(_CONNECT, "f\"{count} word{'' if count == 1 else 's'}\"", 'f"{count} words"')),
        ("edge case", swap(_CONNECT, '"no words" if count == 0 else ', "")),
        ("wrong rule", swap(_CONNECT, "box.value.split()", 'box.value.split(" ")')),
        ("wrong rule", '''
def connect(box, view):
    global CONNECTED_VIEW
    CONNECTED_VIEW = view
    def show(change=None):
        count = len(box.value.split())
        CONNECTED_VIEW.value = "no words" if count == 0 else f"{count} word{'' if count == 1 else 's'}"
    box.observe(show, names="value")
    show()
'''),
        ("wrong type", swap(_CONNECT, "view.value = ", "view.value = str(count) or ")),
    ],
    "task3": [
        ("wrong rule", _DESCRIBE.replace("“", '"').replace("”", '"')),
        ("edge case", swap(_DESCRIBE, 'times = "time" if counts[best] == 1 else "times"', 'times = "times"')),
        ("edge case", swap(_DESCRIBE, "best = max(counts, key=lambda article_id: counts[article_id])",
                            "best = max(reversed(list(counts)), key=lambda article_id: counts[article_id])")),
        ("wrong rule", swap(_DESCRIBE, "of {len(counts)} articles", "of {used} articles")),
        ("edge case", swap(_DESCRIBE, "if not any(counts.values()):", "if max(counts.values()) == 0:")),
        ("off-by-one", swap(_DESCRIBE, "if value > 0)", "if value > 1)")),
        ("wrong type", swap(_DESCRIBE, 'return f"“{term}” is used', 'return used, f"“{term}” is used')),
    ],
    "task4": [
        # Creating the checkbox after super().__init__() used to be wrong (the constructor drew the
        # views); since issue 13 it is the model answer, so this wrong answer starts the box ticked.
        ("edge case", swap(_STOP, 'widgets.Checkbox(value=False, description="hide stop words")',
                            'widgets.Checkbox(value=True, description="hide stop words")')),
        ("wrong rule", swap(_STOP, "        row.children = (*row.children, self.hide_stop)\n", "")),
        ("edge case", swap(_STOP, '        self.hide_stop.observe(self.on_hide_stop, names="value")\n', "")),
        ("wrong rule", swap(_STOP, "if table is not None and self.hide_stop.value:", "if table is not None:")),
        ("wrong rule", swap(_STOP, '~table["term"].isin(STOP)', '~table["term"].isin({"for", "of", "the", "a", "and", "to", "in"})')),
        ("edge case", swap(_STOP, "if table is not None and self.hide_stop.value:", "if self.hide_stop.value:")),
        ("off-by-one", swap(_STOP, "table = table[~table[\"term\"].isin(STOP)]", "table = table.head(20)\n            table = table[~table[\"term\"].isin(STOP)]")),
    ],
    "task5": [
        ("edge case", swap(_SENTENCES, "f\"<li>{html.escape(s)}</li>\"", "f\"<li>{s}</li>\"")),
        ("wrong rule", swap(_SENTENCES, "re.search(pattern, s, re.IGNORECASE)", "term.lower() in s.lower()")),
        ("edge case", swap(_SENTENCES, '        self.article.observe(self.update_sentences, names="value")\n', "")),
        ("edge case", swap(_SENTENCES, "    def refresh(self):\n        super().refresh()\n        self.update_sentences()\n", "")),
        ("edge case", swap(_SENTENCES, "        super().refresh()\n        self.update_sentences()\n",
                            "        self.update_sentences()\n")),
        ("wrong rule", swap(_SENTENCES, "term, article_id = fx.normalize_term(self.term.value), self.article.value",
                             "term, article_id = self.term.value, self.article.value")),
        ("wrong rule", swap(_SENTENCES, "re.search(pattern, s, re.IGNORECASE)", "re.search(pattern, s)")),
        ("wrong type", swap(_SENTENCES, '"<ol>" + "".join(f"<li>{html.escape(s)}</li>" for s in found) + "</ol>"',
                             '"<br>".join(html.escape(s) for s in found)')),
    ],
}
