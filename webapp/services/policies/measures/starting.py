"""Getting started: registering employment needs, free training, and the training and certificate subsidy."""
from flask_babel import lazy_gettext as _l

from .model import RESIDENTS, Easy, Link, Measure

STARTING = (
    Measure(
        slug="needs-registration", audiences=(RESIDENTS,), group="start", plan_items=(15,),
        title=_l("Register your employment needs"),
        summary=_l("Tell the Disabled Persons' Federation once what work and support you need, and it follows up "
                   "with you."),
        who=(_l("Disabled people of working age (16 to 59) who want work, more work or a better job."),
             _l("A family member can register for a relative who cannot do it alone, with their consent.")),
        gets=(_l("A check of your basic details and an assessment of the work you can do (职业能力评估)."),
              _l("A caseworker who looks for jobs, training and support that suit you, and keeps in touch.")),
        needs=(_l("Your disability certificate (残疾人证) and your resident ID card."),
               _l("About ten minutes to answer questions about the work, hours and support you want.")),
        apply=_l("Answer the questions under Me, Employment needs. You can change the answers at any time."),
        links=(Link("needs", _l("Register your employment needs")),),
        contact="district",
        easy=Easy(who=(_l("For disabled people who want a job."), _l("You are 16 to 59 years old.")),
                  gets=(_l("A person from the Disabled Persons' Federation helps you."),
                        _l("They look for work and training for you.")),
                  needs=(_l("Your disability card."), _l("Your ID card.")),
                  do=(_l("Answer some questions on your phone."),)),
    ),
    Measure(
        slug="training", audiences=(RESIDENTS,), group="start", plan_items=(11, 14),
        title=_l("Free vocational training"),
        summary=_l("Courses in job skills, massage, rural skills, e-commerce and starting a business, paid for by "
                   "the government."),
        who=(_l("Disabled people in towns and villages who want to work or start a business, and disabled "
                "college students."),),
        gets=(_l("A free place on a course, at the level that suits you. At least 400 places are offered each "
                 "year, at least 60 of them in practical skills for rural areas."),
              _l("Venues with step-free access and, when you ask, sign language or large print.")),
        needs=(_l("Your disability certificate."),
               _l("To apply before the course's deadline. Some courses ask for a basic level first.")),
        apply=_l("Choose a course in the training list and apply from its page."),
        links=(Link("training", _l("Find a course")),),
        contact="centre",
        easy=Easy(who=(_l("For disabled people who want to learn a skill."),),
                  gets=(_l("You learn a skill for work."), _l("It is free.")),
                  needs=(_l("Your disability card."),),
                  do=(_l("Choose a course."), _l("Press Apply."))),
    ),
    Measure(
        slug="training-subsidy", audiences=(RESIDENTS,), group="start", plan_items=(14,),
        title=_l("Training and certificate subsidy"),
        summary=_l("The cost of an approved course and of a skills certificate can be paid back to you."),
        who=(_l("Disabled people, college students among them, who take a vocational course or a skills test."),),
        gets=(_l("A training subsidy for an approved course."),
              _l("A certificate subsidy when you pass a vocational skills test and get the certificate.")),
        needs=(_l("Proof that you finished the course, or the certificate of the test you passed."),
               _l("Your disability certificate and a bank card in your own name.")),
        apply=_l("Apply for the subsidy in this service once you have the proof."),
        links=(Link("subsidy_training", _l("Apply for a subsidy")), Link("training", _l("Find a course"))),
        contact="education",
        easy=Easy(who=(_l("For people who do a course or a skills test."),),
                  gets=(_l("You get money back for the course."), _l("You get money back for the certificate.")),
                  needs=(_l("Your certificate."), _l("Your bank card.")),
                  do=(_l("Ask for the money."),)),
    ),
)
