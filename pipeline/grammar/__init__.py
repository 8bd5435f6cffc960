"""The date and number grammar: language data as typed models, readings as typed values.

Modules, in the order a text goes through them:

- :mod:`~pipeline.grammar.tokens`: number, word and punctuation tokens with exact offsets;
- :mod:`~pipeline.grammar.data` and :mod:`~pipeline.grammar.lexicon`: each language's data
  files (``pipeline/lang/<lang>/``) validated and turned into word look-ups;
- :mod:`~pipeline.grammar.numbers`: numbers in digits and words;
- :mod:`~pipeline.grammar.counts`: counts (:class:`CountReading`);
- :mod:`~pipeline.grammar.date_parts`, :mod:`~pipeline.grammar.durations`,
  :mod:`~pipeline.grammar.periods` and :mod:`~pipeline.grammar.dates`: date expressions
  (:class:`DateReading`);
- :mod:`~pipeline.grammar.timex`: TIMEX3 values against the document date;
- :mod:`~pipeline.grammar.document`: one scan per document for the components, and span
  readers for the normalisers; :mod:`~pipeline.grammar.docdate`: the document date where
  the text states it.

The components ``rules.dates`` and ``rules.counts`` and the normalisers ``dates`` and
``counts`` are thin adapters over this package.
"""

from pipeline.grammar.counts import CountMatch, CountReading
from pipeline.grammar.date_parts import DateMatch, DateReading
from pipeline.grammar.document import DocumentScan, read_count, read_date, scan_document
from pipeline.grammar.lexicon import Lexicon, lexicon, lexicons_for
from pipeline.grammar.timex import DateValue, resolve

__all__ = [
    "CountMatch",
    "CountReading",
    "DateMatch",
    "DateReading",
    "DateValue",
    "DocumentScan",
    "Lexicon",
    "lexicon",
    "lexicons_for",
    "read_count",
    "read_date",
    "resolve",
    "scan_document",
]
