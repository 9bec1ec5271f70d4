"""补充材料: what the caseworker asked is at the top of the application page and of the page the
补充信息并重新提交 button opens, with links straight to what must change (each bringing the person
back to the application), and what happens after sending it again."""
import html
import io
import re

import pytest
from PIL import Image
from sqlalchemy import func, select

from tests import factories
from tests.conftest import make_user
from tests.web.casework_helpers import claimed, status_of, text
from tests.web.family_helpers import link_helper
from webapp.extensions import db
from webapp.models import DecisionTemplate, Notice
from webapp.services.applications import requests
from webapp.services.casework.decision_texts import as_sentences


def _asked(worker, client_for, words: str, template: str | None = None):
    """A caseworker sends an application back through the page, as they would."""
    application = claimed(worker)
    data = {"ask-text": words}
    if template:
        row = DecisionTemplate(kind="ask", text=template)
        db.session.add(row)
        db.session.commit()
        data["ask-template"] = str(row.id)
    response = client_for(worker).post(f"/casework/applications/{application.reference}/ask", data=data)
    assert response.status_code == 303
    return application


def _jpeg() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (640, 480), (30, 120, 200)).save(out, "JPEG")
    return out.getvalue()


def _links(page: str) -> list[str]:
    return [html.unescape(href) for href in re.findall(r'href="([^"]+)"', page)]


def test_the_template_and_the_caseworkers_words_read_as_one_punctuated_text(worker, client_for):
    application = _asked(worker, client_for, "照片要清楚，四角完整", template="请补充上传身份证照片")
    stored = db.session.scalars(select(Notice.reason).where(Notice.application_id == application.id)
                                .order_by(Notice.id.desc()).limit(1)).one()
    assert stored == "请补充上传身份证照片。照片要清楚，四角完整。"


@pytest.mark.parametrize("parts, joined", [
    (["请补充上传身份证照片", "照片要清楚"], "请补充上传身份证照片。照片要清楚。"),
    (["请补充上传身份证照片。", ""], "请补充上传身份证照片。"),
    (["名额已满！", "下次优先"], "名额已满！下次优先。"),
    (["Upload the ID card", "请重拍"], "Upload the ID card. 请重拍。"),
])
def test_parts_are_joined_as_sentences(parts, joined):
    assert as_sentences(parts) == joined


def test_the_application_page_shows_the_request_at_the_top_with_links_that_come_back(worker, client_for):
    application = _asked(worker, client_for, "请补充上传身份证照片，以便核对身份")
    person = client_for(application.applicant)
    page = text(person.get(f"/me/applications/{application.reference}"))
    top = page.index("The caseworker needs more information")
    assert top < page.index(html.escape(application.opportunity.title)) < page.index("What has happened")
    assert "What was asked:</strong> 请补充上传身份证照片，以便核对身份。" in page
    back = f"/me/applications/{application.reference}"
    assert f"/me/evidence?next={back}" in _links(page)
    assert f"/me/applications/{application.reference}/answers" in _links(page)
    assert ("When you send it again, it goes back into the caseworkers' queue to be checked again. "
            "You will get a notice here when they decide.") in html.unescape(page)


def test_the_page_the_button_opens_shows_the_same_request_at_its_top(worker, client_for):
    application = _asked(worker, client_for, "请补充上传身份证照片")
    page = text(client_for(application.applicant).get(f"/me/applications/{application.reference}/answers"))
    assert page.index("The caseworker needs more information") < page.index('<form class="form panel"')
    assert "请补充上传身份证照片。" in page
    assert f"/me/evidence?next=/me/applications/{application.reference}" in _links(page)
    assert "The caseworker asked for more information. Update the answers and send again." not in page


def test_a_request_about_the_answers_links_to_the_answers_and_not_to_the_photos(worker, client_for):
    application = _asked(worker, client_for, "请补充说明可以工作的时间")
    page = text(client_for(application.applicant).get(f"/me/applications/{application.reference}"))
    assert "Change the answers of the application" in page
    assert not any(link.startswith("/me/evidence") for link in _links(page))


