"""Tests: DATABASE_URL when set (CI: PostgreSQL), SQLite otherwise."""

from .base import *  # noqa: F403

DEBUG = False
ALLOWED_HOSTS = ["testserver", "127.0.0.1", "localhost"]
KARAVAN_DEMO_ALLOWED = True
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
MAILERS = {"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}}
STORAGES = {
    **STORAGES,  # noqa: F405
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WHITENOISE_AUTOREFRESH = True
# Tests change rows directly (not through services), so the public page cache would serve stale
# pages between requests; its own tests turn it on (tests/portal/test_page_cache.py).
KARAVAN_PAGE_CACHE_SECONDS = 0
# The same for fragments of pages (tests/portal/test_page_queries.py turns them on).
KARAVAN_FRAGMENT_CACHE_SECONDS = 0
# The payment webhook has no secret unless one is given; tests sign with this one
# (tests/permits/test_webhook_secret.py checks the 503 without it).
KARAVAN_PAYMENT_WEBHOOK_SECRET = "test-only-payment-webhook-secret"  # noqa: S105
