"""Every module's summary card and the error explanations, each sent for real in the window and saved as a
picture (target/e2e/summary-*.png, error-*.png, help-*.png) for a person to look at; each is also checked here."""

import subprocess

from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import Select, WebDriverWait

from conftest import ARTIFACTS
from helpers import by_test_id, json_body, replace_text, screen_picture, texts_of, use_test_value, wait_environment, wait_text

# (module, the endpoint's plain name, what its summary must say)
MODULES = [
    ("wallet", "Wallet balance", "Wallet balance ₹"),
    ("cibil", "Credit score of a person", "Credit score"),
    ("verify", "Verify a PAN", "PAN is valid"),
    ("marketplace", "Services on sale", "items"),
    ("commission", "Commission summary", "Commission this month ₹"),
    ("customers", "Customers", "customers"),
]


def pick(d, title):
    d.find_element(*by_test_id("open-palette")).click()
    WebDriverWait(d, 10).until(EC.visibility_of_element_located(by_test_id("palette")))
    d.find_element(*by_test_id("palette-search")).send_keys(title)
    WebDriverWait(d, 10).until(lambda drv: title in (texts_of(drv, "palette-result") or [""])[0])
    d.find_element(*by_test_id("palette-search")).send_keys(Keys.ENTER)


def snap(d, test_id, name):
    """A picture of one element: the screen's picture, cut to the element (the window sits at the screen's top
    left under Xvfb, with no window manager to frame it)."""
    d.execute_async_script("const done = arguments[0]; requestAnimationFrame(() => requestAnimationFrame(done));")
    whole = ARTIFACTS / f"{name}-window.png"
    screen_picture(whole)
    r = d.execute_script("const b = arguments[0].getBoundingClientRect(); return [b.x, b.y, b.width, b.height]",
                         d.find_element(*by_test_id(test_id)))
    x, y, w, h = (round(v) for v in r)
    subprocess.run(["convert", str(whole), "-crop", f"{w}x{h}+{x}+{y}", "+repage", str(ARTIFACTS / f"{name}.png")], check=True)
    whole.unlink()


def test_every_modules_summary_card(window):
    d = window
    wait_environment(d, "Sandbox (built in)")
    for module, title, expected in MODULES:
        pick(d, title)
        d.find_element(*by_test_id("send")).click()
        headline = wait_text(d, "summary-headline", expected)
        assert headline, module
        if module == "marketplace":
            # A list says what it holds: its first entries by name, with their price.
            card = d.find_element(*by_test_id("summary-card")).text
            assert "PAN verification (pack of 100)" in card and "₹500.00" in card, card
        snap(d, "summary-card", f"summary-{module}")


def test_error_explanations_sent_for_real_and_in_the_help_sheet(window):
    d = window
    wait_environment(d, "Sandbox (built in)")

    # VALIDATION_ERROR: a mistyped PAN sent anyway.
    pick(d, "Verify a PAN")
    replace_text(d.find_element(*by_test_id("field-pan")), "ABCPE123F")
    WebDriverWait(d, 10).until(EC.element_to_be_clickable(by_test_id("send-anyway"))).click()
    wait_text(d, "error-code", "VALIDATION_ERROR")
    snap(d, "api-error", "error-validation")

    # NOT_FOUND and METHOD_NOT_ALLOWED: addresses typed by hand.
    replace_text(d.find_element(*by_test_id("endpoint")), "/api/v1/customers/CUST-999999")
    Select(d.find_element(*by_test_id("method"))).select_by_visible_text("GET")
    replace_text(json_body(d), "")
    d.find_element(*by_test_id("send")).click()
    wait_text(d, "error-code", "NOT_FOUND")
    snap(d, "api-error", "error-not-found")
    Select(d.find_element(*by_test_id("method"))).select_by_visible_text("DELETE")
    replace_text(d.find_element(*by_test_id("endpoint")), "/api/v1/wallet/core/balance")
    d.find_element(*by_test_id("send")).click()
    wait_text(d, "error-code", "METHOD_NOT_ALLOWED")
    snap(d, "api-error", "error-method-not-allowed")

    # INSUFFICIENT_BALANCE: the documented test value.
    use_test_value(d, "An order the wallet cannot pay for.")
    d.find_element(*by_test_id("send")).click()
    wait_text(d, "error-code", "INSUFFICIENT_BALANCE")
    snap(d, "api-error", "error-insufficient-balance")

    # Every code in the help sheet, one picture each.
    d.find_element(*by_test_id("open-help")).click()
    WebDriverWait(d, 10).until(lambda drv: len(drv.find_elements("css selector", ".help-code")) >= 15)
    codes = d.find_elements("css selector", ".help-code")
    assert len(codes) == 15
    for block in codes:
        code = block.find_element("css selector", "code").text
        assert "What to do:" in block.text, code
        d.execute_script("arguments[0].scrollIntoView({block: 'center'}); arguments[0].dataset.testid = 'shot'", block)
        snap(d, "shot", f"help-{code.lower()}")
        d.execute_script("delete arguments[0].dataset.testid", block)
