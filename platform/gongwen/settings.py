"""Django settings for Gongwen.

Everything that differs between installations comes from the environment, with safe defaults
for the embedded mode (SQLite under ``var/``, no other server). See docs/admin/configuration.md.
"""

import os
import secrets
from pathlib import Path

import dj_database_url
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent
REPO_DIR = BASE_DIR.parent.parent
VAR_DIR = Path(os.environ.get("GONGWEN_VAR_DIR", REPO_DIR / "var"))


def _env_bool(name: str, default: bool = False) -> bool:
    return os.environ.get(name, str(default)).strip().lower() in {"1", "true", "yes", "on"}


def _embedded_secret_key() -> str:
    """Return a per-installation key kept in var/, created on first use (never in the repo)."""
    path = VAR_DIR / "secret_key"
    if not path.exists():
        VAR_DIR.mkdir(parents=True, exist_ok=True)
        path.write_text(secrets.token_urlsafe(50))
        path.chmod(0o600)
    return path.read_text().strip()


DEBUG = _env_bool("GONGWEN_DEBUG")
SECRET_KEY = os.environ.get("GONGWEN_SECRET_KEY") or _embedded_secret_key()
ALLOWED_HOSTS = os.environ.get("GONGWEN_ALLOWED_HOSTS", "127.0.0.1,localhost,[::1]").split(",")
CSRF_TRUSTED_ORIGINS = [
    o for o in os.environ.get("GONGWEN_CSRF_TRUSTED_ORIGINS", "").split(",") if o
]

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django_tasks",
    "gongwen.apps.BackgroundTasksConfig",  # django_tasks_db, named for the admin
    "import_export",
    # Before viewflow: its app ships registration/login.html, ours must win the template lookup.
    "gongwen.web",
    "viewflow",
    "viewflow.workflow",
    "gongwen.apps.GongwenConfig",
    "gongwen.org",
    "gongwen.audit",
    "gongwen.definitions",
    "gongwen.notifications",
    "gongwen.runtime",
    "gongwen.runtime.calendar",
    "gongwen.runtime.deadlines",
    "gongwen.documents",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "gongwen.web.middleware.LanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "gongwen.audit.middleware.RequestOriginMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "gongwen.web.middleware.ContentSecurityPolicyMiddleware",
]

ROOT_URLCONF = "gongwen.urls"
WSGI_APPLICATION = "gongwen.wsgi.application"
ASGI_APPLICATION = "gongwen.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

# --- Database: SQLite embedded by default, PostgreSQL with DATABASE_URL=postgres://… ---
_SQLITE_URL = f"sqlite:///{VAR_DIR / 'gongwen.sqlite3'}"
DATABASES = {"default": dj_database_url.parse(os.environ.get("DATABASE_URL") or _SQLITE_URL)}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    VAR_DIR.mkdir(parents=True, exist_ok=True)
    # IMMEDIATE transactions take the write lock up front, so two writers queue on
    # busy_timeout instead of failing with "database is locked" on lock upgrade.
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }
elif os.environ.get("GONGWEN_DB_PREPARED", "1") != "0":
    # PostgreSQL: bind parameters on the server and prepare a statement once it has run twice
    # on a connection, so the runtime's few statements per action are planned once, not per
    # action (bench/runtime: about a third of the database time). Behind a transaction-mode
    # pooler (PgBouncer < 1.21) set GONGWEN_DB_PREPARED=0.
    DATABASES["default"]["OPTIONS"] = {"server_side_binding": True, "prepare_threshold": 2}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "org.User"
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# --- i18n: zh-Hans first, English second; Asia/Shanghai ---
LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", _("Simplified Chinese")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = VAR_DIR / "static"
MEDIA_ROOT = VAR_DIR / "media"
STATIC_ROOT.mkdir(parents=True, exist_ok=True)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}

# --- Security: on by default; HTTPS-only settings when GONGWEN_HTTPS=1 (behind TLS) ---
_HTTPS = _env_bool("GONGWEN_HTTPS")
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True
SESSION_COOKIE_SECURE = _HTTPS
CSRF_COOKIE_SECURE = _HTTPS
SECURE_SSL_REDIRECT = _HTTPS
SECURE_HSTS_SECONDS = 31536000 if _HTTPS else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = _HTTPS
SECURE_HSTS_PRELOAD = _HTTPS
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if _HTTPS else None
CONTENT_SECURITY_POLICY = (
    "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
    "object-src 'none'; base-uri 'self'; frame-ancestors 'none'; form-action 'self'"
)

# --- E-mail: SMTP when GONGWEN_EMAIL_HOST is set, else one log line per message (embedded) ---
EMAIL_HOST = os.environ.get("GONGWEN_EMAIL_HOST", "")
if EMAIL_HOST:
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_PORT = int(os.environ.get("GONGWEN_EMAIL_PORT", "25"))
    EMAIL_HOST_USER = os.environ.get("GONGWEN_EMAIL_USER", "")
    EMAIL_HOST_PASSWORD = os.environ.get("GONGWEN_EMAIL_PASSWORD", "")
    EMAIL_USE_TLS = _env_bool("GONGWEN_EMAIL_TLS")
    EMAIL_TIMEOUT = 10
else:
    EMAIL_BACKEND = "gongwen.notifications.mail.LogLineBackend"
DEFAULT_FROM_EMAIL = os.environ.get("GONGWEN_EMAIL_FROM", "gongwen@localhost")

# --- Background work: Django's tasks API through the django-tasks backport, ORM backend ---
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("GONGWEN_LOG_LEVEL", "INFO")},
    "loggers": {
        "django.db.backends": {"level": "INFO"},
        # pyHanko logs a traceback for every untrusted/modified PDF it verifies: an expected
        # outcome our verify service reports, not an error of ours.
        "pyhanko": {"level": "ERROR"},
    },
}

# viewflow's autoregister only adds its site/Turbo middleware for its own views, which Gongwen
# does not use (published-at-runtime flows get our own pages and API): keep our middleware as is.
VIEWFLOW = {"AUTOREGISTER": False}

# --- Gongwen's own settings: one dict, read through gongwen.conf (see conf.DEFAULTS) ---
GONGWEN: dict = {}
