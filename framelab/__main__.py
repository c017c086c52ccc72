"""Command line: ``python -m framelab COMMAND``.

Commands:
  doctor    check that this machine is ready for the lessons (exit 0 when all is well)
  catalog   draft catalog.csv and sides.tsv for a folder of .txt articles (exit 2 on bad input)
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence

from framelab.catalog import main as catalog_main
from framelab.doctor import main as doctor_main

#: command name -> (one-line help, function taking the remaining arguments, returning the exit code)
COMMANDS: dict[str, tuple[str, Callable[[Sequence[str]], int]]] = {
    "doctor": ("check that this machine is ready for the lessons", doctor_main),
    "catalog": ("draft catalog.csv and sides.tsv for a folder of .txt articles (FOLDER, --force, --stdout)", catalog_main),
}


def main(argv: Sequence[str] | None = None) -> int:
    """Dispatch to a command; no command or an unknown one prints usage and exits 2."""
    parser = argparse.ArgumentParser(
        prog="python -m framelab",
        description="Framing Lab helpers.",
        epilog="commands:\n" + "\n".join(f"  {name:<10}{text}" for name, (text, _) in COMMANDS.items()),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("command", choices=sorted(COMMANDS), help="what to do")
    parser.add_argument("args", nargs=argparse.REMAINDER, help=argparse.SUPPRESS)
    argv = sys.argv[1:] if argv is None else list(argv)
    if not argv:  # argparse would also complain about the hidden "args"; say it plainly
        parser.error(f"name a command: {', '.join(sorted(COMMANDS))}")  # exits 2
    options = parser.parse_args(argv)  # exits 2 with the usage on an unknown command
    return COMMANDS[options.command][1](options.args)


if __name__ == "__main__":
    raise SystemExit(main())
