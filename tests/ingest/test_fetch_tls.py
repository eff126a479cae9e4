"""Over HTTPS, the checked address is connected to while TLS still verifies the host name."""

from __future__ import annotations

import shutil
import socket
import ssl
import subprocess
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from muhabir.ingest import fetching
from muhabir.ingest.fetching import FetchError, fetch
from muhabir.ingest.models import FailureReason

HOST = "press.intranet.example"


@pytest.fixture
def certificate(tmp_path):
    openssl = shutil.which("openssl")
    if openssl is None:
        pytest.skip("openssl is needed to make a test certificate")
    key, cert = tmp_path / "key.pem", tmp_path / "cert.pem"
    subprocess.run(  # noqa: S603 - fixed arguments, a test certificate
        [
            openssl, "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
            "-keyout", str(key), "-out", str(cert), "-subj", f"/CN={HOST}",
            "-addext", f"subjectAltName=DNS:{HOST}",
        ],
        check=True,
        capture_output=True,
    )  # fmt: skip
    return key, cert


@pytest.fixture
def tls_server(certificate):
    key, cert = certificate
    seen = {"sni": [], "host": []}

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):
            seen["host"].append(self.headers["Host"])
            body = b"<rss/>"
            self.send_response(200)
            self.send_header("Content-Type", "application/rss+xml")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, format, *args):
            pass

    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert, key)
    context.sni_callback = lambda sock, name, ctx: seen["sni"].append(name)
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    httpd.daemon_threads = True
    httpd.socket = context.wrap_socket(httpd.socket, server_side=True)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield httpd.server_address[1], cert, seen
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture
def intranet(settings, monkeypatch, tls_server):
    """Two allowed intranet names on the test server; the client trusts its certificate."""
    _port, cert, _seen = tls_server
    settings.MUHABIR_FETCH_ALLOWED_PRIVATE_HOSTS = [HOST, "other.intranet.example"]
    real_getaddrinfo = socket.getaddrinfo

    def getaddrinfo(host, *args, **kwargs):
        if host.endswith(".intranet.example"):
            host = "127.0.0.1"
        return real_getaddrinfo(host, *args, **kwargs)

    monkeypatch.setattr(socket, "getaddrinfo", getaddrinfo)
    (handler,) = [
        h for h in fetching._opener.handlers if isinstance(h, fetching._CheckedHTTPSHandler)
    ]
    monkeypatch.setattr(handler, "_context", ssl.create_default_context(cafile=str(cert)))
    return tls_server


def test_https_sends_the_host_name_for_sni_and_in_the_host_header(intranet):
    port, _cert, seen = intranet

    response = fetch(f"https://{HOST}:{port}/feed.xml")

    assert response.body == b"<rss/>"
    assert seen["sni"] == [HOST]
    assert seen["host"] == [f"{HOST}:{port}"]


def test_https_certificate_must_name_the_host_of_the_address(intranet):
    port, _cert, seen = intranet

    with pytest.raises(FetchError) as caught:
        fetch(f"https://other.intranet.example:{port}/feed.xml")

    assert caught.value.reason == FailureReason.NETWORK
    assert "certificate" in caught.value.detail.lower() or "hostname" in caught.value.detail
    assert seen["host"] == []
