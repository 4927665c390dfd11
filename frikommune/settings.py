"""Settings for Frikommuneportalen, read from the environment (and an optional .env file)."""

import datetime
from pathlib import Path

import environ
from django.core.checks.security.base import (
    SECRET_KEY_INSECURE_PREFIX,
    SECRET_KEY_MIN_LENGTH,
    SECRET_KEY_MIN_UNIQUE_CHARACTERS,
)
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent

# DEBUG defaults to on so that a newcomer needs nothing; production sets DEBUG=0,
# and then the site refuses to start without a real SECRET_KEY.
env = environ.Env(
    DEBUG=(bool, True),
    ALLOWED_HOSTS=(list, []),
    CSRF_TRUSTED_ORIGINS=(list, []),
)
environ.Env.read_env(BASE_DIR / ".env")

DEBUG = env("DEBUG")

# A development key is only acceptable while DEBUG is on; in production the
# site refuses to start without a real one, or with one `check --deploy` calls weak.
SECRET_KEY = env("SECRET_KEY", default="")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("SECRET_KEY must be set when DEBUG is off.")
    SECRET_KEY = "django-insecure-development-only-key"
elif not DEBUG and (
    len(SECRET_KEY) < SECRET_KEY_MIN_LENGTH
    or len(set(SECRET_KEY)) < SECRET_KEY_MIN_UNIQUE_CHARACTERS
    or SECRET_KEY.startswith(SECRET_KEY_INSECURE_PREFIX)
):
    raise ImproperlyConfigured(
        f"SECRET_KEY is too weak: use at least {SECRET_KEY_MIN_LENGTH} random characters "
        f"(e.g. from django.core.management.utils.get_random_secret_key())."
    )

ALLOWED_HOSTS = env("ALLOWED_HOSTS") or (["127.0.0.1", "localhost", "[::1]"] if DEBUG else [])
# How many reverse proxies stand in front of gunicorn. With 1 or more, the client's address is read
# from X-Forwarded-For (frikommune.proxy); with 0 that header is ignored, so it cannot be forged.
PROXY_COUNT = env.int("PROXY_COUNT", default=0)
CSRF_TRUSTED_ORIGINS = env("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.postgres",
    "django.contrib.sitemaps",
    "csp",
    "corsheaders",
    "rest_framework",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "simple_history",
    "axes",
    "editors",
    "trials",
    "news",
    "meetings",
    "search",
    "pagecache",
    "api",
    "alerts",
    "oparl",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "frikommune.middleware.PermissionsPolicyMiddleware",
    "frikommune.middleware.AdminNoIndexMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # CORS headers for the open data under /api/ (GET only); before anything that may answer.
    "corsheaders.middleware.CorsMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # The language from the URL alone (/en/ or Danish); never a cookie or Accept-Language.
    "frikommune.middleware.URLLanguageMiddleware",
    # Anonymous GETs of public pages from the cache (pagecache.middleware): after the language is set,
    # before the rest, so a cached page costs one query and little else.
    "pagecache.middleware.PageCacheMiddleware",
    # Before anything reads the body (CsrfViewMiddleware reads request.POST).
    "frikommune.middleware.RequestSizeLimitMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    # simple-history's and django-axes' middleware, run for the admin's paths only: the public site
    # has no login and saves nothing, and need not pay for them on every request.
    "frikommune.middleware.AdminHistoryRequestMiddleware",
    # Last, as django-axes asks: it turns a locked-out login into its lockout response.
    "frikommune.middleware.AdminAxesMiddleware",
]
# axes.W002 looks for axes.middleware.AxesMiddleware by name; AdminAxesMiddleware runs it.
SILENCED_SYSTEM_CHECKS = ["axes.W002"]

# django-axes first, so a locked-out user is refused before the password is checked.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]

ROOT_URLCONF = "frikommune.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "trials.context_processors.glossary",
                "trials.context_processors.portal_network",
                "frikommune.context_processors.language_versions",
            ],
            "builtins": ["frikommune.content_language"],
        },
    },
]

WSGI_APPLICATION = "frikommune.wsgi.application"

