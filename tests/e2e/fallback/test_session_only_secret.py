"""On a computer without a credential store (run with no D-Bus session): the app says so and offers to keep the
secret for this session only; with that choice the environment works."""

from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import Select, WebDriverWait

from helpers import BUILTIN_SECRET, by_test_id, screenshot, wait_environment, wait_text


def test_without_a_credential_store_the_secret_is_kept_for_the_session(window):
    d = window
    wait_environment(d, "Sandbox (built in)")
    sandbox_url = d.execute_script("return document.querySelector('[data-testid=environment-url]').textContent")
    d.find_element(*by_test_id("manage-environments")).click()
    WebDriverWait(d, 10).until(EC.visibility_of_element_located(by_test_id("environment-editor")))
    d.find_element(*by_test_id("env-new")).click()
    d.find_element(*by_test_id("env-name")).send_keys("Laptop without keyring")
    base = d.find_element(*by_test_id("env-base_url"))
    base.clear()
    base.send_keys(sandbox_url)
    d.find_element(*by_test_id("env-api_key")).send_keys("vk_sandbox_demo_key")
    d.find_element(*by_test_id("env-tenant_code")).send_keys("123456")
    d.find_element(*by_test_id("env-save")).click()
    wait_text(d, "editor-secret-state", "not set yet")

    d.find_element(*by_test_id("editor-set-secret")).click()
    d.find_element(*by_test_id("secret-input")).send_keys(BUILTIN_SECRET)
    d.find_element(*by_test_id("secret-save")).click()
    wait_text(d, "secret-error", "No credential store is available")
    assert "for this session only" in d.find_element(*by_test_id("secret-error")).text
    screenshot(d, "no-credential-store")
    d.find_element(*by_test_id("secret-session")).click()
    wait_text(d, "editor-secret-state", "kept for this session only")
    d.find_element(*by_test_id("env-use")).click()
    d.find_element(*by_test_id("env-close")).click()

    wait_environment(d, "Laptop without keyring")
    Select(d.find_element(*by_test_id("endpoint-picker"))).select_by_visible_text("Wallet balance")
    d.find_element(*by_test_id("send")).click()
    wait_text(d, "status", "200 OK")
    assert BUILTIN_SECRET not in d.page_source
