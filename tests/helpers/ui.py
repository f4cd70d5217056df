"""Real JupyterLab / Voila servers and headless Chromium for the browser tests.

Facts behind the choices are in ../shared/browser-testing.md: Debian's
Chromium at /usr/bin/chromium (never `playwright install`), the flags that keep
it off the network, temp Jupyter dirs so nothing lands in $HOME, a user setting
that silences the news toast, readiness via /api/status, and stopping servers
by process group so their kernels end too.
"""

from __future__ import annotations

import json
import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
ARTIFACTS = REPO / "artifacts"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
#: The server settings `make lab` uses (notebooks saved without outputs or widget state).
WORKSHOP_CONFIG = REPO / "tools" / "jupyter_server_config.py"
#: Text that shows a widget did not render.
UNRENDERED = ("VBox(children=", "HBox(children=", "Loading widget", "Error displaying widget")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait_http(url: str, *, timeout: float = 60.0) -> None:
    deadline = time.monotonic() + timeout
    last = None
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                if response.status == 200:
                    return
        except Exception as exc:  # not up yet
            last = exc
        time.sleep(0.25)
    raise TimeoutError(f"server at {url} did not answer in {timeout:.0f} s ({last})")


def _private_env(home: Path, extra: dict[str, str] | None) -> dict[str, str]:
    env = dict(os.environ)
    for var, sub in {
        "JUPYTER_CONFIG_DIR": "config",
        "JUPYTER_DATA_DIR": "data",
        "JUPYTER_RUNTIME_DIR": "runtime",
        "JUPYTERLAB_SETTINGS_DIR": "settings",
        "JUPYTERLAB_WORKSPACES_DIR": "workspaces",
        "IPYTHONDIR": "ipython",
        "MPLCONFIGDIR": "mpl",
    }.items():
        (home / sub).mkdir(parents=True, exist_ok=True)
        env[var] = str(home / sub)
    env["MPLBACKEND"] = "module://matplotlib_inline.backend_inline"
    # No news or update checks: the toast would cover the page.
    note = home / "settings" / "@jupyterlab" / "apputils-extension"
    note.mkdir(parents=True, exist_ok=True)
    (note / "notification.jupyterlab-settings").write_text(
        json.dumps({"fetchNews": "false", "checkForUpdates": False})
    )
    env.update(extra or {})
    return env


def copy_project(dest: Path) -> Path:
    """Copy notebooks/ (and link data/) into ``dest`` so Lab's autosave touches no repo file."""
    shutil.copytree(
        REPO / "notebooks",
        dest / "notebooks",
        ignore=shutil.ignore_patterns(".ipynb_checkpoints", "my_workbook", "__pycache__"),
    )
    (dest / "data").symlink_to(REPO / "data", target_is_directory=True)
    return dest


@dataclass
class Server:
    url: str
    token: str
    root: Path
    proc: subprocess.Popen

    def notebook_url(self, notebook: str) -> str:
        return f"{self.url}/lab/tree/{notebook}?reset&token={self.token}"

    def stop(self) -> None:
        if self.proc.poll() is None:
            os.killpg(self.proc.pid, signal.SIGTERM)
            try:
                self.proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                os.killpg(self.proc.pid, signal.SIGKILL)


@contextmanager
def jupyter_lab(tmp: Path, *, env: dict[str, str] | None = None):
    """Start JupyterLab on a copy of the project in ``tmp``; yield a :class:`Server`.

    A second server on the same ``tmp`` reuses the copy (a restart: same files).
    """
    root = tmp / "root" if (tmp / "root").exists() else copy_project(tmp / "root")
    port, token = free_port(), secrets.token_hex(16)
    log = open(tmp / "lab.log", "a")
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "jupyterlab",
            "--no-browser",
            "--allow-root",
            f"--port={port}",
            "--ServerApp.ip=127.0.0.1",
            f"--IdentityProvider.token={token}",
            f"--ServerApp.root_dir={root}",
            "--LabApp.news_url=None",
            "--ServerApp.disable_check_xsrf=False",
            f"--config={WORKSHOP_CONFIG}",
        ],
        env=_private_env(tmp / "home", env),
        cwd=root,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    server = Server(f"http://127.0.0.1:{port}", token, root, proc)
    try:
        _wait_http(f"{server.url}/api/status?token={token}")
        yield server
    finally:
        server.stop()
        log.close()


