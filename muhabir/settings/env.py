"""Every environment variable Muhabir reads, parsed in one place.

A wrong value raises ``ImproperlyConfigured`` whose message starts with the
variable's name, so start-up fails with one line that says what to fix.
"""

from __future__ import annotations

import os
import re
import secrets
from email.utils import parseaddr
from pathlib import Path
from urllib.parse import parse_qsl, unquote, urlsplit

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent.parent

DATABASE_SCHEMES = {"sqlite", "postgres", "postgresql", "pgsql"}
REDIS_SCHEMES = {"redis", "rediss", "unix"}
TRUE_WORDS = {"1", "true", "yes", "on"}
FALSE_WORDS = {"0", "false", "no", "off", ""}


def _get(environ, name: str) -> str | None:
    value = environ.get(name)
    if value is None:
        return None
    return value.strip()


def boolean(name: str, default: bool, environ=os.environ) -> bool:
    """Read a yes/no variable; anything but the usual words is an error."""
    value = _get(environ, name)
    if value is None:
        return default
    lowered = value.lower()
    if lowered in TRUE_WORDS:
        return True
    if lowered in FALSE_WORDS:
        return False
    raise ImproperlyConfigured(f"{name}: expected true or false, got {value!r}")


def integer(name: str, default: int, environ=os.environ, minimum: int = 0) -> int:
    """Read a whole number not below ``minimum``."""
    value = _get(environ, name)
    if not value:
        return default
    try:
        number = int(value)
    except ValueError:
        raise ImproperlyConfigured(f"{name}: expected a whole number, got {value!r}") from None
    if number < minimum:
        raise ImproperlyConfigured(f"{name}: must be at least {minimum}, got {number}")
    return number


def choice(name: str, default: str, choices: list[str], environ=os.environ) -> str:
    """Read one of a few words, case-insensitively; anything else is an error."""
    value = _get(environ, name)
    if not value:
        return default
    lowered = value.lower()
    if lowered not in choices:
        raise ImproperlyConfigured(f"{name}: expected one of {', '.join(choices)}, got {value!r}")
    return lowered


def choice_list(name: str, default: list[str], choices: list[str], environ=os.environ) -> list[str]:
    """Read a comma-separated list whose items must each be one of ``choices``."""
    items = string_list(name, default, environ)
    unknown = [item for item in items if item not in choices]
    if unknown:
        raise ImproperlyConfigured(
            f"{name}: unknown {unknown[0]!r}, expected some of {', '.join(choices)}"
        )
    return items


def string_list(name: str, default: list[str], environ=os.environ) -> list[str]:
    """Read a comma-separated list, ignoring blanks."""
    value = _get(environ, name)
    if value is None:
        return list(default)
    return [item.strip() for item in value.split(",") if item.strip()]


def database(environ=os.environ) -> dict:
    """Parse ``DATABASE_URL``; the default is an SQLite file under ``data/``."""
    value = _get(environ, "DATABASE_URL")
    if not value:
        return {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": str(BASE_DIR / "data" / "muhabir.sqlite3"),
            "OPTIONS": {"transaction_mode": "IMMEDIATE", "timeout": 20},
        }
    scheme = urlsplit(value).scheme.lower()
    if not scheme:
        raise ImproperlyConfigured(
            f"DATABASE_URL: not a URL, expected e.g. postgres://user@host:5432/name, got {value!r}"
        )
    if scheme not in DATABASE_SCHEMES:
        raise ImproperlyConfigured(
            f"DATABASE_URL: unsupported scheme {scheme!r}, use postgres:// or sqlite://"
        )
    try:
        config = dj_database_url.parse(value, conn_max_age=60, conn_health_checks=True)
    except ValueError as error:
        raise ImproperlyConfigured(f"DATABASE_URL: cannot be parsed ({error})") from None
    if not config.get("NAME"):
        raise ImproperlyConfigured(f"DATABASE_URL: names no database, got {value!r}")
    if config["ENGINE"] == "django.db.backends.sqlite3":
        config["CONN_MAX_AGE"] = 0
        config["OPTIONS"] = {"transaction_mode": "IMMEDIATE", "timeout": 20}
    return config


