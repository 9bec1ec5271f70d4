"""The dashboard's tables: each figure as rows, with the SVG chart that draws the same numbers."""
from dataclasses import dataclass, field

from flask_babel import gettext as _
from flask_babel import ngettext
from markupsafe import Markup

from ..models import DISTRICT_LABELS, POST, STALL
from ..models.work.employer import ORG_TYPE_LABELS
from ..models.work.ledger import GRADUATE_STATUS_LABELS
from ..services.identity.numbers import CATEGORY_LABELS
from ..services.reports import figures
from .charts import Bar, counts_chart, hbar

# The page shows at most this many stall openings or posts, those furthest below the target first;
# the spreadsheet (CSV) of the same table has every one.
SHOWN_ITEMS = 20


@dataclass
class Table:
    name: str
    title: str
    caption: str
    headers: list[str]
    rows: list[list]
    chart: Markup
    foot: list[list] = field(default_factory=list)
    summary: str = ""


def percent(share: float | None) -> str:
    return "—" if share is None else f"{share * 100:.1f}%"


def met(ok: bool | None) -> str:
    return _("No data yet") if ok is None else (_("Met") if ok else _("Below target"))


def plan_targets() -> dict:
    """The plan's targets in words for the dashboard's introduction."""
    return {"training": figures.TRAINING_TARGET, "rural": figures.RURAL_TRAINING_TARGET,
            "funded": figures.FUNDED_TARGET, "rate": percent(figures.EMPLOYMENT_TARGET).replace(".0%", "%"),
            "goal_year": figures.EMPLOYMENT_TARGET_YEAR, "stalls": percent(figures.RESERVED_TARGETS[STALL]),
            "posts": percent(figures.RESERVED_TARGETS[POST])}


def _employment(f: figures.Figures, large: bool) -> Table:
    share, target = f.employment_share, figures.EMPLOYMENT_TARGET
    ok = None if share is None else share >= target
    status = met(ok)
    title = _("People in work")
    note = _("%(count)d of %(total)d · the plan's goal for %(goal_year)d: %(target)s · %(status)s", count=f.in_work,
             total=f.registered, goal_year=figures.EMPLOYMENT_TARGET_YEAR, target=percent(target), status=status)
    return Table("employment", title, _("Registered applicants in work, %(year)d", year=f.year),
                 [_("Figure"), _("Number")],
                 [[_("Registered applicants"), f.registered],
                  [_("Working or self-employed, by their newest needs registration"), f.in_work_by_needs],
                  [_("Hired for a post or given a stall this year"), f.placed],
                  [_("In work (either or both)"), f.in_work],
                  [_("Share in work"), percent(share)],
                  [_("The plan's goal for the end of %(goal_year)d", goal_year=figures.EMPLOYMENT_TARGET_YEAR),
                   percent(target)],
                  [_("Status"), status]],
                 hbar("chart-employment", title, [Bar(_("Share in work"), share or 0, percent(share), note,
                                                      flagged=not ok, marker=target)], large=large),
                 summary=_("No one has registered yet.") if share is None else
                 _("%(share)s of registered applicants are in work (%(count)d of %(total)d) in %(year)d. The plan's "
                   "goal for the end of %(goal_year)d was %(target)s; it is kept here as the benchmark.",
                   share=percent(share), count=f.in_work, total=f.registered, year=f.year,
                   goal_year=figures.EMPLOYMENT_TARGET_YEAR, target=percent(target)))


def _targets(f: figures.Figures, large: bool) -> Table:
    measures = [(_("Training person-times"), f.training, figures.TRAINING_TARGET),
                (_("Rural training person-times"), f.rural_training, figures.RURAL_TRAINING_TARGET),
                (_("People funded"), f.funded, figures.FUNDED_TARGET)]
    title = _("Training and funding against the yearly targets")
    bars = []
    for label, value, target in measures:
        scale = max(value, target)
        bars.append(Bar(label, value / scale, str(value),
                        _("yearly target at least %(target)d, %(due)d of it due by today · %(status)s",
                          target=target, due=f.due_by_now(target), status=met(value >= target)),
                        flagged=value < target, marker=target / scale))
    return Table("targets", title, _("Training and funding in %(year)d so far, against the plan's targets per year",
                                     year=f.year),
                 [_("Measure"), _("In %(year)d so far", year=f.year), _("The plan's target per year (at least)"),
                  _("Due by today at that rate"), _("Status for the year")],
                 [[label, value, target, f.due_by_now(target), met(value >= target)] for label, value, target in measures],
                 hbar("chart-targets", title, bars, large=large),
                 summary=ngettext("%(num)d day of %(year)d is counted so far.",
                                  "%(num)d days of %(year)d are counted so far.", f.days_counted, year=f.year))


