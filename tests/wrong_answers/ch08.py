"""Wrong answers to exercises 08 · Visualizing the differences."""

from .edits import swap

SLUG = "08-visualizing"

_BARS = '''
def honest_bars(values, title, ylabel):
    fig, ax = plt.subplots(figsize=(6, 3))
    bars = ax.bar(list(values), list(values.values()), color=plots.OKABE_ITO[4])
    ax.bar_label(bars, fmt="%.1f")
    ax.set_ylim(bottom=0)
    ax.set_title(title)
    ax.set_xlabel("Article")
    ax.set_ylabel(ylabel)
    return ax
'''

_MAX_BOTTOM = '''
def max_bottom(values, limit):
    low, high = min(values), max(values)
    if limit < 1:
        raise ValueError("limit below 1")
    if low == high:
        raise ValueError("equal values")
    shown = limit * high / low
    return (shown * low - high) / (shown - 1)
'''

_HEATMAP = '''
def similarity_heatmap(table):
    values = table.to_numpy(dtype=float)
    n = len(table)
    off_diagonal = values[~np.eye(n, dtype=bool)]
    fig, ax = plt.subplots(figsize=(4.5, 4))
    ax.imshow(values, cmap="cividis", vmin=0, vmax=off_diagonal.max())
    ax.set_xticks(range(n), labels=[str(c) for c in table.columns])
    ax.set_yticks(range(n), labels=[str(i) for i in table.index])
    for row in range(n):
        for column in range(n):
            ax.text(column, row, f"{values[row, column]:.2f}", ha="center", va="center")
    ax.set_title("Cosine similarity")
    ax.set_xlabel("Article")
    ax.set_ylabel("Article")
    return ax
'''

_SHARES = '''
def side_shares(ledger, value="quotations"):
    unattributed = (ledger["side"] == "") | (ledger["speaker"] == "(unattributed)")
    rows = ledger.assign(side=ledger["side"].mask(unattributed, "unattributed"))
    table = rows.pivot_table(index="article", columns="side", values=value, aggfunc="sum", fill_value=0)
    totals = table.sum(axis=1)
    if not totals.sum() > 0:
        raise ValueError("nothing to share out")
    quoted = totals > 0
    shares = pd.DataFrame({
        "per article": table[quoted].div(totals[quoted], axis=0).mean() * 100,
        "pooled": table.sum() / totals.sum() * 100,
    })
    known = [side for side in plots.SIDE_COLOURS if side in shares.index]
    return shares.reindex(known + sorted(set(shares.index) - set(known))).astype(float)
'''

# The lesson's "who speaks" table (notebooks/08-visualizing.ipynb, section 9), copied unchanged into the function.
_LESSON = '''
def side_shares(ledger, value="quotations"):
    by_side = ledger.assign(side=ledger["side"].replace("", "unattributed")).pivot_table(
        index="article", columns="side", values="quotations", aggfunc="sum", fill_value=0)
    by_side = by_side[[side for side in plots.SIDE_COLOURS if side in by_side.columns]]
    by_side.columns.name = None
    return by_side
'''


