"""Subsidies and funding on the application machine: each measure's own questions and photos, the
district's decision with an amount, the city's sign-off above its threshold, the payment, and the
dashboard's people funded."""
import io
import json
import re
from datetime import date, timedelta

import pytest
from sqlalchemy import func, select

from tests import factories
from tests.conftest import make_user
from tests.web.casework_helpers import status_of
from tests.web.casework_helpers import text as raw_text
from tests.web.subsidy_helpers import ANSWERS, EVERY_LABEL, LABELS, K, enrolled_course, item, jpeg, under_review
from webapp.extensions import db
from webapp.models import Application, ApplicationEvent, AuditEvent, Notice, SubsidyAward
from webapp.services.common import dates
from webapp.services.reports import figures
from webapp.services.subsidies import awards, settings


def text(response) -> str:
    """The page, with apostrophes as typed (Jinja may escape them)."""
    return raw_text(response).replace("&#39;", "'")


def _audits(action: str) -> list[dict]:
    db.session.expire_all()
    rows = db.session.scalars(select(AuditEvent).where(AuditEvent.action == action).order_by(AuditEvent.id))
    return [{"actor_id": row.actor_id, **json.loads(row.detail)} for row in rows]


def _award(application) -> SubsidyAward:
    db.session.expire_all()
    return db.session.scalar(select(SubsidyAward).where(SubsidyAward.application_id == application.id))


def _error_beside(page: str, field_id: str) -> str | None:
    found = re.search(rf'id="{field_id}-error"><span class="visually-hidden">Error:</span> ([^<]+)</p>', page)
    return found.group(1).strip() if found else None


# Applying ----------------------------------------------------------------------------------------

@pytest.mark.parametrize("measure", list(K))
def test_each_measure_asks_only_its_questions_and_takes_photos(app, client, worker, measure, password):
    person = factories.applicant()
    answers = dict(ANSWERS[measure])
    if measure == K.TRAINING:
        answers["course"] = enrolled_course(person, worker).reference
    subsidy = item(measure)
    _sign_in(client, person, password)
    started = client.post(f"/apply/{subsidy.id}")
    assert started.status_code == 303
    answers_url = started.headers["Location"]
    page = text(client.get(answers_url))
    asked = {label for label in EVERY_LABEL if f">{label}</" in page}
    assert asked == set(LABELS[measure])
    saved = client.post(answers_url, data=answers)
    assert saved.status_code == 303 and saved.headers["Location"].endswith("/photos")
    reference = answers_url.split("/")[-2]
    application = db.session.scalar(select(Application).where(Application.reference == reference))
    assert set(application.answers) == set(ANSWERS[measure]) | ({"course"} if measure == K.TRAINING else set())
    # No photo yet: it cannot be sent.
    client.post(f"/me/applications/{reference}/check")
    assert status_of(application.id) == "draft"
    added = client.post(f"/me/applications/{reference}/photos", data={"photo": (io.BytesIO(jpeg()), "p.jpg")},
                        content_type="multipart/form-data")
    assert added.status_code == 303
    photos_page = text(client.get(f"/me/applications/{reference}/photos"))
    assert "1 photo added" in photos_page and "Continue: check and send" in photos_page
    checked = text(client.get(f"/me/applications/{reference}/check"))
    assert "Step 4 of 4" in checked and "1 photo added" in checked
    assert client.post(f"/me/applications/{reference}/check").status_code == 303
    assert status_of(application.id) == "submitted"


@pytest.fixture
def password():
    from tests.conftest import PASSWORD
    return PASSWORD


def _sign_in(client, person, password):
    response = client.post("/auth/login", data={"phone": person.phone, "password": password})
    assert response.status_code == 303


def _start(client, subsidy) -> str:
    return client.post(f"/apply/{subsidy.id}").headers["Location"]


@pytest.mark.parametrize("field, typed, message", [
    ("started_on", "2026-02-30", "2026-02-30 is not a real date. Check the month and the day."),
    ("started_on", "next week", "Enter the date as year-month-day, for example 2026-03-01."),
    ("business_name", "", "Answer this question."),
])
def test_a_wrong_answer_is_shown_beside_its_field(app, client, password, field, typed, message):
    person = factories.applicant()
    _sign_in(client, person, password)
    url = _start(client, item(K.SELF_EMPLOYMENT))
    response = client.post(url, data={**ANSWERS[K.SELF_EMPLOYMENT], field: typed})
    assert response.status_code == 422
    assert _error_beside(text(response), field) == message
    assert f'value="{typed}"' in text(response) or field == "business_name"


