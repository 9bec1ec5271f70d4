"""The jobs list's filters: the shared filter form of the 培训 and 机会 tabs, with a job's own filters."""
from flask_babel import lazy_gettext as _l
from wtforms import BooleanField, StringField

from ..find.forms import JOB_KIND_KEYS, FilterForm, with_all
from ..vocab import WORKPLACE_ACCESSIBILITY
from ..web.fields import CheckboxesField, FixedSelectField, choices_from


class JobFilterForm(FilterForm):
    access_vocabulary = WORKPLACE_ACCESSIBILITY
    job_kind = FixedSelectField(_l("Kind of work"), choices=with_all(_l("All kinds of work"), JOB_KIND_KEYS))
    pay = StringField(_l("Pay at least, yuan a month"), description=_l("Whole yuan, for example 2500."),
                      render_kw={"inputmode": "numeric", "autocomplete": "off", "maxlength": 6})
    accessibility = CheckboxesField(_l("Workplace accessibility (must have all ticked)"),
                                    choices=choices_from(WORKPLACE_ACCESSIBILITY))
    graduates = BooleanField(_l("Only posts reserved for graduates"))