def cache(environ=os.environ) -> dict:
    """Parse ``REDIS_URL``; without it the cache is local memory."""
    value = _get(environ, "REDIS_URL")
    if not value:
        return {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "muhabir",
            "TIMEOUT": 300,
        }
    parts = urlsplit(value)
    if parts.scheme.lower() not in REDIS_SCHEMES:
        raise ImproperlyConfigured(
            f"REDIS_URL: unsupported scheme {parts.scheme!r}, use redis://host:6379/0"
        )
    if parts.scheme != "unix" and not parts.hostname:
        raise ImproperlyConfigured(f"REDIS_URL: names no host, got {value!r}")
    try:
        parts.port  # noqa: B018 - raises ValueError on a port that is not a number
    except ValueError:
        raise ImproperlyConfigured(f"REDIS_URL: the port is not a number, got {value!r}") from None
    return {
        # A stopped Redis is a cache miss, not an error page (muhabir/core/cache.py).
        "BACKEND": "muhabir.core.cache.TolerantRedisCache",
        "LOCATION": value,
        "KEY_PREFIX": "muhabir",
        "TIMEOUT": 300,
        # A hung server must not hold a request: give up and render uncached.
        "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
    }


def secret_key(environ=os.environ, *, required: bool) -> str:
    """Read ``SECRET_KEY``; in development, make one and keep it under ``data/``."""
    value = _get(environ, "SECRET_KEY")
    if value:
        # Django's own deployment check asks for 50 characters, 5 of them different.
        if required and (len(value) < 50 or len(set(value)) < 5):
            raise ImproperlyConfigured(
                "SECRET_KEY: must be at least 50 characters, not all the same, in production"
            )
        return value
    if required:
        raise ImproperlyConfigured(
            "SECRET_KEY: required in production; set it to a long random string"
        )
    key_file = BASE_DIR / "data" / "secret_key"
    try:
        return key_file.read_text().strip()
    except FileNotFoundError:
        key_file.parent.mkdir(parents=True, exist_ok=True)
        key = secrets.token_urlsafe(50)
        key_file.write_text(key)
        return key


def path(name: str, default: Path, environ=os.environ) -> Path:
    """Read a filesystem path; relative paths are taken from the project folder."""
    value = _get(environ, name)
    if not value:
        return default
    result = Path(value).expanduser()
    return result if result.is_absolute() else BASE_DIR / result


def url(name: str, default: str, environ=os.environ) -> str:
    """Read an absolute http(s) URL without a trailing slash."""
    value = _get(environ, name)
    if not value:
        return default
    parts = urlsplit(value)
    if parts.scheme not in {"http", "https"} or not parts.netloc:
        raise ImproperlyConfigured(f"{name}: expected an http:// or https:// URL, got {value!r}")
    return value.rstrip("/")


def text(name: str, default: str = "", environ=os.environ) -> str:
    """Read free text; unset keeps the default."""
    value = _get(environ, name)
    return default if value is None else value


TILE_PLACEHOLDERS = ("{z}", "{x}", "{y}")


def tile_url(name: str, default: str = "", environ=os.environ) -> str:
    """Read a map tile address template such as ``https://tile.example.org/{z}/{x}/{y}.png``.

    Blank means no map. The template must be http(s) and hold ``{z}``, ``{x}`` and ``{y}``.
    """
    value = _get(environ, name)
    if not value:
        return default
    parts = urlsplit(value)
    if parts.scheme not in {"http", "https"} or not parts.netloc:
        raise ImproperlyConfigured(
            f"{name}: expected an http:// or https:// address template, got {value!r}"
        )
    missing = [placeholder for placeholder in TILE_PLACEHOLDERS if placeholder not in value]
    if missing:
        raise ImproperlyConfigured(
            f"{name}: the address template lacks {', '.join(missing)}, "
            f"e.g. https://tile.example.org/{{z}}/{{x}}/{{y}}.png; got {value!r}"
        )
    return value


EMAIL_BACKENDS = {
    "smtp": "django.core.mail.backends.smtp.EmailBackend",
    "smtps": "django.core.mail.backends.smtp.EmailBackend",
    "submission": "django.core.mail.backends.smtp.EmailBackend",
    "console": "django.core.mail.backends.console.EmailBackend",
    "file": "django.core.mail.backends.filebased.EmailBackend",
    "memory": "django.core.mail.backends.locmem.EmailBackend",
    "dummy": "django.core.mail.backends.dummy.EmailBackend",
}