@pytest.mark.parametrize("field, typed", [("disabled_staff", "0"), ("disabled_staff", "-2"),
                                          ("loan_amount", "十万"), ("loan_amount", "99999999999")])
def test_the_loan_questions_take_only_numbers_in_range(app, client, password, field, typed):
    person = factories.applicant()
    _sign_in(client, person, password)
    url = _start(client, item(K.LOAN))
    response = client.post(url, data={**ANSWERS[K.LOAN], field: typed})
    assert response.status_code == 422 and _error_beside(text(response), field)


def test_the_training_subsidy_offers_only_the_persons_own_enrolled_courses(app, client, worker, password):
    person, other = factories.applicant(), factories.applicant()
    mine = enrolled_course(person, worker)
    theirs = enrolled_course(other, worker)
    waiting = factories.submitted(person, factories.opportunity("course", title="not enrolled"))
    _sign_in(client, person, password)
    url = _start(client, item(K.TRAINING))
    page = text(client.get(url))
    assert mine.reference in page and theirs.reference not in page and waiting.reference not in page
    for reference in (theirs.reference, waiting.reference, "YQ-2026-999999"):
        response = client.post(url, data={"course": reference, "certificate": ""})
        assert response.status_code == 422
        assert _error_beside(text(response), "course") == "Choose one of your courses from the list."
    assert client.post(url, data={"course": mine.reference, "certificate": ""}).status_code == 303


def test_without_an_enrolled_course_the_training_subsidy_says_so(app, client, password):
    person = factories.applicant()
    _sign_in(client, person, password)
    page = text(client.get(_start(client, item(K.TRAINING))))
    assert "This subsidy is for a course you were enrolled on, and you have none yet." in page
    assert 'href="/training"' in page


# The district's decision ---------------------------------------------------------------------------

def test_the_caseworker_approves_with_an_amount_and_a_reason(app, worker, client_for):
    application = under_review(factories.applicant(), worker)
    page = text(client_for(worker).get(f"/casework/applications/{application.reference}"))
    assert "Amount in yuan" in page and "Amounts above 5000 yuan need the city's sign-off" in page
    assert "Photo 1 sent with the application" in page
    response = client_for(worker).post(f"/casework/applications/{application.reference}/award",
                                       data={"award-amount": "3000", "award-reason": "按标准核定"})
    assert response.status_code == 303
    assert status_of(application.id) == "approved"
    award = _award(application)
    assert (award.amount, award.reason, award.decided_by_id, award.threshold) == (3000, "按标准核定", worker.id, 5000)
    event = db.session.scalars(select(ApplicationEvent).where(ApplicationEvent.application_id == application.id)
                               .order_by(ApplicationEvent.id.desc())).first()
    assert (event.to_status, event.reason) == ("approved", "3000 yuan. 按标准核定")
    assert [row["amount"] for row in _audits("subsidy.approved")] == [3000]
    notice = db.session.scalars(select(Notice).where(Notice.application_id == application.id)
                                .order_by(Notice.id.desc())).first()
    assert notice.to_status == "approved"


def test_a_subsidy_is_not_approved_without_an_amount(app, worker, client_for):
    application = under_review(factories.applicant(), worker)
    response = client_for(worker).post(f"/casework/applications/{application.reference}/approve",
                                       data={"confirm": "yes"})
    assert response.status_code == 422
    assert "Approve a subsidy with its amount" in text(response)
    assert status_of(application.id) == "under_review"


@pytest.mark.parametrize("typed, message", [
    ("-500", "Enter an amount of 1 yuan or more."),
    ("0", "Enter an amount of 1 yuan or more."),
    ("99999999999999999999999", "Enter 10000000 yuan or less."),
    ("9" * 5000, "Enter 10000000 yuan or less."),
    ("三千", "Enter a whole number of yuan in figures, for example 3000."),
    ("3000.50", "Enter a whole number of yuan in figures, for example 3000."),
    ("1e4", "Enter a whole number of yuan in figures, for example 3000."),
    ("－３０００", "Enter an amount of 1 yuan or more."),
    ("", "Enter the amount in yuan, for example 3000."),
])
def test_a_wrong_amount_is_refused_with_a_message_and_changes_nothing(app, worker, client_for, typed, message):
    application = under_review(factories.applicant(), worker)
    response = client_for(worker).post(f"/casework/applications/{application.reference}/award",
                                       data={"award-amount": typed, "award-reason": "按标准核定"})
    assert response.status_code == 422
    assert _error_beside(text(response), "award-amount") == message
    assert status_of(application.id) == "under_review" and _award(application) is None
    assert not _audits("subsidy.approved")


