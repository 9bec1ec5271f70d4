"""补充材料: what the caseworker asked for when they sent an application back, and which of the
person's pages it is about (the photos, the profile details, the answers), so the page can link
straight there."""
import re
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select

from ...extensions import db
from ...models import Application, ApplicationEvent
from ...models import ApplicationStatus as S

PHOTOS, PROFILE, ANSWERS = "photos", "profile", "answers"
# Words that say which page must change; a request naming none of them links to all three.
_ABOUT = {
    PHOTOS: re.compile(r"照片|图片|拍照|扫描|复印件|photo|picture|scan", re.IGNORECASE),
    PROFILE: re.compile(r"号码|证号|身份证号|残疾证号|个人信息|基本信息|资料|住址|地址|户籍|户口|学历|电话|联系方式|"
                        r"姓名|ID number|certificate number|details|address|phone|education", re.IGNORECASE),
    ANSWERS: re.compile(r"回答|答案|说明|理由|经历|经验|时间|answer|explain|reason|experience|availab",
                        re.IGNORECASE),
}


@dataclass(frozen=True)
class InformationRequest:
    text: str
    asked_at: datetime
    asked_by: str | None
    about: tuple[str, ...]  # PHOTOS, PROFILE, ANSWERS: the ones the text names first, then the rest


def about(text: str) -> tuple[str, ...]:
    named = tuple(page for page, words in _ABOUT.items() if words.search(text or ""))
    return named or (ANSWERS, PHOTOS, PROFILE)


def latest(application: Application) -> InformationRequest | None:
    """The request that sent the application back most recently, or None if it never was."""
    event = db.session.scalar(select(ApplicationEvent).where(
        ApplicationEvent.application_id == application.id, ApplicationEvent.to_status == S.NEEDS_INFO)
        .order_by(ApplicationEvent.at.desc(), ApplicationEvent.id.desc()).limit(1))
    if event is None:
        return None
    return InformationRequest(event.reason or "", event.at, event.actor.name if event.actor else None,
                              about(event.reason or ""))
