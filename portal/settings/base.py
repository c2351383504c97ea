"""Settings shared by every environment.

All environment variables are read here, in one place, through django-environ.
Environment-specific modules (dev, test, production) only change defaults.
"""

from pathlib import Path

import environ
from django.utils.csp import CSP

BASE_DIR = Path(__file__).resolve().parent.parent.parent

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

# --- Core ----------------------------------------------------------------------------------
# https://docs.djangoproject.com/en/6.1/ref/settings/#core-settings
SECRET_KEY = env("DJANGO_SECRET_KEY", default="dev-only-insecure-key-change-me-in-production")
DEBUG = env.bool("DJANGO_DEBUG", default=False)
ALLOWED_HOSTS = env.list("DJANGO_ALLOWED_HOSTS", default=["127.0.0.1", "localhost"])
CSRF_TRUSTED_ORIGINS = env.list("DJANGO_CSRF_TRUSTED_ORIGINS", default=[])
SITE_URL = env("KARAVAN_SITE_URL", default="http://127.0.0.1:8000")
WAGTAILADMIN_BASE_URL = SITE_URL

INSTALLED_APPS = [
    "portal",
    "licensing",
    "licensing.permits",
    "licensing.protection",
    "vacancies",
    "matching",
    "vacancies.cycle",  # the migration cycle after the permit (docs/cycle.md)
    "info_campaigns",
    "portal.telegram",  # the Telegram bot (label `telegram`, docs/telegram.md)
    # Wagtail (brings rest_framework and django_filters itself)
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.simple_translation",
    "wagtail.contrib.settings",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.locales",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    # Accounts
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "allauth.usersessions",
    # Background work
    "django_tasks",
    "django_tasks_db",
    "health_check",  # /healthz and /healthz/detail (portal/health.py)
    # Django
    "portal.admin_site.KaravanAdminConfig",  # django.contrib.admin, superusers only
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.sitemaps",
    "django.contrib.postgres",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "portal.middleware.BackOfficeCSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Bodies over KARAVAN_MAX_REQUEST_BYTES are refused from their headers, before reading.
    "portal.middleware.RequestBodyLimitMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "portal.middleware.LocaleMiddleware",
    # Public pages for anonymous visitors from the shared cache (portal/pagecache.py).
    "portal.pagecache.PublicPageCacheMiddleware",
    # ...whose pages read from the replica when DATABASE_REPLICA_URL names one.
    "portal.db_router.PublicReadsFromReplicaMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "portal.middleware.BackOfficeLanguageMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "allauth.usersessions.middleware.UserSessionsMiddleware",
    "portal.middleware.StaffMFARequiredMiddleware",
    # NUL characters refused; bodiless 4xx answers get a translated page.
    "portal.middleware.BadInputMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
]

ROOT_URLCONF = "portal.urls"
WSGI_APPLICATION = "portal.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.template.context_processors.csp",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "portal.context_processors.languages",
            ],
            # `{{ obj|ref }}`: reference labels in the reader's language (portal/labels.py).
            "builtins": ["portal.templatetags.reference"],
        },
    },
]

# --- Database ------------------------------------------------------------------------------
# https://django-environ.readthedocs.io/en/latest/types.html#environ-env-db-url
# Embedded default: a SQLite file in the project. Production: postgres://user:pass@host/db
DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
}
DATABASES["default"]["ATOMIC_REQUESTS"] = False
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    # WAL and a busy timeout let the dev server, the demo loader and a worker share the file.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {"timeout": 20, "init_command": "PRAGMA journal_mode=WAL;"}
    )
else:
    DATABASES["default"]["CONN_MAX_AGE"] = env.int("DATABASE_CONN_MAX_AGE", default=60)
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
# A read replica (PostgreSQL standby, streaming replication): analytics and anonymous public
# reads go there (portal/db_router.py, deploy/replica.py). Tests mirror it onto "default".
if env("DATABASE_REPLICA_URL", default=""):
    DATABASES["replica"] = {
        **env.db("DATABASE_REPLICA_URL"),
        "CONN_MAX_AGE": DATABASES["default"].get("CONN_MAX_AGE", 0),
        "CONN_HEALTH_CHECKS": True,
        "TEST": {"MIRROR": "default"},
    }
    DATABASE_ROUTERS = ["portal.db_router.ReplicaRouter"]
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Client identity behind proxies -------------------------------------------------------
# How many reverse proxies in front of the app append to X-Forwarded-For (nginx alone: 1).
# Sign-in lockouts, API throttles, public-form rate limits and the audit log's IP all key on
# the address portal/clients.py derives from it; 0 ignores the header (README, production).
KARAVAN_TRUSTED_PROXIES = env.int("KARAVAN_TRUSTED_PROXIES", default=0)

