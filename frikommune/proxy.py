"""Where a request came from when the site runs behind one or more reverse proxies."""

import ipaddress

from django.conf import settings


def client_ip_address(request):
    """The client's address: REMOTE_ADDR, or the X-Forwarded-For entry our outermost proxy added.

    Each trusted proxy appends the address it saw to X-Forwarded-For, so with settings.PROXY_COUNT
    proxies the right-most PROXY_COUNT entries are theirs, and the PROXY_COUNT-th from the right is
    the client as the outermost proxy saw it. Entries further left come from the client and can be
    forged, so they are never read. With PROXY_COUNT 0 the header is ignored altogether. A header
    with too few entries, or one that is not an address, means the request did not come through
    the proxies as configured; then REMOTE_ADDR is the only address we can trust.
    """
    remote_addr = request.META.get("REMOTE_ADDR")
    proxy_count = settings.PROXY_COUNT
    if proxy_count <= 0:
        return remote_addr
    entries = [entry.strip() for entry in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    if len(entries) < proxy_count:
        return remote_addr
    candidate = entries[-proxy_count]
    try:
        return str(ipaddress.ip_address(candidate))
    except ValueError:
        return remote_addr
