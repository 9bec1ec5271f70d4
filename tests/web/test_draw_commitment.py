"""The stall draw as a step of the opening's admin page: sealed when published (only the commitment
public), possible once applications have closed (deadline or early close), mixed with a public
number typed in at the draw, then published so that anyone can compute the same order."""
import contextlib
import hashlib
import html
import io
import re

import pytest
from sqlalchemy import func, select

from tests import factories
from tests.conftest import make_user
from tests.web.publish_helpers import audits, error_beside, form
from webapp.extensions import db
from webapp.models import Application, Opportunity
from webapp.services.opportunities import publishing

NUMBER, SOURCE = "03 07 12 19 25 31 09", "双色球 2026140期，中国福利彩票网站"
HEX64 = re.compile(r"\b[0-9a-f]{64}\b")
RUN = "Run the draw now"


@pytest.fixture
def opening(client, login_as):
    """A stall opening published by the signed-in admin (the real path), with four approved applicants."""
    admin = login_as("admin")
    stall = publishing.create(admin, "stall", form("stall", opens_on="", capacity="3", total="25"))
    assert client.post(f"/admin/opportunities/{stall.id}/publish").status_code == 303
    caseworker = make_user("caseworker", phone="13711112222", district="chengqu")
    for i in range(4):
        factories.approved(factories.applicant(name=f"李{i}"), db.session.get(Opportunity, stall.id), caseworker)
    return db.session.get(Opportunity, stall.id)


def _text(page: str) -> str:
    return html.unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", page)))


def _outside_details(page: str) -> str:
    return re.sub(r"<details>.*?</details>", "", page, flags=re.DOTALL)


def test_only_the_commitment_is_public_before_the_draw_and_folded_away(client, opening):
    seed, commitment = opening.draw_seed, opening.draw_commitment
    assert commitment == hashlib.sha256(seed.encode()).hexdigest()
    public = client.get(f"/opportunities/{opening.id}/draw").get_data(as_text=True)
    assert seed not in public and commitment in public
    assert commitment not in _outside_details(public)  # only inside the folded technical details
    assert "When and how the draw will happen" in public and "China Welfare Lottery" in public
    detail = client.get(f"/opportunities/{opening.id}").get_data(as_text=True)
    assert not HEX64.search(detail) and "Nobody can choose the order" in detail
    admin_page = client.get(f"/admin/opportunities/{opening.id}/edit").get_data(as_text=True)
    assert seed not in admin_page


def test_before_the_close_the_draw_is_refused_with_a_message_and_no_button(client, opening):
    edit = client.get(f"/admin/opportunities/{opening.id}/edit").get_data(as_text=True)
    assert "Applications are open until" in edit and RUN not in edit
    page = client.get(f"/admin/opportunities/{opening.id}/draw").get_data(as_text=True)
    assert "The draw cannot run yet." in page and RUN not in page and 'name="public_number"' not in page
    response = client.post(f"/admin/opportunities/{opening.id}/draw",
                           data={"public_number": NUMBER, "public_source": SOURCE})
    assert response.status_code == 409 and "Applications are open until" in _text(response.get_data(as_text=True))
    db.session.refresh(opening)
    assert opening.draw_run_at is None and opening.draw_public_number is None and not audits("draw.run")


def test_undecided_applications_hold_the_draw_back(client, opening):
    factories.submitted(factories.applicant(name="未决"), opening)
    client.post(f"/admin/opportunities/{opening.id}/close")
    page = _text(client.get(f"/admin/opportunities/{opening.id}/edit").get_data(as_text=True))
    assert "Applications still waiting for a decision: 1." in page and RUN not in page


def test_an_early_close_sets_closed_at_and_allows_the_draw(client, opening):
    assert client.post(f"/admin/opportunities/{opening.id}/close").status_code == 303
    db.session.refresh(opening)
    assert opening.status == "closed" and opening.closed_at is not None and opening.deadline > opening.closed_at.date()
    edit = client.get(f"/admin/opportunities/{opening.id}/edit").get_data(as_text=True)
    assert "4 approved applicants enter the draw" in edit
    assert f'href="/admin/opportunities/{opening.id}/draw">{RUN}</a>' in edit
    page = client.get(f"/admin/opportunities/{opening.id}/draw").get_data(as_text=True)
    assert 'name="public_number"' in page and f">{RUN}</button>" in page


def test_a_bad_public_number_is_refused_keeping_what_was_typed(client, opening):
    client.post(f"/admin/opportunities/{opening.id}/close")
    response = client.post(f"/admin/opportunities/{opening.id}/draw",
                           data={"public_number": "12 三 34", "public_source": "报纸"})
    page = response.get_data(as_text=True)
    assert response.status_code == 422
    assert "digits only" in error_beside(page, "public_number")
    assert 'value="12 三 34"' in page and 'value="报纸"' in page and "There is a problem" in page
    response = client.post(f"/admin/opportunities/{opening.id}/draw", data={"public_number": NUMBER})
    assert response.status_code == 422 and "Say where anyone can check" in error_beside(
        response.get_data(as_text=True), "public_source")
    db.session.refresh(opening)
    assert opening.draw_run_at is None
    assert db.session.scalar(select(func.count()).select_from(Application).where(
        Application.status == "approved")) == 4


