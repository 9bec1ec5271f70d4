"""Extra support: supported work near home, and blind massage."""
from flask_babel import lazy_gettext as _l

from .model import RESIDENTS, Easy, Link, Measure

EXTRA_SUPPORT = (
    Measure(
        slug="supported-work", audiences=(RESIDENTS,), group="extra", plan_items=(4, 6),
        title=_l("Supported work near home"),
        summary=_l("Workshops where people with intellectual, mental or severe physical disabilities work with "
                   "support."),
        who=(_l("Disabled people who find ordinary work hard, above all people with intellectual or mental "
                "disabilities or a severe physical disability."),),
        gets=(_l("Work that suits you in a supported workshop (辅助性就业机构) or a 残疾人之家 near home, with a "
                 "job coach."),
              _l("At least one model workshop in every county and district.")),
        needs=(_l("To register your needs. A family member can do it with you."),),
        apply=_l("Register your employment needs and ask for supported work. The caseworker finds a workshop near "
                 "you."),
        links=(Link("needs", _l("Register your employment needs")),),
        contact="district",
        easy=Easy(who=(_l("For people who need help at work."),),
                  gets=(_l("Work near your home."), _l("A person helps you at work.")),
                  needs=(_l("Your family can help you ask."),),
                  do=(_l("Answer the questions about work."),)),
    ),
    Measure(
        slug="blind-massage", audiences=(RESIDENTS,), group="extra", plan_items=(13,),
        title=_l("Massage training and work for blind people"),
        summary=_l("Every blind person of working age who wants it is trained in massage, and blind people are "
                   "helped to open massage centres."),
        who=(_l("Blind and low-vision people of working age."),),
        gets=(_l("Free massage training, and more training later."),
              _l("Help to open a massage centre. A centre where at least 5 blind people work pays less tax and "
                 "fewer fees.")),
        needs=(_l("Your disability certificate for a visual disability."),),
        apply=_l("Apply for a massage course in the training list."),
        links=(Link("training_massage", _l("Find a massage course")),),
        contact="massage",
        easy=Easy(who=(_l("For blind people."),),
                  gets=(_l("Free massage lessons."), _l("Help to open a massage shop.")),
                  needs=(_l("Your disability card."),),
                  do=(_l("Choose a massage course."),)),
    ),
)
