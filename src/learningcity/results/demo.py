"""Demo results: a past practice edition 97, fully judged by the three demo judges (judge1
chairs), its decisions recorded and published, certificates issued and a winners' showcase
with photo consent and learning places on the map."""

import datetime as dt
from decimal import Decimal

from django.contrib.auth.hashers import make_password
from django.utils import timezone
from django.utils.translation import gettext as _

from learningcity.applications.models import Answer, LearningPlace
from learningcity.demo.builder import DEMO_PASSWORD
from learningcity.demo.submitted import ensure_submitted_applications
from learningcity.editions.enums import AnswerSection, PhaseKind
from learningcity.editions.loading import copy_edition
from learningcity.editions.models import Edition
from learningcity.judging.models import Judge
from learningcity.judging.ranking import ranking
from learningcity.judging.services import assign, save_score, submit_review
from learningcity.registry.models import LocalGovernment
from learningcity.thai.formatting import be_year

from . import services
from .enums import AwardLevel, DecisionStatus

RESULTS_EDITION_NUMBER = 97
APPLICATIONS = 8
# Fractions of each criterion's maximum, per application, per judge (three judges each).
PROFILES = [
    (0.92, 0.85, 0.88),
    (0.75, 0.7, 0.8),
    (0.6, 0.66, 0.58),
    (0.9, 0.82, 0.86),
    (0.7, 0.72, 0.68),
    (0.55, 0.6, 0.5),
    (0.5, 0.45, 0.55),
    (0.62, 0.58, 0.6),
]
# Learning places of a winner, around its own spot (offsets in degrees).
PLACES = [
    ("ห้องสมุดประชาชนตำบล", "ห้องสมุด", 0.0, 0.0),
    ("ศูนย์เรียนรู้เกษตรอินทรีย์", "ศูนย์เรียนรู้ชุมชน", 0.018, 0.025),
    ("พิพิธภัณฑ์ท้องถิ่น", "พิพิธภัณฑ์", -0.012, 0.031),
    ("ลานกิจกรรมเยาวชน", "พื้นที่สาธารณะ", 0.024, -0.016),
]
BASE = (Decimal("18.790000"), Decimal("99.000000"))
ISSUER = "มหาวิทยาลัยพะเยา ร่วมกับกองทุนเพื่อความเสมอภาคทางการศึกษา (กสศ.)"
SIGNATORIES = [
    {"name_th": "รองศาสตราจารย์ ดร.สมศักดิ์ ผู้ทรงคุณวุฒิ", "position_th": "ประธานคณะกรรมการผู้ทรงคุณวุฒิ"},
    {"name_th": "อธิการบดีมหาวิทยาลัยพะเยา", "position_th": "ฝ่ายเลขานุการรางวัล"},
]


def past_phases(now: dt.datetime) -> dict[str, tuple[dt.datetime, dt.datetime]]:
    today = timezone.localtime(now).replace(hour=0, minute=0, second=0, microsecond=0)

    def day(offset: int, end: bool = False) -> dt.datetime:
        moment = today + dt.timedelta(days=offset)
        return moment + dt.timedelta(hours=23, minutes=59, seconds=59) if end else moment

    return {
        PhaseKind.REGISTRATION: (day(-200), day(-170, end=True)),
        PhaseKind.TRAINING: (day(-165), day(-164, end=True)),
        PhaseKind.SUBMISSION: (day(-160), day(-130, end=True)),
        PhaseKind.PRESENTATION: (day(-125), day(-125, end=True)),
        PhaseKind.JUDGING: (day(-120), day(-100, end=True)),
        PhaseKind.CEREMONY: (day(-95), day(-95, end=True)),
    }


def ensure_results_edition(source: Edition, now: dt.datetime) -> Edition:
    edition = Edition.objects.filter(number=RESULTS_EDITION_NUMBER).first()
    if edition is None:
        edition = copy_edition(
            source,
            number=RESULTS_EDITION_NUMBER,
            year_be=be_year(now),
            title_th="รางวัลเมืองแห่งการเรียนรู้ระดับท้องถิ่น — รอบสาธิตที่ประกาศผลแล้ว",
            title_en="Local Learning City Award — practice edition with results",
            phases=past_phases(now),
            is_demo=True,
        )
    if not edition.settings.get("signatories"):
        edition.settings = {
            **edition.settings,
            "signatories": SIGNATORIES,
            "certificate_issuer_th": ISSUER,
        }
        edition.save(update_fields=["settings"])
    return edition


