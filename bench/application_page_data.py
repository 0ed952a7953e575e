"""Data of the application-page benchmark (bench/application_page.py): 1,000 areas whose
applications hold realistic answers and rows, all but the first submitted and reviewed by every
judge. Needs Django set up."""

import time
from decimal import Decimal

PHRASES = (
    "เทศบาลร่วมกับโรงเรียนและชุมชนจัดตั้งศูนย์การเรียนรู้ตลอดชีวิตประจำตำบล",
    "เด็กและเยาวชนนอกระบบการศึกษาได้กลับเข้าสู่การเรียนรู้ผ่านหลักสูตรอาชีพระยะสั้น",
    "คณะทำงานประชุมทุกเดือนเพื่อติดตามผลและปรับแผนร่วมกับภาคีเครือข่าย",
    "ผู้สูงอายุถ่ายทอดภูมิปัญญาท้องถิ่นให้คนรุ่นใหม่ที่ลานวัฒนธรรมของชุมชน",
    "ห้องสมุดประชาชนเปิดให้บริการถึงสองทุ่มและมีมุมเรียนรู้ดิจิทัลสำหรับทุกวัย",
    "งบประมาณส่วนหนึ่งมาจากภาคเอกชนในพื้นที่และกองทุนหมู่บ้าน",
    "ผลการประเมินพบว่าอัตราการอ่านออกเขียนได้ของเด็กประถมเพิ่มขึ้นอย่างชัดเจน",
)


def narrative(seed: int, length: int = 2000) -> str:
    """About ``length`` characters of Thai in paragraphs."""
    parts, size, n = [], 0, seed
    while size < length:
        sentence = PHRASES[n % len(PHRASES)]
        parts.append(sentence + ("\n\n" if n % 4 == 3 else " "))
        size += len(parts[-1])
        n += 3
    return "".join(parts).strip()


def row_values(kind: str, n: int) -> dict:
    import datetime as dt

    values = {
        "indicator": {
            "beneficiary_group": f"เด็กอายุ 6–12 ปี กลุ่ม {n}",
            "baseline": Decimal(40 + n),
            "result": Decimal("62.5") + n,
            "unit": "ร้อยละ",
            "method": "แบบทดสอบการอ่านของสำนักงานเขตพื้นที่การศึกษา",
            "period": "ปีงบประมาณ 2568",
        },
        "learningplace": {
            "name": f"ห้องสมุดประชาชนตำบล แห่งที่ {n}",
            "place_type": "ห้องสมุด",
            "address": "หมู่ 3 ถนนเทศบาล 2",
            "latitude": Decimal("18.7883"),
            "longitude": Decimal("98.9853"),
            "serves": "เด็ก เยาวชน ผู้สูงอายุ",
            "opening_hours": "08:30–20:00",
            "cost": "ไม่มีค่าใช้จ่าย",
            "accessibility": "ทางลาดสำหรับรถเข็น",
        },
        "partner": {
            "name": f"โรงเรียนบ้านคลองท่อม {n}",
            "sector": ("education", "private", "community")[n % 3],
            "contribution": "ครูอาสาสอนอ่านทุกวันเสาร์",
            "amount_baht": Decimal(25000 * (n + 1)),
        },
        "workinggroupmember": {"name": f"นายสมศักดิ์ ใจดี {n}", "role": "กรรมการ"},
        "meeting": {
            "held_on": dt.date(2026, 5, 2) + dt.timedelta(days=30 * n),
            "attendance": 18 + n,
            "note": "ติดตามผลและวางแผนไตรมาสถัดไป",
        },
        "casestudy": {
            "alias": f"น้อง{'กขค'[n % 3]}",
            "age_group": ("child", "youth", "elder")[n % 3],
            "before": "ออกจากโรงเรียนกลางคันและไม่มีรายได้",
            "after": "เรียนจบหลักสูตรอาชีพและมีรายได้จากการขายสินค้าออนไลน์",
            "evidence": "ภาพถ่ายและบันทึกของครูพี่เลี้ยง",
            "consent_to_publish": n % 2 == 0,
        },
    }
    return values[kind]


