"""A server that redirects, in the real window: the 3xx is the answer, the panel says where the server pointed and
why VK Workspace did not follow it, and nothing reaches the other address (the signature would have gone with it)."""

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from helpers import by_test_id, json_body, replace_text, screenshot, wait_environment, wait_text
from selenium.webdriver.support.ui import Select
from test_large_answer import add_environment


def serve(handler):
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}"


def test_a_redirect_is_shown_with_where_it_pointed_and_not_followed(window):
    reached = []

    class Elsewhere(BaseHTTPRequestHandler):
        def do_POST(self):
            reached.append(dict(self.headers))
            self.send_response(200)
            self.end_headers()

        def log_message(self, *args):
            pass

    other, other_url = serve(Elsewhere)
    target = f"{other_url}/collect"

    class Moved(BaseHTTPRequestHandler):
        def do_POST(self):
            self.rfile.read(int(self.headers.get("Content-Length") or 0))
            self.send_response(302)
            self.send_header("Location", target)
            self.send_header("Content-Length", "0")
            self.end_headers()

        def log_message(self, *args):
            pass

    api, api_url = serve(Moved)
    try:
        d = window
        wait_environment(d, "Sandbox (built in)")
        add_environment(d, "Moved server", api_url)
        Select(d.find_element(*by_test_id("method"))).select_by_visible_text("POST")
        replace_text(d.find_element(*by_test_id("endpoint")), "/api/v1/verify/pan")
        replace_text(json_body(d), '{"pan":"ABCDE1234F"}')
        d.find_element(*by_test_id("send")).click()
        wait_text(d, "status", "302")
        message = wait_text(d, "redirect-message", "another address")
        assert f"The server sent this request to another address: {target}." in message
        assert "does not follow it, because the signature and key would go with it" in message
        screenshot(d, "redirect-not-followed")
        assert reached == [], "nothing reached the other address"
    finally:
        api.shutdown()
        other.shutdown()
