"""After creation: publish, close, take back to draft, edits and their record, the list."""
from datetime import timedelta

from sqlalchemy import func, select

from tests.web.publish_helpers import TODAY, audits, day, error_beside, form
from webapp.extensions import db
from webapp.models import Application, Opportunity, OpportunityChange
from webapp.services.opportunities import publishing


def make(admin, kind: str = "course", **changes) -> Opportunity:
    return publishing.create(admin, kind, form(kind, **changes))


def test_publish_close_and_take_back_to_draft(client, login_as):
    admin = login_as("admin")
    item = make(admin, "stall")
    response = client.post(f"/admin/opportunities/{item.id}/publish")
    assert response.status_code == 303 and response.headers["Location"].endswith(f"/{item.id}/edit")
    db.session.refresh(item)
    assert item.status == "published" and item.published_at is not None
    page = client.get(f"/admin/opportunities/{item.id}/edit").get_data(as_text=True)
    assert "Published. People can now find it and apply." in page and "Close applications" in page

    assert client.post(f"/admin/opportunities/{item.id}/close").status_code == 303
    db.session.refresh(item)
    assert item.status == "closed"
    assert client.post(f"/admin/opportunities/{item.id}/unpublish").status_code == 303
    db.session.refresh(item)
    assert item.status == "draft"
    for action, before, after in (("published", "draft", "published"), ("closed", "published", "closed"),
                                  ("unpublished", "closed", "draft")):
        assert audits(f"opportunity.{action}") == [{"actor_id": admin.id, "opportunity_id": item.id,
                                                   "from_status": before, "to_status": after}]


def test_status_buttons_refuse_what_does_not_apply(client, login_as):
    admin = login_as("admin")
    item = make(admin)
    response = client.post(f"/admin/opportunities/{item.id}/close")
    assert response.status_code == 422 and "Only a published item can be closed." in response.get_data(as_text=True)
    assert client.post(f"/admin/opportunities/{item.id}/unpublish").status_code == 422
    assert client.post(f"/admin/opportunities/{item.id}/delete").status_code == 404
    assert client.post("/admin/opportunities/999/publish").status_code == 404
    assert client.get("/admin/opportunities/new/party").status_code == 404
    db.session.refresh(item)
    assert item.status == "draft" and audits("opportunity.closed") == []


def test_a_past_closing_date_cannot_be_published(client, login_as):
    admin = login_as("admin")
    item = make(admin, start_date=day(-30), end_date=day(-1), deadline=day(-40))
    response = client.post(f"/admin/opportunities/{item.id}/publish")
    assert response.status_code == 422
    page = response.get_data(as_text=True)
    assert "The closing date has passed" in error_beside(page, "deadline") and 'href="#deadline"' in page
    assert f'action="/admin/opportunities/{item.id}/edit"' in page  # saving from here saves, not publishes
    db.session.refresh(item)
    assert item.status == "draft" and audits("opportunity.published") == []


def test_nobody_can_take_an_item_back_to_draft_once_people_have_applied(client, login_as):
    admin = login_as("admin")
    item = make(admin, "post")
    publishing.publish(admin, item)
    db.session.add(Application(applicant_id=admin.id, opportunity_id=item.id, status="submitted",
                               created_by_id=admin.id))
    db.session.commit()
    response = client.post(f"/admin/opportunities/{item.id}/unpublish")
    assert response.status_code == 422 and "Close it to stop new applications" in response.get_data(as_text=True)
    db.session.refresh(item)
    assert item.status == "published"


def test_editing_a_published_item_records_each_change(client, login_as):
    admin = login_as("admin")
    item = make(admin)
    publishing.publish(admin, item)
    response = client.post(f"/admin/opportunities/{item.id}/edit",
                           data=form("course", title="盲人按摩中级班", capacity="25", district="yuxian",
                                     accessibility=["step_free"]))
    assert response.status_code == 303
    change = db.session.scalar(select(OpportunityChange))
    assert change.opportunity_id == item.id and change.changed_by_id == admin.id
    assert change.changes == {"title": ["盲人按摩初级班", "盲人按摩中级班"], "capacity": [20, 25],
                              "district": ["chengqu", "yuxian"],
                              "accessibility": [["step_free", "braille_large_print"], ["step_free"]]}
    assert audits("opportunity.updated") == [{"actor_id": admin.id, "opportunity_id": item.id, "status": "published",
                                              "fields": ["accessibility", "capacity", "district", "title"]}]
    page = client.get(f"/admin/opportunities/{item.id}/edit").get_data(as_text=True)
    assert "Change record" in page and "Seats: was 20, now 25" in page
    assert "District: was Chengqu District, now Yu County" in page


def test_editing_a_draft_keeps_no_change_record(client, login_as):
    admin = login_as("admin")
    item = make(admin, "stall")
    seed = item.draw_seed
    response = client.post(f"/admin/opportunities/{item.id}/edit", data=form("stall", total="30", capacity="3"))
    assert response.status_code == 303
    db.session.refresh(item)
    assert (item.total, item.capacity, item.draw_seed) == (30, 3, seed)
    assert db.session.scalar(select(func.count()).select_from(OpportunityChange)) == 0
    assert audits("opportunity.updated")[0]["fields"] == ["total"]


def test_a_refused_edit_changes_nothing(client, login_as):
    admin = login_as("admin")
    item = make(admin, "post")
    publishing.publish(admin, item)
    response = client.post(f"/admin/opportunities/{item.id}/edit", data=form("post", title="新标题", total="100"))
    page = response.get_data(as_text=True)
    assert response.status_code == 422 and "reserve at least 5 of 100" in error_beside(page, "capacity")
    assert 'value="新标题"' in page
    db.session.refresh(item)
    assert (item.title, item.total) == ("社区保洁员", 40)
    assert db.session.scalar(select(func.count()).select_from(OpportunityChange)) == 0


def test_a_published_item_cannot_be_moved_to_a_past_closing_date(client, login_as):
    admin = login_as("admin")
    item = make(admin, "stall", opens_on="")
    publishing.publish(admin, item)
    response = client.post(f"/admin/opportunities/{item.id}/edit", data=form("stall", opens_on="", deadline=day(-1)))
    assert response.status_code == 422
    assert "That date has passed" in error_beside(response.get_data(as_text=True), "deadline")
    db.session.refresh(item)
    assert item.deadline == TODAY + timedelta(20) and item.opens_on is None


def test_the_list_filters_counts_and_pages(client, login_as):
    admin = login_as("admin")
    for number in range(22):
        make(admin, title=f"课程{number:02d}")
    stall = make(admin, "stall")
    publishing.publish(admin, stall)
    page = client.get("/admin/opportunities").get_data(as_text=True)
    assert "23 items" in page and "page 1 of 2" in page and "Published" in page and "Draft" in page
    page = client.get("/admin/opportunities?kind=course&page=2").get_data(as_text=True)
    assert "22 items" in page and "page 2 of 2" in page
    assert "课程01" in page and "课程00" in page and "课程02" not in page  # newest first, 20 a page
    page = client.get("/admin/opportunities?kind=stall&status=published").get_data(as_text=True)
    assert "1 item " in page and "南庄蔬菜市场摊位" in page and "3 of 25 reserved" in page
    assert client.get("/admin/opportunities?kind=post").get_data(as_text=True).count("Nothing here yet.") == 1
    assert client.get("/admin/opportunities?page=9").status_code == 200
