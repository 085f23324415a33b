"""A large answer (about 20 MB) in the real window: it opens as a tree with its summary, the window keeps
answering while it loads, and a JSONPath filter finds one value among 100,000 rows."""

from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import Select, WebDriverWait

from big_server import BigServer, big_answer
from helpers import by_test_id, json_body, replace_text, screenshot, wait_content, wait_environment, wait_text


def add_environment(d, name, url):
    d.find_element(*by_test_id("manage-environments")).click()
    WebDriverWait(d, 10).until(EC.visibility_of_element_located(by_test_id("environment-editor")))
    d.find_element(*by_test_id("env-new")).click()
    d.find_element(*by_test_id("env-name")).send_keys(name)
    replace_text(d.find_element(*by_test_id("env-base_url")), url)
    d.find_element(*by_test_id("env-api_key")).send_keys("any_key")
    d.find_element(*by_test_id("env-tenant_code")).send_keys("123456")
    d.find_element(*by_test_id("env-save")).click()
    wait_text(d, "editor-secret-state", "not set yet")
    d.find_element(*by_test_id("editor-set-secret")).click()
    d.find_element(*by_test_id("secret-input")).send_keys("any-secret")
    d.find_element(*by_test_id("secret-save")).click()
    wait_text(d, "editor-secret-state", "keyring")
    d.find_element(*by_test_id("env-close")).click()
    Select(d.find_element(*by_test_id("environment-switcher"))).select_by_visible_text(name)
    wait_environment(d, name)


def test_a_large_answer_opens_as_a_tree_without_freezing(window):
    server = BigServer(big_answer(100_000))
    try:
        d = window
        wait_environment(d, "Sandbox (built in)")
        add_environment(d, "Big answers", server.url)
        Select(d.find_element(*by_test_id("method"))).select_by_visible_text("POST")
        replace_text(d.find_element(*by_test_id("endpoint")), "/api/v1/customers/export")
        replace_text(json_body(d), "{}")
        d.find_element(*by_test_id("send")).click()
        # While it loads, the window still answers: typing in the history search works at once.
        search = d.find_element(*by_test_id("history-search"))
        search.send_keys("still responsive")
        assert search.get_attribute("value") == "still responsive"
        assert "1,00,000 customers" in wait_text(d, "summary-headline", "1,00,000 customers", timeout=60)
        WebDriverWait(d, 30).until(EC.visibility_of_element_located(by_test_id("json-tree")))
        screenshot(d, "large-answer-tree")
        d.find_element(*by_test_id("tree-filter")).send_keys("$.data.customers[70000].id")
        wait_text(d, "tree-count", "1 match")
        wait_content(d, "json-tree", "CUST-070000")
        # Copy the path of the value found (the row's actions show on hover; clicked directly here).
        d.execute_script("document.querySelector('.tree-actions button[title^=\"Copy the JSONPath\"]').click()")
        wait_text(d, "toast", "Copied $.data.customers[70000].id")
        # Pretty and Raw read the answer a screenful at a time.
        d.find_element(*by_test_id("view-pretty")).click()
        assert "laid out with indentation" in wait_text(d, "large-body-note", "screenful")
        wait_content(d, "large-text", '"success": true,')
        assert '  "data": {' in d.execute_script("return [...document.querySelectorAll('[data-testid=large-text-row]')].map(r => r.textContent).join('\\n')")
        screenshot(d, "large-answer-pretty")
        d.find_element(*by_test_id("view-raw")).click()
        wait_content(d, "large-text", '{"success":true,"data":{')
        d.execute_script("const s = document.querySelector('[data-testid=large-text]'); s.scrollTop = s.scrollHeight;")
        wait_content(d, "large-text", "}}")
    finally:
        server.close()
