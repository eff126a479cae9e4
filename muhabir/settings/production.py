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
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
STORAGES = {
    **STORAGES,  # noqa: F405
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = False
