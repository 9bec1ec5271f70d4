"""Decision templates: the 不通过 reasons and 补充材料 requests caseworkers pick from."""
from flask import abort, flash, redirect, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from ..extensions import db
from ..models import DecisionTemplate, Role
from ..services.casework import decision_texts
from ..services.common.errors import DomainError
from ..web.access import role_required
from ..web.client import client_address
from ..web.form_pages import add_error, render_form
from . import bp
from .forms import TemplateForm

KIND_TITLES = {
    "reject": _l("Reasons for not approving (不通过)"),
    "ask": _l("Requests for more documents (补充材料)"),
}


@bp.route("/templates", methods=["GET", "POST"])
@role_required(Role.ADMIN)
def decision_templates():
    """The texts by kind, and a form to add one."""
    form = TemplateForm()
    if form.validate_on_submit():
        try:
            decision_texts.add_template(current_user, form.kind.data, form.text.data, client_address())
        except DomainError as error:
            add_error(form, error)
        else:
            flash(_("The text is added. Caseworkers can pick it now."), "success")
            return redirect(url_for("admin.decision_templates"), 303)
    return render_form("admin/decision_templates.html", form, title=_("Decision texts"),
                       groups=decision_texts.by_kind(), kind_titles=KIND_TITLES, max_length=decision_texts.MAX_TEMPLATE,
                       back_url=url_for("main.me"))


@bp.route("/templates/<int:template_id>/<action>", methods=["POST"])
@role_required(Role.ADMIN)
def decision_template_switch(template_id: int, action: str):
    """Switch a text off (caseworkers no longer see it) or on again."""
    if action not in ("deactivate", "reactivate"):
        abort(404)
    template = db.session.get(DecisionTemplate, template_id)
    if template is None:
        abort(404)
    try:
        decision_texts.set_template_active(current_user, template, action == "reactivate", client_address())
    except DomainError as error:
        flash(str(error.message), "error")
    else:
        flash(_("The text is switched on again.") if action == "reactivate"
              else _("The text is switched off. Caseworkers no longer see it."), "success")
    return redirect(url_for("admin.decision_templates"), 303)
