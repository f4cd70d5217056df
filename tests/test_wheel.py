"""The wheel works on its own: built, installed into a fresh virtual environment outside the
repository, and used from another folder with nothing of the source tree on the path.

This is what a JupyterHub or a laptop gets from ``pip install infoview-kit``: the command
line, the message templates and question bank (package data), and a workshop notebook run
by that environment's own kernel. About a minute, most of it ``pip install``.
"""

from __future__ import annotations

import email
import email.policy
import json
import os
import shutil
import subprocess
import sys
import tempfile
import textwrap
import tomllib
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.helpers import REPO

pytestmark = pytest.mark.slow

VERSION = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]["version"]
# What a build needs from the repository; nothing else is copied, so the wheel cannot lean on it.
BUILD_INPUTS = ("pyproject.toml", "README.md", "LICENSE", "infoview_kit")


@dataclass(frozen=True)
class Install:
    wheel: Path
    venv: Path
    work: Path
    env: dict[str, str]

    @property
    def python(self) -> Path:
        return self.venv / "bin" / "python"

    def run(self, *args: str | Path, check: bool = True) -> subprocess.CompletedProcess:
        out = subprocess.run(
            [str(a) for a in args],
            cwd=self.work,
            env=self.env,
            capture_output=True,
            text=True,
            timeout=300,
        )
        if check and out.returncode != 0:
            pytest.fail(f"{args} exited {out.returncode}:\n{out.stdout}\n{out.stderr}")
        return out

    def infoview(self, *args: str | Path, check: bool = True) -> subprocess.CompletedProcess:
        return self.run(self.venv / "bin" / "infoview", *args, check=check)

    def python_code(self, code: str) -> str:
        return self.run(self.python, "-c", textwrap.dedent(code)).stdout


def _outside_env() -> dict[str, str]:
    """This process's environment without anything that points Python or Jupyter at the repo.

    A PYTHONPATH naming a source tree with ``infoview_kit.egg-info`` in it would even make pip
    think the package is already installed and skip the wheel.
    """
    return {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("PYTHON", "VIRTUAL_ENV", "JUPYTER", "IPYTHON", "INFOVIEW"))
    }


def _clean_env(venv: Path, work: Path) -> dict[str, str]:
    env = _outside_env()
    env["PATH"] = f"{venv / 'bin'}{os.pathsep}{env.get('PATH', '')}"
    env["MPLBACKEND"] = "Agg"
    env["INFOVIEW_WORKBOOK"] = str(work / "my_workbook")
    env["JUPYTER_PLATFORM_DIRS"] = "1"
    env["HOME"] = str(work / "home")
    (work / "home").mkdir()
    return env


def _pip(*args: str | Path) -> None:
    """pip (or venv) with the real HOME, so its download cache is shared with `make`'s installs."""
    subprocess.run(
        [str(a) for a in args], check=True, capture_output=True, timeout=600, env=_outside_env()
    )


@pytest.fixture(scope="module")
def install() -> Iterator[Install]:
    # Its own temporary folder, not pytest's: pytest removes older base folders of the same user
    # when other sessions start, which would pull the environment away mid-module.
    with tempfile.TemporaryDirectory(prefix="infoview-wheel-") as folder:
        root = Path(folder)
        assert not root.is_relative_to(REPO)
        yield _build_and_install(root)


