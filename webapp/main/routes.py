"""Thin views for the tabs and settings."""
from flask import flash, g, redirect, render_template, url_for
from flask_babel import force_locale
from flask_babel import gettext as _
from flask_login import current_user

from ..services.accounts.users import set_preferences
from ..web import preferences
from ..web.client import client_address
from ..web.form_pages import render_form
from . import bp
from .forms import SettingsForm


@bp.route("/")
def home():
    """Home tab: what the service does and where to start."""
    return render_template("main/home.html", title=_("Yangquan Disability Employment"))


@bp.route("/me")
def me():
    """Me tab: the account, or the way in."""
    return render_template("main/me.html", title=_("Me"))


@bp.route("/me/settings", methods=["GET", "POST"])
def settings():
    """Language and care mode, kept in cookies and, when signed in, on the profile."""
    form = SettingsForm(lang=preferences.current_language(), care="1" if g.care_mode else "0")
    if form.validate_on_submit():
        care = form.care.data == "1"
        if current_user.is_authenticated:
            set_preferences(current_user, locale=form.lang.data, care_mode=care, ip=client_address())
        response = redirect(url_for("main.settings"), 303)
        preferences.remember(response, lang=form.lang.data, care="1" if care else "0")
        with force_locale(form.lang.data):
            flash(_("Your settings have been saved."), "success")
        return response
    return render_form("main/settings.html", form, title=_("Settings"))
