"""Jobs and posts: job fairs, posts set aside by state bodies, public-welfare posts, online work, graduates."""
from flask_babel import lazy_gettext as _l

from .model import EMPLOYERS, RESIDENTS, Easy, Link, Measure

JOBS = (
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
)
