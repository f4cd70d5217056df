"""The words and code of every notebook, one module per group (written by tools.build_notebooks).

A cell is ``(kind, source)`` or ``(kind, source, tags)``: ``kind`` is ``"md"``
or ``"code"``; ``tags`` a tuple of cell tags, e.g. ``("optional",)`` for cells
meant for people who write Python, ``("parameters",)`` for papermill.
"""

from __future__ import annotations

Cell = tuple[str, str] | tuple[str, str, tuple[str, ...]]

#: Tag of a cell meant for people who write Python; the text before it says so too.
OPTIONAL = ("optional",)
