"""Point 7: caseworkers lose no time. A fair queue (oldest first, days waiting), a page that agrees with
the state machine after a resubmission, a confirmation before a decision, one audit row per look at
the photos, a page grouped summary-first, closed items counted as closed, and place names said once."""
import io
import re
from datetime import timedelta

from PIL import Image
from sqlalchemy import select, update
from werkzeug.datastructures import FileStorage

from tests import factories
from tests.conftest import make_user
from tests.web.casework_helpers import actions, claimed, counts, references, status_of, text
from webapp.extensions import db
from webapp.models import Application, AuditEvent, Opportunity, OpportunityStatus, User
from webapp.models.base import utcnow
from webapp.services.applications import machine
from webapp.services.casework import decisions
from webapp.services.common import dates
from webapp.services.common.acting import Acting
from webapp.services.identity import evidence


def _sent_days_ago(application, days: int) -> None:
    db.session.execute(update(Application).where(Application.id == application.id)
                       .values(submitted_at=utcnow() - timedelta(days=days, hours=1)))
    db.session.commit()


def _resubmitted(worker):
    """Claimed by the worker, sent back for more, and sent again by the applicant."""
    application = claimed(worker)
    decisions.ask(worker, application, "请补充上传身份证照片")
    person = db.session.get(User, application.applicant_id)
    return machine.resubmit(Acting(person, person), db.session.get(Application, application.id))


# The queue ---------------------------------------------------------------------------------------

def test_the_queue_is_oldest_first_with_days_waiting_and_decided_ones_after(app, worker, client_for):
    post = factories.opportunity("post")
    week = factories.submitted(factories.applicant(name="等一周"), post)
    month = factories.submitted(factories.applicant(name="等一月"), post)
    today = factories.submitted(factories.applicant(name="今天到"), post)
    _sent_days_ago(week, 7)
    _sent_days_ago(month, 30)
    decided = claimed(worker)
    _sent_days_ago(decided, 60)
    decisions.reject(worker, decided, "名额已满")
    response = client_for(worker).get("/casework")
    assert references(response) == [month.reference, week.reference, today.reference, decided.reference]
    page = text(response)
    assert "Those waiting for a decision come first, the longest waiting at the top." in page
    assert re.search(rf"{month.reference}</span>.*?waiting 30 days", page, re.S)
    assert re.search(rf"{week.reference}</span>.*?waiting 7 days", page, re.S)


def test_a_resubmitted_application_goes_to_the_back_and_counts_as_not_claimed(app, worker, client_for):
    earlier = factories.submitted(factories.applicant(), factories.opportunity("post"))
    _sent_days_ago(earlier, 2)
    again = _resubmitted(worker)
    _sent_days_ago(again, 5)  # first sent long ago; sent again now:
    db.session.execute(update(Application).where(Application.id == again.id).values(submitted_at=utcnow()))
    db.session.commit()
    client = client_for(worker)
    assert references(client.get("/casework")) == [earlier.reference, again.reference]
    assert references(client.get("/casework?unassigned=y")) == [earlier.reference, again.reference]
    row = text(client.get("/casework")).split(f"{again.reference}</span>")[1].split("</li>")[0]
    assert "Not claimed · sent again, last checked by 李芳" in row and "Checked by 李芳" not in row


def test_after_a_resubmission_the_page_names_no_reviewer_while_nobody_reviews(app, worker, client_for):
    application = _resubmitted(worker)
    page = text(client_for(worker).get(f"/casework/applications/{application.reference}"))
    summary = page.split('id="summary-title"')[1].split("</section>")[0]
    assert "Not claimed · sent again, last checked by 李芳" in summary
    assert "Checked by 李芳" not in summary
    assert "Nobody is checking this application yet. Claim it to decide." in page


# Confirming a decision -----------------------------------------------------------------------------

def test_approving_asks_first_and_only_the_confirmed_post_decides(app, worker, client_for):
    application = claimed(worker)
    client = client_for(worker)
    before = (counts(application.id), actions())
    first = client.post(f"/casework/applications/{application.reference}/approve")
    page = text(first)
    assert first.status_code == 200 and "<h2 id=\"confirm-title\" tabindex=\"-1\" autofocus>Approve this application?" in page
    assert 'name="confirm" value="yes"' in page and ">Yes, approve</button>" in page
    assert f'href="/casework/applications/{application.reference}">No, go back to the application</a>' in page
    assert status_of(application.id) == "under_review" and (counts(application.id), actions()) == before
    second = client.post(f"/casework/applications/{application.reference}/approve", data={"confirm": "yes"})
    assert second.status_code == 303 and status_of(application.id) == "approved"


def test_not_approving_shows_the_reason_the_applicant_will_read_before_deciding(app, worker, client_for):
    application = claimed(worker)
    client = client_for(worker)
    first = client.post(f"/casework/applications/{application.reference}/reject",
                        data={"reject-text": "证件照片看不清"})
    page = text(first)
    assert first.status_code == 200 and "Do not approve this application?" in page
    assert re.search(r'<blockquote class="quote">证件照片看不清。?</blockquote>', page)
    assert 'name="reject-text" value="证件照片看不清"' in page and ">Yes, do not approve</button>" in page
    assert status_of(application.id) == "under_review"
    second = client.post(f"/casework/applications/{application.reference}/reject",
                         data={"reject-text": "证件照片看不清", "confirm": "yes"})
    assert second.status_code == 303 and status_of(application.id) == "rejected"


