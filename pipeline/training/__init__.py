"""Training: sources -> datasets, spaCy and transformers trainers, formats, crossval, cards."""