# --- Cache ---------------------------------------------------------------------------------
# https://docs.djangoproject.com/en/6.1/topics/cache/#redis
# Without REDIS_URL: per-process memory. Rate limits (allauth) need a shared cache in production.
REDIS_URL = env("REDIS_URL", default="")
if REDIS_URL:
    CACHES = {
        "default": {
            # Django's Redis backend, reusing its Redis client (portal/cache.py).
            "BACKEND": "portal.cache.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "karavan",
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# /healthz/detail warns when more tasks wait than this, or the oldest has waited this long.
KARAVAN_HEALTH_TASK_BACKLOG = env.int("KARAVAN_HEALTH_TASK_BACKLOG", default=500)
KARAVAN_HEALTH_TASK_WAIT_SECONDS = env.int("KARAVAN_HEALTH_TASK_WAIT_SECONDS", default=300)

# Public pages for anonymous visitors are cached this long (0: off); see portal/pagecache.py.
KARAVAN_PAGE_CACHE_SECONDS = env.int("KARAVAN_PAGE_CACHE_SECONDS", default=60)
# Parts of public pages that are the same for every visitor (portal/templatetags/fragments.py)
# are kept this long at most; a state change makes those it can change stale at once (0: off).
KARAVAN_FRAGMENT_CACHE_SECONDS = env.int("KARAVAN_FRAGMENT_CACHE_SECONDS", default=300)

# --- Background work -----------------------------------------------------------------------
# https://docs.djangoproject.com/en/6.1/topics/tasks/  (Wagtail 8 uses the django-tasks backport;
# both read TASKS). Immediate in dev and tests; database queue + `manage.py db_worker` in production.
TASKS = {
    "default": {
        "BACKEND": env(
            "KARAVAN_TASKS_BACKEND", default="django.tasks.backends.immediate.ImmediateBackend"
        )
    }
}
# Every task (portal/durable_tasks.py): seconds before each retry of a failed attempt (their
# number is the retries), and how long after a worker takes a task `tasks_recover` waits
# before it may judge the worker dead (it also needs the worker's lock to be gone).
KARAVAN_TASK_RETRY_DELAYS = env.list(
    "KARAVAN_TASK_RETRY_DELAYS", cast=int, default=[30, 120, 600, 3600]
)
KARAVAN_TASK_RECOVER_GRACE_SECONDS = env.int("KARAVAN_TASK_RECOVER_GRACE_SECONDS", default=60)

# --- Users, accounts, MFA ------------------------------------------------------------------
# https://docs.allauth.org/en/latest/account/configuration.html
AUTH_USER_MODEL = "portal.User"
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "portal:dashboard"
ACCOUNT_LOGIN_METHODS = {"email", "phone"}
ACCOUNT_SIGNUP_FIELDS = ["email", "phone", "password1*", "password2*"]
# Verification is mandatory for every address given (enforced by the adapter's login stage, since
# allauth's own "mandatory" would demand an e-mail from workers who only have a phone).
ACCOUNT_EMAIL_VERIFICATION = "optional"
ACCOUNT_FORMS = {"signup": "portal.forms.SignupForm"}
# Signup needs e-mail *or* phone (checked by the form), so neither is "required" for allauth.
SILENCED_SYSTEM_CHECKS = ["account.W001"]
ACCOUNT_PHONE_VERIFICATION_ENABLED = True
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_PREVENT_ENUMERATION = True
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = True
ACCOUNT_ADAPTER = "portal.accounts.AccountAdapter"
ACCOUNT_RATE_LIMITS = {
    "login_failed": "5/5m/ip,5/5m/key",
    "signup": "20/h/ip",
    "confirm_email": "1/3m/key",
    "verify_phone": "3/5m/key",
    "reset_password": "20/m/ip,5/m/key",
}
MFA_ADAPTER = "portal.accounts.MFAAdapter"
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes", "webauthn"]
MFA_TOTP_ISSUER = "Karavan"
MFA_PASSKEY_LOGIN_ENABLED = False
MFA_WEBAUTHN_ALLOW_INSECURE_ORIGIN = env.bool("MFA_WEBAUTHN_ALLOW_INSECURE_ORIGIN", default=False)
# Keys encrypting MFA secrets and passport numbers at rest (Fernet, urlsafe base64 of 32
# bytes): KARAVAN_FIELD_KEYS, comma-separated, the first encrypts and all decrypt; the older
# single KARAVAN_FIELD_KEY still works. Derived from SECRET_KEY when neither is given, so
# development works without set-up (portal/field_keys.py).
KARAVAN_FIELD_KEYS = env.list("KARAVAN_FIELD_KEYS", default=[])
KARAVAN_FIELD_KEY = env("KARAVAN_FIELD_KEY", default="")
# SMS gateway for phone verification codes and SMS notifications (portal/sms.py): "log"
# (development: logs the text, number masked), "smpp" (SMPP 3.4 to an SMSC) or "https" (a JSON
# POST to a gateway's URL with a bearer token), or a dotted path to a class with send(phone, text).
KARAVAN_SMS_BACKEND = env("KARAVAN_SMS_BACKEND", default="log")
KARAVAN_SMPP = {
    "HOST": env("KARAVAN_SMPP_HOST", default="127.0.0.1"),
    "PORT": env.int("KARAVAN_SMPP_PORT", default=2775),
    "SYSTEM_ID": env("KARAVAN_SMPP_SYSTEM_ID", default=""),
    "PASSWORD": env("KARAVAN_SMPP_PASSWORD", default=""),
    "SYSTEM_TYPE": env("KARAVAN_SMPP_SYSTEM_TYPE", default=""),
    # The sender shown on the phone: an alphanumeric name registered with the operator, or a number.
    "SOURCE": env("KARAVAN_SMPP_SOURCE", default="Karavan"),
}
KARAVAN_SMS_HTTPS_URL = env("KARAVAN_SMS_HTTPS_URL", default="")
KARAVAN_SMS_HTTPS_TOKEN = env("KARAVAN_SMS_HTTPS_TOKEN", default="")
KARAVAN_SMS_TIMEOUT = env.float("KARAVAN_SMS_TIMEOUT", default=10.0)
# Seconds before each retry of a failed notification send; after the last, it is marked failed.
KARAVAN_NOTIFY_RETRY_DELAYS = env.list(
    "KARAVAN_NOTIFY_RETRY_DELAYS", cast=int, default=[60, 300, 1800, 7200]
)

WAGTAILADMIN_LOGIN_URL = "backoffice_login"  # on to allauth's sign-in (portal.views)
WAGTAIL_PASSWORD_MANAGEMENT_ENABLED = False
WAGTAIL_PASSWORD_RESET_ENABLED = False
WAGTAILUSERS_PASSWORD_ENABLED = False

# --- E-mail (Django 6.1 MAILERS) -----------------------------------------------------------
# https://docs.djangoproject.com/en/6.1/topics/email/#mailers
MAILERS = {
    "default": {
        "BACKEND": env(
            "KARAVAN_EMAIL_BACKEND", default="django.core.mail.backends.console.EmailBackend"
        ),
        "OPTIONS": env.json("KARAVAN_EMAIL_OPTIONS", default={}),
    }
}
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", default="Karavan <no-reply@karavan.example>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# --- Languages -----------------------------------------------------------------------------
# https://docs.djangoproject.com/en/6.1/topics/i18n/translation/
LANGUAGE_CODE = "ru"
LANGUAGES = [
    ("ru", "Русский"),
    ("en", "English"),
    ("kk", "Қазақша"),
    ("ky", "Кыргызча"),
    ("tg", "Тоҷикӣ"),
    ("tk", "Türkmençe"),
    ("uz", "Oʻzbekcha"),
]
# Languages every migrant-facing page must read in; staff UI is complete in ru and en.
MIGRANT_LANGUAGES = [code for code, _name in LANGUAGES]
# locale_vendor: our translations of allauth's strings (manage.py vendor_messages); the project
# catalogue comes first, so it wins where both have a msgid.
LOCALE_PATHS = [BASE_DIR / "locale", BASE_DIR / "locale_vendor"]
USE_I18N = True
# Dates DD.MM.YYYY and "1 234,5" numbers in every language of the region (portal/formats/).
FORMAT_MODULE_PATH = ["portal.formats"]
USE_TZ = True
TIME_ZONE = "Asia/Almaty"
WAGTAIL_I18N_ENABLED = True
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
# The back office in all seven languages. Wagtail ships no kk/ky/tg/tk/uz catalogue: the admin
# strings staff meet are ours, in locale_vendor/ (docs/languages.md, "Back office and account
# pages"). Without this list Wagtail would offer only its own languages and show Russian.
WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES

# --- Static and media ----------------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = env("STATIC_ROOT", default=str(BASE_DIR / "staticfiles"))
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = env("MEDIA_ROOT", default=str(BASE_DIR / "media"))
# Private uploads (licence documents, evidence) never sit under MEDIA_URL.
PRIVATE_MEDIA_ROOT = env("PRIVATE_MEDIA_ROOT", default=str(BASE_DIR / "private_media"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "private": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": PRIVATE_MEDIA_ROOT, "base_url": None},
    },
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# Media on S3-compatible object storage (AWS S3, MinIO, Ceph, …) through django-storages when
# KARAVAN_S3_BUCKET is set: public uploads under media/, private ones (licence documents,
# evidence) under private/ (or in KARAVAN_S3_PRIVATE_BUCKET), always behind short-lived signed
# URLs. https://django-storages.readthedocs.io/en/latest/backends/amazon-S3.html
if env("KARAVAN_S3_BUCKET", default=""):
    _S3 = {
        "bucket_name": env("KARAVAN_S3_BUCKET"),
        "endpoint_url": env("KARAVAN_S3_ENDPOINT_URL", default=None),
        "region_name": env("KARAVAN_S3_REGION", default=None),
        "access_key": env("KARAVAN_S3_ACCESS_KEY_ID", default=None),
        "secret_key": env("KARAVAN_S3_SECRET_ACCESS_KEY", default=None),
        "default_acl": None,  # the bucket's own policy decides; nothing is made public here
        "file_overwrite": False,
        "custom_domain": env("KARAVAN_S3_CUSTOM_DOMAIN", default=None),
    }
    STORAGES["default"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {**_S3, "location": "media", "querystring_auth": not _S3["custom_domain"]},
    }
    STORAGES["private"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            **_S3,
            "custom_domain": None,
            "location": "private",
            "bucket_name": env("KARAVAN_S3_PRIVATE_BUCKET", default=_S3["bucket_name"]),
            "querystring_auth": True,
            "querystring_expire": 300,
        },
    }
# `manage.py backup` writes here (docs/reliability.md); keep it off the web root.
KARAVAN_BACKUP_DIR = env("KARAVAN_BACKUP_DIR", default=str(BASE_DIR / "backups"))
DATA_UPLOAD_MAX_NUMBER_FILES = 10
# Whole request body, files included (10 MB per file; nginx's client_max_body_size matches).
KARAVAN_MAX_REQUEST_BYTES = env.int("KARAVAN_MAX_REQUEST_BYTES", default=25 * 1024 * 1024)
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440

# --- Wagtail -------------------------------------------------------------------------------
# https://docs.wagtail.org/en/stable/reference/settings.html
WAGTAIL_SITE_NAME = "Karavan"
# No avatars from gravatar.com: the back office CSP forbids outside images (a broken picture),
# and staff addresses must not leave the portal. Wagtail shows its own default avatar.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAILDOCS_EXTENSIONS = ["pdf", "docx", "odt", "txt"]
# CMS documents: PDFs checked like every upload, and always downloaded, never shown inline.
WAGTAILDOCS_DOCUMENT_FORM_BASE = "portal.cms_documents.CmsDocumentForm"
WAGTAILDOCS_INLINE_CONTENT_TYPES = []
WAGTAILIMAGES_FORMAT_CONVERSIONS = {"png": "webp", "jpeg": "webp", "gif": "webp"}

# --- Regional data exchange API (/api/v1/) --------------------------------------------------
# https://www.django-rest-framework.org/api-guide/settings/  https://drf-spectacular.readthedocs.io/
REST_FRAMEWORK = {
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_AUTHENTICATION_CLASSES": [],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.AllowAny"],
    "DEFAULT_THROTTLE_RATES": {
        "public": env("KARAVAN_API_PUBLIC_RATE", default="120/min"),
        "partner": env("KARAVAN_API_PARTNER_RATE", default="600/min"),
    },
    "UNAUTHENTICATED_USER": None,
    # Errors as problem+json (portal/api/problems.py); paging and formats set per view.
    "EXCEPTION_HANDLER": "portal.api.problems.problem_exception_handler",
    "DEFAULT_PAGINATION_CLASS": "portal.api.pagination.ApiPagination",
    "PAGE_SIZE": 50,
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": ["rest_framework.parsers.JSONParser"],
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Karavan regional data exchange API",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SCHEMA_PATH_PREFIX": r"/api/v1",
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "DESCRIPTION": "Public registry, verification, vacancies and information pages; partner "
    "statistics, sanctions feed and registry changes. See docs/api.md.",
    "COMPONENT_SPLIT_REQUEST": True,
    "PREPROCESSING_HOOKS": ["portal.api.schema.only_own_paths"],
    # Partner figures: origin and destination share one list of country codes.
    "ENUM_NAME_OVERRIDES": {"CountryCodeEnum": "matching.api.COUNTRY_CODES"},
    # Every operation documents its problem+json error answers.
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "portal.api.schema.add_problem_responses",
    ],
}
# Key of the check codes printed on permits and patents (portal/verification.py); SECRET_KEY
# when empty. Set it once and keep it: changing it voids the codes on every printed document.
KARAVAN_VERIFICATION_KEY = env("KARAVAN_VERIFICATION_KEY", default="")
# Shared secret for payment-gateway webhooks (HMAC-SHA256 of the raw body); see docs/permits.md.
KARAVAN_PAYMENT_WEBHOOK_SECRET = env("KARAVAN_PAYMENT_WEBHOOK_SECRET", default="")
# The Telegram bot (docs/telegram.md): off (the webhook answers 503) until the token from
# @BotFather and the webhook secret (Telegram's X-Telegram-Bot-Api-Secret-Token: 1-256 of
# A-Z a-z 0-9 _ -) are set. The webhook path defaults to a hash of the token.
KARAVAN_TELEGRAM_TOKEN = env("KARAVAN_TELEGRAM_TOKEN", default="")
KARAVAN_TELEGRAM_WEBHOOK_SECRET = env("KARAVAN_TELEGRAM_WEBHOOK_SECRET", default="")
KARAVAN_TELEGRAM_WEBHOOK_PATH = env("KARAVAN_TELEGRAM_WEBHOOK_PATH", default="")
# The bot's @username, for the link on the account page (t.me/<username>?start=<code>).
KARAVAN_TELEGRAM_BOT_USERNAME = env("KARAVAN_TELEGRAM_BOT_USERNAME", default="")
KARAVAN_TELEGRAM_API_URL = env("KARAVAN_TELEGRAM_API_URL", default="https://api.telegram.org")

