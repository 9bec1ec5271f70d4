"""Benchmark data for `flask bench-data --size small|large`: the demo, then many made-up people,
items, applications, events and notices written in bulk (Core inserts in batches, COPY on
PostgreSQL), never an ORM object at a time.

The rows are what the app itself would have written: every applicant has consent, a submitted,
encrypted profile in a district and a needs registration; one open application per person and
item; seats, units and places taken never above the capacity, and equal to the applications that
hold them; an event per move and the notices the person was sent. Seeded, so two runs on two
databases hold the same data. Not domain code: it is the test bed of `make bench`.
"""
from dataclasses import dataclass

BENCH_PASSWORD = "bench-yangquan-2026"
# Accounts the benchmark signs in as: phone -> what it is. All share BENCH_PASSWORD.
BENCH_CASEWORKER = "18700000001"  # 城区 caseworker: the biggest district queue, some claimed by them
BENCH_ADMIN = "18700000002"  # administrator (dashboard, publishing)
BENCH_APPLICANT = "18700000010"  # 城区 applicant with many applications and notices
KNOWN_ACCOUNTS = {
    BENCH_CASEWORKER: "caseworker, chengqu (城区), the biggest queue",
    BENCH_ADMIN: "administrator",
    BENCH_APPLICANT: "applicant, chengqu (城区), many applications and notices",
}
SEED = 20261202


@dataclass(frozen=True)
class Size:
    """How much to make, on top of the demo. Events and notices follow from the applications'
    histories; `loops` is the share sent back for more information (three moves more each)."""

    applicants: int
    courses: int
    stalls: int
    posts: int
    applications: int
    caseworkers_per_district: int
    known_applications: int  # the known applicant's
    loops: float = 0.25
    jobs: int = 0  # employers' jobs (one verified employer per hundred)


SIZES = {
    "small": Size(applicants=1_000, courses=20, stalls=2, posts=5, applications=5_000,
                  caseworkers_per_district=2, known_applications=24, jobs=200),
    "large": Size(applicants=100_000, courses=2_000, stalls=50, posts=500, applications=500_000,
                  caseworkers_per_district=8, known_applications=60, jobs=20_000),
    # For the test suite only: the same code path in a second.
    "tiny": Size(applicants=60, courses=6, stalls=1, posts=2, applications=240,
                 caseworkers_per_district=1, known_applications=8, jobs=12),
}
