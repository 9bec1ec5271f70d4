"""The budgets the benchmark reports beside its numbers: each returns (the budget in words,
whether the number keeps it), or None where no budget applies. Reported, never asserted."""
from .pages import Page

PUBLIC_SHARE, OTHER_SHARE = 0.5, 0.25  # of the hello ceiling's requests per second
PUBLIC_P95_MS = 50  # on SQLite at the small size, 32 connections
LARGE_SMALL_P95 = 2.0
FIRST_VISIT_BYTES, FRAGMENT_BYTES = 35 * 1024, 6 * 1024
UPLOAD_SECONDS, UPLOAD_MB = 1.5, 300


def share(page: Page, value: float):
    floor = PUBLIC_SHARE if page.public else OTHER_SHARE
    return f">={floor:g}", value >= floor


def p95(page: Page, database: str, size: str, value_ms: float):
    if not (page.public and database == "sqlite" and size == "small"):
        return None
    return f"<={PUBLIC_P95_MS}", value_ms <= PUBLIC_P95_MS


def large_small(ratio: float):
    return f"<={LARGE_SMALL_P95:g}", ratio <= LARGE_SMALL_P95


def first_visit(page: Page, value_bytes: int):
    limit = FRAGMENT_BYTES if page.fragment else FIRST_VISIT_BYTES
    return f"<={limit // 1024}K", value_bytes <= limit


def repeat_visit(refetched: int):
    return "HTML only", refetched == 0


def queries_grow(small: int, large: int):
    """No query per row: a page runs as many statements at the large size as at the small."""
    return "same as small", large <= small


def upload(seconds: float, peak_mb: float):
    return (f"<={UPLOAD_SECONDS:g} s", seconds <= UPLOAD_SECONDS), (f"<={UPLOAD_MB} MB", peak_mb <= UPLOAD_MB)


def mark(verdict) -> str:
    if verdict is None:
        return ""
    budget, kept = verdict
    return f"{budget} {'ok' if kept else 'MISS'}"
