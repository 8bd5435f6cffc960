"""English (``en``): spaCy's own language class; this folder holds the language's data
(``language.yaml`` and the files it names; docs/languages.md)."""
