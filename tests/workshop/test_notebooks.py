"""Notebooks: generated from one place, shipped without outputs, kept clean on save."""

from __future__ import annotations

import json
import runpy
import subprocess

import pytest

from infoview_kit.workshop.notebooks import clean_notebook, has_outputs, strip_on_save
from tests.helpers import REPO
from tools import build_notebooks


def tracked_notebooks() -> list[str]:
    """Every notebook git tracks (every one on disk outside the workbook if git is absent)."""
    try:
        listed = subprocess.run(
            ["git", "ls-files", "*.ipynb"], cwd=REPO, capture_output=True, text=True, check=True
        ).stdout.split()
    except (OSError, subprocess.CalledProcessError):
        listed = []
    if listed:
        return sorted(listed)
    found = (REPO / "notebooks").rglob("*.ipynb")
    return sorted(
        str(p.relative_to(REPO))
        for p in found
        if "my_workbook" not in p.parts and ".ipynb_checkpoints" not in p.parts
    )


def test_no_tracked_notebook_holds_outputs_or_widget_state():
    notebooks = tracked_notebooks()
    assert "notebooks/00_start_here.ipynb" in notebooks
    dirty = [
        path
        for path in notebooks
        if has_outputs(json.loads((REPO / path).read_text(encoding="utf-8")))
    ]
    assert dirty == [], f"notebooks with outputs (run make notebooks): {dirty}"


def test_committed_notebooks_are_exactly_what_the_generator_writes():
    assert build_notebooks.differing() == []


def test_every_tracked_notebook_comes_from_the_generator():
    generated = {f"notebooks/{name}.ipynb" for name in build_notebooks.NOTEBOOKS}
    assert set(tracked_notebooks()) == generated


def test_the_generator_writes_into_a_folder_and_check_mode_names_what_differs(tmp_path):
    written = build_notebooks.write_all(tmp_path)
    assert len(written) == len(build_notebooks.NOTEBOOKS)
    assert build_notebooks.differing(tmp_path) == []
    (tmp_path / "03_request.ipynb").write_text("{}", encoding="utf-8")
    assert build_notebooks.differing(tmp_path) == ["03_request"]


def test_cells_for_python_users_are_tagged_optional_and_say_so():
    for name in build_notebooks.NOTEBOOKS:
        cells = build_notebooks.build(name).cells
        for i, cell in enumerate(cells):
            if "optional" not in cell.metadata.get("tags", []):
                continue
            text_before = next(c.source for c in reversed(cells[:i]) if c.cell_type == "markdown")
            assert "optional" in text_before.lower(), f"{name} cell {i}: say it is optional"


def lived_in(nb: dict) -> dict:
    """A notebook as JupyterLab saves it after a session: outputs, counts, widget state."""
    nb = json.loads(json.dumps(nb))
    nb["metadata"]["widgets"] = {"application/vnd.jupyter.widget-state+json": {"state": {}}}
    nb["metadata"]["language_info"] = {"name": "python", "version": "3.12.1", "mimetype": "x"}
    for n, cell in enumerate(c for c in nb["cells"] if c["cell_type"] == "code"):
        cell["execution_count"] = n + 1
        cell["metadata"]["execution"] = {"iopub.status.idle": "2026-01-01T10:00:00Z"}
        cell["metadata"]["trusted"] = True
        cell["outputs"] = [
            {"output_type": "stream", "name": "stdout", "text": "Ada Example ada@example.com"}
        ]
    return nb


@pytest.mark.parametrize("name", ["02_introduction", "advisor/cohort_report"])
def test_a_saved_session_comes_back_exactly_as_shipped(name):
    shipped = json.loads(build_notebooks.notebook_text(name))
    used = lived_in(shipped)
    assert has_outputs(used) and not has_outputs(shipped)
    assert clean_notebook(used) == shipped
    assert used == lived_in(shipped)  # the input is left as it was


def test_the_pre_save_hook_keeps_the_metadata_on_disk(tmp_path):
    shipped = build_notebooks.notebook_text("02_introduction")
    (tmp_path / "02_introduction.ipynb").write_text(shipped, encoding="utf-8")
    used = lived_in(json.loads(shipped))
    used["metadata"]["kernelspec"]["display_name"] = "Python 3 (ipykernel)"
    model = {"type": "notebook", "content": used}
    server = type("ContentsManager", (), {"root_dir": str(tmp_path)})()
    strip_on_save(model=model, path="/02_introduction.ipynb", contents_manager=server)
    assert model["content"] == json.loads(shipped)
    new = {"type": "notebook", "content": lived_in(json.loads(shipped))}
    strip_on_save(model=new, path="new.ipynb", contents_manager=server)  # not on disk yet
    assert not has_outputs(new["content"])


def test_the_pre_save_hook_cleans_notebooks_and_leaves_other_files_alone():
    nb = lived_in(json.loads(build_notebooks.notebook_text("05_meeting")))
    model = {"type": "notebook", "content": nb}
    strip_on_save(model=model, path="05_meeting.ipynb", contents_manager=None)
    assert not has_outputs(model["content"])
    text_file = {"type": "file", "content": "Ada Example", "format": "text"}
    strip_on_save(model=text_file, path="notes.txt", contents_manager=None)
    assert text_file["content"] == "Ada Example"


def test_the_lab_config_installs_the_hook():
    class Section(dict):
        def __getattr__(self, key):
            return self.setdefault(key, Section())

        def __setattr__(self, key, value):
            self[key] = value

    config = Section()
    runpy.run_path(str(REPO / "tools" / "jupyter_server_config.py"), {"get_config": lambda: config})
    hook = config.ContentsManager.pre_save_hook
    module, _, function = hook.rpartition(".")
    assert getattr(__import__(module, fromlist=[function]), function) is strip_on_save
    makefile = (REPO / "Makefile").read_text(encoding="utf-8")
    assert "--config=../tools/jupyter_server_config.py" in makefile
