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
    if not SECRET_KEY or SECRET_KEY == DEV_SECRET or len(SECRET_KEY) < 32:
        raise ImproperlyConfigured("THIDUA_ENV=production needs a SECRET_KEY of 32+ characters.")
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_CONTENT_TYPE_NOSNIFF = True
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.postgres",
    "django_htmx",
    "axes",
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
    "thidua.demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
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
    "axes.middleware.AxesMiddleware",
]

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
                "thidua.core.context_processors.thidua",
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

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
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
LOGIN_REDIRECT_URL = "core:dashboard"
LOGOUT_REDIRECT_URL = "accounts:login"
AXES_FAILURE_LIMIT = 10
AXES_COOLOFF_TIME = 0.25  # hours
AXES_RESET_ON_SUCCESS = True
AXES_ENABLED = env_bool("AXES_ENABLED", True)

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
IMPORT_MAX_BYTES = 20 * 1024 * 1024

TASKS = {"default": {"BACKEND": env("TASKS_BACKEND", "django_tasks_db.DatabaseBackend")}}

EMAIL_BACKEND = env("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", "thidua@localhost")

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
