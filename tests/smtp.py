"""A real SMTP server and a real HTTP webhook receiver on free local ports, shared by the
delivery tests (tests/notifications) and the browser journeys (tests/e2e)."""

from __future__ import annotations

import contextlib
import hashlib
import hmac
import socket
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from email import message_from_bytes, policy
from email.message import EmailMessage
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from aiosmtpd.controller import Controller


def free_port() -> int:
    """A TCP port nobody listens on right now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@dataclass
class SmtpSink:
    """What a real SMTP server received, one parsed message per e-mail."""

    port: int
    messages: list[EmailMessage] = field(default_factory=list)
    envelopes: list[tuple[str, list[str]]] = field(default_factory=list)

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        self.envelopes.append((envelope.mail_from, list(envelope.rcpt_tos)))
        parsed = message_from_bytes(envelope.original_content, policy=policy.default)
        self.messages.append(parsed)  # type: ignore[arg-type]
        return "250 OK"


@contextlib.contextmanager
def smtp_server() -> Iterator[SmtpSink]:
    """An aiosmtpd server on a free port, stopped when the block ends."""
    sink = SmtpSink(port=free_port())
    controller = Controller(sink, hostname="127.0.0.1", port=sink.port)
    controller.start()
    try:
        yield sink
    finally:
        controller.stop()


def smtp_configure(settings: Any, sink: SmtpSink) -> None:
    """Point Django's SMTP backend at the sink (`settings` is pytest-django's fixture)."""
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = sink.port
    settings.EMAIL_USE_TLS = False
    settings.EMAIL_HOST_USER = settings.EMAIL_HOST_PASSWORD = ""


def body_of(message: EmailMessage, subtype: str) -> str:
    """The text/plain or text/html part of a message."""
    part = message.get_body(preferencelist=(subtype,))
    assert part is not None, f"no text/{subtype} part"
    return str(part.get_content())


@dataclass
class Receiver:
    """A local webhook receiver: checks the signature, answers from a script of statuses."""

    secret: str
    answers: list[int]
    port: int = 0
    received: list[dict[str, Any]] = field(default_factory=list)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/hook"


@contextlib.contextmanager
def webhook_receiver(secret: str, answers: list[int]) -> Iterator[Receiver]:
    """An http.server in a thread that answers each signed POST with the next scripted status
    (200 once the script is used up) and an unsigned one with 401."""
    state = Receiver(secret=secret, answers=list(answers))

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            body = self.rfile.read(int(self.headers["Content-Length"]))
            timestamp = self.headers.get("X-Portfolio-Timestamp", "")
            expected = (
                "sha256="
                + hmac.new(
                    state.secret.encode(), timestamp.encode() + b"." + body, hashlib.sha256
                ).hexdigest()
            )
            signed = hmac.compare_digest(expected, self.headers.get("X-Portfolio-Signature", ""))
            status = (state.answers.pop(0) if state.answers else 200) if signed else 401
            state.received.append(
                {"body": body, "headers": dict(self.headers), "signed": signed, "status": status}
            )
            self.send_response(status)
            self.send_header("Content-Length", "0")
            self.end_headers()

        def log_message(self, *args: Any) -> None:
            return None

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    state.port = int(server.server_address[1])
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield state
    finally:
        server.shutdown()
        server.server_close()
