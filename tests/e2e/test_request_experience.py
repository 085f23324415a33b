"""Issue 5 in the real window: find "Verify PAN" by search, see an invalid PAN's reason, fix it, send, read the
summary card; then the sandbox's clock set 7 minutes ahead gives TIMESTAMP_EXPIRED with the measured clock
difference, and a wrong secret gives HMAC_INVALID with the usual causes checked."""

from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import WebDriverWait

from helpers import by_test_id, count_test_id, json_body, texts_of, replace_text, screenshot, wait_environment, wait_text

WRONG_SECRET = "not-the-right-secret-e2e"


def visible(driver, test_id, timeout=10):
    return WebDriverWait(driver, timeout).until(EC.visibility_of_element_located(by_test_id(test_id)))


def test_find_fill_check_send_and_read_the_answer(window):
    d = window
    wait_environment(d, "Sandbox (built in)")

    # Find it by its plain name, from the keyboard.
    d.find_element(*by_test_id("endpoint")).send_keys(Keys.CONTROL, "k")
    visible(d, "palette").find_element(*by_test_id("palette-search")).send_keys("Verify PAN")
    WebDriverWait(d, 10).until(lambda drv: "Verify a PAN" in (texts_of(drv, "palette-result") or [""])[0])
    d.find_element(*by_test_id("palette-search")).send_keys(Keys.ENTER)
    WebDriverWait(d, 10).until(EC.invisibility_of_element_located(by_test_id("palette")))

    # The form: a wrong PAN is explained at once, and Send waits.
    pan = visible(d, "field-pan")
    replace_text(pan, "ABCDE12345")
    reason = wait_text(d, "check-pan", "Character 10")
    assert "capital letter" in reason, reason
    assert not d.find_element(*by_test_id("send")).is_enabled()
    assert "needs attention" in d.find_element(*by_test_id("blocked-note")).text
    screenshot(d, "form-invalid-pan")

    replace_text(pan, "ABCPE1234F")
    wait_text(d, "check-pan", "Looks right")
    WebDriverWait(d, 10).until(lambda drv: drv.find_element(*by_test_id("send")).is_enabled())
    d.find_element(*by_test_id("send")).click()
    wait_text(d, "status", "200 OK")
    headline = wait_text(d, "summary-headline", "PAN is valid")
    assert "Individual" in headline, headline
    screenshot(d, "summary-verify-pan")


def test_clock_and_signature_errors_are_explained_with_what_the_app_measured(window):
    d = window
    wait_environment(d, "Sandbox (built in)")

    # The sandbox's clock 7 minutes ahead: this computer looks 7 minutes slow.
    d.find_element(*by_test_id("manage-environments")).click()
    visible(d, "environment-editor")
    replace_text(d.find_element(*by_test_id("sandbox-clock")), "7")
    d.find_element(*by_test_id("sandbox-clock-apply")).click()
    wait_text(d, "sandbox-clock-message", "7 minutes ahead")
    d.find_element(*by_test_id("env-close")).click()
    d.find_element(*by_test_id("send")).click()
    wait_text(d, "error-code", "TIMESTAMP_EXPIRED")
    wait_text(d, "clock-finding", "7 minutes slow")
    wait_text(d, "clock-warning", "7 minutes slow")
    screenshot(d, "error-timestamp-expired")

    # Clock right again; then a wrong secret.
    d.find_element(*by_test_id("manage-environments")).click()
    visible(d, "environment-editor")
    replace_text(d.find_element(*by_test_id("sandbox-clock")), "0")
    d.find_element(*by_test_id("sandbox-clock-apply")).click()
    wait_text(d, "sandbox-clock-message", "right again")
    d.find_element(*by_test_id("env-close")).click()
    d.find_element(*by_test_id("change-secret")).click()
    d.find_element(*by_test_id("secret-input")).send_keys(" " + WRONG_SECRET)
    d.find_element(*by_test_id("secret-save")).click()
    d.find_element(*by_test_id("send")).click()
    wait_text(d, "error-code", "HMAC_INVALID")
    checks = wait_text(d, "hmac-checks", "The usual causes")
    assert "starts or ends with a space" in checks, checks
    assert "query string" in checks
    screenshot(d, "error-hmac-invalid")
    d.find_element(*by_test_id("tab-signature")).click()
    assert "in step with the server" in wait_text(d, "clock-difference", "in step")
    assert "·" not in d.find_element(*by_test_id("string-to-sign")).text.split("GET")[0], "no spaces in the time"
    screenshot(d, "signature-inspector")