# --- Security ------------------------------------------------------------------------------
# https://docs.djangoproject.com/en/6.1/ref/csp/
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
    "base-uri": [CSP.SELF],
    "object-src": [CSP.NONE],
}
# The Wagtail admin and the account pages (WebAuthn) use inline styles and scripts of their own.
BACKOFFICE_CSP = {
    **SECURE_CSP,
    "script-src": [CSP.SELF, CSP.UNSAFE_INLINE, CSP.UNSAFE_EVAL],
    "style-src": [CSP.SELF, CSP.UNSAFE_INLINE],
    "img-src": [CSP.SELF, "data:", "blob:"],
    "frame-ancestors": [CSP.SELF],
    "frame-src": [CSP.SELF],
}
BACKOFFICE_PATH_PREFIXES = ("/admin/", "/django-admin/", "/api/v1/docs/")
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

# --- Logging: never personal data ----------------------------------------------------------
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"redact": {"()": "portal.logging.RedactPersonalData"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "filters": ["redact"]}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", default="INFO")},
    "loggers": {
        "django.db.backends": {"level": "WARNING"},
        "django.tasks": {"level": "WARNING"},
        "django_tasks": {"level": "WARNING"},
        "weasyprint": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
        # httpx logs each request's URL at INFO, and a Bot API URL contains the bot's token.
        "httpx": {"level": "WARNING"},
        "telegram": {"level": "WARNING"},
    },
}
