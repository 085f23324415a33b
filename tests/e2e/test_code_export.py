"""The Code panel in the real window: pick PHP, copy, and the clipboard holds the snippet, which runs against the
app's own sandbox; a secret chosen inline is in the copy but never in the page; a curl signed now also works."""

import os
import subprocess

from selenium.webdriver.support.ui import WebDriverWait

from helpers import BUILTIN_SECRET, by_test_id, compose_pan_request, replace_text, screenshot, wait_content, wait_environment, wait_text


def clipboard():
    """What the X clipboard holds now (the app serves it; xclip asks for it as any program would)."""
    out = subprocess.run(["xclip", "-o", "-selection", "clipboard"], capture_output=True, timeout=10, env=os.environ)
    return out.stdout.decode("utf-8")


def wait_clipboard(driver, text, timeout=10):
    WebDriverWait(driver, timeout).until(lambda _: text in clipboard())
    return clipboard()


def run(program, source, secret):
    env = {k: v for k, v in os.environ.items() if k != "VK_API_SECRET"}
    if secret:
        env["VK_API_SECRET"] = secret
    out = subprocess.run(program, input=source.encode("utf-8"), capture_output=True, timeout=60, env=env)
    return out.returncode, out.stdout.decode("utf-8"), out.stderr.decode("utf-8")


def test_pick_php_copy_and_the_clipboard_holds_code_that_runs(window):
    d = window
    wait_environment(d, "Sandbox (built in)")
    compose_pan_request(d)
    subprocess.run(["xclip", "-selection", "clipboard"], input=b"nothing yet", timeout=10, env=os.environ)

    d.find_element(*by_test_id("show-code")).click()
    d.find_element(*by_test_id("code-lang-php")).click()
    wait_content(d, "code-text", "hash_hmac('sha256'")
    wait_content(d, "code-run", "php vk_request.php")
    d.find_element(*by_test_id("code-copy")).click()
    wait_text(d, "toast", "Copied the PHP code")

    php = wait_clipboard(d, "<?php")
    assert "$endpoint = \"/api/v1/verify/pan\";" in php, php
    assert "getenv('VK_API_SECRET')" in php
    assert BUILTIN_SECRET not in php
    code, out, err = run(["php"], php, BUILTIN_SECRET)
    assert code == 0, out + err
    assert '"success":true' in out and '"ABCDE1234F"' in out, out
    screenshot(d, "code-php")

    # The secret written into the code: in the copy, shown in the page only as a placeholder.
    d.find_element(*by_test_id("code-secret-inline")).click()
    wait_text(d, "code-inline-warning", "anyone who has it can call the API as you")
    wait_content(d, "code-text", "written in when you copy or save")
    assert BUILTIN_SECRET not in d.page_source
    d.find_element(*by_test_id("code-lang-python")).click()
    wait_content(d, "code-text", "hmac.new(")
    d.find_element(*by_test_id("code-copy")).click()
    python = wait_clipboard(d, "#!/usr/bin/env python3")
    assert f"API_SECRET = '{BUILTIN_SECRET}'" in python
    code, out, err = run(["python3", "-"], python, None)
    assert code == 0 and '"success":true' in out, out + err
    screenshot(d, "code-inline-secret")

    # A curl command signed now, for a quick try.
    d.find_element(*by_test_id("code-presigned")).click()
    wait_text(d, "toast", "signed now")
    curl = wait_clipboard(d, "X-Signature: ")
    assert BUILTIN_SECRET not in curl
    code, out, err = run(["sh"], curl, None)
    assert code == 0 and '"success":true' in out, out + err
    assert BUILTIN_SECRET not in d.page_source


def test_a_request_that_cannot_be_written_as_code_says_why(window):
    d = window
    wait_environment(d, "Sandbox (built in)")
    d.find_element(*by_test_id("show-code")).click()
    d.find_element(*by_test_id("code-lang-go")).click()
    wait_content(d, "code-text", "package main")
    field = d.find_element(*by_test_id("code-base-url"))
    field.send_keys("vistarkriya.com")
    assert "must start with http:// or https://" in wait_text(d, "code-error", "https://")
    assert not d.find_element(*by_test_id("code-copy")).is_enabled()
    replace_text(field, "https://vistarkriya.com")
    wait_content(d, "code-text", 'baseURL := "https://vistarkriya.com"')
