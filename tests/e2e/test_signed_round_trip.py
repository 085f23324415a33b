"""The real app window on the built-in sandbox: a signed PAN verification succeeds, a wrong secret shows HMAC_INVALID."""

from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import Select, WebDriverWait

from helpers import BUILTIN_SECRET, body_text, by_test_id, compose_pan_request, json_body, replace_text, screenshot, wait_content, wait_environment, wait_text, use_test_value

WRONG_SECRET = "not-the-right-secret-e2e"


def test_pan_succeeds_then_wrong_secret_is_explained(window):
    d = window
    wait_environment(d, "Sandbox (built in)")
    assert "built in" in d.find_element(*by_test_id("secret-state")).text

    compose_pan_request(d)
    assert d.find_element(*by_test_id("endpoint")).get_attribute("value") == "/api/v1/verify/pan"
    d.find_element(*by_test_id("send")).click()

    assert wait_text(d, "status", "200").startswith("200 OK")
    assert d.find_element(*by_test_id("verdict")).text == "Success"
    body = d.find_element(*by_test_id("response-body")).text
    assert '"status": "VALID"' in body
    assert '"pan": "ABCDE1234F"' in body
    screenshot(d, "pan-success")

    d.find_element(*by_test_id("tab-signature")).click()
    signed = d.find_element(*by_test_id("string-to-sign")).text
    assert signed.endswith('POST/api/v1/verify/pan{"pan":"ABCDE1234F"}'), signed
    headers = d.find_element(*by_test_id("signature-headers")).text
    for name in ("X-API-Key", "X-Timestamp", "X-Signature", "X-Tenant-Code"):
        assert name in headers
    assert BUILTIN_SECRET not in d.page_source, "the secret must never reach the web view"

    # A wrong secret, entered the way staff would.
    d.find_element(*by_test_id("change-secret")).click()
    d.find_element(*by_test_id("secret-input")).send_keys(WRONG_SECRET)
    d.find_element(*by_test_id("secret-save")).click()
    wait_text(d, "secret-state", "this session only")

    d.find_element(*by_test_id("send")).click()
    assert wait_text(d, "error-code", "HMAC_INVALID") == "HMAC_INVALID"
    assert d.find_element(*by_test_id("status")).text.startswith("401")
    assert d.find_element(*by_test_id("error-title")).text == "The signature was not accepted"
    assert "API secret" in d.find_element(*by_test_id("error-meaning")).text
    assert "matches your dashboard" in d.find_element(*by_test_id("error-next-step")).text
    assert not d.find_elements(*by_test_id("verdict"))
    assert WRONG_SECRET not in d.page_source
    screenshot(d, "hmac-invalid")


def test_endpoint_without_leading_slash_is_explained_without_sending(window):
    d = window
    wait_environment(d, "Sandbox (built in)")
    replace_text(d.find_element(*by_test_id("endpoint")), "api/v1/wallet/core/balance")
    d.find_element(*by_test_id("endpoint")).send_keys(Keys.CONTROL, Keys.ENTER)
    text = wait_text(d, "input-error", "must start with")
    assert "/api/v1/wallet/core/balance" in text
    assert not d.find_elements(*by_test_id("status")), "nothing was sent"


def test_catalog_picker_and_test_values_fill_the_request(window):
    d = window
    wait_environment(d, "Sandbox (built in)")
    WebDriverWait(d, 10).until(lambda drv: len(drv.find_elements(By.CSS_SELECTOR, '[data-testid="endpoint-picker"] option')) > 20)

    Select(d.find_element(*by_test_id("endpoint-picker"))).select_by_visible_text("Verify a GSTIN")
    assert d.find_element(*by_test_id("endpoint")).get_attribute("value") == "/api/v1/verify/gst"
    assert "GST registration" in d.find_element(*by_test_id("endpoint-description")).text
    d.find_element(*by_test_id("send")).click()
    wait_text(d, "status", "200 OK")
    assert '"status": "Active"' in d.find_element(*by_test_id("response-body")).text

    d.find_element(*by_test_id("open-test-values")).click()
    WebDriverWait(d, 10).until(EC.visibility_of_element_located(by_test_id("test-values")))
    assert len(d.find_elements(*by_test_id("test-value"))) >= 25
    screenshot(d, "test-values")
    d.find_element(By.CSS_SELECTOR, '[data-testid="test-values"] button.secondary').click()

    use_test_value(d, "does not exist (last letter X)")
    assert "ABCPE1234X" in body_text(d)
    d.find_element(*by_test_id("send")).click()
    wait_content(d, "response-body", '"status": "INVALID"')

    use_test_value(d, "A wrong OTP.")
    d.find_element(*by_test_id("send")).click()
    assert wait_text(d, "error-code", "VALIDATION_ERROR") == "VALIDATION_ERROR"
    assert "otp" in d.find_element(*by_test_id("api-error")).text


def test_a_sent_request_is_found_in_history_by_its_answer_and_opens_again(window):
    import re

    d = window
    wait_environment(d, "Sandbox (built in)")
    compose_pan_request(d)
    replace_text(json_body(d), '{"pan":"QRSPT4321K"}')
    d.find_element(*by_test_id("send")).click()
    wait_text(d, "status", "200 OK")
    answer = d.find_element(*by_test_id("response-body")).text
    name = re.search(r'"registered_name": "([A-Za-z]+) ', answer).group(1)

    # Another request on top, so the one we want is not simply the newest.
    Select(d.find_element(*by_test_id("endpoint-picker"))).select_by_visible_text("Wallet balance")
    d.find_element(*by_test_id("send")).click()
    wait_content(d, "response-body", "balance")

    def row_texts(drv):
        # Read in one go: the list re-renders as results arrive, so element handles can go stale.
        return drv.execute_script(
            "return [...document.querySelectorAll('[data-testid=history-row]')].map(e => e.textContent)"
        )

    d.find_element(*by_test_id("history-search")).send_keys(name)
    WebDriverWait(d, 10).until(
        lambda drv: (texts := row_texts(drv)) and all("verify/pan" in t for t in texts)
    )
    d.find_element(By.CSS_SELECTOR, '[data-testid="history-row"] .history-open').click()
    wait_text(d, "response-note", "Opened from history")
    assert d.find_element(*by_test_id("endpoint")).get_attribute("value") == "/api/v1/verify/pan"
    assert "QRSPT4321K" in body_text(d)
    assert name in d.find_element(*by_test_id("response-body")).text
    screenshot(d, "history-opened")
