"""Settings with working defaults; everything configurable comes from ``env``."""

from datetime import timedelta

from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from muhabir.settings import env

BASE_DIR = env.BASE_DIR
PROJECT_DIR = BASE_DIR / "muhabir"

DEBUG = env.boolean("DEBUG", False)
SECRET_KEY = env.secret_key(required=False)
ALLOWED_HOSTS = env.string_list("ALLOWED_HOSTS", ["localhost", "127.0.0.1", "[::1]"])
CSRF_TRUSTED_ORIGINS = env.string_list("CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "muhabir.core",
    "muhabir.operations",
    "muhabir.images",
    "muhabir.home",
    "muhabir.newsroom",
    "muhabir.ingest",
    "muhabir.demo",
    "muhabir.accessibility",
    "muhabir.syndication",
    "muhabir.search",
    "muhabir.wordpress",
    "muhabir.directory",
    "muhabir.accounts",
    "muhabir.pagecache",
    "wagtail.contrib.forms",
    "wagtail.contrib.routable_page",
    "muhabir.core.wagtail_apps.RedirectsConfig",
    "wagtail.contrib.settings",
    "wagtail.contrib.simple_translation",
    "muhabir.core.wagtail_apps.LocalesConfig",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "muhabir.core.wagtail_apps.SnippetsConfig",
    "muhabir.core.wagtail_apps.DocumentsConfig",
    "muhabir.core.wagtail_apps.ImagesConfig",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
]

