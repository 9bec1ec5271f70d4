"""Text messages go out through a pluggable sender chosen by SMS_SENDER: "outbox" appends to a
file (development), "memory" keeps them in a list (tests). A gateway sender plugs in the same way,
named "package.module:Class" (built with the app; its `send(phone, text)` raises when the gateway
refuses, and the outbox retries). Notices reach it through the outbox (outbox.py); one-time codes
directly.
"""
import os
from importlib import import_module

from flask import current_app

from ...models.base import utcnow


class OutboxSender:
    """Appends each message to a file: the development stand-in for an SMS gateway."""

    def __init__(self, path: str):
        self.path = path

    def send(self, phone: str, text: str) -> None:
        # Private to this user: the outbox holds phone numbers and codes.
        handle = os.open(self.path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
        with os.fdopen(handle, "a", encoding="utf-8") as outbox:
            outbox.write(f"{utcnow().isoformat(timespec='seconds')}Z\t{phone}\t{text}\n")


class MemorySender:
    """Keeps messages in a list, for tests."""

    def __init__(self):
        self.sent: list[tuple[str, str]] = []

    def send(self, phone: str, text: str) -> None:
        self.sent.append((phone, text))


def init_sender(app) -> None:
    kind = app.config["SMS_SENDER"]
    if kind == "outbox":
        sender = OutboxSender(app.config["SMS_OUTBOX"])
    elif kind == "memory":
        sender = MemorySender()
    elif ":" in kind:
        module, name = kind.split(":", 1)
        sender = getattr(import_module(module), name)(app)
    else:
        raise RuntimeError(f"Unknown SMS_SENDER {kind!r}")
    app.extensions["sms_sender"] = sender


def send(phone: str, text: str) -> None:
    current_app.extensions["sms_sender"].send(phone, text)
