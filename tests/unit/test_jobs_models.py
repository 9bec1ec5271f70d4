"""The jobs foundation: every new value has its words, the status groups, an employer's quota position."""
import pytest

from webapp.models import (
    JOB,
    ApplicationStatus,
    Employer,
    EmployerStatus,
    FairMode,
    FairStatus,
    GraduateStatus,
    JobKind,
    OpportunityKind,
    OrgType,
    Role,
)
from webapp.models.applying.application import AWAITING_DECISION, FINAL, OPEN, PLACED, WITHDRAWABLE
from webapp.services.applications.questions import QUESTIONS
from webapp.vocab import ACCOMMODATIONS, JOB_ACCOMMODATIONS, WORK_PATTERNS, WORKPLACE_ACCESSIBILITY

pytestmark = pytest.mark.usefixtures("english")
S = ApplicationStatus


@pytest.mark.parametrize("enum", [Role, OpportunityKind, JobKind, OrgType, EmployerStatus, ApplicationStatus,
                                  FairMode, FairStatus, GraduateStatus])
def test_every_value_has_a_label(enum):
    for member in enum:
        assert member.label and member.label != member.value


def test_a_job_is_an_opportunity_kind_with_its_questions():
    assert JOB == "job" and OpportunityKind("job") is JOB
    assert Role.EMPLOYER.label == "Employer"
    assert JOB in QUESTIONS


def test_job_statuses_sit_in_the_right_groups():
    assert {S.SHORTLISTED, S.INTERVIEW, S.OFFERED} <= OPEN <= WITHDRAWABLE
    assert S.DECLINED in FINAL and S.DECLINED not in OPEN
    assert {S.SHORTLISTED, S.INTERVIEW} <= AWAITING_DECISION and S.OFFERED not in AWAITING_DECISION
    assert PLACED == {S.ENROLLED, S.ALLOCATED, S.HIRED}
    assert all(len(status.value) <= 15 for status in S)  # the status columns' width


def test_job_vocabularies_match_the_needs_registration():
    assert JOB_ACCOMMODATIONS is ACCOMMODATIONS
    assert set(WORK_PATTERNS) <= {kind.value for kind in JobKind}
    assert {"step_free", "accessible_toilet", "flexible_hours"} <= set(WORKPLACE_ACCESSIBILITY) & set(ACCOMMODATIONS)


@pytest.mark.parametrize(("staff", "disabled", "required", "met"), [
    (None, None, None, None), (100, None, 2, None), (0, 0, 0, True), (66, 0, 1, False),
    (200, 3, 3, True), (1000, 14, 15, False), (1000, 15, 15, True), (1001, 15, 16, False),
])
def test_quota_is_staff_times_the_ratio_rounded_up(staff, disabled, required, met):
    employer = Employer(org_type=OrgType.PRIVATE_FIRM, staff_count=staff, disabled_staff=disabled)
    assert (employer.quota_required, employer.quota_met) == (required, met)


def test_the_quota_ratio_is_a_setting(app):
    app.config["EMPLOYER_QUOTA_RATIO"] = 0.02
    assert Employer(org_type=OrgType.STATE_FIRM, staff_count=120).quota_required == 3


@pytest.mark.parametrize(("org_type", "staff", "applies"), [
    (OrgType.STATE_BODY, 49, False), (OrgType.STATE_BODY, 50, True), (OrgType.PUBLIC_INSTITUTION, 66, False),
    (OrgType.PUBLIC_INSTITUTION, 67, True), (OrgType.STATE_FIRM, 500, False), (OrgType.STATE_BODY, None, False),
])
def test_the_state_rule_for_state_bodies_and_public_institutions(org_type, staff, applies):
    assert Employer(org_type=org_type, staff_count=staff).state_rule_applies is applies


def test_verified_only_when_verified():
    assert Employer(status=EmployerStatus.VERIFIED).is_verified
    assert not Employer(status="pending").is_verified