def email(default: str, environ=os.environ) -> dict:
    """Parse ``EMAIL_URL`` into Django's mail settings.

    ``smtp://user:password@host:587`` (STARTTLS with ``?tls=true``, which
    ``submission://`` implies), ``smtps://host:465`` (TLS from the start),
    ``console:`` (print mails), ``file:///path/to/folder`` or ``dummy:`` (drop them).
    User name and password are percent-encoded where they hold ``@`` or ``:``.
    """
    value = _get(environ, "EMAIL_URL") or default
    parts = urlsplit(value)
    scheme = parts.scheme.lower()
    if scheme not in EMAIL_BACKENDS:
        raise ImproperlyConfigured(
            f"EMAIL_URL: unsupported scheme {parts.scheme!r}, use smtp://, smtps://, "
            f"submission://, console:, file:// or dummy:; got {value!r}"
        )
    settings_ = {"EMAIL_BACKEND": EMAIL_BACKENDS[scheme]}
    if scheme == "file":
        if not parts.path:
            raise ImproperlyConfigured(f"EMAIL_URL: file:// needs a folder, got {value!r}")
        settings_["EMAIL_FILE_PATH"] = parts.path
    if scheme not in {"smtp", "smtps", "submission"}:
        return settings_
    if not parts.hostname:
        raise ImproperlyConfigured(f"EMAIL_URL: names no mail server, got {value!r}")
    try:
        port = parts.port
    except ValueError:
        raise ImproperlyConfigured(f"EMAIL_URL: the port is not a number, got {value!r}") from None
    query = {key.lower(): item for key, item in parse_qsl(parts.query)}
    for flag in ("tls", "ssl"):
        if flag in query and query[flag].lower() not in TRUE_WORDS | FALSE_WORDS:
            raise ImproperlyConfigured(
                f"EMAIL_URL: {flag}= expects true or false, got {query[flag]!r}"
            )
    use_ssl = scheme == "smtps" or query.get("ssl", "").lower() in TRUE_WORDS
    use_tls = scheme == "submission" or query.get("tls", "").lower() in TRUE_WORDS
    if use_ssl and use_tls:
        raise ImproperlyConfigured("EMAIL_URL: choose TLS from the start (smtps) or STARTTLS")
    settings_.update(
        EMAIL_HOST=parts.hostname,
        EMAIL_PORT=port or (465 if use_ssl else 587 if use_tls else 25),
        EMAIL_HOST_USER=unquote(parts.username or ""),
        EMAIL_HOST_PASSWORD=unquote(parts.password or ""),
        EMAIL_USE_SSL=use_ssl,
        EMAIL_USE_TLS=use_tls,
        # A mail server that does not answer must not hold a publishing editor's request.
        EMAIL_TIMEOUT=10,
    )
    return settings_


def email_address(name: str, default: str, environ=os.environ) -> str:
    """Read a sender such as ``Muhabirce NRW <redaktion@muhabir.example.org>``."""
    value = _get(environ, name) or default
    _display, address = parseaddr(value)
    local, _at, domain = address.rpartition("@")
    if not local or not domain or any(char in value for char in "\r\n"):
        raise ImproperlyConfigured(
            f"{name}: expected an e-mail address such as "
            f"'Muhabirce NRW <redaktion@example.org>', got {value!r}"
        )
    return value


def sender_domain(base_url: str) -> str:
    """The host of the public address, as the domain of the default sender."""
    host = urlsplit(base_url).hostname or "localhost"
    return "localhost" if host.replace(".", "").isdigit() or ":" in host else host


S3_BUCKET_NAME = re.compile(r"^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$")
S3_REGION_NAME = re.compile(r"^[a-z0-9-]+$")
S3_VARIABLES = (
    "MEDIA_S3_BUCKET",
    "MEDIA_S3_ENDPOINT_URL",
    "MEDIA_S3_REGION",
    "MEDIA_S3_ACCESS_KEY_ID",
    "MEDIA_S3_SECRET_ACCESS_KEY",
    "MEDIA_S3_CUSTOM_DOMAIN",
)


