"""The policy guide's content: each measure of the city's action plan (阳泉市促进残疾人就业行动方案,
2023) that a resident or an employer can act on, in our own plain words, and again in easy read.

Content only: which page of this app each measure's "how to apply" leads to is named by a flow key
(`Link.flow`), turned into a URL in one place, webapp/policies/links.py. The plan's item numbers
say where a measure comes from, so a reader (or a caseworker) can check the plan itself.
"""
from dataclasses import dataclass, field

from flask_babel import lazy_gettext as _l

RESIDENTS, EMPLOYERS = "residents", "employers"

# The groups of the index page, in order: (audience, group key, heading).
GROUPS = (
    (RESIDENTS, "start", _l("Getting started")),
    (RESIDENTS, "jobs", _l("Jobs and posts")),
    (RESIDENTS, "own", _l("Working for yourself")),
    (RESIDENTS, "extra", _l("Extra support")),
    (EMPLOYERS, "employers", _l("For employers")),
)

# Who answers questions: a department of the Disabled Persons' Federation (残联), in words.
CONTACTS = {
    "district": _l("The Disabled Persons' Federation of your county or district"),
    "centre": _l("Yangquan Disabled Persons' Employment Service Centre"),
    "education": _l("Education and Employment Department, Yangquan Disabled Persons' Federation"),
    "massage": _l("Yangquan Blind Massage Guidance Centre"),
}
HOTLINE = "12385"  # the Disabled Persons' Federation's service hotline (残疾人服务热线)


@dataclass(frozen=True)
class Link:
    """Where to act: a flow of this app (a key of webapp/policies/links.FLOWS) and the link's words."""

    flow: str
    label: object


@dataclass(frozen=True)
class Easy:
    """The easy-read page: short sentences, one idea a line, its own words (not a shortening)."""

    who: tuple
    gets: tuple
    needs: tuple
    do: tuple


@dataclass(frozen=True)
class Measure:
    slug: str
    audiences: tuple
    group: str
    plan_items: tuple
    title: object
    summary: object
    who: tuple
    gets: tuple
    needs: tuple
    apply: object
    links: tuple
    contact: str
    easy: Easy
    note: object = field(default=None)  # one more thing worth knowing, when there is one

    @property
    def contact_name(self):
        return CONTACTS[self.contact]


