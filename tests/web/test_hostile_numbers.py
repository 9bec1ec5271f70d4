"""Numbers nobody meant: ids beyond what a column holds, digits that are not ASCII, days and pages out
of range. Each gets a page in words (404, or the form with its message), never a server error."""
import re

import pytest

from tests import factories
from webapp.extensions import db
from webapp.models import Application

HUGE_IDS = ["9223372036854775808", "2147483648", "0", "١٢", "99999999999999999999999999"]


PART = re.compile(r"<(?:(\w+)(\([^)]*\))?:)?(\w+)>")


def _filled(rule_text: str, value: str) -> str:
    """The rule with each <int:> part set to `value`, an <any(...)> part to its first choice, others to "x"."""
    def part(match):
        kind, args = match.group(1), match.group(2)
        if kind == "int":
            return value
        if kind == "any":
            return args.strip("()").split(",")[0].strip()
        return "x"
    return PART.sub(part, rule_text)


def _urls(app, value: str):
    """(method, path) of every route with an <int:> part."""
    for rule in app.url_map.iter_rules():
        if "<int:" in rule.rule:
            for method in sorted(rule.methods - {"HEAD", "OPTIONS"}):
                yield method, _filled(rule.rule, value)


@pytest.mark.parametrize("value", HUGE_IDS)
@pytest.mark.parametrize("role", [None, "applicant", "admin", "caseworker"])
def test_an_id_out_of_range_is_no_such_page_on_every_route(app, client, login_as, role, value):
    if role:
        login_as(role, **({"district": "chengqu"} if role == "caseworker" else {}))
    tried = 0
    for method, path in _urls(app, value):
        response = client.open(path, method=method)
        assert response.status_code < 500, (method, path, response.status_code)
        if role == "admin" and path.startswith("/admin/"):
            assert response.status_code == 404, (method, path)
        tried += 1
    assert tried >= 20  # every <int:> route of the app, both methods where it has two


@pytest.mark.parametrize("typed", ["²", "١٠٠٠", "3000²", "1e4", "9" * 40])
def test_pay_in_other_digits_is_refused_on_its_field(client, login_as, typed):
    login_as()
    response = client.post("/me/needs/pay", data={"pay_min": typed, "pay_max": ""})
    assert response.status_code == 422
    assert "Enter the amount in whole yuan" in response.get_data(as_text=True)


@pytest.mark.parametrize("typed", ["²", "٣", "99999999999999999999"])
def test_a_waiting_time_in_other_digits_is_pointed_out(client, login_as, typed):
    login_as("caseworker", district="chengqu")
    response = client.get("/casework", query_string={"waiting": typed})
    assert response.status_code == 200
    assert "Enter a whole number of days" in response.get_data(as_text=True)


@pytest.mark.parametrize("template", ["²", "١", "99999999999999999999999"])
def test_a_reason_template_that_is_no_number_is_refused(client, login_as, template):
    caseworker = login_as("caseworker", district="chengqu")
    person = factories.verified(factories.applicant(), caseworker)
    application = factories.submitted(person, factories.opportunity("post"))
    client.post(f"/casework/applications/{application.reference}/claim")
    response = client.post(f"/casework/applications/{application.reference}/reject",
                           data={"reject-template": template, "reject-text": ""})
    assert response.status_code == 422
    assert "Choose one of the reasons in the list." in response.get_data(as_text=True)
    db.session.expire_all()
    assert db.session.get(Application, application.id).status == "under_review"


@pytest.mark.parametrize("day", ["9999-12-31", "0001-01-01", "1899-01-01"])
@pytest.mark.parametrize("field", ["date_from", "date_to"])
def test_audit_days_out_of_range_are_pointed_out(client, login_as, day, field):
    login_as("admin")
    response = client.get("/admin/audit", query_string={field: day})
    assert response.status_code == 200
    assert "Enter a date between 2000 and 2100." in response.get_data(as_text=True)


@pytest.mark.parametrize("path, role", [("/training", None), ("/opportunities", None), ("/casework", "caseworker"),
                                        ("/admin/audit", "admin"), ("/admin/opportunities", "admin")])
@pytest.mark.parametrize("page", ["9223372036854775808", "-5", "²", "1e9", "99999"])
def test_any_page_number_shows_a_page(client, login_as, path, role, page):
    if role:
        login_as(role, **({"district": "chengqu"} if role == "caseworker" else {}))
    assert client.get(path, query_string={"page": page}).status_code == 200
