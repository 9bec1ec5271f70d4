"""The authorisation matrix: every route of the URL map, asked by every kind of person, against one
table of the answers each should get.

The table (TABLE, below) has one row per rule and method (`"GET /me/applications/<reference>"`),
and may add rows for the same rule with other objects named (`"... (draft)"`; see
`World.values`). A route missing from the table fails the test, and so does a row for a route that
no longer exists. Every GET of a rule that only takes POST must answer 405 (NOT_ALLOWED, derived).

The personas (tests/web/matrix_people.py, with their objects): anonymous; owner (the applicant
whose objects the URLs name); other (another applicant); helper (linked to the owner, acting for
them); helper_of_other (a helper linked only to the other applicant); lone_helper (linked to no
one); caseworker (of the owner's district); outsider (a caseworker of another district); city (a
city-wide caseworker); admin; employer (a verified employer owning the world's job, which the owner
applied to); other_employer (verified, owning nothing of the world's). Answers are written as the status code, and for a redirect the code
and the endpoint it sends to ("302 auth.login"). No answer may be a 5xx.
"""
from urllib.parse import urlsplit

import pytest
from werkzeug.exceptions import HTTPException

from tests.web.matrix_people import PERSONAS, RENEWED, STAND_IN, World

SIGN_IN = "302 auth.login"
CHOOSE = "302 family.choose"  # a helper who is acting for no one is asked to choose first
GROUPS = {
    "applicants": ("owner", "other"),
    "helpers": ("helper", "helper_of_other", "lone_helper"),
    "staff": ("caseworker", "outsider", "city", "admin"),
    "acting": ("owner", "other", "helper", "helper_of_other"),  # the people acting for a person
    "for_owner": ("owner", "helper"),  # acting for the owner of the objects
    "employers": ("employer", "other_employer"),
}


def row(base: str | dict, **answers: str) -> dict[str, str]:
    """Every persona's answer: `base` (one answer for all, or another row), then the keywords in
    order, a persona or a group of GROUPS each (later keywords win)."""
    found = dict.fromkeys(PERSONAS, base) if isinstance(base, str) else dict(base)
    for name, answer in answers.items():
        for persona in GROUPS.get(name, (name,)):
            found[persona] = answer
    return found


PUBLIC = row("200")
SIGNED_IN = row("200", anonymous=SIGN_IN)
ADMIN = row("403", anonymous=SIGN_IN, admin="200")
STAFF = row("403", anonymous=SIGN_IN, staff="200")
# About the owner, for staff: the owner's district and the city; another district is told it is not there.
IN_SCOPE = row(STAFF, outsider="404")
HELPERS = row("403", anonymous=SIGN_IN, helpers="200")
APPLICANTS = row("403", anonymous=SIGN_IN, applicants="200")
# The record of the person acted for: their own for applicants, the linked person's for a helper.
PERSON = row("403", anonymous=SIGN_IN, acting="200", lone_helper=CHOOSE)
# Names one of the owner's objects: anyone acting for someone else is told it is not there.
OWNED = row(PERSON, other="404", helper_of_other="404")
NOT_ALLOWED = row("405")
EMPLOYERS = row("403", anonymous=SIGN_IN, employers="200")
# Only an employer's account: the employer personas' answers, once tests/web/matrix_people.py has them.
EMPLOYER_ONLY = row("403", anonymous=SIGN_IN)


def for_employers(base: dict, **answers: str) -> dict[str, str]:
    """`base` with the employer personas' answers (employer, other_employer) where they exist."""
    return row(base, **{name: answer for name, answer in answers.items() if name in PERSONAS})


