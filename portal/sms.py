"""SMS: phone verification codes and SMS notifications, through one configured gateway.

`KARAVAN_SMS_BACKEND` chooses it: "log" (development: writes the text to the log with the
number masked and keeps it in `LogSMSBackend.outbox` for tests), "smpp" (SMPP 3.4 to an
operator's or aggregator's SMSC through smpplib, settings `KARAVAN_SMPP`), "https" (a JSON POST
to `KARAVAN_SMS_HTTPS_URL` with `KARAVAN_SMS_HTTPS_TOKEN` as bearer token), or a dotted path to
a class with `send(phone, text) -> str`. Every backend returns the gateway's message id and
raises on failure (the notification task retries). See docs/architecture.md (Notifications).

Length: text that fits the GSM 7-bit alphabet takes 160 characters a segment (153 in a
multipart message); anything else, Cyrillic included, goes as UCS-2: 70 (67). A notice is the
subject and the link to the page, kept within `NOTICE_SEGMENTS` segments.
"""

import contextlib
import json
import logging
import urllib.request
from dataclasses import dataclass
from itertools import count

from django.conf import settings
from django.utils.module_loading import import_string

logger = logging.getLogger("karavan.sms")

BACKENDS = {
    "log": "portal.sms.LogSMSBackend",
    "smpp": "portal.sms.SMPPBackend",
    "https": "portal.sms.HTTPSBackend",
}
NOTICE_SEGMENTS = 2


def mask_phone(phone: str) -> str:
    return phone[:4] + "…" + phone[-2:] if len(phone) > 6 else "…"


# --- length ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Length:
    encoding: str  # "GSM-7" or "UCS-2"
    units: int  # septets (GSM-7, escapes count two) or UTF-16 code units (UCS-2)
    segments: int


def sms_length(text: str) -> Length:
    """How `text` travels: its encoding, its length in that encoding, its segments."""
    from smpplib.gsm import gsm_encode

    try:
        units, single, part, encoding = len(gsm_encode(text)), 160, 153, "GSM-7"
    except UnicodeError:
        units, single, part, encoding = len(text.encode("utf-16-be")) // 2, 70, 67, "UCS-2"
    return Length(encoding, units, 1 if units <= single else -(-units // part))


def fit(text: str, suffix: str = "", segments: int = NOTICE_SEGMENTS) -> str:
    """`text` + `suffix` within `segments` segments, `text` cut (with "…") when it must be."""
    if sms_length(text + suffix).segments <= segments:
        return text + suffix
    low, high = 0, len(text)
    while low < high:  # the longest prefix of `text` that fits with the ellipsis
        middle = (low + high + 1) // 2
        if sms_length(text[:middle].rstrip() + "…" + suffix).segments <= segments:
            low = middle
        else:
            high = middle - 1
    return text[:low].rstrip() + "…" + suffix


def notice_compose(subject: str, body: str) -> str:
    """The SMS for a notification: its subject and the link to the page (found in the body),
    within two segments, the subject shortened if need be; the details stay on the page."""
    site = settings.SITE_URL.rstrip("/")
    url = next((word for word in reversed(body.split()) if word.startswith(site + "/")), "")
    if url and sms_length(url).segments < NOTICE_SEGMENTS:
        return fit(subject, "\n" + url)
    return fit(subject)


# --- sending --------------------------------------------------------------------------------


def sms_backend():
    path = settings.KARAVAN_SMS_BACKEND
    return import_string(BACKENDS.get(path, path))()


def sms_send(phone: str, text: str) -> str:
    """Send `text` to `phone` (E.164) through the configured gateway; its message id."""
    return str(sms_backend().send(phone, str(text)) or "")


class LogSMSBackend:
    """Development/test backend: writes the text to the log and to `outbox`."""

    outbox: list[tuple[str, str]] = []
    _ids = count(1)

    def send(self, phone: str, text: str) -> str:
        LogSMSBackend.outbox.append((phone, str(text)))
        logger.info("SMS to %s: %s", mask_phone(phone), text)
        return f"log-{next(self._ids)}"


class SMPPBackend:
    """SMPP 3.4 through smpplib: connect, bind_transceiver, one submit_sm per segment (UDH
    concatenation), unbind. Returns the SMSC's message ids, comma-separated."""

    def send(self, phone: str, text: str) -> str:
        import smpplib.client
        import smpplib.consts as c
        import smpplib.exceptions
        import smpplib.gsm

        conf = settings.KARAVAN_SMPP
        parts, coding, esm_class = smpplib.gsm.make_parts(text)
        source = conf.get("SOURCE") or ""
        source_ton = c.SMPP_TON_INTL if source.lstrip("+").isdigit() else c.SMPP_TON_ALNUM
        ids: list[str] = []
        client = smpplib.client.Client(
            conf["HOST"],
            conf["PORT"],
            timeout=settings.KARAVAN_SMS_TIMEOUT,
            logger_name="karavan.sms.smpp",
            allow_unknown_opt_params=True,
        )
        client.set_message_sent_handler(
            lambda pdu, **kw: ids.append(
                pdu.message_id.decode()
                if isinstance(pdu.message_id, bytes)
                else str(pdu.message_id)
            )
        )
        client.connect()
        try:
            client.bind_transceiver(
                system_id=conf["SYSTEM_ID"],
                password=conf["PASSWORD"],
                system_type=conf.get("SYSTEM_TYPE") or "",
            )
            for part in parts:
                client.send_message(
                    source_addr_ton=source_ton,
                    source_addr_npi=c.SMPP_NPI_ISDN,
                    source_addr=source.lstrip("+"),
                    dest_addr_ton=c.SMPP_TON_INTL,
                    dest_addr_npi=c.SMPP_NPI_ISDN,
                    destination_addr=phone.lstrip("+"),
                    short_message=part,
                    data_coding=coding,
                    esm_class=esm_class,
                    registered_delivery=False,
                )
            while len(ids) < len(parts):  # a transceiver may also be handed receipts
                client.read_once(auto_send_enquire_link=False)
            # Some SMSCs close the connection on unbind without answering: the messages are
            # accepted already, so that is not a failure.
            with contextlib.suppress(smpplib.exceptions.ConnectionError):
                client.unbind()
        finally:
            client.disconnect()
        return ",".join(ids)


class HTTPSBackend:
    """A generic HTTPS gateway: POST {"to", "text", "sender"} as JSON with
    `Authorization: Bearer <token>`; a 2xx answer's JSON "id" (or "message_id") is the id."""

    def send(self, phone: str, text: str) -> str:
        url = settings.KARAVAN_SMS_HTTPS_URL
        if not url.startswith(("https://", "http://")):
            raise ValueError("KARAVAN_SMS_HTTPS_URL must be an http(s) URL")
        request = urllib.request.Request(  # noqa: S310 (scheme checked above)
            url,
            method="POST",
            data=json.dumps(
                {"to": phone, "text": text, "sender": settings.KARAVAN_SMPP.get("SOURCE", "")}
            ).encode(),
            headers={
                "Content-Type": "application/json",
                "Authorization": f"Bearer {settings.KARAVAN_SMS_HTTPS_TOKEN}",
            },
        )
        with urllib.request.urlopen(request, timeout=settings.KARAVAN_SMS_TIMEOUT) as response:  # noqa: S310
            answer = json.loads(response.read() or b"{}")
        return str(answer.get("id") or answer.get("message_id") or response.status)
