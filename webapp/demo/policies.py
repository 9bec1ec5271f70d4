"""Demo: 张明 has saved his answers to "这项政策适合我吗？", so his result page (and the forms to
save again or delete them) can be reached from the screener's page."""
from ..services.policies import saved, screener

ANSWERS = {"district": "chengqu", "household_type": "urban", "age_band": "25_44", "work": "unemployed",
           "study": "no", "business": "wanting"}


def load(applicant) -> None:
    if applicant is None or saved.saved_for(applicant) is not None:
        return
    saved.save(applicant, screener.check(ANSWERS))
