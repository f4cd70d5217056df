"""Synthetic data: the seeded sample generator and the catalogue of awkward inputs.

Every person here is invented; e-mail addresses are at example.com.
"""

from infoview_kit.datasets.awkward import NOT_LOGS, awkward_inputs, make_tracker
from infoview_kit.datasets.simulate import (
    cohort,
    personal_log,
    personal_tracker,
    write_sample,
)

__all__ = [
    "NOT_LOGS",
    "awkward_inputs",
    "cohort",
    "make_tracker",
    "personal_log",
    "personal_tracker",
    "write_sample",
]
