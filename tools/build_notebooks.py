"""Write every notebook under notebooks/ from its text in tools/notebook_text/ (no outputs).

    python -m tools.build_notebooks           # rewrite the notebooks
    python -m tools.build_notebooks --check   # exit 1 and name each notebook that differs

Change the text in ``tools/notebook_text/``, never the ``.ipynb`` files: a test
(tests/workshop/test_committed_notebooks.py) fails when a committed notebook
differs from what this script writes.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import nbformat

from tools.notebook_text import Cell, advisor, decide, prep, reflect, start

NOTEBOOK_DIR = Path(__file__).resolve().parents[1] / "notebooks"

#: Relative path without ``.ipynb`` -> its cells, in workbook order.
NOTEBOOKS: dict[str, list[Cell]] = {
    **start.NOTEBOOKS,
    **prep.NOTEBOOKS,
    **reflect.NOTEBOOKS,
    **decide.NOTEBOOKS,
    **advisor.NOTEBOOKS,
}

METADATA = {
    "kernelspec": {"display_name": "Python 3", "language": "python", "name": "python3"},
    "language_info": {"name": "python"},
}


def build(name: str) -> nbformat.NotebookNode:
    """The notebook ``name`` (e.g. ``"03_request"``): no outputs, stable cell ids."""
    nb = nbformat.v4.new_notebook(metadata=METADATA)
    prefix = Path(name).name[:2]
    for number, (kind, source, *rest) in enumerate(NOTEBOOKS[name]):
        new = nbformat.v4.new_markdown_cell if kind == "md" else nbformat.v4.new_code_cell
        cell = new(source)
        cell.id = f"{prefix}-{number:02d}"  # stable ids: rebuilding gives the same file
        if rest and rest[0]:
            cell.metadata["tags"] = list(rest[0])
        nb.cells.append(cell)
    nbformat.validate(nb)
    return nb


def notebook_text(name: str) -> str:
    """The exact file content of notebook ``name`` (what Jupyter itself would write)."""
    return nbformat.writes(build(name)) + "\n"


def differing(folder: Path = NOTEBOOK_DIR) -> list[str]:
    """Names of the notebooks whose file in ``folder`` is missing or differs from :func:`build`."""
    out = []
    for name in NOTEBOOKS:
        path = folder / f"{name}.ipynb"
        if not path.exists() or path.read_text(encoding="utf-8") != notebook_text(name):
            out.append(name)
    return out


def write_all(folder: Path = NOTEBOOK_DIR) -> list[Path]:
    """Write every notebook into ``folder``; returns the paths written."""
    written = []
    for name in NOTEBOOKS:
        path = folder / f"{name}.ipynb"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(notebook_text(name), encoding="utf-8")
        written.append(path)
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="only report notebooks that differ")
    args = parser.parse_args(argv)
    if args.check:
        stale = differing()
        for name in stale:
            print(f"notebooks/{name}.ipynb differs from tools/notebook_text: run make notebooks")
        return 1 if stale else 0
    for path in write_all():
        print(path.relative_to(NOTEBOOK_DIR.parent))
    return 0


if __name__ == "__main__":
    sys.exit(main())
