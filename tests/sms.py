"""Local SMS gateways for tests: an SMSC speaking SMPP 3.4 over a real TCP socket (the smpp34
package's server, an implementation independent of the smpplib client Karavan sends with) and
an HTTP gateway taking the generic JSON POST. Re-export the fixtures in a test module:

    from tests.sms import https_gateway, smsc  # noqa: F401

`smsc.messages` holds what the SMSC accepted, one `Sms` per text (concatenated segments joined
again); `smsc.reject = n` refuses the next n submit_sm with ESME_RMSGQFUL ("message queue
full"). `https_gateway.requests` holds (headers, JSON body); `https_gateway.fail = n` answers
the next n with HTTP 503.
"""

import asyncio
import json
import socket
import threading
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.test import override_settings

SYSTEM_ID, PASSWORD = "karavan", "smpp-secret"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@dataclass
class Sms:
    destination: str
    source: str
    data_coding: int
    segments: int
    text: str


@dataclass
class Smsc:
    port: int
    messages: list = field(default_factory=list)
    binds: list = field(default_factory=list)
    reject: int = 0
    _parts: dict = field(default_factory=dict)
    _ids: int = 0

    def settings(self) -> dict:
        return {
            "HOST": "127.0.0.1",
            "PORT": self.port,
            "SYSTEM_ID": SYSTEM_ID,
            "PASSWORD": PASSWORD,
            "SYSTEM_TYPE": "",
            "SOURCE": "Karavan",
        }

    def take(self, event) -> None:
        """Accept (or refuse) one submit_sm; join concatenated segments (UDH 05 00 03)."""
        import smpp34

        if self.reject:
            self.reject -= 1
            event.reject(smpp34.ESME_RMSGQFUL)
            return
        self._ids += 1
        event.accept(message_id=f"smsc-{self._ids}")
        payload, segments = event.short_message, 1
        if event.esm_class & 0x40:  # UDHI: a header before the text
            header, payload = payload[: payload[0] + 1], payload[payload[0] + 1 :]
            reference, segments, index = header[3], header[4], header[5]
            key = (event.destination_addr, reference)
            self._parts.setdefault(key, {})[index] = payload
            if len(self._parts[key]) < segments:
                return
            parts = self._parts.pop(key)
            payload = b"".join(parts[i] for i in sorted(parts))
        text = payload.decode("utf-16-be") if event.data_coding == 8 else payload.decode("latin-1")
        self.messages.append(
            Sms(event.destination_addr, event.source_addr, event.data_coding, segments, text)
        )


@pytest.fixture
def smsc():
    """An SMSC on a free local port, and the settings pointing Karavan's SMPP backend at it."""
    import smpp34

    simulator = Smsc(port=_free_port())
    loop = asyncio.new_event_loop()
    ready = threading.Event()

    async def serve():
        server = smpp34.Server(host="127.0.0.1", port=simulator.port, system_id="TESTSMSC")
        await server.start()
        ready.set()
        try:
            while True:
                event = await server.next()
                if isinstance(event, smpp34.Esme):
                    simulator.binds.append(event.system_id)
                elif isinstance(event, smpp34.SubmitSmEvent):
                    simulator.take(event)
        finally:
            await server.stop()

    task_holder = {}

    def run():
        task_holder["task"] = loop.create_task(serve())
        try:
            loop.run_until_complete(task_holder["task"])
        except asyncio.CancelledError:
            pass

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    assert ready.wait(10), "the SMSC simulator did not start"
    with override_settings(
        KARAVAN_SMS_BACKEND="smpp", KARAVAN_SMPP=simulator.settings(), KARAVAN_SMS_TIMEOUT=10
    ):
        yield simulator
    loop.call_soon_threadsafe(task_holder["task"].cancel)
    thread.join(10)


@dataclass
class Gateway:
    url: str
    requests: list = field(default_factory=list)
    fail: int = 0


@pytest.fixture
def https_gateway():
    """A local HTTP gateway taking Karavan's JSON POST, and the settings pointing at it."""
    gateway = Gateway(url="")

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self):  # noqa: N802 (http.server's name)
            body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
            gateway.requests.append((dict(self.headers), body))
            if gateway.fail:
                gateway.fail -= 1
                self.send_response(503)
                self.end_headers()
                return
            answer = json.dumps({"id": f"gw-{len(gateway.requests)}"}).encode()
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(answer)))
            self.end_headers()
            self.wfile.write(answer)

        def log_message(self, *args):  # no phone numbers on the test output
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    gateway.url = f"http://127.0.0.1:{server.server_port}/sms"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    with override_settings(
        KARAVAN_SMS_BACKEND="https",
        KARAVAN_SMS_HTTPS_URL=gateway.url,
        KARAVAN_SMS_HTTPS_TOKEN="gateway-token",
    ):
        yield gateway
    server.shutdown()
    server.server_close()
