"""Fixtures for end-to-end tests: tauri-driver in front of WebKitWebDriver, and a session on the real app window."""

import os
import socket
import subprocess
import tempfile
import time
import urllib.request
from pathlib import Path

import pytest
from selenium import webdriver
from selenium.webdriver.common.options import ArgOptions

ROOT = Path(__file__).resolve().parents[2]
APP = Path(os.environ.get("VK_APP_BINARY", ROOT / "target" / "debug" / "vk-workspace")).resolve()
ARTIFACTS = ROOT / "target" / "e2e"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture()
def driver_url():
    """A tauri-driver of its own for each test, so each app starts on a fresh, empty data folder."""
    assert APP.exists(), f"build the app first: {APP} is missing"
    port = _free_port()
    native = _free_port()
    # The app (started by WebKitWebDriver under tauri-driver) inherits this: a throw-away data folder.
    data_dir = tempfile.mkdtemp(prefix="vk-e2e-data-")
    os.environ["VK_WORKSPACE_DATA_DIR"] = data_dir
    # Exports (batch results) go to a folder of the test's own instead of ~/Downloads.
    os.environ["VK_WORKSPACE_EXPORT_DIR"] = tempfile.mkdtemp(prefix="vk-e2e-exports-")
    proc = subprocess.Popen(
        ["tauri-driver", "--port", str(port), "--native-port", str(native)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 30
    while True:
        try:
            urllib.request.urlopen(f"{url}/status", timeout=1)
            # tauri-driver answers /status itself; WebKitWebDriver, which it starts beside it, may not listen yet
            # on a busy machine, and a new session sent before it does is dropped ("Remote end closed connection").
            socket.create_connection(("127.0.0.1", native), timeout=1).close()
            break
        except OSError:
            if proc.poll() is not None or time.monotonic() > deadline:
                proc.kill()
                raise RuntimeError("tauri-driver (or the WebKitWebDriver behind it) did not start")
            time.sleep(0.1)
    yield url
    proc.terminate()
    proc.wait(timeout=10)


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    """Remember each phase's outcome on the test, so the window fixture can tell a failure."""
    outcome = yield
    report = outcome.get_result()
    setattr(item, f"report_{report.when}", report)


@pytest.fixture()
def window(driver_url, request):
    """A fresh app window (a new app process) for each test."""
    options = ArgOptions()
    options.set_capability("browserName", "wry")
    options.set_capability("tauri:options", {"application": str(APP)})
    driver = webdriver.Remote(command_executor=driver_url, options=options)
    driver.implicitly_wait(0)
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    yield driver
    failed = getattr(request.node, "report_call", None)
    if failed is not None and failed.failed:
        # What the window showed when the test failed, for the developer (kept in CI artefacts).
        subprocess.run(["import", "-window", "root", str(ARTIFACTS / f"FAILED-{request.node.name}.png")],
                       env=os.environ, timeout=30, check=False)
    driver.quit()
