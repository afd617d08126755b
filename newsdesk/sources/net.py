"""The socket layer under httpx: SSRF-checked connects and a per-fetch deadline.

httpx's own timeouts bound each connect and each read, but a server that
trickles one byte per second (headers included) never trips a read timeout.
Every read here is bounded by what is left of the current fetch's wall-clock
deadline, set per thread by `deadline()`. Connections go to the address the
guard checked, never to a second DNS answer.
"""

from __future__ import annotations

import socket
import ssl
import threading
import time
import typing
from contextlib import contextmanager
from typing import Iterator

import httpcore
from httpcore._backends.sync import SyncStream  # the stdlib-socket stream httpcore itself uses
import httpx

from newsdesk.sources.ssrf import AddressGuard

_local = threading.local()


class DeadlineExceeded(Exception):
    """The whole fetch took longer than its wall-clock budget."""


@contextmanager
def deadline(seconds: float) -> Iterator[None]:
    previous = getattr(_local, "deadline", None)
    _local.deadline = time.monotonic() + seconds
    try:
        yield
    finally:
        _local.deadline = previous


def _bounded(timeout: float | None) -> float | None:
    end = getattr(_local, "deadline", None)
    if end is None:
        return timeout
    left = end - time.monotonic()
    if left <= 0:
        raise DeadlineExceeded("overall deadline exceeded")
    return left if timeout is None else min(timeout, left)


class _DeadlineStream(httpcore.NetworkStream):
    def __init__(self, inner: httpcore.NetworkStream) -> None:
        self._inner = inner

    def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
        return self._inner.read(max_bytes, _bounded(timeout))

    def write(self, buffer: bytes, timeout: float | None = None) -> None:
        self._inner.write(buffer, _bounded(timeout))

    def close(self) -> None:
        self._inner.close()

    def start_tls(self, ssl_context, server_hostname=None, timeout=None):  # type: ignore[no-untyped-def]
        return _DeadlineStream(self._inner.start_tls(ssl_context, server_hostname, _bounded(timeout)))

    def get_extra_info(self, info: str) -> typing.Any:
        return self._inner.get_extra_info(info)


class GuardedBackend(httpcore.NetworkBackend):
    """Resolves with the guard and connects only to an address it accepted."""

    def __init__(self, guard: AddressGuard) -> None:
        self.guard = guard

    def connect_tcp(self, host, port, timeout=None, local_address=None, socket_options=None):  # type: ignore[no-untyped-def]
        addresses = self.guard.resolve(host, port)
        last: OSError | None = None
        for address in addresses:
            try:
                sock = socket.create_connection((address, port), _bounded(timeout))
            except socket.timeout as exc:
                raise httpcore.ConnectTimeout(str(exc) or "connect timed out") from exc
            except OSError as exc:
                last = exc
                continue
            sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
            for option in socket_options or []:
                sock.setsockopt(*option)
            return _DeadlineStream(SyncStream(sock))
        raise httpcore.ConnectError(str(last) if last else f"cannot connect to {host}")

    def connect_unix_socket(self, path, timeout=None, socket_options=None):  # type: ignore[no-untyped-def]
        raise httpcore.ConnectError("unix sockets are not fetched")

    def sleep(self, seconds: float) -> None:
        time.sleep(seconds)


def guarded_transport(guard: AddressGuard, *, verify: ssl.SSLContext | bool = True) -> httpx.HTTPTransport:
    """An httpx transport whose connections go through `GuardedBackend` (no proxies)."""
    transport = httpx.HTTPTransport(verify=verify)
    # httpx has no public hook for the network backend; swap the pool for one built on ours.
    ssl_context = transport._pool._ssl_context  # noqa: SLF001
    transport._pool = httpcore.ConnectionPool(  # noqa: SLF001
        ssl_context=ssl_context,
        max_connections=20,
        max_keepalive_connections=10,
        keepalive_expiry=5.0,
        http1=True,
        http2=False,
        network_backend=GuardedBackend(guard),
    )
    return transport