def test_json_mode_marks_where_invalid_json_breaks(window):
    d = window
    wait_environment(d, "Sandbox (built in)")
    d.find_element(*by_test_id("open-palette")).click()
    visible(d, "palette").find_element(*by_test_id("palette-search")).send_keys("verify pan")
    d.find_element(*by_test_id("palette-search")).send_keys(Keys.ENTER)
    # The editor closes the brace itself, as code editors do; the comma before it is the mistake.
    replace_text(json_body(d), '{"pan": "ABCPE1234F",')
    problem = wait_text(d, "json-problem", "Line 1, column 22")
    assert "a comma too many" in problem, problem
    # The form cannot read broken JSON, and says so instead of guessing.
    assert not d.find_element(*by_test_id("mode-form")).is_enabled()
    screenshot(d, "json-mode-invalid")


def test_several_requests_in_tabs_each_with_its_own_answer(window):
    d = window
    wait_environment(d, "Sandbox (built in)")
    d.find_element(*by_test_id("send")).click()
    wait_text(d, "summary-headline", "Wallet balance")
    d.find_element(*by_test_id("endpoint")).send_keys(Keys.CONTROL, "t")
    WebDriverWait(d, 10).until(lambda drv: count_test_id(drv, "request-tab") == 2)
    d.find_element(*by_test_id("open-palette")).click()
    visible(d, "palette").find_element(*by_test_id("palette-search")).send_keys("credit score")
    d.find_element(*by_test_id("palette-search")).send_keys(Keys.ENTER)
    d.find_element(*by_test_id("send")).click()
    wait_text(d, "summary-headline", "Credit score")
    screenshot(d, "tabs")
    d.find_elements(*by_test_id("request-tab"))[0].click()
    wait_text(d, "summary-headline", "Wallet balance")
    assert d.find_element(*by_test_id("endpoint")).get_attribute("value") == "/api/v1/wallet/core/balance"


def test_the_sidebar_folds_away_for_a_wider_request(window):
    d = window
    wait_environment(d, "Sandbox (built in)")
    endpoint = d.find_element(*by_test_id("endpoint"))
    narrow = endpoint.size["width"]
    endpoint.send_keys(Keys.CONTROL, "b")
    visible(d, "sidebar-show")
    assert count_test_id(d, "sidebar-history") == 0
    WebDriverWait(d, 10).until(lambda drv: drv.find_element(*by_test_id("endpoint")).size["width"] > narrow + 50)
    screenshot(d, "sidebar-folded")
    d.find_element(*by_test_id("sidebar-show")).click()
    visible(d, "sidebar-history")
    d.find_element(*by_test_id("sidebar-hide")).click()
    visible(d, "sidebar-show")


def tab_titles(driver):
    # The whole titles (a long one is cut short on screen).
    return driver.execute_script("return [...document.querySelectorAll('[data-testid=request-tab]')].map(e => e.textContent)")


def test_open_tabs_are_there_again_after_a_restart(driver_url):
    from selenium import webdriver
    from selenium.webdriver.common.options import ArgOptions

    from conftest import APP

    def start():
        options = ArgOptions()
        options.set_capability("browserName", "wry")
        options.set_capability("tauri:options", {"application": str(APP)})
        return webdriver.Remote(command_executor=driver_url, options=options)

    d = start()
    try:
        wait_environment(d, "Sandbox (built in)")
        d.find_element(*by_test_id("new-tab")).click()
        d.find_element(*by_test_id("open-palette")).click()
        visible(d, "palette").find_element(*by_test_id("palette-search")).send_keys("verify gstin")
        d.find_element(*by_test_id("palette-search")).send_keys(Keys.ENTER)
        WebDriverWait(d, 10).until(lambda drv: "Verify a GSTIN" in tab_titles(drv)[-1])
        import time

        time.sleep(1)  # the tabs are saved a moment after the last change
    finally:
        d.quit()
    d = start()
    try:
        WebDriverWait(d, 10).until(lambda drv: len(tab_titles(drv)) == 2)
        assert "Verify a GSTIN" in tab_titles(d)[1]
        assert d.find_element(*by_test_id("endpoint")).get_attribute("value") == "/api/v1/verify/gst"
    finally:
        d.quit()
