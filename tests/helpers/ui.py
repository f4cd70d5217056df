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
    wait_for_cells(page, timeout=timeout)


def wait_for_cells(page, *, timeout: float = 180.0) -> None:
    """Wait until every code cell of the visible notebook has an execution count."""
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
    """File → Save Notebook, then wait until the server has written ``path`` in full.

    The file's time changes when the server opens it for writing, before the
    notebook is in it: on a busy machine a read right then finds it empty, so
    the wait goes on until the file holds a whole notebook.
    """
    before = path.stat().st_mtime_ns
    page.locator(".lm-MenuBar-itemLabel", has_text="File").click()
    page.get_by_role("menuitem", name="Save Notebook", exact=False).first.click()
    deadline = time.monotonic() + timeout
    while path.stat().st_mtime_ns == before or not _whole_json(path):
        if time.monotonic() > deadline:
            raise TimeoutError(f"{path.name} was not saved")
        time.sleep(0.1)


def _whole_json(path: Path) -> bool:
    try:
        json.loads(path.read_bytes())
    except ValueError:
        return False
    return True


#: JupyterLab's two built-in themes, by the name its Settings → Theme menu shows.
THEMES = ("JupyterLab Light", "JupyterLab Dark")


def set_theme(page, name: str, *, timeout: float = 30.0) -> None:
    """Switch Lab's theme as a user does (Settings → Theme → ``name``); wait until it applies.

    Lab keeps the choice in the server's user settings, so notebooks opened later on
    the same server (and after its restart on the same folder) show the same theme.
    """
    body = page.locator("body")
    if body.get_attribute("data-jp-theme-name") == name:
        return
    page.locator(".lm-MenuBar-itemLabel", has_text=re.compile(r"^Settings$")).click()
    page.locator(".lm-Menu-itemLabel", has_text=re.compile(r"^Theme$")).hover()
    page.locator(".lm-Menu-itemLabel", has_text=re.compile(f"^{re.escape(name)}$")).click()
    page.wait_for_function(
        "name => document.body.dataset.jpThemeName === name", arg=name, timeout=timeout * 1000
    )
    # the theme's CSS arrives after the attribute: wait until the page itself turned dark (light)
    page.wait_for_function(
        """dark => {
          const m = getComputedStyle(document.body).backgroundColor.match(/[\\d.]+/g);
          if (!m) return false;
          const level = (Number(m[0]) + Number(m[1]) + Number(m[2])) / 3;
          return dark ? level < 128 : level >= 128;
        }""",
        arg=name.endswith("Dark"),
        timeout=timeout * 1000,
    )


#: axe-core's WCAG 2.1 level A and AA rules.
WCAG_AA = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}


def show_whole_notebook(page, *, limit: int = 30_000) -> None:
    """Make the window tall enough that the whole visible notebook is on screen at once.

    axe-core checks the contrast of text it sees on screen only; text scrolled out of
    the notebook panel would be skipped. (Needs Lab's windowing off, see ``lab_settings``.)
    """
    outer = f"{PANEL} .jp-WindowedPanel-outer"
    for _ in range(4):
        need, have = page.locator(outer).evaluate("e => [e.scrollHeight, e.clientHeight]")
        if need <= have:
            return
        size = page.viewport_size
        page.set_viewport_size(
            {"width": size["width"], "height": min(limit, size["height"] + need - have + 50)}
        )
        page.wait_for_timeout(300)


def axe_violations(page, *, include, exclude=(), options=None) -> list[str]:
    """axe-core's WCAG 2.1 AA violations inside ``include`` (CSS selectors), one line each.

    In JupyterLab the page body has no height (the shell is positioned over it) and
    body hides its overflow, so axe would take every text for invisible and check the
    contrast of form fields only; the body is given the window's height first (the
    page looks the same).
    """
    from axe_playwright_python.sync_playwright import Axe

    page.add_style_tag(content="html, body { height: 100%; }")
    context = {"include": [[s] for s in include]}
    if exclude:
        context["exclude"] = [[s] for s in exclude]
    results = Axe().run(page, context=context, options=options or WCAG_AA)
    return [
        f"{v['id']} ({v['impact']}): {v['help']} -> "
        + "; ".join(node["target"][-1] + " " + node.get("failureSummary", "")[:200]
                    for node in v["nodes"][:4])
        for v in results.response["violations"]
    ]  # fmt: skip


