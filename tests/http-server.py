#!/usr/bin/env python3
"""A loopback HTTP server for the tests of remote images.

Usage: http-server.py FOLDER [LIFETIME_SECONDS]

Listens on 127.0.0.1, on a port the system picks, prints that port on a
line of stdout, and serves the files of FOLDER, plus:

  /redirect/PATH   302 to /PATH
  /redirect-file   302 to file:///etc/passwd (must not be followed)
  /loop            302 to itself
  /404             404
  /html            200, an HTML page (not an image)
  /big             1 MiB with a Content-Length
  /big-stream      1 MiB without one (the connection closes at the end)
  /slow            answers after 5 seconds
  /drip            a PNG that says it is 1 MiB long and sends a byte a second
  /delay/PATH      serves /PATH after half a second
  /sleep/S/PATH    serves /PATH after S seconds (a decimal number)
  /count           how many requests were served, /count itself left out

It exits after LIFETIME_SECONDS (default 300), so a test that dies does not
leave it behind.
"""
import http.server
import os
import sys
import threading
import time

FOLDER = os.path.realpath(sys.argv[1])
LIFETIME = float(sys.argv[2]) if len(sys.argv) > 2 else 300.0
PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489"
    "0000000d49444154789c63f8cfc0f01f00050001ff89993d1d0000000049454e44ae426082")

count = 0
lock = threading.Lock()


class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def send(self, code, body=b"", ctype="application/octet-stream", headers=(), length=True):
        self.send_response(code)
        self.send_header("Content-Type", ctype)
        for k, v in headers:
            self.send_header(k, v)
        if length:
            self.send_header("Content-Length", str(len(body)))
        else:
            self.send_header("Connection", "close")
            self.close_connection = True
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def do_GET(self):
        global count
        path = self.path.split("?", 1)[0].split("#", 1)[0]
        if path == "/count":
            with lock:
                n = count
            return self.send(200, str(n).encode(), "text/plain")
        with lock:
            count += 1
        if path.startswith("/redirect/"):
            return self.send(302, headers=[("Location", "/" + path[len("/redirect/"):])])
        if path == "/redirect-file":
            return self.send(302, headers=[("Location", "file:///etc/passwd")])
        if path == "/loop":
            return self.send(302, headers=[("Location", "/loop")])
        if path == "/404":
            return self.send(404, b"not found", "text/plain")
        if path == "/html":
            return self.send(200, b"<!DOCTYPE html><html><body>Oops</body></html>", "text/html")
        if path == "/big":
            return self.send(200, PNG + bytes(1 << 20), "image/png")
        if path == "/big-stream":
            return self.send(200, PNG + bytes(1 << 20), "image/png", length=False)
        if path == "/slow":
            time.sleep(5)
            return self.send(200, PNG, "image/png")
        if path == "/drip":
            self.send_response(200)
            self.send_header("Content-Type", "image/png")
            self.send_header("Content-Length", str(1 << 20))
            self.end_headers()
            for b in (PNG + bytes(1 << 20))[:1 << 20]:
                self.wfile.write(bytes([b]))
                self.wfile.flush()
                time.sleep(1)
            return
        if path.startswith("/sleep/"):
            secs, _, rest = path[len("/sleep/"):].partition("/")
            time.sleep(float(secs))
            path = "/" + rest
        elif path.startswith("/delay/"):
            time.sleep(0.5)
            path = path[len("/delay"):]
        file = os.path.realpath(os.path.join(FOLDER, path.lstrip("/")))
        if not file.startswith(FOLDER + os.sep) or not os.path.isfile(file):
            return self.send(404, b"not found", "text/plain")
        with open(file, "rb") as f:
            body = f.read()
        ctype = {".png": "image/png", ".svg": "image/svg+xml", ".jpg": "image/jpeg"}.get(
            os.path.splitext(file)[1], "application/octet-stream")
        self.send(200, body, ctype)


class Server(http.server.ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request, client_address):
        # Clients that stop reading (the size cap, time-outs) are expected.
        if not isinstance(sys.exc_info()[1], (ConnectionError, TimeoutError)):
            super().handle_error(request, client_address)


server = Server(("127.0.0.1", 0), Handler)
print(server.server_address[1], flush=True)
threading.Timer(LIFETIME, server.shutdown).start()
server.serve_forever()