def media_storage(environ=os.environ) -> dict:
    """The storage of uploads: ``MEDIA_STORAGE=local`` (``MEDIA_ROOT``) or ``s3``.

    ``s3`` is any S3-compatible object store through django-storages: ``MEDIA_S3_BUCKET``
    (required), ``MEDIA_S3_ENDPOINT_URL`` (not Amazon: MinIO, Ceph, Hetzner, ...),
    ``MEDIA_S3_REGION``, ``MEDIA_S3_ACCESS_KEY_ID`` with ``MEDIA_S3_SECRET_ACCESS_KEY``
    (both or neither: without them boto3 finds its own, e.g. an instance role) and
    ``MEDIA_S3_CUSTOM_DOMAIN``, the public host images are linked from.
    """
    kind = (_get(environ, "MEDIA_STORAGE") or "local").lower()
    if kind not in {"local", "s3"}:
        raise ImproperlyConfigured(f"MEDIA_STORAGE: expected local or s3, got {kind!r}")
    if kind == "local":
        stray = [name for name in S3_VARIABLES if _get(environ, name)]
        if stray:
            raise ImproperlyConfigured(f"{stray[0]}: is set, but MEDIA_STORAGE is not s3")
        return {"BACKEND": "django.core.files.storage.FileSystemStorage"}

    bucket = _get(environ, "MEDIA_S3_BUCKET") or ""
    if not bucket:
        raise ImproperlyConfigured("MEDIA_S3_BUCKET: required with MEDIA_STORAGE=s3")
    if not S3_BUCKET_NAME.match(bucket) or ".." in bucket:
        raise ImproperlyConfigured(
            f"MEDIA_S3_BUCKET: expected a bucket name (3-63 lower-case letters, digits, "
            f"dots and hyphens), got {bucket!r}"
        )
    options: dict = {
        "bucket_name": bucket,
        # Objects get no ACL of their own: the bucket's policy decides what is public
        # (images), and documents/ must stay private (docs/deploy.md).
        "default_acl": None,
        # Wagtail picks a new name for each upload; overwriting would replace another
        # image's file that has the same name.
        "file_overwrite": False,
        # Renditions and originals never change under one name.
        "object_parameters": {"CacheControl": "public, max-age=31536000, immutable"},
    }
    if _get(environ, "MEDIA_S3_ENDPOINT_URL"):
        options["endpoint_url"] = url("MEDIA_S3_ENDPOINT_URL", "", environ=environ)
    region = _get(environ, "MEDIA_S3_REGION") or ""
    if region:
        if not S3_REGION_NAME.match(region):
            raise ImproperlyConfigured(
                f"MEDIA_S3_REGION: expected a region name such as eu-central-1, got {region!r}"
            )
        options["region_name"] = region
    access_key = _get(environ, "MEDIA_S3_ACCESS_KEY_ID") or ""
    secret = _get(environ, "MEDIA_S3_SECRET_ACCESS_KEY") or ""
    if access_key and not secret:
        raise ImproperlyConfigured(
            "MEDIA_S3_SECRET_ACCESS_KEY: required when MEDIA_S3_ACCESS_KEY_ID is set"
        )
    if secret and not access_key:
        raise ImproperlyConfigured(
            "MEDIA_S3_ACCESS_KEY_ID: required when MEDIA_S3_SECRET_ACCESS_KEY is set"
        )
    if access_key:
        options["access_key"] = access_key
        options["secret_key"] = secret
    domain = _get(environ, "MEDIA_S3_CUSTOM_DOMAIN") or ""
    if domain:
        if "://" in domain or " " in domain or domain.startswith("/"):
            raise ImproperlyConfigured(
                "MEDIA_S3_CUSTOM_DOMAIN: expected a host name (and path) without a scheme, "
                f"e.g. media.example.org, got {domain!r}"
            )
        options["custom_domain"] = domain.rstrip("/")
        options["url_protocol"] = "https:"
    else:
        # Without a public host, links are signed. Cached pages keep them for their
        # max-age, so a signature lasts far longer than any page stays cached.
        options["querystring_expire"] = 7 * 24 * 60 * 60
    return {"BACKEND": "storages.backends.s3.S3Storage", "OPTIONS": options}
