"""Logging filter that keeps personal data out of logs."""

import logging
import re

# Passport numbers (letters + digits, 6–12), ISO dates that look like birth dates, and long
# digit runs are masked wherever they appear in a log line.
_PATTERNS = [
    re.compile(r"\b[A-Z]{1,3}\d{6,10}\b"),
    re.compile(r"\b(19|20)\d{2}-\d{2}-\d{2}\b"),
    re.compile(r"\b\d{9,}\b"),
]


def redact(text: str) -> str:
    for pattern in _PATTERNS:
        text = pattern.sub("[redacted]", text)
    return text


class RedactPersonalData(logging.Filter):
    """Rewrites the formatted message with personal identifiers masked."""

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except Exception:  # noqa: BLE001 - a broken log call must not break the request
            return True
        cleaned = redact(message)
        if cleaned != message:
            record.msg, record.args = cleaned, None
        return True
