"""The plan dashboard: a small known world, its figures counted here by hand, and the page and CSVs
saying the same."""
import csv
import gzip
import io
import re
import statistics
from html import unescape
from collections import Counter
from datetime import datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import event, select

from tests import factories
from tests.conftest import make_user
from webapp.extensions import db
from webapp.models import Application, NeedsRegistration, Opportunity, Profile, SubsidyAward, User
from webapp.models.base import utcnow
from webapp.services.applications import drafts, machine
from webapp.services.casework import assessments, followups
from webapp.services.common.acting import Acting
from webapp.services.identity import profiles
from webapp.services.needs import steps, versions
from webapp.services.common.dates import today as service_today
from webapp.services.reports import figures
from webapp.services.subsidies import awards

YANGQUAN = ZoneInfo("Asia/Shanghai")
BOM = b"\xef\xbb\xbf"
TABLES = ("employment", "employment_districts", "targets", "districts", "categories", "stalls", "posts", "statuses",
          "decisions", "employer_quota", "graduates")


def _local_year(moment: datetime | None) -> int | None:
    return moment.replace(tzinfo=timezone.utc).astimezone(YANGQUAN).year if moment else None


def _needs(person, status: str, submit: bool = True) -> None:
    me = Acting(person, person)
    steps.save_step(me, "status", {"employment_status": status})
    steps.save_step(me, "pattern", {"work_patterns": ["full_time"]})
    if submit:
        versions.submit(me)


def _rural(person) -> None:
    profiles.save_step(Acting(person, person), "household", {"household_type": "rural"})


@pytest.fixture
def world(app):
    """Five registered applicants (one more deleted, one without a profile), courses, posts, stalls."""
    year = datetime.now(YANGQUAN).year
    worker = make_user("caseworker", phone="13711119999", name="城市个案员")
    a1 = factories.applicant(district="chengqu", category="1", name="甲")
    a2 = factories.applicant(district="chengqu", category="4", name="乙")
    a3 = factories.applicant(district="jiaoqu", category="4", name="丙")
    a4 = factories.applicant(district="pingding", category="2", name="丁")
    a5 = factories.applicant(district="yuxian", category="1", name="戊")
    a6 = factories.applicant(district="chengqu", category="5", name="己")
    make_user(phone="13711118888", name="无资料")  # an applicant account with no profile
    make_user("helper", phone="13711117777", name="亲友")
    for person in (a2, a3, a5):
        _rural(person)
    _needs(a1, "employed")
    _needs(a2, "employed")
    _needs(a2, "unemployed")          # the newest version counts: no longer in work
    _needs(a3, "employed", submit=False)  # a draft does not count
    _needs(a4, "flexible")
    _needs(a6, "employed")

    course = factories.opportunity("course", capacity=5, title="Massage course")
    rural_course = factories.opportunity("course", capacity=1, title="Rural course", rural=True)
    post_ok = factories.opportunity("post", capacity=2, total=20, title="+Post ok")
    post_low = factories.opportunity("post", capacity=1, total=40, title="Post low")
    stall_low = factories.opportunity("stall", capacity=1, total=20, title="Stall <b>low</b> & co")
    stall_ok = factories.opportunity("stall", capacity=3, total=20, title="Stall ok")
    stall_draft = factories.opportunity("stall", capacity=1, total=50, title="Stall draft")

    for person in (a1, a2, a3):
        factories.approved(person, course, worker)                # enrolled
    factories.approved(a5, rural_course, worker)                  # enrolled
    factories.approved(a4, rural_course, worker)                  # waiting list
    last_year = factories.approved(a4, course, worker)            # enrolled, but moved to last year below
    machine.hire(worker, factories.approved(a3, post_ok, worker))
    machine.allocate(factories.approved(a4, stall_low, worker), actor=worker)
    machine.reject(worker, machine.claim(worker, factories.submitted(a2, post_ok)), "不符合条件")
    factories.submitted(a1, stall_ok)
    machine.withdraw(Acting(a1, a1), factories.submitted(a1, post_ok))
    drafts.start(Acting(a5, a5), post_ok)                          # a draft
    # Subsidies: people funded are those paid this year, once each.
    from tests.web.subsidy_helpers import K, under_review
    from tests.web.subsidy_helpers import item as subsidy_item

    def paid(person, measure):
        application = under_review(person, worker, subsidy_item(measure))
        awards.approve(worker, application, "1000", "按标准")
        return awards.pay(worker, application, service_today().isoformat(), "1000")
    paid(a1, K.SELF_EMPLOYMENT)
    paid(a1, K.FAMILY_BUSINESS)                                    # a second payment to the same person
    paid(a2, K.SOCIAL_INSURANCE)
    awards.approve(worker, under_review(a3, worker, subsidy_item(K.LOAN)), "1000", "按标准")  # approved, not paid yet
    paid_last_year = paid(a5, K.SELF_EMPLOYMENT)                   # paid, but moved to last year below

    old = datetime(year - 1, 6, 1, 4, 0)
    row = db.session.get(Application, last_year.id)
    row.submitted_at, row.decided_at, row.updated_at = old - timedelta(days=2), old, old
    # Known waits between sending and deciding, for the median.
    for person, item, days in ((a1, course, 10), (a2, course, 3), (a3, course, 20), (a5, rural_course, 40)):
        application = db.session.scalar(select(Application).where(
            Application.applicant_id == person.id, Application.opportunity_id == item.id))
        application.submitted_at = application.decided_at - timedelta(days=days, hours=6)
    db.session.scalar(select(SubsidyAward).where(SubsidyAward.application_id == paid_last_year.id)).paid_on = \
        datetime(year - 1, 12, 31).date()
    db.session.get(Opportunity, post_low.id).status = "closed"
    db.session.get(Opportunity, stall_draft.id).status = "draft"
    gone = db.session.get(User, a6.id)
    gone.deleted_at, gone.active = utcnow(), False
    db.session.commit()
    return year