def _counts(name: str, title: str, caption: str, headers: list[str], rows: list[tuple[str, int]],
            large: bool) -> Table:
    return Table(name, title, caption, headers, [[label, count] for label, count in rows],
                 counts_chart(f"chart-{name}", title, rows, large=large))


def _district_rates(f: figures.Figures, large: bool) -> Table:
    """The employment rate of each district beside the plan's 70%: said in words, never by colour."""
    target, rows, bars = figures.EMPLOYMENT_TARGET, [], []
    labels = {k.value: str(v) for k, v in DISTRICT_LABELS.items()}
    keys = [*labels, *(key for key in f.employment_by_district if key not in labels)]
    for key in keys:
        able, working = f.employment_by_district.get(key, (0, 0))
        share = working / able if able else None
        status = met(None if share is None else share >= target)
        name = labels.get(key) or (str(key) if key is not None else _("Not recorded"))
        rows.append([name, able, working, percent(share), percent(target), status])
        bars.append(Bar(name, share or 0, percent(share), status, flagged=share is not None and share < target,
                        marker=target))
    title = _("Employment rate by district")
    return Table("employment_districts", title,
                 _("People able to work who are employed, by district, %(year)d. Able to work: registered applicants "
                   "except those whose latest ability assessment says they are not ready for work at present (people "
                   "not assessed yet are counted). Employed: hired or given a stall here this year, employment a "
                   "caseworker recorded, or a needs registration that says they work.", year=f.year),
                 [_("District"), _("Able to work"), _("Employed"), _("Employment rate"), _("The plan's goal"),
                  _("Status")], rows, hbar("chart-employment_districts", title, bars, large=large))


def _keyed(counts: dict, labels: dict) -> list[tuple[str, int]]:
    """Every known key (zeros too), then anything not recorded or not in the list."""
    rows = [(str(label), counts.get(key, 0)) for key, label in labels.items()]
    rows += [(str(key) if key is not None else _("Not recorded"), count)
             for key, count in counts.items() if key not in labels]
    return rows


def _worst_first(item) -> tuple:
    return (not item.below_target, -1 if item.share is None else item.share, item.title)


def _reserved(f: figures.Figures, kind: str, large: bool, every_row: bool) -> Table:
    every = [item for item in f.reserved if item.kind == kind]
    items = every if every_row or len(every) <= SHOWN_ITEMS else sorted(every, key=_worst_first)[:SHOWN_ITEMS]
    target = figures.RESERVED_TARGETS[kind]
    if kind == STALL:
        name, title = "stalls", _("Reserved share of stall openings")
        headers = [_("Stall opening"), _("Reserved units"), _("All units"), _("Share"), _("Status")]
        caption = _("Stall openings, published or closed (target at least %(target)s)", target=percent(target))
    else:
        name, title = "posts", _("Reserved share of public-welfare posts")
        headers = [_("Post"), _("Reserved places"), _("All places"), _("Share"), _("Status")]
        caption = _("Public-welfare posts, published or closed (target at least %(target)s)", target=percent(target))
    top = max([target * 2, *(item.share or 0 for item in items)])
    bars, rows = [], []
    for item in items:
        status = _("Total not given") if item.share is None else met(not item.below_target)
        bars.append(Bar(item.title, (item.share or 0) / top, percent(item.share),
                        _("target %(target)s · %(status)s", target=percent(target), status=status),
                        flagged=item.below_target, marker=target / top))
        rows.append([item.title, item.reserved, item.total or "—", percent(item.share), status])
    below = sum(1 for item in every if item.below_target)
    if kind == STALL:
        summary = ngettext("%(num)d stall opening is below the target of %(target)s.",
                           "%(num)d stall openings are below the target of %(target)s.", below, target=percent(target))
    else:
        summary = ngettext("%(num)d post is below the target of %(target)s.",
                           "%(num)d posts are below the target of %(target)s.", below, target=percent(target))
    summary = summary if below else _("All meet the target of %(target)s.", target=percent(target))
    if len(items) < len(every):
        summary = " ".join((summary, _("Shown here: the %(shown)d furthest below the target, of %(all)d; the "
                                       "spreadsheet below has them all.", shown=len(items), all=len(every))))
    return Table(name, title, caption, headers, rows,
                 hbar(f"chart-{name}", title, bars, _("Nothing of this kind is published yet."), large),
                 summary=summary)


