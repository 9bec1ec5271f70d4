"""The one place that reads who is asking from where, and where they may be sent back to."""
from flask import request


def client_address() -> str:
    """The caller's address; behind a proxy (TRUST_PROXY), ProxyFix has already set remote_addr."""
    return request.remote_addr or "unknown"


def safe_next(target: str | None) -> str | None:
    """Only same-site paths may be redirect targets."""
    if target and target.startswith("/") and not target.startswith("//") and "\\" not in target:
        return target
    return None
