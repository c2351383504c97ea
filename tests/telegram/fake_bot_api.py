"""A small, real HTTP server that answers like Telegram's Bot API and records each call.

The bot sends through python-telegram-bot's own HTTP client to `KARAVAN_TELEGRAM_API_URL`;
pointing that at this server exercises the real request path (URL with the token, form
encoding, JSON answers) without reaching Telegram."""

import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qsl


class FakeBotAPI:
    def __init__(self, token: str):
        self.token = token
        self.calls: list[tuple[str, dict]] = []
        self.fail_next = 0  # answer this many calls with a 502 (Telegram down)
        api = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length).decode()
                if self.headers.get("Content-Type", "").startswith("application/json"):
                    params = json.loads(body or "{}")
                else:
                    params = {key: _value(value) for key, value in parse_qsl(body)}
                prefix = f"/bot{api.token}/"
                if not self.path.startswith(prefix):
                    return self._answer(
                        401, {"ok": False, "error_code": 401, "description": "Unauthorized"}
                    )
                method = self.path[len(prefix) :]
                if api.fail_next:
                    api.fail_next -= 1
                    return self._answer(
                        502, {"ok": False, "error_code": 502, "description": "Bad Gateway"}
                    )
                api.calls.append((method, params))
                return self._answer(200, {"ok": True, "result": api.result(method, params)})

            def _answer(self, status, payload):
                data = json.dumps(payload).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def log_message(self, *args):  # quiet
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}"

    def result(self, method: str, params: dict):
        if method == "sendMessage":
            return {
                "message_id": len(self.calls),
                "date": int(time.time()),
                "chat": {"id": int(params["chat_id"]), "type": "private"},
                "text": params.get("text", ""),
            }
        if method == "getMe":
            return {"id": 1, "is_bot": True, "first_name": "Karavan", "username": "karavan_bot"}
        return True

    def messages(self, chat_id: int | None = None) -> list[dict]:
        """The sendMessage calls (to one chat), oldest first."""
        return [
            params
            for method, params in self.calls
            if method == "sendMessage" and (chat_id is None or int(params["chat_id"]) == chat_id)
        ]

    def texts(self, chat_id: int | None = None) -> list[str]:
        return [params["text"] for params in self.messages(chat_id)]

    def start(self):
        self.thread.start()
        return self

    def stop(self):
        self.server.shutdown()
        self.server.server_close()


def _value(raw: str):
    """Form fields carry JSON for objects (reply_markup) and plain text for the rest."""
    if raw[:1] in "{[":
        try:
            return json.loads(raw)
        except ValueError:
            return raw
    return raw
