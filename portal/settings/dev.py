"""Development: `make run`. SQLite, console e-mail, immediate tasks."""

from .base import *  # noqa: F403
from .base import env

DEBUG = env.bool("DJANGO_DEBUG", default=True)
KARAVAN_DEMO_ALLOWED = True
MFA_WEBAUTHN_ALLOW_INSECURE_ORIGIN = True