def expected(year: int) -> dict:
    """The figures counted in plain Python over every row, without the dashboard service."""
    users = {u.id: u for u in db.session.scalars(select(User))}
    profiles_by_user = {p.user_id: p for p in db.session.scalars(select(Profile))}
    registered = [p for uid, p in profiles_by_user.items() if users[uid].role == "applicant"
                  and users[uid].deleted_at is None and p.submitted_at is not None]
    ids = {p.user_id for p in registered}
    apps = list(db.session.scalars(select(Application)))

    def this_year(a):
        return year in (_local_year(a.decided_at), _local_year(a.updated_at))

    newest = {}
    for n in db.session.scalars(select(NeedsRegistration).where(NeedsRegistration.status == "submitted")):
        if n.user_id not in newest or n.version > newest[n.user_id].version:
            newest[n.user_id] = n
    in_work = {uid for uid in ids if (uid in newest and newest[uid].employment_status in ("employed", "flexible"))
               or any(a.applicant_id == uid and a.status in ("hired", "allocated") and this_year(a) for a in apps)}
    enrolled = [a for a in apps if a.opportunity.kind == "course" and a.status == "enrolled" and this_year(a)]
    items = [o for o in db.session.scalars(select(Opportunity).order_by(Opportunity.kind, Opportunity.title))
             if o.kind in ("stall", "post") and o.status in ("published", "closed")]
    waits = [(a.decided_at - a.submitted_at).total_seconds() / 86400 for a in apps
             if a.submitted_at and _local_year(a.decided_at) == year]
    return {
        "registered": len(registered),
        "by_district": Counter(p.district for p in registered),
        "by_category": Counter(p.disability_category for p in registered),
        "in_work": len(in_work),
        "training": len(enrolled),
        "rural": sum(1 for a in enrolled if profiles_by_user[a.applicant_id].household_type == "rural"),
        # Paid a subsidy or funding on a day of this year (the award keeps the day it was paid).
        "funded": len({award.applicant_id for award in db.session.scalars(select(SubsidyAward))
                       if award.application.status == "paid" and award.paid_on and award.paid_on.year == year}),
        "reserved": [(o.title, o.capacity, o.total, o.capacity / o.total) for o in items],
        "by_status": Counter(a.status for a in apps if a.status != "draft" and _local_year(a.submitted_at) == year),
        "median": statistics.median(waits),
    }


def test_figures_match_counts_made_by_hand(world):
    want = expected(world)
    got = figures.compute()
    # The world is what it was built to be ...
    assert (want["registered"], want["in_work"], want["training"], want["rural"], want["funded"]) == (5, 3, 4, 3, 2)
    # ... and the service agrees with counting by hand.
    assert got.year == world and got.registered == want["registered"]
    assert got.by_district == dict(want["by_district"]) and got.by_category == dict(want["by_category"])
    assert (got.in_work, got.training, got.rural_training, got.funded) == (
        want["in_work"], want["training"], want["rural"], want["funded"])
    assert got.employment_share == pytest.approx(want["in_work"] / want["registered"])
    assert [(r.title, r.reserved, r.total, r.share) for r in got.reserved] == want["reserved"]
    assert [r.title for r in got.reserved if r.below_target] == ["Post low", "Stall <b>low</b> & co"]
    assert got.by_status == dict(want["by_status"])
    assert got.median_days == pytest.approx(want["median"])


