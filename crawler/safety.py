"""Refuses loopback, private, link-local, multicast and reserved addresses (SSRF guard)."""
from __future__ import annotations

import ipaddress
import socket
from urllib.parse import urlsplit


class UnsafeAddress(Exception):
    """The URL's host resolves to an address the crawler must not reach."""


def is_public_ip(ip: str) -> bool:
    addr = ipaddress.ip_address(ip.split("%", 1)[0])
    if isinstance(addr, ipaddress.IPv6Address) and addr.ipv4_mapped:
        addr = addr.ipv4_mapped   # ::ffff:127.0.0.1 is loopback too
    bad = (addr.is_private or addr.is_loopback or addr.is_link_local or addr.is_multicast
           or addr.is_reserved or addr.is_unspecified or not addr.is_global)   # 100.64/10 (CGNAT) too
    if isinstance(addr, ipaddress.IPv6Address):
        bad = bad or addr.is_site_local
    return not bad


def resolve(host: str, port: int) -> list[str]:
    try:
        infos = socket.getaddrinfo(host, port, proto=socket.IPPROTO_TCP)
    except socket.gaierror as e:
        raise OSError(f"DNS lookup failed for {host}: {e}") from None
    return sorted({info[4][0] for info in infos})


def check_url(url: str, *, allow_private: bool, allowlist: set[str] = frozenset()) -> None:
    """Raise UnsafeAddress when any address of the URL's host is non-public.

    Checked after DNS resolution (a public name may point at 10.x or 127.x), and called
    again by the fetcher on every redirect hop."""
    if allow_private:
        return
    p = urlsplit(url)
    if p.netloc in allowlist:
        return
    port = p.port or (443 if p.scheme == "https" else 80)
    for ip in resolve(p.hostname or "", port):
        if not is_public_ip(ip):
            raise UnsafeAddress(f"{url}: host {p.hostname} resolves to non-public address {ip}")


# ---- the connected peer, checked again at connect time --------------------------------------
# The DNS check above runs before requests resolves the name itself; a hostile DNS server could
# answer differently the second time (DNS rebinding). These connection classes look at the
# address the socket really connected to and refuse non-public peers.

from requests.adapters import HTTPAdapter  # noqa: E402
from urllib3.connection import HTTPConnection, HTTPSConnection  # noqa: E402
from urllib3.connectionpool import HTTPConnectionPool, HTTPSConnectionPool  # noqa: E402
from urllib3.exceptions import NewConnectionError  # noqa: E402

PEER_REFUSED = "refused non-public peer"


def _guarded_connection(base, allowlist: frozenset[str]):
    class Guarded(base):
        def _new_conn(self):
            sock = super()._new_conn()
            ip = sock.getpeername()[0]
            netloc = self.host if self.port in (None, 80, 443) else f"{self.host}:{self.port}"
            if not is_public_ip(ip) and netloc not in allowlist:
                sock.close()
                raise NewConnectionError(self, f"{PEER_REFUSED} {ip} for {self.host}")
            return sock
    return Guarded


class PublicOnlyAdapter(HTTPAdapter):
    """An HTTPAdapter whose connections refuse loopback/private/link-local/multicast peers."""

    def __init__(self, allowlist: set[str] | frozenset[str] = frozenset(), **kw):
        self._allowlist = frozenset(allowlist)
        super().__init__(**kw)

    def init_poolmanager(self, *args, **kwargs):
        super().init_poolmanager(*args, **kwargs)
        http_conn = _guarded_connection(HTTPConnection, self._allowlist)
        https_conn = _guarded_connection(HTTPSConnection, self._allowlist)
        self.poolmanager.pool_classes_by_scheme = {
            "http": type("GuardedHTTPPool", (HTTPConnectionPool,), {"ConnectionCls": http_conn}),
            "https": type("GuardedHTTPSPool", (HTTPSConnectionPool,), {"ConnectionCls": https_conn}),
        }