def test_full_width_digits_and_separators_are_read_as_the_amount(app, worker, client_for):
    application = under_review(factories.applicant(), worker)
    response = client_for(worker).post(f"/casework/applications/{application.reference}/award",
                                       data={"award-amount": "３，０００元", "award-reason": "按标准核定"})
    assert response.status_code == 303 and _award(application).amount == 3000


def test_an_amount_without_a_reason_is_refused(app, worker, client_for):
    application = under_review(factories.applicant(), worker)
    response = client_for(worker).post(f"/casework/applications/{application.reference}/award",
                                       data={"award-amount": "3000", "award-reason": "  "})
    assert response.status_code == 422
    assert _error_beside(text(response), "award-reason").startswith("Give the reason for the amount")
    assert status_of(application.id) == "under_review"


def test_the_wrong_districts_caseworker_gets_404(app, worker, client_for):
    application = under_review(factories.applicant(), worker)
    other = make_user("caseworker", phone="13711110009", name="矿区", district="kuangqu")
    browser = client_for(other)
    for action, data in (("award", {"award-amount": "100", "award-reason": "x"}),
                         ("payment", {"payment-paid_on": "2026-01-01", "payment-paid_amount": "1"})):
        assert browser.post(f"/casework/applications/{application.reference}/{action}", data=data).status_code == 404
    assert status_of(application.id) == "under_review"


def test_the_applicant_cannot_approve_sign_off_or_record_payment(app, worker, client, password):
    person = factories.applicant()
    application = under_review(person, worker)
    _sign_in(client, person, password)
    for action in ("award", "sign-off", "send-back", "refuse", "payment"):
        response = client.post(f"/casework/applications/{application.reference}/{action}",
                               data={"award-amount": "100", "award-reason": "x"})
        assert response.status_code == 403, action
    assert status_of(application.id) == "under_review"


def test_another_caseworker_of_the_district_cannot_decide_one_they_did_not_claim(app, worker, client_for):
    application = under_review(factories.applicant(), worker)
    colleague = make_user("caseworker", phone="13711110008", name="同事", district="chengqu")
    response = client_for(colleague).post(f"/casework/applications/{application.reference}/award",
                                          data={"award-amount": "100", "award-reason": "x"})
    assert response.status_code == 409 and status_of(application.id) == "under_review"


# The city's sign-off ----------------------------------------------------------------------------------

def test_above_the_threshold_it_waits_for_the_citys_sign_off(app, worker, admin, client_for):
    person = factories.applicant()
    application = under_review(person, worker)
    response = client_for(worker).post(f"/casework/applications/{application.reference}/award",
                                       data={"award-amount": "8000", "award-reason": "吸纳残疾人就业"})
    assert response.status_code == 303 and status_of(application.id) == "awaiting_city"
    # The caseworker may neither pay it nor sign it off.
    page = text(client_for(worker).get(f"/casework/applications/{application.reference}"))
    assert "an administrator of the city signs it off next" in page and "Record the payment" not in page
    assert client_for(worker).post(f"/casework/applications/{application.reference}/sign-off").status_code == 403
    assert client_for(worker).post(f"/casework/applications/{application.reference}/payment",
                                   data={"payment-paid_on": dates.today().isoformat(),
                                         "payment-paid_amount": "8000"}).status_code == 409
    # The city lists it, and signs it off.
    city = client_for(admin)
    listed = text(city.get("/admin/subsidies"))
    assert "1 decision waits for the city's sign-off" in listed and application.reference in listed
    assert "Sign off 8000 yuan" in text(city.get(f"/casework/applications/{application.reference}"))
    assert city.post(f"/casework/applications/{application.reference}/sign-off").status_code == 303
    assert status_of(application.id) == "approved"
    award = _award(application)
    assert award.signed_off_by_id == admin.id and award.signed_off_at is not None
    assert [row["actor_id"] for row in _audits("subsidy.signed_off")] == [admin.id]
    assert "Nothing waits for the city's sign-off." in text(city.get("/admin/subsidies"))


def test_at_the_threshold_the_district_decides_alone(app, worker, client_for):
    application = under_review(factories.applicant(), worker)
    client_for(worker).post(f"/casework/applications/{application.reference}/award",
                            data={"award-amount": "5000", "award-reason": "按标准"})
    assert status_of(application.id) == "approved"


