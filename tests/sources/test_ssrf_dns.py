"""SSRF through DNS and redirects: names that resolve to private addresses are refused.

DNS is the system's seam (`Fetcher(resolver=...)`): a table answers the test's own
names and every other name goes to the system resolver, so `localhost` is real DNS.
The page server is reached as `news.test` (allow-listed by name); every refused hop
is checked to have sent nothing."""

from __future__ import annotations

import pytest

from newsdesk.sources import Fetcher, FetchError
from newsdesk.sources.ssrf import system_resolver
from tests.sources.conftest import make_config

TABLE = {
    "news.test": ["127.0.0.1"],
    "metadata.evil.test": ["169.254.169.254"],
    "rebind.evil.test": ["93.184.216.34", "127.0.0.1"],  # one public answer, one private
    "v6.evil.test": ["::1"],
    "mapped.evil.test": ["::ffff:169.254.169.254"],
}


def resolver(host: str, port: int) -> list[str]:
    return TABLE[host] if host in TABLE else system_resolver(host, port)


@pytest.fixture
def named_fetcher():
    with Fetcher(make_config(allow_private=["news.test"]), resolver=resolver) as fetcher:
        yield fetcher


def test_allow_listed_name_is_fetched_at_its_resolved_address(local_server, named_fetcher):
    local_server.add("/a.html", "<p>a</p>")
    url = f"http://news.test:{local_server.port}/a.html"
    assert named_fetcher.fetch(url).content == b"<p>a</p>"
    assert local_server.hits("/a.html")[0].headers["host"] == f"news.test:{local_server.port}"


@pytest.mark.parametrize(
    ("name", "refusal"),
    [
        ("metadata.evil.test", "refused: metadata.evil.test resolves to private address 169.254.169.254"),
        ("rebind.evil.test", "refused: rebind.evil.test resolves to private address 127.0.0.1"),
        ("v6.evil.test", "refused: v6.evil.test resolves to private address ::1"),
        ("mapped.evil.test", "refused: mapped.evil.test resolves to private address ::ffff:a9fe:a9fe"),
        ("localhost", "refused: localhost resolves to private address"),
    ],
)
def test_names_resolving_to_private_addresses_are_refused(named_fetcher, name, refusal):
    url = f"http://{name}/latest/meta-data/"
    with pytest.raises(FetchError) as err:
        named_fetcher.fetch(url)
    assert str(err.value).startswith(f"{url}: {refusal}")


@pytest.mark.parametrize(
    ("target", "refusal"),
    [
        ("http://127.0.0.1:{port}/secret", "refused: private address 127.0.0.1"),
        ("http://169.254.169.254/latest/meta-data/", "refused: private address 169.254.169.254"),
        ("http://[::1]:{port}/secret", "refused: private address ::1"),
        ("http://localhost:{port}/secret", "refused: localhost resolves to private address"),
        ("http://metadata.evil.test/latest/meta-data/",
         "refused: metadata.evil.test resolves to private address 169.254.169.254"),
    ],
)
def test_redirect_to_a_private_address_is_refused_before_any_request(local_server, named_fetcher, target, refusal):
    target = target.format(port=local_server.port)
    local_server.add("/secret", "<p>internal admin page</p>")
    local_server.add_redirect("/go", target)
    url = f"http://news.test:{local_server.port}/go"
    with pytest.raises(FetchError) as err:
        named_fetcher.fetch(url)
    message = str(err.value)
    assert message.startswith(f"{url}: {refusal}") and message.endswith(f"(redirected to {target})")
    assert "\n" not in message
    assert local_server.hits("/secret") == []


def test_unresolvable_name_is_one_line(named_fetcher):
    url = "http://no-such-host.invalid/x"
    with pytest.raises(FetchError) as err:
        named_fetcher.fetch(url)
    assert str(err.value).startswith(f"{url}: cannot resolve host no-such-host.invalid")
    assert "\n" not in str(err.value)


def test_resolver_answering_garbage_is_refused():
    with Fetcher(make_config(), resolver=lambda host, port: ["not-an-ip"]) as fetcher:
        with pytest.raises(FetchError, match="cannot resolve host odd.test: bad address 'not-an-ip'"):
            fetcher.fetch("http://odd.test/")
