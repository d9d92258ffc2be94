"""One settings module, driven by the environment.

Embedded mode (the default) needs nothing set: SQLite in ./var, DEBUG on, a development
secret. Production is `THIDUA_ENV=production`: it refuses to start with DEBUG on or
without a real SECRET_KEY, so a forgotten variable fails loudly instead of serving.
"""

import ipaddress
import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent
PROJECT_DIR = Path(os.environ.get("THIDUA_HOME", BASE_DIR.parent.parent)).resolve()
VAR_DIR = Path(os.environ.get("THIDUA_VAR", PROJECT_DIR / "var"))
DATA_DIR = PROJECT_DIR / "data"


def env(name: str, default: str | None = None) -> str | None:
    """Read NAME, or the file named by NAME_FILE (secrets mounted as files)."""
    file_path = os.environ.get(f"{name}_FILE")
    if file_path:
        return Path(file_path).read_text().strip()
    return os.environ.get(name, default)


def env_bool(name: str, default: bool) -> bool:
    value = env(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


DEV_SECRET = "thidua-insecure-development-key"  # noqa: S105 — refused in production below
PRODUCTION = env("THIDUA_ENV", "development") == "production"
DEBUG = env_bool("DEBUG", not PRODUCTION)
SECRET_KEY = env("SECRET_KEY", DEV_SECRET)
ALLOWED_HOSTS = [h.strip() for h in (env("ALLOWED_HOSTS", "127.0.0.1,localhost") or "").split(",") if h.strip()]
CSRF_TRUSTED_ORIGINS = [o for o in (env("CSRF_TRUSTED_ORIGINS", "") or "").split(",") if o]

if PRODUCTION:
    if DEBUG:
        raise ImproperlyConfigured("THIDUA_ENV=production refuses DEBUG=on.")
    # Django's own rule for a real key (check --deploy, security.W009): 50+ characters, 5+ distinct.
    if not SECRET_KEY or SECRET_KEY == DEV_SECRET or len(SECRET_KEY) < 50 or len(set(SECRET_KEY)) < 5:
        raise ImproperlyConfigured(
            "THIDUA_ENV=production needs a random SECRET_KEY of 50+ characters, e.g. "
            "python3 -c 'import secrets; print(secrets.token_urlsafe(50))'."
        )

# --- Transport security (production) -------------------------------------------------
# nginx terminates TLS (docs/deployment.md, deploy/nginx/thidua.conf.in): its port-80 server
# only redirects to https, and it tells gunicorn the scheme in X-Forwarded-Proto, which is
# believed because gunicorn listens on the loopback only. Django redirects too
# (SECURE_SSL_REDIRECT): a proxy that forgot the header then fails loudly in a redirect
# loop instead of serving pages whose secure cookies never come back.
if PRODUCTION:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = True
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    # One year, the usual value; only thidua's own host name and the names under it are
    # bound. Set THIDUA_HSTS_SECONDS=0 before a move away from https, a year ahead.
    SECURE_HSTS_SECONDS = int(env("THIDUA_HSTS_SECONDS", "31536000") or 0)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_CONTENT_TYPE_NOSNIFF = True
    SECURE_REFERRER_POLICY = "same-origin"
    SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
    SILENCED_SYSTEM_CHECKS = [
        # security.W021 asks for SECURE_HSTS_PRELOAD. Preloading puts the province's whole
        # registrable domain (e.g. bacninh.gov.vn) into the browsers' built-in lists, which
        # takes months to undo: the province's IT decides that for all its sites, in its
        # own web server, not thidua for one of them.
        "security.W021",
    ]

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.postgres",
    "django_htmx",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "treebeard",
    "django_tasks",
    "django_tasks_db",
    "thidua.core",
    "thidua.accounts",
    "thidua.org",
    "thidua.people",
    "thidua.documents",
    "thidua.imports",
    "thidua.catalog",
    "thidua.awards",
    "thidua.registrations",
    "thidua.eligibility",
    "thidua.movements",
    "thidua.pledges",
    "thidua.notices",
    "thidua.dossiers",
    "thidua.councils",
    "thidua.decisions",
    "thidua.printing",
    "thidua.exemplars",
    "thidua.reports",
    "thidua.home",
    "thidua.portal",
    "thidua.demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "thidua.core.csp.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "thidua.core.middleware.RequestIdMiddleware",
    "thidua.core.middleware.ApplicationErrorMiddleware",
    "thidua.accounts.middleware.SecondFactorMiddleware",
]

# --- Content-Security-Policy (every environment) ---------------------------------------
# Sent in development and tests too, so the browser tests meet the policy production
# serves. No inline script, no on*= or hx-on handler, no style="" attribute in a page:
# behaviour lives in static/thidua/*.js wired by data-* attributes, looks in thidua.css.
# style-src 'self' as well: Bootstrap, Tom Select and flatpickr set element.style through
# the CSSOM, which CSP allows; htmx's own <style> for indicators is off (its config in
# base.html) and thidua.css draws them. img-src data: for Bootstrap's inline SVG icons
# (select arrows, toggler). A response may carry its own policy (the certificate preview).
THIDUA_CSP = "; ".join([
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
])

