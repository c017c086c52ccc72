"""A text progress bar for a grading run, on stderr."""

from __future__ import annotations

import time
from typing import TextIO


class Progress:
    """A text progress bar on ``stream``: redrawn in place on a terminal, a line per 10 % otherwise."""

    def __init__(self, total: int, stream: TextIO, width: int = 30) -> None:
        self.total, self.stream, self.width = total, stream, width
        self.done, self.start = 0, time.perf_counter()
        self.tty = hasattr(stream, "isatty") and stream.isatty()
        self._printed_tenth = -1

    def step(self, label: str) -> None:
        self.done += 1
        filled = self.width * self.done // max(self.total, 1)
        bar = "#" * filled + "-" * (self.width - filled)
        line = f"grading [{bar}] {self.done}/{self.total} {time.perf_counter() - self.start:5.0f} s  {label}"
        if self.tty:
            self.stream.write("\r" + line[:120].ljust(120))
            if self.done == self.total:
                self.stream.write("\n")
        else:
            tenth = 10 * self.done // max(self.total, 1)
            if tenth != self._printed_tenth or self.done == self.total:
                self._printed_tenth = tenth
                self.stream.write(line + "\n")
        self.stream.flush()