WRONG = {
    "task1": [
        ("edge case", '''
def rates_per_1000(term, tokens_by_article):
    return {a: tokens.count(term) * 1000 / len(tokens) for a, tokens in tokens_by_article.items()}
'''),
        ("wrong rule", '''
def rates_per_1000(term, tokens_by_article):
    return {a: (tokens.count(term) * 100 / len(tokens) if tokens else 0.0) for a, tokens in tokens_by_article.items()}
'''),
        ("wrong type", '''
def rates_per_1000(term, tokens_by_article):
    return [(tokens.count(term) * 1000 / len(tokens) if tokens else 0.0) for tokens in tokens_by_article.values()]
'''),
        ("wrong rule", '''
def rates_per_1000(term, tokens_by_article):
    total = sum(len(tokens) for tokens in tokens_by_article.values())
    return {a: tokens.count(term) * 1000 / total for a, tokens in tokens_by_article.items()}
'''),
        ("wrong rule", '''
def rates_per_1000(term, tokens_by_article):
    return {a: (tokens.count(term) * 1000 / len(tokens) if tokens else 0.0) for a, tokens in sorted(tokens_by_article.items())}
'''),
        ("off-by-one", '''
def rates_per_1000(term, tokens_by_article):
    return {a: (tokens.count(term) * 1000 / (len(tokens) - 1) if len(tokens) > 1 else 0.0)
            for a, tokens in tokens_by_article.items()}
'''),
    ],
    "task2": [
        ("wrong rule", '''
def positions(tokens, term):
    return [k / len(tokens) for k, token in enumerate(tokens) if token == term]
'''),
        ("edge case", '''
def positions(tokens, term):
    return [k / (len(tokens) - 1) for k, token in enumerate(tokens) if token == term]
'''),
        ("wrong type", '''
def positions(tokens, term):
    last = max(len(tokens) - 1, 1)
    return [k // last for k, token in enumerate(tokens) if token == term]
'''),
        ("shortcut", '''
def positions(tokens, term):
    return plots.term_positions(tokens, term)
'''),
        ("wrong rule", '''
def positions(tokens, term):
    last = max(len(tokens) - 1, 1)
    return [tokens.index(term) / last] if term in tokens else []
'''),
        ("off-by-one", '''
def positions(tokens, term):
    return [(k + 1) / len(tokens) for k, token in enumerate(tokens) if token == term]
'''),
    ],
    "task3": [
        ("wrong rule", swap(_BARS, "ax.set_ylim(bottom=0)", "ax.set_ylim(bottom=min(values.values()) * 0.9)")),
        ("wrong rule", swap(_BARS, "color=plots.OKABE_ITO[4]", "color=plots.OKABE_ITO[:len(values)]")),
        ("edge case", swap(_BARS, '    ax.bar_label(bars, fmt="%.1f")\n', "")),
        ("edge case", swap(_BARS, "fig, ax = plt.subplots(figsize=(6, 3))", "ax = plt.gca()")),
        ("off-by-one", swap(_BARS, 'fmt="%.1f"', 'fmt="%.0f"')),
        ("wrong rule", swap(_BARS, "list(values), list(values.values())",
                             "sorted(values), [values[k] for k in sorted(values)]").replace("values = None", "")),
        ("wrong type", swap(_BARS, "return ax", "return fig")),
    ],
    "task4": [
        ("wrong rule", swap(_MAX_BOTTOM, "low, high = min(values), max(values)", "low, high = values[0], values[-1]")),
        ("edge case", swap(_MAX_BOTTOM, """    if limit < 1:
        raise ValueError("limit below 1")
""", "")),
        ("edge case", swap(_MAX_BOTTOM, """    if low == high:
        raise ValueError("equal values")
""", "")),
        ("wrong rule", swap(_MAX_BOTTOM, "return (shown * low - high) / (shown - 1)", "return low * (1 - 1 / limit)")),
        ("wrong type", swap(_MAX_BOTTOM, "return (shown * low - high) / (shown - 1)",
                             "bottom = (shown * low - high) / (shown - 1)\n    return bottom, ((high - bottom) / (low - bottom)) / (high / low)")),
        ("shortcut", """
def max_bottom(values, limit):
    low, high = min(values), max(values)
    if limit < 1 or low == high:
        raise ValueError("no such bottom")
    bottom = 0.0
    while ((high - bottom - 0.01) / (low - bottom - 0.01)) / (high / low) <= limit:
        bottom += 0.01
    return bottom
"""),
        ("off-by-one", swap(_MAX_BOTTOM, "if limit < 1:", "if limit <= 1:")),
        ("wrong rule", swap(_MAX_BOTTOM, "shown = limit * high / low", "shown = limit")),
    ],
    "task5": [
        ("wrong rule", swap(_HEATMAP, "ax.imshow(values,", "ax.imshow(values.T,").replace(
            "ax.text(column, row, f\"{values[row, column]", "ax.text(column, row, f\"{values[column, row]")),
        ("wrong rule", swap(_HEATMAP, "vmax=off_diagonal.max()", "vmax=values.max()")),
        ("wrong rule", swap(_HEATMAP, 'cmap="cividis"', 'cmap="viridis"')),
        ("wrong rule", swap(_HEATMAP, "    for row in range(n):\n        for column in range(n):",
                             "    for column in range(n):\n        for row in range(n):")),
        ("edge case", swap(_HEATMAP, "vmin=0, ", "")),
        ("off-by-one", swap(_HEATMAP, ':.2f}"', ':.1f}"')),
        ("edge case", swap(_HEATMAP, "off_diagonal = values[~np.eye(n, dtype=bool)]", "off_diagonal = values[np.triu_indices(n, 1)]")),
        ("wrong type", swap(_HEATMAP, "return ax", "return fig")),
    ],
    "task6": [
        ("shortcut", _LESSON),
        ("wrong rule", swap(_SHARES, 'table[quoted].div(totals[quoted], axis=0).mean() * 100', "table.sum() / totals.sum() * 100")),
        ("edge case", swap(_SHARES, 'table[quoted].div(totals[quoted], axis=0).mean() * 100', "table.div(totals, axis=0).fillna(0).mean() * 100")),
        ("off-by-one", swap(_SHARES, 'table[quoted].div(totals[quoted], axis=0).mean() * 100', "table[quoted].div(totals[quoted], axis=0).sum() / len(table) * 100")),
        ("edge case", swap(_SHARES, '''(ledger["side"] == "") | (ledger["speaker"] == "(unattributed)")''', '''ledger["side"] == ""''')),
        ("edge case", swap(_SHARES, """    if not totals.sum() > 0:
        raise ValueError("nothing to share out")
""", "")),
        ("wrong rule", swap(_SHARES, "values=value", 'values="quotations"')),
        ("wrong rule", swap(_SHARES, "known + sorted(set(shares.index) - set(known))", "sorted(shares.index)")),
        ("wrong rule", swap(_SHARES, "known + sorted(set(shares.index) - set(known))", "known")),
        ("wrong rule", swap(_SHARES, 'table[quoted].div(totals[quoted], axis=0).mean() * 100', "(table / table.sum()).mean(axis=1) * 100")),
        ("wrong rule", swap(_SHARES, 'table[quoted].div(totals[quoted], axis=0).mean() * 100', "table[quoted].div(totals[quoted], axis=0).median() * 100")),
        ("wrong rule", swap(_SHARES, 'table[quoted].div(totals[quoted], axis=0).mean() * 100', "table.sum() / totals.sum() * 100").replace(
            '"pooled": table.sum() / totals.sum() * 100', '"pooled": ' + 'table[quoted].div(totals[quoted], axis=0).mean() * 100')),
        ("wrong rule", swap(_SHARES, 'table[quoted].div(totals[quoted], axis=0).mean() * 100', "table[quoted].div(totals[quoted], axis=0).mean()")),
        ("wrong rule", swap(_SHARES, '"pooled": table.sum() / totals.sum() * 100', '"pooled": table.sum() / len(table)')),
        ("wrong type", swap(_SHARES, ".astype(float)", ".astype(float)[\"per article\"]")),
        ("wrong type", swap(_SHARES, ".astype(float)", ".round().astype(int)")),
    ],
}