# An empty form is refused beside its fields with 422; a minimal one (World.form) gets to the rule.
TABLE = {
    "GET /": PUBLIC,
    "GET /me": PUBLIC,
    "GET /me/settings": PUBLIC,
    "POST /me/settings": row("303 main.settings"),  # an empty form keeps what is set
    "GET /offline": PUBLIC,
    "GET /manifest.webmanifest": PUBLIC,
    "GET /sw.js": PUBLIC,
    "GET /static/<path:filename>": PUBLIC,

    # Signing in, registering, resetting: open to all; no steps out of order.
    "GET /auth/login": PUBLIC,
    "POST /auth/login": row("422"),
    "POST /auth/logout": row("303 main.home"),
    "GET /auth/keepalive": row("204", anonymous=SIGN_IN),
    "GET /auth/welcome": SIGNED_IN,
    "GET /auth/register": row("302 main.me", anonymous="200"),
    "POST /auth/register": row("302 main.me", anonymous="422"),
    "GET /auth/register/verify": row("302 auth.register"),
    "POST /auth/register/verify": row("302 auth.register"),
    "GET /auth/reset": PUBLIC,
    "POST /auth/reset": row("422"),
    "GET /auth/reset/verify": row("302 auth.reset"),
    "POST /auth/reset/verify": row("302 auth.reset"),
    "POST /auth/resend/<purpose>": row("303 auth.register_verify"),

    # Finding: public; drafts are nobody's to see, not even the administrator's here.
    "GET /training": PUBLIC,
    "GET /training/<int:opportunity_id>": PUBLIC,
    "GET /training/<int:opportunity_id> (draft)": row("404"),
    "GET /opportunities": PUBLIC,
    "GET /opportunities/<int:opportunity_id>": PUBLIC,
    "GET /opportunities/<int:opportunity_id> (draft)": row("404"),
    "GET /opportunities/<int:opportunity_id>/draw": PUBLIC,
    "GET /opportunities/<int:opportunity_id>/draw (draft)": row("404"),
    "POST /saved/<int:opportunity_id>": row(PERSON, acting="303 find.course"),
    "POST /saved/<int:opportunity_id> (draft)": row(PERSON, acting="404"),
    "GET /me/saved": PERSON,
    "GET /subsidies": PUBLIC,
    "GET /subsidies/<int:opportunity_id>": PUBLIC,
    "GET /subsidies/<int:opportunity_id> (draft)": row("404"),

    # Applying and following: the person acted for, their own applications only.
    "GET /apply/<int:opportunity_id>": PERSON,
    "GET /apply/<int:opportunity_id> (draft)": row(PERSON, acting="404"),
    "POST /apply/<int:opportunity_id>": row(PERSON, acting="303 applying.answers"),  # a new course each time
    "GET /me/applications": PERSON,
    "GET /me/applications/<reference>": OWNED,
    "GET /me/applications/<reference>/answers": row(OWNED, for_owner="302 applying.detail"),  # sent: no editing
    "GET /me/applications/<reference>/answers (draft)": OWNED,
    "POST /me/applications/<reference>/answers": row(OWNED, for_owner="302 applying.detail"),
    "GET /me/applications/<reference>/check": row(OWNED, for_owner="302 applying.detail"),
    "POST /me/applications/<reference>/check": row(OWNED, for_owner="302 applying.detail"),
    "GET /me/applications/<reference>/sent": OWNED,
    "GET /me/applications/<reference>/withdraw": OWNED,
    "POST /me/applications/<reference>/withdraw": row(OWNED, for_owner="303 applying.detail"),  # a new one each time
    "GET /me/notices": PERSON,
    # A subsidy's photos: the owner's draft (a new photo each time it is removed).
    "GET /me/applications/<reference>/photos": OWNED,
    "POST /me/applications/<reference>/photos": row(OWNED, for_owner="422"),  # no file chosen
    "POST /me/applications/<reference>/photos/<int:evidence_id>/remove": row(
        OWNED, for_owner="303 applying.subsidy_photos"),
    # Answering a job offer: the world's application is no job offered, so the rule refuses it (a flash).
    "POST /me/applications/<reference>/accept": row(OWNED, for_owner="303 applying.detail"),
    "POST /me/applications/<reference>/decline": row(OWNED, for_owner="303 applying.detail"),

    # Profile, consent, evidence, my data.
    "GET /me/profile": PERSON,
    "GET /me/identity/<step>": PERSON,
    "POST /me/identity/<step>": row(PERSON, acting="303 profile.question"),  # the name as it was, then the next step
    "GET /me/identity/check": PERSON,
    "POST /me/identity/check": row(PERSON, acting="303 profile.overview"),
    "GET /me/consent": PERSON,
    "POST /me/consent": row(PERSON, acting="303 profile.overview"),
    "GET /me/consent/withdraw": PERSON,
    "POST /me/consent/withdraw": row(PERSON, acting="303 profile.consent"),
    "GET /me/evidence": PERSON,
    "POST /me/evidence/<kind>": row(PERSON, acting="422"),  # no file chosen
    "POST /me/evidence/<int:evidence_id>/remove": row(OWNED, for_owner="303 profile.photos"),  # a new photo each time
    # Photos: the owner, a helper acting for them, caseworkers of their district or the city; no one else.
    "GET /evidence/<int:evidence_id>/<any(full, thumb):size>": row(
        OWNED, lone_helper="404", caseworker="200", city="200", outsider="404", admin="404", employers="404"),
    "GET /me/data": PERSON,
    "GET /me/data/download": PERSON,
    # Closing the account is the person's own act: a helper is told so (403). Asked by stand-ins (World.stand_in).
    "GET /me/data/delete": row(PERSON, helper="403", helper_of_other="403"),
    "POST /me/data/delete": row(PERSON, applicants="303 main.home", helper="403", helper_of_other="403"),

    # Needs registration: the owner has versions 1 and 2, the other applicant only 1.
    "GET /me/needs": PERSON,
    "GET /me/needs/<step>": PERSON,
    "POST /me/needs/<step>": row(PERSON, acting="303 needs.question"),
    "GET /me/needs/check": PERSON,
    "POST /me/needs/check": row(PERSON, acting="303 needs.done"),
    "GET /me/needs/done/<int:number>": OWNED,
    "GET /me/needs/versions/<int:number>": OWNED,

    # Family helpers: the applicant's links; a helper's choice of whom to act for.
    "GET /me/helpers": APPLICANTS,
    "POST /me/helpers/invite": row(APPLICANTS, applicants="303 family.helpers"),
    "POST /me/helpers/<int:link_id>/revoke": row(APPLICANTS, owner="303 family.helpers", other="404"),
    "GET /me/acting": HELPERS,
    "POST /me/acting": row(HELPERS, helpers="422"),
    "POST /me/acting/<int:applicant_id>": row(HELPERS, helper="303 profile.overview", helper_of_other="404",
                                              lone_helper="404"),
    "POST /me/acting/<int:applicant_id> (other)": row(HELPERS, helper="404", helper_of_other="303 profile.overview",
                                                      lone_helper="404"),
    "POST /me/acting/stop": row(HELPERS, helpers="303 family.choose"),

    # Casework: staff, each within their scope; drafts are the applicant's own.
    "GET /casework": STAFF,
    # The graduates' ledger: staff of the person's district or the city; another district is told it is not there.
    "GET /casework/graduates": STAFF,
    "GET /casework/graduates/new": STAFF,
    "POST /casework/graduates/new": row(STAFF, staff="422"),
    "GET /casework/graduates/<int:plan_id>": IN_SCOPE,
    "POST /casework/graduates/<int:plan_id>/actions": row(IN_SCOPE, staff="422", outsider="404"),
    "POST /casework/graduates/<int:plan_id>/actions/<int:action_id>/done": row(
        IN_SCOPE, staff="303 graduates.plan", outsider="404"),  # already done: said on the plan page
    "POST /casework/graduates/<int:plan_id>/contacts": row(IN_SCOPE, staff="422", outsider="404"),
    # Job fairs: public pages; staff hold them (a caseworker in their district); employers join; people register.
    "GET /fairs": PUBLIC,
    "GET /fairs/<int:fair_id>": PUBLIC,
    "GET /fairs/<int:fair_id> (draft)": row("404"),
    "GET /fairs/manage": STAFF,
    "GET /fairs/new": STAFF,
    "POST /fairs/new": row(STAFF, staff="422"),
    "GET /fairs/<int:fair_id>/edit": IN_SCOPE,
    "POST /fairs/<int:fair_id>/edit": row(IN_SCOPE, staff="303 fairs.edit", outsider="404"),  # nothing changed
    "POST /fairs/<int:fair_id>/<action>": row(IN_SCOPE, staff="303 fairs.edit", outsider="404"),  # a new draft
    "GET /fairs/<int:fair_id>/registrations": IN_SCOPE,
    "POST /fairs/<int:fair_id>/registrations": row(IN_SCOPE, staff="303 fairs.registrations", outsider="404"),
    "GET /fairs/<int:fair_id>/join": row("403", anonymous=SIGN_IN, employer="200", other_employer="200"),
    "POST /fairs/<int:fair_id>/join": row("403", anonymous=SIGN_IN,
                                          employer="422", other_employer="422"),
    "GET /fairs/<int:fair_id>/register": PERSON,
    "POST /fairs/<int:fair_id>/register": row(PERSON, acting="303 fairs.mine"),
    "POST /fairs/<int:fair_id>/cancel": row(PERSON, acting="303 fairs.mine"),
    "GET /fairs/mine": PERSON,
    "GET /casework/followups": STAFF,
    "POST /casework/followups/visit": row(STAFF, staff="404"),  # no follow-up named
    "GET /casework/people/<int:user_id>/employment": IN_SCOPE,
    "POST /casework/people/<int:user_id>/employment": row(IN_SCOPE, caseworker="422", city="422", admin="422"),
    # An employer's applicants: its own (200 / a decision), another employer's answer 404.
    "GET /employer/applications": for_employers(EMPLOYER_ONLY, employer="200", other_employer="200"),
    "GET /employer/applications/<reference>": for_employers(EMPLOYER_ONLY, employer="200", other_employer="404"),
    "POST /employer/applications/<reference>/shortlist": for_employers(
        EMPLOYER_ONLY, employer="303 employer.application", other_employer="404"),
    "POST /employer/applications/<reference>/offer": for_employers(EMPLOYER_ONLY, employer="409", other_employer="404"),
    "POST /employer/applications/<reference>/invite": for_employers(EMPLOYER_ONLY, employer="422", other_employer="404"),
    "POST /employer/applications/<reference>/reject": for_employers(EMPLOYER_ONLY, employer="422", other_employer="404"),
    "GET /casework/applications/<reference>": IN_SCOPE,
    "GET /casework/applications/<reference> (draft)": row(IN_SCOPE, staff="404"),
    "GET /casework/applications/<reference> (other)": row(IN_SCOPE, caseworker="404"),
    # Decided by the owner's district before the person moved away: it may read it, never act on it.
    "GET /casework/applications/<reference> (moved)": IN_SCOPE,
    "POST /casework/applications/<reference>/unmask (moved)": row(IN_SCOPE, caseworker="403"),
    # Moves between districts: the old and the new district (and the city) see a transfer.
    "GET /casework/transfers": STAFF,
    "GET /casework/transfers/<int:transfer_id>": IN_SCOPE,
    "POST /casework/applications/<reference>/unmask": IN_SCOPE,
    "POST /casework/applications/<reference>/claim": row(IN_SCOPE, staff="303 casework.application", outsider="404"),
    # Claimed by the district caseworker (a new one each time): only they decide or hand it back.
    "POST /casework/applications/<reference>/unclaim": row(IN_SCOPE, caseworker="303 casework.application",
                                                           city="409", admin="409"),
    "POST /casework/applications/<reference>/approve": row(IN_SCOPE, caseworker="303 casework.application",
                                                           city="409", admin="409"),
    "POST /casework/applications/<reference>/reject": row(IN_SCOPE, caseworker="303 casework.application",
                                                          city="409", admin="409"),
    "POST /casework/applications/<reference>/ask": row(IN_SCOPE, caseworker="303 casework.application",
                                                       city="409", admin="409"),
    "POST /casework/applications/<reference>/reassign": row(IN_SCOPE, caseworker="303 casework.application",
                                                            city="422", admin="422"),  # no colleague of theirs
    # A subsidy (a new one each time): the amount by the caseworker who claimed it; the city's
    # sign-off by administrators only; the payment by staff in scope.
    "POST /casework/applications/<reference>/award": row(IN_SCOPE, caseworker="303 casework.application",
                                                         city="409", admin="409"),
    "POST /casework/applications/<reference>/sign-off": row(ADMIN, admin="303 casework.application"),
    "POST /casework/applications/<reference>/send-back": row(ADMIN, admin="303 casework.application"),
    "POST /casework/applications/<reference>/refuse": row(ADMIN, admin="303 casework.application"),
    "POST /casework/applications/<reference>/payment": row(IN_SCOPE, staff="303 casework.application",
                                                           outsider="404"),
    "GET /casework/people/<int:user_id>/identity": IN_SCOPE,
    "GET /casework/people/<int:user_id>/identity (other)": row(IN_SCOPE, caseworker="404"),
    "POST /casework/people/<int:user_id>/identity": row(IN_SCOPE, staff="422", outsider="404"),
    "GET /casework/people/<int:user_id>/assessment": IN_SCOPE,
    "POST /casework/people/<int:user_id>/assessment": row(IN_SCOPE, staff="422", outsider="404"),
    # Linking a helper to the owner (a new helper each time): caseworkers only, of the owner's district.
    "GET /casework/helpers/link": row(STAFF, admin="403"),
    "POST /casework/helpers/link": row(STAFF, caseworker="303 casework.helper_link", city="303 casework.helper_link",
                                       outsider="422", admin="403"),

    # Administration: the administrator only.
    "GET /admin/dashboard": ADMIN,
    "GET /admin/dashboard/<table>.csv": ADMIN,
    "GET /admin/audit": ADMIN,
    "GET /admin/deliveries": ADMIN,
    "GET /admin/opportunities": ADMIN,
    "GET /admin/opportunities/new/<kind>": ADMIN,
    "POST /admin/opportunities/new/<kind>": row(ADMIN, admin="422"),
    "GET /admin/opportunities/<int:opportunity_id>/edit": ADMIN,
    "POST /admin/opportunities/<int:opportunity_id>/edit": row(ADMIN, admin="422"),
    "POST /admin/opportunities/<int:opportunity_id>/<action>": row(ADMIN, admin="303 publish.edit"),  # a new draft
    "GET /admin/opportunities/<int:opportunity_id>/draw": ADMIN,  # says why it cannot run yet
    "POST /admin/opportunities/<int:opportunity_id>/draw": row(ADMIN, admin="409"),  # too early: refused
    "GET /admin/staff": ADMIN,
    "GET /admin/subsidies": ADMIN,
    "POST /admin/subsidies": row(ADMIN, admin="422"),  # no amount typed
    "GET /admin/staff/new": ADMIN,
    "POST /admin/staff/new": row(ADMIN, admin="422"),
    "GET /admin/staff/<int:user_id>": ADMIN,
    "GET /admin/staff/<int:user_id> (applicant)": row(ADMIN, admin="404"),  # not a member of staff
    "POST /admin/staff/<int:user_id>": row(ADMIN, admin="303 admin.staff_edit"),  # nothing changed
    "GET /admin/templates": ADMIN,
    "POST /admin/templates": row(ADMIN, admin="422"),
    "POST /admin/templates/<int:template_id>/<action>": row(ADMIN, admin="303 admin.decision_templates"),
    # Employers' verification (the world's employer is verified already: verifying again is refused in words).
    "GET /admin/employers": ADMIN,
    "GET /admin/employers/<int:employer_id>": ADMIN,
    "POST /admin/employers/<int:employer_id>/verify": row(ADMIN, admin="303 admin.employer"),
    "POST /admin/employers/<int:employer_id>/reject": row(ADMIN, admin="422"),  # no reason given
    "POST /admin/employers/<int:employer_id>/numbers": row(ADMIN, admin="422"),

    # Employers' accounts: registration for the signed-out; the home of the employer's own organisation.
    "GET /employer/register": row("302 main.me", anonymous="200"),
    "POST /employer/register": row("302 main.me", anonymous="422"),
    "GET /employer/register/details": row("302 employer.register"),  # no number given yet
    "POST /employer/register/details": row("302 employer.register"),
    "POST /employer/register/resend": row("303 employer.register"),
    "GET /employer/registered": EMPLOYERS,
    "GET /employer": EMPLOYERS,
    "GET /employer/numbers": EMPLOYERS,
    "POST /employer/numbers": row(EMPLOYERS, employers="422"),
    "POST /employer/licence": row(EMPLOYERS, employers="422"),  # no file chosen
    # The world's employer's licence photo: itself and administrators only.
    "GET /employer/licence/<int:employer_id>/<any(full, thumb):size>": row("404", anonymous=SIGN_IN, employer="200",
                                                                          admin="200"),
    # Jobs: the employer's own (the world's job is the employer's), the public pages, the city's take-down.
    "GET /employer/jobs": EMPLOYERS,
    "GET /employer/jobs/new": EMPLOYERS,
    "POST /employer/jobs/new": row(EMPLOYERS, employers="422"),
    "GET /employer/jobs/<int:opportunity_id>/edit": row(EMPLOYERS, other_employer="404"),
    "POST /employer/jobs/<int:opportunity_id>/edit": row(EMPLOYERS, employer="422", other_employer="404"),
    "GET /jobs": PUBLIC,
    "GET /jobs/<int:opportunity_id>": PUBLIC,
    "GET /jobs/fit": PERSON,
    "GET /admin/jobs": ADMIN,
    "GET /admin/jobs/<int:opportunity_id>/unpublish": ADMIN,
    "POST /admin/jobs/<int:opportunity_id>/unpublish": row(ADMIN, admin="422"),  # no reason given

    # Feedback: the form is for the person acted for (a visitor is asked to sign in or call 12385);
    # the owner's own feedback and ratings; the district's caseworkers answer; the admin's figures.
    "GET /feedback": row("403", anonymous="200", acting="200", lone_helper=CHOOSE),
    "POST /feedback": row("403", anonymous="200", acting="422", lone_helper=CHOOSE),  # nothing written
    "GET /me/feedback": PERSON,
    "GET /me/feedback/<int:feedback_id>": OWNED,
    "POST /me/feedback/<int:feedback_id>/rate": row(OWNED, for_owner="422"),  # no grade chosen
    "GET /me/applications/<reference>/rate": OWNED,  # not decided yet: said in words
    "POST /me/applications/<reference>/rate": row(OWNED, for_owner="422"),
    "GET /casework/feedback": STAFF,
    "GET /casework/feedback/<int:feedback_id>": IN_SCOPE,
    "POST /casework/feedback/<int:feedback_id>": row(IN_SCOPE, staff="422", outsider="404"),  # no reply written
    "GET /casework/callbacks": STAFF,
    "GET /casework/callbacks/<int:call_back_id>": IN_SCOPE,
    "POST /casework/callbacks/<int:call_back_id>": row(IN_SCOPE, staff="422", outsider="404"),  # no notes
    "GET /admin/feedback": ADMIN,
    # The policy guide: public pages; the screener's answers are the visit's (none yet: back to the
    # questions), and saving or deleting them is for the signed-in, each their own.
    "GET /policies": PUBLIC,
    "GET /policies/<slug>": PUBLIC,
    "GET /policies/check": PUBLIC,
    "POST /policies/check": row("422"),  # no answers
    "GET /policies/check/result": row("302 policies.check"),
    "POST /policies/check/save": row("422", anonymous=SIGN_IN),  # no answers
    "POST /policies/check/forget": row("303 policies.check", anonymous=SIGN_IN),
}

