"""Errors that carry where the problem is: file, line, record id and field."""

from __future__ import annotations


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
        super().__init__(": ".join([", ".join(parts), message]))


class ConfigError(PipelineError):
    """A config file problem: names the file and the dotted key."""

    def __init__(self, path: str, key: str, message: str) -> None:
        self.path = path
        self.key = key
        super().__init__(f"{path}: key '{key}': {message}")


class ModelNotFoundError(PipelineError):
    """A model named in a config is missing; the message says how to get it."""