def _decisions(f: figures.Figures, large: bool) -> Table:
    title = _("Time from sending to decision")
    words = {7: _("Up to 7 days"), 14: _("More than 7, up to 14 days"), 30: _("More than 14, up to 30 days"),
             None: _("More than 30 days")}
    rows = [(str(words[upper]), count) for upper, count in f.day_buckets]
    median = f.median_days
    table = Table("decisions", title, _("Applications decided in %(year)d, by days from sending to decision",
                                        year=f.year), [_("Time to decision"), _("Applications")],
                  [[label, count] for label, count in rows], counts_chart("chart-decisions", title, rows, large=large))
    table.foot = [[_("Median days to decision"), "—" if median is None else f"{median:.1f}"]]
    return table


def _graduates(f: figures.Figures, large: bool) -> Table:
    """The graduates' ledger (一人一策): plans per stage and those with a step overdue."""
    title = _("Graduates' plans")
    rows = [[str(label), f.graduate_plans.get(stage.value, 0), f.graduate_overdue_by_stage.get(stage.value, 0)]
            for stage, label in GRADUATE_STATUS_LABELS.items()]
    table = Table("graduates", title, _("Plans for disabled students and recent graduates, as of today"),
                  [_("Stage"), _("Plans"), _("Plans with a step overdue")], rows,
                  counts_chart("chart-graduates", title, [(row[0], row[1]) for row in rows], large=large))
    table.summary = ngettext("%(num)d plan has a step overdue.", "%(num)d plans have a step overdue.",
                             f.graduate_plans_overdue)
    return table


def _employer_quota(f: figures.Figures, large: bool) -> Table:
    """Verified employers' quota position per organisation type, from the numbers they declared (or the
    city corrected)."""
    ratio = percent(float(figures.quota_ratio()))
    rows, bars = [], []
    for org_type, label in ORG_TYPE_LABELS.items():
        q = f.employer_quota.get(org_type.value, figures.Quota())
        rows.append([str(label), q.employers, q.declared, q.meeting, q.disabled_staff, q.required, q.state_rule_unmet])
        bars.append((str(label), q.employers))
    total = figures.Quota(*(sum(row[i] for row in rows) for i in range(1, 7)))
    title = _("Employers' quota")
    table = Table("employer_quota", title,
                  _("Verified employers by type and the quota of %(ratio)s of staff, from the numbers they declared "
                    "or the city corrected, as of today", ratio=ratio),
                  [_("Type"), _("Verified employers"), _("Gave their numbers"), _("Meeting the quota"),
                   _("Disabled staff"), _("Quota asks for"), _("Must employ one and employ none")], rows,
                  counts_chart("chart-employer_quota", title, bars, large=large))
    table.foot = [[_("All types"), total.employers, total.declared, total.meeting, total.disabled_staff,
                   total.required, total.state_rule_unmet]]
    table.summary = (_("No employer is verified yet.") if not total.employers else
                     _("%(meeting)d of %(declared)d employers who gave their numbers meet the quota; they employ "
                       "%(staff)d disabled people of the %(required)d the quota asks for.", meeting=total.meeting,
                       declared=total.declared, staff=total.disabled_staff, required=total.required))
    if total.state_rule_unmet:
        table.summary = " ".join((table.summary, ngettext(
            "%(num)d state body or public institution large enough to have to employ a disabled person employs none.",
            "%(num)d state bodies or public institutions large enough to have to employ a disabled person employ none.",
            total.state_rule_unmet)))
    return table


def build_tables(f: figures.Figures, large: bool = False, every_row: bool = False) -> list[Table]:
    """The page's tables (`every_row`: the spreadsheets', with nothing left out)."""
    statuses = [(s.label, f.by_status.get(s, 0)) for s in figures.STATUS_ORDER]
    statuses += [(s, n) for s, n in f.by_status.items() if s not in figures.STATUS_ORDER]
    return [
        _employment(f, large),
        _district_rates(f, large),
        _targets(f, large),
        _counts("districts", _("Registered applicants by district"), _("Registered applicants by district, as of today"),
                [_("District"), _("Registered applicants")],
                _keyed(f.by_district, {k.value: v for k, v in DISTRICT_LABELS.items()}), large),
        _counts("categories", _("Registered applicants by disability category"),
                _("Registered applicants by disability category, as of today"),
                [_("Disability category"), _("Registered applicants")], _keyed(f.by_category, CATEGORY_LABELS), large),
        _reserved(f, STALL, large, every_row),
        _reserved(f, POST, large, every_row),
        _counts("statuses", _("Applications by status"), _("Applications sent in %(year)d by status", year=f.year),
                [_("Status"), _("Applications")], statuses, large),
        _decisions(f, large),
        _employer_quota(f, large),
        _graduates(f, large),
    ]
