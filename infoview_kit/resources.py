"""Where the bundled data lives: message templates, the question bank, samples.

The data sits in the repository's top-level ``data/`` folder, next to the
package, so the notebooks, the tests and an editable install all see the same
files.

>>> (data_dir() / "questions.csv").is_file()
True
>>> template_dir().name
'templates'
"""

from __future__ import annotations

from pathlib import Path

__all__ = ["data_dir", "template_dir"]


def data_dir() -> Path:
    """The top-level ``data/`` folder of the repository."""
    return Path(__file__).resolve().parents[1] / "data"


def template_dir() -> Path:
    """The folder of Jinja2 message templates (``data/templates``)."""
    return data_dir() / "templates"
