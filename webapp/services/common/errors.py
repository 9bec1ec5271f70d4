"""Domain errors carry a message for the person and, where it belongs, the form field."""


class DomainError(Exception):
    """A rule was not met. `message` is a (lazy) translated string shown to the person."""

    status = 422

    def __init__(self, message, field: str | None = None):
        super().__init__(message)
        self.message = message
        self.field = field


class RateLimited(DomainError):
    status = 429
