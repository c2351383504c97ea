"""SMS delivery for phone verification codes.

Production plugs in a gateway by setting KARAVAN_SMS_BACKEND to a class with
`send(phone, text)`; see docs/operations.md. The development backend logs the message with the
number masked, and keeps it in `outbox` for tests.
"""

import logging

logger = logging.getLogger("karavan.sms")


def mask_phone(phone: str) -> str:
    return phone[:4] + "…" + phone[-2:] if len(phone) > 6 else "…"


class LogSMSBackend:
    """Development/test backend: writes the text to the log and to `outbox`."""

    outbox: list[tuple[str, str]] = []

    def send(self, phone: str, text: str) -> None:
        LogSMSBackend.outbox.append((phone, str(text)))
        logger.info("SMS to %s: %s", mask_phone(phone), text)
