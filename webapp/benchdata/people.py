"""Made-up staff and applicants as rows: accounts, consents, encrypted profiles in a district, needs.

ID numbers are valid (region of the district, a birth date, a sequence, the MOD 11-2 check
character), unique by construction and stored as the app stores them: Fernet-encrypted, with the
keyed lookup hash. Every account shares one password hash, made once.
"""
from dataclasses import dataclass
from datetime import date, timedelta

from ..models import Consent, District, IdentityStatus, NeedsRegistration, NeedsStatus, Profile, Role, User
from ..services.identity import consent as consent_rules
from ..services.identity import crypto
from ..services.identity.numbers import check_character
from ..vocab import ACCOMMODATIONS, EDUCATION, EMPLOYMENT_STATUS, JOB_TYPES, TRAINING_CATEGORIES, WORK_PATTERNS
from . import BENCH_ADMIN, BENCH_APPLICANT, BENCH_CASEWORKER
from .bulk import write

DAY = timedelta(days=1)
# district, share of the applicants, region code of its ID numbers, towns
DISTRICTS = (
    (District.CHENGQU, 30, "140302", ("上站街道", "下站街道", "义井街道", "北大街街道", "南山路街道")),
    (District.KUANGQU, 18, "140303", ("平潭街街道", "沙坪街道", "赛鱼街道", "蔡洼街道")),
    (District.JIAOQU, 15, "140311", ("荫营镇", "河底镇", "平坦镇", "西南舁乡")),
    (District.PINGDING, 14, "140321", ("冠山镇", "冶西镇", "锁簧镇", "娘子关镇")),
    (District.YUXIAN, 15, "140322", ("秀水镇", "孙家庄镇", "路家村镇", "西潘乡")),
    (District.DEVZONE, 8, "140302", ("大连路社区", "桃林沟社区")),
)
SURNAMES = "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕苏卢蒋蔡贾丁魏薛叶阎"
GIVEN = "伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超兰霞平刚桂英华建国红梅海燕玉兰志强文俊凤晓东丹"
# The sequence digits of bench ID numbers start here, above the demo's, so none is taken twice.
SEQUENCE_BASE = 600
BIRTH_DAYS = 16_000  # birth dates over about 44 years
FIRST_BIRTH = date(1962, 1, 1)

USER_COLUMNS = ("id", "phone", "name", "password_hash", "role", "district", "active", "created_at",
                "last_login_at", "session_version", "leads_team")


@dataclass(frozen=True)
class Person:
    id: int
    district: str
    verified: bool
    category: int


def _name(rng) -> str:
    return rng.choice(SURNAMES) + "".join(rng.choice(GIVEN) for _ in range(rng.choice((1, 2, 2))))


def staff(conn, ids, rng, password_hash: str, per_district: int, now, quiet) -> tuple[int, dict[str, list[int]]]:
    """The known administrator and caseworkers of every district (the first 城区 one is the known
    caseworker, the second a team lead); returns the administrator's id and the caseworkers' by district."""
    rows, by_district = [], {}
    first = ids.take(User.__table__, per_district * len(DISTRICTS) + 1)
    rows.append((first, BENCH_ADMIN, "王管理", password_hash, Role.ADMIN.value, None, True, now - 420 * DAY,
                 now - DAY, 0, False))
    number = 1
    for d, (district, *_rest) in enumerate(DISTRICTS):
        for k in range(per_district):
            user_id = first + len(rows)
            phone = BENCH_CASEWORKER if d == 0 and k == 0 else f"1870100{number:04d}"
            number += 1
            rows.append((user_id, phone, _name(rng), password_hash,
                         Role.CASEWORKER.value, district.value, True, now - 420 * DAY, now - DAY, 0, k == 1))
            by_district.setdefault(district.value, []).append(user_id)
    write(conn, User.__table__, USER_COLUMNS, rows, quiet)
    return first, by_district


