"""SMS gateways for tests, chosen by SMS_SENDER="tests.gateways:Name" (in the app or in a worker).

FlakyGateway refuses the first FLAKY_GATEWAY_FAILS messages to FLAKY_GATEWAY_PHONE (each refusal
noted in SMS_OUTBOX + ".refused"), then sends like the development outbox file; other numbers are
sent at once. Down refuses everything.
"""
import os

from webapp.services.common.sms import OutboxSender


class GatewayRefused(RuntimeError):
    pass


class FlakyGateway(OutboxSender):
    def __init__(self, app):
        super().__init__(app.config["SMS_OUTBOX"])
        self.phone = os.environ.get("FLAKY_GATEWAY_PHONE", "")
        self.failures_left = int(os.environ.get("FLAKY_GATEWAY_FAILS", "0"))

    def send(self, phone: str, text: str) -> None:
        if phone == self.phone and self.failures_left > 0:
            self.failures_left -= 1
            with open(self.path + ".refused", "a", encoding="utf-8") as refused:
                refused.write(f"{phone}\t{text}\n")
            raise GatewayRefused(f"gateway busy for {phone}, try later")
        super().send(phone, text)


class Down:
    def __init__(self, app):
        self.tries = 0

    def send(self, phone: str, text: str) -> None:
        self.tries += 1
        raise GatewayRefused(f"gateway refused {phone}: quota exceeded")
