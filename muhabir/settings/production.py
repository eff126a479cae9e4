"""Production only enforces: a real secret, no debug, secure cookies."""

from django.core.exceptions import ImproperlyConfigured

from muhabir.settings import env
from muhabir.settings.base import *  # noqa: F403

SECRET_KEY = env.secret_key(required=True)
DEBUG = False
if env.boolean("DEBUG", False):
    raise ImproperlyConfigured("DEBUG: must be off in production")
if not ALLOWED_HOSTS or "*" in ALLOWED_HOSTS:  # noqa: F405
    raise ImproperlyConfigured("ALLOWED_HOSTS: name the site's host names in production")

SESSION_COOKIE_SECURE = env.boolean("MUHABIR_SECURE_COOKIES", True)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
# HTTPS only: plain HTTP is redirected (the proxy's health checks excepted), and browsers
# are told to use HTTPS for a year. Preloading only takes effect once the domain is
# submitted to the browsers' list; the header merely allows it.
SECURE_SSL_REDIRECT = env.boolean("MUHABIR_SSL_REDIRECT", True)
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
SECURE_HSTS_SECONDS = env.integer("MUHABIR_HSTS_SECONDS", 31_536_000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env.boolean("MUHABIR_HSTS_INCLUDE_SUBDOMAINS", True)
SECURE_HSTS_PRELOAD = env.boolean("MUHABIR_HSTS_PRELOAD", True)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
STORAGES = {
    **STORAGES,  # noqa: F405
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = False
