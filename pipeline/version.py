"""The package's version, apart from the package's API so that low modules can read it."""

__version__ = "0.1.0"
