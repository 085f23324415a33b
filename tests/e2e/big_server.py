"""A plain HTTP server on loopback that answers every request with one large JSON body (for large-answer tests
and the benchmark). It ignores the signature: it stands in for a server that returns a lot."""

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


def big_answer(rows: int) -> bytes:
    customers = [{"id": f"CUST-{i:06d}", "name": f"Customer number {i}", "city": "Pune" if i % 7 == 0 else "Delhi",
                  "phone": f"98{i:08d}", "notes": "x" * 120} for i in range(rows)]
    return json.dumps({"success": True, "data": {"customers": customers, "total": rows}}, separators=(",", ":")).encode()


class BigServer:
    def __init__(self, body: bytes):
        self.body = body
        outer = self

        class Handler(BaseHTTPRequestHandler):
            def _answer(self):
                length = int(self.headers.get("Content-Length") or 0)
                self.rfile.read(length)
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(outer.body)))
                self.end_headers()
                self.wfile.write(outer.body)

            do_GET = do_POST = _answer

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self):
        self.server.shutdown()
