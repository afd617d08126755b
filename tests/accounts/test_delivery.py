"""Alert delivery: a webhook to a real HTTP server and e-mail to a real SMTP server,
both on 127.0.0.1, driven by `newsdesk alerts run`'s code path."""

from __future__ import annotations

import hashlib
import hmac
import json
import re
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Iterator

import pytest
from aiosmtpd.controller import Controller

from newsdesk.alerts.deliver import run_alerts
from newsdesk.models import Article, EntityMention
from newsdesk.sources.fetch import FetchError
from newsdesk.sources.webhook import post_json
from tests.cli.helpers import free_port


class Hook(ThreadingHTTPServer):
    def __init__(self, status: int = 204) -> None:
        self.bodies: list[dict] = []
        self.signatures: list[tuple[str | None, bytes]] = []
        self.status = status
        owner = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:  # noqa: N802
                length = int(self.headers.get("Content-Length", "0"))
                raw = self.rfile.read(length)
                owner.bodies.append(json.loads(raw))
                owner.signatures.append((self.headers.get("X-Newsdesk-Signature"), raw))
                self.send_response(owner.status)
                self.send_header("Content-Length", "0")
                self.end_headers()

            def log_message(self, *args: object) -> None:
                pass

        super().__init__(("127.0.0.1", 0), Handler)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}/hook"


@pytest.fixture
def hook() -> Iterator[Hook]:
    server = Hook()
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()


class Inbox:
    def __init__(self) -> None:
        self.messages: list[tuple[str, list[str], str]] = []

    async def handle_DATA(self, server, session, envelope):  # noqa: ANN001, ANN201, N802
        self.messages.append((envelope.mail_from, list(envelope.rcpt_tos), envelope.content.decode("utf-8", "replace")))
        return "250 OK"


@pytest.fixture
def smtp() -> Iterator[tuple[Controller, Inbox]]:
    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=free_port())
    controller.start()
    yield controller, inbox
    controller.stop()


def harbour_article(n: int) -> Article:
    return Article(url=f"https://e.example/{n}", outlet="Echo", title=f"Harbour news {n}", language="en",
                   text=f"The harbour master spoke for the {n}th time.", entities=[EntityMention("Harbour Master", "PERSON", 4, 17)])


def test_webhook_and_email_delivered_once(site, make_user, hook: Hook, smtp) -> None:
    controller, mail = smtp
    site.config.fetch.allow_private = ["127.0.0.1"]  # the test's servers live on loopback
    site.config.smtp.host, site.config.smtp.port = "127.0.0.1", controller.port
    alice = make_user("alice")
    assert alice.api("POST", "/api/follows", json={"kind": "entity", "target": "Harbour Master"}).status_code == 201
    page = alice.submit("/alerts", "/alerts/delivery", {"webhook_url": hook.url, "email": "alice@example.org"})
    assert page.status_code == 303
    first = site.store.save_article(harbour_article(1)).article_id

    report = run_alerts(site.store, site.config, "http://news.example")
    assert (report.matched, report.webhooks, report.emails, report.errors) == (1, 1, 1, [])
    body = hook.bodies[0]
    key = re.search(r'id="webhook-key">([0-9a-f]+)<', alice.client.get("/alerts").text).group(1)
    sent, raw = hook.signatures[0]
    assert sent == "sha256=" + hmac.new(key.encode(), raw, hashlib.sha256).hexdigest()
    assert body["version"] == "https://jsonfeed.org/version/1.1"
    assert [(i["title"], i["url"]) for i in body["items"]] == [("Harbour news 1", f"http://news.example/articles/{first}")]
    sender, recipients, message = mail.messages[0]
    assert recipients == ["alice@example.org"] and "Harbour news 1" in message and "Subject: newsdesk: 1 new article" in message

    again = run_alerts(site.store, site.config, "http://news.example")  # nothing new: nothing sent
    assert (again.webhooks, again.emails) == (0, 0) and len(hook.bodies) == 1

    hook.status = 500  # a failing webhook keeps the item for the next run
    site.store.save_article(harbour_article(2))
    failed = run_alerts(site.store, site.config, "http://news.example")
    assert failed.webhooks == 0 and "HTTP 500" in failed.errors[0]
    hook.status = 204
    retried = run_alerts(site.store, site.config, "http://news.example")
    assert retried.webhooks == 1 and [i["title"] for i in hook.bodies[-1]["items"]] == ["Harbour news 2"]


def test_webhook_ssrf_guard_and_limits(hook: Hook, site) -> None:
    config = site.config.fetch  # allow_private empty: loopback is refused
    with pytest.raises(FetchError, match="refused address"):
        post_json(hook.url, {"x": 1}, config)
    with pytest.raises(FetchError, match="unsupported URL scheme"):
        post_json("file:///etc/passwd", {}, config)
    config.allow_private = ["127.0.0.1"]
    with pytest.raises(FetchError, match="exceeds the 100-byte limit"):
        post_json(hook.url, {"x": "y" * 200}, config, max_bytes=100)
    assert post_json(hook.url, {"x": 1}, config) == 204 and hook.bodies == [{"x": 1}]


def test_webhook_that_never_answers_is_cut_off(site) -> None:
    import socket
    import time

    with socket.socket() as listener:  # accepts the connection, never says a word
        listener.bind(("127.0.0.1", 0))
        listener.listen(1)
        config = site.config.fetch
        config.allow_private = ["127.0.0.1"]
        started = time.monotonic()
        with pytest.raises(FetchError, match="webhook failed"):
            post_json(f"http://127.0.0.1:{listener.getsockname()[1]}/hook", {"x": 1}, config, timeout_s=1.0)
        assert time.monotonic() - started < 5
