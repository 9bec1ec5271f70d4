"""Working for yourself: self-employment and social-insurance subsidies, stalls, loans, family business."""
from flask_babel import lazy_gettext as _l

from .model import RESIDENTS, Easy, Link, Measure

OWN_WORK = (
    Measure(
        slug="self-employment", audiences=(RESIDENTS,), group="own", plan_items=(7,),
        title=_l("Subsidy for self-employment and flexible work"),
        summary=_l("Money and help for disabled people who start their own business or work flexibly."),
        who=(_l("Disabled people who run, or want to start, a small business, a stall or flexible work."),),
        gets=(_l("A subsidy to start and to keep going."),
              _l("Help with a place to work, equipment, social insurance and loans. A workplace registered as a "
                 "non-profit pays household prices for water, power, gas and heating.")),
        needs=(_l("Your business licence, or proof of your flexible work."),
               _l("Your disability certificate and a bank card in your own name.")),
        apply=_l("Apply for the subsidy in this service."),
        links=(Link("subsidy_self_employment", _l("Apply for a subsidy")),),
        contact="education",
        easy=Easy(who=(_l("For people who work for themselves."),),
                  gets=(_l("Money to help your business."),),
                  needs=(_l("Proof of your work."), _l("Your bank card.")),
                  do=(_l("Ask for the money."),)),
    ),
    Measure(
        slug="social-insurance", audiences=(RESIDENTS,), group="own", plan_items=(7, 8),
        title=_l("Social insurance subsidy"),
        summary=_l("Part of the social insurance of disabled people in flexible work or self-employment is paid "
                   "for them."),
        who=(_l("Disabled people who work for themselves or in flexible work and pay their own pension and "
                "medical insurance."),
             _l("Employers who take on disabled people in public-welfare posts.")),
        gets=(_l("Part of the social insurance you paid, paid back to you."),),
        needs=(_l("Proof that you paid your social insurance this year."), _l("Your disability certificate.")),
        apply=_l("Apply for the subsidy in this service."),
        links=(Link("subsidy_social_insurance", _l("Apply for a subsidy")),),
        contact="district",
        easy=Easy(who=(_l("For people who pay their own insurance."),),
                  gets=(_l("You get part of the money back."),),
                  needs=(_l("Proof that you paid."),),
                  do=(_l("Ask for the money."),)),
    ),
    Measure(
        slug="stalls", audiences=(RESIDENTS,), group="own", plan_items=(7,),
        title=_l("Reserved stalls and shops"),
        summary=_l("Of the stalls, shops, newsstands and lottery kiosks of public markets, at least 10% are kept for "
                   "disabled people, with lower fees."),
        who=(_l("Disabled people who want to run a stall, a small shop, a newsstand, a lottery kiosk or a "
                "convenience point."),),
        gets=(_l("A place kept for disabled people, with lower or no stall fees and rent."),
              _l("When more people apply than there are places, a fair draw that anyone can check.")),
        needs=(_l("Your disability certificate."),
               _l("To sell tobacco, a licence. Its rules on the number of shops and the distance between them are "
                  "eased for disabled people.")),
        apply=_l("Find a stall in the openings list and apply from its page."),
        links=(Link("stalls", _l("Find a stall")),),
        contact="district",
        easy=Easy(who=(_l("For people who want to sell things."),),
                  gets=(_l("A stall or a small shop."), _l("You pay less rent.")),
                  needs=(_l("Your disability card."),),
                  do=(_l("Choose a stall."), _l("Press Apply."))),
    ),
    Measure(
        slug="loans", audiences=(RESIDENTS,), group="own", plan_items=(9, 10),
        title=_l("Business loans with the interest paid"),
        summary=_l("A disabled person whose business employs other disabled people can get a loan with its "
                   "interest paid."),
        who=(_l("Disabled people who run a business that gives steady work to other disabled people."),
             _l("Disabled people recognised as inheritors of intangible cultural heritage (非遗) who start a "
                "business.")),
        gets=(_l("A guaranteed loan, with its interest paid for you."),
              _l("Help at a start-up centre: training, advice on money, and legal help.")),
        needs=(_l("A plan of the business, or its business licence."),
               _l("Your disability certificate, and for heritage inheritors their certificate of recognition.")),
        apply=_l("Apply for the interest subsidy in this service. The Federation helps you with the bank."),
        links=(Link("subsidy_loan", _l("Apply for funding")),
               Link("training_business", _l("Find a course on starting a business"))),
        contact="education",
        easy=Easy(who=(_l("For people who run a business."), _l("The business gives work to other disabled people.")),
                  gets=(_l("A loan from the bank."), _l("You do not pay the interest.")),
                  needs=(_l("A plan for your business."),),
                  do=(_l("Ask for the loan."),)),
    ),
    Measure(
        slug="family-business", audiences=(RESIDENTS,), group="own", plan_items=(11,),
        title=_l("Funding for a family business in rural areas"),
        summary=_l("Each year at least 130 disabled people are funded to grow a family business, such as farming, "
                   "breeding or handicrafts."),
        who=(_l("Disabled people in rural households, and their families, who want to earn more from their own "
                "work."),),
        gets=(_l("Money or materials to start or grow a family business."),
              _l("Training in practical farming skills, and local firms and workshops that help you sell what you "
                 "make.")),
        needs=(_l("A plan of what you want to do."),
               _l("Your disability certificate and your household's details.")),
        apply=_l("Apply for family business funding in this service. A caseworker then visits you."),
        links=(Link("subsidy_family_business", _l("Apply for funding")), Link("training_rural", _l("Find a rural skills course"))),
        contact="district",
        easy=Easy(who=(_l("For disabled people in villages."),),
                  gets=(_l("Money to grow your farm or your work at home."),),
                  needs=(_l("A plan."),),
                  do=(_l("Ask for the money."), _l("A person visits you."))),
    ),
)
