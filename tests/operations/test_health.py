"""/healthz says which part of this app server is down, and stays cheap."""

import datetime as dt
from pathlib import Path
from unittest import mock

import pytest
from django.utils import timezone

from muhabir.operations import health
from muhabir.operations.models import JobHeartbeat

pytestmark = pytest.mark.django_db


def test_healthz_reports_every_component_up(client):
    response = client.get("/healthz")

    assert response.status_code == 200
    assert response.json() == {
        "status": "ok",
        "components": {"database": "ok", "cache": "ok", "media": "ok"},
        "overdue_jobs": [],
    }


def test_healthz_warns_but_stays_up_while_the_cache_is_down(client):
    def down():
        raise OSError("secret-host.internal:6379 refused the connection")

    with mock.patch.dict(health.COMPONENTS, {"cache": down}):
        response = client.get("/healthz")

    # Pages are served uncached meanwhile: the server must stay in the load balancer.
    assert response.status_code == 200
    assert response.json()["status"] == "warning"
    assert response.json()["components"]["cache"] == "down"
    assert "secret-host" not in response.content.decode()


@pytest.mark.parametrize("component", ["database", "media"])
def test_healthz_answers_503_and_names_the_component_that_is_down(client, component):
    def down():
        raise OSError("secret-host.internal:5432 refused the connection")

    with mock.patch.dict(health.COMPONENTS, {component: down}):
        response = client.get("/healthz")

    assert response.status_code == 503
    body = response.json()
    assert body["status"] == "error"
    assert body["components"][component] == "down"
    assert all(state == "ok" for name, state in body["components"].items() if name != component)
    # The reason goes to the log, not to whoever asks.
    assert "secret-host" not in response.content.decode()


def test_healthz_media_check_fails_on_a_read_only_media_folder(client, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "not-writable"
    Path(settings.MEDIA_ROOT).mkdir()
    with mock.patch("muhabir.operations.health.os.open", side_effect=OSError(28, "No space")):
        response = client.get("/healthz")

    assert response.status_code == 503
    assert response.json()["components"]["media"] == "down"
    assert list(Path(settings.MEDIA_ROOT).iterdir()) == []


def test_healthz_leaves_no_probe_file_behind(client, settings):
    client.get("/healthz")

    assert not [path for path in Path(settings.MEDIA_ROOT).iterdir() if ".healthz" in path.name]


def test_healthz_warns_of_an_overdue_job_but_stays_200(client):
    JobHeartbeat.objects.create(
        name="publish_scheduled", last_succeeded_at=timezone.now() - dt.timedelta(hours=2)
    )

    response = client.get("/healthz")

    assert response.status_code == 200
    assert response.json()["status"] == "warning"
    assert response.json()["overdue_jobs"] == ["publish_scheduled"]


def test_healthz_says_nothing_of_versions_or_settings(client, settings):
    text = client.get("/healthz").content.decode()

    import django
    import wagtail

    assert django.get_version() not in text
    assert wagtail.__version__ not in text
    assert str(settings.MEDIA_ROOT) not in text


def test_healthz_is_cheap_two_queries_whatever_the_jobs(client, django_assert_max_num_queries):
    for name in ("publish_scheduled", "ingest_feeds"):
        JobHeartbeat.objects.create(name=name, last_succeeded_at=timezone.now())

    with django_assert_max_num_queries(2):
        response = client.get("/healthz")

    assert response.status_code == 200


def test_healthz_is_never_cached(client):
    response = client.get("/healthz")

    assert "no-cache" in response["Cache-Control"] or "max-age=0" in response["Cache-Control"]
