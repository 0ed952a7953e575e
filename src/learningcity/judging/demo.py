"""Demo judging: a practice edition 98 whose judging phase is open now, with submitted
applications in both categories, the three demo judges (judge1 chairs) assigned 2–3 per
application, some reviews submitted and some drafts, so a demo judge has work to do."""

import datetime as dt

from django.utils import timezone

from learningcity.demo.submitted import ensure_submitted_applications
from learningcity.editions.enums import PhaseKind
from learningcity.editions.loading import copy_edition
from learningcity.editions.models import Edition, Phase
from learningcity.registry.models import LocalGovernment
from learningcity.thai.formatting import be_year

from .enums import ReviewStatus
from .models import Judge, Review
from .services import assign, save_score, submit_review

JUDGING_EDITION_NUMBER = 98
APPLICATIONS = 6
# Registry areas entered in the judging demo (none of them is a base demo organisation).
AREA_CODES = ["3400102", "3520102", "3630601", "3840102", "4160102", "3570102"]

# (judge index, application index, points per criterion as fractions of the maximum, submit)
REVIEWS = [
    (1, 0, (0.8, 0.75, 0.7, 0.8, 0.7, 0.9), True),
    (2, 0, (0.7, 0.7, 0.65, 0.75, 0.6, 0.8), True),
    (0, 2, (0.9, 0.85, 0.8, 0.9, 0.8, 0.85), True),
    (2, 2, (0.6, 0.55, 0.6, 0.7, 0.5, 0.6), True),
    (1, 1, (0.7, 0.8, 0.75, 0.7, 0.7, 0.8), True),
    (0, 3, (0.5, 0.6, 0.5, None, None, None), False),
    (2, 4, (0.9, 0.9, 0.85, 0.9, 0.9, 0.95), True),
    (1, 4, (0.85, 0.8, None, None, None, None), False),
]


def judging_phases(now: dt.datetime) -> dict[str, tuple[dt.datetime, dt.datetime]]:
    """Registration and submission over, the presentations held, judging open for two weeks."""
    today = timezone.localtime(now).replace(hour=0, minute=0, second=0, microsecond=0)

    def day(offset: int, end: bool = False) -> dt.datetime:
        moment = today + dt.timedelta(days=offset)
        return moment + dt.timedelta(hours=23, minutes=59, seconds=59) if end else moment

    return {
        PhaseKind.REGISTRATION: (day(-90), day(-60, end=True)),
        PhaseKind.TRAINING: (day(-55), day(-54, end=True)),
        PhaseKind.SUBMISSION: (day(-50), day(-20, end=True)),
        PhaseKind.PRESENTATION: (day(-10), day(-10, end=True)),
        PhaseKind.JUDGING: (day(-5), day(14, end=True)),
        PhaseKind.CEREMONY: (day(30), day(30, end=True)),
    }


def ensure_judging_edition(source: Edition, now: dt.datetime | None = None) -> Edition:
    """Edition 98, copied from ``source`` once, its dates re-anchored on ``now``."""
    now = now or timezone.now()
    phases = judging_phases(now)
    edition = Edition.objects.filter(number=JUDGING_EDITION_NUMBER).first()
    if edition is None:
        return copy_edition(
            source,
            number=JUDGING_EDITION_NUMBER,
            year_be=be_year(now),
            title_th="รางวัลเมืองแห่งการเรียนรู้ระดับท้องถิ่น — รอบสาธิตการพิจารณาคะแนน",
            title_en="Local Learning City Award — practice judging",
            phases=phases,
            is_demo=True,
        )
    for kind, (start, end) in phases.items():
        Phase.objects.update_or_create(
            edition=edition, kind=kind, defaults={"starts_at": start, "ends_at": end}
        )
    return edition


def _areas() -> list[LocalGovernment]:
    found = {lg.dla_code: lg for lg in LocalGovernment.objects.filter(dla_code__in=AREA_CODES)}
    areas = [found[code] for code in AREA_CODES if code in found]
    if len(areas) < APPLICATIONS:
        # A registry without these codes (a small test registry): take any municipalities.
        areas += list(
            LocalGovernment.objects.exclude(pk__in=[a.pk for a in areas])
            .exclude(organisations__isnull=False)
            .order_by("dla_code")[: APPLICATIONS - len(areas)]
        )
    return areas


def build(context) -> None:
    edition = ensure_judging_edition(context.source)
    applications = ensure_submitted_applications(
        edition, _areas(), context.secretariat, APPLICATIONS
    )
    users = [context.person(f"judge{n}") for n in (1, 2, 3)]
    judges = []
    for number, user in enumerate(users):
        judge, _created = Judge.objects.get_or_create(edition=edition, user=user)
        if judge.is_chair != (number == 0):
            judge.is_chair = number == 0
            judge.save(update_fields=["is_chair"])
        judges.append(judge)
    # Judges 1–3 in turn: every application gets two judges, every other one three.
    for index, application in enumerate(applications):
        count = 3 if index % 2 == 0 else 2
        for offset in range(count):
            assign(judges[(index + offset) % 3], application, context.secretariat)
    criteria = list(edition.criteria.order_by("number"))
    for judge_index, app_index, fractions, submit in REVIEWS:
        if app_index >= len(applications):
            continue
        judge = judges[judge_index]
        review = Review.objects.filter(
            assignment__judge=judge, assignment__application=applications[app_index]
        ).first()
        if review is None or review.status == ReviewStatus.SUBMITTED or review.scores.exists():
            continue
        for criterion, fraction in zip(criteria, fractions, strict=False):
            if fraction is None:
                continue
            points = round(criterion.max_points * fraction * 2) / 2
            save_score(review, criterion, points, "", judge.user)
        if submit:
            submit_review(review, judge.user)
    context.summary.append(
        f"รอบสาธิตการพิจารณาคะแนน (รอบที่ {edition.number}): ใบสมัครที่ส่งแล้ว "
        f"{len(applications)} ฉบับ กรรมการ {', '.join(u.email for u in users)} "
        "(judge1 เป็นประธาน) — /judging/"
    )
