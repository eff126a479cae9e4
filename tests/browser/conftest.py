"""Chromium through Playwright's sync API against pytest-django's ``live_server``.

Every test gets fresh pages from ``open_page``; at teardown a failing test leaves a
screenshot per page under data/test-results/, and any request to a host other than
the live server fails the test.
"""

from __future__ import annotations

import os
import re
import threading
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.servers.basehttp import ThreadedWSGIServer
from django.db import connections
from django.test.testcases import LiveServerThread
from wagtail.models import Site
from wagtail.users.models import UserProfile

from muhabir.demo import services as demo_services
from muhabir.home.models import HomePage
from muhabir.newsroom.roles import ROLES
from tests.demo_snapshot import DemoSnapshot

# Playwright's sync API keeps an event loop in this thread; Django refuses ORM calls
# next to a running loop unless told that this is safe (it is: one thread, no awaits).
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
]
RESULTS = settings.BASE_DIR / "data" / "test-results"
PASSWORD = "gizli-şifre-2019"
TIMEOUT_MS = 15_000


class OneRequestAtATimeOnInMemorySQLite(ThreadedWSGIServer):
    """The live server, answering one request at a time when the database is in memory.

    In-memory SQLite is one connection, which the server's threads share with the test.
    Chromium asks for several things at once (a page and Wagtail's editing-session ping,
    say), and two requests' transactions on one connection break each other: "cannot
    start a transaction within a transaction", a 400 for the page. On PostgreSQL each
    thread has its own connection, and requests run side by side as in production.
    """

    def set_app(self, application):
        overrides = (getattr(self, "connections_override", None) or {}).values()
        if not any(conn.vendor == "sqlite" and conn.is_in_memory_db() for conn in overrides):
            super().set_app(application)
            return
        lock = threading.Lock()

        def one_at_a_time(environ, start_response):
            with lock:
                response = application(environ, start_response)
                try:
                    return list(response)
                finally:
                    # Django ends the request (request_finished) when the body is closed.
                    close = getattr(response, "close", None)
                    if close is not None:
                        close()

        super().set_app(one_at_a_time)


LiveServerThread.server_class = OneRequestAtATimeOnInMemorySQLite


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    """Keep each phase's report on the item, so fixtures can tell whether the test failed."""
    outcome = yield
    report = outcome.get_result()
    setattr(item, f"report_{report.when}", report)


@pytest.fixture(scope="session")
def browser(django_db_setup):
    if not CHROMIUM.exists():
        message = f"Chromium is not installed at {CHROMIUM}; run scripts/ensure-chromium"
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    snapshots = {
        alias: getattr(connections[alias], "_test_serialized_contents", None)
        for alias in connections
    }
    with sync_playwright() as playwright:
        # Between its calls Playwright marks an event loop as running in this thread, so
        # Django hands out other connection objects from here on (asgiref's Local keeps
        # them per context then). Those lack the snapshot of the migrated database that
        # serialized_rollback restores after each flush: without it the second browser
        # test of a run that set up the database earlier finds no home pages.
        for alias, snapshot in snapshots.items():
            if snapshot is not None:
                connections[alias]._test_serialized_contents = snapshot
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def open_page(browser, live_server, request):
    """Open a page in a new browser context: ``open_page(javascript=False)``.

    Contexts default to a Turkish browser, like most of the newsroom's readers.
    """
    own_host = urlsplit(live_server.url).netloc
    foreign: list[str] = []
    refused: list[str] = []
    opened = []

    def console(message) -> None:
        # What the Content-Security-Policy blocked: a script, style or frame the page
        # needs, or markup that tried to run code.
        if "Content Security Policy" in message.text:
            refused.append(message.text)

    def watch(req) -> None:
        parts = urlsplit(req.url)
        if parts.scheme in ("http", "https", "ws", "wss") and parts.netloc != own_host:
            foreign.append(req.url)

    def open_(*, javascript: bool = True, locale: str = "tr-TR"):
        context = browser.new_context(
            base_url=live_server.url,
            java_script_enabled=javascript,
            locale=locale,
            viewport={"width": 1280, "height": 900},
        )
        context.set_default_timeout(TIMEOUT_MS)
        page = context.new_page()
        page.on("request", watch)
        page.on("console", console)
        opened.append((context, page))
        return page

    yield open_

    # Let each page finish loading, so requests its markup asks for are seen.
    for _context, page in opened:
        if not page.is_closed():
            page.wait_for_load_state("load")
    report = getattr(request.node, "report_call", None)
    if report is not None and report.failed:
        RESULTS.mkdir(parents=True, exist_ok=True)
        name = re.sub(r"[^\w.-]+", "_", request.node.name)
        for number, (_context, page) in enumerate(opened, start=1):
            if not page.is_closed():
                page.screenshot(path=RESULTS / f"{name}-{number}.png", full_page=True)
    for context, _page in opened:
        context.close()
    _finish_requests(live_server)
    assert not foreign, f"requests to hosts other than {own_host}: {foreign}"
    assert not refused, f"refused by the Content-Security-Policy: {refused}"


def _finish_requests(live_server, timeout: float = 15.0) -> None:
    """Wait until the live server has answered every request it started.

    On in-memory SQLite the server's threads share the test's connection. A request still
    running when the test ends (an image or script asked for after ``load``) would use it
    while pytest-django empties the database, and the flush fails.
    """
    server = getattr(live_server.thread, "httpd", None)
    for thread in list(getattr(server, "_threads", None) or ()):
        thread.join(timeout)


@pytest.fixture
def page(open_page):
    return open_page()


@pytest.fixture(scope="session")
def demo_snapshot(tmp_path_factory):
    return DemoSnapshot(tmp_path_factory.mktemp("demo-snapshot"))


@pytest.fixture
def demo_site(monkeypatch, tmp_path, settings, demo_snapshot):
    """The demo site built by the project's own loader: sections, seed stories, users.

    ``live_server`` needs a transactional database, which is emptied after each test;
    ``serialized_rollback`` brings back what the migrations made, checked here first.
    The first test loads the demo site; later ones get a copy of what it made
    (``tests.demo_snapshot``).
    """
    assert HomePage.objects.filter(slug="anasayfa", locale__language_code="tr").exists(), (
        "the Turkish home page of migration home/0002 is missing: "
        "mark the test django_db(transaction=True, serialized_rollback=True)"
    )
    assert HomePage.objects.filter(slug="startseite", locale__language_code="de").exists()
    assert Group.objects.filter(name__in=ROLES).count() == len(ROLES)
    assert Site.objects.filter(is_default_site=True).exists()
    # The loader keeps the demo password under data/; a test has no business there.
    monkeypatch.setattr(demo_services, "_password_file", lambda: tmp_path / "demo-password")
    return demo_snapshot.demo_site(password=PASSWORD, media_root=settings.MEDIA_ROOT)


@pytest.fixture
def english_admin(demo_site):
    """The demo users see the admin in English, so tests can find its labels."""
    for user in get_user_model().objects.all():
        profile = UserProfile.get_for_user(user)
        profile.preferred_language = "en"
        profile.save(update_fields=["preferred_language"])
