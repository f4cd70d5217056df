"""readable_table: the one formatter of every table a participant sees."""

from __future__ import annotations

import os
import re

import numpy as np
import pandas as pd
import pytest

from infoview_kit.workshop.tables import readable_table
from tests.helpers import REPO
from tools import build_notebooks

#: Words that betray raw pandas or internal columns in what a participant reads.
RAW = re.compile(r"dtype|contact_id|\bowner\b|\bNaN\b|\bNaT\b|<NA>|\bNone\b|\bTrue\b|\bFalse\b")


def awkward_frame() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "owner": ["me", "me", "me"],
            "contact_id": ["c-1", "c-2", "c-3"],
            "name": ["Ada Example", None, "<b>Bo</b> Sample"],
            "channel": pd.Categorical(["in_person", "email", None]),
            "due_on": pd.to_datetime(["2025-06-10", None, "2025-06-12"]),
            "minutes": [5.0, np.nan, 2.5],
            "kept": [True, False, True],
            "reason": ["a long reason " * 20, pd.NA, ""],
        }
    )


def test_no_internal_column_missing_value_or_code_reaches_the_reader():
    frame = awkward_frame()
    before = frame.copy()
    table = readable_table(frame)
    assert table.columns == ["Name", "Channel", "Due", "Minutes", "Row kept?", "Why"]
    assert table.rows[0][:5] == ["Ada Example", "in person", "Tue 10 Jun 2025", "5", "yes"]
    assert table.rows[1][:5] == ["", "email", "", "", "no"]
    assert table.rows[2][3] == "2.5"
    html = table.to_html()
    assert RAW.search(html) is None and "c-1" not in html
    pd.testing.assert_frame_equal(frame, before)  # the input is left as it was


def test_text_is_escaped_wrapped_and_coloured_by_the_theme():
    html = readable_table(awkward_frame()).to_html()
    assert "&lt;b&gt;Bo&lt;/b&gt; Sample" in html and "<b>Bo" not in html
    assert "white-space:normal" in html and "overflow-wrap:break-word" in html
    assert "var(--jp-content-font-color1" in html and "#444" not in html
    assert "<th scope='col'" in html


def test_columns_pick_order_and_rename_and_a_wrong_name_is_named():
    frame = awkward_frame()
    assert readable_table(frame, columns=["due_on", "name"]).columns == ["Due", "Name"]
    assert readable_table(frame, columns={"name": "Who"}).columns == ["Who"]
    assert readable_table(frame, columns=["contact_id", "name"]).columns == ["Name"]
    with pytest.raises(KeyError, match="no column phone"):
        readable_table(frame, columns=["phone"])


def test_counts_question_topics_frameworks_and_long_tables():
    counts = pd.Series(["Booster", "Booster", "Obligate"], name="type").value_counts()
    assert readable_table(counts).columns == ["Kind of answer", "People"]
    assert readable_table(counts).rows == [["Booster", "2"], ["Obligate", "1"]]
    bank = pd.DataFrame(
        {"category": ["path"], "frameworks": ["Bolles:how_in;TIARA:Insights;Bolles:who"]}
    )
    assert readable_table(bank).rows == [["How they got here", "Bolles, TIARA"]]
    long = readable_table(pd.DataFrame({"name": [f"P{i}" for i in range(30)]}), max_rows=10)
    assert len(long.rows) == 10 and "… and 20 more." in long.to_html()
    empty = readable_table(pd.DataFrame({"name": []}), empty="Nothing due.")
    assert "Nothing due." in empty.to_html()


DISPLAYED = ("text/html", "text/markdown", "image/png", "text/plain")
PARTICIPANT_NOTEBOOKS = [
    name for name in build_notebooks.NOTEBOOKS if not name.startswith("advisor/")
]


@pytest.mark.slow
@pytest.mark.parametrize("name", PARTICIPANT_NOTEBOOKS)
def test_no_participant_cell_shows_raw_pandas(name, tmp_path, monkeypatch):
    """Run the notebook; every output of a cell not tagged ``optional`` reads as plain words."""
    from nbclient import NotebookClient

    monkeypatch.setenv("INFOVIEW_WORKBOOK", str(tmp_path / "workbook"))
    monkeypatch.setenv("MPLBACKEND", "Agg")
    nb = build_notebooks.build(name)
    folder = (REPO / "notebooks" / name).parent
    NotebookClient(nb, timeout=120, resources={"metadata": {"path": str(folder)}}).execute(
        env=dict(os.environ)
    )
    for cell in nb.cells:
        if cell.cell_type != "code" or "optional" in cell.metadata.get("tags", []):
            continue
        for output in cell.outputs:
            data = output.get("data", {})
            if "application/vnd.jupyter.widget-view+json" in data:
                continue  # a widget: its text is checked in the browser tests
            # what Jupyter shows: the richest form of the output
            shown = output.get("text", "") + str(
                next((data[k] for k in DISPLAYED if k in data), "")
            )
            assert RAW.search(shown) is None, f"{name}: {cell.source[:60]!r} shows {shown[:300]!r}"
