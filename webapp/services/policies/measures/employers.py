"""For employers: the employment quota, and rewards for employing disabled people."""
from flask_babel import lazy_gettext as _l

from .model import EMPLOYERS, Easy, Link, Measure

EMPLOYERS_MEASURES = (
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
