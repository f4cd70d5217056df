"""Shared fixtures: quiet matplotlib, and real JupyterLab + Chromium for browser tests.

Browser tests are marked ``browser``. Without /usr/bin/chromium they are
skipped locally with a clear reason, and they *fail* in CI (``CI=true``), where
``.ci/run`` installs Chromium, so nothing is silently skipped there.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

os.environ.setdefault("MPLBACKEND", "Agg")

from tests.helpers import ui

HAVE_CHROMIUM = Path(ui.CHROMIUM).exists()


def pytest_collection_modifyitems(config, items):
    if HAVE_CHROMIUM:
        return
    browser_items = [item for item in items if "browser" in item.keywords]
    if not browser_items:
        return
    if os.environ.get("CI"):
        raise pytest.UsageError(
            f"CI needs Chromium at {ui.CHROMIUM} for {len(browser_items)} browser tests: "
            "install it with `apt-get install -y chromium` (.ci/run does)."
        )
    reason = f"Chromium not found at {ui.CHROMIUM}: `sudo apt-get install chromium` to run them"
    for item in browser_items:
        item.add_marker(pytest.mark.skip(reason=reason))


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    if "matplotlib.pyplot" in sys.modules:
        sys.modules["matplotlib.pyplot"].close("all")


@pytest.fixture(scope="session")
def browser():
    """One headless Chromium for the whole session."""
    with ui.chromium() as b:
        yield b


@pytest.fixture
def page(browser):
    """A fresh browser page (own context) per test, 1280x900."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    pg = context.new_page()
    pg.set_default_timeout(30_000)
    yield pg
    context.close()


@pytest.fixture(scope="session")
def lab(tmp_path_factory):
    """JupyterLab serving a copy of notebooks/ (+ data/), workbook in a temp folder.

    Notebooks open their workbook at ``$INFOVIEW_WORKBOOK``; here it is a temp
    folder filled from the sample on first use. Tests that need an empty or
    their own workbook start their own server with ``ui.jupyter_lab(tmp, env=...)``.
    """
    tmp = tmp_path_factory.mktemp("lab")
    env = {"INFOVIEW_WORKBOOK": str(tmp / "workbook")}
    with ui.jupyter_lab(tmp, env=env) as server:
        yield server


@pytest.fixture
def wb(tmp_path):
    """A new, empty workbook (owner "tester")."""
    from infoview_kit.io.store import Workbook

    return Workbook.create(tmp_path / "wb", owner="tester")


@pytest.fixture
def dana(wb):
    """One invented contact in ``wb``: an alumna at Harbor Health."""
    return wb.add_contact(
        name="Dana Okafor",
        organization="Harbor Health",
        connection="alumni",
        email="dana@example.com",
    )