MIDDLEWARE = [
    # First: every later middleware and view logs with the request's id.
    "muhabir.operations.middleware.RequestIdMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "muhabir.core.security_headers.SecurityHeadersMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Before sessions, locale and the rest: a cached page needs none of them.
    "muhabir.pagecache.middleware.PageCacheMiddleware",
    # Pages the cache did not answer find their Wagtail site without a query.
    "muhabir.pagecache.sites.SiteMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # Above LocaleMiddleware, which would send old WordPress paths to /tr/... instead.
    "muhabir.wordpress.middleware.LegacyLinkMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    # After the language is known: the page of an address from the worker's memory.
    "muhabir.pagecache.routes.RouteMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "muhabir.accounts.middleware.TwoFactorMiddleware",
    "muhabir.accounts.middleware.PagePasswordThrottleMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # Last, as django-axes asks: it turns a locked-out sign-in into muhabir.accounts' page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "muhabir.urls"
WSGI_APPLICATION = "muhabir.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PROJECT_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]

DATABASES = {"default": env.database()}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

CACHES = {"default": env.cache()}

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Languages: Turkish is the fallback. A third language is one more entry here
# and a catalogue under locale/.
LANGUAGE_CODE = "tr"
LANGUAGES = [
    ("tr", "Türkçe"),
    ("de", "Deutsch"),
]
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
WAGTAIL_I18N_ENABLED = True
# Our catalogue first; then hand-kept overrides of Wagtail's own admin strings, which
# beat Wagtail's catalogues but are never rewritten by makemessages (it writes to the
# first entry whose parent holds the source files).
LOCALE_PATHS = [PROJECT_DIR / "locale", PROJECT_DIR / "locale_overrides"]
FORMAT_MODULE_PATH = ["muhabir.formats"]
USE_I18N = True
TIME_ZONE = "Europe/Berlin"
USE_TZ = True
LANGUAGE_COOKIE_NAME = "muhabir_language"

STATIC_URL = "/static/"
STATIC_ROOT = env.path("STATIC_ROOT", BASE_DIR / "data" / "static")
STATICFILES_DIRS = [PROJECT_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = env.path("MEDIA_ROOT", BASE_DIR / "data" / "media")
STORAGES = {
    # MEDIA_STORAGE=s3: uploads in S3-compatible object storage, shared by all app servers.
    "default": env.media_storage(),
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = True

DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

# Readers who log in on the site (pages for logged-in readers) come back to the page they
# asked for, or else to the front page of their language, not to Django's /accounts/profile/.
LOGIN_REDIRECT_URL = "/"

WAGTAIL_SITE_NAME = "Muhabirce NRW"
WAGTAILADMIN_BASE_URL = env.url("MUHABIR_BASE_URL", "http://127.0.0.1:8000")
WAGTAILIMAGES_IMAGE_MODEL = "images.CustomImage"
WAGTAILIMAGES_EXTENSIONS = ["avif", "gif", "jpg", "jpeg", "png", "webp"]
# One pixel limit for uploads, feeds and imports (muhabir.images.limits): a small file can
# declare a picture whose renditions would take gigabytes of memory.
MUHABIR_MAX_IMAGE_PIXELS = env.integer("MUHABIR_MAX_IMAGE_PIXELS", 40_000_000, minimum=1)
WAGTAILIMAGES_MAX_IMAGE_PIXELS = MUHABIR_MAX_IMAGE_PIXELS
WAGTAILIMAGES_IMAGE_FORM_BASE = "muhabir.images.limits.PixelLimitImageForm"
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "odt", "pdf", "pptx", "rtf", "txt", "xlsx", "zip"]
WAGTAILDOCS_DOCUMENT_FORM_BASE = "muhabir.core.documents.DocumentForm"
MUHABIR_MAX_DOCUMENT_BYTES = env.integer("MUHABIR_MAX_DOCUMENT_MB", 20, minimum=1) * 1024 * 1024
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAIL_ALLOW_UNICODE_SLUGS = False
WAGTAILADMIN_PERMITTED_LANGUAGES = [("tr", "Türkçe"), ("de", "Deutsch"), ("en", "English")]
WAGTAIL_DATE_FORMAT = "%d.%m.%Y"
WAGTAIL_DATETIME_FORMAT = "%d.%m.%Y %H:%M"
WAGTAILEMBEDS_RESPONSIVE_HTML = True
# The admin would otherwise fetch avatars from gravatar.com, telling it who edits here, and
# ask releases.wagtail.org for new versions from every administrator's browser.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAIL_ENABLE_UPDATE_CHECK = False
WAGTAIL_MODERATION_ENABLED = True

# Mail: the workflow's notifications and readers' proposals. The settings EMAIL_URL
# stands for (EMAIL_BACKEND, EMAIL_HOST, ...) vary with its scheme, hence the update.
globals().update(env.email(default="smtp://localhost:25"))
DEFAULT_FROM_EMAIL = env.email_address(
    "DEFAULT_FROM_EMAIL",
    f"{WAGTAIL_SITE_NAME} <noreply@{env.sender_domain(WAGTAILADMIN_BASE_URL)}>",
)
SERVER_EMAIL = DEFAULT_FROM_EMAIL
WAGTAILADMIN_NOTIFICATION_FROM_EMAIL = DEFAULT_FROM_EMAIL
WAGTAIL_WORKFLOW_ENABLED = True

# Sign-in protection (muhabir.accounts). django-axes counts failed passwords per account
# (one account guessed from many addresses) and per client address (many accounts from
# one), each locked for the cool-off time after MUHABIR_LOGIN_FAILURES; tries during a
# lock-out do not extend it. Attempts are kept in the database, which every app server
# shares and which outlives a restart (the local-memory cache of `make run` does neither).
MUHABIR_LOGIN_FAILURES = env.integer("MUHABIR_LOGIN_FAILURES", 5, minimum=1)
MUHABIR_LOGIN_COOLOFF_MINUTES = env.integer("MUHABIR_LOGIN_COOLOFF_MINUTES", 15, minimum=1)
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_HANDLER = "axes.handlers.database.AxesDatabaseHandler"
AXES_FAILURE_LIMIT = MUHABIR_LOGIN_FAILURES
AXES_COOLOFF_TIME = timedelta(minutes=MUHABIR_LOGIN_COOLOFF_MINUTES)
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
AXES_CLIENT_IP_CALLABLE = "muhabir.core.clients.client_address"
AXES_LOCKOUT_CALLABLE = "muhabir.accounts.lockout.lockout_response"
AXES_ENABLE_ADMIN = False
WAGTAILADMIN_USER_LOGIN_FORM = "muhabir.accounts.forms.AdminLoginForm"
# Two-factor authentication (django-otp, TOTP apps and recovery codes): optional for
# reporters and editors, required in the admin for superusers and the Administrator group.
MUHABIR_2FA_REQUIRED_FOR_ADMINISTRATORS = env.boolean(
    "MUHABIR_2FA_REQUIRED_FOR_ADMINISTRATORS", True
)
# The name authenticator apps list the account under.
OTP_TOTP_ISSUER = WAGTAIL_SITE_NAME

# Renditions are made in the request only when nobody made them before; the
# newsroom creates them on publish (see newsroom.signals).
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}

MUHABIR_SECTION_PAGE_SIZE = env.integer("MUHABIR_SECTION_PAGE_SIZE", 20, minimum=1)

# Whole pages for anonymous readers (muhabir.pagecache), in Redis when REDIS_URL is set.
# A page is dropped as soon as anything it shows changes; the lifetime only bounds what
# no save announces, such as an event that has just ended.
MUHABIR_PAGE_CACHE = env.boolean("MUHABIR_PAGE_CACHE", True)
MUHABIR_PAGE_CACHE_SECONDS = env.integer("MUHABIR_PAGE_CACHE_SECONDS", 600, minimum=1)
# Parts of pages kept between renders by the same rule (muhabir.pagecache.fragments): what
# the next render of a page can reuse after a publish elsewhere. Same lifetime.
MUHABIR_FRAGMENT_CACHE = env.boolean("MUHABIR_FRAGMENT_CACHE", True)
# What browsers and the front proxy are told about anonymous pages.
MUHABIR_HTTP_MAX_AGE = env.integer("MUHABIR_HTTP_MAX_AGE", 60)
MUHABIR_HTTP_STALE_WHILE_REVALIDATE = env.integer("MUHABIR_HTTP_STALE_WHILE_REVALIDATE", 600)
MUHABIR_SERVE_MEDIA = env.boolean("MUHABIR_SERVE_MEDIA", False)
# Documents are read through Wagtail's view, which checks their collection's privacy;
# behind nginx it may hand the file over with X-Accel-Redirect (deploy/nginx.conf).
WAGTAILDOCS_SERVE_METHOD = "serve_view"
if env.boolean("MUHABIR_DOCUMENTS_X_ACCEL", False):
    if STORAGES["default"]["BACKEND"] != "django.core.files.storage.FileSystemStorage":
        # From object storage Wagtail's view streams the file itself; nginx has no path.
        raise ImproperlyConfigured("MUHABIR_DOCUMENTS_X_ACCEL: needs MEDIA_STORAGE=local")
    SENDFILE_BACKEND = "muhabir.core.sendfile_nginx"

# The front proxy's page cache (deploy/nginx.conf), purged through Wagtail's frontend
# cache invalidation at this address when a page changes (muhabir.core.frontend_cache).
MUHABIR_FRONTEND_CACHE_URL = env.url("MUHABIR_FRONTEND_CACHE_URL", "")
if MUHABIR_FRONTEND_CACHE_URL:
    INSTALLED_APPS.append("wagtail.contrib.frontend_cache")
    WAGTAILFRONTENDCACHE = {
        "nginx": {
            "BACKEND": "muhabir.core.frontend_cache.NginxBackend",
            "LOCATION": MUHABIR_FRONTEND_CACHE_URL,
        }
    }
    # The URLs we purge are exact; Wagtail would also purge each one under every other
    # language prefix, pages that do not exist.
    WAGTAILFRONTENDCACHE_LANGUAGES: list[str] = []

# The directory's map loads its tiles from this server, the one host other than ours that
# pages may contact; empty: no map is drawn and nothing is requested elsewhere.
MAP_TILE_URL = env.tile_url("MAP_TILE_URL", "")
MAP_TILE_ATTRIBUTION = env.text("MAP_TILE_ATTRIBUTION", "")

# Readers' proposals for the directory: how many one address may send per hour, and who
# hears of them. Client addresses are read behind this many proxies of our own.
MUHABIR_PROPOSALS_PER_HOUR = env.integer("MUHABIR_PROPOSALS_PER_HOUR", 5, minimum=1)
MUHABIR_TRUSTED_PROXY_HOPS = env.integer("MUHABIR_TRUSTED_PROXY_HOPS", 0)
DIRECTORY_MODERATORS = env.string_list("MUHABIR_DIRECTORY_MODERATORS", [])

# Press-release ingest connects to public addresses only; these host names (e.g. an
# intranet's press server) may resolve to loopback or private networks all the same.
MUHABIR_FETCH_ALLOWED_PRIVATE_HOSTS = env.string_list("MUHABIR_FETCH_ALLOWED_PRIVATE_HOSTS", [])

# Logs go to standard error. JSON: one line per request and per periodic job run, each
# with the request id (muhabir.operations); text keeps `make run` quiet.
MUHABIR_LOG_FORMAT = env.choice("MUHABIR_LOG_FORMAT", "text", ["text", "json"])
_EVENT_LEVEL = "INFO" if MUHABIR_LOG_FORMAT == "json" else "WARNING"
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request_id": {"()": "muhabir.operations.logging.RequestIdFilter"}},
    "formatters": {
        "text": {"()": "muhabir.operations.logging.TextFormatter"},
        "json": {"()": "muhabir.operations.logging.JsonFormatter"},
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "filters": ["request_id"],
            "formatter": MUHABIR_LOG_FORMAT,
        }
    },
    "root": {"handlers": ["console"], "level": "WARNING"},
    "loggers": {
        "muhabir.requests": {"level": _EVENT_LEVEL},
        "muhabir.jobs": {"level": _EVENT_LEVEL},
    },
}

# Periodic jobs (muhabir.operations.jobs): minutes without a successful run after which
# the dashboard and /healthz call a job overdue; 0 stops watching it. A job is watched
# once it has run, or from the start when MUHABIR_EXPECTED_JOBS names it.
MUHABIR_JOB_OVERDUE_MINUTES = {
    "publish_scheduled": env.integer("MUHABIR_PUBLISH_SCHEDULED_OVERDUE_MINUTES", 15),
    "ingest_feeds": env.integer("MUHABIR_INGEST_FEEDS_OVERDUE_MINUTES", 180),
}
MUHABIR_EXPECTED_JOBS = env.choice_list(
    "MUHABIR_EXPECTED_JOBS", [], list(MUHABIR_JOB_OVERDUE_MINUTES)
)

# Translators: the name of the admin interface's language option.
_("English")
