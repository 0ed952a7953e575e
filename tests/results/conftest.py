import pytest

from learningcity.accounts.enums import Role
from learningcity.judging import services as judging
from tests.factories import EditionFactory, UserFactory
from tests.judging.factories import JudgeFactory, SubmittedApplicationFactory, scored_review

# The points of a review in the partly scored category (criteria 1..6, 90 in all).
POINTS = [14, 18, 18, 14, 13, 13]
SETTINGS = {
    "awards_per_category": 1,
    "honourable_mentions_per_category": 2,
    "feedback_to_applicants": True,
    "signatories": [
        {"name_th": "ศาสตราจารย์ ดร.สมศรี ใจดี", "position_th": "ประธานคณะกรรมการผู้ทรงคุณวุฒิ"},
        {"name_th": "นายสมชาย เรียนรู้", "position_th": "ผู้จัดการกองทุนเพื่อความเสมอภาคทางการศึกษา"},
    ],
}


@pytest.fixture
def edition():
    edition = EditionFactory()
    edition.settings = dict(SETTINGS)
    edition.save(update_fields=["settings"])
    return edition


@pytest.fixture
def youth(edition):
    return edition.categories.get(code="YOUTH")


@pytest.fixture
def secretariat():
    return UserFactory(role=Role.SECRETARIAT)


@pytest.fixture
def chair(edition):
    return JudgeFactory(edition=edition, is_chair=True)


@pytest.fixture
def judge(edition):
    return JudgeFactory(edition=edition)


@pytest.fixture
def scored(edition, youth, chair, judge):
    """Three YOUTH applications scored by the chair and a judge: A 90/80, B 70/60, C 50/40."""
    points = {
        "A": ([14, 18, 18, 14, 13, 13], [12, 16, 16, 12, 12, 12]),
        "B": ([10, 14, 14, 11, 11, 10], [9, 12, 12, 9, 9, 9]),
        "C": ([8, 10, 10, 8, 7, 7], [6, 8, 8, 6, 6, 6]),
    }
    made = {}
    for name, (first, second) in points.items():
        application = SubmittedApplicationFactory(
            registration__edition=edition, registration__category=youth
        )
        scored_review(chair, application, first)
        review = scored_review(judge, application, second)
        made[name] = application
    score = review.scores.get(criterion__number=1)
    score.comment = "ควรเก็บข้อมูลผู้ใช้แหล่งเรียนรู้ให้ต่อเนื่อง"
    score.save()
    review.overall_comment = "มีความตั้งใจดี ควรขยายภาคีเครือข่าย"
    review.save()
    return made


@pytest.fixture
def third(edition):
    return JudgeFactory(edition=edition, user__full_name="นางสาวสาม ผู้ทรงคุณวุฒิ")


@pytest.fixture
def partly(edition, youth, chair, judge, third):
    """Three YOUTH applications, one review each: A submitted (chair), B scored but a draft
    (judge), C assigned and untouched (third) — 1 of 3 reviews in."""
    made = {
        name: SubmittedApplicationFactory(
            registration__edition=edition, registration__category=youth
        )
        for name in "ABC"
    }
    scored_review(chair, made["A"], POINTS)
    scored_review(judge, made["B"], POINTS, submit=False)
    judging.assign(third, made["C"], actor=None)
    return made
