"""The project's promises about itself: light import, matching dependency lists, a CLI."""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
import yaml  # comes with jupyter_events (jupyterlab); only the tests read YAML

import infoview_kit
from infoview_kit.cli import build_parser, main
from infoview_kit.datasets import awkward_inputs
from infoview_kit.workshop.workspace import workbook_path

REPO = Path(__file__).resolve().parents[1]
HEAVY = ("matplotlib", "ipywidgets", "statsmodels", "networkx", "IPython", "jinja2")


def _name(requirement: str) -> str:
    return re.split(r"[<>=!~ \[;]", requirement, maxsplit=1)[0].strip().lower()


def _spec(requirement: str) -> str:
    """``name>=1.0`` with no spaces or comments: pip's and conda's spellings agree for these."""
    return requirement.split("#", 1)[0].replace(" ", "").lower()


def _environment(path: Path) -> tuple[set[str], list[str]]:
    """The conda and pip requirements of an environment file (python and pip themselves aside)."""
    env = yaml.safe_load(path.read_text(encoding="utf-8"))
    listed, python = set(), []
    for dep in env["dependencies"]:
        if isinstance(dep, dict):
            listed |= {_spec(r) for r in dep["pip"] if not r.startswith("-e")}
        elif _name(dep) == "python":
            python.append(dep)
        elif dep != "pip":
            listed.add(_spec(dep))
    return listed, python


PROJECT = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]
RUNTIME = {_spec(r) for r in PROJECT["dependencies"]}
LAB = {_spec(r) for r in PROJECT["optional-dependencies"]["lab"]}
TEST = {_spec(r) for r in PROJECT["optional-dependencies"]["test"]}


def test_environment_yml_lists_the_same_dependencies_and_floors_as_pyproject():
    listed, python = _environment(REPO / "environment.yml")
    assert listed == RUNTIME | LAB | TEST
    assert python == ["python=3.12"]  # a pin Binder's builder and conda both read


def test_binder_environment_is_the_workbook_without_the_test_tools():
    listed, python = _environment(REPO / "binder" / "environment.yml")
    assert listed == RUNTIME | LAB
    assert python == ["python=3.12"]
    post_build = REPO / "binder" / "postBuild"
    assert post_build.stat().st_mode & 0o111  # Binder runs it only when it is executable
    assert "pip install --no-deps" in post_build.read_text(encoding="utf-8")


def test_every_floor_in_pyproject_says_why():
    text = (REPO / "pyproject.toml").read_text(encoding="utf-8")
    block = text[text.index("dependencies = [") : text.index("[project.scripts]")]
    for line in block.splitlines():
        if re.match(r'\s*"[a-z].*>=', line) and _name(line.strip(' "')) not in _ONCE_EXPLAINED:
            assert "#" in line, f"no reason given for the floor of {line.strip()}"


# The test extra repeats these lab packages; their reasons are given once, in the lab extra.
_ONCE_EXPLAINED = {"jupyterlab", "voila", "papermill", "ruff"}


