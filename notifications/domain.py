"""Pure helpers of the notifications app: webhook bodies, their signature, retry timing."""

from __future__ import annotations

import hashlib
import hmac
import json
from collections.abc import Mapping
from typing import Any

SIGNATURE_HEADER = "X-Portfolio-Signature"
TIMESTAMP_HEADER = "X-Portfolio-Timestamp"
EVENT_HEADER = "X-Portfolio-Event"

# 5xx answers, timeouts and refused connections are worth another try; a 4xx is the
# receiver saying no (bad URL, revoked webhook), which repeating will not change, except 429.
RETRY_STATUS = frozenset({408, 425, 429})


def webhook_body(
    *,
    webhook_kind: str,
    event: str,
    key: str,
    text: str,
    url: str,
    params: Mapping[str, Any],
    timestamp: int,
    link_label: str = "Open",
) -> bytes:
    """The JSON a webhook of a kind receives for one event, as the bytes that are signed."""
    if webhook_kind == "slack":
        payload: dict[str, Any] = {"text": f"{text}\n<{url}>" if url else text}
    elif webhook_kind == "teams":
        card: dict[str, Any] = {
            "$schema": "http://adaptivecards.io/schemas/adaptive-card.json",
            "type": "AdaptiveCard",
            "version": "1.4",
            "body": [{"type": "TextBlock", "text": text, "wrap": True}],
        }
        if url:
            card["actions"] = [{"type": "Action.OpenUrl", "title": link_label, "url": url}]
        payload = {
            "type": "message",
            "attachments": [
                {"contentType": "application/vnd.microsoft.card.adaptive", "content": card}
            ],
        }
    else:
        payload = {
            "event": event,
            "key": key,
            "text": text,
            "url": url,
            "params": dict(params),
            "timestamp": timestamp,
        }
    return json.dumps(payload, ensure_ascii=False, sort_keys=True).encode("utf-8")


def webhook_signature(secret: str, timestamp: int, body: bytes) -> str:
    """`sha256=<hex>` of HMAC-SHA256 over "<timestamp>." + body.

    The timestamp is signed with the body so a receiver that rejects old timestamps cannot be
    fed a recorded delivery again (the scheme Slack and Stripe use).
    """
    message = str(timestamp).encode("ascii") + b"." + body
    digest = hmac.new(secret.encode("utf-8"), message, hashlib.sha256).hexdigest()
    return f"sha256={digest}"


def should_retry(status_code: int | None) -> bool:
    """Whether an answer (None: no answer, a timeout or a refused connection) deserves a retry."""
    return status_code is None or status_code >= 500 or status_code in RETRY_STATUS


def retry_delay(attempt: int, *, base: float, cap: float = 3600.0) -> float:
    """Seconds to wait after the given failed attempt (1, 2, ...): doubling from base, capped."""
    return float(min(cap, base * 2 ** max(0, attempt - 1)))