MEASURES = (
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
    Measure(
        slug="job-fairs", audiences=(RESIDENTS, EMPLOYERS), group="jobs", plan_items=(12, 16),
        title=_l("Job fairs"),
        summary=_l("Meet employers online or on site, with sign language and other support when you ask."),
        who=(_l("Disabled jobseekers, graduates among them."),
             _l("Employers who want to hire disabled people.")),
        gets=(_l("Jobs from employers the city has checked, all in one place."),
              _l("Support to take part: step-free venues, sign language, help with transport, or taking part "
                 "online.")),
        needs=(_l("To register for the fair and say what support you need."),
               _l("For employers: an employer account the city has verified, and published jobs.")),
        apply=_l("Open a fair in the list and register. Employers take part with their jobs from the same page."),
        links=(Link("fairs", _l("See the job fairs")),),
        contact="centre",
        easy=Easy(who=(_l("For people who want a job."), _l("For employers.")),
                  gets=(_l("You meet employers."), _l("You can ask for help to get there.")),
                  needs=(_l("Sign up before the day."),),
                  do=(_l("Choose a fair."), _l("Press Register."))),
    ),
    Measure(
        slug="state-posts", audiences=(RESIDENTS,), group="jobs", plan_items=(1, 12),
        title=_l("Posts in state bodies and state firms"),
        summary=_l("Government offices, public institutions and state-owned firms set posts aside for disabled "
                   "people."),
        who=(_l("Disabled people who want to work in a government office, a public institution or a state-owned "
                "firm. Disabled graduates are recruited first."),),
        gets=(_l("Posts for which only disabled people are recruited."),
              _l("By 2024 every city office with 50 or more posts (67 for public institutions) that is short of "
                 "its quota employs at least one disabled person, or keeps a post free for one.")),
        needs=(_l("To meet the post's requirements, such as education and skills, like any applicant."),
               _l("Your disability certificate.")),
        apply=_l("Look for these posts among the jobs, and register your needs so a caseworker can tell you of "
                 "new ones."),
        links=(Link("jobs", _l("See the jobs")), Link("needs", _l("Register your employment needs"))),
        contact="education",
        easy=Easy(who=(_l("For people who want to work for the government."),),
                  gets=(_l("Some jobs are only for disabled people."),),
                  needs=(_l("The school and skills the job asks for."),),
                  do=(_l("Look at the jobs."), _l("Apply for a job."))),
    ),
    Measure(
        slug="welfare-posts", audiences=(RESIDENTS,), group="jobs", plan_items=(8,),
        title=_l("Public-welfare posts"),
        summary=_l("Community and public-service jobs created by the government, with at least 5% kept for disabled "
                   "people."),
        who=(_l("Disabled people who find it hard to get a job, first of all those a caseworker has assessed as "
                "hard to employ."),),
        gets=(_l("A paid post near home, for example in a community, a park or a public building."),
              _l("Social insurance paid by the employer, who gets a subsidy for it.")),
        needs=(_l("To be out of work and looking for work."),
               _l("Your disability certificate and your resident ID card.")),
        apply=_l("Find a public-welfare post in the openings list and apply from its page."),
        links=(Link("posts", _l("Find a public-welfare post")),),
        contact="district",
        easy=Easy(who=(_l("For people who find it hard to get a job."),),
                  gets=(_l("A job near your home."), _l("You get paid.")),
                  needs=(_l("You have no job now."),),
                  do=(_l("Choose a post."), _l("Press Apply."))),
    ),
    Measure(
        slug="online-work", audiences=(RESIDENTS,), group="jobs", plan_items=(16,),
        title=_l("Online and new kinds of work"),
        summary=_l("Work in online shops, online customer service, live streaming, delivery or a small shop, with "
                   "training and jobs set aside."),
        who=(_l("Disabled people who want to work from home, or in new kinds of work."),),
        gets=(_l("Training in e-commerce and live streaming."),
              _l("Jobs that online platforms and delivery firms set aside for disabled people each year.")),
        needs=(_l("For most online work, a phone or a computer and the internet."),),
        apply=_l("Take an e-commerce course, then look for online work among the jobs that fit you."),
        links=(Link("training_ecommerce", _l("Find an e-commerce course")),
               Link("jobs_fit", _l("See the jobs that fit you"))),
        contact="centre",
        easy=Easy(who=(_l("For people who want to work on the internet."), _l("You can work at home.")),
                  gets=(_l("A free course."), _l("Jobs on the internet.")),
                  needs=(_l("A phone or a computer."),),
                  do=(_l("Choose a course."),)),
    ),
    Measure(
        slug="graduates", audiences=(RESIDENTS,), group="jobs", plan_items=(12,),
        title=_l("A plan of your own for disabled graduates"),
        summary=_l("Every disabled college student gets a plan of their own (一人一策) and one-to-one help to find "
                   "work."),
        who=(_l("Disabled students at college or university, and those who graduated in the last two years."),),
        gets=(_l("A plan of your own kept by a caseworker, with one-to-one help."),
              _l("Jobs in state bodies, which recruit graduates first, an internship subsidy and a job-seeking "
                 "subsidy.")),
        needs=(_l("To say that you are a student or a recent graduate when you register your needs."),),
        apply=_l("Register your employment needs and say that you are a student. The caseworker then opens your "
                 "plan."),
        links=(Link("needs", _l("Register your employment needs")),),
        contact="education",
        easy=Easy(who=(_l("For students at college or university."),
                       _l("For people who left college in the last 2 years.")),
                  gets=(_l("Your own plan to find work."), _l("One person helps you.")),
                  needs=(_l("Say that you are a student."),),
                  do=(_l("Answer the questions about work."),)),
    ),
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
    Measure(
        slug="quota", audiences=(EMPLOYERS,), group="employers", plan_items=(1, 2, 3),
        title=_l("Employing disabled people: the 1.5% quota"),
        summary=_l("In every employer, disabled people should make up at least 1.5%, or the employer pays into "
                   "the disability employment security fund (残保金)."),
        who=(_l("Every employer in Yangquan: government offices, public institutions, state-owned and private "
                "firms."),),
        gets=(_l("Candidates who want to work, with the support they need written down, and help from the "
                 "Federation to adapt the job."),
              _l("An employer that meets the quota pays nothing into the fund.")),
        needs=(_l("To register your organisation with its unified social credit code and its staff numbers."),),
        apply=_l("Register your organisation in this service. Once the city has verified it, post jobs and see "
                 "your quota position."),
        links=(Link("employer", _l("Register your organisation")),),
        contact="centre",
        note=_l("An employer that neither meets the quota nor pays into the fund is entered in the credit records."),
        easy=Easy(who=(_l("For employers."),),
                  gets=(_l("Workers who want to work."),),
                  needs=(_l("Out of every 200 workers, 3 should be disabled people."),),
                  do=(_l("Register your organisation."),)),
    ),
    Measure(
        slug="employer-rewards", audiences=(EMPLOYERS,), group="employers", plan_items=(3, 5),
        title=_l("Rewards and tax relief for employers"),
        summary=_l("Employers that employ more disabled people than the quota are rewarded, and firms where many "
                   "of the staff are disabled pay less tax."),
        who=(_l("Employers, job agencies and social organisations that steadily employ more disabled people than "
                "the quota asks."),
             _l("Firms where disabled people make up a quarter of the staff or more (25%), and number at least 10 "
                "(5 for a blind massage centre).")),
        gets=(_l("A reward for each disabled employee above the quota."),
              _l("Tax relief, lower city fees and relief from the fund contribution.")),
        needs=(_l("Your staff numbers, and your disabled staff's contracts and social insurance records."),),
        apply=_l("Register your organisation and give your staff numbers. The Federation tells you what you can "
                 "claim."),
        links=(Link("employer", _l("Register your organisation")),),
        contact="centre",
        easy=Easy(who=(_l("For employers with many disabled workers."),),
                  gets=(_l("A reward."), _l("You pay less tax.")),
                  needs=(_l("Proof of your workers."),),
                  do=(_l("Register your organisation."),)),
    ),
)

BY_SLUG = {measure.slug: measure for measure in MEASURES}


def find(slug: str) -> Measure | None:
    return BY_SLUG.get(slug)


def grouped() -> list[tuple[str, object, list[Measure]]]:
    """(audience, heading, measures) for the index page, in the order of GROUPS; the employers' group
    also lists the measures for both (job fairs)."""
    return [(audience, heading, [m for m in MEASURES if (EMPLOYERS in m.audiences if audience == EMPLOYERS
                                                         else m.group == key)])
            for audience, key, heading in GROUPS]
