"""Test helpers: shared paths, cases and the browser harness (imported as ``tests.helpers``)."""

from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
SAMPLE = REPO / "data" / "sample"