@pytest.fixture
def config_overrides():
    """Every persona signs in from the test's one address; the sign-in limit is not what is tested here."""
    return {"RATELIMIT_LOGIN": "10000 per minute", "RATELIMIT_REGISTER": "10000 per minute",
            "RATELIMIT_SMS": "10000 per minute"}


def split(key: str) -> tuple[str, str, str | None]:
    """"POST /rule (variant)" -> ("POST", "/rule", "variant")."""
    method, rest = key.split(" ", 1)
    rule, _, variant = rest.partition(" (")
    return method, rule, variant.rstrip(")") or None


def url_map_routes(app) -> dict[str, object]:
    """"METHOD /rule" -> the werkzeug Rule, for every method a rule takes (HEAD and OPTIONS aside)."""
    return {f"{method} {rule.rule}": rule for rule in app.url_map.iter_rules()
            for method in rule.methods - {"HEAD", "OPTIONS"}}


def answer_of(app, response) -> str:
    """"200", or for a redirect "303 endpoint" (the path itself when no endpoint answers it)."""
    code = response.status_code
    if not 300 <= code < 400:
        return str(code)
    path = urlsplit(response.location).path
    try:
        endpoint = app.url_map.bind("localhost").match(path, method="GET")[0]
    except HTTPException:
        endpoint = path
    return f"{code} {endpoint}"


