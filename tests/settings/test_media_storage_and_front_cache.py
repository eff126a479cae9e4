"""Object storage for uploads and the front proxy's purge address, read from the environment."""

from __future__ import annotations

import importlib
import sys

import pytest
from django.core.exceptions import ImproperlyConfigured

from muhabir.settings import env

LONG_SECRET = "muhabir-" * 7
S3 = {"MEDIA_STORAGE": "s3", "MEDIA_S3_BUCKET": "muhabir-media"}


def test_media_storage_defaults_to_the_local_folder():
    assert env.media_storage(environ={}) == {
        "BACKEND": "django.core.files.storage.FileSystemStorage"
    }
    assert env.media_storage(environ={"MEDIA_STORAGE": " Local "})["BACKEND"].endswith(
        "FileSystemStorage"
    )


def test_media_storage_s3_names_bucket_endpoint_region_and_keys():
    storage = env.media_storage(
        environ={
            **S3,
            "MEDIA_S3_ENDPOINT_URL": "https://fsn1.your-objectstorage.com/",
            "MEDIA_S3_REGION": "eu-central-1",
            "MEDIA_S3_ACCESS_KEY_ID": "AKIAMUHABIR",
            "MEDIA_S3_SECRET_ACCESS_KEY": "gizli/Schlüssel",
        }
    )

    assert storage["BACKEND"] == "storages.backends.s3.S3Storage"
    options = storage["OPTIONS"]
    assert options["bucket_name"] == "muhabir-media"
    assert options["endpoint_url"] == "https://fsn1.your-objectstorage.com"
    assert options["region_name"] == "eu-central-1"
    assert (options["access_key"], options["secret_key"]) == ("AKIAMUHABIR", "gizli/Schlüssel")
    # The bucket policy decides what is public, never an ACL on each object.
    assert options["default_acl"] is None
    assert options["file_overwrite"] is False


def test_media_storage_s3_without_keys_leaves_them_to_boto3():
    options = env.media_storage(environ=S3)["OPTIONS"]

    assert "access_key" not in options
    assert "secret_key" not in options
    # Signed links outlive any cached page that holds them (S3 allows a week at most).
    assert options["querystring_expire"] == 7 * 24 * 60 * 60


def test_media_storage_s3_custom_domain_links_unsigned_over_https():
    options = env.media_storage(
        environ={**S3, "MEDIA_S3_CUSTOM_DOMAIN": "media.muhabir.example.org/"}
    )["OPTIONS"]

    assert options["custom_domain"] == "media.muhabir.example.org"
    assert options["url_protocol"] == "https:"
    assert "querystring_expire" not in options


@pytest.mark.parametrize(
    ("environ", "variable"),
    [
        ({"MEDIA_STORAGE": "ftp"}, "MEDIA_STORAGE"),
        ({"MEDIA_STORAGE": "s3"}, "MEDIA_S3_BUCKET"),
        ({"MEDIA_STORAGE": "s3", "MEDIA_S3_BUCKET": "Muhabir_Medien"}, "MEDIA_S3_BUCKET"),
        ({"MEDIA_STORAGE": "s3", "MEDIA_S3_BUCKET": "ab"}, "MEDIA_S3_BUCKET"),
        ({**S3, "MEDIA_S3_ENDPOINT_URL": "s3.example.org"}, "MEDIA_S3_ENDPOINT_URL"),
        ({**S3, "MEDIA_S3_REGION": "Frankfurt am Main"}, "MEDIA_S3_REGION"),
        ({**S3, "MEDIA_S3_ACCESS_KEY_ID": "AKIA"}, "MEDIA_S3_SECRET_ACCESS_KEY"),
        ({**S3, "MEDIA_S3_SECRET_ACCESS_KEY": "gizli"}, "MEDIA_S3_ACCESS_KEY_ID"),
        ({**S3, "MEDIA_S3_CUSTOM_DOMAIN": "https://media.example.org"}, "MEDIA_S3_CUSTOM_DOMAIN"),
        ({"MEDIA_S3_BUCKET": "muhabir-media"}, "MEDIA_S3_BUCKET"),
    ],
)
def test_media_storage_rejects_bad_values_naming_the_variable(environ, variable):
    with pytest.raises(ImproperlyConfigured) as caught:
        env.media_storage(environ=environ)

    assert str(caught.value).startswith(f"{variable}:")


# Settings modules, imported afresh under a patched environment.


@pytest.fixture
def fresh_base(monkeypatch):
    """Import muhabir.settings.base anew; the loaded module comes back afterwards."""
    name = "muhabir.settings.base"
    if name in sys.modules:
        monkeypatch.setitem(sys.modules, name, sys.modules[name])
    monkeypatch.setenv("SECRET_KEY", LONG_SECRET)
    for variable in (
        "MEDIA_STORAGE",
        *env.S3_VARIABLES,
        "MUHABIR_FRONTEND_CACHE_URL",
        "MUHABIR_DOCUMENTS_X_ACCEL",
    ):
        monkeypatch.delenv(variable, raising=False)

    def load():
        sys.modules.pop(name, None)
        return importlib.import_module(name)

    return load


def test_base_settings_store_uploads_in_the_bucket_with_media_storage_s3(fresh_base, monkeypatch):
    monkeypatch.setenv("MEDIA_STORAGE", "s3")
    monkeypatch.setenv("MEDIA_S3_BUCKET", "muhabir-media")

    base = fresh_base()

    assert base.STORAGES["default"]["BACKEND"] == "storages.backends.s3.S3Storage"
    assert base.STORAGES["default"]["OPTIONS"]["bucket_name"] == "muhabir-media"
    # Private documents keep going through Wagtail's view, which checks their collection.
    assert base.WAGTAILDOCS_SERVE_METHOD == "serve_view"


def test_base_settings_refuse_x_accel_documents_from_object_storage(fresh_base, monkeypatch):
    monkeypatch.setenv("MEDIA_STORAGE", "s3")
    monkeypatch.setenv("MEDIA_S3_BUCKET", "muhabir-media")
    monkeypatch.setenv("MUHABIR_DOCUMENTS_X_ACCEL", "true")

    with pytest.raises(ImproperlyConfigured, match=r"^MUHABIR_DOCUMENTS_X_ACCEL:"):
        fresh_base()


def test_base_settings_without_front_cache_url_leave_frontend_cache_out(fresh_base):
    base = fresh_base()

    assert "wagtail.contrib.frontend_cache" not in base.INSTALLED_APPS
    assert not hasattr(base, "WAGTAILFRONTENDCACHE")


def test_base_settings_with_front_cache_url_purge_through_wagtails_http_backend(
    fresh_base, monkeypatch
):
    monkeypatch.setenv("MUHABIR_FRONTEND_CACHE_URL", "http://127.0.0.1:8081/")

    base = fresh_base()

    assert "wagtail.contrib.frontend_cache" in base.INSTALLED_APPS
    assert base.WAGTAILFRONTENDCACHE == {
        "nginx": {
            "BACKEND": "muhabir.core.frontend_cache.NginxBackend",
            "LOCATION": "http://127.0.0.1:8081",
        }
    }
    assert base.WAGTAILFRONTENDCACHE_LANGUAGES == []


def test_base_settings_refuse_a_front_cache_url_that_is_not_http(fresh_base, monkeypatch):
    monkeypatch.setenv("MUHABIR_FRONTEND_CACHE_URL", "127.0.0.1:8081")

    with pytest.raises(ImproperlyConfigured, match=r"^MUHABIR_FRONTEND_CACHE_URL:"):
        fresh_base()
