"""Problems found in the glossary, and the error that carries them."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from .plaintext import printable


@dataclass(frozen=True)
class Problem:
    """One thing wrong with the input, pointing at the file, line and column where it is."""

    path: str
    line: int
    column: int
    subject: str | None  # "term 'parameter'", "path 'x'", … or None for the file itself
    message: str
    primary: bool = False  # the cause of the other problems on its line (a duplicate slug): listed first

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}:{self.column}"
        text = f"{where}: {self.subject}: {self.message}" if self.subject else f"{where}: {self.message}"
        return printable(text)  # messages quote the file's text, and they go to a terminal


class GlossaryError(Exception):
    """The glossary cannot be built; ``problems`` lists every reason, in file order (on one line, a
    primary problem first)."""

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems = tuple(
            sorted(problems, key=lambda p: (p.line, not p.primary, p.column, p.subject or "", p.message))
        )
        count = len(self.problems)
        noun = "problem" if count == 1 else "problems"
        lines = [f"{count} {noun} in the glossary:", *(str(p) for p in self.problems)]
        super().__init__("\n".join(lines))
