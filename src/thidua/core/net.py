"""Who is on the other end of a request, when reverse proxies stand in between.

Every proxy appends the address it received the request from to X-Forwarded-For; the
entries to their left are whatever the client sent, so only the part our own proxies
wrote may be believed. `THIDUA_TRUSTED_PROXIES` says which part that is.
"""

import ipaddress
from functools import lru_cache

from django.conf import settings

Network = ipaddress.IPv4Network | ipaddress.IPv6Network


@lru_cache(maxsize=8)
def _networks(proxies: tuple[str, ...]) -> tuple[Network, ...]:
    return tuple(ipaddress.ip_network(p, strict=False) for p in proxies)


def _address(text: str) -> ipaddress.IPv4Address | ipaddress.IPv6Address | None:
    try:
        return ipaddress.ip_address(text.strip())
    except ValueError:
        return None


def client_ip(request) -> str:
    """The client's IP address as text ("" when unknown).

    Without trusted proxies: REMOTE_ADDR, the direct peer. With a count N: the N-th
    address of X-Forwarded-For from the right (the one our outermost proxy wrote), or its
    leftmost when the header is shorter. With a list of proxies: when the peer is one of
    them, the rightmost forwarded address that is not, walking left only through trusted
    hops; a peer outside the list is the client, whatever header it sends.
    """
    remote = request.META.get("REMOTE_ADDR", "")
    trusted = settings.THIDUA_TRUSTED_PROXIES
    forwarded = [h.strip() for h in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if h.strip()]
    if not trusted or not forwarded:
        return remote
    if isinstance(trusted, int):
        candidate = forwarded[-min(trusted, len(forwarded))]
        return candidate if _address(candidate) is not None else remote
    networks = _networks(tuple(trusted))

    def is_trusted(text: str) -> bool:
        address = _address(text)
        return address is not None and any(address in network for network in networks)

    if not is_trusted(remote):
        return remote
    client = remote
    for hop in reversed(forwarded):
        if _address(hop) is None:
            break  # not written by a proxy of ours: the last good hop is as far as we can see
        client = hop
        if not is_trusted(hop):
            break
    return client


# The development server's address: links made with no request and no setting.
FALLBACK_PUBLIC_URL = "http://localhost:8000"


def public_url(base_url: str | None = None) -> str:
    """The site's address as the public reaches it, without the trailing slash: the
    THIDUA_PUBLIC_URL setting when there is one (behind a reverse proxy the request's host
    may be an internal name), else BASE_URL (the request's own address), else the
    development server's. QR codes, e-mailed links and the consultation link use it."""
    return (settings.THIDUA_PUBLIC_URL or base_url or FALLBACK_PUBLIC_URL).rstrip("/")


def absolute_url(request, path: str) -> str:
    """PATH on the site's public address (see `public_url`)."""
    return public_url(request.build_absolute_uri("/")) + path