def test_the_city_sends_it_back_and_the_district_decides_again(app, worker, admin, client_for):
    application = under_review(factories.applicant(), worker)
    awards.approve(worker, application, "9000", "吸纳残疾人就业")
    city = client_for(admin)
    refused = city.post(f"/casework/applications/{application.reference}/send-back", data={"send_back-reason": ""})
    assert refused.status_code == 422 and status_of(application.id) == "awaiting_city"
    response = city.post(f"/casework/applications/{application.reference}/send-back",
                         data={"send_back-reason": "金额超过标准，请按5000元以内核定"})
    assert response.status_code == 303 and status_of(application.id) == "under_review"
    # While the district decides again, the applicant is not shown the amount sent back.
    mine = text(client_for(application.applicant).get(f"/me/applications/{application.reference}"))
    assert "Amount and payment" not in mine and "9000" not in mine.split("What has happened")[0]
    client_for(worker).post(f"/casework/applications/{application.reference}/award",
                            data={"award-amount": "5000", "award-reason": "按标准核定"})
    assert status_of(application.id) == "approved" and _award(application).amount == 5000


def test_the_city_may_refuse_it_with_a_reason(app, worker, admin, client_for):
    application = under_review(factories.applicant(), worker)
    awards.approve(worker, application, "9000", "吸纳残疾人就业")
    response = client_for(admin).post(f"/casework/applications/{application.reference}/refuse",
                                      data={"refuse-reason": "不符合资助条件"})
    assert response.status_code == 303 and status_of(application.id) == "rejected"


def test_the_admin_sets_the_threshold_on_a_page_and_it_is_audited(app, worker, admin, client_for):
    city = client_for(admin)
    assert 'value="5000"' in text(city.get("/admin/subsidies"))
    for typed in ("-1", "五千", "99999999999"):
        response = city.post("/admin/subsidies", data={"threshold": typed})
        assert response.status_code == 422 and _error_beside(text(response), "threshold")
    assert settings.threshold() == 5000
    assert city.post("/admin/subsidies", data={"threshold": "10000"}).status_code == 303
    assert settings.threshold() == 10000
    assert [(row["before"], row["after"]) for row in _audits("subsidy.threshold_set")] == [(5000, 10000)]
    application = under_review(factories.applicant(), worker)
    awards.approve(worker, application, "8000", "按标准")
    assert status_of(application.id) == "approved"
    assert client_for(worker).get("/admin/subsidies").status_code == 403


# Payment ---------------------------------------------------------------------------------------------

def test_the_payment_is_recorded_and_the_applicant_sees_it(app, worker, client_for, password):
    person = factories.applicant()
    application = under_review(person, worker)
    awards.approve(worker, application, "3000", "按标准核定")
    browser = client_for(worker)
    today = dates.today()
    for day, amount, field, message in (
            ((today + timedelta(days=1)).isoformat(), "3000", "payment-paid_on", "The day it was paid cannot be after today."),
            (today.isoformat(), "3001", "payment-paid_amount", "Enter 3000 yuan or less."),
            (today.isoformat(), "-1", "payment-paid_amount", "Enter an amount of 1 yuan or more."),
            ("yesterday", "3000", "payment-paid_on", "Enter the date as year-month-day, for example 2026-12-01.")):
        response = browser.post(f"/casework/applications/{application.reference}/payment",
                                data={"payment-paid_on": day, "payment-paid_amount": amount})
        assert response.status_code == 422 and _error_beside(text(response), field) == message
    assert status_of(application.id) == "approved"
    response = browser.post(f"/casework/applications/{application.reference}/payment",
                            data={"payment-paid_on": today.isoformat(), "payment-paid_amount": "3000"})
    assert response.status_code == 303 and status_of(application.id) == "paid"
    award = _award(application)
    assert (award.paid_on, award.paid_amount, award.paid_by_id) == (today, 3000, worker.id)
    mine = client_for(person)
    page = text(mine.get(f"/me/applications/{application.reference}"))
    assert "3000 yuan" in page and "Paid" in page
    assert f"3000 yuan paid on {today.isoformat()}." in page  # on the timeline
    notices = text(mine.get("/me/notices"))
    assert f"Application {application.reference}: Paid" in notices
    # Paid is final: nothing more to decide or pay.
    again = browser.post(f"/casework/applications/{application.reference}/payment",
                         data={"payment-paid_on": today.isoformat(), "payment-paid_amount": "3000"})
    assert again.status_code == 409


# The dashboard -----------------------------------------------------------------------------------------

