"""The documented error types: everything `strip` raises is a `StripperError`."""
from __future__ import annotations


class StripperError(Exception):
    """Base class of every error stripper raises on purpose."""


class UnsupportedInput(StripperError, ValueError):
    """The input is not a web page or text (a PDF, an image, binary junk)."""


class InputTooLarge(StripperError, ValueError):
    """The input is larger than the configured size limit."""


class RuleError(StripperError, ValueError):
    """A rule file is malformed; the message names the file, the rule and the problem."""

    def __init__(self, file: str, rule: str | None, problem: str) -> None:
        self.file, self.rule, self.problem = file, rule, problem
        where = f"{file}: rule {rule!r}" if rule else file
        super().__init__(f"{where}: {problem}")

    def __reduce__(self):
        """Rebuild from the three fields: a worker process's error must reach the parent whole
        (the default pickling passes only the message, and unpickling it raised TypeError)."""
        return type(self), (self.file, self.rule, self.problem)
