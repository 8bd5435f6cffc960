"""Errors that carry where the problem is: file, line, record id and field."""

from __future__ import annotations

import unicodedata

# Categories escaped wherever a message quotes input: controls (a newline would forge a
# log line, ESC drives the terminal), format characters (bidi overrides, zero-width),
# lone surrogates, line and paragraph separators.
_ESCAPED_CATEGORIES = frozenset({"Cc", "Cf", "Cs", "Zl", "Zp"})


def printable(text: str) -> str:
    """``text`` with control, format and surrogate characters written as ``\\x1b``,
    ``\\u202e``, ...: one line, nothing a terminal or log reader would act on. Idempotent."""
    if text.isprintable():
        return text
    out = []
    for ch in text:
        if unicodedata.category(ch) in _ESCAPED_CATEGORIES:
            n = ord(ch)
            out.append(
                f"\\x{n:02x}" if n < 0x100 else f"\\u{n:04x}" if n < 0x10000 else f"\\U{n:08x}"
            )
        else:
            out.append(ch)
    return "".join(out)


class PipelineError(Exception):
    """A user-facing error, printed as one line."""


class InputError(PipelineError):
    """Bad input data: names the file, the line (1-based) and the field."""

    def __init__(
        self,
        path: str,
        message: str,
        line: int | None = None,
        record_id: str | None = None,
        field: str | None = None,
    ) -> None:
        self.path = path
        self.line = line
        self.record_id = record_id
        self.field = field
        self.reason = message
        where = path if line is None else f"{path}:{line}"
        parts = [where]
        if record_id is not None:
            parts.append(f"id={record_id}")
        if field is not None:
            parts.append(f"field '{field}'")
        # Paths, ids and reasons quote input: escaped so that a message stays one line.
        super().__init__(printable(": ".join([", ".join(parts), message])))


class ConfigError(PipelineError):
    """A config file problem: names the file and the dotted key."""

    def __init__(self, path: str, key: str, message: str) -> None:
        self.path = path
        self.key = key
        super().__init__(f"{path}: key '{key}': {message}")


class ModelNotFoundError(PipelineError):
    """A model named in a config is missing; the message says how to get it."""
