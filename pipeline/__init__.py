"""Extraction of people, places, dates, counts and organisations from Kazakh and English news."""

from pipeline.types import Document, Span

__all__ = ["Document", "Span"]
__version__ = "0.1.0"
