"""Who is the client? One answer for sign-in lockouts, API throttles, the public forms' rate
limits and the audit log.

Behind a reverse proxy every request comes from the proxy's address (`REMOTE_ADDR`); the
client's own address is in `X-Forwarded-For`, which every proxy extends with the address it
saw (nginx: `proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;`). Anything to the
left of what our own proxies wrote was sent by the client and may be forged, so we count
`KARAVAN_TRUSTED_PROXIES` entries from the right and trust no further:

- 0 (default; the app is reached directly): `REMOTE_ADDR`; the header is ignored.
- 1 (nginx in front): the last entry, the address nginx saw.
- 2 (a load balancer, then nginx): the second entry from the right; and so on.

A header with fewer entries than hops, or a garbled entry, did not come through our proxies
as configured: the answer is then `REMOTE_ADDR`, never a value the client chose.
"""

import ipaddress

from django.conf import settings


def _address(value: str) -> str | None:
    """The address in `value` in canonical form, or None when it is not one."""
    value = value.strip()
    if value.startswith("[") and "]" in value:  # "[2001:db8::1]:443"
        value = value[1 : value.index("]")]
    elif value.count(":") == 1:  # "203.0.113.7:5678"
        value = value.split(":", 1)[0]
    try:
        return str(ipaddress.ip_address(value))
    except ValueError:
        return None


def client_ip(request) -> str:
    """The client's address as the trusted proxies report it (see the module docstring);
    "" when not even `REMOTE_ADDR` holds an address."""
    remote = _address(request.META.get("REMOTE_ADDR", "")) or ""
    hops = settings.KARAVAN_TRUSTED_PROXIES
    if hops <= 0:
        return remote
    forwarded = [
        part for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()
    ]
    if len(forwarded) < hops:
        return remote
    return _address(forwarded[-hops]) or remote


def client_network(request) -> str:
    """The key rate limits count under: the client's address, an IPv6 address narrowed to its
    /64 network (one subscriber usually holds a whole /64 and could rotate within it)."""
    ip = client_ip(request)
    try:
        address = ipaddress.ip_address(ip)
    except ValueError:
        return ip
    if address.version == 6:
        return str(ipaddress.IPv6Network(f"{address}/64", strict=False).network_address)
    return ip
