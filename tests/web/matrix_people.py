"""The people and objects of the authorisation matrix (tests/web/test_authorization_matrix.py).

`World` builds them once per test: one applicant (the owner) with everything a URL can name, the
people around them, and one signed-in browser per persona. Requests that change what they act on
get fresh objects (RENEWED, `World.fresh_values`); requests that end the sessions or the account
are asked by a stand-in persona (STAND_IN, `World.stand_in`); `World.restore` puts back what a
request may have undone (consent, the needs draft, the identity check), so the order of the checks
never decides an answer.
"""
import io
from datetime import timedelta

from flask import current_app
from PIL import Image
from sqlalchemy import select
from werkzeug.datastructures import FileStorage

from tests import factories
from tests.conftest import make_user
from webapp.extensions import db
from webapp.models import CallBack, DecisionTemplate, Opportunity
from webapp.services.applications import drafts, machine
from webapp.services.casework import decisions
from webapp.services.common.acting import Acting
from webapp.services.common.dates import today as service_today
from webapp.services.employers import accounts as employer_accounts
from webapp.services.family import invites, links
from webapp.services.feedback import ratings as feedback_ratings
from webapp.services.feedback import replies as feedback_replies
from webapp.services.feedback import sending as feedback_sending
from webapp.services.identity import consent, evidence, profiles
from webapp.services.moving import listing as moving_listing
from webapp.services.needs import steps, versions
from webapp.services.subsidies import awards as subsidy_awards
from webapp.services.subsidies import photos as subsidy_photos

# Who asks. "helper" acts for the owner; "helper_of_other" is a helper linked only to the other
# applicant (so acting for someone, just not the owner); "lone_helper" has no link at all.
PERSONAS = ("anonymous", "owner", "other", "helper", "helper_of_other", "lone_helper",
            "caseworker", "outsider", "city", "admin", "employer", "other_employer")

# "employer" is a verified employer that owns the world's job (and so the owner's application to it);
# "other_employer" is verified and owns nothing of the world's.
# Requests that change what they name: new objects (World.fresh_values) before the first persona
# and after any answer that may have changed something.
RENEWED = {"applying.start", "applying.withdraw", "profile.remove", "casework.claim", "casework.unclaim",
           "casework.approve", "casework.reject", "casework.ask", "casework.reassign", "casework.helper_link",
           "publish.act", "admin.decision_template_switch", "fairs.move", "employer.shortlist", "employer.offer",
           "employer.invite", "employer.reject", "applying.remove_subsidy_photo", "casework.award",
           "casework.sign_off", "casework.send_back", "casework.refuse", "casework.payment"}
# Requests that end every session of the account, or the account: asked by stand-ins (World.stand_in).
STAND_IN = {"auth.logout", "profile.delete"}

OWNER_DISTRICT, OTHER_DISTRICT, OUTSIDER_DISTRICT = "chengqu", "pingding", "kuangqu"
NEEDS = {"status": {"employment_status": "unemployed"}, "pattern": {"work_patterns": ["part_time"]}}

_phones = iter(range(1, 100000))


def _phone(prefix: str = "137") -> str:
    return f"{prefix}{next(_phones) + 5_000_000:08d}"


def jpeg() -> FileStorage:
    out = io.BytesIO()
    Image.new("RGB", (320, 240), (30, 120, 200)).save(out, "JPEG")
    out.seek(0)
    return FileStorage(out, filename="photo.jpg", content_type="image/jpeg")


def helper_for(person, name: str = "亲友"):
    """A new family helper linked to `person` by an invite code."""
    helper = make_user("helper", phone=_phone("138"), name=name)
    invites.accept_invite(helper, invites.create_invite(Acting(person, person)), "女儿")
    return helper


def needs_version(person) -> None:
    """One more submitted version of the needs registration."""
    me = Acting(person, person)
    for step, data in NEEDS.items():
        steps.save_step(me, step, data)
    versions.submit(me)


def needs_draft(person) -> None:
    if versions.draft_of(person) is None:
        steps.save_step(Acting(person, person), "status", {"employment_status": "flexible"})