def test_import_stays_light():
    code = (
        "import sys, infoview_kit, infoview_kit.model, infoview_kit.schema, infoview_kit.io.load, "
        "infoview_kit.io.store, infoview_kit.cli;"
        f"print(sorted(m for m in {HEAVY!r} if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_public_names_resolve():
    for name in infoview_kit.__all__:
        assert getattr(infoview_kit, name) is not None


def test_cli_reports_missing_file_in_one_line(capsys, tmp_path):
    missing = tmp_path / "nowhere.csv"
    assert main(["validate", str(missing)]) == 1
    err = capsys.readouterr().err.strip()
    assert err.startswith("infoview: ") and "\n" not in err and "nowhere.csv" in err


def test_cli_runs_as_installed_console_script(tmp_path):
    script = Path(sys.executable).with_name("infoview")
    out = subprocess.run([str(script), "--help"], capture_output=True, text=True, check=True)
    assert "validate" in out.stdout and "summary" in out.stdout


def test_workbook_path_prefers_argument_then_environment(monkeypatch, tmp_path):
    monkeypatch.setenv("INFOVIEW_WORKBOOK", str(tmp_path / "from_env"))
    assert workbook_path() == tmp_path / "from_env"
    assert workbook_path(tmp_path / "given") == tmp_path / "given"
    monkeypatch.delenv("INFOVIEW_WORKBOOK")
    assert workbook_path() == Path("my_workbook")


def test_cli_new_key_then_pseudonymised_report(tmp_path, capsys):
    key = tmp_path / "cohort.key"
    assert (
        main(
            [
                "report",
                str(REPO / "data/sample/cohort"),
                "-o",
                str(tmp_path / "r.html"),
                "--pseudonymise",
                "--key-file",
                str(key),
            ]
        )
        == 1
    )
    assert "infoview new-key" in capsys.readouterr().err
    assert main(["new-key", str(key)]) == 0
    assert main(["new-key", str(key)]) == 1  # never overwritten
    assert (
        main(
            [
                "report",
                str(REPO / "data/sample/cohort"),
                "-o",
                str(tmp_path / "r.html"),
                "--pseudonymise",
                "--key-file",
                str(key),
                "--as-of",
                "2026-04-17",
            ]
        )
        == 0
    )
    html = (tmp_path / "r.html").read_text(encoding="utf-8")
    assert "Pseudonymised" in html and key.read_text().strip() not in html


def _all_parsers(parser):
    yield parser
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for sub in action.choices.values():
                yield from _all_parsers(sub)


def test_every_cli_argument_has_a_help_line():
    missing = [
        f"{parser.prog} {action.dest}"
        for parser in _all_parsers(build_parser())
        for action in parser._actions
        if not (action.help or "").strip() and not isinstance(action, argparse._SubParsersAction)
    ]
    assert missing == []


def test_cli_help_shows_defaults(capsys):
    with pytest.raises(SystemExit) as stop:
        main(["validate", "--help"])
    assert stop.value.code == 0
    text = " ".join(capsys.readouterr().out.split())
    assert "problems listed in text mode (default: 50)" in text
    assert "--json print the report as JSON --max-problems" in text  # no "(default: False)"


def test_validate_strict_exits_3_when_a_row_is_rejected(tmp_path, capsys):
    name, data = awkward_inputs()["no_identity_rows"]
    (tmp_path / name).write_bytes(data)
    assert main(["validate", str(tmp_path / name)]) == 0
    assert main(["validate", str(tmp_path / name), "--strict"]) == 3
    assert capsys.readouterr().err.strip() == "infoview: 1 row was rejected (--strict)"
    assert main(["validate", str(REPO / "data/sample/personal_tracker.xlsx"), "--strict"]) == 0


def test_validate_names_its_own_flag_for_ambiguous_dates(tmp_path, capsys):
    path = tmp_path / "t.csv"
    path.write_text("Name,Date contacted\nAda Example,03/04/2025\n", encoding="utf-8")
    assert main(["validate", str(path)]) == 0
    out = capsys.readouterr().out
    assert "run this again with --dayfirst" in out and "dayfirst=" not in out
    assert main(["validate", str(path), "--dayfirst"]) == 0
    assert "ambiguous" not in capsys.readouterr().out


def test_python_m_infoview_kit_is_the_cli():
    out = subprocess.run(
        [sys.executable, "-m", "infoview_kit", "--version"],
        capture_output=True,
        text=True,
        check=True,
    )
    assert out.stdout.strip() == f"infoview {infoview_kit.__version__}"


@pytest.mark.slow
def test_cohort_report_notebook_runs_headless_with_papermill(tmp_path):
    import papermill

    output = tmp_path / "report.html"
    papermill.execute_notebook(
        REPO / "notebooks" / "advisor" / "cohort_report.ipynb",
        tmp_path / "cohort_report.out.ipynb",
        parameters={
            "source": str(REPO / "data" / "sample" / "cohort"),
            "as_of": "2026-04-17",
            "output": str(output),
        },
        cwd=str(tmp_path),
        progress_bar=False,
    )
    html = output.read_text(encoding="utf-8")
    assert "Pseudonymised" in html
