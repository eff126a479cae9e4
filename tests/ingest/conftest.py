"""A real HTTP server on 127.0.0.1 that serves what each test tells it to, and feeds to serve."""

from __future__ import annotations

import io
import threading
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from PIL import Image as PillowImage

from tests.factories.ingest import FeedSourceFactory

RSS = "application/rss+xml; charset=utf-8"
ATOM = "application/atom+xml; charset=utf-8"


@dataclass
class Route:
    """What the server answers on one path.

    ``body`` may be a callable taking the request handler, for answers that depend on
    the request (conditional GETs) or that misbehave (slow, endless).
    """

    body: bytes | object = b""
    status: int = 200
    content_type: str = RSS
    headers: dict[str, str] = field(default_factory=dict)


class FeedServer:
    def __init__(self):
        self.routes: dict[str, Route] = {}
        self.requests: list[tuple[str, dict[str, str]]] = []
        self.release = threading.Event()
        server = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):
                server.requests.append((self.path, dict(self.headers.items())))
                route = server.routes.get(self.path)
                if route is None:
                    self.send_error(404)
                    return
                if callable(route.body):
                    route.body(self)
                    return
                self.send_response(route.status)
                self.send_header("Content-Type", route.content_type)
                self.send_header("Content-Length", str(len(route.body)))
                for name, value in route.headers.items():
                    self.send_header(name, value)
                self.end_headers()
                self.wfile.write(route.body)

            def log_message(self, format, *args):
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    def url(self, path: str) -> str:
        host, port = self.httpd.server_address[:2]
        return f"http://{host}:{port}{path}"

    def serve(self, path: str, body=b"", **kwargs) -> str:
        """Answer ``path`` with ``body``; returns its full URL."""
        if isinstance(body, str):
            body = body.encode()
        self.routes[path] = Route(body=body, **kwargs)
        return self.url(path)

    def requests_to(self, path: str) -> list[dict[str, str]]:
        return [headers for request_path, headers in self.requests if request_path == path]


@pytest.fixture
def feed_server(settings):
    # The server listens on loopback, which the fetch refuses unless allowed by name.
    settings.MUHABIR_FETCH_ALLOWED_PRIVATE_HOSTS = ["127.0.0.1"]
    server = FeedServer()
    server.thread.start()
    yield server
    # Handlers that wait for the release (a "slow server") end now, not at their timeout.
    server.release.set()
    server.httpd.shutdown()
    server.httpd.server_close()


@pytest.fixture
def make_source(sections):
    """A feed source filing into the first Turkish section, unless told otherwise."""

    def make(url: str, **kwargs):
        kwargs.setdefault("section", sections["tr"][0])
        return FeedSourceFactory(url=url, **kwargs)

    return make


def png_bytes(color: str = "teal") -> bytes:
    buffer = io.BytesIO()
    PillowImage.new("RGB", (40, 30), color).save(buffer, format="PNG")
    return buffer.getvalue()


def rss(*items: str, title: str = "Basın bültenleri") -> str:
    return (
        '<?xml version="1.0" encoding="utf-8"?>'
        '<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"'
        ' xmlns:media="http://search.yahoo.com/mrss/">'
        f"<channel><title>{title}</title><link>http://example.org/</link>"
        f"<description>Test</description>{''.join(items)}</channel></rss>"
    )


def rss_item(
    title: str,
    *,
    guid: str | None = None,
    link: str | None = None,
    description: str = "",
    content: str = "",
    date: str = "Tue, 19 Nov 2019 10:30:00 +0100",
    extra: str = "",
) -> str:
    parts = [f"<title>{title}</title>"]
    if guid is not None:
        parts.append(f'<guid isPermaLink="false">{guid}</guid>')
    if link is not None:
        parts.append(f"<link>{link}</link>")
    if description:
        parts.append(f"<description><![CDATA[{description}]]></description>")
    if content:
        parts.append(f"<content:encoded><![CDATA[{content}]]></content:encoded>")
    if date:
        parts.append(f"<pubDate>{date}</pubDate>")
    parts.append(extra)
    return f"<item>{''.join(parts)}</item>"


def atom(*entries: str) -> str:
    return (
        '<?xml version="1.0" encoding="utf-8"?>'
        '<feed xmlns="http://www.w3.org/2005/Atom"><title>Pressemitteilungen</title>'
        "<id>urn:uuid:feed</id><updated>2019-11-19T09:00:00Z</updated>"
        f'<link href="http://example.org/"/>{"".join(entries)}</feed>'
    )


def atom_entry(
    title: str, *, id: str, link: str, summary: str = "", content: str = "", updated: str = ""
) -> str:
    parts = [
        f"<title>{title}</title>",
        f"<id>{id}</id>",
        f'<link rel="alternate" href="{link}"/>',
        f"<updated>{updated or '2019-11-19T09:30:00Z'}</updated>",
    ]
    if summary:
        parts.append(f"<summary>{summary}</summary>")
    if content:
        parts.append(f'<content type="html"><![CDATA[{content}]]></content>')
    return f"<entry>{''.join(parts)}</entry>"
