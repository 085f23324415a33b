"""Issue 7 in the real window: load a CSV, see the bad rows flagged with their reasons, run it, watch the progress
bar reach the end, filter the grid, and export the sheet with result columns. And the other source of a run: a
saved request whose {{Column}} variables take each row's values."""

import csv
import os
import tempfile
from pathlib import Path

from selenium.webdriver.common.keys import Keys
from selenium.webdriver.remote.file_detector import UselessFileDetector
from selenium.webdriver.support.ui import Select, WebDriverWait

from helpers import by_test_id, compose_pan_request, count_test_id, json_body, replace_text, screenshot, texts_of, wait_content, wait_environment, wait_text

ROWS = 40


def write_sheet(folder: Path, name: str = "client PANs.csv") -> Path:
    """PANs as a client sends them: a quoted name with a comma, a CRLF file, and two broken rows (4 and 9)."""
    path = folder / name
    lines = ["PAN Number,Customer Name"]
    for i in range(ROWS):
        pan = {2: "ABCD1234", 7: ""}.get(i, f"ABCP{chr(65 + i % 26)}{i + 1:04d}F")
        lines.append(f'{pan},"Kumar, Client {i}"')
    path.write_bytes(("\r\n".join(lines) + "\r\n").encode())
    return path


def progress(d):
    bar = d.find_element(*by_test_id("batch-progress"))
    return int(bar.get_attribute("aria-valuenow")), int(bar.get_attribute("aria-valuemax"))


def open_sheet(d, sheet: Path):
    d.find_element(*by_test_id("open-batch")).click()
    # The path is given to the file field as it is (same machine): no upload through Selenium's own endpoint.
    d.file_detector = UselessFileDetector()
    d.find_element(*by_test_id("batch-file")).send_keys(str(sheet))
    wait_content(d, "batch-sheet", f"{ROWS} rows")


def flagged_rows(d):
    """The rows the check flagged: always rows 4 and 9 of the sheet (the header is row 1), for their PAN."""
    wait_content(d, "batch-check-summary", "2 rows have a problem")
    bad = texts_of(d, "bad-row")
    assert len(bad) == 2 and bad[0].startswith("Row 4: pan") and bad[1].startswith("Row 9: pan"), bad
    return bad


def run_to_the_end(d):
    """Sends the rows that passed (40 a second), and waits for the progress bar to reach the end."""
    replace_text(d.find_element(*by_test_id("batch-rate")), "40")
    start = d.find_element(*by_test_id("batch-start"))
    # Below the fold on an 800-pixel screen, as for a person who scrolls down to it.
    d.execute_script("arguments[0].scrollIntoView({block: 'center'})", start)
    assert start.text == f"Send {ROWS - 2} rows to Sandbox (built in)"
    start.click()
    WebDriverWait(d, 60).until(lambda drv: progress(drv) == (ROWS, ROWS))
    wait_content(d, "batch-counts", f"{ROWS - 2} succeeded")


def read_csv(path: Path):
    with path.open(encoding="utf-8-sig", newline="") as f:
        return list(csv.reader(f))


def grid_text(d):
    # Read in one go: the grid re-renders as results arrive, so element handles can go stale.
    return d.execute_script("return document.querySelector('[data-testid=batch-grid]').textContent")


