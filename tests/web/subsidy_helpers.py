"""Helpers for the subsidy tests: items of each measure, a photo, and applications at each step."""
import io

from PIL import Image
from werkzeug.datastructures import FileStorage

from tests import factories
from webapp.models import SubsidyKind
from webapp.services.applications import drafts, machine
from webapp.services.common.acting import Acting
from webapp.services.subsidies import photos

K = SubsidyKind
# The answers each measure takes, typed as a person would.
ANSWERS = {
    K.SELF_EMPLOYMENT: {"business_name": "张明盲人按摩店", "started_on": "2026-03-01"},
    K.SOCIAL_INSURANCE: {"insurance_months": "12", "insured_as": "灵活就业"},
    K.FAMILY_BUSINESS: {"business": "养羊", "use_of_funds": "购买羊羔和饲料"},
    K.TRAINING: {"certificate": "保健按摩师"},  # the course is the person's own, added by the test
    K.LOAN: {"business_name": "阳泉明光按摩店", "disabled_staff": "3", "loan_amount": "200000"},
}
LABELS = {
    K.SELF_EMPLOYMENT: ["Name of your business or work", "When did you start?"],
    K.SOCIAL_INSURANCE: ["How many months of social insurance have you paid?",
                         "Paid as a self-employed or flexible worker, or by an employer?"],
    K.FAMILY_BUSINESS: ["What is the family business?", "What would the funding pay for?"],
    K.TRAINING: ["Which course did you take?", "Certificate gained (optional)"],
    K.LOAN: ["Name of your business", "How many disabled people do you employ?",
             "Loan amount you are seeking, in yuan"],
}
EVERY_LABEL = {label for labels in LABELS.values() for label in labels}


def item(measure=K.SELF_EMPLOYMENT, **fields):
    return factories.opportunity("subsidy", capacity=fields.pop("capacity", 50), category=measure.value,
                                 subsidy="最高10000元", **fields)


def jpeg() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (400, 300), (200, 180, 160)).save(out, "JPEG", quality=85)
    return out.getvalue()


def photo() -> FileStorage:
    return FileStorage(io.BytesIO(jpeg()), filename="papers.jpg")


def enrolled_course(person, caseworker):
    """A course application of `person` holding a seat."""
    return factories.approved(person, factories.opportunity("course"), caseworker)


def sent(person, subsidy_item, answers=None):
    me = Acting(person, person)
    application = drafts.start(me, subsidy_item)
    drafts.save_answers(me, application, answers or ANSWERS[subsidy_item.subsidy_kind])
    photos.add(me, application, photo())
    return machine.submit(me, application)


def under_review(person, caseworker, subsidy_item=None):
    """A self-employment subsidy application (or of `subsidy_item`) under review by `caseworker`."""
    factories.verified(person, caseworker)
    return machine.claim(caseworker, sent(person, subsidy_item or item()))