def _html_rows(html: str, name: str) -> list[list[str]]:
    table = html.split(f'id="{name}-caption"', 1)[1].split("</table>", 1)[0]
    rows = re.findall(r"<tr><th scope=\"row\">(.*?)</th>(.*?)</tr>", table)
    return [[head, *re.findall(r"<td[^>]*>(.*?)</td>", rest)] for head, rest in rows]


def _csv(client, name: str) -> list[list[str]]:
    response = client.get(f"/admin/dashboard/{name}.csv")
    assert response.status_code == 200 and response.mimetype == "text/csv"
    assert response.headers["Content-Type"] == "text/csv; charset=utf-8"
    assert response.headers["Content-Disposition"].startswith("attachment; filename=")
    assert response.headers["Content-Disposition"].endswith(".csv")
    assert response.data.startswith(BOM)
    return list(csv.reader(io.StringIO(response.data[len(BOM):].decode("utf-8"))))


def test_page_and_csv_show_the_same_figures(client, login_as, world):
    want = expected(world)
    login_as("admin")
    response = client.get("/admin/dashboard")
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert "style=" not in html and html.count('role="img"') == len(TABLES)
    for name in TABLES:
        assert f'aria-labelledby="chart-{name}-title"' in html and f'<title id="chart-{name}-title">' in html
        assert f'href="/admin/dashboard/{name}.csv"' in html
    assert "Stall &lt;b&gt;low&lt;/b&gt; &amp; co" in html and "<b>low</b>" not in html

    districts = {"Chengqu District": want["by_district"]["chengqu"], "Jiaoqu District": want["by_district"]["jiaoqu"],
                 "Pingding County": want["by_district"]["pingding"], "Yu County": want["by_district"]["yuxian"],
                 "Kuangqu District": 0, "Economic and Technological Development Zone": 0}
    categories = {"Visual": want["by_category"][1], "Hearing": want["by_category"][2],
                  "Physical": want["by_category"][4], "Speech": 0, "Intellectual": 0, "Mental": 0, "Multiple": 0}
    share = f"{want['in_work'] / want['registered'] * 100:.1f}%"
    for name, counts in (("districts", districts), ("categories", categories)):
        for rows in (_html_rows(html, name), _csv(client, name)[1:]):
            assert {row[0]: int(row[1]) for row in rows} == counts

    employment_csv = _csv(client, "employment")
    assert employment_csv[0] == ["Figure", "Number"]
    for rows in (_html_rows(html, "employment"), employment_csv[1:]):
        found = {unescape(row[0]): row[1] for row in rows}
        assert found["Registered applicants"] == str(want["registered"])
        assert found["In work (either or both)"] == str(want["in_work"])
        assert found["Share in work"] == share == "60.0%" and found["The plan's goal for the end of 2024"] == "70.0%"
        assert found["Status"] == "Below target"

    due = {target: str(figures.compute().due_by_now(target)) for target in (400, 60, 130)}
    targets = {"Training person-times": [str(want["training"]), "400", due[400], "Below target"],
               "Rural training person-times": [str(want["rural"]), "60", due[60], "Below target"],
               "People funded": [str(want["funded"]), "130", due[130], "Below target"]}
    for rows in (_html_rows(html, "targets"), _csv(client, "targets")[1:]):
        assert {row[0]: row[1:] for row in rows} == targets

    stalls, posts = _csv(client, "stalls"), _csv(client, "posts")
    assert stalls[0] == ["Stall opening", "Reserved units", "All units", "Share", "Status"]
    assert posts[0] == ["Post", "Reserved places", "All places", "Share", "Status"]
    assert [[r[0], int(r[1]), int(r[2]), r[3], r[4]] for r in posts[1:] + stalls[1:]] == [
        ["'+Post ok", 2, 20, "10.0%", "Met"], ["Post low", 1, 40, "2.5%", "Below target"],
        ["Stall <b>low</b> & co", 1, 20, "5.0%", "Below target"], ["Stall ok", 3, 20, "15.0%", "Met"]]
    assert [[t, c, n, f"{s * 100:.1f}%"] for t, c, n, s in want["reserved"]] == [
        [r[0].lstrip("'"), int(r[1]), int(r[2]), r[3]] for r in posts[1:] + stalls[1:]]
    assert [row[1:] for row in _html_rows(html, "stalls")] == [["1", "20", "5.0%", "Below target"],
                                                               ["3", "20", "15.0%", "Met"]]
    assert "1 stall opening is below the target of 10.0%." in html
    assert "1 post is below the target of 5.0%." in html
    assert (f"60.0% of registered applicants are in work (3 of 5) in {figures.compute().year}. The plan&#39;s goal for "
            "the end of 2024 was 70.0%; it is kept here as the benchmark.") in html

    words = {"submitted": "Submitted, waiting for a caseworker", "enrolled": "Enrolled", "hired": "Hired",
             "allocated": "Unit allocated", "rejected": "Not approved", "withdrawn": "Withdrawn",
             "waitlisted": "On the waiting list", "paid": "Paid", "approved": "Approved"}
    statuses = {words[s]: n for s, n in want["by_status"].items()}
    for rows in (_html_rows(html, "statuses"), _csv(client, "statuses")[1:]):
        found = {row[0]: int(row[1]) for row in rows}
        assert {k: v for k, v in found.items() if v} == statuses and sum(found.values()) == sum(statuses.values())

    decisions = _csv(client, "decisions")
    assert decisions[-1] == ["Median days to decision", f"{want['median']:.1f}"]
    assert re.search(rf"<td[^>]*>{want['median']:.1f}</td>", html)
    assert sum(int(row[1]) for row in decisions[1:-1]) == sum(
        1 for a in db.session.scalars(select(Application)) if a.submitted_at and _local_year(a.decided_at) == world)


