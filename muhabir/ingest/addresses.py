"""Which servers the ingest may connect to: public ones, and the private hosts named in settings.

A feed or an image address comes from outside, and so does every redirect. Without this
check, an address on loopback or the office network would be fetched from inside (and an
enclosure there published under /media/). The check looks at the addresses a host name
resolves to, which also covers numeric spellings such as ``http://2130706433/`` or
``http://0x7f.1/`` (the resolver reads them as 127.0.0.1), and the connection then goes to
an address that was checked: a second lookup could answer differently (DNS rebinding).
"""

from __future__ import annotations

import ipaddress
import socket

from django.conf import settings

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address

# NAT64 (RFC 6052) reaches the IPv4 address in the last 32 bits; a network that has it
# would take 64:ff9b::7f00:1 to 127.0.0.1.
NAT64 = ipaddress.ip_network("64:ff9b::/96")
# IPv4-compatible IPv6 (deprecated, ::a.b.c.d); some stacks still route it over IPv4.
IPV4_COMPATIBLE = ipaddress.ip_network("::/96")


class AddressNotAllowed(Exception):
    """The host resolves to an address the ingest does not connect to."""


def address_is_public(address: IPAddress) -> bool:
    """True for an address on the public internet, including IPv4 inside IPv6 forms."""
    if isinstance(address, ipaddress.IPv6Address):
        embedded = _embedded_ipv4(address)
        if any(not address_is_public(inner) for inner in embedded):
            return False
    return address.is_global and not (
        address.is_private
        or address.is_loopback
        or address.is_link_local
        or address.is_multicast
        or address.is_reserved
        or address.is_unspecified
    )


def _embedded_ipv4(address: ipaddress.IPv6Address) -> list[ipaddress.IPv4Address]:
    found = []
    if address.ipv4_mapped is not None:
        found.append(address.ipv4_mapped)
    if address.sixtofour is not None:
        found.append(address.sixtofour)
    if address.teredo is not None:
        found.extend(address.teredo)
    if address in NAT64 or address in IPV4_COMPATIBLE:
        found.append(ipaddress.IPv4Address(int(address) & 0xFFFFFFFF))
    return found


def allowed_private_hosts() -> set[str]:
    """The host names that may resolve to private addresses (``MUHABIR_FETCH_ALLOWED_...``)."""
    hosts = getattr(settings, "MUHABIR_FETCH_ALLOWED_PRIVATE_HOSTS", None) or []
    return {_normal_host(host) for host in hosts}


def resolve(host: str, port: int) -> list[tuple]:
    """``getaddrinfo`` results for ``host``, all of them checked.

    Raises:
        AddressNotAllowed: when any address is not public and the host is not allowed.
        OSError: when the name does not resolve.
    """
    infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    if _normal_host(host) in allowed_private_hosts():
        return infos
    for info in infos:
        address = ipaddress.ip_address(info[4][0].split("%", 1)[0])
        # One private answer refuses the host: trying only the public ones would still
        # let a name that mixes both probe the inside.
        if not address_is_public(address):
            raise AddressNotAllowed(f"{host} resolves to {address}, which is not public")
    return infos


def create_connection(address, timeout=socket._GLOBAL_DEFAULT_TIMEOUT, source_address=None):
    """Like ``socket.create_connection``, connecting only to addresses ``resolve`` checked."""
    host, port = address[:2]
    error: OSError | None = None
    for family, kind, proto, _name, sockaddr in resolve(host, port):
        sock = socket.socket(family, kind, proto)
        try:
            if timeout is not socket._GLOBAL_DEFAULT_TIMEOUT:
                sock.settimeout(timeout)
            if source_address:
                sock.bind(source_address)
            sock.connect(sockaddr)
            return sock
        except OSError as failure:
            error = failure
            sock.close()
    raise error or OSError(f"{host} has no address")


def _normal_host(host: str) -> str:
    return host.strip().strip("[]").rstrip(".").lower()
