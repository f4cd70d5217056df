"""Keep the workbook notebooks clean: a participant's work is saved in the workbook, not in them.

JupyterLab saves a notebook with its outputs: names, e-mails and notes shown
by the forms, and widget views that point to a kernel which no longer exists
(reopened, they show "Error displaying widget: model not found"). The server
started by ``make lab`` runs :func:`strip_on_save` before every save (see
``tools/jupyter_server_config.py``), so the file on disk always looks as it was
shipped and reopens like new. :func:`clean_notebook` is the pure function
behind it.

>>> nb = {"metadata": {"widgets": {"state": {}}, "language_info": {"name": "python",
...       "version": "3.12"}}, "cells": [{"cell_type": "code", "source": "1 + 1",
...       "execution_count": 3, "outputs": [{"output_type": "execute_result"}],
...       "metadata": {"tags": ["optional"], "execution": {}}}]}
>>> clean = clean_notebook(nb)
>>> clean["cells"][0]["outputs"], clean["cells"][0]["execution_count"]
([], None)
>>> clean["cells"][0]["metadata"], clean["metadata"]
({'tags': ['optional']}, {'language_info': {'name': 'python'}})
>>> nb["cells"][0]["execution_count"]  # the input is left as it was
3
"""

from __future__ import annotations

import copy
import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any

__all__ = ["clean_notebook", "has_outputs", "strip_on_save"]

#: Cell metadata worth keeping (tags mark optional and parameter cells); the rest is session state.
_CELL_KEYS = ("tags",)
#: Notebook metadata the kernel or the widget manager adds while it runs.
_SESSION_KEYS = ("widgets",)


def clean_notebook(
    nb: Mapping[str, Any], *, saved: Mapping[str, Any] | None = None
) -> dict[str, Any]:
    """A copy of a notebook (as a dict) without outputs, counts, widget state or run metadata.

    ``saved`` is the notebook as it is on disk: when it runs the same kernel,
    its notebook metadata is kept as it was (JupyterLab rewrites the kernel's
    display name and language details on every save, which would show as a
    change).
    """
    out = copy.deepcopy(dict(nb))
    out["metadata"] = _clean_metadata(out.get("metadata") or {}, saved)
    for cell in out.get("cells") or []:
        cell["metadata"] = {
            k: v for k, v in dict(cell.get("metadata") or {}).items() if k in _CELL_KEYS
        }
        if cell.get("cell_type") == "code":
            cell["outputs"] = []
            cell["execution_count"] = None
    return out


def _kernel(metadata: Mapping[str, Any]) -> str | None:
    return (metadata.get("kernelspec") or {}).get("name")


def _clean_metadata(metadata: Mapping[str, Any], saved: Mapping[str, Any] | None) -> dict[str, Any]:
    before = dict((saved or {}).get("metadata") or {})
    if saved is not None and _kernel(before) == _kernel(metadata):
        return copy.deepcopy(before)
    out = {k: v for k, v in dict(metadata).items() if k not in _SESSION_KEYS}
    if "language_info" in out:  # the kernel fills in its version, lexer...: keep the name
        out["language_info"] = {"name": out["language_info"].get("name", "python")}
    return out


def has_outputs(nb: Mapping[str, Any]) -> bool:
    """True if any code cell holds an output or an execution count, or widget state is saved.

    >>> has_outputs({"metadata": {}, "cells": [{"cell_type": "code", "outputs": [],
    ...              "execution_count": None}]})
    False
    """
    if "widgets" in (nb.get("metadata") or {}):
        return True
    return any(
        cell.get("outputs") or cell.get("execution_count") is not None
        for cell in nb.get("cells") or []
        if cell.get("cell_type") == "code"
    )


def strip_on_save(*, model: dict[str, Any], path: str = "", contents_manager=None, **_: Any):
    """Jupyter server ``pre_save_hook``: save notebooks as :func:`clean_notebook` makes them.

    Jupyter calls it with the contents model about to be written; changing
    that model is how a hook changes what is saved. Other files pass through.
    """
    if model.get("type") != "notebook" or not isinstance(model.get("content"), Mapping):
        return
    model["content"] = clean_notebook(model["content"], saved=_on_disk(contents_manager, path))


def _on_disk(contents_manager, path: str) -> dict[str, Any] | None:
    """The notebook file as it is now (None if new, unreadable or outside the server's root)."""
    root = getattr(contents_manager, "root_dir", None)
    if not root or not path:
        return None
    file = Path(root, path.strip("/"))
    try:
        return json.loads(file.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
