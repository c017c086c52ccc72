"""deploy/limits.toml, read once: the per-student limits every deployment must repeat.

tomllib exists from Python 3.11; on 3.10 a small reader takes the flat
``key = number`` lines of each ``[table]``, which is all the file holds.
"""

from __future__ import annotations

import re
from pathlib import Path

LIMITS = Path(__file__).resolve().parents[2] / "deploy" / "limits.toml"


def parse_flat_toml(text: str) -> dict[str, dict[str, float | int]]:
    """Tables of numbers from TOML text (comments and blank lines skipped).

    >>> parse_flat_toml("# x\\n[user]\\nmem = 1024  # MiB\\ncpu = 1.5\\n")
    {'user': {'mem': 1024, 'cpu': 1.5}}
    """
    tables: dict[str, dict[str, float | int]] = {}
    current = None
    for line in text.splitlines():
        line = re.sub(r"#.*", "", line).strip()
        if not line:
            continue
        header = re.fullmatch(r"\[([\w.-]+)\]", line)
        if header:
            current = tables.setdefault(header.group(1), {})
            continue
        key, _, value = (part.strip() for part in line.partition("="))
        if current is None or not _:
            raise ValueError(f"deploy/limits.toml: cannot read {line!r}; write `key = number` under a [table]")
        current[key] = float(value) if "." in value else int(value)
    return tables


def read_limits(path: Path = LIMITS) -> dict[str, dict[str, float | int]]:
    """deploy/limits.toml as {table: {key: number}}; raises FileNotFoundError if it is missing."""
    text = path.read_text(encoding="utf-8")
    try:
        import tomllib
    except ModuleNotFoundError:  # Python 3.10
        return parse_flat_toml(text)
    return tomllib.loads(text)
