"""Where each measure's "how to apply" leads: the flows of this app, in one place.

A measure names a flow by key (services.policies.measures.Link.flow); this turns it into a URL.
"""
from flask import url_for

# Subsidy and funding applications are being built elsewhere: until they are merged, subsidies lead
# to the openings list. Change this one line to point them at the subsidy flow.
SUBSIDY = ("find.opportunities", {"kind": "subsidy"})

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
    "subsidy": SUBSIDY,
}


def href(flow: str) -> str:
    """The URL of a flow named by a measure."""
    endpoint, args = FLOWS[flow]
    return url_for(endpoint, **args)