def checks(app) -> list[tuple[str, object, str | None, dict]]:
    """(key, rule, variant, row) for every table row and every derived 405, GETs before POSTs."""
    routes = url_map_routes(app)
    found = [(key, routes[f"{method} {rule}"], variant, expected)  # rows of gone routes: the test above
             for key, expected in TABLE.items() for method, rule, variant in [split(key)]
             if f"{method} {rule}" in routes]
    found += [(f"GET {rule.rule}", rule, None, NOT_ALLOWED)
              for rule in app.url_map.iter_rules() if "GET" not in rule.methods]
    return sorted(found, key=lambda check: not check[0].startswith("GET "))


def test_the_table_has_every_route_and_nothing_else(app):
    routes = set(url_map_routes(app))
    named = {" ".join(split(key)[:2]) for key in TABLE}
    assert sorted(routes - named) == [], "routes missing from TABLE"
    assert sorted(named - routes) == [], "TABLE rows for routes that no longer exist"
    for key, expected in TABLE.items():
        assert set(expected) == set(PERSONAS), key
        for answer in expected.values():
            code, _, endpoint = answer.partition(" ")
            assert code in {"200", "204", "302", "303", "403", "404", "405", "409", "422"}, (key, answer)
            assert not endpoint or endpoint in app.view_functions, (key, answer)


