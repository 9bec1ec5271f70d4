"""The policy guide (/policies): a page per measure in plain words and in easy read, each leading into
a real flow of the app; the screener "这项政策适合我吗？", whose answers stay in the visit unless a
signed-in person saves them; public pages from the page cache; the page-weight budget."""
import re
from html import unescape
from urllib.parse import urlsplit

import pytest
from flask_babel import force_locale
from sqlalchemy import select

from tests import factories
from tests.web.matrix_people import needs_version
from tests.web.test_page_weight import BUDGET, first_visit
from webapp.extensions import db
from webapp.models import AuditEvent, PolicyAnswers, Profile
from webapp.policies.links import FLOWS, href
from webapp.services.policies.measures import EMPLOYERS, MEASURES, RESIDENTS

SLUGS = [measure.slug for measure in MEASURES]
SECTIONS = ("who", "gets", "needs", "apply", "ask")
ANSWERS = {"district": "chengqu", "household_type": "urban", "age_band": "25_44", "work": "unemployed",
           "study": "no", "business": "no"}


def en(text) -> str:
    """A lazy string as the English pages say it (the tests hold an app context in the default language)."""
    with force_locale("en"):
        return str(text)


def _main(page: str) -> str:
    """The words of <main>, without tags."""
    inner = page.split("<main", 1)[1].split("</main>", 1)[0]
    return re.sub(r"\s+", " ", unescape(re.sub(r"<[^>]+>", " ", inner)))


def _hrefs(page: str) -> list[str]:
    inner = page.split("<main", 1)[1].split("</main>", 1)[0]
    return [unescape(h) for h in re.findall(r'<a[^>]* href="([^"]+)"', inner)]


def _titles(page: str) -> list[str]:
    return [unescape(t) for t in re.findall(r'<span class="cell__label">([^<]+)</span>', page)]


def _checked(page: str) -> dict[str, str]:
    return dict(re.findall(r'<input checked class="choice__input" id="[^"]+" name="(\w+)" type="radio" value="([^"]+)">', page))


# --- one page per measure -------------------------------------------------------------------------

def test_the_guide_covers_the_plans_measures_for_residents_and_employers():
    assert {"needs-registration", "training", "training-subsidy", "self-employment", "social-insurance",
            "family-business", "loans", "stalls", "welfare-posts", "quota", "state-posts", "supported-work",
            "blind-massage", "online-work", "graduates", "job-fairs"} <= set(SLUGS)
    assert len(SLUGS) == len(set(SLUGS))
    for measure in MEASURES:
        assert measure.who and measure.gets and measure.needs and measure.links, measure.slug
        assert all(link.flow in FLOWS for link in measure.links), measure.slug
        easy = measure.easy
        assert easy.who and easy.gets and easy.needs and easy.do, measure.slug
        plain_words = {en(line) for line in (*measure.who, *measure.gets, *measure.needs)}
        assert not plain_words & {en(line) for line in (*easy.who, *easy.gets, *easy.needs, *easy.do)}
        assert all(len(en(line)) <= 60 for line in (*easy.who, *easy.gets, *easy.needs, *easy.do)), measure.slug
    assert {RESIDENTS, EMPLOYERS} == {audience for m in MEASURES for audience in m.audiences}


@pytest.mark.parametrize("slug", SLUGS)
@pytest.mark.parametrize("lang", ["en", "zh-CN"])
def test_each_measure_has_its_sections_and_leads_into_a_real_flow(app, client, slug, lang):
    measure = next(m for m in MEASURES if m.slug == slug)
    response = client.get(f"/policies/{slug}", headers={"Accept-Language": lang})
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert f'<html lang="{lang}"' in page
    for section in SECTIONS:
        assert f'<section class="panel" aria-labelledby="{section}"><h2 id="{section}">' in page, section
    assert 'href="tel:12385"' in page
    if lang == "en":
        words = _main(page)
        assert f'<h1 class="topbar__title">{en(measure.title)}</h1>' in unescape(page)
        for line in (measure.summary, *measure.who, *measure.gets, *measure.needs, measure.apply, measure.contact_name):
            assert en(line) in words
        assert "Who it is for" in words and "How to apply" in words and "Who answers questions" in words
    links = _hrefs(page)
    with app.test_request_context():
        targets = [href(link.flow) for link in measure.links]
    for target in targets:
        assert target in links
        answer = client.get(target)
        assert answer.status_code in (200, 302), (target, answer.status_code)  # signed out: asked to sign in
        rule, _args = app.url_map.bind("localhost").match(urlsplit(target).path)
        assert rule != "policies.measure", target


