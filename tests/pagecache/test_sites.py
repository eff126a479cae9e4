"""Each worker knows the site of a host name without a query, and forgets it on a change."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from wagtail.models import Site

from muhabir.pagecache import sites

pytestmark = pytest.mark.django_db


def _site_queries(queries) -> int:
    # Wagtail's lookup ranks the sites matching the host name with a CASE.
    return sum(
        'FROM "wagtailcore_site"' in query["sql"] and "CASE WHEN" in query["sql"]
        for query in queries
    )


def test_the_site_of_a_host_is_looked_up_once(home_tr):
    with CaptureQueriesContext(connection) as first:
        Client().get("/robots.txt")
    with CaptureQueriesContext(connection) as second:
        request = Client().get("/robots.txt").wsgi_request

    assert _site_queries(first.captured_queries) == 1
    assert _site_queries(second.captured_queries) == 0
    assert request._wagtail_site == Site.objects.get(is_default_site=True)


def test_a_renamed_site_and_a_new_site_are_seen_at_the_next_request(home_tr, home_de, rf):
    default = Site.objects.get(is_default_site=True)
    assert sites.site_for_request(rf.get("/", HTTP_HOST="haber.example")) == default

    other = Site.objects.create(hostname="haber.example", root_page=home_de)

    assert sites.site_for_request(rf.get("/", HTTP_HOST="haber.example")) == other
    other.hostname = "nachrichten.example"
    other.save()
    assert sites.site_for_request(rf.get("/", HTTP_HOST="haber.example")) == default
    assert sites.site_for_request(rf.get("/", HTTP_HOST="nachrichten.example")) == other


def test_every_caller_gets_its_own_copy(home_tr, rf):
    first = sites.site_for_request(rf.get("/"))
    first.root_page.title = "Changed by one request only"

    second = sites.site_for_request(rf.get("/"))

    assert second == first
    assert second is not first
    assert second.root_page.title != "Changed by one request only"