def test_the_figures_take_a_fixed_number_of_queries(world):
    statements = []

    def count(*_args):
        statements.append(1)

    event.listen(db.engine, "before_cursor_execute", count)
    try:
        figures.compute()
    finally:
        event.remove(db.engine, "before_cursor_execute", count)
    # seven, the employment rate per district, the graduates' ledger and the employers' quota
    assert len(statements) == 10


def test_the_employment_rate_per_district_counts_jobs_records_and_the_able(world, client, login_as):
    by_hand = {"chengqu": (2, 1), "jiaoqu": (1, 1), "pingding": (1, 1), "yuxian": (1, 0)}
    assert figures.compute().employment_by_district == by_hand
    # A job hire and employment a caseworker recorded count; someone not ready for work is not counted.
    yuxian = factories.applicant(district="yuxian", name="庚")
    boss = factories.employer()
    application = factories.submitted(yuxian, factories.job(boss))
    machine.invite(boss.user, application, day="2026-12-10", time="09:30", place="会议室")
    machine.offer(boss.user, application)
    machine.accept(Acting(yuxian, yuxian), application)
    worker = db.session.scalar(select(User).where(User.phone == "13711119999"))
    b = db.session.scalar(select(User).where(User.name == "乙"))
    followups.record_employment(worker, b, "某超市", "2026-01-05")
    resting = factories.applicant(district="chengqu", name="辛")
    assessments.record_assessment(worker, profiles.profile_of(resting), assessed_on="2026-01-05", method="interview",
                                  work_capacity="not_now", directions="", notes="", hard_to_employ=False)
    found = figures.compute().employment_by_district
    assert found["chengqu"] == (2, 2) and found["yuxian"] == (2, 1)
    login_as("admin")
    rows = _csv(client, "employment_districts")
    chengqu = next(row for row in rows if row[0] in ("城区", "Chengqu District"))
    assert chengqu[1:4] == ["2", "2", "100.0%"] and chengqu[4] == "70.0%"


def test_the_employers_quota_position_is_counted_per_type_as_the_employer_page_rounds_it(client, login_as, app):
    app.config["EMPLOYER_QUOTA_RATIO"] = 0.015
    rows = [factories.employer(org_type="private_firm", staff_count=1000, disabled_staff=15),  # asks 15: meets
            factories.employer(org_type="private_firm", staff_count=101, disabled_staff=1),    # asks 2: below
            factories.employer(org_type="private_firm", staff_count=30),                        # no disabled count
            factories.employer(org_type="state_body", staff_count=60, disabled_staff=0),        # rule unmet
            factories.employer(org_type="state_body", staff_count=49, disabled_staff=0),        # rule does not apply
            factories.employer(org_type="public_institution", staff_count=67, disabled_staff=2),
            factories.employer(org_type="state_firm", status="pending", staff_count=500, disabled_staff=0)]
    found = figures.compute().employer_quota
    assert "state_firm" not in found  # not verified yet
    private = found["private_firm"]
    assert (private.employers, private.declared, private.meeting, private.disabled_staff, private.required) == \
        (3, 2, 1, 16, 17)
    assert sum(row.quota_required for row in rows[:2]) == private.required  # the same rounding as the model
    assert (found["state_body"].state_rule_unmet, found["state_body"].required) == (1, 2)
    assert found["public_institution"].state_rule_unmet == 0
    login_as("admin")
    html = client.get("/admin/dashboard").get_data(as_text=True)
    assert _html_rows(html, "employer_quota")[3] == ["Private enterprise", "3", "2", "1", "16", "17", "0"]
    assert "1 state body or public institution large enough to have to employ a disabled person employs none." in html
    table = _csv(client, "employer_quota")
    assert table[-1] == ["All types", "6", "5", "2", "18", "21", "1"]