def test_a_request_about_the_details_links_to_the_profile_and_back(worker, client_for):
    application = _asked(worker, client_for, "身份证号与照片不一致，请核对后修改")
    page = text(client_for(application.applicant).get(f"/me/applications/{application.reference}"))
    assert f"/me/identity/check?next=/me/applications/{application.reference}" in _links(page)


def test_a_request_naming_nothing_offers_every_page(worker, client_for):
    assert requests.about("请补充材料") == (requests.ANSWERS, requests.PHOTOS, requests.PROFILE)


def test_the_photos_page_keeps_the_way_back_through_an_upload(worker, client_for):
    application = _asked(worker, client_for, "请补充上传身份证照片")
    person = client_for(application.applicant)
    back = f"/me/applications/{application.reference}"
    page = text(person.get(f"/me/evidence?next={back}"))
    assert "Done: go back to the page you came from" in page and back in _links(page)
    response = person.post(f"/me/evidence/id_card?next={back}", data={"id_card": (io.BytesIO(_jpeg()), "id.jpg")},
                           content_type="multipart/form-data")
    assert response.status_code == 303 and response.headers["Location"].endswith(f"/me/evidence?next={back}")
    assert back in _links(text(person.get(response.headers["Location"])))


@pytest.mark.parametrize("elsewhere", ["//evil.example/x", "https://evil.example/", "/\t/evil.example"])
def test_the_way_back_never_leaves_the_site(worker, client_for, elsewhere):
    person = client_for(factories.applicant())
    page = text(person.get("/me/evidence", query_string={"next": elsewhere}))
    assert "Done: go back" not in page
    assert not [link for link in _links(page) if "evil.example" in link and not link.startswith("/me/evidence?")]


def test_after_sending_again_it_is_back_in_the_queue_and_the_request_is_gone(worker, client_for):
    application = _asked(worker, client_for, "请补充说明可以工作的时间")
    person = client_for(application.applicant)
    assert person.post(f"/me/applications/{application.reference}/answers",
                       data={"availability": "周一到周五上午"}).status_code == 303
    notices_before = db.session.scalar(select(func.count()).select_from(Notice))
    assert person.post(f"/me/applications/{application.reference}/check").status_code == 303
    assert status_of(application.id) == "submitted"
    assert db.session.scalar(select(func.count()).select_from(Notice)) == notices_before + 1
    page = text(person.get(f"/me/applications/{application.reference}"))
    assert "The caseworker needs more information" not in page
    assert "请补充说明可以工作的时间。" in page  # still in the timeline


def test_a_helper_reads_the_request_about_the_person(worker, client_for):
    application = _asked(worker, client_for, "户籍地址有误，请修改个人信息")
    helper = make_user("helper", phone="13722220001", name="王女儿")
    link_helper(application.applicant, helper)
    browser = client_for(helper)
    browser.post(f"/me/acting/{application.applicant_id}")
    page = text(browser.get(f"/me/applications/{application.reference}"))
    assert "Correct their personal details" in page and "Correct your personal details" not in page
    assert "They will get a notice here when the caseworker decides." in page


def test_someone_elses_application_shows_no_request(worker, client_for):
    application = _asked(worker, client_for, "请补充上传身份证照片")
    stranger = client_for(factories.applicant())
    assert stranger.get(f"/me/applications/{application.reference}").status_code == 404
    assert stranger.get(f"/me/applications/{application.reference}/answers").status_code == 404



def test_confirming_the_details_from_the_request_comes_back_to_the_application(worker, client_for):
    application = _asked(worker, client_for, "身份证号与照片不一致，请核对后修改")
    person = client_for(application.applicant)
    back = f"/me/applications/{application.reference}"
    response = person.post(f"/me/identity/check?next={back}")
    assert response.status_code == 303 and response.headers["Location"].endswith(back)
    assert "The caseworker needs more information" in text(person.get(back))
