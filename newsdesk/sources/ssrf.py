"""The SSRF guard: which network addresses a fetch may connect to.

A host is resolved once, every address is checked, and the connection is made
to a checked address (see `net.GuardedBackend`), so a DNS answer that changes
between the check and the connect (DNS rebinding) cannot slip a private
address past the guard.
"""

from __future__ import annotations

import ipaddress
import socket
from dataclasses import dataclass, field
from typing import Callable

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address


# host, port -> the IP addresses the name stands for (the DNS seam: tests and split-horizon
# setups give their own; the default asks the system resolver)
Resolver = Callable[[str, int], list[str]]


def system_resolver(host: str, port: int) -> list[str]:
    return [info[4][0] for info in socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)]


class RefusedAddress(Exception):
    """The host resolves to an address the guard refuses (or does not resolve)."""


def _forbidden(ip: IPAddress) -> bool:
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    return (
        ip.is_private
        or ip.is_loopback
        or ip.is_link_local
        or ip.is_reserved
        or ip.is_multicast
        or ip.is_unspecified
        or not ip.is_global
    )


@dataclass
class AddressGuard:
    """Refuses private, loopback, link-local, reserved and multicast addresses.

    `allow` entries are host names ("intranet.local"), IPs ("127.0.0.1") or
    networks ("10.0.0.0/8"); a host or address matching one is let through.
    """

    allow: list[str] = field(default_factory=list)
    resolver: Resolver = system_resolver

    def __post_init__(self) -> None:
        self._hosts: set[str] = set()
        self._nets: list[ipaddress.IPv4Network | ipaddress.IPv6Network] = []
        for entry in self.allow:
            entry = entry.strip().lower()
            if not entry:
                continue
            try:
                self._nets.append(ipaddress.ip_network(entry.strip("[]"), strict=False))
            except ValueError:
                self._hosts.add(entry.rstrip("."))

    def host_allowed(self, host: str) -> bool:
        return host.lower().rstrip(".").strip("[]") in self._hosts

    def ip_allowed(self, ip: IPAddress) -> bool:
        return not _forbidden(ip) or any(ip in net for net in self._nets if net.version == ip.version)

    def resolve(self, host: str, port: int) -> list[str]:
        """The addresses of `host` that may be connected to; raises RefusedAddress when none may."""
        bare = host.strip("[]")
        try:
            infos = [ipaddress.ip_address(bare)]
        except ValueError:
            try:
                found = self.resolver(bare, port)
            except (OSError, UnicodeError) as exc:  # socket.gaierror is an OSError
                raise RefusedAddress(f"cannot resolve host {bare}: {exc}") from None
            infos = []
            for address in found:
                try:
                    ip = ipaddress.ip_address(str(address).split("%")[0])
                except ValueError:
                    raise RefusedAddress(f"cannot resolve host {bare}: bad address {address!r}") from None
                if ip not in infos:
                    infos.append(ip)
        if not infos:
            raise RefusedAddress(f"cannot resolve host {bare}")
        if self.host_allowed(bare):
            return [str(ip) for ip in infos]
        refused = [ip for ip in infos if not self.ip_allowed(ip)]
        if refused:
            # one private answer is enough to refuse: a mixed answer is a classic rebinding trick
            raise RefusedAddress(f"refused: {bare} resolves to private address {refused[0]}"
                                 if str(refused[0]) != bare else f"refused: private address {bare}")
        return [str(ip) for ip in infos]
