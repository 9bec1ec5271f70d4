from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import RadioField, SelectChoice


class SettingsForm(FlaskForm):
    lang = RadioField(_l("Language"), choices=[
        SelectChoice("zh_CN", "中文（简体）", render_kw={"lang": "zh-CN"}),
        SelectChoice("en", "English", render_kw={"lang": "en"}),
    ])
    care = RadioField(_l("Care mode"), choices=[
        SelectChoice("1", _l("On: larger text and buttons, stronger contrast")),
        SelectChoice("0", _l("Off: standard view")),
    ])