def applicants(conn, ids, rng, password_hash: str, count: int, checkers: dict, now, quiet) -> list[Person]:
    """`count` applicants (the first is the known applicant, in 城区), each with consent, a submitted
    profile, and a submitted needs registration."""
    users, consents, profiles, needs, people = [], [], [], [], []
    first = ids.take(User.__table__, count)
    first_consent = ids.take(Consent.__table__, count)
    first_needs = ids.take(NeedsRegistration.__table__, count)
    districts = [district for district in DISTRICTS for _ in range(district[1])]  # by share, for rng.choice
    categories = [category for category, share in enumerate((15, 14, 5, 38, 12, 10, 6), 1) for _ in range(share)]
    for i in range(count):
        user_id = first + i
        district, _share, region, towns = DISTRICTS[0] if i == 0 else rng.choice(districts)
        name = _name(rng)
        phone = BENCH_APPLICANT if i == 0 else f"186{i:08d}"
        joined = now - rng.uniform(370, 420) * DAY
        users.append((user_id, phone, name, password_hash, Role.APPLICANT.value, None, True, joined,
                      now - rng.uniform(0, 60) * DAY, 0, False))
        consents.append((first_consent + i, user_id, consent_rules.NOTICE_VERSION, joined + DAY / 24, user_id,
                         False))
        birth = FIRST_BIRTH + (i % BIRTH_DAYS) * DAY
        body = f"{region}{birth:%Y%m%d}{SEQUENCE_BASE + i // BIRTH_DAYS:03d}"
        id_number = body + check_character(body)
        category = 1 if i == 0 else rng.choice(categories)
        level = rng.randint(1, 4)
        verified = i == 0 or rng.random() < 0.8
        checked_at = joined + 3 * DAY if verified else None
        profiles.append((
            user_id, name, crypto.encrypt(id_number), crypto.lookup_hash(id_number), birth,
            "male" if int(body[16]) % 2 else "female", crypto.encrypt(f"{id_number}{category}{level}"),
            category, level, district.value, rng.choice(towns), rng.choice(("urban", "urban", "rural")),
            rng.choice(tuple(EDUCATION)), False, phone, rng.choice(("sms", "inbox", "inbox", "phone")),
            rng.sample(("large_print", "screen_reader", "easy_read", "sign_language"), rng.choice((0, 0, 1, 2))),
            joined + DAY, IdentityStatus.VERIFIED.value if verified else None,
            rng.choice(checkers[district.value]) if verified else None, checked_at,
            rng.random() < 0.1, joined + DAY, user_id))
        needs.append((
            first_needs + i, user_id, NeedsStatus.SUBMITTED.value, 1, rng.choice(tuple(EMPLOYMENT_STATUS)),
            rng.sample(tuple(JOB_TYPES), rng.randint(1, 3)), rng.sample(tuple(WORK_PATTERNS), rng.randint(1, 2)),
            [district.value], rng.choice((None, 1500, 2000, 2500)), rng.choice((None, 3000, 4000)),
            rng.sample(tuple(TRAINING_CATEGORIES), rng.randint(0, 2)),
            rng.sample(tuple(ACCOMMODATIONS), rng.randint(0, 2)), joined + 2 * DAY, joined + 2 * DAY,
            joined + 2 * DAY, user_id, False))
        people.append(Person(user_id, district.value, verified, category))
    write(conn, User.__table__, USER_COLUMNS, users, quiet)
    write(conn, Consent.__table__, ("id", "user_id", "notice_version", "given_at", "given_by_id", "on_behalf"),
          consents, quiet)
    write(conn, Profile.__table__, (
        "user_id", "full_name", "id_number_enc", "id_hash", "birth_date", "gender", "certificate_enc",
        "disability_category", "disability_level", "district", "town", "household_type", "education",
        "is_student", "contact_phone", "preferred_contact", "communication_needs", "submitted_at",
        "identity_status", "identity_checked_by_id", "identity_checked_at", "hard_to_employ", "updated_at",
        "updated_by_id"), profiles, quiet)
    write(conn, NeedsRegistration.__table__, (
        "id", "user_id", "status", "version", "employment_status", "job_types", "work_patterns", "districts",
        "pay_min", "pay_max", "training_interests", "accommodations", "created_at", "updated_at",
        "submitted_at", "submitted_by_id", "on_behalf"), needs, quiet)
    return people