def build(count: int, judge_count: int, rows_per_kind: int = 3, chars: int = 2000):
    """Everything listed in the module docstring; returns the measured registration and its
    coordinator."""
    from django.contrib.auth.hashers import make_password
    from django.core.management import call_command
    from django.db import connection
    from django.utils import timezone

    from learningcity.accounts.enums import MembershipRole, OrganisationKind, Role
    from learningcity.accounts.models import Membership, Organisation, User
    from learningcity.applications.enums import ApplicationStatus, RegistrationStatus
    from learningcity.applications.models import (
        SECTION_ROWS,
        Answer,
        Application,
        Registration,
    )
    from learningcity.demo.builder import demo_phases
    from learningcity.editions.models import Edition
    from learningcity.judging.enums import ReviewStatus
    from learningcity.judging.models import Assignment, Judge, Review, Score
    from learningcity.registry.models import LocalGovernment

    started = time.perf_counter()
    call_command("load_edition", verbosity=0)
    call_command("import_registry", verbosity=0)
    edition = Edition.objects.get(number=1)
    for kind, (starts_at, ends_at) in demo_phases(timezone.now()).items():
        edition.phases.filter(kind=kind).update(starts_at=starts_at, ends_at=ends_at)
    print(f"edition 1 + registry: {time.perf_counter() - started:.1f} s")

    started = time.perf_counter()
    criteria = list(edition.criteria.order_by("number"))
    categories = list(edition.categories.order_by("order"))
    lgs = list(LocalGovernment.objects.order_by("pk")[:count])
    now = timezone.now()
    password = make_password("pagespeed-2569")
    users = User.objects.bulk_create(
        User(
            email=f"c{n}@pagespeed.invalid",
            full_name=f"ผู้ประสานงาน ทดสอบ {n}",
            role=Role.APPLICANT,
            password=password,
            email_verified_at=now,
            privacy_accepted_at=now,
        )
        for n in range(len(lgs))
    )
    organisations = Organisation.objects.bulk_create(
        Organisation(
            name=lg.full_name_th, kind=OrganisationKind.LOCAL_GOVERNMENT, local_government=lg
        )
        for lg in lgs
    )
    Membership.objects.bulk_create(
        Membership(user=user, organisation=org, role=MembershipRole.COORDINATOR)
        for user, org in zip(users, organisations, strict=True)
    )
    registrations = Registration.objects.bulk_create(
        Registration(
            edition=edition,
            organisation=org,
            local_government=org.local_government,
            category=categories[n % len(categories)],
            population=5000 + n,
            population_source="ทะเบียนราษฎร",
            population_year_be=2568,
            head_name="นายก ทดสอบ",
            head_position="นายกเทศมนตรี",
            coordinator_name=users[n].full_name,
            coordinator_phone="081 234 5678",
            coordinator_email=users[n].email,
            status=RegistrationStatus.APPROVED,
            created_by=users[n],
        )
        for n, org in enumerate(organisations)
    )
    applications = Application.objects.bulk_create(
        Application(registration=registration)
        if n == 0
        else Application(
            registration=registration,
            status=ApplicationStatus.SUBMITTED,
            reference=f"LCA1-{registration.category.code[:1]}-{n:05d}",
            submitted_at=now,
        )
        for n, registration in enumerate(registrations)
    )
    answers = Answer.objects.bulk_create(
        (
            Answer(
                application=application,
                criterion=criterion,
                narrative=narrative(n + criterion.number, chars),
                evidence_confirmed=True,
                version=4,
                updated_at=now,
                updated_by=users[n],
            )
            for n, application in enumerate(applications)
            for criterion in criteria
        ),
        batch_size=2000,
    )
    section_of = {criterion.pk: criterion.section for criterion in criteria}
    rows = {}
    for answer in answers:
        for model in SECTION_ROWS.get(section_of[answer.criterion_id], ()):
            rows.setdefault(model, []).extend(
                model(answer=answer, order=order, **row_values(model.kind(), order))
                for order in range(rows_per_kind)
            )
    for model, instances in rows.items():
        model.objects.bulk_create(instances, batch_size=2000)

    judge_users = User.objects.bulk_create(
        User(email=f"judge{n}@pagespeed.invalid", full_name=f"กรรมการ {n}", role=Role.JUDGE)
        for n in range(judge_count)
    )
    judges = Judge.objects.bulk_create(Judge(edition=edition, user=user) for user in judge_users)
    assignments = Assignment.objects.bulk_create(
        (Assignment(judge=judge, application=a) for a in applications[1:] for judge in judges),
        batch_size=5000,
    )
    reviews = Review.objects.bulk_create(
        (
            Review(assignment=a, status=ReviewStatus.SUBMITTED, submitted_at=now)
            for a in assignments
        ),
        batch_size=5000,
    )
    Score.objects.bulk_create(
        (
            Score(
                review=review,
                criterion=criterion,
                half_points=(review.pk + criterion.number) % (criterion.max_points * 2 + 1),
                max_points=criterion.max_points,
                updated_at=now,
            )
            for review in reviews
            for criterion in criteria
        ),
        batch_size=5000,
    )
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    print(
        f"built {len(applications):,} applications ({len(answers):,} answers, "
        f"{sum(len(v) for v in rows.values()):,} rows) × {len(judges)} judges "
        f"({len(reviews):,} reviews): {time.perf_counter() - started:.1f} s"
    )
    return registrations[0], users[0]


def kept():
    """The measured registration and its coordinator in a database kept by --keep."""
    from learningcity.accounts.models import User
    from learningcity.applications.models import Registration

    coordinator = User.objects.get(email="c0@pagespeed.invalid")
    return Registration.objects.get(created_by=coordinator), coordinator
