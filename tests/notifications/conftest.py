"""A real SMTP server and a real HTTP receiver on free local ports, for the delivery tests
(the servers themselves live in tests/smtp.py, shared with the browser journeys)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from tests.smtp import (
    Receiver,
    SmtpSink,
    body_of,
    free_port,
    smtp_configure,
    smtp_server,
    webhook_receiver,
)

__all__ = ["Receiver", "SmtpSink", "body_of", "free_port"]


@pytest.fixture
def smtp_sink() -> Iterator[SmtpSink]:
    """An aiosmtpd server on a free port for this test."""
    with smtp_server() as sink:
        yield sink


@pytest.fixture
def smtp_settings(settings: Any, smtp_sink: SmtpSink) -> SmtpSink:
    """Django's SMTP backend pointed at the sink."""
    smtp_configure(settings, smtp_sink)
    settings.PORTFOLIO_SITE_URL = "https://portfolio.example.org"
    return smtp_sink


@pytest.fixture
def receiver() -> Iterator[Receiver]:
    """An http.server in a thread that answers 500 once, then 200."""
    with webhook_receiver("s3cret-for-the-receiver", [500, 200]) as state:
        yield state
