"""HTTPS through the guarded transport: certificate and host name checked, bad certificates not retried."""

from __future__ import annotations

import shutil
import ssl
import subprocess

import pytest

from newsdesk.sources import Fetcher, FetchError
from tests.httpserver import LocalServer
from tests.sources.conftest import make_config


@pytest.fixture(scope="module")
def certificate(tmp_path_factory):
    if shutil.which("openssl") is None:
        pytest.skip("openssl command not available to make a test certificate")
    folder = tmp_path_factory.mktemp("tls")
    cert, key = folder / "cert.pem", folder / "key.pem"
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=localhost",
         "-addext", "subjectAltName=DNS:localhost", "-keyout", str(key), "-out", str(cert)],
        check=True, capture_output=True,
    )
    return cert, key


def test_https_with_sni_and_verification(certificate):
    cert, key = certificate
    server_ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    server_ctx.load_cert_chain(cert, key)
    client_ctx = ssl.create_default_context(cafile=str(cert))
    with LocalServer(tls=server_ctx) as srv:
        url = srv.add("/a.html", "<p>secure</p>").replace("127.0.0.1", "localhost")
        with Fetcher(make_config(allow_private=["localhost"]), verify=client_ctx) as fetcher:
            assert fetcher.fetch(url).content == b"<p>secure</p>"
        with Fetcher(make_config(allow_private=["localhost"])) as fetcher, pytest.raises(FetchError) as err:
            fetcher.fetch(url)  # the test CA is not trusted by default
        assert str(err.value).startswith(f"{url}: TLS error") and "(after" not in str(err.value)
        # the certificate names localhost, not 127.0.0.1: host name checking is on
        with Fetcher(make_config(), verify=client_ctx) as fetcher, pytest.raises(FetchError, match="TLS error"):
            fetcher.fetch(srv.url("/a.html"))