def _areas() -> list[LocalGovernment]:
    # The registry's last areas: the base demo and the judging demo use others.
    return list(LocalGovernment.objects.order_by("-dla_code")[:APPLICATIONS])


def _judges(edition: Edition, context) -> list[Judge]:
    judges = []
    for index in (1, 2, 3):
        user = context.person(f"judge{index}")
        judge, _created = Judge.objects.get_or_create(
            edition=edition, user=user, defaults={"is_chair": index == 1}
        )
        judges.append(judge)
    return judges


def _score(edition: Edition, applications, judges, at: dt.datetime) -> None:
    criteria = list(edition.criteria.order_by("number"))
    for application, profile in zip(applications, PROFILES, strict=True):
        for judge, fraction in zip(judges, profile, strict=True):
            review = assign(judge, application, actor=None).review
            if review.status != "draft":
                continue
            for number, criterion in enumerate(criteria):
                share = min(1.0, fraction + 0.03 * ((number % 3) - 1))
                points = round(criterion.max_points * share * 2) / 2
                save_score(review, criterion, points, "", judge.user, at=at)
            review.overall_comment = "ผลงานเป็นรูปธรรม ควรขยายผลสู่พื้นที่ใกล้เคียง"
            review.save(update_fields=["overall_comment"])
            submit_review(review, judge.user, at=at)


def _showcase(application, secretariat) -> None:
    learning = application.registration.edition.criteria.filter(
        section=AnswerSection.LEARNING_PLACES
    ).first()
    if learning is not None:
        answer, _created = Answer.objects.get_or_create(application=application, criterion=learning)
        if not LearningPlace.objects.filter(answer=answer, latitude__isnull=False).exists():
            for order, (name, kind, north, east) in enumerate(PLACES, start=10):
                LearningPlace.objects.create(
                    answer=answer,
                    order=order,
                    name=name,
                    place_type=kind,
                    serves="เด็ก เยาวชน และผู้สูงอายุ",
                    opening_hours="08:30–18:00",
                    cost="ไม่มีค่าใช้จ่าย",
                    latitude=BASE[0] + Decimal(str(north)),
                    longitude=BASE[1] + Decimal(str(east)),
                )
    services.record_publication_consent(
        application, f"นายก{application.registration.local_government.name_th}", secretariat
    )


def _demo_logins(applications) -> None:
    """The areas' coordinators log in with the demo password like every demo account."""
    users = [a.registration.created_by for a in applications]
    without = [u for u in users if not u.has_usable_password()]
    if without:
        hashed = make_password(DEMO_PASSWORD)
        for user in without:
            user.password = hashed
            user.save(update_fields=["password"])


def build(context) -> None:
    now = timezone.now()
    edition = ensure_results_edition(context.source, now)
    decisions = [services.decision_for(edition, c) for c in edition.categories.all()]
    if all(d.status == DecisionStatus.PUBLISHED for d in decisions):
        return
    applications = ensure_submitted_applications(
        edition, _areas(), context.secretariat, APPLICATIONS
    )
    _demo_logins(applications)
    judges = _judges(edition, context)
    judging = edition.phases.get(kind=PhaseKind.JUDGING)
    _score(edition, applications, judges, judging.starts_at + dt.timedelta(days=2))
    ceremony = edition.phases.get(kind=PhaseKind.CEREMONY).starts_at + dt.timedelta(hours=10)
    chair = judges[0].user
    for decision in decisions:
        if decision.status in (DecisionStatus.DRAFT, DecisionStatus.REOPENED):
            order = [row.application_id for row in ranking(edition, decision.category)]
            by_id = {a.pk: a for a in applications}
            ranked = [by_id[pk] for pk in order if pk in by_id]
            awards = services.awards_per_category(edition)
            mentions = services.honourable_mentions_per_category(edition)
            decision = services.record_decision(
                decision,
                winners=ranked[:awards],
                honourable=ranked[awards : awards + mentions],
                note="คณะกรรมการมีมติเป็นเอกฉันท์",
                actor=chair,
                at=judging.ends_at - dt.timedelta(days=1),
            )
        if decision.status == DecisionStatus.RECORDED:
            decision = services.publish_decision(decision, ceremony, context.secretariat)
        for placing in decision.placings.filter(level=AwardLevel.WINNER):
            _showcase(placing.application, context.secretariat)
        services.issue_certificates(decision, render=False)
    context.summary.append(
        _("Results of practice edition %(number)s: %(url)s")
        % {"number": RESULTS_EDITION_NUMBER, "url": f"/results/{RESULTS_EDITION_NUMBER}/"}
    )
