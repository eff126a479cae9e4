"""Request ids, one JSON line per request and per job, and errors a reader can quote."""

import io
import json
import logging

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.test import Client
from django.urls import path

from muhabir.operations.jobs import record_job_run
from muhabir.operations.logging import JsonFormatter, RequestIdFilter, TextFormatter
from muhabir.operations.middleware import request_id_choose
from muhabir.settings import env
from muhabir.urls import urlpatterns as site_urlpatterns

pytestmark = pytest.mark.django_db


def _boom(request):
    raise RuntimeError("the printing press jammed")


def _log_warning(request):
    from django.http import HttpResponse

    logging.getLogger("muhabir.tests").warning("a warning inside a request")
    return HttpResponse("ok")


urlpatterns = [
    path("boom/", _boom),
    path("warn/", _log_warning),
    *site_urlpatterns,
]
handler500 = "muhabir.operations.views.server_error"


@pytest.fixture
def json_log():
    """Capture what the console handler would print, in the JSON format."""
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.addFilter(RequestIdFilter())
    handler.setFormatter(JsonFormatter())
    loggers = [logging.getLogger(name) for name in ("muhabir.requests", "muhabir.jobs")]
    levels = [logger.level for logger in loggers]
    root = logging.getLogger()
    root.addHandler(handler)
    for logger in loggers:
        logger.setLevel(logging.INFO)
    yield lambda: [json.loads(line) for line in stream.getvalue().splitlines()]
    root.removeHandler(handler)
    for logger, level in zip(loggers, levels, strict=True):
        logger.setLevel(level)


def test_every_response_carries_a_generated_request_id(client):
    first = client.get("/healthz")["X-Request-ID"]
    second = client.get("/healthz")["X-Request-ID"]

    assert len(first) == 32 and first != second


def test_a_sane_incoming_request_id_is_kept(client):
    response = client.get("/healthz", HTTP_X_REQUEST_ID="3f2b6c1e-9a7d-4c1e-8f00-1234567890ab")

    assert response["X-Request-ID"] == "3f2b6c1e-9a7d-4c1e-8f00-1234567890ab"


@pytest.mark.parametrize(
    "incoming",
    ["", "short", "x" * 200, "has space inside it", 'quote"injection-here', "line\nbreak-123456"],
)
def test_an_insane_incoming_request_id_is_replaced(incoming):
    chosen = request_id_choose(incoming)

    assert chosen != incoming
    assert len(chosen) == 32


def test_json_log_has_one_line_per_request_with_its_fields(client, json_log, editor):
    client.force_login(editor)
    response = client.get("/healthz?q=secret-search-words", HTTP_ACCEPT_LANGUAGE="de")

    lines = [line for line in json_log() if line["logger"] == "muhabir.requests"]
    assert len(lines) == 1
    line = lines[0]
    assert line["method"] == "GET"
    assert line["path"] == "/healthz"
    assert line["status"] == 200
    assert isinstance(line["duration_ms"], float)
    assert line["request_id"] == response["X-Request-ID"]
    assert line["user_id"] == editor.pk
    assert "secret-search-words" not in json.dumps(line)


def test_json_log_of_an_anonymous_request_has_no_user(client, json_log):
    client.get("/tr/")

    line = next(line for line in json_log() if line["logger"] == "muhabir.requests")
    assert line["user_id"] is None
    assert line["language"] == "tr"


@pytest.mark.urls("tests.operations.test_logging")
def test_records_logged_inside_a_request_carry_its_id(client, json_log):
    response = client.get("/warn/")

    warning = next(line for line in json_log() if line["logger"] == "muhabir.tests")
    assert warning["request_id"] == response["X-Request-ID"]


@pytest.mark.urls("tests.operations.test_logging")
def test_an_error_is_logged_with_the_request_id_that_the_500_page_shows(json_log):
    client = Client(raise_request_exception=False)

    response = client.get("/boom/")

    assert response.status_code == 500
    request_id = response["X-Request-ID"]
    assert request_id in response.content.decode()
    error = next(line for line in json_log() if line["level"] == "ERROR")
    assert error["request_id"] == request_id
    assert "the printing press jammed" in error["exception"]


def test_a_job_run_is_one_json_line(json_log):
    with record_job_run("publish_scheduled"):
        pass

    line = next(line for line in json_log() if line["logger"] == "muhabir.jobs")
    assert line["job"] == "publish_scheduled"
    assert line["status"] == "succeeded"
    assert line["request_id"] is None


def test_text_format_appends_the_request_id_only_when_there_is_one():
    record = logging.LogRecord("muhabir", logging.WARNING, "", 0, "disk nearly full", (), None)
    record.request_id = None
    assert TextFormatter().format(record) == "WARNING muhabir: disk nearly full"

    record.request_id = "abc123def456"
    expected = "WARNING muhabir: disk nearly full [request abc123def456]"
    assert TextFormatter().format(record) == expected


def test_log_format_setting_accepts_text_and_json_in_any_case():
    assert env.choice("MUHABIR_LOG_FORMAT", "text", ["text", "json"], environ={}) == "text"
    assert (
        env.choice("MUHABIR_LOG_FORMAT", "text", ["text", "json"], {"MUHABIR_LOG_FORMAT": "JSON"})
        == "json"
    )


def test_log_format_setting_names_itself_on_a_bad_value():
    message = r"^MUHABIR_LOG_FORMAT: expected one of text, json"
    with pytest.raises(ImproperlyConfigured, match=message):
        env.choice("MUHABIR_LOG_FORMAT", "text", ["text", "json"], {"MUHABIR_LOG_FORMAT": "xml"})


def test_expected_jobs_setting_refuses_an_unknown_job():
    with pytest.raises(ImproperlyConfigured, match=r"^MUHABIR_EXPECTED_JOBS: unknown 'publish'"):
        env.choice_list(
            "MUHABIR_EXPECTED_JOBS",
            [],
            ["publish_scheduled", "ingest_feeds"],
            {"MUHABIR_EXPECTED_JOBS": "publish, ingest_feeds"},
        )