DATABASES = {"default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}")}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # A writing transaction takes SQLite's write lock when it begins (IMMEDIATE) and waits up to
    # 20 s for it, so two imports of the same minutes queue instead of failing with "database is
    # locked"; in WAL mode readers go on while one writes.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {"transaction_mode": "IMMEDIATE", "timeout": 20, "init_command": "PRAGMA journal_mode=WAL"}
    )
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql" and env.bool(
    "DATABASE_PREPARED_STATEMENTS", default=True
):
    # Server-side parameters, and a statement prepared on its second use: PostgreSQL then plans a page's
    # queries once per connection, not on every request (planning was about 10 of a trial page's 55 ms on
    # the national data). Turn off (0) behind a pooler in transaction mode, such as PgBouncer without
    # max_prepared_statements.
    DATABASES["default"].setdefault("OPTIONS", {}).update({"server_side_binding": True, "prepare_threshold": 2})
# Keep a database connection open between requests in production (one query per cached page makes
# the connection's setup a large part of a request); 0 closes it after each request.
DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=0 if DEBUG else 60)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "da"
LANGUAGES = [("da", _("Dansk")), ("en", _("Engelsk"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Copenhagen"
USE_I18N = True
USE_TZ = True
# Dates as "23. januar 2018" / "23 January 2018" and times as "08.30" / "08:30" wherever |date and |time
# are used without a format.
FORMAT_MODULE_PATH = ["frikommune.formats"]

STATIC_URL = "static/"
STATIC_ROOT = env("STATIC_ROOT", default=str(BASE_DIR / "staticfiles"))
# The Danish design system (DKFDS) comes from npm (package.json), served under static/dkfds/.
STATICFILES_DIRS = [
    BASE_DIR / "static",
    ("dkfds", BASE_DIR / "node_modules" / "dkfds" / "dist"),
]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}

MEDIA_URL = "media/"
MEDIA_ROOT = env("MEDIA_ROOT", default=str(BASE_DIR / "media"))

# Keep uploaded files out of the browser's guessing: never served as HTML.
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True

# Scripts only from our own origin: no inline scripts, no CDN. Inline style attributes are
# allowed because the server-drawn SVG charts and the admin's widgets use them.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'", "data:"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    },
}

if not DEBUG:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
    SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=60 * 60 * 24 * 365)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", default="INFO")},
}

# The admin lives at a path of the operator's choosing, not at the well-known /admin/.
ADMIN_URL = env("ADMIN_URL", default="admin/")

# Failed-login lockout (django-axes): after AXES_FAILURE_LIMIT failures for one username from
# one address, that pair is locked for AXES_COOLOFF_HOURS. Keying on the pair keeps one
# mistyping colleague from locking out a whole town hall behind one NAT address.
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = env.float("AXES_COOLOFF_HOURS", default=1.0)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
# Behind a proxy every client would share the proxy's address; this reads the real one (PROXY_COUNT).
AXES_CLIENT_IP_CALLABLE = "frikommune.proxy.client_ip_address"
AXES_USERNAME_CALLABLE = "frikommune.lockout.lockout_username"
AXES_LOCKOUT_CALLABLE = "frikommune.lockout.lockout_response"

# "Glemt adgangskode?" (editors.password_reset): at most this many requests an hour from one client
# address, and for one e-mail address, counted in the default cache; beyond them nothing is sent.
PASSWORD_RESET_LIMIT_PER_CLIENT = env.int("PASSWORD_RESET_LIMIT_PER_CLIENT", default=10)
PASSWORD_RESET_LIMIT_PER_ADDRESS = env.int("PASSWORD_RESET_LIMIT_PER_ADDRESS", default=3)
PASSWORD_RESET_THROTTLE_KEY_PREFIX = "password-reset"

# Where an editor who is locked out or lacks a right turns; without it the pages name the
# portal's administrators (its superusers).
EDITOR_SUPPORT_EMAIL = env("EDITOR_SUPPORT_EMAIL", default="")

# The licence the open data (API, CSV, feeds) is offered under, stated on /aabne-data/ and in the API.
OPEN_DATA_LICENSE_NAME = env("OPEN_DATA_LICENSE_NAME", default="Creative Commons Navngivelse 4.0 (CC BY 4.0)")
OPEN_DATA_LICENSE_URL = env("OPEN_DATA_LICENSE_URL", default="https://creativecommons.org/licenses/by/4.0/deed.da")

