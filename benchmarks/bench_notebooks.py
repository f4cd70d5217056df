"""How long does running every notebook take, as CI runs them?

Copies ``notebooks/`` (and links ``data/``) into a temporary folder, points
``$INFOVIEW_WORKBOOK`` at a fresh temporary workbook, and executes each
notebook top to bottom with nbclient in its own folder, in the order a
workshop takes them (``00`` ... ``07``, then ``advisor/``). Prints each
notebook's seconds (kernel start included) and the total. The baseline in
the same run is an empty notebook (one ``pass`` cell): the kernel start-up
every notebook pays. Target: all notebooks under 60 s in total.

Run: ``.venv/bin/python benchmarks/bench_notebooks.py``
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
import time
from pathlib import Path

from _common import ROOT, print_machine

TARGET_SECONDS = 60.0


def notebooks(root: Path) -> list[Path]:
    """The notebooks in workshop order: the numbered ones, then the advisor's."""
    own = sorted(root.glob("*.ipynb"))
    advisor = sorted((root / "advisor").glob("*.ipynb"))
    return own + advisor


def execute(path: Path, *, env: dict[str, str]) -> float:
    """Run one notebook in its folder; return the wall seconds (raises on a cell error)."""
    import nbformat
    from nbclient import NotebookClient

    book = nbformat.read(path, as_version=4)
    old = {k: os.environ.get(k) for k in env}
    os.environ.update(env)
    try:
        start = time.perf_counter()
        NotebookClient(
            book, timeout=600, kernel_name="python3", resources={"metadata": {"path": path.parent}}
        ).execute(stderr=subprocess.DEVNULL)  # the kernel's start-up chatter
        return time.perf_counter() - start
    finally:
        for key, value in old.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value


def empty_notebook(folder: Path) -> Path:
    import nbformat

    path = folder / "empty.ipynb"
    book = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("pass")])
    nbformat.write(book, path)
    return path


def main() -> float:
    print_machine()
    with tempfile.TemporaryDirectory(prefix="bench-notebooks-") as tmp:
        root = Path(tmp)
        shutil.copytree(
            ROOT / "notebooks",
            root / "notebooks",
            ignore=shutil.ignore_patterns(".ipynb_checkpoints", "my_workbook", "__pycache__"),
        )
        (root / "data").symlink_to(ROOT / "data", target_is_directory=True)
        env = {
            "INFOVIEW_WORKBOOK": str(root / "workbook"),
            "MPLBACKEND": "module://matplotlib_inline.backend_inline",
            "MPLCONFIGDIR": str(root / "mpl"),
            "IPYTHONDIR": str(root / "ipython"),
        }
        base = execute(empty_notebook(root), env=env)
        print(f"{'baseline: empty notebook (kernel start)':>44}: {base:6.2f} s", flush=True)
        total = 0.0
        for path in notebooks(root / "notebooks"):
            seconds = execute(path, env=env)
            total += seconds
            name = path.relative_to(root / "notebooks").as_posix()
            print(f"{name:>44}: {seconds:6.2f} s  ({seconds / base:4.1f}x the empty one)",
                  flush=True)  # fmt: skip
    verdict = "met" if total < TARGET_SECONDS else "MISSED"
    print(f"{'total':>44}: {total:6.2f} s (target under {TARGET_SECONDS:.0f} s: {verdict}; "
          f"{total / TARGET_SECONDS:.2f} of it)")  # fmt: skip
    return total


if __name__ == "__main__":
    main()
