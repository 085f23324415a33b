"""Issue 4 in the real window: send, find the request in history by a word of its answer, open it, save it to a
collection, make and switch to another environment (secret in the system keyring), send again; production asks first."""

import re

from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import Select, WebDriverWait

from helpers import BUILTIN_SECRET, body_text, by_test_id, compose_pan_request, json_body, replace_text, screenshot, wait_content, wait_environment, wait_text


def row_texts(driver):
    # Read in one go: the list re-renders as results arrive, so element handles can go stale.
    return driver.execute_script("return [...document.querySelectorAll('[data-testid=history-row]')].map(e => e.textContent)")


def visible(driver, test_id, timeout=10):
    return WebDriverWait(driver, timeout).until(EC.visibility_of_element_located(by_test_id(test_id)))


def test_history_to_collection_to_another_environment(window):
    d = window
    wait_environment(d, "Sandbox (built in)")
    sandbox_url = d.execute_script("return document.querySelector('[data-testid=environment-url]').textContent")

    # 1. Send a PAN verification; note a word of its answer.
    compose_pan_request(d)
    replace_text(json_body(d), '{"pan":"LMNPK2468Q"}')
    d.find_element(*by_test_id("send")).click()
    wait_text(d, "status", "200 OK")
    name = re.search(r'"registered_name": "([A-Za-z]+) ', d.find_element(*by_test_id("response-body")).text).group(1)
    Select(d.find_element(*by_test_id("endpoint-picker"))).select_by_visible_text("Wallet balance")
    d.find_element(*by_test_id("send")).click()
    wait_content(d, "response-body", "balance")

    # 2. Find it in history by that word, and open it.
    d.find_element(*by_test_id("history-search")).send_keys(name)
    WebDriverWait(d, 10).until(lambda drv: (t := row_texts(drv)) and len(t) == 1 and "verify/pan" in t[0])
    d.find_element(By.CSS_SELECTOR, '[data-testid="history-row"] .history-open').click()
    wait_text(d, "response-note", "Opened from history")
    assert "LMNPK2468Q" in body_text(d)

    # 3. Save it to a collection with Ctrl+S, into a new folder.
    d.find_element(*by_test_id("endpoint")).send_keys(Keys.CONTROL, "s")
    visible(d, "save-dialog")
    replace_text(d.find_element(*by_test_id("save-name")), "PAN of a client")
    Select(d.find_element(*by_test_id("save-folder"))).select_by_visible_text("New folder…")
    d.find_element(*by_test_id("save-new-folder")).send_keys("KYC checks")
    d.find_element(*by_test_id("save-confirm")).click()
    wait_text(d, "toast", "Saved “PAN of a client”")
    wait_content(d, "collections", "KYC checks")
    wait_content(d, "collections", "PAN of a client")
    assert d.find_element(*by_test_id("saved-name")).text == "— PAN of a client"
    screenshot(d, "collection-saved")

    # 4. Make another environment in the editor, with its secret in the system keyring, and test it.
    d.find_element(*by_test_id("manage-environments")).click()
    visible(d, "environment-editor")
    d.find_element(*by_test_id("env-new")).click()
    d.find_element(*by_test_id("env-name")).send_keys("Training")
    replace_text(d.find_element(*by_test_id("env-base_url")), sandbox_url)
    d.find_element(*by_test_id("env-api_key")).send_keys("vk_sandbox_demo_key")
    d.find_element(*by_test_id("env-tenant_code")).send_keys("12345")
    d.find_element(*by_test_id("env-save")).click()
    assert "6 digits" in wait_text(d, "env-error", "6 digits"), "a wrong tenant code is explained"
    d.find_element(*by_test_id("env-tenant_code")).send_keys("6")
    d.find_element(*by_test_id("env-save")).click()
    wait_text(d, "editor-secret-state", "not set yet")
    d.find_element(*by_test_id("editor-set-secret")).click()
    d.find_element(*by_test_id("secret-input")).send_keys(BUILTIN_SECRET)
    d.find_element(*by_test_id("secret-save")).click()
    wait_text(d, "editor-secret-state", "saved in the system keyring")
    d.find_element(*by_test_id("editor-test-secret")).click()
    wait_text(d, "secret-check", "accepted")
    screenshot(d, "environment-editor")
    d.find_element(*by_test_id("env-name")).send_keys(Keys.ESCAPE)
    WebDriverWait(d, 10).until(EC.invisibility_of_element_located(by_test_id("environment-editor")))

    # 5. Switch to it in the title bar, open the saved request and send again.
    Select(d.find_element(*by_test_id("environment-switcher"))).select_by_visible_text("Training")
    wait_environment(d, "Training")
    assert "in the keyring" in d.find_element(*by_test_id("secret-state")).text
    d.find_element(*by_test_id("collection-request")).click()
    assert "LMNPK2468Q" in body_text(d)
    d.find_element(*by_test_id("send")).click()
    wait_text(d, "status", "200 OK")
    d.find_element(*by_test_id("sidebar-history")).click()
    d.find_element(*by_test_id("history-filters-toggle")).click()
    Select(d.find_element(*by_test_id("history-environment"))).select_by_visible_text("Training")
    WebDriverWait(d, 10).until(lambda drv: (t := row_texts(drv)) and len(t) == 1 and "verify/pan" in t[0])

    # 6. Marked as production: a red band, and every send asks first.
    d.find_element(*by_test_id("manage-environments")).click()
    visible(d, "environment-editor")
    # Clicking the words, as most people do (WebKitWebDriver does not toggle a bare checkbox it clicks).
    d.find_element(By.CSS_SELECTOR, "label[for=env-production]").click()
    assert d.find_element(*by_test_id("env-production")).is_selected()
    d.find_element(*by_test_id("env-save")).click()
    wait_text(d, "environment-editor", "Saved “Training”")
    d.find_element(*by_test_id("env-name")).send_keys(Keys.ESCAPE)
    wait_text(d, "production-band", "PRODUCTION")
    d.find_element(*by_test_id("send")).click()
    wait_text(d, "confirm-dialog", "Send to production?")
    screenshot(d, "production-confirm")
    d.find_element(*by_test_id("confirm-yes")).click()
    wait_text(d, "status", "200 OK")
    WebDriverWait(d, 10).until(lambda drv: len(row_texts(drv)) == 2)
    assert BUILTIN_SECRET not in d.page_source, "the secret must never reach the web view"
