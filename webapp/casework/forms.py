"""Casework forms: the queue filters (a plain GET form), decisions, identity check, assessment, and
linking a family helper for a person who cannot do it themself."""
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    Form,
    HiddenField,
    RadioField,
    SearchField,
    SelectChoice,
    SelectField,
    StringField,
    TextAreaField,
)
from wtforms.validators import InputRequired, ValidationError

from ..models import IdentityStatus
from ..models.applying.application import STATUS_LABELS
from ..models.applying.kinds import KIND_LABELS
from ..services.casework import assessments, verification
from ..services.casework.queue import MAX_QUERY, MAX_WAITING_DAYS, SENT_STATUSES, QueueFilters
from ..services.common.errors import DomainError
from ..services.common.text import plain, whole_number
from ..web.fields import FixedSelectField, choices_from

QUEUE_STATUSES = {status: STATUS_LABELS[status] for status in SENT_STATUSES}


class QueueFilterForm(Form):
    """Unknown values are ignored (a shared link still works); a mistyped number is pointed out."""

    q = SearchField(_l("Reference number, applicant's name or item"),
                    render_kw={"maxlength": MAX_QUERY, "autocomplete": "off"})
    status = FixedSelectField(_l("Status"), choices=[SelectChoice("", _l("All statuses")),
                                                     *choices_from(QUEUE_STATUSES)])
    kind = FixedSelectField(_l("Kind"), choices=[SelectChoice("", _l("Courses, stalls and posts")),
                                                 *choices_from(KIND_LABELS)])
    opportunity = SelectField(_l("Course, stall or post"), choices=[])
    waiting = StringField(_l("Waiting longer than this many days"), description=_l("Counted from the day it was sent."),
                          render_kw={"inputmode": "numeric", "maxlength": "4", "autocomplete": "off"})
    mine = BooleanField(_l("Only applications I am checking"))
    unassigned = BooleanField(_l("Only applications nobody has claimed"))

    def set_opportunities(self, items) -> None:
        """The items to choose from, or None when there are too many to list (the filter is then
        left out of the form, and an item's id from a link still filters)."""
        self.lists_items = items is not None
        self.opportunity.choices = [SelectChoice("", _l("All")),
                                    *(SelectChoice(str(i), title) for i, title in items or ())]

    def filters(self) -> QueueFilters:
        opportunity_ids = {choice.value for choice in self.opportunity.choices}
        opportunity = self.opportunity.data or ""
        if getattr(self, "lists_items", True):
            opportunity = opportunity if opportunity in opportunity_ids else ""
        else:  # not listed: any whole number is an item's id (the scope still applies to what it finds)
            opportunity = opportunity if opportunity.isascii() and opportunity.isdigit() and len(opportunity) < 10 else ""
        return QueueFilters(
            q=plain(self.q.data)[:MAX_QUERY],
            status=self.status.data if self.status.data in QUEUE_STATUSES else "",
            kind=self.kind.data if self.kind.data in KIND_LABELS else "",
            opportunity_id=int(opportunity) if opportunity else None,
            waiting_days=self._waiting(), mine=bool(self.mine.data), unassigned=bool(self.unassigned.data))

    def _waiting(self) -> int | None:
        text = (self.waiting.data or "").strip()
        if not text:
            return None
        days = whole_number(text, MAX_WAITING_DAYS)
        if days is None:
            self.waiting.errors = [str(_l("Enter a whole number of days, for example 7."))]
        return days

    @property
    def advanced(self) -> bool:
        """Whether a filter other than the search box is in use (the filter section then starts open)."""
        chosen = self.filters()
        return bool(chosen.kind or chosen.status or chosen.opportunity_id or chosen.waiting_days is not None
                    or chosen.mine or chosen.unassigned or self.waiting.errors)


class _ReasonForm(FlaskForm):
    """A reason from the list, the caseworker's own words, or both (subclasses name the fields)."""

    def set_templates(self, templates) -> None:
        self.template.choices = [SelectChoice("", _l("None of these: only my own words below")),
                                 *(SelectChoice(str(t.id), t.text) for t in templates)]


class RejectForm(_ReasonForm):
    template = RadioField(_l("Reason for not approving"), choices=[], validate_choice=False)
    text = TextAreaField(_l("Reason in your own words"),
                         description=_l("The applicant sees this. Say why, in plain words."),
                         render_kw={"maxlength": "1000"})


class AskForm(_ReasonForm):
    template = RadioField(_l("What is missing"), choices=[], validate_choice=False)
    text = TextAreaField(_l("Say exactly what is missing"),
                         description=_l("The applicant sees this, adds it and sends the application again."),
                         render_kw={"maxlength": "1000"})


class ReassignForm(FlaskForm):
    assignee = SelectField(_l("Colleague"), choices=[], validate_choice=False)


class VerifyForm(FlaskForm):
    outcome = RadioField(_l("Result of the check"), choices=[
        SelectChoice(IdentityStatus.VERIFIED.value,
                     _l("Verified: name, ID and certificate numbers match the documents")),
        SelectChoice(IdentityStatus.NOT_VERIFIED.value,
                     _l("Not verified: something does not match or cannot be read"))],
        validators=[InputRequired(_l("Choose the result of the check."))])
    note = TextAreaField(_l("What did not match"),
                         description=_l("Required when not verified. The person is told, so they can correct it."),
                         render_kw={"maxlength": str(verification.MAX_NOTE)})
    next = HiddenField()


class AssessmentForm(FlaskForm):
    assessed_on = StringField(_l("Date of the assessment"), description=_l("Year-month-day, for example 2026-03-05."),
                              render_kw={"inputmode": "numeric", "autocomplete": "off", "maxlength": "12"})
    method = RadioField(_l("How it was done"), choices=choices_from(assessments.METHODS),
                        validators=[InputRequired(_l("Choose how the assessment was done."))])
    work_capacity = RadioField(_l("Work the person can do"), choices=choices_from(assessments.CAPACITIES),
                               validators=[InputRequired(_l("Choose what work the person can do."))])
    directions = TextAreaField(_l("Recommended kinds of work or training"),
                               description=_l("For example: online customer service; massage training."),
                               render_kw={"maxlength": str(assessments.MAX_TEXT)})
    notes = TextAreaField(_l("Notes"), render_kw={"maxlength": str(assessments.MAX_TEXT)})
    hard_to_employ = BooleanField(_l("Recognised as having difficulty finding work (就业困难)"),
                                  description=_l("Gives priority for public-welfare posts."))
    next = HiddenField()

    def validate_assessed_on(self, field) -> None:
        try:
            assessments.parse_date(field.data)
        except DomainError as error:
            raise ValidationError(str(error.message)) from None


class CaseworkerLinkForm(FlaskForm):
    applicant_phone = StringField(_l("Jobseeker's mobile number"),
                                  render_kw={"type": "tel", "inputmode": "tel", "autocomplete": "off", "maxlength": "20"})
    helper_phone = StringField(_l("Helper's mobile number"), description=_l("The helper must have registered as a family helper."),
                               render_kw={"type": "tel", "inputmode": "tel", "autocomplete": "off", "maxlength": "20"})
    relationship = StringField(_l("How are they related?"), render_kw={"maxlength": "30"})
    reason = TextAreaField(_l("Why the person cannot link a helper themself"),
                           description=_l("For example: cannot use a phone because of a severe intellectual disability."),
                           render_kw={"maxlength": "500"})