def test_a_sheet_is_checked_run_and_exported(window):
    d = window
    wait_environment(d, "Sandbox (built in)")
    folder = Path(tempfile.mkdtemp(prefix="vk-e2e-batch-"))
    sheet = write_sheet(folder)
    exports = Path(os.environ["VK_WORKSPACE_EXPORT_DIR"])

    open_sheet(d, sheet)
    # The sheet's columns suggest what to send its rows as; one click chooses it.
    suggestions = texts_of(d, "batch-suggestion")
    assert suggestions[0] == "Verify a PAN", suggestions
    d.find_elements(*by_test_id("batch-suggestion"))[0].click()
    assert Select(d.find_element(*by_test_id("batch-endpoint"))).first_selected_option.text == "Verify a PAN"
    assert count_test_id(d, "batch-suggested") == 0
    # The columns were matched to the fields by their names.
    WebDriverWait(d, 10).until(
        lambda drv: Select(drv.find_element(*by_test_id("map-pan"))).first_selected_option.text == "PAN Number")
    assert Select(d.find_element(*by_test_id("map-name"))).first_selected_option.text == "Customer Name"

    # The PAN's column unchosen: said once, not as a problem on every row; then chosen again.
    Select(d.find_element(*by_test_id("map-pan"))).select_by_visible_text("— not used —")
    error = wait_text(d, "batch-check-error", "No column is matched to pan")
    assert "the sheet's columns are “PAN Number”, “Customer Name”" in error, error
    screenshot(d, "batch-unmapped")
    Select(d.find_element(*by_test_id("map-pan"))).select_by_visible_text("PAN Number")

    bad = flagged_rows(d)
    assert count_test_id(d, "batch-check-error") == 0
    assert "required" in bad[1], bad
    screenshot(d, "batch-check")

    run_to_the_end(d)
    assert "2 skipped" in d.find_element(*by_test_id("batch-counts")).text
    wait_text(d, "batch-run-item", f"{ROWS}/{ROWS} · finished")
    WebDriverWait(d, 10).until(lambda drv: "Succeeded" in grid_text(drv))
    screenshot(d, "batch-finished")

    Select(d.find_element(*by_test_id("batch-filter"))).select_by_visible_text("skipped")
    WebDriverWait(d, 10).until(lambda drv: count_test_id(drv, "batch-row") == 2)
    # Each skipped row says why, as the check did.
    assert "Skipped: pan — a PAN has 10 characters; this one has 8" in grid_text(d)

    d.find_element(*by_test_id("batch-export-csv")).click()
    wait_text(d, "toast", "Saved the results to")
    saved = exports / "client PANs results.csv"
    rows = read_csv(saved)
    assert rows[0][:4] == ["PAN Number", "Customer Name", "Result", "HTTP status"]
    assert len(rows) == ROWS + 1
    assert rows[1][1] == "Kumar, Client 0" and rows[1][2] == "Success" and rows[1][3] == "200"
    assert rows[3][2] == "Skipped"
    message = rows[0].index("Message")
    assert rows[3][message] == "Skipped: pan — a PAN has 10 characters; this one has 8", rows[3]
    assert "vk_sandbox_demo_secret" not in d.page_source


def test_a_saved_request_takes_each_rows_values(window):
    d = window
    wait_environment(d, "Sandbox (built in)")
    folder = Path(tempfile.mkdtemp(prefix="vk-e2e-batch-saved-"))
    sheet = write_sheet(folder, "names to match.csv")
    exports = Path(os.environ["VK_WORKSPACE_EXPORT_DIR"])

    # A request saved with the sheet's column names as variables, as a person would write it in JSON.
    compose_pan_request(d)
    replace_text(json_body(d), '{"pan":"{{PAN Number}}","name":"{{Customer Name}}"}')
    d.find_element(*by_test_id("endpoint")).send_keys(Keys.CONTROL, "s")
    WebDriverWait(d, 10).until(lambda drv: drv.find_element(*by_test_id("save-dialog")).is_displayed())
    replace_text(d.find_element(*by_test_id("save-name")), "PAN and name from a sheet")
    Select(d.find_element(*by_test_id("save-folder"))).select_by_visible_text("New folder…")
    d.find_element(*by_test_id("save-new-folder")).send_keys("Batch requests")
    d.find_element(*by_test_id("save-confirm")).click()
    wait_text(d, "toast", "Saved “PAN and name from a sheet”")

    open_sheet(d, sheet)
    Select(d.find_element(*by_test_id("batch-endpoint"))).select_by_visible_text("PAN and name from a sheet")
    wait_content(d, "batch-setup", "“PAN and name from a sheet” takes that column’s value from the row")
    # The rows are checked against the endpoint the saved request goes to, with each row's values in its body.
    bad = flagged_rows(d)
    assert "empty, but required" in bad[1], bad
    screenshot(d, "batch-saved-request")

    run_to_the_end(d)

    d.find_element(*by_test_id("batch-export-csv")).click()
    wait_text(d, "toast", "Saved the results to")
    rows = read_csv(exports / "names to match results.csv")
    header = rows[0]
    assert header[:3] == ["PAN Number", "Customer Name", "Result"], header
    # The name went out with each row: the sandbox scored it against the name on record.
    score = header.index("Answer: name_match_score")
    assert rows[1][2] == "Success" and rows[1][score].isdigit(), rows[1]
    assert rows[3][2] == "Skipped"
