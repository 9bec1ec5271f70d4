"""Thin views for sign-in, registration and password reset."""
from flask import abort, flash, redirect, render_template, request, session, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required, logout_user

from ..services.accounts import registration, signin
from ..services.common.errors import DomainError
from ..services.common.phone import normalise_phone
from ..web.client import client_address, safe_next
from ..web.form_pages import add_error, render_form
from . import bp
from .sessions import dev_code, keep_dev_code, limit, shows_codes, sign_in
from .forms import LoginForm, PhoneForm, RegisterForm, ResetForm


def _next() -> str | None:
    """Where the person was going before signing in or registering (checked), carried along."""
    return safe_next(request.args.get("next"))


@bp.route("/login", methods=["GET", "POST"])
@limit("RATELIMIT_LOGIN")
def login():
    """Sign in with phone number and password."""
    form = LoginForm()
    if form.validate_on_submit():
        try:
            phone = normalise_phone(form.phone.data)
            user = signin.authenticate(phone, form.password.data, client_address())
        except DomainError as error:
            add_error(form, error)
        else:
            sign_in(user)
            return redirect(_next() or url_for("main.me"), 303)
    return render_form("auth/login.html", form, title=_("Sign in"), next_url=_next())


@bp.route("/logout", methods=["POST"])
def logout():
    """Sign out (POST only, so no link or prefetch can do it)."""
    if current_user.is_authenticated:
        signin.record_logout(current_user, client_address())
        logout_user()
    session.clear()
    flash(_("You have signed out."), "success")
    return redirect(url_for("main.home"), 303)


@bp.route("/keepalive")
@login_required
def keepalive():
    """Staff idle warning: 'stay signed in' touches the session and returns nothing."""
    return "", 204



def _send_code(form, start, session_key: str, next_endpoint: str, template: str, title: str):
    """Shared first step of registration and reset: take a phone number, send a code."""
    if form.validate_on_submit():
        try:
            phone = normalise_phone(form.phone.data)
            code = start(phone, client_address())
        except DomainError as error:
            add_error(form, error)
            return render_form(template, form, status=error.status, title=title)
        session[session_key] = phone
        keep_dev_code(phone, code)
        return redirect(url_for(next_endpoint, next=_next()), 303)
    return render_form(template, form, title=title, next_url=_next())


@bp.route("/register", methods=["GET", "POST"])
@limit("RATELIMIT_SMS")
def register():
    """Registration, step 1: the mobile number that will receive a code."""
    if current_user.is_authenticated:
        return redirect(_next() or url_for("main.me"))
    return _send_code(PhoneForm(), registration.start_registration, "register_phone",
                      "auth.register_verify", "auth/register.html", _("Register"))


@bp.route("/register/verify", methods=["GET", "POST"])
@limit("RATELIMIT_REGISTER")
def register_verify():
    """Registration, step 2: code, name and password."""
    phone = session.get("register_phone")
    if not phone:
        return redirect(url_for("auth.register", next=_next()))
    form = RegisterForm()
    if form.validate_on_submit():
        try:
            user = registration.register(phone, form.code.data, form.name.data, form.password.data, client_address(),
                                     role=form.account_type.data)
        except DomainError as error:
            add_error(form, error)
        else:
            sign_in(user)
            if _next():  # back to the course or page they came from, saying what happened
                flash(_("Your account has been created. You are signed in as %(name)s.", name=user.name), "success")
                return redirect(_next(), 303)
            return redirect(url_for("auth.welcome"), 303)
    return render_form("auth/register_verify.html", form, title=_("Register"), phone=phone,
                       dev_code=dev_code(phone), shows_codes=shows_codes(), next_url=_next())


@bp.route("/welcome")
@login_required
def welcome():
    """Result page after registration."""
    return render_template("auth/welcome.html", title=_("Registered"))


@bp.route("/reset", methods=["GET", "POST"])
@limit("RATELIMIT_SMS")
def reset():
    """Password reset, step 1: the account's mobile number."""
    return _send_code(PhoneForm(), signin.start_reset, "reset_phone",
                      "auth.reset_verify", "auth/reset.html", _("Reset password"))


@bp.route("/reset/verify", methods=["GET", "POST"])
@limit("RATELIMIT_LOGIN")
def reset_verify():
    """Password reset, step 2: the code and a new password."""
    phone = session.get("reset_phone")
    if not phone:
        return redirect(url_for("auth.reset"))
    form = ResetForm()
    if form.validate_on_submit():
        try:
            signin.reset_password(phone, form.code.data, form.password.data, client_address())
        except DomainError as error:
            add_error(form, error)
        else:
            session.pop("reset_phone", None)
            flash(_("Your password has been changed. Sign in with the new password."), "success")
            return redirect(url_for("auth.login"), 303)
    return render_form("auth/reset_verify.html", form, title=_("Reset password"), phone=phone,
                       dev_code=dev_code(phone), shows_codes=shows_codes())


@bp.route("/resend/<purpose>", methods=["POST"])
@limit("RATELIMIT_SMS")
def resend(purpose: str):
    """Send a new code for the registration or reset in progress."""
    steps = {"register": ("register_phone", registration.start_registration, "auth.register_verify"),
             "reset": ("reset_phone", signin.start_reset, "auth.reset_verify")}
    if purpose not in steps:
        abort(404)
    key, start, endpoint = steps[purpose]
    phone = session.get(key)
    if not phone:
        return redirect(url_for(endpoint, next=_next()), 303)
    try:
        code = start(phone, client_address())
    except DomainError as error:
        flash(str(error.message), "error")
    else:
        keep_dev_code(phone, code)
        flash(_("A new text message has been sent."), "success")
    return redirect(url_for(endpoint, next=_next()), 303)