def lab_settings(home: Path, plugin: str, values: dict) -> None:
    """Write a JupyterLab user setting (``plugin`` as "@jupyterlab/pkg:name") before Lab starts.

    ``home`` is the ``tmp / "home"`` folder that :func:`jupyter_lab` uses.
    """
    package, name = plugin.rsplit(":", 1)
    folder = home / "settings" / package
    folder.mkdir(parents=True, exist_ok=True)
    (folder / f"{name}.jupyterlab-settings").write_text(json.dumps(values))


# --- the keyboard alone ---------------------------------------------------------------


@contextmanager
def unwindowed_lab(tmp: Path):
    """Lab with every cell laid out (no windowing): cells off screen can be tabbed into and
    audited. Its workbook is ``tmp / "workbook"``."""
    lab_settings(tmp / "home", "@jupyterlab/notebook-extension:tracker", {"windowingMode": "none"})
    with jupyter_lab(tmp, env={"INFOVIEW_WORKBOOK": str(tmp / "workbook")}) as server:
        yield server


def run_all_by_keyboard(page, *, timeout: float = 180.0) -> None:
    """Run every cell from the top as a keyboard user does: Shift+Enter on each cell, then
    Ctrl+Enter on the last (Shift+Enter there would add a new cell to the notebook)."""
    cells = page.locator(f"{PANEL} .jp-Cell")
    select_cell(page, 0)
    for _ in range(cells.count() - 1):
        page.keyboard.press("Shift+Enter")
    page.keyboard.press("Control+Enter")
    wait_for_cells(page, timeout=timeout)


def active_cell(page) -> int:
    return page.locator(f"{PANEL} .jp-Cell").evaluate_all(
        "cells => cells.findIndex(c => c.classList.contains('jp-mod-active'))"
    )


def select_cell(page, index: int) -> None:
    """Make cell ``index`` the active one in command mode (Escape, then arrow keys)."""
    page.keyboard.press("Escape")
    for _ in range(200):
        now = active_cell(page)
        if now == index:
            return
        page.keyboard.press("ArrowDown" if now < index else "ArrowUp")
    raise AssertionError(f"could not reach cell {index} with the arrow keys")


#: The focused element: its accessible name (label, aria-label or text), tag and type.
FOCUSED = """() => {
  const a = document.activeElement;
  if (!a || a === document.body) return null;
  const byId = (a.getAttribute('aria-labelledby') || '').split(' ')
    .map(id => document.getElementById(id)).filter(Boolean).map(e => e.textContent).join(' ');
  const name = a.getAttribute('aria-label') || byId
    || (a.labels && a.labels.length ? [...a.labels].map(l => l.textContent).join(' ') : '')
    || (['BUTTON', 'A'].includes(a.tagName) ? a.textContent : '') || a.title || '';
  return {name: name.replace(/\\s+/g, ' ').trim(), tag: a.tagName.toLowerCase(),
          type: a.type || '', inOutput: !!a.closest('.jp-OutputArea-output')};
}"""


def focused(page) -> dict | None:
    return page.evaluate(FOCUSED)


def tab_to(page, name: str, *, key: str = "Tab", limit: int = 80) -> dict:
    """Press Tab (or ``key``) until the focused control's name starts with ``name``."""
    seen = []
    for _ in range(limit):
        page.keyboard.press(key)
        now = focused(page)
        if now and now["name"].startswith(name):
            return now
        seen.append(now and now["name"])
    raise AssertionError(f"{name!r} not reached with {key} in {limit} presses; passed {seen}")


def axe_script() -> str:
    """The axe-core script (to evaluate in a page, then use ``axe`` there)."""
    from axe_playwright_python.sync_playwright import Axe

    return Axe().axe_script
