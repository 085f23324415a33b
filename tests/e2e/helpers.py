"""Helpers for the end-to-end tests: find by test id, wait for text, type like a person, take screenshots."""

import os
import subprocess

from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import Select, WebDriverWait

from conftest import ARTIFACTS

BUILTIN_SECRET = "vk_sandbox_demo_secret"


def by_test_id(test_id):
    return (By.CSS_SELECTOR, f'[data-testid="{test_id}"]')


def wait_text(driver, test_id, text, timeout=15):
    WebDriverWait(driver, timeout).until(EC.text_to_be_present_in_element(by_test_id(test_id), text))
    return driver.find_element(*by_test_id(test_id)).text


def replace_text(element, text):
    """Select all and type over it, the way a person would (React sees real input events)."""
    element.click()
    element.send_keys(Keys.CONTROL, "a")
    element.send_keys(Keys.DELETE)
    if text:
        element.send_keys(text)


def screen_picture(path):
    """The whole virtual screen, as X sees it (WebDriver's own screenshots can hang when the web view paints
    without GPU compositing, as the app does on Linux)."""
    subprocess.run(["import", "-window", "root", str(path)], check=True, env=os.environ, timeout=30)


def screenshot(driver, name):
    """Wait two animation frames (the DOM can be a frame ahead of the picture), then save the screen."""
    driver.execute_async_script("const done = arguments[0]; requestAnimationFrame(() => requestAnimationFrame(done));")
    screen_picture(ARTIFACTS / f"{name}.png")


def json_body(driver):
    """The JSON body editor (switching from the form to JSON, as a person would, when the form is showing)."""
    driver.find_element(*by_test_id("mode-json")).click()
    return driver.find_element(*by_test_id("body"))


def body_text(driver):
    """What the JSON body editor holds (CodeMirror: read from the page, as it is not a form field)."""
    driver.find_element(*by_test_id("mode-json")).click()
    return driver.execute_script("return document.querySelector('[data-testid=body]').textContent")


def compose_pan_request(driver):
    Select(driver.find_element(*by_test_id("method"))).select_by_visible_text("POST")
    replace_text(driver.find_element(*by_test_id("endpoint")), "/api/v1/verify/pan")
    replace_text(json_body(driver), '{"pan":"ABCDE1234F"}')


def wait_content(driver, test_id, text, timeout=15):
    """Like wait_text, over the element's textContent (WebKitWebDriver leaves some visible labels out of .text)."""
    script = f"return document.querySelector('[data-testid=\"{test_id}\"]')?.textContent ?? ''"
    WebDriverWait(driver, timeout).until(lambda drv: text in drv.execute_script(script))


def count_test_id(driver, test_id):
    """How many elements carry `test_id`, counted in the page: a list that re-renders as it is read cannot leave
    WebKitWebDriver holding a handle to a node React has just replaced (StaleElementReferenceException)."""
    return driver.execute_script(f"return document.querySelectorAll('[data-testid=\"{test_id}\"]').length")


def texts_of(driver, test_id):
    """The visible text of each element carrying `test_id`, read in the page in one go (see count_test_id)."""
    script = f"return Array.from(document.querySelectorAll('[data-testid=\"{test_id}\"]'), e => e.innerText)"
    return driver.execute_script(script)


def wait_environment(driver, name, timeout=15):
    """Wait until the title bar's environment switcher shows `name`; returns what it shows."""
    script = "return document.querySelector('[data-testid=\"environment-switcher\"]')?.selectedOptions[0]?.textContent ?? ''"
    WebDriverWait(driver, timeout).until(lambda drv: name in drv.execute_script(script))
    return driver.execute_script(script)


def use_test_value(driver, purpose):
    driver.find_element(*by_test_id("open-test-values")).click()
    WebDriverWait(driver, 10).until(EC.visibility_of_element_located(by_test_id("test-values")))
    rows = driver.find_elements(*by_test_id("test-value"))
    row = next(r for r in rows if purpose in r.text)
    row.find_element(*by_test_id("use-test-value")).click()
    WebDriverWait(driver, 10).until(EC.invisibility_of_element_located(by_test_id("test-values")))
