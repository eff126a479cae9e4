"""Two app servers behind one proxy share PostgreSQL and Redis: an edit through one is
seen at once through the other, also by a reader whose pages come from the cache.

Both servers are gunicorn with deploy/gunicorn.conf.py and production settings, on
loopback ports, over a throwaway PostgreSQL database with the demo site and one Redis
database. An editor unpublishes an article in server A's admin; a new revision is
published from a third process (as the scheduled-publishing job on another machine
does); server B shows each change on the very next read.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import uuid
from concurrent.futures import ThreadPoolExecutor
from urllib.parse import urlsplit

import pytest
import requests

from deploy import loopback
from tests.servers import server_unreachable

pytestmark = [pytest.mark.postgres, pytest.mark.redis]

PASSWORD = "iki-sunucu-" + uuid.uuid4().hex
SECRET_KEY = "two-app-servers-" + uuid.uuid4().hex + uuid.uuid4().hex
ARTICLE_SLUG = "zonguldaklilar-gocun-59-yili-anisina-gece-duzenledi"
ARTICLE_PATH = f"/tr/dernekler/{ARTICLE_SLUG}/"
# A Redis database of its own, emptied before and after (the suite's cache tests use 15 and
# 14); the SQLite and the PostgreSQL runs of CI may reach this test at the same time.
REDIS_DB = 12 if os.environ.get("REDIS_URL") else 11


def _postgres_server() -> str:
    configured = os.environ.get("DATABASE_URL", "")
    if configured.startswith(("postgres://", "postgresql://")):
        parts = urlsplit(configured)
        return f"{parts.scheme}://{parts.netloc}"
    return "postgres://postgres@127.0.0.1:5432"


def _redis_url() -> str:
    configured = os.environ.get("REDIS_URL", "")
    netloc = urlsplit(configured).netloc if configured.startswith("redis") else "127.0.0.1:6379"
    return f"redis://{netloc}/{REDIS_DB}"


def _psql(server: str, sql: str, database: str = "postgres") -> str:
    result = subprocess.run(  # noqa: S603
        ["psql", f"{server}/{database}", "-XAtqc", sql],  # noqa: S607 - PostgreSQL's client
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    if result.returncode:
        raise ConnectionError(result.stderr.strip() or "psql failed")
    return result.stdout.strip()


def _manage(environ: dict[str, str], *arguments: str) -> str:
    result = subprocess.run(  # noqa: S603 - our own manage.py
        [sys.executable, "manage.py", *arguments],
        cwd=loopback.ROOT,
        env=environ,
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    return result.stdout


def _django(environ: dict[str, str], code: str) -> None:
    """Run ``code`` in one Django process (one start-up instead of one per command)."""
    _manage(environ, "shell", "-c", f"from django.core.management import call_command\n{code}")


@pytest.fixture(scope="module")
def servers(tmp_path_factory):
    """Servers A and B on one new database and one Redis database; yields their URLs."""
    import redis

    server = _postgres_server()
    database = f"test_two_servers_{uuid.uuid4().hex[:8]}"
    try:
        _psql(server, f'CREATE DATABASE "{database}"')
        # A throwaway database need not wait for the disk at each of the migrations' commits.
        _psql(server, f'ALTER DATABASE "{database}" SET synchronous_commit TO off')
    except (ConnectionError, FileNotFoundError) as error:
        server_unreachable("PostgreSQL", error)
    shared_cache = redis.Redis.from_url(_redis_url())
    try:
        shared_cache.flushdb()
    except redis.RedisError as error:
        _psql(server, f'DROP DATABASE "{database}"')
        server_unreachable("Redis", error)

    workdir = tmp_path_factory.mktemp("two-servers")
    environ = {
        **loopback.base_environment(),
        "DJANGO_SETTINGS_MODULE": "muhabir.settings.production",
        "SECRET_KEY": SECRET_KEY,
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "DATABASE_URL": f"{server}/{database}",
        "REDIS_URL": _redis_url(),
        "MEDIA_ROOT": str(workdir / "media"),
        "STATIC_ROOT": str(workdir / "static"),
        "MUHABIR_PAGE_CACHE": "true",
        "MUHABIR_2FA_REQUIRED_FOR_ADMINISTRATORS": "false",
        "MUHABIR_SSL_REDIRECT": "false",
        "MUHABIR_SECURE_COOKIES": "false",
        "MUHABIR_HSTS_SECONDS": "0",
    }
    processes = []
    try:
        # Static files (production's manifest) are collected while the database is built.
        with ThreadPoolExecutor(2) as pool:
            collected = pool.submit(_manage, environ, "collectstatic", "--no-input", "-v0")
            _django(
                environ,
                "call_command('migrate', verbosity=0)\n"
                f"call_command('load_demo_site', password={PASSWORD!r}, verbosity=0)\n",
            )
            collected.result()
        urls = {}
        for name in ("a", "b"):
            port = loopback.free_port()
            processes.append(loopback.gunicorn(port=port, workers=2, environ=environ))
            urls[name] = f"http://127.0.0.1:{port}"
        for process, url in zip(processes, urls.values(), strict=True):
            loopback.wait_for_http(f"{url}/healthz", process=process)
        yield {**urls, "environ": environ, "server": server, "database": database}
    finally:
        # Side by side: each server may take its time to stop, and the waits need not add up.
        with ThreadPoolExecutor(2) as pool:
            list(pool.map(loopback.stop_process, processes))
        shared_cache.flushdb()
        _psql(server, f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)')


def _admin_session(base: str) -> requests.Session:
    session = requests.Session()
    page = session.get(f"{base}/admin/login/", timeout=30)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text).group(1)
    answer = session.post(
        f"{base}/admin/login/",
        data={"username": "editor", "password": PASSWORD, "csrfmiddlewaretoken": token},
        timeout=30,
        allow_redirects=False,
    )
    assert answer.status_code == 302, answer.text[-2000:]
    return session


def _read(base: str, path: str) -> requests.Response:
    # A fresh client each time: an anonymous reader, no cookies.
    return requests.get(base + path, timeout=30)


def test_unpublishing_through_one_server_is_seen_at_once_through_the_other(servers):
    article = _read(servers["b"], ARTICLE_PATH)
    assert article.status_code == 200
    title = re.search(r"<h1[^>]*>\s*([^<]+?)\s*</h1>", article.text).group(1)
    # Readers of B have seen the article and its section, so both may be cached now.
    for _ in range(2):
        assert title in _read(servers["b"], "/tr/dernekler/").text
        assert _read(servers["b"], ARTICLE_PATH).status_code == 200

    editor = _admin_session(servers["a"])
    page_id = _psql(
        servers["server"],
        f"SELECT id FROM wagtailcore_page WHERE slug = '{ARTICLE_SLUG}'",  # noqa: S608 - constant
        servers["database"],
    )
    form = editor.get(f"{servers['a']}/admin/pages/{page_id}/unpublish/", timeout=30)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form.text).group(1)
    done = editor.post(
        f"{servers['a']}/admin/pages/{page_id}/unpublish/",
        data={"csrfmiddlewaretoken": token},
        timeout=30,
        allow_redirects=False,
    )
    assert done.status_code == 302

    for _ in range(2):
        assert _read(servers["b"], ARTICLE_PATH).status_code == 404
        assert title not in _read(servers["b"], "/tr/dernekler/").text


def test_a_revision_published_elsewhere_is_seen_at_once_through_both_servers(servers):
    path = "/de/gesellschaft/ein-starkes-signal-fuer-integration/"
    for base in (servers["a"], servers["b"]):
        for _ in range(2):
            assert "Neue Überschrift aus Köln" not in _read(base, path).text

    # As the scheduled-publishing job would, from a process on another machine.
    _django(
        servers["environ"],
        "from muhabir.newsroom.models import ArticlePage\n"
        "page = ArticlePage.objects.get(slug='ein-starkes-signal-fuer-integration')\n"
        "page.title = 'Neue Überschrift aus Köln'\n"
        "page.save_revision().publish()\n",
    )

    for base in (servers["b"], servers["a"], servers["b"]):
        answer = _read(base, path)
        assert answer.status_code == 200
        assert "Neue Überschrift aus Köln" in answer.text
    assert "Neue Überschrift aus Köln" in _read(servers["b"], "/de/").text