def test_people_funded_are_those_paid_a_subsidy_this_year(app, worker, admin, client_for):
    first, second, approved_only = (factories.applicant() for _ in range(3))
    for person in (first, second):
        for measure in (K.SELF_EMPLOYMENT, K.FAMILY_BUSINESS):  # two payments, one person each
            application = under_review(person, worker, item(measure))
            awards.approve(worker, application, "1000", "按标准")
            awards.pay(worker, application, dates.today().isoformat(), "1000")
    awards.approve(worker, under_review(approved_only, worker), "1000", "按标准")  # approved, not paid
    factories.approved(factories.applicant(), factories.opportunity("course"), worker)  # enrolled: not funded
    last_year = under_review(factories.applicant(), worker)
    awards.approve(worker, last_year, "1000", "按标准")
    awards.pay(worker, last_year, dates.today().isoformat(), "1000")
    _award(last_year).paid_on = date(dates.today().year - 1, 12, 31)
    db.session.commit()
    assert figures.compute().funded == 2
    page = text(client_for(admin).get("/admin/dashboard"))
    row = re.search(r'<tr><th scope="row">People funded</th><td[^>]*>(\d+)</td><td[^>]*>130</td>', page)
    assert row and row.group(1) == "2"


# Finding and publishing --------------------------------------------------------------------------------

def test_subsidies_are_found_on_their_own_list_by_measure(app, client):
    loan, insurance = item(K.LOAN, title="贴息推荐"), item(K.SOCIAL_INSURANCE, title="社保补贴")
    page = text(client.get("/subsidies"))
    assert "2 subsidies found" in page and f"/subsidies/{loan.id}" in page and f"/subsidies/{insurance.id}" in page
    filtered = text(client.get("/subsidies?category=loan"))
    assert "1 subsidy found" in filtered and "贴息推荐" in filtered and "社保补贴" not in filtered
    detail = text(client.get(f"/subsidies/{loan.id}"))
    assert "Recommendation for an interest-subsidised business loan" in detail and f"/apply/{loan.id}" in detail
    assert "Sign in to apply" in detail
    assert "/subsidies" in text(client.get("/opportunities"))
    assert client.get(f"/subsidies/{factories.opportunity('post').id}").status_code == 404


def test_the_admin_publishes_a_subsidy_through_the_publish_flow(app, admin, client_for):
    city = client_for(admin)
    assert city.get("/admin/opportunities/new/subsidy").status_code == 200
    data = {"title": "2027年家庭经营资助", "category": "family_business", "provider": "城区残联",
            "description": "农村残疾人家庭", "district": "chengqu", "subsidy": "每户最高5000元", "capacity": "130",
            "opens_on": "", "deadline": (dates.today() + timedelta(days=30)).isoformat(), "contact": "",
            "what_to_bring": ""}
    refused = city.post("/admin/opportunities/new/subsidy", data={**data, "category": "lottery"})
    assert refused.status_code == 422 and _error_beside(text(refused), "category")
    response = city.post("/admin/opportunities/new/subsidy", data=data)
    assert response.status_code == 303
    from webapp.models import Opportunity
    made = db.session.scalar(select(Opportunity).where(Opportunity.title == "2027年家庭经营资助"))
    assert (made.kind, made.subsidy_kind, made.capacity) == ("subsidy", K.FAMILY_BUSINESS, 130)
    assert city.post(f"/admin/opportunities/{made.id}/publish").status_code == 303


def test_each_decision_step_is_one_event_and_one_notice(app, worker, admin):
    application = under_review(factories.applicant(), worker)

    def counted():
        return (db.session.scalar(select(func.count()).select_from(ApplicationEvent)
                                  .where(ApplicationEvent.application_id == application.id)),
                db.session.scalar(select(func.count()).select_from(Notice)
                                  .where(Notice.application_id == application.id)))
    before = counted()
    awards.approve(worker, application, "9000", "按标准")
    awards.sign_off(admin, application)
    awards.pay(worker, application, dates.today().isoformat(), "9000")
    after = counted()
    assert (after[0] - before[0], after[1] - before[1]) == (3, 3)
    assert status_of(application.id) == "paid"


def test_the_city_sees_the_photos_of_the_subsidy_it_signs_off_and_the_view_is_audited(app, worker, admin, client_for):
    from webapp.models import SubsidyPhoto

    application = under_review(factories.applicant(), worker)
    evidence_id = db.session.scalar(select(SubsidyPhoto.evidence_id).where(
        SubsidyPhoto.application_id == application.id))
    city = client_for(admin)
    page = city.get(f"/casework/applications/{application.reference}").get_data(as_text=True)
    assert f"/evidence/{evidence_id}/" in page
    with city.get(f"/evidence/{evidence_id}/full") as response:
        assert response.status_code == 200 and response.mimetype == "image/jpeg"
    assert [row["evidence_id"] for row in _audits("evidence.viewed")] == [evidence_id]
