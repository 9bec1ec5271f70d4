"""Where each measure's "how to apply" leads: the flows of this app, in one place.

A measure names a flow by key (services.policies.measures.Link.flow); this turns it into a URL.
"""
from flask import url_for
from flask_login import current_user

FLOWS = {
    "needs": ("needs.overview", {}),
    "training": ("find.training", {}),
    "training_rural": ("find.training", {"category": "rural"}),
    "training_massage": ("find.training", {"category": "blind_massage"}),
    "training_ecommerce": ("find.training", {"category": "ecommerce"}),
    "training_business": ("find.training", {"category": "entrepreneurship"}),
    "stalls": ("find.opportunities", {"kind": "stall"}),
    "posts": ("find.opportunities", {"kind": "post"}),
    "jobs": ("jobs.index", {}),
    "jobs_fit": ("jobs.fitting", {}),
    "employer": ("employer.register", {}),
    "fairs": ("fairs.index", {}),
    # Each measure's own subsidy items (models.SubsidyKind), where its Apply button is.
    "subsidy_training": ("find.subsidies", {"category": "training"}),
    "subsidy_self_employment": ("find.subsidies", {"category": "self_employment"}),
    "subsidy_social_insurance": ("find.subsidies", {"category": "social_insurance"}),
    "subsidy_loan": ("find.subsidies", {"category": "loan"}),
    "subsidy_family_business": ("find.subsidies", {"category": "family_business"}),
}


# Flows only some may open once signed in: a person's own records (the person or their family
# helper), and an employer's account (registration when signed out, the employer's home after).
FOR_PEOPLE = frozenset({"needs", "jobs_fit"})
FOR_EMPLOYERS = frozenset({"employer"})


def can_open(flow: str) -> bool:
    """Whether the reader may open the flow (signed out: yes, it asks them to sign in or register)."""
    if not current_user.is_authenticated:
        return True
    if flow in FOR_PEOPLE:
        return current_user.is_applicant or current_user.is_helper
    if flow in FOR_EMPLOYERS:
        return current_user.is_employer
    return True


def href(flow: str) -> str:
    """The URL of a flow named by a measure."""
    if flow in FOR_EMPLOYERS and current_user.is_authenticated and current_user.is_employer:
        return url_for("employer.home")
    endpoint, args = FLOWS[flow]
    return url_for(endpoint, **args)
