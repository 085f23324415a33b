"""Issue 7 in the real window: load a CSV, see the bad rows flagged with their reasons, run it, watch the progress
bar reach the end, filter the grid, and export the sheet with result columns."""

import csv
import os
import tempfile
from pathlib import Path

from selenium.webdriver.remote.file_detector import UselessFileDetector
from selenium.webdriver.support.ui import Select, WebDriverWait

from helpers import by_test_id, replace_text, screenshot, wait_content, wait_environment, wait_text

ROWS = 40


def write_sheet(folder: Path) -> Path:
    """PANs as a client sends them: a quoted name with a comma, a CRLF file, and two broken rows (4 and 9)."""
    path = folder / "client PANs.csv"
    lines = ["PAN Number,Customer Name"]
    for i in range(ROWS):
        pan = {2: "ABCD1234", 7: ""}.get(i, f"ABCP{chr(65 + i % 26)}{i + 1:04d}F")
        lines.append(f'{pan},"Kumar, Client {i}"')
    path.write_bytes(("\r\n".join(lines) + "\r\n").encode())
    return path


def progress(d):
    bar = d.find_element(*by_test_id("batch-progress"))
    return int(bar.get_attribute("aria-valuenow")), int(bar.get_attribute("aria-valuemax"))


def grid_text(d):
    # Read in one go: the grid re-renders as results arrive, so element handles can go stale.
    return d.execute_script("return document.querySelector('[data-testid=batch-grid]').textContent")


def test_a_sheet_is_checked_run_and_exported(window):
    d = window
    wait_environment(d, "Sandbox (built in)")
    folder = Path(tempfile.mkdtemp(prefix="vk-e2e-batch-"))
    sheet = write_sheet(folder)
    exports = Path(os.environ["VK_WORKSPACE_EXPORT_DIR"])

    d.find_element(*by_test_id("open-batch")).click()
    # The path is given to the file field as it is (same machine): no upload through Selenium's own endpoint.
    d.file_detector = UselessFileDetector()
    d.find_element(*by_test_id("batch-file")).send_keys(str(sheet))
    wait_content(d, "batch-sheet", f"{ROWS} rows")
    Select(d.find_element(*by_test_id("batch-endpoint"))).select_by_visible_text("Verify a PAN")
    # The columns were matched to the fields by their names.
    WebDriverWait(d, 10).until(
        lambda drv: Select(drv.find_element(*by_test_id("map-pan"))).first_selected_option.text == "PAN Number")
    assert Select(d.find_element(*by_test_id("map-name"))).first_selected_option.text == "Customer Name"

    wait_content(d, "batch-check-summary", "2 rows have a problem")
    bad = [e.text for e in d.find_elements(*by_test_id("bad-row"))]
    assert len(bad) == 2 and bad[0].startswith("Row 4: pan") and bad[1].startswith("Row 9: pan"), bad
    assert "required" in bad[1], bad
    screenshot(d, "batch-check")

    replace_text(d.find_element(*by_test_id("batch-rate")), "40")
    start = d.find_element(*by_test_id("batch-start"))
    # Below the fold on an 800-pixel screen, as for a person who scrolls down to it.
    d.execute_script("arguments[0].scrollIntoView({block: 'center'})", start)
    assert start.text == f"Send {ROWS - 2} rows to Sandbox (built in)"
    start.click()

    # The progress bar goes to the end.
    WebDriverWait(d, 60).until(lambda drv: progress(drv) == (ROWS, ROWS))
    wait_content(d, "batch-counts", f"{ROWS - 2} succeeded")
    assert "2 skipped" in d.find_element(*by_test_id("batch-counts")).text
    WebDriverWait(d, 10).until(lambda drv: "Succeeded" in grid_text(drv))
    screenshot(d, "batch-finished")

    Select(d.find_element(*by_test_id("batch-filter"))).select_by_visible_text("skipped")
    WebDriverWait(d, 10).until(lambda drv: len(drv.find_elements(*by_test_id("batch-row"))) == 2)
    assert "Skipped" in grid_text(d)

    d.find_element(*by_test_id("batch-export-csv")).click()
    wait_text(d, "toast", "Saved the results to")
    saved = exports / "client PANs results.csv"
    with saved.open(encoding="utf-8-sig", newline="") as f:
        rows = list(csv.reader(f))
    assert rows[0][:4] == ["PAN Number", "Customer Name", "Result", "HTTP status"]
    assert len(rows) == ROWS + 1
    assert rows[1][1] == "Kumar, Client 0" and rows[1][2] == "Success" and rows[1][3] == "200"
    assert rows[3][2] == "Skipped"
    assert "vk_sandbox_demo_secret" not in d.page_source