def _build_and_install(root: Path) -> Install:
    source = root / "source"
    source.mkdir()
    for name in BUILD_INPUTS:
        path = REPO / name
        if path.is_dir():
            shutil.copytree(path, source / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(path, source / name)
    dist = root / "dist"
    _pip(sys.executable, "-m", "pip", "wheel", "--no-deps", "--quiet", "-w", dist, source)
    (wheel,) = dist.glob("infoview_kit-*.whl")
    venv = root / "venv"
    _pip(sys.executable, "-m", "venv", venv)
    # ipykernel + nbclient: enough to run a notebook with this environment's own kernel.
    # --no-compile: byte-compiling pandas, matplotlib and statsmodels would double the time.
    _pip(
        venv / "bin" / "python",
        "-m",
        "pip",
        "install",
        "--quiet",
        "--no-compile",
        wheel,
        "ipykernel",
        "nbclient",
    )
    work = root / "elsewhere"
    work.mkdir()
    return Install(wheel=wheel, venv=venv, work=work, env=_clean_env(venv, work))


def test_wheel_holds_every_file_of_the_package_folder_and_the_licence(install):
    names = set(zipfile.ZipFile(install.wheel).namelist())
    package = {
        path.relative_to(REPO).as_posix()
        for path in (REPO / "infoview_kit").rglob("*")
        if path.is_file() and "__pycache__" not in path.parts
    }
    assert package - names == set()
    assert f"infoview_kit-{VERSION}.dist-info/licenses/LICENSE" in names
    assert any(n.endswith("question_bank.csv") for n in names)


def test_the_import_comes_from_the_install_not_the_source(install):
    out = install.python_code(
        """
        import infoview_kit
        print(infoview_kit.__file__)
        print(infoview_kit.__version__)
        """
    ).splitlines()
    assert Path(out[0]).is_relative_to(install.venv)
    assert out[1] == VERSION


def test_version_from_the_script_and_from_python_m(install):
    assert install.infoview("--version").stdout.strip() == f"infoview {VERSION}"
    out = install.run(install.python, "-m", "infoview_kit", "--version")
    assert out.stdout.strip() == f"infoview {VERSION}"


@pytest.fixture(scope="module")
def sample(install) -> Path:
    """The seeded sample files, written by the installed package itself."""
    install.run(install.python, "-m", "infoview_kit.datasets", "sample")
    return install.work / "sample"


def test_validate_and_summary_from_the_command_line(install, sample):
    text = install.infoview("validate", "sample/personal_tracker.xlsx").stdout
    assert "rows read" in text and "0 rejected" in text
    report = json.loads(install.infoview("validate", "sample/cohort", "--json").stdout)
    assert report["rows_read"] > 0 and report["rows_read"] == (
        report["rows_loaded"] + report["rows_merged"] + report["rows_rejected"]
    )
    figures = json.loads(install.infoview("summary", "sample/personal", "--json").stdout)
    assert figures  # the key figures of the sample log


def test_validate_strict_fails_when_a_row_is_rejected(install):
    bad = install.work / "one_bad_row.csv"
    bad.write_text(
        "Name,Email,Company,Date contacted\nAda Example,,Acme,2025-03-03\n,,Globex,2025-03-04\n",
        encoding="utf-8",
    )
    assert install.infoview("validate", bad.name, check=False).returncode == 0
    strict = install.infoview("validate", bad.name, "--strict", check=False)
    assert strict.returncode == 3
    assert "1 row was rejected" in strict.stderr


def test_pseudonymised_cohort_report(install, sample):
    install.infoview("new-key", "cohort.key")
    install.infoview(
        "report", "sample/cohort", "-o", "report.html", "--pseudonymise", "--key-file", "cohort.key"
    )
    html = (install.work / "report.html").read_text(encoding="utf-8")
    key = (install.work / "cohort.key").read_text(encoding="utf-8").strip()
    assert "Pseudonymised" in html and key not in html


def test_request_eml_and_interview_sheet_from_package_data(install):
    install.python_code(
        """
        from pathlib import Path
        from infoview_kit import interview_sheet, pick_questions, question_bank
        from infoview_kit import request_message, to_eml

        draft = request_message(
            your_name="Ada Example", contact_name="Dana Okafor",
            connection="Lee Park suggested I get in touch", situation="a public health student",
            interest="programme evaluation", hope_to_learn="how you got started",
        )
        Path("request.eml").write_bytes(
            to_eml(draft, to="dana@example.com", from_="ada@example.com")
        )
        plan = pick_questions(question_bank(), minutes=20)
        sheet = interview_sheet(plan, contact_name="Dana Okafor", minutes=20)
        Path("sheet.html").write_text(sheet.to_html(), encoding="utf-8")
        """
    )
    message = email.message_from_bytes(
        (install.work / "request.eml").read_bytes(), policy=email.policy.default
    )
    assert message["To"] == "dana@example.com" and message["X-Unsent"] == "1"
    assert "Lee Park suggested" in message.get_content()
    sheet = (install.work / "sheet.html").read_text(encoding="utf-8")
    assert "Interview sheet: Dana Okafor" in sheet


def test_a_workshop_notebook_runs_on_the_installed_kernel(install):
    notebook = install.work / "04_questions.ipynb"
    nb = json.loads((REPO / "notebooks" / "04_questions.ipynb").read_text(encoding="utf-8"))
    # One extra cell at the end says where the kernel found the package.
    nb["cells"].append(
        {
            "cell_type": "code",
            "execution_count": None,
            "id": "where-from",
            "metadata": {},
            "outputs": [],
            "source": "import sys, infoview_kit\nprint(sys.prefix)\nprint(infoview_kit.__file__)",
        }
    )
    notebook.write_text(json.dumps(nb), encoding="utf-8")
    install.python_code(
        """
        import nbformat
        from nbclient import NotebookClient

        nb = nbformat.read("04_questions.ipynb", as_version=4)
        NotebookClient(nb, kernel_name="python3", timeout=180).execute()
        nbformat.write(nb, "04_questions.ipynb")
        """
    )
    executed = json.loads(notebook.read_text(encoding="utf-8"))
    outputs = [o for cell in executed["cells"] for o in cell.get("outputs", [])]
    assert not [o for o in outputs if o["output_type"] == "error"]
    prefix, module = "".join(outputs[-1]["text"]).split()
    assert Path(prefix) == install.venv and Path(module).is_relative_to(install.venv)
    assert (install.work / "my_workbook" / "contacts.csv").exists()
