"""Saved items (收藏): saving and unsaving, the saved list, saving for someone, and who may save."""
from sqlalchemy import select

from tests.conftest import make_user
from tests.web.finding_helpers import count_queries, item, titles
from webapp.extensions import db
from webapp.models import AuditEvent, HelperLink, SavedItem


def test_save_and_unsave_toggle_are_listed_and_audited(client, admin, login_as):
    user = login_as()
    course = item(admin, title="电商直播带货入门")
    detail = client.get(f"/training/{course.id}").get_data(as_text=True)
    assert "Save for later" in detail and "Remove from saved" not in detail
    response = client.post(f"/saved/{course.id}")
    assert response.status_code == 303 and response.location.endswith(f"/training/{course.id}")
    assert "Remove from saved" in client.get(f"/training/{course.id}").get_data(as_text=True)
    saved = client.get("/me/saved")
    assert titles(saved) == ["电商直播带货入门"]
    client.post(f"/saved/{course.id}", data={"next": "/me/saved"})
    assert titles(client.get("/me/saved")) == []
    assert "You have not saved anything yet" in client.get("/me/saved").get_data(as_text=True)
    db.session.expire_all()
    actions = db.session.scalars(select(AuditEvent.action).where(AuditEvent.subject_id == user.id)
                                 .order_by(AuditEvent.id)).all()
    assert [a for a in actions if a.startswith("saved.")] == ["saved.added", "saved.removed"]
    assert db.session.scalar(select(SavedItem.id)) is None


def test_the_saved_list_costs_the_same_queries_however_long_and_hides_drafts(app, client, admin, login_as):
    user = login_as()
    db.session.add(SavedItem(user_id=user.id, opportunity_id=item(admin, title="收藏0").id))
    db.session.commit()
    one = count_queries(app, lambda: client.get("/me/saved"))
    for n in range(1, 4):
        db.session.add(SavedItem(user_id=user.id, opportunity_id=item(admin, title=f"收藏{n}").id))
    db.session.add(SavedItem(user_id=user.id, opportunity_id=item(admin, title="撤回的", status="draft").id))
    db.session.commit()
    assert count_queries(app, lambda: client.get("/me/saved")) == one
    assert sorted(titles(client.get("/me/saved"))) == ["收藏0", "收藏1", "收藏2", "收藏3"]


def test_a_helper_saves_for_the_person_they_act_for(client, admin, login_as):
    person = make_user(phone="13900008888", name="王芳")
    helper = login_as("helper")
    db.session.add(HelperLink(applicant_id=person.id, helper_id=helper.id, relationship_label="女儿",
                              created_by_id=person.id))
    db.session.commit()
    course = item(admin, title="手工编织")
    assert client.post(f"/saved/{course.id}").status_code == 303
    db.session.expire_all()
    assert db.session.scalar(select(SavedItem.user_id)) == person.id
    event = db.session.scalar(select(AuditEvent).where(AuditEvent.action == "saved.added"))
    assert (event.actor_id, event.subject_id, event.on_behalf_of_id) == (helper.id, person.id, person.id)
    assert titles(client.get("/me/saved")) == ["手工编织"]


def test_signed_out_people_are_sent_to_sign_in_to_save(client, admin):
    course = item(admin)
    response = client.post(f"/saved/{course.id}")
    assert response.status_code == 302 and "/auth/login" in response.location
    assert "/auth/login" in client.get("/me/saved").location
    page = client.get(f"/training/{course.id}").get_data(as_text=True)
    assert "Sign in to apply or save this for later" in page and "Save for later</button>" not in page


def test_staff_cannot_save_or_see_a_saved_list(client, admin, login_as):
    login_as("caseworker", district="chengqu")
    course = item(admin)
    assert client.post(f"/saved/{course.id}").status_code == 403
    assert client.get("/me/saved").status_code == 403
    assert f'href="/apply/{course.id}"' not in client.get(f"/training/{course.id}").get_data(as_text=True)


def test_saving_a_draft_is_not_found(client, admin, login_as):
    login_as()
    assert client.post(f"/saved/{item(admin, status='draft').id}").status_code == 404
