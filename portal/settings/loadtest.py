"""Load and fault tests (`make load`, `make faults`, benchmarks/load/): production settings
served over plain HTTP on 127.0.0.1, with demo data allowed and a bare view as the ceiling.

Never used in a deployment. Production's required variables are still required (the scripts
set throw-away values); only what plain-HTTP, single-address load generation needs changes.
"""

from .base import env
from .production import *  # noqa: F403

# Locust talks plain HTTP to gunicorn: no TLS redirect, cookies without the Secure flag.
SECURE_SSL_REDIRECT = False
SECURE_HSTS_SECONDS = 0
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = LANGUAGE_COOKIE_SECURE = False
KARAVAN_DEMO_ALLOWED = True
# Every simulated visitor comes from 127.0.0.1, and dozens sign in at once as the same three
# demo accounts (allauth counts attempts in flight against "login_failed"): the per-address and
# per-account limits on signing in and on the anonymous complaint form are lifted.
ACCOUNT_RATE_LIMITS = {
    **ACCOUNT_RATE_LIMITS,  # noqa: F405
    "login": "100000/m/ip",
    "login_failed": "100000/m/ip,100000/m/key",
}
KARAVAN_LICENSING_RATE_LIMITS = {"complaint_file": [], "complaint_track": []}
# Nothing leaves the machine.
MAILERS = {"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}}
TASKS = {
    "default": {"BACKEND": env("KARAVAN_TASKS_BACKEND", default="django_tasks_db.DatabaseBackend")}
}
# The ceiling: a bare view (short HttpResponse, no database, no template) at /loadtest/bare,
# present only in this URLconf.
ROOT_URLCONF = "portal.loadtest_urls"
