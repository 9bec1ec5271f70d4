"""The plan dashboard: each figure as an SVG chart, the same numbers as a table, and a CSV."""
import csv
import io

from flask import Response, abort, current_app, g, render_template, url_for
from flask_babel import gettext as _

from ..models import Role
from ..services.reports import snapshot
from ..web.access import role_required
from . import bp
from .dashboard_tables import build_tables, plan_targets

BOM = b"\xef\xbb\xbf"  # so Excel reads the UTF-8 (Chinese) text correctly


@bp.route("/dashboard", endpoint="dashboard")
@role_required(Role.ADMIN)
def dashboard_page():
    """This year's figures against the action plan's targets."""
    found, computed_at = snapshot.latest()
    return render_template("admin/dashboard.html", title=_("Plan dashboard"), figures=found, plan=plan_targets(),
                           computed_at=computed_at, refresh_minutes=max(current_app.config["DASHBOARD_CACHE_SECONDS"] // 60, 1),
                           tables=build_tables(found, large=g.get("care_mode", False)), back_url=url_for("main.me"))


def _cell(value) -> str | int:
    """Numbers as they are; text that a spreadsheet would run as a formula gets a leading apostrophe."""
    text = value if isinstance(value, int) else str(value)
    return "'" + text if isinstance(text, str) and text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


@bp.route("/dashboard/<table>.csv")
@role_required(Role.ADMIN)
def dashboard_csv(table: str):
    """One dashboard table as a CSV file that Excel opens with the Chinese intact."""
    found, _computed_at = snapshot.latest()
    chosen = next((t for t in build_tables(found, every_row=True) if t.name == table), None)
    if chosen is None:
        abort(404)
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow([_cell(h) for h in chosen.headers])
    for row in [*chosen.rows, *chosen.foot]:
        writer.writerow([_cell(value) for value in row])
    response = Response(BOM + out.getvalue().encode("utf-8"), content_type="text/csv; charset=utf-8")
    response.headers["Content-Disposition"] = f"attachment; filename=dashboard-{chosen.name}-{found.year}.csv"
    response.headers["Cache-Control"] = "private, no-store"
    return response
