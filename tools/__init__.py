"""Maintainer scripts (not shipped in the package): run them as ``python -m tools.<name>``."""