def test_links_lead_only_where_the_reader_may_go(client, login_as, client_for):
    login_as("caseworker", district="chengqu")
    for slug in ("needs-registration", "online-work", "quota"):
        for query in ("", "?read=easy"):
            links = _hrefs(client.get(f"/policies/{slug}{query}").get_data(as_text=True))
            assert not {"/me/needs", "/jobs/fit", "/employer/register"} & set(links), (slug, links)
            for target in links:
                assert client.get(target).status_code != 403, target
    employer = client_for(factories.employer().user)
    assert "/employer" in _hrefs(employer.get("/policies/quota").get_data(as_text=True))


def test_an_unknown_measure_is_not_found(client):
    assert client.get("/policies/no-such-measure").status_code == 404


def test_each_subsidy_measure_leads_to_its_own_subsidies(client):
    """Its page's apply link opens the list of that measure's subsidies, where each has Apply."""
    wanted = {"training-subsidy": "training", "self-employment": "self_employment",
              "social-insurance": "social_insurance", "loans": "loan", "family-business": "family_business"}
    for slug, category in wanted.items():
        assert f"/subsidies?category={category}" in _hrefs(client.get(f"/policies/{slug}").get_data(as_text=True))
    flows = {link.flow for m in MEASURES for link in m.links if link.flow.startswith("subsidy_")}
    assert len(flows) == len(wanted)


def test_the_index_groups_the_measures_for_residents_and_employers(client):
    page = client.get("/policies").get_data(as_text=True)
    words = _main(page)
    assert words.index("For disabled residents") < words.index("Getting started") < words.index("For employers")
    hrefs = _hrefs(page)
    for slug in SLUGS:
        assert f"/policies/{slug}" in hrefs, slug
    assert "/policies/check" in hrefs
    employers = words.split("For employers", 1)[1]
    assert "Employing disabled people: the 1.5% quota" in employers and "Job fairs" in employers


def test_the_home_page_and_each_flow_link_to_the_guide(client, login_as):
    for path in ("/", "/training", "/opportunities", "/jobs"):
        assert "/policies" in _hrefs(client.get(path).get_data(as_text=True)), path
    login_as("applicant")
    assert "/policies" in _hrefs(client.get("/me/needs").get_data(as_text=True))


def test_the_employers_home_links_to_the_employers_measures(client_for):
    employer = factories.employer()
    page = client_for(employer.user).get("/employer").get_data(as_text=True)
    assert "/policies#employers" in _hrefs(page)


# --- easy read -------------------------------------------------------------------------------------

def test_easy_read_is_switched_by_a_link_and_says_it_in_its_own_words(client):
    measure = next(m for m in MEASURES if m.slug == "welfare-posts")
    plain = client.get("/policies/welfare-posts").get_data(as_text=True)
    assert "/policies/welfare-posts?read=easy" in _hrefs(plain)
    assert "Easy read version" in _main(plain)

    easy = client.get("/policies/welfare-posts?read=easy").get_data(as_text=True)
    words = _main(easy)
    for line in (*measure.easy.who, *measure.easy.gets, *measure.easy.needs, *measure.easy.do):
        assert en(line) in words
    assert en(measure.summary) not in words and en(measure.who[0]) not in words
    assert "Who is it for?" in words and "What do you do?" in words and "Call 12385 ." in words
    assert easy.count('<svg class="picto" viewBox="0 0 24 24" aria-hidden="true" focusable="false">') == 5
    assert re.search(r'<h2 class="easy__title" id="who"><svg[^>]*>.*?</svg>Who is it for\?</h2>', easy)
    assert "/policies/welfare-posts" in _hrefs(easy)  # the standard version
    assert "/opportunities?kind=post" in _hrefs(easy)  # the same way to apply
    assert "/policies?read=easy" in _hrefs(easy)  # and the way back stays in easy read
    back = client.get("/policies/welfare-posts").get_data(as_text=True)
    assert en(measure.summary) in _main(back)


