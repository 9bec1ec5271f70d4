"""用人单位注册 and the employer's home: registration in two steps (the phone's SMS code exactly as
the applicants' registration, then the organisation), its details, status and quota position, the
numbers it declares and its business licence photo."""
from flask import abort, current_app, flash, redirect, render_template, request, send_file, session, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from ..auth.forms import PhoneForm
from ..auth.sessions import dev_code, keep_dev_code, limit, shows_codes, sign_in
from ..extensions import db
from ..models import DISTRICT_LABELS, Employer, Role
from ..models.work.employer import DEFAULT_QUOTA_RATIO, STATE_RULE_STAFF
from ..services.accounts import registration
from ..services.common.errors import DomainError
from ..services.common.phone import normalise_phone
from ..services.employers import accounts
from ..services.identity import uploads
from ..web.access import role_required
from ..web.client import client_address
from ..web.form_pages import add_error, add_errors, render_form
from . import bp
from .forms import EmployerRegisterForm, LicenceForm, NumbersForm

PHONE_KEY = "employer_register_phone"


def page_context(employer: Employer) -> dict:
    """What the details and quota partials need (the employer's home and the administrators' page)."""
    ratio = current_app.config.get("EMPLOYER_QUOTA_RATIO", DEFAULT_QUOTA_RATIO)
    return {"employer": employer, "ratio_percent": f"{ratio * 100:g}", "district_labels": DISTRICT_LABELS,
            "state_rule_least": STATE_RULE_STAFF.get(employer.org_type)}


def _home(form, status: int = 200):
    employer = _own_employer()
    jobs_url = url_for("employer.jobs") if "employer.jobs" in current_app.view_functions else None
    return render_form("employer/home.html", form, status=status, title=_("My organisation"), licence_form=form,
                       jobs_url=jobs_url, back_url=url_for("main.me"), **page_context(employer))


def _own_employer() -> Employer:
    employer = accounts.employer_of(current_user)
    if employer is None:  # an employer account without its organisation row: nothing to show
        abort(404)
    return employer


@bp.route("/register", methods=["GET", "POST"])
@limit("RATELIMIT_SMS")
def register():
    """用人单位注册, step 1: the mobile number of the account, which receives a code."""
    if current_user.is_authenticated:
        return redirect(url_for("main.me"))
    form = PhoneForm()
    if form.validate_on_submit():
        try:
            phone = normalise_phone(form.phone.data)
            code = registration.start_registration(phone, client_address())
        except DomainError as error:
            add_error(form, error)
            return render_form("employer/register.html", form, status=error.status, title=_("Register an employer"))
        session[PHONE_KEY] = phone
        keep_dev_code(phone, code)
        return redirect(url_for("employer.register_details"), 303)
    return render_form("employer/register.html", form, title=_("Register an employer"))


@bp.route("/register/details", methods=["GET", "POST"])
@limit("RATELIMIT_REGISTER")
def register_details():
    """用人单位注册, step 2: the code, the organisation, its contact and the password."""
    phone = session.get(PHONE_KEY)
    if not phone:
        return redirect(url_for("employer.register"))
    form = EmployerRegisterForm()
    if form.validate_on_submit():
        try:
            employer = accounts.register(phone, form.code.data, form.password.data, form.details(), client_address())
        except DomainError as error:
            add_errors(form, error)
        else:
            session.pop(PHONE_KEY, None)
            sign_in(employer.user)
            return redirect(url_for("employer.registered"), 303)
    return render_form("employer/register_details.html", form, title=_("Register an employer"), phone=phone,
                       dev_code=dev_code(phone), shows_codes=shows_codes())


@bp.route("/register/resend", methods=["POST"])
@limit("RATELIMIT_SMS")
def register_resend():
    """Send a new code for the employer registration in progress."""
    phone = session.get(PHONE_KEY)
    if not phone:
        return redirect(url_for("employer.register"), 303)
    try:
        code = registration.start_registration(phone, client_address())
    except DomainError as error:
        flash(str(error.message), "error")
    else:
        keep_dev_code(phone, code)
        flash(_("A new text message has been sent."), "success")
    return redirect(url_for("employer.register_details"), 303)


@bp.route("/registered")
@role_required(Role.EMPLOYER)
def registered():
    """Result page: the account exists and waits for the city's verification."""
    return render_template("employer/registered.html", title=_("Employer registered"), employer=_own_employer())


@bp.route("")
@role_required(Role.EMPLOYER)
def home():
    """The organisation, its status in words and its quota position."""
    return _home(LicenceForm())


@bp.route("/numbers", methods=["GET", "POST"])
@role_required(Role.EMPLOYER)
def numbers():
    """The employer declares its staff count and disabled employees."""
    employer = _own_employer()
    form = NumbersForm(data={"staff_count": employer.staff_count, "disabled_staff": employer.disabled_staff}
                       if request.method == "GET" and employer.staff_count is not None else None)
    if form.validate_on_submit():
        try:
            accounts.declare_numbers(employer, form.staff_count.data, form.disabled_staff.data, client_address())
        except DomainError as error:
            add_errors(form, error)
        else:
            flash(_("The numbers are saved. Your quota position below uses them."), "success")
            return redirect(url_for("employer.home"), 303)
    return render_form("employer/numbers.html", form, title=_("Staff and disabled employees"),
                       back_url=url_for("employer.home"))


@bp.route("/licence", methods=["POST"])
@role_required(Role.EMPLOYER)
def licence_upload():
    """Check, re-encode and store the business licence photo; refusals keep the page and say why."""
    employer = _own_employer()
    form = LicenceForm()
    if form.validate_on_submit():
        try:
            accounts.upload_licence(employer, request.files.get("licence"), client_address())
        except DomainError as error:
            add_error(form, error)
        else:
            flash(_("The licence photo is uploaded. The city will look at it when it verifies you."), "success")
            return redirect(url_for("employer.home"), 303)
    return _home(form, 422)


@bp.route("/licence/<int:employer_id>/<any(full, thumb):size>")
@login_required
def licence_image(employer_id: int, size: str):
    """The licence photo, for the employer itself and administrators; anyone else is told it is not there."""
    try:
        row = accounts.licence_of(current_user, db.session.get(Employer, employer_id))
        stored = uploads.open_stored(row.file_name if size == "full" else row.thumb_name)
    except (LookupError, FileNotFoundError):
        abort(404)
    response = send_file(stored, mimetype=row.mime, max_age=0, conditional=False)
    response.headers["Cache-Control"] = "private, no-store"
    return response