# The accessibility statement (webtilgængelighedsloven): where citizens report what they cannot use,
# and when the statement was last reviewed (ISO date; change it when the site is reviewed again).
ACCESSIBILITY_CONTACT_EMAIL = env("ACCESSIBILITY_CONTACT_EMAIL", default="")
ACCESSIBILITY_REVIEWED_ON = datetime.date.fromisoformat(env("ACCESSIBILITY_REVIEWED_ON", default="2026-11-27"))

# Largest file a secretary or coordinator may upload (minutes, attachments, reports), in bytes.
MAX_UPLOAD_SIZE = env.int("MAX_UPLOAD_SIZE", default=25 * 1024 * 1024)

# Reading a PDF's text stops at these bounds (meetings/pdftext.py runs it in a child process that
# is killed after PDF_EXTRACT_SECONDS). An uploaded file is still stored, with the text read until
# then; minutes to import are refused, since part of the text would import part of a meeting.
PDF_MAX_PAGES = env.int("PDF_MAX_PAGES", default=500)
PDF_MAX_TEXT_CHARS = env.int("PDF_MAX_TEXT_CHARS", default=2_000_000)
PDF_EXTRACT_SECONDS = env.float("PDF_EXTRACT_SECONDS", default=10.0)

# Form fields other than files may take up to this much memory; files above
# FILE_UPLOAD_MAX_MEMORY_SIZE are streamed to a temporary file instead of held in memory.
DATA_UPLOAD_MAX_MEMORY_SIZE = int(2.5 * 1024 * 1024)
FILE_UPLOAD_MAX_MEMORY_SIZE = int(2.5 * 1024 * 1024)
# A request body larger than the two together (one largest file and the largest form fields) is
# refused with a 413 before it is read: frikommune.middleware.RequestSizeLimitMiddleware.

# Most agenda items one minutes file may hold; a larger file is refused right after it is read.
MINUTES_MAX_ITEMS = env.int("MINUTES_MAX_ITEMS", default=1000)

# --- The page cache (pagecache/): whole public pages for anonymous visitors. ---
# Redis when REDIS_URL is set (several processes then share one cache), else each process's own memory.
# Either way a change shows on the next request everywhere: pages are keyed on a version that database
# triggers count up (pagecache.triggers), so a process never serves a page older than the data.
REDIS_URL = env("REDIS_URL", default="")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            # Fail fast if Redis is down: the page is then served uncached (never an error).
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "pages"}}
# Off with PAGE_CACHE=0; always off while DEBUG is on.
PAGE_CACHE = env.bool("PAGE_CACHE", default=True)
PAGE_CACHE_ALIAS = env("PAGE_CACHE_ALIAS", default="default")
# Seconds a browser, proxy or CDN may reuse a page without asking (Cache-Control: public, max-age).
PAGE_CACHE_MAX_AGE = env.int("PAGE_CACHE_MAX_AGE", default=60)
# Seconds a page stays in our cache; a change to the data makes it unreachable at once anyway.
PAGE_CACHE_TIMEOUT = env.int("PAGE_CACHE_TIMEOUT", default=60 * 60 * 24)
PAGE_CACHE_KEY_PREFIX = env("PAGE_CACHE_KEY_PREFIX", default="page")
# Bytes of pages each process keeps in its own memory in front of Redis, sparing a round trip per hit
# (pagecache.middleware.LocalPages); 0 turns that off. Unused with the local-memory cache.
PAGE_CACHE_LOCAL_BYTES = env.int("PAGE_CACHE_LOCAL_BYTES", default=32 * 1024 * 1024)
# The apps whose tables carry the triggers that count the version up: the public pages' data.
PAGE_CACHE_APPS = ["trials", "news", "meetings", "search", "oparl"]

# The open data API (/api/v1/, the api app): read-only JSON, no session, no cookie, each client
# throttled by its address (X-Forwarded-For as PROXY_COUNT says), 50 a page (?page_size= up to 200).
API_THROTTLE_RATE = env("API_THROTTLE_RATE", default="120/min")
# The throttle counts each address under this prefix in the default cache.
API_THROTTLE_KEY_PREFIX = env("API_THROTTLE_KEY_PREFIX", default="throttle_api")
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [],
    "DEFAULT_PERMISSION_CLASSES": [],
    "UNAUTHENTICATED_USER": None,
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": [],
    "DEFAULT_THROTTLE_CLASSES": ["api.throttling.ClientRateThrottle"],
    "NUM_PROXIES": PROXY_COUNT,
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Frikommuneportalen API",
    "DESCRIPTION": "The register of the free-municipality trials and the committees' work, read-only. "
    "Public data only: published records, and a closed agenda item by its title.",
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "SERVE_AUTHENTICATION": [],
    "SERVE_PERMISSIONS": [],
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "api.schema.postprocess",
    ],
}
# Other sites' scripts may read the open data (GET only), and nothing else.
CORS_URLS_REGEX = r"^/api/.*$"
CORS_ALLOW_ALL_ORIGINS = True
CORS_ALLOW_METHODS = ["GET", "HEAD", "OPTIONS"]
CORS_ALLOW_CREDENTIALS = False