def test_an_empty_year_says_so_without_dividing_by_zero(client, login_as):
    login_as("admin")
    html = client.get("/admin/dashboard").get_data(as_text=True)
    assert "No data yet" in html and "Nothing of this kind is published yet." in html
    assert "No one has registered yet." in html
    assert _csv(client, "employment")[1:3] == [["Registered applicants", "0"],
                                               ["Working or self-employed, by their newest needs registration", "0"]]
    assert client.get("/admin/dashboard/nothing.csv").status_code == 404


@pytest.mark.parametrize("role", ["applicant", "helper", "caseworker"])
def test_the_dashboard_is_for_administrators_only(client, login_as, role):
    login_as(role)
    assert client.get("/admin/dashboard").status_code == 403
    assert client.get("/admin/dashboard/districts.csv").status_code == 403


def test_signed_out_visitors_are_sent_to_sign_in(client):
    response = client.get("/admin/dashboard/districts.csv")
    assert response.status_code == 302 and "/auth/login" in response.headers["Location"]


def test_the_dashboard_fits_the_page_weight_budget(client, login_as, world):
    """DESIGN.md: a first visit, everything it loads, gzip <= 35 KB (the charts are a few KB)."""
    login_as("admin")
    html = client.get("/admin/dashboard").get_data()
    assets = set(re.findall(rb'(?:src|href)="(/static/[^"]+\.(?:css|js|svg))"', html))
    total = len(gzip.compress(html))
    for asset in assets:
        with client.get(asset.decode()) as response:
            total += len(gzip.compress(response.get_data()))
    assert total <= 35 * 1024, f"{total} bytes gzip"


def test_days_to_decision_are_summarised_into_the_median_and_buckets():
    found = figures.Figures(year=2026)
    found.summarise_decisions(sorted([0.5, 7.0, 7.01, 14.0, 20.0, 30.0, 30.5, 400.0]))
    assert found.median_days == pytest.approx((14.0 + 20.0) / 2)
    assert found.day_buckets == [(7, 2), (14, 2), (30, 2), (None, 2)]
    found.summarise_decisions([])
    assert found.median_days is None and found.day_buckets == [(7, 0), (14, 0), (30, 0), (None, 0)]


def test_the_figures_are_computed_once_per_interval_and_the_page_says_when(app, client, login_as, world):
    app.config["DASHBOARD_CACHE_SECONDS"] = 300
    login_as("admin")
    statements = []

    def count(*_args):
        statements.append(1)

    first = client.get("/admin/dashboard").get_data(as_text=True)
    assert "Figures computed at " in first and "at most every 5 minutes" in first
    event.listen(db.engine, "before_cursor_execute", count)
    try:
        again = client.get("/admin/dashboard").get_data(as_text=True)
        sheet = client.get("/admin/dashboard/districts.csv")
    finally:
        event.remove(db.engine, "before_cursor_execute", count)
    assert sheet.status_code == 200
    # Only the signed-in account is read again (each request); none of the eight figure queries.
    assert len(statements) <= 2
    assert _html_rows(again, "districts") == _html_rows(first, "districts")


def test_a_long_list_of_posts_shows_those_furthest_below_the_target_and_the_csv_all(app, client, login_as,
                                                                                   monkeypatch):
    from webapp.admin import dashboard_tables

    monkeypatch.setattr(dashboard_tables, "SHOWN_ITEMS", 2)
    admin = make_user("admin", phone="13500000999")
    for title, reserved in (("岗位甲", 5), ("岗位乙", 1), ("岗位丙", 3), ("岗位丁", 2)):  # of 50 places each
        factories.opportunity("post", capacity=reserved, total=50, title=title, creator=admin)
    login_as("admin")
    html = unescape(client.get("/admin/dashboard").get_data(as_text=True))
    assert [row[0] for row in _html_rows(html, "posts")] == ["岗位乙", "岗位丁"]  # 2% and 4%, below 5%
    assert "2 posts are below the target of 5.0%." in html
    assert "Shown here: the 2 furthest below the target, of 4" in html
    assert sorted(row[0] for row in _csv(client, "posts")[1:]) == sorted(["岗位甲", "岗位乙", "岗位丙", "岗位丁"])
