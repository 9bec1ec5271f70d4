"""Point 8: where a post's stated requirements meet what the person registered, the applicant is told
kindly before applying and the caseworker sees it on the application; applying is never blocked."""
import html as html_module
import re

from sqlalchemy import func, select

from tests import factories
from tests.web.casework_helpers import claimed, text
from webapp.extensions import db
from webapp.models import Application
from webapp.services.casework import decisions
from webapp.services.common.acting import Acting
from webapp.services.needs import steps, versions

DEMO_POST = "能独立行走或使用轮椅，能完成简单体力劳动。"


def _words(page: str) -> str:
    return re.sub(r"\s+", " ", html_module.unescape(re.sub(r"<[^>]+>", " ", page)))


def test_a_visually_impaired_applicant_is_told_kindly_and_can_still_apply(app, client_for):
    person = factories.applicant(category="1")  # 视力残疾
    post = factories.opportunity("post", physical_requirements=DEMO_POST)
    client = client_for(person)
    page = text(client.get(f"/apply/{post.id}"))
    words = _words(page)
    assert "Worth checking before you apply" in words
    assert "You registered: a visual disability. It asks for walking on one's own." in words
    assert f"What it says: {DEMO_POST}" in words
    assert "You can still apply." in words
    assert "error-summary" not in page.split("Worth checking")[0].split("<main")[-1]  # information, not an error
    response = client.post(f"/apply/{post.id}")
    assert response.status_code == 303 and "/answers" in response.headers["Location"]
    assert db.session.scalar(select(func.count()).select_from(Application)
                             .where(Application.opportunity_id == post.id)) == 1


def test_needs_from_the_registration_count_and_nothing_shows_when_nothing_meets(app, client_for):
    person = factories.applicant(category="2")  # 听力残疾: walking and labour are no concern
    post = factories.opportunity("post", physical_requirements=DEMO_POST)
    client = client_for(person)
    assert "Worth checking" not in text(client.get(f"/apply/{post.id}"))
    me = Acting(person, person)
    steps.save_step(me, "status", {"employment_status": "unemployed"})
    steps.save_step(me, "pattern", {"work_patterns": ["part_time"]})
    steps.save_step(me, "accommodations", {"accommodations": ["sign_interpreter"]})
    versions.submit(me)
    course = factories.opportunity("course", accessibility=["step_free"])
    words = _words(text(client.get(f"/apply/{course.id}")))
    assert "You registered: a hearing disability. It lists no sign language interpreter at its venue." in words


def test_the_caseworker_sees_the_same_note_on_the_application(app, worker, client_for):
    application = claimed(worker, category="1")
    application.opportunity.physical_requirements = DEMO_POST
    db.session.commit()
    words = _words(text(client_for(worker).get(f"/casework/applications/{application.reference}")))
    assert "Worth checking before deciding" in words
    assert "The person registered: a visual disability. It asks for walking on one's own." in words
    assert "This does not decide anything." in words
    # summary, the note, then the decision: before the folded details
    assert words.index("Worth checking") < words.index("Decision") < words.index("Answers sent")


def test_no_note_for_a_post_that_states_no_requirements(app, worker, client_for):
    application = decisions.claim(worker, factories.submitted(factories.applicant(category="1"),
                                                              factories.opportunity("post")))
    assert "Worth checking" not in text(client_for(worker).get(f"/casework/applications/{application.reference}"))