def test_the_easy_index_links_to_the_easy_pages(client):
    page = client.get("/policies?read=easy").get_data(as_text=True)
    assert all(f"/policies/{slug}?read=easy" in _hrefs(page) for slug in SLUGS)
    assert "Standard version" in _main(page)


def test_easy_read_is_the_default_for_someone_who_asked_for_easy_read_material(app, client_for):
    person = factories.applicant()
    db.session.get(Profile, person.id).communication_needs = ["easy_read"]
    db.session.commit()
    browser = client_for(person)
    easy = browser.get("/policies/stalls").get_data(as_text=True)
    assert "What do you get?" in _main(easy) and "/policies/stalls?read=plain" in _hrefs(easy)
    assert "What you get" in _main(browser.get("/policies/stalls?read=plain").get_data(as_text=True))


# --- the screener ------------------------------------------------------------------------------------

def _result(client, **answers) -> str:
    response = client.post("/policies/check", data={**ANSWERS, **answers})
    assert response.status_code == 303 and response.location.endswith("/policies/check/result")
    page = client.get("/policies/check/result")
    assert page.status_code == 200
    return page.get_data(as_text=True)


def _fits(page: str) -> list[str]:
    """The slugs listed as fitting (first list) and as maybe fitting (second)."""
    return re.findall(r'href="/policies/([\w-]+)"', page.split("<main", 1)[1].split("Your answers", 1)[0])


@pytest.mark.parametrize(("answers", "fits", "not_fits"), [
    ({"household_type": "rural", "business": "wanting"},
     ["needs-registration", "training", "welfare-posts", "family-business", "self-employment", "stalls", "loans"],
     ["graduates", "social-insurance"]),
    ({"age_band": "16_24", "work": "not_looking", "study": "student"},
     ["needs-registration", "graduates", "training", "state-posts", "job-fairs"],
     ["welfare-posts", "family-business", "stalls", "loans"]),
    ({"age_band": "60_plus", "work": "flexible", "business": "running"},
     ["self-employment", "stalls", "social-insurance"],
     ["needs-registration", "training", "loans", "welfare-posts", "blind-massage"]),
    ({"work": "employed"},
     ["needs-registration", "training", "job-fairs"],
     ["welfare-posts", "online-work", "stalls", "supported-work"]),
])
def test_the_answers_list_the_measures_that_fit_with_a_why(client, answers, fits, not_fits):
    page = _result(client, **answers)
    listed = _fits(page)
    for slug in fits:
        assert slug in listed, (slug, listed)
    for slug in not_fits:
        assert slug not in listed, (slug, listed)
    assert page.count('<span class="cell__hint">Why: ') == len(fits) + sum(
        1 for slug in listed if slug not in fits and slug not in ("blind-massage", "supported-work"))


def test_a_rural_jobseeker_is_told_why_in_words(client):
    words = _main(_result(client, household_type="rural"))
    assert ("Why: Your household is rural: at least 130 disabled people a year are funded to grow a family "
            "business.") in words
    assert "These may also fit, depending on your disability" in words
    assert "If you are blind or have low vision" in words
    assert "Is your household registered as urban or rural? Rural (农村)" in words  # the answers, shown back


def test_a_child_is_told_that_nothing_fits_and_whom_to_call(client):
    words = _main(_result(client, age_band="under_16"))
    assert "None of the measures fits these answers." in words and "12385" in words
    assert _fits(_result(client, age_band="under_16")) == []


