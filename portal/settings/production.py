"""Production: PostgreSQL, Redis, database task queue, behind a TLS-terminating proxy.

Required: DJANGO_SECRET_KEY, DJANGO_ALLOWED_HOSTS, DATABASE_URL, KARAVAN_FIELD_KEYS (or the
older single KARAVAN_FIELD_KEY).
"""

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import env

DEBUG = False
KARAVAN_DEMO_ALLOWED = False
SECRET_KEY = env("DJANGO_SECRET_KEY")
ALLOWED_HOSTS = env.list("DJANGO_ALLOWED_HOSTS")
if not (KARAVAN_FIELD_KEYS or KARAVAN_FIELD_KEY):  # noqa: F405
    raise ImproperlyConfigured(
        "Set KARAVAN_FIELD_KEYS (Fernet keys, comma-separated) in production."
    )
if len(SECRET_KEY) < 32 or SECRET_KEY.startswith("dev-only"):
    raise ImproperlyConfigured(
        "DJANGO_SECRET_KEY must be set to a real secret (32+ characters) in production."
    )

TASKS = {
    "default": {"BACKEND": env("KARAVAN_TASKS_BACKEND", default="django_tasks_db.DatabaseBackend")}
}
MAILERS = {
    "default": {
        "BACKEND": env(
            "KARAVAN_EMAIL_BACKEND", default="django.core.mail.backends.smtp.EmailBackend"
        ),
        "OPTIONS": env.json("KARAVAN_EMAIL_OPTIONS", default={}),
    }
}

# https://docs.djangoproject.com/en/6.1/howto/deployment/checklist/
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env.bool("DJANGO_SECURE_SSL_REDIRECT", default=True)
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
SECURE_HSTS_SECONDS = env.int("DJANGO_HSTS_SECONDS", default=31_536_000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
LANGUAGE_COOKIE_SECURE = True
STORAGES = {
    **STORAGES,  # noqa: F405
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