ROOT_URLCONF = "thidua.urls"
WSGI_APPLICATION = "thidua.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "thidua.home.context_processors.thidua",
                "thidua.accounts.context_processors.signin",
            ],
        },
    },
]

DATABASE_URL = env("DATABASE_URL") or f"sqlite:///{VAR_DIR / 'thidua.sqlite3'}"
DATABASES = {"default": dj_database_url.parse(DATABASE_URL, conn_max_age=60)}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    Path(DATABASES["default"]["NAME"]).parent.mkdir(parents=True, exist_ok=True)
    # WAL lets the web process read while the task worker writes; IMMEDIATE takes the
    # write lock at BEGIN so two writers queue on busy_timeout instead of failing late.
    # SQLITE_BUSY_TIMEOUT (seconds) is how long a writer queues before "database is locked".
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": float(env("SQLITE_BUSY_TIMEOUT", "20")),
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }
    DATABASES["default"]["CONN_MAX_AGE"] = 0
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Sign-in (ADR 0010). Usernames are matched the same way for the password check and for
# the lockout counters (`thidua.accounts.lockout.account_for`), so a name that signs in to
# no account can never add to a real account's failures.
AUTHENTICATION_BACKENDS = ["thidua.accounts.backends.AccountBackend"]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "home:dashboard"
LOGOUT_REDIRECT_URL = "accounts:login"

# Two lockout counters over a sliding window: N failed sign-ins (wrong password or wrong
# code) lock that account from every address; M failures from one client address (through
# THIDUA_TRUSTED_PROXIES) lock the address, whatever names it tries. M > N, so one person
# mistyping never locks the office's shared address, and a guesser spreading over
# addresses still meets the account's limit. A lock lasts the window; the secretariat can
# lift an account's lock sooner.
THIDUA_SIGNIN_ACCOUNT_LIMIT = int(env("THIDUA_SIGNIN_ACCOUNT_LIMIT", "5") or 5)
THIDUA_SIGNIN_ADDRESS_LIMIT = int(env("THIDUA_SIGNIN_ADDRESS_LIMIT", "20") or 20)
THIDUA_SIGNIN_WINDOW_MINUTES = int(env("THIDUA_SIGNIN_WINDOW_MINUTES", "15") or 15)
if not 0 < THIDUA_SIGNIN_ACCOUNT_LIMIT < THIDUA_SIGNIN_ADDRESS_LIMIT or THIDUA_SIGNIN_WINDOW_MINUTES <= 0:
    raise ImproperlyConfigured("THIDUA_SIGNIN_ADDRESS_LIMIT must exceed THIDUA_SIGNIN_ACCOUNT_LIMIT (> 0), "
                               "and THIDUA_SIGNIN_WINDOW_MINUTES must be positive.")
# Whom the lockout page tells a locked-out officer to call (e.g. "Ban Thi đua – Khen thưởng
# tỉnh, điện thoại 0222 3812 345"); unset, it names the secretariat and the administrator.
THIDUA_SIGNIN_HELP = env("THIDUA_SIGNIN_HELP", "") or ""

# Two-factor sign-in (TOTP, django-otp): offered to everyone; required of administrators
# and the secretariat in production (they can change every unit's records and grants).
THIDUA_OTP_REQUIRED = env_bool("THIDUA_OTP_REQUIRED", PRODUCTION)
OTP_TOTP_ISSUER = env("OTP_TOTP_ISSUER", "thidua") or "thidua"
# Seconds doubling after each wrong code (1, 2, 4 …) on top of the lockout counters.
OTP_TOTP_THROTTLE_FACTOR = 1

# A working day, and no longer than the browser stays open: a shared office computer left
# signed in is signed out when the browser closes, and every session ends after 8 hours.
SESSION_COOKIE_AGE = 8 * 60 * 60
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"

LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", "Tiếng Việt"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True
FORMAT_MODULE_PATH = ["thidua.formats"]

