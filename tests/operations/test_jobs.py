"""Periodic jobs record their runs; the dashboard warns those who publish when one is late."""

import datetime as dt
import io

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from muhabir.operations.jobs import job_statuses, overdue_jobs, record_job_run
from muhabir.operations.models import JobHeartbeat

pytestmark = pytest.mark.django_db


def _ago(**delta) -> dt.datetime:
    return timezone.now() - dt.timedelta(**delta)


def test_a_successful_run_records_start_and_success():
    with record_job_run("publish_scheduled"):
        pass

    row = JobHeartbeat.objects.get(name="publish_scheduled")
    assert row.last_started_at is not None
    assert row.last_succeeded_at >= row.last_started_at
    assert row.last_failed_at is None


def test_a_failing_run_records_the_failure_and_raises_again():
    with pytest.raises(RuntimeError, match="feed server gone"), record_job_run("ingest_feeds"):
        raise RuntimeError("feed server gone")

    row = JobHeartbeat.objects.get(name="ingest_feeds")
    assert row.last_failed_at is not None
    assert row.last_succeeded_at is None
    assert row.last_message == "RuntimeError: feed server gone"


def test_publish_scheduled_command_records_its_run_but_not_a_dry_run():
    call_command("publish_scheduled", dryrun=True, stdout=io.StringIO())
    assert not JobHeartbeat.objects.exists()

    call_command("publish_scheduled", stdout=io.StringIO())

    assert JobHeartbeat.objects.get(name="publish_scheduled").last_succeeded_at is not None


def test_ingest_feeds_command_records_a_refused_run_as_failed():
    with pytest.raises(CommandError):
        call_command("ingest_feeds", source=[987654], stdout=io.StringIO())

    row = JobHeartbeat.objects.get(name="ingest_feeds")
    assert row.last_failed_at is not None
    assert "987654" in row.last_message


def test_a_job_that_never_ran_and_is_not_expected_is_not_watched(settings):
    settings.MUHABIR_EXPECTED_JOBS = []

    assert job_statuses() == []


def test_a_job_is_overdue_after_its_configured_minutes(settings):
    settings.MUHABIR_JOB_OVERDUE_MINUTES = {"publish_scheduled": 15, "ingest_feeds": 180}
    JobHeartbeat.objects.create(name="publish_scheduled", last_succeeded_at=_ago(minutes=16))
    JobHeartbeat.objects.create(name="ingest_feeds", last_succeeded_at=_ago(minutes=170))

    assert [status.name for status in overdue_jobs()] == ["publish_scheduled"]


def test_zero_minutes_stops_watching_a_job(settings):
    settings.MUHABIR_JOB_OVERDUE_MINUTES = {"publish_scheduled": 0, "ingest_feeds": 180}
    JobHeartbeat.objects.create(name="publish_scheduled", last_succeeded_at=_ago(days=3))

    assert overdue_jobs() == []


def test_an_expected_job_that_never_runs_becomes_overdue(settings):
    settings.MUHABIR_EXPECTED_JOBS = ["ingest_feeds"]
    settings.MUHABIR_JOB_OVERDUE_MINUTES = {"publish_scheduled": 15, "ingest_feeds": 180}

    assert overdue_jobs() == []
    JobHeartbeat.objects.filter(name="ingest_feeds").update(created_at=_ago(hours=4))

    assert [status.name for status in overdue_jobs()] == ["ingest_feeds"]


def test_a_job_failing_every_time_becomes_overdue(settings):
    settings.MUHABIR_JOB_OVERDUE_MINUTES = {"publish_scheduled": 15, "ingest_feeds": 180}
    JobHeartbeat.objects.create(
        name="publish_scheduled",
        last_succeeded_at=_ago(hours=1),
        last_failed_at=_ago(minutes=1),
        last_message="OperationalError: database is locked",
    )

    assert [status.last_message for status in overdue_jobs()] == [
        "OperationalError: database is locked"
    ]


@pytest.mark.parametrize("role_client", ["editor_client", "administrator_client"], indirect=True)
def test_dashboard_warns_those_who_publish_of_an_overdue_job(role_client, sections):
    JobHeartbeat.objects.create(name="publish_scheduled", last_succeeded_at=_ago(hours=2))

    response = role_client.get("/admin/")

    content = response.content.decode()
    assert 'id="jobs-overdue' in content
    assert "publish_scheduled" in content


def test_dashboard_shows_no_job_warning_to_reporters(reporter_client, sections):
    JobHeartbeat.objects.create(name="publish_scheduled", last_succeeded_at=_ago(hours=2))

    response = reporter_client.get("/admin/")

    assert 'id="jobs-overdue' not in response.content.decode()


def test_dashboard_shows_no_job_warning_when_jobs_are_on_time(editor_client, sections):
    JobHeartbeat.objects.create(name="publish_scheduled", last_succeeded_at=_ago(minutes=3))

    response = editor_client.get("/admin/")

    assert 'id="jobs-overdue' not in response.content.decode()