def test_the_confirmation_is_refused_like_the_decision_for_someone_else(app, worker, client_for):
    application = claimed(worker)
    colleague = make_user("caseworker", phone="13711110009", name="王磊", district="chengqu")
    response = client_for(colleague).post(f"/casework/applications/{application.reference}/approve")
    assert response.status_code == 409 and "Approve this application?" not in text(response)


# Viewing the photos ----------------------------------------------------------------------------------

def _photos(person) -> dict:
    for kind in ("certificate", "id_card"):
        out = io.BytesIO()
        Image.new("RGB", (640, 400), (200, 200, 180)).save(out, "JPEG")
        out.seek(0)
        evidence.add(Acting(person, person), kind, FileStorage(out, filename="证.jpg"))
    return evidence.current(person)


def _viewed(person_id) -> list[AuditEvent]:
    db.session.expire_all()
    return db.session.scalars(select(AuditEvent).where(AuditEvent.action == "evidence.viewed",
                                                       AuditEvent.subject_id == person_id)).all()


def test_one_view_of_the_page_and_its_two_photos_writes_one_audit_row_in_30_minutes(app, worker, client_for):
    application = claimed(worker)
    photos = _photos(application.applicant)
    client = client_for(worker)
    for _ in range(3):  # the page, reloaded twice, each time with both photos
        assert client.get(f"/casework/applications/{application.reference}").status_code == 200
        for photo in photos.values():
            with client.get(f"/evidence/{photo.id}/full") as response:
                assert response.status_code == 200
    rows = _viewed(application.applicant_id)
    assert len(rows) == 1 and rows[0].actor_id == worker.id
    assert str(sorted(p.id for p in photos.values())) in rows[0].detail and application.reference in rows[0].detail
    db.session.execute(update(AuditEvent).where(AuditEvent.id == rows[0].id)
                       .values(at=utcnow() - timedelta(minutes=31)))
    db.session.commit()
    client.get(f"/casework/applications/{application.reference}")
    assert len(_viewed(application.applicant_id)) == 2


def test_a_page_without_photos_records_no_view(app, worker, client_for):
    application = claimed(worker)
    client_for(worker).get(f"/casework/applications/{application.reference}")
    assert _viewed(application.applicant_id) == []


# The page's shape --------------------------------------------------------------------------------------

def test_summary_and_decision_come_first_and_the_details_are_folded(app, worker, client_for):
    application = claimed(worker)
    page = text(client_for(worker).get(f"/casework/applications/{application.reference}"))
    assert page.index('id="summary-title"') < page.index('id="decision-title"') < page.index('id="answers-title"')
    folds = re.findall(r'<details class="fold" id="(\w+)"( open)?>', page)
    assert [anchor for anchor, _ in folds] == ["answers", "person", "identity", "needs", "assessment", "timeline"]
    assert [anchor for anchor, is_open in folds if is_open] == []  # verified: everything folded
    assert re.search(r'<summary class="fold__summary"><h2 class="fold__title" id="identity-title">', page)


def test_the_identity_check_starts_open_while_the_person_is_not_verified(app, worker, client_for):
    application = claimed(worker, verify=False)
    page = text(client_for(worker).get(f"/casework/applications/{application.reference}"))
    assert '<details class="fold" id="identity" open>' in page


# The admin list and place names --------------------------------------------------------------------------

def test_the_admin_list_counts_items_past_their_deadline_as_closed(app, client, login_as):
    login_as("admin")
    open_one = factories.opportunity("post", title="还能申请")
    past = [factories.opportunity("course", title=f"已过期{n}", deadline_days=-n) for n in (1, 2)]
    by_hand = factories.opportunity("stall", title="提前截止")
    by_hand.status = OpportunityStatus.CLOSED
    db.session.commit()
    page = text(client.get("/admin/opportunities"))
    assert re.search(r">Closed</a> \(3\)|>Closed \(3\)</a>", page), re.findall(r"Closed[^<]*\(\d+\)", page)
    assert re.search(r">Published</a> \(1\)|>Published \(1\)</a>", page)
    closed = text(client.get("/admin/opportunities?status=closed"))
    assert all(title in closed for title in ("已过期1", "已过期2", "提前截止")) and open_one.title not in closed
    assert db.session.get(Opportunity, past[0].id).listed_status(dates.today()) == OpportunityStatus.CLOSED


def test_a_place_is_named_once(app, client):
    stall = factories.opportunity("stall", title="万达广场便民商铺")
    stall.provider = stall.address = "万达广场"
    db.session.commit()
    page = text(client.get(f"/opportunities/{stall.id}"))
    assert "万达广场, Chengqu District" in page and "万达广场, 万达广场" not in page