STATIC_URL = "static/"
STATIC_ROOT = VAR_DIR / "static"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "media/"
MEDIA_ROOT = Path(env("MEDIA_ROOT", str(VAR_DIR / "media")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if PRODUCTION
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}
WHITENOISE_USE_FINDERS = not PRODUCTION
if not PRODUCTION:
    STATIC_ROOT.mkdir(parents=True, exist_ok=True)  # whitenoise warns on a missing folder
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024
# A year-end decision lists thousands of people and the print page posts one checkbox each;
# Django's default of 1,000 fields would refuse it.
DATA_UPLOAD_MAX_NUMBER_FIELDS = 20_000
# Uploads (`thidua.core.uploads`, the one check every uploaded file passes): the size of
# one file, and the pixels of an uploaded image (also Pillow's decompression-bomb guard).
# The web server's own body limit (nginx `client_max_body_size`) must be a little above.
THIDUA_UPLOAD_MAX_BYTES = int(env("THIDUA_UPLOAD_MAX_BYTES", str(20 * 1024 * 1024)))
THIDUA_UPLOAD_MAX_IMAGE_PIXELS = int(env("THIDUA_UPLOAD_MAX_IMAGE_PIXELS", str(50_000_000)))

TASKS = {"default": {"BACKEND": env("TASKS_BACKEND", "django_tasks_db.DatabaseBackend")}}

# E-mail (reminders): the console in development; in production the province's SMTP
# server, e.g. EMAIL_HOST=mail.bacninh.gov.vn EMAIL_PORT=587 EMAIL_USE_TLS=1 with
# EMAIL_HOST_USER and EMAIL_HOST_PASSWORD_FILE (docs/deployment.md).
_mail = "smtp" if env("EMAIL_HOST") else "console"
EMAIL_BACKEND = env("EMAIL_BACKEND", f"django.core.mail.backends.{_mail}.EmailBackend")
EMAIL_HOST = env("EMAIL_HOST", "localhost")
EMAIL_PORT = int(env("EMAIL_PORT", "25") or 25)
EMAIL_HOST_USER = env("EMAIL_HOST_USER", "") or ""
EMAIL_HOST_PASSWORD = env("EMAIL_HOST_PASSWORD", "") or ""
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
EMAIL_USE_SSL = env_bool("EMAIL_USE_SSL", False)
EMAIL_TIMEOUT = 30
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", "thidua@localhost")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "loggers": {
        "thidua.access": {"handlers": ["console"], "level": "WARNING"},
    },
}

# A province's stricter rule sets layered on the national ones: {"2025": "2025-hs"}, with
# the layers as YAML in THIDUA_RULESETS_DIR (read by thidua.rules).
THIDUA_RULESETS = {k: v for k, _, v in (p.partition("=") for p in (env("THIDUA_RULESETS", "") or "").split(",") if p)}

# The province seeded by `thidua demo`; shown in the page header.
THIDUA_PROVINCE_NAME = env("THIDUA_PROVINCE_NAME", "")

# The site's public address (scheme and host), e.g. https://thiduakhenthuong.bacninh.gov.vn:
# what certificates' QR codes and other links printed or sent for good are built on. Behind
# a reverse proxy the request's host may be an internal name. Unset, pages use the
# request's host; background tasks (no request) refuse to print in production.
THIDUA_PUBLIC_URL = (env("THIDUA_PUBLIC_URL", "") or "").strip().rstrip("/")
if THIDUA_PUBLIC_URL and not THIDUA_PUBLIC_URL.startswith(("https://", "http://")):
    raise ImproperlyConfigured("THIDUA_PUBLIC_URL must start with https:// (or http://).")

# The reverse proxies in front of thidua, whose X-Forwarded-For header is believed
# (`thidua.core.net.client_ip`): a number N (every request passes N proxies; the N-th
# address from the right is the client's) or a comma-separated list of the proxies'
# addresses or networks (10.0.0.5, 10.1.0.0/30): the proxies only, never a range users
# sit in, or they could write their own address. Unset: the direct peer (REMOTE_ADDR) is
# the client, and a forwarded-for header is the client's to invent.
_proxies = (env("THIDUA_TRUSTED_PROXIES", "") or "").strip()
if _proxies.isdigit():
    THIDUA_TRUSTED_PROXIES: int | list[str] = int(_proxies)
else:
    THIDUA_TRUSTED_PROXIES = [p.strip() for p in _proxies.split(",") if p.strip()]
    for _proxy in THIDUA_TRUSTED_PROXIES:
        try:
            ipaddress.ip_network(_proxy, strict=False)
        except ValueError:
            raise ImproperlyConfigured(f"THIDUA_TRUSTED_PROXIES: {_proxy!r} is not an IP address or network.") from None

# Certificate batches of more than this many pages are drawn by the task worker (500 pages
# take several seconds); smaller ones come back in the request.
THIDUA_CERTIFICATES_INLINE_MAX = int(env("THIDUA_CERTIFICATES_INLINE_MAX", "50") or 50)
# Hours a batch's PDF is kept for download; then it is deleted.
THIDUA_CERTIFICATE_FILES_KEEP_HOURS = int(env("THIDUA_CERTIFICATE_FILES_KEEP_HOURS", "24") or 24)
# An uploaded Word template is code written by a user: each render runs in a child
# process stopped past this many seconds, or past this many MB of memory on top of what
# the document's own rows need (thidua.printing.word).
THIDUA_WORD_RENDER_SECONDS = float(env("THIDUA_WORD_RENDER_SECONDS", "5") or 5)
THIDUA_WORD_RENDER_MB = int(env("THIDUA_WORD_RENDER_MB", "20") or 20)