def test_the_draw_runs_once_is_published_and_the_recipe_gives_the_same_order(client, opening):
    client.post(f"/admin/opportunities/{opening.id}/close")
    seed = opening.draw_seed
    response = client.post(f"/admin/opportunities/{opening.id}/draw",
                           data={"public_number": " 03,07，12 19 25 31 09", "public_source": SOURCE})
    assert response.status_code == 303 and response.headers["Location"].endswith(f"/opportunities/{opening.id}/draw")
    db.session.refresh(opening)
    assert (opening.draw_public_number, opening.draw_public_source) == (NUMBER, SOURCE)
    [audit] = audits("draw.run")
    assert audit["public_number"] == NUMBER and len(audit["winners"]) == 3 and audit["entries"] == 4

    page = client.get(response.headers["Location"]).get_data(as_text=True)
    text = _text(page)
    assert "How the order was decided" in text and "How to check it yourself" in text
    assert f"Check the lottery result {NUMBER} here: {SOURCE}." in text
    assert seed in page and opening.draw_commitment in page and "matches the commitment" in text
    assert HEX64.search(_outside_details(page)) is None  # the hex stays folded away
    shown = re.findall(r"<tr><td>(\d+)</td><th scope=\"row\">(YQ-\d{4}-\d{6})</th><td>[^<]*</td><td>([^<]+)</td></tr>",
                       page)
    assert [int(position) for position, _ref, _result in shown] == [1, 2, 3, 4]
    assert [result for *_rest, result in shown] == ["Unit allocated"] * 3 + ["No unit"]
    stored = dict(db.session.execute(select(Application.reference, Application.status)).all())
    assert [stored[ref] for _p, ref, _r in shown] == ["allocated"] * 3 + ["not_allocated"]

    # Anyone: run the published recipe, as printed, and get the same order and the commitment check.
    recipe = html.unescape(re.search(r'<pre class="recipe">(.*?)</pre>', page, re.DOTALL).group(1))
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        exec(recipe, {})  # noqa: S102 - the page's own recipe, which is what a reader would run
    lines = out.getvalue().split("\n")
    assert lines[0] == "True"  # SHA-256 of the seed is the commitment published before
    assert [line.split() for line in lines[1:] if line] == [[p, ref] for p, ref, _r in shown]

    again = client.post(f"/admin/opportunities/{opening.id}/draw", data={"public_number": "1 2 3 4 5 6 7",
                                                                         "public_source": SOURCE})
    assert again.status_code == 409 and "already been run" in _text(again.get_data(as_text=True))
    db.session.refresh(opening)
    assert opening.draw_public_number == NUMBER and len(audits("draw.run")) == 1
    edit = client.get(f"/admin/opportunities/{opening.id}/edit").get_data(as_text=True)
    assert RUN not in edit and "See the published draw" in edit
    detail = client.get(f"/opportunities/{opening.id}").get_data(as_text=True)
    assert not HEX64.search(detail) and "See the result and how to check it yourself" in detail
    assert client.post(f"/admin/opportunities/{opening.id}/publish").status_code == 422  # no reopening


def test_a_passed_deadline_allows_the_draw_without_a_close(client, login_as):
    login_as("admin")
    caseworker = make_user("caseworker", phone="13711113333", district="chengqu")
    stall = factories.opportunity("stall", capacity=1)
    factories.approved(factories.applicant(name="赵一"), stall, caseworker)
    stall.deadline = stall.deadline.replace(year=stall.deadline.year - 1)
    db.session.commit()
    assert f">{RUN}</a>" in client.get(f"/admin/opportunities/{stall.id}/edit").get_data(as_text=True)
    response = client.post(f"/admin/opportunities/{stall.id}/draw", data={"public_number": NUMBER,
                                                                          "public_source": SOURCE})
    assert response.status_code == 303
    assert db.session.scalar(select(Application.status)) == "allocated"


def test_other_kinds_have_no_draw_page(client, login_as):
    login_as("admin")
    course = factories.opportunity("course")
    assert client.get(f"/admin/opportunities/{course.id}/draw").status_code == 404
    assert client.get("/admin/opportunities/999999/draw").status_code == 404


def test_two_admins_pressing_at_once_run_the_draw_once(app):
    from tests.web.test_races import race
    from webapp.services.applications import draw

    admin = make_user("admin", phone="13711114444")
    caseworker = make_user("caseworker", phone="13711115555", district="chengqu")
    stall = factories.opportunity("stall", capacity=1)
    for i in range(3):
        factories.approved(factories.applicant(name=f"钱{i}"), stall, caseworker)
    publishing.close(admin, stall)
    stall_id = stall.id

    ran, refused = race(app, lambda n: draw.run(admin, db.session.get(Opportunity, stall_id), NUMBER, SOURCE),
                        clients=4)
    assert ran == 1 and len(refused) == 3 and all("already been run" in message for message in refused)
    db.session.expire_all()
    assert db.session.get(Opportunity, stall_id).taken == 1 and len(audits("draw.run")) == 1
    statuses = sorted(db.session.scalars(select(Application.status)))
    assert statuses == ["allocated", "not_allocated", "not_allocated"]


def test_publishing_again_reopens_with_the_same_sealed_seed(client, opening):
    seed, commitment = opening.draw_seed, opening.draw_commitment
    client.post(f"/admin/opportunities/{opening.id}/close")
    assert client.post(f"/admin/opportunities/{opening.id}/publish").status_code == 303
    db.session.refresh(opening)
    assert opening.status == "published" and opening.closed_at is None
    assert (opening.draw_seed, opening.draw_commitment) == (seed, commitment)  # never re-rolled
    assert RUN not in client.get(f"/admin/opportunities/{opening.id}/edit").get_data(as_text=True)


def test_a_draft_stall_has_no_draw_yet(client, login_as):
    admin = login_as("admin")
    stall = publishing.create(admin, "stall", form("stall"))
    page = _text(client.get(f"/admin/opportunities/{stall.id}/draw").get_data(as_text=True))
    assert "Publish the opening first" in page and RUN not in page
    assert client.get(f"/opportunities/{stall.id}/draw").status_code == 404  # not public yet
