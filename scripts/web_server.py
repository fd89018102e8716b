"""Serves the web chat page: web/, the rasa-webchat bundle and a generated /config.js.

Standard library only. Binds to $HOST:$WEB_PORT (127.0.0.1:8080 by default) and tells the
page where Rasa's Socket.IO channel is (http://$HOST:$RASA_PORT, or $RASA_PUBLIC_URL when
Rasa is reached through another address, e.g. a reverse proxy).

Only a fixed list of files is served (no directory listing, no path from the URL reaches the
file system), with a Content-Security-Policy that allows scripts from this origin only and
connections to the Rasa server only. The widget's Google Fonts @import is cut from its bundle
(the policy would block it with a console error for each of its style elements).
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Dict, Tuple
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parents[1]
WEB = ROOT / "web"
WIDGET = ROOT / "node_modules" / "rasa-webchat" / "lib" / "index.js"

# URL path -> (file, content type)
STATIC: Dict[str, Tuple[Path, str]] = {
    "/": (WEB / "index.html", "text/html; charset=utf-8"),
    "/index.html": (WEB / "index.html", "text/html; charset=utf-8"),
    "/app.js": (WEB / "app.js", "text/javascript; charset=utf-8"),
    "/style.css": (WEB / "style.css", "text/css; charset=utf-8"),
    "/vendor/webchat.js": (WIDGET, "text/javascript; charset=utf-8"),
}
FONT_IMPORT = re.compile(rb"@import url\(https://fonts\.googleapis\.com/[^)]*\);?")


def content_security_policy(rasa_url: str) -> str:
    """Scripts from this origin only, network access to the Rasa server only."""
    parts = urlsplit(rasa_url)
    ws_scheme = "wss" if parts.scheme == "https" else "ws"
    rasa_origins = f"{parts.scheme}://{parts.netloc} {ws_scheme}://{parts.netloc}"
    return "; ".join(
        [
            "default-src 'self'",
            "script-src 'self'",
            # the widget injects its CSS in <style> elements
            "style-src 'self' 'unsafe-inline'",
            "img-src 'self' data:",
            "font-src 'self' data:",
            f"connect-src 'self' {rasa_origins}",
            "object-src 'none'",
            "base-uri 'none'",
            "form-action 'none'",
            "frame-ancestors 'none'",
        ]
    )


def make_handler(rasa_url: str) -> type:
    """A request handler class bound to the Rasa URL."""
    config_js = "window.COACH_CONFIG = " + json.dumps({"rasaUrl": rasa_url, "socketPath": "/socket.io/"}) + ";\n"
    csp = content_security_policy(rasa_url)

    class Handler(BaseHTTPRequestHandler):
        server_version = "coach-web"
        sys_version = ""

        def _send(self, status: int, body: bytes, content_type: str, cache: str = "no-cache") -> None:
            self.send_response(status)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(body)))
            self.send_header("Cache-Control", cache)
            self.send_header("Content-Security-Policy", csp)
            self.send_header("X-Content-Type-Options", "nosniff")
            self.send_header("Referrer-Policy", "no-referrer")
            self.send_header("X-Frame-Options", "DENY")
            self.end_headers()
            if self.command != "HEAD":
                self.wfile.write(body)

        def _resolve(self) -> Tuple[bytes, str] | None:
            path = urlsplit(self.path).path
            if path == "/config.js":
                return config_js.encode(), "text/javascript; charset=utf-8"
            if path == "/health":
                return b'{"status": "ok"}', "application/json"
            entry = STATIC.get(path)
            if entry is None:
                return None
            file, content_type = entry
            if not file.is_file():
                hint = "run `npm ci` (or scripts/setup_e2e.sh)" if file == WIDGET else "file missing"
                return f"{path}: {hint}\n".encode(), "text/plain; charset=utf-8"
            body = file.read_bytes()
            return (FONT_IMPORT.sub(b"", body) if file == WIDGET else body), content_type

        def do_GET(self) -> None:  # noqa: N802 - http.server's naming
            """Serve one of the known files."""
            found = self._resolve()
            if found is None:
                self._send(HTTPStatus.NOT_FOUND, b"not found\n", "text/plain; charset=utf-8")
            elif found[1].startswith("text/plain"):
                self._send(HTTPStatus.INTERNAL_SERVER_ERROR, found[0], found[1])
            else:
                self._send(HTTPStatus.OK, found[0], found[1])

        def do_HEAD(self) -> None:  # noqa: N802 - http.server's naming
            """Like GET, without the body."""
            self.do_GET()

        def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - signature of the base class
            sys.stderr.write(f"{self.address_string()} {format % args}\n")

    return Handler


def main(argv: list | None = None) -> None:
    """Parse the options and serve until interrupted."""
    host = os.environ.get("HOST", "127.0.0.1")
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--host", default=host)
    parser.add_argument("--port", type=int, default=int(os.environ.get("WEB_PORT", "8080")))
    parser.add_argument(
        "--rasa-url",
        default=os.environ.get("RASA_PUBLIC_URL") or f"http://{host}:{os.environ.get('RASA_PORT', '5005')}",
        help="where the browser reaches Rasa (default http://$HOST:$RASA_PORT)",
    )
    args = parser.parse_args(argv)
    if not WIDGET.is_file():
        print(f"warning: {WIDGET.relative_to(ROOT)} is missing: run `npm ci`", file=sys.stderr)
    server = ThreadingHTTPServer((args.host, args.port), make_handler(args.rasa_url.rstrip("/")))
    print(f"Web chat on http://{args.host}:{args.port}/ (Rasa at {args.rasa_url})", flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()


if __name__ == "__main__":
    main()