def test_the_answers_last_for_the_visit_only_unless_saved(app, client, login_as):
    _result(client, household_type="rural")
    assert client.get("/policies/check").get_data(as_text=True).count("checked") == 6  # kept for the form
    other = app.test_client()
    assert other.get("/policies/check/result").status_code == 302  # another visit has none
    assert "checked" not in other.get("/policies/check").get_data(as_text=True)
    login_as("applicant")  # signing in starts a new session
    assert client.get("/policies/check/result").status_code == 302
    _result(client)
    assert db.session.scalars(select(PolicyAnswers)).all() == []
    result = client.get("/policies/check/result")
    assert result.headers["Cache-Control"] == "private, no-store" and "X-Page-Cache" not in result.headers


def test_signed_out_the_result_offers_to_sign_in_and_keeps_the_answers_in_the_link(client):
    page = _result(client, household_type="rural")
    sign_in = next(h for h in _hrefs(page) if h.startswith("/auth/login"))
    assert "household_type%3Drural" in sign_in and "Save my answers" not in page
    again = client.get("/policies/check/result?" + "&".join(f"{k}={v}" for k, v in {**ANSWERS, "work": "flexible"}.items()))
    assert "social-insurance" in _fits(again.get_data(as_text=True))


def test_saved_answers_are_stored_audited_shown_back_and_can_be_deleted(app, client, login_as, client_for):
    person = login_as("applicant")
    page = _result(client, household_type="rural", business="running")
    assert "Save my answers" in page
    hidden = dict(re.findall(r'<input type="hidden" name="(\w+)" value="([^"]+)">', page))
    assert {k: hidden[k] for k in ANSWERS} == {**ANSWERS, "household_type": "rural", "business": "running"}
    saved = client.post("/policies/check/save", data=hidden)
    assert saved.status_code == 303 and saved.location.endswith("/policies/check/result")
    row = db.session.get(PolicyAnswers, person.id)
    assert (row.household_type, row.business, row.age_band) == ("rural", "running", "25_44")
    audit = db.session.scalars(select(AuditEvent).where(AuditEvent.action == "policy.answers_saved")).one()
    assert (audit.actor_id, audit.subject_id) == (person.id, person.id) and '"business": "running"' in audit.detail
    shown = client.get("/policies/check/result").get_data(as_text=True)
    assert "Your answers are saved." in shown and "These answers are saved for you" in shown
    assert "Save my answers" not in shown

    later = client_for(person)  # another day, another session
    kept = later.get("/policies/check/result").get_data(as_text=True)
    assert "loans" in _fits(kept) and "These answers are saved for you" in _main(kept)
    assert _checked(later.get("/policies/check").get_data(as_text=True))["household_type"] == "rural"

    gone = later.post("/policies/check/forget")
    db.session.expire_all()
    assert gone.status_code == 303 and db.session.get(PolicyAnswers, person.id) is None
    assert db.session.scalars(select(AuditEvent).where(AuditEvent.action == "policy.answers_forgotten")).one()
    assert later.get("/policies/check/result").status_code == 302


def test_saving_needs_signing_in(client):
    response = client.post("/policies/check/save", data=ANSWERS)
    assert response.status_code == 302 and "/auth/login" in response.location
    assert db.session.scalars(select(PolicyAnswers)).all() == []


@pytest.mark.parametrize(("field", "value", "message"), [
    ("district", "beijing", "Choose the county or district where you live."),
    ("age_band", "", "Choose your age."),
    ("work", "retired", "Choose what you do now."),
    ("business", None, "Choose whether you run or want a business."),
])
def test_an_invalid_answer_is_refused_beside_its_question_and_the_rest_kept(client, field, value, message):
    data = {**ANSWERS, field: value} if value is not None else {k: v for k, v in ANSWERS.items() if k != field}
    response = client.post("/policies/check", data=data)
    assert response.status_code == 422
    page = response.get_data(as_text=True)
    assert 'class="error-summary"' in page and f'<a href="#{field}-0">{message}</a>' in page
    assert f'id="{field}-error"' in page and f'aria-describedby="{field}-error"' in page
    assert page.startswith("<!doctype html>") and "<title>Error:" in page
    kept = _checked(page)
    assert {k: v for k, v in kept.items()} == {k: v for k, v in ANSWERS.items() if k != field}
    assert client.get("/policies/check/result").status_code == 302  # nothing kept


