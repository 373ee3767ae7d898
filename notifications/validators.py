"""Where a webhook may point: a public HTTPS address in production."""

from __future__ import annotations

import ipaddress
import socket
from urllib.parse import urlsplit

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _


def _is_public(address: str) -> bool:
    ip = ipaddress.ip_address(address.split("%", 1)[0])
    return ip.is_global and not ip.is_multicast


def webhook_url_validate(url: str) -> None:
    """Refuse a webhook URL the server must not call.

    In production (DEBUG off) only https, and only hosts whose every address is public: a
    webhook pointing at localhost or the internal network would let whoever configures it make
    the server probe what sits behind the firewall. With DEBUG on, a local receiver is fine.
    """
    parts = urlsplit(url)
    if parts.scheme not in {"http", "https"} or not parts.hostname:
        raise ValidationError(_("Enter a web address starting with https://."), code="scheme")
    if settings.DEBUG:
        return
    if parts.scheme != "https":
        raise ValidationError(_("A webhook must use https://."), code="scheme")
    host = parts.hostname
    if host == "localhost" or host.endswith((".localhost", ".local", ".internal")):
        raise ValidationError(
            _("A webhook cannot point at this server or its network."), code="private"
        )
    try:
        infos = socket.getaddrinfo(host, parts.port or 443, proto=socket.IPPROTO_TCP)
    except (socket.gaierror, UnicodeError) as error:
        raise ValidationError(
            _("The host %(host)s cannot be found.") % {"host": host}, code="dns"
        ) from error
    if not infos or not all(_is_public(str(info[4][0])) for info in infos):
        raise ValidationError(
            _("A webhook cannot point at this server or its network."), code="private"
        )