# --- Mail: where it goes, and from whom. ---
# EMAIL_URL names the backend and its server in one URL (django-environ's email_url):
#   consolemail://                        print each mail to the terminal (the default: a newcomer sees them)
#   smtp://user:password@host:25          plain SMTP (user and password optional; %-encode @ : / in them)
#   smtps://user:password@host:587        SMTP with STARTTLS
#   smtp+ssl://user:password@host:465     SMTP over TLS from the first byte
#   filemail:///sent-mail                 one file per mail, in BASE_DIR/sent-mail (filemail:////var/mail/x: absolute)
# An empty EMAIL_URL (a blank line in .env) counts as unset.
EMAIL_URL = (
    env.email_url("EMAIL_URL", default="consolemail://")
    if env("EMAIL_URL", default="")
    else env.email_url_config("consolemail://")
)
EMAIL_BACKEND = EMAIL_URL["EMAIL_BACKEND"]
EMAIL_HOST = EMAIL_URL.get("EMAIL_HOST") or "localhost"
EMAIL_PORT = EMAIL_URL.get("EMAIL_PORT") or 25
EMAIL_HOST_USER = EMAIL_URL.get("EMAIL_HOST_USER") or ""
EMAIL_HOST_PASSWORD = EMAIL_URL.get("EMAIL_HOST_PASSWORD") or ""
EMAIL_USE_TLS = EMAIL_URL.get("EMAIL_USE_TLS", False)
EMAIL_USE_SSL = EMAIL_URL.get("EMAIL_USE_SSL", False)
EMAIL_FILE_PATH = str(BASE_DIR / (EMAIL_URL.get("EMAIL_FILE_PATH") or "sent-mail"))
# Seconds to wait for the mail server before giving up (Django's default waits for ever).
EMAIL_TIMEOUT = env.int("EMAIL_TIMEOUT", default=10)
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", default="") or "Frikommuneportalen <noreply@localhost>"
# Errors mailed to ADMINS (none by default) come from here too.
SERVER_EMAIL = env("SERVER_EMAIL", default="") or DEFAULT_FROM_EMAIL

# The site's own address, for the links in mails (which are written without a request, by cron too).
SITE_URL = env("SITE_URL", default="http://127.0.0.1:8000").rstrip("/")

# --- E-mail alerts (alerts/): subscribing is throttled per client (address, as PROXY_COUNT says) and per
# e-mail address, in the default cache; beyond the rate the form answers 429 and sends nothing.
ALERTS_SUBSCRIBE_RATE_PER_CLIENT = env("ALERTS_SUBSCRIBE_RATE_PER_CLIENT", default="10/hour")
ALERTS_SUBSCRIBE_RATE_PER_ADDRESS = env("ALERTS_SUBSCRIBE_RATE_PER_ADDRESS", default="3/hour")
ALERTS_THROTTLE_KEY_PREFIX = env("ALERTS_THROTTLE_KEY_PREFIX", default="alerts-throttle")
# How long the link in a confirmation mail works, in seconds.
ALERTS_CONFIRM_MAX_AGE = env.int("ALERTS_CONFIRM_MAX_AGE", default=3 * 24 * 60 * 60)
# send_alerts (alerts/digest.py, docs/alerts.md): addresses composed per transaction and digests delivered
# per batch; seconds a publication may take to commit (a run reads up to its start less this); runs in
# which the mail server may refuse a recipient before its digest is dropped.
ALERTS_CHUNK_SIZE = env.int("ALERTS_CHUNK_SIZE", default=500)
ALERTS_SETTLE_SECONDS = env.int("ALERTS_SETTLE_SECONDS", default=300)
ALERTS_MAX_ATTEMPTS = env.int("ALERTS_MAX_ATTEMPTS", default=5)