@contextmanager
def voila(
    tmp: Path, notebook: str, *, env: dict[str, str] | None = None, args: tuple[str, ...] = ()
):
    """Serve one notebook (or a folder of them) with Voila; yield its URL.

    ``notebook`` is relative to the project; ``args`` are extra Voila options.
    """
    root = copy_project(tmp / "root")
    port = free_port()
    log = open(tmp / "voila.log", "w")
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "voila",
            str(root / notebook),
            "--no-browser",
            f"--port={port}",
            "--Voila.ip=127.0.0.1",
            *args,
        ],
        env=_private_env(tmp / "home", env),
        cwd=(root / notebook).parent,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    server = Server(f"http://127.0.0.1:{port}", "", root, proc)
    try:
        _wait_http(f"{server.url}/voila/static/favicons/favicon.ico")
        yield server
    finally:
        server.stop()
        log.close()


@contextmanager
def chromium():
    """A headless Debian Chromium driven by Playwright's sync API."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


# --- driving JupyterLab 4 -------------------------------------------------------------

PANEL = ".jp-NotebookPanel:not(.lm-mod-hidden)"


def open_notebook(page, server: Server, notebook: str) -> None:
    """Open ``notebook`` (relative to the root) and wait until its kernel is idle."""
    page.goto(server.notebook_url(notebook))
    page.locator(PANEL).wait_for(timeout=60_000)
    page.get_by_text("| Idle").first.wait_for(timeout=60_000)


def run_all_cells(page, *, timeout: float = 180.0) -> None:
    """Run → Run All Cells, then wait until every code cell has an execution count.

    Text is read with ``text_content``: Lab 4 does not lay out cells scrolled
    off screen, so ``inner_text`` would miss them.
    """
    page.locator(".lm-MenuBar-itemLabel", has_text=re.compile(r"^Run$")).click()
    page.locator(".lm-Menu-itemLabel", has_text=re.compile(r"^Run All Cells$")).click()
    n_code = page.locator(f"{PANEL} .jp-CodeCell").count()
    prompts = page.locator(f"{PANEL} .jp-CodeCell .jp-InputArea-prompt")
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        texts = prompts.all_text_contents()
        if len(texts) == n_code and all(re.fullmatch(r"\[\d+\]:", t.strip()) for t in texts):
            return
        page.wait_for_timeout(250)
    raise TimeoutError(f"cells did not finish in {timeout:.0f} s: {prompts.all_text_contents()}")


def error_outputs(page) -> list[str]:
    """Texts of traceback / stderr outputs in the visible notebook."""
    sel = (
        f"{PANEL} .jp-OutputArea-output[data-mime-type='application/vnd.jupyter.stderr'],"
        f"{PANEL} .jp-RenderedText[data-mime-type='application/vnd.jupyter.error']"
    )
    return [t for t in page.locator(sel).all_text_contents() if t.strip()]


def unrendered_widgets(page) -> list[str]:
    body = page.locator(PANEL).text_content() or ""
    return [marker for marker in UNRENDERED if marker in body]


def screenshot(page, name: str) -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path


def save_notebook(page, path: Path, *, timeout: float = 20.0) -> None:
    """File → Save Notebook, then wait until the server has written ``path``."""
    before = path.stat().st_mtime_ns
    page.locator(".lm-MenuBar-itemLabel", has_text="File").click()
    page.get_by_role("menuitem", name="Save Notebook", exact=False).first.click()
    deadline = time.monotonic() + timeout
    while path.stat().st_mtime_ns == before:
        if time.monotonic() > deadline:
            raise TimeoutError(f"{path.name} was not saved")
        time.sleep(0.1)