def test_saving_invalid_answers_is_refused_too(client, login_as):
    login_as("applicant")
    response = client.post("/policies/check/save", data={**ANSWERS, "study": "<b>phd</b>"})
    assert response.status_code == 422 and "Choose whether you study." in response.get_data(as_text=True)
    assert db.session.scalars(select(PolicyAnswers)).all() == []


def test_a_signed_in_person_can_fill_the_answers_from_their_profile(client_for):
    person = factories.applicant(district="pingding")
    needs_version(person)  # not working, looking for work
    browser = client_for(person)
    offered = browser.get("/policies/check").get_data(as_text=True)
    assert "/policies/check?from=records" in _hrefs(offered)
    filled = browser.get("/policies/check?from=records").get_data(as_text=True)
    assert _checked(filled) == {"district": "pingding", "household_type": "urban", "age_band": "25_44",
                                "work": "unemployed"}
    assert "Answers are filled in from your profile" in _main(filled)


def test_the_profile_is_not_offered_to_someone_without_one(client, login_as):
    assert "from=records" not in client.get("/policies/check").get_data(as_text=True)
    login_as("helper")
    page = client.get("/policies/check?from=records").get_data(as_text=True)
    assert "/policies/check?from=records" not in _hrefs(page) and _checked(page) == {}


# --- cache and weight ----------------------------------------------------------------------------------

def test_the_public_pages_come_from_the_page_cache_and_the_screener_does_not(client):
    for path in ("/policies", "/policies/training", "/policies/training?read=easy"):
        assert client.get(path).headers["X-Page-Cache"] == "miss", path
        assert client.get(path).headers["X-Page-Cache"] == "hit", path
    assert "Easy read version" not in _main(client.get("/policies/training?read=easy").get_data(as_text=True))
    for path in ("/policies/check",):
        assert "X-Page-Cache" not in client.get(path).headers


@pytest.mark.parametrize("path", ["/policies", "/policies?read=easy", "/policies/employer-rewards",
                                  "/policies/self-employment?read=easy", "/policies/check"])
def test_the_policy_pages_fit_the_page_weight_budget(client, path):
    client.environ_base["HTTP_ACCEPT_LANGUAGE"] = "zh-CN"
    loads = first_visit(client, f"{path}{'&' if '?' in path else '?'}care=1")
    assert sum(loads.values()) <= BUDGET, loads


def test_the_save_form_holds_against_hostile_input(client, login_as):
    """The save form is on a result page the hostile crawl cannot reach (it needs answers first):
    attacked here the same way, with its hidden answers as the page offers them."""
    from tests.web.form_crawl import Field, Form
    from tests.web.test_hostile_forms import _attack

    login_as("applicant")
    _result(client)
    fields = {name: Field(name, "hidden", [value]) for name, value in ANSWERS.items()}
    fields["csrf_token"] = Field("csrf_token", "hidden", [""])
    _attack(client, Form("/policies/check/result", "POST", "http://localhost/policies/check/save", fields), "applicant")


@pytest.mark.parametrize("path", ["/policies", "/policies/training", "/policies/check", "/policies/check/result"])
def test_the_policy_pages_hold_against_hostile_query_strings(client, path):
    for value in ("9" * 30, "²\x00", "<x>" + "a" * 5000, "easy", "records"):
        response = client.get(path, query_string={"read": value, "from": value, "district": value,
                                                  "age_band": [value, "16_24"], "page": value, "slug": value,
                                                  "_external": value, "_scheme": value, "_anchor": value})
        assert response.status_code < 500, (path, value, response.status_code)
        if response.status_code == 200:  # and no link made from the query leaves the site
            assert not [h for h in _hrefs(response.get_data(as_text=True)) if h.startswith(("http", "//"))]