def test_every_persona_gets_the_answer_the_table_gives(app, client_for):
    world = World(client_for)
    wrong, asked, undone = [], 0, False
    for key, rule, variant, expected in checks(app):
        method = split(key)[0]
        values, form = world.values(rule.endpoint, variant), world.form(rule.endpoint)
        stale = rule.endpoint in RENEWED  # new objects before the first try, and after any that did something
        for persona in PERSONAS:
            if undone:  # someone acting for a person did something: put back what it may have undone
                world.restore()
            if stale and method == "POST":
                fresh = world.fresh_values(rule.endpoint)
                form = fresh.pop("form", form)
                values, stale = {**values, **fresh}, False
            client = world.stand_in(persona) if method == "POST" and rule.endpoint in STAND_IN \
                else world.clients[persona]
            path = rule.build({name: values[name] for name in rule.arguments}, append_unknown=False)[1]
            with client.open(path, method=method, data=form if method == "POST" else None) as response:
                got = answer_of(app, response)
            asked += 1
            if response.status_code >= 500:
                wrong.append(f"{key} as {persona}: server error {got}, expected {expected[persona]}")
            elif got != expected[persona]:
                wrong.append(f"{key} as {persona}: expected {expected[persona]}, got {got}")
            did = method == "POST" and response.status_code < 400 and got not in (SIGN_IN, CHOOSE)
            stale = did and rule.endpoint in RENEWED
            undone = did and persona in GROUPS["acting"]
    assert wrong == [], "\n".join(wrong)
    assert asked == len(checks(app)) * len(PERSONAS)