class World:
    def __init__(self, client_for):
        self._client_for = client_for
        self.admin = make_user("admin", phone=_phone(), name="市残联")
        self.caseworker = make_user("caseworker", phone=_phone(), name="城区员", district=OWNER_DISTRICT)
        self.outsider = make_user("caseworker", phone=_phone(), name="矿区员", district=OUTSIDER_DISTRICT)
        self.city = make_user("caseworker", phone=_phone(), name="全市员", district=None)
        self.colleague = make_user("caseworker", phone=_phone(), name="同事", district=OWNER_DISTRICT)  # a staff member

        self.owner = self._applicant(OWNER_DISTRICT, "本人")
        self.other = self._applicant(OTHER_DISTRICT, "别人")
        self.helper = helper_for(self.owner, "代办人")
        self.helper_of_other = helper_for(self.other, "别人的代办")
        self.lone_helper = make_user("helper", phone=_phone("138"), name="未关联")
        self.spare_helper = helper_for(self.owner, "另一位代办")  # its link is the one revoked
        self.spare_link = next(link for link in links.links_of_applicant(self.owner)
                               if link.helper_id == self.spare_helper.id)

        self.course = self.published("course")
        self.stall = self.published("stall")
        self.post = self.published("post")
        self.draft_course = self.unpublished("course", title="未发布的课程")
        self.draft_stall = self.unpublished("stall", title="未发布的摊位")
        self.application = factories.submitted(self.owner, self.post)  # the owner's, sent
        self.draft_application = drafts.start(Acting(self.owner, self.owner), self.course)  # the owner's own
        self.other_application = factories.submitted(self.other, self.post)
        self.employer_row = factories.employer(name="阳泉矩阵物流有限公司")
        self.other_employer_row = factories.employer(name="阳泉别家商贸有限公司")
        self.employer, self.other_employer = self.employer_row.user, self.other_employer_row.user
        self.job = factories.job(self.employer_row, title="仓库录入员")
        self.job_application = factories.submitted(self.owner, self.job)  # the owner's, to the employer's job
        employer_accounts.upload_licence(self.employer_row, jpeg())
        self.photo = evidence.add(Acting(self.owner, self.owner), "certificate", jpeg())
        needs_version(self.owner)
        needs_version(self.owner)  # the owner has versions 1 and 2, the other applicant only 1
        needs_version(self.other)
        self.fair = factories.fair(self.admin, district=OWNER_DISTRICT)
        self.draft_fair = factories.fair(self.admin, district=OWNER_DISTRICT, status="draft")
        self.plan, self.plan_action_id = factories.graduate_plan(self.owner, self.caseworker)
        self.subsidy = self.published("subsidy", category="self_employment", title="创业补贴")
        self.subsidy_draft = self.subsidy_application(None)  # the owner's own, with a photo
        self._moved_away()
        self.feedback, self.open_feedback, self.call_back = self._feedback()
        self.template = DecisionTemplate(kind="reject", text="证件照片不清楚", active=True, created_by_id=self.admin.id)
        db.session.add(self.template)
        db.session.commit()
        self.restore()

        self.people = {name: getattr(self, name) for name in PERSONAS if name != "anonymous"}
        self.clients = {name: self.browser(user) for name, user in self.people.items()}
        self.clients["anonymous"] = self.browser(None)

    def _feedback(self):
        """The owner's feedback: one answered (to rate), one waiting (to answer), one rated poor (its call-back)."""
        me = Acting(self.owner, self.owner)
        answered = feedback_sending.send(me, "question", "培训什么时候开始？")
        feedback_replies.reply(self.caseworker, answered, "下周一。")
        waiting = feedback_sending.send(me, "complaint", "没有人联系我。")
        rated = feedback_sending.send(me, "need", "需要手语翻译。")
        feedback_replies.reply(self.caseworker, rated, "好的。")
        feedback_ratings.rate(me, "poor", "太慢", feedback=rated)
        return answered, waiting, db.session.scalar(select(CallBack))

    # -- people -----------------------------------------------------------------------------------

    def _moved_away(self):
        """A person who moved from the owner's district to another (neither the outsider's nor the
        other applicant's), leaving behind an application the owner's district decided."""
        mover = self._applicant(OWNER_DISTRICT, "搬走的人")
        self.kept_application = machine.reject(self.caseworker, decisions.claim(
            self.caseworker, factories.submitted(mover, self.post)), "材料不全")
        factories.submitted(mover, self.course)
        profiles.save_step(Acting(mover, mover), "district", {"district": "yuxian", "town": "秀水镇"})
        self.transfer_id = moving_listing.transfers(self.city).items[0].transfer.id

    def _applicant(self, district: str, name: str):
        person = factories.applicant(phone=_phone("136"), district=district, name=name)
        return factories.verified(person, self.city)

    def browser(self, user):
        """A signed-in browser (English, as the other web tests read), or a signed-out one for None."""
        if user is None:
            client = current_app.test_client()
            client.environ_base["HTTP_ACCEPT_LANGUAGE"] = "en"
            return client
        return self._client_for(user)

    def stand_in(self, persona: str):
        """A fresh browser for a persona, signed in as a new person in the same position: for the
        requests that end every session of the account (sign out) or the account (delete my data),
        so no later check is spoilt."""
        if persona == "anonymous":
            return self.browser(None)
        if persona in ("owner", "other"):
            return self.browser(self._applicant(OWNER_DISTRICT if persona == "owner" else OTHER_DISTRICT, "替身"))
        if persona in ("helper", "helper_of_other"):
            return self.browser(helper_for(self._applicant(OWNER_DISTRICT, "替身"), "替身代办"))
        if persona in ("employer", "other_employer"):
            return self.browser(factories.employer(name="替身单位").user)
        like = self.people[persona]
        return self.browser(make_user(like.role, phone=_phone(), name="替身", district=like.district))

    # -- objects ----------------------------------------------------------------------------------

    def published(self, kind: str, **fields) -> Opportunity:
        return factories.opportunity(kind, creator=self.admin, **fields)

    def unpublished(self, kind: str, **fields) -> Opportunity:
        """A draft with everything publishing asks for."""
        item = factories.opportunity(kind, creator=self.admin, **fields)
        item.status = "draft"
        item.start_date, item.end_date = service_today() + timedelta(days=20), service_today() + timedelta(days=40)
        item.address, item.schedule = "城区桃北西街12号", "周一至周五 9:00–11:30"
        db.session.commit()
        return item

    def sent_application(self, claimed_by=None):
        """A new application of the owner's, sent (and claimed by `claimed_by` when given)."""
        application = factories.submitted(self.owner, self.published("post", title="岗位"))
        if claimed_by is not None:
            application = decisions.claim(claimed_by, application)
        return application

    def subsidy_application(self, step: str | None):
        """The owner's subsidy application (of a new item): a draft with a photo (None), claimed by
        the caseworker ("claimed"), above the city's threshold ("awaiting"), or approved ("approved")."""
        me = Acting(self.owner, self.owner)
        application = drafts.start(me, self.published("subsidy", category="self_employment", title="补贴"))
        drafts.save_answers(me, application, {"business_name": "按摩店", "started_on": "2026-01-05"})
        subsidy_photos.add(me, application, jpeg())
        if step is None:
            return application
        factories.verified(self.owner, self.city)
        application = decisions.claim(self.caseworker, machine.submit(me, application))
        if step != "claimed":
            subsidy_awards.approve(self.caseworker, application, "9000" if step == "awaiting" else "100", "按标准")
        return application

    def restore(self) -> None:
        """Put back what a request may have undone: consent, a needs draft to check and send, the
        identity check."""
        db.session.expire_all()  # the requests wrote in their own sessions
        for person in (self.owner, self.other):
            consent.give(Acting(person, person))
            needs_draft(person)
            factories.verified(person, self.city)
        db.session.commit()

    # -- what the URLs name -----------------------------------------------------------------------

    def values(self, endpoint: str, variant: str | None = None) -> dict:
        """Every <...> of a rule, from the owner's objects (some endpoints name other things by the
        same name); a variant names something else: "draft" an unpublished item or the owner's draft
        application, "other" the other applicant, "applicant" the owner where staff are expected."""
        found = {
            "reference": self.application.reference, "evidence_id": self.photo.id, "size": "full",
            "number": 2, "link_id": self.spare_link.id, "applicant_id": self.owner.id,
            "user_id": self.owner.id, "opportunity_id": self.post.id, "template_id": self.template.id,
            "table": "employment", "purpose": "register", "filename": "css/app.css",
            "employer_id": self.employer_row.id, "fair_id": self.fair.id,
            "plan_id": self.plan.id, "action_id": self.plan_action_id, "transfer_id": self.transfer_id,
            "feedback_id": self.feedback.id, "call_back_id": self.call_back.id, "slug": "welfare-posts",
        }
        found.update({
            "admin.staff_edit": {"user_id": self.colleague.id},
            "profile.question": {"step": "name"},
            "needs.question": {"step": "status"},
            "profile.upload": {"kind": "certificate"},
            "publish.new": {"kind": "course"},
            "publish.edit": {"opportunity_id": self.draft_course.id},
            "publish.act": {"opportunity_id": self.draft_course.id, "action": "publish"},
            "publish.run_draw": {"opportunity_id": self.stall.id},
            "find.draw_results": {"opportunity_id": self.stall.id},
            "find.course": {"opportunity_id": self.course.id},
            "find.toggle_saved": {"opportunity_id": self.course.id},
            "admin.decision_template_switch": {"action": "deactivate"},
            "jobs.job": {"opportunity_id": self.job.id},
            "employer.edit_job": {"opportunity_id": self.job.id},
            "admin.unpublish_job": {"opportunity_id": self.job.id},
            **{f"employer.{name}": {"reference": self.job_application.reference}
               for name in ("application", "shortlist", "offer", "invite", "reject")},
            "fairs.move": {"action": "publish"},
            "find.subsidy": {"opportunity_id": self.subsidy.id},
            "applying.subsidy_photos": {"reference": self.subsidy_draft.reference},
            "feedback.answer": {"feedback_id": self.open_feedback.id},
        }.get(endpoint, {}))
        if variant == "draft":
            stall = endpoint in ("find.opportunity", "find.draw_results")
            found.update(opportunity_id=(self.draft_stall if stall else self.draft_course).id,
                         reference=self.draft_application.reference, fair_id=self.draft_fair.id)
        elif variant == "other":
            found.update(user_id=self.other.id, applicant_id=self.other.id,
                         reference=self.other_application.reference)
        elif variant == "applicant":
            found.update(user_id=self.owner.id)
        elif variant == "moved":  # decided by the owner's district before the person moved away
            found.update(reference=self.kept_application.reference)
        elif variant is not None:
            raise KeyError(variant)
        return found

    def fresh_values(self, endpoint: str) -> dict:
        """New objects for a request of RENEWED, which changes the one it names; under "form", a
        form that names them."""
        db.session.expire_all()
        if endpoint in ("applying.withdraw", "casework.claim"):
            return {"reference": self.sent_application().reference}
        if endpoint in ("casework.unclaim", "casework.approve", "casework.reject", "casework.ask",
                        "casework.reassign"):
            return {"reference": self.sent_application(claimed_by=self.caseworker).reference}
        if endpoint == "profile.remove":
            return {"evidence_id": evidence.add(Acting(self.owner, self.owner), "id_card", jpeg()).id}
        if endpoint == "applying.start":
            return {"opportunity_id": self.published("course", title="新课程").id}
        if endpoint == "publish.act":
            return {"opportunity_id": self.unpublished("course", title="待发布").id}
        if endpoint in ("employer.shortlist", "employer.offer", "employer.invite", "employer.reject"):
            person = factories.applicant(district=OWNER_DISTRICT, name="求职者")
            return {"reference": factories.submitted(person, self.job).reference}
        if endpoint == "fairs.move":
            return {"fair_id": factories.fair(self.admin, district=OWNER_DISTRICT, status="draft").id}
        if endpoint == "applying.remove_subsidy_photo":
            photo = subsidy_photos.add(Acting(self.owner, self.owner), self.subsidy_draft, jpeg())
            return {"reference": self.subsidy_draft.reference, "evidence_id": photo.id}
        if endpoint in ("casework.award", "casework.sign_off", "casework.send_back", "casework.refuse",
                        "casework.payment"):
            step = {"casework.award": "claimed", "casework.payment": "approved"}.get(endpoint, "awaiting")
            return {"reference": self.subsidy_application(step).reference}
        if endpoint == "casework.helper_link":
            helper = make_user("helper", phone=_phone("138"), name="邻居")
            return {"form": {"applicant_phone": self.owner.phone, "helper_phone": helper.phone,
                             "relationship": "邻居", "reason": "本人不会用手机。"}}
        if endpoint == "admin.decision_template_switch":
            template = DecisionTemplate(kind="ask", text=f"请补充材料 {next(_phones)}", active=True,
                                        created_by_id=self.admin.id)
            db.session.add(template)
            db.session.commit()
            return {"template_id": template.id}
        raise KeyError(endpoint)

    def form(self, endpoint: str) -> dict:
        """What a POST sends: nothing, or a minimal form that gets past the form to the rule behind it."""
        return {
            "casework.approve": {"confirm": "yes"},
            "casework.reject": {"reject-text": "证件照片看不清，不能通过。", "confirm": "yes"},
            "casework.ask": {"ask-text": "请补充清楚的残疾人证照片。"},
            "casework.reassign": {"reassign-assignee": str(self.colleague.id)},
            "casework.award": {"award-amount": "100", "award-reason": "按标准核定。"},
            "casework.send_back": {"send_back-reason": "请重新核定金额。"},
            "casework.refuse": {"refuse-reason": "不符合资助条件。"},
            "casework.payment": {"payment-paid_on": service_today().isoformat(), "payment-paid_amount": "100"},
        }.get(endpoint, {})
