"""Applicants see their own checks: the identity check (verified / to be checked / needs
correcting, with the caseworker's note) and the 职业能力评估 with its recommended directions,
and whom to tell when something is wrong; a helper reads the same about the person."""
import html
import re

from tests import factories
from tests.conftest import make_user
from tests.web.family_helpers import link_helper
from webapp.services.casework import assessments, verification
from webapp.services.identity import profiles


def _overview(browser) -> str:
    return html.unescape(browser.get("/me/profile").get_data(as_text=True))


def _personal_details_tag(page: str) -> str:
    return re.search(r"Personal details</span>.*?<span class=\"tag [^\"]+\">([^<]+)</span>", page, re.DOTALL).group(1)


def _assess(worker, person, **fields):
    values = {"assessed_on": "2026-11-20", "method": "interview", "work_capacity": "partial",
              "directions": "适合盲人保健按摩、电话客服", "notes": "", "hard_to_employ": False, **fields}
    return assessments.record_assessment(worker, profiles.profile_of(person), **values)


def test_a_submitted_profile_waits_to_be_checked(client_for):
    page = _overview(client_for(factories.applicant()))
    assert "Identity check" in page and "To be checked" in page
    assert "A caseworker of your district will compare your ID and certificate numbers" in page
    assert _personal_details_tag(page) == "Submitted"


def test_a_verified_identity_says_so_with_who_and_when(worker, client_for):
    person = factories.applicant()
    verification.verify_identity(worker, profiles.profile_of(person), True, None)
    page = _overview(client_for(person))
    assert "Verified" in page and "To be checked" not in page
    assert "Your ID and disability certificate numbers match the photos of your documents." in page
    assert re.search(r"Checked on .+ by 李芳\.", page)
    assert _personal_details_tag(page) == "Verified"


def test_an_identity_that_needs_correcting_shows_the_note_and_where_to_fix_it(worker, client_for):
    person = factories.applicant()
    verification.verify_identity(worker, profiles.profile_of(person), False, "残疾人证照片看不清号码")
    page = _overview(client_for(person))
    assert "Needs correcting" in page and _personal_details_tag(page) == "Needs correcting"
    assert "The caseworker's note:</strong> 残疾人证照片看不清号码" in page
    assert 'href="/me/identity/check?next=/me/profile"' in page and 'href="/me/evidence?next=/me/profile"' in page


def test_the_assessment_and_its_directions_are_shown_once_recorded(worker, client_for):
    person = factories.applicant()
    browser = client_for(person)
    assert "Not recorded yet." in _overview(browser)
    _assess(worker, person, hard_to_employ=True)
    page = _overview(browser)
    assert "Vocational ability assessment" in page and "Not recorded yet." not in page
    assert "Can do some kinds of work" in page and "Interview" in page and "by 李芳" in page
    assert "Recommended directions" in page and "适合盲人保健按摩、电话客服" in page
    assert "you are counted as having difficulty finding work" in page


def test_the_latest_assessment_is_the_one_shown(worker, client_for):
    person = factories.applicant()
    _assess(worker, person, assessed_on="2026-01-10", directions="适合手工编织")
    _assess(worker, person, assessed_on="2026-11-20", directions="适合电话客服")
    page = _overview(client_for(person))
    assert "适合电话客服" in page and "适合手工编织" not in page


def test_the_page_says_whom_to_tell_when_something_is_wrong(client_for):
    person = factories.applicant(district="pingding")
    page = _overview(client_for(person))
    assert "If something here is wrong" in page
    assert ("Tell the caseworkers of the Disabled Persons' Federation of Pingding County: call the service "
            "hotline 12385") in page
    assert f"Give the profile reference {profiles.reference(profiles.profile_of(person))}." in page


def test_in_chinese_the_checks_read_in_plain_words(worker, client_for):
    person = factories.applicant()
    verification.verify_identity(worker, profiles.profile_of(person), True, None)
    _assess(worker, person)
    page = html.unescape(client_for(person, lang="zh-CN").get("/me/profile").get_data(as_text=True))
    assert "基础信息核对" in page and "已核对通过" in page and "职业能力评估" in page and "建议就业方向" in page
    assert "城区残联的工作人员" in page and "12385" in page


def test_a_helper_sees_the_same_worded_about_the_person(worker, client_for):
    person = factories.applicant()
    verification.verify_identity(worker, profiles.profile_of(person), True, None)
    _assess(worker, person)
    helper = make_user("helper", phone="13722220002", name="王女儿")
    link_helper(person, helper)
    browser = client_for(helper)
    browser.post(f"/me/acting/{person.id}")
    page = _overview(browser)
    assert "Their ID and disability certificate numbers match the photos of their documents." in page
    assert "What work they can do" in page and "适合盲人保健按摩、电话客服" in page
    assert "Your ID and" not in page and "What work you can do" not in page


def test_nobody_sees_someone_elses_checks(worker, client_for):
    person = factories.applicant()
    verification.verify_identity(worker, profiles.profile_of(person), False, "号码不一致")
    assert "号码不一致" not in _overview(client_for(factories.applicant()))
